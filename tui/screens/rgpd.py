"""The administrateur's RGPD screen: the journal of access, the access export of one person
(saved as a file, downloaded when served), limitation, erasure after confirmation, and the
purge of what is past its retention (preview, then confirmation).

Everything goes through :mod:`caseload.rgpd`, which checks the rights and journals each action.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, Static

from caseload import rgpd
from ressources.errors import BinomeError, describe_os_error
from ressources.text import counted
from tui import keys
from tui.base import BinomeScreen
from tui.files import save_document
from tui.screens.dialogs.confirm import ConfirmScreen
from tui.widgets.fitted_table import FittedTable
from tui.widgets.footer import AreaFooter
from tui.widgets.header import BinomeHeader


class Column(NamedTuple):
    """A column of the screen's table: what it may give up at 80 columns (FittedTable)."""

    label: str
    key: str
    min_width: int | None = None  # None: never narrower than its content
    priority: int | None = None  # None: never dropped; the lowest goes first
    grow: bool = False


# The journal at 80 columns: the channel, then the details give way; when, who, which file
# and what was done stay whole (a horizontal scroll hid the last columns before): the action
# gives up nothing of « Création du dossier (prescription) », only its longest labels.
JOURNAL_COLUMNS = (
    Column("Quand", "quand"),
    Column("Qui", "qui"),
    Column("N°", "demandeur"),
    Column("Action", "action", min_width=34, grow=True),
    Column("Détails", "details", min_width=16, priority=1, grow=True),
    Column("Canal", "canal", priority=0),
)


def _when(iso: str) -> str:
    """« 23/11/2026 09:14 » for the journal's ISO time."""
    day, _, time = iso.partition("T")
    parts = day.split("-")
    if len(parts) != 3:
        return iso
    return f"{parts[2]}/{parts[1]}/{parts[0]} {time[:5]}".strip()


