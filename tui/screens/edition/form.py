"""The form of an entry: create or edit every data·inclusion field a person needs."""

from __future__ import annotations

import contextlib
import sqlite3
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import (
    Button,
    Footer,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from ressources import edition
from ressources.db import database_path, describe_sqlite_error
from ressources.errors import BinomeError, InvalidValue
from ressources.gazetteer import Commune
from ressources.horaires import EXAMPLE, for_input, from_french, humanize
from ressources.models import MOBILISATION_LABELS, PUBLIC_LABELS
from ressources.record import DATE, FIELDS, LOCAL_RECORD, NUMBER, SLUGS, WORDS
from tui import busy, keys
from tui.base import BinomeModal
from tui.screens.common import fr_date, parse_fr_date
from tui.screens.dialogs.confirm import leave_unless_changed
from tui.screens.edition.common import (
    FIELD_LABELS,
    author_name,
    comparable,
    field_label,
    now_of,
    owner_name,
)
from tui.screens.edition.conflict import ConflictScreen
from tui.widgets.commune import CommuneChoices, CommuneInput, ambiguity
from tui.widgets.plain import plain_options

# The hint under the hours: they are typed in French, stored in the national format.
HORAIRES_AIDE = f"En français, par exemple « {EXAMPLE} », ou au format national (Mo-Fr 09:00-12:00)"

# The fields laid out by hand below, as the domain names them.
LAID_OUT = (
    "nom",
    "description",
    "structure_id",
    "thematiques_locales",
    "mots_cles",
    "publics",
    "publics_precisions",
    "adresse",
    "complement_adresse",
    "commune",
    "code_insee",
    "code_postal",
    "telephone",
    "courriel",
    "horaires_accueil",
    "contact_nom_prenom",
    "conditions_acces",
    "frais",
    "frais_precisions",
    "modes_mobilisation",
    "mobilisation_precisions",
    "lien_mobilisation",
    "date_revue",
    "partenaire",
)
# Binôme's fields of the record's table not laid out by hand (one added to the table): a
# box each at the end of the form, read and written by their kind.
EXTRA_FIELDS = tuple(f.name for f in LOCAL_RECORD if f.name not in LAID_OUT)
# Every field the form edits.
FORM_FIELDS = LAID_OUT + EXTRA_FIELDS
# Where an error about a field is shown, when not under the field itself.
ERROR_SLOT = {"code_insee": "commune", "latitude": "commune", "longitude": "commune"}
# Tab order of the error slots (the first one in error gets the focus on save).
ERROR_ORDER = (
    "nom",
    "description",
    "structure_id",
    "thematiques_locales",
    "mots_cles",
    "publics",
    "publics_precisions",
    "partenaire",
    "adresse",
    "complement_adresse",
    "commune",
    "code_postal",
    "telephone",
    "courriel",
    "horaires_accueil",
    "contact_nom_prenom",
    "conditions_acces",
    "frais",
    "frais_precisions",
    "modes_mobilisation",
    "mobilisation_precisions",
    "lien_mobilisation",
    "date_revue",
    *EXTRA_FIELDS,
)


def _as_text(name: str, value: object) -> str:
    """A value of a field not laid out by hand, as its box shows it."""
    if value is None:
        return ""
    kind = FIELDS[name].kind
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if kind == DATE:
        return fr_date(str(value))
    return str(value)


def _from_text(name: str, typed: str) -> object:
    """What a box of a field not laid out by hand holds, as the record does (ValueError,
    in French, for a date not in the calendar)."""
    typed = typed.strip()
    f = FIELDS[name]
    if f.is_list:
        return [v.strip() for v in typed.split(",") if v.strip()]
    if not typed:
        return None
    if f.kind == DATE:
        try:
            return parse_fr_date(typed).isoformat()
        except InvalidValue as exc:
            raise ValueError(str(exc)) from None
    if f.kind == NUMBER:
        try:
            return float(typed.replace(",", "."))
        except ValueError:
            raise ValueError(f"nombre attendu, pas « {typed} »") from None
    return typed


# The record's fields typed in a text input of the form (#f-NAME), read and written alike.
TEXT_INPUTS = (
    "nom",
    "adresse",
    "complement_adresse",
    "code_postal",
    "telephone",
    "courriel",
    "horaires_accueil",
    "contact_nom_prenom",
    "publics_precisions",
    "conditions_acces",
    "frais_precisions",
    "mobilisation_precisions",
    "lien_mobilisation",
)


class ResourceFormScreen(BinomeModal[str | None]):
    """Create or edit an entry: every data·inclusion field a person needs, checked as typed.

    ``ctrl+s`` saves (the domain's ``create_service`` or ``update_service``), ``escape``
    leaves — after a question when something changed. Dismisses with the saved id (None when
    nothing was)."""

    # Under 110 columns the three columns of fields become one, read top to bottom (app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    KEYS = "edition"
    BINDINGS = keys.bindings("edition")

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
        if service_id is None:
            self.original = {"partenaire": profil.partenaire if profil else None}
        else:
            self.original = edition.read_service(self.app.db, service_id)
            self.version = self.original["version"]
        self.admin = profil is not None and profil.role == "administrateur"
        self.structures = edition.structures(self.app.db)
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
            owner = edition.partenaire(self.app.db, profil.partenaire)
            allowed = set(owner.thematiques) if owner else set()
            current = set(self.original.get("thematiques_locales") or [])
            items = [t for t in items if t.slug in allowed or t.slug in current]
        return [(t.label, t.slug) for t in items]

    def _reports_text(self) -> Text | None:
        if self.new or not self.service_id:
            return None
        reports = edition.open_reports(self.app.db, self.service_id)
        if not reports:
            return None
        text = Text()
        for report in reports:
            if text:
                text.append("\n")
            who = author_name(self.app, report["auteur"])
            text.append(
                f"⚠ Erreur signalée le {fr_date(report['date'][:10])} par {who} : ", style="bold"
            )
            text.append(report["commentaire"])
        return text

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
            # What colleagues reported wrong, in full, above the fields to correct.
            reports = self._reports_text()
            if reports is not None:
                yield Static(reports, id="ed-reports")
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
                    options = plain_options(
                        [
                            (f"{nom} ({commune})" if commune else nom, ident)
                            for ident, nom, commune in self.structures
                        ]
                    )
                    yield Select(options, prompt="Choisir la structure", id="f-structure")
                    yield Input(
                        id="f-structure_id", placeholder="ou son identifiant", classes="ed-compact"
                    )
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
                            plain_options(
                                [(p.nom, p.slug) for p in edition.partenaires(self.app.db)]
                            ),
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
                            yield CommuneInput(id="f-commune", placeholder="ex. st antonin, 82200")
                        with Vertical(classes="ed-narrow"):
                            yield label("Code postal")
                            yield Input(id="f-code_postal", max_length=5)
                    yield Static("", id="commune-info", classes="ed-hint", markup=False)
                    yield CommuneChoices("f-commune")
                    yield error("commune")
                    yield error("code_postal")
                    yield label("Téléphone")
                    yield Input(id="f-telephone", placeholder="ex. 05 63 12 34 56")
                    yield error("telephone")
                    yield label("Courriel")
                    yield Input(id="f-courriel", placeholder="ex. accueil@exemple.fr")
                    yield error("courriel")
                    yield label("Horaires")
                    # Typed in French, stored in the national format (ressources.horaires).
                    yield Input(
                        id="f-horaires_accueil", placeholder="ex. du lundi au vendredi 9h-12h"
                    )
                    yield Static(HORAIRES_AIDE, id="horaires-info", classes="ed-hint", markup=False)
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
                        yield Input(
                            id="f-frais_precisions",
                            placeholder="ex. 2 € le panier",
                            classes="ed-wide",
                        )
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
                    for name in EXTRA_FIELDS:
                        kind = FIELDS[name].kind
                        hint = {
                            DATE: " (JJ/MM/AAAA)",
                            WORDS: " (séparés par des virgules)",
                            SLUGS: " (séparés par des virgules)",
                        }.get(kind, "")
                        yield label(FIELDS[name].label + hint)
                        yield Input(id=f"f-{name}")
                        yield error(name)
            yield Static("", id="ed-errors", classes="ed-error", markup=False)
            with Horizontal(id="ed-buttons"):
                yield Button("Enregistrer (ctrl+s)", id="ed-save", variant="primary")
                yield Button("Fermer (échap)", id="ed-cancel")
        yield Footer()

    def on_mount(self) -> None:
        # One line per box: the whole form fits on a laptop screen.
        for widget in self.query(
            "#ed-body Input, #ed-body Select, #ed-body SelectionList, #ed-body TextArea"
        ):
            if isinstance(widget, (Input, Select, SelectionList, TextArea)):
                widget.compact = True
        # The identifier box is for an administrateur who knows the ids of an imported base;
        # to the others it only repeated, raw, the structure the list shows.
        self.w("#f-structure_id").display = self.admin
        self.fill(self.original)
        self.w("#f-nom").focus()

    # -- values in and out ------------------------------------------------------------------
    def fill(self, record: dict) -> None:
        """Put *record* in the widgets (at start, and when taking the other version)."""
        self._ready = False
        self.w("#ed-title").update(self._title())

        def text(name: str, value: str | None) -> None:
            self.w(f"#f-{name}").value = value or ""

        for name in (*TEXT_INPUTS, "structure_id"):
            text(name, record.get(name))
        # The hours shown in French to be changed; left as shown, the stored text is kept.
        stored = record.get("horaires_accueil") or ""
        self._horaires_shown = (for_input(stored), stored)
        text("horaires_accueil", self._horaires_shown[0])
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
        for name in EXTRA_FIELDS:
            text(name, _as_text(name, record.get(name)))
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
        for name in TEXT_INPUTS:
            record[name] = text(name)
        shown, stored = getattr(self, "_horaires_shown", ("", ""))
        typed_hours = record["horaires_accueil"] or ""
        if typed_hours == shown.strip():
            record["horaires_accueil"] = stored or None
        else:
            try:
                record["horaires_accueil"] = from_french(typed_hours) or None
            except InvalidValue as exc:
                errors["horaires_accueil"] = str(exc)
        record["description"] = self.w("#f-description").text.strip() or None
        mots = self.w("#f-mots_cles").value
        record["mots_cles"] = [m.strip() for m in mots.split(",") if m.strip()]
        for name in ("thematiques_locales", "publics", "modes_mobilisation"):
            selection = self.w(f"#f-{name}")
            chosen = set(selection.selected)
            order = [selection.get_option_at_index(i).value for i in range(selection.option_count)]
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
            record.update(
                commune=self.original.get("commune"), code_insee=self.original.get("code_insee")
            )
        else:
            record.update(commune=self.commune.nom, code_insee=self.commune.code_insee)
            if self.commune.code_insee != self.original.get("code_insee"):
                # The point of the old address no longer says where the service is.
                record.update(latitude=None, longitude=None)
            else:
                record.update(
                    latitude=self.original.get("latitude"), longitude=self.original.get("longitude")
                )
        # Date de revue: JJ/MM/AAAA on screen, ISO in the base.
        typed_date = self.w("#f-date_revue").value.strip()
        if typed_date == self._date_text and not self.new:
            record["date_revue"] = self.original.get("date_revue")
        elif not typed_date:
            record["date_revue"] = None
        else:
            try:
                record["date_revue"] = parse_fr_date(typed_date).isoformat()
            except InvalidValue as exc:
                errors["date_revue"] = str(exc)
                record["date_revue"] = self.original.get("date_revue")
        for name in EXTRA_FIELDS:
            try:
                record[name] = _from_text(name, self.w(f"#f-{name}").value)
            except ValueError as exc:
                errors[name] = str(exc)
                record[name] = self.original.get(name)
        return record, errors

    def changes(self) -> dict:
        """What differs from the entry as it was opened (only these are sent)."""
        record, _ = self.values()
        changed = {}
        for name, value in record.items():
            if comparable(name, value) != comparable(name, self.original.get(name)):
                changed[name] = value
        return changed

    def dirty(self) -> bool:
        changed = self.changes()
        if self.new and changed.get("date_revue") == self.app.clock().isoformat():
            del changed["date_revue"]  # the form's own default (today), nothing typed
        return bool(changed)

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
        error yet). An existing entry shows at once what it breaks of the local rules, as
        warnings (« À vérifier ») that do not stop saving: only the fields changed must
        follow them (``edition.validate_service``). Returns the errors (what stops a save)."""
        if everything:
            self.tried = True
        record, errors = self.values()
        typed = set(errors)  # what the form itself found: always about something typed
        changed = set(self.changes())
        if "commune" in changed:
            changed |= {"code_insee", "latitude", "longitude"}
        full = self._record_to_check(record)
        gazetteer = self.app.engine.gazetteer
        try:
            edition.validate_service(
                self.app.db, full, gazetteer=gazetteer, changed=None if self.new else changed
            )
        except edition.InvalidFields as exc:
            for name, message in exc.errors.items():
                errors.setdefault(name, message)
        self.errors = errors
        warnings = (
            {}
            if self.new
            else {
                name: message
                for name, message in edition.service_warnings(
                    self.app.db, full, gazetteer=gazetteer
                ).items()
                if name not in errors
            }
        )
        show_all = self.tried or not self.new
        slots: dict[str, list[str]] = {}
        warned: dict[str, list[str]] = {}
        others = []
        for kind, found in ((slots, errors), (warned, warnings)):
            for name, message in found.items():
                if not show_all and name not in changed and name not in typed:
                    continue
                slot = ERROR_SLOT.get(name, name)
                text = f"{message[:1].upper()}{message[1:]}"
                if slot in ERROR_ORDER:
                    kind.setdefault(slot, []).append(
                        text if slot == name else f"{field_label(name)} : {message}"
                    )
                else:
                    prefix = "⚠" if kind is slots else "⚠ À vérifier :"
                    others.append(f"{prefix} {field_label(name)} : {message}")
        for slot in ERROR_ORDER:
            static = self.find(f"#err-{slot}")
            if not isinstance(static, Static):
                continue
            lines = [f"⚠ {m}" for m in slots.get(slot, [])]
            lines += [f"⚠ À vérifier : {m}" for m in warned.get(slot, [])]
            static.set_class(slot in warned and slot not in slots, "ed-warning")
            self._say(static, "\n".join(lines))
        self._say(self.w("#ed-errors"), "\n".join(others))
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
        found = self.app.engine.gazetteer.lookup(typed)
        self.query_one(CommuneChoices).offer(found)
        if not typed:
            self.commune = None
            info.update("Tapez le nom (sans accent, « st » pour saint) ou le code postal.")
            return
        if found.unique:
            self.commune = found.unique
            c = found.unique
            info.update(
                f"✓ {c.nom} — code postal {', '.join(c.codes_postaux)}, INSEE {c.code_insee}"
            )
        elif found.communes:
            self.commune = None
            info.update(ambiguity(found))
        else:
            self.commune = None
            info.update("")

    def _show_horaires(self) -> None:
        """What the hours typed will be: read back in French, and the national format they
        are stored in; or why they cannot be read."""
        value = self.w("#f-horaires_accueil").value.strip()
        info = self.w("#horaires-info")
        if not value:
            info.update(HORAIRES_AIDE)
            return
        try:
            stored = from_french(value)
        except InvalidValue as exc:
            info.update(str(exc))
            return
        readable = humanize(stored)
        info.update(
            f"Compris : {readable} (enregistré : {stored})"
            if readable != stored
            else f"Enregistré tel quel : {stored}"
        )

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
            if error is not None and error.display and not error.has_class("ed-warning"):
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
            if self.service_id is None:
                record, _ = self.values()
                with busy.attempt(self):
                    saved = edition.create_service(app.db, app.actor(), record, now=now_of(app))
                app.notify(f"« {record['nom']} » est dans la base.", title="Fiche créée")
                self.dismiss(saved)
                return
            changes = self.changes()
            if not changes:
                app.notify("Aucune modification à enregistrer.")
                self.dismiss(None)
                return
            with busy.attempt(self):
                edition.update_service(
                    app.db,
                    app.actor(),
                    self.service_id,
                    changes,
                    version=self.version,
                    now=now_of(app),
                )
        except edition.EditConflict as conflit:
            app.push_screen(
                ConflictScreen(conflit, self.version, self.original), self._conflict_resolved
            )
            return
        except edition.InvalidFields as exc:
            self.errors = exc.errors
            self.check(everything=True)
            self.notify(str(exc), title="Fiche non enregistrée", severity="error")
            return
        except BinomeError as exc:
            if not busy.retry_later(self, exc, self.action_save):
                self.notify(str(exc), title="Fiche non enregistrée", severity="error", timeout=10)
            return
        except sqlite3.Error as exc:
            self.notify(
                describe_sqlite_error(database_path(app.db), exc),
                title="Fiche non enregistrée",
                severity="error",
                timeout=10,
            )
            return
        names = ", ".join(field_label(n).lower() for n in changes if n in FIELD_LABELS)
        app.notify(f"Modifié : {names}.", title="Fiche enregistrée")
        self.dismiss(self.service_id)

    def _conflict_resolved(self, choice: str | None) -> None:
        if choice is None or self.service_id is None:
            return
        current = edition.read_service(self.app.db, self.service_id)
        if choice == "mine":
            # Save again, on the version now current: what they changed and I did not stays.
            self.version = current["version"]
            self.action_save()
        else:
            self.original = current
            self.version = current["version"]
            self.tried = False
            self.fill(current)
            self.notify(
                "Vous voyez la fiche telle qu'elle vient d'être enregistrée ; vos "
                "modifications sont abandonnées.",
                title="Version reprise",
            )

    def action_leave(self) -> None:
        leave_unless_changed(
            self,
            self.dirty(),
            "Vos modifications de cette fiche seront perdues.",
            yes="Quitter sans enregistrer",
        )
