"""F1: what the keys do and how to search, in French."""

from __future__ import annotations

from importlib import resources

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from tui.base import BinomeModal


class HelpScreen(BinomeModal[None]):
    BINDINGS = [
        Binding("escape,f1,q", "dismiss", "Fermer l'aide"),
    ]

    def compose(self) -> ComposeResult:
        text = (resources.files("tui") / "help.md").read_text(encoding="utf-8")
        with VerticalScroll(id="help-body"):
            yield Markdown(text)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
