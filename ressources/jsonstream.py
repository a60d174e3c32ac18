"""Reading the records of a large JSON file one at a time, with ``ijson``.

A data·inclusion export of 100,000 services is a few hundred megabytes of JSON; loaded
whole, it takes gigabytes of Python objects. ``ijson`` (the yajl C parser) reads it in
three passes that each hold one record at a time: one checks the document's shape (an
object whose ``structures`` and ``services`` are lists, or a bare list) and its syntax,
then one hands out the structures and one the services, each record built in C. The
structures thus always come before the services, whatever the order in the file.

A number too large for the C parser (an absurd value in one record) makes the file read
by ijson's pure-Python parser instead, which holds any number: validation then rejects
that record alone. Records nested too deep are left to validation too (``MAX_DEPTH``).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

import ijson

from ressources.errors import BinomeError
from ressources.fichiers import check_readable

_CHUNK = 1 << 20  # bytes handed to the parser at a time
# data·inclusion records are flat objects with lists of strings: 3 levels. Far deeper
# nesting is an attack or a bug, and would exhaust the stack of whatever reads it next.
MAX_DEPTH = 32
# Beyond this the parser's own bookkeeping grows with the square of the depth: such a file
# is refused whole (its records, between MAX_DEPTH and this, are rejected one by one).
MAX_FILE_DEPTH = 1000
_WHERE_MAX_BYTES = 20_000_000
_ORDER = ("structures", "services")

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


def _python_numbers(value: Any) -> Any:
    """The pure-Python parser gives non-integral numbers as Decimal: make them floats
    (1e400 becomes inf, which validation rejects)."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _python_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_python_numbers(v) for v in value]
    return value


def _translated(path: Path, run):
    """Run *run()*, turning the parser's errors into French ones (or _Overflow)."""
    try:
        return run()
    except ijson.JSONError as exc:
        if "overflow" in str(exc):
            raise _Overflow() from None
        raise _describe(path, exc) from None
    except UnicodeDecodeError:
        raise BinomeError(f"{path} n'est pas un fichier texte UTF-8.") from None
    except RecursionError:
        raise BinomeError(f"{path} n'est pas du JSON valide (imbrication trop profonde).") from None


def _shape(path: Path, wanted: set[str], backend: Any) -> str:
    """ "list" or "map": the document's shape, checked (with its syntax and its nesting)
    in one pass that keeps no more than a depth counter."""

    def run() -> str:
        with _open(path) as stream:
            kwargs = {"use_float": True} if backend is ijson else {}
            events = backend.basic_parse(stream, buf_size=_CHUNK, **kwargs)
            try:
                first, _ = next(events)
            except StopIteration:
                raise BinomeError(f"{path} est vide.") from None
            except (ijson.JSONError, UnicodeDecodeError):
                if _blank(path):
                    raise BinomeError(f"{path} est vide.") from None
                raise
            shape = {"start_array": "list", "start_map": "map"}.get(first)
            if shape is None:
                raise BinomeError(
                    f"{path} n'est pas un fichier data·inclusion : attendu un objet avec "
                    "« structures » et « services », ou une liste d'enregistrements."
                )
            depth, pending = 1, None
            for event, value in events:
                if pending is not None:
                    if event != "start_array":
                        raise BinomeError(f"{path} : « {pending} » doit être une liste.")
                    pending = None
                if event == "start_map" or event == "start_array":
                    depth += 1
                    if depth > MAX_FILE_DEPTH:
                        raise BinomeError(
                            f"{path} n'est pas un fichier data·inclusion : données imbriquées "
                            f"sur plus de {MAX_FILE_DEPTH} niveaux."
                        )
                elif event == "end_map" or event == "end_array":
                    depth -= 1
                elif depth == 1 and event == "map_key" and value in wanted:
                    pending = value
            return shape

    return _translated(path, run)


def _items(path: Path, prefix: str, backend: Any) -> Iterator[Any]:
    with _open(path) as stream:
        if backend is ijson:
            items = ijson.items(stream, prefix, buf_size=_CHUNK, use_float=True)
        else:
            items = map(_python_numbers, backend.items(stream, prefix, buf_size=_CHUNK))
        while True:
            item = _translated(path, lambda: next(items, _END))
            if item is _END:
                return
            yield item


_END = object()


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
        raise BinomeError(f"Impossible de lire {path} : {exc.strerror}.") from None
    if stream.read(len(codecs.BOM_UTF8)) != codecs.BOM_UTF8:
        stream.seek(0)
    return stream


def iter_lists(path: Path, wanted: set[str]) -> Iterator[tuple[str, Any]]:
    """(name, element) for the elements of the top-level lists named in *wanted*
    (``structures`` before ``services``); a file that is a bare list yields ("",
    element). Other keys are skipped."""
    backend: Any = ijson
    try:
        shape = _shape(path, wanted, backend)
    except _Overflow:
        backend = ijson.get_backend("python")
        shape = _shape(path, wanted, backend)
    if shape == "list":
        for item in _items(path, "item", backend):
            yield "", item
        return
    keys = [k for k in _ORDER if k in wanted] + sorted(set(wanted) - set(_ORDER))
    for key in keys:
        for item in _items(path, f"{key}.item", backend):
            yield key, item
