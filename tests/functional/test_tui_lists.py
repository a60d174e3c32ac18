"""Long lists open with their first rows and the rest as the cursor goes down (issue 13,
slow lists): an administrateur's « À faire » of every partner, a responsable's portefeuille.
Nothing is lost to the paging: the counts are the whole list's, the filter finds everyone,
and a list comes back up to date after someone else changed the base."""

import random
from datetime import date, datetime

from acteurs import ADMIN
from pilot import settle, shown, table_rows, type_text
from textual.widgets import Input

from caseload.database import open_project_database
from ressources import edition
from tui.app import make_app
from tui.screens import afaire, portefeuille
from tui.widgets.result_list import ResultList

SIZE = (120, 36)
TODAY = date(2026, 11, 23)


def clock():
    return TODAY


def many_demandeurs(path, copies: int) -> None:
    """*copies* more people in the MDS de Montauban, copied from the demo's (their parcours,
    hence their alerts, kept); the last one is called ZZTOP Dernière."""
    db = open_project_database(path)
    try:
        rows = [
            dict(r)
            for r in db.query("SELECT * FROM demandeurs WHERE code_insee = '82121' ORDER BY id")
        ]
        columns = [c for c in rows[0] if c != "id"]
        rng = random.Random(13)
        copied = []
        for n in range(copies):
            row = dict(rng.choice(rows))
            row["nom"], row["prenom"] = (
                ("ZZTOP", "Dernière") if n == copies - 1 else (f"COPIE{n:04d}", "Camille")
            )
            copied.append([row[c] for c in columns])
        with db.conn:
            db.conn.executemany(
                f"INSERT INTO demandeurs({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)})",
                copied,
            )
    finally:
        db.close()


async def test_a_long_portefeuille_shows_a_page_then_the_rest_as_the_cursor_goes(demo_db_path):
    many_demandeurs(demo_db_path, 300)
    app = make_app(db_path=demo_db_path, user="resp-montauban", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#pf-table", ResultList)
        total = len(screen.lignes)
        assert total > 300 + 50
        assert table.row_count == portefeuille.PAGE
        assert f"{total} demandeurs" in str(screen.query_one("#pf-status").render())
        # Down to the last row laid out: the next ones come.
        table.focus()
        table.move_cursor(row=table.row_count - 1)
        await settle(pilot)
        assert table.row_count == 2 * portefeuille.PAGE
        # The filter searches everyone, not the rows laid out: the last one sorted by name.
        screen.query_one("#pf-filter", Input).value = "zztop"
        await settle(pilot)
        assert [r[0] for r in table_rows(app, "#pf-table")] == ["ZZTOP Dernière"]
        assert f"1 demandeur sur {total}" in str(screen.query_one("#pf-status").render())
        screen.query_one("#pf-filter", Input).value = ""
        await settle(pilot)
        assert table.row_count == portefeuille.PAGE


async def test_a_portefeuille_comes_back_with_what_another_person_changed(demo_db_path):
    app = make_app(db_path=demo_db_path, user="resp-montauban", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        before = len(app.screen.lignes)
        await pilot.press("f2")
        await settle(pilot)
        many_demandeurs(demo_db_path, 3)  # another connection, as another person's session
        await pilot.press("f3")
        await settle(pilot)
        assert len(app.screen.lignes) == before + 3
        assert "ZZTOP Dernière" in [r[0] for r in table_rows(app, "#pf-table")]


def review_everything_overdue(path, extra: int) -> int:
    """Every entry overdue, *extra* more entries copied from one of them (as a département's
    base has thousands); returns how many entries are to review."""
    db = open_project_database(path)
    try:
        db.execute("UPDATE services SET date_revue = '2024-01-01'")
        row = dict(next(db.query("SELECT * FROM services WHERE archive = 0 LIMIT 1")))
        columns = [c for c in row if c != "pk"]
        copies = []
        for n in range(extra):
            copy = {
                **row,
                "id": f"copie--{n:04d}",
                "nom": f"Copie {n:04d}",
                "date_revue": "2024-06-01",
            }
            copies.append([copy[c] for c in columns])
        with db.conn:
            db.conn.executemany(
                f"INSERT INTO services({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)})",
                copies,
            )
        return db.execute("SELECT count(*) FROM services WHERE archive = 0").fetchone()[0]
    finally:
        db.close()


async def test_an_administrateurs_a_faire_counts_everything_and_shows_a_page(demo_db_path):
    total = review_everything_overdue(demo_db_path, 400)
    app = make_app(db_path=demo_db_path, user="admin", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, afaire.AfaireScreen)
        table = screen.query_one("#af-retard", ResultList)
        assert table.row_count == afaire.PAGE
        summary = shown(app, "#af-summary")
        assert f"{total:,}".replace(",", "\u202f") + " fiches à actualiser" in summary
        table.focus()
        table.move_cursor(row=table.row_count - 1)
        await settle(pilot)
        assert table.row_count == 2 * afaire.PAGE
        # Pages follow one another: no row twice, the oldest review first.
        keys = [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)]
        assert len(set(keys)) == len(keys)
        assert keys == [
            i["id"]
            for i in edition.todo_page(app.db, TODAY, "overdue_reviews", limit=2 * afaire.PAGE)
        ]
        # Confirmed elsewhere (another person's session): gone when the list is seen again.
        first = keys[0]
        await pilot.press("f2")
        await settle(pilot)
        other = open_project_database(demo_db_path)
        try:
            edition.confirm_review(other, ADMIN, first, now=datetime(2026, 11, 23, 9))
        finally:
            other.close()
        await pilot.press("f6")
        await settle(pilot)
        table = app.screen.query_one("#af-retard", ResultList)
        assert first not in {
            table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)
        }
        after = f"{total - 1:,}".replace(",", "\u202f") + " fiches à actualiser"
        assert after in shown(app, "#af-summary")


