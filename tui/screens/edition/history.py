"""Every version of an entry, and restoring one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Footer, Label, Static

from ressources import edition
from ressources.errors import BinomeError
from tui import busy, keys
from tui.base import BinomeModal
from tui.screens.dialogs.confirm import ConfirmScreen
from tui.screens.edition.common import (
    action_label,
    author_name,
    changed,
    field_label,
    fr_datetime,
    may_edit,
    meaningful,
    now_of,
    owner_name,
    show_value,
)
from tui.widgets.fitted_table import FittedTable


class HistoryScreen(BinomeModal[bool]):
    """Every version of an entry (who, when, what changed); restore one in one action.

    Dismisses with True when something was restored (the caller refreshes)."""

    KEYS = "historique"
    BINDINGS = keys.bindings("historique")

    def __init__(self, service_id: str) -> None:
        super().__init__()
        self.service_id = service_id
        self.versions: list[edition.Version] = []
        self.record: dict = {}
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="history-dialog"):
            yield Label("Historique", id="history-title", markup=False)
            yield Static("", id="history-summary", markup=False)
            yield FittedTable(id="history-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="history-detail-scroll"):
                yield Static("", id="history-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#history-table", FittedTable)
        # Narrow, who did it and which fields shrink first; the version, date and action stay.
        # A cell cut ends with « … »: « Restauration de la vers » read as the whole of it.
        table.add_column("Version", key="version", width=7)
        table.add_column("Date", key="date", width=18, min_width=16, overflow="ellipsis")
        table.add_column(
            "Par", key="auteur", width=24, min_width=14, priority=1, overflow="ellipsis"
        )
        table.add_column("Action", key="action", width=28, min_width=16, overflow="ellipsis")
        table.add_column(
            "Champs modifiés",
            key="champs",
            min_width=16,
            grow=True,
            priority=2,
            overflow="ellipsis",
        )
        self.reload()
        table.focus()

    def reload(self) -> None:
        app = self.app
        self.record = edition.read_service(app.db, self.service_id)
        self.versions = edition.service_history(app.db, self.service_id)
        self.query_one("#history-title", Label).update(f"Historique : {self.record['nom']}")
        state = "archivée" if self.record.get("archive") else "en ligne"
        summary = (
            f"Version actuelle : {self.record['version']} · {state} · tenue par "
            f"{owner_name(app, self.record)}"
        )
        if not self.versions:
            summary += (
                "\nAucun changement enregistré dans Binôme depuis son import : la "
                "fiche est à sa version d'origine."
            )
        elif self.versions[0].version > 1:
            summary += (
                f"\nLes versions avant la {self.versions[0].version} (import) ne sont "
                "pas enregistrées : elles ne peuvent pas être restaurées."
            )
        self.query_one("#history-summary", Static).update(summary)
        table = self.query_one("#history-table", DataTable)
        table.clear()
        for index, v in reversed(list(enumerate(self.versions))):
            fields = ", ".join(field_label(n) for n in meaningful(v.changements)) or "—"
            if v.action == "creation":
                fields = "(fiche créée)"
            table.add_row(
                str(v.version),
                fr_datetime(v.date),
                author_name(app, v.auteur),
                action_label(v.action),
                fields,
                key=str(index),
            )
        # No version yet: no bare table of headings, a sentence instead.
        table.display = bool(self.versions)
        if self.versions:
            table.move_cursor(row=0)
            self._show(len(self.versions) - 1)
        else:
            self.query_one("#history-detail", Static).update(
                Text(
                    "Pas encore de version antérieure : la fiche n'a pas été modifiée dans "
                    "Binôme. Chaque modification y ajoutera une version, qu'on pourra "
                    "restaurer.",
                    style="italic",
                )
            )
        self.refresh_bindings()

    def highlighted(self) -> int | None:
        table = self.query_one("#history-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return int(key) if key is not None else None

    @on(DataTable.RowHighlighted, "#history-table")
    def row_highlighted(self) -> None:
        # The row under the cursor now: an event posted before a reload may name another.
        index = self.highlighted()
        if index is not None:
            self._show(index)
            self.refresh_bindings()

    def _show(self, index: int) -> None:
        v = self.versions[index]
        app = self.app
        text = Text()
        text.append(f"Version {v.version} — {action_label(v.action)}\n", style="bold")
        text.append(f"Le {fr_datetime(v.date)}, par {author_name(app, v.auteur)}\n\n")
        for name, pair in meaningful(v.changements).items():
            old, new = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
            text.append(f"{field_label(name)} : ", style="bold")
            if v.action == "creation":
                text.append(show_value(app, name, new) + "\n")
                continue
            text.append(show_value(app, name, old), style="strike")
            text.append(" → ")
            text.append(show_value(app, name, new) + "\n")
        if v.version == self.record["version"]:
            text.append("\nC'est la version actuelle.", style="italic")
        elif may_edit(app, self.record):
            key = keys.current_keys(app, keys.find("historique.restaurer"))[0]
            text.append(f"\n{keys.show_key(key)}", style="bold")
            text.append(" : revenir à l'état de la fiche après cette version.")
        self.query_one("#history-detail", Static).update(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            index = self.highlighted() if self.is_mounted else None
            if index is None or not may_edit(self.app, self.record):
                return False
            return self.versions[index].version != self.record["version"] or None
        return True

    def action_restore(self) -> None:
        index = self.highlighted()
        if index is None:
            return
        v = self.versions[index]
        if v.version == self.record["version"]:
            self.notify("C'est déjà la version actuelle.")
            return
        app = self.app

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                with busy.attempt(self):
                    new = edition.restore_version(
                        app.db, app.actor(), self.service_id, v.version, now=now_of(app)
                    )
            except BinomeError as exc:
                if not busy.retry_later(self, exc, lambda: answered(True)):
                    app.notify(str(exc), title="Restauration refusée", severity="error")
                return
            self.changed = True
            changed(app)
            self.reload()
            app.notify(
                f"La fiche a repris son état de la version {v.version} (elle est "
                f"maintenant en version {new}).",
                title="Version restaurée",
            )

        app.push_screen(
            ConfirmScreen(
                f"Restaurer la version {v.version} ?",
                f"La fiche reprend son état après la version {v.version} "
                f"({fr_datetime(v.date)}, {author_name(app, v.auteur)}).\n"
                "La restauration est enregistrée comme une nouvelle version : rien n'est perdu.",
                yes="Restaurer",
            ),
            answered,
        )

    def action_close(self) -> None:
        self.dismiss(self.changed)
