"""Keeping the base alive from the app, driven as an ASS or a conseiller would: keys in,
screen read back. The demo base on a fixed date (23/11/2026); Isabelle Lacombe
(``ass-cm-01``) is an ASS of the MDS de Castelsarrasin/Moissac, Romain Maury
(``cons-albasud-01``) a conseiller France Travail."""

import json
import re
import threading
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from pilot import (
    fill,
    notifications,
    screen_text,
    settle,
    shown,
    table_cells,
    table_rows,
    type_text,
)
from steps import OVERDUE, OVERDUE_NAME, OVERDUE_QUERY, highlight, search
from textual.widgets import Input, Label, ProgressBar, SelectionList, Static

from caseload.acces import get_profil
from caseload.database import open_project_database
from ressources import edition
from ressources.horaires import humanize
from tui.app import make_app
from tui.screens.afaire import AfaireScreen
from tui.screens.dialogs.confirm import ConfirmScreen
from tui.screens.edition.conflict import ConflictScreen
from tui.screens.edition.form import ResourceFormScreen
from tui.screens.edition.history import HistoryScreen
from tui.screens.edition.report import ReportScreen
from tui.screens.help import HelpScreen
from tui.screens.ressources import ResourcesScreen
from tui.screens.sync import SyncScreen
from tui.widgets.result_list import ResultList

SIZE = (150, 45)
TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 30)
ASS = "ass-cm-01"
CONSEILLER = "cons-albasud-01"
PARTNER = "cd82-mds-castelsarrasin-moissac"


def clock():
    return TODAY


def app_for(path, user):
    return make_app(db_path=path, user=user, clock=clock)


def rows(app, selector="#results") -> list[list[str]]:
    return table_rows(app, selector)


def row_labels(app) -> dict[str, str]:
    """Result id → what the row's label column shows (the « à actualiser » mark)."""
    table = app.screen.query_one("#results", ResultList)
    return {key.value: str(row.label or "") for key, row in table.rows.items()}


def keys(app) -> set[str]:
    return set(app.screen.active_bindings)


def owned_entry(db) -> str:
    return db.execute(
        "SELECT id FROM services WHERE partenaire = ? AND archive = 0 ORDER BY id LIMIT 1",
        [PARTNER],
    ).fetchone()[0]


