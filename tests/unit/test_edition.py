"""Partners keep the base alive: permissions, conflicts, history, restore, yearly review."""

from datetime import date, datetime

import pytest
from acteurs import Who

from caseload.database import open_project_database
from ressources import edition
from ressources.search import SearchEngine

NOW = datetime(2026, 11, 23, 10, 0)


ASS_MOISSAC = Who("ass-cm-01", "ass", "cd82-mds-castelsarrasin-moissac")
ASS_MONTAUBAN = Who("ass-mtb-01", "ass", "cd82-mds-montauban")
CONSEILLER = Who("cons-albasud-01", "conseiller", "france-travail-82")


def owned_by(db, slug):
    return db.execute(
        "SELECT id FROM services WHERE partenaire = ? AND archive = 0 ORDER BY id LIMIT 1", [slug]
    ).fetchone()[0]


def new_entry(**extra):
    return {
        "structure_id": "binome-demo--ccas-moissac",
        "nom": "Permanence budget du jeudi",
        "description": "Aide à faire le point sur son budget et ses dettes, sur rendez-vous.",
        "code_insee": "82112",
        "code_postal": "82200",
        "commune": "Moissac",
        "telephone": "05 36 49 00 11",
        "thematiques_locales": ["difficultes-financieres"],
        "mots_cles": ["budget"],
        **extra,
    }


def test_an_ass_edits_her_partners_entries_only(demo_db):
    mine = owned_by(demo_db, ASS_MOISSAC.partenaire)
    theirs = owned_by(demo_db, ASS_MONTAUBAN.partenaire)
    version = edition.read_service(demo_db, mine)["version"]
    edition.update_service(
        demo_db, ASS_MOISSAC, mine, {"telephone": "05 36 49 99 99"}, version=version, now=NOW
    )
    assert edition.read_service(demo_db, mine)["telephone"] == "05 36 49 99 99"
    with pytest.raises(edition.AccessDenied) as exc:
        edition.update_service(
            demo_db, ASS_MOISSAC, theirs, {"nom": "Autre nom"}, version=1, now=NOW
        )
    assert "MDS de Montauban" in str(exc.value)
    with pytest.raises(edition.AccessDenied):
        edition.update_service(demo_db, CONSEILLER, mine, {"nom": "Autre nom"}, version=2, now=NOW)
    with pytest.raises(edition.AccessDenied):  # outside the partner's thématiques
        edition.create_service(
            demo_db, ASS_MOISSAC, new_entry(thematiques_locales=["siae"]), now=NOW
        )


def test_create_validates_in_french_and_lands_in_search(demo_db):
    with pytest.raises(edition.InvalidFields) as exc:
        edition.create_service(
            demo_db, ASS_MOISSAC, new_entry(code_postal="82000", telephone="12"), now=NOW
        )
    assert "code postal de Moissac" in exc.value.errors["code_postal"]
    assert "numéro invalide" in exc.value.errors["telephone"]
    new_id = edition.create_service(demo_db, ASS_MOISSAC, new_entry(), now=NOW)
    hits = SearchEngine(demo_db).search("permanence budget jeudi").hits
    assert hits and hits[0].resource.id == new_id
    assert [v.action for v in edition.service_history(demo_db, new_id)] == ["creation"]


def test_a_second_save_on_the_same_version_is_a_conflict(demo_db_path):
    """Two connections to the same file: the second save sees the first and stops."""
    first, second = open_project_database(demo_db_path), open_project_database(demo_db_path)
    service_id = owned_by(first, ASS_MOISSAC.partenaire)
    opened = edition.read_service(second, service_id)["version"]
    edition.update_service(
        first, ASS_MOISSAC, service_id, {"telephone": "05 36 49 11 11"}, version=opened, now=NOW
    )
    with pytest.raises(edition.EditConflict) as exc:
        edition.update_service(
            second,
            ASS_MOISSAC,
            service_id,
            {"telephone": "05 36 49 22 22"},
            version=opened,
            now=NOW,
        )
    assert exc.value.theirs["telephone"] == "05 36 49 11 11"
    assert exc.value.mine["telephone"] == "05 36 49 22 22"
    assert "telephone" in exc.value.fields
    assert (
        edition.read_service(second, service_id)["telephone"] == "05 36 49 11 11"
    )  # nothing overwritten
    # Choosing mine: save again on the version now current.
    current = edition.read_service(second, service_id)["version"]
    edition.update_service(
        second, ASS_MOISSAC, service_id, {"telephone": "05 36 49 22 22"}, version=current, now=NOW
    )
    assert edition.read_service(first, service_id)["telephone"] == "05 36 49 22 22"


