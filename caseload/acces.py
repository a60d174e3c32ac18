"""Who is who, and who sees what — enforced here, not only on screen.

A conseiller sees his portefeuille; an ASS the demandeurs she follows; a responsable MDS
those of her MDS; partners' staff keep their partner's entries of the base de ressources and
see no demandeur; an administrateur manages partners and profiles and sees no demandeur.
Working notes stay on their side: France Travail's are never shown to the Département's
people, and the reverse; only the fiche de liaison and the bilans are shared.

Identity: in a terminal, a real base knows a person by the OS account the process runs as
(its uid, not ``$USER``, which anyone can set); served, by a sign-in (:func:`authenticate`).
Only a demo base — one that holds nothing but the demo seed — lets anyone pick a profile.
"""

from __future__ import annotations

import hmac
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlite_utils import Database

from ressources.db import _connect_read_only
from ressources.errors import AccessDenied, BinomeError

ROLES = {
    "conseiller": "Conseiller France Travail",
    "ass": "Assistant(e) de service social",
    "responsable": "Responsable MDS",
    "partenaire": "Personnel d'un partenaire",
    "administrateur": "Administrateur",
}
# The same, where a narrow screen has no room for the long form (the header at 80 columns).
ROLES_SHORT = {
    "conseiller": "Conseiller FT",
    "ass": "ASS",
    "responsable": "Responsable MDS",
    "partenaire": "Partenaire",
    "administrateur": "Administrateur",
}
USER_ENV = "BINOME_USER"
# Five failed sign-ins in a row lock the account for a while (issue « One base for the whole
# département », Signing in).
MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 10
# argon2id with the library's defaults (RFC 9106 low-memory profile): slow and salted.
_HASHER = PasswordHasher()
# Verified against when the identifiant is unknown, so that an unknown and a known account
# take the same time to refuse. Written out rather than hashed at import: hashing cost every
# process 0.2 s of CPU at start (each command, each served tab). Made by _HASHER, with its
# parameters (a test checks they are still _HASHER's, so its check takes as long as a real one).
_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$xgrVkhmXJz24y186XaMSqA$"
    "xfUG72YCI8M8LZV4gUndR+AfpMBvOeJzfVcY55lD9sQ"
)
# One sentence for every refusal (unknown account, wrong password, locked account): a different
# answer for a locked account would tell a stranger which identifiants exist.
_AFTER_FAILURES = (
    f"Après {MAX_FAILURES} échecs de suite, le compte reste verrouillé {LOCK_MINUTES} minutes ; "
    "un administrateur peut vous donner un nouveau mot de passe."
)
WRONG_CREDENTIALS = "Identifiant ou mot de passe incorrect. " + _AFTER_FAILURES
# The same refusal where no identifiant is asked (a locked session: it is its person's).
WRONG_PASSWORD = "Mot de passe incorrect. " + _AFTER_FAILURES


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
    def side(self) -> str:
        """Which side's notes this person writes and reads."""
        return "france-travail" if self.role == "conseiller" else "cd82"

    @property
    def libelle(self) -> str:
        return f"{self.nom_complet} ({ROLES.get(self.role, self.role)})"


def _row_to_profil(row: dict) -> Profil:
    return Profil(
        id=row["id"],
        role=row["role"],
        prenom=row["prenom"],
        nom=row["nom"],
        login=row["login"],
        mds=row["mds"],
        site_id=row["site_id"],
        agence=row["agence"],
        partenaire=row["partenaire"],
        etp=row["etp"],
        demo=bool(row["demo"]),
    )


def os_account() -> str | None:
    """The OS account this process runs as, from its uid (``$USER``/``$LOGNAME`` are
    whatever the caller set, so they never identify anyone)."""
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, OSError):
        return None


def is_demo_base(db: Database) -> bool:
    """A demo base holds the demo seed and nothing else: the first real profile, demandeur,
    structure or entry makes it a real base, where nobody may pick a profile."""
    row = db.execute(
        "SELECT EXISTS (SELECT 1 FROM profils WHERE demo = 1)"
        " AND NOT EXISTS (SELECT 1 FROM profils WHERE demo = 0)"
        " AND NOT EXISTS (SELECT 1 FROM demandeurs WHERE demo = 0)"
        " AND NOT EXISTS (SELECT 1 FROM services WHERE demo = 0)"
        " AND NOT EXISTS (SELECT 1 FROM structures WHERE demo = 0)"
    ).fetchone()
    return bool(row[0])


