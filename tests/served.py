"""A browser tab as a test sees it: textual-serve's websocket protocol, the screen in pyte.

The client sends what textual.js sends (``["stdin", text]``, ``["resize", {...}]`` envelopes)
and feeds the binary frames (the app's terminal output) to a pyte terminal emulator, so a test
reads the screen as text, the way a person would.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pyte

WIDTH, HEIGHT = 120, 36
TIMEOUT = 60.0  # generous: the machine is shared; nothing is timed
SERVER_PIDS: dict[str, int] = {}  # url → pid of the running ``binome serve`` (the benchmark)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(
    db_path: Path,
    *,
    env: dict[str, str] | None = None,
    args: tuple[str, ...] = (),
    output: Path | None = None,
) -> Iterator[str]:
    """``binome serve`` on 127.0.0.1 and a free port, as a real process; yields its URL.
    *output*: the file its standard output and error go to (what its log says)."""
    port = free_port()
    # The app processes never read or write the real user's preferences or documents.
    home = db_path.parent / "home"
    environment = {
        **os.environ,
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DOCUMENTS_DIR": str(home / "Documents"),
        "BINOME_CONFIG": str(home / "config" / "preferences.json"),
        **(env or {}),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tui.cli",
            "serve",
            "--db",
            str(db_path),
            "--port",
            str(port),
            *args,
        ],
        env=environment,
        stdout=subprocess.PIPE if output is None else output.open("wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    out = (
                        process.stdout.read().decode(errors="replace")
                        if process.stdout
                        else output.read_text(errors="replace")
                        if output
                        else ""
                    )
                    raise RuntimeError(f"binome serve did not start:\n{out}") from None
                time.sleep(0.1)
        SERVER_PIDS[url] = process.pid
        yield url
    finally:
        SERVER_PIDS.pop(url, None)
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


KEYS = {
    "enter": "\r",
    "tab": "\t",
    "escape": "\x1b",
    "f3": "\x1bOR",
    "f2": "\x1bOQ",
    "backspace": "\x7f",
    "ctrl+q": "\x11",
}


def new_browser() -> aiohttp.ClientSession:
    # A browser keeps the cookies of 127.0.0.1 (aiohttp's jar refuses those of an IP
    # address unless told): the server ties the tab's downloads to one.
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


class Tab:
    """One browser tab on a served Binôme."""

    def __init__(self, session: aiohttp.ClientSession, ws, url: str) -> None:
        self.http = session
        self.ws = ws
        self.url = url
        self.screen = pyte.Screen(WIDTH, HEIGHT)
        self.stream = pyte.ByteStream(self.screen)
        self.messages: list[list] = []  # the text envelopes (deliver_file_start, …)
        self.closed = False

    @classmethod
    @contextlib.asynccontextmanager
    async def open(cls, url: str, browser: aiohttp.ClientSession | None = None):
        """A tab of a browser of its own, or of *browser* (a session made by ``browser()``,
        whose cookie jar its tabs share)."""
        async with contextlib.AsyncExitStack() as stack:
            session = browser or await stack.enter_async_context(new_browser())
            ws_url = url.replace("http", "ws", 1) + f"/ws?width={WIDTH}&height={HEIGHT}"
            ws = await stack.enter_async_context(session.ws_connect(ws_url))
            tab = cls(session, ws, url)
            await ws.send_json(["resize", {"width": WIDTH, "height": HEIGHT}])
            yield tab

    def text(self) -> str:
        return "\n".join(self.screen.display)

    async def _pump(self, timeout: float) -> None:
        try:
            message = await self.ws.receive(timeout=timeout)
        except TimeoutError:
            return
        if message.type == aiohttp.WSMsgType.BINARY:
            self.stream.feed(message.data)
        elif message.type == aiohttp.WSMsgType.TEXT:
            self.messages.append(json.loads(message.data))
        elif message.type in (
            aiohttp.WSMsgType.CLOSE,
            aiohttp.WSMsgType.CLOSED,
            aiohttp.WSMsgType.CLOSING,
            aiohttp.WSMsgType.ERROR,
        ):
            self.closed = True
            await asyncio.sleep(0.05)

    async def wait_for(self, *texts: str, timeout: float = TIMEOUT) -> str:
        """Read frames until every one of *texts* is on screen; returns the screen."""
        deadline = time.monotonic() + timeout
        while not all(t in self.text() for t in texts):
            if self.closed or time.monotonic() > deadline:
                raise AssertionError(f"not on screen: {texts!r}\n---\n{self.text()}")
            await self._pump(0.2)
        return self.text()

    async def wait_gone(self, text: str, timeout: float = TIMEOUT) -> str:
        """Read frames until *text* is no longer on screen; returns that screen."""
        deadline = time.monotonic() + timeout
        while text in self.text():
            if self.closed or time.monotonic() > deadline:
                raise AssertionError(f"still on screen: {text!r}\n---\n{self.text()}")
            await self._pump(0.05)
        return self.text()

    async def wait_message(self, kind: str, timeout: float = TIMEOUT) -> list:
        deadline = time.monotonic() + timeout
        while True:
            for message in self.messages:
                if message and message[0] == kind:
                    return message
            if self.closed or time.monotonic() > deadline:
                raise AssertionError(f"no {kind!r} message; got {self.messages!r}")
            await self._pump(0.2)

    async def settle(self, quiet: float = 0.3) -> None:
        """Let the app draw what it was drawing (until no frame for *quiet* seconds)."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            before = len(self.messages), self.text()
            await self._pump(quiet)
            if (len(self.messages), self.text()) == before:
                return

    async def type(self, text: str) -> None:
        await self.ws.send_json(["stdin", text])

    async def press(self, *keys: str) -> None:
        for key in keys:
            await self.ws.send_json(["stdin", KEYS.get(key, key)])
            await asyncio.sleep(0.05)

    async def sign_in(self, identifiant: str, password: str) -> None:
        """Fill the sign-in screen (as shown first) and submit."""
        await self.wait_for("Identifiant", "Mot de passe")
        await self.type(identifiant)
        await self.press("enter")
        await self.wait_for("› Mot de passe")  # the focus has moved, as a person sees it
        await self.type(password)
        await self.press("enter")

    async def retry_password(self, password: str) -> None:
        """After a refusal the password field is empty and focused: type it again."""
        await self.type(password)
        await self.press("enter")
