"""Benchmark: how long the long lists take to open and to filter, printed as figures.

Builds (once, then reuses) a big base: the demo seed, 100,000 generated services imported
as `binome import` does (``bench_search.generate``), spread over the partners with review
dates over the last two years and 2,000 open reports; and 20,000 demandeurs copied from the
demo's (their parcours, hence their alerts, kept), 1,500 of them in the MDS de Montauban.
Then, in the app (``App.run_test`` at 120x36, one process):

- F6 « À faire » as the administrateur (every partner): first opening — until the first
  frame that shows rows (``*_rows_visible_s``), then until everything the screen does in the
  background is done too (``*_complete_s``: the counts, the lists read whole for the filter
  box) —, coming back to it, and each key typed in its filter box;
- F3 « Portefeuille » as the responsable of the MDS de Montauban (1,500 people): first
  opening (the same two figures: the first page of rows painted, then every alert worked
  out and counted), coming back, and each key typed in its filter box (a name, then erased);
- the same filtering on the domain alone (no screen), for comparison.

Targets (issue 13): opening ≤ 0.3 s at 100k, filtering ≤ 80 ms per key. A key's wall-clock
figure includes the Pilot's own waits for idleness (``pilot_floor_ms``: a key that changes
nothing); its CPU figures (``*_cpu_*``, the app's thread) do not. The last line is one JSON
object. Run: ``python tests/bench/bench_lists.py [--db PATH] [--rebuild]``; the
base is kept in ``.scratch/bench_lists.db`` (about 1 GB, a few minutes to build).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

SERVICES = 100_000
DEMANDEURS = 20_000
RESPONSABLE = "resp-montauban"
RESPONSABLE_PEOPLE = 1_500
REPORTS = 2_000
BUILT_MARK = "bench_lists_built"
FILTER_TEXT = "martin"


def build(path: Path) -> None:
    """The big base at *path* (replaced)."""
    from bench_search import generate

    from ressources.db import set_meta
    from ressources.exchange import import_files
    from seed.loader import open_seeded_database

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_seeded_database(path, demo=True)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "services.json"
        source.write_text(json.dumps(generate(SERVICES), ensure_ascii=False), "utf-8")
        report = import_files(db, [source])
    assert report.ok, report.rejections[:3]
    print(f"import of {SERVICES:,} services: {time.perf_counter() - start:.1f} s", flush=True)
    rng = random.Random(13)
    today = date.today()
    partners = [r[0] for r in db.execute("SELECT slug FROM partenaires")]
    rows = db.execute("SELECT id FROM services WHERE id LIKE 'bench--%'").fetchall()
    with db.conn:
        db.conn.executemany(
            "UPDATE services SET partenaire = ?, date_revue = ? WHERE id = ?",
            [
                (
                    rng.choice(partners),
                    (today - timedelta(days=rng.randint(0, 730))).isoformat(),
                    service_id,
                )
                for (service_id,) in rows
            ],
        )
        db.conn.executemany(
            "INSERT INTO signalements(service_id, auteur, date, commentaire) VALUES (?, ?, ?, ?)",
            [
                (
                    rng.choice(rows)[0],
                    "cons-albasud-01",
                    f"{(today - timedelta(days=rng.randint(0, 90))).isoformat()}T10:00:00",
                    "Le numéro de téléphone ne répond plus, l'accueil a déménagé.",
                )
                for _ in range(REPORTS)
            ],
        )
    _copy_demandeurs(db, rng)
    set_meta(db, BUILT_MARK, "1")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def _copy_demandeurs(db, rng: random.Random) -> None:
    """Copies of the demo's demandeurs in communes of every MDS; RESPONSABLE_PEOPLE of them
    in the responsable's."""
    demo = [dict(r) for r in db.query("SELECT * FROM demandeurs WHERE demo = 1")]
    mds_of = {
        r["code_insee"]: r["mds"]
        for r in db.query(
            "SELECT cs.code_insee, s.mds FROM commune_secteurs cs JOIN sites s ON s.id = cs.site_id"
        )
    }
    mine = sorted(c for c, m in mds_of.items() if m == RESPONSABLE.removeprefix("resp-"))
    others = sorted(c for c, m in mds_of.items() if m != RESPONSABLE.removeprefix("resp-"))
    already = sum(
        1 for d in demo if mds_of.get(d["code_insee"]) == RESPONSABLE.removeprefix("resp-")
    )
    noms = sorted({d["nom"] for d in demo})
    prenoms = sorted({d["prenom"] for d in demo})
    columns = [c for c in demo[0] if c != "id"]
    copies = []
    for i in range(DEMANDEURS - len(demo)):
        row = dict(rng.choice(demo))
        row["code_insee"] = rng.choice(mine if i < RESPONSABLE_PEOPLE - already else others)
        row["quartier"] = None
        row["nom"], row["prenom"] = rng.choice(noms), rng.choice(prenoms)
        copies.append([row[c] for c in columns])
    marks = ", ".join("?" for _ in columns)
    with db.conn:
        db.conn.executemany(
            f"INSERT INTO demandeurs({', '.join(columns)}) VALUES ({marks})", copies
        )


