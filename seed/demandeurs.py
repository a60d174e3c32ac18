"""Fictitious demandeurs for the demo: three portefeuilles of 70, the convention's target
« file active », showing every situation and every alert of the portefeuille on whatever day
the database is created.

Each conseiller gets the same mix of situations (:data:`MIX`): prescriptions waiting for the
diagnostic partagé (some past their 21 days), diagnostics validated before the entry, axe 2
parcours in every month of their 18 (bilan due soon or late, renewed once or twice, near or
past the 18-month end), axe 3 parcours (mid-period bilan, 12-month evaluation), exits of the
last 18 months with every motif, and prescriptions closed « sans suite ».

Every date is computed from ``today``, and every parcours is replayed through
:class:`caseload.store.Caseload`, the API the screens use: a date the rules of
:mod:`caseload.parcours` refuse stops the load. The steps of all demandeurs are replayed in
one chronological order, the Caseload's clock set to the day of each step (never after
``today``): the chronology shows the ASS designated on the day of the prescription, and the
ASS proposed for a sector is the one with the lightest load on that day.

People are invented: names drawn from lists of common names, mobile numbers in the range
ARCEP keeps for fiction (06 39 98 xx xx), e-mail addresses at example.org, street names
found in any town. The identities are drawn before any date, so they do not depend on
``today``.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database

from caseload.acces import get_profil
from caseload.fiche import ATOUTS, FREINS_DIRECTS, FREINS_PERIPHERIQUES
from caseload.parcours import (
    EXITS_WITH_PERIODE_ESSAI,
    STEP_ROLES,
    STEPS_NEEDING_CONCERTATION,
    Action,
    Axe,
    Concertation,
    Means,
    Modality,
    MotifSortie,
    RendezVous,
    add_months,
    closed_day,
)
from caseload.store import Caseload
from caseload.territoire import MONTAUBAN
from ressources.gazetteer import Gazetteer

SEED = 82

# The conseillers of the demo and the MDS their demandeurs live in: Castelsarrasin covers
# the west of the département; of the two Montauban agences, Albasud the town and the south
# (Montech/Verdun), Nord the town and the north-east (Caussade/Nègrepelisse).
CONSEILLERS: dict[str, tuple[str, ...]] = {
    "cons-albasud-01": ("montauban", "montech-verdun"),
    "cons-nord-01": ("montauban", "caussade-negrepelisse"),
    "cons-castel-01": ("castelsarrasin-moissac", "beaumont-valence"),
}

# Situations of one portefeuille (73 demandeurs, about the convention's 70) and how many of
# each. About 10 % prescrits
# (3 without an ASS: « non connu de la MDS »), 5 % diagnostic validé, 45 % axe 2, 10 % axe 3,
# 25 % sortis, 5 % sans suite.
MIX: tuple[tuple[str, int], ...] = (
    ("prescrit-recent", 2),
    ("prescrit-attente", 1),
    ("prescrit-retard", 1),
    ("prescrit-sans-ass", 2),
    ("prescrit-sans-ass-retard", 1),
    ("absent-rdv", 1),
    ("diagnostic-axe2", 2),
    ("diagnostic-axe2-retard", 1),
    ("diagnostic-axe3", 1),
    ("axe2-debut", 7),
    ("axe2-bilan-proche", 2),
    ("axe2-bilan-retard", 2),
    ("axe2-renouvele", 7),
    ("axe2-renouvele-bilan-proche", 2),
    ("axe2-renouvele-bilan-retard", 1),
    ("axe2-deux-renouvellements", 5),
    ("axe2-fin-proche", 2),
    ("axe2-fin-depassee", 1),
    ("axe2-depuis-axe3", 1),
    ("axe3-debut", 2),
    ("axe3-bilan-proche", 1),
    ("axe3-evaluation-proche", 1),
    ("axe3-evaluation-retard", 1),
    ("axe3-depuis-axe2", 1),
    ("axe3-renouvele", 1),
    ("sortie-rapide", 3),
    ("sortie-bilan", 3),
    ("sortie-apres-renouvellement", 3),
    ("sortie-18-mois", 2),
    ("sortie-cessation", 1),
    ("sortie-absences", 1),
    ("sortie-aggravation", 1),
    ("sortie-axe3", 1),
    ("sortie-demenagement", 1),
    ("periode-essai", 1),
    ("reorientation-aggravation", 1),
    ("entretien-ass-fait", 1),
    ("periode-essai-a-valider", 1),
    ("sans-suite-absent", 2),
    ("sans-suite-diagnostic", 1),
    ("sans-suite-apres-diagnostic", 1),
)
SANS_ASS = ("prescrit-sans-ass", "prescrit-sans-ass-retard")
# Prescriptions whose fiche holds two of the three decisions, the ASS's still to come.
DECISIONS_EN_ATTENTE = ("prescrit-attente", "prescrit-retard")
# Situations of people better known to the MDS (more often BRSA, prescribed by the CD82).
SOCIAUX = ("diagnostic-axe3", "sortie-axe3", "sortie-aggravation")

# -- identity data -----------------------------------------------------------------------------

NOMS = (
    "Abadie",
    "Alary",
    "Albouy",
    "Amiel",
    "Amrani",
    "Arnal",
    "Astruc",
    "Aubert",
    "Auriol",
    "Bacquié",
    "Barrau",
    "Baylac",
    "Belkacem",
    "Benaïssa",
    "Bennani",
    "Bergès",
    "Bernard",
    "Besse",
    "Bianchi",
    "Blanc",
    "Bonnet",
    "Bories",
    "Boudou",
    "Bouzid",
    "Brunet",
    "Cadène",
    "Calvet",
    "Camara",
    "Carrière",
    "Cassagne",
    "Castex",
    "Cayla",
    "Chabbert",
    "Cherif",
    "Clément",
    "Colombo",
    "Conti",
    "Costes",
    "Couderc",
    "Coulibaly",
    "Da Costa",
    "Da Silva",
    "Demir",
    "Diallo",
    "Diop",
    "Dos Santos",
    "Dubois",
    "Dupuy",
    "Escudié",
    "Estève",
    "Fernandez",
    "Ferreira",
    "Fontaine",
    "Fournier",
    "Garcia",
    "Gautier",
    "Gomez",
    "Gonçalves",
    "Girard",
    "Hamidi",
    "Izard",
    "Kaci",
    "Kaya",
    "Koné",
    "Labat",
    "Laborde",
    "Lacoste",
    "Lagrèze",
    "Lambert",
    "Laval",
    "Lefebvre",
    "Leroy",
    "Lopez",
    "Mansouri",
    "Marchand",
    "Martin",
    "Martinez",
    "Masson",
    "Mercier",
    "Michel",
    "Mirouze",
    "Morel",
    "Moreno",
    "Mourgues",
    "Navarro",
    "Ndiaye",
    "Olivier",
    "Ortega",
    "Ouali",
    "Pereira",
    "Perez",
    "Petit",
    "Picard",
    "Popescu",
    "Rahmani",
    "Renard",
    "Rey",
    "Richard",
    "Robert",
    "Rodrigues",
    "Romano",
    "Roques",
    "Rossi",
    "Rousseau",
    "Ruiz",
    "Saïdi",
    "Salles",
    "Sanchez",
    "Simon",
    "Sow",
    "Teixeira",
    "Thomas",
    "Tran",
    "Traoré",
    "Vergnes",
    "Vincent",
    "Yilmaz",
    "Ziani",
)
# First names by sex and by generation (from this age at the prescription, the « aînés »).
AGE_AINES = 43
PRENOMS = {
    ("F", "aines"): (
        "Nathalie",
        "Isabelle",
        "Sylvie",
        "Catherine",
        "Valérie",
        "Sandrine",
        "Christine",
        "Véronique",
        "Corinne",
        "Patricia",
        "Martine",
        "Brigitte",
        "Karine",
        "Laurence",
        "Florence",
        "Fatima",
        "Maria",
        "Nadia",
        "Malika",
        "Ana",
        "Carmen",
        "Josiane",
        "Pascale",
        "Murielle",
        "Aïcha",
        "Dominique",
        "Chantal",
        "Françoise",
    ),
    ("F", "jeunes"): (
        "Julie",
        "Laura",
        "Sarah",
        "Camille",
        "Manon",
        "Léa",
        "Marine",
        "Émilie",
        "Pauline",
        "Jessica",
        "Amandine",
        "Océane",
        "Inès",
        "Yasmine",
        "Audrey",
        "Aurore",
        "Élodie",
        "Charlotte",
        "Justine",
        "Anaïs",
        "Lucie",
        "Kenza",
        "Sonia",
        "Mariama",
        "Fatoumata",
        "Priscilla",
        "Mélissa",
        "Clara",
        "Alicia",
        "Cindy",
    ),
    ("M", "aines"): (
        "Philippe",
        "Thierry",
        "Pascal",
        "Patrick",
        "Laurent",
        "Stéphane",
        "Éric",
        "Christophe",
        "Frédéric",
        "Olivier",
        "Didier",
        "Jean-Marc",
        "Jean-Pierre",
        "Bruno",
        "Gilles",
        "Alain",
        "Serge",
        "Hervé",
        "Mohamed",
        "Ahmed",
        "Abdelkader",
        "José",
        "Manuel",
        "Antonio",
        "Francis",
        "Joël",
        "Jean-Luc",
        "Rachid",
    ),
    ("M", "jeunes"): (
        "Kevin",
        "Nicolas",
        "Anthony",
        "Maxime",
        "Jérémy",
        "Romain",
        "Alexandre",
        "Florian",
        "Mickaël",
        "Jonathan",
        "Quentin",
        "Dylan",
        "Lucas",
        "Théo",
        "Hugo",
        "Mathis",
        "Enzo",
        "Yanis",
        "Mehdi",
        "Bilal",
        "Rayan",
        "Sofiane",
        "Ibrahim",
        "Moussa",
        "Baptiste",
        "Steven",
        "Jordan",
        "Benjamin",
        "Samuel",
        "Axel",
    ),
}
RUES = (
    "rue des Lilas",
    "rue des Acacias",
    "impasse des Tilleuls",
    "allée des Peupliers",
    "rue des Roses",
    "chemin des Vignes",
    "rue du Moulin",
    "place de l'Église",
    "rue de la Fontaine",
    "avenue des Platanes",
    "rue des Écoles",
    "rue du Stade",
    "chemin de la Plaine",
    "rue des Jardins",
    "rue des Mésanges",
    "rue des Cerisiers",
    "impasse des Pruniers",
    "rue du Lavoir",
    "route de la Gare",
    "rue des Coquelicots",
    "allée des Chênes",
    "rue des Pêchers",
    "chemin du Ruisseau",
    "rue des Vergers",
    "rue des Bleuets",
    "rue du Four",
    "allée des Marronniers",
    "rue des Tournesols",
    "avenue des Charmes",
    "rue des Hirondelles",
)
LIEUX_DITS = (
    "Le Bousquet",
    "La Borde",
    "Les Fargues",
    "Le Mas",
    "Las Parets",
    "La Capelle",
    "Le Pech",
    "La Grange",
    "Les Bruyères",
    "Le Colombier",
)
RESIDENCES = ("Les Hirondelles", "Le Parc", "Les Cèdres", "Les Glycines", "Le Clos")
# Populations above this have blocks of flats; below, some addresses are a lieu-dit.
VILLE = 5000
BOURG = 1500

# Weights of the freins périphériques on a fiche (logement, santé and finances come first
# in the convention's diagnostics), adjusted per person below.
POIDS_FREINS = {
    "difficultes-financieres": 5,
    "logement": 4,
    "sante": 4,
    "administratif-juridique": 3,
    "contraintes-familiales": 2,
    "insertion-communication": 3,
    "transport": 3,
}

# -- parcours vocabulary -----------------------------------------------------------------------

POSITIVES = (
    MotifSortie.CDD,
    MotifSortie.CDD,
    MotifSortie.CDI,
    MotifSortie.CDI,
    MotifSortie.SIAE,
    MotifSortie.FORMATION,
    MotifSortie.FORMATION,
    MotifSortie.CREATION_ACTIVITE,
)
BILAN_SORTIE_MOTIFS = (
    MotifSortie.CDD,
    MotifSortie.CDI,
    MotifSortie.FORMATION,
    MotifSortie.SIAE,
    MotifSortie.CHANGEMENT_MODALITE,
    MotifSortie.CHANGEMENT_MODALITE,
    MotifSortie.AUTRE_INTERRUPTION,
)
RAISONS_ABSENCE = (
    "Ne s'est pas présenté(e) au rendez-vous de diagnostic partagé.",
    "Injoignable malgré deux relances avant le diagnostic partagé.",
)
RAISONS_APRES_DIAGNOSTIC = (
    "A repris un emploi (CDI) avant l'entrée en accompagnement.",
    "A finalement refusé l'accompagnement.",
    "A déménagé hors du département avant l'entrée.",
)
DECISIONS_FICHE = {Axe.AXE2: "axe2", Axe.AXE3: "axe3", None: "non"}
HEURES = ("09:00", "09:30", "10:30", "14:00", "15:30")
MODALITIES = (Modality.TRIPARTITE, Modality.TRIPARTITE, Modality.SEPAREMENT)
MEANS = (Means.FACE_A_FACE, Means.TELEPHONE, Means.MAIL)
LATE_ENTRY_SHARE = 0.15
LATE_BILAN_SHARE = 0.15

Step = tuple[date, Action | str, dict[str, Any]]
# A step that is not a parcours Action: the rendez-vous with the ASS (parcours.RDV_COURRIER).
RDV = "rendez-vous"


@dataclass
class _Person:
    """What is drawn before any date: who the demandeur is, not when things happened."""

    conseiller_id: str
    situation: str
    fiche: dict[str, Any]
    age: int  # completed years on the day of the prescription
    jours: int  # days before that birthday
    with_ass: bool


@dataclass
class _Plan:
    personne: _Person
    prescription: date
    steps: list[Step] = field(default_factory=list)


class _Clock:
    """The clock of the Caseloads: the day being replayed, never after ``today``."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.jour = today

    def set_day(self, jour: date) -> None:
        self.jour = min(jour, self.today)

    def __call__(self) -> date:
        return self.jour


