"""Rules of the parcours (caseload/parcours.py), checked on fixed dates.

Each test quotes the convention line it checks. The expected dates are worked out by hand
in the comments, never computed with the module under test.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import date, timedelta

import pytest

from caseload import parcours as rules
from caseload.parcours import (
    RULES,
    Action,
    AlertKind,
    Axe,
    BilanDecision,
    BilanKind,
    MotifSortie,
    Origin,
    Parcours,
    Proposal,
    RuleViolation,
    State,
    add_months,
    alerts,
    allowed_actions,
    allowed_motifs,
    bilan_window,
    close_without_entry,
    duration_months,
    enter,
    entry_delay_days,
    exit_with,
    is_entry_late,
    max_end_date,
    next_deadline,
    record_bilan,
    record_relance,
    validate_diagnostic,
    validate_periode_essai,
)

# A prescription on Friday 1 March 2024: day 21 is 22 March, day 22 is 23 March.
PRESCRIPTION = date(2024, 3, 1)


def prescrit(brsa: bool = False, on: date = PRESCRIPTION) -> Parcours:
    return Parcours(prescription=on, origine=Origin.FRANCE_TRAVAIL, brsa=brsa)


def in_axe2(entree: date = date(2024, 1, 15), brsa: bool = False) -> Parcours:
    """Prescribed 10 days before ``entree``, diagnostic 5 days before, entered ``entree``."""
    p = prescrit(brsa=brsa, on=entree - timedelta(days=10))
    p = validate_diagnostic(p, entree - timedelta(days=5), Axe.AXE2).parcours
    return enter(p, entree).parcours


def in_axe3(start: date = date(2024, 3, 10), brsa: bool = False) -> Parcours:
    """Prescribed 1 March 2024, diagnostic on ``start`` deciding axe 3, entered the same day."""
    p = validate_diagnostic(prescrit(brsa=brsa), start, Axe.AXE3).parcours
    return enter(p, start).parcours


def kinds(found: list) -> list[AlertKind]:
    return [alert.kind for alert in found]


# ---------------------------------------------------------------------------- month arithmetic


def test_add_months_clamps_31_january_to_the_end_of_february():
    """« durée minimum : 6 mois » — months are calendar months, the day clamped."""
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)  # 2024 is a leap year
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2024, 1, 31), 2) == date(2024, 3, 31)


def test_add_months_31_august_plus_6_months_lands_on_the_last_day_of_february():
    """« durée minimum : 6 mois » — 31 August + 6 months is the end of February."""
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)


def test_add_months_across_years_and_backwards():
    """« durée maximale : 18 mois » — periods cross years; 29 February + 12 months."""
    assert add_months(date(2024, 11, 15), 3) == date(2025, 2, 15)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert add_months(date(2024, 1, 15), 18) == date(2025, 7, 15)


def test_periods_are_counted_from_the_entry_not_chained():
    """« Le réexamen de chaque situation est fixé à six mois (bilan intermédiaire réalisé
    entre le 5ème et le 6ème). » — after a renewal the next window is still counted from the
    entry: 31 August + 12 months is 31 August, not 29 August (29 Feb + 6 months)."""
    p = in_axe2(entree=date(2023, 8, 31))
    # month 5 = 31 Jan 2024, month 6 = 29 Feb 2024 (leap year)
    assert bilan_window(p) == (date(2024, 1, 31), date(2024, 2, 29))
    p = record_bilan(p, date(2024, 2, 1), BilanDecision.CONTINUE).parcours
    # month 11 = 31 Jul 2024, month 12 = 31 Aug 2024
    assert bilan_window(p) == (date(2024, 7, 31), date(2024, 8, 31))
    # month 18 = 28 Feb 2025
    assert max_end_date(p) == date(2025, 2, 28)


# ------------------------------------------------------------------------------------ entry


def test_entry_on_day_21_is_on_time():
    """« Au plus tard, le demandeur d’emploi devra intégrer l’accompagnement global dans
    les 21 jours. » — 1 March + 21 days = 22 March: on time."""
    p = validate_diagnostic(prescrit(), date(2024, 3, 10), Axe.AXE2).parcours
    outcome = enter(p, date(2024, 3, 22))
    assert outcome.parcours.etat is State.EN_ACCOMPAGNEMENT
    assert entry_delay_days(outcome.parcours) == 21
    assert not is_entry_late(outcome.parcours)
    assert outcome.warnings == ()


def test_entry_on_day_22_is_accepted_but_flagged_late():
    """« Au plus tard, le demandeur d’emploi devra intégrer l’accompagnement global dans
    les 21 jours. » — 23 March is day 22: accepted, flagged."""
    p = validate_diagnostic(prescrit(), date(2024, 3, 10), Axe.AXE2).parcours
    outcome = enter(p, date(2024, 3, 23))
    assert outcome.parcours.etat is State.EN_ACCOMPAGNEMENT
    assert entry_delay_days(outcome.parcours) == 22
    assert is_entry_late(outcome.parcours)
    assert len(outcome.warnings) == 1
    assert "22 jours" in outcome.warnings[0]


def test_entry_delay_is_unknown_before_the_entry():
    """Indicator « délai moyen d’entrée (en jours) » — nothing to count before the entry."""
    p = validate_diagnostic(prescrit(), date(2024, 3, 10), Axe.AXE2).parcours
    assert entry_delay_days(p) is None
    assert not is_entry_late(p)


def test_entry_before_the_diagnostic_is_validated_is_refused():
    """« L'entrée en accompagnement global se fait dès lors que ce diagnostic partagé est
    réalisé » (fiche nationale)."""
    with pytest.raises(RuleViolation) as refused:
        enter(prescrit(), date(2024, 3, 5))
    assert refused.value.rule == "ENTRY_AFTER_DIAGNOSTIC"
    assert "diagnostic partagé" in refused.value.message


def test_entry_dated_before_the_diagnostic_date_is_refused():
    """« L'entrée en accompagnement global se fait dès lors que ce diagnostic partagé est
    réalisé » — an entry on 9 March precedes a diagnostic validated on 10 March."""
    p = validate_diagnostic(prescrit(), date(2024, 3, 10), Axe.AXE2).parcours
    with pytest.raises(RuleViolation) as refused:
        enter(p, date(2024, 3, 9))
    assert refused.value.rule == "ENTRY_AFTER_DIAGNOSTIC"
    assert enter(p, date(2024, 3, 10)).parcours.entree == date(2024, 3, 10)


def test_diagnostic_deciding_no_accompagnement_closes_and_entry_is_refused():
    """Annexe 4 « Décision entrée ACCO Glo : OUI NON / Accompagnement social exclusif :
    OUI NON » — both NON: the parcours ends without entry."""
    closed = validate_diagnostic(prescrit(), date(2024, 3, 10), None).parcours
    assert closed.etat is State.SANS_SUITE
    assert closed.sortie == date(2024, 3, 10)
    with pytest.raises(RuleViolation):
        enter(closed, date(2024, 3, 11))
    assert allowed_actions(closed, date(2024, 3, 11)) == []
    # Stored data where the diagnostic decided nothing but the parcours was left open.
    undecided = Parcours(PRESCRIPTION, Origin.CD82, diagnostic=date(2024, 3, 10))
    with pytest.raises(RuleViolation) as refused:
        enter(undecided, date(2024, 3, 11))
    assert refused.value.rule == "ENTRY_AFTER_DIAGNOSTIC"


def test_diagnostic_cannot_precede_the_prescription():
    """The diagnostic partagé follows the prescription (Annexe 1, axe 2, §2)."""
    with pytest.raises(RuleViolation) as refused:
        validate_diagnostic(prescrit(), date(2024, 2, 29), Axe.AXE2)
    assert refused.value.rule == "CHRONOLOGY"


def test_axe3_decision_for_a_brsa_demandeur_proposes_the_equipe_pluridisciplinaire():
    """« si le demandeur est BrSa, le binôme propose une réorientation sociale via
    l’Équipe Pluridisciplinaire » (axe 3, diagnostic partagé)."""
    brsa = validate_diagnostic(prescrit(brsa=True), date(2024, 3, 10), Axe.AXE3)
    assert brsa.proposals == (Proposal.EQUIPE_PLURIDISCIPLINAIRE,)
    other = validate_diagnostic(prescrit(brsa=False), date(2024, 3, 10), Axe.AXE3)
    assert other.proposals == ()
    axe2 = validate_diagnostic(prescrit(brsa=True), date(2024, 3, 10), Axe.AXE2)
    assert axe2.proposals == ()


def test_axe3_entry_is_not_held_to_the_21_days_of_axe_2():
    """« Au plus tard, le demandeur d’emploi devra intégrer l’accompagnement global dans
    les 21 jours. » — written for axe 2 (accompagnement global) only."""
    p = validate_diagnostic(prescrit(), date(2024, 3, 20), Axe.AXE3).parcours
    outcome = enter(p, date(2024, 3, 31))
    assert entry_delay_days(outcome.parcours) == 30
    assert not is_entry_late(outcome.parcours)
    assert outcome.warnings == ()
    assert outcome.parcours.axe is Axe.AXE3


# ------------------------------------------------------------------- axe 2: bilan window


def test_bilan_window_is_closed_the_day_before_month_5_and_open_at_month_5():
    """« bilan intermédiaire réalisé entre le 5ème et le 6ème » — entry 15 January 2024:
    month 5 is 15 June, month 6 is 15 July."""
    p = in_axe2()
    assert bilan_window(p) == (date(2024, 6, 15), date(2024, 7, 15))
    with pytest.raises(RuleViolation) as refused:
        record_bilan(p, date(2024, 6, 14), BilanDecision.CONTINUE)
    assert refused.value.rule == "BILAN_WINDOW_OPENS_AT_MONTH"
    before = allowed_actions(p, date(2024, 6, 14))
    assert Action.BILAN_CONTINUE not in before
    assert Action.BILAN_SORTIE not in before
    assert Action.EXIT in before  # a positive exit can happen any day
    opened = allowed_actions(p, date(2024, 6, 15))
    assert {Action.BILAN_CONTINUE, Action.BILAN_REORIENTATION, Action.BILAN_SORTIE} <= set(opened)
    renewed = record_bilan(p, date(2024, 6, 15), BilanDecision.CONTINUE).parcours
    assert renewed.renouvellements == 1
    assert renewed.bilans[-1].kind is BilanKind.INTERMEDIAIRE
    assert not renewed.bilans[-1].late


def test_bilan_alert_15_days_before_month_6_due_on_month_6_overdue_after():
    """« Le réexamen de chaque situation est fixé à six mois » — due 15 July 2024; the
    alert starts 15 days before (30 June) and turns overdue on 16 July."""
    p = in_axe2()
    assert AlertKind.BILAN not in kinds(alerts(p, date(2024, 6, 29)))
    (soon,) = [a for a in alerts(p, date(2024, 6, 30)) if a.kind is AlertKind.BILAN]
    assert soon.due == date(2024, 7, 15)
    assert not soon.overdue
    (due,) = [a for a in alerts(p, date(2024, 7, 15)) if a.kind is AlertKind.BILAN]
    assert not due.overdue
    (late,) = [a for a in alerts(p, date(2024, 7, 16)) if a.kind is AlertKind.BILAN]
    assert late.overdue
    assert "retard" in late.message
    assert next_deadline(p).due == date(2024, 7, 15)


def test_late_bilan_is_recorded_with_a_warning():
    """« bilan intermédiaire réalisé entre le 5ème et le 6ème » — on 16 July it is late."""
    outcome = record_bilan(in_axe2(), date(2024, 7, 16), BilanDecision.CONTINUE)
    assert outcome.parcours.bilans[-1].late
    assert len(outcome.warnings) == 1
    assert "15/07/2024" in outcome.warnings[0]


# ------------------------------------------------------------------- axe 2: renewals, 18 months


def test_two_renewals_are_accepted_and_the_third_is_refused():
    """« durée minimum : 6 mois, renouvelable 2 fois » — entry 15 January 2024: windows
    open 15 June 2024 (month 5), 15 December 2024 (month 11), 15 June 2025 (month 17)."""
    p = record_bilan(in_axe2(), date(2024, 6, 20), BilanDecision.CONTINUE).parcours
    assert p.renouvellements == 1
    with pytest.raises(RuleViolation) as early:
        record_bilan(p, date(2024, 12, 14), BilanDecision.CONTINUE)
    assert early.value.rule == "BILAN_WINDOW_OPENS_AT_MONTH"
    p = record_bilan(p, date(2024, 12, 15), BilanDecision.CONTINUE).parcours
    assert p.renouvellements == 2
    assert bilan_window(p) == (date(2025, 6, 15), date(2025, 7, 15))
    with pytest.raises(RuleViolation) as third:
        record_bilan(p, date(2025, 6, 16), BilanDecision.CONTINUE)
    assert third.value.rule == "MAX_RENEWALS"
    assert "renouvelable 2 fois" in third.value.message
    actions = allowed_actions(p, date(2025, 6, 16))
    assert Action.BILAN_CONTINUE not in actions
    assert Action.BILAN_SORTIE in actions


def test_no_continuation_at_or_beyond_18_months_even_with_a_renewal_left():
    """« durée maximale : 18 mois. » — entry 15 January 2024 ends on 15 July 2025; a very
    late second bilan on 14 July 2025 may still renew, not on 15 July 2025."""
    p = record_bilan(in_axe2(), date(2024, 6, 20), BilanDecision.CONTINUE).parcours
    assert max_end_date(p) == date(2025, 7, 15)
    assert record_bilan(p, date(2025, 7, 14), BilanDecision.CONTINUE).parcours.renouvellements == 2
    with pytest.raises(RuleViolation) as refused:
        record_bilan(p, date(2025, 7, 15), BilanDecision.CONTINUE)
    assert refused.value.rule == "MAX_DURATION_MONTHS"
    assert "18 mois" in refused.value.message
    assert Action.BILAN_CONTINUE not in allowed_actions(p, date(2025, 7, 15))


def test_18_month_alert_30_days_before_and_overdue_after():
    """« durée maximale : 18 mois. » — end 15 July 2025: alert from 15 June 2025 (30 days
    before), overdue from 16 July 2025."""
    p = record_bilan(in_axe2(), date(2024, 6, 20), BilanDecision.CONTINUE).parcours
    p = record_bilan(p, date(2024, 12, 20), BilanDecision.CONTINUE).parcours
    assert alerts(p, date(2025, 6, 14)) == []
    (soon,) = alerts(p, date(2025, 6, 15))
    assert soon.kind is AlertKind.DUREE_MAXIMALE
    assert soon.due == date(2025, 7, 15)
    assert not soon.overdue
    (on_the_day,) = alerts(p, date(2025, 7, 15))
    assert not on_the_day.overdue
    (passed,) = alerts(p, date(2025, 7, 16))
    assert passed.overdue
    assert "sortie est due" in passed.message
    assert next_deadline(p).due == date(2025, 7, 15)


def test_bilan_deciding_sortie_becomes_the_bilan_de_sortie_and_needs_a_motif():
    """« En cas d’arrêt de l’accompagnement le bilan intermédiaire devient bilan de
    sortie. »"""
    p = in_axe2()
    with pytest.raises(RuleViolation) as refused:
        record_bilan(p, date(2024, 6, 20), BilanDecision.SORTIE)
    assert refused.value.rule == "EXIT_MOTIF_REQUIRED"
    outcome = record_bilan(p, date(2024, 6, 20), BilanDecision.SORTIE, MotifSortie.FORMATION)
    exited = outcome.parcours
    assert exited.etat is State.SORTI
    assert exited.sortie == date(2024, 6, 20)
    assert exited.motif is MotifSortie.FORMATION
    assert exited.bilans[-1].decision is BilanDecision.SORTIE
    assert exited.bilans[-1].kind is BilanKind.INTERMEDIAIRE


def test_bilan_reorientation_from_axe_2_to_axe_3():
    """Annexe 4 « réorientation axe 2 vers axe 3 » — the axe 3 period starts on the bilan
    (20 June 2024): its mid-period bilan is due 20 December 2024."""
    outcome = record_bilan(in_axe2(brsa=True), date(2024, 6, 20), BilanDecision.REORIENTATION)
    p = outcome.parcours
    assert p.axe is Axe.AXE3
    assert p.debut_axe == date(2024, 6, 20)
    assert p.entree == date(2024, 1, 15)
    assert next_deadline(p).due == date(2024, 12, 20)
    assert outcome.proposals == (Proposal.EQUIPE_PLURIDISCIPLINAIRE,)


# ------------------------------------------------------------------------------------ sorties


def test_exit_without_motif_is_refused_and_changes_nothing():
    """Annexe 3 « Nombre de sorties avec solution d’activité ou de formation » — each exit
    must say which one it is."""
    p = in_axe2()
    with pytest.raises(RuleViolation) as refused:
        exit_with(p, date(2024, 3, 1), None)
    assert refused.value.rule == "EXIT_MOTIF_REQUIRED"
    assert "motif" in refused.value.message
    assert p.etat is State.EN_ACCOMPAGNEMENT
    with pytest.raises(FrozenInstanceError):
        p.sortie = date(2024, 3, 1)  # type: ignore[misc]


def test_positive_exits_are_those_of_section_6():
    """« Les cas de sortie positive de l’accompagnement : » CDD, CDI, entrée en SIAE,
    formation longue et/ou qualifiante, création d’activité, changement de modalité."""
    positive = {m for m in MotifSortie if m.positive}
    assert positive == {
        MotifSortie.CDD,
        MotifSortie.CDI,
        MotifSortie.SIAE,
        MotifSortie.FORMATION,
        MotifSortie.CREATION_ACTIVITE,
        MotifSortie.CHANGEMENT_MODALITE,
    }
    assert not MotifSortie.DEMENAGEMENT.positive
    assert not MotifSortie.AGGRAVATION_SOCIALE.positive


def test_cessation_d_inscription_needs_two_relances():
    """« cessation d’inscription du DE à Pôle emploi et après deux relances »."""
    p = in_axe2()
    with pytest.raises(RuleViolation) as none:
        exit_with(p, date(2024, 3, 1), MotifSortie.CESSATION_INSCRIPTION)
    assert none.value.rule == "RELANCES_BEFORE_CESSATION"
    p = record_relance(p, date(2024, 2, 1)).parcours
    with pytest.raises(RuleViolation) as one:
        exit_with(p, date(2024, 3, 1), MotifSortie.CESSATION_INSCRIPTION)
    assert one.value.rule == "RELANCES_BEFORE_CESSATION"
    assert MotifSortie.CESSATION_INSCRIPTION not in allowed_motifs(p, date(2024, 3, 1))
    p = record_relance(p, date(2024, 2, 15)).parcours
    assert MotifSortie.CESSATION_INSCRIPTION in allowed_motifs(p, date(2024, 3, 1))
    exited = exit_with(p, date(2024, 3, 1), MotifSortie.CESSATION_INSCRIPTION).parcours
    assert exited.etat is State.SORTI
    assert exited.motif is MotifSortie.CESSATION_INSCRIPTION


def test_brsa_interruption_proposes_the_equipe_pluridisciplinaire():
    """« Quand il s’agit d’un DE BrSa, le conseiller PE propose un passage en équipe
    pluridisciplinaire pour réexamen de la situation de la personne. »"""
    brsa = exit_with(in_axe2(brsa=True), date(2024, 3, 1), MotifSortie.ABSENCES_OU_REFUS)
    assert brsa.proposals == (Proposal.EQUIPE_PLURIDISCIPLINAIRE,)
    assert brsa.parcours.etat is State.SORTI  # a proposal, not a block
    other = exit_with(in_axe2(brsa=False), date(2024, 3, 1), MotifSortie.ABSENCES_OU_REFUS)
    assert other.proposals == ()
    positive = exit_with(in_axe2(brsa=True), date(2024, 3, 1), MotifSortie.CDI)
    assert positive.proposals == ()


def test_aggravation_of_the_social_situation_proposes_axe_3():
    """« aggravation de la situation sociale nécessitant une prise en charge sociale (au
    titre de l’axe 3) »."""
    other = exit_with(in_axe2(), date(2024, 3, 1), MotifSortie.AGGRAVATION_SOCIALE)
    assert other.proposals == (Proposal.ORIENTATION_AXE3,)
    brsa = exit_with(in_axe2(brsa=True), date(2024, 3, 1), MotifSortie.AGGRAVATION_SOCIALE)
    assert set(brsa.proposals) == {Proposal.ORIENTATION_AXE3, Proposal.EQUIPE_PLURIDISCIPLINAIRE}


def test_exit_is_only_possible_from_an_accompagnement():
    """« Les sorties de l’accompagnement global » — nothing to leave before the entry."""
    with pytest.raises(RuleViolation) as refused:
        exit_with(prescrit(), date(2024, 3, 5), MotifSortie.CDI)
    assert refused.value.rule == "PARCOURS_STATE"
    exited = exit_with(in_axe2(), date(2024, 3, 1), MotifSortie.CDI).parcours
    with pytest.raises(RuleViolation):
        exit_with(exited, date(2024, 3, 2), MotifSortie.CDD)


def test_exit_cannot_precede_the_entry():
    """Dates follow each other: an exit on 14 January precedes an entry on 15 January."""
    with pytest.raises(RuleViolation) as refused:
        exit_with(in_axe2(), date(2024, 1, 14), MotifSortie.CDI)
    assert refused.value.rule == "CHRONOLOGY"


def test_exit_after_18_months_is_recorded_with_a_warning():
    """« durée maximale : 18 mois. » — end 15 July 2025; an exit on 1 August 2025 is
    recorded as it happened, flagged."""
    p = record_bilan(in_axe2(), date(2024, 6, 20), BilanDecision.CONTINUE).parcours
    p = record_bilan(p, date(2024, 12, 20), BilanDecision.CONTINUE).parcours
    outcome = exit_with(p, date(2025, 8, 1), MotifSortie.FORMATION)
    assert outcome.parcours.sortie == date(2025, 8, 1)
    assert len(outcome.warnings) == 1
    assert "15/07/2025" in outcome.warnings[0]
    assert exit_with(p, date(2025, 7, 15), MotifSortie.FORMATION).warnings == ()


# ------------------------------------------------------------------------------------ axe 3


def test_axe3_bilan_at_mid_period_then_evaluation_at_12_months():
    """« à minima en milieu de période (6 mois) » (avenant) and « évaluation au terme de
    12 mois » — start 10 March 2024: bilan 10 September 2024, evaluation 10 March 2025."""
    p = in_axe3()
    assert next_deadline(p).due == date(2024, 9, 10)
    outcome = record_bilan(p, date(2024, 9, 5), BilanDecision.CONTINUE)
    p = outcome.parcours
    assert p.bilans[-1].kind is BilanKind.MILIEU_PERIODE
    assert p.renouvellements == 0
    assert next_deadline(p).due == date(2025, 3, 10)


def test_axe3_evaluation_alert_15_days_before_and_overdue_after():
    """« évaluation au terme de 12 mois » — due 10 March 2025: alert from 23 February 2025
    (15 days before), overdue from 11 March 2025."""
    p = record_bilan(in_axe3(), date(2024, 9, 5), BilanDecision.CONTINUE).parcours
    assert alerts(p, date(2025, 2, 22)) == []
    (soon,) = alerts(p, date(2025, 2, 23))
    assert soon.kind is AlertKind.EVALUATION_AXE3
    assert soon.due == date(2025, 3, 10)
    assert not soon.overdue
    (late,) = alerts(p, date(2025, 3, 11))
    assert late.overdue


def test_axe3_mid_period_bilan_alert_when_missing():
    """« à minima en milieu de période (6 mois) » — due 10 September 2024, overdue on the
    11th."""
    p = in_axe3()
    assert alerts(p, date(2024, 8, 25)) == []
    (soon,) = alerts(p, date(2024, 8, 26))
    assert (soon.kind, soon.due, soon.overdue) == (AlertKind.BILAN, date(2024, 9, 10), False)
    (late,) = alerts(p, date(2024, 9, 11))
    assert (late.kind, late.overdue) == (AlertKind.BILAN, True)


def test_axe3_evaluation_may_renew_for_another_12_months():
    """« faire un bilan et décider d’un éventuel renouvellement, ou d’une orientation vers
    l’axe 2 » — renewed on 10 March 2025: next bilan 10 September 2025, evaluation
    10 March 2026."""
    p = record_bilan(in_axe3(), date(2024, 9, 5), BilanDecision.CONTINUE).parcours
    p = record_bilan(p, date(2025, 3, 10), BilanDecision.CONTINUE).parcours
    assert p.bilans[-1].kind is BilanKind.EVALUATION
    assert p.renouvellements == 1
    assert next_deadline(p).due == date(2025, 9, 10)
    p = record_bilan(p, date(2025, 9, 1), BilanDecision.CONTINUE).parcours
    assert next_deadline(p).due == date(2026, 3, 10)


def test_axe3_reorientation_to_axe2_starts_an_axe2_period():
    """« décider d’un éventuel renouvellement, ou d’une orientation vers l’axe 2 » —
    réorientation on 12 March 2025: bilan window 12 August – 12 September 2025, 18-month
    end 12 September 2026."""
    p = record_bilan(in_axe3(), date(2024, 9, 5), BilanDecision.CONTINUE).parcours
    p = record_bilan(p, date(2025, 3, 12), BilanDecision.REORIENTATION).parcours
    assert p.bilans[-1].kind is BilanKind.EVALUATION
    assert p.axe is Axe.AXE2
    assert p.debut_axe == date(2025, 3, 12)
    assert p.entree == date(2024, 3, 10)
    assert bilan_window(p) == (date(2025, 8, 12), date(2025, 9, 12))
    assert max_end_date(p) == date(2026, 9, 12)


# ------------------------------------------------------------------- alerts, allowed actions


def test_entry_overdue_alert_from_day_22():
    """« Au plus tard, le demandeur d’emploi devra intégrer l’accompagnement global dans
    les 21 jours. » — prescribed 1 March 2024, overdue from 23 March."""
    p = prescrit()
    assert alerts(p, date(2024, 3, 22)) == []
    (late,) = alerts(p, date(2024, 3, 23))
    assert (late.kind, late.due, late.overdue) == (AlertKind.ENTREE, date(2024, 3, 22), True)
    validated = validate_diagnostic(p, date(2024, 3, 20), Axe.AXE2).parcours
    assert kinds(alerts(validated, date(2024, 3, 23))) == [AlertKind.ENTREE]
    closed = close_without_entry(p, date(2024, 3, 20), "absence au rendez-vous").parcours
    assert alerts(closed, date(2024, 3, 23)) == []
    entered = enter(validated, date(2024, 3, 25)).parcours
    assert AlertKind.ENTREE not in kinds(alerts(entered, date(2024, 3, 26)))


def test_allowed_actions_along_a_parcours():
    """Each step in its order: prescription, diagnostic partagé, entrée, sortie."""
    p = prescrit()
    assert allowed_actions(p, date(2024, 2, 29)) == []  # before the prescription
    assert allowed_actions(p, date(2024, 3, 1)) == [
        Action.VALIDATE_DIAGNOSTIC,
        Action.CLOSE_WITHOUT_ENTRY,
    ]
    p = validate_diagnostic(p, date(2024, 3, 10), Axe.AXE2).parcours
    assert allowed_actions(p, date(2024, 3, 10)) == [Action.ENTER, Action.CLOSE_WITHOUT_ENTRY]
    p = enter(p, date(2024, 3, 15)).parcours
    # month 5 = 15 August 2024: no bilan before; a réorientation at any time (issue 11)
    assert allowed_actions(p, date(2024, 4, 1)) == [
        Action.RECORD_RELANCE,
        Action.EXIT,
        Action.REORIENT,
    ]
    assert allowed_actions(p, date(2024, 8, 15)) == [
        Action.RECORD_RELANCE,
        Action.BILAN_CONTINUE,
        Action.BILAN_REORIENTATION,
        Action.BILAN_SORTIE,
        Action.EXIT,
        Action.REORIENT,
    ]
    p = exit_with(p, date(2024, 8, 15), MotifSortie.FORMATION).parcours
    assert allowed_actions(p, date(2024, 8, 16)) == []
    assert allowed_motifs(p, date(2024, 8, 16)) == []


def test_close_without_entry_needs_a_reason():
    """A prescription that leads nowhere is closed with its reason (no silent closure)."""
    with pytest.raises(RuleViolation) as refused:
        close_without_entry(prescrit(), date(2024, 3, 5), "  ")
    assert refused.value.rule == "EXIT_MOTIF_REQUIRED"
    closed = close_without_entry(prescrit(), date(2024, 3, 5), "Refus du demandeur").parcours
    assert closed.etat is State.SANS_SUITE
    assert closed.raison_sans_suite == "Refus du demandeur"


def test_duration_in_months_for_the_average_duration_indicator():
    """Annexe 3 « Durée moyenne des accompagnements (en mois) »."""
    p = in_axe2()  # entry 15 January 2024
    exited = exit_with(p, date(2024, 7, 15), MotifSortie.FORMATION).parcours
    assert duration_months(exited, date(2030, 1, 1)) == 6.0  # the exit date counts, not today
    # Back to work, the sortie is the validation of the période d'essai (parcours.PERIODE_ESSAI).
    trial = exit_with(p, date(2024, 7, 15), MotifSortie.CDI, date(2024, 9, 15)).parcours
    assert duration_months(trial, date(2024, 8, 15)) == 7.0  # still accompanied
    validated = validate_periode_essai(trial, date(2024, 9, 16)).parcours
    assert duration_months(validated, date(2030, 1, 1)) == pytest.approx(8 + 1 / 30)
    # 15 January -> 30 January: 15 days of a 31-day month (15 January -> 15 February)
    assert duration_months(p, date(2024, 1, 30)) == pytest.approx(15 / 31)
    assert duration_months(prescrit(), date(2024, 3, 30)) is None
    month_end = in_axe2(entree=date(2024, 1, 31))
    assert duration_months(month_end, date(2024, 2, 29)) == 1.0


# ------------------------------------------------------------------------------------ rules


def test_every_rule_is_a_named_constant_with_its_source():
    """Every rule lives in one named place quoting its source line."""
    for name, rule in RULES.items():
        assert hasattr(rules, name), name
        assert rule.quote
        if rule.from_convention:
            assert rule.source.split(",")[0].endswith(".txt"), name


def test_rule_violation_names_the_rule_in_french():
    """« durée minimum : 6 mois, renouvelable 2 fois » — the refusal quotes the rule."""
    p = record_bilan(in_axe2(), date(2024, 6, 20), BilanDecision.CONTINUE).parcours
    p = record_bilan(p, date(2024, 12, 20), BilanDecision.CONTINUE).parcours
    with pytest.raises(RuleViolation) as refused:
        record_bilan(p, date(2025, 6, 20), BilanDecision.CONTINUE)
    assert refused.value.source.startswith(rules.CONVENTION)
    assert str(refused.value).startswith("Renouvellement refusé")
    assert "« durée minimum : 6 mois, renouvelable 2 fois »" in str(refused.value)