def ready(path: Path) -> bool:
    if not path.exists():
        return False
    from caseload.database import open_project_database
    from ressources.db import get_meta

    db = open_project_database(path)
    try:
        return get_meta(db, BUILT_MARK) == "1"
    finally:
        db.close()


class _FirstRows:
    """When the first frame showing rows of a list (``ResultList``) was drawn, after
    ``arm``: the wall-clock and UI-thread CPU seconds since."""

    def __init__(self) -> None:
        self.start: float | None = None
        self.drawn = False
        self.visible_s: float | None = None
        self.visible_ui_cpu_s: float | None = None

    def arm(self) -> None:
        self.start, self.cpu = time.perf_counter(), time.thread_time()
        self.drawn, self.visible_s, self.visible_ui_cpu_s = False, None, None

    def install(self) -> None:
        from textual.screen import Screen

        from tui.widgets.result_list import ResultList

        render_line, refresh = ResultList.render_line, Screen._compositor_refresh
        first = self

        def drawing(widget, y):
            strip = render_line(widget, y)
            if first.start is not None and y > 0 and widget.row_count and widget.screen.is_current:
                first.drawn = True
            return strip

        def compositing(screen) -> None:
            refresh(screen)
            # The frame is composed (a terminal would be sent it now).
            if first.drawn and first.visible_s is None and first.start is not None:
                first.visible_s = time.perf_counter() - first.start
                first.visible_ui_cpu_s = time.thread_time() - first.cpu

        ResultList.render_line = drawing
        Screen._compositor_refresh = compositing


FIRST_ROWS = _FirstRows()


async def _opened(pilot, key: str, name: str) -> dict[str, float]:
    """An area opened with *key*: until its first rows are painted, until it is done."""
    FIRST_ROWS.arm()
    start, cpu, ui_cpu = time.perf_counter(), time.process_time(), time.thread_time()
    await pilot.press(key)
    await _settle(pilot)
    complete = time.perf_counter() - start
    assert FIRST_ROWS.visible_s is not None, f"{name}: no rows painted"
    return {
        f"{name}_rows_visible_s": FIRST_ROWS.visible_s,
        f"{name}_rows_visible_ui_cpu_s": FIRST_ROWS.visible_ui_cpu_s or 0.0,
        f"{name}_complete_s": complete,
        f"{name}_complete_cpu_s": time.process_time() - cpu,
        f"{name}_complete_ui_cpu_s": time.thread_time() - ui_cpu,
    }


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# CPU time of this process (and of its UI thread alone) beside the wall-clock time: on a
# machine shared by many, the wall clock mostly measures the others.
CPU: dict[str, float] = {}


async def _timed(pilot, *keys: str, name: str | None = None) -> float:
    """Seconds until the keys' effect is on screen and the screen's background work is
    done; the CPU seconds under *name*."""
    start, cpu, ui_cpu = time.perf_counter(), time.process_time(), time.thread_time()
    for key in keys:
        await pilot.press(key)
    await _settle(pilot)
    if name:
        CPU[name] = time.process_time() - cpu
        # The app's own thread alone (the screen's background threads left out).
        CPU[name.replace("cpu", "ui_cpu")] = time.thread_time() - ui_cpu
    return time.perf_counter() - start


MATCHING: dict[str, int] = {}


async def _pilot_floor(pilot) -> float:
    """Milliseconds a key that changes nothing takes here (« right » at the end of the
    filter box): the Pilot's own waits (at least four sleeps of 20 ms for idleness), part
    of every wall-clock figure of a key."""
    return statistics.median([await _timed(pilot, "right") for _ in range(5)]) * 1000


