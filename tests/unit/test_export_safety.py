"""Export writes one regular file, completely or not at all, and keeps every structure;
text from data reaches neither a terminal nor a spreadsheet with control characters or
formulas."""

from __future__ import annotations

import errno
import json
import os
from datetime import datetime

import pytest
from acteurs import ADMIN
from records import service, structure

from ressources import edition
from ressources.csvexchange import export_csv
from ressources.errors import BinomeError
from ressources.exchange import export_file, import_records
from tui.cli import main

WRITERS = [export_file, export_csv]
IDS = ["json", "csv"]


@pytest.fixture
def out(tmp_path):
    """A folder of its own for the exports (the base lives in tmp_path)."""
    folder = tmp_path / "sortie"
    folder.mkdir()
    return folder


def _names(path):
    return sorted(p.name for p in path.iterdir())


@pytest.mark.parametrize("write", WRITERS, ids=IDS)
def test_a_symlink_at_the_path_is_refused_and_its_target_kept(demo_db, out, write):
    target = out / "precieux.txt"
    target.write_text("à garder")
    link = out / "export.json"
    link.symlink_to(target)
    with pytest.raises(BinomeError) as exc:
        write(demo_db, link)
    assert "lien symbolique" in str(exc.value) and "rien n'a été écrit" in str(exc.value)
    assert target.read_text() == "à garder" and link.is_symlink()
    assert _names(out) == ["export.json", "precieux.txt"]


@pytest.mark.parametrize("write", WRITERS, ids=IDS)
def test_a_fifo_is_refused_without_blocking(demo_db, out, write):
    fifo = out / "tube"
    os.mkfifo(fifo)
    with pytest.raises(BinomeError) as exc:
        write(demo_db, fifo)
    assert "tube (FIFO)" in str(exc.value)


@pytest.mark.parametrize("write", WRITERS, ids=IDS)
def test_a_device_or_a_folder_is_refused(demo_db, out, write):
    from pathlib import Path

    with pytest.raises(BinomeError) as exc:
        write(demo_db, Path("/dev/null"))
    assert "périphérique" in str(exc.value)
    with pytest.raises(BinomeError) as exc:
        write(demo_db, out)
    assert "dossier" in str(exc.value)


@pytest.mark.parametrize("write", WRITERS, ids=IDS)
def test_a_full_disk_leaves_no_temporary_file_and_the_old_export(demo_db, out, monkeypatch, write):
    path = out / "export.json"
    path.write_text("ancien export")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(BinomeError) as exc:
        write(demo_db, path)
    assert "disque plein" in str(exc.value)
    assert _names(out) == ["export.json"] and path.read_text() == "ancien export"


def test_an_interrupted_export_leaves_nothing(demo_db, out, monkeypatch):
    import ressources.exchange as exchange

    def interrupted(*args, **kwargs):
        yield from ()
        raise KeyboardInterrupt

    monkeypatch.setattr(exchange, "export_services", interrupted)
    with pytest.raises(KeyboardInterrupt):
        export_file(demo_db, out / "export.json")
    assert _names(out) == []


def test_the_cli_refuses_a_symlink_in_french(demo_db_path, out, capsys):
    link = out / "x.csv"
    link.symlink_to(out / "ailleurs.csv")
    assert main(["export", str(link), "--db", str(demo_db_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("binome : ") and "lien symbolique" in err and "Traceback" not in err
    assert not (out / "ailleurs.csv").exists()


def test_structures_without_active_services_are_kept(reference_db, tmp_path, reference_db_path):
    import_records(reference_db, [structure(1), structure(2)], [service(1)])
    edition.archive_service(reference_db, ADMIN, "test--sv1", now=datetime(2026, 11, 30, 9, 0))
    path = tmp_path / "export.json"
    assert export_file(reference_db, path) == (2, 0)
    payload = json.loads(path.read_text(encoding="utf-8"))
    assert [s["id"] for s in payload["structures"]] == ["test--st1", "test--st2"]
    assert payload["services"] == []


def test_the_streamed_export_is_the_payload(demo_db, tmp_path):
    from ressources.exchange import export_payload

    path = tmp_path / "export.json"
    export_file(demo_db, path)
    assert json.loads(path.read_text(encoding="utf-8")) == export_payload(demo_db)


NASTY = {
    "nom": "Aide \x1b[2J\x1b]0;pirate\x07au logement",
    "description": "Une description\x1b[31m rouge \x9b2J avec \u202eun retour\u202c et\x00 plus.",
    "telephone": "05 63 00 00 00",
}


def test_imported_text_loses_its_escape_sequences(reference_db):
    import_records(reference_db, [structure(1)], [service(1, **NASTY)])
    record = edition.read_service(reference_db, "test--sv1")
    assert record["nom"] == "Aide au logement"
    assert "\x1b" not in record["description"] and "\u202e" not in record["description"]
    assert "\x9b" not in record["description"] and "\x00" not in record["description"]


def _raw_insert(db):
    """An entry stored by an earlier version, escape sequences and formulas included."""
    import_records(db, [structure(1)], [service(1)])
    db.execute(
        "UPDATE services SET nom = ?, description = ?, contact_nom_prenom = ? WHERE id = ?",
        [
            "Aide \x1b[2J\x1b]0;pirate\x07au logement",
            '=HYPERLINK("http://x")\x1b[31m',
            "@SOMME(A1)",
            "test--sv1",
        ],
    )
    db.execute("UPDATE structures SET nom = '+33 Structure' WHERE id = 'test--st1'")
    db.conn.commit()


def test_csv_cells_hold_no_control_characters_nor_formulas(reference_db, tmp_path):
    import csv

    _raw_insert(reference_db)
    path = tmp_path / "export.csv"
    export_csv(reference_db, path)
    text = path.read_text(encoding="utf-8-sig")
    assert "\x1b" not in text and "\x07" not in text
    rows = list(csv.DictReader(text.splitlines(), delimiter=";"))
    assert rows[0]["description"].startswith("'=HYPERLINK")
    assert rows[0]["contact_nom_prenom"] == "'@SOMME(A1)"
    assert rows[0]["structure_nom"] == "'+33 Structure"
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@")), cell


def test_cli_output_holds_no_escape_sequence(reference_db, reference_db_path, capsys):
    _raw_insert(reference_db)
    for argv in (["search", "aide", "logement"], ["search", "aide", "--json"]):
        assert main([*argv, "--db", str(reference_db_path)]) == 0
        out = capsys.readouterr().out
        assert "Aide au logement" in out and "\x1b" not in out and "\x07" not in out
