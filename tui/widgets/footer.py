"""The footer of the app's areas: how to go elsewhere first, then what this screen does.

Textual's Footer lists the focused widget's keys, then the screen's, then the app's: on a
screen with many actions the F-keys of the other areas fell off the right edge (F5, F6 gone
at 120 columns, issue 13). Here the app's keys come first, in the same place on every
screen; under 150 columns the other areas are one group, « f2 f4 f5 f6 Espaces », the names
left to F1 and the palette.
"""

from __future__ import annotations

from textual.app import ComposeResult
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
        active = self.screen.active_bindings
        # Help and the areas, then quitting, then the screen's own keys.
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
        grouped = bool(areas) and self.app.size.width < FULL_NAMES_WIDTH
        self.styles.grid_size_columns = len(entries) - (len(areas) - 1 if grouped else 0)
        for binding, enabled, tooltip in entries:
            is_area = binding.action.startswith("area(")
            if grouped and is_area:
                if binding is areas[0][0]:
                    yield from self._area_group(areas)
                continue
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            try:
                _node, binding, enabled, tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            except KeyError:
                return
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=binding.tooltip or binding.description,
            )

    def _area_group(self, areas) -> ComposeResult:
        with KeyGroup():
            for binding, enabled, tooltip in areas:
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    "",
                    binding.action,
                    disabled=not enabled,
                    tooltip=tooltip or binding.description,
                    classes="-grouped",
                ).data_bind(compact=Footer.compact)
        yield FooterLabel(AREAS_LABEL)
