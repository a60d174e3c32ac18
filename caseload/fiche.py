"""The fiche de liaison (convention, annexe 4): the only personal data Binôme keeps.

« L’échange de données est limité strictement aux données listées ci-dessous » and
« Aucune information d’ordre économique et financière ne doit être communiquée »: the
fields below are the fiche's, and no financial field exists anywhere in the caseload.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ressources.errors import InvalidFields
from ressources.gazetteer import Gazetteer

# PRINCIPAUX ATOUTS IDENTIFIES (six boxes on the fiche).
ATOUTS = {
    "autonomie": "Autonomie",
    "disponibilite": "Disponibilité",
    "mobilite": "Mobilité",
    "connaissance-environnement": "Connaissance de l'environnement, réseau relationnel",
    "experience-significative": "Expérience professionnelle significative",
    "objectifs-coherents": "Objectifs professionnels cohérents",
}
# FREINS DIRECTS A L’EMPLOI (six boxes).
FREINS_DIRECTS = {
    "pas-experience": "Pas d'expérience professionnelle",
    "pas-projet": "Pas de projet professionnel",
    "marche-local": "Peu de connaissance du marché du travail local",
    "strategie-recherche": "Difficulté à mettre en œuvre seul une stratégie de recherche d'emploi",
    "inadequation-profil": "Inadéquation du profil au marché du travail local",
    "outils-recherche": "Maîtrise insuffisante des outils et techniques de recherche d'emploi",
}
# FREINS PERIPHERIQUES AU RETOUR A L’EMPLOI (seven boxes).
FREINS_PERIPHERIQUES = {
    "difficultes-financieres": "Faire face à des difficultés financières",
    "logement": "Faire face à des difficultés de logement",
    "sante": "Prendre en compte son état de santé",
    "administratif-juridique": "Faire face à des difficultés administratives ou juridiques",
    "contraintes-familiales": "Surmonter des contraintes familiales",
    "insertion-communication": "Développer ses capacités d'insertion et de communication",
    "transport": "Accéder à un moyen de transport",
}
# Which thématiques of the base de ressources answer each frein périphérique.
FREIN_THEMATIQUES = {
    "difficultes-financieres": ("difficultes-financieres",),
    "logement": ("logement-hebergement", "hebergement-urgence"),
    "sante": ("sante", "sante-mentale-addictions", "handicap"),
    "administratif-juridique": ("difficultes-administratives-ou-juridiques",),
    "contraintes-familiales": ("garde-enfants", "famille", "violences-conflits-familiaux"),
    "insertion-communication": ("remobilisation", "lecture-ecriture-calcul", "numerique"),
    "transport": ("mobilite",),
}
INITIATEURS = {"france-travail": "France Travail", "cd82": "Département (CD82)"}
SITUATIONS = {"seul": "Seul", "couple": "En couple"}
DECISIONS = {
    "axe2": "Entrée en Accompagnement Global",
    "axe3": "Accompagnement social exclusif",
    "non": "Ni l'un ni l'autre",
}

# Each field of the fiche by its label on the fiche (the journal, the right of access).
FIELD_LABELS = {
    "nom": "Nom",
    "prenom": "Prénom",
    "date_naissance": "Date de naissance",
    "adresse": "Adresse",
    "code_insee": "Commune (code INSEE)",
    "quartier": "Quartier",
    "telephone": "Téléphone",
    "courriel": "Courriel",
    "echanges_dematerialises": "Consentement aux échanges dématérialisés",
    "identifiant_ft": "Identifiant France Travail",
    "identifiant_caf": "Identifiant CAF",
    "situation_familiale": "Situation familiale",
    "enfants_a_charge": "Enfants à charge",
    "initiateur": "Partie initiant la demande",
    "initiateur_nom": "Nom de l'initiateur",
    "initiateur_fonction": "Fonction de l'initiateur",
    "atouts": "Atouts",
    "freins_directs": "Freins directs",
    "freins_peripheriques": "Freins périphériques",
    "brsa": "Bénéficiaire du RSA",
    "decision_demandeur": "Décision du demandeur",
    "decision_conseiller": "Décision du conseiller",
    "decision_ass": "Décision de l'ASS",
    "consentement": "Consentement éclairé",
    "consentement_date": "Date du consentement",
}

_PHONE = re.compile(r"^(?:0|\+33 ?)[1-9](?:[ .-]?\d{2}){4}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$")
# Identifiant France Travail: seven digits and a letter (e.g. 1234567A).
_ID_FT = re.compile(r"^\d{7}[A-Z]$")
_ID_CAF = re.compile(r"^\d{7,8}$")
AGE_MIN, AGE_MAX = 16, 70


@dataclass
class Fiche:
    nom: str
    prenom: str
    date_naissance: date
    code_insee: str
    adresse: str = ""
    quartier: str | None = None
    telephone: str = ""
    courriel: str | None = None
    echanges_dematerialises: bool = False
    identifiant_ft: str = ""
    identifiant_caf: str = ""
    situation_familiale: str | None = None
    enfants_a_charge: int = 0
    initiateur: str = "france-travail"
    initiateur_nom: str = ""
    initiateur_fonction: str = ""
    atouts: list[str] = field(default_factory=list)
    freins_directs: list[str] = field(default_factory=list)
    freins_peripheriques: list[str] = field(default_factory=list)
    brsa: bool = False
    decision_demandeur: str | None = None
    decision_conseiller: str | None = None
    decision_ass: str | None = None
    consentement: bool = False
    consentement_date: date | None = None


def _parse_date(value, name: str, errors: dict[str, str], label: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if "/" in text:
            day, month, year = (int(x) for x in text.split("/"))
            return date(year, month, day)
        return date.fromisoformat(text)
    except (ValueError, OverflowError):  # « 01/01/99999999999999999999 »: too large for C
        errors[name] = f"{label} : date invalide « {text} » (JJ/MM/AAAA attendu)."
        return None


def validate(data: dict, *, gazetteer: Gazetteer, today: date) -> Fiche:
    """A Fiche from form or import data, or InvalidFields listing every wrong field."""
    errors: dict[str, str] = {}
    unknown = set(data) - set(Fiche.__dataclass_fields__)
    if unknown:
        # Anything outside the fiche (income, debts…) is refused, not silently kept.
        errors["_"] = "Champs hors fiche de liaison refusés : " + ", ".join(sorted(unknown)) + "."
    nom = str(data.get("nom") or "").strip()
    prenom = str(data.get("prenom") or "").strip()
    if not nom:
        errors["nom"] = "Le nom est obligatoire."
    if not prenom:
        errors["prenom"] = "Le prénom est obligatoire."
    for name, value in (("nom", nom), ("prenom", prenom)):
        if len(value) > 100:
            errors[name] = f"Le {name} est trop long (100 caractères au plus)."
    naissance = _parse_date(
        data.get("date_naissance"), "date_naissance", errors, "Date de naissance"
    )
    if naissance is None and "date_naissance" not in errors:
        errors["date_naissance"] = "La date de naissance est obligatoire."
    elif naissance is not None:
        age = (
            today.year
            - naissance.year
            - ((today.month, today.day) < (naissance.month, naissance.day))
        )
        if not AGE_MIN <= age <= AGE_MAX:
            errors["date_naissance"] = (
                f"Date de naissance improbable pour un demandeur d'emploi ({age} ans)."
            )
    code = str(data.get("code_insee") or "").strip()
    commune = gazetteer.get(code)
    if commune is None:
        errors["code_insee"] = (
            f"Commune inconnue « {code} » : une commune du Tarn-et-Garonne est attendue."
            if code
            else "La commune est obligatoire."
        )
    telephone = str(data.get("telephone") or "").strip()
    if telephone and not _PHONE.match(telephone):
        errors["telephone"] = f"Téléphone invalide « {telephone} » (ex. 06 12 34 56 78)."
    demat = bool(data.get("echanges_dematerialises"))
    courriel = str(data.get("courriel") or "").strip() or None
    if courriel and not demat:
        errors["courriel"] = (
            "Le courriel n'est conservé qu'avec le consentement aux échanges dématérialisés."
        )
    elif courriel and not _EMAIL.match(courriel):
        errors["courriel"] = f"Courriel invalide « {courriel} »."
    id_ft = str(data.get("identifiant_ft") or "").strip().upper().replace(" ", "")
    if id_ft and not _ID_FT.match(id_ft):
        errors["identifiant_ft"] = (
            f"Identifiant France Travail invalide « {id_ft} » : 7 chiffres et une lettre."
        )
    id_caf = str(data.get("identifiant_caf") or "").strip().replace(" ", "")
    if id_caf and not _ID_CAF.match(id_caf):
        errors["identifiant_caf"] = f"Identifiant CAF invalide « {id_caf} » : 7 ou 8 chiffres."
    situation = data.get("situation_familiale") or None
    if situation is not None and situation not in SITUATIONS:
        errors["situation_familiale"] = "Situation familiale : « seul » ou « couple »."
    try:
        enfants = int(data.get("enfants_a_charge") or 0)
        if not 0 <= enfants <= 20:
            raise ValueError
    except (TypeError, ValueError):
        errors["enfants_a_charge"] = "Nombre d'enfants à charge invalide."
        enfants = 0
    initiateur = data.get("initiateur") or "france-travail"
    if initiateur not in INITIATEURS:
        errors["initiateur"] = "Partie initiant la demande : France Travail ou CD82."
    lists = {}
    for name, allowed in (
        ("atouts", ATOUTS),
        ("freins_directs", FREINS_DIRECTS),
        ("freins_peripheriques", FREINS_PERIPHERIQUES),
    ):
        values = list(dict.fromkeys(data.get(name) or []))
        wrong = [v for v in values if v not in allowed]
        if wrong:
            errors[name] = f"Valeurs inconnues : {', '.join(map(str, wrong))}."
        lists[name] = [v for v in values if v in allowed]
    for name in ("decision_demandeur", "decision_conseiller", "decision_ass"):
        if data.get(name) not in (None, "", *DECISIONS):
            errors[name] = "Décision : axe2, axe3 ou non."
    consentement = bool(data.get("consentement"))
    consentement_date = _parse_date(
        data.get("consentement_date"), "consentement_date", errors, "Date du consentement"
    )
    if consentement and consentement_date is None and "consentement_date" not in errors:
        errors["consentement_date"] = "Le consentement éclairé se date."
    if consentement_date and consentement_date > today:
        errors["consentement_date"] = "La date du consentement ne peut pas être dans le futur."
    if errors:
        raise InvalidFields(errors)
    return Fiche(
        nom=nom.upper() if nom.islower() else nom,
        prenom=prenom,
        date_naissance=naissance,  # type: ignore[arg-type]
        code_insee=code,
        adresse=str(data.get("adresse") or "").strip(),
        quartier=data.get("quartier") or None,
        telephone=telephone,
        courriel=courriel,
        echanges_dematerialises=demat,
        identifiant_ft=id_ft,
        identifiant_caf=id_caf,
        situation_familiale=situation,
        enfants_a_charge=enfants,
        initiateur=initiateur,
        initiateur_nom=str(data.get("initiateur_nom") or "").strip(),
        initiateur_fonction=str(data.get("initiateur_fonction") or "").strip(),
        brsa=bool(data.get("brsa")),
        decision_demandeur=data.get("decision_demandeur") or None,
        decision_conseiller=data.get("decision_conseiller") or None,
        decision_ass=data.get("decision_ass") or None,
        consentement=consentement,
        consentement_date=consentement_date,
        **lists,
    )
