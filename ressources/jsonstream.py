"""Reading the records of a large JSON file one at a time.

A data·inclusion export of 100,000 services is a few hundred megabytes of JSON; loaded
whole, it takes gigabytes of Python objects. This reader walks the file with a small
buffer and hands out each element of the top-level lists as it is decoded.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from ressources.errors import BinomeError

_CHUNK = 1 << 20
_DECODER = json.JSONDecoder()
_SPACE = " \t\r\n"
_MESSAGES = {
    "Expecting value": "valeur attendue",
    "Expecting property name enclosed in double quotes": "nom de champ entre guillemets attendu",
    "Expecting ',' delimiter": "« , » attendu",
    "Expecting ':' delimiter": "« : » attendu",
    "Unterminated string starting at": "texte entre guillemets non terminé",
    "Invalid control character at": "caractère de contrôle interdit",
    "Invalid \\escape": "séquence d'échappement invalide",
    "Extra data": "contenu en trop",
}


class _Reader:
    def __init__(self, stream: TextIO, path: Path) -> None:
        self.stream = stream
        self.path = path
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.line = 1  # line number at buf[0]
        self.line_start = 0  # offset of that line's start, relative to buf[0] (may be < 0)

    def _more(self) -> bool:
        if self.eof:
            return False
        data = self.stream.read(_CHUNK)
        if not data:
            self.eof = True
            return False
        consumed = self.buf[: self.pos]
        newlines = consumed.count("\n")
        if newlines:
            self.line += newlines
            self.line_start = consumed.rfind("\n") + 1 - self.pos
        else:
            self.line_start -= self.pos
        self.buf = self.buf[self.pos :] + data
        self.pos = 0
        return True

    def error(self, what: str, at: int | None = None) -> BinomeError:
        at = self.pos if at is None else at
        before = self.buf[:at]
        line = self.line + before.count("\n")
        start = before.rfind("\n") + 1 if "\n" in before else self.line_start
        column = at - start + 1
        return BinomeError(
            f"{self.path} n'est pas du JSON valide ({what}, ligne {line}, colonne {column})."
        )

    def peek(self) -> str:
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _SPACE:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            found = self.peek() or "fin du fichier"
            raise self.error(f"« {char} » attendu, « {found} » trouvé")
        self.pos += 1

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                # Cut by the buffer's end rather than wrong: read more and try again.
                cut = exc.pos >= len(self.buf) - 2 or exc.msg.startswith("Unterminated string")
                if cut and self._more():
                    continue
                raise self.error(_MESSAGES.get(exc.msg, exc.msg), exc.pos) from None
            # A number at the buffer's end may go on in the next chunk.
            at_end = end == len(self.buf) and not self.eof
            if at_end and isinstance(value, (int, float)) and self._more():
                continue
            self.pos = end
            return value

    def items(self) -> Iterator[Any]:
        """The elements of the list starting here."""
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            char = self.peek()
            if char == ",":
                self.pos += 1
            elif char == "]":
                self.pos += 1
                return
            else:
                raise self.error("« , » ou « ] » attendu")


def iter_lists(path: Path, wanted: set[str]) -> Iterator[tuple[str, Any]]:
    """(name, element) for the elements of the top-level lists named in *wanted*, in file
    order; a file that is a bare list yields ("", element). Other keys are skipped."""
    try:
        stream = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise BinomeError(f"Fichier introuvable : {path}") from None
    except IsADirectoryError:
        raise BinomeError(f"{path} est un dossier, pas un fichier.") from None
    except OSError as exc:
        raise BinomeError(f"Impossible de lire {path} : {exc.strerror}.") from None
    with stream:
        reader = _Reader(stream, path)
        try:
            first = reader.peek()
            if first == "[":
                for item in reader.items():
                    yield "", item
            elif first == "{":
                reader.pos += 1
                while True:
                    if reader.peek() == "}":
                        reader.pos += 1
                        break
                    key = reader.value()
                    if not isinstance(key, str):
                        raise reader.error("clé attendue")
                    reader.expect(":")
                    if key in wanted:
                        if reader.peek() != "[":
                            raise BinomeError(f"{path} : « {key} » doit être une liste.")
                        for item in reader.items():
                            yield key, item
                    else:
                        reader.value()
                    if reader.peek() == ",":
                        reader.pos += 1
                    elif reader.peek() != "}":
                        raise reader.error("« , » ou « } » attendu")
            else:
                raise BinomeError(
                    f"{path} n'est pas un fichier data·inclusion : attendu un objet avec "
                    "« structures » et « services », ou une liste d'enregistrements."
                )
            if reader.peek():
                raise reader.error("contenu après la fin du document")
        except UnicodeDecodeError:
            raise BinomeError(f"{path} n'est pas un fichier texte UTF-8.") from None
