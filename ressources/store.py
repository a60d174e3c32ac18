"""Writing and reading resources, and keeping the search index in step.

The indexed text is normalised here, once, when a resource is written; searching never
re-normalises stored text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from data_inclusion.schema.v1 import Thematique as DiThematique
from sqlite_utils import Database

from ressources.db import get_meta, set_meta
from ressources.gazetteer import Gazetteer
from ressources.models import (
    SERVICE_FIELDS,
    STRUCTURE_FIELDS,
    Resource,
    as_list,
)
from ressources.text import normalize
from ressources.thematiques import Thematiques

INDEX_GENERATION = "index_generation"
_DI_LABELS = {t.value: t.label for t in DiThematique}


@dataclass
class WriteCounts:
    structures: int = 0
    services: int = 0


def _to_db_value(value: Any) -> Any:
    """A validated (JSON-shaped) value as SQLite stores it: lists as JSON text."""
    if value is None or type(value) in (str, int, float):
        return value
    if isinstance(value, (list, set, tuple)):
        return json.dumps(sorted(value) if isinstance(value, set) else list(value))
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
) -> WriteCounts:
    """Insert or update structures and services (data·inclusion v1 dicts, plus the
    ``binome`` extension on services) and index them. Runs inside the caller's transaction
    when there is one; call it within ``db.atomic()`` for all-or-nothing."""
    gazetteer = gazetteer or Gazetteer.from_db(db)
    thematiques = thematiques or Thematiques.from_db(db)
    counts = WriteCounts()

    structure_rows = []
    for record in structures:
        row = {f: _to_db_value(record.get(f)) for f in STRUCTURE_FIELDS}
        row["demo"] = int(demo)
        structure_rows.append(row)
    if structure_rows:
        columns = [*STRUCTURE_FIELDS, "demo"]
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
        db.conn.executemany(
            f"INSERT INTO structures ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)}) "
            f"ON CONFLICT(id) DO UPDATE SET {updates}",
            [[r[c] for c in columns] for r in structure_rows],
        )
        counts.structures = len(structure_rows)

    service_list = list(services)
    if not service_list:
        return counts
    needed = {s["structure_id"] for s in service_list}
    structure_info = _structure_info(db, needed)

    columns = [
        *SERVICE_FIELDS,
        "thematiques_locales", "mots_cles", "partenaire", "date_revue", "demo",
        "geo_code_insee", "geo_lat", "geo_lon",
    ]  # fmt: skip
    rows = []
    for record in service_list:
        ext = record.get("binome") or {}
        local = [t for t in as_list(ext.get("thematiques")) if t in thematiques.by_slug]
        if not local:
            local = thematiques.from_di(sorted(as_list(record.get("thematiques"))))
        structure = structure_info.get(record["structure_id"], {})
        geo = _geo(record, structure, gazetteer)
        row = [_to_db_value(record.get(f)) for f in SERVICE_FIELDS]
        row += [
            json.dumps(local),
            json.dumps([str(k) for k in as_list(ext.get("mots_cles"))]),
            ext.get("partenaire"),
            ext.get("date_revue") or str(record.get("date_maj") or ""),
            int(demo),
            *geo,
        ]
        rows.append(row)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
    db.conn.executemany(
        f"INSERT INTO services ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)}) "
        f"ON CONFLICT(id) DO UPDATE SET {updates}",
        rows,
    )
    counts.services = len(rows)
    ids = [s["id"] for s in service_list]
    reindex_services(db, ids, thematiques=thematiques)
    return counts


def _structure_info(db: Database, ids: set[str]) -> dict[str, dict]:
    info: dict[str, dict] = {}
    id_list = list(ids)
    for start in range(0, len(id_list), 500):
        chunk = id_list[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        for row in db.query(
            "SELECT id, nom, code_insee, latitude, longitude FROM structures "
            f"WHERE id IN ({marks})",
            chunk,
        ):
            info[row["id"]] = row
    return info


def _geo(record: dict, structure: dict, gazetteer: Gazetteer) -> tuple:
    """Where a service is: its own point, its commune's, else its structure's."""
    code = record.get("code_insee") or structure.get("code_insee")
    lat, lon = record.get("latitude"), record.get("longitude")
    if lat is None or lon is None:
        commune = gazetteer.get(record.get("code_insee") or "")
        if commune:
            lat, lon = commune.latitude, commune.longitude
        elif structure.get("latitude") is not None and structure.get("longitude") is not None:
            lat, lon = structure["latitude"], structure["longitude"]
        else:
            commune = gazetteer.get(structure.get("code_insee") or "")
            if commune:
                lat, lon = commune.latitude, commune.longitude
    return code, lat, lon


def reindex_services(
    db: Database, service_ids: list[str], *, thematiques: Thematiques | None = None
) -> None:
    """Rebuild the index rows of these services (archived ones leave the index)."""
    thematiques = thematiques or Thematiques.from_db(db)
    for start in range(0, len(service_ids), 500):
        chunk = service_ids[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        rows = list(
            db.query(
                "SELECT s.pk, s.nom, s.description, s.thematiques, s.thematiques_locales, "
                "s.mots_cles, s.archive, st.nom AS structure_nom "
                "FROM services s JOIN structures st ON st.id = s.structure_id "
                f"WHERE s.id IN ({marks})",
                chunk,
            )
        )
        pks = [r["pk"] for r in rows]
        db.conn.executemany("DELETE FROM services_fts WHERE rowid = ?", [[pk] for pk in pks])
        db.conn.executemany(
            "DELETE FROM service_thematiques WHERE service_pk = ?", [[pk] for pk in pks]
        )
        fts_rows, link_rows = [], []
        for r in rows:
            local = json.loads(r["thematiques_locales"] or "[]")
            link_rows += [[r["pk"], slug] for slug in local]
            if r["archive"]:
                continue
            theme_text = " ".join(
                [thematiques.label(s) for s in local]
                + [_DI_LABELS.get(t, "") for t in as_list(r["thematiques"])]
            )
            fts_rows.append(
                [
                    r["pk"],
                    normalize(r["nom"]),
                    normalize(r["structure_nom"]),
                    normalize(theme_text),
                    normalize(" ".join(json.loads(r["mots_cles"] or "[]"))),
                    normalize(r["description"]),
                ]
            )
        db.conn.executemany(
            "INSERT INTO services_fts(rowid, nom, structure, thematiques, mots_cles, description)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            fts_rows,
        )
        db.conn.executemany(
            "INSERT OR IGNORE INTO service_thematiques(service_pk, slug) VALUES (?, ?)",
            link_rows,
        )
        refresh_facets(db, pks)
    bump_index_generation(db)


def refresh_facets(db: Database, pks: list[int]) -> None:
    """Rewrite the ranking and filtering rows of these services (none for archived ones)."""
    for start in range(0, len(pks), 500):
        chunk = pks[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        db.conn.executemany("DELETE FROM service_facets WHERE pk = ?", [[pk] for pk in chunk])
        rows = []
        for row in db.execute(
            "SELECT pk, geo_code_insee, geo_lat, geo_lon, frais, publics, zone_eligibilite "
            f"FROM services WHERE archive = 0 AND pk IN ({marks})",
            chunk,
        ):
            pk, code, lat, lon, frais, publics, zone = row
            rows.append([pk, code, lat, lon, frais, _padded(publics, "|"), _padded(zone, " ")])
        db.conn.executemany(
            "INSERT INTO service_facets(pk, geo_code_insee, geo_lat, geo_lon, frais, publics, "
            "zone) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def _padded(json_list: str | None, separator: str) -> str:
    """'["a", "b"]' → '|a|b|': a LIKE or instr() test needs no JSON parsing."""
    values = as_list(json_list)
    return separator + separator.join(str(v) for v in values) + separator if values else ""


def delete_services(db: Database, service_ids: list[str]) -> None:
    """Remove services and everything indexed about them."""
    for service_id in service_ids:
        row = db.execute("SELECT pk FROM services WHERE id = ?", [service_id]).fetchone()
        if row is None:
            continue
        db.execute("DELETE FROM services_fts WHERE rowid = ?", [row[0]])
        db.execute("DELETE FROM services WHERE pk = ?", [row[0]])
    bump_index_generation(db)


_RESOURCE_SQL = """
SELECT s.*, st.nom AS structure_nom, st.site_web AS structure_site_web,
       st.telephone AS structure_telephone, st.courriel AS structure_courriel,
       st.horaires_accueil AS structure_horaires_accueil, st.adresse AS structure_adresse,
       st.complement_adresse AS structure_complement_adresse,
       st.code_postal AS structure_code_postal, st.commune AS structure_commune
