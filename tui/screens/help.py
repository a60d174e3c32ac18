"""F1: what the keys do and how to work, in French, opened at the section of the screen on
view. The key tables come from the registry (tui/keys.py), so they say the keys as they are,
the person's keymap file included."""

from __future__ import annotations

from importlib import resources

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from tui import keys
from tui.base import BinomeModal


def help_text(app=None) -> str:
    """help.md with its key tables filled in from the registry."""
    text = (resources.files("tui") / "help.md").read_text(encoding="utf-8")
    return keys.help_markdown(app, text)


class HelpScreen(BinomeModal[None]):
    KEYS = "aide"
    BINDINGS = keys.bindings("aide")

    def __init__(self, section: str | None = None) -> None:
        super().__init__()
        self.section = section

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(help_text(self.app), id="help-text")

    def on_mount(self) -> None:
        if self.section:
            # The document lays out first; then its heading can be scrolled to the top.
            self.call_after_refresh(self._go_to_section)

    def _go_to_section(self) -> None:
        if self.section:
            self.query_one("#help-text", Markdown).goto_anchor(self.section)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
