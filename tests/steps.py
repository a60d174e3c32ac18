"""Steps through the app that several Pilot tests take: to the portefeuille and a demandeur's
file (the small caseload of ``caseload_db_path``), to an entry of the results (the demo base);
the fixed day and the terminal size they are written for."""

from __future__ import annotations

from datetime import date

from pilot import fill, settle, table_rows
from textual.widgets import OptionList

from tui.screens.demandeur import DemandeurScreen
from tui.screens.portefeuille import PortefeuilleScreen
from tui.widgets.result_list import ResultList

SIZE = (150, 45)


TODAY = date(2026, 11, 23)


def clock():
    return TODAY


def names(app) -> list[str]:
    return [row[0] for row in table_rows(app, "#pf-table")]


def option_labels(app, selector) -> list[str]:
    listing = app.screen.query_one(selector, OptionList)
    return [str(o.prompt) for o in listing.options]


async def open_portefeuille(pilot):
    await settle(pilot)
    await pilot.press("f3")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PortefeuilleScreen)


async def open_demandeur(pilot, nom):
    app = pilot.app
    await open_portefeuille(pilot)
    index = next(i for i, n in enumerate(names(app)) if n.startswith(nom))
    table = app.screen.query_one("#pf-table", ResultList)
    table.focus()
    table.move_cursor(row=index)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, DemandeurScreen)


# Owned by the MDS de Castelsarrasin/Moissac, last reviewed 13/02/2024: overdue.
OVERDUE = "binome-demo--mds-accompagnement-global-castelsarrasin"


OVERDUE_NAME = "Accompagnement global emploi et social - Castelsarrasin / Moissac"


OVERDUE_QUERY = "accompagnement global castelsarrasin"


async def search(pilot, query):
    """Search (typing itself is tested in test_tui_ressources) and go to the results, the
    first one highlighted."""
    await fill(pilot, {"#query": query})
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.focused, ResultList)


async def highlight(pilot, service_id):
    table = pilot.app.screen.query_one("#results", ResultList)
    table.move_cursor(row=table.get_row_index(service_id))
    await settle(pilot)
    assert pilot.app.screen.current.resource.id == service_id
