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
RINGS_KM = (15, 40)
# A match outside these columns (in the description only) is a weak one.
STRONG_COLUMNS = "mots_cles nom structure thematiques"
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
    _singles: dict[str, int] | None = field(default=None, repr=False, compare=False)

    def expression(self) -> str:
        return "(" + " OR ".join(a.expression for a in self.alternatives) + ")"

    def single_tokens(self) -> dict[str, int]:
        """One-word, whole-word alternatives: word → position (earlier is better)."""
        if self._singles is None:
            self._singles = {}
            for index, alt in enumerate(self.alternatives):
                if len(alt.tokens) == 1 and not alt.prefix:
                    self._singles.setdefault(alt.tokens[0], index)
        return self._singles


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
    weak: bool = False  # some word found in the description only


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
        # Stop words are not indexed; a query made only of them keeps them (and finds
        # nothing, rather than everything).
        kept = [w for w in raw if w not in STOPWORDS] or raw
        raw = kept
        stems = [stem(w) for w in raw]
        groups: list[Group] = []
        ignored: list[str] = []
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
            (rows, total), relaxed = self._run(parsed.groups, commune, filters, limit)
            hits = self._hits(rows)
            return SearchResult(query, hits, total, commune, from_query, parsed.ignored, relaxed)

    def _run(self, groups, commune, filters, limit):
        if not groups:
            return self._select(None, [], commune, filters, limit), False
        found = self._select(groups, groups, commune, filters, limit, require_all=True)
        if found[1] or len(groups) == 1:
            return found, False
        # No resource has every word: the ones with most of them.
        return self._select(groups, groups, commune, filters, limit, require_all=False), True

    def _select(self, groups, all_groups, commune, filters, limit, require_all=True):
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
            joiner = " AND " if require_all else " OR "
            expression = joiner.join(g.expression() for g in groups)
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
            distance = (
                f"(sqrt((x.geo_lat - :lat) * (x.geo_lat - :lat) + "
                f"((x.geo_lon - :lon) * :k) * ((x.geo_lon - :lon) * :k)) * {KM_PER_DEGREE})"
            )
            serving = "instr(x.zone, :padded_code) > 0"
            params["padded_code"] = f" {commune.code_insee} "
            place = f"CASE WHEN x.geo_code_insee = :code THEN 0 WHEN {serving} THEN 1 ELSE 2 END"
            if filters.rayon_km is not None:
                where.append(f"(x.geo_code_insee = :code OR {serving} OR {distance} <= :rayon)")
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
            rows = []
            seen: set[int] = set()
            for match_expression, weak in passes:
                if match_expression is None:
                    pass_source = "service_facets x"
                else:
                    pass_source = (
                        "(SELECT rowid AS pk FROM services_fts WHERE services_fts MATCH :m) "
                        "AS f JOIN service_facets x ON x.pk = f.pk"
                    )
                    params["m"] = match_expression
                found = self._nearest(
                    pass_source, where, params, commune, place, distance, serving,
                    shortlist - len(rows), seen, rings=not groups,
                )  # fmt: skip
                for row in found:
                    row["weak"] = weak
                    seen.add(row["pk"])
                rows += found
                if len(rows) >= shortlist:
                    break
        else:
            condition = f"WHERE {' AND '.join(where)}" if where else ""
            rows = self._shortlist_by_tier(groups, require_all, where, params, shortlist)
        if not rows:
            return [], 0
        if expression is not None and not where:
            total = self.db.execute(
                "SELECT count(*) FROM services_fts WHERE services_fts MATCH :q", {"q": expression}
            ).fetchone()[0]
        else:
            total = self.db.execute(
                f"SELECT count(*) FROM {source} {condition}", params
            ).fetchone()[0]
        return self._rescore(rows, all_groups, commune is not None, limit, require_all), total

    def _nearest(
        self, source, where, params, commune, place, distance, serving, need, seen, *, rings
    ) -> list[dict]:
        """Up to *need* rows of *source*, in or serving the commune first, then by whole
        kilometres. A commune alone looks in widening rings (a bounding box the geo index
        can use) rather than sort the whole base by distance."""
        if need <= 0:
            return []

        def ask(conditions: list[str], limit: int) -> list[dict]:
            if seen or rows:
                done = seen | {r["pk"] for r in rows}
                conditions = [*conditions, f"x.pk NOT IN ({','.join(map(str, done))})"]
            condition = f"WHERE {' AND '.join(conditions)}" if conditions else ""
            sql = (
                f"SELECT x.pk, {place} AS place, {distance} AS km FROM {source} {condition} "
                f"ORDER BY place, km IS NULL, CAST(km + 0.5 AS INTEGER), x.pk LIMIT {int(limit)}"
            )
            return [
                {"pk": pk, "place": place_rank, "distance_km": km}
                for pk, place_rank, km in self.db.execute(sql, params)
            ]

        rows: list[dict] = []
        if not rings:
            return ask(list(where), need)
        # What is in or serves the commune comes first whatever the distance; then the
        # rest, ring by ring, through the geo index (an OR with the first condition would
        # make SQLite read every row).
        rows += ask([*where, f"(x.geo_code_insee = :code OR {serving})"], need)
        for ring_km in RINGS_KM:
            if len(rows) >= need:
                return rows
            dlat = ring_km / KM_PER_DEGREE
            dlon = dlat / max(params["k"], 0.01)
            box = (
                f"x.geo_lat BETWEEN {commune.latitude - dlat} AND {commune.latitude + dlat} "
                f"AND x.geo_lon BETWEEN {commune.longitude - dlon} AND "
                f"{commune.longitude + dlon} AND {distance} <= {ring_km}"
            )
            found = ask([*where, box], need - len(rows))
            if len(rows) + len(found) >= need:
                return rows + found
        return rows + ask(list(where), need - len(rows))

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

    def _rescore(self, rows, groups: list[Group], placed: bool, limit: int, require_all: bool):
        """Order the short list by (place, km, tier) then by how well each word matched."""
        # With every word required, a word not found in the short fields can only be in the
        # description: no need to read and split long descriptions to know it.
        fields_read = FIELDS[:-1] if require_all else FIELDS
        texts = self._fields([r["pk"] for r in rows], fields_read) if groups else {}
        for row in rows:
            fields = texts.get(row["pk"], {})
            found = _field_matches(groups, fields)
            if require_all:
                for group, per_field in zip(groups, found, strict=True):
                    if not per_field:
                        best = group.alternatives[0]
                        per_field.append(
                            Match(group.text, " ".join(best.tokens), "description", best.how)
                        )
            row["matches"] = _explain(found)
            name = fields.get("nom")
            row["score"] = _score(found, len(name[0]) if name else 0)
            row["rel"] = _tier(found)
        if placed:
            rows.sort(
                key=lambda r: (
                    r.get("weak", 0),
                    r["place"],
                    r["distance_km"] is None,
                    int((r["distance_km"] or 0) + 0.5),
                    r["rel"],
                    -r["score"],
                )
            )
        else:
            rows.sort(key=lambda r: (r["rel"], -r["score"]))
        return rows[:limit]

    def _fields(self, pks: list[int], names: tuple[str, ...]) -> dict[int, dict[str, _Field]]:
        marks = ",".join("?" for _ in pks)
        return {
            r[0]: {f: _field(r[i + 1]) for i, f in enumerate(names)}
            for r in self.db.execute(
                f"SELECT rowid, {', '.join(names)} FROM services_fts WHERE rowid IN ({marks})",
                pks,
            )
        }

    def _hits(self, rows: list[dict]) -> list[Hit]:
        resources = get_resources(self.db, [r["pk"] for r in rows])
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


