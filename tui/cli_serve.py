"""``binome serve``: the app in browsers, one app process per tab, every person signed in.

textual-serve's ``Server`` is an aiohttp app that starts ``command`` (through the shell) for each
browser websocket, with Textual's web driver. The command it runs here is this module's
``--session`` entry point: the app in sign-in-required mode on the served database. That mode
only narrows rights (the profile comes from the sign-in screen, nothing else), so a person who
starts it by hand gains nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ressources.errors import BinomeError
from tui.session import run_signed_in

# textual-serve's page without its call to a font on Google's servers (see the file).
TEMPLATES = Path(__file__).resolve().parent / "serve_templates"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
# Each tab is an app process (~80 MB) started before anyone signs in: bounded, so that a
# stranger opening tabs in a loop cannot exhaust the server's memory.
SESSIONS_MAX = 100
SESSIONS_PER_ADDRESS = 10
# What a page may type, in bytes: a burst, then a steady rate. Each key costs its app process
# about 0.1 ms of CPU and a queued event, whether anyone is signed in or not: a page sending a
# megabyte of keys kept a process busy for minutes and grew it past 1 GB. A person typing, or
# moving the mouse (a dozen bytes an event), stays far below.
KEYS_BURST = 16 * 1024
KEYS_PER_SECOND = 1024
# A paste from the browser comes as one bracketed paste: one event for the app, whatever its
# length, but each byte still costs it about 2 µs to read (five pastes of 3 MB, sent in a third
# of a second, kept a sign-in screen busy for 30 s). Pastes have their own, larger budget, and
# one longer than PASTE_MAX (pages of text) is dropped whole.
PASTE_MAX = 256 * 1024
PASTES_BURST = 1024 * 1024
PASTES_PER_SECOND = 64 * 1024
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
# A websocket message textual.js sends is a key, a paste or a resize: beyond this, aiohttp
# closes the connection before reading the rest (its default is 4 MiB).
MESSAGE_MAX = 2 * PASTE_MAX


class Bucket:
    """A token bucket: *burst* at once, then *per_second*; what does not fit is dropped."""

    def __init__(self, burst: int, per_second: float, clock=time.monotonic) -> None:
        self.burst, self.per_second, self.clock = burst, per_second, clock
        self.left = float(burst)
        self.at = clock()

    def takes(self, size: int) -> bool:
        now = self.clock()
        self.left = min(self.burst, self.left + (now - self.at) * self.per_second)
        self.at = now
        if size > self.left:
            return False
        self.left -= size
        return True


class KeyBudget:
    """The bytes of keys, and of pastes, a tab may still send now; the rest is dropped."""

    def __init__(
        self,
        burst: int = KEYS_BURST,
        per_second: float = KEYS_PER_SECOND,
        clock=time.monotonic,
        paste_burst: int = PASTES_BURST,
        paste_per_second: float = PASTES_PER_SECOND,
        paste_max: int = PASTE_MAX,
    ) -> None:
        self.keys = Bucket(burst, per_second, clock)
        self.pastes = Bucket(paste_burst, paste_per_second, clock)
        self.paste_max = paste_max

    def allows(self, data: str) -> bool:
        """Whether *data* (one stdin envelope) goes to the app; counted if so."""
        if is_paste(data):
            return len(data) <= self.paste_max and self.pastes.takes(len(data))
        return self.keys.takes(len(data))


def is_paste(data: str) -> bool:
    """One bracketed paste, as a browser sends it: the app reads it as one event."""
    return (
        data.startswith(PASTE_START)
        and data.endswith(PASTE_END)
        and data.count(PASTE_END) == 1
        and data.count(PASTE_START) == 1
    )


class SessionSlots:
    """How many tabs are open, in all and per address; refuses one more beyond the bounds.

    Behind a reverse proxy on this machine every tab comes from the proxy's loopback address:
    only the total counts then (the proxy limits per client: README)."""

    def __init__(self, total: int = SESSIONS_MAX, per_address: int = SESSIONS_PER_ADDRESS):
        self.total, self.per_address = total, per_address
        self.open: dict[str, int] = {}

    def take(self, address: str) -> str | None:
        """None if a session may start for *address* (then counted), else the French reason."""
        if sum(self.open.values()) >= self.total:
            return "Trop de sessions ouvertes sur ce serveur : réessayez dans un moment."
        counted = address not in LOCAL_HOSTS
        if counted and self.open.get(address, 0) >= self.per_address:
            return "Trop de sessions ouvertes depuis cette adresse : fermez un onglet Binôme."
        self.open[address] = self.open.get(address, 0) + 1
        return None

    def give_back(self, address: str) -> None:
        left = self.open.get(address, 0) - 1
        if left > 0:
            self.open[address] = left
        else:
            self.open.pop(address, None)


def register(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "serve",
        parents=[common],
        help="sert l'application aux navigateurs (connexion obligatoire)",
        description="Sert Binôme aux navigateurs : chaque onglet a sa propre session sur la même "
        "base, chaque personne se connecte avec son identifiant et son mot de passe. "
        "Sans TLS, n'écoute que sur la machine elle-même : placez un proxy inverse HTTPS "
        "devant (voir le README, « Déployer pour un département »).",
    )
    p.add_argument("--host", default="127.0.0.1", help="adresse d'écoute (défaut 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port d'écoute (défaut 8000)")
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="adresse publique vue par les navigateurs, ex. https://binome.example.fr "
        "(défaut : http://HOTE:PORT)",
    )
    p.add_argument(
        "--sans-tls-derriere-proxy",
        action="store_true",
        help="accepte une adresse d'écoute autre que la machine elle-même : à n'utiliser que "
        "derrière un proxy inverse qui chiffre (HTTPS)",
    )
    p.add_argument(
        "--sessions-max",
        type=int,
        default=SESSIONS_MAX,
        metavar="N",
        help=f"onglets ouverts en même temps, au plus (défaut {SESSIONS_MAX})",
    )
    p.add_argument(
        "--sessions-par-adresse",
        type=int,
        default=SESSIONS_PER_ADDRESS,
        metavar="N",
        help="onglets ouverts en même temps depuis une même adresse, au plus "
        f"(défaut {SESSIONS_PER_ADDRESS} ; sans effet derrière un proxy local)",
    )

    sub.add_parser(
        "connexion",
        parents=[common],
        help="ouvre l'application dans ce terminal, connexion obligatoire (accès SSH partagé)",
        description="Ouvre l'application comme « binome serve » la sert : la personne se "
        "connecte avec son identifiant et son mot de passe Binôme, quel que soit le compte du "
        "système ; la session se verrouille après 15 minutes d'inactivité. Pour un accès SSH "
        "par le compte de service (ForceCommand).",
    )


def session_command(db_path: Path, preload_socket: Path | None = None) -> str:
    """The shell command textual-serve runs for each browser tab (see tui/preload.py);
    ``exec``: the shell it starts becomes that command (one process less per tab)."""
    python, db = shlex.quote(sys.executable), shlex.quote(str(db_path))
    if preload_socket is None:
        return f"exec {python} -m tui.cli_serve --session {db}"
    return f"exec {python} -m tui.preload client {shlex.quote(str(preload_socket))} {db}"


@contextlib.contextmanager
def preloaded(db_path: Path):
    """The preloader of tui/preload.py, running for as long as the server; yields its socket
    (None if it could not start: each tab then starts its own Python, more slowly)."""
    from tui.preload import preloader_environment

    folder = Path(tempfile.mkdtemp(prefix="binome-serve-"))  # 0700: only this account
    path = folder / "sessions.sock"
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.preload", "preload", str(path), str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=preloader_environment(dict(os.environ)),
    )
    ready = process.stdout.readline().strip() == b"ready" if process.stdout else False
    try:
        yield path if ready else None
    finally:
        if process.stdin:
            process.stdin.close()  # its signal to stop; the running sessions go on
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(folder, ignore_errors=True)


def allowed_origin(origin: str, public_url: str, host: str) -> bool:
    """Whether a browser page from *origin* may open a session: the public address's own
    origin, or the address the browser asked for (``Host``) when it names this machine
    itself (``localhost`` for ``127.0.0.1``). Any other ``Host`` is the page's own say: a
    page of another site whose name it points at this server (DNS rebinding) sends its
    origin as both, and must not pass for the server's own page."""
    from urllib.parse import urlsplit

    def origin_of(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}".lower()

    try:
        local = urlsplit(f"//{host}").hostname in LOCAL_HOSTS
    except ValueError:  # a Host header that is no host at all
        local = False
    asked = {f"http://{host}".lower(), f"https://{host}".lower()} if local else set()
    return origin.lower().rstrip("/") in {origin_of(public_url), *asked}


