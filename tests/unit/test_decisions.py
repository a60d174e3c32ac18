"""The binôme decides together (issue 11): the three decisions, the ASS of the person's MDS,
the diagnostic's modality, the concertation of the three, réorientations at any time, the
période d'essai, and the BRSA / initiator flowing from the fiche to the parcours.

Every rule is in caseload/parcours.py (quoted from ../shared/seeds/000_1487f3af1521833f.txt,
annexe 1 axe 2 §2, §5, §6, axe 3, annexe 4), checked through caseload.store.Caseload.
The clock is frozen."""

from datetime import date

import pytest

from caseload import parcours
from caseload.acces import get_profil
from caseload.indicateurs import Period, compute
from caseload.store import Caseload
from seed.loader import load_demo_profils, open_seeded_database

TODAY = date(2026, 11, 23)
OUI_AG = {"demandeur": "axe2", "conseiller": "axe2", "ass": "axe2"}
OUI_SOCIAL = {"demandeur": "axe3", "conseiller": "axe3", "ass": "axe3"}


def accord(day: date, moyen: parcours.Means = parcours.Means.TELEPHONE) -> parcours.Concertation:
    return parcours.Concertation(day, moyen)


@pytest.fixture
def db(reference_db_path):
    db = open_seeded_database(reference_db_path, demo=False)
    load_demo_profils(db)
    yield db
    db.close()


def as_(db, profil_id: str) -> Caseload:
    return Caseload(db, get_profil(db, profil_id), clock=lambda: TODAY)


def prescribe(db, *, ass_id: str | None = "ass-mtb-01", code: str = "82121", **extra) -> int:
    """A Montauban demandeur, consent given, prescribed on 02/11/2026."""
    data = {
        "nom": "TESTEUR",
        "prenom": "Alix",
        "date_naissance": "1984-06-01",
        "code_insee": code,
        "consentement": True,
        "consentement_date": "2026-11-02",
        **extra,
    }
    return as_(db, "cons-albasud-01").create(data, prescription=date(2026, 11, 2), ass_id=ass_id)


def en_axe2(db, **extra) -> int:
    new = prescribe(db, **extra)
    c = as_(db, "cons-albasud-01")
    c.apply(
        new,
        parcours.Action.VALIDATE_DIAGNOSTIC,
        date(2026, 11, 5),
        decision=parcours.Axe.AXE2,
        decisions=OUI_AG,
        modalite=parcours.Modality.TRIPARTITE,
    )
    c.apply(new, parcours.Action.ENTER, date(2026, 11, 9))
    return new


# -- the three decisions -------------------------------------------------------------------
def test_axe2_needs_the_three_oui_each_refusal_names_who(db):
    """parcours.THREE_DECISIONS: « sur accord du demandeur d'emploi et sur décision concertée des
    deux professionnels »; the fiche's « DÉCISION SUITE AU DIAGNOSTIC PARTAGE »."""
    new = prescribe(db)
    c = as_(db, "cons-albasud-01")
    with pytest.raises(parcours.RuleViolation) as refused:
        c.apply(
            new,
            parcours.Action.VALIDATE_DIAGNOSTIC,
            date(2026, 11, 5),
            decision=parcours.Axe.AXE2,
            modalite=parcours.Modality.TRIPARTITE,
        )
    assert refused.value.rule == "THREE_DECISIONS"
    assert "il manque la décision du demandeur, du conseiller, de l'ASS" in str(refused.value)
    with pytest.raises(parcours.RuleViolation) as refused:
        c.apply(
            new,
            parcours.Action.VALIDATE_DIAGNOSTIC,
            date(2026, 11, 5),
            decision=parcours.Axe.AXE2,
            modalite=parcours.Modality.TRIPARTITE,
            decisions={**OUI_AG, "demandeur": "non"},
        )
    assert "la décision du demandeur n'est pas « oui » à l'entrée en accompagnement global" in (
        str(refused.value)
    )
    with pytest.raises(parcours.RuleViolation) as refused:
        c.apply(
            new,
            parcours.Action.VALIDATE_DIAGNOSTIC,
            date(2026, 11, 5),
            decision=parcours.Axe.AXE2,
            modalite=parcours.Modality.TRIPARTITE,
            decisions={**OUI_AG, "ass": "axe3"},
        )
    assert "de l'ASS n'est pas « oui »" in str(refused.value)
    assert c.get(new).parcours.etat is parcours.State.PRESCRIT
    outcome = c.apply(
        new,
        parcours.Action.VALIDATE_DIAGNOSTIC,
        date(2026, 11, 5),
        decision=parcours.Axe.AXE2,
        modalite=parcours.Modality.TRIPARTITE,
        decisions=OUI_AG,
    )
    assert outcome.parcours.etat is parcours.State.DIAGNOSTIC_VALIDE
    fiche = c.get(new).fiche
    assert (fiche.decision_demandeur, fiche.decision_conseiller, fiche.decision_ass) == (
        "axe2",
        "axe2",
        "axe2",
    )


