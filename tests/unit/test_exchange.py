"""Import and export in data·inclusion v1: the good records land, the bad ones are reported
with id, field and reason, and nothing is half-written."""

import json

import pytest
from records import service, structure

from ressources.errors import BinomeError
from ressources.exchange import export_payload, import_files, import_records
from ressources.text import normalize


def count(db, table):
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_valid_records_land_with_their_ids(reference_db):
    report = import_records(reference_db, [structure(1)], [service(1), service(2)])
    assert report.ok and (report.structures, report.services) == (1, 2)
    ids = {r[0] for r in reference_db.execute("SELECT id FROM services")}
    assert ids == {"test--sv1", "test--sv2"}
    # Local thématiques are derived from the national ones when the file has none.
    row = reference_db.execute("SELECT thematiques_locales FROM services LIMIT 1").fetchone()
    assert json.loads(row[0]) == ["logement-hebergement"]


def test_each_bad_record_is_reported_and_the_good_ones_land(reference_db):
    services = [
        service(1),
        service(2, thematiques=["logement--inexistant"]),  # unknown national thématique
        {k: v for k, v in service(3).items() if k != "description"},  # missing required field
        service(4, description="x" * 10_000_000),  # 10 MB description
        service(5, structure_id="test--absente"),  # unknown structure
        service(6, binome={"thematiques": ["pas-une-thematique"]}),  # unknown local thématique
        service(7),
        service(7),  # duplicate id
        service(8, courriel="pas-un-courriel"),
    ]
    report = import_records(reference_db, [structure(1)], services)
    by_id = {(r.id, r.field): r.reason for r in report.rejections}
    assert "valeur inconnue" in by_id[("test--sv2", "thematiques")]
    assert by_id[("test--sv3", "description")] == "champ obligatoire manquant"
    assert "trop long" in by_id[("test--sv4", "description")]
    assert "structure inconnue" in by_id[("test--sv5", "structure_id")]
    assert "thématique inconnue" in by_id[("test--sv6", "binome.thematiques")]
    assert by_id[("test--sv7", "id")] == "identifiant en double"
    assert "courriel" in by_id[("test--sv8", "courriel")]
    assert report.services == 1
    assert [r[0] for r in reference_db.execute("SELECT id FROM services")] == ["test--sv1"]
    assert "Service test--sv4, champ « description »" in str(
        next(r for r in report.rejections if r.id == "test--sv4")
    )


