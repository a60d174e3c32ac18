"""SIGTERM and SIGHUP end the app as ctrl+q does: the terminal is given back (raw mode and
the alternate screen left) and the base closed, intact."""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import time

import pytest
from terminal import binome_in_pty


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
    with binome_in_pty(env={"BINOME_DB": str(demo_db_path)}) as (pid, fd):
        shown = _read_until(fd, b"Ressources", 30)
        assert b"\x1b[?1049h" in shown  # the alternate screen was entered
        time.sleep(0.3)
        os.kill(pid, sig)
        rest = _read_until(fd, b"\x1b[?1049l", 15)
        _, status = os.waitpid(pid, 0)
    assert b"\x1b[?1049l" in rest  # ... and left: the terminal is usable again
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 128 + sig
    conn = sqlite3.connect(demo_db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert not demo_db_path.with_name(demo_db_path.name + "-wal").exists()  # closed cleanly
