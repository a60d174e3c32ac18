"""A digest of every table of a base: equal before and after means nothing was written."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def table_digest(path: Path | str) -> str:
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE '%fts_%' ORDER BY name"
            )
        ]
        for table in tables:
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
        for pragma in ("application_id", "user_version"):
            digest.update(repr(conn.execute(f"PRAGMA {pragma}").fetchone()).encode())
        return digest.hexdigest()
    finally:
        conn.close()
