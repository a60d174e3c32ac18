"""A screen that waits says so (issue 13, loading indicators): the Indicateurs are computed
in the background — on a département's base it takes a while — the table and the charts
show Textual's loading indicator meanwhile, the figures land when they are there, and
nothing is exported before."""

import threading
from datetime import date

from pilot import notifications, settle
from textual.widgets import DataTable, Label

from tui.app import make_app
from tui.screens import indicateurs

TODAY = date(2026, 11, 23)


async def test_the_indicateurs_show_a_loading_indicator_while_computed(
    caseload_db_path, monkeypatch
):
    computed = indicateurs.indicateurs_for
    release = threading.Event()

    def slow_compute(*args, **kwargs):
        release.wait(timeout=30)  # as long as a big base takes, until the test says
        return computed(*args, **kwargs)

    monkeypatch.setattr(indicateurs, "indicateurs_for", slow_compute)
    app = make_app(db_path=caseload_db_path, user="resp-montauban", clock=lambda: TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, indicateurs.IndicateursScreen)
        table = screen.query_one("#ind-table", DataTable)
        assert table.loading and screen.query_one("#ind-charts-box").loading
        assert "Calcul des indicateurs" in str(screen.query_one("#ind-status", Label).render())
        await pilot.press("ctrl+s")  # export before the figures: said, nothing written
        await pilot.pause()
        assert any("en cours de calcul" in n.message for n in notifications(app))
        release.set()
        await settle(pilot)
        assert not table.loading and table.row_count > 5
        assert "Période : " in str(screen.query_one("#ind-status", Label).render())
