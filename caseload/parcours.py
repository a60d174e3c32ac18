"""Rules of a parcours in the Accompagnement Global of Tarn-et-Garonne (axes 2 and 3).

Everything the convention says about the life of a parcours lives here, each rule in one
named place quoting its source line. The module is pure: no UI, no database, no clock.
Every function that needs "today" receives it, so the 21-day, 6-month and 18-month rules
are tested on fixed dates.

A :class:`Parcours` is immutable. Each transition (``validate_diagnostic``, ``enter``,
``record_relance``, ``record_bilan``, ``exit_with``, ``reorient``, ``record_entretien_ass``,
``record_absence``, ``validate_periode_essai``, ``break_periode_essai``,
``close_without_entry``) either raises
:class:`RuleViolation` (a French message naming the rule) or returns an :class:`Outcome`:
the new parcours, the proposals the convention asks the binôme to make, and warnings
(late entry, late bilan...) that do not block.

The binôme decides together (issue 11): the checks that need more than the parcours — the
three decisions of the fiche (:func:`check_decisions`), the ASS of the person's MDS
(``ASS_OF_THE_MDS``), the concertation of the three (:func:`check_concertation`), who records
which step (:data:`STEP_ROLES`) — are called by ``caseload.store.Caseload.apply``, with the
consent of ``caseload.rgpd.exiger_consentement``.

Sources, in ``/work/shared/seeds/``:

- ``000_1487f3af1521833f.txt``: the convention, Annexe 1 (axe 2 §2, §5, §6; axe 3) and
  Annexe 4 (fiche de liaison, « BILAN DE L'ACCOMPAGNEMENT ET DÉCISION »);
- ``001_6fe812dc18e617ae.txt``: avenant n°1 (axe 3 bilans);
- ``003_f3690b3e54b330ff.txt``: the national action sheet (entry after the diagnostic).
"""

from __future__ import annotations

import calendar
import enum
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ressources.errors import BinomeError
from ressources.text import counted

CONVENTION = "000_1487f3af1521833f.txt"
AVENANT = "001_6fe812dc18e617ae.txt"
FICHE_NATIONALE = "003_f3690b3e54b330ff.txt"
BINOME = "Binôme"


