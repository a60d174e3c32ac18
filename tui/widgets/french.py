"""Textual's own words that reach the screen, said in French.

A Select's open list puts « échap Dismiss menu » in the footer (its overlay's binding):
the same key, named as the rest of the app names it. Imported once by the app.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets._select import SelectOverlay

SELECT_CLOSE = "Fermer la liste"


def say_textual_in_french() -> None:
    """Give Textual's widgets their French words (idempotent)."""
    SelectOverlay.BINDINGS = [Binding("escape", "dismiss", SELECT_CLOSE)]
    # Bindings are merged as the class is made: merged again for the new words.
    SelectOverlay._merged_bindings = SelectOverlay._merge_bindings()
