"""Relevance benchmark: does search find what the conseiller means?

Runs the queries of ``tests/bench/eval_queries.json`` (typed as conseillers type during an
interview: typos, phonetic and SMS spellings, lay descriptions of a need, acronyms, misspelt
places, long questions; graded judgments against the demo seed's services, 2 = the answer,
1 = a good one; those added after a query was written are listed, by date, in its
``judgments_added``) through three engines over the same data, the demo seed:

- Binôme (``SearchEngine.search`` with the app's settings: search-as-you-type);
- plain SQLite FTS5: the query's folded words OR-ed, ranked by BM25 (same field weights);
- tantivy: BM25 on the exact terms plus fuzzy terms (one typo from 5 letters, two from 9),
  ASCII-folded, same field weights.

Both plain engines also index the commune's name (Binôme reads a commune as a place).
Prints recall@5 (relevant results in the first five, over min(5, number relevant)) and
nDCG@10 (gain 2^grade − 1), overall and on the ``hard`` subset; the last line is one JSON
object. Run: ``python tests/bench/bench_relevance.py [--show-misses] [--queries FILE]
[--data FILE]``; ``tests/bench/eval_heldout.json`` holds queries written apart from the
thesaurus and never tuned for (run them with ``--queries``). ``--data`` runs the three
engines on another directory in the seed's format instead of the demo seed (imported into
a base seeded without the demo, as ``binome init --sans-demo`` then ``binome import FILE``
do): ``tests/bench/corpus_autre.json``, with its queries ``tests/bench/eval_autre.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from ressources.text import fold  # noqa: E402

EVAL = Path(__file__).with_name("eval_queries.json")
DEMO = ROOT / "seed/data/ressources_demo.json"
FIELDS = ("nom", "structure", "thematiques", "mots_cles", "description", "commune")
WEIGHTS = (10.0, 4.0, 6.0, 6.0, 1.0, 4.0)

Search = Callable[[str], list[str]]


def recall_at(ranked: list[str], judged: dict[str, int], k: int = 5) -> float:
    relevant = {i for i, g in judged.items() if g > 0}
    if not relevant:
        return 1.0
    return len(relevant & set(ranked[:k])) / min(k, len(relevant))


def ndcg_at(ranked: list[str], judged: dict[str, int], k: int = 10) -> float:
    def dcg(grades: list[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:k]))

    ideal = dcg(sorted(judged.values(), reverse=True))
    return dcg([judged.get(i, 0) for i in ranked]) / ideal if ideal else 1.0


def evaluate(search: Search, queries: list[dict]) -> dict:
    rows = []
    for q in queries:
        ranked = search(q["q"])
        rows.append((q, recall_at(ranked, q["judgments"]), ndcg_at(ranked, q["judgments"]), ranked))

    def mean(values: list[float]) -> float:
        return round(sum(values) / len(values), 3) if values else 0.0

    hard = [r for r in rows if r[0]["hard"]]
    return {
        "recall5": mean([r[1] for r in rows]),
        "ndcg10": mean([r[2] for r in rows]),
        "recall5_hard": mean([r[1] for r in hard]),
        "ndcg10_hard": mean([r[2] for r in hard]),
        "rows": rows,
    }


# -- the data, as each engine indexes it ------------------------------------------------------


def open_base(path: Path, data: Path | None = None):
    """A fresh base searched by Binôme: seeded with the demo, or, given *data* (a file in
    the seed's format), seeded without it and *data* imported as ``binome import`` does."""
    from seed.loader import open_seeded_database

    if data is None:
        return open_seeded_database(path, demo=True)
    from ressources.exchange import import_files

    db = open_seeded_database(path, demo=False)
    report = import_files(db, [data])
    for rejection in report.rejections:
        print(f"rejected: {rejection}", file=sys.stderr)
    return db


def demo_documents(db, data: Path = DEMO) -> list[dict]:
    """The services of *data* (the demo seed unless told) that the base holds, with their
    structure's name and thématique labels: the plain engines index what Binôme has."""
    from ressources.record import local_thematiques
    from ressources.store import _DI_LABELS
    from ressources.thematiques import Thematiques

    payload = json.loads(data.read_text("utf-8"))
    thematiques = Thematiques.from_db(db)
    structures = {s["id"]: s["nom"] for s in payload["structures"]}
    held = {row[0] for row in db.execute("SELECT id FROM services")}
    docs = []
    for s in payload["services"]:
        if s["id"] not in held:
            continue  # refused by the import (printed): no engine has it
        ext = s.get("binome") or {}
        local = [thematiques.label(t) for t in local_thematiques(s, thematiques)]
        themes = " ".join(local + [_DI_LABELS.get(t, "") for t in s.get("thematiques") or []])
        docs.append(
            {
                "id": s["id"],
                "nom": s["nom"],
                "structure": structures.get(s["structure_id"], ""),
                "thematiques": themes,
                "mots_cles": " ".join(ext.get("mots_cles") or []),
                "description": s.get("description") or "",
                "commune": s.get("commune") or "",
            }
        )
    return docs


def fts5_engine(docs: list[dict]) -> Search:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        f"CREATE VIRTUAL TABLE d USING fts5(id UNINDEXED, {', '.join(FIELDS)}, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    conn.executemany(
        f"INSERT INTO d VALUES (?, {', '.join('?' for _ in FIELDS)})",
        [[d["id"], *(d[f] for f in FIELDS)] for d in docs],
    )
    weights = ", ".join(str(w) for w in WEIGHTS)

    def search(query: str) -> list[str]:
        terms = fold(query).split()
        if not terms:
            return []
        expression = " OR ".join(f'"{t}"' for t in terms)
        return [
            r[0]
            for r in conn.execute(
                f"SELECT id FROM d WHERE d MATCH ? ORDER BY bm25(d, 0, {weights}) LIMIT 10",
                [expression],
            )
        ]

    return search


