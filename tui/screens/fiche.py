"""The fiche orientation for the person: read it, copy it, save it as a printable file."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from ressources.errors import describe_os_error
from ressources.fiche import WIDTH, fiche_orientation
from ressources.models import Resource
from ressources.text import fold
from tui import keys
from tui.base import BinomeModal
from tui.files import fiches_dir, save_document

__all__ = ["FicheScreen", "fiches_dir"]


class FicheScreen(BinomeModal[None]):
    KEYS = "fiche"
    BINDINGS = keys.bindings("fiche")

    def __init__(self, resource: Resource) -> None:
        super().__init__()
        self.resource = resource
        self.text = fiche_orientation(resource, today=self.app.clock())

    def compose(self) -> ComposeResult:
        with Vertical(id="fiche-dialog"):
            yield Label("Fiche orientation", id="fiche-title")
            with VerticalScroll(id="fiche-body"):
                yield Static(self.text, id="fiche-text", markup=False)
            with Horizontal(id="fiche-buttons"):
                yield Button(
                    keys.with_key(self.app, "fiche.copier", "Copier"), id="copy", variant="primary"
                )
                yield Button(keys.with_key(self.app, "fiche.enregistrer", "Enregistrer"), id="save")
                yield Button("Fermer (échap)", id="close")

    def on_resize(self) -> None:
        # Shown at the dialog's width when narrower than a printed line (80 columns); what
        # is copied or saved stays at the printed width.
        self.call_after_refresh(self._fit_text)

    def _fit_text(self) -> None:
        shown = self.query_one("#fiche-text", Static)
        width = shown.content_size.width
        if width:
            today = self.app.clock()
            shown.update(fiche_orientation(self.resource, today=today, width=min(WIDTH, width)))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"copy": self.action_copy, "save": self.action_save, "close": self.action_close}[
            event.button.id or "close"
        ]()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.notify("Fiche copiée : collez-la dans un courriel ou un document.")

    def action_save(self) -> None:
        slug = re.sub(r"[^a-z0-9]+", "-", fold(self.resource.nom)).strip("-")[:50] or "ressource"
        filename = f"fiche-{slug}-{self.app.clock().isoformat()}.txt"
        try:
            message = save_document(
                self.app, filename, self.text.encode("utf-8"), "text/plain; charset=utf-8"
            )
        except OSError as exc:
            self.notify(
                f"Impossible d'enregistrer la fiche : {describe_os_error(exc)}", severity="error"
            )
            return
        self.notify(message.replace("Enregistré", "Fiche enregistrée"), timeout=8)

    def action_close(self) -> None:
        self.dismiss(None)
