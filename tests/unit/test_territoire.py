"""Sectorisation: every commune of the 82 reaches an MDS, a site and at least one ASS."""

import json
from datetime import datetime

import pytest

from caseload.acces import get_profil
from caseload.territoire import Territory
from ressources.errors import AccessDenied
from tui.cli import main


@pytest.fixture
def territoire(demo_db):
    return Territory(demo_db)


def test_all_195_communes_are_routed(territoire):
    """Issue: « Every one of the 195 communes belongs to exactly one MDS and one site »."""
    seen = 0
    for commune in territoire.gazetteer.communes:
        secteur = territoire.secteur(commune)
        assert secteur.mds.slug and secteur.site.id.startswith(secteur.mds.slug + ":")
        assert secteur.ass, commune.nom
        seen += 1
    assert seen == 195


def test_montauban_quartier_routes_to_its_site(territoire, demo_db):
    slug, site_id = next(iter(demo_db.execute("SELECT slug, site_id FROM quartiers")))
    secteur = territoire.secteur("82121", slug)
    assert secteur.site.id == site_id
    assert secteur.ass and all(a.site_id == site_id for a in secteur.ass)


def test_in_montauban_no_ass_is_proposed_before_the_quartier_is_known(territoire, demo_db):
    # Montauban is split by quartier: the whole town's ASS are listed, none is the person's.
    town = territoire.secteur("82121")
    assert len({a.site_id for a in town.ass}) > 1
    assert town.proposed_ass is None
    slug = next(iter(demo_db.execute("SELECT slug FROM quartiers")))[0]
    assert territoire.secteur("82121", slug).proposed_ass is not None


def test_cli_secteur_of_montauban_asks_for_the_quartier(capsys, demo_db_path):
    assert main(["secteur", "--db", str(demo_db_path), "Montauban"]) == 0
    out = capsys.readouterr().out
    assert "← proposée" not in out
    assert "--quartier SLUG" in out and "villebourbon" in out


def test_lightest_load_is_proposed(territoire):
    secteur = territoire.secteur("moissac")
    assert len(secteur.ass) > 1
    loads = {a.id: a.charge for a in secteur.ass}
    assert secteur.proposed_ass.charge == min(loads.values())


def test_a_responsable_can_move_a_commune_to_another_site(territoire, demo_db):
    before = territoire.secteur("Lizac")
    other = next(s for s in territoire.sites.values() if s.mds != before.mds.slug)
    responsable = get_profil(demo_db, f"resp-{before.mds.slug}")
    territoire.attach_commune("82099", other.id, actor=responsable, now=datetime(2026, 11, 23))
    after = territoire.secteur("Lizac")
    assert after.site.id == other.id and after.mds.slug == other.mds
    assert after.indicatif is False
    # Its ASS are now the new site's (the old MDS's ASS was still proposed): every one of
    # them, until its responsable gives the commune to some.
    assert before.ass and all(a.site_id == before.site.id for a in before.ass)
    site_ass = {
        r[0]
        for r in demo_db.execute(
            "SELECT id FROM profils WHERE role = 'ass' AND actif = 1 AND site_id = ?", [other.id]
        )
    }
    assert site_ass and {a.id for a in after.ass} == site_ass
    assert after.proposed_ass.site_id == other.id
    # Moving it back is now the other MDS's responsable's call, not hers (nor a conseiller's).
    for who in (responsable, get_profil(demo_db, "cons-albasud-01")):
        with pytest.raises(AccessDenied):
            territoire.attach_commune(
                "82099", before.site.id, actor=who, now=datetime(2026, 11, 23)
            )


