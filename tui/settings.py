"""Per-person preferences (the theme), kept in the user's configuration directory."""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs


def config_path() -> Path:
    override = os.environ.get("BINOME_CONFIG")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir("binome", appauthor=False)) / "preferences.json"


def load() -> dict:
    try:
        data = json.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: JSON nested too deep
        return {}
    return data if isinstance(data, dict) else {}


def save(values: dict) -> None:
    """Merge *values* into the preferences; a failure to write is not worth an error."""
    data = load()
    if all(data.get(k) == v for k, v in values.items()):
        return
    data.update(values)
    path = config_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass
