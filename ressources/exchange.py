"""Exchange with data·inclusion: import and export of v1 JSON files.

Every record is validated against the national schema (package ``data-inclusion-schema``);
valid records are written in one transaction with their ids preserved, invalid ones are
reported with their id, field and reason. Export writes what import reads, so an exported
file re-imports identically.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic
from data_inclusion.schema.v1 import Service, Structure
from sqlite_utils import Database

from ressources.errors import BinomeError
from ressources.models import (
    EXTENSION_KEY,
    LIST_FIELDS,
    SERVICE_FIELDS,
    STRUCTURE_FIELDS,
    as_list,
)
from ressources.store import write_records
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


def read_payload(paths: list[Path]) -> tuple[list[dict], list[dict]]:
    """Structures and services from one file ``{"structures": [...], "services": [...]}`` or
    from two files holding each list. Raises :class:`BinomeError` on unreadable input."""
    structures: list[dict] = []
    services: list[dict] = []
    for path in paths:
        data = _load_json(path)
        if isinstance(data, dict) and ("structures" in data or "services" in data):
            s1, s2 = data.get("structures") or [], data.get("services") or []
            if not isinstance(s1, list) or not isinstance(s2, list):
                raise BinomeError(
                    f"{path} : « structures » et « services » doivent être des listes."
                )
            structures += s1
            services += s2
        elif isinstance(data, list):
            if any(isinstance(r, dict) and "structure_id" in r for r in data):
                services += data
            else:
                structures += data
        else:
            raise BinomeError(
                f"{path} n'est pas un fichier data·inclusion : attendu un objet avec "
                "« structures » et « services », ou une liste d'enregistrements."
            )
    return structures, services


def _load_json(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BinomeError(f"Fichier introuvable : {path}") from None
    except IsADirectoryError:
        raise BinomeError(f"{path} est un dossier, pas un fichier.") from None
    except OSError as exc:
        raise BinomeError(f"Impossible de lire {path} : {exc.strerror}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BinomeError(f"{path} n'est pas un fichier texte UTF-8.") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BinomeError(
            f"{path} n'est pas du JSON valide (ligne {exc.lineno}, colonne {exc.colno})."
        ) from None


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


def validate_payload(
    db: Database, structures: list, services: list, thematiques: Thematiques
) -> tuple[list[dict], list[dict], list[Rejection]]:
    """Split records into valid (normalised) and rejected ones."""
    rejections: list[Rejection] = []
    good_structures: dict[str, dict] = {}
    seen: set[str] = set()
    for raw in structures:
        record_id = _record_id(raw)
        if not isinstance(raw, dict):
            rejections.append(
                Rejection("structure", "", "", "enregistrement qui n'est pas un objet")
            )
            continue
        if record_id in seen:
            rejections.append(Rejection("structure", record_id, "id", "identifiant en double"))
            good_structures.pop(record_id, None)
            continue
        seen.add(record_id)
        try:
            model = Structure.model_validate(raw)
        except pydantic.ValidationError as exc:
            for error in exc.errors():
                rejections.append(Rejection("structure", record_id, _field(error), _reason(error)))
            continue
        good_structures[record_id] = _clean(model, STRUCTURE_FIELDS)

    known_structures = set(good_structures)
    good_services: dict[str, dict] = {}
    seen = set()
    for raw in services:
        record_id = _record_id(raw)
        if not isinstance(raw, dict):
            rejections.append(Rejection("service", "", "", "enregistrement qui n'est pas un objet"))
            continue
        if record_id in seen:
            rejections.append(Rejection("service", record_id, "id", "identifiant en double"))
            good_services.pop(record_id, None)
            continue
        seen.add(record_id)
        try:
            model = Service.model_validate(raw)
        except pydantic.ValidationError as exc:
            for error in exc.errors():
                rejections.append(Rejection("service", record_id, _field(error), _reason(error)))
            continue
        clean = _clean(model, SERVICE_FIELDS)
        problem = _check_extension(raw.get(EXTENSION_KEY), thematiques)
        if problem:
            rejections.append(Rejection("service", record_id, *problem))
            continue
        if clean["structure_id"] not in known_structures:
            exists = db.execute(
                "SELECT 1 FROM structures WHERE id = ?", [clean["structure_id"]]
            ).fetchone()
            if not exists:
                rejections.append(
                    Rejection(
                        "service",
                        record_id,
                        "structure_id",
                        f"structure inconnue « {clean['structure_id']} »",
                    )
                )
                continue
            known_structures.add(clean["structure_id"])
        ext = raw.get(EXTENSION_KEY)
        if ext:
            clean[EXTENSION_KEY] = ext
        good_services[record_id] = clean
    return list(good_structures.values()), list(good_services.values()), rejections


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
            pydantic.TypeAdapter(__import__("datetime").date).validate_python(revue)
        except pydantic.ValidationError:
            return f"{EXTENSION_KEY}.date_revue", "date invalide (format AAAA-MM-JJ attendu)"
    return None


# -- import / export ---------------------------------------------------------------------------


def import_records(
    db: Database, structures: list, services: list, *, demo: bool = False
) -> ImportReport:
    """Validate then write, all valid records in one transaction."""
    thematiques = Thematiques.from_db(db)
    good_structures, good_services, rejections = validate_payload(
        db, structures, services, thematiques
    )
    with db.atomic():
        counts = write_records(
            db, good_structures, good_services, demo=demo, thematiques=thematiques
        )
    return ImportReport(counts.structures, counts.services, rejections)


def import_files(db: Database, paths: list[Path], *, demo: bool = False) -> ImportReport:
    structures, services = read_payload(paths)
    return import_records(db, structures, services, demo=demo)


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
