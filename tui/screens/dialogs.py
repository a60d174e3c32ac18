"""Small dialogs: confirm, pick a profile, record a step of the parcours, pick a frein, a site.

Each is a ModalScreen that ``dismiss()``es with its answer; ``escape`` cancels.
"""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from caseload import parcours as P
from caseload.acces import ROLES, Profil
from caseload.store import Caseload, Demandeur
from caseload.territoire import Site
from ressources.errors import BinomeError
from ressources.text import fold
from tui import busy, keys
from tui.base import BinomeModal
from tui.screens.common import DateInvalide, fr_date, parse_fr_date
from tui.widgets.plain import as_plain_text


def leave_unless_changed(screen: Screen, changed: bool, warning: str, yes: str) -> None:
    """Close a form; when it holds unsaved changes, only once the person has said so."""
    if not changed:
        screen.dismiss(None)
        return

    def answered(leave: bool | None) -> None:
        if leave:
            screen.dismiss(None)

    screen.app.push_screen(ConfirmScreen("Quitter sans enregistrer ?", warning, yes=yes), answered)


def ask(screen_or_app, title: str, question: str, yes: str, then) -> None:
    """Ask before changing shared data; *then()* runs only on a yes."""
    app = screen_or_app.app

    def answered(answer: bool | None) -> None:
        if answer:
            then()

    app.push_screen(ConfirmScreen(title, question, yes=yes), answered)


