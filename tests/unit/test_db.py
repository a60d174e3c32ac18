"""One SQLite file, migrated at start-up, that never loses data to a bad open."""

import sqlite3

import pytest

from caseload.database import open_project_database
from ressources import db as dbmod
from ressources.db import default_db_path
from ressources.errors import DatabaseError
from ressources.migrations import migrations as ressources_migrations


def test_default_location_follows_xdg_and_binome_db(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_db_path() == tmp_path / "xdg" / "binome" / "binome.db"
    monkeypatch.setenv("BINOME_DB", str(tmp_path / "other.db"))
    assert default_db_path() == tmp_path / "other.db"


def test_new_file_is_created_with_wal_foreign_keys_and_busy_timeout(tmp_path):
    db = open_project_database(tmp_path / "sub" / "binome.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == dbmod.BUSY_TIMEOUT_MS
    assert {"services", "structures", "communes", "thematiques", "services_fts"} <= set(
        db.table_names()
    )


def test_reopening_applies_nothing_twice_and_keeps_data(tmp_path):
    path = tmp_path / "binome.db"
    db = open_project_database(path)
    db.execute("INSERT INTO meta(key, value) VALUES ('marker', 'kept')")
    db.conn.commit()
    applied = db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    db.close()
    db = open_project_database(path)
    assert db.execute("SELECT value FROM meta WHERE key = 'marker'").fetchone()[0] == "kept"
    assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == applied


def test_a_base_migrated_without_an_earlier_numbered_migration_gets_it_too(tmp_path):
    """Migrations are applied by name, not by the highest number: a base that has 0011
    (made before the lists' indexes, 0010, were merged) gets 0010 when opened, once."""
    path = tmp_path / "binome.db"
    db = open_project_database(path)
    for index in ("services_revue", "services_partenaire_revue", "signalements_ouverts"):
        db.execute(f"DROP INDEX {index}")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = '0010_afaire_indexes'")
    db.conn.commit()
    db.close()

    db = open_project_database(path)
    names = [
        r[0]
        for r in db.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'binome.ressources'"
        )
    ]
    assert names.count("0010_afaire_indexes") == 1 and "0011_score_qualite" in names
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"services_revue", "services_partenaire_revue", "signalements_ouverts"} <= indexes


def test_foreign_keys_are_enforced(tmp_path):
    db = open_project_database(tmp_path / "binome.db")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO services(id, source, structure_id, nom, description, date_maj) "
            "VALUES ('s', 'x', 'no-such-structure', 'nom', 'desc', '2025-01-01')"
        )


def test_a_file_that_is_not_a_database_is_refused_in_french_and_left_untouched(tmp_path):
    path = tmp_path / "binome.db"
    garbage = b"this is not sqlite" * 100
    path.write_bytes(garbage)
    with pytest.raises(DatabaseError) as exc:
        open_project_database(path)
    assert "n'est pas une base Binôme lisible" in str(exc.value)
    assert path.read_bytes() == garbage


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(DatabaseError) as exc:
        open_project_database(tmp_path)
    assert "dossier" in str(exc.value)


def test_a_database_of_the_first_version_upgrades_in_place_and_keeps_its_data(tmp_path):
    """A file made by the first version (first migration only, rows as it wrote them, stop
    words in the index) opens with every later migration, and its resources are found."""
    from sqlite_utils import Database

    from ressources.migrations import migrations
    from ressources.search import SearchEngine

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    old = Database(conn)
    names = [m.name for m in migrations._migrations]
    migrations.apply(old, stop_before=names[1])
    _load_reference_as_then(old)
    old.execute("DELETE FROM synonymes")
    old.execute(
        "INSERT INTO synonymes VALUES ('garde des enfant', '[\"garde d enfant\", \"creche\"]')"
    )
    old.execute(
        "INSERT INTO structures(id, source, nom, date_maj) VALUES ('t--s', 't', 'S', '2025')"
    )
    old.execute(
        "INSERT INTO services(pk, id, source, structure_id, nom, description, date_maj, "
        "thematiques_locales, geo_code_insee, geo_lat, geo_lon) VALUES (7, 't--1', 't', 't--s', "
        "'Garde d''enfants', 'Une crèche solidaire.', '2025-01-01', '[\"garde-enfants\"]', "
        "'82121', 44.0, 1.35)"
    )
    old.execute(
        "INSERT INTO services_fts(rowid, nom, structure, thematiques, mots_cles, description) "
        "VALUES (7, 'garde d enfant', 's', '', '', 'une creche solidaire')"
    )
    conn.close()

    db = open_project_database(path)
    applied = [
        r[0]
        for r in db.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'binome.ressources' "
            "ORDER BY id"
        )
    ]
    assert applied == names
    assert db.execute("SELECT nom FROM services WHERE id = 't--1'").fetchone()[0] == (
        "Garde d'enfants"
    )
    engine = SearchEngine(db)
    assert [h.resource.id for h in engine.search("garde des enfants").hits] == ["t--1"]
    montauban = engine.gazetteer.resolve("montauban").code_insee
    from ressources.search import SearchFilters

    near = engine.search("creche", SearchFilters(commune=montauban, rayon_km=5)).hits
    assert [h.resource.id for h in near] == ["t--1"]