# -- the form ---------------------------------------------------------------------------------
async def test_a_new_entry_is_checked_in_french_saved_and_found(demo_db_path):
    app = app_for(demo_db_path, ASS)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "epicerie solidaire")
        assert "ctrl+n" in keys(app)  # an ASS creates entries
        await pilot.press("ctrl+n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ResourceFormScreen)
        assert "Nouvelle fiche" in str(form.query_one("#ed-title", Label).render())
        # Only the thématiques of her partner are offered.
        offered = form.query_one("#f-thematiques_locales", SelectionList)
        values = [offered.get_option_at_index(i).value for i in range(offered.option_count)]
        assert "budget" not in values and "difficultes-financieres" in values
        assert "siae" not in values  # France Travail's, not the MDS's

        await fill(
            pilot,
            {
                "#f-nom": "Permanence budget du jeudi",
                "#f-description": "Aide pour faire le point sur son budget, sur rendez-vous.",
                "#f-structure": "binome-demo--mds-castelsarrasin",
            },
        )
        # Chosen from the list; the identifier box is an administrateur's (she knows ids).
        assert not form.query_one("#f-structure_id", Input).display
        # Nothing said yet about the fields not touched.
        assert not form.query_one("#err-thematiques_locales").display
        # « st antonin » is read through the gazetteer; the code postal follows.
        await fill(pilot, {"#f-commune": "st antonin"})
        assert "Saint-Antonin-Noble-Val" in shown(app, "#commune-info")
        assert form.query_one("#f-code_postal", Input).value == "82140"
        await fill(pilot, {"#f-commune": "Toulouse"})
        assert "Aucune commune du Tarn-et-Garonne" in shown(app, "#err-commune")
        await fill(pilot, {"#f-commune": "st antonin"})
        assert not form.query_one("#err-commune").display
        # A wrong phone number says so under the box, in French.
        # Typed key by key here (set elsewhere): the check runs as the person types.
        form.query_one("#f-telephone", Input).focus()
        await pilot.press("home", "ctrl+k")
        await type_text(pilot, "12")
        assert form.query_one("#err-telephone").display
        assert "Numéro invalide « 12 »" in shown(app, "#err-telephone")

        await pilot.press("ctrl+s")  # refused: the phone, and no thématique yet
        await settle(pilot)
        assert app.screen is form
        assert "Choisissez au moins une des 22 thématiques" in shown(
            app, "#err-thematiques_locales"
        )
        assert any("à corriger" in n.message for n in notifications(app))

        await fill(pilot, {"#f-telephone": "05 63 30 00 00"})
        assert not form.query_one("#err-telephone").display
        themes = form.query_one("#f-thematiques_locales", SelectionList)
        themes.focus()
        themes.highlighted = values.index("difficultes-financieres")
        await pilot.press("space")
        await settle(pilot)
        # The hours typed in French, read back, stored in the national format.
        await fill(
            pilot, {"#f-mots_cles": "budget, dettes", "#f-horaires_accueil": "jeudi 14h-17h"}
        )
        assert "Compris : jeudi : 14 h – 17 h (enregistré : Th 14:00-17:00)" in shown(
            app, "#horaires-info"
        )
        assert not form.query_one("#err-thematiques_locales").display

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen)
        assert any("Fiche créée" in n.title for n in notifications(app))
        # Found by the search, on screen.
        await search(pilot, "permanence budget jeudi")
        first = table_cells(app, "#results")[0]
        assert first["nom"] == "Permanence budget du jeudi"
        assert first["commune"] == "St-Antonin-Noble-Val"  # whole, as road signs write it
        text = shown(app, "#detail")
        assert "05 63 30 00 00" in text and "Tenue par : MDS de Castelsarrasin/Moissac" in text
        new_id = app.screen.current.resource.id
        record = edition.read_service(app.db, new_id)
        assert record["code_insee"] == "82155" and record["code_postal"] == "82140"
        assert record["partenaire"] == PARTNER
        assert record["thematiques_locales"] == ["difficultes-financieres"]
        assert record["mots_cles"] == ["budget", "dettes"]
        assert record["date_revue"] == "2026-11-23"
        assert record["horaires_accueil"] == "Th 14:00-17:00"


async def test_the_hours_are_changed_in_french_and_kept_when_untouched(demo_db_path):
    """ressources.horaires: the form shows the stored hours in French; left as they are, the
    stored text stays byte for byte; French that cannot be read is said under the field and
    nothing is saved."""
    app = app_for(demo_db_path, ASS)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, OVERDUE_QUERY)
        await highlight(pilot, OVERDUE)
        before = edition.read_service(app.db, OVERDUE)
        assert before["horaires_accueil"]
        await pilot.press("ctrl+e")
        await settle(pilot)
        form = app.screen
        hours = form.query_one("#f-horaires_accueil", Input)
        assert hours.value == humanize(before["horaires_accueil"]) != before["horaires_accueil"]
        await fill(pilot, {"#f-telephone": "05 63 99 99 98"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen)
        after = edition.read_service(app.db, OVERDUE)
        assert after["telephone"] == "05 63 99 99 98"
        assert after["horaires_accueil"] == before["horaires_accueil"]

        await pilot.press("ctrl+e")
        await settle(pilot)
        await fill(pilot, {"#f-horaires_accueil": "le lundi matin"})
        assert "Horaires non compris : « le lundi matin »" in shown(app, "#horaires-info")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ResourceFormScreen)
        assert "du lundi au vendredi 9h-12h" in shown(app, "#err-horaires_accueil")
        await fill(
            pilot, {"#f-horaires_accueil": "mardi et jeudi 14h-17h ; du lundi au vendredi 9h-12h"}
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen)
        stored = edition.read_service(app.db, OVERDUE)["horaires_accueil"]
        assert stored == "Mo,We,Fr 09:00-12:00; Tu,Th 09:00-12:00,14:00-17:00"
        assert "mardi et jeudi : 9 h – 12 h et 14 h – 17 h" in shown(app, "#detail")


