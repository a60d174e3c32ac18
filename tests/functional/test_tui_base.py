"""What screens read off the app (tui/base.py): an action that needs a profile, taken when
none is open, is refused in French and changes nothing; toasts that stay as long as they
need, and on their own screen only."""

from datetime import date

from pilot import notifications, settle, toasts

from caseload.acces import get_profil
from ressources import edition
from tui.app import make_app
from tui.screens.edition.actions import confirm_entry
from tui.screens.help import HelpScreen
from tui.screens.ressources import ResourcesScreen

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


async def test_a_toast_stays_as_long_as_its_severity_and_its_length_ask(demo_db_path):
    # Textual's 5 s for every toast: an « Enregistré » lay over the buttons as long as an
    # error. An information 3 s, a warning 6 s, an error 8 s; a long text a second longer
    # per 40 characters past 80, 6 s more at most; a timeout asked for is kept.
    app = make_app(db_path=demo_db_path, user="caf-82-01", clock=lambda: date(2026, 11, 23))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f5")  # the indicators, refused to a partner's staff: a warning
        await settle(pilot)
        refused = notifications(app)[-1]
        assert refused.title == "Indicateurs : non" and refused.severity == "warning"
        assert 120 <= len(refused.message) < 160 and refused.timeout == 6 + 1
        app.notify("Filtres effacés.")
        app.notify("Choisissez d'abord une ressource.", severity="warning")
        app.notify("Base verrouillée.", severity="error")
        app.notify("x" * 200)
        app.notify("x" * 2000, severity="error")
        app.notify("Lecture seule.", timeout=15)
        await settle(pilot)
        assert [n.timeout for n in notifications(app)[-6:]] == [3, 6, 8, 3 + 3, 8 + 6, 15]


async def test_a_toast_stays_on_the_screen_it_was_said_on(demo_db_path):
    app = make_app(db_path=demo_db_path, user="ass-cm-01", clock=lambda: date(2026, 11, 23))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert toasts(app) == ["Filtres effacés."]
        await pilot.press("f1")  # a dialog opens: the toast of the screen under it goes
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen) and toasts(app) == []
        await pilot.press("f3")  # refused over a dialog, said on the dialog
        await settle(pilot)
        assert [n.title for n in notifications(app)][-1] == "Changer d'espace : non"
        assert len(toasts(app)) == 1
        await pilot.press("escape")  # back: the dialog's toast went with it
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen) and toasts(app) == []
        # What the change of screen itself says stays: F5 taken from a responsable who
        # gives the seat to a partner's staff gives way to the Ressources, and says why.
        app.set_profil(get_profil(app.db, "resp-montauban"))
        await pilot.press("f5")
        await settle(pilot)
        assert app.current_mode == "indicateurs"
        app.set_profil(get_profil(app.db, "caf-82-01"))
        await settle(pilot)
        assert app.current_mode == "ressources"
        assert [n.title for n in notifications(app)][-1] == "Indicateurs : non"
        assert len(toasts(app)) == 1 and "réservés aux équipes" in toasts(app)[0]
