"""Exchange in CSV, for spreadsheets: one row per service, and one per structure that has
no active service (its service cells empty but ``structure_id``: the structure is kept).

Columns: the data·inclusion v1 service fields, then the structure's fields prefixed
``structure_`` (its id is the service's ``structure_id``), then Binôme's own fields
(``thematiques_binome``, ``mots_cles``, ``partenaire``, ``date_revue``). Separator ``;``,
UTF-8 with a BOM (a spreadsheet then shows accents right), lists as values joined by
`` | ``. Import reads such files (BOM or not, ``;`` or ``,`` found from the header),
rebuilds the structures (one per id) and services, and goes through the same validation
and writing as the JSON import: each invalid record is reported with its line, id, field
and reason, the others land in one transaction. An exported file re-imports identically.

Cells a spreadsheet would run as a formula (text starting with ``=``, ``+``, ``-``, ``@``)
are written behind an apostrophe, which import takes off again.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ressources.db import database_path
from ressources.errors import BinomeError, describe_os_error
from ressources.exchange import (
    EXPORT_PROGRESS_EVERY,
    ImportReport,
    Rejection,
    export_services,
    export_structures,
    import_records,
)
from ressources.files import check_readable, regular_file
from ressources.record import (
    DATE_FIELDS,
    EXTENSION_KEY,
    LIST_FIELDS,
    LOCAL_RECORD,
    NUMBER_FIELDS,
    SERVICE_FIELDS,
    STRUCTURE_FIELDS,
)
from ressources.text import counted, safe_cell

STRUCTURE_PREFIX = "structure_"
# The structure's columns; its id is the service's own ``structure_id`` column.
STRUCTURE_COLUMNS = {STRUCTURE_PREFIX + f: f for f in STRUCTURE_FIELDS if f != "id"}
# Binôme's fields → their key in the ``binome`` extension of a service.
LOCAL_COLUMNS = {f.csv_column: f.extension_key for f in LOCAL_RECORD}
COLUMNS = (*SERVICE_FIELDS, *STRUCTURE_COLUMNS, *LOCAL_COLUMNS)
LIST_SEPARATOR = " | "
SEPARATOR = ";"

_LIST_COLUMNS = LIST_FIELDS | {f.csv_column for f in LOCAL_RECORD if f.is_list}
_DATE_COLUMNS = DATE_FIELDS | {f.csv_column for f in LOCAL_RECORD if f.kind == "date"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
_FRENCH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# Far above any valid field (descriptions stop at 2,000 characters): a too long field is
# reported by validation, with its id, rather than stopping the whole file.
_FIELD_LIMIT = 16 * 1024 * 1024


@dataclass
class CsvImportReport(ImportReport):
    ignored_columns: list[str] = field(default_factory=list)


# -- export ------------------------------------------------------------------------------------


def _guard(text: str) -> str:
    return safe_cell(text)


def _unguard(text: str) -> str:
    if len(text) > 1 and text[0] == "'" and text[1] in "".join(_FORMULA_START):
        return text[1:]
    return text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return _guard(LIST_SEPARATOR.join(str(v) for v in value))
    return _guard(str(value))


def _structure_cells(structure: dict) -> list[str]:
    return [_cell(structure.get(f)) for f in STRUCTURE_COLUMNS.values()]


def export_rows(db: Database) -> Iterator[list[str]]:
    """The header, then one row per service (archived ones left out, as in JSON), one at
    a time, then one row per structure left without a service: the structures are held in
    memory, the services streamed."""
    structures = {s["id"]: s for s in export_structures(db)}
    with_services: set[str] = set()
    yield list(COLUMNS)
    for service in export_services(db):
        structure = structures.get(service["structure_id"], {})
        with_services.add(service["structure_id"])
        ext = service.get(EXTENSION_KEY) or {}
        row = [_cell(service.get(f)) for f in SERVICE_FIELDS]
        row += _structure_cells(structure)
        row += [_cell(ext.get(key)) for key in LOCAL_COLUMNS.values()]
        yield row
    empty_service = {f: "" for f in SERVICE_FIELDS}
    for structure_id, structure in structures.items():
        if structure_id not in with_services:
            row = [
                _cell(structure_id) if f == "structure_id" else empty_service[f]
                for f in SERVICE_FIELDS
            ]
            yield row + _structure_cells(structure) + [""] * len(LOCAL_COLUMNS)


def export_csv(
    db: Database, path: Path, *, progress: Callable[[int, int], None] | None = None
) -> tuple[int, int]:
    """Write the base as CSV (``;``, UTF-8 with BOM), row by row, to a regular file only
    (see ``ressources.files``); returns (structures, services). *progress*, when given,
    is called now and then with the rows written and to write."""
    structures: set[str] = set()
    services = 0
    written = 0
    # One row per active service, then one per structure left without one (export_rows).
    total = (
        db.execute(
            "SELECT (SELECT count(*) FROM services WHERE archive = 0) + (SELECT count(*) "
            "FROM structures WHERE id NOT IN (SELECT structure_id FROM services "
            "WHERE archive = 0 AND structure_id IS NOT NULL))"
        ).fetchone()[0]
        if progress is not None
        else 0
    )
    with regular_file(path, encoding="utf-8-sig", newline="", base=database_path(db)) as stream:
        writer = csv.writer(stream, delimiter=SEPARATOR, lineterminator="\r\n")
        rows = export_rows(db)
        writer.writerow(next(rows))
        structure_at = COLUMNS.index("structure_id")
        id_at = COLUMNS.index("id")
        for row in rows:
            writer.writerow(row)
            structures.add(row[structure_at])
            services += bool(row[id_at])
            written += 1
            if progress is not None and written % EXPORT_PROGRESS_EVERY == 0:
                progress(written, total)
    if progress is not None:
        progress(written, total)
    return len(structures), services


# -- import ------------------------------------------------------------------------------------


@dataclass
class _Row:
    line: int
    values: dict[str, str]


class _CsvFile:
    """One CSV file, read as many times as needed (structures first, then services)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.delimiter = SEPARATOR
        self.header: list[str] = []
        self._read_header()

    def _open(self):
        check_readable(self.path)
        try:
            return self.path.open(encoding="utf-8-sig", newline="")
        except FileNotFoundError:
            raise BinomeError(f"Fichier introuvable : {self.path}") from None
        except IsADirectoryError:
            raise BinomeError(f"{self.path} est un dossier, pas un fichier.") from None
        except OSError as exc:
            why = describe_os_error(exc)
            raise BinomeError(f"Impossible de lire {self.path} : {why}.") from None

    def _not_utf8(self) -> BinomeError:
        return BinomeError(
            f"{self.path} n'est pas un fichier texte UTF-8 : enregistrez-le au format "
            "« CSV UTF-8 » depuis le tableur."
        )

    def _read_header(self) -> None:
        with self._open() as stream:
            try:
                first = stream.readline()
            except UnicodeDecodeError:
                raise self._not_utf8() from None
        if not first.strip():
            raise BinomeError(f"{self.path} est vide : la ligne d'en-tête manque.")
        self.delimiter = "," if first.count(",") > first.count(";") else ";"
        header = next(csv.reader([first], delimiter=self.delimiter))
        self.header = [name.strip().lower() for name in header]
        if "id" not in self.header:
            raise BinomeError(
                f"{self.path} n'est pas un fichier CSV de services data·inclusion : "
                "la colonne « id » manque dans la ligne d'en-tête."
            )
        doubled = sorted({n for n in self.header if n and self.header.count(n) > 1})
        if doubled:
            raise BinomeError(f"{self.path} : colonnes en double : {', '.join(doubled)}.")

    @property
    def unknown_columns(self) -> list[str]:
        return [n for n in self.header if n and n not in COLUMNS]

    @property
    def describes_structures(self) -> bool:
        return any(n in STRUCTURE_COLUMNS for n in self.header)

    def rows(self) -> Iterator[_Row | Rejection]:
        """Each non-empty row after the header, or a rejection for a row whose number of
        cells is not the header's."""
        previous = max(csv.field_size_limit(), 0)
        csv.field_size_limit(min(_FIELD_LIMIT, sys.maxsize))
        try:
            with self._open() as stream:
                reader = csv.reader(stream, delimiter=self.delimiter)
                line = 1
                try:
                    next(reader)
                    line = reader.line_num + 1
                    for cells in reader:
                        start, line = line, reader.line_num + 1
                        yield from self._row(start, cells)
                except UnicodeDecodeError:
                    raise self._not_utf8() from None
                except csv.Error as exc:
                    raise BinomeError(
                        f"{self.path}, ligne {line} : ligne CSV illisible ({_csv_reason(exc)})."
                    ) from None
        finally:
            csv.field_size_limit(previous)

    def _row(self, line: int, cells: list[str]) -> Iterator[_Row | Rejection]:
        if not any(c.strip() for c in cells):
            return  # blank line, as spreadsheets leave at the end
        width = len(self.header)
        if len(cells) > width and not any(c.strip() for c in cells[width:]):
            cells = cells[:width]  # trailing empty cells
        if len(cells) != width:
            at = self.header.index("id")
            record_id = cells[at].strip() if at < len(cells) else ""
            reason = (
                f"{counted(len(cells), 'cellule')} au lieu de {width} : ligne mal découpée "
                "(un « ; » ou un guillemet de trop ?)"
            )
            yield Rejection("service", record_id, "", reason, line)
            return
        yield _Row(line, {n: c for n, c in zip(self.header, cells, strict=True) if n})


