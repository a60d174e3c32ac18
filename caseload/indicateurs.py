"""The piloting indicators of the convention (annexe 3), for the COPIL's annual bilan.

« Les Indicateurs opérationnels » and « Les indicateurs de la convention », computed for a
year or a quarter from the parcours as recorded. Aggregates only: no personal data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from math import fsum

from sqlite_utils import Database

from caseload import parcours
from caseload.acces import Profil, require
from caseload.rows import parcours_from_json
from ressources.errors import BinomeError

TARGET_ENTRY_DAYS = parcours.ENTRY_DEADLINE_DAYS  # avenant: « délai d'entrée de 3 semaines »


@dataclass(frozen=True)
class Period:
    debut: date
    fin: date  # inclusive
    libelle: str

    @classmethod
    def of(cls, annee: int, trimestre: int | None = None) -> Period:
        if not 2000 <= annee <= 2100:
            raise BinomeError(f"Année invalide : {annee}.")
        if trimestre is None:
            return cls(date(annee, 1, 1), date(annee, 12, 31), str(annee))
        if trimestre not in (1, 2, 3, 4):
            raise BinomeError(f"Trimestre invalide : {trimestre} (1 à 4).")
        start = date(annee, 3 * trimestre - 2, 1)
        end = parcours.add_months(start, 3)
        return cls(start, date.fromordinal(end.toordinal() - 1), f"T{trimestre} {annee}")

    def __contains__(self, day: date | None) -> bool:
        return day is not None and self.debut <= day <= self.fin


@dataclass
class Indicateurs:
    periode: Period
    diagnostics: int = 0
    diagnostics_par_site: dict[str, int] = field(default_factory=dict)
    integrations_axe2: int = 0
    orientations_axe3: int = 0
    reorientations: int = 0
    brsa_entres: int = 0
    duree_moyenne_mois: float | None = None
    sorties_solution: int = 0
    autres_resultats: dict[str, int] = field(default_factory=dict)
    accompagnes_par_agence: dict[str, int] = field(default_factory=dict)
    orientations_france_travail: int = 0
    orientations_departement: int = 0
    delai_moyen_entree_jours: float | None = None
    etp_conseillers: float = 0.0
    ass_par_conseiller: float | None = None

    @property
    def france_travail_share(self) -> float | None:
        total = self.orientations_france_travail + self.orientations_departement
        return round(100 * self.orientations_france_travail / total, 1) if total else None

    @property
    def departement_share(self) -> float | None:
        share = self.france_travail_share
        return None if share is None else round(100 - share, 1)

    def lignes(self) -> list[tuple[str, str]]:
        """(label, value) in the order of annexe 3, for screens and CSV."""

        def fmt(value, unit="") -> str:
            if value is None:
                return "—"
            if isinstance(value, float):
                value = f"{value:.1f}".replace(".", ",")
            return f"{value}{unit}"

        rows = [("Entretiens diagnostic réalisés (département)", fmt(self.diagnostics))]
        rows += [(f"  dont site {site}", fmt(n)) for site, n in self.diagnostics_par_site.items()]
        rows += [
            ("Personnes intégrées en accompagnement global axe 2", fmt(self.integrations_axe2)),
            ("Personnes orientées en axe 3", fmt(self.orientations_axe3)),
            ("Réorientations entre axes (événements)", fmt(self.reorientations)),
            ("Bénéficiaires du rSa entrés dans la démarche", fmt(self.brsa_entres)),
            ("Durée moyenne des accompagnements (mois)", fmt(self.duree_moyenne_mois)),
            ("Sorties avec solution d'activité ou de formation", fmt(self.sorties_solution)),
        ]
        rows += [
            (f"Autres résultats : {motif}", fmt(n)) for motif, n in self.autres_resultats.items()
        ]
        rows += [
            (f"Personnes accompagnées — {a}", fmt(n))
            for a, n in self.accompagnes_par_agence.items()
        ]
        rows += [
            (
                "Part des orientations issues de France Travail",
                fmt(self.france_travail_share, " %"),
            ),
            ("Part des orientations issues du Département", fmt(self.departement_share, " %")),
            (
                f"Délai moyen d'entrée (jours, cible {TARGET_ENTRY_DAYS})",
                fmt(self.delai_moyen_entree_jours),
            ),
            ("ETP conseillers dédiés France Travail", fmt(self.etp_conseillers)),
            ("Nombre moyen d'ASS en relation avec chaque conseiller", fmt(self.ass_par_conseiller)),
        ]
        return rows

    def as_dict(self) -> dict:
        return {
            "periode": {
                "libelle": self.periode.libelle,
                "debut": self.periode.debut.isoformat(),
                "fin": self.periode.fin.isoformat(),
            },
            "diagnostics": self.diagnostics,
            "diagnostics_par_site": self.diagnostics_par_site,
            "integrations_axe2": self.integrations_axe2,
            "orientations_axe3": self.orientations_axe3,
            "reorientations": self.reorientations,
            "brsa_entres": self.brsa_entres,
            "duree_moyenne_mois": self.duree_moyenne_mois,
            "sorties_solution": self.sorties_solution,
            "autres_resultats": self.autres_resultats,
            "accompagnes_par_agence": self.accompagnes_par_agence,
            "orientations_france_travail": self.orientations_france_travail,
            "orientations_departement": self.orientations_departement,
            "part_france_travail": self.france_travail_share,
            "delai_moyen_entree_jours": self.delai_moyen_entree_jours,
            "delai_cible_jours": TARGET_ENTRY_DAYS,
            "etp_conseillers": self.etp_conseillers,
            "ass_par_conseiller": self.ass_par_conseiller,
        }


@dataclass(frozen=True)
class Fact:
    """One anonymous fact the indicators count: no person, and no link to the other facts
    of the same person, so it can be kept once the person is erased (RGPD)."""

    kind: str  # prescription, diagnostic, entree, reorientation, sortie, accompagnement
    jour: date
    fin: date | None = None
    site: str | None = None
    agence: str | None = None
    conseiller_id: str | None = None
    ass_id: str | None = None
    axe: str | None = None
    origine: str | None = None
    motif: str | None = None
    valeur: float | None = None
    brsa: bool = False


def facts(p: parcours.Parcours, row: dict, *, until: date | None = None) -> list[Fact]:
    """The facts of one parcours; *row* gives its site, agence, conseiller and ASS. With
    *until*, an accompaniment still open is closed on that day (the person is erased then)."""
    out = [Fact("prescription", p.prescription, origine=p.origine.value)]
    if p.diagnostic is not None:
        out.append(
            Fact(
                "diagnostic",
                p.diagnostic,
                site=row["site"],
                axe=p.decision.value if p.decision else None,
            )
        )
    if p.entree is not None:
        delay = parcours.entry_delay_days(p) if p.decision is parcours.Axe.AXE2 else None
        out.append(
            Fact(
                "entree",
                p.entree,
                axe=p.decision.value if p.decision else None,
                valeur=delay,
                brsa=p.brsa,
            )
        )
        out.append(
            Fact(
                "accompagnement",
                p.entree,
                fin=p.sortie or until,
                agence=row["agence"],
                conseiller_id=row["conseiller_id"],
                ass_id=row["ass_id"],
            )
        )
    # Réorientations, at a bilan or at any time (parcours.REORIENTATION_ANY_TIME). Annexe 3 counts
    # people (« Nombre de personnes intégrées… », « … orientées en axe 3 »): a réorientation
    # back to an axe the person was already in is an event, not one more person (``motif``
    # "retour"). Decided here, per parcours, so the kept facts stay unlinked.
    for on, vers, first in _moves(p):
        out.append(
            Fact("reorientation", on, axe=vers.value, motif="premiere" if first else "retour")
        )
    if p.etat is parcours.State.SANS_SUITE and p.sortie is not None:
        # A prescription closed without entry is one of the « autres résultats ».
        out.append(Fact("sans-suite", p.sortie))
    if p.sortie is not None and p.entree is not None and p.motif is not None:
        out.append(
            Fact(
                "sortie",
                p.sortie,
                motif=p.motif.value,
                valeur=parcours.duration_months(p, p.sortie),
            )
        )
    return out


def _moves(p: parcours.Parcours) -> list[tuple[date, parcours.Axe, bool]]:
    """Each réorientation (day, axe reached, whether the person is new to that axe)."""
    moves = sorted(
        [
            (b.on, b.axe.other)
            for b in p.bilans
            if b.decision is parcours.BilanDecision.REORIENTATION
        ]
        + [(r.on, r.vers) for r in p.reorientations]
    )
    seen = {p.decision} if p.entree is not None and p.decision is not None else set()
    out = []
    for on, vers in moves:
        out.append((on, vers, vers not in seen))
        seen.add(vers)
    return out


_FAIT_COLUMNS = [f for f in Fact.__dataclass_fields__]
# The site of a diagnostic: the quartier's inside Montauban (Labat–Centre, Unal–Chênes, the
# Plateforme…), else the commune's.
_ROWS_SQL = (
    "SELECT d.*, s.nom AS site, a.nom AS agence FROM demandeurs d "
    "LEFT JOIN commune_secteurs cs ON cs.code_insee = d.code_insee "
    "LEFT JOIN quartiers q ON q.slug = d.quartier "
    "LEFT JOIN sites s ON s.id = coalesce(q.site_id, cs.site_id) "
    "JOIN profils pc ON pc.id = d.conseiller_id "
    "LEFT JOIN agences a ON a.slug = pc.agence"
)


def keep_facts(db: Database, demandeur_ids: list[int], today: date) -> None:
    """Before these people are erased, keep the anonymous facts of their parcours. The facts
    of all of them are written in date order, not person by person, so nothing in the table
    tells which facts were one person's."""
    if not demandeur_ids:
        return
    marks = ", ".join("?" for _ in demandeur_ids)
    kept = []
    for row in db.query(_ROWS_SQL + f" WHERE d.id IN ({marks})", demandeur_ids):
        demo = int(bool(row["demo"]))
        kept += [(f, demo) for f in facts(parcours_from_json(row["parcours"]), row, until=today)]
    kept.sort(key=lambda item: (item[0].jour, item[0].kind))
    for fait, demo in kept:
        values = [getattr(fait, c) for c in _FAIT_COLUMNS]
        values = [v.isoformat() if isinstance(v, date) else v for v in values]
        db.execute(
            f"INSERT INTO faits_indicateurs({', '.join(_FAIT_COLUMNS)}, demo) "
            f"VALUES ({', '.join('?' for _ in _FAIT_COLUMNS)}, ?)",
            [*values, demo],
        )


