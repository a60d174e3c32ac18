"""Opening the one SQLite file Binôme keeps everything in.

Every connection gets the same settings (WAL, foreign keys, busy timeout) and every schema
change goes through the numbered migrations of :mod:`ressources.migrations`, applied when the
file is opened, so a file made by an earlier version upgrades in place.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import platformdirs
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from ressources.errors import DatabaseError

ENV_VAR = "BINOME_DB"
BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 64 * 1024


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
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
    if mode is None:
        raise sqlite3.DatabaseError("journal_mode")
    return conn


def _create_private(db_path: Path) -> None:
    """Create the base's folder (0700) and file (0600) if they are missing: the base holds
    personal data, which no other account of the machine may read. SQLite gives its -wal and
    -shm files the mode of the base."""
    if not db_path.parent.exists():
        db_path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
    if not db_path.exists():
        with contextlib.suppress(FileExistsError):  # another process was first
            os.close(os.open(db_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


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
    if "disk" in text and "full" in text:
        return f"Le disque est plein : la base {path} n'a pas pu être modifiée."
    return f"Erreur de la base {path} : {exc}"


def open_database(
    path: Path | str | None = None,
    *,
    migration_sets: Iterable[Migrations] = (),
) -> Database:
    """Open (creating if needed) the database at *path* and apply pending migrations.

    *migration_sets* lets the caseload add its own tables after the ressources ones.
    Raises :class:`DatabaseError` with a French message when the file is unusable.
    """
    from ressources.migrations import migrations as ressources_migrations

    db_path = Path(path).expanduser() if path is not None else default_db_path()
    if db_path.is_dir():
        raise DatabaseError(f"{db_path} est un dossier, pas un fichier de base de données.")
    try:
        _create_private(db_path)
    except OSError as exc:
        raise DatabaseError(
            f"Impossible de créer la base {db_path} : {exc.strerror or exc}."
        ) from exc
    try:
        conn = _connect(db_path)
        db = Database(conn)
        for migration_set in (ressources_migrations, *migration_sets):
            migration_set.apply(db)
    except sqlite3.Error as exc:
        raise DatabaseError(describe_sqlite_error(db_path, exc)) from exc
    return db


def database_path(db: Database) -> str:
    """The file behind *db* (empty for an in-memory database)."""
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] if row else ""


def get_meta(db: Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_meta(db: Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )
