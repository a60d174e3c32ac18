"""The targets of annexe 1, axe 2, §3 beside a conseiller's figures (this month, this year),
on a dataset counted by hand; and shown in the portefeuille. Frozen clock."""

from datetime import date

import pytest

from caseload import parcours
from caseload.acces import get_profil
from caseload.indicateurs import targets
from caseload.store import Caseload
from seed.loader import load_demo_profils, open_seeded_database

TODAY = date(2026, 11, 23)
OUI = {"demandeur": "axe2", "conseiller": "axe2", "ass": "axe2"}


@pytest.fixture
def db(reference_db_path):
    db = open_seeded_database(reference_db_path, demo=False)
    load_demo_profils(db)
    yield db
    db.close()


def test_figures_against_the_targets(db):
    c = Caseload(db, get_profil(db, "cons-albasud-01"), clock=lambda: TODAY)

    def prescribe(nom, day):
        data = {
            "nom": nom,
            "prenom": "T",
            "date_naissance": "1980-01-01",
            "code_insee": "82121",
            "consentement": True,
            "consentement_date": "2026-01-02",
        }
        return c.create(data, prescription=day, ass_id="ass-mtb-01")

    # In November: 2 prescriptions, 1 integration; earlier this year 1 more of each.
    a = prescribe("A", date(2026, 11, 2))
    c.apply(
        a,
        parcours.Action.VALIDATE_DIAGNOSTIC,
        date(2026, 11, 5),
        decision=parcours.Axe.AXE2,
        modalite=parcours.Modality.TRIPARTITE,
        decisions=OUI,
    )
    c.apply(a, parcours.Action.ENTER, date(2026, 11, 9))
    prescribe("B", date(2026, 11, 16))
    d = prescribe("D", date(2026, 3, 2))
    c.apply(
        d,
        parcours.Action.VALIDATE_DIAGNOSTIC,
        date(2026, 3, 5),
        decision=parcours.Axe.AXE2,
        modalite=parcours.Modality.TRIPARTITE,
        decisions=OUI,
    )
    c.apply(d, parcours.Action.ENTER, date(2026, 3, 9))
    # Last year: counts for neither.
    prescribe("E", date(2025, 12, 1))
    figures = {o.libelle: (o.valeur, o.cible) for o in targets(db, "cons-albasud-01", 1.0, TODAY)}
    assert figures == {
        "Intégrations ce mois": (1, 10),  # « intégrer 10 personnes par mois »
        "Prescriptions ce mois": (2, 20),  # « 20 prescriptions par mois »
        "Intégrations cette année": (2, 100),  # « 100 intégrations par ETP »
        "Prescriptions cette année": (3, 300),  # « 300 prescriptions par an »
        "File active (axe 2)": (2, 70),
    }
    half = {o.libelle: o.cible for o in targets(db, "cons-albasud-01", 0.5, TODAY)}
    assert half["Intégrations ce mois"] == 5 and half["File active (axe 2)"] == 35


async def test_the_portefeuille_shows_the_targets(caseload_db_path):
    from pilot import settle, shown

    from tui.app import make_app

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=lambda: TODAY)
    async with app.run_test(size=(150, 45)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        summary = shown(app, "#pf-summary")
        assert (
            "Objectifs : intégrations ce mois 0 / 10 · prescriptions ce mois 1 / 20" in summary
        )  # MARTIN
        assert "prescriptions cette année 3 / 300" in summary
