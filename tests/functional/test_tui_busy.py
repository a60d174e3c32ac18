"""A busy base never freezes nor ends the app, and what is being typed is kept.

Another program holds the base's write lock (``BEGIN IMMEDIATE`` on a second connection or in
a second process, as an import does for seconds): saving a note, an entry or a fiche de
liaison says « Base occupée, nouvel essai… » and tries again by itself (``tui.busy``) while
the screen stays usable; freed in time, the save goes through on its own; still held at the
end of the retry budget, a French error says so, the text stays where it was typed, and the
same save goes through once the base is free.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from datetime import date

import pytest
from pilot import fill, notifications, settle, type_text
from steps import OVERDUE, OVERDUE_QUERY, highlight, open_demandeur, search
from textual.widgets import Input

from caseload.database import open_project_database
from ressources import edition
from tui.app import make_app
from tui.busy import NOTICE
from tui.screens.demandeur import DemandeurScreen
from tui.screens.edition.form import ResourceFormScreen
from tui.screens.fiche_liaison import FicheLiaisonScreen

SIZE = (150, 45)
TODAY = date(2026, 11, 23)
LOCKED = "verrouillée par un autre programme"
NOTE = "Rappeler lundi pour le logement"


@pytest.fixture(autouse=True)
def _patient_wait(monkeypatch):
    # The app retries up to 15 s on a busy base. The tests that free the base expect the
    # save to land: a budget shorter than a loaded machine's settle would give up first.
    monkeypatch.setenv("BINOME_ATTENTE_MAX", "20")


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
    return [n.message for n in notifications(app) if n.severity == "error"]


def said(app, message: str) -> bool:
    return any(n.message == message for n in notifications(app))


async def wait_until(pilot, condition, seconds: float = 30.0) -> None:
    """Let the app run (its timers retry the save) until *condition* holds."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("still waiting")


async def test_a_note_saved_on_a_busy_base_waits_without_freezing_and_is_kept(
    caseload_db_path, monkeypatch
):
    # Here the base stays held until the app gives up: a second and a half is enough to see
    # it wait (several tries) and the person type meanwhile.
    monkeypatch.setenv("BINOME_ATTENTE_MAX", "1.5")
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        await pilot.press("ctrl+n")
        await fill(pilot, {"#note-input": NOTE})
        with base_held(caseload_db_path):
            await pilot.press("enter")
            await settle(pilot)
            assert said(app, NOTICE) and not errors(app)  # waiting, and saying so
            # The screen answers meanwhile: the person goes on typing.
            await type_text(pilot, " matin")
            await wait_until(pilot, lambda: errors(app))
            assert app.is_running and isinstance(app.screen, DemandeurScreen)
            assert any(LOCKED in m for m in errors(app))
            assert app.screen.query_one("#note-input", Input).value == NOTE + " matin"
        await pilot.press("enter")  # the base is free again: the same note is saved
        await settle(pilot)
        assert app.screen.query_one("#note-input", Input).value == ""
        assert said(app, "Note enregistrée.")
    db = open_project_database(caseload_db_path)
    notes = [r[0] for r in db.execute("SELECT texte FROM notes")]
    assert notes.count(NOTE + " matin") == 1 and NOTE not in notes


HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1])
conn.execute("BEGIN IMMEDIATE")
print("held", flush=True)
sys.stdin.readline()  # until the test says so
conn.rollback()
"""


async def test_a_note_saved_while_another_process_writes_lands_by_itself(caseload_db_path):
    """A second process holds the lock; once it lets go, the waiting note is saved without
    the person doing anything again."""
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        await pilot.press("ctrl+n")
        await fill(pilot, {"#note-input": NOTE})
        command = [sys.executable, "-c", HOLDER, str(caseload_db_path)]
        holder = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "held"
            await pilot.press("enter")
            await settle(pilot)
            assert said(app, NOTICE)
            await pilot.pause(0.5)  # a few tries, all busy
            assert not said(app, "Note enregistrée.") and not errors(app)
            assert app.screen.query_one("#note-input", Input).value == NOTE
        finally:
            holder.communicate("\n", timeout=30)
        await wait_until(pilot, lambda: said(app, "Note enregistrée."))
        assert app.screen.query_one("#note-input", Input).value == ""
        assert not errors(app)
    db = open_project_database(caseload_db_path)
    notes = [r[0] for r in db.execute("SELECT texte FROM notes")]
    assert notes.count(NOTE) == 1


async def test_an_entry_saved_while_the_base_is_busy_stays_in_its_form(demo_db_path, monkeypatch):
    # The base stays held until the app gives up: a second and a half is enough to see it.
    monkeypatch.setenv("BINOME_ATTENTE_MAX", "1.5")
    app = make_app(db_path=demo_db_path, user="ass-cm-01", clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, OVERDUE_QUERY)
        await highlight(pilot, OVERDUE)
        await pilot.press("ctrl+e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ResourceFormScreen)
        box = form.query_one("#f-telephone", Input)
        box.value = "05 63 44 44 44"
        await settle(pilot)
        with base_held(demo_db_path):
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert said(app, NOTICE)
            await wait_until(pilot, lambda: errors(app))
            assert app.is_running and app.screen is form
            assert any(LOCKED in m for m in errors(app))
            assert form.query_one("#f-telephone", Input).value == "05 63 44 44 44"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
        assert edition.read_service(app.db, OVERDUE)["telephone"] == "05 63 44 44 44"


async def test_a_fiche_de_liaison_saved_while_the_base_is_busy_is_saved_once_free(
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
            assert said(app, NOTICE) and app.screen is form
            assert form.query_one("#fl-telephone", Input).value == "06 11 22 33 44"
        # Freed within the budget: the waiting save goes through by itself.
        await wait_until(pilot, lambda: isinstance(app.screen, DemandeurScreen))
        assert app.screen.demandeur.fiche.telephone == "06 11 22 33 44"
        assert not errors(app)


async def test_toujours_exact_on_a_busy_base_lands_once_free(demo_db_path):
    """An action of the list (no form) waits the same way, told whichever screen is on."""
    app = make_app(db_path=demo_db_path, user="ass-cm-01", clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, OVERDUE_QUERY)
        await highlight(pilot, OVERDUE)
        with base_held(demo_db_path):
            await pilot.press("ctrl+k")
            await settle(pilot)
            await pilot.press("ctrl+o")  # yes, it is still right
            await settle(pilot)
            assert said(app, NOTICE) and not errors(app)
        await wait_until(
            pilot, lambda: any(n.title == "Fiche confirmée" for n in notifications(app))
        )
        assert edition.read_service(app.db, OVERDUE)["date_revue"] == TODAY.isoformat()
        assert not errors(app)


async def test_a_parcours_step_recorded_on_a_busy_base_lands_once_free(caseload_db_path):
    """The step's dialog (its date, the decisions) stays as filled while the base is
    busy, and the step is recorded once the other program lets go."""
    from steps import option_labels
    from textual.widgets import OptionList, Select

    from caseload import parcours
    from tui.screens.dialogs.action import ActionScreen

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        offered = option_labels(app, "#actions")
        await pilot.press("ctrl+l")
        listing = app.screen.query_one("#actions", OptionList)
        listing.highlighted = offered.index(parcours.Action.VALIDATE_DIAGNOSTIC.label)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ActionScreen)
        for selector in ("#decision-demandeur", "#decision-conseiller", "#decision-ass"):
            dialog.query_one(selector, Select).value = "axe2"
        dialog.query_one("#modalite", Select).value = "tripartite"
        dialog.query_one("#action-date", Input).value = "20/11/2026"
        await settle(pilot)
        with base_held(caseload_db_path):
            await pilot.press("enter")
            await settle(pilot)
            assert said(app, NOTICE) and app.screen is dialog
            assert dialog.query_one("#action-date", Input).value == "20/11/2026"
        await wait_until(pilot, lambda: isinstance(app.screen, DemandeurScreen))
        assert "Diagnostic partagé validé" in str(app.screen.query_one("#dem-title").render())
        assert not errors(app)
