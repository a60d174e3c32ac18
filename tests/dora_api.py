"""A data·inclusion-like API on 127.0.0.1 (the ``api`` fixture, pages served from
``FakeApi.data``, misbehaving on demand) and the records it serves (``structure``,
``service``, source « dora »); ``no_proxy``: nothing between the test and 127.0.0.1."""

from __future__ import annotations

import json
import math
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

SLOW = 0.8  # longer than the client's read timeout


def structure(i, **extra):
    return {
        "source": "dora",
        "id": f"dora--st{i}",
        "nom": f"Association d'entraide numéro {i}",
        "date_maj": "2026-01-15",
        "code_insee": "82112",
        "commune": "Moissac",
        "code_postal": "82200",
        "adresse": f"{i} rue de la République",
        "telephone": "05 63 04 00 00",
        **extra,
    }


def service(i, structure_id="dora--st1", **extra):
    return {
        "source": "dora",
        "id": f"dora--sv{i}",
        "structure_id": structure_id,
        "nom": f"Accompagnement vers le logement numéro {i}",
        "description": "Un service pour accompagner les personnes dans leurs démarches de "
        "logement, de la demande à l'installation.",
        "date_maj": "2026-01-15",
        "thematiques": ["logement-hebergement--louer-un-logement"],
        "publics": ["tous-publics"],
        "frais": "gratuit",
        "zone_eligibilite": ["82"],
        "code_insee": "82112",
        "code_postal": "82200",
        "commune": "Moissac",
        "telephone": "05 63 04 12 34",
        "modes_accueil": ["en-presentiel"],
        "score_qualite": 0.8,  # the API adds fields outside the schema: ignored
        **extra,
    }


class FakeApi:
    """Pages of ``data`` as the data·inclusion API v1 serves them. ``script[(kind, page)]``
    lists how the next requests for that page are answered: an HTTP status (int),
    ``(429, "Retry-After value")``, ``"slow"`` (answers after the client's timeout) or
    ``"malformed"``; once the list is used up, the page is served normally."""

    def __init__(self) -> None:
        # "search": the items of /search/services ({"service": …, "distance": …}), the
        # same whatever the commune; "details": what /structures/{id} answers.
        self.data: dict[str, list] = {"structures": [], "services": [], "search": []}
        self.details: dict[str, dict] = {}
        self.no_search = False  # True: an API with the lists only (404 on the search)
        self.script: dict[tuple[str, int], list] = {}
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        self.base_url = ""

    def requests_for(self, kind: str, page: int) -> list[dict]:
        return [
            r
            for r in self.requests
            if r["path"].endswith("/" + kind) and r["query"].get("page") == str(page)
        ]

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        url = urlsplit(handler.path)
        query = dict(parse_qsl(url.query))
        kind = url.path.rsplit("/", 1)[-1]
        page = int(query.get("page", "1"))
        size = int(query.get("size", "50"))
        with self.lock:
            self.requests.append(
                {
                    "path": url.path,
                    "query": query,
                    "authorization": handler.headers.get("Authorization"),
                }
            )
            queue = self.script.get((kind, page), [])
            action = queue.pop(0) if queue else "ok"
            records = list(self.data.get(kind, []))
        if url.path.startswith("/api/v1/structures/"):
            found = self.details.get(unquote(url.path.rsplit("/", 1)[-1]))
            if found is None:
                return _send(handler, 404, b'{"detail": "Not Found"}')
            return _send(handler, 200, json.dumps(found, ensure_ascii=False).encode("utf-8"))
        if url.path == "/api/v1/search/services" and not self.no_search:
            records = list(self.data.get("search", []))
        elif url.path not in ("/api/v1/structures", "/api/v1/services"):
            return _send(handler, 404, b'{"detail": "Not Found"}')
        if action == "slow":
            time.sleep(SLOW)
        if isinstance(action, int):
            return _send(handler, action, b'{"detail": "erreur interne"}')
        if isinstance(action, tuple):
            status, retry_after = action
            return _send(handler, status, b"{}", {"Retry-After": retry_after})
        if action == "malformed":
            return _send(handler, 200, b'{"items": [{"id": "dora--sv1", "nom": ')
        items = records[(page - 1) * size : page * size]
        body = {
            "items": items,
            "total": len(records),
            "page": page,
            "size": len(items),
            "pages": math.ceil(len(records) / size),
        }
        return _send(handler, 200, json.dumps(body, ensure_ascii=False).encode("utf-8"))


def _send(handler, status: int, body: bytes, headers: dict | None = None) -> None:
    try:
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(body)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client gave up waiting (read timeout): expected


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that went away is part of the tests


@pytest.fixture
def api():
    fake = FakeApi()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            fake.answer(self)

        def log_message(self, *args) -> None:
            pass

    server = _Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}/api/v1"
    fake.data = {
        "structures": [structure(1), structure(2), structure(3)],
        "services": [
            service(1),
            service(2),
            service(3, "dora--st2"),
            service(4, "dora--st3"),
            service(5, "dora--st3"),
        ],
    }
    yield fake
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def no_proxy(monkeypatch):
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)
