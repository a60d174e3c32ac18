"""A busy base never ends the app, and what is being typed is kept.

Another program holds the base's write lock (``BEGIN IMMEDIATE`` on a second connection, as
an import does for seconds): saving a note, an entry or a fiche de liaison shows a French
error notification, the text stays where it was typed, and once the base is free the same
save goes through.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import date

import pytest
from pilot import settle, type_text
from test_tui_caseload import open_demandeur
from test_tui_edition import OVERDUE, OVERDUE_QUERY, highlight, search
from textual.widgets import Input

from caseload.database import open_project_database
from ressources import edition as E
from tui.app import make_app
from tui.screens.demandeur import DemandeurScreen
from tui.screens.edition import RessourceFormScreen
from tui.screens.fiche_liaison import FicheLiaisonScreen

SIZE = (150, 45)
TODAY = date(2026, 11, 23)
LOCKED = "verrouillée par un autre programme"


@pytest.fixture(autouse=True)
def _short_wait(monkeypatch):
    # The app waits up to 15 s for a busy base; half a second is enough to show it here.
    monkeypatch.setenv("BINOME_ATTENTE_MAX", "0.5")


@contextmanager
def base_held(path):
    """Another program holds the write lock until the block ends."""
    other = sqlite3.connect(path)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.rollback()
        other.close()


def errors(app) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


async def test_a_note_saved_while_the_base_is_busy_is_kept_and_saved_later(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        await pilot.press("ctrl+n")
        await type_text(pilot, "Rappeler lundi pour le logement")
        with base_held(caseload_db_path):
            await pilot.press("enter")
            await settle(pilot)
            assert app.is_running and isinstance(app.screen, DemandeurScreen)
            assert any(LOCKED in m for m in errors(app))
            box = app.screen.query_one("#note-input", Input)
            assert box.value == "Rappeler lundi pour le logement"
        await pilot.press("enter")  # the base is free again: the same note is saved
        await settle(pilot)
        assert app.screen.query_one("#note-input", Input).value == ""
        assert any(n.message == "Note enregistrée." for n in app._notifications)
    db = open_project_database(caseload_db_path)
    notes = [r[0] for r in db.execute("SELECT texte FROM notes")]
    assert notes.count("Rappeler lundi pour le logement") == 1


async def test_an_entry_saved_while_the_base_is_busy_stays_in_its_form(demo_db_path):
    app = make_app(db_path=demo_db_path, user="ass-cm-01", clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, OVERDUE_QUERY)
        await highlight(pilot, OVERDUE)
        await pilot.press("ctrl+e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RessourceFormScreen)
        box = form.query_one("#f-telephone", Input)
        box.value = "05 63 44 44 44"
        await settle(pilot)
        with base_held(demo_db_path):
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.is_running and app.screen is form
            assert any(LOCKED in m for m in errors(app))
            assert form.query_one("#f-telephone", Input).value == "05 63 44 44 44"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
        assert E.lire(app.db, OVERDUE)["telephone"] == "05 63 44 44 44"


async def test_a_fiche_de_liaison_saved_while_the_base_is_busy_stays_in_its_form(
    caseload_db_path,
):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        await pilot.press("ctrl+e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FicheLiaisonScreen)
        form.query_one("#fl-telephone", Input).value = "06 11 22 33 44"
        await settle(pilot)
        with base_held(caseload_db_path):
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.is_running and app.screen is form
            assert any(LOCKED in m for m in errors(app))
            assert form.query_one("#fl-telephone", Input).value == "06 11 22 33 44"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DemandeurScreen)
        assert app.screen.demandeur.fiche.telephone == "06 11 22 33 44"
