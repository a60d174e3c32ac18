"""The data·inclusion record of a service, as Binôme keeps it: one home for its fields.

Each field is named once (:data:`SERVICE_RECORD`): its name in the record, which is also
its column in ``services`` and its box in the form; its French label; its kind (which says
how it is read from a file, a CSV cell or a column, and checked); and, for Binôme's own
fields, its key in the ``binome`` extension of the data·inclusion JSON and its CSV
column (external formats, kept as they were). Import, CSV, synchronisation, export, the
history and the form all read this table: adding a field is adding a line here.

Two levels of checks:

* the national schema (package ``data-inclusion-schema``) and the shape of the ``binome``
  extension: what is not valid there is refused (:func:`schema_reason` says why in French);
* Binôme's local rules (a phone number of the 82, a code postal of the commune, a known
  thématique, partner, structure, hours in the OSM format): :func:`local_problems`. An
  entry that breaks them is still a valid entry: an import takes it, the entry shows the
  problems as warnings, and editing refuses them only in the fields being changed.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from ressources import horaires
from ressources.db import select_rows
from ressources.gazetteer import Gazetteer
from ressources.models import as_list
from ressources.thematiques import Thematiques

EXTENSION_KEY = "binome"

# Kinds of values: how a field is read and checked.
TEXT, LIST, NUMBER, DATE, SLUGS, WORDS = "text", "list", "number", "date", "slugs", "words"


@dataclass(frozen=True)
class Field:
    """One field of a service's record."""

    name: str  # in the record, the ``services`` column and the form (``#f-<name>``)
    label: str  # on screen, in French
    kind: str = TEXT
    # data·inclusion v1 field (else Binôme's own, exported under ``binome``).
    national: bool = True
    # A list whose order carries no meaning: compared as a set, sorted when the schema
    # hands it back as a set.
    unordered: bool = False
    # Binôme's fields only: the key under ``binome`` and the CSV column.
    extension_key: str = ""
    csv_column: str = ""

    @property
    def is_list(self) -> bool:
        return self.kind in (LIST, SLUGS, WORDS)


def _local(name: str, label: str, kind: str, *, key: str = "", csv: str = "", **kw) -> Field:
    return Field(
        name, label, kind, national=False, extension_key=key or name, csv_column=csv or name, **kw
    )


# Where a service or a structure is and how to reach it: the same fields, in the schema's
# order, in both records.
_PLACE_AND_CONTACT = (
    Field("commune", "Commune"),
    Field("code_postal", "Code postal"),
    Field("code_insee", "Commune (code INSEE)"),
    Field("adresse", "Adresse"),
    Field("complement_adresse", "Complément d'adresse"),
    Field("longitude", "Longitude", NUMBER),
    Field("latitude", "Latitude", NUMBER),
    Field("telephone", "Téléphone"),
    Field("courriel", "Courriel"),
)


