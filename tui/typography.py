"""French typography on screen: « guillemets » stay with the words they quote.

Textual lays text out with Rich's word splitter (``rich._wrap.words``, used by
``textual.content.Content.wrap``), which breaks a line at any whitespace, a non-breaking
space included (U+00A0 is whitespace to Python's ``re``): « Tapez « st » » could end a line
on a lone « and start the next one with st », and « 9 h – 17 h » left its last « h » alone.
Here a line never breaks inside the guillemets' spaces, nor between an hour and its « h »,
nor before the high punctuation French sets off with a space (« Profil : », « ; », « ! »,
« ? »: a line started with a lone « : »), nor at a non-breaking space (U+00A0, U+202F), as
Unicode's line breaking rules say (UAX #14: class GL, "glue"). It applies to every text
Binôme shows, built in code or read from the base, without writing it differently.

Textual is pinned exactly (pyproject.toml): a new version is checked with the snapshots.
"""

from __future__ import annotations

import re

import rich._wrap

_NO_BREAK = "\u00a0\u202f"
# A "word" as Rich splits lines: breakable spaces before, the word, breakable spaces after.
# Inside the word: any non-space, a non-breaking space, the space after « and the space
# before », the space before « : ; ! ? », the spaces of an hour (« 17 h », « 8 h 30 »: a
# lone « h » or « 30 » started a line of the hours).
_GLUED_WORD = re.compile(
    rf"[^\S{_NO_BREAK}]*"
    rf"(?:[^\s]|[{_NO_BREAK}]|(?<=«) (?=\S)| (?=»)| (?=[:;!?](?:\s|$))"
    rf"|(?<=\d) (?=h\b)|(?<=\d h) (?=\d))+"
    rf"[^\S{_NO_BREAK}]*"
)


def install() -> None:
    """Make Rich's (and so Textual's) line wrapping keep guillemets with their words."""
    rich._wrap.re_word = _GLUED_WORD
