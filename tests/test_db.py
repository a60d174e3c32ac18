"""One SQLite file, migrated at start-up, that never loses data to a bad open."""

import sqlite3

import pytest

from ressources import db as dbmod
from ressources.db import default_db_path, open_database
from ressources.errors import DatabaseError


def test_default_location_follows_xdg_and_binome_db(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_db_path() == tmp_path / "xdg" / "binome" / "binome.db"
    monkeypatch.setenv("BINOME_DB", str(tmp_path / "other.db"))
    assert default_db_path() == tmp_path / "other.db"


def test_new_file_is_created_with_wal_foreign_keys_and_busy_timeout(tmp_path):
    db = open_database(tmp_path / "sub" / "binome.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == dbmod.BUSY_TIMEOUT_MS
    assert {"services", "structures", "communes", "thematiques", "services_fts"} <= set(
        db.table_names()
    )


def test_reopening_applies_nothing_twice_and_keeps_data(tmp_path):
    path = tmp_path / "binome.db"
    db = open_database(path)
    db.execute("INSERT INTO meta(key, value) VALUES ('marker', 'kept')")
    db.conn.commit()
    applied = db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    db.close()
    db = open_database(path)
    assert db.execute("SELECT value FROM meta WHERE key = 'marker'").fetchone()[0] == "kept"
    assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == applied


def test_foreign_keys_are_enforced(tmp_path):
    db = open_database(tmp_path / "binome.db")
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
        open_database(path)
    assert "n'est pas une base Binôme lisible" in str(exc.value)
    assert path.read_bytes() == garbage


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(DatabaseError) as exc:
        open_database(tmp_path)
    assert "dossier" in str(exc.value)
