"""The Binôme terminal app: one App, screens per task, the domain packages do the work."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ressources.db import default_db_path
from ressources.errors import BinomeError
from ressources.search import SearchEngine
from seed.loader import open_seeded_database
from tui import settings
from tui.screens.help import HelpScreen
from tui.screens.ressources import RessourcesScreen


class BinomeApp(App[int]):
    """Binôme: the base de ressources partenariale (and, later, the caseload)."""

    CSS_PATH = "app.tcss"
    TITLE = "Binôme"
    SUB_TITLE = "Base de ressources partenariale — Tarn-et-Garonne"
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = [
        Binding("f1", "help", "Aide", priority=True),
        Binding("ctrl+q", "quit", "Quitter", priority=True),
    ]

    def __init__(
        self,
        db_path: Path | str | None = None,
        *,
        clock: Callable[[], date] = date.today,
        user: str | None = None,
    ) -> None:
        super().__init__()
        self.db_path = Path(db_path) if db_path else default_db_path()
        self.clock = clock
        self.user = user
        self.db = None
        self.engine: SearchEngine | None = None

    def on_mount(self) -> None:
        saved = settings.load().get("theme")
        if saved in self.available_themes:
            self.theme = saved
        try:
            self.db = open_seeded_database(self.db_path)
            self.engine = SearchEngine(self.db)
        except BinomeError as exc:
            self.exit(1, message=f"binome : {exc}")
            return
        self.push_screen(RessourcesScreen())

    def watch_theme(self, theme: str) -> None:
        settings.save({"theme": theme})

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Aide : raccourcis et mode d'emploi", "Ouvre l'aide (F1)", self.action_help
        )
        if isinstance(screen, RessourcesScreen):
            yield from screen.commands()
        yield SystemCommand(
            "Affichage : changer de thème", "Choisir les couleurs", self.action_change_theme
        )
        yield SystemCommand("Application : quitter", "Fermer Binôme (ctrl+q)", self.action_quit)

    def on_unmount(self) -> None:
        if self.db is not None:
            self.db.close()


def make_app(
    db_path: Path | str | None = None,
    *,
    clock: Callable[[], date] = date.today,
    user: str | None = None,
) -> BinomeApp:
    """The app, as the CLI, the tests and ``textual serve`` build it."""
    return BinomeApp(db_path, clock=clock, user=user)
