"""Benchmark: 30 concurrent sessions on one ``binome serve``, printed as figures.

Starts ``binome serve`` on 127.0.0.1 on a fresh demo base and opens 30 browser tabs as the
served tests do (textual-serve's websocket protocol, the screen read through pyte). Each tab
waits for the sign-in screen, signs in (each profile has a real argon2id password), types a
search and waits for its first results; all 30 stay open at the end, when the memory of their
app processes is read.

Two arrival patterns, the same 30 sessions each:

- ``staggered``: one new tab every ``--stagger`` seconds (people arriving at work);
- ``burst``: all 30 tabs at the same instant (the worst case: a server restart at 9:00).

Figures: time to the sign-in screen (tab opened → identifiant and mot de passe drawn), time
from sign-in (Enter) to the first results on screen, RSS per session (each app process and its
shell), errors. Targets: sign-in screen ≤ 1.5 s, ≤ 150 MB per session, 0 errors.
The last line is one JSON object. Run: ``python tests/bench/bench_serve.py [--sessions 30]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from served import SERVER_PIDS, Tab, running_server  # noqa: E402

PASSWORD = "Bench-serve-2026!"
QUERIES = ["epicerie solidaire", "logemnt", "permis de conduire", "surendetement", "psy"]
EXPECTED = {
    "epicerie solidaire": "picerie",
    "logemnt": "ogement",
    "permis de conduire": "ermis",
    "surendetement": "endettement",
    "psy": "sy",
}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of a process in MB; PSS shares the pages it has in common with others."""
    rss = pss = 0.0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1]) / 1024
            elif line.startswith("Pss:"):
                pss = int(line.split()[1]) / 1024
    except OSError:
        pass
    return rss, pss


def sessions_memory(server_pid: int, sessions: int) -> dict:
    """Memory of everything the server started for its tabs (the app processes, and the
    shell and client textual-serve starts each through), per session; the preloader apart."""
    rss = pss = preload_rss = 0.0
    processes = 0
    for pid in descendants(server_pid):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        r, p = memory_mb(pid)
        if b"preload" in cmdline and parent == server_pid:  # the preloader itself
            preload_rss = r
            continue
        rss, pss, processes = rss + r, pss + p, processes + 1
    return {
        "rss_per_session_mb": round(rss / sessions, 1),
        "pss_per_session_mb": round(pss / sessions, 1),
        "preloader_rss_mb": round(preload_rss, 1),
        "processes": processes,
    }


async def one_session(url: str, index: int, profils: list[str], state: dict) -> dict:
    profil = profils[index % len(profils)]
    query = QUERIES[index % len(QUERIES)]
    started = time.perf_counter()
    try:
        async with Tab.open(url) as tab:
            await tab.wait_for("Identifiant", "Mot de passe")
            signin_screen = time.perf_counter() - started
            await tab.type(profil)
            await tab.press("enter")
            await tab.wait_for("› Mot de passe")
            await tab.type(PASSWORD)
            signed = time.perf_counter()
            await tab.press("enter")
            await tab.wait_for("Binôme · Ressources")
            await tab.type(query)
            await tab.wait_for("ressources ·", EXPECTED[query])
            first_results = time.perf_counter() - signed
            state["ready"] += 1
            # Every tab stays open until memory is read, reading its frames as a browser does
            # (which also answers the server's websocket heartbeat).
            while not state["hold"].is_set() and not tab.closed:
                await tab.settle()
            if tab.closed:
                raise RuntimeError("the session was closed before the end")
    finally:
        state["settled"] += 1
    return {"signin_screen": signin_screen, "first_results": first_results}


async def run_pattern(url: str, server_pid: int, n: int, stagger: float, profils) -> dict:
    state = {"hold": asyncio.Event(), "ready": 0, "settled": 0}
    tasks = []
    for i in range(n):
        tasks.append(asyncio.create_task(one_session(url, i, profils, state)))
        if stagger:
            await asyncio.sleep(stagger)
    # Every session has its results (or has failed): read memory with all of them open.
    while state["ready"] + state["settled"] < n:
        await asyncio.sleep(0.2)
    memory = sessions_memory(server_pid, max(1, state["ready"]))
    state["hold"].set()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    ok = [r for r in results if isinstance(r, dict)]
    errors = [repr(r)[:300] for r in results if not isinstance(r, dict)]
    sign = [r["signin_screen"] for r in ok]
    first = [r["first_results"] for r in ok]

    def figure(values: list[float], q: float | None = None) -> float | None:
        if not values:
            return None
        return round(statistics.median(values) if q is None else percentile(values, q), 2)

    return {
        "sessions": n,
        "stagger_s": stagger,
        "signin_screen_p50_s": figure(sign),
        "signin_screen_p95_s": figure(sign, 95),
        "signin_screen_max_s": figure(sign, 100),
        "first_results_p50_s": figure(first),
        "first_results_p95_s": figure(first, 95),
        "sessions_open": state["ready"],
        **memory,
        "errors": len(errors),
        "error_samples": errors[:3],
    }


async def main_async(args) -> dict:
    from caseload.acces import get_profil, set_password
    from seed.loader import open_seeded_database

    folder = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    db_path = folder / "binome.db"
    db = open_seeded_database(db_path)
    profils = [
        r["id"]
        for r in db.query(
            "SELECT id FROM profils WHERE role IN ('conseiller', 'ass') AND demo = 1 ORDER BY id"
        )
    ][: args.sessions]
    # Real passwords, so that each sign-in pays for its argon2id check as on a real base.
    for profil_id in profils:
        profil = get_profil(db, profil_id)
        set_password(db, profil, profil_id, PASSWORD)
    db.close()
    report = {}
    with running_server(db_path) as url:
        pid = SERVER_PIDS[url]
        for name, stagger in (("staggered", args.stagger), ("burst", 0.0)):
            figure = await run_pattern(url, pid, args.sessions, stagger, profils)
            print(name, json.dumps(figure, ensure_ascii=False), flush=True)
            report[name] = figure
            await asyncio.sleep(3)  # let the tabs' processes exit before the next pattern
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--stagger", type=float, default=1.0, help="seconds between arrivals")
    args = parser.parse_args()
    report = asyncio.run(main_async(args))
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
