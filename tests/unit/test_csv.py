"""CSV exchange, for spreadsheets: one row per service, `;`, UTF-8 with BOM; an exported
file re-imports identically, spreadsheet habits are understood, bad rows are reported."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import datetime

import pytest
from acteurs import ADMIN, make_os_account_administrateur
from records import service, structure

from ressources import edition
from ressources.csvexchange import COLUMNS, export_csv, import_csv
from ressources.errors import BinomeError
from ressources.exchange import export_payload, import_records
from seed.loader import open_project_database
from tui.cli import main

NOW = datetime(2026, 11, 23, 10, 0)
BOM = "\ufeff".encode()
DESCRIPTION = (
    'Aide « budget » ; point sur les dettes et le "surendettement".\n'
    "Sur rendez-vous, à la mairie annexe ; prévoir ses relevés."
)


def add_tricky_entry(db) -> str:
    return edition.create_service(
        db,
        ADMIN,
        {
            "structure_id": "binome-demo--ccas-moissac",
            "nom": "Permanence budget ; dettes — Moissac",
            "description": DESCRIPTION,
            "code_insee": "82112",
            "code_postal": "82200",
            "commune": "Moissac",
            "telephone": "+33 5 63 12 34 56",  # a spreadsheet would take it for a formula
            "horaires_accueil": "Mo-Fr 09:00-12:00; Sa 09:00-11:00",
            "thematiques_locales": ["difficultes-financieres"],
            "mots_cles": ["budget", "dettes ; crédits", "élan"],
            "partenaire": "cd82-mds-castelsarrasin-moissac",
        },
        now=NOW,
    )


def read_rows(path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream, delimiter=";"))


def test_round_trip_keeps_every_character(demo_db, reference_db, tmp_path):
    new_id = add_tricky_entry(demo_db)
    first = tmp_path / "base.csv"
    structures, services = export_csv(demo_db, first)
    assert services == len(export_payload(demo_db)["services"]) and structures > 100
    data = first.read_bytes()
    assert data.startswith(BOM)  # a spreadsheet then reads the accents right
    assert data[len(BOM) :].startswith(b"source;structure_id;id;nom;description;")
    rows = read_rows(first)
    assert rows[0] == list(COLUMNS)
    assert rows[0][-4:] == ["thematiques_binome", "mots_cles", "partenaire", "date_revue"]
    assert "structure_nom" in rows[0] and "structure_id" in rows[0]
    row = dict(zip(rows[0], next(r for r in rows if r[2] == new_id), strict=True))
    assert row["description"] == DESCRIPTION  # `;`, quotes and newline survive, quoted
    assert row["mots_cles"] == "budget | dettes ; crédits | élan"
    assert row["telephone"] == "'+33 5 63 12 34 56"  # not run as a formula
    assert row["structure_nom"] and row["thematiques_binome"] == "difficultes-financieres"
    assert row["publics"] == "" and row["zone_eligibilite"] == ""

    report = import_csv(reference_db, [first])
    assert report.ok, [str(r) for r in report.rejections[:3]]
    assert (report.structures, report.services) == (structures, services)
    again = tmp_path / "again.csv"
    export_csv(reference_db, again)
    assert again.read_bytes() == data
    assert export_payload(reference_db) == export_payload(demo_db)
    record = edition.read_service(reference_db, new_id)
    assert record["telephone"] == "+33 5 63 12 34 56"
    assert record["mots_cles"] == ["budget", "dettes ; crédits", "élan"]


def test_a_spreadsheet_file_with_commas(reference_db, tmp_path):
    """Saved by a spreadsheet: `,` separator, no BOM, a few columns in another order,
    French dates and decimals, `|` without spaces, an extra column, trailing empties."""
    header = (
        "id,nom,structure_id,source,description,date_maj,thematiques,publics,latitude,"
        "longitude,code_insee,structure_nom,structure_source,structure_date_maj,"
        "structure_commune,mots_cles,Remarques"
    )
    description = "Ateliers collectifs pour apprendre à gérer son budget, sur inscription."
    lines = [
        header,
        f'tab--1,Atelier budget,tab--st1,tableur,"{description}",15/01/2026,'
        "difficultes-financieres--ameliorer-sa-gestion-budgetaire|mobilite--financer-ma-mobilite,"
        'familles|jeunes,"44,1044","1,0714",82112,Épicerie « La Main Tendue »,tableur,'
        "2026-01-10,Moissac,budget|épargne,à relire",
        f'tab--2,Atelier cuisine,tab--st1,tableur,"{description}",2026-01-16,,,,,,,,,,,',
        ",,,,,,,,,,,,,,,,",
        "",
    ]
    path = tmp_path / "tableur.csv"
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    report = import_csv(reference_db, [path])
    assert report.ok, [str(r) for r in report.rejections]
    assert (report.structures, report.services) == (1, 2)
    assert report.ignored_columns == ["remarques"]
    first = edition.read_service(reference_db, "tab--1")
    assert first["date_maj"] == "2026-01-15" and first["latitude"] == 44.1044
    assert first["publics"] == ["familles", "jeunes"]
    assert first["mots_cles"] == ["budget", "épargne"]
    assert "difficultes-financieres" in first["thematiques_locales"]
    payload = export_payload(reference_db)
    assert [s["nom"] for s in payload["structures"]] == ["Épicerie « La Main Tendue »"]
    assert edition.read_service(reference_db, "tab--2")["structure_id"] == "tab--st1"


def test_a_broken_row_is_reported_and_the_others_land(demo_db, reference_db, tmp_path):
    exported = tmp_path / "base.csv"
    export_csv(demo_db, exported)
    rows = read_rows(exported)
    header = rows[0]
    at = {name: header.index(name) for name in header}
    rows = rows[:6]
    bad_value = rows[2][at["id"]]
    rows[2][at["code_postal"]] = "8220"
    cut_id = rows[3][at["id"]]
    rows[4][at["date_maj"]] = "31/02/2026"  # no such day
    bad_date = rows[4][at["id"]]
    out = io.StringIO()
    starts = []  # the line each row starts on (a quoted text may span several)
    for index, row in enumerate(rows):
        starts.append(out.getvalue().count("\n") + 1)
        line = io.StringIO()
        cells = [*row[:4], "@COUPE@", *row[5:]] if index == 3 else row
        csv.writer(line, delimiter=";", lineterminator="\r\n").writerow(cells)
        # Row 3 cut by hand: a `;` typed in a text without quotes adds a cell.
        out.write(line.getvalue().replace("@COUPE@", "texte ; coupé"))
    path = tmp_path / "abime.csv"
    path.write_bytes(BOM + out.getvalue().encode("utf-8"))

    report = import_csv(reference_db, [path])
    found = {(r.id, r.field): r for r in report.rejections}
    assert found[(bad_value, "code_postal")].ligne == starts[2]
    assert found[(cut_id, "")].ligne == starts[3]
    assert "cellules au lieu de" in found[(cut_id, "")].reason
    assert found[(bad_date, "date_maj")].ligne == starts[4]
    assert "date invalide" in found[(bad_date, "date_maj")].reason
    assert str(found[(bad_value, "code_postal")]).startswith(
        f"Service {bad_value} (ligne {starts[2]}), champ « code_postal » : "
    )
    assert report.services == 2 and len(report.rejections) == 3
    landed = {r[0] for r in reference_db.execute("SELECT id FROM services")}
    assert landed == {rows[1][at["id"]], rows[5][at["id"]]}


def test_a_structure_described_two_ways_keeps_the_first(reference_db, tmp_path):
    header = [
        "id",
        "structure_id",
        "source",
        "nom",
        "description",
        "date_maj",
        "structure_nom",
        "structure_source",
        "structure_date_maj",
    ]
    description = "Un service pour accompagner les personnes dans leurs démarches."
    rows = [
        ["t--1", "t--st", "t", "Service un", description, "2026-01-01", "Nom A", "t", "2026-01-01"],
        [
            "t--2",
            "t--st",
            "t",
            "Service deux",
            description,
            "2026-01-01",
            "Nom B",
            "t",
            "2026-01-01",
        ],
    ]
    path = tmp_path / "deux.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream, delimiter=";").writerows([header, *rows])
    report = import_csv(reference_db, [path])
    assert report.services == 2
    [rejection] = report.rejections
    assert (rejection.kind, rejection.id, rejection.field, rejection.ligne) == (
        "structure",
        "t--st",
        "nom",
        3,
    )
    assert "ligne 2" in rejection.reason
    assert reference_db.execute("SELECT nom FROM structures").fetchall() == [("Nom A",)]


def test_unreadable_csv_files_are_refused_and_nothing_is_written(reference_db, tmp_path):
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("id;nom\nx;Crèche\n".encode("latin-1"))
    no_id = tmp_path / "sans-id.csv"
    no_id.write_text("nom;description\nA;B\n", encoding="utf-8")
    empty = tmp_path / "vide.csv"
    empty.write_text("", encoding="utf-8")
    for path, message in [
        (latin, "UTF-8"),
        (no_id, "la colonne « id » manque"),
        (empty, "est vide"),
        (tmp_path / "absent.csv", "Fichier introuvable"),
    ]:
        with pytest.raises(BinomeError) as exc:
            import_csv(reference_db, [path])
        assert message in str(exc.value)
    assert reference_db.execute("SELECT count(*) FROM services").fetchone() == (0,)


def test_structures_without_active_services_keep_a_row_and_come_back(
    reference_db_path, _reference_template, tmp_path, capsys
):
    """A structure whose services are all archived, or which has none, is exported as a
    row of its own (service cells empty) and re-imported as a structure, not a service."""
    make_os_account_administrateur(reference_db_path)
    db = open_project_database(reference_db_path)
    import_records(db, [structure(1), structure(2), structure(3)], [service(1), service(2)])
    edition.archive_service(db, ADMIN, "test--sv2", now=NOW)
    db.close()
    first = tmp_path / "export.csv"
    assert main(["export", str(first), "--db", str(reference_db_path)]) == 0
    header, *rows = read_rows(first)
    by_structure = {
        row[header.index("structure_id")]: dict(zip(header, row, strict=True)) for row in rows
    }
    assert sorted(by_structure) == ["test--st1", "test--st2", "test--st3"] and len(rows) == 3
    for alone in ("test--st2", "test--st3"):
        row = by_structure[alone]
        assert row["structure_nom"] == f"Structure numéro {alone[-1]}"
        assert row["id"] == row["nom"] == row["thematiques"] == ""

    other = shutil.copy(_reference_template, tmp_path / "autre.db")
    make_os_account_administrateur(other)
    capsys.readouterr()
    assert main(["import", str(first), "--db", str(other)]) == 0, capsys.readouterr().err
    db = open_project_database(other)
    assert [r[0] for r in db.execute("SELECT id FROM structures ORDER BY id")] == [
        "test--st1",
        "test--st2",
        "test--st3",
    ]
    assert [r[0] for r in db.execute("SELECT id FROM services")] == ["test--sv1"]
    db.close()
    again = tmp_path / "again.csv"
    assert main(["export", str(again), "--db", str(other)]) == 0
    assert again.read_bytes() == first.read_bytes()


def test_a_row_with_neither_service_nor_structure_is_reported(reference_db, tmp_path):
    path = tmp_path / "vide.csv"
    path.write_text("id;structure_id;nom\n;test--st9;\n", encoding="utf-8")
    report = import_csv(reference_db, [path])
    [rejection] = report.rejections
    assert rejection.ligne == 2 and "ni structure" in rejection.reason
