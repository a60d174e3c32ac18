"""The rendez-vous with the ASS: day, time, site of the MDS (for the courrier)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from caseload import parcours
from caseload.store import Caseload, Demandeur
from ressources.errors import BinomeError, InvalidValue
from tui import busy
from tui.screens.common import fr_date, parse_fr_date
from tui.screens.dialogs.form import FormDialog


class RendezVousScreen(FormDialog[bool | None]):
    """The rendez-vous with the ASS: day, time, site of the MDS."""

    def __init__(
        self, caseload: Caseload, demandeur: Demandeur, sites: list[tuple[str, str]], site_id: str
    ) -> None:
        super().__init__()
        self.caseload = caseload
        self.demandeur = demandeur
        self.sites = sites
        self.site_id = site_id

    def compose(self) -> ComposeResult:
        rdv = self.demandeur.parcours.rendez_vous
        with Vertical(classes="dialog", id="rdv-dialog"):
            yield Label("Rendez-vous avec l'ASS", classes="dialog-title")
            yield Label("Jour (JJ/MM/AAAA)", classes="field-label")
            yield Input(fr_date(rdv.jour) if rdv else "", id="rdv-jour", max_length=10)
            yield Label("Heure (HH:MM)", classes="field-label")
            yield Input(rdv.heure if rdv else "09:00", id="rdv-heure", max_length=5)
            yield Label("Site", classes="field-label")
            yield Select(
                self.sites,
                value=rdv.site_id if rdv else self.site_id,
                allow_blank=False,
                id="rdv-site",
            )
            yield Static("", id="rdv-error", classes="dialog-error", markup=False)
            yield self.buttons("Enregistrer (ctrl+s)")

    def on_mount(self) -> None:
        self.query_one("#rdv-jour", Input).focus()

    def action_submit(self) -> None:
        error = self.query_one("#rdv-error", Static)
        try:
            jour = parse_fr_date(self.query_one("#rdv-jour", Input).value)
        except InvalidValue as exc:
            error.update(str(exc))
            return
        rdv = parcours.RendezVous(
            jour,
            self.query_one("#rdv-heure", Input).value.strip(),
            str(self.query_one("#rdv-site", Select).value),
        )
        try:
            with busy.attempt(self):
                self.caseload.set_rendez_vous(self.demandeur.id, rdv)
        except BinomeError as exc:
            if busy.retry_later(self, exc, self.action_submit):
                return
            error.update(str(exc))
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.dismiss(True)
