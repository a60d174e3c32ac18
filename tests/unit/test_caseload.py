"""The caseload's domain rules: the fiche de liaison, who sees what, notes, moves."""

from dataclasses import fields
from datetime import date

import pytest

from caseload import parcours
from caseload.acces import get_profil, terminal_profil
from caseload.fiche import Fiche, validate
from caseload.store import Caseload
from ressources.errors import AccessDenied, BinomeError, InvalidFields
from seed.loader import load_demo_profils, open_seeded_database

TODAY = date(2026, 11, 23)
VALID = {
    "nom": "MARTIN",
    "prenom": "Léa",
    "date_naissance": "14/02/1990",
    "code_insee": "82112",
    "telephone": "06 39 98 12 34",
    "identifiant_ft": "1234567a",
    "identifiant_caf": "1234567",
    "situation_familiale": "seul",
    "enfants_a_charge": 2,
    "freins_peripheriques": ["logement", "transport"],
}


@pytest.fixture
def db(reference_db_path):
    db = open_seeded_database(reference_db_path, demo=False)  # a copy of the seeded template
    load_demo_profils(db)
    yield db
    db.close()


def as_(db, profil_id):
    return Caseload(db, get_profil(db, profil_id), clock=lambda: TODAY)


@pytest.fixture
def gazetteer(db):
    from ressources.gazetteer import Gazetteer

    return Gazetteer.from_db(db)


def test_a_valid_fiche(gazetteer):
    fiche = validate(VALID, gazetteer=gazetteer, today=TODAY)
    assert fiche.date_naissance == date(1990, 2, 14)
    assert fiche.identifiant_ft == "1234567A"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"code_insee": "31555"}, "code_insee", "commune du Tarn-et-Garonne"),
        ({"telephone": "12345"}, "telephone", "Téléphone invalide"),
        ({"courriel": "lea@example.org"}, "courriel", "consentement aux échanges dématérialisés"),
        ({"courriel": "pas-un-mail", "echanges_dematerialises": True}, "courriel", "invalide"),
        ({"identifiant_ft": "ABC"}, "identifiant_ft", "7 chiffres et une lettre"),
        ({"date_naissance": "31/02/1990"}, "date_naissance", "date invalide"),
        # Too large for a C long: an OverflowError closed the app with the edits unsaved.
        ({"date_naissance": "01/01/99999999999999999999"}, "date_naissance", "date invalide"),
        (
            {"consentement": True, "consentement_date": "1/1/" + "9" * 25},
            "consentement_date",
            "date invalide",
        ),
        ({"date_naissance": "01/01/2020"}, "date_naissance", "improbable"),
        ({"consentement": True}, "consentement_date", "se date"),
        ({"consentement": True, "consentement_date": "2027-01-01"}, "consentement_date", "futur"),
        ({"freins_peripheriques": ["dettes"]}, "freins_peripheriques", "inconnues"),
        ({"revenus": 1200}, "_", "hors fiche de liaison"),
    ],
)
def test_invalid_fields_get_a_french_message(gazetteer, change, field, message):
    with pytest.raises(InvalidFields) as exc:
        validate({**VALID, **change}, gazetteer=gazetteer, today=TODAY)
    assert message in exc.value.errors[field]


def test_the_fiche_holds_no_financial_field():
    """Annexe 4: « Aucune information d’ordre économique et financière ne doit être
    communiquée »."""
    names = {f.name for f in fields(Fiche)}
    for word in ("revenu", "ressource", "dette", "salaire", "montant", "budget", "allocation"):
        assert not any(word in name for name in names)


def make_demandeurs(db):
    albasud, castel = as_(db, "cons-albasud-01"), as_(db, "cons-castel-01")
    consent = {"consentement": True, "consentement_date": "2026-10-01"}  # rgpd.CONSENT_REQUIRED
    consent.update(
        {"decision_demandeur": "axe2", "decision_conseiller": "axe2", "decision_ass": "axe2"}
    )  # parcours.THREE_DECISIONS (issue 11)
    mine = albasud.create(
        {**VALID, **consent, "code_insee": "82121"},
        prescription=date(2026, 10, 1),
        ass_id="ass-mtb-01",
    )
    other = castel.create(
        {**VALID, "nom": "DURAND"}, prescription=date(2026, 10, 2), ass_id="ass-cm-01"
    )
    return mine, other


def test_each_role_sees_only_its_demandeurs(db):
    mine, other = make_demandeurs(db)
    assert [row.id for row in as_(db, "cons-albasud-01").portefeuille()] == [mine]
    assert [row.id for row in as_(db, "cons-castel-01").portefeuille()] == [other]
    assert [row.id for row in as_(db, "ass-mtb-01").portefeuille()] == [mine]
    assert as_(db, "ass-mtb-02").portefeuille() == []
    assert [row.id for row in as_(db, "resp-castelsarrasin-moissac").portefeuille()] == [other]
    assert [row.id for row in as_(db, "resp-montauban").portefeuille()] == [mine]
    assert as_(db, "admin").portefeuille() == []
    with pytest.raises(AccessDenied):
        as_(db, "cons-castel-01").get(mine)
    with pytest.raises(AccessDenied):
        as_(db, "admin").get(mine)