def _value(name: str, text: str) -> Any:
    """A cell as the schema reads it: None when empty, lists split, French habits of
    spreadsheets (decimal comma, JJ/MM/AAAA dates) turned into the schema's forms."""
    text = _unguard(text)
    if not text.strip():
        return None
    if name in _LIST_COLUMNS:
        return [part.strip() for part in text.split("|") if part.strip()]
    if name in NUMBER_FIELDS:
        text = text.strip()
        return text.replace(",", ".") if _DECIMAL_COMMA.match(text) else text
    if name in _DATE_COLUMNS:
        text = text.strip()
        match = _FRENCH_DATE.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return f"{year:04d}-{month:02d}-{day:02d}"
        return text
    return text


def _filled(pairs) -> dict:
    """Empty cells left out: a required field in an empty cell is « missing »."""
    return {name: value for name, value in pairs if value is not None}


def _service(values: dict[str, str]) -> dict:
    record = _filled((f, _value(f, values[f])) for f in SERVICE_FIELDS if f in values)
    ext = {key: _value(col, values[col]) for col, key in LOCAL_COLUMNS.items() if col in values}
    if ext:
        for f in LOCAL_RECORD:
            if f.is_list and ext.get(f.extension_key, ()) is None:
                ext[f.extension_key] = []  # an empty cell: no keywords, not « not said »
        record[EXTENSION_KEY] = ext
    return record


