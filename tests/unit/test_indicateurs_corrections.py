"""Annexe 3 indicators fixed by issue 11, on a small dataset counted by hand:
« sorties avec solution d’activité ou de formation » without « changement de modalité »,
diagnostics per site including the Montauban quartiers' sites, files closed « sans suite »
among the other outcomes, a future period refused, a période d'essai counted when validated."""

from datetime import date

import pytest

import caseload.parcours
from caseload.acces import get_profil
from caseload.database import open_project_database
from caseload.indicateurs import SANS_SUITE_LABEL, Period, compute, indicateurs_for
from caseload.store import Caseload
from ressources.errors import AccessDenied, BinomeError
from seed.loader import load_demo_profils, open_seeded_database

TODAY = date(2026, 11, 23)


def fiche(nom, code="82121", quartier=None, decision="axe2"):
    return {
        "nom": nom,
        "prenom": "Test",
        "date_naissance": "1980-05-05",
        "code_insee": code,
        "quartier": quartier,
        "consentement": True,
        "consentement_date": "2026-01-02",
        "decision_demandeur": decision,
        "decision_conseiller": decision,
        "decision_ass": decision,
    }


@pytest.fixture
def db(reference_db_path):
    db = open_seeded_database(reference_db_path, demo=False)
    load_demo_profils(db)
    yield db
    db.close()


def quartier_ass(db):
    """Two quartiers of Montauban on two different sites, and an ASS covering each."""
    rows = db.execute(
        "SELECT q.slug, s.nom, a.ass_id FROM quartiers q JOIN sites s ON s.id = q.site_id "
        "JOIN ass_secteurs a ON a.kind = 'quartier' AND a.code = q.slug "
        "JOIN profils p ON p.id = a.ass_id AND p.actif = 1 ORDER BY q.slug"
    ).fetchall()
    chosen, sites = [], set()
    for slug, site, ass in rows:
        if site not in sites:
            sites.add(site)
            chosen.append((slug, site, ass))
    assert len(chosen) >= 2
    return chosen[:2]


def test_hand_counted_year(db):
    c = Caseload(db, get_profil(db, "cons-albasud-01"), clock=lambda: TODAY)
    (q1, site1, ass1), (q2, site2, ass2) = quartier_ass(db)

    def accord(day):
        return {
            "concertation": caseload.parcours.Concertation(day, caseload.parcours.Means.FACE_A_FACE)
        }

    def parcours(nom, quartier, ass, motif=None, essai=None):
        new = c.create(fiche(nom, quartier=quartier), prescription=date(2026, 2, 2), ass_id=ass)
        c.apply(
            new,
            caseload.parcours.Action.VALIDATE_DIAGNOSTIC,
            date(2026, 2, 9),
            decision=caseload.parcours.Axe.AXE2,
            modalite=caseload.parcours.Modality.TRIPARTITE,
        )
        c.apply(new, caseload.parcours.Action.ENTER, date(2026, 2, 16))
        if motif is not None:
            c.apply(
                new,
                caseload.parcours.Action.EXIT,
                date(2026, 6, 16),
                motif=motif,
                fin_periode_essai=essai,
                **accord(date(2026, 6, 15)),
            )
        return new

    # A: quartier 1, CDI on 16/06, the end of its trial not given (two months at most,
    # parcours.PERIODE_ESSAI_DUREE_LEGALE): validated on 01/07 once confirmed -> a solution.
    a = parcours("A", q1, ass1, caseload.parcours.MotifSortie.CDI)
    c.apply(a, caseload.parcours.Action.VALIDATE_PERIODE_ESSAI, date(2026, 7, 1))
    # B: quartier 2, exit « changement de modalité » -> NOT a solution, another outcome.
    parcours("B", q2, ass2, caseload.parcours.MotifSortie.CHANGEMENT_MODALITE)
    # C: quartier 1, CDD with a période d'essai to 16/08, validated on 20/08 -> a solution.
    essai = parcours("C", q1, ass1, caseload.parcours.MotifSortie.CDD, essai=date(2026, 8, 16))
    # D: quartier 2, CDI with a trial still running on TODAY -> not an exit yet.
    parcours("D", q2, ass2, caseload.parcours.MotifSortie.CDI, essai=date(2026, 12, 16))
    c.apply(essai, caseload.parcours.Action.VALIDATE_PERIODE_ESSAI, date(2026, 8, 20))
    # E: prescribed, then closed sans suite.
    e = c.create(fiche("E"), prescription=date(2026, 3, 2))
    c.apply(
        e,
        caseload.parcours.Action.CLOSE_WITHOUT_ENTRY,
        date(2026, 3, 30),
        raison="absent au rendez-vous",
    )

    ind = compute(db, Period.of(2026), today=TODAY)
    assert ind.diagnostics == 4  # A, B, C, D
    assert ind.diagnostics_par_site == {site1: 2, site2: 2}  # the quartiers' sites
    assert ind.sorties_solution == 2  # A (CDI), C (CDD, validated)
    assert ind.autres_resultats == {
        caseload.parcours.MotifSortie.CHANGEMENT_MODALITE.label: 1,  # B
        SANS_SUITE_LABEL: 1,  # E
    }
    # Durations, to the sortie: A 16/02 -> 01/07 = 4 months + 15/30, B 4 months
    # (16/02 -> 16/06), C 16/02 -> 20/08 = 6 months + 4/31.
    assert ind.duree_moyenne_mois == round((4 + 15 / 30 + 4 + 6 + 4 / 31) / 3, 1)
    # A sortie counts in the period of its validation, not of the prise de poste: A took up
    # its CDI in June (T2) and is counted in July (T3) with C, validated in August.
    assert compute(db, Period.of(2026, 2), today=TODAY).sorties_solution == 0
    assert compute(db, Period.of(2026, 3), today=TODAY).sorties_solution == 2