def test_history_keeps_every_change_and_restores_in_one_action(demo_db):
    service_id = owned_by(demo_db, ASS_MOISSAC.partenaire)
    original = edition.read_service(demo_db, service_id)
    v = edition.update_service(
        demo_db,
        ASS_MOISSAC,
        service_id,
        {"nom": "Nom changé"},
        version=original["version"],
        now=NOW,
    )
    edition.update_service(
        demo_db, ASS_MOISSAC, service_id, {"telephone": "05 36 49 33 33"}, version=v, now=NOW
    )
    history = edition.service_history(demo_db, service_id)
    assert [h.action for h in history][-2:] == ["modification", "modification"]
    assert history[-2].changements["nom"] == [original["nom"], "Nom changé"]
    assert history[-2].auteur == ASS_MOISSAC.id
    edition.restore_version(demo_db, ASS_MOISSAC, service_id, v, now=NOW)
    restored = edition.read_service(demo_db, service_id)
    assert restored["nom"] == "Nom changé" and restored["telephone"] == original["telephone"]
    assert edition.service_history(demo_db, service_id)[-1].action == f"restauration v{v}"


def test_archived_entries_leave_search_and_keep_history(demo_db):
    service_id = owned_by(demo_db, ASS_MOISSAC.partenaire)
    name = edition.read_service(demo_db, service_id)["nom"]
    engine = SearchEngine(demo_db)
    assert service_id in {h.resource.id for h in engine.search(name, limit=100).hits}
    edition.archive_service(demo_db, ASS_MOISSAC, service_id, now=NOW)
    assert service_id not in {h.resource.id for h in engine.search(name, limit=100).hits}
    assert edition.service_history(demo_db, service_id)[-1].action == "archivage"


def test_yearly_review_with_a_frozen_clock(demo_db):
    service_id = owned_by(demo_db, ASS_MOISSAC.partenaire)
    demo_db.execute("UPDATE services SET date_revue = '2025-11-23' WHERE id = ?", [service_id])
    assert edition.review_due("2025-11-23", date(2026, 11, 22)) == date(2026, 11, 23)
    assert not edition.review_overdue("2025-11-23", date(2026, 11, 22))
    assert edition.review_overdue("2025-11-23", date(2026, 11, 23))  # 12 months to the day
    todo = edition.todo_list(demo_db, date(2026, 11, 23), ASS_MOISSAC.partenaire)
    assert service_id in {i["id"] for i in todo.overdue_reviews}
    edition.confirm_review(demo_db, ASS_MOISSAC, service_id, now=NOW)
    todo = edition.todo_list(demo_db, date(2026, 11, 23), ASS_MOISSAC.partenaire)
    assert service_id not in {i["id"] for i in todo.overdue_reviews}
    demo_db.execute("UPDATE services SET date_revue = '2025-12-10' WHERE id = ?", [service_id])
    soon = edition.todo_list(demo_db, date(2026, 11, 23), ASS_MOISSAC.partenaire).reviews_due_soon
    assert service_id in {i["id"] for i in soon}  # due 10 December: within 30 days