def test_axe3_needs_the_three_oui_to_the_social_exclusif(db):
    new = prescribe(db)
    c = as_(db, "ass-mtb-01")
    with pytest.raises(parcours.RuleViolation) as refused:
        c.apply(
            new,
            parcours.Action.VALIDATE_DIAGNOSTIC,
            date(2026, 11, 5),
            decision=parcours.Axe.AXE3,
            modalite=parcours.Modality.TRIPARTITE,
            decisions=OUI_AG,
        )
    assert "l'accompagnement social exclusif" in str(refused.value)
    c.apply(
        new,
        parcours.Action.VALIDATE_DIAGNOSTIC,
        date(2026, 11, 5),
        decision=parcours.Axe.AXE3,
        modalite=parcours.Modality.TRIPARTITE,
        decisions=OUI_SOCIAL,
    )
    # A decision changed on the fiche before the entry: the entry is refused too.
    c.update_fiche(new, {"decision_conseiller": "non"})
    with pytest.raises(parcours.RuleViolation) as refused:
        c.apply(new, parcours.Action.ENTER, date(2026, 11, 9))
    assert refused.value.rule == "THREE_DECISIONS" and "du conseiller" in str(refused.value)


def test_a_diagnostic_that_decides_neither_needs_no_oui(db):
    new = prescribe(db, ass_id=None)
    outcome = as_(db, "cons-albasud-01").apply(
        new,
        parcours.Action.VALIDATE_DIAGNOSTIC,
        date(2026, 11, 5),
        decision=None,
        decisions={"demandeur": "non", "conseiller": "axe2", "ass": "non"},
    )
    assert outcome.parcours.etat is parcours.State.SANS_SUITE


def test_consent_is_still_checked_first(db):
    """Reuses rgpd.exiger_consentement (parcours.CONSENT_REQUIRED)."""
    new = prescribe(db, consentement=False, consentement_date=None)
    with pytest.raises(parcours.RuleViolation) as refused:
        as_(db, "cons-albasud-01").apply(
            new,
            parcours.Action.VALIDATE_DIAGNOSTIC,
            TODAY,
            decision=parcours.Axe.AXE2,
            modalite=parcours.Modality.TRIPARTITE,
            decisions=OUI_AG,
        )
    assert refused.value.rule == "CONSENT_REQUIRED"


# -- the ASS of the person's MDS -------------------------------------------------------------
def test_no_entry_without_an_ass(db):
    """parcours.ASS_IN_THE_DIAGNOSTIC: the diagnostic is made with « son binôme assistant(e) de
    service social »."""
    new = prescribe(db, ass_id=None)
    with pytest.raises(parcours.RuleViolation) as refused:
        as_(db, "cons-albasud-01").apply(
            new,
            parcours.Action.VALIDATE_DIAGNOSTIC,
            TODAY,
            decision=parcours.Axe.AXE2,
            modalite=parcours.Modality.TRIPARTITE,
            decisions=OUI_AG,
        )
    assert refused.value.rule == "ASS_IN_THE_DIAGNOSTIC"
    assert "aucune ASS n'est désignée" in str(refused.value)