async def test_the_a_faire_filter_searches_every_entry_and_follows_the_base(demo_db_path):
    """Typed in the filter box, words find entries past the first page; the lists it
    searches are read again once someone changed the base (here another person's session
    confirming an entry)."""
    review_everything_overdue(demo_db_path, 400)  # « Copie 0399 » comes last of all
    app = make_app(db_path=demo_db_path, user="admin", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        box = app.screen.query_one("#af-filter", Input)
        box.focus()
        await type_text(pilot, "copie 039")
        await settle(pilot)
        names = [r[0] for r in table_rows(app, "#af-retard")]
        assert names == [f"Copie {n:04d}" for n in range(390, 400)]
        other = open_project_database(demo_db_path)
        try:
            edition.confirm_review(other, ADMIN, "copie--0399", now=datetime(2026, 11, 23, 9))
        finally:
            other.close()
        await pilot.press("backspace")
        await type_text(pilot, "9")
        await settle(pilot)
        assert [r[0] for r in table_rows(app, "#af-retard")] == [
            f"Copie {n:04d}" for n in range(390, 399)
        ]
        # The entry confirmed is due in a year: in neither list any more.
        assert not table_rows(app, "#af-bientot")


def _drawn_rows(app, selector: str) -> list[str]:
    """The lines a list draws for its rows, as the person reads them."""
    table = app.screen.query_one(selector, ResultList)
    return [table.render_line(n).text for n in range(1, table.row_count + 1)]


async def test_at_80_columns_a_faire_tells_apart_names_that_differ_only_at_their_end(
    demo_db_path,
):
    # Cut at the end, « Aides financières d'urgence du CCAS de Montech » and « … de
    # Verdun-sur-Garonne » both read « Aides financières d'urgence du CCAS de… ».
    app = make_app(db_path=demo_db_path, user="admin", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        box = app.screen.query_one("#af-filter", Input)
        box.value = "aides financieres"
        await settle(pilot)
        names = [r[0] for r in table_rows(app, "#af-retard") + table_rows(app, "#af-bientot")]
        assert len(names) >= 3 and all(n.startswith("Aides financières d'urgence") for n in names)
        drawn = _drawn_rows(app, "#af-retard") + _drawn_rows(app, "#af-bientot")
        fiches = [line[: line.index("  ", 3)].strip() for line in drawn]
        assert len(set(fiches)) == len(names), fiches
        for name, fiche in zip(names, fiches, strict=True):
            assert fiche.startswith("Aides financières") and "…" in fiche
            assert name.endswith(fiche.rsplit("…", 1)[1].strip()), (name, fiche)
