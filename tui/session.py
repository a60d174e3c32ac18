"""One signed-in session of the app: a browser tab of ``binome serve``, or ``binome connexion``
over SSH. Its own module so that the server (``tui/cli_serve.py``) and the preloader that forks
sessions (``tui/preload.py``) both start it without importing each other."""

from __future__ import annotations

import contextlib
import os

# Honoured only to shorten the idle lock (tests, or a stricter site); never to lengthen it.
IDLE_ENV = "BINOME_VERROU_SECONDES"


def run_signed_in(db_path: str) -> int:
    """The app with sign-in required, whatever the environment says; returns its exit code."""
    from tui.app import IDLE_LOCK_SECONDS, make_app

    idle = float(IDLE_LOCK_SECONDS)
    with contextlib.suppress(ValueError):
        idle = min(idle, float(os.environ.get(IDLE_ENV, idle)))
    app = make_app(db_path=db_path, signin_required=True, idle_lock_seconds=max(idle, 1.0))
    app.run()
    return app.return_code or 0