def test_an_ass_of_another_mds_only_with_a_recorded_reason(db):
    """parcours.ASS_OF_THE_MDS: « le responsable de la maison départementale des solidarités du lieu
    d’habitation du demandeur d'emploi recherchera le travailleur social approprié »."""
    new = prescribe(db, ass_id=None)
    responsable = as_(db, "resp-montauban")
    with pytest.raises(parcours.RuleViolation) as refused:
        responsable.assign_ass(new, "ass-cm-01")
    assert refused.value.rule == "ASS_OF_THE_MDS"
    assert "Donnez la raison" in str(refused.value)
    assert as_(db, "cons-albasud-01").get(new).ass_id is None
    responsable.assign_ass(new, "ass-cm-01", raison="suivie à Moissac depuis 2024")
    assert as_(db, "cons-albasud-01").get(new).ass_id == "ass-cm-01"
    events = [e.libelle for e in as_(db, "cons-albasud-01").timeline(new)]
    assert any("hors MDS du domicile : suivie à Moissac depuis 2024" in e for e in events)
    # Named with a reason: the diagnostic with her is accepted.
    outcome = as_(db, "ass-cm-01").apply(
        new,
        parcours.Action.VALIDATE_DIAGNOSTIC,
        TODAY,
        decision=parcours.Axe.AXE2,
        modalite=parcours.Modality.TRIPARTITE,
        decisions=OUI_AG,
    )
    assert outcome.parcours.etat is parcours.State.DIAGNOSTIC_VALIDE


def test_an_ass_of_another_mds_named_at_prescription_blocks_the_diagnostic(db):
    new = prescribe(db, ass_id="ass-cm-01")
    with pytest.raises(parcours.RuleViolation) as refused:
        as_(db, "cons-albasud-01").apply(
            new,
            parcours.Action.VALIDATE_DIAGNOSTIC,
            TODAY,
            decision=parcours.Axe.AXE2,
            modalite=parcours.Modality.TRIPARTITE,
            decisions=OUI_AG,
        )
    assert refused.value.rule == "ASS_OF_THE_MDS"
    assert "n'est pas de la" in str(refused.value)


def test_an_ass_of_the_mds_needs_no_reason(db):
    new = prescribe(db, ass_id=None)
    as_(db, "resp-montauban").assign_ass(new, "ass-mtb-02")
    assert as_(db, "cons-albasud-01").get(new).ass_id == "ass-mtb-02"


# -- modality --------------------------------------------------------------------------------
def test_simple_retour_leaves_an_interview_due_for_the_ass(db):
    """parcours.SIMPLE_RETOUR_ENTRETIEN: « à charge pour lui de recevoir la personne en entretien
    individuel ultérieurement »."""
    new = prescribe(db)
    c = as_(db, "ass-mtb-01")
    c.apply(
        new,
        parcours.Action.VALIDATE_DIAGNOSTIC,
        date(2026, 11, 5),
        decision=parcours.Axe.AXE2,
        decisions=OUI_AG,
        modalite=parcours.Modality.SIMPLE_RETOUR,
    )
    p = c.get(new).parcours
    assert p.modalite is parcours.Modality.SIMPLE_RETOUR and p.entretien_ass_du
    alerts = [a for a in parcours.alerts(p, TODAY) if a.kind is parcours.AlertKind.ENTRETIEN_ASS]
    assert alerts and "doit encore recevoir la personne" in alerts[0].message
    assert parcours.Action.ENTRETIEN_ASS in parcours.allowed_actions(p, TODAY)
    with pytest.raises(parcours.RuleViolation):
        c.apply(new, parcours.Action.ENTRETIEN_ASS, date(2026, 11, 4))  # before the diagnostic
    c.apply(new, parcours.Action.ENTRETIEN_ASS, date(2026, 11, 12))
    p = c.get(new).parcours
    assert not p.entretien_ass_du and p.entretien_ass == date(2026, 11, 12)
    assert not [a for a in parcours.alerts(p, TODAY) if a.kind is parcours.AlertKind.ENTRETIEN_ASS]
    labels = [e.libelle for e in c.timeline(new)]
    assert any("par simple retour" in x for x in labels)
    assert parcours.Action.ENTRETIEN_ASS.label in labels


