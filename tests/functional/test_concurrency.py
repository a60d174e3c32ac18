"""Many people at once on one SQLite file: real processes (tests/concurrency_worker.py).

Writers on the same field and on different fields of the same entries, an importer and a
reader work together for a few seconds; every save reported as saved must be found in the
history under its version, every refusal must be the conflict message, and nothing may end
in a raw SQLite error.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, datetime

import concurrency_worker
import pytest
from acteurs import ADMIN

from caseload.acces import get_profil
from caseload.database import open_project_database
from caseload.store import Caseload
from ressources import edition
from ressources.db import retrying
from ressources.errors import DatabaseBusy, DatabaseError, EditConflict

NOW = datetime(2026, 11, 23, 10, 0)
CASELOAD_TODAY = date(2026, 11, 23)


def test_writers_importer_and_reader_together_lose_nothing(demo_db_path, tmp_path):
    lines = concurrency_worker.run(
        demo_db_path, tmp_path, same=2, different=2, importers=1, readers=1, seconds=3
    )
    summary = concurrency_worker.verify(demo_db_path, lines)
    assert summary["errors"] == 0, summary["error_samples"]
    assert summary["busy"] == 0
    assert summary["saved"] > 0 and summary["imports"] > 0 and summary["reads"] > 0
    assert summary["lost"] == 0, summary["lost_samples"]
    assert summary["duplicate_versions"] == 0  # no two "version 2" lines
    assert summary["conflicts_on_different_fields"] == 0  # different fields: both land
    assert summary["conflicts_in_french"]
    assert summary["integrity"] == "ok"


def test_two_changes_to_different_fields_of_one_version_both_land(demo_db_path):
    first, second = open_project_database(demo_db_path), open_project_database(demo_db_path)
    service_id = concurrency_worker.pick_entries(demo_db_path, 1)[0]
    opened = edition.read_service(first, service_id)["version"]
    v1 = edition.update_service(
        first, ADMIN, service_id, {"contact_nom_prenom": "Anne Martin"}, version=opened, now=NOW
    )
    v2 = edition.update_service(
        second, ADMIN, service_id, {"adresse": "3 rue Haute"}, version=opened, now=NOW
    )
    assert (v1, v2) == (opened + 1, opened + 2)
    final = edition.read_service(first, service_id)
    assert final["contact_nom_prenom"] == "Anne Martin" and final["adresse"] == "3 rue Haute"
    history = edition.service_history(first, service_id)
    assert [h.version for h in history][-2:] == [v1, v2]
    assert history[-1].action == "modification-fusionnee"
    assert set(history[-1].changements) >= {"adresse"}
    assert "contact_nom_prenom" not in history[-1].changements


def test_the_same_value_saved_by_both_is_not_a_conflict(demo_db_path):
    first, second = open_project_database(demo_db_path), open_project_database(demo_db_path)
    service_id = concurrency_worker.pick_entries(demo_db_path, 1)[0]
    opened = edition.read_service(first, service_id)["version"]
    edition.update_service(
        first, ADMIN, service_id, {"telephone": "05 63 00 00 01"}, version=opened, now=NOW
    )
    assert (
        edition.update_service(
            second, ADMIN, service_id, {"telephone": "05 63 00 00 01"}, version=opened, now=NOW
        )
        == opened + 1
    )


def test_simultaneous_saves_are_never_a_raw_sqlite_error(demo_db_path):
    """Two threads, two connections, released together, 30 times: each pair gives one save
    and one conflict (same field) — never "database is locked"."""
    service_id = concurrency_worker.pick_entries(demo_db_path, 1)[0]
    conns = [open_project_database(demo_db_path) for _ in range(2)]
    outcomes: list[str] = []
    for round_ in range(30):
        opened = edition.read_service(conns[0], service_id)["version"]
        barrier = threading.Barrier(2)

        def save(db, worker, opened=opened, round_=round_, barrier=barrier):
            barrier.wait()
            try:
                edition.update_service(
                    db,
                    ADMIN,
                    service_id,
                    {"telephone": f"05 63 {worker:02d} {round_:02d} 00"},
                    version=opened,
                    now=NOW,
                )
                outcomes.append("saved")
            except edition.EditConflict:
                outcomes.append("conflict")
            except Exception as exc:
                outcomes.append(f"{type(exc).__name__}: {exc}")

        threads = [threading.Thread(target=save, args=(c, i)) for i, c in enumerate(conns)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert sorted(set(outcomes)) == ["conflict", "saved"]
    assert outcomes.count("saved") == 30


def test_a_busy_base_is_retried_then_reported_in_french(demo_db_path, monkeypatch):
    monkeypatch.setenv("BINOME_ATTENTE_MAX", "0.5")
    db = open_project_database(demo_db_path)
    holder = sqlite3.connect(demo_db_path)
    holder.execute("BEGIN IMMEDIATE")
    service_id = concurrency_worker.pick_entries(demo_db_path, 1)[0]
    try:
        opened = edition.read_service(db, service_id)["version"]
        with pytest.raises(DatabaseBusy) as exc:
            edition.update_service(
                db, ADMIN, service_id, {"telephone": "05 63 00 00 02"}, version=opened, now=NOW
            )
        assert "verrouillée par un autre programme" in str(exc.value)
        assert exc.value.__cause__ is None and exc.value.__suppress_context__
        assert not db.conn.in_transaction
    finally:
        holder.rollback()
        holder.close()
    # Released: the same save goes through.
    assert (
        edition.update_service(
            db, ADMIN, service_id, {"telephone": "05 63 00 00 02"}, version=opened, now=NOW
        )
        == opened + 1
    )


def test_a_lock_released_within_the_budget_is_waited_for(demo_db_path, monkeypatch):
    monkeypatch.setenv("BINOME_ATTENTE_MAX", "10")
    db = open_project_database(demo_db_path)
    holder = sqlite3.connect(demo_db_path, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(1.5, holder.rollback)
    timer.start()
    calls = []
    retrying(db, lambda: calls.append(db.execute("UPDATE meta SET value = value").rowcount))
    timer.join()
    holder.close()
    assert len(calls) >= 1


def test_an_import_on_a_busy_base_waits_its_turn_then_says_so_in_french(
    reference_db_path, tmp_path, monkeypatch, capsys
):
    """An import takes the write lock with the same bounded backoff as a save: still busy
    at the end of the budget, `binome import` says so in French and writes nothing; once
    the other program lets go, the same import goes through."""
    from acteurs import make_os_account_administrateur
    from digest import table_digest

    from ressources.exchange import import_files
    from tui.cli import main

    make_os_account_administrateur(reference_db_path)
    path = concurrency_worker.write_import_file(reference_db_path, tmp_path / "import.json", 5)
    monkeypatch.setenv("BINOME_ATTENTE_MAX", "0.5")
    before = table_digest(reference_db_path)
    holder = sqlite3.connect(reference_db_path)
    holder.execute("BEGIN IMMEDIATE")
    db = open_project_database(reference_db_path)
    try:
        with pytest.raises(DatabaseBusy):  # a French sentence for any caller, the app's too
            import_files(db, [path], reader_process=False)
        assert main(["import", str(path), "--db", str(reference_db_path)]) == 1
    finally:
        db.close()
        holder.rollback()
        holder.close()
    err = capsys.readouterr().err
    assert "verrouillée par un autre programme" in err and "Traceback" not in err, err
    assert table_digest(reference_db_path) == before
    assert main(["import", str(path), "--db", str(reference_db_path)]) == 0
    db = open_project_database(reference_db_path)
    assert db.execute("SELECT count(*) FROM services WHERE id LIKE 'imp-%'").fetchone()[0] == 5
    db.close()


def test_fiche_de_liaison_merges_other_fields_and_refuses_the_same(caseload_db_path):
    db1, db2 = open_project_database(caseload_db_path), open_project_database(caseload_db_path)
    cons = get_profil(db1, "cons-albasud-01")
    one = Caseload(db1, cons, clock=lambda: CASELOAD_TODAY)
    two = Caseload(db2, get_profil(db2, "cons-albasud-01"), clock=lambda: CASELOAD_TODAY)
    demandeur_id = one.portefeuille()[0].id
    opened_one, opened_two = one.get(demandeur_id), two.get(demandeur_id)
    one.update_fiche(demandeur_id, {"telephone": "06 12 34 56 78"}, opened=opened_one)
    # The second form holds the whole fiche as opened, with its own change.
    from dataclasses import asdict

    form = {**asdict(opened_two.fiche), "identifiant_caf": "1234567"}
    two.update_fiche(demandeur_id, form, opened=opened_two)
    after = one.get(demandeur_id)
    assert after.fiche.telephone == "06 12 34 56 78"  # theirs kept
    assert after.fiche.identifiant_caf == "1234567"  # mine landed
    assert after.version == opened_one.version + 2
    # The same field, changed by both: refused, nothing overwritten.
    stale = {**asdict(opened_two.fiche), "telephone": "07 00 00 00 00"}
    with pytest.raises(EditConflict) as exc:
        two.update_fiche(demandeur_id, stale, opened=opened_two)
    assert "telephone" in str(exc.value) and "modifiée par quelqu'un d'autre" in str(exc.value)
    assert one.get(demandeur_id).fiche.telephone == "06 12 34 56 78"


def test_another_sqlite_failure_on_a_save_is_a_french_sentence(demo_db_path):
    db = open_project_database(demo_db_path)
    service_id = concurrency_worker.pick_entries(demo_db_path, 1)[0]
    opened = edition.read_service(db, service_id)["version"]
    db.execute("PRAGMA query_only = 1")  # as a read-only file would refuse it
    with pytest.raises(DatabaseError) as exc:
        edition.update_service(
            db, ADMIN, service_id, {"telephone": "05 63 00 00 03"}, version=opened, now=NOW
        )
    assert "lecture seule" in str(exc.value)
    assert not db.conn.in_transaction