async def _type_and_erase(pilot, text: str) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each key: *text* typed, then erased."""
    per_key, per_key_cpu = [], []
    for key in [*text, *["backspace"] * len(text)]:
        per_key.append(await _timed(pilot, key, name="key"))
        per_key_cpu.append(CPU["key"])
        if len(per_key) == len(text):
            MATCHING["count"] = len(getattr(pilot.app.screen, "shown", []))
    return per_key, per_key_cpu


async def measure_app(path: Path) -> dict:
    from tui.app import BinomeApp
    from tui.widgets.result_list import ResultList

    figures: dict = {}
    FIRST_ROWS.install()
    app = BinomeApp(path, user="admin")
    async with app.run_test(size=(120, 36)) as pilot:
        await _settle(pilot)
        # Rows on screen; then, in threads, the counts and the long lists read whole for
        # the filter box.
        figures.update(await _opened(pilot, "f6", "afaire"))
        figures["afaire_rows_shown"] = sum(t.row_count for t in app.screen.query(ResultList))
        await _timed(pilot, "f2")
        figures["afaire_again_s"] = await _timed(pilot, "f6", name="afaire_again_cpu_s")
        # Its filter box: the lists were read whole in the background, keys search them.
        await _timed(pilot, "slash")
        figures["pilot_floor_ms"] = await _pilot_floor(pilot)
        per_key, per_key_cpu = await _type_and_erase(pilot, FILTER_TEXT)
        figures["afaire_first_key_ms"] = per_key[0] * 1000
        figures["afaire_first_key_cpu_ms"] = per_key_cpu[0] * 1000
        figures["afaire_key_ms_median"] = statistics.median(per_key[1:]) * 1000
        figures["afaire_key_ms_max"] = max(per_key[1:]) * 1000
        figures["afaire_key_cpu_ms_median"] = statistics.median(per_key_cpu[1:]) * 1000
    app = BinomeApp(path, user=RESPONSABLE)
    async with app.run_test(size=(120, 36)) as pilot:
        await _settle(pilot)
        figures.update(await _opened(pilot, "f3", "portefeuille"))
        figures["portefeuille_people"] = len(app.screen.lignes)
        await _timed(pilot, "f2")
        figures["portefeuille_again_s"] = await _timed(pilot, "f3", name="portefeuille_again_cpu_s")
        await _timed(pilot, "slash")
        per_key, per_key_cpu = await _type_and_erase(pilot, FILTER_TEXT)
        figures["portefeuille_matching"] = MATCHING["count"]
        figures["filter_key_ms_median"] = statistics.median(per_key) * 1000
        figures["filter_key_ms_max"] = max(per_key) * 1000
        figures["filter_key_cpu_ms_median"] = statistics.median(per_key_cpu) * 1000
    figures.update({k: v for k, v in CPU.items() if not k.startswith("key")})
    return figures


def measure_domain(path: Path) -> dict:
    from caseload.acces import get_profil
    from caseload.database import open_project_database
    from caseload.store import Caseload
    from ressources import edition

    db = open_project_database(path)
    try:
        start = time.perf_counter()
        edition.todo_list(db, date.today(), None)
        todo_list_s = time.perf_counter() - start
        start = time.perf_counter()
        edition.todo_count(db, date.today(), None)
        for list_name in edition.TODO_LISTS:
            edition.todo_page(db, date.today(), list_name, None, limit=100)
        first_pages_s = time.perf_counter() - start
        start = time.perf_counter()
        indexes = [
            edition.todo_index(db, date.today(), list_name, None)
            for list_name in edition.TODO_LISTS
        ]
        todo_index_s = time.perf_counter() - start
        start = time.perf_counter()
        for index in indexes:
            index.matching(FILTER_TEXT)
        todo_match_s = time.perf_counter() - start
        caseload = Caseload(db, get_profil(db, RESPONSABLE))
        start = time.perf_counter()
        caseload.portefeuille()
        portefeuille_s = time.perf_counter() - start
    finally:
        db.close()
    return {
        "domain_todo_list_whole_s": todo_list_s,
        "domain_todo_counts_and_pages_s": first_pages_s,
        "domain_todo_index_s": todo_index_s,
        "domain_todo_match_ms": todo_match_s * 1000,
        "domain_portefeuille_s": portefeuille_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / ".scratch" / "bench_lists.db")
    parser.add_argument("--rebuild", action="store_true", help="build the base again")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild or not ready(args.db):
        print(f"building {args.db.name}…", flush=True)
        build(args.db)
    # The machine's load before and after: on a shared machine the wall-clock figures
    # mostly measure the others; the CPU ones (``*_cpu_*``: this process) much less.
    figures = {"load": os.getloadavg()[0]}
    figures.update(measure_domain(args.db))
    figures.update(asyncio.run(measure_app(args.db)))
    figures["load_after"] = os.getloadavg()[0]
    for name, value in figures.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"{name:28} {shown}")
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()}))


if __name__ == "__main__":
    main()