# -- loading -----------------------------------------------------------------------------------


def load_demo_demandeurs(db: Database, today: date | None = None) -> int:
    """Create the demo demandeurs, their parcours dated relative to ``today``; return how many."""
    today = today or date.today()
    rng = random.Random(SEED)
    gazetteer = Gazetteer.from_db(db)
    horloge = _Clock(today)
    caseloads = {}
    for conseiller_id in CONSEILLERS:
        profil = get_profil(db, conseiller_id)
        if profil is None:
            raise LookupError(f"Demo profile {conseiller_id} missing: load the demo profils first.")
        caseloads[conseiller_id] = Caseload(db, profil, clock=horloge, gazetteer=gazetteer)

    personnes = _people(db, rng)
    plans = [_plan(p, rng, today) for p in personnes]

    ass_caseloads: dict[str, Caseload] = {}
    events = []
    for index, plan in enumerate(plans):
        events.append((plan.prescription, index, -1))
        events += [(step[0], index, number) for number, step in enumerate(plan.steps)]
    events.sort()
    ids: dict[int, int] = {}
    with db.atomic():
        for day, index, number in events:
            plan = plans[index]
            caseload = caseloads[plan.personne.conseiller_id]
            horloge.set_day(day)
            if number < 0:
                ids[index] = _create(caseload, plan)
                continue
            on, action, options = plan.steps[number]
            options = dict(options)
            if action == RDV:
                d = caseload._read(ids[index])
                site = caseload.secteur(d).site.id
                caseload.set_rendez_vous(ids[index], RendezVous(site_id=site, **options))
                continue
            assert isinstance(action, Action)  # the rendez-vous, the only other step, is done
            if action in STEP_ROLES and STEP_ROLES[action][0] == "ass":
                # Recorded by the ASS (parcours.STEP_ROLES), as the convention says.
                ass_id = caseload._read(ids[index]).ass_id
                assert ass_id is not None  # every demo demandeur has their ASS
                if ass_id not in ass_caseloads:
                    ass = get_profil(db, ass_id)
                    assert ass is not None
                    ass_caseloads[ass_id] = Caseload(db, ass, clock=horloge, gazetteer=gazetteer)
                ass_caseloads[ass_id].apply(ids[index], action, on)
                continue
            if action is Action.VALIDATE_DIAGNOSTIC:
                # The three decisions of the fiche (parcours.THREE_DECISIONS), written with the
                # diagnostic; every modality shows (parcours.DIAGNOSTIC_MODALITES): the people
                # waiting for their entry were validated by the ASS « par simple retour »,
                # so she still has to receive them (an alert).
                decision = DECISIONS_FICHE[options["decision"]]
                options["decisions"] = {
                    "demandeur": decision,
                    "conseiller": decision,
                    "ass": decision,
                }
                situation = plan.personne.situation
                if situation.startswith("diagnostic-axe2") or situation == "entretien-ass-fait":
                    options["modalite"] = Modality.SIMPLE_RETOUR
                else:
                    options["modalite"] = MODALITIES[index % len(MODALITIES)]
            if action in STEPS_NEEDING_CONCERTATION:
                # parcours.CONCERTATION_REQUIRED: the three agreed, by one of the usual means.
                options["concertation"] = Concertation(on, MEANS[index % len(MEANS)])
            caseload.apply(ids[index], action, on, **options)
        horloge.set_day(today)
    return len(ids)


