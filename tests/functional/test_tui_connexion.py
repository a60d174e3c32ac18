"""Served mode in Pilot: the sign-in screen, the idle lock, what a signed-in person cannot do,
and saved files going to the browser or to the disk."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from pilot import fill, settle, type_text
from textual.widgets import Input, Static

from tui.app import BinomeApp, make_app
from tui.files import fiches_dir, save_document
from tui.screens.fiche import FicheScreen
from tui.screens.lock import LockScreen
from tui.screens.sign_in import SignInScreen

SIZE = (140, 40)


def served(db_path, **kwargs) -> BinomeApp:
    return make_app(
        db_path=db_path, signin_required=True, clock=lambda: date(2026, 11, 23), **kwargs
    )


async def sign_in(pilot, identifiant: str, password: str, *, typed: bool = False) -> None:
    """Sign in; *typed*: key by key with Enter between the fields, as a person does (one test
    does; the others fill the two fields, typing is not what they are about)."""
    await settle(pilot)
    if typed:
        await type_text(pilot, identifiant)
        await pilot.press("enter")
        await type_text(pilot, password)
    else:
        await fill(pilot, {"#identifiant": identifiant, "#mot-de-passe": password})
    await pilot.press("enter")
    await settle(pilot)


def error(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_served_ignores_user_env_and_login_the_profile_comes_from_sign_in(
    demo_db_path, monkeypatch
):
    monkeypatch.setenv("BINOME_USER", "cons-albasud-01")
    app = served(demo_db_path, user="ass-mtb-04")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert app.profil is None
        # Nothing behind the sign-in answers: no area, no palette, no help.
        await pilot.press("f3", "f2", "f1")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        app.action_command_palette()
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        await sign_in(pilot, "cons-castel-01", "cons-castel-01", typed=True)
        assert app.profil.id == "cons-castel-01"
        assert app.current_mode == "ressources"
        assert app.focused is app.screen.query_one("#query", Input)


async def test_a_refusal_empties_the_password_and_says_so_in_french(demo_db_path):
    app = served(demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "cons-castel-01", "mauvais")
        assert isinstance(app.screen, SignInScreen)
        assert "incorrect" in error(app, "#connexion-erreur")
        assert app.screen.query_one("#mot-de-passe", Input).value == ""
        assert app.screen.query_one("#mot-de-passe", Input).password
        await pilot.press("enter")  # nothing typed: asked for, not refused
        await settle(pilot)
        assert "Indiquez" in error(app, "#connexion-erreur")
        assert app.profil is None


async def test_served_the_palette_never_offers_to_change_profile(demo_db_path):
    app = served(demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "cons-castel-01", "cons-castel-01")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Profil : changer" not in titles
        app.action_change_profil()
        await settle(pilot)
        assert app.profil.id == "cons-castel-01"
        assert app.current_mode == "ressources"


class IdleClock:
    """The idle lock's clock, moved by the test only: no real seconds waited, no lock before
    the test lets the time pass, none after."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def wait_for_lock(app) -> None:
    for _ in range(100):
        if isinstance(app.screen, LockScreen):
            return
        await asyncio.sleep(0.05)


async def test_idle_lock_keeps_the_work_and_opens_only_for_the_same_password(demo_db_path):
    # The idle check runs every quarter of the delay (0.1 s here); the delay passes on the
    # test's clock.
    clock = IdleClock()
    app = served(demo_db_path, idle_lock_seconds=0.4, idle_clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "cons-castel-01", "cons-castel-01")
        # Work under way (set, not typed: this test is about the lock keeping the work).
        app.screen_stack[0].query_one("#query", Input).value = "logement"
        clock.now += 0.39
        await asyncio.sleep(0.3)
        assert not isinstance(app.screen, LockScreen)  # not before the delay
        clock.now += 0.01
        await wait_for_lock(app)
        assert isinstance(app.screen, LockScreen)
        assert app.gated
        await pilot.press("f3")
        await settle(pilot)
        assert app.current_mode == "ressources" and isinstance(app.screen, LockScreen)
        await fill(pilot, {"#verrou-mot-de-passe": "ass-mtb-04"})  # another person's password
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        assert "incorrect" in error(app, "#verrou-erreur")
        await fill(pilot, {"#verrou-mot-de-passe": "cons-castel-01"})
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, LockScreen)
        assert app.screen.query_one("#query", Input).value == "logement"


async def test_served_a_person_leaving_the_desk_locks_from_the_palette(demo_db_path):
    app = served(demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "cons-castel-01", "cons-castel-01")
        command = next(
            c for c in app.get_system_commands(app.screen) if c.title == "Session : verrouiller"
        )
        command.callback()
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
    terminal = make_app(db_path=demo_db_path)
    titles = [c.title for c in terminal.get_system_commands(None)]
    assert "Session : verrouiller" not in titles


async def test_ctrl_q_quits_from_the_lock(demo_db_path):
    clock = IdleClock()
    app = served(demo_db_path, idle_lock_seconds=0.4, idle_clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "cons-castel-01", "cons-castel-01")
        clock.now += 0.4
        await wait_for_lock(app)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.return_code == 0


def test_idle_lock_can_be_shortened_never_lengthened(demo_db_path):
    assert served(demo_db_path, idle_lock_seconds=10**6).idle_lock_seconds == 15 * 60


async def test_in_a_terminal_a_saved_fiche_goes_to_documents(demo_db_path):
    app = make_app(db_path=demo_db_path, clock=lambda: date(2026, 11, 23))
    async with app.run_test(size=SIZE) as pilot:
        await fill(pilot, {"#query": "epicerie solidaire"})
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FicheScreen)
        await pilot.press("s")
        await settle(pilot)
    saved = list(fiches_dir().glob("fiche-*-2026-11-23.txt"))
    assert len(saved) == 1
    assert "picerie" in saved[0].read_text(encoding="utf-8").lower()


async def test_served_a_saved_file_is_delivered_to_the_browser_not_the_disk(
    demo_db_path, monkeypatch
):
    delivered = []
    monkeypatch.setattr(BinomeApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(
        BinomeApp,
        "deliver_binary",
        lambda self, data, **kw: delivered.append((data.read(), kw)) or "cle",
    )
    app = make_app(db_path=demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        message = save_document(
            app, "indicateurs-2026.csv", "a;é\r\n".encode("utf-8-sig"), "text/csv"
        )
    assert delivered == [
        (
            "a;é\r\n".encode("utf-8-sig"),
            {"save_filename": "indicateurs-2026.csv", "mime_type": "text/csv"},
        ),
    ]
    assert "navigateur" in message
    assert not fiches_dir().exists()


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "binome.example.fr"])
def test_serve_refuses_a_public_address_without_a_tls_proxy(host, demo_db_path, capsys):
    from tui.cli import main

    assert main(["serve", "--db", str(demo_db_path), "--host", host]) == 2
    err = capsys.readouterr().err
    assert err.startswith("binome : refus d'écouter") and "TLS" in err


def test_without_the_preloader_each_tab_runs_its_own_sign_in_session(tmp_path):
    import shlex

    from tui.cli_serve import session_command

    words = shlex.split(session_command(tmp_path / "b.db"))
    assert words[0] == "exec" and words[2:] == [
        "-m",
        "tui.cli_serve",
        "--session",
        str(tmp_path / "b.db"),
    ]
    words = shlex.split(session_command(tmp_path / "b.db", tmp_path / "s.sock"))
    assert words[2:] == [
        "-m",
        "tui.preload",
        "client",
        str(tmp_path / "s.sock"),
        str(tmp_path / "b.db"),
    ]
