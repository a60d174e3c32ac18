"""Textual's command palette, in French: its placeholder, its « no match » line, and the
app's commands found whether they are typed with their accents or without."""

from __future__ import annotations

from functools import lru_cache

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.content import Content
from textual.fuzzy import Matcher
from textual.system_commands import SystemCommandsProvider
from textual.visual import Style
from textual.widgets.option_list import Option

from ressources.text import fold


@lru_cache(maxsize=1024)
def folded(text: str) -> tuple[str, tuple[int, ...]]:
    """*text* folded letter by letter as the search folds it (``ressources.text.fold``: no
    accent, no capital), and for each letter of the result the position in *text* it comes
    from (« œ » gives two). What fold drops, a space or a punctuation mark, is kept as it is:
    the words and their first letters stay where Textual's fuzzy match looks for them."""
    letters: list[str] = []
    origins: list[int] = []
    for position, char in enumerate(text):
        letter = fold(char) or char
        letters.append(letter)
        origins.extend([position] * len(letter))
    return "".join(letters), tuple(origins)


class FoldedMatcher(Matcher):
    """Textual's fuzzy matcher over the folded query and candidates: « deconnexion » finds
    « Déconnexion » as « déconnexion » does, and highlights the same letters of it."""

    def __init__(
        self, query: str, *, match_style: Style | None = None, case_sensitive: bool = False
    ) -> None:
        super().__init__(query, match_style=match_style, case_sensitive=case_sensitive)
        self._folded_query = folded(query)[0]

    def match(self, candidate: str) -> float:
        return self.fuzzy_search.match(self._folded_query, folded(candidate)[0])[0]

    def highlight(self, candidate: str) -> Content:
        # The command as written (never read as markup), its matched letters highlighted.
        content = Content(candidate)
        text, origins = folded(candidate)
        score, offsets = self.fuzzy_search.match(self._folded_query, text)
        if not score:
            return content
        for position in sorted({origins[offset] for offset in offsets}):
            if not candidate[position].isspace():
                content = content.stylize(self.match_style, position, position + 1)
        return content


class Commands(SystemCommandsProvider):
    """The app's commands (``App.get_system_commands``), accents or none: people type
    « desarchiver » or « a faire » as they search the base."""

    def matcher(self, user_input: str, case_sensitive: bool = False) -> Matcher:
        return FoldedMatcher(
            user_input, match_style=self.match_style, case_sensitive=case_sensitive
        )


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