def _field(text: str | None) -> _Field:
    tokens = (text or "").split()
    return tokens, set(tokens)


def _has_filter(filters: SearchFilters) -> bool:
    return bool(filters.thematique or filters.public or filters.frais or filters.commune)


# A field's words in order (for phrases) and as a set (for everything else).
_Field = tuple[list[str], set[str]]


def _field_matches(groups: list[Group], fields: dict[str, _Field]) -> list[list[Match]]:
    """For each query word, where it was found: one match per field, the best way first."""
    found: list[list[Match]] = []
    for group in groups:
        singles = group.single_tokens()
        per_field = []
        for name in FIELDS:
            field = fields.get(name)
            if not field:
                continue
            # Set intersection finds the one-word alternatives at C speed; only phrases and
            # word starts need a closer look.
            present = field[1]
            best: tuple[int, str] | None = None
            common = singles.keys() & present
            if common:
                best = min((singles[t], t) for t in common)
            for index, alt in enumerate(group.alternatives):
                if best is not None and best[0] <= index:
                    break
                if len(alt.tokens) > 1 or alt.prefix:
                    word = _find(alt, field)
                    if word is not None:
                        best = (index, word)
                        break
            if best is not None:
                alt = group.alternatives[best[0]]
                per_field.append(Match(group.text, best[1], name, alt.how))
        found.append(per_field)
    return found


