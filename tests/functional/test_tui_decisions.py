"""Pilot: the binôme's decisions in the step dialog of the Demandeur screen (issue 11): the
modality and the three decisions of the diagnostic partagé, the agreement of the three for an
exit, the réorientation at any time, the période d'essai."""

from datetime import date

from pilot import notifications, settle, shown
from textual.widgets import Input, OptionList, Select

from caseload import parcours
from tui.app import make_app
from tui.screens.demandeur import DemandeurScreen
from tui.screens.dialogs.action import ActionScreen
from tui.screens.portefeuille import PortefeuilleScreen
from tui.widgets.result_list import ResultList

SIZE = (150, 45)
TODAY = date(2026, 11, 23)


def clock():
    return TODAY


async def open_demandeur(pilot, nom):
    app = pilot.app
    await settle(pilot)
    await pilot.press("f3")
    await settle(pilot)
    assert isinstance(app.screen, PortefeuilleScreen)
    table = app.screen.query_one("#pf-table", ResultList)
    rows = [table.get_row_at(i)[0] for i in range(table.row_count)]
    index = next(i for i, n in enumerate(rows) if str(n).startswith(nom))
    table.focus()
    table.move_cursor(row=index)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, DemandeurScreen)


async def choose(pilot, action: parcours.Action):
    app = pilot.app
    listing = app.screen.query_one("#actions", OptionList)
    labels = [str(o.prompt) for o in listing.options]
    listing.focus()
    listing.highlighted = labels.index(action.label)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, ActionScreen)


def set_values(app, values: dict[str, str]) -> None:
    for selector, value in values.items():
        widget = app.screen.query_one(selector)
        widget.value = value


async def test_the_three_decisions_are_filled_in_the_dialog_and_a_non_is_refused(
    caseload_db_path,
):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        await choose(pilot, parcours.Action.VALIDATE_DIAGNOSTIC)
        # No modality: said in the dialog, nothing recorded.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "modalité" in shown(app, "#action-error")
        set_values(
            app,
            {
                "#modalite": "simple-retour",
                "#decision-demandeur": "non",
                "#decision-conseiller": "axe2",
                "#decision-ass": "axe2",
            },
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ActionScreen)
        error = shown(app, "#action-error")
        assert "la décision du demandeur n'est pas « oui »" in error
        assert "décision concertée des deux professionnels" in error  # the rule quoted
        # Said in the dialog, in sight, and in no toast over it.
        assert not any(n.title == "Étape refusée" for n in notifications(app))
        assert app.screen.query_one("#action-error").region.height > 0
        set_values(app, {"#decision-demandeur": "axe2"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DemandeurScreen)
        fiche = shown(app, "#fiche-liaison")
        assert "Demandeur : Entrée en Accompagnement Global" in fiche
        assert "Date de validation du diagnostic partagé : 23/11/2026" in fiche
        assert "simple retour" in fiche
        assert "doit encore recevoir la personne" in shown(app, "#dem-echeances")


async def test_an_exit_records_the_agreement_and_a_cdi_opens_the_periode_essai(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "PETIT")
        await choose(pilot, parcours.Action.EXIT)
        assert app.screen.query_one("#concertation-date", Input).value == "23/11/2026"
        accord = {"#concertation-date": "21/11/2026", "#concertation-moyen": "telephone"}
        set_values(app, {"#motif": "cdi", "#fin-essai": "23/01/2027", **accord})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DemandeurScreen)
        assert "En emploi — période d'essai" in shown(app, "#dem-title")
        timeline = shown(app, "#timeline")
        assert "période d'essai jusqu'au 23/01/2027" in timeline
        assert "accord des trois le 21/11/2026 (téléphone)" in timeline
        assert "période d'essai jusqu'au 23/01/2027" in shown(app, "#dem-echeances")
        labels = [str(o.prompt) for o in app.screen.query_one("#actions", OptionList).options]
        assert labels == [parcours.Action.BREAK_PERIODE_ESSAI.label]


async def test_a_cdd_without_its_end_waits_for_the_conseiller_to_validate(caseload_db_path):
    """parcours.PERIODE_ESSAI with parcours.PERIODE_ESSAI_DUREE_LEGALE: the end left empty, the
    file stays « en emploi — période d'essai » (one month at most for a CDD) until validated
    here."""
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "PETIT")
        await choose(pilot, parcours.Action.EXIT)
        set_values(app, {"#motif": "cdd"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DemandeurScreen)
        assert "En emploi — période d'essai" in shown(app, "#dem-title")
        echeances = shown(app, "#dem-echeances")
        assert "période d'essai jusqu'au 23/12/2026 au plus tard" in echeances
        assert "à valider dès qu'elle est confirmée" in echeances
        await choose(pilot, parcours.Action.VALIDATE_PERIODE_ESSAI)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DemandeurScreen)
        assert "Sorti" in shown(app, "#dem-title")
        assert "période d'essai validée le 23/11/2026" in shown(app, "#dem-echeances")