async def _protect_response(request, response) -> None:
    """The pages are never framed by another site (clickjacking on the sign-in)."""
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    # A refusal that quotes the address asked for is text, never sniffed as a page.
    response.headers.setdefault("X-Content-Type-Options", "nosniff")


def one_line_bad_requests(record: logging.LogRecord) -> bool:
    """aiohttp logs each malformed request (a path of 20,000 characters, 200 headers, a
    made-up method) with its traceback: anyone who reaches the port could fill the log.
    One line each instead, with the reason."""
    if record.exc_info and record.exc_info[1] is not None:
        error = record.exc_info[1]
        record.msg = "Requête mal formée de %s refusée (%s)"
        remote = record.args[0] if isinstance(record.args, tuple) and record.args else "?"
        record.args = (remote, type(error).__name__)
        record.exc_info = None
        record.exc_text = None
    return True


def check_address(host: str, port: int) -> None:
    """That this machine may listen on *host*:*port*, or why not, in French."""
    import errno
    import socket

    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise BinomeError(
            f"Adresse inconnue : « {host} » ne nomme aucune machine (--host)."
        ) from None
    for family, kind, proto, _, address in addresses:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    why = "ce port est déjà pris : un autre service l'écoute (--port)"
                elif error.errno == errno.EADDRNOTAVAIL:
                    why = "cette adresse n'est pas celle de ce serveur (--host)"
                elif error.errno == errno.EACCES:
                    why = "ce port est réservé au système : choisissez-en un au-dessus de 1024"
                else:
                    why = f"erreur système {error.errno}"
                raise BinomeError(f"Impossible d'écouter sur {host}:{port} : {why}.") from None


