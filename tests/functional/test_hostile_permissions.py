"""A partner reaching past its own entries by a side door (ressources.edition.may_edit): an
earlier version brought back must obey the rule a change obeys — what the entry becomes is
the partner's own, in its thématiques."""

from datetime import datetime

import pytest
from pilot import notifications, settle
from textual.widgets import DataTable

from caseload.acces import get_profil
from caseload.database import open_project_database
from ressources import edition
from ressources.errors import AccessDenied
from tui.app import make_app
from tui.screens.dialogs.confirm import ConfirmScreen
from tui.screens.edition.history import HistoryScreen
from tui.widgets.result_list import ResultList

NOW = datetime(2026, 11, 23, 10, 0)
MDS = "cd82-mds-castelsarrasin-moissac"
CAF_STAFF = "caf-82-01"


def moved_to_the_caf(db) -> tuple[str, int]:
    """An entry of the MDS that an administrateur handed to the CAF; returns its id and the
    version it had while it was the MDS's."""
    admin = get_profil(db, "admin")
    service_id = db.execute(
        "SELECT id FROM services WHERE partenaire = ? AND archive = 0 ORDER BY id LIMIT 1", [MDS]
    ).fetchone()[0]
    record = edition.read_service(db, service_id)
    allowed = set(edition.partenaire(db, "caf-82").thematiques)
    themes = [t for t in record["thematiques_locales"] if t in allowed] or ["famille"]
    moved = edition.update_service(
        db,
        admin,
        service_id,
        {"partenaire": "caf-82", "thematiques_locales": themes},
        version=record["version"],
        now=NOW,
    )
    return service_id, moved - 1


def test_a_partner_cannot_bring_back_a_version_that_was_another_partners(demo_db_path):
    db = open_project_database(demo_db_path)
    service_id, mds_version = moved_to_the_caf(db)
    caf = get_profil(db, CAF_STAFF)
    assert edition.may_edit(db, caf, edition.read_service(db, service_id))  # the CAF's entry now
    with pytest.raises(AccessDenied, match="elle rendrait la fiche à MDS"):
        edition.restore_version(db, caf, service_id, mds_version, now=NOW)
    assert edition.read_service(db, service_id)["partenaire"] == "caf-82"


def test_a_partner_cannot_bring_back_a_thematique_it_does_not_keep(demo_db_path):
    db = open_project_database(demo_db_path)
    admin, caf = get_profil(db, "admin"), get_profil(db, CAF_STAFF)
    service_id = db.execute(
        "SELECT id FROM services WHERE partenaire = 'caf-82' AND archive = 0 ORDER BY id LIMIT 1"
    ).fetchone()[0]
    record = edition.read_service(db, service_id)
    themes = list(record["thematiques_locales"])
    # An administrateur adds a thématique the CAF does not keep, then takes it away again.
    with_sante = edition.update_service(
        db,
        admin,
        service_id,
        {"thematiques_locales": [*themes, "sante"]},
        version=record["version"],
        now=NOW,
    )
    edition.update_service(
        db, admin, service_id, {"thematiques_locales": themes}, version=with_sante, now=NOW
    )
    with pytest.raises(AccessDenied, match="thématiques que votre partenaire ne tient pas"):
        edition.restore_version(db, caf, service_id, with_sante, now=NOW)
    assert "sante" not in edition.read_service(db, service_id)["thematiques_locales"]


async def test_the_history_screen_refuses_that_restoration_in_french(demo_db_path):
    db = open_project_database(demo_db_path)
    service_id, mds_version = moved_to_the_caf(db)
    nom = edition.read_service(db, service_id)["nom"]
    db.close()
    app = make_app(db_path=demo_db_path, user=CAF_STAFF)
    async with app.run_test(size=(150, 45)) as pilot:
        app.screen.query_one("#query").value = nom
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one("#results", ResultList)
        table.move_cursor(row=table.get_row_index(service_id))
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        history = app.screen.query_one("#history-table", DataTable)
        row = next(
            i for i in range(history.row_count) if str(history.get_row_at(i)[0]) == str(mds_version)
        )
        history.move_cursor(row=row)
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("ctrl+o")
        await settle(pilot)
        refused = [n for n in notifications(app) if n.title == "Restauration refusée"]
        assert refused and "Vous ne pouvez pas restaurer cette version" in refused[-1].message
        assert edition.read_service(app.db, service_id)["partenaire"] == "caf-82"
