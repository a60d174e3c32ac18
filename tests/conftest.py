"""Shared fixtures: real SQLite files in a temporary folder, seeded from the real seed files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from seed.loader import open_project_database, open_seeded_database


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """No test reads or writes the real user's database, preferences or documents."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "Documents"))
    monkeypatch.setenv("BINOME_CONFIG", str(home / "config" / "preferences.json"))
    monkeypatch.delenv("BINOME_DB", raising=False)


@pytest.fixture(scope="session")
def _reference_template(tmp_path_factory) -> Path:
    """Reference data only: thématiques, communes, synonyms, MDS and sectorisation."""
    path = tmp_path_factory.mktemp("templates") / "reference.db"
    db = open_seeded_database(path, demo=False)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    """Seeded as a fresh install: reference data, demo resources, people and demandeurs."""
    path = tmp_path_factory.mktemp("templates") / "demo.db"
    db = open_seeded_database(path, demo=True)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def _copy(template: Path, target: Path) -> Path:
    shutil.copy(template, target)
    return target


@pytest.fixture
def reference_db_path(tmp_path, _reference_template) -> Path:
    """A database with the reference data only (thématiques, communes, synonyms)."""
    return _copy(_reference_template, tmp_path / "reference.db")


@pytest.fixture
def demo_db_path(tmp_path, _demo_template) -> Path:
    """A database seeded like a fresh install (reference data and demo resources)."""
    return _copy(_demo_template, tmp_path / "demo.db")


@pytest.fixture
def reference_db(reference_db_path):
    db = open_project_database(reference_db_path)
    yield db
    db.close()


@pytest.fixture
def demo_db(demo_db_path):
    db = open_project_database(demo_db_path)
    yield db
    db.close()
