"""Name the ASS of a demandeur among those of the sector (the lightest load proposed), or
say it is one of another MDS."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import (
    Label,
    OptionList,
    Static,
)
from textual.widgets.option_list import Option

from caseload.territoire import Sector
from ressources.text import counted
from tui import keys
from tui.base import BinomeModal
from tui.widgets.plain import as_plain_text

OTHER_MDS = "_autre-mds"


class AssScreen(BinomeModal[str | None]):
    """Name the ASS of a demandeur among those of the sector (lightest load proposed)."""

    KEYS = "choix"
    BINDINGS = keys.bindings("choix")

    def __init__(self, secteur: Sector, current: str | None) -> None:
        super().__init__()
        self.secteur = secteur
        self.current = current

    def compose(self) -> ComposeResult:
        proposed = self.secteur.proposed_ass
        with Vertical(classes="dialog"):
            yield Label(
                f"ASS — {self.secteur.site_label}",
                classes="dialog-title",
            )
            options = []
            for a in sorted(
                self.secteur.ass, key=lambda a: (a is not proposed, a.charge or 0, a.nom)
            ):
                mark = " — proposée (charge la plus légère)" if a is proposed else ""
                mark += " — actuelle" if a.id == self.current else ""
                label = f"{a.nom_complet} : {counted(a.charge or 0, 'dossier')}{mark}"
                options.append(Option(as_plain_text(label), id=a.id))
            # parcours.ASS_OF_THE_MDS: another MDS's ASS only with a reason (asked next).
            options.append(Option("Une ASS d'une autre MDS (raison à donner)…", id=OTHER_MDS))
            yield OptionList(*options, id="ass-options")
            if len(options) == 1:
                yield Static("Aucune ASS n'est rattachée à ce secteur.", classes="dialog-error")

    def on_mount(self) -> None:
        self.query_one("#ass-options", OptionList).focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
