"""The footer of the app's areas: how to go elsewhere first, then what this screen does.

Textual's Footer lists the focused widget's keys, then the screen's, then the app's: on a
screen with many actions the F-keys of the other areas fell off the right edge (F5, F6 gone
at 120 columns, issue 13). Here the app's keys come first, in the same place on every
screen; under 150 columns the other areas are one group, « f2 f4 f5 f6 Espaces », the names
left to F1 and the palette.

Textual's Footer composes itself again (a dozen widgets mounted and styled) each time the
screen says its bindings may have changed: a list moving its cursor or loading a page says so
several times a frame. This one composes again only when what it shows changed (issue 13,
slow lists: 32 recomposes to open F6, 8 per key typed in its filter).
"""

from __future__ import annotations

from typing import Any

from textual._context import active_app
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

from tui import keys

# Under this width the areas' keys are shown as one group, without their names.
FULL_NAMES_WIDTH = 150
AREAS_LABEL = "Espaces"


class AreaFooter(Footer):
    """A Footer whose app keys (help, areas, quit) come before the screen's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Compact (one space between keys) when asked, and whenever the areas are grouped:
        # a cell more for a key at 80 columns.
        self._always_compact = bool(kwargs.get("compact", False))
        # Set as it is made, so that its keys are composed as compact as they stay (a change
        # on mounting restyled each key, issue 13).
        app = active_app.get(None)
        if app is not None:
            self.set_reactive(Footer.compact, self._compact_for(app))
        self._composed: tuple | None = None  # what the last compose showed (_shown)
        self._recompose_pending = False

    def on_mount(self) -> None:
        super().on_mount()
        self._width = self.app.size.width
        self._set_compact()
        self.call_after_refresh(self._drop_keys_that_do_not_fit)

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if (
            self.is_attached
            and screen is self.screen
            and screen.is_current
            and not self._recompose_pending
        ):
            # Once per refresh however many times it is told, only if the keys changed, and
            # not for a screen going out of view (it is told again as it comes back).
            self._recompose_pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._recompose_pending = False
        if not self.is_attached:
            return
        shown = self._shown()
        if shown == self._composed:
            return
        if self._composed is not None and _keys_of(shown) == _keys_of(self._composed):
            # The same keys, some now usable or no longer (a search finding something
            # after nothing, issue 12): greyed or not in place, nothing composed again.
            enabled = {(e[0], e[3]): e[4] for e in shown[2:] if e}
            for key in self.query(FooterKey):
                on = enabled.get((key.key, key.action), not key._disabled)
                if key._disabled == on:
                    key._disabled = not on
                    key.set_class(not on, "-disabled")
            self._composed = shown
            return
        await self._compose_fitted()

    async def _compose_fitted(self) -> None:
        """Composed again, then the keys the width has no room for left out."""
        await self.recompose()
        self.call_after_refresh(self._drop_keys_that_do_not_fit)

    def _drop_keys_that_do_not_fit(self) -> None:
        """Fit the keys in the width: their shorter words first (``short``, tui/actions.toml),
        then leave out the least needed (their ``rank``; the rightmost first among equals),
        each key whole. A key cut off its name (« ^l ▏ ») tells nothing, and the keys that act
        on the row in view matter more at 80 columns than the ones that happen to come first
        (issue 13: À faire kept « Filtrer » and lost ctrl+k, ctrl+e, ctrl+t). F1 and the
        palette list them all."""
        if not self.is_attached:
            return
        palette = next(iter(self.query(".-command-palette")), None)
        room = self.size.width - (self._width_of(palette) if palette is not None else 0)
        units: list[list[Widget]] = []
        for child in self.children:
            if child is palette or not child.display:
                continue
            if isinstance(child, FooterLabel) and units and isinstance(units[-1][0], KeyGroup):
                units[-1].append(child)  # the areas' group and its name go together
            else:
                units.append([child])

        def used(shown: list[int]) -> int:
            # The last key's margin may sit against the palette's border.
            total = sum(self._width_of(c) for i in shown for c in units[i])
            return total - (units[shown[-1]][-1].styles.margin.right if shown else 0)

        shown = list(range(len(units)))
        if used(shown) <= room:
            return
        # Short of room: every key in its shorter word, the least needed left out until the
        # rest fit, then the full words given back, the most needed first, while they fit.
        full: dict[int, str] = {}
        for i, unit in enumerate(units):
            short = getattr(unit[0], "_short", None)
            if isinstance(unit[0], FooterKey) and short:
                full[i] = unit[0].description
                self._describe(unit[0], short)
        by_need = sorted(shown, key=lambda i: (getattr(units[i][0], "_rank", 0), -i))
        for index in by_need:
            if used(shown) <= room:
                break
            shown.remove(index)
            for child in units[index]:
                child.display = False
        for index in reversed(by_need):
            if index in shown and index in full:
                key = units[index][0]
                assert isinstance(key, FooterKey)
                short = key.description
                self._describe(key, full[index])
                if used(shown) > room:
                    self._describe(key, short)

    @staticmethod
    def _describe(key: Widget, words: str) -> None:
        assert isinstance(key, FooterKey)
        key.description = words
        key.refresh(layout=True)

    def _width_of(self, child: Widget) -> int:
        """The cells *child* takes in the row, measured from its content (its place in the
        layout may not be worked out yet)."""
        content = child.get_content_width(self.size, self.app.size)
        return content + child.styles.gutter.width + child.styles.margin.width

    def _shown(self) -> tuple:
        return self._shown_of(*self._entries())

    def _shown_of(self, entries: list, palette: tuple | None) -> tuple:
        """What the footer shows: each key, its words, whether it is on; the grouping."""

        def seen(entry: tuple) -> tuple:
            binding, enabled, tooltip = entry
            display = self.app.get_key_display(binding)
            return (binding.key, display, binding.description, binding.action, enabled, tooltip)

        grouped = self.app.size.width < FULL_NAMES_WIDTH
        return (
            self._bindings_ready,
            grouped,
            *(seen(e) for e in entries),
            palette and seen(palette),
        )

    def on_resize(self) -> None:
        # Composed again for the new width: the grouping may change, and keys left out for
        # want of room may now fit (or more must go).
        width = self.app.size.width
        if width != getattr(self, "_width", width):
            self._width = width
            self._set_compact()
            self.call_after_refresh(self._compose_for_width)

    def _set_compact(self) -> None:
        self.compact = self._compact_for(self.app)

    def _compact_for(self, app: App) -> bool:
        return self._always_compact or app.size.width < FULL_NAMES_WIDTH

    async def _compose_for_width(self) -> None:
        if self.is_attached:
            await self._compose_fitted()

    def _entries(self) -> tuple[list[tuple[Any, bool, str]], tuple[Any, bool, str] | None]:
        """The keys to show, app keys first, one per action; and the palette's key."""
        if not self._bindings_ready:
            return [], None
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
        palette = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, tooltip = found
                palette = (binding, enabled, binding.tooltip or binding.description)
        return entries, palette

    def compose(self) -> ComposeResult:
        entries, palette = self._entries()
        self._composed = self._shown_of(entries, palette)
        if not self._bindings_ready:
            return
        areas = [e for e in entries if e[0].action.startswith("area(")]
        grouped = bool(areas) and self.app.size.width < FULL_NAMES_WIDTH
        self.styles.grid_size_columns = len(entries) - (len(areas) - 1 if grouped else 0)
        for binding, enabled, tooltip in entries:
            is_area = binding.action.startswith("area(")
            if grouped and is_area:
                if binding is areas[0][0]:
                    yield from self._area_group(areas)
                continue
            key = self._key(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            )
            key._rank, key._short = keys.footer_fit(binding)  # type: ignore[attr-defined]
            yield key
        if palette is not None:
            binding, enabled, tooltip = palette
            yield self._key(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=tooltip,
                bound=False,
            )

    def _area_group(self, areas) -> ComposeResult:
        group = KeyGroup()
        group._rank = max(keys.footer_fit(b)[0] for b, _, _ in areas)  # type: ignore[attr-defined]
        with group:
            for binding, enabled, tooltip in areas:
                yield self._key(
                    binding.key,
                    self.app.get_key_display(binding),
                    "",
                    binding.action,
                    disabled=not enabled,
                    tooltip=tooltip or binding.description,
                    classes="-grouped",
                )
        yield FooterLabel(AREAS_LABEL)

    def _key(self, *args: Any, bound: bool = True, **kwargs: Any) -> FooterKey:
        """A key as compact as the footer (*bound*: following it, as Textual's Footer makes
        them) from the start. A FooterKey is born compact: each one took its « -compact »
        class on mounting, then lost it as the binding caught up, two restyles a key (38 to
        open F6, up to 0.2 s at a loaded machine's pace, issue 13)."""
        key = FooterKey(*args, **kwargs)
        compact = self.compact if bound else True
        key.set_reactive(FooterKey.compact, compact)
        if compact:
            key.add_class("-compact", update=False)
        return key.data_bind(compact=Footer.compact) if bound else key


def _keys_of(shown: tuple) -> tuple:
    """What the footer shows (``AreaFooter._shown_of``) but whether each key is usable."""
    head, entries = shown[:2], shown[2:]
    return (*head, *(e and (*e[:4], e[5]) for e in entries))
