"""Indicators of annexe 3 on a small dataset whose figures were computed by hand."""

from datetime import date

import pytest

from caseload import parcours
from caseload.acces import get_profil
from caseload.indicateurs import Period, compute
from caseload.store import Caseload
from seed.loader import load_demo_profils, open_seeded_database

TODAY = date(2026, 11, 23)


def fiche(nom, code="82121", decision="axe2", **extra):
    # Consent recorded (rgpd.CONSENT_REQUIRED), before every prescription here; the three
    # decisions (parcours.THREE_DECISIONS, issue 11) of the diagnostic partagé.
    return {
        "nom": nom,
        "prenom": "Test",
        "date_naissance": "1980-05-05",
        "code_insee": code,
        "consentement": True,
        "consentement_date": "2024-01-02",
        "decision_demandeur": decision,
        "decision_conseiller": decision,
        "decision_ass": decision,
        **extra,
    }


def accord(day):
    """parcours.CONCERTATION_REQUIRED (issue 11): the three agreed before an exit."""
    return parcours.Concertation(day, parcours.Means.FACE_A_FACE)


@pytest.fixture
def db(reference_db_path):
    db = open_seeded_database(reference_db_path, demo=False)  # a copy of the seeded template
    load_demo_profils(db)
    albasud = Caseload(db, get_profil(db, "cons-albasud-01"), clock=lambda: TODAY)
    castel = Caseload(db, get_profil(db, "cons-castel-01"), clock=lambda: TODAY)
    a, b, c = "ass-mtb-01", "ass-mtb-02", "ass-cm-01"
    # D1: France Travail, BRSA; entry on day 14; exit CDI after exactly 8 months.
    d1 = albasud.create(fiche("UN", brsa=True), prescription=date(2025, 1, 6), ass_id=a)
    albasud.apply(
        d1,
        parcours.Action.VALIDATE_DIAGNOSTIC,
        date(2025, 1, 13),
        decision=parcours.Axe.AXE2,
        modalite=parcours.Modality.TRIPARTITE,
    )
    albasud.apply(d1, parcours.Action.ENTER, date(2025, 1, 20))
    albasud.apply(
        d1,
        parcours.Action.EXIT,
        date(2025, 9, 20),
        motif=parcours.MotifSortie.CDI,
        concertation=accord(date(2025, 9, 20)),
    )
    # Its trial already over (its end not given): the conseiller validates it the same day.
    albasud.apply(d1, parcours.Action.VALIDATE_PERIODE_ESSAI, date(2025, 9, 20))
    # D2: Département; diagnostic orients to axe 3.
    d2 = albasud.create(
        fiche("DEUX", decision="axe3", initiateur="cd82"), prescription=date(2025, 3, 3), ass_id=b
    )
    albasud.apply(
        d2,
        parcours.Action.VALIDATE_DIAGNOSTIC,
        date(2025, 3, 10),
        decision=parcours.Axe.AXE3,
        modalite=parcours.Modality.TRIPARTITE,
    )
    albasud.apply(d2, parcours.Action.ENTER, date(2025, 3, 31))
    # D3: late entry (day 28); interrupted after exactly 4 months.
    d3 = albasud.create(fiche("TROIS"), prescription=date(2025, 5, 5), ass_id=a)
    albasud.apply(
        d3,
        parcours.Action.VALIDATE_DIAGNOSTIC,
        date(2025, 5, 12),
        decision=parcours.Axe.AXE2,
        modalite=parcours.Modality.TRIPARTITE,
    )
    albasud.apply(d3, parcours.Action.ENTER, date(2025, 6, 2))
    albasud.apply(
        d3,
        parcours.Action.EXIT,
        date(2025, 10, 2),
        motif=parcours.MotifSortie.ABSENCES_OU_REFUS,
        concertation=accord(date(2025, 10, 1)),
    )
    # D4: prescribed in December, nothing else yet.
    albasud.create(fiche("QUATRE"), prescription=date(2025, 12, 1))
    # D5: entered in 2024, still accompanied during 2025 (another agence, another ASS).
    d5 = castel.create(
        fiche("CINQ", "82033", initiateur="cd82"), prescription=date(2024, 11, 4), ass_id=c
    )
    castel.apply(
        d5,
        parcours.Action.VALIDATE_DIAGNOSTIC,
        date(2024, 11, 12),
        decision=parcours.Axe.AXE2,
        modalite=parcours.Modality.TRIPARTITE,
    )
    castel.apply(d5, parcours.Action.ENTER, date(2024, 11, 20))
    # D6: diagnostic that decides neither axe.
    d6 = albasud.create(fiche("SIX"), prescription=date(2025, 2, 3))
    albasud.apply(d6, parcours.Action.VALIDATE_DIAGNOSTIC, date(2025, 2, 10), decision=None)
    yield db
    db.close()


def test_year_figures_match_the_hand_count(db):
    """Annexe 3: « Nombre d’entretiens diagnostic réalisés », « Nombre de personnes intégrées
    en accompagnement global axe 2 », « … orientées en axe 3 », « … rSa entrés », « Durée
    moyenne », « sorties avec solution », « délai moyen d’entrée », « part d’orientations »."""
    ind = compute(db, Period.of(2025))
    assert ind.diagnostics == 4  # D1, D2, D3, D6 (D5's was in 2024)
    assert sum(ind.diagnostics_par_site.values()) == 4
    assert ind.integrations_axe2 == 2  # D1, D3
    assert ind.orientations_axe3 == 1  # D2
    assert ind.brsa_entres == 1  # D1
    assert ind.delai_moyen_entree_jours == 21.0  # (14 + 28) / 2
    assert ind.sorties_solution == 1  # D1, CDI
    # Issue 11: a file closed « sans suite » is one of the other outcomes (D6).
    assert ind.autres_resultats == {
        parcours.MotifSortie.ABSENCES_OU_REFUS.label: 1,
        "Classé sans suite (sans entrée en accompagnement)": 1,
    }
    assert ind.duree_moyenne_mois == 6.0  # (8 + 4) / 2
    assert (ind.orientations_france_travail, ind.orientations_departement) == (4, 1)
    assert ind.france_travail_share == 80.0
    assert ind.accompagnes_par_agence == {
        "France Travail Castelsarrasin": 1,  # D5
        "France Travail Montauban Albasud": 3,  # D1, D2, D3
    }
    assert ind.etp_conseillers == 3.0
    assert ind.ass_par_conseiller == 1.5  # Albasud works with 2 ASS, Castelsarrasin with 1


def test_quarter_figures(db):
    q3 = compute(db, Period.of(2025, 3))
    assert (q3.periode.debut, q3.periode.fin) == (date(2025, 7, 1), date(2025, 9, 30))
    assert q3.diagnostics == 0 and q3.integrations_axe2 == 0
    assert q3.sorties_solution == 1 and q3.autres_resultats == {}
    q4 = compute(db, Period.of(2025, 4))
    assert q4.autres_resultats == {parcours.MotifSortie.ABSENCES_OU_REFUS.label: 1}
    assert q4.orientations_france_travail == 1  # D4, prescribed 1 December


def test_an_empty_period_has_no_averages(db):
    ind = compute(db, Period.of(2023))
    assert ind.diagnostics == 0 and ind.duree_moyenne_mois is None
    assert ind.delai_moyen_entree_jours is None and ind.france_travail_share is None


def test_bad_periods_are_refused():
    from ressources.errors import BinomeError

    with pytest.raises(BinomeError):
        Period.of(2025, 5)
    with pytest.raises(BinomeError):
        Period.of(1850)
