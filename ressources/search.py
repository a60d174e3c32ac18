"""Searching the base during an interview: instant, forgiving, and near the person first.

How a query is answered (all words count, none is re-read from the stored text):

1. The query is folded like the indexed text (case, accents, punctuation, plural).
2. A commune named in it ("epicerie solidaire moissac") becomes the place to rank from.
3. Acronyms and lay words ("caf", "un toit ce soir") expand through the synonym table.
4. Each remaining word is looked up in the index's own vocabulary: exact, start of a word
   (the word being typed), or, if the word is unknown, the known words within a typo
   budget (one typo from 5 letters, two from 9, as interactive search engines do).
5. SQLite FTS5 intersects the words and ranks by BM25, name and thématique weighing more
   than description; with a place, resources in or serving that commune come first, then
   by distance. Only a short list is read back and explained.
"""

from __future__ import annotations

import bisect
import json
import math
import threading
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlite_utils import Database

from ressources.db import get_meta
from ressources.gazetteer import Commune, Gazetteer
from ressources.models import Resource
from ressources.store import INDEX_GENERATION, get_resources
from ressources.text import STOPWORDS, stem, words
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
MAX_FUZZY_ALTERNATIVES = 8
DEFAULT_LIMIT = 50


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
    how: str  # "exact", "début de mot", "faute de frappe", "synonyme"
    prefix: bool = False


@dataclass
class Group:
    """One word (or synonym phrase) of the query, and its alternatives."""

    text: str
    alternatives: list[Alternative] = field(default_factory=list)

    def expression(self) -> str:
        return "(" + " OR ".join(a.expression for a in self.alternatives) + ")"


@dataclass
class Match:
    """Why a resource matched one word of the query."""

    query: str
    found: str
    field: str
    how: str

    def __str__(self) -> str:
        shown = self.query if self.found == self.query else f"{self.query} → {self.found}"
        return f"{shown} ({FIELD_LABELS.get(self.field, self.field)})"


@dataclass
class Hit:
    resource: Resource
    score: float
    distance_km: float | None
    matches: list[Match]
    local: bool = False  # located in, or explicitly serving, the commune searched from


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


def _quote(token: str) -> str:
    return '"' + token.replace('"', "") + '"'


