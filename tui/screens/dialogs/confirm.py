"""Yes or no before anything that changes shared data, and leaving a form with unsaved changes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Label, Static

from tui import keys
from tui.base import BinomeModal


def leave_unless_changed(screen: Screen, changed: bool, warning: str, yes: str) -> None:
    """Close a form; when it holds unsaved changes, only once the person has said so."""
    if not changed:
        screen.dismiss(None)
        return

    def answered(leave: bool | None) -> None:
        if leave:
            screen.dismiss(None)

    screen.app.push_screen(ConfirmScreen("Quitter sans enregistrer ?", warning, yes=yes), answered)


def ask(screen_or_app, title: str, question: str, yes: str, then) -> None:
    """Ask before changing shared data; *then()* runs only on a yes."""
    app = screen_or_app.app

    def answered(answer: bool | None) -> None:
        if answer:
            then()

    app.push_screen(ConfirmScreen(title, question, yes=yes), answered)


class ConfirmScreen(BinomeModal[bool]):
    """A yes/no question before anything that changes shared data."""

    KEYS = "confirmation"
    BINDINGS = keys.bindings("confirmation")

    def __init__(self, title: str, question: str, yes: str = "Confirmer") -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.question, id="confirm-question", classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    keys.with_key(self.app, "confirmation.oui", self.yes),
                    id="yes",
                    variant="primary",
                )
                yield Button("Annuler (échap)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
