"""Benchmark: peak memory and time of ``binome export`` (JSON and CSV) on a large base.

Makes a base of N services (default 100,000) by copying the demo seed's services under new
ids (the export reads the tables, not the search index, so the copies need no indexing),
then runs ``binome export`` in a fresh process per format and reads that process's peak
RSS. Target: under 300 MB at 100,000 services. Last line: one JSON object.

Run: ``python tests/bench/bench_export.py [--services 100000]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def make_base(path: Path, services: int) -> int:
    from seed.loader import open_seeded_database

    db = open_seeded_database(path)
    columns = [c.name for c in db["services"].columns if c.name not in ("pk", "id")]
    seed_count = db.execute("SELECT count(*) FROM services").fetchone()[0]
    copies = max(0, -(-services // seed_count) - 1)
    names = ", ".join(columns)
    with db.atomic():
        for k in range(1, copies + 1):
            db.execute(
                f"INSERT INTO services(id, {names}) SELECT id || '-copie{k}', {names} "
                "FROM services WHERE id NOT LIKE '%-copie%'"
            )
    total = db.execute("SELECT count(*) FROM services").fetchone()[0]
    db.close()
    return total


def export_in_child(db: Path, target: Path) -> dict:
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "export", str(target), "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(max(peak_kib, before) / 1024, 1),
        "file_mb": round(target.stat().st_size / 1e6, 1),
        "output": done.stdout.strip(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="binome-bench-export-") as folder:
        base = Path(folder) / "base.db"
        total = make_base(base, args.services)
        print(f"base : {total} services")
        results = {"services": total}
        # RUSAGE_CHILDREN keeps the largest child's peak: the JSON export runs first, in
        # the same conditions as the CSV one; the CSV figure is an upper bound of its own.
        for fmt in ("json", "csv"):
            figures = export_in_child(base, Path(folder) / f"export.{fmt}")
            results[fmt] = figures
            print(
                f"{fmt}: {figures['seconds']} s, pic mémoire {figures['peak_rss_mb']} Mo, "
                f"fichier {figures['file_mb']} Mo"
            )
        print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
