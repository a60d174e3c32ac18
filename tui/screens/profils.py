"""« Profils »: the administrateur manages who uses Binôme, in the app as with ``binome
profils``, ``profil-ajouter``, ``profil-mot-de-passe``, ``profil-desactiver`` and
``profil-reactiver`` (from the palette, « Profils : gérer »; served, an administrateur has no
shell).

The list shows every profile, the deactivated ones too; a letter typed in it goes to the
filter box. Every change goes through :mod:`caseload.acces`, which checks the right
(``PERMISSIONS["profils"]``) and says each refusal in French: this screen only shows it.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input, Label, Select, Static

from caseload import acces
from caseload.acces import ROLES, ROLES_SHORT, Profil
from ressources.errors import BinomeError
from ressources.text import counted, fold
from tui import keys
from tui.base import BinomeScreen
from tui.keys import FilteredList
from tui.screens.dialogs.confirm import ask
from tui.screens.dialogs.form import FormDialog
from tui.widgets.fitted_table import FittedTable
from tui.widgets.footer import AreaFooter
from tui.widgets.header import BinomeHeader
from tui.widgets.plain import plain_options


def attachment_key(profil: Profil) -> str | None:
    """Where the person belongs, as :func:`attachment_choices` names it: the site (else the
    MDS), the agence or the partner."""
    for kind, value in (
        ("site", profil.site_id),
        ("mds", profil.mds),
        ("agence", profil.agence),
        ("partenaire", profil.partenaire),
    ):
        if value:
            return f"{kind}:{value}"
    return None


def attachment_choices(db) -> list[tuple[str, str]]:
    """(label, « kind:value ») for every MDS, site, agence and partner of the base."""
    choices = [
        (f"MDS : {r['nom']}", f"mds:{r['slug']}")
        for r in db.query("SELECT slug, nom FROM mds ORDER BY position, nom")
    ]
    choices += [
        (f"Site : {r['nom']} ({r['mds_nom']})", f"site:{r['id']}")
        for r in db.query(
            "SELECT s.id, s.nom, m.nom AS mds_nom FROM sites s JOIN mds m ON m.slug = s.mds "
            "ORDER BY m.position, s.nom"
        )
    ]
    choices += [
        (f"Agence : {r['nom']}", f"agence:{r['slug']}")
        for r in db.query("SELECT slug, nom FROM agences ORDER BY nom")
    ]
    choices += [
        (f"Partenaire : {r['nom']}", f"partenaire:{r['slug']}")
        for r in db.query("SELECT slug, nom FROM partenaires ORDER BY nom")
    ]
    return choices


def attachment_fields(db, choice: str | None) -> dict[str, str | None]:
    """``create_profil``'s mds, site_id, agence and partenaire for a choice of
    :func:`attachment_choices` (a site brings its MDS)."""
    fields: dict[str, str | None] = {
        "mds": None,
        "site_id": None,
        "agence": None,
        "partenaire": None,
    }
    if not choice:
        return fields
    kind, _, value = choice.partition(":")
    if kind == "site":
        fields["site_id"] = value
        row = db.execute("SELECT mds FROM sites WHERE id = ?", [value]).fetchone()
        fields["mds"] = row[0] if row else None
    elif kind == "mds":
        fields["mds"] = value
    elif kind in ("agence", "partenaire"):
        fields[kind] = value
    return fields


class NewProfilScreen(FormDialog[Profil | None]):
    """A new person: identifiant, rôle, prénom, nom, rattachement; saved by the domain,
    whose refusal is shown in the dialog (the fields kept)."""

    KEYS = "profil_formulaire"
    BINDINGS = keys.bindings("profil_formulaire")
    DEFAULT_CSS = """
    NewProfilScreen #profil-new-dialog { height: auto; max-height: 100%; }
    NewProfilScreen #profil-new-fields { height: auto; max-height: 100%; }
    NewProfilScreen .profil-names { height: auto; }
    NewProfilScreen .profil-names Vertical { height: auto; width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="profil-new-dialog"):
            yield Label("Nouveau profil", classes="dialog-title")
            with VerticalScroll(id="profil-new-fields"):
                with Horizontal(classes="profil-names"):
                    with Vertical():
                        yield Label("Identifiant (sert à se connecter)", classes="field-label")
                        yield Input(placeholder="ex. cons-nord-07", id="profil-id", max_length=60)
                    with Vertical():
                        yield Label("Rôle", classes="field-label")
                        yield Select(
                            plain_options([(label, role) for role, label in ROLES.items()]),
                            prompt="Choisir le rôle",
                            id="profil-role",
                        )
                with Horizontal(classes="profil-names"):
                    with Vertical():
                        yield Label("Prénom", classes="field-label")
                        yield Input(id="profil-prenom", max_length=80)
                    with Vertical():
                        yield Label("Nom", classes="field-label")
                        yield Input(id="profil-nom", max_length=80)
                yield Label(
                    "Rattachement (ASS, responsable : MDS ou site ; partenaire : le sien)",
                    classes="field-label",
                )
                yield Select(
                    plain_options(attachment_choices(self.app.db)),
                    prompt="Aucun",
                    id="profil-rattachement",
                )
                yield Static("", id="profil-new-error", classes="dialog-error", markup=False)
            yield self.buttons(
                keys.with_key(self.app, "profil_formulaire.enregistrer", "Enregistrer")
            )

    def on_mount(self) -> None:
        self.query_one("#profil-id", Input).focus()

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def action_submit(self) -> None:
        role = self.query_one("#profil-role", Select).value
        error = self.query_one("#profil-new-error", Static)
        if role is Select.NULL:
            error.update("Choisissez le rôle.")
            self.query_one("#profil-role", Select).focus()
            return
        choice = self.query_one("#profil-rattachement", Select).value
        db = self.app.db
        where = attachment_fields(db, None if choice is Select.NULL else str(choice))
        try:
            profil = acces.create_profil(
                db,
                self.app.profil,
                id=self._value("#profil-id"),
                role=str(role),
                prenom=self._value("#profil-prenom"),
                nom=self._value("#profil-nom"),
                mds=where["mds"],
                site_id=where["site_id"],
                agence=where["agence"],
                partenaire=where["partenaire"],
                new=True,
            )
        except BinomeError as exc:
            error.update(str(exc))
            return
        self.dismiss(profil)