def test_only_the_binome_moves_the_parcours(db):
    mine, _ = make_demandeurs(db)
    with pytest.raises(AccessDenied):
        as_(db, "resp-montauban").apply(
            mine,
            parcours.Action.VALIDATE_DIAGNOSTIC,
            date(2026, 10, 5),
            decision=parcours.Axe.AXE2,
            modalite=parcours.Modality.TRIPARTITE,
        )
    outcome = as_(db, "ass-mtb-01").apply(
        mine,
        parcours.Action.VALIDATE_DIAGNOSTIC,
        date(2026, 10, 5),
        decision=parcours.Axe.AXE2,
        modalite=parcours.Modality.TRIPARTITE,
    )
    assert outcome.parcours.etat is parcours.State.DIAGNOSTIC_VALIDE


def test_an_illegal_step_is_refused_with_the_rule(db):
    mine, _ = make_demandeurs(db)
    with pytest.raises(parcours.RuleViolation) as exc:
        as_(db, "cons-albasud-01").apply(mine, parcours.Action.ENTER, date(2026, 10, 5))
    assert "diagnostic" in str(exc.value).lower()
    with pytest.raises(BinomeError):
        as_(db, "cons-albasud-01").apply(
            mine,
            parcours.Action.VALIDATE_DIAGNOSTIC,
            date(2026, 12, 1),
            decision=parcours.Axe.AXE2,
            modalite=parcours.Modality.TRIPARTITE,
        )


def test_working_notes_stay_on_their_side(db):
    mine, _ = make_demandeurs(db)
    conseiller, ass = as_(db, "cons-albasud-01"), as_(db, "ass-mtb-01")
    conseiller.add_note(mine, "Note France Travail")
    ass.add_note(mine, "Note du Département")
    assert [n.texte for n in conseiller.notes(mine)] == ["Note France Travail"]
    assert [n.texte for n in ass.notes(mine)] == ["Note du Département"]
    assert [n.texte for n in as_(db, "resp-montauban").notes(mine)] == ["Note du Département"]


def test_moving_to_another_mds_is_announced_with_the_new_ass(db):
    mine, _ = make_demandeurs(db)
    conseiller = as_(db, "cons-albasud-01")
    change = conseiller.update_fiche(mine, {"code_insee": "82112", "adresse": "3 quai"})
    assert change is not None
    assert change.new.mds.nom == "MDS de Castelsarrasin/Moissac"
    assert change.new.proposed_ass is not None
    assert "Castelsarrasin/Moissac" in change.message
    assert conseiller.get(mine).fiche.code_insee == "82112"
    assert conseiller.update_fiche(mine, {"adresse": "5 quai"}) is None  # same MDS
    events = [e.action for e in conseiller.timeline(mine)]
    assert events.count("adresse") == 1


def test_on_a_demo_base_the_profile_comes_from_user_option_env_or_account(db, monkeypatch):
    assert terminal_profil(db, "cons-nord-01").id == "cons-nord-01"
    with pytest.raises(BinomeError) as exc:
        terminal_profil(db, "inconnu")
    assert "Profil inconnu" in str(exc.value)
    assert "cons-nord-01" not in str(exc.value)  # an unknown name lists nobody
    monkeypatch.setenv("BINOME_USER", "ass-mtb-01")
    assert terminal_profil(db).role == "ass"
    monkeypatch.delenv("BINOME_USER")
    monkeypatch.setattr("caseload.acces.os_account", lambda: "personne-inconnue")
    assert terminal_profil(db) is None


def test_a_quartier_is_one_of_montaubans_and_only_for_montauban(db):
    # Territory.check_quartier: « sapiac » with Moissac was stored and sent the person to a
    # site of Montauban; an unknown slug failed on the database's foreign key.
    mine, _ = make_demandeurs(db)
    conseiller = as_(db, "cons-albasud-01")
    with pytest.raises(InvalidFields) as refused:
        conseiller.update_fiche(mine, {"code_insee": "82112", "quartier": "sapiac"})
    assert "ne s'applique pas à Moissac" in refused.value.errors["quartier"]
    with pytest.raises(InvalidFields) as refused:
        conseiller.update_fiche(mine, {"quartier": "la-lune"})
    assert "Quartier de Montauban inconnu : « la-lune »" in refused.value.errors["quartier"]
    assert conseiller.get(mine).fiche.code_insee == "82121"  # nothing written
    with pytest.raises(InvalidFields):
        conseiller.create(
            {**VALID, "code_insee": "82112", "quartier": "sapiac"}, prescription=date(2026, 10, 1)
        )
    conseiller.update_fiche(mine, {"quartier": "sapiac"})
    assert conseiller.get(mine).fiche.quartier == "sapiac"
