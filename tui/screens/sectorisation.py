"""The Sectorisation screen: from whatever a person types, the commune's MDS, site and ASS
(with their load and the one proposed); a responsable MDS moves a commune to another site."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Input, Select, Static

from caseload.territoire import MONTAUBAN, Sector, may_attach_commune
from ressources.errors import BinomeError
from ressources.gazetteer import Lookup
from tui import busy, keys
from tui.base import BinomeScreen
from tui.keys import explain_refusal, type_into
from tui.screens.dialogs.confirm import ConfirmScreen
from tui.screens.dialogs.site import SiteScreen
from tui.widgets.commune import CommuneChoices, CommuneInput, ambiguity
from tui.widgets.fitted_table import FittedTable
from tui.widgets.footer import AreaFooter
from tui.widgets.header import BinomeHeader

INTRO = Text.assemble(
    ("Qui est l'ASS de cette commune ? ", "bold"),
    "Tapez un nom de commune (sans accent, abrégé « st », faute de frappe) ou un code postal.",
)


class SectorisationScreen(BinomeScreen[None]):
    TITLE = "Binôme · Sectorisation"
    # Under 110 columns the site's communes go below the ASS, whose load stays in sight.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    # Under 30 lines the introduction gives its room to the result (app.tcss).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    KEYS = "sectorisation"
    # A letter typed in the list of ASS goes to the commune box (no action on a letter).
    BINDINGS = keys.bindings("sectorisation")

    def __init__(self) -> None:
        super().__init__()
        self.secteur: Sector | None = None

    def compose(self) -> ComposeResult:
        territoire = self.app.territoire
        quartiers = [(nom, slug) for slug, (nom, _) in territoire.quartiers.items()]
        yield BinomeHeader()
        with Vertical(id="sect-top"):
            yield Static(INTRO, id="sect-intro")
            with Horizontal(classes="filters", id="sect-filters"):
                yield CommuneInput(
                    placeholder="Commune ou code postal (ex. st antonin)",
                    id="sect-commune",
                    compact=True,
                )
                yield Select(
                    quartiers,
                    prompt="Quartier (Montauban)",
                    id="sect-quartier",
                    compact=True,
                    disabled=True,
                )
            yield Static("", id="sect-error", classes="error-line", markup=False)
            yield CommuneChoices("sect-commune")
        with Horizontal(id="sect-body"):
            with Vertical(id="sect-main", classes="panel"):
                yield Static("", id="sect-result")
                # Which ASS is proposed and why, above the list (in sight at 80x24).
                yield Static("", id="sect-note", classes="muted", markup=False)
                yield FittedTable(id="sect-ass", cursor_type="row", zebra_stripes=True)
                key = keys.keys_text(self.app, keys.find("sectorisation.rattacher"))
                yield Button(f"Rattacher à un autre site ({key})", id="btn-rattacher")
            with VerticalScroll(id="sect-site", classes="panel"):
                yield Static("", id="sect-communes")
        yield AreaFooter()

    def on_mount(self) -> None:
        self._charges_columns: bool | None = None
        self.show(None)
        self.query_one("#sect-commune", Input).focus()

    def _columns(self, charges: bool) -> None:
        """The list's columns: the load and the mark of the one proposed only for a profile
        that may see them (``Territory.secteur_for``)."""
        if charges == self._charges_columns:
            return
        self._charges_columns = charges
        table = self.query_one("#sect-ass", FittedTable)
        table.clear(columns=True)
        # The load (what the proposal rests on) stays; the site gives way first.
        # At 80 columns the site's whole name (« Saint-Antonin-Noble-Val ») fits beside the
        # ASS, her charge (« 4 en cours ») and the mark of the one proposed.
        # The mark of the one proposed follows her name, the words it qualifies.
        table.add_column("ASS", key="ass", width=22, min_width=18)
        if charges:
            table.add_column("", key="proposee", width=10)
        table.add_column("Site", key="site", width=24, min_width=12, priority=1)
        if charges:
            table.add_column("Charge", key="charge", width=11)

    def on_screen_resume(self) -> None:
        self.profil_changed()

    def profil_changed(self) -> None:
        if self.secteur is not None:
            self.refresh_secteur()
        self.refresh_bindings()

    # -- lookup -------------------------------------------------------------------------------
    def refresh_secteur(self) -> None:
        text = self.query_one("#sect-commune", Input).value.strip()
        error = self.query_one("#sect-error", Static)
        found = self.app.territoire.gazetteer.lookup(text) if len(text) >= 2 else None
        self.query_one(CommuneChoices).offer(found or Lookup(text))
        if found is None:
            error.update("")
            self.show(None)
            return
        if len(found.communes) > 1:
            error.update(ambiguity(found))
            self.show(None)
            return
        quartier = self.query_one("#sect-quartier", Select).value
        quartier = None if quartier is Select.NULL else str(quartier)
        territoire = self.app.territoire
        try:
            # A quartier left chosen from Montauban does not move another commune
            # (Territory.secteur reads it for Montauban only).
            commune = territoire.gazetteer.resolve(text)
            secteur = territoire.secteur_for(self.app.profil, commune, quartier)
        except BinomeError as exc:
            error.update(str(exc))
            self.show(None)
            return
        error.update("")
        self.show(secteur)

    def show(self, secteur: Sector | None) -> None:
        self.secteur = secteur
        result = self.query_one("#sect-result", Static)
        table = self.query_one("#sect-ass", DataTable)
        note = self.query_one("#sect-note", Static)
        communes = self.query_one("#sect-communes", Static)
        quartier = self.query_one("#sect-quartier", Select)
        montauban = secteur is not None and secteur.commune.code_insee == MONTAUBAN
        quartier.disabled = not montauban
        table.clear()
        if secteur is None:
            result.update(
                Text("Le résultat s'affiche ici : MDS, site et ASS du secteur.", style="dim")
            )
            table.display = False
            note.update("")
            communes.update("")
            self.query_one("#btn-rattacher").display = False
            self.refresh_bindings()
            return
        text = Text()
        text.append(secteur.commune.label() + "\n", style="bold")
        if secteur.quartier:
            text.append(f"Quartier : {self.app.territoire.quartiers[secteur.quartier][0]}\n")
        text.append("MDS : ", style="bold")
        text.append(secteur.mds.nom + "\n")
        text.append("Site : ", style="bold")
        text.append(secteur.site.nom + "\n")
        if secteur.indicatif:
            text.append(
                "Sectorisation indicative : la sectorisation officielle n'est pas publique ; "
                "le responsable de la MDS la confirme.\n",
                style="italic",
            )
        else:
            text.append("Rattachement confirmé par la MDS.\n", style="italic")
        text.rstrip()
        result.update(text)
        sites = self.app.territoire.sites
        proposee = secteur.proposed_ass
        charges = secteur.charges_shown
        self._columns(charges)
        for ass in secteur.ass:
            site = sites.get(ass.site_id)
            site_name = site.nom if site else ""
            if charges:
                mark = Text("← proposée", style="bold") if ass is proposee else ""
                table.add_row(
                    ass.nom_complet, mark, site_name, f"{ass.charge} en cours", key=ass.id
                )
            else:
                table.add_row(ass.nom_complet, site_name, key=ass.id)
        table.display = bool(secteur.ass)
        if not secteur.ass:
            note.update("Aucune ASS n'est rattachée à ce secteur.")
        elif montauban and not secteur.quartier:
            note.update("Montauban est découpée par quartier : choisissez le quartier.")
        elif not charges:
            # Signed in, only a partner lacks acces.PERMISSIONS["charge-ass"]; one line, so
            # that the list of ASS keeps its rows at 80x24.
            note.update("La charge des ASS n'est pas montrée aux partenaires.")
        else:
            who = proposee.nom_complet if proposee else "l'ASS du secteur"
            note.update(f"Proposée : {who}, l'ASS du secteur dont la charge est la plus légère.")
        territoire = self.app.territoire
        members = territoire.communes_of_site(secteur.site.id)
        listing = Text()
        listing.append(f"{territoire.site_label(secteur.site)}\n", style="bold")
        # A site inside Montauban covers quartiers, not communes: « Communes (0) » said
        # nothing of it.
        quartiers = [
            (slug, nom)
            for slug, (nom, site_id) in territoire.quartiers.items()
            if site_id == secteur.site.id
        ]
        if quartiers and not members:
            listing.append(f"Quartiers de Montauban ({len(quartiers)})\n", style="bold")
            for slug, nom in quartiers:
                listing.append(f"{nom}{'  ←' if slug == secteur.quartier else ''}\n")
        else:
            listing.append(f"Communes ({len(members)})\n", style="bold")
        for commune in members:
            mark = "  ←" if commune.code_insee == secteur.commune.code_insee else ""
            listing.append(f"{commune.label()}{mark}\n")
        communes.update(listing)
        self.query_one("#btn-rattacher").display = self.may_attach_commune()
        self.refresh_bindings()

    def may_attach_commune(self) -> bool:
        if self.secteur is None:
            return False
        return may_attach_commune(self.app.profil, self.secteur.mds.slug)

    # -- events -------------------------------------------------------------------------------
    @on(Input.Changed, "#sect-commune")
    def commune_changed(self) -> None:
        self.query_one("#sect-quartier", Select).clear()
        self.refresh_secteur()

    @on(Select.Changed, "#sect-quartier")
    def quartier_changed(self) -> None:
        self.refresh_secteur()

    @on(Input.Submitted, "#sect-commune")
    def commune_submitted(self) -> None:
        if self.secteur is None:
            return
        if self.secteur.commune.code_insee == MONTAUBAN and not self.secteur.quartier:
            self.query_one("#sect-quartier", Select).focus()
        elif self.secteur.ass:
            self.query_one("#sect-ass", DataTable).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "btn-rattacher":
            self.action_attach_commune()

    # -- actions ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action != "attach_commune":
            return True
        return self.secteur is not None and self.may_attach_commune()

    def on_key(self, event: events.Key) -> None:
        if isinstance(self.focused, DataTable) and type_into(
            self.query_one("#sect-commune", Input), event
        ):
            return
        explain_refusal(self, event)

    def refusal(self, action: str) -> str | None:
        """Why a key of this screen does nothing now, in French."""
        if action != "attach_commune":
            return None
        if self.secteur is None:
            return "Cherchez d'abord une commune."
        return (
            f"Seul le responsable de la {self.secteur.mds.nom} (ou un administrateur) "
            "rattache une de ses communes à un autre site."
        )

    def action_focus_commune(self) -> None:
        self.query_one("#sect-commune", Input).focus()

    def action_attach_commune(self) -> None:
        secteur = self.secteur
        if secteur is None:
            self.notify("Cherchez d'abord une commune.", severity="warning")
            return
        if not self.may_attach_commune():
            self.notify(
                f"Seul le responsable de la {secteur.mds.nom} modifie son rattachement.",
                severity="error",
            )
            return
        territoire = self.app.territoire
        # The sites of the commune's MDS first: most moves stay inside the MDS.
        ordered = sorted(
            territoire.sites.values(), key=lambda s: (s.mds != secteur.mds.slug, s.mds, s.nom)
        )
        sites = [(territoire.site_label(s), s.id) for s in ordered]

        def site_chosen(site_id: str | None) -> None:
            if site_id is None:
                return
            site = territoire.sites[site_id]
            question = (
                f"Rattacher {secteur.commune.label()} au site {site.nom} "
                f"({territoire.mds[site.mds].nom}) ?\n\n"
                f"Aujourd'hui : site {secteur.site.nom} ({secteur.mds.nom}).\n"
                "Le rattachement ne sera plus indicatif ; il est enregistré à votre nom."
            )

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.attach_commune(secteur, site_id)

            self.app.push_screen(
                ConfirmScreen("Rattacher la commune", question, "Rattacher"), confirmed
            )

        self.app.push_screen(SiteScreen(secteur.commune.label(), secteur.site, sites), site_chosen)

    def attach_commune(self, secteur: Sector, site_id: str) -> None:
        territoire = self.app.territoire
        try:
            with busy.attempt(self):
                territoire.attach_commune(
                    secteur.commune.code_insee, site_id, actor=self.app.profil, now=datetime.now()
                )
        except BinomeError as exc:
            if not busy.retry_later(self, exc, lambda: self.attach_commune(secteur, site_id)):
                self.notify(str(exc), severity="error")
            return
        site = territoire.sites[site_id]
        self.notify(f"{secteur.commune.nom} est rattachée à la {territoire.site_label(site)}.")
        self.refresh_secteur()

    def commands(self) -> Iterable[SystemCommand]:
        yield from keys.commands(self, "sectorisation")
