"""The Indicateurs screen: the piloting indicators of the convention (annexe 3) for a year
or a quarter, exported as CSV for the COPIL. Aggregates only: no personal data."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Label, Select, Static

from caseload.indicateurs import Indicateurs, Periode, compute
from ressources.errors import BinomeError, describe_os_error
from tui import keys
from tui.base import BinomeScreen
from tui.fichiers import save_document

PERIODES = [("Année entière", 0), ("1er trimestre", 1), ("2e trimestre", 2),
            ("3e trimestre", 3), ("4e trimestre", 4)]  # fmt: skip


class IndicateursScreen(BinomeScreen[None]):
    TITLE = "Binôme · Indicateurs"
    KEYS = "indicateurs"
    BINDINGS = keys.bindings("indicateurs")

    def __init__(self) -> None:
        super().__init__()
        self.result: Indicateurs | None = None

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
        yield DataTable(id="ind-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="ind-charts-box"):
            yield Static("", id="ind-charts")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#ind-table", DataTable)
        table.add_column("Indicateur", key="label", width=92)
        table.add_column("Valeur", key="value", width=12)
        self.recompute()
        table.focus()

    def on_resize(self) -> None:
        # The value stays in sight at 80 columns: the label column takes what is left.
        table = self.query_one("#ind-table", DataTable)
        label = table.columns.get("label")  # type: ignore[call-overload]
        if label is not None:
            label.width = max(30, min(92, self.size.width - 20))
            table.refresh(layout=True)

    def on_screen_resume(self) -> None:
        self.recompute()  # a step recorded elsewhere changes the figures

    def periode(self) -> Periode:
        annee = int(str(self.query_one("#ind-annee", Select).value))
        trimestre = int(str(self.query_one("#ind-periode", Select).value)) or None
        return Periode.of(annee, trimestre)

    def recompute(self) -> None:
        try:
            periode = self.periode()
            self.result = compute(self.app.db, periode, today=self.app.clock())
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
        months = par_mois(self.app.db, periode.debut.year, today)
        text = Text()
        series = (("Diagnostics", 1), ("Intégrations axe 2", 2), ("Sorties avec solution", 3))
        blocks = " ▁▂▃▄▅▆▇█"
        text.append(f"{periode.debut.year}, mois par mois\n", style="bold")
        text.append(" " * 22 + "  ".join(f"{m[0]:<4}" for m in months) + "\n")
        for label, index in series:
            values = [int(m[index]) for m in months]
            top = max([*values, 1])
            bars = "".join(blocks[round(v / top * 8)] * 2 + "    " for v in values)
            text.append(f"{label:<22}", style="bold")
            text.append(bars.rstrip())
            text.append("  (" + ", ".join(map(str, values)) + ")\n")
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
            self.notify(
                f"Impossible d'enregistrer l'export : {describe_os_error(exc)}", severity="error"
            )
            return
        self.notify(f"Indicateurs {self.result.periode.libelle} exportés. {message}", timeout=10)

    def action_focus_annee(self) -> None:
        self.query_one("#ind-annee", Select).focus()

    def action_focus_periode(self) -> None:
        self.query_one("#ind-periode", Select).focus()

    def commands(self) -> Iterable[SystemCommand]:
        yield from keys.commands(self, "indicateurs")
