"""Generate the demo resource base of Binôme (``seed/data/ressources_demo.json``).

Run by developers, never at app start: ``python seed/build_demo.py``. The app only loads the
JSON file this script writes.

The output is data·inclusion v1 (``{"structures": [...], "services": [...]}``) with, on each
service, a local ``"binome"`` block (thématiques locales, mots-clés, partenaire, date de revue)
that the national schema ignores.

Everything here is fictitious: structures, people, addresses, phone numbers (the ARCEP range
05 36 49 xx xx reserved for fiction), e-mail addresses and websites (example.org). Only the
communes and their points are real (``communes-82.json``). Real national helplines (115, 3919,
119) are named as what they are.

Deterministic: the only randomness comes from ``random.Random(82)``, drawn in a fixed order, and
"today" is fixed (2026-11-23), so two runs write byte-identical files.

The script ends with a self-check (data·inclusion validation of every record, coverage of the
22 thématiques and of the five MDS territories, review dates, synonyms); it imports the
``data_inclusion`` package only there.
"""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
OUT = DATA / "ressources_demo.json"
SYNONYMES = DATA / "synonymes.json"

SOURCE = "binome-demo"
TODAY = date(2026, 11, 23)
LAST_EDIT = date(2026, 11, 20)  # no record is dated after this
FIRST_EDIT = date(2023, 1, 1)

rng = random.Random(82)

COMMUNES: list[dict] = json.loads((DATA / "communes-82.json").read_text(encoding="utf-8"))
BY_NAME = {c["nom"]: c for c in COMMUNES}
BY_CODE = {c["code_insee"]: c for c in COMMUNES}
THEMATIQUES: list[dict] = json.loads((DATA / "thematiques.json").read_text(encoding="utf-8"))
THEMES = {t["slug"]: t for t in THEMATIQUES}

# --------------------------------------------------------------------------------------------
# The five MDS territories, by EPCI (each EPCI lies in one territory).
# --------------------------------------------------------------------------------------------
TERRITOIRES = {
    "beaumont-valence": "Beaumont-de-Lomagne / Valence",
    "castelsarrasin-moissac": "Castelsarrasin / Moissac",
    "caussade-negrepelisse": "Caussade / Nègrepelisse",
    "montauban": "Montauban",
    "montech-verdun": "Montech / Verdun-sur-Garonne",
}
EPCI_TERRITOIRE = {
    "Communauté d'agglomération Grand Montauban": "montauban",
    "Communauté de communes Quercy Vert-Aveyron": "caussade-negrepelisse",
    "Communauté de communes du Quercy Caussadais": "caussade-negrepelisse",
    "Communauté de communes du Quercy Rouergue et des Gorges de l'Aveyron": (
        "caussade-negrepelisse"
    ),
    "Communauté de communes Terres des Confluences": "castelsarrasin-moissac",
    "Communauté de communes du Pays de Lafrançaise": "castelsarrasin-moissac",
    "Communauté de communes de la Lomagne Tarn-et-Garonnaise": "beaumont-valence",
    "Communauté de communes des Deux Rives": "beaumont-valence",
    "Communauté de communes du Pays de Serres en Quercy": "beaumont-valence",
    "Communauté de communes Grand Sud Tarn et Garonne": "montech-verdun",
}
PARTENAIRES = {
    "beaumont-valence": "cd82-mds-beaumont-valence",
    "castelsarrasin-moissac": "cd82-mds-castelsarrasin-moissac",
    "caussade-negrepelisse": "cd82-mds-caussade-negrepelisse",
    "montauban": "cd82-mds-montauban",
    "montech-verdun": "cd82-mds-montech-verdun",
}
ALL_PARTENAIRES = {
    *PARTENAIRES.values(),
    "france-travail-82",
    "caf-82",
    "cpam-82",
    "mission-locale-82",
    "associations-82",
}


def territoire(code_insee: str) -> str:
    return EPCI_TERRITOIRE[BY_CODE[code_insee]["epci"]]


def communes_of_territoire(terr: str) -> list[str]:
    return sorted(c["code_insee"] for c in COMMUNES if territoire(c["code_insee"]) == terr)


