"""Shortcuts of the search's hot path give what the long way gives."""

from dataclasses import fields

from ressources.models import Resource
from ressources.search import (
    FIELDS,
    FILLERS,
    PARTICIPLE_ENDINGS,
    STRONG_COLUMNS,
    VERB_ENDINGS,
    SearchEngine,
    _all_required,
    _either,
    _field_matches,
    _first_words,
    _lay_nouns,
    _lexicon_by_start,
    _MatchPlan,
    _needs_within,
    _noun_of,
    _rarest,
    _restricted,
    _verb_roots,
    needs_lexicon,
    needs_thesaurus,
)
from ressources.store import get_resources
from ressources.text import stem


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


def _found_plainly(alt, field):
    """Whether *alt* is in *field*, the plain way: its words in a row (or a word that
    starts with its first, for a word start)."""
    tokens = field[0]
    if alt.prefix:
        return any(t.startswith(alt.tokens[0]) for t in tokens)
    size = len(alt.tokens)
    return any(tokens[i : i + size] == alt.tokens for i in range(len(tokens) - size + 1))


def test_a_field_gives_each_word_its_best_alternative_found(demo_db):
    """What `_MatchPlan` finds in a field (phrases passed over when one of their words is
    not there) is what looking for every alternative in turn finds: the first found, and
    whether the words as typed are there."""
    engine = SearchEngine(demo_db)
    pks = [r[0] for r in demo_db.execute("SELECT rowid FROM services_fts")]
    texts = engine._fields(pks, FIELDS[:-1])
    described = engine._fields(pks, ("description",))
    compared = 0
    for query in (
        "aide alimentaire moissac",
        "auto ecole sociale",
        "permis de conduire",
        "garde des enfants",
        "pas de mutuelle",
        "chantier insertion",
        "un toit ce soir",
        "logement urg",
    ):
        groups = engine.parse(query, typing=True).groups
        plan = _MatchPlan(groups)
        for pk in pks:
            fields = {**texts[pk], **described[pk]}
            found = _field_matches(groups, fields, plan)
            for group, per in zip(groups, found, strict=True):
                expected = []
                for name in FIELDS:
                    field = fields.get(name)
                    if not field or not field[0]:
                        continue
                    best = next(
                        (i for i, a in enumerate(group.alternatives) if _found_plainly(a, field)),
                        None,
                    )
                    if best is None:
                        continue
                    typed = group.typed()
                    literal = any(i == best for i, _ in typed) or any(
                        _found_plainly(a, field) for _, a in typed
                    )
                    expected.append((name, best, literal))
                assert [(m.field, m.rank, m.literal) for m in per] == expected, (query, pk)
                compared += len(expected)
    assert compared > 500


def test_words_meaning_the_same_are_asked_of_the_index_once(demo_db):
    """Two words of a query that stand for the same phrases ("chantier insertion": both
    are the same need) are one condition of the FTS5 expression (`_all_required`), and
    every query finds the entries that asking each word's condition finds, in the name
    columns as anywhere."""
    engine = SearchEngine(demo_db)

    def found(expression: str) -> list[int]:
        sql = "SELECT rowid FROM services_fts WHERE services_fts MATCH ?"
        return [r[0] for r in demo_db.execute(sql, [expression])]

    for query in (
        "chantier insertion",
        "insertion chantier",
        "aide alimentaire moissac",
        "auto ecole sociale",
        "logement jeunes urgence",
        "emploi travail",
        "psy",
    ):
        groups = engine.parse(query, typing=True).groups
        parts = [_either(g.alternatives) for g in groups]
        asked = _all_required(parts)
        assert asked and all(part in parts for part in asked)
        every = " AND ".join(f"({' OR '.join(p)})" for p in parts)
        assert found(" AND ".join(f"({' OR '.join(p)})" for p in asked)) == found(every), query
        strong = " AND ".join(f"{{{STRONG_COLUMNS}}} : ({' OR '.join(p)})" for p in parts)
        restricted = _restricted(groups, STRONG_COLUMNS, exact_only=False, require_all=True)
        assert restricted is not None and found(restricted) == found(strong), query
    groups = engine.parse("chantier insertion", typing=True).groups
    assert len(groups) == 2
    assert len(_all_required([_either(g.alternatives) for g in groups])) == 1


