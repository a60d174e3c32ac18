"""Screens at the sizes people's terminals have (issue « Screens that never surprise »)."""

from __future__ import annotations

import pytest
from test_tui_caseload import clock, open_demandeur, option_labels
from textual.widgets import OptionList

from tui.app import make_app


@pytest.mark.parametrize("size", [(80, 24), (90, 24), (95, 30), (80, 50)])
async def test_a_file_with_steps_to_take_opens_on_a_small_terminal(caseload_db_path, size):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=size) as pilot:
        await open_demandeur(pilot, "PETIT")
        actions = app.screen.query_one("#actions", OptionList)
        assert actions.size.width >= 15  # the list of steps has room to be read
        assert option_labels(app, "#actions")  # and there are steps to take
        assert app.is_running
