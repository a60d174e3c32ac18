"""Why a result was found, in the words of the resource (the index holds stems)."""

from __future__ import annotations

from ressources.search import SearchEngine


def test_the_explanation_shows_words_as_written_not_stems(demo_db):
    engine = SearchEngine(demo_db)
    result = engine.search("aide alimentaire moissac")
    why = [w for hit in result.hits[:5] for w in hit.why()]
    assert any("distribution alimentaire" in w for w in why), why
    assert not any(w.split(" → ")[-1].startswith(("distribu ", "alimentair ")) for w in why), why
