"""Keeping the base alive from the app: the form of an entry, its history, reports, and the
small actions (toujours exact, archive) the Ressources and À faire screens share.

Every rule is the domain's (``ressources.edition``): who may edit, what is valid, what a
conflict is. These screens gather what the person types, call the domain, and say its
answers in French where they apply.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import (
    Button,
    DataTable,
    Footer,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from caseload.acces import get_profil
from ressources import edition as E
from ressources.db import database_path, describe_sqlite_error
from ressources.errors import BinomeError
from ressources.gazetteer import Commune
from ressources.horaires import humanize
from ressources.models import FRAIS_LABELS, MOBILISATION_LABELS, PUBLIC_LABELS
from tui.screens.common import DateInvalide, fr_date, parse_fr_date
from tui.screens.dialogs import ConfirmScreen, leave_unless_changed

# What each field is called on screen (history, conflicts, errors about fields not shown).
FIELD_LABELS = {
    "nom": "Nom",
    "description": "Description",
    "structure_id": "Structure",
    "adresse": "Adresse",
    "complement_adresse": "Complément d'adresse",
    "commune": "Commune",
    "code_insee": "Commune (code INSEE)",
    "code_postal": "Code postal",
    "telephone": "Téléphone",
    "courriel": "Courriel",
    "horaires_accueil": "Horaires",
    "conditions_acces": "Conditions d'accès",
    "publics": "Publics",
    "publics_precisions": "Précisions sur le public",
    "frais": "Frais",
    "frais_precisions": "Précisions sur les frais",
    "modes_mobilisation": "Modes de mobilisation",
    "mobilisation_precisions": "Précisions sur la mobilisation",
    "lien_mobilisation": "Lien",
    "contact_nom_prenom": "Contact",
    "thematiques_locales": "Thématiques",
    "mots_cles": "Mots-clés",
    "date_revue": "Date de revue",
    "partenaire": "Partenaire",
    "archive": "Archivée",
    "date_maj": "Mise à jour",
    "thematiques": "Thématiques data·inclusion",
    "latitude": "Latitude",
    "longitude": "Longitude",
    "modes_accueil": "Modes d'accueil",
    "zone_eligibilite": "Zone d'éligibilité",
    "mobilisable_par": "Mobilisable par",
    "type": "Type de service",
    "lien_source": "Lien source",
    "source": "Source",
    "volume_horaire_hebdomadaire": "Volume horaire hebdomadaire",
    "nombre_semaines": "Nombre de semaines",
    "fiche": "Fiche",
}
ACTION_LABELS = {
    "creation": "Création",
    "modification": "Modification",
    "modification-fusionnee": "Modification (fusionnée)",
    "archivage": "Archivage",
    "desarchivage": "Désarchivage",
    "confirmation": "Toujours exact",
    "synchronisation": "Synchronisation",
}
EDITORS = E.EDITOR_ROLES
EMPTY = "(vide)"


# -- small helpers ----------------------------------------------------------------------------
def maintenant(app: App) -> datetime:
    """Now, on the app's (injectable) day."""
    return datetime.combine(app.clock(), datetime.now().time().replace(microsecond=0))


def changed(app: App) -> None:
    """Say the base moved (screens search again when they come back into view)."""
    app.base_version = getattr(app, "base_version", 0) + 1


def peut_creer(app: App) -> bool:
    profil = app.profil
    if profil is None or profil.role not in EDITORS:
        return False
    return profil.role == "administrateur" or bool(profil.partenaire)


def peut_modifier(app: App, record: dict | None) -> bool:
    return (
        app.profil is not None
        and record is not None
        and E.peut_modifier(app.db, app.profil, record)
    )


def author_name(app: App, ident: str | None) -> str:
    if not ident:
        return "—"
    if ident == "sync":
        return "synchronisation data·inclusion"
    profil = get_profil(app.db, ident)
    return profil.nom_complet if profil else ident


