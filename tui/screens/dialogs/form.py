"""The shape every dialog with fields shares: save (ctrl+s, entrée in a field) or cancel."""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.containers import Horizontal
from textual.widgets import Button, Input

from tui import keys
from tui.base import BinomeModal

ResultT = TypeVar("ResultT")


class FormDialog(BinomeModal[ResultT]):
    """A dialog with fields and two buttons: « save » (ctrl+s, or entrée in a field) runs
    ``action_submit``, which each dialog writes; « cancel » (échap) closes with None."""

    KEYS = "formulaire"
    BINDINGS = keys.bindings("formulaire")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_submit()
        else:
            self.action_cancel()

    @on(Input.Submitted)
    def _field_submitted(self) -> None:
        self.action_submit()

    @staticmethod
    def buttons(save_label: str) -> Horizontal:
        """The row each of these dialogs ends with: « save », then « Annuler (échap) »."""
        return Horizontal(
            Button(save_label, id="save", variant="primary"),
            Button("Annuler (échap)", id="cancel"),
            classes="dialog-buttons",
        )

    def action_submit(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)
