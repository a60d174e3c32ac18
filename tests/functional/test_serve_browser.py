"""``binome serve`` in a real browser: Debian's Chromium driven by Playwright.

xterm.js draws on a canvas, so the test reads what the browser received: every websocket
frame the page gets is fed to the same terminal emulator as tests/served.py; keys are typed
on the page's keyboard, through xterm.js and textual.js as a person's would be.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyte
import pytest
from served import HEIGHT, TIMEOUT, WIDTH, running_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Chromium absent (apt-get install chromium)"
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def served(tmp_path_factory, _demo_template):
    db_path = tmp_path_factory.mktemp("served-browser") / "binome.db"
    shutil.copy(_demo_template, db_path)
    with running_server(db_path) as url:
        yield url


class Watched:
    """A page's terminal as the test reads it: every websocket frame the page receives fed
    to a terminal emulator the size xterm.js tells the app."""

    def __init__(self, page, tmp_path: Path) -> None:
        self.page = page
        self.tmp_path = tmp_path
        self.screen = pyte.Screen(WIDTH, HEIGHT)
        self.stream = pyte.ByteStream(self.screen)
        page.on("websocket", self._connected)

    def _received(self, payload) -> None:
        if isinstance(payload, bytes):
            self.stream.feed(payload)

    def _sent(self, payload) -> None:
        # xterm.js fits the terminal to the window and tells the app its size: follow it.
        if isinstance(payload, str) and payload.startswith('["resize"'):
            size = json.loads(payload)[1]
            self.screen.resize(size["height"], size["width"])

    def _connected(self, ws) -> None:
        query = parse_qs(urlsplit(ws.url).query)
        if "width" in query:
            self.screen.resize(int(query["height"][0]), int(query["width"][0]))
        ws.on("framereceived", self._received)
        ws.on("framesent", self._sent)

    def wait_for(self, *texts: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while True:
            text = "\n".join(self.screen.display)
            if all(t in text for t in texts):
                return text
            if time.monotonic() > deadline:
                self.page.screenshot(path=str(self.tmp_path / "chromium.png"))
                raise AssertionError(f"not on screen: {texts!r}\n{text}")
            self.page.wait_for_timeout(100)


def new_page(browser, served: str):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    # Tests never use the network: only the server on 127.0.0.1 answers.
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(served) else route.abort(),
    )
    return page


def test_chromium_signs_in_after_a_refusal_and_receives_a_saved_fiche(served, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = new_page(browser, served)
            watched = Watched(page, tmp_path)
            wait_for = watched.wait_for
            page.goto(served)
            wait_for("Binôme · connexion", "Identifiant")
            # Keys go where a person's would: into xterm.js's input, once it has the focus.
            page.locator(".xterm-helper-textarea").focus()
            page.keyboard.type("ass-mtb-04")
            page.keyboard.press("Enter")
            wait_for("› Mot de passe")
            # A wrong password is refused in French, and nothing opens.
            page.keyboard.type("mauvais")
            page.keyboard.press("Enter")
            refused = wait_for("Identifiant ou mot de passe incorrect")
            assert "Binôme · connexion" in refused and "Binôme · Ressources" not in refused
            page.keyboard.type("ass-mtb-04")
            page.keyboard.press("Enter")
            text = wait_for("Binôme · Ressources", "Yasmina Calmels")
            assert "Assistant(e) de service social" in text
            # A fiche saved in the tab reaches this browser: textual.js opens the download's
            # address, and the cookie the server set when the tab connected goes with it.
            page.keyboard.type("epicerie solidaire")
            wait_for("Épicerie solidaire du Chasselas")
            page.keyboard.press("Enter")
            wait_for("entrée Fiche")
            page.keyboard.press("Enter")
            wait_for("Fiche orientation", "Enregistrer")
            downloads: list = []
            page.on("download", lambda download: downloads.append(download))
            page.keyboard.press("s")
            deadline = time.monotonic() + TIMEOUT
            while not downloads:
                assert time.monotonic() < deadline, "no download reached the browser"
                page.wait_for_timeout(100)
            [download] = downloads
            assert download.failure() is None
            assert download.suggested_filename.startswith("fiche-")
            assert "picerie" in Path(download.path()).read_text(encoding="utf-8").lower()
            # The download's window took the focus: back to the tab, as a person clicks it.
            page.locator(".xterm-helper-textarea").focus()
            page.keyboard.press("Escape")
            wait_for("entrée Fiche")
            page.keyboard.press("F3")
            wait_for("Binôme · Portefeuille", "dossiers")
        finally:
            browser.close()


def test_the_page_takes_the_keys_at_once_and_has_a_title_and_an_icon(served, tmp_path):
    # The focus was on the page's body until a click: a person typing her identifiant as the
    # sign-in appeared lost it. And the tab said nothing (no title, the favicon a 404).
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = new_page(browser, served)
            watched = Watched(page, tmp_path)
            problems: list[str] = []
            page.on(
                "console",
                lambda message: (
                    problems.append(f"console: {message.text}") if message.type == "error" else None
                ),
            )
            page.on("pageerror", lambda error: problems.append(f"page: {error}"))
            page.on(
                "response",
                lambda response: (
                    problems.append(f"{response.status} {response.url}")
                    if response.status >= 400
                    else None
                ),
            )
            page.goto(served)
            watched.wait_for("Binôme · connexion", "› Identifiant")
            assert page.title() == "Binôme"
            # No click: the keys go to the terminal, Tab moves to the password.
            page.keyboard.type("ass-mtb-04")
            watched.wait_for("ass-mtb-04")
            page.keyboard.press("Tab")
            watched.wait_for("› Mot de passe")
            page.keyboard.type("ass-mtb-04")
            page.keyboard.press("Enter")
            watched.wait_for("Binôme · Ressources", "Yasmina Calmels")
            # Headless Chromium asks for no icon by itself: the page's own is drawn here.
            icon_drawn = page.evaluate(
                """() => new Promise((done) => {
                    const link = document.querySelector("link[rel~=icon]");
                    if (!link) return done(false);
                    const image = new Image();
                    image.onload = () => done(image.naturalWidth > 0);
                    image.onerror = () => done(false);
                    image.src = link.href;
                })"""
            )
            assert icon_drawn
            assert problems == []  # no error in the console, no 404
        finally:
            browser.close()