def action_label(action: str) -> str:
    if action.startswith("restauration v"):
        return f"Restauration de la version {action.removeprefix('restauration v')}"
    return ACTION_LABELS.get(action, action.capitalize())


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def show_value(app: App, name: str, value) -> str:
    """A stored value as a person reads it."""
    if value is None or value == "" or value == []:
        return EMPTY
    if name == "thematiques_locales":
        return ", ".join(app.engine.thematiques.label(t) for t in value)
    if name == "publics":
        return ", ".join(PUBLIC_LABELS.get(p, p) for p in value)
    if name == "modes_mobilisation":
        return ", ".join(MOBILISATION_LABELS.get(m, m) for m in value)
    if name == "frais":
        return FRAIS_LABELS.get(value, str(value))
    if name in ("date_revue", "date_maj"):
        return fr_date(value)
    if name == "archive":
        return "oui" if value else "non"
    if name == "partenaire":
        owner = E.partenaire(app.db, value)
        return owner.nom if owner else str(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def meaningful(changements: dict[str, list]) -> dict[str, list]:
    """The changes a person would call changes: a list whose values merely came back in
    another order (the national schema keeps some lists as sets) is left out."""
    kept = {}
    for name, pair in changements.items():
        if isinstance(pair, list) and len(pair) == 2:
            old, new = pair
            if (
                isinstance(old, list)
                and isinstance(new, list)
                and sorted(map(str, old)) == sorted(map(str, new))
            ):
                continue
        kept[name] = pair
    return kept


def fr_datetime(stamp: str) -> str:
    """``2026-11-23T10:04:00`` → ``23/11/2026 à 10:04``."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp or ""
    return moment.strftime("%d/%m/%Y à %H:%M")


def owner_name(app: App, record: dict) -> str:
    owner = E.partenaire(app.db, record.get("partenaire"))
    return owner.nom if owner else "aucun partenaire"


# -- the actions both screens offer -----------------------------------------------------------
def confirm_entry(app: App, service_id: str, done: Callable[[], None]) -> None:
    """« Toujours exact »: confirmed today, no question asked (nothing is lost)."""
    try:
        E.confirmer(app.db, app.profil, service_id, now=maintenant(app))
        changed(app)
        nom = E.lire(app.db, service_id)["nom"]
    except BinomeError as exc:
        app.notify(str(exc), title="Confirmation refusée", severity="error")
        return
    due = E.review_due(app.clock().isoformat(), app.clock())
    app.notify(f"« {nom} » : toujours exacte au {fr_date(app.clock())}. Prochaine revue avant "
               f"le {fr_date(due)}.", title="Fiche confirmée")  # fmt: skip
    done()


def archive_entry(app: App, service_id: str, done: Callable[[], None]) -> None:
    """Archive after a confirmation: the entry leaves the search, its history stays."""
    try:
        nom = E.lire(app.db, service_id)["nom"]
    except BinomeError as exc:
        app.notify(str(exc), severity="error")
        return

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            E.archiver(app.db, app.profil, service_id, now=maintenant(app))
        except BinomeError as exc:
            app.notify(str(exc), title="Archivage refusé", severity="error")
            return
        changed(app)
        app.notify(f"« {nom} » est archivée : elle ne sort plus dans la recherche. Son "
                   "historique est gardé.", title="Fiche archivée")  # fmt: skip
        done()

    app.push_screen(
        ConfirmScreen(
            "Archiver cette fiche ?",
            f"« {nom} » ne sortira plus dans la recherche ni dans la liste « à faire ».\n"
            "Rien n'est effacé : son historique est gardé.",
            yes="Archiver",
        ),
        answered,
    )


def report_entry(app: App, service_id: str, done: Callable[[], None] | None = None) -> None:
    """« Signaler une information erronée »: a comment for the partner who keeps it."""
    try:
        record = E.lire(app.db, service_id)
    except BinomeError as exc:
        app.notify(str(exc), severity="error")
        return

    def sent(ok: bool | None) -> None:
        if ok and done is not None:
            done()

    app.push_screen(SignalementScreen(record), sent)


def edit_entry(app: App, service_id: str | None, done: Callable[[str], None]) -> None:
    """The form, for a new entry (``None``) or an existing one; *done* gets the saved id."""

    def closed(saved: str | None) -> None:
        if saved:
            changed(app)
            done(saved)

    try:
        app.push_screen(RessourceFormScreen(service_id), closed)
    except BinomeError as exc:
        app.notify(str(exc), severity="error")


def history_of(app: App, service_id: str, done: Callable[[], None]) -> None:
    def closed(changed: bool | None) -> None:
        if changed:
            done()

    app.push_screen(HistoriqueScreen(service_id), closed)


# -- report ------------------------------------------------------------------------------------
class SignalementScreen(ModalScreen[bool]):
    """Say what is wrong in an entry; it lands in its partner's « à faire »."""

    BINDINGS = [
        Binding("escape", "cancel", "Annuler"),
        Binding("ctrl+s", "submit", "Envoyer"),
    ]

    def __init__(self, record: dict) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        owner = owner_name(self.app, self.record)
        with Vertical(classes="dialog", id="report-dialog"):
            yield Label("Signaler une information erronée", classes="dialog-title")
            yield Static(
                f"{self.record['nom']}\nTenue par : {owner}. Votre commentaire arrive dans sa "
                "liste « à faire ».",
                classes="dialog-body",
                markup=False,
            )
            yield Label("Qu'est-ce qui est erroné ?", classes="field-label")
            yield Input(
                placeholder="ex. le numéro ne répond plus, la permanence a lieu le mardi…",
                id="report-comment",
            )
            yield Static("", id="report-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Envoyer (entrée)", id="send", variant="primary")
                yield Button("Annuler (échap)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#report-comment", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "send":
            self.action_submit()
        else:
            self.action_cancel()

    @on(Input.Submitted, "#report-comment")
    def submitted(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        comment = self.query_one("#report-comment", Input).value
        try:
            E.signaler(self.app.db, self.app.profil, self.record["id"], comment,
                       now=maintenant(self.app))  # fmt: skip
        except BinomeError as exc:
            self.query_one("#report-error", Static).update(str(exc))
            return
        owner = owner_name(self.app, self.record)
        self.app.notify(f"Merci : {owner} verra votre signalement dans sa liste « à faire ».",
                        title="Signalement envoyé")  # fmt: skip
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


# -- the form -------------------------------------------------------------------------------------
# The fields the form edits, as the domain names them.
FORM_FIELDS = (
    "nom", "description", "structure_id", "thematiques_locales", "mots_cles", "publics",
    "publics_precisions", "adresse", "complement_adresse", "commune", "code_insee",
    "code_postal", "telephone", "courriel", "horaires_accueil", "contact_nom_prenom",
    "conditions_acces", "frais", "frais_precisions", "modes_mobilisation",
    "mobilisation_precisions", "lien_mobilisation", "date_revue", "partenaire",
)  # fmt: skip
# Fields compared as sets (the order of ticked boxes says nothing).
UNORDERED = {"thematiques_locales", "publics", "modes_mobilisation"}
# Where an error about a field is shown, when not under the field itself.
ERROR_SLOT = {"code_insee": "commune", "latitude": "commune", "longitude": "commune"}
# Tab order of the error slots (the first one in error gets the focus on save).
ERROR_ORDER = (
    "nom", "description", "structure_id", "thematiques_locales", "mots_cles", "publics",
    "publics_precisions", "partenaire", "adresse", "complement_adresse", "commune",
    "code_postal", "telephone", "courriel", "horaires_accueil", "contact_nom_prenom",
    "conditions_acces", "frais", "frais_precisions", "modes_mobilisation",
    "mobilisation_precisions", "lien_mobilisation", "date_revue",
)  # fmt: skip


def _norm(name: str, value):
    """Values as compared to tell whether something changed: blanks are all « empty »."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (list, tuple)):
        items = [str(v).strip() for v in value if str(v).strip()]
        if not items:
            return None
        return sorted(items) if name in UNORDERED else items
    return value


class RessourceFormScreen(ModalScreen[str | None]):
    """Create or edit an entry: every data·inclusion field a person needs, checked as typed.

    ``ctrl+s`` saves (the domain's ``creer`` or ``modifier``), ``escape`` leaves — after a
    question when something changed. Dismisses with the saved id (None when nothing was)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Enregistrer", priority=True),
        Binding("escape", "leave", "Quitter"),
    ]

    def __init__(self, service_id: str | None = None) -> None:
        super().__init__()
        self.service_id = service_id
        self.new = service_id is None
        self.original: dict = {}
        self.version = 0
        self.commune: Commune | None = None
        self.tried = False
        self.errors: dict[str, str] = {}
        self._ready = False
        self._widgets: dict[str, Widget] | None = None
        self._said: dict[str | None, str] = {}
        self._commune_text = ""
        self._date_text = ""
        profil = self.app.profil
        if self.new:
            self.original = {"partenaire": profil.partenaire if profil else None}
        else:
            self.original = E.lire(self.app.db, service_id)
            self.version = self.original["version"]
        self.admin = profil is not None and profil.role == "administrateur"
        self.structures = E.structures(self.app.db)
        self.structure_ids = {s[0] for s in self.structures}

    # -- widgets by id (looked up once: the form checks itself at each keystroke) --------------
    def find(self, selector: str) -> Widget | None:
        if self._widgets is None:
            self._widgets = {f"#{w.id}": w for w in self.query("*") if w.id}
        return self._widgets.get(selector)

    def w(self, selector: str) -> Any:
        widget = self.find(selector)
        if widget is None:
            raise KeyError(selector)
        return widget

    # -- layout -------------------------------------------------------------------------------
    def _allowed_thematiques(self) -> list[tuple[str, str]]:
        items = self.app.engine.thematiques.items
        profil = self.app.profil
        if profil is not None and profil.role != "administrateur":
            owner = E.partenaire(self.app.db, profil.partenaire)
            allowed = set(owner.thematiques) if owner else set()
            current = set(self.original.get("thematiques_locales") or [])
            items = [t for t in items if t.slug in allowed or t.slug in current]
        return [(t.label, t.slug) for t in items]

    def _title(self) -> str:
        if self.new:
            return "Nouvelle fiche"
        return f"Modifier la fiche : {self.original['nom']}"

    def compose(self) -> ComposeResult:
        def label(text: str, required: bool = False) -> Label:
            return Label(text + (" *" if required else ""), classes="ed-label")

        def error(name: str) -> Static:
            return Static("", id=f"err-{name}", classes="ed-error", markup=False)

        owner = owner_name(self.app, self.original) if self.original.get("partenaire") else ""
        with Vertical(id="ed-form"):
            yield Label(self._title(), id="ed-title", markup=False)
            subtitle = "Les champs marqués * sont obligatoires."
            if owner and not self.admin:
                subtitle = f"Fiche tenue par {owner}. " + subtitle
            yield Static(subtitle, id="ed-subtitle", markup=False)
            with VerticalScroll(id="ed-body"), Horizontal(classes="ed-row"):
                with Vertical(classes="ed-col"):
                    yield Label("Le service", classes="ed-section")
                    yield label("Nom", True)
                    yield Input(id="f-nom", placeholder="ex. Permanence budget du jeudi")
                    yield error("nom")
                    yield label("Description", True)
                    yield TextArea(
                        id="f-description",
                        soft_wrap=True,
                        tab_behavior="focus",
                        placeholder="Ce que c'est, pour qui, comment ça se passe",
                    )
                    yield error("description")
                    yield label("Structure", True)
                    options = [
                        (f"{nom} ({commune})" if commune else nom, ident)
                        for ident, nom, commune in self.structures
                    ]
                    yield Select(options, prompt="Choisir la structure", id="f-structure")
                    yield Input(id="f-structure_id", placeholder="ou son identifiant",
                                classes="ed-compact")  # fmt: skip
                    yield error("structure_id")
                    yield label("Thématiques", True)
                    yield SelectionList[str](
                        *self._allowed_thematiques(), id="f-thematiques_locales"
                    )
                    yield error("thematiques_locales")
                    yield label("Mots-clés")
                    yield Input(id="f-mots_cles", placeholder="séparés par des virgules")
                    yield error("mots_cles")
                    if self.admin:
                        yield label("Partenaire qui tient la fiche")
                        yield Select(
                            [(p.nom, p.slug) for p in E.partenaires(self.app.db)],
                            prompt="Choisir le partenaire",
                            id="f-partenaire",
                        )
                        yield error("partenaire")
                with Vertical(classes="ed-col"):
                    yield Label("Où et comment joindre", classes="ed-section")
                    yield label("Adresse")
                    yield Input(id="f-adresse", placeholder="ex. 12 rue de la Paix")
                    yield error("adresse")
                    yield label("Complément d'adresse")
                    yield Input(id="f-complement_adresse", placeholder="ex. 2e étage, bureau 4")
                    yield error("complement_adresse")
                    with Horizontal(classes="ed-pair"):
                        with Vertical(classes="ed-wide"):
                            yield label("Commune")
                            yield Input(id="f-commune", placeholder="ex. st antonin, 82200")
                        with Vertical(classes="ed-narrow"):
                            yield label("Code postal")
                            yield Input(id="f-code_postal", max_length=5)
                    yield Static("", id="commune-info", classes="ed-hint", markup=False)
                    yield error("commune")
                    yield error("code_postal")
                    yield label("Téléphone")
                    yield Input(id="f-telephone", placeholder="ex. 05 63 12 34 56")
                    yield error("telephone")
                    yield label("Courriel")
                    yield Input(id="f-courriel", placeholder="ex. accueil@exemple.fr")
                    yield error("courriel")
                    yield label("Horaires")
                    yield Input(id="f-horaires_accueil",
                                placeholder="ex. Mo-Fr 09:00-12:00; We 14:00-17:00")  # fmt: skip
                    yield Static("Format : Mo-Fr 09:00-12:00 (lundi Mo … dimanche Su)",
                                 id="horaires-info", classes="ed-hint", markup=False)  # fmt: skip
                    yield error("horaires_accueil")
                    yield label("Contact (nom et prénom)")
                    yield Input(id="f-contact_nom_prenom")
                    yield error("contact_nom_prenom")
                with Vertical(classes="ed-col"):
                    yield Label("Pour qui, à quelles conditions", classes="ed-section")
                    yield label("Publics")
                    yield SelectionList[str](
                        *[(text, key) for key, text in PUBLIC_LABELS.items()], id="f-publics"
                    )
                    yield error("publics")
                    yield Label("Précisions sur le public", classes="ed-sublabel")
                    yield Input(id="f-publics_precisions", placeholder="ex. de 16 à 25 ans")
                    yield error("publics_precisions")
                    yield label("Conditions d'accès, pièces à apporter")
                    yield Input(id="f-conditions_acces", placeholder="ex. sur rendez-vous")
                    yield error("conditions_acces")
                    yield label("Frais, et leurs précisions")
                    with Horizontal(classes="ed-pair"):
                        yield Select(
                            [("Gratuit", "gratuit"), ("Payant", "payant")],
                            prompt="Non précisé",
                            id="f-frais",
                            classes="ed-narrow",
                        )
                        yield Input(id="f-frais_precisions", placeholder="ex. 2 € le panier",
                                    classes="ed-wide")  # fmt: skip
                    yield error("frais")
                    yield error("frais_precisions")
                    yield label("Comment mobiliser")
                    yield SelectionList[str](
                        *[(text, key) for key, text in MOBILISATION_LABELS.items()],
                        id="f-modes_mobilisation",
                    )
                    yield error("modes_mobilisation")
                    yield Label("Précisions sur la mobilisation", classes="ed-sublabel")
                    yield Input(
                        id="f-mobilisation_precisions",
                        placeholder="ex. fiche de liaison par mail, réponse sous 15 jours",
                    )
                    yield error("mobilisation_precisions")
                    yield label("Lien (prise de rendez-vous, formulaire)")
                    yield Input(id="f-lien_mobilisation", placeholder="https://…")
                    yield error("lien_mobilisation")
                    yield label("Date de revue (JJ/MM/AAAA)")
                    yield Input(id="f-date_revue", max_length=10)
                    yield error("date_revue")
            yield Static("", id="ed-errors", classes="ed-error", markup=False)
            with Horizontal(id="ed-buttons"):
                yield Button("Enregistrer (ctrl+s)", id="ed-save", variant="primary")
                yield Button("Quitter (échap)", id="ed-cancel")
        yield Footer()

    def on_mount(self) -> None:
        # One line per box: the whole form fits on a laptop screen.
        for widget in self.query("#ed-body Input, #ed-body Select, #ed-body SelectionList, "
                                 "#ed-body TextArea"):  # fmt: skip
            widget.compact = True
        self.fill(self.original)
        self.w("#f-nom").focus()

    # -- values in and out ------------------------------------------------------------------
    def fill(self, record: dict) -> None:
        """Put *record* in the widgets (at start, and when taking the other version)."""
        self._ready = False
        self.w("#ed-title").update(self._title())

        def text(name: str, value: str | None) -> None:
            self.w(f"#f-{name}").value = value or ""

        for name in ("nom", "adresse", "complement_adresse", "code_postal", "telephone",
                     "courriel", "horaires_accueil", "contact_nom_prenom", "publics_precisions",
                     "conditions_acces", "frais_precisions", "mobilisation_precisions",
                     "lien_mobilisation", "structure_id"):  # fmt: skip
            text(name, record.get(name))
        self.w("#f-description").text = record.get("description") or ""
        text("mots_cles", ", ".join(record.get("mots_cles") or []))
        structure = self.w("#f-structure")
        if record.get("structure_id") in self.structure_ids:
            structure.value = record["structure_id"]
        else:
            structure.clear()
        for name in ("thematiques_locales", "publics", "modes_mobilisation"):
            selection = self.w(f"#f-{name}")
            selection.deselect_all()
            for value in record.get(name) or []:
                with contextlib.suppress(LookupError):  # a value not offered: left out
                    selection.select(value)
        frais = self.w("#f-frais")
        if record.get("frais") in ("gratuit", "payant"):
            frais.value = record["frais"]
        else:
            frais.clear()
        if self.admin:
            partner = self.w("#f-partenaire")
            if record.get("partenaire"):
                partner.value = record["partenaire"]
            else:
                partner.clear()
        gazetteer = self.app.engine.gazetteer
        self.commune = gazetteer.get(record["code_insee"]) if record.get("code_insee") else None
        self._commune_text = record.get("commune") or (self.commune.nom if self.commune else "")
        text("commune", self._commune_text)
        self._date_text = fr_date(record.get("date_revue")) if record.get("date_revue") else ""
        if self.new and not self._date_text:
            self._date_text = fr_date(self.app.clock())
        text("date_revue", self._date_text)
        self._show_commune(self._commune_text)
        self._show_horaires()
        self.call_after_refresh(self._settle)

    def _settle(self) -> None:
        for box in self.query("#ed-body Input").results(Input):
            box.cursor_position = 0  # the start of a long value, not its end
            box.scroll_to(x=0, animate=False)
        self._ready = True
        self.check()

    def values(self) -> tuple[dict, dict[str, str]]:
        """The form as a record (the domain's field names), and the errors found before
        the domain is asked (a commune not found, a date not in the calendar)."""
        errors: dict[str, str] = {}

        def text(name: str) -> str | None:
            return self.w(f"#f-{name}").value.strip() or None

        record: dict = {}
        for name in ("nom", "adresse", "complement_adresse", "code_postal", "telephone",
                     "courriel", "horaires_accueil", "contact_nom_prenom", "publics_precisions",
                     "conditions_acces", "frais_precisions", "mobilisation_precisions",
                     "lien_mobilisation"):  # fmt: skip
            record[name] = text(name)
        record["description"] = self.w("#f-description").text.strip() or None
        mots = self.w("#f-mots_cles").value
        record["mots_cles"] = [m.strip() for m in mots.split(",") if m.strip()]
        for name in ("thematiques_locales", "publics", "modes_mobilisation"):
            selection = self.w(f"#f-{name}")
            chosen = set(selection.selected)
            order = [selection.get_option_at_index(i).value
                     for i in range(selection.option_count)]  # fmt: skip
            record[name] = [v for v in order if v in chosen]
        frais = self.w("#f-frais").value
        record["frais"] = None if frais is Select.NULL else frais
        if self.admin:
            partner = self.w("#f-partenaire").value
            record["partenaire"] = None if partner is Select.NULL else partner
        else:
            record["partenaire"] = self.original.get("partenaire")
        # Structure: the identifier box says it (the list fills it).
        structure_id = text("structure_id")
        record["structure_id"] = structure_id
        if structure_id and structure_id not in self.structure_ids:
            errors["structure_id"] = (
                f"structure inconnue « {structure_id} » : choisissez-la dans la liste"
            )
        # Commune: what the gazetteer found; the stored one while the box is untouched.
        typed = self.w("#f-commune").value.strip()
        if typed == (self._commune_text or "").strip():
            for name in ("commune", "code_insee", "latitude", "longitude"):
                record[name] = self.original.get(name)
        elif not typed:
            record.update(commune=None, code_insee=None, latitude=None, longitude=None)
        elif self.commune is None:
            errors["commune"] = self._commune_problem(typed)
            record.update(commune=self.original.get("commune"),
                          code_insee=self.original.get("code_insee"))  # fmt: skip
        else:
            record.update(commune=self.commune.nom, code_insee=self.commune.code_insee)
            if self.commune.code_insee != self.original.get("code_insee"):
                # The point of the old address no longer says where the service is.
                record.update(latitude=None, longitude=None)
            else:
                record.update(latitude=self.original.get("latitude"),
                              longitude=self.original.get("longitude"))  # fmt: skip
        # Date de revue: JJ/MM/AAAA on screen, ISO in the base.
        typed_date = self.w("#f-date_revue").value.strip()
        if typed_date == self._date_text and not self.new:
            record["date_revue"] = self.original.get("date_revue")
        elif not typed_date:
            record["date_revue"] = None
        else:
            try:
                record["date_revue"] = parse_fr_date(typed_date).isoformat()
            except DateInvalide as exc:
                errors["date_revue"] = str(exc)
                record["date_revue"] = self.original.get("date_revue")
        return record, errors

    def changes(self) -> dict:
        """What differs from the entry as it was opened (only these are sent)."""
        record, _ = self.values()
        changed = {}
        for name, value in record.items():
            if _norm(name, value) != _norm(name, self.original.get(name)):
                changed[name] = value
        return changed

    def dirty(self) -> bool:
        return bool(self.changes())

    def has_unsaved_work(self) -> bool:
        """Asked by the app before it quits (ctrl+q)."""
        return self.dirty()

    # -- checking -----------------------------------------------------------------------------
    def _record_to_check(self, record: dict) -> dict:
        full = {**self.original, **record}
        if self.new:
            today = self.app.clock().isoformat()
            full.setdefault("id", "binome--nouvelle-fiche")
            full["date_maj"] = today
            full.setdefault("source", "binome")
        return full

    def check(self, *, everything: bool = False) -> dict[str, str]:
        """Ask the domain, and show each message under its field. Until the first save,
        only the fields already changed say what is wrong (an empty new form is not an
        error yet); an existing entry shows its problems at once."""
        if everything:
            self.tried = True
        record, errors = self.values()
        typed = set(errors)  # what the form itself found: always about something typed
        try:
            E.valider(self.app.db, self._record_to_check(record),
                      gazetteer=self.app.engine.gazetteer)  # fmt: skip
        except E.Invalide as exc:
            for name, message in exc.errors.items():
                errors.setdefault(name, message)
        self.errors = errors
        changed = set(self.changes())
        if "commune" in changed:
            changed |= {"code_insee", "latitude", "longitude"}
        show_all = self.tried or not self.new
        slots: dict[str, list[str]] = {}
        others = []
        for name, message in errors.items():
            if not show_all and name not in changed and name not in typed:
                continue
            slot = ERROR_SLOT.get(name, name)
            if slot in ERROR_ORDER:
                slots.setdefault(slot, []).append(
                    message if slot == name else f"{field_label(name)} : {message}"
                )
            else:
                others.append(f"{field_label(name)} : {message}")
        for slot in ERROR_ORDER:
            static = self.find(f"#err-{slot}")
            if static is None:
                continue
            messages = slots.get(slot, [])
            self._say(static, "\n".join(f"⚠ {m[:1].upper()}{m[1:]}" for m in messages))
        self._say(self.w("#ed-errors"), "\n".join(f"⚠ {m}" for m in others))
        return errors

    def _say(self, static: Static, message: str) -> None:
        """Show *message* under a field (hidden when empty); nothing redrawn if unchanged."""
        if self._said.get(static.id) != message:
            self._said[static.id] = message
            static.update(message)
            static.display = bool(message)

    # -- live feedback ----------------------------------------------------------------------
    def _commune_problem(self, typed: str) -> str:
        try:
            self.app.engine.gazetteer.resolve(typed)
        except BinomeError as exc:
            return str(exc)
        return f"commune à préciser : « {typed} »"

    def _show_commune(self, typed: str) -> None:
        info = self.w("#commune-info")
        typed = typed.strip()
        if not typed:
            self.commune = None
            info.update("Tapez le nom (sans accent, « st » pour saint) ou le code postal.")
            return
        found = self.app.engine.gazetteer.lookup(typed)
        if found.unique:
            self.commune = found.unique
            c = found.unique
            info.update(f"✓ {c.nom} — code postal {', '.join(c.codes_postaux)}, "
                        f"INSEE {c.code_insee}")  # fmt: skip
        else:
            self.commune = None
            info.update("")

    def _show_horaires(self) -> None:
        value = self.w("#f-horaires_accueil").value.strip()
        info = self.w("#horaires-info")
        readable = humanize(value)
        if value and readable != value:
            info.update(f"Lu : {readable}")
        else:
            info.update("Format : Mo-Fr 09:00-12:00 (lundi Mo … dimanche Su)")

    @on(Input.Changed, "#f-commune")
    def commune_changed(self, event: Input.Changed) -> None:
        self._show_commune(event.value)
        if self._ready and self.commune is not None:
            postal = self.w("#f-code_postal")
            if postal.value.strip() not in self.commune.codes_postaux:
                postal.value = self.commune.code_postal

    @on(Input.Changed, "#f-horaires_accueil")
    def horaires_changed(self) -> None:
        self._show_horaires()

    @on(Select.Changed, "#f-structure")
    def structure_chosen(self, event: Select.Changed) -> None:
        box = self.w("#f-structure_id")
        if event.value is not Select.NULL and box.value.strip() != event.value:
            box.value = str(event.value)

    @on(Input.Changed, "#f-structure_id")
    def structure_typed(self, event: Input.Changed) -> None:
        select = self.w("#f-structure")
        typed = event.value.strip()
        if typed in self.structure_ids:
            if select.value != typed:
                select.value = typed
        elif select.value is not Select.NULL:
            select.clear()

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def something_changed(self) -> None:
        if self._ready:
            self.check()

    # -- saving and leaving -------------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ed-save":
            self.action_save()
        elif event.button.id == "ed-cancel":
            self.action_leave()

    def _focus_first_error(self) -> None:
        for slot in ERROR_ORDER:
            error = self.find(f"#err-{slot}")
            if error is not None and error.display:
                target = self.find(f"#f-{slot}")
                if target is not None:
                    target.focus()
                    return

    def action_save(self) -> None:
        errors = self.check(everything=True)
        if errors:
            count = len(errors)
            self.notify(
                f"{count} champ{'s' if count > 1 else ''} à corriger (en rouge) : la fiche "
                "n'est pas enregistrée.",
                title="Fiche non enregistrée",
                severity="error",
            )
            self._focus_first_error()
            return
        app = self.app
        try:
            if self.new:
                record, _ = self.values()
                saved = E.creer(app.db, app.profil, record, now=maintenant(app))
                app.notify(f"« {record['nom']} » est dans la base.", title="Fiche créée")
                self.dismiss(saved)
                return
            changes = self.changes()
            if not changes:
                app.notify("Aucune modification à enregistrer.")
                self.dismiss(None)
                return
            E.modifier(app.db, app.profil, self.service_id, changes, version=self.version,
                       now=maintenant(app))  # fmt: skip
        except E.Conflit as conflit:
            app.push_screen(ConflitScreen(conflit, self.version, self.original),
                            self._conflict_resolved)  # fmt: skip
            return
        except E.Invalide as exc:
            self.errors = exc.errors
            self.check(everything=True)
            self.notify(str(exc), title="Fiche non enregistrée", severity="error")
            return
        except BinomeError as exc:
            self.notify(str(exc), title="Fiche non enregistrée", severity="error", timeout=10)
            return
        except sqlite3.Error as exc:
            self.notify(describe_sqlite_error(database_path(app.db), exc),
                        title="Fiche non enregistrée", severity="error", timeout=10)  # fmt: skip
            return
        names = ", ".join(field_label(n).lower() for n in changes if n in FIELD_LABELS)
        app.notify(f"Modifié : {names}.", title="Fiche enregistrée")
        self.dismiss(self.service_id)

    def _conflict_resolved(self, choice: str | None) -> None:
        if choice is None:
            return
        current = E.lire(self.app.db, self.service_id)
        if choice == "mine":
            # Save again, on the version now current: what they changed and I did not stays.
            self.version = current["version"]
            self.action_save()
        else:
            self.original = current
            self.version = current["version"]
            self.tried = False
            self.fill(current)
            self.notify("Vous voyez la fiche telle qu'elle vient d'être enregistrée ; vos "
                        "modifications sont abandonnées.", title="Version reprise")  # fmt: skip

    def action_leave(self) -> None:
        leave_unless_changed(
            self, self.dirty(), "Vos modifications de cette fiche seront perdues.",
            yes="Quitter sans enregistrer",
        )  # fmt: skip


# -- conflict ---------------------------------------------------------------------------------
class ConflitScreen(ModalScreen[str | None]):
    """Someone saved the entry since the form was opened: both versions, side by side."""

    BINDINGS = [
        Binding("m", "choose('mine')", "Garder ma version"),
        Binding("l", "choose('theirs')", "Reprendre la leur"),
        Binding("escape", "choose(None)", "Revenir au formulaire"),
    ]

    def __init__(self, conflit: E.Conflit, opened_version: int, opened: dict) -> None:
        super().__init__()
        self.conflit = conflit
        self.opened_version = opened_version
        # Side by side: the fields both sides changed. The domain cannot always tell what
        # they changed (an entry never edited here has no recorded first version); what
        # the form opened can.
        theirs = conflit.theirs
        both = [n for n in conflit.fields if n in meaningful({n: [opened.get(n), theirs.get(n)]})
                and _norm(n, theirs.get(n)) != _norm(n, opened.get(n))]  # fmt: skip
        self.fields = both or list(conflit.fields)
        self.only_mine = [name for name in conflit.fields if name not in self.fields]

    def _who(self) -> str:
        later = [v for v in E.historique(self.app.db, self.conflit.theirs["id"])
                 if v.version > self.opened_version]  # fmt: skip
        if not later:
            return "Quelqu'un d'autre a enregistré cette fiche après que vous l'avez ouverte."
        last = later[-1]
        return (f"{author_name(self.app, last.auteur)} a enregistré cette fiche le "
                f"{fr_datetime(last.date)}, après que vous l'avez ouverte.")  # fmt: skip

    def compose(self) -> ComposeResult:
        c = self.conflit
        with Vertical(classes="dialog", id="conflict-dialog"):
            yield Label("Fiche modifiée entre-temps", classes="dialog-title")
            yield Static(
                self._who() + "\nRien n'a été écrasé. Pour les champs ci-dessous, choisissez "
                "la version à garder.",
                classes="dialog-body",
                markup=False,
            )
            with VerticalScroll(id="conflict-scroll"), Grid(id="conflict-grid"):
                yield Label("Champ", classes="conflict-head")
                yield Label("Leur version (enregistrée)", classes="conflict-head")
                yield Label("Votre version", classes="conflict-head")
                for name in self.fields:
                    yield Static(field_label(name), classes="conflict-field", markup=False)
                    yield Static(show_value(self.app, name, c.theirs.get(name)),
                                 classes="conflict-theirs", markup=False)  # fmt: skip
                    yield Static(show_value(self.app, name, c.mine.get(name)),
                                 classes="conflict-mine", markup=False)  # fmt: skip
            if self.only_mine:
                yield Static(
                    "Vos autres changements ("
                    + ", ".join(map(field_label, self.only_mine))
                    + ") ne touchent pas à ce qu'ils ont modifié.",
                    classes="dialog-hint",
                    markup=False,
                )
            yield Static(
                "Garder ma version : vos changements sont enregistrés par-dessus (ce qu'ils ont "
                "changé ailleurs est gardé). Reprendre la leur : le formulaire montre leur "
                "version, vos changements sont abandonnés.",
                classes="dialog-hint",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Garder ma version (m)", id="mine", variant="primary")
                yield Button("Reprendre la leur (l)", id="theirs")
                yield Button("Revenir (échap)", id="back")

    def on_mount(self) -> None:
        self.query_one("#theirs", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss({"mine": "mine", "theirs": "theirs"}.get(event.button.id or ""))

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)


# -- history ----------------------------------------------------------------------------------
class HistoriqueScreen(ModalScreen[bool]):
    """Every version of an entry (who, when, what changed); restore one in one action.

    Dismisses with True when something was restored (the caller refreshes)."""

    BINDINGS = [
        Binding("escape", "close", "Fermer"),
        Binding("r", "restore", "Restaurer cette version"),
    ]

    def __init__(self, service_id: str) -> None:
        super().__init__()
        self.service_id = service_id
        self.versions: list[E.Version] = []
        self.record: dict = {}
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="history-dialog"):
            yield Label("Historique", id="history-title", markup=False)
            yield Static("", id="history-summary", markup=False)
            yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="history-detail-scroll"):
                yield Static("", id="history-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#history-table", DataTable)
        table.add_column("Version", key="version", width=7)
        table.add_column("Date", key="date", width=18)
        table.add_column("Par", key="auteur", width=24)
        table.add_column("Action", key="action", width=28)
        table.add_column("Champs modifiés", key="champs")
        self.reload()
        table.focus()

    def reload(self) -> None:
        app = self.app
        self.record = E.lire(app.db, self.service_id)
        self.versions = E.historique(app.db, self.service_id)
        self.query_one("#history-title", Label).update(f"Historique : {self.record['nom']}")
        state = "archivée" if self.record.get("archive") else "en ligne"
        summary = (f"Version actuelle : {self.record['version']} · {state} · tenue par "
                   f"{owner_name(app, self.record)}")  # fmt: skip
        if not self.versions:
            summary += ("\nAucun changement enregistré dans Binôme depuis son import : la "
                        "fiche est à sa version d'origine.")  # fmt: skip
        elif self.versions[0].version > 1:
            summary += (f"\nLes versions avant la {self.versions[0].version} (import) ne sont "
                        "pas enregistrées : elles ne peuvent pas être restaurées.")  # fmt: skip
        self.query_one("#history-summary", Static).update(summary)
        table = self.query_one("#history-table", DataTable)
        table.clear()
        for index, v in reversed(list(enumerate(self.versions))):
            fields = ", ".join(field_label(n) for n in meaningful(v.changements)) or "—"
            if v.action == "creation":
                fields = "(fiche créée)"
            table.add_row(
                str(v.version), fr_datetime(v.date), author_name(app, v.auteur),
                action_label(v.action), fields, key=str(index),
            )  # fmt: skip
        if self.versions:
            table.move_cursor(row=0)
            self._show(len(self.versions) - 1)
        else:
            self.query_one("#history-detail", Static).update("")
        self.refresh_bindings()

    def highlighted(self) -> int | None:
        table = self.query_one("#history-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return int(key) if key is not None else None

    @on(DataTable.RowHighlighted, "#history-table")
    def row_highlighted(self) -> None:
        # The row under the cursor now: an event posted before a reload may name another.
        index = self.highlighted()
        if index is not None:
            self._show(index)
            self.refresh_bindings()

    def _show(self, index: int) -> None:
        v = self.versions[index]
        app = self.app
        text = Text()
        text.append(f"Version {v.version} — {action_label(v.action)}\n", style="bold")
        text.append(f"Le {fr_datetime(v.date)}, par {author_name(app, v.auteur)}\n\n")
        for name, pair in meaningful(v.changements).items():
            old, new = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
            text.append(f"{field_label(name)} : ", style="bold")
            if v.action == "creation":
                text.append(show_value(app, name, new) + "\n")
                continue
            text.append(show_value(app, name, old), style="strike")
            text.append(" → ")
            text.append(show_value(app, name, new) + "\n")
        if v.version == self.record["version"]:
            text.append("\nC'est la version actuelle.", style="italic")
        elif peut_modifier(app, self.record):
            text.append("\nr", style="bold")
            text.append(" : revenir à l'état de la fiche après cette version.")
        self.query_one("#history-detail", Static).update(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            index = self.highlighted() if self.is_mounted else None
            if index is None or not peut_modifier(self.app, self.record):
                return False
            return self.versions[index].version != self.record["version"] or None
        return True

    def action_restore(self) -> None:
        index = self.highlighted()
        if index is None:
            return
        v = self.versions[index]
        if v.version == self.record["version"]:
            self.notify("C'est déjà la version actuelle.")
            return
        app = self.app

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                new = E.restaurer(app.db, app.profil, self.service_id, v.version,
                                  now=maintenant(app))  # fmt: skip
            except BinomeError as exc:
                app.notify(str(exc), title="Restauration refusée", severity="error")
                return
            self.changed = True
            changed(app)
            self.reload()
            app.notify(f"La fiche a repris son état de la version {v.version} (elle est "
                       f"maintenant en version {new}).", title="Version restaurée")  # fmt: skip

        app.push_screen(
            ConfirmScreen(
                f"Restaurer la version {v.version} ?",
                f"La fiche reprend son état après la version {v.version} "
                f"({fr_datetime(v.date)}, {author_name(app, v.auteur)}).\n"
                "La restauration est enregistrée comme une nouvelle version : rien n'est perdu.",
                yes="Restaurer",
            ),
            answered,
        )

    def action_close(self) -> None:
        self.dismiss(self.changed)
