"""What the editing dialogs share: how fields, actions and values read on screen, who
may create or edit, and the app's clock and base version."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from caseload.acces import get_profil
from ressources import edition
from ressources.models import FRAIS_LABELS, MOBILISATION_LABELS, PUBLIC_LABELS
from ressources.record import SERVICE_RECORD, UNORDERED_FIELDS
from tui.base import BinomeBase
from tui.screens.common import fr_date

# What each field is called on screen (history, conflicts, errors about fields not shown):
# the record's labels, and the entry's archive flag.
FIELD_LABELS = {
    **{f.name: f.label for f in SERVICE_RECORD},
    "archive": "Archivée",
    "fiche": "Fiche",
}
ACTION_LABELS = {
    "creation": "Création",
    "modification": "Modification",
    "modification-fusionnee": "Modification (fusionnée)",
    "archivage": "Archivage",
    "desarchivage": "Désarchivage",
    "confirmation": "Toujours exact",
    "synchronisation": "Synchronisation",
    "etat-initial": "État initial (avant la première modification)",
    "import": "Import",
    "restauration": "Restauration",
}
EDITORS = edition.EDITOR_ROLES
EMPTY = "(vide)"


# -- small helpers ----------------------------------------------------------------------------
def now_of(app: BinomeBase) -> datetime:
    """Now, on the app's (injectable) day."""
    return datetime.combine(app.clock(), datetime.now().time().replace(microsecond=0))


def changed(app: BinomeBase) -> None:
    """Say the base moved (screens search again when they come back into view)."""
    app.base_version += 1


def may_create(app: BinomeBase) -> bool:
    profil = app.profil
    if profil is None or profil.role not in EDITORS:
        return False
    return profil.role == "administrateur" or bool(profil.partenaire)


def may_edit(app: BinomeBase, record: dict | None) -> bool:
    return (
        app.profil is not None
        and record is not None
        and edition.may_edit(app.db, app.profil, record)
    )


def author_name(app: BinomeBase, ident: str | None) -> str:
    return author_label(app.db, ident)


def author_label(db: Database, ident: str | None) -> str:
    """Who wrote something, as people know them (from any connection to the base)."""
    if not ident:
        return "—"
    if ident == "sync":
        return "synchronisation data·inclusion"
    profil = get_profil(db, ident)
    return profil.nom_complet if profil else ident


def action_label(action: str) -> str:
    if action.startswith("restauration v"):
        return f"Restauration de la version {action.removeprefix('restauration v')}"
    return ACTION_LABELS.get(action, action.capitalize())


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def show_value(app: BinomeBase, name: str, value) -> str:
    """A stored value as a person reads it."""
    if value is None or value == "" or value == []:
        return EMPTY
    if name == "thematiques_locales":
        return ", ".join(app.engine.thematiques.label(t) for t in value)
    if name == "publics":
        return ", ".join(PUBLIC_LABELS.get(p, p) for p in value)
    if name == "modes_mobilisation":
        return ", ".join(MOBILISATION_LABELS.get(m, m) for m in value)
    if name == "frais":
        return FRAIS_LABELS.get(value, str(value))
    if name in ("date_revue", "date_maj"):
        return fr_date(value)
    if name == "archive":
        return "oui" if value else "non"
    if name == "partenaire":
        owner = edition.partenaire(app.db, value)
        return owner.nom if owner else str(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def meaningful(changements: dict[str, list]) -> dict[str, list]:
    """The changes a person would call changes: a list whose values merely came back in
    another order (the national schema keeps some lists as sets) is left out."""
    kept = {}
    for name, pair in changements.items():
        if isinstance(pair, list) and len(pair) == 2:
            old, new = pair
            if (
                isinstance(old, list)
                and isinstance(new, list)
                and sorted(map(str, old)) == sorted(map(str, new))
            ):
                continue
        kept[name] = pair
    return kept


def fr_datetime(stamp: str) -> str:
    """``2026-11-23T10:04:00`` → ``23/11/2026 à 10:04``."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp or ""
    return moment.strftime("%d/%m/%Y à %H:%M")


def owner_name(app: BinomeBase, record: dict) -> str:
    owner = edition.partenaire(app.db, record.get("partenaire"))
    return owner.nom if owner else "aucun partenaire"


def comparable(name: str, value):
    """Values as compared to tell whether something changed: blanks are all « empty »."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (list, tuple)):
        items = [str(v).strip() for v in value if str(v).strip()]
        if not items:
            return None
        return sorted(items) if name in UNORDERED_FIELDS else items
    return value
