"""Benchmark: many people saving at once on one SQLite file, with an import running.

Writer processes (half on the same field of a few entries, half each on a field of their
own of the same entries), importers re-importing a data·inclusion file and a reader work
together for ``--seconds``; then every save reported as saved is looked for in the history
under the version it was given. Printed: saved / merged (landed on a newer version than the
one opened: different fields) / conflicts (the same field: the conflict screen) / lost /
busy (still locked after the retry budget, told in French) / errors (anything else: raw
SQLite errors, tracebacks). Target: 0 lost, 0 errors. The last line is one JSON object.

Run: ``python tests/bench/bench_concurrency.py [--writers 20] [--seconds 60] [--importers 1]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import concurrency_worker  # noqa: E402

from seed.loader import open_seeded_database  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--importers", type=int, default=1)
    parser.add_argument("--readers", type=int, default=1)
    parser.add_argument("--entries", type=int, default=5, help="entries the writers share")
    parser.add_argument("--import-size", type=int, default=200, help="services per import")
    parser.add_argument(
        "--think", type=float, default=0.05, help="at most this long between opening and saving"
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="binome-bench-") as tmp:
        work = Path(tmp)
        db_path = work / "binome.db"
        open_seeded_database(db_path).close()
        same = args.writers // 2
        started = time.monotonic()
        lines = concurrency_worker.run(
            db_path,
            work,
            same=same,
            different=args.writers - same,
            importers=args.importers,
            readers=args.readers,
            seconds=args.seconds,
            entries=args.entries,
            import_size=args.import_size,
            think=args.think,
        )
        elapsed = time.monotonic() - started
        summary = concurrency_worker.verify(db_path, lines)
    summary.update(
        writers=args.writers,
        importers=args.importers,
        seconds=args.seconds,
        wall_seconds=round(elapsed, 1),
    )
    print(
        f"{args.writers} writers ({same} on one field, {args.writers - same} on their own "
        f"fields of the same {args.entries} entries), {args.importers} importer(s), "
        f"{args.readers} reader(s), {args.seconds:g} s"
    )
    for key in (
        "saved",
        "merged",
        "conflicts",
        "conflicts_on_different_fields",
        "lost",
        "busy",
        "errors",
        "duplicate_versions",
        "imports",
        "reads",
        "integrity",
    ):
        print(f"  {key:32} {summary[key]}")
    for sample in summary["error_samples"]:
        print(f"  error: {sample}")
    print(
        json.dumps(
            {k: v for k, v in summary.items() if not k.endswith("_samples")}, ensure_ascii=False
        )
    )
    return 0 if summary["lost"] == 0 and summary["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
