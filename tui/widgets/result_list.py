"""A list of results drawn line by line: each key typed in a search box redraws only it.

Textual's DataTable, given a new list, measures every cell, renders each through Rich's
padding and styling, then lays itself out again on idle (its dimensions) and the screen with
it: some 60 ms of a keystroke at 100,000 resources, most of the time between a key and its
results on screen (issue 12). This list draws with Textual's Line API instead: the columns'
widths come from the widget's width alone (``fit_columns``, as a ``FittedTable`` fits them,
never from the cells), a row is one line of plain segments made when it first comes in
sight and kept, and only the lines on screen are made. A new list of the same length needs
no layout at all.

It keeps the part of the DataTable interface the screens and their tests use (``add_column``,
``row_count``, ``get_row_at``, ``get_row_index``, ``ordered_columns``, ``rows``,
``move_cursor``, ``cursor_row``, the ``RowHighlighted`` and ``RowSelected`` messages), and
the DataTable's look (header, zebra stripes, a row cursor dimmed without the focus).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import set_cell_size
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets.data_table import ColumnKey, RowKey

from tui.widgets.fitted_table import ColumnSpec, fit_columns
from tui.widgets.text_pane import set_virtual_size

Cell = str | Text

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

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._specs: list[ColumnSpec] = []
        self._rows: list[Row] = []
        self._index: dict[str, int] = {}
        self._columns: list[Column] = []  # the columns on view, fitted to the width
        self._label_width = 0  # the widest row label; 0: no label column
        self._fitted_for: tuple[int, int] | None = None  # (width, label width)
        # Each row's line as drawn, by (row, under the cursor); emptied by a new list, a new
        # width, the focus coming or going, a new theme.
        self._lines: dict[tuple[int, bool], Strip] = {}
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
    ) -> ColumnKey:
        """Declare a column: *width*, *min_width*, *priority* and *grow* as for a
        ``FittedTable`` (tui/widgets/fitted_table.py); a column sized by its content is
        not offered (its width would follow every new list)."""
        if width is None and not grow:
            raise ValueError("a ResultList column has a width, or grows")
        self._specs.append(ColumnSpec(key, label, width, min_width, priority, grow))
        self._fitted_for = None
        self._invalidate()
        return ColumnKey(key)

    def set_rows(self, rows: Sequence[Row], cursor_row: int = 0) -> None:
        """Show *rows* instead of the ones on view, the cursor on *cursor_row* (no
        ``RowHighlighted``: the caller shows what goes with it)."""
        self._rows = list(rows)
        self._index = {str(row.key.value): i for i, row in enumerate(self._rows)}
        label_width = max(
            (_width_of(row.label) for row in self._rows if row.label is not None), default=0
        )
        if label_width != self._label_width:
            self._label_width = label_width
            self._fitted_for = None
        self._lines.clear()
        row = max(0, min(cursor_row, len(self._rows) - 1))
        self.set_reactive(ResultList.cursor_row, row)
        self._update_virtual_size()
        self.scroll_to(y=self._scroll_for(row, top=True), animate=False, immediate=True)
        self.refresh()

    def clear(self) -> None:
        self.set_rows([])

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def rows(self) -> dict[RowKey, Row]:
        return {row.key: row for row in self._rows}

    @property
    def ordered_columns(self) -> list[Column]:
        """The columns on view, left to right, at the width the list has now."""
        self._fit()
        return list(self._columns)

    @property
    def shown_columns(self) -> list[str]:
        return [str(c.key.value) for c in self.ordered_columns]

    def get_row_at(self, index: int) -> list[Cell]:
        """The cells on view of the row at *index* (as a DataTable gives them)."""
        cells = self._rows[index].cells
        return [cells.get(str(c.key.value), "") for c in self.ordered_columns]

    def get_row_index(self, key: str | RowKey) -> int:
        value = key.value if isinstance(key, RowKey) else key
        return self._index[str(value)]

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

    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_for(self, row: int, top: bool = False) -> float:
        """The scroll that brings *row* in sight (the least move; *top*: from the top)."""
        visible = self._visible_rows()
        scroll = 0.0 if top else self.scroll_y
        if row < scroll:
            return float(row)
        if row >= scroll + visible:
            return float(row - visible + 1)
        return scroll

    def _refresh_row(self, row: int) -> None:
        y = row - round(self.scroll_y) + 1
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
        # A click on a row highlights and chooses it, as on a DataTable.
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        row = round(self.scroll_y) + offset.y - 1
        if 0 <= row < len(self._rows):
            self.focus()
            self.move_cursor(row=row)
            self.action_select_cursor()

    # -- drawing ----------------------------------------------------------------------------
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
        set_virtual_size(self, Size(self.scrollable_content_region.width, len(self._rows) + 1))

    def _fit(self) -> None:
        # Room for the vertical scrollbar is always kept: a list growing past the list's
        # height then never makes a column disappear.
        width = self.size.width
        if self._fitted_for == (width, self._label_width):
            return
        self._fitted_for = (width, self._label_width)
        self._invalidate()
        available = width - self.styles.scrollbar_size_vertical
        if self._label_width:
            available -= self._label_width + 2 * PADDING
        layout = fit_columns(self._specs, {}, available, PADDING) if width else {}
        self._columns = [
            Column(ColumnKey(s.key), s.label, layout[s.key]) for s in self._specs if s.key in layout
        ]

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
        row = round(self.scroll_y) + y - 1
        if not 0 <= row < len(self._rows):
            return Strip.blank(width, self.rich_style)
        key = (row, row == self.cursor_row)
        line = self._lines.get(key)
        if line is None:
            line = self._lines[key] = self._draw_row(row, key[1], width)
        return line

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

    def _draw_row(self, row: int, cursor: bool, width: int) -> Strip:
        parity = "result-list--odd-row" if row % 2 else "result-list--even-row"
        style = self._style(parity, "result-list--cursor") if cursor else self._style(parity)
        console = self.app.console
        segments = []
        item = self._rows[row]
        if self._label_width:
            label_style = self._style("result-list--header")
            if cursor:
                label_style = self._style(
                    "result-list--header", "result-list--cursor", "result-list--header-cursor"
                )
            segments.append(_cell(item.label or "", self._label_width, label_style, console))
        for column in self._columns:
            value = item.cells.get(str(column.key.value), "")
            segments.append(_cell(value, column.width, style, console))
        return self._finish(segments, style, width)

    def _finish(self, cells: list[list[Segment]], style: Style, width: int) -> Strip:
        segments = [segment for cell in cells for segment in cell]
        used = sum(segment.cell_length for segment in segments)
        if used < width:  # the row's style carried to the right edge
            segments.append(Segment(" " * (width - used), style))
        return Strip(segments).adjust_cell_length(width, self.rich_style).simplify()


def _width_of(cell: Cell) -> int:
    return cell.cell_len if isinstance(cell, Text) else Text(str(cell)).cell_len


def _cell(value: Cell, width: int, style: Style, console: Console) -> list[Segment]:
    """One cell: its text cut or padded to *width*, a space each side, in *style*."""
    pad = " " * PADDING
    if isinstance(value, Text):
        text = value.copy()
        text.truncate(width, overflow="crop", pad=True)
        inner = [
            Segment(segment.text, style + segment.style if segment.style else style)
            for segment in text.render(console, end="")
        ]
        return [Segment(pad, style), *inner, Segment(pad, style)]
    return [Segment(pad + set_cell_size(str(value), width) + pad, style)]