# Every field of a service, the data·inclusion v1 ones in the schema's order, then Binôme's.
SERVICE_RECORD = (
    Field("source", "Source"),
    Field("structure_id", "Structure"),
    Field("id", "Identifiant"),
    Field("nom", "Nom"),
    Field("description", "Description"),
    Field("lien_source", "Lien source"),
    Field("date_maj", "Mise à jour", DATE),
    Field("type", "Type de service"),
    Field("thematiques", "Thématiques data·inclusion", LIST, unordered=True),
    Field("frais", "Frais"),
    Field("frais_precisions", "Précisions sur les frais"),
    Field("publics", "Publics", LIST, unordered=True),
    Field("publics_precisions", "Précisions sur le public"),
    Field("conditions_acces", "Conditions d'accès"),
    *_PLACE_AND_CONTACT,
    Field("modes_accueil", "Modes d'accueil", LIST, unordered=True),
    Field("zone_eligibilite", "Zone d'éligibilité", LIST),  # ordered: as the partner lists it
    Field("contact_nom_prenom", "Contact"),
    Field("lien_mobilisation", "Lien"),
    Field("modes_mobilisation", "Modes de mobilisation", LIST, unordered=True),
    Field("mobilisable_par", "Mobilisable par", LIST, unordered=True),
    Field("mobilisation_precisions", "Précisions sur la mobilisation"),
    Field("volume_horaire_hebdomadaire", "Volume horaire hebdomadaire", NUMBER),
    Field("nombre_semaines", "Nombre de semaines", NUMBER),
    Field("horaires_accueil", "Horaires"),
    # Binôme's own: one of the 22 thématiques (« thematiques » under ``binome``, the
    # ``thematiques_binome`` CSV column), keywords, the partner who keeps it, its review.
    _local(
        "thematiques_locales",
        "Thématiques",
        SLUGS,
        key="thematiques",
        csv="thematiques_binome",
        unordered=True,
    ),
    _local("mots_cles", "Mots-clés", WORDS, unordered=True),
    _local("partenaire", "Partenaire", TEXT),
    _local("date_revue", "Date de revue", DATE),
)
# The data·inclusion v1 fields of a structure, in the schema's order.
STRUCTURE_RECORD = (
    Field("source", "Source"),
    Field("id", "Identifiant"),
    Field("nom", "Nom"),
    Field("date_maj", "Mise à jour", DATE),
    Field("description", "Description"),
    Field("lien_source", "Lien source"),
    Field("siret", "SIRET"),
    *_PLACE_AND_CONTACT,
    Field("site_web", "Site web"),
    Field("horaires_accueil", "Horaires"),
    Field("accessibilite_lieu", "Accessibilité du lieu"),
    Field("reseaux_porteurs", "Réseaux porteurs", LIST, unordered=True),
)

FIELDS = {f.name: f for f in SERVICE_RECORD}
# Every field of a service's record: the national ones, then Binôme's.
RECORD_FIELDS = tuple(FIELDS)
SERVICE_FIELDS = tuple(f.name for f in SERVICE_RECORD if f.national)
STRUCTURE_FIELDS = tuple(f.name for f in STRUCTURE_RECORD)
LOCAL_RECORD = tuple(f for f in SERVICE_RECORD if not f.national)
LOCAL_FIELDS = tuple(f.name for f in LOCAL_RECORD)
# Fields holding lists (stored as JSON text), of a service or a structure.
LIST_FIELDS = frozenset(f.name for f in (*SERVICE_RECORD, *STRUCTURE_RECORD) if f.is_list)
UNORDERED_FIELDS = frozenset(f.name for f in (*SERVICE_RECORD, *STRUCTURE_RECORD) if f.unordered)
NUMBER_FIELDS = frozenset(f.name for f in (*SERVICE_RECORD, *STRUCTURE_RECORD) if f.kind == NUMBER)
DATE_FIELDS = frozenset(f.name for f in (*SERVICE_RECORD, *STRUCTURE_RECORD) if f.kind == DATE)
# What a person may change (the id and source are the entry's identity).
EDITABLE = tuple(f.name for f in SERVICE_RECORD if f.name not in ("source", "id"))
# What a record read from the base holds besides its fields.
BOOKKEEPING = ("version", "archive")


def label(name: str) -> str:
    """The French name of a field (its own name when it has none)."""
    found = FIELDS.get(name)
    return found.label if found else name


# -- the record ↔ the services row ↔ the ``binome`` extension ---------------------------------
def from_column(name: str, value: Any) -> Any:
    """A ``services`` or ``structures`` column's value as the record holds it."""
    if name in LIST_FIELDS:
        return json.loads(value) if value is not None else None
    return value


def row_to_record(row: dict) -> dict:
    """The editable record of a ``services`` row: every field, its version and archive flag."""
    return {name: from_column(name, row[name]) for name in (*FIELDS, *BOOKKEEPING)}


