"""Files a person saves from the app (fiche orientation, CSV exports, later PDFs).

In a terminal they are written to ``Documents/Binome``; served (``binome serve``) they reach the
visitor's browser as a download (Textual's ``deliver_binary``): the server's disk is not theirs.
Every save in the app goes through ``save_document``.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import platformdirs
from textual.app import App


def fiches_dir() -> Path:
    return Path(platformdirs.user_documents_dir()) / "Binome"


def shown_path(path: Path) -> str:
    """A folder as the person reads it: under their home, « ~/… » (short, and the same on
    every machine)."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def save_document(app: App, filename: str, content: bytes, mime_type: str) -> str:
    """Save *content* for the person; returns the French sentence to show them.

    Raises ``OSError`` when the file cannot be written (terminal only)."""
    if app.is_web:
        app.deliver_binary(io.BytesIO(content), save_filename=filename, mime_type=mime_type)
        return f"Téléchargement envoyé à votre navigateur : {filename}"
    folder = fiches_dir()
    # Documents may hold personal data (fiche de liaison, access export): owner only.
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / filename
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as stream:
        stream.write(content)
    os.chmod(path, 0o600)  # an older file of the same name keeps its mode otherwise
    return f"Enregistré : {path}"
