"""Files a person saves from the app (fiche orientation, CSV exports, later PDFs).

In a terminal they are written to ``Documents/Binome``; served (``binome serve``) they reach the
visitor's browser as a download (Textual's ``deliver_binary``): the server's disk is not theirs.
Every save in the app goes through ``save_document``.
"""

from __future__ import annotations

import io
from pathlib import Path

import platformdirs
from textual.app import App


def fiches_dir() -> Path:
    return Path(platformdirs.user_documents_dir()) / "Binome"


def save_document(app: App, filename: str, content: bytes, mime_type: str) -> str:
    """Save *content* for the person; returns the French sentence to show them.

    Raises ``OSError`` when the file cannot be written (terminal only)."""
    if app.is_web:
        app.deliver_binary(io.BytesIO(content), save_filename=filename, mime_type=mime_type)
        return f"Téléchargement envoyé à votre navigateur : {filename}"
    folder = fiches_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / filename
    path.write_bytes(content)
    return f"Enregistré : {path}"
