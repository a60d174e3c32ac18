"""The Binôme terminal app: one App, screens per task, the domain packages do the work.

Each area of the app is a Textual screen mode (F2 Ressources, F3 Portefeuille, F4
Sectorisation, F5 Indicateurs, F6 À faire): switching keeps what each area was showing.
The Ressources screen is the start screen, its search box focused.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import cast

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import ModalScreen, Screen

from caseload.acces import (
    DEMANDEUR_ROLES,
    PERMISSIONS,
    ROLES,
    Profil,
    get_profil,
    is_demo_base,
    list_profils,
    may,
    profil_now,
    terminal_profil,
)
from ressources.db import default_db_path
from ressources.errors import BinomeError
from ressources.search import SearchEngine
from ressources.text import counted
from seed.loader import open_seeded_database
from tui import keys, settings, typography
from tui.base import BinomeBase
from tui.palette import Commands, Palette
from tui.screens.afaire import AfaireScreen
from tui.screens.dialogs.confirm import ConfirmScreen
from tui.screens.dialogs.profil import ProfilScreen
from tui.screens.help import HelpScreen
from tui.screens.indicateurs import IndicateursScreen
from tui.screens.lock import LockScreen
from tui.screens.portefeuille import PortefeuilleScreen
from tui.screens.ressources import ResourcesScreen
from tui.screens.sectorisation import SectorisationScreen
from tui.screens.sign_in import SignInScreen
from tui.screens.sync import SyncScreen
from tui.widgets.french import say_textual_in_french

# Served, an idle session locks after this long without a key or a click (issue 8).
IDLE_LOCK_SECONDS = 15 * 60
# Served, a sign-in screen nobody uses still holds an app process: it closes after this long.
SIGN_IN_EXPIRY_SECONDS = 30 * 60

# Textual's own words on screen (a Select's open list), in French.
say_textual_in_french()

# The app's areas, in the order of their keys: mode → its screen. Everything else about an
# area is its entry [app.MODE] in the registry (tui/actions.toml, action "area('MODE')"): its
# key, its title (the label), what the footer, the palette and the help say of it.
AREAS: dict[str, type[Screen]] = {
    "ressources": ResourcesScreen,
    "portefeuille": PortefeuilleScreen,
    "sectorisation": SectorisationScreen,
    "indicateurs": IndicateursScreen,
    "afaire": AfaireScreen,
}


def area_title(mode: str) -> str:
    """The area's title, in the header: the label of its key in the registry."""
    return keys.find(f"app.{mode}").label


