"""Loading the seed data files into a database.

Reference data (thématiques, communes, synonyms) is loaded into every database; demo
resources only when asked (``binome init`` without ``--sans-demo``, or the first start).
Loading is idempotent: running it twice leaves the same rows.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from caseload.database import open_project_database
from ressources.db import get_meta, set_meta
from ressources.exchange import ImportReport, import_records
from ressources.store import INDEX_FORMAT, SYNONYMS_FORMAT_KEY
from ressources.text import normalize

DATA = resources.files("seed") / "data"
SEEDED_KEY = "seeded_reference"
DEMO_KEY = "seeded_demo"
TERRITOIRE_KEY = "seeded_territoire"
PARTENAIRES_KEY = "seeded_partenaires"
SYNONYMS_SEED_KEY = "seeded_synonymes"  # a fingerprint of the seed's synonyms


def read_seed(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def seed_path(name: str) -> Path:
    return Path(str(DATA / name))


def load_reference(db: Database) -> None:
    """Thématiques, communes and synonyms (what a département going live starts from)."""
    thematiques = read_seed("thematiques.json")
    communes = read_seed("communes-82.json")
    synonymes = read_seed("synonymes.json")
    with db.atomic():
        db.table("thematiques").upsert_all(
            [
                {
                    "slug": t["slug"],
                    "label": t["label"],
                    "description": t.get("description", ""),
                    "position": index,
                    "di_categorie": t.get("di_categorie"),
                    "di_thematiques": json.dumps(t.get("di_thematiques", [])),
                }
                for index, t in enumerate(thematiques)
            ],
            pk="slug",
        )
        db.table("communes").upsert_all(
            [
                {
                    "code_insee": c["code_insee"],
                    "nom": c["nom"],
                    "population": c.get("population"),
                    "codes_postaux": json.dumps(c.get("codes_postaux", [])),
                    "epci": c.get("epci"),
                    # A reference file without SIRENs (another département's) loads too.
                    **({"epci_siren": c["epci_siren"]} if "epci_siren" in c else {}),
                    "canton": c.get("canton"),
                    "longitude": c["longitude"],
                    "latitude": c["latitude"],
                }
                for c in communes
            ],
            pk="code_insee",
        )
        _load_synonyms(db, synonymes)
        set_meta(db, SEEDED_KEY, "1")


def _load_synonyms(db: Database, synonymes: dict[str, list[str]]) -> None:
    """The synonym table, normalised as today's index is (its stems): the base keeps only
    that form, so a base indexed otherwise reloads it from the seed (``ensure_seeded``)."""
    db.execute("DELETE FROM synonymes")
    rows: dict[str, list[str]] = {}
    for term, expansions in synonymes.items():
        key = normalize(term)
        if key:
            merged = rows.setdefault(key, [])
            merged += [e for e in (normalize(x) for x in expansions) if e and e not in merged]
    db.table("synonymes").insert_all(
        [{"terme": k, "expansions": json.dumps(v)} for k, v in rows.items()], pk="terme"
    )
    set_meta(db, SYNONYMS_FORMAT_KEY, str(INDEX_FORMAT))
    set_meta(db, SYNONYMS_SEED_KEY, _fingerprint(synonymes))


def _fingerprint(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:16]


def _synonyms_current(db: Database) -> bool:
    """Whether the base's synonyms are the seed's, normalised as today's index is."""
    return get_meta(db, SYNONYMS_FORMAT_KEY) == str(INDEX_FORMAT) and get_meta(
        db, SYNONYMS_SEED_KEY
    ) == _fingerprint(read_seed("synonymes.json"))


def load_demo(db: Database) -> ImportReport:
    """The fictitious resources of the demo seed, marked as demo data."""
    payload = read_seed("ressources_demo.json")
    report = import_records(db, payload["structures"], payload["services"], demo=True)
    set_meta(db, DEMO_KEY, "1")
    return report


def load_territoire(db: Database) -> None:
    """MDS, sites, quartiers of Montauban, France Travail agences and the indicative
    sectorisation of the 195 communes (reference data)."""
    territoire = read_seed("territoire.json")
    sectorisation = read_seed("sectorisation.json")
    with db.atomic():
        db.table("mds").upsert_all(
            [
                {"slug": m["slug"], "nom": m["nom"], "position": i}
                for i, m in enumerate(territoire["mds"])
            ],
            pk="slug",
        )
        db.table("sites").upsert_all(
            [
                {
                    "id": f"{m['slug']}:{s['slug']}",
                    "mds": m["slug"],
                    "slug": s["slug"],
                    "nom": s["nom"],
                    "code_insee": s["code_insee"],
                }
                for m in territoire["mds"]
                for s in m["sites"]
            ],
            pk="id",
        )
        db.table("quartiers").upsert_all(
            [
                {"slug": q["slug"], "nom": q["nom"], "site_id": f"montauban:{q['site']}"}
                for q in territoire["quartiers_montauban"]
            ],
            pk="slug",
        )
        db.table("agences").upsert_all(territoire["agences"], pk="slug")
        db.table("commune_secteurs").upsert_all(
            [
                {
                    "code_insee": c["code_insee"],
                    "site_id": f"{c['mds']}:{c['site']}",
                    "indicatif": 1,
                }
                for c in sectorisation["communes"]
            ],
            pk="code_insee",
        )
        set_meta(db, TERRITOIRE_KEY, "1")


