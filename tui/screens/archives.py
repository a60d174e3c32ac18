"""« Fiches archivées »: the entries taken out of the search, to find one again and bring it
back (from Ressources: ctrl+y, or the palette).

Anyone who reads the base sees them; bringing one back is for those who keep it
(``ressources.edition.may_edit``): anyone else is told why, in the domain's words.
The list is read a page at a time, like the other long lists. A letter typed in the list goes
to the filter box, as in the other lists (by name of the entry, partner or who archived it);
the columns fit the terminal (``FittedTable``), the partner kept at 80 columns and long cells
ending with « … ».
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.containers import Horizontal
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input, Label, Select, Static

from ressources import edition
from ressources.errors import BinomeError
from ressources.text import counted, fold, safe_text
from tui import keys
from tui.base import BinomeScreen
from tui.keys import FilteredList
from tui.screens.common import fr_date
from tui.screens.dialogs.confirm import ConfirmScreen
from tui.screens.edition.actions import history_of
from tui.screens.edition.common import author_name, changed, may_edit, now_of
from tui.widgets.fitted_table import FittedTable
from tui.widgets.footer import AreaFooter
from tui.widgets.header import BinomeHeader
from tui.widgets.plain import plain_options

PAGE = 100


class ArchivesScreen(FilteredList, BinomeScreen[None]):
    """The archived entries, the last archived first; unarchive, history."""

    TITLE = "Binôme · Fiches archivées"
    DEFAULT_CSS = """
    ArchivesScreen #ar-top { height: 1; padding: 0 1; }
    ArchivesScreen #ar-partner-label { width: auto; }
    ArchivesScreen #ar-partenaire { width: 1fr; max-width: 44; }
    ArchivesScreen #ar-filtre { width: 1fr; margin-left: 1; }
    ArchivesScreen #ar-summary, ArchivesScreen #ar-hint { padding: 0 1; }
    ArchivesScreen #ar-table { height: 1fr; }
    """
    KEYS = "archives"
    FILTER_BOX = "#ar-filtre"
    FILTERED_LIST = "#ar-table"
    EMPTY_LINE = "#ar-empty"
    BINDINGS = keys.bindings("archives")

    def __init__(self) -> None:
        super().__init__()
        self.total = 0
        self.partners: dict[str, str] = {}
        self.records: dict[str, dict] = {}
        # With a filter, the entries that match it (all read at once: the archived ones of a
        # base are a few hundred at most); without one, None (read a page at a time).
        self.matching: list[dict] | None = None

    def compose(self) -> ComposeResult:
        yield BinomeHeader()
        with Horizontal(id="ar-top"):
            yield Label("Partenaire : ", id="ar-partner-label")
            yield Select([], prompt="Tous les partenaires", id="ar-partenaire", compact=True)
            yield Input(placeholder="Filtrer (/)", id="ar-filtre", compact=True, max_length=100)
        yield Static("", id="ar-summary", markup=False)
        yield Static(
            "ctrl+u : désarchiver (la fiche revient dans la recherche) · entrée : "
            "historique · échap : retour",
            id="ar-hint",
            classes="muted",
            markup=False,
        )
        yield FittedTable(id="ar-table", cursor_type="row", zebra_stripes=True)
        yield Static("Aucune fiche archivée.", id="ar-empty", classes="empty")
        yield AreaFooter()

    def on_mount(self) -> None:
        table = self.query_one("#ar-table", FittedTable)
        # At 80 columns the date gives way before the partner and who archived it.
        # Cut in the middle: two archived « Sorties familles et soutien à la parentalité - »
        # of two centres sociaux read the same cut at the end.
        table.add_column("Fiche", key="nom", width=44, min_width=24, grow=True, overflow="middle")
        table.add_column("Archivée le", key="date", width=11, priority=1)
        table.add_column("Par", key="par", max_width=24, min_width=14, priority=2)
        table.add_column("Partenaire", key="partenaire", max_width=36, min_width=16, priority=3)
        self.partners = {p.slug: p.nom for p in edition.partenaires(self.app.db)}
        select = self.query_one("#ar-partenaire", Select)
        select.set_options(plain_options([(nom, slug) for slug, nom in self.partners.items()]))
        profil = self.app.profil
        # Those who keep entries see their partner's first; they may look at the others.
        if profil is not None and profil.partenaire in self.partners:
            select.value = profil.partenaire
        self.reload()
        table.focus()

    def partner_slug(self) -> str | None:
        value = self.query_one("#ar-partenaire", Select).value
        return None if value is Select.NULL else str(value)

    @on(Select.Changed, "#ar-partenaire")
    def partner_changed(self) -> None:
        self.reload()

    @on(Input.Changed, "#ar-filtre")
    def filter_changed(self) -> None:
        self.query_one("#ar-table", DataTable).move_cursor(row=0)
        self.reload()

    @on(Input.Submitted, "#ar-filtre")
    def filter_submitted(self) -> None:
        table = self.query_one("#ar-table", DataTable)
        if table.display:
            table.focus()

    def _cells(self, item: dict) -> tuple[str, str, str, str]:
        return (
            item["nom"],
            fr_date((item["archive_le"] or "")[:10]) or "—",
            author_name(self.app, item["archive_par"]) if item["archive_par"] else "—",
            self.partners.get(item["partenaire"], item["partenaire"] or "—"),
        )

    # -- the list -----------------------------------------------------------------------------
    def reload(self) -> None:
        table = self.query_one("#ar-table", DataTable)
        row = table.cursor_row
        slug = self.partner_slug()
        wanted = fold(self.filter_text())
        if wanted:
            self.matching = [
                item
                for item in edition.archived_services(self.app.db, slug)
                if any(wanted in fold(str(cell)) for cell in self._cells(item))
            ]
            self.total = len(self.matching)
        else:
            self.matching = None
            self.total = edition.archived_count(self.app.db, slug)
        self.records = {}
        table.clear()
        self._add_rows(0, max(PAGE, row + PAGE // 2))
        self.show_rows(
            row,
            f"Aucune fiche archivée ne correspond au filtre « {self.filter_text()} »."
            if wanted
            else "Aucune fiche archivée.",
        )
        who = self.partners.get(slug, slug) if slug else "tous les partenaires"
        count = counted(self.total, "fiche archivée", "fiches archivées")
        if wanted:
            who += f", filtre « {self.filter_text()} »"
        self.query_one("#ar-summary", Static).update(
            f"{count} — {who}. Une fiche archivée ne sort plus dans la recherche ni dans « à "
            "faire » ; son historique est gardé."
        )
        self.refresh_bindings()

    def _add_rows(self, offset: int, limit: int) -> None:
        table = self.query_one("#ar-table", DataTable)
        slug = self.partner_slug()
        items = (
            self.matching[offset : offset + limit]
            if self.matching is not None
            else edition.archived_services(self.app.db, slug, offset=offset, limit=limit)
        )
        for item in items:
            self.records[item["id"]] = item
            # A cell too long for its column ends with « … » (not cut at a word, unsaid).
            cells = [
                Text(cell, no_wrap=True, overflow="ellipsis", end="") for cell in self._cells(item)
            ]
            table.add_row(*cells, key=item["id"])

    @on(DataTable.RowHighlighted, "#ar-table")
    def row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = event.data_table
        if table.row_count < self.total and table.cursor_row >= table.row_count - 10:
            self._add_rows(table.row_count, PAGE)
        self.refresh_bindings()

    def current(self) -> dict | None:
        table = self.query_one("#ar-table", DataTable)
        if not table.row_count or not table.display:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return self.records.get(key) if key else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("unarchive", "history"):
            return self.is_mounted and self.current() is not None
        return True

    def refusal(self, action: str) -> str | None:
        """Why a key of this screen does nothing now, in French."""
        if action in ("unarchive", "history"):
            return "Aucune fiche archivée n'est en surbrillance dans la liste."
        return None

    # -- actions ------------------------------------------------------------------------------
    def action_focus_partenaire(self) -> None:
        self.query_one("#ar-partenaire", Select).focus()

    def action_history(self) -> None:
        item = self.current()
        if item is not None:
            history_of(self.app, item["id"], self.reload)

    def action_unarchive(self) -> None:
        """Bring the entry back, once asked; someone who does not keep it is told why."""
        item = self.current()
        if item is None:
            return
        if self.app.profil is None:
            self.notify(
                "Sans profil, aucune fiche ne peut être désarchivée (F3 dit pourquoi).",
                title="Désarchivage refusé",
                severity="warning",
            )
            return
        try:
            record = edition.read_service(self.app.db, item["id"])
        except BinomeError as exc:
            self.notify(str(exc), severity="error")
            return
        if not may_edit(self.app, record):
            self._unarchive(item)  # the domain refuses, and says why
            return
        nom = safe_text(str(item["nom"]))

        def answered(yes: bool | None) -> None:
            if yes:
                self._unarchive(item)

        self.app.push_screen(
            ConfirmScreen(
                "Désarchiver cette fiche ?",
                f"« {nom} » revient dans la recherche et, si sa revue est due, dans la liste "
                "« à faire ». Le désarchivage est inscrit dans son historique.",
                yes="Désarchiver",
            ),
            answered,
        )

    def _unarchive(self, item: dict) -> None:
        profil = self.app.profil
        if profil is None:
            return
        try:
            edition.unarchive_service(self.app.db, profil, item["id"], now=now_of(self.app))
        except BinomeError as exc:
            self.notify(str(exc), title="Désarchivage refusé", severity="error")
            return
        changed(self.app)
        self.notify(
            f"« {safe_text(str(item['nom']))} » revient dans la recherche.",
            title="Fiche désarchivée",
        )
        self.reload()

    def commands(self) -> Iterable[SystemCommand]:
        yield from keys.commands(self, "archives")
