"""RGPD in the app: a screen read is journaled, a financial note is refused and kept for
rephrasing, the administrateur's RGPD screen (journal, export, erasure with confirmation,
purge preview) and the start-up reminder of a due purge."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from pilot import fill, notifications, settle, shown, type_text
from steps import SIZE, clock, open_demandeur
from textual.widgets import Button, DataTable, Input

from caseload import rgpd
from caseload.acces import get_profil
from caseload.database import open_project_database
from tui.app import make_app
from tui.screens.dialogs.confirm import ConfirmScreen
from tui.screens.fiche import fiches_dir
from tui.screens.rgpd import RgpdScreen
from tui.widgets.fitted_table import FittedTable


def ids_by_name(path) -> dict[str, int]:
    db = open_project_database(path)
    found = {r["nom"]: r["id"] for r in db.query("SELECT id, nom FROM demandeurs")}
    db.close()
    return found


def journal_rows(path) -> list[dict]:
    db = open_project_database(path)
    rows = list(db.query("SELECT * FROM journal ORDER BY id"))
    db.close()
    return rows


async def test_opening_a_file_on_screen_is_journaled(caseload_db_path):
    martin = ids_by_name(caseload_db_path)["MARTIN"]
    before = len(journal_rows(caseload_db_path))
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        await settle(pilot)
    new = journal_rows(caseload_db_path)[before:]
    assert [(r["acteur_id"], r["action"], r["demandeur_id"], r["canal"]) for r in new] == [
        ("cons-albasud-01", "consultation", martin, "application")
    ]


async def test_a_financial_note_is_flagged_and_kept_for_rephrasing(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        notes_before = shown(app, "#notes-text")
        await pilot.press("ctrl+n")
        box = app.screen.query_one("#note-input", Input)
        assert box.has_focus
        await fill(pilot, {"#note-input": "dette de loyer 3 200 "})
        box.insert_text_at_cursor("€")
        await pilot.press("enter")
        await settle(pilot)
        assert box.value == "dette de loyer 3 200 €"  # kept, to be rephrased
        assert shown(app, "#notes-text") == notes_before
        warnings = [n.message for n in notifications(app) if n.severity == "warning"]
        assert any(rgpd.FINANCIAL_SENTENCE in m and "« 3 200 € »" in m for m in warnings)
        # Rephrased: saved.
        await pilot.press("ctrl+u")
        await fill(pilot, {"#note-input": "difficultes de logement, orientation ADIL"})
        await pilot.press("enter")
        await settle(pilot)
        assert box.value == ""
        assert "orientation ADIL" in shown(app, "#notes-text")


async def _open_rgpd(pilot) -> RgpdScreen:
    await settle(pilot)
    await pilot.press("ctrl+p")
    await type_text(pilot, "rgpd")
    await pilot.pause(0.3)
    prompts = [str(o.prompt) for o in pilot.app.screen.query("OptionList").first().options]
    assert any("RGPD : données personnelles" in p for p in prompts)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, RgpdScreen)
    return pilot.app.screen


def table_rows(app) -> list[list[str]]:
    table = app.screen.query_one("#rgpd-table", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_administrateurs_rgpd_screen(caseload_db_path):
    martin = ids_by_name(caseload_db_path)["MARTIN"]
    app = make_app(db_path=caseload_db_path, user="admin", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_rgpd(pilot)
        rows = table_rows(app)
        assert any(r[1] == "cons-albasud-01" and r[3].startswith("Création") for r in rows)
        # The access export of one person, saved as a file (text and JSON).
        await type_text(pilot, str(martin))
        await pilot.press("ctrl+s")
        await settle(pilot)
        stem = f"acces-demandeur-{martin}-2026-11-23"
        text = (fiches_dir() / f"{stem}.txt").read_text(encoding="utf-8")
        assert "MARTIN" in text and "Journal des accès" in text
        data = json.loads((fiches_dir() / f"{stem}.json").read_text(encoding="utf-8"))
        assert data["journal"][-1]["action"] == "rgpd-acces"
        assert any(r[3] == "RGPD : export du droit d'accès" for r in table_rows(app))

        # Erasure: asked first; cancelling erases nothing.
        screen.query_one("#rgpd-effacer", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "MARTIN" in shown(app, "#confirm-question")
        await pilot.press("escape")
        await settle(pilot)
        assert martin in ids_by_name(caseload_db_path).values()
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("left", "enter")  # an arrow to the yes button
        await settle(pilot)
        assert isinstance(app.screen, RgpdScreen)
        assert martin not in ids_by_name(caseload_db_path).values()
        raw = Path(caseload_db_path).read_bytes()
        wal = Path(str(caseload_db_path) + "-wal")
        raw += wal.read_bytes() if wal.exists() else b""
        # (a member of staff is also called Léa: the surname and the notes are the person's)
        for trace in ("MARTIN", "Appel du 20/11", "Note du Département, confidentielle"):
            assert trace.encode() not in raw, trace

        # The purge preview with nothing due, then with a retention that is over.
        await pilot.click("#rgpd-apercu")
        await settle(pilot)
        assert "Aucun dossier" in shown(app, "#rgpd-status")
        app.db.execute("UPDATE demandeurs SET cree_le = '2014-06-02T09:00:00'")
        rgpd.set_retention(app.db, app.profil, fin_convention=date(2015, 12, 31))
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert sorted(r[1].split()[0] for r in table_rows(app)) == ["BERNARD", "DURAND", "PETIT"]


async def test_the_reminder_of_a_due_purge_at_start_up(caseload_db_path):
    db = open_project_database(caseload_db_path)
    db.execute("UPDATE demandeurs SET cree_le = '2014-06-02T09:00:00'")  # opened long ago
    rgpd.set_retention(db, get_profil(db, "admin"), fin_convention=date(2015, 12, 31))
    db.close()
    app = make_app(db_path=caseload_db_path, user="admin", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any(
            "4 dossiers ont dépassé leur durée de conservation" in m
            for m in (n.message for n in notifications(app))
        )
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not any("conservation" in m for m in (n.message for n in notifications(app)))


async def test_a_conseiller_has_no_rgpd_screen(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "rgpd")
        await pilot.pause(0.3)
        prompts = [str(o.prompt) for o in app.screen.query("OptionList").first().options]
        assert not any("RGPD" in p for p in prompts)
        await pilot.press("escape")
        await settle(pilot)
        # Even pushed by hand, the domain refuses.
        app.push_screen(RgpdScreen())
        await settle(pilot)
        assert any(
            sev == "error" and "Seul un administrateur exerce les droits RGPD" in m
            for m, sev in ((n.message, n.severity) for n in notifications(app))
        )
        assert table_rows(app) == []


async def test_a_financial_fiche_field_is_shown_under_the_field_and_kept(caseload_db_path):
    from tui.screens.demandeur import DemandeurScreen
    from tui.screens.fiche_liaison import FicheLiaisonScreen

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, FicheLiaisonScreen)
        box = app.screen.query_one("#fl-adresse", Input)
        box.value = "chez sa sœur, loyer impayé de 300 €"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FicheLiaisonScreen)  # not saved
        assert rgpd.FINANCIAL_SENTENCE in shown(app, "#err-adresse")
        assert box.value == "chez sa sœur, loyer impayé de 300 €"
        box.value = "chez sa sœur, 3 rue des Lilas"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DemandeurScreen)
        assert "3 rue des Lilas" in shown(app, "#fiche-liaison")


async def test_the_journal_fits_80_columns_without_scrolling_sideways(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="admin", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_rgpd(pilot)
        table = app.screen.query_one("#rgpd-table", FittedTable)
        await settle(pilot)
        # When, who, which file, what: whole; the channel and the details gave way.
        assert table.shown_columns == ["quand", "qui", "demandeur", "action"]
        assert table.virtual_size.width <= table.size.width
        assert table.max_scroll_x == 0
        # Every button of the screen is on it, none past the right edge.
        for button in app.screen.query(Button):
            assert button.region.right <= 80, button.id
        await pilot.resize_terminal(120, 36)
        await settle(pilot)
        assert "details" in table.shown_columns and "canal" in table.shown_columns


async def test_the_journal_names_a_step_in_french_not_by_its_code(caseload_db_path):
    from pilot import table_cells

    app = make_app(db_path=caseload_db_path, user="admin", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_rgpd(pilot)
        await settle(pilot)
        steps = [c for c in table_cells(app, "#rgpd-table") if c["action"] == "Étape du parcours"]
        assert steps  # the base holds steps taken
        details = {c["details"] for c in steps}
        assert "Diagnostic partagé validé" in details
        assert not any("-" in d and " " not in d for d in details)  # no « valider-diagnostic »


async def test_the_journal_names_a_changed_fiches_fields_by_the_fiches_labels(caseload_db_path):
    from pilot import table_cells

    from caseload.store import Caseload

    db = open_project_database(caseload_db_path)
    martin = ids_by_name(caseload_db_path)["MARTIN"]
    conseiller = Caseload(db, get_profil(db, "cons-albasud-01"), clock=clock)
    conseiller.update_fiche(martin, {"telephone": "06 11 22 33 44"})
    db.close()
    app = make_app(db_path=caseload_db_path, user="admin", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_rgpd(pilot)
        await settle(pilot)
        changes = [
            c["details"]
            for c in table_cells(app, "#rgpd-table")
            if c["action"] == "Modification de la fiche de liaison"
        ]
        assert changes[-1] == "Téléphone"  # the fiche's word, not « telephone »