async def test_editing_then_leaving_asks_before_losing_the_changes(demo_db_path):
    app = app_for(demo_db_path, ASS)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, OVERDUE_QUERY)
        await highlight(pilot, OVERDUE)
        before = edition.read_service(app.db, OVERDUE)
        assert "ctrl+e" in keys(app)
        # Opened and left untouched: escape closes at once.
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, ResourceFormScreen)
        assert app.screen.query_one("#f-telephone", Input).value == before["telephone"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen)

        await pilot.press("ctrl+e")
        await settle(pilot)
        form = app.screen
        await fill(pilot, {"#f-telephone": "05 63 99 99 99"})
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Quitter sans enregistrer ?" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("escape")  # no: back to the form, the change still there
        await settle(pilot)
        assert app.screen is form
        assert form.query_one("#f-telephone", Input).value == "05 63 99 99 99"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+o")  # yes: leave without saving
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen)
        assert edition.read_service(app.db, OVERDUE)["telephone"] == before["telephone"]

        # Saved this time: the detail shows it, one version more.
        await pilot.press("ctrl+e")
        await settle(pilot)
        await fill(pilot, {"#f-telephone": "05 63 99 99 99"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen)
        assert app.screen.current.resource.id == OVERDUE  # the cursor stayed on it
        assert "Téléphone : 05 63 99 99 99" in shown(app, "#detail")
        after = edition.read_service(app.db, OVERDUE)
        assert after["telephone"] == "05 63 99 99 99"
        assert after["version"] == before["version"] + 1
        assert after["nom"] == before["nom"]  # only what changed was sent


async def test_annuler_in_a_question_about_leaving_just_closes_it(demo_db_path):
    # « Annuler » in « Quitter Binôme ? » or « Quitter sans enregistrer ? » showed a toast
    # (« Annulé : « Quitter sans enregistrer » n'a pas été fait. ») over the form still there.
    app = app_for(demo_db_path, ASS)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, OVERDUE_QUERY)
        await highlight(pilot, OVERDUE)
        await pilot.press("ctrl+e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ResourceFormScreen)
        await fill(pilot, {"#f-telephone": "05 63 99 99 99"})
        sent = len(notifications(app))
        for key, title in (
            ("ctrl+q", "Quitter Binôme ?"),
            ("escape", "Quitter sans enregistrer ?"),
        ):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)
            assert shown(app, ".dialog-title") == title
            await pilot.click("#no")
            await settle(pilot)
            assert app.is_running and app.screen is form
            assert form.query_one("#f-telephone", Input).value == "05 63 99 99 99"
            assert notifications(app)[sent:] == []


async def test_a_conseiller_cannot_edit_but_reports_an_error_to_the_owner(demo_db_path):
    app = app_for(demo_db_path, CONSEILLER)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, OVERDUE_QUERY)
        await highlight(pilot, OVERDUE)
        offered = keys(app)
        # Not an MDS entry…
        assert {"ctrl+e", "ctrl+k", "ctrl+x"}.isdisjoint(offered)
        assert {"ctrl+c", "ctrl+o", "ctrl+g"} <= offered
        # …but France Travail's own entries are kept by its conseillers.
        assert "ctrl+n" in offered
        await pilot.press("ctrl+e")  # not offered: no form, and the reason is said
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen)
        assert notifications(app)[-1].message.startswith(
            "Cette fiche appartient à MDS de Castelsarrasin/Moissac : seul ce partenaire peut "
            "la modifier"
        )
        assert "Tenue par : MDS de Castelsarrasin/Moissac" in shown(app, "#detail")
        # The domain refuses anyway.
        with pytest.raises(edition.AccessDenied):
            edition.update_service(
                app.db,
                app.profil,
                OVERDUE,
                {"telephone": "05 63 00 00 00"},
                version=edition.read_service(app.db, OVERDUE)["version"],
                now=NOW,
            )

        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("enter")  # an empty comment is refused
        await settle(pilot)
        assert "le commentaire est obligatoire" in shown(app, "#report-error")
        assert app.focused is app.screen.query_one("#report-comment")
        await fill(pilot, {"#report-comment": "Le numéro ne répond plus."})
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen)
        assert any("MDS de Castelsarrasin/Moissac verra" in n.message for n in notifications(app))
        # F6 for a conseiller: France Travail's list, which its conseillers keep.
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, AfaireScreen)
        assert "France Travail" in shown(app, "#af-partner-name")
        assert "consultation" not in shown(app, "#af-partner-name")

    owner = app_for(demo_db_path, ASS)
    async with owner.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(owner.screen, AfaireScreen)
        reports = rows(owner, "#af-signalements")
        assert reports == [
            ["23/11/2026", "Romain Maury", OVERDUE_NAME, "Le numéro ne répond plus."]
        ]
        assert "1 signalement ouvert" in shown(owner, "#af-summary")
        owner.screen.query_one("#af-signalements", ResultList).focus()
        await settle(pilot)
        assert "ctrl+t" in keys(owner)
        await pilot.press("ctrl+t")
        await settle(pilot)
        # A stray key closes nothing: the report is shown whole, then confirmed.
        assert isinstance(owner.screen, ConfirmScreen)
        assert "Le numéro ne répond plus." in shown(owner, "#confirm-question")
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert not owner.screen.query_one("#af-signalements").display
        assert "Aucun signalement ouvert" in shown(owner, "#af-signalements-empty")
        assert edition.todo_list(owner.db, TODAY, PARTNER).error_reports == []


