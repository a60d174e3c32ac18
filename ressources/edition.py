"""Partners keep the base alive: ownership, editing, archiving, history and yearly review.

« Chaque partenaire mettra à jour cette base de ressources en lien avec son champ
d’expertise » (convention, annexe 1, axe 1). Every change is kept (who, when, which
fields, old and new values); an earlier version can be restored in one action, itself
recorded; two people editing the same entry cannot overwrite each other silently.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol

import pydantic
from data_inclusion.schema.v1 import Service  # type: ignore[import-untyped]
from sqlite_utils import Database

from ressources.db import retrying
from ressources.errors import AccessDenied, BinomeError, EditConflict, InvalidFields
from ressources.gazetteer import Gazetteer
from ressources.history import diff, snapshot, snapshot_at, write_line
from ressources.models import as_list
from ressources.record import (
    EDITABLE,
    EXTENSION_KEY,
    LOCAL_FIELDS,
    SERVICE_FIELDS,
    comparable,
    local_problems,
    read_records,
    schema_field,
    schema_reason,
    sort_sets,
    to_extension,
)
from ressources.store import reindex_services, write_records
from ressources.text import clean_strings, fold
from ressources.thematiques import Thematiques

# The yearly review: « à actualiser » after 12 months without confirmation, announced 30
# days before (issue « Partners keep the base alive », Yearly review).
REVIEW_MONTHS = 12
REVIEW_NOTICE_DAYS = 30
# The yearly review reads dates written AAAA-MM-JJ only (review_due, _todo_where).
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class Actor(Protocol):
    """Who acts: any object with these attributes (the caseload's Profil is one). Read-only
    members, so that a frozen dataclass such as Profil matches."""

    @property
    def id(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def partenaire(self) -> str | None: ...


@dataclass
class Version:
    version: int
    date: str
    auteur: str | None
    action: str
    changements: dict[str, list]


@dataclass
class Partenaire:
    slug: str
    nom: str
    type: str
    thematiques: list[str] = field(default_factory=list)


# -- partners and permissions -------------------------------------------------------------------
def partenaires(db: Database) -> list[Partenaire]:
    return [
        Partenaire(r["slug"], r["nom"], r["type"], json.loads(r["thematiques"]))
        for r in db.query("SELECT * FROM partenaires ORDER BY nom")
    ]


def partenaire(db: Database, slug: str | None) -> Partenaire | None:
    if not slug:
        return None
    rows = list(db.query("SELECT * FROM partenaires WHERE slug = ?", [slug]))
    return (
        Partenaire(
            rows[0]["slug"], rows[0]["nom"], rows[0]["type"], json.loads(rows[0]["thematiques"])
        )
        if rows
        else None
    )


# Who keeps entries of the base: each partner's own people, in its thématiques (« Chaque
# partenaire mettra à jour cette base de ressources en lien avec son champ d'expertise »,
# annexe 1, axe 1) — an ASS or a responsable for her MDS, partners' staff for theirs, a
# France Travail conseiller for France Travail's; an administrateur for every partner.
EDITOR_ROLES = ("ass", "responsable", "partenaire", "conseiller", "administrateur")


def may_edit(db: Database, actor: Actor, record: dict) -> bool:
    """Whether *acteur* may create, edit, archive or confirm *record* (see EDITOR_ROLES):
    a person edits the entries of their own partner, in its thématiques; an administrateur
    edits everything; anyone else reads and reports errors."""
    return edit_refusal(db, actor, record) is None


def edit_refusal(db: Database, actor: Actor | None, record: dict) -> str | None:
    """Why *acteur* may not edit *record*, in French (None: they may): the rule of
    :func:`may_edit`, said to the person who pressed the key."""
    if actor is None:
        return "Modifier une fiche demande un profil."
    if actor.role == "administrateur":
        return None
    if actor.role not in EDITOR_ROLES or not actor.partenaire:
        return (
            "Votre profil n'est rattaché à aucun partenaire : il consulte la base et "
            "signale les erreurs au partenaire qui tient chaque fiche."
        )
    if record.get("partenaire") != actor.partenaire:
        owner = partenaire(db, record.get("partenaire"))
        if owner is None:
            return (
                "Cette fiche n'est tenue par aucun partenaire : seul un administrateur "
                "peut la modifier."
            )
        return (
            f"Cette fiche appartient à {owner.nom} : seul ce partenaire peut la modifier "
            "(vous pouvez lui signaler une erreur)."
        )
    owner = partenaire(db, actor.partenaire)
    allowed = set(owner.thematiques) if owner else set()
    outside = sorted(set(as_list(record.get("thematiques_locales"))) - allowed)
    if outside:
        return (
            f"Cette fiche a des thématiques que votre partenaire ne tient pas "
            f"({', '.join(outside)}) : un administrateur peut la modifier."
        )
    return None


def _require(db: Database, actor: Actor, record: dict, what: str) -> None:
    if not may_edit(db, actor, record):
        owner = partenaire(db, record.get("partenaire"))
        who = owner.nom if owner else "son partenaire"
        raise AccessDenied(f"Vous ne pouvez pas {what} cette fiche : elle est tenue par {who}.")


# -- reading -------------------------------------------------------------------------------------
def read_service(db: Database, service_id: str) -> dict:
    """The editable record of a service (data·inclusion fields + local fields + version)."""
    found = read_records(db, [service_id])
    if service_id not in found:
        raise BinomeError(f"Fiche introuvable : {service_id}")
    return found[service_id]


def structures(db: Database) -> list[tuple[str, str, str]]:
    """The structures of the base, to attach a service to one: (id, nom, commune), by name."""
    rows = db.query("SELECT id, nom, commune FROM structures")
    found = [(r["id"], r["nom"] or r["id"], r["commune"] or "") for r in rows]
    return sorted(found, key=lambda s: (fold(s[1]), s[0]))


def service_history(db: Database, service_id: str) -> list[Version]:
    return [
        Version(r["version"], r["date"], r["auteur"], r["action"], json.loads(r["changements"]))
        for r in db.query(
            "SELECT * FROM historique WHERE service_id = ? ORDER BY version, id", [service_id]
        )
    ]


# -- validation ------------------------------------------------------------------------------------
def validate_service(
    db: Database,
    record: dict,
    *,
    gazetteer: Gazetteer | None = None,
    changed: Iterable[str] | None = None,
) -> dict:
    """The record checked, or InvalidFields (field → French message).

    The national schema's verdict always counts. Binôme's local rules (see
    :func:`ressources.record.local_problems`) count for the fields being *changed* (all of
    them when None: a new entry); the problems of the other fields are the entry's
    warnings (:func:`avertissements`): they never stop a change elsewhere."""
    errors: dict[str, str] = {}
    # What a form was given (a paste) holds no escape sequence nor control character, as
    # what an import reads: they would rewrite the screen of whoever reads the entry.
    record = clean_strings(record)  # type: ignore[assignment]
    di = {k: record.get(k) for k in SERVICE_FIELDS if record.get(k) not in (None, "", [])}
    di.setdefault("source", "binome")
    try:
        model = Service.model_validate(di)
    except pydantic.ValidationError as exc:
        for error in exc.errors():
            errors.setdefault(schema_field(error) or "fiche", schema_reason(error))
        model = None
    touched = None if changed is None else set(changed)
    for name, message in local_problems(db, record, gazetteer=gazetteer).items():
        if touched is None or touched & RULE_INPUTS.get(name, {name}):
            errors.setdefault(name, message)
    if errors:
        raise InvalidFields(errors, _fields_message(errors))
    clean = model.model_dump(mode="json") if model else {}
    out = sort_sets({name: clean.get(name) for name in SERVICE_FIELDS}, SERVICE_FIELDS)
    for name in LOCAL_FIELDS:
        out[name] = record.get(name)
    return out


def _fields_message(errors: dict[str, str]) -> str:
    return " ; ".join(f"{k} : {v}" for k, v in errors.items())


# A local rule's verdict on a field depends on these fields (a code postal, on the commune).
RULE_INPUTS = {
    "code_postal": {"code_postal", "code_insee", "commune"},
    "code_insee": {"code_insee", "commune"},
}


def service_warnings(
    db: Database,
    record: dict,
    *,
    gazetteer: Gazetteer | None = None,
    thematiques: Thematiques | None = None,
) -> dict[str, str]:
    """What an entry breaks of Binôme's local rules (field → French message), shown on
    the entry: an imported or synced entry may hold a phone number or a code postal the
    local rules would refuse, and stays valid data·inclusion data all the same."""
    return local_problems(db, record, gazetteer=gazetteer, thematiques=thematiques)


# -- writing -------------------------------------------------------------------------------------
def _store(db: Database, record: dict, *, version: int, auteur: str | None, now: datetime):
    ext = to_extension(record)
    # A demo entry stays a demo entry when edited (it is still fictitious, and a base stays
    # a demo base while it holds nothing else: caseload.acces.is_demo_base).
    was = db.execute("SELECT demo FROM services WHERE id = ?", [record["id"]]).fetchone()
    write_records(db, [], [{**{k: record.get(k) for k in SERVICE_FIELDS}, EXTENSION_KEY: ext}])
    db.execute(
        "UPDATE services SET version = ?, modifie_le = ?, modifie_par = ?, archive = ?, "
        "demo = ? WHERE id = ?",
        [
            version,
            now.isoformat(timespec="seconds"),
            auteur,
            int(bool(record.get("archive"))),
            int(bool(was and was[0])),
            record["id"],
        ],
    )
    reindex_services(db, [record["id"]])


def create_service(db: Database, actor: Actor, record: dict, *, now: datetime) -> str:
    """A new entry of the acteur's partner (an administrateur names the partner)."""
    record = dict(record)
    if actor.role != "administrateur":
        record["partenaire"] = actor.partenaire
    record.setdefault("date_maj", now.date().isoformat())
    record.setdefault("date_revue", now.date().isoformat())
    record.setdefault("source", "binome")
    if not record.get("id"):
        record["id"] = f"binome--{now.strftime('%Y%m%d%H%M%S%f')}"
    _require(db, actor, record, "créer")

    def write() -> str:
        if db.execute("SELECT 1 FROM services WHERE id = ?", [record["id"]]).fetchone():
            raise BinomeError(f"Une fiche porte déjà l'identifiant {record['id']}.")
        clean = validate_service(db, record)
        clean.update(id=record["id"], source=record["source"])
        _store(db, clean, version=1, auteur=actor.id, now=now)
        write_line(db, clean["id"], 1, actor.id, "creation", diff({}, clean), snapshot(clean), now)
        return clean["id"]

    return retrying(db, write)


def update_service(
    db: Database, actor: Actor, service_id: str, changes: dict, *, version: int, now: datetime
) -> int:
    """Save *changes* made on *version*. Returns the version now current.

    The check and the write are one write transaction (compare-and-set): if the entry moved
    on since *version*, changes to other fields than theirs are merged onto the latest
    version (a history line of its own); a field both changed raises EditConflict with both
    versions, and nothing is written."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        refused = {k: "champ non modifiable" for k in sorted(unknown)}
        raise InvalidFields(refused, _fields_message(refused))
    return retrying(db, lambda: _update(db, actor, service_id, changes, version, now))


def _update(db, actor, service_id, changes, version, now) -> int:
    current = read_service(db, service_id)
    _require(db, actor, current, "modifier")
    if current["version"] != version:
        opened = snapshot_at(db, service_id, version)
        # Without the version opened, what they changed is unknown: every field may clash.
        theirs_changed = diff(opened, current) if opened is not None else diff({}, current)
        clash = sorted(
            name
            for name in set(theirs_changed) & set(changes)
            if not _same(name, changes[name], current.get(name))
        )
        if clash:
            raise EditConflict(
                "Cette fiche a été modifiée par quelqu'un d'autre depuis son ouverture ("
                + ", ".join(clash)
                + ") : choisissez la version à garder.",
                clash,
                theirs=current,
                mine={**current, **changes},
            )
    _ensure_baseline(db, current, now)
    updated = {**current, **changes}
    _require(db, actor, updated, "enregistrer")
    clean = validate_service(db, updated, changed=changes)
    clean.update(id=service_id, source=current["source"], archive=current["archive"])
    clean["date_maj"] = current["date_maj"]
    if not diff(current, clean):
        return current["version"]  # nothing changed: no new version, no history line
    clean["date_maj"] = now.date().isoformat()
    # Edited, the entry is confirmed (issue « Partners keep the base alive », Yearly
    # review: « confirmed in one key ("toujours exact") or edited »), unless the form gave
    # its review date.
    if "date_revue" not in changes:
        clean["date_revue"] = now.date().isoformat()
    changed = diff(current, clean)
    new_version = current["version"] + 1
    action = "modification" if current["version"] == version else "modification-fusionnee"
    _store(db, clean, version=new_version, auteur=actor.id, now=now)
    write_line(db, service_id, new_version, actor.id, action, changed, snapshot(clean), now)
    return new_version


def _same(name: str, mine, theirs) -> bool:
    """Both sides gave a field the same value (no conflict): lists compared as sets where
    their order means nothing."""
    return comparable(name, mine) == comparable(name, theirs)


def _ensure_baseline(db: Database, current: dict, now: datetime) -> None:
    """An entry that came from the seed, an import or a sync has no history yet: record
    its state as it stands before the first change, so that change can be undone."""
    exists = db.execute(
        "SELECT 1 FROM historique WHERE service_id = ? LIMIT 1", [current["id"]]
    ).fetchone()
    if not exists:
        write_line(
            db,
            current["id"],
            current["version"] or 1,
            None,
            "etat-initial",
            {},
            snapshot(current),
            now,
        )


def _set_flag(db, actor, service_id, *, archive: bool, action: str, now: datetime) -> None:
    retrying(db, lambda: _write_flag(db, actor, service_id, archive, action, now))


def _write_flag(db, actor, service_id, archive: bool, action: str, now: datetime) -> None:
    current = read_service(db, service_id)
    _require(db, actor, current, "archiver" if archive else "désarchiver")
    if bool(current["archive"]) == archive:
        return
    new_version = current["version"] + 1
    updated = {**current, "archive": int(archive)}
    _ensure_baseline(db, current, now)
    _store(db, updated, version=new_version, auteur=actor.id, now=now)
    write_line(
        db,
        service_id,
        new_version,
        actor.id,
        action,
        {"archive": [current["archive"], int(archive)]},
        snapshot(updated),
        now,
    )


def archive_service(db: Database, actor: Actor, service_id: str, *, now: datetime) -> None:
    """Archive instead of delete: the entry leaves search, its history stays."""
    _set_flag(db, actor, service_id, archive=True, action="archivage", now=now)


def unarchive_service(db: Database, actor: Actor, service_id: str, *, now: datetime) -> None:
    _set_flag(db, actor, service_id, archive=False, action="desarchivage", now=now)


def restore_version(db: Database, actor: Actor, service_id: str, version: int, *, now: datetime):
    """Bring back an earlier version, as a new version (the restoration is recorded)."""
    return retrying(db, lambda: _restore(db, actor, service_id, version, now))


def _restore(db: Database, actor: Actor, service_id: str, version: int, now: datetime):
    current = read_service(db, service_id)
    _require(db, actor, current, "restaurer")
    earlier = snapshot_at(db, service_id, version)
    if earlier is None:
        raise BinomeError(f"Version {version} introuvable pour cette fiche.")
    restored = {**current, **earlier, "id": service_id}
    # What the entry becomes obeys the rule a change obeys: a version from when it was
    # another partner's, or had a thématique this partner does not keep, is not theirs to
    # bring back (update_service checks the updated record the same way).
    if not may_edit(db, actor, restored):
        if restored.get("partenaire") != current.get("partenaire"):
            owner = partenaire(db, restored.get("partenaire"))
            why = f"elle rendrait la fiche à {owner.nom if owner else 'aucun partenaire'}"
        else:
            why = "elle a des thématiques que votre partenaire ne tient pas"
        raise AccessDenied(
            f"Vous ne pouvez pas restaurer cette version : {why} ; un administrateur le peut."
        )
    new_version = current["version"] + 1
    _store(db, restored, version=new_version, auteur=actor.id, now=now)
    write_line(
        db,
        service_id,
        new_version,
        actor.id,
        f"restauration v{version}",
        diff(current, restored),
        snapshot(restored),
        now,
    )
    return new_version


def confirm_review(db: Database, actor: Actor, service_id: str, *, now: datetime) -> None:
    """« Toujours exact »: the entry is confirmed today (yearly review)."""
    retrying(db, lambda: _confirm(db, actor, service_id, now))


def _confirm(db: Database, actor: Actor, service_id: str, now: datetime) -> None:
    current = read_service(db, service_id)
    _require(db, actor, current, "confirmer")
    today = now.date().isoformat()
    new_version = current["version"] + 1
    _ensure_baseline(db, current, now)
    db.execute(
        "UPDATE services SET date_revue = ?, version = ?, modifie_le = ?, modifie_par = ? "
        "WHERE id = ?",
        [today, new_version, now.isoformat(timespec="seconds"), actor.id, service_id],
    )
    write_line(
        db,
        service_id,
        new_version,
        actor.id,
        "confirmation",
        {"date_revue": [current["date_revue"], today]},
        snapshot({**current, "date_revue": today}),
        now,
    )


# -- reports and review ------------------------------------------------------------------------
def report_error(db: Database, actor: Actor, service_id: str, commentaire: str, *, now: datetime):
    """« Signaler une information erronée »: lands in the owner's to-do list."""
    read_service(db, service_id)
    if not commentaire.strip():
        raise BinomeError("Dites ce qui est erroné : le commentaire est obligatoire.")
    retrying(
        db,
        lambda: db.execute(
            "INSERT INTO signalements(service_id, auteur, date, commentaire) VALUES (?, ?, ?, ?)",
            [service_id, actor.id, now.isoformat(timespec="seconds"), commentaire.strip()],
        ),
    )


def close_report(db: Database, actor: Actor, report_id: int, *, now: datetime):
    row = db.execute("SELECT service_id FROM signalements WHERE id = ?", [report_id]).fetchone()
    if row is None:
        raise BinomeError("Signalement introuvable.")
    _require(db, actor, read_service(db, row[0]), "traiter le signalement de")
    retrying(
        db,
        lambda: db.execute(
            "UPDATE signalements SET statut = 'traite', traite_le = ?, traite_par = ? WHERE id = ?",
            [now.isoformat(timespec="seconds"), actor.id, report_id],
        ),
    )


def open_reports(db: Database, service_id: str) -> list[dict]:
    """The errors reported on an entry and not yet dealt with, oldest first (each with its
    full comment: whoever reads the entry sees what was found wrong)."""
    return list(
        db.query(
            "SELECT id, date, auteur, commentaire FROM signalements "
            "WHERE service_id = ? AND statut = 'ouvert' ORDER BY date, id",
            [service_id],
        )
    )


def review_due(date_revue: str | None, today: date) -> date | None:
    """When an entry must be confirmed again: 12 months after its last review."""
    # Only a plain AAAA-MM-JJ (as stored and compared by the lists' SQL, _todo_where).
    if not date_revue or not _ISO_DAY.fullmatch(date_revue):
        return None
    try:
        last = date.fromisoformat(date_revue)
    except ValueError:
        return None
    try:
        return last.replace(year=last.year + 1)
    except ValueError:  # 29 February
        return last.replace(year=last.year + 1, day=28)


def review_overdue(date_revue: str | None, today: date) -> bool:
    due = review_due(date_revue, today)
    return due is None or due <= today


@dataclass
class TodoList:
    """A partner's to-do list: entries to review (overdue, then due soon) and reports."""

    overdue_reviews: list[dict] = field(default_factory=list)
    reviews_due_soon: list[dict] = field(default_factory=list)
    error_reports: list[dict] = field(default_factory=list)


# The three lists of the to-do list, as ``todo_page`` names them.
TODO_LISTS = ("overdue_reviews", "reviews_due_soon", "error_reports")


def _last_review_due_by(day: date) -> date:
    """The latest review date whose next review (:func:`review_due`) falls on or before
    *day*: the lists compare stored dates with it, in SQL, instead of reading every entry."""
    try:
        latest = day.replace(year=day.year - 1)
    except ValueError:  # 29 February: a year before is the 28th
        latest = day.replace(year=day.year - 1, day=28)
    following = latest + timedelta(days=1)
    due = review_due(following.isoformat(), day)
    # 29 February reviewed: due on 28 February, so the day after a year back still counts.
    return following if due is not None and due <= day else latest


def _todo_where(list_name: str, today: date, partenaire_slug: str | None) -> tuple[str, list]:
    """The SQL condition (on ``services s``) of one list of the yearly review, or of the open
    reports (``signalements g``): the one place these lists are defined."""
    where, params = "s.archive = 0", []
    if partenaire_slug:
        where += " AND s.partenaire = ?"
        params.append(partenaire_slug)
    overdue = _last_review_due_by(today).isoformat()
    soon = _last_review_due_by(today + timedelta(days=REVIEW_NOTICE_DAYS)).isoformat()
    # A date that is not a real AAAA-MM-JJ has no due date (review_due): it is overdue.
    # SQLite's date() keeps « 2025-02-30 » as it is; with a modifier it normalises it.
    valid = "date(s.date_revue, '+0 days') = s.date_revue"
    if list_name == "overdue_reviews":
        where += f" AND (s.date_revue IS NULL OR NOT coalesce({valid}, 0) OR s.date_revue <= ?)"
        params.append(overdue)
    elif list_name == "reviews_due_soon":
        where += f" AND s.date_revue > ? AND s.date_revue <= ? AND {valid}"
        params += [overdue, soon]
    elif list_name == "error_reports":
        where += " AND g.statut = 'ouvert'"
    else:
        raise ValueError(f"unknown to-do list: {list_name}")
    return where, params


def todo_count(db: Database, today: date, partenaire_slug: str | None = None) -> dict[str, int]:
    """How many rows each list of the to-do list has (counted in SQL, nothing read)."""
    counts = {}
    for list_name in TODO_LISTS:
        where, params = _todo_where(list_name, today, partenaire_slug)
        source = (
            "signalements g JOIN services s ON s.id = g.service_id"
            if list_name == "error_reports"
            else "services s"
        )
        counts[list_name] = db.execute(
            f"SELECT count(*) FROM {source} WHERE {where}", params
        ).fetchone()[0]
    return counts


def todo_page(
    db: Database,
    today: date,
    list_name: str,
    partenaire_slug: str | None = None,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> list[dict]:
    """Rows *offset* to *offset* + *limit* of one list (``TODO_LISTS``): the entries to
    review oldest review first (never reviewed first of all), the reports oldest first."""
    where, params = _todo_where(list_name, today, partenaire_slug)
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    page_params = [limit, offset] if limit is not None else []
    if list_name == "error_reports":
        return list(
            db.query(
                "SELECT g.id, g.service_id, s.nom, g.date, g.auteur, g.commentaire "
                "FROM signalements g JOIN services s ON s.id = g.service_id "
                f"WHERE {where} ORDER BY g.date, g.id{page}",
                params + page_params,
            )
        )
    items = []
    for row in db.query(
        "SELECT s.id, s.nom, s.partenaire, s.date_revue FROM services s "
        f"WHERE {where} ORDER BY s.date_revue, s.id{page}",
        params + page_params,
    ):
        due = review_due(row["date_revue"], today)
        items.append({**row, "echeance": due.isoformat() if due else None})
    return items


class TodoIndex:
    """One list of the to-do list read once, in its order, to be filtered as someone types
    (``matching``): each row with the folded text the filter box searches — the entry's
    name and its partner's; for a report, the entry's name, its author and its comment.

    A département's base has tens of thousands of entries to review: reading and folding
    them again on each key took 0.75 s; here a key costs a substring test per row.
    """

    def __init__(self, list_name: str, today: date, rows: list[tuple], texts: list[str]) -> None:
        self.list_name = list_name
        self.today = today
        self._rows = rows
        self._texts = texts
        # The last answers: a key added to the words searches only among what the words
        # before it found, a key erased finds its answer again.
        self._found: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self._rows)

    def matching(self, wanted: str) -> list[int]:
        """The positions of the rows whose text holds *wanted* (already folded)."""
        if not wanted:
            return list(range(len(self._texts)))
        found = self._found.get(wanted)
        if found is None:
            # Whatever holds *wanted* holds each part of it: the smallest answer to a part.
            parts = [p for w, p in self._found.items() if w in wanted]
            among = min(parts, key=len) if parts else range(len(self._texts))
            texts = self._texts
            found = [i for i in among if wanted in texts[i]]
            if len(self._found) >= 32:
                self._found.pop(next(iter(self._found)))
            self._found[wanted] = found
        return found

    def items(self, positions: Iterable[int]) -> list[dict]:
        """The rows at *positions*, as :func:`todo_page` gives them."""
        rows = [self._rows[i] for i in positions]
        if self.list_name == "error_reports":
            keys = ("id", "service_id", "nom", "date", "auteur", "commentaire")
            return [dict(zip(keys, row, strict=True)) for row in rows]
        items = []
        for service_id, nom, partenaire, date_revue in rows:
            due = review_due(date_revue, self.today)
            items.append(
                {
                    "id": service_id,
                    "nom": nom,
                    "partenaire": partenaire,
                    "date_revue": date_revue,
                    "echeance": due.isoformat() if due else None,
                }
            )
        return items


# Entries' names as fold writes them, kept from one reading of the lists to the next (the
# base moved: most names did not).
_FOLDED: dict[str, str] = {}
_FOLDED_MAX = 200_000


def _folded_names(names: list[str]) -> list[str]:
    folded = {name: fold(name) for name in names if name not in _FOLDED}
    if len(_FOLDED) + len(folded) <= _FOLDED_MAX:
        _FOLDED.update(folded)
    return [_FOLDED.get(name) or folded.get(name, "") for name in names]


# Rows read (and folded) between two calls of todo_index's *pause*.
TODO_INDEX_CHUNK = 2_000


def todo_index(
    db: Database,
    today: date,
    list_name: str,
    partenaire_slug: str | None = None,
    *,
    author_name: Callable[[str], str] | None = None,
    pause: Callable[[], None] | None = None,
) -> TodoIndex:
    """One list of :func:`todo_page`, whole, ready to filter (:class:`TodoIndex`);
    *author_name* gives a report's author as people know them (their id otherwise).

    *pause*, if given, is called after each TODO_INDEX_CHUNK rows read and folded: a
    thread reading an administrateur's 50,000 entries in the background gives the others
    their turn (a screen being drawn meanwhile) rather than holding the interpreter for the
    0.3–0.8 s it takes."""
    where, params = _todo_where(list_name, today, partenaire_slug)
    reports = list_name == "error_reports"
    if reports:
        cursor = db.execute(
            "SELECT g.id, g.service_id, s.nom, g.date, g.auteur, g.commentaire "
            "FROM signalements g JOIN services s ON s.id = g.service_id "
            f"WHERE {where} ORDER BY g.date, g.id",
            params,
        )
        name = author_name or (lambda ident: ident)
    else:
        # Read from the index of the review dates alone (it holds the name and the partner:
        # migration 0012), not from the wide rows of the entries.
        cursor = db.execute(
            "SELECT s.id, s.nom, s.partenaire, s.date_revue FROM services s "
            f"WHERE {where} ORDER BY s.date_revue, s.id",
            params,
        )
        # fold(name + " " + partner) is fold(name), a space, fold(partner): the few
        # partners' names are folded once each, not once per entry.
        partners = {
            slug: fold(nom) for slug, nom in db.execute("SELECT slug, nom FROM partenaires")
        }
    rows: list[tuple] = []
    texts: list[str] = []
    while chunk := cursor.fetchmany(TODO_INDEX_CHUNK):
        if reports:
            texts += [
                fold(f"{r[2] or ''} {name(r[4]) if r[4] else ''} {r[5] or ''}") for r in chunk
            ]
        else:
            names = _folded_names([r[1] or "" for r in chunk])
            texts += [
                f"{folded} {partner}" if folded and partner else folded or partner
                for folded, partner in zip(
                    names, (partners.get(r[2], "") if r[2] else "" for r in chunk), strict=True
                )
            ]
        rows += [tuple(r) for r in chunk]
        if pause is not None:
            pause()
    return TodoIndex(list_name, today, rows, texts)


def todo_list(db: Database, today: date, partenaire_slug: str | None = None) -> TodoList:
    """The whole to-do list (the screen reads it a page at a time: ``todo_page``)."""
    return TodoList(*(todo_page(db, today, list_name, partenaire_slug) for list_name in TODO_LISTS))


def _archived_where(partenaire_slug: str | None) -> tuple[str, list]:
    if partenaire_slug:
        return "s.archive = 1 AND s.partenaire = ?", [partenaire_slug]
    return "s.archive = 1", []


def archived_count(db: Database, partenaire_slug: str | None = None) -> int:
    """How many entries are archived (of one partner, or of all)."""
    where, params = _archived_where(partenaire_slug)
    return db.execute(f"SELECT count(*) FROM services s WHERE {where}", params).fetchone()[0]


def archived_services(
    db: Database, partenaire_slug: str | None = None, *, offset: int = 0, limit: int | None = None
) -> list[dict]:
    """The archived entries, the last archived first: id, nom, partenaire, and when and by
    whom they were archived (``archive_le``, ``archive_par``; None for an entry that came
    archived, with no history here). Whoever reads the base sees them; who may bring one
    back is :func:`may_edit`'s (:func:`unarchive_service`)."""
    where, params = _archived_where(partenaire_slug)
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    return list(
        db.query(
            "SELECT s.id, s.nom, s.partenaire, h.date AS archive_le, h.auteur AS archive_par "
            "FROM services s LEFT JOIN historique h ON h.id = ("
            "  SELECT max(id) FROM historique WHERE service_id = s.id AND action = 'archivage') "
            f"WHERE {where} ORDER BY h.date IS NULL, h.date DESC, s.nom, s.id{page}",
            params + ([limit, offset] if limit is not None else []),
        )
    )


def load_partenaires(db: Database, records: Iterable[dict]) -> None:
    db.table("partenaires").upsert_all(
        [
            {
                "slug": p["slug"],
                "nom": p["nom"],
                "type": p.get("type", "association"),
                "thematiques": json.dumps(p.get("thematiques", [])),
            }
            for p in records
        ],
        pk="slug",
    )


def save_partenaire(
    db: Database, actor: Actor, *, slug: str, nom: str, type: str, thematiques: list[str]
) -> Partenaire:
    """An administrateur adds a partner (or changes its name and thématiques)."""
    if actor.role != "administrateur":
        raise AccessDenied("Seul un administrateur gère les partenaires.")
    known = Thematiques.from_db(db).by_slug
    unknown = [t for t in thematiques if t not in known]
    if unknown or not slug.strip() or not nom.strip():
        problems = []
        if unknown:
            problems.append(f"thématiques inconnues : {', '.join(unknown)}")
        if not slug.strip() or not nom.strip():
            problems.append("identifiant et nom sont obligatoires")
        raise BinomeError("Partenaire refusé : " + " ; ".join(problems) + ".")
    row = {"slug": slug.strip(), "nom": nom.strip(), "type": type, "thematiques": thematiques}
    retrying(db, lambda: load_partenaires(db, [row]))
    found = partenaire(db, slug.strip())
    assert found is not None
    return found
