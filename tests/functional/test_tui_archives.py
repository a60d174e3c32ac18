"""« Fiches archivées » (issue 13): archived entries can be listed and brought back by those
who keep them (``ressources.edition.may_edit``), the change written in their history;
anyone else is refused, told why, and nothing changes."""

from datetime import date, datetime

import pytest
from acteurs import ADMIN, Who
from pilot import notifications, screen_text, settle, shown, table_cells, table_rows, type_text
from textual.widgets import DataTable, Input, Select

from caseload.acces import get_profil
from caseload.database import open_project_database
from ressources import edition
from ressources.errors import AccessDenied
from ressources.search import SearchEngine
from tui.app import make_app
from tui.screens.archives import ArchivesScreen
from tui.screens.dialogs.confirm import ConfirmScreen
from tui.screens.ressources import ResourcesScreen

SIZE = (120, 36)
TODAY = date(2026, 11, 23)
MOISSAC = "cd82-mds-castelsarrasin-moissac"
ASS_MOISSAC = Who("ass-cm-01", "ass", MOISSAC)
ASS_MONTAUBAN = Who("ass-mtb-01", "ass", "cd82-mds-montauban")


def archive_two(db) -> list[str]:
    ids = [
        r[0]
        for r in db.execute(
            "SELECT id FROM services WHERE partenaire = ? AND archive = 0 ORDER BY id LIMIT 2",
            [MOISSAC],
        )
    ]
    edition.archive_service(db, ASS_MOISSAC, ids[0], now=datetime(2026, 11, 2, 9))
    edition.archive_service(db, ADMIN, ids[1], now=datetime(2026, 11, 20, 9))
    return ids


# -- the domain ---------------------------------------------------------------------------------
def test_archived_entries_are_listed_last_archived_first_with_who_and_when(demo_db):
    first, second = archive_two(demo_db)
    listed = edition.archived_services(demo_db, MOISSAC)
    assert [i["id"] for i in listed] == [second, first]
    assert listed[1]["archive_par"] == ASS_MOISSAC.id
    assert listed[1]["archive_le"].startswith("2026-11-02")
    assert edition.archived_count(demo_db, MOISSAC) == 2 == edition.archived_count(demo_db)
    assert (
        edition.archived_services(demo_db, "caf-82") == []
        and edition.archived_count(demo_db, "caf-82") == 0
    )
    assert [i["id"] for i in edition.archived_services(demo_db, None, offset=1, limit=1)] == [first]


def test_only_those_who_keep_an_entry_unarchive_it(demo_db):
    """may_edit: another MDS's ASS is refused, the owner's ASS brings it back."""
    first, _ = archive_two(demo_db)
    versions = len(edition.service_history(demo_db, first))
    with pytest.raises(AccessDenied) as refused:
        edition.unarchive_service(demo_db, ASS_MONTAUBAN, first, now=datetime(2026, 11, 23, 9))
    assert "désarchiver" in str(refused.value) and "MDS de Castelsarrasin" in str(refused.value)
    assert edition.read_service(demo_db, first)["archive"] == 1
    assert len(edition.service_history(demo_db, first)) == versions
    edition.unarchive_service(demo_db, ASS_MOISSAC, first, now=datetime(2026, 11, 23, 9))
    assert edition.read_service(demo_db, first)["archive"] == 0
    last = edition.service_history(demo_db, first)[-1]
    assert (last.action, last.auteur) == ("desarchivage", ASS_MOISSAC.id)
    name = edition.read_service(demo_db, first)["nom"]
    hits = SearchEngine(demo_db).search(name, limit=100).hits
    assert first in {h.resource.id for h in hits}
    assert first not in {i["id"] for i in edition.archived_services(demo_db)}


# -- the screen -----------------------------------------------------------------------------------
def archived_in(path) -> list[str]:
    db = open_project_database(path)
    try:
        return archive_two(db)
    finally:
        db.close()


async def open_archives(pilot) -> ArchivesScreen:
    await settle(pilot)
    assert isinstance(pilot.app.screen, ResourcesScreen)
    await pilot.press("ctrl+y")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ArchivesScreen)
    return screen


async def test_an_ass_lists_her_archived_entries_and_brings_one_back(demo_db_path):
    first, second = archived_in(demo_db_path)
    app = make_app(db_path=demo_db_path, user=ASS_MOISSAC.id, clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_archives(pilot)
        assert screen.query_one("#ar-partenaire", Select).value == MOISSAC
        rows = table_rows(app, "#ar-table")
        assert [r[1] for r in rows] == ["20/11/2026", "02/11/2026"]
        assert "2 fiches archivées" in shown(app, "#ar-summary")
        table = screen.query_one("#ar-table", DataTable)
        table.move_cursor(row=1)
        await pilot.press("ctrl+u")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("tab", "enter")  # to the yes button, then enter
        await settle(pilot)
        assert app.screen is screen
        assert edition.read_service(app.db, first)["archive"] == 0
        assert edition.service_history(app.db, first)[-1].action == "desarchivage"
        assert any(n.title == "Fiche désarchivée" for n in notifications(app))
        assert [r[0] for r in table_rows(app, "#ar-table")] == [
            edition.read_service(app.db, second)["nom"]
        ]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen)