def _create(caseload: Caseload, plan: _Plan) -> int:
    """Prescribe on the plan's day; the ASS is the one the sector proposes that day."""
    personne = plan.personne
    data = dict(personne.fiche)
    data["date_naissance"] = _birth_date(plan.prescription, personne.age, personne.jours)
    data["consentement"] = True
    data["consentement_date"] = plan.prescription
    if personne.situation in DECISIONS_EN_ATTENTE:
        # Decisions pending (parcours.THREE_DECISIONS): the demandeur and the conseiller said
        # « oui » to the Accompagnement Global, the ASS has not decided yet.
        data["decision_demandeur"] = data["decision_conseiller"] = "axe2"
    ass = None
    if personne.with_ass:
        secteur = caseload.territoire.secteur(data["code_insee"], data.get("quartier"))
        ass = secteur.proposed_ass
        if ass is None:
            raise LookupError(f"No ASS covers {secteur.commune.nom}: the sectorisation is wrong.")
    if data["initiateur"] == "cd82":
        assert ass is not None  # the CD82 prescribes people its ASS know
        data["initiateur_nom"] = ass.nom_complet
        data["initiateur_fonction"] = "Assistant(e) de service social"
    else:
        data["initiateur_nom"] = caseload.profil.nom_complet
        data["initiateur_fonction"] = "Conseiller France Travail"
    new_id = caseload.create(data, prescription=plan.prescription, demo=True)
    if ass is not None:
        caseload.assign_ass(new_id, ass.id)
    return new_id


