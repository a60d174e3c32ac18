"""Generate the indicative sectorisation of the ASS (``seed/data/sectorisation.json``).

``sectorisation.json`` is derived data: its sources are ``communes-82.json`` (the 195
communes and their town-hall points), ``territoire.json`` (the five MDS, their sites, the ASS
and the quartiers of Montauban) and ``epci_mds.json`` (the MDS of each EPCI). This script
computes, for every commune, its MDS and its site, and for every ASS, her sector (communes,
and quartiers in Montauban). ``tests/unit/test_seed_data.py`` checks that the committed file is
exactly what it computes: change the sources, never the output by hand, then

    python seed/build_sectorisation.py > seed/data/sectorisation.json

(it writes to standard output, or to the file given as its argument; never at app start).

The official sectorisation of the Département is not public: this one is computed by a plain
rule, stated in the ``_note`` of the output:

1. every commune belongs to the MDS of its EPCI (``epci_mds.json``). In the Grand Montauban
   agglomeration (the EPCI of the MDS de Montauban), Montauban itself is split into quartiers
   (each quartier attached to one Montauban site) and the other communes go to the main site
   ("MDS");
2. every other commune goes to the nearest site of its MDS (great-circle distance between
   town-hall points);
3. inside a site, the communes are ordered by bearing around the site (the site's own commune
   first) and cut into as many sectors as the site has ASS, balanced by population: the
   population line is cut into equal parts, a commune goes to the part holding its middle, and
   the commune holding the middle of a part goes to that part too (so a town larger than one
   part is shared by several ASS, and no ASS is left without a commune);
4. in Montauban, the quartiers of a site are dealt out to the site's ASS in turn, so that each
   quartier has at least one ASS and each ASS at least one quartier.

Deterministic (no randomness; ties broken by INSEE code): two runs write byte-identical files.
The script ends with a self-check of the invariants (see ``check``) and exits non-zero if one
fails.
"""

from __future__ import annotations

import json
import math
import sys
from bisect import bisect_right
from collections import Counter, defaultdict
from itertools import accumulate
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

MONTAUBAN_MDS = "montauban"
MONTAUBAN_INSEE = "82121"
MONTAUBAN_MAIN_SITE = "mds"
EARTH_RADIUS_KM = 6371.0

# Convention Accompagnement Global, annexe 2, tableau des MDS: "10 ASS répartis sur les sites
# de proximité de la MDS de Beaumont/Valence", 16 (Moissac/Castelsarrasin), 11
# (Caussade/Négrepelisse), 20 (Montauban), 9 (Montech/Verdun).
EXPECTED_ASS = {
    "beaumont-valence": 10,
    "castelsarrasin-moissac": 16,
    "caussade-negrepelisse": 11,
    "montauban": 20,
    "montech-verdun": 9,
}

# The note of the output. Its rule (1) is written from epci_mds.json, so that it names the
# mapping actually used.
NOTE_START = (
    "Sectorisation indicative (la sectorisation officielle n'est pas publique) : calculée par "
    "seed/build_sectorisation.py à partir de communes-82.json et territoire.json. "
    "(1) Chaque commune relève de la MDS de son EPCI ({epci}). "
)
NOTE_REST = (
    "(2) Dans sa MDS, elle relève du site de proximité le plus proche "
    "(distance à vol d'oiseau entre mairies) ; Montauban est découpée en quartiers, chacun "
    "rattaché à un site (territoire.json, quartiers_montauban), et les autres communes de "
    "l'agglomération relèvent du site principal « MDS ». (3) Dans "
    "chaque site, les communes (la commune du site d'abord, puis les autres dans l'ordre de "
    "leur direction autour du site) sont découpées en autant de secteurs que le site compte "
    "d'ASS, équilibrés en population municipale : une commune plus peuplée qu'un secteur est "
    "partagée entre plusieurs ASS. (4) À Montauban, les quartiers d'un site sont distribués à "
    "tour de rôle entre les ASS du site ; chaque ASS a au moins un quartier et chaque quartier "
    "au moins un ASS. Pour Montauban (82121), le champ site vaut « mds » par convention ; le "
    "site effectif dépend du quartier."
)