# -- history ----------------------------------------------------------------------------------
async def test_an_entry_never_changed_says_it_has_no_earlier_version_yet(demo_db_path):
    db = open_project_database(demo_db_path)
    service_id = owned_entry(db)
    original = edition.read_service(db, service_id)
    assert edition.service_history(db, service_id) == []  # as imported
    db.close()
    app = app_for(demo_db_path, ASS)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, original["nom"])
        await highlight(pilot, service_id)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        # No bare table of headings: a sentence says why there is nothing to list.
        assert not app.screen.query_one("#history-table").display
        assert "Pas encore de version antérieure" in shown(app, "#history-detail")
        assert "r" not in keys(app) or not app.screen.active_bindings["r"].enabled


async def test_history_lists_a_change_and_restoring_brings_the_old_value_back(demo_db_path):
    db = open_project_database(demo_db_path)
    ass = get_profil(db, ASS)
    service_id = owned_entry(db)
    original = edition.read_service(db, service_id)
    edition.update_service(
        db, ass, service_id, {"telephone": "05 63 11 11 11"}, version=original["version"], now=NOW
    )
    v3 = edition.update_service(
        db,
        ass,
        service_id,
        {"telephone": "05 63 22 22 22"},
        version=original["version"] + 1,
        now=NOW,
    )
    db.close()

    app = app_for(demo_db_path, ASS)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, original["nom"])
        await highlight(pilot, service_id)
        await pilot.press("ctrl+o")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        history = rows(app, "#history-table")
        assert [r[0] for r in history[:2]] == [str(v3), str(v3 - 1)]  # newest first
        assert history[0][2] == "Isabelle Lacombe" and history[0][3] == "Modification"
        assert history[0][4] == "Téléphone"
        detail = shown(app, "#history-detail")
        assert "05 63 11 11 11 → 05 63 22 22 22" in detail
        assert "C'est la version actuelle" in detail
        assert "r" not in keys(app) or not screen.active_bindings["r"].enabled

        await pilot.press("down")  # the version before: restore it
        await settle(pilot)
        assert "r" in keys(app) and screen.active_bindings["r"].enabled
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert app.screen is screen
        assert edition.read_service(app.db, service_id)["telephone"] == "05 63 11 11 11"
        history = rows(app, "#history-table")
        assert history[0][0] == str(v3 + 1)
        assert history[0][3] == f"Restauration de la version {v3 - 1}"
        assert "05 63 22 22 22 → 05 63 11 11 11" in shown(app, "#history-detail")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen)
        assert "Téléphone : 05 63 11 11 11" in shown(app, "#detail")


async def test_history_cells_cut_at_80_columns_end_with_an_ellipsis(demo_db_path):
    # Cut short with no sign of more: « État initial (avant la pre », « Mise à jour, Té ».
    db = open_project_database(demo_db_path)
    service_id = owned_entry(db)
    original = edition.read_service(db, service_id)
    changes = {"telephone": "05 63 11 11 11", "courriel": "accueil@example.org"}
    edition.update_service(
        db, get_profil(db, ASS), service_id, changes, version=original["version"], now=NOW
    )
    db.close()
    app = app_for(demo_db_path, ASS)
    async with app.run_test(size=(80, 24)) as pilot:
        await search(pilot, original["nom"])
        await highlight(pilot, service_id)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        lines = (await screen_text(pilot)).splitlines()
        first = next(line for line in lines if "État initial" in line)
        assert re.search(r"État initial \(avant la \S*…", first), first
        assert "première modification)" not in first
        changed = next(line for line in lines if "Modification " in line)
        assert re.search(r"Mise à jour, \S*…", changed), changed
        assert "Courriel" not in changed
        # Whole in the detail below.
        assert "Téléphone : " in shown(app, "#history-detail")


