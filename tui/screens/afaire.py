"""F6 « À faire »: what a partner has to do to keep its entries true — the yearly review
(overdue, then due within 30 days) and the errors people reported.

The lists are the domain's (``ressources.edition.todo_list``, a page at a time:
``todo_page``); so is who may act on them.
"""

from __future__ import annotations

import functools
import sqlite3
import time
from collections.abc import Iterable
from datetime import date

from textual import events, on, work
from textual.app import ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.css.scalar import Scalar
from textual.widgets import Input, Label, Select, Static
from textual.widgets.data_table import RowKey
from textual.worker import get_current_worker

from caseload.acces import Profil
from caseload.database import open_project_database
from ressources import edition
from ressources.db import change_stamp
from ressources.errors import BinomeError
from ressources.text import counted, fold, grouped, safe_text
from tui import keys
from tui.base import BinomeScreen
from tui.keys import explain_refusal, type_into
from tui.screens.common import fr_date, no_profil_message
from tui.screens.dialogs.confirm import ConfirmScreen
from tui.screens.edition.actions import edit_entry, history_of
from tui.screens.edition.common import EDITORS, author_label, author_name, may_edit, now_of
from tui.screens.ressources import ResourcesScreen, confirm_then
from tui.widgets.footer import AreaFooter
from tui.widgets.header import BinomeHeader
from tui.widgets.plain import plain_options
from tui.widgets.result_list import ResultList, Row

# The lists' tables and the domain's lists they show, a page at a time.
TABLE_LISTS = {
    "af-retard": "overdue_reviews",
    "af-bientot": "reviews_due_soon",
    "af-signalements": "error_reports",
}
PAGE = 50
# A list on view keeps its header and two rows, however short of room the screen is.
MIN_LIST_LINES = 3
# The summary's figures until the lists are counted (in a thread, once the rows are shown).
COUNTING = "Comptage des fiches en cours…"

# The three lists: table id → (title, what an empty list says).
SECTIONS = {
    "af-retard": (
        "À actualiser : pas confirmées depuis 12 mois",
        "Aucune fiche en retard de revue.",
    ),
    "af-bientot": ("À revoir dans les 30 jours", "Aucune revue à prévoir dans les 30 jours."),
    "af-signalements": ("Informations erronées signalées", "Aucun signalement ouvert."),
}


class TodoList(ResultList):
    """One of the lists: ``entrée`` opens the row, and the footer says so."""

    BINDINGS = keys.select_binding("afaire.ouvrir")


