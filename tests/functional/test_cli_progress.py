"""`binome import` and `binome export` show a progress bar on a terminal's standard error,
and nowhere else: not in a pipe or a file, never in what they write (the console script,
with its standard error on a real pseudo-terminal)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from acteurs import make_os_account_administrateur

BINOME = shutil.which("binome", path=str(Path(sys.executable).parent))


def run_with_terminal(*args) -> tuple[int, str, str]:
    """Run binome with its standard error on a pseudo-terminal (as in a person's terminal),
    its standard output on a pipe; returns (code, stdout, what the terminal showed)."""
    master, slave = os.openpty()
    try:
        done = subprocess.Popen(
            [BINOME, *map(str, args)],
            stdout=subprocess.PIPE,
            stderr=slave,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "COLUMNS": "100", "TERM": "xterm"},
        )
        os.close(slave)
        slave = -1
        shown = bytearray()
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other end closed: the command has ended
                break
            if not chunk:
                break
            shown += chunk
        out, _ = done.communicate(timeout=120)
        return done.returncode, out.decode(), shown.decode(errors="replace")
    finally:
        os.close(master)
        if slave >= 0:
            os.close(slave)


def test_export_then_import_show_their_progress_on_a_terminal(demo_db_path, tmp_path):
    assert BINOME, "the binome console script is installed"
    for name in ("base.json", "base.csv"):
        exported = tmp_path / name
        code, out, terminal = run_with_terminal("--db", demo_db_path, "export", exported)
        assert code == 0 and "Exporté" in out
        assert "Export" in terminal and "100 %" in terminal, terminal
        assert "━" not in out and "%" not in out  # the bar is not in the command's output
        target = tmp_path / f"{name}.db"
        subprocess.run(
            [BINOME, "--db", str(target), "init", "--sans-demo"], check=True, capture_output=True
        )
        make_os_account_administrateur(target)
        code, out, terminal = run_with_terminal("--db", target, "import", exported)
        assert code == 0 and "0 erreur." in out, terminal
        assert "Import" in terminal and "100 %" in terminal, terminal
        unit = "lignes" if name.endswith(".csv") else "Mo"
        assert unit in terminal
    # What was written is the base, whole: the bar went to the terminal only.
    assert json.loads((tmp_path / "base.json").read_text("utf-8"))["services"]


def test_no_progress_bar_in_a_pipe(demo_db_path, tmp_path):
    done = subprocess.run(
        [BINOME, "--db", str(demo_db_path), "export", str(tmp_path / "base.json")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0
    assert done.stderr == "" and "%" not in done.stdout
