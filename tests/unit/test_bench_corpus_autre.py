"""The relevance bench's second corpus: its queries judge services it has, and the bench's
``--data`` runs the three engines on that file alone (not on the demo seed)."""

from __future__ import annotations

import json
from pathlib import Path

from bench.bench_relevance import demo_documents, open_base

BENCH = Path(__file__).resolve().parents[1] / "bench"
CORPUS = BENCH / "corpus_autre.json"


def test_every_judged_service_is_in_the_second_corpus():
    ids = {s["id"] for s in json.loads(CORPUS.read_text("utf-8"))["services"]}
    queries = json.loads((BENCH / "eval_autre.json").read_text("utf-8"))["queries"]
    unknown = {i for q in queries for i in q["judgments"] if i not in ids}
    assert not unknown
    assert all(q["judgments"] for q in queries)


def test_data_option_searches_the_given_file_only(tmp_path):
    db = open_base(tmp_path / "eval.db", CORPUS)
    payload = json.loads(CORPUS.read_text("utf-8"))
    expected = {s["id"] for s in payload["services"]}
    held = {row[0] for row in db.execute("SELECT id FROM services")}
    assert held == expected  # every service imported, none of the demo's
    assert {d["id"] for d in demo_documents(db, CORPUS)} == expected
    # All 22 thématiques of the base are covered by the corpus.
    used = {
        row[0]
        for row in db.execute(
            "SELECT DISTINCT value FROM services, json_each(services.thematiques_locales)"
        )
    }
    assert used == {row[0] for row in db.execute("SELECT slug FROM thematiques")}
