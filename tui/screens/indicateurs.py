"""The Indicateurs screen: the piloting indicators of the convention (annexe 3) for a year
or a quarter, exported as CSV for the COPIL. Aggregates only: no personal data."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Header, Label, Select, Static

from caseload.indicateurs import Indicateurs, Periode, compute
from ressources.errors import BinomeError
from tui.base import BinomeScreen
from tui.fichiers import save_document
from tui.widgets.fitted_table import FittedTable
from tui.widgets.footer import AreaFooter

PERIODES = [("Année entière", 0), ("1er trimestre", 1), ("2e trimestre", 2),
            ("3e trimestre", 3), ("4e trimestre", 4)]  # fmt: skip


# Months in three letters, for the year's bars on a narrow screen.
MOIS_COURTS = ["jan", "fév", "mar", "avr", "mai", "jun", "jul", "aoû", "sep", "oct", "nov", "déc"]


class IndicateursScreen(BinomeScreen[None]):
    TITLE = "Binôme · Indicateurs"
    BINDINGS = [
        Binding("e,ctrl+s", "export", "Exporter en CSV"),
        Binding("ctrl+a", "focus_annee", "Année"),
        Binding("ctrl+t", "focus_periode", "Période"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.result: Indicateurs | None = None
        self._computed: tuple | None = None  # (period, base state) of the figures on view
        self._months: list | None = None  # the year's months, for the bars
        self._charts_wide: bool | None = None

    def compose(self) -> ComposeResult:
        year = self.app.clock().year
        years = [(str(y), y) for y in range(year, year - 4, -1)]
        yield Header()
        with Vertical(id="ind-top"):
            yield Static(
                "Indicateurs de la convention (annexe 3), calculés sur tous les parcours "
                "enregistrés : des totaux, aucune donnée personnelle.",
                id="ind-intro",
            )
            with Horizontal(classes="filters", id="ind-filters"):
                yield Select(years, value=year, allow_blank=False, id="ind-annee", compact=True)
                yield Select(PERIODES, value=0, allow_blank=False, id="ind-periode",
                             compact=True)  # fmt: skip
            yield Label("", id="ind-status", classes="status")
        yield FittedTable(id="ind-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="ind-charts-box"):
            yield Static("", id="ind-charts")
        yield AreaFooter()

    def on_mount(self) -> None:
        table = self.query_one("#ind-table", FittedTable)
        # The value never leaves the screen: the label shrinks (and is cut) first.
        table.add_column("Indicateur", key="label", width=92, min_width=30, grow=True)
        table.add_column("Valeur", key="value", width=12)
        self.recompute()
        table.focus()

    def on_resize(self) -> None:
        wide = self.size.width >= 140
        if self.result is not None and wide != self._charts_wide:
            self._charts_wide = wide
            self.query_one("#ind-charts", Static).update(self.charts(self.result.periode))

    def on_screen_resume(self) -> None:
        self.recompute()  # a step recorded elsewhere changes the figures

    def _base_state(self) -> tuple[int, int]:
        """Changes since: another process's commits (data_version), and this connection's."""
        db = self.app.db
        return db.execute("PRAGMA data_version").fetchone()[0], db.conn.total_changes

    def periode(self) -> Periode:
        annee = int(self.query_one("#ind-annee", Select).value)
        trimestre = int(self.query_one("#ind-periode", Select).value) or None
        return Periode.of(annee, trimestre)

    def recompute(self) -> None:
        try:
            periode = self.periode()
            # The same period on an unchanged base (the selects' first Changed, coming back
            # to the screen): the figures on view are still right, the year's 12 months
            # are not computed again.
            state = (periode, self._base_state())
            if state == self._computed:
                return
            self._months = None
            self.result = compute(self.app.db, periode, today=self.app.clock())
            self._computed = state
        except BinomeError as exc:
            self.notify(str(exc), severity="error")
            return
        table = self.query_one("#ind-table", DataTable)
        table.clear()
        for index, (label, value) in enumerate(self.result.lignes()):
            table.add_row(label, Text(value, justify="right"), key=str(index))
        self.query_one("#ind-charts", Static).update(self.charts(periode))
        p = self.result.periode
        self.query_one("#ind-status", Label).update(
            f"Période : {p.libelle} (du {p.debut:%d/%m/%Y} au {p.fin:%d/%m/%Y}) · "
            "e : exporter en CSV"
        )

    def charts(self, periode: Periode) -> Text:
        """The year month by month (bars), and the map of the people accompanied (the same
        as the bilan annuel's, caseload.bilan_annuel)."""
        from caseload.bilan_annuel import SECRET_MINIMUM, carte_texte, par_mois

        today = self.app.clock()
        if self._months is None:
            self._months = par_mois(self.app.db, periode.debut.year, today)
        months = self._months
        text = Text()
        series = (("Diagnostics", 1), ("Intégrations axe 2", 2), ("Sorties avec solution", 3))
        blocks = " ▁▂▃▄▅▆▇█"
        text.append(f"{periode.debut.year}, mois par mois\n", style="bold")
        # Six cells a month from 140 columns (the month's name, the figures after the bars);
        # four under it (a 3-letter month, the figures on a line of their own), so that the
        # year fits 80 columns without wrapping.
        wide = self.size.width >= 140
        step = 6 if wide else 4
        names = [m[0] for m in months] if wide else MOIS_COURTS[: len(months)]
        text.append(" " * 22 + "".join(f"{n[: step - 1]:<{step}}" for n in names).rstrip() + "\n")
        for label, index in series:
            values = [m[index] for m in months]
            top = max([*values, 1])
            bars = "".join(blocks[round(v / top * 8)] * 2 + " " * (step - 2) for v in values)
            text.append(f"{label:<22}", style="bold")
            text.append(bars.rstrip())
            figures = "(" + ", ".join(map(str, values)) + ")"
            text.append(f"  {figures}\n" if wide else f"\n{'':<22}{figures}\n", style="")
        lines = carte_texte(self.app.db, periode)
        if lines:
            text.append("\nPersonnes accompagnées sur la période ", style="bold")
            text.append(f"(● : au moins {SECRET_MINIMUM} dans la zone ; · : communes)\n")
            text.append("\n".join(lines))
        return text

    @on(Select.Changed)
    def periode_changed(self) -> None:
        self.recompute()

    def export_filename(self) -> str:
        libelle = self.result.periode.libelle.replace(" ", "-") if self.result else "periode"
        return f"indicateurs-{libelle}.csv"

    def action_export(self) -> None:
        if self.result is None:
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
            self.notify(f"Impossible d'enregistrer l'export : {exc.strerror}", severity="error")
            return
        self.notify(f"Indicateurs {self.result.periode.libelle} exportés. {message}", timeout=10)

    def action_focus_annee(self) -> None:
        self.query_one("#ind-annee", Select).focus()

    def action_focus_periode(self) -> None:
        self.query_one("#ind-periode", Select).focus()

    def commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Indicateurs : exporter en CSV",
            "Fichier ; (UTF-8) pour un tableur, dans Documents/Binome ou téléchargé (e)",
            self.action_export,
        )
        yield SystemCommand(
            "Indicateurs : année", "Choisir l'année (ctrl+a)", self.action_focus_annee
        )
        yield SystemCommand(
            "Indicateurs : période", "Année ou trimestre (ctrl+t)", self.action_focus_periode
        )
