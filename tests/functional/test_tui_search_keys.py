"""The Ressources screen during an interview: stray letters search, never act."""

from datetime import date

from pilot import fill, settle, shown
from textual.widgets import Input

from ressources import edition as E
from tui.app import make_app
from tui.screens.dialogs.confirm import ConfirmScreen
from tui.screens.ressources import ResourcesScreen
from tui.widgets.result_list import ResultList

SIZE = (150, 45)
ASS = "ass-cm-01"  # keeps the MDS entries of Castelsarrasin/Moissac
ENTRY = "binome-demo--mds-accompagnement-global-castelsarrasin"
QUERY = "accompagnement global castelsarrasin"


def app_for(path):
    return make_app(db_path=path, user=ASS, clock=lambda: date(2026, 11, 23))


async def on_entry(pilot):
    await fill(pilot, {"#query": QUERY})
    await pilot.press("enter")
    await settle(pilot)
    table = pilot.app.screen.query_one("#results", ResultList)
    table.move_cursor(row=table.get_row_index(ENTRY))
    await settle(pilot)
    assert pilot.app.screen.current.resource.id == ENTRY
    assert isinstance(pilot.app.focused, ResultList)


async def test_letters_typed_in_the_results_go_on_in_the_search_box(demo_db_path):
    app = app_for(demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await on_entry(pilot)
        before = E.read_service(app.db, ENTRY)["date_revue"]
        for key in ("space", "v", "e", "l", "o", "f", "c", "h", "exclamation_mark"):
            await pilot.press(key)
        await settle(pilot)
        query = app.screen.query_one("#query", Input)
        assert query.value == QUERY + " velofch!"  # every letter typed, none obeyed
        assert app.focused is query
        assert isinstance(app.screen, ResourcesScreen)  # no form, no dialog opened
        assert E.read_service(app.db, ENTRY)["date_revue"] == before  # not certified


async def test_actions_that_change_the_base_are_on_ctrl_keys(demo_db_path):
    app = app_for(demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await on_entry(pilot)
        assert {"ctrl+e", "ctrl+k", "ctrl+x", "ctrl+n"} <= set(app.screen.active_bindings)
        await pilot.press("ctrl+k")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # certifying asks first
        assert E.read_service(app.db, ENTRY)["date_revue"] != "2026-11-23"
        await pilot.press("o")
        await settle(pilot)
        assert E.read_service(app.db, ENTRY)["date_revue"] == "2026-11-23"


async def test_the_detail_says_how_and_where_a_service_is_received(demo_db_path):
    app = app_for(demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await fill(pilot, {"#query": "115"})
        await settle(pilot)
        text = shown(app, "#detail")
        assert "Accueil : à distance" in text
        assert "Mobilisable par :" in text
        assert "Zone : tout le Tarn-et-Garonne" in text
