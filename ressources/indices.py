"""Need cues: the words a person says when a need of a data·inclusion thématique is behind
them (« elle tombe souvent », « il fume du shit », « il a peur de son ex »).

The lexicon (``ressources/data/indices.json``) lists, for each thématique of the national
taxonomy, the situations people and conseillers describe — not the names of services. A
query's cues name the thématiques its need may belong to; the search engine then also finds
the services that carry them (every data·inclusion record has its thématiques, whatever its
wording), below those that have the words. Plain Python, read once.

- A cue is a word or a short phrase, matched on the query's stems (« tombe », « tomber »,
  « tombée »), a phrase's words in order with at most one word between them.
- A cue written after a negation (« pas de voiture », « sans permis ») counts only after
  one; the others never right after one (« pas de voiture » is no car to repair).
- A cue negated after its verb (« dort pas », « sait pas lire ») counts only with a
  negation beside it (« il dort toujours pas », « il ne sait pas lire »): « elle dort chez
  sa sœur » is no sleepless night.
- An age of 60 or more (« 80 ans ») says « âgée ».
- A cue of several thématiques (« voiture ») keeps those the query's other cues agree on
  (« sa voiture est en panne »: the garage, not the car rental).
- A cue marked « ~ » (a family word, « ex ») counts only beside another cue of its thématique.
- A word of five letters or more that is no cue, nor a word of French said well, is the
  one-word cue it sounds like (« alcolique », « canabis », « alzeimer »).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from data_inclusion.schema.v1 import Thematique  # type: ignore[import-untyped]
from rapidfuzz import fuzz

from ressources.text import (
    STOPWORDS,
    common_french_words,
    common_short_words,
    phonetic,
    stem,
    words,
)

# Words that say what follows is missing (« n'a plus de logement », « ni permis »).
NEGATORS = frozenset({"pas", "plus", "sans", "ni", "aucun", "aucune", "jamais", "rien", "pa"})
# Where one lives, said with a verb ("il habite dunes", "elle vit chez sa mère").
LIVING = frozenset({"habite", "habites", "habitent", "habiter", "vit", "vis", "vivent", "vivre"})
# Words whose stem is another word's (« habite » stems as « habits », « coupé » as « coups »):
# they say a cue, or a need of one word, only as themselves (« vit seule », « habite loin »).
_STEM_SHARED_WITH = {  # a cue's word: the words of other meanings with its stem
    "coups": "coupe coupes coupee coupees couper coupent",
    "couches": "couche coucher couchee couchees couchent",
    "compter, compta": "compte comptes",
    "communication": "commune communes",
    "alternance": "alternative alternatives",
    "autorité": "autorise autorisee autorises",
    "délire, détention, droits": "delit delits detente droite",
    "étranger": "etrange etranges etrangement",
    "généraliste": "general generale generaux generales generalement",
    "grandit": "grand grande grands grandes grandement",
    "licencié": "licence licences",
    "mobilité, mobilier": "mobile mobiles mobiliser",
    "nationalité": "national nationale nationaux nationales",
    "pass": "passe passes passer passee passait passant",
    "parier": "paris",
    "placement": "place places placer placee",
    "retraitée": "retrait retraits",
    "seul": "seulement",
    "spécialiste": "special speciale speciaux speciales specialement specialise specialisee",
    "tente": "tenter tentait tentez tentant",
    "train": "traine trainer trainait trainent",
    "voile": "voila",
    "égalité": "egal egale egaux egalement",
    "initiation, colonie": "initiative initiatives colonne colonnes",
    "apport": "apporter apporte apportait apportee",
    "charges": "charge charger chargee chargement",
    "dépendance": "depend depends dependait",
}
AS_WRITTEN = LIVING | frozenset(w for said in _STEM_SHARED_WITH.values() for w in said.split())
# « ne » / « n' » before a verb: « il ne boit plus » (the « plus » comes after the verb).
_VERB_NEGATORS = frozenset({"ne", "n"})
# The negations that say more than « pas » (« rien à manger », « jamais pris le train »).
_OWN_NEGATORS = {"rien": "rien", "jamais": "jamais"}
# The words said between a verb and its negation (« il parle toujours pas »).
_BEFORE_NEGATION = frozenset({"toujours", "encore", "vraiment", "trop", "bien", "presque", "meme"})
# How far before a cue a negation still applies to it (« pas encore de permis »).
NEGATION_REACH = 3
# The most thématiques one cue leads to when nothing else in the query tells them apart.
MAX_THEMATIQUES = 3
OLD_AGE = 60
SOUNDED = 5  # the shortest word looked up by its sound
# A word sounding like a cue is that cue if it is written at least this near (rapidfuzz's
# ratio, 0–100: « alcolique » / « alcool » 67, « nourice » / « se nourrir » 22), and
# not much farther than the nearest cue of the same sound (« dantiste »: « dentiste », not
# « dentier »).
SOUND_FLOOR = 50
SOUND_MARGIN = 10
_LABELS = {t.value: t.label for t in Thematique}


def label(code: str) -> str:
    """The French label of a data·inclusion thématique (« Addictions »), or ""."""
    return _LABELS.get(code, "")


@dataclass(frozen=True)
class Cue:
    """One way of saying a need: its stems, whether it is said after a negation, whether it
    counts alone, and the thématiques it leads to."""

    text: str
    stems: tuple[str, ...]
    negated: bool
    weak: bool
    thematiques: tuple[str, ...]
    # A cue of several words that says one word once its little words are left out (« à la
    # rue », « doit des sous », « où il y a du boulot »): all its words, to be said as they
    # are (« il travaille rue de la Paix » is not « à la rue »).
    whole: tuple[str, ...] = ()
    # Negated after its verb (« dort pas », « s'en sort pas »): the little « pas » is no
    # stem, so a negation must be found beside the cue's words.
    negated_after: bool = False
    # The one negation a cue says it with when no other says the same (« rien à faire »,
    # « jamais pris le train »: « il sait pas faire » is no idleness).
    negator: str = ""


@dataclass(frozen=True)
class Found:
    """A cue found in a query: the words of the query that say it (as typed, folded), and
    the thématiques it leads to there, the likeliest first."""

    cue: str
    words: tuple[str, ...]
    thematiques: tuple[str, ...]


def _cue_stems(text: str) -> tuple[tuple[str, ...], bool]:
    raw = words(text)
    negated = bool(raw) and raw[0] in NEGATORS
    if negated:
        raw = raw[1:]
    # A negation inside a cue (« peut plus payer », « voit plus personne ») is no stem: it
    # is looked for beside the cue's words (Cue.negated_after).
    return tuple(stem(w) for w in raw if w not in STOPWORDS and w not in NEGATORS), negated


@functools.lru_cache(maxsize=1)
def by_sound() -> dict[str, tuple[tuple[Cue, str], ...]]:
    """The one-word cues of five letters or more, by the French phonetic key of each way
    of writing them (« alcoolique » and « alcool » are one cue, two sounds), each with
    that way of writing it."""
    out: dict[str, list[tuple[Cue, str]]] = {}
    for said in _texts():
        folded = words(said.lstrip("~"))
        if len(folded) != 1 or len(folded[0]) < SOUNDED or folded[0] in NEGATORS:
            continue
        stems, _ = _cue_stems(said.lstrip("~"))
        for cue in lexicon().get(stems[0], ()):
            if cue.stems == stems and not cue.negated and cue.weak == said.startswith("~"):
                sounds = out.setdefault(phonetic(folded[0]), [])
                if (cue, folded[0]) not in sounds:
                    sounds.append((cue, folded[0]))
    return {key: tuple(cues) for key, cues in out.items()}


@functools.lru_cache(maxsize=1)
def _file() -> dict[str, list[str]]:
    from importlib import resources

    text = (resources.files("ressources") / "data" / "indices.json").read_text(encoding="utf-8")
    return json.loads(text)["thematiques"]


def _texts() -> list[str]:
    return sorted({said for cues in _file().values() for said in cues})


@functools.lru_cache(maxsize=1)
def acronyms() -> frozenset[str]:
    """The cues written in capitals (« CACES », « AAH »), folded, but for those that are
    French words too, or stem as one does (« CAP », « BUT »; « PASS » as « passer »): typed,
    such a word names one thing, and an entry that writes it is about that thing, whatever
    else it is about."""
    french = common_french_words() | common_short_words()
    french_stems = {stem(word) for word in french}
    out = set()
    for said in _texts():
        folded = words(said)
        if said.isupper() and len(folded) == 1 and len(folded[0]) >= 2:
            acronym = folded[0]
            if acronym not in french and stem(acronym) not in french_stems:
                out.add(acronym)
    return frozenset(out)


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[Cue, ...]]:
    """The cues by their first stem, the longest first."""
    by_key: dict[tuple[tuple[str, ...], bool, bool], list[str]] = {}
    shown: dict[tuple[tuple[str, ...], bool, bool], str] = {}
    for code, cues in _file().items():
        for said in cues:
            weak = said.startswith("~")
            stems, negated = _cue_stems(said.lstrip("~"))
            if not stems:
                continue
            key = (stems, negated, weak)
            shown.setdefault(key, said.lstrip("~").strip())
            codes = by_key.setdefault(key, [])
            if code not in codes:
                codes.append(code)
    out: dict[str, list[Cue]] = {}
    for key, codes in by_key.items():
        stems, negated, weak = key
        folded = tuple(words(shown[key]))
        collapsed = len(stems) == 1 and len(folded) > 1 and not negated
        whole = _plain(list(folded))[0] if collapsed else ()
        negated_after = not negated and not NEGATORS.isdisjoint(folded[1:])
        if negated:
            negator = _OWN_NEGATORS.get(folded[0], "")
        else:  # « voiture sans permis » is no « voiture ni permis »
            negator = "sans" if "sans" in folded[1:] else ""
        out.setdefault(stems[0], []).append(
            Cue(shown[key], stems, negated, weak, tuple(codes), whole, negated_after, negator)
        )
    return {
        first: tuple(sorted(cues, key=lambda c: (-len(c.stems), c.negated, c.text)))
        for first, cues in out.items()
    }


def _query_words(raw: list[str]) -> list[str]:
    """*raw* with an old age said as « âgée » (« sa mère de 80 ans »)."""
    out = list(raw)
    for i, word in enumerate(raw[:-1]):
        if word.isdigit() and len(word) <= 3 and int(word) >= OLD_AGE and raw[i + 1] == "ans":
            out[i], out[i + 1] = "agee", "de"
    return out


def _negated(raw: list[str], at: int) -> bool:
    """Whether a negation is said just before the word at *at* (« pas de voiture »), or a
    « ne » right before it (« il ne boit plus »)."""
    if at > 0 and raw[at - 1] in _VERB_NEGATORS:
        return True
    for j in range(max(0, at - NEGATION_REACH), at):
        word = raw[j]
        # « plus de 60 ans », « plus de 3 enfants »: a comparison, not a lack.
        if word == "plus" and any(w.isdigit() for w in raw[j + 1 : j + 3]):
            continue
        if word in NEGATORS:
            return True
    return False


def _negated_beside(raw: list[str], first: int, last: int, negator: str = "") -> bool:
    """Whether a negation (*negator*, if given) is said among or just around the words
    *first*..*last* of a cue negated after its verb: « ne » before (« il ne dort pas »),
    « pas » after, up to a few words on (« il dort toujours pas »)."""
    around = raw[max(0, first - NEGATION_REACH + 1) : last + NEGATION_REACH]
    if negator:
        return negator in around
    return any(w in NEGATORS or w in _VERB_NEGATORS for w in around)


def _sounding(word: str) -> tuple[Cue, ...]:
    """The one-word cues *word* sounds like, when it is no word of French said well, and
    of those the nearest in writing: the phonetic key is coarse (« impayer » sounds like
    « impayés », and by its key like « Indeed » and « inceste »)."""
    if len(word) < SOUNDED or word.isdigit() or word in common_french_words():
        return ()
    alike = by_sound().get(phonetic(word), ())
    near = set(nearest_written(word, [written for _, written in alike]))
    return tuple(dict.fromkeys(cue for cue, written in alike if written in near))


def nearest_written(word: str, alike: list[str]) -> list[str]:
    """Of the words that sound like *word* (*alike*), those written near it, in their order."""
    if not alike:
        return []
    near = {w: fuzz.ratio(word, w) for w in alike}
    best = max(near.values())
    return [w for w in alike if near[w] >= SOUND_FLOOR and near[w] >= best - SOUND_MARGIN]


def _plain(raw: list[str]) -> tuple[tuple[str, ...], list[int]]:
    """*raw* with every negation said « pas » and the « ne » before a verb left out (« il
    n'en peut plus » and « il en peut pas » say the same), and where each word was."""
    kept = [i for i, w in enumerate(raw) if w not in _VERB_NEGATORS]
    return tuple("pas" if raw[i] in NEGATORS else raw[i] for i in kept), kept


def _said_whole(typed: list[str], at: int, whole: tuple[str, ...]) -> bool:
    """Whether the query's words around *at* are *whole*, its one meaningful word
    (at *at*) by its stem, the little words as they are (any negation for another, one
    word before it: « il parle toujours pas »)."""
    plain, where = _plain(typed)
    if at not in where:
        return False
    at = where.index(at)
    key = stem(plain[at])
    for k, word in enumerate(whole):
        if word in STOPWORDS or stem(word) != key or at - k < 0:
            continue
        i = at - k
        for w in whole:
            if w == "pas" and plain[i + 1 : i + 2] == ("pas",) and plain[i] in _BEFORE_NEGATION:
                i += 1
            if i >= len(plain) or not (
                plain[i] == w or (w not in STOPWORDS and stem(plain[i]) == stem(w))
            ):
                break
            i += 1
        else:
            return True
    return False


@functools.lru_cache(maxsize=8192)
def _first_meaningful(said: str) -> str:
    """The word of the cue *said* that it is looked up by (its first that is no stop word
    nor negation: « compte » of « pas de compte bancaire »)."""
    return next((w for w in words(said) if w not in STOPWORDS and w not in NEGATORS), "")


def find(raw: list[str]) -> list[Found]:
    """The cues said in a query's folded words (*raw*, stop words kept: they say negations),
    each with the thématiques it leads to there."""
    cues = lexicon()
    if not raw:
        return []
    typed, raw = raw, _query_words(raw)
    # The meaningful words, with their places in *raw*.
    kept = [(i, stem(w)) for i, w in enumerate(raw) if w not in STOPWORDS and w not in NEGATORS]
    matched: list[tuple[Cue, list[int]]] = []
    covered: set[int] = set()
    for k, (at, first) in enumerate(kept):
        for cue in cues.get(first) or _sounding(typed[at]):
            if raw[at] in AS_WRITTEN and _first_meaningful(cue.text) not in AS_WRITTEN:
                continue
            places = [k]
            for wanted in cue.stems[1:]:
                nxt = next(
                    (
                        j
                        for j in range(places[-1] + 1, min(places[-1] + 3, len(kept)))
                        if kept[j][1] == wanted
                    ),
                    None,
                )
                if nxt is None:
                    break
                places.append(nxt)
            if len(places) < len(cue.stems) or places[-1] - places[0] > len(cue.stems):
                continue
            # (A cue negated after its verb has its own negation: « il ne dort plus ».)
            if cue.negated != _negated(typed, at) and not cue.negated_after:
                continue
            if (
                cue.negated
                and cue.negator
                and cue.negator
                not in (_OWN_NEGATORS.get(w) for w in typed[max(0, at - NEGATION_REACH) : at])
            ):
                continue
            if cue.whole and not _said_whole(raw, at, cue.whole):
                continue
            positions = [kept[j][0] for j in places]
            if cue.negated_after and not _negated_beside(
                typed, positions[0], positions[-1], cue.negator
            ):
                continue
            # « il sait pas faire » is not « ce qu'il sait faire ».
            if not cue.negated_after and not NEGATORS.isdisjoint(
                typed[positions[0] + 1 : positions[-1]]
            ):
                continue
            # A cue inside a longer one found already says nothing more (« vit seule »
            # holds « seule »).
            if len(cue.stems) == 1 and positions[0] in covered:
                continue
            matched.append((cue, positions))
            if len(cue.stems) > 1:
                covered.update(positions)
    # Each thématique counts the cues that lead to it; a weak cue only beside a strong one.
    strong: dict[str, int] = {}
    for cue, _ in matched:
        if not cue.weak:
            for code in cue.thematiques:
                strong[code] = strong.get(code, 0) + len(cue.stems)
    out: list[Found] = []
    for cue, positions in matched:
        codes = [c for c in cue.thematiques if not cue.weak or c in strong]
        if not codes:
            continue
        best = max(strong.get(c, 0) for c in codes)
        likely = [c for c in codes if strong.get(c, 0) == best]
        if len(likely) > MAX_THEMATIQUES:
            continue  # a word of too many needs, that nothing else in the query settles
        # The words as typed (« 80 ans », not « âgée »).
        said = tuple(w for i in positions for w in typed[i : i + (2 if raw[i] != typed[i] else 1)])
        out.append(Found(cue.text, said, tuple(likely)))
    return out
