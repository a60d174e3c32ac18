"""Loading the seed data files into a database.

Reference data (thématiques, communes, synonyms) is loaded into every database; demo
resources only when asked (``binome init`` without ``--sans-demo``, or the first start).
Loading is idempotent: running it twice leaves the same rows.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ressources.db import get_meta, set_meta
from ressources.exchange import ImportReport, import_records
from ressources.text import normalize

DATA = resources.files("seed") / "data"
SEEDED_KEY = "seeded_reference"
DEMO_KEY = "seeded_demo"


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
        db["thematiques"].upsert_all(
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
        db["communes"].upsert_all(
            [
                {
                    "code_insee": c["code_insee"],
                    "nom": c["nom"],
                    "population": c.get("population"),
                    "codes_postaux": json.dumps(c.get("codes_postaux", [])),
                    "epci": c.get("epci"),
                    "canton": c.get("canton"),
                    "longitude": c["longitude"],
                    "latitude": c["latitude"],
                }
                for c in communes
            ],
            pk="code_insee",
        )
        db.execute("DELETE FROM synonymes")
        rows: dict[str, list[str]] = {}
        for term, expansions in synonymes.items():
            key = normalize(term)
            if key:
                merged = rows.setdefault(key, [])
                merged += [e for e in (normalize(x) for x in expansions) if e and e not in merged]
        db["synonymes"].insert_all(
            [{"terme": k, "expansions": json.dumps(v)} for k, v in rows.items()], pk="terme"
        )
        set_meta(db, SEEDED_KEY, "1")


def load_demo(db: Database) -> ImportReport:
    """The fictitious resources of the demo seed, marked as demo data."""
    payload = read_seed("ressources_demo.json")
    report = import_records(db, payload["structures"], payload["services"], demo=True)
    set_meta(db, DEMO_KEY, "1")
    return report


def ensure_seeded(db: Database, *, demo: bool = True) -> bool:
    """Seed a database on its first use. Returns True when something was loaded."""
    if get_meta(db, SEEDED_KEY):
        return False
    load_reference(db)
    if demo:
        load_demo(db)
    return True


def remove_demo(db: Database) -> int:
    """Delete the demo resources (a département going live keeps only its own)."""
    with db.atomic():
        pks = [r[0] for r in db.execute("SELECT pk FROM services WHERE demo = 1").fetchall()]
        db.conn.executemany("DELETE FROM services_fts WHERE rowid = ?", [[pk] for pk in pks])
        db.execute("DELETE FROM services WHERE demo = 1")
        db.execute(
            "DELETE FROM structures WHERE demo = 1 "
            "AND id NOT IN (SELECT structure_id FROM services)"
        )
        from ressources.store import bump_index_generation

        bump_index_generation(db)
    return len(pks)


def open_seeded_database(path: Path | str | None = None, *, demo: bool = True) -> Database:
    """Open the database (creating and migrating it) and seed it on its first use."""
    import sqlite3

    from ressources.db import database_path, describe_sqlite_error, open_database
    from ressources.errors import DatabaseError

    db = open_database(path)
    try:
        ensure_seeded(db, demo=demo)
    except sqlite3.Error as exc:
        raise DatabaseError(describe_sqlite_error(database_path(db), exc)) from exc
    return db