def test_an_edited_entry_is_confirmed_and_an_untouched_save_is_not(demo_db):
    """Issue « Partners keep the base alive », Yearly review: an entry « à actualiser » is
    confirmed in one key (« toujours exact ») or edited. A save that changes nothing
    confirms nothing; a review date typed in the form is kept as typed."""
    service_id = owned_by(demo_db, ASS_MOISSAC.partenaire)
    demo_db.execute("UPDATE services SET date_revue = '2025-11-01' WHERE id = ?", [service_id])
    today = date(2026, 11, 23)

    def overdue() -> bool:
        todo = edition.todo_list(demo_db, today, ASS_MOISSAC.partenaire)
        return service_id in {i["id"] for i in todo.overdue_reviews}

    current = edition.read_service(demo_db, service_id)
    same = edition.update_service(
        demo_db,
        ASS_MOISSAC,
        service_id,
        {"telephone": current["telephone"]},
        version=current["version"],
        now=NOW,
    )
    assert same == current["version"] and overdue()
    edited = edition.update_service(
        demo_db,
        ASS_MOISSAC,
        service_id,
        {"telephone": "05 63 00 00 01"},
        version=current["version"],
        now=NOW,
    )
    assert not overdue()
    assert edition.read_service(demo_db, service_id)["date_revue"] == "2026-11-23"
    line = edition.service_history(demo_db, service_id)[-1]
    assert line.changements["date_revue"] == ["2025-11-01", "2026-11-23"]
    edition.update_service(
        demo_db,
        ASS_MOISSAC,
        service_id,
        {"telephone": "05 63 00 00 02", "date_revue": "2026-06-30"},
        version=edited,
        now=NOW,
    )
    assert edition.read_service(demo_db, service_id)["date_revue"] == "2026-06-30"


def test_a_conseiller_reports_an_error_to_the_owner(demo_db):
    service_id = owned_by(demo_db, ASS_MOISSAC.partenaire)
    edition.report_error(demo_db, CONSEILLER, service_id, "Le numéro ne répond plus.", now=NOW)
    todo = edition.todo_list(demo_db, date(2026, 11, 23), ASS_MOISSAC.partenaire)
    assert [s["commentaire"] for s in todo.error_reports] == ["Le numéro ne répond plus."]
    assert (
        edition.todo_list(demo_db, date(2026, 11, 23), ASS_MONTAUBAN.partenaire).error_reports == []
    )
    edition.close_report(demo_db, ASS_MOISSAC, todo.error_reports[0]["id"], now=NOW)
    assert (
        edition.todo_list(demo_db, date(2026, 11, 23), ASS_MOISSAC.partenaire).error_reports == []
    )


def test_the_first_change_of_a_seeded_entry_can_be_undone(demo_db):
    """A seeded entry has no history: its state is recorded before the first change."""
    service_id = owned_by(demo_db, ASS_MOISSAC.partenaire)
    original = edition.read_service(demo_db, service_id)
    edition.update_service(
        demo_db,
        ASS_MOISSAC,
        service_id,
        {"nom": "Nom provisoire"},
        version=original["version"],
        now=NOW,
    )
    history = edition.service_history(demo_db, service_id)
    assert [h.action for h in history] == ["etat-initial", "modification"]
    edition.restore_version(demo_db, ASS_MOISSAC, service_id, history[0].version, now=NOW)
    assert edition.read_service(demo_db, service_id)["nom"] == original["nom"]


def test_saving_an_unchanged_entry_records_nothing(demo_db):
    service_id = owned_by(demo_db, ASS_MOISSAC.partenaire)
    current = edition.read_service(demo_db, service_id)
    same = edition.update_service(
        demo_db,
        ASS_MOISSAC,
        service_id,
        {"publics": current["publics"]},
        version=current["version"],
        now=NOW,
    )
    assert same == current["version"]
    assert [h.action for h in edition.service_history(demo_db, service_id)] in (
        [],
        ["etat-initial"],
    )


def test_what_a_form_is_given_is_saved_without_control_characters(demo_db):
    # A paste into the form kept its escape sequences and control bytes in the base (the
    # screen strips them when drawing; the JSON export wrote them): they are saved
    # without, as an import reads them. Newlines of a description stay.
    mine = owned_by(demo_db, ASS_MOISSAC.partenaire)
    version = edition.read_service(demo_db, mine)["version"]
    edition.update_service(
        demo_db,
        ASS_MOISSAC,
        mine,
        {"nom": "Accueil\x1b[31m rouge\x01", "description": "Ligne 1\nLigne\x07 2"},
        version=version,
        now=NOW,
    )
    saved = edition.read_service(demo_db, mine)
    assert saved["nom"] == "Accueil rouge"
    assert saved["description"] == "Ligne 1\nLigne 2"
    created = edition.create_service(
        demo_db, ASS_MOISSAC, new_entry(nom="Permanence\x00 budget\u202e"), now=NOW
    )
    assert edition.read_service(demo_db, created)["nom"] == "Permanence budget"
