"""Searching the base during an interview: what the conseiller means, near the person first.

How a query is answered (none is re-read from the stored text):

1. The query is folded like the indexed text (case, accents, punctuation, French stems).
2. A commune named in it ("epicerie solidaire moissac") becomes the place to rank from.
3. A need said in lay words ("n'a plus d'électricité") becomes the words of the base it
   means (``ressources/data/besoins.json``); acronyms and lay phrases ("caf", "un toit ce soir")
   expand through the synonym table.
4. Each remaining word is looked up in the index: its stem; the written words it starts
   (the word being typed); if unknown, the written words within a typo budget (one typo
   from 5 letters, two from 9), then those that sound the same (a French phonetic key).
   Filler words ("aide pour", "besoin de", "elle cherche") weigh little.
5. The entries with every word and those with most of them are ranked by the weight of the
   words they miss, then by how well each word matched (name and thématique weigh more
   than description); with a place, what is in the commune, then what serves it, then the
   rest, each by distance. Only a short list is read back and explained.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import gc
import heapq
import itertools
import json
import math
import re
import threading
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel
from sqlite_utils import Database

from ressources import indices
from ressources.db import get_meta
from ressources.eligibility import (
    MAN_WORDS,
    for_women_only,
    leaves_out,
    said_of_a_man,
    said_ranges,
    service_ages,
    stated_ages,
)
from ressources.gazetteer import Commune, Gazetteer
from ressources.models import Resource
from ressources.store import INDEX_GENERATION, get_resources
from ressources.text import (
    STOPWORDS,
    common_french_words,
    common_short_words,
    fold,
    french_frequency,
    normalize,
    phonetic,
    sms_words,
    stem,
    unclipped,
    words,
)
from ressources.thematiques import Thematiques

FIELDS = ("nom", "structure", "thematiques", "mots_cles", "description")
FIELD_LABELS = {
    "nom": "nom",
    "structure": "structure",
    "thematiques": "thématique",
    "mots_cles": "mot-clé",
    "description": "description",
}
# BM25 weights, in FIELDS order: the name and the thématique say what a resource is.
FIELD_WEIGHTS = (10.0, 4.0, 6.0, 6.0, 1.0)
KM_PER_DEGREE = 111.2
RINGS_KM = (6, 15, 40)
# A match outside these columns (in the description only) is a weak one.
STRONG_COLUMNS = "mots_cles nom structure thematiques"
MAX_FUZZY_ALTERNATIVES = 8
# Last resort for an unknown word: written words with its first letters and all its letters
# but one.
SAME_START = 4
# Up to this many matches, a place query sorts them all; beyond, it walks the geo index.
FEW_MATCHES = 3000
DEFAULT_LIMIT = 50
# "Like the best ones" (when few entries have the words): from the first entries found,
# their rarest words of these fields (those fewer than 1 entry in RELATED_MAX_SHARE has).
RELATED_SEEDS = 2
RELATED_FIELDS = ("thematiques", "mots_cles")
RELATED_WORDS = 8
RELATED_MAX_SHARE = 20
RELATED_POOL = 150
# With a place, the other services of the structures of the first this many entries that
# serve the commune, at most SIBLING_MAX, come before what does not serve it.
SIBLING_SEEDS = 2
SIBLING_MAX = 4
# What a search reads of its query: a long question fits (some 250 characters), and a
# paste of pages does not cost minutes and gigabytes (the glued words and the typos are
# looked for along each word); a run of letters longer than any French word is no word.
QUERY_MAX_CHARS = 500
WORD_MAX_LETTERS = 40
_OVERLONG = re.compile(rf"\w{{{WORD_MAX_LETTERS + 1},}}")
# Resources kept in memory between searches: the results of the last hundred or so
# (about 4 KB each: 16 MB at most). Past the size the older half goes, so a working set
# a little larger than it is read again at every search (the 60 queries of
# bench_search.py show 2,200 entries: with 2,000 kept, 37 of every 50 were read again).
CACHE_SIZE = 4000
# A base of this many entries at most is held whole from the warm-up: every resource read
# (some 3 KB each, their lists shared: 10,000 entries hold about 30 MB and take 0.4 s to
# read, in the background) and its entries' short fields split, so that a new search reads
# none (at 10,000 entries a third of its time). Larger bases are read search by search.
WHOLE_BASE = 12_000
# Indexed fields kept (a few per entry of the short lists) and FTS5 match counts.
FIELD_CACHE_SIZE = 16000
COUNT_CACHE_SIZE = 2000
# Answers of the last searches (query, filters, limit, typing): the same search again
# while the base is unchanged (a filter set then cleared, a word typed then erased, the
# screen shown again) is answered from here.
RESULT_CACHE_SIZE = 64


# Words a conseiller types around what she means ("aide pour", "besoin de", "elle
# cherche", "est-ce qu'il existe"): kept as words (a name may hold them) but weighing little
# against the words that say the need.
FILLERS = frozenset(
    " ".join(
        [
            "aide aides aider besoin besoins cherche chercher cherchons recherche trouver faire",
            "fait veut veux voudrait voudrais voulait peut peux pourrait pouvoir avoir ai as avait",
            "etre est sont suis etait existe exister faut faudrait falloir quelqu quelque quelques",
            "chose comment quoi quel quelle quels quelles combien quand pourquoi bonjour svp merci",
            "stp madame monsieur mme mr dame personne personnes gens lui elle elles eux moi toi",
            "nous notre nos sien sienne mien tres bien plus moins aussi encore deja donc alors car",
            "mais si dont ci ici voila besoin demande demander savoir sait sais connait trouve",
            "possible quelqu'un ca cela ceci tout toute tous toutes autre autres meme sans",
            "depuis mois ans an jours jour semaine semaines fois cher chere chers cheres",
            "fils fille filles mere pere mari copain copine frere soeur ex voit va vont vais",
            "daron darons daronne daronnes",  # père, mère, said in the family's own words
            "consulter voir rencontrer",
            # What a conseiller says of the request and of the person (« des infos sur »,
            # « pour ma cliente »).
            "infos info renseignement renseignements",
            "client cliente clients clientes usager usagere usagers",
            "arrive arriver prendre mettre dit dire parle parler",
            "soir matin nuit aujourd hui demain maintenant vite rapidement bientot",
            "document documents probleme problemes solution solutions endroit truc genre",
            # Common verbs and words of a long question that say no need by themselves.
            "payer aller venir servir utiliser refaire remplir donner peur long longue font",
            "souhaite souhaiterait aimerait envie pense crois sent sens sentir passe passer",
            "ont doit dois doivent peuvent aucun aucune voir recoit recoivent recevoir aime",
            "aimerait appeler appelle joindre",
            # How much, how often, when: a sentence's adverbs ("plein de moisissure", "après
            # un congé"), never the need (« plein » is not « plainte », by its sound).
            "plein pleins pleine beaucoup souvent toujours jamais vraiment tellement apres",
            "avant pendant partout trop",
            # When, not what ("ce week-end", "tout l'hiver"; the days of the week may name
            # a permanence).
            "week end weekend hier hiver printemps automne",
            # What one says while thinking ("bon ben", "euh", "du coup", below), and how many
            # ("deux matinées", "trois nuits": a number said as a word, as "2 mois" is).
            "ben euh heu bah hein bref comme deux trois quatre cinq six sept huit neuf dix",
            # Where, around the commune ("près de caylus", "du côté de beaumont").
            "pres cote coin loin environs alentours km kilometre kilometres bornes chez",
        ]
    ).split()
)
FILLER_WEIGHT = 0.25
# Two words typed as one (`SearchEngine._unglued`): each part of GLUED_PART letters or more,
# the longer of GLUED_LONGER.
GLUED_PART = 3
GLUED_LONGER = 5
# With an age said, the search ranks this many times the entries asked for, so that those
# the age leaves out make way for others (`SearchEngine._by_eligibility`).
AGE_WIDER = 3
# A word more than this share of the entries have, in a sentence that says a need, weighs
# CONTEXT_WEIGHT.
COMMON_SHARE = 0.08
CONTEXT_WEIGHT = 0.6
# A son or a daughter the question is about ("son fils de 8 ans voit un psy"): the context,
# a service's public (children, teenagers, the young), weighing as context words do.
_CHILD_WORDS = frozenset(
    {
        *("fils", "fille", "filles", "gamin", "gamine", "gosse", "gamins", "gamines", "gosses"),
        *("fiston", "mome", "momes", "mioche", "mioches"),
    }
)
_CHILD_PUBLIC = tuple(stem(w) for w in ("enfant", "adolescent", "jeune"))
CHILD_WEIGHT = CONTEXT_WEIGHT
_FILLER_STEMS = frozenset(stem(w) for w in FILLERS)
_NEGATOR_STEMS = frozenset(stem(w) for w in indices.NEGATORS)
# Where one lives, said with a verb: fillers by their own forms only (`indices.LIVING`).
LIVING = indices.LIVING
# With every meaningful word found somewhere, entries missing more than this share of the
# query's weight are left out (a two-word query shows no entry with one word only).
MISSING_ALLOWANCE = 0.4
# The shortest word read as the one word a letter away before the needs (`_respelt`).
RESPELL_LENGTH = 5
RESPELL_ODDS = 10
# From this length, two letters wrong too (« surendetemment » is « surendettement »).
RESPELL_TWO = 10
# From this many meaningful words, the entries missing two of them are fetched too (`_run`).
LONG_QUESTION_WORDS = 4


# A verb's endings (infinitive, second person) and the suffixes of the nouns made
# from it, with a letter or two between ("inscri-re" → "inscri-p-tion"): how a verb meets
# its noun when their stems differ.
VERB_ENDINGS = ("er", "ir", "re", "ez")
NOUN_SUFFIXES = ("tion", "tions", "sion", "sions", "ment", "ments", "ure", "ures", "age", "ages")
# The thesaurus' lay words are matched from a participle too ("coupé", folded "coupe"), with
# a root of four letters at least: a need's every word must be in the query.
PARTICIPLE_ENDINGS = ("ees", "ee", "es", "e")


# Verbs whose noun is made from another root than the infinitive's (the learned French
# derivations the stemmer does not undo): "reconnaître" → « reconnaissance », "conduire" →
# « conduite », "réduire" → « réduction », "admettre" → « admission », "recevoir" →
# « réception », "résoudre" → « résolution », "suspendre" → « suspension », "atteindre" →
# « atteinte ». The ending, the root's new end, and the suffixes that may follow it.
DERIVATIONS = (
    ("aitre", "aiss", ("ance", "ances")),
    ("uire", "uct", ("ion", "ions")),
    ("uire", "uit", ("e", "es")),
    ("ettre", "iss", ("ion", "ions")),
    ("cevoir", "cept", ("ion", "ions")),
    ("oudre", "olu", ("tion", "tions")),
    ("ndre", "ns", ("ion", "ions", "e", "es")),
    ("eindre", "eint", ("e", "es")),
)


def _noun_of(root: str, word: str, suffixes: tuple[str, ...] = NOUN_SUFFIXES) -> bool:
    """Whether *word* is a noun made from the verb root *root*: the root, then a noun
    suffix, with one letter between at most ("inscri" → « inscription », "coup" →
    « coupure »; "domicil" is not « domiciliation »)."""
    if not word.startswith(root) or word == root:
        return False
    rest = word[len(root) :]
    return rest.endswith(suffixes) and (rest in suffixes or rest[1:] in suffixes)


def _verb_roots(
    word: str, endings: tuple[str, ...], shortest: int
) -> list[tuple[str, tuple[str, ...]]]:
    """The roots the nouns of the verb *word* may start with, each with the suffixes that
    may follow it: the verb without its ending ("inscri-re"), and the roots of the
    learned derivations ("reconnaî-tre" → "reconnaiss-ance"), *shortest* letters at least."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= shortest:
            out.append((word[: -len(ending)], NOUN_SUFFIXES))
            break
    for ending, new_end, suffixes in DERIVATIONS:
        if word.endswith(ending):
            root = word[: -len(ending)] + new_end
            if len(root) >= shortest + 1:
                out.append((root, suffixes))
    return out


def typo_budget(word: str) -> int:
    """How many typos a word may carry: none under 5 letters, one from 5, two from 9."""
    if len(word) >= 9:
        return 2
    if len(word) >= 5:
        return 1
    return 0


@dataclass
class SearchFilters:
    thematique: str | None = None  # local slug
    public: str | None = None  # data·inclusion public
    frais: str | None = None  # "gratuit" or "payant"
    commune: str | None = None  # INSEE code: rank from here
    rayon_km: float | None = None  # with commune: only within this distance


@dataclass
class Alternative:
    """One way a query word can be found in the index."""

    expression: str  # FTS5 expression
    tokens: tuple[str, ...]  # indexed words it stands for
    how: str  # "exact", "début de mot", "faute de frappe", "phonétique", "synonyme", "besoin"
    prefix: bool = False
    shown: str = ""  # the word as written that stands for a stem ("logement" for "log")
    column: str = ""  # found in this field only (a thématique a need cue leads to)


@dataclass
class Group:
    """One word (or synonym phrase) of the query, and its alternatives."""

    text: str
    alternatives: list[Alternative] = field(default_factory=list)
    weight: float = 1.0  # a filler word ("aide", "besoin", "cherche") weighs little
    # A need of the thesaurus that says what the service is like (its price, its public:
    # "pas cher", "jeune") rather than what the person needs.
    qualifier: bool = False
    # That qualifier is the price: it comes after the need ("permi de conduir pas cher").
    price: bool = field(default=False, compare=False)
    # Which need of the thesaurus it says (all the ways of saying it and the words of the
    # base it means): two words of one need ("chantier d'insertion") are one need.
    need: frozenset[str] | None = field(default=None, compare=False)
    # Said as the circumstances of another need ("il boit trop depuis qu'il a perdu son
    # emploi", "pas de voiture pour aller à son stage"): weighs as context beside a need.
    circumstance: bool = field(default=False, compare=False)
    # The thématiques (their labels) that need cues covering two words of the query or
    # more lead to: found there, the word is had, not only tipped (`_cue_verdict`).
    firm: frozenset[str] = field(default=frozenset(), compare=False)
    _singles: dict[str, int] | None = field(default=None, repr=False, compare=False)
    _phrases: list[tuple[int, Alternative]] = field(default_factory=list, repr=False, compare=False)

    def expression(self) -> str:
        return "(" + " OR ".join(_either(self.alternatives)) + ")"

    def typed(self) -> list[tuple[int, Alternative]]:
        """The alternatives that are the words as typed (or misspelt, heard, or the start of
        longer words), not their meaning: a need's or a synonym's own words count as
        typed when they are the words of the query ("pas de mutuelle": « mutuelle »)."""
        stems = frozenset(stem(w) for w in words(self.text))
        return [
            (index, alt)
            for index, alt in enumerate(self.alternatives)
            if not alt.prefix and (alt.how in _LITERAL or (alt.tokens and set(alt.tokens) <= stems))
        ]

    def single_tokens(self) -> dict[str, int]:
        """One-word, whole-word alternatives: word → position (earlier is better)."""
        if self._singles is None:
            self._singles = {}
            self._phrases = []
            for index, alt in enumerate(self.alternatives):
                if len(alt.tokens) == 1 and not alt.prefix and not alt.column:
                    self._singles.setdefault(alt.tokens[0], index)
                else:
                    self._phrases.append((index, alt))
        return self._singles

    def phrases(self) -> list[tuple[int, Alternative]]:
        """The other alternatives (phrases, word starts) with their positions."""
        self.single_tokens()
        return self._phrases


@dataclass
class Match:
    """Why a resource matched one word of the query."""

    query: str
    found: str
    field: str
    how: str
    rank: int = 0  # which of the word's alternatives (a need's first words say it best)
    # The words as typed (or misspelt) are in this field, whatever alternative matched best.
    literal: bool = False

    def __str__(self) -> str:
        shown = self.query if self.found == self.query else f"{self.query} → {self.found}"
        return f"{shown} ({FIELD_LABELS.get(self.field, self.field)})"


def _either(alternatives: list[Alternative]) -> list[str]:
    """The FTS5 expressions of *alternatives* to OR together: each once (a need and a
    synonym may say the same), and without the phrases another one already finds (an
    entry with « chantier insertion » has « insertion »: "insert" OR "chanti insert"
    matches what "insert" does). FTS5 reads every phrase's positions; the matches are the
    same, found for less (counting the matches of a long query costs most at 100,000)."""
    expressions = list(dict.fromkeys(a.expression for a in alternatives))
    if len(expressions) < 2:
        return expressions
    # Alternatives that are a quoted run of whole words (what the tokenizer keeps as they
    # are): one inside another's run of words finds every entry the longer one does.
    runs: dict[str, tuple[str, ...]] = {}
    for alt in alternatives:
        if (
            not alt.prefix
            and alt.tokens
            and all(t.isalnum() for t in alt.tokens)
            and alt.expression == _quote(" ".join(alt.tokens))
        ):
            runs.setdefault(alt.expression, alt.tokens)
    if len(runs) < 2:
        return expressions
    kept = []
    for expression in expressions:
        tokens = runs.get(expression)
        if tokens is not None and any(
            len(shorter) < len(tokens) and _inside(shorter, tokens)
            for other, shorter in runs.items()
            if other != expression
        ):
            continue
        kept.append(expression)
    return kept


def _inside(shorter: tuple[str, ...], longer: tuple[str, ...]) -> bool:
    """Whether *shorter* is a run of consecutive words of *longer*."""
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def _as_written(found: str, text: str) -> str:
    """*found* (indexed tokens: stems) as the words of *text* that give them, else as is."""
    by_stem: dict[str, str] = {}
    for raw in re.findall(r"\w+", text):  # as written, accents kept
        for word in words(raw):
            by_stem.setdefault(stem(word), raw.lower())
    return " ".join(by_stem.get(token, token) for token in found.split())


# Why a hit comes after the others when whom it takes leaves the person out (the results,
# `binome chercher`).
LISTED_AFTER = "listé après les services qui peuvent recevoir la personne"


