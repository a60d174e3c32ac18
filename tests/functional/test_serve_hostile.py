"""``binome serve`` against what a stranger sends it: plain requests to the websocket address,
made-up download addresses, envelopes textual.js never sends. A real server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import time

import aiohttp
import pytest
from served import TIMEOUT, Tab, running_server
from textual.widgets import Input

from tui.app import make_app
from tui.cli_serve import MESSAGE_MAX, KeyBudget
from tui.screens.sign_in import FIELD_MAX
from tui.serve_guards import (
    DOWNLOAD_SECONDS,
    RESIZE_INTERVAL,
    BrowserTokens,
    Downloads,
    LatestResize,
)


@pytest.fixture(scope="module")
def served_logged(tmp_path_factory, _demo_template):
    """A server on a copy of the demo base, its log in a file the tests read."""
    folder = tmp_path_factory.mktemp("served-hostile")
    db_path = folder / "binome.db"
    shutil.copy(_demo_template, db_path)
    log = folder / "serve.log"
    with running_server(db_path, output=log) as url:
        yield url, log


async def test_a_plain_request_to_the_websocket_address_is_refused_in_french(served_logged):
    url, log = served_logged
    async with aiohttp.ClientSession() as http:
        for _ in range(3):
            async with http.get(f"{url}/ws?width=80&height=24") as response:
                assert response.status == 400
                assert "connexion d'un onglet" in await response.text()
    # Refused before anything ran: no traceback (and its local variables) in the log.
    assert "Traceback" not in log.read_text(errors="replace")


async def test_a_handshake_no_browser_sends_is_refused_in_french(served_logged):
    """An upgrade with a made-up key got an empty reply and two tracebacks in the log."""
    url, log = served_logged
    headers = {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "bad",
        "Origin": url,
    }
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{url}/ws?width=80&height=24", headers=headers) as response:
            assert response.status == 400
            assert "Connexion d'onglet invalide" in await response.text()
        async with http.get(f"{url}/") as response:
            assert response.status == 200  # still serving
    assert "Traceback" not in log.read_text(errors="replace")


async def test_a_download_address_nobody_was_given_is_refused_as_text(served_logged):
    url, _ = served_logged
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{url}/download/%3Cscript%3Ealert(1)%3C%2Fscript%3E") as response,
    ):
        assert response.status == 404
        assert response.headers["Content-Type"].startswith("text/plain")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        text = await response.text()
    assert "Ce téléchargement n'existe pas" in text and "<script>" not in text


async def test_envelopes_textual_js_never_sends_leave_the_tab_working(served_logged):
    url, log = served_logged
    async with Tab.open(url) as tab:
        await tab.wait_for("Identifiant", "Mot de passe")
        for envelope in (
            "not json",
            "{}",
            "[]",
            "null",
            '["stdin", 5]',
            '["stdin", null]',
            '["resize", "x"]',
            '["resize", {"width": 1e999, "height": -5}]',
            '["resize", {"width": "NaN", "height": [1]}]',
            '["resize", {"width": 100000, "height": 100000}]',
            '["quit"]',
            '["deliver_chunk", "k", "x"]',
            json.dumps(["stdin", "\ud800"]),
        ):
            await tab.ws.send_str(envelope)
        await tab.ws.send_bytes(b"\x00\xff" * 100)
        for _ in range(50):  # a resize storm
            await tab.ws.send_json(["resize", {"width": 30, "height": 10}])
        await tab.ws.send_json(["resize", {"width": 120, "height": 36}])
        await tab.settle()
        # The lone surrogate, typed as « ? » at the start of the identifiant (read in the
        # box itself: a « ? » elsewhere on a frame of the storm once passed for it, and the
        # backspace came before it).
        await tab.wait_for("▊  ?")
        await tab.press("backspace")
        await tab.wait_gone("▊  ?")
        await tab.sign_in("cons-castel-01", "cons-castel-01")
        await tab.wait_for("Binôme · Ressources")
    assert "Traceback" not in log.read_text(errors="replace")


def test_a_tab_types_a_burst_then_a_steady_rate_and_pastes_apart():
    now = [0.0]
    budget = KeyBudget(burst=100, per_second=10, clock=lambda: now[0])
    assert budget.allows("a" * 60) and budget.allows("a" * 40)
    assert not budget.allows("a")  # the burst is spent: dropped, not queued
    now[0] += 1.0
    assert budget.allows("a" * 10) and not budget.allows("a")
    now[0] += 1000.0  # never more than the burst, however long the wait
    assert not budget.allows("a" * 101) and budget.allows("a" * 100)
    paste = "\x1b[200~" + "texte collé " * 10_000 + "\x1b[201~"
    assert budget.allows(paste)  # a bracketed paste is one event: its own budget
    # Keys smuggled around a paste are keys.
    assert not budget.allows("\x1b[200~x\x1b[201~" + "a" * 1000 + "\x1b[200~\x1b[201~")


async def test_megabytes_of_keys_from_a_page_do_not_hold_up_its_sign_in(served_logged):
    url, _ = served_logged
    async with Tab.open(url) as tab:
        await tab.wait_for("Identifiant", "Mot de passe")
        left = "\x1b[D" * 700  # « ← », harmless in an empty field
        for _ in range(2000):  # 4 MB: minutes of work for the app process if it got them
            await tab.ws.send_json(["stdin", left])
        await asyncio.sleep(2)  # the budget fills again at its steady rate
        await tab.sign_in("cons-castel-01", "cons-castel-01")
        await tab.wait_for("Binôme · Ressources")


async def test_the_sign_in_fields_stop_growing_at_their_bound(demo_db_path):
    app = make_app(db_path=demo_db_path, signin_required=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for field in ("#identifiant", "#mot-de-passe"):
            box = app.screen.query_one(field, Input)
            box.focus()
            await pilot.pause()
            box.value = "a" * FIELD_MAX  # a stranger leaning on a key…
            await pilot.press("end", "a", "b")  # …goes on: the field has stopped growing
            await pilot.pause()
            assert box.value == "a" * FIELD_MAX


def test_a_page_whose_name_points_at_the_server_is_not_its_own_page():
    from tui.cli_serve import allowed_origin

    public = "https://binome.cd82.fr"
    # DNS rebinding: the attacker's name now resolves to the server; the browser sends that
    # name as Host and as Origin alike.
    assert not allowed_origin("http://evil.example:8000", public, "evil.example:8000")
    assert not allowed_origin(
        "http://evil.example:8000", "http://127.0.0.1:8000", "evil.example:8000"
    )
    assert not allowed_origin("http://x", public, "[not a host")
    # The server's own addresses still open sessions.
    assert allowed_origin(public, public, "127.0.0.1:8000")
    assert allowed_origin("http://localhost:8000", "http://127.0.0.1:8000", "localhost:8000")
    assert allowed_origin("http://[::1]:8000", "http://127.0.0.1:8000", "[::1]:8000")


_TAB_CLOSED = re.compile(r"Onglet fermé : (\d+) redimensionnements transmis, (\d+) ignorés")


def _tabs_closed(log) -> list[tuple[str, str]]:
    return _TAB_CLOSED.findall(log.read_text(errors="replace"))


def _forwarded_resizes(log, before: int, asked: int) -> tuple[int, int]:
    """What the server's log says of the resizes of the tab that asked *asked* of them:
    (forwarded, dropped), on a line written after the *before* first. The log is shared by
    this module's tests: the last line was once another tab's, whose closing was logged late
    (under a loaded machine: « 2 <= 0 »)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for forwarded, dropped in _tabs_closed(log)[before:]:
            if int(forwarded) + int(dropped) >= asked // 2:
                return int(forwarded), int(dropped)
        time.sleep(0.2)
    raise AssertionError("no resize count in the log:\n" + log.read_text(errors="replace"))


