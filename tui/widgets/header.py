"""The header of every screen: where one is and who one is, whole at any width.

Textual's Header keeps 8 columns for its icon and 10 for a clock Binôme does not show: at 80
columns « Binôme · Ressources — Yannick Garrigues — Conseiller France T… » lost the role
(issue 13). Narrow, the icon and the clock's room shrink, and the title takes the first of
shorter forms that fits: without « Binôme · », then with the role's short name (« ASS »).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Header
from textual.widgets._header import HeaderClockSpace, HeaderIcon, HeaderTitle

from caseload.acces import ROLES, ROLES_SHORT

APP_PREFIX = "Binôme · "
# Under this width the icon and the clock's room shrink to a column or so each.
NARROW_WIDTH = 100
# Textual's separator between the title and the subtitle (App.format_title).
SEPARATOR = " — "


def title_forms(title: str, sub_title: str) -> list[tuple[str, str]]:
    """The title and subtitle, longest first: as written, without the app's name, then
    with the role's short name."""
    forms = [(title, sub_title)]
    bare = title.removeprefix(APP_PREFIX)
    if bare != title:
        forms.append((bare, sub_title))
    short = sub_title
    for role, label in ROLES.items():
        short = short.replace(label, ROLES_SHORT[role])
    if short != sub_title:
        forms.append((bare, short))
    return forms


def fitted_title(title: str, sub_title: str, width: int) -> tuple[str, str]:
    """The longest form of the title that fits in *width* cells (the shortest otherwise)."""
    forms = title_forms(title, sub_title)
    for t, s in forms:
        if cell_len(t) + (cell_len(SEPARATOR) + cell_len(s) if s else 0) <= width:
            return t, s
    return forms[-1]


class _Icon(HeaderIcon):
    def on_mount(self) -> None:
        super().on_mount()
        if not self.disabled:
            self.tooltip = "Ouvrir la palette de commandes (ctrl+p)"  # Textual's is English


class BinomeHeader(Header):
    """A Header whose title fits its width (see the module's docstring)."""

    DEFAULT_CSS = """
    BinomeHeader.-narrow HeaderIcon {
        width: 3;
    }
    BinomeHeader.-narrow HeaderClockSpace {
        width: 1;
        padding: 0;
    }
    """

    def compose(self) -> ComposeResult:
        yield _Icon().data_bind(Header.icon)
        yield HeaderTitle()
        yield HeaderClockSpace()

    def format_title(self) -> Content:
        title, sub_title = self.screen_title, self.screen_sub_title
        room = self._title_room()
        if room > 0:
            title, sub_title = fitted_title(title, sub_title, room)
        return self.app.format_title(title, sub_title)

    def _title_room(self) -> int:
        width = self.size.width or self.app.size.width
        narrow = width < NARROW_WIDTH
        # The icon and the clock's room (tui/widgets/header.py's CSS and Textual's).
        return width - (3 + 1 if narrow else 8 + 10)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")
        self.query_one(HeaderTitle).update(self.format_title())
