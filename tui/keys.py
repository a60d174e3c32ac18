"""Every key of the app, written once: the bindings, the command palette and the help screen
are all built from this registry, and a person's keymap file changes them all at once.

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
from pathlib import Path
from typing import TYPE_CHECKING

from textual.actions import parse as parse_action
from textual.app import SystemCommand
from textual.binding import Binding
from textual.keys import Keys, _character_to_key

from tui import settings

if TYPE_CHECKING:
    from textual import events
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Input


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


@dataclass(frozen=True)
class Area:
    """The keys of one screen (or dialog), and where the help speaks of it."""

    name: str
    title: str  # the help section's heading, as written in help.md
    keys: tuple[Key, ...]
    # A letter typed there goes to the screen's search or filter box: no action on a letter.
    letters_type: bool = False


def _k(id: str, keys: str, action: str, label: str, help: str, palette: str | None = None,
       **rest: bool) -> Key:  # fmt: skip
    return Key(id, keys, action, label, help, palette, **rest)


AREAS: dict[str, Area] = {}


def _area(name: str, title: str, *keys: Key, letters_type: bool = False) -> None:
    AREAS[name] = Area(name, title, tuple(keys), letters_type)


_area(
    "app",
    "Les espaces de Binôme",
    _k("app.aide", "f1", "help", "Aide", "l'aide de l'écran en cours",
       "Aide : raccourcis et mode d'emploi", priority=True),
    _k("app.ressources", "f2", "area('ressources')", "Ressources",
       "chercher dans la base de ressources partenariale", "Aller : Ressources", priority=True),
    _k("app.portefeuille", "f3", "area('portefeuille')", "Portefeuille",
       "les demandeurs que vous suivez, leurs échéances et alertes", "Aller : Portefeuille",
       priority=True),
    _k("app.sectorisation", "f4", "area('sectorisation')", "Sectorisation",
       "MDS, site et ASS d'une commune", "Aller : Sectorisation", priority=True),
    _k("app.indicateurs", "f5", "area('indicateurs')", "Indicateurs",
       "indicateurs de pilotage de la convention (annexe 3)", "Aller : Indicateurs",
       priority=True),
    _k("app.afaire", "f6", "area('afaire')", "À faire",
       "fiches à actualiser (revue annuelle) et erreurs signalées", "Aller : À faire",
       priority=True),
    _k("app.quitter", "ctrl+q", "quit", "Quitter",
       "quitter Binôme (une question d'abord si un formulaire n'est pas enregistré)",
       "Application : quitter", priority=True),
)  # fmt: skip

_area(
    "ressources",
    "Rechercher une ressource",
    _k("ressources.rechercher", "ctrl+f,slash", "focus_search", "Rechercher",
       "aller à la zone de recherche", "Ressources : rechercher"),
    _k("ressources.fiche", "enter", "fiche", "Fiche",
       "fiche orientation pour la personne (depuis les résultats)",
       "Ressources : fiche orientation"),
    _k("ressources.copier", "ctrl+c", "copy_contact", "Copier",
       "copier le bloc contact (nom, adresse, téléphone, courriel, horaires)",
       "Ressources : copier le contact"),
    _k("ressources.modifier", "ctrl+e", "edit", "Modifier",
       "modifier la fiche (si votre partenaire la tient)", "Ressources : modifier la fiche"),
    _k("ressources.toujours_exact", "ctrl+k", "confirm", "Toujours exact",
       "**toujours exact** : la fiche est vérifiée aujourd'hui (une confirmation est demandée)",
       "Ressources : toujours exact"),
    _k("ressources.historique", "ctrl+o", "history", "Historique",
       "historique de la fiche : qui a changé quoi, quand ; restaurer une version",
       "Ressources : historique de la fiche"),
    _k("ressources.signaler", "ctrl+g", "report", "Signaler",
       "**signaler une information erronée** au partenaire qui tient la fiche",
       "Ressources : signaler une information erronée"),
    _k("ressources.archiver", "ctrl+x", "archive", "Archiver",
       "archiver la fiche (une confirmation est demandée)", "Ressources : archiver la fiche"),
    _k("ressources.nouvelle", "ctrl+n", "new", "Nouvelle fiche", "nouvelle fiche",
       "Ressources : nouvelle fiche"),
    _k("ressources.thematique", "ctrl+t", "focus_thematique", "Thématique",
       "filtre thématique (22 thématiques)", "Filtres : thématique"),
    _k("ressources.commune", "ctrl+l", "focus_commune", "Commune",
       "commune de la personne (nom, sans accent, abrégé « st », ou code postal)",
       "Filtres : commune"),
    _k("ressources.effacer_filtres", "ctrl+r", "clear_filters", "Effacer les filtres",
       "effacer tous les filtres", "Filtres : tout effacer"),
    _k("ressources.retour", "escape", "escape", "Retour à la recherche",
       "revenir à la recherche (une deuxième fois : l'effacer)", show=False),
    letters_type=True,
)  # fmt: skip

_area(
    "portefeuille",
    "Portefeuille (F3)",
    _k("portefeuille.filtrer", "ctrl+f,slash", "focus_filter", "Filtrer",
       "filtrer par nom, prénom ou commune (une lettre tapée dans la liste y va aussi)",
       "Portefeuille : filtrer"),
    _k("portefeuille.ouvrir", "enter", "open", "Ouvrir", "ouvrir le dossier du demandeur",
       "Portefeuille : ouvrir le dossier"),
    _k("portefeuille.trier", "ctrl+t", "sort", "Trier",
       "changer le tri : nom, échéance, alertes, commune, état (ou cliquer sur une colonne ; "
       "un second clic inverse)", "Portefeuille : trier"),
    _k("portefeuille.alertes", "ctrl+a", "toggle_alertes", "Alertes",
       "seulement les dossiers avec une alerte", "Portefeuille : alertes seulement"),
    _k("portefeuille.nouvelle", "ctrl+n", "nouvelle", "Nouvelle prescription",
       "saisir la fiche de liaison d'un nouveau demandeur",
       "Portefeuille : nouvelle prescription"),
    _k("portefeuille.effacer_filtres", "ctrl+r", "clear_filters", "Effacer les filtres",
       "effacer les filtres", "Portefeuille : effacer les filtres", show=False),
    _k("portefeuille.retour", "escape", "escape", "Retour à la liste",
       "revenir à la liste (dans le filtre : l'effacer)", show=False),
    letters_type=True,
)  # fmt: skip

_area(
    "afaire",
    "À faire (F6)",
    _k("afaire.filtrer", "ctrl+f,slash", "focus_filter", "Filtrer",
       "filtrer les trois listes par nom de fiche, auteur ou commentaire (une lettre tapée "
       "dans une liste y va aussi)", "À faire : filtrer"),
    _k("afaire.ouvrir", "enter", "open", "Ouvrir",
       "ouvrir : le formulaire si vous tenez la fiche, sinon son détail dans Ressources"),
    _k("afaire.toujours_exact", "ctrl+k", "confirm", "Toujours exact",
       "toujours exact (une confirmation est demandée)", "À faire : toujours exact"),
    _k("afaire.modifier", "ctrl+e", "edit", "Modifier", "modifier la fiche",
       "À faire : modifier la fiche"),
    _k("afaire.traite", "ctrl+t", "handled", "Signalement traité",
       "signalement traité : il quitte la liste (une confirmation est demandée)",
       "À faire : signalement traité"),
    _k("afaire.historique", "ctrl+o", "history", "Historique", "historique de la fiche",
       "À faire : historique de la fiche"),
    _k("afaire.voir", "ctrl+b", "ressources", "Voir dans Ressources",
       "voir la fiche dans Ressources", "À faire : voir dans Ressources"),
    _k("afaire.partenaire", "ctrl+a", "focus_partenaire", "Partenaire",
       "choisir le partenaire (administrateur)", "À faire : choisir le partenaire",
       show=False),
    _k("afaire.retour", "escape", "escape", "Retour à la liste",
       "revenir aux listes (dans le filtre : l'effacer)", show=False),
    letters_type=True,
)  # fmt: skip

_area(
    "sectorisation",
    "Sectorisation (F4)",
    _k("sectorisation.commune", "ctrl+f,slash", "focus_commune", "Commune",
       "saisir une commune (une lettre tapée dans la liste des ASS y va aussi)",
       "Sectorisation : chercher une commune"),
    _k("sectorisation.rattacher", "ctrl+e", "rattacher", "Rattacher à un autre site",
       "rattacher la commune à un autre site (responsable de la MDS ou administrateur ; une "
       "confirmation est demandée)", "Sectorisation : rattacher à un autre site"),
    _k("sectorisation.retour", "escape", "focus_commune", "Retour à la saisie",
       "revenir à la saisie de la commune", show=False),
    letters_type=True,
)  # fmt: skip

_area(
    "indicateurs",
    "Indicateurs (F5)",
    _k("indicateurs.exporter", "ctrl+s", "export", "Exporter en CSV",
       "exporter en CSV (séparateur `;`, lisible par un tableur) dans *Documents/Binome*, ou "
       "téléchargé dans un navigateur", "Indicateurs : exporter en CSV"),
    _k("indicateurs.annee", "ctrl+a", "focus_annee", "Année", "choisir l'année",
       "Indicateurs : année"),
    _k("indicateurs.periode", "ctrl+t", "focus_periode", "Période",
       "choisir la période (année entière ou trimestre)", "Indicateurs : période"),
)  # fmt: skip

_area(
    "demandeur",
    "Dossier du demandeur",
    _k("demandeur.retour", "escape", "back", "Retour",
       "retour au portefeuille (depuis la note : retour aux actions)",
       "Demandeur : retour au portefeuille"),
    _k("demandeur.actions", "ctrl+a", "focus_actions", "Actions",
       "aller aux actions du parcours (`entrée` pour en choisir une)",
       "Demandeur : étape du parcours"),
    _k("demandeur.pourquoi", "ctrl+g", "why_not", "Étapes non proposées",
       "les étapes que les règles ne permettent pas aujourd'hui, et la règle qui refuse chacune",
       "Demandeur : pourquoi une étape n'est pas proposée"),
    _k("demandeur.note", "ctrl+n", "focus_note", "Note",
       "écrire une note (une lettre tapée hors de la note y va aussi ; `entrée` l'enregistre)",
       "Demandeur : ajouter une note"),
    _k("demandeur.ressources", "ctrl+r", "ressources", "Ressources pour ses freins",
       "**ressources pour ses freins** : la base de ressources autour de sa commune, sur la "
       "thématique du frein périphérique choisi", "Demandeur : ressources pour ses freins"),
    _k("demandeur.modifier", "ctrl+e", "modifier", "Modifier la fiche",
       "modifier la fiche de liaison (adresse, situation, freins…)",
       "Demandeur : modifier la fiche de liaison"),
    _k("demandeur.designer", "ctrl+d", "designer", "Désigner l'ASS",
       "désigner l'ASS parmi celles du secteur (la moins chargée proposée)",
       "Demandeur : désigner l'ASS"),
    _k("demandeur.rendez_vous", "ctrl+v", "rendez_vous", "Rendez-vous ASS",
       "**rendez-vous avec l'ASS** : jour, heure, site de la MDS (pour le courrier)",
       "Demandeur : rendez-vous avec l'ASS"),
    _k("demandeur.documents", "ctrl+o", "documents", "Documents PDF",
       "**documents PDF** : la fiche de liaison (annexe 4) ou le courrier au demandeur, "
       "enregistrés dans Documents/Binome", "Demandeur : documents PDF"),
    letters_type=True,
)  # fmt: skip

_area(
    "rgpd",
    "Données personnelles (RGPD, administrateur)",
    _k("rgpd.retour", "escape", "back", "Retour", "revenir à l'écran précédent"),
    _k("rgpd.journal", "ctrl+r", "journal", "Journal",
       "le journal des accès et des modifications (qui, quand, quoi) ; `entrée` aussi",
       "RGPD : journal des accès"),
    _k("rgpd.acces", "ctrl+s", "export", "Droit d'accès",
       "le **droit d'accès** : tout ce que la base détient sur la personne, enregistré en "
       "texte et en JSON dans *Documents/Binome* (téléchargé depuis un navigateur)",
       "RGPD : droit d'accès"),
    _k("rgpd.limiter", "ctrl+l", "limiter", "Limiter / lever",
       "limiter le dossier (gelé, masqué des listes) ou lever la limitation",
       "RGPD : limiter ou lever la limitation"),
    _k("rgpd.effacer", "f8", "effacer", "Effacer",
       "**effacer** le dossier, après confirmation : plus aucune trace de la personne dans le "
       "fichier ; les indicateurs passés ne changent pas", "RGPD : effacer le dossier"),
    _k("rgpd.apercu", "ctrl+o", "apercu", "Aperçu de la purge",
       "l'aperçu de la **purge** : les dossiers dont la durée de conservation est échue "
       "(« Purger… » les efface après confirmation)", "RGPD : aperçu de la purge"),
    letters_type=True,
)  # fmt: skip

_area(
    "fiche",
    "Fiche orientation",
    _k("fiche.fermer", "escape", "close", "Fermer", "fermer la fiche"),
    _k("fiche.copier", "c", "copy", "Copier", "copier la fiche (pour un courriel)"),
    _k("fiche.enregistrer", "s,ctrl+s", "save", "Enregistrer",
       "l'enregistrer en fichier texte imprimable dans *Documents/Binome* (dans un "
       "navigateur, la fiche est téléchargée)"),
)  # fmt: skip

_area(
    "choix",
    "Les espaces de Binôme",
    _k("choix.annuler", "escape", "cancel", "Annuler", "fermer la liste sans choisir"),
)

_area(
    "formulaire",
    "Dossier du demandeur",
    _k("formulaire.annuler", "escape", "cancel", "Annuler", "fermer sans enregistrer"),
    _k("formulaire.enregistrer", "ctrl+s", "submit", "Enregistrer", "enregistrer"),
)

_area(
    "autre_ass",
    "Dossier du demandeur",
    _k("autre_ass.designer", "ctrl+s", "submit", "Désigner",
       "désigner l'ASS d'une autre MDS (la raison est demandée)"),
)  # fmt: skip

_area(
    "fiche_liaison",
    "Dossier du demandeur",
    _k("fiche_liaison.enregistrer", "ctrl+s", "save", "Enregistrer",
       "enregistrer la fiche de liaison"),
    _k("fiche_liaison.quitter", "escape", "leave", "Quitter",
       "quitter (si quelque chose a changé : « Quitter sans enregistrer ? »)"),
)  # fmt: skip

_area(
    "synchronisation",
    "Synchroniser avec data·inclusion",
    _k("synchronisation.fermer", "escape", "close", "Fermer", "fermer"),
)

_area(
    "connexion",
    "Dans un navigateur (connexion)",
    _k("connexion.quitter", "ctrl+q", "app.quit", "Quitter", "quitter", priority=True),
)

_area(
    "edition",
    "Modifier une fiche ou en créer une",
    _k("edition.enregistrer", "ctrl+s", "save", "Enregistrer", "enregistrer", priority=True),
    _k("edition.quitter", "escape", "leave", "Quitter",
       "quitter (si quelque chose a changé : « Quitter sans enregistrer ? »)"),
)  # fmt: skip

_area(
    "conflit",
    "Modifier une fiche ou en créer une",
    _k("conflit.mienne", "m", "choose('mine')", "Garder ma version",
       "**garder ma version** : vos changements par-dessus la sienne"),
    _k("conflit.leur", "l", "choose('theirs')", "Reprendre la leur",
       "**reprendre la leur** : le formulaire rechargé avec la fiche enregistrée"),
    _k("conflit.retour", "escape", "choose(None)", "Revenir au formulaire",
       "revenir au formulaire"),
)  # fmt: skip

_area(
    "historique",
    "Historique",
    _k("historique.fermer", "escape", "close", "Fermer", "fermer l'historique"),
    _k("historique.restaurer", "r", "restore", "Restaurer cette version",
       "**restaurer** la version en surbrillance (après confirmation)"),
)  # fmt: skip

_area(
    "signalement",
    "Tenir la base à jour",
    _k("signalement.annuler", "escape", "cancel", "Annuler", "ne rien envoyer"),
    _k("signalement.envoyer", "ctrl+s", "submit", "Envoyer", "envoyer le signalement"),
)  # fmt: skip

_area(
    "confirmation",
    "Confirmer",
    _k("confirmation.non", "escape,n", "answer(False)", "Annuler", "ne rien faire"),
    _k("confirmation.oui", "o,y", "answer(True)", "Confirmer", "confirmer"),
)

_area(
    "information",
    "Dossier du demandeur",
    _k("information.fermer", "escape,enter", "close", "Fermer", "fermer"),
)

_area(
    "aide",
    "Aide",
    _k("aide.fermer", "escape,f1,q", "dismiss", "Fermer l'aide", "fermer l'aide"),
)

# Keys no binding of this app may take from a person (Textual's own, or the terminal's).
RESERVED = {"ctrl+i", "ctrl+m", "ctrl+j", "ctrl+h", "tab", "shift+tab", "ctrl+p"}
_MODIFIERS = {"ctrl", "shift", "alt", "super", "meta", "hyper"}
_KEY_NAMES = {k.value for k in Keys} | set(_character_to_key(c) for c in
              "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")  # fmt: skip


# -- building bindings, palette entries and help from the registry ---------------------------
def bindings(area: str) -> list[Binding]:
    """The ``BINDINGS`` of a screen, each with its id (for the keymap file)."""
    return [
        Binding(k.keys, k.action, k.label, show=k.show, priority=k.priority, id=k.id)
        for k in AREAS[area].keys
    ]


def current_keys(app: App | None, key: Key) -> list[str]:
    """The keys that run *key* now: the person's keymap, else the default."""
    keymap: dict[str, str] = getattr(app, "_keymap", {}) if app is not None else {}
    chosen = keymap.get(key.id, key.keys)
    return [k.strip() for k in chosen.split(",") if k.strip()]


