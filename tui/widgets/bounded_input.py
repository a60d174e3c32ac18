"""An Input whose paste past its ``max_length`` keeps what fits and says so.

Textual's Input refuses a change past ``max_length`` whole: a question or a note pasted a
little too long vanished without a word. Here the text is cut to the room left and a
notification says how much the box holds.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class BoundedInput(Input):
    """An Input that keeps the start of a text too long for it (see the module); *what*
    names what it holds in the notification (« Une note »)."""

    def __init__(self, *args: Any, what: str = "Ce champ", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._what = what

    def replace(self, text: str, start: int, end: int) -> None:
        room = self.max_length - (len(self.value) - (end - start)) if self.max_length else None
        if room is not None and len(text) > room:
            text = text[: max(room, 0)]
            self.notify(
                f"{self._what} tient en {self.max_length} caractères : la suite n'est pas prise.",
                severity="warning",
            )
            if not text:
                return
        super().replace(text, start, end)