FROM services s JOIN structures st ON st.id = s.structure_id
"""


def get_resources(db: Database, pks: list[int]) -> dict[int, Resource]:
    """Resources by their internal key, with the structure's details as fallbacks."""
    out: dict[int, Resource] = {}
    for start in range(0, len(pks), 500):
        chunk = pks[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        for row in _rows(db, _RESOURCE_SQL + f" WHERE s.pk IN ({marks})", chunk):
            out[row["pk"]] = _row_to_resource(row)
    return out


def get_resource(db: Database, service_id: str) -> Resource | None:
    rows = _rows(db, _RESOURCE_SQL + " WHERE s.id = ?", [service_id])
    return _row_to_resource(rows[0]) if rows else None


def _rows(db: Database, sql: str, params: list) -> list[dict]:
    cursor = db.conn.execute(sql, params)
    keys = [d[0] for d in cursor.description]
    return [dict(zip(keys, row, strict=True)) for row in cursor]


def _json_list(text: str | None) -> list:
    return json.loads(text) if text and text != "[]" else []


def _row_to_resource(row: dict) -> Resource:
    # A service without an address of its own is found at its structure's.
    own = bool(row["adresse"] or row["commune"])
    prefix = "" if own else "structure_"

    def pick(name: str) -> str:
        return row[name] or row["structure_" + name] or ""

    return Resource(
        pk=row["pk"],
        id=row["id"],
        nom=row["nom"],
        description=row["description"] or "",
        structure_id=row["structure_id"],
        structure_nom=row["structure_nom"] or "",
        thematiques=_json_list(row["thematiques_locales"]),
        mots_cles=_json_list(row["mots_cles"]),
        publics=_json_list(row["publics"]),
        publics_precisions=row["publics_precisions"] or "",
        conditions_acces=row["conditions_acces"] or "",
        frais=row["frais"] or "",
        frais_precisions=row["frais_precisions"] or "",
        adresse=row[prefix + "adresse"] or "",
        complement_adresse=row[prefix + "complement_adresse"] or "",
        code_postal=pick("code_postal"),
        commune=pick("commune"),
        code_insee=row["geo_code_insee"] or "",
        latitude=row["geo_lat"],
        longitude=row["geo_lon"],
        telephone=pick("telephone"),
        courriel=pick("courriel"),
        site_web=row["structure_site_web"] or "",
        horaires_accueil=pick("horaires_accueil"),
        contact_nom_prenom=row["contact_nom_prenom"] or "",
        modes_accueil=_json_list(row["modes_accueil"]),
        modes_mobilisation=_json_list(row["modes_mobilisation"]),
        mobilisable_par=_json_list(row["mobilisable_par"]),
        mobilisation_precisions=row["mobilisation_precisions"] or "",
        lien_mobilisation=row["lien_mobilisation"] or "",
        zone_eligibilite=_json_list(row["zone_eligibilite"]),
        partenaire=row["partenaire"] or "",
        date_maj=row["date_maj"] or "",
        date_revue=row["date_revue"] or "",
        demo=bool(row["demo"]),
        archive=bool(row["archive"]),
    )


def count_resources(db: Database) -> dict[str, int]:
    row = db.execute(
        "SELECT count(*), coalesce(sum(demo), 0), coalesce(sum(archive), 0) FROM services"
    ).fetchone()
    return {"services": row[0], "demo": row[1], "archives": row[2]}