def _dialog_centre(tab: Tab) -> float | None:
    """The column the sign-in dialog is centred on, read on its top border's row."""
    for row in tab.screen.display:
        if "█▀▀▀" in row:
            return (row.index("█") + row.rindex("█") + 1) / 2
    return None


async def test_a_flood_of_resizes_reaches_the_app_as_a_few_and_the_last_one_wins(served_logged):
    """Serving rule (tui/serve_guards.py, ``LatestResize``): only the latest size a page asked
    for is kept, and its app gets at most one every RESIZE_INTERVAL."""
    url, log = served_logged
    before = len(_tabs_closed(log))
    async with Tab.open(url) as tab:
        await tab.wait_for("Identifiant", "Mot de passe")
        await tab.settle()
        tab.screen.reset()  # from here on, only what the app draws after the flood
        started = time.monotonic()
        for n in range(2000):  # a page asking two small sizes in turn, as fast as it can
            width, height = (40, 12) if n % 2 else (60, 16)
            await tab.ws.send_json(["resize", {"width": width, "height": height}])
        await tab.ws.send_json(["resize", {"width": 110, "height": 33}])
        # The last size asked is the one the app lays out: its footer on row 33, the dialog
        # centred on 110 columns (a small size drawn after it would cut that border).
        deadline = time.monotonic() + TIMEOUT
        while not (tab.screen.display[32].startswith(" ^q Quitter") and _dialog_centre(tab) == 55):
            assert time.monotonic() < deadline, tab.text()
            await tab._pump(0.2)
        await tab.settle()
        assert _dialog_centre(tab) == 55, tab.text()
        elapsed = time.monotonic() - started
        # And the tab still answers at once: its keys were never queued behind resizes.
        await tab.sign_in("cons-castel-01", "cons-castel-01")
        await tab.wait_for("Binôme · Ressources")
    forwarded, dropped = _forwarded_resizes(log, before, asked=2001)
    # The first size asked went at once; after it, one at most every interval.
    assert 2 <= forwarded <= 2 + elapsed / RESIZE_INTERVAL
    assert dropped > 0 and forwarded + dropped <= 2001


