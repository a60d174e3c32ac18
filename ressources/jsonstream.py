"""Reading the records of a large JSON file one at a time, with ``ijson``.

A data·inclusion export of 100,000 services is a few hundred megabytes of JSON; loaded
whole, it takes gigabytes of Python objects. ``ijson`` (the yajl C parser) turns the file
into a stream of events; the elements of the top-level lists are built from them one at a
time, so memory holds one record, whatever the file's size.

A record nested deeper than :data:`MAX_DEPTH` is not built: a :class:`DeepRecord` stands for
it, which validation rejects with its id, and the rest of the file is read as usual.

``Infinity``, ``-Infinity`` and ``NaN`` are not JSON, but Python's ``json.dump`` writes them
and yajl stops at them. The file is then read again through :class:`_BareConstants`, which
rewrites them, outside strings, into marked strings as the bytes stream by; the records are
built with the float they stand for, and validation rejects that one record ("nombre non
fini") instead of the whole file. (Only then: watching every byte costs a fifth of the
reading time, for a token real exports almost never hold.)
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

import ijson  # type: ignore[import-untyped]

from ressources.errors import BinomeError, describe_os_error
from ressources.files import check_readable

_CHUNK = 1 << 20  # bytes handed to the parser at a time
# data·inclusion records are flat objects with lists of strings: 3 levels. Far deeper
# nesting is an attack or a bug, and would exhaust the stack of whatever reads it next.
MAX_DEPTH = 32
_WHERE_MAX_BYTES = 20_000_000

_MESSAGES = {
    "premature EOF": "fin du fichier inattendue",
    "trailing garbage": "contenu après la fin du document",
    "invalid char in json text": (
        "caractère inattendu (fichier binaire, encodé autrement qu'en UTF-8, ou Infinity et "
        "NaN, qui ne sont pas du JSON)"
    ),
    "unallowed token at this point": "élément inattendu à cet endroit",
    "invalid string in json text": "texte invalide",
    "invalid object key": "nom de champ entre guillemets attendu",
    "object key and value must be separated by a colon": "« : » attendu",
    "after key and value, inside map, I expect ',' or '}'": "« , » ou « } » attendu",
    "after array element, I expect ',' or ']'": "« , » ou « ] » attendu",
    "invalid character inside string": "caractère de contrôle interdit dans un texte",
    "invalid escaped": "séquence d'échappement invalide",
    "missing integer after": "nombre invalide",
}
# What yajl says where a bare NaN, Infinity or -Infinity stands.
_BARE_TOKEN_ERRORS = ("invalid char in json text", "a digit is required after the minus sign")
_SCALARS = frozenset({"null", "boolean", "integer", "double", "number", "string"})


# A marked string stands for each bare constant: "\u0000" cannot be typed in a real text
# (the import strips control characters anyway), so nothing genuine is taken for one.
_CONSTANTS: dict[str, float] = {
    "\x00Infinity": float("inf"),
    "\x00-Infinity": float("-inf"),
    "\x00NaN": float("nan"),
}
_STRING_BODY = rb'[^"\\]*(?:\\[\s\S][^"\\]*)*'  # up to the closing quote (or the end)
_STRING_REST = re.compile(_STRING_BODY)
_OUTSIDE = re.compile(rb'"' + _STRING_BODY + rb'(")?|(-?Infinity|NaN)')
_TOKEN_PREFIXES = tuple(
    token[:n] for token in (b"-Infinity", b"Infinity", b"NaN") for n in range(len(token), 0, -1)
)


class _BareConstants:
    """A binary stream in which bare Infinity, -Infinity and NaN (outside strings) read as
    the marked strings of :data:`_CONSTANTS`, chunk by chunk: the state (inside a string,
    after a backslash) crosses chunk boundaries, and a token cut by one is held back until
    the next read completes it."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._carry = b""
        self._in_string = False
        self._escaped = False  # the next byte is escaped by a backslash that ended a chunk

    def __enter__(self) -> _BareConstants:
        return self

    def __exit__(self, *exc: object) -> None:
        self._raw.close()

    def close(self) -> None:
        self._raw.close()

    def read(self, size: int = -1) -> bytes:
        while True:
            data = self._raw.read(size)
            final = not data
            chunk = self._carry + data
            self._carry = b""
            if final:
                return self._rewrite(chunk, final=True) if chunk else b""
            out = self._rewrite(chunk, final=False)
            if out:
                return out

    def _rewrite(self, chunk: bytes, final: bool) -> bytes:
        pos = 0
        if self._escaped and chunk:
            self._escaped, pos = False, 1
        if self._in_string:
            end = _STRING_REST.match(chunk, pos).end()  # type: ignore[union-attr]
            if end == len(chunk):
                return chunk
            if chunk[end] != 0x22:  # a backslash ends the chunk: it escapes the next byte
                self._escaped = True
                return chunk
            self._in_string, pos = False, end + 1
        if chunk.find(b"Infinity", pos) < 0 and chunk.find(b"NaN", pos) < 0:
            out = chunk
            self._follow_strings(chunk, pos)
        else:
            pieces = [chunk[:pos]]
            for match in _OUTSIDE.finditer(chunk, pos):
                token = match.group(2)
                if token is None and match.group(1) is None:  # a string the chunk cuts
                    self._in_string = True
                    self._escaped = match.end() < len(chunk)  # stopped before a backslash
                    pieces.append(chunk[pos:])
                    return b"".join(pieces)
                if token is not None:
                    pieces += [chunk[pos : match.start()], b'"\\u0000' + token + b'"']
                    pos = match.end()
            pieces.append(chunk[pos:])
            out = b"".join(pieces)
        if not final and not self._in_string and out.endswith(_TOKEN_PREFIXES):
            cut = next(len(p) for p in _TOKEN_PREFIXES if out.endswith(p))
            out, self._carry = out[:-cut], out[-cut:]
        return out

    def _follow_strings(self, chunk: bytes, pos: int) -> None:
        """Update the string state over chunk[pos:], which holds no bare constant: the
        unescaped quotes are counted (at C speed, whatever the number of strings)."""
        rest = chunk[pos:]
        quotes = rest.count(b'"')
        if b"\\" in rest:
            # Escaped backslashes pair from the left, as a decoder reads them; what is left
            # of a backslash escapes the byte after it.
            rest = rest.replace(b"\\\\", b"")
            quotes = rest.count(b'"') - rest.count(b'\\"')
            self._escaped = rest.endswith(b"\\")
        if quotes % 2:
            self._in_string = not self._in_string