_SHOWN = {"enter": "entrée", "escape": "échap", "slash": "/", "space": "espace",
          "exclamation_mark": "!", "question_mark": "?", "delete": "suppr", "backspace": "⌫",
          "pageup": "page précédente", "pagedown": "page suivante", "up": "↑", "down": "↓",
          "left": "←", "right": "→", "home": "début", "end": "fin"}  # fmt: skip


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
    screen.app.notify(reason or "Cette action ne s'applique pas ici pour l'instant.",
                      title=f"{key.label} : non", severity="warning")  # fmt: skip


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
    """The action of *area* that *key* would run if it were offered now, when it is not."""
    for entry in AREAS[area].keys:
        if key in current_keys(screen.app, entry):
            _, action, params = parse_action(entry.action)
            if screen.check_action(action, params) is not True:
                return entry
            return None
    return None


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
    if focused is not None and event.key in focused._bindings.key_to_bindings:
        return False  # the box uses it itself (ctrl+e: end of line)
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
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+), column (\d+)", str(exc))
        at = f", ligne {found.group(1)}" if found else ""
        return {}, [f"{where}{at} : ce n'est pas du TOML lisible (une ligne par action : "
                    "nom = \"touche\") ; les touches par défaut restent."]  # fmt: skip
    keymap: dict[str, str] = {}
    problems: list[str] = []
    known = {k.id: (area, k) for area in AREAS.values() for k in area.keys}
    for name, value in _flatten(data):
        if name not in known:
            problems.append(f"« {name} » n'est pas une action de Binôme (la liste : "
                            "binome touches) : ignorée.")  # fmt: skip
            continue
        area, _ = known[name]
        if not isinstance(value, str) or not value.strip():
            problems.append(f"« {name} » : la touche s'écrit entre guillemets, par exemple "
                            "\"ctrl+e\" : ignorée.")  # fmt: skip
            continue
        chosen = [k.strip().lower() for k in value.split(",") if k.strip()]
        bad = [k for k in chosen if not _valid_key(k)]
        if bad:
            problems.append(f"« {name} » : « {bad[0]} » n'est pas une touche connue (ex. "
                            "ctrl+e, f7, escape) : ignorée.")  # fmt: skip
            continue
        taken = [k for k in chosen if k in RESERVED]
        if taken:
            problems.append(f"« {name} » : {show_key(taken[0])} est réservée (tabulation, "
                            "entrée, palette) : ignorée.")  # fmt: skip
            continue
        if area.letters_type and any(len(k) == 1 for k in chosen):
            problems.append(f"« {name} » : une lettre seule est tapée dans la recherche de cet "
                            "écran ; choisissez une touche ctrl+… ou F… : ignorée.")  # fmt: skip
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
        return {}, [f"Le fichier de touches {path.name} est illisible : les touches par "
                    "défaut restent."]  # fmt: skip
    return parse_keymap(text, path.name)


def describe(app: App | None = None) -> Iterator[tuple[str, str, str, str]]:
    """(id, default keys, current keys, what it does) for every action: `binome touches`."""
    for area in AREAS.values():
        for key in area.keys:
            current = ",".join(current_keys(app, key))
            yield key.id, key.keys, current, re.sub(r"[*`]", "", key.help)
