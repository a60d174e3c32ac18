"""What the screens rely on the app for, typed: the open base, its search engine, the
profile at work, the app's day, the caseload and the territoire.

``BinomeApp`` (tui/app.py) is a ``BinomeBase``; screens subclass ``BinomeScreen`` or
``BinomeModal``, whose ``self.app`` is typed as a ``BinomeBase`` (Textual's
``getters.app``). The base lives apart from tui/app.py because the app imports every
screen: the screens importing it back would make a cycle.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database
from textual import events, getters
from textual._context import active_app
from textual.app import App
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer

from caseload.acces import Profil
from caseload.store import Caseload
from caseload.territoire import Territory
from ressources.errors import AccessDenied
from ressources.search import SearchEngine
from tui import keys
from tui.widgets.footer import AreaFooter

ResultType = TypeVar("ResultType")


# How long a toast stays, by severity: an information is read at a glance, a warning or an
# error is to be acted on. Textual's one 5 s for all left an « Enregistré » over the buttons
# as long as an error. A long text stays longer: a second per 40 characters past 80, up to
# LONG_TOAST_EXTRA.
TOAST_SECONDS: dict[str, float] = {"information": 3.0, "warning": 6.0, "error": 8.0}
LONG_TOAST_EXTRA = 6.0


def toast_seconds(message: str, severity: str) -> float:
    """How long the toast of a notice *message* of *severity* stays."""
    base = TOAST_SECONDS.get(severity, TOAST_SECONDS["information"])
    return base + min(LONG_TOAST_EXTRA, max(0, len(message) - 80) // 40)


class BinomeBase(App[int]):
    """The app as its screens see it (``BinomeApp`` sets it up)."""

    db_path: Path
    clock: Callable[[], date]
    profil: Profil | None
    # Counts the changes made to the base from this app (edits, reviews, syncs): a screen
    # coming back into view searches again when it moved.
    base_version: int = 0
    _db: Database | None = None
    _engine: SearchEngine | None = None
    _caseload: Caseload | None = None
    _territoire: Territory | None = None

    # When the person last pressed a key or clicked (``time.time()``, the clock of a
    # notification's ``raised_at``).
    _input_at: float = 0.0

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            self._input_at = time.time()
        await super().on_event(event)

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)

    def _screen_changed(self, _screen: Screen) -> None:
        """A toast is about the screen it was said on: the next screen (an area, a dialog,
        the palette) opens without them over its buttons. Those raised since the person's
        last key or click stay: they say what that key did, the very change of screen
        (« Enregistré » as a form closes, why F5 gave way to the Ressources). Textual is
        pinned (pyproject.toml): its notifications are read here one by one."""
        stale = [n for n in self._notifications if n.raised_at < self._input_at]
        for notification in stale:
            self._unnotify(notification, refresh=False)
        if stale:
            self._refresh_notifications()

    def _end_batch(self) -> None:
        # Textual lays a screen out when it is idle outside the app's update batches, and
        # at a batch's end looks again only at the screen on top. A screen under a dialog
        # that went idle during one waited for its next message: after a resize, the form
        # under « Quitter sans enregistrer ? » had its new size class and the columns of
        # the former size (three squeezed into 80 columns, one at 120) until the dialog
        # closed. The screens in view under the dialog are looked at again too.
        super()._end_batch()
        if not self._batch_count:
            for screen in self._background_screens:
                screen.check_idle()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Textual's notice, never read as markup: notices quote names, typed text and error
        messages (« [/] » in one would stop the app). Screens' ``notify`` ask for markup by
        default; none is used. Without a *timeout*, it stays as long as its severity and
        length ask (``toast_seconds``)."""
        if timeout is None:
            timeout = toast_seconds(message, severity)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    @property
    def db(self) -> Database:
        """The open base. The app opens it on mount, before it shows any screen."""
        if self._db is None:
            raise RuntimeError("the base is not open yet")
        return self._db

    @property
    def engine(self) -> SearchEngine:
        """The search engine over the open base."""
        if self._engine is None:
            raise RuntimeError("the base is not open yet")
        return self._engine

    def actor(self) -> Profil:
        """The profile at work, for an action that needs one. Screens offer such actions
        only to a profile; without one, the domain's refusal, in French."""
        if self.profil is None:
            raise AccessDenied("Aucun profil ouvert : cette action demande d'être identifié.")
        return self.profil

    def caseload(self) -> Caseload | None:
        """The caseload as the current profile may see it (None without a profile)."""
        if self.profil is None or self._db is None:
            return None
        if self._caseload is None or self._caseload.profil != self.profil:
            self._caseload = Caseload(
                self.db, self.profil, clock=self.clock, gazetteer=self.engine.gazetteer
            )
        return self._caseload

    @property
    def territoire(self) -> Territory:
        if self._territoire is None:
            self._territoire = Territory(self.db, self.engine.gazetteer)
        return self._territoire

    def action_area(self, mode: str) -> None:
        """Show one of the app's areas (``BinomeApp``: its screen modes)."""
        raise NotImplementedError


