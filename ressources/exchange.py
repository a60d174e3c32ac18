"""Exchange with data·inclusion: import and export of v1 JSON files.

Every record is validated against the national schema (package ``data-inclusion-schema``);
valid records are written in one transaction with their ids preserved, invalid ones are
reported with their id, field and reason. Export writes what import reads, so an exported
file re-imports identically.
"""

from __future__ import annotations

import gc
import json
import math
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple, cast

import pydantic
from data_inclusion.schema.v1 import Service, Structure  # type: ignore[import-untyped]
from pydantic import EmailStr
from sqlite_utils import Database

from ressources.errors import BinomeError
from ressources.fusion import SyncConflict, conflict, local_services
from ressources.gazetteer import Gazetteer
from ressources.history import record_version
from ressources.jsonstream import MAX_DEPTH, DeepRecord, iter_lists
from ressources.record import (
    EXTENSION_KEY,
    RECORD_FIELDS,
    SERVICE_FIELDS,
    STRUCTURE_FIELDS,
    check_extension,
    export_record,
    from_column,
    from_extension,
    local_thematiques,
    read_records,
    schema_field,
    schema_reason,
    sort_sets,
)
from ressources.store import (
    IndexTexts,
    StructurePlace,
    bulk_transaction,
    delete_services,
    service_index_texts,
    write_records,
)
from ressources.text import TooDeep, clean_strings, safe_text
from ressources.thematiques import Thematiques

# How much of a record's id a rejection quotes.
ID_SHOWN = 80


@dataclass
class Rejection:
    kind: str  # "structure" or "service"
    id: str
    field: str
    reason: str
    ligne: int | None = None  # line of a CSV file, when the record came from one

    def __str__(self) -> str:
        label = "Structure" if self.kind == "structure" else "Service"
        line = f" (ligne {self.ligne})" if self.ligne else ""
        where = f", champ « {self.field} »" if self.field else ""
        ident = self.id or "(sans identifiant)"
        if len(ident) > ID_SHOWN:  # a megabyte of id would be a megabyte of message
            ident = f"{ident[: ID_SHOWN - 20]}… ({len(ident)} caractères)"
        text = f"{label} {ident}{line}{where} : {self.reason}"
        return safe_text(text, newlines=False)  # ids and quoted values come from the file