# --------------------------------------------------------------------------------------------
# The rules, each with its source line
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One rule: the name of the constant that holds it, where it is written, what it says."""

    name: str
    source: str
    quote: str

    @property
    def from_convention(self) -> bool:
        """True when the rule is written in a convention text (not a choice of Binôme)."""
        return self.source != BINOME


RULES: dict[str, Rule] = {}


def _rule(name: str, source: str, quote: str) -> Rule:
    rule = Rule(name=name, source=source, quote=quote)
    RULES[name] = rule
    return rule


ENTRY_DEADLINE_DAYS = 21
_rule(
    "ENTRY_DEADLINE_DAYS",
    f"{CONVENTION}, Annexe 1, axe 2, §2 (diagnostic partagé)",
    "Au plus tard, le demandeur d’emploi devra intégrer l’accompagnement global dans les 21 jours.",
)

ENTRY_AFTER_DIAGNOSTIC = _rule(
    "ENTRY_AFTER_DIAGNOSTIC",
    f"{FICHE_NATIONALE}, « Prescription et conditions d'intégration »",
    "L'entrée en accompagnement global se fait dès lors que ce diagnostic partagé est "
    "réalisé, sur accord du demandeur d'emploi et sur décision concertée des deux "
    "professionnels.",
)

# One period of axe 2 lasts 6 months and can be renewed twice.
PERIOD_MONTHS = 6
MAX_RENEWALS = 2
_rule(
    "PERIOD_MONTHS",
    f"{CONVENTION}, Annexe 1, axe 2, §5",
    "durée minimum : 6 mois, renouvelable 2 fois",
)
_rule(
    "MAX_RENEWALS",
    f"{CONVENTION}, Annexe 1, axe 2, §5",
    "durée minimum : 6 mois, renouvelable 2 fois",
)

# Annexe 1, axe 2, §3: « Ce fonctionnement devant permettre d’avoir toujours 70 demandeurs
# d’emploi suivis en « file active » en axe 2 par ETP. » (the avenant says 70 to 100)
FILE_ACTIVE_TARGET = 70
# The volumes of Annexe 1, axe 2, §3, per conseiller à temps plein (scaled by the ETP).
INTEGRATIONS_PER_MONTH = 10
_rule(
    "INTEGRATIONS_PER_MONTH",
    f"{CONVENTION}, Annexe 1, axe 2, §3",
    "La cible moyenne retenue est d’intégrer 10 personnes par mois et par conseiller à temps "
    "plein.",
)
PRESCRIPTIONS_PER_MONTH = 20
_rule(
    "PRESCRIPTIONS_PER_MONTH",
    f"{CONVENTION}, Annexe 1, axe 2, §3",
    "une cible de 20 prescriptions par mois est à rechercher",
)
PRESCRIPTIONS_PER_YEAR = 300
INTEGRATIONS_PER_YEAR = 100
_rule(
    "PRESCRIPTIONS_PER_YEAR",
    f"{CONVENTION}, Annexe 1, axe 2, §3",
    "l’examen de 300 prescriptions par an devant permettre d’atteindre les 100 intégrations "
    "par ETP conseiller GLO et par an recherchées.",
)
MAX_DURATION_MONTHS = 18
_rule("MAX_DURATION_MONTHS", f"{CONVENTION}, Annexe 1, axe 2, §5", "durée maximale : 18 mois.")

# The bilan intermédiaire of a period is done between its 5th and 6th month.
BILAN_WINDOW_OPENS_AT_MONTH = 5
_rule(
    "BILAN_WINDOW_OPENS_AT_MONTH",
    f"{CONVENTION}, Annexe 1, axe 2, §5",
    "Le réexamen de chaque situation est fixé à six mois (bilan intermédiaire réalisé entre "
    "le 5ème et le 6ème).",
)

BILAN_BECOMES_EXIT = _rule(
    "BILAN_BECOMES_EXIT",
    f"{CONVENTION}, Annexe 1, axe 2, §5",
    "En cas d’arrêt de l’accompagnement le bilan intermédiaire devient bilan de sortie.",
)

# The convention lists the exits (positive ones and interruptions) and counts them in the
# indicators: an exit must therefore say which one it is.
EXIT_MOTIF_REQUIRED = _rule(
    "EXIT_MOTIF_REQUIRED",
    f"{CONVENTION}, Annexe 1, axe 2, §6 et Annexe 3 (indicateurs)",
    "Nombre de sorties avec solution d’activité ou de formation",
)

RELANCES_BEFORE_CESSATION = 2
_rule(
    "RELANCES_BEFORE_CESSATION",
    f"{CONVENTION}, Annexe 1, axe 2, §6",
    "cessation d’inscription du DE à Pôle emploi et après deux relances",
)

BRSA_EQUIPE_PLURIDISCIPLINAIRE = _rule(
    "BRSA_EQUIPE_PLURIDISCIPLINAIRE",
    f"{CONVENTION}, Annexe 1, axe 2, §6",
    "Quand il s’agit d’un DE BrSa, le conseiller PE propose un passage en équipe "
    "pluridisciplinaire pour réexamen de la situation de la personne.",
)

AGGRAVATION_TO_AXE3 = _rule(
    "AGGRAVATION_TO_AXE3",
    f"{CONVENTION}, Annexe 1, axe 2, §6",
    "aggravation de la situation sociale nécessitant une prise en charge sociale (au titre "
    "de l’axe 3)",
)

AXE3_BRSA_EQUIPE_PLURIDISCIPLINAIRE = _rule(
    "AXE3_BRSA_EQUIPE_PLURIDISCIPLINAIRE",
    f"{CONVENTION}, Annexe 1, axe 3 (diagnostic partagé)",
    "si le demandeur est BrSa, le binôme propose une réorientation sociale via l’Équipe "
    "Pluridisciplinaire",
)

AXE2_TO_AXE3 = _rule(
    "AXE2_TO_AXE3",
    f"{CONVENTION}, Annexe 4 (bilan de l'accompagnement et décision)",
    "réorientation axe 2 vers axe 3",
)

AXE3_BILAN_MONTHS = 6
_rule(
    "AXE3_BILAN_MONTHS",
    f"{AVENANT}, article 2.2, axe 3",
    "à minima en milieu de période (6 mois)",
)

AXE3_EVALUATION_MONTHS = 12
_rule(
    "AXE3_EVALUATION_MONTHS",
    f"{CONVENTION}, Annexe 1, axe 3",
    "L’accompagnement social de l'axe 3 doit obligatoirement faire l'objet d'une évaluation "
    "au terme de 12 mois",
)

AXE3_TO_AXE2 = _rule(
    "AXE3_TO_AXE2",
    f"{CONVENTION}, Annexe 1, axe 3",
    "Chaque étape est l’occasion d’un échange entre l’assistant(e) de service social et le "
    "conseiller et le demandeur d’emploi pour faire un bilan et décider d’un éventuel "
    "renouvellement, ou d’une orientation vers l’axe 2.",
)

# The diagnostic partagé and the entry into axe 2 or 3 need the consentement éclairé recorded
# on the fiche de liaison (enforced by caseload.rgpd.exiger_consentement, which knows the fiche).
CONSENT_REQUIRED = _rule(
    "CONSENT_REQUIRED",
    f"{AVENANT}, article 6 (déontologie et protection des données)",
    "Principe de respect du consentement éclairé de toute personne à être accompagnée",
)

# -- the binôme decides together (issue 11) ----------------------------------------------------
DIAGNOSTIC_MODALITES = _rule(
    "DIAGNOSTIC_MODALITES",
    f"{CONVENTION}, Annexe 1, axe 2, §2 (diagnostic partagé)",
    "Le diagnostic partagé peut se faire de façon tripartite ou séparément selon les "
    "disponibilités du conseiller global et du travailleur social.",
)
SIMPLE_RETOUR_ENTRETIEN = _rule(
    "SIMPLE_RETOUR_ENTRETIEN",
    f"{CONVENTION}, Annexe 1, axe 2, §2 (diagnostic partagé)",
    "si le demandeur d’emploi est déjà connu du travailleur social, celui-ci peut valider le "
    "diagnostic du conseiller global par simple retour via fil’r mentionnant son accord, à "
    "charge pour lui de recevoir la personne en entretien individuel ultérieurement.",
)
# The fiche de liaison has three decision blocks (demandeur, conseiller, travailleur social),
# each « Décision entrée ACCO Glo : OUI NON » and « Accompagnement social exclusif : OUI NON ».
THREE_DECISIONS = _rule(
    "THREE_DECISIONS",
    f"{FICHE_NATIONALE}, « Prescription et conditions d'intégration »; {CONVENTION}, Annexe 4 "
    "(« DÉCISION SUITE AU DIAGNOSTIC PARTAGE »)",
    "L'entrée en accompagnement global se fait dès lors que ce diagnostic partagé est "
    "réalisé, sur accord du demandeur d'emploi et sur décision concertée des deux "
    "professionnels.",
)
ASS_OF_THE_MDS = _rule(
    "ASS_OF_THE_MDS",
    f"{CONVENTION}, Annexe 1, axe 2, §2",
    "le responsable de la maison départementale des solidarités du lieu d’habitation du "
    "demandeur d'emploi recherchera le travailleur social approprié.",
)
ASS_IN_THE_DIAGNOSTIC = _rule(
    "ASS_IN_THE_DIAGNOSTIC",
    f"{CONVENTION}, Annexe 1, axe 3 (diagnostic partagé)",
    "Un diagnostic partagé est établi entre le conseiller Pôle emploi et son binôme "
    "assistant(e) de service social, à partir des fiches de liaison.",
)
# Exits (§6), renewals (§5: « Le conseiller et le travailleur social conviennent de la
# nécessité de poursuivre ») and réorientations (axe 3: « un échange entre l’assistant(e) de
# service social et le conseiller et le demandeur d’emploi ») record the three's agreement.
CONCERTATION_REQUIRED = _rule(
    "CONCERTATION_REQUIRED",
    f"{CONVENTION}, Annexe 1, axe 2, §6",
    "Les sorties de l’accompagnement global sont obligatoirement réalisées après concertation "
    "et accord du conseiller GLO et du travailleur social et de la personne accompagnée. Cette "
    "concertation peut être réalisée par divers moyens de communication (face à face, "
    "téléphone, e-mail...).",
)
PERIODE_ESSAI = _rule(
    "PERIODE_ESSAI",
    f"{CONVENTION}, Annexe 1, axe 2, §6 (et §4 : « un suivi systématique dès la reprise "
    "d’emploi par le DE pendant sa période d’essai »)",
    "le conseiller Accompagnement Global accompagne le demandeur d’emploi jusqu’à sa prise de "
    "poste et jusqu’à la validation de la période d’essai",
)
# A réorientation is not bound to the bilan window: the aggravation of §6 (axe 2 → 3) may come
# at any month, axe 3 goes back to axe 2 at any « étape », and the fiche's bilan offers
# « réorientation vers droit commun ».
REORIENTATION_ANY_TIME = _rule(
    "REORIENTATION_ANY_TIME",
    f"{CONVENTION}, Annexe 1, axe 2, §6; axe 3; Annexe 4 (bilan de l'accompagnement)",
    "aggravation de la situation sociale nécessitant une prise en charge sociale (au titre "
    "de l’axe 3)",
)
DROIT_COMMUN = _rule(
    "DROIT_COMMUN",
    f"{CONVENTION}, Annexe 4 (bilan de l'accompagnement et décision)",
    "réorientation vers droit commun",
)
# The person not known to the MDS: the responsable names the ASS, a rendez-vous is set and a
# courrier sent; an absence is told to the conseiller.
RDV_COURRIER = _rule(
    "RDV_COURRIER",
    f"{CONVENTION}, Annexe 1, axe 2, §2",
    "Un courrier sera adressé au demandeur d’emploi avec le nom du travailleur social et un "
    "rendez-vous.",
)
ABSENCE_RDV = _rule(
    "ABSENCE_RDV",
    f"{CONVENTION}, Annexe 1, axe 2, §2",
    "En cas d’absence du demandeur d’emploi au rendez-vous fixé, le travailleur social "
    "informera le conseiller Accompagnement Global via la fiche de liaison",
)
# How the 18 months count across réorientations. Annexe 1, axe 2, §5 bounds *axe 2*
# (« Durée de l’accompagnement en axe 2 ... durée maximale : 18 mois »): the clock is the
# current stay in axe 2 (``debut_axe``), so a person who went to axe 3 and came back starts a
# new axe 2 period of 6 months, renewable twice, up to 18 months from that return. Time in
# axe 3 is bounded by its own 12-month evaluation. The national action sheet
# (003_f3690b3e54b330ff.txt: « 12 mois. Reconduction possible pour 6 mois. ») differs; the
# code follows the 2023 departmental annexe, which is the convention in force. The indicators
# measure the whole accompaniment, from the first entry to the sortie (``duration_months``).
EIGHTEEN_MONTHS_PER_AXE2_STAY = _rule(
    "EIGHTEEN_MONTHS_PER_AXE2_STAY",
    f"{CONVENTION}, Annexe 1, axe 2, §5",
    "durée maximale : 18 mois.",
)

# Not in the convention: Binôme's own checks that keep a parcours coherent.
PARCOURS_STATE = _rule(
    "PARCOURS_STATE", BINOME, "Chaque étape suit l'ordre prescription, diagnostic, entrée, sortie."
)
CHRONOLOGY = _rule(
    "CHRONOLOGY", BINOME, "Un événement ne peut pas précéder un événement déjà enregistré."
)

# Not in the convention: how early the portefeuille warns (chosen for Binôme).
BILAN_ALERT_DAYS = 15
EVALUATION_ALERT_DAYS = 15
MAX_DURATION_ALERT_DAYS = 30


class RuleViolation(BinomeError):
    """A step the rules forbid. ``rule`` is the name of the constant holding the rule;
    ``message`` says, in French, what was refused and which rule refuses it."""

    def __init__(self, rule: str, explanation: str) -> None:
        known = RULES[rule]
        message = explanation
        if known.from_convention:
            message = f"{explanation} Règle : « {known.quote} »"
        super().__init__(message)
        self.rule = rule
        self.source = known.source
        self.quote = known.quote


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------


class Axe(enum.StrEnum):
    """Axe 2: accompagnement global; axe 3: accompagnement social exclusif."""

    AXE2 = "axe2"
    AXE3 = "axe3"

    @property
    def label(self) -> str:
        return _AXE_LABELS[self]

    @property
    def other(self) -> Axe:
        return Axe.AXE3 if self is Axe.AXE2 else Axe.AXE2


_AXE_LABELS = {
    Axe.AXE2: "Axe 2 — accompagnement global",
    Axe.AXE3: "Axe 3 — accompagnement social exclusif",
}


class Origin(enum.StrEnum):
    """Who prescribed (Annexe 4: « PARTIE INITIANT LA DEMANDE : Pôle emploi ☐ CD82 ☐ »)."""

    FRANCE_TRAVAIL = "france-travail"
    CD82 = "cd82"

    @property
    def label(self) -> str:
        return {Origin.FRANCE_TRAVAIL: "France Travail", Origin.CD82: "Département (CD82)"}[self]


class State(enum.StrEnum):
    """Where a parcours stands; derived from its dates (see :attr:`Parcours.etat`)."""

    PRESCRIT = "prescrit"
    DIAGNOSTIC_VALIDE = "diagnostic-valide"
    EN_ACCOMPAGNEMENT = "en-accompagnement"
    PERIODE_ESSAI = "periode-essai"
    SORTI = "sorti"
    SANS_SUITE = "sans-suite"

    @property
    def label(self) -> str:
        return _ETAT_LABELS[self]


_ETAT_LABELS = {
    State.PRESCRIT: "Prescrit",
    State.DIAGNOSTIC_VALIDE: "Diagnostic partagé validé",
    State.EN_ACCOMPAGNEMENT: "En accompagnement",
    State.PERIODE_ESSAI: "En emploi — période d'essai",
    State.SORTI: "Sorti",
    State.SANS_SUITE: "Sans suite",
}


class MotifSortie(enum.StrEnum):
    """The exits of Annexe 1, axe 2, §6: positive ones, then interruptions."""

    CDD = "cdd"
    CDI = "cdi"
    SIAE = "siae"
    FORMATION = "formation"
    CREATION_ACTIVITE = "creation-activite"
    CHANGEMENT_MODALITE = "changement-modalite"
    AGGRAVATION_SOCIALE = "aggravation-sociale"
    ABSENCES_OU_REFUS = "absences-ou-refus"
    CESSATION_INSCRIPTION = "cessation-inscription"
    DEMENAGEMENT = "demenagement"
    DROIT_COMMUN = "droit-commun"
    AUTRE_INTERRUPTION = "autre-interruption"

    @property
    def label(self) -> str:
        return _MOTIF_LABELS[self]

    @property
    def positive(self) -> bool:
        """« Les cas de sortie positive de l’accompagnement » (§6); the rest interrupt it."""
        return self in POSITIVE_EXITS


_MOTIF_LABELS = {
    MotifSortie.CDD: "Reprise d'emploi : CDD",
    MotifSortie.CDI: "Reprise d'emploi : CDI",
    MotifSortie.SIAE: "Reprise d'emploi : entrée en SIAE",
    MotifSortie.FORMATION: "Entrée en formation longue et/ou qualifiante",
    MotifSortie.CREATION_ACTIVITE: "Création d'activité",
    MotifSortie.CHANGEMENT_MODALITE: "Changement de modalité d'accompagnement",
    MotifSortie.AGGRAVATION_SOCIALE: "Aggravation de la situation sociale (axe 3)",
    MotifSortie.ABSENCES_OU_REFUS: "Absences répétées aux rendez-vous ou refus de prestations",
    MotifSortie.CESSATION_INSCRIPTION: "Cessation d'inscription (après deux relances)",
    MotifSortie.DEMENAGEMENT: "Déménagement dans un autre département",
    MotifSortie.DROIT_COMMUN: "Réorientation vers le droit commun",
    MotifSortie.AUTRE_INTERRUPTION: "Autre interruption",
}

POSITIVE_EXITS = frozenset(
    {
        MotifSortie.CDD,
        MotifSortie.CDI,
        MotifSortie.SIAE,
        MotifSortie.FORMATION,
        MotifSortie.CREATION_ACTIVITE,
        MotifSortie.CHANGEMENT_MODALITE,
    }
)
_rule(
    "POSITIVE_EXITS",
    f"{CONVENTION}, Annexe 1, axe 2, §6",
    "Les cas de sortie positive de l’accompagnement :",
)
# Annexe 3 counts « sorties avec solution d’activité ou de formation »: the positive exits
# of §6 except « changement de modalité d’accompagnement », which is neither.
SOLUTION_ACTIVITE_FORMATION = frozenset(
    {
        MotifSortie.CDD,
        MotifSortie.CDI,
        MotifSortie.SIAE,
        MotifSortie.FORMATION,
        MotifSortie.CREATION_ACTIVITE,
    }
)
_rule(
    "SOLUTION_ACTIVITE_FORMATION",
    f"{CONVENTION}, Annexe 3 (indicateurs opérationnels)",
    "Nombre de sorties avec solution d’activité ou de formation",
)
# The exits that start a période d'essai (PERIODE_ESSAI): « reprise d’emploi significative ».
# Every one of them does, its end known or not: the file stays open until the conseiller
# validates the trial.
EXITS_WITH_PERIODE_ESSAI = frozenset({MotifSortie.CDD, MotifSortie.CDI})
# When the binôme does not know the end of the trial yet, the legal maximum stands in, marked
# as estimated (the conseiller may validate as soon as the trial is confirmed): two months for
# a CDI of an ouvrier or employé, one month for a CDD (two weeks for a contract of six months
# at most; the longer bound keeps the follow-up going rather than ending it early).
PERIODE_ESSAI_LEGAL_MONTHS = {MotifSortie.CDI: 2, MotifSortie.CDD: 1}
PERIODE_ESSAI_DUREE_LEGALE = _rule(
    "PERIODE_ESSAI_DUREE_LEGALE",
    BINOME,
    "Sans date de fin connue, la période d'essai est suivie jusqu'à sa durée légale maximale "
    "(Code du travail, art. L1221-19 : deux mois pour le CDI d'un ouvrier ou d'un employé ; "
    "art. L1242-10 : un mois au plus pour un CDD).",
)

INTERRUPTIONS_NOT_EXHAUSTIVE = _rule(
    "INTERRUPTIONS_NOT_EXHAUSTIVE",
    f"{CONVENTION}, Annexe 1, axe 2, §6",
    "L’Accompagnement Global peut être interrompu par d’autres événements (liste non exhaustive)",
)


class Modality(enum.StrEnum):
    """How the diagnostic partagé was made (DIAGNOSTIC_MODALITES, SIMPLE_RETOUR_ENTRETIEN)."""

    TRIPARTITE = "tripartite"
    SEPAREMENT = "separement"
    SIMPLE_RETOUR = "simple-retour"

    @property
    def label(self) -> str:
        return {
            Modality.TRIPARTITE: "Tripartite (demandeur, conseiller, ASS ensemble)",
            Modality.SEPAREMENT: "Séparément (conseiller et ASS chacun de leur côté)",
            Modality.SIMPLE_RETOUR: "Validé par l'ASS par simple retour (personne déjà connue)",
        }[self]


class Means(enum.StrEnum):
    """How the three agreed (CONCERTATION_REQUIRED: « face à face, téléphone, e-mail »)."""

    FACE_A_FACE = "face-a-face"
    TELEPHONE = "telephone"
    MAIL = "mail"

    @property
    def label(self) -> str:
        return {
            Means.FACE_A_FACE: "Face à face",
            Means.TELEPHONE: "Téléphone",
            Means.MAIL: "Courriel",
        }[self]


@dataclass(frozen=True)
class Concertation:
    """The agreement of the demandeur, the conseiller and the ASS, on ``on``, by ``moyen``."""

    on: date
    moyen: Means
    objet: str = ""  # the Action it was for


@dataclass(frozen=True)
class RendezVous:
    """The rendez-vous with the ASS (RDV_COURRIER): day, time (HH:MM), site id."""

    jour: date
    heure: str
    site_id: str


@dataclass(frozen=True)
class Reorientation:
    """A move between axes outside the bilan (REORIENTATION_ANY_TIME)."""

    on: date
    vers: Axe


class BilanKind(enum.StrEnum):
    """Which bilan: the axe 2 bilan intermédiaire, or the axe 3 mid-period bilan / evaluation."""

    INTERMEDIAIRE = "intermediaire"
    MILIEU_PERIODE = "milieu-periode"
    EVALUATION = "evaluation"

    @property
    def label(self) -> str:
        return {
            BilanKind.INTERMEDIAIRE: "Bilan intermédiaire",
            BilanKind.MILIEU_PERIODE: "Bilan de milieu de période (axe 3)",
            BilanKind.EVALUATION: "Évaluation au terme de 12 mois (axe 3)",
        }[self]


class BilanDecision(enum.StrEnum):
    """What the binôme decides at a bilan (Annexe 4: reconduction, réorientation, sortie)."""

    CONTINUE = "poursuite"
    REORIENTATION = "reorientation"
    SORTIE = "sortie"

    @property
    def label(self) -> str:
        return {
            BilanDecision.CONTINUE: "Poursuite (reconduction)",
            BilanDecision.REORIENTATION: "Réorientation vers l'autre axe",
            BilanDecision.SORTIE: "Sortie du dispositif",
        }[self]


class Proposal(enum.StrEnum):
    """What the convention asks the binôme to propose after a step (never blocking)."""

    EQUIPE_PLURIDISCIPLINAIRE = "equipe-pluridisciplinaire"
    ORIENTATION_AXE3 = "orientation-axe3"

    @property
    def label(self) -> str:
        return {
            Proposal.EQUIPE_PLURIDISCIPLINAIRE: (
                "Proposer un passage en équipe pluridisciplinaire pour réexamen de la situation"
            ),
            Proposal.ORIENTATION_AXE3: (
                "Proposer une orientation en axe 3 (accompagnement social exclusif)"
            ),
        }[self]


class Action(enum.StrEnum):
    """A step a screen can offer; :func:`allowed_actions` says which are legal now."""

    VALIDATE_DIAGNOSTIC = "valider-diagnostic"
    ENTER = "entrer"
    RECORD_RELANCE = "relance"
    BILAN_CONTINUE = "bilan-poursuite"
    BILAN_REORIENTATION = "bilan-reorientation"
    BILAN_SORTIE = "bilan-sortie"
    EXIT = "sortie"
    REORIENT = "reorientation"
    ENTRETIEN_ASS = "entretien-ass"
    ABSENCE_RDV = "absence-rdv"
    VALIDATE_PERIODE_ESSAI = "periode-essai-validee"
    BREAK_PERIODE_ESSAI = "periode-essai-rompue"
    CLOSE_WITHOUT_ENTRY = "sans-suite"

    @property
    def label(self) -> str:
        """What the step is called where it is offered (« Enregistrer une relance »)."""
        return _ACTION_LABELS[self]

    @property
    def fact(self) -> str:
        """What the timeline says once it is recorded, a fact not an order (« Relance »)."""
        return _ACTION_FACTS[self]


# The timeline states what happened; the offered step says what to do.
_ACTION_FACTS = {
    Action.VALIDATE_DIAGNOSTIC: "Diagnostic partagé validé",
    Action.ENTER: "Entrée en accompagnement",
    Action.RECORD_RELANCE: "Relance",
    Action.BILAN_CONTINUE: "Bilan : poursuite de l'accompagnement",
    Action.BILAN_REORIENTATION: "Bilan : réorientation vers l'autre axe",
    Action.BILAN_SORTIE: "Bilan de sortie",
    Action.EXIT: "Sortie de l'accompagnement",
    Action.REORIENT: "Réorientation",
    Action.ENTRETIEN_ASS: "Entretien individuel de l'ASS réalisé",
    Action.ABSENCE_RDV: "Absence au rendez-vous avec l'ASS",
    Action.VALIDATE_PERIODE_ESSAI: "Période d'essai validée : sortie validée",
    Action.BREAK_PERIODE_ESSAI: "Période d'essai interrompue : accompagnement repris",
    Action.CLOSE_WITHOUT_ENTRY: "Classé sans suite",
}

_ACTION_LABELS = {
    Action.VALIDATE_DIAGNOSTIC: "Valider le diagnostic partagé",
    Action.ENTER: "Enregistrer l'entrée en accompagnement",
    Action.RECORD_RELANCE: "Enregistrer une relance",
    Action.BILAN_CONTINUE: "Bilan : poursuite de l'accompagnement",
    Action.BILAN_REORIENTATION: "Bilan : réorientation vers l'autre axe",
    Action.BILAN_SORTIE: "Bilan de sortie",
    Action.EXIT: "Sortie de l'accompagnement",
    Action.REORIENT: "Réorienter (axe 2 ⇄ axe 3, ou vers le droit commun)",
    Action.ENTRETIEN_ASS: "Entretien individuel de l'ASS réalisé",
    Action.ABSENCE_RDV: "Absence au rendez-vous avec l'ASS (à signaler au conseiller)",
    Action.VALIDATE_PERIODE_ESSAI: "Période d'essai validée : valider la sortie",
    Action.BREAK_PERIODE_ESSAI: "Période d'essai interrompue : reprendre l'accompagnement",
    Action.CLOSE_WITHOUT_ENTRY: "Classer sans suite",
}


class AlertKind(enum.StrEnum):
    """The deadlines the portefeuille watches."""

    ENTREE = "entree"
    BILAN = "bilan"
    DUREE_MAXIMALE = "duree-maximale"
    EVALUATION_AXE3 = "evaluation-axe3"
    ENTRETIEN_ASS = "entretien-ass"
    PERIODE_ESSAI = "periode-essai"
    ABSENCE_RDV = "absence-rdv"
    ASS_A_DESIGNER = "ass-a-designer"


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bilan:
    """A bilan held on ``on`` while the parcours was in ``axe``."""

    on: date
    axe: Axe
    kind: BilanKind
    decision: BilanDecision
    late: bool = False


@dataclass(frozen=True)
class Parcours:
    """One demandeur's parcours, from the prescription to the sortie.

    ``entree`` is the first entry (for the entry delay and the duration indicators);
    ``axe`` and ``debut_axe`` describe the current axe since the last réorientation, and
    ``renouvellements`` counts the renewals within it. A diagnostic that decides neither axe
    closes the parcours (``decision`` stays ``None``, ``sortie`` is the diagnostic date).
    """

    prescription: date
    origine: Origin
    brsa: bool = False
    diagnostic: date | None = None
    decision: Axe | None = None
    entree: date | None = None
    axe: Axe | None = None
    debut_axe: date | None = None
    renouvellements: int = 0
    relances: tuple[date, ...] = ()
    bilans: tuple[Bilan, ...] = ()
    sortie: date | None = None
    motif: MotifSortie | None = None
    raison_sans_suite: str | None = None
    # The binôme decides together (issue 11): how the diagnostic was made, whether the ASS
    # still has to receive the person (SIMPLE_RETOUR_ENTRETIEN) and when she did, the
    # agreements of the three, the réorientations outside a bilan, the période d'essai.
    modalite: Modality | None = None
    entretien_ass_du: bool = False
    entretien_ass: date | None = None
    concertations: tuple[Concertation, ...] = ()
    reorientations: tuple[Reorientation, ...] = ()
    emploi: date | None = None
    fin_periode_essai: date | None = None
    # True when no end was given and the legal maximum stands in (PERIODE_ESSAI_DUREE_LEGALE).
    fin_periode_essai_estimee: bool = False
    rendez_vous: RendezVous | None = None
    absence_rdv: date | None = None

    @property
    def etat(self) -> State:
        if self.sortie is not None:
            return State.SORTI if self.entree is not None else State.SANS_SUITE
        if self.fin_periode_essai is not None:
            return State.PERIODE_ESSAI
        if self.entree is not None:
            return State.EN_ACCOMPAGNEMENT
        if self.diagnostic is not None:
            return State.DIAGNOSTIC_VALIDE
        return State.PRESCRIT


@dataclass(frozen=True)
class Outcome:
    """The result of a step: the new parcours, proposals to make, non-blocking warnings."""

    parcours: Parcours
    proposals: tuple[Proposal, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Deadline:
    """The next date the parcours must meet, with what is due then (in French)."""

    due: date
    label: str


@dataclass(frozen=True)
class Alert:
    """A deadline of the portefeuille that is near or passed."""

    kind: AlertKind
    due: date
    overdue: bool
    message: str


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------


def add_months(start: date, months: int) -> date:
    """``start`` plus ``months`` calendar months, the day clamped to the month's last day
    (31 August + 6 months = 28 or 29 February)."""
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(start.day, last_day))


def _fr(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _easter(year: int) -> date:
    """Easter Sunday (the Gregorian computus, anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


@functools.cache
def public_holidays(year: int) -> dict[date, str]:
    """The eleven jours fériés of metropolitan France (Code du travail, art. L3133-1)."""
    easter = _easter(year)
    return {
        date(year, 1, 1): "jour de l'an",
        easter + timedelta(days=1): "lundi de Pâques",
        date(year, 5, 1): "fête du travail",
        date(year, 5, 8): "8 mai",
        easter + timedelta(days=39): "Ascension",
        easter + timedelta(days=50): "lundi de Pentecôte",
        date(year, 7, 14): "fête nationale",
        date(year, 8, 15): "Assomption",
        date(year, 11, 1): "Toussaint",
        date(year, 11, 11): "11 novembre",
        date(year, 12, 25): "Noël",
    }


def closed_day(day: date) -> str | None:
    """Why the MDS do not receive on *day* (a weekend, a jour férié), or None."""
    if day.weekday() >= 5:
        return "un samedi" if day.weekday() == 5 else "un dimanche"
    holiday = public_holidays(day.year).get(day)
    return f"un jour férié ({holiday})" if holiday else None


def entry_deadline(p: Parcours) -> date:
    """Last day for entering the accompagnement global (prescription + 21 days)."""
    return p.prescription + timedelta(days=ENTRY_DEADLINE_DAYS)


def entry_delay_days(p: Parcours) -> int | None:
    """Days from the prescription to the entry (indicator « délai moyen d'entrée en jours»);
    ``None`` before the entry."""
    if p.entree is None:
        return None
    return (p.entree - p.prescription).days


def is_entry_late(p: Parcours) -> bool:
    """True when the entry into axe 2 came after day 21 (day 21 is on time)."""
    delay = entry_delay_days(p)
    return p.decision is Axe.AXE2 and delay is not None and delay > ENTRY_DEADLINE_DAYS


def bilan_window(p: Parcours) -> tuple[date, date] | None:
    """Window (first day, last day) of the current axe 2 period's bilan intermédiaire:
    from month 5 to month 6 of the period, counted from the start of axe 2."""
    if p.etat is not State.EN_ACCOMPAGNEMENT or p.axe is not Axe.AXE2 or p.debut_axe is None:
        return None
    period_start = PERIOD_MONTHS * p.renouvellements
    return (
        add_months(p.debut_axe, period_start + BILAN_WINDOW_OPENS_AT_MONTH),
        add_months(p.debut_axe, period_start + PERIOD_MONTHS),
    )


def max_end_date(p: Parcours) -> date | None:
    """The date axe 2 cannot go beyond (start of axe 2 + 18 months); ``None`` outside axe 2."""
    if p.axe is not Axe.AXE2 or p.debut_axe is None:
        return None
    return add_months(p.debut_axe, MAX_DURATION_MONTHS)


def _axe3_period(p: Parcours) -> tuple[date, date, date]:
    """(start, mid-period bilan due, evaluation due) of the current axe 3 period."""
    assert p.debut_axe is not None
    offset = AXE3_EVALUATION_MONTHS * p.renouvellements
    return (
        add_months(p.debut_axe, offset),
        add_months(p.debut_axe, offset + AXE3_BILAN_MONTHS),
        add_months(p.debut_axe, offset + AXE3_EVALUATION_MONTHS),
    )


def _axe3_mid_bilan_done(p: Parcours) -> bool:
    start, _, _ = _axe3_period(p)
    return any(
        b.axe is Axe.AXE3 and b.kind is BilanKind.MILIEU_PERIODE and b.on >= start for b in p.bilans
    )


def duration_months(p: Parcours, today: date) -> float | None:
    """Months (calendar, with the fraction of the last month) from the entry to the sortie,
    or to ``today`` while the parcours runs (indicator « durée moyenne des
    accompagnements »); ``None`` if the demandeur never entered."""
    if p.entree is None:
        return None
    end = p.sortie if p.sortie is not None else today
    if end <= p.entree:
        return 0.0
    months = 0
    while add_months(p.entree, months + 1) <= end:
        months += 1
    base = add_months(p.entree, months)
    following = add_months(p.entree, months + 1)
    return months + (end - base).days / (following - base).days


# --------------------------------------------------------------------------------------------
# Steps
# --------------------------------------------------------------------------------------------


def _require(p: Parcours, etat: State, what: str) -> None:
    if p.etat is not etat:
        raise RuleViolation(
            "PARCOURS_STATE",
            f"{what} est impossible : le parcours est à l'état « {p.etat.label} » "
            f"(il faut « {etat.label} »).",
        )


def _last_event(p: Parcours) -> date:
    dates = [p.prescription, *p.relances, *(b.on for b in p.bilans)]
    dates += [d for d in (p.diagnostic, p.entree, p.debut_axe, p.emploi) if d is not None]
    return max(dates)


def _check_chronology(p: Parcours, on: date, what: str) -> None:
    last = _last_event(p)
    if on < last:
        raise RuleViolation(
            "CHRONOLOGY",
            f"{what} le {_fr(on)} est impossible : le parcours a déjà un événement "
            f"enregistré le {_fr(last)}.",
        )


def validate_diagnostic(
    p: Parcours, on: date, decision: Axe | None, modalite: Modality | None = None
) -> Outcome:
    """Record the diagnostic partagé validated on ``on`` and its decision: axe 2, axe 3, or
    neither (``None``, which closes the parcours « sans suite »). A BRSA demandeur sent to
    axe 3 gets the proposal of a réorientation sociale via the équipe pluridisciplinaire."""
    _require(p, State.PRESCRIT, "La validation du diagnostic partagé")
    _check_chronology(p, on, "La validation du diagnostic partagé")
    if decision is None:
        closed = replace(
            p,
            diagnostic=on,
            decision=None,
            modalite=modalite,
            sortie=on,
            raison_sans_suite="Diagnostic partagé : ni accompagnement global ni "
            "accompagnement social exclusif",
        )
        return Outcome(closed)
    proposals: tuple[Proposal, ...] = ()
    if decision is Axe.AXE3 and p.brsa:
        proposals = (Proposal.EQUIPE_PLURIDISCIPLINAIRE,)
    # SIMPLE_RETOUR_ENTRETIEN: the ASS validated by a simple return; she still has to
    # receive the person (a due action, shown as an alert until recorded).
    du = modalite is Modality.SIMPLE_RETOUR
    validated = replace(p, diagnostic=on, decision=decision, modalite=modalite, entretien_ass_du=du)
    return Outcome(validated, proposals)


def enter(p: Parcours, on: date) -> Outcome:
    """Start the accompagnement decided by the diagnostic partagé, on ``on``.

    Refused before the diagnostic is validated, before its date, or when it decided no
    accompagnement. An axe 2 entry after day 21 is accepted with a warning."""
    if p.etat is State.PRESCRIT:
        raise RuleViolation(
            "ENTRY_AFTER_DIAGNOSTIC",
            "Entrée refusée : le diagnostic partagé n'est pas encore validé.",
        )
    _require(p, State.DIAGNOSTIC_VALIDE, "L'entrée en accompagnement")
    assert p.diagnostic is not None
    if p.decision is None:
        raise RuleViolation(
            "ENTRY_AFTER_DIAGNOSTIC",
            "Entrée refusée : le diagnostic partagé n'a décidé aucun accompagnement.",
        )
    if on < p.diagnostic:
        raise RuleViolation(
            "ENTRY_AFTER_DIAGNOSTIC",
            f"Entrée refusée : le {_fr(on)} précède la validation du diagnostic partagé "
            f"({_fr(p.diagnostic)}).",
        )
    _check_chronology(p, on, "L'entrée en accompagnement")
    entered = replace(p, entree=on, axe=p.decision, debut_axe=on, renouvellements=0)
    warnings: tuple[str, ...] = ()
    if is_entry_late(entered):
        warnings = (
            f"Entrée tardive : {entry_delay_days(entered)} jours après la prescription du "
            f"{_fr(p.prescription)} (au plus tard {ENTRY_DEADLINE_DAYS} jours, soit le "
            f"{_fr(entry_deadline(p))}).",
        )
    return Outcome(entered, (), warnings)


def record_relance(p: Parcours, on: date) -> Outcome:
    """Record a relance of the demandeur (two are needed before a cessation d'inscription)."""
    _require(p, State.EN_ACCOMPAGNEMENT, "Une relance")
    _check_chronology(p, on, "Une relance")
    return Outcome(replace(p, relances=(*p.relances, on)))


def record_bilan(
    p: Parcours,
    on: date,
    decision: BilanDecision,
    motif: MotifSortie | None = None,
    fin_periode_essai: date | None = None,
) -> Outcome:
    """Record a bilan held on ``on`` and its decision.

    Axe 2: the bilan intermédiaire opens at month 5 of the period (refused before) and is
    due at month 6 (accepted later, with a warning). ``CONTINUE`` renews the period (at most
    twice, never at or beyond 18 months); ``REORIENTATION`` moves to axe 3; ``SORTIE`` turns
    it into the bilan de sortie and needs a ``motif``.

    Axe 3: a bilan before the end of the 12-month period is the mid-period bilan
    (``CONTINUE`` carries on); from the 12th month on it is the evaluation (``CONTINUE``
    renews for 12 months). ``REORIENTATION`` moves to axe 2, starting a new axe 2 period.
    """
    _require(p, State.EN_ACCOMPAGNEMENT, "Un bilan")
    _check_chronology(p, on, "Un bilan")
    exit_options = motif is not None or fin_periode_essai is not None
    if exit_options and decision is not BilanDecision.SORTIE:
        raise ValueError("a motif goes only with a SORTIE decision")
    assert p.axe is not None and p.debut_axe is not None
    warnings: list[str] = []
    if p.axe is Axe.AXE2:
        window = bilan_window(p)
        assert window is not None
        opens, closes = window
        if on < opens:
            raise RuleViolation(
                "BILAN_WINDOW_OPENS_AT_MONTH",
                f"Bilan refusé le {_fr(on)} : le bilan intermédiaire de cette période se fait "
                f"du {_fr(opens)} au {_fr(closes)}.",
            )
        kind = BilanKind.INTERMEDIAIRE
        late = on > closes
        if late:
            warnings.append(
                f"Bilan intermédiaire tardif : il était dû au plus tard le {_fr(closes)}."
            )
        if decision is BilanDecision.CONTINUE:
            if p.renouvellements >= MAX_RENEWALS:
                raise RuleViolation(
                    "MAX_RENEWALS",
                    f"Renouvellement refusé : l'accompagnement a déjà été renouvelé "
                    f"{MAX_RENEWALS} fois ; le bilan doit être un bilan de sortie.",
                )
            end = max_end_date(p)
            assert end is not None
            if on >= end:
                raise RuleViolation(
                    "MAX_DURATION_MONTHS",
                    f"Poursuite refusée : l'accompagnement a atteint {MAX_DURATION_MONTHS} "
                    f"mois le {_fr(end)} ; la sortie est due.",
                )
    else:
        _, mid, evaluation = _axe3_period(p)
        kind = BilanKind.EVALUATION if on >= evaluation else BilanKind.MILIEU_PERIODE
        late = kind is BilanKind.MILIEU_PERIODE and on > mid and not _axe3_mid_bilan_done(p)
        if late:
            warnings.append(
                f"Bilan de milieu de période tardif : il était dû au plus tard le {_fr(mid)}."
            )

    bilan = Bilan(on=on, axe=p.axe, kind=kind, decision=decision, late=late)
    recorded = replace(p, bilans=(*p.bilans, bilan))
    if decision is BilanDecision.CONTINUE:
        renewed = p.axe is Axe.AXE2 or kind is BilanKind.EVALUATION
        if renewed:
            recorded = replace(recorded, renouvellements=p.renouvellements + 1)
        return Outcome(recorded, (), tuple(warnings))
    if decision is BilanDecision.REORIENTATION:
        moved = replace(recorded, axe=p.axe.other, debut_axe=on, renouvellements=0)
        proposals: tuple[Proposal, ...] = ()
        if moved.axe is Axe.AXE3 and p.brsa:
            proposals = (Proposal.EQUIPE_PLURIDISCIPLINAIRE,)
        return Outcome(moved, proposals, tuple(warnings))
    exited = exit_with(recorded, on, motif, fin_periode_essai)
    return replace(exited, warnings=(*warnings, *exited.warnings))


def exit_with(
    p: Parcours, on: date, motif: MotifSortie | None, fin_periode_essai: date | None = None
) -> Outcome:
    """End the accompagnement on ``on`` for ``motif`` (mandatory).

    A cessation d'inscription needs two relances first. Leaving axe 2 by an interruption
    proposes the équipe pluridisciplinaire to a BRSA demandeur, and an aggravation of the
    social situation proposes axe 3. An exit after 18 months is accepted with a warning."""
    _require(p, State.EN_ACCOMPAGNEMENT, "La sortie")
    _check_chronology(p, on, "La sortie")
    if motif is None:
        raise RuleViolation(
            "EXIT_MOTIF_REQUIRED",
            "Sortie refusée : le motif de sortie est obligatoire (sortie positive ou "
            "interruption).",
        )
    if motif is MotifSortie.CESSATION_INSCRIPTION and len(p.relances) < RELANCES_BEFORE_CESSATION:
        raise RuleViolation(
            "RELANCES_BEFORE_CESSATION",
            "Sortie pour cessation d'inscription refusée : "
            f"{counted(len(p.relances), 'relance enregistrée', 'relances enregistrées')}, "
            f"il en faut {RELANCES_BEFORE_CESSATION}.",
        )
    proposals: list[Proposal] = []
    warnings: list[str] = []
    if p.axe is Axe.AXE2:
        if motif is MotifSortie.AGGRAVATION_SOCIALE:
            proposals.append(Proposal.ORIENTATION_AXE3)
        if p.brsa and not motif.positive:
            proposals.append(Proposal.EQUIPE_PLURIDISCIPLINAIRE)
        end = max_end_date(p)
        if end is not None and on > end:
            warnings.append(
                f"Sortie enregistrée après la durée maximale de {MAX_DURATION_MONTHS} mois "
                f"(atteinte le {_fr(end)})."
            )
    if fin_periode_essai is not None and motif not in EXITS_WITH_PERIODE_ESSAI:
        raise RuleViolation(
            "PERIODE_ESSAI",
            "Une période d'essai ne suit qu'une reprise d'emploi en CDD ou en CDI.",
        )
    if motif in EXITS_WITH_PERIODE_ESSAI:
        # PERIODE_ESSAI: the conseiller follows the person until the trial is validated; the
        # file stays open (« en emploi — période d'essai ») until VALIDER_PERIODE_ESSAI, its
        # end known or, when not, estimated (PERIODE_ESSAI_DUREE_LEGALE).
        estimee = fin_periode_essai is None
        if fin_periode_essai is None:
            fin_periode_essai = add_months(on, PERIODE_ESSAI_LEGAL_MONTHS[motif])
        elif fin_periode_essai <= on:
            raise RuleViolation(
                "PERIODE_ESSAI",
                f"Fin de la période d'essai refusée : le {_fr(fin_periode_essai)} ne vient pas "
                f"après la prise de poste du {_fr(on)}.",
            )
        trial = replace(
            p,
            emploi=on,
            motif=motif,
            fin_periode_essai=fin_periode_essai,
            fin_periode_essai_estimee=estimee,
        )
        return Outcome(trial, tuple(proposals), tuple(warnings))
    return Outcome(replace(p, sortie=on, motif=motif), tuple(proposals), tuple(warnings))


def check_decisions(
    decision: Axe | None, demandeur: str | None, conseiller: str | None, ass: str | None
) -> None:
    """THREE_DECISIONS: axe 2 needs « oui » to the Accompagnement Global from the demandeur,
    the conseiller and the ASS; axe 3 the same three « oui » to the accompagnement social
    exclusif. Each value is the fiche's (``axe2``, ``axe3``, ``non`` or empty)."""
    if decision is None:
        return
    wanted = decision.value
    what = (
        "l'entrée en accompagnement global"
        if decision is Axe.AXE2
        else ("l'accompagnement social exclusif")
    )
    missing, other = [], []
    for who, value in (
        ("du demandeur", demandeur),
        ("du conseiller", conseiller),
        ("de l'ASS", ass),
    ):
        if not value:
            missing.append(who)
        elif value != wanted:
            other.append(who)
    if missing:
        raise RuleViolation(
            "THREE_DECISIONS",
            f"Décision refusée : il manque la décision {', '.join(missing)} sur "
            f"{what} (fiche de liaison, « Décision suite au diagnostic partagé »).",
        )
    if other:
        raise RuleViolation(
            "THREE_DECISIONS",
            f"Décision refusée : la décision {', '.join(other)} n'est pas « oui » à {what}.",
        )


def check_modalite(modalite: Modality | None) -> None:
    """DIAGNOSTIC_MODALITES: a diagnostic that decides an axe says how it was made (and so
    whether the ASS still has to receive the person, SIMPLE_RETOUR_ENTRETIEN)."""
    if modalite is None:
        raise RuleViolation(
            "DIAGNOSTIC_MODALITES",
            "Validation refusée : indiquez la modalité du diagnostic partagé (tripartite, "
            "séparément, ou validé par l'ASS par simple retour).",
        )


# Steps that one member of the binôme records: the ASS receives the person after a simple
# retour (SIMPLE_RETOUR_ENTRETIEN) and tells an absence (ABSENCE_RDV: « le travailleur social
# informera le conseiller »); the conseiller validates the exit after the période d'essai
# (PERIODE_ESSAI: « le conseiller Accompagnement Global accompagne … jusqu’à la validation »).
STEP_ROLES: dict[Action, tuple[str, str]] = {
    Action.ENTRETIEN_ASS: ("ass", "SIMPLE_RETOUR_ENTRETIEN"),
    Action.ABSENCE_RDV: ("ass", "ABSENCE_RDV"),
    Action.VALIDATE_PERIODE_ESSAI: ("conseiller", "PERIODE_ESSAI"),
}


def step_allowed_for(action: Action, role: str) -> bool:
    """False when the step belongs to the other member of the binôme (STEP_ROLES)."""
    wanted = STEP_ROLES.get(action)
    return wanted is None or wanted[0] == role


# Steps that need the agreement of the three (CONCERTATION_REQUIRED).
STEPS_NEEDING_CONCERTATION = frozenset(
    {
        Action.BILAN_CONTINUE,
        Action.BILAN_REORIENTATION,
        Action.BILAN_SORTIE,
        Action.EXIT,
        Action.REORIENT,
    }
)


def check_concertation(action: Action, on: date, concertation: Concertation | None) -> None:
    """Renewals, réorientations and exits are recorded with the agreement of the demandeur,
    the conseiller and the ASS: its date (on or before the step) and its means."""
    if action not in STEPS_NEEDING_CONCERTATION:
        return
    if concertation is None:
        raise RuleViolation(
            "CONCERTATION_REQUIRED",
            f"{action.label} refusé(e) : indiquez la concertation et l'accord du demandeur, "
            "du conseiller et de l'ASS (date, et face à face, téléphone ou courriel).",
        )
    if concertation.on > on:
        raise RuleViolation(
            "CONCERTATION_REQUIRED",
            f"Concertation refusée : le {_fr(concertation.on)} vient après l'étape du {_fr(on)} ;"
            " l'accord des trois la précède.",
        )


def with_concertation(p: Parcours, concertation: Concertation) -> Parcours:
    return replace(p, concertations=(*p.concertations, concertation))


def reorient(p: Parcours, on: date, vers: Axe | None) -> Outcome:
    """REORIENTATION_ANY_TIME: move to the other axe on ``on`` whatever the month, or
    (``vers`` None) leave towards the droit commun (DROIT_COMMUN), an exit. A BRSA person sent
    to axe 3 gets the équipe pluridisciplinaire proposal. The new axe starts a new period
    (EIGHTEEN_MONTHS_PER_AXE2_STAY)."""
    _require(p, State.EN_ACCOMPAGNEMENT, "La réorientation")
    _check_chronology(p, on, "La réorientation")
    assert p.axe is not None
    if vers is None:
        return exit_with(p, on, MotifSortie.DROIT_COMMUN)
    if vers is p.axe:
        raise RuleViolation(
            "REORIENTATION_ANY_TIME",
            f"Réorientation refusée : le parcours est déjà en {p.axe.label}.",
        )
    moved = replace(
        p,
        axe=vers,
        debut_axe=on,
        renouvellements=0,
        reorientations=(*p.reorientations, Reorientation(on, vers)),
    )
    proposals: tuple[Proposal, ...] = ()
    if vers is Axe.AXE3 and p.brsa:
        proposals = (Proposal.EQUIPE_PLURIDISCIPLINAIRE,)
    return Outcome(moved, proposals)


def record_entretien_ass(p: Parcours, on: date) -> Outcome:
    """SIMPLE_RETOUR_ENTRETIEN: the ASS received the person after validating by simple return."""
    if not p.entretien_ass_du:
        raise RuleViolation(
            "SIMPLE_RETOUR_ENTRETIEN",
            "Aucun entretien de l'ASS n'est attendu : le diagnostic n'a pas été validé par "
            "simple retour.",
        )
    if p.diagnostic is not None and on < p.diagnostic:
        raise RuleViolation(
            "CHRONOLOGY",
            f"L'entretien du {_fr(on)} précède la validation du diagnostic ({_fr(p.diagnostic)}).",
        )
    return Outcome(replace(p, entretien_ass_du=False, entretien_ass=on))


def validate_periode_essai(p: Parcours, on: date) -> Outcome:
    """PERIODE_ESSAI: the conseiller validates the exit once the trial is over (on or after
    its end); the sortie is dated that day. An estimated end (PERIODE_ESSAI_DUREE_LEGALE) is
    only the longest the trial may last: the conseiller validates as soon as it is confirmed."""
    _require(p, State.PERIODE_ESSAI, "La validation de la période d'essai")
    assert p.fin_periode_essai is not None and p.emploi is not None
    if on < p.emploi:
        raise RuleViolation(
            "CHRONOLOGY", f"Le {_fr(on)} précède la prise de poste du {_fr(p.emploi)}."
        )
    if on < p.fin_periode_essai and not p.fin_periode_essai_estimee:
        raise RuleViolation(
            "PERIODE_ESSAI",
            f"Validation refusée le {_fr(on)} : la période d'essai court jusqu'au "
            f"{_fr(p.fin_periode_essai)}.",
        )
    return Outcome(replace(p, sortie=on))


def break_periode_essai(p: Parcours, on: date) -> Outcome:
    """The trial ended early: the accompaniment goes on (the file was never closed)."""
    _require(p, State.PERIODE_ESSAI, "L'interruption de la période d'essai")
    assert p.emploi is not None
    if on < p.emploi:
        raise RuleViolation(
            "CHRONOLOGY", f"Le {_fr(on)} précède la prise de poste du {_fr(p.emploi)}."
        )
    return Outcome(
        replace(p, emploi=None, fin_periode_essai=None, fin_periode_essai_estimee=False, motif=None)
    )


def check_rendez_vous_state(p: Parcours) -> None:
    """RDV_COURRIER: a rendez-vous is set before the entry in the Accompagnement Global (a
    prescribed parcours, or its diagnostic validated); raises RuleViolation otherwise."""
    if p.etat not in (State.PRESCRIT, State.DIAGNOSTIC_VALIDE):
        raise RuleViolation(
            "PARCOURS_STATE",
            f"Rendez-vous impossible : le parcours est à l'état « {p.etat.label} ».",
        )


def set_rendez_vous(p: Parcours, today: date, rdv: RendezVous) -> Parcours:
    """RDV_COURRIER: a rendez-vous with the ASS before the entry, on or after ``today``, on
    a day the MDS receive (``closed_day``)."""
    check_rendez_vous_state(p)
    if rdv.jour < today:
        raise RuleViolation(
            "RDV_COURRIER", f"Rendez-vous refusé : le {_fr(rdv.jour)} est déjà passé."
        )
    # The MDS receive on working days: a Saturday was saved and printed in the letter.
    closed = closed_day(rdv.jour)
    if closed:
        raise RuleViolation(
            "RDV_COURRIER",
            f"Rendez-vous refusé : le {_fr(rdv.jour)} est {closed} ; les MDS reçoivent du "
            "lundi au vendredi, hors jours fériés.",
        )
    # ASCII digits only: str.isdigit() takes « ² » (then int() fails) and other scripts'
    # digits, which the letter then printed as typed.
    hour = re.fullmatch(r"([01]?[0-9]|2[0-3]):([0-5][0-9])", rdv.heure.strip(), re.ASCII)
    if hour is None:
        raise RuleViolation(
            "RDV_COURRIER", f"Heure du rendez-vous invalide « {rdv.heure} » (HH:MM attendu)."
        )
    rdv = replace(rdv, heure=f"{int(hour.group(1)):02d}:{hour.group(2)}")
    return replace(p, rendez_vous=rdv, absence_rdv=None)


def record_absence(p: Parcours, on: date) -> Outcome:
    """ABSENCE_RDV: the person did not come to the rendez-vous set with the ASS."""
    if p.rendez_vous is None or p.etat not in (State.PRESCRIT, State.DIAGNOSTIC_VALIDE):
        raise RuleViolation("ABSENCE_RDV", "Aucun rendez-vous avec l'ASS n'est fixé.")
    if on < p.rendez_vous.jour:
        raise RuleViolation(
            "ABSENCE_RDV",
            f"Absence refusée le {_fr(on)} : le rendez-vous est le {_fr(p.rendez_vous.jour)}.",
        )
    if p.absence_rdv is not None:
        raise RuleViolation("ABSENCE_RDV", "L'absence à ce rendez-vous est déjà enregistrée.")
    return Outcome(replace(p, absence_rdv=on))


def close_without_entry(p: Parcours, on: date, raison: str) -> Outcome:
    """Close a prescription that will not lead to an entry (e.g. the demandeur did not come
    to the appointment); the reason is mandatory."""
    if p.etat not in (State.PRESCRIT, State.DIAGNOSTIC_VALIDE):
        raise RuleViolation(
            "PARCOURS_STATE",
            f"Classement sans suite impossible : le parcours est à l'état « {p.etat.label} ».",
        )
    _check_chronology(p, on, "Le classement sans suite")
    if not raison.strip():
        raise RuleViolation(
            "EXIT_MOTIF_REQUIRED", "Classement sans suite refusé : la raison est obligatoire."
        )
    return Outcome(replace(p, sortie=on, raison_sans_suite=raison.strip()))


# --------------------------------------------------------------------------------------------
# Portefeuille: deadlines, alerts, allowed actions
# --------------------------------------------------------------------------------------------


def next_deadline(p: Parcours) -> Deadline | None:
    """The next date the parcours must meet (entry, bilan, 18-month end, axe 3 evaluation)."""
    if p.etat in (State.SORTI, State.SANS_SUITE):
        return None
    if p.etat is State.PERIODE_ESSAI:
        assert p.fin_periode_essai is not None
        return Deadline(p.fin_periode_essai, "Fin de la période d'essai : valider la sortie")
    if p.etat in (State.PRESCRIT, State.DIAGNOSTIC_VALIDE):
        if p.decision is Axe.AXE3:
            return None
        return Deadline(entry_deadline(p), "Entrée en accompagnement global")
    if p.axe is Axe.AXE2:
        window = bilan_window(p)
        end = max_end_date(p)
        assert window is not None and end is not None
        if p.renouvellements >= MAX_RENEWALS:
            return Deadline(end, f"Fin des {MAX_DURATION_MONTHS} mois : bilan de sortie")
        return Deadline(window[1], f"Bilan intermédiaire (du {_fr(window[0])} au {_fr(window[1])})")
    _, mid, evaluation = _axe3_period(p)
    if not _axe3_mid_bilan_done(p):
        return Deadline(mid, BilanKind.MILIEU_PERIODE.label)
    return Deadline(evaluation, BilanKind.EVALUATION.label)


def _near_or_past(
    kind: AlertKind, due: date, today: date, horizon: int, soon: str, late: str
) -> Alert | None:
    if today > due:
        return Alert(kind, due, True, late)
    if (due - today).days <= horizon:
        return Alert(kind, due, False, soon)
    return None


def alerts(p: Parcours, today: date, *, sans_ass: bool = False) -> list[Alert]:
    """Deadlines near (bilan or evaluation within 15 days, 18-month end within 30 days) or
    passed on ``today``, plus an entry not made within 21 days of the prescription. With
    ``sans_ass`` (the file has no ASS yet), before the entry: the ASS the responsable of the
    MDS has to name (ASS_OF_THE_MDS), late once the 21 days are over."""
    found: list[Alert | None] = []
    if sans_ass and p.etat in (State.PRESCRIT, State.DIAGNOSTIC_VALIDE):
        due = entry_deadline(p)
        found.append(
            Alert(
                AlertKind.ASS_A_DESIGNER,
                due,
                today > due,
                "ASS à désigner : la personne n'est pas connue de la MDS, son responsable "
                "recherche le travailleur social approprié (puis un rendez-vous et le courrier).",
            )
        )
    if p.etat in (State.PRESCRIT, State.DIAGNOSTIC_VALIDE) and p.decision is not Axe.AXE3:
        due = entry_deadline(p)
        if today > due:
            found.append(
                Alert(
                    AlertKind.ENTREE,
                    due,
                    True,
                    f"Entrée en retard : prescrit le {_fr(p.prescription)}, le demandeur "
                    f"devait intégrer l'accompagnement global au plus tard le {_fr(due)} "
                    f"({ENTRY_DEADLINE_DAYS} jours).",
                )
            )
    elif p.etat is State.EN_ACCOMPAGNEMENT and p.axe is Axe.AXE2:
        window = bilan_window(p)
        end = max_end_date(p)
        assert window is not None and end is not None
        # In the last period the bilan is the bilan de sortie, due at the 18-month end:
        # the 18-month alert below covers it.
        if p.renouvellements < MAX_RENEWALS:
            due = window[1]
            found.append(
                _near_or_past(
                    AlertKind.BILAN,
                    due,
                    today,
                    BILAN_ALERT_DAYS,
                    f"Bilan intermédiaire à réaliser entre le {_fr(window[0])} et le {_fr(due)}.",
                    f"Bilan intermédiaire en retard : il était dû au plus tard le {_fr(due)}.",
                )
            )
        found.append(
            _near_or_past(
                AlertKind.DUREE_MAXIMALE,
                end,
                today,
                MAX_DURATION_ALERT_DAYS,
                f"Fin des {MAX_DURATION_MONTHS} mois d'accompagnement le {_fr(end)} : "
                "prévoir le bilan de sortie.",
                f"Durée maximale de {MAX_DURATION_MONTHS} mois dépassée depuis le "
                f"{_fr(end)} : la sortie est due.",
            )
        )
    elif p.etat is State.EN_ACCOMPAGNEMENT and p.axe is Axe.AXE3:
        _, mid, evaluation = _axe3_period(p)
        if not _axe3_mid_bilan_done(p):
            found.append(
                _near_or_past(
                    AlertKind.BILAN,
                    mid,
                    today,
                    BILAN_ALERT_DAYS,
                    f"Bilan de milieu de période (axe 3) à réaliser au plus tard le {_fr(mid)}.",
                    f"Bilan de milieu de période (axe 3) en retard : dû le {_fr(mid)}.",
                )
            )
        found.append(
            _near_or_past(
                AlertKind.EVALUATION_AXE3,
                evaluation,
                today,
                EVALUATION_ALERT_DAYS,
                f"Évaluation de l'axe 3 au terme de 12 mois le {_fr(evaluation)}.",
                f"Évaluation de l'axe 3 en retard : due le {_fr(evaluation)}.",
            )
        )
    if (
        p.entretien_ass_du
        and p.diagnostic is not None
        and p.etat not in (State.SORTI, State.SANS_SUITE)
    ):
        found.append(
            Alert(
                AlertKind.ENTRETIEN_ASS,
                p.diagnostic,
                False,
                f"Diagnostic validé par l'ASS par simple retour le {_fr(p.diagnostic)} : elle "
                "doit encore recevoir la personne en entretien individuel.",
            )
        )
    if p.absence_rdv is not None and p.etat in (State.PRESCRIT, State.DIAGNOSTIC_VALIDE):
        assert p.rendez_vous is not None
        found.append(
            Alert(
                AlertKind.ABSENCE_RDV,
                p.rendez_vous.jour,
                True,
                f"Absent(e) au rendez-vous avec l'ASS du {_fr(p.rendez_vous.jour)} (signalé "
                f"le {_fr(p.absence_rdv)}) : fixer un nouveau rendez-vous ou classer.",
            )
        )
    if p.etat is State.PERIODE_ESSAI:
        assert p.fin_periode_essai is not None and p.motif is not None
        ended = today >= p.fin_periode_essai
        if p.fin_periode_essai_estimee:
            until = (
                f"période d'essai jusqu'au {_fr(p.fin_periode_essai)} au plus tard "
                "(durée légale, fin non précisée)"
            )
            follow = "suivi pendant la période d'essai ; à valider dès qu'elle est confirmée."
        else:
            until = f"période d'essai jusqu'au {_fr(p.fin_periode_essai)}"
            follow = "suivi pendant la période d'essai."
        found.append(
            Alert(
                AlertKind.PERIODE_ESSAI,
                p.fin_periode_essai,
                ended,
                f"En emploi ({p.motif.label}) — {until} : "
                + ("à valider par le conseiller pour clore la sortie." if ended else follow),
            )
        )
    return [alert for alert in found if alert is not None]


def _succeeds(step: Callable[[], Outcome]) -> bool:
    try:
        step()
    except RuleViolation:
        return False
    return True


def _probes(p: Parcours, today: date) -> dict[Action, Callable[[], Outcome]]:
    # A positive motif is always acceptable: it stands for "some exit is possible".
    return {
        Action.VALIDATE_DIAGNOSTIC: lambda: validate_diagnostic(p, today, Axe.AXE2),
        Action.ENTER: lambda: enter(p, today),
        Action.RECORD_RELANCE: lambda: record_relance(p, today),
        Action.BILAN_CONTINUE: lambda: record_bilan(p, today, BilanDecision.CONTINUE),
        Action.BILAN_REORIENTATION: lambda: record_bilan(p, today, BilanDecision.REORIENTATION),
        Action.BILAN_SORTIE: lambda: record_bilan(p, today, BilanDecision.SORTIE, MotifSortie.CDI),
        Action.EXIT: lambda: exit_with(p, today, MotifSortie.CDI),
        Action.REORIENT: lambda: reorient(p, today, None),
        Action.ENTRETIEN_ASS: lambda: record_entretien_ass(p, today),
        Action.ABSENCE_RDV: lambda: record_absence(p, today),
        Action.VALIDATE_PERIODE_ESSAI: lambda: validate_periode_essai(p, today),
        Action.BREAK_PERIODE_ESSAI: lambda: break_periode_essai(p, today),
        Action.CLOSE_WITHOUT_ENTRY: lambda: close_without_entry(p, today, "vérification"),
    }


def allowed_actions(p: Parcours, today: date) -> list[Action]:
    """The steps the rules accept on ``today``, in a stable order, so a screen shows only
    those. Each is checked by trying the step itself, so this never disagrees with it."""
    return [action for action, probe in _probes(p, today).items() if _succeeds(probe)]


def refused_steps(p: Parcours, today: date, role: str) -> dict[Action, str]:
    """Each step not offered on ``today`` to *role*, with the rule that refuses it (the
    French message of the step itself, or STEP_ROLES): what the screen says when asked."""
    refused: dict[Action, str] = {}
    for action, probe in _probes(p, today).items():
        owner = STEP_ROLES.get(action)
        if owner is not None and owner[0] != role:
            who = "l'ASS" if owner[0] == "ass" else "le conseiller"
            refused[action] = f"Cette étape est enregistrée par {who} du binôme."
            continue
        try:
            probe()
        except RuleViolation as exc:
            refused[action] = str(exc)
    return refused


def allowed_motifs(p: Parcours, today: date) -> list[MotifSortie]:
    """The exit motifs accepted on ``today`` (cessation d'inscription only after 2 relances)."""
    return [
        motif for motif in MotifSortie if _succeeds(functools.partial(exit_with, p, today, motif))
    ]