# -- conflicts --------------------------------------------------------------------------------
@pytest.mark.parametrize("choice", ["mine", "theirs"])
async def test_a_save_over_someone_elses_shows_both_versions(demo_db_path, choice):
    app = app_for(demo_db_path, ASS)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, OVERDUE_QUERY)
        await highlight(pilot, OVERDUE)
        await pilot.press("ctrl+e")
        await settle(pilot)
        form = app.screen
        await fill(
            pilot, {"#f-telephone": "05 63 22 22 22", "#f-contact_nom_prenom": "Anne Martin"}
        )

        # Meanwhile a colleague of the same MDS saves the entry from another connection.
        other = open_project_database(demo_db_path)
        colleague = get_profil(other, "ass-cm-02")
        assert colleague.partenaire == PARTNER
        edition.update_service(
            other,
            colleague,
            OVERDUE,
            {"telephone": "05 63 11 11 11", "adresse": "1 place de la Liberté"},
            version=edition.read_service(other, OVERDUE)["version"],
            now=NOW,
        )
        other.close()

        await pilot.press("ctrl+s")
        await settle(pilot)
        conflict = app.screen
        assert isinstance(conflict, ConflictScreen)
        body = str(conflict.query_one(".dialog-body", Static).render())
        assert f"{colleague.nom_complet} a enregistré cette fiche" in body
        fields = [str(w.render()) for w in conflict.query(".conflict-field")]
        theirs = [str(w.render()) for w in conflict.query(".conflict-theirs")]
        mine = [str(w.render()) for w in conflict.query(".conflict-mine")]
        assert fields == ["Téléphone"]
        assert theirs == ["05 63 11 11 11"] and mine == ["05 63 22 22 22"]
        assert (
            edition.read_service(app.db, OVERDUE)["telephone"] == "05 63 11 11 11"
        )  # nothing overwritten

        # Letters typed on after ctrl+s answer nothing (« m » kept mine, « l » theirs).
        await pilot.press("m", "l", "enter")  # Entrée on « Revenir », where the focus starts
        await settle(pilot)
        assert app.screen is form
        assert edition.read_service(app.db, OVERDUE)["telephone"] == "05 63 11 11 11"
        assert "une lettre tapée ne répond pas" in notifications(app)[-1].message
        assert form.query_one("#f-telephone", Input).value == "05 63 22 22 22"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictScreen)
        if choice == "mine":
            await pilot.press("ctrl+o")
            await settle(pilot)
            assert isinstance(app.screen, ResourcesScreen)
            saved = edition.read_service(app.db, OVERDUE)
            assert saved["telephone"] == "05 63 22 22 22"
            assert saved["contact_nom_prenom"] == "Anne Martin"
            assert saved["adresse"] == "1 place de la Liberté"  # their other change kept
        else:
            await pilot.press("ctrl+r")
            await settle(pilot)
            assert app.screen is form
            assert form.query_one("#f-telephone", Input).value == "05 63 11 11 11"
            assert form.query_one("#f-adresse", Input).value == "1 place de la Liberté"
            assert not form.dirty()
            await pilot.press("escape")  # nothing changed since: no question
            await settle(pilot)
            assert isinstance(app.screen, ResourcesScreen)
            assert edition.read_service(app.db, OVERDUE)["contact_nom_prenom"] != "Anne Martin"


# -- review ------------------------------------------------------------------------------------
async def test_stale_entries_are_marked_and_toujours_exact_clears_them(demo_db_path):
    app = app_for(demo_db_path, ASS)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, OVERDUE_QUERY)
        await highlight(pilot, OVERDUE)
        assert row_labels(app)[OVERDUE] == "⚠"
        assert "à actualiser" in str(app.screen.query_one("#status", Label).render())
        assert "À actualiser depuis le 13/02/2025" in shown(app, "#detail")
        await pilot.press("ctrl+k")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # certifying asks first
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert row_labels(app)[OVERDUE] == ""
        assert "À actualiser" not in shown(app, "#detail")
        assert "Vérifiée le : 23/11/2026" in shown(app, "#detail")