def _birth_date(prescription: date, age: int, jours: int) -> date:
    anniversaire = date(prescription.year - age, prescription.month, min(prescription.day, 28))
    return anniversaire - timedelta(days=jours)


# -- identities --------------------------------------------------------------------------------


def _communes(db: Database, mds: tuple[str, ...]) -> tuple[list[str], list[int]]:
    marks = ", ".join("?" for _ in mds)
    rows = db.execute(
        "SELECT c.code_insee, c.population FROM communes c "
        "JOIN commune_secteurs cs ON cs.code_insee = c.code_insee "
        f"JOIN sites s ON s.id = cs.site_id WHERE s.mds IN ({marks}) ORDER BY c.code_insee",
        list(mds),
    ).fetchall()
    return [r[0] for r in rows], [r[1] or 1 for r in rows]


def _people(db: Database, rng: random.Random) -> list[_Person]:
    populations = {
        r[0]: r[1] or 0 for r in db.execute("SELECT code_insee, population FROM communes")
    }
    quartiers = [r[0] for r in db.execute("SELECT slug FROM quartiers ORDER BY slug")]
    total = len(CONSEILLERS) * sum(n for _, n in MIX)
    telephones = rng.sample(range(10000), total)
    used_names: set[tuple[str, str]] = set()
    used_ids: set[str] = set()
    personnes: list[_Person] = []
    for conseiller_id, mds in CONSEILLERS.items():
        codes, weights = _communes(db, mds)
        situations = [s for s, n in MIX for _ in range(n)]
        rng.shuffle(situations)
        for situation in situations:
            code = rng.choices(codes, weights)[0]
            age = rng.choices(
                [
                    rng.randint(18, 25),
                    rng.randint(26, 35),
                    rng.randint(36, 45),
                    rng.randint(46, 55),
                    rng.randint(56, 59),
                ],
                [15, 28, 27, 22, 8],
            )[0]
            fiche = _fiche(rng, situation, code, populations[code], age, used_names, used_ids)
            if code == MONTAUBAN:
                fiche["quartier"] = rng.choice(quartiers)
            tel = telephones[len(personnes)]
            fiche["telephone"] = f"06 39 98 {tel // 100:02d} {tel % 100:02d}"
            with_ass = situation not in SANS_ASS
            if not with_ass:
                fiche["initiateur"] = "france-travail"
            jours = rng.randint(0, 360)
            personnes.append(_Person(conseiller_id, situation, fiche, age, jours, with_ass))
    return personnes


