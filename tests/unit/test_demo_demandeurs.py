"""The demo demandeurs (``seed/demandeurs.py``): three portefeuilles of about 70 that show
every situation and every alert of the portefeuille, whatever the day of the install."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date

import pytest

import caseload.parcours
from caseload.acces import get_profil
from caseload.rows import parcours_from_json
from caseload.store import Caseload
from seed.demandeurs import CONSEILLERS, load_demo_demandeurs
from seed.loader import load_demo_profils, open_seeded_database

TODAY = date(2026, 11, 23)
FINANCIAL = ("revenu", "ressource", "dette", "salaire", "montant", "budget")


def _fresh(path, today: date = TODAY):
    db = open_seeded_database(path, demo=False)
    load_demo_profils(db)
    created = load_demo_demandeurs(db, today=today)
    return db, created


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db, created = _fresh(tmp_path_factory.mktemp("demo") / "x.db")
    yield db, created
    db.close()


@pytest.fixture(scope="module")
def db(demo):
    return demo[0]


@pytest.fixture(scope="module")
def portefeuilles(db):
    return {
        cid: Caseload(db, get_profil(db, cid), clock=lambda: TODAY).portefeuille()
        for cid in CONSEILLERS
    }


@pytest.fixture(scope="module")
def rows(db):
    return list(db.query("SELECT * FROM demandeurs ORDER BY id"))


def _signature(db) -> list[tuple]:
    return [
        tuple(r)
        for r in db.execute(
            "SELECT nom, prenom, date_naissance, code_insee, quartier, conseiller_id, ass_id, "
            "etat, parcours FROM demandeurs ORDER BY id"
        )
    ]


def test_about_210_demandeurs_all_marked_demo(demo, rows):
    _, created = demo
    assert 200 <= created <= 220
    assert len(rows) == created
    assert all(r["demo"] == 1 for r in rows)


def test_each_conseiller_has_a_full_file_active(portefeuilles):
    for cid, lignes in portefeuilles.items():
        assert 60 <= len(lignes) <= 80, cid


def test_every_alert_kind_shows_in_each_portefeuille(portefeuilles):
    """Whichever conseiller opens the demo sees every alert, both upcoming and overdue."""
    for cid, lignes in portefeuilles.items():
        seen = {(a.kind, a.overdue) for ligne in lignes for a in ligne.alerts}
        assert {kind for kind, _ in seen} == set(caseload.parcours.AlertKind), cid
        for kind in (
            caseload.parcours.AlertKind.BILAN,
            caseload.parcours.AlertKind.DUREE_MAXIMALE,
            caseload.parcours.AlertKind.EVALUATION_AXE3,
        ):
            assert {(kind, True), (kind, False)} <= seen, (cid, kind)


def test_every_state_appears_in_each_portefeuille(portefeuilles):
    for cid, lignes in portefeuilles.items():
        assert {ligne.etat for ligne in lignes} == {e.value for e in caseload.parcours.State}, cid


def test_state_shares_follow_the_brief(rows):
    share = {e: n / len(rows) for e, n in Counter(r["etat"] for r in rows).items()}
    assert 0.07 <= share["prescrit"] <= 0.13
    assert 0.03 <= share["diagnostic-valide"] <= 0.08
    assert 0.50 <= share["en-accompagnement"] <= 0.60  # axe 2 (45 %) and axe 3 (10 %)
    assert 0.20 <= share["sorti"] <= 0.30
    assert 0.03 <= share["sans-suite"] <= 0.08
    axes = Counter(r["axe"] for r in rows if r["etat"] == "en-accompagnement")
    assert 0.40 <= axes["axe2"] / len(rows) <= 0.50
    assert 0.07 <= axes["axe3"] / len(rows) <= 0.13


def test_parcours_cover_renewals_reorientations_late_steps_and_every_motif(rows):
    parcours = [parcours_from_json(r["parcours"]) for r in rows]
    running = [p for p in parcours if p.etat is caseload.parcours.State.EN_ACCOMPAGNEMENT]
    axe2 = Counter(p.renouvellements for p in running if p.axe is caseload.parcours.Axe.AXE2)
    assert all(axe2[n] >= 3 for n in (0, 1, 2)), axe2
    assert any(p.axe is caseload.parcours.Axe.AXE3 and p.renouvellements == 1 for p in running)
    reoriented = [p for p in parcours if any(b.decision.value == "reorientation" for b in p.bilans)]
    assert {p.axe for p in reoriented if p.sortie is None} == {
        caseload.parcours.Axe.AXE2,
        caseload.parcours.Axe.AXE3,
    }
    delays = [
        caseload.parcours.entry_delay_days(p)
        for p in parcours
        if p.entree and p.decision is caseload.parcours.Axe.AXE2
    ]
    late = [d for d in delays if d > caseload.parcours.ENTRY_DEADLINE_DAYS]
    assert late and all(22 <= d <= 35 for d in late)
    assert len(late) < len(delays) / 3
    assert any(b.late for p in parcours for b in p.bilans)
    motifs = {p.motif for p in parcours if p.motif is not None}
    assert {
        caseload.parcours.MotifSortie.CESSATION_INSCRIPTION,
        caseload.parcours.MotifSortie.AGGRAVATION_SOCIALE,
    } <= motifs
    assert len({m for m in motifs if m.positive}) >= 4
    assert len({m for m in motifs if not m.positive}) >= 4
    assert all(
        len(p.relances) >= 2
        for p in parcours
        if p.motif is caseload.parcours.MotifSortie.CESSATION_INSCRIPTION
    )


def test_decisions_pending_and_taken(demo):
    """parcours.THREE_DECISIONS: prescriptions waiting for the ASS's decision, the two others given;
    diagnostics validated with the three."""
    db, _ = demo
    rows = list(
        db.query(
            "SELECT etat, decision_demandeur, decision_conseiller, decision_ass FROM demandeurs"
        )
    )
    pending = [
        r
        for r in rows
        if r["etat"] == "prescrit"
        and r["decision_demandeur"] == "axe2"
        and r["decision_conseiller"] == "axe2"
        and r["decision_ass"] is None
    ]
    assert len(pending) >= 3
    taken = [r for r in rows if r["etat"] == "diagnostic-valide"]
    assert taken and all(r["decision_ass"] in ("axe2", "axe3") for r in taken)


def test_back_to_work_the_demo_shows_trials_running_ended_and_validated(rows):
    """parcours.PERIODE_ESSAI: files « en emploi — période d'essai », their end given or estimated
    (parcours.PERIODE_ESSAI_DUREE_LEGALE), some waiting for the conseiller; the CDD and CDI exits
    of the past are sorties once their trial was validated."""
    parcours = [parcours_from_json(r["parcours"]) for r in rows]
    trials = [p for p in parcours if p.etat is caseload.parcours.State.PERIODE_ESSAI]
    assert {p.fin_periode_essai_estimee for p in trials} == {True, False}
    assert any(p.fin_periode_essai <= TODAY for p in trials)  # ended: to validate
    assert any(p.fin_periode_essai > TODAY for p in trials)
    back_to_work = [
        p
        for p in parcours
        if p.etat is caseload.parcours.State.SORTI
        and p.motif in caseload.parcours.EXITS_WITH_PERIODE_ESSAI
    ]
    assert len(back_to_work) >= 10
    assert all(p.emploi is not None and p.sortie >= p.fin_periode_essai for p in back_to_work)


def test_entries_and_exits_fill_the_current_and_previous_year(rows):
    parcours = [parcours_from_json(r["parcours"]) for r in rows]
    for year in (TODAY.year, TODAY.year - 1):
        assert sum(1 for p in parcours if p.entree and p.entree.year == year) >= 30, year
        exits = [p for p in parcours if p.entree and p.sortie and p.sortie.year == year]
        assert len(exits) >= 10, year
    exits = [p.sortie for p in parcours if p.etat is caseload.parcours.State.SORTI]
    assert min(exits) >= caseload.parcours.add_months(TODAY, -18) and max(exits) < TODAY
    # The longest exited parcours entered at most 26 months ago.
    assert min(p.prescription for p in parcours) >= caseload.parcours.add_months(TODAY, -28)


def test_every_step_is_dated_on_or_before_today_and_in_order(db):
    for (demandeur_id,) in db.execute("SELECT id FROM demandeurs"):
        days = [
            r[0]
            for r in db.execute(
                "SELECT date FROM evenements WHERE demandeur_id = ? ORDER BY id", [demandeur_id]
            )
        ]
        assert days == sorted(days) and days[-1] <= TODAY.isoformat()
        assert (
            days[0]
            == json.loads(
                db.execute(
                    "SELECT parcours FROM demandeurs WHERE id = ?", [demandeur_id]
                ).fetchone()[0]
            )["prescription"]
        )


def test_every_ass_covers_the_commune_or_the_quartier(db, rows):
    secteurs = {
        (r[0], r[1], r[2]) for r in db.execute("SELECT ass_id, kind, code FROM ass_secteurs")
    }
    with_ass = [r for r in rows if r["ass_id"]]
    for r in with_ass:
        if r["code_insee"] == "82121":
            assert r["quartier"], r["nom"]
            assert (r["ass_id"], "quartier", r["quartier"]) in secteurs, r["nom"]
        else:
            assert (r["ass_id"], "commune", r["code_insee"]) in secteurs, r["nom"]
    # Loads spread: many ASS, none with a quarter of a sector's people.
    assert len({r["ass_id"] for r in with_ass}) >= 30


def test_about_five_percent_wait_for_the_responsable_to_name_an_ass(rows):
    without = [r for r in rows if r["ass_id"] is None]
    assert 0.03 * len(rows) <= len(without) <= 0.07 * len(rows)
    assert {r["etat"] for r in without} == {"prescrit"}
    assert {r["initiateur"] for r in without} == {"france-travail"}


def test_demandeurs_live_in_their_agence_territory(db, rows):
    mds_of = dict(
        db.execute(
            "SELECT cs.code_insee, s.mds FROM commune_secteurs cs JOIN sites s ON s.id = cs.site_id"
        ).fetchall()
    )
    territoires = Counter((r["conseiller_id"], mds_of[r["code_insee"]]) for r in rows)
    for (cid, mds), n in territoires.items():
        assert mds in CONSEILLERS[cid], (cid, mds, n)
    for cid in ("cons-albasud-01", "cons-nord-01"):
        montauban = sum(1 for r in rows if r["conseiller_id"] == cid and r["code_insee"] == "82121")
        assert 15 <= montauban <= 50, cid
    castel = Counter(
        mds_of[r["code_insee"]] for r in rows if r["conseiller_id"] == "cons-castel-01"
    )
    assert castel["castelsarrasin-moissac"] > castel["beaumont-valence"] > 10
    assert len({r["code_insee"] for r in rows}) >= 40  # not only the towns


def test_fiches_are_plausible_and_obviously_fictitious(rows):
    phones = [r["telephone"] for r in rows]
    assert all(re.fullmatch(r"06 39 98 \d\d \d\d", t) for t in phones)
    assert len(set(phones)) == len(phones)
    assert all(re.fullmatch(r"\d{7}[A-Z]", r["identifiant_ft"]) for r in rows)
    assert len({r["identifiant_ft"] for r in rows}) == len(rows)
    caf = [r["identifiant_caf"] for r in rows if r["identifiant_caf"]]
    assert all(re.fullmatch(r"\d{7}", c) for c in caf)
    assert 0.35 <= len(caf) / len(rows) <= 0.65
    assert 0.30 <= sum(r["brsa"] for r in rows) / len(rows) <= 0.50
    for r in rows:
        assert (r["courriel"] is not None) == bool(r["echanges_dematerialises"]), r["nom"]
        if r["courriel"]:
            assert r["courriel"].endswith("@example.org")
        assert 1 <= len(json.loads(r["freins_peripheriques"])) <= 4
        assert 0 <= len(json.loads(r["freins_directs"])) <= 3
        assert 1 <= len(json.loads(r["atouts"])) <= 4
        assert re.fullmatch(r"(\d+ \w.*|lieu-dit .+|résidence .+, \d+ .+)", r["adresse"])
        assert r["consentement"] == 1 and r["consentement_date"]
        assert r["situation_familiale"] in ("seul", "couple")
        born = date.fromisoformat(r["date_naissance"])
        age = TODAY.year - born.year - ((TODAY.month, TODAY.day) < (born.month, born.day))
        assert 18 <= age <= 62, r["nom"]
    assert len({(r["nom"], r["prenom"]) for r in rows}) == len(rows)
    initiateurs = Counter(r["initiateur"] for r in rows)
    assert 0.68 <= initiateurs["france-travail"] / len(rows) <= 0.82
    assert all(r["initiateur_nom"] and r["initiateur_fonction"] for r in rows)


def test_fiche_decision_follows_the_diagnostic(rows):
    for r in rows:
        p = parcours_from_json(r["parcours"])
        if p.diagnostic is None:
            # Before the diagnostic, the ASS's decision is still to come (some files hold
            # the demandeur's and the conseiller's already).
            assert r["decision_ass"] is None, r["nom"]
            assert r["decision_conseiller"] in (None, "axe2"), r["nom"]
            continue
        expected = {
            caseload.parcours.Axe.AXE2: "axe2",
            caseload.parcours.Axe.AXE3: "axe3",
            None: "non",
        }[p.decision]
        assert r["decision_conseiller"] == r["decision_ass"] == expected, r["nom"]


def test_no_financial_field_in_the_demandeurs_table(db):
    columns = [c.name.lower() for c in db["demandeurs"].columns]
    assert "nom" in columns
    assert not [c for c in columns if any(word in c for word in FINANCIAL)]


def test_the_same_demo_on_every_fresh_install(tmp_path, db):
    other, _ = _fresh(tmp_path / "again.db")
    try:
        assert _signature(other) == _signature(db)
    finally:
        other.close()


def test_identities_do_not_depend_on_the_day(tmp_path, db):
    other, _ = _fresh(tmp_path / "later.db", date(2027, 3, 8))
    try:
        names = "SELECT nom, prenom, code_insee, conseiller_id FROM demandeurs ORDER BY nom, prenom"
        assert list(other.execute(names)) == list(db.execute(names))
    finally:
        other.close()


@pytest.mark.parametrize(
    "today", [date(2027, 1, 4), date(2027, 8, 31), date(2027, 12, 31), date(2028, 2, 29)]
)
def test_any_install_day_shows_every_state_and_alert(tmp_path, today):
    """Month ends, new year, leap day: the rules accept every step (the load would raise
    otherwise) and each portefeuille still shows every situation and every alert."""
    db, created = _fresh(tmp_path / "day.db", today)
    try:
        assert 200 <= created <= 220
        for cid in CONSEILLERS:
            lignes = Caseload(db, get_profil(db, cid), clock=lambda: today).portefeuille()
            assert {a.kind for ligne in lignes for a in ligne.alerts} == set(
                caseload.parcours.AlertKind
            ), cid
            assert {ligne.etat for ligne in lignes} == {e.value for e in caseload.parcours.State}, (
                cid
            )
    finally:
        db.close()


def test_a_fresh_install_with_the_demo_seeds_the_demandeurs(tmp_path):
    db = open_seeded_database(tmp_path / "install.db")
    try:
        assert 200 <= db["demandeurs"].count <= 220
        assert db.execute("SELECT count(*) FROM demandeurs WHERE demo = 0").fetchone()[0] == 0
    finally:
        db.close()