def test_a_future_period_is_refused_in_french(db):
    with pytest.raises(BinomeError) as refused:
        compute(db, Period.of(2027), today=TODAY)
    assert "La période 2027 n'a pas commencé" in str(refused.value)
    with pytest.raises(BinomeError):
        compute(db, Period.of(2026, 4), today=date(2026, 9, 30))
    # The current period is computed (its first day included).
    assert compute(db, Period.of(2026, 4), today=date(2026, 10, 1)).diagnostics == 0


def test_the_cli_refuses_a_future_year(demo_db_path, capsys):
    from tui.cli import main

    argv = ["--db", str(demo_db_path), "--user", "admin", "indicateurs", "--annee", "2099"]
    assert main(argv) == 1
    assert "n'a pas commencé" in capsys.readouterr().err


@pytest.mark.parametrize("who", ["caf-82-01", "asso-82-01", None])
def test_the_indicators_are_not_for_a_partner_nor_for_nobody(demo_db_path, capsys, who):
    # acces.PERMISSIONS["indicateurs"], checked by indicateurs_for (the screen's and the
    # command's way in): counts by site and month, a few people in a small commune.
    from tui.cli import main

    user = ["--user", who] if who else []
    assert main(["--db", str(demo_db_path), *user, "indicateurs", "--annee", "2026"]) == 1
    out, err = capsys.readouterr()
    assert "réservés aux équipes de France Travail et du Département" in err and not out
    db = open_project_database(demo_db_path)
    with pytest.raises(AccessDenied):
        indicateurs_for(db, get_profil(db, who) if who else None, Period.of(2026))
    for allowed in ("cons-albasud-01", "ass-mtb-01", "resp-montauban", "admin"):
        assert indicateurs_for(db, get_profil(db, allowed), Period.of(2026)).diagnostics > 0
    db.close()


def test_people_and_events_are_counted_apart(db):
    """« Nombre de personnes intégrées… / orientées en axe 3 » count people: a return to an axe
    the person was already in is one more réorientation (an event), not one more person."""
    c = Caseload(db, get_profil(db, "cons-albasud-01"), clock=lambda: TODAY)
    new = c.create(fiche("VA-ET-VIENT"), prescription=date(2026, 1, 5), ass_id="ass-mtb-01")
    c.apply(
        new,
        caseload.parcours.Action.VALIDATE_DIAGNOSTIC,
        date(2026, 1, 8),
        decision=caseload.parcours.Axe.AXE2,
        modalite=caseload.parcours.Modality.TRIPARTITE,
    )
    c.apply(new, caseload.parcours.Action.ENTER, date(2026, 1, 12))
    for day, vers in (
        (date(2026, 3, 2), caseload.parcours.Axe.AXE3),
        (date(2026, 6, 1), caseload.parcours.Axe.AXE2),
        (date(2026, 9, 1), caseload.parcours.Axe.AXE3),
    ):
        c.apply(
            new,
            caseload.parcours.Action.REORIENT,
            day,
            vers=vers,
            concertation=caseload.parcours.Concertation(day, caseload.parcours.Means.TELEPHONE),
        )
    ind = compute(db, Period.of(2026), today=TODAY)
    assert ind.integrations_axe2 == 1  # one person, entered in January
    assert ind.orientations_axe3 == 1  # the same person, first sent to axe 3 in March
    assert ind.reorientations == 3  # three events
    assert ("Réorientations entre axes (événements)", "3") in ind.lignes()
