"""Signing in to the served app (the lock of an idle session, which asks the same password,
is ``tui.screens.lock``).

Served (``binome serve``), the profile comes only from here: the sign-in screen is the first
screen, and nothing else (``--user``, ``BINOME_USER``, the server's OS login) is looked at.
``caseload.acces.authenticate`` decides; a refusal is one French sentence, the same for an
unknown identifiant and a wrong password.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import Button, Footer, Input, Label, Static

from caseload.acces import Profil, authenticate, is_demo_base
from ressources.errors import BinomeError
from tui import keys
from tui.base import BinomeScreen

BASE_PROBLEM = "La base ne répond pas pour l'instant : réessayez dans un moment."


# The longest identifiant or password the sign-in takes (a password is at least 10 characters).
FIELD_MAX = 256


class TypedAheadFields:
    """Tab, shift+tab (and Entrée in Identifiant) move the focus as the key arrives.

    Textual hands a key to the widget focused when the app reads it, and a field acts on
    Tab or Entrée only when its own turn comes: keys typed right after (a password manager's
    auto-type, fast typing read in one go) had already gone to the field being left, and a
    password typed ahead showed in plain text in Identifiant. Priority bindings run as the app
    reads the key, before it reads the next; the keys typed before it still reach the field
    they were typed in, in order. Entrée in the password field is the field's own (it submits
    once the keys typed before it are in)."""

    def action_next_field(self: Any) -> None:
        self.focus_next()

    def action_previous_field(self: Any) -> None:
        self.focus_previous()

    def action_identifiant_entered(self: Any) -> None:
        # The screen's set_focus, at once (a widget's focus() waits for the app's next turn).
        self.set_focus(self.query_one("#mot-de-passe", Input))

    def check_action(self: Any, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "identifiant_entered":
            # Only from Identifiant; elsewhere Entrée is the focused widget's own.
            return self.focused is not None and self.focused.id == "identifiant"
        return True


class PasswordInput(Input):
    """The password field: Entrée submits what was typed before it and empties the field, in
    the order of the keys: the keys typed after it are the next try.

    Input's Entrée is a binding, run once the key has come back up to the app: the keys
    typed after it (a second try typed ahead, before the first was answered) were in the
    field by then, and were submitted, and then wiped, with the first."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.value, None))
            self.value = ""
            return
        await super()._on_key(event)


class SignInScreen(TypedAheadFields, BinomeScreen[Profil]):
    """Identifiant and mot de passe; dismisses with the signed-in profile."""

    KEYS = "connexion"
    BINDINGS = keys.bindings("connexion")

    def area_key_refusal(self) -> tuple[str, str]:
        """What F1, F2…F6 and the palette say before the sign-in (``BinomeApp.on_key``)."""
        quit_key = keys.keys_text(self.app, keys.find("connexion.quitter"))
        return (
            "Connexion",
            "Connectez-vous d'abord : votre identifiant, puis votre mot de passe ; "
            f"{quit_key} quitte Binôme.",
        )

    def compose(self) -> ComposeResult:
        with Center(), Vertical(classes="dialog", id="connexion-dialog"):
            yield Label("Binôme · connexion", classes="dialog-title")
            yield Static(
                "Base de ressources partenariale et suivi de l'Accompagnement Global.\n"
                "Connectez-vous avec votre identifiant Binôme.",
                classes="dialog-body",
            )
            if is_demo_base(self.app.db):
                yield Static(
                    "Démonstration : mot de passe = identifiant (ex. admin).",
                    id="connexion-demo",
                    classes="muted",
                )
            yield Label("Identifiant", id="label-identifiant", classes="field-label")
            # Bounded: before anyone signs in, a stranger's typing must not grow a field (and
            # its redrawing) without end.
            yield Input(id="identifiant", placeholder="ex. cons-albasud-01", max_length=FIELD_MAX)
            yield Label("Mot de passe", id="label-mot-de-passe", classes="field-label")
            yield PasswordInput(id="mot-de-passe", password=True, max_length=FIELD_MAX)
            yield Static("", id="connexion-erreur", classes="dialog-error")
            yield Button("Se connecter", id="se-connecter", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#identifiant", Input).focus()

    def on_descendant_focus(self) -> None:
        # The field being typed into is said in words too (a screen reader, a tired eye, a
        # test reading the screen as text): "› Mot de passe".
        for field, text in (("identifiant", "Identifiant"), ("mot-de-passe", "Mot de passe")):
            mark = "› " if self.focused is self.query_one(f"#{field}") else ""
            self.query_one(f"#label-{field}", Label).update(mark + text)

    @on(Input.Submitted, "#identifiant")
    def next_field(self) -> None:
        # Entrée is the screen's (connexion.identifiant_saisi) unless a keymap moved it.
        self.query_one("#mot-de-passe", Input).focus()

    @on(Input.Submitted, "#mot-de-passe")
    @on(Button.Pressed, "#se-connecter")
    def sign_in(self, event: Input.Submitted | Button.Pressed) -> None:
        identifiant = self.query_one("#identifiant", Input).value.strip()
        password_input = self.query_one("#mot-de-passe", Input)
        # The password as Entrée found it (PasswordInput emptied the field for the keys typed
        # after it, the next try).
        password = event.value if isinstance(event, Input.Submitted) else password_input.value
        error = self.query_one("#connexion-erreur", Static)
        if not identifiant or not password:
            if isinstance(event, Input.Submitted):  # emptied by Entrée: given back
                password_input.value = password + password_input.value
            error.update("Indiquez votre identifiant et votre mot de passe.")
            return
        try:
            profil = authenticate(self.app.db, identifiant, password)
        except (BinomeError, sqlite3.Error) as exc:
            # A refusal, or a busy or broken base: said in French, and what was typed is
            # never kept nor shown; keys typed after Entrée (a second try) stay.
            if not isinstance(event, Input.Submitted):  # the button: the field still holds it
                password_input.value = ""
            password_input.focus()
            error.update(str(exc) if isinstance(exc, BinomeError) else BASE_PROBLEM)
            return
        password_input.value = ""
        self.dismiss(profil)
