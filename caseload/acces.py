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


# Who may do each action on the base as a whole: the one place these rights live.
# (Who sees which demandeur is ``visibility_clause``; who edits which entry of the base de
# ressources is ``ressources.edition.peut_modifier``.)
PERMISSIONS: dict[str, tuple[frozenset[str], str]] = {
    "profils": (frozenset({"administrateur"}), "Seul un administrateur gère les profils."),
    "partenaires": (frozenset({"administrateur"}), "Seul un administrateur gère les partenaires."),
    "import": (frozenset({"administrateur"}), "Seul un administrateur importe des fichiers."),
    "sync": (
        frozenset({"administrateur"}),
        "Seul un administrateur synchronise la base avec data·inclusion.",
    ),
    "retirer-demo": (
        frozenset({"administrateur"}),
        "Seul un administrateur retire les données de démonstration d'une base.",
    ),
    "sauvegarde": (frozenset({"administrateur"}), "Seul un administrateur sauvegarde la base."),
    "restaurer": (frozenset({"administrateur"}), "Seul un administrateur restaure la base."),
    "rgpd": (
        frozenset({"administrateur"}),
        "Seul un administrateur exerce les droits RGPD (journal, accès, effacement, purge).",
    ),
}


def may(acteur: Profil | None, action: str) -> bool:
    """Whether *acteur* may do *action* (a key of :data:`PERMISSIONS`)."""
    roles, _ = PERMISSIONS[action]
    return acteur is not None and acteur.role in roles


def require(acteur: Profil | None, action: str) -> None:
    """Raise :class:`AccesRefuse` (a French sentence) unless *acteur* may do *action*."""
    if not may(acteur, action):
        raise AccesRefuse(PERMISSIONS[action][1])


def _require_admin(acteur: Profil | None) -> None:
    require(acteur, "profils")


def creer_profil(
    db: Database,
    acteur: Profil | None,
    *,
    id: str,
    role: str,
    prenom: str,
    nom: str,
    login: str | None = None,
    mds: str | None = None,
    site_id: str | None = None,
    agence: str | None = None,
    partenaire: str | None = None,
    etp: float = 1.0,
) -> Profil:
    """An administrateur adds a person (or updates one with the same id)."""
    _require_admin(acteur)
    errors = []
    if role not in ROLES:
        errors.append(f"rôle inconnu « {role} » ({', '.join(ROLES)})")
    if not id.strip() or not prenom.strip() or not nom.strip():
        errors.append("identifiant, prénom et nom sont obligatoires")
    checks = (("mds", mds, "SELECT 1 FROM mds WHERE slug = ?"),
              ("site", site_id, "SELECT 1 FROM sites WHERE id = ?"),
              ("agence", agence, "SELECT 1 FROM agences WHERE slug = ?"),
              ("partenaire", partenaire, "SELECT 1 FROM partenaires WHERE slug = ?"))  # fmt: skip
    for label, value, sql in checks:
        if value and db.execute(sql, [value]).fetchone() is None:
            errors.append(f"{label} inconnu(e) « {value} »")
    if role in ("ass", "responsable") and not mds:
        errors.append("une ASS ou un responsable est rattaché(e) à une MDS (--mds)")
    if not 0 < etp <= 1:
        errors.append("l'ETP est compris entre 0 et 1")
    if errors:
        raise BinomeError("Profil refusé : " + " ; ".join(errors) + ".")
    db["profils"].upsert(
        {"id": id.strip(), "role": role, "prenom": prenom.strip(), "nom": nom.strip(),
         "login": login or id.strip(), "mds": mds, "site_id": site_id, "agence": agence,
         "partenaire": partenaire, "etp": etp, "actif": 1},
        pk="id",
    )  # fmt: skip
    profil = get_profil(db, id.strip())
    assert profil is not None
    return profil


def desactiver_profil(db: Database, acteur: Profil | None, ident: str) -> None:
    """People leave: their profile is deactivated, their history stays."""
    _require_admin(acteur)
    if get_profil(db, ident) is None:
        raise BinomeError(f"Profil inconnu : « {ident} ».")
    db.execute("UPDATE profils SET actif = 0 WHERE id = ? OR login = ?", [ident, ident])
