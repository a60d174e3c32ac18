"""The footer of the app's areas: how to go elsewhere first, then what this screen does.

Textual's Footer lists the focused widget's keys, then the screen's, then the app's: on a
screen with many actions the F-keys of the other areas fell off the right edge (F5, F6 gone
at 120 columns, issue 13). Here the app's keys come first, in the same place on every
screen; under 150 columns the other areas are one group, « f2 f4 f5 f6 Espaces », the names
left to F1 and the palette.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

# Under this width the areas' keys are shown as one group, without their names.
FULL_NAMES_WIDTH = 150
AREAS_LABEL = "Espaces"


class AreaFooter(Footer):
    """A Footer whose app keys (help, areas, quit) come before the screen's."""

    def on_mount(self) -> None:
        super().on_mount()
        self._wide = self.app.size.width >= FULL_NAMES_WIDTH

    def on_resize(self) -> None:
        wide = self.app.size.width >= FULL_NAMES_WIDTH
        if wide != getattr(self, "_wide", wide):
            self._wide = wide
            self.call_after_refresh(self.recompose)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        keys = self._keys()
        self._shown = _signature(keys)
        # The palette's key is docked to the right, out of the grid.
        in_grid = [k for k in keys if k.classes != "-command-palette"]
        self.styles.grid_size_columns = sum(1 for k in in_grid if not k.grouped) + any(
            k.grouped for k in in_grid
        )
        grouped = [k for k in keys if k.grouped]
        for key in keys:
            if key.grouped:
                if key is grouped[0]:
                    yield from self._area_group(grouped)
                continue
            yield key.widget()

    def bindings_changed(self, screen: Screen) -> None:
        # Textual's Footer composes itself again at every change of the keys, which costs
        # more than what changed them (a search's first result, issue 12): when only
        # whether each key may be used changed, the keys on view are greyed or not instead.
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._update_keys)

    async def _update_keys(self) -> None:
        keys = self._keys()
        shown = list(self.query(FooterKey))
        if _signature(keys) != getattr(self, "_shown", None) or len(shown) != len(keys):
            await self.recompose()
            return
        for widget, key in zip(shown, keys, strict=True):
            if widget._disabled != (not key.enabled):
                widget._disabled = not key.enabled
                widget.set_class(not key.enabled, "-disabled")

    def _keys(self) -> list[_Key]:
        """The keys to show, in order: help and the areas, quitting, the screen's own keys,
        the palette (the areas as one group under 150 columns)."""
        active = self.screen.active_bindings
        app_first = sorted(
            (entry for entry in active.values() if entry[1].show),
            key=lambda entry: (entry[0] is not self.app, entry[1].action == "quit"),
        )
        seen: set[str] = set()
        entries = []
        for _node, binding, enabled, tooltip in app_first:
            if binding.action in seen:
                continue  # one key per action, as Textual's Footer does
            seen.add(binding.action)
            entries.append((binding, enabled, tooltip))
        areas = [e for e in entries if e[0].action.startswith("area(")]
        group = bool(areas) and self.app.size.width < FULL_NAMES_WIDTH
        keys = []
        for binding, enabled, tooltip in entries:
            display = self.app.get_key_display(binding)
            if group and binding.action.startswith("area("):
                keys.append(
                    _Key(binding, display, "", enabled, tooltip or binding.description, True)
                )
            else:
                keys.append(_Key(binding, display, binding.description, enabled, tooltip))
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            try:
                _node, binding, enabled, tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            except KeyError:
                return keys
            keys.append(
                _Key(
                    binding,
                    self.app.get_key_display(binding),
                    binding.description,
                    enabled,
                    binding.tooltip or binding.description,
                    classes="-command-palette",
                )
            )
        return keys

    def _area_group(self, keys: list[_Key]) -> ComposeResult:
        with KeyGroup():
            for key in keys:
                yield key.widget()
        yield FooterLabel(AREAS_LABEL)


@dataclass(frozen=True)
class _Key:
    """One key of the footer, as its FooterKey shows it."""

    binding: Binding
    display: str
    description: str
    enabled: bool
    tooltip: str
    grouped: bool = False  # one of the areas' keys, in their group
    classes: str = ""

    def widget(self) -> FooterKey:
        key = FooterKey(
            self.binding.key,
            self.display,
            self.description,
            self.binding.action,
            disabled=not self.enabled,
            tooltip=self.tooltip,
            classes=" ".join(c for c in (self.classes, "-grouped" if self.grouped else "") if c),
        )
        if self.classes == "-command-palette":
            return key  # as Textual's Footer: the palette key keeps its own look
        return key.data_bind(compact=Footer.compact)


def _signature(keys: list[_Key]) -> list[tuple]:
    """What the footer shows but whether each key may be used."""
    return [
        (k.binding.key, k.display, k.description, k.tooltip, k.grouped, k.classes) for k in keys
    ]
