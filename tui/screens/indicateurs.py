"""The Indicateurs screen: the piloting indicators of the convention (annexe 3) for a year
or a quarter, exported as CSV for the COPIL. Aggregates only: no personal data."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Label, Select, Static
from textual.worker import get_current_worker

from caseload.database import open_project_database
from caseload.indicateurs import Indicateurs, Period, indicateurs_for
from ressources.errors import BinomeError, describe_os_error
from tui import keys
from tui.base import BinomeScreen
from tui.files import save_document
from tui.widgets.fitted_table import FittedTable
from tui.widgets.footer import AreaFooter
from tui.widgets.header import BinomeHeader

# A month of the charts: « janv. » and a space; twelve fit in 80 columns.
MONTH_WIDTH = 6
# The agences' colours on the map, in the order of the bilan annuel's (red, blue, green...).
AGENCE_STYLES = ("bold #c83c28", "bold #2e6eb4", "bold #3c9646", "bold #d2961e", "bold #8246a0")

PERIODES = [
    ("Année entière", 0),
    ("1er trimestre", 1),
    ("2e trimestre", 2),
    ("3e trimestre", 3),
    ("4e trimestre", 4),
]


class IndicateursScreen(BinomeScreen[None]):
    TITLE = "Binôme · Indicateurs"
    KEYS = "indicateurs"
    BINDINGS = keys.bindings("indicateurs")

    def __init__(self) -> None:
        super().__init__()
        self.result: Indicateurs | None = None
        self._computed: tuple | None = None  # (period, base state) of the figures on view
        self._months: list | None = None  # the year's months, for the bars
        self._generation = 0  # the computation whose figures are awaited
        self._refocus = True  # the table had the focus the loading indicator takes

    def compose(self) -> ComposeResult:
        year = self.app.clock().year
        years = [(str(y), y) for y in range(year, year - 4, -1)]
        yield BinomeHeader()
        with Vertical(id="ind-top"):
            yield Static(
                "Indicateurs de la convention (annexe 3), calculés sur tous les parcours "
                "enregistrés : des totaux, aucune donnée personnelle.",
                id="ind-intro",
            )
            with Horizontal(classes="filters", id="ind-filters"):
                yield Select(years, value=year, allow_blank=False, id="ind-annee", compact=True)
                yield Select(PERIODES, value=0, allow_blank=False, id="ind-periode", compact=True)
            yield Label("", id="ind-status", classes="status")
        yield FittedTable(id="ind-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="ind-charts-box"):
            yield Static("", id="ind-charts")
        yield AreaFooter()

    def on_mount(self) -> None:
        table = self.query_one("#ind-table", FittedTable)
        # The value never leaves the screen: the label shrinks (and is cut) first.
        table.add_column("Indicateur", key="label", width=92, min_width=30, grow=True)
        # Right-aligned as its figures are (the word stood apart from them).
        table.add_column(Text("Valeur", justify="right"), key="value", width=12)
        self.recompute()
        self._refocus = True  # the screen opens on the table (the Select had it first)
        table.focus()

    def on_screen_resume(self) -> None:
        self.recompute()  # a step recorded elsewhere changes the figures

    def _base_state(self) -> tuple[int, int]:
        """Changes since: another process's commits (data_version), and this connection's."""
        db = self.app.db
        return db.execute("PRAGMA data_version").fetchone()[0], db.conn.total_changes

    def periode(self) -> Period:
        annee = int(str(self.query_one("#ind-annee", Select).value))
        trimestre = int(str(self.query_one("#ind-periode", Select).value)) or None
        return Period.of(annee, trimestre)

    def recompute(self) -> None:
        """Compute the figures in a worker, on its own connection: on a département's base
        (thousands of parcours) it takes a while, and the screen says so meanwhile."""
        try:
            periode = self.periode()
        except BinomeError as exc:
            self.notify(str(exc), severity="error")
            return
        # The same period on an unchanged base (the selects' first Changed, coming back
        # to the screen): the figures on view are still right, the year's 12 months are
        # not computed again.
        state = (periode, self._base_state())
        if state == self._computed:
            return
        self._computed = state
        self._generation += 1
        focused = self.focused
        self._refocus = focused is None or focused.id in ("ind-table", "ind-charts-box")
        self.result = None  # nothing to export until the figures of this period are there
        for selector in ("#ind-table", "#ind-charts-box"):
            self.query_one(selector).loading = True
        self.query_one("#ind-status", Label).update(f"Calcul des indicateurs ({periode.libelle})…")
        self.compute_in_background(periode, self._generation)

    @work(thread=True, exclusive=True, group="indicateurs", exit_on_error=False)
    def compute_in_background(self, periode: Period, generation: int) -> None:
        from caseload.bilan_annuel import by_month, map_cells

        app = self.app
        try:
            db = open_project_database(app.db_path)
        except (BinomeError, sqlite3.Error) as exc:
            app.call_from_thread(self._failed, f"Base inaccessible : {exc}", generation)
            return
        try:
            today = app.clock()
            result = indicateurs_for(db, app.profil, periode, today=today)
            months = by_month(db, periode.debut.year, today)
            map_lines = map_cells(db, periode)
        except (BinomeError, sqlite3.Error) as exc:
            app.call_from_thread(self._failed, str(exc), generation)
            return
        finally:
            db.close()
        if not get_current_worker().is_cancelled:
            app.call_from_thread(self._show, periode, result, months, map_lines, generation)

    def _failed(self, message: str, generation: int) -> None:
        if generation != self._generation:
            return
        self._computed = None
        for selector in ("#ind-table", "#ind-charts-box"):
            self.query_one(selector).loading = False
        self.query_one("#ind-status", Label).update("")
        if self._refocus:
            self.query_one("#ind-table", DataTable).focus()
        self.notify(message, title="Indicateurs non calculés", severity="error")

    def _show(self, periode: Period, result: Indicateurs, months: list, map_lines, generation: int):
        if generation != self._generation:
            return  # a newer period was asked meanwhile
        self.result = result
        self._months = months
        table = self.query_one("#ind-table", DataTable)
        table.clear()
        for index, (label, value) in enumerate(result.lignes()):
            table.add_row(label, Text(value, justify="right"), key=str(index))
        self.query_one("#ind-charts", Static).update(self.charts(periode, map_lines))
        for selector in ("#ind-table", "#ind-charts-box"):
            self.query_one(selector).loading = False
        if self._refocus:  # the loading indicator took the focus away
            table.focus()
        p = result.periode
        export = keys.keys_text(self.app, keys.find("indicateurs.exporter"))
        charts = keys.keys_text(self.app, keys.find("indicateurs.graphiques"))
        self.query_one("#ind-status", Label).update(
            f"Période : {p.libelle} (du {p.debut:%d/%m/%Y} au {p.fin:%d/%m/%Y}) · "
            f"{export} : CSV · {charts} : graphiques et carte"
        )

    def charts(self, periode: Period, map_lines) -> Text:
        """The year month by month (bars two lines high, each month's figure below), and
        the map of the people accompanied, coloured by agence: the bilan annuel's
        (caseload.bilan_annuel), in characters."""
        from caseload.bilan_annuel import SECRET_MINIMUM

        months = self._months or []
        text = Text()
        series = (
            ("Entretiens diagnostic réalisés", 1),
            ("Intégrations en accompagnement global (axe 2)", 2),
            ("Sorties avec solution d'activité ou de formation", 3),
        )
        blocks = " ▁▂▃▄▅▆▇█"
        bar_style = self.app.current_theme.primary or "blue"
        text.append(f"{periode.debut.year}, mois par mois\n", style="bold")
        header = "".join(f"{m[0]:<{MONTH_WIDTH}}" for m in months)
        for label, index in series:
            values = [int(m[index]) for m in months]
            top = max([*values, 1])
            eighths = [round(v / top * 16) for v in values]
            upper = "".join(f"{blocks[max(0, e - 8)] * 3:<{MONTH_WIDTH}}" for e in eighths)
            lower = "".join(f"{blocks[min(8, e)] * 3:<{MONTH_WIDTH}}" for e in eighths)
            text.append(f"\n{label} : {sum(values)}\n", style="bold")
            text.append("  " + upper.rstrip() + "\n", style=bar_style)
            text.append("  " + lower.rstrip() + "\n", style=bar_style)
            text.append("  " + "".join(f"{v:<{MONTH_WIDTH}}" for v in values).rstrip() + "\n")
            text.append("  " + header.rstrip() + "\n", style="dim")
        if map_lines.lignes:
            text.append("\nPersonnes accompagnées sur la période, par agence\n", style="bold")
            text.append(
                f"● : au moins {SECRET_MINIMUM} personnes dans la zone (couleur de "
                "l'agence qui en suit le plus) ; · : communes\n"
            )
            couleurs = {
                a: AGENCE_STYLES[i % len(AGENCE_STYLES)] for i, a in enumerate(map_lines.agences)
            }
            for line in map_lines.lignes:
                text.append("  ")
                for ch, agence in line:
                    if agence is not None:
                        text.append(ch, style=couleurs[agence])
                    else:
                        text.append(ch, style="" if ch in " ·" else "bold")
                text.append("\n")
            for agence in map_lines.agences:
                text.append("  ● ", style=couleurs[agence])
                text.append((agence or "Sans agence") + "\n")
        return text

    @on(Select.Changed)
    def periode_changed(self) -> None:
        self.recompute()

    def export_filename(self) -> str:
        libelle = self.result.periode.libelle.replace(" ", "-") if self.result else "periode"
        return f"indicateurs-{libelle}.csv"

    def action_export(self) -> None:
        if self.result is None:
            self.notify(
                "Les indicateurs sont en cours de calcul : exportez-les dans un instant.",
                severity="warning",
            )
            return
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(["indicateur", "valeur"])
        writer.writerows((label.strip(), value) for label, value in self.result.lignes())
        # utf-8-sig: the BOM makes spreadsheet software read the accents right.
        content = out.getvalue().encode("utf-8-sig")
        try:
            message = save_document(self.app, self.export_filename(), content, "text/csv")
        except OSError as exc:
            self.notify(
                f"Impossible d'enregistrer l'export : {describe_os_error(exc)}", severity="error"
            )
            return
        self.notify(f"Indicateurs {self.result.periode.libelle} exportés. {message}", timeout=10)

    def action_bilan_annuel(self) -> None:
        """The COPIL's bilan annuel of the year chosen, as PDF (``binome bilan-annuel``):
        saved in Documents/Binome, or downloaded by the browser when served. The right is
        the domain's (PERMISSIONS["bilan-annuel"]). Made in a thread (1–2 s): the screen
        says it is under way and stays usable."""
        from caseload.acces import require

        annee = int(self.query_one("#ind-annee", Select).value)  # type: ignore[arg-type]
        try:
            require(self.app.profil, "bilan-annuel")
        except BinomeError as exc:
            self.notify(str(exc), title="Bilan annuel", severity="error", timeout=10)
            return
        self.notify(f"Bilan annuel {annee} en cours…", title="Bilan annuel", timeout=3)
        self._make_bilan(annee)

    @work(thread=True, exclusive=True, group="bilan-annuel")
    def _make_bilan(self, annee: int) -> None:
        from caseload.bilan_annuel import bilan_annuel_pdf

        app = self.app
        try:
            db = open_project_database(app.db_path)
            try:
                content = bilan_annuel_pdf(db, annee, actor=app.profil, today=app.clock())
            finally:
                db.close()
        except (BinomeError, sqlite3.Error) as exc:
            app.call_from_thread(
                self.notify, str(exc), title="Bilan annuel", severity="error", timeout=10
            )
            return
        app.call_from_thread(self._save_bilan, annee, content)

    def _save_bilan(self, annee: int, content: bytes) -> None:
        try:
            message = save_document(
                self.app, f"bilan-annuel-{annee}.pdf", content, "application/pdf"
            )
        except BinomeError as exc:
            self.notify(str(exc), title="Bilan annuel", severity="error", timeout=10)
            return
        except OSError as exc:
            self.notify(
                f"Impossible d'enregistrer le bilan annuel : {exc.strerror}", severity="error"
            )
            return
        self.notify(f"Bilan annuel {annee} produit. {message}", timeout=10)

    def action_toggle_charts(self) -> None:
        """The month-by-month charts and the map on the whole screen, or back under the
        table (they are too tall to be read in the strip below it)."""
        full = self.toggle_class("charts-only").has_class("charts-only")
        box = self.query_one("#ind-charts-box", VerticalScroll)
        if full:
            box.focus()
        else:
            self.query_one("#ind-table", DataTable).focus()

    def action_focus_year(self) -> None:
        self.query_one("#ind-annee", Select).focus()

    def action_focus_period(self) -> None:
        self.query_one("#ind-periode", Select).focus()

    def commands(self) -> Iterable[SystemCommand]:
        yield from keys.commands(self, "indicateurs")
