"""How a demandeur is held in a ``demandeurs`` row: the fiche de liaison's columns and
the parcours as JSON. The store writes them, the RGPD exports and the indicators read them.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from enum import Enum
from typing import TypeVar

from caseload import parcours
from caseload.fiche import Fiche

E = TypeVar("E", bound=Enum)


# -- parcours <-> JSON ---------------------------------------------------------------------
def parcours_to_json(p: parcours.Parcours) -> str:
    data = asdict(p)
    data["relances"] = [d.isoformat() for d in p.relances]
    data["bilans"] = [
        {
            "on": b.on.isoformat(),
            "axe": b.axe.value,
            "kind": b.kind.value,
            "decision": b.decision.value,
            "late": b.late,
        }
        for b in p.bilans
    ]
    data["concertations"] = [
        {"on": c.on.isoformat(), "moyen": c.moyen.value, "objet": c.objet} for c in p.concertations
    ]
    data["rendez_vous"] = (
        {
            "jour": p.rendez_vous.jour.isoformat(),
            "heure": p.rendez_vous.heure,
            "site_id": p.rendez_vous.site_id,
        }
        if p.rendez_vous
        else None
    )
    data["reorientations"] = [
        {"on": r.on.isoformat(), "vers": r.vers.value} for r in p.reorientations
    ]
    for key in (
        "prescription",
        "diagnostic",
        "entree",
        "debut_axe",
        "sortie",
        "entretien_ass",
        "emploi",
        "fin_periode_essai",
        "absence_rdv",
    ):
        value = getattr(p, key)
        data[key] = value.isoformat() if value else None
    for key in ("origine", "decision", "axe", "motif", "modalite"):
        value = getattr(p, key)
        data[key] = value.value if value is not None else None
    return json.dumps(data, ensure_ascii=False)


def _members(kind: type[E]) -> dict[str, E]:
    return dict(kind._value2member_map_)  # type: ignore[arg-type]


# Each enum's members by value: a lookup, not an Enum call (a portefeuille of 1,500 people
# reads some 10,000 of them as it opens, issue 13).
_ORIGINS = _members(parcours.Origin)
_AXES = _members(parcours.Axe)
_BILAN_KINDS = _members(parcours.BilanKind)
_BILAN_DECISIONS = _members(parcours.BilanDecision)
_MOTIFS = _members(parcours.MotifSortie)
_MODALITIES = _members(parcours.Modality)
_MEANS = _members(parcours.Means)
_day = date.fromisoformat


def parcours_from_json(text: str) -> parcours.Parcours:
    data = json.loads(text)
    get = data.get

    def day(key: str) -> date | None:
        value = get(key)
        return _day(value) if value else None

    def member(members: dict[str, E], key: str) -> E | None:
        value = get(key)
        return _member(members, value) if value else None

    rendez_vous = get("rendez_vous")
    return parcours.Parcours(
        prescription=_day(data["prescription"]),
        origine=_member(_ORIGINS, data["origine"]),
        brsa=bool(get("brsa")),
        diagnostic=day("diagnostic"),
        decision=member(_AXES, "decision"),
        entree=day("entree"),
        axe=member(_AXES, "axe"),
        debut_axe=day("debut_axe"),
        renouvellements=int(get("renouvellements") or 0),
        relances=tuple(_day(d) for d in get("relances") or ()),
        bilans=tuple(
            parcours.Bilan(
                _day(b["on"]),
                _member(_AXES, b["axe"]),
                _member(_BILAN_KINDS, b["kind"]),
                _member(_BILAN_DECISIONS, b["decision"]),
                bool(b.get("late")),
            )
            for b in get("bilans") or ()
        ),
        sortie=day("sortie"),
        motif=member(_MOTIFS, "motif"),
        raison_sans_suite=get("raison_sans_suite"),
        modalite=member(_MODALITIES, "modalite"),
        entretien_ass_du=bool(get("entretien_ass_du")),
        entretien_ass=day("entretien_ass"),
        concertations=tuple(
            parcours.Concertation(_day(c["on"]), _member(_MEANS, c["moyen"]), c.get("objet", ""))
            for c in get("concertations") or ()
        ),
        reorientations=tuple(
            parcours.Reorientation(_day(r["on"]), _member(_AXES, r["vers"]))
            for r in get("reorientations") or ()
        ),
        emploi=day("emploi"),
        fin_periode_essai=day("fin_periode_essai"),
        fin_periode_essai_estimee=bool(get("fin_periode_essai_estimee")),
        rendez_vous=parcours.RendezVous(
            _day(rendez_vous["jour"]), rendez_vous["heure"], rendez_vous["site_id"]
        )
        if rendez_vous
        else None,
        absence_rdv=day("absence_rdv"),
    )


def _member(members: dict[str, E], value: str) -> E:
    """The member of *value*; a value no member has raises ValueError, as the Enum does."""
    found = members.get(value)
    if found is None:
        raise ValueError(f"{value!r} n'est pas une valeur connue")
    return found


FICHE_COLUMNS = [
    "nom",
    "prenom",
    "date_naissance",
    "adresse",
    "code_insee",
    "quartier",
    "telephone",
    "courriel",
    "echanges_dematerialises",
    "identifiant_ft",
    "identifiant_caf",
    "situation_familiale",
    "enfants_a_charge",
    "initiateur",
    "initiateur_nom",
    "initiateur_fonction",
    "atouts",
    "freins_directs",
    "freins_peripheriques",
    "brsa",
    "decision_demandeur",
    "decision_conseiller",
    "decision_ass",
    "consentement",
    "consentement_date",
]


def fiche_values(fiche: Fiche) -> dict:
    values = {}
    for name in FICHE_COLUMNS:
        value = getattr(fiche, name)
        if isinstance(value, list):
            value = json.dumps(value)
        elif isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, bool):
            value = int(value)
        values[name] = value
    return values


def row_to_fiche(row: dict) -> Fiche:
    values = {name: row[name] for name in FICHE_COLUMNS}
    for name in ("atouts", "freins_directs", "freins_peripheriques"):
        values[name] = json.loads(values[name] or "[]")
    for name in ("echanges_dematerialises", "brsa", "consentement"):
        values[name] = bool(values[name])
    values["date_naissance"] = date.fromisoformat(values["date_naissance"])
    if values["consentement_date"]:
        values["consentement_date"] = date.fromisoformat(values["consentement_date"])
    return Fiche(**values)
