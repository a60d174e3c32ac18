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

from collections import Counter
from datetime import date

from sqlite_utils import Database

from caseload import parcours as P
from caseload.documents import MOIS, _Pdf
from caseload.indicateurs import Periode, compute
from caseload.rows import parcours_from_json

SOURCE = "avenant n°1, article 3"  # 001_6fe812dc18e617ae.txt
DEADLINE = "au plus tard le 30 avril de l’année N+1"
# Avenant 2.2: « Objectif d’ici fin 2021 : 3 semaines »; « 50 assistants de service social
# polyvalents répartis dans les 5 maisons départementales des solidarités en correspondance
# aux 3 ETP entièrement dédiés par Pôle Emploi ».
TARGET_ASS, TARGET_ETP = 50, 3
# Small cells are not shown on the map (statistical secrecy).
SECRET_MINIMUM = 3


def par_mois(db: Database, annee: int, today: date) -> list[tuple[str, int, int, int]]:
    """(month, diagnostics, integrations in axe 2, sorties with a solution) for each month of
    the year that has begun."""
    out = []
    for month in range(1, 13):
        start = date(annee, month, 1)
        if start > today:
            break
        end = P.add_months(start, 1)
        periode = Periode(start, date.fromordinal(end.toordinal() - 1), MOIS[month - 1])
        ind = compute(db, periode, today=today)
        out.append((MOIS[month - 1][:4], ind.diagnostics, ind.integrations_axe2,
                    ind.sorties_solution))  # fmt: skip
    return out


def carte_texte(db: Database, periode: Periode, cols: int = 44, rows: int = 18) -> list[str]:
    """The map for a terminal: one character per cell of the département's bounding box,
    « · » where there are communes, « ● » where the cell holds at least SECRET_MINIMUM people
    accompanied in the period (a cell's communes added up, so no small cell shows)."""
    communes = list(db.query("SELECT code_insee, latitude, longitude FROM communes "
                             "WHERE latitude IS NOT NULL AND longitude IS NOT NULL"))  # fmt: skip
    if not communes:
        return []
    counts = _accompagnes_par_commune(db, periode)
    lats = [c["latitude"] for c in communes]
    lons = [c["longitude"] for c in communes]
    lat_span = (max(lats) - min(lats)) or 1
    lon_span = (max(lons) - min(lons)) or 1
    cells: dict[tuple[int, int], int] = {}
    for c in communes:
        x = min(cols - 1, int((c["longitude"] - min(lons)) / lon_span * (cols - 1)))
        y = min(rows - 1, int((max(lats) - c["latitude"]) / lat_span * (rows - 1)))
        cells[(x, y)] = cells.get((x, y), 0) + counts.get(c["code_insee"], 0)
    lines = []
    for y in range(rows):
        line = ""
        for x in range(cols):
            n = cells.get((x, y))
            line += " " if n is None else ("●" if n >= SECRET_MINIMUM else "·")
        lines.append(line.rstrip())
    return lines


def _accompagnes_par_commune(db: Database, periode: Periode) -> Counter[str]:
    found: Counter[str] = Counter()
    for row in db.query("SELECT code_insee, parcours FROM demandeurs"):
        p = parcours_from_json(row["parcours"])
        if p.entree is None or p.entree > periode.fin:
            continue
        if p.sortie is not None and p.sortie < periode.debut:
            continue
        found[row["code_insee"]] += 1
    return found


def _bars(doc: _Pdf, title: str, rows: list[tuple[str, int]]) -> None:
    pdf = doc.pdf
    doc.text(title, size=9, bold=True, gap=0)
    top, height, left, width = pdf.get_y() + 2, 30, 20, 170
    biggest = max([n for _, n in rows] + [1])
    step = width / max(len(rows), 1)
    pdf.set_font("Texte", "", 7)
    for i, (label, n) in enumerate(rows):
        bar = height * n / biggest
        x = left + i * step
        pdf.set_fill_color(70, 110, 170)
        if n:
            pdf.rect(x + 1, top + height - bar, step - 3, bar, style="F")
        pdf.text(x + 1, top + height - bar - 1, str(n))
        pdf.text(x + 1, top + height + 4, label)
    pdf.set_y(top + height + 7)