def _stored_facts(db: Database) -> list[Fact]:
    out = []
    for r in db.query(f"SELECT {', '.join(_FAIT_COLUMNS)} FROM faits_indicateurs"):
        values = dict(r)
        for key in ("jour", "fin"):
            values[key] = date.fromisoformat(values[key]) if values[key] else None
        values["brsa"] = bool(values["brsa"])
        out.append(Fact(**values))
    return out


SANS_SUITE_LABEL = "Classé sans suite (sans entrée en accompagnement)"


def indicateurs_for(
    db: Database, actor: Profil | None, periode: Period, *, today: date | None = None
) -> Indicateurs:
    """The indicators of *periode* for *actor*, who must be allowed them
    (``acces.PERMISSIONS["indicateurs"]``): what the screen and the command call."""
    require(actor, "indicateurs")
    return compute(db, periode, today=today)


def compute(db: Database, periode: Period, *, today: date | None = None) -> Indicateurs:
    """Every indicator of annexe 3 for *periode*: from the facts of the parcours on file and
    the anonymous facts kept of the people erased since. A period that has not begun on
    *today* is refused (it would only show today's files)."""
    today = today or date.today()
    if periode.debut > today:
        raise BinomeError(
            f"La période {periode.libelle} n'a pas commencé (nous sommes le "
            f"{today:%d/%m/%Y}) : ses indicateurs ne peuvent pas être calculés."
        )
    out = Indicateurs(periode)
    every: list[Fact] = []
    for row in db.query(_ROWS_SQL):
        every += facts(parcours_from_json(row["parcours"]), row)
    every += _stored_facts(db)
    by_site: Counter[str] = Counter()
    by_agence: Counter[str] = Counter()
    others: Counter[str] = Counter()
    durations: list[float] = []
    delays: list[float] = []
    ass_by_conseiller: dict[str | None, set[str]] = {}
    for f in every:
        if f.kind == "accompagnement":
            # Accompanied during the period: entered on or before its end, not out before it.
            if f.jour <= periode.fin and (f.fin is None or f.fin >= periode.debut):
                by_agence[f.agence or "sans agence"] += 1
                if f.ass_id:
                    ass_by_conseiller.setdefault(f.conseiller_id, set()).add(f.ass_id)
            continue
        if f.jour not in periode:
            continue
        if f.kind == "diagnostic":
            out.diagnostics += 1
            by_site[f.site or "non sectorisé"] += 1
            if f.axe == parcours.Axe.AXE3:
                out.orientations_axe3 += 1
        elif f.kind == "prescription":
            if f.origine == parcours.Origin.FRANCE_TRAVAIL:
                out.orientations_france_travail += 1
            else:
                out.orientations_departement += 1
        elif f.kind == "entree":
            if f.axe == parcours.Axe.AXE2:
                out.integrations_axe2 += 1
                if f.valeur is not None:
                    delays.append(f.valeur)
            if f.brsa:
                out.brsa_entres += 1
        elif f.kind == "reorientation":
            out.reorientations += 1
            if f.motif == "retour":
                continue  # the person is already counted in that axe
            if f.axe == parcours.Axe.AXE2:
                out.integrations_axe2 += 1
            else:
                out.orientations_axe3 += 1
        elif f.kind == "sans-suite":
            others[SANS_SUITE_LABEL] += 1
        elif f.kind == "sortie":
            motif = parcours.MotifSortie(f.motif or "")  # a sortie's fact always has its motif
            # parcours.SOLUTION_ACTIVITE_FORMATION: not « changement de modalité d'accompagnement ».
            if motif in parcours.SOLUTION_ACTIVITE_FORMATION:
                out.sorties_solution += 1
            else:
                others[motif.label] += 1
            if f.valeur is not None:
                durations.append(f.valeur)
    out.diagnostics_par_site = dict(sorted(by_site.items()))
    out.autres_resultats = dict(sorted(others.items()))
    out.accompagnes_par_agence = dict(sorted(by_agence.items()))
    # fsum: the same figures whatever the order the facts come in (on file or kept).
    out.duree_moyenne_mois = round(fsum(durations) / len(durations), 1) if durations else None
    out.delai_moyen_entree_jours = round(fsum(delays) / len(delays), 1) if delays else None
    etp = db.execute(
        "SELECT coalesce(sum(etp), 0) FROM profils WHERE role = 'conseiller' AND actif = 1"
    ).fetchone()[0]
    out.etp_conseillers = round(float(etp), 1)
    if ass_by_conseiller:
        counts = [len(v) for v in ass_by_conseiller.values()]
        out.ass_par_conseiller = round(sum(counts) / len(counts), 1)
    return out


