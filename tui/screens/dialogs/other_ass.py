"""Name an ASS of another MDS, with the reason the parcours records."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from tui import keys
from tui.screens.dialogs.form import FormDialog


class OtherAssScreen(FormDialog[tuple[str, str] | None]):
    """An ASS of another MDS, with the reason (parcours.ASS_OF_THE_MDS): (ass id, reason)."""

    BINDINGS = keys.bindings("autre_ass")

    def __init__(self, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="autre-ass-dialog"):
            yield Label("ASS d'une autre MDS", classes="dialog-title")
            yield Static(
                "La convention confie la recherche du travailleur social à la MDS du lieu "
                "d'habitation : dites pourquoi une ASS d'une autre MDS suit la personne.",
                classes="dialog-body",
                markup=False,
            )
            yield Select(self.choices, prompt="Choisir l'ASS", id="autre-ass")
            yield Label("Raison (enregistrée dans le parcours)", classes="field-label")
            yield Input(
                placeholder="ex. déjà suivie par cette ASS avant son déménagement",
                id="autre-raison",
                max_length=300,
            )
            yield Static("", id="autre-error", classes="dialog-error", markup=False)
            yield self.buttons("Désigner (ctrl+s)")

    def on_mount(self) -> None:
        self.query_one("#autre-ass", Select).focus()

    def action_submit(self) -> None:
        ass = self.query_one("#autre-ass", Select).value
        raison = self.query_one("#autre-raison", Input).value.strip()
        error = self.query_one("#autre-error", Static)
        if ass is Select.NULL:
            error.update("Choisissez l'ASS.")
            return
        if not raison:
            error.update("La raison est obligatoire pour une ASS d'une autre MDS.")
            self.query_one("#autre-raison", Input).focus()
            return
        self.dismiss((str(ass), raison))
