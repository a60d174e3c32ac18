"""Yes or no before anything that changes shared data, and leaving a form with unsaved changes.

A yes is a deliberate gesture: ``ctrl+o``, or Tab (or an arrow) to the button then Enter, or a
click. The focus starts on « Annuler », so Enter alone cancels, and a letter answers nothing: an
ASS who pressed ctrl+k by mistake and went on typing « velo » used to certify the entry with its
« o » (issue 13, stray letters act on data).
"""

from __future__ import annotations

from dataclasses import replace

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingsMap
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

    question = ConfirmScreen("Quitter sans enregistrer ?", warning, yes=yes, cancel_said=False)
    screen.app.push_screen(question, answered)


def ask(screen_or_app, title: str, question: str, yes: str, then) -> None:
    """Ask before changing shared data; *then()* runs only on a yes."""
    app = screen_or_app.app

    def answered(answer: bool | None) -> None:
        if answer:
            then()

    app.push_screen(ConfirmScreen(title, question, yes=yes), answered)


class ConfirmScreen(BinomeModal[bool]):
    """A yes/no question before anything that changes shared data.

    « Annuler » says what was not done (« Annulé : « Confirmer » n'a pas été fait. »), unless
    *cancel_said* is False: a question about leaving (« Quitter sans enregistrer ? »,
    « Quitter Binôme ? ») is answered by the screen still in view, the work still in it."""

    KEYS = "confirmation"
    BINDINGS = keys.bindings("confirmation")

    YES = "confirmation.oui"
    LETTERS_HINT = "Choisissez avec Tab puis Entrée"

    def __init__(
        self, title: str, question: str, yes: str = "Confirmer", *, cancel_said: bool = True
    ) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.yes = yes
        self.cancel_said = cancel_said
        self._hinted = False
        # The footer names the yes key by the button's words (« ctrl+o Traité »), not by a
        # generic « Confirmer » that left a person to guess what it would do.
        self._bindings = BindingsMap(
            [
                replace(binding, description=yes) if binding.id == self.YES else binding
                for _key, binding in self._bindings
            ]
        )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.question, id="confirm-question", classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    keys.with_key(self.app, self.YES, self.yes),
                    id="yes",
                    variant="primary",
                )
                yield Button("Annuler (échap)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # Enter alone cancels

    def on_key(self, event: events.Key) -> None:
        if event.key in ("left", "right", "up", "down"):
            # Two buttons side by side: any arrow goes to the other one, as Tab does.
            event.stop()
            self.focus_next(Button)
            return
        if event.is_printable:
            # A letter answers nothing; said once, not at every letter of a word typed on.
            event.stop()
            if not self._hinted:
                self._hinted = True
                yes_key = keys.keys_text(self.app, keys.find(self.YES))
                self.notify(
                    f"{self.LETTERS_HINT} (ou {yes_key} pour « {self.yes} », échap pour "
                    "annuler) : une lettre tapée ne répond pas.",
                    title=self.title_text,
                    severity="warning",
                )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        if not value and self.cancel_said:
            # Enter alone cancels (the focus starts on « Annuler »): said, so that nobody
            # takes the closed dialog for a yes.
            self.notify(f"Annulé : « {self.yes} » n'a pas été fait.", title=self.title_text)
        self.dismiss(value)
