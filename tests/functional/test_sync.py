"""Synchronisation, end to end: a real HTTP server on 127.0.0.1 serves data·inclusion-style
pages (and misbehaves on demand); the sync merges them into a real SQLite file."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from acteurs import ADMIN, make_os_account_administrateur
from dora_api import SLOW, service, structure
from faults import (
    KILLS,
    cli_child,
    digest,
    fresh_copy,
    integrity,
    kill_at,
    kill_moments,
    run_to_end,
)

from ressources import edition
from ressources.errors import SyncError
from ressources.exchange import export_payload, import_records
from ressources.sync import SEARCH_COMMUNES, SyncConflict, sync
from tui.cli import main

NOW = datetime(2026, 11, 23, 10, 0)
TOKEN = "jeton-tres-secret-42"
CLIENT_TIMEOUT = 0.3


@pytest.fixture
def client():
    # trust_env=False: no proxy from the environment between the test and 127.0.0.1.
    with httpx.Client(timeout=CLIENT_TIMEOUT, trust_env=False) as c:
        yield c


@pytest.fixture
def waits():
    return []


@pytest.fixture
def run(api, client, waits):
    def _run(db, **kwargs):
        kwargs.setdefault("token", TOKEN)
        return sync(
            db,
            api.base_url,
            client=client,
            sleep=waits.append,
            now=lambda: NOW,
            page_size=2,
            **kwargs,
        )

    return _run


def state(db) -> tuple:
    history = db.execute("SELECT * FROM historique ORDER BY id").fetchall()
    services = db.execute(
        "SELECT id, version, sync_empreinte, sync_version, modifie_le FROM services ORDER BY id"
    ).fetchall()
    return export_payload(db, include_archived=True), history, services


# -- merging -------------------------------------------------------------------------------------


def test_first_sync_adds_everything_and_sends_the_token(reference_db, api, client, monkeypatch):
    monkeypatch.setenv("DATA_INCLUSION_TOKEN", TOKEN)
    calls = []
    report = sync(
        reference_db,
        api.base_url,
        client=client,
        page_size=2,
        now=lambda: NOW,
        sleep=lambda s: pytest.fail("no wait expected"),
        progress=lambda done, total: calls.append((done, total)),
    )
    assert sorted(report.added) == [f"dora--sv{i}" for i in range(1, 6)]
    assert sorted(report.structures_added) == ["dora--st1", "dora--st2", "dora--st3"]
    assert not (report.updated or report.conflicts or report.rejections or report.unchanged)
    # Every page asked for, for département 82, with the token from the environment; then
    # the search around the communes that cover it (nothing located elsewhere here).
    lists = [r for r in api.requests if r["path"] != "/api/v1/search/services"]
    assert [(r["path"], r["query"]["page"]) for r in lists] == [
        ("/api/v1/structures", "1"),
        ("/api/v1/services", "1"),
        ("/api/v1/structures", "2"),
        ("/api/v1/services", "2"),
        ("/api/v1/services", "3"),
    ]
    assert {r["query"]["code_departement"] for r in lists} == {"82"}
    searches = [r["query"] for r in api.requests if r not in lists]
    assert [q["code_commune"] for q in searches] == list(SEARCH_COMMUNES)
    assert {(q["page"], q["exclure_doublons"]) for q in searches} == {("1", "true")}
    assert {r["query"]["size"] for r in api.requests} == {"2"}
    assert {r["authorization"] for r in api.requests} == {f"Bearer {TOKEN}"}
    assert calls[-1] == (8, 8) and [d for d, _ in calls] == sorted(d for d, _ in calls)
    # Added with their source, as version 1 of a history written by « sync ».
    record = edition.read_service(reference_db, "dora--sv3")
    assert record["source"] == "dora" and record["structure_id"] == "dora--st2"
    assert record["thematiques_locales"] == ["logement-hebergement"]
    assert record["version"] == 1
    row = reference_db.execute(
        "SELECT sync_empreinte, sync_version, modifie_par FROM services WHERE id = 'dora--sv3'"
    ).fetchone()
    assert row[1:] == (1, "sync") and len(row[0]) == 64  # sha256 of the validated record
    history = edition.service_history(reference_db, "dora--sv3")
    assert [(h.version, h.auteur, h.action) for h in history] == [(1, "sync", "synchronisation")]
    assert history[0].changements["nom"] == [None, "Accompagnement vers le logement numéro 3"]
    assert history[0].date == "2026-11-23T10:00:00"
    # And searchable.
    from ressources.search import SearchEngine

    hits = SearchEngine(reference_db).search("accompagnement logement", limit=10).hits
    assert {h.resource.id for h in hits} >= {f"dora--sv{i}" for i in range(1, 6)}


def test_a_second_identical_sync_changes_nothing(reference_db, run):
    run(reference_db)
    before = state(reference_db)
    changes = reference_db.conn.total_changes
    report = run(reference_db)
    assert sorted(report.unchanged) == [f"dora--sv{i}" for i in range(1, 6)]
    assert not (report.added or report.updated or report.conflicts or report.rejections)
    assert not (report.structures_added or report.structures_updated or report.changed)
    assert reference_db.conn.total_changes == changes  # not a single row written
    assert state(reference_db) == before


def test_a_remote_change_updates_an_untouched_entry(reference_db, api, run):
    run(reference_db)
    api.data["services"][1] = service(
        2, nom="Accompagnement vers le logement renouvelé", telephone="05 63 04 56 78"
    )
    api.data["structures"][0] = structure(1, nom="Association d'entraide de Moissac")
    report = run(reference_db)
    assert report.updated == ["dora--sv2"] and report.structures_updated == ["dora--st1"]
    assert sorted(report.unchanged) == ["dora--sv1", "dora--sv3", "dora--sv4", "dora--sv5"]
    record = edition.read_service(reference_db, "dora--sv2")
    assert record["nom"] == "Accompagnement vers le logement renouvelé"
    assert record["telephone"] == "05 63 04 56 78"
    assert record["thematiques_locales"] == ["logement-hebergement"]  # local fields kept
    assert record["version"] == 2
    last = edition.service_history(reference_db, "dora--sv2")[-1]
    assert (last.version, last.auteur, last.action) == (2, "sync", "synchronisation")
    assert last.changements == {
        "nom": [
            "Accompagnement vers le logement numéro 2",
            "Accompagnement vers le logement renouvelé",
        ],
        "telephone": ["05 63 04 12 34", "05 63 04 56 78"],
    }
    assert reference_db.execute(
        "SELECT sync_version FROM services WHERE id = 'dora--sv2'"
    ).fetchone() == (2,)
    # The renamed structure is found under its new name.
    from ressources.search import SearchEngine

    hits = SearchEngine(reference_db).search("entraide moissac", limit=10).hits
    assert {"dora--sv1", "dora--sv2"} <= {h.resource.id for h in hits}
    # The sync's change is restorable like any edit.
    edition.restore_version(reference_db, ADMIN, "dora--sv2", 1, now=NOW)
    assert (
        edition.read_service(reference_db, "dora--sv2")["nom"]
        == "Accompagnement vers le logement numéro 2"
    )


def test_a_remote_change_to_an_entry_edited_here_is_a_conflict(reference_db, api, run):
    run(reference_db)
    edition.update_service(
        reference_db, ADMIN, "dora--sv1", {"telephone": "05 63 04 99 99"}, version=1, now=NOW
    )
    api.data["services"][0] = service(1, nom="Accompagnement vers le logement, nouvelle formule")
    history = len(edition.service_history(reference_db, "dora--sv1"))
    report = run(reference_db)
    assert report.conflicts == [SyncConflict("dora--sv1", ["nom"])]
    assert report.updated == [] and "dora--sv1" not in report.unchanged
    assert "nom" in str(report.conflicts[0]) and "version locale est gardée" in str(
        report.conflicts[0]
    )
    record = edition.read_service(reference_db, "dora--sv1")
    assert record["nom"] == "Accompagnement vers le logement numéro 1"  # the local version stays
    assert record["telephone"] == "05 63 04 99 99" and record["version"] == 2
    assert len(edition.service_history(reference_db, "dora--sv1")) == history
    # Still a conflict next time, and still nothing written.
    changes = reference_db.conn.total_changes
    assert run(reference_db).conflicts == [SyncConflict("dora--sv1", ["nom"])]
    assert reference_db.conn.total_changes == changes


def test_nothing_local_is_deleted_and_imported_entries_follow_the_remote(reference_db, api, run):
    local_only = service(90, "dora--st90", nom="Permanence locale sans équivalent national")
    imported = service(1, nom="Ancien nom importé d'un fichier")
    import_records(reference_db, [structure(90), structure(1)], [local_only, imported])
    report = run(reference_db)
    # Imported from a file, never edited here: the remote version replaces it.
    assert report.updated == ["dora--sv1"] and not report.conflicts
    assert (
        edition.read_service(reference_db, "dora--sv1")["nom"]
        == "Accompagnement vers le logement numéro 1"
    )
    assert edition.read_service(reference_db, "dora--sv90")["nom"] == local_only["nom"]


def test_invalid_remote_records_are_reported_and_the_others_applied(reference_db, api, run):
    api.data["services"] += [
        {k: v for k, v in service(6).items() if k != "description"},
        service(7, structure_id="dora--absente"),
        service(8, code_postal="8220"),
    ]
    api.data["structures"].append(structure(4, siret="123"))
    report = run(reference_db)
    found = {(r.kind, r.id, r.field): r.reason for r in report.rejections}
    assert found[("service", "dora--sv6", "description")] == "champ obligatoire manquant"
    assert "structure inconnue" in found[("service", "dora--sv7", "structure_id")]
    assert "code_postal" in {f for (_, i, f) in found if i == "dora--sv8"}
    assert ("structure", "dora--st4", "siret") in found
    assert sorted(report.added) == [f"dora--sv{i}" for i in range(1, 6)]
    ids = {r[0] for r in reference_db.execute("SELECT id FROM services")}
    assert ids == {f"dora--sv{i}" for i in range(1, 6)}


# -- an unreliable network -------------------------------------------------------------------------


def _elsewhere(i, code_insee, structure_id, **extra):
    """A service located outside the 82 as /search/services returns it: its structure in."""
    place = {"code_insee": code_insee, "commune": "Ailleurs", "code_postal": code_insee[:2] + "000"}
    record = service(i, structure_id, **place, **extra)
    record["structure"] = structure(0, **place) | {"id": structure_id}
    return {"service": record, "distance": 40}


def test_the_whole_offer_of_the_82_comes_in(reference_db, api, run):
    """Issue 12: services located elsewhere whose zone covers the 82 (or remote ones), the
    structures outside the 82 of its services, and nothing of what data·inclusion lists as
    a duplicate (see ressources.sync.serves_departement)."""
    api.data["structures"][0]["doublons"] = [{"source": "soliguide", "id": "soliguide--st9"}]
    api.data["services"] += [
        service(20, "agen--st1"),  # in Moissac, its structure in Agen (47)
        service(21, "soliguide--st9"),  # a known twin of dora--st1
        service(22, "nulle-part--st"),  # its structure unknown to the API
    ]
    agen = structure(0, code_insee="47001", commune="Agen", code_postal="47000")
    api.details["agen--st1"] = agen | {
        "id": "agen--st1",
        "services": [service(20, "agen--st1")],
        "doublons": [],
    }
    api.data["search"] = [
        _elsewhere(10, "31555", "toulouse--st1", zone_eligibilite=["82", "31"]),
        _elsewhere(
            11, "75056", "national--st1", zone_eligibilite=["france"], modes_accueil=["a-distance"]
        ),  # remote, for all France
        _elsewhere(12, "31555", "toulouse--st2"),  # no zone: merely nearby
        _elsewhere(13, "47001", "soliguide--st9", zone_eligibilite=["82"]),  # the twin again
        {"service": service(1), "distance": 3},  # in the 82: read from /services already
    ]
    del api.data["search"][2]["service"]["zone_eligibilite"]
    report = run(reference_db)
    assert sorted(report.elsewhere) == ["dora--sv10", "dora--sv11"]
    assert sorted(report.duplicates) == ["dora--sv13", "dora--sv21"]
    assert {"dora--sv10", "dora--sv11", "dora--sv20"} <= set(report.added)
    assert not {"dora--sv12", "dora--sv13", "dora--sv21", "dora--sv22"} & set(report.added)
    assert {"toulouse--st1", "national--st1", "agen--st1"} <= set(report.structures_added)
    [rejected] = report.rejections
    assert rejected.id == "dora--sv22" and "structure inconnue" in rejected.reason
    asked = {r["path"] for r in api.requests}
    assert "/api/v1/structures/agen--st1" in asked
    assert "/api/v1/structures/soliguide--st9" not in asked
    assert {
        r["query"]["exclure_doublons"] for r in api.requests if r["path"] == "/api/v1/structures"
    } == {"true"}
    commune = dict(
        reference_db.execute(
            "SELECT id, commune FROM structures WHERE id IN ('agen--st1', 'toulouse--st1')"
        ).fetchall()
    )
    assert commune == {"agen--st1": "Agen", "toulouse--st1": "Ailleurs"}
    # Nothing new the second time: the offer from elsewhere is as stable as the rest.
    again = run(reference_db)
    assert not again.changed and sorted(again.elsewhere) == ["dora--sv10", "dora--sv11"]


def test_score_qualite_is_kept_beside_the_entry_not_as_an_edit(reference_db, api, run):
    """The API's quality score is stored for each synced service; when only the score
    moves, the entry is unchanged (no version, no history line, no conflict)."""
    from ressources.sync import quality_score

    api.data["services"][1] = service(2, score_qualite=1.5)  # out of range: not kept
    run(reference_db)
    assert quality_score(reference_db, "dora--sv1") == 0.8
    assert quality_score(reference_db, "dora--sv2") is None
    edition.update_service(
        reference_db,
        ADMIN,
        "dora--sv1",
        {"telephone": "05 63 99 99 99"},
        version=edition.read_service(reference_db, "dora--sv1")["version"],
        now=NOW,
    )
    history = len(edition.service_history(reference_db, "dora--sv1"))
    api.data["services"][0] = service(1, score_qualite=0.35)
    report = run(reference_db)
    assert "dora--sv1" in report.unchanged and not report.conflicts and not report.updated
    assert quality_score(reference_db, "dora--sv1") == 0.35
    assert len(edition.service_history(reference_db, "dora--sv1")) == history
    changes = reference_db.conn.total_changes
    run(reference_db)
    assert reference_db.conn.total_changes == changes  # nothing new: nothing written


def test_an_api_without_the_search_still_syncs_what_it_lists(reference_db, api, run):
    api.no_search = True
    report = run(reference_db)
    assert len(report.added) == 5 and not report.elsewhere
    assert any("/search/services" in note for note in report.notes)
    assert len([r for r in api.requests if r["path"] == "/api/v1/search/services"]) == 1


def test_a_page_answering_500_once_is_fetched_again(reference_db, api, run, waits):
    api.script[("services", 2)] = [500]
    report = run(reference_db)
    assert len(report.added) == 5
    assert len(api.requests_for("services", 2)) == 2
    assert waits == [0.5]


def test_a_page_slower_than_the_read_timeout_once_is_fetched_again(reference_db, api, run, waits):
    api.script[("structures", 2)] = ["slow"]
    started = time.monotonic()
    report = run(reference_db)
    assert time.monotonic() - started < SLOW + 2
    assert len(report.added) == 5 and len(report.structures_added) == 3
    assert len(api.requests_for("structures", 2)) == 2
    assert waits == [0.5]


def test_a_429_waits_as_long_as_retry_after_says(reference_db, api, run, waits):
    api.script[("structures", 1)] = [(429, "1")]
    report = run(reference_db)
    assert len(report.added) == 5
    assert waits == [1.0]


@pytest.mark.parametrize(
    ("script", "words"),
    [
        ([500] * 10, "le serveur a répondu HTTP 500"),
        (["malformed"] * 10, "pas du JSON valide"),
        (["slow"] * 10, "pas de réponse dans le délai imparti"),
    ],
    ids=["always-500", "malformed-json", "always-too-slow"],
)
def test_a_page_that_stays_unreadable_aborts_and_leaves_the_base_as_it_was(
    reference_db, api, run, waits, script, words
):
    run(reference_db)
    # Remote changes that a half-done sync would write.
    api.data["services"][0] = service(1, nom="Nom changé à distance")
    api.data["services"].append(service(6))
    api.script[("services", 2)] = script
    waits.clear()
    api.requests.clear()
    before = state(reference_db)
    changes = reference_db.conn.total_changes
    with pytest.raises(SyncError) as exc:
        run(reference_db)
    message = str(exc.value)
    assert message.startswith("Synchronisation interrompue : la page 2 des services")
    assert words in message and "après 4 essais" in message
    assert message.endswith("La base n'a pas été modifiée.")
    assert TOKEN not in message
    assert waits == [0.5, 1.0, 2.0]
    assert len(api.requests_for("services", 2)) == 4
    assert reference_db.conn.total_changes == changes
    assert state(reference_db) == before


def test_a_sync_cancelled_while_reading_stops_and_writes_nothing(reference_db, api, client):
    """The person cancels when the first page has come in (the app's Échap): no further
    page is asked for, and the base is as it was."""
    cancel = threading.Event()
    before = state(reference_db)
    with pytest.raises(SyncError) as exc:
        sync(
            reference_db,
            api.base_url,
            client=client,
            page_size=2,
            cancel=cancel,
            progress=lambda done, total: cancel.set(),
        )
    assert str(exc.value) == "Synchronisation annulée. La base n'a pas été modifiée."
    assert len(api.requests) == 1
    assert state(reference_db) == before


def test_a_cancel_cuts_a_wait_between_retries_short(reference_db, api, client):
    """A server asking to come back in 30 s: the cancel ends the wait, no second try."""
    api.script[("structures", 1)] = [(503, "30")]
    cancel = threading.Event()
    timer = threading.Timer(0.3, cancel.set)
    timer.start()
    before = state(reference_db)
    with pytest.raises(SyncError) as exc:
        sync(reference_db, api.base_url, client=client, page_size=2, cancel=cancel)
    timer.join()
    assert "annulée" in str(exc.value)
    assert len(api.requests_for("structures", 1)) == 1
    assert state(reference_db) == before


def test_a_refused_token_stops_at_once(reference_db, api, run, waits):
    api.script[("structures", 1)] = [401]
    with pytest.raises(SyncError) as exc:
        run(reference_db)
    assert "HTTP 401" in str(exc.value) and "DATA_INCLUSION_TOKEN" in str(exc.value)
    assert TOKEN not in str(exc.value)
    assert waits == [] and len(api.requests) == 1


# -- the command ---------------------------------------------------------------------------------


def test_the_sync_command_prints_a_french_summary(
    capsys, reference_db_path, api, monkeypatch, no_proxy
):
    monkeypatch.setenv("DATA_INCLUSION_TOKEN", TOKEN)
    api.data["services"].append(service(6, code_postal="8220"))
    make_os_account_administrateur(reference_db_path)
    code = main(["--db", str(reference_db_path), "sync", api.base_url, "--taille", "2"])
    out, err = capsys.readouterr()
    assert code == 1, err  # a rejected record: not a clean run, for a cron job to notice
    assert "Structures : 3 ajoutées, 0 mise à jour." in out
    assert "Services : 5 ajoutés, 0 mis à jour, 0 inchangé, 0 conflit, 1 rejeté." in out
    assert "rejeté : Service dora--sv6, champ « code_postal »" in err
    assert TOKEN not in out + err
    assert {r["authorization"] for r in api.requests} == {f"Bearer {TOKEN}"}
    make_os_account_administrateur(reference_db_path)
    code = main(["--db", str(reference_db_path), "sync", api.base_url, "--taille", "2"])
    out, _ = capsys.readouterr()
    assert code == 1 and "5 inchangés" in out and "déjà à jour" in out


def test_without_an_address_the_command_syncs_from_the_national_api(
    capsys, reference_db_path, api, monkeypatch, no_proxy
):
    """`binome sync` alone reads the national API (here pointed at the local one: never the
    network in a test); its help says which address that is."""
    import ressources.sync

    make_os_account_administrateur(reference_db_path)
    monkeypatch.setattr(ressources.sync, "API_URL", api.base_url)
    assert main(["--db", str(reference_db_path), "sync", "--taille", "2"]) == 0
    assert "Services : 5 ajoutés" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["sync", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "https://api.data.inclusion.gouv.fr/api/v1" in help_text


def test_the_sync_command_fails_in_one_french_line(capsys, reference_db_path, api, no_proxy):
    api.script[("services", 1)] = [503]
    make_os_account_administrateur(reference_db_path)
    code = main(["--db", str(reference_db_path), "sync", api.base_url, "--essais", "1"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.startswith("binome : Synchronisation interrompue : la page 1 des services")
    assert "HTTP 503" in err and err.count("\n") == 1 and "Traceback" not in err
    make_os_account_administrateur(reference_db_path)
    code = main(["--db", str(reference_db_path), "sync", "ftp://exemple.org/api"])
    _, err = capsys.readouterr()
    assert code == 1 and err.startswith("binome : Adresse invalide")


# -- faults --------------------------------------------------------------------------------------
# SIGKILL at random moments of ``binome sync``: afterwards the base passes integrity_check and is
# either as it was before or as after a complete run (issue « Nothing lost when many people work
# at once, or when something fails »). The sync reads every page, then writes them in one
# transaction; the kills land in the reading and in the writing alike (seeded delays).
def shape(path: Path) -> dict[str, object]:
    """Rows per table and the ids of what a sync brings (no timestamps)."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master"
                " WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
            )
        ]
        found: dict[str, object] = {
            t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables
        }
        found["services"] = sorted(r[0] for r in conn.execute("SELECT id FROM services"))
        found["structures"] = sorted(r[0] for r in conn.execute("SELECT id FROM structures"))
        return found
    finally:
        conn.close()


