"""Every key of the app, written once (tui/actions.toml): the bindings, the command palette
and the help screen are all built from this registry, and a person's keymap file changes them
all at once.

An entry's ``id`` is its Textual binding id (``App.set_keymap``) and its name in the keymap
file (``touches.toml`` beside the preferences: see :func:`keymap_path`). The rule the lists
follow: in a screen with a search or filter box, a letter typed anywhere goes to that box,
so the actions of those screens are on ``entrée``, ``ctrl`` keys and function keys, never on
a letter (``LETTERS_TYPE``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.actions import parse as parse_action
from textual.app import SystemCommand
from textual.binding import Binding
from textual.keys import Keys, _character_to_key

from tui import settings

if TYPE_CHECKING:
    from textual import events
    from textual.app import App
    from textual.screen import Screen
    from textual.widget import Widget
    from textual.widgets import Input


DEFAULT_RANK = 5


@dataclass(frozen=True)
class Key:
    """One action on a key: what the footer, the palette and the help say of it."""

    id: str  # "ressources.modifier": the binding id, the name in the keymap file
    keys: str  # default key(s), Textual's names, comma-separated: "ctrl+f,slash"
    action: str  # the Textual action it runs: "edit", "area('afaire')"
    label: str  # the footer's word: "Modifier"
    help: str  # what it does, in a sentence (help screen and palette)
    palette: str | None = None  # the palette's title ("Ressources : modifier la fiche")
    show: bool = True  # in the footer
    priority: bool = False
    # How long it stays in a footer short of room: the lowest ranks are left out first
    # (tui/widgets/footer.py), so that the keys that act on the row in view stay at 80
    # columns rather than the ones that happen to come first.
    rank: int = DEFAULT_RANK
    # The footer's word when the footer is short of room (« Traité » for « Signalement
    # traité »), said in full everywhere else.
    short: str | None = None


@dataclass(frozen=True)
class Area:
    """The keys of one screen (or dialog), and where the help speaks of it."""

    name: str
    title: str  # the help section's heading, as written in help.md
    keys: tuple[Key, ...]
    # A letter typed there goes to the screen's search or filter box: no action on a letter.
    letters_type: bool = False


def _load_registry() -> dict[str, Area]:
    """The registry, as tui/actions.toml writes it."""
    text = (resources.files("tui") / "actions.toml").read_text(encoding="utf-8")
    areas: dict[str, Area] = {}
    for name, section in tomllib.loads(text).items():
        entries = tuple(
            Key(
                f"{name}.{action}",
                value["keys"],
                value["action"],
                value["label"],
                value["help"],
                value.get("palette"),
                show=value.get("show", True),
                priority=value.get("priority", False),
                rank=value.get("rank", DEFAULT_RANK),
                short=value.get("short"),
            )
            for action, value in section.items()
            if isinstance(value, dict)
        )
        areas[name] = Area(name, section["title"], entries, section.get("letters_type", False))
    return areas


AREAS: dict[str, Area] = _load_registry()


# Keys no binding of this app may take from a person (Textual's own, or the terminal's).
RESERVED = {"ctrl+i", "ctrl+m", "ctrl+j", "ctrl+h", "tab", "shift+tab", "enter"}
# Keys a terminal multiplexer or the shell around the app may keep for itself: no default
# key is one of them (tests/functional/test_tui_keys.py). tmux's prefix is ctrl+b;
# ctrl+z and ctrl+\\ suspend or kill a process whose terminal is not in raw mode
# (TEXTUAL_ALLOW_SIGNALS, some SSH setups). ctrl+s and ctrl+q (flow control) and ctrl+c
# are safe: Textual's raw mode turns IXON and ISIG off, so they reach the app. GNU screen's
# prefix is ctrl+a: people who reach the server over SSH often keep a session in screen,
# where ctrl+a never reaches the app (it would take ctrl+a a).
TERMINAL_KEYS = {
    "ctrl+a": "le préfixe de GNU screen",
    "ctrl+b": "le préfixe de tmux",
    "ctrl+z": "suspendre le programme",
    "ctrl+backslash": "arrêter le programme",
}
_MODIFIERS = {"ctrl", "shift", "alt", "super", "meta", "hyper"}
_KEY_NAMES = {k.value for k in Keys} | set(
    _character_to_key(c) for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
)


# -- building bindings, palette entries and help from the registry ---------------------------
def bindings(area: str) -> list[Binding | tuple[str, str] | tuple[str, str, str]]:
    """The ``BINDINGS`` of a screen, each with its id (for the keymap file)."""
    return [
        Binding(
            k.keys,
            k.action,
            k.label,
            show=k.show,
            priority=k.priority,
            id=k.id,
            tooltip=re.sub(r"[*`]", "", k.help),
        )
        for k in AREAS[area].keys
    ]


def select_binding(key_id: str) -> list[Binding | tuple[str, str] | tuple[str, str, str]]:
    """For a list whose ``entrée`` runs *key_id* of its screen (it posts RowSelected, which
    the screen acts on): the list's own ``entrée`` named as the screen's key, so that the
    footer says what it does. Without it the list's unnamed binding hid the screen's
    (« entrée Ouvrir » missing from À faire and the Portefeuille)."""
    key = find(key_id)
    return [Binding(key.keys, "select_cursor", key.label, id=key.id)]


def current_keys(app: App | None, key: Key) -> list[str]:
    """The keys that run *key* now: the person's keymap, else the default."""
    keymap: dict[str, str] = getattr(app, "_keymap", {}) if app is not None else {}
    chosen = keymap.get(key.id, key.keys)
    return [k.strip() for k in chosen.split(",") if k.strip()]


_SHOWN = {
    "enter": "entrée",
    "escape": "échap",
    "slash": "/",
    "space": "espace",
    "exclamation_mark": "!",
    "question_mark": "?",
    "delete": "suppr",
    "backspace": "⌫",
    "pageup": "page précédente",
    "pagedown": "page suivante",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "home": "début",
    "end": "fin",
}


def show_key(name: str) -> str:
    """A key as a person reads it: ``ctrl+e``, ``F1``, ``entrée``, ``/``."""
    *mods, last = name.split("+")
    last = _SHOWN.get(last, last)
    if re.fullmatch(r"f\d{1,2}", last):
        last = last.upper()
    return "+".join([*mods, last])


def keys_text(app: App | None, key: Key) -> str:
    """``ctrl+f`` ou ``/``: every key that runs *key*, for the help and the palette."""
    return " ou ".join(show_key(k) for k in current_keys(app, key))


def with_key(app: App | None, key_id: str, text: str) -> str:
    """A button's or a title's words followed by its key as it is now: « Journal (ctrl+r) »."""
    return f"{text} ({show_key(current_keys(app, find(key_id))[0])})"


def find(key_id: str) -> Key:
    area = key_id.split(".", 1)[0]
    return next(k for k in AREAS[area].keys if k.id == key_id)


def app_entry(app: App | None, key: str) -> Key | None:
    """The app's own entry (help, an area, quit) that *key* runs now, if any."""
    return next((k for k in AREAS["app"].keys if key in current_keys(app, k)), None)


def area_of(entry: Key | None) -> str | None:
    """The area an entry opens (« area('portefeuille') »: « portefeuille »), or None."""
    if entry is None:
        return None
    _, action, params = parse_action(entry.action)
    return str(params[0]) if action == "area" and params else None


def footer_fit(binding: Binding) -> tuple[int, str | None]:
    """How long *binding* stays in a footer short of room (``Key.rank``) and its shorter
    word there (``Key.short``); a binding that is not in the registry (a widget's own) has
    the default rank and no shorter word."""
    area = (binding.id or "").partition(".")[0]
    key = next((k for k in AREAS[area].keys if k.id == binding.id), None) if area in AREAS else None
    return (key.rank, key.short) if key is not None else (DEFAULT_RANK, None)


def commands(
    screen: Screen | App, area: str, allowed: Callable[[str, tuple], bool | None] | None = None
) -> Iterator[SystemCommand]:
    """The palette entries of *area* for the screen on view: those its ``check_action`` (or
    *allowed*) does not rule out (False). One that does not apply right now (None) is listed
    all the same, and says why when chosen."""
    app = screen.app
    check = allowed or screen.check_action
    for key in AREAS[area].keys:
        if key.palette is None:
            continue
        _, action, params = parse_action(key.action)
        if check(action, params) is False:
            continue
        help = re.sub(r"[*`]", "", key.help)
        yield SystemCommand(
            key.palette,
            f"{help[:1].upper()}{help[1:]} ({keys_text(app, key)})",
            partial(_run_or_explain, screen, key, check),
        )


async def _run_or_explain(screen, key: Key, check) -> None:
    _, action, params = parse_action(key.action)
    if check(action, params) is True:
        await screen.run_action(key.action)
        return
    why = getattr(screen, "refusal", None)
    reason = why(action) if callable(why) else None
    screen.app.notify(
        reason or "Cette action ne s'applique pas ici pour l'instant.",
        title=f"{key.label} : non",
        severity="warning",
    )


def help_table(app: App | None, area: str) -> str:
    """The Markdown table of an area's keys, as the help screen shows it."""
    lines = ["| Touche | Action |", "|---|---|"]
    for key in AREAS[area].keys:
        shown = " ou ".join(f"`{show_key(k)}`" for k in current_keys(app, key))
        lines.append(f"| {shown} | {key.help} |")
    return "\n".join(lines)


