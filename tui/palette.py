"""Textual's command palette, in French: its placeholder and its « no match » line."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option


class Palette(CommandPalette):
    """The command palette (and the theme picker) as French-speaking people read it."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own shows « No matches found »; the same behaviour, in French.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text("Aucune commande ne correspond", style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
