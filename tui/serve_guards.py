"""What ``binome serve`` keeps from a page beyond textual-serve: its resizes coalesced, its
downloads tied to its browser. Imported by the server only (``tui/cli_serve.py``'s ``run``):
the other commands do not load asyncio for it."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import AsyncGenerator, Awaitable, Callable

from textual_serve.download_manager import Download, DownloadManager

# A terminal size asked by the page is kept within what a screen can show: a page asking for
# 100,000 columns would make its app process draw (and hold) a screen of that size.
COLUMNS = (20, 400)
ROWS = (8, 200)


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """The terminal size a tab gets for what its page asked (anything, from the network)."""

    def bounded(value: object, low: int, high: int, default: int) -> int:
        try:
            number = int(float(str(value)))
        except (TypeError, ValueError, OverflowError):
            return default
        return min(max(number, low), high)

    return bounded(width, *COLUMNS, 80), bounded(height, *ROWS, 24)


# A page may ask for a new size as often as it likes (xterm.js asks at every step of a window
# being dragged; a hostile page thousands of times a second): each one the app gets makes it
# lay out and redraw its whole screen. Only the latest asked is kept, and the app gets at most
# one every RESIZE_INTERVAL seconds.
RESIZE_INTERVAL = 0.05


class LatestResize:
    """The size a tab's page asked for last, forwarded to its app at most once an interval;
    the sizes asked meanwhile are dropped (counted), never queued."""

    def __init__(
        self,
        send: Callable[[int, int], Awaitable[object]],
        current: tuple[int, int],
        interval: float = RESIZE_INTERVAL,
    ) -> None:
        self.send, self.current, self.interval = send, current, interval
        self.pending: tuple[int, int] | None = None
        self.asked = asyncio.Event()
        self.forwarded = self.dropped = 0

    def ask(self, width: object, height: object) -> None:
        """A resize envelope from the page (anything, from the network)."""
        if self.pending is not None:
            self.dropped += 1  # replaced before it was forwarded
        self.pending = clamp_size(width, height)
        self.asked.set()

    async def run(self) -> None:
        """Forward the latest size, then rest an interval; for as long as the tab is open."""
        while True:
            await self.asked.wait()
            self.asked.clear()
            size, self.pending = self.pending, None
            if size is None:
                continue
            if size == self.current:
                continue  # the app has that size already (the page's first resize, often)
            self.current = size
            await self.send(*size)
            self.forwarded += 1
            await asyncio.sleep(self.interval)


# Downloads: textual-serve serves a file the app announced to whoever asks for its address
# (/download/KEY) first. Here the address works once, within DOWNLOAD_SECONDS, and only for the
# browser whose tab asked for it: that browser holds a cookie the server signed (HttpOnly: no
# script reads it; SameSite=Strict: no other site's page makes the browser send it).
DOWNLOAD_SECONDS = 120
COOKIE = "binome_navigateur"
COOKIE_HTTPS = "__Host-binome_navigateur"  # over HTTPS: Secure, and no subdomain can set it
DOWNLOAD_REFUSED = (
    "Ce téléchargement a été demandé depuis un autre navigateur : ouvrez-le depuis l'onglet "
    "Binôme qui l'a demandé (rechargez la page si besoin, puis enregistrez le document à "
    "nouveau)."
)
DOWNLOAD_GONE = (
    "Ce téléchargement n'existe pas, ou il a déjà été fait, ou il a expiré : enregistrez le "
    "document à nouveau depuis Binôme."
)


class BrowserTokens:
    """The values of the browser cookie: random, signed with a secret of this server's run,
    so that a value the server did not give (made up, or planted) is never taken."""

    def __init__(self, secret: bytes | None = None) -> None:
        self.secret = secret or secrets.token_bytes(32)

    def _signature(self, nonce: str) -> str:
        digest = hmac.new(self.secret, nonce.encode("ascii"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:18]).decode("ascii")

    def new(self) -> str:
        nonce = secrets.token_urlsafe(18)
        return f"{nonce}.{self._signature(nonce)}"

    def valid(self, token: str | None) -> bool:
        if not token or len(token) > 100 or token.count(".") != 1:
            return False
        nonce, signature = token.split(".")
        try:
            return hmac.compare_digest(signature, self._signature(nonce))
        except (TypeError, UnicodeEncodeError):  # not ASCII
            return False


class Downloads(DownloadManager):
    """textual-serve's downloads, each tied to the browser of the tab that asked for it, given
    once (a second request, even during the first, finds nothing) and forgotten after
    DOWNLOAD_SECONDS or when its tab closes."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.clock = clock
        self.owners: dict[str, str] = {}  # app service id → its browser's token
        self.created: dict[str, float] = {}  # delivery key → when the app announced it
        self.claimed: set[str] = set()  # being downloaded: nobody else gets them

    def forget_expired(self) -> None:
        now = self.clock()
        for key, at in list(self.created.items()):
            if now - at > DOWNLOAD_SECONDS and key not in self.claimed:
                self._forget(key)

    def _forget(self, key: str) -> None:
        self.created.pop(key, None)
        self._active_downloads.pop(key, None)

    async def create_download(self, *, app_service, delivery_key: str, **details) -> None:
        self.forget_expired()
        if delivery_key in self._active_downloads:
            return  # a key announced twice keeps its first owner
        await super().create_download(app_service=app_service, delivery_key=delivery_key, **details)
        self.created[delivery_key] = self.clock()

    def claim(self, key: str, token: str | None) -> Download | str:
        """The download *key* for a browser holding *token*, now taken (nobody else will get
        it), or why not: ``"absent"`` (unknown, given already, expired) or ``"refused"``
        (another browser's; left for its own)."""
        self.forget_expired()
        download = self._active_downloads.get(key)
        if download is None or key in self.claimed:
            return "absent"
        owner = self.owners.get(download.app_service.app_service_id)
        if owner is None or token is None or not hmac.compare_digest(owner, token):
            return "refused"
        self.claimed.add(key)
        return download

    async def download(self, delivery_key: str) -> AsyncGenerator[bytes, None]:
        try:
            async for chunk in super().download(delivery_key):
                yield chunk
        finally:
            self.claimed.discard(delivery_key)
            self._forget(delivery_key)

    async def cancel_app_downloads(self, app_service_id: str) -> None:
        await super().cancel_app_downloads(app_service_id)
        for key, download in list(self._active_downloads.items()):
            if download.app_service.app_service_id == app_service_id and key not in self.claimed:
                self._forget(key)
        self.owners.pop(app_service_id, None)