class PasswordScreen(FormDialog[bool | None]):
    """A new password for *profil*, typed twice; the domain's objection shown under it."""

    KEYS = "profil_formulaire"
    BINDINGS = keys.bindings("profil_formulaire")

    def __init__(self, profil: Profil) -> None:
        super().__init__()
        self.profil = profil

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="profil-password-dialog"):
            yield Label(f"Mot de passe de {self.profil.nom_complet}", classes="dialog-title")
            yield Static(
                f"Identifiant : {self.profil.id}. Au moins {acces.MIN_PASSWORD_LENGTH} "
                "caractères ; le compte est déverrouillé.",
                classes="dialog-body",
                markup=False,
            )
            yield Label("Nouveau mot de passe", classes="field-label")
            yield Input(password=True, id="profil-password", max_length=200)
            yield Static("", id="profil-password-error", classes="dialog-error", markup=False)
            yield Label("Le même, une seconde fois", classes="field-label")
            yield Input(password=True, id="profil-password-again", max_length=200)
            yield Static("", id="profil-again-error", classes="dialog-error", markup=False)
            yield self.buttons(
                keys.with_key(self.app, "profil_formulaire.enregistrer", "Enregistrer")
            )

    def on_mount(self) -> None:
        for error in self.query(".dialog-error"):
            error.display = False
        self.query_one("#profil-password", Input).focus()

    def _say(self, selector: str, text: str) -> None:
        error = self.query_one(selector, Static)
        error.update(text)
        error.display = bool(text)

    @on(Input.Submitted)
    def _password_submitted(self, event: Input.Submitted) -> None:
        # Entrée in the first box goes on to the second (which then saves): not the form's
        # own « entrée saves » (prevent_default stops FormDialog's handler).
        event.stop()
        event.prevent_default()
        if event.input.id == "profil-password":
            self.query_one("#profil-password-again", Input).focus()
        else:
            self.action_submit()

    def action_submit(self) -> None:
        first = self.query_one("#profil-password", Input)
        again = self.query_one("#profil-password-again", Input)
        problem = acces.password_problem(self.profil, first.value)
        self._say("#profil-password-error", f"Mot de passe refusé : {problem}." if problem else "")
        if problem:
            first.focus()
            self._say("#profil-again-error", "")
            return
        if again.value != first.value:
            self._say(
                "#profil-again-error",
                "Les deux mots de passe tapés diffèrent : tapez-le de nouveau.",
            )
            again.value = ""
            again.focus()
            return
        self._say("#profil-again-error", "")
        try:
            acces.set_password(self.app.db, self.app.profil, self.profil.id, first.value)
        except BinomeError as exc:
            self._say("#profil-password-error", str(exc))
            return
        self.dismiss(True)


