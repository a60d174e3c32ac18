"""``binome serve`` against what a stranger sends it: plain requests to the websocket address,
made-up download addresses, envelopes textual.js never sends. A real server on 127.0.0.1."""

from __future__ import annotations

import json
import shutil

import aiohttp
import pytest
from served import Tab, running_server


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