def read_data(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def epci_mds(rows: list[dict] | None = None) -> dict[str, str]:
    """EPCI name -> MDS slug, from ``epci_mds.json`` (or the given rows of it)."""
    rows = read_data("epci_mds.json")["epci"] if rows is None else rows
    return {r["epci"]: r["mds"] for r in rows}


def agglo_epci(mapping: dict[str, str]) -> str:
    """The EPCI of the MDS de Montauban (the Grand Montauban agglomeration)."""
    (epci,) = [e for e, mds in mapping.items() if mds == MONTAUBAN_MDS]
    return epci


def note(territoire: dict, rows: list[dict]) -> str:
    """« Grand Montauban : Montauban ; Quercy Vert-Aveyron, … : Caussade/Nègrepelisse ; … »"""
    short_mds = {m["slug"]: m["nom"].removeprefix("MDS de ") for m in territoire["mds"]}
    by_mds: dict[str, list[str]] = {}
    for r in rows:
        by_mds.setdefault(r["mds"], []).append(r["nom_court"])
    epci = " ; ".join(f"{', '.join(names)} : {short_mds[m]}" for m, names in by_mds.items())
    return NOTE_START.format(epci=epci) + NOTE_REST


def haversine_km(a: dict, b: dict) -> float:
    """Great-circle distance between two records with ``latitude`` and ``longitude``."""
    lat1, lon1 = math.radians(a["latitude"]), math.radians(a["longitude"])
    lat2, lon2 = math.radians(b["latitude"]), math.radians(b["longitude"])
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def bearing(center: dict, point: dict) -> float:
    """Direction of ``point`` seen from ``center``, in radians in [0, 2π) (local flat map)."""
    dx = (point["longitude"] - center["longitude"]) * math.cos(math.radians(center["latitude"]))
    dy = point["latitude"] - center["latitude"]
    return math.atan2(dy, dx) % (2 * math.pi)


def angular_order(center: dict, communes: list[dict]) -> list[dict]:
    """The communes around ``center``, turning from the widest empty angle (so that the
    sectors cut out of this order are wedges that do not straddle the gap)."""
    if len(communes) < 2:
        return list(communes)
    ordered = sorted(communes, key=lambda c: (bearing(center, c), c["code_insee"]))
    angles = [bearing(center, c) for c in ordered]
    gaps = [(angles[(i + 1) % len(angles)] - angles[i]) % (2 * math.pi) for i in range(len(angles))]
    start = (max(range(len(gaps)), key=lambda i: (gaps[i], -i)) + 1) % len(ordered)
    return ordered[start:] + ordered[:start]


def split_by_population(communes: list[dict], parts: int) -> list[list[str]]:
    """Cut the ordered ``communes`` into ``parts`` sectors of about equal population.

    The population line [0, total) is cut into ``parts`` equal intervals. A commune goes to
    the interval holding the middle of its own segment; the commune holding the middle of an
    interval goes to that interval too. Every commune thus has at least one sector and every
    sector at least one commune; a commune larger than an interval is shared.
    """
    if not communes or parts < 1:
        raise ValueError("nothing to split")
    # A commune with no inhabitant still needs a place on the line.
    sizes = [max(c["population"], 0) or 1e-9 for c in communes]
    bounds = list(accumulate(sizes, initial=0.0))
    step = bounds[-1] / parts
    sectors: list[set[int]] = [set() for _ in range(parts)]
    for i in range(len(communes)):
        middle = (bounds[i] + bounds[i + 1]) / 2
        sectors[min(int(middle // step), parts - 1)].add(i)
    for j in range(parts):
        holder = bisect_right(bounds, (j + 0.5) * step) - 1
        sectors[j].add(min(holder, len(communes) - 1))
    return [[communes[i]["code_insee"] for i in sorted(sector)] for sector in sectors]


def deal_quartiers(quartiers: list[str], ass_ids: list[str]) -> dict[str, list[str]]:
    """Quartier j goes to ASS j mod n; an ASS left without one gets quartier i mod q."""
    dealt: dict[str, list[str]] = {a: [] for a in ass_ids}
    if not ass_ids:
        return dealt
    for j, q in enumerate(quartiers):
        dealt[ass_ids[j % len(ass_ids)]].append(q)
    if quartiers:
        for i, a in enumerate(ass_ids):
            if not dealt[a]:
                dealt[a].append(quartiers[i % len(quartiers)])
    return dealt


def build(communes: list[dict], territoire: dict, epci_rows: list[dict] | None = None) -> dict:
    """The sectorisation; *epci_rows*: the rows of ``epci_mds.json`` (read when not given)."""
    epci_rows = read_data("epci_mds.json")["epci"] if epci_rows is None else epci_rows
    mapping = epci_mds(epci_rows)
    agglo = agglo_epci(mapping)
    by_code = {c["code_insee"]: c for c in communes}
    sites = [(m["slug"], s) for m in territoire["mds"] for s in m["sites"]]
    other_sites = [(m, s) for m, s in sites if m != MONTAUBAN_MDS]
    quartiers = territoire["quartiers_montauban"]

    assignment: dict[str, tuple[str, str]] = {}
    for c in communes:
        code = c["code_insee"]
        if c["epci"] == agglo:
            assignment[code] = (MONTAUBAN_MDS, MONTAUBAN_MAIN_SITE)
            continue
        own_mds = mapping[c["epci"]]
        mds, site = min(
            ((m, s) for m, s in other_sites if m == own_mds),
            key=lambda ms: (haversine_km(c, by_code[ms[1]["code_insee"]]), ms[1]["slug"]),
        )
        assignment[code] = (mds, site["slug"])

    ass_by_site: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in territoire["ass"]:
        ass_by_site[(a["mds"], a["site"])].append(a["id"])

    sector_communes: dict[str, list[str]] = {a["id"]: [] for a in territoire["ass"]}
    sector_quartiers: dict[str, list[str]] = {a["id"]: [] for a in territoire["ass"]}
    for mds, site in sites:
        ass_ids = ass_by_site[(mds, site["slug"])]
        center = by_code[site["code_insee"]]
        members = [
            by_code[code]
            for code, ms in sorted(assignment.items())
            if ms == (mds, site["slug"]) and code != MONTAUBAN_INSEE
        ]
        if members and ass_ids:
            own = [c for c in members if c["code_insee"] == site["code_insee"]]
            rest = [c for c in members if c["code_insee"] != site["code_insee"]]
            ordered = own + angular_order(center, rest)
            for a, codes in zip(ass_ids, split_by_population(ordered, len(ass_ids)), strict=True):
                sector_communes[a] = sorted(codes)
        if mds == MONTAUBAN_MDS:
            site_quartiers = [q["slug"] for q in quartiers if q["site"] == site["slug"]]
            for a, qs in deal_quartiers(site_quartiers, ass_ids).items():
                sector_quartiers[a] = qs

    communes_out = []
    for code in sorted(assignment):
        mds, site = assignment[code]
        entry: dict = {"code_insee": code, "mds": mds, "site": site}
        if code == MONTAUBAN_INSEE:
            entry["quartiers"] = [q["slug"] for q in quartiers]
        communes_out.append(entry)
    return {
        "_note": note(territoire, epci_rows),
        "communes": communes_out,
        "secteurs": [
            {
                "ass": a["id"],
                "communes": sector_communes[a["id"]],
                "quartiers": sector_quartiers[a["id"]],
            }
            for a in territoire["ass"]
        ],
    }


def check(communes: list[dict], territoire: dict, sectorisation: dict) -> list[str]:
    """The invariants of the sectorisation; returns the list of what is wrong."""
    agglo = agglo_epci(epci_mds())
    problems: list[str] = []
    codes = {c["code_insee"] for c in communes}
    sites_of = {m["slug"]: {s["slug"] for s in m["sites"]} for m in territoire["mds"]}
    ass = {a["id"]: a for a in territoire["ass"]}
    quartier_site = {q["slug"]: q["site"] for q in territoire["quartiers_montauban"]}
    epci = {c["code_insee"]: c["epci"] for c in communes}

    counted = Counter(e["code_insee"] for e in sectorisation["communes"])
    if set(counted) != codes:
        problems.append(f"communes missing or unknown: {sorted(set(counted) ^ codes)}")
    problems += [f"commune {c} listed {n} times" for c, n in counted.items() if n != 1]
    site_of_commune = {}
    for e in sectorisation["communes"]:
        if e["mds"] not in sites_of or e["site"] not in sites_of[e["mds"]]:
            problems.append(f"commune {e['code_insee']}: unknown MDS/site {e['mds']}/{e['site']}")
        if (e["mds"] == MONTAUBAN_MDS) != (epci.get(e["code_insee"]) == agglo):
            problems.append(f"commune {e['code_insee']}: MDS de Montauban iff Grand Montauban")
        site_of_commune[e["code_insee"]] = (e["mds"], e["site"])

    per_mds = Counter(a["mds"] for a in territoire["ass"])
    if dict(per_mds) != EXPECTED_ASS:
        problems.append(f"ASS per MDS {dict(per_mds)} != annexe 2 {EXPECTED_ASS}")
    for m in territoire["mds"]:
        if m["ass_count"] != EXPECTED_ASS.get(m["slug"]):
            problems.append(f"MDS {m['slug']}: ass_count {m['ass_count']}")
    for a in ass.values():
        if a["site"] not in sites_of.get(a["mds"], set()):
            problems.append(f"ASS {a['id']}: site {a['site']} not in MDS {a['mds']}")

    sector_ass = Counter(s["ass"] for s in sectorisation["secteurs"])
    if set(sector_ass) != set(ass) or any(n != 1 for n in sector_ass.values()):
        problems.append("every ASS must have exactly one sector")
    covered: set[str] = set()
    covered_quartiers: set[str] = set()
    for s in sectorisation["secteurs"]:
        a = ass.get(s["ass"])
        if a is None:
            continue
        if not s["communes"] and not s["quartiers"]:
            problems.append(f"ASS {a['id']}: empty sector")
        for code in s["communes"]:
            if site_of_commune.get(code) != (a["mds"], a["site"]):
                problems.append(f"ASS {a['id']}: commune {code} is not of her site")
        for q in s["quartiers"]:
            if quartier_site.get(q) != a["site"] or a["mds"] != MONTAUBAN_MDS:
                problems.append(f"ASS {a['id']}: quartier {q} is not of her site")
        if a["mds"] == MONTAUBAN_MDS and not s["quartiers"]:
            problems.append(f"ASS {a['id']}: a Montauban ASS covers no quartier")
        covered |= set(s["communes"])
        covered_quartiers |= set(s["quartiers"])
    if quartier_site and set(quartier_site) <= covered_quartiers:
        covered.add(MONTAUBAN_INSEE)
    problems += [f"quartier {q} has no ASS" for q in sorted(set(quartier_site) - covered_quartiers)]
    problems += [f"commune {c} has no ASS" for c in sorted(codes - covered)]
    return problems


def dump(sectorisation: dict) -> str:
    """JSON text with one line per commune and per sector (readable diffs, small file)."""

    def items(key: str) -> str:
        rows = [json.dumps(row, ensure_ascii=False) for row in sectorisation[key]]
        return "[\n    " + ",\n    ".join(rows) + "\n  ]"

    note = json.dumps(sectorisation["_note"], ensure_ascii=False)
    text = (
        f'{{\n  "_note": {note},\n  "communes": {items("communes")},\n'
        f'  "secteurs": {items("secteurs")}\n}}\n'
    )
    if json.loads(text) != sectorisation:
        raise AssertionError("dump() lost data")
    return text


def main(argv: list[str]) -> int:
    """Write the sectorisation to standard output, or to the file named by ``argv[0]``."""
    communes, territoire = read_data("communes-82.json"), read_data("territoire.json")
    sectorisation = build(communes, territoire)
    problems = check(communes, territoire, sectorisation)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    text = dump(sectorisation)
    if argv:
        Path(argv[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
