"""The Demandeur screen's documents: the rendez-vous with the ASS, and the PDFs (fiche de
liaison, courrier) produced by :mod:`caseload.documents` and saved in Documents/Binome.

The file is named by the demandeur's number, never by the name. In a terminal the PDF is saved
on disk; served to a browser (``textual serve``), it is a download (``App.deliver_binary``) and
nothing is left on the server's disk."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from caseload import documents, parcours
from caseload.store import Caseload, Demandeur
from ressources.errors import BinomeError, InvalidValue, describe_os_error
from tui import busy, keys
from tui.base import BinomeModal
from tui.files import fiches_dir, save_document, shown_path
from tui.screens.common import fr_date, parse_fr_date
from tui.screens.dialogs.form import FormDialog

KINDS = {
    "fiche-liaison": (
        "Fiche de liaison (annexe 4), à envoyer par Fil'R",
        documents.fiche_liaison_pdf,
    ),
    "courrier": ("Courrier au demandeur : l'ASS et le rendez-vous", documents.courrier_pdf),
}


def file_name(caseload: Caseload, demandeur_id: int, kind: str) -> str:
    return f"{kind}-{demandeur_id}-{caseload.clock().isoformat()}.pdf"


class DocumentsScreen(BinomeModal[Path | None]):
    """Which document to produce."""

    KEYS = "choix"
    BINDINGS = keys.bindings("choix")

    def __init__(self, caseload: Caseload, demandeur_id: int) -> None:
        super().__init__()
        self.caseload = caseload
        self.demandeur_id = demandeur_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="documents-dialog"):
            yield Label("Documents du demandeur (PDF)", classes="dialog-title")
            yield OptionList(
                *[Option(label, id=k) for k, (label, _) in KINDS.items()], id="documents-list"
            )
            yield Static("", id="documents-error", classes="dialog-error", markup=False)
            yield Label(f"Enregistrés dans {shown_path(fiches_dir())}", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#documents-list", OptionList).focus()

    @on(OptionList.OptionSelected, "#documents-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        kind = str(event.option.id)
        name = file_name(self.caseload, self.demandeur_id, kind)
        try:
            data = KINDS[kind][1](self.caseload, self.demandeur_id)
            # Served, a download to the visitor's browser; in a terminal, Documents/Binome.
            message = save_document(self.app, name, data, "application/pdf")
        except BinomeError as exc:
            self.query_one("#documents-error", Static).update(str(exc))
            self.notify(str(exc), severity="error", timeout=10)
            return
        except OSError as exc:
            text = f"Impossible d'enregistrer {name} : {describe_os_error(exc)}."
            self.query_one("#documents-error", Static).update(text)
            self.notify(text, severity="error", timeout=10)
            return
        self.notify(message, timeout=10)
        self.dismiss(None if self.app.is_web else fiches_dir() / name)

    def action_cancel(self) -> None:
        self.dismiss(None)


class RendezVousScreen(FormDialog[bool | None]):
    """The rendez-vous with the ASS: day, time, site of the MDS."""

    def __init__(
        self, caseload: Caseload, demandeur: Demandeur, sites: list[tuple[str, str]], site_id: str
    ) -> None:
        super().__init__()
        self.caseload = caseload
        self.demandeur = demandeur
        self.sites = sites
        self.site_id = site_id

    def compose(self) -> ComposeResult:
        rdv = self.demandeur.parcours.rendez_vous
        with Vertical(classes="dialog", id="rdv-dialog"):
            yield Label("Rendez-vous avec l'ASS", classes="dialog-title")
            yield Label("Jour (JJ/MM/AAAA)", classes="field-label")
            yield Input(fr_date(rdv.jour) if rdv else "", id="rdv-jour", max_length=10)
            yield Label("Heure (HH:MM)", classes="field-label")
            yield Input(rdv.heure if rdv else "09:00", id="rdv-heure", max_length=5)
            yield Label("Site", classes="field-label")
            yield Select(
                self.sites,
                value=rdv.site_id if rdv else self.site_id,
                allow_blank=False,
                id="rdv-site",
            )
            yield Static("", id="rdv-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Enregistrer (ctrl+s)", id="save", variant="primary")
                yield Button("Annuler (échap)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#rdv-jour", Input).focus()

    def action_submit(self) -> None:
        error = self.query_one("#rdv-error", Static)
        try:
            jour = parse_fr_date(self.query_one("#rdv-jour", Input).value)
        except InvalidValue as exc:
            error.update(str(exc))
            return
        rdv = parcours.RendezVous(
            jour,
            self.query_one("#rdv-heure", Input).value.strip(),
            str(self.query_one("#rdv-site", Select).value),
        )
        try:
            with busy.attempt(self):
                self.caseload.set_rendez_vous(self.demandeur.id, rdv)
        except BinomeError as exc:
            if busy.retry_later(self, exc, self.action_submit):
                return
            error.update(str(exc))
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.dismiss(True)