def _fiche(
    rng: random.Random,
    situation: str,
    code: str,
    population: int,
    age: int,
    used_names: set[tuple[str, str]],
    used_ids: set[str],
) -> dict[str, Any]:
    social = situation in SOCIAUX or situation.startswith("axe3")
    sexe = rng.choice("FM")
    generation = "aines" if age >= AGE_AINES else "jeunes"
    while True:
        nom = rng.choice(NOMS)
        prenom = rng.choice(PRENOMS[sexe, generation])
        if (nom, prenom) not in used_names:
            used_names.add((nom, prenom))
            break
    while True:
        identifiant_ft = f"{rng.randint(0, 9_999_999):07d}{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}"
        if identifiant_ft not in used_ids:
            used_ids.add(identifiant_ft)
            break
    brsa = rng.random() < (0.6 if social else 0.37)
    couple = rng.random() < 0.35
    enfants = rng.choices([0, 1, 2, 3, 4], [45, 22, 18, 10, 5] if couple else [55, 22, 14, 7, 2])[0]
    demat = rng.random() < 0.45
    fiche: dict[str, Any] = {
        "nom": nom,
        "prenom": prenom,
        "adresse": _address(rng, population),
        "code_insee": code,
        "echanges_dematerialises": demat,
        "identifiant_ft": identifiant_ft,
        "identifiant_caf": f"{rng.randint(1_000_000, 9_999_999)}"
        if brsa or rng.random() < 0.2
        else "",
        "situation_familiale": "couple" if couple else "seul",
        "enfants_a_charge": enfants,
        "initiateur": "cd82" if rng.random() < (0.4 if social else 0.22) else "france-travail",
        "brsa": brsa,
    }
    if demat:
        fiche["courriel"] = f"{_slug(prenom)}.{_slug(nom)}{rng.randint(1, 99)}@example.org"
    weights = dict(POIDS_FREINS)
    if brsa:
        weights["difficultes-financieres"] += 6
    if enfants and not couple:
        weights["contraintes-familiales"] += 5
    if population < BOURG:
        weights["transport"] += 5
    fiche["freins_peripheriques"] = _draw(
        rng, weights, rng.randint(3, 4) if social else rng.randint(1, 4)
    )
    fiche["freins_directs"] = _draw(
        rng, dict.fromkeys(FREINS_DIRECTS, 1), rng.randint(0, 2 if social else 3)
    )
    fiche["atouts"] = _draw(rng, dict.fromkeys(ATOUTS, 1), rng.randint(1, 2 if social else 4))
    assert set(fiche["freins_peripheriques"]) <= set(FREINS_PERIPHERIQUES)
    return fiche


def _draw(rng: random.Random, weights: dict[str, int], n: int) -> list[str]:
    """``n`` distinct keys drawn by weight, in the order of the fiche."""
    restants = dict(weights)
    tires = set()
    for _ in range(n):
        choix = rng.choices(list(restants), list(restants.values()))[0]
        tires.add(choix)
        del restants[choix]
    return [k for k in weights if k in tires]


def _address(rng: random.Random, population: int) -> str:
    if population < BOURG and rng.random() < 0.4:
        return f"lieu-dit {rng.choice(LIEUX_DITS)}"
    rue = f"{rng.randint(1, 48)} {rng.choice(RUES)}"
    if population >= VILLE and rng.random() < 0.35:
        return f"résidence {rng.choice(RESIDENCES)}, bât. {rng.choice('ABCD')}, {rue}"
    return rue


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in text.lower() if ch.isalnum())


# -- dates -------------------------------------------------------------------------------------


