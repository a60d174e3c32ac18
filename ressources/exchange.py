"""Exchange with data·inclusion: import and export of v1 JSON files.

Every record is validated against the national schema (package ``data-inclusion-schema``);
valid records are written in one transaction with their ids preserved, invalid ones are
reported with their id, field and reason. Export writes what import reads, so an exported
file re-imports identically.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pydantic
from data_inclusion.schema.v1 import Service, Structure
from pydantic import EmailStr
from sqlite_utils import Database

from ressources.errors import BinomeError
from ressources.gazetteer import Gazetteer
from ressources.jsonstream import iter_lists
from ressources.models import (
    EXTENSION_KEY,
    LIST_FIELDS,
    SERVICE_FIELDS,
    STRUCTURE_FIELDS,
    as_list,
)
from ressources.store import delete_services, write_records
from ressources.thematiques import Thematiques

# Lists whose order carries no meaning: sorted so that exports are stable.
_UNORDERED = LIST_FIELDS - {"zone_eligibilite"}


@dataclass
class Rejection:
    kind: str  # "structure" or "service"
    id: str
    field: str
    reason: str

    def __str__(self) -> str:
        label = "Structure" if self.kind == "structure" else "Service"
        where = f", champ « {self.field} »" if self.field else ""
        return f"{label} {self.id or '(sans identifiant)'}{where} : {self.reason}"


@dataclass
class ImportReport:
    structures: int = 0
    services: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejections


# -- reading files ---------------------------------------------------------------------------


# -- validation ------------------------------------------------------------------------------

_REASONS = {
    "missing": "champ obligatoire manquant",
    "string_type": "texte attendu",
    "int_parsing": "nombre entier attendu",
    "float_parsing": "nombre attendu",
    "date_parsing": "date invalide (format AAAA-MM-JJ attendu)",
    "date_from_datetime_parsing": "date invalide (format AAAA-MM-JJ attendu)",
    "date_type": "date invalide (format AAAA-MM-JJ attendu)",
    "url_parsing": "adresse web invalide",
    "url_scheme": "adresse web invalide (http ou https attendu)",
    "string_pattern_mismatch": "format invalide",
    "list_type": "liste attendue",
    "set_type": "liste attendue",
    "too_short": "liste vide",
    "greater_than_equal": "valeur trop petite",
    "model_type": "objet attendu",
    "dict_type": "objet attendu",
}


def _reason(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "string_too_short":
        return f"texte trop court (au moins {ctx.get('min_length')} caractères)"
    if kind == "string_too_long":
        return f"texte trop long (au plus {ctx.get('max_length')} caractères)"
    if kind == "enum":
        return f"valeur inconnue « {_short(error.get('input'))} »"
    if kind == "value_error":
        message = str(ctx.get("error") or error.get("msg", ""))
        if "email" in message.lower():
            return "adresse de courriel invalide"
        return message.removeprefix("Value error, ")
    return _REASONS.get(kind, error.get("msg", "valeur invalide"))


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _field(error: dict) -> str:
    return ".".join(str(p) for p in error.get("loc", ()) if not isinstance(p, int))


def _clean(model: pydantic.BaseModel, fields: tuple[str, ...]) -> dict:
    data = model.model_dump(mode="json")
    out = {}
    for name in fields:
        value = data.get(name)
        if name in _UNORDERED and isinstance(value, list):
            value = sorted(value)
        out[name] = value
    return out


class _Validator:
    """Validates records against the national schema, one at a time.

    The schema's e-mail check (IDNA rules, per character) is the slowest part of a record's
    validation and the same address recurs across a structure's services: each distinct
    address is checked once, by the schema's own ``EmailStr``, and the record is validated
    without it — the same verdict, a fraction of the time.
    """

    def __init__(self, db: Database, thematiques: Thematiques) -> None:
        self.db = db
        self.thematiques = thematiques
        self._emails: dict[str, tuple[str | None, dict | None]] = {}
        self._email_adapter = pydantic.TypeAdapter(EmailStr)
        self.known_structures: set[str] = set()

    def _email(self, value: Any) -> tuple[str | None, dict | None]:
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
        if not isinstance(raw, dict):
            return None, [Rejection(kind, "", "", "enregistrement qui n'est pas un objet")]
        rejections = []
        email = raw.get("courriel")
        normalized = None
        if email is not None:
            normalized, error = self._email(email)
            if error is not None:
                rejections.append(Rejection(kind, record_id, "courriel", _reason(error)))
            raw = {**raw, "courriel": None}
        try:
            validated = model.model_validate(raw)
        except pydantic.ValidationError as exc:
            rejections += [Rejection(kind, record_id, _field(e), _reason(e)) for e in exc.errors()]
        if rejections:
            return None, rejections
        clean = _clean(validated, fields)
        clean["courriel"] = normalized
        return clean, []

    def structure(self, raw: Any) -> tuple[dict | None, list[Rejection]]:
        clean, rejections = self.check("structure", raw, Structure, STRUCTURE_FIELDS)
        if clean is not None:
            self.known_structures.add(clean["id"])
        return clean, rejections

    def service(self, raw: Any) -> tuple[dict | None, list[Rejection]]:
        clean, rejections = self.check("service", raw, Service, SERVICE_FIELDS)
        if clean is None:
            return None, rejections
        record_id = clean["id"]
        problem = _check_extension(raw.get(EXTENSION_KEY), self.thematiques)
        if problem:
            return None, [Rejection("service", record_id, *problem)]
        structure_id = clean["structure_id"]
        if structure_id not in self.known_structures:
            exists = self.db.execute(
                "SELECT 1 FROM structures WHERE id = ?", [structure_id]
            ).fetchone()
            if not exists:
                reason = f"structure inconnue « {structure_id} »"
                return None, [Rejection("service", record_id, "structure_id", reason)]
            self.known_structures.add(structure_id)
        ext = raw.get(EXTENSION_KEY)
        if ext:
            clean[EXTENSION_KEY] = ext
        return clean, []


def _record_id(raw: Any) -> str:
    if isinstance(raw, dict):
        value = raw.get("id")
        return str(value) if value is not None else ""
    return ""


def _check_extension(ext: Any, thematiques: Thematiques) -> tuple[str, str] | None:
    if ext is None:
        return None
    if not isinstance(ext, dict):
        return f"{EXTENSION_KEY}", "objet attendu"
    for slug in as_list(ext.get("thematiques")):
        if slug not in thematiques.by_slug:
            return f"{EXTENSION_KEY}.thematiques", f"thématique inconnue « {_short(slug)} »"
    mots = ext.get("mots_cles")
    if mots is not None and not isinstance(mots, list):
        return f"{EXTENSION_KEY}.mots_cles", "liste attendue"
    revue = ext.get("date_revue")
    if revue is not None:
        try:
            date.fromisoformat(str(revue))
        except ValueError:
            return f"{EXTENSION_KEY}.date_revue", "date invalide (format AAAA-MM-JJ attendu)"
    return None


# -- import / export ---------------------------------------------------------------------------


IMPORT_CHUNK = 2000


class _Importer:
    """Validates and writes records as they come, a chunk at a time, in the caller's
    transaction. An id seen twice is rejected, and its first copy removed again."""

    def __init__(self, db: Database, *, demo: bool) -> None:
        self.db = db
        self.demo = demo
        self.thematiques = Thematiques.from_db(db)
        self.gazetteer = Gazetteer.from_db(db)
        self.validator = _Validator(db, self.thematiques)
        self.report = ImportReport()
        self.pending: dict[str, list[dict]] = {"structure": [], "service": []}
        self.seen: dict[str, set[str]] = {"structure": set(), "service": set()}
        self.duplicates: dict[str, set[str]] = {"structure": set(), "service": set()}

    def add(self, kind: str, raw: Any) -> None:
        record_id = _record_id(raw)
        if isinstance(raw, dict) and record_id:
            if record_id in self.duplicates[kind]:
                return
            if record_id in self.seen[kind]:
                self._duplicate(kind, record_id)
                return
            self.seen[kind].add(record_id)
        check = self.validator.structure if kind == "structure" else self.validator.service
        clean, rejections = check(raw)
        self.report.rejections += rejections
        if clean is not None:
            self.pending[kind].append(clean)
            if len(self.pending[kind]) >= IMPORT_CHUNK:
                self.flush()

    def _duplicate(self, kind: str, record_id: str) -> None:
        self.duplicates[kind].add(record_id)
        self.report.rejections.append(Rejection(kind, record_id, "id", "identifiant en double"))
        pending = self.pending[kind]
        before = len(pending)
        pending[:] = [r for r in pending if r["id"] != record_id]
        if len(pending) == before:  # already written: take it back
            if kind == "service":
                delete_services(self.db, [record_id])
                self.report.services -= 1
            else:
                self.db.execute("DELETE FROM structures WHERE id = ?", [record_id])
                self.validator.known_structures.discard(record_id)
                self.report.structures -= 1

    def flush(self) -> None:
        structures, services = self.pending["structure"], self.pending["service"]
        if not structures and not services:
            return
        counts = write_records(
            self.db, structures, services, demo=self.demo, gazetteer=self.gazetteer,
            thematiques=self.thematiques,
        )  # fmt: skip
        self.report.structures += counts.structures
        self.report.services += counts.services
        self.pending = {"structure": [], "service": []}


def import_records(
    db: Database, structures: list, services: list, *, demo: bool = False
) -> ImportReport:
    """Validate and write in one transaction: every valid record lands, or (on a crash)
    none does."""
    importer = _Importer(db, demo=demo)
    with db.atomic():
        for raw in structures:
            importer.add("structure", raw)
        importer.flush()
        for raw in services:
            importer.add("service", raw)
        importer.flush()
    return importer.report


def import_files(db: Database, paths: list[Path], *, demo: bool = False) -> ImportReport:
    """Import data·inclusion files record by record, so memory stays small whatever their
    size. Structures must be written before their services: services met before the last
    file's structures are read again in a second pass."""
    importer = _Importer(db, demo=demo)
    wanted = {"structures", "services"}
    deferred: list[Path] = []
    with db.atomic():
        for index, path in enumerate(paths):
            last = index == len(paths) - 1
            structures_seen = False
            bare_kind = None
            deferred_here = False
            for key, raw in iter_lists(path, wanted):
                if key == "":
                    if bare_kind is None:
                        services = isinstance(raw, dict) and "structure_id" in raw
                        bare_kind = "services" if services else "structures"
                    key = bare_kind
                if key == "structures":
                    structures_seen = True
                    importer.add("structure", raw)
                elif last and (structures_seen or bare_kind == "services"):
                    importer.add("service", raw)
                else:
                    deferred_here = True
            if deferred_here:
                deferred.append(path)
        importer.flush()
        for path in deferred:
            for key, raw in iter_lists(path, wanted):
                if key == "services" or (
                    key == "" and isinstance(raw, dict) and "structure_id" in raw
                ):
                    importer.add("service", raw)
        importer.flush()
    return importer.report


