"""Synchronisation with a data·inclusion-compatible API: the structures and services of the
département, pulled page by page, then merged into the base in one transaction.

Merge rules:

* a remote entry unknown here is added (it keeps its ``source``, e.g. « dora »);
* a remote entry that changed since the last sync — its fingerprint, the sha256 of the
  canonical JSON of the validated remote record, differs from ``services.sync_empreinte``
  — updates the local entry, unless the entry was edited here since the last sync
  (``services.version > services.sync_version``): the local version then stays and the
  conflict is reported;
* nothing local is ever deleted, and Binôme's own fields (thématiques locales, mots-clés,
  partenaire, date de revue) are never overwritten;
* every applied change is a new version in ``historique`` (action « synchronisation »,
  author « sync »), so it can be undone like any edit;
* a second identical sync writes nothing.

Every page is fetched before anything is written: a page that stays unreadable after the
retries stops the sync with one French sentence and leaves the base as it was. So does a
cancellation (``cancel``, a ``threading.Event`` the app sets): it is looked at between two
reads of an answer and cuts a wait between retries short.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import httpx
from sqlite_utils import Database

from ressources.errors import SyncError
from ressources.exchange import Rejection, validate_records
from ressources.fusion import SyncConflict, conflict, local_services
from ressources.gazetteer import Gazetteer
from ressources.history import record_version
from ressources.record import (
    EXTENSION_KEY,
    SERVICE_FIELDS,
    STRUCTURE_FIELDS,
    differing,
    from_column,
    read_records,
    to_extension,
)
from ressources.store import reindex_services, write_records
from ressources.text import counted
from ressources.thematiques import Thematiques

DEPARTEMENT = "82"
# /search/services finds, around a commune, the services whose zone covers it that sit in a
# 50 km radius or are offered remotely. Every commune of the 82 lies within 28 km of one of
# these five (Montauban, Castelsarrasin, Beaumont-de-Lomagne, Saint-Antonin-Noble-Val,
# Lauzerte): what sits within 22 km beyond the border is in some radius.
SEARCH_COMMUNES = ("82121", "82033", "82013", "82155", "82094")
# The national API (its routes under /api/v1; a token from data·inclusion is needed).
API_URL = "https://api.data.inclusion.gouv.fr/api/v1"
TOKEN_ENV = "DATA_INCLUSION_TOKEN"
AUTHOR = "sync"
ACTION = "synchronisation"
SINCE = "la dernière synchronisation"
PAGE_SIZE = 500
TIMEOUT = 10.0  # seconds, to connect and between two bytes of an answer
TRIES = 4
BACKOFF = 0.5  # seconds before the 2nd try, then doubled: 0.5, 1, 2…
MAX_WAIT = 60.0  # a Retry-After longer than this is shortened to it
MAX_PAGES = 10_000  # a server that never says « last page » cannot keep us forever
# Bounds of a whole sync, all configurable (``binome sync --pages-max …``): a server that
# misbehaves (endless pages, a gzip bomb, a trickle of bytes) stops it, the base untouched.
# The département has a few thousand entries: 500 records of ~2 KB make a 1 MB page.
MAX_PAGE_BYTES = 50_000_000
MAX_TOTAL_BYTES = 500_000_000
MAX_SECONDS = 30 * 60.0
MAX_PAGE_SIZE = 10_000  # records asked per page
MAX_REDIRECTS = 5
_READ_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    """How far one sync may go before it stops (base unchanged)."""

    pages: int = MAX_PAGES
    page_bytes: int = MAX_PAGE_BYTES
    total_bytes: int = MAX_TOTAL_BYTES
    seconds: float = MAX_SECONDS


Progress = Callable[[int, int], None]


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[SyncConflict] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    structures_added: list[str] = field(default_factory=list)
    structures_updated: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)  # located outside, serving the 82
    duplicates: list[str] = field(default_factory=list)  # left out: data·inclusion's twins
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.structures_added or self.structures_updated)


# -- fetching ------------------------------------------------------------------------------------


def _redact(url: str) -> str:
    """The URL without any user:password part, fit to be printed."""
    try:
        parts = urlsplit(url)
    except ValueError:  # « http://[::1 »: not a URL, but its user:password still goes
        return re.sub(r"//[^/]*@", "//", url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return (url.scheme, url.host, url.port)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - datetime.now(UTC)).total_seconds()
    return min(max(seconds, 0.0), MAX_WAIT)


class _Fetcher:
    def __init__(
        self,
        client: httpx.Client,
        base_url: str,
        *,
        token: str | None,
        page_size: int,
        tries: int,
        backoff: float,
        sleep: Callable[[float], None],
        progress: Progress | None,
        limits: Limits = Limits(),
        clock: Callable[[], float] = time.monotonic,
        cancel: threading.Event | None = None,
    ) -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")
        self.headers = {"Accept": "application/json"}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        self.page_size = page_size
        self.tries = max(1, tries)
        self.backoff = backoff
        self.sleep = sleep
        self.progress = progress
        self.totals: dict[str, int] = {}
        self.done = 0
        self.limits = limits
        self.clock = clock
        self.deadline = clock() + limits.seconds
        self.bytes = 0
        self.pages = 0
        self.origin = _origin(httpx.URL(self.base_url))
        self.cancel = cancel

    def _stop(self, why: str) -> SyncError:
        return SyncError(f"Synchronisation interrompue : {why}. La base n'a pas été modifiée.")

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise SyncError("Synchronisation annulée. La base n'a pas été modifiée.")

    def _check_time(self) -> None:
        self.check_cancel()
        if self.clock() > self.deadline:
            raise self._stop(
                f"durée maximale dépassée ({self.limits.seconds:g} s, option --duree-max)"
            )

    def _get(self, url: str, params: dict | None) -> tuple[int, httpx.Headers, bytes]:
        """One answer, redirects followed only on the same host, its body bounded."""
        for _ in range(MAX_REDIRECTS + 1):
            self._check_time()
            request = self.client.build_request("GET", url, params=params, headers=self.headers)
            response = self.client.send(request, stream=True, follow_redirects=False)
            try:
                if response.is_redirect:
                    target = response.next_request.url if response.next_request else None
                    if target is None or _origin(target) != self.origin:
                        where = target.host if target is not None else "?"
                        raise self._stop(
                            f"le serveur redirige vers un autre hôte ({where}), "
                            "ce qui n'est pas suivi"
                        )
                    url, params = str(target), None
                    continue
                body = bytearray()
                for chunk in response.iter_bytes(_READ_CHUNK):  # decoded: a gzip bomb counts
                    body += chunk
                    self.bytes += len(chunk)
                    if len(body) > self.limits.page_bytes:
                        raise self._stop(
                            f"une page dépasse {self.limits.page_bytes} octets "
                            "(option --octets-page-max)"
                        )
                    if self.bytes > self.limits.total_bytes:
                        raise self._stop(
                            f"plus de {self.limits.total_bytes} octets reçus (option --octets-max)"
                        )
                    self._check_time()
                return response.status_code, response.headers, bytes(body)
            finally:
                response.close()
        raise self._stop(f"plus de {MAX_REDIRECTS} redirections")

    def _report(self) -> None:
        if self.progress is not None:
            total = sum(self.totals.values())
            self.progress(self.done, max(total, self.done))

    def page(self, kind: str, number: int) -> dict:
        """One page of a list, after retries on 429, 5xx, timeouts and broken connections."""
        url = f"{self.base_url}/{kind}"
        params: dict = {"code_departement": DEPARTEMENT, "page": number, "size": self.page_size}
        if kind == "structures":
            params["exclure_doublons"] = "true"  # the best of each cluster; its twins listed
        data = self.get_json(url, params, f"la page {number} des {kind} ({_redact(url)})")
        assert data is not None
        return self._checked(data, f"la page {number} des {kind}")

    def search_page(self, code_commune: str, number: int) -> dict | None:
        """One page of /search/services around a commune, or None when the API has no
        such route (an API « compatible » with the lists only)."""
        url = f"{self.base_url}/search/services"
        params = {
            "code_commune": code_commune,
            "exclure_doublons": "true",
            "page": number,
            "size": self.page_size,
        }
        where = f"la page {number} de la recherche autour de {code_commune} ({_redact(url)})"
        data = self.get_json(url, params, where, absent_ok=True)
        return None if data is None else self._checked(data, where)

    def structure(self, structure_id: str) -> dict | None:
        """The structure *structure_id* (a service's structure outside the département), or
        None when the API does not know it."""
        url = f"{self.base_url}/structures/{quote(structure_id, safe='')}"
        data = self.get_json(
            url, None, f"la structure {structure_id} ({_redact(url)})", absent_ok=True
        )
        if not isinstance(data, dict) or data.get("id") != structure_id:
            return None
        return {k: v for k, v in data.items() if k not in ("services", "doublons")}

    def get_json(
        self, url: str, params: dict | None, where: str, *, absent_ok: bool = False
    ) -> Any:
        """The decoded JSON answer, after retries; None for a 404 when *absent_ok*."""
        problem = ""
        self.pages += 1
        if self.pages > self.limits.pages:
            raise self._stop(f"plus de {self.limits.pages} pages demandées (option --pages-max)")
        for attempt in range(self.tries):
            wait = self.backoff * 2**attempt
            try:
                status, headers, content = self._get(url, params)
            except httpx.TimeoutException:
                problem = "pas de réponse dans le délai imparti"
            except (httpx.RequestError, httpx.DecodingError, UnicodeError) as exc:
                problem = f"connexion impossible ({type(exc).__name__})"
            else:
                if status == 429 or status >= 500:
                    problem = f"le serveur a répondu HTTP {status}"
                    asked = _retry_after(headers.get("Retry-After"))
                    if asked is not None:
                        wait = asked
                elif status in (401, 403):
                    raise SyncError(
                        f"Synchronisation refusée par le serveur (HTTP {status}) pour {where} : "
                        f"vérifiez le jeton d'accès (variable {TOKEN_ENV}). "
                        "La base n'a pas été modifiée."
                    )
                elif status in (404, 405) and absent_ok:
                    return None
                elif status >= 300:
                    raise SyncError(
                        f"Synchronisation interrompue : le serveur a répondu HTTP {status} pour "
                        f"{where}. La base n'a pas été modifiée."
                    )
                else:
                    try:
                        return json.loads(content)
                    except (ValueError, RecursionError):
                        problem = "réponse qui n'est pas du JSON valide"
            if attempt + 1 < self.tries:
                self._check_time()
                self._pause(min(wait, max(self.deadline - self.clock(), 0.0)))
        raise SyncError(
            f"Synchronisation interrompue : {where} est restée illisible après "
            f"{counted(self.tries, 'essai')} ({problem}). La base n'a pas été modifiée."
        )

    def _pause(self, seconds: float) -> None:
        if self.cancel is not None and self.sleep is time.sleep:
            self.cancel.wait(seconds)  # returns at once when the sync is cancelled
        else:
            self.sleep(seconds)
        self._check_time()

    @staticmethod
    def _checked(data: Any, where: str) -> dict:
        ok = isinstance(data, dict) and isinstance(data.get("items"), list)
        for key in ("pages", "total", "page"):
            value = data.get(key) if isinstance(data, dict) else None
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                ok = False
        if not ok:
            raise SyncError(
                f"Synchronisation interrompue : {where} n'a pas la forme attendue "
                "(un objet avec « items », « page », « pages »). La base n'a pas été modifiée."
            )
        return data

    def first(self, kind: str) -> dict:
        data = self.page(kind, 1)
        self.totals[kind] = data.get("total") or len(data["items"])
        self.done += len(data["items"])
        self._report()
        return data

    def rest(self, kind: str, first: dict) -> list:
        items = list(first["items"])
        data, number = first, 1
        while data["items"]:
            pages = data.get("pages")
            if pages is not None and number >= pages:
                break
            number += 1
            data = self.page(kind, number)
            items += data["items"]
            self.done += len(data["items"])
            self._report()
        return items


# -- the whole offer of the département -------------------------------------------------------


def located_in_departement(record: dict) -> bool:
    code = record.get("code_insee")
    return isinstance(code, str) and code.startswith(DEPARTEMENT)


def serves_departement(service: dict) -> bool:
    """Whether a service that /search/services found around a commune of the 82 is part of
    the département's offer (issue 12, « Sync brings the whole offer of the 82 »): located
    in it, or with an eligibility zone — which the API matched against that commune, its
    EPCI, the département or France. A service located elsewhere with no zone at all only
    happens to be near: it is left to its own département."""
    if located_in_departement(service):
        return True
    zone = service.get("zone_eligibilite")
    return isinstance(zone, list) and bool(zone)


def _twins(structures: list) -> set[str]:
    """Ids of the structures data·inclusion lists as duplicates of those it kept."""
    out: set[str] = set()
    for record in structures:
        doublons = record.get("doublons") if isinstance(record, dict) else None
        for twin in doublons if isinstance(doublons, list) else []:
            if isinstance(twin, dict) and isinstance(twin.get("id"), str):
                out.add(twin["id"])
    return out


def _whole_offer(
    fetcher: _Fetcher, structures: list, services: list, report: SyncReport
) -> tuple[list, list]:
    """The lists of /structures and /services (which hold only what is located in the 82),
    completed with the services located elsewhere that serve it and the structures, located
    elsewhere, of the services found; the services of known duplicates left out."""
    twins = _twins(structures)
    structures = [
        {k: v for k, v in s.items() if k != "doublons"} if isinstance(s, dict) else s
        for s in structures
    ]
    kept = []
    for record in services:
        if isinstance(record, dict) and record.get("structure_id") in twins:
            report.duplicates.append(str(record.get("id")))
        else:
            kept.append(record)
    services = kept
    seen = {r.get("id") for r in services if isinstance(r, dict)} | set(report.duplicates)
    known = {r.get("id") for r in structures if isinstance(r, dict)}
    for code in SEARCH_COMMUNES:
        number, pages = 0, 1
        while number < pages:
            number += 1
            data = fetcher.search_page(code, number)
            if data is None:
                report.notes.append(
                    "Cette API n'a pas de recherche par zone (/search/services) : seuls les "
                    "services situés dans le département ont été lus."
                )
                break
            pages = data.get("pages") or (number + 1 if data["items"] else number)
            fetcher.totals[f"search {code}"] = data.get("total") or 0
            fetcher.done += len(data["items"])
            fetcher._report()
            for item in data["items"]:
                service = item.get("service") if isinstance(item, dict) else None
                if not isinstance(service, dict) or service.get("id") in seen:
                    continue
                structure = service.pop("structure", None)
                if located_in_departement(service) or not serves_departement(service):
                    continue  # in the lists already, or only nearby (asked again elsewhere)
                seen.add(service.get("id"))
                if service.get("structure_id") in twins:
                    report.duplicates.append(str(service.get("id")))
                    continue
                services.append(service)
                report.elsewhere.append(str(service.get("id")))
                if isinstance(structure, dict) and structure.get("id") not in known:
                    known.add(structure.get("id"))
                    structures.append(structure)
        else:
            continue
        break  # no search route: no use asking around the other communes
    wanted = sorted(
        {
            r["structure_id"]
            for r in services
            if isinstance(r, dict) and isinstance(r.get("structure_id"), str)
        }
        - known
        - twins
    )
    for structure_id in wanted:
        structure = fetcher.structure(structure_id)
        if structure is not None:  # else the service is rejected: « structure inconnue »
            structures.append(structure)
    return structures, services


# -- merging -------------------------------------------------------------------------------------


def _canonical(record: dict) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def fingerprint(record: dict) -> str:
    """sha256 of the canonical JSON of a validated remote record."""
    return hashlib.sha256(_canonical(record).encode("utf-8")).hexdigest()


def _dedupe(records: list) -> list:
    """Drop exact repeats (a page boundary moving while we read); a different record
    under the same id is left for validation to reject as a duplicate."""
    seen: set[str] = set()
    out = []
    for record in records:
        if isinstance(record, dict):
            record = {k: v for k, v in record.items() if k != EXTENSION_KEY}
            key = _canonical(record)
            if key in seen:
                continue
            seen.add(key)
        out.append(record)
    return out


def _local_structures(db: Database, ids: list[str]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        for row in db.query(f"SELECT * FROM structures WHERE id IN ({marks})", chunk):
            out[row["id"]] = {f: from_column(f, row[f]) for f in STRUCTURE_FIELDS}
    return out


def _score(raw: Any) -> float | None:
    """The ``score_qualite`` a remote service carries, when it is a number from 0 to 1."""
    value = raw.get("score_qualite") if isinstance(raw, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if 0 <= value <= 1 else None  # NaN fails both comparisons


def quality_score(db: Database, service_id: str) -> float | None:
    """data·inclusion's quality score of a synced service, None for any other."""
    row = db.execute("SELECT score_qualite FROM services WHERE id = ?", [service_id]).fetchone()
    return None if row is None else row[0]


def _score_changes(db: Database, scores: dict[str, float | None]) -> list[tuple]:
    """(score, id) for the services whose stored score differs from the remote one."""
    ids = list(scores)
    stored: dict[str, float | None] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        sql = f"SELECT id, score_qualite FROM services WHERE id IN ({marks})"
        stored.update(db.execute(sql, chunk).fetchall())
    return [(score, i) for i, score in scores.items() if stored.get(i) != score]


@dataclass
class _Plan:
    structures: list[dict] = field(default_factory=list)
    added: list[tuple[dict, str]] = field(default_factory=list)  # (record, fingerprint)
    updated: list[tuple[dict, str, dict, dict]] = field(default_factory=list)
    adopted: list[tuple[str, str, int]] = field(default_factory=list)  # id, fp, version
    scores: list[tuple] = field(default_factory=list)  # (score_qualite, id)


def _plan(db: Database, structures: list[dict], services: list[dict], report: SyncReport):
    plan = _Plan()
    local_structures = _local_structures(db, [s["id"] for s in structures])
    for record in structures:
        local = local_structures.get(record["id"])
        if local is None:
            plan.structures.append(record)
            report.structures_added.append(record["id"])
        elif differing(local, record, STRUCTURE_FIELDS):
            plan.structures.append(record)
            report.structures_updated.append(record["id"])

    metas = local_services(db, [s["id"] for s in services])
    for record in services:
        service_id = record["id"]
        record_fingerprint = fingerprint(record)
        meta = metas.get(service_id)
        if meta is None:
            plan.added.append((record, record_fingerprint))
            report.added.append(service_id)
            continue
        if meta["sync_empreinte"] == record_fingerprint:
            report.unchanged.append(service_id)
            continue
        current = _read(db, service_id)
        found = conflict(db, meta, current, record, SERVICE_FIELDS, depuis=SINCE)
        if not differing(current, record, SERVICE_FIELDS):
            # Already as the remote says: remember it, nothing to write.
            plan.adopted.append((service_id, record_fingerprint, meta["version"]))
            report.unchanged.append(service_id)
        elif found is not None:
            report.conflicts.append(found)
        else:
            plan.updated.append((record, record_fingerprint, current, meta))
            report.updated.append(service_id)
    return plan


def _apply(db: Database, plan: _Plan, now: datetime) -> None:
    gazetteer = Gazetteer.from_db(db)
    thematiques = Thematiques.from_db(db)
    stamp = now.isoformat(timespec="seconds")
    with db.atomic():
        if plan.structures:
            write_records(db, plan.structures, [], gazetteer=gazetteer, thematiques=thematiques)
        records = [r for r, _ in plan.added]
        for record, _, current, _ in plan.updated:
            records.append({**record, EXTENSION_KEY: to_extension(current)})
        if records:
            write_records(db, [], records, gazetteer=gazetteer, thematiques=thematiques)
        for record, record_fingerprint in plan.added:
            _bookkeep(db, record["id"], 1, record_fingerprint, 0, stamp)
            record_version(
                db,
                record["id"],
                version=1,
                auteur=AUTHOR,
                action=ACTION,
                before={},
                after=_read(db, record["id"]),
                now=now,
            )
        for record, record_fingerprint, current, meta in plan.updated:
            version = meta["version"] + 1
            _bookkeep(db, record["id"], version, record_fingerprint, meta["demo"], stamp)
            record_version(
                db,
                record["id"],
                version=version,
                auteur=AUTHOR,
                action=ACTION,
                before=current,
                after=_read(db, record["id"]),
                now=now,
            )
        db.conn.executemany("UPDATE services SET score_qualite = ? WHERE id = ?", plan.scores)
        db.conn.executemany(
            "UPDATE services SET sync_empreinte = ?, sync_version = ? WHERE id = ?",
            [
                [record_fingerprint, version, service_id]
                for service_id, record_fingerprint, version in plan.adopted
            ],
        )
        # The index holds the structure's name: refresh the services of renamed ones.
        written = {r["id"] for r in records}
        moved = [s["id"] for s in plan.structures]
        others = []
        for start in range(0, len(moved), 500):
            chunk = moved[start : start + 500]
            marks = ",".join("?" for _ in chunk)
            others += [
                row[0]
                for row in db.execute(
                    f"SELECT id FROM services WHERE structure_id IN ({marks})", chunk
                )
                if row[0] not in written
            ]
        if others:
            reindex_services(db, others, thematiques=thematiques)


def _read(db: Database, service_id: str) -> dict:
    return read_records(db, [service_id])[service_id]


def _bookkeep(
    db: Database, service_id: str, version: int, record_fingerprint: str, demo, stamp: str
):
    db.execute(
        "UPDATE services SET version = ?, sync_version = ?, sync_empreinte = ?, demo = ?, "
        "modifie_le = ?, modifie_par = ? WHERE id = ?",
        [version, version, record_fingerprint, int(bool(demo)), stamp, AUTHOR, service_id],
    )


# -- the whole sync ------------------------------------------------------------------------------


def sync(
    db: Database,
    base_url: str,
    *,
    token: str | None = None,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
    sleep: Callable[[float], None] = time.sleep,
    now: Callable[[], datetime] = datetime.now,
    timeout: float = TIMEOUT,
    page_size: int = PAGE_SIZE,
    tries: int = TRIES,
    backoff: float = BACKOFF,
    limits: Limits | None = None,
    cancel: threading.Event | None = None,
) -> SyncReport:
    """Pull the département's structures and services from *base_url* and merge them.

    *token* defaults to the ``DATA_INCLUSION_TOKEN`` environment variable (sent as
    ``Authorization: Bearer …``, never printed). *client*, when given, is used as it is
    (its own timeouts); otherwise one is made with *timeout* to connect and to read.
    Raises SyncError, with the base unchanged, when a page stays unreadable, a bound of
    *limits* is reached or *cancel* is set before the merge starts."""
    try:
        parsed = httpx.URL(base_url)
        if parsed.host:
            parsed.host.encode("idna")  # a label too long for DNS: no address at all
    except (httpx.InvalidURL, TypeError, UnicodeError):
        parsed = None
    if parsed is None or parsed.scheme not in ("http", "https") or not parsed.host:
        raise SyncError(
            f"Adresse invalide : « {_redact(base_url)} » (une adresse http:// ou https:// "
            "est attendue)."
        )
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise SyncError(f"La taille de page doit être comprise entre 1 et {MAX_PAGE_SIZE}.")
    if token is None:
        token = os.environ.get(TOKEN_ENV) or None
    own = client is None
    if client is None:
        client = httpx.Client(timeout=httpx.Timeout(timeout))
    fetcher = _Fetcher(
        client,
        base_url,
        token=token,
        page_size=page_size,
        tries=tries,
        backoff=backoff,
        sleep=sleep,
        progress=progress,
        limits=limits or Limits(),
        cancel=cancel,
    )
    report = SyncReport()
    try:
        first_structures = fetcher.first("structures")
        first_services = fetcher.first("services")
        structures = fetcher.rest("structures", first_structures)
        services = fetcher.rest("services", first_services)
        structures, services = _whole_offer(fetcher, structures, services, report)
    finally:
        if own:
            client.close()

    fetcher.check_cancel()  # the last chance to cancel: the merge is one short transaction
    valid_structures, valid_services, report.rejections = validate_records(
        db, _dedupe(structures), _dedupe(services)
    )
    plan = _plan(db, valid_structures, valid_services, report)
    valid_ids = {r["id"] for r in valid_services}
    remote_scores = {
        r["id"]: _score(r) for r in services if isinstance(r, dict) and r.get("id") in valid_ids
    }
    plan.scores = _score_changes(db, remote_scores)
    if plan.structures or plan.added or plan.updated or plan.adopted or plan.scores:
        _apply(db, plan, now())
    return report
