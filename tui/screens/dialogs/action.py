"""Record one step of the parcours: its date, and the decision, motif or reason it needs.

The choices of the fiche de liaison's decisions (annexe 4) live here, beside the dialog that
records them; the fiche's screen offers the same ones.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from caseload import parcours
from caseload.store import Caseload, Demandeur
from ressources.errors import BinomeError, InvalidValue
from tui import busy
from tui.screens.common import fr_date, parse_fr_date
from tui.screens.dialogs.form import FormDialog

DECISIONS = [
    (parcours.Axe.AXE2.label, "axe2"),
    (parcours.Axe.AXE3.label, "axe3"),
    ("Ni l'un ni l'autre (le parcours est clos sans suite)", "aucune"),
]
# Each one's decision on the fiche de liaison (annexe 4: « Décision entrée ACCO Glo : OUI NON
# / Accompagnement social exclusif : OUI NON »), as stored: axe2, axe3, non.
PERSON_DECISIONS = [
    ("Oui à l'accompagnement global (axe 2)", "axe2"),
    ("Oui à l'accompagnement social exclusif (axe 3)", "axe3"),
    ("Non aux deux", "non"),
]
DECIDERS = (
    ("demandeur", "Décision du demandeur"),
    ("conseiller", "Décision du conseiller"),
    ("ass", "Décision de l'ASS"),
)
MODALITIES = [(m.label, m.value) for m in parcours.Modality]
MEANS = [(m.label, m.value) for m in parcours.Means]


class ActionScreen(FormDialog[parcours.Outcome | None]):
    """Record one step of the parcours: its date, and the decision, motif or reason it needs.

    The domain decides: a refused step is said here (and in a notification), the dialog
    stays open so the date or the choice can be corrected."""

    def __init__(self, caseload: Caseload, demandeur: Demandeur, action: parcours.Action) -> None:
        super().__init__()
        self.caseload = caseload
        self.demandeur = demandeur
        self.action = action

    @property
    def needs_motif(self) -> bool:
        return self.action in (parcours.Action.EXIT, parcours.Action.BILAN_SORTIE)

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
            if self.action is parcours.Action.VALIDATE_DIAGNOSTIC:
                yield Label("Modalité du diagnostic partagé", classes="field-label")
                yield Select(
                    MODALITIES,
                    prompt="Tripartite, séparément ou par simple retour",
                    id="modalite",
                    compact=True,
                )
                for who, label in DECIDERS:
                    yield Label(label, classes="field-label")
                    current = getattr(fiche, f"decision_{who}") or Select.NULL
                    yield Select(
                        PERSON_DECISIONS,
                        prompt="À recueillir",
                        value=current,
                        id=f"decision-{who}",
                        compact=True,
                    )
                yield Label("Décision du diagnostic partagé", classes="field-label")
                yield Select(DECISIONS, value="axe2", allow_blank=False, id="decision")
            elif self.action is parcours.Action.REORIENT:
                axe = self.demandeur.parcours.axe
                choices = [(f"Vers l'{axe.other.label}", axe.other.value)] if axe else []
                choices.append(("Vers le droit commun (sortie du dispositif)", "droit-commun"))
                yield Label("Réorientation", classes="field-label")
                yield Select(choices, value=choices[0][1], allow_blank=False, id="vers")
            elif self.needs_motif:
                motifs = parcours.allowed_motifs(self.demandeur.parcours, today)
                options = [
                    (f"{'Sortie positive' if m.positive else 'Interruption'} : {m.label}", m.value)
                    for m in motifs
                ]
                yield Label("Motif de sortie", classes="field-label")
                yield Select(options, prompt="Choisir le motif de sortie", id="motif")
                # parcours.PERIODE_ESSAI: a CDD or CDI keeps the file open until the trial is
                # validated; left empty, the legal maximum stands in
                # (parcours.PERIODE_ESSAI_DUREE_LEGALE).
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
            elif self.action is parcours.Action.CLOSE_WITHOUT_ENTRY:
                yield Label("Raison du classement sans suite", classes="field-label")
                yield Input(placeholder="ex. absent au rendez-vous de diagnostic", id="raison")
            if self.action in parcours.STEPS_NEEDING_CONCERTATION:
                # parcours.CONCERTATION_REQUIRED: the agreement of the three, its day and means.
                yield Label(
                    "Accord du demandeur, du conseiller et de l'ASS : le (JJ/MM/AAAA)",
                    classes="field-label",
                )
                yield Input(fr_date(today), id="concertation-date", max_length=10)
                yield Label("Moyen de la concertation", classes="field-label")
                yield Select(
                    MEANS,
                    value=parcours.Means.FACE_A_FACE.value,
                    allow_blank=False,
                    id="concertation-moyen",
                    compact=True,
                )
            yield Static("", id="action-error", classes="dialog-error", markup=False)
            yield self.buttons("Enregistrer (ctrl+s)")

    def on_mount(self) -> None:
        self.query_one("#action-date", Input).focus()

    @on(Select.Changed, "#decision-demandeur, #decision-conseiller, #decision-ass")
    def decisions_changed(self) -> None:
        """Three « oui » to the same accompaniment: the diagnostic's decision follows (never
        set to « ni l'un ni l'autre » on its own: that closes the parcours)."""
        values = {self.query_one(f"#decision-{who}", Select).value for who, _ in DECIDERS}
        if values == {"axe2"} or values == {"axe3"}:
            self.query_one("#decision", Select).value = values.pop()

    def _error(self, message: str) -> None:
        # Said in the dialog, in sight; not in a toast as well (they piled up over the
        # dialog's own text and its button, and stayed after the step was saved).
        error = self.query_one("#action-error", Static)
        error.update(message)
        self.call_after_refresh(error.scroll_visible, animate=False)

    def action_submit(self) -> None:
        try:
            on = parse_fr_date(self.query_one("#action-date", Input).value)
        except InvalidValue as exc:
            self._error(str(exc))
            self.query_one("#action-date", Input).focus()
            return
        options: dict = {}
        if self.action in parcours.STEPS_NEEDING_CONCERTATION:
            try:
                when = parse_fr_date(self.query_one("#concertation-date", Input).value)
            except InvalidValue as exc:
                self._error(f"Accord des trois : {exc}")
                self.query_one("#concertation-date", Input).focus()
                return
            moyen = parcours.Means(str(self.query_one("#concertation-moyen", Select).value))
            options["concertation"] = parcours.Concertation(when, moyen)
        if self.action is parcours.Action.VALIDATE_DIAGNOSTIC:
            modalite = self.query_one("#modalite", Select).selection
            if modalite is None:
                self._error("Choisissez la modalité du diagnostic partagé.")
                self.query_one("#modalite", Select).focus()
                return
            options["modalite"] = parcours.Modality(modalite)
            decisions = {}
            for who, _ in DECIDERS:
                value = self.query_one(f"#decision-{who}", Select).value
                decisions[who] = None if value is Select.NULL else str(value)
            options["decisions"] = decisions
            value = self.query_one("#decision", Select).value
            options["decision"] = None if value == "aucune" else parcours.Axe(str(value))
        elif self.action is parcours.Action.REORIENT:
            value = self.query_one("#vers", Select).value
            options["vers"] = None if value == "droit-commun" else parcours.Axe(str(value))
        elif self.needs_motif:
            motif = self.query_one("#motif", Select).selection
            if motif is None:
                self._error("Choisissez le motif de sortie : il est obligatoire.")
                self.query_one("#motif", Select).focus()
                return
            options["motif"] = parcours.MotifSortie(motif)
            text = self.query_one("#fin-essai", Input).value.strip()
            if text:
                try:
                    options["fin_periode_essai"] = parse_fr_date(text)
                except InvalidValue as exc:
                    self._error(f"Fin de la période d'essai : {exc}")
                    self.query_one("#fin-essai", Input).focus()
                    return
        elif self.action is parcours.Action.CLOSE_WITHOUT_ENTRY:
            options["raison"] = self.query_one("#raison", Input).value
        try:
            with busy.attempt(self):
                outcome = self.caseload.apply(self.demandeur.id, self.action, on, **options)
        except BinomeError as exc:
            if busy.retry_later(self, exc, self.action_submit):
                return
            self._error(str(exc))
            return
        self.dismiss(outcome)
