"""A commune typed in a field that several communes match (« castel », « saint », a postal
code shared by several villages): the list to pick from, under the field, instead of a
refusal or a guess.

The screen keeps its own field and its own reading of it: it gives each lookup to
:meth:`CommuneChoices.offer`, which shows the list when there is more than one candidate
and hides it otherwise. ↓ in the field (a :class:`CommuneInput`) goes down into the list;
entrée (or a click) on a commune writes its name in the field, which then designates it
alone, and the focus goes back to the field; échap goes back without choosing.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from ressources.gazetteer import Commune, Lookup


def ambiguity(found: Lookup) -> str:
    """What a screen says of a commune typed that several fit: how many, and how to choose
    (« st » fits 24 communes, of which the list shows the 8 largest: it said « (8) »)."""
    listed = len(found.communes)
    if found.total > listed:
        return (
            f"{found.total} communes possibles : ↓ pour choisir parmi les {listed} plus "
            "peuplées, ou précisez."
        )
    return f"Plusieurs communes possibles ({listed}) : ↓ pour choisir dans la liste."


def choices_id(input_id: str) -> str:
    """The id of the list that goes with the field *input_id*."""
    return f"{input_id}-choix"


class CommuneInput(Input):
    """A field where a commune is typed: ↓ goes down to its list of candidates, if shown."""

    BINDINGS = [Binding("down", "choose", "Choisir la commune", show=False)]

    def _choices(self) -> CommuneChoices | None:
        if self.id is None:
            return None
        found = self.screen.query(f"#{choices_id(self.id)}")
        choices = found.first(CommuneChoices) if found else None
        return choices if choices is not None and choices.display and choices.option_count else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Without a list on view, ↓ does what it does elsewhere on the screen.
        if action == "choose":
            return self._choices() is not None
        return super().check_action(action, parameters)

    def action_choose(self) -> None:
        choices = self._choices()
        if choices is not None:
            choices.focus()
            choices.highlighted = 0

    async def action_submit(self) -> None:
        # Entrée on a commune several fit goes to the list to choose from (it did nothing).
        if self._choices() is not None:
            self.action_choose()
            return
        await super().action_submit()


class CommuneChoices(OptionList):
    """The candidates for what was typed in the field *target* (an Input's id)."""

    DEFAULT_CSS = """
    CommuneChoices {
        display: none;
        height: auto;
        max-height: 6;
        width: 1fr;
        min-width: 30;
        border: none;
        padding: 0 1;
    }
    """
    BINDINGS = [Binding("escape", "back", "Retour au champ", show=False)]

    class Picked(Message):
        """A commune was chosen from the list (its name is already in the field)."""

        def __init__(self, choices: CommuneChoices, commune: Commune) -> None:
            super().__init__()
            self.choices = choices
            self.commune = commune

        @property
        def control(self) -> CommuneChoices:
            return self.choices

    def __init__(self, target: str) -> None:
        super().__init__(id=choices_id(target))
        self.target = target
        self.communes: list[Commune] = []

    def offer(self, found: Lookup) -> None:
        """Show the candidates of *found* when there are several; hide the list otherwise."""
        communes = found.communes if len(found.communes) > 1 else []
        if communes == self.communes:
            return
        self.communes = communes
        self.clear_options()
        self.add_options(
            Option(f"{c.nom} ({', '.join(c.codes_postaux)})", id=c.code_insee) for c in communes
        )
        self.display = bool(communes)

    def _field(self) -> Input:
        return self.screen.query_one(f"#{self.target}", Input)

    def action_back(self) -> None:
        self._field().focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        commune = next((c for c in self.communes if c.code_insee == event.option.id), None)
        if commune is None:
            return
        field = self._field()
        field.value = commune.nom
        field.cursor_position = 0  # a narrow field shows the start of the name
        field.focus()
        self.post_message(self.Picked(self, commune))
