"""Something to read (why steps are not offered…): échap or entrée closes it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from tui import keys
from tui.base import BinomeModal


class InfoScreen(BinomeModal[None]):
    """Something to read (why steps are not offered…): échap or entrée closes it."""

    KEYS = "information"
    BINDINGS = keys.bindings("information")

    def __init__(self, title: str, text: Text | str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="info-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(id="info-scroll"):
                yield Static(self.text, id="info-text", classes="dialog-body", markup=False)
            yield Label("échap : fermer", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#info-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