def test_cli_secteur_json(capsys, demo_db_path):
    argv = ["--db", str(demo_db_path), "--user", "cons-albasud-01", "secteur", "negrepelisse"]
    code = main([*argv, "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["commune"] == {"code_insee": "82134", "nom": "Nègrepelisse"}
    assert data["mds"]["nom"] == "MDS de Caussade/Nègrepelisse"
    assert data["site"]["nom"] and data["ass"]
    assert all({"nom", "charge"} <= set(a) for a in data["ass"])
    assert data["ass_proposee"]


@pytest.mark.parametrize("user", ["caf-82-01", "asso-82-01", None])
def test_the_ass_loads_are_not_shown_to_a_partner_nor_to_nobody(capsys, demo_db_path, user):
    # acces.PERMISSIONS["charge-ass"]: the sector's ASS, without how many dossiers each holds
    # nor the one that makes proposed.
    who = ["--user", user] if user else []  # without one: the OS account, no profile
    base = ["--db", str(demo_db_path), *who, "secteur", "moissac"]
    assert main([*base, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["ass"]) > 1 and all(set(a) == {"nom"} for a in data["ass"])
    assert data["ass_proposee"] is None
    assert main(base) == 0
    out = capsys.readouterr().out
    assert "en cours" not in out and "proposée" not in out
    assert "La charge des ASS n'est montrée qu'aux conseillers" in out


def test_secteur_for_shows_the_loads_by_role(territoire, demo_db):
    # acces.PERMISSIONS["charge-ass"]: the binômes and their management, not a partner.
    full = territoire.secteur("moissac")
    for ident in ("cons-albasud-01", "ass-cm-14", "resp-castelsarrasin-moissac", "admin"):
        shown = territoire.secteur_for(get_profil(demo_db, ident), "moissac")
        assert [a.charge for a in shown.ass] == [a.charge for a in full.ass], ident
        assert shown.proposed_ass == full.proposed_ass is not None
    for viewer in (get_profil(demo_db, "caf-82-01"), None):
        hidden = territoire.secteur_for(viewer, "moissac")
        assert [a.id for a in hidden.ass] == [a.id for a in full.ass]
        assert all(a.charge is None for a in hidden.ass) and hidden.proposed_ass is None
        assert not hidden.charges_shown


def test_cli_secteur_unknown_or_ambiguous_commune(capsys, demo_db_path):
    assert main(["--db", str(demo_db_path), "secteur", "Montauban-de-Bretagne"]) != 0
    assert "Aucune commune" in capsys.readouterr().err
    assert main(["--db", str(demo_db_path), "secteur", "castel"]) != 0
    assert "Castelsarrasin" in capsys.readouterr().err


def test_a_site_is_named_in_one_form_with_its_mds(territoire, capsys, demo_db_path):
    """caseload.territoire.site_label: « MDS de X — site Y » for the sector, the territory,
    the move of an address to another MDS and ``binome secteur`` (never « MDS de X, site Y »)."""
    from caseload.store import CommuneChange

    moissac = territoire.secteur("moissac")
    expected = "MDS de Castelsarrasin/Moissac — site Moissac"
    assert moissac.site_label == territoire.site_label(moissac.site) == expected
    caussade = territoire.secteur("caussade")
    message = CommuneChange(old=caussade, new=moissac).message
    assert message.startswith(f"Moissac relève de la {expected}, et non plus de la MDS de Caus")
    assert main(["--db", str(demo_db_path), "secteur", "moissac"]) == 0
    assert f"Moissac (82200) → {expected}" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["moissac", "--quartier", "sapiac"], "ne s'applique pas à Moissac"),
        (["montauban", "--quartier", "la-lune"], "Quartiers : bas-pays-birac"),
    ],
)
def test_cli_secteur_refuses_a_quartier_that_does_not_sectorise(capsys, demo_db_path, argv, said):
    # Territory.check_quartier: before, Moissac with « sapiac » answered a site of Montauban,
    # and an unknown quartier listed the whole town's ASS as if none had been given.
    assert main(["--db", str(demo_db_path), "--user", "admin", "secteur", *argv]) == 1
    out, err = capsys.readouterr()
    assert said in err and not out


def test_a_quartier_outside_montauban_does_not_move_a_commune(territoire):
    assert territoire.secteur("moissac", "sapiac").site == territoire.secteur("moissac").site
