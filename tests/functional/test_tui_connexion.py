"""Served mode in Pilot: the sign-in screen, the idle lock, what a signed-in person cannot do,
and saved files going to the browser or to the disk; and `binome connexion` in a
pseudo-terminal."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from pilot import (
    fill,
    notifications,
    press_at_once,
    screen_text,
    settle,
    shown,
    type_text,
)
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


@pytest.mark.parametrize("between", ["tab", "enter"])
@pytest.mark.parametrize("delivery", ["one press call", "a burst"])
async def test_a_password_typed_ahead_lands_in_the_password_field_and_is_never_shown(
    demo_db_path, between, delivery
):
    # A password manager types identifiant, Tab (or Entrée), password, Entrée, without waiting
    # for the focus to move: Tab did nothing, and the keys after Entrée reached Identifiant
    # before it moved, showing the password in plain text (« cons-castel-01mauvais-mdp »).
    app = served(demo_db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        typed = (*"ass-bv-03", between, *"secret-faux", "enter")
        if delivery == "a burst":
            await press_at_once(pilot, *typed)
        else:
            await pilot.press(*typed)
            await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert app.screen.query_one("#identifiant", Input).value == "ass-bv-03"
        assert "incorrect" in error(app, "#connexion-erreur")
        assert app.screen.query_one("#mot-de-passe", Input).value == ""
        assert app.focused is app.screen.query_one("#mot-de-passe", Input)
        shown_now = await screen_text(pilot)
        assert "ass-bv-03" in shown_now and "secret" not in shown_now
        # The right one, typed ahead the same way after the refusal, signs in.
        await press_at_once(pilot, *"ass-bv-03", "enter")
        await settle(pilot)
        assert app.profil is not None and app.profil.id == "ass-bv-03"


async def test_a_second_try_typed_before_the_refusal_is_kept_and_checked(demo_db_path):
    # Keys typed after Entrée, while the first password was being checked, were submitted
    # with it and then wiped: the second try was lost (and on a loaded server the
    # five-failures lock missed one).
    app = served(demo_db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_at_once(
            pilot, *"ass-bv-03", "enter", *"secret-faux", "enter", *"ass-bv-03", "enter"
        )
        await settle(pilot)
        assert app.profil is not None and app.profil.id == "ass-bv-03"


async def test_tab_and_shift_tab_move_between_the_sign_in_fields(demo_db_path):
    app = served(demo_db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        identifiant = app.screen.query_one("#identifiant", Input)
        password = app.screen.query_one("#mot-de-passe", Input)
        await pilot.press("tab")
        assert app.focused is password
        assert "› Mot de passe" in await screen_text(pilot)
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#se-connecter")
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is identifiant


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
        assert "verrouillée après une période d'inactivité" in shown(app, "#verrou-texte")
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
        # Locked by hand: said so, not « après une période d'inactivité ».
        body = shown(app, "#verrou-texte")
        assert "verrouillée à votre demande" in body and "inactivité" not in body
    terminal = make_app(db_path=demo_db_path)
    titles = [c.title for c in terminal.get_system_commands(None)]
    assert "Session : verrouiller" not in titles


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
async def test_the_lock_is_centred_asks_only_the_password_and_says_how_to_resume(
    demo_db_path, size
):
    app = served(demo_db_path)
    async with app.run_test(size=size) as pilot:
        await sign_in(pilot, "cons-castel-01", "cons-castel-01")
        app.action_lock()
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        box = app.screen.query_one("#verrou-dialog").region
        width, height = size
        assert abs(box.x - (width - box.right)) <= 1, box
        assert abs(box.y - (height - 1 - box.bottom)) <= 1, box  # the footer's line apart
        # No identifiant is asked: a wrong password is said to be one.
        await fill(pilot, {"#verrou-mot-de-passe": "mauvais-mdp"})
        await pilot.press("enter")
        await settle(pilot)
        said = error(app, "#verrou-erreur")
        assert said.startswith("Mot de passe incorrect.") and "Identifiant" not in said
        # An area's key says the session is locked and how to go on, never « échap » (which
        # does not, and must not, close the lock).
        for key in ("f2", "f3", "f6", "f1", "ctrl+p"):  # the help and the palette too
            await pilot.press(key)
            await settle(pilot)
        assert len(notifications(app)) == 5 and isinstance(app.screen, LockScreen)
        [(title, message)] = {(n.title, n.message) for n in notifications(app)}
        assert title == "Session verrouillée" and "échap" not in message
        assert "mot de passe pour reprendre" in message and "ctrl+q" in message
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)


async def test_before_the_sign_in_the_app_keys_say_to_sign_in(demo_db_path):
    app = make_app(db_path=demo_db_path, signin_required=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for key in ("f1", "f2", "f3", "ctrl+p"):
            await pilot.press(key)
            await settle(pilot)
        said = notifications(app)
        assert len(said) == 4 and app.profil is None
        assert {n.title for n in said} == {"Connexion"}
        assert all("Connectez-vous d'abord" in n.message and "échap" not in n.message for n in said)


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


def test_binome_connexion_in_a_real_terminal_takes_a_password_typed_ahead(demo_db_path):
    # `binome connexion` at 80x24 (SSH): Tab did not move to the password, and what followed
    # it showed in plain text in Identifiant. Here in a pseudo-terminal, the keys written in
    # one go as a password manager types them.
    import contextlib
    import os
    import select
    import time

    import pyte
    from terminal import binome_in_pty

    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)

    def wait_for(fd: int, *texts: str) -> str:
        deadline = time.monotonic() + 60
        while True:
            text = "\n".join(screen.display)
            if all(t in text for t in texts):
                return text
            assert time.monotonic() < deadline, f"not on screen: {texts!r}\n{text}"
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                stream.feed(os.read(fd, 65536))

    with binome_in_pty("--db", str(demo_db_path), "connexion", size=(80, 24)) as (pid, fd):
        wait_for(fd, "› Identifiant", "Mot de passe")
        os.write(fd, b"ass-bv-03\tmauvais-mdp\r")
        refused = wait_for(fd, "incorrect")
        assert "ass-bv-03" in refused and "mauvais" not in refused
        os.write(fd, b"ass-bv-03\r")  # the password field has the focus after a refusal
        wait_for(fd, "Rechercher une ressource")
        os.write(fd, b"\x11")  # ctrl+q
        deadline = time.monotonic() + 30
        while (ended := os.waitpid(pid, os.WNOHANG))[0] == 0:
            assert time.monotonic() < deadline, "ctrl+q did not quit"
            if select.select([fd], [], [], 0.1)[0]:
                with contextlib.suppress(OSError):
                    os.read(fd, 65536)
        assert os.WIFEXITED(ended[1]) and os.WEXITSTATUS(ended[1]) == 0
