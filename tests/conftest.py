"""Shared fixtures: real SQLite files in a temporary folder, seeded from the real seed files."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from pilot import record_notifications

from caseload import parcours
from caseload.acces import get_profil
from caseload.database import open_project_database
from caseload.store import Caseload
from seed.loader import load_demo_profils, open_seeded_database

# The fixtures of a data·inclusion-like API on 127.0.0.1 (`api`, `no_proxy`), for the sync tests.
pytest_plugins = ("dora_api",)


# -- parallel by default ----------------------------------------------------------------------
@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """`python -m pytest` runs on every core (pytest-xdist, `-n auto`) unless told otherwise.

    Done here rather than in `addopts` so that `-p no:xdist` (or pytest-xdist missing) still
    runs the suite in one process instead of failing on an unknown `-n`; `-n 0` also does.
    Worksteal: the Pilot tests last far longer than the others, an idle worker takes their share.
    """
    if not config.pluginmanager.hasplugin("xdist") or hasattr(config, "workerinput"):
        return
    if config.option.numprocesses is None and not getattr(config.option, "usepdb", False):
        config.option.numprocesses = "auto"
        if config.option.dist == "no":
            config.option.dist = "worksteal"


# -- Pilot's wait for idleness ------------------------------------------------------------------
def pytest_configure(config: pytest.Config) -> None:
    """Pilot waits, after each key and each pause, until the app's process has used (almost)
    no CPU over one sleep: 20 ms a look, two or three looks a key, most of the waiting in
    the suite. Here a look is 5 ms (idle: under 0.25 ms of CPU in it). The deterministic part
    of the wait (every message of the screen processed) is Textual's own and unchanged;
    Textual is pinned exactly (pyproject.toml), and the names are checked so that a new
    version cannot silently leave this out."""
    from textual import _wait

    assert hasattr(_wait, "SLEEP_GRANULARITY") and hasattr(_wait, "SLEEP_IDLE")
    _wait.SLEEP_GRANULARITY = 1 / 200
    _wait.SLEEP_IDLE = _wait.SLEEP_GRANULARITY / 20


@pytest.fixture(autouse=True)
def _notifications_recorded(monkeypatch):
    """Pilot tests read what the app notified through `pilot.notifications(app)`."""
    record_notifications(monkeypatch)


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


@pytest.fixture(scope="session")
def _demo_on_test_day_template(tmp_path_factory) -> Path:
    """The demo base with its demandeurs dated for the tests' fixed day (``steps.TODAY``),
    not the machine's: their alerts (overdue, near) are the same whatever day the suite runs."""
    from steps import TODAY

    from seed.demandeurs import load_demo_demandeurs
    from seed.loader import load_demo, load_demo_profils

    path = tmp_path_factory.mktemp("templates") / "demo-on-test-day.db"
    db = open_seeded_database(path, demo=False)
    with db.atomic():
        load_demo(db)
    load_demo_profils(db)
    load_demo_demandeurs(db, today=TODAY)
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
def demo_on_test_day_db_path(tmp_path, _demo_on_test_day_template) -> Path:
    """The demo base as a fresh install made on the tests' fixed day (figures that count days)."""
    return _copy(_demo_on_test_day_template, tmp_path / "demo.db")


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


CASELOAD_TODAY = date(2026, 11, 23)


def _fiche(nom, prenom, code, **extra):
    # Consent recorded (rgpd.CONSENT_REQUIRED): on 01/05/2026, before every prescription here.
    return {
        "nom": nom,
        "prenom": prenom,
        "date_naissance": "1985-03-14",
        "code_insee": code,
        "consentement": True,
        "consentement_date": "2026-05-01",
        **extra,
    }


@pytest.fixture(scope="session")
def _caseload_template(tmp_path_factory, _reference_template):
    """Reference data, the demo people, and four demandeurs:

    - MARTIN Léa (Montauban), prescribed a week ago, two freins périphériques;
    - BERNARD Karim (Caussade), prescribed on 01/10: the 21-day entry is overdue;
    - PETIT Julie (Saint-Antonin), in axe 2 since 18/05: the bilan (due 18/11) is overdue;
    - DURAND Paul (Montauban), another conseiller's, same ASS as MARTIN.

    Real demandeurs make it a real base, so its people are real profiles too (each known
    in a terminal by the OS account of its login), as on a département's own base.
    """
    path = tmp_path_factory.mktemp("caseload") / "caseload.db"
    shutil.copy(_reference_template, path)
    db = open_seeded_database(path, demo=False)
    load_demo_profils(db)
    albasud = Caseload(db, get_profil(db, "cons-albasud-01"), clock=lambda: CASELOAD_TODAY)
    nord = Caseload(db, get_profil(db, "cons-nord-01"), clock=lambda: CASELOAD_TODAY)
    martin = albasud.create(
        _fiche(
            "MARTIN",
            "Léa",
            "82121",
            freins_peripheriques=["logement", "transport"],
            atouts=["mobilite"],
            brsa=True,
        ),
        prescription=date(2026, 11, 16),
        ass_id="ass-mtb-04",
    )
    albasud.create(
        _fiche("BERNARD", "Karim", "82037", freins_peripheriques=["sante"]),
        prescription=date(2026, 10, 1),
        ass_id="ass-cn-02",
    )
    # The three decisions (parcours.THREE_DECISIONS, issue 11) before the diagnostic partagé.
    petit = albasud.create(
        _fiche(
            "PETIT",
            "Julie",
            "82155",
            decision_demandeur="axe2",
            decision_conseiller="axe2",
            decision_ass="axe2",
        ),
        prescription=date(2026, 5, 4),
        ass_id="ass-cn-11",
    )
    albasud.apply(
        petit,
        parcours.Action.VALIDATE_DIAGNOSTIC,
        date(2026, 5, 11),
        decision=parcours.Axe.AXE2,
        modalite=parcours.Modality.TRIPARTITE,
    )
    albasud.apply(petit, parcours.Action.ENTER, date(2026, 5, 18))
    nord.create(
        _fiche("DURAND", "Paul", "82121"), prescription=date(2026, 11, 2), ass_id="ass-mtb-04"
    )
    albasud.add_note(martin, "Appel du 20/11 : rendez-vous de diagnostic fixé.")
    ass = Caseload(db, get_profil(db, "ass-mtb-04"), clock=lambda: CASELOAD_TODAY)
    ass.add_note(martin, "Note du Département, confidentielle.")
    db.execute("UPDATE profils SET demo = 0")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def caseload_db_path(tmp_path, _caseload_template):
    return Path(shutil.copy(_caseload_template, tmp_path / "caseload.db"))
