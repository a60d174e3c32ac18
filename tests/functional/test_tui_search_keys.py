"""The Ressources screen during an interview: stray letters search, never act."""

from datetime import date

from pilot import fill, notifications, settle, shown
from textual.widgets import Input

from ressources import edition
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
        before = edition.read_service(app.db, ENTRY)["date_revue"]
        for key in ("space", "v", "e", "l", "o", "f", "c", "h", "exclamation_mark"):
            await pilot.press(key)
        await settle(pilot)
        query = app.screen.query_one("#query", Input)
        assert query.value == QUERY + " velofch!"  # every letter typed, none obeyed
        assert app.focused is query
        assert isinstance(app.screen, ResourcesScreen)  # no form, no dialog opened
        assert edition.read_service(app.db, ENTRY)["date_revue"] == before  # not certified


async def test_actions_that_change_the_base_are_on_ctrl_keys(demo_db_path):
    app = app_for(demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await on_entry(pilot)
        assert {"ctrl+e", "ctrl+k", "ctrl+x", "ctrl+n"} <= set(app.screen.active_bindings)
        await pilot.press("ctrl+k")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # certifying asks first
        assert edition.read_service(app.db, ENTRY)["date_revue"] != "2026-11-23"
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert edition.read_service(app.db, ENTRY)["date_revue"] == "2026-11-23"


async def test_a_word_typed_after_ctrl_k_by_mistake_certifies_nothing(demo_db_path):
    # Issue 13: the « o » of « velo » answered the question ctrl+k had just opened.
    app = app_for(demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await on_entry(pilot)
        before = edition.read_service(app.db, ENTRY)["date_revue"]
        await pilot.press("ctrl+k")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        for key in ("v", "e", "l", "o", "y", "space"):
            await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # no letter answered
        assert edition.read_service(app.db, ENTRY)["date_revue"] == before
        hints = [n for n in notifications(app) if "Choisissez avec Tab puis Entrée" in n.message]
        assert len(hints) == 1  # said once, not at every letter
        assert "ctrl+o" in hints[0].message
        await pilot.press("enter")  # the focus starts on « Annuler »
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen)
        assert edition.read_service(app.db, ENTRY)["date_revue"] == before


async def test_the_question_footer_names_the_action_its_button_names(demo_db_path):
    from textual.widgets import Button
    from textual.widgets._footer import FooterKey

    app = app_for(demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await on_entry(pilot)
        await pilot.press("ctrl+k")
        await settle(pilot)
        button = str(app.screen.query_one("#yes", Button).label)
        assert button == "Toujours exact (ctrl+o)"
        footer = {k.key: k.description for k in app.screen.query(FooterKey)}
        assert footer["ctrl+o"] == "Toujours exact"
        assert "Confirmer" not in footer.values()
        await pilot.press("tab", "enter")  # Tab to the button, then Enter: certified
        await settle(pilot)
        assert edition.read_service(app.db, ENTRY)["date_revue"] == "2026-11-23"


async def test_the_detail_says_how_and_where_a_service_is_received(demo_db_path):
    app = app_for(demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await fill(pilot, {"#query": "115"})
        await settle(pilot)
        text = shown(app, "#detail")
        assert "Accueil : à distance" in text
        assert "Mobilisable par :" in text
        assert "Zone : tout le Tarn-et-Garonne" in text


async def test_the_detail_names_the_epci_a_service_is_zoned_by(demo_db_path):
    from caseload.database import open_project_database
    from ressources.exchange import import_records

    db = open_project_database(demo_db_path)
    report = import_records(
        db,
        [{"source": "t", "id": "t--s", "nom": "Structure", "date_maj": "2025-01-01"}],
        [
            {
                "source": "t",
                "id": "t--epci",
                "structure_id": "t--s",
                "nom": "Zythothérapie solidaire",
                "description": "Un service de test.",
                "date_maj": "2025-01-01",
                "code_insee": "82112",
                "zone_eligibilite": ["200066322"],  # the SIREN of Terres des Confluences
            }
        ],
    )
    assert report.ok, report.rejections
    db.close()
    app = app_for(demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await fill(pilot, {"#query": "zythotherapie"})
        await settle(pilot)
        assert "Zone : Communauté de communes Terres des Confluences" in shown(app, "#detail")
