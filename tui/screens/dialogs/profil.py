"""Pick another demo profile (type to narrow the list)."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from caseload.acces import ROLES, Profil
from ressources import edition
from ressources.text import fold
from tui import keys
from tui.base import BinomeModal
from tui.widgets.plain import as_plain_text


class ProfilScreen(BinomeModal[str | None]):
    """Pick another demo profile (type to narrow the list)."""

    KEYS = "choix"
    BINDINGS = keys.bindings("choix")

    def __init__(self, profils: list[Profil], current: str | None) -> None:
        super().__init__()
        self.profils = profils
        self.current = current
        self._labels: list[tuple[str, str, str]] = []  # (id, label, folded label and id)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="profil-dialog"):
            yield Label("Changer de profil (démonstration)", classes="dialog-title")
            yield Input(placeholder="Filtrer : nom, rôle, MDS…", id="profil-filter")
            yield OptionList(id="profil-list")
            yield Label("entrée : prendre ce profil · échap : annuler", classes="dialog-hint")

    def on_mount(self) -> None:
        # Each profile described once (a partner's name is read from the base), not again
        # at every letter typed in the filter.
        described = {p.id: self._describe(p) for p in self.profils}
        self._labels = [
            (ident, label, fold(f"{label} {ident}")) for ident, label in described.items()
        ]
        self._fill("")
        self.query_one("#profil-filter", Input).focus()

    def _describe(self, p: Profil) -> str:
        role = ROLES.get(p.role, p.role)
        where = ""
        territoire = self.app.territoire
        if p.site_id and p.site_id in territoire.sites:
            site = territoire.sites[p.site_id]
            where = f" · {territoire.site_label(site)}"
        elif p.mds and p.mds in territoire.mds:
            where = f" · {territoire.mds[p.mds].nom}"
        elif p.agence:
            where = f" · agence {p.agence}"
        elif p.partenaire:
            owner = edition.partenaire(self.app.db, p.partenaire)
            where = f" · {owner.nom if owner else p.partenaire}"
        mark = "  ← profil actuel" if p.id == self.current else ""
        return f"{p.nom_complet} — {role}{where}{mark}"

    def _fill(self, text: str) -> None:
        wanted = fold(text)
        options = [
            Option(as_plain_text(label), id=ident)
            for ident, label, folded in self._labels
            if not wanted or wanted in folded
        ]
        listing = self.query_one("#profil-list", OptionList)
        listing.clear_options()
        listing.add_options(options)
        if options:
            listing.highlighted = 0

    @on(Input.Changed, "#profil-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#profil-filter")
    def filter_submitted(self) -> None:
        # Entrée takes the profile in view at the top of the list (with two matches it
        # only moved the focus, and seemed to do nothing).
        listing = self.query_one("#profil-list", OptionList)
        if listing.option_count:
            index = listing.highlighted or 0
            self.dismiss(listing.get_option_at_index(index).id)

    def on_key(self, event: events.Key) -> None:
        # ↓ in the filter goes down into the list, as in every list of the app.
        listing = self.query_one("#profil-list", OptionList)
        box = self.query_one("#profil-filter", Input)
        keys.down_into(box, listing, event, has_rows=bool(listing.option_count))

    @on(OptionList.OptionSelected, "#profil-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
