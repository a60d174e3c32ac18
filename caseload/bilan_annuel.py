"""The COPIL's bilan annuel as PDF (avenant, article 3: « Il validera le bilan annuel
(qualitatif et quantitatif) de l’approche globale qui sera produit au plus tard le 30 avril de
l’année N+1 par Pôle emploi »).

Every annexe-3 indicator of the year beside the convention's targets, the year by month as bar
charts, the « cartographie des personnes accompagnées par agence pôle emploi » (a table, and a
map of the 195 communes from their coordinates) and blank sections for the qualitative part.
Aggregates only: on the map, a commune with fewer than :data:`SECRET_MINIMUM` people accompanied
is not told apart (it could point at someone).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from caseload import parcours
from caseload.acces import Profil, require
from caseload.documents import MOIS, _Pdf
from caseload.indicateurs import Period, compute
from caseload.rows import parcours_from_json

SOURCE = "avenant n°1, article 3"  # 001_6fe812dc18e617ae.txt
DEADLINE = "au plus tard le 30 avril de l’année N+1"
# Avenant 2.2: « Objectif d’ici fin 2021 : 3 semaines »; « 50 assistants de service social
# polyvalents répartis dans les 5 maisons départementales des solidarités en correspondance
# aux 3 ETP entièrement dédiés par Pôle Emploi ».
TARGET_ASS, TARGET_ETP = 50, 3
# Small cells are not shown on the map (statistical secrecy).
SECRET_MINIMUM = 3
# The months as the charts label them (French abbreviations, never cut mid-word).
MOIS_COURTS = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
# One colour per agence on the map (then grey for people without one).
COULEURS_AGENCES = ((200, 60, 40), (40, 110, 180), (60, 150, 70), (210, 150, 30), (130, 70, 160))
# Towns named on the map, as landmarks: the communes of at least this population.
POPULATION_REPERE = 5000


def by_month(db: Database, annee: int, today: date) -> list[tuple[str, int, int, int]]:
    """(month, diagnostics, integrations in axe 2, sorties with a solution) for each month of
    the year that has begun."""
    out = []
    for month in range(1, 13):
        start = date(annee, month, 1)
        if start > today:
            break
        end = parcours.add_months(start, 1)
        periode = Period(start, date.fromordinal(end.toordinal() - 1), MOIS[month - 1])
        ind = compute(db, periode, today=today)
        out.append(
            (MOIS_COURTS[month - 1], ind.diagnostics, ind.integrations_axe2, ind.sorties_solution)
        )
    return out


@dataclass(frozen=True)
class TextMap:
    """The map for a terminal: ``lignes`` of (character, agence or None) cells; « ● » where a
    cell holds at least SECRET_MINIMUM people accompanied (coloured by the agence following
    most of them; agence "" for people whose conseiller has none), « · » where there are
    communes, the main towns' names written beside their cell (agence None, like the dots);
    ``agences`` in the order of their colours."""

    lignes: list[list[tuple[str, str | None]]]
    agences: list[str]

    def texte(self) -> list[str]:
        return ["".join(ch for ch, _ in line).rstrip() for line in self.lignes]


def map_cells(db: Database, periode: Period, cols: int = 52, rows: int = 17) -> TextMap:
    """The département's communes on a ``cols`` × ``rows`` grid of terminal cells (a cell is
    about twice as high as wide, and longitudes shrink by the cosine of the latitude, so the
    shape is the bilan annuel's); a cell's people are its communes' added up, so no small
    number shows (SECRET_MINIMUM)."""
    communes = list(
        db.query(
            "SELECT code_insee, nom, population, latitude, longitude "
            "FROM communes WHERE latitude IS NOT NULL "
            "AND longitude IS NOT NULL"
        )
    )
    if not communes:
        return TextMap([], [])
    by_agence = _accompanied_by_commune_and_agence(db, periode)
    agences = sorted({agence for (_, agence) in by_agence})
    lats = [c["latitude"] for c in communes]
    lons = [c["longitude"] for c in communes]
    shrink = math.cos(math.radians((max(lats) + min(lats)) / 2))
    span_x = ((max(lons) - min(lons)) * shrink) or 1
    span_y = (max(lats) - min(lats)) or 1
    # One scale for both axes, a cell counting as two units high.
    scale = min((cols - 1) / span_x, (rows - 1) * 2 / span_y)

    def cell(c) -> tuple[int, int]:
        x = round((c["longitude"] - min(lons)) * shrink * scale)
        y = round((max(lats) - c["latitude"]) * scale / 2)
        return min(cols - 1, x), min(rows - 1, y)

    people: dict[tuple[int, int], Counter[str]] = {}
    for c in communes:
        here = people.setdefault(cell(c), Counter())
        for agence in agences:
            n = by_agence.get((c["code_insee"], agence), 0)
            if n:
                here[agence] += n
    grid: list[list[tuple[str, str | None]]] = [[(" ", None)] * cols for _ in range(rows)]
    for (x, y), here in people.items():
        total = sum(here.values())
        if total >= SECRET_MINIMUM:
            grid[y][x] = ("●", here.most_common(1)[0][0])
        else:
            grid[y][x] = ("·", None)
    for c in sorted(communes, key=lambda c: -(c["population"] or 0)):
        if (c["population"] or 0) < POPULATION_REPERE:
            break
        x, y = cell(c)
        name = " " + c["nom"]
        span = range(x + 1, min(cols, x + 1 + len(name)))
        # A name goes over blank cells and communes' dots, never over a zone or a name.
        if all(grid[y][i][1] is None and grid[y][i][0] in " ·" for i in span):
            for i, ch in zip(span, name, strict=False):
                grid[y][i] = (ch, None)
    return TextMap(grid, agences)


def map_text(db: Database, periode: Period, cols: int = 52, rows: int = 17) -> list[str]:
    """The terminal map as plain lines (see :func:`map_cells`)."""
    return map_cells(db, periode, cols, rows).texte()


def _accompanied_by_commune(db: Database, periode: Period) -> Counter[str]:
    found: Counter[str] = Counter()
    for (code, _), n in _accompanied_by_commune_and_agence(db, periode).items():
        found[code] += n
    return found


def _accompanied_by_commune_and_agence(db: Database, periode: Period) -> Counter[tuple[str, str]]:
    """People accompanied during the period, by (commune, agence of their conseiller)."""
    found: Counter[tuple[str, str]] = Counter()
    rows = db.query(
        "SELECT d.code_insee, d.parcours, coalesce(a.nom, '') AS agence FROM demandeurs d "
        "JOIN profils p ON p.id = d.conseiller_id LEFT JOIN agences a ON a.slug = p.agence"
    )
    for row in rows:
        p = parcours_from_json(row["parcours"])
        if p.entree is None or p.entree > periode.fin:
            continue
        if p.sortie is not None and p.sortie < periode.debut:
            continue
        found[(row["code_insee"], row["agence"])] += 1
    return found


def _bars(doc: _Pdf, title: str, rows: list[tuple[str, int]]) -> None:
    """A bar chart of the year by month: its title, the bars with their value above (room
    kept under the title for the tallest), the months below, a baseline."""

    def draw() -> None:
        pdf = doc.pdf
        doc.text(title, size=9, bold=True, gap=0)
        top, height, left, width = pdf.get_y() + 5, 28, 20, 170
        biggest = max([n for _, n in rows] + [1])
        step = width / 12
        pdf.set_font("Texte", "", 7)
        pdf.set_fill_color(70, 110, 170)
        for i, (label, n) in enumerate(rows):
            bar = height * n / biggest
            x = left + i * step
            if n:
                pdf.rect(x + 1, top + height - bar, step - 3, bar, style="F")
            value = str(n)
            centre = x + 1 + (step - 3) / 2
            pdf.text(centre - pdf.get_string_width(value) / 2, top + height - bar - 1, value)
            pdf.text(centre - pdf.get_string_width(label) / 2, top + height + 4, label)
        pdf.line(left, top + height, left + width, top + height)
        pdf.set_y(top + height + 7)

    doc.keep_together(draw)


def _map_section(doc: _Pdf, db: Database, periode: Period, before: Callable[[], None]) -> None:
    """The 195 communes from their coordinates (longitudes shrunk by the cosine of the
    latitude, so the département keeps its shape); where at least SECRET_MINIMUM people were
    accompanied in the year, a disc sized by how many, in the colours of their agences (a pie
    where several agences follow people of one commune); the main towns named; a legend.
    ``before`` draws what goes on the map's page above it (its heading and figures)."""
    communes = list(
        db.query(
            "SELECT code_insee, nom, population, latitude, longitude "
            "FROM communes WHERE latitude IS NOT NULL "
            "AND longitude IS NOT NULL"
        )
    )
    if not communes:
        return
    by_agence = _accompanied_by_commune_and_agence(db, periode)
    counts: Counter[str] = Counter()
    for (code, _), n in by_agence.items():
        counts[code] += n
    agences = sorted({agence for (_, agence) in by_agence})
    colour = {
        a: COULEURS_AGENCES[i % len(COULEURS_AGENCES)] if a else (150, 150, 150)
        for i, a in enumerate(agences)
    }
    lats = [c["latitude"] for c in communes]
    lons = [c["longitude"] for c in communes]
    shrink = math.cos(math.radians((max(lats) + min(lats)) / 2))
    span_x = ((max(lons) - min(lons)) * shrink) or 1
    span_y = (max(lats) - min(lats)) or 1
    width = 130.0
    scale = width / span_x
    height = span_y * scale
    legend = 6 + 5 * len(agences)

    def draw() -> None:
        before()
        pdf = doc.pdf
        top, left = pdf.get_y() + 6, 40.0

        def at(c) -> tuple[float, float]:
            return (
                left + (c["longitude"] - min(lons)) * shrink * scale,
                top + (max(lats) - c["latitude"]) * scale,
            )

        pdf.set_fill_color(185, 185, 185)
        for c in communes:
            x, y = at(c)
            pdf.ellipse(x - 0.6, y - 0.6, 1.2, 1.2, style="F")
        for c in sorted(communes, key=lambda c: -counts.get(c["code_insee"], 0)):
            total = counts.get(c["code_insee"], 0)
            if total < SECRET_MINIMUM:
                continue
            x, y = at(c)
            radius = 1.2 + 0.9 * math.sqrt(total)
            angle = 0.0
            for agence in agences:
                n = by_agence.get((c["code_insee"], agence), 0)
                if not n:
                    continue
                sweep = 360 * n / total
                pdf.set_fill_color(*colour[agence])
                if sweep >= 359.9:
                    pdf.ellipse(x - radius, y - radius, 2 * radius, 2 * radius, style="F")
                else:
                    pdf.solid_arc(
                        x - radius, y - radius, 2 * radius, angle, angle + sweep, style="F"
                    )
                angle += sweep
        pdf.set_font("Texte", "B", 7)
        for c in communes:
            if (c["population"] or 0) >= POPULATION_REPERE:
                x, y = at(c)
                pdf.text(x + 2.5, y - 1.5, c["nom"])
        # The legend: the agences' colours, then what a disc means.
        y = top + height + 6
        pdf.set_font("Texte", "", 8)
        for agence in agences:
            pdf.set_fill_color(*colour[agence])
            pdf.rect(left, y - 2.5, 3, 3, style="F")
            pdf.text(left + 5, y, agence or "Sans agence")
            y += 5
        pdf.set_y(top + height + legend)

    doc.keep_together(draw)
    shown = sum(1 for n in counts.values() if n >= SECRET_MINIMUM)
    doc.text(
        f"Chaque point gris est une commune du Tarn-et-Garonne ({len(communes)}). Un disque "
        f"marque chacune des {shown} communes d'au moins {SECRET_MINIMUM} personnes "
        "accompagnées dans l'année (surface selon le nombre, couleurs des agences de leurs "
        "conseillers) ; en dessous, elles ne sont pas distinguées (secret statistique). "
        f"Villes de plus de {POPULATION_REPERE} habitants nommées. Dossiers en cours de "
        "conservation seulement.",
        size=7,
    )


