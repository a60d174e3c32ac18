"""The list an administrateur manages (every profile, the deactivated ones too) is hers alone."""

from __future__ import annotations

import pytest

from caseload.acces import (
    authenticate,
    create_profil,
    deactivate_profil,
    get_profil,
    profils_to_manage,
    reactivate_profil,
    set_password,
)
from ressources.errors import AccessDenied, BinomeError


def test_the_profiles_to_manage_are_the_administrateurs_the_deactivated_ones_too(demo_db):
    admin = get_profil(demo_db, "admin")
    deactivate_profil(demo_db, admin, "cons-nord-01")
    listed = dict((p.id, actif) for p, actif in profils_to_manage(demo_db, admin))
    assert listed["cons-nord-01"] is False and listed["admin"] is True
    for someone in (
        get_profil(demo_db, "cons-albasud-01"),
        get_profil(demo_db, "ass-mtb-04"),
        None,
    ):
        with pytest.raises(AccessDenied, match="Seul un administrateur gère les profils"):
            profils_to_manage(demo_db, someone)


def _real_admin(db):
    """The demo base made real by its first real administrateur."""
    create_profil(
        db, get_profil(db, "admin"), id="marie", role="administrateur", prenom="M", nom="R"
    )
    return get_profil(db, "marie")


def test_a_deactivated_profile_is_reactivated_with_its_password_as_it_was(demo_db):
    admin = _real_admin(demo_db)
    create_profil(
        demo_db,
        admin,
        id="paul",
        role="conseiller",
        prenom="Paul",
        nom="Retour",
        agence="montauban-nord",
        partenaire="france-travail-82",
    )
    set_password(demo_db, admin, "paul", "une-phrase-de-passe-9")
    deactivate_profil(demo_db, admin, "paul")
    with pytest.raises(AccessDenied):
        authenticate(demo_db, "paul", "une-phrase-de-passe-9")

    back = reactivate_profil(demo_db, admin, "paul")

    assert back.id == "paul" and back.agence == "montauban-nord"
    assert authenticate(demo_db, "paul", "une-phrase-de-passe-9").id == "paul"
    assert dict((p.id, a) for p, a in profils_to_manage(demo_db, admin))["paul"] is True


def test_reactivation_is_refused_to_others_and_for_what_cannot_come_back(demo_db):
    admin = _real_admin(demo_db)
    deactivate_profil(demo_db, admin, "cons-nord-01")
    for someone in (get_profil(demo_db, "cons-albasud-01"), None):
        with pytest.raises(AccessDenied, match="Seul un administrateur gère les profils"):
            reactivate_profil(demo_db, someone, "cons-nord-01")
    # A demo profile does not count on a real base: it stays out.
    with pytest.raises(BinomeError, match="profil fictif de la démonstration"):
        reactivate_profil(demo_db, admin, "cons-nord-01")
    with pytest.raises(BinomeError, match="déjà actif"):
        reactivate_profil(demo_db, admin, "marie")
    with pytest.raises(BinomeError, match="Profil inconnu"):
        reactivate_profil(demo_db, admin, "personne")
    assert get_profil(demo_db, "cons-nord-01") is None


def test_on_the_demo_base_a_demo_profile_is_reactivated(demo_db):
    admin = get_profil(demo_db, "admin")
    deactivate_profil(demo_db, admin, "cons-nord-01")
    assert reactivate_profil(demo_db, admin, "cons-nord-01").id == "cons-nord-01"
