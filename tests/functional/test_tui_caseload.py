"""The caseload screens, driven as a conseiller, an ASS or a responsable MDS would: keys in,
screen read back. A small caseload on a fixed date (23/11/2026)."""

import sqlite3

from pilot import fill, notifications, settle, shown, table_cells, type_text
from steps import SIZE, clock, names, open_demandeur, open_portefeuille, option_labels
from textual.widgets import Checkbox, Input, OptionList, Select
from textual.widgets.data_table import ColumnKey

from caseload import parcours
from tui.app import make_app
from tui.screens.demandeur import DemandeurScreen
from tui.screens.dialogs.action import ActionScreen
from tui.screens.dialogs.confirm import ConfirmScreen
from tui.screens.dialogs.frein import FreinScreen
from tui.screens.dialogs.profil import ProfilScreen
from tui.screens.dialogs.site import SiteScreen
from tui.screens.fiche import fiches_dir
from tui.screens.help import HelpScreen
from tui.screens.indicateurs import IndicateursScreen
from tui.screens.portefeuille import PortefeuilleScreen
from tui.screens.ressources import ResourcesScreen
from tui.screens.sectorisation import SectorisationScreen
from tui.widgets.result_list import ResultList


# -- start-up, profile, navigation ---------------------------------------------------------
async def test_profile_in_the_header_and_areas_on_f_keys(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # The Ressources screen stays the start screen, its search box focused.
        assert isinstance(app.screen, ResourcesScreen)
        assert app.focused is app.screen.query_one("#query", Input)
        assert "Romain Maury" in app.sub_title and "Conseiller" in app.sub_title
        for key, screen in (
            ("f3", PortefeuilleScreen),
            ("f4", SectorisationScreen),
            ("f5", IndicateursScreen),
            ("f2", ResourcesScreen),
        ):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen), key
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f3")  # no area change behind an open dialog
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = app.screen.query_one("Markdown").source
        for section in (
            "Portefeuille (F3)",
            "Dossier du demandeur",
            "Sectorisation (F4)",
            "Indicateurs (F5)",
        ):
            assert section in help_text


async def test_unknown_login_on_demo_uses_first_conseiller_and_profile_can_change(
    caseload_db_path, monkeypatch
):
    monkeypatch.delenv("BINOME_USER", raising=False)
    monkeypatch.setattr("caseload.acces.os_account", lambda: "personne-inconnue")
    # Only the demo seed in the base (these demandeurs marked demo too): a demo base.
    with sqlite3.connect(caseload_db_path) as conn:
        conn.execute("UPDATE demandeurs SET demo = 1")
        conn.execute("UPDATE profils SET demo = 1")
    conn.close()
    app = make_app(db_path=caseload_db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.profil is not None and app.profil.role == "conseiller"
        assert "profil de démonstration" in app.sub_title
        await pilot.press("f3")
        await settle(pilot)
        assert names(app) == []  # this conseiller has no demandeur here
        assert "Aucun demandeur dans ce portefeuille" in shown(app, "#pf-empty")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "profil")
        await pilot.pause(0.3)
        assert "Profil : changer" in str(
            [str(o.prompt) for o in app.screen.query("OptionList").first().options]
        )
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ProfilScreen)
        await type_text(pilot, "maury")
        await pilot.press("enter")
        await settle(pilot)
        assert app.profil.id == "cons-albasud-01"
        assert "Romain Maury" in app.sub_title
        assert "profil de démonstration" not in app.sub_title
        # The portefeuille on view follows the new profile.
        assert isinstance(app.screen, PortefeuilleScreen)
        assert names(app) == ["BERNARD Karim", "MARTIN Léa", "PETIT Julie"]
        assert app.screen.query_one("#pf-table").display


