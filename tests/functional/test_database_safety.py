"""The database file: only Binôme's bases are opened, never one from a newer version for
writing, first-run seeding is all or nothing, a read-only base can still be searched, and
every file-system problem is one French sentence."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pilot import notifications

from ressources import db as dbmod
from ressources.db import APPLICATION_ID, SCHEMA_VERSION
from ressources.errors import DatabaseError
from seed.loader import open_seeded_database
from tui.cli import main


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _foreign(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE factures (id INTEGER PRIMARY KEY, montant REAL)")
    conn.execute("INSERT INTO factures(montant) VALUES (12.5)")
    conn.commit()
    conn.close()
    return path


def test_a_new_base_carries_binomes_marks(tmp_path):
    db = open_seeded_database(tmp_path / "b.db", demo=False)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


@pytest.mark.parametrize("command", [["init"], ["search", "aide"], ["thematiques"]])
def test_another_applications_file_is_refused_and_left_untouched(tmp_path, capsys, command):
    path = _foreign(tmp_path / "compta.db")
    before = _file_digest(path)
    code, out, err = _cli(capsys, *command, "--db", str(path))
    assert code == 1 and out == ""
    assert "base SQLite d'une autre application" in err
    assert _file_digest(path) == before
    assert not Path(f"{path}-wal").exists()


def test_a_base_of_an_earlier_version_without_the_mark_is_recognised(tmp_path):
    from sqlite_utils import Database

    from ressources.migrations import migrations

    path = tmp_path / "ancienne.db"
    old = Database(sqlite3.connect(path))
    migrations.apply(old)
    old.conn.commit()
    old.close()
    db = open_seeded_database(path, demo=False)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def _newer_by_migration(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
        "VALUES ('binome.ressources', '0042_venue_du_futur', '2030-01-01')"
    )
    conn.commit()
    conn.close()


def _newer_by_marker(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("make_newer", [_newer_by_migration, _newer_by_marker])
@pytest.mark.parametrize("command", [["init"], ["search", "aide"], ["export", "x.json"]])
def test_a_base_from_a_newer_version_is_refused(
    reference_db_path, capsys, make_newer, command, tmp_path
):
    make_newer(reference_db_path)
    before = _file_digest(reference_db_path)
    argv = [a if a != "x.json" else str(tmp_path / "x.json") for a in command]
    code, _, err = _cli(capsys, *argv, "--db", str(reference_db_path))
    assert code == 1
    assert "vient d'une version plus récente de Binôme" in err
    assert "Mettez Binôme à jour" in err
    assert _file_digest(reference_db_path) == before


def test_a_first_run_that_fails_midway_leaves_nothing_and_a_rerun_completes(tmp_path, monkeypatch):
    import seed.demandeurs

    def boom(db):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(seed.demandeurs, "load_demo_demandeurs", boom)
    path = tmp_path / "b.db"
    with pytest.raises(DatabaseError):
        open_seeded_database(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    conn.close()
    monkeypatch.undo()
    db = open_seeded_database(path)
    assert db.execute("SELECT count(*) FROM services WHERE demo = 1").fetchone()[0] > 200
    assert db.execute("SELECT count(*) FROM demandeurs").fetchone()[0] > 0


def _complete_or_empty(path: Path) -> str:
    if not path.exists():
        return "absent"
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables == 0:
            return "vide"
        services = conn.execute("SELECT count(*) FROM services").fetchone()[0]
        demandeurs = conn.execute("SELECT count(*) FROM demandeurs").fetchone()[0]
        assert services > 200 and demandeurs > 0, (services, demandeurs)
        return "complète"
    finally:
        conn.close()


@pytest.mark.parametrize("delay", [0.35, 0.55, 0.75])
def test_init_killed_at_any_moment_leaves_an_empty_or_complete_base(tmp_path, delay):
    path = tmp_path / "b.db"
    env = {**os.environ, "BINOME_DB": str(path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "init"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert _complete_or_empty(path) in ("absent", "vide", "complète")
    rerun = subprocess.run(
        [sys.executable, "-m", "tui.cli", "init"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert _complete_or_empty(path) == "complète"


def test_a_read_only_base_can_be_searched_and_refuses_writes_in_french(
    demo_db_path, capsys, monkeypatch, tmp_path
):
    monkeypatch.setattr(dbmod, "is_read_only", lambda path: True)
    before = _file_digest(demo_db_path)
    code, out, _ = _cli(capsys, "search", "aide", "alimentaire", "--db", str(demo_db_path))
    assert code == 0 and "Distribution alimentaire" in out
    import json

    from records import service, structure

    path = tmp_path / "f.json"
    path.write_text(json.dumps({"structures": [structure(1)], "services": [service(1)]}))
    code, _, err = _cli(capsys, "--user", "admin", "import", str(path), "--db", str(demo_db_path))
    assert code == 1 and "lecture seule" in err
    assert _file_digest(demo_db_path) == before


def test_a_read_only_base_never_created_is_explained(tmp_path, capsys, monkeypatch):
    path = tmp_path / "vide.db"
    sqlite3.connect(path).close()
    monkeypatch.setattr(dbmod, "is_read_only", lambda p: True)
    code, _, err = _cli(capsys, "search", "aide", "--db", str(path))
    assert code == 1 and "lecture seule et doit d'abord être créée" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_file_without_write_permission_is_opened_read_only(demo_db_path, capsys):
    demo_db_path.chmod(0o444)
    code, out, _ = _cli(capsys, "search", "aide", "--db", str(demo_db_path))
    assert code == 0 and out


def _under_a_file(tmp_path: Path) -> Path:
    (tmp_path / "fichier").write_text("")
    return tmp_path / "fichier" / "sous-dossier" / "b.db"


@pytest.mark.parametrize(
    ("make_path", "words"),
    [
        (lambda t: t / ("x" * 300) / "b.db", "chemin trop long"),
        (lambda t: t / ("y" * 5000 + ".db"), "trop long"),
        (lambda t: _under_a_file(t), "n'est pas un dossier"),
        (lambda t: t, "est un dossier"),
    ],
    ids=["long-folder", "long-name", "under-a-file", "a-folder"],
)
def test_path_problems_are_french_sentences(tmp_path, capsys, make_path, words):
    path = make_path(tmp_path)
    code, out, err = _cli(capsys, "search", "aide", "--db", str(path))
    assert code == 1 and out == ""
    assert err.startswith("binome : ") and words in err, err


async def test_the_app_opens_a_read_only_base_for_searching(demo_db_path, monkeypatch):
    from ressources import db as dbmod
    from tui.app import make_app

    monkeypatch.setattr(dbmod, "is_read_only", lambda path: True)
    app = make_app(demo_db_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.db.execute("PRAGMA query_only").fetchone()[0] == 1
        assert any("lecture seule" in n.message for n in notifications(app))