def test_sync_killed_at_any_moment_leaves_the_base_before_or_after(
    reference_db_path,
    tmp_path,
    api,
    no_proxy,
    monkeypatch,
):
    monkeypatch.setenv("DATA_INCLUSION_TOKEN", TOKEN)
    for n in range(7, 40):
        api.data["services"].append(service(n))
    make_os_account_administrateur(reference_db_path)
    before = digest(reference_db_path)
    args = ["sync", api.base_url, "--taille", "5"]
    after_path = fresh_copy(reference_db_path, tmp_path / "after.db")
    duration = run_to_end(cli_child, [*args, "--db", str(after_path)])
    after = digest(after_path)
    assert after != before
    seen = {"before": 0, "after": 0}
    for attempt, moment in enumerate(kill_moments(duration * 1.2, 31)):
        path = fresh_copy(reference_db_path, tmp_path / "killed.db")
        kill_at(moment, cli_child, [*args, "--db", str(path)])
        assert integrity(path) == "ok", attempt
        state = digest(path)
        if state == before:
            seen["before"] += 1
        else:
            # A complete sync (its rows stamped with the second it ran at).
            assert shape(path) == shape(after_path), attempt
            seen["after"] += 1
    print("sync kills:", seen)
    assert sum(seen.values()) == KILLS
