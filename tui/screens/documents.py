"""The Demandeur screen's documents: the PDFs (fiche de liaison, courrier) produced by
:mod:`caseload.documents`, saved in Documents/Binome (the rendez-vous they name is set in
``tui.screens.dialogs.rendez_vous``).

The file is named by the demandeur's number, never by the name. In a terminal the PDF is saved
on disk; served to a browser (``textual serve``), it is a download (``App.deliver_binary``) and
nothing is left on the server's disk."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from caseload import documents
from caseload.store import Caseload
from ressources.errors import BinomeError, describe_os_error
from tui import keys
from tui.base import BinomeModal
from tui.files import fiches_dir, save_document, shown_path

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
