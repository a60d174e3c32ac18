"""A DataTable that fits its width: columns shrink, then the least needed ones give way.

A screen declares its columns once, each with what it can give up (``min_width``) and how
much it matters (``priority``: higher stays longer; ``None`` never goes). When the table is
narrower than the columns want, the shrinkable ones shrink first, then the lowest priority
is dropped, until what is left fits; a ``grow`` column takes the room left over (a name shown
in full rather than cut at a fixed width). Rows keep every cell, shown or not: widen the
terminal and the dropped columns come back.

A column sized by need (no ``width``, a ``max_width``) is as wide as its longest cell, up to
that cap: a commune shown whole rather than cut at a width chosen for the longest possible
one while the name beside it has room to spare (issue 13). Its ``min_width``, if any, is how
far it may shrink; it never takes more than its longest cell. A screen that lays out only the
first rows of a long list gives the needs measured over the whole list
(``FittedTable.set_needs``), so that the columns do not move as the next rows come in.

A column whose text may be cut (``overflow="ellipsis"``) ends a cut cell with « … », where a
DataTable cuts it short with no sign that there is more.

The screens keep calling ``add_column`` / ``add_row`` / ``clear`` as on a DataTable; only the
columns' extra keywords are new.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events
from textual.coordinate import Coordinate
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from tui.widgets.plain import as_plain_text

# How a cell too long for its column is cut: short, with « … » at the end, or with « … » in
# the middle, its end kept (``cut_middle``) (FittedTable, ResultList).
Overflow = Literal["crop", "ellipsis", "middle"]

# Under this width a text cut in the middle is cut at the end instead: too little of it on
# either side to read.
MIDDLE_LEAST = 12


def cut_middle(text: str | Text, width: int) -> str | Text:
    """*text* in *width* cells: whole if it fits, else its start, « … » and its end.

    Many names differ only at their end: « Aides financières d'urgence du CCAS de Montech »
    and « … de Verdun-sur-Garonne », « Sorties familles et soutien à la parentalité - Centre
    social Le Chasselas » and « … Les Quatre Saisons ». Cut at the end they read the same
    (« Aides financières d'urgence du CCAS de… » twice in À faire at 80 columns). The end
    kept starts at a word: the shortest end that takes a third of the width, at most half
    of it (the last word alone up to two thirds; a longer one is cut at its left)."""
    plain = text.plain if isinstance(text, Text) else text
    if cell_len(plain) <= width:
        return text
    if width < MIDDLE_LEAST:
        end = len(set_cell_size(plain, max(0, width - 1)))
        return text[:end] + "…"
    room = width - 2  # « … » and the space before the end kept
    most, least = room // 2, room // 3
    # Where the end kept may start: a word, not a dash or a slash between two.
    starts = [
        i
        for i in range(1, len(plain))
        if plain[i - 1] == " " and any(c.isalnum() for c in plain[i:].split(" ", 1)[0])
    ]
    ends = [i for i in starts if cell_len(plain[i:]) <= most]  # longest first
    enough = [i for i in ends if cell_len(plain[i:]) >= least]
    if enough:
        start, joiner = enough[-1], "… "
    elif ends:
        start, joiner = ends[0], "… "
    elif starts and cell_len(plain[starts[-1] :]) <= room * 2 // 3:
        start, joiner = starts[-1], "… "  # a long last word, whole: « Castelsarrasin »
    else:  # a last word longer still: its end
        room += 1
        start, joiner = len(plain), "…"
        while start > 0 and cell_len(plain[start - 1 :]) <= room // 2:
            start -= 1
    head = len(set_cell_size(plain, room - cell_len(plain[start:])).rstrip())
    if isinstance(text, Text):
        return Text.assemble(text[:head], joiner, text[start:])
    return text[:head] + joiner + text[start:]


@dataclass(frozen=True)
class ColumnSpec:
    """What a column wants (``width``), what it accepts (``min_width``), how much it matters."""

    key: str
    label: str | Text
    width: int | None  # None: as wide as its content
    min_width: int | None  # None: never narrower than it wants
    priority: int | None  # None: never dropped
    grow: bool
    max_width: int | None = None  # with no width: as wide as its content, up to this
    # Kept this wide (or as wide as it wants, if less) while a column of a priority under
    # keep_over (any, if None) can still give way: a person's alerts rather than the name
    # of her MDS.
    keep: int | None = None
    keep_over: int | None = None
    # Shrinks only once the columns that are never dropped have shrunk as far as they go:
    # the person's commune cut last, after the alerts took their shorter forms.
    shrinks_last: bool = False


def _wanted(spec: ColumnSpec, content: dict[str, int]) -> tuple[int, int]:
    """What *spec* wants and the least it accepts, for the widest cells in *content*."""
    if spec.width is None and spec.max_width is not None:
        need = max(1, min(content.get(spec.key, 1), spec.max_width))
        return need, min(need, spec.min_width or need)
    want = spec.width if spec.width is not None else content.get(spec.key, 1)
    want = max(want, spec.min_width or 0)
    return want, want if spec.min_width is None else spec.min_width


def _cell_width(cell: object) -> int:
    if isinstance(cell, Text):
        return cell.cell_len
    return Text(str(cell) if cell is not None else "").cell_len


def fit_columns(
    specs: Sequence[ColumnSpec], content: dict[str, int], available: int, padding: int
) -> dict[str, int]:
    """The columns to show, with their widths, for *available* cells of table.

    *content* gives the widest cell (or label) of each column, for the columns sized by their
    content and the ones that grow. Shrinking comes before dropping; a column never shrinks
    below its ``min_width``, nor below its ``keep`` while another can still be dropped; the
    dropped ones go lowest priority first (the rightmost first among equals).
    """
    sizes = {s.key: _wanted(s, content) for s in specs}
    wanted = {key: size[0] for key, size in sizes.items()}
    least = {key: size[1] for key, size in sizes.items()}
    kept = {s.key: max(least[s.key], min(s.keep or 0, wanted[s.key])) for s in specs}
    shown = [s for s in specs]

    def floor(spec: ColumnSpec, droppable: list[ColumnSpec]) -> int:
        """How far *spec* may shrink while the *droppable* columns are still shown."""
        if spec.keep is None or not any(
            spec.keep_over is None or (d.priority or 0) < spec.keep_over for d in droppable
        ):
            return least[spec.key]
        return kept[spec.key]

    def total(widths: dict[str, int]) -> int:
        return sum(widths[s.key] + 2 * padding for s in shown)

    while True:
        widths = {s.key: wanted[s.key] for s in shown}
        excess = total(widths) - available
        droppable = [s for s in shown if s.priority is not None]
        # Shrink, the least important first, each down to its min_width (or its keep).
        for s in sorted(shown, key=lambda s: (s.shrinks_last, s.priority is None, s.priority or 0)):
            if excess <= 0:
                break
            give = max(0, min(excess, widths[s.key] - floor(s, droppable)))
            widths[s.key] -= give
            excess -= give
        if excess <= 0 or not droppable:
            break
        lowest = min(s.priority or 0 for s in droppable)
        victim = [s for s in droppable if s.priority == lowest][-1]
        shown.remove(victim)
    spare = available - total(widths)
    for s in shown:
        if spare <= 0:
            break
        if s.grow:
            more = max(0, content.get(s.key, 0) - widths[s.key])
            if s is shown[-1] or all(not t.grow for t in shown[shown.index(s) + 1 :]):
                more = spare  # the last one to grow takes what is left
            more = min(more, spare)
            widths[s.key] += more
            spare -= more
    return {s.key: widths[s.key] for s in shown}


class FittedTable(DataTable[Any]):
    """A DataTable whose columns fit the width it is given (see the module's docstring)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._specs: list[ColumnSpec] = []
        # Every cell of every row, by column key, shown or not.
        self._cells: dict[RowKey, dict[str, Any]] = {}
        self._heights: dict[RowKey, int | None] = {}
        self._layout: dict[str, int] | None = None  # None: not fitted yet, all shown
        self._refit_pending = False
        self._label_width = 0  # the widest row label (the column of marks left of the cells)
        # The widest cell of some columns over a whole list of which the table holds only
        # the first rows (set_needs).
        self._needs: dict[str, int] = {}
        # How each column cuts a cell too long: « … » at the end, or in the middle (those
        # cells cut to the column's width as they are laid out); unnamed, cropped.
        self._overflow: dict[str, Overflow] = {}

    # -- declaring columns and rows -------------------------------------------------------
    def add_column(  # type: ignore[override]
        self,
        label: str | Text,
        *,
        width: int | None = None,
        key: str | None = None,
        default: Any = None,
        min_width: int | None = None,
        priority: int | None = None,
        grow: bool = False,
        max_width: int | None = None,
        keep: int | None = None,
        keep_over: int | None = None,
        overflow: Overflow = "crop",
    ) -> ColumnKey:
        """Declare a column; *min_width* (default: never narrower than *width*, or than its
        content), *priority*, *grow*, *max_width* (sized by need), *keep*: see the module
        and ``ColumnSpec``; *overflow*: how a text too long is cut."""
        key = key or str(label) or f"column-{len(self._specs)}"
        self._overflow[key] = overflow
        spec = ColumnSpec(key, label, width, min_width, priority, grow, max_width, keep, keep_over)
        self._specs.append(spec)
        for cells in self._cells.values():
            cells[key] = default
        if self._layout is None or key in self._layout:
            super().add_column(label, width=self._width_of(spec), key=key, default=default)
        self._schedule_refit()
        return ColumnKey(key)

    def add_row(
        self,
        *cells: Any,
        height: int | None = 1,
        key: str | None = None,
        label: str | Text | None = None,
    ) -> RowKey:
        if len(cells) > len(self._specs):
            raise ValueError("More values provided than there are columns.")
        by_key: dict[str, Any] = {s.key: None for s in self._specs}
        by_key.update(
            {s.key: self._cell(s.key, cell) for s, cell in zip(self._specs, cells, strict=False)}
        )
        row_key = super().add_row(*self._visible(by_key), height=height, key=key, label=label)
        self._cells[row_key] = by_key
        self._heights[row_key] = height
        if label is not None:
            self._label_width = max(self._label_width, _cell_width(label))
        self._schedule_refit()
        return row_key

    def clear(self, columns: bool = False) -> FittedTable:
        super().clear(columns)
        self._cells.clear()
        self._heights.clear()
        self._label_width = 0
        if columns:
            self._specs.clear()
            self._needs = {}
            self._overflow = {}
        return self

    def _cell(self, key: str, value: Any) -> Any:
        """*value* as column *key* shows it: a string never read as markup; cut with « … »
        in a column that asks for it."""
        value = as_plain_text(value)
        ellipsis = self._overflow.get(key) == "ellipsis"
        if ellipsis and isinstance(value, Text) and value.overflow != "ellipsis":
            value = value.copy()
            value.overflow = "ellipsis"
        return value

    def remove_row(self, row_key: RowKey | str) -> None:
        super().remove_row(row_key)
        self._cells.pop(RowKey(row_key) if isinstance(row_key, str) else row_key, None)

    def update_cell(  # type: ignore[override]
        self,
        row_key: RowKey | str,
        column_key: ColumnKey | str,
        value: Any,
        *,
        update_width: bool = False,
    ) -> None:
        rk = RowKey(row_key) if isinstance(row_key, str) else row_key
        ck = column_key.value if isinstance(column_key, ColumnKey) else column_key
        value = self._cell(str(ck), value)
        self._cells.setdefault(rk, {})[str(ck)] = value
        if self._layout is None or ck in self._layout:
            shown = self._shown_cell(str(ck), value)
            super().update_cell(row_key, column_key, shown, update_width=update_width)

    def set_needs(self, needs: dict[str, int]) -> None:
        """The widest cell of these columns over the whole list the rows come from (the
        table then measures them no more): widths that do not move as more rows come in."""
        if needs != self._needs:
            self._needs = dict(needs)
            self._schedule_refit()

    @property
    def shown_columns(self) -> list[str]:
        """The keys of the columns on view, left to right."""
        return [str(c.key.value) for c in self.ordered_columns]

    # -- fitting ----------------------------------------------------------------------------
    def _visible(self, by_key: dict[str, Any]) -> list[Any]:
        return [
            self._shown_cell(s.key, by_key.get(s.key))
            for s in self._specs
            if self._layout is None or s.key in self._layout
        ]

    def _shown_cell(self, key: str, value: Any) -> Any:
        """A cell as its column shows it at the width it has (cut in the middle)."""
        middle = self._overflow.get(key) == "middle"
        if middle and self._layout is not None and isinstance(value, str | Text):
            return cut_middle(value, self._layout[key])
        return value

    def _width_of(self, spec: ColumnSpec) -> int | None:
        if self._layout is not None and spec.key in self._layout:
            return self._layout[spec.key]
        return spec.width

    def _schedule_refit(self) -> None:
        if not self._refit_pending and self.is_mounted:
            self._refit_pending = True
            self.call_after_refresh(self.refit)

    def on_resize(self, event: events.Resize) -> None:
        self.refit()

    def _content_widths(self) -> dict[str, int]:
        widths: dict[str, int] = {}
        measured = [s for s in self._specs if s.grow or s.width is None]
        for s in measured:
            widest = _cell_width(s.label)
            if s.key in self._needs:
                widths[s.key] = max(widest, self._needs[s.key])
                continue
            for cells in self._cells.values():
                widest = max(widest, _cell_width(cells.get(s.key)))
            widths[s.key] = widest
        return widths

    def refit(self) -> None:
        """Choose the columns and widths for the width the table has now."""
        self._refit_pending = False
        width = self.size.width
        if not width or not self._specs:
            return
        # Room for the vertical scrollbar is always kept: a list growing past the screen's
        # height then never makes a column disappear.
        available = width - self.styles.scrollbar_size_vertical
        if self._label_width:
            available -= self._label_width + 2 * self.cell_padding
        layout = fit_columns(self._specs, self._content_widths(), available, self.cell_padding)
        if layout == self._layout:
            return
        # Rows as tall as their text must be measured again at the new widths: rebuilt.
        auto_height = any(height is None for height in self._heights.values())
        # So must cells cut in the middle, cut again at their column's new width.
        before = self._layout or {}
        recut = bool(before) and any(
            layout.get(k) != before.get(k) for k, how in self._overflow.items() if how == "middle"
        )
        if (
            self._layout is not None
            and list(layout) == list(self._layout)
            and not auto_height
            and not recut
        ):
            self._layout = layout
            for column in self.columns.values():
                column.width = layout[str(column.key.value)]
                column.auto_width = False
            self._require_update_dimensions = True
            self._clear_caches()
            self.refresh()
            return
        self._rebuild(layout)

    def _rebuild(self, layout: dict[str, int]) -> None:
        """Lay the rows out again with another set of columns, the cursor kept on its row."""
        order = [row.key for row in self.ordered_rows]
        cursor = self.cursor_coordinate
        scroll = self.scroll_y
        cells, heights = dict(self._cells), dict(self._heights)
        labels = {key: self.rows[key].label for key in order}
        label_width = self._label_width
        super().clear(columns=True)
        self._layout = layout
        for spec in self._specs:
            if spec.key in layout:
                super().add_column(spec.label, width=layout[spec.key], key=spec.key)
        # A row added without a key got one that is not a string (its value is None): the
        # rebuilt row's new key is the one to remember it by, or the next rebuild (a second
        # resize of the RGPD journal) finds none of its rows.
        self._cells, self._heights = {}, {}
        for key in order:
            new_key = super().add_row(
                *self._visible(cells[key]),
                height=heights.get(key, 1),
                key=key.value,
                label=labels.get(key),
            )
            self._cells[new_key] = cells[key]
            self._heights[new_key] = heights.get(key, 1)
        self._label_width = label_width
        if order:
            row = min(cursor.row, len(order) - 1)
            self.cursor_coordinate = Coordinate(row, 0)
            self.scroll_y = scroll


def cells_by_key(table: DataTable, rows: Iterable[int] | None = None) -> list[dict[str, str]]:
    """The cells on view of *table*, row by row, as text by column key (what tests read)."""
    keys = [str(c.key.value) for c in table.ordered_columns]
    indices = range(table.row_count) if rows is None else rows
    return [dict(zip(keys, (str(c) for c in table.get_row_at(i)), strict=True)) for i in indices]