class BinomeApp(BinomeBase):
    """Binôme: the base de ressources partenariale and the caseload of the binômes."""

    CSS_PATH = "app.tcss"
    # Under 30 lines every screen is « -short »: dialogs draw their fields and buttons on one
    # line each, so that at 80x24 their buttons stay in sight (app.tcss).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    TITLE = "Binôme"
    SUB_TITLE = "Base de ressources partenariale — Tarn-et-Garonne"
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"
    # get_system_commands, found with or without accents (tui/palette.py).
    COMMANDS = {Commands}
    MODES = {mode: screen for mode, screen in AREAS.items()}
    BINDINGS = keys.bindings("app")
    # The question ctrl+q asks over unsaved work, while it is open (action_quit).
    _quit_question: ConfirmScreen | None = None

    def __init__(
        self,
        db_path: Path | str | None = None,
        *,
        clock: Callable[[], date] = date.today,
        user: str | None = None,
        signin_required: bool = False,
        idle_lock_seconds: float = IDLE_LOCK_SECONDS,
        idle_clock: Callable[[], float] = time.monotonic,
    ) -> None:
        typography.install()  # « guillemets » never split from their word at a line's end
        super().__init__()
        self.db_path = Path(db_path) if db_path else default_db_path()
        self.clock = clock
        # Served: the profile comes from the sign-in screen only, never from --user,
        # BINOME_USER or the server's OS login; the session locks when idle.
        self.signin_required = signin_required
        self.user = None if signin_required else user
        self.idle_lock_seconds = min(idle_lock_seconds, IDLE_LOCK_SECONDS)
        # What the idle lock counts seconds with (a test's own clock moves only when told).
        self.idle_clock = idle_clock
        self.sign_in_expiry_seconds: float = SIGN_IN_EXPIRY_SECONDS
        self._last_input = self.idle_clock()
        self.locked = False
        self.profil: Profil | None = None
        # True when no profile matched the session and the demo's first conseiller is used.
        self.profil_fallback = False
        self._caseload = None
        self.base_version = 0
        self._territoire = None

    def on_mount(self) -> None:
        self._handle_signals()
        saved = settings.load().get("theme")
        if isinstance(saved, str) and saved in self.available_themes:
            self.theme = saved
        self.apply_keymap_file()
        try:
            self._db = open_seeded_database(self.db_path)
            self._engine = SearchEngine(self._db)
            if not self.signin_required:
                self._choose_profil()
        except BinomeError as exc:
            self.exit(1, message=f"binome : {exc}")
            return
        if self.signin_required:
            self._sign_in()
            return
        self.action_area("ressources")
        if self.db.execute("PRAGMA query_only").fetchone()[0]:
            self.notify(
                "La base est en lecture seule (fichier ou dossier non modifiable) : vous pouvez "
                "chercher et consulter, pas enregistrer.",
                title="Lecture seule",
                severity="warning",
                timeout=15,
            )
        self._remind_purge()

    def _remind_purge(self) -> None:
        """An administrateur is told at start-up when files are past their retention."""
        from caseload.rgpd import purge_due

        due = purge_due(self.db, self.profil, self.clock())
        if due:
            self.notify(
                f"{counted(due, 'dossier a', 'dossiers ont')} dépassé leur durée de "
                "conservation : palette « RGPD : données personnelles », aperçu de la purge.",
                title="RGPD : purge à faire",
                severity="warning",
                timeout=20,
            )

    def action_rgpd(self) -> None:
        if not self.recheck_profil() or not may(self.profil, "rgpd"):
            return
        from tui.screens.rgpd import RgpdScreen

        self.push_screen(RgpdScreen())

    def action_profils(self) -> None:
        if not self.recheck_profil() or not may(self.profil, "profils"):
            return
        from tui.screens.profils import ProfilsScreen

        self.push_screen(ProfilsScreen())

    # -- served: sign-in and idle lock (issue 8) ---------------------------------------------
    def _sign_in(self) -> None:
        def signed_in(profil: Profil | None) -> None:
            if profil is None:
                return
            expiry.stop()
            self.set_profil(profil)
            self._last_input = self.idle_clock()
            self.set_interval(min(30.0, self.idle_lock_seconds / 4), self._check_idle)
            self.action_area("ressources")

        expiry = self.set_timer(self.sign_in_expiry_seconds, self._sign_in_expired)
        self.push_screen(SignInScreen(), signed_in)

    def _sign_in_expired(self) -> None:
        if self.profil is None:
            self.exit(1, message="binome : personne ne s'est connecté : session fermée.")

    @property
    def gated(self) -> bool:
        """Served and nobody signed in, or the session locked: only quitting is possible."""
        return self.signin_required and (self.profil is None or self.locked)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(
            event,
            (
                events.Key,
                events.MouseDown,
                events.MouseScrollDown,
                events.MouseScrollUp,
                events.Paste,
            ),
        ):
            self._last_input = self.idle_clock()
        await super().on_event(event)

    def _check_idle(self) -> None:
        if not self.recheck_profil():
            return
        if self.idle_clock() - self._last_input >= self.idle_lock_seconds:
            self.action_lock(idle=True)

    def recheck_profil(self) -> bool:
        """Served: the signed-in profile as the base holds it now: a profile deactivated, or a demo
        profile once the base has become real, ends the session; a changed role applies at
        once. False when the session ended."""
        if self.profil is None or self._db is None or not self.signin_required:
            return True  # in a terminal the OS account is who works, checked at start
        current = profil_now(self.db, self.profil)
        if current is None:
            self.exit(
                1,
                message="binome : votre profil n'est plus actif sur cette base : session fermée.",
            )
            return False
        if current != self.profil:
            self.set_profil(current)
        return True

    def action_lock(self, idle: bool = False) -> None:
        """Lock the session over what is on screen (served: *idle*, or asked for)."""
        if self.gated or not self.signin_required or self.profil is None:
            return
        self.locked = True
        self.refresh_bindings()

        def unlocked(_: None) -> None:
            self.locked = False
            self._last_input = self.idle_clock()
            self.refresh_bindings()

        self.push_screen(LockScreen(self.profil, idle=idle), unlocked)

    def action_command_palette(self) -> None:
        # Textual types is_open's app as App[object], which an App[int] is not (invariant).
        if self.gated or CommandPalette.is_open(cast("App[object]", self)):
            return
        # Textual's own placeholder is English; the people here read French.
        self.push_screen(Palette(placeholder="Chercher une commande…", id="--command-palette"))

    # -- profile -------------------------------------------------------------------------
    def _choose_profil(self) -> None:
        # *user* comes from Python code (the CLI, which checked it with terminal_profil, or
        # tests); without it the terminal's own rule applies.
        profil = get_profil(self.db, self.user) if self.user else terminal_profil(self.db)
        fallback = False
        if profil is None:
            demo = self.demo_profils("conseiller")
            if demo:
                profil, fallback = demo[0], True
        self.set_profil(profil, fallback=fallback)

    def _forget_filters(self) -> None:
        """Another person takes the seat: what the last one typed or chose in the areas'
        search and filter boxes (a demandeur's name, the thématique and commune of her
        freins) is not left for the next one to see."""
        for screen in self._area_screens():
            forget = getattr(screen, "forget_filters", None)
            if callable(forget):
                forget()

    def _area_screens(self) -> Iterator[Screen]:
        """Every screen of the areas opened so far, each area's stack in turn."""
        for mode in self.MODES:
            try:
                stack = self.get_screen_stack(mode)
            except (KeyError, LookupError):
                continue  # an area not opened yet
            yield from stack

    def demo_profils(self, role: str | None = None) -> list[Profil]:
        """The fictitious profiles of a demo database (empty on a real one)."""
        if self._db is None or not is_demo_base(self.db):
            return []
        return [p for p in list_profils(self.db, role) if p.demo]

    def set_profil(self, profil: Profil | None, *, fallback: bool = False) -> None:
        previous = getattr(self, "profil", None)
        if previous is not None and (profil is None or profil.id != previous.id):
            self._forget_filters()
        self.profil = profil
        self.profil_fallback = fallback
        self._caseload = None
        self.sub_title = self.profil_label()
        # An area the new profile may not use (a partner chosen on the Indicateurs) gives way
        # to the Ressources, with the reason.
        if self._db is not None and self._said_area_refused(self.current_mode):
            self.call_after_refresh(self.switch_mode, "ressources")
        # The screen on view reloads for the new profile (the others do when resumed).
        reload = getattr(self.screen, "profil_changed", None)
        if callable(reload):
            self.call_after_refresh(reload)
        self.refresh_bindings()

    def profil_label(self) -> str:
        if self.profil is None:
            return "Sans profil (F3 dit pourquoi)"
        p = self.profil
        text = f"{p.nom_complet} — {ROLES.get(p.role, p.role)}"
        if self.profil_fallback:
            text += " · profil de démonstration"
        elif p.demo:
            text += " · démo"
        return text

    def action_change_profil(self) -> None:
        if self.signin_required:  # served: the profile is the signed-in person's, always
            return
        profils = self.demo_profils()
        if not profils:
            self.notify(
                "Le changement de profil n'existe que sur la base de démonstration.",
                severity="warning",
            )
            return

        def chosen(profil_id: str | None) -> None:
            found = next((p for p in profils if p.id == profil_id), None)
            if found is not None:
                self.set_profil(found)
                self.notify(f"Profil : {found.libelle}")

        current = self.profil.id if self.profil else None
        self.push_screen(ProfilScreen(profils, current), chosen)

    # -- navigation --------------------------------------------------------------------------
    def action_area(self, mode: str) -> None:
        if self._db is None:
            return
        # Whatever asks (a key, the palette, a keymap file), an area refused to the profile
        # is not opened.
        if self._said_area_refused(mode):
            return
        self.switch_mode(mode)
        base = self.screen_stack[0]
        if base.title is None:
            base.title = f"Binôme · {area_title(mode)}"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Gated, the sign-in or the lock still moves between its own fields.
        if self.gated and action not in ("quit", "focus_next", "focus_previous"):
            return False
        if action == "area":
            # Never leave a dialog open behind: close it first (échap).
            if isinstance(self.screen, ModalScreen):
                return False
            # The area on view is not offered (the footer has no room to spare).
            if parameters and parameters[0] == self.current_mode:
                return False
            return not (parameters and self._area_refusal(str(parameters[0])))
        return True

    def _said_area_refused(self, mode: str) -> bool:
        """Whether *mode* is refused to the person signed in; if so, said (« Indicateurs :
        non », and why)."""
        why = self._area_refusal(mode)
        if why:
            self.notify(why, title=f"{area_title(mode)} : non", severity="warning")
        return why is not None

    def _area_refusal(self, mode: str) -> str | None:
        """Why *mode* is not offered to the person signed in (the key then says so)."""
        profil = self.profil
        if mode == "indicateurs" and profil is not None and not may(profil, "indicateurs"):
            return PERMISSIONS["indicateurs"][1]
        if mode == "portefeuille" and profil is not None and profil.role not in DEMANDEUR_ROLES:
            who = (
                "L'administrateur"
                if profil.role == "administrateur"
                else "Le personnel des partenaires"
            )
            return f"{who} ne suit pas de demandeurs : pas de portefeuille."
        return None

    def on_key(self, event: events.Key) -> None:
        entry = keys.app_entry(self, event.key)
        area = keys.area_of(entry)
        # Before the sign-in or while locked, F1, F2…F6 and the palette say why they do
        # nothing (each screen its own words: the lock's, the sign-in's).
        if self.gated and (entry or event.key == self.COMMAND_PALETTE_BINDING):
            if isinstance(self.screen, ModalScreen) and area:
                return  # said by the dialog itself (BinomeModal.on_key)
            refusal = getattr(self.screen, "area_key_refusal", None)
            if callable(refusal):
                title, message = refusal()
                self.notify(message, title=title, severity="warning")
                event.stop()
            return
        # An area's key that is not offered to this profile says why, rather than nothing.
        modal = isinstance(self.screen, ModalScreen)
        if entry is not None and area and not modal and self._said_area_refused(area):
            event.stop()

    def watch_theme(self, theme: str) -> None:
        if not self.signin_required:  # served, the preferences file is everyone's
            settings.save({"theme": theme})

    def action_help(self) -> None:
        """The help, opened at the section of the screen on view."""
        if not isinstance(self.screen, HelpScreen):
            area = getattr(self.screen, "KEYS", None)
            self.push_screen(HelpScreen(keys.help_anchor(area)))

    # -- keys ----------------------------------------------------------------------------------
    def apply_keymap_file(self) -> None:
        """The person's touches.toml, if any; what is wrong in it is said, never fatal."""
        keymap, problems = keys.load_keymap()
        self.set_keymap(keymap)
        if problems:
            self.notify(
                "\n".join(problems[:5]),
                title="Fichier de touches : défauts gardés",
                severity="warning",
                timeout=20,
            )

    def get_key_display(self, binding: Binding) -> str:
        if binding.key_display:
            return binding.key_display
        if binding.key in ("enter", "escape"):
            return keys.show_key(binding.key)
        return super().get_key_display(binding)

    def action_help_quit(self) -> None:
        """ctrl+c does not quit (it copies): say which key does, in French."""
        quit_key = keys.keys_text(self, keys.find("app.quitter"))
        self.notify(f"Pour quitter Binôme : {quit_key}.", title="Quitter ?")

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(Palette(providers=[ThemeProvider], placeholder="Chercher un thème…"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        def offered(action: str, parameters: tuple) -> bool:
            if action != "area" or not parameters:
                return True
            mode = str(parameters[0])
            return mode != self.current_mode and not self._area_refusal(mode)

        app_commands = list(keys.commands(self, "app", offered))
        yield from app_commands[:-1]  # help and areas first, quitting last
        commands = getattr(screen, "commands", None)
        if callable(commands):
            yield from commands()
        if may(self.profil, "sync"):
            yield SystemCommand(
                "Base : synchroniser avec data·inclusion",
                "Récupérer les structures et services du département depuis l'API",
                self.action_sync,
            )
        if may(self.profil, "rgpd"):
            yield SystemCommand(
                "RGPD : données personnelles",
                "Journal des accès, droit d'accès, limitation, effacement, purge (administrateur)",
                self.action_rgpd,
            )
        if may(self.profil, "profils"):
            yield SystemCommand(
                "Profils : gérer",
                "Qui utilise Binôme : ajouter une personne, son mot de passe, la désactiver "
                "(administrateur)",
                self.action_profils,
            )
        if self.demo_profils() and not self.signin_required:
            yield SystemCommand(
                "Profil : changer",
                "Prendre un autre profil de démonstration : conseiller, ASS, responsable MDS, "
                "partenaire ou administrateur",
                self.action_change_profil,
            )
        if self.signin_required:
            yield SystemCommand(
                "Session : verrouiller",
                "En quittant le poste : votre mot de passe pour reprendre, le travail conservé",
                self.action_lock,
            )
        yield SystemCommand(
            "Affichage : changer de thème", "Choisir les couleurs", self.action_change_theme
        )
        yield from app_commands[-1:]

    def unsaved_work(self) -> bool:
        """Whether a form or a note in any area holds what has not been saved."""
        for screen in self._area_screens():
            check = getattr(screen, "has_unsaved_work", None)
            if callable(check) and check():
                return True
        return False

    async def action_quit(self) -> None:
        """Quit, but never silently over unsaved work (ctrl+q used to lose a form)."""
        # ctrl+q again over its own question quits; over another question (toujours exact…)
        # it still asks when work would be lost.
        asked = self._quit_question
        if (asked is not None and self.screen is asked) or not self.unsaved_work():
            self.exit()
            return

        def answered(leave: bool | None) -> None:
            self._quit_question = None
            if leave:
                self.exit()

        self._quit_question = ConfirmScreen(
            "Quitter Binôme ?",
            "Un formulaire ou une note contient des changements non enregistrés : "
            "ils seront perdus.",
            yes="Quitter sans enregistrer",
            cancel_said=False,  # « Annuler »: Binôme, still in view, says it all
        )
        self.push_screen(self._quit_question, answered)

    def action_sync(self) -> None:
        if not self.recheck_profil():
            return
        if not may(self.profil, "sync"):
            self.notify("Seul un administrateur synchronise la base.", severity="warning")
            return

        def closed(changed: bool | None) -> None:
            if changed:
                self.base_version += 1
                ressources = self.get_screen_stack("ressources")[0]
                if isinstance(ressources, ResourcesScreen):
                    ressources.refresh_search()

        self.push_screen(SyncScreen(), closed)

    # -- SIGTERM, SIGHUP ------------------------------------------------------------------
    def _handle_signals(self) -> None:
        """SIGTERM (a shutdown, ``kill``) and SIGHUP (the terminal closed, an SSH link
        lost) end the app as ctrl+q does: the terminal leaves raw mode and the alternate
        screen, and the base is closed. Without this, Python dies at once and leaves the
        terminal unusable."""
        self._signals: list[int] = []
        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(sig, self._on_signal, sig)
                self._signals.append(sig)
        except (NotImplementedError, RuntimeError, ValueError, AttributeError):
            pass  # not the main thread, or no such signal here (Windows): nothing to do

    def _on_signal(self, sig: int) -> None:
        self.exit(return_code=128 + sig)

    def _fatal_error(self) -> None:
        """An unexpected failure: Textual prints a traceback with every local variable, which
        here would print a password being checked or a demandeur's fiche (and, served, into
        the server's log). Say it in French, with the traceback but no locals."""
        from rich.console import Group
        from rich.text import Text
        from rich.traceback import Traceback

        self.bell()
        message = Text(
            "binome : erreur inattendue, l'application s'arrête. Ce qui était enregistré est "
            "dans la base ; signalez cette erreur à l'administrateur (détail ci-dessous, sans "
            "données personnelles).",
            style="bold",
        )
        detail = Traceback(show_locals=False, width=None, suppress=[])
        self._exit_renderables.append(Group(message, detail))
        self._close_messages_no_wait()

    def on_unmount(self) -> None:
        with contextlib.suppress(RuntimeError):
            loop = asyncio.get_running_loop()
            for sig in getattr(self, "_signals", []):
                loop.remove_signal_handler(sig)
        if self._engine is not None:
            self._engine.close()
        elif self._db is not None:
            self._db.close()


# CPython's cyclic garbage collector looks at the young objects every 700 allocations; Textual
# allocates that many in a fraction of a frame (styles, segments, strips, messages), so it ran
# some 200 times while the resource form opened and took a fifth to a quarter of the CPU of a
# screen (measured: the 17 edition tests, 38.4 and 37.4 s of CPU, 29.1 and 25.9 s with this).
# Cycles are still collected, in batches of 20,000 young objects (a few megabytes).
GC_THRESHOLDS = (20_000, 20, 20)


def tune_garbage_collector() -> None:
    """The collector's thresholds for an interactive Textual app (``GC_THRESHOLDS``)."""
    gc.set_threshold(*GC_THRESHOLDS)


def make_app(
    db_path: Path | str | None = None,
    *,
    clock: Callable[[], date] = date.today,
    user: str | None = None,
    signin_required: bool = False,
    idle_lock_seconds: float = IDLE_LOCK_SECONDS,
    idle_clock: Callable[[], float] = time.monotonic,
) -> BinomeApp:
    """The app, as the CLI, the tests and ``binome serve`` build it.

    *signin_required* (set only by ``binome serve``) only narrows: the profile then comes from
    the sign-in screen alone; *idle_lock_seconds* can only shorten the idle lock."""
    tune_garbage_collector()
    return BinomeApp(
        db_path,
        clock=clock,
        user=user,
        signin_required=signin_required,
        idle_lock_seconds=idle_lock_seconds,
        idle_clock=idle_clock,
    )
