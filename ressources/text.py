"""Text normalisation shared by indexing and querying.

The same function runs on the stored text (once, when a resource is written) and on the
query (per keystroke), so that accents, case, punctuation and plural endings never decide
whether a resource is found.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")

# Words that carry no meaning for a search in French. Kept short on purpose: a word the
# field uses as a term ("aide", "emploi", "sans") must stay searchable.
STOPWORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "cet",
        "cette",
        "d",
        "de",
        "des",
        "du",
        "en",
        "et",
        "il",
        "ils",
        "j",
        "je",
        "l",
        "la",
        "le",
        "les",
        "leur",
        "leurs",
        "m",
        "ma",
        "me",
        "mes",
        "mon",
        "n",
        "ne",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "s",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "t",
        "ta",
        "te",
        "tes",
        "ton",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "y",
    ]
)


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-free form of *text* (words separated by one space)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("œ", "oe").replace("æ", "ae")
    return _NON_WORD.sub(" ", stripped).strip()


def stem(word: str) -> str:
    """Fold the French plural: "logements" and "logement" index alike.

    Deliberately crude (a trailing s or x on words of four letters or more): it only has to
    be applied identically to the indexed text and to the query.
    """
    if len(word) >= 4 and word[-1] in "sx" and not word.endswith("ss") and not word.isdigit():
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The folded words of *text*, in order, stop words included."""
    folded = fold(text)
    return folded.split() if folded else []


def normalize(text: str | None) -> str:
    """The indexed form of *text*: folded words, plural folded, joined by spaces."""
    if not text:
        return ""
    return " ".join(stem(w) for w in words(text))