@dataclass(frozen=True)
class Target:
    """One figure of a conseiller against its target (annexe 1, axe 2, §3)."""

    libelle: str
    valeur: int
    cible: int


def targets(db: Database, conseiller_id: str, etp: float, today: date) -> list[Target]:
    """The conseiller's prescriptions and integrations into axe 2 this month and this year,
    and the file active, against the targets of parcours.INTEGRATIONS_PER_MONTH,
    parcours.PRESCRIPTIONS_PER_MONTH, parcours.PRESCRIPTIONS_PER_YEAR and
    parcours.FILE_ACTIVE_TARGET (per ETP)."""
    month = Period(date(today.year, today.month, 1), today, "mois")
    year = Period(date(today.year, 1, 1), today, "année")
    counts: Counter[str] = Counter()
    for row in db.query(
        "SELECT parcours FROM demandeurs WHERE conseiller_id = ? AND limite_le IS NULL",
        [conseiller_id],
    ):
        p = parcours_from_json(row["parcours"])
        integrations = [p.entree] if p.entree and p.decision is parcours.Axe.AXE2 else []
        integrations += [on for on, vers, first in _moves(p) if first and vers is parcours.Axe.AXE2]
        for name, periode in (("mois", month), ("annee", year)):
            counts[f"prescriptions-{name}"] += p.prescription in periode
            counts[f"integrations-{name}"] += sum(day in periode for day in integrations)
        counts["file-active"] += (
            p.etat is parcours.State.EN_ACCOMPAGNEMENT and p.axe is parcours.Axe.AXE2
        )

    def target(value: int) -> int:
        return round(value * etp)

    return [
        Target(
            "Intégrations ce mois",
            counts["integrations-mois"],
            target(parcours.INTEGRATIONS_PER_MONTH),
        ),
        Target(
            "Prescriptions ce mois",
            counts["prescriptions-mois"],
            target(parcours.PRESCRIPTIONS_PER_MONTH),
        ),
        Target(
            "Intégrations cette année",
            counts["integrations-annee"],
            target(parcours.INTEGRATIONS_PER_YEAR),
        ),
        Target(
            "Prescriptions cette année",
            counts["prescriptions-annee"],
            target(parcours.PRESCRIPTIONS_PER_YEAR),
        ),
        Target("File active (axe 2)", counts["file-active"], target(parcours.FILE_ACTIVE_TARGET)),
    ]
