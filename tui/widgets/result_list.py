"""A list of results drawn line by line: each key typed in a search box redraws only it.

Textual's DataTable, given a new list, measures every cell, renders each through Rich's
padding and styling, then lays itself out again on idle (its dimensions) and the screen with
it: some 60 ms of a keystroke at 100,000 resources, most of the time between a key and its
results on screen (issue 12). This list draws with Textual's Line API instead: the columns'
widths come from the widget's width alone (``fit_columns``, as a ``FittedTable`` fits them,
never from the cells), a row is one line of plain segments made when it first comes in
sight and kept, and only the lines on screen are made. A new list of the same length needs
no layout at all.

The Ressources results, the lists of « À faire » (F6) and the Portefeuille (F3) use it
(issue 13: at 100,000 entries a DataTable took most of the time of each key and of the
opening). Beyond one line per row it offers what those lists need:

- columns declared as a ``FittedTable``'s (``width``, ``min_width``, ``priority``, ``grow``,
  ``max_width``, ``keep``): a column sized by need is measured over the rows given, or over
  a whole list of which only the first rows are given (``set_needs``);
- a cell given as several forms, longest first (``("Diagnostic validé", "Diag. validé")``):
  the longest that fits its column is shown;
- ``wrap`` columns: a row is then as many lines as its longest text takes (a report's
  comment shown whole);
- rows added at the end (``add_rows``) as the cursor nears the last one, cursor kept;
- a click on a header posts ``HeaderSelected`` (a sort).

It keeps the part of the DataTable interface the screens and their tests use (``add_column``,
``row_count``, ``get_row_at``, ``get_row_index``, ``ordered_columns``, ``columns``, ``rows``,
``ordered_rows``, ``coordinate_to_cell_key``, ``cursor_coordinate``, ``move_cursor``,
``cursor_row``, the ``RowHighlighted``, ``RowSelected`` and ``HeaderSelected`` messages), and
the DataTable's look (header, zebra stripes, a row cursor dimmed without the focus).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets.data_table import CellKey, ColumnKey, RowKey

from tui.widgets.fitted_table import ColumnSpec, Overflow, cut_middle, fit_columns
from tui.widgets.text_pane import set_virtual_size

# A cell: a text, or its forms from the longest to the shortest (the longest that fits shown).
Cell = str | Text | tuple[str | Text, ...]

PADDING = 1  # cells each side of a cell's text, as DataTable's default


@dataclass(frozen=True)
class Column:
    """A column on view: its key (``.key.value`` as a DataTable's) and its width."""

    key: ColumnKey
    label: str | Text
    width: int


@dataclass(frozen=True)
class Row:
    """A row: its key, its cells by column key (shown or not), its label (the mark left of it)."""

    key: RowKey
    cells: Mapping[str, Cell]
    label: Cell | None = None


class ResultList(ScrollView, can_focus=True):
    """Rows of text under a fixed header, one row highlighted (see the module's docstring)."""

    DEFAULT_CSS = """
    ResultList {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        &:focus {
            background-tint: $foreground 5%;
            & > .result-list--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .result-list--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .result-list--even-row {
            background: $surface-darken-1 40%;
        }
        & > .result-list--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .result-list--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .result-list--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .result-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .result-list--header-cursor {
            background: $accent-darken-1;
            color: $foreground;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "result-list--header",
        "result-list--even-row",
        "result-list--odd-row",
        "result-list--cursor",
        "result-list--header-cursor",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first", "Top", show=False),
        Binding("end,ctrl+end", "last", "Bottom", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, repaint=False, init=False)

    class _RowMessage(Message):
        """A message about one row: the list, the row's index and its key."""

        def __init__(self, result_list: ResultList, cursor_row: int, row_key: RowKey) -> None:
            self.result_list = result_list
            self.cursor_row = cursor_row
            self.row_key = row_key
            super().__init__()

        @property
        def control(self) -> ResultList:
            return self.result_list

    class RowHighlighted(_RowMessage):
        """The cursor came on a row (by a key, the mouse or ``move_cursor``)."""

    class RowSelected(_RowMessage):
        """A row was chosen (``entrée`` or a click)."""

    class HeaderSelected(Message):
        """A column's header was clicked (as a DataTable's: ``column_key``, its index)."""

        def __init__(
            self, result_list: ResultList, column_key: ColumnKey, column_index: int
        ) -> None:
            self.result_list = result_list
            self.column_key = column_key
            self.column_index = column_index
            super().__init__()

        @property
        def control(self) -> ResultList:
            return self.result_list

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._specs: list[ColumnSpec] = []
        self._wrap: set[str] = set()  # the columns whose text wraps (rows then grow)
        self._by_shortest: set[str] = set()  # sized by their cells' shortest forms
        self._overflow: dict[str, Overflow] = {}
        self._rows: list[Row] = []
        self._index: dict[str, int] = {}
        self._columns: list[Column] = []  # the columns on view, fitted to the width
        self._label_width = 0  # the widest row label; 0: no label column
        # The widest cell of the columns sized by their content: over the rows given, or
        # over the whole list for the columns given by ``set_needs``.
        self._needs: dict[str, int] = {}
        self._content: dict[str, int] = {}
        self._fitted_for: tuple[int, int] | None = None  # (width, label width)
        self._wrapped_shown: list[Column] = []  # the wrapping columns on view
        # With a wrapping column on view: the first line of each row, and the line after the
        # last (None: every row is one line).
        self._starts: list[int] | None = None
        self._heights: dict[tuple[str, int], int] = {}  # lines a text takes at a width
        # Each row's lines as drawn, by (row, under the cursor); emptied by a new list, a new
        # width, the focus coming or going, a new theme.
        self._lines: dict[tuple[int, bool], list[Strip]] = {}
        self._header: Strip | None = None
        self._styles: dict[tuple[str, ...], Style] = {}
        self._styles_key: object = None

    # -- what the screens call ------------------------------------------------------------
    def add_column(
        self,
        label: str | Text,
        *,
        key: str,
        width: int | None = None,
        min_width: int | None = None,
        priority: int | None = None,
        grow: bool = False,
        max_width: int | None = None,
        keep: int | None = None,
        keep_over: int | None = None,
        wrap: bool = False,
        overflow: Overflow = "crop",
        shrinks_last: bool = False,
        by_shortest_form: bool = False,
    ) -> ColumnKey:
        """Declare a column: *width*, *min_width*, *priority*, *grow*, *max_width*, *keep*,
        *keep_over* and *shrinks_last* as for a ``FittedTable`` (tui/widgets/fitted_table.py);
        a column with neither *width* nor *max_width* is as wide as its widest cell. *wrap*:
        its text goes on as many lines as it takes; *overflow*: how a text too long is cut;
        *by_shortest_form*: a column sized by its content needs its cells' shortest forms
        (a commune as road signs shorten it), a longer one shown where it fits."""
        self._specs.append(
            ColumnSpec(
                key,
                label,
                width,
                min_width,
                priority,
                grow,
                max_width,
                keep,
                keep_over,
                shrinks_last,
            )
        )
        if wrap:
            self._wrap.add(key)
        if by_shortest_form:
            self._by_shortest.add(key)
        self._overflow[key] = overflow
        self._measure()
        self._fitted_for = None
        self._invalidate()
        return ColumnKey(key)

    def clear(self, columns: bool = False) -> None:
        """No rows (and, with *columns*, no columns)."""
        if columns:
            self._specs, self._wrap, self._overflow, self._needs = [], set(), {}, {}
            self._by_shortest = set()
            self._fitted_for = None
        self.set_rows([])

    def set_needs(self, needs: Mapping[str, int]) -> None:
        """The widest cell of these columns over the whole list the rows come from: widths
        that do not move as more rows come in, nor at each key of a filter."""
        if dict(needs) != self._needs:
            self._needs = dict(needs)
            self._measure()

    def set_rows(self, rows: Sequence[Row], cursor_row: int = 0) -> None:
        """Show *rows* instead of the ones on view, the cursor on *cursor_row* (no
        ``RowHighlighted``: the caller shows what goes with it)."""
        self._rows = list(rows)
        self._index = {str(row.key.value): i for i, row in enumerate(self._rows)}
        self._label_width = max(
            (_width_of(row.label) for row in self._rows if row.label is not None), default=0
        )
        self._measure()
        self._lines.clear()
        self._starts = None
        row = max(0, min(cursor_row, len(self._rows) - 1))
        self.set_reactive(ResultList.cursor_row, row)
        self._update_virtual_size()
        self.scroll_to(y=self._scroll_for(row, top=True), animate=False, immediate=True)
        self.refresh()

    def add_rows(self, rows: Iterable[Row]) -> None:
        """*rows* after the last one; the cursor and the scroll stay where they are."""
        start = len(self._rows)
        self._rows.extend(rows)
        for i in range(start, len(self._rows)):
            self._index[str(self._rows[i].key.value)] = i
            label = self._rows[i].label
            if label is not None:
                self._label_width = max(self._label_width, _width_of(label))
        self._measure(self._rows[start:])
        self._starts = None
        self._update_virtual_size()
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def rows(self) -> dict[RowKey, Row]:
        return {row.key: row for row in self._rows}

    @property
    def ordered_rows(self) -> list[Row]:
        return list(self._rows)

    @property
    def ordered_columns(self) -> list[Column]:
        """The columns on view, left to right, at the width the list has now."""
        self._fit()
        return list(self._columns)

    @property
    def columns(self) -> dict[ColumnKey, Column]:
        """The columns on view by key (as a DataTable's ``columns``)."""
        return {c.key: c for c in self.ordered_columns}

    @property
    def shown_columns(self) -> list[str]:
        return [str(c.key.value) for c in self.ordered_columns]

    def get_row_at(self, index: int) -> list[str | Text]:
        """The cells on view of the row at *index* (as a DataTable gives them; of a cell
        with several forms, the one shown)."""
        cells = self._rows[index].cells
        return [_form(cells.get(str(c.key.value), ""), c.width) for c in self.ordered_columns]

    def get_row_index(self, key: str | RowKey) -> int:
        value = key.value if isinstance(key, RowKey) else key
        return self._index[str(value)]

    def coordinate_to_cell_key(self, coordinate: Coordinate | tuple[int, int]) -> CellKey:
        row, column = coordinate
        columns = self.ordered_columns
        column_key = columns[column].key if 0 <= column < len(columns) else ColumnKey(None)
        return CellKey(self._rows[row].key, column_key)

    @property
    def cursor_coordinate(self) -> Coordinate:
        return Coordinate(self.cursor_row, 0)

    def is_valid_coordinate(self, coordinate: Coordinate) -> bool:
        return 0 <= coordinate.row < len(self._rows)

    @property
    def cursor_key(self) -> RowKey | None:
        if 0 <= self.cursor_row < len(self._rows):
            return self._rows[self.cursor_row].key
        return None

    def move_cursor(self, *, row: int | None = None, animate: bool = False) -> None:
        """Put the cursor on *row* (brought in sight); ``RowHighlighted`` if it moved."""
        if row is None or not self._rows:
            return
        self.cursor_row = max(0, min(row, len(self._rows) - 1))

    # -- the cursor -------------------------------------------------------------------------
    def watch_cursor_row(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self.scroll_to(y=self._scroll_for(new), animate=False, immediate=True)
        key = self.cursor_key
        if key is not None:
            self.post_message(self.RowHighlighted(self, new, key))

    @property
    def tallest_row_lines(self) -> int:
        """The lines of the tallest row at the widths on view (1 when no column wraps)."""
        starts = self._line_starts()
        if starts is None or not self._rows:
            return 1
        return max(b - a for a, b in pairwise(starts))

    def _visible_lines(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _visible_rows(self) -> int:
        """How many rows a page holds (about, when rows are of several lines)."""
        starts = self._line_starts()
        lines = self._visible_lines()
        if starts is None or not self._rows:
            return lines
        return max(1, round(lines * len(self._rows) / max(1, starts[-1])))

    def _span(self, row: int) -> tuple[int, int]:
        """The first line of *row* and the line after its last."""
        starts = self._line_starts()
        if starts is None:
            return row, row + 1
        return starts[row], starts[row + 1]

    def _row_at_line(self, line: int) -> int:
        starts = self._line_starts()
        if starts is None:
            return line
        return bisect_right(starts, line) - 1

    def _scroll_for(self, row: int, top: bool = False) -> float:
        """The scroll that brings *row* in sight (the least move; *top*: from the top)."""
        if not 0 <= row < len(self._rows):
            return 0.0
        first, end = self._span(row)
        visible = self._visible_lines()
        scroll = 0.0 if top else self.scroll_y
        if first < scroll:
            return float(first)
        if end > scroll + visible:
            return float(max(first, end - visible))
        return scroll

    def _refresh_row(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        first, end = self._span(row)
        top = round(self.scroll_y)
        for line in range(first, end):
            y = line - top + 1
            if 1 <= y < self.size.height:
                self.refresh_line(y)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(row=self.cursor_row - self._visible_rows())

    def action_page_down(self) -> None:
        self.move_cursor(row=self.cursor_row + self._visible_rows())

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=len(self._rows) - 1)

    def action_select_cursor(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(self.RowSelected(self, self.cursor_row, key))

    def on_click(self, event: events.Click) -> None:
        # A click on a row highlights and chooses it, as on a DataTable; on a header, says so.
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y < 1:
            x = self._label_width + 2 * PADDING if self._label_width else 0
            for index, column in enumerate(self.ordered_columns):
                x += column.width + 2 * PADDING
                if offset.x < x:
                    self.post_message(self.HeaderSelected(self, column.key, index))
                    return
            return
        row = self._row_at_line(round(self.scroll_y) + offset.y - 1)
        if 0 <= row < len(self._rows):
            self.focus()
            self.move_cursor(row=row)
            self.action_select_cursor()

    # -- fitting ----------------------------------------------------------------------------
    def _measure(self, rows: Sequence[Row] | None = None) -> None:
        """The widest cell of each column sized by its content (or that grows), over *rows*
        added (None: over all the rows, again)."""
        measured = [s for s in self._specs if (s.grow or s.width is None)]
        content = {} if rows is None else dict(self._content)
        for s in measured:
            if s.key in self._needs:
                content[s.key] = max(_width_of(s.label), self._needs[s.key])
                continue
            widest = content.get(s.key, _width_of(s.label))
            width_of = _shortest_of if s.key in self._by_shortest else _width_of
            for row in self._rows if rows is None else rows:
                cell = row.cells.get(s.key)
                if cell is not None:
                    widest = max(widest, width_of(cell))
            content[s.key] = widest
        if content != self._content:
            self._content = content
            self._fitted_for = None

    def _invalidate(self) -> None:
        self._lines.clear()
        self._header = None
        self._styles.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._invalidate()

    def on_resize(self, event: events.Resize) -> None:
        self._update_virtual_size()

    def _update_virtual_size(self) -> None:
        starts = self._line_starts()
        lines = len(self._rows) if starts is None else starts[-1]
        size = Size(self.scrollable_content_region.width, lines + 1)
        if self.styles.height is not None and self.styles.height.is_auto:
            # As tall as its rows (up to a max-height): a new number of lines lays the
            # screen out again, unless the list is cut by its max-height before and after.
            viewport = self.scrollable_content_region.height
            old = self.virtual_size.height
            if size.height != old and not (old > viewport and size.height > viewport):
                self.virtual_size = size
                return
        set_virtual_size(self, size)

    def _fit(self) -> None:
        # Room for the vertical scrollbar is always kept: a list growing past the list's
        # height then never makes a column disappear.
        width = self.size.width
        key = (width, self._label_width)
        if self._fitted_for == key:
            return
        self._fitted_for = key
        self._invalidate()
        self._starts = None
        available = width - self.styles.scrollbar_size_vertical
        if self._label_width:
            available -= self._label_width + 2 * PADDING
        layout = fit_columns(self._specs, self._content, available, PADDING) if width else {}
        self._columns = [
            Column(ColumnKey(s.key), s.label, layout[s.key]) for s in self._specs if s.key in layout
        ]
        self._wrapped_shown = [c for c in self._columns if c.key.value in self._wrap]

    def _line_starts(self) -> list[int] | None:
        """The first line of each row when a wrapping column is on view (None if not)."""
        self._fit()
        wrapped = self._wrapped_shown
        if not wrapped:
            return None
        if self._starts is None or len(self._starts) != len(self._rows) + 1:
            starts, line = [0], 0
            for row in self._rows:
                cells = row.cells
                line += max(
                    1, *(self._height(cells.get(str(c.key.value), ""), c.width) for c in wrapped)
                )
                starts.append(line)
            self._starts = starts
        return self._starts

    def _height(self, cell: Cell, width: int) -> int:
        """How many lines *cell* takes at *width* (kept: the next page, the next key of a
        filter bring the same texts again)."""
        text = str(cell)
        if _width_of(cell) <= width and "\n" not in text:
            return 1
        key = (text, width)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 10_000:
                self._heights.clear()
            height = self._heights[key] = len(_wrapped(cell, width, self.app.console))
        return height

    # -- drawing ----------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        self._fit()
        # The focus and the theme change how every line looks.
        styles_key = (self.has_focus, self.app.theme, self.app.ansi_color)
        if styles_key != self._styles_key:
            self._styles_key = styles_key
            self._invalidate()
        width = self.size.width
        if y == 0:
            if self._header is None:
                self._header = self._draw_header(width)
            return self._header
        line = round(self.scroll_y) + y - 1
        row = self._row_at_line(line)
        if not 0 <= row < len(self._rows):
            return Strip.blank(width, self.rich_style)
        key = (row, row == self.cursor_row)
        lines = self._lines.get(key)
        if lines is None:
            lines = self._lines[key] = self._draw_row(row, key[1], width)
        first, _ = self._span(row)
        index = line - first
        return lines[index] if index < len(lines) else Strip.blank(width, self.rich_style)

    def _style(self, *names: str) -> Style:
        """The style of a row, a header or a label (component classes, in order), kept
        until the next theme, focus or width."""
        style = self._styles.get(names)
        if style is None:
            style = self.get_component_styles(names[0]).rich_style
            for name in names[1:]:
                style += self.get_component_rich_style(name)
            self._styles[names] = style
        return style

    def _draw_header(self, width: int) -> Strip:
        style = self._style("result-list--header")
        console = self.app.console
        segments = []
        if self._label_width:
            segments.append(_cell("", self._label_width, style, console))
        segments += [_cell(c.label, c.width, style, console) for c in self._columns]
        return self._finish(segments, style, width)

    def _draw_row(self, row: int, cursor: bool, width: int) -> list[Strip]:
        """The lines of *row*: one, or as many as its longest wrapped text."""
        parity = "result-list--odd-row" if row % 2 else "result-list--even-row"
        style = self._style(parity, "result-list--cursor") if cursor else self._style(parity)
        console = self.app.console
        item = self._rows[row]
        first, end = self._span(row)
        height = end - first
        # Each column's lines, as many as the row's (blank under a short one).
        columns: list[list[list[Segment]]] = []
        if self._label_width:
            label_style = self._style("result-list--header")
            if cursor:
                label_style = self._style(
                    "result-list--header", "result-list--cursor", "result-list--header-cursor"
                )
            label = _cell(item.label or "", self._label_width, label_style, console)
            columns.append(
                [label] + [_cell("", self._label_width, label_style, console)] * (height - 1)
            )
        for column in self._columns:
            name = str(column.key.value)
            value = item.cells.get(name, "")
            if name in self._wrap and height > 1:
                texts: list[Cell] = list(_wrapped(value, column.width, console))
            else:
                texts = [value]  # _cell shows the form that fits
            overflow = self._overflow.get(name, "crop")
            blank = _cell("", column.width, style, console)
            columns.append(
                [_cell(t, column.width, style, console, overflow) for t in texts]
                + [blank] * (height - len(texts))
            )
        return [self._finish([cells[i] for cells in columns], style, width) for i in range(height)]

    def _finish(self, cells: list[list[Segment]], style: Style, width: int) -> Strip:
        segments = [segment for cell in cells for segment in cell]
        used = sum(segment.cell_length for segment in segments)
        if used < width:  # the row's style carried to the right edge
            segments.append(Segment(" " * (width - used), style))
        return Strip(segments).adjust_cell_length(width, self.rich_style).simplify()


def _width_of(cell: Cell) -> int:
    if isinstance(cell, Text):
        return cell.cell_len
    if isinstance(cell, tuple):
        return max((_form_len(form) for form in cell), default=0)
    return cell_len(str(cell))


def _shortest_of(cell: Cell) -> int:
    if isinstance(cell, tuple):
        return min((_form_len(form) for form in cell), default=0)
    return _width_of(cell)


def _form_len(form: str | Text) -> int:
    return form.cell_len if isinstance(form, Text) else cell_len(form)


def _form(cell: Cell, width: int) -> str | Text:
    """Of a cell with several forms, the longest that fits *width* (else the shortest)."""
    if not isinstance(cell, tuple):
        return cell
    for form in cell:
        if _form_len(form) <= width:
            return form
    return cell[-1] if cell else ""


def _wrapped(cell: Cell, width: int, console: Console) -> list[Text]:
    """The lines *cell*'s text takes at *width* (words kept whole, as a DataTable's)."""
    text = cell.copy() if isinstance(cell, Text) else Text(str(_form(cell, width)))
    text.no_wrap = False
    return list(text.wrap(console, max(1, width)))


def _cell(
    value: Cell, width: int, style: Style, console: Console, overflow: Overflow = "crop"
) -> list[Segment]:
    """One cell: its text cut or padded to *width*, a space each side, in *style*."""
    pad = " " * PADDING
    value = _form(value, width)
    if overflow == "middle":
        value, overflow = cut_middle(value, width), "crop"
    if isinstance(value, Text):
        text = value.copy()
        text.truncate(width, overflow=text.overflow or overflow, pad=True)
        # Text.render leaves out the text's own style (Text("…", style="dim")): added here.
        own = style + console.get_style(text.style) if text.style else style
        inner = [
            Segment(segment.text, own + segment.style if segment.style else own)
            for segment in text.render(console, end="")
        ]
        return [Segment(pad, style), *inner, Segment(pad, style)]
    if overflow == "ellipsis" and cell_len(value) > width:
        value = set_cell_size(value, max(0, width - 1)) + "…"
    return [Segment(pad + set_cell_size(str(value), width) + pad, style)]