class Vocabulary:
    """The words of the index with their document counts, for prefix and typo lookups."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.sorted = sorted(counts)
        self.by_length: dict[int, list[str]] = {}
        for word in self.sorted:
            self.by_length.setdefault(len(word), []).append(word)

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def has_prefix(self, prefix: str) -> bool:
        i = bisect.bisect_left(self.sorted, prefix)
        return i < len(self.sorted) and self.sorted[i].startswith(prefix)

    def close_words(self, word: str) -> list[tuple[str, int]]:
        """Known words within the typo budget of *word*, nearest and most frequent first."""
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
        nearest.sort(key=lambda item: -self.counts.get(item[0], 0))
        return nearest[:MAX_FUZZY_ALTERNATIVES]


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
        self._ensure_sqrt()

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
                    for term, doc in self.db.execute("SELECT term, doc FROM services_vocab")
                }
                self._vocabulary = Vocabulary(counts)
                self._generation = generation
            return self._vocabulary

    # -- parsing --------------------------------------------------------------------------
    def parse(
        self, query: str, *, typing: bool = False, detect_commune: bool = True
    ) -> ParsedQuery:
        """Turn a query into groups of alternatives. *typing*: the last word may be
        unfinished (search-as-you-type), so it also matches as the start of a word."""
        vocabulary = self.vocabulary
        raw = words(query)
        commune = None
        if detect_commune and raw:
            found = self._find_commune(raw, vocabulary)
            if found:
                commune, start, end = found
                raw = raw[:start] + raw[end:]
        stems = [stem(w) for w in raw]
        groups: list[Group] = []
        ignored: list[str] = []
        meaningful = [w for w in stems if w not in STOPWORDS] or stems
        i = 0
        while i < len(stems):
            synonym = self._synonym_at(stems, i)
            if synonym:
                size, key = synonym
                text = " ".join(raw[i : i + size])
                group = self._synonym_group(text, key, vocabulary)
                if group.alternatives:
                    groups.append(group)
                else:
                    ignored.append(text)
                i += size
                continue
            word, original = stems[i], raw[i]
            i += 1
            if word not in meaningful:
                continue
            last = typing and i == len(stems)
            group = self._word_group(original, word, vocabulary, last)
            if group.alternatives:
                groups.append(group)
            else:
                ignored.append(original)
        return ParsedQuery(groups, commune, ignored)

    def _find_commune(self, raw: list[str], vocabulary: Vocabulary):
        for index, word in enumerate(raw):
            if len(word) == 5 and word.isdigit():
                found = self.gazetteer.lookup(word).communes
                if found:
                    return found[0], index, index + 1
        return self.gazetteer.find_in_words(raw, known_words=set(vocabulary.counts))

    def _synonym_at(self, stems: list[str], start: int) -> tuple[int, str] | None:
        for size in range(min(self._synonym_max_words, len(stems) - start), 0, -1):
            key = " ".join(stems[start : start + size])
            if key in self._synonyms:
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

    def _word_group(self, original: str, word: str, vocabulary: Vocabulary, last: bool) -> Group:
        group = Group(original)
        if word in vocabulary:
            group.alternatives.append(Alternative(_quote(word), (word,), "exact"))
        # The word being typed also matches as the start of longer words.
        if (last or word not in vocabulary) and len(word) >= 2 and vocabulary.has_prefix(word):
            group.alternatives.append(
                Alternative(_quote(word) + "*", (word,), "début de mot", prefix=True)
            )
        if not group.alternatives:
            for close, _distance in vocabulary.close_words(word):
                group.alternatives.append(Alternative(_quote(close), (close,), "faute de frappe"))
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
        with self._lock:
            parsed = self.parse(query, typing=typing, detect_commune=True)
            commune = parsed.commune
            from_query = commune is not None
            if filters.commune:
                commune = self.gazetteer.get(filters.commune) or commune
                from_query = False
            if not parsed.groups and commune is None and not _has_filter(filters):
                return SearchResult(query, [], 0, None, False, parsed.ignored)
            rows, total, relaxed = self._run(parsed.groups, commune, filters, limit)
            hits = self._hits(rows, parsed.groups, commune)
            return SearchResult(query, hits, total, commune, from_query, parsed.ignored, relaxed)

    def _run(self, groups, commune, filters, limit):
        if not groups:
            rows = self._select(None, commune, filters, limit)
            return rows, rows[0]["total"] if rows else 0, False
        expression = " AND ".join(g.expression() for g in groups)
        rows = self._select(expression, commune, filters, limit)
        if rows or len(groups) == 1:
            return rows, rows[0]["total"] if rows else 0, False
        # No resource has every word: the ones with most of them (BM25 adds up per word).
        expression = " OR ".join(g.expression() for g in groups)
        rows = self._select(expression, commune, filters, limit)
        return rows, rows[0]["total"] if rows else 0, True

    def _select(self, expression, commune, filters, limit) -> list[dict]:
        params: dict = {"limit": limit}
        where = ["s.archive = 0"]
        if expression is not None:
            weights = ", ".join(str(w) for w in FIELD_WEIGHTS)
            # bm25() only works in a plain query on the FTS table: rank there, join after.
            source = (
                f"(SELECT rowid, bm25(services_fts, {weights}) AS fts_rank FROM services_fts "
                "WHERE services_fts MATCH :q) AS f JOIN services s ON s.pk = f.rowid"
            )
            params["q"] = expression
            rank = "f.fts_rank"
        else:
            source = "services s"
            rank = "0"
        if filters.thematique:
            where.append(
                "s.pk IN (SELECT service_pk FROM service_thematiques WHERE slug = :thematique)"
            )
            params["thematique"] = filters.thematique
        if filters.public:
            where.append(
                "(EXISTS (SELECT 1 FROM json_each(s.publics) WHERE value IN (:public, "
                "'tous-publics')) OR s.publics IS NULL)"
            )
            params["public"] = filters.public
        if filters.frais:
            where.append("s.frais = :frais")
            params["frais"] = filters.frais
        if commune is not None:
            params.update(
                code=commune.code_insee,
                zone=f'%"{commune.code_insee}"%',
                lat=commune.latitude,
                lon=commune.longitude,
                k=math.cos(math.radians(commune.latitude)),
            )
            distance = (
                f"(sqrt((s.geo_lat - :lat) * (s.geo_lat - :lat) + "
                f"((s.geo_lon - :lon) * :k) * ((s.geo_lon - :lon) * :k)) * {KM_PER_DEGREE})"
            )
            local = "(s.geo_code_insee = :code OR s.zone_eligibilite LIKE :zone)"
            if filters.rayon_km is not None:
                where.append(f"({local} OR {distance} <= :rayon)")
                params["rayon"] = filters.rayon_km
            # In or serving the commune first; then by whole kilometres; then relevance.
            order = (
                f"CASE WHEN s.geo_code_insee = :code THEN 0 WHEN {local} THEN 1 ELSE 2 END, "
                f"{distance} IS NULL, CAST({distance} + 0.5 AS INTEGER), rank, s.nom"
            )
            extra = f", {distance} AS distance_km, {local} AS local"
        else:
            order = "rank, s.nom"
            extra = ", NULL AS distance_km, 0 AS local"
        sql = (
            f"SELECT s.pk, {rank} AS rank, count(*) OVER () AS total{extra} "
            f"FROM {source} WHERE {' AND '.join(where)} ORDER BY {order} LIMIT :limit"
        )
        return list(self.db.query(sql, params))

    def _hits(self, rows: list[dict], groups: list[Group], commune) -> list[Hit]:
        if not rows:
            return []
        pks = [r["pk"] for r in rows]
        resources = get_resources(self.db, pks)
        texts = {}
        if groups:
            marks = ",".join("?" for _ in pks)
            for r in self.db.query(
                f"SELECT rowid, {', '.join(FIELDS)} FROM services_fts WHERE rowid IN ({marks})",
                pks,
            ):
                texts[r["rowid"]] = {f: (r[f] or "").split() for f in FIELDS}
        hits = []
        for r in rows:
            resource = resources.get(r["pk"])
            if resource is None:
                continue
            matches = _explain(groups, texts.get(r["pk"], {}))
            hits.append(
                Hit(
                    resource=resource,
                    score=-float(r["rank"] or 0.0),
                    distance_km=round(r["distance_km"], 1)
                    if r["distance_km"] is not None
                    else None,
                    matches=matches,
                    local=bool(r["local"]),
                )
            )
        return hits

    def suggestions(self, prefix: str, limit: int = 8) -> list[str]:
        """Known words starting with *prefix* (folded), most frequent first."""
        vocabulary = self.vocabulary
        folded = stem(" ".join(words(prefix)).split()[-1]) if words(prefix) else ""
        if not folded:
            return []
        i = bisect.bisect_left(vocabulary.sorted, folded)
        found = []
        while i < len(vocabulary.sorted) and vocabulary.sorted[i].startswith(folded):
            found.append(vocabulary.sorted[i])
            i += 1
        found.sort(key=lambda w: -vocabulary.counts[w])
        return found[:limit]


def _has_filter(filters: SearchFilters) -> bool:
    return bool(filters.thematique or filters.public or filters.frais or filters.commune)


def _explain(groups: list[Group], fields: dict[str, list[str]]) -> list[Match]:
    """For each query word, the first field (by weight) where one of its alternatives is."""
    matches = []
    for group in groups:
        found = None
        for name in FIELDS:
            tokens = fields.get(name) or []
            for alt in group.alternatives:
                word = _find(alt, tokens)
                if word is not None:
                    found = Match(group.text, word, name, alt.how)
                    break
            if found:
                break
        if found:
            matches.append(found)
    return matches


def _find(alt: Alternative, tokens: list[str]) -> str | None:
    if alt.prefix:
        return next((t for t in tokens if t.startswith(alt.tokens[0])), None)
    size = len(alt.tokens)
    for i in range(len(tokens) - size + 1):
        if tuple(tokens[i : i + size]) == alt.tokens:
            return " ".join(alt.tokens)
    return None
