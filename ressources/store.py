"""Writing and reading resources, and keeping the search index in step.

The indexed text is normalised here, once, when a resource is written; searching never
re-normalises stored text.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple

from data_inclusion.schema.v1 import Thematique as DiThematique  # type: ignore[import-untyped]
from sqlite_utils import Database

from ressources.db import Upkeep, get_meta, select_rows, set_meta, write_transaction
from ressources.gazetteer import Gazetteer
from ressources.models import Resource, as_list
from ressources.record import (
    LOCAL_FIELDS,
    SERVICE_FIELDS,
    STRUCTURE_FIELDS,
    local_values,
)
from ressources.text import normalize, safe_text, word_stems
from ressources.thematiques import Thematiques

INDEX_GENERATION = "index_generation"
# How this version builds the search index (normalisation, stems, columns, facets). A base
# whose index was built otherwise, or that a migration marked stale (format 0), has it
# rebuilt when opened; bases made before this number existed hold format 1.
# 2: stems no longer cut twice ("domiciliation" is not "domicile") nor shorter than four
# letters for a longer word ("café" is not the CAF).
# 3: "France" kept whole (not « français »); "c", "dans", "sous", "vers" are stop words.
# 4: « cours », « course(s) » and « courant » no longer one stem (`text.OVERRIDES`).
# 5: « isolation » no longer the stem of « isolement » (`text.OVERRIDES`).
# 6: « boîte » no longer the stem of « boit », nor « sais » that of « saisie »; « dors »,
# « sors », « sais » those of « dort », « sort », « sait » (`text.OVERRIDES`).
# 7: « française » of the Croix-Rouge's and the Secours populaire's names not indexed.
INDEX_FORMAT = 7
INDEX_FORMAT_KEY = "index_format"
# The format the synonym table was normalised in (the seed's loader writes it).
SYNONYMS_FORMAT_KEY = "synonymes_format"
_DI_LABELS = {t.value: t.label for t in DiThematique}


@dataclass
class WriteCounts:
    structures: int = 0
    services: int = 0


_PLAIN = (str, int, float)
# Lists recur from record to record (publics, modes d'accueil, zones…): each distinct one is
# encoded once.
_LIST_TEXT: dict[tuple, str] = {}


def _list_text(values: Iterable) -> str:
    """A list as the JSON text SQLite stores."""
    key = tuple(values)
    text = _LIST_TEXT.get(key)
    if text is None:
        text = json.dumps(list(key))
        if len(_LIST_TEXT) < 50_000:
            _LIST_TEXT[key] = text
    return text


def _items(value: Any) -> list | tuple:
    """A list field as a sequence, without copying the (validated) lists records hold."""
    if type(value) in (list, tuple):
        return value
    return as_list(value)


def _to_db_value(value: Any) -> Any:
    """A validated (JSON-shaped) value as SQLite stores it: lists as JSON text."""
    if value is None or type(value) in _PLAIN:
        return value
    if isinstance(value, (list, tuple)):
        try:
            return _list_text(value)
        except TypeError:  # a list of objects: not hashable, and rare
            return json.dumps(list(value))
    if isinstance(value, set):
        return json.dumps(sorted(value))
    return str(value)


def bump_index_generation(db: Database) -> None:
    current = int(get_meta(db, INDEX_GENERATION, "0") or 0)
    set_meta(db, INDEX_GENERATION, str(current + 1))


def write_records(
    db: Database,
    structures: Iterable[dict],
    services: Iterable[dict],
    *,
    demo: bool = False,
    gazetteer: Gazetteer | None = None,
    thematiques: Thematiques | None = None,
    places: dict[str, StructurePlace] | None = None,
    texts: dict[str, IndexTexts] | None = None,
) -> WriteCounts:
    """Insert or update structures and services (data·inclusion v1 dicts, plus the
    ``binome`` extension on services) and index them. Runs inside the caller's transaction
    when there is one; call it within ``db.atomic()`` for all-or-nothing.

    *places*: where structures are, kept by a caller that writes in several calls (an
    import) so that each service's structure is not read back from the base. *texts*:
    the services' :func:`index_texts`, when the caller has prepared them already."""
    gazetteer = gazetteer or Gazetteer.from_db(db)
    thematiques = thematiques or Thematiques.from_db(db)
    counts = WriteCounts()

    places = {} if places is None else places
    prepared = texts or {}
    structure_rows = []
    for record in structures:
        structure_rows.append([*(_to_db_value(record.get(f)) for f in STRUCTURE_FIELDS), int(demo)])
        places[record["id"]] = StructurePlace(
            record.get("nom"),
            record.get("code_insee"),
            record.get("latitude"),
            record.get("longitude"),
        )
    if structure_rows:
        columns = [*STRUCTURE_FIELDS, "demo"]
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
        db.conn.executemany(
            f"INSERT INTO structures ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)}) "
            f"ON CONFLICT(id) DO UPDATE SET {updates}",
            structure_rows,
        )
        counts.structures = len(structure_rows)

    service_list = list(services)
    if not service_list:
        return counts
    _read_places(db, {s["structure_id"] for s in service_list} - places.keys(), places)

    columns = [*SERVICE_FIELDS, *LOCAL_FIELDS, "demo", "geo_code_insee", "geo_lat", "geo_lon"]
    rows, entries = [], {}
    for record in service_list:
        own = local_values(record, thematiques)
        local, mots_cles = own["thematiques_locales"], own["mots_cles"]
        structure = places.get(record["structure_id"], _NOWHERE)
        geo = _geo(record, structure, gazetteer)
        row = [  # _to_db_value's common case inline: this runs 33 times per service
            v if v is None or type(v) in _PLAIN else _to_db_value(v)
            for v in map(record.get, SERVICE_FIELDS)
        ]
        row += [_list_text(v) if type(v) is list else v for v in own.values()]
        row += [int(demo), *geo]
        rows.append(row)
        # What the index needs, taken from the record in hand rather than read back.
        entries[record["id"]] = _IndexEntry(
            pk=0,
            archived=False,
            nom=record.get("nom"),
            structure_nom=structure.nom,
            local=local,
            di_thematiques=_items(record.get("thematiques")),
            mots_cles=mots_cles,
            description=record.get("description"),
            code_insee=geo[0],
            lat=geo[1],
            lon=geo[2],
            frais=record.get("frais"),
            publics=_items(record.get("publics")),
            zone=_items(record.get("zone_eligibilite")),
            texts=prepared.get(record["id"]),
            modes_accueil=_items(record.get("modes_accueil")),
        )
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
    db.conn.executemany(
        f"INSERT INTO services ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)}) "
        f"ON CONFLICT(id) DO UPDATE SET {updates}",
        rows,
    )
    counts.services = len(rows)
    # The rows now have their keys; an entry archived before keeps its status (and stays
    # out of the index).
    ids = list(entries)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        for service_id, pk, archived in db.conn.execute(
            f"SELECT id, pk, archive FROM services WHERE id IN ({marks})", chunk
        ):
            entry = entries[service_id]
            entry.pk, entry.archived = pk, bool(archived)
    _write_index(db, list(entries.values()), thematiques)
    return counts


