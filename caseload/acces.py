"""Who sees what in the caseload — enforced here, not only on screen.

A conseiller sees his portefeuille; an ASS the demandeurs she follows; a responsable MDS
those of her MDS; an administrateur manages partners and profiles and sees no demandeur.
Working notes stay on their side: France Travail's are never shown to the Département's
people, and the reverse; only the fiche de liaison and the bilans are shared.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

from sqlite_utils import Database

from ressources.errors import BinomeError

ROLES = {
    "conseiller": "Conseiller France Travail",
    "ass": "Assistant(e) de service social",
    "responsable": "Responsable MDS",
    "administrateur": "Administrateur",
}
USER_ENV = "BINOME_USER"


class AccesRefuse(BinomeError):
    """The current profile may not see or change this."""


@dataclass(frozen=True)
class Profil:
    id: str
    role: str
    prenom: str
    nom: str
    login: str | None = None
    mds: str | None = None
    site_id: str | None = None
    agence: str | None = None
    partenaire: str | None = None
    etp: float = 1.0
    demo: bool = False

    @property
    def nom_complet(self) -> str:
        return f"{self.prenom} {self.nom}"

    @property
    def cote(self) -> str:
        """Which side's notes this person writes and reads."""
        return "france-travail" if self.role == "conseiller" else "cd82"

    @property
    def libelle(self) -> str:
        return f"{self.nom_complet} ({ROLES.get(self.role, self.role)})"


def _row_to_profil(row: dict) -> Profil:
    return Profil(
        id=row["id"], role=row["role"], prenom=row["prenom"], nom=row["nom"],
        login=row["login"], mds=row["mds"], site_id=row["site_id"], agence=row["agence"],
        partenaire=row["partenaire"], etp=row["etp"], demo=bool(row["demo"]),
    )  # fmt: skip


def get_profil(db: Database, ident: str) -> Profil | None:
    rows = list(
        db.query("SELECT * FROM profils WHERE (id = ? OR login = ?) AND actif = 1", [ident, ident])
    )
    return _row_to_profil(rows[0]) if rows else None


def list_profils(db: Database, role: str | None = None) -> list[Profil]:
    where, params = ("WHERE actif = 1 AND role = ?", [role]) if role else ("WHERE actif = 1", [])
    return [
        _row_to_profil(r)
        for r in db.query(f"SELECT * FROM profils {where} ORDER BY role, nom, prenom", params)
    ]


def current_profil(db: Database, requested: str | None = None) -> Profil | None:
    """The profile chosen at start-up: ``--user``, else ``$BINOME_USER``, else the OS login.

    An unknown ``--user`` is an error; no match for the OS login gives None (the caller
    decides: the demo falls back to its first conseiller)."""
    if requested:
        profil = get_profil(db, requested)
        if profil is None:
            known = ", ".join(p.login or p.id for p in list_profils(db)[:12])
            raise BinomeError(
                f"Profil inconnu : « {requested} ». Profils existants : {known or 'aucun'}."
            )
        return profil
    env = os.environ.get(USER_ENV)
    if env:
        return current_profil(db, env)
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        return None
    return get_profil(db, login)


def visibility_clause(profil: Profil) -> tuple[str, list]:
    """SQL condition on ``demandeurs d`` restricting rows to what *profil* may see."""
    if profil.role == "conseiller":
        return "d.conseiller_id = ?", [profil.id]
    if profil.role == "ass":
        return "d.ass_id = ?", [profil.id]
    if profil.role == "responsable":
        return (
            "d.code_insee IN (SELECT cs.code_insee FROM commune_secteurs cs "
            "JOIN sites s ON s.id = cs.site_id WHERE s.mds = ?)",
            [profil.mds],
        )
    return "0", []


def can_act(profil: Profil, conseiller_id: str, ass_id: str | None) -> bool:
    """Only the binôme (the conseiller and the ASS of the demandeur) records the parcours."""
    return profil.id in (conseiller_id, ass_id)