def test_unreadable_files_are_refused_and_nothing_is_written(reference_db, tmp_path):
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"structures": [', encoding="utf-8")
    not_utf8 = tmp_path / "latin1.json"
    not_utf8.write_bytes('{"nom": "é"}'.encode("latin-1"))
    wrong_shape = tmp_path / "shape.json"
    wrong_shape.write_text('"just a string"', encoding="utf-8")
    for path, message in [
        (bad_json, "n'est pas du JSON valide (fin du fichier inattendue, ligne 1, colonne 17)"),
        (not_utf8, "UTF-8"),
        (wrong_shape, "n'est pas un fichier data·inclusion"),
        (tmp_path / "missing.json", "Fichier introuvable"),
    ]:
        with pytest.raises(BinomeError) as exc:
            import_files(reference_db, [path])
        assert message in str(exc.value)
    assert count(reference_db, "services") == 0


def test_structures_and_services_may_come_as_two_files(reference_db, tmp_path):
    (tmp_path / "structures.json").write_text(json.dumps([structure(1)]), encoding="utf-8")
    (tmp_path / "services.json").write_text(json.dumps([service(1)]), encoding="utf-8")
    report = import_files(reference_db, [tmp_path / "services.json", tmp_path / "structures.json"])
    assert report.ok and report.services == 1


def test_a_failure_while_writing_leaves_the_database_as_it_was(reference_db, monkeypatch):
    import_records(reference_db, [structure(1)], [service(1)])
    import ressources.store as store

    def explode(*args, **kwargs):
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(store, "_write_index", explode)
    with pytest.raises(RuntimeError):
        import_records(reference_db, [structure(2)], [service(2, structure_id="test--st2")])
    assert count(reference_db, "services") == 1 and count(reference_db, "structures") == 1


def test_export_reimports_identically(demo_db, reference_db):
    first = export_payload(demo_db)
    assert len(first["services"]) >= 250
    report = import_records(reference_db, first["structures"], first["services"])
    assert report.ok, report.rejections[:3]
    second = export_payload(reference_db)
    assert second == first


def test_large_files_are_read_record_by_record(reference_db, tmp_path, monkeypatch):
    """Services before structures, a duplicate far apart, a broken record: the result is the
    same as for a small file, read with a tiny buffer and tiny chunks."""
    import ressources.exchange as exchange
    import ressources.jsonstream as jsonstream

    monkeypatch.setattr(jsonstream, "_CHUNK", 64)
    monkeypatch.setattr(exchange, "IMPORT_CHUNK", 3)
    services = [service(i) for i in range(1, 11)] + [service(4)]  # sv4 twice, 7 apart
    payload = {"services": services, "structures": [structure(1)]}
    path = tmp_path / "big.json"
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    report = import_files(reference_db, [path])
    assert [(r.id, r.reason) for r in report.rejections] == [("test--sv4", "identifiant en double")]
    ids = {r[0] for r in reference_db.execute("SELECT id FROM services")}
    assert ids == {f"test--sv{i}" for i in range(1, 11)} - {"test--sv4"}
    assert report.services == 9
    assert (
        reference_db.execute(
            "SELECT count(*) FROM services_fts WHERE services_fts MATCH ?", [normalize("aide")]
        ).fetchone()[0]
        == 9
    )
    # The copy taken back left nothing behind, and the base's references hold.
    for table in ("service_facets", "service_thematiques"):
        key = "pk" if table == "service_facets" else "service_pk"
        orphans = reference_db.execute(
            f"SELECT count(*) FROM {table} WHERE {key} NOT IN (SELECT pk FROM services)"
        ).fetchone()[0]
        assert orphans == 0, table
    assert reference_db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert reference_db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_an_archived_entry_imported_again_stays_archived_and_out_of_search(reference_db):
    from datetime import datetime

    from acteurs import ADMIN

    from ressources import edition

    import_records(reference_db, [structure(1)], [service(1), service(2)])
    edition.archive_service(reference_db, ADMIN, "test--sv1", now=datetime(2026, 11, 23, 10, 0))
    report = import_records(reference_db, [structure(1)], [service(1), service(2)])
    assert report.ok
    archived = reference_db.execute("SELECT archive FROM services WHERE id = 'test--sv1'")
    assert archived.fetchone()[0] == 1
    found = reference_db.execute(
        "SELECT s.id FROM services_fts JOIN services s ON s.pk = services_fts.rowid "
        "WHERE services_fts MATCH ?",
        [normalize("aide")],  # its stem
    ).fetchall()
    assert found == [("test--sv2",)]


def test_a_file_broken_near_its_end_writes_nothing(reference_db, tmp_path, monkeypatch):
    import ressources.jsonstream as jsonstream

    monkeypatch.setattr(jsonstream, "_CHUNK", 64)
    text = json.dumps({"structures": [structure(1)], "services": [service(i) for i in range(8)]})
    path = tmp_path / "cut.json"
    path.write_text(text[:-40], encoding="utf-8")
    with pytest.raises(BinomeError) as exc:
        import_files(reference_db, [path])
    assert "n'est pas du JSON valide" in str(exc.value)
    assert count(reference_db, "services") == 0 and count(reference_db, "structures") == 0


def test_structures_in_a_last_partial_chunk_are_written_before_services(
    reference_db, tmp_path, monkeypatch
):
    import ressources.exchange as exchange

    monkeypatch.setattr(exchange, "IMPORT_CHUNK", 4)
    payload = {
        "structures": [structure(i) for i in range(1, 7)],  # one full chunk and a partial one
        "services": [service(i, structure_id=f"test--st{i}") for i in range(1, 7)],
    }
    path = tmp_path / "order.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    report = import_files(reference_db, [path])
    assert report.ok and report.services == 6


def test_an_import_that_changes_an_entry_keeps_its_history(reference_db):
    from ressources.edition import read_service, service_history

    import_records(reference_db, [structure(1)], [service(1)])
    import_records(reference_db, [structure(1)], [service(1)])  # the same again
    assert service_history(reference_db, "test--sv1") == []
    import_records(reference_db, [structure(1)], [service(1, nom="Nouveau nom du service")])
    history = service_history(reference_db, "test--sv1")
    assert [(h.action, h.auteur) for h in history] == [("import", "import")]
    assert history[0].changements["nom"] == ["Service d'aide numéro 1", "Nouveau nom du service"]
    assert read_service(reference_db, "test--sv1")["version"] == 2


def _mixed_file(tmp_path):
    """Valid and invalid records, a duplicate, services before their structures."""
    services = [service(i) for i in range(1, 8)]
    services += [service(3), service(9, frais="peut-etre"), {"id": "test--sv10"}]
    payload = {"services": services, "structures": [structure(1), structure(2, nom="")]}
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return path


def _contents(db):
    return {
        "services": db.execute(
            "SELECT id, nom, geo_code_insee FROM services ORDER BY id"
        ).fetchall(),
        "index": db.execute(
            "SELECT s.id, f.nom, f.structure, f.thematiques, f.description FROM services_fts f "
            "JOIN services s ON s.pk = f.rowid ORDER BY s.id"
        ).fetchall(),
        "facets": db.execute("SELECT * FROM service_facets ORDER BY pk").fetchall(),
    }


def test_a_large_file_read_by_a_second_process_imports_the_same(
    reference_db, tmp_path, tmp_path_factory
):
    from seed.loader import open_seeded_database

    path = _mixed_file(tmp_path)
    here = import_files(reference_db, [path], reader_process=False)
    other_db = open_seeded_database(tmp_path_factory.mktemp("other") / "b.db", demo=False)
    there = import_files(other_db, [path], reader_process=True)
    assert (there.structures, there.services) == (here.structures, here.services) == (1, 6)
    assert [str(r) for r in there.rejections] == [str(r) for r in here.rejections]
    rejected = {r.id for r in here.rejections}
    assert rejected == {"test--st2", "test--sv3", "test--sv9", "test--sv10"}
    assert _contents(other_db) == _contents(reference_db)


def test_a_broken_file_read_by_a_second_process_writes_nothing(reference_db, tmp_path):
    text = json.dumps({"structures": [structure(1)], "services": [service(i) for i in range(9)]})
    path = tmp_path / "cut.json"
    path.write_text(text[:-40], encoding="utf-8")
    with pytest.raises(BinomeError) as exc:
        import_files(reference_db, [path], reader_process=True)
    assert "n'est pas du JSON valide" in str(exc.value)
    assert count(reference_db, "services") == 0 and count(reference_db, "structures") == 0


CUT_FRAME = (
    "import sys; out = sys.stdout.buffer; out.write((1000).to_bytes(8, 'little'));"
    " out.write(b'x' * 10); out.flush(); sys.exit(3)"
)


@pytest.mark.parametrize("code", ["import sys; sys.exit(3)", CUT_FRAME])
def test_a_reader_process_that_dies_is_reported_and_nothing_is_written(
    reference_db, tmp_path, monkeypatch, code
):
    import ressources.exchange as exchange

    monkeypatch.setattr(exchange, "_READER_CODE", code)
    path = _mixed_file(tmp_path)
    with pytest.raises(BinomeError) as exc:
        import_files(reference_db, [path], reader_process=True)
    assert "s'est arrêtée avant la fin (code 3)" in str(exc.value)
    assert count(reference_db, "services") == 0 and count(reference_db, "structures") == 0


def test_files_above_the_threshold_are_read_by_a_second_process(
    reference_db, tmp_path, monkeypatch
):
    import ressources.exchange as exchange

    path = _mixed_file(tmp_path)
    monkeypatch.setattr(exchange, "READER_PROCESS_MIN_BYTES", path.stat().st_size)
    monkeypatch.setattr(exchange, "_READER_CODE", "import sys; sys.exit(4)")
    with pytest.raises(BinomeError, match="code 4"):
        import_files(reference_db, [path])
    monkeypatch.setattr(exchange, "READER_PROCESS_MIN_BYTES", path.stat().st_size + 1)
    assert import_files(reference_db, [path]).services == 6


def test_the_progress_is_full_only_once_everything_is_written(demo_db, reference_db, tmp_path):
    # `binome import`'s bar stood at 100 % for seconds while the last records were written
    # and committed: it reaches the end only when import_files is done.
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export_payload(demo_db)))
    calls = []
    import_files(reference_db, [path], progress=lambda done, total: calls.append((done, total)))
    *before, last = calls
    assert before and all(done < total for done, total in before)
    assert last[0] == last[1] == path.stat().st_size
    assert reference_db.execute("SELECT count(*) FROM services").fetchone()[0] > 0