def _structure(values: dict[str, str]) -> dict | None:
    """The structure described on this row (None when its cells are all empty: the
    structure is described on another row, or already in the base)."""
    cells = {f: values[c] for c, f in STRUCTURE_COLUMNS.items() if c in values}
    if not any(v.strip() for v in cells.values()):
        return None
    record = _filled((f, _value(f, v)) for f, v in cells.items())
    record["id"] = _value("id", values.get("structure_id", ""))
    return record


def _structure_only(values: dict[str, str]) -> bool:
    """Whether the row describes a structure alone (how export writes one without active
    services): no service cell filled but ``structure_id``."""
    service_cells = [c for c in (*SERVICE_FIELDS, *LOCAL_COLUMNS) if c != "structure_id"]
    return not any(values.get(c, "").strip() for c in service_cells)


class _CsvImport:
    def __init__(
        self, paths: list[Path], progress: Callable[[int, int], None] | None = None
    ) -> None:
        self.files = [_CsvFile(p) for p in paths]
        self.extra: list[Rejection] = []  # row-level problems, found on the first pass
        self.lines: dict[tuple[str, str], int] = {}
        self.progress = progress
        # Rows are read twice (structures, then services): the bar counts both passes,
        # over the files' lines (a row is one line or more).
        self.total = 2 * sum(_line_count(p) for p in paths) if progress is not None else 0
        self.done = 0

    def _row_read(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % EXPORT_PROGRESS_EVERY == 0:
            self.progress(min(self.done, self.total), self.total)

    def structures(self) -> Iterator[dict]:
        seen: dict[str, tuple[int, dict]] = {}
        for file in self.files:
            for row in file.rows():
                self._row_read()
                if isinstance(row, Rejection):
                    self.extra.append(row)
                    continue
                alone = _structure_only(row.values)
                if not alone:
                    service_id = _value("id", row.values.get("id", "")) or ""
                    self.lines.setdefault(("service", service_id), row.line)
                record = _structure(row.values) if file.describes_structures else None
                if record is None or not record["id"]:
                    if alone:
                        reason = "ligne sans service ni structure décrite"
                        self.extra.append(Rejection("service", "", "", reason, row.line))
                    continue
                first = seen.get(record["id"])
                if first is None:
                    seen[record["id"]] = (row.line, record)
                    self.lines[("structure", record["id"])] = row.line
                    yield record
                    continue
                line, kept = first
                for name in STRUCTURE_FIELDS:
                    if record.get(name) is not None and record.get(name) != kept.get(name):
                        reason = (
                            f"valeur différente de celle de la ligne {line}, où la structure "
                            f"est déjà décrite : celle de la ligne {line} est gardée"
                        )
                        self.extra.append(
                            Rejection("structure", record["id"], name, reason, row.line)
                        )

    def services(self) -> Iterator[dict]:
        for file in self.files:
            for row in file.rows():
                self._row_read()
                if isinstance(row, _Row) and not _structure_only(row.values):
                    yield _service(row.values)


def _line_count(path: Path) -> int:
    try:
        with path.open("rb") as stream:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))
    except OSError:
        return 0  # an unreadable file is reported in French when it is read


