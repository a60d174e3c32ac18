"""Results-identical check for speed work: dump the top 50 of many queries, compare two dumps.

A speed change must not change what a search shows. ``dump`` runs every query of
``bench_search.py`` (its field queries and the queries that name a commune) and of
``eval_queries.json`` over one base, under eight settings (typing or not × no filter, a
thématique, free and for the young, a Commune filter with a radius), each query twice (the
first time and again, when the engine's caches hold what it read), and writes, per search,
the total, the commune, the relaxed flag, the words ignored and, for each of the top 50, every
field a screen shows (id, score, km, local, weak, loose, missing words, related entry, why).
``compare`` prints the first differences between two dumps field by field; exit code 1 when
any. Both searches of a query must give the same answer: ``dump`` fails otherwise.

Run (the bases of ``bench_search.py --keep DIR``, or the demo seed when no --db is given)::

    python tests/bench/compare_results.py dump --db DIR/bench-10000.db --out before-10k.json
    python tests/bench/compare_results.py compare before-10k.json after-10k.json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import PLACE_QUERIES, QUERIES  # noqa: E402

EVAL = Path(__file__).with_name("eval_queries.json")
LIMIT = 50


def queries() -> list[str]:
    evaluated = [q["q"] for q in json.loads(EVAL.read_text("utf-8"))["queries"]]
    return list(dict.fromkeys([*QUERIES, *PLACE_QUERIES, *evaluated]))


def settings(db) -> list[tuple[str, dict]]:
    """(label, SearchFilters arguments): the filters a conseiller sets on the screen."""
    slugs = [r[0] for r in db.execute("SELECT slug FROM service_thematiques GROUP BY slug")]
    thematique = "sante" if "sante" in slugs else (slugs[0] if slugs else None)
    montauban = db.execute("SELECT code_insee FROM communes WHERE nom = 'Montauban'").fetchone()
    filters: list[tuple[str, dict]] = [("none", {})]
    if thematique:
        filters.append((f"thematique={thematique}", {"thematique": thematique}))
    filters.append(("gratuit+jeunes", {"frais": "gratuit", "public": "jeunes"}))
    if montauban:
        filters.append(("commune=montauban,20km", {"commune": montauban[0], "rayon_km": 20.0}))
    return [(f"{label}|typing={typing}", f) for typing in (True, False) for label, f in filters]


def answer(result) -> dict:
    return {
        "total": result.total,
        "commune": result.commune.code_insee if result.commune else None,
        "from_query": result.commune_from_query,
        "ignored": list(result.ignored),
        "relaxed": result.relaxed,
        "hits": [
            {
                "id": h.resource.id,
                "score": h.score,
                "km": h.distance_km,
                "local": h.local,
                "weak": h.weak,
                "loose": h.loose,
                "missing": list(h.missing),
                "related_to": h.related_to,
                "matches": [
                    [m.query, m.found, m.field, m.how, m.rank, m.literal] for m in h.matches
                ],
                "why": h.why(),
            }
            for h in result.hits
        ],
    }


def dump(db_path: str | None, out: str) -> None:
    from ressources.search import SearchEngine, SearchFilters
    from seed.loader import open_seeded_database

    with tempfile.TemporaryDirectory() as folder:
        db = open_seeded_database(db_path or Path(folder) / "demo.db", demo=not db_path)
        engine = SearchEngine(db)
        engine.warm_up()
        results: dict[str, dict] = {}
        for label, arguments in settings(db):
            typing = label.endswith("typing=True")
            for query in queries():
                first = answer(
                    engine.search(query, SearchFilters(**arguments), limit=LIMIT, typing=typing)
                )
                again = answer(
                    engine.search(query, SearchFilters(**arguments), limit=LIMIT, typing=typing)
                )
                if first != again:
                    raise SystemExit(f"{label} {query!r}: the second search differs")
                results[f"{label}|{query}"] = first
        db.close()
    Path(out).write_text(json.dumps(results, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{len(results)} searches written to {out}")


def compare(before_path: str, after_path: str, show: int = 20) -> int:
    before = json.loads(Path(before_path).read_text("utf-8"))
    after = json.loads(Path(after_path).read_text("utf-8"))
    differences: list[str] = []
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        if a is None or b is None:
            differences.append(f"{key}: only in {'after' if a is None else 'before'}")
            continue
        for name in ("total", "commune", "from_query", "ignored", "relaxed"):
            if a[name] != b[name]:
                differences.append(f"{key}: {name} {a[name]!r} → {b[name]!r}")
        if len(a["hits"]) != len(b["hits"]):
            differences.append(f"{key}: {len(a['hits'])} hits → {len(b['hits'])}")
        for rank, (x, y) in enumerate(zip(a["hits"], b["hits"], strict=False), 1):
            for name in x:
                if x[name] != y.get(name):
                    differences.append(f"{key} #{rank} {name}: {x[name]!r} → {y.get(name)!r}")
    for line in differences[:show]:
        print(line)
    print(
        f"{len(before)} / {len(after)} searches compared: "
        f"{len(differences)} difference(s)" + (" — identical" if not differences else "")
    )
    return 1 if differences else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("--db", help="a base (default: a fresh demo seed)")
    d.add_argument("--out", required=True)
    c = sub.add_parser("compare")
    c.add_argument("before")
    c.add_argument("after")
    c.add_argument("--show", type=int, default=20)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.db, args.out)
    else:
        raise SystemExit(compare(args.before, args.after, args.show))


if __name__ == "__main__":
    main()