def test_tripartite_leaves_nothing_due():
    p = parcours.Parcours(prescription=date(2026, 11, 2), origine=parcours.Origin.FRANCE_TRAVAIL)
    done = parcours.validate_diagnostic(
        p, date(2026, 11, 5), parcours.Axe.AXE2, parcours.Modality.TRIPARTITE
    )
    assert not done.parcours.entretien_ass_du
    with pytest.raises(parcours.RuleViolation) as refused:
        parcours.record_entretien_ass(done.parcours, date(2026, 11, 6))
    assert refused.value.rule == "SIMPLE_RETOUR_ENTRETIEN"


# -- concertation ----------------------------------------------------------------------------
def test_exits_renewals_and_reorientations_record_the_agreement_of_the_three(db):
    """parcours.CONCERTATION_REQUIRED: « obligatoirement réalisées après concertation et accord du
    conseiller GLO et du travailleur social et de la personne accompagnée »."""
    new = en_axe2(db)
    c = as_(db, "cons-albasud-01")
    for action, options in (
        (parcours.Action.EXIT, {"motif": parcours.MotifSortie.DEMENAGEMENT}),
        (parcours.Action.REORIENT, {"vers": parcours.Axe.AXE3}),
    ):
        with pytest.raises(parcours.RuleViolation) as refused:
            c.apply(new, action, TODAY, **options)
        assert refused.value.rule == "CONCERTATION_REQUIRED"
        assert "face à face, téléphone ou courriel" in str(refused.value)
    with pytest.raises(parcours.RuleViolation) as refused:
        c.apply(
            new,
            parcours.Action.EXIT,
            date(2026, 11, 20),
            motif=parcours.MotifSortie.DEMENAGEMENT,
            concertation=accord(date(2026, 11, 21)),
        )
    assert "l'accord des trois la précède" in str(refused.value)
    c.apply(
        new,
        parcours.Action.EXIT,
        date(2026, 11, 20),
        motif=parcours.MotifSortie.DEMENAGEMENT,
        concertation=accord(date(2026, 11, 19), parcours.Means.MAIL),
    )
    p = c.get(new).parcours
    assert p.concertations == (
        parcours.Concertation(date(2026, 11, 19), parcours.Means.MAIL, "sortie"),
    )
    last = c.timeline(new)[-1].libelle
    assert "accord des trois le 19/11/2026 (courriel)" in last


def test_a_brsa_interruption_proposes_the_equipe_pluridisciplinaire(db):
    new = en_axe2(db, brsa=True)
    outcome = as_(db, "cons-albasud-01").apply(
        new,
        parcours.Action.EXIT,
        TODAY,
        motif=parcours.MotifSortie.DEMENAGEMENT,
        concertation=accord(TODAY),
    )
    assert parcours.Proposal.EQUIPE_PLURIDISCIPLINAIRE in outcome.proposals