def import_csv(
    db: Database,
    paths: list[Path],
    *,
    demo: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> CsvImportReport:
    """Import CSV files (one row per service) in one transaction: the valid records land,
    each invalid one is reported with its line. *progress*, when given, is called now and
    then with the rows read and to read (each row is read twice)."""
    job = _CsvImport(paths, progress)
    report = import_records(db, job.structures(), job.services(), demo=demo)
    if progress is not None:
        progress(job.total, job.total)
    rejections = report.rejections + job.extra
    for rejection in rejections:
        if rejection.ligne is None:
            rejection.ligne = job.lines.get((rejection.kind, rejection.id))
    rejections.sort(key=lambda r: (r.ligne or 0, r.kind != "structure"))
    ignored = []
    for file in job.files:
        ignored += [c for c in file.unknown_columns if c not in ignored]
    return CsvImportReport(
        structures=report.structures,
        services=report.services,
        rejections=rejections,
        ignored_columns=ignored,
    )


def is_csv(path: Path) -> bool:
    return path.suffix.lower() == ".csv"


def _csv_reason(error: csv.Error) -> str:
    """What Python's csv module says of a line it cannot read, in French."""
    said = str(error)
    if "field larger than field limit" in said:
        return f"une cellule dépasse {_FIELD_LIMIT // 1_000_000} Mo"
    if "NUL" in said:
        return "un caractère nul : est-ce bien un fichier texte ?"
    if "unexpected end of data" in said or "EOF" in said:
        return "le fichier se termine dans une cellule entre guillemets"
    if "new-line character" in said:
        return "un retour à la ligne hors guillemets dans une cellule"
    return "format CSV invalide"