def refuse_demo_over_real(db: Database, source: Path) -> None:
    """A demo base never replaces a real one: restored, its fictitious profiles would be
    open to anyone (``--user admin``) and the real administrateur would have none."""
    if is_demo_base(db):
        return
    try:
        conn = _connect_read_only(Path(source))
    except (sqlite3.Error, OSError, ValueError):
        return  # the backup's own check says what is wrong with the file
    try:
        demo = is_demo_base(conn)  # type: ignore[arg-type]
    except sqlite3.Error:
        return
    finally:
        conn.close()
    if demo:
        raise AccessDenied(
            f"{source} est une base de démonstration : la restaurer sur cette base réelle "
            "ouvrirait ses profils fictifs à tous. Rien n'a été restauré."
        )


def get_profil(db: Database, ident: str) -> Profil | None:
    rows = list(
        db.query("SELECT * FROM profils WHERE (id = ? OR login = ?) AND actif = 1", [ident, ident])
    )
    return _row_to_profil(rows[0]) if rows else None


def profil_now(db: Database, profil: Profil) -> Profil | None:
    """*profil* as the base holds it now (an open session re-reads it): None when it was
    deactivated, or when it is a demo profile and the base has become a real one."""
    rows = list(db.query("SELECT * FROM profils WHERE id = ? AND actif = 1", [profil.id]))
    if not rows:
        return None
    current = _row_to_profil(rows[0])
    if current.demo and not is_demo_base(db):
        return None
    return current


def list_profils(db: Database, role: str | None = None) -> list[Profil]:
    where, params = ("WHERE actif = 1 AND role = ?", [role]) if role else ("WHERE actif = 1", [])
    return [
        _row_to_profil(r)
        for r in db.query(f"SELECT * FROM profils {where} ORDER BY role, nom, prenom", params)
    ]


def profils_to_manage(db: Database, actor: Profil | None) -> list[tuple[Profil, bool]]:
    """Every profile of the base, the deactivated ones too, each with whether it is active:
    what an administrateur manages (the « Profils » screen). Others are refused."""
    _require_admin(actor)
    return [
        (_row_to_profil(r), bool(r["actif"]))
        for r in db.query("SELECT * FROM profils ORDER BY actif DESC, role, nom, prenom")
    ]


def _profil_of_account(db: Database, account: str, *, demo_base: bool) -> Profil | None:
    rows = list(
        db.query(
            "SELECT * FROM profils WHERE login = ? AND actif = 1 AND (demo = 0 OR ?)",
            [account, int(demo_base)],
        )
    )
    return _row_to_profil(rows[0]) if rows else None


def terminal_profil(db: Database, requested: str | None = None) -> Profil | None:
    """Who runs this terminal session.

    On a demo base, ``--user`` (*requested*), else ``$BINOME_USER``, names any profile, else
    the OS account's. On a real base the profile is the one whose login is the OS account;
    ``--user``/``$BINOME_USER`` are accepted only when they name that same profile. An
    unknown or refused name is an :class:`AccessDenied` that lists nobody. None: no profile
    (the caller decides: the demo falls back to its first conseiller)."""
    asked = requested or os.environ.get(USER_ENV) or None
    demo_base = is_demo_base(db)
    account = os_account()
    mine = _profil_of_account(db, account, demo_base=demo_base) if account else None
    if asked is None:
        return mine
    named = get_profil(db, asked)
    if demo_base:
        if named is None:
            raise AccessDenied(f"Profil inconnu : « {asked} ».")
        return named
    if named is None or mine is None or named.id != mine.id:
        raise AccessDenied(
            "Sur une base réelle, Binôme vous reconnaît par votre compte du poste "
            f"(« {account or '?'} ») : --user et BINOME_USER ne désignent que votre propre "
            "profil."
        )
    return mine


def may_bootstrap(db: Database) -> bool:
    """Whether the base may get its first administrateur from nobody: while it holds no real
    profile at all (a fresh real base). A demo base has its demo administrateur."""
    real = db.execute("SELECT 1 FROM profils WHERE demo = 0 LIMIT 1").fetchone()
    return real is None and not is_demo_base(db)


def has_administrateur(db: Database) -> bool:
    """Whether someone can administer this base (demo profiles count only on a demo base)."""
    demo_base = is_demo_base(db)
    row = db.execute(
        "SELECT 1 FROM profils WHERE role = 'administrateur' AND actif = 1 AND (demo = 0 OR ?)",
        [int(demo_base)],
    ).fetchone()
    return row is not None


