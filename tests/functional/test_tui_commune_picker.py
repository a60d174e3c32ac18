"""A commune typed that several communes match (« castel », a postal code shared by several
villages): a list to pick from under the field, never a refusal nor a guess (issue 13).
In the Ressources place filter and in the fiche de liaison form."""

from datetime import date

from pilot import fill, settle, shown
from textual.widgets import Input, Label

from tui.app import make_app
from tui.screens.fiche_liaison import FicheLiaisonScreen
from tui.widgets.commune import CommuneChoices

SIZE = (120, 36)
TODAY = date(2026, 11, 23)


def offered(app, field_id: str) -> list[str]:
    choices = app.screen.query_one(f"#{field_id}-choix", CommuneChoices)
    if not choices.display:
        return []
    return [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]


async def test_the_place_filter_offers_the_communes_a_prefix_matches(demo_db_path):
    app = make_app(db_path=demo_db_path, user="ass-cm-01", clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await fill(pilot, {"#commune": "castel"})
        candidates = offered(app, "commune")
        assert "Castelsarrasin (82100)" in candidates and "Castelmayran (82210)" in candidates
        screen = app.screen
        assert screen.commune is None  # no guess
        assert "↓ pour choisir" in str(screen.query_one("#commune-status", Label).render())
        # ↓ from the field goes down into the list; entrée picks.
        await pilot.press("down")
        assert isinstance(app.focused, CommuneChoices)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert screen.query_one("#commune", Input).value == "Castelmayran"
        assert app.focused is screen.query_one("#commune", Input)
        assert screen.commune is not None and screen.commune.code_insee == "82031"
        assert offered(app, "commune") == []
        assert "autour de Castelmayran" in str(screen.query_one("#status", Label).render())
        # A postal code several villages share: each of them, to choose from.
        await fill(pilot, {"#commune": "82200"})
        assert {"Moissac (82200)", "Boudou (82200)", "Malause (82200)"} <= set(
            offered(app, "commune")
        )
        # One commune: nothing to choose, no list.
        await fill(pilot, {"#commune": "moissac"})
        assert offered(app, "commune") == [] and screen.commune.nom == "Moissac"


async def test_the_fiche_de_liaison_offers_the_communes_instead_of_refusing(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=lambda: TODAY)
    async with app.run_test(size=(150, 45)) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, FicheLiaisonScreen)
        await fill(pilot, {"#fl-commune": "saint"})
        candidates = offered(app, "fl-commune")
        assert len(candidates) > 3 and all(c.startswith("Saint") for c in candidates)
        assert "↓ pour choisir" in shown(app, "#err-commune")
        assert app.screen.commune is None
        await pilot.press("down")
        await pilot.press("escape")  # back to the field without choosing
        assert app.focused is app.screen.query_one("#fl-commune", Input)
        assert isinstance(app.screen, FicheLiaisonScreen)  # escape left the list, not the form
        await pilot.press("down", "enter")
        await settle(pilot)
        chosen = app.screen.query_one("#fl-commune", Input).value
        assert chosen and candidates[0].startswith(chosen)
        assert app.screen.commune is not None and app.screen.commune.nom == chosen
        assert shown(app, "#err-commune").startswith("→ ")


async def test_the_entry_form_offers_the_communes_and_the_postal_code_follows(demo_db_path):
    from tui.screens.edition.form import ResourceFormScreen

    app = make_app(db_path=demo_db_path, user="ass-cm-01", clock=lambda: TODAY)
    async with app.run_test(size=(150, 45)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ResourceFormScreen)
        await fill(pilot, {"#f-commune": "castel"})
        assert "Castelsarrasin (82100)" in offered(app, "f-commune")
        assert "↓ pour choisir" in shown(app, "#commune-info")
        assert form.commune is None
        await pilot.press("down", "enter")
        await settle(pilot)
        assert form.query_one("#f-commune", Input).value == "Castelsarrasin"
        assert form.query_one("#f-code_postal", Input).value == "82100"
        assert shown(app, "#commune-info").startswith("✓ Castelsarrasin")
        assert offered(app, "f-commune") == []


async def test_the_sectorisation_offers_the_communes_then_shows_the_sector(caseload_db_path):
    app = make_app(
        db_path=caseload_db_path, user="resp-castelsarrasin-moissac", clock=lambda: TODAY
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await fill(pilot, {"#sect-commune": "castel"})
        assert "Castelsarrasin (82100)" in offered(app, "sect-commune")
        assert "↓ pour choisir" in shown(app, "#sect-error")
        assert app.screen.secteur is None
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen.query_one("#sect-commune", Input).value == "Castelsarrasin"
        assert app.screen.secteur is not None
        assert app.screen.secteur.commune.nom == "Castelsarrasin"
        assert offered(app, "sect-commune") == [] and shown(app, "#sect-error") == ""


async def test_a_prefix_of_many_communes_says_how_many_and_entree_goes_to_the_list(demo_db_path):
    # « st » fits every Saint-… and Sainte-…: the list holds the largest, the line says how
    # many there are (it said « (8) », the list's length), and entrée goes down into the
    # list as ↓ does (it did nothing).
    app = make_app(db_path=demo_db_path, user="ass-cm-01", clock=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        saints = [c for c in app.territoire.gazetteer.communes if c.nom.startswith("Saint")]
        await fill(pilot, {"#commune": "st"})
        listed = offered(app, "commune")
        assert 1 < len(listed) < len(saints)
        status = str(app.screen.query_one("#commune-status", Label).render())
        assert status.startswith(f"{len(saints)} communes possibles : ↓ pour choisir parmi les")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.focused, CommuneChoices)
        # Few enough to be all listed: their number, as before.
        await pilot.press("escape")
        await fill(pilot, {"#commune": "castel"})
        status = str(app.screen.query_one("#commune-status", Label).render())
        assert status == f"Plusieurs communes possibles ({len(offered(app, 'commune'))}) : ↓ " + (
            "pour choisir dans la liste."
        )
