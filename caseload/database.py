"""Opening the base of the whole app: the ressources tables, then the caseload's, and the
search index kept current. Every program (the terminal, the server, the commands, the
seed) opens the base through :func:`open_project_database`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from caseload.migrations import migrations as caseload_migrations
from ressources.db import open_database
from ressources.migrations import migrations as ressources_migrations
from ressources.store import INDEX_UPKEEP

# Every migration set of the base, in the order they apply (the caseload's tables refer to
# the communes of the ressources').
MIGRATION_SETS = (ressources_migrations, caseload_migrations)


def open_project_database(
    path: Path | str | None = None,
    *,
    seed: Callable[[Database], object] | None = None,
    read_only: bool | None = None,
) -> Database:
    """Open the base at *path* (default: ``$BINOME_DB`` or the user's data folder),
    creating and migrating it; no seeding unless *seed* is given (see
    :func:`ressources.db.open_database`)."""
    return open_database(
        path,
        migration_sets=MIGRATION_SETS,
        upkeep=[INDEX_UPKEEP],
        seed=seed,
        read_only=read_only,
    )
