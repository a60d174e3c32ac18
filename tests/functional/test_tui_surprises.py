"""Screens that never surprise: any terminal size, no work lost by a key (issue 13)."""

from __future__ import annotations

import pytest
from steps import clock, open_demandeur, option_labels
from textual.widgets import OptionList

from caseload.database import open_project_database
from tui.app import make_app


@pytest.mark.parametrize("size", [(80, 24), (90, 24), (95, 30), (80, 50)])
async def test_a_file_with_steps_to_take_opens_on_a_small_terminal(caseload_db_path, size):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=size) as pilot:
        await open_demandeur(pilot, "PETIT")
        actions = app.screen.query_one("#actions", OptionList)
        assert actions.size.width >= 15  # the list of steps has room to be read
        assert option_labels(app, "#actions")  # and there are steps to take
        assert app.is_running


async def test_ctrl_q_asks_before_losing_a_note_being_typed(caseload_db_path):
    from tui.screens.dialogs.confirm import ConfirmScreen

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_demandeur(pilot, "PETIT")
        app.screen.query_one("#note-input").value = "Rappeler lundi pour le rendez-vous"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert app.is_running
        assert app.screen.query_one("#note-input").value.startswith("Rappeler lundi")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("ctrl+o")  # leave anyway
        await pilot.pause()
        assert not app.is_running


async def test_a_letter_after_ctrl_q_does_not_quit_over_unsaved_work(caseload_db_path):
    from textual.widgets._footer import FooterKey

    from tui.screens.dialogs.confirm import ConfirmScreen

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_demandeur(pilot, "PETIT")
        app.screen.query_one("#note-input").value = "Rappeler lundi"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        footer = {k.key: k.description for k in app.screen.query(FooterKey)}
        assert footer["ctrl+o"] == "Quitter sans enregistrer"  # the button's words
        for key in ("o", "y", "q", "enter"):  # enter: « Annuler » has the focus
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running
        assert app.screen.query_one("#note-input").value == "Rappeler lundi"


async def test_ctrl_q_over_another_question_still_asks_before_losing_work(caseload_db_path):
    from tui.screens.dialogs.confirm import ConfirmScreen, ask

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_demandeur(pilot, "PETIT")
        app.screen.query_one("#note-input").value = "Rappeler lundi"
        ask(app.screen, "Toujours exact", "La fiche est-elle exacte ?", "Toujours exact", print)
        await pilot.pause()
        await pilot.press("ctrl+q")  # over that question: not a second ctrl+q
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.yes == "Quitter sans enregistrer"
        await pilot.press("ctrl+q")  # ctrl+q again over its own question quits
        await pilot.pause()
        assert not app.is_running


