"""Keeping the base alive from the app: the form of an entry, its history, reports, and the
small actions (toujours exact, archive) the Ressources and À faire screens share.

One dialog per module (``form``, ``conflict``, ``history``, ``report``), what they share in
``common``, the actions the list screens call in ``actions``; the names below are the ones
other screens and the tests import from ``tui.screens.edition``.

Every rule is the domain's (``ressources.edition``): who may edit, what is valid, what a
conflict is. These screens gather what the person types, call the domain, and say its
answers in French where they apply.
"""

from tui.screens.edition.actions import (
    archive_entry,
    confirm_entry,
    edit_entry,
    history_of,
    report_entry,
)
from tui.screens.edition.common import (
    ACTION_LABELS,
    EDITORS,
    FIELD_LABELS,
    action_label,
    author_label,
    author_name,
    changed,
    field_label,
    fr_datetime,
    maintenant,
    may_edit,
    meaningful,
    owner_name,
    peut_creer,
    show_value,
)
from tui.screens.edition.conflict import ConflitScreen
from tui.screens.edition.form import FORM_FIELDS, RessourceFormScreen
from tui.screens.edition.history import HistoriqueScreen
from tui.screens.edition.report import SignalementScreen

__all__ = [
    "ACTION_LABELS",
    "EDITORS",
    "FIELD_LABELS",
    "FORM_FIELDS",
    "ConflitScreen",
    "HistoriqueScreen",
    "RessourceFormScreen",
    "SignalementScreen",
    "action_label",
    "archive_entry",
    "author_label",
    "author_name",
    "changed",
    "confirm_entry",
    "edit_entry",
    "field_label",
    "fr_datetime",
    "history_of",
    "maintenant",
    "may_edit",
    "meaningful",
    "owner_name",
    "peut_creer",
    "report_entry",
    "show_value",
]