async def test_toujours_exact_from_the_a_faire_list(demo_db_path):
    app = app_for(demo_db_path, ASS)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, OVERDUE_QUERY)
        assert row_labels(app)[OVERDUE] == "⚠"
        await pilot.press("ctrl+p")
        await type_text(pilot, "faire")
        await pilot.pause(0.3)
        prompts = [str(o.prompt) for o in app.screen.query("OptionList").first().options]
        assert any("Aller : À faire" in p for p in prompts)
        await pilot.press("escape")
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, AfaireScreen)
        assert "MDS de Castelsarrasin/Moissac" in shown(app, "#af-partner-name")
        overdue = rows(app, "#af-retard")
        names = [r[0] for r in overdue]
        assert OVERDUE_NAME in names
        assert overdue[names.index(OVERDUE_NAME)][1:3] == ["13/02/2024", "13/02/2025"]
        soon = [r[0] for r in rows(app, "#af-bientot")]
        assert "Consultations en santé mentale - CMP adultes de Moissac" in soon
        assert f"{len(names)} fiches à actualiser" in shown(app, "#af-summary")
        table = app.screen.query_one("#af-retard", ResultList)
        table.focus()
        table.move_cursor(row=names.index(OVERDUE_NAME))
        await settle(pilot)
        await pilot.press("ctrl+k")
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        names_after = [r[0] for r in rows(app, "#af-retard")]
        assert OVERDUE_NAME not in names_after and len(names_after) == len(names) - 1
        assert edition.read_service(app.db, OVERDUE)["date_revue"] == "2026-11-23"
        # The Ressources results found before are found again: the mark is gone.
        await pilot.press("f2")
        await settle(pilot)
        assert row_labels(app)[OVERDUE] == ""
        await pilot.press("f6")
        await settle(pilot)
        table = app.screen.query_one("#af-retard", ResultList)
        assert app.focused is table
        # Enter opens the form of an entry she keeps.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ResourceFormScreen)
        await pilot.press("escape")
        await settle(pilot)
        # The entry in the Ressources detail.
        await pilot.press("ctrl+r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ResourcesScreen)
        assert screen.current.resource.nom == names_after[table.cursor_row]


async def test_archiving_asks_first_and_takes_the_entry_out_of_search(demo_db_path):
    app = app_for(demo_db_path, ASS)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, OVERDUE_QUERY)
        await highlight(pilot, OVERDUE)
        await pilot.press("ctrl+x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # no
        await settle(pilot)
        assert OVERDUE in row_labels(app)
        await pilot.press("ctrl+x")
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen)
        assert OVERDUE not in row_labels(app)
        assert edition.read_service(app.db, OVERDUE)["archive"] == 1
        # The way back is said: the archived entries' key, where she can unarchive it.
        (notice,) = [n for n in notifications(app) if n.title == "Fiche archivée"]
        assert notice.message.endswith("ctrl+y : les fiches archivées, pour la désarchiver.")
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert OVERDUE_NAME in [row[0] for row in table_rows(app, "#ar-table")]


async def test_an_ass_cannot_edit_another_partners_entry(demo_db_path):
    app = app_for(demo_db_path, ASS)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "mission locale")
        hit = app.screen.current.resource
        assert hit.partenaire != PARTNER
        assert {"ctrl+e", "ctrl+k", "ctrl+x"}.isdisjoint(keys(app))
        assert {"ctrl+n", "ctrl+o", "ctrl+g"} <= keys(app)


# -- sync, help -------------------------------------------------------------------------------
def _service(i):
    return {
        "source": "dora",
        "id": f"dora--sv{i}",
        "structure_id": "dora--st1",
        "nom": f"Atelier vélo solidaire numéro {i}",
        "description": "Réparer son vélo avec un bénévole, prêt de vélos pour aller au travail.",
        "date_maj": "2026-01-15",
        "thematiques": ["mobilite--entretenir-reparer-son-vehicule"],
        "code_insee": "82112",
        "code_postal": "82200",
        "commune": "Moissac",
    }


