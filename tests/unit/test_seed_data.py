"""The demo seed's data files (``seed/data/``) are the source: these tests are their check.

Nothing generates ``ressources_demo.json`` any more; an entry is added or changed by editing
the file (one record per line), and ``python -m pytest tests/unit/test_seed_data.py`` says whether
the data still holds together: valid national data·inclusion records, fictitious contacts,
coverage of the 22 thématiques and of the five MDS territories, review dates, partners, and
field words that the app's own search engine must find. ``sectorisation.json`` is derived:
the test checks that ``seed/build_sectorisation.py`` computes exactly the committed file.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from data_inclusion.schema.v1 import Service, Structure
from pydantic import ValidationError

from ressources.edition import REVIEW_NOTICE_DAYS, review_due
from ressources.horaires import humanize
from ressources.search import SearchEngine
from seed import build_sectorisation

DATA = Path(__file__).resolve().parents[2] / "seed" / "data"
KINDS = ("structures", "services")
DEMO_SOURCE = "binome-demo"
# The demo is dated as of this day (as the caseload seed is, tests/conftest.py).
DEMO_TODAY = date(2026, 11, 23)
FIRST_EDIT = date(2023, 1, 1)
LAST_EDIT = date(2026, 11, 20)  # no demo record is dated after this
# ARCEP keeps 05 36 49 xx xx for audiovisual fiction: no real person is ever called.
FICTITIOUS_PHONE = re.compile(r"^05 36 49 \d\d \d\d$")
FICTITIOUS_SITE = re.compile(r"^https://[a-z0-9.-]+\.example\.org/$")
# OpenStreetMap opening_hours, the subset the demo uses: "Mo-Fr 09:00-12:00,14:00-17:00;
# Sa 09:00-12:00; PH off", "Tu[1,3] 09:00-12:00" (1st and 3rd Tuesday), "24/7".
_DAY = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)"
_DAYS = rf"{_DAY}(?:-{_DAY})?(?:\[\d(?:,\d)*\])?"
_TIME = r"[0-2]\d:[0-5]\d-[0-2]\d:[0-5]\d"
_RULE = rf"(?:{_DAYS}(?:,{_DAYS})* {_TIME}(?:,{_TIME})*|PH off)"
OPENING_HOURS = re.compile(rf"^(?:24/7|{_RULE}(?:; {_RULE})*)$")
WEEK = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]

# Words the field types that must find something in the demo base.
MUST_FIND = [
    "surendettement",
    "dettes",
    "logement",
    "hébergement d'urgence",
    "permis de conduire",
    "psychologue",
    "garde d'enfants",
    "RSA",
    "CAF",
    "FLE",
    "épicerie solidaire",
    "restos du cœur",
    "secours populaire",
    "banque alimentaire",
    "auto-école sociale",
    "garage solidaire",
    "location de scooter",
    "transport à la demande",
    "point conseil budget",
    "CCAS",
    "France Services",
    "Mission Locale",
    "CMP",
    "CSAPA",
    "CAARUD",
    "MDPH",
    "Cap emploi",
    "PMI",
    "relais petite enfance",
    "AVIP",
    "halte-garderie",
    "115",
    "SIAO",
    "CHRS",
    "accueil de jour",
    "pension de famille",
    "maison relais",
    "ADIL",
    "FSL",
    "CIDFF",
    "aide aux victimes",
    "médiation familiale",
    "point justice",
    "écrivain public",
    "chantier d'insertion",
    "entreprise d'insertion",
    "association intermédiaire",
    "ETTI",
    "GRETA",
    "remise à niveau",
    "préqualification",
    "conseiller numérique",
    "alphabétisation",
    "illettrisme",
    "microcrédit",
    "couveuse",
    "simulation d'entretien",
    "tenue professionnelle",
    "bénévolat",
    "activités sportives",
    "bilan de santé",
    "PASS",
    "complémentaire santé solidaire",
    "Eures",
    "parents en formation",
    "violences conjugales",
    "addiction",
    "BGE",
]


def _read(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


DEMO = _read("ressources_demo.json")
COMMUNES = {c["code_insee"]: c for c in _read("communes-82.json")}
THEMATIQUES = _read("thematiques.json")
TERRITOIRE = _read("territoire.json")
EPCI_ROWS = _read("epci_mds.json")["epci"]
EPCI_MDS = {r["epci"]: r["mds"] for r in EPCI_ROWS}
STRUCTURES = {s["id"]: s for s in DEMO["structures"]}
SERVICES = DEMO["services"]


def _failing(records: list[dict], ok) -> list[str]:
    """Ids (or repr) of the records for which *ok* is false or raises."""
    bad = []
    for record in records:
        try:
            good = ok(record)
        except Exception as error:  # a broken record must be named, not crash the check
            good = False
            record = {**record, "id": f"{record.get('id')} ({type(error).__name__}: {error})"}
        if not good:
            bad.append(str(record.get("id", record)))
    return bad


def _shown(bad: list[str], limit: int = 5) -> str:
    more = f" (et {len(bad) - limit} autres)" if len(bad) > limit else ""
    return ", ".join(bad[:limit]) + more


# -- every record ---------------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
def test_records_are_valid_against_the_national_schema_strictly(kind):
    model = {"structures": Structure, "services": Service}[kind]
    errors = []
    for record in DEMO[kind]:
        try:
            model.model_validate(record, context={"ignore_warnings": False})
        except ValidationError as error:  # warnings included (« avertissement »)
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            errors.append(f"{record.get('id')} ({where} : {first['msg']})")
    assert not errors, f"{kind} non valides (schéma data·inclusion strict) : {_shown(errors)}"


@pytest.mark.parametrize("kind", KINDS)
def test_ids_are_unique_and_marked_demo(kind):
    counted = Counter(r["id"] for r in DEMO[kind])
    doubles = [i for i, n in counted.items() if n > 1]
    assert not doubles, f"{kind} : identifiants en double : {_shown(doubles)}"
    unmarked = _failing(
        DEMO[kind], lambda r: r["source"] == DEMO_SOURCE and r["id"].startswith(DEMO_SOURCE + "--")
    )
    assert not unmarked, f"{kind} sans la source {DEMO_SOURCE} : {_shown(unmarked)}"


@pytest.mark.parametrize("kind", KINDS)
def test_place_is_the_commune_named(kind):
    def ok(r: dict) -> bool:
        c = COMMUNES[r["code_insee"]]
        return (
            r["commune"] == c["nom"]
            and r["code_postal"] in c["codes_postaux"]
            and abs(r["longitude"] - c["longitude"]) <= 0.01
            and abs(r["latitude"] - c["latitude"]) <= 0.01
        )

    bad = _failing(DEMO[kind], ok)
    assert not bad, f"{kind} : commune, code postal ou point incohérents : {_shown(bad)}"


@pytest.mark.parametrize("kind", KINDS)
def test_phone_numbers_are_in_the_fictitious_range(kind):
    bad = _failing(DEMO[kind], lambda r: FICTITIOUS_PHONE.match(r["telephone"]))
    assert not bad, f"{kind} : téléphone hors de la plage fictive 05 36 49 xx xx : {_shown(bad)}"


@pytest.mark.parametrize("kind", KINDS)
def test_mail_and_web_addresses_are_example_org(kind):
    bad = _failing(
        DEMO[kind],
        lambda r: (
            r["courriel"].endswith(".example.org")
            and ("site_web" not in r or FICTITIOUS_SITE.match(r["site_web"]))
        ),
    )
    assert not bad, f"{kind} : courriel ou site web hors de example.org : {_shown(bad)}"


def _rule_days(rule: str) -> set[str]:
    days: set[str] = set()
    for part in rule.split(" ")[0].split(","):
        part = part.split("[")[0]
        if "-" in part:
            first, last = part.split("-")
            days.update(WEEK[WEEK.index(first) : WEEK.index(last) + 1])
        elif part in WEEK:
            days.add(part)
    return days


def _opening_hours_ok(value: str) -> bool:
    if not OPENING_HOURS.match(value):
        return False
    seen: set[str] = set()
    for rule in value.split("; "):
        days = _rule_days(rule)
        if days & seen:  # a later rule would silently replace an earlier one on that day
            return False
        seen |= days
    return True


@pytest.mark.parametrize("kind", KINDS)
def test_opening_hours_follow_the_osm_format(kind):
    bad = _failing(DEMO[kind], lambda r: _opening_hours_ok(r["horaires_accueil"]))
    assert not bad, f"{kind} : horaires hors du format opening_hours : {_shown(bad)}"


@pytest.mark.parametrize("kind", KINDS)
def test_the_app_reads_opening_hours_without_a_week_of_the_month(kind):
    """What the fiche shows: ``humanize`` gives French, not the raw string back."""
    plain = [r for r in DEMO[kind] if "[" not in r["horaires_accueil"]]
    bad = _failing(plain, lambda r: humanize(r["horaires_accueil"]) != r["horaires_accueil"])
    assert not bad, f"{kind} : horaires que l'application n'écrit pas en français : {_shown(bad)}"


def test_the_app_reads_a_week_of_the_month():
    """« Tu[1,3] » is the 1st and 3rd Tuesday: the fiche says so in French."""
    monthly = {r["horaires_accueil"] for r in SERVICES if "[" in r["horaires_accueil"]}
    assert monthly, "aucun horaire mensuel dans la démo"
    assert all(humanize(value) != value and "du mois" in humanize(value) for value in monthly)


@pytest.mark.parametrize("kind", KINDS)
def test_update_dates_are_in_range(kind):
    bad = _failing(
        DEMO[kind], lambda r: FIRST_EDIT <= date.fromisoformat(r["date_maj"]) <= LAST_EDIT
    )
    assert not bad, f"{kind} : date_maj hors de [{FIRST_EDIT}, {LAST_EDIT}] : {_shown(bad)}"


# -- the base as a whole --------------------------------------------------------------------
@pytest.mark.parametrize(("kind", "at_least"), [("structures", 140), ("services", 260)])
def test_the_demo_has_enough_records(kind, at_least):
    assert len(DEMO[kind]) >= at_least, f"{len(DEMO[kind])} {kind}, au moins {at_least} attendus"


def test_structures_and_services_refer_to_each_other():
    orphans = _failing(SERVICES, lambda s: s["structure_id"] in STRUCTURES)
    assert not orphans, f"services dont la structure n'existe pas : {_shown(orphans)}"
    used = {s["structure_id"] for s in SERVICES}
    idle = [i for i in STRUCTURES if i not in used]
    assert not idle, f"structures sans service : {_shown(idle)}"


def test_there_are_22_thematiques():
    assert len(THEMATIQUES) == 22, f"{len(THEMATIQUES)} thématiques au lieu de 22 (annexe 1)"


@pytest.mark.parametrize("slug", [t["slug"] for t in THEMATIQUES])
def test_every_thematique_has_services(slug):
    n = sum(slug in s["binome"]["thematiques"] for s in SERVICES)
    assert n >= 8, f"thématique {slug} : {n} services, au moins 8 attendus"


# (siae has no national twin: its services are checked through their structure's network.)
@pytest.mark.parametrize("slug", [t["slug"] for t in THEMATIQUES if t["di_thematiques"]])
def test_a_service_of_a_thematique_has_one_of_its_national_thematiques(slug):
    wanted = next(t for t in THEMATIQUES if t["slug"] == slug)["di_thematiques"]
    of_theme = [s for s in SERVICES if slug in s["binome"]["thematiques"]]
    bad = _failing(of_theme, lambda s: set(s["thematiques"]) & set(wanted))
    assert not bad, f"{slug} : services sans thématique nationale de {slug} : {_shown(bad)}"


@pytest.mark.parametrize("mds", [m["slug"] for m in TERRITOIRE["mds"]])
def test_every_mds_territory_has_services(mds):
    n = sum(EPCI_MDS[COMMUNES[s["code_insee"]]["epci"]] == mds for s in SERVICES)
    assert n >= 30, f"territoire de la MDS {mds} : {n} services situés, au moins 30 attendus"


def test_cmp_in_the_three_towns():
    towns = {
        s["commune"]
        for s in SERVICES
        if "cmp" in (STRUCTURES[s["structure_id"]].get("reseaux_porteurs") or [])
    }
    missing = {"Montauban", "Castelsarrasin", "Caussade"} - towns
    assert not missing, f"pas de CMP à {sorted(missing)}"


# -- services: local fields and contents ----------------------------------------------------
SERVICE_RULES = {
    "nom de 3 à 150 caractères, sans point final": (
        lambda s: 3 <= len(s["nom"]) <= 150 and not s["nom"].endswith(".")
    ),
    "description de 150 à 700 caractères": lambda s: 150 <= len(s["description"]) <= 700,
    "payant sans précision sur les frais": (
        lambda s: s["frais"] != "payant" or s.get("frais_precisions")
    ),
    "« tous-publics » avec d'autres publics": (
        lambda s: "tous-publics" not in s["publics"] or len(s["publics"]) == 1
    ),
    "zone d'éligibilité hors du 82": (
        lambda s: all(code == "82" or code in COMMUNES for code in s["zone_eligibilite"])
    ),
    "sans précisions de mobilisation ni contact": (
        lambda s: s.get("mobilisation_precisions") and s.get("contact_nom_prenom")
    ),
    "de 1 à 3 thématiques locales connues": (
        lambda s: (
            1 <= len(s["binome"]["thematiques"]) <= 3
            and set(s["binome"]["thematiques"]) <= {t["slug"] for t in THEMATIQUES}
        )
    ),
    "de 3 à 8 mots-clés": lambda s: 3 <= len(s["binome"]["mots_cles"]) <= 8,
    "SIAE sans réseau aci, ei, ai ou etti": (
        lambda s: (
            "siae" not in s["binome"]["thematiques"]
            or set(STRUCTURES[s["structure_id"]].get("reseaux_porteurs") or [])
            & {"aci", "ei", "ai", "etti"}
        )
    ),
}


@pytest.mark.parametrize("rule", list(SERVICE_RULES))
def test_service_contents(rule):
    bad = _failing(SERVICES, SERVICE_RULES[rule])
    assert not bad, f"services en défaut ({rule}) : {_shown(bad)}"


def test_every_partner_of_a_service_exists():
    known = {p["slug"] for p in _read("partenaires.json")}
    bad = _failing(SERVICES, lambda s: s["binome"]["partenaire"] in known)
    assert not bad, f"services dont le partenaire n'est pas dans partenaires.json : {_shown(bad)}"


def test_review_dates_are_in_range():
    bad = _failing(
        SERVICES,
        lambda s: (
            date.fromisoformat(s["date_maj"])
            <= date.fromisoformat(s["binome"]["date_revue"])
            <= LAST_EDIT
        ),
    )
    assert not bad, f"date_revue avant date_maj ou après le {LAST_EDIT} : {_shown(bad)}"


def _review_state(service: dict) -> str:
    """As the app's « À faire » list sees the entry on the demo's day."""
    due = review_due(service["binome"]["date_revue"], DEMO_TODAY)
    if due is None or due <= DEMO_TODAY:
        return "à actualiser"
    if due <= DEMO_TODAY + timedelta(days=REVIEW_NOTICE_DAYS):
        return "bientôt"
    return "à jour"


@pytest.mark.parametrize(
    ("state", "low", "high"),
    [("à jour", 0.70, 0.80), ("bientôt", 0.07, 0.13), ("à actualiser", 0.12, 0.18)],
)
def test_the_demo_shows_a_mix_of_review_states(state, low, high):
    share = Counter(_review_state(s) for s in SERVICES)[state] / len(SERVICES)
    assert low <= share <= high, (
        f"« {state} » : {share:.0%} des services, attendu {low:.0%}–{high:.0%}"
    )


# -- the real search engine on the seeded base ----------------------------------------------
@pytest.mark.parametrize("words", MUST_FIND)
def test_field_words_find_something(demo_db, words):
    engine = SearchEngine(demo_db)
    result = engine.search(words)
    assert result.hits, f"« {words} » ne trouve rien dans la base de démonstration"
    assert not result.relaxed, f"« {words} » : aucune ressource n'a tous les mots"
    assert not result.ignored, f"« {words} » : mots ignorés {result.ignored}"
    # Spelled right, a word of the field is in the base itself, not only a neighbour of it.
    typo_only = [
        g.text
        for g in engine.parse(words).groups
        if all(a.how == "faute de frappe" for a in g.alternatives)
    ]
    assert not typo_only, f"« {words} » : trouvé seulement comme faute de frappe {typo_only}"


# -- territory: the EPCI → MDS mapping and the derived sectorisation ------------------------
def test_the_epci_mapping_covers_every_epci_once():
    counted = Counter(r["epci"] for r in EPCI_ROWS)
    assert [e for e, n in counted.items() if n > 1] == [], "EPCI en double dans epci_mds.json"
    of_communes = {c["epci"] for c in COMMUNES.values()}
    assert set(counted) == of_communes, (
        f"EPCI absents de epci_mds.json : {sorted(of_communes - set(counted))} ; "
        f"inconnus de communes-82.json : {sorted(set(counted) - of_communes)}"
    )
    slugs = {m["slug"] for m in TERRITOIRE["mds"]}
    assert {r["mds"] for r in EPCI_ROWS} == slugs, "chaque MDS de territoire.json, et elles seules"
    assert list(EPCI_MDS.values()).count("montauban") == 1, (
        "une seule EPCI pour la MDS de Montauban"
    )


@pytest.mark.parametrize("mds", TERRITOIRE["mds"], ids=lambda m: m["slug"])
def test_the_sites_of_an_mds_are_in_its_epci(mds):
    elsewhere = [
        s["slug"]
        for s in mds["sites"]
        if EPCI_MDS[COMMUNES[s["code_insee"]]["epci"]] != mds["slug"]
    ]
    assert not elsewhere, f"sites de {mds['slug']} situés dans l'EPCI d'une autre MDS : {elsewhere}"


def test_sectorisation_file_is_exactly_what_the_script_computes():
    computed = build_sectorisation.dump(
        build_sectorisation.build(list(COMMUNES.values()), TERRITOIRE, EPCI_ROWS)
    )
    committed = (DATA / "sectorisation.json").read_text(encoding="utf-8")
    assert computed == committed, (
        "sectorisation.json n'est pas ce que calcule seed/build_sectorisation.py : changez "
        "communes-82.json, territoire.json ou epci_mds.json (jamais le fichier calculé), puis "
        "python seed/build_sectorisation.py > seed/data/sectorisation.json"
    )


def test_the_sectorisation_script_writes_to_the_path_given(tmp_path, capsys):
    target = tmp_path / "sectorisation.json"
    assert build_sectorisation.main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == (DATA / "sectorisation.json").read_text(
        encoding="utf-8"
    )
    assert build_sectorisation.main([]) == 0
    assert capsys.readouterr().out == target.read_text(encoding="utf-8")
