"""A place query over many matches walks the geo index ring by ring; each ring asks FTS5
for the matches located in the communes that reach into it rather than for every match.
The results must be those of the whole list of matches."""

import pytest

from ressources import search
from ressources.exchange import import_records
from ressources.search import SearchEngine

MOISSAC = (44.10481, 1.08487)
CASTELSARRASIN = (44.0397, 1.10749)
MONTAUBAN = (44.01612, 1.35264)


def _whole_list(self, conditions, box, params):
    """The reference: every ring probes the whole list of matches."""
    return conditions


def _ids(result):
    return [(h.resource.id, h.distance_km, h.local) for h in result.hits]


@pytest.fixture
def rings(monkeypatch):
    """Every place query walks the rings (as at 100,000 entries), counting the rings
    asked by commune words."""
    monkeypatch.setattr(search, "FEW_MATCHES", 0)
    asked = []
    by_communes = SearchEngine._within_communes

    def spy(self, conditions, box, params):
        out = by_communes(self, conditions, box, params)
        asked.append(out != conditions)
        return out

    monkeypatch.setattr(SearchEngine, "_within_communes", spy)
    return asked


@pytest.mark.parametrize(
    "query",
    [
        "logement castelsarrasin",
        "aide alimentaire moissac",
        "cmp caussade",
        "mission locale caussade",
        "epicerie solidaire valence",
        "transport beaumont de lomagne",
    ],
)
def test_rings_asked_by_commune_give_the_results_of_the_whole_list(
    demo_db, rings, monkeypatch, query
):
    fast = SearchEngine(demo_db).search(query, limit=5)
    assert fast.commune is not None and fast.hits
    assert any(rings), "no ring was asked by commune words"
    monkeypatch.setattr(SearchEngine, "_within_communes", _whole_list)
    reference = SearchEngine(demo_db).search(query, limit=5)
    assert _ids(fast) == _ids(reference)


def _service(i, nom, code_insee, point):
    return {
        "source": "t",
        "id": f"t--{i}",
        "structure_id": "t--s",
        "nom": nom,
        "description": "Prêt gratuit pour aller travailler.",
        "date_maj": "2025-01-01",
        "code_insee": code_insee,
        "latitude": point[0],
        "longitude": point[1],
    }


def test_an_entry_far_from_its_commune_is_found_in_the_ring_where_it_lies(reference_db, rings):
    """Thirty entries in Castelsarrasin (7 km from Moissac) fill the list; one entry of
    Montauban (28 km away) whose address is in Moissac comes first, at 0 km: the ring
    reaches the communes by where their entries are, not by where their centre is."""
    structure = {"source": "t", "id": "t--s", "nom": "Structure test", "date_maj": "2025-01-01"}
    services = [_service(i, "Prêt de trottinettes", "82033", CASTELSARRASIN) for i in range(30)]
    services.append(_service(98, "Prêt de trottinettes", "82121", MONTAUBAN))
    services.append(_service(99, "Prêt de trottinettes", "82121", MOISSAC))
    import_records(reference_db, [structure], services)
    result = SearchEngine(reference_db).search("trottinette moissac", limit=1)
    assert any(rings)
    assert result.hits[0].resource.id == "t--99"
    assert result.hits[0].distance_km == 0.0


def test_a_moved_entry_is_found_where_it_now_is(reference_db, rings):
    """The communes' extents are read again once the index changes."""
    structure = {"source": "t", "id": "t--s", "nom": "Structure test", "date_maj": "2025-01-01"}
    services = [_service(i, "Prêt de trottinettes", "82033", CASTELSARRASIN) for i in range(30)]
    services.append(_service(99, "Prêt de trottinettes", "82121", MONTAUBAN))
    import_records(reference_db, [structure], services)
    engine = SearchEngine(reference_db)
    assert engine.search("trottinette moissac", limit=1).hits[0].resource.id != "t--99"
    services[-1] = _service(99, "Prêt de trottinettes", "82121", MOISSAC)
    import_records(reference_db, [structure], services)
    assert engine.search("trottinette moissac", limit=1).hits[0].resource.id == "t--99"


def _north_of_moissac(i: int, nom: str, km: float) -> dict:
    """A service of Castelsarrasin serving Moissac, *km* north of Moissac's centre."""
    service = _service(i, nom, "82033", (MOISSAC[0] + km / 111.2, MOISSAC[1]))
    service["zone_eligibilite"] = ["82112"]
    return service


def test_the_short_list_is_cut_by_rounded_distance_then_key(reference_db):
    """Entries whose distances round alike are ordered by key when the short list (21
    for one result) is cut: the entry at 6.2 km recorded first stays in it, before the 21
    recorded later at 5.6–5.9 km, and its name (the word alone) puts it first."""
    structure = {"source": "t", "id": "t--s", "nom": "Structure test", "date_maj": "2025-01-01"}
    services = [_north_of_moissac(0, "Trottinettes", 6.2)]
    services += [
        _north_of_moissac(i, "Prêt de trottinettes pour tous", 5.6 + i / 100) for i in range(1, 22)
    ]
    import_records(reference_db, [structure], services)
    result = SearchEngine(reference_db).search("trottinette moissac", limit=1)
    assert result.hits[0].resource.id == "t--0"
    assert result.hits[0].distance_km == 6.2


def _placed(result):
    return [(h.resource.id, h.distance_km, h.local, h.weak, h.score) for h in result.hits]


@pytest.mark.parametrize(
    "query",
    [
        "aide alimentaire moissac",
        "cmp caussade",
        "creche negrepelisse",
        "transport beaumont de lomagne",
        "permis de conduire grisolles",
        "mission locale montauban",
    ],
)
def test_one_list_told_apart_by_the_facets_gives_the_lists_asked_apart(demo_db, monkeypatch, query):
    """A place query whose words hold phrases asks FTS5 once for the matches in the
    commune and those serving it, told apart by the facets (`_plain_places`): the same
    entries, in the same order, as the two lists asked apart."""
    asked = []
    members = SearchEngine._plain_places

    def spy(self):
        asked.append(members(self))
        return asked[-1]

    monkeypatch.setattr(SearchEngine, "_plain_places", spy)
    one_list = SearchEngine(demo_db).search(query, limit=50)
    assert one_list.commune is not None and one_list.hits
    assert asked and all(asked), "the one list was not asked"
    monkeypatch.setattr(SearchEngine, "_plain_places", lambda self: False)
    assert _placed(one_list) == _placed(SearchEngine(demo_db).search(query, limit=50))


def test_place_codes_the_index_writes_otherwise_are_asked_of_fts5(reference_db):
    """A zone code the index writes otherwise than the facets (« 2A004 », lower-cased in
    the index's words) leaves the facets out of it: FTS5 says what serves the commune."""
    structure = {"source": "t", "id": "t--s", "nom": "Structure test", "date_maj": "2025-01-01"}
    service = _service(1, "Prêt de vélos", "82112", MOISSAC)
    import_records(reference_db, [structure], [service])
    engine = SearchEngine(reference_db)
    engine._facets()
    assert engine._plain_places()
    import_records(reference_db, [structure], [{**service, "zone_eligibilite": ["2A004"]}])
    engine._facets()
    assert not engine._plain_places()