def communes_of_epci(ville: str) -> list[str]:
    epci = BY_NAME[ville]["epci"]
    return sorted(c["code_insee"] for c in COMMUNES if c["epci"] == epci)


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------
_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-free (same rule as ``ressources.text.fold``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("œ", "oe").replace("æ", "ae")
    return _NON_WORD.sub(" ", stripped).strip()


def slugify(text: str) -> str:
    return fold(text).replace(" ", "-")


JOURS = {
    "Mo": "lundi",
    "Tu": "mardi",
    "We": "mercredi",
    "Th": "jeudi",
    "Fr": "vendredi",
    "Sa": "samedi",
}

# Fictional numbers only: ARCEP keeps 05 36 49 xx xx for audiovisual fiction.
_PHONE_POOL = rng.sample(range(10000), 1200)


def phone() -> str:
    n = _PHONE_POOL.pop()
    return f"05 36 49 {n // 100:02d} {n % 100:02d}"


_PRENOMS = """
Amandine Julien Sophie Karim Nathalie Laurent Aurélie Mehdi Céline Thomas Élodie Farid Sandrine
Nicolas Leïla Pierre Camille Yasmina Sébastien Manon Hélène Rachid Virginie Mathieu Émilie
Youssef Isabelle Damien Chloé Fabien Inès Christelle Jérôme Sarah Olivier Nadia Guillaume
Laetitia Bruno Coralie Samir Marion Cédric Agnès Anthony Delphine Vincent Lucie Florent Mélanie
Stéphane Audrey Hakim Pauline Benoît Justine Romain Fatima Gaëlle Marc Valérie
"""
PRENOMS = _PRENOMS.split()
_NOMS = """
Aubry Bastide Bessières Boyer Cabrol Calmels Capdeville Castan Cazals Combes Couderc Delmas
Escande Fabre Faure Galtié Garrigues Gineste Issaly Labarthe Lacombe Lafon Lagarrigue Lasserre
Marty Maury Molinié Mouysset Nègre Pagès Pujol Rigal Rouquette Salvan Sabatier Sirven Soulié
Taillefer Teulières Vabre Vayssière Verdier Vidal Viguier Bénazet Carrère Delpech Fourcade
Gaubert Lapeyre Malbec Sarrazy Ténèze
"""
NOMS = _NOMS.split()


def personne() -> str:
    return f"{rng.choice(PRENOMS)} {rng.choice(NOMS)}"


RUES = [
    "rue de la République",
    "avenue Gambetta",
    "rue des Écoles",
    "place de la Mairie",
    "rue du Moulin",
    "allée des Tilleuls",
    "rue des Jardins",
    "avenue de la Gare",
    "rue du Quercy",
    "chemin des Vignes",
    "rue des Remparts",
    "boulevard des Platanes",
    "rue de la Paix",
    "impasse des Acacias",
    "rue du Lavoir",
    "avenue du Midi",
    "rue des Tanneurs",
    "place du Foirail",
    "rue des Cordeliers",
    "avenue des Pyrénées",
    "rue de l'Industrie",
    "rue du Canal",
    "rue des Charrons",
    "allée des Peupliers",
    "rue de la Fontaine",
]


def adresse_fictive() -> str:
    return f"{rng.randint(1, 48)} {rng.choice(RUES)}"


def point(ville: str) -> tuple[float, float]:
    c = BY_NAME[ville]
    lon = round(c["longitude"] + rng.uniform(-0.008, 0.008), 5)
    lat = round(c["latitude"] + rng.uniform(-0.008, 0.008), 5)
    return lon, lat


def horaires_permanence(jour: str, matin: bool = True) -> str:
    return f"{jour} 09:00-12:00" if matin else f"{jour} 14:00-17:00"


def jour_fr(jour: str) -> str:
    return JOURS[jour]


def pick(*variants: str) -> str:
    return rng.choice(variants)


# --------------------------------------------------------------------------------------------
# Registries
# --------------------------------------------------------------------------------------------
STRUCTURES: dict[str, dict] = {}  # key -> data·inclusion structure
META: dict[str, dict] = {}  # key -> {"partenaire", "domaine", "ville"}
SERVICES: list[dict] = []
_SERVICE_IDS: set[str] = set()
_PLACES: dict[tuple[str, str], tuple[float, float]] = {}
ML_ANTENNES: dict[str, str] = {}  # ville -> adresse of the Mission Locale antenne

# Default data·inclusion thématique of each local slug, when a service names none of its list.
DEFAULT_DI = {
    "choisir-un-metier": "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite",
    "creer-une-entreprise": "creer-une-entreprise--definir-son-projet-de-creation-dentreprise",
    "difficultes-administratives-ou-juridiques": (
        "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"
    ),
    "difficultes-financieres": "difficultes-financieres--ameliorer-sa-gestion-budgetaire",
    "equipement-et-alimentation": "equipement-et-alimentation--alimentation",
    "famille": "famille--soutien-a-la-parentalite-et-a-leducation",
    "lecture-ecriture-calcul": "lecture-ecriture-calcul--maitriser-le-francais",
    "logement-hebergement": (
        "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement"
    ),
    "mobilite": "mobilite--etre-accompagne-dans-son-parcours-mobilite",
    "numerique": "numerique--maitriser-les-fondamentaux-du-numerique",
    "preparer-sa-candidature": (
        "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation"
    ),
    "remobilisation": "remobilisation--lien-social",
    "sante": "sante--acces-aux-soins",
    "se-former": "se-former--trouver-sa-formation",
    "souvrir-a-linternational": (
        "souvrir-a-linternational--connaitre-les-opportunites-demploi-a-letranger"
    ),
    "trouver-un-emploi": "trouver-un-emploi--repondre-a-des-offres-demploi",
    "handicap": "sante--constituer-un-dossier-mdph-invalidite",
    "sante-mentale-addictions": "sante--sante-mentale",
    "garde-enfants": "famille--garde-denfants",
    "violences-conflits-familiaux": "famille--surmonter-conflits-separation-violence",
    "hebergement-urgence": "logement-hebergement--rechercher-une-solution-dhebergement-temporaire",
    "siae": "trouver-un-emploi--repondre-a-des-offres-demploi",
}

# Short names for the data·inclusion thématiques used explicitly below.
DI = {
    "acces-droits": (
        "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits"
    ),
    "demarches": (
        "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"
    ),
    "citoyennete": (
        "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-a-la-citoyennete"
    ),
    "mesure-adaptee": (
        "difficultes-administratives-ou-juridiques--beneficier-dune-mesure-daccompagnement-adapte"
    ),
    "discrimination": (
        "difficultes-administratives-ou-juridiques--connaitre-ses-droits-face-a-une-discrimination"
    ),
    "judiciaire": (
        "difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire"
    ),
    "autonomie-budget": "difficultes-financieres--acquerir-une-autonomie-budgetaire",
    "gestion-budget": "difficultes-financieres--ameliorer-sa-gestion-budgetaire",
    "protection": "difficultes-financieres--mettre-en-place-une-mesure-de-protection-financiere",
    "prevenir": "difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere",
    "surendettement": "difficultes-financieres--situation-dendettement-surendettement",
    "aide-menagere": "equipement-et-alimentation--aide-menagere",
    "alimentation": "equipement-et-alimentation--alimentation",
    "electromenager": "equipement-et-alimentation--electromenager",
    "habillement": "equipement-et-alimentation--habillement",
    "dependance": "famille--prise-en-charge-personne-dependante",
    "parentalite": "famille--soutien-a-la-parentalite-et-a-leducation",
    "aidants": "famille--soutien-aidants",
    "calcul": "lecture-ecriture-calcul--maitriser-le-calcul",
    "francais": "lecture-ecriture-calcul--maitriser-le-francais",
    "acheter": "logement-hebergement--acheter-un-logement",
    "changer-logement": "logement-hebergement--changer-de-logement",
    "louer": "logement-hebergement--louer-un-logement",
    "impayes": "logement-hebergement--reduire-les-impayes-de-loyer",
    "maintien-logement": "logement-hebergement--se-maintenir-dans-le-logement",
    "info-logement": "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement",
    "vehicule": "mobilite--acceder-a-un-vehicule",
    "reparer": "mobilite--entretenir-reparer-son-vehicule",
    "parcours-mobilite": "mobilite--etre-accompagne-dans-son-parcours-mobilite",
    "financer-mobilite": "mobilite--financer-ma-mobilite",
    "permis": "mobilite--preparer-un-permis",
    "mobilite-douce": "mobilite--mobilite-douce-partagee-collective",
    "services-en-ligne": "numerique--acceder-a-des-services-en-ligne",
    "connexion": "numerique--acceder-a-une-connexion-internet",
    "equipement-numerique": "numerique--acquerir-un-equipement",
    "fondamentaux": "numerique--maitriser-les-fondamentaux-du-numerique",
    "reseau": "preparer-sa-candidature--developper-son-reseau",
    "organiser": "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi",
    "cv": "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation",
    "valoriser": "preparer-sa-candidature--valoriser-ses-competences",
    "sport-culture": "remobilisation--activites-sportives-et-culturelles",
    "benevolat": "remobilisation--benevolat-action-citoyenne",
    "confiance": "remobilisation--bien-etre-confiance-en-soi",
    "lien-social": "remobilisation--lien-social",
    "soins": "sante--acces-aux-soins",
    "addictions": "sante--addictions",
    "mdph": "sante--constituer-un-dossier-mdph-invalidite",
    "sante-mentale": "sante--sante-mentale",
    "sante-sexuelle": "sante--sante-sexuelle",
    "dossier-formation": "se-former--monter-son-dossier-de-formation",
    "trouver-formation": "se-former--trouver-sa-formation",
    "emploi-etranger": "souvrir-a-linternational--connaitre-les-opportunites-demploi-a-letranger",
    "aides-etranger": (
        "souvrir-a-linternational--sinformer-sur-les-aides-pour-travailler-a-letranger"
    ),
    "retour-france": "souvrir-a-linternational--sorganiser-suite-a-son-retour-en-france",
    "entretien": "trouver-un-emploi--convaincre-un-recruteur-en-entretien",
    "spontanees": "trouver-un-emploi--faire-des-candidatures-spontanees",
    "maintien-emploi": "trouver-un-emploi--maintien-dans-lemploi",
    "offres": "trouver-un-emploi--repondre-a-des-offres-demploi",
    "relancer": "trouver-un-emploi--suivre-ses-candidatures-et-relancer-les-employeurs",
    "confirmer-metier": "choisir-un-metier--confirmer-son-choix-de-metier",
    "opportunites": "choisir-un-metier--connaitre-les-opportunites-demploi",
    "decouvrir-metier": "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite",
    "competences": "choisir-un-metier--identifier-ses-points-forts-et-ses-competences",
    "definir-projet": "creer-une-entreprise--definir-son-projet-de-creation-dentreprise",
    "developper-entreprise": "creer-une-entreprise--developper-son-entreprise",
    "structurer-projet": "creer-une-entreprise--structurer-son-projet-de-creation-dentreprise",
    "garde": "famille--garde-denfants",
    "violences": "famille--surmonter-conflits-separation-violence",
    "hebergement": "logement-hebergement--rechercher-une-solution-dhebergement-temporaire",
}


def structure(
    key: str,
    nom: str,
    ville: str,
    description: str,
    *,
    reseaux: tuple[str, ...] = (),
    horaires: str = "Mo-Fr 09:00-12:00,14:00-17:00",
    partenaire: str | None = None,
    domaine: str | None = None,
    site: bool = True,
    adresse: str | None = None,
    courriel: str = "accueil",
) -> str:
    """Register a structure; return its key (the short slug of its id)."""
    if key in STRUCTURES:
        raise ValueError(f"structure en double : {key}")
    c = BY_NAME[ville]
    lon, lat = point(ville)
    dom = f"{domaine or key}.example.org"
    st = {
        "source": SOURCE,
        "id": f"{SOURCE}--{key}",
        "nom": nom,
        "date_maj": None,  # filled from its services
        "description": description,
        "commune": ville,
        "code_postal": c["codes_postaux"][0],
        "code_insee": c["code_insee"],
        "adresse": adresse or adresse_fictive(),
        "longitude": lon,
        "latitude": lat,
        "telephone": phone(),
        "courriel": f"{courriel}@{dom}",
        "site_web": f"https://{dom}/" if site else None,
        "horaires_accueil": horaires,
        "reseaux_porteurs": list(reseaux) or None,
    }
    STRUCTURES[key] = st
    META[key] = {
        "partenaire": partenaire or PARTENAIRES[territoire(c["code_insee"])],
        "domaine": dom,
        "ville": ville,
    }
    return key


def _zone(zone: str | list[str], ville: str) -> list[str]:
    if isinstance(zone, list):
        return [z if z.isdigit() else BY_NAME[z]["code_insee"] for z in zone]
    if zone == "82":
        return ["82"]
    if zone == "commune":
        return [BY_NAME[ville]["code_insee"]]
    if zone == "epci":
        return communes_of_epci(ville)
    if zone == "territoire":
        return communes_of_territoire(territoire(BY_NAME[ville]["code_insee"]))
    raise ValueError(zone)


def service(
    skey: str,
    slug: str,
    nom: str,
    description: str,
    *,
    them: tuple[str, ...],
    type_: str,
    di: tuple[str, ...] = (),
    publics: tuple[str, ...] = ("tous-publics",),
    publics_precisions: str | None = None,
    conditions: str | None = None,
    frais: str = "gratuit",
    frais_precisions: str | None = None,
    accueil: tuple[str, ...] = ("en-presentiel",),
    zone: str | list[str] = "epci",
    mob: tuple[str, ...] = ("telephoner", "se-presenter"),
    par: tuple[str, ...] = ("usagers", "professionnels"),
    mob_precisions: str | None = None,
    horaires: str | None = None,
    mots: tuple[str, ...] = (),
    partenaire: str | None = None,
    ville: str | None = None,
    adresse: str | None = None,
    own_line: bool = False,
    courriel: str | None = None,
) -> None:
    """Register a service of structure *skey*. *ville*/*adresse*: when it runs elsewhere."""
    st = STRUCTURES[skey]
    sid = f"{SOURCE}--{slug}"
    if sid in _SERVICE_IDS:
        raise ValueError(f"service en double : {slug}")
    _SERVICE_IDS.add(sid)
    thematiques = [DI.get(d, d) for d in di]
    for local in them:
        wanted = THEMES[local]["di_thematiques"]
        if wanted and not any(t in wanted for t in thematiques):
            thematiques.append(DEFAULT_DI[local])
        if not wanted and DEFAULT_DI[local] not in thematiques:
            thematiques.append(DEFAULT_DI[local])
    if ville and ville != st["commune"]:
        c = BY_NAME[ville]
        adresse = adresse or adresse_fictive()
        if (ville, adresse) not in _PLACES:  # same place, same point
            _PLACES[(ville, adresse)] = point(ville)
        lon, lat = _PLACES[(ville, adresse)]
        where = {
            "commune": ville,
            "code_postal": c["codes_postaux"][0],
            "code_insee": c["code_insee"],
            "adresse": adresse,
            "longitude": lon,
            "latitude": lat,
        }
    else:
        ville = st["commune"]
        where = {k: st[k] for k in ("commune", "code_postal", "code_insee", "adresse")}
        where["adresse"] = adresse or st["adresse"]
        where["longitude"] = st["longitude"]
        where["latitude"] = st["latitude"]
    dom = META[skey]["domaine"]
    sv = {
        "source": SOURCE,
        "structure_id": st["id"],
        "id": sid,
        "nom": nom,
        "description": " ".join(description.split()),
        "date_maj": None,
        "type": type_,
        "thematiques": sorted(dict.fromkeys(thematiques)),
        "frais": frais,
        "frais_precisions": frais_precisions,
        "publics": list(publics),
        "publics_precisions": publics_precisions,
        "conditions_acces": conditions,
        **where,
        "telephone": phone() if own_line else st["telephone"],
        "courriel": f"{courriel}@{dom}" if courriel else st["courriel"],
        "contact_nom_prenom": personne(),
        "modes_accueil": list(accueil),
        "zone_eligibilite": _zone(zone, ville),
        "modes_mobilisation": list(mob),
        "mobilisable_par": list(par),
        "mobilisation_precisions": mob_precisions,
        "horaires_accueil": horaires or st["horaires_accueil"],
        "binome": {
            "thematiques": list(them),
            "mots_cles": list(dict.fromkeys(mots)),
            "partenaire": partenaire or META[skey]["partenaire"],
            "date_revue": None,
        },
    }
    SERVICES.append(sv)


WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr")


# --------------------------------------------------------------------------------------------
# Conseil départemental : Maisons des solidarités (MDS)
# --------------------------------------------------------------------------------------------
def build_mds() -> None:
    sites = [
        ("montauban", "Montauban", "mds-montauban", "Maison des solidarités de Montauban", None),
        (
            "castelsarrasin-moissac",
            "Castelsarrasin",
            "mds-castelsarrasin",
            "Maison des solidarités de Castelsarrasin-Moissac",
            "Moissac",
        ),
        (
            "caussade-negrepelisse",
            "Caussade",
            "mds-caussade",
            "Maison des solidarités de Caussade-Nègrepelisse",
            "Nègrepelisse",
        ),
        (
            "montech-verdun",
            "Montech",
            "mds-montech",
            "Maison des solidarités de Montech-Verdun",
            "Verdun-sur-Garonne",
        ),
        (
            "beaumont-valence",
            "Beaumont-de-Lomagne",
            "mds-beaumont",
            "Maison des solidarités de Beaumont-Valence",
            "Valence",
        ),
    ]
    for terr, ville, key, nom, antenne in sites:
        label = TERRITOIRES[terr]
        structure(
            key,
            nom,
            ville,
            f"Service du Département de Tarn-et-Garonne pour le territoire {label}. Les "
            "assistantes et assistants de service social (ASS), les puéricultrices et les "
            "conseillères en économie sociale et familiale y accueillent les habitants pour "
            "l'accès aux droits, le logement, le budget, la famille et l'insertion."
            + (f" Antenne à {antenne} pour les communes rurales." if antenne else ""),
            reseaux=("maisons-des-solidarites", "departements"),
            horaires="Mo-Fr 08:30-12:00,13:30-17:00",
            domaine=key,
            site=False,
        )
        jour = rng.choice(WEEKDAYS)
        tag = slugify(ville)
        service(
            key,
            f"mds-accueil-social-{tag}",
            f"Accueil social et accompagnement par une assistante sociale - {ville}",
            pick(
                f"Toute personne qui rencontre une difficulté (papiers, ressources, logement, "
                f"santé, famille) peut rencontrer une assistante ou un assistant de service "
                f"social de secteur à la MDS. Premier entretien pour faire le point, ouvrir les "
                f"droits (RSA, CAF, complémentaire santé), demander une aide financière ou "
                f"être orienté. Permanence sans rendez-vous le {jour_fr(jour)} matin.",
                f"L'assistante sociale de secteur reçoit les habitants du territoire {label} "
                f"pour une écoute, une évaluation de la situation et un accompagnement social : "
                f"accès aux droits, démarches administratives, budget, logement, soutien aux "
                f"parents. Le {jour_fr(jour)} matin, accueil sans rendez-vous ; les autres "
                f"jours sur rendez-vous, au bureau ou à domicile.",
            ),
            them=("difficultes-administratives-ou-juridiques", "difficultes-financieres"),
            di=("acces-droits", "demarches", "prevenir"),
            type_="accompagnement",
            zone="territoire",
            conditions="Venir avec une pièce d'identité et, si possible, les derniers "
            "justificatifs de ressources (CAF, fiches de paie, avis d'imposition).",
            mob_precisions=f"Téléphoner à l'accueil de la MDS pour un rendez-vous, ou se "
            f"présenter le {jour_fr(jour)} de 9 h à 12 h sans rendez-vous.",
            mots=("ASS", "assistante sociale", "MDS", "accès aux droits", "aide sociale"),
        )
        service(
            key,
            f"mds-accompagnement-global-{tag}",
            f"Accompagnement global emploi et social - {label}",
            pick(
                "Dispositif conjoint France Travail et Département : un conseiller France "
                "Travail et une assistante sociale de la MDS accompagnent ensemble la "
                "personne dont la recherche d'emploi est freinée par des difficultés sociales "
                "(logement, santé, garde d'enfants, mobilité, dettes). Rendez-vous réguliers, "
                "plan d'action commun, mobilisation des ressources du territoire.",
                "L'accompagnement global réunit un binôme conseiller France Travail et "
                "assistante sociale (ASS) autour d'un demandeur d'emploi qui cumule des freins "
                "sociaux. Un diagnostic partagé, puis un suivi renforcé de plusieurs mois pour "
                "lever les obstacles (logement, santé, budget, garde d'enfants) et avancer "
                "vers l'emploi ou la formation.",
            ),
            them=("trouver-un-emploi", "difficultes-administratives-ou-juridiques"),
            di=("offres", "acces-droits"),
            type_="accompagnement",
            publics=("demandeurs-emploi", "beneficiaires-des-minimas-sociaux"),
            publics_precisions="Demandeurs d'emploi inscrits à France Travail rencontrant des "
            "difficultés sociales freinant leur retour à l'emploi.",
            conditions="Être inscrit à France Travail ; accord de la personne pour le partage "
            "d'informations entre les deux professionnels.",
            zone="territoire",
            mob=("envoyer-un-courriel",),
            par=("professionnels",),
            mob_precisions="Fiche de liaison accompagnement global à envoyer par mail par le "
            "conseiller France Travail ou l'ASS de secteur ; réponse sous 15 jours.",
            mots=("accompagnement global", "AG", "France Travail", "ASS", "freins sociaux"),
            courriel="accompagnement-global",
        )
        service(
            key,
            f"mds-rsa-{tag}",
            f"Orientation et accompagnement des bénéficiaires du RSA - {label}",
            pick(
                "À l'ouverture du droit au revenu de solidarité active (RSA), la MDS organise "
                "l'entretien d'orientation puis désigne un référent unique. Avec lui, la "
                "personne signe son contrat d'engagement et construit un parcours : emploi, "
                "formation, santé, logement. Information sur les droits et devoirs des "
                "bénéficiaires du RSA.",
                "Les bénéficiaires du RSA orientés vers un parcours social sont suivis par un "
                "référent de la MDS. Rendez-vous réguliers pour établir le contrat "
                "d'engagement réciproque (CER), lever les freins (santé, logement, budget) et "
                "préparer la reprise d'activité. Les activités d'insertion (15 à 20 heures) "
                "sont définies ensemble.",
            ),
            them=("difficultes-administratives-ou-juridiques", "difficultes-financieres"),
            di=("acces-droits", "autonomie-budget"),
            type_="accompagnement",
            publics=("beneficiaires-des-minimas-sociaux",),
            publics_precisions="Bénéficiaires du RSA domiciliés sur le territoire.",
            conditions="Percevoir le RSA (droit ouvert par la CAF ou la MSA).",
            zone="territoire",
            mob=("telephoner",),
            mob_precisions="Convocation par courrier après l'ouverture du droit ; en cas "
            "d'absence de nouvelles, téléphoner au secrétariat RSA de la MDS.",
            mots=("RSA", "BRSA", "référent RSA", "CER", "contrat d'engagement", "minima sociaux"),
        )
        service(
            key,
            f"mds-pmi-{tag}",
            f"Consultations de PMI et visites de puéricultrice - {ville}",
            pick(
                f"La protection maternelle et infantile (PMI) propose à {ville} des "
                "consultations gratuites pour les enfants de 0 à 6 ans (pesée, vaccins, "
                "développement), le suivi de grossesse par une sage-femme et des visites à "
                "domicile de puéricultrice après la naissance. Conseils sur l'allaitement, le "
                "sommeil et la garde d'enfants.",
                f"Consultations de nourrissons avec médecin et puéricultrice, entretiens "
                f"prénataux avec la sage-femme de PMI, visites à domicile après une naissance : "
                f"la PMI de {ville} accompagne gratuitement les futurs parents et les familles "
                "avec de jeunes enfants, sans condition de ressources.",
            ),
            them=("famille", "sante"),
            di=("parentalite", "soins"),
            type_="accompagnement",
            publics=("familles", "femmes"),
            publics_precisions="Femmes enceintes, parents d'enfants de moins de 6 ans.",
            conditions="Apporter le carnet de santé de l'enfant et la carte Vitale.",
            zone="territoire",
            mob=("telephoner",),
            mob_precisions="Consultations sur rendez-vous par téléphone ; la puéricultrice "
            "peut être contactée par la maternité ou le médecin traitant.",
            mots=("PMI", "puéricultrice", "sage-femme", "vaccins", "bébé", "grossesse"),
            horaires=f"{jour} 09:00-12:00,13:30-16:30",
        )
        service(
            key,
            f"mds-fsl-{tag}",
            f"Fonds de solidarité logement (FSL) : accès, maintien et énergie - {label}",
            pick(
                "Le FSL du Département peut aider à entrer dans un logement (dépôt de "
                "garantie, premier loyer, assurance), à s'y maintenir (impayés de loyer) ou à "
                "payer une facture d'énergie ou d'eau (électricité, gaz). La demande est "
                "instruite par un travailleur social de la MDS avec la personne ; la décision "
                "est prise en commission.",
                "Information et dépôt des demandes d'aide au Fonds de solidarité logement : "
                "aide à l'accès au logement, aide au maintien en cas de dettes de loyer, aide "
                "pour les factures d'électricité, de gaz ou d'eau impayées. Un accompagnement "
                "budgétaire peut être proposé en complément pour éviter une expulsion ou une "
                "coupure.",
            ),
            them=("logement-hebergement", "difficultes-financieres"),
            di=("impayes", "maintien-logement", "louer", "prevenir"),
            type_="aide-financiere",
            publics=("tous-publics",),
            publics_precisions="Ménages aux ressources modestes du territoire, locataires ou "
            "futurs locataires.",
            conditions="Plafond de ressources ; bail ou promesse de location, factures "
            "impayées, justificatifs de ressources des trois derniers mois.",
            zone="territoire",
            mob=("telephoner", "se-presenter"),
            mob_precisions="Demande instruite avec un travailleur social (MDS, CCAS ou CAF) ; "
            "prendre rendez-vous à l'accueil de la MDS.",
            mots=("FSL", "impayés de loyer", "caution", "facture d'électricité", "énergie"),
        )
        service(
            key,
            f"mds-budget-masp-{tag}",
            f"Accompagnement budgétaire et mesure MASP - {label}",
            pick(
                "Une conseillère en économie sociale et familiale aide à reprendre la main sur "
                "son budget : faire le point sur les dépenses et les dettes, négocier un "
                "échéancier, préparer un dossier de surendettement. Lorsque les difficultés "
                "menacent le logement, une mesure d'accompagnement social personnalisé (MASP) "
                "peut être proposée, avec ou sans gestion des prestations.",
                "Accompagnement budgétaire individuel par une conseillère ESF de la MDS pour "
                "les personnes qui n'arrivent plus à payer leurs factures ou leur loyer. Si "
                "besoin, contrat MASP d'une durée de 6 à 24 mois ; si la situation l'exige, "
                "orientation vers une mesure de protection (curatelle, tutelle) auprès du juge.",
            ),
            them=("difficultes-financieres",),
            di=("gestion-budget", "protection", "surendettement"),
            type_="accompagnement",
            publics=("tous-publics",),
            conditions="Percevoir des prestations sociales ; adhésion de la personne.",
            zone="territoire",
            mob=("telephoner",),
            par=("usagers", "professionnels"),
            mob_precisions="Sur orientation de l'ASS de secteur ou à la demande de la "
            "personne lors d'un rendez-vous à la MDS.",
            mots=("MASP", "budget", "dettes", "surendettement", "CESF", "tutelle"),
        )
        if antenne:
            # The antenne is a place of the MDS, not a structure of its own.
            akey = key
            a_adresse = f"Antenne MDS, {adresse_fictive()}"
            a_horaires = "Mo-Th 08:30-12:00,13:30-17:00; Fr 08:30-12:00"
            a_mail = f"antenne-{slugify(antenne)}"
            jour = rng.choice(WEEKDAYS)
            service(
                akey,
                f"mds-accueil-social-{slugify(antenne)}",
                f"Permanence sociale de l'antenne MDS de {antenne}",
                f"Les assistantes sociales de secteur reçoivent à {antenne} les habitants des "
                "communes voisines : accès aux droits, RSA, logement, difficultés financières, "
                "soutien aux familles. Les rendez-vous à domicile restent possibles pour les "
                f"personnes sans moyen de transport. Accueil sans rendez-vous le "
                f"{jour_fr(jour)} matin.",
                them=("difficultes-administratives-ou-juridiques",),
                di=("acces-droits",),
                type_="accompagnement",
                zone="epci",
                mob_precisions=f"Rendez-vous par téléphone ; sans rendez-vous le "
                f"{jour_fr(jour)} de 9 h à 12 h.",
                mots=("ASS", "assistante sociale", "permanence", "MDS", "aide sociale"),
                ville=antenne,
                adresse=a_adresse,
                horaires=a_horaires,
                own_line=True,
                courriel=a_mail,
            )
            service(
                akey,
                f"mds-pmi-{slugify(antenne)}",
                f"Consultations de PMI - {antenne}",
                f"Consultations de protection maternelle et infantile à {antenne} deux fois "
                "par mois : suivi des bébés et des jeunes enfants, vaccinations, conseils aux "
                "parents, entretien avec la sage-femme pendant la grossesse. Gratuit et sans "
                "condition de ressources.",
                them=("famille", "sante"),
                di=("parentalite", "soins"),
                type_="accompagnement",
                publics=("familles", "femmes"),
                publics_precisions="Femmes enceintes, parents d'enfants de moins de 6 ans.",
                conditions="Carnet de santé de l'enfant.",
                zone="epci",
                mob=("telephoner",),
                mob_precisions="Sur rendez-vous auprès du secrétariat de la MDS.",
                mots=("PMI", "puéricultrice", "bébé", "vaccins", "pesée"),
                horaires=f"{jour}[1,3] 09:00-12:00",
                ville=antenne,
                adresse=a_adresse,
                own_line=True,
                courriel=a_mail,
            )


# --------------------------------------------------------------------------------------------
# France Travail, Mission Locale, CAF, CPAM, MSA, MDPH, Cap emploi
# --------------------------------------------------------------------------------------------
def build_emploi_public() -> None:
    agences = ["Montauban", "Castelsarrasin", "Caussade", "Valence"]
    for ville in agences:
        key = f"france-travail-{slugify(ville)}"
        structure(
            key,
            f"France Travail {ville}",
            ville,
            f"Agence France Travail de {ville} : inscription, indemnisation, accompagnement "
            "des demandeurs d'emploi, offres d'emploi, formations et aides au retour à "
            "l'emploi. Accueil sur rendez-vous l'après-midi.",
            reseaux=("france-travail",),
            horaires="Mo-We 08:30-16:30; Th 08:30-12:30; Fr 08:30-15:30",
            partenaire="france-travail-82",
            domaine=f"ft-{slugify(ville)}",
        )
        tag = slugify(ville)
        service(
            key,
            f"ft-accompagnement-{tag}",
            f"Inscription et accompagnement vers l'emploi - France Travail {ville}",
            pick(
                "Inscription comme demandeur d'emploi, ouverture des droits à l'allocation, "
                "puis accompagnement par un conseiller référent : diagnostic, plan d'action, "
                "offres d'emploi ciblées, accès aux formations et aux aides. Depuis 2025, les "
                "bénéficiaires du RSA sont aussi inscrits et suivis dans ce cadre (contrat "
                "d'engagement).",
                f"L'agence de {ville} accompagne les personnes à la recherche d'un emploi : "
                "conseiller dédié, rendez-vous réguliers, propositions d'offres, ateliers, "
                "immersions en entreprise, formations. Les personnes éloignées de l'emploi "
                "peuvent bénéficier d'un suivi renforcé ou de l'accompagnement global avec la "
                "MDS.",
            ),
            them=("trouver-un-emploi",),
            di=("offres", "relancer", "spontanees"),
            type_="accompagnement",
            publics=("demandeurs-emploi", "beneficiaires-des-minimas-sociaux", "jeunes"),
            conditions="Pièce d'identité, carte Vitale, RIB, CV si possible ; inscription "
            "préalable en ligne ou à l'agence.",
            zone="territoire",
            mob=("utiliser-lien-mobilisation", "se-presenter", "telephoner"),
            mob_precisions="Inscription sur le site de France Travail ou à l'agence ; "
            "téléphone 3949 pour les demandeurs d'emploi.",
            mots=("pôle emploi", "chômage", "inscription", "offres d'emploi", "conseiller"),
        )
        service(
            key,
            f"ft-ateliers-cv-{tag}",
            f"Ateliers CV, lettre de motivation et entretien d'embauche - {ville}",
            pick(
                "Ateliers collectifs de deux à trois heures : construire ou actualiser son CV, "
                "rédiger une lettre de motivation, préparer un entretien d'embauche avec des "
                "simulations filmées, utiliser son espace personnel et les sites d'offres. "
                "Groupes de 8 personnes maximum, ordinateurs fournis.",
                f"Chaque semaine à {ville}, un conseiller anime des ateliers sur la recherche "
                "d'emploi : CV, candidatures spontanées, réseau, simulation d'entretien. Les "
                "participants repartent avec un CV à jour et des candidatures prêtes à "
                "envoyer.",
            ),
            them=("preparer-sa-candidature", "trouver-un-emploi"),
            di=("cv", "entretien", "spontanees"),
            type_="atelier",
            publics=("demandeurs-emploi",),
            conditions="Être inscrit à France Travail.",
            zone="territoire",
            mob=("utiliser-lien-mobilisation", "telephoner"),
            par=("usagers", "professionnels"),
            mob_precisions="Inscription depuis l'espace personnel (rubrique ateliers) ou par "
            "le conseiller référent.",
            mots=("CV", "lettre de motivation", "entretien d'embauche", "atelier", "candidature"),
            horaires=f"{rng.choice(WEEKDAYS)} 09:00-12:00",
        )
    service(
        "france-travail-montauban",
        "ft-aides-mobilite-montauban",
        "Aides à la mobilité de France Travail : permis, déplacements, hébergement",
        "France Travail peut financer une partie du permis de conduire B (aide au permis), "
        "les frais de déplacement, de repas ou d'hébergement pour se rendre à un entretien, "
        "un concours ou une formation éloignée, ou pour une reprise d'emploi. La demande "
        "doit être faite avant la dépense, depuis l'espace personnel ou avec le conseiller.",
        them=("mobilite",),
        di=("financer-mobilite", "permis"),
        type_="aide-financiere",
        publics=("demandeurs-emploi",),
        conditions="Être inscrit comme demandeur d'emploi ; conditions de ressources et "
        "d'éloignement ; demande au plus tard 7 jours après l'entretien ou avant la "
        "formation.",
        zone="82",
        mob=("utiliser-lien-mobilisation",),
        mob_precisions="Formulaire « Aide à la mobilité » dans l'espace personnel, rubrique "
        "« mes aides ».",
        mots=("aide au permis", "permis de conduire", "frais de déplacement", "mobilité"),
    )
    service(
        "france-travail-montauban",
        "ft-eures-montauban",
        "Conseiller Eures : travailler en Europe",
        "Le conseiller Eures de France Travail informe sur l'emploi à l'étranger dans les pays "
        "de l'Union européenne, en Suisse et en Norvège : offres, conditions de vie et de "
        "travail, reconnaissance des diplômes, protection sociale. Il aide à préparer un CV "
        "en anglais ou en espagnol et à mobiliser les aides à la mobilité européenne.",
        them=("souvrir-a-linternational",),
        di=("emploi-etranger", "aides-etranger"),
        type_="information",
        publics=("demandeurs-emploi", "jeunes", "actifs"),
        conditions="Avoir un projet de départ et un niveau de langue adapté au pays visé.",
        zone="82",
        accueil=("en-presentiel", "a-distance"),
        mob=("envoyer-un-courriel",),
        mob_precisions="Demande de rendez-vous par mail ; réunion d'information collective "
        "chaque premier jeudi du mois.",
        mots=("Eures", "Europe", "étranger", "expatriation", "Espagne", "travailler à l'étranger"),
        courriel="eures",
    )
    service(
        "france-travail-montauban",
        "ft-immersion-montauban",
        "Immersion en entreprise (PMSMP) pour découvrir un métier",
        "La période de mise en situation en milieu professionnel (PMSMP) permet de passer "
        "quelques jours à quelques semaines dans une entreprise pour découvrir un métier, "
        "confirmer un projet ou amorcer un recrutement. La personne garde son statut et ses "
        "allocations. La convention est signée entre l'entreprise, la personne et le "
        "prescripteur.",
        them=("choisir-un-metier",),
        di=("decouvrir-metier", "confirmer-metier"),
        type_="accompagnement",
        publics=("demandeurs-emploi", "jeunes", "personnes-en-situation-de-handicap"),
        conditions="Être accompagné par un prescripteur (France Travail, Mission Locale, Cap "
        "emploi, SIAE, MDS) ; trouver une entreprise d'accueil.",
        zone="82",
        mob=("utiliser-lien-mobilisation", "envoyer-un-courriel"),
        par=("professionnels", "usagers"),
        mob_precisions="Convention d'immersion en ligne sur immersion-facile ; le conseiller "
        "valide la demande.",
        mots=("PMSMP", "immersion", "stage", "découverte métier", "essai"),
    )
    service(
        "france-travail-montauban",
        "ft-formation-montauban",
        "Trouver et financer sa formation avec France Travail",
        "Information sur les formations financées par France Travail et la Région Occitanie, "
        "le compte personnel de formation (CPF) et l'aide individuelle à la formation (AIF). "
        "Le conseiller vérifie la cohérence du projet, monte le dossier de financement et "
        "informe sur la rémunération pendant la formation.",
        them=("se-former",),
        di=("trouver-formation", "dossier-formation"),
        type_="information",
        publics=("demandeurs-emploi",),
        conditions="Être inscrit ; projet professionnel validé ; devis de l'organisme pour l'AIF.",
        zone="82",
        mob=("telephoner", "utiliser-lien-mobilisation"),
        mob_precisions="Demande auprès du conseiller référent ; recherche de formation sur "
        "l'espace personnel.",
        mots=("formation", "CPF", "AIF", "financement", "reconversion"),
    )
    service(
        "france-travail-castelsarrasin",
        "ft-saisonniers-castelsarrasin",
        "Emplois saisonniers agricoles : récolte des fruits et du chasselas",
        "De mai à octobre, l'agence de Castelsarrasin centralise les offres saisonnières des "
        "vergers et des exploitations du Tarn-et-Garonne : cueillette des cerises, des pommes, "
        "des prunes, vendanges du chasselas de Moissac, conditionnement en station fruitière. "
        "Réunions d'information et recrutements collectifs sur place.",
        them=("trouver-un-emploi",),
        di=("offres",),
        type_="information",
        publics=("tous-publics",),
        conditions="Être en bonne condition physique ; disposer d'un moyen de transport ou "
        "d'une solution de covoiturage.",
        zone="82",
        mob=("se-presenter", "telephoner"),
        mob_precisions="Se présenter aux réunions d'information du mardi matin pendant la saison.",
        mots=("saisonnier", "cueillette", "vendanges", "pommes", "job", "agriculture"),
        horaires="Tu 09:00-11:30",
    )
    service(
        "france-travail-caussade",
        "ft-recrutement-caussade",
        "Job dating et recrutements collectifs du Quercy Caussadais",
        "Rencontres entre employeurs qui recrutent et candidats, sans CV obligatoire : "
        "industrie, aide à domicile, logistique, hôtellerie, agroalimentaire. Entretiens "
        "courts de 10 minutes, parfois suivis d'une immersion. Les dates sont annoncées sur "
        "le site et à l'accueil de l'agence.",
        them=("trouver-un-emploi",),
        di=("entretien", "offres"),
        type_="atelier",
        publics=("demandeurs-emploi", "jeunes"),
        conditions="Venir avec des CV imprimés si possible.",
        zone="territoire",
        mob=("se-presenter",),
        mob_precisions="Se présenter le jour du job dating ; inscription conseillée auprès de "
        "l'agence.",
        mots=("job dating", "recrutement", "boulot", "entretien", "employeurs"),
    )

    # Mission Locale
    structure(
        "mission-locale-montauban",
        "Mission Locale de Tarn-et-Garonne",
        "Montauban",
        "La Mission Locale accompagne les jeunes de 16 à 25 ans sortis de l'école : emploi, "
        "formation, logement, santé, mobilité, accès aux droits. Siège à Montauban, "
        "antennes à Castelsarrasin, Moissac, Caussade, Nègrepelisse, Valence, "
        "Beaumont-de-Lomagne et Montech, permanences dans les bourgs ruraux.",
        reseaux=("mission-locale",),
        horaires="Mo-Fr 08:30-12:30,13:30-17:30",
        partenaire="mission-locale-82",
        domaine="mission-locale-82",
    )
    ml_services = [
        (
            "ml-cej-montauban",
            "Contrat d'engagement jeune (CEJ) - Montauban",
            "Le contrat d'engagement jeune propose un accompagnement intensif de 6 à 12 mois "
            "avec un conseiller unique : 15 à 20 heures d'activités par semaine (ateliers, "
            "immersions, formation, service civique) et une allocation pouvant aller jusqu'à "
            "environ 550 euros par mois selon les ressources. Objectif : un emploi durable ou "
            "une formation qualifiante.",
            ("trouver-un-emploi", "choisir-un-metier"),
            ("offres", "competences"),
            "accompagnement",
            ("CEJ", "contrat d'engagement jeune", "allocation", "16-25 ans", "garantie jeunes"),
        ),
        (
            "ml-permis-montauban",
            "Aide au permis de conduire et à la mobilité des jeunes",
            "Pour les jeunes dont l'emploi dépend du permis de conduire : préparation au code "
            "de la route en ligne, orientation vers l'auto-école sociale, aides financières "
            "(aide au permis de la Région, aide de 500 euros de l'État pour les apprentis, "
            "fonds d'aide aux jeunes), prêt de scooter par la plateforme mobilité.",
            ("mobilite",),
            ("permis", "financer-mobilite"),
            "aide-financiere",
            ("permis de conduire", "code de la route", "scooter", "aide au permis", "jeunes"),
        ),
        (
            "ml-logement-jeunes-montauban",
            "Logement des jeunes : information et accompagnement",
            "Information sur les solutions de logement pour les 16-25 ans : foyer de jeunes "
            "travailleurs (FJT), colocation, logement social, garantie Visale, aides de la CAF "
            "(APL) et d'Action Logement. Un conseiller aide à constituer le dossier et à "
            "préparer l'entrée dans le logement.",
            ("logement-hebergement",),
            ("info-logement", "louer"),
            "accompagnement",
            ("logement", "FJT", "Visale", "APL", "appartement"),
        ),
        (
            "ml-sante-jeunes-montauban",
            "Point santé jeunes : écoute avec une psychologue",
            "Une psychologue reçoit gratuitement les jeunes suivis par la Mission Locale qui "
            "traversent une période difficile : stress, isolement, mal-être, consommation "
            "d'alcool ou de cannabis. Entretiens confidentiels, sans avance de frais, avec "
            "orientation si besoin vers le CMP ou la consultation jeunes consommateurs.",
            ("sante-mentale-addictions", "sante"),
            ("sante-mentale", "soins"),
            "accompagnement",
            ("psychologue", "psy", "mal-être", "écoute", "santé mentale"),
        ),
        (
            "ml-faj-montauban",
            "Fonds d'aide aux jeunes (FAJ) : aide financière d'urgence",
            "Le fonds d'aide aux jeunes du Département accorde des aides ponctuelles aux "
            "18-25 ans en difficulté : alimentation, transport pour aller en formation ou en "
            "emploi, équipement professionnel, premier loyer. La demande est présentée par le "
            "conseiller Mission Locale ou une assistante sociale.",
            ("difficultes-financieres",),
            ("prevenir",),
            "aide-financiere",
            ("FAJ", "aide d'urgence", "jeunes", "argent", "aide financière"),
        ),
        (
            "ml-international-montauban",
            "Mobilité internationale des jeunes : stages et volontariat en Europe",
            "La Mission Locale aide les jeunes, même sans diplôme, à partir quelques semaines "
            "ou quelques mois à l'étranger : stages professionnels Erasmus+, Corps européen de "
            "solidarité, service civique international. Préparation au départ, financement "
            "du voyage et de l'hébergement, suivi au retour.",
            ("souvrir-a-linternational",),
            ("aides-etranger", "emploi-etranger"),
            "accompagnement",
            ("Erasmus", "Europe", "étranger", "volontariat", "stage"),
        ),
    ]
    for slug, nom, desc, them, di, type_, mots in ml_services:
        service(
            "mission-locale-montauban",
            slug,
            nom,
            desc,
            them=them,
            di=di,
            type_=type_,
            publics=("jeunes",),
            publics_precisions="Jeunes de 16 à 25 ans (jusqu'à 29 ans pour les jeunes en "
            "situation de handicap).",
            conditions="Avoir entre 16 et 25 ans et ne plus être scolarisé ; pièce d'identité.",
            zone="82",
            mob=("telephoner", "se-presenter", "envoyer-un-courriel"),
            mob_precisions="Le jeune peut se présenter ou appeler ; un professionnel peut "
            "envoyer une fiche de liaison par mail au conseiller de secteur.",
            mots=mots,
        )
    antennes = [
        ("Castelsarrasin", "Saint-Nicolas-de-la-Grave"),
        ("Moissac", "Lafrançaise"),
        ("Caussade", "Saint-Antonin-Noble-Val"),
        ("Valence", "Lauzerte"),
        ("Beaumont-de-Lomagne", "Lavit"),
        ("Montech", "Verdun-sur-Garonne"),
        ("Nègrepelisse", "Caylus"),
    ]
    key = "mission-locale-montauban"
    for ville, perm in antennes:
        # Antennes are places of the one Mission Locale: services run there.
        ML_ANTENNES[ville] = f"Antenne Mission Locale, {adresse_fictive()}"
        service(
            key,
            f"ml-cej-{slugify(ville)}",
            f"Accompagnement des 16-25 ans et CEJ - antenne de {ville}",
            pick(
                f"Les conseillers de l'antenne de {ville} reçoivent les jeunes de 16 à 25 ans "
                "pour construire un projet : recherche d'emploi, apprentissage, formation, "
                "service civique. Le contrat d'engagement jeune (CEJ) permet un suivi "
                "intensif avec une allocation. Aide aussi pour le logement, la santé et le "
                "permis.",
                f"Premier accueil sans rendez-vous à {ville}, puis suivi par un conseiller : "
                "orientation, offres d'emploi et d'alternance, ateliers CV, immersions en "
                "entreprise, contrat d'engagement jeune (CEJ). Les jeunes sans diplôme ni "
                "qualification sont prioritaires.",
            ),
            them=("trouver-un-emploi", "choisir-un-metier"),
            di=("offres", "competences"),
            type_="accompagnement",
            publics=("jeunes",),
            publics_precisions="Jeunes de 16 à 25 ans sortis du système scolaire.",
            conditions="Pièce d'identité ; attestation de sécurité sociale.",
            zone="territoire",
            mob=("se-presenter", "telephoner"),
            mob_precisions="Accueil sans rendez-vous le matin ; un professionnel peut "
            "appeler l'antenne pour organiser un premier rendez-vous.",
            mots=("CEJ", "mission locale", "jeunes", "apprentissage", "alternance"),
            ville=ville,
            adresse=ML_ANTENNES[ville],
            horaires="Mo-Fr 09:00-12:30,13:30-17:00",
            own_line=True,
            courriel=f"antenne-{slugify(ville)}",
        )
        jour = rng.choice(WEEKDAYS)
        service(
            key,
            f"ml-permanence-{slugify(perm)}",
            f"Permanence Mission Locale à {perm}",
            f"Un conseiller de la Mission Locale tient une permanence à {perm} le "
            f"{jour_fr(jour)} pour éviter aux jeunes des communes rurales de se déplacer : "
            "premier accueil, suivi du contrat d'engagement jeune, aide à la recherche "
            "d'emploi, de stage ou de formation, orientation vers les aides à la mobilité.",
            them=("trouver-un-emploi",),
            di=("offres", "organiser"),
            type_="accompagnement",
            publics=("jeunes",),
            publics_precisions="Jeunes de 16 à 25 ans.",
            zone="epci",
            mob=("telephoner",),
            mob_precisions=f"Sur rendez-vous auprès de l'antenne de {ville}.",
            own_line=True,
            courriel=f"antenne-{slugify(ville)}",
            mots=("mission locale", "permanence", "jeunes", "emploi", "stage"),
            ville=perm,
            adresse="Mairie, salle des permanences",
            horaires=f"{jour}[2,4] 09:30-12:00",
        )


def build_organismes_sociaux() -> None:
    # CAF
    structure(
        "caf-82",
        "Caisse d'allocations familiales de Tarn-et-Garonne (CAF 82)",
        "Montauban",
        "La caisse d'allocations familiales verse les prestations familiales, les aides au "
        "logement (APL), la prime d'activité, le RSA et l'AAH. Accueil sur rendez-vous à "
        "Montauban et permanences dans les France Services du département.",
        reseaux=("caf",),
        horaires="Mo,Tu,Th 08:30-12:00,13:30-16:00; We,Fr 08:30-12:00",
        partenaire="caf-82",
        domaine="caf-82",
    )
    caf = [
        (
            "caf-rendez-vous-droits",
            "Rendez-vous avec un conseiller CAF pour ses droits",
            "Un conseiller de la CAF étudie l'ensemble des droits de la famille : allocations "
            "familiales, aides au logement (APL), prime d'activité, RSA, AAH, prestations pour "
            "la garde d'enfants. Rendez-vous à l'accueil de Montauban, par téléphone ou en "
            "visio ; aide pour déclarer un changement de situation et éviter un indu.",
            ("difficultes-administratives-ou-juridiques",),
            ("acces-droits", "demarches"),
            "information",
            ("tous-publics",),
            ("CAF", "allocataire", "allocations familiales", "APL", "prime d'activité", "RSA"),
            ("en-presentiel", "a-distance"),
        ),
        (
            "caf-parents-separes",
            "Parents séparés : accompagnement et pension alimentaire (ARIPA)",
            "Lors d'une séparation, la CAF informe sur les droits de chaque parent, peut "
            "donner force exécutoire à un accord sur la pension alimentaire et, via l'agence "
            "de recouvrement (ARIPA), verser la pension en cas d'impayé. Séance "
            "d'information « Parents après la séparation » et orientation vers la médiation "
            "familiale.",
            ("violences-conflits-familiaux", "famille"),
            ("violences", "parentalite"),
            "information",
            ("familles",),
            ("séparation", "divorce", "pension alimentaire", "ARIPA", "CAF"),
            ("en-presentiel", "a-distance"),
        ),
        (
            "caf-travail-social",
            "Accompagnement social des familles par les travailleurs sociaux de la CAF",
            "Les travailleurs sociaux de la CAF accompagnent les familles allocataires qui "
            "vivent un événement fragilisant : décès d'un proche, séparation, naissance dans "
            "un contexte difficile, impayé de loyer signalé par le bailleur. Entretiens, aide "
            "aux démarches, mobilisation des aides financières individuelles.",
            ("famille", "logement-hebergement"),
            ("parentalite", "impayes"),
            "accompagnement",
            ("familles",),
            ("CAF", "travailleur social", "décès", "séparation", "impayé de loyer"),
            ("en-presentiel",),
        ),
        (
            "caf-vacances-familles",
            "Aide aux vacances des familles (VACAF)",
            "Les familles allocataires aux revenus modestes peuvent recevoir une aide pour "
            "partir en vacances dans un centre labellisé : séjour en famille, colonie pour "
            "les enfants. Un accompagnement au premier départ est proposé avec les centres "
            "sociaux du département.",
            ("remobilisation", "famille"),
            ("sport-culture", "parentalite"),
            "aide-financiere",
            ("familles",),
            ("vacances", "VACAF", "loisirs", "colonie", "CAF"),
            ("a-distance",),
        ),
    ]
    for slug, nom, desc, them, di, type_, publics, mots, accueil in caf:
        service(
            "caf-82",
            slug,
            nom,
            desc,
            them=them,
            di=di,
            type_=type_,
            publics=publics,
            conditions="Être allocataire de la CAF de Tarn-et-Garonne ; numéro d'allocataire.",
            zone="82",
            accueil=accueil,
            mob=("utiliser-lien-mobilisation", "telephoner"),
            mob_precisions="Prise de rendez-vous sur caf.fr (espace Mon compte) ou au 3230 ; "
            "un travailleur social peut signaler une situation par la messagerie partenaires.",
            mots=mots,
        )

    # CPAM
    structure(
        "cpam-82",
        "Caisse primaire d'assurance maladie de Tarn-et-Garonne (CPAM 82)",
        "Montauban",
        "L'Assurance Maladie du Tarn-et-Garonne : remboursement des soins, carte Vitale, "
        "complémentaire santé solidaire, accompagnement des personnes qui renoncent aux "
        "soins, examens de prévention santé.",
        reseaux=("cpam", "cnam"),
        horaires="Mo-Fr 08:30-12:30,13:30-16:30",
        partenaire="cpam-82",
        domaine="cpam-82",
    )
    cpam = [
        (
            "cpam-examen-prevention-sante",
            "Examen de prévention santé (bilan de santé gratuit)",
            "Un bilan de santé complet et gratuit, pris en charge à 100 % : prise de sang, "
            "examens de la vue et de l'audition, dépistages, entretien avec un médecin et "
            "point sur les vaccins, le dentiste et le suivi médical. Il s'adresse en priorité "
            "aux personnes éloignées du soin, aux demandeurs d'emploi et aux bénéficiaires du "
            "RSA. Compte-rendu remis au médecin traitant.",
            ("sante",),
            ("soins",),
            "accompagnement",
            ("bilan de santé", "check-up", "prévention", "prise de sang", "dépistage"),
        ),
        (
            "cpam-complementaire-sante-solidaire",
            "Complémentaire santé solidaire (CSS) : information et dossier",
            "La complémentaire santé solidaire remplace la CMU-C et l'ACS : elle prend en "
            "charge le ticket modérateur, les lunettes, les prothèses dentaires et auditives, "
            "sans dépassement. Gratuite ou à moins d'un euro par jour selon les ressources. "
            "Les conseillers aident à vérifier le droit et à remplir le dossier ; elle est "
            "attribuée automatiquement aux bénéficiaires du RSA.",
            ("sante", "difficultes-administratives-ou-juridiques"),
            ("soins", "acces-droits"),
            "information",
            ("CSS", "CMU", "mutuelle", "complémentaire santé", "lunettes"),
        ),
        (
            "cpam-mission-accompagnement-sante",
            "Mission accompagnement santé : aide à l'accès aux soins",
            "Pour les personnes qui renoncent à se soigner (coût, démarches, peur, absence de "
            "médecin traitant), un conseiller de l'Assurance Maladie fait le point sur les "
            "droits, trouve des professionnels de santé, aide à obtenir des devis et des "
            "financements (soins dentaires, lunettes, appareils auditifs) et suit la personne "
            "jusqu'à la réalisation des soins.",
            ("sante",),
            ("soins",),
            "accompagnement",
            ("renoncement aux soins", "dentiste", "médecin traitant", "soins dentaires"),
        ),
        (
            "cpam-dentaire",
            "Soins dentaires : bilan bucco-dentaire et prise en charge",
            "Information sur l'examen bucco-dentaire gratuit (de 3 à 24 ans et pour les "
            "femmes enceintes) et sur le panier « 100 % santé » qui permet des prothèses "
            "dentaires sans reste à charge. Les conseillers orientent vers un dentiste qui "
            "accepte de nouveaux patients et vers le centre de santé dentaire de Montauban.",
            ("sante",),
            ("soins",),
            "information",
            ("dentiste", "dents", "prothèse dentaire", "100 % santé", "bucco-dentaire"),
        ),
        (
            "cpam-prevention-desinsertion",
            "Arrêt de travail long : prévenir la perte d'emploi",
            "Le service social de l'Assurance Maladie accompagne les salariés en arrêt de "
            "travail de plus de trois mois ou menacés d'inaptitude : visite de pré-reprise, "
            "temps partiel thérapeutique, reconnaissance de la qualité de travailleur "
            "handicapé (RQTH), essai encadré, reconversion. L'objectif est le maintien dans "
            "l'emploi ou un retour au travail adapté.",
            ("trouver-un-emploi", "handicap", "sante"),
            ("maintien-emploi", "mdph", "soins"),
            "accompagnement",
            ("arrêt maladie", "inaptitude", "RQTH", "reprise", "mi-temps thérapeutique"),
        ),
    ]
    for slug, nom, desc, them, di, type_, mots in cpam:
        service(
            "cpam-82",
            slug,
            nom,
            desc,
            them=them,
            di=di,
            type_=type_,
            publics=("tous-publics",),
            conditions="Être assuré au régime général ; carte Vitale ou attestation de droits.",
            zone="82",
            accueil=("en-presentiel", "a-distance"),
            mob=("telephoner", "envoyer-un-courriel"),
            mob_precisions="Par téléphone au 3646 ou par le compte ameli ; les partenaires "
            "envoient la fiche de signalement par mail à la CPAM.",
            mots=mots,
            courriel="partenaires",
        )

    # MSA
    structure(
        "msa-montauban",
        "MSA - agence de Montauban",
        "Montauban",
        "La Mutualité sociale agricole assure la protection sociale des exploitants et des "
        "salariés agricoles : santé, famille, retraite, RSA et prime d'activité pour les "
        "ressortissants agricoles. Travailleurs sociaux dans chaque territoire.",
        reseaux=("mutualite-sociale-agricole",),
        horaires="Mo-Fr 08:30-12:00,13:30-16:30",
        domaine="msa-montauban",
    )
    service(
        "msa-montauban",
        "msa-exploitants-difficulte",
        "Accompagnement des agriculteurs en difficulté",
        "Les travailleurs sociaux de la MSA accompagnent les exploitants agricoles et leurs "
        "familles en difficulté financière, après une mauvaise récolte ou un accident de vie : "
        "point sur les droits (RSA, prime d'activité), aide au répit, étalement des "
        "cotisations, soutien psychologique via la ligne Agri'écoute, aide à la reconversion.",
        them=("difficultes-financieres", "sante-mentale-addictions"),
        di=("prevenir", "sante-mentale"),
        type_="accompagnement",
        publics=("actifs",),
        publics_precisions="Exploitants, conjoints et salariés agricoles affiliés à la MSA.",
        conditions="Être affilié à la MSA.",
        zone="82",
        mob=("telephoner",),
        mob_precisions="Appeler l'accueil de la MSA en demandant le service action "
        "sanitaire et sociale.",
        mots=("MSA", "agriculteur", "exploitant agricole", "burn-out", "dettes"),
    )

    # MDPH
    structure(
        "mdph-82",
        "Maison départementale des personnes handicapées de Tarn-et-Garonne (MDPH 82)",
        "Montauban",
        "La MDPH informe les personnes handicapées et leurs proches, instruit les demandes "
        "(AAH, PCH, RQTH, carte mobilité inclusion, orientation en ESAT) et accompagne leur "
        "mise en œuvre.",
        reseaux=("mdph",),
        horaires="Mo-Fr 09:00-12:30,13:30-16:30",
        domaine="mdph-82",
    )
    service(
        "mdph-82",
        "mdph-accueil-dossier",
        "Accueil et aide au dossier MDPH (AAH, PCH, RQTH, carte mobilité inclusion)",
        "L'accueil de la MDPH renseigne sur les droits liés au handicap et aide à remplir le "
        "formulaire de demande unique : allocation aux adultes handicapés (AAH), prestation "
        "de compensation (PCH), reconnaissance de la qualité de travailleur handicapé "
        "(RQTH), carte mobilité inclusion. Le certificat médical doit dater de moins d'un an.",
        them=("handicap", "difficultes-administratives-ou-juridiques"),
        di=("mdph", "demarches"),
        type_="information",
        publics=("personnes-en-situation-de-handicap",),
        conditions="Formulaire Cerfa de demande, certificat médical de moins d'un an, pièce "
        "d'identité, justificatif de domicile.",
        zone="82",
        accueil=("en-presentiel", "a-distance"),
        mob=("se-presenter", "telephoner", "envoyer-un-courriel"),
        mob_precisions="Accueil sans rendez-vous du lundi au vendredi ; dépôt en ligne "
        "possible ; les professionnels peuvent joindre la MDPH par mail.",
        mots=("MDPH", "AAH", "PCH", "RQTH", "carte d'invalidité", "handicap"),
    )
    service(
        "mdph-82",
        "mdph-permanences-territoires",
        "Permanences MDPH dans les Maisons des solidarités",
        "Une conseillère de la MDPH tient des permanences mensuelles dans les MDS de "
        "Castelsarrasin, Caussade et Beaumont-de-Lomagne pour aider à constituer un dossier, "
        "suivre une demande en cours ou préparer un recours. Utile pour les personnes qui ne "
        "peuvent pas se déplacer à Montauban.",
        them=("handicap",),
        di=("mdph",),
        type_="accompagnement",
        publics=("personnes-en-situation-de-handicap",),
        conditions="Apporter les documents déjà réunis et le numéro de dossier s'il existe.",
        zone="82",
        mob=("telephoner",),
        mob_precisions="Sur rendez-vous auprès de l'accueil de la MDPH ou de la MDS.",
        mots=("MDPH", "handicap", "dossier", "recours", "permanence"),
        ville="Castelsarrasin",
        adresse="Maison des solidarités, bureau 3",
        horaires="Th[2] 09:00-12:00",
    )

    # Cap emploi
    structure(
        "cap-emploi-82",
        "Cap emploi Tarn-et-Garonne",
        "Montauban",
        "Cap emploi accompagne les personnes en situation de handicap vers l'emploi et aide "
        "les salariés et les employeurs à maintenir dans l'emploi une personne dont la santé "
        "se dégrade.",
        reseaux=("cap-emploi-reseau-cheops",),
        horaires="Mo-Fr 09:00-12:30,13:30-17:00",
        partenaire="france-travail-82",
        domaine="cap-emploi-82",
    )
    service(
        "cap-emploi-82",
        "cap-emploi-accompagnement",
        "Accompagnement vers l'emploi des personnes handicapées",
        "Les conseillers de Cap emploi accompagnent les demandeurs d'emploi reconnus "
        "travailleurs handicapés : projet professionnel compatible avec la santé, "
        "formation, aides de l'Agefiph, aménagement de poste, mise en relation avec des "
        "employeurs. Ils travaillent en lien avec France Travail et les ESAT.",
        them=("handicap", "trouver-un-emploi"),
        di=("mdph", "offres"),
        type_="accompagnement",
        publics=("personnes-en-situation-de-handicap", "demandeurs-emploi"),
        conditions="Avoir une RQTH ou une demande en cours ; être inscrit à France Travail.",
        zone="82",
        mob=("envoyer-un-courriel", "telephoner"),
        par=("professionnels", "usagers"),
        mob_precisions="Orientation par France Travail, la Mission Locale ou la MDPH ; la "
        "personne peut aussi appeler directement.",
        mots=("Cap emploi", "RQTH", "travailleur handicapé", "Agefiph", "handicap"),
    )
    service(
        "cap-emploi-82",
        "cap-emploi-maintien",
        "Maintien dans l'emploi des salariés en situation de handicap",
        "Quand un problème de santé menace un emploi, Cap emploi intervient auprès du salarié "
        "et de l'employeur : étude du poste, aménagement, matériel adapté, temps partiel, "
        "formation pour changer de poste dans l'entreprise. Intervention gratuite, en lien "
        "avec le médecin du travail.",
        them=("handicap", "trouver-un-emploi"),
        di=("mdph", "maintien-emploi"),
        type_="accompagnement",
        publics=("actifs", "personnes-en-situation-de-handicap"),
        conditions="Être salarié, travailleur indépendant ou agent public.",
        zone="82",
        mob=("telephoner",),
        mob_precisions="Appel du salarié, de l'employeur ou du médecin du travail.",
        mots=("maintien dans l'emploi", "inaptitude", "aménagement de poste", "handicap"),
    )

    service(
        "cap-emploi-82",
        "cap-emploi-emploi-accompagne",
        "Emploi accompagné : un job coach pour travailler en milieu ordinaire",
        "Le dispositif d'emploi accompagné s'adresse aux personnes en situation de handicap, "
        "notamment psychique ou cognitif, qui veulent travailler en entreprise ordinaire : un "
        "job coach les aide à trouver un poste, prépare l'employeur et l'équipe, puis reste "
        "disponible aussi longtemps que nécessaire pour sécuriser l'emploi. Sans limite de "
        "durée.",
        them=("handicap", "trouver-un-emploi"),
        di=("mdph", "maintien-emploi", "offres"),
        type_="accompagnement",
        publics=("personnes-en-situation-de-handicap",),
        conditions="RQTH et décision d'orientation « emploi accompagné » de la MDPH (la "
        "demande peut être faite en même temps).",
        zone="82",
        mob=("envoyer-un-courriel",),
        par=("professionnels", "usagers"),
        mob_precisions="Fiche de prescription à envoyer par mail par France Travail, la "
        "Mission Locale, le CMP ou l'ESAT ; la personne peut aussi écrire directement.",
        mots=("emploi accompagné", "job coach", "handicap psychique", "RQTH", "DEA"),
        courriel="emploi-accompagne",
    )
    structure(
        "ea-quercy-services",
        "Quercy Services Adaptés (entreprise adaptée)",
        "Castelsarrasin",
        "Entreprise adaptée : 45 salariés, dont une majorité de travailleurs handicapés, en "
        "logistique, conditionnement de fruits et entretien d'espaces verts.",
        reseaux=("ea",),
        horaires="Mo-Fr 08:00-12:00,13:00-16:30",
        partenaire="associations-82",
        domaine="quercy-services-adaptes",
    )
    service(
        "ea-quercy-services",
        "ea-quercy-recrutement",
        "Emplois en entreprise adaptée pour travailleurs handicapés",
        "L'entreprise adaptée recrute en CDD et en CDI des travailleurs reconnus handicapés "
        "(RQTH) : préparation de commandes, conditionnement en station fruitière, espaces "
        "verts. Postes aménagés, rythme adapté, accompagnement professionnel et formations "
        "pour évoluer ensuite vers une autre entreprise si on le souhaite.",
        them=("handicap", "trouver-un-emploi"),
        di=("mdph", "offres"),
        type_="accompagnement",
        publics=("personnes-en-situation-de-handicap",),
        conditions="Reconnaissance de la qualité de travailleur handicapé (RQTH).",
        zone="82",
        mob=("envoyer-un-courriel", "telephoner"),
        par=("usagers", "professionnels"),
        mob_precisions="Envoyer CV et attestation RQTH par mail ; Cap emploi et France "
        "Travail peuvent proposer des candidats.",
        mots=("entreprise adaptée", "EA", "RQTH", "travailleur handicapé", "emploi"),
    )

    # ESAT et SAVS
    structure(
        "esat-ateliers-du-quercy",
        "ESAT Les Ateliers du Quercy",
        "Caussade",
        "Établissement et service d'accompagnement par le travail : 70 travailleurs en "
        "situation de handicap en espaces verts, conditionnement, blanchisserie et "
        "restauration.",
        reseaux=("esat",),
        horaires="Mo-Fr 08:00-12:00,13:00-16:30",
        partenaire="associations-82",
    )
    service(
        "esat-ateliers-du-quercy",
        "esat-quercy-admission",
        "Travailler en ESAT : stages de découverte et admission",
        "L'ESAT accueille des adultes orientés par la MDPH pour un travail adapté en espaces "
        "verts, conditionnement ou blanchisserie, avec un accompagnement médico-social. Des "
        "stages de découverte de deux semaines permettent de confirmer l'orientation avant "
        "l'admission.",
        them=("handicap", "trouver-un-emploi"),
        di=("mdph", "offres"),
        type_="accompagnement",
        publics=("personnes-en-situation-de-handicap",),
        conditions="Notification d'orientation en ESAT de la MDPH (ou demande en cours pour "
        "un stage).",
        zone="82",
        mob=("envoyer-un-courriel",),
        par=("professionnels", "usagers"),
        mob_precisions="Envoyer la notification MDPH et un courrier de motivation par mail.",
        mots=("ESAT", "travail protégé", "handicap", "orientation MDPH", "CAT"),
    )
    structure(
        "savs-montauban",
        "SAVS Vivre Chez Soi 82",
        "Montauban",
        "Service d'accompagnement à la vie sociale pour adultes en situation de handicap "
        "psychique ou mental vivant à domicile.",
        reseaux=(),
        partenaire="associations-82",
    )
    service(
        "savs-montauban",
        "savs-accompagnement-vie-sociale",
        "Accompagnement à la vie sociale à domicile (SAVS)",
        "Des éducateurs et une conseillère ESF accompagnent à domicile des adultes en "
        "situation de handicap psychique ou mental : gestion du logement et du budget, "
        "démarches administratives, santé, activités de loisirs et lien social. Le but est de "
        "vivre de façon autonome chez soi le plus longtemps possible.",
        them=("handicap", "remobilisation"),
        di=("mdph", "lien-social"),
        type_="accompagnement",
        publics=("personnes-en-situation-de-handicap",),
        conditions="Notification d'orientation SAVS de la MDPH.",
        zone="epci",
        mob=("envoyer-un-courriel",),
        par=("professionnels",),
        mob_precisions="Demande d'admission par mail avec la notification MDPH ; visite de "
        "préadmission.",
        mots=("SAVS", "handicap psychique", "autonomie", "domicile", "éducateur"),
    )


# --------------------------------------------------------------------------------------------
# CCAS and France Services
# --------------------------------------------------------------------------------------------
def build_ccas() -> None:
    villes = [
        "Montauban",
        "Castelsarrasin",
        "Moissac",
        "Caussade",
        "Nègrepelisse",
        "Valence",
        "Beaumont-de-Lomagne",
        "Montech",
        "Grisolles",
        "Verdun-sur-Garonne",
        "Labastide-Saint-Pierre",
    ]
    domiciliation = {"Montauban", "Castelsarrasin", "Moissac", "Caussade", "Valence"}
    for ville in villes:
        key = f"ccas-{slugify(ville)}"
        structure(
            key,
            f"CCAS de {ville}",
            ville,
            f"Centre communal d'action sociale de {ville} : aides sociales facultatives, "
            "instruction des dossiers d'aide sociale légale, domiciliation, soutien aux "
            "personnes âgées et aux familles de la commune.",
            reseaux=("ccas-cias", "communes"),
            horaires=pick(
                "Mo-Fr 08:30-12:00,13:30-17:00",
                "Mo-Th 09:00-12:00,14:00-17:00; Fr 09:00-12:00",
                "Mo,Tu,Th,Fr 08:30-12:00,14:00-17:30",
            ),
            domaine=f"ccas-{slugify(ville)}",
            site=False,
        )
        service(
            key,
            f"ccas-aides-facultatives-{slugify(ville)}",
            f"Aides financières d'urgence du CCAS de {ville}",
            pick(
                f"Le centre communal d'action sociale (CCAS) de {ville} peut accorder une "
                "aide ponctuelle aux habitants de la "
                "commune qui traversent une difficulté : bons alimentaires, participation à "
                "une facture d'énergie ou de cantine, aide au transport pour un entretien. La "
                "demande est étudiée en commission après un entretien avec une travailleuse "
                "sociale.",
                f"Secours d'urgence, chèques d'accompagnement personnalisé pour l'alimentation, "
                f"aide aux factures d'eau ou d'électricité : le centre communal d'action "
                f"sociale de {ville} intervient "
                "pour les ménages de la commune aux ressources faibles, en complément des "
                "aides de la CAF et du Département. Réponse rapide en cas d'urgence.",
            ),
            them=("difficultes-financieres", "equipement-et-alimentation"),
            di=("prevenir", "alimentation"),
            type_="aide-financiere",
            publics=("tous-publics",),
            publics_precisions=f"Habitants de {ville} aux ressources modestes.",
            conditions="Justificatif de domicile, justificatifs de ressources et de charges, "
            "factures concernées.",
            zone="commune",
            mob=("telephoner", "se-presenter"),
            mob_precisions="Rendez-vous auprès de l'accueil du CCAS ; un travailleur social "
            "peut transmettre une demande motivée par mail.",
            mots=("CCAS", "aide d'urgence", "secours", "bons alimentaires", "facture"),
        )
        if ville in domiciliation:
            service(
                key,
                f"ccas-domiciliation-{slugify(ville)}",
                f"Domiciliation administrative - CCAS de {ville}",
                "Les personnes sans domicile stable (à la rue, hébergées chez un tiers, en "
                "squat, gens du voyage) peuvent obtenir une adresse au CCAS pour recevoir leur "
                "courrier et faire valoir leurs droits : RSA, CAF, assurance maladie, "
                "inscription à France Travail. L'attestation d'élection de domicile est "
                "valable un an.",
                them=("difficultes-administratives-ou-juridiques", "hebergement-urgence"),
                di=("acces-droits", "hebergement"),
                type_="aide-materielle",
                publics=("personnes-en-situation-durgence",),
                publics_precisions="Personnes sans domicile stable ayant un lien avec la commune.",
                conditions="Pièce d'identité si possible ; entretien d'ouverture.",
                zone="commune",
                mob=("se-presenter",),
                mob_precisions="Se présenter au CCAS aux heures d'ouverture ; retrait du "
                "courrier sur présentation d'une pièce d'identité.",
                mots=("domiciliation", "adresse", "sans domicile", "SDF", "courrier"),
            )
        else:
            service(
                key,
                f"ccas-seniors-{slugify(ville)}",
                f"Maintien à domicile des personnes âgées - CCAS de {ville}",
                pick(
                    f"Le CCAS de {ville} aide les personnes âgées à rester chez elles : "
                    "portage de repas, téléassistance, aide au dossier d'allocation "
                    "personnalisée d'autonomie (APA), orientation vers un service d'aide à "
                    "domicile. Il soutient aussi les proches aidants et lutte contre "
                    "l'isolement par des visites de bénévoles.",
                    f"Information et aide aux démarches pour les seniors de {ville} et leurs "
                    "familles : APA, aide ménagère, portage des repas à domicile, "
                    "téléassistance, inscription sur le registre canicule. Visites de "
                    "convivialité pour les personnes isolées.",
                ),
                them=("famille", "equipement-et-alimentation"),
                di=("dependance", "aidants", "aide-menagere"),
                type_="accompagnement",
                publics=("seniors",),
                publics_precisions=f"Personnes de plus de 60 ans vivant à {ville}, et "
                "leurs aidants.",
                zone="commune",
                mob=("telephoner",),
                mob_precisions="Appeler le CCAS ; une visite à domicile peut être organisée.",
                mots=("personnes âgées", "APA", "portage de repas", "aidant", "seniors"),
            )
    service(
        "ccas-montauban",
        "ccas-ecrivain-public-montauban",
        "Écrivain public : aide aux courriers et dossiers",
        "Un écrivain public bénévole aide à comprendre un courrier, à rédiger une lettre "
        "(bailleur, employeur, administration, réclamation), à remplir un formulaire papier "
        "ou un dossier de retraite. Confidentiel et gratuit. Pour les personnes qui ont des "
        "difficultés à lire, à écrire le français ou à se repérer dans l'administration.",
        them=("difficultes-administratives-ou-juridiques", "lecture-ecriture-calcul"),
        di=("demarches", "francais"),
        type_="accompagnement",
        publics=("tous-publics",),
        conditions="Apporter les courriers et documents concernés.",
        zone="commune",
        mob=("se-presenter",),
        mob_precisions="Se présenter le mardi matin sans rendez-vous (premier arrivé, premier "
        "servi).",
        mots=("écrivain public", "courrier", "lettre", "formulaire", "papiers"),
        horaires="Tu 09:00-12:00",
    )


def build_france_services() -> None:
    villes = [
        "Montauban",
        "Moissac",
        "Lafrançaise",
        "Saint-Nicolas-de-la-Grave",
        "Saint-Antonin-Noble-Val",
        "Caylus",
        "Monclar-de-Quercy",
        "Septfonds",
        "Verdun-sur-Garonne",
        "Grisolles",
        "Beaumont-de-Lomagne",
        "Valence",
        "Lauzerte",
        "Lavit",
        "Montaigu-de-Quercy",
    ]
    extras = ["numerique", "partenaires", "justice", "numerique", "partenaires"]
    for i, ville in enumerate(villes):
        tag = slugify(ville)
        key = f"france-services-{tag}"
        nom = (
            "France Services Montauban - quartier Est"
            if ville == "Montauban"
            else f"France Services {ville}"
        )
        structure(
            key,
            nom,
            ville,
            f"Guichet labellisé France Services à {ville} : deux agents formés accueillent le "
            "public pour les démarches du quotidien (CAF, impôts, assurance maladie, retraite, "
            "France Travail, carte grise, titre de séjour) et accueillent les permanences des "
            "partenaires.",
            reseaux=("france-service",),
            horaires=pick(
                "Mo-Fr 09:00-12:00,13:30-17:00",
                "Mo-Th 09:00-12:30,14:00-17:30; Fr 09:00-12:30",
                "Tu-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00",
            ),
            domaine=f"franceservices-{tag}",
            site=False,
        )
        service(
            key,
            f"fs-demarches-{tag}",
            f"Aide aux démarches administratives et en ligne - France Services {ville}",
            pick(
                "Les agents France Services aident à faire ses démarches en ligne ou sur "
                "papier : déclaration de revenus, dossier CAF ou RSA, carte Vitale, demande "
                "de retraite, permis de conduire et carte grise (ANTS), espace France Travail. "
                "Ordinateur, scanner et imprimante en libre accès, avec accompagnement.",
                f"À {ville}, un accueil de proximité pour ne pas rester seul face aux "
                "démarches administratives : créer ses comptes en ligne (impots.gouv, ameli, "
                "caf.fr), scanner un justificatif, comprendre un courrier, prendre rendez-vous "
                "avec un organisme. Postes informatiques et connexion internet gratuits.",
                "Accompagnement aux démarches du quotidien et à l'usage d'internet : papiers "
                "d'identité, titre de séjour, prestations sociales, impôts, retraite, "
                "recherche d'emploi. Les agents orientent vers le bon interlocuteur et "
                "organisent des rendez-vous en visio avec les organismes partenaires.",
            ),
            them=("difficultes-administratives-ou-juridiques", "numerique"),
            di=("demarches", "services-en-ligne", "connexion"),
            type_="accompagnement",
            publics=("tous-publics",),
            conditions="Apporter ses identifiants et les documents utiles à la démarche.",
            zone="epci",
            mob=("se-presenter", "telephoner"),
            mob_precisions="Accueil sans rendez-vous ; rendez-vous conseillé pour les "
            "démarches longues.",
            mots=("France Services", "papiers", "démarches en ligne", "impôts", "ANTS"),
        )
        kind = extras[i % len(extras)]
        jour = rng.choice(WEEKDAYS)
        if kind == "numerique":
            service(
                key,
                f"fs-ateliers-numeriques-{tag}",
                f"Ateliers numériques avec le conseiller numérique - {ville}",
                f"Le conseiller numérique de la France Services de {ville} anime des ateliers "
                "en petit groupe pour débuter avec un ordinateur ou un smartphone : envoyer un "
                "mail, naviguer sur internet, protéger ses données, utiliser les sites "
                "administratifs, faire une visio. Sessions de six séances, à son rythme, sans "
                "jugement.",
                them=("numerique",),
                di=("fondamentaux", "services-en-ligne"),
                type_="atelier",
                publics=("tous-publics",),
                zone="epci",
                mob=("telephoner", "se-presenter"),
                mob_precisions="Inscription à l'accueil ou par téléphone.",
                mots=("conseiller numérique", "informatique", "smartphone", "internet"),
                horaires=f"{jour} 14:00-16:00",
            )
        elif kind == "partenaires":
            service(
                key,
                f"fs-permanences-{tag}",
                f"Permanences CAF, CPAM, MSA et conciliateur - France Services {ville}",
                f"Des permanences régulières à {ville} permettent de rencontrer un "
                "conseiller de la CAF, de la CPAM, de la MSA, des finances publiques ou le "
                "conciliateur de justice sans aller à Montauban. Certaines se font en visio "
                "depuis le bureau confidentiel de France Services. Le calendrier est affiché "
                "à l'accueil.",
                them=("difficultes-administratives-ou-juridiques",),
                di=("acces-droits",),
                type_="information",
                publics=("tous-publics",),
                zone="epci",
                mob=("telephoner",),
                mob_precisions="Sur rendez-vous auprès de l'accueil de France Services.",
                mots=("permanence", "CAF", "CPAM", "MSA", "conciliateur"),
                horaires=f"{jour} 09:00-12:00",
            )
        else:
            service(
                key,
                f"fs-point-justice-{tag}",
                f"Point justice : permanence juridique gratuite - {ville}",
                f"Un juriste du conseil départemental de l'accès au droit tient une "
                f"permanence à {ville} : conflits de voisinage, dettes et crédits, droit du "
                "travail, séparation et pension alimentaire, droit des étrangers. Conseil "
                "anonyme et gratuit, orientation vers un avocat, un conciliateur ou le "
                "tribunal.",
                them=("difficultes-administratives-ou-juridiques",),
                di=("judiciaire", "acces-droits"),
                type_="information",
                publics=("tous-publics",),
                zone="epci",
                mob=("telephoner",),
                mob_precisions="Sur rendez-vous auprès de France Services.",
                mots=("point justice", "avocat", "juriste", "droit", "conseil juridique"),
                horaires=f"{jour}[1] 14:00-17:00",
            )


# --------------------------------------------------------------------------------------------
# Aide alimentaire, équipement, épiceries solidaires
# --------------------------------------------------------------------------------------------
def build_alimentation() -> None:
    restos = [
        "Montauban",
        "Castelsarrasin",
        "Moissac",
        "Caussade",
        "Valence",
        "Beaumont-de-Lomagne",
        "Grisolles",
        "Nègrepelisse",
    ]
    key = "restos-du-coeur-82"
    structure(
        key,
        "Les Restos du cœur de Tarn-et-Garonne",
        "Montauban",
        "Association départementale des Restaurants du cœur : huit centres de distribution "
        "animés par des bénévoles (Montauban, Castelsarrasin, Moissac, Caussade, Valence, "
        "Beaumont-de-Lomagne, Grisolles, Nègrepelisse), Restos bébés, accueil et "
        "orientation.",
        reseaux=("restos-du-coeur",),
        horaires="Mo-Fr 09:00-12:00",
        partenaire="associations-82",
        domaine="restos-82",
    )
    for ville in restos:
        tag = slugify(ville)
        jours = sorted(rng.sample(WEEKDAYS, 2), key=WEEKDAYS.index)
        service(
            key,
            f"restos-distribution-{tag}",
            f"Distribution alimentaire des Restos du cœur - {ville}",
            pick(
                f"Les bénévoles des Restos du cœur de {ville} distribuent chaque semaine des "
                "colis alimentaires (produits frais, secs, hygiène) aux personnes inscrites. "
                "L'inscription se fait sur place, sur présentation des justificatifs de "
                "ressources et de charges ; le barème national tient compte du reste à vivre. "
                "Café et écoute pendant l'attente.",
                f"Aide alimentaire gratuite au centre de {ville} : colis pour la semaine, "
                "produits pour bébés, hygiène. Inscription pendant la campagne d'hiver "
                "(novembre à mars) et la campagne d'été selon les ressources. Les bénévoles "
                "orientent aussi vers les aides au logement, à l'emploi et à la santé.",
            ),
            them=("equipement-et-alimentation",),
            di=("alimentation",),
            type_="aide-materielle",
            publics=("tous-publics",),
            publics_precisions="Personnes et familles dont le reste à vivre est inférieur au "
            "barème des Restos.",
            conditions="Pièce d'identité, justificatifs de ressources (CAF, salaire, "
            "allocation) et de charges (loyer, énergie) ; livret de famille.",
            zone="epci",
            mob=("se-presenter",),
            mob_precisions=f"Se présenter le {jour_fr(jours[0])} ou le {jour_fr(jours[1])} "
            "après-midi pour l'inscription et la distribution.",
            mots=("restos du coeur", "colis alimentaire", "manger", "aide alimentaire", "repas"),
            ville=ville,
            adresse=f"Centre des Restos du cœur, {adresse_fictive()}",
            horaires=f"{jours[0]},{jours[1]} 13:30-16:30",
            own_line=True,
            courriel=f"centre-{tag}",
        )
    service(
        "restos-du-coeur-82",
        "restos-bebes-montauban",
        "Restos bébés du cœur : lait, couches et puériculture",
        "Un espace dédié aux parents de bébés de moins de 18 mois : lait infantile, petits "
        "pots, couches, vêtements et matériel de puériculture, conseils d'une bénévole "
        "auxiliaire de puériculture. Les familles sont inscrites selon le barème des Restos "
        "du cœur.",
        them=("equipement-et-alimentation", "famille"),
        di=("alimentation", "habillement", "parentalite"),
        type_="aide-materielle",
        publics=("familles",),
        publics_precisions="Parents d'enfants de moins de 18 mois.",
        conditions="Justificatifs de ressources et de charges ; carnet de santé de l'enfant.",
        zone="epci",
        mob=("se-presenter",),
        mob_precisions="Se présenter le mercredi matin.",
        mots=("bébé", "couches", "lait infantile", "puériculture", "restos du coeur"),
        horaires="We 09:00-12:00",
    )

    secours = ["Montauban", "Moissac", "Verdun-sur-Garonne", "Valence", "Saint-Antonin-Noble-Val"]
    key = "secours-populaire-82"
    structure(
        key,
        "Secours populaire français - fédération de Tarn-et-Garonne",
        "Montauban",
        "Fédération départementale du Secours populaire et ses comités locaux (Montauban, "
        "Moissac, Verdun-sur-Garonne, Valence, Saint-Antonin-Noble-Val) : aide alimentaire "
        "en libre-service, vestiaire, accès aux vacances, à la culture et aux loisirs, "
        "accompagnement dans les démarches.",
        reseaux=("secours-populaire",),
        horaires="Mo-Fr 09:00-12:00,14:00-17:00",
        partenaire="associations-82",
        domaine="spf-82",
    )
    for ville in secours:
        tag = slugify(ville)
        jour = rng.choice(WEEKDAYS)
        service(
            key,
            f"spf-libre-service-{tag}",
            f"Libre-service alimentaire solidaire - Secours populaire {ville}",
            pick(
                f"Au comité de {ville}, les familles font leurs courses dans un libre-service "
                "solidaire en payant une participation symbolique (10 % environ de la valeur "
                "des produits). Produits frais, épicerie, hygiène. Un bénévole reçoit chaque "
                "famille pour étudier sa situation et l'orienter si besoin.",
                f"Aide alimentaire sous forme de libre-service à {ville} : chaque famille "
                "choisit ses produits avec une participation de quelques euros. Accueil "
                "chaleureux, écoute et accompagnement dans les démarches par les bénévoles. "
                "Le vestiaire est ouvert le même jour.",
            ),
            them=("equipement-et-alimentation",),
            di=("alimentation", "habillement"),
            type_="aide-materielle",
            publics=("tous-publics",),
            conditions="Justificatifs de ressources et de charges ; orientation d'un "
            "travailleur social appréciée mais pas obligatoire.",
            frais="payant",
            frais_precisions="Participation symbolique de 1 à 5 euros par passage selon la "
            "composition familiale.",
            zone="epci",
            mob=("se-presenter",),
            mob_precisions=f"Se présenter le {jour_fr(jour)} pour un premier entretien.",
            mots=("secours populaire", "colis alimentaire", "manger", "vêtements", "courses"),
            horaires=f"{jour} 09:00-12:00,14:00-17:00",
            ville=ville,
            adresse=f"Comité du Secours populaire, {adresse_fictive()}",
            own_line=True,
            courriel=f"comite-{tag}",
        )
    service(
        "secours-populaire-82",
        "spf-vacances-montauban",
        "Vacances, sorties et culture pour tous - Secours populaire",
        "Le Secours populaire organise des journées à la mer ou à la montagne, des séjours "
        "en famille, des places de cinéma, de spectacle et de match à tarif réduit. Une façon "
        "de sortir de l'isolement, de partager un moment avec ses enfants et de reprendre "
        "confiance. Les bénévoles accompagnent les familles qui partent pour la première "
        "fois.",
        them=("remobilisation", "famille"),
        di=("sport-culture", "lien-social", "parentalite"),
        type_="aide-materielle",
        publics=("familles", "seniors", "jeunes"),
        frais="payant",
        frais_precisions="Participation de 2 à 10 euros selon la sortie.",
        conditions="Être accueilli au Secours populaire.",
        zone="82",
        mob=("telephoner", "se-presenter"),
        mob_precisions="Inscription auprès du comité de Montauban.",
        mots=("vacances", "sorties", "loisirs", "culture", "secours populaire"),
    )

    # Croix-Rouge
    structure(
        "croix-rouge-montauban",
        "Croix-Rouge française en Tarn-et-Garonne",
        "Montauban",
        "Unités locales de Montauban et de Castelsarrasin-Moissac de la Croix-Rouge : "
        "aide alimentaire, vestiboutiques, maraude, microcrédit personnel et actions "
        "itinérantes dans les communes rurales.",
        reseaux=("croix-rouge",),
        horaires="Mo,We,Fr 09:00-12:00,14:00-17:00",
        partenaire="associations-82",
        domaine="croix-rouge-montauban",
    )
    service(
        "croix-rouge-montauban",
        "croix-rouge-vestiboutique-montauban",
        "Vestiboutique Croix-Rouge : vêtements à petits prix",
        "Aide à l'habillement : la vestiboutique vend des vêtements, chaussures et linge de "
        "maison de seconde main "
        "à très petits prix, ouverte à tous. Les personnes orientées par un travailleur "
        "social reçoivent un bon pour des vêtements gratuits, y compris une tenue pour un "
        "entretien d'embauche ou une reprise de travail.",
        them=("equipement-et-alimentation",),
        di=("habillement",),
        type_="aide-materielle",
        publics=("tous-publics",),
        frais="payant",
        frais_precisions="De 0,50 à 5 euros l'article ; gratuit sur bon d'un travailleur social.",
        zone="epci",
        mob=("se-presenter",),
        mob_precisions="Ouvert à tous aux heures d'ouverture ; bon de gratuité à demander au "
        "travailleur social.",
        mots=("vêtements", "habits", "fripes", "chaussures", "croix-rouge"),
    )
    service(
        "croix-rouge-montauban",
        "croix-rouge-sur-roues",
        "Croix-Rouge sur roues : aide alimentaire itinérante en milieu rural",
        "Un camion de la Croix-Rouge se rend chaque semaine dans des villages éloignés "
        "(Caylus, Lavit, Molières, Saint-Nicolas-de-la-Grave) : colis alimentaires, produits "
        "d'hygiène, écoute, orientation vers les services sociaux. Pour les personnes isolées "
        "ou sans voiture qui ne peuvent pas aller en ville.",
        them=("equipement-et-alimentation", "remobilisation"),
        di=("alimentation", "lien-social"),
        type_="aide-materielle",
        publics=("tous-publics",),
        conditions="Pas de justificatif au premier passage ; entretien avec un bénévole.",
        zone="82",
        mob=("telephoner",),
        mob_precisions="Appeler l'unité locale pour connaître la tournée ; un travailleur "
        "social peut signaler une personne isolée.",
        mots=("camion", "itinérant", "colis alimentaire", "rural", "isolement"),
        ville="Caylus",
        adresse="Place du Foirail (stationnement du camion)",
        horaires="Th 10:00-12:00",
    )
    service(
        "croix-rouge-montauban",
        "croix-rouge-microcredit",
        "Microcrédit personnel pour un projet d'insertion",
        "Un prêt de 300 à 5 000 euros, remboursable sur 6 à 36 mois, pour les personnes qui "
        "n'ont pas accès au crédit bancaire : permis de conduire, achat ou réparation d'une "
        "voiture, formation, dépôt de garantie d'un logement. Un bénévole aide à monter le "
        "dossier avec la banque partenaire et suit le remboursement.",
        them=("difficultes-financieres", "mobilite"),
        di=("autonomie-budget", "financer-mobilite"),
        type_="aide-financiere",
        publics=("tous-publics",),
        conditions="Revenus réguliers permettant de rembourser ; projet favorisant "
        "l'insertion ; pas de fichage bancaire bloquant.",
        frais="payant",
        frais_precisions="Taux d'intérêt faible fixé par la banque partenaire.",
        zone="82",
        mob=("envoyer-un-courriel", "telephoner"),
        mob_precisions="Fiche de prescription à envoyer par mail par le travailleur social, "
        "ou appel direct de la personne.",
        mots=("microcrédit", "prêt", "crédit", "voiture", "permis"),
        courriel="microcredit",
    )
    service(
        "croix-rouge-montauban",
        "croix-rouge-vestiboutique-castelsarrasin",
        "Vestiboutique et linge de maison - Castelsarrasin",
        "Vêtements pour toute la famille, linge de maison et petits objets à prix solidaires. "
        "Ouverte à tous : les achats financent les actions de la Croix-Rouge. Des tenues "
        "gratuites sont remises sur orientation d'un travailleur social (rentrée scolaire, "
        "reprise d'emploi, sortie d'hôpital).",
        them=("equipement-et-alimentation",),
        di=("habillement",),
        type_="aide-materielle",
        publics=("tous-publics",),
        frais="payant",
        frais_precisions="Prix solidaires ; gratuité sur bon d'un travailleur social.",
        zone="epci",
        mob=("se-presenter",),
        mob_precisions="Se présenter aux heures d'ouverture.",
        mots=("vêtements", "habits", "linge", "croix-rouge", "vestiaire"),
        ville="Castelsarrasin",
        adresse=f"Unité locale Croix-Rouge, {adresse_fictive()}",
        horaires="Tu,Th 14:00-17:00; Sa 09:00-12:00",
        own_line=True,
        courriel="castelsarrasin",
    )

    # Banque alimentaire
    structure(
        "banque-alimentaire-82",
        "Banque alimentaire de Tarn-et-Garonne",
        "Montauban",
        "La Banque alimentaire collecte et redistribue des denrées aux associations et CCAS "
        "du département qui font de l'aide alimentaire. Elle mobilise plusieurs centaines de "
        "bénévoles.",
        reseaux=("banques-alimentaires",),
        horaires="Mo-Fr 08:00-12:00,13:30-16:30",
        partenaire="associations-82",
        domaine="banque-alimentaire-82",
    )
    service(
        "banque-alimentaire-82",
        "banque-alimentaire-benevolat",
        "Devenir bénévole à la Banque alimentaire",
        "Tri des denrées, préparation des commandes, collectes en magasin, chauffeur-livreur : "
        "la Banque alimentaire accueille des bénévoles quelques heures par semaine. "
        "Une activité utile qui permet de retrouver un rythme, de rencontrer du monde et de "
        "valoriser des compétences sur un CV. Les bénéficiaires de l'aide alimentaire sont "
        "aussi les bienvenus.",
        them=("remobilisation",),
        di=("benevolat", "lien-social"),
        type_="accompagnement",
        publics=("tous-publics",),
        zone="82",
        mob=("telephoner", "envoyer-un-courriel"),
        mob_precisions="Contacter la coordinatrice des bénévoles par téléphone ou par mail.",
        mots=("bénévolat", "bénévole", "utile", "collecte", "entrepôt"),
        courriel="benevoles",
    )
    service(
        "banque-alimentaire-82",
        "banque-alimentaire-ateliers-cuisine",
        "Ateliers cuisine petit budget",
        "Des ateliers pour cuisiner des repas équilibrés avec peu d'argent et les produits "
        "des colis alimentaires : recettes simples, anti-gaspillage, conservation, courses "
        "malignes. Animés par une diététicienne dans les épiceries solidaires et les centres "
        "sociaux du département ; on repart avec les plats préparés.",
        them=("equipement-et-alimentation", "difficultes-financieres"),
        di=("alimentation", "gestion-budget"),
        type_="atelier",
        publics=("tous-publics",),
        zone="82",
        mob=("telephoner",),
        par=("professionnels", "usagers"),
        mob_precisions="Inscription par l'épicerie solidaire ou le centre social partenaire.",
        mots=("cuisine", "recettes", "budget", "anti-gaspillage", "repas"),
    )

    # Emmaüs
    structure(
        "emmaus-bressols",
        "Communauté Emmaüs Montauban-Bressols",
        "Bressols",
        "Communauté Emmaüs : accueil de compagnes et compagnons, récupération et vente "
        "d'objets de seconde main (meubles, électroménager, vaisselle, vêtements).",
        reseaux=("emmaus", "ressourceries"),
        horaires="We,Sa 09:30-12:00,14:00-17:30",
        partenaire="associations-82",
        domaine="emmaus-bressols",
    )
    service(
        "emmaus-bressols",
        "emmaus-meubles-electromenager",
        "Meubles, électroménager et vêtements d'occasion à petits prix",
        "Pour s'équiper lors d'une entrée dans un logement : lits, armoires, tables, "
        "réfrigérateurs et machines à laver testés, vaisselle, linge, vêtements. Ventes le "
        "mercredi et le samedi. Sur bon d'un travailleur social, Emmaüs peut constituer un "
        "lot d'équipement à tarif solidaire et le livrer.",
        them=("equipement-et-alimentation", "logement-hebergement"),
        di=("electromenager", "habillement", "louer"),
        type_="aide-materielle",
        publics=("tous-publics",),
        frais="payant",
        frais_precisions="Prix d'occasion ; remise sur bon d'un travailleur social ; "
        "livraison 15 euros.",
        zone="82",
        mob=("se-presenter",),
        mob_precisions="Ventes ouvertes à tous ; le bon solidaire est envoyé par le "
        "travailleur social.",
        mots=("meubles", "frigo", "machine à laver", "électroménager", "occasion"),
    )
    service(
        "emmaus-bressols",
        "emmaus-accueil-compagnons",
        "Accueil de compagnons : un toit, un travail, une communauté",
        "La communauté accueille sans condition des personnes en grande difficulté, seules, "
        "sans logement : hébergement, repas, pécule, participation aux activités de "
        "récupération et de vente. Un accompagnement vers les droits et la santé est proposé. "
        "Il est possible de rester quelques semaines ou plusieurs années.",
        them=("hebergement-urgence", "remobilisation"),
        di=("hebergement", "lien-social"),
        type_="accompagnement",
        publics=("personnes-en-situation-durgence",),
        publics_precisions="Adultes seuls, sans enfant ni animal.",
        conditions="Entretien préalable avec le responsable de la communauté.",
        zone="82",
        mob=("telephoner",),
        mob_precisions="Téléphoner au responsable ; une orientation par le SIAO est possible.",
        mots=("Emmaüs", "compagnon", "hébergement", "sans abri", "communauté"),
    )

    epiceries = [
        ("Montauban", "Épicerie sociale L'Épi'Sol", "epicerie-episol-montauban"),
        ("Castelsarrasin", "Épicerie solidaire Le Panier Garonne", "epicerie-castelsarrasin"),
        ("Moissac", "Épicerie solidaire du Chasselas", "epicerie-moissac"),
        ("Caussade", "Épicerie solidaire La Musette", "epicerie-caussade"),
        ("Nègrepelisse", "Épicerie solidaire L'Aveyronnaise", "epicerie-negrepelisse"),
        ("Valence", "Épicerie solidaire Deux Rives", "epicerie-valence"),
        ("Beaumont-de-Lomagne", "Épicerie solidaire Lomagne Partage", "epicerie-beaumont"),
        ("Lauzerte", "Épicerie solidaire du Pays de Serres", "epicerie-lauzerte"),
        ("Montech", "Épicerie solidaire Le Cabas du canal", "epicerie-montech"),
        ("Grisolles", "Épicerie solidaire Grand Sud", "epicerie-grisolles"),
        ("Saint-Antonin-Noble-Val", "Épicerie solidaire des Gorges", "epicerie-saint-antonin"),
    ]
    ateliers = {"Montauban", "Moissac", "Montech"}
    for ville, nom, key in epiceries:
        structure(
            key,
            nom,
            ville,
            f"Épicerie solidaire associative à {ville} : produits alimentaires et d'hygiène à "
            "10 à 30 % de leur prix, pour une durée limitée, avec un projet défini avec la "
            "famille.",
            reseaux=(),
            horaires=pick(
                "Tu,Th 14:00-18:00",
                "Mo,We,Fr 14:00-17:30",
                "Tu 09:00-12:00; Fr 14:00-17:00",
                "We 14:00-18:00; Sa 09:00-12:00",
            ),
            partenaire="associations-82",
            domaine=key,
            site=False,
        )
        service(
            key,
            f"{key}-acces",
            f"{nom} - accès à l'épicerie solidaire",
            pick(
                f"L'épicerie solidaire de {ville} permet aux ménages aux revenus modestes de "
                "faire leurs courses en choisissant leurs produits, à 10 à 30 % du prix "
                "habituel. L'accès est accordé pour trois à six mois sur orientation d'un "
                "travailleur social, avec un objectif : payer une dette, financer le permis, "
                "équilibrer son budget.",
                f"À {ville}, l'épicerie solidaire propose fruits et légumes, produits frais, "
                "épicerie et hygiène à petit prix. Les économies réalisées servent un projet "
                "(régler un impayé, acheter un équipement, préparer un déménagement). "
                "L'orientation se fait par l'assistante sociale, le CCAS ou la Mission "
                "Locale.",
            ),
            them=("equipement-et-alimentation", "difficultes-financieres"),
            di=("alimentation", "gestion-budget"),
            type_="aide-materielle",
            publics=("tous-publics",),
            publics_precisions="Ménages dont le reste à vivre quotidien est inférieur au "
            "seuil fixé par l'épicerie.",
            conditions="Fiche d'orientation d'un travailleur social, justificatifs de "
            "ressources et de charges.",
            frais="payant",
            frais_precisions="Produits vendus entre 10 et 30 % de leur prix en magasin.",
            zone="epci",
            mob=("envoyer-un-courriel",),
            par=("professionnels",),
            mob_precisions="Fiche de prescription à envoyer par mail par le travailleur "
            "social ; réponse de la commission sous 8 jours.",
            mots=("épicerie solidaire", "épicerie sociale", "courses", "manger", "budget"),
        )
        if ville in ateliers:
            service(
                key,
                f"{key}-ateliers",
                f"Ateliers budget, cuisine et bien-être - {nom}",
                f"L'épicerie solidaire de {ville} anime chaque mois des ateliers ouverts aux "
                "adhérents : cuisiner de saison, lire ses factures, réduire ses dépenses "
                "d'énergie, prendre soin de soi. Des moments conviviaux pour rompre "
                "l'isolement et échanger des astuces entre familles.",
                them=("difficultes-financieres", "remobilisation"),
                di=("gestion-budget", "lien-social", "confiance"),
                type_="atelier",
                publics=("tous-publics",),
                conditions="Être adhérent de l'épicerie.",
                zone="epci",
                mob=("se-presenter",),
                mob_precisions="Inscription à l'épicerie.",
                mots=("atelier", "budget", "cuisine", "convivialité", "énergie"),
            )


# --------------------------------------------------------------------------------------------
# Mobilité
# --------------------------------------------------------------------------------------------
def build_mobilite() -> None:
    structure(
        "auto-ecole-solidaire-route-82",
        "Auto-école solidaire Route 82",
        "Montauban",
        "Auto-école associative à vocation sociale : préparation au code et à la conduite "
        "pour des personnes qui ont besoin du permis pour travailler et pour qui une "
        "auto-école classique ne convient pas (coût, difficultés d'apprentissage, langue).",
        reseaux=(),
        horaires="Mo-Fr 09:00-12:00,13:30-18:00",
        partenaire="associations-82",
        domaine="route-82",
    )
    service(
        "auto-ecole-solidaire-route-82",
        "route-82-permis-b",
        "Permis de conduire B accompagné (auto-école sociale)",
        "Un parcours de 9 à 12 mois vers le permis de conduire : code en petit groupe avec "
        "des supports adaptés, leçons de conduite à un rythme progressif, soutien en cas de "
        "stress ou d'échec à l'examen. Le coût est réduit grâce aux financements du "
        "Département, de France Travail et de la Région ; reste à charge calculé selon les "
        "ressources.",
        them=("mobilite",),
        di=("permis", "financer-mobilite"),
        type_="formation",
        publics=("demandeurs-emploi", "beneficiaires-des-minimas-sociaux", "jeunes"),
        publics_precisions="Personnes en insertion pour qui le permis est indispensable à un "
        "projet d'emploi.",
        conditions="Prescription d'un référent (MDS, France Travail, Mission Locale, SIAE) ; "
        "avoir un projet professionnel ; test d'entrée.",
        frais="payant",
        frais_precisions="Reste à charge de 100 à 400 euros selon les ressources, payable en "
        "plusieurs fois.",
        zone="82",
        mob=("envoyer-un-courriel",),
        par=("professionnels",),
        mob_precisions="Fiche de prescription à envoyer par mail ; information collective "
        "chaque premier lundi du mois.",
        mots=("auto-école sociale", "permis de conduire", "permis B", "conduite", "code"),
        courriel="prescription",
    )
    service(
        "auto-ecole-solidaire-route-82",
        "route-82-code-fle",
        "Code de la route pour les personnes qui lisent peu le français",
        "Des séances de code de la route adaptées aux personnes qui apprennent le français "
        "ou qui ont des difficultés de lecture : vocabulaire de la route, images, "
        "explications orales, entraînement sur tablette. Préparation à l'examen du code "
        "jusqu'à la réussite.",
        them=("mobilite", "lecture-ecriture-calcul"),
        di=("permis", "francais"),
        type_="formation",
        publics=("personnes-exilees", "demandeurs-emploi", "beneficiaires-des-minimas-sociaux"),
        conditions="Niveau de français oral A1 minimum ; prescription d'un référent.",
        frais="payant",
        frais_precisions="20 euros d'inscription ; frais d'examen du code pris en charge "
        "selon les ressources.",
        zone="82",
        mob=("envoyer-un-courriel",),
        par=("professionnels",),
        mob_precisions="Fiche de prescription à envoyer par mail.",
        mots=("code de la route", "FLE", "illettrisme", "permis", "examen"),
        courriel="prescription",
        horaires="Tu,Th 14:00-16:30",
    )
    service(
        "auto-ecole-solidaire-route-82",
        "route-82-castelsarrasin",
        "Auto-école sociale : leçons de conduite à Castelsarrasin",
        "L'auto-école solidaire Route 82 propose des leçons de conduite et des séances de "
        "code à Castelsarrasin pour les personnes du territoire Castelsarrasin-Moissac, avec "
        "les mêmes conditions qu'à Montauban : parcours adapté, coût réduit, accompagnement "
        "jusqu'au permis de conduire.",
        them=("mobilite",),
        di=("permis",),
        type_="formation",
        publics=("demandeurs-emploi", "beneficiaires-des-minimas-sociaux", "jeunes"),
        conditions="Prescription d'un référent ; projet professionnel.",
        frais="payant",
        frais_precisions="Reste à charge selon les ressources.",
        zone="territoire",
        mob=("envoyer-un-courriel",),
        par=("professionnels",),
        mob_precisions="Fiche de prescription à envoyer par mail à Route 82.",
        mots=("auto-école sociale", "permis de conduire", "leçons de conduite"),
        ville="Castelsarrasin",
        courriel="prescription",
        horaires="Mo,We 09:00-17:00",
    )

    garages = [
        ("Montauban", "garage-solidaire-coup-de-pouce", "Garage solidaire Coup de Pouce"),
        ("Castelsarrasin", "garage-mecanique-solidaire", "Garage associatif Mécanique Solidaire"),
    ]
    for ville, key, nom in garages:
        structure(
            key,
            nom,
            ville,
            f"Garage solidaire à {ville} : entretien et réparation de véhicules à prix "
            "réduit pour les personnes en insertion, vente de voitures d'occasion révisées. "
            "Les mécaniciens encadrent des salariés en insertion.",
            reseaux=("aci",) if ville == "Montauban" else (),
            horaires="Mo-Fr 08:00-12:00,13:30-17:30",
            partenaire="associations-82",
            domaine=key,
        )
        service(
            key,
            f"{key}-reparation",
            f"Réparation et entretien de voiture à prix solidaire - {ville}",
            pick(
                "Vidange, freins, pneus, contrôle technique, embrayage : le garage solidaire "
                "répare les voitures et scooters des personnes aux revenus modestes en ne "
                "faisant payer que les pièces et une main-d'œuvre réduite. Devis gratuit. "
                "Les pièces de réemploi sont privilégiées pour baisser la facture.",
                "Pour ne pas perdre son emploi ou sa formation à cause d'une panne : "
                "diagnostic gratuit, réparation avec pièces d'occasion ou neuves au prix "
                "coûtant, main-d'œuvre à tarif solidaire. Possibilité de prêter un véhicule "
                "pendant la réparation.",
            ),
            them=("mobilite",),
            di=("reparer",),
            type_="aide-materielle",
            publics=(
                "demandeurs-emploi",
                "beneficiaires-des-minimas-sociaux",
                "actifs",
            ),
            publics_precisions="Personnes dont les ressources sont inférieures au plafond "
            "fixé par le garage (sur justificatif).",
            conditions="Justificatif de ressources ou orientation d'un travailleur social ; "
            "carte grise au nom de la personne.",
            frais="payant",
            frais_precisions="Main-d'œuvre à 25 euros de l'heure ; pièces au prix coûtant.",
            zone="territoire",
            mob=("telephoner", "se-presenter"),
            mob_precisions="Téléphoner pour un diagnostic ; joindre le justificatif de "
            "ressources ou la fiche d'orientation.",
            mots=("garage solidaire", "voiture", "panne", "réparation", "contrôle technique"),
        )
        service(
            key,
            f"{key}-vente",
            f"Vente de voitures d'occasion révisées - {ville}",
            f"Le garage solidaire de {ville} vend des véhicules d'occasion révisés et "
            "garantis trois mois, à prix modéré, aux personnes qui ont besoin d'une voiture "
            "pour travailler. Conseils pour l'assurance et le financement (microcrédit "
            "personnel, aides de France Travail).",
            them=("mobilite",),
            di=("vehicule", "financer-mobilite"),
            type_="aide-materielle",
            publics=("demandeurs-emploi", "beneficiaires-des-minimas-sociaux", "actifs"),
            conditions="Permis de conduire valide ; justificatif de projet professionnel.",
            frais="payant",
            frais_precisions="Véhicules de 1 500 à 4 000 euros.",
            zone="82",
            mob=("telephoner",),
            mob_precisions="Appeler le garage pour connaître les véhicules disponibles.",
            mots=("voiture", "achat voiture", "occasion", "véhicule", "garage solidaire"),
        )

    structure(
        "mobil-emploi-82",
        "Plateforme mobilité Mobil'Emploi 82",
        "Montauban",
        "Plateforme départementale de mobilité inclusive : diagnostic mobilité, location "
        "solidaire de scooters, voitures et vélos électriques, apprentissage des transports "
        "en commun, orientation vers les aides au permis.",
        reseaux=(),
        horaires="Mo-Fr 09:00-12:30,13:30-17:00",
        partenaire="associations-82",
        domaine="mobil-emploi-82",
    )
    plat = [
        (
            "mobil-emploi-bilan",
            "Bilan mobilité et conseil en mobilité",
            "Un conseiller mobilité fait le point avec la personne : trajets à faire, "
            "horaires, budget, permis, peur de conduire ou de prendre le bus. Il construit un "
            "plan d'action (transport à la demande, covoiturage, location, aide au permis) et "
            "l'accompagne jusqu'à une solution durable pour aller travailler ou se former.",
            ("parcours-mobilite",),
            "accompagnement",
            None,
            None,
            ("mobilité", "transport", "se déplacer", "bilan mobilité", "covoiturage"),
            None,
        ),
        (
            "mobil-emploi-location",
            "Location solidaire de scooters et de voitures",
            "Pour une reprise d'emploi, une formation ou un stage sans solution de transport, "
            "la plateforme loue des scooters 50 cm3 (casque fourni) et des petites voitures "
            "pour une durée d'un à six mois, le temps de trouver une solution durable. Tarif "
            "solidaire, assurance comprise.",
            ("vehicule",),
            "aide-materielle",
            "payant",
            "Scooter : 2 euros par jour ; voiture : 6 euros par jour ; caution de 100 euros.",
            ("location de scooter", "location voiture", "scooter", "voiture", "véhicule"),
            None,
        ),
        (
            "mobil-emploi-velos",
            "Vélos à assistance électrique en location longue durée",
            "Location de vélos électriques au mois avec antivol, casque et entretien compris, "
            "pour les trajets domicile-travail jusqu'à 15 km. Une séance de remise en selle "
            "et de sécurité routière est proposée au départ.",
            ("mobilite-douce",),
            "aide-materielle",
            "payant",
            "15 euros par mois, caution de 150 euros encaissable en plusieurs fois.",
            ("vélo électrique", "vélo", "location", "trajet"),
            None,
        ),
        (
            "mobil-emploi-caussade",
            "Permanence mobilité à Caussade",
            "Le conseiller de Mobil'Emploi 82 reçoit à Caussade les personnes du Quercy "
            "Caussadais et du Quercy Rouergue : bilan mobilité, mise à disposition d'un "
            "scooter ou d'une voiture, inscription au transport à la demande, aides au "
            "permis. Évite le déplacement jusqu'à Montauban.",
            ("parcours-mobilite", "vehicule"),
            "accompagnement",
            None,
            None,
            ("mobilité", "scooter", "transport", "permanence"),
            "Caussade",
        ),
        (
            "mobil-emploi-valence",
            "Permanence mobilité à Valence",
            "Chaque mois, une permanence de la plateforme mobilité à Valence pour les "
            "habitants des Deux Rives et de la Lomagne : conseil en mobilité, location "
            "solidaire de scooters et de voitures, apprentissage du trajet en train vers "
            "Agen ou Montauban.",
            ("parcours-mobilite", "mobilite-douce"),
            "accompagnement",
            None,
            None,
            ("mobilité", "train", "scooter", "permanence"),
            "Valence",
        ),
    ]
    for slug, nom, desc, di, type_, frais, fp, mots, ville in plat:
        service(
            "mobil-emploi-82",
            slug,
            nom,
            desc,
            them=("mobilite",),
            di=di,
            type_=type_,
            publics=("demandeurs-emploi", "beneficiaires-des-minimas-sociaux", "jeunes"),
            publics_precisions="Personnes en parcours d'insertion (emploi, formation, stage).",
            conditions="Prescription d'un référent (France Travail, MDS, Mission Locale, "
            "SIAE, Cap emploi).",
            frais=frais or "gratuit",
            frais_precisions=fp,
            zone="82" if ville is None else "territoire",
            mob=("envoyer-un-courriel",),
            par=("professionnels",),
            mob_precisions="Fiche de prescription à envoyer par mail ; la plateforme "
            "rappelle la personne sous une semaine.",
            mots=mots,
            ville=ville,
            adresse="France Services, salle de réunion" if ville == "Valence" else None,
            horaires=f"{rng.choice(WEEKDAYS)}[1,3] 09:00-12:00" if ville else None,
            courriel="prescription",
        )

    tad = [
        ("Montauban", "tad-grand-montauban", "Montauban Agglo Mobilités", "Grand Montauban"),
        ("Caussade", "tad-quercy-caussadais", "Quercy Caussadais Mobilité", "Quercy Caussadais"),
        (
            "Grisolles",
            "tad-grand-sud",
            "Grand Sud Tarn-et-Garonne - service transport",
            "Grand Sud Tarn-et-Garonne",
        ),
        (
            "Beaumont-de-Lomagne",
            "tad-lomagne",
            "Lomagne Transport à la demande",
            "Lomagne tarn-et-garonnaise",
        ),
        (
            "Castelsarrasin",
            "tad-terres-des-confluences",
            "Terres des Confluences Mobilité",
            "Terres des Confluences",
        ),
    ]
    for ville, key, nom, territoire_nom in tad:
        structure(
            key,
            nom,
            ville,
            f"Service transport de l'intercommunalité {territoire_nom} : transport à la "
            "demande, navettes vers les marchés et les gares.",
            reseaux=(),
            horaires="Mo-Fr 08:30-12:00,13:30-17:00",
            domaine=key,
            site=True,
        )
        service(
            key,
            f"{key}-service",
            f"Transport à la demande - {territoire_nom}",
            pick(
                f"Le transport à la demande de {territoire_nom} vient chercher les habitants "
                "à leur domicile ou à un point d'arrêt et les conduit vers le bourg-centre, "
                "la gare, un rendez-vous médical ou administratif. Réservation la veille "
                "avant 17 h. Tarif unique par trajet, gratuit pour les accompagnants des "
                "personnes handicapées.",
                f"Minibus sur réservation dans les communes de {territoire_nom} : aller au "
                "marché, à France Travail, chez le médecin ou à la gare, du lundi au "
                "samedi. Le trajet se réserve par téléphone au plus tard la veille. Tarif "
                "réduit pour les demandeurs d'emploi et les bénéficiaires du RSA.",
            ),
            them=("mobilite",),
            di=("mobilite-douce",),
            type_="aide-materielle",
            publics=("tous-publics",),
            conditions="Réserver la veille avant 17 h ; avoir un titre de transport.",
            frais="payant",
            frais_precisions="2 euros le trajet, 1 euro en tarif solidaire (RSA, demandeurs "
            "d'emploi).",
            zone="epci",
            mob=("telephoner",),
            mob_precisions="Réservation par téléphone du lundi au vendredi.",
            mots=("TAD", "transport à la demande", "bus", "navette", "transport"),
            horaires="Mo-Sa 07:00-19:00",
        )

    structure(
        "covoit-solidaire-quercy",
        "Association Covoit'Solidaire Quercy",
        "Monclar-de-Quercy",
        "Association de chauffeurs bénévoles qui conduisent les personnes sans voiture à "
        "leurs rendez-vous dans le Quercy Vert et le Tescou.",
        reseaux=(),
        horaires="Mo-Fr 09:00-12:00",
        partenaire="associations-82",
        domaine="covoit-solidaire-quercy",
        site=False,
    )
    service(
        "covoit-solidaire-quercy",
        "covoit-solidaire-transport",
        "Transport solidaire par des chauffeurs bénévoles",
        "Des bénévoles utilisent leur voiture pour conduire les personnes isolées ou sans "
        "véhicule à un rendez-vous médical, un entretien d'embauche, France Travail, la "
        "MDS ou les courses. Le passager participe aux frais kilométriques. Réserver au moins "
        "48 heures à l'avance.",
        them=("mobilite", "remobilisation"),
        di=("mobilite-douce", "lien-social"),
        type_="aide-materielle",
        publics=("tous-publics",),
        conditions="Adhésion annuelle à l'association.",
        frais="payant",
        frais_precisions="Adhésion 5 euros par an et 0,35 euro par kilomètre.",
        zone="epci",
        mob=("telephoner",),
        mob_precisions="Téléphoner le matin au moins 48 heures avant le déplacement.",
        mots=("covoiturage", "transport solidaire", "chauffeur bénévole", "voiture"),
    )
    service(
        "mds-montauban",
        "cd82-aide-permis-rsa",
        "Aide départementale au permis de conduire des bénéficiaires du RSA",
        "Le Département finance une partie du permis de conduire B des bénéficiaires du RSA "
        "engagés dans un parcours d'insertion, lorsque le permis est nécessaire à un emploi "
        "ou à une formation. L'aide est versée directement à l'auto-école ; le référent "
        "RSA monte le dossier avec la personne.",
        them=("mobilite",),
        di=("financer-mobilite", "permis"),
        type_="aide-financiere",
        publics=("beneficiaires-des-minimas-sociaux",),
        publics_precisions="Bénéficiaires du RSA du Tarn-et-Garonne.",
        conditions="Contrat d'engagement en cours ; devis d'auto-école ; code obtenu ou en cours.",
        zone="82",
        mob=("envoyer-un-courriel",),
        par=("professionnels",),
        mob_precisions="Dossier transmis par mail par le référent RSA au service insertion "
        "du Département.",
        mots=("permis de conduire", "RSA", "aide au permis", "auto-école", "financement"),
        courriel="insertion",
    )


# --------------------------------------------------------------------------------------------
# Santé, santé mentale, addictions
# --------------------------------------------------------------------------------------------
def build_sante() -> None:
    pass_sites = [
        ("Montauban", "pass-ch-montauban", "PASS - Centre hospitalier de Montauban"),
        ("Moissac", "pass-chi-moissac", "PASS - Centre hospitalier de Castelsarrasin-Moissac"),
    ]
    for ville, key, nom in pass_sites:
        structure(
            key,
            nom,
            ville,
            "Permanence d'accès aux soins de santé de l'hôpital : consultations médicales, "
            "soins infirmiers et accompagnement social pour les personnes sans couverture "
            "maladie ou en difficulté pour se soigner.",
            reseaux=(),
            horaires="Mo-Fr 09:00-12:30,13:30-16:30",
            domaine=key,
            site=False,
        )
        service(
            key,
            f"{key}-consultations",
            f"Permanence d'accès aux soins de santé (PASS) - {ville}",
            pick(
                "La PASS reçoit les personnes qui ont besoin de soins mais n'ont pas de "
                "couverture maladie, pas de complémentaire, pas de médecin traitant, ou "
                "dont les droits sont coupés : consultation médicale, médicaments délivrés "
                "par la pharmacie de l'hôpital, soins infirmiers. L'assistante sociale de la "
                "PASS ouvre les droits (PUMa, complémentaire santé solidaire, aide médicale de "
                "l'État).",
                f"À l'hôpital de {ville}, la PASS assure des consultations gratuites de "
                "médecine générale et un accompagnement social pour les personnes en "
                "précarité, sans papiers ou sans couverture sociale. Interprétariat "
                "téléphonique possible. Le but est de soigner tout de suite et de faire "
                "revenir la personne dans le droit commun.",
            ),
            them=("sante", "difficultes-administratives-ou-juridiques"),
            di=("soins", "acces-droits"),
            type_="accompagnement",
            publics=("personnes-en-situation-durgence", "personnes-exilees"),
            publics_precisions="Personnes sans couverture maladie ou en situation de précarité.",
            conditions="Aucune condition ; apporter les papiers dont on dispose.",
            zone="territoire" if ville == "Moissac" else "82",
            mob=("se-presenter", "telephoner"),
            mob_precisions="Se présenter à l'accueil des urgences ou de la PASS en semaine ; "
            "les professionnels peuvent appeler l'assistante sociale de la PASS.",
            mots=("PASS", "soins gratuits", "médecin", "sans papiers", "AME", "sans mutuelle"),
        )

    structure(
        "centre-sante-sexuelle-82",
        "Centre de santé sexuelle de Tarn-et-Garonne",
        "Montauban",
        "Centre de santé sexuelle (planification familiale et CeGIDD) : contraception, "
        "dépistage des infections sexuellement transmissibles, IVG, écoute, violences.",
        reseaux=(),
        horaires="Mo,We 13:00-18:00; Tu,Th 09:00-12:30; Fr 13:00-17:00",
        domaine="sante-sexuelle-82",
    )
    service(
        "centre-sante-sexuelle-82",
        "sante-sexuelle-consultations",
        "Contraception, dépistage et IVG : consultations gratuites",
        "Consultations gratuites et confidentielles avec une sage-femme, un médecin ou une "
        "conseillère conjugale : contraception (y compris d'urgence), dépistage du VIH, des "
        "hépatites et des IST, tests de grossesse, information et accompagnement pour une "
        "IVG. Anonyme pour les mineures. Écoute en cas de violences sexuelles.",
        them=("sante",),
        di=("sante-sexuelle", "soins"),
        type_="accompagnement",
        publics=("tous-publics",),
        zone="82",
        mob=("se-presenter", "telephoner"),
        mob_precisions="Avec ou sans rendez-vous aux heures de consultation.",
        mots=("contraception", "IVG", "dépistage", "IST", "VIH", "planning familial"),
    )
    service(
        "centre-sante-sexuelle-82",
        "sante-sexuelle-castelsarrasin",
        "Consultations de santé sexuelle à Castelsarrasin",
        "Une sage-femme et une conseillère du centre de santé sexuelle tiennent une "
        "consultation avancée à Castelsarrasin : contraception, dépistage, grossesse non "
        "prévue, questions sur la vie affective et sexuelle. Gratuit et confidentiel, "
        "notamment pour les jeunes.",
        them=("sante",),
        di=("sante-sexuelle",),
        type_="accompagnement",
        publics=("jeunes", "femmes"),
        zone="territoire",
        mob=("telephoner",),
        mob_precisions="Sur rendez-vous au numéro du centre.",
        mots=("contraception", "planning familial", "dépistage", "grossesse"),
        ville="Castelsarrasin",
        adresse="Centre médico-social, 2e étage",
        horaires="We 13:30-17:00",
    )

    structure(
        "sante-quartiers-82",
        "Association Santé Quartiers 82",
        "Montauban",
        "Médiation en santé dans les quartiers prioritaires de Montauban : aller vers les "
        "habitants éloignés du soin, les accompagner dans leurs démarches de santé.",
        reseaux=(),
        horaires="Mo-Fr 09:00-12:30,14:00-17:00",
        partenaire="associations-82",
        domaine="sante-quartiers-82",
        site=False,
    )
    service(
        "sante-quartiers-82",
        "mediation-sante-quartiers",
        "Médiatrice santé dans les quartiers prioritaires",
        "Une médiatrice santé va à la rencontre des habitants des quartiers prioritaires "
        "de Montauban (marchés, écoles, centres sociaux) et les accompagne pour trouver un "
        "médecin traitant, ouvrir leurs droits à la complémentaire santé solidaire, prendre "
        "un rendez-vous de dépistage ou de vaccination, comprendre un parcours de soins. "
        "Elle peut accompagner physiquement au premier rendez-vous.",
        them=("sante",),
        di=("soins",),
        type_="accompagnement",
        publics=("residents-qpv-frr", "personnes-exilees", "familles"),
        zone="commune",
        mob=("telephoner", "se-presenter"),
        mob_precisions="Appeler la médiatrice ou la rencontrer au centre social le jeudi matin.",
        mots=("médiatrice santé", "médecin traitant", "vaccination", "quartier", "QPV"),
    )
    structure(
        "centre-dentaire-montauban",
        "Centre de santé dentaire mutualiste de Montauban",
        "Montauban",
        "Centre de santé dentaire : soins, prothèses et orthodontie en tiers payant, "
        "tarifs sans dépassement d'honoraires.",
        reseaux=(),
        horaires="Mo-Fr 08:30-12:30,13:30-19:00",
        partenaire="cpam-82",
        domaine="dentaire-montauban",
    )
    service(
        "centre-dentaire-montauban",
        "dentaire-soins-tiers-payant",
        "Soins dentaires en tiers payant sans dépassement",
        "Le centre de santé dentaire accepte de nouveaux patients, y compris les personnes "
        "bénéficiaires de la complémentaire santé solidaire, sans avance de frais : "
        "détartrage, caries, extractions, prothèses du panier 100 % santé. Urgences "
        "dentaires reçues chaque matin. Devis expliqué et plan de soins étalé si besoin.",
        them=("sante",),
        di=("soins",),
        type_="accompagnement",
        publics=("tous-publics",),
        frais="payant",
        frais_precisions="Tarifs conventionnés sans dépassement ; tiers payant intégral avec "
        "la complémentaire santé solidaire.",
        conditions="Carte Vitale et attestation de complémentaire.",
        zone="82",
        mob=("telephoner",),
        mob_precisions="Rendez-vous par téléphone ; urgences sans rendez-vous de 8 h 30 à 10 h.",
        mots=("dentiste", "dents", "soins dentaires", "urgence dentaire", "prothèse"),
    )

    # Santé mentale
    cmp = [
        ("Montauban", "cmp-adultes-montauban", "CMP adultes de Montauban"),
        ("Castelsarrasin", "cmp-adultes-castelsarrasin", "CMP adultes de Castelsarrasin"),
        ("Caussade", "cmp-adultes-caussade", "CMP adultes de Caussade"),
        ("Valence", "cmp-adultes-valence", "CMP adultes de Valence"),
        ("Moissac", "cmp-adultes-moissac", "CMP adultes de Moissac"),
    ]
    for ville, key, nom in cmp:
        structure(
            key,
            nom,
            ville,
            f"Centre médico-psychologique du secteur de psychiatrie adulte à {ville} : "
            "consultations de psychiatres, psychologues et infirmiers, gratuites, pour les "
            "adultes en souffrance psychique.",
            reseaux=("cmp",),
            horaires="Mo-Fr 09:00-17:00",
            domaine=key,
            site=False,
        )
        service(
            key,
            f"{key}-consultations",
            f"Consultations en santé mentale - {nom}",
            pick(
                "Le centre médico-psychologique accueille les adultes en souffrance "
                "psychique : anxiété, dépression, idées noires, troubles psychiatriques. "
                "Premier entretien avec un infirmier, puis suivi par un psychiatre ou un "
                "psychologue si besoin. Consultations gratuites, prises en charge par "
                "l'Assurance Maladie, sans avance de frais.",
                f"Au CMP de {ville}, une équipe de psychiatres, psychologues et infirmiers "
                "reçoit gratuitement les adultes du secteur qui traversent une crise ou "
                "vivent avec une maladie psychique. Entretiens, traitement, visites à "
                "domicile, lien avec le médecin traitant et les travailleurs sociaux.",
            ),
            them=("sante-mentale-addictions",),
            di=("sante-mentale",),
            type_="accompagnement",
            publics=("tous-publics",),
            publics_precisions="Adultes de plus de 16 ans du secteur psychiatrique.",
            conditions="Aucune ; lettre du médecin traitant appréciée.",
            zone="territoire",
            mob=("telephoner",),
            par=("usagers", "professionnels"),
            mob_precisions="La personne ou un professionnel appelle le secrétariat ; "
            "premier entretien infirmier sous deux semaines, plus vite en cas d'urgence.",
            mots=("CMP", "psychiatre", "psychologue", "psy", "dépression", "santé mentale"),
        )
    service(
        "cmp-adultes-montauban",
        "cmp-montauban-cattp",
        "Activités thérapeutiques en groupe (CATTP) - Montauban",
        "Le centre d'accueil thérapeutique à temps partiel propose aux personnes suivies en "
        "psychiatrie des ateliers en petits groupes : expression, cuisine, sport adapté, "
        "estime de soi, sorties culturelles. Objectif : retrouver un rythme, des liens et "
        "de l'autonomie au quotidien.",
        them=("sante-mentale-addictions", "remobilisation"),
        di=("sante-mentale", "confiance", "sport-culture"),
        type_="atelier",
        publics=("personnes-en-situation-de-handicap",),
        publics_precisions="Adultes suivis par le CMP de Montauban.",
        conditions="Indication du psychiatre du CMP.",
        zone="territoire",
        mob=("telephoner",),
        par=("professionnels",),
        mob_precisions="Sur indication de l'équipe soignante du CMP.",
        mots=("CATTP", "ateliers thérapeutiques", "psychiatrie", "groupe"),
    )
    structure(
        "cmpea-montauban",
        "CMP enfants et adolescents de Montauban",
        "Montauban",
        "Centre médico-psychologique de pédopsychiatrie : consultations pour les enfants et "
        "les adolescents jusqu'à 18 ans et leurs parents.",
        reseaux=("cmp",),
        horaires="Mo-Fr 09:00-18:00",
        domaine="cmpea-montauban",
        site=False,
    )
    service(
        "cmpea-montauban",
        "cmpea-consultations",
        "Consultations pour enfants et adolescents en difficulté psychique",
        "Pédopsychiatres, psychologues, orthophonistes et psychomotriciens reçoivent les "
        "enfants et les adolescents présentant des troubles du comportement, des angoisses, "
        "un repli ou des difficultés scolaires liées à un mal-être. Les parents sont "
        "associés au suivi. Gratuit.",
        them=("sante-mentale-addictions", "famille"),
        di=("sante-mentale", "parentalite"),
        type_="accompagnement",
        publics=("familles", "jeunes"),
        publics_precisions="Enfants et adolescents de 0 à 18 ans et leurs parents.",
        zone="82",
        mob=("telephoner",),
        mob_precisions="Les parents appellent le secrétariat ; l'école, la PMI ou le "
        "médecin peuvent conseiller la démarche.",
        mots=("pédopsychiatre", "enfant", "adolescent", "psychologue", "comportement"),
    )
    structure(
        "empp-82",
        "Équipe mobile psychiatrie précarité (EMPP 82)",
        "Montauban",
        "Équipe infirmière et psychologue qui va au-devant des personnes en grande "
        "précarité présentant une souffrance psychique.",
        reseaux=(),
        horaires="Mo-Fr 09:00-17:00",
        domaine="empp-82",
        site=False,
    )
    service(
        "empp-82",
        "empp-maraudes",
        "Équipe mobile psychiatrie précarité : soins psychiques pour les sans-abri",
        "Des infirmiers et une psychologue rencontrent les personnes sans abri ou hébergées "
        "en urgence qui souffrent de troubles psychiques ou d'addictions, là où elles sont "
        "(rue, accueil de jour, CHRS). Ils créent un lien, évaluent, accompagnent vers le "
        "CMP ou l'hôpital et soutiennent les équipes sociales.",
        them=("sante-mentale-addictions", "hebergement-urgence"),
        di=("sante-mentale", "hebergement"),
        type_="accompagnement",
        publics=("personnes-en-situation-durgence",),
        zone="82",
        mob=("telephoner",),
        par=("professionnels",),
        mob_precisions="Signalement par téléphone par un travailleur social, une maraude ou "
        "le 115.",
        mots=("EMPP", "maraude", "sans abri", "psychiatrie", "précarité"),
    )
    structure(
        "csapa-relais-82",
        "CSAPA Le Relais 82",
        "Montauban",
        "Centre de soins, d'accompagnement et de prévention en addictologie : alcool, tabac, "
        "cannabis, drogues, médicaments, jeux d'argent et écrans.",
        reseaux=("csapa",),
        horaires="Mo-Fr 09:00-12:30,13:30-18:00",
        partenaire="associations-82",
        domaine="csapa-relais-82",
    )
    service(
        "csapa-relais-82",
        "csapa-consultations",
        "Consultations en addictologie : alcool, cannabis, drogues, jeux",
        "Le CSAPA reçoit gratuitement et de manière confidentielle les personnes qui veulent "
        "faire le point sur leur consommation d'alcool, de cannabis, de cocaïne, d'opiacés "
        "ou sur les jeux d'argent, ainsi que leur entourage. Médecin, psychologue, "
        "infirmier et éducateur : sevrage, traitement de substitution, soutien "
        "psychologique, accompagnement social.",
        them=("sante-mentale-addictions",),
        di=("addictions",),
        type_="accompagnement",
        publics=("tous-publics",),
        conditions="Aucune ; anonymat possible.",
        zone="82",
        mob=("telephoner", "se-presenter"),
        mob_precisions="Premier rendez-vous par téléphone ; accueil infirmier sans "
        "rendez-vous le lundi après-midi.",
        mots=("CSAPA", "alcool", "drogue", "cannabis", "addiction", "sevrage"),
    )
    service(
        "csapa-relais-82",
        "csapa-cjc",
        "Consultation jeunes consommateurs (CJC)",
        "Pour les jeunes de 12 à 25 ans qui s'interrogent sur leur consommation (cannabis, "
        "alcool, protoxyde d'azote, écrans, jeux vidéo) et pour leurs parents : entretiens "
        "gratuits et confidentiels avec un éducateur ou une psychologue, sans jugement. "
        "Consultations aussi à la Mission Locale et dans les lycées.",
        them=("sante-mentale-addictions", "famille"),
        di=("addictions", "parentalite"),
        type_="accompagnement",
        publics=("jeunes", "familles"),
        publics_precisions="Jeunes de 12 à 25 ans et leur entourage.",
        zone="82",
        mob=("telephoner",),
        mob_precisions="Rendez-vous par téléphone ; le jeune peut venir seul.",
        mots=("CJC", "cannabis", "jeunes", "écrans", "drogue"),
    )
    for ville in ("Castelsarrasin", "Caussade", "Valence"):
        jour = rng.choice(WEEKDAYS)
        service(
            "csapa-relais-82",
            f"csapa-consultation-avancee-{slugify(ville)}",
            f"Consultation avancée en addictologie à {ville}",
            f"Une infirmière et un psychologue du CSAPA reçoivent à {ville} le "
            f"{jour_fr(jour)} les personnes en difficulté avec l'alcool, le cannabis ou "
            "d'autres drogues, et leurs proches, pour éviter un déplacement à Montauban. "
            "Entretiens confidentiels et gratuits, orientation vers le sevrage ou le "
            "traitement de substitution.",
            them=("sante-mentale-addictions",),
            di=("addictions",),
            type_="accompagnement",
            publics=("tous-publics",),
            zone="territoire",
            mob=("telephoner",),
            mob_precisions="Sur rendez-vous au secrétariat du CSAPA.",
            mots=("CSAPA", "alcool", "addiction", "drogue", "permanence"),
            ville=ville,
            adresse="Maison de santé, salle de consultation 2",
            horaires=f"{jour} 13:30-17:30",
        )
    structure(
        "caarud-82",
        "CAARUD L'Escale 82",
        "Montauban",
        "Centre d'accueil et d'accompagnement à la réduction des risques pour usagers de "
        "drogues : accueil, matériel, soins, accès aux droits.",
        reseaux=("caarud",),
        horaires="Mo,Tu,Th,Fr 13:30-17:30; We 09:30-12:30",
        partenaire="associations-82",
        domaine="caarud-82",
        site=False,
    )
    service(
        "caarud-82",
        "caarud-accueil-rdr",
        "Accueil et réduction des risques pour les usagers de drogues",
        "Accueil anonyme et gratuit des personnes qui consomment des drogues : matériel "
        "stérile d'injection et d'inhalation, dépistage rapide du VIH et de l'hépatite C, "
        "naloxone, douche, laverie, café, aide pour les droits et l'hébergement. Pas "
        "d'obligation d'arrêter de consommer.",
        them=("sante-mentale-addictions", "sante"),
        di=("addictions", "soins"),
        type_="accompagnement",
        publics=("personnes-en-situation-durgence", "jeunes"),
        zone="82",
        mob=("se-presenter",),
        mob_precisions="Se présenter aux heures d'ouverture, sans rendez-vous.",
        mots=("CAARUD", "réduction des risques", "seringues", "drogue", "RDR"),
    )
    service(
        "caarud-82",
        "caarud-unite-mobile",
        "Unité mobile de réduction des risques en milieu rural",
        "Le camion du CAARUD passe chaque semaine à Moissac, Caussade et Nègrepelisse : "
        "matériel de réduction des risques, dépistages, écoute, orientation vers le CSAPA "
        "ou un médecin. Envoi postal de matériel possible pour les personnes isolées.",
        them=("sante-mentale-addictions",),
        di=("addictions",),
        type_="aide-materielle",
        publics=("tous-publics",),
        zone="82",
        mob=("telephoner",),
        mob_precisions="Appeler pour connaître les horaires de passage du camion.",
        mots=("CAARUD", "camion", "réduction des risques", "drogue", "rural"),
        ville="Moissac",
        adresse="Parking du boulevard (stationnement du camion)",
        horaires="Tu 14:00-17:00",
    )
    structure(
        "gem-envol-montauban",
        "GEM L'Envol",
        "Montauban",
        "Groupe d'entraide mutuelle : association d'adhérents vivant avec des troubles "
        "psychiques, qui organise des activités et des temps d'échange.",
        reseaux=(),
        horaires="Mo-Fr 13:30-18:00; Sa 14:00-18:00",
        partenaire="associations-82",
        domaine="gem-envol",
        site=False,
    )
    service(
        "gem-envol-montauban",
        "gem-envol-activites",
        "Groupe d'entraide mutuelle : rompre l'isolement",
        "Le GEM est un lieu d'accueil géré par et pour des personnes qui vivent avec un "
        "trouble psychique : café, jeux, ateliers créatifs, sorties, sport, groupes de "
        "parole. On y vient librement, sans obligation de soins, pour retrouver du lien "
        "social et de la confiance en soi.",
        them=("remobilisation", "sante-mentale-addictions"),
        di=("lien-social", "confiance", "sante-mentale"),
        type_="atelier",
        publics=("personnes-en-situation-de-handicap",),
        publics_precisions="Adultes vivant avec des troubles psychiques.",
        frais="payant",
        frais_precisions="Adhésion de 10 euros par an.",
        zone="epci",
        mob=("se-presenter",),
        mob_precisions="Venir aux heures d'ouverture pour un premier café.",
        mots=("GEM", "entraide", "isolement", "troubles psychiques", "loisirs"),
    )
    structure(
        "alcool-entraide-82",
        "Alcool Écoute Entraide 82",
        "Moissac",
        "Association d'anciens buveurs et de proches : écoute téléphonique, groupes de "
        "parole, accompagnement vers les soins.",
        reseaux=(),
        horaires="Th 18:00-20:00",
        partenaire="associations-82",
        domaine="alcool-entraide-82",
        site=False,
    )
    service(
        "alcool-entraide-82",
        "alcool-groupes-parole",
        "Groupes de parole alcool à Moissac et Montauban",
        "Des groupes de parole animés par d'anciens buveurs, pour les personnes qui "
        "veulent arrêter ou réduire l'alcool et pour leur famille. On peut venir sans "
        "s'inscrire, parler ou simplement écouter. Soutien entre pairs, en complément du "
        "suivi par le CSAPA ou le médecin.",
        them=("sante-mentale-addictions", "remobilisation"),
        di=("addictions", "lien-social"),
        type_="atelier",
        publics=("tous-publics",),
        zone="82",
        mob=("se-presenter", "telephoner"),
        mob_precisions="Se présenter le jeudi soir à Moissac ou le mardi soir à Montauban.",
        mots=("alcool", "groupe de parole", "entraide", "abstinence", "boire"),
        horaires="Th 18:00-20:00",
    )
    structure(
        "maison-ados-82",
        "Maison des adolescents de Tarn-et-Garonne",
        "Montauban",
        "Lieu d'accueil et d'écoute pour les jeunes de 11 à 25 ans et leurs parents.",
        reseaux=(),
        horaires="Mo,Tu,Th,Fr 13:00-18:00; We 10:00-18:00",
        partenaire="associations-82",
        domaine="mda-82",
    )
    service(
        "maison-ados-82",
        "mda-accueil-ecoute",
        "Accueil et écoute des adolescents et de leurs parents",
        "Un ado qui va mal, un conflit à la maison, du harcèlement, une question sur la "
        "santé ou la sexualité : les jeunes de 11 à 25 ans et leurs parents sont reçus "
        "gratuitement, sans rendez-vous, par des psychologues, infirmières et éducateurs. "
        "Écoute, conseils, orientation vers un soin si nécessaire.",
        them=("sante-mentale-addictions", "famille"),
        di=("sante-mentale", "parentalite"),
        type_="accompagnement",
        publics=("jeunes", "familles"),
        zone="82",
        accueil=("en-presentiel", "a-distance"),
        mob=("se-presenter", "telephoner"),
        mob_precisions="Sans rendez-vous aux heures d'ouverture ; également par téléphone.",
        mots=("adolescent", "ado", "harcèlement", "psychologue", "parents"),
    )
    service(
        "cpam-82",
        "cpam-mon-soutien-psy",
        "Séances de psychologue remboursées (Mon soutien psy)",
        "Dès 3 ans, toute personne en souffrance psychique légère à modérée peut consulter "
        "un psychologue conventionné, avec ou sans orientation du médecin : jusqu'à 12 "
        "séances par an remboursées par l'Assurance Maladie et la complémentaire santé. La "
        "CPAM communique la liste des psychologues partenaires du département.",
        them=("sante-mentale-addictions", "sante"),
        di=("sante-mentale", "soins"),
        type_="information",
        publics=("tous-publics",),
        conditions="Carte Vitale ; tiers payant pour les bénéficiaires de la complémentaire "
        "santé solidaire.",
        zone="82",
        accueil=("a-distance",),
        mob=("utiliser-lien-mobilisation", "telephoner"),
        mob_precisions="Trouver un psychologue partenaire sur ameli.fr ou appeler le 3646.",
        mots=("psychologue", "psy", "mon soutien psy", "séances remboursées"),
    )


# --------------------------------------------------------------------------------------------
# Hébergement d'urgence et logement
# --------------------------------------------------------------------------------------------
def build_hebergement_logement() -> None:
    structure(
        "siao-82",
        "SIAO de Tarn-et-Garonne (115)",
        "Montauban",
        "Service intégré d'accueil et d'orientation : gestion du 115, régulation des places "
        "d'hébergement d'urgence et d'insertion, orientation vers le logement accompagné.",
        reseaux=("siao",),
        horaires="24/7",
        partenaire="associations-82",
        domaine="siao-82",
        site=False,
    )
    service(
        "siao-82",
        "siao-115",
        "115 : hébergement d'urgence et mise à l'abri",
        "Le 115 est le numéro gratuit d'urgence pour les personnes sans abri ou sur le point "
        "de se retrouver à la rue, joignable 24 heures sur 24. L'écoutant évalue la situation "
        "et propose une place d'hébergement d'urgence, une nuit d'hôtel pour les familles ou "
        "le passage d'une maraude. Les professionnels peuvent aussi appeler pour signaler une "
        "personne à la rue.",
        them=("hebergement-urgence",),
        di=("hebergement",),
        type_="accompagnement",
        publics=("personnes-en-situation-durgence",),
        zone="82",
        accueil=("a-distance",),
        mob=("telephoner",),
        mob_precisions="Composer le 115 (gratuit, 24 h/24) ; rappeler chaque jour si aucune "
        "place n'est disponible.",
        mots=("115", "hébergement d'urgence", "SDF", "à la rue", "mise à l'abri", "sans abri"),
        horaires="24/7",
    )
    service(
        "siao-82",
        "siao-insertion",
        "Demande SIAO : hébergement d'insertion et logement accompagné",
        "Pour une place en CHRS, en pension de famille, en résidence sociale ou en logement "
        "accompagné, le travailleur social remplit avec la personne la demande SIAO "
        "(évaluation sociale). La commission d'orientation se réunit chaque semaine et "
        "propose la solution la plus adaptée selon les places disponibles.",
        them=("hebergement-urgence", "logement-hebergement"),
        di=("hebergement", "info-logement"),
        type_="accompagnement",
        publics=("personnes-en-situation-durgence", "familles"),
        conditions="Évaluation sociale récente ; pièce d'identité ; justificatifs de ressources.",
        zone="82",
        mob=("utiliser-lien-mobilisation", "envoyer-un-courriel"),
        par=("professionnels",),
        mob_precisions="Demande saisie par le travailleur social sur le logiciel SI-SIAO ou "
        "envoyée par mail au SIAO.",
        mots=("SIAO", "CHRS", "hébergement", "pension de famille", "logement accompagné"),
        courriel="orientation",
    )
    structure(
        "chrs-le-phare",
        "CHRS Le Phare",
        "Montauban",
        "Centre d'hébergement et de réinsertion sociale de 60 places (hommes, femmes, "
        "familles) : hébergement collectif et en appartements diffus, accompagnement social "
        "global.",
        reseaux=("chrs", "federation-des-acteurs-de-la-solidarite"),
        horaires="24/7",
        partenaire="associations-82",
        domaine="chrs-le-phare",
    )
    service(
        "chrs-le-phare",
        "chrs-phare-hebergement",
        "Hébergement et accompagnement vers le logement (CHRS)",
        "Le centre d'hébergement et de réinsertion sociale accueille des personnes et des "
        "familles sans logement pour plusieurs mois : chambre ou appartement, accompagnement "
        "par un travailleur social pour ouvrir les droits, se soigner, trouver un emploi ou "
        "une formation et accéder à un logement autonome. Participation aux frais selon les "
        "ressources.",
        them=("hebergement-urgence", "logement-hebergement"),
        di=("hebergement", "louer"),
        type_="accompagnement",
        publics=("personnes-en-situation-durgence",),
        frais="payant",
        frais_precisions="Participation de 10 % des ressources maximum.",
        conditions="Orientation par le SIAO.",
        zone="82",
        mob=("envoyer-un-courriel",),
        par=("professionnels",),
        mob_precisions="Uniquement sur orientation du SIAO (demande d'insertion).",
        mots=("CHRS", "hébergement", "réinsertion", "foyer", "sans logement"),
    )
    service(
        "chrs-le-phare",
        "chrs-phare-renfort-hivernal",
        "Places d'hébergement d'urgence du renfort hivernal",
        "Du 1er novembre au 31 mars, le Phare ouvre 20 places supplémentaires de mise à "
        "l'abri pour la nuit : lit, dîner, petit-déjeuner, douche. En période de grand froid, "
        "l'accueil est ouvert en journée. Accès uniquement par le 115.",
        them=("hebergement-urgence",),
        di=("hebergement",),
        type_="aide-materielle",
        publics=("personnes-en-situation-durgence",),
        zone="82",
        mob=("telephoner",),
        mob_precisions="Appeler le 115, qui attribue les places chaque jour à partir de 14 h.",
        mots=("plan grand froid", "hiver", "mise à l'abri", "115", "nuit"),
        horaires="Mo-Su 19:00-09:00",
    )
    structure(
        "accueil-de-jour-passerelle",
        "Accueil de jour La Passerelle",
        "Montauban",
        "Accueil de jour pour personnes sans domicile ou très précaires : repos, hygiène, "
        "repas, orientation.",
        reseaux=(),
        horaires="Mo-Fr 08:30-13:30; Sa 09:00-12:00",
        partenaire="associations-82",
        domaine="la-passerelle-82",
        site=False,
    )
    service(
        "accueil-de-jour-passerelle",
        "passerelle-accueil-jour",
        "Accueil de jour : café, douche, laverie et petit-déjeuner",
        "Un lieu pour se poser en journée quand on vit à la rue ou dans une grande "
        "précarité : café et petit-déjeuner, douches, machine à laver, bagagerie, recharge "
        "du téléphone, domiciliation postale. Des travailleurs sociaux sont présents pour "
        "aider à trouver un hébergement et ouvrir des droits ; une infirmière passe deux "
        "fois par semaine.",
        them=("hebergement-urgence", "equipement-et-alimentation"),
        di=("hebergement", "alimentation", "habillement"),
        type_="aide-materielle",
        publics=("personnes-en-situation-durgence",),
        conditions="Aucune ; animaux acceptés dans la cour.",
        zone="82",
        mob=("se-presenter",),
        mob_precisions="Se présenter librement aux heures d'ouverture.",
        mots=("accueil de jour", "douche", "SDF", "sans abri", "laverie", "petit-déjeuner"),
    )
    structure(
        "point-accueil-solidarite-moissac",
        "Point accueil solidarité de Moissac",
        "Moissac",
        "Accueil de jour associatif pour personnes sans domicile ou isolées du territoire "
        "Castelsarrasin-Moissac.",
        reseaux=(),
        horaires="Mo,Tu,Th,Fr 09:00-13:00",
        partenaire="associations-82",
        domaine="pas-moissac",
        site=False,
    )
    service(
        "point-accueil-solidarite-moissac",
        "pas-moissac-accueil-jour",
        "Accueil de jour et orientation des personnes sans domicile - Moissac",
        "Accueil inconditionnel le matin : café, collation, douche, consigne, accès au "
        "téléphone et à internet. Une travailleuse sociale aide à contacter le 115, à "
        "obtenir une domiciliation, à ouvrir les droits. Saisonniers agricoles sans "
        "logement et personnes de passage sont les bienvenus.",
        them=("hebergement-urgence",),
        di=("hebergement",),
        type_="aide-materielle",
        publics=("personnes-en-situation-durgence",),
        zone="territoire",
        mob=("se-presenter",),
        mob_precisions="Se présenter le matin, sans rendez-vous.",
        mots=("accueil de jour", "sans abri", "douche", "115", "saisonniers"),
    )
    structure(
        "abri-quercy-caussade",
        "Association Abri Quercy",
        "Caussade",
        "Association d'hébergement d'urgence et de logement temporaire sur le territoire "
        "Caussade-Nègrepelisse.",
        reseaux=("federation-des-acteurs-de-la-solidarite",),
        horaires="Mo-Fr 09:00-12:00,14:00-17:00",
        partenaire="associations-82",
        domaine="abri-quercy",
        site=False,
    )
    service(
        "abri-quercy-caussade",
        "abri-quercy-urgence",
        "Hébergement d'urgence et logements temporaires du Quercy",
        "Six places d'hébergement d'urgence et quatre logements temporaires (ALT) à "
        "Caussade et Nègrepelisse pour des personnes seules ou des familles qui perdent leur "
        "logement : séparation, expulsion, sinistre. Accompagnement social pendant le "
        "séjour pour préparer l'accès à un logement durable.",
        them=("hebergement-urgence",),
        di=("hebergement",),
        type_="aide-materielle",
        publics=("personnes-en-situation-durgence", "familles"),
        conditions="Orientation par le 115 ou le SIAO.",
        zone="territoire",
        mob=("telephoner",),
        par=("professionnels",),
        mob_precisions="Passer par le 115 (urgence) ou la demande SIAO (logement temporaire).",
        mots=("hébergement d'urgence", "ALT", "logement temporaire", "expulsion"),
    )
    pensions = [
        ("Montauban", "pension-famille-tilleuls", "Pension de famille Les Tilleuls"),
        ("Castelsarrasin", "maison-relais-garonne", "Maison relais Garonne"),
        ("Caussade", "pension-famille-quercy", "Pension de famille du Quercy"),
    ]
    for ville, key, nom in pensions:
        structure(
            key,
            nom,
            ville,
            f"Maison relais (pension de famille) à {ville} : logements individuels avec "
            "espaces collectifs et hôtes présents en journée.",
            reseaux=(),
            horaires="Mo-Fr 09:00-17:00",
            partenaire="associations-82",
            domaine=key,
            site=False,
        )
        service(
            key,
            f"{key}-logement",
            f"{nom} : logement durable avec présence d'hôtes",
            pick(
                "La pension de famille propose des studios meublés à des personnes seules, "
                "souvent après un long parcours de rue ou d'hébergement, qui ne peuvent pas "
                "vivre de façon isolée dans un logement classique. Pas de durée limitée. Des "
                "hôtes animent la vie collective (repas partagés, sorties) et aident au "
                "quotidien.",
                f"À {ville}, une maison relais de quinze logements pour des personnes isolées "
                "aux faibles ressources : chacun a son studio et paie une redevance réduite "
                "par l'APL, avec une salle commune, une cuisine partagée et deux hôtes "
                "présents en journée. Séjour sans limite de durée.",
            ),
            them=("hebergement-urgence", "logement-hebergement"),
            di=("hebergement", "louer"),
            type_="aide-materielle",
            publics=("personnes-en-situation-durgence",),
            frais="payant",
            frais_precisions="Redevance mensuelle de 350 à 420 euros, en grande partie "
            "couverte par l'APL.",
            conditions="Personne seule, autonome dans les actes de la vie quotidienne ; "
            "orientation SIAO.",
            zone="82",
            mob=("envoyer-un-courriel",),
            par=("professionnels",),
            mob_precisions="Demande SIAO insertion, puis visite et entretien de préadmission.",
            mots=("maison relais", "pension de famille", "studio", "logement adapté"),
        )
    structure(
        "fjt-montauban",
        "Résidence Habitat Jeunes de Montauban",
        "Montauban",
        "Foyer de jeunes travailleurs : 90 logements meublés pour les 16-30 ans en emploi, "
        "en formation ou en apprentissage.",
        reseaux=("residences-fjt",),
        horaires="Mo-Fr 09:00-19:00; Sa 10:00-13:00",
        partenaire="mission-locale-82",
        domaine="habitat-jeunes-montauban",
    )
    service(
        "fjt-montauban",
        "fjt-montauban-logement",
        "Logement meublé pour jeunes travailleurs et apprentis (FJT)",
        "Chambres et studios meublés du mois à deux ans, pour les jeunes de 16 à 30 ans qui "
        "commencent un emploi, un apprentissage, un stage ou une formation à Montauban. "
        "Redevance réduite par l'APL, restauration, animations, accompagnement vers un "
        "logement autonome.",
        them=("logement-hebergement",),
        di=("louer", "changer-logement"),
        type_="aide-materielle",
        publics=("jeunes",),
        publics_precisions="Jeunes de 16 à 30 ans.",
        frais="payant",
        frais_precisions="Redevance de 420 à 520 euros par mois avant APL.",
        conditions="Contrat de travail, d'apprentissage ou attestation de formation.",
        zone="82",
        mob=("telephoner", "utiliser-lien-mobilisation"),
        mob_precisions="Dossier de candidature en ligne ; entretien d'accueil.",
        mots=("FJT", "foyer jeunes travailleurs", "apprenti", "studio", "logement jeune"),
    )
    service(
        "croix-rouge-montauban",
        "croix-rouge-maraude",
        "Maraude de la Croix-Rouge à Montauban",
        "Trois soirs par semaine, une équipe de bénévoles va à la rencontre des personnes "
        "qui vivent à la rue à Montauban : boisson chaude, repas, duvet, échange et "
        "orientation vers le 115, l'accueil de jour ou la PASS. Les maraudes sont renforcées "
        "en hiver.",
        them=("hebergement-urgence", "equipement-et-alimentation"),
        di=("hebergement", "alimentation"),
        type_="aide-materielle",
        publics=("personnes-en-situation-durgence",),
        zone="commune",
        mob=("telephoner",),
        par=("professionnels", "usagers"),
        mob_precisions="Signaler une personne à la rue au 115, qui transmet à la maraude.",
        mots=("maraude", "sans abri", "SDF", "rue", "samu social"),
        horaires="Mo,We,Fr 19:30-23:00",
    )
    structure(
        "restaurant-solidaire-montauban",
        "Restaurant solidaire Le Bon Accueil",
        "Montauban",
        "Restaurant associatif qui sert un repas chaud le midi aux personnes en difficulté.",
        reseaux=(),
        horaires="Mo-Fr 11:45-13:30",
        partenaire="associations-82",
        domaine="bon-accueil-montauban",
        site=False,
    )
    service(
        "restaurant-solidaire-montauban",
        "bon-accueil-repas",
        "Repas chaud du midi à 1 euro",
        "Un repas complet et chaud servi à table chaque midi de la semaine, dans une salle "
        "conviviale, pour les personnes à la rue, les travailleurs pauvres ou les personnes "
        "isolées. Un bénévole est présent pour parler, orienter vers les services sociaux et "
        "l'accueil de jour.",
        them=("equipement-et-alimentation", "remobilisation"),
        di=("alimentation", "lien-social"),
        type_="aide-materielle",
        publics=("personnes-en-situation-durgence", "beneficiaires-des-minimas-sociaux"),
        frais="payant",
        frais_precisions="1 euro le repas ; gratuit sur ticket d'un travailleur social.",
        zone="commune",
        mob=("se-presenter",),
        mob_precisions="Se présenter entre 11 h 45 et 13 h 30.",
        mots=("repas", "manger", "restaurant social", "déjeuner", "midi"),
    )

    # ADIL et logement
    structure(
        "adil-82",
        "ADIL de Tarn-et-Garonne",
        "Montauban",
        "Agence départementale d'information sur le logement : conseils juridiques, "
        "financiers et fiscaux gratuits sur le logement (location, achat, travaux, "
        "impayés).",
        reseaux=(),
        horaires="Mo-Fr 09:00-12:00,13:30-17:00",
        partenaire="associations-82",
        domaine="adil-82",
    )
    adil = [
        (
            "adil-droits-locataires",
            "Droits et devoirs des locataires et des propriétaires",
            "Un juriste de l'ADIL répond gratuitement aux questions sur le logement : bail, "
            "état des lieux, dépôt de garantie non rendu, charges, réparations, logement "
            "indécent ou insalubre, congé donné par le propriétaire. Il explique les recours "
            "possibles et aide à rédiger un courrier.",
            ("logement-hebergement", "difficultes-administratives-ou-juridiques"),
            ("info-logement", "maintien-logement", "acces-droits"),
            ("ADIL", "bail", "locataire", "propriétaire", "logement insalubre", "caution"),
            None,
        ),
        (
            "adil-prevention-expulsions",
            "Impayés de loyer et prévention des expulsions",
            "Dès le premier impayé de loyer, l'ADIL aide les locataires à comprendre la "
            "procédure (commandement de payer, assignation, audience, commandement de "
            "quitter les lieux), à demander un plan d'apurement, à saisir le FSL ou la "
            "commission de surendettement et à se faire représenter à l'audience. Conseil "
            "aussi aux propriétaires.",
            ("logement-hebergement", "difficultes-financieres"),
            ("impayes", "maintien-logement", "surendettement"),
            ("expulsion", "loyer impayé", "dettes de loyer", "huissier", "commissaire de justice"),
            None,
        ),
        (
            "adil-accession",
            "Acheter un logement : conseil financier et prêts aidés",
            "Avant de signer, l'ADIL établit gratuitement un plan de financement "
            "personnalisé : capacité d'emprunt, prêt à taux zéro, prêt Action Logement, "
            "frais annexes, location-accession (PSLA). Conseils neutres pour éviter le "
            "surendettement.",
            ("logement-hebergement",),
            ("acheter",),
            ("achat", "propriétaire", "prêt à taux zéro", "PTZ", "crédit immobilier"),
            None,
        ),
        (
            "adil-permanence-castelsarrasin",
            "Permanence juridique logement de l'ADIL à Castelsarrasin",
            "Un juriste de l'ADIL reçoit à Castelsarrasin les locataires et propriétaires du "
            "territoire pour leurs questions de logement : impayés, bail, travaux, voisinage, "
            "expulsion. Gratuit et sur rendez-vous.",
            ("logement-hebergement",),
            ("info-logement", "impayes"),
            ("ADIL", "logement", "bail", "impayés", "permanence"),
            "Castelsarrasin",
        ),
    ]
    for slug, nom, desc, them, di, mots, ville in adil:
        service(
            "adil-82",
            slug,
            nom,
            desc,
            them=them,
            di=di,
            type_="information",
            publics=("tous-publics",),
            conditions="Apporter le bail, les courriers reçus et les quittances.",
            zone="82" if ville is None else "territoire",
            accueil=("en-presentiel", "a-distance"),
            mob=("telephoner", "envoyer-un-courriel"),
            mob_precisions="Rendez-vous ou conseil par téléphone ; les professionnels "
            "peuvent transmettre une situation par mail.",
            mots=mots,
            ville=ville,
            adresse="France Services, bureau des permanences" if ville else None,
            horaires="Th[1,3] 09:00-12:00" if ville else None,
        )
    structure(
        "habitat-solidaire-82",
        "Habitat Solidaire 82 (agence immobilière sociale)",
        "Montauban",
        "Agence immobilière à vocation sociale : logements du parc privé loués à loyer "
        "modéré à des ménages modestes, avec gestion adaptée et accompagnement.",
        reseaux=(),
        horaires="Mo-Fr 09:00-12:30,14:00-17:00",
        partenaire="associations-82",
        domaine="habitat-solidaire-82",
    )
    service(
        "habitat-solidaire-82",
        "habitat-solidaire-intermediation",
        "Louer un logement à loyer modéré par l'intermédiation locative",
        "L'agence loue à des ménages aux revenus modestes des appartements et maisons de "
        "propriétaires privés, à un loyer inférieur au marché. Elle garantit les loyers au "
        "propriétaire et accompagne le locataire : installation, APL, budget, relation avec "
        "les voisins. Solution pour sortir d'un hébergement ou d'un logement inadapté.",
        them=("logement-hebergement",),
        di=("louer", "changer-logement"),
        type_="accompagnement",
        publics=("tous-publics",),
        conditions="Ressources sous plafond HLM ; demande de logement social enregistrée ; "
        "évaluation d'un travailleur social.",
        zone="82",
        mob=("envoyer-un-courriel",),
        par=("professionnels",),
        mob_precisions="Fiche de candidature à envoyer par mail par le travailleur social.",
        mots=("logement", "appartement", "loyer modéré", "intermédiation locative", "location"),
    )
    service(
        "habitat-solidaire-82",
        "habitat-solidaire-avdl",
        "Accompagnement vers et dans le logement (AVDL)",
        "Une conseillère en économie sociale et familiale accompagne pendant 6 à 18 mois des "
        "ménages qui accèdent à un logement ou risquent de le perdre : ouverture des "
        "compteurs, assurance, APL, gestion du budget et des factures, entretien du "
        "logement, lien avec le bailleur. Intervention à domicile.",
        them=("logement-hebergement", "difficultes-financieres"),
        di=("maintien-logement", "autonomie-budget"),
        type_="accompagnement",
        publics=("tous-publics",),
        conditions="Mesure décidée par la commission AVDL ou le FSL.",
        zone="82",
        mob=("envoyer-un-courriel",),
        par=("professionnels",),
        mob_precisions="Demande par le travailleur social référent, par mail.",
        mots=("AVDL", "accompagnement logement", "CESF", "budget", "bailleur"),
    )
    structure(
        "france-renov-82",
        "Espace conseil France Rénov' Tarn-et-Garonne",
        "Montauban",
        "Service public de conseil neutre et gratuit pour rénover son logement et réduire "
        "ses factures d'énergie.",
        reseaux=(),
        horaires="Mo-Fr 09:00-12:30,13:30-17:00",
        domaine="renov-82",
    )
    service(
        "france-renov-82",
        "france-renov-precarite-energetique",
        "Factures d'énergie trop élevées : conseil et aides pour rénover",
        "Un conseiller aide les ménages qui ont froid chez eux ou ne peuvent plus payer "
        "leurs factures d'électricité ou de fioul : visite à domicile, petits équipements "
        "d'économie d'énergie, explication du chèque énergie, montage des dossiers d'aides "
        "à la rénovation (MaPrimeRénov', aides des caisses de retraite). Locataires : aide "
        "pour faire valoir le droit à un logement décent.",
        them=("logement-hebergement", "difficultes-financieres"),
        di=("maintien-logement", "prevenir"),
        type_="accompagnement",
        publics=("tous-publics",),
        zone="82",
        accueil=("en-presentiel", "a-distance"),
        mob=("telephoner", "utiliser-lien-mobilisation"),
        mob_precisions="Appeler le numéro du service ou prendre rendez-vous en ligne.",
        mots=("électricité", "chauffage", "chèque énergie", "factures", "isolation"),
    )
    structure(
        "bricoleurs-solidaires-82",
        "Bricoleurs solidaires 82",
        "Castelsarrasin",
        "Association d'auto-réhabilitation accompagnée : chantiers d'amélioration du "
        "logement avec les habitants, outilthèque.",
        reseaux=(),
        horaires="Tu-Fr 09:00-12:00,13:30-17:00",
        partenaire="associations-82",
        domaine="bricoleurs-solidaires-82",
        site=False,
    )
    service(
        "bricoleurs-solidaires-82",
        "bricoleurs-auto-rehabilitation",
        "Rénover son logement avec l'aide d'un animateur technique",
        "Des animateurs techniciens aident les habitants, locataires ou propriétaires "
        "modestes, à faire eux-mêmes des travaux dans leur logement : peinture, isolation, "
        "petite plomberie, remise en état après un dégât des eaux. Prêt d'outils à "
        "l'outilthèque, chantiers collectifs entre voisins, matériaux à prix réduit.",
        them=("logement-hebergement", "remobilisation"),
        di=("maintien-logement", "lien-social"),
        type_="accompagnement",
        publics=("tous-publics",),
        frais="payant",
        frais_precisions="Adhésion 10 euros ; participation aux matériaux selon les ressources.",
        conditions="Ressources modestes ; orientation d'un travailleur social conseillée.",
        zone="territoire",
        mob=("telephoner", "envoyer-un-courriel"),
        mob_precisions="Appeler l'association ou envoyer une fiche de liaison par mail.",
        mots=("travaux", "bricolage", "outils", "peinture", "logement"),
    )
    structure(
        "quercy-habitat-82",
        "Quercy Habitat - office public de l'habitat",
        "Montauban",
        "Bailleur social du département : plus de 5 000 logements sociaux dans les communes "
        "du Tarn-et-Garonne.",
        reseaux=(),
        horaires="Mo-Fr 08:30-12:00,13:30-17:00",
        domaine="quercy-habitat",
    )
    service(
        "quercy-habitat-82",
        "quercy-habitat-demande-hlm",
        "Demande de logement social (HLM) : enregistrement et suivi",
        "Le service accueil aide à déposer ou renouveler une demande de logement social, "
        "à obtenir le numéro unique et à suivre son dossier. Il explique les critères "
        "d'attribution, les délais selon les communes et les situations prioritaires "
        "(violences, expulsion, handicap, logement indigne).",
        them=("logement-hebergement",),
        di=("louer", "info-logement"),
        type_="information",
        publics=("tous-publics",),
        conditions="Pièce d'identité, avis d'imposition, justificatifs de ressources.",
        zone="82",
        accueil=("en-presentiel", "a-distance"),
        mob=("utiliser-lien-mobilisation", "se-presenter"),
        mob_precisions="Demande en ligne sur le portail du logement social ou à l'accueil.",
        mots=("HLM", "logement social", "numéro unique", "appartement", "demande de logement"),
    )


# --------------------------------------------------------------------------------------------
# Violences, famille, garde d'enfants, justice
# --------------------------------------------------------------------------------------------
def build_famille_justice() -> None:
    structure(
        "cidff-82",
        "CIDFF de Tarn-et-Garonne",
        "Montauban",
        "Centre d'information sur les droits des femmes et des familles : information "
        "juridique, accompagnement des femmes victimes de violences, insertion "
        "professionnelle des femmes.",
        reseaux=("cidff",),
        horaires="Mo-Fr 09:00-12:30,13:30-17:00",
        partenaire="associations-82",
        domaine="cidff-82",
    )
    service(
        "cidff-82",
        "cidff-information-juridique",
        "Information juridique sur les droits des femmes et des familles",
        "Des juristes informent gratuitement et confidentiellement sur le droit de la "
        "famille (séparation, divorce, autorité parentale, pension alimentaire), les "
        "violences conjugales (plainte, ordonnance de protection, éviction du conjoint "
        "violent), le droit du travail et les discriminations. Entretiens à Montauban et en "
        "permanences dans le département.",
        them=("violences-conflits-familiaux", "difficultes-administratives-ou-juridiques"),
        di=("violences", "judiciaire", "discrimination"),
        type_="information",
        publics=("femmes", "familles"),
        zone="82",
        accueil=("en-presentiel", "a-distance"),
        mob=("telephoner", "se-presenter"),
        mob_precisions="Rendez-vous par téléphone ; permanence sans rendez-vous le lundi "
        "après-midi.",
        mots=("CIDFF", "divorce", "violences conjugales", "droits des femmes", "juriste"),
    )
    service(
        "cidff-82",
        "cidff-emploi-femmes",
        "Accompagnement vers l'emploi des femmes (retour à l'emploi, reconversion)",
        "Pour les femmes qui veulent reprendre un travail après une longue interruption, une "
        "séparation ou des violences : bilan, confiance en soi, projet professionnel, "
        "solutions de garde d'enfants, techniques de recherche d'emploi, ateliers collectifs. "
        "Suivi individuel de six mois avec une conseillère emploi.",
        them=("trouver-un-emploi", "choisir-un-metier", "remobilisation"),
        di=("offres", "competences", "confiance"),
        type_="accompagnement",
        publics=("femmes",),
        conditions="Être disponible pour des rendez-vous réguliers.",
        zone="82",
        mob=("telephoner", "envoyer-un-courriel"),
        mob_precisions="La personne appelle ou un professionnel envoie une fiche de liaison "
        "par mail.",
        mots=("femmes", "reprise d'emploi", "reconversion", "confiance en soi", "CIDFF"),
    )
    service(
        "cidff-82",
        "cidff-permanence-caussade",
        "Permanence violences conjugales du CIDFF à Caussade",
        "Une juriste et une psychologue du CIDFF reçoivent à Caussade les femmes victimes de "
        "violences conjugales ou intrafamiliales : écoute, information sur les droits et la "
        "plainte, mise en sécurité, lien avec le 3919, l'hébergement et les services "
        "sociaux. Rendez-vous discret, possible sans que le conjoint le sache.",
        them=("violences-conflits-familiaux",),
        di=("violences",),
        type_="accompagnement",
        publics=("femmes",),
        zone="territoire",
        mob=("telephoner",),
        mob_precisions="Rendez-vous par téléphone auprès du CIDFF.",
        mots=("violences conjugales", "femme battue", "3919", "plainte", "mise en sécurité"),
        ville="Caussade",
        adresse="Maison des solidarités, bureau d'entretien",
        horaires="Tu[2,4] 14:00-17:00",
    )
    structure(
        "maison-olympe",
        "Maison d'Olympe - accueil des femmes victimes de violences",
        "Montauban",
        "Lieu d'accueil de jour et hébergement d'urgence pour femmes victimes de violences "
        "et leurs enfants (adresse confidentielle pour l'hébergement).",
        reseaux=("chrs",),
        horaires="Mo-Fr 09:00-17:00",
        partenaire="associations-82",
        domaine="maison-olympe",
        site=False,
    )
    service(
        "maison-olympe",
        "olympe-accueil-jour",
        "Accueil de jour pour les femmes victimes de violences",
        "Un lieu sécurisé où les femmes victimes de violences conjugales, avec ou sans "
        "enfants, peuvent venir sans rendez-vous : écoute, information, groupe de parole, "
        "aide pour porter plainte, préparation d'un départ du domicile, accompagnement vers "
        "l'hébergement et le logement. Espace jeux pour les enfants.",
        them=("violences-conflits-familiaux",),
        di=("violences",),
        type_="accompagnement",
        publics=("femmes",),
        zone="82",
        mob=("se-presenter", "telephoner"),
        mob_precisions="Se présenter ou appeler ; en cas de danger immédiat, appeler le 17. "
        "Numéro national d'écoute : 3919.",
        mots=("violences conjugales", "femme battue", "accueil de jour", "3919", "violence"),
    )
    service(
        "maison-olympe",
        "olympe-hebergement-urgence",
        "Hébergement d'urgence pour femmes victimes de violences et leurs enfants",
        "Huit appartements à adresse confidentielle pour mettre à l'abri rapidement une "
        "femme victime de violences et ses enfants. Accompagnement social et juridique "
        "pendant le séjour (plainte, ordonnance de protection, droits CAF, scolarité des "
        "enfants) et recherche d'un logement durable.",
        them=("violences-conflits-familiaux", "hebergement-urgence"),
        di=("violences", "hebergement"),
        type_="aide-materielle",
        publics=("femmes", "personnes-en-situation-durgence"),
        zone="82",
        mob=("telephoner",),
        par=("professionnels", "usagers"),
        mob_precisions="En urgence, appeler le 115 ou l'association ; orientation possible "
        "par la gendarmerie, le commissariat ou l'assistante sociale.",
        mots=("mise à l'abri", "hébergement d'urgence", "violences conjugales", "femmes"),
        horaires="24/7",
    )
    structure(
        "aide-victimes-82",
        "AVIC 82 - aide aux victimes (réseau France Victimes)",
        "Montauban",
        "Association d'aide aux victimes d'infractions : écoute, information juridique, "
        "soutien psychologique, accompagnement dans la procédure pénale.",
        reseaux=(),
        horaires="Mo-Fr 09:00-12:30,13:30-17:30",
        partenaire="associations-82",
        domaine="avic-82",
    )
    service(
        "aide-victimes-82",
        "avic-aide-victimes",
        "Aide aux victimes : écoute, droits et soutien psychologique",
        "Toute personne victime d'une agression, de violences, d'un vol, d'un cambriolage, "
        "d'un accident ou de harcèlement est reçue gratuitement : explication de la "
        "procédure, aide pour porter plainte, pour se constituer partie civile et pour être "
        "indemnisée, soutien par une psychologue. Accompagnement possible à l'audience.",
        them=("violences-conflits-familiaux", "difficultes-administratives-ou-juridiques"),
        di=("violences", "judiciaire"),
        type_="accompagnement",
        publics=("tous-publics",),
        zone="82",
        accueil=("en-presentiel", "a-distance"),
        mob=("telephoner", "se-presenter"),
        mob_precisions="Appeler l'association ; le numéro national 116 006 oriente aussi "
        "vers elle.",
        mots=("victime", "agression", "plainte", "France Victimes", "psychologue"),
    )
    service(
        "aide-victimes-82",
        "avic-permanence-moissac",
        "Permanence d'aide aux victimes à Moissac",
        "Une juriste de l'association reçoit à Moissac, deux fois par mois, les victimes "
        "d'infractions et de violences intrafamiliales du territoire : écoute, information "
        "sur les droits et la plainte, aide pour les démarches d'indemnisation, orientation "
        "vers la psychologue.",
        them=("violences-conflits-familiaux",),
        di=("violences", "judiciaire"),
        type_="accompagnement",
        publics=("tous-publics",),
        zone="territoire",
        mob=("telephoner",),
        mob_precisions="Sur rendez-vous par téléphone.",
        mots=("victime", "violences", "plainte", "permanence"),
        ville="Moissac",
        adresse="Maison de la justice et du droit, salle 1",
        horaires="Mo[1,3] 09:00-12:00",
    )
    structure(
        "mediation-trait-union-82",
        "Trait d'Union 82 - médiation familiale",
        "Montauban",
        "Service de médiation familiale et espace de rencontre parents-enfants, "
        "conventionné par la CAF.",
        reseaux=(),
        horaires="Mo-Fr 09:00-12:30,13:30-18:00; Sa 09:00-12:00",
        partenaire="caf-82",
        domaine="trait-union-82",
    )
    service(
        "mediation-trait-union-82",
        "trait-union-mediation",
        "Médiation familiale : séparation, garde des enfants, conflits",
        "Un médiateur familial diplômé aide les parents qui se séparent, les grands-parents "
        "ou les familles en conflit à renouer le dialogue et à trouver des accords : "
        "résidence des enfants, pension alimentaire, partage des biens, relations avec un "
        "adolescent. Premier entretien d'information gratuit ; séances tarifées selon les "
        "revenus.",
        them=("violences-conflits-familiaux", "famille"),
        di=("violences", "parentalite"),
        type_="accompagnement",
        publics=("familles",),
        frais="payant",
        frais_precisions="Barème CAF : de 2 à 131 euros la séance selon les revenus.",
        conditions="Non adapté en cas de violences conjugales en cours.",
        zone="82",
        mob=("telephoner",),
        mob_precisions="Premier rendez-vous d'information par téléphone ; peut être ordonnée "
        "par le juge aux affaires familiales.",
        mots=("médiation familiale", "séparation", "divorce", "garde des enfants", "conflit"),
    )
    service(
        "mediation-trait-union-82",
        "trait-union-espace-rencontre",
        "Espace rencontre parents-enfants",
        "Un lieu neutre et sécurisé où un enfant peut voir le parent avec lequel il ne vit "
        "pas quand les rencontres sont difficiles (conflit, éloignement, violences passées). "
        "Les rencontres ont lieu le samedi en présence de professionnels, sur décision du "
        "juge ou accord des parents.",
        them=("violences-conflits-familiaux", "famille"),
        di=("violences", "parentalite"),
        type_="accompagnement",
        publics=("familles",),
        conditions="Décision du juge aux affaires familiales ou accord écrit des deux parents.",
        zone="82",
        mob=("telephoner",),
        mob_precisions="Contacter le service après la décision du juge.",
        mots=("droit de visite", "espace rencontre", "enfant", "parent", "juge"),
        horaires="Sa 09:00-17:00",
    )
    service(
        "mediation-trait-union-82",
        "trait-union-castelsarrasin",
        "Médiation familiale à Castelsarrasin",
        "Le service Trait d'Union tient une permanence de médiation familiale à "
        "Castelsarrasin pour les familles du territoire : entretien d'information gratuit, "
        "séances de médiation pour les parents séparés et les conflits familiaux, sans "
        "aller à Montauban.",
        them=("violences-conflits-familiaux",),
        di=("violences",),
        type_="accompagnement",
        publics=("familles",),
        frais="payant",
        frais_precisions="Barème CAF selon les revenus ; information gratuite.",
        zone="territoire",
        mob=("telephoner",),
        mob_precisions="Rendez-vous par téléphone au service.",
        mots=("médiation familiale", "séparation", "conflit", "parents"),
        ville="Castelsarrasin",
        adresse="Centre social, salle Garonne",
        horaires="We 14:00-18:00",
    )
    structure(
        "laep-cabane-castelsarrasin",
        "Lieu d'accueil enfants-parents La Cabane",
        "Castelsarrasin",
        "Lieu d'accueil enfants-parents (LAEP) ouvert aux enfants de moins de 6 ans "
        "accompagnés d'un adulte.",
        reseaux=(),
        horaires="Tu 09:00-11:30; Sa 09:30-12:00",
        partenaire="caf-82",
        domaine="laep-la-cabane",
        site=False,
    )
    service(
        "laep-cabane-castelsarrasin",
        "laep-cabane-accueil",
        "Lieu d'accueil enfants-parents : jouer et échanger",
        "Un espace de jeu et de parole, gratuit et anonyme, pour les enfants de moins de 6 "
        "ans et leurs parents, grands-parents ou futurs parents. Deux accueillantes "
        "professionnelles sont présentes ; on vient quand on veut, sans inscription. Un lieu "
        "pour rompre l'isolement et préparer la séparation avant la crèche ou l'école.",
        them=("famille", "remobilisation"),
        di=("parentalite", "lien-social"),
        type_="atelier",
        publics=("familles",),
        zone="territoire",
        mob=("se-presenter",),
        mob_precisions="Venir librement aux heures d'ouverture.",
        mots=("LAEP", "parents", "bébé", "jeux", "isolement"),
    )
    structure(
        "repit-aidants-82",
        "Plateforme de répit Répit Aidants 82",
        "Montauban",
        "Plateforme d'accompagnement et de répit pour les proches aidants de personnes "
        "âgées, malades ou en situation de handicap.",
        reseaux=(),
        horaires="Mo-Fr 09:00-17:00",
        partenaire="associations-82",
        domaine="repit-aidants-82",
    )
    service(
        "repit-aidants-82",
        "repit-aidants-soutien",
        "Soutien et répit pour les proches aidants",
        "Vous aidez un parent âgé, un conjoint malade ou un enfant handicapé ? La "
        "plateforme propose une écoute, des groupes de parole, des formations pour les "
        "aidants, des solutions de relais à domicile ou en accueil de jour pour souffler "
        "quelques heures, et des séjours de vacances aidant-aidé.",
        them=("famille",),
        di=("aidants", "dependance"),
        type_="accompagnement",
        publics=("tous-publics",),
        zone="82",
        accueil=("en-presentiel", "a-distance"),
        mob=("telephoner",),
        mob_precisions="Appeler la plateforme ; visite à domicile possible.",
        mots=("aidant", "répit", "Alzheimer", "personne âgée", "épuisement"),
    )
    structure(
        "aide-familles-82",
        "Aide Familles 82",
        "Castelsarrasin",
        "Association d'aide et d'accompagnement à domicile des familles (TISF, aides à domicile).",
        reseaux=(),
        horaires="Mo-Fr 08:30-12:00,13:30-17:00",
        partenaire="caf-82",
        domaine="aide-familles-82",
        site=False,
    )
    service(
        "aide-familles-82",
        "aide-familles-tisf",
        "Aide à domicile pour les familles (TISF) : naissance, maladie, séparation",
        "Une technicienne de l'intervention sociale et familiale (TISF) ou une auxiliaire "
        "de vie vient à domicile quelques heures par semaine lorsqu'une famille traverse "
        "une période difficile : grossesse, naissance multiple, hospitalisation d'un parent, "
        "séparation, décès. Aide aux tâches du quotidien, soins aux enfants, organisation "
        "de la maison.",
        them=("famille", "equipement-et-alimentation"),
        di=("parentalite", "aide-menagere"),
        type_="accompagnement",
        publics=("familles",),
        frais="payant",
        frais_precisions="Participation horaire selon le quotient familial CAF (de 0,50 à "
        "15 euros).",
        conditions="Être allocataire CAF ou MSA avec au moins un enfant à charge.",
        zone="82",
        mob=("telephoner",),
        mob_precisions="La famille appelle directement ; la PMI ou la CAF peuvent appuyer "
        "la demande.",
        mots=("TISF", "aide à domicile", "naissance", "aide ménagère", "familles"),
    )

    # Garde d'enfants
    rpe = [
        "Montauban",
        "Castelsarrasin",
        "Moissac",
        "Caussade",
        "Nègrepelisse",
        "Valence",
        "Beaumont-de-Lomagne",
        "Verdun-sur-Garonne",
        "Montech",
        "Lafrançaise",
    ]
    for ville in rpe:
        tag = slugify(ville)
        key = f"rpe-{tag}"
        structure(
            key,
            f"Relais petite enfance de {ville}",
            ville,
            f"Relais petite enfance (RPE, ex-RAM) de {ville} : information des familles sur "
            "les modes de garde, animation du réseau des assistantes maternelles.",
            reseaux=(),
            horaires="Mo,Tu,Th 13:30-17:30; We 09:00-12:00",
            partenaire="caf-82",
            domaine=f"rpe-{tag}",
            site=False,
        )
        service(
            key,
            f"rpe-{tag}-information",
            f"Trouver un mode de garde : relais petite enfance de {ville}",
            pick(
                f"Le relais petite enfance de {ville} informe gratuitement les parents sur "
                "tous les modes de garde : assistantes maternelles disponibles, crèches, "
                "garde à domicile, accueil en horaires atypiques. L'animatrice aide à "
                "calculer le coût, à demander le complément de libre choix du mode de garde "
                "à la CAF et à rédiger le contrat de travail de l'assistante maternelle.",
                f"Vous cherchez une nounou ou une place en crèche ? L'animatrice du RPE de "
                f"{ville} donne la liste des assistantes maternelles qui ont des places, "
                "explique les aides de la CAF et accompagne les parents employeurs. Les "
                "parents en formation ou en reprise d'emploi sont aidés en priorité pour "
                "trouver une garde d'enfants rapide.",
            ),
            them=("garde-enfants",),
            di=("garde",),
            type_="information",
            publics=("familles",),
            zone="epci",
            mob=("telephoner", "se-presenter"),
            mob_precisions="Permanences téléphoniques et rendez-vous aux heures d'ouverture.",
            mots=("RPE", "RAM", "assistante maternelle", "nounou", "mode de garde"),
        )
    creches = [
        (
            "Montauban",
            "creche-avip-petits-pas",
            "Crèche à vocation d'insertion professionnelle Les Petits Pas",
            True,
        ),
        (
            "Castelsarrasin",
            "creche-avip-pitchouns",
            "Multi-accueil Les Pitchouns (label AVIP)",
            True,
        ),
        ("Caussade", "multi-accueil-galopins", "Multi-accueil Les Galopins", True),
        ("Montauban", "halte-garderie-lutins", "Halte-garderie Les Lutins", False),
        ("Moissac", "halte-garderie-capucine", "Halte-garderie Capucine", False),
    ]
    for ville, key, nom, avip in creches:
        structure(
            key,
            nom,
            ville,
            f"Établissement d'accueil du jeune enfant à {ville}"
            + (
                ", avec des places réservées aux parents en recherche d'emploi."
                if avip
                else " : accueil occasionnel de quelques heures à quelques demi-journées."
            ),
            reseaux=("creches-avip",) if avip else (),
            horaires="Mo-Fr 07:30-18:30" if avip else "Mo-Fr 08:30-17:30",
            partenaire="caf-82",
            domaine=key,
            site=False,
        )
        if avip:
            service(
                key,
                f"{key}-avip",
                f"Places en crèche pour parents en recherche d'emploi - {ville}",
                f"La crèche de {ville} réserve des places aux enfants de moins de 3 ans dont "
                "le parent, souvent seul, est en recherche d'emploi ou entre en formation. "
                "L'enfant est accueilli rapidement, jusqu'à cinq jours par semaine, pendant "
                "que le parent est accompagné de façon intensive par France Travail ou la "
                "Mission Locale. La place est maintenue après la reprise d'emploi.",
                them=("garde-enfants", "trouver-un-emploi"),
                di=("garde", "offres"),
                type_="aide-materielle",
                publics=("familles", "demandeurs-emploi"),
                publics_precisions="Parents d'enfants de 0 à 3 ans en recherche d'emploi, en "
                "priorité familles monoparentales et bénéficiaires du RSA.",
                frais="payant",
                frais_precisions="Barème CAF selon les revenus (à partir de 0,50 euro de l'heure).",
                conditions="Être inscrit à France Travail ou suivi par la Mission Locale ; "
                "engagement dans un accompagnement vers l'emploi.",
                zone="epci",
                mob=("envoyer-un-courriel",),
                par=("professionnels",),
                mob_precisions="Fiche de prescription AVIP à envoyer par mail par le "
                "conseiller France Travail ou Mission Locale.",
                mots=("crèche", "AVIP", "garde d'enfants", "monoparentale", "place en crèche"),
            )
        else:
            service(
                key,
                f"{key}-occasionnel",
                f"Garde occasionnelle des moins de 4 ans - {nom}",
                f"La halte-garderie de {ville} accueille les jeunes enfants quelques heures "
                "ou quelques demi-journées par semaine : le temps d'un rendez-vous, d'un "
                "entretien d'embauche, d'une formation courte ou pour souffler. Réservation "
                "possible la veille. Une première étape douce vers la collectivité.",
                them=("garde-enfants",),
                di=("garde",),
                type_="aide-materielle",
                publics=("familles",),
                publics_precisions="Enfants de 3 mois à 4 ans.",
                frais="payant",
                frais_precisions="Tarif horaire CAF selon les revenus.",
                conditions="Carnet de vaccinations à jour ; dossier d'inscription.",
                zone="epci",
                mob=("telephoner", "se-presenter"),
                mob_precisions="Inscription sur place ; réservation par téléphone.",
                mots=("halte-garderie", "garde ponctuelle", "crèche", "garde d'enfants"),
            )
    structure(
        "mam-relais-82",
        "Service Mam'Relais - garde d'enfants en horaires atypiques",
        "Montauban",
        "Service associatif de garde d'enfants à domicile tôt le matin, tard le soir et le "
        "week-end, pour les parents qui travaillent ou se forment en horaires décalés.",
        reseaux=(),
        horaires="Mo-Fr 09:00-17:00",
        partenaire="associations-82",
        domaine="mam-relais-82",
    )
    service(
        "mam-relais-82",
        "mam-relais-garde-formation",
        "Garde d'enfants pour parents en formation ou en reprise d'emploi",
        "Une professionnelle de la petite enfance garde les enfants de 0 à 12 ans à domicile "
        "quand le parent commence une formation, un emploi ou un stage en horaires décalés "
        "(avant 7 h 30, après 19 h, le week-end) et qu'aucune crèche n'est ouverte. Solution "
        "relais de trois mois maximum, le temps de trouver une garde durable.",
        them=("garde-enfants", "se-former"),
        di=("garde", "trouver-formation"),
        type_="aide-materielle",
        publics=("familles", "demandeurs-emploi", "beneficiaires-des-minimas-sociaux"),
        frais="payant",
        frais_precisions="1 euro de l'heure pour les bénéficiaires du RSA ; barème selon les "
        "revenus au-delà.",
        conditions="Attestation d'entrée en formation ou contrat de travail ; prescription "
        "d'un référent.",
        zone="epci",
        mob=("envoyer-un-courriel",),
        par=("professionnels",),
        mob_precisions="Fiche de prescription à envoyer par mail ; mise en place sous 5 jours.",
        mots=("garde d'enfants", "horaires décalés", "formation", "nounou", "week-end"),
    )

    # Justice et accès aux droits
    structure(
        "point-justice-montauban",
        "Point justice de Montauban (maison de la justice et du droit)",
        "Montauban",
        "Lieu d'accès au droit : permanences gratuites d'avocats, de juristes, de "
        "conciliateurs, de délégués du Défenseur des droits et d'associations.",
        reseaux=("points-justice",),
        horaires="Mo-Fr 09:00-12:00,13:30-17:00",
        domaine="point-justice-montauban",
        site=False,
    )
    service(
        "point-justice-montauban",
        "point-justice-consultations",
        "Consultations juridiques gratuites avec un avocat ou un juriste",
        "Des avocats et des juristes reçoivent gratuitement toute personne pour une question "
        "de droit : dettes, crédit, droit du travail, logement, famille, voisinage, "
        "étrangers, litige avec une administration. Information sur l'aide juridictionnelle "
        "pour être défendu gratuitement. Entretiens confidentiels de 30 minutes.",
        them=("difficultes-administratives-ou-juridiques",),
        di=("judiciaire", "acces-droits"),
        type_="information",
        publics=("tous-publics",),
        conditions="Apporter les documents utiles (courriers, contrats, jugements).",
        zone="82",
        mob=("telephoner",),
        mob_precisions="Sur rendez-vous par téléphone.",
        mots=("avocat", "juriste", "point justice", "aide juridictionnelle", "droit"),
    )
    service(
        "point-justice-montauban",
        "point-justice-defenseur-droits",
        "Délégué du Défenseur des droits : discriminations et litiges avec les services publics",
        "Le délégué du Défenseur des droits aide gratuitement les personnes en litige avec "
        "un service public (CAF, impôts, France Travail, préfecture), victimes d'une "
        "discrimination (embauche, logement, handicap, origine) ou dont les droits d'enfant "
        "ne sont pas respectés. Il peut intervenir auprès de l'administration.",
        them=("difficultes-administratives-ou-juridiques",),
        di=("discrimination", "acces-droits"),
        type_="accompagnement",
        publics=("tous-publics",),
        zone="82",
        mob=("telephoner",),
        mob_precisions="Rendez-vous au point justice le mercredi matin.",
        mots=("Défenseur des droits", "discrimination", "réclamation", "litige", "recours"),
        horaires="We 09:00-12:00",
    )
    structure(
        "cimade-82",
        "Collectif Droits des étrangers 82",
        "Montauban",
        "Association d'accueil et de défense des droits des personnes étrangères.",
        reseaux=(),
        horaires="Tu 14:00-18:00; Sa 10:00-12:00",
        partenaire="associations-82",
        domaine="droits-etrangers-82",
        site=False,
    )
    service(
        "cimade-82",
        "droits-etrangers-permanence",
        "Permanence d'accès aux droits des étrangers : titre de séjour, asile",
        "Des bénévoles formés aident les personnes étrangères dans leurs démarches : "
        "demande ou renouvellement de titre de séjour, rendez-vous en préfecture et sur le "
        "site de l'ANEF, regroupement familial, naturalisation, demande d'asile, recours "
        "contre une OQTF avec un avocat. Accueil confidentiel.",
        them=("difficultes-administratives-ou-juridiques",),
        di=("citoyennete", "acces-droits", "judiciaire"),
        type_="accompagnement",
        publics=("personnes-exilees",),
        conditions="Apporter passeport, récépissés, courriers de la préfecture.",
        zone="82",
        mob=("se-presenter",),
        mob_precisions="Se présenter le mardi après-midi ou le samedi matin sans rendez-vous.",
        mots=("titre de séjour", "papiers", "préfecture", "asile", "naturalisation", "OQTF"),
        horaires="Tu 14:00-18:00; Sa 10:00-12:00",
    )
    structure(
        "spip-82",
        "SPIP de Tarn-et-Garonne",
        "Montauban",
        "Service pénitentiaire d'insertion et de probation : suivi des personnes condamnées "
        "en milieu ouvert et préparation des sorties de détention.",
        reseaux=("spip",),
        horaires="Mo-Fr 09:00-12:00,14:00-17:00",
        domaine="spip-82",
        site=False,
    )
    service(
        "spip-82",
        "spip-insertion-sortants",
        "Insertion des personnes sous main de justice et sortants de prison",
        "Les conseillers pénitentiaires d'insertion et de probation accompagnent les "
        "personnes condamnées suivies en milieu ouvert (sursis probatoire, travail d'intérêt "
        "général, bracelet) et préparent les sorties de détention : hébergement, ouverture "
        "des droits, emploi, soins. Les partenaires sociaux peuvent les contacter pour "
        "coordonner le suivi.",
        them=("difficultes-administratives-ou-juridiques", "trouver-un-emploi"),
        di=("judiciaire", "mesure-adaptee", "offres"),
        type_="accompagnement",
        publics=("personnes-en-situation-juridique-specifique",),
        conditions="Mesure judiciaire en cours.",
        zone="82",
        mob=("telephoner",),
        par=("professionnels",),
        mob_precisions="Contact du conseiller SPIP référent par le standard.",
        mots=("SPIP", "prison", "sortant de détention", "probation", "TIG", "justice"),
    )
    structure(
        "pjj-stemo-montauban",
        "PJJ - service territorial éducatif de milieu ouvert de Montauban",
        "Montauban",
        "Service de la protection judiciaire de la jeunesse : suivi éducatif des mineurs "
        "faisant l'objet d'une décision du juge des enfants.",
        reseaux=("pjj",),
        horaires="Mo-Fr 09:00-12:30,13:30-17:30",
        domaine="pjj-montauban",
        site=False,
    )
    service(
        "pjj-stemo-montauban",
        "pjj-suivi-mineurs",
        "Suivi éducatif des mineurs sous main de justice (protection judiciaire de la jeunesse)",
        "Les éducateurs de la protection judiciaire de la jeunesse suivent les adolescents "
        "de 13 à 18 ans qui ont commis une infraction : mesures éducatives, réparation, "
        "scolarité ou formation, soutien aux parents. Ils travaillent avec la Mission "
        "Locale, les établissements scolaires et l'aide sociale à l'enfance.",
        them=("famille", "difficultes-administratives-ou-juridiques"),
        di=("parentalite", "judiciaire"),
        type_="accompagnement",
        publics=("jeunes", "personnes-en-situation-juridique-specifique"),
        conditions="Décision du juge des enfants.",
        zone="82",
        mob=("telephoner",),
        par=("professionnels",),
        mob_precisions="Contact de l'éducateur référent par le secrétariat.",
        mots=("PJJ", "mineur", "juge des enfants", "éducateur", "délinquance"),
    )
    structure(
        "tutelles-udaf-82",
        "Service mandataire judiciaire Quercy Protection",
        "Montauban",
        "Service mandataire judiciaire à la protection des majeurs : exercice des "
        "curatelles et tutelles, information des familles.",
        reseaux=(),
        horaires="Mo-Fr 09:00-12:00,14:00-17:00",
        partenaire="associations-82",
        domaine="quercy-protection",
        site=False,
    )
    service(
        "tutelles-udaf-82",
        "quercy-protection-info-tuteurs",
        "Curatelle, tutelle : information des familles et des tuteurs familiaux",
        "Information gratuite sur les mesures de protection des majeurs (sauvegarde de "
        "justice, curatelle, tutelle, habilitation familiale) : quand les demander, comment "
        "saisir le juge des contentieux de la protection, rôle du tuteur familial, "
        "comptes de gestion. Aide aux familles qui exercent elles-mêmes la mesure.",
        them=("difficultes-financieres", "famille"),
        di=("protection", "dependance"),
        type_="information",
        publics=("tous-publics",),
        zone="82",
        mob=("telephoner",),
        mob_precisions="Permanence téléphonique le jeudi ; rendez-vous possible.",
        mots=("curatelle", "tutelle", "protection juridique", "mandataire", "juge"),
        horaires="Th 09:00-12:00,14:00-17:00",
    )


# --------------------------------------------------------------------------------------------
# Budget, insertion par l'activité économique, formation
# --------------------------------------------------------------------------------------------
def build_budget_siae_formation() -> None:
    structure(
        "pcb-budget-solidaire-82",
        "Point conseil budget 82 - association Budget Solidaire",
        "Montauban",
        "Point conseil budget labellisé : conseils gratuits et confidentiels pour toute "
        "personne qui a des difficultés financières, accompagnement au surendettement.",
        reseaux=("points-conseil-budget",),
        horaires="Mo-Fr 09:00-12:30,13:30-17:00",
        partenaire="associations-82",
        domaine="budget-solidaire-82",
    )
    service(
        "pcb-budget-solidaire-82",
        "pcb-montauban",
        "Point conseil budget (PCB) : dettes, surendettement, budget",
        "Le point conseil budget reçoit gratuitement toute personne qui n'arrive plus à "
        "boucler ses fins de mois ou qui accumule des dettes : diagnostic du budget, "
        "sortie de l'endettement, négociation avec les créanciers, lutte contre les frais "
        "bancaires, aide pour "
        "remplir et suivre un dossier de surendettement auprès de la Banque de France. "
        "Sans jugement et sans condition de ressources.",
        them=("difficultes-financieres",),
        di=("surendettement", "gestion-budget", "prevenir"),
        type_="accompagnement",
        publics=("tous-publics",),
        conditions="Apporter relevés de compte, courriers des créanciers, justificatifs de "
        "ressources et de charges.",
        zone="82",
        accueil=("en-presentiel", "a-distance"),
        mob=("telephoner", "envoyer-un-courriel"),
        mob_precisions="La personne appelle directement ; un professionnel peut envoyer une "
        "fiche de liaison par mail.",
        mots=("PCB", "dettes", "surendettement", "budget", "Banque de France", "crédit"),
    )
    perms = [
        ("Castelsarrasin", "Maison des solidarités"),
        ("Caussade", "France Services de la mairie"),
        ("Valence", "CCAS"),
        ("Verdun-sur-Garonne", "France Services"),
        ("Beaumont-de-Lomagne", "Maison des solidarités"),
    ]
    for ville, lieu in perms:
        jour = rng.choice(WEEKDAYS)
        service(
            "pcb-budget-solidaire-82",
            f"pcb-permanence-{slugify(ville)}",
            f"Permanence Point conseil budget à {ville}",
            pick(
                f"Une conseillère du point conseil budget reçoit à {ville} ({lieu}) les "
                "personnes en difficulté financière : faire le point sur le budget et les "
                "dettes, établir un plan de remboursement, préparer un dossier de "
                "surendettement, éviter les frais bancaires. Gratuit et confidentiel.",
                f"Le {jour_fr(jour)}, permanence du PCB à {ville} : conseils pour gérer son "
                "budget, aide face aux impayés (loyer, énergie, crédits), médiation avec les "
                "créanciers et accompagnement au dossier de surendettement. Rendez-vous à "
                f"{lieu}.",
            ),
            them=("difficultes-financieres",),
            di=("surendettement", "gestion-budget"),
            type_="accompagnement",
            publics=("tous-publics",),
            conditions="Relevés de compte et courriers des créanciers.",
            zone="territoire",
            mob=("telephoner",),
            mob_precisions="Rendez-vous par téléphone au PCB.",
            mots=("PCB", "dettes", "surendettement", "impayés", "permanence"),
            ville=ville,
            adresse=lieu,
            horaires=f"{jour}[2,4] 09:00-12:00",
        )

    siae = [
        (
            "Montauban",
            "aci-jardins-du-tescou",
            "Les Jardins du Tescou (atelier et chantier d'insertion)",
            ("aci",),
            "Maraîchage biologique et paniers de légumes : 24 salariés en insertion en "
            "contrat à durée déterminée d'insertion (CDDI) de 26 heures par semaine.",
            "Emploi en maraîchage bio en chantier d'insertion",
            "Un contrat de travail de 4 à 24 mois, 26 heures par semaine, pour reprendre pied "
            "dans l'emploi en cultivant des légumes bio : semis, récolte, préparation des "
            "paniers, vente. Un accompagnateur socio-professionnel aide en parallèle à régler "
            "les freins (logement, santé, permis) et à construire un projet. Aucun diplôme "
            "demandé.",
            ("maraîchage", "chantier d'insertion", "ACI", "CDDI", "espaces verts"),
        ),
        (
            "Moissac",
            "aci-patrimoine-moissac",
            "Chantier d'insertion Patrimoine et Espaces verts de Moissac",
            ("aci",),
            "Restauration de murets, entretien des berges du Tarn et du canal, espaces verts "
            "des communes : 16 postes en insertion.",
            "Emploi en chantier d'insertion patrimoine et espaces verts - Moissac",
            "Travailler en équipe sur la restauration du petit patrimoine en pierre, "
            "l'entretien des berges et des espaces verts : contrat d'insertion de 26 heures "
            "par semaine, encadrement technique, formations (sécurité, CACES, "
            "débroussailleuse) et accompagnement vers un emploi durable dans le bâtiment ou "
            "le paysage.",
            ("chantier d'insertion", "ACI", "espaces verts", "bâtiment", "CDDI"),
        ),
        (
            "Septfonds",
            "aci-recyclerie-quercy",
            "Recyclerie du Quercy (atelier et chantier d'insertion)",
            ("aci", "ressourceries"),
            "Recyclerie : collecte, tri, réparation et vente d'objets de réemploi ; 14 "
            "salariés en insertion.",
            "Emploi en recyclerie : tri, réparation, vente - Septfonds",
            "La recyclerie de Septfonds recrute en contrat d'insertion des personnes éloignées "
            "de l'emploi pour collecter, trier, réparer et vendre meubles, vêtements et "
            "objets. Postes en logistique, petite menuiserie, vente en boutique. "
            "Accompagnement individuel et formations pendant le contrat.",
            ("recyclerie", "chantier d'insertion", "ACI", "vente", "logistique"),
        ),
        (
            "Nègrepelisse",
            "aci-atelier-bois-aveyron",
            "Atelier Bois et Nature des Gorges de l'Aveyron",
            ("aci",),
            "Chantier d'insertion en menuiserie, entretien de sentiers et espaces naturels.",
            "Emploi en menuiserie et entretien d'espaces naturels - Nègrepelisse",
            "Des contrats d'insertion en menuiserie (mobilier en bois local) et en entretien "
            "des sentiers de randonnée et des berges de l'Aveyron. Apprentissage des gestes "
            "professionnels, travail en équipe, accompagnement vers la formation ou "
            "l'emploi durable, aide au permis de conduire.",
            ("menuiserie", "chantier d'insertion", "ACI", "bois", "sentiers"),
        ),
        (
            "Beaumont-de-Lomagne",
            "aci-jardins-lomagne",
            "Les Jardins de Lomagne (chantier d'insertion)",
            ("aci",),
            "Maraîchage, légumerie et vente de paniers en circuit court en Lomagne.",
            "Emploi en maraîchage et légumerie - Beaumont-de-Lomagne",
            "Contrat d'insertion en maraîchage, en légumerie (préparation de légumes pour les "
            "cantines) et en vente directe. Horaires adaptés, équipe bienveillante, "
            "accompagnement social et professionnel individualisé. Une navette est organisée "
            "depuis Lavit et Larrazet.",
            ("maraîchage", "ACI", "chantier d'insertion", "légumerie", "circuit court"),
        ),
        (
            "Montech",
            "aci-canal-deux-mers",
            "Chantier d'insertion du Canal des Deux Mers",
            ("aci",),
            "Entretien des abords du canal de Garonne et des espaces verts du Grand Sud.",
            "Emploi en entretien d'espaces verts le long du canal - Montech",
            "Le chantier d'insertion entretient les berges du canal de Garonne, la piste "
            "cyclable et les espaces verts des communes du Grand Sud. Contrat de 4 à 24 mois "
            "à 26 heures par semaine, encadrement technique, formations certifiantes et "
            "accompagnement pour trouver un emploi ensuite.",
            ("espaces verts", "ACI", "canal", "chantier d'insertion", "CDDI"),
        ),
        (
            "Valence",
            "aci-atelier-couture-deux-rives",
            "Atelier Couture Deux Rives (chantier d'insertion)",
            ("aci",),
            "Atelier de couture, retouches et upcycling textile en insertion.",
            "Emploi en atelier couture et retouches - Valence",
            "Un atelier d'insertion pour apprendre ou reprendre la couture professionnelle : "
            "retouches, confection en petite série, upcycling de textiles de réemploi. "
            "Contrats de 26 heures par semaine compatibles avec les horaires d'école, "
            "accompagnement vers les métiers du textile, de la vente ou du service.",
            ("couture", "ACI", "retouches", "textile", "chantier d'insertion"),
        ),
        (
            "Montauban",
            "ei-net-services-82",
            "Net'Services 82 (entreprise d'insertion)",
            ("ei",),
            "Entreprise d'insertion de nettoyage de bureaux et de locaux industriels.",
            "Emploi en nettoyage professionnel en entreprise d'insertion",
            "Net'Services 82 embauche en CDD d'insertion (jusqu'à 24 mois) des agents de "
            "propreté : nettoyage de bureaux, vitrerie, remise en état. Formation aux "
            "techniques et aux produits, horaires tôt le matin ou en fin de journée, "
            "accompagnement pour passer le permis et trouver un CDI dans le secteur.",
            ("entreprise d'insertion", "EI", "nettoyage", "propreté", "agent d'entretien"),
        ),
        (
            "Castelsarrasin",
            "ei-tri-garonne",
            "Tri'Garonne (entreprise d'insertion)",
            ("ei",),
            "Entreprise d'insertion de tri et de valorisation des déchets et du textile.",
            "Emploi en tri et recyclage en entreprise d'insertion - Castelsarrasin",
            "Postes d'opérateurs de tri, de caristes et de chauffeurs en entreprise "
            "d'insertion : tri des emballages et du textile, démantèlement d'appareils "
            "électriques. Contrats de 24 mois maximum, formation CACES possible, "
            "accompagnement socio-professionnel.",
            ("entreprise d'insertion", "EI", "tri", "recyclage", "cariste"),
        ),
        (
            "Montauban",
            "ai-services-plus-82",
            "Services Plus 82 (association intermédiaire)",
            ("ai",),
            "Association intermédiaire : mise à disposition de salariés auprès de "
            "particuliers, associations, collectivités et entreprises.",
            "Missions de travail avec l'association intermédiaire Services Plus 82",
            "L'association intermédiaire embauche des personnes en difficulté et les met à "
            "disposition pour des missions de quelques heures à quelques mois : ménage, "
            "jardinage, manutention, aide en cuisine, entretien de locaux. Une première "
            "marche pour reprendre le travail à son rythme, avec un suivi personnalisé.",
            ("association intermédiaire", "AI", "missions", "ménage", "jardinage"),
        ),
        (
            "Castelsarrasin",
            "ai-coup-de-main-garonne",
            "Coup de Main Garonne (association intermédiaire)",
            ("ai",),
            "Association intermédiaire du territoire Castelsarrasin-Moissac.",
            "Missions de travail en association intermédiaire - Castelsarrasin-Moissac",
            "Coup de Main Garonne propose des missions rémunérées chez des particuliers, des "
            "agriculteurs et des collectivités : entretien, cueillette, manutention, "
            "restauration collective. Chaque salarié est accompagné pour construire son "
            "projet et accéder à un emploi durable.",
            ("association intermédiaire", "AI", "missions", "cueillette", "petits boulots"),
        ),
        (
            "Caussade",
            "ai-quercy-emploi-services",
            "Quercy Emploi Services (association intermédiaire)",
            ("ai",),
            "Association intermédiaire du Quercy Caussadais et du Quercy Rouergue.",
            "Missions de travail en association intermédiaire - Quercy",
            "Des missions de travail adaptées pour reprendre pied : aide ménagère chez les "
            "particuliers, espaces verts, manutention, aide aux associations. L'association "
            "est l'employeur et verse le salaire ; un chargé d'accompagnement aide à lever "
            "les freins et à préparer la suite du parcours.",
            ("association intermédiaire", "AI", "missions", "aide ménagère", "travail"),
        ),
        (
            "Grisolles",
            "ai-grand-sud-services",
            "Grand Sud Services (association intermédiaire)",
            ("ai",),
            "Association intermédiaire du territoire Montech-Verdun.",
            "Missions de travail en association intermédiaire - Grand Sud",
            "Grand Sud Services embauche des demandeurs d'emploi pour des missions auprès "
            "de particuliers, de communes et d'entreprises du Grand Sud Tarn-et-Garonne : "
            "ménage, repassage, jardinage, manutention, restauration scolaire. Suivi "
            "individuel et formations courtes.",
            ("association intermédiaire", "AI", "missions", "repassage", "boulot"),
        ),
        (
            "Montauban",
            "etti-interim-solidaire-82",
            "Intérim Solidaire 82 (entreprise de travail temporaire d'insertion)",
            ("etti",),
            "Entreprise de travail temporaire d'insertion : missions d'intérim accompagnées "
            "dans le BTP, la logistique, l'industrie et l'agroalimentaire.",
            "Missions d'intérim d'insertion (ETTI) dans le BTP, la logistique et l'industrie",
            "L'ETTI propose des missions d'intérim chez des entreprises classiques du "
            "département, avec un accompagnement renforcé : préparation à la mission, "
            "équipements de sécurité fournis, bilan après chaque mission, formations "
            "(CACES, habilitations). Une passerelle vers un CDI ou un CDD long.",
            ("ETTI", "intérim", "travail temporaire", "logistique", "BTP"),
        ),
    ]
    for ville, key, nom, reseaux, sdesc, snom, desc, mots in siae:
        structure(
            key,
            nom,
            ville,
            sdesc,
            reseaux=reseaux,
            horaires="Mo-Fr 08:00-12:00,13:00-16:30",
            partenaire="france-travail-82",
            domaine=key,
        )
        service(
            key,
            f"{key}-emploi",
            snom,
            desc,
            them=("siae", "trouver-un-emploi"),
            di=("offres",),
            type_="accompagnement",
            publics=(
                "demandeurs-emploi",
                "beneficiaires-des-minimas-sociaux",
                "residents-qpv-frr",
            ),
            publics_precisions="Personnes éloignées de l'emploi : chômage de longue durée, "
            "bénéficiaires du RSA, jeunes sans qualification, travailleurs handicapés.",
            conditions="Éligibilité à l'insertion par l'activité économique (diagnostic "
            "socio-professionnel par un prescripteur) ; pas de diplôme demandé.",
            zone="territoire" if key.startswith(("ai-", "aci-")) else "82",
            mob=("utiliser-lien-mobilisation", "envoyer-un-courriel"),
            par=("professionnels", "usagers"),
            mob_precisions="Candidature sur la plateforme de l'inclusion par un prescripteur "
            "habilité (France Travail, Mission Locale, Cap emploi, MDS) ou candidature "
            "spontanée par mail.",
            mots=mots,
        )
    service(
        "aci-jardins-du-tescou",
        "jardins-tescou-paniers",
        "Paniers de légumes bio solidaires",
        "Les Jardins du Tescou vendent chaque semaine des paniers de légumes bio cultivés "
        "par les salariés en insertion. Des paniers à tarif solidaire (moitié prix) sont "
        "réservés aux familles aux revenus modestes orientées par un travailleur social, "
        "avec des recettes pour cuisiner les légumes de saison.",
        them=("equipement-et-alimentation",),
        di=("alimentation",),
        type_="aide-materielle",
        publics=("tous-publics",),
        frais="payant",
        frais_precisions="Panier solidaire à 6 euros au lieu de 12 euros.",
        zone="epci",
        mob=("envoyer-un-courriel", "telephoner"),
        mob_precisions="Fiche d'orientation par mail pour le tarif solidaire ; retrait du "
        "panier le vendredi après-midi.",
        mots=("paniers", "légumes", "bio", "manger sain", "alimentation"),
        partenaire="associations-82",
        horaires="Fr 14:00-18:30",
    )
    service(
        "aci-recyclerie-quercy",
        "recyclerie-quercy-boutique",
        "Boutique de la recyclerie : meubles, vaisselle, vêtements",
        "La boutique de la Recyclerie du Quercy vend à petits prix des meubles, de "
        "l'électroménager testé, de la vaisselle, des jouets et des vêtements de seconde "
        "main. Bon d'achat solidaire sur orientation d'un travailleur social pour équiper "
        "un logement.",
        them=("equipement-et-alimentation",),
        di=("electromenager", "habillement"),
        type_="aide-materielle",
        publics=("tous-publics",),
        frais="payant",
        frais_precisions="Prix de seconde main ; bons solidaires.",
        zone="territoire",
        mob=("se-presenter",),
        mob_precisions="Boutique ouverte à tous le mercredi et le samedi.",
        mots=("meubles", "électroménager", "recyclerie", "occasion", "vaisselle"),
        partenaire="associations-82",
        horaires="We,Sa 09:30-12:30,14:00-18:00",
    )

    # Formation
    structure(
        "greta-quercy-garonne",
        "GRETA Quercy-Garonne",
        "Montauban",
        "Organisme de formation continue de l'Éducation nationale : formations qualifiantes "
        "(CAP, bac pro, titres), remise à niveau, langues, français langue étrangère.",
        reseaux=(),
        horaires="Mo-Fr 08:30-12:30,13:30-17:00",
        partenaire="france-travail-82",
        domaine="greta-quercy-garonne",
    )
    greta = [
        (
            "greta-formations-qualifiantes",
            "Formations qualifiantes pour adultes (CAP, titres professionnels)",
            "Le GRETA prépare des adultes à des diplômes et titres professionnels dans les "
            "métiers qui recrutent en Tarn-et-Garonne : aide à domicile, cuisine, logistique, "
            "vente, comptabilité, électricité, agriculture. Formations de 3 à 10 mois avec "
            "stages, financées par la Région, France Travail ou le CPF.",
            ("se-former",),
            ("trouver-formation", "dossier-formation"),
            "formation",
            ("GRETA", "formation", "CAP", "diplôme", "titre professionnel"),
            None,
        ),
        (
            "greta-remise-a-niveau",
            "Remise à niveau : français, mathématiques, bureautique",
            "Avant une formation qualifiante ou un concours, le GRETA propose une remise à "
            "niveau individualisée en français écrit, calcul, raisonnement et bureautique : "
            "positionnement à l'entrée, parcours de 2 à 4 mois, entrées toute l'année. Pour "
            "les personnes qui ont quitté l'école depuis longtemps ou n'ont pas de diplôme.",
            ("se-former", "lecture-ecriture-calcul"),
            ("trouver-formation", "francais", "calcul"),
            "formation",
            ("remise à niveau", "maths", "français", "GRETA", "savoirs de base"),
            None,
        ),
        (
            "greta-fle-pro",
            "Français à visée professionnelle (FLE pro)",
            "Une formation en français langue étrangère pour les personnes qui parlent un peu "
            "français et veulent travailler : vocabulaire des métiers, comprendre des "
            "consignes, se présenter à un employeur, lire une fiche de paie. Stages en "
            "entreprise et préparation au diplôme DELF.",
            ("lecture-ecriture-calcul", "se-former"),
            ("francais", "trouver-formation"),
            "formation",
            ("FLE", "français langue étrangère", "DELF", "français pro"),
            None,
        ),
        (
            "greta-langues-international",
            "Anglais et espagnol professionnels pour travailler à l'étranger",
            "Des modules intensifs d'anglais ou d'espagnol à visée professionnelle pour les "
            "personnes qui préparent un départ à l'étranger ou visent un emploi dans le "
            "tourisme ou le transport : entretien d'embauche en langue étrangère, CV, "
            "échanges au téléphone. Certification TOEIC ou Linguaskill en fin de parcours.",
            ("souvrir-a-linternational", "se-former"),
            ("aides-etranger", "trouver-formation"),
            "formation",
            ("anglais", "espagnol", "langues", "étranger", "TOEIC"),
            None,
        ),
        (
            "greta-remise-a-niveau-castelsarrasin",
            "Remise à niveau et savoirs de base à Castelsarrasin",
            "Le GRETA ouvre à Castelsarrasin un atelier de remise à niveau en français et en "
            "calcul pour les demandeurs d'emploi du territoire : trois demi-journées par "
            "semaine, entrées et sorties permanentes, préparation au certificat CléA.",
            ("se-former", "lecture-ecriture-calcul"),
            ("trouver-formation", "francais", "calcul"),
            "formation",
            ("remise à niveau", "CléA", "français", "calcul"),
            "Castelsarrasin",
        ),
    ]
    for slug, nom, desc, them, di, type_, mots, ville in greta:
        service(
            "greta-quercy-garonne",
            slug,
            nom,
            desc,
            them=them,
            di=di,
            type_=type_,
            publics=("demandeurs-emploi", "actifs", "jeunes"),
            conditions="Information collective puis test de positionnement ; financement à "
            "valider avec le conseiller France Travail ou Mission Locale.",
            zone="82" if ville is None else "territoire",
            mob=("telephoner", "envoyer-un-courriel"),
            par=("usagers", "professionnels"),
            mob_precisions="Inscription à une information collective par téléphone ou "
            "prescription par le conseiller.",
            mots=mots,
            ville=ville,
            adresse="Lycée professionnel, bâtiment formation continue" if ville else None,
        )
    structure(
        "campus-pro-adultes-montauban",
        "Campus Pro Adultes de Montauban",
        "Montauban",
        "Centre de formation professionnelle pour adultes : titres professionnels du "
        "ministère du Travail, préqualification, plateaux techniques et hébergement.",
        reseaux=("afpa",),
        horaires="Mo-Fr 08:00-17:00",
        partenaire="france-travail-82",
        domaine="campus-pro-adultes",
    )
    service(
        "campus-pro-adultes-montauban",
        "campus-pro-titres",
        "Titres professionnels du ministère du Travail : bâtiment, industrie, services",
        "Formations certifiantes de 6 à 12 mois sur des plateaux techniques : maçon, "
        "plaquiste, électricien, soudeur, agent de propreté, assistant de vie aux familles, "
        "agent magasinier. Rémunération possible pendant la formation ; hébergement sur le "
        "campus pour les stagiaires qui viennent de loin.",
        them=("se-former",),
        di=("trouver-formation",),
        type_="formation",
        publics=("demandeurs-emploi", "actifs"),
        conditions="Information collective, tests et entretien ; financement Région, France "
        "Travail, CPF ou Transitions Pro.",
        zone="82",
        mob=("utiliser-lien-mobilisation", "telephoner"),
        mob_precisions="Inscription aux informations collectives en ligne ou par le conseiller.",
        mots=("AFPA", "titre professionnel", "formation", "bâtiment", "reconversion"),
    )
    service(
        "campus-pro-adultes-montauban",
        "campus-pro-prequalification",
        "Préqualification : découvrir des métiers et préparer son entrée en formation",
        "Un parcours préqualifiant de 3 mois pour les personnes qui hésitent sur leur "
        "orientation : découverte de plusieurs métiers sur les plateaux techniques, stage en "
        "entreprise, remise à niveau, travail sur le projet. À la sortie, entrée en "
        "formation qualifiante ou en emploi.",
        them=("choisir-un-metier", "se-former"),
        di=("decouvrir-metier", "confirmer-metier", "trouver-formation"),
        type_="formation",
        publics=("demandeurs-emploi", "jeunes", "beneficiaires-des-minimas-sociaux"),
        conditions="Prescription France Travail, Mission Locale ou Cap emploi.",
        zone="82",
        mob=("envoyer-un-courriel",),
        par=("professionnels",),
        mob_precisions="Prescription par le conseiller via la plateforme de la Région.",
        mots=("préqualification", "orientation", "découverte métier", "stage", "projet"),
    )
    structure(
        "e2c-montauban",
        "École de la deuxième chance de Montauban",
        "Montauban",
        "École de la deuxième chance : parcours en alternance pour les jeunes sans diplôme ni "
        "qualification.",
        reseaux=("ecoles-de-la-deuxieme-chance",),
        horaires="Mo-Fr 08:30-17:00",
        partenaire="mission-locale-82",
        domaine="e2c-montauban",
    )
    service(
        "e2c-montauban",
        "e2c-parcours",
        "Parcours E2C pour les jeunes sans diplôme (16-25 ans)",
        "L'école de la deuxième chance accueille les jeunes sortis de l'école sans diplôme "
        "pour un parcours de 6 à 10 mois qui alterne cours (français, maths, numérique), "
        "projet professionnel et stages en entreprise. Les stagiaires sont rémunérés. À la "
        "clé : un emploi, un apprentissage ou une formation qualifiante.",
        them=("se-former", "choisir-un-metier"),
        di=("trouver-formation", "decouvrir-metier"),
        type_="formation",
        publics=("jeunes",),
        publics_precisions="Jeunes de 16 à 25 ans sans diplôme ni qualification.",
        conditions="Entretien de motivation ; aucune condition de diplôme.",
        zone="82",
        mob=("telephoner", "envoyer-un-courriel"),
        mob_precisions="Le jeune appelle ou la Mission Locale l'oriente par mail.",
        mots=("E2C", "deuxième chance", "jeunes", "sans diplôme", "décrocheur"),
    )
    structure(
        "savoirs-competences-82",
        "Savoirs & Compétences 82",
        "Montauban",
        "Association de lutte contre l'illettrisme et d'apprentissage des savoirs de base "
        "pour adultes.",
        reseaux=("anlci",),
        horaires="Mo-Th 09:00-12:00,13:30-17:00",
        partenaire="associations-82",
        domaine="savoirs-competences-82",
    )
    service(
        "savoirs-competences-82",
        "savoirs-illettrisme",
        "Réapprendre à lire, écrire et compter (illettrisme)",
        "Pour les adultes qui ont été à l'école en France mais ont des difficultés à lire un "
        "courrier, remplir un formulaire, écrire un message ou compter la monnaie : ateliers "
        "en petit groupe, à son rythme, avec des supports de la vie quotidienne et du "
        "travail. Discrétion garantie. Gratuit.",
        them=("lecture-ecriture-calcul",),
        di=("francais", "calcul"),
        type_="formation",
        publics=("tous-publics",),
        zone="82",
        mob=("telephoner",),
        par=("usagers", "professionnels"),
        mob_precisions="Entretien individuel d'accueil sur rendez-vous.",
        mots=("illettrisme", "lire", "écrire", "compter", "savoirs de base"),
    )
    service(
        "savoirs-competences-82",
        "savoirs-clea",
        "Certificat CléA : valoriser ses compétences de base",
        "Préparation et passage du certificat CléA, reconnu par les employeurs, qui atteste "
        "des compétences de base : communication en français, calcul, numérique, travail en "
        "équipe, règles et sécurité. Évaluation de départ, formation sur les points à "
        "renforcer, certification.",
        them=("preparer-sa-candidature", "se-former"),
        di=("valoriser", "trouver-formation"),
        type_="formation",
        publics=("demandeurs-emploi", "actifs"),
        conditions="Financement CPF ou France Travail.",
        zone="82",
        mob=("telephoner", "envoyer-un-courriel"),
        mob_precisions="Prendre contact par téléphone ou prescription par mail.",
        mots=("CléA", "certificat", "compétences", "CPF"),
    )
    structure(
        "evolution-pro-82",
        "Évolution Pro Occitanie - Tarn-et-Garonne",
        "Montauban",
        "Opérateur du conseil en évolution professionnelle (CEP) pour les salariés et "
        "indépendants.",
        reseaux=(),
        horaires="Mo-Fr 09:00-18:00",
        partenaire="france-travail-82",
        domaine="evolution-pro-82",
    )
    service(
        "evolution-pro-82",
        "cep-conseil-evolution",
        "Conseil en évolution professionnelle (CEP) : reconversion et CPF",
        "Un conseiller gratuit et confidentiel pour les salariés et les indépendants qui "
        "veulent changer de métier, évoluer ou se former : point sur les compétences, "
        "exploration des métiers, choix d'une formation, utilisation du compte personnel de "
        "formation (CPF), projet de transition professionnelle.",
        them=("choisir-un-metier", "se-former"),
        di=("competences", "dossier-formation"),
        type_="accompagnement",
        publics=("actifs",),
        zone="82",
        accueil=("en-presentiel", "a-distance"),
        mob=("utiliser-lien-mobilisation", "telephoner"),
        mob_precisions="Rendez-vous en ligne ou par téléphone.",
        mots=("CEP", "reconversion", "CPF", "bilan de compétences", "salarié"),
    )
    structure(
        "espace-metiers-82",
        "Espace Métiers 82",
        "Montauban",
        "Centre de ressources sur les métiers, l'orientation et l'emploi, ouvert à tous "
        "(type cité des métiers).",
        reseaux=(),
        horaires="Tu-Fr 09:30-12:30,13:30-17:30",
        partenaire="france-travail-82",
        domaine="espace-metiers-82",
    )
    service(
        "espace-metiers-82",
        "espace-metiers-decouverte",
        "Découvrir des métiers : rencontres avec des professionnels et visites d'entreprises",
        "Chaque semaine, des professionnels présentent leur métier (soins, bâtiment, "
        "industrie agroalimentaire, transport, numérique) et des visites d'entreprises du "
        "département sont organisées. Casques de réalité virtuelle pour tester des gestes "
        "professionnels. Conseil sur l'orientation sans rendez-vous.",
        them=("choisir-un-metier",),
        di=("decouvrir-metier", "opportunites"),
        type_="atelier",
        publics=("tous-publics",),
        zone="82",
        mob=("se-presenter", "utiliser-lien-mobilisation"),
        mob_precisions="Accès libre ; inscription en ligne pour les visites d'entreprises.",
        mots=("métiers", "orientation", "visite d'entreprise", "découverte métier"),
    )
    service(
        "espace-metiers-82",
        "espace-metiers-points-forts",
        "Atelier « Mes points forts » : identifier ses compétences",
        "Un atelier collectif de deux demi-journées pour mettre des mots sur ce que l'on "
        "sait faire, y compris hors emploi (bénévolat, vie de famille, bricolage) : tests "
        "de centres d'intérêt, portefeuille de compétences, pistes de métiers. Utile avant "
        "une reconversion ou un retour à l'emploi.",
        them=("choisir-un-metier", "preparer-sa-candidature"),
        di=("competences", "valoriser"),
        type_="atelier",
        publics=("tous-publics",),
        zone="82",
        mob=("utiliser-lien-mobilisation", "telephoner"),
        mob_precisions="Inscription en ligne ou à l'accueil.",
        mots=("compétences", "points forts", "orientation", "projet professionnel"),
    )
    structure(
        "plie-grand-montauban",
        "PLIE du Grand Montauban",
        "Montauban",
        "Plan local pour l'insertion et l'emploi : accompagnement renforcé vers l'emploi des "
        "habitants de l'agglomération.",
        reseaux=("plie",),
        horaires="Mo-Fr 09:00-12:00,13:30-17:00",
        partenaire="france-travail-82",
        domaine="plie-grand-montauban",
    )
    service(
        "plie-grand-montauban",
        "plie-accompagnement-renforce",
        "Accompagnement renforcé vers l'emploi (PLIE)",
        "Un référent de parcours suit la personne pendant 12 à 24 mois, avec des rendez-vous "
        "fréquents : projet professionnel, formations, contrats aidés, mise en relation avec "
        "les employeurs de l'agglomération, suivi dans les six premiers mois de l'emploi. "
        "Priorité aux habitants des quartiers prioritaires et aux personnes de plus de 50 "
        "ans.",
        them=("trouver-un-emploi",),
        di=("offres", "relancer", "maintien-emploi"),
        type_="accompagnement",
        publics=(
            "demandeurs-emploi",
            "beneficiaires-des-minimas-sociaux",
            "residents-qpv-frr",
            "seniors",
        ),
        conditions="Habiter le Grand Montauban ; orientation par un prescripteur.",
        zone="epci",
        mob=("envoyer-un-courriel",),
        par=("professionnels",),
        mob_precisions="Fiche d'orientation à envoyer par mail au PLIE.",
        mots=("PLIE", "référent de parcours", "emploi", "quartiers", "seniors"),
    )


# --------------------------------------------------------------------------------------------
# Numérique, français, centres sociaux
# --------------------------------------------------------------------------------------------
def build_numerique_fle() -> None:
    structure(
        "epn-la-fabrique-montauban",
        "Espace public numérique La Fabrique",
        "Montauban",
        "Espace public numérique municipal : postes en accès libre, ateliers, conseillers "
        "numériques, aidants habilités Aidants Connect.",
        reseaux=("espaces-publics-numeriques", "conseillers-numeriques", "aidants-connect"),
        horaires="Tu-Fr 10:00-12:30,13:30-18:00; Sa 10:00-13:00",
        domaine="epn-la-fabrique",
    )
    service(
        "epn-la-fabrique-montauban",
        "epn-ateliers-debutants",
        "Ateliers numériques pour débutants : ordinateur, smartphone, internet",
        "Des ateliers en petits groupes pour apprendre les bases : allumer un ordinateur, "
        "utiliser la souris et le clavier, créer une adresse mail, envoyer une pièce "
        "jointe, installer une application sur son smartphone, éviter les arnaques. Cycle de "
        "huit séances, sans prérequis, animé par les conseillers numériques.",
        them=("numerique",),
        di=("fondamentaux",),
        type_="atelier",
        publics=("tous-publics",),
        zone="epci",
        mob=("telephoner", "se-presenter"),
        mob_precisions="Inscription à l'accueil ou par téléphone.",
        mots=("informatique", "ordinateur", "internet", "mail", "smartphone", "débutant"),
    )
    service(
        "epn-la-fabrique-montauban",
        "epn-acces-libre",
        "Accès libre à internet, impression et scan",
        "Douze ordinateurs connectés en accès libre et gratuit, wifi, imprimante et scanner "
        "pour imprimer un CV, scanner des justificatifs ou consulter ses comptes en ligne. "
        "Un médiateur est présent pour dépanner.",
        them=("numerique",),
        di=("connexion",),
        type_="aide-materielle",
        publics=("tous-publics",),
        zone="epci",
        mob=("se-presenter",),
        mob_precisions="Sans rendez-vous aux heures d'ouverture.",
        mots=("internet", "wifi", "imprimer", "scanner", "ordinateur"),
    )
    service(
        "epn-la-fabrique-montauban",
        "epn-aidants-connect",
        "Démarches en ligne faites avec un aidant habilité (Aidants Connect)",
        "Pour les personnes qui ne peuvent pas faire seules leurs démarches sur internet, un "
        "aidant habilité Aidants Connect réalise la démarche avec elles et pour elles, de "
        "façon sécurisée : CAF, ameli, impôts, ANTS, retraite, France Travail. Un mandat est "
        "signé pour protéger les données.",
        them=("numerique", "difficultes-administratives-ou-juridiques"),
        di=("services-en-ligne", "demarches"),
        type_="accompagnement",
        publics=("tous-publics",),
        conditions="Pièce d'identité ; identifiants si la personne les possède.",
        zone="epci",
        mob=("telephoner",),
        mob_precisions="Rendez-vous par téléphone.",
        mots=("Aidants Connect", "démarches en ligne", "internet", "CAF", "ameli"),
    )
    structure(
        "octet-solidaire-82",
        "Octet Solidaire 82",
        "Montauban",
        "Atelier de reconditionnement informatique et de solidarité numérique.",
        reseaux=(),
        horaires="We-Fr 10:00-12:30,14:00-18:00",
        partenaire="associations-82",
        domaine="octet-solidaire-82",
    )
    service(
        "octet-solidaire-82",
        "octet-ordinateurs-reconditionnes",
        "Ordinateurs et téléphones reconditionnés à petit prix",
        "Des ordinateurs portables et fixes, tablettes et smartphones reconditionnés et "
        "garantis un an, vendus à prix solidaire aux personnes aux revenus modestes : "
        "demandeurs d'emploi, étudiants boursiers, bénéficiaires du RSA. Installation des "
        "logiciels utiles et prise en main offertes.",
        them=("numerique",),
        di=("equipement-numerique",),
        type_="aide-materielle",
        publics=("demandeurs-emploi", "beneficiaires-des-minimas-sociaux", "etudiants"),
        conditions="Justificatif de situation (attestation France Travail, CAF, bourse).",
        frais="payant",
        frais_precisions="Ordinateur portable à partir de 80 euros, smartphone à partir de "
        "40 euros.",
        zone="82",
        mob=("se-presenter",),
        mob_precisions="Se présenter à l'atelier avec le justificatif.",
        mots=("ordinateur", "PC", "portable", "téléphone", "reconditionné", "tablette"),
    )
    service(
        "octet-solidaire-82",
        "octet-connexion-solidaire",
        "Forfaits téléphone et internet solidaires",
        "Pour rester joignable par un employeur ou un travailleur social : recharges de "
        "téléphone et forfaits internet à tarif très réduit, cartes SIM, aide pour choisir "
        "l'offre sociale la moins chère et résilier un abonnement trop coûteux.",
        them=("numerique", "difficultes-financieres"),
        di=("connexion", "gestion-budget"),
        type_="aide-materielle",
        publics=("personnes-en-situation-durgence", "beneficiaires-des-minimas-sociaux"),
        conditions="Orientation par un travailleur social.",
        frais="payant",
        frais_precisions="Recharges à 2 ou 5 euros par mois.",
        zone="82",
        mob=("envoyer-un-courriel",),
        par=("professionnels",),
        mob_precisions="Fiche d'orientation à envoyer par mail.",
        mots=("téléphone", "forfait", "recharge", "internet", "connexion"),
    )
    structure(
        "mediatheque-caussade",
        "Médiathèque intercommunale du Quercy Caussadais",
        "Caussade",
        "Médiathèque : prêt de livres et de jeux, espace numérique, ateliers pour tous les âges.",
        reseaux=("espaces-publics-numeriques",),
        horaires="Tu,Fr 14:00-18:00; We,Sa 10:00-12:30,14:00-18:00",
        domaine="mediatheque-caussade",
    )
    service(
        "mediatheque-caussade",
        "mediatheque-caussade-numerique",
        "Permanences numériques et ateliers seniors à la médiathèque de Caussade",
        "Le samedi matin, un conseiller numérique répond aux questions sur l'ordinateur, la "
        "tablette ou le smartphone ; le mardi, ateliers pour les seniors : photos, visio "
        "avec la famille, sécurité en ligne, démarches de retraite. Accès internet gratuit "
        "pour les abonnés, abonnement gratuit.",
        them=("numerique", "remobilisation"),
        di=("fondamentaux", "lien-social"),
        type_="atelier",
        publics=("tous-publics",),
        zone="epci",
        mob=("se-presenter",),
        mob_precisions="Sans rendez-vous le samedi ; inscription pour les ateliers.",
        mots=("numérique", "seniors", "tablette", "internet", "médiathèque"),
    )
    structure(
        "tiers-lieu-grange-molieres",
        "Tiers-lieu La Grange de Molières",
        "Molières",
        "Tiers-lieu associatif rural : café, espace numérique, coworking, ateliers et repair café.",
        reseaux=("fabrique-de-territoire",),
        horaires="We-Fr 10:00-18:00; Sa 10:00-13:00",
        partenaire="associations-82",
        domaine="grange-molieres",
    )
    service(
        "tiers-lieu-grange-molieres",
        "grange-molieres-numerique",
        "Espace numérique et aide aux démarches en ligne en milieu rural",
        "À Molières, le tiers-lieu met à disposition ordinateurs, imprimante et connexion "
        "internet, et une médiatrice numérique aide aux démarches en ligne et à la "
        "recherche d'emploi. Pour les habitants des villages qui n'ont pas de bonne "
        "connexion chez eux.",
        them=("numerique",),
        di=("connexion", "services-en-ligne"),
        type_="accompagnement",
        publics=("tous-publics",),
        zone="epci",
        mob=("se-presenter",),
        mob_precisions="Sans rendez-vous aux heures d'ouverture.",
        mots=("internet", "numérique", "ordinateur", "rural", "tiers-lieu"),
    )
    service(
        "tiers-lieu-grange-molieres",
        "grange-molieres-repair-cafe",
        "Café associatif et repair café",
        "Un café associatif ouvert à tous pour se retrouver, et une fois par mois un repair "
        "café : des bénévoles aident à réparer petit électroménager, vélos, vêtements et "
        "objets du quotidien. Une bonne occasion de rencontrer ses voisins et de partager "
        "ses savoir-faire.",
        them=("remobilisation", "equipement-et-alimentation"),
        di=("lien-social", "benevolat", "electromenager"),
        type_="atelier",
        publics=("tous-publics",),
        zone="epci",
        mob=("se-presenter",),
        mob_precisions="Venir librement ; repair café le premier samedi du mois.",
        mots=("repair café", "réparer", "café associatif", "voisins", "bénévoles"),
    )

    # Français langue étrangère et alphabétisation
    fle = [
        (
            "Montauban",
            "parlons-ensemble-montauban",
            "Association Parlons Ensemble",
            "fle-parlons-ensemble",
            "Cours de français langue étrangère (FLE) et ateliers sociolinguistiques",
            "Cours de français pour adultes étrangers, du niveau débutant à B1 : parler, "
            "comprendre, lire et écrire le français de la vie quotidienne (médecin, école, "
            "administration, travail). Ateliers sociolinguistiques avec visites de la ville. "
            "Groupes de niveau après un test ; halte-garderie pendant les cours du matin.",
            ("FLE", "français", "cours de français", "ASL", "apprendre le français"),
        ),
        (
            "Caussade",
            "alpha-quercy-caussade",
            "Alpha Quercy",
            "alpha-quercy-alphabetisation",
            "Alphabétisation et français langue étrangère à Caussade",
            "Des bénévoles formés apprennent à lire et à écrire aux adultes qui n'ont pas été "
            "scolarisés (alphabétisation) et aident les personnes étrangères à progresser en "
            "français oral et écrit. Cours deux fois par semaine, petits groupes, supports "
            "adaptés, ambiance bienveillante.",
            ("alphabétisation", "FLE", "lire", "écrire", "français"),
        ),
        (
            "Labastide-Saint-Pierre",
            "accueil-francais-grand-sud",
            "Accueil Français Grand Sud",
            "accueil-francais-cours",
            "Cours de français et conversation - Grand Sud Tarn-et-Garonne",
            "Des cours de français langue étrangère et des cafés conversation à Labastide-"
            "Saint-Pierre pour les habitants du Grand Sud : nouveaux arrivants, conjoints "
            "rejoignants, travailleurs saisonniers. Préparation au niveau A2 demandé pour le "
            "titre de séjour pluriannuel.",
            ("FLE", "cours de français", "conversation", "titre de séjour", "A2"),
        ),
        (
            "Beaumont-de-Lomagne",
            "lire-ecrire-lomagne",
            "Lire et Écrire en Lomagne",
            "lire-ecrire-lomagne-ateliers",
            "Ateliers lire, écrire, compter en Lomagne",
            "Ateliers gratuits de savoirs de base pour les adultes de la Lomagne : "
            "lecture, écriture, calcul, utilisation des papiers du quotidien (factures, "
            "courriers, bulletins de salaire). Accueil individualisé, à Beaumont-de-Lomagne "
            "et à Lavit, pour les personnes en situation d'illettrisme ou qui apprennent le "
            "français.",
            ("illettrisme", "lire", "écrire", "compter", "savoirs de base"),
        ),
        (
            "Valence",
            "trait-encre-valence",
            "Association Trait d'Encre",
            "trait-encre-fle",
            "Cours de français et alphabétisation à Valence",
            "L'association Trait d'Encre propose à Valence des cours de français pour les "
            "adultes étrangers (FLE) et des ateliers d'alphabétisation, en journée et en "
            "soirée pour les personnes qui travaillent. Aide aux devoirs des enfants pour les "
            "parents qui apprennent le français.",
            ("FLE", "alphabétisation", "français", "cours du soir"),
        ),
    ]
    for ville, key, nom, slug, snom, desc, mots in fle:
        structure(
            key,
            nom,
            ville,
            f"Association d'apprentissage du français pour adultes à {ville}.",
            reseaux=(),
            horaires=pick(
                "Mo,Th 09:00-11:30; Tu 18:00-20:00",
                "Tu,Fr 14:00-16:30",
                "Mo,We 09:30-12:00",
            ),
            partenaire="associations-82",
            domaine=key,
            site=False,
        )
        service(
            key,
            slug,
            snom,
            desc,
            them=("lecture-ecriture-calcul",),
            di=("francais",),
            type_="formation",
            publics=("personnes-exilees", "demandeurs-emploi"),
            frais="payant",
            frais_precisions="Adhésion de 10 à 20 euros par an ; gratuit pour les "
            "bénéficiaires du RSA.",
            conditions="Test de niveau à l'inscription.",
            zone="epci",
            mob=("se-presenter", "telephoner"),
            mob_precisions="Inscriptions en septembre et en janvier ; test de niveau sur "
            "rendez-vous.",
            mots=mots,
        )

    # Centres sociaux
    cs = [
        ("Montauban", "centre-social-quatre-saisons", "Centre social Les Quatre Saisons"),
        ("Moissac", "centre-social-chasselas-moissac", "Centre social Le Chasselas"),
        ("Castelsarrasin", "centre-social-la-ruche", "Centre social La Ruche"),
        ("Caussade", "centre-social-caussade", "Centre social intercommunal du Caussadais"),
        ("Grisolles", "evs-grisolles", "Espace de vie sociale de Grisolles"),
    ]
    for ville, key, nom in cs:
        structure(
            key,
            nom,
            ville,
            f"Centre social agréé par la CAF à {ville} : accueil des habitants, activités "
            "familles, ateliers, accompagnement des projets collectifs.",
            reseaux=("fcsf",),
            horaires="Mo-Fr 09:00-12:00,13:30-18:30",
            partenaire="caf-82",
            domaine=key,
        )
        tag = slugify(ville)
        service(
            key,
            f"{key}-familles",
            f"Sorties familles et soutien à la parentalité - {nom}",
            pick(
                f"Le centre social de {ville} propose aux familles des sorties à petit prix "
                "(plage, zoo, spectacles), des ateliers parents-enfants, des cafés des "
                "parents pour échanger sur l'éducation, les écrans ou l'adolescence, et un "
                "accompagnement à la scolarité. Une référente familles accueille et oriente.",
                f"Ateliers parents-enfants le mercredi, groupe de parole entre parents, "
                f"sorties et vacances familiales : à {ville}, le centre social aide les "
                "familles à souffler, à partager des moments avec leurs enfants et à rompre "
                "l'isolement, en lien avec la CAF.",
            ),
            them=("famille", "remobilisation"),
            di=("parentalite", "lien-social", "sport-culture"),
            type_="atelier",
            publics=("familles",),
            frais="payant",
            frais_precisions="Adhésion familiale de 5 à 15 euros ; sorties selon le quotient "
            "familial.",
            zone="epci",
            mob=("se-presenter", "telephoner"),
            mob_precisions="Venir à l'accueil du centre social.",
            mots=("centre social", "parents", "sorties", "enfants", "parentalité"),
        )
        if ville in ("Moissac", "Castelsarrasin"):
            service(
                key,
                f"{key}-fle",
                f"Ateliers de français et d'alphabétisation - {nom}",
                f"Des ateliers de français pour les adultes de {ville} qui souhaitent mieux "
                "parler, lire et écrire : FLE pour les personnes étrangères, alphabétisation "
                "pour celles qui n'ont pas été scolarisées, conversation. Deux matinées par "
                "semaine, garderie sur place.",
                them=("lecture-ecriture-calcul",),
                di=("francais",),
                type_="formation",
                publics=("personnes-exilees", "familles"),
                zone="epci",
                mob=("se-presenter",),
                mob_precisions="Inscription à l'accueil du centre social.",
                mots=("FLE", "alphabétisation", "français", "atelier"),
            )
        if ville in ("Moissac", "Caussade", "Grisolles"):
            service(
                key,
                f"{key}-point-emploi",
                f"Point emploi : CV, ordinateurs et offres - {nom}",
                f"Au centre social de {ville}, un espace emploi avec ordinateurs, imprimante "
                "et journaux d'offres ; une animatrice aide à faire son CV, sa lettre de "
                "motivation et à postuler en ligne, le mardi et le jeudi. Les offres locales "
                "et les job datings sont affichés.",
                them=("preparer-sa-candidature", "numerique"),
                di=("cv", "organiser", "services-en-ligne"),
                type_="accompagnement",
                publics=("tous-publics",),
                zone="epci",
                mob=("se-presenter",),
                mob_precisions="Sans rendez-vous le mardi et le jeudi après-midi.",
                mots=("CV", "offres d'emploi", "ordinateur", "candidature", "emploi"),
                horaires="Tu,Th 14:00-17:30",
            )
        if ville == "Montauban":
            service(
                key,
                f"{key}-numerique-{tag}",
                "Ateliers numériques en famille et accès internet - Les Quatre Saisons",
                "Au cœur du quartier prioritaire, le centre social ouvre un espace numérique "
                "avec accompagnement : créer ses comptes, suivre la scolarité des enfants sur "
                "l'ENT, faire une démarche CAF, imprimer des documents. Ateliers parents-ados "
                "sur les écrans et les réseaux sociaux.",
                them=("numerique", "famille"),
                di=("fondamentaux", "services-en-ligne", "parentalite"),
                type_="atelier",
                publics=("residents-qpv-frr", "familles"),
                zone="commune",
                mob=("se-presenter",),
                mob_precisions="Sans rendez-vous les après-midi.",
                mots=("numérique", "ENT", "internet", "écrans", "quartier"),
            )


# --------------------------------------------------------------------------------------------
# Création d'activité, candidature, international, remobilisation
# --------------------------------------------------------------------------------------------
def build_creation_candidature() -> None:
    structure(
        "bge-garonne-quercy",
        "BGE Garonne-Quercy",
        "Montauban",
        "Association d'appui aux créateurs et repreneurs d'entreprise : accueil, formation, "
        "financement, suivi après création.",
        reseaux=("reseau-bge",),
        horaires="Mo-Fr 09:00-12:30,13:30-17:30",
        partenaire="associations-82",
        domaine="bge-garonne-quercy",
    )
    service(
        "bge-garonne-quercy",
        "bge-accueil-createurs",
        "Créer son entreprise : premier accueil et réunion d'information",
        "Vous avez une idée d'entreprise ou voulez devenir auto-entrepreneur ? La BGE "
        "organise chaque semaine une réunion d'information sur les étapes de la création, "
        "les statuts (micro-entreprise, société), les aides (ACRE, ARCE pour les "
        "demandeurs d'emploi) et propose un entretien individuel pour vérifier la "
        "faisabilité du projet.",
        them=("creer-une-entreprise",),
        di=("definir-projet",),
        type_="information",
        publics=("tous-publics",),
        zone="82",
        mob=("utiliser-lien-mobilisation", "telephoner"),
        mob_precisions="Inscription en ligne ou par téléphone à la réunion d'information.",
        mots=("créer son entreprise", "auto-entrepreneur", "micro-entreprise", "ACRE", "ARCE"),
    )
    service(
        "bge-garonne-quercy",
        "bge-formation-entreprendre",
        "Formation « Entreprendre » : business plan et étude de marché",
        "Une formation de 4 à 8 semaines pour construire son projet de création : étude de "
        "marché, prix de vente, prévisionnel financier, choix du statut, démarches, "
        "communication. Accompagnement individuel par un conseiller jusqu'au lancement, "
        "puis suivi pendant trois ans.",
        them=("creer-une-entreprise", "se-former"),
        di=("structurer-projet", "trouver-formation"),
        type_="formation",
        publics=("demandeurs-emploi", "beneficiaires-des-minimas-sociaux", "actifs"),
        conditions="Projet de création identifié ; financement Région ou CPF.",
        zone="82",
        mob=("telephoner", "envoyer-un-courriel"),
        mob_precisions="Après l'entretien individuel ; prescription possible par France "
        "Travail ou la MDS.",
        mots=("business plan", "création d'entreprise", "étude de marché", "formation"),
    )
    service(
        "bge-garonne-quercy",
        "bge-permanence-castelsarrasin",
        "Permanence création d'entreprise à Castelsarrasin",
        "Un conseiller de la BGE reçoit à Castelsarrasin les porteurs de projet du "
        "territoire : premier point sur l'idée, statuts, aides à la création, financement, "
        "suivi des jeunes entreprises. Également ouvert aux bénéficiaires du RSA "
        "travailleurs indépendants qui veulent développer leur activité.",
        them=("creer-une-entreprise",),
        di=("definir-projet", "developper-entreprise"),
        type_="accompagnement",
        publics=("tous-publics",),
        zone="territoire",
        mob=("telephoner",),
        mob_precisions="Sur rendez-vous au numéro de la BGE.",
        mots=("création d'entreprise", "créer sa boîte", "indépendant", "permanence"),
        ville="Castelsarrasin",
        adresse="Pépinière d'entreprises, bureau 4",
        horaires="Th[2,4] 09:00-12:30",
    )
    structure(
        "microcredit-entreprendre-82",
        "Microcrédit Entreprendre 82 (réseau Adie)",
        "Montauban",
        "Antenne du réseau de microcrédit professionnel : financement et accompagnement des "
        "personnes qui n'ont pas accès au crédit bancaire pour créer ou développer leur "
        "activité.",
        reseaux=("adie",),
        horaires="Mo-Fr 09:00-12:30,14:00-17:30",
        partenaire="associations-82",
        domaine="microcredit-entreprendre-82",
    )
    service(
        "microcredit-entreprendre-82",
        "microcredit-professionnel",
        "Microcrédit professionnel pour créer ou développer son activité",
        "Un prêt jusqu'à 12 000 euros, éventuellement complété par un prêt d'honneur, pour "
        "financer le démarrage d'une activité (matériel, véhicule, stock, trésorerie) quand "
        "la banque refuse. Ouvert aux demandeurs d'emploi et aux bénéficiaires du RSA. "
        "Accompagnement gratuit avant et après le financement.",
        them=("creer-une-entreprise",),
        di=("structurer-projet", "developper-entreprise"),
        type_="aide-financiere",
        publics=("demandeurs-emploi", "beneficiaires-des-minimas-sociaux", "actifs"),
        frais="payant",
        frais_precisions="Prêt remboursable avec intérêts ; frais de dossier de 5 %.",
        conditions="Projet viable ; capacité de remboursement.",
        zone="82",
        accueil=("en-presentiel", "a-distance"),
        mob=("utiliser-lien-mobilisation", "telephoner"),
        mob_precisions="Demande en ligne ou par téléphone ; réponse sous 15 jours.",
        mots=("microcrédit", "micro-crédit", "prêt", "financement", "auto-entrepreneur"),
    )
    service(
        "microcredit-entreprendre-82",
        "microcredit-accompagnement-micro-entrepreneurs",
        "Accompagnement des micro-entrepreneurs : déclarations, compta, clients",
        "Des ateliers et des rendez-vous avec des bénévoles experts pour faire vivre sa "
        "micro-entreprise : déclarations URSSAF, facturation, tenue des comptes, "
        "assurance, trouver des clients, être présent sur internet. Pour les "
        "auto-entrepreneurs qui débutent ou rencontrent des difficultés.",
        them=("creer-une-entreprise",),
        di=("developper-entreprise",),
        type_="atelier",
        publics=("actifs",),
        zone="82",
        accueil=("en-presentiel", "a-distance"),
        mob=("telephoner",),
        mob_precisions="Inscription par téléphone.",
        mots=("auto-entrepreneur", "URSSAF", "comptabilité", "facturation", "clients"),
    )
    structure(
        "couveuse-ozon-82",
        "Couveuse d'entreprises Ozon'82",
        "Montauban",
        "Couveuse d'entreprises : tester son activité en grandeur réelle sans créer de "
        "structure juridique.",
        reseaux=(),
        horaires="Mo-Fr 09:00-17:00",
        partenaire="associations-82",
        domaine="ozon-82",
    )
    service(
        "couveuse-ozon-82",
        "couveuse-test-activite",
        "Tester son activité en couveuse avant de créer",
        "La couveuse permet de démarrer son activité pendant 6 à 36 mois sous le numéro "
        "SIRET de la couveuse : facturer de vrais clients, tester son prix et son marché, en "
        "gardant ses allocations (ARE, RSA). Formations collectives chaque semaine et "
        "accompagnement individuel avant de se lancer pour de bon.",
        them=("creer-une-entreprise",),
        di=("structurer-projet",),
        type_="accompagnement",
        publics=("demandeurs-emploi", "beneficiaires-des-minimas-sociaux"),
        conditions="Projet validé en comité d'entrée.",
        frais="payant",
        frais_precisions="Contribution de 10 % du chiffre d'affaires.",
        zone="82",
        mob=("envoyer-un-courriel",),
        mob_precisions="Dossier de candidature par mail ; comité d'entrée mensuel.",
        mots=("couveuse", "tester son activité", "création", "auto-entrepreneur"),
    )
    structure(
        "cae-quercy-entreprendre",
        "Coopérative d'activité Quercy Entreprendre",
        "Caussade",
        "Coopérative d'activité et d'emploi : entrepreneurs salariés dans les services, "
        "l'artisanat et l'agriculture.",
        reseaux=(),
        horaires="Mo-Th 09:00-17:00",
        partenaire="associations-82",
        domaine="cae-quercy",
    )
    service(
        "cae-quercy-entreprendre",
        "cae-entrepreneur-salarie",
        "Devenir entrepreneur salarié en coopérative d'activité",
        "La coopérative héberge l'activité de l'entrepreneur qui devient salarié de la "
        "coopérative (CDI d'entrepreneur salarié) : protection sociale complète, gestion "
        "comptable et juridique mutualisée, entraide entre entrepreneurs. Adapté aux "
        "métiers de service, d'artisanat et aux activités agricoles de petite taille.",
        them=("creer-une-entreprise",),
        di=("structurer-projet", "developper-entreprise"),
        type_="accompagnement",
        publics=("demandeurs-emploi", "actifs"),
        frais="payant",
        frais_precisions="Contribution coopérative de 10 % de la marge.",
        zone="82",
        mob=("telephoner",),
        mob_precisions="Réunion d'information mensuelle ; inscription par téléphone.",
        mots=("CAE", "coopérative", "entrepreneur salarié", "création"),
    )
    structure(
        "initiative-quercy-garonne",
        "Initiative Quercy-Garonne",
        "Montauban",
        "Plateforme de prêts d'honneur et de parrainage pour créateurs et repreneurs d'entreprise.",
        reseaux=("initiative-france",),
        horaires="Mo-Fr 09:00-12:30,14:00-17:30",
        partenaire="associations-82",
        domaine="initiative-quercy-garonne",
    )
    service(
        "initiative-quercy-garonne",
        "initiative-pret-honneur",
        "Prêt d'honneur à taux zéro et parrainage de créateurs",
        "Un prêt personnel sans intérêt ni garantie, de 3 000 à 30 000 euros, pour renforcer "
        "l'apport et obtenir un prêt bancaire, accordé par un comité de chefs d'entreprise "
        "locaux. Chaque créateur est ensuite parrainé par un dirigeant expérimenté pendant "
        "les premières années.",
        them=("creer-une-entreprise",),
        di=("structurer-projet", "developper-entreprise"),
        type_="aide-financiere",
        publics=("tous-publics",),
        conditions="Projet de création ou de reprise dans le département ; plan de financement.",
        zone="82",
        mob=("telephoner", "envoyer-un-courriel"),
        mob_precisions="Prendre rendez-vous avec une chargée de mission.",
        mots=("prêt d'honneur", "reprise", "financement", "parrain", "création"),
    )
    structure(
        "cma-82",
        "Chambre de métiers et de l'artisanat - antenne de Montauban",
        "Montauban",
        "Accompagnement des artisans : création, formalités, apprentissage, formation.",
        reseaux=("chambres-consulaires",),
        horaires="Mo-Fr 08:30-12:00,13:30-17:00",
        partenaire="associations-82",
        domaine="cma-82-antenne",
    )
    service(
        "cma-82",
        "cma-creation-artisans",
        "Créer une entreprise artisanale : formalités et stage de préparation",
        "Le service création de la chambre de métiers informe les futurs artisans "
        "(bâtiment, coiffure, alimentation, mécanique) sur les qualifications exigées, les "
        "assurances et les formalités, et propose un stage de préparation à l'installation "
        "de quelques jours pour la gestion, le commercial et le juridique.",
        them=("creer-une-entreprise",),
        di=("definir-projet", "structurer-projet"),
        type_="formation",
        publics=("tous-publics",),
        frais="payant",
        frais_precisions="Stage de préparation finançable par le CPF ou France Travail.",
        zone="82",
        mob=("telephoner", "utiliser-lien-mobilisation"),
        mob_precisions="Rendez-vous par téléphone ou inscription en ligne.",
        mots=("artisan", "chambre de métiers", "formalités", "installation", "CMA"),
    )

    # Candidature
    structure(
        "vestiaire-emploi-82",
        "Le Vestiaire de l'Emploi 82",
        "Montauban",
        "Association qui aide les personnes en recherche d'emploi à réussir leurs entretiens : "
        "tenue professionnelle offerte, coaching en image, simulation d'entretien.",
        reseaux=("la-cravate-solidaire",),
        horaires="Tu-Fr 10:00-17:00",
        partenaire="associations-82",
        domaine="vestiaire-emploi-82",
    )
    service(
        "vestiaire-emploi-82",
        "vestiaire-tenue-entretien",
        "Tenue professionnelle offerte et coaching pour l'entretien d'embauche",
        "Avant un entretien d'embauche ou une reprise de travail, le Vestiaire de l'Emploi "
        "offre une tenue complète adaptée au poste (costume, tailleur, chaussures, "
        "accessoires) choisie avec un bénévole conseiller en image. Séance de coaching "
        "pour gagner en confiance le jour J.",
        them=("preparer-sa-candidature", "trouver-un-emploi", "equipement-et-alimentation"),
        di=("valoriser", "entretien", "habillement"),
        type_="aide-materielle",
        publics=("demandeurs-emploi", "jeunes", "beneficiaires-des-minimas-sociaux"),
        conditions="Avoir un entretien ou une reprise d'emploi prévus ; prescription d'un "
        "référent emploi.",
        zone="82",
        mob=("envoyer-un-courriel",),
        par=("professionnels",),
        mob_precisions="Fiche de prescription à envoyer par mail ; rendez-vous sous 5 jours.",
        mots=("tenue", "vêtements", "entretien d'embauche", "costume", "cravate solidaire"),
    )
    service(
        "vestiaire-emploi-82",
        "vestiaire-simulation-entretien",
        "Simulation d'entretien d'embauche avec des recruteurs bénévoles",
        "Des recruteurs et des RH bénévoles font passer un entretien d'embauche réaliste, "
        "puis donnent un retour bienveillant : présentation, questions pièges, gestion du "
        "stress, parler de ses compétences et des trous dans le CV. Séance individuelle "
        "d'une heure, répétable.",
        them=("trouver-un-emploi", "preparer-sa-candidature"),
        di=("entretien", "valoriser"),
        type_="atelier",
        publics=("demandeurs-emploi", "jeunes"),
        zone="82",
        mob=("envoyer-un-courriel", "telephoner"),
        par=("professionnels", "usagers"),
        mob_precisions="Prescription par mail ou appel direct de la personne.",
        mots=("simulation d'entretien", "entretien d'embauche", "recruteur", "stress"),
    )
    structure(
        "reseau-parrainage-82",
        "Réseau Parrainage Emploi 82",
        "Montauban",
        "Association de parrains et marraines bénévoles (cadres, dirigeants, retraités) qui "
        "accompagnent des demandeurs d'emploi.",
        reseaux=(),
        horaires="Mo-Fr 09:00-17:00",
        partenaire="associations-82",
        domaine="parrainage-emploi-82",
    )
    service(
        "reseau-parrainage-82",
        "parrainage-emploi",
        "Parrainage vers l'emploi : un professionnel bénévole à vos côtés",
        "Un parrain ou une marraine en activité ou retraité accompagne pendant six mois une "
        "personne en recherche d'emploi : ouvrir son réseau professionnel, relire CV et "
        "lettres, préparer les entretiens, se présenter aux employeurs locaux. Rencontres "
        "toutes les deux semaines.",
        them=("preparer-sa-candidature", "trouver-un-emploi"),
        di=("reseau", "cv", "relancer"),
        type_="accompagnement",
        publics=("demandeurs-emploi", "jeunes", "residents-qpv-frr"),
        zone="82",
        mob=("envoyer-un-courriel",),
        par=("professionnels", "usagers"),
        mob_precisions="Fiche d'orientation par mail ou candidature directe.",
        mots=("parrainage", "réseau", "parrain", "CV", "recherche d'emploi"),
    )

    # International
    structure(
        "maison-europe-82",
        "Maison de l'Europe de Tarn-et-Garonne",
        "Montauban",
        "Centre d'information sur l'Europe : mobilité, volontariat, études et emploi dans "
        "les pays européens.",
        reseaux=(),
        horaires="Tu-Fr 10:00-12:30,14:00-18:00",
        partenaire="associations-82",
        domaine="maison-europe-82",
    )
    service(
        "maison-europe-82",
        "europe-vivre-travailler",
        "Vivre et travailler dans un autre pays européen : information",
        "Conseils pratiques pour partir vivre et travailler en Europe : droits sociaux, "
        "couverture santé avec la carte européenne, logement, ouverture d'un compte, "
        "reconnaissance des diplômes, fiscalité. Documentation par pays et mise en relation "
        "avec le conseiller Eures de France Travail.",
        them=("souvrir-a-linternational",),
        di=("aides-etranger", "emploi-etranger"),
        type_="information",
        publics=("tous-publics",),
        zone="82",
        accueil=("en-presentiel", "a-distance"),
        mob=("se-presenter", "envoyer-un-courriel"),
        mob_precisions="Accès libre aux heures d'ouverture ; questions par mail.",
        mots=("Europe", "étranger", "expatriation", "Eures", "partir"),
    )
    service(
        "maison-europe-82",
        "europe-volontariat",
        "Volontariat européen : Corps européen de solidarité",
        "Les 18-30 ans peuvent partir de 2 à 12 mois dans un projet de solidarité en Europe "
        "(environnement, social, culture) avec le Corps européen de solidarité : voyage, "
        "logement, repas, assurance et argent de poche pris en charge. La Maison de l'Europe "
        "aide à trouver un projet et à préparer le départ.",
        them=("souvrir-a-linternational", "remobilisation"),
        di=("aides-etranger", "benevolat"),
        type_="accompagnement",
        publics=("jeunes",),
        publics_precisions="Jeunes de 18 à 30 ans.",
        zone="82",
        mob=("envoyer-un-courriel", "telephoner"),
        mob_precisions="Rendez-vous par mail ou téléphone.",
        mots=("volontariat", "Europe", "jeunes", "Erasmus", "solidarité"),
    )
    structure(
        "passerelles-retour-82",
        "Passerelles Retour 82",
        "Montauban",
        "Association d'aide aux personnes qui rentrent en France après une période à l'étranger.",
        reseaux=(),
        horaires="We 14:00-18:00",
        partenaire="associations-82",
        domaine="passerelles-retour-82",
        site=False,
    )
    service(
        "passerelles-retour-82",
        "retour-en-france",
        "Revenir en France après l'étranger : droits et démarches",
        "Vous rentrez en France après des années à l'étranger ? L'association aide à "
        "reconstituer ses droits : affiliation à l'assurance maladie, inscription à France "
        "Travail, RSA et délai de résidence, CAF, logement, équivalence de diplômes, "
        "relevé de carrière pour la retraite. Écoute et entraide entre personnes qui ont "
        "vécu le même retour.",
        them=("souvrir-a-linternational", "difficultes-administratives-ou-juridiques"),
        di=("retour-france", "acces-droits"),
        type_="accompagnement",
        publics=("tous-publics",),
        zone="82",
        mob=("se-presenter", "envoyer-un-courriel"),
        mob_precisions="Permanence le mercredi après-midi ; contact par mail.",
        mots=("retour en France", "expatrié", "étranger", "droits", "sécurité sociale"),
        horaires="We 14:00-18:00",
    )
    structure(
        "pij-castelsarrasin",
        "Point information jeunesse de Castelsarrasin",
        "Castelsarrasin",
        "Lieu d'information des jeunes : études, jobs, logement, santé, loisirs, mobilité "
        "internationale.",
        reseaux=("reseau-information-jeunesse",),
        horaires="Tu,Th,Fr 13:30-18:00; We 09:30-12:00,13:30-18:00",
        partenaire="mission-locale-82",
        domaine="pij-castelsarrasin",
    )
    service(
        "pij-castelsarrasin",
        "pij-jobs-etranger",
        "Jobs d'été, au pair et partir à l'étranger : information jeunesse",
        "L'informatrice jeunesse aide les 15-30 ans à trouver un job d'été ou saisonnier, à "
        "préparer un séjour au pair, un programme vacances-travail (PVT) au Canada ou en "
        "Australie, un chantier international de bénévoles. Offres, guides, aide au CV en "
        "anglais. Accès libre et anonyme.",
        them=("souvrir-a-linternational", "trouver-un-emploi"),
        di=("emploi-etranger", "offres"),
        type_="information",
        publics=("jeunes",),
        zone="territoire",
        mob=("se-presenter",),
        mob_precisions="Accès libre aux heures d'ouverture.",
        mots=("job d'été", "au pair", "PVT", "étranger", "jeunes", "saisonnier"),
    )
    service(
        "france-travail-montauban",
        "ft-atelier-pvt",
        "Atelier « Partir travailler hors d'Europe » (Canada, Australie, PVT)",
        "Un atelier collectif mensuel pour préparer un projet de travail hors d'Europe : "
        "programmes vacances-travail, visas, recherche d'emploi à distance, adaptation du "
        "CV aux normes locales, budget de départ. Témoignages de personnes revenues et "
        "conseils pour valoriser l'expérience au retour.",
        them=("souvrir-a-linternational",),
        di=("emploi-etranger", "retour-france"),
        type_="atelier",
        publics=("demandeurs-emploi", "jeunes"),
        zone="82",
        mob=("utiliser-lien-mobilisation",),
        mob_precisions="Inscription depuis l'espace personnel France Travail.",
        mots=("PVT", "Canada", "Australie", "visa", "étranger"),
        horaires="Th[1] 09:30-12:00",
    )
    service(
        "mission-locale-montauban",
        "ml-mobilite-europe-castelsarrasin",
        "Stage collectif de trois semaines en Europe pour les jeunes",
        "Deux fois par an, la Mission Locale organise un stage collectif de trois semaines "
        "dans une entreprise en Espagne, en Irlande ou en Italie pour un groupe de huit "
        "jeunes, tout compris (Erasmus+). Une expérience à l'étranger pour gagner en "
        "autonomie et en confiance, même sans parler la langue.",
        them=("souvrir-a-linternational", "remobilisation"),
        di=("aides-etranger", "confiance"),
        type_="accompagnement",
        publics=("jeunes",),
        publics_precisions="Jeunes de 18 à 25 ans suivis par la Mission Locale.",
        conditions="Être suivi par la Mission Locale ; pièce d'identité valide.",
        zone="82",
        mob=("telephoner",),
        mob_precisions="En parler à son conseiller Mission Locale.",
        mots=("Erasmus", "Europe", "stage", "étranger", "jeunes"),
        ville="Castelsarrasin",
        adresse=ML_ANTENNES["Castelsarrasin"],
        own_line=True,
        courriel="antenne-castelsarrasin",
    )


def build_remobilisation() -> None:
    items = [
        (
            "Montauban",
            "benevolat-82",
            "Centre du bénévolat de Tarn-et-Garonne",
            "Association qui met en relation les bénévoles et les associations du département.",
            "benevolat-trouver-mission",
            "Trouver une mission de bénévolat près de chez soi",
            "Une conseillère reçoit les personnes qui veulent donner un peu de temps : "
            "entretien pour cerner les envies et les disponibilités, proposition de missions "
            "dans les associations (aide alimentaire, sport, culture, environnement, "
            "accompagnement scolaire). Le bénévolat aide à reprendre confiance, à créer du "
            "lien et peut se valoriser sur un CV.",
            ("benevolat", "confiance"),
            ("bénévolat", "bénévole", "association", "se rendre utile", "engagement"),
            "tous-publics",
            None,
        ),
        (
            "Montauban",
            "sport-pour-tous-82",
            "Sport pour Tous 82",
            "Association sportive solidaire : activités physiques adaptées et accessibles à tous.",
            "sport-pour-tous-activites",
            "Activités sportives à 1 euro : marche, gym douce, football, boxe",
            "Des séances de sport encadrées par des éducateurs sportifs, à prix symbolique, "
            "pour les personnes qui n'osent pas pousser la porte d'un club : marche nordique, "
            "gym douce, football en salle, boxe éducative, sport santé sur ordonnance. "
            "Matériel prêté. Une activité pour retrouver la forme, le moral et un rythme.",
            ("sport-culture", "confiance"),
            ("sport", "activités sportives", "gym", "marche", "remise en forme"),
            "tous-publics",
            None,
        ),
        (
            "Castelsarrasin",
            "sport-pour-tous-castelsarrasin",
            "Sport pour Tous 82 - section de Castelsarrasin",
            "Section de Castelsarrasin-Moissac de l'association Sport pour Tous 82.",
            "sport-pour-tous-castelsarrasin-activites",
            "Sport solidaire à Castelsarrasin et Moissac",
            "Marche le long du canal, gym douce, aquagym et randonnées à la journée, à prix "
            "symbolique pour les personnes accompagnées par un travailleur social, les "
            "bénéficiaires du RSA et les seniors isolés. Covoiturage organisé depuis Moissac.",
            ("sport-culture", "lien-social"),
            ("sport", "randonnée", "aquagym", "marche", "activités sportives"),
            "tous-publics",
            None,
        ),
        (
            "Montauban",
            "culture-partagee-82",
            "Culture Partagée 82",
            "Association qui offre des places de spectacles et de sorties culturelles aux "
            "personnes en difficulté.",
            "culture-partagee-places",
            "Places gratuites de cinéma, concerts, spectacles et musées",
            "Des places gratuites offertes par les théâtres, cinémas, musées et clubs sportifs "
            "du département, réservées aux personnes accompagnées par une structure sociale "
            "adhérente. Sorties en groupe avec médiation culturelle pour celles et ceux qui "
            "n'y vont jamais.",
            ("sport-culture", "lien-social"),
            ("culture", "cinéma", "spectacle", "sorties", "loisirs"),
            "tous-publics",
            "professionnels",
        ),
        (
            "Montauban",
            "atelier-belle-estime",
            "Atelier Belle Estime",
            "Association de socio-esthétique et de bien-être pour les personnes en "
            "parcours d'insertion.",
            "belle-estime-socio-esthetique",
            "Socio-esthétique et ateliers de confiance en soi",
            "Une socio-esthéticienne propose des soins (visage, mains, coiffure) et des "
            "ateliers collectifs sur l'image de soi, la posture et la gestion du stress, pour "
            "les personnes abîmées par un parcours difficile, avant un entretien ou une "
            "reprise d'emploi. Un temps pour prendre soin de soi et retrouver confiance.",
            ("confiance",),
            ("estime de soi", "confiance en soi", "bien-être", "socio-esthétique", "image"),
            "tous-publics",
            "professionnels",
        ),
        (
            "Bressols",
            "jardins-partages-bressols",
            "Jardins partagés de Bressols",
            "Association de jardins partagés et familiaux.",
            "jardins-partages-parcelles",
            "Jardins partagés : une parcelle et des voisins",
            "Des parcelles de jardin à cultiver seul ou en famille, des outils et de l'eau "
            "partagés, des conseils de jardiniers expérimentés et des fêtes de saison. Un "
            "lieu pour produire ses légumes, sortir de chez soi et rencontrer du monde. "
            "Quelques parcelles sont réservées aux familles orientées par la MDS.",
            ("lien-social", "confiance"),
            ("jardin", "potager", "légumes", "lien social", "voisins"),
            "tous-publics",
            None,
        ),
        (
            "Auvillar",
            "lien-rural-deux-rives",
            "Association Lien Rural Deux Rives",
            "Association de lutte contre l'isolement en milieu rural.",
            "lien-rural-cafes-rencontre",
            "Cafés-rencontres et visites contre l'isolement en milieu rural",
            "Chaque semaine, un café-rencontre dans un village des Deux Rives (Auvillar, "
            "Dunes, Donzac) et des visites de bénévoles au domicile des personnes isolées, "
            "âgées ou non. Jeux, discussions, sorties au marché, aide pour les petites "
            "démarches. Transport possible pour venir au café.",
            ("lien-social",),
            ("isolement", "solitude", "café", "rencontre", "personnes âgées"),
            "tous-publics",
            None,
        ),
        (
            "Montauban",
            "service-civique-unis-82",
            "Unis pour le service civique 82",
            "Association d'accueil de volontaires en service civique.",
            "service-civique-missions",
            "Service civique : une mission utile de 6 à 10 mois",
            "Des missions de service civique en équipe pour les 16-25 ans (jusqu'à 30 ans en "
            "situation de handicap), sans condition de diplôme : solidarité avec les "
            "personnes âgées, environnement, sport. Indemnité d'environ 620 euros par mois, "
            "formation civique et accompagnement du projet d'avenir.",
            ("benevolat", "lien-social"),
            ("service civique", "volontariat", "jeunes", "mission", "engagement"),
            "jeunes",
            None,
        ),
        (
            "Labastide-du-Temple",
            "atelier-fil-solidaire",
            "Atelier Fil Solidaire",
            "Atelier associatif de couture et de retouches.",
            "fil-solidaire-couture",
            "Atelier couture et retouches solidaires",
            "À Labastide-du-Temple, un atelier où l'on apprend à coudre, raccommoder et "
            "transformer des vêtements, avec des machines à disposition. Retouches à petit "
            "prix et vêtements d'occasion remis en état. Un moment convivial entre "
            "habitantes et habitants de tous âges.",
            ("lien-social", "habillement"),
            ("couture", "retouches", "vêtements", "atelier", "convivialité"),
            "tous-publics",
            None,
        ),
        (
            "Saint-Nicolas-de-la-Grave",
            "foyer-rural-saint-nicolas",
            "Foyer rural de Saint-Nicolas-de-la-Grave",
            "Foyer rural : activités culturelles et sportives pour les habitants.",
            "foyer-rural-activites",
            "Activités culturelles et sportives du foyer rural",
            "Théâtre amateur, chorale, gym, randonnées, atelier mémoire pour les seniors, "
            "sorties au lac : le foyer rural propose des activités accessibles, avec un tarif "
            "réduit pour les familles aux revenus modestes. Les nouveaux arrivants sont "
            "accueillis chaleureusement.",
            ("sport-culture", "lien-social"),
            ("activités", "théâtre", "chorale", "gym", "foyer rural"),
            "tous-publics",
            None,
        ),
        (
            "Finhan",
            "repair-cafe-finhan",
            "Repair café et jardin de Finhan",
            "Association d'habitants : repair café, jardin collectif et échanges de savoirs.",
            "repair-cafe-finhan-rencontres",
            "Repair café, jardin collectif et échanges de savoirs",
            "Une fois par mois, des bénévoles réparent gratuitement avec vous électroménager, "
            "vélos et vêtements ; le reste du temps, un jardin collectif et des ateliers "
            "d'échanges de savoirs (cuisine, informatique, couture). On vient apprendre, "
            "transmettre et rencontrer ses voisins.",
            ("lien-social", "benevolat"),
            ("repair café", "réparer", "jardin", "savoirs", "voisins"),
            "tous-publics",
            None,
        ),
    ]
    for ville, key, nom, sdesc, slug, snom, desc, di, mots, public, par in items:
        # The Castelsarrasin section of Sport pour Tous is a place, not a structure.
        section = key == "sport-pour-tous-castelsarrasin"
        if not section:
            structure(
                key,
                nom,
                ville,
                sdesc,
                reseaux=("unis-cite",) if key == "service-civique-unis-82" else (),
                horaires=pick(
                    "Mo-Fr 09:00-12:00,14:00-17:00",
                    "Tu,Th 14:00-18:00; Sa 09:00-12:00",
                    "We 14:00-18:00; Sa 10:00-12:00",
                ),
                partenaire="associations-82",
                domaine=key,
                site=rng.random() < 0.5,
            )
        them: tuple[str, ...] = ("remobilisation",)
        if "habillement" in di:
            them = ("remobilisation", "equipement-et-alimentation")
        frais = "gratuit"
        fp = None
        if key in ("sport-pour-tous-82", "sport-pour-tous-castelsarrasin"):
            frais, fp = "payant", "1 euro la séance ; adhésion de 5 euros par an."
        elif key in (
            "jardins-partages-bressols",
            "atelier-fil-solidaire",
            "foyer-rural-saint-nicolas",
        ):
            frais, fp = "payant", "Adhésion annuelle de 10 à 25 euros selon les ressources."
        service(
            "sport-pour-tous-82" if section else key,
            slug,
            snom,
            desc,
            them=them,
            di=di,
            type_="atelier" if par is None else "aide-materielle",
            publics=(public,),
            frais=frais,
            frais_precisions=fp,
            zone="epci" if ville not in ("Montauban",) else "82",
            mob=("telephoner", "se-presenter") if par is None else ("envoyer-un-courriel",),
            par=("usagers", "professionnels") if par is None else ("professionnels",),
            mob_precisions=(
                "Venir aux heures de permanence ou appeler l'association."
                if par is None
                else "Demande de places par le travailleur social de la structure "
                "adhérente, par mail."
            ),
            mots=mots,
            ville=ville if section else None,
            adresse="Gymnase municipal, avenue du Midi" if section else None,
            horaires="Tu,Th 14:00-16:00; Sa 09:30-12:00" if section else None,
        )


# --------------------------------------------------------------------------------------------
# Synonyms: what people type -> words of the base
# --------------------------------------------------------------------------------------------
SYNONYMES_DATA: dict[str, list[str]] = {
    "caf": ["caisse d'allocations familiales", "allocations familiales", "allocataire"],
    "rsa": ["revenu de solidarité active", "bénéficiaires du rsa", "brsa"],
    "brsa": ["bénéficiaires du rsa", "rsa", "référent rsa"],
    "mdph": ["maison départementale des personnes handicapées", "handicap", "rqth"],
    "cmp": ["centre médico-psychologique", "santé mentale", "psychiatre"],
    "chrs": ["centre d'hébergement et de réinsertion sociale", "hébergement"],
    "siae": [
        "insertion par l'activité économique",
        "chantier d'insertion",
        "entreprise d'insertion",
        "association intermédiaire",
    ],
    "fle": [
        "français langue étrangère",
        "apprendre le français",
        "alphabétisation",
        "cours de français",
    ],
    "pcb": ["point conseil budget", "budget"],
    "115": ["hébergement d'urgence", "samu social", "siao", "mise à l'abri"],
    "siao": ["hébergement d'urgence", "115", "demande siao"],
    "dettes": ["surendettement", "endettement", "impayés"],
    "un toit ce soir": ["hébergement d'urgence", "115", "mise à l'abri"],
    "psy": ["psychologue", "santé mentale", "cmp", "psychiatrie"],
    "garde des enfants": ["garde d'enfants", "crèche", "assistante maternelle"],
    "ass": ["assistante sociale", "assistant de service social", "service social"],
    "assistante sociale": ["assistant de service social", "ass", "travailleur social"],
    "ccas": ["centre communal d'action sociale", "aide d'urgence"],
    "cias": ["centre communal d'action sociale", "ccas", "action sociale"],
    "pmi": ["protection maternelle et infantile", "puéricultrice", "consultations de nourrissons"],
    "rpe": ["relais petite enfance", "assistante maternelle", "mode de garde"],
    "ram": ["relais petite enfance", "assistante maternelle", "rpe"],
    "csapa": ["addictologie", "addiction", "alcool", "cannabis"],
    "caarud": ["réduction des risques", "usagers de drogues"],
    "pass": ["permanence d'accès aux soins de santé", "soins gratuits", "accès aux soins"],
    "css": ["complémentaire santé solidaire", "mutuelle"],
    "cmu": ["complémentaire santé solidaire", "css", "mutuelle"],
    "ame": ["aide médicale", "pass", "sans couverture maladie"],
    "aah": ["allocation aux adultes handicapés", "mdph", "handicap"],
    "rqth": [
        "reconnaissance de la qualité de travailleur handicapé",
        "travailleur handicapé",
        "mdph",
    ],
    "esat": ["travail adapté", "travail protégé", "handicap"],
    "aci": ["atelier et chantier d'insertion", "chantier d'insertion"],
    "etti": ["entreprise de travail temporaire d'insertion", "intérim d'insertion", "intérim"],
    "ai": ["association intermédiaire", "missions de travail"],
    "ei": ["entreprise d'insertion"],
    "greta": ["formations qualifiantes", "remise à niveau", "titres professionnels"],
    "afpa": ["titres professionnels", "préqualification", "campus pro adultes"],
    "cpf": ["compte personnel de formation", "financer sa formation"],
    "plie": ["accompagnement renforcé", "référent de parcours"],
    "ml": ["mission locale", "16-25 ans"],
    "mission locale": ["jeunes de 16 à 25 ans", "contrat d'engagement jeune", "cej"],
    "cej": ["contrat d'engagement jeune", "mission locale"],
    "faj": ["fonds d'aide aux jeunes", "aide financière"],
    "fjt": ["foyer de jeunes travailleurs", "habitat jeunes", "logement jeune"],
    "adil": ["information sur le logement", "droits des locataires", "juriste"],
    "fsl": ["fonds de solidarité logement", "impayés de loyer", "facture d'énergie"],
    "apl": ["aides au logement", "caf"],
    "cidff": ["droits des femmes", "information juridique"],
    "pjj": ["protection judiciaire de la jeunesse", "juge des enfants"],
    "spip": ["sous main de justice", "sortants de prison", "probation"],
    "sortie de prison": ["sortants de prison", "sortant de détention", "spip"],
    "sdf": ["sans abri", "sans domicile", "hébergement d'urgence", "accueil de jour", "115"],
    "sans abri": ["hébergement d'urgence", "115", "maraude", "accueil de jour"],
    "domiciliation": ["domiciliation administrative", "sans domicile stable", "courrier"],
    "manger": ["aide alimentaire", "colis alimentaire", "épicerie solidaire", "repas"],
    "colis alimentaire": [
        "aide alimentaire",
        "distribution alimentaire",
        "restos du cœur",
        "secours populaire",
    ],
    "voiture": ["véhicule", "garage solidaire", "location solidaire", "permis de conduire"],
    "permis": ["permis de conduire", "auto-école sociale", "code de la route", "aide au permis"],
    "scooter": ["location solidaire", "location de scooter", "mobilité"],
    "transport": ["transport à la demande", "tad", "mobilité", "covoiturage"],
    "tad": ["transport à la demande"],
    "papiers": [
        "démarches administratives",
        "titre de séjour",
        "france services",
        "écrivain public",
    ],
    "titre de séjour": ["droits des étrangers", "préfecture", "papiers"],
    "asile": ["demande d'asile", "droits des étrangers", "personnes étrangères"],
    "internet": ["numérique", "démarches en ligne", "conseiller numérique", "accès libre"],
    "ordinateur": ["informatique", "reconditionnés", "numérique"],
    "lire écrire": ["illettrisme", "savoirs de base", "alphabétisation", "lecture"],
    "violence": ["violences conjugales", "victimes de violences", "aide aux victimes"],
    "femme battue": ["violences conjugales", "femmes victimes de violences", "3919"],
    "drogue": ["addiction", "addictologie", "réduction des risques", "csapa", "caarud"],
    "alcool": ["addiction", "addictologie", "groupes de parole", "csapa"],
    "dentiste": ["soins dentaires", "centre de santé dentaire", "bucco-dentaire"],
    "mutuelle": ["complémentaire santé solidaire", "complémentaire santé"],
    "médecin": ["médecin traitant", "accès aux soins", "pass"],
    "bilan de santé": ["examen de prévention santé", "check-up", "dépistage"],
    "ivg": ["contraception", "santé sexuelle", "planning familial"],
    "enceinte": ["grossesse", "sage-femme", "pmi"],
    "bébé": ["pmi", "puéricultrice", "restos bébés", "nourrissons"],
    "crèche": ["garde d'enfants", "multi-accueil", "halte-garderie", "avip"],
    "nounou": ["assistante maternelle", "garde d'enfants", "relais petite enfance"],
    "boulot": ["emploi", "offres d'emploi", "trouver un emploi", "recrutement"],
    "job": ["emploi", "offres d'emploi", "jobs d'été", "missions"],
    "chômage": ["demandeurs d'emploi", "france travail", "allocation"],
    "pôle emploi": ["france travail", "conseiller", "demandeurs d'emploi"],
    "cv": ["lettre de motivation", "préparer sa candidature", "ateliers cv"],
    "entretien d'embauche": ["simulation d'entretien", "recruteur", "tenue professionnelle"],
    "stage": ["immersion", "pmsmp", "découverte métier"],
    "pmsmp": ["immersion", "mise en situation en milieu professionnel"],
    "reconversion": ["conseil en évolution professionnelle", "cep", "changer de métier"],
    "bilan de compétences": ["points forts", "compétences", "cep"],
    "formation": ["se former", "remise à niveau", "formations qualifiantes", "cpf"],
    "créer sa boîte": [
        "créer son entreprise",
        "création d'entreprise",
        "auto-entrepreneur",
        "micro-entreprise",
    ],
    "auto-entrepreneur": ["micro-entreprise", "micro-entrepreneurs", "création d'entreprise"],
    "micro-crédit": ["microcrédit", "prêt", "microcrédit professionnel", "microcrédit personnel"],
    "surendettement": ["banque de france", "dossier de surendettement", "dettes"],
    "loyer impayé": ["impayés de loyer", "expulsion", "fsl", "prévention des expulsions"],
    "expulsion": ["prévention des expulsions", "impayés de loyer", "adil"],
    "électricité": ["facture d'énergie", "énergie", "chèque énergie", "fsl"],
    "facture": ["impayés", "énergie", "aide d'urgence"],
    "caution": ["dépôt de garantie", "fsl", "visale"],
    "logement social": ["hlm", "demande de logement social", "numéro unique"],
    "hlm": ["logement social", "bailleur social"],
    "masp": ["mesure d'accompagnement social personnalisé", "accompagnement budgétaire"],
    "tutelle": ["curatelle", "mesure de protection", "mandataire"],
    "eures": ["travailler en europe", "emploi à l'étranger"],
    "travailler à l'étranger": ["eures", "europe", "pvt", "volontariat"],
    "erasmus": ["europe", "stage", "volontariat", "mobilité internationale"],
    "handicap": ["mdph", "rqth", "cap emploi", "aah", "travailleur handicapé"],
    "seniors": ["personnes âgées", "apa", "maintien à domicile"],
    "apa": ["allocation personnalisée d'autonomie", "personnes âgées"],
    "aidant": ["proches aidants", "répit", "aidants"],
    "divorce": ["séparation", "médiation familiale", "pension alimentaire"],
    "pension alimentaire": ["aripa", "parents séparés", "séparation"],
    "vêtements": ["vestiboutique", "habillement", "vestiaire"],
    "meubles": ["électroménager", "emmaüs", "recyclerie"],
    "bénévolat": ["bénévole", "mission de bénévolat", "service civique"],
    "sport": ["activités sportives", "gym", "marche"],
    "isolement": ["lien social", "rompre l'isolement", "cafés-rencontres"],
    "qpv": ["quartiers prioritaires", "quartier prioritaire"],
}


# --------------------------------------------------------------------------------------------
# Dates, output
# --------------------------------------------------------------------------------------------
def _random_day(start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


REVUE_RECENT = (date(2025, 12, 24), LAST_EDIT)
REVUE_DUE = (date(2025, 11, 24), date(2025, 12, 23))
REVUE_OLD = (date(2023, 6, 1), date(2025, 11, 22))


def assign_dates() -> None:
    order = list(range(len(SERVICES)))
    rng.shuffle(order)
    n_old = round(len(SERVICES) * 0.15)
    n_due = round(len(SERVICES) * 0.10)
    for rank, i in enumerate(order):
        if rank < n_old:
            revue = _random_day(*REVUE_OLD)
        elif rank < n_old + n_due:
            revue = _random_day(*REVUE_DUE)
        else:
            revue = _random_day(*REVUE_RECENT)
        maj = max(FIRST_EDIT, revue - timedelta(days=rng.randint(0, 240)))
        SERVICES[i]["date_maj"] = maj.isoformat()
        SERVICES[i]["binome"]["date_revue"] = revue.isoformat()
    for st in STRUCTURES.values():
        dates = [s["date_maj"] for s in SERVICES if s["structure_id"] == st["id"]]
        st["date_maj"] = max(dates) if dates else LAST_EDIT.isoformat()


def _clean(record: dict) -> dict:
    return {k: v for k, v in record.items() if v is not None}


def build() -> dict:
    build_mds()
    build_emploi_public()
    build_organismes_sociaux()
    build_ccas()
    build_france_services()
    build_alimentation()
    build_mobilite()
    build_sante()
    build_hebergement_logement()
    build_famille_justice()
    build_budget_siae_formation()
    build_numerique_fle()
    build_creation_candidature()
    build_remobilisation()
    assign_dates()
    return {
        "structures": [_clean(s) for s in STRUCTURES.values()],
        "services": [_clean(s) for s in SERVICES],
    }


def write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_records(path: Path, data: dict[str, list[dict]]) -> None:
    """One record per line: a readable diff per resource and half the size of an indented file."""
    parts = []
    for name, records in data.items():
        lines = ",\n".join(json.dumps(r, ensure_ascii=False) for r in records)
        parts.append(f"{json.dumps(name)}: [\n{lines}\n]")
    path.write_text("{\n" + ",\n".join(parts) + "\n}\n", encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Self-check
# --------------------------------------------------------------------------------------------
_DAY = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)"
_DAYS = rf"{_DAY}(?:-{_DAY})?(?:\[\d(?:,\d)*\])?"
_TIME = r"[0-2]\d:[0-5]\d-[0-2]\d:[0-5]\d"
_RULE = rf"(?:{_DAYS}(?:,{_DAYS})* {_TIME}(?:,{_TIME})*|PH off)"
OPENING_HOURS = re.compile(rf"^(?:24/7|{_RULE}(?:; {_RULE})*)$")
PHONE = re.compile(r"^05 36 49 \d\d \d\d$")
_WEEK = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]


def _rule_days(rule: str) -> set[str]:
    """Days named by one opening_hours rule (a later rule replaces an earlier one on a day)."""
    days: set[str] = set()
    for part in rule.split(" ")[0].split(","):
        part = part.split("[")[0]
        if "-" in part:
            a, b = part.split("-")
            days.update(_WEEK[_WEEK.index(a) : _WEEK.index(b) + 1])
        elif part in _WEEK:
            days.add(part)
    return days


def check_opening_hours(value: str) -> None:
    assert OPENING_HOURS.match(value), value
    seen: set[str] = set()
    for rule in value.split("; "):
        days = _rule_days(rule)
        assert not days & seen, f"règles qui se recouvrent : {value}"
        seen |= days


# Words the field types that must find something (folded, all words in one service).
MUST_FIND = [
    "surendettement",
    "dettes",
    "logement",
    "hébergement d'urgence",
    "permis de conduire",
    "psychologue",
    "garde d'enfants",
    "RSA",
    "CAF",
    "FLE",
    "épicerie solidaire",
    "restos du cœur",
    "secours populaire",
    "banque alimentaire",
    "auto-école sociale",
    "garage solidaire",
    "location de scooter",
    "transport à la demande",
    "point conseil budget",
    "CCAS",
    "France Services",
    "Mission Locale",
    "CMP",
    "CSAPA",
    "CAARUD",
    "MDPH",
    "Cap emploi",
    "PMI",
    "relais petite enfance",
    "AVIP",
    "halte-garderie",
    "115",
    "SIAO",
    "CHRS",
    "accueil de jour",
    "pension de famille",
    "maison relais",
    "ADIL",
    "FSL",
    "CIDFF",
    "aide aux victimes",
    "médiation familiale",
    "point justice",
    "écrivain public",
    "chantier d'insertion",
    "entreprise d'insertion",
    "association intermédiaire",
    "ETTI",
    "GRETA",
    "remise à niveau",
    "préqualification",
    "conseiller numérique",
    "alphabétisation",
    "illettrisme",
    "microcrédit",
    "couveuse",
    "simulation d'entretien",
    "tenue professionnelle",
    "bénévolat",
    "activités sportives",
    "bilan de santé",
    "PASS",
    "complémentaire santé solidaire",
    "Eures",
    "parents en formation",
    "violences conjugales",
    "addiction",
    "BGE",
]


def _words(text: str) -> set[str]:
    return set(fold(text).split())


def service_text(sv: dict, structures: dict[str, dict]) -> str:
    """What the app indexes for a service: nom, structure, thématiques, mots-clés, description."""
    labels = [THEMES[t]["label"] for t in sv["binome"]["thematiques"]]
    return " ".join(
        [
            sv["nom"],
            structures[sv["structure_id"]]["nom"],
            *labels,
            *sv["binome"]["mots_cles"],
            sv["description"],
        ]
    )


def self_check(data: dict, synonymes: dict[str, list[str]]) -> dict:
    from data_inclusion.schema.v1 import Service, Structure  # dev-only dependency

    strict = {"ignore_warnings": False}
    structures = {s["id"]: s for s in data["structures"]}
    services = data["services"]
    assert len(structures) == len(data["structures"]), "id de structure en double"
    assert len({s["id"] for s in services}) == len(services), "id de service en double"
    assert len(services) >= 260, len(services)
    assert len(structures) >= 140, len(structures)

    def check_place(rec: dict) -> None:
        c = BY_CODE[rec["code_insee"]]
        assert rec["commune"] == c["nom"], rec["id"]
        assert rec["code_postal"] in c["codes_postaux"], rec["id"]
        assert abs(rec["longitude"] - c["longitude"]) <= 0.01, rec["id"]
        assert abs(rec["latitude"] - c["latitude"]) <= 0.01, rec["id"]
        assert PHONE.match(rec["telephone"]), rec["telephone"]
        assert rec["courriel"].endswith(".example.org"), rec["courriel"]
        check_opening_hours(rec["horaires_accueil"])
        d = date.fromisoformat(rec["date_maj"])
        assert FIRST_EDIT <= d <= LAST_EDIT, rec["id"]

    used = Counter(s["structure_id"] for s in services)
    for st in data["structures"]:
        Structure.model_validate(st, context=strict)
        assert st["source"] == SOURCE and st["id"].startswith(f"{SOURCE}--"), st["id"]
        check_place(st)
        if "site_web" in st:
            assert re.match(r"^https://[a-z0-9.-]+\.example\.org/$", st["site_web"]), st["id"]
        assert used[st["id"]] >= 1, f"structure sans service : {st['id']}"

    per_theme: Counter[str] = Counter()
    per_terr: Counter[str] = Counter()
    revue: Counter[str] = Counter()
    for sv in services:
        Service.model_validate(sv, context=strict)
        sid = sv["id"]
        assert sv["source"] == SOURCE and sid.startswith(f"{SOURCE}--"), sid
        assert sv["structure_id"] in structures, sid
        assert 3 <= len(sv["nom"]) <= 150 and not sv["nom"].endswith("."), sid
        assert 150 <= len(sv["description"]) <= 700, (sid, len(sv["description"]))
        check_place(sv)
        if sv["frais"] == "payant":
            assert sv.get("frais_precisions"), sid
        publics = sv["publics"]
        assert "tous-publics" not in publics or len(publics) == 1, sid
        for code in sv["zone_eligibilite"]:
            assert code == "82" or code in BY_CODE, (sid, code)
        assert sv.get("mobilisation_precisions") and sv.get("contact_nom_prenom"), sid
        b = sv["binome"]
        assert 1 <= len(b["thematiques"]) <= 3, sid
        assert 3 <= len(b["mots_cles"]) <= 8, (sid, b["mots_cles"])
        assert b["partenaire"] in ALL_PARTENAIRES, sid
        for local in b["thematiques"]:
            wanted = THEMES[local]["di_thematiques"] or [DEFAULT_DI["siae"]]
            assert any(t in wanted for t in sv["thematiques"]), (sid, local)
            per_theme[local] += 1
        if "siae" in b["thematiques"]:
            reseaux = set(structures[sv["structure_id"]].get("reseaux_porteurs") or [])
            assert reseaux & {"aci", "ei", "ai", "etti"}, sid
        d_revue = date.fromisoformat(b["date_revue"])
        assert date.fromisoformat(sv["date_maj"]) <= d_revue <= LAST_EDIT, sid
        if d_revue >= REVUE_RECENT[0]:
            revue["à jour"] += 1
        elif d_revue >= REVUE_DUE[0]:
            revue["revue sous 30 jours"] += 1
        else:
            assert d_revue < date(2025, 11, 23), sid
            revue["à actualiser"] += 1
        per_terr[territoire(sv["code_insee"])] += 1

    for t in THEMATIQUES:
        assert per_theme[t["slug"]] >= 8, (t["slug"], per_theme[t["slug"]])
    for terr in TERRITOIRES:
        assert per_terr[terr] >= 30, (terr, per_terr[terr])
    n = len(services)
    assert 0.70 <= revue["à jour"] / n <= 0.80, revue
    assert 0.07 <= revue["revue sous 30 jours"] / n <= 0.13, revue
    assert 0.12 <= revue["à actualiser"] / n <= 0.18, revue

    cmp_villes = {
        s["commune"]
        for s in services
        if "cmp" in (structures[s["structure_id"]].get("reseaux_porteurs") or [])
    }
    assert {"Montauban", "Castelsarrasin", "Caussade"} <= cmp_villes, cmp_villes

    texts = [_words(service_text(sv, structures)) for sv in services]

    def found(phrase: str) -> bool:
        wanted = _words(phrase)
        return bool(wanted) and any(wanted <= t for t in texts)

    missing = [w for w in MUST_FIND if not found(w)]
    assert not missing, f"mots introuvables : {missing}"

    assert 80 <= len(synonymes) <= 120, len(synonymes)
    dead: list[tuple[str, str]] = []
    for terme, expansions in synonymes.items():
        assert terme == terme.lower() and terme.strip() == terme, terme
        assert expansions and all(e == e.lower() for e in expansions), terme
        hits = [e for e in expansions if found(e)]
        assert hits, f"synonyme sans résultat : {terme}"
        dead += [(terme, e) for e in expansions if e not in hits]
    assert not dead, f"expansions introuvables : {dead}"

    return {"thematiques": per_theme, "territoires": per_terr, "revue": revue}


def main() -> int:
    data = build()
    write_records(OUT, data)
    write_json(SYNONYMES, SYNONYMES_DATA)
    written = json.loads(OUT.read_text(encoding="utf-8"))
    assert written == data, "le fichier écrit ne relit pas les mêmes données"
    report = self_check(written, json.loads(SYNONYMES.read_text(encoding="utf-8")))
    print(f"{len(data['structures'])} structures, {len(data['services'])} services -> {OUT}")
    print(f"{len(SYNONYMES_DATA)} synonymes -> {SYNONYMES}")
    print("Services par thématique locale :")
    for t in THEMATIQUES:
        print(f"  {report['thematiques'][t['slug']]:4d}  {t['slug']}")
    print("Services par territoire MDS :")
    for terr, label in TERRITOIRES.items():
        print(f"  {report['territoires'][terr]:4d}  {label}")
    print("Revue :", dict(report["revue"]))
    print("Self-check OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
