"""Sign-in for the served app: ``authenticate`` and ``set_password``.

STAND-IN until ``caseload.acces.authenticate`` / ``set_password`` land on main (the lead
writes them): the same signatures and French sentences, so the screens and the served tests do
not change when this file goes. Once main has them, this module only re-exports them.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from sqlite_utils import Database

from caseload.acces import AccesRefuse, Profil, get_profil

try:  # the real ones, once merged from main
    from caseload.acces import authenticate, set_password  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - replaced at merge time
    MAX_FAILURES = 5
    LOCK_MINUTES = 15
    REFUSED = "Identifiant ou mot de passe incorrect."
    LOCKED = (
        f"Compte verrouillé après {MAX_FAILURES} essais infructueux : réessayez dans "
        f"{LOCK_MINUTES} minutes, ou demandez à un administrateur."
    )
    _TABLE = "standin_mots_de_passe"

    def _table(db: Database):
        if _TABLE not in db.table_names():
            db[_TABLE].create(
                {"profil_id": str, "hash": str, "echecs": int, "verrou": str}, pk="profil_id"
            )
        return db[_TABLE]

    def _hash(password: str, salt: bytes) -> str:
        digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
        return f"{salt.hex()}${digest.hex()}"

    def set_password(db: Database, acteur: Profil | None, profil_id: str, password: str) -> None:
        if acteur is None or (acteur.id != profil_id and acteur.role != "administrateur"):
            raise AccesRefuse("Seul un administrateur change le mot de passe d'un autre profil.")
        _table(db).upsert(
            {"profil_id": profil_id, "hash": _hash(password, secrets.token_bytes(16)),
             "echecs": 0, "verrou": None},
            pk="profil_id",
        )  # fmt: skip

    def authenticate(
        db: Database, identifiant: str, password: str, *, now: datetime | None = None
    ) -> Profil:
        now = now or datetime.now()
        profil = get_profil(db, identifiant.strip())
        if profil is None:
            raise AccesRefuse(REFUSED)
        table = _table(db)
        rows = list(table.rows_where("profil_id = ?", [profil.id]))
        row = rows[0] if rows else {"profil_id": profil.id, "hash": None, "echecs": 0,
                                    "verrou": None}  # fmt: skip
        if row["verrou"] and datetime.fromisoformat(row["verrou"]) > now:
            raise AccesRefuse(LOCKED)
        if row["hash"]:
            salt = bytes.fromhex(row["hash"].split("$")[0])
            ok = hmac.compare_digest(_hash(password, salt), row["hash"])
        else:  # the demo: password = identifiant
            ok = profil.demo and hmac.compare_digest(password, profil.id)
        if ok:
            table.upsert({**row, "echecs": 0, "verrou": None}, pk="profil_id")
            return profil
        echecs = (row["echecs"] or 0) + 1
        verrou = None
        if echecs >= MAX_FAILURES:
            verrou = (now + timedelta(minutes=LOCK_MINUTES)).isoformat()
        table.upsert({**row, "echecs": echecs, "verrou": verrou}, pk="profil_id")
        raise AccesRefuse(LOCKED if verrou else REFUSED)


__all__ = ["AccesRefuse", "authenticate", "set_password"]
