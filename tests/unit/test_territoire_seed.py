"""Seed data of the territory: the MDS, their sites and ASS, the France Travail agences
(``territoire.json``) and the indicative sectorisation computed from them
(``sectorisation.json``, written by ``seed/build_sectorisation.py``)."""

from __future__ import annotations

import copy
import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from seed.build_sectorisation import build, check

DATA = Path(__file__).resolve().parents[2] / "seed" / "data"
MONTAUBAN = "82121"
AGGLO_EPCI = "Communauté d'agglomération Grand Montauban"

# Annexe 2, tableau des MDS: the sites de proximité named in the "SITE(s) PROXIMITE" columns.
ANNEXE2_SITES = {
    "beaumont-valence": ["Valence", "Beaumont", "Montaigu", "Lauzerte", "Lavit"],
    "castelsarrasin-moissac": ["Castelsarrasin", "Moissac", "Lafrançaise"],
    "caussade-negrepelisse": ["Caussade", "Nègrepelisse", "Saint-Antonin"],
    "montauban": ["MDS", "Plateforme 1er accueil", "Labat – Centre", "Unal – Chênes"],
    "montech-verdun": ["Montech", "Verdun", "Grisolles", "Labastide-Saint-Pierre"],
}


def _read(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


@pytest.fixture(scope="module")
def communes() -> list[dict]:
    return _read("communes-82.json")


@pytest.fixture(scope="module")
def territoire() -> dict:
    return _read("territoire.json")


@pytest.fixture(scope="module")
def sectorisation() -> dict:
    return _read("sectorisation.json")


@pytest.fixture(scope="module")
def sites_of(territoire) -> dict[str, dict[str, dict]]:
    return {m["slug"]: {s["slug"]: s for s in m["sites"]} for m in territoire["mds"]}


def test_every_commune_appears_once_with_an_existing_mds_and_site(
    communes, sectorisation, sites_of
):
    listed = Counter(e["code_insee"] for e in sectorisation["communes"])
    assert len(communes) == 195
    assert set(listed) == {c["code_insee"] for c in communes}
    assert [code for code, n in listed.items() if n != 1] == []
    for entry in sectorisation["communes"]:
        assert entry["mds"] in sites_of, entry
        assert entry["site"] in sites_of[entry["mds"]], entry


def test_the_grand_montauban_agglomeration_is_the_mds_de_montauban(communes, sectorisation):
    epci = {c["code_insee"]: c["epci"] for c in communes}
    for entry in sectorisation["communes"]:
        assert (entry["mds"] == "montauban") == (epci[entry["code_insee"]] == AGGLO_EPCI), entry


def test_every_commune_is_covered_by_at_least_one_ass(communes, territoire, sectorisation):
    covered = {code for s in sectorisation["secteurs"] for code in s["communes"]}
    quartiers = {q["slug"] for q in territoire["quartiers_montauban"]}
    covered_quartiers = {q for s in sectorisation["secteurs"] for q in s["quartiers"]}
    # Montauban is covered through its quartiers, all of which must have an ASS.
    assert quartiers
    if quartiers <= covered_quartiers:
        covered.add(MONTAUBAN)
    assert sorted({c["code_insee"] for c in communes} - covered) == []


def test_montauban_quartiers_and_their_ass(territoire, sectorisation, sites_of):
    ass = {a["id"]: a for a in territoire["ass"]}
    quartier_site = {q["slug"]: q["site"] for q in territoire["quartiers_montauban"]}
    assert 6 <= len(quartier_site) <= 10
    assert set(quartier_site.values()) <= set(sites_of["montauban"])
    ass_of_quartier: dict[str, set[str]] = {q: set() for q in quartier_site}
    for s in sectorisation["secteurs"]:
        a = ass[s["ass"]]
        if a["mds"] == "montauban":
            assert s["quartiers"], f"{a['id']} covers no quartier of Montauban"
        for q in s["quartiers"]:
            assert a["mds"] == "montauban" and quartier_site[q] == a["site"], (a["id"], q)
            ass_of_quartier[q].add(a["id"])
    assert [q for q, who in ass_of_quartier.items() if not who] == []


def test_ass_per_mds_follow_annexe_2(territoire):
    """Annexe 2 (ressources humaines contributrices), tableau des MDS: « 10 ASS répartis sur
    les sites de proximité de la MDS de Beaumont/Valence », « 16 ASS ... de Moissac/
    Castelsarrasin », « 11 ASS ... de Caussade/Négrepelisse », « 20 ASS ... de Montauban »,
    « 9 ASS ... de Montech/Verdun » (66 in all; the avenant's « 50 assistants de service
    social » is an older figure)."""
    expected = {
        "beaumont-valence": 10,
        "castelsarrasin-moissac": 16,
        "caussade-negrepelisse": 11,
        "montauban": 20,
        "montech-verdun": 9,
    }
    assert Counter(a["mds"] for a in territoire["ass"]) == expected
    assert {m["slug"]: m["ass_count"] for m in territoire["mds"]} == expected
    assert "50" in territoire["_note"]


def test_sites_are_those_of_annexe_2(territoire):
    assert {m["slug"] for m in territoire["mds"]} == set(ANNEXE2_SITES)
    for m in territoire["mds"]:
        names = [_norm(s["nom"]) for s in m["sites"]]
        assert len(names) == len(ANNEXE2_SITES[m["slug"]]), m["slug"]
        for label in ANNEXE2_SITES[m["slug"]]:
            matching = [n for n in names if n.startswith(_norm(label))]
            assert len(matching) == 1, (m["slug"], label, names)


def test_site_code_insee_is_the_commune_of_that_name(communes, territoire):
    name_of = {c["code_insee"]: c["nom"] for c in communes}
    for m in territoire["mds"]:
        for site in m["sites"]:
            assert site["code_insee"] in name_of, site
            # The four Montauban sites are places inside the town of Montauban.
            expected = "Montauban" if m["slug"] == "montauban" else site["nom"]
            assert name_of[site["code_insee"]] == expected, site


def test_each_site_is_in_its_own_sector_of_the_sectorisation(territoire, sectorisation):
    placed = {e["code_insee"]: (e["mds"], e["site"]) for e in sectorisation["communes"]}
    for m in territoire["mds"]:
        if m["slug"] == "montauban":
            continue
        for site in m["sites"]:
            assert placed[site["code_insee"]] == (m["slug"], site["slug"])


def test_the_three_agences_of_annexe_2_exist(communes, territoire):
    """Annexe 2: « Un conseiller est dédié exclusivement à l'accompagnement global dans les
    agences suivantes - Montauban Albasud, Montauban Nord et Castelsarrasin »."""
    name_of = {c["code_insee"]: c["nom"] for c in communes}
    agences = {a["slug"]: a for a in territoire["agences"]}
    expected = {
        "montauban-albasud": ("Albasud", "Montauban"),
        "montauban-nord": ("Montauban Nord", "Montauban"),
        "castelsarrasin": ("Castelsarrasin", "Castelsarrasin"),
    }
    assert set(expected) <= set(agences)
    for slug, (in_name, commune) in expected.items():
        assert in_name in agences[slug]["nom"]
        assert name_of[agences[slug]["code_insee"]] == commune


def test_conseillers_work_in_the_agences(territoire):
    agences = {a["slug"] for a in territoire["agences"]}
    per_agence = Counter(c["agence"] for c in territoire["conseillers"])
    assert set(per_agence) <= agences
    assert sum(per_agence.values()) >= 3
    for slug in ("montauban-albasud", "montauban-nord", "castelsarrasin"):
        assert 1 <= per_agence[slug] <= 2, slug
    ids = [c["id"] for c in territoire["conseillers"]]
    assert len(ids) == len(set(ids))


def test_every_ass_belongs_to_a_site_of_her_mds(territoire, sites_of):
    ids = [a["id"] for a in territoire["ass"]]
    assert len(ids) == len(set(ids))
    for a in territoire["ass"]:
        assert a["site"] in sites_of[a["mds"]], a
        assert a["prenom"] and a["nom"], a
    staffed = {(a["mds"], a["site"]) for a in territoire["ass"]}
    assert staffed == {(m, s) for m, sites in sites_of.items() for s in sites}


def test_every_ass_has_one_non_empty_sector_within_her_site(territoire, sectorisation):
    placed = {e["code_insee"]: (e["mds"], e["site"]) for e in sectorisation["communes"]}
    ass = {a["id"]: a for a in territoire["ass"]}
    sectors = Counter(s["ass"] for s in sectorisation["secteurs"])
    assert set(sectors) == set(ass)
    assert [a for a, n in sectors.items() if n != 1] == []
    for s in sectorisation["secteurs"]:
        a = ass[s["ass"]]
        assert s["communes"] or s["quartiers"], f"{a['id']} has an empty sector"
        for code in s["communes"]:
            assert placed[code] == (a["mds"], a["site"]), (a["id"], code)


def test_sectorisation_file_is_what_the_generator_writes(communes, territoire, sectorisation):
    assert build(communes, territoire) == sectorisation
    assert check(communes, territoire, sectorisation) == []


def test_the_generator_self_check_catches_broken_data(communes, territoire, sectorisation):
    no_sector = copy.deepcopy(sectorisation)
    no_sector["secteurs"][0]["communes"] = []
    no_sector["secteurs"][0]["quartiers"] = []
    assert check(communes, territoire, no_sector)

    missing = copy.deepcopy(sectorisation)
    missing["communes"] = missing["communes"][1:]
    assert check(communes, territoire, missing)

    one_ass_less = copy.deepcopy(territoire)
    one_ass_less["ass"] = one_ass_less["ass"][1:]
    assert check(communes, one_ass_less, build(communes, one_ass_less))