class RgpdScreen(BinomeScreen[None]):
    """Données personnelles (RGPD), for an administrateur."""

    TITLE = "Binôme · Données personnelles (RGPD)"
    KEYS = "rgpd"
    # Keys the number box does not use itself (it takes ctrl+a/e/d/k/u/w/x/v).
    BINDINGS = keys.bindings("rgpd")

    def compose(self) -> ComposeResult:
        yield BinomeHeader()
        yield Static("", id="rgpd-conservation", markup=False)
        with Horizontal(id="rgpd-bar"):
            yield Label("Demandeur n° ")
            yield Input(
                placeholder="numéro (vide : tout le journal)",
                id="rgpd-demandeur",
                restrict=r"\d*",
                max_length=9,
            )
            yield Button(keys.with_key(self.app, "rgpd.journal", "Journal"), id="rgpd-journal")
        # What is done to that person's file, on a row of its own: with the number on one
        # row the buttons ran off an 80- and even a 120-column screen.
        with Horizontal(id="rgpd-person-bar"):
            yield Button(keys.with_key(self.app, "rgpd.acces", "Droit d'accès"), id="rgpd-export")
            yield Button(
                keys.with_key(self.app, "rgpd.limiter", "Limiter / lever"), id="rgpd-limiter"
            )
            yield Button(
                keys.with_key(self.app, "rgpd.effacer", "Effacer…"),
                id="rgpd-effacer",
                variant="error",
            )
        with Horizontal(id="rgpd-purge-bar"):
            yield Button(
                keys.with_key(self.app, "rgpd.apercu", "Aperçu de la purge"), id="rgpd-apercu"
            )
            yield Button("Purger…", id="rgpd-purger", variant="error")
            yield Button("Dossiers limités", id="rgpd-limites")
        yield Label("", id="rgpd-table-title", classes="section-title")
        yield FittedTable(id="rgpd-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="rgpd-status", markup=False)
        yield AreaFooter()

    def on_key(self, event: events.Key) -> None:
        # A digit typed in the journal goes to the demandeur's number (the box takes only
        # digits); no action here is on a letter.
        if isinstance(self.focused, FittedTable) and (event.character or "").isdigit():
            keys.type_into(self.query_one("#rgpd-demandeur", Input), event)

    def on_mount(self) -> None:
        self._show_conservation()
        self.action_journal()
        self.query_one("#rgpd-demandeur", Input).focus()

    # -- helpers -----------------------------------------------------------------------------
    def _demandeur(self, required: bool = True) -> int | None:
        text = self.query_one("#rgpd-demandeur", Input).value.strip()
        if not text:
            if required:
                self.notify("Indiquez le numéro du demandeur.", severity="warning")
            return None
        return int(text)

    def _status(self, text: str) -> None:
        self.query_one("#rgpd-status", Static).update(text)

    def _show_conservation(self) -> None:
        regle = rgpd.retention(self.app.db)
        due = rgpd.purge_due(self.app.db, self.app.profil, self.app.clock())
        text = regle.description()
        text += f"\n{counted(due, 'dossier')} à purger." if due else "\nAucun dossier à purger."
        self.query_one("#rgpd-conservation", Static).update(text)

    def _fill(
        self, title: str, columns: tuple[Column, ...], rows: list[tuple], *, newest_first=False
    ) -> None:
        self.query_one("#rgpd-table-title", Label).update(title)
        table = self.query_one("#rgpd-table", FittedTable)
        table.clear(columns=True)
        for column in columns:
            table.add_column(
                column.label,
                key=column.key,
                min_width=column.min_width,
                priority=column.priority,
                grow=column.grow,
            )
        # A capped list: the journal of a whole base grows without end (its newest lines).
        table.add_rows((rows[::-1] if newest_first else rows)[:500])

    def _run(self, step):
        try:
            return step()
        except BinomeError as exc:
            self.notify(str(exc), severity="error")
            return None

    # -- actions -----------------------------------------------------------------------------
    @on(Input.Submitted, "#rgpd-demandeur")
    def action_journal(self) -> None:
        demandeur = self._demandeur(required=False)
        rows = self._run(lambda: rgpd.journal(self.app.db, self.app.profil, demandeur))
        if rows is None:
            return
        title = f"Journal du demandeur {demandeur}" if demandeur else "Journal des accès"
        self._fill(
            f"{title} ({counted(len(rows), 'entrée')})",
            JOURNAL_COLUMNS,
            [
                (
                    _when(r["quand"]),
                    r["acteur"] or "—",
                    str(r["demandeur"] or "—"),
                    r["libelle"],
                    rgpd.details_label(r["action"], r["details"]),
                    r["canal"],
                )
                for r in rows
            ],
            newest_first=True,
        )

    def action_export(self) -> None:
        demandeur = self._demandeur()
        if demandeur is None:
            return
        data = self._run(lambda: rgpd.right_of_access(self.app.db, self.app.profil, demandeur))
        if data is None:
            return
        stem = f"acces-demandeur-{demandeur}-{self.app.clock().isoformat()}"
        text = rgpd.access_document(data)
        document = json.dumps(data, ensure_ascii=False, indent=1)
        try:
            # Served, both go to the administrateur's browser: no copy of a person's data is
            # left on the server (tui/files.py).
            message = save_document(
                self.app, f"{stem}.txt", text.encode("utf-8"), "text/plain; charset=utf-8"
            )
            save_document(self.app, f"{stem}.json", document.encode("utf-8"), "application/json")
        except OSError as exc:
            self.notify(
                f"Impossible d'enregistrer l'export : {describe_os_error(exc)}", severity="error"
            )
            return
        self.notify(f"Droit d'accès : {message} (et .json)", timeout=10)
        self._status(f"Export : {message}")
        self.action_journal()

    def action_restrict(self) -> None:
        demandeur = self._demandeur()
        if demandeur is None:
            return
        db, profil = self.app.db, self.app.profil
        try:
            limited = {r["id"] for r in rgpd.restricted_files(db, profil)}
            rgpd.restrict_file(db, profil, demandeur, lever=demandeur in limited)
        except BinomeError as exc:
            self.notify(str(exc), severity="error")
            return
        if demandeur in limited:
            self.notify(f"Limitation levée : le dossier {demandeur} est de nouveau traité.")
        else:
            self.notify(f"Dossier {demandeur} limité : gelé et masqué des listes.")
        self.action_journal()

    def action_erase(self) -> None:
        demandeur = self._demandeur()
        if demandeur is None:
            return
        db, profil = self.app.db, self.app.profil
        apercu = self._run(lambda: rgpd.erasure_preview(db, profil, demandeur))
        if apercu is None:
            return
        question = (
            f"Effacer définitivement le dossier {apercu.demandeur} ({apercu.nom}, {apercu.etat}) : "
            f"fiche de liaison, parcours, {counted(apercu.evenements, 'événement')} et "
            f"{counted(apercu.notes, 'note')} ? Le journal garde le numéro seul ; les "
            "indicateurs gardent des comptes anonymes. Cette opération est irréversible."
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                self._status("Effacement annulé : rien n'a été effacé.")
                return
            done = self._run(lambda: rgpd.erase(db, profil, demandeur, today=self.app.clock()))
            if done is not None:
                self.app.base_version += 1
                self.notify(f"Dossier {demandeur} effacé.")
                self._status(f"Dossier {demandeur} effacé.")
                self.query_one("#rgpd-demandeur", Input).value = ""
                self._show_conservation()
                self.action_journal()

        self.app.push_screen(
            ConfirmScreen("Effacer un demandeur", question, yes="Effacer définitivement"), answered
        )

    def action_list_restricted(self) -> None:
        """The limited files: hidden from every list but this one."""
        rows = self._run(lambda: rgpd.restricted_files(self.app.db, self.app.profil))
        if rows is None:
            return
        self._fill(
            f"Dossiers limités ({len(rows)})",
            (
                Column("N°", "numero"),
                Column("Demandeur", "nom", min_width=16, grow=True),
                Column("Limité depuis le", "depuis"),
            ),
            [(str(r["id"]), f"{r['nom']} {r['prenom']}", r["limite_le"][:10]) for r in rows],
        )

    def _due(self) -> list[rgpd.Preview] | None:
        return self._run(lambda: rgpd.purge_preview(self.app.db, self.app.profil, self.app.clock()))

    def action_preview(self) -> None:
        due = self._due()
        if due is None:
            return
        self._fill(
            f"Dossiers dont la conservation est échue ({len(due)})",
            (
                Column("N°", "numero"),
                Column("Demandeur", "nom", min_width=14),
                Column("État", "etat", min_width=10, priority=1),
                Column("Sortie", "sortie", priority=0),
                Column("Raison", "raison", min_width=20, grow=True),
            ),
            [(str(a.demandeur), a.nom, a.etat, a.sortie or "—", a.raison) for a in due],
        )
        self._status(
            "Aucun dossier n'a dépassé sa durée de conservation."
            if not due
            else f"{counted(len(due), 'dossier')} à purger : « Purger… » les efface après "
            "confirmation."
        )

    def action_purge(self) -> None:
        due = self._due()
        if due is None:
            return
        if not due:
            self.notify("Aucun dossier n'a dépassé sa durée de conservation.")
            return
        db, profil = self.app.db, self.app.profil

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            erased = self._run(lambda: rgpd.purge(db, profil, self.app.clock()))
            if erased is not None:
                self.app.base_version += 1
                self.notify(f"{counted(len(erased), 'dossier purgé', 'dossiers purgés')}.")
                self._show_conservation()
                self.action_preview()

        self.app.push_screen(
            ConfirmScreen(
                "Purger",
                f"Effacer définitivement {counted(len(due), 'dossier')} dont la durée "
                "de conservation est échue ?",
                yes="Purger",
            ),
            answered,
        )

    @on(Button.Pressed)
    def button(self, event: Button.Pressed) -> None:
        actions = {
            "rgpd-journal": self.action_journal,
            "rgpd-export": self.action_export,
            "rgpd-limiter": self.action_restrict,
            "rgpd-effacer": self.action_erase,
            "rgpd-apercu": self.action_preview,
            "rgpd-purger": self.action_purge,
            "rgpd-limites": self.action_list_restricted,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()

    def action_back(self) -> None:
        self.app.pop_screen()