def export_payload(db: Database, *, include_archived: bool = False) -> dict:
    """The base as a data·inclusion v1 document, with Binôme's fields under ``binome``."""
    where = "" if include_archived else "WHERE archive = 0"
    services = []
    structure_ids: set[str] = set()
    for row in db.query(f"SELECT * FROM services {where} ORDER BY id"):
        record = {f: _from_db(f, row[f]) for f in SERVICE_FIELDS}
        record[EXTENSION_KEY] = {
            "thematiques": json.loads(row["thematiques_locales"] or "[]"),
            "mots_cles": json.loads(row["mots_cles"] or "[]"),
            "partenaire": row["partenaire"],
            "date_revue": row["date_revue"],
        }
        services.append(record)
        structure_ids.add(row["structure_id"])
    structures = [
        {f: _from_db(f, row[f]) for f in STRUCTURE_FIELDS}
        for row in db.query("SELECT * FROM structures ORDER BY id")
        if include_archived or row["id"] in structure_ids
    ]
    return {"structures": structures, "services": services}


def _from_db(name: str, value: Any) -> Any:
    if name in LIST_FIELDS:
        return json.loads(value) if value is not None else None
    return value


def export_file(db: Database, path: Path) -> tuple[int, int]:
    payload = export_payload(db)
    text = json.dumps(payload, ensure_ascii=False, indent=1)
    try:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise BinomeError(f"Impossible d'écrire {path} : {exc.strerror}.") from None
    return len(payload["structures"]), len(payload["services"])