async def test_the_profile_picker_names_partners_and_takes_the_first_match(demo_db_path):
    from caseload.acces import get_profil

    app = make_app(db_path=demo_db_path, user="ass-cm-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_change_profil()
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, ProfilScreen)
        await type_text(pilot, "nadia")
        labels = option_labels(app, "#profil-list")
        assert len(labels) > 1  # two Nadias: Entrée only moved the focus, silently
        caf = next(label for label in labels if "Nadia Ferrand" in label)
        assert "CAF de Tarn-et-Garonne" in caf  # which partner, not just « partenaire »
        await pilot.press("down")  # ↓ goes down into the list
        assert app.focused is picker.query_one("#profil-list")
        await pilot.press("escape")
        await settle(pilot)
        app.action_change_profil()
        await settle(pilot)
        await type_text(pilot, "nadia")
        first = get_profil(app.db, app.screen.query_one("#profil-list").get_option_at_index(0).id)
        await pilot.press("enter")
        await settle(pilot)
        assert app.profil.id == first.id != "ass-cm-01"


async def test_down_in_the_portefeuille_filter_goes_to_the_list(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_portefeuille(pilot)
        app.screen.query_one("#pf-filter", Input).focus()
        await pilot.press("down")
        assert app.focused is app.screen.query_one("#pf-table")


async def test_without_any_profile_the_caseload_says_so(reference_db_path, monkeypatch):
    monkeypatch.delenv("BINOME_USER", raising=False)
    monkeypatch.setattr("caseload.acces.os_account", lambda: "personne-inconnue")
    app = make_app(db_path=reference_db_path, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_portefeuille(pilot)
        assert app.profil is None
        assert "Aucun profil n'est configuré" in shown(app, "#pf-empty")
        assert "binome --user" in shown(app, "#pf-empty")
        assert not app.screen.query_one("#pf-table").display
        # No demo profiles: no profile switch offered.
        assert not any("Profil" in c.title for c in app.get_system_commands(app.screen))
        # The territory needs no profile.
        await pilot.press("f4")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#sect-commune")
        await fill(pilot, {"#sect-commune": "moissac"})
        assert "MDS de Castelsarrasin/Moissac" in shown(app, "#sect-result")
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, ResourcesScreen)
        assert app.focused is app.screen.query_one("#query", Input)


# -- portefeuille ---------------------------------------------------------------------------
async def test_portefeuille_shows_the_conseillers_own_demandeurs(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_portefeuille(pilot)
        assert names(app) == ["BERNARD Karim", "MARTIN Léa", "PETIT Julie"]
        summary = shown(app, "#pf-summary")
        assert "File active (axe 2) : 1 / 70" in summary
        assert "en retard : " in summary and "entrée 1" in summary and "bilan 1" in summary
        rows = {r["nom"]: r for r in table_cells(app, "#pf-table")}
        bernard = rows["BERNARD Karim"]
        assert bernard["commune"] == "Caussade"
        assert bernard["echeance"] == "22/10/2026"  # prescription + 21 days
        assert bernard["binome"] == "Océane Lagarde"
        assert "Caussade/Nègrepelisse" in bernard["mds"]
        assert "retard : entrée" in bernard["alertes"]  # the overdue entry shows
        assert "retard : bilan" in rows["PETIT Julie"]["alertes"]
        assert rows["MARTIN Léa"]["alertes"] == ""  # a week after the prescription: nothing due


async def test_an_ass_sees_only_the_demandeurs_she_follows(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="ass-mtb-04", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_portefeuille(pilot)
        assert names(app) == ["DURAND Paul", "MARTIN Léa"]
        table = app.screen.query_one("#pf-table", ResultList)
        assert str(table.columns[ColumnKey("binome")].label) == "Conseiller"
        rows = {r["nom"]: r["binome"] for r in table_cells(app, "#pf-table")}
        assert rows == {"DURAND Paul": "Thomas Lafage", "MARTIN Léa": "Romain Maury"}


async def test_filter_etat_alerts_and_sort(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_portefeuille(pilot)
        await pilot.press("slash")
        await type_text(pilot, "caus")  # a commune, as typed
        assert names(app) == ["BERNARD Karim"]
        assert "1 demandeur sur 3" in str(app.screen.query_one("#pf-status").render())
        await pilot.press("ctrl+u")
        await type_text(pilot, "zzz")
        assert names(app) == []
        assert "Aucun demandeur ne correspond" in shown(app, "#pf-empty")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert len(names(app)) == 3
        await pilot.press("escape")  # back to the list
        await pilot.press("ctrl+l")  # alerts only
        await settle(pilot)
        assert app.screen.query_one("#pf-alertes", Checkbox).value
        assert names(app) == ["BERNARD Karim", "PETIT Julie"]
        await pilot.press("ctrl+l")
        app.screen.query_one("#pf-etat", Select).value = "en-accompagnement"
        await settle(pilot)
        assert names(app) == ["PETIT Julie"]
        app.screen.query_one("#pf-etat", Select).clear()
        await settle(pilot)
        await pilot.press("ctrl+t")  # sort by deadline
        await settle(pilot)
        assert names(app) == ["BERNARD Karim", "PETIT Julie", "MARTIN Léa"]
        assert "tri : échéance" in str(app.screen.query_one("#pf-status").render())


async def test_a_click_on_a_column_header_sorts_by_it_then_the_other_way(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_portefeuille(pilot)
        table = app.screen.query_one("#pf-table", ResultList)
        x = table.columns[ColumnKey("nom")].width + 3  # inside the « Commune » header
        communes = {r["nom"]: r["commune"] for r in table_cells(app, "#pf-table")}
        await pilot.click("#pf-table", offset=(x, 0))
        await settle(pilot)
        assert "tri : commune ↑" in shown(app, "#pf-status")
        assert [communes[n] for n in names(app)] == sorted(communes.values())
        await pilot.click("#pf-table", offset=(x, 0))
        await settle(pilot)
        assert "tri : commune ↓" in shown(app, "#pf-status")
        assert [communes[n] for n in names(app)] == sorted(communes.values(), reverse=True)


# -- demandeur ------------------------------------------------------------------------------
async def test_enter_opens_the_fiche_and_the_timeline(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "PETIT")
        assert "PETIT Julie" in shown(app, "#dem-title")
        fiche_text = shown(app, "#fiche-liaison")
        assert "Saint-Antonin-Noble-Val" in fiche_text
        assert "Sylvie Haddad" in fiche_text and "Romain Maury" in fiche_text
        assert "MDS de Caussade/Nègrepelisse" in fiche_text
        timeline = shown(app, "#timeline")
        for step in (
            "04/05/2026  Prescription",
            "11/05/2026  Diagnostic partagé validé",
            "18/05/2026  Entrée en accompagnement",
        ):
            assert step in timeline
        echeances = shown(app, "#dem-echeances")
        assert "Bilan intermédiaire en retard" in echeances
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PortefeuilleScreen)


async def test_recording_a_step_updates_the_timeline_and_bad_dates_are_refused(
    caseload_db_path,
):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        fiche_text = shown(app, "#fiche-liaison")
        assert "Faire face à des difficultés de logement" in fiche_text
        assert "Accéder à un moyen de transport" in fiche_text
        assert "Mobilité" in fiche_text
        offered = option_labels(app, "#actions")
        assert parcours.Action.VALIDATE_DIAGNOSTIC.label in offered
        # Entering before the diagnostic, or a bilan, is never offered.
        assert parcours.Action.ENTER.label not in offered
        assert parcours.Action.BILAN_CONTINUE.label not in offered

        await pilot.press("ctrl+l")
        listing = app.screen.query_one("#actions", OptionList)
        listing.highlighted = offered.index(parcours.Action.VALIDATE_DIAGNOSTIC.label)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionScreen)
        date_box = app.screen.query_one("#action-date", Input)
        assert date_box.value == "23/11/2026"  # today, from the app's clock
        assert app.focused is date_box
        # Issue 11: the modality and the three decisions are part of the diagnostic partagé.
        for selector, value in (
            ("#modalite", "tripartite"),
            ("#decision-demandeur", "axe2"),
            ("#decision-conseiller", "axe2"),
            ("#decision-ass", "axe2"),
        ):
            app.screen.query_one(selector, Select).value = value

        await fill(pilot, {"#action-date": "31/02/2026"})
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionScreen)
        assert "Date invalide « 31/02/2026 »" in shown(app, "#action-error")

        await fill(pilot, {"#action-date": "le 20"})
        await pilot.press("enter")
        await settle(pilot)
        assert "JJ/MM/AAAA" in shown(app, "#action-error")

        # Before the prescription: the rule refuses it, in French, and the dialog stays.
        await fill(pilot, {"#action-date": "10/11/2026"})
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionScreen)
        assert "impossible" in shown(app, "#action-error")
        assert "16/11/2026" in shown(app, "#action-error")  # in the dialog, not in a toast
        assert not any(n.severity == "error" for n in notifications(app))

        await fill(pilot, {"#action-date": "20/11/2026"})
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DemandeurScreen)
        assert "20/11/2026  Diagnostic partagé validé" in shown(app, "#timeline")
        assert "Diagnostic partagé validé" in shown(app, "#dem-title")
        offered = option_labels(app, "#actions")
        assert parcours.Action.ENTER.label in offered
        assert parcours.Action.VALIDATE_DIAGNOSTIC.label not in offered

        # The entry, the same day: recorded and the portefeuille follows.
        listing = app.screen.query_one("#actions", OptionList)
        listing.focus()
        listing.highlighted = offered.index(parcours.Action.ENTER.label)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        timeline = shown(app, "#timeline")
        assert "Entrée en accompagnement" in timeline  # a fact, not an order
        assert "Enregistrer" not in timeline
        await pilot.press("escape")
        await settle(pilot)
        rows = {r["nom"]: r for r in table_cells(app, "#pf-table")}
        assert rows["MARTIN Léa"]["etat"] == "Accompagné" and rows["MARTIN Léa"]["axe"] == "2"
        assert "File active (axe 2) : 2 / 70" in shown(app, "#pf-summary")