@dataclass
class Hit:
    resource: Resource
    score: float
    distance_km: float | None
    matches: list[Match]
    local: bool = False  # located in, or explicitly serving, the commune searched from
    weak: bool = False  # some word found in the description only
    loose: bool = False  # some word found only through its meaning in the thématique
    missing: list[str] = field(default_factory=list)  # words of the query it does not have
    related_to: str = ""  # found as like this entry (few had the words)
    sibling: bool = False  # another service of the structure of the first ones, serving the place
    # Whom it takes, when that leaves the person out (`ressources.eligibility`):
    # « 16-25 ans », « femmes ».
    ineligible: str = ""

    @property
    def reserved_for(self) -> str:
        """Whom it is for, when that leaves the person out (« Réservé aux 16-25 ans »)."""
        return f"Réservé aux {self.ineligible}" if self.ineligible else ""

    @property
    def ineligible_note(self) -> str:
        """Why it comes after the others, as `binome search` says it ("" when it does not)."""
        if not self.ineligible:
            return ""
        reserved = self.reserved_for
        return f"{reserved[0].lower()}{reserved[1:]}, {LISTED_AFTER}"  # inside a line

    def why(self) -> list[str]:
        """The matches in words a person reads: the index holds stems ("distribu"), so each
        is shown as the word of the resource it came from ("distribution")."""
        r = self.resource
        texts = {
            "nom": r.nom,
            "structure": r.structure_nom,
            "description": r.description,
            "mots_cles": " ".join(r.mots_cles),
        }
        shown = [f"proche de « {self.related_to} »"] if self.related_to else []
        if self.sibling:
            shown.append(f"autre service de « {r.structure_nom} », qui dessert la commune")
        for m in self.matches:
            if m.how == CUE:  # a need cue: the thématique it led to
                shown.append(f"{m.query} → thématique « {m.found} »")
                continue
            readable = _as_written(m.found, texts.get(m.field) or "")
            label = FIELD_LABELS.get(m.field, m.field)
            word = m.query if readable == fold(m.query) else f"{m.query} → {readable}"
            shown.append(f"{word} ({label})")
        return shown

    @property
    def remote_only(self) -> bool:
        """Received at a distance only (telephone, online): where it is says nothing."""
        modes = self.resource.modes_accueil
        return "a-distance" in modes and "en-presentiel" not in modes


@dataclass
class SearchResult:
    query: str
    hits: list[Hit]
    total: int
    commune: Commune | None = None
    commune_from_query: bool = False
    ignored: list[str] = field(default_factory=list)
    relaxed: bool = False  # no resource had every word: results with most of them


@dataclass
class ParsedQuery:
    groups: list[Group]
    commune: Commune | None
    ignored: list[str]
    # Filler words typed ("elle", "veut", "peut"), known to the base or not: a sentence.
    fillers: int = 0
    # The need cues said (`ressources.indices`): thématiques its need may belong to.
    cues: list[indices.Found] = field(default_factory=list)
    # The query's folded words, as typed (a commune and all): what it says of the person
    # (`ressources.eligibility`).
    said: list[str] = field(default_factory=list)


def _small_number(word: str) -> bool:
    """An age or a count ("8 ans", "2 mois"), not a service's number like the 115."""
    return word.isdigit() and len(word) <= 2


def _positions(
    key: tuple[str, ...], forms: list[frozenset[str]], used: set[int]
) -> list[int] | None:
    """Where each word of a need's key is in the query (any order), in the key's order, or
    None. *forms*: the stems each query word stands for (its own, and the nouns a verb
    makes)."""
    positions: list[int] = []
    for word in key:
        found = next(
            (i for i, s in enumerate(forms) if word in s and i not in used and i not in positions),
            None,
        )
        if found is None:
            return None
        positions.append(found)
    return positions


def _negated_in_order(key: tuple[str, ...], positions: list[int]) -> bool:
    """Whether a need's negation is where the need says it, before the words it says are
    missing and after the others ("pas d'ordi", not "un ordi pas cher"; "parle toujours
    pas")."""
    for index, word in enumerate(key):
        if word in NEGATIONS:
            here = positions[index]
            if any(p > here for p in positions[:index]) or any(
                p < here for p in positions[index + 1 :]
            ):
                return False
    return True


# Phrases that say how, not what ("elle veut le faire toute seule" is not isolation): left
# out of the query as stop words are.
IDIOMS = (
    ("tout", "seul"),
    ("toute", "seule"),
    ("tous", "seuls"),
    ("toutes", "seules"),
    # « s'en sortir »: she cannot cope, which the words beside it say ("des dettes, il s'en
    # sort plus"); not a way out (« sortie »), nor the « sorties » of a centre social.
    ("en", "sort"),
    ("en", "sortir"),
    ("en", "sortent"),
    ("en", "sors"),
    # What one says while thinking ("bon ben du coup il lui faudrait un toit"): not a blow
    # (« coups », the violence), nor a voucher (« bons alimentaires »).
    ("du", "coup"),
    ("bon", "ben"),
    ("bon", "alors"),
    ("bon", "euh"),
    ("bon", "voila"),
    ("bon", "donc"),
    ("meme", "temps"),
    # How a conseiller asks ("besoin d'un conseil pour acheter", "des conseils pour"): not
    # the « conseil juridique » nor the « conseiller numérique » she asks for.
    ("un", "conseil"),
    ("des", "conseils"),
)


# After these, "toute seule" says how she lives, not how she does something: « elle est
# toute seule », « il vit tout seul » is loneliness.
BEING = frozenset(
    [
        "est",
        "suis",
        "es",
        "etait",
        "etais",
        "sont",
        "etaient",
        "vit",
        "vis",
        "vivent",
        "reste",
        "restes",
        "restent",
        "sent",
        "sens",
        "sentent",
        "sentait",
    ]
)


# « été » after a form of « avoir » is the participle of « être » ("elle a été licenciée"),
# not summer (« job d'été »): left out, as a stop word.
HAVING = frozenset(["a", "ai", "as", "avons", "avez", "ont", "avait", "avais", "avaient", "aurait"])


_Needs = tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]


def _first_words(needs: _Needs) -> dict[str, list[int]]:
    """Each need's position in the thesaurus by the first of its words ("" for none)."""
    starts: dict[str, list[int]] = {}
    for position, (key, _) in enumerate(needs):
        starts.setdefault(key[0] if key else "", []).append(position)
    return starts


