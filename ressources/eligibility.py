"""Whom a service takes: the age (and the sex) a query says of the person, and the ages
(the sex) a service is for.

A conseiller often says the person's age ("monsieur 58 ans au chômage", "sa fille de 17
ans", "il vit chez sa mère à 35 ans"); a service often says whom it takes ("Accompagnement
des 16-25 ans", « réservé aux plus de 60 ans », a data·inclusion public « jeunes » alone).
A service whose ages leave out every age the query says cannot take the person: the search
lists it after those that can (`ressources.search`). So does a service for women alone
(its data·inclusion public « femmes » only) when the query is about a man ("monsieur…").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ressources.text import fold

# Before a number of years, the words that make it a duration, not an age: « depuis 3
# ans », « après 10 ans », « pendant 2 ans », « il y a 5 ans », « ça fait 4 ans ».
_DURATION_BEFORE = frozenset(
    ["depuis", "apres", "pendant", "dans", "en", "fait", "y", "tous", "les", "des", "ces"]
)
# After it: « 15 ans de maçonnerie », « 20 ans d'expérience ».
_DURATION_AFTER = frozenset(["de", "d"])
OLDEST = 110
# The ages of a service's public said in its name, its public's details or its conditions.
# (Folded: « 16-25 ans » is « 16 25 ans », « dès » is « des ».)
_RANGE = re.compile(r"\b(\d{1,2}) (?:(?:a|et) )?(\d{1,2}) ?ans\b")
_UNDER = re.compile(r"\bmoins de (\d{1,2}) ?ans\b")
_OVER = re.compile(
    r"\b(?:plus de|partir de|des|au-dessus de|au dessus de) (\d{1,2}) ?ans\b"
    r"|\b(\d{1,2}) ?ans (?:et|ou) plus\b"
)
# A range that ends before this age is the children's (« garde des moins de 4 ans »): the
# age said may be their parent's, so it excludes nobody.
CHILDHOOD_END = 14
# The data·inclusion publics that say an age when a service has no other.
_PUBLIC_AGES = {"jeunes": (16, 30), "seniors": (60, OLDEST)}


def stated_ages(folded: list[str]) -> list[int]:
    """The ages the query's folded words say of someone ("58 ans", "19an"), durations
    aside ("depuis 3 ans", "15 ans de métier")."""
    ages = []
    for i, word in enumerate(folded):
        match = re.fullmatch(r"(\d{1,3})(ans?)?", word)
        if match is None:
            continue
        if match.group(2):
            after = i + 1
        elif i + 1 < len(folded) and folded[i + 1] in ("an", "ans"):
            after = i + 2
        else:
            continue
        before = folded[max(0, i - 2) : i]
        if (before and before[-1] in _DURATION_BEFORE) or before == ["y", "a"]:
            continue
        if after < len(folded) and folded[after] in _DURATION_AFTER:
            continue
        age = int(match.group(1))
        if 0 < age <= OLDEST:
            ages.append(age)
    return ages


def service_ages(nom: str, publics: Sequence[str], *texts: str | None) -> list[tuple[int, int]]:
    """The age ranges a service is for, inclusive ([] when it says none, or only its
    children's): from *nom* and *texts* (its public's details, its conditions), else from
    its data·inclusion *publics* when they are all one age's."""
    ranges: list[tuple[int, int]] = []
    for text in (nom, *texts):
        if not text:
            continue
        folded = fold(text)
        ranges += [(int(a), int(b)) for a, b in _RANGE.findall(folded) if int(a) <= int(b)]
        ranges += [(0, int(n) - 1) for n in _UNDER.findall(folded)]
        ranges += [(int(a or b), OLDEST) for a, b in _OVER.findall(folded)]
    if ranges:
        adult = [r for r in ranges if r[1] >= CHILDHOOD_END]
        # A range of children's ages alone says whose children, not whom it takes.
        return adult
    ages = {_PUBLIC_AGES.get(p) for p in publics if p != "etudiants"}
    if len(ages) == 1 and None not in ages:
        return [next(iter(ages))]  # type: ignore[list-item]
    return []


def leaves_out(ages: Iterable[int], ranges: list[tuple[int, int]]) -> bool:
    """Whether a service for *ranges* takes none of the *ages* said."""
    said = list(ages)
    if not said or not ranges:
        return False
    return not any(lo <= age <= hi for age in said for lo, hi in ranges)


# Said of the person, these words make the query about a man ("monsieur 58 ans au chômage",
# "un homme seul"); one word of a woman anywhere in it ("sa femme", "son ex", "madame") and
# it may be about her.
MAN_WORDS = frozenset(["monsieur", "mr", "homme"])
_WOMAN = frozenset(
    [
        "madame",
        "mme",
        "dame",
        "femme",
        "femmes",
        "fille",
        "mere",
        "maman",
        "soeur",
        "epouse",
        "copine",
        "cliente",
        "elle",
        "elles",
        "enceinte",
        "mamie",
        "ex",
        "conjointe",
        "compagne",
    ]
)
# data·inclusion publics that say a situation, not a sex: a shelter for women « en situation
# d'urgence » is still for women alone.
_BESIDE_SEX = frozenset(["personnes-en-situation-durgence"])


# « il » says the person is a man, unless someone else is named who may be the subject
# ("son mari est violent, il la frappe", "son fils, il ne va plus en cours").
_HE = frozenset(["il", "ils"])
_SOMEONE_ELSE = frozenset(
    [
        "mari",
        "conjoint",
        "compagnon",
        "copain",
        "fils",
        "fiston",
        "pere",
        "papa",
        "frere",
        "enfant",
        "enfants",
        "gamin",
        "gosse",
        "ado",
        "bebe",
        "petit",
        "chef",
        "patron",
        "proprio",
        "proprietaire",
        "voisin",
    ]
)


def said_of_a_man(folded: list[str]) -> bool:
    """Whether the query's folded words are about a man, and no woman: « monsieur »,
    « homme », or « il » when no one else is named."""
    said = set(folded)
    if said & _WOMAN:
        return False
    return bool(said & MAN_WORDS) or (bool(said & _HE) and not said & _SOMEONE_ELSE)


def for_women_only(publics: Sequence[str]) -> bool:
    """Whether a service's data·inclusion *publics* are women alone."""
    return set(publics) - _BESIDE_SEX == {"femmes"}


def said_ranges(ranges: list[tuple[int, int]]) -> str:
    """The ages a service takes, as a person reads them (« 16-25 ans », « 60 ans et
    plus », « moins de 26 ans »)."""

    def one(lo: int, hi: int) -> str:
        if hi >= OLDEST:
            return f"{lo} ans et plus"
        if lo <= 0:
            return f"moins de {hi + 1} ans"
        return f"{lo}-{hi} ans"

    return ", ".join(dict.fromkeys(one(lo, hi) for lo, hi in ranges))