def load_demo_profils(db: Database) -> None:
    """Fictitious people: the ASS with their sectors, the conseillers, a responsable per
    MDS, a person for each other partner and an administrateur."""
    territoire = read_seed("territoire.json")
    sectorisation = read_seed("sectorisation.json")
    profils = []
    for a in territoire["ass"]:
        profils.append(
            {
                "id": a["id"],
                "role": "ass",
                "prenom": a["prenom"],
                "nom": a["nom"],
                "login": a["id"],
                "mds": a["mds"],
                "site_id": f"{a['mds']}:{a['site']}",
                "partenaire": f"cd82-mds-{a['mds']}",
                "demo": 1,
            }
        )
    for c in territoire["conseillers"]:
        profils.append(
            {
                "id": c["id"],
                "role": "conseiller",
                "prenom": c["prenom"],
                "nom": c["nom"],
                "login": c["id"],
                "agence": c["agence"],
                "partenaire": "france-travail-82",
                "demo": 1,
            }
        )
    for m in territoire["mds"]:
        r = m["responsable"]
        profils.append(
            {
                "id": f"resp-{m['slug']}",
                "role": "responsable",
                "prenom": r["prenom"],
                "nom": r["nom"],
                "login": f"resp-{m['slug']}",
                "mds": m["slug"],
                "partenaire": f"cd82-mds-{m['slug']}",
                "demo": 1,
            }
        )
    # Partners' staff keep their partner's entries (the MDS have their ASS and responsables,
    # France Travail its conseillers).
    for person in read_seed("personnels_partenaires.json"):
        profils.append({**person, "role": "partenaire", "login": person["id"], "demo": 1})
    profils.append(
        {
            "id": "admin",
            "role": "administrateur",
            "prenom": "Administration",
            "nom": "Binôme",
            "login": "admin",
            "demo": 1,
        }
    )
    secteurs = [
        {"ass_id": sector["ass"], "kind": kind, "code": code}
        for sector in sectorisation["secteurs"]
        for kind, codes in (("commune", sector["communes"]), ("quartier", sector["quartiers"]))
        for code in codes
    ]
    with db.atomic():
        db.table("profils").upsert_all(profils, pk="id", alter=False)
        db.table("ass_secteurs").upsert_all(secteurs, pk=("ass_id", "kind", "code"))


def ensure_seeded(db: Database, *, demo: bool = True) -> bool:
    """Seed a database on its first use (and what a newer version added to the seed).
    Returns True when something was loaded.

    All of it is one write transaction: a first run killed half-way leaves an unseeded base
    (seeded in full by the next start), never one without its demo services or demandeurs."""
    from ressources.db import write_transaction

    if all(get_meta(db, key) for key in (SEEDED_KEY, PARTENAIRES_KEY, TERRITOIRE_KEY)) and (
        _synonyms_current(db)
    ):
        return False  # seeded: no write lock taken (a busy or read-only base still opens)
    with write_transaction(db):
        return _ensure_seeded(db, demo=demo)


def _ensure_seeded(db: Database, *, demo: bool) -> bool:
    loaded = False
    if not get_meta(db, SEEDED_KEY):
        load_reference(db)
        if demo:
            load_demo(db)
        loaded = True
    elif not _synonyms_current(db):
        # Stemmed by an earlier version (only the seed's text gives today's stems), or the
        # seed has synonyms the base has not.
        with db.atomic():
            _load_synonyms(db, read_seed("synonymes.json"))
        loaded = True
    if not get_meta(db, PARTENAIRES_KEY):
        from ressources.edition import load_partenaires

        with db.atomic():
            load_partenaires(db, read_seed("partenaires.json"))
            set_meta(db, PARTENAIRES_KEY, "1")
        loaded = True
    if not get_meta(db, TERRITOIRE_KEY):
        load_territoire(db)
        if demo and (loaded or get_meta(db, DEMO_KEY)):
            load_demo_profils(db)
            from seed.demandeurs import load_demo_demandeurs

            load_demo_demandeurs(db)
        loaded = True
    return loaded


def remove_demo(db: Database) -> int:
    """Delete the demo resources (a département going live keeps only its own)."""
    with db.atomic():
        pks = [r[0] for r in db.execute("SELECT pk FROM services WHERE demo = 1").fetchall()]
        db.conn.executemany("DELETE FROM services_fts WHERE rowid = ?", [[pk] for pk in pks])
        db.execute("DELETE FROM services WHERE demo = 1")
        # Fictitious demandeurs and people go with the demo (their events and notes cascade).
        db.execute(
            "DELETE FROM journal WHERE demandeur_id IN (SELECT id FROM demandeurs WHERE demo = 1)"
        )
        db.execute("DELETE FROM demandeurs WHERE demo = 1")
        db.execute("DELETE FROM faits_indicateurs WHERE demo = 1")
        db.execute("DELETE FROM profils WHERE demo = 1")
        db.execute(
            "DELETE FROM structures WHERE demo = 1 "
            "AND id NOT IN (SELECT structure_id FROM services)"
        )
        from ressources.store import bump_index_generation

        bump_index_generation(db)
    return len(pks)


def open_seeded_database(path: Path | str | None = None, *, demo: bool = True) -> Database:
    """Open the database (creating and migrating it) and seed it on its first use.

    Migrations and seeding run in one transaction: a first run killed midway leaves an
    empty base that the next start fills. A base that can only be read (file or folder
    not writable) is opened read-only, as it is, for searching."""
    return open_project_database(path, seed=lambda db: ensure_seeded(db, demo=demo))
