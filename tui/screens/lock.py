"""The lock of a served session, idle or locked by hand: only the same person's password
closes it."""

from __future__ import annotations

import sqlite3

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Footer, Input, Label, Static

from caseload.acces import WRONG_CREDENTIALS, WRONG_PASSWORD, Profil, authenticate
from ressources.errors import AccessDenied, BinomeError
from tui import keys
from tui.base import BinomeModal
from tui.screens.sign_in import BASE_PROBLEM, FIELD_MAX, TypedAheadFields


class LockScreen(TypedAheadFields, BinomeModal[None]):
    """Over whatever was on view (unsaved work stays underneath): only the same person's
    password closes it; ctrl+q still quits."""

    KEYS = "connexion"
    BINDINGS = keys.bindings("connexion")

    def __init__(self, profil: Profil, *, idle: bool) -> None:
        """*idle*: locked after the idle delay, else asked for (palette « Session :
        verrouiller »)."""
        super().__init__()
        self.profil = profil
        self.idle = idle

    def compose(self) -> ComposeResult:
        why = "après une période d'inactivité" if self.idle else "à votre demande"
        with Vertical(classes="dialog", id="verrou-dialog"):
            yield Label("Session verrouillée", classes="dialog-title")
            yield Static(
                f"Session de {self.profil.nom_complet} ({self.profil.id}) verrouillée {why}. "
                "Votre travail en cours est conservé.\n"
                "Saisissez votre mot de passe pour reprendre.",
                id="verrou-texte",
                classes="dialog-body",
                markup=False,
            )
            yield Label("Mot de passe", classes="field-label")
            yield Input(id="verrou-mot-de-passe", password=True, max_length=FIELD_MAX)
            yield Static("", id="verrou-erreur", classes="dialog-error")
            yield Button("Déverrouiller", id="deverrouiller", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#verrou-mot-de-passe", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#deverrouiller")
    def unlock(self, event: Input.Submitted | Button.Pressed) -> None:
        field = self.query_one("#verrou-mot-de-passe", Input)
        error = self.query_one("#verrou-erreur", Static)
        # The password as Entrée found it (keys typed after it may be in the field already).
        password = event.value if isinstance(event, Input.Submitted) else field.value
        field.value = ""
        if not password:
            error.update("Saisissez votre mot de passe.")
            return
        try:
            profil = authenticate(self.app.db, self.profil.id, password)
        except (BinomeError, sqlite3.Error) as exc:
            field.value = ""
            if isinstance(exc, AccessDenied) and str(exc) == WRONG_CREDENTIALS:
                message = WRONG_PASSWORD  # no identifiant was asked
            else:
                message = str(exc) if isinstance(exc, BinomeError) else BASE_PROBLEM
            error.update(message)
            field.focus()
            return
        if profil.id != self.profil.id:  # never another person's session
            error.update("Seule la personne connectée peut déverrouiller cette session.")
            return
        self.dismiss(None)

    def area_key_refusal(self) -> tuple[str, str]:
        # The dialogs' « Fermez d'abord cette fenêtre (échap) » does not hold: échap never
        # closes the lock.
        quit_key = keys.keys_text(self.app, keys.find("connexion.quitter"))
        return (
            "Session verrouillée",
            "Saisissez votre mot de passe pour reprendre (votre travail est conservé) ; "
            f"{quit_key} quitte Binôme.",
        )
