"""A search box whose every key redraws the box alone, not the screen's layout.

Textual's Input sets its virtual size (the text's width, for scrolling along it) at every
change of its value, and that reactive asks for a new layout of the whole screen: the
layout, and the screen's redraw after it, cost more than the search each key starts
(issue 12). The box's own size never depends on its text (``width: 100%``, ``height: 3``),
so the virtual size is set here without a layout; the box still scrolls along its text.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Input

from ressources.search import QUERY_MAX_CHARS
from tui.widgets.bounded_input import BoundedInput


class SearchBox(BoundedInput):
    """An Input whose typing never lays the screen out again (see the module), holding
    what a search reads (`QUERY_MAX_CHARS`): a longer paste keeps its start and says so."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_length", QUERY_MAX_CHARS)
        kwargs.setdefault("what", "Une recherche")
        super().__init__(*args, **kwargs)

    def _watch_value(self, value: str) -> None:
        # The same virtual size Input sets, set first without its layout: Input's own
        # assignment then finds it unchanged and asks for nothing. A box sized by its
        # text (``width: auto``) keeps Input's layout.
        if not self.styles.auto_dimensions:
            self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)