async def test_an_exit_asks_for_the_motif(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "PETIT")
        offered = option_labels(app, "#actions")
        listing = app.screen.query_one("#actions", OptionList)
        listing.focus()
        listing.highlighted = offered.index(parcours.Action.EXIT.label)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionScreen)
        motif = app.screen.query_one("#motif", Select)
        values = [value for _, value in motif._options if value is not Select.NULL]
        # Cessation d'inscription needs two relances first: not offered.
        assert "cessation-inscription" not in values and "cdi" in values
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "motif" in shown(app, "#action-error")
        motif.value = "cdi"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DemandeurScreen)
        assert "Sortie de l'accompagnement — Reprise d'emploi : CDI" in shown(app, "#timeline")
        # Back to work: the file waits for the trial's validation (parcours.PERIODE_ESSAI).
        assert option_labels(app, "#actions") == [
            parcours.Action.VALIDATE_PERIODE_ESSAI.label,
            parcours.Action.BREAK_PERIODE_ESSAI.label,
        ]


async def test_notes_stay_on_their_side(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        notes = shown(app, "#notes-text")
        assert "rendez-vous de diagnostic fixé" in notes
        assert "confidentielle" not in notes
        assert "France Travail" in str(app.screen.query_one("#notes-title").render())
        await pilot.press("ctrl+n")
        assert app.focused is app.screen.query_one("#note-input")
        await fill(pilot, {"#note-input": "Relance par SMS"})
        await pilot.press("enter")
        await settle(pilot)
        assert "Relance par SMS" in shown(app, "#notes-text")
        assert "23/11/2026 · Romain Maury" in shown(app, "#notes-text")

    app = make_app(db_path=caseload_db_path, user="ass-mtb-04", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        notes = shown(app, "#notes-text")
        assert "confidentielle" in notes
        assert "rendez-vous" not in notes and "Relance par SMS" not in notes


async def test_a_responsable_reads_but_does_not_record_steps(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="resp-caussade-negrepelisse", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_portefeuille(pilot)
        assert names(app) == ["BERNARD Karim", "PETIT Julie"]
        assert "File active (axe 2) : 1 ·" in shown(app, "#pf-summary")
        await open_demandeur(pilot, "BERNARD")
        assert not app.screen.query_one("#actions").display
        assert "Seuls le conseiller et l'ASS du binôme" in shown(app, "#actions-note")
        # No greyed « Actions » key in her footer; pressed anyway, it says why.
        from textual.widgets._footer import FooterKey

        assert "Actions" not in {k.description for k in app.screen.query(FooterKey)}
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert "Seuls le conseiller et l'ASS du binôme" in notifications(app)[-1].message


async def test_ressources_for_the_freins_open_around_the_persons_commune(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        await pilot.press("ctrl+r")  # two freins: which one?
        await settle(pilot)
        assert isinstance(app.screen, FreinScreen)
        labels = option_labels(app, "#frein-list")
        assert "Faire face à des difficultés de logement" in labels[0]
        assert "Accéder à un moyen de transport" in labels[1]
        await pilot.press("down", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ResourcesScreen)
        assert screen.query_one("#commune", Input).value == "Montauban"
        assert screen.query_one("#thematique", Select).value == "mobilite"
        assert "Commune : Montauban" in str(screen.query_one("#commune-status").render())

        # Back to the file (F3 keeps it open), then a person with one frein: no question.
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, DemandeurScreen)
        await pilot.press("escape")
        await settle(pilot)
        await open_demandeur(pilot, "BERNARD")
        await pilot.press("ctrl+r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ResourcesScreen)
        assert screen.query_one("#commune", Input).value == "Caussade"
        assert screen.query_one("#thematique", Select).value == "sante"


# -- sectorisation --------------------------------------------------------------------------
async def test_sectorisation_of_a_commune_and_unknown_commune(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#sect-commune")
        await fill(pilot, {"#sect-commune": "st antonin"})
        result = shown(app, "#sect-result")
        assert "Saint-Antonin-Noble-Val (82140)" in result
        assert "MDS de Caussade/Nègrepelisse" in result
        assert "Site : Saint-Antonin-Noble-Val" in result
        assert "Sectorisation indicative" in result
        rows = table_cells(app, "#sect-ass")
        assert rows[0]["ass"] == "Sylvie Haddad"
        assert rows[0]["charge"] == "1 en cours"  # PETIT Julie
        assert "proposée" in rows[0]["proposee"]
        assert "Saint-Antonin-Noble-Val (82140)" in shown(app, "#sect-communes")
        # A conseiller does not move communes.
        assert not app.screen.query_one("#btn-rattacher").display
        assert app.screen.check_action("attach_commune", ()) is False

        await fill(pilot, {"#sect-commune": "Toulouse"})
        assert "Aucune commune du Tarn-et-Garonne ne correspond à « Toulouse »" in shown(
            app, "#sect-error"
        )
        assert not app.screen.query_one("#sect-ass").display

        await fill(pilot, {"#sect-commune": "82000"})
        assert "Montauban" in shown(app, "#sect-result")
        assert "choisissez le quartier" in shown(app, "#sect-note")
        app.screen.query_one("#sect-quartier", Select).value = "sapiac"
        await settle(pilot)
        assert "Site : Plateforme 1er accueil" in shown(app, "#sect-result")


async def test_a_partner_sees_the_ass_of_a_commune_without_their_loads(caseload_db_path):
    # acces.PERMISSIONS["charge-ass"]: a partner learns which ASS covers a commune, not how
    # many dossiers each holds nor which one the lightest load makes proposed.
    app = make_app(db_path=caseload_db_path, user="caf-82-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, SectorisationScreen)
        await fill(pilot, {"#sect-commune": "moissac"})
        rows = table_cells(app, "#sect-ass")
        assert len(rows) > 1 and all(set(row) == {"ass", "site"} for row in rows)
        note = shown(app, "#sect-note")
        assert note == "La charge des ASS n'est pas montrée aux partenaires."
        assert "Proposée" not in note and "en cours" not in shown(app, "#sect-ass")


async def test_a_responsable_moves_a_commune_to_another_site(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="resp-caussade-negrepelisse", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#sect-commune")
        await fill(pilot, {"#sect-commune": "st antonin"})
        await pilot.press("enter")  # to the list of ASS
        await settle(pilot)
        assert app.screen.query_one("#btn-rattacher").display
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, SiteScreen)
        app.screen.query_one("#site", Select).value = "caussade-negrepelisse:caussade"
        await settle(pilot)
        # Chosen, not yet asked: « Continuer » has the focus; Entrée there asks.
        assert isinstance(app.screen, SiteScreen)
        assert app.focused is app.screen.query_one("#next")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-question").render())
        assert "au site Caussade" in question
        await pilot.press("escape")  # cancelled: nothing changes
        await settle(pilot)
        assert "Site : Saint-Antonin-Noble-Val" in shown(app, "#sect-result")

        await pilot.press("ctrl+e")
        await settle(pilot)
        app.screen.query_one("#site", Select).value = "caussade-negrepelisse:caussade"
        await settle(pilot)
        await pilot.press("enter", "ctrl+o")
        await settle(pilot)
        result = shown(app, "#sect-result")
        assert "Site : Caussade" in result
        assert "Sectorisation indicative" not in result
        message = "rattachée à la MDS de Caussade/Nègrepelisse — site Caussade."
        assert any(message in n.message for n in notifications(app))


# -- indicateurs ----------------------------------------------------------------------------
async def test_indicateurs_for_a_year_and_csv_export(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        year = app.screen.query_one("#ind-annee", Select)
        assert year.value == 2026
        assert [v for _, v in year._options] == [2026, 2025, 2024, 2023]
        rows = {r["label"]: r["value"] for r in table_cells(app, "#ind-table")}
        assert rows["Entretiens diagnostic réalisés (département)"] == "1"  # PETIT
        assert rows["Personnes intégrées en accompagnement global axe 2"] == "1"
        assert "Période : 2026" in str(app.screen.query_one("#ind-status").render())

        app.screen.query_one("#ind-periode", Select).value = 4
        await settle(pilot)
        rows = {r["label"]: r["value"] for r in table_cells(app, "#ind-table")}
        assert rows["Entretiens diagnostic réalisés (département)"] == "0"
        assert "T4 2026" in str(app.screen.query_one("#ind-status").render())

        await pilot.press("ctrl+s")
        await settle(pilot)
        path = fiches_dir() / "indicateurs-T4-2026.csv"
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")  # the BOM, for spreadsheets
        text = data.decode("utf-8-sig")
        assert text.splitlines()[0] == "indicateur;valeur"
        assert "Entretiens diagnostic réalisés (département);0" in text
        assert any(str(path) in n.message for n in notifications(app))


async def test_at_80x24_the_alerts_and_the_overdue_block_stay_in_sight(caseload_db_path):
    """Issue 13: on the smallest terminal the portefeuille keeps its alerts column and the
    person's commune (the MDS gives way, the alerts say it shorter: « ⚠ » is overdue), and
    a file opens on its deadlines, the overdue entry in sight."""
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_portefeuille(pilot)
        rows = {r["nom"]: r for r in table_cells(app, "#pf-table")}
        assert rows["BERNARD Karim"]["alertes"].startswith("⚠ entrée")
        assert rows["BERNARD Karim"]["commune"] == "Caussade"
        assert "mds" not in rows["BERNARD Karim"]  # dropped first, the table fits 80 columns
        await open_demandeur(pilot, "BERNARD")
        block = app.screen.query_one("#dem-echeances")
        assert "⚠" in shown(app, "#dem-echeances")
        assert block.region.height and app.screen.region.contains_region(block.region)


async def test_a_note_pasted_too_long_keeps_its_start_and_says_so(caseload_db_path):
    """The note box holds 2,000 characters: a longer paste was refused whole, without a
    word, and Entrée then said « Une note vide n'est pas enregistrée » (fault-injection run
    of 2026-12-08). It keeps the start, says so, and the note is saved."""
    from textual import events

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        await pilot.press("ctrl+n")
        box = app.screen.query_one("#note-input", Input)
        box.post_message(events.Paste("Rappeler la CAF. " + "x" * 2_100))
        await settle(pilot)
        assert len(box.value) == 2_000 and box.value.startswith("Rappeler la CAF.")
        assert any("Une note tient en 2000 caractères" in n.message for n in notifications(app))
        await pilot.press("enter")
        await settle(pilot)
        assert any("Note enregistrée." in n.message for n in notifications(app))
    db = sqlite3.connect(caseload_db_path)
    assert db.execute("SELECT length(texte) FROM notes ORDER BY rowid DESC LIMIT 1").fetchone() == (
        2_000,
    )
    db.close()