# -- passwords -----------------------------------------------------------------------------
def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


def authenticate(db: Database, identifiant: str, password: str, *, now: datetime | None = None):
    """The profile whose identifiant (or login) and password these are.

    Refusals are one sentence whatever was wrong (unknown account, wrong password, a demo
    profile on a real base, a locked account), and take the time of a real check. Each
    attempt is counted before the (slow) check, in one write transaction, so that attempts
    made at the same moment cannot verify more than MAX_FAILURES passwords; after
    MAX_FAILURES in a row the account is locked for LOCK_MINUTES. On a demo base, a demo
    profile with no password of its own signs in with its identifiant as password. A busy
    base is retried, then refused in French (never a crash that would print what was
    typed)."""
    from ressources.db import retrying

    moment = _now(now)
    ident = (identifiant or "").strip()
    row = retrying(db, lambda: _reserve_attempt(db, ident, moment))
    if row is None:
        _verify(_DUMMY_HASH, password)
        raise AccessDenied(WRONG_CREDENTIALS)
    if isinstance(row, str):  # LOCKED
        _verify(_DUMMY_HASH, password)  # a locked account answers in the time of a check
        raise AccessDenied(WRONG_CREDENTIALS)
    if row["mot_de_passe"]:
        ok = _verify(row["mot_de_passe"], password)
    elif row["demo"]:
        ok = hmac.compare_digest(password.encode(), row["id"].encode())
    else:
        _verify(_DUMMY_HASH, password)
        ok = False
    if not ok:
        raise AccessDenied(WRONG_CREDENTIALS)

    def succeeded() -> None:
        db.execute(
            "UPDATE profils SET echecs = 0, verrouille_jusqu = NULL WHERE id = ?", [row["id"]]
        )
        if row["mot_de_passe"] and _HASHER.check_needs_rehash(row["mot_de_passe"]):
            db.execute(
                "UPDATE profils SET mot_de_passe = ? WHERE id = ?",
                [_HASHER.hash(password), row["id"]],
            )

    retrying(db, succeeded)
    return _row_to_profil(row)


LOCKED = "locked"


def _reserve_attempt(db: Database, ident: str, moment: datetime) -> dict | str | None:
    """Count one sign-in attempt for *ident*: its row (the attempt may go on), LOCKED, or
    None (no such active account, or a demo one on a real base)."""
    rows = list(
        db.query("SELECT * FROM profils WHERE (id = ? OR login = ?) AND actif = 1", [ident, ident])
    )
    row = rows[0] if len(rows) == 1 else None
    if row is None or (row["demo"] and not is_demo_base(db)):
        return None
    locked_until = row["verrouille_jusqu"]
    if locked_until and moment < datetime.fromisoformat(locked_until):
        return LOCKED
    if row["echecs"] >= MAX_FAILURES:
        until = moment + timedelta(minutes=LOCK_MINUTES)
        db.execute(
            "UPDATE profils SET echecs = 0, verrouille_jusqu = ? WHERE id = ?",
            [until.isoformat(), row["id"]],
        )
        return LOCKED
    db.execute("UPDATE profils SET echecs = echecs + 1 WHERE id = ?", [row["id"]])
    return row