def _day(start: date, ok: Callable[[date], bool], *, span: int = 60) -> date:
    """The weekday nearest ``start`` (start, the day before, the day after...) that ``ok``
    accepts: dates are chosen on working days and inside the window a rule sets."""
    for k in range(2 * span + 1):
        candidate = start + timedelta(days=((k + 1) // 2) * (-1 if k % 2 else 1))
        if candidate.weekday() < 5 and ok(candidate):
            return candidate
    raise ValueError(f"No working day near {start} fits the scenario (a bug in the generator).")


def _m(day: date, months: int) -> date:
    return add_months(day, months)


def _d(days: int) -> timedelta:
    return timedelta(days=days)


class _Builder:
    """The steps of one parcours, in order."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        self._prescription: date | None = None
        self.steps: list[Step] = []

    @property
    def prescription(self) -> date:
        assert self._prescription is not None, "prescribe() comes first"
        return self._prescription

    @property
    def last(self) -> date:
        return self.steps[-1][0] if self.steps else self.prescription

    def add(self, on: date, action: Action | str, **options: Any) -> date:
        assert on >= self.last and on <= self.today, (on, action)
        self.steps.append((on, action, options))
        return on

    def sortie(self, on: date, action: Action, motif: MotifSortie, **options: Any) -> date:
        """An exit (or a bilan de sortie) on ``on``. Back to work in CDD or CDI, the file
        stays « en emploi — période d'essai » (parcours.PERIODE_ESSAI) until the conseiller
        validates it, the first working day after the trial: a CDD's of one month at most
        (two weeks or one month, from the day: no random draw, so the other files keep their
        dates), a CDI's of two months. A trial still running today stays open."""
        if motif not in EXITS_WITH_PERIODE_ESSAI:
            return self.add(on, action, motif=motif, **options)
        months = 2 if motif is MotifSortie.CDI else 1
        fin = _m(on, months) if motif is MotifSortie.CDI or on.toordinal() % 2 else on + _d(14)
        self.add(on, action, motif=motif, fin_periode_essai=fin, **options)
        validation = _day(fin, lambda d: d >= fin)
        if validation <= self.today:
            self.add(validation, Action.VALIDATE_PERIODE_ESSAI)
        return on

    def prescribe(self, lo: int, hi: int) -> date:
        """A prescription between ``hi`` and ``lo`` days before today."""
        t = self.today
        start = t - _d(self.rng.randint(lo, hi))
        self._prescription = _day(start, lambda d: lo <= (t - d).days <= hi)
        return self._prescription

    def diagnostic(self, decision: Axe | None, lo: int, hi: int) -> date:
        """The diagnostic partagé, ``lo`` to ``hi`` days after the prescription."""
        p = self.prescription
        start = p + _d(self.rng.randint(lo, hi))
        on = _day(min(start, self.today), lambda d: p < d <= self.today and (d - p).days <= hi)
        return self.add(on, Action.VALIDATE_DIAGNOSTIC, decision=decision)

    def enter(self, entree: date, axe: Axe, *, late: bool | None = None) -> date:
        """Prescription and diagnostic before an entry on ``entree`` (a working day)."""
        if late is None:
            late = axe is Axe.AXE2 and self.rng.random() < LATE_ENTRY_SHARE
        lo, hi = (22, 35) if late else (7, 21) if axe is Axe.AXE2 else (7, 30)
        start = entree - _d(self.rng.randint(lo, hi))
        self._prescription = _day(start, lambda d: lo <= (entree - d).days <= hi)
        gap = (entree - self.prescription).days
        p = self.prescription
        diag = _day(entree - _d(self.rng.randint(0, min(7, gap - 2))), lambda d: p < d <= entree)
        self.add(diag, Action.VALIDATE_DIAGNOSTIC, decision=axe)
        return self.add(entree, Action.ENTER)

    def bilan_axe2(self, debut: date, j: int, action: Action, cap: date, **options: Any) -> date:
        """The bilan of axe 2 period ``j`` (window from month 5 to month 6), sometimes late."""
        opens, closes = _m(debut, 6 * j + 5), _m(debut, 6 * j + 6)
        late_end = min(cap, closes + _d(20))
        if self.rng.random() < LATE_BILAN_SHARE and (late_end - closes).days >= 4:
            start = closes + _d(self.rng.randint(2, 15))
            on = _day(min(start, late_end), lambda d: closes < d <= late_end)
        else:
            end = min(closes, cap)
            start = closes - _d(self.rng.randint(0, 25))
            on = _day(min(start, end), lambda d: max(opens, self.last) <= d <= end)
        if "motif" in options:
            return self.sortie(on, action, **options)
        return self.add(on, action, **options)

    def bilan_axe3(self, debut: date, action: Action, cap: date, **options: Any) -> date:
        """The mid-period bilan of axe 3, around month 6."""
        mid, evaluation = _m(debut, 6), _m(debut, 12)
        end = min(cap, evaluation - _d(1))
        start = mid - _d(self.rng.randint(0, 20))
        on = _day(min(start, end), lambda d: debut + _d(60) <= d <= end and d >= self.last)
        return self.add(on, action, **options)

    def remind(self, lo: date, hi: date) -> date:
        start = lo + _d(self.rng.randint(0, max(0, (hi - lo).days)))
        on = _day(start, lambda d: max(lo, self.last) <= d <= hi)
        return self.add(on, Action.RECORD_RELANCE)

    def may_remind(self) -> None:
        """Now and then a relance in a running parcours."""
        if self.rng.random() < 0.2 and (self.today - self.last).days > 12:
            self.remind(self.last + _d(7), self.today - _d(2))


def _axe_start(t: date, start: date, ok: Callable[[date], bool]) -> date:
    return _day(start, lambda d: d <= t - _d(5) and ok(d))


def _plan(personne: _Person, rng: random.Random, t: date) -> _Plan:
    """Dated steps for the personne's situation, all on or before ``t``."""
    b = _Builder(rng, t)
    s = personne.situation
    r = rng.randint
    # Prescriptions closed sans suite stay in the current and previous year (or the last 19
    # months early in a year). The sortis leave over the last 18 months; the longest of them
    # entered up to 26 months ago, so that the previous year has exits too.
    earliest = min(date(t.year - 1, 1, 1), _m(t, -19))
    debut_min = _m(t, -26)

    def exit_day(min_months: int) -> date:
        """When an exit happens: over the last 18 months, ``min_months`` after ``debut_min``."""
        lo = max((t - _m(t, -18)).days, 3)
        room = (t - _m(debut_min, min_months)).days - 45
        return t - _d(r(3, max(4, min(lo, room))))

    if s.startswith("prescrit"):
        bounds = {
            "prescrit-recent": (1, 10),
            "prescrit-attente": (13, 20),
            "prescrit-retard": (23, 45),
            "prescrit-sans-ass": (1, 15),
            "prescrit-sans-ass-retard": (23, 32),
        }[s]
        b.prescribe(*bounds)
        if s == "prescrit-recent":
            # The rendez-vous with the ASS, a few days ahead: its courrier can be printed.
            jour = _day(t + _d(r(3, 12)), lambda d: d > t and not closed_day(d))
            b.add(b.prescription, RDV, jour=jour, heure=rng.choice(HEURES))
    elif s == "absent-rdv":
        b.prescribe(20, 30)
        p0 = b.prescription
        jour = _day(p0 + _d(7), lambda d: p0 < d <= t - _d(3) and not closed_day(d))
        b.add(p0, RDV, jour=jour, heure=rng.choice(HEURES))
        b.add(jour + _d(1), Action.ABSENCE_RDV)
    elif s == "diagnostic-axe2":
        b.prescribe(5, 18)
        b.diagnostic(Axe.AXE2, 2, 8)
    elif s == "diagnostic-axe2-retard":
        b.prescribe(23, 35)
        b.diagnostic(Axe.AXE2, 5, 15)
    elif s == "diagnostic-axe3":
        b.prescribe(5, 25)
        b.diagnostic(Axe.AXE3, 2, 10)

    # -- axe 2, running ------------------------------------------------------------------------
    elif s == "axe2-depuis-axe3":
        reorientation = _axe_start(t, t - _d(r(20, 140)), lambda d: (_m(d, 6) - t).days > 15)
        debut3 = _day(
            reorientation - _d(r(90, 170)),
            lambda d: (reorientation - d).days >= 60 and _m(d, 12) > reorientation,
        )
        b.enter(debut3, Axe.AXE3)
        b.add(reorientation, Action.BILAN_REORIENTATION)
        b.may_remind()
    elif s.startswith("axe2"):
        renewals, start, ok = {
            "axe2-debut": (0, t - _d(r(10, 140)), lambda d: (_m(d, 6) - t).days > 15),
            "axe2-bilan-proche": (
                0,
                _m(t + _d(r(3, 12)), -6),
                lambda d: 1 <= (_m(d, 6) - t).days <= 14,
            ),
            "axe2-bilan-retard": (
                0,
                _m(t - _d(r(4, 30)), -6),
                lambda d: 2 <= (t - _m(d, 6)).days <= 35,
            ),
            "axe2-renouvele": (
                1,
                t - _d(r(200, 320)),
                lambda d: (t - _m(d, 6)).days >= 3 and (_m(d, 12) - t).days > 15,
            ),
            "axe2-renouvele-bilan-proche": (
                1,
                _m(t + _d(r(3, 12)), -12),
                lambda d: 1 <= (_m(d, 12) - t).days <= 14,
            ),
            "axe2-renouvele-bilan-retard": (
                1,
                _m(t - _d(r(4, 30)), -12),
                lambda d: 2 <= (t - _m(d, 12)).days <= 35,
            ),
            "axe2-deux-renouvellements": (
                2,
                t - _d(r(380, 490)),
                lambda d: (t - _m(d, 12)).days >= 3 and (_m(d, 18) - t).days > 30,
            ),
            "axe2-fin-proche": (
                2,
                _m(t + _d(r(3, 27)), -18),
                lambda d: 1 <= (_m(d, 18) - t).days <= 29,
            ),
            "axe2-fin-depassee": (
                2,
                _m(t - _d(r(2, 12)), -18),
                lambda d: 1 <= (t - _m(d, 18)).days <= 15,
            ),
        }[s]
        debut = _axe_start(t, start, ok)
        b.enter(debut, Axe.AXE2)
        for j in range(renewals):
            b.bilan_axe2(debut, j, Action.BILAN_CONTINUE, t)
        b.may_remind()

    # -- axe 3, running ------------------------------------------------------------------------
    elif s == "axe3-depuis-axe2":
        reorientation = _axe_start(
            t, t - _d(r(30, 150)), lambda d: d <= t - _d(20) and (_m(d, 6) - t).days > 15
        )
        debut2 = _day(
            _m(reorientation, -6) + _d(r(1, 25)),
            lambda d: _m(d, 5) <= reorientation <= _m(d, 6),
        )
        b.enter(debut2, Axe.AXE2)
        b.add(reorientation, Action.BILAN_REORIENTATION)
    elif s.startswith("axe3"):
        mid_bilan, evaluation, start, ok = {
            "axe3-debut": (False, False, t - _d(r(10, 130)), lambda d: (_m(d, 6) - t).days > 15),
            "axe3-bilan-proche": (
                False,
                False,
                _m(t + _d(r(3, 12)), -6),
                lambda d: 1 <= (_m(d, 6) - t).days <= 14,
            ),
            "axe3-evaluation-proche": (
                True,
                False,
                _m(t + _d(r(3, 12)), -12),
                lambda d: 1 <= (_m(d, 12) - t).days <= 14,
            ),
            "axe3-evaluation-retard": (
                True,
                False,
                _m(t - _d(r(4, 30)), -12),
                lambda d: 2 <= (t - _m(d, 12)).days <= 35,
            ),
            "axe3-renouvele": (
                True,
                True,
                t - _d(r(395, 500)),
                lambda d: (t - _m(d, 12)).days >= 3 and (_m(d, 18) - t).days > 15,
            ),
        }[s]
        debut = _axe_start(t, start, ok)
        b.enter(debut, Axe.AXE3)
        if mid_bilan:
            b.bilan_axe3(debut, Action.BILAN_CONTINUE, t)
        if evaluation:
            due = _m(debut, 12)
            on = _day(due + _d(r(0, 10)), lambda d: due <= d <= t)
            b.add(on, Action.BILAN_CONTINUE)

    # -- sortis --------------------------------------------------------------------------------
    elif s == "sortie-bilan":
        x0 = exit_day(6)
        debut = _day(
            _m(x0, -6) + _d(r(0, 25)), lambda d: debut_min <= d and _m(d, 5) <= x0 <= _m(d, 6)
        )
        b.enter(debut, Axe.AXE2)
        b.bilan_axe2(
            debut, 0, Action.BILAN_SORTIE, t - _d(1), motif=rng.choice(BILAN_SORTIE_MOTIFS)
        )
    elif s == "sortie-apres-renouvellement":
        by_bilan = rng.random() < 0.5
        x0 = exit_day(12)
        if by_bilan:
            debut = _day(
                _m(x0, -12) + _d(r(0, 25)),
                lambda d: debut_min <= d and _m(d, 11) <= x0 <= _m(d, 12),
            )
        else:
            debut = _day(
                x0 - _d(r(200, 340)),
                lambda d: debut_min <= d and _m(d, 6) + _d(10) <= x0 <= _m(d, 11),
            )
        b.enter(debut, Axe.AXE2)
        b.bilan_axe2(debut, 0, Action.BILAN_CONTINUE, x0 - _d(5))
        if by_bilan:
            motif = rng.choice(BILAN_SORTIE_MOTIFS)
            b.bilan_axe2(debut, 1, Action.BILAN_SORTIE, t - _d(1), motif=motif)
        else:
            last = b.last
            on = _day(x0, lambda d: last + _d(7) <= d <= t - _d(1))
            b.sortie(on, Action.EXIT, rng.choice(POSITIVES))
    elif s == "sortie-18-mois":
        x0 = exit_day(18)
        debut = _day(_m(x0, -18) + _d(r(0, 25)), lambda d: _m(d, 17) <= x0 <= _m(d, 18) - _d(1))
        b.enter(debut, Axe.AXE2)
        b.bilan_axe2(debut, 0, Action.BILAN_CONTINUE, t)
        b.bilan_axe2(debut, 1, Action.BILAN_CONTINUE, t)
        b.bilan_axe2(
            debut, 2, Action.BILAN_SORTIE, t - _d(1), motif=rng.choice(BILAN_SORTIE_MOTIFS)
        )
    elif s == "sortie-axe3":
        x0 = exit_day(11)
        debut = _day(x0 - _d(r(120, 330)), lambda d: debut_min <= d and d + _d(90) <= x0)
        b.enter(debut, Axe.AXE3)
        if x0 >= _m(debut, 6) - _d(10):
            b.bilan_axe3(debut, Action.BILAN_CONTINUE, x0 - _d(7))
        last = b.last
        on = _day(x0, lambda d: last + _d(5) <= d <= t - _d(1) and d < _m(debut, 12))
        motif = rng.choice(
            (
                MotifSortie.FORMATION,
                MotifSortie.CHANGEMENT_MODALITE,
                MotifSortie.DEMENAGEMENT,
                MotifSortie.CDD,
                MotifSortie.SIAE,
            )
        )
        b.sortie(on, Action.EXIT, motif)
    elif s.startswith("sortie"):
        # Exits during the first period, without a bilan.
        lo, hi, motif = {
            "sortie-rapide": (30, 150, rng.choice(POSITIVES)),
            "sortie-cessation": (60, 145, MotifSortie.CESSATION_INSCRIPTION),
            "sortie-absences": (45, 140, MotifSortie.ABSENCES_OU_REFUS),
            "sortie-aggravation": (40, 140, MotifSortie.AGGRAVATION_SOCIALE),
            "sortie-demenagement": (
                30,
                160,
                rng.choice((MotifSortie.DEMENAGEMENT, MotifSortie.AUTRE_INTERRUPTION)),
            ),
        }[s]
        x0 = exit_day(5)
        debut = _day(x0 - _d(r(lo, hi)), lambda d: debut_min <= d and d + _d(25) <= x0)
        b.enter(debut, Axe.AXE2)
        on = _day(x0, lambda d: debut + _d(20) <= d <= t - _d(1) and d < _m(debut, 5))
        if motif is MotifSortie.CESSATION_INSCRIPTION:
            first = b.remind(on - _d(r(28, 40)), on - _d(18))
            b.remind(first + _d(10), on - _d(3))
        elif motif is MotifSortie.ABSENCES_OU_REFUS:
            b.remind(on - _d(r(14, 25)), on - _d(3))
        b.sortie(on, Action.EXIT, motif)

    # -- en emploi, période d'essai (parcours.PERIODE_ESSAI) ----------------------------------
    elif s.startswith("periode-essai"):
        # Back to work in CDD or CDI. The trial still runs, its end not known yet (the
        # legal maximum stands in: parcours.PERIODE_ESSAI_DUREE_LEGALE); or it has ended on the day
        # the binôme gave and waits for the conseiller to validate the exit.
        emploi = t - _d(r(3, 25)) if s == "periode-essai" else _m(t, -2) - _d(r(3, 12))
        debut = _day(emploi - _d(r(60, 140)), lambda d: debut_min <= d and _m(d, 5) > emploi)
        b.enter(debut, Axe.AXE2)
        on = _day(emploi, lambda d: debut + _d(20) <= d <= t - _d(1) and d < _m(debut, 5))
        motif = rng.choice((MotifSortie.CDD, MotifSortie.CDI))
        if s == "periode-essai":
            b.add(on, Action.EXIT, motif=motif)
        else:
            fin = _m(on, 2 if motif is MotifSortie.CDI else 1)
            b.add(on, Action.EXIT, motif=motif, fin_periode_essai=fin)

    # -- réorientation at any time, ASS interview after a simple retour --------------------------
    elif s == "reorientation-aggravation":
        # parcours.REORIENTATION_ANY_TIME: the social situation worsens at month 1 to 3 of axe 2.
        debut = _axe_start(t, t - _d(r(60, 150)), lambda d: d >= debut_min)
        b.enter(debut, Axe.AXE2)
        on = _day(debut + _d(r(30, 80)), lambda d: debut + _d(20) <= d <= t - _d(5))
        b.add(on, Action.REORIENT, vers=Axe.AXE3)
    elif s == "entretien-ass-fait":
        # parcours.SIMPLE_RETOUR_ENTRETIEN: validated by a simple return, the ASS received the
        # person.
        debut = _axe_start(t, t - _d(r(20, 120)), lambda d: (_m(d, 6) - t).days > 15)
        b.enter(debut, Axe.AXE2)
        on = _day(debut + _d(r(3, 15)), lambda d: debut < d <= t - _d(1))
        b.add(on, Action.ENTRETIEN_ASS)

    # -- sans suite ----------------------------------------------------------------------------
    elif s == "sans-suite-absent":
        span = (t - earliest).days - 60
        b.prescribe(45, min(360, span))
        assert b.prescription is not None
        on = _day(b.prescription + _d(r(21, 40)), lambda d: b.last < d <= t - _d(1))
        b.add(on, Action.CLOSE_WITHOUT_ENTRY, raison=rng.choice(RAISONS_ABSENCE))
    elif s == "sans-suite-diagnostic":
        b.prescribe(30, min(360, (t - earliest).days - 30))
        b.diagnostic(None, 5, 18)
    elif s == "sans-suite-apres-diagnostic":
        b.prescribe(40, min(360, (t - earliest).days - 40))
        diag = b.diagnostic(Axe.AXE2, 5, 15)
        on = _day(diag + _d(r(3, 12)), lambda d: diag < d <= t - _d(1))
        b.add(on, Action.CLOSE_WITHOUT_ENTRY, raison=rng.choice(RAISONS_APRES_DIAGNOSTIC))
    else:  # pragma: no cover - every situation of MIX is handled above
        raise ValueError(s)
    assert b.prescription is not None
    return _Plan(personne, b.prescription, b.steps)