_MARKER = re.compile(r"^<!-- touches : (\w+) -->$", re.MULTILINE)
_INLINE = re.compile(r"\{\{([\w.]+)\}\}")


def help_markdown(app: App | None, text: str) -> str:
    """help.md with each ``<!-- touches : AREA -->`` line replaced by the area's key table,
    and each ``{{area.action}}`` by its key (`ctrl+e`)."""
    text = _MARKER.sub(lambda m: help_table(app, m.group(1)), text)
    return _INLINE.sub(lambda m: f"`{keys_text(app, find(m.group(1)))}`", text)


def help_anchor(area: str | None) -> str | None:
    """The anchor (GitHub-style slug) of the help section of *area*."""
    from textual._slug import TrackedSlugs

    if area is None or area not in AREAS:
        return None
    return TrackedSlugs().slug(AREAS[area].title)


def refused(screen: Screen, area: str, key: str) -> Key | None:
    """The action of *area* that *key* would run if it were offered now, when it is not.
    A key may carry two actions that take turns (f8 in the profiles: deactivate an active
    one, reactivate the others): it is refused only when none of them applies."""
    first_refused = None
    for entry in AREAS[area].keys:
        if key in current_keys(screen.app, entry):
            _, action, params = parse_action(entry.action)
            if screen.check_action(action, params) is True:
                return None
            first_refused = first_refused or entry
    return first_refused


# -- keys at work on a screen ---------------------------------------------------------------
def type_into(box: Input, event: events.Key) -> bool:
    """A character typed outside the screen's search or filter *box* goes on in it (and the
    focus with it), unless the key is one of the screen's own (``/`` focuses the box)."""
    char = event.character
    if not char or len(char) != 1 or not char.isprintable() or box.has_focus:
        return False
    area = getattr(box.screen, "KEYS", None)
    if area in AREAS and any(event.key in current_keys(box.app, k) for k in AREAS[area].keys):
        return False
    # Focus would select the whole box, and the next letter would replace it.
    box.select_on_focus = False
    box.value += char
    box.cursor_position = len(box.value)
    box.focus()
    event.stop()
    event.prevent_default()
    return True


def down_into(box: Widget, listing: Widget, event: events.Key, *, has_rows: bool) -> bool:
    """↓ in a search or filter *box* goes down into its *listing* (as « entrée » does), the
    cursor where it was: ↓ there did nothing."""
    if event.key != "down" or not box.has_focus or not has_rows or not listing.display:
        return False
    event.stop()
    event.prevent_default()
    listing.focus()
    return True


class FilteredList:
    """The keys of a screen made of one list and its filter box (the archives, the
    profiles): ↓ from the box into the list, a letter typed in the list into the box, a key
    that does nothing now says why; échap in the box empties it, then goes back to the list,
    and elsewhere leaves. The screen names its box, its list and the line shown in the
    list's place when it is empty (``FILTER_BOX``, ``FILTERED_LIST``, ``EMPTY_LINE``,
    selectors)."""

    FILTER_BOX = ""
    FILTERED_LIST = ""
    EMPTY_LINE = ""

    def filter_text(self: Any) -> str:
        return self.query_one(self.FILTER_BOX).value.strip()

    def show_rows(self: Any, row: int, when_empty: str) -> None:
        """The list, or in its place the line *when_empty*; the cursor kept on row *row*, or
        the last one."""
        table = self.query_one(self.FILTERED_LIST)
        has_rows = table.row_count > 0
        table.display = has_rows
        empty = self.query_one(self.EMPTY_LINE)
        empty.display = not has_rows
        empty.update(when_empty)
        if has_rows:
            table.move_cursor(row=min(row, table.row_count - 1))

    def on_key(self: Any, event: events.Key) -> None:
        box = self.query_one(self.FILTER_BOX)
        listing = self.query_one(self.FILTERED_LIST)
        if down_into(box, listing, event, has_rows=listing.row_count > 0):
            return
        if self.focused is listing and type_into(box, event):
            return
        explain_refusal(self, event)

    def action_back(self: Any) -> None:
        """In the filter box: empty it, then back to the list; elsewhere, leave."""
        box = self.query_one(self.FILTER_BOX)
        if box.has_focus:
            if box.value:
                box.value = ""
            else:
                self.query_one(self.FILTERED_LIST).focus()
            return
        self.dismiss(None)

    def action_focus_filter(self: Any) -> None:
        self.query_one(self.FILTER_BOX).focus()