class StructurePlace(NamedTuple):
    """What a service takes from its structure: a name to index, a place to fall back on."""

    nom: str | None
    code_insee: str | None
    latitude: float | None
    longitude: float | None


_NOWHERE = StructurePlace(None, None, None, None)


def _read_places(db: Database, ids: set[str], places: dict[str, StructurePlace]) -> None:
    id_list = list(ids)
    for start in range(0, len(id_list), 500):
        chunk = id_list[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        for row in db.conn.execute(
            "SELECT id, nom, code_insee, latitude, longitude FROM structures "
            f"WHERE id IN ({marks})",
            chunk,
        ):
            places[row[0]] = StructurePlace(*row[1:])


def _geo(record: dict, structure: StructurePlace, gazetteer: Gazetteer) -> tuple:
    """Where a service is: its own point, its commune's, else its structure's."""
    code = record.get("code_insee") or structure.code_insee
    lat, lon = record.get("latitude"), record.get("longitude")
    if lat is None or lon is None:
        commune = gazetteer.get(record.get("code_insee") or "")
        if commune:
            lat, lon = commune.latitude, commune.longitude
        elif structure.latitude is not None and structure.longitude is not None:
            lat, lon = structure.latitude, structure.longitude
        else:
            commune = gazetteer.get(structure.code_insee or "")
            if commune:
                lat, lon = commune.latitude, commune.longitude
    return code, lat, lon


class IndexTexts(NamedTuple):
    """A service's texts as the search index holds them (its structure's name aside)."""

    nom: str
    thematiques: str
    mots_cles: str
    description: str


def index_texts(
    nom: str | None,
    local: list[str],
    di_thematiques: Sequence[str],
    mots_cles: list[str],
    description: str | None,
    thematiques: Thematiques,
) -> IndexTexts:
    """Normalised once, here, when a service is written; never per query."""
    theme_text = " ".join(
        [thematiques.label(s) for s in local] + [_DI_LABELS.get(t, "") for t in di_thematiques]
    )
    return IndexTexts(
        normalize(nom),
        normalize(theme_text),
        normalize(" ".join(mots_cles)),
        normalize(description),
    )


def service_index_texts(record: dict, thematiques: Thematiques) -> IndexTexts:
    """:func:`index_texts` of a service record (as :func:`write_records` takes them)."""
    own = local_values(record, thematiques)
    return index_texts(
        record.get("nom"),
        own["thematiques_locales"],
        _items(record.get("thematiques")),
        own["mots_cles"],
        record.get("description"),
        thematiques,
    )


@functools.lru_cache(maxsize=4096)
def _structure_text(nom: str | None) -> str:
    text = normalize(nom)  # many services share a structure
    # « française » in the Croix-Rouge's or the Secours populaire's name is no French
    # lesson: « il comprend pas un mot de français » listed their services first.
    for name in _FRENCH_CHARITIES:
        if name in text:
            text = text.replace(name, name.removesuffix(" franc"))
    return text


_FRENCH_CHARITIES = ("croix roug franc", "secour populair franc")


@dataclass(slots=True)
class _IndexEntry:
    """What the search index and the facets hold of one service."""

    pk: int
    archived: bool
    nom: str | None
    structure_nom: str | None
    local: list[str]
    di_thematiques: Sequence[str]
    mots_cles: list[str]
    description: str | None
    code_insee: str | None
    lat: float | None
    lon: float | None
    frais: str | None
    publics: Sequence[str]
    zone: Sequence[str]
    texts: IndexTexts | None = None
    modes_accueil: list[str] | tuple = ()


def reindex_services(
    db: Database, service_ids: list[str], *, thematiques: Thematiques | None = None
) -> None:
    """Rebuild the index rows of these services (archived ones leave the index)."""
    thematiques = thematiques or Thematiques.from_db(db)
    entries = []
    for start in range(0, len(service_ids), 500):
        chunk = service_ids[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        for r in select_rows(
            db,
            "SELECT s.pk, s.archive, s.nom, st.nom AS structure_nom, s.thematiques_locales, "
            "s.thematiques, s.mots_cles, s.description, s.geo_code_insee, s.geo_lat, "
            "s.geo_lon, s.frais, s.publics, s.zone_eligibilite, s.modes_accueil "
            "FROM services s JOIN structures st ON st.id = s.structure_id "
            f"WHERE s.id IN ({marks})",
            chunk,
        ):
            entry = _IndexEntry(
                pk=r["pk"],
                archived=bool(r["archive"]),
                nom=r["nom"],
                structure_nom=r["structure_nom"],
                local=as_list(r["thematiques_locales"]),
                di_thematiques=as_list(r["thematiques"]),
                mots_cles=as_list(r["mots_cles"]),
                description=r["description"],
                code_insee=r["geo_code_insee"],
                lat=r["geo_lat"],
                lon=r["geo_lon"],
                frais=r["frais"],
                publics=as_list(r["publics"]),
                zone=as_list(r["zone_eligibilite"]),
                modes_accueil=as_list(r["modes_accueil"]),
            )
            entries.append(entry)
    _write_index(db, entries, thematiques)


def _write_index(db: Database, entries: list[_IndexEntry], thematiques: Thematiques) -> None:
    """Replace the index, thématique links and facets of these services."""
    for start in range(0, len(entries), 500):
        chunk = entries[start : start + 500]
        pks = [[e.pk] for e in chunk]
        db.conn.executemany("DELETE FROM services_fts WHERE rowid = ?", pks)
        db.conn.executemany("DELETE FROM service_thematiques WHERE service_pk = ?", pks)
        db.conn.executemany("DELETE FROM service_facets WHERE pk = ?", pks)
        fts_rows, link_rows, facet_rows = [], [], []
        tokens: set[str] = set()
        for e in chunk:
            link_rows += [[e.pk, slug] for slug in e.local]
            if e.archived:
                continue
            texts = e.texts or index_texts(
                e.nom, e.local, e.di_thematiques, e.mots_cles, e.description, thematiques
            )
            fts_rows.append(
                [
                    e.pk,
                    texts.nom,
                    _structure_text(e.structure_nom),
                    texts.thematiques,
                    texts.mots_cles,
                    texts.description,
                    _zone_text(e.zone, e.code_insee, e.modes_accueil),
                ]
            )
            facet_rows.append(
                [
                    e.pk,
                    e.code_insee,
                    e.lat,
                    e.lon,
                    e.frais,
                    _padded(e.publics, "|"),
                    _padded(e.zone, " "),
                    _reception_mode(e.modes_accueil),
                ]
            )
            # The words as written (before stemming), for typo, prefix and phonetic
            # lookups: set updates run at C speed, each distinct token is folded once.
            for text in (e.nom, e.structure_nom, e.description):
                if text:
                    tokens.update(text.split())
            for text in e.mots_cles:
                tokens.update(text.split())
        db.conn.executemany(
            "INSERT INTO services_fts(rowid, nom, structure, thematiques, mots_cles, description, "
            "zone) VALUES (?, ?, ?, ?, ?, ?, ?)",
            fts_rows,
        )
        db.conn.executemany(
            "INSERT OR IGNORE INTO service_thematiques(service_pk, slug) VALUES (?, ?)",
            link_rows,
        )
        db.conn.executemany(
            "INSERT INTO service_facets(pk, geo_code_insee, geo_lat, geo_lon, frais, publics, "
            "zone, accueil) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            facet_rows,
        )
        if chunk:
            tokens.update(_theme_tokens(thematiques))
            db.conn.executemany(
                "INSERT OR IGNORE INTO service_mots(mot, racine) VALUES (?, ?)",
                {pair for token in tokens for pair in word_stems(token)},
            )
    bump_index_generation(db)


def index_stale(db: Database) -> bool:
    """Whether the search index was built otherwise than this version builds it."""
    return int(get_meta(db, INDEX_FORMAT_KEY, "1") or 0) != INDEX_FORMAT


def rebuild_index(db: Database) -> None:
    """The whole search index rebuilt with today's code: the synonym keys normalised as
    queries are, then every service reindexed (its facets, thématiques and words)."""
    if get_meta(db, SYNONYMS_FORMAT_KEY) != str(INDEX_FORMAT):
        # Normalised by an earlier version: the stems normalised again, the best that can
        # be done from them (stemming a stem can cut it further); a seeded base reloads
        # them from the seed's text right after (seed.loader.ensure_seeded).
        synonyms = list(db.execute("SELECT terme, expansions FROM synonymes"))
        db.execute("DELETE FROM synonymes")
        merged: dict[str, list[str]] = {}
        for term, expansions in synonyms:
            target = merged.setdefault(normalize(term), [])
            target += [e for e in map(normalize, json.loads(expansions)) if e and e not in target]
        db.conn.executemany(
            "INSERT INTO synonymes(terme, expansions) VALUES (?, ?)",
            [(k, json.dumps(v)) for k, v in merged.items() if k],
        )
    db.execute("DELETE FROM services_fts")
    db.execute("DELETE FROM service_facets")
    db.execute("DELETE FROM service_thematiques")
    db.execute("DELETE FROM service_mots")  # each written word's stem, as computed today
    reindex_services(db, [row[0] for row in db.execute("SELECT id FROM services")])
    # Every row written again leaves FTS5 with many small segments, which each search
    # then reads (a rebuilt base of 10,000 entries searched 15 % slower than one imported
    # afresh): merged into one, as an import leaves it.
    db.execute("INSERT INTO services_fts(services_fts) VALUES ('optimize')")
    set_meta(db, INDEX_FORMAT_KEY, str(INDEX_FORMAT))


# Kept current when the base is opened (ressources.db.open_database).
INDEX_UPKEEP = Upkeep(stale=index_stale, rebuild=rebuild_index)


@functools.lru_cache(maxsize=4096)
def _zone_cached(zone: tuple) -> str:
    return " ".join("z" + str(code).lower() for code in zone)


def _zone_text(zone: Sequence[str], code_insee: str | None, modes: list | tuple) -> str:
    """Where a service is and whom it serves, as index words: "c82121" (its commune),
    "rdistance" (received at a distance only), "z82121 z82 zfrance" (its zone). FTS5
    finds what is in or serves a commune, intersected with the query's words, from its
    own lists, without reading every row. The marks keep query words from meeting them."""
    words = _zone_cached(tuple(zone)) if zone else ""
    if code_insee:
        words = f"c{code_insee} {words}"
    if _reception_mode(modes) == 2:
        words += " rdistance"
    return words


def _reception_mode(modes: list[str] | tuple) -> int:
    """0: received on site; 1: on site or at a distance; 2: at a distance only (a phone
    line, a website): its address says nothing of whom it serves."""
    if "a-distance" not in modes:
        return 0
    return 1 if "en-presentiel" in modes else 2


@functools.lru_cache(maxsize=8)
def _theme_tokens(thematiques: Thematiques) -> frozenset[str]:
    labels = [thematiques.label(t.slug) for t in thematiques.items] + list(_DI_LABELS.values())
    return frozenset(w for label in labels for w in label.split())


def _padded(values: Sequence[str], separator: str) -> str:
    """["a", "b"] → '|a|b|': a LIKE or instr() test needs no JSON parsing."""
    if not values:
        return ""
    if not all(type(v) is str for v in values):
        values = [str(v) for v in values]
    return separator + separator.join(values) + separator


def delete_services(db: Database, service_ids: list[str]) -> None:
    """Remove services and everything indexed about them (explicitly: an import runs with
    foreign keys, and so their cascades, switched off)."""
    for service_id in service_ids:
        row = db.execute("SELECT pk FROM services WHERE id = ?", [service_id]).fetchone()
        if row is None:
            continue
        for table, key in _INDEXED_BY_PK:
            db.execute(f"DELETE FROM {table} WHERE {key} = ?", [row[0]])
        db.execute("DELETE FROM services WHERE pk = ?", [row[0]])
    bump_index_generation(db)


_INDEXED_BY_PK = (
    ("services_fts", "rowid"),
    ("service_facets", "pk"),
    ("service_thematiques", "service_pk"),
)


@contextmanager
def bulk_transaction(db: Database) -> Iterator[None]:
    """One transaction for a large import, all or nothing.

    Foreign keys are not enforced inside it: checking each service's structure in SQLite
    cost a tenth of an import of 100,000 services, and the importer has checked every
    reference itself (structures, thématiques) before writing. They are enforced again
    afterwards. Inside an open transaction the setting can't change: it is then kept.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield
        return
    enforced = db.execute("PRAGMA foreign_keys").fetchone()[0]
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        # BEGIN IMMEDIATE: an import reads (what is already there) before it writes; a
        # deferred transaction would then fail at once if someone saved in between. Busy
        # (people saving), it waits its turn within the retry budget.
        with write_transaction(db, wait=True):
            yield
    finally:
        if enforced:
            db.execute("PRAGMA foreign_keys = ON")


# The columns a Resource is made of (the others, such as the sync's fingerprint, are not
# read: a search reads some 50 rows a keystroke).
_RESOURCE_COLUMNS = [
    "pk",
    "id",
    "nom",
    "description",
    "structure_id",
    "thematiques_locales",
    "mots_cles",
    "publics",
    "publics_precisions",
    "conditions_acces",
    "frais",
    "frais_precisions",
    "adresse",
    "complement_adresse",
    "code_postal",
    "commune",
    "geo_code_insee",
    "geo_lat",
    "geo_lon",
    "telephone",
    "courriel",
    "horaires_accueil",
    "contact_nom_prenom",
    "modes_accueil",
    "modes_mobilisation",
    "mobilisable_par",
    "mobilisation_precisions",
    "lien_mobilisation",
    "zone_eligibilite",
    "partenaire",
    "date_maj",
    "date_revue",
    "demo",
    "archive",
]
_STRUCTURE_COLUMNS = [
    "nom",
    "site_web",
    "telephone",
    "courriel",
    "horaires_accueil",
    "adresse",
    "complement_adresse",
    "code_postal",
    "commune",
]
_RESOURCE_SQL = f"""
SELECT {", ".join("s." + c for c in _RESOURCE_COLUMNS)},
       {", ".join("st." + c for c in _STRUCTURE_COLUMNS)}
FROM services s JOIN structures st ON st.id = s.structure_id
"""


def get_resources(db: Database, pks: list[int]) -> dict[int, Resource]:
    """Resources by their internal key, with the structure's details as fallbacks."""
    out: dict[int, Resource] = {}
    for start in range(0, len(pks), 500):
        chunk = pks[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        # Rows as tuples: a search reads some 50 a keystroke, and a dict per row cost a
        # quarter of building them.
        for row in db.conn.execute(_RESOURCE_SQL + f" WHERE s.pk IN ({marks})", chunk):
            out[row[0]] = _row_to_resource(row)
    return out


def get_resource(db: Database, service_id: str) -> Resource | None:
    row = db.conn.execute(_RESOURCE_SQL + " WHERE s.id = ?", [service_id]).fetchone()
    return _row_to_resource(row) if row else None


def _json_list(text: str | None) -> tuple:
    # The parsed tuple itself (shared by every resource with the same text): a resource's
    # lists are made of strings in tuples, which Python's cycle collector leaves alone
    # (the resources kept for the next keystrokes made a third of what it walked).
    return _parsed_list(text) if text and text != "[]" else ()


@functools.lru_cache(maxsize=4096)
def _parsed_list(text: str) -> tuple:
    # Every search turns some 50 rows into resources, each with seven lists, most of them
    # the same few texts ('["tous-publics"]'): each is parsed once.
    return tuple(json.loads(text))


# The characters of Latin-1 that `str.isprintable` accepts, as bytes.
_PRINTABLE_LATIN1 = bytes(c for c in range(256) if chr(c).isprintable())


def _printable(text: str) -> bool:
    """``text.isprintable()``, three times faster for Latin-1 text (most French text):
    nothing is left of its bytes once the printable ones are taken out."""
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:  # « œ », « € », « ’ »…
        return text.isprintable()
    return not raw.translate(None, _PRINTABLE_LATIN1)


def _row_to_resource(row: tuple) -> Resource:
    """A row of ``_RESOURCE_SQL`` (the service's columns, then its structure's)."""
    # Text stored before imports stripped escape sequences is made safe to show here (one
    # test of the row's texts joined: a search reads some 50 rows a keystroke).
    if not _printable("".join([v for v in row if v.__class__ is str])):
        row = tuple(v if v.__class__ is not str or v.isprintable() else safe_text(v) for v in row)
    (
        pk,
        id_,
        nom,
        description,
        structure_id,
        thematiques_locales,
        mots_cles,
        publics,
        publics_precisions,
        conditions_acces,
        frais,
        frais_precisions,
        adresse,
        complement_adresse,
        code_postal,
        commune,
        geo_code_insee,
        geo_lat,
        geo_lon,
        telephone,
        courriel,
        horaires_accueil,
        contact_nom_prenom,
        modes_accueil,
        modes_mobilisation,
        mobilisable_par,
        mobilisation_precisions,
        lien_mobilisation,
        zone_eligibilite,
        partenaire,
        date_maj,
        date_revue,
        demo,
        archive,
        structure_nom,
        structure_site_web,
        structure_telephone,
        structure_courriel,
        structure_horaires_accueil,
        structure_adresse,
        structure_complement_adresse,
        structure_code_postal,
        structure_commune,
    ) = row
    # A service without an address of its own is found at its structure's.
    if not (adresse or commune):
        adresse, complement_adresse = structure_adresse, structure_complement_adresse
    json_list = _json_list
    # Every field given: the values set as the instance's attributes at once rather than
    # through the dataclass' __init__, one by one (a search builds some 50 a keystroke;
    # the same instance as ``Resource(**values)``).
    resource = object.__new__(Resource)
    resource.__dict__.update(
        {
            "pk": pk,
            "id": id_,
            "nom": nom,
            "description": description or "",
            "structure_id": structure_id,
            "structure_nom": structure_nom or "",
            "thematiques_locales": json_list(thematiques_locales),
            "mots_cles": json_list(mots_cles),
            "publics": json_list(publics),
            "publics_precisions": publics_precisions or "",
            "conditions_acces": conditions_acces or "",
            "frais": frais or "",
            "frais_precisions": frais_precisions or "",
            "adresse": adresse or "",
            "complement_adresse": complement_adresse or "",
            "code_postal": code_postal or structure_code_postal or "",
            "commune": commune or structure_commune or "",
            "code_insee": geo_code_insee or "",
            "latitude": geo_lat,
            "longitude": geo_lon,
            "telephone": telephone or structure_telephone or "",
            "courriel": courriel or structure_courriel or "",
            "site_web": structure_site_web or "",
            "horaires_accueil": horaires_accueil or structure_horaires_accueil or "",
            "contact_nom_prenom": contact_nom_prenom or "",
            "modes_accueil": json_list(modes_accueil),
            "modes_mobilisation": json_list(modes_mobilisation),
            "mobilisable_par": json_list(mobilisable_par),
            "mobilisation_precisions": mobilisation_precisions or "",
            "lien_mobilisation": lien_mobilisation or "",
            "zone_eligibilite": json_list(zone_eligibilite),
            "partenaire": partenaire or "",
            "date_maj": date_maj or "",
            "date_revue": date_revue or "",
            "demo": bool(demo),
            "archive": bool(archive),
        }
    )
    return resource


def count_resources(db: Database) -> dict[str, int]:
    row = db.execute(
        "SELECT count(*), coalesce(sum(demo), 0), coalesce(sum(archive), 0) FROM services"
    ).fetchone()
    return {"services": row[0], "demo": row[1], "archives": row[2]}
