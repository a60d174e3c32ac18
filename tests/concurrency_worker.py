"""One process of the concurrency tests and benchmark: a writer, an importer or a reader
working on a shared Binôme base for a given time, as a person (or a cron job) would.

Run as a script (``python tests/concurrency_worker.py ROLE DB OUT …``): it waits for the file
``GO`` to exist (so that every process starts together), works for ``--seconds``, and writes
what happened to *OUT* as JSON lines, one per save (saved / conflict / busy / error). The
parent checks them against the final base (tests/functional/test_concurrency.py, the benchmark).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

# Free-text fields of an entry: a writer "on different fields" owns one of them.
OWN_FIELDS = (
    "contact_nom_prenom",
    "adresse",
    "complement_adresse",
    "description",
    "nom",
    "frais_precisions",
    "publics_precisions",
    "conditions_acces",
    "mobilisation_precisions",
)
SHARED_FIELD = "telephone"


@dataclass
class Who:
    id: str
    role: str
    partenaire: str | None


ADMIN = Who("admin", "administrateur", None)


def _value(name: str, worker: int, n: int) -> str:
    """A value nobody else writes: the saves can be found again in the base."""
    if name == "telephone":
        return (
            f"05 {60 + worker % 40:02d} {n // 10000 % 100:02d} {n // 100 % 100:02d} {n % 100:02d}"
        )
    if name == "adresse":
        return f"{n + 1} rue du Travailleur {worker}"
    return f"Valeur {name} w{worker} n{n}"


def _wait_for(go: Path) -> None:
    while not go.exists():
        time.sleep(0.01)


def write(db, args, out) -> None:
    from ressources import edition
    from ressources.errors import BinomeError

    ids = args.ids.split(",")
    name = SHARED_FIELD if args.mode == "same" else OWN_FIELDS[args.slot % len(OWN_FIELDS)]
    rng = random.Random(args.worker)
    deadline = time.monotonic() + args.seconds
    n = 0
    while time.monotonic() < deadline:
        service_id = rng.choice(ids)
        value = _value(name, args.worker, n)
        n += 1
        line = {
            "role": "writer",
            "mode": args.mode,
            "worker": args.worker,
            "id": service_id,
            "field": name,
            "value": value,
        }
        try:
            opened = edition.read_service(db, service_id)["version"]
            time.sleep(rng.uniform(0, args.think))  # the person types
            saved = edition.update_service(
                db, ADMIN, service_id, {name: value}, version=opened, now=datetime.now()
            )
            line.update(outcome="saved", opened=opened, version=saved)
        except edition.EditConflict as exc:
            line.update(outcome="conflict", fields=exc.fields, message=str(exc))
        except BinomeError as exc:
            # DatabaseBusy: the base stayed busy past the retry budget (French message).
            line.update(
                outcome="busy" if "verrouillée" in str(exc) else "error",
                error=type(exc).__name__,
                message=str(exc),
            )
        except Exception as exc:  # a raw SQLite error, or a bug: what the test must catch
            line.update(outcome="error", error=type(exc).__name__, message=str(exc))
        out.write(json.dumps(line, ensure_ascii=False) + "\n")


def import_(db, args, out) -> None:
    from ressources.errors import BinomeError
    from ressources.exchange import import_files

    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        line = {"role": "importer", "worker": args.worker}
        try:
            report = import_files(db, [Path(args.file)], reader_process=False)
            line.update(outcome="saved", services=report.services)
        except BinomeError as exc:  # DatabaseBusy: told in French, nothing written
            line.update(
                outcome="busy" if "verrouillée" in str(exc) else "error",
                error=type(exc).__name__,
                message=str(exc),
            )
        except sqlite3.Error as exc:
            line.update(outcome="error", error=type(exc).__name__, message=str(exc))
        except Exception as exc:
            line.update(outcome="error", error=type(exc).__name__, message=str(exc))
        out.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
        time.sleep(args.think)


def read(db, args, out) -> None:
    from ressources import edition
    from ressources.search import SearchEngine

    ids = args.ids.split(",")
    engine = SearchEngine(db)
    deadline = time.monotonic() + args.seconds
    count, errors = 0, []
    while time.monotonic() < deadline:
        try:
            engine.search("epicerie solidaire moissac")
            for service_id in ids:
                edition.read_service(db, service_id)
            count += 1
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
    out.write(
        json.dumps(
            {
                "role": "reader",
                "worker": args.worker,
                "outcome": "saved",
                "reads": count,
                "errors": errors[:5],
            }
        )
        + "\n"
    )
    for message in errors[:5]:
        out.write(json.dumps({"role": "reader", "outcome": "error", "message": message}) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("role", choices=["writer", "importer", "reader"])
    parser.add_argument("db")
    parser.add_argument("out")
    parser.add_argument("--go", required=True)
    parser.add_argument("--worker", type=int, default=0)
    parser.add_argument("--slot", type=int, default=0, help="which own field (different mode)")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--mode", choices=["same", "different"], default="different")
    parser.add_argument("--ids", default="")
    parser.add_argument("--file", default="")
    parser.add_argument("--think", type=float, default=0.02)
    args = parser.parse_args(argv)

    from caseload.database import open_project_database

    db = open_project_database(args.db)
    Path(args.out + ".ready").touch()
    _wait_for(Path(args.go))
    with open(args.out, "w", encoding="utf-8") as out:
        {"writer": write, "importer": import_, "reader": read}[args.role](db, args, out)
    db.close()
    return 0


# -- the scenario, for the test and the benchmark ------------------------------------------------
def pick_entries(db_path: Path, count: int) -> list[str]:
    """Demo entries that an administrateur can save as they are (valid as stored)."""
    from caseload.database import open_project_database
    from ressources import edition

    db = open_project_database(db_path)
    found = []
    for (service_id,) in db.execute("SELECT id FROM services WHERE archive = 0 ORDER BY id"):
        try:
            edition.validate_service(db, edition.read_service(db, service_id))
        except Exception:
            continue
        found.append(service_id)
        if len(found) == count:
            break
    db.close()
    return found


def write_import_file(db_path: Path, target: Path, count: int) -> Path:
    """A data·inclusion file of *count* services of the demo seed under new ids, so that an
    import runs alongside the writers without touching the entries they edit."""
    from seed.loader import read_seed

    payload = read_seed("ressources_demo.json")
    services = payload["services"][:count]
    wanted = {s["structure_id"] for s in services}
    structures = [dict(s, id="imp-" + s["id"]) for s in payload["structures"] if s["id"] in wanted]
    services = [
        dict(s, id="imp-" + s["id"], structure_id="imp-" + s["structure_id"]) for s in services
    ]
    target.write_text(
        json.dumps({"structures": structures, "services": services}), encoding="utf-8"
    )
    return target


def run(
    db_path: Path,
    workdir: Path,
    *,
    same: int,
    different: int,
    importers: int,
    readers: int,
    seconds: float,
    entries: int = 3,
    import_size: int = 50,
    think: float = 0.02,
) -> list[dict]:
    """Start every process, let them work together for *seconds*, return their lines."""
    import subprocess

    ids = ",".join(pick_entries(db_path, entries))
    import_file = write_import_file(db_path, workdir / "import.json", import_size)
    go = workdir / "GO"
    script = str(Path(__file__).resolve())
    common = ["--go", str(go), "--seconds", str(seconds), "--ids", ids, "--think", str(think)]
    jobs = []
    roles = (
        [("writer", "same")] * same
        + [("writer", "different")] * different
        + [("importer", "")] * importers
        + [("reader", "")] * readers
    )
    for worker, (role, mode) in enumerate(roles):
        out = workdir / f"w{worker}.jsonl"
        extra = ["--mode", mode, "--slot", str(worker - same)] if mode else []
        if role == "importer":
            extra += ["--file", str(import_file), "--think", "0.2"]
        cmd = [
            sys.executable,
            script,
            role,
            str(db_path),
            str(out),
            "--worker",
            str(worker),
            *common,
            *extra,
        ]
        jobs.append((out, subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)))
    start = time.monotonic()
    while not all(Path(f"{out}.ready").exists() for out, _ in jobs):
        if any(p.poll() not in (None, 0) for _, p in jobs) or time.monotonic() - start > 120:
            break
        time.sleep(0.02)
    go.touch()
    lines = []
    for out, process in jobs:
        _, stderr = process.communicate(timeout=seconds + 120)
        if process.returncode != 0:
            lines.append({"role": "process", "outcome": "error", "message": stderr[-2000:]})
        if out.exists():
            lines += [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines() if x]
    return lines


def verify(db_path: Path, lines: list[dict]) -> dict:
    """Every save reported as saved must be in the history under the version it was given
    (and so in the final state or behind it); count what was lost, merged, refused."""
    from caseload.database import open_project_database
    from ressources import edition

    db = open_project_database(db_path)
    writes = [x for x in lines if x["role"] == "writer"]
    saved = [x for x in writes if x["outcome"] == "saved"]
    histories = {i: edition.service_history(db, i) for i in {x["id"] for x in writes}}
    lost = []
    for x in saved:
        lines_of_version = [h for h in histories[x["id"]] if h.version == x["version"]]
        landed = any(
            h.changements.get(x["field"], [None, None])[1] == x["value"] for h in lines_of_version
        )
        if not landed:
            lost.append(x)
    duplicates = sum(len(h) - len({v.version for v in h}) for h in histories.values())
    conflicts = [x for x in writes if x["outcome"] == "conflict"]
    # More writers "on their own field" than fields: those sharing one may conflict.
    writers_of: dict[str, set] = {}
    for x in writes:
        writers_of.setdefault(x["field"], set()).add(x["worker"])
    french = all(
        "modifiée par quelqu'un d'autre" in x["message"] and x["fields"] for x in conflicts
    )
    summary = {
        "saved": len(saved),
        "merged": sum(1 for x in saved if x["version"] != x["opened"] + 1),
        "conflicts": len(conflicts),
        "conflicts_on_different_fields": sum(
            1 for x in conflicts if len(writers_of[x["field"]]) == 1
        ),
        "conflicts_in_french": french,
        "lost": len(lost),
        "busy": sum(1 for x in lines if x["outcome"] == "busy"),
        "errors": sum(1 for x in lines if x["outcome"] == "error"),
        "duplicate_versions": duplicates,
        "imports": sum(1 for x in lines if x["role"] == "importer" and x["outcome"] == "saved"),
        "reads": sum(x.get("reads", 0) for x in lines if x["role"] == "reader"),
        "integrity": db.execute("PRAGMA integrity_check").fetchone()[0],
        "error_samples": [
            f"{x['role']} {x.get('error', '')}: {x.get('message', '')[:300]}"
            for x in lines
            if x["outcome"] == "error"
        ][:5],
        "lost_samples": lost[:3],
    }
    db.close()
    return summary


if __name__ == "__main__":
    sys.exit(main())
