"""A few lines of figures above a list, that leave the list room on a short terminal.

The Portefeuille's summary (file active, objectives, alerts) took 8 of the 24 lines at 80x24,
leaving 9 to the list (issue 13). Each line is given in several forms, longest first: on a
tall terminal the first form of each is shown, wrapped; on a short one (under
``COMPACT_HEIGHT`` lines) each line takes one row, in the longest form that fits its width.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import Static

# Under this terminal height the summary keeps one row per line (and no blank row above).
COMPACT_HEIGHT = 30


def fitting(forms: Sequence[Text], width: int) -> Text:
    """The longest of *forms* (longest first) that fits in *width* cells; the shortest,
    cut with an ellipsis, when none does."""
    for form in forms:
        if cell_len(form.plain) <= width:
            return form
    last = forms[-1].copy()
    last.truncate(width, overflow="ellipsis")
    return last


def shorter_lists(
    head: Text, groups: Sequence[tuple[Text, Sequence[str]]], *, separator: str = " · "
) -> list[Text]:
    """*head*, then each group « label (a, b, c) », in forms that leave out the groups'
    last items one by one (from the last group back), « … » standing for what is left out:
    « Alertes : 12 en retard (entrée 4, bilan 3, …) · 5 bientôt »."""
    counts = [len(items) for _, items in groups]
    forms: list[Text] = []
    while True:
        text = head.copy()
        for index, ((label, items), count) in enumerate(zip(groups, counts, strict=True)):
            if index:
                text.append(separator)
            text.append_text(label)
            if count:
                shown = list(items[:count]) + (["…"] if count < len(items) else [])
                text.append(f" ({', '.join(shown)})")
        forms.append(text)
        # The next form: one item fewer, from the last group that still shows one.
        for index in reversed(range(len(counts))):
            if counts[index]:
                counts[index] -= 1
                break
        else:
            return forms


class Summary(Static):
    """Lines of figures, each given as its forms, longest first (see the module)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._lines: list[list[Text]] = []
        self._laid_out_for: tuple[bool, int] | None = None

    def on_mount(self) -> None:
        # The terminal's height decides the form, and a Resize comes only when the width
        # moves: the screen's layout is looked at instead (laid out again only if it moved).
        self.screen.screen_layout_refresh_signal.subscribe(self, self._screen_laid_out)

    def show(self, lines: Sequence[Sequence[Text]]) -> None:
        self._lines = [list(forms) for forms in lines if forms]
        self._lay_out()

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out()

    def _screen_laid_out(self, _screen: object) -> None:
        if self._laid_out_for != (self.compact, self._width()):
            self._lay_out()

    def _width(self) -> int:
        return self.content_region.width or self.app.size.width - 4

    @property
    def compact(self) -> bool:
        return self.app.size.height < COMPACT_HEIGHT

    def _lay_out(self) -> None:
        compact = self.compact
        self.set_class(compact, "-compact")
        width = self._width()
        self._laid_out_for = (compact, width)
        if compact:
            text = Text("\n").join(fitting(forms, width) for forms in self._lines)
            text.no_wrap = True
        else:
            text = Text("\n").join(forms[0] for forms in self._lines)
        self.update(text)
