"""What screens read off the app (tui/base.py): an action that needs a profile, taken when
none is open, is refused in French and changes nothing."""

from datetime import date

from pilot import notifications, settle

from ressources import edition
from tui.app import make_app
from tui.screens.edition.actions import confirm_entry

OVERDUE = "binome-demo--mds-accompagnement-global-castelsarrasin"


async def test_toujours_exact_without_a_profile_is_refused_in_french(demo_db_path):
    app = make_app(db_path=demo_db_path, user="ass-cm-01", clock=lambda: date(2026, 11, 23))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        before = edition.read_service(app.db, OVERDUE)["date_revue"]
        app.set_profil(None)
        done = []
        confirm_entry(app, OVERDUE, lambda: done.append(True))
        await settle(pilot)
        refused = notifications(app)[-1]
        assert refused.title == "Confirmation refusée" and refused.severity == "error"
        assert "Aucun profil ouvert" in refused.message
        assert not done
        assert edition.read_service(app.db, OVERDUE)["date_revue"] == before