async def test_sizes_asked_between_two_turns_of_the_server_reach_the_app_as_the_last_one():
    sent: list[tuple[int, int]] = []

    async def send(width: int, height: int) -> None:
        sent.append((width, height))

    resizes = LatestResize(send, current=(80, 24), interval=0)
    forwarder = asyncio.create_task(resizes.run())
    for n in range(2000):
        resizes.ask(30 + n % 50, 10)
    resizes.ask(100_000, "36")  # out of bounds: kept within them
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    assert sent == [(400, 36)] and resizes.dropped == 2000
    resizes.ask(400, 36)  # the size the app has: not sent again
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    forwarder.cancel()
    assert sent == [(400, 36)] and resizes.forwarded == 1


async def test_a_download_expires_and_a_tab_that_closes_takes_its_own_with_it():
    """Serving rule (tui/serve_guards.py, ``Downloads``): within DOWNLOAD_SECONDS, once."""
    now = [0.0]
    downloads = Downloads(clock=lambda: now[0])
    tokens = BrowserTokens()
    mine, theirs = tokens.new(), tokens.new()

    class AppService:  # what Downloads reads of textual-serve's
        def __init__(self, name: str) -> None:
            self.app_service_id = name

    details = {"file_name": "fiche.txt", "open_method": "download", "mime_type": "text/plain"}
    tab = AppService("tab")
    downloads.owners["tab"] = mine
    await downloads.create_download(app_service=tab, delivery_key="k1", **details)
    assert downloads.claim("k1", theirs) == "refused"
    assert downloads.claim("k1", None) == "refused"
    now[0] += DOWNLOAD_SECONDS + 1
    assert downloads.claim("k1", mine) == "absent"  # expired, for its own browser too
    await downloads.create_download(app_service=tab, delivery_key="k2", **details)
    assert not isinstance(downloads.claim("k2", mine), str)
    assert downloads.claim("k2", mine) == "absent"  # taken: a second request finds nothing
    await downloads.create_download(app_service=tab, delivery_key="k3", **details)
    await downloads.cancel_app_downloads("tab")
    assert downloads.claim("k3", mine) == "absent" and "tab" not in downloads.owners


