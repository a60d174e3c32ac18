"""The merge rule shared by the synchronisation and the import of files.

An entry that arrives from outside (a data·inclusion API or a file) replaces the local one,
unless the local entry was edited here since it last came from outside: the local version
then stays and the conflict is reported. "Since it last came from outside" is
``services.sync_version``, the version the last sync or import wrote (or, for an entry
never exchanged that way, whether someone created or edited it here: it has a history line
that is not an exchange).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from ressources.history import snapshot_at
from ressources.record import differing

# History actions that are not edits made here.
EXCHANGE_ACTIONS = ("import", "synchronisation")


@dataclass
class SyncConflict:
    """A change from outside not applied: the entry was edited here since the last
    exchange (*depuis*: since what, as the person reads it)."""

    id: str
    fields: list[str]
    depuis: str = field(default="la dernière synchronisation", compare=False)

    def __str__(self) -> str:
        what = ", ".join(self.fields) if self.fields else "plusieurs champs"
        other = "distante" if "synchronisation" in self.depuis else "importée"
        return (
            f"Service {self.id} : modifié ici depuis {self.depuis}, la version "
            f"{other} diffère sur {what} ; la version locale est gardée."
        )


def local_services(db: Database, ids: list[str]) -> dict[str, dict]:
    """What the merge rule needs about the services among *ids* that exist here."""
    out: dict[str, dict] = {}
    exchanges = ",".join(f"'{a}'" for a in EXCHANGE_ACTIONS)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        for row in db.query(
            "SELECT s.id, s.version, s.sync_empreinte, s.sync_version, s.demo, "
            "EXISTS(SELECT 1 FROM historique h WHERE h.service_id = s.id "
            f"AND h.action NOT IN ({exchanges})) AS edite "
            f"FROM services s WHERE s.id IN ({marks})",
            chunk,
        ):
            out[row["id"]] = row
    return out


def edited_here(meta: dict) -> bool:
    """Changed here since the last exchange; an entry never exchanged counts as edited
    when someone created or edited it here (it has a history), not when it was imported."""
    if meta["sync_version"] is None:
        return bool(meta["edite"])
    return meta["version"] > meta["sync_version"]


def conflict(
    db: Database, meta: dict, current: dict, incoming: dict, names, *, depuis: str
) -> SyncConflict | None:
    """The conflict of *incoming* with the local entry *current*, or None when the
    incoming version may replace it (same content, or no local edit since the last
    exchange)."""
    changed = differing(current, incoming, names)
    if not changed or not edited_here(meta):
        return None
    # Never exchanged: its first version is what came in (or was created) here.
    base = snapshot_at(db, meta["id"], meta["sync_version"] or 1)
    outside = differing(base, incoming, changed) if base else []
    return SyncConflict(meta["id"], outside or changed, depuis)
