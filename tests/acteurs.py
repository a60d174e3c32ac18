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