async def test_ctrl_q_quits_at_once_with_nothing_unsaved(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_demandeur(pilot, "PETIT")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_partners_staff_are_told_why_they_have_no_portefeuille(demo_db_path):
    from pilot import notifications, settle

    app = make_app(db_path=demo_db_path, user="caf-82-01", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "Personnel d'un partenaire" in app.sub_title
        await pilot.press("f3")
        await settle(pilot)
        assert app.current_mode == "ressources"
        assert "ne suit pas de demandeurs" in notifications(app)[-1].message


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_sign_in_fits_the_terminal_and_says_how_to_try_the_demo(demo_db_path, size):
    from pilot import settle

    app = make_app(db_path=demo_db_path, signin_required=True)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        dialog = app.screen.query_one("#connexion-dialog").region
        button = app.screen.query_one("#se-connecter").region
        assert dialog.contains_region(button)  # the button is in sight, not cut off
        hint = app.screen.query_one("#connexion-demo")
        assert "mot de passe = identifiant" in str(hint.render())


async def test_a_real_base_gives_no_demo_hint_at_sign_in(caseload_db_path):
    from pilot import settle

    app = make_app(db_path=caseload_db_path, signin_required=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert not app.screen.query("#connexion-demo")


async def test_the_command_palette_speaks_french(demo_db_path):
    from pilot import settle
    from textual.command import CommandInput

    app = make_app(db_path=demo_db_path, user="ass-mtb-04", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert app.screen.query_one(CommandInput).placeholder == "Chercher une commande…"


async def test_sectorisation_names_the_proposed_ass(caseload_db_path):
    from pilot import fill, settle, shown, table_rows

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await fill(pilot, {"#sect-commune": "st antonin"})
        assert "Proposée : Sylvie Haddad" in shown(app, "#sect-note")
        # Montauban is split by quartier: no one is proposed until it is chosen.
        await fill(pilot, {"#sect-commune": "montauban"})
        assert "choisissez le quartier" in shown(app, "#sect-note")
        rows = table_rows(app, "#sect-ass")
        assert len(rows) > 3 and not any("proposée" in cell for row in rows for cell in row)


async def _columns_fit(app, selector: str) -> bool:
    from textual.widgets import DataTable

    table = app.screen.query_one(selector, DataTable)
    needed = sum(c.get_render_width(table) for c in table.columns.values())
    return needed <= table.size.width


async def test_at_80_columns_the_values_and_loads_are_in_sight(caseload_db_path):
    from pilot import fill, settle

    app = make_app(db_path=caseload_db_path, user="resp-caussade-negrepelisse", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert await _columns_fit(app, "#ind-table")  # the « Valeur » column on screen
        await pilot.press("f4")
        await settle(pilot)
        await fill(pilot, {"#sect-commune": "st antonin"})
        assert await _columns_fit(app, "#sect-ass")  # the « Charge » column on screen


async def test_signing_in_on_a_busy_base_is_a_french_message_not_a_crash(demo_db_path, monkeypatch):
    import sqlite3

    from pilot import settle, shown

    monkeypatch.setenv("BINOME_ATTENTE_MAX", "0.5")
    monkeypatch.setattr("ressources.db.BUSY_TIMEOUT_MS", 100)
    app = make_app(db_path=demo_db_path, signin_required=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        other = sqlite3.connect(demo_db_path)
        other.execute("BEGIN IMMEDIATE")  # an import holds the base
        try:
            app.screen.query_one("#identifiant").value = "ass-mtb-04"
            app.screen.query_one("#mot-de-passe").value = "Secret-deviné-42"
            app.screen.query_one("#mot-de-passe").focus()
            await pilot.press("enter")
            await settle(pilot)
            assert app.is_running and app.profil is None
            assert "verrouillée" in shown(app, "#connexion-erreur")
            assert app.screen.query_one("#mot-de-passe").value == ""
        finally:
            other.rollback()
            other.close()


async def test_a_locked_session_hides_the_screen_underneath(caseload_db_path):
    from pilot import settle

    from tui.screens.lock import LockScreen

    app = make_app(db_path=caseload_db_path, signin_required=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        from caseload.acces import get_profil

        app.set_profil(get_profil(app.db, "cons-albasud-01"))
        app.screen.dismiss(None)
        app.action_area("portefeuille")
        await settle(pilot)
        app.action_lock()
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        assert app.screen.styles.background.a == 1  # nothing shows through


async def test_a_session_ends_when_its_profile_no_longer_holds(demo_db_path):
    from pilot import settle

    from caseload.acces import create_profil, get_profil

    app = make_app(db_path=demo_db_path, signin_required=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.screen.query_one("#identifiant").value = "admin"
        app.screen.query_one("#mot-de-passe").value = "admin"
        app.screen.query_one("#mot-de-passe").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.profil is not None and app.profil.id == "admin"
        # Meanwhile the base becomes a real one: the demo administrateur is inert.
        db = open_project_database(demo_db_path)
        create_profil(
            db,
            get_profil(db, "admin"),
            id="marie",
            role="administrateur",
            prenom="Marie",
            nom="Réel",
        )
        db.close()
        app.action_rgpd()
        await settle(pilot)
        assert not app.is_running


async def test_at_120_columns_the_portefeuille_shows_communes_whole_and_alerts_wider(
    demo_db_path,
):
    # Issue 13: « Saint-Amans-du », « ⚠ retard : ASS à désigner, entr » while the name
    # column had room to spare.
    from steps import open_portefeuille

    from tui.screens.portefeuille import alert_cell
    from tui.widgets.result_list import ResultList

    app = make_app(db_path=demo_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_portefeuille(pilot)
        screen = app.screen
        table = screen.query_one("#pf-table", ResultList)
        widths = {str(c.key.value): c.width for c in table.ordered_columns}
        longest = max(len(x.commune) for x in screen.lignes)
        assert longest > 14 and widths["commune"] == longest
        assert widths["nom"] == max(len(f"{x.nom} {x.prenom}") for x in screen.lignes)
        longest_alerts = max(len(str(alert_cell(x))) for x in screen.lignes)
        assert widths["echeance"] == 10 and widths["alertes"] >= longest_alerts > 30
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert {"nom", "echeance", "alertes"} <= set(table.shown_columns)


async def test_guillemets_never_end_or_start_a_line_at_any_width(caseload_db_path):
    # « Tapez … abrégé « st », … »: at some widths the line broke inside the guillemets,
    # leaving a lone « at a line's end, or « », faute de frappe » starting the next.
    from pilot import settle

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        intro = app.screen.query_one("#sect-intro")
        assert "« st »" in str(intro.render())
        seen = []
        for width in range(40, 100, 3):
            await pilot.resize_terminal(width, 36)
            await settle(pilot)
            lines = [intro.render_line(y).text.strip() for y in range(intro.size.height)]
            seen += [line for line in lines if line]
        assert any(line.startswith("« st ») ") or "« st »" in line for line in seen)
        assert not [line for line in seen if line.endswith("«") or line.startswith("»")]
        assert not [line for line in seen if line.endswith("« st") or line.startswith("st »")]


async def test_in_montauban_an_ass_is_proposed_once_the_quartier_is_known(caseload_db_path):
    from pilot import fill, settle, shown, table_cells
    from textual.widgets import Select

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await fill(pilot, {"#sect-commune": "montauban"})
        # Every ASS of the town's sites, none of them proposed before the quartier.
        cells = table_cells(app, "#sect-ass")
        assert len(cells) > 10 and not [c for c in cells if c["proposee"]]
        assert "choisissez le quartier" in shown(app, "#sect-note")
        app.screen.query_one("#sect-quartier", Select).value = "chambord"
        await settle(pilot)
        cells = table_cells(app, "#sect-ass")
        proposed = [c for c in cells if c["proposee"]]
        assert [c["proposee"] for c in proposed] == ["← proposée"]
        # The mark follows the name it qualifies.
        assert list(cells[0])[:2] == ["ass", "proposee"]
        assert f"Proposée : {proposed[0]['ass']}" in shown(app, "#sect-note")
        # A site of Montauban covers quartiers: they are listed, not « Communes (0) ».
        side = shown(app, "#sect-communes")
        assert "MDS de Montauban — site Unal – Chênes" in side
        assert "Quartiers de Montauban" in side and "Chambord  ←" in side
        assert "(0)" not in side


async def test_a_rendez_vous_site_is_named_with_its_mds_never_just_mds(caseload_db_path):
    from pilot import fill, settle, shown
    from textual.widgets import Select

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_demandeur(pilot, "MARTIN")
        await pilot.press("ctrl+v")
        await settle(pilot)
        select = app.screen.query_one("#rdv-site", Select)
        offered = [str(prompt) for prompt, _ in select._options if _ is not Select.NULL]
        assert offered and all(" — site " in o and o.startswith("MDS de ") for o in offered)
        assert "MDS" not in offered
        chosen = str(dict((v, p) for p, v in select._options)[select.value])
        await fill(pilot, {"#rdv-jour": "30/11/2026", "#rdv-heure": "10:30"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert f"Rendez-vous avec l'ASS le 30/11/2026 à 10:30 ({chosen})" in shown(app, "#timeline")


async def test_the_portefeuille_shows_each_etat_whole_at_80_and_120_columns(demo_db_path):
    # Issue 13: « Diagnostic val » at 80 and 120 columns; at 80 the état gave way whole.
    from pilot import table_cells
    from test_tui_caseload import open_portefeuille

    from tui.screens.portefeuille import ETAT_SHORT

    app = make_app(db_path=demo_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_portefeuille(pilot)
        screen = app.screen
        for size in ((120, 36), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            rows = table_cells(app, "#pf-table")
            assert {"nom", "etat", "echeance", "alertes"} <= set(rows[0]), size
            etats = {x.id: x.etat for x in screen.lignes}
            forms = {str(x.id): ETAT_SHORT[etats[x.id]] for x in screen.shown}
            keys = [str(x.id) for x in screen.shown]
            for key, row in zip(keys, rows, strict=False):
                assert row["etat"] in forms[key], (size, row)
            # The état with two forms is among them (whichever form the width leaves: the
            # other columns' widths follow the demo's dates, counted back from today).
            assert {"Diagnostic validé", "Diag. validé"} & {r["etat"] for r in rows}


async def test_moving_a_commune_names_its_site_with_its_mds(caseload_db_path):
    from pilot import fill, settle, shown

    app = make_app(db_path=caseload_db_path, user="resp-montauban", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await fill(pilot, {"#sect-commune": "montauban"})
        await pilot.press("ctrl+e")
        await settle(pilot)
        body = shown(app, ".dialog-body")
        assert body == "Site actuel : MDS de Montauban — site MDS"  # not « MDS » alone


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_title_bar_names_the_screen_the_person_and_her_role_whole(caseload_db_path, size):
    from pilot import settle
    from rich.cells import cell_len
    from textual.widgets._header import HeaderTitle

    def title_bar() -> tuple[str, int]:
        title = app.screen.query_one(HeaderTitle)
        return str(title.render()), title.size.width

    app = make_app(db_path=caseload_db_path, user="ass-cn-11", clock=clock)
    async with app.run_test(size=size) as pilot:
        await open_demandeur(pilot, "PETIT")
        text, room = title_bar()
        assert cell_len(text) <= room and "…" not in text  # nothing cut
        assert "Dossier du demandeur" in text and "Sylvie Haddad" in text
        if size[0] < 100:  # the app's name left out, the role whole or by its short name
            assert not text.startswith("Binôme")
            assert text.endswith(("— Assistant(e) de service social", "— ASS"))
        else:
            assert text.startswith("Binôme · ") and "Assistant(e) de service social" in text
        await pilot.press("escape")  # the portefeuille: its own name, the same person
        await settle(pilot)
        text, room = title_bar()
        assert "Portefeuille" in text and "Sylvie Haddad" in text and cell_len(text) <= room


async def test_at_80_columns_a_long_title_gives_the_role_its_short_name(demo_db_path):
    from textual.widgets._header import HeaderTitle

    app = make_app(db_path=demo_db_path, user="ass-cm-01", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_demandeur(pilot, "Romano")
        text = str(app.screen.query_one(HeaderTitle).render())
        assert text == "Dossier du demandeur — Isabelle Lacombe — ASS · démo"


async def test_at_80x24_the_portefeuilles_figures_take_three_rows_and_the_list_the_rest(
    demo_on_test_day_db_path,
):
    from pilot import shown
    from rich.cells import cell_len
    from steps import open_portefeuille

    from tui.widgets.result_list import ResultList

    app = make_app(db_path=demo_on_test_day_db_path, user="cons-castel-01", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_portefeuille(pilot)
        summary = app.screen.query_one("#pf-summary")
        lines = shown(app, "#pf-summary").splitlines()
        assert summary.region.height == len(lines) == 3  # it took 8 rows
        assert all(cell_len(line) <= summary.content_region.width for line in lines)
        assert lines[0].startswith("File active (axe 2) : ")
        assert lines[1].startswith("Objectifs : intégrations ce mois")
        # The alerts: how many are overdue and how many near, then which as room allows.
        assert lines[2].startswith("⚠ Alertes : 12 en retard (entrée 4, bilan 3, ")
        assert " bientôt" in lines[2]
        table = app.screen.query_one("#pf-table", ResultList)
        assert table.region.height >= 15  # the list had 9 rows for its people
        await pilot.resize_terminal(120, 36)  # tall enough: every figure, wrapped if need be
        await pilot.pause()
        text = shown(app, "#pf-summary")
        assert "en attente d'entrée" in text and "dossiers" in text
        assert "Alertes — en retard : entrée 4, bilan 3" in text
        assert "prescriptions cette année" in text


async def test_the_dossier_and_its_dialogs_name_the_site_with_its_mds(caseload_db_path):
    """caseload.territoire.site_label on screen: the fiche's « MDS » and the ASS dialog's
    title say « MDS de X — site Y » (they said « MDS de X, site Y »)."""
    from pilot import settle, shown

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=(150, 45)) as pilot:
        await open_demandeur(pilot, "PETIT")  # Saint-Antonin-Noble-Val
        label = "MDS de Caussade/Nègrepelisse — site "
        assert f"MDS : {label}" in shown(app, "#fiche-liaison")
        assert ", site" not in shown(app, "#fiche-liaison")
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert shown(app, ".dialog-title").startswith(f"ASS — {label}")


async def test_the_demo_profiles_name_their_site_with_its_mds(demo_db_path):
    from pilot import settle
    from steps import option_labels

    app = make_app(db_path=demo_db_path, user="cons-castel-01", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.action_change_profil()
        await settle(pilot)
        labels = [x for x in option_labels(app, "#profil-list") if "Isabelle Lacombe" in x]
        assert labels == [
            "Isabelle Lacombe — Assistant(e) de service social · "
            "MDS de Castelsarrasin/Moissac — site Castelsarrasin"
        ]


async def test_at_80x24_moving_through_the_steps_keeps_them_in_sight(demo_on_test_day_db_path):
    """The file opens on its deadlines, the steps under them off screen: the arrows, and
    ctrl+l, bring the list into sight (the highlight moved where nobody saw it). The base is
    the demo dated for the tests' day, the clock's: Romano's overdue step is overdue then."""
    from pilot import settle

    app = make_app(db_path=demo_on_test_day_db_path, user="ass-cm-01", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_demandeur(pilot, "Romano")
        actions = app.screen.query_one("#actions", OptionList)
        screen = app.screen.region
        assert app.focused is actions and not screen.contains_region(actions.region)
        await pilot.press("down", "down")
        await settle(pilot)
        assert actions.highlighted == 2
        assert screen.contains_region(actions.region)  # the whole list, the highlight in it
        assert "⚠" in str(app.screen.query_one("#dem-echeances").render())
        body = app.screen.query_one("#dem-body")
        body.scroll_home(animate=False)
        await settle(pilot)
        await pilot.press("ctrl+l")  # already focused: ctrl+l still brings it into sight
        await settle(pilot)
        assert screen.contains_region(actions.region)


async def test_at_120x36_the_panels_text_keeps_a_column_from_their_scrollbar(demo_db_path):
    app = make_app(db_path=demo_db_path, user="ass-cm-01", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_demandeur(pilot, "Romano")
        for panel in ("#dem-fiche", "#dem-parcours"):
            box = app.screen.query_one(panel)
            assert box.scrollbars_enabled[0]  # it scrolls: the bar is drawn
            for child in box.children:
                if child.display:
                    gap = box.scrollable_content_region.right - child.region.right
                    assert gap >= 1, (panel, child)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_a_results_commune_is_shown_whole_saint_shortened_as_on_road_signs(
    demo_db_path, size
):
    from pilot import table_cells
    from steps import search

    app = make_app(db_path=demo_db_path, user="cons-castel-01", clock=clock)
    async with app.run_test(size=size) as pilot:
        await search(pilot, "epicerie solidaire saint antonin")
        communes = [row["commune"] for row in table_cells(app, "#results")]
        assert communes[0] == "St-Antonin-Noble-Val"  # it was cut: « Saint-Antonin-Noble »
        assert "Caussade" in communes  # the others as they are
        # The longer ones too (a column of 20 showed « St-Nicolas-de-la-Gra », no « … »).
        await search(pilot, "activites sportives saint nicolas")
        communes = [row["commune"] for row in table_cells(app, "#results")]
        assert communes[0] == "St-Nicolas-de-la-Grave"
        table = app.screen.query_one("#results")
        width = next(c.width for c in table.ordered_columns if c.key.value == "commune")
        assert len(communes[0]) <= width  # drawn whole


async def test_an_hour_keeps_its_h_on_its_line_in_the_detail(demo_db_path):
    # « Horaires : du lundi au vendredi : 9 h – 17 » then « h » alone on the next line.
    from pilot import settle
    from steps import search

    app = make_app(db_path=demo_db_path, user="ass-cm-01", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await search(pilot, "cmp moissac")
        detail = app.screen.query_one("#detail")
        seen = []
        for width in range(100, 130, 2):
            await pilot.resize_terminal(width, 36)
            await settle(pilot)
            seen += [detail.render_line(y).text.strip() for y in range(detail.size.height)]
        assert any("17 h" in line for line in seen)
        assert not [line for line in seen if line == "h" or line.startswith("h ")]


async def test_at_80_columns_a_responsable_sees_the_rattacher_key_in_the_footer(caseload_db_path):
    # « Rattacher à un autre site » had no room beside the areas' keys: the key was hidden.
    from pilot import fill, settle
    from textual.widgets._footer import FooterKey

    app = make_app(db_path=caseload_db_path, user="resp-caussade-negrepelisse", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await fill(pilot, {"#sect-commune": "st antonin"})
        footer = {k.key: k.description for k in app.screen.query(FooterKey)}
        assert footer.get("ctrl+e") == "Rattacher"
        footer_box = app.screen.query_one("AreaFooter").region
        key = next(k for k in app.screen.query(FooterKey) if k.key == "ctrl+e")
        assert footer_box.contains_region(key.region)


@pytest.mark.parametrize("user", ["cons-albasud-01", "ass-mtb-01", "resp-montauban"])
async def test_at_80_columns_the_portefeuille_keeps_each_persons_commune(demo_db_path, user):
    # Issue 13: the Commune column gave way at 80 columns, the first to go after the MDS.
    # It stays for a conseiller, an ASS and a responsable: whole, as road signs shorten it,
    # or cut with « … »; the alerts say it shorter, never cut mid-word without « … ».
    from pilot import table_cells
    from steps import open_portefeuille

    from tui.screens.common import commune_forms

    app = make_app(db_path=demo_db_path, user=user, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_portefeuille(pilot)
        screen = app.screen
        rows = table_cells(app, "#pf-table")
        assert rows and all("commune" in row and "alertes" in row for row in rows)
        communes = {f"{x.nom} {x.prenom}": x.commune for x in screen.lignes}
        for row in rows:
            forms = commune_forms(communes[row["nom"]])
            shown = row["commune"]
            assert shown in forms or (shown.endswith("…") and forms[-1].startswith(shown[:-1])), (
                shown
            )
            assert len(shown) >= min(14, len(forms[-1]))  # never « Castelsarr »
        cut = [r["alertes"] for r in rows if r["alertes"].endswith("…")]
        assert len(cut) <= len(rows) // 10  # the shorter forms fit, nearly always


async def test_an_alert_said_shorter_keeps_what_is_overdue_and_how_many_more():
    from types import SimpleNamespace

    from caseload.parcours import AlertKind
    from tui.screens.portefeuille import alert_forms

    def alert(kind, overdue):
        return SimpleNamespace(kind=kind, overdue=overdue)

    ligne = SimpleNamespace(
        alerts=[alert(AlertKind.ENTREE, True), alert(AlertKind.ENTRETIEN_ASS, False)]
    )
    forms = [t.plain for t in alert_forms(ligne)]
    assert forms[0] == "⚠ retard : entrée · bientôt : entretien ASS"
    assert forms == sorted(forms, key=len, reverse=True)
    assert "⚠ entrée · +1 bientôt" in forms and forms[-1] == "⚠ entrée +1"
    near = SimpleNamespace(alerts=[alert(AlertKind.ENTRETIEN_ASS, False)])
    assert [t.plain for t in alert_forms(near)][-1] == "bientôt RDV ASS"
    both = SimpleNamespace(
        alerts=[alert(AlertKind.ASS_A_DESIGNER, True), alert(AlertKind.ENTREE, True)]
    )
    assert [t.plain for t in alert_forms(both)][-1] == "⚠ entrée +1"  # the deadline first
    soon = SimpleNamespace(alerts=[alert(AlertKind.ASS_A_DESIGNER, False)])
    assert all(len(t.plain) <= 15 for t in alert_forms(soon)[-1:])  # never cut at 80
    overdue = alert_forms(SimpleNamespace(alerts=[alert(AlertKind.BILAN, True)]))[-1]
    assert overdue.plain == "⚠ bilan" and "bold" in str(overdue.spans[0].style)


async def test_at_80_columns_a_result_name_leaves_out_the_commune_its_column_shows(
    demo_db_path,
):
    # Issue 13: « Distribution alimentaire des Restos du cœur - Montauban » was cut at 44
    # characters, beside « Montauban » in the Commune column: shown without the repeated
    # commune, whole; the distance stays in view.
    from pilot import table_cells
    from steps import search

    from tui.screens.common import result_name_forms

    app = make_app(db_path=demo_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, "aide alimentaire montauban")
        rows = table_cells(app, "#results")
        restos = [r for r in rows if r["nom"].startswith("Distribution alimentaire des Restos")]
        assert restos and all(
            r["nom"] == "Distribution alimentaire des Restos du cœur" for r in restos
        )
        assert {"Montauban", "Moissac"} <= {r["commune"] for r in restos}
        assert all(r["distance"].endswith("km") for r in restos)
        # Each name is one of its forms, whole, or says it is cut (« Croix-Rouge sur roues :
        # aide alimentaire i… »), never cut silently.
        hits = {h.resource.id: h.resource for h in app.screen.last_result.hits}
        table = app.screen.query_one("#results")
        on_view = table.ordered_rows[: table.size.height - 1]  # under the header
        for index, row in enumerate(on_view):
            r = hits[row.key.value]
            name = str(table.get_row_at(index)[0])
            forms = result_name_forms(r.nom, r.commune, r.structure_nom)
            assert name in forms
            if len(name) > table.ordered_columns[0].width:  # drawn cut, with « … »
                assert "…" in table.render_line(index + 1).text
        width = next(c.width for c in table.ordered_columns if c.key.value == "nom")
        assert len(restos[0]["nom"]) <= width  # whole, where the full name was cut


async def test_the_next_profile_finds_no_filter_the_last_one_typed_or_chose(demo_db_path):
    # Issue 13: « Profil : changer » left the conseiller's words in the filter boxes (a
    # demandeur's name in the Portefeuille, « valence » in À faire) and the thématique and
    # commune of a person's freins in Ressources, for the ASS who took the seat.
    from pilot import settle
    from steps import option_labels
    from textual.widgets import Checkbox, Input, Select

    app = make_app(db_path=demo_db_path, user="cons-castel-01", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.query_one("#query", Input).value = "epicerie"
        screen.query_one("#commune", Input).value = "Castelsarrasin"
        screen.query_one("#thematique", Select).value = "sante"
        await settle(pilot)
        app.action_area("portefeuille")
        await settle(pilot)
        app.screen.query_one("#pf-filter", Input).value = "Camara"
        app.screen.query_one("#pf-alertes", Checkbox).value = True
        app.action_area("afaire")
        await settle(pilot)
        app.screen.query_one("#af-filter", Input).value = "valence"
        await settle(pilot)
        app.action_change_profil()
        await settle(pilot)
        app.screen.query_one("#profil-filter", Input).value = "Isabelle Lacombe"
        await settle(pilot)
        assert len(option_labels(app, "#profil-list")) == 1
        await pilot.press("enter")
        await settle(pilot)
        assert app.profil is not None and app.profil.id == "ass-cm-01"
        assert app.screen.query_one("#af-filter", Input).value == ""
        app.action_area("portefeuille")
        await settle(pilot)
        assert app.screen.query_one("#pf-filter", Input).value == ""
        assert app.screen.query_one("#pf-alertes", Checkbox).value is False
        assert "Camara" not in str(app.screen.query_one("#pf-table").render_line(0))
        app.action_area("ressources")
        await settle(pilot)
        ressources = app.screen
        assert ressources.query_one("#query", Input).value == ""
        assert ressources.query_one("#commune", Input).value == ""
        assert ressources.query_one("#thematique", Select).value is Select.NULL
        assert ressources.commune is None


async def test_a_list_the_filter_empties_says_so_and_its_own_words_come_back(demo_db_path):
    # Issue 13: with « zzz » in À faire's filter box, the list said « Aucune revue à prévoir
    # dans les 30 jours » under a summary counting 6 of them.
    from pilot import settle
    from textual.widgets import Input

    app = make_app(db_path=demo_db_path, user="cons-castel-01", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.action_area("afaire")
        await settle(pilot)
        screen = app.screen

        def empty_text(table_id: str) -> str | None:
            static = screen.query_one(f"#{table_id}-empty")
            return str(static.render()) if static.display else None

        assert empty_text("af-bientot") is None  # the demo has entries due soon
        screen.query_one("#af-filter", Input).value = "zzz"
        await settle(pilot)
        assert empty_text("af-bientot") == (
            "Aucune fiche de cette liste ne correspond au filtre « zzz »."
        )
        assert empty_text("af-signalements") == (
            "Aucun signalement de cette liste ne correspond au filtre « zzz »."
        )
        screen.query_one("#af-filter", Input).value = ""
        await settle(pilot)
        assert empty_text("af-bientot") is None
        assert empty_text("af-signalements") == "Aucun signalement ouvert."


async def test_an_open_list_of_choices_says_in_french_how_to_close_it(demo_db_path):
    # Issue 13: a Select opened put Textual's « échap Dismiss menu » in the footer.
    from pilot import settle
    from textual.widgets import Select
    from textual.widgets._footer import FooterKey

    app = make_app(db_path=demo_db_path, user="cons-castel-01", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        select = app.screen.query_one("#thematique", Select)
        select.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert select.expanded
        words = [k.description for k in app.screen.query(FooterKey) if k.display]
        assert "Fermer la liste" in words and "Dismiss menu" not in words
        await pilot.press("escape")
        await settle(pilot)
        assert not select.expanded


async def test_down_in_the_search_box_goes_to_the_results(demo_db_path):
    # Issue 13: the help says « ↑↓ results », and ↓ in the search box did nothing.
    from pilot import fill, settle

    from tui.widgets.result_list import ResultList

    app = make_app(db_path=demo_db_path, user="cons-castel-01", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await fill(pilot, {"#query": "epicerie solidaire moissac"})
        await settle(pilot)
        results = app.screen.query_one("#results", ResultList)
        assert results.row_count and app.focused is not None and app.focused.id == "query"
        await pilot.press("down")
        await settle(pilot)
        assert app.focused is results and results.cursor_row == 0
        await pilot.press("down")
        await settle(pilot)
        assert results.cursor_row == 1


async def test_a_faire_shares_its_lines_among_the_lists_a_short_one_taking_what_it_needs(
    demo_db_path,
):
    # Issue 13: « À revoir » showed 3 of its 6 rows with a scrollbar over 4 blank lines (each
    # list had a fixed share of the screen). Room for every row: each list is whole.
    from pilot import settle

    from tui.widgets.result_list import ResultList

    app = make_app(db_path=demo_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_area("afaire")
        await settle(pilot)
        await pilot.pause()
        lists = [t for t in app.screen.query(ResultList) if t.display]
        rows = sum(t.row_count for t in lists)
        assert len(lists) >= 2 and 6 <= rows <= 13  # they fit in 80x24 with their titles
        assert all(t.max_scroll_y == 0 for t in lists), [t.max_scroll_y for t in lists]
        # Narrower rooms still give each list its header and rows to move in.
        await pilot.resize_terminal(80, 16)
        await settle(pilot)
        await pilot.pause()
        assert all(t.size.height >= 3 for t in app.screen.query(ResultList) if t.display)


async def test_at_80x24_letters_typed_in_a_dossier_go_to_the_note_in_sight(caseload_db_path):
    # Issue 13: an ASS typed « Appel ce jour » with the steps focused: the letters went into
    # the note box far below, out of sight, and nothing on screen changed.
    from pilot import settle
    from textual.widgets import Input

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_demandeur(pilot, "PETIT")
        note = app.screen.query_one("#note-input", Input)
        assert not app.screen.region.contains_region(note.region)  # below, out of sight
        for key in "Appel":
            await pilot.press(key)
        await settle(pilot)
        await pilot.pause()
        assert note.value == "Appel" and note.has_focus
        assert note.region.height and app.screen.region.contains_region(note.region)


async def test_a_f6_opened_by_the_last_person_shows_the_next_persons_partner(demo_db_path):
    # An ASS looked at F6, went back to F2; the CAF's staff took the seat: F6 said
    # « MDS de Castelsarrasin/Moissac » above the CAF's lists.
    from pilot import settle, shown

    from caseload.acces import get_profil

    app = make_app(db_path=demo_db_path, user="ass-cm-01", clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert "MDS de Castelsarrasin/Moissac" in shown(app, "#af-partner-name")
        await pilot.press("f2")
        await settle(pilot)
        app.set_profil(get_profil(app.db, "caf-82-01"))
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert "CAF de Tarn-et-Garonne" in shown(app, "#af-partner-name")
        assert "Castelsarrasin" not in shown(app, "#af-partner-name")