class AfaireScreen(BinomeScreen[None]):
    """A partner's to-do list; an administrateur picks the partner."""

    KEYS = "afaire"
    # No focus given by Textual as the screen mounts (its first focusable widget), then moved
    # at once to the first list, once filled (reload): each move restyles the widgets it leaves and
    # enters (issue 13, slow lists).
    AUTO_FOCUS = ""
    # Under 30 lines the lists take the room of the hint and the blank lines (app.tcss).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    # A letter typed in a list goes to the filter box: no action is on a letter (a stray
    # « v » used to certify an entry).
    BINDINGS = keys.bindings("afaire")

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}
        self._list_of: tuple[date, str | None] = (date.min, None)
        self._partners: dict[str, str] = {}
        self._loaded_at: tuple | None = None
        self._wanted = ""
        # With words in the filter box: each list read once (for the state it was read at),
        # and the positions of its rows that have the words.
        self._indexes: dict[str, edition.TodoIndex] = {}
        self._filtered: dict[str, list[int]] = {}
        self.reports: dict[str, dict] = {}
        self._editable: dict[str, bool] = {}
        self._with_partner: bool | None = None
        self._partner_for: Profil | None = None

    def compose(self) -> ComposeResult:
        yield BinomeHeader()
        with Vertical(id="af-top"):
            with Horizontal(id="af-partner-row"):
                yield Label("Partenaire : ", id="af-partner-label")
                yield Select([], prompt="Tous les partenaires", id="af-partenaire", compact=True)
                yield Static("", id="af-partner-name", markup=False)
            yield Static("", id="af-summary", markup=False)
            yield Input(
                placeholder="Filtrer : fiche, auteur, ce qui est erroné…",
                id="af-filter",
                compact=True,
            )
            yield Static(
                "entrée : ouvrir (le formulaire si vous pouvez modifier la fiche) · tab : "
                "liste suivante · une lettre tapée filtre les listes",
                id="af-hint",
                classes="muted",
                markup=False,
            )
        with Vertical(id="af-body"):
            for table_id, (title, empty) in SECTIONS.items():
                yield Label(title, id=f"{table_id}-title", classes="section-title af-title")
                yield TodoList(id=table_id)
                yield Static(empty, id=f"{table_id}-empty", classes="muted af-empty")
        yield Static("", id="af-none", classes="empty")
        yield AreaFooter()

    def on_mount(self) -> None:
        table = self.query_one("#af-signalements", ResultList)
        # The comment is what the owner acts on: never dropped, shown in full (its rows
        # grow to as many lines as it takes), issue 13.
        table.add_column("Date", key="date", width=10, priority=2)
        table.add_column("Par", key="auteur", width=20, min_width=14, priority=1, wrap=True)
        # Names cut in the middle: many differ only at their end (« … du CCAS de Montech »,
        # « … de Verdun-sur-Garonne »), which a cut at the end took away from both.
        # The comment wraps, the name is cut: the comment gives up its width first.
        table.add_column(
            "Fiche", key="nom", width=40, min_width=24, overflow="middle", shrinks_last=True
        )
        table.add_column("Ce qui est erroné", key="commentaire", min_width=30, grow=True, wrap=True)
        self.setup_partner()
        self.reload()

    def _review_columns(self, with_partner: bool) -> None:
        """The review lists; the partner's name only when the list mixes partners."""
        if self._with_partner == with_partner:
            return
        self._with_partner = with_partner
        for table_id in ("af-retard", "af-bientot"):
            table = self.query_one(f"#{table_id}", ResultList)
            table.clear(columns=True)
            table.add_column(
                "Fiche", key="nom", width=60, min_width=30, grow=True, overflow="middle"
            )
            table.add_column("Vérifiée le", key="revue", width=12, priority=2)
            label = "En retard depuis" if table_id == "af-retard" else "À revoir avant le"
            table.add_column(label, key="echeance", width=17)
            if with_partner:
                table.add_column(
                    "Partenaire",
                    key="partenaire",
                    width=30,
                    min_width=16,
                    priority=1,
                    overflow="ellipsis",
                )

    def on_screen_resume(self) -> None:
        # Another profile took the seat while this screen was out of view: its partner,
        # not the last person's, heads the lists.
        if self._partner_for != self.app.profil:
            self.setup_partner()
        # Coming back: read again only if the base, the profile or the day moved meanwhile.
        if self._loaded_at != self._state():
            self.reload()

    def _state(self) -> tuple:
        profil = self.app.profil
        return (profil, self.partner_slug(), self.app.clock(), change_stamp(self.app.db))

    def profil_changed(self) -> None:
        self.setup_partner()
        self.reload()

    def forget_filters(self) -> None:
        """The filter box emptied for the next profile (``BinomeApp._forget_filters``)."""
        self.query_one("#af-filter", Input).value = ""

    # -- whose list ---------------------------------------------------------------------------
    @property
    def admin(self) -> bool:
        profil = self.app.profil
        return profil is not None and profil.role == "administrateur"

    def setup_partner(self) -> None:
        select = self.query_one("#af-partenaire", Select)
        name = self.query_one("#af-partner-name", Static)
        profil = self._partner_for = self.app.profil
        select.display = self.admin
        name.display = not self.admin
        if self.admin:
            select.set_options(
                plain_options([(p.nom, p.slug) for p in edition.partenaires(self.app.db)])
            )
        elif profil is not None:
            owner = edition.partenaire(self.app.db, profil.partenaire)
            text = owner.nom if owner else "aucun partenaire"
            if profil.role not in EDITORS or not profil.partenaire:
                text += (
                    "  (consultation : les fiches sont mises à jour par les personnes "
                    "de chaque partenaire et les administrateurs)"
                )
            name.update(text)

    def partner_slug(self) -> str | None:
        if self.admin:
            value = self.query_one("#af-partenaire", Select).value
            return None if value is Select.NULL else str(value)
        profil = self.app.profil
        return profil.partenaire if profil else None

    @on(Select.Changed, "#af-partenaire")
    @on(Input.Changed, "#af-filter")
    def partner_changed(self) -> None:
        self.reload()

    @on(Input.Submitted, "#af-filter")
    def filter_submitted(self) -> None:
        first = next((t for t in self.query(ResultList) if t.display), None)
        if first is not None:
            first.focus()

    def on_key(self, event: events.Key) -> None:
        if isinstance(self.focused, ResultList) and type_into(
            self.query_one("#af-filter", Input), event
        ):
            return
        explain_refusal(self, event)

    # -- the lists ------------------------------------------------------------------------------
    def reload(self) -> None:
        profil = self.app.profil
        none = self.query_one("#af-none", Static)
        body = self.query_one("#af-body")
        top = self.query_one("#af-top")
        if profil is None or (not self.admin and not profil.partenaire):
            body.display = top.display = False
            none.display = True
            if profil is None:
                none.update(no_profil_message("La liste « à faire »"))
            else:
                none.update(
                    "Votre profil n'est rattaché à aucun partenaire : il n'a pas de "
                    "fiche à tenir à jour."
                )
            self.counts = {}
            self._loaded_at = None
            self.refresh_bindings()
            return
        body.display = top.display = True
        none.display = False
        state = self._state()
        focused = self.focused if isinstance(self.focused, ResultList) else None
        cursors = {t.id: t.cursor_row for t in self.query(ResultList)}
        slug = self.partner_slug()
        today = self.app.clock()
        self._list_of = (today, slug)
        same_state = state == self._loaded_at
        if not same_state:
            # Each list shows its first rows, the next ones as the cursor nears the end (a
            # département's base has tens of thousands of entries to review); the counts
            # come once the rows are on screen (_read_behind), again only when the base, the
            # partner, the profile or the day moved (not on each key of the filter).
            self.counts = {}
            self._partners = {p.slug: p.nom for p in edition.partenaires(self.app.db)}
            self._indexes = {}
            self._editable = {}
        self._loaded_at = state
        self._wanted = fold(self.query_one("#af-filter", Input).value)
        self._filtered = {}
        self.reports = {}
        self._review_columns(slug is None)
        for table_id, list_name in TABLE_LISTS.items():
            table = self.query_one(f"#{table_id}", ResultList)
            # As many rows as before, so that the cursor comes back where it was.
            cursor = cursors.get(table_id, 0)
            wanted = max(PAGE, cursor + PAGE // 2)
            items = self._items(list_name, 0, wanted)
            shown = [row.key.value for row in table.ordered_rows]
            if same_state and shown == [self._row_key(list_name, item) for item in items]:
                continue  # a key typed that left this list as it was: nothing laid out again
            table.set_rows(self._rows_of(list_name, items), cursor_row=cursor)
        for table in self.query(ResultList):
            has_rows = table.row_count > 0
            table.display = has_rows
            empty = self.query_one(f"#{table.id}-empty", Static)
            empty.display = not has_rows
            if not has_rows:
                # A list emptied by the filter says so, not that there is nothing to do.
                typed = self.query_one("#af-filter", Input).value.strip()
                what = "Aucun signalement" if table.id == "af-signalements" else "Aucune fiche"
                empty.update(
                    f"{what} de cette liste ne correspond au filtre « {typed} »."
                    if typed
                    else SECTIONS[table.id or ""][1]
                )
            row = cursors.get(table.id, 0)
            if has_rows:
                table.move_cursor(row=min(row, table.row_count - 1))
        if not same_state:
            # After the frame that shows the rows: a thread of its own meanwhile would slow
            # the drawing of the screen (the interpreter is one).
            self.call_after_refresh(self._read_behind, state, today, slug)
        self._update_summary()
        self.call_after_refresh(self._share_room)
        # Keep the focus on a list that still has rows, else the first that has (the filter
        # box keeps it while someone types).
        typing = isinstance(self.focused, Input)
        if not typing and (focused is None or not focused.display):
            first = next((t for t in self.query(ResultList) if t.display), None)
            if first is not None:
                first.focus()
        self.refresh_bindings()

    def on_resize(self, event: events.Resize) -> None:
        # Once the new size is laid out: the body's height is then known.
        self.call_after_refresh(self._share_room)

    def _share_room(self) -> None:
        """The body's lines shared among the lists on view: a short list takes what it
        needs, the others the rest, equally (fixed shares left a list scrolling over three
        rows above blank lines, issue 13). A list never has fewer than MIN_LIST_LINES, nor
        fewer than its header and its tallest row: a report's comment of six lines in a share
        of four was cut, with no way to read the rest (a list scrolls by rows); the body
        scrolls instead."""
        body = self.query_one("#af-body")
        tables = [t for t in self.query(ResultList) if t.display]
        if not tables or not body.size.height:
            return
        others = [w for w in body.children if w.display and w not in tables]
        room = body.size.height - sum(
            w.outer_size.height + w.styles.margin.top + w.styles.margin.bottom for w in others
        )
        wants = {t: t.virtual_size.height for t in tables}  # the header and every row
        shares: dict[ResultList, int] = {}
        left = sorted(tables, key=lambda t: wants[t])
        while left:
            fair = max(MIN_LIST_LINES, (room - sum(shares.values())) // len(left))
            table = left.pop(0)
            least = min(wants[table], 1 + table.tallest_row_lines)
            shares[table] = max(MIN_LIST_LINES, least, min(wants[table], fair))
        for table, lines in shares.items():
            if table.styles.max_height != Scalar.from_number(lines):
                table.styles.max_height = lines

    def _update_summary(self) -> None:
        """How many entries each list has (« Comptage… » until they are counted), for whom,
        on what day."""
        today, slug = self._list_of
        who = "tous les partenaires" if slug is None else self._partners.get(slug, slug)
        counts = self.counts
        if counts:
            late, soon, reports = (
                counts["overdue_reviews"],
                counts["reviews_due_soon"],
                counts["error_reports"],
            )
            figures = (
                f"{counted(late, 'fiche')} à actualiser · {grouped(soon)} à revoir dans les "
                f"30 jours · {counted(reports, 'signalement ouvert', 'signalements ouverts')}"
            )
        else:
            figures = COUNTING
        self.query_one("#af-summary", Static).update(f"{figures} — {who}, au {fr_date(today)}")

    def _read_behind(self, state: tuple, today: date, slug: str | None) -> None:
        if state == self._loaded_at:
            self._read_in_background(state, today, slug)

    @work(thread=True, exclusive=True, group="af-behind", exit_on_error=False)
    def _read_in_background(self, state: tuple, today: date, slug: str | None) -> None:
        """What the lists' first rows do not need, once they are on screen, on a connection
        of its own: the counts (in SQL, 40–80 ms for an administrateur's 100,000 entries),
        then the long lists read whole for the filter box before anyone types (0.3–0.8 s),
        a few thousand rows at a time. A key typed before that is done reads them itself."""
        app = self.app
        worker = get_current_worker()
        try:
            db = open_project_database(app.db_path)
        except (BinomeError, sqlite3.Error):
            app.call_from_thread(self._counted, state, None)
            return
        try:
            try:
                counts = edition.todo_count(db, today, slug)
            except (BinomeError, sqlite3.Error):
                app.call_from_thread(self._counted, state, None)
                return
            if worker.is_cancelled:
                return
            app.call_from_thread(self._counted, state, counts)
            if not any(n > PAGE for n in counts.values()):
                return  # the lists are whole on screen: a key filters what is read
            indexes = {}
            for list_name in TABLE_LISTS.values():
                if worker.is_cancelled:
                    return
                indexes[list_name] = edition.todo_index(
                    db,
                    today,
                    list_name,
                    slug,
                    author_name=functools.partial(author_label, db),
                    pause=_give_way,
                )
        except (BinomeError, sqlite3.Error):
            return
        finally:
            db.close()
        if not worker.is_cancelled:
            app.call_from_thread(self._filter_prepared, state, indexes)

    def _counted(self, state: tuple, counts: dict[str, int] | None) -> None:
        if state != self._loaded_at:
            return  # read for a base, a partner or a day that moved since
        if counts is None:
            # (The base could not be opened twice: counted here, as it always was.)
            today, slug = self._list_of
            counts = edition.todo_count(self.app.db, today, slug)
        self.counts = counts
        self._update_summary()

    def _filter_prepared(self, state: tuple, indexes: dict[str, edition.TodoIndex]) -> None:
        if state == self._loaded_at:
            for list_name, index in indexes.items():
                self._indexes.setdefault(list_name, index)

    def _add_rows(self, table: ResultList, list_name: str, offset: int, limit: int) -> None:
        """Rows *offset*… of one list, added at the end of its table."""
        table.add_rows(self._rows_of(list_name, self._items(list_name, offset, limit)))

    def _items(self, list_name: str, offset: int, limit: int) -> list[dict]:
        """Rows *offset*… of one list, the filter box's words applied."""
        today, slug = self._list_of
        if self._wanted:
            # The list read whole once, then only searched, key after key.
            index = self._indexes.get(list_name)
            if index is None:
                index = self._indexes[list_name] = edition.todo_index(
                    self.app.db,
                    today,
                    list_name,
                    slug,
                    author_name=lambda ident: author_name(self.app, ident),
                )
            if list_name not in self._filtered:
                self._filtered[list_name] = index.matching(self._wanted)
            items = index.items(self._filtered[list_name][offset : offset + limit])
        else:
            items = edition.todo_page(
                self.app.db, today, list_name, slug, offset=offset, limit=limit
            )
        if list_name == "error_reports":
            for report in items:
                self.reports[f"signalement-{report['id']}"] = report
        return items

    @staticmethod
    def _row_key(list_name: str, item: dict) -> str:
        return f"signalement-{item['id']}" if list_name == "error_reports" else item["id"]

    def _rows_of(self, list_name: str, items: list[dict]) -> list[Row]:
        """The rows of *items* of one list (a report's comment shown whole, on as many
        lines as it takes)."""
        if list_name == "error_reports":
            return [
                Row(
                    RowKey(self._row_key(list_name, report)),
                    {
                        "date": fr_date(report["date"][:10]),
                        "auteur": author_name(self.app, report["auteur"]),
                        "nom": report["nom"],
                        "commentaire": report["commentaire"],
                    },
                )
                for report in items
            ]
        partners = self._partners
        return [
            Row(
                RowKey(item["id"]),
                {
                    "nom": item["nom"],
                    "revue": fr_date(item["date_revue"]) or "jamais",
                    "echeance": fr_date(item["echeance"]) or "—",
                    "partenaire": partners.get(item["partenaire"], item["partenaire"] or "—"),
                },
            )
            for item in items
        ]

    def _load_more(self, table: ResultList) -> None:
        """The next page of a list once the cursor comes near its last row shown."""
        list_name = TABLE_LISTS.get(table.id or "")
        if list_name is None or self._loaded_at is None:
            return
        # (Not counted yet: there may be more.)
        total = (
            len(self._filtered[list_name])
            if list_name in self._filtered
            else self.counts.get(list_name)
        )
        if (total is None or table.row_count < total) and (
            table.cursor_row >= table.row_count - 10
        ):
            self._add_rows(table, list_name, table.row_count, PAGE)

    # -- the highlighted row ----------------------------------------------------------------
    def current(self) -> tuple[str, str, int | None] | None:
        """(table id, service id, report id) of the highlighted row of the focused list."""
        table = self.focused
        if not isinstance(table, ResultList) or not table.row_count or not table.display:
            return None
        row_key = table.cursor_key
        key = row_key.value if row_key is not None else None
        if key is None or table.id is None:
            return None
        if table.id == "af-signalements":
            report = self.reports.get(key)
            return (table.id, report["service_id"], report["id"]) if report else None
        return (table.id, key, None)

    def editable(self, service_id: str) -> bool:
        if service_id not in self._editable:
            try:
                record = edition.read_service(self.app.db, service_id)
            except BinomeError:
                record = None
            self._editable[service_id] = may_edit(self.app, record)
        return self._editable[service_id]

    @on(ResultList.RowHighlighted)
    def row_highlighted(self, event: ResultList.RowHighlighted) -> None:
        self._load_more(event.control)
        self.refresh_bindings()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    @on(ResultList.RowSelected)
    def row_selected(self) -> None:
        self.action_open()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_partenaire":
            return self.admin
        if action in ("focus_filter", "escape"):
            return self._loaded_at is not None
        if action not in ("open", "confirm", "edit", "handled", "history", "ressources"):
            return True
        if not self.is_mounted:
            return False
        current = self.current()
        if current is None:
            return False
        table_id, service_id, _ = current
        if action in ("confirm", "edit"):
            return self.editable(service_id)
        if action == "handled":
            return table_id == "af-signalements" and self.editable(service_id)
        return True

    def refusal(self, action: str) -> str | None:
        """Why a key of this screen does nothing now, in French."""
        current = self.current()
        if action == "focus_partenaire":
            return "Seul un administrateur choisit le partenaire : la liste est celle du vôtre."
        if current is None:
            return (
                "Choisissez d'abord une ligne dans une des listes (tab passe de l'une à l'autre)."
            )
        table_id, service_id, _ = current
        if action == "handled" and table_id != "af-signalements":
            return "« Signalement traité » s'applique à la liste des informations erronées."
        if action in ("confirm", "edit", "handled"):
            try:
                record = edition.read_service(self.app.db, service_id)
            except BinomeError as exc:
                return str(exc)
            return edition.edit_refusal(self.app.db, self.app.profil, record)
        return None

    # -- actions ------------------------------------------------------------------------------
    def action_focus_filter(self) -> None:
        self.query_one("#af-filter", Input).focus()

    def action_escape(self) -> None:
        box = self.query_one("#af-filter", Input)
        if box.has_focus and box.value:
            box.value = ""
            return
        first = next((t for t in self.query(ResultList) if t.display), None)
        if first is not None:
            first.focus()

    def action_focus_partenaire(self) -> None:
        if self.admin:
            self.query_one("#af-partenaire", Select).focus()

    def action_open(self) -> None:
        """The form when this profile keeps the entry, else the entry in Ressources."""
        current = self.current()
        if current is None:
            return
        if self.editable(current[1]):
            edit_entry(self.app, current[1], lambda _saved: self.reload())
        else:
            self.action_ressources()

    def action_confirm(self) -> None:
        current = self.current()
        if current is not None and self.editable(current[1]):
            confirm_then(self.app, current[1], self.reload)

    def action_edit(self) -> None:
        current = self.current()
        if current is not None and self.editable(current[1]):
            edit_entry(self.app, current[1], lambda _saved: self.reload())

    def action_history(self) -> None:
        current = self.current()
        if current is not None:
            history_of(self.app, current[1], self.reload)

    def action_handled(self) -> None:
        """Mark a report handled, once the person has read it whole and said so (a stray
        « t » must not close someone's report)."""
        current = self.current()
        if current is None or current[2] is None:
            return
        report_id = current[2]
        report = next((r for r in self.reports.values() if r["id"] == report_id), None)
        comment = safe_text(str(report["commentaire"])) if report else ""
        nom = safe_text(str(report["nom"])) if report else current[1]

        def answered(yes: bool | None) -> None:
            if yes:
                self._mark_handled(report_id)

        self.app.push_screen(
            ConfirmScreen(
                "Signalement traité ?",
                f"« {nom} »\nSignalé : {comment}\n\nLa fiche a été corrigée (ou l'information "
                "vérifiée) : le signalement quitte la liste.",
                yes="Traité",
            ),
            answered,
        )

    def _mark_handled(self, report_id: int) -> None:
        try:
            edition.close_report(self.app.db, self.app.actor(), report_id, now=now_of(self.app))
        except BinomeError as exc:
            self.notify(str(exc), title="Signalement non traité", severity="error")
            return
        self.notify("Le signalement quitte la liste.", title="Signalement traité")
        self.reload()

    def action_ressources(self) -> None:
        current = self.current()
        if current is None:
            return
        app = self.app
        app.action_area("ressources")
        screen = app.get_screen_stack("ressources")[0]
        if isinstance(screen, ResourcesScreen):
            screen.show_entry(current[1])

    def commands(self) -> Iterable[SystemCommand]:
        if self._loaded_at is not None:
            yield from keys.commands(self, "afaire")


def _give_way() -> None:
    """Between two chunks of a list read in the background: the screen's own thread gets
    the interpreter (a key, a frame) before the next chunk."""
    time.sleep(0.002)