def tantivy_engine(docs: list[dict], path: str | None = None) -> Search:
    import tantivy

    analyzer = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    for name in FIELDS:
        builder.add_text_field(name, tokenizer_name="fold")
    schema = builder.build()
    index = tantivy.Index(schema, path=path)
    index.register_tokenizer("fold", analyzer)
    writer = index.writer(heap_size=100_000_000, num_threads=1)
    for d in docs:
        writer.add_document(
            tantivy.Document(**{k: [v] for k, v in d.items() if k in FIELDS or k == "id"})
        )
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    searcher = index.searcher()
    boosts = dict(zip(FIELDS, WEIGHTS, strict=True))

    def search(query: str, limit: int = 10) -> list[str]:
        terms = fold(query).split()
        if not terms:
            return []
        clauses = []
        for term in terms:
            distance = 2 if len(term) >= 9 else 1 if len(term) >= 5 else 0
            for name in FIELDS:
                exact = tantivy.Query.term_query(schema, name, term)
                clauses.append(
                    (tantivy.Occur.Should, tantivy.Query.boost_query(exact, boosts[name]))
                )
                if distance:
                    fuzzy = tantivy.Query.fuzzy_term_query(
                        schema, name, term, distance=distance, transposition_cost_one=True
                    )
                    clauses.append(
                        (tantivy.Occur.Should, tantivy.Query.boost_query(fuzzy, boosts[name] / 2))
                    )
        hits = searcher.search(tantivy.Query.boolean_query(clauses), limit).hits
        return [searcher.doc(address)["id"][0] for _score, address in hits]

    return search


def binome_engine(db) -> Search:
    from ressources.search import SearchEngine

    engine = SearchEngine(db)

    def search(query: str) -> list[str]:
        return [h.resource.id for h in engine.search(query, limit=10, typing=True).hits]

    return search


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true", help="Binôme's weakest queries")
    parser.add_argument("--only", choices=("binome", "fts5", "tantivy"), action="append")
    parser.add_argument(
        "--queries",
        type=Path,
        default=EVAL,
        help="another query file of the same shape (e.g. tests/bench/eval_heldout.json)",
    )
    parser.add_argument(
        "--data",
        type=Path,
        help="another directory in the seed's format instead of the demo seed "
        "(e.g. tests/bench/corpus_autre.json, with --queries tests/bench/eval_autre.json)",
    )
    args = parser.parse_args()

    queries = json.loads(args.queries.read_text("utf-8"))["queries"]
    engines = args.only or ["binome", "fts5", "tantivy"]
    summary: dict = {"queries": len(queries), "hard": sum(q["hard"] for q in queries)}
    with tempfile.TemporaryDirectory() as folder:
        db = open_base(Path(folder) / "eval.db", args.data)
        docs = demo_documents(db, args.data or DEMO)
        print(f"{summary['queries']} queries ({summary['hard']} hard), {len(docs)} services")
        for name in engines:
            if name == "binome":
                search = binome_engine(db)
            elif name == "fts5":
                search = fts5_engine(docs)
            else:
                search = tantivy_engine(docs)
            result = evaluate(search, queries)
            print(
                f"{name:>8} | recall@5 {result['recall5']:.3f}  nDCG@10 {result['ndcg10']:.3f}"
                f" | hard: recall@5 {result['recall5_hard']:.3f}"
                f"  nDCG@10 {result['ndcg10_hard']:.3f}"
            )
            for key in ("recall5", "ndcg10", "recall5_hard", "ndcg10_hard"):
                summary[f"{name}_{key}"] = result[key]
            kinds = sorted({k for q in queries for k in q["kinds"]})
            by_kind = []
            for kind in kinds:
                rows = [r for r in result["rows"] if kind in r[0]["kinds"]]
                recall = sum(r[1] for r in rows) / len(rows)
                by_kind.append(f"{kind} {recall:.2f} ({len(rows)})")
            print(f"{'':>8}   recall@5 by kind: {', '.join(by_kind)}")
            if name == "binome" and args.show_misses:
                # The queries whose answers are not all in the first five, by kind.
                for kind in kinds:
                    missed = [r for r in result["rows"] if kind in r[0]["kinds"] and r[1] < 1]
                    print(f"  -- {kind}: {len(missed)} queries short of recall@5 = 1")
                    for q, recall, ndcg, ranked in sorted(missed, key=lambda r: (r[1], r[2])):
                        absent = [
                            i.split("--", 1)[-1]
                            for i, g in q["judgments"].items()
                            if g > 0 and i not in ranked[:5]
                        ]
                        print(f"    {recall:.2f} {ndcg:.2f} {q['q']!r}: missing {absent[:3]}")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
