"""Saving from a screen while another program holds the base (an import, a backup, a colleague's
long save): the screen never freezes and never loses what was typed.

A save made inside :func:`attempt` waits a tenth of a second at most for the write lock. If
the base is still busy, :func:`retry_later` shows « Base occupée, nouvel essai… », keeps the
screen as it is (the form, the note being typed) and runs the same save again a little later
with backoff, from the event loop (no thread shares the app's connection), until the retry
budget of ``ressources.db`` is spent; then the save's own French error is shown and the text
is still there for the person to try again.

A call site changes in two places::

    try:
        with busy.attempt(self):
            caseload.add_note(...)
    except BinomeError as exc:
        if busy.retry_later(self, exc, self.save_note):
            return
        ...  # reported as before

The save is run again from the start (``self.save_note``), so it takes what the screen holds
then: text typed while it waited is saved too.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from textual.app import App
from textual.timer import Timer
from textual.widget import Widget

from ressources.db import single_attempt, total_retry_budget
from ressources.errors import DatabaseBusy

ATTEMPT_SECONDS = 0.1  # the longest the screen waits for the lock at one go
FIRST_DELAY = 0.2
MAX_DELAY = 1.0
NOTICE = "Base occupée par un autre programme : nouvel essai…"
NOTICE_SECONDS = 4.0  # shown again while the save still waits, gone soon after it lands


@dataclass
class _Pending:
    deadline: float
    delay: float
    timer: Timer | None = None
    noticed: float = float("-inf")


# What waits for the base: a screen (its save, gone with it) or the app (an action on an
# entry from a list, which must be told whichever screen is on view by then).
Owner = Widget | App
_PENDING: WeakKeyDictionary[Owner, _Pending] = WeakKeyDictionary()


@contextmanager
def attempt(screen: Owner) -> Iterator[None]:
    """One short try of the save in the block (see the module's docstring). A save that
    went through, or failed for another reason than a busy base, ends the waiting."""
    try:
        with single_attempt(ATTEMPT_SECONDS):
            yield
    except DatabaseBusy:
        raise
    except BaseException:
        done(screen)
        raise
    done(screen)


def retry_later(screen: Owner, exc: Exception, again: Callable[[], object]) -> bool:
    """When *exc* says the base is busy and the budget is not spent, show that the save
    waits and run *again* later: True (the caller stops there). Otherwise False: the caller
    reports *exc* as usual (after the last try, the French « verrouillée » sentence)."""
    if not isinstance(exc, DatabaseBusy) or not screen.is_attached:
        done(screen)
        return False
    now = time.monotonic()
    pending = _PENDING.get(screen)
    if pending is None:
        pending = _Pending(deadline=now + total_retry_budget(), delay=FIRST_DELAY)
        _PENDING[screen] = pending
    if now >= pending.deadline:
        done(screen)
        return False
    if now - pending.noticed >= NOTICE_SECONDS:
        pending.noticed = now
        screen.notify(
            NOTICE, title="Enregistrement en attente", severity="warning", timeout=NOTICE_SECONDS
        )
    if pending.timer is not None:
        pending.timer.stop()  # saved again by hand meanwhile: one retry is enough
    wait = min(random.uniform(pending.delay / 2, pending.delay), pending.deadline - now)
    pending.delay = min(pending.delay * 2, MAX_DELAY)

    def run_again() -> None:
        pending.timer = None
        again()

    pending.timer = screen.set_timer(max(wait, 0.01), run_again)
    return True


def done(screen: Owner) -> None:
    """The save of *screen* went through (or was given up): forget its retries."""
    pending = _PENDING.pop(screen, None)
    if pending is not None and pending.timer is not None:
        pending.timer.stop()