def test_the_words_of_like_the_best_ones_do_not_depend_on_a_sets_order():
    """« Like the best ones » asks for the rarest words of the first entries; words as rare
    are taken in alphabetical order, not in the order of the set they were gathered in
    (which Python's salted string hashes change at every start of the app): the same
    search finds the same entries after a restart."""
    counts = {f"mot{i:02}": 1 + i % 3 for i in range(30)}
    words_ = list(counts)
    assert _rarest(words_, counts, 1000) == _rarest(words_[::-1], counts, 1000)
    assert _rarest(words_, counts, 1000) == sorted(words_, key=lambda t: (counts[t], t))[:8]


def test_the_nouns_of_a_verb_are_found_among_the_lay_words_starting_as_it():
    """`_lay_nouns` looks only at the thesaurus' lay words that start as the verb's root
    (`_lexicon_by_start`): the same nouns, in the same order, as looking at every word."""
    known = needs_lexicon()[0]
    by_start = _lexicon_by_start()
    assert sorted(w for found in by_start.values() for w in found) == sorted(known)

    def every_word(word: str) -> tuple[str, ...]:
        if word in FILLERS:
            return ()
        out = []
        for ending in (*VERB_ENDINGS, *PARTICIPLE_ENDINGS):
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                root = word[: -len(ending)]
                out += [stem(w) for w in known if _noun_of(root, w)]
        for root, suffixes in _verb_roots(word, (), 4):
            out += [stem(w) for w in known if _noun_of(root, w, suffixes)]
        return tuple(dict.fromkeys(s for s in out if s != stem(word)))

    verbs = {w[:-3] + ending for w in known for ending in ("er", "ir", "re", "e", "ee", "es")}
    verbs |= {"couper", "coupe", "conduire", "reconnaitre", "admettre", "recevoir", "suspendre"}
    found = 0
    for verb in sorted(verbs):
        assert _lay_nouns(verb) == every_word(verb), verb
        found += bool(_lay_nouns(verb))
    assert found >= 20


def test_a_resource_read_for_the_results_is_the_dataclass_with_every_field(demo_db):
    """A row is made a resource by setting its attributes at once, not through the
    dataclass' __init__: every field is set, none more, as ``Resource(**values)`` would; its
    lists are tuples (which the cycle collector leaves alone)."""
    pks = [r[0] for r in demo_db.execute("SELECT pk FROM services LIMIT 20")]
    resources = get_resources(demo_db, pks)
    assert len(resources) == len(pks)
    names = {f.name for f in fields(Resource)}
    for resource in resources.values():
        assert set(vars(resource)) == names
        assert Resource(**vars(resource)) == resource
        lists = [f.name for f in fields(Resource) if str(f.type).startswith("tuple")]
        assert len(lists) == 7 and all(type(getattr(resource, n)) is tuple for n in lists)
    assert any(resource.thematiques_locales for resource in resources.values())


def test_entries_whose_fields_matched_alike_share_one_judgement(demo_db):
    """`_MatchPlan.judged` gives each entry what `_field_matches` finds, and the same key
    to entries only when they have the same matches (the short list's verdicts are shared
    by key)."""
    engine = SearchEngine(demo_db)
    pks = [r[0] for r in demo_db.execute("SELECT rowid FROM services_fts")]
    texts = engine._fields(pks, FIELDS[:-1])
    shared = 0
    for query in ("aide alimentaire moissac", "garde des enfants", "pas de mutuelle", "cv"):
        groups = engine.parse(query, typing=True).groups
        plan = _MatchPlan(groups)
        by_key: dict[tuple, list] = {}
        for pk in pks:
            key, found = plan.judged(texts[pk])
            assert found == _field_matches(groups, texts[pk], _MatchPlan(groups)), (query, pk)
            matches = [[(m.field, m.how, m.rank, m.found, m.literal) for m in per] for per in found]
            assert by_key.setdefault(key, matches) == matches, (query, pk)
        shared += len(pks) - len(by_key)
    assert shared > 100