async def test_a_reorientation_to_axe3_any_month(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "PETIT")
        await choose(pilot, parcours.Action.REORIENT)
        vers = app.screen.query_one("#vers", Select)
        assert vers.value == "axe3"
        set_values(app, {"#concertation-date": "bientôt"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Accord des trois : Date invalide" in shown(app, "#action-error")
        set_values(app, {"#concertation-date": "23/11/2026"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DemandeurScreen)
        assert "Axe 3" in shown(app, "#dem-title")
        assert "Réorientation vers Axe 3" in shown(app, "#timeline")


async def test_documents_and_rendez_vous_from_the_demandeur_screen(
    caseload_db_path, tmp_path, monkeypatch
):
    import pypdf

    from tui.screens import documents as screen_documents

    monkeypatch.setattr(screen_documents, "fiches_dir", lambda: tmp_path / "Binome")
    monkeypatch.setattr("tui.files.fiches_dir", lambda: tmp_path / "Binome")
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        # The courrier needs a rendez-vous: refused, said in the dialog.
        await pilot.press("ctrl+o")
        await settle(pilot)
        listing = app.screen.query_one("#documents-list", OptionList)
        listing.highlighted = 1
        await pilot.press("enter")
        await settle(pilot)
        assert "aucun rendez-vous" in shown(app, "#documents-error")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+v")
        await settle(pilot)
        set_values(app, {"#rdv-jour": "30/11/2026", "#rdv-heure": "10:30"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DemandeurScreen)
        assert "Rendez-vous avec l'ASS le 30/11/2026 à 10:30" in shown(app, "#timeline")
        await pilot.press("ctrl+o")
        await settle(pilot)
        listing = app.screen.query_one("#documents-list", OptionList)
        listing.highlighted = 1
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DemandeurScreen)
        (saved,) = (tmp_path / "Binome").glob("courrier-*.pdf")
        assert "MARTIN" not in saved.name  # named by number
        text = "".join(p.extract_text() for p in pypdf.PdfReader(saved).pages)
        assert "le lundi 30 novembre 2026 à 10 h 30" in text
        assert any("Enregistré : " in n.message for n in notifications(app))  # save_document


async def test_a_rendez_vous_that_cannot_be_set_is_refused_before_its_form(caseload_db_path):
    """parcours.RDV_COURRIER: the rendez-vous with the ASS comes before the entry. Once the
    person has entered the accompagnement, ctrl+v says so at once, rather than after the
    day, the hour and the site were typed."""
    from tui.screens.dialogs.rendez_vous import RendezVousScreen

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "PETIT")
        await pilot.press("ctrl+v")
        await settle(pilot)
        assert not isinstance(app.screen, RendezVousScreen)
        assert isinstance(app.screen, DemandeurScreen)
        assert any("Rendez-vous impossible" in n.message for n in notifications(app))
        await pilot.press("escape")
        await open_demandeur(pilot, "MARTIN")
        await pilot.press("ctrl+v")
        await settle(pilot)
        assert isinstance(app.screen, RendezVousScreen)


async def test_an_ass_of_another_mds_is_named_only_with_a_reason(caseload_db_path):
    from tui.screens.dialogs.ass import OTHER_MDS
    from tui.screens.dialogs.other_ass import OtherAssScreen

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        await pilot.press("ctrl+d")
        await settle(pilot)
        options = app.screen.query_one("#ass-options", OptionList)
        last = options.option_count - 1
        assert options.get_option_at_index(last).id == OTHER_MDS
        options.highlighted = last
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OtherAssScreen)
        select = app.screen.query_one("#autre-ass", Select)
        values = [v for _, v in select._options if v is not Select.NULL]
        assert "ass-cm-01" in values and "ass-mtb-04" not in values  # other MDS only
        select.value = "ass-cm-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "La raison est obligatoire" in shown(app, "#autre-error")
        set_values(app, {"#autre-raison": "suivie à Moissac avant son déménagement"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DemandeurScreen)
        assert app.screen.demandeur.ass_id == "ass-cm-01"
        assert "hors MDS du domicile : suivie à Moissac" in shown(app, "#timeline")


async def test_the_three_decisions_in_the_fiche_de_liaison_form(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="ass-mtb-04", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert app.screen.query_one("#fl-decision_demandeur", Select).value is Select.NULL
        set_values(
            app,
            {
                "#fl-decision_demandeur": "axe3",
                "#fl-decision_conseiller": "axe3",
                "#fl-decision_ass": "non",
            },
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DemandeurScreen)
        fiche = shown(app, "#fiche-liaison")
        assert "Demandeur : Accompagnement social exclusif" in fiche
        assert "ASS : Ni l'un ni l'autre" in fiche
        # The ASS's « non »: the diagnostic towards axe 3 is refused, naming her.
        await choose(pilot, parcours.Action.VALIDATE_DIAGNOSTIC)
        assert app.screen.query_one("#decision-ass", Select).value == "non"
        set_values(app, {"#modalite": "separement", "#decision": "axe3"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "la décision de l'ASS n'est pas « oui » à l'accompagnement social exclusif" in (
            shown(app, "#action-error")
        )


async def test_the_indicateurs_screen_shows_the_year_by_month_and_the_map(caseload_db_path):
    from tui.screens.indicateurs import IndicateursScreen

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, IndicateursScreen)
        charts = shown(app, "#ind-charts")
        assert "2026, mois par mois" in charts
        assert "janv." in charts and "nov." in charts and "déc." not in charts
        # PETIT's diagnostic in May: the diagnostics series counts it, under May's bar.
        assert "Entretiens diagnostic réalisés : 1" in charts
        lines = charts.splitlines()
        figures = lines[lines.index("Entretiens diagnostic réalisés : 1") + 3]
        assert figures.split() == ["0", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0"]
        assert figures.index("1") == lines[
            lines.index("Entretiens diagnostic réalisés : 1") + 4
        ].index("mai")
        assert "·" in charts  # the communes of the map
        map_lines = charts.split("; · : communes")[1]
        grid = map_lines.split("  ● France Travail")[0]  # the map, above its legend
        assert "●" not in grid  # one person accompanied: no zone shown (secrecy)
        assert "Montauban" in grid and "Moissac" in grid  # the towns named as landmarks
        # g: the charts and the map take the whole screen, then give it back to the table.
        table = app.screen.query_one("#ind-table")
        await pilot.press("g")
        await settle(pilot)
        assert not table.display and app.focused is app.screen.query_one("#ind-charts-box")
        await pilot.press("g")
        await settle(pilot)
        assert table.display and app.focused is table


async def test_the_bilan_annuel_from_the_indicateurs_screen_for_those_who_pilot(caseload_db_path):
    """PERMISSIONS["bilan-annuel"]: a conseiller gets the PDF (b), an ASS is told why not."""
    import pypdf

    from tui.screens.fiche import fiches_dir

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        path = fiches_dir() / "bilan-annuel-2026.pdf"
        text = "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
        assert "Bilan annuel 2026 de l'approche globale" in text
        assert any(
            "Bilan annuel 2026 produit" in n.message and str(path) in n.message
            for n in notifications(app)
        )
        # Said to be under way first (it takes a second or two).
        said = [n.message for n in notifications(app) if "Bilan annuel 2026" in n.message]
        assert said[0] == "Bilan annuel 2026 en cours…"
    path.unlink()
    app = make_app(db_path=caseload_db_path, user="ass-mtb-04", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert any(
            "Le bilan annuel est produit par un conseiller" in n.message for n in notifications(app)
        )
        assert not path.exists()


async def test_served_the_document_is_a_download_and_not_kept_on_disk(
    caseload_db_path, tmp_path, monkeypatch
):
    from textual.app import App

    from tui.screens import documents as screen_documents

    monkeypatch.setattr(screen_documents, "fiches_dir", lambda: tmp_path / "Binome")
    monkeypatch.setattr("tui.files.fiches_dir", lambda: tmp_path / "Binome")
    monkeypatch.setattr(App, "is_web", property(lambda self: True))
    delivered = []
    monkeypatch.setattr(
        App, "deliver_binary", lambda self, f, **kw: delivered.append((f.read(), kw))
    )
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        await pilot.press("ctrl+o")
        await settle(pilot)
        app.screen.query_one("#documents-list", OptionList).highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        ((data, options),) = delivered
        assert data.startswith(b"%PDF")
        assert options["mime_type"] == "application/pdf"
        assert options["save_filename"].startswith("fiche-liaison-")
        assert not (tmp_path / "Binome").exists()


async def test_a_file_in_periode_essai_is_an_open_file_of_the_portefeuille(caseload_db_path):
    from caseload.acces import get_profil
    from caseload.database import open_project_database
    from caseload.store import Caseload
    from tui.screens.portefeuille import OUVERTS

    db = open_project_database(caseload_db_path)
    c = Caseload(db, get_profil(db, "cons-albasud-01"), clock=clock)
    petit = next(r["id"] for r in db.query("SELECT id, nom FROM demandeurs") if r["nom"] == "PETIT")
    c.apply(
        petit,
        parcours.Action.EXIT,
        TODAY,
        motif=parcours.MotifSortie.CDD,
        fin_periode_essai=date(2027, 1, 23),
        concertation=parcours.Concertation(TODAY, parcours.Means.FACE_A_FACE),
    )
    db.close()
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        app.screen.query_one("#pf-etat", Select).value = OUVERTS
        await settle(pilot)
        table = app.screen.query_one("#pf-table", ResultList)
        rows = {str(table.get_row_at(i)[0]): table.get_row_at(i) for i in range(table.row_count)}
        assert "Période d'essai" in [str(x) for x in rows["PETIT Julie"]]
        assert "période d'essai" in shown(app, "#pf-summary")


async def test_three_oui_to_axe3_set_the_diagnostics_decision(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        await choose(pilot, parcours.Action.VALIDATE_DIAGNOSTIC)
        assert app.screen.query_one("#decision", Select).value == "axe2"
        set_values(app, {"#decision-demandeur": "axe3", "#decision-conseiller": "axe3"})
        await settle(pilot)
        assert app.screen.query_one("#decision", Select).value == "axe2"  # not three yet
        set_values(app, {"#decision-ass": "axe3"})
        await settle(pilot)
        assert app.screen.query_one("#decision", Select).value == "axe3"
