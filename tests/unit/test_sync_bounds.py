"""A misbehaving server cannot keep a sync going or fill memory: pages, bytes and time are
bounded, redirects to another host are refused; each stop is one French sentence and the
base is left as it was."""

from __future__ import annotations

import gzip
import json
import time

import httpx
import pytest
from dora_api import service, structure

from ressources.errors import SyncError
from ressources.sync import Limits, sync

BASE = "http://api.test/api/v1"


def _page(items, page=1, pages=1):
    return {"items": items, "total": len(items), "page": page, "size": len(items), "pages": pages}


def _client(handler):
    return httpx.Client(transport=httpx.MockTransport(handler))


def _digest(db):
    return [
        db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
        for t in ("structures", "services", "historique")
    ]


def _run(db, handler, **kwargs):
    with _client(handler) as client:
        return sync(db, BASE, client=client, sleep=lambda s: None, tries=1, **kwargs)


def _endless(request):
    page = int(request.url.params.get("page", "1"))
    kind = request.url.path.rsplit("/", 1)[-1]
    item = structure(page) if kind == "structures" else service(page)
    return httpx.Response(200, json=_page([item], page, pages=None))  # never a last page


def _huge(request):
    return httpx.Response(200, content=b'{"items": [' + b" " * 3_000_000 + b"]}")


def _gzip_bomb(request):
    body = gzip.compress(b" " * 20_000_000)  # 20 MB of spaces: 20 KB on the wire
    return httpx.Response(200, content=body, headers={"Content-Encoding": "gzip"})


def _other_host(request):
    return httpx.Response(302, headers={"Location": "http://ailleurs.example/api/v1/x"})


def _slow(request):
    time.sleep(0.05)
    return httpx.Response(200, json=_page([]))


CASES = [
    (_endless, Limits(pages=5), "plus de 5 pages demandées"),
    (_huge, Limits(page_bytes=1_000_000), "une page dépasse 1000000 octets"),
    (_gzip_bomb, Limits(total_bytes=5_000_000), "plus de 5000000 octets reçus"),
    (_other_host, Limits(), "redirige vers un autre hôte (ailleurs.example)"),
    (_slow, Limits(seconds=0.01), "durée maximale dépassée"),
]


@pytest.mark.parametrize(
    ("handler", "limits", "words"),
    CASES,
    ids=["pages", "page-bytes", "gzip-bomb", "redirect", "time"],
)
def test_a_bound_stops_the_sync_and_leaves_the_base(reference_db, handler, limits, words):
    before = _digest(reference_db)
    with pytest.raises(SyncError) as exc:
        _run(reference_db, handler, limits=limits)
    assert words in str(exc.value)
    assert str(exc.value).endswith("La base n'a pas été modifiée.")
    assert _digest(reference_db) == before


def test_a_redirect_on_the_same_host_is_followed(reference_db):
    def handler(request):
        if request.url.path.startswith("/old/"):
            kind = request.url.path.rsplit("/", 1)[-1]
            return httpx.Response(301, headers={"Location": f"{BASE}/{kind}?page=1&size=500"})
        kind = request.url.path.rsplit("/", 1)[-1]
        items = [structure(1)] if kind == "structures" else [service(1)]
        return httpx.Response(200, json=_page(items))

    with _client(handler) as client:
        report = sync(reference_db, "http://api.test/old", client=client, tries=1)
    assert report.added == ["dora--sv1"]


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        ('"longitude": Infinity', "longitude", "nombre non fini"),
        ('"latitude": NaN', "latitude", "nombre non fini"),
        ('"longitude": -Infinity', "longitude", "nombre non fini"),
        ('"longitude": 1e400', "longitude", "nombre non fini"),
        ('"longitude": 500.0', "longitude", "hors limites"),
        ('"nombre_semaines": 1000000000000000000000000000000', "nombre_semaines", "hors limites"),
        ('"volume_horaire_hebdomadaire": 1000', "volume_horaire_hebdomadaire", "hors limites"),
    ],
)
def test_absurd_numbers_in_a_page_reject_that_record_only(reference_db, text, field, words):
    good = json.dumps(service(1))
    bad = json.dumps(service(2))[:-1] + ", " + text + "}"

    def handler(request):
        kind = request.url.path.rsplit("/", 1)[-1]
        if kind == "structures":
            return httpx.Response(200, json=_page([structure(1)]))
        body = '{"items": [' + good + ", " + bad + '], "page": 1, "pages": 1}'
        return httpx.Response(200, content=body.encode())

    report = _run(reference_db, handler)
    assert report.added == ["dora--sv1"]
    assert [(r.id, r.field) for r in report.rejections] == [("dora--sv2", field)]
    assert words in report.rejections[0].reason


def test_a_deeply_nested_page_is_unreadable_not_a_crash(reference_db):
    def handler(request):
        return httpx.Response(200, content=b"[" * 100_000 + b"]" * 100_000)

    before = _digest(reference_db)
    with pytest.raises(SyncError) as exc:
        _run(reference_db, handler)
    assert "pas du JSON valide" in str(exc.value)
    assert _digest(reference_db) == before


def test_a_deeply_nested_record_is_rejected_alone(reference_db):
    deep = {"a": 1}
    for _ in range(60):
        deep = {"x": deep}

    def handler(request):
        kind = request.url.path.rsplit("/", 1)[-1]
        if kind == "structures":
            return httpx.Response(200, json=_page([structure(1)]))
        return httpx.Response(200, json=_page([service(1), service(2, extra=deep)]))

    report = _run(reference_db, handler)
    assert report.added == ["dora--sv1"]
    assert "trop imbriquées" in report.rejections[0].reason