# -- BRSA and initiator flow to the parcours ---------------------------------------------------
def test_ticking_brsa_after_creation_flows_to_the_parcours_and_its_proposals(db):
    new = en_axe2(db)
    c = as_(db, "cons-albasud-01")
    assert not c.get(new).parcours.brsa
    c.update_fiche(new, {"brsa": True})
    assert c.get(new).parcours.brsa
    assert "Bénéficiaire du RSA" in [e.libelle for e in c.timeline(new)]
    outcome = c.apply(
        new,
        parcours.Action.EXIT,
        TODAY,
        motif=parcours.MotifSortie.ABSENCES_OU_REFUS,
        concertation=accord(TODAY),
    )
    assert parcours.Proposal.EQUIPE_PLURIDISCIPLINAIRE in outcome.proposals


def test_changing_the_initiating_party_flows_to_the_indicators(db):
    new = prescribe(db)
    before = compute(db, Period.of(2026), today=TODAY)
    assert (before.orientations_france_travail, before.orientations_departement) == (1, 0)
    as_(db, "cons-albasud-01").update_fiche(new, {"initiateur": "cd82"})
    assert as_(db, "cons-albasud-01").get(new).parcours.origine is parcours.Origin.CD82
    after = compute(db, Period.of(2026), today=TODAY)
    assert (after.orientations_france_travail, after.orientations_departement) == (0, 1)


# -- réorientation at any time -------------------------------------------------------------------
def test_an_aggravation_at_month_two_goes_to_axe3_without_closing(db):
    """parcours.REORIENTATION_ANY_TIME: not bound to the month 5-6 bilan window."""
    new = en_axe2(db, brsa=True)
    c = as_(db, "cons-albasud-01")
    # The bilan route is refused at month 0-2 (window), the réorientation is not.
    with pytest.raises(parcours.RuleViolation):
        c.apply(new, parcours.Action.BILAN_REORIENTATION, TODAY, concertation=accord(TODAY))
    outcome = c.apply(
        new,
        parcours.Action.REORIENT,
        TODAY,
        vers=parcours.Axe.AXE3,
        concertation=accord(TODAY, parcours.Means.FACE_A_FACE),
    )
    p = outcome.parcours
    assert (
        p.etat is parcours.State.EN_ACCOMPAGNEMENT
        and p.axe is parcours.Axe.AXE3
        and p.debut_axe == TODAY
    )
    assert p.reorientations == (parcours.Reorientation(TODAY, parcours.Axe.AXE3),)
    assert parcours.Proposal.EQUIPE_PLURIDISCIPLINAIRE in outcome.proposals
    assert c.timeline(new)[-1].libelle.startswith("Réorientation vers Axe 3")
    # Back to axe 2 later: a new axe 2 period (the 18 months count from that return).
    back = parcours.reorient(p, date(2027, 1, 4), parcours.Axe.AXE2).parcours
    assert back.axe is parcours.Axe.AXE2 and parcours.max_end_date(back) == date(2028, 7, 4)
    with pytest.raises(parcours.RuleViolation) as refused:
        parcours.reorient(back, date(2027, 1, 5), parcours.Axe.AXE2)
    assert "déjà en" in str(refused.value)


def test_reorientation_towards_the_droit_commun_is_an_exit(db):
    new = en_axe2(db)
    outcome = as_(db, "cons-albasud-01").apply(
        new, parcours.Action.REORIENT, TODAY, vers=None, concertation=accord(TODAY)
    )
    assert outcome.parcours.etat is parcours.State.SORTI
    assert outcome.parcours.motif is parcours.MotifSortie.DROIT_COMMUN
    assert not parcours.MotifSortie.DROIT_COMMUN.positive


def test_reorientation_counts_in_the_indicators(db):
    new = en_axe2(db)
    as_(db, "cons-albasud-01").apply(
        new, parcours.Action.REORIENT, TODAY, vers=parcours.Axe.AXE3, concertation=accord(TODAY)
    )
    ind = compute(db, Period.of(2026), today=TODAY)
    assert ind.integrations_axe2 == 1 and ind.orientations_axe3 == 1


