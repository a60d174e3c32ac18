"""One home for the data·inclusion record (ressources/record.py): every field of its table
goes through import, export, CSV and editing alike; Binôme's local rules are warnings on an
entry, never a reason to refuse national data or an unrelated change."""

from __future__ import annotations

from datetime import datetime

import pytest
from acteurs import ADMIN
from records import BY_KIND, STRUCTURE, as_file, full_record

from ressources import edition
from ressources.csvexchange import COLUMNS, export_csv, import_csv
from ressources.exchange import export_payload, import_records
from ressources.gazetteer import Gazetteer
from ressources.record import (
    LOCAL_RECORD,
    SERVICE_RECORD,
    SLUGS,
    TEXT,
    WORDS,
    comparable,
    read_records,
)

NOW = datetime(2026, 11, 23, 10, 0)


def assert_same_record(found: dict, expected: dict) -> None:
    for f in SERVICE_RECORD:
        assert comparable(f.name, found.get(f.name)) == comparable(f.name, expected.get(f.name)), (
            f.name
        )


def test_every_field_of_the_table_goes_through_import_export_csv_and_editing(
    reference_db, tmp_path, demo_db
):
    record = full_record()
    report = import_records(reference_db, [STRUCTURE], [as_file(record)])
    assert report.ok and report.services == 1, report.rejections
    assert_same_record(read_records(reference_db, ["test--sv1"])["test--sv1"], record)
    # The JSON export gives back the file's record, Binôme's fields under their keys.
    exported = next(s for s in export_payload(reference_db)["services"] if s["id"] == "test--sv1")
    assert {k: comparable(k, v) for k, v in exported["binome"].items()} == {
        f.extension_key: comparable(f.name, record[f.name]) for f in LOCAL_RECORD
    }
    assert_same_record(
        {**exported, **{f.name: exported["binome"][f.extension_key] for f in LOCAL_RECORD}}, record
    )
    # CSV: every field has its column, and the file re-imports the same record elsewhere.
    assert {f.csv_column for f in LOCAL_RECORD} <= set(COLUMNS)
    path = tmp_path / "base.csv"
    export_csv(reference_db, path)
    other = demo_db
    csv_report = import_csv(other, [path])
    assert csv_report.ok, csv_report.rejections
    assert_same_record(read_records(other, ["test--sv1"])["test--sv1"], record)
    # Editing: every editable field of the table can be changed, and is kept as given.
    version = edition.read_service(reference_db, "test--sv1")["version"]
    changes = {
        "nom": "Permanence budget du jeudi",
        **{
            f.name: BY_KIND[f.kind][:1] if f.kind in (SLUGS, WORDS) else BY_KIND[f.kind]
            for f in LOCAL_RECORD
            if f.kind != TEXT
        },
    }
    changes["date_revue"] = "2026-02-01"
    edition.update_service(reference_db, ADMIN, "test--sv1", changes, version=version, now=NOW)
    saved = {**record, **changes, "date_maj": NOW.date().isoformat()}  # updated today
    assert_same_record(edition.read_service(reference_db, "test--sv1"), saved)


def imported_with_local_problems(db) -> str:
    """An entry valid for data·inclusion that Binôme's local rules would not let a person
    type: a short number, a code postal of another commune, a partner unknown here."""
    service = as_file(full_record())
    service.update(telephone="39 39", code_postal="82000")
    service["binome"]["partenaire"] = "partenaire-d-ailleurs"
    report = import_records(db, [STRUCTURE], [service])
    assert report.ok and report.services == 1, report.rejections  # never refused
    return service["id"]


def test_local_rules_are_warnings_on_an_imported_entry_not_refusals(reference_db):
    service_id = imported_with_local_problems(reference_db)
    entry = edition.read_service(reference_db, service_id)
    warnings = edition.service_warnings(reference_db, entry)
    assert "numéro invalide" in warnings["telephone"]
    assert "n'est pas un code postal de Moissac" in warnings["code_postal"]
    assert "partenaire inconnu" in warnings["partenaire"]
    # Saving an unrelated field is never stopped by them.
    version = edition.update_service(
        reference_db,
        ADMIN,
        service_id,
        {"nom": "Permanence du jeudi"},
        version=entry["version"],
        now=NOW,
    )
    assert edition.read_service(reference_db, service_id)["nom"] == "Permanence du jeudi"
    # A field being changed follows the rules: a wrong number typed is refused, in French.
    with pytest.raises(edition.InvalidFields) as exc:
        edition.update_service(
            reference_db, ADMIN, service_id, {"telephone": "12"}, version=version, now=NOW
        )
    assert set(exc.value.errors) == {"telephone"}
    assert "numéro invalide « 12 »" in exc.value.errors["telephone"]
    # Changing the commune checks its code postal again.
    caussade = Gazetteer.from_db(reference_db).resolve("caussade")
    with pytest.raises(edition.InvalidFields) as exc:
        edition.update_service(
            reference_db,
            ADMIN,
            service_id,
            {"code_insee": caussade.code_insee, "commune": caussade.nom},
            version=version,
            now=NOW,
        )
    assert "n'est pas un code postal de Caussade" in exc.value.errors["code_postal"]
    # Fixed, a warning goes away.
    edition.update_service(
        reference_db, ADMIN, service_id, {"telephone": "05 63 04 00 00"}, version=version, now=NOW
    )
    assert "telephone" not in edition.service_warnings(
        reference_db, edition.read_service(reference_db, service_id)
    )


def test_a_new_entry_follows_every_local_rule(reference_db):
    """Nothing about a new entry is « unrelated »: every rule applies."""
    record = {**full_record(), "telephone": "12", "partenaire": "cd82-mds-castelsarrasin-moissac"}
    import_records(reference_db, [STRUCTURE], [])
    del record["id"]
    with pytest.raises(edition.InvalidFields) as exc:
        edition.create_service(reference_db, ADMIN, record, now=NOW)
    assert set(exc.value.errors) == {"telephone"}
