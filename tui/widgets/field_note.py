"""A line under a form field (an error, the commune found) that takes no room when empty.

An empty Static still takes its line: a form of ten fields then shows ten blank lines, and at
80x24 its buttons fall off the screen (issue 13).
"""

from __future__ import annotations

from textual.visual import VisualType
from textual.widgets import Static


class FieldNote(Static):
    """A Static shown only while it has something to say."""

    def __init__(self, content: VisualType = "", **kwargs) -> None:
        # What it says quotes what was typed (« Aucune commune ne correspond à « [/] » »):
        # plain text, never markup.
        kwargs.setdefault("markup", False)
        super().__init__(content, **kwargs)
        self.display = bool(str(content))

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        super().update(content, layout=layout)
        self.display = bool(str(content))
