"""The person not known to the MDS (annexe 1, axe 2, §2): a rendez-vous with the named ASS
(parcours.RDV_COURRIER), an absence recorded by the ASS and shown to the conseiller
(parcours.ABSENCE_RDV). Frozen clock."""

from datetime import date

import pytest

from caseload import parcours
from caseload.acces import get_profil
from caseload.store import Caseload
from ressources.errors import AccessDenied
from seed.loader import load_demo_profils, open_seeded_database

TODAY = date(2026, 11, 23)


@pytest.fixture
def db(reference_db_path):
    db = open_seeded_database(reference_db_path, demo=False)
    load_demo_profils(db)
    yield db
    db.close()


def as_(db, profil_id, today=TODAY):
    return Caseload(db, get_profil(db, profil_id), clock=lambda: today)


def site_of(db, ass_id):
    return db.execute("SELECT site_id FROM profils WHERE id = ?", [ass_id]).fetchone()[0]


def prescrit(db, ass_id=None):
    data = {
        "nom": "RDV",
        "prenom": "Sam",
        "date_naissance": "1990-01-01",
        "code_insee": "82121",
        "consentement": True,
        "consentement_date": "2026-11-16",
    }
    return as_(db, "cons-albasud-01").create(data, prescription=date(2026, 11, 16), ass_id=ass_id)


def test_the_responsable_sets_a_rendez_vous_once_the_ass_is_named(db):
    new = prescrit(db)
    resp = as_(db, "resp-montauban")
    rdv = parcours.RendezVous(date(2026, 11, 30), "09:30", site_of(db, "ass-mtb-01"))
    with pytest.raises(parcours.RuleViolation) as refused:
        resp.set_rendez_vous(new, rdv)
    assert "désignez d'abord l'ASS" in str(refused.value)
    resp.assign_ass(new, "ass-mtb-01")
    resp.set_rendez_vous(new, rdv)
    p = as_(db, "cons-albasud-01").get(new).parcours
    assert p.rendez_vous == rdv
    assert any(
        "Rendez-vous avec l'ASS le 30/11/2026 à 09:30" in e.libelle for e in resp.timeline(new)
    )
    # Another MDS's responsable may not.
    with pytest.raises(AccessDenied):
        as_(db, "resp-castelsarrasin-moissac").set_rendez_vous(new, rdv)


def test_who_may_not_set_a_rendez_vous_is_told_before_choosing_its_day(db):
    """parcours.RDV_COURRIER: `check_rendez_vous` refuses what `set_rendez_vous` would for
    any day (no ASS named, another MDS's responsable, a parcours already entered), so that
    the screen says it before the form is filled; and lets the binôme through."""
    new = prescrit(db)
    resp = as_(db, "resp-montauban")
    with pytest.raises(parcours.RuleViolation, match="désignez d'abord l'ASS"):
        resp.check_rendez_vous(new)
    resp.assign_ass(new, "ass-mtb-01")
    resp.check_rendez_vous(new)
    as_(db, "cons-albasud-01").check_rendez_vous(new)
    with pytest.raises(AccessDenied):
        as_(db, "resp-castelsarrasin-moissac").check_rendez_vous(new)


def test_a_file_without_an_ass_alerts_the_responsable_until_she_names_one(db):
    """parcours.ASS_OF_THE_MDS: « le responsable de la maison départementale des solidarités du lieu
    d’habitation du demandeur d'emploi recherchera le travailleur social approprié »: the file
    says so in the portefeuille (hers and the conseiller's), late after the 21 days."""
    new = prescrit(db)

    def alert(profil_id, today=TODAY):
        (ligne,) = [x for x in as_(db, profil_id, today).portefeuille() if x.id == new]
        return [a for a in ligne.alerts if a.kind is parcours.AlertKind.ASS_A_DESIGNER]

    (for_her,) = alert("resp-montauban")
    assert "ASS à désigner" in for_her.message and not for_her.overdue
    assert alert("cons-albasud-01") == [for_her]
    (late,) = alert("resp-montauban", date(2026, 12, 8))  # 16/11 + 21 days = 07/12
    assert late.overdue
    as_(db, "resp-montauban").assign_ass(new, "ass-mtb-01")
    assert alert("resp-montauban") == []


