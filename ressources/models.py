"""What a resource is for the people who use the base: one service of one structure.

Field names follow data·inclusion v1 (``Structure`` and ``Service``) so that exchange with
the national platform is lossless; the record's fields are defined in
:mod:`ressources.record`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ressources.horaires import humanize

PUBLIC_LABELS = {
    "tous-publics": "Tous publics",
    "actifs": "Actifs",
    "beneficiaires-des-minimas-sociaux": "Bénéficiaires des minima sociaux",
    "demandeurs-emploi": "Demandeurs d'emploi",
    "etudiants": "Étudiants",
    "familles": "Familles",
    "femmes": "Femmes",
    "jeunes": "Jeunes",
    "personnes-en-situation-de-handicap": "Personnes en situation de handicap",
    "personnes-en-situation-durgence": "Personnes en situation d'urgence",
    "personnes-en-situation-juridique-specifique": "Personnes en situation juridique spécifique",
    "personnes-exilees": "Personnes exilées",
    "residents-qpv-frr": "Résidents en QPV ou FRR",
    "seniors": "Seniors",
}
MOBILISATION_LABELS = {
    "envoyer-un-courriel": "Envoyer un courriel",
    "se-presenter": "Se présenter",
    "telephoner": "Téléphoner",
    "utiliser-lien-mobilisation": "Utiliser le lien de mobilisation",
}
FRAIS_LABELS = {"gratuit": "Gratuit", "payant": "Payant"}


def as_list(value: Any) -> list:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return list(json.loads(value))
    return list(value)


@dataclass
class Resource:
    """A service with its structure, as shown in results, details and fiches."""

    pk: int
    id: str
    nom: str
    description: str
    structure_id: str
    structure_nom: str
    thematiques_locales: tuple[str, ...] = ()  # the 22, Binôme's own
    mots_cles: tuple[str, ...] = ()
    publics: tuple[str, ...] = ()
    publics_precisions: str = ""
    conditions_acces: str = ""
    frais: str = ""
    frais_precisions: str = ""
    adresse: str = ""
    complement_adresse: str = ""
    code_postal: str = ""
    commune: str = ""
    code_insee: str = ""
    latitude: float | None = None
    longitude: float | None = None
    telephone: str = ""
    courriel: str = ""
    site_web: str = ""
    horaires_accueil: str = ""
    contact_nom_prenom: str = ""
    modes_accueil: tuple[str, ...] = ()
    modes_mobilisation: tuple[str, ...] = ()
    mobilisable_par: tuple[str, ...] = ()
    mobilisation_precisions: str = ""
    lien_mobilisation: str = ""
    zone_eligibilite: tuple[str, ...] = ()
    partenaire: str = ""
    date_maj: str = ""
    date_revue: str = ""
    demo: bool = False
    archive: bool = False

    @property
    def address_line(self) -> str:
        parts = [self.adresse, self.complement_adresse]
        street = ", ".join(p for p in parts if p)
        town = " ".join(p for p in (self.code_postal, self.commune) if p)
        return " – ".join(p for p in (street, town) if p)

    @property
    def publics_labels(self) -> list[str]:
        return [PUBLIC_LABELS.get(p, p) for p in self.publics]

    @property
    def mobilisation_labels(self) -> list[str]:
        return [MOBILISATION_LABELS.get(m, m) for m in self.modes_mobilisation]

    def contact_block(self) -> str:
        """Name, address, phone, email and hours, ready to paste into an email."""
        lines = [self.nom, self.structure_nom]
        if self.address_line:
            lines.append(self.address_line)
        if self.telephone:
            lines.append(f"Tél. : {self.telephone}")
        if self.courriel:
            lines.append(f"Courriel : {self.courriel}")
        if self.horaires_accueil:
            lines.append(f"Horaires : {humanize(self.horaires_accueil)}")
        if self.contact_nom_prenom:
            lines.append(f"Contact : {self.contact_nom_prenom}")
        return "\n".join(line for line in lines if line)
