"""Helpers the Pilot tests share: wait for the screen to settle, type or fill, read the screen."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from textual.app import App
from textual.widgets import Checkbox, Input, Select, SelectionList, TextArea


async def settle(pilot) -> None:
    """Let pending messages, then the workers (searches), then their results land."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    """Type as a person does, one key at a time.

    Slow on a big form (every key is checked and redrawn): keep it for what typing itself
    changes (search as you type, the one form test typed by hand); elsewhere use `fill`.
    """
    for char in text:
        await pilot.press(char if char != " " else "space")
    await settle(pilot)


async def fill(pilot, values: Mapping[str, object]) -> None:
    """Give the widgets of the screen on view their values, as a finished edit leaves them.

    Each widget is focused then set in one go: the screen gets one `Changed` per widget (the
    same message the last key of a typed value sends), then everything settles. Values: `str`
    for an Input or a TextArea, the option's value for a Select, `bool` for a Checkbox, the
    values to select for a SelectionList (the others are deselected).
    """
    screen = pilot.app.screen
    for selector, value in values.items():
        widget = screen.query_one(selector)
        widget.focus()
        if isinstance(widget, Input):
            widget.value = str(value)
        elif isinstance(widget, TextArea):
            widget.text = str(value)
        elif isinstance(widget, Select | Checkbox):
            widget.value = value
        elif isinstance(widget, SelectionList):
            assert isinstance(value, Iterable) and not isinstance(value, str), selector
            wanted = set(value)
            widget.deselect_all()
            for option in wanted:
                widget.select(option)
        else:
            raise TypeError(f"fill: no way to set {selector} ({type(widget).__name__})")
        await pilot.pause()
    await settle(pilot)


def shown(app, selector: str) -> str:
    """The text a Static (or a TextPane) shows."""
    return str(app.screen.query_one(selector).render())


def table_rows(app, selector: str) -> list[list[str]]:
    """The cells of a DataTable (or a ResultList) of the screen on view, as text, row by row."""
    table = app.screen.query_one(selector)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def table_cells(app, selector: str) -> list[dict[str, str]]:
    """The cells on view of a DataTable, row by row, as text by column key.

    Only the columns the table shows at the test's size are there: a column that gave way
    to a narrow screen (``FittedTable``) is missing, as it is for the person.
    """
    table = app.screen.query_one(selector)  # a DataTable or a ResultList
    keys = [str(c.key.value) for c in table.ordered_columns]
    return [
        dict(zip(keys, map(str, table.get_row_at(i)), strict=True)) for i in range(table.row_count)
    ]


@dataclass(frozen=True)
class Notice:
    """A notification the app sent (what its toast shows)."""

    message: str
    title: str
    severity: str
    timeout: float  # seconds the toast stays


_SENT: WeakKeyDictionary[App, list[Notice]] = WeakKeyDictionary()


def record_notifications(monkeypatch) -> None:
    """From now on keep every notification an app sends, for `notifications` to read.

    `run_test` hides toasts, and `App._notifications` is private and forgets a notification
    after its timeout: wrapping the public `App.notify` (which every `notify` goes through)
    keeps them all, in order.
    """
    original = App.notify

    def notify(self, message, *, title="", severity="information", timeout=None, **rest) -> None:
        seconds = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        notice = Notice(str(message), str(title), str(severity), float(seconds))
        _SENT.setdefault(self, []).append(notice)
        original(self, message, title=title, severity=severity, timeout=timeout, **rest)

    monkeypatch.setattr(App, "notify", notify)


def notifications(app) -> list[Notice]:
    """The notifications *app* has sent so far, oldest first."""
    return list(_SENT.get(app, ()))


def toasts(app) -> list[str]:
    """The messages of the toasts on view now, oldest first (whether `run_test` draws them
    or not): Textual forgets a notification after its timeout, or when it is cleared."""
    return [n.message for n in app._notifications]


async def press_at_once(pilot, *keys: str) -> None:
    """Keys arriving together, as a burst does from a browser or a terminal (a password
    manager's auto-type, fast typing read in one go): all handed to the app before it handles
    the first, where `pilot.press` lets the app settle after each. Then settle."""
    from textual import events
    from textual.keys import _character_to_key

    for key in keys:
        char = key if len(key) == 1 else None
        name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
        event = events.Key(name, char)
        event.set_sender(pilot.app)
        pilot.app._driver.send_message(event)
    await settle(pilot)


async def screen_text(pilot) -> str:
    """What the terminal shows once settled, line by line, as text."""
    await settle(pilot)
    text = "\n".join(strip.text for strip in pilot.app.screen._compositor.render_strips())
    assert text.strip(), "nothing drawn yet"
    return text
