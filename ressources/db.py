"""Opening the one SQLite file Binôme keeps everything in.

Every connection gets the same settings (WAL, foreign keys, busy timeout) and every schema
change goes through numbered migrations, applied when the file is opened, so a file made by
an earlier version upgrades in place. This module knows no table: the caller names the
migration sets (:mod:`caseload.database` opens the base of the whole app) and the derived
data to keep current (:class:`Upkeep`: the search index).
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import platformdirs
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from ressources.errors import DatabaseBusy, DatabaseError, describe_os_error

ENV_VAR = "BINOME_DB"
BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 64 * 1024
# ``PRAGMA application_id`` of every Binôme base ("Bin\xf4" in ASCII-ish: 0x42696EF4): a
# SQLite file with tables and another mark (or none, and no Binôme migration) belongs to
# another application and is never written to.
APPLICATION_ID = 0x42696EF4
# ``PRAGMA user_version``: the generation of the file format. A later Binôme that changes
# the format so that this one must not write to it raises the number.
SCHEMA_VERSION = 1
_MIGRATIONS_TABLE = "_sqlite_migrations"


def default_db_path() -> Path:
    """``$BINOME_DB`` if set, else ``binome.db`` in the user's data directory (XDG on Linux)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("binome", appauthor=False)) / "binome.db"


def _connect(path: Path) -> sqlite3.Connection:
    # check_same_thread=False: the terminal app searches from a worker thread; the search
    # engine serialises its own use of the connection with a lock.
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # SQLite's default page cache (2 MB) is smaller than the indexes of a base of 100,000
    # services: inserts then spend their time re-reading pages. Pages are cached as they are
    # read, so a small base never uses this much.
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    return conn


def _use_wal(conn: sqlite3.Connection) -> None:
    # Only once the file is known to be Binôme's: switching the journal writes its header.
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
    if mode is None:
        raise sqlite3.DatabaseError("journal_mode")


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes: for a base whose file or folder is not writable.
    A WAL base needs its ``-shm`` file; in a folder where it cannot be made, the file is
    read as immutable (nobody can be writing to it there either)."""
    uri = path.resolve().as_uri()
    for mode in ("mode=ro", "immutable=1"):
        conn = sqlite3.connect(
            f"{uri}?{mode}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            conn.close()
            if mode == "immutable=1":
                raise
            continue
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA query_only = ON")
        return conn
    raise sqlite3.OperationalError("unable to open database file")  # pragma: no cover


def is_read_only(path: Path) -> bool:
    """Whether the existing base at *path* can only be read (file or folder not writable)."""
    try:
        if not path.exists():
            return False
        writable_dir = os.access(path.parent, os.W_OK | os.X_OK)
        return not os.access(path, os.W_OK) or not writable_dir
    except OSError:
        return False


def _check_identity(
    conn: sqlite3.Connection, path: Path, migration_sets: list[Migrations], *, write: bool
) -> None:
    """Refuse a file that is not a Binôme base, or one from a newer Binôme."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = {
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'sqlite_%'"
        )
    }
    applied: set[tuple[str, str]] = set()
    if _MIGRATIONS_TABLE in tables:
        applied = {
            (row[0], row[1])
            for row in conn.execute(
                f"SELECT migration_set, name FROM {_MIGRATIONS_TABLE} "
                "WHERE migration_set LIKE 'binome.%'"
            )
        }
    ours = app_id == APPLICATION_ID or (app_id == 0 and (applied or not tables))
    if not ours:
        raise DatabaseError(
            f"Le fichier {path} est une base SQLite d'une autre application : Binôme ne "
            "l'ouvre pas et n'y écrit rien. Indiquez le fichier de la base Binôme (--db)."
        )
    known_sets = {m.name: {x.name for x in m._migrations} for m in migration_sets}
    unknown = sorted(
        name
        for set_name, name in applied
        if set_name in known_sets and name not in known_sets[set_name]
    )
    marker = conn.execute("PRAGMA user_version").fetchone()[0]
    if unknown or marker > SCHEMA_VERSION:
        what = (
            f"migrations inconnues : {', '.join(unknown)}"
            if unknown
            else (f"format {marker}, cette version connaît le format {SCHEMA_VERSION}")
        )
        raise DatabaseError(
            f"La base {path} vient d'une version plus récente de Binôme ({what}). "
            "Mettez Binôme à jour pour l'utiliser : cette version ne l'ouvre pas, "
            "pour ne pas l'abîmer."
        )
    if not write:
        pending = [
            name
            for set_name, names in known_sets.items()
            for name in names
            if (set_name, name) not in applied
        ]
        if pending or not tables:
            raise DatabaseError(
                f"La base {path} est en lecture seule et doit d'abord être créée ou mise à "
                "jour : lancez Binôme une fois avec les droits d'écriture sur ce fichier."
            )