# -- période d'essai ---------------------------------------------------------------------------
def test_a_cdi_keeps_the_file_open_during_the_periode_essai(db):
    """parcours.PERIODE_ESSAI: « jusqu’à sa prise de poste et jusqu’à la validation de la période
    d’essai »."""
    new = en_axe2(db)
    c = as_(db, "cons-albasud-01")
    a16 = accord(date(2026, 11, 16))
    with pytest.raises(parcours.RuleViolation) as refused:
        c.apply(
            new,
            parcours.Action.EXIT,
            date(2026, 11, 16),
            motif=parcours.MotifSortie.SIAE,
            fin_periode_essai=date(2027, 1, 16),
            concertation=a16,
        )
    assert refused.value.rule == "PERIODE_ESSAI"
    with pytest.raises(parcours.RuleViolation):
        c.apply(
            new,
            parcours.Action.EXIT,
            date(2026, 11, 16),
            motif=parcours.MotifSortie.CDI,
            fin_periode_essai=date(2026, 11, 16),
            concertation=a16,
        )
    c.apply(
        new,
        parcours.Action.EXIT,
        date(2026, 11, 16),
        motif=parcours.MotifSortie.CDI,
        fin_periode_essai=date(2027, 1, 16),
        concertation=a16,
    )
    p = c.get(new).parcours
    assert p.etat is parcours.State.PERIODE_ESSAI and p.sortie is None
    assert p.etat.label == "En emploi — période d'essai"
    (alert,) = [a for a in parcours.alerts(p, TODAY) if a.kind is parcours.AlertKind.PERIODE_ESSAI]
    assert "jusqu'au 16/01/2027" in alert.message and not alert.overdue
    assert parcours.next_deadline(p).due == date(2027, 1, 16)
    assert parcours.allowed_actions(p, TODAY) == [parcours.Action.BREAK_PERIODE_ESSAI]
    # The last day of the trial: the alert says to validate; the exit is then dated.
    last = date(2027, 1, 16)
    (alert,) = [a for a in parcours.alerts(p, last) if a.kind is parcours.AlertKind.PERIODE_ESSAI]
    assert alert.overdue and "à valider par le conseiller" in alert.message
    with pytest.raises(parcours.RuleViolation) as refused:
        parcours.validate_periode_essai(p, date(2027, 1, 15))
    assert "court jusqu'au 16/01/2027" in str(refused.value)
    closed = parcours.validate_periode_essai(p, last).parcours
    assert closed.etat is parcours.State.SORTI and closed.sortie == last
    # Open during the trial: still counted in the portefeuille.
    assert [ligne.id for ligne in c.portefeuille(open_only=True)] == [new]


