"""The Ressources screen: search the base during an interview.

The search box has focus on start; results follow each keystroke (the search runs in a
worker thread, a newer keystroke cancels the older search); the detail pane shows what is
needed to orient someone.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Select, Static
from textual.worker import get_current_worker

from ressources.gazetteer import Commune
from ressources.horaires import humanize
from ressources.models import FRAIS_LABELS, PUBLIC_LABELS
from ressources.search import Hit, SearchFilters, SearchResult
from tui.screens.fiche import FicheScreen

RESULT_LIMIT = 50
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


class RessourcesScreen(Screen[None]):
    """Search, filter, read, copy, print."""

    BINDINGS = [
        Binding("ctrl+f,slash", "focus_search", "Rechercher", show=True),
        Binding("f", "fiche", "Fiche orientation"),
        Binding("c", "copy_contact", "Copier le contact"),
        Binding("ctrl+t", "focus_thematique", "Thématique"),
        Binding("ctrl+l", "focus_commune", "Commune"),
        Binding("ctrl+r", "clear_filters", "Effacer les filtres"),
        Binding("escape", "escape", "Retour à la recherche", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.hits: dict[str, Hit] = {}
        self.current: Hit | None = None
        self.commune: Commune | None = None
        self.last_result: SearchResult | None = None
        self._generation = 0

    # -- layout -------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        engine = self.app.engine
        yield Header()
        with Vertical(id="search-panel"):
            yield Input(
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
                yield Input(placeholder="Commune de la personne", id="commune", compact=True)
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
            yield Label("", id="commune-status")
        with Horizontal(id="body"):
            with Vertical(id="results-panel"):
                yield Label("", id="status")
                table: DataTable = DataTable(id="results", cursor_type="row", zebra_stripes=True)
                yield table
            with VerticalScroll(id="detail-panel"):
                yield Static(WELCOME, id="detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#results", DataTable)
        table.add_column("Nom", key="nom", width=32)
        table.add_column("Structure", key="structure", width=22)
        table.add_column("Commune", key="commune", width=16)
        table.add_column("Dist.", key="distance", width=6)
        table.add_column("Thématiques", key="thematiques")
        self.query_one("#query", Input).focus()
        self._set_status("Tapez une recherche, ou choisissez une thématique ou une commune.")

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

    def refresh_search(self) -> None:
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
        self.last_result = result
        table = self.query_one("#results", DataTable)
        table.clear()
        self.hits = {h.resource.id: h for h in result.hits}
        labels = self.app.engine.thematiques
        rows = []
        for hit in result.hits:
            r = hit.resource
            name = r.nom
            distance = "" if hit.distance_km is None else f"{hit.distance_km:.0f} km"
            themes = ", ".join(labels.label(t) for t in r.thematiques)
            rows.append((name, r.structure_nom, r.commune, distance, themes))
        for hit, row in zip(result.hits, rows, strict=True):
            table.add_row(*row, key=hit.resource.id)
        self._set_status(self._describe(result))
        if result.hits:
            table.move_cursor(row=0)
            self.show_detail(result.hits[0])
        elif result.query.strip() or self._any_filter():
            self.current = None
            self.query_one("#detail", Static).update(NO_RESULT)
        else:
            self.current = None
            self.query_one("#detail", Static).update(WELCOME)

    def _any_filter(self) -> bool:
        f = self.filters()
        return bool(f.thematique or f.public or f.frais or f.commune)

    def _describe(self, result: SearchResult) -> str:
        if not result.query.strip() and not self._any_filter():
            return "Tapez une recherche, ou choisissez une thématique ou une commune."
        parts = []
        count = result.total
        plural = "s" if count > 1 else ""
        parts.append(f"{count} ressource{plural}")
        if count > len(result.hits):
            parts.append(f"{len(result.hits)} premières affichées")
        if result.commune is not None:
            how = " (lue dans la recherche)" if result.commune_from_query else ""
            parts.append(f"autour de {result.commune.nom}{how}")
        if result.relaxed:
            parts.append("aucune n'a tous les mots : les plus proches")
        if result.ignored:
            parts.append(f"mots absents de la base : {', '.join(result.ignored)}")
        if any(h.resource.demo for h in result.hits):
            parts.append("données de démonstration (fictives)")
        return " · ".join(parts)

    def _set_status(self, text: str) -> None:
        self.query_one("#status", Label).update(text)

    # -- events -------------------------------------------------------------------------
    @on(Input.Changed, "#query")
    def query_changed(self) -> None:
        self.refresh_search()

    @on(Input.Submitted, "#query")
    def query_submitted(self) -> None:
        table = self.query_one("#results", DataTable)
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
        if not text:
            self.commune = None
            status.update("")
        else:
            found = self.app.engine.gazetteer.lookup(text)
            if found.unique:
                self.commune = found.unique
                status.update(f"Commune : {found.unique.label()}")
            elif found.communes:
                self.commune = None
                names = ", ".join(c.label() for c in found.communes[:6])
                status.update(f"Plusieurs communes possibles : {names}…")
            else:
                self.commune = None
                status.update(f"Aucune commune du Tarn-et-Garonne ne correspond à « {text} »")
        if self.commune != previous:
            self.refresh_search()

    @on(DataTable.RowHighlighted, "#results")
    def row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        hit = self.hits.get(event.row_key.value) if event.row_key else None
        if hit is not None:
            self.show_detail(hit)

    @on(DataTable.RowSelected, "#results")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_fiche()

    # -- detail ---------------------------------------------------------------------------
    def show_detail(self, hit: Hit) -> None:
        self.current = hit
        self.query_one("#detail", Static).update(self.detail_text(hit))

    def detail_text(self, hit: Hit) -> Text:
        """Everything needed to orient someone, as one block of text (cheap to redraw)."""
        r = hit.resource
        labels = self.app.engine.thematiques
        text = Text()
        text.append(r.nom + "\n", style="bold")
        text.append(r.structure_nom + "\n", style="italic")
        if r.demo:
            text.append("Ressource de démonstration : structure et coordonnées fictives.\n",
                        style="reverse")  # fmt: skip
        themes = " · ".join(labels.label(t) for t in r.thematiques)
        if themes:
            text.append(themes + "\n", style="dim")
        if hit.matches:
            text.append("Trouvé : ", style="bold")
            text.append(", ".join(str(m) for m in hit.matches) + "\n")
        text.append("\n" + r.description + "\n\n")

        def field(label: str, value: str) -> None:
            if value:
                text.append(f"{label} : ", style="bold")
                text.append(value + "\n")

        distance = "" if hit.distance_km is None else f"{hit.distance_km:.1f} km"
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
        field("Comment mobiliser", ", ".join(r.mobilisation_labels))
        field("Précisions", r.mobilisation_precisions)
        field("Lien", r.lien_mobilisation or r.site_web)
        field("Vérifiée le", _fr_date(r.date_revue))
        text.append("\nf", style="bold")
        text.append(" fiche orientation · ")
        text.append("c", style="bold")
        text.append(" copier le contact")
        return text

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
        for select_id in ("#thematique", "#rayon", "#public", "#frais"):
            self.query_one(select_id, Select).clear()
        self.query_one("#commune", Input).value = ""
        self.notify("Filtres effacés.")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("fiche", "copy_contact"):
            focused = self.focused
            if isinstance(focused, Input):
                return False  # the letters f and c are typed in the boxes
            return True if self.current is not None else None
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

    def commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Ressources : rechercher", "Aller à la zone de recherche (/)", self.action_focus_search
        )
        yield SystemCommand(
            "Ressources : fiche orientation",
            "Fiche à remettre à la personne (f)",
            self.action_fiche,
        )
        yield SystemCommand(
            "Ressources : copier le contact",
            "Coordonnées dans le presse-papiers (c)",
            self.action_copy_contact,
        )
        yield SystemCommand(
            "Filtres : thématique",
            "Choisir une des 22 thématiques (ctrl+t)",
            self.action_focus_thematique,
        )
        yield SystemCommand(
            "Filtres : commune",
            "Classer autour de la commune de la personne (ctrl+l)",
            self.action_focus_commune,
        )
        yield SystemCommand(
            "Filtres : tout effacer",
            "Retirer thématique, commune, public, frais (ctrl+r)",
            self.action_clear_filters,
        )


def _fr_date(iso: str) -> str:
    if len(iso) == 10 and iso[4] == "-":
        return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"
    return iso