def _needs_within(
    needs: _Needs, starts: dict[str, list[int]], present: set[str]
) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The needs all of whose words are *present*, in the thesaurus' order: only those
    whose first word is present are looked at (a few of hundreds)."""
    positions = sorted(p for word in present | {""} for p in starts.get(word, ()))
    return [needs[p] for p in positions if present.issuperset(needs[p][0])]


def _same_need(
    key: tuple[str, ...], phrases: tuple[str, ...], other: tuple[str, ...], others: tuple[str, ...]
) -> bool:
    """Whether two ways of saying a need found in a query are of the same need of the
    thesaurus: the same words of the base, and the other ways of saying it (each lists
    the other's words among them, not its own)."""
    both = {" ".join(key), " ".join(other)}
    return {p for p in phrases if p not in both} == {p for p in others if p not in both}


def _without_idioms(raw: list[str]) -> list[str]:
    out: list[str] = []
    for index, word in enumerate(raw):
        if word == "ete" and out and out[-1] in HAVING:
            continue
        if word == "sous" and out and out[-1] in _COUNTING:
            # « pas de sous », « des sous », « ses sous »: money, not the preposition
            # (« sous tutelle », « dort sous un pont »), which is a stop word.
            out.append("argent")
            continue
        if word == "mal" and out and out[-1] == "du" and _difficulty_after(raw[index + 1 :]):
            out.pop()
            continue
        if out and (out[-1], word) in IDIOMS:
            out.pop()
            if out and out[-1] in BEING:
                out.append(word)  # « seule »
            continue
        out.append(word)
    return out


# What comes before « sous » when it says money.
_COUNTING = frozenset(["de", "d", "des", "les", "mes", "ses", "tes", "nos", "vos", "leurs"])


def _difficulty_after(rest: list[str]) -> bool:
    """Whether « du mal » before these words says a difficulty ("il a du mal à lire", "du
    mal à se concentrer"): « à » and a verb, which the words beside it name; not a pain
    ("mal au dos") nor a harm ("il fait du mal à sa femme")."""
    if len(rest) < 2 or rest[0] != "a":
        return False
    verb = rest[2] if rest[1] in ("se", "s") and len(rest) > 2 else rest[1]
    return verb.endswith(("er", "ir", "re", "oir"))


# Stop words that change what a need means: "pas cher" is not "cher" ("trop cher").
NEGATIONS = frozenset({"pas"})

# What follows « depuis » says since when and why ("il boit trop depuis qu'il a perdu son
# emploi"), up to the next clause; what follows « aller » where one goes ("pas de voiture
# pour aller à son stage"): the circumstances of the need, not a need.
_SINCE = frozenset({"depuis"})
_CLAUSE_BREAKS = frozenset({"et", "mais", "car", "donc", "pour", "alors", "puis", "ou"})
_GOING = frozenset({"aller", "va", "vais", "vont", "allait", "rendre"})


_SUBJECTS = frozenset({"il", "elle", "ils", "elles", "on", "je", "j"})


def _circumstances(raw: list[str]) -> list[bool]:
    """For each word, whether it is said after « depuis », in the same clause (a new
    subject starts another: "au chômage depuis 3 ans, il a perdu confiance"; not "depuis
    qu'il")."""
    out: list[bool] = []
    since = False
    for index, word in enumerate(raw):
        if word in _SINCE:
            since = True
            out.append(False)
            continue
        if word in _CLAUSE_BREAKS or (
            word in _SUBJECTS and (index == 0 or raw[index - 1] not in ("qu", "que"))
        ):
            since = False
        out.append(since)
    return out


def _need_words(said: str) -> list[str]:
    """The words of a need as said, normalised like a query: stems, stop words out but
    negations kept."""
    return [
        w if w in NEGATIONS else stem(w)
        for w in words(said)
        if w in NEGATIONS or w not in STOPWORDS
    ]


@functools.lru_cache(maxsize=1)
def _needs_file() -> list[dict]:
    """The needs of ``ressources/data/besoins.json``, read once for the thesaurus, its
    qualifiers and its lexicon."""
    from importlib import resources

    text = (resources.files("ressources") / "data" / "besoins.json").read_text(encoding="utf-8")
    return json.loads(text)["besoins"]


# Lay words of a need that the base writes in its idioms: « coups » says violence, but an
# entry that says « coup » is a « coup de pouce » or a « coup de main »; they are no other
# way of saying the need to look for (typed, they still say it).
_IDIOM_WORDS = frozenset({("coup",)})


@functools.lru_cache(maxsize=1)
def needs_thesaurus() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """The thesaurus of needs (``ressources/data/besoins.json``, shipped with the engine like
    its stemmer): lay descriptions of a need → words of the base, normalised like the index.
    Longest descriptions first."""
    entries = []
    for need in _needs_file():
        expansions = tuple(dict.fromkeys(e for e in map(normalize, need["cherche"]) if e))
        keys = [tuple(dict.fromkeys(_need_words(said))) for said in need["dit"]]
        for key in keys:
            if not key or not expansions:
                continue
            # The other ways of saying the same need, after the words of the base it
            # means: "endetté" also finds the entry whose keywords say « dettes », "accro"
            # the one that says « addiction » (a negation says what is missing, not
            # what to look for: "pas de …" is left out).
            others = tuple(
                " ".join(other)
                for other in keys
                if other
                and other != key
                and not set(other) & NEGATIONS
                and other not in _IDIOM_WORDS
            )
            entries.append((key, tuple(dict.fromkeys(expansions + others))))
    entries.sort(key=lambda entry: -len(entry[0]))
    return tuple(entries)


@functools.lru_cache(maxsize=1)
def needs_qualifiers() -> frozenset[tuple[str, ...]]:
    """The ways of saying a need the thesaurus marks « qualifie » (normalised as its keys):
    what the service is like (its price, its public), not a need of its own."""
    return frozenset(
        tuple(dict.fromkeys(_need_words(said)))
        for need in _needs_file()
        if need.get("qualifie")
        for said in need["dit"]
    )


@functools.lru_cache(maxsize=1)
def needs_price_words() -> frozenset[tuple[str, ...]]:
    """The qualifiers the thesaurus marks « qualifie » : « prix » (normalised as its keys)."""
    return frozenset(
        tuple(dict.fromkeys(_need_words(said)))
        for need in _needs_file()
        if need.get("qualifie") == "prix"
        for said in need["dit"]
    )


@functools.lru_cache(maxsize=1)
def needs_lexicon() -> tuple[frozenset[str], dict[str, list[str]], dict[int, list[str]]]:
    """The words of the thesaurus' lay descriptions as a person types them (folded, stop
    words out): the words the engine knows beyond the base's. Returns the words, the words
    by French phonetic key, and the words by length (for typo lookups)."""
    known = {
        w
        for need in _needs_file()
        for said in need["dit"]
        for w in words(said)
        if w not in STOPWORDS and len(w) >= 4 and not w.isdigit()
    }
    by_sound: dict[str, list[str]] = {}
    by_length: dict[int, list[str]] = {}
    for w in sorted(known):
        by_sound.setdefault(phonetic(w), []).append(w)
        by_length.setdefault(len(w), []).append(w)
    return frozenset(known), by_sound, by_length


@functools.lru_cache(maxsize=1)
def _lexicon_by_start() -> dict[str, list[str]]:
    """The thesaurus' lay words (`needs_lexicon`) by their first four letters, each list
    in the lexicon's own order."""
    by_start: dict[str, list[str]] = {}
    for w in needs_lexicon()[0]:
        by_start.setdefault(w[:4], []).append(w)
    return by_start


@functools.lru_cache(maxsize=4096)
def _lay_nouns(word: str) -> tuple[str, ...]:
    """The stems of the thesaurus' lay words that are nouns made from the verb *word*
    ("coupe" → « coupure »), so that a need said with the verb is understood."""
    if word in FILLERS:
        return ()
    # A noun starts with its root, four letters at least: only the lay words that start
    # as the root does are looked at (a new word looked at every lay word: 0.1-0.3 ms).
    by_start = _lexicon_by_start()
    out = []
    for ending in (*VERB_ENDINGS, *PARTICIPLE_ENDINGS):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            root = word[: -len(ending)]
            out += [stem(w) for w in by_start.get(root[:4], ()) if _noun_of(root, w)]
    for root, suffixes in _verb_roots(word, (), 4):
        out += [stem(w) for w in by_start.get(root[:4], ()) if _noun_of(root, w, suffixes)]
    own = stem(word)
    return tuple(dict.fromkeys(s for s in out if s != own))


def _lay_words_near(word: str, budget: int) -> list[tuple[str, int]]:
    """The words of the thesaurus' lay descriptions within *budget* typos of *word*, with
    their distance (`needs_lexicon`, looked up among those of about its length)."""
    by_length = needs_lexicon()[2]
    candidates = [
        w for n in range(len(word) - budget, len(word) + budget + 1) for w in by_length.get(n, [])
    ]
    found = process.extract(word, candidates, scorer=OSA.distance, score_cutoff=budget, limit=None)
    return [(w, int(d)) for w, d, _ in found]


def _lay_spelling(word: str, vocabulary: Vocabulary) -> str:
    """A word neither the base nor the thesaurus knows, misspelt from one of the
    thesaurus' lay words ("nourice" for « nourrice », which the base never writes: it says
    « assistante maternelle »): that word, so that the need it says is understood. A word
    the base knows, or that starts words of the base (a word being typed), or a word of
    the base is a typo or a sound away from, is left as is: the base's words come first."""
    if len(word) < 5 or word.isdigit() or word in STOPWORDS or word in FILLERS:
        return word
    if word in _CHILD_WORDS:
        return word
    known, by_sound, _ = needs_lexicon()
    if word in known or word in vocabulary.written or stem(word) in vocabulary:
        return word
    if word in common_french_words():  # a word said well, that the thesaurus does not know
        return word
    if vocabulary.has_prefix(word) or vocabulary.close_words(word):
        return word
    if vocabulary.sounds_like(word):
        return word
    close = _lay_words_near(word, typo_budget(word))
    if close:
        best = min(distance for _, distance in close)
        nearest = sorted(w for w, d in close if d == best)
        return nearest[0]
    alike = indices.nearest_written(word, by_sound.get(phonetic(word), []))
    return alike[0] if alike else word


def _quote(token: str) -> str:
    return '"' + token.replace('"', "") + '"'


class Vocabulary:
    """The stems of the index with their document counts, and the words as written that
    they come from: prefix, typo and phonetic lookups run on the written words (a typo in
    "logemnt" is one letter away from "logement", not from its stem "log")."""

    def __init__(self, counts: dict[str, int], written: dict[str, str] | None = None) -> None:
        self.counts = counts
        # Words whose stem is still indexed (a removed entry leaves its words behind).
        self.written = {w: r for w, r in (written or {}).items() if r in counts}
        # The words as the entries write them, without the stems added below: "lauzert",
        # the stem of « Lauzerte », is no word of the base, so typed it is a misspelt commune.
        self.as_written = frozenset(self.written) if self.written else frozenset(counts)
        for stem_ in counts:
            self.written.setdefault(stem_, stem_)
        self.sorted = sorted(self.written)
        self.by_length: dict[int, list[str]] = {}
        for word in self.sorted:
            self.by_length.setdefault(len(word), []).append(word)
        self._phonetic: dict[str, list[str]] | None = None
        self._close: dict[str, list[tuple[str, int]]] = {}

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def has_prefix(self, prefix: str) -> bool:
        i = bisect.bisect_left(self.sorted, prefix)
        return i < len(self.sorted) and self.sorted[i].startswith(prefix)

    def _starting_with(self, prefix: str) -> Iterator[str]:
        """The written words starting with *prefix*, in alphabetical order."""
        i = bisect.bisect_left(self.sorted, prefix)
        while i < len(self.sorted) and self.sorted[i].startswith(prefix):
            yield self.sorted[i]
            i += 1

    def prefix_stems(
        self, prefix: str, limit: int = MAX_FUZZY_ALTERNATIVES
    ) -> list[tuple[str, str]]:
        """(stem, a written word) of the words starting with *prefix*, most frequent first."""
        found: dict[str, str] = {}
        for word in self._starting_with(prefix):
            found.setdefault(self.written[word], word)
        ordered = sorted(found.items(), key=lambda item: -self.counts.get(item[0], 0))
        return ordered[:limit]

    def close_words(self, word: str) -> list[tuple[str, int]]:
        """Written words within the typo budget of *word*, nearest and most frequent first
        (remembered: an unknown word is looked up twice, for the thesaurus then the base)."""
        found_before = self._close.get(word)
        if found_before is not None:
            return found_before
        if len(self._close) > 4096:
            self._close.clear()
        self._close[word] = nearest = self._close_words(word)
        return nearest

    def _close_words(self, word: str) -> list[tuple[str, int]]:
        budget = typo_budget(word)
        if budget == 0:
            return []
        candidates: list[str] = []
        for length in range(len(word) - budget, len(word) + budget + 1):
            candidates += self.by_length.get(length, [])
        found = process.extract(
            word, candidates, scorer=OSA.distance, score_cutoff=budget, limit=None
        )
        if not found:
            return []
        best = min(distance for _, distance, _ in found)
        nearest = [(w, int(d)) for w, d, _ in found if d == best]
        # As near, the word that sounds as typed first ("apart": « appart », not « part »),
        # then the most frequent.
        sound, counts, written = phonetic(word), self.counts, self.written
        sounds = {w: phonetic(w) for w, _ in nearest}
        nearest.sort(key=lambda w: (sounds[w[0]] != sound, -counts.get(written[w[0]], 0)))
        # And a word as near that does not sound as typed is an accident of the letters:
        # "alocation" is « allocation », not « location » (a word as entries write it: the
        # stem « solidar » sounds as "solidare" does, the « solidaire » meant does not).
        alike = [w for w in nearest if sounds[w[0]] == sound and w[0] in self.as_written]
        return (alike or nearest)[:MAX_FUZZY_ALTERNATIVES]

    def sounds_like(self, word: str, shortest: int = 4) -> list[str]:
        """Written words with the same French phonetic key ("dantiste" → "dentiste"), for
        a word of *shortest* letters or more."""
        if len(word) < shortest:
            return []
        if self._phonetic is None:
            index: dict[str, list[str]] = {}
            for known in self.sorted:
                if len(known) >= 4 and not known.isdigit():
                    index.setdefault(phonetic(known), []).append(known)
            self._phonetic = index
        found = indices.nearest_written(word, self._phonetic.get(phonetic(word), []))
        found = sorted(found, key=lambda w: -self.counts.get(self.written[w], 0))
        return found[:MAX_FUZZY_ALTERNATIVES]

    def same_start(self, word: str) -> list[str]:
        """Written words that hold the letters of *word* (5 letters or more) but one, in
        order, and start with its first SAME_START letters: letters dropped when typing
        fast ("epicry" → "epicerie"), not another word ("partout" is not "partent",
        "proprio" not "propose"). Most similar first."""
        if len(word) < 5 or word.isdigit():
            return []
        found: list[tuple[float, str]] = []
        for known in self._starting_with(word[:SAME_START]):
            if len(known) < len(word):
                continue
            common = (len(word) + len(known) - Indel.distance(word, known)) // 2
            if common >= len(word) - 1:
                found.append((Indel.normalized_similarity(word, known), known))
        if not found:
            return []
        best = max(score for score, _ in found)
        nearest = [w for score, w in found if score >= best - 1e-9]
        nearest.sort(key=lambda w: -self.counts.get(self.written[w], 0))
        return nearest[:MAX_FUZZY_ALTERNATIVES]

    def nouns_of(self, word: str) -> list[tuple[str, str]]:
        """(stem, written word) of the nouns of the base made from the verb *word*, its
        root (the verb without its ending, five letters at least) followed by a noun
        suffix: "inscrire" → « inscription », "financer" → « financement »."""
        roots = _verb_roots(word, VERB_ENDINGS, 5)
        if not roots:
            return []
        own = stem(word)
        found: dict[str, str] = {}
        for root, suffixes in roots:
            for known in self._starting_with(root):
                if _noun_of(root, known, suffixes):
                    stem_ = self.written[known]
                    if stem_ != own:
                        found.setdefault(stem_, known)
        ordered = sorted(found.items(), key=lambda item: -self.counts.get(item[0], 0))
        return ordered[:MAX_FUZZY_ALTERNATIVES]

    def stem_of(self, word: str) -> str:
        return self.written.get(word, word)


class _WordsOfTheBase:
    """The words the base writes, and the words a letter from one of them that names no
    commune: « finencer » is « financer » misspelt, not Finhan by its sound; « moisac » is
    still Moissac (`Gazetteer.find_in_words`)."""

    def __init__(self, vocabulary: Vocabulary, name_words: frozenset[str]) -> None:
        self.vocabulary = vocabulary
        self.name_words = name_words

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if word in self.vocabulary.as_written:
            return True
        if len(word) < RESPELL_LENGTH or word in self.name_words:
            return False
        return any(
            d == 1 and close in self.vocabulary.as_written and close not in self.name_words
            for close, d in self.vocabulary.close_words(word)
        )


class SearchEngine:
    """Answers queries over one database. Safe to call from a worker thread."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._lock = threading.RLock()
        self._generation: str | None = None
        self._vocabulary = Vocabulary({})
        self.gazetteer = Gazetteer.from_db(db)
        self.thematiques = Thematiques.from_db(db)
        self._synonyms = {
            r["terme"]: json.loads(r["expansions"]) for r in db.query("SELECT * FROM synonymes")
        }
        self._synonym_max_words = max((len(k.split()) for k in self._synonyms), default=1)
        self._besoins = needs_thesaurus()
        self._besoin_starts = _first_words(self._besoins)
        # Exact match counts of FTS5 expressions met on the way (counting every match of
        # common words is the costliest step at 100,000 entries), kept with the caches.
        self._counts: dict[str, int] = {}
        # Whether some entry matches an expression (`_any_entry`), kept likewise.
        self._said: dict[str, bool] = {}
        # Resources and indexed fields read for earlier searches, kept while the base is
        # unchanged (each keystroke shows mostly the entries of the one before).
        self._cache_key: tuple[int, int] | None = None
        self._documents: tuple[str | None, int] = (None, 1)  # (index generation, entries)
        self._resource_cache: dict[int, Resource] = {}
        self._resource_room = CACHE_SIZE  # more when the base is held whole (`warm_up`)
        # Each field text once: entries share most of theirs (100,000 entries have 154
        # thématique texts and 215 of keywords), and a short list's entries sharing a text
        # are matched against the query once (`_MatchPlan.in_field`).
        self._field_texts: dict[str, _Field] = {}
        # Each entry's fields as `_fields` returns them, by the names asked: one look-up a
        # row at the next keystrokes rather than one a field.
        self._entry_fields: dict[tuple[str, ...], dict[int, dict[str, _Field]]] = {}
        self._results: dict[tuple, SearchResult] = {}
        self._extents: tuple = (None, {}, 0)  # (index generation, extents, entries)
        self._facet_rows: tuple[str | None, dict[int, _Facet]] = (None, {})
        self._plain_codes: tuple[str | None, bool] = (None, False)  # `_plain_places`
        self._ensure_sqrt()

    def close(self) -> None:
        """Close the base it searches, once no search is running: searches run in a worker
        thread on the same connection, and closing it under one crashes the process."""
        with self._lock:
            self.db.close()

    def _ensure_sqrt(self) -> None:
        try:
            self.db.execute("SELECT sqrt(4)").fetchone()
        except Exception:
            self.db.conn.create_function("sqrt", 1, math.sqrt, deterministic=True)

    # -- vocabulary ---------------------------------------------------------------------
    @property
    def vocabulary(self) -> Vocabulary:
        with self._lock:
            generation = get_meta(self.db, INDEX_GENERATION, "0")
            if generation != self._generation:
                counts = {
                    term: doc
                    for term, doc in self.db.execute(
                        "SELECT term, doc FROM services_vocab "
                        "WHERE NOT (term GLOB '[cz][0-9]*' OR term IN ('zfrance', 'rdistance'))"
                    )
                }
                written = dict(self.db.execute("SELECT mot, racine FROM service_mots"))
                self._vocabulary = Vocabulary(counts, written)
                self._generation = generation
            return self._vocabulary

    def warm_up(self) -> None:
        """Load what the first search would (the vocabulary, its phonetic keys, the
        communes' extents; a base of WHOLE_BASE entries at most, whole), so that a screen
        can do it in the background before anyone types."""
        with self._lock:
            self.vocabulary.sounds_like("aaaa")
            common_french_words()  # a tenth of a second, once a process
            indices.by_sound()  # the lexicon and its sounds: 30 ms, once a process
            self._commune_extents()  # a tenth of a second at 100,000 entries
            self._facets()  # as much again
            whole = self._document_count() <= WHOLE_BASE
            if whole:
                self._preload_fields()
        if whole:
            self._preload_resources()
        _freeze_long_lived()

    def _preload_fields(self) -> None:
        """Every entry's short fields (those every short list is judged on) read and split
        here, once, rather than some fifty a search (a seventh of a new search at 10,000
        entries: 0.3 ms)."""
        self._check_caches()  # the caches' key set now: the first search keeps them
        names = FIELDS[:-1]
        entries = self._entry_fields.setdefault(names, {})
        columns = ", ".join(_CONTENT_COLUMNS[name] for name in names)
        shared: dict[str, _Field] = {}  # texts shared by entries (thématiques, keywords), once
        for pk, *row in self.db.conn.execute(f"SELECT id, {columns} FROM services_fts_content"):
            if pk in entries:
                continue
            fields = entries[pk] = {}
            for name, text in zip(names, row, strict=True):
                text = text or ""
                field = shared.get(text)
                if field is None:
                    field = shared[text] = _field(text)
                fields[name] = field

    def _preload_resources(self) -> None:
        """Every resource read here, once, rather than the new ones of each search (some
        35 at 10,000 entries: a quarter of a new search); by chunks, each under the lock,
        so that a search typed meanwhile waits for one chunk only. Stops when the base
        changes (the caches are then forgotten: resources are read search by search)."""
        with self._lock:
            self._check_caches()
            key = self._cache_key
            pks = sorted(self._facets())
            self._resource_room = max(CACHE_SIZE, len(pks))
        for start in range(0, len(pks), 500):
            with self._lock:
                self._check_caches()
                if self._cache_key != key:
                    return
                cache = self._resource_cache
                wanted = [pk for pk in pks[start : start + 500] if pk not in cache]
                cache.update(get_resources(self.db, wanted))

    def _single_synonyms(self, word_stem: str) -> tuple[str, ...]:
        """A word's first synonym when it is one word too ("boulot" → « emploi »), for the
        thesaurus' needs: not a filler's ("aller", "payer" say no need)."""
        if word_stem in _FILLER_STEMS:
            return ()
        first = self._synonyms.get(word_stem, ())[:1]
        return tuple(p for p in first if " " not in p)

    # -- parsing --------------------------------------------------------------------------
    def _unclipped(self, raw: list[str], vocabulary: Vocabulary, typing: bool) -> list[str]:
        """The words a text message clips put back (`text.unclipped`: « jdor ds ma voitur »
        → « j dors dans ma voiture »), but for those the base or the thesaurus knows
        (« caf », « cej ») and the word being typed (« voitur » is the start of
        « voiture » already, and of « voitures »; « frap », the start of no word, is
        « frappe »)."""
        out: list[str] = []
        for i, word in enumerate(raw):
            if (
                # The word being typed, unless nothing starts with it (« frap »).
                (typing and i == len(raw) - 1 and vocabulary.has_prefix(word))
                or self._known(word, vocabulary)  # « heu », a filler, is no « heure »
                or word.isdigit()
            ):
                out.append(word)
            else:
                out += unclipped(word)
        return out

    def _known(self, word: str, vocabulary: Vocabulary) -> bool:
        """A word the engine reads as it is: one the base writes or stems to, a word of the
        thesaurus' lay descriptions, a synonym, an acronym, a filler, a child said in the
        family's words (« fiston » is no « piston ») or a stop word."""
        return (
            word in vocabulary.written
            or stem(word) in vocabulary
            or word in needs_lexicon()[0]
            or stem(word) in self._synonyms
            or word in indices.acronyms()
            or word in FILLERS
            or word in _CHILD_WORDS
            or word in STOPWORDS
        )

    def _unglued(self, raw: list[str], vocabulary: Vocabulary) -> list[str]:
        """Two words typed as one (« autoentrepreneur », « francetravail »,
        « otoentrepreneur »): the two, when the word is none the engine reads, nor a typo
        of one, and it splits into two that it reads (the first may be spelt by ear: « oto »
        is « auto »), neither a stop word, the longer of five letters or more."""
        out: list[str] = []
        common = common_french_words()
        for word in raw:
            if (
                len(word) < 2 * GLUED_PART + 2
                or not word.isalpha()
                or word in common
                or self._known(word, vocabulary)
                or vocabulary.has_prefix(word)
                or vocabulary.close_words(word)
            ):
                out.append(word)
                continue
            out += self._split_glued(word, vocabulary) or [word]
        return out

    def _split_glued(self, word: str, vocabulary: Vocabulary) -> list[str]:
        def reads(part: str) -> bool:
            return part not in STOPWORDS and self._known(part, vocabulary)

        for cut in range(len(word) - GLUED_PART, GLUED_PART - 1, -1):
            left, right = word[:cut], word[cut:]
            if max(len(left), len(right)) < GLUED_LONGER or not reads(right):
                continue
            if reads(left):
                return [left, right]
            alike = vocabulary.sounds_like(left, shortest=GLUED_PART)
            if alike:
                return [alike[0], right]
        return []

    def _respelt(self, raw: list[str], vocabulary: Vocabulary) -> list[str]:
        """A word with one letter wrong that only one written word, or one word of the
        thesaurus' lay descriptions, is one letter from: that word, before the needs and
        the cues are read (« elle a jamias travaille » is « jamais travaillé », « son mari
        la farppe » « frappe »). Not a word of the base, of the thesaurus, of French, a
        synonym, an acronym, a filler, nor the start of words of the base (« restau »);
        one letter from two words, the word stays as typed (its typos are looked up later,
        each an alternative)."""
        common = common_french_words()
        out: list[str] = []
        for word in raw:
            if (
                len(word) < RESPELL_LENGTH
                or not word.isalpha()
                or word in common
                or self._known(word, vocabulary)
                or vocabulary.has_prefix(word)
            ):
                out.append(word)
                continue
            # Two letters wrong in a long word, when it still sounds as typed.
            sound = phonetic(word)
            two = len(word) >= RESPELL_TWO
            written = [
                w
                for w, d in vocabulary.close_words(word)
                if (d == 1 or (two and d == 2 and phonetic(w) == sound))
                and w in vocabulary.as_written
            ]
            lay = [
                w
                for w, d in _lay_words_near(word, 2 if two else 1)
                if d == 1 or phonetic(w) == sound
            ]
            options = list(dict.fromkeys(written + lay))
            # Of several, the one that says a need with the other words of the query
            # (« on lui a coupé le cournt »: « courant », not « court »).
            if len(options) > 1:
                others = {stem(w) for w in raw if w != word}
                saying = [w for w in options if self._says_a_need(stem(w), others)]
                if len(saying) == 1:
                    options = saying
            # Of several, the one that sounds as typed (« internt » is « internet », not
            # « intérêt »).
            sound = phonetic(word)
            alike = [w for w in options if phonetic(w) == sound]
            if len(options) > 1 and len(alike) == 1:
                options = alike
            if len(options) > 1:
                # Of several, one French says ten times as often as any other: that one
                # (« metter » is « mettre », not « meter »).
                ranked = sorted(options, key=french_frequency, reverse=True)
                if french_frequency(ranked[0]) >= RESPELL_ODDS * max(
                    1, french_frequency(ranked[1])
                ):
                    options = ranked[:1]
            out.append(options[0] if len(options) == 1 else word)
        return out

    def _says_a_need(self, word_stem: str, others: set[str]) -> bool:
        """Whether a need of the thesaurus of two words or more is said by *word_stem* and
        the stems of the query's other words (*others*)."""
        present = others | {word_stem}
        # Not one said with a negation, which holds only beside it (« pas … papier »).
        return any(
            len(key) > 1 and word_stem in key and not NEGATIONS.intersection(key)
            for key, _ in _needs_within(self._besoins, self._besoin_starts, present)
        )

    def parse(
        self, query: str, *, typing: bool = False, detect_commune: bool = True
    ) -> ParsedQuery:
        """Turn a query into groups of alternatives. *typing*: the last word may be
        unfinished (search-as-you-type), so it also matches as the start of a word."""
        vocabulary = self.vocabulary
        raw = said = sms_words(words(query))
        commune = None
        if detect_commune and raw:
            found = self._find_commune(raw, vocabulary)
            if found:
                commune, start, end = found
                # A commune typed last was typed after the other words: none is being typed
                # ("aide alimentaire près de caylus": « près » is no « présentation »).
                typing = typing and end < len(raw)
                raw = raw[:start] + raw[end:]
        raw = self._unclipped(raw, vocabulary, typing)
        raw = self._unglued(raw, vocabulary)
        respelt = self._respelt(raw, vocabulary)
        # The words as typed, for the groups of words the needs do not take: their typos
        # are said (« logemnt → logement »).
        as_typed = {new: old for new, old in zip(respelt, raw, strict=True) if new != old}
        raw = respelt
        # Stop words are not indexed; a query made only of them keeps them (and finds
        # nothing, rather than everything).
        raw = _without_idioms(raw)
        cues = indices.find(raw)
        told = _circumstances(raw)
        kept = [w for w in raw if w not in STOPWORDS or w in NEGATIONS]
        if any(w not in NEGATIONS for w in kept):
            told = [
                c for w, c in zip(raw, told, strict=True) if w not in STOPWORDS or w in NEGATIONS
            ]
            raw = kept
        told = [c or (i > 0 and raw[i - 1] in _GOING) for i, c in enumerate(told)]
        # A word the synonyms know means what they say, not the lay word a letter away
        # (« piaule » is a room, not « pilule »).
        raw = [w if stem(w) in self._synonyms else _lay_spelling(w, vocabulary) for w in raw]
        stems = [stem(w) for w in raw]
        groups: list[Group] = []
        ignored: list[str] = []
        # A need described in lay words ("n'a plus d'électricité", "dort chez des amis"):
        # its words may be spread through a sentence; they become one group.
        used: set[int] = set()
        # A verb also says the need its noun does ("on lui a coupé le courant": « coupure
        # de courant »).
        # A word also says what its one-word synonyms say ("reprendre le boulot": the need
        # « reprendre le travail », « reprendre un emploi »), once the needs said as the
        # thesaurus says them are found; only in a need of several words, one of them not a
        # filler said as the need says it (a synonym alone is not the need, nor "cherche
        # appart" « chercher un logement »); a word's first synonym only, when it is one
        # word (the best: "boulot" « emploi », not "mdph" « handicap »).
        own_forms = [frozenset((s, *_lay_nouns(w))) for s, w in zip(stems, raw, strict=True)]
        forms = [
            f | frozenset(self._single_synonyms(s)) for f, s in zip(own_forms, stems, strict=True)
        ]
        # Words that a synonym of several words names together ("titre pro") mean that.
        in_phrase: set[int] = set()
        for start in range(len(stems)):
            for size in range(min(self._synonym_max_words, len(stems) - start), 1, -1):
                if " ".join(stems[start : start + size]) in self._synonyms:
                    in_phrase.update(range(start, start + size))
        present = set().union(*forms)
        found_needs: list[tuple[tuple[str, ...], tuple[str, ...], set[int]]] = []
        # Only the needs all of whose words are present (looked up by their first word).
        candidates = _needs_within(self._besoins, self._besoin_starts, present)
        fillers_at = {i for i, w in enumerate(raw) if w in FILLERS or w in LIVING}
        # A need of one word is not said by a filler nor by a word whose stem is its own
        # (« il habite » is no « habits », « coupé » no « coups »).
        not_alone = fillers_at | {i for i, w in enumerate(raw) if w in indices.AS_WRITTEN}
        for by_synonym in (False, True):
            for key, phrases in candidates:
                if by_synonym and len(key) < 2:
                    continue
                taken = used | in_phrase if by_synonym else used
                if len(key) == 1:
                    taken = taken | not_alone
                order = _positions(key, forms if by_synonym else own_forms, taken)
                if order is None or not _negated_in_order(key, order):
                    continue
                positions = set(order)
                # A need said with a filler (« besoin d'argent ») is said in words side by
                # side: fillers are everywhere in a sentence ("besoin d'un ordi pour sa
                # formation mais pas de sous" is no « besoin d'argent »).
                if (
                    len(positions) > 1
                    and any(i in fillers_at or raw[i] in FILLERS for i in positions)
                    and max(positions) - min(positions) > len(key)
                ):
                    continue
                # A negation says what is missing of the word right after it ("pas de
                # papiers", "pas encore ses papiers"), not of a word further on ("sait pas se
                # servir d'internet pour ses papiers" is not « pas de papiers »).
                if (
                    len(positions) > 1
                    and any(t in NEGATIONS for t in key)
                    and max(positions) - min(positions) > len(key)
                ):
                    continue
                # A word that says it is missing ("plus de fric") is said as the need says
                # it ("plus d'argent"), though a filler elsewhere ("plus" is « davantage »).
                if by_synonym and not any(
                    (t not in _FILLER_STEMS or t in _NEGATOR_STEMS) and t in own_forms[i]
                    for i in positions
                    for t in key
                ):
                    continue
                used.update(positions)
                found_needs.append((key, phrases, positions))
        # A need said twice, in two phrases ("ni voiture ni permis", "maison froide, mal
        # isolée"), is one need: one group, which weighs as one word does beside the others
        # (two of its single words side by side, "chantier d'insertion", stay two words).
        merged: list[tuple[tuple[str, ...], tuple[str, ...], set[int]]] = []
        for key, phrases, positions in found_needs:
            same = next(
                (
                    m
                    for m in merged
                    if len(key) > 1 and len(m[0]) > 1 and _same_need(m[0], m[1], key, phrases)
                ),
                None,
            )
            if same is None:
                merged.append((key, phrases, set(positions)))
                continue
            same[2].update(positions)
            # The one said with the base's own words leads ("pension alimentaire", not
            # "le père verse plus"): its words as typed are its first alternative.
            if all(t in vocabulary for t in key) and not all(t in vocabulary for t in same[0]):
                merged[merged.index(same)] = (key, phrases, same[2])
        qualifiers, prices = needs_qualifiers(), needs_price_words()
        for key, phrases, positions in merged:
            group = Group(" ".join(raw[i] for i in sorted(positions)), qualifier=key in qualifiers)
            group.price = key in prices
            group.need = frozenset(phrases) | {" ".join(key)}
            group.circumstance = all(told[i] for i in positions)
            if all(t in vocabulary for t in key):
                # The words themselves first ("mobylette" finds "location de mobylette").
                shown = raw[min(positions)] if len(key) == 1 else ""
                group.alternatives.append(
                    Alternative(_quote(" ".join(key)), key, "exact", shown=shown)
                )
            for phrase in phrases:
                tokens = tuple(phrase.split())
                if tokens and all(t in vocabulary for t in tokens):
                    group.alternatives.append(Alternative(_quote(phrase), tokens, "besoin"))
            # The same words may be a synonym too, that the base never writes ("ordi": the
            # need says « numérique », the synonyms « ordinateur »): what both say it means,
            # the need first. A word the base has keeps the need's meaning only (its
            # synonyms' broader words, « addiction » for "drogue", name whole thématiques).
            known = all(t in vocabulary for t in key)
            synonyms = () if known else self._synonyms.get(" ".join(key), ())
            for phrase in synonyms:
                tokens = tuple(phrase.split())
                new = all(a.tokens != tokens for a in group.alternatives)
                if tokens and new and all(t in vocabulary for t in tokens):
                    group.alternatives.append(Alternative(_quote(phrase), tokens, "synonyme"))
            # What a negation says is missing is also what she needs ("pas de voiture":
            # the car rental too), after the need's own words; not a filler ("pas cher").
            lacking = tuple(t for t in key if t not in NEGATIONS and t not in _FILLER_STEMS)
            if len(lacking) < len(key) and lacking and all(t in vocabulary for t in lacking):
                expression = _quote(" ".join(lacking))
                if all(a.tokens != lacking for a in group.alternatives):
                    group.alternatives.append(Alternative(expression, lacking, "besoin"))
            if group.alternatives:
                groups.append(group)
            else:
                # A base that has none of the need's words (another département's, whose
                # entries say « Permis B » and « conduite »): its words are looked up one by
                # one, as if the thesaurus did not know them, rather than dropped unsaid.
                used.difference_update(positions)
        i = 0
        # A negation counts only inside a need ("pas cher" is not "cher").
        used.update(i for i, w in enumerate(raw) if w in NEGATIONS and len(raw) > 1)
        while i < len(stems):
            if i in used:
                i += 1
                continue
            synonym = self._synonym_at(stems, i, raw, used)
            if synonym:
                size, term = synonym
                text = " ".join(raw[i : i + size])
                group = self._synonym_group(text, term, vocabulary)
                group.circumstance = all(told[i : i + size])
                if group.alternatives:
                    groups.append(group)
                else:
                    ignored.append(text)
                i += size
                continue
            word, original = stems[i], raw[i]
            i += 1
            if original in _CHILD_WORDS:
                group = self._child_group(original, vocabulary)
                if group.alternatives:
                    groups.append(group)
                    continue
            last = typing and i == len(stems)
            filler = (
                original in FILLERS
                or original in LIVING
                or word in _FILLER_STEMS
                or _small_number(original)
                # A commune named beside the person's (« elle doit aller à Montauban »): a
                # place, not a word to look for.
                or original in self.gazetteer.one_word_names
            )
            # The word being typed, clipped from a filler (« tombe souven »), weighs as one,
            # and is still the start of longer words.
            clipped_filler = last and not filler and unclipped(original)[0] in FILLERS
            group = self._word_group(original, word, vocabulary, last, filler=filler)
            # A filler misspelt or spelt by ear (« fere » for « faire ») is still a filler.
            misspelt_filler = (
                not filler
                and original not in vocabulary.written
                and any(
                    a.how in ("phonétique", "faute de frappe") and a.shown in FILLERS
                    for a in group.alternatives
                )
            )
            if clipped_filler or misspelt_filler:
                filler = True
            if original in as_typed:
                # Said as typed: « logemnt → logement », a typo.
                group.text = as_typed[original]
                group.alternatives = [
                    dataclasses.replace(a, how="faute de frappe", shown=original)
                    if a.how == "exact"
                    else a
                    for a in group.alternatives
                ]
            group.circumstance = told[i - 1]
            if filler:
                group.weight = FILLER_WEIGHT
            if group.alternatives:
                groups.append(group)
            else:
                ignored.append(original)
        fillers = sum(1 for w in raw if w in FILLERS)
        return ParsedQuery(groups, commune, ignored, fillers, cues, said)

    def _find_commune(self, raw: list[str], vocabulary: Vocabulary):
        for index, word in enumerate(raw):
            if len(word) == 5 and word.isdigit():
                found = self.gazetteer.lookup(word).communes
                if found:
                    return found[0], index, index + 1
        return self.gazetteer.find_in_words(
            raw,
            known_words=_WordsOfTheBase(vocabulary, self.gazetteer.name_words),
            common_words=common_french_words(),
        )

    def _child_group(self, original: str, vocabulary: Vocabulary) -> Group:
        """ "son fils", "sa fille": the person asks for a child, and a service for adults
        is not the answer; the words services use for their public stand for it."""
        group = Group(original, weight=CHILD_WEIGHT)
        for public in _CHILD_PUBLIC:
            if public in vocabulary:
                group.alternatives.append(Alternative(_quote(public), (public,), "synonyme"))
        return group

    def _synonym_at(
        self, stems: list[str], start: int, raw: list[str], used: set[int]
    ) -> tuple[int, str] | None:
        for size in range(min(self._synonym_max_words, len(stems) - start), 0, -1):
            if any(j in used for j in range(start, start + size)):
                continue
            key = " ".join(stems[start : start + size])
            if key not in self._synonyms:
                continue
            # A short key is an acronym ("pass", "ass", "ame"): a longer word that stems
            # to it ("passer", "assez") is not that acronym.
            if size == 1 and len(key) <= 4 and len(raw[start]) > len(key) + 1:
                continue
            # Nor is a filler word ("aide") the synonym its stem meets ("aidant").
            if size == 1 and raw[start] in FILLERS:
                continue
            return size, key
        return None

    def _synonym_group(self, text: str, key: str, vocabulary: Vocabulary) -> Group:
        group = Group(text)
        phrases = [key, *self._synonyms[key]]
        for index, phrase in enumerate(phrases):
            tokens = tuple(phrase.split())
            if not all(t in vocabulary for t in tokens):
                continue
            expression = _quote(" ".join(tokens))
            how = "exact" if index == 0 else "synonyme"
            group.alternatives.append(Alternative(expression, tokens, how))
        return group

    def _word_group(
        self, original: str, word: str, vocabulary: Vocabulary, last: bool, filler: bool = False
    ) -> Group:
        group = Group(original)
        if word in vocabulary:
            group.alternatives.append(Alternative(_quote(word), (word,), "exact", shown=original))
        if not filler:
            # A verb meets the nouns made from it ("s'inscrire" the « inscription » of a
            # service's name, "couper" a « coupure »), which its stem does not.
            for found, shown in vocabulary.nouns_of(original):
                if all(a.tokens != (found,) for a in group.alternatives):
                    group.alternatives.append(
                        Alternative(_quote(found), (found,), "début de mot", shown=shown)
                    )
        if filler and not last:
            # A filler is a word well known and well spelt ("fille", "voit"): the words a
            # typo or a sound away ("ville", "voiture") are not what the person said.
            return group
        # The word being typed also matches as the start of longer words (looked up among
        # the written words: "logem" is the start of "logement", not of its stem "log").
        # A word typed whole before others is the start of longer ones only when it is no
        # word of French: "pas un sou", "mal au dos", "mis à jour", "elle rêve de" are not
        # « soutien », « dossier », « mission », « revenu ».
        said_whole = not last and (
            original in common_short_words()
            or original in common_french_words()
            or original in needs_lexicon()[0]
        )
        if (last or word not in vocabulary) and len(original) >= 2:
            for found, shown in vocabulary.prefix_stems(original):
                # Of its own family, though: a few letters more ("garant": « garantie »).
                if said_whole and (len(original) < 5 or len(shown) > len(original) + 3):
                    continue
                if found != word:
                    group.alternatives.append(
                        Alternative(_quote(found), (found,), "début de mot", shown=shown)
                    )
        # A word spelt by ear may stem to an unrelated indexed stem ("servisse" → "serv", of
        # "servir"): a word never written in the base also looks for the words it sounds like.
        by_stem_only = (
            original not in vocabulary.written
            and len(group.alternatives) == 1
            and group.alternatives[0].how == "exact"
        )
        # A word of the thesaurus' lay descriptions is a word well spelt that the base does
        # not write ("bruit" of « bruit des voisins »): not the words a typo, a sound or a
        # few letters away (« fruit »).
        # Nor is a word common in French the base does not write ("entend", "taule", "voix"):
        # said well, it is no misspelling of « antenne » or « table ».
        if not group.alternatives and (
            original in needs_lexicon()[0] or original in common_french_words()
        ):
            return group
        if not group.alternatives or by_stem_only:
            # A word the base never writes that meets a stem by chance is still a typo of
            # the written word one letter away: « solidare » stems as « solidarités » does,
            # and missed the « solidaire » of every épicerie solidaire.
            for close, distance in vocabulary.close_words(original):
                if by_stem_only and distance > 1:
                    continue
                found = vocabulary.stem_of(close)
                if all(a.tokens != (found,) for a in group.alternatives):
                    group.alternatives.append(
                        Alternative(_quote(found), (found,), "faute de frappe", shown=close)
                    )
        # An unknown word found only as the start of others ("restau" of « restauration »)
        # may be spelt by ear too (« restos »).
        starts_only = (
            original not in vocabulary.written
            and word not in vocabulary
            and all(a.how == "début de mot" for a in group.alternatives)
        )
        if not group.alternatives or by_stem_only or starts_only:
            # Spelt by ear beyond the typo budget ("ortofoniste"): the same sound.
            for alike in vocabulary.sounds_like(original):
                found = vocabulary.stem_of(alike)
                if all(a.tokens != (found,) for a in group.alternatives):
                    group.alternatives.append(
                        Alternative(_quote(found), (found,), "phonétique", shown=alike)
                    )
        if not group.alternatives:
            # Still nothing: a word cut short or typed fast beyond the typo budget
            # ("epicry" for « épicerie »), read as the written word that starts the same
            # way and keeps most of its letters, rather than left out of the query.
            for close in vocabulary.same_start(original):
                found = vocabulary.stem_of(close)
                if all(a.tokens != (found,) for a in group.alternatives):
                    group.alternatives.append(
                        Alternative(_quote(found), (found,), "faute de frappe", shown=close)
                    )
        return group

    # -- searching --------------------------------------------------------------------------
    def search(
        self,
        query: str,
        filters: SearchFilters | None = None,
        *,
        limit: int = DEFAULT_LIMIT,
        typing: bool = False,
    ) -> SearchResult:
        filters = filters or SearchFilters()
        asked, query = query, bounded_query(query)
        with self._lock:
            self._check_caches()
            # A search reads its query's folded words only (`parse`): the same words typed
            # otherwise (the space after a word, capitals, accents, punctuation) are the
            # same search, answered again from here; while typing, the space that ends
            # each word.
            key = (tuple(words(query)), _filter_key(filters), limit, typing)
            known = self._results.get(key)
            if known is None:
                known = self._results[key] = self._search(query, filters, limit, typing)
            # A list of its own for each caller (the hits themselves are not changed), and
            # the query as the caller typed it.
            return dataclasses.replace(
                known, query=asked, hits=list(known.hits), ignored=list(known.ignored)
            )

    def _search(self, query: str, filters: SearchFilters, limit: int, typing: bool) -> SearchResult:
        parsed = self.parse(query, typing=typing, detect_commune=True)
        self._weigh_context(parsed.groups, sentence=parsed.fillers >= 2)
        commune = parsed.commune
        from_query = commune is not None
        if filters.commune:
            commune = self.gazetteer.get(filters.commune) or commune
            from_query = False
        if parsed.ignored and all(g.weight <= FILLER_WEIGHT or g.price for g in parsed.groups):
            # The word that says the need is one the base lacks (« elle sait pas nager »,
            # « kiné pas cher »): the entries that say « elle » or « solidaire » are no
            # answer; nothing is, and the screen says which word the base lacks (but for
            # what its cues say, below).
            parsed.groups = []
        if not parsed.groups and parsed.cues:  # only words the base lacks: « il tombe »
            parsed.groups = self._cued([], parsed, self._firm(parsed, []))
        # A filler the base lacks (« suis », « veux ») was not a word to look for: the
        # screen names only the words that say something the base does not have.
        told_ignored = [w for w in parsed.ignored if w not in FILLERS]
        if not parsed.groups and commune is None and not _has_filter(filters):
            return SearchResult(query, [], 0, None, False, told_ignored)
        # An age said ("monsieur 58 ans"), or a man: the services whose ages leave it out
        # (« des 16-25 ans »), or for women alone, come after those that can take the
        # person, from a longer list.
        ages, man = stated_ages(parsed.said), said_of_a_man(parsed.said)
        wider = limit * AGE_WIDER if ages or man else limit
        (rows, total), relaxed = self._run(parsed.groups, commune, filters, wider, parsed)
        if ages or man:
            rows = self._by_eligibility(rows, ages, man)[:limit]
        hits = self._hits(rows)
        # The age and « monsieur », which the base lacks, were read: not said ignored.
        read = {str(age) for age in ages} | (MAN_WORDS if man else set())
        ignored = [w for w in told_ignored if re.sub(r"ans?$", "", w) not in read]
        return SearchResult(query, hits, total, commune, from_query, ignored, relaxed)

    def _by_eligibility(self, rows: list[dict], ages: list[int], man: bool) -> list[dict]:
        """*rows* in their order, last those whose ages leave out all of *ages* and, for a
        *man*, those for women alone (`ressources.eligibility`)."""
        # Why each one cannot take the person, as the results say it.
        out: dict[int, str] = {}
        for pk, r in self._resources([row["pk"] for row in rows]).items():
            ranges = service_ages(r.nom, r.publics, r.publics_precisions, r.conditions_acces)
            if leaves_out(ages, ranges):
                out[pk] = said_ranges(ranges)
            elif man and for_women_only(r.publics):
                out[pk] = "femmes"
        kept = [r for r in rows if r["pk"] not in out]
        return kept + [{**r, "ineligible": out[r["pk"]]} for r in rows if r["pk"] in out]

    def _weigh_context(self, groups: list[Group], sentence: bool = False) -> None:
        """In a sentence that says a need ("n'a plus de logement") or holds several
        words, a word most entries have ("enfants", "famille") tells the context, not the
        service: it weighs less than the words that do."""
        # What is said as the circumstances of a need (since when, where one goes) is the
        # context of the need said beside it, even a need itself ("depuis le chômage").
        if any(_said_need(g) and not g.circumstance for g in groups):
            for group in groups:
                if group.circumstance and group.weight > CONTEXT_WEIGHT:
                    group.weight = CONTEXT_WEIGHT
        content = [g for g in groups if g.weight >= 1.0]
        # A sentence that says two needs or more ("il sort de l'hôpital psy et veut un
        # travail adapté"): the needs say what she needs, the other words ("sort") how it
        # came about; they weigh as context words do. Acronyms and synonyms name services.
        needs = [g for g in content if _said_need(g) and not g.qualifier]
        if len({g.need or g.text for g in needs}) >= 2:
            for group in content:
                if group not in needs and not any(a.how in _BY_MEANING for a in group.alternatives):
                    group.weight = CONTEXT_WEIGHT
        # A need said in one word counts too in a sentence (*sentence*: two fillers or more
        # around it, "elle veut divorcer, qui peut la conseiller"), not among keywords ("rsa
        # orientation", "accueil de jour sdf").
        said_need = any(
            (" " in g.text or sentence)
            and not g.qualifier  # « pas cher » says what the service is like, not a need
            and any(a.how == "besoin" for a in g.alternatives)
            for g in content
        )
        if len(content) < 2 or not said_need:
            return
        counts = self.vocabulary.counts
        everyone = self._document_count()
        for group in content:
            first = group.alternatives[0]
            # An acronym ("rsa", "caf") names a service, whatever its frequency.
            if first.how in _BY_MEANING or len(first.tokens) != 1 or len(group.text) <= 4:
                continue
            if counts.get(first.tokens[0], 0) > COMMON_SHARE * everyone:
                group.weight = CONTEXT_WEIGHT

    def _cued(
        self, groups: list[Group], parsed: ParsedQuery, firm: dict[str, set[str]]
    ) -> list[Group]:
        """*groups* with the thématiques each need cue said leads to, as the last
        alternatives of its words (found in the thématiques only, below the words); the
        words of a cue the base lacks (« tombe »: no group) become a group. Copies: the
        groups as typed still choose the short list. [] when no cue adds anything.
        *firm*: the firm thématiques with their words (`_firm`)."""
        vocabulary = self.vocabulary
        out = list(groups)
        added = False
        # Two firm needs said apart (« il entend des voix et reste enfermé »): the entries
        # of one lack the words of the other; a word the base lacks is no word they miss.
        apart = len({frozenset(words_) for words_ in firm.values()})
        for found in parsed.cues:
            said = set(found.words)
            content = set(_content(said))
            sure = frozenset(firm.keys() & set(found.thematiques))
            # The words of a firm need said in several cues (« pas de manteau » and
            # « l'hiver »): a word the base lacks, said through its cue only, is one of them.
            firm_words = content.union(*(firm[code] for code in sure))
            # A word the base has as typed says the need itself: its entries are the
            # answer, not every service of the thématique ("cuisiner" is the cooking
            # workshops, "médiation familiale" the mediation).
            targets = [
                i
                for i, g in enumerate(out)
                if said.intersection(g.text.split()) and (sure or not _in_base(g, vocabulary))
            ]
            # Its words the base lacks, fillers and numbers aside, say the need through
            # the cue only: a word of the query again.
            alone = [w for w in found.words if w in parsed.ignored and _cue_word(w)]
            if not targets and not alone:
                continue
            alternatives = [
                alt for code in found.thematiques if (alt := _cue_alternative(code, vocabulary))
            ]
            if not alternatives:
                continue
            if alone:
                out.append(Group(" ".join(alone)))
                targets.append(len(out) - 1)
                parsed.ignored = [w for w in parsed.ignored if w not in alone]
            labels = frozenset(indices.label(code) for code in sure)
            for i in targets:
                new = [a for a in alternatives if a not in out[i].alternatives]
                # A word read as a need of several words (« mal aux dents ») has its
                # reading already: the cue that says no more than it only tips it.
                # Nor a word the cue says only part of (« réparer sa voiture » is not
                # « voiture pas chère »).
                own = set(out[i].text.split())
                whole = content if out[i].alternatives else firm_words
                firmer = labels if own <= said and whole - own else frozenset()
                if apart > 1 and all(a.how == CUE for a in out[i].alternatives):
                    firmer = frozenset()
                # A word some entry of the thématique has as typed (« vêtements de bébé »:
                # the Restos bébés) says the need itself: those entries are the answer.
                if firmer and self._said_in_thematique(out[i], sure):
                    firmer = frozenset()
                if new or not firmer <= out[i].firm:
                    out[i] = dataclasses.replace(
                        out[i],
                        alternatives=out[i].alternatives + new,
                        firm=out[i].firm | firmer,
                        _singles=None,
                        _phrases=[],
                    )
                    added = True
        return out if added else []

    def _firm(self, parsed: ParsedQuery, groups: list[Group]) -> dict[str, set[str]]:
        """The thématiques of firm cues with their words (`_firm_thematiques`), but those
        whose cues' words
        some entry says together (« médiation familiale », « transport à la demande »,
        « loyers impayés »): those entries are the answer. Only in a sentence (four
        words or more): a few keywords are answered by the entries that have them."""
        if len(parsed.groups) + len(parsed.ignored) < SENTENCE_WORDS:
            return {}
        return {
            code: said
            for code, said in _firm_thematiques(parsed.cues).items()
            if not self._base_says(said, groups)
        }

    def _said_in_thematique(self, group: Group, codes: Iterable[str]) -> bool:
        """Whether some entry of one of these thématiques has the word as typed."""
        literal = [a for a in group.alternatives if a.how in _LITERAL and not a.column]
        cues = [a for code in codes if (a := _cue_alternative(code, self.vocabulary))]
        if not literal or not cues:
            return False
        expression = (
            "{nom mots_cles description} : ("
            + " OR ".join(_either(literal))
            + ") AND ("
            + " OR ".join(a.expression for a in cues)
            + ")"
        )
        return self._any_entry(expression)

    def _base_says(self, said: Iterable[str], groups: list[Group]) -> bool:
        """Whether some entry's name, keywords or description have these words (a cue's,
        as typed: each the way its group finds it as typed, misspelt or heard), all of them."""
        parts = []
        for word in sorted(set(_content(said))):
            alternatives = [
                a
                for g in groups
                if word in g.text.split()
                for a in g.alternatives
                if a.how in _LITERAL and not a.column
            ]
            if not alternatives:
                return False  # a word the base lacks
            either = " OR ".join(_either(alternatives))
            parts.append("{nom mots_cles description} : (" + either + ")")
        if len(parts) < FIRM_WORDS:
            return False
        return self._any_entry(" AND ".join(parts))

    def _any_entry(self, expression: str) -> bool:
        """Whether some entry matches the FTS5 *expression*, kept with the caches."""
        known = self._said.get(expression)
        if known is None:
            row = self.db.execute(
                "SELECT 1 FROM services_fts WHERE services_fts MATCH ? LIMIT 1", [expression]
            ).fetchone()
            known = self._said[expression] = row is not None
        return known

    def _document_count(self) -> int:
        if self._documents[0] != self._generation:
            n = self.db.execute("SELECT count(*) FROM service_facets").fetchone()[0]
            self._documents = (self._generation, max(n, 1))
        return self._documents[1]

    def _run(self, groups, commune, filters, limit, parsed: ParsedQuery | None = None):
        """Entries with every word, and those with most of them: the words that say the
        need count, fillers weigh little; then ranked by how much of the query each has."""
        if not groups:
            return self._select(None, [], commune, filters, limit), False

        def ask(subset: list[Group], require_all: bool = True, count: bool = True):
            return self._select(
                subset,
                subset,
                commune,
                filters,
                limit,
                require_all=require_all,
                rescore=False,
                count=count,
            )

        rows, total = ask(groups)
        candidates = {r["pk"]: r for r in rows}
        full = bool(rows)
        content = [g for g in groups if g.weight >= 1.0]
        allowance = MISSING_ALLOWANCE * sum(g.weight for g in groups)
        # Fewer entries with every word than a screen shows: those missing one meaningful
        # word follow them (the local entry with two of three words, the one that says
        # "électricité" without "coupure"), ranked below, never instead.
        short = len(rows) < limit
        if short and len(content) >= 2:
            allowance = max(allowance, 1.0)
        passes: list[list[Group]] = []
        if content and len(content) < len(groups):
            passes.append(content)  # the fillers left out
        if len(content) >= 2 and (not full or short or allowance >= 1.0):
            passes += [[g for g in content if g is not left] for left in content[:6]]
        # A long question (four meaningful words or more) says more than any entry: with
        # too few entries missing one word, those missing two follow them ("hébergement
        # femmes enfants urgence": the 115, which says neither women nor children).
        if short and len(content) >= LONG_QUESTION_WORDS:
            passes += [
                [g for g in content if g is not a and g is not b]
                for a, b in itertools.combinations(content[:6], 2)
            ]
            allowance = max(allowance, 2.0 + sum(g.weight for g in groups if g.weight < 1.0))
        # The words the thesaurus or the synonyms know say the need; two or more other
        # words ("navette pour les courses au village") may be its circumstances, which the
        # service that answers the need does not mention: asked alone too, ranked below.
        known = [g for g in content if any(a.how in _BY_MEANING for a in g.alternatives)]
        if short and known and len(content) - len(known) >= 2:
            passes.append(known)
        # The price alone is no answer: « psychologue gratuit » lists no free cinema tickets
        # (a public alone may be: « personne âgée isolée », the CCAS' help for the elderly).
        passes = [p for p in passes if not all(g.price for g in p)]
        for subset in passes:
            found, _ = ask(subset, count=False)  # its total is not shown
            for row in found:
                candidates.setdefault(row["pk"], row)
        if not candidates and len(groups) > 1:
            found, total = ask(groups, require_all=False)
            candidates = {r["pk"]: r for r in found}
        # Fewer entries with every word than a screen: the need cues said also find the
        # services of their thématiques, ranked below those with the words; not when the
        # words fill it ("permis de conduire").
        firm = self._firm(parsed, groups) if parsed else {}
        cued = (
            self._cued(groups, parsed, firm) if (short or firm) and parsed and parsed.cues else []
        )
        if cued:
            groups = cued
            allowance = max(allowance, MISSING_ALLOWANCE * sum(g.weight for g in groups))
            found, _ = ask(groups, count=False)
            # The services of the thématiques, whatever their words: those of a firm cue
            # even when the words fill the screen (« vit seule » is not only « seule »).
            if len(found) < limit or firm:
                themes = [
                    Group(
                        g.text,
                        [
                            a
                            for a in g.alternatives
                            if a.how == CUE and (len(found) < limit or a.shown in g.firm)
                        ],
                    )
                    for g in groups
                ]
                found += ask([g for g in themes if g.alternatives], False, False)[0]
            for row in found:
                candidates.setdefault(row["pk"], row)
        if not candidates:
            return ([], 0), False
        ranked, best_missing = self._rescore(
            list(candidates.values()), groups, commune is not None, limit, allowance
        )
        # No entry with every meaningful word (fillers aside): the closest are shown.
        relaxed = best_missing >= 0.5 and min(r["bucket"] for r in ranked) >= 1
        if commune is not None and not relaxed:
            ranked = self._siblings(ranked, groups, commune, filters, limit)
        if len(ranked) < limit:
            ranked += self._related(ranked, commune, filters, limit - len(ranked))
        return (ranked, max(total, len(ranked))), relaxed

    def _siblings(
        self, ranked: list[dict], groups: list[Group], commune: Commune, filters, limit: int
    ) -> list[dict]:
        """With a place, once what serves the commune is listed: the other services of the
        structure of the first ones that serve it too, before what does not serve it.
        « mission locale laguépie »: after the Mission locale's permanences of Saint-Antonin
        and Caylus, its antennas of Caussade and Nègrepelisse, which take a young person of
        Laguépie, before its permanences of Lafrançaise or Lavit, which do not."""
        if filters.thematique or filters.public or filters.frais:
            return ranked
        cut = next(
            (i for i, r in enumerate(ranked[:limit]) if r["place"] == 2 and not r.get("open")),
            None,
        )
        if not cut:
            return ranked
        seeds = [r["pk"] for r in ranked[:cut] if not r.get("bucket", 0) and not r.get("weak", 0)]
        if not seeds:
            return ranked
        # Only a structure asked for by its name (« mission locale », « pôle emploi »):
        # the other services of a Maison des solidarités say nothing of a need of its PMI.
        plan = _MatchPlan(groups)
        structures = self._fields(seeds[:SIBLING_SEEDS], ("structure",))
        seeds = [
            pk
            for pk in seeds[:SIBLING_SEEDS]
            if "structure" in structures.get(pk, {})
            and any(
                groups[i].weight >= 1.0 and _names_a_structure(m.query)
                for i, m in plan.in_field("structure", structures[pk]["structure"])
            )
        ]
        if not seeds:
            return ranked
        marks = ", ".join("?" for _ in seeds)
        # Their places read here (a few rows), whether the facets are kept in memory or not.
        facets: dict[int, _Facet] = {
            pk: (code, lat, lon, zone, accueil)
            for pk, code, lat, lon, zone, accueil in self.db.execute(
                "SELECT f.pk, f.geo_code_insee, f.geo_lat, f.geo_lon, f.zone, f.accueil "
                "FROM service_facets f JOIN services s ON s.pk = f.pk WHERE s.structure_id IN "
                f"(SELECT structure_id FROM services WHERE pk IN ({marks}))",
                seeds,
            )
        }
        listed = {r["pk"] for r in ranked[:cut]}
        serving_codes = [f" {commune.code_insee} ", f" {commune.code_insee[:2]} ", " france "]
        if commune.epci_siren:
            serving_codes.append(f" {commune.epci_siren} ")
        k = math.cos(math.radians(commune.latitude))
        placed = _rank_listed(facets, facets, listed, commune, k, serving_codes, _HERE, len(facets))
        rayon = filters.rayon_km
        placed = [
            p
            for p in placed
            if p["place"] < 2
            and (rayon is None or p["place"] == 0 or (p["distance_km"] or 0) <= rayon)
        ][:SIBLING_MAX]
        if not placed:
            return ranked
        later = {r["pk"]: r for r in ranked[cut:]}
        moved = []
        for p in placed:
            row = later.pop(p["pk"], None)
            if row is None:
                row = p
                row.update(missing=99.0, bucket=99, matches=[], score=0.0, rel=99, weak=0)
            row["sibling"] = True
            moved.append(row)
        return ranked[:cut] + moved + [r for r in ranked[cut:] if r["pk"] in later]

    def _related(self, ranked: list[dict], commune, filters, room: int) -> list[dict]:
        """When few entries have the words: those most like the best ones (the same
        national sub-thématiques and keywords: "service civique" → a European volunteering
        programme, the couveuse → the coopérative d'activités), after them, never before."""
        seeds = [r for r in ranked[:RELATED_SEEDS] if r.get("bucket", 0) == 0]
        if not seeds:
            return []
        seed_fields = self._fields([r["pk"] for r in seeds], RELATED_FIELDS)
        counts = self.vocabulary.counts
        everyone = self._document_count()
        # The words that say what the best entries are, the rarest first; words most
        # entries have ("accompagnement", "aide") say nothing of likeness.
        words_ = {t for fields in seed_fields.values() for f in fields.values() for t in f[1]}
        rare = _rarest(words_, counts, everyone)
        if len(rare) < 2:
            return []
        group = Group("", [Alternative(_quote(t), (t,), "apparenté") for t in rare])
        found, _ = self._select(
            [group], [group], commune, filters, RELATED_POOL, rescore=False, count=False
        )
        known = {r["pk"] for r in ranked}
        found = [r for r in found if r["pk"] not in known]
        if not found:
            return []
        fields = self._fields([r["pk"] for r in found], RELATED_FIELDS)
        wanted = set(rare)
        out = []
        for row in found:
            have = {t for f in fields.get(row["pk"], {}).values() for t in f[1]} & wanted
            if len(have) < 2:
                continue
            likeness = sum(math.log(everyone / max(counts.get(t, 1), 1)) for t in have)
            row.update(missing=99.0, bucket=99, matches=[], score=0.0, rel=99, weak=0)
            row["likeness"] = likeness
            row["related"] = seeds[0]["pk"]
            out.append(row)
        if commune is not None:
            out.sort(key=lambda r: (-round(r["likeness"]), r["place"], r["distance_km"] or 0))
        else:
            out.sort(key=lambda r: -r["likeness"])
        return out[:room]

    def _select(
        self,
        groups,
        all_groups,
        commune,
        filters,
        limit,
        require_all=True,
        rescore=True,
        count=True,
    ):
        strict = commune is not None and filters.commune == commune.code_insee
        """A short list chosen in SQLite by cheap keys, then ranked in Python.

        BM25 over every match is what makes full-text search slow on common words. Here,
        without a place, the relevance tiers (every word in the name, then in name,
        thématique or keywords…) are asked in turn with a LIMIT, so SQLite stops as soon as
        the short list is full; with a place, every match is ordered by distance in SQLite
        (a narrow table, no scoring) and only the nearest are read back.
        """
        params: dict = {}
        where: list[str] = []
        if filters.thematique:
            where.append(
                "x.pk IN (SELECT service_pk FROM service_thematiques WHERE slug = :thematique)"
            )
            params["thematique"] = filters.thematique
        if filters.public:
            where.append("(x.publics = '' OR x.publics LIKE :public OR x.publics LIKE :tous)")
            params["public"] = f"%|{filters.public}|%"
            params["tous"] = "%|tous-publics|%"
        if filters.frais:
            where.append("x.frais = :frais")
            params["frais"] = filters.frais
        shortlist = limit + max(limit // 2, 20)
        expression = None
        if groups:
            if require_all:
                expression = " AND ".join(
                    "(" + " OR ".join(alternatives) + ")"
                    for alternatives in _all_required([_either(g.alternatives) for g in groups])
                )
            else:
                expression = " OR ".join(g.expression() for g in groups)
            params["q"] = expression
            source = (
                "(SELECT rowid AS pk FROM services_fts WHERE services_fts MATCH :q) AS f "
                "JOIN service_facets x ON x.pk = f.pk"
            )
        else:
            source = "service_facets x"

        if commune is not None:
            params.update(
                code=commune.code_insee,
                lat=commune.latitude,
                lon=commune.longitude,
                k=math.cos(math.radians(commune.latitude)),
            )
            # A service received at a distance only (a phone line, the 115) is as near as
            # a telephone: its address is not where it serves, and no radius leaves it out.
            distance = (
                f"(CASE WHEN x.accueil = 2 THEN 0.0 ELSE "
                f"sqrt((x.geo_lat - :lat) * (x.geo_lat - :lat) + "
                f"((x.geo_lon - :lon) * :k) * ((x.geo_lon - :lon) * :k)) * {KM_PER_DEGREE} END)"
            )
            # It serves the commune when its zone names the commune, its département, its
            # EPCI (by SIREN) or the whole country.
            serving_terms = [
                "instr(x.zone, :padded_code) > 0",
                "instr(x.zone, :padded_dep) > 0",
                "instr(x.zone, ' france ') > 0",
            ]
            params["padded_code"] = f" {commune.code_insee} "
            params["padded_dep"] = f" {commune.code_insee[:2]} "
            if commune.epci_siren:
                serving_terms.append("instr(x.zone, :padded_epci) > 0")
                params["padded_epci"] = f" {commune.epci_siren} "
            serving = "(" + " OR ".join(serving_terms) + ")"
            place = (
                "CASE WHEN x.geo_code_insee = :code AND x.accueil < 2 THEN 0 "
                f"WHEN {serving} THEN 1 ELSE 2 END"
            )
            if filters.rayon_km is not None:
                # How far the person can go: what serves her but lies beyond is out too
                # (a service received at a distance only is at 0 km).
                where.append(f"(x.geo_code_insee = :code OR {distance} <= :rayon)")
                params["rayon"] = filters.rayon_km
            condition = f"WHERE {' AND '.join(where)}" if where else ""
            # A word found only in a description is a weak match: near the person or not,
            # the resources that are about the query come first. Asked as two passes (the
            # strong matches, then the others if the short list is not full) rather than a
            # membership test on every match, which cost 30 ms at 100,000 resources.
            strong = (
                _restricted(groups, STRONG_COLUMNS, exact_only=False, require_all=require_all)
                if groups
                else None
            )
            passes: list[tuple[str | None, int]] = (
                [(strong, 0), (expression, 1)] if strong else [(expression, 0)]
            )
            rows: list[dict] = []
            seen: set[int] = set()
            # Phrases of several words, whose positions FTS5 reads for each list asked.
            phrased = any(len(a.tokens) > 1 for g in groups or () for a in g.alternatives)
            for match_expression, weak in passes:
                need, here_only = shortlist - len(rows), False
                if need <= 0:
                    # Full of strong matches, some of which do not serve the commune: a
                    # weak match located in the commune itself may come before those.
                    if not weak or all(r["place"] < 2 for r in rows):
                        break
                    need, here_only = limit, True
                if match_expression is not None:
                    params["m"] = match_expression
                found = self._nearest(
                    match_expression is not None,
                    where,
                    params,
                    commune,
                    place,
                    distance,
                    serving,
                    need,
                    seen,
                    here_only=here_only,
                    phrased=phrased,
                )
                for row in found:
                    row["weak"] = weak
                    seen.add(row["pk"])
                rows += found
        else:
            condition = f"WHERE {' AND '.join(where)}" if where else ""
            rows = self._shortlist_by_tier(groups, require_all, where, params, shortlist)
        if not rows:
            return [], 0
        if strict and any(r["place"] < 2 or r["open"] for r in rows):
            # The person lives there (the Commune filter): a service whose zone leaves the
            # commune out does not take her, shown only when nothing serves her. A commune
            # typed in the query says where to look: those come after, by distance.
            rows = [r for r in rows if r["place"] < 2 or r["open"]]
            where = [*where, f"(x.geo_code_insee = :code OR {serving} OR x.zone = '')"]
            condition = f"WHERE {' AND '.join(where)}"
        if not count:  # the caller does not show it: counting every match costs most
            total = 0
        elif expression is not None and not where and expression in self._counts:
            total = self._counts[expression]
        elif expression is not None and not where:
            total = self._counts[expression] = self.db.execute(
                "SELECT count(*) FROM services_fts WHERE services_fts MATCH :q", {"q": expression}
            ).fetchone()[0]
        else:
            total = self.db.execute(
                f"SELECT count(*) FROM {source} {condition}", params
            ).fetchone()[0]
        if not rescore:
            return rows, total
        return self._rescore(rows, all_groups, commune is not None, limit)[0], total

    def _nearest(
        self,
        match,
        where,
        params,
        commune,
        place,
        distance,
        serving,
        need,
        seen,
        here_only=False,
        phrased=False,
    ) -> list[dict]:
        """The *need* rows nearest the person by (place, km): in the commune (and what is
        received at a distance), then what serves it, then the rest, each by distance.

        What serves the commune is found by FTS5 from the zone codes it indexes, intersected
        with the query's words; when that is a long list, the geo index is walked ring by
        ring (a bounding box, then the next annulus) and stops once the list is full,
        rather than compute the place and distance of every match and sort them all.
        *match*: the rows must match the FTS5 expression in ``:m``; *here_only*: only the
        rows located in the commune (or received at a distance); *phrased*: the expression
        holds phrases of several words."""
        if need <= 0:
            return []
        rows: list[dict] = []
        zone_terms = [f"z{commune.code_insee}", f"z{commune.code_insee[:2]}", "zfrance"]
        if commune.epci_siren:
            zone_terms.append(f"z{commune.epci_siren}")
        zone = "zone : (" + " OR ".join(_quote(t) for t in zone_terms) + ")"

        # Without a filter, a short list of row ids is ranked here from the facets kept in
        # memory (the same place, distance and order as the SQL of `ask`, which cost more
        # than the FTS5 lists at 10,000 entries: 1-2 ms a place query).
        facets = None if where else self._facets()
        listed_ids: dict[str, str] = {}

        def members(expression: str | None, name: str) -> tuple[str, list[str], bool]:
            """How to ask for the rows matching *expression*: (source, conditions, few)."""
            if expression is None:
                return "service_facets x", [], False
            params[name] = expression
            # At most FEW_MATCHES + 1 row ids: FTS5 stops there, and a short list is asked
            # by primary key rather than evaluated a second time.
            # Read as one text (the SQL list itself): thousands of rows cost more to step
            # through one by one than to match.
            listed = self.db.execute(
                "SELECT group_concat(rowid) FROM (SELECT rowid FROM services_fts "
                f"WHERE services_fts MATCH :{name} LIMIT {FEW_MATCHES + 1})",
                params,
            ).fetchone()[0]
            found = listed.count(",") + 1 if listed else 0
            if found <= FEW_MATCHES:
                self._counts[expression] = found
                listed_ids[name] = listed or ""
                return "service_facets x", [f"x.pk IN ({listed or 'NULL'})"], True
            return "service_facets x", [_member(name)], False

        serving_codes = [
            v for key, v in params.items() if key in ("padded_code", "padded_dep", "padded_epci")
        ]
        serving_codes.append(" france ")

        def rank(pks: Iterable[int], limit: int, kind: int) -> list[dict]:
            """`ask` for the short list *pks*, from the facets (kind: _HERE, _SERVING or
            _REST, the place_sql and conditions of the three calls below)."""
            assert facets is not None
            done = seen | {r["pk"] for r in rows}
            return _rank_listed(facets, pks, done, commune, params["k"], serving_codes, kind, limit)

        def ask_listed(name: str, limit: int, kind: int) -> list[dict]:
            listed = listed_ids[name]
            return rank(map(int, listed.split(",")) if listed else (), limit, kind)

        def ask(source: str, conditions: list[str], limit: int, place_sql: str) -> list[dict]:
            done = seen | {r["pk"] for r in rows}
            if done:
                conditions = [*conditions, f"x.pk NOT IN ({','.join(map(str, done))})"]
            condition = f"WHERE {' AND '.join(conditions)}" if conditions else ""
            sql = (
                f"SELECT x.pk, {place_sql} AS place, {distance} AS km, x.zone = '' AS open "
                f"FROM {source} {condition} "
                f"ORDER BY place, km IS NULL, CAST(km + 0.5 AS INTEGER), x.pk LIMIT {int(limit)}"
            )
            return [
                {"pk": pk, "place": place_rank, "distance_km": km, "open": bool(unknown)}
                for pk, place_rank, km, unknown in self.db.execute(sql, params)
            ]

        def by_rings(source: str, conditions: list[str], place_sql: str) -> None:
            inner = 0.0
            for ring_km in (*RINGS_KM, None):
                if len(rows) >= need:
                    return
                ring = [*conditions, "x.accueil < 2"]
                if ring_km is not None:
                    dlat = ring_km / KM_PER_DEGREE
                    dlon = dlat / max(params["k"], 0.01)
                    box = (
                        commune.latitude - dlat,
                        commune.latitude + dlat,
                        commune.longitude - dlon,
                        commune.longitude + dlon,
                    )
                    ring = self._within_communes(ring, box, params)
                    ring.append(
                        f"x.geo_lat BETWEEN {box[0]} AND {box[1]} AND x.geo_lon BETWEEN "
                        f"{box[2]} AND {box[3]} AND {distance} <= {ring_km}"
                    )
                if inner:
                    ring.append(f"({distance} > {inner} OR {distance} IS NULL)")
                rows.extend(ask(source, ring, need - len(rows), place_sql))
                inner = ring_km or 0.0

        m = params.get("m") if match else None
        here_terms = ["c" + commune.code_insee, "rdistance"]
        if (
            m is not None
            and facets is not None
            and phrased  # a word alone: the list in the commune costs next to nothing
            and not here_only  # then the commune's own matches only: a short list
            # A larger base has long lists, which the rings below walk for less (at 100,000
            # entries, asking for the one list cost 1.5-5 ms more a place query).
            and self._document_count() <= WHOLE_BASE
            and all(_plain(t) for t in (*here_terms, *zone_terms))
            and self._plain_places()
        ):
            # One FTS5 list for the matches in the commune (or received at a distance) and
            # those serving it, told apart by the facets kept in memory, rather than two
            # lists each reading the query's phrases anew: the same rows, the place words
            # of the index being the facets' codes (`_plain_places`). At 10,000 entries,
            # « creche negrepelisse » 1.5 -> 1.2 ms, « aide alimentaire caussade » 1.8 ->
            # 1.5 ms here; with a word alone (« emploi montauban ») it cost 0.1-0.2 ms more.
            terms = " OR ".join(_quote(t) for t in (*here_terms, *zone_terms))
            _, _, few = members(f"({m}) AND zone : ({terms})", "mp")
            if few:
                listed = listed_ids["mp"]
                placed = (
                    [(pk, facets.get(pk)) for pk in map(int, listed.split(","))] if listed else []
                )
                code = commune.code_insee
                rows += rank(
                    [pk for pk, f in placed if f is not None and (f[4] == 2 or f[0] == code)],
                    need,
                    _HERE,
                )
                if len(rows) >= need:
                    return rows
                # Zones are shared by many entries: whether one serves, once a zone.
                zones = {f[3] for _, f in placed if f is not None}
                serves = {z for z in zones if any(padded in z for padded in serving_codes)}
                serving_pks = [pk for pk, f in placed if f is not None and f[3] in serves]
                rows += rank(serving_pks, need - len(rows), _SERVING)
                if len(rows) < need:
                    source, conditions, few = members(m, "m")
                    rest = [*where, *conditions, f"NOT {serving}"]
                    if few:
                        rows += ask_listed("m", need - len(rows), _REST)
                    else:
                        by_rings(source, rest, "2")
                return rows
        here = f'zone : ({_quote("c" + commune.code_insee)} OR "rdistance")'
        # In the commune, and what is received at a distance (0 km).
        source, conditions, few = members(f"({m}) AND {here}" if m else here, "mh")
        if few and facets is not None:
            rows += ask_listed("mh", need, _HERE)
        else:
            rows += ask(source, [*where, *conditions], need, place)
        if len(rows) >= need or here_only:
            return rows
        # What serves the commune, nearest first.
        source, conditions, few = members(f"({m}) AND {zone}" if m else zone, "mz")
        if few and facets is not None:
            rows += ask_listed("mz", need - len(rows), _SERVING)
        elif few:
            rows += ask(source, [*where, *conditions, "x.accueil < 2"], need - len(rows), "1")
        else:
            by_rings(source, [*where, *conditions], "1")
        # Then the rest.
        if len(rows) < need:
            source, conditions, few = members(m, "m")
            rest = [*where, *conditions, f"NOT {serving}"]
            if few and facets is not None:
                rows += ask_listed("m", need - len(rows), _REST)
            elif few:  # a few hundred matches: sorting them all costs less than four rings
                rows += ask(source, [*rest, "x.accueil < 2"], need - len(rows), "2")
            else:
                by_rings(source, rest, "2")
        return rows

    def _within_communes(
        self, conditions: list[str], box: tuple[float, float, float, float], params: dict
    ) -> list[str]:
        """*conditions* for the rows of a ring (a box around the commune searched from)
        asking FTS5 for the matches located in the communes whose entries reach into the
        box, rather than for every match: a few hundred rows instead of thousands. The
        communes' extents make it exact; the whole list is kept when a ring would cover
        most of the base or holds entries of no commune."""
        names = [c for c in conditions if c in _MEMBERS]
        if not names:
            return conditions
        extents, located = self._commune_extents()
        south, north, west, east = box
        inside, count = [], 0
        for code, (low_lat, high_lat, low_lon, high_lon, entries) in extents.items():
            if low_lat <= north and high_lat >= south and low_lon <= east and high_lon >= west:
                if not code:  # entries without a commune carry no commune word
                    return conditions
                inside.append(code)
                count += entries
        if count * 4 > located:
            return conditions
        words = " OR ".join(_quote("c" + code) for code in inside)
        out = []
        for condition in conditions:
            if condition in _MEMBERS:
                listed = None
                if words:
                    expression = f"({params[_MEMBERS[condition]]}) AND zone : ({words})"
                    listed = self.db.execute(
                        "SELECT group_concat(rowid) FROM services_fts WHERE services_fts MATCH ?",
                        [expression],
                    ).fetchone()[0]
                condition = f"x.pk IN ({listed or 'NULL'})"
            out.append(condition)
        return out

    def _facets(self) -> dict[int, _Facet]:
        """Each entry's place (commune, point, zone, reception mode) by its key, kept while
        the index is unchanged (some 15 MB at 100,000 entries): a place query ranks its
        short lists from it rather than asking SQLite for every list."""
        generation = get_meta(self.db, INDEX_GENERATION, "0")
        if self._facet_rows[0] != generation:
            shared: dict[str, str] = {}  # the same commune codes and zones, once
            facets = {
                pk: (
                    shared.setdefault(code, code) if code is not None else None,
                    lat,
                    lon,
                    shared.setdefault(zone, zone),
                    accueil,
                )
                for pk, code, lat, lon, zone, accueil in self.db.execute(
                    "SELECT pk, geo_code_insee, geo_lat, geo_lon, zone, accueil FROM service_facets"
                )
            }
            self._facet_rows = (generation, facets)
        return self._facet_rows[1]

    def _plain_places(self) -> bool:
        """Whether every commune code and zone code of the facets is one word of lower-case
        ASCII letters and digits: the index's place words (`store._zone_text`: "c82121",
        "z82", "zfrance") are then the facets' codes as they are, and whether an entry is
        in the commune or serves it may be read from the facets as FTS5 would find it.
        Worked out once per index generation (call `_facets` first)."""
        generation = self._facet_rows[0]
        if self._plain_codes[0] != generation:
            facets = self._facet_rows[1]
            codes = {f[0] for f in facets.values() if f[0]}  # no code: no place word
            zones = {f[3] for f in facets.values()}
            plain = all(_plain(code) for code in codes) and all(
                isinstance(zone, str)
                and (
                    zone == ""
                    or (zone[0] == zone[-1] == " " and all(map(_plain, zone[1:-1].split(" "))))
                )
                for zone in zones
            )
            self._plain_codes = (generation, plain)
        return self._plain_codes[1]

    def _commune_extents(self) -> tuple[dict[str | None, tuple], int]:
        """For each commune, the box around its entries received on site (and their
        number), kept while the index is unchanged: which communes a ring reaches."""
        generation = get_meta(self.db, INDEX_GENERATION, "0")
        if self._extents[0] != generation:
            extents = {
                code: (low_lat, high_lat, low_lon, high_lon, entries)
                for code, low_lat, high_lat, low_lon, high_lon, entries in self.db.execute(
                    "SELECT geo_code_insee, min(geo_lat), max(geo_lat), min(geo_lon), "
                    "max(geo_lon), count(*) FROM service_facets "
                    "WHERE accueil < 2 AND geo_lat IS NOT NULL AND geo_lon IS NOT NULL "
                    "GROUP BY geo_code_insee"
                )
            }
            self._extents = (generation, extents, sum(e[4] for e in extents.values()))
        return self._extents[1], self._extents[2]

    def _shortlist_by_tier(self, groups, require_all, where, params, shortlist) -> list[dict]:
        """Without a place: the best tiers first, each stopping once the list is full."""
        expressions: list[str | None] = (
            list(_tier_expressions(groups, require_all)) if groups else []
        )
        expressions.append(params.get("q"))  # everything else that matches, or all
        rows: list[dict] = []
        seen: set[int] = set()
        for expression in expressions:
            need = shortlist - len(rows)
            if need <= 0:
                break
            conditions = list(where)
            tier_params = dict(params)
            if expression is not None:
                source = "services_fts JOIN service_facets x ON x.pk = services_fts.rowid"
                conditions.append("services_fts MATCH :tier")
                tier_params["tier"] = expression
            else:
                source = "service_facets x"
            if seen:
                conditions.append(f"x.pk NOT IN ({','.join(str(pk) for pk in seen)})")
            condition = f"WHERE {' AND '.join(conditions)}" if conditions else ""
            sql = f"SELECT x.pk FROM {source} {condition} LIMIT {int(need)}"
            for (pk,) in self.db.execute(sql, tier_params):
                seen.add(pk)
                rows.append({"pk": pk, "place": 2, "distance_km": None})
        return rows

    def _rescore(
        self, rows, groups: list[Group], placed: bool, limit: int, allowance: float = 0.0
    ) -> tuple[list[dict], float]:
        """Order the short list: how much of the query each entry has (the weight of the
        words it misses, fillers weighing little), then (place, km, tier) and how well
        each word matched. Entries missing much more than the best are left out."""
        texts = self._fields([r["pk"] for r in rows], FIELDS[:-1]) if groups else {}
        best_missing = 0.0
        if groups:
            plan = _MatchPlan(groups)
            # Descriptions are long: read (and split) only those of the entries where
            # some word was not found in the short fields.
            short = {r["pk"]: plan.judged(texts.get(r["pk"], {})) for r in rows}
            # (A word found through its need cue's thématique only may be in it too.)
            cued = any(a.how == CUE for g in groups for a in g.alternatives)
            incomplete = [pk for pk, (_, found) in short.items() if not all(found)]
            if cued:
                incomplete = [pk for pk, (_, found) in short.items() if not all(map(_typed, found))]
            described = self._fields(incomplete, ("description",)) if incomplete else {}
            # Entries found the same way (the same words in the same fields: the plan's
            # key) are judged the same: each verdict is worked out once.
            verdicts: dict[tuple, dict] = {}
            for row in rows:
                key, found = short[row["pk"]]
                if row["pk"] in described:
                    # The description is the last field looked at: its matches follow.
                    more_key, more = plan.judged(described[row["pk"]])
                    found = [a + b if b else a for a, b in zip(found, more, strict=True)]
                    key = (*key, *more_key)
                verdict = verdicts.get(key)
                if verdict is None:
                    verdict = verdicts[key] = _verdict(groups, found, cued)
                row.update(verdict)
                # The share of its name the words take is the entry's own.
                name = texts.get(row["pk"], {}).get("nom")
                name_length = len(name[0]) if name else 0
                if name_length:
                    row["score"] += 2.0 * min(1.0, verdict["in_name"] / name_length)
                # The entries judged alike share the verdict's lists (`row.update`): the
                # hits made of them are read, never changed, and fewer lists kept with the
                # answers are fewer for Python's cycle collector to walk.
            best_missing = min(r["missing"] for r in rows)
            rows = [r for r in rows if r["missing"] <= best_missing + allowance + 1e-9]
        if placed:
            # In the commune itself or serving it, an entry that has the need the thesaurus
            # knows and misses one other word only ranks with those that have every word
            # ("manger gratos à montauban": the Restos du cœur of Montauban, which do not
            # write « gratuit », before those of Valence that do), after them in the commune.
            needs = {g.text for g in groups if any(a.how == "besoin" for a in g.alternatives)}

            def bucket(r: dict) -> int:
                b = r.get("bucket", 0)
                missing = r.get("missing_words") or ()
                if (
                    b == 1
                    and r["place"] <= 1
                    and len(missing) == 1
                    and needs
                    and not needs.intersection(missing)
                    and not r.get("weak", 0)
                ):
                    return 0
                return b

            def order(r: dict) -> tuple:
                b = bucket(r)
                return (
                    b,
                    r.get("said_missing", 0) if b else 0,
                    # A weak match in the commune itself that has some word of the need
                    # outside its description (« solidaire » in its name, « épicerie » in
                    # its description) comes after the strong matches that serve the
                    # commune, before those that do not serve it ("épicerie solidaire à
                    # moissac": the Secours populaire's libre-service of Moissac before
                    # the épicerie solidaire of Valence); the other weak ones, after all.
                    r.get("weak", 0) > 0 and not _weak_here(r),
                    # What does not serve the commune (its zone does not hold it) comes
                    # after what does, even what only means the words: the person cannot
                    # be sent there ("fsl montech": the ADIL's prevention of evictions,
                    # which serves Montech, before the FSL of the other MDS).
                    r["place"] == 2 and not r.get("open"),
                    # An entry that only ranks with those with every word (`bucket`)
                    # comes after those of them that serve the commune, before those that
                    # do not ("distribution de nourriture près de caylus": the Croix-Rouge's
                    # food aid in Caylus, which does not say « distribution », before the
                    # Restos of Caussade and Montauban, which do not take a person of Caylus).
                    b != r.get("bucket", 0),
                    # What is asked for a little further, serving the commune, comes before
                    # something else here: "cmp castelsarrasin" is the CMP of Moissac
                    # before another service of Castelsarrasin whose thématique is mental
                    # health.
                    r.get("loose", 0),
                    _reach(r),
                    r["place"],
                    r.get("generic", 0) > 0,
                    # In the commune itself, a kilometre more says nothing: relevance.
                    r["place"] > 0 and r["distance_km"] is None,
                    int((r["distance_km"] or 0) + 0.5) if r["place"] > 0 else 0,
                    r.get("rel", 0),
                    -r.get("score", 0.0),
                )

            rows.sort(key=order)
        else:
            rows.sort(
                key=lambda r: (
                    r.get("bucket", 0),
                    # Among the entries missing a word, those that have the others only in
                    # their description come after those that say them elsewhere.
                    r.get("weak", 0) > 0 if r.get("bucket", 0) else 0,
                    r.get("said_missing", 0) if r.get("bucket", 0) else 0,
                    # Among the entries with every word, those with the words as typed
                    # (entries missing different words are not compared by it).
                    r.get("untyped", 0) if not r.get("bucket", 0) else 0,
                    r.get("rel", 0),
                    -r.get("score", 0.0),
                )
            )
        if groups:
            rows = _literal_first(rows, groups)
            rows = _each_need_in_turn(rows, groups)
        return rows[:limit], best_missing

    def _check_caches(self) -> None:
        """Forget what was read when the base may have changed: a write through this
        connection (its change count) or a commit by another one (``data_version``)."""
        conn = self.db.conn
        key = (conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0])
        if key != self._cache_key:
            self._resource_cache.clear()
            self._field_texts.clear()
            self._entry_fields.clear()
            self._counts.clear()
            self._said.clear()
            self._results.clear()
            self._cache_key = key
        # Full: the older half goes (what the last keystrokes read stays).
        _forget_oldest(self._resource_cache, self._resource_room)
        _forget_oldest(self._field_texts, FIELD_CACHE_SIZE)
        for entries in self._entry_fields.values():
            _forget_oldest(entries, FIELD_CACHE_SIZE)
        _forget_oldest(self._counts, COUNT_CACHE_SIZE)
        _forget_oldest(self._said, COUNT_CACHE_SIZE)
        _forget_oldest(self._results, RESULT_CACHE_SIZE)

    def _fields(self, pks: list[int], names: tuple[str, ...]) -> dict[int, dict[str, _Field]]:
        entries = self._entry_fields.setdefault(names, {})
        out: dict[int, dict[str, _Field]] = {}
        missing = []
        for pk in pks:
            entry = entries.get(pk)
            if entry is None:
                missing.append(pk)
            else:
                out[pk] = entry
        # Read from the index's own content table (FTS5's ``services_fts_content``, one
        # column per indexed field): a plain table read by key costs half the same read
        # through the virtual table.
        columns = ", ".join(_CONTENT_COLUMNS[name] for name in names)
        texts = self._field_texts
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            marks = ",".join("?" for _ in chunk)
            for pk, *row in self.db.conn.execute(
                f"SELECT id, {columns} FROM services_fts_content WHERE id IN ({marks})", chunk
            ):
                fields = out[pk] = entries[pk] = {}
                for name, text in zip(names, row, strict=True):
                    text = text or ""
                    field = texts.get(text)
                    if field is None:
                        field = texts[text] = _field(text)
                    fields[name] = field
        return out

    def _resources(self, pks: list[int]) -> dict[int, Resource]:
        """The resources of *pks* (those the base still holds), read once and kept."""
        cache = self._resource_cache
        wanted = [pk for pk in pks if pk not in cache]
        if wanted:
            cache.update(get_resources(self.db, wanted))
        return {pk: cache[pk] for pk in pks if pk in cache}

    def _hits(self, rows: list[dict]) -> list[Hit]:
        self._resources([r["pk"] for r in rows])
        # The whole cache: the entry a hit was found like (« proche de ») is one of it too.
        resources = self._resource_cache
        hits = []
        for r in rows:
            resource = resources.get(r["pk"])
            if resource is None:
                continue
            distance = r["distance_km"]
            hits.append(
                Hit(
                    resource=resource,
                    score=round(r.get("score", 0.0), 3),
                    distance_km=round(distance, 1) if distance is not None else None,
                    matches=r.get("matches", []),
                    local=r["place"] < 2,
                    weak=bool(r.get("weak", 0)),
                    loose=bool(r.get("loose", 0)),
                    missing=r.get("missing_words", []),
                    related_to=resources[r["related"]].nom if r.get("related") in resources else "",
                    sibling=bool(r.get("sibling")),
                    ineligible=r.get("ineligible", ""),
                )
            )
        return hits

    def suggestions(self, prefix: str, limit: int = 8) -> list[str]:
        """Known words starting with *prefix* (folded), most frequent first."""
        vocabulary = self.vocabulary
        folded = words(prefix)[-1] if words(prefix) else ""
        if not folded:
            return []
        i = bisect.bisect_left(vocabulary.sorted, folded)
        found = []
        while i < len(vocabulary.sorted) and vocabulary.sorted[i].startswith(folded):
            found.append(vocabulary.sorted[i])
            i += 1
        found.sort(key=lambda w: -vocabulary.counts.get(vocabulary.written[w], 0))
        return found[:limit]


def _rarest(words_: Collection[str], counts: dict[str, int], everyone: int) -> list[str]:
    """The words of the best entries that say what they are (fewer than 1 entry in
    RELATED_MAX_SHARE has them), the rarest first; of words as rare, in alphabetical
    order: a set's order changes from one run of the app to the next (Python salts its
    string hashes), and the same search must find the same entries after a restart."""
    return sorted(
        (t for t in words_ if counts.get(t, everyone) * RELATED_MAX_SHARE < everyone),
        key=lambda t: (counts.get(t, everyone), t),
    )[:RELATED_WORDS]


def _verdict(groups: list[Group], found: list[list[Match]], cued: bool = False) -> dict:
    """What the ranking keeps of how an entry matched: the weight of the words it misses,
    its bucket, the heaviest match of each word, its score (but for the share of its name
    the words take, which `_rescore` adds entry by entry) and tier, weak and loose.
    *cued*: some word has a need cue's thématiques (`_cue_verdict`)."""
    score, in_name = _score(found, groups)
    typed, spared = _cue_verdict(groups, found) if cued else (found, 0.0)
    # A word found through its need cue's thématique only is not one it has, weak or not.
    plain = found if not cued else [[m for m in per if m.how != CUE] for per in found]
    missing = sum(g.weight for g, per in zip(groups, typed, strict=True) if not per)
    pairs = zip(groups, typed, strict=True)
    missing_words = [g.text for g, per in pairs if not per and g.weight >= 1]
    # Fillers missing order entries within a bucket, never across: three
    # fillers an entry lacks ("depuis 2 mois") are not one meaningful word.
    # The price missing (« pas cher ») weighs half a word: an entry with the need and not
    # the price comes before one with the price alone ("permi de conduir pas cher"), and
    # after those with both (its tier still counts it).
    said = sum(
        g.weight * (0.5 if g.price else 1.0)
        for g, per in zip(groups, typed, strict=True)
        if not per and g.weight > FILLER_WEIGHT
    )
    return {
        "missing_words": missing_words,
        "missing": missing - spared,
        "bucket": int(said + 0.3),
        "said_missing": round(said - spared, 1),
        "matches": _explain(found),
        "score": score,
        "in_name": in_name,
        "rel": _tier(found, groups) if typed is found else _cue_tier(typed, groups),
        "weak": _weak(plain, groups),
        # The words found only where every entry of its kind has them (the thématiques'
        # labels, the description): with a place, after those that say them in their name
        # or keywords, among those as near.
        "generic": _weak(plain, groups, ("description", "thematiques")),
        "loose": int(_loose(found, groups)),
        "untyped": int(_untyped(found, groups)),
        "has": tuple(
            index
            for index, (group, per) in enumerate(zip(groups, typed, strict=True))
            if per and per is not _ANY and group.weight > FILLER_WEIGHT
        ),
        "literal": tuple(
            index
            for index, (group, per) in enumerate(zip(groups, found, strict=True))
            if group.weight > FILLER_WEIGHT
            and any(m.literal and m.field != "description" for m in per)
        ),
    }


_ANY: list[Match] = [Match("", "", "thematiques", "thème")]  # never missing, never had


def _cue_verdict(groups: list[Group], found: list[list[Match]]) -> tuple[list[list[Match]], float]:
    """How the need cues count in an entry's verdict: its matches as `_verdict` counts
    missing words, and the weight spared. A word of the base found only through its cue's
    thématique is missing as typed (its bucket), less so than a word not found at all
    (first in its bucket). A word the base lacks (« tombe »: its group is its cue alone)
    is missing from no entry; those that have it through its cue score more."""
    typed: list[list[Match]] = []
    spared = 0.0
    # In a thématique some cue of the sentence leads to: on one of the needs it says.
    on_a_need = any(m.how == CUE for per in found for m in per)
    for group, per in zip(groups, found, strict=True):
        if all(a.how == CUE for a in group.alternatives):
            # Unless its cue is firm: then those without its thématique lack it.
            firm = group.firm and any(a.shown in group.firm for a in group.alternatives)
            typed.append(per if firm else _ANY)
        elif per and any(m.how == CUE and m.found in group.firm for m in per):
            typed.append(per)
        elif per and all(m.how == CUE for m in per):
            typed.append([])
            # What the thesaurus or the synonyms understand, the cue only tips ("mal aux
            # dents": the dental care first); a word nothing else understands, it says.
            if not _understood(group):
                spared += group.weight * (1 - CUE_MISSING)
        elif (
            group.firm
            and not on_a_need
            and per
            and all(m.how in _BY_MEANING or m.how == CUE for m in per)
        ):
            # Read another way than the firm need the sentence says, by an entry of none
            # of the needs it says (« soignante » as care, for « elle veut passer
            # aide-soignante »): not had.
            typed.append([])
        else:  # its tier is that of its other matches
            typed.append([m for m in per if m.how != CUE])
    return typed, spared


def _firm_thematiques(cues: list[indices.Found]) -> dict[str, set[str]]:
    """The thématiques whose cues, together, cover two meaningful words of the query or
    more (« vit seule », « 80 ans » and « tombe souvent »; « aide-soignante »), with those
    words."""
    covered: dict[str, set[str]] = {}
    for found in cues:
        kept = set(_content(found.words))
        for code in found.thematiques:
            covered.setdefault(code, set()).update(kept)
    return {code: said for code, said in covered.items() if len(said) >= FIRM_WORDS}


FIRM_WORDS = 2
SENTENCE_WORDS = 4


def _content(said: Iterable[str]) -> list[str]:
    """The meaningful words of a cue as typed (fillers, numbers aside)."""
    return [w for w in said if w not in STOPWORDS and not w.isdigit()]


def _understood(group: Group) -> bool:
    """A word the thesaurus or the synonyms give words of the base for."""
    return any(a.how in _BY_MEANING for a in group.alternatives)


def _typed(per: list[Match]) -> bool:
    """Some match of a word that is not its need cue's thématique."""
    return any(m.how != CUE for m in per)


def _cue_tier(typed: list[list[Match]], groups: list[Group]) -> int:
    """`_tier` of the words as typed (those the base lacks left out)."""
    kept = [(g, per) for g, per in zip(groups, typed, strict=True) if per is not _ANY]
    return _tier([per for _, per in kept], [g for g, _ in kept])


def _literal_first(rows: list[dict], groups: list[Group]) -> list[dict]:
    """Among the entries that have the same words of the query, those that have them as
    typed before those that have them only through their meaning ("harcèlement à
    l'école": the Maison des adolescents whose keywords say « harcèlement » before the
    services for victims of violence its need also means, all of them without
    « école »). Each entry keeps a place its peers held: entries with other words are
    not moved, so a word that no entry has as typed (a lay description) costs nothing."""
    peers: dict[tuple, list[int]] = {}
    for position, row in enumerate(rows):
        # Among the entries with every word, `untyped` and `loose` already decide it.
        if row.get("bucket", 0) >= 1 and "has" in row:
            peers.setdefault(row["has"], []).append(position)
    out = list(rows)
    for positions in peers.values():
        if len(positions) < 2:
            continue
        members = [rows[p] for p in positions]
        literal = {i for r in members for i in r["literal"]}
        if all(literal.issubset(r["literal"]) for r in members):
            continue
        ordered = sorted(
            members,
            key=lambda r: sum(groups[i].weight for i in literal if i not in r["literal"]),
        )
        for position, row in zip(positions, ordered, strict=True):
            out[position] = row
    return out


def _each_need_in_turn(rows: list[dict], groups: list[Group]) -> list[dict]:
    """A sentence holding two needs or more ("il a perdu son boulot et peut plus payer son
    loyer"): few entries answer both, and those that answer one of them are shown each
    need in turn (the best for the job, the best for the rent, the next for the job…),
    rather than all those of the need whose words weigh most first. A need counts as
    answered where its name or keywords say it: an entry that has both needs only in its
    description or thématique ("psychologue" and « séparation » for "elle déprime depuis la
    séparation") is not the answer to both, and follows those that answer one. The entries
    that answer every need keep their places; so do those with none of them."""
    needs = {
        group.text: index
        for index, group in enumerate(groups)
        if group.weight >= 1.0
        and not group.qualifier
        and any(a.how == "besoin" for a in group.alternatives)
    }
    # Two words of one need ("chantier d'insertion") are one need, not two to take turns.
    if len({groups[i].need or groups[i].text for i in needs.values()}) < 2:
        return rows
    wanted = set(needs.values())
    slots: list[int] = []
    queues: dict[tuple[int, ...], list[dict]] = {}
    behind: list[dict] = []
    for position, row in enumerate(rows):
        if not wanted.intersection(row.get("has", ())):
            continue
        strong = {
            needs[m.query]
            for m in row.get("matches", ())
            if m.query in needs and m.field != "description" and m.how != CUE
        }
        if strong == wanted:
            continue
        slots.append(position)
        if strong:
            queues.setdefault(tuple(sorted(strong)), []).append(row)
        else:
            behind.append(row)
    if len(queues) + bool(behind) < 2:
        return rows
    # Each need's first, then each need's second…: the queues read across.
    ordered: list[dict] = [
        row for turn in itertools.zip_longest(*queues.values()) for row in turn if row is not None
    ]
    ordered += behind
    out = list(rows)
    for position, row in zip(slots, ordered, strict=True):
        out[position] = row
    return out


def _said_need(group: Group) -> bool:
    """A need the thesaurus knows, said in the query."""
    return any(a.how == "besoin" for a in group.alternatives)


def _weak(
    found: list[list[Match]], groups: list[Group], fields: tuple[str, ...] = ("description",)
) -> int:
    """Half of the words it has that say the need or more found in the description only:
    a weak match (one word of three found there still says what the entry is about): 1
    when some of them is found elsewhere too (« solidaire » in the name, « épicerie » in the
    description), 2 when all are in the description only; 0, not weak. *fields*: those
    that count as the description does."""
    said = [
        (g.weight, all(m.field in fields for m in per))
        for g, per in zip(groups, found, strict=True)
        if g.weight > FILLER_WEIGHT and per
    ]
    described_only = sum(weight for weight, only in said if only)
    total = sum(weight for weight, _ in said)
    if not (described_only > 0 and 2 * described_only >= total):
        return 0
    return 2 if described_only >= total else 1


def _names_a_structure(said: str) -> bool:
    """Whether words of the query found in a structure's name say that structure: a name
    of several words (« mission locale », « restos du cœur ») or an acronym (« ccas »),
    not one word its name shares with others (« solidarité »: Maison des solidarités)."""
    return len(said.split()) >= 2 or said in indices.acronyms()


def bounded_query(query: str) -> str:
    """What a search reads of *query*: its first QUERY_MAX_CHARS characters, without the
    runs of letters too long to be a word."""
    return _OVERLONG.sub(" ", query[:QUERY_MAX_CHARS])


def _weak_here(row: dict) -> bool:
    """A weak match located in the commune searched from, with some word of the need
    found outside its description."""
    return row.get("weak", 0) == 1 and row["place"] == 0


def _reach(row: dict) -> int:
    """With a place, among the strong matches: 0 within the commune's reach (in it, or
    serving it), 2 beyond; a weak match in the commune itself between them (1)."""
    if row.get("weak", 0):
        return 1 if _weak_here(row) else 0
    return 0 if row["place"] < 2 else 2


_frozen = threading.Event()


def _freeze_long_lived() -> None:
    """Once a process: what is alive when the first search engine warms up (the modules,
    the vocabulary, the app's screens) lives as long as the process, and is moved out of
    the way of Python's cycle collector, whose full passes walked it all in the middle of
    a search (15-30 ms, a few times a hundred searches). Garbage is collected first, so
    none is kept; objects made later are collected as before."""
    if _frozen.is_set():
        return
    _frozen.set()
    gc.collect()
    gc.freeze()


def _forget_oldest(cache: dict, size: int) -> None:
    """Past *size* entries, the older ones go down to half of it (dicts keep their order)."""
    if len(cache) > size:
        for old in list(itertools.islice(cache, len(cache) - size // 2)):
            del cache[old]


def _field(text: str | None) -> _Field:
    tokens = tuple((text or "").split())
    return tokens, dict.fromkeys(tokens)


# An entry's facets: commune code, latitude, longitude, zone (" 82 82121 "), reception mode.
_Facet = tuple[str | None, float | None, float | None, str, int]
# The short lists of a place query (`SearchEngine._nearest`): in the commune (and received at
# a distance), serving it, the rest.
_HERE, _SERVING, _REST = 0, 1, 2


def _rank_listed(
    facets: dict[int, _Facet],
    pks: Iterable[int],
    done: set[int],
    commune: Commune,
    k: float,
    serving_codes: list[str],
    kind: int,
    limit: int,
) -> list[dict]:
    """The *limit* nearest of *pks* (less *done*), as `_nearest`'s SQL ranks them: by
    place (0 in the commune, 1 serving it, 2 the rest), then whether the distance is
    unknown, then km rounded, then key; the same arithmetic as the SQL's, so the same
    distances to the last bit. *serving_codes*: the padded codes of the commune, its
    département, its EPCI and " france ", whose presence in a zone says it serves."""
    code, lat, lon = commune.code_insee, commune.latitude, commune.longitude
    sqrt, get = math.sqrt, facets.get
    # Zones are shared by many entries: whether one serves the commune is worked out once.
    serving: dict[str, bool] = {}
    ranked: list[tuple[int, bool, int, int, float | None, bool]] = []
    for pk in pks:
        facet = get(pk)
        if facet is None or pk in done:
            continue
        geo_code, geo_lat, geo_lon, zone, accueil = facet
        if kind == _SERVING:
            if accueil >= 2:
                continue
            place = 1
        else:
            serves = serving.get(zone)
            if serves is None:
                serves = serving[zone] = any(padded in zone for padded in serving_codes)
            if kind == _HERE:
                place = 0 if geo_code == code and accueil < 2 else 1 if serves else 2
            elif serves or accueil >= 2:
                continue
            else:
                place = 2
        if accueil == 2:
            ranked.append((place, False, 0, pk, 0.0, zone == ""))
        elif geo_lat is None or geo_lon is None:
            ranked.append((place, True, 0, pk, None, zone == ""))
        else:
            dlat, dlon = geo_lat - lat, (geo_lon - lon) * k
            km = sqrt(dlat * dlat + dlon * dlon) * KM_PER_DEGREE
            ranked.append((place, False, int(km + 0.5), pk, km, zone == ""))
    # The first *limit* in order (keys are unique: each holds its row's key): a heap of
    # them rather than a sort of thousands (`nsmallest` is ``sorted(...)[:limit]``).
    best = heapq.nsmallest(limit, ranked) if len(ranked) > 4 * limit else sorted(ranked)[:limit]
    return [
        {"pk": pk, "place": place, "distance_km": km, "open": unknown}
        for place, _, _, pk, km, unknown in best
    ]


def _plain(word: str) -> bool:
    """One word the index keeps as it is: lower-case ASCII letters and digits."""
    return word.isascii() and word.isalnum() and word == word.lower()


def _member(name: str) -> str:
    """The rows matching the FTS5 expression in ``:name``, probed while SQLite walks the
    geo index (the unary + keeps it walking the index)."""
    return f"+x.pk IN (SELECT rowid FROM services_fts WHERE services_fts MATCH :{name})"


_MEMBERS = {_member(name): name for name in ("mh", "mz", "m")}


def _filter_key(filters: SearchFilters) -> tuple:
    return (filters.thematique, filters.public, filters.frais, filters.commune, filters.rayon_km)


def _has_filter(filters: SearchFilters) -> bool:
    return bool(filters.thematique or filters.public or filters.frais or filters.commune)


# A field's words in order (for phrases) and as the keys of a dict (for everything else):
# a tuple of strings and a dict of strings and None are left alone by the garbage
# collector, which a list and a set are not (thousands of fields are kept between
# keystrokes: walking them made some searches 20-30 ms longer).
_Field = tuple[tuple[str, ...], dict[str, None]]
# The columns of FTS5's content table: c0, c1… in the index's order (FIELDS, then zone).
_CONTENT_COLUMNS = {name: f"c{i}" for i, name in enumerate(FIELDS)}
# What one field text matched: (index of the query word, match) for each word found.
_Pairs = tuple[tuple[int, Match], ...]


class _MatchPlan:
    """The query's words as `_field_matches` looks for them, prepared once for a short
    list; the matches it makes are interned (entries found the same way share them)."""

    def __init__(self, groups: list[Group]) -> None:
        self.groups = [
            (
                group,
                group.single_tokens(),
                frozenset(group.single_tokens()),
                [(i, a) for i, a in group.phrases() if not a.column],
            )
            for group in groups
        ]
        self.typed = [group.typed() for group in groups]
        # The thématiques the need cues said lead to, looked for in their field apart.
        self.cues = [
            [(i, a) for i, a in enumerate(group.alternatives) if a.column] for group in groups
        ]
        # The words that may start a match of each group (a field holding none of them
        # does not match it), and of the whole query.
        self.starts = [
            frozenset((*singles, *(a.tokens[0] for _, a in (*phrases, *cues))))
            for (_, singles, _, phrases), cues in zip(self.groups, self.cues, strict=True)
        ]
        self.words = frozenset().union(*self.starts)
        self.any_prefix = any(a.prefix for _, _, _, phrases in self.groups for _, a in phrases)
        self.matches: dict[tuple, Match] = {}
        # What each field text matched, by field and by the text's identity (entries share
        # texts), kept with the text so that its identity stays its own.
        self.by_text: dict[str, dict[int, tuple[_Field, _Pairs]]] = {name: {} for name in FIELDS}
        # What fields matched, interned by content (texts that matched alike share it), and
        # the matches of each word of entries whose fields matched alike (`judged`).
        self.pairs: dict[tuple, _Pairs] = {}
        self.founds: dict[tuple, list[list[Match]]] = {}

    def in_field(self, name: str, text: _Field) -> _Pairs:
        """(group index, match) of each query word found in this field, the best way."""
        memo = self.by_text[name]
        known = memo.get(id(text))
        if known is not None and known[0] is text:
            return known[1]
        found = tuple(self._in_field(name, text))
        found = self.pairs.setdefault(tuple((g, id(m)) for g, m in found), found)
        memo[id(text)] = (text, found)
        return found

    def judged(self, fields: dict[str, _Field]) -> tuple[tuple[int, ...], list[list[Match]]]:
        """`_field_matches` of *fields*, with a key that says how they matched: entries
        whose fields matched alike have the same key and share the lists (read only)."""
        by_text = self.by_text
        parts = []
        for name in FIELDS:
            text = fields.get(name)
            if text:
                known = by_text[name].get(id(text))
                parts.append(
                    known[1]
                    if known is not None and known[0] is text
                    else self.in_field(name, text)
                )
            else:
                parts.append(())
        key = tuple(map(id, parts))
        found = self.founds.get(key)
        if found is None:
            found = self.founds[key] = [[] for _ in self.groups]
            for pairs in parts:
                for index_group, match in pairs:
                    found[index_group].append(match)
        return key, found

    def _in_field(self, name: str, text: _Field) -> list[tuple[int, Match]]:
        found: list[tuple[int, Match]] = []
        interned = self.matches
        # The query's words in this field, at C speed: each group then looks at those
        # only (its one-word alternatives by set intersection; phrases and word starts
        # need a closer look).
        hits = text[1].keys() & self.words
        present_words: Collection[str] = hits
        if not self.any_prefix:
            if not hits:
                return found
        else:
            present_words = text[1].keys()
        for index_group, (group, singles, keys, phrases) in enumerate(self.groups):
            if not self.any_prefix and self.starts[index_group].isdisjoint(hits):
                continue
            best: tuple[int, str] | None = None
            common = keys & hits
            if len(common) == 1:
                (token,) = common
                best = (singles[token], token)
            elif common:
                best = min((singles[t], t) for t in common)
            for index, alt in phrases:
                if best is not None and best[0] <= index:
                    break
                if alt.prefix or alt.tokens[0] in present_words:
                    word = _find(alt, text)
                    if word is not None:
                        best = (index, word)
                        break
            if best is not None:
                typed = self.typed[index_group]
                literal = any(index == best[0] for index, _ in typed) or any(
                    alt.tokens[0] in present_words and _find(alt, text) is not None
                    for _, alt in typed
                )
                key = (index_group, name, *best, literal)
                match = interned.get(key)
                if match is None:
                    alt = group.alternatives[best[0]]
                    shown = alt.shown if alt.shown and len(alt.tokens) == 1 else best[1]
                    match = interned[key] = Match(
                        group.text, shown, name, alt.how, best[0], literal
                    )
                found.append((index_group, match))
            if self.cues[index_group]:
                cue = self._cue_in_field(index_group, name, text, present_words)
                if cue is not None:
                    found.append((index_group, cue))
        return found

    def _cue_in_field(
        self, index_group: int, name: str, text: _Field, present: Collection[str]
    ) -> Match | None:
        """The first thématique a need cue of the group leads to that this field has, as
        well as the group's best match (it adds to it). Its rank is how many words the
        entry's thématiques have: the fewer, the more it is about this one."""
        for index, alt in self.cues[index_group]:
            if alt.column == name and alt.tokens[0] in present and _find(alt, text):
                key = (index_group, name, index, CUE, False, len(text[0]))
                match = self.matches.get(key)
                if match is None:
                    group = self.groups[index_group][0]
                    match = Match(group.text, alt.shown, name, CUE, len(text[0]))
                    self.matches[key] = match
                return match
        return None


def _field_matches(
    groups: list[Group], fields: dict[str, _Field], plan: _MatchPlan | None = None
) -> list[list[Match]]:
    """For each query word, where it was found: one match per field, the best way first."""
    plan = plan or _MatchPlan(groups)
    found: list[list[Match]] = [[] for _ in groups]
    by_text = plan.by_text
    for name in FIELDS:
        text = fields.get(name)
        if text:
            # `plan.in_field`, its memo read here: a short list calls it hundreds of times.
            known = by_text[name].get(id(text))
            if known is not None and known[0] is text:
                pairs = known[1]
            else:
                pairs = plan.in_field(name, text)
            for index_group, match in pairs:
                found[index_group].append(match)
    return found


_WEIGHTS = dict(zip(FIELDS, FIELD_WEIGHTS, strict=True))


def _explain(found: list[list[Match]]) -> list[Match]:
    """For each query word, the heaviest field it was found in."""
    weights = _WEIGHTS
    return [max(per_field, key=lambda m: weights[m.field]) for per_field in found if per_field]


def _find(alt: Alternative, field: _Field) -> str | None:
    tokens, present = field
    if alt.prefix:
        start = alt.tokens[0]
        return next((t for t in present if t.startswith(start)), None)
    if not all(t in present for t in alt.tokens):
        return None
    size = len(alt.tokens)
    if size == 1:
        return alt.tokens[0]
    for i in range(len(tokens) - size + 1):
        if tokens[i : i + size] == alt.tokens:
            return " ".join(alt.tokens)
    return None


CUE = "thème"
# A need cue's thématique weighs as a word found in a description does, a little less.
CUE_SCORE = 0.8
# A word found only through its cue's thématique counts as this share of a missing word.
CUE_MISSING = 0.5
# How the number of words of an entry's thématiques lessens what its cue's one says.
CUE_FOCUS = 8.0
# A word of the base in fewer entries than this is too rare to say the need alone.
CUE_RARE = 3


@functools.lru_cache(maxsize=256)
def _cue_tokens(code: str) -> tuple[tuple[str, ...], str]:
    label = indices.label(code)
    return tuple(normalize(label).split()), label


def _in_base(group: Group, vocabulary: Vocabulary) -> bool:
    """Whether the base says a word (or a need's words) as typed, in a few entries or
    more: those entries answer it. What the thesaurus or the synonyms give for it may not
    be what this base says: the cue still applies (`_understood`: it then only tips)."""
    counts = vocabulary.counts
    return any(
        alt.how == "exact" and all(counts.get(t, 0) >= CUE_RARE for t in alt.tokens)
        for alt in group.alternatives
    )


def _cue_word(word: str) -> bool:
    """A word the base lacks that says a need through its cue alone."""
    return word not in FILLERS and word not in LIVING and not word.isdigit() and len(word) > 2


def _cue_alternative(code: str, vocabulary: Vocabulary) -> Alternative | None:
    """The data·inclusion thématique *code* as an alternative: its label as indexed, in the
    thématiques only (every record carries its thématiques, whatever its wording)."""
    tokens, label = _cue_tokens(code)
    if not tokens or not all(t in vocabulary for t in tokens):
        return None
    expression = "{thematiques} : " + _quote(" ".join(tokens))
    return Alternative(expression, tokens, CUE, shown=label, column="thematiques")


# How well a word matched, by how it was found.
QUALITY = {
    "exact": 1.0,
    "synonyme": 0.8,
    "besoin": 0.8,
    "début de mot": 0.7,
    "faute de frappe": 0.6,
    "phonétique": 0.5,
}


def _score(found: list[list[Match]], groups: list[Group]) -> tuple[float, int]:
    """Σ over words and fields of field weight × match quality (a word found in the name,
    the thématique and the keywords says more than one found in the name only), and the
    number of the name's words found: `_rescore` adds a share-of-the-name bonus (2 × the
    share of the name those words are) so that "Épicerie solidaire" outranks a long name
    that merely contains the words."""
    weights = _WEIGHTS
    score = 0.0
    in_name = 0
    for group, per_field in zip(groups, found, strict=True):
        for match in per_field:
            if match.how == CUE:  # the fewer thématiques it has, the more it is about this one
                score += CUE_SCORE * group.weight * CUE_FOCUS / (CUE_FOCUS + match.rank)
                continue
            quality = QUALITY.get(match.how, 0.5)
            if match.how in ("besoin", "synonyme"):
                # The thesaurus and the synonyms list a need's words best first: the
                # fifth is half as good a sign as the first.
                quality /= 1 + MEANING_DECAY * match.rank
            score += weights[match.field] * quality * group.weight
            if match.field == "nom":
                in_name += len(match.found.split())
    return score, in_name


_BY_MEANING = ("synonyme", "besoin")
MEANING_DECAY = 0.25


def _loose(found: list[list[Match]], groups: list[Group]) -> bool:
    """Some meaningful word found only loosely: through a synonym or a need in the
    thématique or the structure's name (the field of the need, not the service asked for),
    or only through its meaning when the word itself is in the base ("fsl": the FSL of the
    next town before the housing service whose keywords say « impayés de loyer »)."""
    for group, per_field in zip(groups, found, strict=True):
        if group.weight < 1.0 or not per_field:
            continue
        if any(m.how not in _BY_MEANING and m.field != "description" for m in per_field):
            continue
        if not any(m.how in _BY_MEANING for m in per_field):
            continue  # the word as typed, in the description only: weak, not loose
        if any(m.field in ("thematiques", "structure") for m in per_field) and not any(
            m.field in ("nom", "mots_cles") for m in per_field
        ):
            return True
        if group.alternatives[0].how == "exact":  # the words as typed are in the base
            return True
    return False


def _untyped(found: list[list[Match]], groups: list[Group]) -> bool:
    """Some meaningful word it has that is in the base as typed ("greta", "chantier
    d'insertion") is not in this entry's name, keywords or structure as typed: it has that
    word through its meaning only, or in its thématique or description only. Without a
    place, the entries with every word as typed come first (the GRETA's courses before
    the titres professionnels its synonyms name; the chantiers d'insertion before the
    entreprises d'insertion the need also means). An acronym typed is had as typed in
    the description too: the chantier whose description says « CACES » before the
    courses whose name says « formation », all that « caces » means to the thesaurus."""
    for group, per_field in zip(groups, found, strict=True):
        # A word it lacks is counted already (its bucket).
        if not per_field or group.weight < 1.0 or group.alternatives[0].how != "exact":
            continue
        own = _OWN_FIELDS if group.text not in indices.acronyms() else _OWN_FIELDS_ACRONYM
        if not any(m.how in _AS_TYPED_ONLY and m.field in own for m in per_field):
            return True
    return False


# Ways of finding the words as typed (not through their meaning).
_LITERAL = ("exact", "faute de frappe", "phonétique", "début de mot")
_AS_TYPED_ONLY = ("exact", "début de mot")
# What says what this entry is (a thématique is shared by many, a description tells more).
_OWN_FIELDS = ("nom", "mots_cles", "structure")
_OWN_FIELDS_ACRONYM = (*_OWN_FIELDS, "description")


# The relevance tiers, best first: (fields, only words as typed) — every word must be found
# in one of the tier's fields.
TIERS = (
    (frozenset({"nom"}), True),
    (frozenset({"nom"}), False),
    (frozenset({"nom", "thematiques", "mots_cles"}), False),
    (frozenset({"nom", "structure", "thematiques", "mots_cles"}), False),
)
_AS_TYPED = ("exact", "synonyme", "besoin", "début de mot")


def _tier(found: list[list[Match]], groups: list[Group]) -> int:
    """The best tier every found meaningful word satisfies; words not found push a
    resource down (fillers neither count when missing nor decide the tier)."""
    pairs = list(zip(groups, found, strict=True))
    missing = sum(1 for g, per_field in pairs if not per_field and g.weight >= 1.0)
    present = [per_field for g, per_field in pairs if per_field and g.weight >= 1.0]
    for index, (fields, as_typed) in enumerate(TIERS):
        if all(
            any(m.field in fields and (not as_typed or m.how in _AS_TYPED) for m in per_field)
            for per_field in present
        ):
            return missing * 10 + index
    return missing * 10 + len(TIERS)


def _restricted(
    groups: list[Group], columns: str, *, exact_only: bool, require_all: bool
) -> str | None:
    """An FTS5 expression asking every word (or any, when not *require_all*) in *columns*."""
    joiner = " AND " if require_all else " OR "
    either = []
    for group in groups:
        alternatives = _either(
            [a for a in group.alternatives if not exact_only or a.how in _AS_TYPED]
        )
        if not alternatives:
            if require_all:
                return None
            continue
        either.append(alternatives)
    if require_all:
        either = _all_required(either)
    parts = [f"{{{columns}}} : ({' OR '.join(alternatives)})" for alternatives in either]
    return joiner.join(parts) if parts else None


def _all_required(parts: list[list[str]]) -> list[list[str]]:
    """The parts of an FTS5 AND (each a list of expressions to OR) less those another part
    implies: an entry with one of a part's expressions has one of a part that lists them
    all and more ("chantier insertion": both words stand for the same six phrases). The
    entries matched are the same, found for less (FTS5 reads each part's lists); of parts
    that list the same expressions, the first is kept."""
    if len(parts) < 2:
        return parts
    sets = [frozenset(part) for part in parts]
    return [
        part
        for j, part in enumerate(parts)
        if not any(
            i != j and (other < sets[j] or (other == sets[j] and i < j))
            for i, other in enumerate(sets)
        )
    ]


def _tier_expressions(groups: list[Group], require_all: bool) -> list[str]:
    """FTS5 expressions that pick the short list, best first: an acronym typed anywhere
    (`_acronyms_said`); every word in the name; every word in name, thématique or
    keywords; then (added by the caller) anywhere."""

    def restricted(columns: str, exact_only: bool) -> str | None:
        return _restricted(groups, columns, exact_only=exact_only, require_all=require_all)

    # Two tiers are enough to choose the short list well (each costs one pass over the
    # matches); the finer tiers are told apart in Python on the short list.
    candidates = [
        _acronyms_said(groups, require_all),
        restricted("nom", exact_only=False),
        restricted("mots_cles nom thematiques", exact_only=False),
    ]
    return [c for c in candidates if c]


def _acronyms_said(groups: list[Group], require_all: bool) -> str | None:
    """The entries that write an acronym typed, wherever they do (« CACES » in the
    description of the chantier that trains for it): the short list holds them, which the
    entries whose name has its meaning only (« formation ») would fill otherwise."""
    acronyms = indices.acronyms()
    said = {
        id(g)
        for g in groups
        if g.text in acronyms and g.alternatives and g.alternatives[0].how == "exact"
    }
    if not said:
        return None
    parts = []
    for group in groups:
        if id(group) in said:
            parts.append(
                f"{{nom mots_cles structure description}} : {group.alternatives[0].expression}"
            )
        elif require_all and group.weight >= 1.0:
            if not group.alternatives:
                return None
            parts.append(f"{{mots_cles nom thematiques}} : {group.expression()}")
    return " AND ".join(parts)