def run(args: argparse.Namespace) -> int:
    from tui.cli_common import UsageError, db_path, open_base

    if args.command == "connexion":
        open_base(args).close()
        return run_signed_in(str(db_path(args)))

    host = args.host.strip("[]")
    if host not in LOCAL_HOSTS:
        if not args.sans_tls_derriere_proxy:
            raise UsageError(
                f"refus d'écouter sur « {args.host} » sans TLS : les mots de passe et les "
                "données des demandeurs circuleraient en clair. Écoutez sur 127.0.0.1 derrière "
                "un proxy inverse HTTPS, ou ajoutez --sans-tls-derriere-proxy si ce proxy "
                "existe déjà."
            )
        print(
            f"binome : attention, écoute sur {args.host} sans TLS : seul un proxy inverse "
            "HTTPS doit pouvoir joindre ce port.",
            file=sys.stderr,
        )
    if not 0 < args.port < 65536:
        raise UsageError(f"port invalide : {args.port}")
    if args.sessions_max < 1 or args.sessions_par_adresse < 1:
        raise UsageError("--sessions-max et --sessions-par-adresse : un nombre d'au moins 1")
    slots = SessionSlots(args.sessions_max, args.sessions_par_adresse)
    # Before « Binôme servi sur … » is printed: the port taken or the address not this
    # machine's is one sentence, not aiohttp's traceback after that line.
    check_address(host, args.port)
    base_path = db_path(args).resolve()
    # Create and migrate the base once here, so the tabs' processes never race to do it.
    open_base(args).close()

    import asyncio

    from aiohttp import WSMsgType, web
    from textual_serve.app_service import AppService
    from textual_serve.download_manager import Download
    from textual_serve.server import Server
    from textual_serve.server import log as serve_log

    from tui.serve_guards import (
        COOKIE,
        COOKIE_HTTPS,
        DOWNLOAD_GONE,
        DOWNLOAD_REFUSED,
        BrowserTokens,
        Downloads,
        LatestResize,
        clamp_size,
    )

    log = logging.getLogger("binome.serve")
    tokens = BrowserTokens()
    downloads = Downloads()

    class BinomeServer(Server):
        @property
        def https(self) -> bool:
            return self.public_url.lower().startswith("https://")

        async def on_startup(self, app) -> None:
            self.console.print(f"Binôme servi sur {self.public_url} (base : {base_path})")
            self.console.print("ctrl+c pour arrêter.")

        def initialize_logging(self) -> None:
            # textual-serve's handler prints each traceback's local variables: the keys a
            # person typed (a password) may be among them. The traceback, never the values.
            from rich.logging import RichHandler

            logging.getLogger("aiohttp.server").addFilter(one_line_bad_requests)
            logging.basicConfig(
                level="INFO",
                format="%(message)s",
                datefmt="[%X]",
                handlers=[
                    RichHandler(
                        show_path=False,
                        show_time=False,
                        rich_tracebacks=True,
                        tracebacks_show_locals=False,
                        console=self.console,
                    )
                ],
            )

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.on_response_prepare.append(_protect_response)
            app.middlewares.append(self._give_browser_cookie)
            return app

        @web.middleware
        async def _give_browser_cookie(self, request: web.Request, handler):
            """The page gives the browser its cookie before any of its tabs connects: two
            tabs opened at once then connect with the same value (given by their websockets,
            the first tab's downloads went to a value the second had replaced)."""
            response = await handler(request)
            if (
                request.method == "GET"
                and request.path == "/"
                and isinstance(response, web.StreamResponse)
                and not tokens.valid(request.cookies.get(self.cookie_name))
            ):
                self._set_browser_cookie(response, tokens.new())
            return response

        def _set_browser_cookie(self, response: web.StreamResponse, token: str) -> None:
            response.set_cookie(
                self.cookie_name,
                token,
                path="/",
                httponly=True,
                samesite="Strict",
                secure=True if self.https else None,
            )

        @property
        def cookie_name(self) -> str:
            return COOKIE_HTTPS if self.https else COOKIE

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            # A page of another site, opened by someone inside the network, must not open
            # sessions here (password guessing, locking accounts): same origin only.
            if request.headers.get("Upgrade", "").lower() != "websocket":
                # Not a browser tab (a plain GET): refused before a session slot is taken,
                # and without the traceback textual-serve would log for it.
                raise web.HTTPBadRequest(text="Cette adresse attend la connexion d'un onglet.")
            origin = request.headers.get("Origin")
            if origin is not None and not allowed_origin(origin, self.public_url, request.host):
                raise web.HTTPForbidden(text="Origine refusée.")
            address = request.remote or ""
            refused = slots.take(address)
            if refused is not None:
                raise web.HTTPServiceUnavailable(text=refused)
            try:
                return await self._session(request)
            finally:
                slots.give_back(address)

        async def _session(self, request: web.Request) -> web.WebSocketResponse:
            """textual-serve's handle_websocket, with the tab's app tied to its browser's
            cookie (its downloads go to that browser only) and the size kept in bounds."""
            width, height = clamp_size(request.query.get("width"), request.query.get("height"))
            websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MESSAGE_MAX)
            token = request.cookies.get(self.cookie_name)
            if token is None or not tokens.valid(token):
                # A client that did not load the page first (or a cookie from an earlier
                # run): a new value, which every later tab of this browser reuses.
                token = tokens.new()
                self._set_browser_cookie(websocket, token)
            app_service: AppService | None = None

            async def close() -> None:
                await websocket.close()

            if not websocket.can_prepare(request).ok:
                # A handshake no browser sends (a bad key, a missing version): refused
                # before the session, without a traceback in the log for each.
                raise web.HTTPBadRequest(text="Connexion d'onglet invalide.")
            try:
                await websocket.prepare(request)
                app_service = AppService(
                    self.command,
                    write_bytes=websocket.send_bytes,
                    write_str=websocket.send_str,
                    close=close,
                    download_manager=downloads,
                    debug=self.debug,
                )
                downloads.owners[app_service.app_service_id] = token
                await app_service.start(width, height)
                try:
                    await self._process_messages(websocket, app_service, (width, height))
                finally:
                    await app_service.stop()
            except asyncio.CancelledError:
                await websocket.close()
            except Exception as error:
                serve_log.exception(error)
            finally:
                if app_service is not None:
                    await app_service.stop()
                    await downloads.cancel_app_downloads(app_service.app_service_id)
            return websocket

        async def handle_download(self, request: web.Request) -> web.StreamResponse:
            key = request.match_info["key"]
            download = downloads.claim(key, request.cookies.get(self.cookie_name))
            if download == "absent":
                raise web.HTTPNotFound(text=DOWNLOAD_GONE)
            if download == "refused":
                raise web.HTTPForbidden(text=DOWNLOAD_REFUSED)
            assert isinstance(download, Download)
            response = web.StreamResponse()
            content_type = download.mime_type
            if download.encoding:
                content_type += f"; charset={download.encoding}"
            response.headers["Content-Type"] = content_type
            disposition = "inline" if download.open_method == "browser" else "attachment"
            name = "".join(c for c in download.file_name if c.isprintable() and c not in '"\\')
            response.headers["Content-Disposition"] = f'{disposition}; filename="{name}"'
            response.headers["Cache-Control"] = "no-store"
            await response.prepare(request)
            async for chunk in downloads.download(key):
                await response.write(chunk)
            await response.write_eof()
            return response

        async def _process_messages(
            self, websocket, app_service, size: tuple[int, int] = (80, 24)
        ) -> None:
            # textual-serve's loop, minus its trust in the page: an envelope that is not what
            # textual.js sends is ignored, keys are budgeted, and only the latest resize is
            # forwarded, at most once an interval.
            budget = KeyBudget()
            resizes = LatestResize(app_service.set_terminal_size, size)
            forwarder = asyncio.create_task(resizes.run())
            try:
                async for message in websocket:
                    if message.type != WSMsgType.TEXT:
                        continue
                    try:
                        envelope = json.loads(message.data)
                    except ValueError:
                        continue
                    if not isinstance(envelope, list) or not envelope:
                        continue
                    kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
                    if kind == "stdin" and isinstance(data, str):
                        if budget.allows(data):
                            await app_service.send_bytes(data.encode("utf-8", "replace"))
                    elif kind == "resize" and isinstance(data, dict):
                        resizes.ask(data.get("width"), data.get("height"))
                    elif kind == "ping":
                        await websocket.send_json(["pong", data])
                    elif kind == "blur":
                        await app_service.blur()
                    elif kind == "focus":
                        await app_service.focus()
            finally:
                forwarder.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await forwarder
                if resizes.dropped:
                    log.info(
                        "Onglet fermé : %d redimensionnements transmis, %d ignorés",
                        resizes.forwarded,
                        resizes.dropped,
                    )

    with preloaded(base_path) as socket_path:
        server = BinomeServer(
            session_command(base_path, socket_path),
            host=host,
            port=args.port,
            title="Binôme",
            public_url=args.public_url.rstrip("/") if args.public_url else None,
            templates_path=TEMPLATES,
        )
        server.serve()
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--session":
        sys.exit(run_signed_in(sys.argv[2]))
    raise SystemExit(str(BinomeError("usage : python -m tui.cli_serve --session BASE")))
