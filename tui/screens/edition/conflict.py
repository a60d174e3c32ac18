"""Someone saved the entry since the form was opened: choose which version to keep."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from ressources import edition
from tui import keys
from tui.base import BinomeModal
from tui.screens.edition.common import (
    author_name,
    comparable,
    field_label,
    fr_datetime,
    meaningful,
    show_value,
)


class ConflictScreen(BinomeModal[str | None]):
    """Someone saved the entry since the form was opened: both versions, side by side."""

    KEYS = "conflit"
    BINDINGS = keys.bindings("conflit")
    # Its three buttons want 76 columns in one row: under 100, two rows (app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self, conflit: edition.EditConflict, opened_version: int, opened: dict) -> None:
        super().__init__()
        self.conflit = conflit
        self.opened_version = opened_version
        # Side by side: the fields both sides changed. The domain cannot always tell what
        # they changed (an entry never edited here has no recorded first version); what
        # the form opened can.
        theirs = conflit.theirs
        both = [
            n
            for n in conflit.fields
            if n in meaningful({n: [opened.get(n), theirs.get(n)]})
            and comparable(n, theirs.get(n)) != comparable(n, opened.get(n))
        ]
        self.fields = both or list(conflit.fields)
        self.only_mine = [name for name in conflit.fields if name not in self.fields]
        self._hinted = False

    def _who(self) -> str:
        later = [
            v
            for v in edition.service_history(self.app.db, self.conflit.theirs["id"])
            if v.version > self.opened_version
        ]
        if not later:
            return "Quelqu'un d'autre a enregistré cette fiche après que vous l'avez ouverte."
        last = later[-1]
        return (
            f"{author_name(self.app, last.auteur)} a enregistré cette fiche le "
            f"{fr_datetime(last.date)}, après que vous l'avez ouverte."
        )

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
                    yield Static(
                        show_value(self.app, name, c.theirs.get(name)),
                        classes="conflict-theirs",
                        markup=False,
                    )
                    yield Static(
                        show_value(self.app, name, c.mine.get(name)),
                        classes="conflict-mine",
                        markup=False,
                    )
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
            # The two choices side by side, « Revenir » beside them where there is room, under
            # them in a narrow terminal (« -narrow », app.tcss): the three in one row took 76
            # columns, cut at 80 (« Revenir (éch »).
            with Horizontal(classes="dialog-buttons", id="conflict-buttons"):
                with Horizontal(id="conflict-choices"):
                    yield Button(
                        keys.with_key(self.app, "conflit.mienne", "Garder ma version"),
                        id="mine",
                        variant="primary",
                    )
                    yield Button(
                        keys.with_key(self.app, "conflit.leur", "Reprendre la leur"),
                        id="theirs",
                    )
                with Horizontal(id="conflict-back"):
                    yield Button("Revenir (échap)", id="back")

    def on_mount(self) -> None:
        self.query_one("#back", Button).focus()  # Enter alone changes nothing

    def on_key(self, event: events.Key) -> None:
        if event.is_printable:
            # A letter answers nothing; said once, not at every letter of a word typed on.
            event.stop()
            if not self._hinted:
                self._hinted = True
                self.notify(
                    "Choisissez avec Tab puis Entrée, ou "
                    f"{keys.keys_text(self.app, keys.find('conflit.mienne'))} / "
                    f"{keys.keys_text(self.app, keys.find('conflit.leur'))} : une lettre tapée "
                    "ne répond pas.",
                    title="Fiche modifiée entre-temps",
                    severity="warning",
                )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss({"mine": "mine", "theirs": "theirs"}.get(event.button.id or ""))

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)
