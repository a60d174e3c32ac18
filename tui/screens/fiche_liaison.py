"""The fiche de liaison as a form: a new prescription, or the fiche of a demandeur changed.

Exactly the fields of annexe 4 — and none other: no income, no debt, nothing financial.
Saving goes through ``Caseload.create`` / ``update_fiche``; their French messages land
under the field concerned.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
)

from caseload.fiche import (
    ATOUTS,
    FREINS_DIRECTS,
    FREINS_PERIPHERIQUES,
    INITIATEURS,
    SITUATIONS,
    InvalidFields,
)
from caseload.store import Demandeur
from caseload.territoire import MONTAUBAN, Sector
from ressources.errors import BinomeError, InvalidValue
from ressources.gazetteer import Commune
from ressources.text import counted
from tui import busy, keys
from tui.base import BinomeScreen
from tui.screens.common import fr_date, parse_fr_date
from tui.screens.dialogs.action import DECIDERS, PERSON_DECISIONS
from tui.screens.dialogs.confirm import leave_unless_changed
from tui.widgets.commune import CommuneChoices, CommuneInput, ambiguity
from tui.widgets.field_note import FieldNote
from tui.widgets.footer import AreaFooter
from tui.widgets.header import BinomeHeader
from tui.widgets.plain import plain_options

TEXT_FIELDS = [
    ("nom", "Nom"),
    ("prenom", "Prénom"),
    ("date_naissance", "Date de naissance (JJ/MM/AAAA)"),
    ("adresse", "Adresse"),
    ("commune", "Commune (nom, sans accent, code postal)"),
    ("telephone", "Téléphone"),
    ("courriel", "Courriel (avec l'accord aux échanges dématérialisés)"),
    ("identifiant_ft", "Identifiant France Travail (7 chiffres et une lettre)"),
    ("identifiant_caf", "Identifiant CAF"),
    ("enfants_a_charge", "Nombre d'enfants à charge"),
    ("initiateur_nom", "Nom de la personne qui initie la demande"),
    ("initiateur_fonction", "Fonction (conseiller, travailleur social…)"),
    ("consentement_date", "Date du consentement éclairé (JJ/MM/AAAA)"),
]


class FicheLiaisonScreen(BinomeScreen[int | None]):
    """Create (``demandeur`` None) or change a fiche de liaison. Dismisses with the id."""

    # Under 110 columns, one column of fields: labels and checkboxes were cut at 80
    # (« Commune (nom, sans accent, code posta », « …dématérialis »).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    TITLE = "Binôme · Fiche de liaison"
    KEYS = "fiche_liaison"
    BINDINGS = keys.bindings("fiche_liaison")

    def has_unsaved_work(self) -> bool:
        """Asked by the app before it quits (ctrl+q)."""
        return self.dirty

    def __init__(self, demandeur: Demandeur | None = None) -> None:
        super().__init__()
        self.demandeur = demandeur
        self.commune: Commune | None = None
        self.dirty = False
        self._ready = False

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield BinomeHeader()
        creating = self.demandeur is None
        title = "Nouvelle prescription" if creating else "Modifier la fiche de liaison"
        yield Static(
            f"{title} — seules les données de la fiche de liaison (annexe 4) ; aucune "
            "information d'ordre économique et financière.",
            id="fl-title",
        )
        with VerticalScroll(id="fl-body"), Horizontal(classes="fl-row"):
            with Vertical(classes="fl-col"):
                for name, label in TEXT_FIELDS:
                    yield Label(label, classes="fl-label")
                    field = CommuneInput if name == "commune" else Input
                    yield field(id=f"fl-{name}", classes="fl-input", compact=True)
                    yield FieldNote("", id=f"err-{name}", classes="fl-error")
                    if name == "commune":
                        yield CommuneChoices("fl-commune")
                        yield Select(
                            [], prompt="Quartier (Montauban)", id="fl-quartier", compact=True
                        )
            with Vertical(classes="fl-col"):
                if creating:
                    yield Label("Date de prescription (JJ/MM/AAAA)", classes="fl-label")
                    yield Input(id="fl-prescription", classes="fl-input", compact=True)
                    yield FieldNote("", id="err-prescription", classes="fl-error")
                    yield Label("Assistant(e) de service social", classes="fl-label")
                    yield Select([], prompt="À désigner par la MDS", id="fl-ass", compact=True)
                yield Label("Situation familiale", classes="fl-label")
                yield Select(
                    [(v, k) for k, v in SITUATIONS.items()],
                    prompt="Non renseignée",
                    id="fl-situation",
                    compact=True,
                )
                yield Label("Partie initiant la demande", classes="fl-label")
                yield Select(
                    [(v, k) for k, v in INITIATEURS.items()],
                    id="fl-initiateur",
                    allow_blank=False,
                    compact=True,  # as its neighbours: bordered, it looked focused
                )
                yield Checkbox("Bénéficiaire du RSA", id="fl-brsa", compact=True)
                yield Checkbox("Accepte les échanges dématérialisés", id="fl-demat", compact=True)
                yield Checkbox("Consentement éclairé recueilli", id="fl-consentement", compact=True)
                # « DÉCISION SUITE AU DIAGNOSTIC PARTAGE » (annexe 4): each one's decision.
                for who, label in DECIDERS:
                    yield Label(label, classes="fl-label")
                    yield Select(
                        PERSON_DECISIONS,
                        prompt="À recueillir",
                        id=f"fl-decision_{who}",
                        compact=True,
                    )
                yield Label("Principaux atouts", classes="fl-label")
                # Compact as the boxes around them; bordered, they cut their longest labels.
                yield SelectionList(
                    *[(v, k) for k, v in ATOUTS.items()], id="fl-atouts", compact=True
                )
                yield Label("Freins directs à l'emploi", classes="fl-label")
                yield SelectionList(
                    *[(v, k) for k, v in FREINS_DIRECTS.items()],
                    id="fl-freins_directs",
                    compact=True,
                )
                yield Label("Freins périphériques", classes="fl-label")
                yield SelectionList(
                    *[(v, k) for k, v in FREINS_PERIPHERIQUES.items()],
                    id="fl-freins_peripheriques",
                    compact=True,
                )
                yield FieldNote("", id="err-_", classes="fl-error")
        with Horizontal(id="fl-buttons"):
            yield Button("Enregistrer (ctrl+s)", id="fl-save", variant="primary")
            yield Button(keys.with_key(self.app, "fiche_liaison.quitter", "Fermer"), id="fl-cancel")
        yield AreaFooter()

    def on_mount(self) -> None:
        today = self.app.clock()
        quartiers = [(nom, slug) for slug, (nom, _site) in self.app.territoire.quartiers.items()]
        self.query_one("#fl-quartier", Select).set_options(quartiers)
        self.query_one("#fl-quartier", Select).display = False
        d = self.demandeur
        if d is None:
            self.query_one("#fl-prescription", Input).value = fr_date(today)
            profil = self.app.profil
            self.query_one("#fl-initiateur", Select).value = (
                "cd82" if profil and profil.role != "conseiller" else "france-travail"
            )
            if profil is not None:
                self.query_one("#fl-initiateur_nom", Input).value = profil.nom_complet
        else:
            f = d.fiche
            values = {
                "nom": f.nom,
                "prenom": f.prenom,
                "date_naissance": fr_date(f.date_naissance),
                "adresse": f.adresse,
                "telephone": f.telephone,
                "courriel": f.courriel or "",
                "identifiant_ft": f.identifiant_ft,
                "identifiant_caf": f.identifiant_caf,
                "enfants_a_charge": str(f.enfants_a_charge),
                "initiateur_nom": f.initiateur_nom,
                "initiateur_fonction": f.initiateur_fonction,
                "consentement_date": fr_date(f.consentement_date),
            }
            for name, value in values.items():
                self.query_one(f"#fl-{name}", Input).value = value
            commune = self.app.engine.gazetteer.get(f.code_insee)
            self.query_one("#fl-commune", Input).value = commune.nom if commune else f.code_insee
            if f.situation_familiale:
                self.query_one("#fl-situation", Select).value = f.situation_familiale
            self.query_one("#fl-initiateur", Select).value = f.initiateur
            self.query_one("#fl-brsa", Checkbox).value = f.brsa
            self.query_one("#fl-demat", Checkbox).value = f.echanges_dematerialises
            self.query_one("#fl-consentement", Checkbox).value = f.consentement
            for who, _ in DECIDERS:
                value = getattr(f, f"decision_{who}")
                if value:
                    self.query_one(f"#fl-decision_{who}", Select).value = value
            for name in ("atouts", "freins_directs", "freins_peripheriques"):
                box = self.query_one(f"#fl-{name}", SelectionList)
                for value in getattr(f, name):
                    box.select(value)
            if f.quartier:
                self.call_after_refresh(self._set_quartier, f.quartier)
        self.query_one("#fl-nom", Input).focus()
        self.call_after_refresh(self._mark_ready)

    def _set_quartier(self, slug: str) -> None:
        self.query_one("#fl-quartier", Select).value = slug

    def _mark_ready(self) -> None:
        self._ready = True
        self.dirty = False

    # -- live checks ------------------------------------------------------------------------
    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(SelectionList.SelectedChanged)
    def changed(self, event) -> None:
        if self._ready:
            self.dirty = True

    @on(Input.Changed, "#fl-commune")
    def commune_changed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        error = self.query_one("#err-commune", Static)
        quartier = self.query_one("#fl-quartier", Select)
        self.commune = None
        found = self.app.engine.gazetteer.lookup(text)
        self.query_one(CommuneChoices).offer(found)
        # The commune found is an answer, not an error: not in the error's colour.
        error.set_class(bool(found.unique), "fl-found")
        if not text:
            error.update("")
        else:
            if found.unique:
                self.commune = found.unique
                error.update(f"→ {found.unique.label()}")
            elif found.communes:
                error.update(ambiguity(found))
            else:
                error.update(f"Aucune commune du Tarn-et-Garonne ne correspond à « {text} ».")
        quartier.display = bool(self.commune and self.commune.code_insee == MONTAUBAN)
        self._refresh_ass()

    @on(Select.Changed, "#fl-quartier")
    def quartier_changed(self) -> None:
        self._refresh_ass()

    def _refresh_ass(self) -> None:
        """For a new prescription: the ASS of the sector, the lightest load proposed."""
        if self.demandeur is not None or self.commune is None:
            return
        quartier = self.query_one("#fl-quartier", Select).selection
        try:
            secteur: Sector = self.app.territoire.secteur(self.commune, quartier)
        except BinomeError:
            return
        proposed = secteur.proposed_ass
        options = [
            (
                f"{a.nom_complet} — {counted(a.charge or 0, 'dossier')}"
                + (" (proposée)" if a is proposed else ""),
                a.id,
            )
            for a in sorted(secteur.ass, key=lambda a: (a is not proposed, a.charge or 0, a.nom))
        ]
        select = self.query_one("#fl-ass", Select)
        select.set_options(plain_options(options))
        if proposed is not None:
            select.value = proposed.id

    # -- saving -----------------------------------------------------------------------------
    def collect(self) -> dict:
        def text(name: str) -> str:
            return self.query_one(f"#fl-{name}", Input).value.strip()

        data: dict = {name: text(name) for name, _ in TEXT_FIELDS if name != "commune"}
        data["date_naissance"] = self._iso(data["date_naissance"])
        data["consentement_date"] = self._iso(data["consentement_date"]) or None
        data["code_insee"] = self.commune.code_insee if self.commune else text("commune")
        quartier = self.query_one("#fl-quartier", Select).value
        data["quartier"] = (
            None
            if quartier is Select.NULL or not self.commune or (self.commune.code_insee != MONTAUBAN)
            else quartier
        )
        situation = self.query_one("#fl-situation", Select).value
        data["situation_familiale"] = None if situation is Select.NULL else situation
        data["initiateur"] = self.query_one("#fl-initiateur", Select).value
        data["brsa"] = self.query_one("#fl-brsa", Checkbox).value
        data["echanges_dematerialises"] = self.query_one("#fl-demat", Checkbox).value
        data["consentement"] = self.query_one("#fl-consentement", Checkbox).value
        for who, _ in DECIDERS:
            value = self.query_one(f"#fl-decision_{who}", Select).value
            data[f"decision_{who}"] = None if value is Select.NULL else value
        for name in ("atouts", "freins_directs", "freins_peripheriques"):
            data[name] = list(self.query_one(f"#fl-{name}", SelectionList).selected)
        data["courriel"] = data["courriel"] or None
        return data

    @staticmethod
    def _iso(text: str) -> str:
        """JJ/MM/AAAA → AAAA-MM-JJ; anything else is passed on for the domain to refuse."""
        if not text:
            return ""
        try:
            return parse_fr_date(text).isoformat()
        except InvalidValue:
            return text

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, _ in TEXT_FIELDS:
            if name != "commune":
                self.query_one(f"#err-{name}", Static).update("")
        self.query_one("#err-_", Static).update("")
        for name, message in errors.items():
            target = "commune" if name == "code_insee" else name
            widgets = self.query(f"#err-{target}")
            (widgets.first(Static) if widgets else self.query_one("#err-_", Static)).update(message)

    def action_save(self) -> None:
        caseload = self.app.caseload()
        if caseload is None:
            self.notify("Aucun profil n'est configuré.", severity="error")
            return
        data = self.collect()
        try:
            if self.demandeur is None:
                prescription_text = self.query_one("#fl-prescription", Input).value
                try:
                    prescription = parse_fr_date(prescription_text)
                except InvalidValue as exc:
                    self.show_errors({"prescription": str(exc)})
                    return
                ass = self.query_one("#fl-ass", Select).selection
                with busy.attempt(self):
                    new_id = caseload.create(data, prescription=prescription, ass_id=ass)
                self.notify("Prescription enregistrée.")
                self.dirty = False
                self.dismiss(new_id)
                return
            with busy.attempt(self):
                change = caseload.update_fiche(self.demandeur.id, data, opened=self.demandeur)
        except InvalidFields as exc:
            self.show_errors(exc.errors)
            self.notify("Des champs sont à corriger (en rouge).", severity="error")
            return
        except BinomeError as exc:
            if busy.retry_later(self, exc, self.action_save):
                return
            self.show_errors({"_": str(exc)})
            self.notify(str(exc), severity="error")
            return
        if change is not None:
            self.notify(change.message, title="Changement de MDS", timeout=20)
        else:
            self.notify("Fiche de liaison enregistrée.")
        self.dirty = False
        self.dismiss(self.demandeur.id)

    def action_leave(self) -> None:
        leave_unless_changed(self, self.dirty, "Les changements seront perdus.", yes="Quitter")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "fl-save":
            self.action_save()
        elif event.button.id == "fl-cancel":
            self.action_leave()
