"""Re-importing a file never reverts an edit made here since the entry was last imported:
the merge rule of the synchronisation (ressources.fusion) applies, and the conflict is listed."""

from datetime import datetime

from acteurs import ADMIN, make_os_account_administrateur
from records import service, structure

from ressources import edition
from ressources.exchange import import_records
from tui.cli import main


def test_a_local_edit_survives_the_reimport_of_an_older_file(reference_db):
    import_records(reference_db, [structure(1)], [service(1), service(2)])
    edition.update_service(
        reference_db,
        ADMIN,
        "test--sv1",
        {"nom": "Nom corrigé ici"},
        version=1,
        now=datetime(2026, 11, 30, 9, 0),
    )
    older = [service(1, telephone="05 63 00 00 00"), service(2, nom="Nom venu du fichier")]
    report = import_records(reference_db, [structure(1)], older)
    assert [c.id for c in report.conflicts] == ["test--sv1"]
    assert "telephone" in report.conflicts[0].fields and "nom" not in report.conflicts[0].fields
    assert "depuis le dernier import" in str(report.conflicts[0])
    assert edition.read_service(reference_db, "test--sv1")["nom"] == "Nom corrigé ici"
    assert edition.read_service(reference_db, "test--sv1")["telephone"] is None
    # The entry nobody edited here follows the file.
    assert edition.read_service(reference_db, "test--sv2")["nom"] == "Nom venu du fichier"


def test_an_entry_imported_again_after_an_import_is_not_a_conflict(reference_db):
    import_records(reference_db, [structure(1)], [service(1)])
    import_records(reference_db, [structure(1)], [service(1, nom="Deuxième version du nom")])
    report = import_records(reference_db, [structure(1)], [service(1, nom="Troisième nom")])
    assert report.conflicts == []
    assert edition.read_service(reference_db, "test--sv1")["nom"] == "Troisième nom"


def test_the_cli_lists_the_conflict(reference_db_path, tmp_path, capsys):
    import json

    from seed.loader import open_seeded_database

    db = open_seeded_database(reference_db_path, demo=False)
    import_records(db, [structure(1)], [service(1)])
    edition.update_service(
        db,
        ADMIN,
        "test--sv1",
        {"nom": "Nom corrigé ici"},
        version=1,
        now=datetime(2026, 11, 30, 9, 0),
    )
    path = tmp_path / "ancien.json"
    path.write_text(
        json.dumps({"structures": [structure(1)], "services": [service(1, nom="Ancien nom")]})
    )
    db.close()
    make_os_account_administrateur(reference_db_path)
    assert main(["import", str(path), "--db", str(reference_db_path)]) == 0
    out = capsys.readouterr().out
    assert "conflit : Service test--sv1" in out and "la version locale est gardée" in out


def test_a_file_without_binomes_fields_does_not_reset_an_edited_entry(reference_db):
    """A plain data·inclusion file carries no local thématiques or partner: importing it
    again would reset them; on an entry edited here that is a conflict, the edit stays."""
    import_records(reference_db, [structure(1)], [service(1)])
    edition.update_service(
        reference_db,
        ADMIN,
        "test--sv1",
        {"mots_cles": ["loyer", "caution"]},
        version=1,
        now=datetime(2026, 11, 30, 9, 0),
    )
    report = import_records(reference_db, [structure(1)], [service(1)])
    assert [c.id for c in report.conflicts] == ["test--sv1"]
    assert edition.read_service(reference_db, "test--sv1")["mots_cles"] == ["loyer", "caution"]
