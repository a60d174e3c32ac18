"""The Ressources screen: search the base during an interview.

The search box has focus on start; results follow each keystroke (the search runs in a
worker thread, a newer keystroke cancels the older search); the detail pane shows what is
needed to orient someone.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select
from textual.widgets.data_table import RowKey
from textual.worker import get_current_worker

from ressources import edition
from ressources.errors import BinomeError
from ressources.gazetteer import Commune
from ressources.horaires import humanize
from ressources.models import FRAIS_LABELS, PUBLIC_LABELS
from ressources.search import LISTED_AFTER, Hit, SearchFilters, SearchResult
from ressources.sync import quality_score
from ressources.text import counted, distance_text
from tui import keys
from tui.base import BinomeScreen
from tui.keys import down_into, explain_refusal, type_into
from tui.screens.common import commune_forms, result_name_forms
from tui.screens.dialogs.confirm import ask
from tui.screens.edition.actions import (
    archive_entry,
    confirm_entry,
    edit_entry,
    history_of,
    report_entry,
)
from tui.screens.edition.common import author_name, field_label, may_create, may_edit, owner_name
from tui.screens.fiche import FicheScreen
from tui.widgets.commune import CommuneChoices, CommuneInput, ambiguity
from tui.widgets.footer import AreaFooter
from tui.widgets.header import BinomeHeader
from tui.widgets.result_list import Cell, ResultList, Row
from tui.widgets.search_box import SearchBox
from tui.widgets.text_pane import TextPane

RESULT_LIMIT = 50
# Marks an entry not confirmed for 12 months (« à actualiser »), in the results and detail.
STALE_MARK = "⚠"
# Modes d'accueil and who may ask for a service (data·inclusion values), in French.
MODES_ACCUEIL = {"en-presentiel": "sur place", "a-distance": "à distance"}
MOBILISABLE_PAR = {
    "usagers": "la personne elle-même",
    "professionnels": "un professionnel",
    "aidants": "un aidant",
    "beneficiaires": "la personne elle-même",
}
RAYONS = [("5 km", 5.0), ("10 km", 10.0), ("20 km", 20.0), ("30 km", 30.0), ("50 km", 50.0)]
WELCOME = Text.assemble(
    ("Rechercher une ressource\n\n", "bold"),
    "Tapez quelques mots : ",
    ("épicerie solidaire moissac", "bold"),
    ", ",
    ("logement", "bold"),
    ", ",
    ("psy", "bold"),
    ", ",
    ("CAF", "bold"),
    ", ",
    ("garde d'enfants", "bold"),
    ", ",
    ("un toit ce soir", "bold"),
    "…\n\n",
    "• Les fautes de frappe, les accents oubliés et les sigles sont compris.\n",
    "• Une commune dans la recherche (ou dans le filtre Commune) classe d'abord ce qui est "
    "sur place, puis par distance.\n",
    "• ",
    ("F1", "bold"),
    " : aide · ",
    ("ctrl+p", "bold"),
    " : toutes les commandes",
)
NO_RESULT = Text.assemble(
    ("Aucune ressource\n\n", "bold"),
    "Essayez moins de mots, un synonyme, ou retirez un filtre (",
    ("ctrl+r", "bold"),
    ").",
)


class ResultsTable(ResultList):
    """The results: ``entrée`` opens the fiche orientation, and the footer says so."""

    BINDINGS = keys.select_binding("ressources.fiche")


class ResourcesScreen(BinomeScreen[None]):
    """Search, filter, read, copy, print."""

    # Under 100 columns the detail pane goes under the results, and the filters on two
    # lines: the results keep the width for a name, its commune and distance (app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    KEYS = "ressources"
    # What changes the base, and every action, is on keys nobody types by accident while
    # searching: a letter typed in the results goes to the search box (tui/keys.py).
    BINDINGS = keys.bindings("ressources")

    def __init__(self) -> None:
        super().__init__()
        self.hits: dict[str, Hit] = {}
        self.current: Hit | None = None
        self.commune: Commune | None = None
        self.last_result: SearchResult | None = None
        # The editable record of the highlighted entry, and whether this profile may edit it.
        self.record: dict | None = None
        self.can_edit = False
        self._offered: tuple | None = None  # what the footer was last built for
        self._generation = 0
        self._keep: str | None = None
        self._keep_after_typing: str | None = None
        # What the detail pane shows next, drawn after the list (see _show_result).
        self._pending_detail: Hit | Text | None = None
        # (profile, base version) the results on view were found for.
        self._seen: tuple = (None, 0)

    # -- layout -------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        engine = self.app.engine
        yield BinomeHeader()
        with Vertical(id="search-panel"):
            yield SearchBox(
                placeholder="Rechercher : mots, sigles, commune… (ex. épicerie solidaire moissac)",
                id="query",
            )
            with Horizontal(id="filters"):
                yield Select(
                    [(t.label, t.slug) for t in engine.thematiques.items],
                    prompt="Toutes thématiques",
                    id="thematique",
                    compact=True,
                )
                yield CommuneInput(placeholder="Commune de la personne", id="commune", compact=True)
                yield Select(RAYONS, prompt="Sans rayon", id="rayon", compact=True)
                yield Select(
                    [(label, key) for key, label in PUBLIC_LABELS.items() if key != "tous-publics"],
                    prompt="Tous publics",
                    id="public",
                    compact=True,
                )
                yield Select(
                    [("Gratuit", "gratuit"), ("Payant", "payant")],
                    prompt="Gratuit et payant",
                    id="frais",
                    compact=True,
                )
            yield Label("", id="commune-status", markup=False)  # quotes what was typed
            yield CommuneChoices("commune")
        with Horizontal(id="body"):
            with Vertical(id="results-panel"):
                yield Label("", id="status")
                yield ResultsTable(id="results")
            yield TextPane(WELCOME, id="detail")
        yield AreaFooter(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#results", ResultList)
        # What orients the person stays: the name (as long as room allows), the commune and
        # the distance; the structure then the thématiques give way first (the detail pane
        # has them), issue 13.
        table.add_column("Nom", key="nom", width=40, min_width=36, grow=True, overflow="ellipsis")
        table.add_column("Structure", key="structure", width=24, min_width=16, priority=2)
        # As wide as the results' communes need as road signs shorten them, up to 23, the
        # longest of the 82 (« St-Nazaire-de-Valentane »), and never narrower: the commune
        # is what tells two results apart, whole at every width (a column of 20 cut
        # « St-Nicolas-de-la-Grave » and nine others, with no « … »); a list of short names
        # leaves the room to the results' names.
        table.add_column(
            "Commune", key="commune", max_width=23, min_width=23, by_shortest_form=True
        )
        table.add_column("Dist.", key="distance", width=6)
        table.add_column("Thématiques", key="thematiques", width=30, min_width=16, priority=1)
        self.query_one("#query", Input).focus()
        self._set_status("Tapez une recherche, ou choisissez une thématique ou une commune.")
        self.warm_up()

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False)
    def warm_up(self) -> None:
        """Load the search vocabulary (and its phonetic keys) before the first keystroke,
        in the background: the first search then answers as fast as the others."""
        self.app.engine.warm_up()

    @on(ResultList.RowHighlighted, "#results")
    def _results_focused_again(self) -> None:
        self.query_one("#query", Input).select_on_focus = True

    def on_key(self, event: events.Key) -> None:
        # ↓ in the search box goes down into the results (the help says « ↑↓ results »).
        results = self.query_one("#results", ResultList)
        query = self.query_one("#query", Input)
        if down_into(query, results, event, has_rows=bool(results.row_count)):
            return
        # A character typed while the results list has focus goes on in the search box; a
        # key whose action does not apply here says why.
        if isinstance(self.focused, ResultList) and type_into(
            self.query_one("#query", Input), event
        ):
            return
        explain_refusal(self, event)

    def _state(self) -> tuple:
        profil = self.app.profil
        return (profil.id if profil else None, self.app.base_version)

    def on_screen_resume(self) -> None:
        # Back from another area or a dialog: if the base or the profile moved meanwhile,
        # the results (and what may be done to them) are found again.
        if self.last_result is not None and self._seen != self._state():
            self.refresh_search(keep=self.current.resource.id if self.current else None)

    def profil_changed(self) -> None:
        self.on_screen_resume()

    def forget_filters(self) -> None:
        """The search and its filters emptied for the next profile
        (``BinomeApp._forget_filters``)."""
        self._clear_filters()
        self.query_one("#query", Input).value = ""

    # -- searching ----------------------------------------------------------------------
    def filters(self) -> SearchFilters:
        def value(select_id: str):
            selected = self.query_one(select_id, Select).value
            return None if selected is Select.NULL else selected

        return SearchFilters(
            thematique=value("#thematique"),
            public=value("#public"),
            frais=value("#frais"),
            commune=self.commune.code_insee if self.commune else None,
            rayon_km=value("#rayon") if self.commune else None,
        )

    def refresh_search(self, keep: str | None = None) -> None:
        """Search again; *keep*: the entry to leave the cursor on if it is still found."""
        self._keep = keep
        self._seen = self._state()
        self._generation += 1
        query = self.query_one("#query", Input).value
        self.run_search(query, self.filters(), self._generation)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str, filters: SearchFilters, generation: int) -> None:
        result = self.app.engine.search(query, filters, limit=RESULT_LIMIT, typing=True)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_result, result, generation)

    def show_result(self, result: SearchResult, generation: int) -> None:
        if generation != self._generation:
            return  # a newer search is on its way
        # The list, the status line and the detail change together: drawn once.
        with self.app.batch_update():
            self._show_result(result)

    def _show_result(self, result: SearchResult) -> None:
        self.last_result = result
        table = self.query_one("#results", ResultList)
        self.hits = {h.resource.id: h for h in result.hits}
        labels = self.app.engine.thematiques
        today = self.app.clock()
        stale = ineligible = 0
        rows = []
        for hit in result.hits:
            r = hit.resource
            distance = "" if hit.remote_only else distance_text(hit.distance_km)
            themes = ", ".join(labels.label(t) for t in r.thematiques_locales)
            marker = None
            if edition.review_overdue(r.date_revue, today):
                stale += 1
                marker = Text(STALE_MARK, style="bold")
            commune = "à distance" if hit.remote_only else r.commune
            forms = result_name_forms(r.nom, r.commune, r.structure_nom)
            name: Cell = forms
            if hit.ineligible:  # listed after the others: dimmed, the status line says why
                ineligible += 1
                name = tuple(Text(form, style="dim") for form in forms)
            cells: dict[str, Cell] = {
                "nom": name,
                "structure": r.structure_nom,
                "commune": commune_forms(commune),
                "distance": distance,
                "thematiques": themes,
            }
            rows.append(Row(RowKey(r.id), cells, marker))
        keep, self._keep = self._keep, None
        index = next((i for i, h in enumerate(result.hits) if h.resource.id == keep), 0)
        table.set_rows(rows, cursor_row=index)
        self._set_status(self._describe(result, stale, ineligible))
        first = result.hits[index] if result.hits else None
        self._set_current(first)
        if first is not None:
            self._pending_detail = first
        elif result.query.strip() or self._any_filter():
            self._pending_detail = NO_RESULT
        else:
            self._pending_detail = WELCOME
        # The detail is drawn once the list is on screen, in a frame of its own: the list is
        # what a person watches while typing, and the detail's new height lays the screen
        # out again. A newer list before then draws its own detail instead (one for both).
        self.call_after_refresh(self._draw_pending_detail)

    def _draw_pending_detail(self) -> None:
        detail, self._pending_detail = self._pending_detail, None
        if detail is not None:
            text = self.detail_text(detail) if isinstance(detail, Hit) else detail
            self.query_one("#detail", TextPane).update(text)

    def _any_filter(self) -> bool:
        f = self.filters()
        return bool(f.thematique or f.public or f.frais or f.commune)

    def _describe(self, result: SearchResult, stale: int = 0, ineligible: int = 0) -> str:
        if not result.query.strip() and not self._any_filter():
            return "Tapez une recherche, ou choisissez une thématique ou une commune."
        # Each part as said in full, and as said when the line has no room for it.
        parts: list[tuple[str, str]] = []
        count = result.total
        parts.append((counted(count, "ressource"),) * 2)
        if count > len(result.hits):
            parts.append((f"{len(result.hits)} premières affichées",) * 2)
        if stale:
            parts.append((f"{STALE_MARK} {stale} à actualiser",) * 2)
        if result.commune is not None:
            around = f"autour de {result.commune.nom}"
            how = " (lue dans la recherche)" if result.commune_from_query else ""
            parts.append((around + how, around))
        if result.relaxed:
            parts.append(("aucune n'a tous les mots : les plus proches",) * 2)
        if ineligible:
            parts.append(
                (f"{ineligible} pour un autre public, en gris", f"{ineligible} autre public (gris)")
            )
        if result.ignored:
            parts.append((f"mots absents de la base : {', '.join(result.ignored)}",) * 2)
        if any(h.resource.demo for h in result.hits):
            parts.append(("données de démonstration (fictives)", "démo (fictives)"))
        return self._fitted(parts)

    def _fitted(self, parts: list[tuple[str, str]]) -> str:
        """*parts* joined, each said short from the last while the whole does not fit the
        status line's lines (« données de démonstration (fictives) » was cut at 80 columns)."""
        status = self.query_one("#status", Label)
        width, lines = status.content_size.width, max(status.content_size.height, 2)
        said = [full for full, _ in parts]
        for i in reversed(range(len(parts))):
            text = " · ".join(said)
            if width <= 0 or len(Text(text).wrap(self.app.console, width)) <= lines:
                return text
            said[i] = parts[i][1]
        return " · ".join(said)

    def _set_status(self, text: str) -> None:
        # One line of a fixed width: no new layout of the screen at every keystroke.
        self.query_one("#status", Label).update(text, layout=False)

    # -- events -------------------------------------------------------------------------
    @on(Input.Changed, "#query")
    def query_changed(self) -> None:
        keep, self._keep_after_typing = self._keep_after_typing, None
        self.refresh_search(keep=keep)

    @on(Input.Submitted, "#query")
    def query_submitted(self) -> None:
        table = self.query_one("#results", ResultList)
        if table.row_count:
            table.focus()

    @on(Select.Changed)
    def filter_changed(self) -> None:
        self.refresh_search()

    @on(Input.Changed, "#commune")
    def commune_changed(self, event: Input.Changed) -> None:
        status = self.query_one("#commune-status", Label)
        text = event.value.strip()
        previous = self.commune
        found = self.app.engine.gazetteer.lookup(text)
        self.query_one(CommuneChoices).offer(found)
        if not text:
            self.commune = None
            status.update("")
        else:
            if found.unique:
                self.commune = found.unique
                status.update(f"Commune : {found.unique.label()}")
            elif found.communes:
                self.commune = None
                status.update(ambiguity(found))
            else:
                self.commune = None
                status.update(f"Aucune commune du Tarn-et-Garonne ne correspond à « {text} »")
        if self.commune != previous:
            self.refresh_search()

    @on(ResultList.RowHighlighted, "#results")
    def row_highlighted(self, event: ResultList.RowHighlighted) -> None:
        hit = self.hits.get(event.row_key.value or "") if event.row_key else None
        # A new list highlights its first row, which show_result has just shown.
        if hit is not None and hit is not self.current:
            self.show_detail(hit)

    @on(ResultList.RowSelected, "#results")
    def row_selected(self, event: ResultList.RowSelected) -> None:
        self.action_fiche()

    # -- detail ---------------------------------------------------------------------------
    def _set_current(self, hit: Hit | None) -> None:
        self.current = hit
        self.record = None
        if hit is not None:
            try:
                self.record = edition.read_service(self.app.db, hit.resource.id)
            except BinomeError:
                self.record = None
        self.can_edit = may_edit(self.app, self.record)
        # Rebuilding the footer costs more than drawing the detail: only when what may be
        # done changes (an entry or none, editable or not), not at every highlighted row.
        offered = (hit is not None, self.can_edit, id(self.app.profil))
        if offered != self._offered:
            self._offered = offered
            self.refresh_bindings()

    def show_detail(self, hit: Hit) -> None:
        """The detail of *hit*, at once (the cursor moved onto it)."""
        self._pending_detail = None
        self._set_current(hit)
        self.query_one("#detail", TextPane).update(self.detail_text(hit))

    def detail_text(self, hit: Hit) -> Text:
        """Everything needed to orient someone, as one block of text (cheap to redraw)."""
        r = hit.resource
        labels = self.app.engine.thematiques
        text = Text()
        text.append(r.nom + "\n", style="bold")
        text.append(r.structure_nom + "\n", style="italic")
        # What colleagues reported wrong comes before anything else about the entry.
        for report in edition.open_reports(self.app.db, r.id):
            who = author_name(self.app, report["auteur"])
            text.append(
                f"{STALE_MARK} Erreur signalée le {_fr_date(report['date'][:10])} par {who} : ",
                style="bold",
            )
            text.append(report["commentaire"] + "\n")
        if r.demo:
            text.append(
                "Ressource de démonstration : structure et coordonnées fictives.\n", style="reverse"
            )
        themes = " · ".join(labels.label(t) for t in r.thematiques_locales)
        if themes:
            text.append(themes + "\n", style="dim")
        today = self.app.clock()
        if edition.review_overdue(r.date_revue, today):
            due = edition.review_due(r.date_revue, today)
            since = f" depuis le {_fr_date(due.isoformat())}" if due else ""
            text.append(f"{STALE_MARK} À actualiser{since} : ", style="bold")
            text.append("pas confirmée depuis 12 mois, vérifiez avant d'orienter.\n")
        if hit.ineligible:  # before the matches: it says whether to send the person there
            # Not « Public : », the label of the service's own publics further down.
            text.append(hit.reserved_for, style="bold")
            text.append(f" : {LISTED_AFTER}.\n")
        if hit.matches:
            text.append("Trouvé : ", style="bold")
            text.append(", ".join(hit.why()) + "\n")
        text.append("\n" + r.description + "\n\n")

        def field(label: str, value: str) -> None:
            if value:
                text.append(f"{label} : ", style="bold")
                text.append(value + "\n")

        distance = "" if hit.remote_only else distance_text(hit.distance_km, precise=True)
        field("Adresse", r.address_line)
        field("Distance", distance)
        field("Téléphone", r.telephone)
        field("Courriel", r.courriel)
        field("Horaires", humanize(r.horaires_accueil))
        field("Contact", r.contact_nom_prenom)
        field("Public", ", ".join(r.publics_labels))
        field("Précisions sur le public", r.publics_precisions)
        field("Conditions, pièces à apporter", r.conditions_acces)
        field(
            "Frais", " – ".join(x for x in (FRAIS_LABELS.get(r.frais, ""), r.frais_precisions) if x)
        )
        field("Accueil", ", ".join(MODES_ACCUEIL.get(m, m) for m in r.modes_accueil))
        field("Mobilisable par", ", ".join(MOBILISABLE_PAR.get(m, m) for m in r.mobilisable_par))
        field("Zone", self._zone_label(r.zone_eligibilite))
        field("Comment mobiliser", ", ".join(r.mobilisation_labels))
        field("Précisions", r.mobilisation_precisions)
        field("Lien", r.lien_mobilisation or r.site_web)
        field("Vérifiée le", _fr_date(r.date_revue))
        score = quality_score(self.app.db, r.id)
        if score is not None:
            field("Qualité selon data·inclusion", f"{score:.2f}".replace(".", ",") + " sur 1")
        if self.record is not None:
            text.append("Tenue par : ", style="bold")
            text.append(owner_name(self.app, self.record) + "\n")
        if self.record is not None and self.can_edit:
            # What the entry breaks of the local rules (an imported number, a code postal of
            # another commune): told to whoever keeps it, to fix when they next edit it.
            engine = self.app.engine
            for name, message in edition.service_warnings(
                self.app.db, self.record, gazetteer=engine.gazetteer, thematiques=engine.thematiques
            ).items():
                text.append("À vérifier : ", style="bold")
                text.append(f"{field_label(name)}, {message}\n")
        offered = ["fiche", "copier"]
        if self.can_edit:
            offered += ["modifier", "toujours_exact"]
        offered += ["historique"]
        if self.app.profil is not None:
            offered += ["signaler"]
        text.append("\n")
        for index, name in enumerate(offered):
            entry = keys.find(f"ressources.{name}")
            key, what = keys.keys_text(self.app, entry), entry.label.lower()
            text.append(" · " if index else "")
            text.append(key, style="bold")
            text.append(f" {what}")
        return text

    def _zone_label(self, zone: tuple[str, ...]) -> str:
        """Whom a service serves, in words: the département, the country, or communes."""
        gazetteer = self.app.engine.gazetteer
        names = []
        for code in zone:
            code = str(code)
            if code.lower() == "france":
                names.append("toute la France")
            elif len(code) <= 3:
                names.append("tout le Tarn-et-Garonne" if code == "82" else f"département {code}")
            elif (commune := gazetteer.get(code)) is not None:
                names.append(commune.nom)
            elif (epci := gazetteer.epci_name(code)) is not None:
                names.append(epci)
            else:
                names.append(code)  # a commune outside the 82, another EPCI
        if len(names) > 6:
            return f"{len(names)} communes : " + ", ".join(names[:6]) + "…"
        return ", ".join(names)

    # -- actions ---------------------------------------------------------------------------
    def action_focus_search(self) -> None:
        self.query_one("#query", Input).focus()

    def action_focus_thematique(self) -> None:
        self.query_one("#thematique", Select).focus()

    def action_focus_commune(self) -> None:
        self.query_one("#commune", Input).focus()

    def action_escape(self) -> None:
        query = self.query_one("#query", Input)
        if query.has_focus and query.value:
            query.value = ""
        query.focus()

    def action_clear_filters(self) -> None:
        self._clear_filters()
        self.notify("Filtres effacés.")

    def _clear_filters(self) -> None:
        for select_id in ("#thematique", "#rayon", "#public", "#frais"):
            self.query_one(select_id, Select).clear()
        self.query_one("#commune", Input).value = ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_search":
            return self.focused is None or self.focused.id != "query"
        # None: offered on this screen, but not on nothing (the footer greys it out).
        if action in ("fiche", "copy_contact", "history"):
            return True if self.current is not None else None
        if action == "report":
            if self.app.profil is None:
                return False
            return True if self.current is not None else None
        if action in ("edit", "confirm", "archive"):
            return self.current is not None and self.can_edit
        if action == "new":
            return may_create(self.app)
        return True

    def action_fiche(self) -> None:
        if self.current is None:
            self.notify("Choisissez d'abord une ressource.", severity="warning")
            return
        self.app.push_screen(FicheScreen(self.current.resource))

    def action_copy_contact(self) -> None:
        if self.current is None:
            self.notify("Choisissez d'abord une ressource.", severity="warning")
            return
        self.app.copy_to_clipboard(self.current.resource.contact_block())
        self.notify(f"Contact de « {self.current.resource.nom} » copié.")

    # -- keeping the base alive --------------------------------------------------------------
    def _changed(self, keep: str | None = None) -> None:
        """After any change: the search again, the cursor left on the entry."""
        self.refresh_search(keep=keep or (self.current.resource.id if self.current else None))

    def _current_id(self) -> str | None:
        if self.current is None:
            self.notify("Choisissez d'abord une ressource.", severity="warning")
            return None
        return self.current.resource.id

    def action_edit(self) -> None:
        service_id = self._current_id()
        if service_id is None:
            return
        if not self.can_edit:
            owner = owner_name(self.app, self.record or {})
            self.notify(
                f"Cette fiche est tenue par {owner} : signalez-lui une erreur "
                f"({keys.keys_text(self.app, keys.find('ressources.signaler'))}).",
                severity="warning",
            )
            return
        edit_entry(self.app, service_id, self._changed)

    def action_new(self) -> None:
        if not may_create(self.app):
            self.notify(
                "Les fiches sont créées par les ASS, les responsables MDS et les administrateurs.",
                severity="warning",
            )
            return

        edit_entry(self.app, None, self._search_for)

    def action_history(self) -> None:
        service_id = self._current_id()
        if service_id is not None:
            history_of(self.app, service_id, self._changed)

    def action_report(self) -> None:
        service_id = self._current_id()
        if service_id is not None and self.app.profil is not None:
            report_entry(self.app, service_id)

    def action_confirm(self) -> None:
        service_id = self._current_id()
        if service_id is not None and self.can_edit:
            confirm_then(self.app, service_id, self._changed)

    def action_archive(self) -> None:
        service_id = self._current_id()
        if service_id is not None and self.can_edit:
            archive_entry(self.app, service_id, self._changed)

    def show_entry(self, service_id: str) -> None:
        """Find one entry (from the À faire list): its name in the search box, the cursor
        and the detail on it."""
        for select_id in ("#thematique", "#rayon", "#public", "#frais"):
            self.query_one(select_id, Select).clear()
        self.query_one("#commune", Input).value = ""
        self._search_for(service_id)
        self.query_one("#results", ResultList).focus()

    def _search_for(self, service_id: str) -> None:
        """Show one entry: its name in the search box, the cursor on it."""
        nom = edition.read_service(self.app.db, service_id)["nom"]
        self._keep_after_typing = service_id
        query = self.query_one("#query", Input)
        if query.value == nom:
            self.refresh_search(keep=service_id)
        else:
            query.value = nom

    def action_archives(self) -> None:
        from tui.screens.archives import ArchivesScreen

        self.app.push_screen(ArchivesScreen())

    def commands(self) -> Iterable[SystemCommand]:
        yield from keys.commands(self, "ressources")

    def refusal(self, action: str) -> str | None:
        """Why a key of this screen does nothing now, in French."""
        if (
            action in ("fiche", "copy_contact", "history", "report", "edit", "confirm", "archive")
            and self.current is None
        ):
            return "Choisissez d'abord une ressource : tapez une recherche, puis entrée."
        if action == "report" and self.app.profil is None:
            return "Signaler une erreur demande un profil (F3 dit comment en avoir un)."
        if action in ("edit", "confirm", "archive"):
            return edition.edit_refusal(self.app.db, self.app.profil, self.record or {})
        if action == "new":
            return (
                "Les fiches sont créées par les personnes d'un partenaire (ASS, responsable "
                "MDS, personnel des partenaires) et les administrateurs."
            )
        return None


def confirm_then(app, service_id: str, done) -> None:
    """« Toujours exact » after a yes: it certifies the entry for a year, in the partner's
    name (a stray key must not vouch for an entry nobody read)."""
    try:
        nom = edition.read_service(app.db, service_id)["nom"]
    except BinomeError as exc:
        app.notify(str(exc), severity="error")
        return
    question = (
        f"« {nom} »\n\nVous avez vérifié la fiche : elle est exacte telle qu'elle est. "
        "Elle sera confirmée aujourd'hui à votre nom, jusqu'à la prochaine revue "
        "annuelle."
    )
    ask(
        app,
        "Toujours exact ?",
        question,
        "Toujours exact",
        lambda: confirm_entry(app, service_id, done),
    )


def _fr_date(iso: str) -> str:
    if len(iso) == 10 and iso[4] == "-":
        return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"
    return iso
