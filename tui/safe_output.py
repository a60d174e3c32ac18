"""The command line's output, made safe for a terminal.

Sub-commands print text from the base (names, descriptions, reasons quoting imported
values): whatever they print goes through ``ressources.text.safe_text``, so an escape
sequence hidden in an entry can never move the cursor, retitle the window or write the
clipboard of whoever runs ``binome search``. The app itself (Textual) is not wrapped.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

from ressources.text import safe_text


class SafeStream:
    """A text stream that strips escape sequences and control characters from what is
    written to it; a leading carriage return (a progress line redrawn) is kept."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        lead = "\r" if text.startswith("\r") else ""
        self._stream.write(lead + safe_text(text[len(lead) :]))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def safe_output(*, enabled: bool = True) -> Iterator[None]:
    if not enabled:
        yield
        return
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
