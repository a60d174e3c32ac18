"""The history of an entry: every version of a service, who wrote it and what changed.

Written by the edits (:mod:`ressources.edition`), the imports (:mod:`ressources.exchange`)
and the synchronisation (:mod:`ressources.sync`); read to restore a version and by the
merge rule (:mod:`ressources.fusion`). Runs in the caller's transaction.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlite_utils import Database

from ressources.record import FIELDS

# What a version's snapshot holds: every field of the record, and whether it was archived.
_KEPT = (*FIELDS, "archive")


def snapshot(record: dict) -> dict:
    """What a history line keeps of *record*."""
    return {k: record.get(k) for k in _KEPT}


def diff(before: dict, after: dict) -> dict[str, list]:
    """field → [before, after], for the fields that differ."""
    return {k: [before.get(k), after.get(k)] for k in _KEPT if before.get(k) != after.get(k)}


def write_line(
    db: Database,
    service_id: str,
    version: int,
    auteur: str | None,
    action: str,
    changes: dict,
    state: dict,
    now: datetime,
) -> None:
    """One line of history: *version* of the service, its *changes* and the *state* it
    is in (restorable)."""
    db.execute(
        "INSERT INTO historique(service_id, version, date, auteur, action, changements, "
        "instantane) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            service_id,
            version,
            now.isoformat(timespec="seconds"),
            auteur,
            action,
            json.dumps(changes, ensure_ascii=False),
            json.dumps(state, ensure_ascii=False),
        ],
    )


def record_version(
    db: Database,
    service_id: str,
    *,
    version: int,
    auteur: str | None,
    action: str,
    before: dict,
    after: dict,
    now: datetime,
) -> dict[str, list]:
    """Record *version* of a service written by an import or a synchronisation: the
    changes from *before* to *after* (records as ``read_records`` returns them; ``{}``
    for a new entry) and a snapshot of *after*, restorable like any other. Returns the
    changes."""
    changes = diff(before, after)
    write_line(db, service_id, version, auteur, action, changes, snapshot(after), now)
    return changes


def snapshot_at(db: Database, service_id: str, version: int) -> dict | None:
    """The recorded state of a service at *version* (None when that version has no
    history line)."""
    row = db.execute(
        "SELECT instantane FROM historique WHERE service_id = ? AND version = ? "
        "ORDER BY id DESC LIMIT 1",
        [service_id, version],
    ).fetchone()
    return json.loads(row[0]) if row else None
