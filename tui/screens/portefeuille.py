"""The Portefeuille screen: the demandeurs the current profile follows, their deadlines and
alerts, the file active against its target. Visibility is the domain's (``Caseload``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, Select, Static
from textual.widgets.data_table import RowKey

from caseload.acces import DEMANDEUR_ROLES
from caseload.parcours import FILE_ACTIVE_TARGET, AlertKind, State
from caseload.store import PortefeuilleRow
from ressources.db import change_stamp
from ressources.text import fold
from tui import keys
from tui.base import BinomeScreen
from tui.keys import down_into, explain_refusal, type_into
from tui.screens.common import ALERT_SHORT, commune_forms, fr_date, no_profil_message
from tui.widgets.footer import AreaFooter
from tui.widgets.header import BinomeHeader
from tui.widgets.result_list import Cell, ResultList, Row
from tui.widgets.summary import Summary, shorter_lists

OUVERTS = "_ouverts"
ETAT_OPTIONS = [("Parcours en cours", OUVERTS)] + [(e.label, e.value) for e in State]
ETAT_ORDER = {e.value: i for i, e in enumerate(State)}
# The état in the list, longest form first: the list has no room for « Diagnostic partagé
# validé », and the shorter form is shown whole where the longer one would be cut
# (« Diagnostic val » at 80 and 120 columns, issue 13).
ETAT_SHORT: dict[str, tuple[str, ...]] = {
    State.PRESCRIT: ("Prescrit",),
    State.DIAGNOSTIC_VALIDE: ("Diagnostic validé", "Diag. validé"),
    State.EN_ACCOMPAGNEMENT: ("Accompagné",),
    State.PERIODE_ESSAI: ("Période d'essai", "En essai"),
    State.SORTI: ("Sorti",),
    State.SANS_SUITE: ("Sans suite",),
}
# The widest of the shorter forms: the least the état column takes.
ETAT_LEAST = max(len(forms[-1]) for forms in ETAT_SHORT.values())
AXE_DIGIT = {"axe2": "2", "axe3": "3"}
# Sort keys, in the order the "s" key goes through them.
SORTS = {
    "nom": "nom",
    "echeance": "échéance",
    "alertes": "alertes",
    "commune": "commune",
    "etat": "état",
    "axe": "axe",
    "binome": "binôme",
    "mds": "MDS",
}
# Rows laid out at a time (more as the cursor goes down).
PAGE = 100
# The widest the name columns and the commune get, however long the longest one: the
# longest commune of the 82 is « Saint-Nazaire-de-Valentane » (26).
NAME_CAP = 28
COMMUNE_CAP = 26
# At 80 columns the commune stays (where the person lives decides which ASS, which
# resources): « Castelsarrasin » whole, a longer one as road signs shorten it
# (« St-Antonin-Noble-Val ») or cut; the alerts take their shorter forms (alert_forms).
COMMUNE_LEAST = 14
ALERTS_LEAST = 15
# The alerts keep this much room (all of them, on the demo base) while the binôme's name,
# the MDS or the axe (priority under 4) can still give way; 30 at the least.
ALERTS_KEPT = 45
SORT_CYCLE = ["nom", "echeance", "alertes", "commune", "etat"]


def _sort_value(ligne: PortefeuilleRow, key: str, folded: dict[str, str]):
    """The sort key of *ligne*; *folded*: its names as ``fold`` writes them (built once)."""
    nom = folded["nom"]
    if key == "echeance":
        return (ligne.prochaine_echeance or "9999-99-99", nom)
    if key == "alertes":
        overdue = sum(1 for a in ligne.alerts if a.overdue)
        return (-overdue, -len(ligne.alerts), ligne.prochaine_echeance or "9999-99-99")
    if key == "commune":
        return (folded["commune"], nom)
    if key == "etat":
        return (ETAT_ORDER.get(ligne.etat, 99), nom)
    if key == "axe":
        return (ligne.axe or "~", nom)
    if key == "binome":
        return (folded["ass"] or "~", nom)
    if key == "mds":
        return (folded["mds"] or "~", nom)
    return (nom, folded["prenom"])


def folded_names(ligne: PortefeuilleRow) -> dict[str, str]:
    """What the filter and the sorts compare, folded once per load (not on every key)."""
    names = {
        "nom": ligne.nom,
        "prenom": ligne.prenom,
        "commune": ligne.commune,
        "ass": ligne.ass or "",
        "mds": ligne.mds or "",
    }
    folded = {k: fold(v) for k, v in names.items()}
    folded["texte"] = f"{folded['nom']} {folded['prenom']} {folded['commune']}"
    return folded


def alert_cell(ligne: PortefeuilleRow) -> Text:
    """« ⚠ retard : bilan · bientôt : 18 mois »: what is overdue first, in bold."""
    late = [ALERT_SHORT.get(a.kind, str(a.kind)) for a in ligne.alerts if a.overdue]
    near = [ALERT_SHORT.get(a.kind, str(a.kind)) for a in ligne.alerts if not a.overdue]
    text = Text()
    if late:
        text.append(f"⚠ retard : {', '.join(late)}", style="bold")
    if near:
        text.append((" · " if late else "") + f"bientôt : {', '.join(near)}")
    return text


# The alerts' words in the list's shorter forms, then its shortest: « ⚠ bilan »,
# « bientôt RDV ASS » fit the 15 cells the alerts keep at 80 columns.
ALERT_TINY = {
    AlertKind.EVALUATION_AXE3: "éval. axe 3",
    AlertKind.PERIODE_ESSAI: "essai",
    AlertKind.ABSENCE_RDV: "absence RDV",
    AlertKind.ASS_A_DESIGNER: "sans ASS",
}
ALERT_TINIEST = {
    **ALERT_TINY,
    AlertKind.EVALUATION_AXE3: "éval.",
    AlertKind.ENTRETIEN_ASS: "RDV ASS",
}


def alert_forms(ligne: PortefeuilleRow) -> tuple[Text, ...]:
    """The alerts cell, longest form first, for a column that gives way at 80 columns
    (issue 13: the commune kept in view, the alerts said shorter rather than cut):
    « ⚠ retard : entrée · bientôt : entretien ASS », then in shorter words, then « ⚠ »
    alone for what is overdue (bold, as the summary's « ⚠ … en retard » says), then the
    first alert with how many more (« ⚠ entrée +1 », « bientôt RDV ASS »)."""
    if not ligne.alerts:
        return (Text(),)

    def words(names: dict, overdue: bool) -> list[str]:
        # An ASS to designate comes after the parcours' deadlines: « ⚠ entrée +1 », not
        # « ⚠ sans ASS +1 », where only one is said.
        chosen = sorted(
            (a for a in ligne.alerts if a.overdue == overdue),
            key=lambda a: a.kind is AlertKind.ASS_A_DESIGNER,
        )
        return [names.get(a.kind) or ALERT_SHORT.get(a.kind, str(a.kind)) for a in chosen]

    def form(late: list[str], near: list[str], late_head: str, near_head: str) -> Text:
        text = Text()
        if late:
            text.append(late_head + ", ".join(late), style="bold")
        if near:
            text.append((" · " if late else "") + near_head + ", ".join(near))
        return text

    forms = [alert_cell(ligne)]
    for names in (ALERT_TINY, ALERT_TINIEST):
        late, near = words(names, True), words(names, False)
        forms += [
            form(late, near, "⚠ retard : ", "bientôt : "),
            form(late, near, "⚠ ", "bientôt : "),
        ]
        if late and near:
            forms.append(form(late, [], "⚠ ", "").append(f" · +{len(near)} bientôt"))
        if late:
            others = len(late) + len(near) - 1
            forms.append(form(late[:1], [], "⚠ ", "").append(f" +{others}" if others else ""))
        else:
            more = f" +{len(near) - 1}" if len(near) > 1 else ""
            forms.append(form([], near[:1], "", "bientôt : ").append(more))
            forms.append(form([], near[:1], "", "bientôt ").append(more))
            if names is ALERT_TINIEST and forms[-1].cell_len > ALERTS_LEAST:
                # Still too long (« bientôt sans ASS »): the alert alone, no « ⚠ » saying
                # it is not overdue, rather than cut.
                forms.append(form([], near[:1], "", "").append(more))
    unique: dict[str, Text] = {}
    for text in forms:
        unique.setdefault(text.plain, text)
    return tuple(sorted(unique.values(), key=lambda t: -t.cell_len))


def short_mds(nom: str | None) -> str:
    return (nom or "").removeprefix("MDS de ")


class PortefeuilleList(ResultList):
    """The list: ``entrée`` opens the dossier, and the footer says so."""

    BINDINGS = keys.select_binding("portefeuille.ouvrir")


class PortefeuilleScreen(BinomeScreen[None]):
    """The list a conseiller (or an ASS, a responsable MDS) starts the day with."""

    TITLE = "Binôme · Portefeuille"
    KEYS = "portefeuille"
    # No focus given by Textual as the screen mounts (its first focusable widget), then moved
    # at once to the list (on_mount): each move restyles the widgets it leaves and
    # enters (issue 13, slow lists).
    AUTO_FOCUS = ""
    # A letter typed in the list goes to the filter box: no action is on a letter.
    BINDINGS = keys.bindings("portefeuille")

    def __init__(self) -> None:
        super().__init__()
        self.lignes: list[PortefeuilleRow] = []
        self.shown: list[PortefeuilleRow] = []
        self.sort_key = "nom"
        self.sort_reverse = False
        self._loaded_for: str | None = "?"
        self._binome_label = ""
        # The state the list was read at (profile, day, base): a visit reads it again only
        # when one of them moved.
        self._loaded_at: tuple | None = None
        self._folded: dict[int, dict[str, str]] = {}
        self._sort_values: dict[str, dict[int, tuple]] = {}
        # The people whose rows the table was filled from, in order (since the last read).
        self._laid_out: list[int] | None = None
        # Each person's row, made once per read (not at each key of the filter).
        self._rows: dict[int, Row] = {}

    def compose(self) -> ComposeResult:
        yield BinomeHeader()
        with Vertical(id="pf-panel"):
            yield Summary(id="pf-summary")
            with Horizontal(id="pf-filters", classes="filters"):
                yield Input(
                    placeholder="Filtrer : nom, prénom, commune…", id="pf-filter", compact=True
                )
                yield Select(ETAT_OPTIONS, prompt="Tous les états", id="pf-etat", compact=True)
                yield Checkbox("Avec alertes seulement", id="pf-alertes", compact=True)
            yield Label("", id="pf-status", classes="status")
        yield PortefeuilleList(id="pf-table")
        yield Static("", id="pf-empty", classes="empty")
        yield AreaFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#pf-table", ResultList).focus()

    def on_screen_resume(self) -> None:
        if self._loaded_at != self._state():
            self.reload()

    def _state(self) -> tuple:
        return (self.app.profil, self.app.clock(), change_stamp(self.app.db))

    def profil_changed(self) -> None:
        self.reload()

    def forget_filters(self) -> None:
        """The filters emptied for the next profile (``BinomeApp._forget_filters``)."""
        self.query_one("#pf-filter", Input).value = ""
        self.query_one("#pf-etat", Select).clear()
        self.query_one("#pf-alertes", Checkbox).value = False

    # -- data -----------------------------------------------------------------------------
    def reload(self) -> None:
        caseload = self.app.caseload()
        profil = self.app.profil
        key = profil.id if profil else None
        if key != self._loaded_for:
            self._loaded_for = key
            self._set_columns()
        has_profil = caseload is not None
        for selector in ("#pf-panel", "#pf-table"):
            self.query_one(selector).display = has_profil
        if caseload is None:
            self.lignes = []
            self._show_empty(no_profil_message("Le portefeuille"))
            return
        self._loaded_at = self._state()
        self.lignes = caseload.portefeuille()
        self._laid_out = None  # read again: every row laid out again
        self._rows = {}
        self._folded = {x.id: folded_names(x) for x in self.lignes}
        self._sort_values = {}
        self._set_needs()
        self._update_summary()
        self.apply_filters(keep_cursor=True)
        self.refresh_bindings()

    def _set_columns(self) -> None:
        table = self.query_one("#pf-table", ResultList)
        table.clear(columns=True)
        self._rows, self._laid_out = {}, None
        profil = self.app.profil
        self._binome_label = "Conseiller" if profil and profil.role == "ass" else "ASS"
        # Each column as wide as its longest cell (up to a cap), the alerts the rest: a
        # commune cut at a fixed 14 while the name beside it had room to spare hid where the
        # person lives, and the alerts were cut at 30 (issue 13). Narrower than they want,
        # only the état shrinks (to its shorter forms: « Diag. validé »), then the deadline
        # (« 11/12/26 »), and the alerts once nothing else can give way; the commune
        # and the names of the binôme and the MDS are shown whole or give way (the MDS
        # first, then the binôme, the axe, the commune). The name, the deadline and the
        # alerts never do.
        table.add_column("Nom", key="nom", max_width=NAME_CAP)
        table.add_column(
            "Commune",
            key="commune",
            max_width=COMMUNE_CAP,
            min_width=COMMUNE_LEAST,
            priority=4,
            keep=COMMUNE_CAP,
            keep_over=4,
            shrinks_last=True,
            overflow="ellipsis",
        )
        table.add_column("État", key="etat", max_width=17, min_width=ETAT_LEAST, priority=6)
        table.add_column("Axe", key="axe", width=3, priority=3)
        table.add_column("Échéance", key="echeance", max_width=10, min_width=8)
        table.add_column(self._binome_label, key="binome", max_width=NAME_CAP, priority=2)
        table.add_column("MDS", key="mds", max_width=22, priority=1)
        table.add_column(
            "Alertes",
            key="alertes",
            min_width=ALERTS_LEAST,
            keep=ALERTS_KEPT,
            keep_over=4,
            grow=True,
            overflow="ellipsis",
        )

    def _set_needs(self) -> None:
        """The widest name, commune… of the whole portefeuille: the table holds only its
        first rows, and its columns must not move as the next ones come in, nor at each key
        of the filter."""
        widths = dict.fromkeys(("nom", "commune", "etat", "binome", "mds"), 0)
        for x in self.lignes:
            for key, text in self._texts(x).items():
                widths[key] = max(widths[key], cell_len(text))
        self.query_one("#pf-table", ResultList).set_needs(widths)

    def _update_summary(self) -> None:
        """The file active, the objectives and the alerts, each line in its forms, longest
        first: a short terminal shows each on one row (tui/widgets/summary.py)."""
        profil = self.app.profil
        conseiller = profil is not None and profil.role == "conseiller"
        axe2 = sum(1 for x in self.lignes if x.etat == State.EN_ACCOMPAGNEMENT and x.axe == "axe2")
        axe3 = sum(1 for x in self.lignes if x.etat == State.EN_ACCOMPAGNEMENT and x.axe == "axe3")
        waiting = sum(1 for x in self.lignes if x.etat in (State.PRESCRIT, State.DIAGNOSTIC_VALIDE))
        file_active = str(axe2)
        if profil is not None and conseiller:
            file_active += f" / {round(FILE_ACTIVE_TARGET * profil.etp)}"
        count = f"{len(self.lignes)} dossier{'s' if len(self.lignes) > 1 else ''}"

        def figures(*parts: str) -> Text:
            text = Text()
            text.append(f"File active (axe 2) : {file_active}", style="bold")
            text.append("".join(f" · {p}" for p in parts))
            return text

        lines: list[list[Text]] = [
            [
                figures(f"axe 3 : {axe3}", f"en attente d'entrée : {waiting}", count),
                figures(f"axe 3 : {axe3}", f"en attente d'entrée : {waiting}"),
                figures(f"axe 3 : {axe3}", f"en attente : {waiting}"),
            ]
        ]
        if profil is not None and conseiller:
            # Annexe 1, axe 2, §3: the conseiller's figures against the convention's targets.
            from caseload.indicateurs import targets

            goals = [
                f"{o.libelle.lower()} {o.valeur} / {o.cible}"
                for o in targets(self.app.db, profil.id, profil.etp, self.app.clock())[:4]
            ]
            objectifs = []
            for shown in range(len(goals), 0, -1):
                text = Text.assemble(("Objectifs : ", "bold"), " · ".join(goals[:shown]))
                objectifs.append(text + (" · …" if shown < len(goals) else ""))
            lines.append(objectifs)
        late: Counter[str] = Counter()
        near: Counter[str] = Counter()
        for ligne in self.lignes:
            for alert in ligne.alerts:
                short = ALERT_SHORT.get(alert.kind, str(alert.kind))
                (late if alert.overdue else near)[short] += 1
        if not late and not near:
            lines.append([Text("Aucune alerte : pas d'échéance dépassée ni proche.", style="dim")])
        else:
            full = Text.assemble(("Alertes — ", "bold"))
            if late:
                full.append("en retard : ", style="bold")
                full.append(", ".join(f"{k} {n}" for k, n in late.most_common()), style="bold")
            if late and near:
                full.append(" · ")
            if near:
                full.append("bientôt : " + ", ".join(f"{k} {n}" for k, n in near.most_common()))
            # Short: how many, then which, as many as the row has room for.
            groups = [
                (label, [f"{k} {n}" for k, n in counter.most_common()])
                for label, counter in (
                    (Text(f"{late.total()} en retard", style="bold"), late),
                    (Text(f"{near.total()} bientôt"), near),
                )
                if counter
            ]
            lines.append([full, *shorter_lists(Text.assemble(("⚠ Alertes : ", "bold")), groups)])
        self.query_one("#pf-summary", Summary).show(lines)

    def filtered(self) -> list[PortefeuilleRow]:
        wanted = fold(self.query_one("#pf-filter", Input).value)
        etat = self.query_one("#pf-etat", Select).value
        alertes_only = self.query_one("#pf-alertes", Checkbox).value
        folded = self._folded
        result = []
        for ligne in self.lignes:
            if wanted and wanted not in folded[ligne.id]["texte"]:
                continue
            if etat == OUVERTS and ligne.etat not in (
                State.PRESCRIT,
                State.DIAGNOSTIC_VALIDE,
                State.EN_ACCOMPAGNEMENT,
                State.PERIODE_ESSAI,
            ):
                continue
            if etat not in (OUVERTS, Select.NULL) and ligne.etat != etat:
                continue
            if alertes_only and not ligne.alerts:
                continue
            result.append(ligne)
        values = self._sort_values.get(self.sort_key)
        if values is None:
            values = {x.id: _sort_value(x, self.sort_key, folded[x.id]) for x in self.lignes}
            self._sort_values[self.sort_key] = values
        result.sort(key=lambda x: values[x.id], reverse=self.sort_reverse)
        return result

    def apply_filters(self, *, keep_cursor: bool = False) -> None:
        table = self.query_one("#pf-table", ResultList)
        current = self.current_id() if keep_cursor else None
        self.shown = self.filtered()
        # The table holds the first rows, the next ones as the cursor nears its end: a
        # responsable's 1,500 people are not all laid out again on each key of the filter.
        ids = [x.id for x in self.shown]
        if ids != self._laid_out:
            # (A key that leaves the same people, in the same order, lays nothing out again.)
            row = ids.index(current) if current in ids else 0
            wanted = max(PAGE, row + PAGE // 2)
            table.set_rows([self._row(x) for x in self.shown[:wanted]], cursor_row=row)
            self._laid_out = ids
        arrow = "↓" if self.sort_reverse else "↑"
        total = len(self.lignes)
        if total == 0:
            self._show_empty(
                Text.assemble(
                    ("Aucun demandeur dans ce portefeuille\n\n", "bold"),
                    self._why_empty(),
                )
            )
            table.display = False
            self.query_one("#pf-panel").display = False
            return
        table.display = True
        shown = len(self.shown)
        status = f"{shown} demandeur{'s' if shown > 1 else ''}"
        if shown != total:
            status += f" sur {total}"
        # Short enough for 80 columns; clicking a column header sorts too (F1 says so).
        sort_key = keys.keys_text(self.app, keys.find("portefeuille.trier"))
        status += f" · tri : {SORTS[self.sort_key]} {arrow} ({sort_key}) · entrée : ouvrir"
        self.query_one("#pf-status", Label).update(status)
        if not self.shown:
            self._show_empty(
                Text.assemble(
                    ("Aucun demandeur ne correspond aux filtres\n\n", "bold"),
                    "Effacez la recherche ou les filtres (",
                    ("ctrl+r", "bold"),
                    ").",
                )
            )
        else:
            self.query_one("#pf-empty", Static).display = False

    def _add_rows(self, table: ResultList, count: int) -> None:
        """The next *count* rows of the filtered list, at the end of the table."""
        start = table.row_count
        table.add_rows([self._row(x) for x in self.shown[start : start + count]])

    def _texts(self, x: PortefeuilleRow) -> dict[str, str]:
        """The cells whose columns are as wide as their longest (``_set_needs``)."""
        binome_is_conseiller = self._binome_label == "Conseiller"
        return {
            "nom": f"{x.nom} {x.prenom}",
            "commune": x.commune,
            "etat": ETAT_SHORT.get(x.etat, (x.etat,))[0],
            "binome": (x.conseiller if binome_is_conseiller else x.ass) or "à désigner",
            "mds": short_mds(x.mds),
        }

    def _row(self, x: PortefeuilleRow) -> Row:
        """The row of *x* (made once per read of the list)."""
        row = self._rows.get(x.id)
        if row is None:
            cells: dict[str, Cell] = dict(self._texts(x))
            cells["commune"] = commune_forms(x.commune)
            cells["etat"] = ETAT_SHORT.get(x.etat, (x.etat,))
            cells["axe"] = AXE_DIGIT.get(x.axe or "", "")
            deadline = fr_date(x.prochaine_echeance)
            cells["echeance"] = (deadline, deadline[:6] + deadline[8:]) if deadline else ""
            cells["alertes"] = alert_forms(x)
            row = self._rows[x.id] = Row(RowKey(str(x.id)), cells)
        return row

    def _why_empty(self) -> str:
        profil = self.app.profil
        if profil is not None and profil.role == "administrateur":
            return (
                "Le profil administrateur gère les partenaires et les profils ; il ne suit "
                "pas de demandeurs."
            )
        if profil is not None and profil.role == "partenaire":
            return (
                "Le personnel des partenaires tient les fiches de la base de ressources (F2, "
                "F6) ; il ne suit pas de demandeurs."
            )
        return "Les demandeurs prescrits dont vous êtes le binôme apparaîtront ici."

    def _show_empty(self, text: Text) -> None:
        empty = self.query_one("#pf-empty", Static)
        empty.update(text)
        empty.display = True

    def current_id(self) -> int | None:
        table = self.query_one("#pf-table", ResultList)
        if not table.row_count or not table.display:
            return None
        key = table.cursor_key
        return int(key.value) if key and key.value else None

    # -- events ---------------------------------------------------------------------------
    @on(Input.Changed, "#pf-filter")
    @on(Select.Changed, "#pf-etat")
    @on(Checkbox.Changed, "#pf-alertes")
    def filters_changed(self) -> None:
        if self.app.profil is not None:
            self.apply_filters()

    @on(Input.Submitted, "#pf-filter")
    def filter_submitted(self) -> None:
        table = self.query_one("#pf-table", ResultList)
        if table.row_count:
            table.focus()

    @on(ResultList.HeaderSelected, "#pf-table")
    def header_selected(self, event: ResultList.HeaderSelected) -> None:
        key = str(event.column_key.value)
        if key not in SORTS:
            return
        if key == self.sort_key:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key, self.sort_reverse = key, False
        self.apply_filters()

    @on(ResultList.RowHighlighted, "#pf-table")
    def row_highlighted(self, event: ResultList.RowHighlighted) -> None:
        table = event.control
        if table.row_count < len(self.shown) and table.cursor_row >= table.row_count - 10:
            self._add_rows(table, PAGE)

    @on(ResultList.RowSelected, "#pf-table")
    def row_selected(self) -> None:
        self.action_open()

    # -- actions --------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        profil = self.app.profil
        if profil is None and action != "escape":
            return False
        if action == "new":
            return profil is not None and profil.role in DEMANDEUR_ROLES
        if profil is not None and profil.role not in DEMANDEUR_ROLES and action != "escape":
            return False  # filter, sort, alerts of no demandeur (the screen says why)
        if action == "open":
            return self.current_id() is not None
        return True

    def action_focus_filter(self) -> None:
        self.query_one("#pf-filter", Input).focus()

    def action_escape(self) -> None:
        box = self.query_one("#pf-filter", Input)
        if box.has_focus and box.value:
            box.value = ""
        else:
            self.query_one("#pf-table", ResultList).focus()

    def action_sort(self) -> None:
        index = SORT_CYCLE.index(self.sort_key) if self.sort_key in SORT_CYCLE else -1
        self.sort_key = SORT_CYCLE[(index + 1) % len(SORT_CYCLE)]
        self.sort_reverse = False
        self.apply_filters()

    def action_toggle_alerts(self) -> None:
        box = self.query_one("#pf-alertes", Checkbox)
        box.value = not box.value

    def action_clear_filters(self) -> None:
        self.query_one("#pf-filter", Input).value = ""
        self.query_one("#pf-etat", Select).clear()
        self.query_one("#pf-alertes", Checkbox).value = False

    def action_open(self) -> None:
        from tui.screens.demandeur import DemandeurScreen

        demandeur_id = self.current_id()
        if demandeur_id is None:
            self.notify("Choisissez d'abord un demandeur dans la liste.", severity="warning")
            return
        self.app.push_screen(DemandeurScreen(demandeur_id))

    def action_new(self) -> None:
        """A new prescription: the fiche de liaison form, then the new file."""
        from tui.screens.demandeur import DemandeurScreen
        from tui.screens.fiche_liaison import FicheLiaisonScreen

        def created(demandeur_id: int | None) -> None:
            self.reload()
            if demandeur_id is not None:
                self.app.push_screen(DemandeurScreen(demandeur_id))

        self.app.push_screen(FicheLiaisonScreen(), created)

    def commands(self) -> Iterable[SystemCommand]:
        if self.app.profil is not None:
            yield from keys.commands(self, "portefeuille")

    def on_key(self, event: events.Key) -> None:
        # ↓ in the filter box goes down into the list, as in F2.
        table = self.query_one("#pf-table", ResultList)
        if down_into(
            self.query_one("#pf-filter", Input), table, event, has_rows=bool(table.row_count)
        ):
            return
        if isinstance(self.focused, ResultList) and type_into(
            self.query_one("#pf-filter", Input), event
        ):
            return
        explain_refusal(self, event)

    def refusal(self, action: str) -> str | None:
        """Why a key of this screen does nothing now, in French."""
        profil = self.app.profil
        if profil is None:
            return "Le portefeuille demande un profil : l'écran dit comment en avoir un."
        if action == "new":
            return "Une prescription est saisie par un conseiller, une ASS ou un responsable MDS."
        if profil.role not in DEMANDEUR_ROLES:
            return self._why_empty()
        if action == "open":
            return "Aucun demandeur sous le curseur : effacez le filtre (ctrl+r)."
        return None
