"""What every ``binome`` sub-command shares: exit codes, the usage error, which base and who.

The sub-command modules (``tui/cli_*.py``) and ``tui/cli.py`` import from here, never from each
other, so that the command line has no import cycle.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from caseload.acces import Profil, terminal_profil
from ressources.db import default_db_path
from ressources.errors import BinomeError

EXIT_USAGE = 2
EXIT_ERROR = 1
# The largest whole number SQLite stores: a number typed beyond it would reach the base as an
# OverflowError (a traceback), never as a French refusal.
LARGEST_NUMBER = 2**63 - 1


class UsageError(BinomeError):
    """The command line itself is incomplete (exit code 2, like argparse)."""


def db_path(args: argparse.Namespace) -> Path:
    """The base a command works on: ``--db``, else the default (``$BINOME_DB``, XDG)."""
    return Path(args.db).expanduser() if getattr(args, "db", None) else default_db_path()


def open_base(args: argparse.Namespace, *, demo: bool = True) -> Database:
    """Open (create, migrate, seed on first use) the base of *args*."""
    from seed.loader import open_seeded_database

    return open_seeded_database(db_path(args), demo=demo)


def acting_profile(db: Database, args: argparse.Namespace) -> Profil | None:
    """The profile a command acts as (None when nobody is identified).

    Every command that changes the base asks this, then ``caseload.acces.require``. On a
    real base it is the profile of the OS account running the command, whatever ``--user``
    or ``$BINOME_USER`` say (``caseload.acces.terminal_profil``)."""
    return terminal_profil(db, getattr(args, "user", None))


# -- argument types shared by the sub-commands -----------------------------------------------
def demandeur_id(text: str) -> int:
    """An argparse type: a demandeur's number (the files are named by it, never by a name)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"numéro de demandeur attendu (un nombre), pas « {text} »"
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError("le numéro de demandeur est au moins 1")
    if value > LARGEST_NUMBER:
        raise argparse.ArgumentTypeError(f"numéro de demandeur trop grand : « {text} »")
    return value


def iso_day(text: str) -> date:
    """An argparse type: a day written AAAA-MM-JJ."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date AAAA-MM-JJ attendue, pas « {text} »") from None
