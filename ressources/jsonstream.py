"""Reading the records of a large JSON file one at a time, with ``ijson``.

A data·inclusion export of 100,000 services is a few hundred megabytes of JSON; loaded
whole, it takes gigabytes of Python objects. ``ijson`` (the yajl C parser) turns the file
into a stream of events; the elements of the top-level lists are built from them one at a
time, so memory holds one record, whatever the file's size.

A record nested deeper than :data:`MAX_DEPTH` is not built: a :class:`DeepRecord` stands for
it, which validation rejects with its id, and the rest of the file is read as usual.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

import ijson  # type: ignore[import-untyped]

from ressources.errors import BinomeError, describe_os_error
from ressources.fichiers import check_readable

_CHUNK = 1 << 20  # bytes handed to the parser at a time
# data·inclusion records are flat objects with lists of strings: 3 levels. Far deeper
# nesting is an attack or a bug, and would exhaust the stack of whatever reads it next.
MAX_DEPTH = 32
_WHERE_MAX_BYTES = 20_000_000

_MESSAGES = {
    "premature EOF": "fin du fichier inattendue",
    "trailing garbage": "contenu après la fin du document",
    "invalid char in json text": "caractère inattendu (Infinity et NaN ne sont pas du JSON)",
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
_SCALARS = frozenset({"null", "boolean", "integer", "double", "number", "string"})


class DeepRecord:
    """Stands for a record nested deeper than :data:`MAX_DEPTH` (never built)."""

    def __init__(self, record_id: str = "") -> None:
        self.id = record_id

    def __repr__(self) -> str:
        return f"DeepRecord({self.id!r})"


class _Overflow(Exception):
    """The C parser met a number it cannot hold (more than 64 bits)."""


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


def _events(stream: BinaryIO, path: Path, backend: Any) -> Iterator[tuple[str, Any]]:
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
        return value
    root: Any = {} if event == "start_map" else []
    stack: list[Any] = [root]
    key = None
    for event, value in events:
        if event == "map_key":
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


def _walk(
    stream: BinaryIO, path: Path, wanted: set[str], backend: Any
) -> Iterator[tuple[str, Any]]:
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


def iter_lists(path: Path, wanted: set[str]) -> Iterator[tuple[str, Any]]:
    """(name, element) for the elements of the top-level lists named in *wanted*, in file
    order; a file that is a bare list yields ("", element). Other keys are skipped."""
    given = 0
    with _open(path) as stream:
        try:
            for pair in _walk(stream, path, wanted, ijson):
                given += 1
                yield pair
            return
        except _Overflow:
            pass
    # A number too large for the C parser (an absurd value in one record): the file is
    # read again by ijson's pure-Python parser, which holds any number, from the record
    # after the last one handed out; validation then rejects that record alone.
    python_backend = ijson.get_backend("python")
    with _open(path) as stream:
        for index, pair in enumerate(_walk(stream, path, wanted, python_backend)):
            if index >= given:
                yield pair