def explain_refusal(screen: Screen, event: events.Key) -> bool:
    """A key of the screen whose action does not apply now says why (the screen's
    ``refusal(action)``), instead of doing nothing."""
    area = getattr(screen, "KEYS", None)
    if area not in AREAS:
        return False
    entry = refused(screen, area, event.key)
    if entry is None:
        return False
    focused = screen.focused
    if (
        not entry.priority
        and focused is not None
        and event.key in focused._bindings.key_to_bindings
    ):
        return False  # the box uses it itself (ctrl+v in a note: paste)
    why = getattr(screen, "refusal", None)
    reason = why(parse_action(entry.action)[1]) if callable(why) else None
    if not reason:
        return False
    screen.notify(reason, title=f"{entry.label} : non", severity="warning")
    event.stop()
    event.prevent_default()
    return True


# -- the person's keymap file ----------------------------------------------------------------
def keymap_path() -> Path:
    """``touches.toml``, beside the preferences in the person's configuration folder."""
    return settings.config_path().with_name("touches.toml")


def _valid_key(name: str) -> bool:
    *mods, last = name.split("+")
    if any(m not in _MODIFIERS for m in mods) or not last:
        return False
    return len(last) == 1 or last in _KEY_NAMES


def _flatten(table: dict, prefix: str = "") -> Iterable[tuple[str, object]]:
    for name, value in table.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", value


def parse_keymap(text: str, where: str = "touches.toml") -> tuple[dict[str, str], list[str]]:
    """The keymap a file asks for, and what was wrong with it (French sentences).

    An unreadable file gives no keymap at all (the defaults); an entry that is wrong is left
    out (its default stays) and said."""
    try:
        data = tomllib.loads(text)
        entries = list(_flatten(data))
    except (tomllib.TOMLDecodeError, RecursionError) as exc:  # RecursionError: nested too deep
        found = re.search(r"line (\d+), column (\d+)", str(exc))
        at = f", ligne {found.group(1)}" if found else ""
        return {}, [
            f"{where}{at} : ce n'est pas du TOML lisible (une ligne par action : "
            'nom = "touche") ; les touches par défaut restent.'
        ]
    keymap: dict[str, str] = {}
    problems: list[str] = []
    known = {k.id: (area, k) for area in AREAS.values() for k in area.keys}
    for name, value in entries:
        if name not in known:
            problems.append(
                f"« {name} » n'est pas une action de Binôme (la liste : binome touches) : ignorée."
            )
            continue
        area, _ = known[name]
        if not isinstance(value, str) or not value.strip():
            problems.append(
                f'« {name} » : la touche s\'écrit entre guillemets, par exemple "ctrl+e" : ignorée.'
            )
            continue
        chosen = [k.strip().lower() for k in value.split(",") if k.strip()]
        bad = [k for k in chosen if not _valid_key(k)]
        if bad:
            problems.append(
                f"« {name} » : « {bad[0]} » n'est pas une touche connue (ex. "
                "ctrl+e, f7, escape) : ignorée."
            )
            continue
        taken = [k for k in chosen if k in RESERVED]
        if taken:
            problems.append(
                f"« {name} » : {show_key(taken[0])} est réservée (tabulation, entrée) : ignorée."
            )
            continue
        if area.letters_type and any(len(k) == 1 for k in chosen):
            problems.append(
                f"« {name} » : une lettre seule est tapée dans la recherche de cet "
                "écran ; choisissez une touche ctrl+… ou F… : ignorée."
            )
            continue
        keymap[name] = ",".join(chosen)
    problems += _clashes(keymap)
    return keymap, problems


def _clashes(keymap: dict[str, str]) -> list[str]:
    """Two actions of one screen on one key: the one the file moved there is dropped."""
    problems = []
    for area in AREAS.values():
        scope = [area] if area.name == "app" else [area, AREAS["app"]]
        taken: dict[str, Key] = {}
        for key in (k for a in scope for k in a.keys):
            for name in keymap.get(key.id, key.keys).split(","):
                other = taken.get(name)
                if other is not None and other.id != key.id:
                    moved = key if key.id in keymap else other
                    if moved.id in keymap:
                        kept = other if moved is key else key
                        problems.append(
                            f"« {moved.id} » : {show_key(name)} est déjà la touche de "
                            f"« {kept.id} » : ignorée."
                        )
                        del keymap[moved.id]
                        return problems + _clashes(keymap)
                taken[name] = key
    return problems


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], list[str]]:
    """The person's keymap file (none: the defaults, no problem)."""
    path = path or keymap_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError):
        return {}, [
            f"Le fichier de touches {path.name} est illisible : les touches par défaut restent."
        ]
    return parse_keymap(text, path.name)


def describe(app: App | None = None) -> Iterator[tuple[str, str, str, str]]:
    """(id, default keys, current keys, what it does) for every action: `binome touches`."""
    for area in AREAS.values():
        for key in area.keys:
            current = ",".join(current_keys(app, key))
            yield key.id, key.keys, current, re.sub(r"[*`]", "", key.help)
