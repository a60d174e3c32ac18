"""The fiche de liaison form and the ASS designation, driven from the Portefeuille."""

from datetime import date

from pilot import fill, notifications, settle
from textual.widgets import Input, OptionList, SelectionList, Static

from caseload.acces import get_profil
from caseload.database import open_project_database
from caseload.store import Caseload
from tui.app import make_app
from tui.screens.demandeur import DemandeurScreen
from tui.screens.dialogs.ass import AssScreen
from tui.screens.fiche_liaison import FicheLiaisonScreen
from tui.widgets.result_list import ResultList

SIZE = (150, 45)
TODAY = date(2026, 11, 23)


async def type_into(pilot, field_id, text):
    """Type by hand, key by key: this form's one test typed as a person does (the others set
    values with `pilot.fill`)."""
    box = pilot.app.screen.query_one(f"#{field_id}", Input)
    box.focus()
    box.value = ""
    await pilot.press(*[c if c != " " else "space" for c in text])


async def open_new_prescription(pilot):
    """From the Portefeuille (F3), as a conseiller starts one: ctrl+n."""
    await pilot.press("f3")
    await settle(pilot)
    await pilot.press("ctrl+n")
    await settle(pilot)


def error(app, name) -> str:
    return str(app.screen.query_one(f"#err-{name}", Static).render())


async def test_a_new_prescription_from_the_portefeuille(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_new_prescription(pilot)
        assert isinstance(app.screen, FicheLiaisonScreen)
        await type_into(pilot, "fl-nom", "LEBLANC")
        await type_into(pilot, "fl-prenom", "Ines")
        await type_into(pilot, "fl-date_naissance", "03/07/1991")
        await type_into(pilot, "fl-commune", "negreplisse")  # a typo, resolved
        await type_into(pilot, "fl-telephone", "12345")
        await settle(pilot)
        assert "Nègrepelisse (82800)" in error(app, "commune")
        # The ASS of the sector is proposed, the lightest load first.
        ass = app.screen.query_one("#fl-ass")
        assert ass.value is not None and str(ass.value).startswith("ass-cn-")
        app.screen.query_one("#fl-freins_peripheriques", SelectionList).select("transport")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FicheLiaisonScreen)  # not saved: a field is wrong
        assert "Téléphone invalide" in error(app, "telephone")
        await type_into(pilot, "fl-telephone", "06 39 98 00 01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DemandeurScreen)
        assert "LEBLANC Ines" in str(app.screen.query_one("#dem-title", Static).render())
    db = open_project_database(caseload_db_path)
    mine = Caseload(db, get_profil(db, "cons-albasud-01"), clock=lambda: TODAY).portefeuille()
    new = next(row for row in mine if row.nom == "LEBLANC")
    assert new.commune == "Nègrepelisse" and new.ass is not None


async def test_leaving_a_changed_form_asks_first(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_new_prescription(pilot)
        await fill(pilot, {"#fl-nom": "X"})
        await pilot.press("escape")
        await settle(pilot)
        assert "Quitter sans enregistrer" in str(app.screen.query("Label").first().render())
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert not isinstance(app.screen, FicheLiaisonScreen)


async def open_file(pilot, name):
    await pilot.press("f3")
    await settle(pilot)
    table = pilot.app.screen.query_one("#pf-table", ResultList)
    for index in range(table.row_count):
        if str(table.get_row_at(index)[0]).startswith(name):
            table.move_cursor(row=index)
            break
    table.focus()
    await pilot.press("enter")
    await settle(pilot)


async def test_moving_to_another_mds_is_announced_and_the_ass_can_be_named(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_file(pilot, "MARTIN")
        assert isinstance(app.screen, DemandeurScreen)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert app.screen.query_one("#fl-nom", Input).value == "MARTIN"
        await fill(pilot, {"#fl-commune": "moissac"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DemandeurScreen)
        messages = [n.message for n in notifications(app)]
        assert any("MDS de Castelsarrasin/Moissac" in m and "ASS proposée" in m for m in messages)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, AssScreen)
        options = app.screen.query_one("#ass-options", OptionList)
        first = str(options.get_option_at_index(0).prompt)
        assert "proposée" in first
        chosen = options.get_option_at_index(0).id
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DemandeurScreen)
        assert app.screen.demandeur.ass_id == chosen


async def test_at_80_columns_the_form_is_one_column_and_no_label_is_cut(caseload_db_path):
    from textual.widgets import Checkbox, Label

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_new_prescription(pilot)
        screen = app.screen
        assert isinstance(screen, FicheLiaisonScreen)
        # « Commune (nom, sans accent, code posta » and « …dématérialis » were cut.
        for widget in [*screen.query(".fl-label").results(Label), *screen.query(Checkbox)]:
            text = widget.label if isinstance(widget, Checkbox) else widget.render()
            assert widget.region.right <= widget.parent.content_region.right, str(text)
        left, right = screen.query(".fl-col")
        assert left.region.x == right.region.x  # one above the other
        await pilot.resize_terminal(150, 45)
        await settle(pilot)
        left, right = screen.query(".fl-col")
        assert right.region.x > left.region.x  # side by side again