class DeepRecord:
    """Stands for a record nested deeper than :data:`MAX_DEPTH` (never built)."""

    def __init__(self, record_id: str = "") -> None:
        self.id = record_id

    def __repr__(self) -> str:
        return f"DeepRecord({self.id!r})"


class _Overflow(Exception):
    """The C parser met a number it cannot hold (more than 64 bits)."""


class _BareToken(Exception):
    """yajl stopped at a character it does not expect, maybe a bare Infinity or NaN."""


class _BareKey(Exception):
    """A bare Infinity or NaN stood where a field name belongs (``{NaN: 1}``)."""


def _describe(path: Path, exc: Exception) -> BinomeError:
    text = str(exc) if not isinstance(exc.args[0] if exc.args else "", bytes) else ""
    raw = exc.args[0] if exc.args else ""
    if isinstance(raw, bytes):
        text = raw.decode("utf-8", "replace")
    if "invalid bytes in UTF8" in text:
        return BinomeError(f"{path} n'est pas un fichier texte UTF-8.")
    first = text.splitlines()[0] if text else ""
    what = next((fr for en, fr in _MESSAGES.items() if en in first), "syntaxe invalide")
    return BinomeError(f"{path} n'est pas du JSON valide ({what}{_where(path)}).")


def _where(path: Path) -> str:
    """ ", ligne L, colonne C" of the first error, found by Python's own parser for a file
    small enough to be read again whole (yajl does not tell where it stopped)."""
    try:
        if path.stat().st_size > _WHERE_MAX_BYTES:
            return ""
        json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        return f", ligne {exc.lineno}, colonne {exc.colno}"
    except (OSError, ValueError, RecursionError):
        return ""
    return ""


_Source = BinaryIO | _BareConstants


def _events(stream: _Source, path: Path, backend: Any) -> Iterator[tuple[str, Any]]:
    try:
        if backend is ijson:
            yield from backend.basic_parse(stream, buf_size=_CHUNK, use_float=True)
            return
        # The pure-Python parser refuses 1e400 as a float but reads it as a Decimal.
        for event, value in backend.basic_parse(stream, buf_size=_CHUNK):
            if event == "number" and isinstance(value, Decimal):
                value = float(value)
            yield event, value
    except ijson.JSONError as exc:
        if "overflow" in str(exc):
            raise _Overflow() from None
        if any(w in str(exc) for w in _BARE_TOKEN_ERRORS) and not isinstance(
            stream, _BareConstants
        ):
            raise _BareToken() from None
        raise _describe(path, exc) from None
    except UnicodeDecodeError:
        raise BinomeError(f"{path} n'est pas un fichier texte UTF-8.") from None
    except RecursionError:
        raise BinomeError(f"{path} n'est pas du JSON valide (imbrication trop profonde).") from None


def _skip(events: Iterator[tuple[str, Any]], event: str) -> None:
    """Pass over the value that *event* starts."""
    if event in _SCALARS:
        return
    depth = 1
    for event, _ in events:
        if event in ("start_map", "start_array"):
            depth += 1
        elif event in ("end_map", "end_array"):
            depth -= 1
            if depth == 0:
                return