def read_records(db: Database, service_ids: list[str]) -> dict[str, dict]:
    """The editable records of the services that exist among *service_ids*."""
    out: dict[str, dict] = {}
    for start in range(0, len(service_ids), 500):
        chunk = service_ids[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        # An import calls this for every chunk: read without db.query's savepoint.
        for row in select_rows(db, f"SELECT * FROM services WHERE id IN ({marks})", chunk):
            out[row["id"]] = row_to_record(row)
    return out


def to_extension(record: dict) -> dict:
    """Binôme's fields of *record* as the ``binome`` extension holds them (lists as lists)."""
    return {
        f.extension_key: (record.get(f.name) or []) if f.is_list else record.get(f.name)
        for f in LOCAL_RECORD
    }


def from_extension(ext: dict | None) -> dict:
    """The ``binome`` extension as record fields (a missing key: None)."""
    ext = ext or {}
    return {f.name: ext.get(f.extension_key) for f in LOCAL_RECORD}


def export_record(row: dict) -> dict:
    """A ``services`` row as a data·inclusion v1 record, Binôme's fields under ``binome``."""
    record = {name: from_column(name, row[name]) for name in SERVICE_FIELDS}
    record[EXTENSION_KEY] = to_extension(
        {f.name: from_column(f.name, row[f.name]) for f in LOCAL_RECORD}
    )
    return record


def _items(value: Any) -> list | tuple:
    if type(value) in (list, tuple):
        return value
    return as_list(value)


def local_thematiques(record: dict, thematiques: Thematiques) -> list[str]:
    """A service's thématiques: its own (``binome`` extension), else those its national
    thématiques map to."""
    ext = record.get(EXTENSION_KEY) or {}
    key = FIELDS["thematiques_locales"].extension_key
    local = [t for t in _items(ext.get(key)) if t in thematiques.by_slug]
    return local or thematiques.from_di(sorted(_items(record.get("thematiques"))))


_LOCAL_KEYS = tuple((f.name, f.extension_key, f.is_list) for f in LOCAL_RECORD)


def local_values(record: dict, thematiques: Thematiques) -> dict[str, Any]:
    """What Binôme's columns hold for a service record as written (import, sync, edit):
    its extension's values; the thématiques from the national ones when it has none; the
    review on its date of update when it has none."""
    ext = record.get(EXTENSION_KEY) or {}
    values: dict[str, Any] = {}
    for name, key, is_list in _LOCAL_KEYS:  # runs for every service of an import
        value = ext.get(key)
        if is_list:
            value = [v if type(v) is str else str(v) for v in _items(value)] if value else []
        values[name] = value
    values["thematiques_locales"] = local_thematiques(record, thematiques)
    values["date_revue"] = values["date_revue"] or str(record.get("date_maj") or "")
    return values


def comparable(name: str, value: Any) -> Any:
    """*value* as compared with another: empty and missing alike, sets sorted."""
    if value in ("", [], None):
        return None
    if name in UNORDERED_FIELDS and isinstance(value, (list, tuple)):
        return sorted(map(str, value))
    return value


def differing(a: dict, b: dict, names: Iterable[str]) -> list[str]:
    """The fields among *names* where *a* and *b* differ (empty and missing alike)."""
    return [n for n in names if comparable(n, a.get(n)) != comparable(n, b.get(n))]


@functools.cache
def unordered_among(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name for name in names if name in UNORDERED_FIELDS)


def sort_sets(record: dict, names: tuple[str, ...]) -> dict:
    """The schema hands sets back in hash order: sorted, so that the same entry always
    reads and compares the same."""
    for name in unordered_among(names):
        value = record.get(name)
        if isinstance(value, list):
            record[name] = sorted(value)
    return record


# -- French messages for the national schema's verdicts -----------------------------------------
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
_DATE_REASON = "date invalide (format AAAA-MM-JJ attendu)"


def schema_reason(error: Any) -> str:
    """A French sentence for one error of the schema's validation (pydantic)."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if schema_field(error).endswith("code_postal") and kind.startswith("string_"):
        # « Z » said « texte trop court (au moins 5 caractères) »: a code postal has digits.
        return "code postal de 5 chiffres attendu (ex. 82000)"
    if kind == "string_too_short":
        return f"texte trop court (au moins {ctx.get('min_length')} caractères)"
    if kind == "string_too_long":
        return f"texte trop long (au plus {ctx.get('max_length')} caractères)"
    if kind == "enum":
        return f"valeur inconnue « {short(error.get('input'))} »"
    if kind == "value_error":
        message = str(ctx.get("error") or error.get("msg", ""))
        if "email" in message.lower():
            return "adresse de courriel invalide"
        return message.removeprefix("Value error, ")
    return _REASONS.get(kind, error.get("msg", "valeur invalide"))


def schema_field(error: Any) -> str:
    """The field one error of the schema's validation is about (``binome.mots_cles``…)."""
    return ".".join(str(p) for p in error.get("loc", ()) if not isinstance(p, int))


def short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def check_extension(ext: Any, thematiques: Thematiques) -> tuple[str, str] | None:
    """(field, reason) of the first problem of the shape of a ``binome`` extension, or
    None: each of Binôme's fields checked by its kind."""
    if ext is None:
        return None
    if not isinstance(ext, dict):
        return f"{EXTENSION_KEY}", "objet attendu"
    for f in LOCAL_RECORD:
        where = f"{EXTENSION_KEY}.{f.extension_key}"
        value = ext.get(f.extension_key)
        reason = _shape_problem(f.kind, value, thematiques)
        if reason:
            return where, reason
    return None


def _shape_problem(kind: str, value: Any, thematiques: Thematiques) -> str | None:
    if kind == SLUGS:
        try:
            slugs = as_list(value)
        except (ValueError, TypeError):
            return "liste attendue"
        for slug in slugs:
            if not isinstance(slug, str) or slug not in thematiques.by_slug:
                return f"thématique inconnue « {short(slug)} »"
        return None
    if value is None:
        return None
    if kind in (WORDS, LIST):
        if not isinstance(value, list):
            return "liste attendue"
        if kind == WORDS and not all(isinstance(m, str) and len(m) <= 200 for m in value):
            return "liste de mots (textes courts) attendue"
    elif kind == TEXT and not isinstance(value, str):
        return "texte attendu"
    elif kind == DATE:
        try:
            date.fromisoformat(str(value))
        except ValueError:
            return _DATE_REASON
    return None


# -- Binôme's local rules -------------------------------------------------------------------------
_PHONE = re.compile(r"^(?:\+33 ?|0)[1-9](?:[ .-]?\d{2}){4}$|^\d{3,4}$")


def local_problems(
    db: Database,
    record: dict,
    *,
    gazetteer: Gazetteer | None = None,
    thematiques: Thematiques | None = None,
) -> dict[str, str]:
    """Binôme's rules on top of the national schema, field → French message: what an
    entry kept here should be (see the module's docstring for how they apply)."""
    gazetteer = gazetteer or Gazetteer.from_db(db)
    thematiques = thematiques or Thematiques.from_db(db)
    problems: dict[str, str] = {}
    telephone = record.get("telephone") or ""
    if telephone and not _PHONE.match(telephone.strip()):
        problems["telephone"] = f"numéro invalide « {telephone} » (ex. 05 63 12 34 56)"
    code = record.get("code_insee")
    if code:
        commune = gazetteer.get(code)
        if commune is None:
            problems["code_insee"] = f"commune inconnue « {code} »"
        elif record.get("code_postal") and record["code_postal"] not in commune.codes_postaux:
            problems["code_postal"] = (
                f"{record['code_postal']} n'est pas un code postal de {commune.nom} "
                f"({', '.join(commune.codes_postaux)})"
            )
    # The national format, checked by opening-hours-py (ressources.horaires).
    hours_problem = horaires.hours_error(record.get("horaires_accueil"))
    if hours_problem:
        problems["horaires_accueil"] = hours_problem
    local = as_list(record.get("thematiques_locales"))
    if not local:
        problems["thematiques_locales"] = "choisissez au moins une des 22 thématiques"
    unknown = [t for t in local if t not in thematiques.by_slug]
    if unknown:
        problems["thematiques_locales"] = f"thématiques inconnues : {', '.join(unknown)}"
    structure_id = record.get("structure_id")
    if (
        structure_id
        and not db.execute("SELECT 1 FROM structures WHERE id = ?", [structure_id]).fetchone()
    ):
        problems["structure_id"] = f"structure inconnue « {structure_id} »"
    revue = record.get("date_revue")
    if revue:
        try:
            date.fromisoformat(str(revue))
        except ValueError:
            problems["date_revue"] = "date invalide (AAAA-MM-JJ attendu)"
    slug = record.get("partenaire")
    if slug and not db.execute("SELECT 1 FROM partenaires WHERE slug = ?", [slug]).fetchone():
        problems["partenaire"] = f"partenaire inconnu « {slug} »"
    return problems
