"""The Ressources screen, driven as a conseiller would: keys in, screen read back."""

import re
from datetime import date

from pilot import fill, notifications, settle, shown, table_cells, type_text
from textual import events
from textual.widgets import Input, Label, Select, Static

from ressources.horaires import humanize
from ressources.search import QUERY_MAX_CHARS
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
        # A service received at a distance (the 115) has no distance to show.
        assert all(r["distance"] == "" for r in rows(app) if r["commune"] == "à distance")
        ranked = [r for r in rows(app) if r["commune"] != "à distance"]
        assert ranked and all(r["distance"].endswith("km") for r in ranked)
        # « < 1 km » in the commune itself (« 0 km » said it was at the person's door).
        distances = [0 if r["distance"] == "< 1 km" else int(r["distance"][:-3]) for r in ranked]
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


async def test_a_service_in_the_persons_town_is_under_a_kilometre_not_at_zero(demo_db_path):
    app = make_app(db_path=demo_db_path, clock=lambda: date(2026, 11, 23))
    async with app.run_test(size=SIZE) as pilot:
        await fill(pilot, {"#query": "logement montauban"})
        distances = [r["distance"] for r in rows(app)]
        assert "< 1 km" in distances
        assert not [d for d in distances if d.startswith("0")]
        near = next(i for i, d in enumerate(distances) if d == "< 1 km")
        table = app.screen.query_one("#results", ResultList)
        table.focus()
        table.move_cursor(row=near)
        await settle(pilot)
        assert re.search(r"Distance : (< 100 m|[1-9]00 m)\n", detail(app))


async def test_the_fiche_orientation_fits_80_columns_and_its_dialog_says_its_own_keys(
    demo_db_path,
):
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    app = make_app(db_path=demo_db_path, clock=lambda: date(2026, 11, 23))
    async with app.run_test(size=(80, 24)) as pilot:
        await fill(pilot, {"#query": "logement meuble jeunes travailleurs montauban"})
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FicheScreen)
        body = app.screen.query_one("#fiche-text", Static)
        lines = str(body.render()).splitlines()
        # The title's rule is one line, no wider than the dialog (it broke onto two).
        rules = [line for line in lines if set(line) == {"="}]
        assert len(rules) == 1 and len(rules[0]) <= body.content_size.width
        assert all(len(line) <= body.content_size.width for line in lines)
        # What is copied or saved keeps the printed width.
        assert max(len(line) for line in app.screen.text.splitlines()) <= 72
        # The footer is the dialog's: its keys, not the results' under it.
        footer = app.screen.query_one(Footer)
        shown_keys = {k.description for k in footer.query(FooterKey)}
        assert {"Copier", "Enregistrer", "Fermer"} <= shown_keys
        assert "Fiche" not in shown_keys and "Signaler" not in shown_keys


async def test_the_results_scroll_with_the_cursor_and_a_click_opens_the_fiche(demo_db_path):
    app = make_app(db_path=demo_db_path, clock=lambda: date(2026, 11, 23))
    async with app.run_test(size=(80, 24)) as pilot:
        await fill(pilot, {"#query": "logement"})
        await pilot.press("enter")  # to the results
        await settle(pilot)
        table = app.screen.query_one("#results", ResultList)
        names = [r["nom"] for r in rows(app)]
        assert len(names) > table.size.height  # more results than lines on screen

        def on_screen() -> str:
            return "\n".join(table.render_line(y).text for y in range(table.size.height))

        assert names[-1][:20] not in on_screen()
        await pilot.press("end")
        await settle(pilot)
        assert table.cursor_row == len(names) - 1
        assert names[-1][:20] in on_screen()  # the list scrolled to the cursor
        assert names[-1] in detail(app)
        await pilot.press("home")
        await settle(pilot)
        assert names[0][:20] in on_screen() and names[0] in detail(app)
        await pilot.click(table, offset=(5, 2))  # the second row (under the header)
        await settle(pilot)
        assert isinstance(app.screen, FicheScreen)
        assert app.screen.text.count(names[1]) >= 1


async def test_a_service_that_cannot_take_the_person_says_why_it_comes_after(demo_db_path):
    """ressources.eligibility: for « un homme de 50 ans », the services for women alone or
    for the 16-25 come after the others, and the detail says so."""
    app = make_app(db_path=demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await fill(pilot, {"#query": "un homme de 50 ans qui a perdu confiance au chômage"})
        await pilot.press("enter")
        results = app.focused
        assert isinstance(results, ResultList)
        hits = list(app.screen.hits.values())
        later = next(i for i, h in enumerate(hits) if h.ineligible)
        assert not any(h.ineligible for h in hits[:later])
        for _ in range(later):
            await pilot.press("down")
        await settle(pilot)
        said = f"Réservé aux {hits[later].ineligible} : listé après les services qui peuvent"
        assert hits[later].ineligible in ("femmes", "16-25 ans") and said in detail(app)

        # In the list, those rows are greyed and the status line counts them.
        def greyed(row: int) -> bool:  # as drawn: the line under the header, scrolled
            line = results.render_line(row + 1 - int(results.scroll_offset.y))
            name = hits[row].resource.nom[:12]
            return any(s.style and s.style.dim for s in line if name in s.text)

        assert greyed(later) and not greyed(later - 1)
        shown = sum(1 for h in hits if h.ineligible)
        assert f"{shown} pour un autre public, en gris" in status(app)


async def test_the_status_line_says_all_it_holds_at_80_columns(demo_db_path):
    """The count, the commune read, the services for another public and the demo note:
    at 80 columns the last parts are said short rather than cut off the line."""
    app = make_app(db_path=demo_db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await fill(pilot, {"#query": "monsieur 58 ans au chomage perdu confiance castel"})
        await settle(pilot)
        label = app.screen.query_one("#status", Label)
        drawn = [
            "".join(s.text for s in label.render_line(y)).strip() for y in range(label.size.height)
        ]
        said = " ".join(drawn)
        assert "autour de Castelsarrasin" in said and "autre public" in said
        assert said.endswith("démo (fictives)")
    # With the room, said in full.
    app = make_app(db_path=demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        await fill(pilot, {"#query": "monsieur 58 ans au chomage perdu confiance castel"})
        await settle(pilot)
        assert status(app).endswith("données de démonstration (fictives)")


async def test_a_question_pasted_too_long_keeps_its_start_and_says_so(demo_db_path):
    """The search box holds what a search reads (QUERY_MAX_CHARS): a paste of pages is cut
    to it, and the person told, rather than refused whole or costing the server its memory."""
    app = make_app(db_path=demo_db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        box = app.screen.query_one("#query", Input)
        box.post_message(events.Paste("logement social " + "a" * 40_000))
        await settle(pilot)
        assert box.value == ("logement social " + "a" * 40_000)[:QUERY_MAX_CHARS]
        assert any("tient en 500 caractères" in n.message for n in notifications(app))
        assert rows(app)  # the start is searched