def _verify(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def may_set_password(actor: Profil | None, target: Profil) -> bool:
    """A person sets their own password; an administrateur sets anyone's."""
    return actor is not None and (actor.id == target.id or actor.role == "administrateur")


def password_problem(profil: Profil, password: str) -> str | None:
    """Why *password* is not acceptable for *profil* (None when it is)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"le mot de passe doit compter au moins {MIN_PASSWORD_LENGTH} caractères"
    if password.strip().casefold() in {profil.id.casefold(), (profil.login or "").casefold()}:
        return "le mot de passe ne peut pas être l'identifiant"
    if len(set(password)) < 4:
        return "le mot de passe est trop simple (au moins quatre caractères différents)"
    return None


def set_password(db: Database, actor: Profil | None, profil_id: str, password: str) -> None:
    """Store a new password for *profil_id* as an argon2id hash (and unlock the account)."""
    target = get_profil(db, profil_id)
    if target is None or not may_set_password(actor, target):
        if actor is not None and actor.role == "administrateur":
            raise BinomeError(f"Profil inconnu : « {profil_id} ».")
        raise AccessDenied(
            "Vous ne pouvez changer que votre propre mot de passe ; un administrateur change "
            "celui des autres."
        )
    problem = password_problem(target, password)
    if problem:
        raise BinomeError(f"Mot de passe refusé : {problem}.")
    db.execute(
        "UPDATE profils SET mot_de_passe = ?, echecs = 0, verrouille_jusqu = NULL WHERE id = ?",
        [_HASHER.hash(password), target.id],
    )


# The roles that see demandeurs at all (``visibility_clause`` shows the others none).
DEMANDEUR_ROLES = ("conseiller", "ass", "responsable")


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
# ressources is ``ressources.edition.may_edit``.)
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
    # How many open dossiers each ASS holds (the sectorisation's « Charge », and why one is
    # proposed): the binômes and their management weigh it; a partner keeping directory
    # entries has no part in the caseload (the convention's staff, not theirs).
    "charge-ass": (
        frozenset({"conseiller", "ass", "responsable", "administrateur"}),
        "La charge des ASS n'est montrée qu'aux conseillers, aux ASS, aux responsables MDS "
        "et aux administrateurs.",
    ),
    # The convention's indicators (annexe 3): for its two institutions' teams, whose COPIL and
    # comité technique follow them (avenant, article 3), not for a partner's staff: counts by
    # site and month come down to a few people in a small commune.
    "indicateurs": (
        frozenset({"conseiller", "ass", "responsable", "administrateur"}),
        "Les indicateurs de la convention sont réservés aux équipes de France Travail et du "
        "Département (conseillers, ASS, responsables MDS, administrateurs).",
    ),
    # The COPIL's bilan annuel (avenant, article 3): aggregates, for those who pilot.
    "bilan-annuel": (
        frozenset({"conseiller", "responsable", "administrateur"}),
        "Le bilan annuel est produit par un conseiller, un responsable MDS ou un administrateur.",
    ),
}


def may(actor: Profil | None, action: str) -> bool:
    """Whether *acteur* may do *action* (a key of :data:`PERMISSIONS`)."""
    roles, _ = PERMISSIONS[action]
    return actor is not None and actor.role in roles


def require(actor: Profil | None, action: str) -> Profil:
    """*acteur*, when they may do *action*; else :class:`AccessDenied` (a French sentence)."""
    if actor is None or not may(actor, action):
        raise AccessDenied(PERMISSIONS[action][1])
    return actor


def _require_admin(actor: Profil | None) -> None:
    require(actor, "profils")


def create_profil(
    db: Database,
    actor: Profil | None,
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
    new: bool = False,
) -> Profil:
    """An administrateur adds a person (or updates one with the same id, keeping its login
    unless told another; *new*: an existing id is refused, as the « Nouveau profil » form
    asks for someone new). The last active administrateur of a real base keeps that role.

    A base with no real profile at all accepts its first administrateur from nobody: that is
    how a real base starts (``binome profil-ajouter ID --role administrateur …``); that first
    one can never take an existing identifiant. On a demo base, the first real profile is an
    administrateur, so that the real base it makes always has someone to administer it."""
    ident = id.strip()
    existing = db.execute(
        "SELECT demo, login, role, actif FROM profils WHERE id = ?", [ident]
    ).fetchone()
    if actor is None and may_bootstrap(db) and role == "administrateur":
        if existing is not None:
            raise AccessDenied(f"L'identifiant « {ident} » existe déjà : choisissez-en un autre.")
    else:
        _require_admin(actor)
    if existing is not None and new:
        raise BinomeError(
            f"L'identifiant « {ident} » est déjà celui d'un profil : choisissez-en un autre."
        )
    if existing is not None and existing[0]:
        raise BinomeError(
            f"« {ident} » est un profil de démonstration : donnez un autre identifiant au "
            "profil réel."
        )
    errors = []
    if role not in ROLES:
        errors.append(f"rôle inconnu « {role} » ({', '.join(ROLES)})")
    if not id.strip() or not prenom.strip() or not nom.strip():
        errors.append("identifiant, prénom et nom sont obligatoires")
    checks = (
        ("mds", mds, "SELECT 1 FROM mds WHERE slug = ?"),
        ("site", site_id, "SELECT 1 FROM sites WHERE id = ?"),
        ("agence", agence, "SELECT 1 FROM agences WHERE slug = ?"),
        ("partenaire", partenaire, "SELECT 1 FROM partenaires WHERE slug = ?"),
    )
    for label, value, sql in checks:
        if value and db.execute(sql, [value]).fetchone() is None:
            errors.append(f"{label} inconnu(e) « {value} »")
    if role in ("ass", "responsable") and not mds:
        errors.append("une ASS ou un responsable est rattaché(e) à une MDS (--mds)")
    if role == "partenaire" and not partenaire:
        errors.append("le personnel d'un partenaire est rattaché à ce partenaire (--partenaire)")
    wanted_login = login or (existing[1] if existing is not None else "") or ident
    if (
        existing is not None
        and existing[2] == "administrateur"
        and existing[3]
        and role != "administrateur"
        and not _other_administrateurs(db, ident)
    ):
        errors.append(
            "c'est le dernier administrateur de la base : nommez-en un autre avant de changer "
            "son rôle"
        )
    # One name, one person: a login is nobody else's login nor identifiant, and the reverse.
    taken = db.execute(
        "SELECT id FROM profils WHERE (login = ? OR id = ?) AND id != ?",
        [wanted_login, wanted_login, ident],
    ).fetchone()
    if taken:
        errors.append(f"le login « {wanted_login} » est déjà celui d'un autre profil")
    if db.execute("SELECT 1 FROM profils WHERE login = ? AND id != ?", [ident, ident]).fetchone():
        errors.append(f"l'identifiant « {ident} » est déjà le login d'un autre profil")
    if not 0 < etp <= 1:
        errors.append("l'ETP est compris entre 0 et 1")
    if errors:
        raise BinomeError("Profil refusé : " + " ; ".join(errors) + ".")
    if role != "administrateur" and is_demo_base(db) and existing is None:
        raise BinomeError(
            "Sur la base de démonstration, le premier profil réel est un administrateur : "
            "la base devient réelle et les profils fictifs n'y comptent plus."
        )
    db.table("profils").upsert(
        {
            "id": ident,
            "role": role,
            "prenom": prenom.strip(),
            "nom": nom.strip(),
            "login": wanted_login,
            "mds": mds,
            "site_id": site_id,
            "agence": agence,
            "partenaire": partenaire,
            "etp": etp,
            "actif": 1,
        },
        pk="id",
    )
    profil = get_profil(db, ident)
    assert profil is not None
    return profil


def _other_administrateurs(db: Database, ident: str) -> int:
    """The active administrateurs of the real base other than *ident*."""
    return db.execute(
        "SELECT count(*) FROM profils WHERE role = 'administrateur' AND actif = 1 "
        "AND demo = 0 AND id != ?",
        [ident],
    ).fetchone()[0]


def deactivate_profil(db: Database, actor: Profil | None, ident: str) -> None:
    """People leave: their profile is deactivated, their history stays. The last active
    administrateur of a real base stays (else nobody could administer it again, and the
    first-administrateur path would reopen)."""
    _require_admin(actor)
    profil = get_profil(db, ident)
    if profil is None:
        raise BinomeError(f"Profil inconnu : « {ident} ».")
    if (
        profil.role == "administrateur"
        and not profil.demo
        and not _other_administrateurs(db, profil.id)
    ):
        raise BinomeError(
            "C'est le dernier administrateur de la base : nommez-en un autre avant de le "
            "désactiver."
        )
    db.execute("UPDATE profils SET actif = 0 WHERE id = ?", [profil.id])


def reactivate_profil(db: Database, actor: Profil | None, ident: str) -> Profil:
    """A person comes back (or was deactivated by mistake): her profile is active again,
    with its rights, its login and its password as they were. A demo profile on a real base
    stays out: it does not count there (``profil_now``)."""
    _require_admin(actor)
    row = db.execute(
        "SELECT id, actif, demo FROM profils WHERE id = ? OR login = ?", [ident, ident]
    ).fetchone()
    if row is None:
        raise BinomeError(f"Profil inconnu : « {ident} ».")
    if row[1]:
        raise BinomeError(f"Le profil « {row[0]} » est déjà actif.")
    if row[2] and not is_demo_base(db):
        raise BinomeError(
            f"« {row[0]} » est un profil fictif de la démonstration : il ne compte plus sur "
            "une base réelle."
        )
    db.execute("UPDATE profils SET actif = 1 WHERE id = ?", [row[0]])
    profil = get_profil(db, row[0])
    assert profil is not None
    return profil
