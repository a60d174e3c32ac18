"""Killing a command at chosen moments (forked from the test's process) and reading what it
left: the helpers of ``test_faults`` and of the sync's kill test."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import random
import shutil
import signal
import sqlite3
import time
from pathlib import Path

KILLS = int(os.environ.get("BINOME_FAULT_KILLS", "8"))


FORK = multiprocessing.get_context("fork")


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


def cli_child(args: list[str]) -> None:
    from tui.cli import main

    os._exit(main(args))


def run_to_end(target, *args) -> float:
    started = time.monotonic()
    process = FORK.Process(target=_quiet, args=(target, *args))
    process.start()
    process.join(120)
    assert process.exitcode == 0
    return time.monotonic() - started


def run_here(capsys, args: list[str]) -> float:
    """A complete run in this process: it also imports what the command imports, so that the
    forked runs that follow spend their time in the work itself."""
    from tui.cli import main

    started = time.monotonic()
    assert main(args) == 0
    capsys.readouterr()
    return time.monotonic() - started


def kill_at(delay: float, target, *args) -> None:
    process = FORK.Process(target=_quiet, args=(target, *args))
    process.start()
    process.join(delay)
    if process.is_alive():
        os.kill(process.pid, signal.SIGKILL)
    process.join(30)


def kill_moments(duration: float, seed: int) -> list[float]:
    """One moment in each of ``KILLS`` equal slices of *duration*, drawn with *seed*."""
    rng = random.Random(seed)
    return [(i + rng.random()) * duration / KILLS for i in range(KILLS)]


def fresh_copy(template: Path, target: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    if template is not None:
        shutil.copy(template, target)
    return target


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