def test_a_cdd_or_cdi_without_an_end_date_still_opens_the_periode_essai(db):
    """parcours.PERIODE_ESSAI: « jusqu’à la validation de la période d’essai », whether or not the
    binôme knows when the trial ends; unknown, the legal maximum stands in
    (parcours.PERIODE_ESSAI_DUREE_LEGALE: two months for a CDI, one month for a CDD) and the
    conseiller validates as soon as the trial is confirmed."""
    new = en_axe2(db)
    c = as_(db, "cons-albasud-01")
    c.apply(
        new,
        parcours.Action.EXIT,
        date(2026, 11, 16),
        motif=parcours.MotifSortie.CDI,
        concertation=accord(date(2026, 11, 16)),
    )
    p = c.get(new).parcours
    assert p.etat is parcours.State.PERIODE_ESSAI and p.sortie is None
    assert p.fin_periode_essai == date(2027, 1, 16) and p.fin_periode_essai_estimee
    (alert,) = [a for a in parcours.alerts(p, TODAY) if a.kind is parcours.AlertKind.PERIODE_ESSAI]
    assert "jusqu'au 16/01/2027 au plus tard" in alert.message and not alert.overdue
    assert "à valider dès qu'elle est confirmée" in alert.message
    # Stored and shown: the line of the portefeuille carries the alert, the timeline the date.
    (ligne,) = [x for x in c.portefeuille(open_only=True) if x.id == new]
    assert ligne.etat == "periode-essai" and ligne.prochaine_echeance == "2027-01-16"
    assert any(a.kind is parcours.AlertKind.PERIODE_ESSAI for a in ligne.alerts)
    (event,) = [e for e in c.timeline(new) if e.action == parcours.Action.EXIT.value]
    assert "période d'essai jusqu'au 16/01/2027, au plus tard" in event.libelle
    # An estimated end does not hold the validation back; the prise de poste does.
    assert parcours.allowed_actions(p, TODAY) == [
        parcours.Action.VALIDATE_PERIODE_ESSAI,
        parcours.Action.BREAK_PERIODE_ESSAI,
    ]
    with pytest.raises(parcours.RuleViolation) as refused:
        parcours.validate_periode_essai(p, date(2026, 11, 15))
    assert refused.value.rule == "CHRONOLOGY"
    c.apply(new, parcours.Action.VALIDATE_PERIODE_ESSAI, TODAY)
    closed = c.get(new).parcours
    assert closed.etat is parcours.State.SORTI and closed.sortie == TODAY
    assert closed.motif is parcours.MotifSortie.CDI
    # A CDD's trial, at a bilan de sortie: one month at most.
    running = parcours.Parcours(
        prescription=date(2026, 1, 5),
        origine=parcours.Origin.CD82,
        diagnostic=date(2026, 1, 8),
        decision=parcours.Axe.AXE2,
        entree=date(2026, 1, 12),
        axe=parcours.Axe.AXE2,
        debut_axe=date(2026, 1, 12),
    )
    cdd = parcours.exit_with(running, date(2026, 3, 31), parcours.MotifSortie.CDD).parcours
    assert cdd.fin_periode_essai == date(2026, 4, 30) and cdd.etat is parcours.State.PERIODE_ESSAI
    assert parcours.RULES["PERIODE_ESSAI_DUREE_LEGALE"].quote.startswith("Sans date de fin connue")


def test_a_bilan_de_sortie_back_to_work_opens_the_periode_essai():
    """parcours.BILAN_BECOMES_EXIT and parcours.PERIODE_ESSAI: the bilan de sortie for a CDD keeps
    the file open through the trial, its end given or not."""
    p = parcours.Parcours(prescription=date(2026, 1, 5), origine=parcours.Origin.FRANCE_TRAVAIL)
    p = parcours.validate_diagnostic(p, date(2026, 1, 8), parcours.Axe.AXE2).parcours
    p = parcours.enter(p, date(2026, 1, 12)).parcours
    given = parcours.record_bilan(
        p,
        date(2026, 6, 20),
        parcours.BilanDecision.SORTIE,
        parcours.MotifSortie.CDD,
        date(2026, 7, 4),
    ).parcours
    assert given.etat is parcours.State.PERIODE_ESSAI and given.fin_periode_essai == date(
        2026, 7, 4
    )
    assert not given.fin_periode_essai_estimee
    estimated = parcours.record_bilan(
        p, date(2026, 6, 20), parcours.BilanDecision.SORTIE, parcours.MotifSortie.CDD
    ).parcours
    assert estimated.fin_periode_essai == date(2026, 7, 20) and estimated.fin_periode_essai_estimee
    training = parcours.record_bilan(
        p, date(2026, 6, 20), parcours.BilanDecision.SORTIE, parcours.MotifSortie.FORMATION
    ).parcours
    assert training.etat is parcours.State.SORTI


