"""A scrolling pane of text drawn line by line: a new text redraws the pane, not the screen.

A Static in a VerticalScroll, given a new text, asks for a new layout of the screen (its
height follows its text), then a second one (the container's scrollable size follows the
Static's), and renders its text again at each of them (issue 12: the Ressources detail at
every key typed). Here the text is wrapped once for the pane's width and kept as lines; a new
text of another height changes the scrollbar, and lays the screen out again only when the
scrollbar comes or goes.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget


class TextPane(ScrollView, can_focus=False):
    """Rich text, wrapped to the pane's width, scrolled vertically."""

    DEFAULT_CSS = """
    TextPane {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    def __init__(
        self,
        text: Text | str = "",
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._text = Text(text) if isinstance(text, str) else text
        self._lines: list[Strip] = []
        self._wrapped_for: tuple[int, object] | None = None  # (width, style) of _lines

    @property
    def text(self) -> Text:
        return self._text

    def render(self) -> Text:
        """The text shown (the pane draws it by lines: ``render_line``)."""
        return self._text

    def update(self, text: Text | str) -> None:
        """Show *text* from its first line (the same text again: nothing changes)."""
        text = Text(text) if isinstance(text, str) else text
        if text == self._text:
            return  # a new search, the same first result and the same reasons
        self._text = text
        self._wrapped_for = None
        self.scroll_to(y=0, animate=False, immediate=True)
        self._wrap()
        self.refresh()

    def on_resize(self) -> None:
        self._wrap()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._wrapped_for = None

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        key = (width, self.rich_style)
        if self._wrapped_for == key:
            return
        self._wrapped_for = key
        console = self.app.console
        options = self.app.console_options.update_width(width)
        style = self.rich_style
        self._lines = [
            Strip(line).adjust_cell_length(width).apply_style(style)
            for line in console.render_lines(self._text, options, pad=False)
        ]
        set_virtual_size(self, Size(width, len(self._lines)))

    def render_line(self, y: int) -> Strip:
        self._wrap()
        index = round(self.scroll_y) + y
        if 0 <= index < len(self._lines):
            return self._lines[index]
        return Strip.blank(self.scrollable_content_region.width, self.rich_style)


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Give a line-drawn *view* its scrollable size; a new layout of the screen only when
    its vertical scrollbar comes or goes (setting ``virtual_size`` always asks for one, and
    the layout redraws much of the screen: issue 12)."""
    if size == view.virtual_size:
        return
    viewport = view.scrollable_content_region.height
    bar_before = view.virtual_size.height > viewport
    bar_after = size.height > viewport
    if bar_before == bar_after == view.show_vertical_scrollbar and view.virtual_size.width:
        # The same scrollbar, another thumb (Widget._scroll_update: textual is pinned).
        view.set_reactive(Widget.virtual_size, size)
        view._scroll_update(size)
        view.refresh()
    else:
        view.virtual_size = size