def preset_size_classes(screen: Screen, app: App) -> None:
    """The breakpoint classes Textual gives a screen on a resize (``Screen._on_resize``),
    for the terminal's size now; a resize later moves them as usual."""
    width, height = app.size
    horizontal = (
        app.HORIZONTAL_BREAKPOINTS
        if screen.HORIZONTAL_BREAKPOINTS is None
        else screen.HORIZONTAL_BREAKPOINTS
    ) or []
    vertical = (
        app.VERTICAL_BREAKPOINTS
        if screen.VERTICAL_BREAKPOINTS is None
        else screen.VERTICAL_BREAKPOINTS
    ) or []
    classes = screen._get_breakpoint_classes(width, horizontal)
    classes |= screen._get_breakpoint_classes(height, vertical)
    if classes:
        screen.add_class(*classes, update=False)


class StyledOnce:
    """A screen (or dialog) styled as its widgets mount, and not again for nothing.

    Textual re-reads every stylesheet of the app and restyles the whole screen the first
    times it is shown, because a new screen counts as behind on the app's CSS (0.05 s of
    the 0.3 s an area has to open, issue 13; 1.7 s of the 2.9 s the help took to open: a
    dialog is restyled whole as it is pushed). A new screen is not behind: its widgets take
    today's rules as they mount, and its own CSS is read as it is installed. Its size
    classes (« -narrow », « -short »…) are set from the start, as its widgets are styled on
    mounting: set after mount, by Textual's first resize, they restyled the whole screen a
    second time (50–80 ms of an area's opening); and in a real terminal a dialog pushed
    after the app started got them only at the next resize (the resource form showed its
    three columns of fields squeezed into 80 columns). A theme changed later still
    restyles it when it comes back into view.
    """

    _styled_for: tuple | None = None

    def _set_up_styling(self: Any) -> None:
        app = active_app.get(None)
        if app is not None:
            self._css_update_count = app._css_update_count
            preset_size_classes(self, app)
            self._styled_for = self._app_styling(app)

    def _app_styling(self: Any, app: App | None = None) -> tuple:
        """What of the app's state the screen's styles depend on: its stylesheet (theme),
        its classes, whether it has the focus."""
        app = app or self.app
        return (app._css_update_count, app.app_focus, frozenset(app.classes))

    def _on_screen_suspend(self) -> None:
        # (Textual calls Screen's own handler too, after this one.)
        self._styled_for = self._app_styling()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual restyles every widget of a screen coming into view (0.04 s, each visit of
        # an area); nothing it depends on moved meanwhile: skipped. Screen's own handler
        # runs after this one.
        if event.refresh_styles and self._styled_for == self._app_styling():
            event.refresh_styles = False


class BinomeScreen(StyledOnce, Screen[ResultType]):
    """A screen of Binôme: ``self.app`` is typed."""

    app = getters.app(BinomeBase)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_up_styling()


class BinomeModal(StyledOnce, ModalScreen[ResultType]):
    """A dialog of Binôme: ``self.app`` is typed, and it has a footer of its own.

    Without one, the footer of the screen under the dialog stayed in view, promising keys
    that do nothing while the dialog is open (Textual runs this ``on_mount`` as well as a
    dialog's own)."""

    app = getters.app(BinomeBase)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_up_styling()

    def on_mount(self) -> None:
        if not self.query(Footer):
            self.mount(AreaFooter())

    def on_key(self, event: events.Key) -> None:
        # F2…F6 are not offered over a dialog (tui/app.py: never leave one open behind):
        # said, rather than nothing happening.
        if keys.area_of(keys.app_entry(self.app, event.key)):
            title, message = self.area_key_refusal()
            self.notify(message, title=title, severity="warning")
            event.stop()

    def area_key_refusal(self) -> tuple[str, str]:
        """What an area's key says over this dialog: its notice's title and message."""
        return (
            "Changer d'espace : non",
            "Fermez d'abord cette fenêtre (échap), puis changez d'espace.",
        )