class ProfilsScreen(FilteredList, BinomeScreen[None]):
    """Every profile of the base, for an administrateur: add, password, deactivate."""

    TITLE = "Binôme · Profils"
    DEFAULT_CSS = """
    ProfilsScreen #pr-top { height: 1; padding: 0 1; }
    ProfilsScreen #pr-filtre { width: 1fr; }
    ProfilsScreen #pr-summary { padding: 0 1; }
    ProfilsScreen #pr-table { height: 1fr; }
    """
    KEYS = "profils"
    BINDINGS = keys.bindings("profils")
    FILTER_BOX = "#pr-filtre"
    FILTERED_LIST = "#pr-table"
    EMPTY_LINE = "#pr-empty"

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, tuple[Profil, bool]] = {}
        # « site:montauban:mds » → « MDS (MDS de Montauban) »: the names, not the slugs.
        self.attachments: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield BinomeHeader()
        with Horizontal(id="pr-top"):
            yield Input(
                placeholder="Filtrer (/) : identifiant, rôle, nom, rattachement",
                id="pr-filtre",
                compact=True,
                max_length=100,
            )
        yield Static("", id="pr-summary", markup=False)
        yield FittedTable(id="pr-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="pr-empty", classes="empty", markup=False)
        yield AreaFooter()

    def on_mount(self) -> None:
        table = self.query_one("#pr-table", FittedTable)
        table.add_column("Identifiant", key="id", min_width=12)
        table.add_column("Rôle", key="role", min_width=10, priority=2)
        table.add_column("Nom", key="nom", min_width=14, grow=True)
        table.add_column("Rattachement", key="rattachement", min_width=12, priority=1, grow=True)
        table.add_column("Actif", key="actif")
        self.attachments = {
            value: label.partition(" : ")[2] for label, value in attachment_choices(self.app.db)
        }
        self.reload()
        table.focus()

    def _cells(self, profil: Profil, actif: bool) -> tuple[str, ...]:
        key = attachment_key(profil)
        return (
            profil.id,
            ROLES_SHORT.get(profil.role, profil.role),
            profil.nom_complet,
            self.attachments.get(key, key.partition(":")[2]) if key else "—",
            "oui" if actif else "non",
        )

    def reload(self) -> None:
        table = self.query_one("#pr-table", DataTable)
        row = table.cursor_row
        try:
            everyone = acces.profils_to_manage(self.app.db, self.app.profil)
        except BinomeError as exc:
            everyone = []
            self.notify(str(exc), title="Profils", severity="error")
        wanted = fold(self.filter_text())
        shown = [
            (p, actif)
            for p, actif in everyone
            if not wanted
            or any(wanted in fold(c) for c in (*self._cells(p, actif), ROLES.get(p.role, "")))
        ]
        self.rows = {p.id: (p, actif) for p, actif in shown}
        table.clear()
        for p, actif in shown:
            cells = [
                Text(c, no_wrap=True, overflow="ellipsis", end="", style="" if actif else "dim")
                for c in self._cells(p, actif)
            ]
            table.add_row(*cells, key=p.id)
        self.show_rows(
            row,
            f"Aucun profil ne correspond au filtre « {self.filter_text()} »."
            if wanted
            else "Aucun profil.",
        )
        active = sum(1 for _, actif in everyone if actif)
        summary = f"{counted(active, 'profil actif', 'profils actifs')}"
        if len(everyone) > active:
            summary += f", {counted(len(everyone) - active, 'désactivé', 'désactivés')}"
        if wanted:
            summary += f" — filtre « {self.filter_text()} » : {counted(len(shown), 'profil')}"
        self.query_one("#pr-summary", Static).update(summary + ".")
        self.refresh_bindings()

    @on(Input.Changed, "#pr-filtre")
    def filter_changed(self) -> None:
        self.query_one("#pr-table", DataTable).move_cursor(row=0)
        self.reload()

    @on(Input.Submitted, "#pr-filtre")
    def filter_submitted(self) -> None:
        table = self.query_one("#pr-table", DataTable)
        if table.display:
            table.focus()

    @on(DataTable.RowHighlighted, "#pr-table")
    def row_highlighted(self) -> None:
        self.refresh_bindings()

    def current(self) -> tuple[Profil, bool] | None:
        table = self.query_one("#pr-table", DataTable)
        if not table.row_count or not table.display:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return self.rows.get(key) if key else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("password", "deactivate", "reactivate"):
            found = self.current() if self.is_mounted else None
            # Reactivate takes f8 on a deactivated row, deactivate on an active one.
            return found is not None and found[1] == (action != "reactivate")
        return True

    def refusal(self, action: str) -> str | None:
        """Why a key of this screen does nothing now, in French."""
        if action in ("password", "deactivate", "reactivate"):
            found = self.current()
            if found is not None and not found[1]:
                return f"Le profil « {found[0].id} » est désactivé."
            if found is not None:
                return f"Le profil « {found[0].id} » est actif."
            return "Aucun profil n'est en surbrillance dans la liste."
        return None

    # -- actions ------------------------------------------------------------------------------
    def action_new(self) -> None:
        def saved(profil: Profil | None) -> None:
            if profil is None:
                return
            self.notify(
                f"Profil enregistré : {profil.libelle}. Donnez-lui un mot de passe "
                f"({keys.keys_text(self.app, keys.find('profils.mot_de_passe'))}) pour qu'il "
                "se connecte depuis un navigateur.",
                title="Nouveau profil",
            )
            self.query_one("#pr-filtre", Input).value = ""
            self.reload()
            table = self.query_one("#pr-table", DataTable)
            table.move_cursor(row=table.get_row_index(profil.id))
            table.focus()

        self.app.push_screen(NewProfilScreen(), saved)

    def action_password(self) -> None:
        found = self.current()
        if found is None:
            return

        def saved(done: bool | None) -> None:
            if done:
                self.notify(
                    f"Mot de passe enregistré pour « {found[0].id} ».", title="Mot de passe"
                )

        self.app.push_screen(PasswordScreen(found[0]), saved)

    def action_deactivate(self) -> None:
        found = self.current()
        if found is None:
            return
        profil = found[0]

        def deactivate() -> None:
            try:
                acces.deactivate_profil(self.app.db, self.app.profil, profil.id)
            except BinomeError as exc:
                self.notify(str(exc), title="Désactivation refusée", severity="error")
                return
            self.notify(f"Profil désactivé : {profil.libelle}.", title="Profils")
            self.reload()

        ask(
            self,
            "Désactiver ce profil ?",
            f"{profil.libelle} ne pourra plus utiliser Binôme ; son historique est gardé.",
            "Désactiver",
            deactivate,
        )

    def action_reactivate(self) -> None:
        found = self.current()
        if found is None:
            return
        profil = found[0]

        def reactivate() -> None:
            try:
                back = acces.reactivate_profil(self.app.db, self.app.profil, profil.id)
            except BinomeError as exc:
                self.notify(str(exc), title="Réactivation refusée", severity="error")
                return
            self.notify(f"Profil réactivé : {back.libelle}.", title="Profils")
            self.reload()
            table = self.query_one("#pr-table", DataTable)
            if back.id in self.rows:
                table.move_cursor(row=table.get_row_index(back.id))

        ask(
            self,
            "Réactiver ce profil ?",
            f"{profil.libelle} pourra de nouveau utiliser Binôme, avec ses droits et son mot "
            "de passe d'avant.",
            "Réactiver",
            reactivate,
        )

    def commands(self) -> Iterable[SystemCommand]:
        yield from keys.commands(self, "profils")
