"""Data shown as written, never read as markup.

Textual reads a string given to a table cell, a Select option, an OptionList option or a
notification as markup (Rich's in a DataTable, Textual's elsewhere). Names and texts come from
imports, syncs and people: « Accueil [jeunes] » would lose a word, « [/] » stop the app for
whoever displays it, « [@click=app.quit]…[/] » turn a name into a button. Every string of data
shown through such a widget goes through :func:`as_plain_text` first.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text


def as_plain_text(value: Any) -> Any:
    """*value* as text shown exactly as written when it is a string (else unchanged)."""
    return Text(value, end="") if isinstance(value, str) else value


def plain_options(options: list[tuple[str, Any]]) -> list[tuple[Text, Any]]:
    """Select options whose labels are data, shown as written."""
    return [(Text(label, end=""), value) for label, value in options]
