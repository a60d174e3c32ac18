"""``binome serve`` against what a stranger sends it: plain requests to the websocket address,
made-up download addresses, envelopes textual.js never sends. A real server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import shutil

import aiohttp
import pytest
from served import Tab, running_server
from textual.widgets import Input

from tui.app import make_app
from tui.cli_serve import KeyBudget
from tui.screens.sign_in import FIELD_MAX


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
        await tab.wait_for("?")  # the lone surrogate, typed as « ? » in the identifiant
        await tab.press("backspace")
        await tab.wait_gone("?")
        await tab.sign_in("cons-castel-01", "cons-castel-01")
        await tab.wait_for("Binôme · Ressources")
    assert "Traceback" not in log.read_text(errors="replace")


def test_a_tab_types_a_burst_then_a_steady_rate_and_pastes_whatever_its_length():
    now = [0.0]
    budget = KeyBudget(burst=100, per_second=10, clock=lambda: now[0])
    assert budget.allows("a" * 60) and budget.allows("a" * 40)
    assert not budget.allows("a")  # the burst is spent: dropped, not queued
    now[0] += 1.0
    assert budget.allows("a" * 10) and not budget.allows("a")
    now[0] += 1000.0  # never more than the burst, however long the wait
    assert not budget.allows("a" * 101) and budget.allows("a" * 100)
    paste = "\x1b[200~" + "texte collé " * 10_000 + "\x1b[201~"
    assert budget.allows(paste)  # a bracketed paste is one event for the app
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
