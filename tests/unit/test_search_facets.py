"""A place query ranks its short lists from the entries' places kept in memory rather than
asking SQLite for each: the same rows, places and distances (to the last bit) as SQLite's,
read again once the index changes; and a field text shared by many entries is matched
against the query once, with the same matches (the words as typed or not) as alone."""

from dataclasses import astuple

import pytest

from caseload.database import open_project_database
from ressources import search
from ressources.exchange import import_records
from ressources.search import FIELDS, SearchEngine, SearchFilters, _field_matches, _MatchPlan

MOISSAC = (44.10481, 1.08487)
CASTELSARRASIN = (44.0397, 1.10749)
MONTAUBAN = (44.01612, 1.35264)

PLACE_QUERIES = [
    "aide alimentaire moissac",
    "logement castelsarrasin",
    "epicerie solidaire moissac",
    "mission locale montauban",
    "cmp caussade",
    "psy valence",
    "transport beaumont de lomagne",
    "permis de conduire saint antonin",
    "garde des enfants nègrepelisse",
    "dettes lafrançaise",
    "caf moissac",
]


@pytest.fixture
def ranked(monkeypatch):
    """The short lists ranked in memory, by kind (in the commune, serving it, the rest),
    and the rows each search hands to the final ranking (key, place, exact distance)."""
    kinds: list[int] = []
    rows: list[list[tuple]] = []
    rank_listed = search._rank_listed
    rescore = SearchEngine._rescore

    def spy_rank(facets, pks, done, commune, k, serving_codes, kind, limit):
        kinds.append(kind)
        return rank_listed(facets, pks, done, commune, k, serving_codes, kind, limit)

    def spy_rescore(self, candidates, *args, **kwargs):
        rows.append(
            [(r["pk"], r["place"], r["distance_km"], r["open"], r.get("weak")) for r in candidates]
        )
        return rescore(self, candidates, *args, **kwargs)

    monkeypatch.setattr(search, "_rank_listed", spy_rank)
    monkeypatch.setattr(SearchEngine, "_rescore", spy_rescore)
    return kinds, rows


def _shown(result):
    return [
        (h.resource.id, h.score, h.distance_km, h.local, h.weak, h.loose, h.matches)
        for h in result.hits
    ]


@pytest.mark.parametrize("typing", [False, True])
def test_place_queries_ranked_in_memory_as_sqlite_ranks_them(demo_db, ranked, monkeypatch, typing):
    kinds, rows = ranked
    engine = SearchEngine(demo_db)
    fast = [engine.search(q, limit=50, typing=typing) for q in PLACE_QUERIES]
    fast_rows = list(rows)
    assert all(r.commune is not None for r in fast)
    # Every kind of short list was ranked in memory.
    assert {search._HERE, search._SERVING, search._REST} <= set(kinds)
    rows.clear()
    monkeypatch.setattr(SearchEngine, "_facets", lambda self: None)  # SQLite ranks them all
    reference = [SearchEngine(demo_db).search(q, limit=50, typing=typing) for q in PLACE_QUERIES]
    assert rows == fast_rows  # same keys, places, distances to the last bit
    for query, a, b in zip(PLACE_QUERIES, fast, reference, strict=True):
        assert a.total == b.total, query
        assert _shown(a) == _shown(b), query


def test_a_filter_is_still_asked_of_sqlite(demo_db, ranked):
    kinds, _rows = ranked
    engine = SearchEngine(demo_db)
    result = engine.search("aide alimentaire moissac", SearchFilters(frais="gratuit"))
    assert result.commune is not None
    assert kinds == []


STRUCTURE = {"source": "t", "id": "t--s", "nom": "Structure test", "date_maj": "2025-01-01"}


def _service(i, code_insee, point, zone=None):
    service = {
        "source": "t",
        "id": f"t--{i}",
        "structure_id": "t--s",
        "nom": "Prêt de trottinettes",
        "description": "Prêt gratuit pour aller travailler.",
        "date_maj": "2025-01-01",
        "code_insee": code_insee,
        "latitude": point[0],
        "longitude": point[1],
    }
    if zone is not None:
        service["zone_eligibilite"] = zone
    return service


def _first(engine):
    hit = engine.search("trottinette moissac", limit=1).hits[0]
    return hit.resource.id, hit.distance_km, hit.local


def test_a_moved_entry_is_ranked_where_it_now_is(reference_db, reference_db_path, ranked):
    """The places kept in memory are read again once the index changes, by this
    connection or by another process."""
    kinds, _rows = ranked
    services = [_service(i, "82033", CASTELSARRASIN) for i in range(5)]
    services.append(_service(99, "82121", MONTAUBAN))
    import_records(reference_db, [STRUCTURE], services)
    engine = SearchEngine(reference_db)
    assert _first(engine)[0] != "t--99"
    assert search._HERE in kinds or search._SERVING in kinds or search._REST in kinds
    services[-1] = _service(99, "82112", MOISSAC)  # moved to Moissac
    import_records(reference_db, [STRUCTURE], services)
    assert _first(engine) == ("t--99", 0.0, True)
    services[-1] = _service(99, "82121", MONTAUBAN, zone=["82112"])  # back, serving Moissac
    other = open_project_database(reference_db_path)  # another conseiller's process
    try:
        import_records(other, [STRUCTURE], services)
    finally:
        other.close()
    first = _first(engine)
    assert first[0] == "t--99" and first[1] is not None and first[1] > 20 and first[2]


def test_a_shared_field_text_gives_the_matches_it_gives_alone(demo_db):
    """Matched once per text for a whole short list (`_MatchPlan.in_field`), a field gives
    each entry the matches a plan of its own gives it, whether the words are found as
    typed or through their meaning."""
    engine = SearchEngine(demo_db)
    pks = [r[0] for r in demo_db.execute("SELECT rowid FROM services_fts")]
    texts = engine._fields(pks, FIELDS[:-1])
    literal = {True: 0, False: 0}
    for query in (
        "harcèlement école",
        "pas de mutuelle",
        # The same word found the same way, as typed in some texts and not in others.
        "sans abri ce soir",
        "gerer son budget elle y arrive pas",
        "ne sait pas lire ni ecrire",
        "pole emploi inscription",
        "logemnt urgence",
        "aide alimentaire",
        "endetté",
        "garde d'enfants",
        "psy",
    ):
        groups = engine.parse(query).groups
        plan = _MatchPlan(groups)
        for pk in pks:
            shared = _field_matches(groups, texts[pk], plan)
            alone = _field_matches(groups, texts[pk], _MatchPlan(groups))
            assert [[astuple(m) for m in per] for per in shared] == [
                [astuple(m) for m in per] for per in alone
            ], (query, pk)
            for per in shared:
                for m in per:
                    literal[m.literal] += 1
    assert literal[True] and literal[False]