def _explain(found: list[list[Match]]) -> list[Match]:
    """For each query word, the heaviest field it was found in."""
    weights = dict(zip(FIELDS, FIELD_WEIGHTS, strict=True))
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
        if tuple(tokens[i : i + size]) == alt.tokens:
            return " ".join(alt.tokens)
    return None


# How well a word matched, by how it was found.
QUALITY = {"exact": 1.0, "synonyme": 0.8, "début de mot": 0.7, "faute de frappe": 0.6}


def _score(found: list[list[Match]], name_length: int) -> float:
    """Σ over words and fields of field weight × match quality (a word found in the name,
    the thématique and the keywords says more than one found in the name only), plus a
    share-of-the-name bonus so that "Épicerie solidaire" outranks a long name that merely
    contains the words."""
    weights = dict(zip(FIELDS, FIELD_WEIGHTS, strict=True))
    score = 0.0
    in_name = 0
    for per_field in found:
        for match in per_field:
            score += weights[match.field] * QUALITY.get(match.how, 0.5)
            if match.field == "nom":
                in_name += len(match.found.split())
    if name_length:
        score += 2.0 * min(1.0, in_name / name_length)
    return score


# The relevance tiers, best first: (fields, only words as typed) — every word must be found
# in one of the tier's fields.
TIERS = (
    (frozenset({"nom"}), True),
    (frozenset({"nom"}), False),
    (frozenset({"nom", "thematiques", "mots_cles"}), False),
    (frozenset({"nom", "structure", "thematiques", "mots_cles"}), False),
)
_AS_TYPED = ("exact", "synonyme", "début de mot")


def _tier(found: list[list[Match]]) -> int:
    """The best tier every found word satisfies; words not found push a resource down."""
    missing = sum(1 for per_field in found if not per_field)
    present = [per_field for per_field in found if per_field]
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
    parts = []
    for group in groups:
        alternatives = [
            a.expression for a in group.alternatives if not exact_only or a.how in _AS_TYPED
        ]
        if not alternatives:
            if require_all:
                return None
            continue
        parts.append(f"{{{columns}}} : ({' OR '.join(alternatives)})")
    return joiner.join(parts) if parts else None


def _tier_expressions(groups: list[Group], require_all: bool) -> list[str]:
    """FTS5 expressions that pick the short list, best first: every word in the name; every
    word in name, thématique or keywords; then (added by the caller) anywhere."""

    def restricted(columns: str, exact_only: bool) -> str | None:
        return _restricted(groups, columns, exact_only=exact_only, require_all=require_all)

    # Two tiers are enough to choose the short list well (each costs one pass over the
    # matches); the finer tiers are told apart in Python on the short list.
    candidates = [
        restricted("nom", exact_only=False),
        restricted("mots_cles nom thematiques", exact_only=False),
    ]
    return [c for c in candidates if c]