def bilan_annuel_pdf(db: Database, annee: int, *, actor: Profil | None, today: date) -> bytes:
    """The bilan annuel of *annee*, for an *actor* allowed it (``acces.PERMISSIONS
    ["bilan-annuel"]``); refused for a year that has not begun."""
    require(actor, "bilan-annuel")
    periode = Period.of(annee)
    ind = compute(db, periode, today=today)
    doc = _Pdf(f"Bilan annuel {annee} — approche globale")
    doc.text(f"Bilan annuel {annee} de l'approche globale", size=15, bold=True, gap=0)
    doc.text("Convention France Travail — Département de Tarn-et-Garonne", size=10)
    doc.text(
        f"À valider par le comité de pilotage, {DEADLINE} ({SOURCE}), soit au plus tard "
        f"le 30 avril {annee + 1}.",
        size=9,
    )
    if periode.fin > today:
        doc.text(f"Année en cours : chiffres arrêtés au {today:%d/%m/%Y}.", size=9, bold=True)
    doc.rule()

    doc.heading("1. Indicateurs (annexe 3) et cibles de la convention")
    etp = ind.etp_conseillers or 0
    cibles = {
        "Personnes intégrées en accompagnement global axe 2": (
            f"cible {round(parcours.INTEGRATIONS_PER_YEAR * etp)} "
            f"({parcours.INTEGRATIONS_PER_YEAR} par ETP)"
        ),
        f"Délai moyen d'entrée (jours, cible {parcours.ENTRY_DEADLINE_DAYS})": "cible 3 semaines",
        "ETP conseillers dédiés France Travail": f"cible {TARGET_ETP} ETP",
        "Nombre moyen d'ASS en relation avec chaque conseiller": (
            f"cible {TARGET_ASS} ASS pour {TARGET_ETP} ETP"
        ),
    }
    pdf = doc.pdf
    for label, value in ind.lignes():
        pdf.set_font("Texte", "", 8)
        pdf.cell(120, 4.5, label)
        pdf.cell(20, 4.5, value, align="R")
        pdf.cell(0, 4.5, "   " + cibles.get(label, ""), new_x="LMARGIN", new_y="NEXT")
    prescriptions = ind.orientations_france_travail + ind.orientations_departement
    doc.text(
        f"Prescriptions de l'année : {prescriptions} (cible "
        f"{round(parcours.PRESCRIPTIONS_PER_YEAR * etp)}, "
        f"soit {parcours.PRESCRIPTIONS_PER_YEAR} par ETP, "
        "annexe 1, axe 2, §3).",
        size=8,
    )

    doc.heading("2. L'année mois par mois")
    months = by_month(db, annee, today)
    _bars(doc, "Entretiens diagnostic réalisés", [(m, d) for m, d, _, _ in months])
    _bars(doc, "Intégrations en accompagnement global (axe 2)", [(m, i) for m, _, i, _ in months])
    _bars(
        doc, "Sorties avec solution d'activité ou de formation", [(m, s) for m, _, _, s in months]
    )

    def draw_map() -> None:
        doc.heading("3. Cartographie des personnes accompagnées par agence")
        for agence, n in ind.accompagnes_par_agence.items():
            doc.text(f"{agence} : {n}", size=9, gap=0)

    _map_section(doc, db, periode, draw_map)

    doc.heading("4. Bilan qualitatif (à rédiger par le comité technique)")
    for title in (
        "Faits marquants de l'année",
        "Coordination conseillers / travailleurs sociaux",
        "Difficultés rencontrées",
        "Orientations pour l'année à venir",
    ):
        doc.text(title, size=9, bold=True, gap=0)
        for _ in range(4):
            y = doc.pdf.get_y() + 6
            doc.pdf.line(15, y, 195, y)
            doc.pdf.set_y(y)
        doc.pdf.ln(4)
    return doc.output()
