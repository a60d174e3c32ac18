"""``binome serve`` end to end: a real server on 127.0.0.1, tabs speaking textual-serve's
websocket protocol, the screen read through a terminal emulator (tests/served.py)."""

from __future__ import annotations

import asyncio
import re
import shutil
import sqlite3
import time

import aiohttp
import pytest
from served import Tab, new_browser, running_server

from caseload.acces import get_profil, set_password
from caseload.database import open_project_database
from tui.serve_guards import COOKIE

REFUSED = "incorrect"
OWN_PASSWORD = "Bonjour-Binome-82"


@pytest.fixture(scope="module")
def served(tmp_path_factory, _demo_template):
    """One server for the module, on a copy of the demo base (demo password = identifiant;
    ass-cm-01 has a password of her own)."""
    db_path = tmp_path_factory.mktemp("served") / "binome.db"
    shutil.copy(_demo_template, db_path)
    db = open_project_database(db_path)
    set_password(db, get_profil(db, "ass-cm-01"), "ass-cm-01", OWN_PASSWORD)
    db.close()
    # Whoever the server's environment names, a tab is nobody until it signs in.
    spoof = {
        "BINOME_USER": "cons-albasud-01",
        "USER": "cons-albasud-01",
        "LOGNAME": "cons-albasud-01",
    }
    with running_server(db_path, env=spoof) as url:
        yield url, db_path


@pytest.fixture(scope="module")
def served_idle(tmp_path_factory, _demo_template):
    """A server whose sessions lock after 4 s without input (the variable only shortens)."""
    db_path = tmp_path_factory.mktemp("served-idle") / "binome.db"
    shutil.copy(_demo_template, db_path)
    with running_server(db_path, env={"BINOME_VERROU_SECONDES": "4"}) as url:
        yield url


def _names(db_path, where: str, value: str) -> list[str]:
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            f"SELECT nom || ' ' || prenom FROM demandeurs WHERE {where} = ? ORDER BY nom, prenom",
            [value],
        ).fetchall()
    return [r[0] for r in rows]


async def test_the_first_screen_is_the_sign_in_whatever_the_server_environment(served):
    url, _ = served
    async with Tab.open(url) as tab:
        screen = await tab.wait_for("Binôme · connexion", "Identifiant", "Mot de passe")
        assert "Ressources" not in screen


async def test_the_page_loads_nothing_from_elsewhere(served):
    url, _ = served
    async with aiohttp.ClientSession() as http, http.get(url + "/") as response:
        html = await response.text()
    links = re.findall(r'(?:href|src)="([^"]+)"', html)
    assert any("textual.js" in link for link in links)
    # (The icon is written in the page itself: a data: address loads nothing.)
    assert all(link.startswith((url, "data:")) for link in links), links


async def test_the_page_speaks_french_when_the_session_ends(served):
    url, _ = served
    async with aiohttp.ClientSession() as http, http.get(url + "/") as response:
        html = await response.text()
    assert "<title>Binôme</title>" in html
    assert "Session terminée." in html and "Nouvelle session" in html
    assert "Session ended" not in html and "Restart" not in html


async def test_a_wrong_password_is_refused_then_the_right_one_signs_in(served):
    url, _ = served
    async with Tab.open(url) as tab:
        await tab.sign_in("cons-albasud-01", "pas-le-bon")
        screen = await tab.wait_for(REFUSED)
        assert "Binôme · connexion" in screen
        assert "pas-le-bon" not in screen  # a password field never shows what is typed
        await tab.retry_password("cons-albasud-01")
        screen = await tab.wait_for("Binôme · Ressources", "Romain Maury")
        assert "Conseiller France Travail" in screen


async def test_a_password_typed_ahead_in_one_go_lands_in_its_field(served):
    # A password manager's auto-type reaches the app in one message: identifiant, Tab,
    # password, Entrée. The keys after Tab went to Identifiant, the password in plain text.
    url, _ = served
    async with Tab.open(url) as tab:
        await tab.wait_for("Identifiant", "Mot de passe")
        await tab.type("ass-bv-03\tmauvais-mdp\r")
        screen = await tab.wait_for(REFUSED)
        assert "mauvais" not in screen
        assert "ass-bv-03" in screen
        await tab.type("ass-bv-03\r")  # after a refusal the password field has the focus
        await tab.wait_for("Binôme · Ressources")


