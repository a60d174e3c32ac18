"""The sync dialog: it offers the national API's address; Échap while the pages are being
read cancels the sync (the base is left as it was) and the dialog says so; a second Échap
closes it."""

from __future__ import annotations

from datetime import date

from digest import table_digest
from pilot import fill, notifications, settle, shown
from textual.widgets import Button, Input

from ressources.sync import API_URL
from seed.loader import open_project_database
from tui.app import make_app
from tui.screens.sync import SyncScreen

SIZE = (120, 36)
TODAY = date(2026, 11, 23)


async def test_escape_cancels_a_running_sync_and_writes_nothing(demo_db_path, api, no_proxy):
    api.script[("structures", 1)] = [(503, "30")]  # « come back in 30 s »: the sync waits
    before = table_digest(demo_db_path)
    app = make_app(db_path=demo_db_path, user="admin", clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_sync()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SyncScreen)
        # Never synced from here: the national API's address is offered.
        assert screen.query_one("#sync-url", Input).value == API_URL
        await fill(pilot, {"#sync-url": api.base_url})
        await pilot.press("enter")
        for _ in range(200):  # until the server has been asked (no settle: the sync waits)
            if api.requests:
                break
            await pilot.pause(0.02)
        assert screen.running
        assert str(screen.query_one("#sync-close", Button).label) == "Annuler (échap)"
        await pilot.press("escape")
        await settle(pilot)  # the worker ends without waiting the 30 s
        assert app.screen is screen and not screen.running
        assert "Synchronisation annulée" in shown(app, "#sync-status")
        assert "La base n'a pas été modifiée." in shown(app, "#sync-status")
        assert [n.title for n in notifications(app)][-1] == "Synchronisation annulée"
        assert str(screen.query_one("#sync-close", Button).label) == "Fermer (échap)"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SyncScreen)
    assert len(api.requests) == 1
    assert table_digest(demo_db_path) == before


async def test_the_detail_shows_data_inclusions_quality_score(demo_db_path):
    from steps import OVERDUE, OVERDUE_QUERY, highlight, search

    db = open_project_database(demo_db_path)
    db.execute("UPDATE services SET score_qualite = 0.8 WHERE id = ?", [OVERDUE])
    db.conn.commit()
    db.close()
    app = make_app(db_path=demo_db_path, user="ass-cm-01", clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, OVERDUE_QUERY)
        await highlight(pilot, OVERDUE)
        assert "Qualité selon data·inclusion : 0,80 sur 1" in shown(app, "#detail")
        others = [h for h in app.screen.hits if h != OVERDUE]
        await highlight(pilot, others[0])
        assert "Qualité selon data·inclusion" not in shown(app, "#detail")