@dataclass
class ImportReport:
    structures: int = 0
    services: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    # Entries edited here since they were last imported or synced: the local version
    # stays (the merge rule of the synchronisation, ressources.fusion).
    conflicts: list[SyncConflict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejections


# -- reading files ---------------------------------------------------------------------------


# -- validation ------------------------------------------------------------------------------

# Bounds of the numbers of a record: beyond them a value is a mistake (or an attack) that
# would break a search near a commune (a non-finite longitude) or SQLite (a 100-bit integer).
_BOUNDS = {
    "longitude": (-180.0, 180.0),
    "latitude": (-90.0, 90.0),
    "volume_horaire_hebdomadaire": (0.0, 168.0),  # hours in a week
    "nombre_semaines": (1, 520),  # ten years
}


def _out_of_bounds(clean: dict) -> list[tuple[str, str]]:
    problems = []
    for name, (low, high) in _BOUNDS.items():
        value = clean.get(name)
        if value is None:
            continue
        if isinstance(value, float) and not math.isfinite(value):
            problems.append((name, "nombre non fini (Infinity ou NaN)"))
        elif not low <= value <= high:
            problems.append((name, f"valeur hors limites (entre {low:g} et {high:g})"))
    return problems


def _too_deep(raw: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether *raw* nests containers deeper than *limit* (walked without recursion)."""
    stack = [(raw, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(value, dict):
            stack += [(v, depth + 1) for v in value.values() if isinstance(v, (dict, list))]
        elif isinstance(value, list):
            stack += [(v, depth + 1) for v in value if isinstance(v, (dict, list))]
    return False


def _clean(model: pydantic.BaseModel, fields: tuple[str, ...]) -> dict:
    data = model.model_dump(mode="json")
    # Our field lists follow the schema's: the dump is then already the record we keep.
    out = data if tuple(data) == fields else {name: data.get(name) for name in fields}
    return sort_sets(out, fields)


class _Validator:
    """Validates records against the national schema, one at a time.

    The schema's e-mail check (IDNA rules, per character) is the slowest part of a record's
    validation and the same address recurs across a structure's services: each distinct
    address is checked once, by the schema's own ``EmailStr``, and the record is validated
    without it — the same verdict, a fraction of the time.
    """

    def __init__(self, thematiques: Thematiques) -> None:
        self.thematiques = thematiques
        self._emails: dict[str, tuple[str | None, Any]] = {}
        self._email_adapter = pydantic.TypeAdapter(EmailStr)

    def _email(self, value: Any) -> tuple[str | None, Any]:
        key = value if isinstance(value, str) else repr(value)
        if key not in self._emails:
            try:
                self._emails[key] = (self._email_adapter.validate_python(value), None)
            except pydantic.ValidationError as exc:
                self._emails[key] = (None, exc.errors()[0])
        return self._emails[key]

    def check(
        self, kind: str, raw: Any, model: type[pydantic.BaseModel], fields: tuple[str, ...]
    ) -> tuple[dict | None, list[Rejection]]:
        record_id = _record_id(raw)
        if isinstance(raw, DeepRecord):
            reason = f"données trop imbriquées (plus de {MAX_DEPTH} niveaux)"
            return None, [Rejection(kind, record_id, "", reason)]
        if not isinstance(raw, dict):
            if isinstance(raw, list) and _too_deep(raw):
                reason = f"données trop imbriquées (plus de {MAX_DEPTH} niveaux)"
                return None, [Rejection(kind, "", "", reason)]
            return None, [Rejection(kind, "", "", "enregistrement qui n'est pas un objet")]
        # Escape sequences and control characters never enter the base: they would reach
        # the terminal of whoever reads the entry. The same walk bounds the nesting.
        try:
            raw = clean_strings(raw, MAX_DEPTH)
        except TooDeep:
            reason = f"données trop imbriquées (plus de {MAX_DEPTH} niveaux)"
            return None, [Rejection(kind, record_id, "", reason)]
        rejections = []
        email = raw.get("courriel")
        normalized = None
        if email is not None:
            normalized, error = self._email(email)
            if error is not None:
                rejections.append(Rejection(kind, record_id, "courriel", schema_reason(error)))
            raw = {**raw, "courriel": None}
        try:
            validated = model.model_validate(raw)
        except pydantic.ValidationError as exc:
            rejections += [
                Rejection(kind, record_id, schema_field(e), schema_reason(e)) for e in exc.errors()
            ]
        except (RecursionError, OverflowError, ValueError):  # pragma: no cover - odd input
            rejections.append(Rejection(kind, record_id, "", "valeur illisible"))
        if not rejections:
            rejections += [
                Rejection(kind, record_id, name, reason)
                for name, reason in _out_of_bounds(validated.__dict__)
            ]
        if rejections:
            return None, rejections
        clean = _clean(validated, fields)
        clean["courriel"] = normalized
        return clean, []

    def validate(self, kind: str, raw: Any) -> tuple[dict | None, list[Rejection]]:
        """A record checked against the schema (and, for a service, Binôme's extension);
        whether its structure exists is the importer's business."""
        if kind == "structure":
            return self.check("structure", raw, Structure, STRUCTURE_FIELDS)
        clean, rejections = self.check("service", raw, Service, SERVICE_FIELDS)
        if clean is None:
            return None, rejections
        problem = check_extension(raw.get(EXTENSION_KEY), self.thematiques)
        if problem:
            return None, [Rejection("service", clean["id"], *problem)]
        ext = raw.get(EXTENSION_KEY)
        if ext:
            clean[EXTENSION_KEY] = ext
        return clean, []


def _record_id(raw: Any) -> str:
    if isinstance(raw, DeepRecord):
        return raw.id
    if isinstance(raw, dict):
        value = raw.get("id")
        return str(value) if value is not None else ""
    return ""


# -- import / export ---------------------------------------------------------------------------


IMPORT_CHUNK = 2000
_SINCE = "le dernier import"


class _Checked(NamedTuple):
    """A record as read from a file, checked against the schema and, for a valid
    service, with the texts it will be indexed under (prepared by the reader process
    when there is one, so that the writing process does not)."""

    id: str
    keyed: bool  # an object with an id, which duplicates are looked for by
    clean: dict | None
    rejections: list[Rejection]
    texts: IndexTexts | None = None


def _check(validator: _Validator, kind: str, raw: Any) -> _Checked:
    record_id = _record_id(raw)
    keyed = isinstance(raw, dict) and bool(record_id)
    clean, rejections = validator.validate(kind, raw)
    if clean is None or kind != "service":
        return _Checked(record_id, keyed, clean, rejections)
    texts = service_index_texts(clean, validator.thematiques)
    return _Checked(record_id, keyed, clean, rejections, texts)


class _Importer:
    """Writes checked records as they come, a chunk at a time, in the caller's
    transaction. An id seen twice is rejected, and its first copy removed again."""

    def __init__(self, db: Database, *, demo: bool) -> None:
        self.db = db
        self.demo = demo
        self.thematiques = Thematiques.from_db(db)
        self.gazetteer = Gazetteer.from_db(db)
        self.validator = _Validator(self.thematiques)
        self.report = ImportReport()
        self.pending: dict[str, list[_Checked]] = {"structure": [], "service": []}
        self.seen: dict[str, set[str]] = {"structure": set(), "service": set()}
        self.written: dict[str, set[str]] = {"structure": set(), "service": set()}
        self.duplicates: dict[str, set[str]] = {"structure": set(), "service": set()}
        self.known_structures: set[str] = set()
        self.places: dict[str, StructurePlace] = {}

    # -- feeding -------------------------------------------------------------------------
    def add(self, kind: str, raw: Any) -> None:
        self.add_checked(kind, _check(self.validator, kind, raw))

    def add_checked(self, kind: str, item: _Checked) -> None:
        if item.keyed:
            if item.id in self.duplicates[kind]:
                return
            if item.id in self.seen[kind]:
                self._duplicate(kind, item.id)
                return
            self.seen[kind].add(item.id)
        if kind == "service" and self.pending["structure"]:
            self._dispatch("structure")  # structures are written before any service
        self.pending[kind].append(item)
        if len(self.pending[kind]) >= IMPORT_CHUNK:
            self._dispatch(kind)

    def flush(self) -> None:
        """Everything received so far written."""
        for kind in ("structure", "service"):
            if self.pending[kind]:
                self._dispatch(kind)

    # -- writing ---------------------------------------------------------------------------
    def _dispatch(self, kind: str) -> None:
        items, self.pending[kind] = self.pending[kind], []
        good = []
        texts: dict[str, IndexTexts] = {}
        for item in items:
            self.report.rejections += item.rejections
            clean = item.clean
            if clean is None or clean["id"] in self.duplicates[kind]:
                continue
            if kind == "service" and not self._structure_exists(clean):
                continue
            good.append(clean)
            if item.texts is not None:
                texts[clean["id"]] = item.texts
        if kind == "structure":
            self.known_structures.update(c["id"] for c in good)
        self._write(kind, good, texts)

    def _structure_exists(self, clean: dict) -> bool:
        structure_id = clean["structure_id"]
        if structure_id in self.known_structures:
            return True
        if self.db.execute("SELECT 1 FROM structures WHERE id = ?", [structure_id]).fetchone():
            self.known_structures.add(structure_id)
            return True
        self.report.rejections.append(
            Rejection(
                "service", clean["id"], "structure_id", f"structure inconnue « {structure_id} »"
            )
        )
        return False

    def _write(self, kind: str, good: list[dict], texts: dict[str, IndexTexts]) -> None:
        if not good:
            return
        # Entries the import changes keep their history, like any other change.
        before = read_records(self.db, [c["id"] for c in good]) if kind == "service" else {}
        if before:
            good = self._merge(good, before)
            if not good:
                return
        pair = (good, []) if kind == "structure" else ([], good)
        counts = write_records(
            self.db,
            *pair,
            demo=self.demo,
            gazetteer=self.gazetteer,
            thematiques=self.thematiques,
            places=self.places,
            texts=texts,
        )
        if before:
            after = read_records(self.db, list(before))
            now = datetime.now()
            for service_id, old in before.items():
                new = after[service_id]
                if new == old:
                    continue  # re-imported as it was: nothing to record
                version = (old["version"] or 1) + 1
                changes = record_version(
                    self.db,
                    service_id,
                    version=version,
                    auteur="import",
                    action="import",
                    before=old,
                    after=new,
                    now=now,
                )
                if changes:
                    self.db.execute(
                        "UPDATE services SET version = ?, modifie_le = ?, modifie_par = "
                        "'import' WHERE id = ?",
                        [version, now.isoformat(timespec="seconds"), service_id],
                    )
        if before:
            # The import is the entry's last exchange: an edit here before it no longer
            # counts against the next sync or import (an entry new here has no history,
            # which counts the same). A changed entry is compared anew at the next sync.
            self.db.conn.executemany(
                "UPDATE services SET sync_version = version, sync_empreinte = CASE "
                "WHEN sync_version = version THEN sync_empreinte END WHERE id = ?",
                [[c["id"]] for c in good if c["id"] in before],
            )
        self.report.structures += counts.structures
        self.report.services += counts.services
        self.written[kind].update(c["id"] for c in good)

    def _merge(self, good: list[dict], before: dict[str, dict]) -> list[dict]:
        """*good* without the entries edited here since their last exchange whose incoming
        version differs: those are reported as conflicts and left as they are."""
        metas = local_services(self.db, list(before))
        kept = []
        for clean in good:
            current = before.get(clean["id"])
            if current is None:
                kept.append(clean)
                continue
            # Compared as it would be written: a file without Binôme's fields resets them
            # (local thématiques from the national ones, no keywords, no partner).
            incoming = {**clean, **from_extension(clean.get(EXTENSION_KEY))}
            incoming["thematiques_locales"] = local_thematiques(clean, self.thematiques)
            found = conflict(
                self.db, metas[clean["id"]], current, incoming, RECORD_FIELDS, depuis=_SINCE
            )
            if found is None:
                kept.append(clean)
            else:
                self.report.conflicts.append(found)
        return kept

    def _duplicate(self, kind: str, record_id: str) -> None:
        self.duplicates[kind].add(record_id)
        self.report.rejections.append(Rejection(kind, record_id, "id", "identifiant en double"))
        self.pending[kind] = [c for c in self.pending[kind] if c.id != record_id]
        if record_id in self.written[kind]:  # already written: take it back
            if kind == "service":
                delete_services(self.db, [record_id])
                self.report.services -= 1
            else:
                self.db.execute("DELETE FROM structures WHERE id = ?", [record_id])
                self.known_structures.discard(record_id)
                self.places.pop(record_id, None)
                self.report.structures -= 1


def validate_records(
    db: Database, structures: Iterable, services: Iterable
) -> tuple[list[dict], list[dict], list[Rejection]]:
    """Check records against the national schema without writing anything: the valid
    structures and services (as ``write_records`` takes them) and a rejection for each
    invalid one. An id met twice is rejected, all its copies left out (as on import)."""
    validator = _Validator(Thematiques.from_db(db))
    rejections: list[Rejection] = []
    valid: dict[str, list[dict]] = {"structure": [], "service": []}
    for kind, records in (("structure", list(structures)), ("service", list(services))):
        counts = Counter(_record_id(r) for r in records if isinstance(r, dict))
        doubled = {i for i, n in counts.items() if i and n > 1}
        for record_id in sorted(doubled):
            rejections.append(Rejection(kind, record_id, "id", "identifiant en double"))
        known = {c["id"] for c in valid["structure"]}
        for raw in records:
            if _record_id(raw) in doubled:
                continue
            clean, problems = validator.validate(kind, raw)
            if clean is not None and kind == "service" and clean["structure_id"] not in known:
                exists = db.execute(
                    "SELECT 1 FROM structures WHERE id = ?", [clean["structure_id"]]
                ).fetchone()
                if not exists:
                    reason = f"structure inconnue « {clean['structure_id']} »"
                    problems = [Rejection("service", clean["id"], "structure_id", reason)]
                    clean = None
            rejections += problems
            if clean is not None:
                valid[kind].append(clean)
    return valid["structure"], valid["service"], rejections


def import_records(
    db: Database, structures: Iterable, services: Iterable, *, demo: bool = False
) -> ImportReport:
    """Validate and write in one transaction: every valid record lands, or (on a crash)
    none does. The records may come from iterators: structures are all read first."""
    importer = _Importer(db, demo=demo)
    with bulk_transaction(db):
        for raw in structures:
            importer.add("structure", raw)
        importer.flush()
        for raw in services:
            importer.add("service", raw)
        importer.flush()
    return importer.report


# Below this size, reading a file costs less than starting a process to read it.
READER_PROCESS_MIN_BYTES = 20_000_000


def import_files(
    db: Database,
    paths: list[Path],
    *,
    demo: bool = False,
    reader_process: bool | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import data·inclusion files record by record, so memory stays small whatever their
    size. Structures must be written before their services: services met before the last
    file's structures are read again in a second pass.

    Large files are read and checked against the schema in a second process while this
    one writes (*reader_process*: force it on or off): on two cores an import of 100,000
    services then takes two thirds of the time.

    *progress*, when given, is called now and then with the bytes read and to read.
    """
    importer = _Importer(db, demo=demo)
    if reader_process is None:
        reader_process = bool(sys.executable) and _size(paths) >= READER_PROCESS_MIN_BYTES
    if reader_process:
        events = _checked_in_reader_process(paths, importer.thematiques)
    else:
        events = _checked_here(paths, importer.validator)
    total = 0
    with closing(events), bulk_transaction(db), _collector_paused():
        for kind, item in events:
            if kind == "progress":
                done, total = cast(tuple[int, int], item)  # (bytes read, to read)
                if progress is not None:
                    # 100 % once written and committed, not when the last byte is read: the
                    # last records and the commit took seconds on a bar already full.
                    progress(min(done, max(total - 1, 0)), total)
            elif item is None:
                importer.flush()
            else:
                importer.add_checked(kind, item)
    if progress is not None and total:
        progress(total, total)
    return importer.report


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while records stream through: an import makes
    millions of short-lived objects and no cycles, and each collection walked the whole
    heap (the collector took two thirds of the time spent receiving checked records)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _size(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        with suppress(OSError):  # an unreadable file is reported in French when opened
            total += path.stat().st_size
    return total


_FLUSH = ("flush", None)


# Records read between two ("progress", (bytes read, bytes to read)) events.
PROGRESS_EVERY = 1000


def _read_events(paths: list[Path]) -> Iterator[tuple[str, Any]]:
    """("structure" | "service", raw record) in the order they are to be written, and
    ("flush", None) where everything read so far must be written; ("progress", (bytes
    read, bytes to read)) now and then (a file read twice counts twice)."""
    wanted = {"structures", "services"}
    deferred: list[Path] = []
    total = _size(paths)
    finished = 0
    read = [0]
    for index, path in enumerate(paths):
        last = index == len(paths) - 1
        structures_seen = False
        bare_kind = None
        deferred_here = False
        for number, (key, raw) in enumerate(iter_lists(path, wanted, read=read)):
            if number % PROGRESS_EVERY == 0:
                yield "progress", (finished + read[0], total)
            if key == "":
                if bare_kind is None:
                    services = isinstance(raw, dict) and "structure_id" in raw
                    bare_kind = "services" if services else "structures"
                key = bare_kind
            if key == "structures":
                structures_seen = True
                yield "structure", raw
            elif last and (structures_seen or bare_kind == "services"):
                yield "service", raw
            else:
                deferred_here = True
        if deferred_here:
            deferred.append(path)
            total += _size([path])
        finished += _size([path])
        read[0] = 0
        yield "progress", (finished, total)
    yield _FLUSH
    for path in deferred:
        for number, (key, raw) in enumerate(iter_lists(path, wanted, read=read)):
            if number % PROGRESS_EVERY == 0:
                yield "progress", (finished + read[0], total)
            if key == "services" or (key == "" and isinstance(raw, dict) and "structure_id" in raw):
                yield "service", raw
        finished += _size([path])
        read[0] = 0
        yield "progress", (finished, total)
    yield _FLUSH


def _checked_here(
    paths: list[Path], validator: _Validator
) -> Generator[tuple[str, _Checked | None], None, None]:
    for kind, raw in _read_events(paths):
        yield kind, (raw if kind in ("flush", "progress") else _check(validator, kind, raw))


_BATCH = 500


def reader_process_main() -> None:
    """The reader process: paths and thématiques come pickled on stdin; batches of checked
    records go out on stdout as frames, then ("done", None) — or ("error", message)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the importing process
    gc.disable()  # a short-lived process that makes no cycles: see _collector_paused
    out = sys.stdout.buffer

    def send(message: tuple[str, Any]) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(len(data).to_bytes(8, "little"))
        out.write(data)

    try:
        try:
            paths, thematiques = pickle.load(sys.stdin.buffer)
            batch: list = []
            for event in _checked_here(paths, _Validator(thematiques)):
                batch.append(event)
                if len(batch) >= _BATCH:
                    send(("batch", batch))
                    batch = []
            send(("batch", batch))
            send(("done", None))
        except BinomeError as exc:
            send(("error", str(exc)))
        except Exception as exc:  # any other failure: reported in French by the importer
            send(("crash", f"{type(exc).__name__} : {exc}"))
        out.flush()
    except BrokenPipeError:
        pass  # the importing process has stopped reading: nothing left to tell it


_FRAMES_AHEAD = 16  # batches read ahead of the writer: memory stays bounded
_READER_CODE = "from ressources.exchange import reader_process_main as m; m()"


def _checked_in_reader_process(
    paths: list[Path], thematiques: Thematiques
) -> Generator[tuple[str, _Checked | None], None, None]:
    # A plain subprocess rather than multiprocessing: nothing of the importing program
    # (its main module, its threads, its database connection) is re-run or inherited.
    package_root = str(Path(__file__).resolve().parents[1])
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p),
    }
    process = subprocess.Popen(
        [sys.executable, "-c", _READER_CODE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert process.stdin is not None and process.stdout is not None
    stdout = process.stdout
    # A pipe holds 64 KB: without a thread emptying it, the reader could never get more
    # than a few dozen records ahead of the writer, and the two would take turns.
    frames: queue.Queue[bytes | None] = queue.Queue(maxsize=_FRAMES_AHEAD)
    stopping = threading.Event()

    def hand_over(frame: bytes | None) -> None:
        while not stopping.is_set():
            try:
                frames.put(frame, timeout=0.2)
                return
            except queue.Full:
                continue

    def pump() -> None:
        try:
            while not stopping.is_set():
                header = stdout.read(8)
                if len(header) < 8:
                    break
                size = int.from_bytes(header, "little")
                frame = stdout.read(size)
                if len(frame) < size:
                    break  # cut short: the reader died while writing
                hand_over(frame)
        finally:
            hand_over(None)  # the end, expected or not

    thread = threading.Thread(target=pump, name="binome-import-reader", daemon=True)
    thread.start()
    try:
        with suppress(BrokenPipeError):  # if it ended at once, that is told below
            pickle.dump((paths, thematiques), process.stdin)
            process.stdin.close()
        while True:
            frame = frames.get()
            if frame is None:
                process.wait()
                raise BinomeError(
                    "La lecture des fichiers s'est arrêtée avant la fin "
                    f"(code {process.returncode}) : rien n'a été importé."
                )
            message, payload = pickle.loads(frame)
            if message == "batch":
                yield from payload
            elif message == "done":
                return
            elif message == "error":
                raise BinomeError(payload)
            else:
                raise BinomeError(f"Erreur inattendue pendant la lecture des fichiers : {payload}")
    finally:
        stopping.set()
        if process.poll() is None:
            process.kill()
        process.wait()
        thread.join(timeout=5)
        stdout.close()


def export_services(db: Database, *, include_archived: bool = False) -> Iterator[dict]:
    """The services as data·inclusion v1 records, Binôme's fields under ``binome``, one at
    a time (a cursor: memory holds one row, whatever the base's size)."""
    where = "" if include_archived else "WHERE archive = 0"
    cursor = db.conn.execute(f"SELECT * FROM services {where} ORDER BY id")
    names = [d[0] for d in cursor.description]
    for values in cursor:
        yield export_record(dict(zip(names, values, strict=True)))


def export_structures(db: Database) -> Iterator[dict]:
    """Every structure, those without an active service included (a structure is kept
    in the base whatever its services: an export must not lose it)."""
    cursor = db.conn.execute("SELECT * FROM structures ORDER BY id")
    names = [d[0] for d in cursor.description]
    for values in cursor:
        row = dict(zip(names, values, strict=True))
        yield {f: from_column(f, row[f]) for f in STRUCTURE_FIELDS}


def export_payload(db: Database, *, include_archived: bool = False) -> dict:
    """The base as a data·inclusion v1 document (in memory: for small bases and tests;
    ``export_file`` streams)."""
    return {
        "structures": list(export_structures(db)),
        "services": list(export_services(db, include_archived=include_archived)),
    }


def export_count(db: Database) -> int:
    """How many records an export writes (structures and active services): a progress
    bar's total."""
    return sum(
        db.execute(query).fetchone()[0]
        for query in (
            "SELECT count(*) FROM structures",
            "SELECT count(*) FROM services WHERE archive = 0",
        )
    )


# Records written between two calls of an export's progress callback.
EXPORT_PROGRESS_EVERY = 500


def export_file(
    db: Database, path: Path, *, progress: Callable[[int, int], None] | None = None
) -> tuple[int, int]:
    """Write the base to *path* as data·inclusion v1 JSON, record by record; only a
    regular file is written, and only once complete. Returns (structures, services).
    *progress*, when given, is called now and then with the records written and to write."""
    from ressources.db import database_path
    from ressources.files import regular_file

    total = export_count(db) if progress is not None else 0
    counts = [0, 0]
    with regular_file(path, base=database_path(db)) as stream:
        for index, (key, records) in enumerate(
            (("structures", export_structures(db)), ("services", export_services(db)))
        ):
            stream.write("{\n" if index == 0 else ",\n")
            stream.write(f' "{key}": [')
            for number, record in enumerate(records):
                stream.write(",\n  " if number else "\n  ")
                stream.write(json.dumps(record, ensure_ascii=False))
                counts[index] += 1
                if progress is not None and number % EXPORT_PROGRESS_EVERY == 0:
                    progress(sum(counts), total)
            stream.write("\n ]")
        stream.write("\n}\n")
    if progress is not None:
        progress(sum(counts), total)
    return counts[0], counts[1]