RESSOURCES_MIGRATIONS = [m.name for m in ressources_migrations._migrations]


def _load_reference_as_then(db) -> None:
    """The reference data as the version whose schema *db* has wrote it: the communes'
    columns it did not have yet (the EPCI's SIREN, 0013) left out."""
    from seed import loader

    columns = {c.name for c in db.table("communes").columns}
    read_seed = loader.read_seed

    def as_then(name: str):
        data = read_seed(name)
        if name == "communes-82.json":
            data = [{k: v for k, v in c.items() if k in columns} for c in data]
        return data

    loader.read_seed = as_then
    try:
        loader.load_reference(db)
    finally:
        loader.read_seed = read_seed


def _base_at(path, stop_before):
    """A base as a version of Binôme left it: the ressources migrations before
    *stop_before* (all of them when None), its reference data and two services (one
    archived), written as every version writes them."""
    from sqlite_utils import Database

    from ressources.migrations import migrations

    conn = sqlite3.connect(path)
    old = Database(conn)
    migrations.apply(old, stop_before=stop_before)
    _load_reference_as_then(old)
    old.execute(
        "INSERT INTO structures(id, source, nom, date_maj, code_insee) "
        "VALUES ('t--s', 't', 'Centre social', '2025-01-01', '82121')"
    )
    for pk, archive in ((7, 0), (8, 1)):
        old.execute(
            "INSERT INTO services(pk, id, source, structure_id, nom, description, date_maj, "
            "thematiques, publics, zone_eligibilite, modes_accueil, thematiques_locales, "
            "mots_cles, archive, geo_code_insee, geo_lat, geo_lon) VALUES (?, ?, 't', "
            "'t--s', 'Garde d''enfants', 'Une crèche solidaire, accueil à distance.', "
            "'2025-01-01', '[\"famille--garde-denfants\"]', '[\"familles\"]', "
            '\'["82121", "82"]\', \'["en-presentiel", "a-distance"]\', '
            "'[\"garde-enfants\"]', '[\"crèche\", \"halte-garderie\"]', ?, '82121', "
            "44.0, 1.35)",
            [pk, f"t--{pk}", archive],
        )
    if stop_before is None:
        # Today's base: its migrations indexed it with today's code, and said so.
        from ressources.store import reindex_services

        reindex_services(old, ["t--7", "t--8"])
    conn.commit()
    conn.close()


def _schema_and_index(db):
    schema = sorted(
        tuple(r) for r in db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
    )
    index = {
        table: sorted(map(tuple, db.execute(f"SELECT * FROM {table}")))
        for table in (
            "services_fts",
            "service_facets",
            "service_thematiques",
            "service_mots",
            "synonymes",
        )
    }
    return schema, index


@pytest.mark.parametrize("stop_before", [*RESSOURCES_MIGRATIONS[1:], None])
def test_a_base_of_each_earlier_version_migrates_to_the_schema_and_index_of_today(
    tmp_path, stop_before
):
    """Migrations are frozen SQL: a base left by any earlier version gets, once opened,
    the schema of a base made today, and its search index rebuilt by today's code (the
    same rows as the writer's); a base already current is not rebuilt."""
    from ressources.store import INDEX_FORMAT, INDEX_FORMAT_KEY, rebuild_index
    from ressources.text import normalize

    old = tmp_path / "old.db"
    _base_at(old, stop_before)
    migrated = open_project_database(old)

    today = tmp_path / "today.db"
    _base_at(today, None)
    fresh = open_project_database(today)
    with fresh.atomic():
        rebuild_index(fresh)
    assert _schema_and_index(migrated) == _schema_and_index(fresh)
    # The communes know their EPCI's SIREN whatever the version (0013 fills it).
    assert migrated.execute(
        "SELECT count(*), count(DISTINCT epci_siren) FROM communes WHERE epci_siren IS NOT NULL"
    ).fetchone() == (195, 10)
    assert (
        migrated.execute(
            "SELECT count(*) FROM services_fts WHERE services_fts MATCH ?", [normalize("crèche")]
        ).fetchone()[0]
        == 1
    )  # the archived one stays out
    # Whatever the version, the index is said to be of today's format.
    assert migrated.execute(
        "SELECT value FROM meta WHERE key = ?", [INDEX_FORMAT_KEY]
    ).fetchone() == (str(INDEX_FORMAT),)


def test_a_base_that_says_nothing_of_its_index_format_is_reindexed(tmp_path):
    """Bases made before the format was recorded hold format 1: opened today, their index
    is rebuilt (today's stems words otherwise)."""
    from ressources.store import INDEX_FORMAT, INDEX_FORMAT_KEY

    path = tmp_path / "old.db"
    _base_at(path, None)
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM meta WHERE key = 'index_format'")
    conn.execute("UPDATE services_fts SET nom = 'gard enf'")  # as no code of today writes it
    conn.commit()
    conn.close()
    db = open_project_database(path)
    assert db.execute("SELECT value FROM meta WHERE key = ?", [INDEX_FORMAT_KEY]).fetchone() == (
        str(INDEX_FORMAT),
    )
    assert db.execute("SELECT nom FROM services_fts").fetchall() == [("gard enfant",)]
