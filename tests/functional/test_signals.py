"""SIGTERM and SIGHUP end the app as ctrl+q does: the terminal is given back (raw mode and
the alternate screen left) and the base closed, intact."""

from __future__ import annotations

import os
import pty
import select
import signal
import sqlite3
import sys
import time

import pytest


def _read_until(fd: int, needle: bytes, timeout: float) -> bytes:
    data = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and needle not in data:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
    return data


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_gives_the_terminal_back_and_closes_the_base(demo_db_path, sig):
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app in a pseudo-terminal
        os.environ.update(TERM="xterm-256color", BINOME_DB=str(demo_db_path))
        os.execv(sys.executable, [sys.executable, "-m", "tui.cli"])
    try:
        shown = _read_until(fd, b"Ressources", 30)
        assert b"\x1b[?1049h" in shown  # the alternate screen was entered
        time.sleep(0.3)
        os.kill(pid, sig)
        rest = _read_until(fd, b"\x1b[?1049l", 15)
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(fd)
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
    assert b"\x1b[?1049l" in rest  # ... and left: the terminal is usable again
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 128 + sig
    conn = sqlite3.connect(demo_db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert not demo_db_path.with_name(demo_db_path.name + "-wal").exists()  # closed cleanly
