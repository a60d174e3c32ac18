"""Backups of the base, and putting one back.

A copy made with ``cp`` while people work misses what is still in the ``-wal`` file (or
copies half a transaction). SQLite's online backup API copies a consistent snapshot through
SQLite itself: in WAL mode, writers are not held up while it runs. The copy is a single
self-contained file (rollback journal, no ``-wal``), written only if complete.

Restoring checks the file first (a Binôme base, not from a newer version, integrity
``ok``), keeps a copy of the current base next to it (``….avant-restauration``), then
copies the backup into the live base through the same API, so that other connections see
either the old base or the restored one, never a mix.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from ressources.db import (
    _check_identity,
    _connect_read_only,
    database_path,
    describe_sqlite_error,
    is_disk_full,
)
from ressources.errors import BinomeError, DatabaseError, describe_os_error
from ressources.files import check_target, replacing

BEFORE_RESTORE_SUFFIX = ".avant-restauration"


@dataclass
class Backup:
    path: Path
    octets: int
    services: int


def _copy(source: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of *source* into the (new, empty) file *target*."""
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)  # one step: a consistent snapshot (WAL readers never block)
        dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        dest.commit()
    finally:
        dest.close()


def make_backup(db: Database, target: Path) -> Backup:
    """Copy the base to *target* (a regular file, replaced only once the copy is complete)."""
    target = Path(target)
    base = database_path(db)
    if base and Path(base).resolve() == target.resolve():
        raise BinomeError("La sauvegarde ne peut pas remplacer la base elle-même.")
    try:
        # A copy of personal data: 0600; never over the base's -wal or -shm either.
        with replacing(target, private=True, base=base) as tmp:
            _copy(db.conn, tmp)
    except sqlite3.Error as exc:
        if is_disk_full(exc):
            raise DatabaseError(
                f"Le disque est plein : la sauvegarde {target} n'a pas pu être écrite "
                "(la base n'a pas changé)."
            ) from exc
        raise DatabaseError(describe_sqlite_error(target, exc)) from exc
    services = db.execute("SELECT count(*) FROM services").fetchone()[0]
    return Backup(target, target.stat().st_size, services)


def check_backup(source: Path, migration_sets: Iterable[Migrations]) -> int:
    """Check that *source* is a backup this version can put back (*migration_sets*: every
    set of the base, as for ``open_database``); its number of services."""
    source = Path(source)
    try:
        info = source.lstat()
    except FileNotFoundError:
        raise BinomeError(f"Fichier introuvable : {source}") from None
    except OSError as exc:
        raise BinomeError(f"Impossible de lire {source} : {describe_os_error(exc)}.") from None
    if not stat.S_ISREG(info.st_mode):
        raise BinomeError(f"{source} n'est pas un fichier ordinaire : rien n'a été restauré.")
    conn = None
    try:
        conn = _connect_read_only(source)
        _check_identity(conn, source, list(migration_sets), write=True)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "services" not in tables:
            raise BinomeError(f"{source} n'est pas une sauvegarde Binôme (base vide).")
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if [r[0] for r in result] != ["ok"]:
            raise BinomeError(
                f"La sauvegarde {source} est endommagée (contrôle d'intégrité : "
                f"{result[0][0]}) : rien n'a été restauré."
            )
        return conn.execute("SELECT count(*) FROM services").fetchone()[0]
    except sqlite3.Error as exc:
        raise DatabaseError(describe_sqlite_error(source, exc)) from exc
    finally:
        if conn is not None:
            conn.close()


def restore_backup(
    db: Database, source: Path, migration_sets: Iterable[Migrations]
) -> tuple[int, Path]:
    """Put the backup *source* back into the base of *db* (checked first; the current base
    kept as ``<base>.avant-restauration``). Returns (services restored, that copy's path).
    *db* must be closed by the caller afterwards: its schema may have changed."""
    services = check_backup(source, migration_sets)
    base = Path(database_path(db))
    if Path(source).resolve() == base.resolve():
        raise BinomeError("Ce fichier est la base elle-même : rien à restaurer.")
    keep = base.with_name(base.name + BEFORE_RESTORE_SUFFIX)
    try:
        check_target(keep)
        keep.unlink(missing_ok=True)
        os.close(os.open(keep, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # owner only
        _copy(db.conn, keep)
        src = _connect_read_only(Path(source))
        try:
            src.backup(db.conn)  # through SQLite: other connections see old or new, whole
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise DatabaseError(describe_sqlite_error(base, exc)) from exc
    except OSError as exc:
        raise BinomeError(f"Impossible de restaurer : {describe_os_error(exc)}.") from exc
    return services, keep