async def test_enter_alone_in_the_question_cancels_and_says_so(demo_db_path):
    first, _ = archived_in(demo_db_path)
    app = make_app(db_path=demo_db_path, user=ASS_MOISSAC.id, clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_archives(pilot)
        screen.query_one("#ar-table", DataTable).move_cursor(row=1)
        await pilot.press("ctrl+u")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the focus is on « Annuler »
        await settle(pilot)
        assert app.screen is screen
        assert edition.read_service(app.db, first)["archive"] == 1
        notice = notifications(app)[-1]
        assert notice.message.startswith("Annulé : « ") and "n'a pas été fait" in notice.message


async def test_unarchiving_another_partners_entry_is_refused_with_the_reason(demo_db_path):
    first, second = archived_in(demo_db_path)
    app = make_app(db_path=demo_db_path, user=ASS_MONTAUBAN.id, clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_archives(pilot)
        assert table_rows(app, "#ar-table") == []  # her partner's: none
        assert "Aucune fiche archivée" in shown(app, "#ar-empty")
        screen.query_one("#ar-partenaire", Select).value = MOISSAC
        await settle(pilot)
        assert len(table_rows(app, "#ar-table")) == 2  # she may look at them
        screen.query_one("#ar-table", DataTable).focus()
        await pilot.press("ctrl+u")
        await settle(pilot)
        assert app.screen is screen  # nothing asked: she may not
        refusal = [n for n in notifications(app) if n.title == "Désarchivage refusé"]
        assert refusal and "elle est tenue par MDS de Castelsarrasin" in refusal[-1].message
        assert (
            edition.read_service(app.db, second)["archive"] == 1
            and edition.read_service(app.db, first)["archive"] == 1
        )
        assert edition.service_history(app.db, second)[-1].action == "archivage"


async def test_a_letter_typed_in_the_list_filters_it_and_echap_empties_the_filter(demo_db_path):
    """As in the other lists, a letter typed goes to the filter box (it did nothing, and
    said nothing): by the entry's name, its partner or who archived it."""
    first, second = archived_in(demo_db_path)
    app = make_app(db_path=demo_db_path, user=ADMIN.id, clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_archives(pilot)
        assert len(table_rows(app, "#ar-table")) == 2
        mine, theirs = (edition.read_service(app.db, i)["nom"] for i in (first, second))
        await type_text(pilot, "administration")  # who archived it
        box = screen.query_one("#ar-filtre", Input)
        assert box.has_focus and box.value == "administration"
        assert [r[0] for r in table_rows(app, "#ar-table")] == [theirs]
        assert "filtre « administration »" in shown(app, "#ar-summary")
        await pilot.press("enter")  # back to the list, filtered
        await settle(pilot)
        assert screen.query_one("#ar-table", DataTable).has_focus
        nom = get_profil(app.db, ASS_MOISSAC.id).nom
        await pilot.press(
            "slash", "escape", *nom.lower()
        )  # emptied, the ASS who archived the other
        await settle(pilot)
        assert box.value == nom.lower()
        assert [r[0] for r in table_rows(app, "#ar-table")] == [mine]
        await pilot.press("escape")  # empties the filter, then back to the list
        await settle(pilot)
        assert box.value == "" and len(table_rows(app, "#ar-table")) == 2
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and screen.query_one("#ar-table", DataTable).has_focus


async def test_at_80_columns_the_partner_stays_and_long_cells_end_with_an_ellipsis(
    demo_db_path,
):
    archived_in(demo_db_path)
    app = make_app(db_path=demo_db_path, user=ADMIN.id, clock=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_archives(pilot)
        cells = table_cells(app, "#ar-table")
        assert {"nom", "par", "partenaire"} <= set(cells[0])
        text = await screen_text(pilot)
        assert "Administratio…" in text  # « Par », cut with a mark, not at « Bin »
        assert "MDS de Castelsa…" in text or "MDS de Castelsarrasin/Moissac" in text


async def test_at_80_columns_archived_names_that_differ_only_at_their_end_read_apart(
    demo_db_path,
):
    # Cut at the end, two « Sorties familles et soutien à la parentalité - Centre social … »
    # read the same (« Sorties familles et soutien … »), archived by the same person for the
    # same partner.
    db = open_project_database(demo_db_path)
    try:
        names = {
            r[0]: r[1]
            for r in db.execute(
                "SELECT id, nom FROM services WHERE nom LIKE 'Sorties familles et soutien%' "
                "AND archive = 0 ORDER BY id LIMIT 3"
            )
        }
        for n, service_id in enumerate(names):
            edition.archive_service(db, ADMIN, service_id, now=datetime(2026, 11, 2 + n, 9))
    finally:
        db.close()
    app = make_app(db_path=demo_db_path, user=ADMIN.id, clock=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_archives(pilot)
        table = screen.query_one("#ar-table", DataTable)
        width = table.ordered_columns[0].get_render_width(table)
        lines = (await screen_text(pilot)).splitlines()[table.region.y + 1 :][: table.row_count]
        drawn = [line[table.region.x : table.region.x + width].strip() for line in lines]
        assert len(drawn) == 3 == len(set(drawn)), drawn
        for fiche in drawn:
            start, end = fiche.split("…")
            assert any(n.startswith(start) and n.endswith(end.strip()) for n in names.values())
        # Wider, cut again at the column's new width: the names whole.
        await pilot.resize_terminal(200, 36)
        await settle(pilot)
        assert sorted(row["nom"] for row in table_cells(app, "#ar-table")) == sorted(names.values())