class ConfirmScreen(BinomeModal[bool]):
    """A yes/no question before anything that changes shared data."""

    KEYS = "confirmation"
    BINDINGS = keys.bindings("confirmation")

    def __init__(self, title: str, question: str, yes: str = "Confirmer") -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.question, id="confirm-question", classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    keys.with_key(self.app, "confirmation.oui", self.yes),
                    id="yes",
                    variant="primary",
                )
                yield Button("Annuler (échap)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class ProfilScreen(BinomeModal[str | None]):
    """Pick another demo profile (type to narrow the list)."""

    KEYS = "choix"
    BINDINGS = keys.bindings("choix")

    def __init__(self, profils: list[Profil], current: str | None) -> None:
        super().__init__()
        self.profils = profils
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="profil-dialog"):
            yield Label("Changer de profil (démonstration)", classes="dialog-title")
            yield Input(placeholder="Filtrer : nom, rôle, MDS…", id="profil-filter")
            yield OptionList(id="profil-list")
            yield Label("entrée : prendre ce profil · échap : annuler", classes="dialog-hint")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#profil-filter", Input).focus()

    def _describe(self, p: Profil) -> str:
        role = ROLES.get(p.role, p.role)
        where = ""
        territoire = self.app.territoire
        if p.site_id and p.site_id in territoire.sites:
            site = territoire.sites[p.site_id]
            where = f" · {territoire.mds[site.mds].nom}, site {site.nom}"
        elif p.mds and p.mds in territoire.mds:
            where = f" · {territoire.mds[p.mds].nom}"
        elif p.agence:
            where = f" · agence {p.agence}"
        mark = "  ← profil actuel" if p.id == self.current else ""
        return f"{p.nom_complet} — {role}{where}{mark}"

    def _fill(self, text: str) -> None:
        wanted = fold(text)
        options = []
        for p in self.profils:
            label = self._describe(p)
            if wanted and wanted not in fold(f"{label} {p.id}"):
                continue
            options.append(Option(as_plain_text(label), id=p.id))
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
        listing = self.query_one("#profil-list", OptionList)
        if listing.option_count == 1:
            self.dismiss(listing.get_option_at_index(0).id)
        elif listing.option_count:
            listing.focus()

    @on(OptionList.OptionSelected, "#profil-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


DECISIONS = [
    (P.Axe.AXE2.label, "axe2"),
    (P.Axe.AXE3.label, "axe3"),
    ("Ni l'un ni l'autre (le parcours est clos sans suite)", "aucune"),
]
# Each one's decision on the fiche de liaison (annexe 4: « Décision entrée ACCO Glo : OUI NON
# / Accompagnement social exclusif : OUI NON »), as stored: axe2, axe3, non.
DECISIONS_PERSONNE = [
    ("Oui à l'accompagnement global (axe 2)", "axe2"),
    ("Oui à l'accompagnement social exclusif (axe 3)", "axe3"),
    ("Non aux deux", "non"),
]
DECIDEURS = (
    ("demandeur", "Décision du demandeur"),
    ("conseiller", "Décision du conseiller"),
    ("ass", "Décision de l'ASS"),
)
MODALITES = [(m.label, m.value) for m in P.Modalite]
MOYENS = [(m.label, m.value) for m in P.Moyen]


ResultT = TypeVar("ResultT")


class FormDialog(BinomeModal[ResultT]):
    """A dialog with fields and two buttons: « save » (ctrl+s, or entrée in a field) runs
    ``action_submit``, which each dialog writes; « cancel » (échap) closes with None."""

    KEYS = "formulaire"
    BINDINGS = keys.bindings("formulaire")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_submit()
        else:
            self.action_cancel()

    @on(Input.Submitted)
    def _field_submitted(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)


class ActionScreen(FormDialog[P.Outcome | None]):
    """Record one step of the parcours: its date, and the decision, motif or reason it needs.

    The domain decides: a refused step is said here (and in a notification), the dialog
    stays open so the date or the choice can be corrected."""

    def __init__(self, caseload: Caseload, demandeur: Demandeur, action: P.Action) -> None:
        super().__init__()
        self.caseload = caseload
        self.demandeur = demandeur
        self.action = action

    @property
    def needs_motif(self) -> bool:
        return self.action in (P.Action.EXIT, P.Action.BILAN_SORTIE)

    def compose(self) -> ComposeResult:
        today = self.app.clock()
        with Vertical(classes="dialog", id="action-dialog"):
            yield Label(self.action.label, classes="dialog-title")
            yield Static(
                f"{self.demandeur.nom_complet} · {self.demandeur.parcours.etat.label}",
                classes="dialog-body",
                markup=False,
            )
            yield Label("Date (JJ/MM/AAAA)", classes="field-label")
            yield Input(fr_date(today), id="action-date", max_length=10)
            fiche = self.demandeur.fiche
            if self.action is P.Action.VALIDATE_DIAGNOSTIC:
                yield Label("Modalité du diagnostic partagé", classes="field-label")
                yield Select(
                    MODALITES,
                    prompt="Tripartite, séparément ou par simple retour",
                    id="modalite",
                    compact=True,
                )
                for who, label in DECIDEURS:
                    yield Label(label, classes="field-label")
                    current = getattr(fiche, f"decision_{who}") or Select.NULL
                    yield Select(
                        DECISIONS_PERSONNE,
                        prompt="À recueillir",
                        value=current,
                        id=f"decision-{who}",
                        compact=True,
                    )
                yield Label("Décision du diagnostic partagé", classes="field-label")
                yield Select(DECISIONS, value="axe2", allow_blank=False, id="decision")
            elif self.action is P.Action.REORIENTER:
                axe = self.demandeur.parcours.axe
                choices = [(f"Vers l'{axe.other.label}", axe.other.value)] if axe else []
                choices.append(("Vers le droit commun (sortie du dispositif)", "droit-commun"))
                yield Label("Réorientation", classes="field-label")
                yield Select(choices, value=choices[0][1], allow_blank=False, id="vers")
            elif self.needs_motif:
                motifs = P.allowed_motifs(self.demandeur.parcours, today)
                options = [
                    (f"{'Sortie positive' if m.positive else 'Interruption'} : {m.label}", m.value)
                    for m in motifs
                ]
                yield Label("Motif de sortie", classes="field-label")
                yield Select(options, prompt="Choisir le motif de sortie", id="motif")
                # P.PERIODE_ESSAI: a CDD or CDI keeps the file open until the trial is validated;
                # left empty, the legal maximum stands in (P.PERIODE_ESSAI_DUREE_LEGALE).
                yield Label(
                    "Fin de la période d'essai, pour un CDD ou un CDI (JJ/MM/AAAA)",
                    classes="field-label",
                )
                yield Input(id="fin-essai", max_length=10)
                yield Static(
                    "Vide si elle n'est pas connue : 2 mois au plus pour un CDI, 1 mois "
                    "pour un CDD ; le conseiller la valide dès qu'elle est confirmée.",
                    classes="dialog-hint",
                    markup=False,
                )
            elif self.action is P.Action.CLOSE_WITHOUT_ENTRY:
                yield Label("Raison du classement sans suite", classes="field-label")
                yield Input(placeholder="ex. absent au rendez-vous de diagnostic", id="raison")
            if self.action in P.STEPS_NEEDING_CONCERTATION:
                # P.CONCERTATION_REQUIRED: the agreement of the three, its day and means.
                yield Label(
                    "Accord du demandeur, du conseiller et de l'ASS : le (JJ/MM/AAAA)",
                    classes="field-label",
                )
                yield Input(fr_date(today), id="concertation-date", max_length=10)
                yield Select(
                    MOYENS,
                    value=P.Moyen.FACE_A_FACE.value,
                    allow_blank=False,
                    id="concertation-moyen",
                    compact=True,
                )
            yield Static("", id="action-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Enregistrer (ctrl+s)", id="save", variant="primary")
                yield Button("Annuler (échap)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#action-date", Input).focus()

    @on(Select.Changed, "#decision-demandeur, #decision-conseiller, #decision-ass")
    def decisions_changed(self) -> None:
        """Three « oui » to the same accompaniment: the diagnostic's decision follows (never
        set to « ni l'un ni l'autre » on its own: that closes the parcours)."""
        values = {self.query_one(f"#decision-{who}", Select).value for who, _ in DECIDEURS}
        if values == {"axe2"} or values == {"axe3"}:
            self.query_one("#decision", Select).value = values.pop()

    def _error(self, message: str) -> None:
        self.query_one("#action-error", Static).update(message)

    def action_submit(self) -> None:
        try:
            on = parse_fr_date(self.query_one("#action-date", Input).value)
        except DateInvalide as exc:
            self._error(str(exc))
            self.query_one("#action-date", Input).focus()
            return
        options: dict = {}
        if self.action in P.STEPS_NEEDING_CONCERTATION:
            try:
                when = parse_fr_date(self.query_one("#concertation-date", Input).value)
            except DateInvalide as exc:
                self._error(f"Accord des trois : {exc}")
                self.query_one("#concertation-date", Input).focus()
                return
            moyen = P.Moyen(str(self.query_one("#concertation-moyen", Select).value))
            options["concertation"] = P.Concertation(when, moyen)
        if self.action is P.Action.VALIDATE_DIAGNOSTIC:
            modalite = self.query_one("#modalite", Select).selection
            if modalite is None:
                self._error("Choisissez la modalité du diagnostic partagé.")
                self.query_one("#modalite", Select).focus()
                return
            options["modalite"] = P.Modalite(modalite)
            decisions = {}
            for who, _ in DECIDEURS:
                value = self.query_one(f"#decision-{who}", Select).value
                decisions[who] = None if value is Select.NULL else str(value)
            options["decisions"] = decisions
            value = self.query_one("#decision", Select).value
            options["decision"] = None if value == "aucune" else P.Axe(str(value))
        elif self.action is P.Action.REORIENTER:
            value = self.query_one("#vers", Select).value
            options["vers"] = None if value == "droit-commun" else P.Axe(str(value))
        elif self.needs_motif:
            motif = self.query_one("#motif", Select).selection
            if motif is None:
                self._error("Choisissez le motif de sortie : il est obligatoire.")
                self.query_one("#motif", Select).focus()
                return
            options["motif"] = P.MotifSortie(motif)
            text = self.query_one("#fin-essai", Input).value.strip()
            if text:
                try:
                    options["fin_periode_essai"] = parse_fr_date(text)
                except DateInvalide as exc:
                    self._error(f"Fin de la période d'essai : {exc}")
                    self.query_one("#fin-essai", Input).focus()
                    return
        elif self.action is P.Action.CLOSE_WITHOUT_ENTRY:
            options["raison"] = self.query_one("#raison", Input).value
        try:
            with busy.attempt(self):
                outcome = self.caseload.appliquer(self.demandeur.id, self.action, on, **options)
        except BinomeError as exc:
            if busy.retry_later(self, exc, self.action_submit):
                return
            self._error(str(exc))
            self.notify(str(exc), title="Étape refusée", severity="error", timeout=10)
            return
        self.dismiss(outcome)


class AutreAssScreen(FormDialog[tuple[str, str] | None]):
    """An ASS of another MDS, with the reason (P.ASS_OF_THE_MDS): (ass id, reason)."""

    BINDINGS = keys.bindings("autre_ass")

    def __init__(self, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="autre-ass-dialog"):
            yield Label("ASS d'une autre MDS", classes="dialog-title")
            yield Static(
                "La convention confie la recherche du travailleur social à la MDS du lieu "
                "d'habitation : dites pourquoi une ASS d'une autre MDS suit la personne.",
                classes="dialog-body",
                markup=False,
            )
            yield Select(self.choices, prompt="Choisir l'ASS", id="autre-ass")
            yield Label("Raison (enregistrée dans le parcours)", classes="field-label")
            yield Input(
                placeholder="ex. déjà suivie par cette ASS avant son déménagement",
                id="autre-raison",
                max_length=300,
            )
            yield Static("", id="autre-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Désigner (ctrl+s)", id="save", variant="primary")
                yield Button("Annuler (échap)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#autre-ass", Select).focus()

    def action_submit(self) -> None:
        ass = self.query_one("#autre-ass", Select).value
        raison = self.query_one("#autre-raison", Input).value.strip()
        error = self.query_one("#autre-error", Static)
        if ass is Select.NULL:
            error.update("Choisissez l'ASS.")
            return
        if not raison:
            error.update("La raison est obligatoire pour une ASS d'une autre MDS.")
            self.query_one("#autre-raison", Input).focus()
            return
        self.dismiss((str(ass), raison))


class InfoScreen(BinomeModal[None]):
    """Something to read (why steps are not offered…): échap or entrée closes it."""

    KEYS = "information"
    BINDINGS = keys.bindings("information")

    def __init__(self, title: str, text: Text | str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="info-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(id="info-scroll"):
                yield Static(self.text, id="info-text", classes="dialog-body", markup=False)
            yield Label("échap : fermer", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#info-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)


class FreinScreen(BinomeModal[str | None]):
    """Which frein périphérique to look for resources for."""

    KEYS = "choix"
    BINDINGS = keys.bindings("choix")

    def __init__(self, freins: list[tuple[str, str, str]], commune: str) -> None:
        """``freins``: (slug, label, thématiques in words)."""
        super().__init__()
        self.freins = freins
        self.commune = commune

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="frein-dialog"):
            yield Label("Ressources pour quel frein ?", classes="dialog-title")
            yield Static(
                f"Ressources autour de {self.commune}, pour :", classes="dialog-body", markup=False
            )
            options = []
            for slug, label, themes in self.freins:
                prompt = Text.assemble((label, "bold"), "\n", (themes, "dim"))
                options.append(Option(prompt, id=slug))
            yield OptionList(*options, id="frein-list")
            yield Label("entrée : voir les ressources · échap : annuler", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#frein-list", OptionList).focus()

    @on(OptionList.OptionSelected, "#frein-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SiteScreen(BinomeModal[str | None]):
    """Choose the site a commune is attached to (the confirmation comes next)."""

    KEYS = "choix"
    BINDINGS = keys.bindings("choix")

    def __init__(self, commune: str, current: Site, sites: list[tuple[str, str]]) -> None:
        """``sites``: (label, site id) for every site."""
        super().__init__()
        self.commune = commune
        self.current = current
        self.sites = sites

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="site-dialog"):
            yield Label(f"Rattacher {self.commune} à un autre site", classes="dialog-title")
            yield Static(f"Site actuel : {self.current.nom}", classes="dialog-body", markup=False)
            choices = [
                (label, site_id) for label, site_id in self.sites if site_id != self.current.id
            ]
            yield Select(choices, prompt="Choisir le nouveau site", id="site")
            yield Static("", id="site-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Continuer", id="next", variant="primary")
                yield Button("Annuler (échap)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#site", Select).focus()

    @on(Select.Changed, "#site")
    def site_changed(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.dismiss(str(event.value))  # the confirmation comes next

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.dismiss(None)
            return
        value = self.query_one("#site", Select).value
        if value is Select.NULL:
            self.query_one("#site-error", Static).update("Choisissez un site.")
            return
        self.dismiss(str(value))

    def action_cancel(self) -> None:
        self.dismiss(None)
