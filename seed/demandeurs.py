"""Fictitious demandeurs for the demo (written by the demo generator; see its docstring)."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database


def load_demo_demandeurs(db: Database, today: date | None = None) -> int:
    """Placeholder until the demo generator lands: no demandeur."""
    return 0
