"""F1: what the keys do and how to work, in French, opened at the section of the screen on
view. The key tables come from the registry (tui/keys.py), so they say the keys as they are,
the person's keymap file included."""

from __future__ import annotations

from importlib import resources

from rich.table import Table
from rich.text import Text
from textual._slug import TrackedSlugs
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static
from textual.widgets._markdown import MarkdownTable

from tui import keys
from tui.base import BinomeModal


def help_text(app=None) -> str:
    """help.md with its key tables filled in from the registry."""
    text = (resources.files("tui") / "help.md").read_text(encoding="utf-8")
    return keys.help_markdown(app, text)


class KeyTable(MarkdownTable):
    """A table of the help (an area's keys) drawn by one widget.

    Textual's own table is a grid of a widget per cell, measured again at every layout:
    the help's 13 tables made 180 cells, and most of the 2–3 s the first F1 took."""

    DEFAULT_CSS = """
    KeyTable > Static {
        height: auto;
        padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        headers, rows = self._get_headers_and_rows()
        accent = self.app.current_theme.accent or "bold"
        table = Table(box=None, expand=True, pad_edge=False, header_style="bold")
        table.add_column(headers[0].plain if headers else "", no_wrap=True, style=accent)
        for header in headers[1:]:
            table.add_column(header.plain, ratio=1)
        for row in rows:
            table.add_row(*(Text(cell.plain) for cell in row))
        yield Static(table)


class HelpMarkdown(Markdown):
    BLOCKS = {**Markdown.BLOCKS, "table_open": KeyTable}


class HelpScreen(BinomeModal[None]):
    KEYS = "aide"
    BINDINGS = keys.bindings("aide")

    def __init__(self, section: str | None = None) -> None:
        super().__init__()
        self.section = section

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield HelpMarkdown(help_text(self.app), id="help-text")

    def on_mount(self) -> None:
        if self.section:
            # The document lays out first; then its heading can be scrolled to the top.
            self.call_after_refresh(self._go_to_section)

    def _go_to_section(self) -> None:
        """The screen's section on top at once (Markdown.goto_anchor animates the scroll
        through the whole help: a moment of text running by, and a test reading it midway)."""
        if not self.section:
            return
        markdown = self.query_one("#help-text", Markdown)
        unique = TrackedSlugs()
        for _, title, header_id in markdown.table_of_contents:
            if unique.slug(title) == self.section:
                markdown.query_one(f"#{header_id}").scroll_visible(top=True, animate=False)
                return

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