def test_a_rendez_vous_in_the_past_or_at_a_wrong_hour_is_refused(db):
    new = prescrit(db, "ass-mtb-01")
    c = as_(db, "cons-albasud-01")
    site = site_of(db, "ass-mtb-01")
    with pytest.raises(parcours.RuleViolation) as refused:
        c.set_rendez_vous(new, parcours.RendezVous(date(2026, 11, 22), "09:00", site))
    assert "déjà passé" in str(refused.value)
    with pytest.raises(parcours.RuleViolation) as refused:
        c.set_rendez_vous(new, parcours.RendezVous(date(2026, 11, 30), "25h", site))
    assert "HH:MM" in str(refused.value)
    # Digits of another kind: « ² » passed isdigit() and then broke int() (a traceback in
    # the CLI, the app closed); Arabic-Indic digits were saved and printed in the letter.
    for typed in ("²:00", "١٢:٣٠", "𝟗:𝟎𝟎", "0009:5", "9h30"):
        with pytest.raises(parcours.RuleViolation) as refused:
            c.set_rendez_vous(new, parcours.RendezVous(date(2026, 11, 30), typed, site))
        assert "HH:MM" in str(refused.value)
    # An hour of one digit is written as the letter says it.
    c.set_rendez_vous(new, parcours.RendezVous(date(2026, 11, 30), "9:05", site))
    assert c.get(new).parcours.rendez_vous.heure == "09:05"


def test_an_absence_is_recorded_by_the_ass_and_alerts_the_conseiller(db):
    new = prescrit(db, "ass-mtb-01")
    as_(db, "cons-albasud-01").set_rendez_vous(
        new, parcours.RendezVous(TODAY, "14:00", site_of(db, "ass-mtb-01"))
    )
    later = date(2026, 11, 24)
    with pytest.raises(AccessDenied):
        as_(db, "cons-albasud-01", later).apply(new, parcours.Action.ABSENCE_RDV, later)
    with pytest.raises(parcours.RuleViolation) as refused:
        as_(db, "ass-mtb-01").apply(new, parcours.Action.ABSENCE_RDV, date(2026, 11, 22))
    assert refused.value.rule == "ABSENCE_RDV"
    as_(db, "ass-mtb-01", later).apply(new, parcours.Action.ABSENCE_RDV, later)
    (ligne,) = as_(db, "cons-albasud-01", later).portefeuille()
    (alert,) = [a for a in ligne.alerts if a.kind is parcours.AlertKind.ABSENCE_RDV]
    assert alert.overdue and "Absent(e) au rendez-vous avec l'ASS du 23/11/2026" in alert.message
    # A new rendez-vous clears it.
    as_(db, "ass-mtb-01", later).set_rendez_vous(
        new, parcours.RendezVous(date(2026, 12, 1), "10:00", site_of(db, "ass-mtb-01"))
    )
    p = as_(db, "cons-albasud-01", later).get(new).parcours
    assert p.absence_rdv is None
    assert not [a for a in parcours.alerts(p, later) if a.kind is parcours.AlertKind.ABSENCE_RDV]


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (date(2026, 12, 5), "un samedi"),
        (date(2026, 12, 6), "un dimanche"),
        (date(2026, 12, 25), "un jour férié (Noël)"),
        (date(2027, 3, 29), "un jour férié (lundi de Pâques)"),  # Easter 2027: 28 March
        (date(2027, 5, 6), "un jour férié (Ascension)"),
        (date(2027, 5, 17), "un jour férié (lundi de Pentecôte)"),
    ],
)
def test_a_rendez_vous_falls_on_a_day_the_mds_receive(db, day, why):
    # parcours.RDV_COURRIER: the letter gives a rendez-vous at the MDS; a Saturday was saved.
    new = prescrit(db, ass_id="ass-mtb-01")
    c = as_(db, "cons-albasud-01")
    with pytest.raises(parcours.RuleViolation) as refused:
        c.set_rendez_vous(new, parcours.RendezVous(day, "09:00", site_of(db, "ass-mtb-01")))
    assert why in str(refused.value) and "du lundi au vendredi" in str(refused.value)
    assert c.get(new).parcours.rendez_vous is None
    # The next working day is taken.
    monday = date(2026, 12, 7)
    c.set_rendez_vous(new, parcours.RendezVous(monday, "09:00", site_of(db, "ass-mtb-01")))
    assert c.get(new).parcours.rendez_vous.jour == monday


def test_the_jours_feries_of_a_year_are_the_eleven_of_the_code_du_travail():
    holidays = parcours.public_holidays(2026)
    assert len(holidays) == 11
    assert holidays[date(2026, 4, 6)] == "lundi de Pâques"  # Easter 2026: 5 April
    assert holidays[date(2026, 5, 14)] == "Ascension"
    assert holidays[date(2026, 5, 25)] == "lundi de Pentecôte"
    assert parcours.closed_day(date(2026, 12, 7)) is None
