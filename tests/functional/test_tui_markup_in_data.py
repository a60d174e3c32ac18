"""Names and texts that look like Rich or Textual markup (« [/] », « [jeunes] »,
« [@click=app.quit] ») come from imports, syncs and people: the app shows them as written,
never as markup — a « [/] » in one entry's name must not stop the app for everyone, and a
word in brackets must not vanish."""

from datetime import date, datetime

from pilot import fill, notifications, settle, table_cells
from textual.widgets import Select, Static

from caseload.acces import get_profil
from caseload.database import open_project_database
from ressources import edition
from tui.app import make_app
from tui.screens.archives import ArchivesScreen
from tui.screens.edition.form import ResourceFormScreen
from tui.screens.fiche_liaison import FicheLiaisonScreen
from tui.widgets.result_list import ResultList

SIZE = (150, 45)
TODAY = date(2026, 11, 23)
NAME = "Zorglub [/] accueil [jeunes 16-25] [@click=app.quit]ici[/]"
STRUCTURE = "Maison [/] des [jeunes]"
PARTNER_NAME = "Association [Jeunes] 82"


def hostile_base(path) -> str:
    """A demo base where one caf-82 entry, its structure and the caf-82 partner carry markup
    in their names; returns the entry's id."""
    db = open_project_database(path)
    admin = get_profil(db, "admin")
    sid = db.execute(
        "SELECT id FROM services WHERE partenaire = 'caf-82' AND archive = 0 ORDER BY id LIMIT 1"
    ).fetchone()[0]
    record = edition.read_service(db, sid)
    edition.update_service(
        db, admin, sid, {"nom": NAME}, version=record["version"], now=datetime(2026, 11, 23, 9)
    )
    with db.conn:
        db.execute(
            "UPDATE structures SET nom = ? WHERE id = ?", [STRUCTURE, record["structure_id"]]
        )
        db.execute("UPDATE partenaires SET nom = ? WHERE slug = 'caf-82'", [PARTNER_NAME])
    db.close()
    return sid


async def found(pilot, sid):
    await fill(pilot, {"#query": "zorglub"})
    await pilot.press("enter")
    await settle(pilot)
    table = pilot.app.screen.query_one("#results", ResultList)
    table.move_cursor(row=table.get_row_index(sid))
    await settle(pilot)


async def test_a_name_with_markup_is_shown_as_written_in_the_results(demo_db_path):
    sid = hostile_base(demo_db_path)
    app = make_app(db_path=demo_db_path, user="cons-albasud-01", clock=lambda: TODAY)
    # notifications=True: the toasts are drawn, as on screen (run_test hides them otherwise).
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await found(pilot, sid)
        names = [row["nom"] for row in table_cells(app, "#results")]
        assert NAME in names
        assert STRUCTURE in [row["structure"] for row in table_cells(app, "#results")]
        await pilot.press("ctrl+c")  # the contact copied, its name in the notice
        await settle(pilot)
        assert any(NAME in n.message for n in notifications(app))
        await pilot.pause()
    assert app.return_code in (None, 0)


async def test_the_form_lists_a_structure_whose_name_looks_like_markup(demo_db_path):
    sid = hostile_base(demo_db_path)
    app = make_app(db_path=demo_db_path, user="admin", clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await found(pilot, sid)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, ResourceFormScreen)
        structure = app.screen.query_one("#f-structure", Select)
        assert any(STRUCTURE in str(prompt) for prompt, _ in structure._options)
        shown = str(structure.query_one("SelectCurrent #label").render())
        assert STRUCTURE in shown
        partner = app.screen.query_one("#f-partenaire", Select)
        assert PARTNER_NAME in str(partner.query_one("SelectCurrent #label").render())


async def test_the_archives_show_a_partner_name_in_brackets_as_written(demo_db_path):
    hostile_base(demo_db_path)
    app = make_app(db_path=demo_db_path, user="caf-82-01", clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert isinstance(app.screen, ArchivesScreen)
        select = app.screen.query_one("#ar-partenaire", Select)
        assert PARTNER_NAME in str(select.query_one("SelectCurrent #label").render())


TYPED = "[/] [b]Toulouse"


async def test_a_commune_typed_with_brackets_is_quoted_as_typed_in_ressources(demo_db_path):
    app = make_app(db_path=demo_db_path, clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l")
        await fill(pilot, {"#commune": TYPED})
        text = str(app.screen.query_one("#commune-status").render())
        assert f"ne correspond à « {TYPED} »" in text


async def test_a_commune_typed_with_brackets_is_quoted_as_typed_in_the_fiche(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, FicheLiaisonScreen)
        await fill(pilot, {"#fl-commune": TYPED})
        text = str(app.screen.query_one("#err-commune", Static).render())
        assert f"ne correspond à « {TYPED} »" in text