async def test_a_password_of_ones_own_replaces_the_demo_one(served):
    url, _ = served
    async with Tab.open(url) as tab:
        await tab.sign_in("ass-cm-01", "ass-cm-01")
        await tab.wait_for(REFUSED)
        await tab.retry_password(OWN_PASSWORD)
        await tab.wait_for("Binôme · Ressources", "Assistant(e) de service social")


async def test_an_unknown_identifiant_gets_the_same_sentence(served):
    url, _ = served
    async with Tab.open(url) as tab:
        await tab.sign_in("personne-inconnue", "cons-albasud-01")
        screen = await tab.wait_for(REFUSED)
        assert "Binôme · connexion" in screen
        assert "inconnu" not in screen.replace("personne-inconnue", "")


async def _failures_counted(db_path, ident: str, count: int) -> None:
    """Until the base has counted *count* failures for *ident*: each attempt is checked
    (argon2, a while on a loaded machine) before the next is typed, as a person waits for
    the answer; typed sooner, an attempt could be taken for the previous one's."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with sqlite3.connect(db_path) as db:
            row = db.execute("SELECT echecs FROM profils WHERE id = ?", [ident]).fetchone()
        if row[0] >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{ident}: {row[0]} failures counted, {count} expected")


async def test_five_failures_in_a_row_lock_the_account_even_for_the_right_password(served):
    url, db_path = served
    async with Tab.open(url) as tab:
        await tab.sign_in("ass-bv-01", "essai-1")
        await tab.wait_for(REFUSED)
        await _failures_counted(db_path, "ass-bv-01", 1)
        for attempt in range(2, 6):
            await tab.retry_password(f"essai-{attempt}")
            await _failures_counted(db_path, "ass-bv-01", attempt)
            await tab.settle()
        await tab.retry_password("ass-bv-01")
        await tab.settle()
        screen = await tab.wait_for(REFUSED)
        assert "Binôme · connexion" in screen
        assert "Binôme · Ressources" not in screen


async def test_a_conseiller_and_an_ass_signed_in_at_once_each_see_their_own(served):
    url, db_path = served
    conseiller = _names(db_path, "conseiller_id", "cons-nord-01")
    ass = _names(db_path, "ass_id", "ass-mtb-04")
    # A demandeur they follow together may show on both screens; the others may not.
    only_c = [n for n in conseiller if n not in ass]
    only_a = [n for n in ass if n not in conseiller]
    assert only_c and only_a
    async with Tab.open(url) as tab_c, Tab.open(url) as tab_a:
        await tab_c.sign_in("cons-nord-01", "cons-nord-01")
        await tab_a.sign_in("ass-mtb-04", "ass-mtb-04")
        await tab_c.wait_for("Binôme · Ressources")
        await tab_a.wait_for("Binôme · Ressources")
        await tab_c.press("f3")
        await tab_a.press("f3")
        screen_c = await tab_c.wait_for("Binôme · Portefeuille", conseiller[0])
        screen_a = await tab_a.wait_for("Binôme · Portefeuille", ass[0], f"{len(ass)} dossiers")
    assert "Conseiller France Travail" in screen_c
    assert "Assistant(e) de service social" in screen_a
    assert not any(name in screen_a for name in only_c)
    assert not any(name in screen_c for name in only_a)


async def _save_a_fiche(tab: Tab, identifiant: str) -> str:
    """Sign in, open the épicerie's fiche orientation and save it; the download's key."""
    await tab.sign_in(identifiant, identifiant)
    await tab.wait_for("Binôme · Ressources")
    await tab.type("epicerie solidaire")
    await tab.wait_for("Épicerie solidaire du Chasselas")
    await tab.press("enter")  # to the results: the footer then offers the fiche
    await tab.wait_for("entrée Fiche")
    await tab.press("enter")
    await tab.wait_for("Fiche orientation", "Enregistrer")
    await tab.press("s")
    _, key = await tab.wait_message("deliver_file_start")
    await tab.wait_for("navigateur")
    return key


async def test_a_saved_fiche_orientation_is_downloaded_by_the_browser(served):
    url, _ = served
    async with Tab.open(url) as tab:
        key = await _save_a_fiche(tab, "cons-castel-01")
        # What textual.js does next: fetch the single-use URL the app just announced, from
        # the same browser (its cookie jar holds what the server set when the tab connected).
        async with tab.http.get(f"{url}/download/{key}") as response:
            assert response.status == 200
            disposition = response.headers["Content-Disposition"]
            body = (await response.read()).decode("utf-8")
    assert "attachment" in disposition and "fiche-" in disposition
    assert "picerie" in body.lower()


async def test_a_download_goes_only_to_the_browser_of_its_tab_and_only_once(served):
    """Serving rule (tui/serve_guards.py, ``Downloads``): a download's address works once,
    and only with the cookie of the browser whose tab asked for it."""
    url, _ = served
    async with Tab.open(url) as tab, Tab.open(url) as other:
        await other.wait_for("Binôme · connexion")  # a browser of its own, its own cookie
        key = await _save_a_fiche(tab, "cons-castel-01")
        address = f"{url}/download/{key}"
        [cookie] = list(tab.http.cookie_jar)  # set when the tab connected
        assert cookie["httponly"] and cookie["samesite"] == "Strict"
        [others] = list(other.http.cookie_jar)
        assert others.key == cookie.key and others.value != cookie.value
        # Whoever holds the address without that cookie (none, another browser's, a made-up
        # one) is refused in French, and the file is left for its own browser.
        async with aiohttp.ClientSession() as stranger:
            for headers in (
                {},
                {"Cookie": f"{cookie.key}={others.value}"},
                {"Cookie": f"{cookie.key}={'x' * 24}.{'y' * 24}"},
            ):
                async with stranger.get(address, headers=headers) as response:
                    assert response.status == 403
                    text = await response.text()
                assert "autre navigateur" in text and "picerie" not in text.lower()
        async with tab.http.get(address) as response:
            assert response.status == 200
            assert "picerie" in (await response.read()).decode("utf-8").lower()
        # Once only, even for its own browser.
        async with tab.http.get(address) as response:
            assert response.status == 404
            assert "déjà été fait" in await response.text()


async def test_two_tabs_a_browser_opens_at_once_both_get_their_downloads(served):
    """Two tabs loaded at the same moment (a browser restoring its session) had no cookie
    yet: each websocket was given its own, the browser kept the last, and the first tab's
    downloads were refused. The page gives the cookie, before any tab connects."""

    url, _ = served
    async with new_browser() as browser:
        pages = await asyncio.gather(*(browser.get(url + "/") for _ in range(2)))
        for page in pages:
            assert page.status == 200
            assert page.cookies[COOKIE]["httponly"] and page.cookies[COOKIE]["samesite"] == "Strict"
            page.release()
        async with Tab.open(url, browser) as first, Tab.open(url, browser) as second:
            await second.wait_for("Binôme · connexion")
            key = await _save_a_fiche(first, "cons-castel-01")
            async with browser.get(f"{url}/download/{key}") as response:
                assert response.status == 200
                assert "picerie" in (await response.read()).decode("utf-8").lower()
        [cookie] = list(browser.cookie_jar)  # the tabs were given none of their own
        assert cookie.value in {page.cookies[COOKIE].value for page in pages}


async def test_an_idle_session_locks_and_only_its_password_unlocks_it(served_idle):
    async with Tab.open(served_idle) as tab:
        await tab.sign_in("cons-nord-01", "cons-nord-01")
        await tab.wait_for("Binôme · Ressources")
        await tab.type("logement")
        screen = await tab.wait_for("Session verrouillée")
        assert "conservé" in screen  # the work underneath is kept…
        assert "logement" not in screen  # …and hidden while locked
        await tab.press("f3")  # nothing behind the lock answers
        await tab.retry_password("ass-mtb-04")
        screen = await tab.wait_for(REFUSED)
        assert "Binôme · Portefeuille" not in screen
        await tab.retry_password("cons-nord-01")
        # Read the moment it opens (4 s later, idle again, it locks again: that is the rule).
        await tab.wait_gone("Session verrouillée")
        await tab.wait_for("Binôme · Ressources", "logement", timeout=3)


async def test_a_page_of_another_site_cannot_open_a_session(served):
    import aiohttp

    url, _ = served
    ws_url = url.replace("http", "ws", 1) + "/ws?width=80&height=24"
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(ws_url, headers={"Origin": "https://evil.example"})
        assert refused.value.status == 403
        async with session.ws_connect(ws_url, headers={"Origin": url}) as ws:
            assert not ws.closed  # the server's own pages still open sessions
        async with session.get(url + "/") as response:
            assert response.headers["X-Frame-Options"] == "DENY"
            assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


async def test_the_server_bounds_how_many_tabs_and_closes_unused_sign_ins(tmp_path, _demo_template):
    """One tab at most here, and a sign-in screen left unused 2 s closes (30 minutes by
    default): forgotten or hostile tabs cannot hold app processes for ever."""
    db_path = tmp_path / "binome.db"
    shutil.copy(_demo_template, db_path)
    server = running_server(
        db_path, args=("--sessions-max", "1"), env={"BINOME_CONNEXION_SECONDES": "2"}
    )
    with server as url:
        ws_url = url.replace("http", "ws", 1) + "/ws?width=100000&height=-5"
        async with Tab.open(url) as unused:
            await unused.wait_for("Binôme · connexion")
            async with aiohttp.ClientSession() as session:
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await session.ws_connect(ws_url)
                assert refused.value.status == 503
            deadline = time.monotonic() + 60
            while not unused.closed and time.monotonic() < deadline:
                await unused._pump(0.5)
            assert unused.closed  # nobody signed in: the server closed it
        # Its place is free again, whatever size the page asks for.
        for _ in range(50):
            async with aiohttp.ClientSession() as session:
                try:
                    async with session.ws_connect(ws_url) as ws:
                        message = await ws.receive(timeout=30)
                        assert message.type == aiohttp.WSMsgType.BINARY
                        break
                except aiohttp.WSServerHandshakeError:
                    await asyncio.sleep(0.2)  # the server is still closing the first one
        else:
            raise AssertionError("the freed place was never given to a new tab")


def test_session_slots_bound_the_total_and_each_address():
    from tui.cli_serve import SessionSlots

    slots = SessionSlots(total=3, per_address=2)
    assert slots.take("203.0.113.5") is None and slots.take("203.0.113.5") is None
    assert "depuis cette adresse" in slots.take("203.0.113.5")
    assert slots.take("198.51.100.7") is None
    assert "Trop de sessions ouvertes sur ce serveur" in slots.take("198.51.100.8")
    slots.give_back("203.0.113.5")
    assert slots.take("198.51.100.8") is None
    # Behind a proxy on this machine, every tab comes from loopback: only the total counts.
    proxied = SessionSlots(total=5, per_address=1)
    assert all(proxied.take("127.0.0.1") is None for _ in range(5))
    assert "sur ce serveur" in proxied.take("127.0.0.1")


def test_terminal_sizes_asked_by_a_page_are_kept_within_bounds():
    from tui.serve_guards import clamp_size

    assert clamp_size("120", "36") == (120, 36)
    assert clamp_size(100000, 10**30) == (400, 200)
    assert clamp_size("-3", "0") == (20, 8)
    assert clamp_size(None, "abc") == (80, 24)
    assert clamp_size("nan", float("inf")) == (80, 24)


def test_allowed_origins():
    from tui.cli_serve import allowed_origin

    assert allowed_origin("https://binome.cd82.fr", "https://binome.cd82.fr", "127.0.0.1:8000")
    assert allowed_origin("http://127.0.0.1:8000", "http://127.0.0.1:8000", "127.0.0.1:8000")
    assert not allowed_origin("https://evil.example", "https://binome.cd82.fr", "binome.cd82.fr")
    assert not allowed_origin("null", "http://127.0.0.1:8000", "127.0.0.1:8000")
