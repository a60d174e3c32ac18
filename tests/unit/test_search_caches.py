"""What a search keeps for the next keystrokes (entries, indexed fields, match counts) is
never shown once the base has changed, by this connection or by another process."""

from caseload.database import open_project_database
from ressources.exchange import import_records
from ressources.search import SearchEngine

STRUCTURE = {"source": "t", "id": "t--s", "nom": "Structure test", "date_maj": "2025-01-01"}


def _service(i: int) -> dict:
    return {
        "source": "t",
        "id": f"t--{i}",
        "structure_id": "t--s",
        "nom": f"Prêt de trottinettes {i}",
        "description": "Prêt gratuit.",
        "date_maj": "2025-01-01",
    }


def test_the_number_of_matches_follows_the_base(reference_db, reference_db_path):
    """One entry shown (limit=1): the total is the count of every match."""
    engine = SearchEngine(reference_db)
    import_records(reference_db, [STRUCTURE], [_service(1), _service(2)])
    assert engine.search("trottinette", limit=1).total == 2
    assert engine.search("trottinette", limit=1).total == 2  # counted once, read again
    import_records(reference_db, [STRUCTURE], [_service(1), _service(2), _service(3)])
    assert engine.search("trottinette", limit=1).total == 3
    other = open_project_database(reference_db_path)  # another conseiller's process
    try:
        import_records(other, [STRUCTURE], [_service(i) for i in range(1, 5)])
    finally:
        other.close()
    result = engine.search("trottinette", limit=1)
    assert result.total == 4
    assert len(result.hits) == 1


def test_a_repeated_search_gives_the_same_answer(demo_db):
    engine = SearchEngine(demo_db)
    for query in ("aide alimentaire moissac", "logement", "mission locale montauban"):
        first = engine.search(query, typing=True)
        again = engine.search(query, typing=True)
        assert first.total == again.total > 0
        assert [(h.resource.id, h.score, h.distance_km) for h in first.hits] == [
            (h.resource.id, h.score, h.distance_km) for h in again.hits
        ]


def test_an_entry_edited_is_matched_by_its_new_fields(reference_db):
    """Each entry's fields are kept for the next keystrokes (`SearchEngine._fields`):
    once the base changes, an edited entry is matched by what it says now."""
    engine = SearchEngine(reference_db)
    import_records(reference_db, [STRUCTURE], [_service(1)])
    (hit,) = engine.search("trottinette", typing=True).hits
    assert "nom" in {m.field for m in hit.matches}
    edited = {**_service(1), "nom": "Atelier vélo", "description": "Prêt de trottinettes."}
    import_records(reference_db, [STRUCTURE], [edited])
    (hit,) = engine.search("trottinette", typing=True).hits
    assert {m.field for m in hit.matches} == {"description"}
    pk = reference_db.execute("SELECT rowid FROM services_fts").fetchone()[0]
    assert engine._fields([pk], ("nom",))[pk]["nom"][0] == ("ateli", "velo")


def test_the_same_search_again_shows_the_base_as_it_is_now(reference_db, reference_db_path):
    """The answer of a search is kept for the same search again (same words, filters,
    limit): an entry renamed, here or by another conseiller's process, is shown renamed
    by the next search, and a caller changing the list it was given changes nothing."""
    engine = SearchEngine(reference_db)
    import_records(reference_db, [STRUCTURE], [_service(1)])
    first = engine.search("trottinette", typing=True)
    assert [h.resource.nom for h in first.hits] == ["Prêt de trottinettes 1"]
    first.hits.clear()
    first.ignored.append("changed by the caller")
    again = engine.search("trottinette", typing=True)
    assert [h.resource.nom for h in again.hits] == ["Prêt de trottinettes 1"]
    assert again.ignored == []
    import_records(reference_db, [STRUCTURE], [{**_service(1), "nom": "Trottinettes solidaires"}])
    assert [h.resource.nom for h in engine.search("trottinette", typing=True).hits] == [
        "Trottinettes solidaires"
    ]
    other = open_project_database(reference_db_path)  # another conseiller's process
    try:
        import_records(other, [STRUCTURE], [{**_service(1), "nom": "Trottinettes partagées"}])
    finally:
        other.close()
    assert [h.resource.nom for h in engine.search("trottinette", typing=True).hits] == [
        "Trottinettes partagées"
    ]


def test_the_same_words_typed_otherwise_are_the_same_search(reference_db, reference_db_path):
    """The space typed after a word, capitals, accents or punctuation change nothing of
    what is searched: the answer kept for the words is given again (with the query as
    typed), and like any answer kept it follows the base when it changes, here or in
    another conseiller's process."""
    engine = SearchEngine(reference_db)
    import_records(reference_db, [STRUCTURE], [_service(1), _service(2)])
    searched: list[str] = []
    search = engine._search

    def counted(query, *args):
        searched.append(query)
        return search(query, *args)

    engine._search = counted  # type: ignore[method-assign]
    first = engine.search("prêt trottinette", typing=True)
    for typed in ("prêt trottinette ", "Prêt  Trottinette", "PRET, trottinette !"):
        again = engine.search(typed, typing=True)
        assert again.query == typed
        assert [h.resource.id for h in again.hits] == [h.resource.id for h in first.hits]
        assert (again.total, again.ignored) == (first.total, first.ignored) == (2, [])
    assert searched == ["prêt trottinette"]
    import_records(reference_db, [STRUCTURE], [{**_service(1), "nom": "Atelier vélo"}])
    renamed = engine.search("prêt trottinette ", typing=True)
    assert sorted(h.resource.nom for h in renamed.hits) == [
        "Atelier vélo",
        "Prêt de trottinettes 2",
    ]
    other = open_project_database(reference_db_path)  # another conseiller's process
    try:
        import_records(other, [STRUCTURE], [_service(1), _service(2), _service(3)])
    finally:
        other.close()
    assert engine.search("Prêt trottinette", typing=True).total == 3
    assert searched == ["prêt trottinette", "prêt trottinette ", "Prêt trottinette"]


def test_a_warmed_up_engine_reads_no_entry_then_follows_the_base(reference_db):
    """A base of WHOLE_BASE entries at most is held whole from the warm-up (its resources
    and its entries' short fields): a new search reads none of them, and an entry edited
    after the warm-up is shown and matched as it is now."""
    import_records(reference_db, [STRUCTURE], [_service(1), _service(2)])
    engine = SearchEngine(reference_db)
    engine.warm_up()
    statements: list[str] = []
    reference_db.conn.set_trace_callback(statements.append)
    try:
        hits = engine.search("trottinette", typing=True).hits
    finally:
        reference_db.conn.set_trace_callback(None)
    assert len(hits) == 2 and all("nom" in {m.field for m in h.matches} for h in hits)
    # The fields every short list is judged on (name, structure, thématiques, keywords),
    # and the resources shown.
    assert not [s for s in statements if "c0, c1, c2, c3 FROM services_fts_content" in s]
    assert not [s for s in statements if "JOIN structures" in s]
    edited = {**_service(1), "nom": "Atelier vélo", "description": "Prêt de trottinettes."}
    import_records(reference_db, [STRUCTURE], [edited, _service(2)])
    hits = engine.search("trottinette").hits
    assert {h.resource.id: h.resource.nom for h in hits} == {
        "t--1": "Atelier vélo",
        "t--2": "Prêt de trottinettes 2",
    }
    assert {h.resource.id: {m.field for m in h.matches} for h in hits} == {
        "t--1": {"description"},
        "t--2": {"nom"},
    }
