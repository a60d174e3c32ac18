"""Shared fixtures: real SQLite files in a temporary folder, seeded from the real seed files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ressources.db import open_database
from seed.loader import load_demo, load_reference


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
    path = tmp_path_factory.mktemp("templates") / "reference.db"
    db = open_database(path)
    load_reference(db)
    db.close()
    return path


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory, _reference_template) -> Path:
    path = tmp_path_factory.mktemp("templates") / "demo.db"
    shutil.copy(_reference_template, path)
    db = open_database(path)
    report = load_demo(db)
    assert report.ok, report.rejections[:5]
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
    db = open_database(reference_db_path)
    yield db
    db.close()


@pytest.fixture
def demo_db(demo_db_path):
    db = open_database(demo_db_path)
    yield db
    db.close()