def _create_private(db_path: Path) -> None:
    """Create the base's folder (0700) and file (0600) if they are missing: the base holds
    personal data, which no other account of the machine may read. SQLite gives its -wal and
    -shm files the mode of the base."""
    if not db_path.parent.exists():
        db_path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
    if not db_path.exists():
        with contextlib.suppress(FileExistsError):  # another process was first
            os.close(os.open(db_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def is_disk_full(exc: sqlite3.Error) -> bool:
    """Whether SQLite failed for want of room on the disk."""
    text = str(exc).lower()
    return "disk" in text and "full" in text


def describe_sqlite_error(path: Path | str, exc: sqlite3.Error) -> str:
    """A French sentence for a SQLite failure on *path*."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return f"La base {path} est verrouillée par un autre programme ; réessayez dans un instant."
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return (
            f"Le fichier {path} n'est pas une base Binôme lisible "
            "(fichier endommagé ou d'un autre type)."
        )
    if "readonly" in text or "read-only" in text:
        return f"La base {path} est en lecture seule : impossible d'y enregistrer."
    if "unable to open" in text:
        return f"Impossible d'ouvrir la base {path} (dossier absent ou droits insuffisants)."
    if is_disk_full(exc):
        return f"Le disque est plein : la base {path} n'a pas pu être modifiée."
    if "disk i/o" in text:
        return f"Erreur de lecture ou d'écriture du disque sur la base {path}."
    if "no such table" in text or "no such column" in text:
        return (
            f"La base {path} est incomplète ou d'un format inattendu : lancez « binome init » "
            "ou restaurez une sauvegarde."
        )
    if "too big" in text or "too large" in text:
        return f"Une donnée est trop grande pour la base {path}."
    if "interrupt" in text:
        return f"Opération interrompue sur la base {path} : rien n'a été enregistré."
    return f"Erreur de la base {path} ({exc})."


@dataclass(frozen=True)
class Upkeep:
    """Data derived from the tables (the search index): *stale* says whether it must be
    rebuilt (a migration marked it so, or this version computes it differently); *rebuild*
    rebuilds it, after the migrations, in their transaction."""

    stale: Callable[[Database], bool]
    rebuild: Callable[[Database], object]


def _stale(db: Database, upkeep: Sequence[Upkeep]) -> bool:
    try:
        return any(u.stale(db) for u in upkeep)
    except sqlite3.OperationalError:  # a new file: its tables are still to be made
        return False


def open_database(
    path: Path | str | None = None,
    *,
    migration_sets: Sequence[Migrations],
    upkeep: Sequence[Upkeep] = (),
    seed: Callable[[Database], object] | None = None,
    read_only: bool | None = None,
) -> Database:
    """Open (creating if needed) the database at *path* and apply pending migrations.

    *migration_sets*: every set of the base, in the order they apply (the ressources
    tables, then the caseload's). *upkeep*: derived data rebuilt after the migrations
    when stale. *seed*, when given, fills the base in the same transaction as the
    migrations: a first run killed midway leaves an empty file, which the next start
    creates again.
    *read_only* (default: when the file or its folder is not writable) opens the base
    without writing to it (no migration, no seeding): it can then be searched.
    Raises :class:`DatabaseError` with a French message when the file is unusable (another
    application's SQLite file, a base from a newer Binôme, a folder…).
    """
    sets = list(migration_sets)
    db_path = Path(path).expanduser() if path is not None else default_db_path()
    try:
        if db_path.is_dir():
            raise DatabaseError(f"{db_path} est un dossier, pas un fichier de base de données.")
        if read_only is None:
            read_only = is_read_only(db_path)
        if not read_only:
            for folder in (db_path.parent, *db_path.parent.parents):
                if folder.exists():
                    if not folder.is_dir():
                        raise DatabaseError(
                            f"Impossible d'utiliser {db_path} : {folder} n'est pas un dossier."
                        )
                    break
            _create_private(db_path)
    except OSError as exc:
        raise DatabaseError(
            f"Impossible d'utiliser le dossier {db_path.parent} : {describe_os_error(exc)}."
        ) from exc
    conn = None
    try:
        if read_only:
            conn = _connect_read_only(db_path)
            _check_identity(conn, db_path, sets, write=False)
            return Database(conn)
        conn = _connect(db_path)
        _check_identity(conn, db_path, sets, write=True)
        _use_wal(conn)
        db = Database(conn)
        if any(m.pending(db) for m in sets) or seed is not None or _stale(db, upkeep):
            # Foreign keys off while the schema changes, checked before committing: a
            # migration may rebuild a table others reference (SQLite's documented way),
            # and SQLite ignores this pragma inside a transaction.
            conn.execute("PRAGMA foreign_keys = OFF")
            try:
                with db.atomic():
                    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    for migration_set in sets:
                        migration_set.apply(db)
                    for derived in upkeep:
                        if derived.stale(db):
                            derived.rebuild(db)
                    if seed is not None:
                        seed(db)
                    if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
                        raise sqlite3.IntegrityError("FOREIGN KEY constraint failed")
            finally:
                conn.execute("PRAGMA foreign_keys = ON")
    except DatabaseError:
        if conn is not None:
            conn.close()
        raise
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise DatabaseError(describe_sqlite_error(db_path, exc)) from exc
    except OSError as exc:
        if conn is not None:
            conn.close()
        raise DatabaseError(
            f"Impossible d'ouvrir la base {db_path} : {describe_os_error(exc)}."
        ) from exc
    return db


def database_path(db: Database) -> str:
    """The file behind *db* (empty for an in-memory database)."""
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] if row else ""


def select_rows(db: Database, sql: str, params: list) -> list[dict]:
    """Rows as dicts, read straight from the connection: sqlite-utils' ``db.query`` opens
    a savepoint per call, which grows costly inside a large transaction (2 s of an import
    of 100,000 services)."""
    cursor = db.conn.execute(sql, params)
    keys = [d[0] for d in cursor.description]
    return [dict(zip(keys, row, strict=True)) for row in cursor]


def get_meta(db: Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_meta(db: Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def change_stamp(db: Database) -> tuple[int, int]:
    """A value that moves whenever the base is written, by this connection (its count of
    changed rows) or by another person's (SQLite's ``data_version``): a list compares it
    with the one it was loaded at instead of reading everything again on each visit."""
    (other,) = db.execute("PRAGMA data_version").fetchone()
    return (db.conn.total_changes, other)


# -- writes on a shared base ----------------------------------------------------------------------
# How long a write waits for a busy base (another person saving, an import) before the person
# is told, in French, to try again. Bounded: a screen must never hang. $BINOME_ATTENTE_MAX
# (seconds) overrides it, for a slow shared disk or for tests.
RETRY_SECONDS = 15.0
RETRY_ENV_VAR = "BINOME_ATTENTE_MAX"
_FIRST_DELAY = 0.02
_MAX_DELAY = 1.0
# Each attempt lets SQLite's own busy handler wait this long at most, so that the backoff
# (with jitter: many writers must not retry in lockstep) is ours and the total stays bounded.
_ATTEMPT_MS = 1000


def is_busy(exc: BaseException) -> bool:
    """Whether *exc* is SQLite's "database is locked" / busy (worth retrying)."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return True
    text = str(exc).lower()
    return "locked" in text or "busy" in text


# A caller that retries by itself (a screen, which must never freeze while it waits) lets
# each write wait this long at most: see :func:`single_attempt`.
_ATTEMPT_SECONDS: ContextVar[float | None] = ContextVar("binome_attempt_seconds", default=None)


@contextmanager
def single_attempt(seconds: float) -> Iterator[None]:
    """Writes in this block wait *seconds* at most for a busy base, then raise
    :class:`DatabaseBusy`, instead of the whole retry budget: the caller tries again later
    (``tui.busy``), with the budget of :func:`retry_budget` as its own bound."""
    token = _ATTEMPT_SECONDS.set(seconds)
    try:
        yield
    finally:
        _ATTEMPT_SECONDS.reset(token)


def retry_budget() -> float:
    """How long a write waits for a busy base before it is told, in French."""
    attempt = _ATTEMPT_SECONDS.get()
    if attempt is not None:
        return attempt
    return total_retry_budget()


def total_retry_budget() -> float:
    """The whole budget (:data:`RETRY_SECONDS`, or $BINOME_ATTENTE_MAX)."""
    value = os.environ.get(RETRY_ENV_VAR)
    if value:
        try:
            seconds = float(value)
        except ValueError:
            return RETRY_SECONDS
        if 0 <= seconds <= 3600:  # NaN and absurd values fall back to the default
            return seconds
    return RETRY_SECONDS


def _begin_waiting(db: Database, budget: float) -> None:
    """``BEGIN IMMEDIATE``, tried again with backoff while the base is busy, for *budget*
    seconds at most: SQLite's busy handler alone is not fair, and a long job (an import)
    could lose the lock to a stream of short saves until its 5 s ran out."""
    deadline = time.monotonic() + budget
    delay = _FIRST_DELAY
    while True:
        remaining = deadline - time.monotonic()
        db.conn.execute(
            f"PRAGMA busy_timeout = {int(max(1.0, min(remaining * 1000, _ATTEMPT_MS)))}"
        )
        try:
            db.conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            remaining = deadline - time.monotonic()
            if not is_busy(exc) or remaining <= 0:
                if is_busy(exc):
                    raise DatabaseBusy(describe_sqlite_error(database_path(db), exc)) from None
                raise
            time.sleep(min(remaining, random.uniform(delay / 2, delay)))
            delay = min(delay * 2, _MAX_DELAY)
        finally:
            db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


@contextmanager
def write_transaction(db: Database, *, wait: bool = False) -> Iterator[Database]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``: the write lock is taken before anything is read, so
    what the block reads is still true when it writes (compare-and-set). Inside an open
    transaction it is a savepoint of it. With *wait*, a busy base is waited for with
    backoff for the retry budget (:func:`retry_budget`), then :class:`DatabaseBusy`: for a
    block too long to be run again by :func:`retrying`, such as an import."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    if wait:
        _begin_waiting(db, retry_budget())
    else:
        db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    try:
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise


T = TypeVar("T")


def retrying(db: Database, fn: Callable[[], T], *, budget: float | None = None) -> T:
    """Run *fn* in one write transaction (:func:`write_transaction`); while the base is busy,
    roll back and run it again after an exponential backoff with jitter, for *budget* seconds
    at most (default :data:`RETRY_SECONDS`), then raise :class:`DatabaseBusy` in French. Any
    other SQLite failure becomes a :class:`DatabaseError` in French.

    *fn* must read what it needs itself (it may run several times). Called inside an open
    transaction, *fn* runs once in it: the outer transaction's own retry covers it.
    """
    if db.conn.in_transaction:
        with db.atomic():
            return fn()
    budget = retry_budget() if budget is None else budget
    deadline = time.monotonic() + budget
    delay = _FIRST_DELAY
    while True:
        remaining = deadline - time.monotonic()
        wait_ms = int(max(1.0, min(remaining * 1000, _ATTEMPT_MS)))
        db.conn.execute(f"PRAGMA busy_timeout = {wait_ms}")
        try:
            with write_transaction(db):
                return fn()
        except sqlite3.Error as exc:
            if not is_busy(exc):
                # A full disk, a read-only file…: one French sentence, never SQLite's text
                # alone (and never a traceback in a screen).
                raise DatabaseError(describe_sqlite_error(database_path(db), exc)) from exc
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                # No chaining: the person gets one sentence; the SQLite text adds nothing.
                raise DatabaseBusy(describe_sqlite_error(database_path(db), exc)) from None
            time.sleep(min(remaining, random.uniform(delay / 2, delay)))
            delay = min(delay * 2, _MAX_DELAY)
        finally:
            db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
