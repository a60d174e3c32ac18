"""How a demandeur is held in a ``demandeurs`` row: the fiche de liaison's columns and
the parcours as JSON. The store writes them, the RGPD exports and the indicators read them.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

from caseload import parcours
from caseload.fiche import Fiche


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


def parcours_from_json(text: str) -> parcours.Parcours:
    data = json.loads(text)

    def day(value):
        return date.fromisoformat(value) if value else None

    return parcours.Parcours(
        prescription=date.fromisoformat(data["prescription"]),
        origine=parcours.Origin(data["origine"]),
        brsa=bool(data.get("brsa")),
        diagnostic=day(data.get("diagnostic")),
        decision=parcours.Axe(data["decision"]) if data.get("decision") else None,
        entree=day(data.get("entree")),
        axe=parcours.Axe(data["axe"]) if data.get("axe") else None,
        debut_axe=day(data.get("debut_axe")),
        renouvellements=int(data.get("renouvellements") or 0),
        relances=tuple(date.fromisoformat(d) for d in data.get("relances") or []),
        bilans=tuple(
            parcours.Bilan(
                date.fromisoformat(b["on"]),
                parcours.Axe(b["axe"]),
                parcours.BilanKind(b["kind"]),
                parcours.BilanDecision(b["decision"]),
                bool(b.get("late")),
            )
            for b in data.get("bilans") or []
        ),
        sortie=day(data.get("sortie")),
        motif=parcours.MotifSortie(data["motif"]) if data.get("motif") else None,
        raison_sans_suite=data.get("raison_sans_suite"),
        modalite=parcours.Modality(data["modalite"]) if data.get("modalite") else None,
        entretien_ass_du=bool(data.get("entretien_ass_du")),
        entretien_ass=day(data.get("entretien_ass")),
        concertations=tuple(
            parcours.Concertation(
                date.fromisoformat(c["on"]), parcours.Means(c["moyen"]), c.get("objet", "")
            )
            for c in data.get("concertations") or []
        ),
        reorientations=tuple(
            parcours.Reorientation(date.fromisoformat(r["on"]), parcours.Axe(r["vers"]))
            for r in data.get("reorientations") or []
        ),
        emploi=day(data.get("emploi")),
        fin_periode_essai=day(data.get("fin_periode_essai")),
        fin_periode_essai_estimee=bool(data.get("fin_periode_essai_estimee")),
        rendez_vous=parcours.RendezVous(
            date.fromisoformat(data["rendez_vous"]["jour"]),
            data["rendez_vous"]["heure"],
            data["rendez_vous"]["site_id"],
        )
        if data.get("rendez_vous")
        else None,
        absence_rdv=day(data.get("absence_rdv")),
    )


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
