"""Who acts in the domain tests: any object with an id, a role and a partner will do
(``ressources.edition.Acteur``); these are the seed's own profiles."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Who:
    id: str
    role: str
    partenaire: str | None


ADMIN = Who("admin", "administrateur", None)


def make_os_account_administrateur(path) -> str:
    """Make the OS account running the tests the first administrateur of the base at *path*,
    as a département does when it starts a real base; returns the profile's id."""
    from caseload.acces import create_profil, os_account
    from caseload.database import open_project_database

    db = open_project_database(path)
    try:
        if db.execute("SELECT 1 FROM profils WHERE id = 'admin-poste'").fetchone():
            return "admin-poste"
        create_profil(
            db,
            None,
            id="admin-poste",
            role="administrateur",
            prenom="Alex",
            nom="Poste",
            login=os_account(),
        )
    finally:
        db.close()
    return "admin-poste"