def test_a_broken_trial_resumes_the_accompaniment():
    p = parcours.Parcours(prescription=date(2026, 1, 5), origine=parcours.Origin.FRANCE_TRAVAIL)
    p = parcours.validate_diagnostic(p, date(2026, 1, 8), parcours.Axe.AXE2).parcours
    p = parcours.enter(p, date(2026, 1, 12)).parcours
    p = parcours.exit_with(p, date(2026, 3, 2), parcours.MotifSortie.CDD, date(2026, 5, 2)).parcours
    resumed = parcours.break_periode_essai(p, date(2026, 3, 20)).parcours
    assert resumed.etat is parcours.State.EN_ACCOMPAGNEMENT and resumed.motif is None
    assert parcours.max_end_date(resumed) == date(2027, 7, 12)  # the axe 2 stay goes on


def test_the_eighteen_month_rule_is_documented_with_the_national_sheet_difference():
    rule = parcours.RULES["EIGHTEEN_MONTHS_PER_AXE2_STAY"]
    assert rule.quote == "durée maximale : 18 mois."
    import inspect

    source = inspect.getsource(parcours)
    assert "12 mois. Reconduction possible pour 6 mois." in source


def test_each_member_records_their_own_steps(db):
    """parcours.STEP_ROLES: the ASS receives the person and tells an absence; the conseiller
    validates the exit after the période d'essai."""
    from ressources.errors import AccessDenied

    new = prescribe(db)
    ass, conseiller = as_(db, "ass-mtb-01"), as_(db, "cons-albasud-01")
    ass.apply(
        new,
        parcours.Action.VALIDATE_DIAGNOSTIC,
        date(2026, 11, 5),
        decision=parcours.Axe.AXE2,
        decisions=OUI_AG,
        modalite=parcours.Modality.SIMPLE_RETOUR,
    )
    with pytest.raises(AccessDenied) as refused:
        conseiller.apply(new, parcours.Action.ENTRETIEN_ASS, date(2026, 11, 6))
    assert "c'est l'ASS du binôme" in str(refused.value)
    ass.apply(new, parcours.Action.ENTRETIEN_ASS, date(2026, 11, 6))
    conseiller.apply(new, parcours.Action.ENTER, date(2026, 11, 9))
    conseiller.apply(
        new,
        parcours.Action.EXIT,
        date(2026, 11, 10),
        motif=parcours.MotifSortie.CDD,
        fin_periode_essai=date(2026, 11, 20),
        concertation=accord(date(2026, 11, 10)),
    )
    with pytest.raises(AccessDenied) as refused:
        ass.apply(new, parcours.Action.VALIDATE_PERIODE_ESSAI, TODAY)
    assert "c'est le conseiller du binôme" in str(refused.value)
    conseiller.apply(new, parcours.Action.VALIDATE_PERIODE_ESSAI, TODAY)
    p = conseiller.get(new).parcours
    assert (
        p.etat is parcours.State.SORTI and p.sortie == TODAY and p.motif is parcours.MotifSortie.CDD
    )
    assert not parcours.step_allowed_for(parcours.Action.VALIDATE_PERIODE_ESSAI, "ass")
    assert parcours.step_allowed_for(parcours.Action.EXIT, "ass")


def test_a_diagnostic_deciding_an_axe_says_its_modality(db):
    """parcours.DIAGNOSTIC_MODALITES: « tripartite ou séparément », or the ASS's simple retour."""
    new = prescribe(db)
    with pytest.raises(parcours.RuleViolation) as refused:
        as_(db, "cons-albasud-01").apply(
            new,
            parcours.Action.VALIDATE_DIAGNOSTIC,
            TODAY,
            decision=parcours.Axe.AXE2,
            decisions=OUI_AG,
        )
    assert refused.value.rule == "DIAGNOSTIC_MODALITES"
    assert "indiquez la modalité du diagnostic partagé" in str(refused.value)
    outcome = as_(db, "cons-albasud-01").apply(
        new,
        parcours.Action.VALIDATE_DIAGNOSTIC,
        TODAY,
        decision=parcours.Axe.AXE2,
        decisions=OUI_AG,
        modalite=parcours.Modality.SEPAREMENT,
    )
    assert outcome.parcours.modalite is parcours.Modality.SEPAREMENT
