"""Benchmark: search latency, import time, memory and start-up, printed as figures.

Generates 1,000, 10,000 and 100,000 resources from the demo seed (communes, names and
descriptions varied at random, seeded), imports them into fresh SQLite files and measures,
each size in its own process so that memory figures do not mix:

- p50/p95 latency of Binôme's search over a fixed set of realistic queries (typos, accents,
  acronyms, communes), with the app's settings (search-as-you-type, 50 results);
- p95 of the queries that name a commune (the place query), and tantivy's p50/p95 on the
  same queries over the same resources (``pip install -e '.[bench]'``);
- the CPU p50/p95 of the first time each query is searched (the engine answers the same
  search again from what it kept: the repeats measure that, a new keystroke is a first time);
- the same for a naive baseline: rapidfuzz ``process.extract`` with ``WRatio`` and
  ``utils.default_process`` over each resource's concatenated text;
- import time (validation against the national schema, normalisation, indexing) and peak RSS;
- the time until the app shows its first screen on the default seeded database.

The last line is one JSON object. Run: ``python tests/bench/bench_search.py [--sizes 1000,10000]``.
``--keep DIR`` keeps the generated files and imported bases in DIR and reuses them on the next
run (the 100,000 import takes minutes on a loaded machine): the import is then not timed.
``--no-baseline`` leaves out the rapidfuzz baseline (over two minutes at 100,000).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

QUERIES = [
    "epicerie solidaire moissac",
    "logemnt",
    "surendetement",
    "CAF",
    "RSA",
    "mdph",
    "cmp",
    "chrs",
    "siae",
    "fle",
    "pcb",
    "115",
    "dettes",
    "un toit ce soir",
    "psy",
    "garde des enfants",
    "permis de conduire",
    "garage solidaire",
    "mission locale montauban",
    "aide alimentaire caussade",
    "hebergement urgence",
    "atelier numerique",
    "cv",
    "creation entreprise",
    "violences conjugales",
    "addiction alcool",
    "formation",
    "apprendre le francais",
    "sante mentale",
    "transport",
    "ccas",
    "france services",
    "auto ecole sociale",
    "chantier insertion",
    "microcredit",
    "banque alimentaire",
    "logement jeunes",
    "acces aux droits",
    "ordinateur",
    "illettrisme",
    "mediation familiale",
    "pmi",
    "creche",
    "handicap emploi",
    "soins dentaires",
    "mutuelle",
    "expulsion loyer",
    "benevolat",
    "sport",
    "st antonin",
]
# Queries that name a commune: the place query (in it, what serves it, then by distance).
PLACE_QUERIES = [
    "logement castelsarrasin",
    "psy valence",
    "ccas montech",
    "cmp caussade",
    "france services lavit",
    "transport beaumont de lomagne",
    "aide alimentaire moissac",
    "emploi montauban",
    "creche negrepelisse",
    "permis de conduire grisolles",
]
TIMED_REPEATS = 3


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def generate(n: int, seed: int = 82) -> dict:
    """*n* services (and about n/2 structures) varied from the demo seed."""
    demo = json.loads((ROOT / "seed" / "data" / "ressources_demo.json").read_text("utf-8"))
    communes = json.loads((ROOT / "seed" / "data" / "communes-82.json").read_text("utf-8"))
    rng = random.Random(seed)
    words = sorted(
        {
            w
            for s in demo["services"]
            for w in s["description"].split()
            if w.isalpha() and len(w) > 3
        }
    )
    structures_by_id = {s["id"]: s for s in demo["structures"]}
    structures, services = [], []
    n_structures = max(1, n // 2)
    for i in range(n_structures):
        base = rng.choice(demo["structures"])
        commune = rng.choice(communes)
        structures.append(
            {
                **base,
                "id": f"bench--st{i}",
                "nom": f"{base['nom'][:120]} {commune['nom']}"[:150],
                "commune": commune["nom"],
                "code_insee": commune["code_insee"],
                "code_postal": commune["codes_postaux"][0],
                "latitude": commune["latitude"] + rng.uniform(-0.01, 0.01),
                "longitude": commune["longitude"] + rng.uniform(-0.01, 0.01),
            }
        )
    for i in range(n):
        base = rng.choice(demo["services"])
        structure = structures[rng.randrange(n_structures)]
        extra = " ".join(rng.choice(words) for _ in range(rng.randint(5, 25)))
        services.append(
            {
                **base,
                "id": f"bench--sv{i}",
                "structure_id": structure["id"],
                "nom": f"{base['nom'][:130]} {rng.choice(words)}"[:150].rstrip("."),
                "description": f"{base['description']} {extra}",
                "commune": structure["commune"],
                "code_insee": structure["code_insee"],
                "code_postal": structure["code_postal"],
                "latitude": structure["latitude"],
                "longitude": structure["longitude"],
            }
        )
    del structures_by_id
    return {"structures": structures, "services": services}


def child_make(n: int, path: str) -> dict:
    """Write the generated resources to a data·inclusion file, as a partner would send it."""
    payload = generate(n)
    Path(path).write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return {"file_mb": round(Path(path).stat().st_size / 1e6, 1)}


def child_binome(n: int, path: str, base: str = "") -> dict:
    """`binome import FILE` then searches, in one process (its peak RSS is the figure).
    *base*: a base kept from an earlier run (imported into first when it does not exist)."""
    from ressources.exchange import import_files
    from ressources.search import SearchEngine
    from seed.loader import open_seeded_database

    with tempfile.TemporaryDirectory() as folder:
        target = Path(base) if base else Path(folder) / "bench.db"
        imported = target.exists()
        db = open_seeded_database(target, demo=False)
        import_s = None
        if not imported:
            start = time.perf_counter()
            report = import_files(db, [Path(path)])
            import_s = time.perf_counter() - start
            assert report.ok, report.rejections[:3]
        start = time.perf_counter()
        engine = SearchEngine(db)
        engine.warm_up()  # as the Ressources screen does before the first key
        engine.search("logement")
        open_s = time.perf_counter() - start
        latencies, placed, cpu, placed_cpu, found = [], [], [], [], 0
        first_cpu, first_placed_cpu = [], []
        for repeat in range(TIMED_REPEATS):
            for query in QUERIES + PLACE_QUERIES:
                start, start_cpu = time.perf_counter(), time.thread_time()
                result = engine.search(query, limit=50, typing=True)
                elapsed = (time.perf_counter() - start) * 1000
                # CPU time of this thread: on a shared machine, the figure the load of the
                # other processes does not inflate (time spent waiting for a core).
                cpu.append((time.thread_time() - start_cpu) * 1000)
                latencies.append(elapsed)
                if result.commune is not None:
                    placed.append(elapsed)
                    placed_cpu.append(cpu[-1])
                if repeat == 0:
                    first_cpu.append(cpu[-1])
                    if result.commune is not None:
                        first_placed_cpu.append(cpu[-1])
                found += bool(result.hits)
        db.close()
    own_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    reader_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "n": n,
        "import_s": round(import_s, 2) if import_s is not None else None,
        "open_s": round(open_s, 3),
        "p50_ms": round(percentile(latencies, 50), 2),
        "p95_ms": round(percentile(latencies, 95), 2),
        "max_ms": round(max(latencies), 2),
        "p95_ms_place": round(percentile(placed, 95), 2),
        "cpu_p50_ms": round(percentile(cpu, 50), 2),
        "cpu_p95_ms": round(percentile(cpu, 95), 2),
        "cpu_p95_ms_place": round(percentile(placed_cpu, 95), 2),
        "cpu_p50_ms_first": round(percentile(first_cpu, 50), 2),
        "cpu_p95_ms_first": round(percentile(first_cpu, 95), 2),
        "cpu_p95_ms_place_first": round(percentile(first_placed_cpu, 95), 2),
        "queries_with_results": found // TIMED_REPEATS,
        # Large files are read by a second process during the import: its peak is added
        # (as if both peaks were at the same moment — an upper bound).
        "peak_rss_mb": round((own_rss + reader_rss) / 1024, 1),
        "reader_rss_mb": round(reader_rss / 1024, 1),
    }


# Where a search's time goes (`--phases`): the engine's steps, each timed without the steps
# it calls (a step of several names is their sum).
PHASES = (
    ("parse", ("parse", "_weigh_context")),
    ("shortlist", ("_select", "_shortlist_by_tier")),
    ("place lists", ("_nearest",)),
    ("fields read", ("_fields",)),
    ("rescore", ("_rescore",)),
    ("like the best", ("_related",)),
    ("hits", ("_hits",)),
    ("other", ("search", "_check_caches")),
)


def child_phases(n: int, base: str) -> dict:
    """Each bench query once (the first time it is seen, as a new keystroke), the time of
    each step of the search and of Python's cycle collector, averaged over the queries."""
    import gc

    from ressources.search import SearchEngine
    from seed.loader import open_seeded_database

    db = open_seeded_database(Path(base), demo=False)
    spent: dict[str, float] = dict.fromkeys([label for label, _ in PHASES] + ["GC"], 0.0)
    stack: list[float] = []

    def timed(method, label):
        def step(*args, **kwargs):
            start = time.perf_counter()
            stack.append(0.0)
            try:
                return method(*args, **kwargs)
            finally:
                elapsed, inner = time.perf_counter() - start, stack.pop()
                spent[label] += elapsed - inner
                if stack:
                    stack[-1] += elapsed

        return step

    for label, names in PHASES:
        for name in names:
            setattr(SearchEngine, name, timed(getattr(SearchEngine, name), label))
    engine = SearchEngine(db)
    engine.warm_up()
    engine.search("logement")
    started: list[float] = []

    def collector(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(time.perf_counter())
        elif started:
            spent["GC"] += time.perf_counter() - started.pop()

    for key in spent:
        spent[key] = 0.0
    gc.callbacks.append(collector)
    start = time.perf_counter()
    for query in QUERIES + PLACE_QUERIES:
        engine.search(query, limit=50, typing=True)
    total = time.perf_counter() - start
    gc.callbacks.remove(collector)
    db.close()
    count = len(QUERIES) + len(PLACE_QUERIES)
    # The collector's time is inside the steps it interrupted: told apart, not added.
    return {
        "n": n,
        "total_ms": round(total / count * 1000, 3),
        **{label: round(ms / count * 1000, 3) for label, ms in spent.items()},
    }


def child_baseline(n: int, path: str) -> dict:
    from rapidfuzz import fuzz, process, utils

    payload = json.loads(Path(path).read_text(encoding="utf-8"))
    names = {s["id"]: s["nom"] for s in payload["structures"]}
    texts = [
        " ".join([s["nom"], names[s["structure_id"]], s["description"], s.get("commune") or ""])
        for s in payload["services"]
    ]
    del payload
    processed = [utils.default_process(t) for t in texts]
    latencies = []
    repeats = 1 if n > 20_000 else TIMED_REPEATS
    for _ in range(repeats):
        for query in QUERIES:
            start = time.perf_counter()
            process.extract(utils.default_process(query), processed, scorer=fuzz.WRatio, limit=50)
            latencies.append((time.perf_counter() - start) * 1000)
    return {
        "n": n,
        "p50_ms": round(percentile(latencies, 50), 2),
        "p95_ms": round(percentile(latencies, 95), 2),
    }


def child_tantivy(n: int, path: str) -> dict:
    """tantivy (BM25 + fuzzy terms, as in bench_relevance.py) over the same file."""
    from bench_relevance import tantivy_engine

    payload = json.loads(Path(path).read_text(encoding="utf-8"))
    names = {s["id"]: s["nom"] for s in payload["structures"]}
    docs = [
        {
            "id": s["id"],
            "nom": s["nom"],
            "structure": names[s["structure_id"]],
            "thematiques": " ".join(s.get("thematiques") or []),
            "mots_cles": " ".join((s.get("binome") or {}).get("mots_cles") or []),
            "description": s.get("description") or "",
            "commune": s.get("commune") or "",
        }
        for s in payload["services"]
    ]
    del payload
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        search = tantivy_engine(docs, path=folder)
        build_s = time.perf_counter() - start
        latencies, cpu = [], []
        for _ in range(TIMED_REPEATS):
            for query in QUERIES + PLACE_QUERIES:
                start, start_cpu = time.perf_counter(), time.process_time()
                search(query, 50)
                latencies.append((time.perf_counter() - start) * 1000)
                # The whole process's CPU time (tantivy may search in threads of its own).
                cpu.append((time.process_time() - start_cpu) * 1000)
    return {
        "n": n,
        "p50_ms": round(percentile(latencies, 50), 2),
        "p95_ms": round(percentile(latencies, 95), 2),
        "cpu_p95_ms": round(percentile(cpu, 95), 2),
        "build_s": round(build_s, 2),
    }


def child_seed(db_path: str) -> dict:
    start = time.perf_counter()
    from seed.loader import open_seeded_database

    open_seeded_database(db_path).close()
    return {"seed_s": round(time.perf_counter() - start, 3)}


def child_first_screen(db_path: str) -> dict:
    """From process start (imports included) to the Ressources screen shown, headless."""
    start = time.perf_counter()
    import asyncio

    from tui.app import make_app
    from tui.screens.ressources import ResourcesScreen

    app = make_app(db_path=db_path)
    shown = {}

    async def run() -> None:
        async with app.run_test(size=(140, 40)) as pilot:
            while not isinstance(app.screen, ResourcesScreen):
                await pilot.pause(0.005)
            await pilot.pause()
            shown["s"] = time.perf_counter() - start

    asyncio.run(run())
    return {"first_screen_s": round(shown["s"], 3)}


def run_child(kind: str, n: int = 0, db: str = "", base: str = "") -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--n", str(n), "--db", db, "--base", base],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--db", default="", help=argparse.SUPPRESS)
    parser.add_argument("--base", default="", help=argparse.SUPPRESS)
    parser.add_argument(
        "--keep", metavar="DIR", help="keep the files and bases in DIR, reuse them next time"
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the rapidfuzz baseline")
    parser.add_argument(
        "--phases",
        action="store_true",
        help="also print where a new search's time goes, step by step (needs --keep)",
    )
    args = parser.parse_args()
    if args.child:
        if args.child in ("seed", "first-screen"):
            fn = child_seed if args.child == "seed" else child_first_screen
            result = fn(args.db)
        else:
            children = {
                "make": child_make,
                "binome": child_binome,
                "baseline": child_baseline,
                "tantivy": child_tantivy,
            }
            if args.child == "binome":
                result = child_binome(args.n, args.db, args.base)
            elif args.child == "phases":
                result = child_phases(args.n, args.base)
            else:
                result = children[args.child](args.n, args.db)
        print(json.dumps(result))
        return

    summary: dict = {}
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{len(QUERIES)} queries × {TIMED_REPEATS}, sizes {sizes}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as folder:
            kept = Path(args.keep) if args.keep else None
            if kept is not None:
                kept.mkdir(parents=True, exist_ok=True)
            data = str((kept or Path(folder)) / f"ressources-{n}.json")
            if kept is not None and Path(data).exists():
                made = {"file_mb": round(Path(data).stat().st_size / 1e6, 1)}
            else:
                made = run_child("make", n, db=data)
            base_path = str(kept / f"bench-{n}.db") if kept is not None else ""
            ours = run_child("binome", n, db=data, base=base_path)
            base = (
                {"p50_ms": math.nan, "p95_ms": math.nan}
                if args.no_baseline
                else run_child("baseline", n, db=data)
            )
            phases = run_child("phases", n, base=base_path) if args.phases and base_path else None
            try:
                engine = run_child("tantivy", n, db=data)
            except subprocess.CalledProcessError:  # tantivy not installed: pip install .[bench]
                engine = {"p50_ms": None, "p95_ms": None, "cpu_p95_ms": None}
        label = f"{n // 1000}k"
        print(
            f"{n:>7} resources | binome p50 {ours['p50_ms']:7.2f} ms  p95 {ours['p95_ms']:7.2f} ms"
            f"  max {ours['max_ms']:7.2f} ms | baseline p50 {base['p50_ms']:8.1f} ms"
            f"  p95 {base['p95_ms']:8.1f} ms | import {ours['import_s'] or 0:6.2f} s"
            f" ({made['file_mb']} MB file) | open {ours['open_s']:5.3f} s"
            f" | peak RSS {ours['peak_rss_mb']:6.1f} MB (reader {ours['reader_rss_mb']} MB)"
            f" | queries with results {ours['queries_with_results']}/"
            f"{len(QUERIES) + len(PLACE_QUERIES)}"
            f" | place p95 {ours['p95_ms_place']:.2f} ms | tantivy p95 {engine['p95_ms']} ms"
            f" | binome CPU p50 {ours['cpu_p50_ms']:.2f} ms p95 {ours['cpu_p95_ms']:.2f} ms"
            f" place {ours['cpu_p95_ms_place']:.2f} ms"
            f" (first time seen: p50 {ours['cpu_p50_ms_first']:.2f} ms"
            f" p95 {ours['cpu_p95_ms_first']:.2f} ms place {ours['cpu_p95_ms_place_first']:.2f} ms)"
            f" | tantivy CPU p95 {engine['cpu_p95_ms']} ms"
        )
        if phases is not None:
            steps = ", ".join(f"{name} {phases[name]:.2f}" for name, _ in PHASES)
            print(
                f"{n:>7} resources | a new search, where its {phases['total_ms']:.2f} ms go"
                f" (mean of the {len(QUERIES) + len(PLACE_QUERIES)} queries, each step without"
                f" those it calls): {steps}; of which Python's cycle collector {phases['GC']:.2f}"
            )
        summary[f"p50_ms_{label}"] = ours["p50_ms"]
        summary[f"p95_ms_{label}"] = ours["p95_ms"]
        summary[f"p95_ms_place_{label}"] = ours["p95_ms_place"]
        summary[f"tantivy_p95_ms_{label}"] = engine["p95_ms"]
        summary[f"cpu_p95_ms_{label}"] = ours["cpu_p95_ms"]
        summary[f"cpu_p95_ms_place_{label}"] = ours["cpu_p95_ms_place"]
        summary[f"cpu_p50_ms_first_{label}"] = ours["cpu_p50_ms_first"]
        summary[f"cpu_p95_ms_first_{label}"] = ours["cpu_p95_ms_first"]
        summary[f"cpu_p95_ms_place_first_{label}"] = ours["cpu_p95_ms_place_first"]
        summary[f"tantivy_cpu_p95_ms_{label}"] = engine["cpu_p95_ms"]
        if not args.no_baseline:
            summary[f"baseline_p50_ms_{label}"] = base["p50_ms"]
            summary[f"baseline_p95_ms_{label}"] = base["p95_ms"]
        summary[f"import_s_{label}"] = ours["import_s"]
        summary[f"peak_rss_mb_{label}"] = ours["peak_rss_mb"]
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "binome.db")
        seed_s = run_child("seed", db=db)["seed_s"]
        screens = [run_child("first-screen", db=db)["first_screen_s"] for _ in range(3)]
    summary["first_screen_s"] = statistics.median(screens)
    summary["first_run_seed_s"] = seed_s
    print(
        f"first run: database created and seeded in {seed_s:.2f} s; "
        f"first screen (median of 3 starts): {summary['first_screen_s']:.3f} s"
    )
    summary["load_1min"] = round(os.getloadavg()[0], 1)
    print(f"load average (1 min) at the end: {summary['load_1min']}")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
