"""SIGKILL at random moments of ``binome init``, ``binome import`` and a save: afterwards the
base passes ``PRAGMA integrity_check`` and is either as it was before or as it is after a
complete run (compared by digest of every table's content).

The killed processes are forked from this one (the app's modules already imported), so
that a kill lands in the work itself rather than in Python's start-up, and 30 kills of each
take seconds. The delays are random but seeded: a failure can be replayed.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import random
import shutil
import signal
import sqlite3
import time
from datetime import datetime
from pathlib import Path

import pytest

KILLS = int(os.environ.get("BINOME_FAULT_KILLS", "30"))
NOW = datetime(2026, 11, 23, 10, 0)
FORK = multiprocessing.get_context("fork")
# What a first run seeds: all of it or none of it.
SEED_TABLES = (
    "thematiques",
    "communes",
    "synonymes",
    "structures",
    "services",
    "partenaires",
    "mds",
    "sites",
    "profils",
    "demandeurs",
    "evenements",
)


def digest(path: Path) -> str | None:
    """The content of every table of the base (None when there is no base)."""
    if not path.exists():
        return None
    conn = sqlite3.connect(path)
    try:
        h = hashlib.sha256()
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master"
                " WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
                " ORDER BY name"
            )
        ]
        for table in tables:
            rows = sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{table}"'))
            h.update(f"{table}:{len(rows)}\n".encode())
            for row in rows:
                h.update(row.encode())
        return h.hexdigest()
    finally:
        conn.close()


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        found = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] if t in found else 0
            for t in SEED_TABLES
        }
    finally:
        conn.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def _quiet(target, *args) -> None:
    """The child: output to /dev/null, then the work."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    target(*args)


def _cli(args: list[str]) -> None:
    from tui.cli import main

    os._exit(main(args))


def _save(path: str, service_id: str) -> None:
    from caseload.database import open_project_database
    from ressources import edition

    db = open_project_database(path)
    current = edition.read_service(db, service_id)
    edition.update_service(
        db,
        _Admin(),
        service_id,
        {"telephone": "05 63 99 99 99", "contact_nom_prenom": "Anne Martin"},
        version=current["version"],
        now=NOW,
    )
    os._exit(0)


class _Admin:
    id = "admin"
    role = "administrateur"
    partenaire = None


def run_to_end(target, *args) -> float:
    started = time.monotonic()
    process = FORK.Process(target=_quiet, args=(target, *args))
    process.start()
    process.join(120)
    assert process.exitcode == 0
    return time.monotonic() - started


def kill_at(delay: float, target, *args) -> None:
    process = FORK.Process(target=_quiet, args=(target, *args))
    process.start()
    time.sleep(delay)
    if process.is_alive():
        os.kill(process.pid, signal.SIGKILL)
    process.join(30)


def _fresh(template: Path, target: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    if template is not None:
        shutil.copy(template, target)
    return target


def test_init_killed_at_any_moment_leaves_nothing_or_everything(tmp_path):
    complete = tmp_path / "complete.db"
    duration = run_to_end(_cli, ["init", "--db", str(complete)])
    expected = counts(complete)
    assert expected["services"] > 0 and expected["demandeurs"] > 0
    rng = random.Random(9)
    outcomes = {"nothing": 0, "everything": 0}
    for attempt in range(KILLS):
        path = _fresh(None, tmp_path / "killed.db")
        kill_at(rng.uniform(0, duration), _cli, ["init", "--db", str(path)])
        if not path.exists():
            outcomes["nothing"] += 1
            continue
        assert integrity(path) == "ok", attempt
        found = counts(path)
        if found == expected:
            outcomes["everything"] += 1
        else:
            assert not any(found.values()), (attempt, found)  # seeded partly: never
            outcomes["nothing"] += 1
        if outcomes["nothing"] <= 5 and found != expected:
            # Running init again seeds what the kill left unseeded (a few times: it is slow).
            run_to_end(_cli, ["init", "--db", str(path)])
            assert counts(path) == expected
    print("init kills:", outcomes)
    assert sum(outcomes.values()) == KILLS


@pytest.fixture
def import_file(tmp_path) -> Path:
    from concurrency_worker import write_import_file

    return write_import_file(None, tmp_path / "import.json", 150)


def test_import_killed_at_any_moment_leaves_the_base_before_or_after(
    demo_db_path, tmp_path, import_file
):
    before = digest(demo_db_path)
    after_path = _fresh(demo_db_path, tmp_path / "after.db")
    duration = run_to_end(
        _cli, ["--user", "admin", "import", str(import_file), "--db", str(after_path)]
    )
    after = digest(after_path)
    assert after != before
    rng = random.Random(82)
    seen = []
    for attempt in range(KILLS):
        path = _fresh(demo_db_path, tmp_path / "killed.db")
        kill_at(
            rng.uniform(0, duration),
            _cli,
            ["--user", "admin", "import", str(import_file), "--db", str(path)],
        )
        assert integrity(path) == "ok", attempt
        state = digest(path)
        assert state in (before, after), attempt
        seen.append("before" if state == before else "after")
    print("import kills:", {k: seen.count(k) for k in ("before", "after")})
    assert "before" in seen


def test_a_save_killed_at_any_moment_is_all_or_nothing(demo_db_path, tmp_path):
    from concurrency_worker import pick_entries

    service_id = pick_entries(demo_db_path, 1)[0]
    before = digest(demo_db_path)
    after_path = _fresh(demo_db_path, tmp_path / "after.db")
    duration = run_to_end(_save, str(after_path), service_id)
    after = digest(after_path)
    assert after != before
    rng = random.Random(31)
    seen = []
    for attempt in range(KILLS):
        path = _fresh(demo_db_path, tmp_path / "killed.db")
        kill_at(rng.uniform(0, duration), _save, str(path), service_id)
        assert integrity(path) == "ok", attempt
        state = digest(path)
        assert state in (before, after), attempt
        seen.append("before" if state == before else "after")
    print("save kills:", {k: seen.count(k) for k in ("before", "after")})
    assert "before" in seen
