"""Benchmark: from a keystroke in the search box to the updated results on screen.

Starts ``binome`` in a tmux session (120x36) on a base of generated resources (100,000 by
default, made as in ``bench_search.py``; ``--db`` reuses a base), waits for the Ressources
screen, then types queries one character at a time as a conseiller does: after each key,
``capture-pane`` is polled until the results part of the screen (the status line, the list
and the detail; not the search box, which echoes the key at once) changes. Prints the median
and p95 of those delays; the last line is one JSON object.

What it measures includes tmux's own delay and the polling (a capture every few
milliseconds): an upper bound of what a person sees. A key after which the results do not
change (the same list) is counted apart, not timed. ``--headless`` types the same keys into
the app under Textual's Pilot instead and prints only the CPU time per key. Run:
``python tests/bench/bench_keystroke.py [--db BASE] [--size 100000] [--headless]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# Typed letter by letter, as in an interview (typos and communes included).
QUERIES = [
    "epicerie solidaire moissac",
    "logemnt urgence",
    "aide alimentaire caussade",
    "garde d'enfants",
    "psy valence",
    "permis de conduire",
    "surendetement",
    "mission locale montauban",
]
READY_TEXT = "Rechercher une ressource"
SETTLE_S = 0.15  # a person types some 5 characters a second
TIMEOUT_S = 3.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def results_part(session: str) -> str:
    """The screen below the filters (status line, results, detail), footer left out."""
    lines = tmux("capture-pane", "-p", "-t", session).splitlines()
    return "\n".join(lines[8:-1])


def wait_for(session: str, predicate, timeout: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate(results_part(session)):
            return time.perf_counter() - start
        time.sleep(0.002)
    return None


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux ``/proc``), threads included."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def make_base(n: int, folder: Path) -> Path:
    from bench_search import generate

    from ressources.exchange import import_files
    from seed.loader import open_seeded_database

    data = folder / f"ressources-{n}.json"
    data.write_text(json.dumps(generate(n), ensure_ascii=False), encoding="utf-8")
    path = folder / "keystroke.db"
    db = open_seeded_database(path, demo=False)
    report = import_files(db, [data])
    assert report.ok, report.rejections[:3]
    db.close()
    data.unlink()
    return path


def headless(base: Path) -> dict:
    """The same keys typed into the app run headless (Textual's Pilot, 120x36), each
    waited for until its search and drawing are done: the CPU time per key of the whole
    process and of its main thread (drawing), the Pilot's own share included (some 10 ms a
    key: a key that changes nothing costs that much)."""
    import asyncio

    from tui.app import make_app

    async def run() -> dict:
        app = make_app(db_path=base)
        async with app.run_test(size=(120, 36)) as pilot:

            async def settle() -> None:
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()

            await settle()
            await asyncio.sleep(2.0)  # the vocabulary loads in the background
            await settle()
            keys = 0
            cpu, main_thread = time.process_time(), time.thread_time()
            for query in QUERIES:
                for char in query:
                    await pilot.press(char if char != " " else "space")
                    await settle()
                    keys += 1
                await pilot.press("ctrl+u")
                await settle()
            return {
                "headless_keystrokes": keys,
                "headless_cpu_ms": round((time.process_time() - cpu) / keys * 1000, 1),
                "headless_main_thread_ms": round(
                    (time.thread_time() - main_thread) / keys * 1000, 1
                ),
            }

    return asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a base to use (copied first)")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument(
        "--headless", action="store_true", help="Pilot instead of tmux: CPU per key only"
    )
    args = parser.parse_args()
    if args.headless:
        with tempfile.TemporaryDirectory() as folder:
            if args.db:
                base = Path(shutil.copy(args.db, Path(folder) / "keystroke.db"))
            else:
                print(f"Base de {args.size} ressources en préparation…", flush=True)
                base = make_base(args.size, Path(folder))
            figures = headless(base)
        figures["load_1min"] = round(os.getloadavg()[0], 1)
        print(
            f"{figures['headless_keystrokes']} touches sans terminal (Pilot) : temps CPU "
            f"{figures['headless_cpu_ms']} ms par touche, dont "
            f"{figures['headless_main_thread_ms']} ms pour le fil principal (dessin) ; "
            f"charge de la machine {figures['load_1min']}"
        )
        print(json.dumps(figures))
        return
    if shutil.which("tmux") is None:
        sys.exit("tmux est nécessaire pour ce banc d'essai.")
    binome = shutil.which("binome") or str(Path(sys.executable).with_name("binome"))
    session = f"bench-keystroke-{os.getpid()}"
    with tempfile.TemporaryDirectory() as folder:
        if args.db:
            base = Path(folder) / "keystroke.db"
            shutil.copy(args.db, base)
            size = "?"
        else:
            print(f"Base de {args.size} ressources en préparation…", flush=True)
            base = make_base(args.size, Path(folder))
            size = str(args.size)
        env = f"BINOME_DB={base} HOME={folder}"
        tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "36", f"env {env} {binome}")
        try:
            started = time.perf_counter()
            if wait_for(session, lambda screen: READY_TEXT in screen, 120) is None:
                sys.exit("L'écran Ressources ne s'est pas affiché.")
            print(f"premier écran en {time.perf_counter() - started:.1f} s", flush=True)
            time.sleep(2.0)  # the vocabulary loads in the background before the first key
            pid = int(tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip())
            cpu_start = cpu_seconds(pid)
            delays, unchanged = [], 0
            for query in QUERIES:
                for char in query:
                    before = results_part(session)
                    tmux("send-keys", "-t", session, "-l", char)
                    delay = wait_for(session, lambda screen, b=before: screen != b, TIMEOUT_S)
                    if delay is None:
                        unchanged += 1
                    else:
                        delays.append(delay * 1000)
                    time.sleep(SETTLE_S)
                tmux("send-keys", "-t", session, "C-u")
                wait_for(session, lambda screen: READY_TEXT in screen, TIMEOUT_S)
                time.sleep(0.5)
            # The app's own CPU time per key (search and drawing, both threads): what the
            # delay would be on an idle machine, whatever the load of this one.
            cpu_per_key = (cpu_seconds(pid) - cpu_start) / (len(delays) + unchanged) * 1000
        finally:
            subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    if not delays:
        sys.exit("Aucune touche n'a changé les résultats : l'écran a-t-il changé de disposition ?")
    load = os.getloadavg()[0]
    summary = {
        "resources": size,
        "keystrokes": len(delays) + unchanged,
        "unchanged": unchanged,
        "keystroke_median_ms": round(statistics.median(delays), 1),
        "keystroke_p95_ms": round(percentile(delays, 95), 1),
        "keystroke_max_ms": round(max(delays), 1),
        "keystroke_cpu_ms": round(cpu_per_key, 1),
        "load_1min": round(load, 1),
    }
    print(
        f"{summary['keystrokes']} touches ({unchanged} sans changement de résultats) : "
        f"médiane {summary['keystroke_median_ms']} ms, p95 {summary['keystroke_p95_ms']} ms, "
        f"max {summary['keystroke_max_ms']} ms ; temps CPU de l'application "
        f"{summary['keystroke_cpu_ms']} ms par touche (charge de la machine {load:.1f})"
    )
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