@pytest.fixture
def api(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    data = {
        "structures": [
            {
                "source": "dora",
                "id": "dora--st1",
                "nom": "Vélo pour tous",
                "date_maj": "2026-01-15",
                "code_insee": "82112",
                "commune": "Moissac",
                "code_postal": "82200",
            }
        ],
        "services": [_service(1), _service(2), _service(3)],
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            kind = self.path.split("?")[0].rsplit("/", 1)[-1]
            if kind not in data:
                self.send_response(404)
                self.end_headers()
                return
            items = data[kind]
            body = json.dumps(
                {"items": items, "total": len(items), "page": 1, "size": len(items), "pages": 1}
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/v1"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


async def test_sync_is_not_offered_to_an_ass(demo_db_path):
    app = app_for(demo_db_path, ASS)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not any("synchroniser" in c.title for c in app.get_system_commands(app.screen))
        app.action_sync()
        await settle(pilot)
        assert not isinstance(app.screen, SyncScreen)


async def test_a_new_form_left_untouched_closes_without_a_question(demo_db_path):
    # Its date de revue, filled in with today, is the form's, not the person's.
    app = app_for(demo_db_path, ASS)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "epicerie solidaire")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, ResourceFormScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await fill(pilot, {"#f-date_revue": "01/01/2027"})
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)


async def test_at_80_columns_the_form_opens_in_one_column_with_the_id_box_for_an_admin(
    demo_db_path,
):
    from textual.widgets import Select

    app = app_for(demo_db_path, "admin")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Stacked from the first frame: in a real terminal the three columns of fields stayed
        # squeezed side by side until the window was resized (the size classes came with
        # the first resize, which a headless run sends at once).
        with app._context():
            assert ResourceFormScreen(None).has_class("-narrow")
        await pilot.press("ctrl+n")
        form = app.screen
        assert isinstance(form, ResourceFormScreen) and form.has_class("-narrow")
        await settle(pilot)
        nom, adresse = form.query_one("#f-nom"), form.query_one("#f-adresse")
        assert adresse.region.y > nom.region.y and adresse.region.x == nom.region.x
        box = form.query_one("#f-structure_id", Input)
        assert box.display
        await fill(pilot, {"#f-structure_id": "binome-demo--mds-castelsarrasin"})
        assert form.query_one("#f-structure", Select).value == "binome-demo--mds-castelsarrasin"


async def test_sync_from_the_palette_shows_progress_and_a_summary(demo_db_path, api):
    app = app_for(demo_db_path, "admin")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "synchroniser")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SyncScreen)
        await fill(pilot, {"#sync-url": "ftp://nulle-part"})
        await pilot.press("enter")
        await settle(pilot)
        assert "Adresse invalide" in shown(app, "#sync-status")
        assert any("Adresse invalide" in n.message for n in notifications(app))
        await fill(pilot, {"#sync-url": api})
        await pilot.press("enter")
        await settle(pilot)
        bar = screen.query_one("#sync-progress", ProgressBar)
        assert bar.display and bar.percentage == 1
        assert "3 services ajoutés" in shown(app, "#sync-status")
        assert any("3 services ajoutés" in n.message for n in notifications(app))
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen)
        await search(pilot, "atelier velo solidaire")
        assert {"dora--sv1", "dora--sv2", "dora--sv3"} <= set(row_labels(app))


async def test_help_has_the_new_keys_and_screens(demo_db_path):
    app = app_for(demo_db_path, ASS)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("Markdown").source
        needles = (
            "À faire (F6)",
            "Modifier une fiche",
            "Historique",
            "Toujours exact",
            "signaler une information erronée",
            "synchroniser avec data·inclusion",
        )
        for needle in needles:
            assert needle in text, needle


async def test_the_form_behind_a_question_is_laid_out_again_when_the_terminal_is_resized(
    demo_db_path,
):
    # Under « Quitter sans enregistrer ? », the form took its new size class at a resize but
    # kept the columns of the former size: three squeezed into 80 columns, one at 120.
    app = app_for(demo_db_path, ASS)
    async with app.run_test(size=(120, 36)) as pilot:
        await search(pilot, OVERDUE_QUERY)
        await highlight(pilot, OVERDUE)
        await pilot.press("ctrl+e")
        await settle(pilot)
        form = app.screen
        await fill(pilot, {"#f-telephone": "05 63 99 99 99"})
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        nom, adresse = form.query_one("#f-nom"), form.query_one("#f-adresse")
        for size, stacked in (((80, 24), True), ((120, 36), False)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert form.has_class("-narrow") is stacked
            assert (adresse.region.x == nom.region.x) is stacked, size
            assert (adresse.region.y > nom.region.y) is stacked, size