def test_the_browser_cookie_is_one_this_server_signed():
    tokens = BrowserTokens()
    token = tokens.new()
    assert tokens.valid(token)
    assert not BrowserTokens().valid(token)  # another run of the server (another secret)
    nonce, signature = token.split(".")
    for forged in ("", "x", f"{nonce}.", f"{nonce}.{signature[::-1]}", f"{token}.x", "é.é"):
        assert not tokens.valid(forged)


def test_pastes_have_a_budget_of_their_own_and_a_longest():
    now = [0.0]
    budget = KeyBudget(
        burst=10, paste_burst=1000, paste_per_second=100, paste_max=600, clock=lambda: now[0]
    )

    def paste(length: int) -> str:
        return "\x1b[200~" + "p" * (length - 12) + "\x1b[201~"

    assert not budget.allows(paste(601))  # longer than a paste may be: dropped whole
    assert budget.allows(paste(600)) and budget.allows(paste(400))
    assert not budget.allows(paste(12))  # the pastes' burst is spent…
    assert budget.allows("a" * 10)  # …not the keys'
    now[0] += 1.0
    assert budget.allows(paste(100)) and not budget.allows(paste(12))


async def test_megabytes_of_pastes_from_a_page_do_not_hold_up_its_sign_in(served_logged):
    url, log = served_logged
    async with Tab.open(url) as tab:
        await tab.wait_for("Identifiant", "Mot de passe")
        paste = "\x1b[200~" + "x" * 200_000 + "\x1b[201~"
        for _ in range(100):  # 20 MB, a minute of work for the app process if it got them
            await tab.ws.send_json(["stdin", paste])
        await tab.sign_in("cons-castel-01", "cons-castel-01")
        await tab.wait_for("Binôme · Ressources")
    # A message longer than any paste closes its connection before it is read.
    async with Tab.open(url) as tab:
        await tab.wait_for("Identifiant")
        await tab.ws.send_str(json.dumps(["stdin", "x" * (MESSAGE_MAX + 1)]))
        message = await tab.ws.receive(timeout=TIMEOUT)
        while message.type == aiohttp.WSMsgType.BINARY:
            message = await tab.ws.receive(timeout=TIMEOUT)
        assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    assert "Traceback" not in log.read_text(errors="replace")


def test_a_port_already_taken_is_one_french_sentence(tmp_path, _demo_template):
    """The port another service listens on: aiohttp's traceback came after « Binôme servi
    sur … » (fault-injection run of 2026-12-08); now one sentence, exit 1, nothing served."""
    import socket
    import subprocess
    import sys

    db_path = tmp_path / "binome.db"
    shutil.copy(_demo_template, db_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", "serve", "--db", str(db_path), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert "ce port est déjà pris" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout and "servi sur" not in done.stdout


async def test_malformed_requests_are_one_line_each_in_the_log(served_logged):
    """A made-up method, a path of 20,000 characters, 200 headers: each wrote a traceback
    to the log, which anyone reaching the port could fill."""
    url, log = served_logged
    host, port = url.removeprefix("http://").split(":")
    before = log.read_text(errors="replace").count("\n")
    sent = (
        b"GARBAGE / HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /" + b"a" * 20_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\n"
        + b"".join(b"X-%d: y\r\n" % i for i in range(200))
        + b"\r\n",
    )
    for request in sent:
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(request)
        await writer.drain()
        status = (await asyncio.wait_for(reader.read(200), TIMEOUT)).split(b"\r\n")[0]
        assert re.fullmatch(rb"HTTP/1\.[01] 4\d\d .*", status), status
        writer.close()
    async with aiohttp.ClientSession() as http, http.get(f"{url}/") as response:
        assert response.status == 200  # still serving
    deadline = time.monotonic() + TIMEOUT
    while log.read_text(errors="replace").count("Requête mal formée") < 2:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.1)
    written = log.read_text(errors="replace")
    assert "Traceback" not in written
    assert written.count("\n") - before < 12
