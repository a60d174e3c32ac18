"""The list an administrateur manages (every profile, the deactivated ones too) is hers alone."""

from __future__ import annotations

import pytest

from caseload.acces import deactivate_profil, get_profil, profils_to_manage
from ressources.errors import AccessDenied


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
