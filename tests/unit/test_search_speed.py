"""Shortcuts of the search's hot path give what the long way gives."""

from ressources.search import _first_words, _needs_within, needs_thesaurus


def test_the_needs_looked_at_are_those_whose_words_are_all_said():
    """A query looks only at the needs whose first word it has (`_needs_within`): the
    same needs, in the same order, as going through the whole thesaurus."""
    needs = needs_thesaurus()
    starts = _first_words(needs)
    said = [set(key) for key, _ in needs[::7]]
    said += [set(a) | set(b) for (a, _), (b, _) in zip(needs[::5], needs[3::11], strict=False)]
    said += [set(), {"loge"}, {"pas", "voitur"}, {"mutuel", "pas", "droit", "sant"}]
    for present in said:
        assert _needs_within(needs, starts, present) == [
            need for need in needs if present.issuperset(need[0])
        ], present
    assert any(_needs_within(needs, starts, present) for present in said)
