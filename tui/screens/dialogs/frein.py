"""Which frein périphérique to look for resources for."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from tui import keys
from tui.base import BinomeModal


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
