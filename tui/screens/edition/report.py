"""Reporting wrong information in an entry to the partner who keeps it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from ressources import edition
from ressources.errors import BinomeError
from tui import busy, keys
from tui.base import BinomeModal
from tui.screens.dialogs.confirm import ConfirmScreen
from tui.screens.edition.common import now_of, owner_name


class ReportScreen(BinomeModal[bool]):
    """Say what is wrong in an entry; it lands in its partner's « à faire »."""

    KEYS = "signalement"
    BINDINGS = keys.bindings("signalement")

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

    def has_unsaved_work(self) -> bool:
        """A comment typed but not sent (asked by the app before it quits)."""
        return bool(self.query_one("#report-comment", Input).value.strip())

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
            with busy.attempt(self):
                edition.report_error(
                    self.app.db,
                    self.app.actor(),
                    self.record["id"],
                    comment,
                    now=now_of(self.app),
                )
        except BinomeError as exc:
            if not busy.retry_later(self, exc, self.action_submit):
                self.query_one("#report-error", Static).update(str(exc))
            return
        owner = owner_name(self.app, self.record)
        self.app.notify(
            f"Merci : {owner} verra votre signalement dans sa liste « à faire ».",
            title="Signalement envoyé",
        )
        self.dismiss(True)

    def action_cancel(self) -> None:
        """Close; a comment typed is only dropped once the person has said so (escape took
        it away at once, when ctrl+q asked)."""
        if not self.has_unsaved_work():
            self.dismiss(False)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(False)

        self.app.push_screen(
            ConfirmScreen(
                "Quitter sans envoyer ?",
                "Votre commentaire ne sera pas envoyé.",
                yes="Quitter sans envoyer",
            ),
            answered,
        )
