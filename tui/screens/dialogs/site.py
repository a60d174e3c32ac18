"""Choose the site a commune is attached to (the confirmation comes next)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Select, Static

from caseload.territoire import Site
from tui import keys
from tui.base import BinomeModal


class SiteScreen(BinomeModal[str | None]):
    """Choose the site a commune is attached to (the confirmation comes next)."""

    KEYS = "choix"
    BINDINGS = keys.bindings("choix")

    def __init__(self, commune: str, current: Site, sites: list[tuple[str, str]]) -> None:
        """``sites``: (label, site id) for every site."""
        super().__init__()
        self.commune = commune
        self.current = current
        self.sites = sites

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="site-dialog"):
            yield Label(f"Rattacher {self.commune} à un autre site", classes="dialog-title")
            current = self.app.territoire.site_label(self.current)  # never « MDS » alone
            yield Static(f"Site actuel : {current}", classes="dialog-body", markup=False)
            choices = [
                (label, site_id) for label, site_id in self.sites if site_id != self.current.id
            ]
            yield Select(choices, prompt="Choisir le nouveau site", id="site")
            yield Static("", id="site-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Continuer", id="next", variant="primary")
                yield Button("Annuler (échap)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#site", Select).focus()

    @on(Select.Changed, "#site")
    def site_changed(self, event: Select.Changed) -> None:
        # Chosen, not yet asked: « Continuer » takes the focus (the question came at once,
        # and the Tab, Entrée a person makes to reach « Continuer » answered it yes).
        if event.value is not Select.NULL:
            self.query_one("#site-error", Static).update("")
            self.query_one("#next", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.dismiss(None)
            return
        value = self.query_one("#site", Select).value
        if value is Select.NULL:
            self.query_one("#site-error", Static).update("Choisissez un site.")
            return
        self.dismiss(str(value))

    def action_cancel(self) -> None:
        self.dismiss(None)