def _build(events: Iterator[tuple[str, Any]], event: str, value: Any) -> Any:
    """The value that (*event*, *value*) starts, or a DeepRecord for one nested too deep."""
    if event in _SCALARS:
        return _CONSTANTS.get(value, value) if event == "string" else value
    root: Any = {} if event == "start_map" else []
    stack: list[Any] = [root]
    key = None
    for event, value in events:
        if event == "map_key":
            if value in _CONSTANTS:
                raise _BareKey()
            key = value
            continue
        if event == "end_map" or event == "end_array":
            stack.pop()
            if not stack:
                return root
            continue
        top = stack[-1]
        if event == "start_map":
            new: Any = {}
        elif event == "start_array":
            new = []
        elif event == "string":
            new = value = _CONSTANTS.get(value, value)
        else:
            new = value
        if top.__class__ is dict:
            top[key] = new
        else:
            top.append(new)
        if new is not value:
            stack.append(new)
            if len(stack) > MAX_DEPTH:
                _skip(events, event)  # the container just opened
                for _ in range(len(stack) - 1):
                    _skip(events, "start_map")  # and those around it
                found = root.get("id") if isinstance(root, dict) else None
                return DeepRecord(found if isinstance(found, str) else "")
    return root


def _items(events: Iterator[tuple[str, Any]]) -> Iterator[Any]:
    """The elements of the list whose start_array was just read."""
    for event, value in events:
        if event == "end_array":
            return
        yield _build(events, event, value)


def _walk(stream: _Source, path: Path, wanted: set[str], backend: Any) -> Iterator[tuple[str, Any]]:
    events = _events(stream, path, backend)
    try:
        first = next(events, None)
    except BinomeError:
        if _blank(path):
            raise BinomeError(f"{path} est vide.") from None
        raise
    if first is None:
        raise BinomeError(f"{path} est vide.")
    if first[0] == "start_array":
        for item in _items(events):
            yield "", item
    elif first[0] == "start_map":
        for event, key in events:
            if event == "end_map":
                break
            if key in _CONSTANTS:
                raise _BareKey()
            event, _ = next(events)
            if key in wanted:
                if event != "start_array":
                    raise BinomeError(f"{path} : « {key} » doit être une liste.")
                for item in _items(events):
                    yield key, item
            else:
                _skip(events, event)
    else:
        raise BinomeError(
            f"{path} n'est pas un fichier data·inclusion : attendu un objet avec "
            "« structures » et « services », ou une liste d'enregistrements."
        )
    for _ in events:  # the parser checks that nothing follows the document
        pass


def _blank(path: Path) -> bool:
    """Whether *path* holds nothing but white space (and a BOM)."""
    with path.open("rb") as stream:
        head = stream.read(4096)
    return len(head) < 4096 and not head.removeprefix(codecs.BOM_UTF8).strip()


def _open(path: Path) -> BinaryIO:
    check_readable(path)
    try:
        stream = path.open("rb")
    except FileNotFoundError:
        raise BinomeError(f"Fichier introuvable : {path}") from None
    except IsADirectoryError:
        raise BinomeError(f"{path} est un dossier, pas un fichier.") from None
    except PermissionError:
        raise BinomeError(f"Impossible de lire {path} : accès refusé.") from None
    except OSError as exc:
        raise BinomeError(f"Impossible de lire {path} : {describe_os_error(exc)}.") from None
    if stream.read(len(codecs.BOM_UTF8)) != codecs.BOM_UTF8:
        stream.seek(0)
    return stream


def iter_lists(
    path: Path, wanted: set[str], *, read: list[int] | None = None
) -> Iterator[tuple[str, Any]]:
    """(name, element) for the elements of the top-level lists named in *wanted*, in file
    order; a file that is a bare list yields ("", element). Other keys are skipped.
    *read*, when given, holds in its first item how many bytes of the file were read so
    far (for a progress bar), updated as elements are handed out."""
    try:
        yield from _iter_lists(path, wanted, read)
    except _BareKey:
        raise BinomeError(
            f"{path} n'est pas du JSON valide (nom de champ entre guillemets attendu, "
            f"Infinity et NaN ne sont pas du JSON{_where(path)})."
        ) from None


def _iter_lists(path: Path, wanted: set[str], read: list[int] | None) -> Iterator[tuple[str, Any]]:
    # Each retry reads the file again from the start and hands out only the records after
    # the last one given: up to the point where a pass stopped, every pass builds the same.
    given = 0
    rewrite = False
    backend: Any = ijson
    while True:
        with _open(path) as raw:
            stream: _Source = _BareConstants(raw) if rewrite else raw
            try:
                for index, pair in enumerate(_walk(stream, path, wanted, backend)):
                    if index >= given:
                        given += 1
                        if read is not None:
                            read[0] = raw.tell()
                        yield pair
                return
            except _BareToken:
                rewrite = True
            except _Overflow:
                # A number too large for the C parser (an absurd value in one record): the
                # pure-Python parser holds any number; validation rejects that record alone.
                backend = ijson.get_backend("python")
