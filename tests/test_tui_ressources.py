"""The Ressources screen, driven as a conseiller would: keys in, screen read back."""

from datetime import date

from pilot import fill, settle, shown, table_cells, type_text
from textual.widgets import Input, Label, Select

from ressources.horaires import humanize
from tui.app import make_app
from tui.screens.fiche import FicheScreen
from tui.screens.help import HelpScreen
from tui.widgets.result_list import ResultList

SIZE = (150, 45)


def rows(app) -> list[dict[str, str]]:
    return table_cells(app, "#results")


def status(app) -> str:
    return str(app.screen.query_one("#status", Label).render())


def detail(app) -> str:
    return shown(app, "#detail")


async def test_search_box_has_focus_and_results_follow_typing(demo_db_path):
    app = make_app(db_path=demo_db_path, clock=lambda: date(2026, 11, 23))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.focused is app.screen.query_one("#query", Input)
        assert rows(app) == []
        await type_text(pilot, "epicerie solidaire")
        first = rows(app)
        assert first and all("picerie" in r["nom"] for r in first[:3])
        await type_text(pilot, " moissac")
        near = rows(app)
        assert near[0]["commune"] == "Moissac"
        assert "autour de Moissac" in status(app)
        # The detail pane follows the highlighted row and says why it matched.
        assert near[0]["nom"].split(" ·")[0] in detail(app)
        assert "Trouvé" in detail(app)


async def test_typos_are_forgiven_on_screen(demo_db_path):
    app = make_app(db_path=demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "surendetement")
        assert rows(app), "a typo must still find the surendettement resources"
        assert "surendettement" in detail(app).lower()


async def test_moving_in_results_changes_the_detail_and_enter_opens_the_fiche(demo_db_path):
    app = make_app(db_path=demo_db_path, clock=lambda: date(2026, 11, 23))
    async with app.run_test(size=SIZE) as pilot:
        await fill(pilot, {"#query": "logement"})  # typing: the tests above
        await pilot.press("enter")  # from the search box to the results
        assert isinstance(app.focused, ResultList)
        before = detail(app)
        await pilot.press("down")
        await pilot.pause()
        assert detail(app) != before
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FicheScreen)
        assert "FICHE ORIENTATION" in app.screen.text
        assert "23/11/2026" in app.screen.text
        await pilot.press("c")
        assert app.clipboard == app.screen.text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, FicheScreen)


async def test_copy_contact_puts_the_contact_block_on_the_clipboard(demo_db_path):
    app = make_app(db_path=demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await fill(pilot, {"#query": "mission locale"})  # typing: the tests above
        await pilot.press("enter", "ctrl+c")
        await pilot.pause()
        hit = app.screen.current
        assert hit is not None
        assert app.clipboard.startswith(hit.resource.nom)
        assert hit.resource.telephone in app.clipboard
        # The hours in French, as the person reads them, not the national format's codes.
        assert hit.resource.horaires_accueil
        assert f"Horaires : {humanize(hit.resource.horaires_accueil)}" in app.clipboard
        assert hit.resource.horaires_accueil not in app.clipboard


async def test_thematique_and_commune_filters(demo_db_path):
    app = make_app(db_path=demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t", "enter")
        await pilot.pause()
        for char in "Hébergement d":
            await pilot.press(char if char != " " else "space")
        await pilot.press("enter")
        await settle(pilot)
        select = app.screen.query_one("#thematique", Select)
        assert select.value == "hebergement-urgence"
        themed = rows(app)
        # The thématiques column gives way to the name, commune and distance: every result
        # found is of the thématique, and the detail pane says it.
        assert themed and all(
            "hebergement-urgence" in h.resource.thematiques_locales
            for h in app.screen.hits.values()
        )
        assert "Hébergement d'urgence" in shown(app, "#detail")

        await pilot.press("ctrl+l")
        assert app.focused is app.screen.query_one("#commune")
        await fill(pilot, {"#commune": "castelsarasin"})  # a typo in the commune
        assert "Castelsarrasin (82100)" in str(app.screen.query_one("#commune-status").render())
        ranked = rows(app)
        assert ranked and all(r["distance"].endswith("km") for r in ranked)
        distances = [int(r["distance"].split()[0]) for r in ranked]
        local = [r for r in ranked if r["commune"] == "Castelsarrasin"]
        # Resources in the commune come first, the others by distance.
        assert ranked[: len(local)] == local
        rest = distances[len(local) :]
        assert rest == sorted(rest)

        await pilot.press("ctrl+r")
        await settle(pilot)
        assert select.value is Select.NULL
        assert rows(app) == []


async def test_unknown_commune_is_said_clearly(demo_db_path):
    app = make_app(db_path=demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l")
        assert app.focused is app.screen.query_one("#commune")
        await fill(pilot, {"#commune": "Toulouse"})
        text = str(app.screen.query_one("#commune-status").render())
        assert "Aucune commune du Tarn-et-Garonne" in text


async def test_help_and_command_palette(demo_db_path):
    app = make_app(db_path=demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for char in "fiche":
            await pilot.press(char)
        await pilot.pause(0.3)
        assert "Ressources : fiche orientation" in str(
            [str(o.prompt) for o in app.screen.query("OptionList").first().options]
        )


async def test_quits_cleanly(demo_db_path):
    app = make_app(db_path=demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code in (0, None)
