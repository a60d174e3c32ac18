"""Binôme in a real pseudo-terminal, for the tests that need one (signals, `binome connexion`)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import signal
import struct
import sys
import termios
from collections.abc import Iterator


@contextlib.contextmanager
def binome_in_pty(
    *args: str, env: dict[str, str] | None = None, size: tuple[int, int] | None = None
) -> Iterator[tuple[int, int]]:
    """`binome ARGS` in a pseudo-terminal (*size*: columns, lines), as (pid, fd); the
    terminal closed and the process killed when done, whatever happened."""
    pid, fd = pty.fork()
    if pid == 0:  # the child
        if size is not None:
            columns, lines = size
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        os.environ.update(TERM="xterm-256color", **(env or {}))
        os.execv(sys.executable, [sys.executable, "-m", "tui.cli", *args])
    try:
        yield pid, fd
    finally:
        os.close(fd)
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
