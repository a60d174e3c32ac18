"""``binome sauvegarde`` makes a consistent copy while others write; ``binome restaurer``
checks a file before putting it back and keeps the base it replaces. Administrateurs only."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from digest import table_digest

from tui.cli import main

WRITER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], timeout=10, isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
n = 0
deadline = time.monotonic() + 20
while time.monotonic() < deadline:
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO meta(key, value) VALUES (?, 'a')", [f"paire-{n}-a"])
    conn.execute("INSERT INTO meta(key, value) VALUES (?, 'b')", [f"paire-{n}-b"])
    conn.execute("COMMIT")
    n += 1
    if n == 50:
        print("ready", flush=True)
"""


def _cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _pairs(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute("SELECT count(*) FROM meta WHERE key LIKE 'paire-%'").fetchone()[0]
    finally:
        conn.close()


def test_a_backup_while_someone_writes_is_consistent(demo_db_path, tmp_path, capsys):
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(demo_db_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "ready"
        copies = []
        for i in range(3):
            target = tmp_path / f"copie-{i}.db"
            code, out, _ = _cli(
                capsys, "--user", "admin", "sauvegarde", str(target), "--db", str(demo_db_path)
            )
            assert code == 0 and "Sauvegarde écrite" in out
            copies.append(_pairs(target))
            time.sleep(0.05)
    finally:
        writer.kill()
        writer.wait()
    assert all(n % 2 == 0 and n >= 100 for n in copies), copies  # whole transactions only
    assert copies == sorted(copies)
    # A self-contained file: no -wal needed to read it.
    assert not (tmp_path / "copie-0.db-wal").exists()


@pytest.mark.parametrize(
    ("user", "words"),
    [(None, "Seul un administrateur sauvegarde"), ("ass-cm-01", "Seul un administrateur")],
)
def test_only_an_administrateur_backs_up(demo_db_path, tmp_path, capsys, monkeypatch, user, words):
    monkeypatch.delenv("BINOME_USER", raising=False)
    argv = ["--user", user] if user else []
    target = tmp_path / "copie.db"
    code, _, err = _cli(capsys, *argv, "sauvegarde", str(target), "--db", str(demo_db_path))
    assert code == 1 and words in err
    assert not target.exists()


def test_a_backup_is_not_written_through_a_symlink(demo_db_path, tmp_path, capsys):
    other = tmp_path / "autre.txt"
    other.write_text("à garder")
    link = tmp_path / "copie.db"
    link.symlink_to(other)
    code, _, err = _cli(
        capsys, "--user", "admin", "sauvegarde", str(link), "--db", str(demo_db_path)
    )
    assert code == 1 and "lien symbolique" in err and other.read_text() == "à garder"


def test_a_backup_on_a_full_disk_leaves_nothing_behind(demo_db_path, tmp_path, capsys, monkeypatch):
    """SQLite fails with its journal written beside the copy (a 1 MB tmpfs, fault-injection
    run of 2026-12-08): the copy and its journal go, the message names the backup."""
    from ressources import backup

    def full(source: sqlite3.Connection, target: Path) -> None:
        target.with_name(target.name + "-journal").write_bytes(b"\0" * 512)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "_copy", full)
    code, _, err = _cli(
        capsys,
        "--user",
        "admin",
        "sauvegarde",
        str(tmp_path / "copie.db"),
        "--db",
        str(demo_db_path),
    )
    assert code == 1 and "Le disque est plein : la sauvegarde" in err
    assert sorted(p.name for p in tmp_path.iterdir() if "copie" in p.name) == []


def test_restoring_puts_the_backup_back_and_keeps_the_replaced_base(demo_db_path, tmp_path, capsys):
    backup = tmp_path / "copie.db"
    assert (
        _cli(capsys, "--user", "admin", "sauvegarde", str(backup), "--db", str(demo_db_path))[0]
        == 0
    )
    saved = table_digest(backup)
    conn = sqlite3.connect(demo_db_path)
    conn.execute("UPDATE services SET nom = 'Modifié après la sauvegarde' WHERE rowid = 1")
    conn.commit()
    conn.close()
    modified = table_digest(demo_db_path)
    code, out, err = _cli(
        capsys, "--user", "admin", "restaurer", str(backup), "--db", str(demo_db_path)
    )
    assert code == 0, err
    assert "Base restaurée" in out and ".avant-restauration" in out
    assert table_digest(demo_db_path) == saved
    kept = demo_db_path.with_name(demo_db_path.name + ".avant-restauration")
    assert table_digest(kept) == modified
    # The restored base works.
    code, out, _ = _cli(capsys, "search", "aide", "--db", str(demo_db_path))
    assert code == 0 and out


def _foreign(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE factures (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    return path


def _newer(base: Path, path: Path) -> Path:
    conn = sqlite3.connect(base)
    dest = sqlite3.connect(path)
    conn.backup(dest)
    dest.execute(
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
        "VALUES ('binome.caseload', '0099_futur', '2030')"
    )
    dest.commit()
    dest.close()
    conn.close()
    return path


def _newer_marker(base: Path, path: Path) -> Path:
    _newer(base, path)
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0099_futur'")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    return path


def _truncated(base: Path, path: Path) -> Path:
    conn = sqlite3.connect(base)
    dest = sqlite3.connect(path)
    conn.backup(dest)
    dest.execute("PRAGMA journal_mode = DELETE")
    dest.close()
    conn.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _garbage(base: Path, path: Path) -> Path:
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    return path


def _empty_sqlite(base: Path, path: Path) -> Path:
    sqlite3.connect(path).close()
    path.write_bytes(b"")
    return path


RESTORE_CASES = [
    (lambda b, p: _foreign(p), "d'une autre application"),
    (_newer, "version plus récente"),
    (_newer_marker, "version plus récente"),
    (_truncated, "fichier endommagé"),
    (_garbage, "n'est pas une base Binôme lisible"),
    (_empty_sqlite, "n'est pas une sauvegarde Binôme"),
    (lambda b, p: p, "Fichier introuvable"),
    (lambda b, p: p.parent, "n'est pas un fichier ordinaire"),
    (lambda b, p: b, "la base elle-même"),
]


@pytest.mark.parametrize(
    ("make", "words"),
    RESTORE_CASES,
    ids=[
        "foreign",
        "newer-migration",
        "newer-marker",
        "truncated",
        "garbage",
        "empty",
        "missing",
        "folder",
        "itself",
    ],
)
def test_a_bad_backup_is_refused_and_the_base_untouched(
    demo_db_path, tmp_path, capsys, make, words
):
    source = make(demo_db_path, tmp_path / "sauvegarde.db")
    before = table_digest(demo_db_path)
    code, out, err = _cli(
        capsys, "--user", "admin", "restaurer", str(source), "--db", str(demo_db_path)
    )
    assert code == 1 and out == "" and err.startswith("binome : ")
    assert words in err, err
    assert table_digest(demo_db_path) == before
    assert not demo_db_path.with_name(demo_db_path.name + ".avant-restauration").exists()


def test_only_an_administrateur_restores(demo_db_path, tmp_path, capsys):
    backup = tmp_path / "copie.db"
    _cli(capsys, "--user", "admin", "sauvegarde", str(backup), "--db", str(demo_db_path))
    before = table_digest(demo_db_path)
    code, _, err = _cli(
        capsys, "--user", "ass-cm-01", "restaurer", str(backup), "--db", str(demo_db_path)
    )
    assert code == 1 and "Seul un administrateur restaure la base." in err
    assert table_digest(demo_db_path) == before


def test_a_demo_base_is_never_restored_over_a_real_one(demo_db_path, tmp_path, capsys):
    """Restored, the demo's fictitious profiles would be open to anyone (``--user admin``)
    and the real administrateur would have no profile (fault-injection run of 2026-12-08)."""
    real = tmp_path / "vraie.db"
    assert _cli(capsys, "--db", str(real), "init", "--sans-demo")[0] == 0
    admin = ["profil-ajouter", "marie", "--role", "administrateur", "--prenom", "M", "--nom", "R"]
    assert _cli(capsys, "--db", str(real), *admin)[0] == 0
    code, _, err = _cli(capsys, "--db", str(real), "restaurer", str(demo_db_path))
    assert code == 1 and "est une base de démonstration" in err and "Rien n'a été restauré" in err
    with sqlite3.connect(real) as conn:
        assert conn.execute("SELECT id FROM profils WHERE demo = 0").fetchall() == [("marie",)]
    assert not list(tmp_path.glob("*avant-restauration*"))