def _carte(doc: _Pdf, db: Database, periode: Periode) -> None:
    """The 195 communes from their coordinates; those with people accompanied in the year,
    sized by how many (below SECRET_MINIMUM, drawn as the others)."""
    pdf = doc.pdf
    communes = list(db.query("SELECT code_insee, nom, latitude, longitude FROM communes"))
    counts = _accompagnes_par_commune(db, periode)
    if not communes:
        return
    lats = [c["latitude"] for c in communes]
    lons = [c["longitude"] for c in communes]
    top, size = pdf.get_y() + 2, 90
    if top + size > 270:
        pdf.add_page()
        top = pdf.get_y()
    span = max(max(lats) - min(lats), max(lons) - min(lons)) or 1
    for c in communes:
        x = 40 + (c["longitude"] - min(lons)) / span * size
        y = top + (max(lats) - c["latitude"]) / span * size
        n = counts.get(c["code_insee"], 0)
        if n >= SECRET_MINIMUM:
            radius = 0.8 + min(n, 30) ** 0.5
            pdf.set_fill_color(200, 60, 40)
            pdf.ellipse(x - radius, y - radius, 2 * radius, 2 * radius, style="F")
        else:
            pdf.set_fill_color(180, 180, 180)
            pdf.ellipse(x - 0.6, y - 0.6, 1.2, 1.2, style="F")
    pdf.set_y(top + size + 4)
    shown = sum(1 for n in counts.values() if n >= SECRET_MINIMUM)
    doc.text(
        f"Chaque point est une commune du Tarn-et-Garonne ({len(communes)}). En rouge, les "
        f"{shown} communes d'au moins {SECRET_MINIMUM} personnes accompagnées dans l'année "
        "(taille selon le nombre) ; en dessous, elles ne sont pas distinguées (secret "
        "statistique). Dossiers en cours de conservation seulement.",
        size=7,
    )


def bilan_annuel_pdf(db: Database, annee: int, *, today: date) -> bytes:
    """The bilan annuel of *annee* (refused for a year that has not begun)."""
    periode = Periode.of(annee)
    ind = compute(db, periode, today=today)
    doc = _Pdf(f"Bilan annuel {annee} — approche globale")
    doc.text(f"Bilan annuel {annee} de l'approche globale", size=15, bold=True, gap=0)
    doc.text("Convention France Travail — Département de Tarn-et-Garonne", size=10)
    doc.text(f"À valider par le comité de pilotage, {DEADLINE} ({SOURCE}), soit au plus tard "
             f"le 30 avril {annee + 1}.", size=9)  # fmt: skip
    if periode.fin > today:
        doc.text(f"Année en cours : chiffres arrêtés au {today:%d/%m/%Y}.", size=9, bold=True)
    doc.rule()

    doc.heading("1. Indicateurs (annexe 3) et cibles de la convention")
    etp = ind.etp_conseillers or 0
    cibles = {
        "Personnes intégrées en accompagnement global axe 2":
            f"cible {round(P.INTEGRATIONS_PER_YEAR * etp)} ({P.INTEGRATIONS_PER_YEAR} par ETP)",
        f"Délai moyen d'entrée (jours, cible {P.ENTRY_DEADLINE_DAYS})": "cible 3 semaines",
        "ETP conseillers dédiés France Travail": f"cible {TARGET_ETP} ETP",
        "Nombre moyen d'ASS en relation avec chaque conseiller":
            f"cible {TARGET_ASS} ASS pour {TARGET_ETP} ETP",
    }  # fmt: skip
    pdf = doc.pdf
    for label, value in ind.lignes():
        pdf.set_font("Texte", "", 8)
        pdf.cell(120, 4.5, label)
        pdf.cell(20, 4.5, value, align="R")
        pdf.cell(0, 4.5, "   " + cibles.get(label, ""), new_x="LMARGIN", new_y="NEXT")
    prescriptions = ind.orientations_france_travail + ind.orientations_departement
    doc.text(f"Prescriptions de l'année : {prescriptions} (cible "
             f"{round(P.PRESCRIPTIONS_PER_YEAR * etp)}, soit {P.PRESCRIPTIONS_PER_YEAR} par ETP, "
             "annexe 1, axe 2, §3).", size=8)  # fmt: skip

    doc.heading("2. L'année mois par mois")
    months = par_mois(db, annee, today)
    _bars(doc, "Entretiens diagnostic réalisés", [(m, d) for m, d, _, _ in months])
    _bars(doc, "Intégrations en accompagnement global (axe 2)", [(m, i) for m, _, i, _ in months])
    _bars(doc, "Sorties avec solution d'activité ou de formation",
          [(m, s) for m, _, _, s in months])  # fmt: skip

    doc.heading("3. Cartographie des personnes accompagnées par agence")
    for agence, n in ind.accompagnes_par_agence.items():
        doc.text(f"{agence} : {n}", size=9, gap=0)
    doc.pdf.ln(2)
    _carte(doc, db, periode)

    doc.heading("4. Bilan qualitatif (à rédiger par le comité technique)")
    for title in ("Faits marquants de l'année", "Coordination conseillers / travailleurs sociaux",
                  "Difficultés rencontrées", "Orientations pour l'année à venir"):  # fmt: skip
        doc.text(title, size=9, bold=True, gap=0)
        for _ in range(4):
            y = doc.pdf.get_y() + 6
            doc.pdf.line(15, y, 195, y)
            doc.pdf.set_y(y)
        doc.pdf.ln(4)
    return doc.output()
