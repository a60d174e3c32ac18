"""The `binome` command (and the app it opens) given what an outsider would try: numbers
beyond what the base stores, a document path that is a symbolic link or the base itself, a
broken preferences file. A French line, an exit code, never a traceback, nothing lost."""

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main

HUGE = "9" * 25  # beyond SQLite's 64-bit integers


def own_demandeur(db_path, conseiller_id="cons-albasud-01"):
    """A demandeur of this conseiller: the demo's numbers follow the prescription dates, which
    the seed counts back from today, so the same number is not the same person every day."""
    with sqlite3.connect(db_path) as db:
        row = db.execute(
            "SELECT min(id) FROM demandeurs WHERE conseiller_id = ?", [conseiller_id]
        ).fetchone()
    assert row[0] is not None, conseiller_id
    return row[0]


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "command",
    [
        ["--user", "cons-albasud-01", "fiche-liaison", HUGE, "--pdf", "f.pdf"],
        ["--user", "cons-albasud-01", "courrier", HUGE, "--pdf", "f.pdf"],
        ["--user", "admin", "rgpd", "acces", HUGE],
        ["--user", "admin", "rgpd", "journal", HUGE],
        ["--user", "admin", "rgpd", "effacer", HUGE],
        ["--user", "admin", "rgpd", "limiter", HUGE],
    ],
)
def test_a_demandeur_number_too_large_is_a_usage_error(
    capsys, monkeypatch, demo_db_path, tmp_path, command
):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exited:
        main(["--db", str(demo_db_path), *command])
    _, err = capsys.readouterr()
    assert exited.value.code == 2
    assert "numéro de demandeur trop grand" in err
    assert not (tmp_path / "f.pdf").exists()


def test_a_search_limit_too_large_is_a_usage_error(capsys, demo_db_path):
    with pytest.raises(SystemExit) as exited:
        main(["--db", str(demo_db_path), "search", "logement", "--limit", HUGE])
    _, err = capsys.readouterr()
    assert exited.value.code == 2
    assert "nombre trop grand" in err


def test_no_traceback_for_a_huge_number_through_the_console_command(demo_db_path, tmp_path):
    binome = shutil.which("binome", path=str(Path(sys.executable).parent))
    assert binome, "the binome console script is installed"
    done = subprocess.run(
        [binome, "--db", str(demo_db_path), "--user", "admin", "rgpd", "acces", HUGE],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "trop grand" in done.stderr


def test_a_fiche_de_liaison_pdf_is_for_its_owner_only(capsys, demo_db_path, tmp_path):
    target = tmp_path / "fiche.pdf"
    code, _, err = run(
        capsys,
        "--db",
        demo_db_path,
        "--user",
        "cons-albasud-01",
        "fiche-liaison",
        own_demandeur(demo_db_path),
        "--pdf",
        target,
    )
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_document_is_never_written_through_a_symbolic_link(capsys, demo_db_path, tmp_path):
    elsewhere = tmp_path / "autre-fichier.txt"
    elsewhere.write_text("à garder")
    link = tmp_path / "fiche.pdf"
    link.symlink_to(elsewhere)
    code, _, err = run(
        capsys,
        "--db",
        demo_db_path,
        "--user",
        "cons-albasud-01",
        "fiche-liaison",
        own_demandeur(demo_db_path),
        "--pdf",
        link,
    )
    assert code == 1
    assert "lien symbolique" in err
    assert elsewhere.read_text() == "à garder"


def test_a_rejected_record_with_a_huge_id_is_named_briefly(capsys, demo_db_path, tmp_path):
    huge = "a" * 1_000_000
    path = tmp_path / "grand.json"
    path.write_text(json.dumps({"structures": [{"id": huge}], "services": []}))
    code, _, err = run(capsys, "--db", demo_db_path, "--user", "admin", "import", path)
    assert code == 1
    assert "rejeté : Structure aaaa" in err and "(1000000 caractères)" in err
    assert len(err) < 2_000  # one line per missing field, not a megabyte each


@pytest.mark.parametrize(
    "command",
    [
        ["export", "{base}"],
        ["--user", "admin", "sauvegarde", "{base}-wal"],
        ["--user", "cons-albasud-01", "fiche-liaison", "{own}", "--pdf", "{base}"],
        ["--user", "admin", "rgpd", "acces", "1", "--sortie", "{base}"],
    ],
)
def test_nothing_is_ever_written_over_the_base_itself(capsys, demo_db_path, command):
    own = own_demandeur(demo_db_path)
    argv = [part.format(base=demo_db_path, own=own) for part in command]
    before = sqlite3.connect(demo_db_path).execute("SELECT count(*) FROM demandeurs").fetchone()
    code, _, err = run(capsys, "--db", demo_db_path, *argv)
    assert code == 1
    assert "est le fichier de la base Binôme elle-même : rien n'a été écrit" in err
    after = sqlite3.connect(demo_db_path).execute("SELECT count(*) FROM demandeurs").fetchone()
    assert after == before and before[0] > 0


def test_an_export_through_another_name_of_the_base_is_refused(capsys, demo_db_path, tmp_path):
    other_name = tmp_path / "autre-nom.csv"
    os.link(demo_db_path, other_name)  # the same file under another name
    code, _, err = run(capsys, "--db", demo_db_path, "export", other_name)
    assert code == 1 and "base Binôme elle-même" in err
    assert sqlite3.connect(demo_db_path).execute("SELECT count(*) FROM services").fetchone()[0]


@pytest.mark.parametrize(
    "content", ["[" * 100_000 + "]" * 100_000, '{"theme": ["liste"]}', '{"theme": {"a": 1}}']
)
async def test_a_broken_preferences_file_does_not_stop_the_app(
    demo_db_path, tmp_path, monkeypatch, content
):
    from tui.app import make_app

    preferences = tmp_path / "preferences.json"
    preferences.write_text(content)
    monkeypatch.setenv("BINOME_CONFIG", str(preferences))
    app = make_app(db_path=demo_db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#query")  # the Ressources screen, its search box
    assert app.return_code in (None, 0)


@pytest.mark.parametrize(
    "content", ["a = " + "[" * 100_000 + "]" * 100_000, "[" + ".".join(["a"] * 50_000) + "]"]
)
def test_a_keymap_file_nested_too_deep_keeps_the_default_keys(capsys, content):
    from tui import keys

    keys.keymap_path().parent.mkdir(parents=True, exist_ok=True)
    keys.keymap_path().write_text(content)
    code, out, _ = run(capsys, "touches")
    assert code == 0
    assert "ce n'est pas du TOML lisible" in out and "les touches par défaut restent" in out


@pytest.mark.parametrize(
    "address", ["http://[::1", "http://nom:secret@[::1", "http://" + "a" * 100 + ".fr"]
)
def test_a_sync_address_that_is_no_address_is_refused_in_french(capsys, demo_db_path, address):
    code, _, err = run(capsys, "--db", demo_db_path, "--user", "admin", "sync", address)
    assert code == 1
    assert "Adresse invalide" in err and "secret" not in err
