"""A parcours kept as JSON in its row (caseload/rows.py) comes back as it was written."""

import json

import pytest

from caseload.rows import parcours_from_json, parcours_to_json


def test_every_demo_parcours_reads_back_as_it_was_written(demo_db):
    # The demo's 400-odd parcours hold every step, bilan, concertation, réorientation and
    # motif de sortie the convention knows.
    texts = [r[0] for r in demo_db.execute("SELECT parcours FROM demandeurs")]
    assert len(texts) > 100
    for text in texts:
        p = parcours_from_json(text)
        assert parcours_from_json(parcours_to_json(p)) == p
        assert json.loads(parcours_to_json(p)) == json.loads(text)


@pytest.mark.parametrize(
    ("key", "value"), [("origine", "pole-emploi"), ("axe", "axe4"), ("motif", "vacances")]
)
def test_a_value_no_rule_knows_is_refused_not_read_as_another(demo_db, key, value):
    text = next(
        r[0]
        for r in demo_db.execute("SELECT parcours FROM demandeurs")
        if json.loads(r[0]).get("motif")
    )
    data = json.loads(text)
    data[key] = value
    with pytest.raises(ValueError):
        parcours_from_json(json.dumps(data))
