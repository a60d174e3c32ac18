"""The 22 thématiques of the base de ressources (convention, annexe 1, axe 1).

"Cet outil sera structuré autour de 22 thématiques" — the list itself is seed data
(``seed/data/thematiques.json``), so a département can replace it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from ressources.errors import UnknownThematique
from ressources.text import fold

THEMATIQUES_COUNT = 22  # annexe 1, axe 1: "structuré autour de 22 thématiques"


@dataclass(frozen=True)
class Thematique:
    slug: str
    label: str
    description: str
    di_categorie: str | None
    di_thematiques: tuple[str, ...]


def load_thematiques(db: Database) -> list[Thematique]:
    return [
        Thematique(
            slug=r["slug"],
            label=r["label"],
            description=r["description"],
            di_categorie=r["di_categorie"],
            di_thematiques=tuple(json.loads(r["di_thematiques"] or "[]")),
        )
        for r in db.query("SELECT * FROM thematiques ORDER BY position")
    ]


class Thematiques:
    """The thématiques of a database, with the mapping from the national taxonomy."""

    def __init__(self, items: list[Thematique]) -> None:
        self.items = items
        self.by_slug = {t.slug: t for t in items}
        self._from_di: dict[str, str] = {}
        for t in items:
            for di in t.di_thematiques:
                self._from_di[di] = t.slug
        for t in items:
            if t.di_categorie and t.di_categorie == t.slug:
                self._from_di.setdefault(t.di_categorie, t.slug)

    @classmethod
    def from_db(cls, db: Database) -> Thematiques:
        return cls(load_thematiques(db))

    def label(self, slug: str) -> str:
        t = self.by_slug.get(slug)
        return t.label if t else slug

    def resolve(self, text: str) -> Thematique:
        """A thématique from its slug, its label or the start of its label, without accents."""
        if text in self.by_slug:
            return self.by_slug[text]
        wanted = fold(text)
        exact = [t for t in self.items if fold(t.label) == wanted or fold(t.slug) == wanted]
        if exact:
            return exact[0]
        starts = [t for t in self.items if fold(t.label).startswith(wanted)] if wanted else []
        if len(starts) == 1:
            return starts[0]
        known = ", ".join(t.slug for t in self.items)
        raise UnknownThematique(
            f"Thématique inconnue : « {text} ». Thématiques possibles : {known}."
        )

    def from_di(self, di_values: list[str] | None) -> list[str]:
        """Local slugs for a list of data·inclusion thématiques (sub-theme or category)."""
        slugs: list[str] = []
        for value in di_values or []:
            slug = self._from_di.get(value) or self._from_di.get(value.split("--")[0])
            if slug and slug not in slugs:
                slugs.append(slug)
        return slugs
