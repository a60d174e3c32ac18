"""One signed-in session of the app: a browser tab of ``binome serve``, or ``binome connexion``
over SSH. Its own module so that the server (``tui/cli_serve.py``) and the preloader that forks
sessions (``tui/preload.py``) both start it without importing each other."""

from __future__ import annotations

import contextlib
import os

# Honoured only to shorten the idle lock and the unused sign-in screen's life (tests, or a
# stricter site); never to lengthen them.
IDLE_ENV = "BINOME_VERROU_SECONDES"
SIGN_IN_ENV = "BINOME_CONNEXION_SECONDES"


def _shortened(variable: str, default: float) -> float:
    value = default
    with contextlib.suppress(ValueError):
        value = min(default, float(os.environ.get(variable, default)))
    return max(value, 1.0) if value == value else default  # NaN: the default


def run_signed_in(db_path: str) -> int:
    """The app with sign-in required, whatever the environment says; returns its exit code."""
    from tui.app import IDLE_LOCK_SECONDS, SIGN_IN_EXPIRY_SECONDS, make_app

    idle = _shortened(IDLE_ENV, float(IDLE_LOCK_SECONDS))
    app = make_app(db_path=db_path, signin_required=True, idle_lock_seconds=idle)
    app.sign_in_expiry_seconds = _shortened(SIGN_IN_ENV, float(SIGN_IN_EXPIRY_SECONDS))
    app.run()
    return app.return_code or 0
