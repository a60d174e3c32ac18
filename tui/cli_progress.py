"""A progress bar for the long commands (``binome import``, ``binome export``): rich's, on
standard error, only when it is a terminal — never in a file, a pipe or the command's own
output (a JSON or CSV written to standard output stays clean).

rich (already installed with Textual) draws and refreshes the bar from its own thread, with
the time left; a hand-drawn bar would have to do both.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

Progress = Callable[[int, int], None]


def _french(number: float) -> str:
    return f"{number:,.0f}".replace(",", "\u202f")


def _amount(done: int, total: int, unit: str) -> str:
    if unit == "octets":
        return f"{done / 1e6:,.1f} / {total / 1e6:,.1f} Mo".replace(",", "\u202f").replace(".", ",")
    return f"{_french(done)} / {_french(total)} {unit}"


@contextmanager
def progress_bar(label: str, unit: str, stream: TextIO | None = None) -> Iterator[Progress | None]:
    """A callback ``(done, total)`` drawing *label*'s bar on *stream* (standard error), or
    None when *stream* is not a terminal. *unit*: « octets » (shown in Mo) or a noun."""
    stream = stream if stream is not None else sys.stderr
    if not stream.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as RichProgress

    console = Console(file=stream, highlight=False)
    columns = (
        TextColumn(label),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f} %"),
        TextColumn("{task.fields[amount]}"),
        TimeRemainingColumn(),
    )
    with RichProgress(*columns, console=console, transient=False) as bar:
        task = bar.add_task(label, total=None, amount="")

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=max(total, 1), amount=_amount(done, total, unit))

        yield update
