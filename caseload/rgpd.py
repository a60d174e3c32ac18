"""Personal data as the RGPD and the convention require: consent, journal of access, the
person's rights (access, erasure, limitation), retention and purge, no financial content.

Sources, in ``../shared/seeds/``:

- ``001_6fe812dc18e617ae.txt``, avenant n°1, article 6 « Déontologie et protection des données
  à caractère personnel »: « Principe de respect du consentement éclairé de toute personne à
  être accompagnée », « Principe de transparence, permettant notamment le libre accès pour
  l'intéressé aux données le concernant selon les règles RGPD en vigueur », and the duty to
  « interdire leur accès par des tiers non autorisés » (hence the journal);
- ``000_1487f3af1521833f.txt``, annexe 4 (fiche de liaison): « Aucune information d'ordre
  économique et financière ne doit être communiquée », the rights « de rectification,
  d'effacement et de limitation de traitement », and the retention « au plus tard dans un délai
  de 10 ans à compter de la fin de la convention ».

Every action here is the administrateur's (``caseload.acces.require(acteur, "rgpd")``) and is
itself written in the journal. The journal holds who, when, what and the demandeur's id: never
a name, so it can outlive an erasure.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlite_utils import Database

from caseload import parcours
from caseload.acces import Profil, require
from caseload.fiche import (
    ATOUTS,
    DECISIONS,
    FIELD_LABELS,
    FREINS_DIRECTS,
    FREINS_PERIPHERIQUES,
    INITIATEURS,
    SITUATIONS,
    Fiche,
)
from caseload.indicateurs import keep_facts
from caseload.rows import parcours_from_json, parcours_to_json, row_to_fiche
from ressources.db import get_meta, set_meta
from ressources.errors import AccessDenied, BinomeError, InvalidFields
from ressources.text import counted

CONVENTION = parcours.CONVENTION
AVENANT = parcours.AVENANT

# -- consent ---------------------------------------------------------------------------------
# The rule itself lives with the parcours rules (parcours.CONSENT_REQUIRED, avenant article 6), so
# a refusal is a RuleViolation quoting its source; it is checked here, where the fiche is known.
CONSENT_REQUIRED = parcours.CONSENT_REQUIRED
# The steps that start an accompaniment: none without the consentement éclairé recorded.
_STEPS_NEEDING_CONSENT = {
    parcours.Action.VALIDATE_DIAGNOSTIC: "La validation du diagnostic partagé",
    parcours.Action.ENTER: "L'entrée en accompagnement (axe 2 ou 3)",
    parcours.Action.BILAN_REORIENTATION: "La réorientation vers l'autre axe",
    parcours.Action.REORIENT: "La réorientation",
}


def require_consent(fiche: Fiche, action: parcours.Action) -> None:
    """Refuse the diagnostic partagé and any entry into axe 2 or 3 without the consentement
    éclairé recorded (given, and dated) on the fiche de liaison."""
    what = _STEPS_NEEDING_CONSENT.get(action)
    if what is None:
        return
    if not fiche.consentement or fiche.consentement_date is None:
        raise parcours.RuleViolation(
            "CONSENT_REQUIRED",
            f"{what} est refusée : le consentement éclairé du demandeur n'est pas enregistré "
            "(cochez-le et datez-le sur la fiche de liaison).",
        )


# -- financial content -----------------------------------------------------------------------
FINANCIAL_SENTENCE = "Aucune information d’ordre économique et financière ne doit être communiquée"
FINANCIAL_SOURCE = f"{CONVENTION}, annexe 4 (fiche de liaison)"

_AMOUNT = re.compile(
    r"\d[\d\s\u00a0\u202f.,]*\s*(?:€|euros?\b|eur\b|k€|balles\b)|€\s*\d"
    r"|\b(?:cents?|mille)\s+euros?\b",
    re.IGNORECASE,
)  # "3 200 €", "607€/mois", "1.200 euros", "€ 50", "600 balles", "six cents euros"
# The price of a resource ("4 € le repas") is the service's, not the person's situation.
_PRICE = re.compile(
    r"^\s*(?:/|par|le|la|l'|d')\s*(?:repas|panier|trajet|ticket|seance|séance|adhesion|"
    r"adhésion|consultation|course|nuit|nuitee|nuitée)\b",
    re.IGNORECASE,
)
# Words that say money matters; matched on text without accents. "loyer" alone is the
# frein logement and stays allowed; "loyer impayé" or "dette de loyer" does not.
_FINANCIAL_WORDS = re.compile(
    r"\b(?:dettes?|endette\w*|surendette\w*|revenus?(?! de solidarite)|salaires?|salarial\w*|"
    r"impayes?|decouvert|creances?|credits? (?:a la )?consommation|huissiers?|"
    r"interdit(?:e|s)? bancaires?|fichage bancaire|banque de france|saisies? sur \w+|"
    r"factures?(?: \w+){0,2} (?:impayees?|non payees?)|"
    r"(?:rsa|aah|apl|are|prime d.activite|allocations?|pension|prestations?|aides?|"
    r"indemnites?|chomage|loyer)\s+(?:de\s+|a\s+|d.environ\s+)?\d+(?:[\s.,]\d+)*|"
    r"(?:touche|percoi|percu|gagne|doit|rembourse|verse)\w*\s+(?:\w+\s+){0,2}"
    r"\d+(?:[\s.,]\d+)*|"
    r"\d[\d\s.,]*\s*(?:par mois|/\s*mois|mensuels?|net|brut)\b)",
    re.IGNORECASE,
)


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).lower()


def find_financial_words(texte: str) -> list[str]:
    """The fragments of *texte* that look financial (amounts in euros, debts, income…)."""
    folded = _fold(texte or "")
    text = texte or ""
    found = [
        m.group(0).strip() for m in _AMOUNT.finditer(text) if not _PRICE.match(text[m.end() :])
    ]
    found += [m.group(0).strip() for m in _FINANCIAL_WORDS.finditer(folded)]
    return list(dict.fromkeys(found))


def financial_warning(texte: str) -> str | None:
    """None when *texte* is fine; else the convention's sentence and what was found."""
    found = find_financial_words(texte)
    if not found:
        return None
    quoted = ", ".join(f"« {f} »" for f in found)
    return (
        f"Ce texte semble contenir une information financière ({quoted}). "
        f"{FINANCIAL_SENTENCE} (fiche de liaison, annexe 4) : reformulez sans montant ni "
        "situation financière."
    )


class FinancialContent(InvalidFields):
    """A note or a free-text field looks financial: not saved, to be rephrased.
    ``errors`` maps the field to the convention's sentence."""


# Free-text fields of the fiche de liaison (the rest are dates, codes or boxes).
FICHE_FREE_TEXT = ("adresse", "initiateur_nom", "initiateur_fonction")


def check_free_texts(fields: dict[str, str | None]) -> None:
    """Raise :class:`ContenuFinancier` if any of these texts looks financial."""
    errors = {}
    for name, value in fields.items():
        message = financial_warning(value or "")
        if message:
            errors[name] = message
    if errors:
        raise FinancialContent(errors)


# -- limitation --------------------------------------------------------------------------------
class RestrictedFile(AccessDenied):
    """The file is limited (RGPD): frozen, hidden, visible to an administrateur only."""

    def __init__(self) -> None:
        super().__init__(
            "Ce dossier fait l'objet d'une limitation du traitement (RGPD) : il n'est ni "
            "consultable ni modifiable, sauf par un administrateur."
        )


# -- journal -----------------------------------------------------------------------------------
ACTIONS = {
    "consultation": "Consultation du dossier",
    "creation": "Création du dossier (prescription)",
    "modification-fiche": "Modification de la fiche de liaison",
    "designation-ass": "Désignation de l'ASS",
    "etape": "Étape du parcours",
    "note": "Note de travail ajoutée",
    "rendez-vous": "Rendez-vous fixé avec l'ASS",
    "document": "Document produit (fiche de liaison, courrier)",
    "rgpd-journal": "RGPD : consultation du journal",
    "rgpd-acces": "RGPD : export du droit d'accès",
    "rgpd-effacement": "RGPD : effacement",
    "rgpd-limitation": "RGPD : limitation du traitement",
    "rgpd-levee-limitation": "RGPD : levée de la limitation",
    "rgpd-purge": "RGPD : purge (durée de conservation échue)",
    "rgpd-conservation": "RGPD : durée de conservation réglée",
}


# A new demandeur never takes the number of an erased one: the journal keeps that number,
# and its lines must not become the new person's. (One SQL expression, evaluated by the
# INSERT itself under the write lock.)
NEXT_DEMANDEUR_ID = (
    "(SELECT max(coalesce((SELECT max(id) FROM demandeurs), 0), "
    "coalesce((SELECT max(demandeur_id) FROM journal), 0)) + 1)"
)


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def log_action(
    db: Database,
    actor_id: str | None,
    action: str,
    demandeur_id: int | None = None,
    *,
    canal: str = "application",
    details: str = "",
) -> None:
    """One line of the journal: who, when, what, which demandeur (by id, never by name)."""
    with db.atomic():
        db.execute(
            "INSERT INTO journal(quand, acteur_id, action, demandeur_id, canal, details) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [_now(), actor_id, action, demandeur_id, canal, details],
        )


def details_label(action: str, details: str) -> str:
    """A journal line's details as a person reads them: a step of the parcours by what it
    recorded (« Diagnostic partagé validé »), not by its name in the code
    (« valider-diagnostic »); the fields of a changed fiche by their labels on the fiche
    (« Téléphone, Date de naissance », not « telephone, date_naissance »); other details as
    written."""
    if action == "etape":
        try:
            return parcours.Action(details).fact
        except ValueError:
            return details  # a step of a later version, or of none: shown as written
    if action == "modification-fiche":
        # The names of the fields changed (never their values), as the fiche words them.
        return ", ".join(FIELD_LABELS.get(name, name) for name in details.split(", "))
    return details


def _journal_rows(db: Database, demandeur_id: int | None) -> list[dict]:
    where, params = ("WHERE j.demandeur_id = ?", [demandeur_id]) if demandeur_id else ("", [])
    return [
        {
            "quand": r["quand"],
            "acteur": r["acteur_id"],
            "role": r["role"],
            "action": r["action"],
            "libelle": ACTIONS.get(r["action"], r["action"]),
            "demandeur": r["demandeur_id"],
            "canal": r["canal"],
            "details": r["details"],
        }
        for r in db.query(
            "SELECT j.*, p.role FROM journal j LEFT JOIN profils p ON p.id = j.acteur_id "
            f"{where} ORDER BY j.id",
            params,
        )
    ]


def journal(
    db: Database,
    actor: Profil | None,
    demandeur_id: int | None = None,
    *,
    canal: str = "application",
) -> list[dict]:
    """The journal (of one demandeur, or all of it), for an administrateur."""
    actor = require(actor, "rgpd")
    rows = _journal_rows(db, demandeur_id)
    log_action(db, actor.id, "rgpd-journal", demandeur_id, canal=canal)
    return rows


# -- right of access ---------------------------------------------------------------------------
def _row(db: Database, demandeur_id: int) -> dict:
    rows = list(db.query("SELECT * FROM demandeurs WHERE id = ?", [demandeur_id]))
    if not rows:
        raise BinomeError(f"Demandeur inconnu : {demandeur_id} (jamais créé, ou effacé).")
    return rows[0]


def _fiche_dict(row: dict) -> dict:

    data = asdict(row_to_fiche(row))
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()}


def _person(db: Database, profil_id: str | None) -> dict | None:
    if not profil_id:
        return None
    row = db.execute(
        "SELECT prenom || ' ' || nom, role FROM profils WHERE id = ?", [profil_id]
    ).fetchone()
    return {"id": profil_id, "nom": row[0] if row else None, "role": row[1] if row else None}


def held_data(db: Database, demandeur_id: int) -> dict:
    """Everything held on one person (no rights check, no journal: see :func:`acces`)."""

    row = _row(db, demandeur_id)
    p = parcours_from_json(row["parcours"])
    parcours_data = json.loads(parcours_to_json(p))
    parcours_data["etat"] = p.etat.value
    parcours_data["axe"] = row["axe"]
    parcours_data["prochaine_echeance"] = row["prochaine_echeance"]
    evenements = [
        {
            "date": r["date"],
            "action": r["action"],
            "libelle": r["libelle"],
            "details": json.loads(r["details"] or "{}"),
            "auteur": r["auteur_id"],
            "auteur_nom": r["auteur_nom"],
            "enregistre_le": r["cree_le"],
        }
        for r in db.query(
            "SELECT e.*, p.prenom || ' ' || p.nom AS auteur_nom FROM evenements e "
            "LEFT JOIN profils p ON p.id = e.auteur_id WHERE e.demandeur_id = ? "
            "ORDER BY e.date, e.id",
            [demandeur_id],
        )
    ]
    notes: dict[str, list[dict]] = {"france-travail": [], "cd82": []}
    for r in db.query(
        "SELECT n.*, p.prenom || ' ' || p.nom AS auteur_nom FROM notes n "
        "LEFT JOIN profils p ON p.id = n.auteur_id WHERE n.demandeur_id = ? "
        "ORDER BY n.date, n.id",
        [demandeur_id],
    ):
        notes[r["cote"]].append(
            {
                "date": r["date"],
                "auteur": r["auteur_id"],
                "auteur_nom": r["auteur_nom"],
                "texte": r["texte"],
            }
        )
    return {
        "demandeur": demandeur_id,
        "produit_le": _now(),
        "fiche": _fiche_dict(row),
        "binome": {
            "conseiller": _person(db, row["conseiller_id"]),
            "ass": _person(db, row["ass_id"]),
        },
        "parcours": parcours_data,
        "bilans": parcours_data["bilans"],
        "evenements": evenements,
        "notes": notes,
        "limitation": row["limite_le"],
        "cree_le": row["cree_le"],
        "modifie_le": row["modifie_le"],
        "version": row["version"],
        "demo": bool(row["demo"]),
        "journal": _journal_rows(db, demandeur_id),
        "droits": DROITS,
    }


DROITS = (
    "Vos données sont traitées dans le seul cadre de la convention de coopération entre "
    "France Travail et le Département de Tarn-et-Garonne, et conservées au plus tard 10 ans "
    "après la fin de la convention. Pour exercer vos droits d'accès, de rectification, "
    "d'effacement et de limitation : le délégué à la protection des données de France Travail "
    "(courriers-cnil@pole-emploi.fr) ou du Département (dpo@ledepartement82.fr, 100 boulevard "
    "Hubert Gouzes, BP 783, 82013 Montauban cedex). Réclamation possible auprès de la CNIL "
    "(www.cnil.fr)."
)


def right_of_access(
    db: Database, actor: Profil | None, demandeur_id: int, *, canal: str = "application"
) -> dict:
    """The right of access: everything held on one person, the journal included (this
    export is journaled first, so it appears in what it exports)."""
    actor = require(actor, "rgpd")
    _row(db, demandeur_id)
    log_action(db, actor.id, "rgpd-acces", demandeur_id, canal=canal)
    return held_data(db, demandeur_id)


def _labelled(name: str, value):
    """The fiche's codes as the fiche de liaison words them."""
    labels = {
        "atouts": ATOUTS,
        "freins_directs": FREINS_DIRECTS,
        "freins_peripheriques": FREINS_PERIPHERIQUES,
        "initiateur": INITIATEURS,
        "situation_familiale": SITUATIONS,
        "decision_demandeur": DECISIONS,
        "decision_conseiller": DECISIONS,
        "decision_ass": DECISIONS,
    }.get(name)
    if labels is None:
        return value
    if isinstance(value, list):
        return [labels.get(v, v) for v in value]
    return labels.get(value, value) if value else value


def _fr_value(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        y, m, d = value.split("-")
        return f"{d}/{m}/{y}"
    return str(value)


def access_document(data: dict) -> str:
    """The access export as a readable French document (plain text)."""
    fiche = data["fiche"]
    lines = [
        "DROIT D'ACCÈS — DONNÉES PERSONNELLES DÉTENUES DANS BINÔME",
        f"Demandeur n° {data['demandeur']} : {fiche['nom']} {fiche['prenom']}",
        f"Document produit le {data['produit_le'].replace('T', ' à ')}",
        "",
        "1. Fiche de liaison (annexe 4 de la convention)",
    ]
    lines += [
        f"   {label} : {_fr_value(_labelled(name, fiche.get(name)))}"
        for name, label in FIELD_LABELS.items()
    ]
    b = data["binome"]
    lines += ["", "2. Binôme"]
    for key, label in (("conseiller", "Conseiller France Travail"), ("ass", "ASS")):
        who = b[key]
        lines.append(f"   {label} : {who['nom'] if who else '—'}")
    p = data["parcours"]
    axe = parcours.Axe(p["axe"]).label if p["axe"] else "—"
    decision = parcours.Axe(p["decision"]).label if p["decision"] else "—"
    motif = parcours.MotifSortie(p["motif"]).label if p["motif"] else p["raison_sans_suite"]
    lines += [
        "",
        "3. Parcours",
        f"   État : {parcours.State(p['etat']).label} ; axe : {axe}",
        f"   Prescription : {_fr_value(p['prescription'])} ({parcours.Origin(p['origine']).label})",
        f"   Diagnostic partagé : {_fr_value(p['diagnostic'])} ; décision : {decision}",
        f"   Entrée : {_fr_value(p['entree'])} ; sortie : {_fr_value(p['sortie'])} ; "
        f"motif : {_fr_value(motif)}",
        f"   Relances : {_fr_value([_fr_value(x) for x in p['relances']])}",
    ]
    lines += ["", "4. Bilans"]
    lines += [
        f"   {_fr_value(x['on'])} · {parcours.BilanKind(x['kind']).label} · "
        f"{parcours.BilanDecision(x['decision']).label}"
        for x in data["bilans"]
    ] or ["   Aucun bilan."]
    lines += ["", "5. Événements du parcours"]
    lines += [
        f"   {_fr_value(e['date'])} · {e['libelle']} (par {e['auteur_nom'] or '—'})"
        for e in data["evenements"]
    ] or ["   Aucun événement."]
    for side, label in (
        ("france-travail", "6. Notes de travail — France Travail"),
        ("cd82", "7. Notes de travail — Département (CD82)"),
    ):
        lines += ["", label]
        lines += [
            f"   {_fr_value(n['date'])} · {n['auteur_nom'] or '—'} : {n['texte']}"
            for n in data["notes"][side]
        ] or ["   Aucune note."]
    lines += ["", "8. Journal des accès et des modifications"]
    lines += [
        f"   {j['quand'].replace('T', ' ')} · {j['acteur'] or '—'} · {j['libelle']}"
        + (f" : {details_label(j['action'], j['details'])}" if j["details"] else "")
        + f" ({j['canal']})"
        for j in data["journal"]
    ] or ["   Aucune entrée."]
    if data["limitation"]:
        lines += ["", f"Limitation du traitement depuis le {_fr_value(data['limitation'][:10])}."]
    lines += ["", "Vos droits", "   " + data["droits"], ""]
    return "\n".join(lines)


# -- erasure, limitation -----------------------------------------------------------------------
@dataclass
class Preview:
    """What an erasure removes (shown before confirming)."""

    demandeur: int
    nom: str
    evenements: int
    notes: int
    etat: str
    sortie: str | None = None
    raison: str = ""


def _preview(db: Database, row: dict, raison: str = "") -> Preview:

    n_ev = db.execute(
        "SELECT count(*) FROM evenements WHERE demandeur_id = ?", [row["id"]]
    ).fetchone()[0]
    n_notes = db.execute(
        "SELECT count(*) FROM notes WHERE demandeur_id = ?", [row["id"]]
    ).fetchone()[0]
    p = parcours_from_json(row["parcours"])
    return Preview(
        row["id"],
        f"{row['nom']} {row['prenom']}",
        n_ev,
        n_notes,
        p.etat.label,
        p.sortie.isoformat() if p.sortie else None,
        raison,
    )


def erasure_preview(db: Database, actor: Profil | None, demandeur_id: int) -> Preview:
    """What :func:`effacer` would remove; changes nothing."""
    actor = require(actor, "rgpd")
    return _preview(db, _row(db, demandeur_id))


def _erase(
    db: Database, actor: Profil, rows: list[dict], action: str, canal: str, today: date
) -> None:
    """Delete these demandeurs and leave no trace of them in the file, its WAL or an index;
    their anonymous facts stay, so the indicators of past periods do not move."""
    if not rows:
        return
    db.execute("PRAGMA secure_delete = ON")
    with db.atomic():
        keep_facts(db, [row["id"] for row in rows], today)
        for row in rows:
            db.execute("DELETE FROM notes WHERE demandeur_id = ?", [row["id"]])
            db.execute("DELETE FROM evenements WHERE demandeur_id = ?", [row["id"]])
            db.execute("DELETE FROM demandeurs WHERE id = ?", [row["id"]])
            log_action(db, actor.id, action, row["id"], canal=canal)
    compact_file(db)


def compact_file(db: Database) -> None:
    """Checkpoint the WAL into the file and empty it, then rebuild the file without its free
    pages: deleted bytes survive neither in the WAL nor in free pages."""
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("VACUUM")
        busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error as exc:
        raise BinomeError(
            "Effacement enregistré, mais le fichier n'a pas pu être compacté "
            f"({exc}) : relancez « binome rgpd purge --confirmer », qui compacte la base, "
            "une fois les autres fenêtres de Binôme fermées."
        ) from exc
    if busy:
        # Another process holds a read: the WAL is emptied when it closes.
        raise BinomeError(
            "Effacement enregistré, mais un autre programme lit la base : fermez les autres "
            "fenêtres de Binôme puis lancez « binome rgpd purge --confirmer », qui vide le "
            "journal d'écriture."
        )


def erase(
    db: Database,
    actor: Profil | None,
    demandeur_id: int,
    *,
    today: date | None = None,
    canal: str = "application",
) -> Preview:
    """The right to erasure: the person's fiche, parcours, events and notes are deleted for
    good; the journal keeps the id only; the indicators keep anonymous facts."""
    actor = require(actor, "rgpd")
    row = _row(db, demandeur_id)
    apercu = _preview(db, row)
    _erase(db, actor, [row], "rgpd-effacement", canal, today or date.today())
    return apercu


ERASURE_ACTIONS = ("rgpd-effacement", "rgpd-purge")


def erased_demandeurs(db: Database) -> set[int]:
    """The demandeurs this base's journal says were erased (by a right or a purge)."""
    marks = ",".join("?" * len(ERASURE_ACTIONS))
    return {
        row[0]
        for row in db.execute(
            f"SELECT DISTINCT demandeur_id FROM journal WHERE action IN ({marks}) "
            "AND demandeur_id IS NOT NULL",
            ERASURE_ACTIONS,
        )
    }


def erase_again_after_restore(
    db: Database,
    actor: Profil | None,
    erased_ids: set[int],
    *,
    canal: str,
    today: date | None = None,
) -> int:
    """A backup put back holds people erased since it was made: erased again, for the right
    to erasure outlives backups (avenant, article 6). Returns how many were."""
    require(actor, "restaurer")
    assert actor is not None
    if not erased_ids:
        return 0
    marks = ",".join("?" * len(erased_ids))
    rows = list(db.query(f"SELECT * FROM demandeurs WHERE id IN ({marks})", sorted(erased_ids)))
    _erase(db, actor, rows, "rgpd-effacement", canal, today or date.today())
    return len(rows)


def restrict_file(
    db: Database,
    actor: Profil | None,
    demandeur_id: int,
    *,
    lever: bool = False,
    canal: str = "application",
) -> None:
    """Limit the processing of a file (frozen, hidden from lists) or lift the limitation."""
    actor = require(actor, "rgpd")
    row = _row(db, demandeur_id)
    if lever and not row["limite_le"]:
        raise BinomeError(f"Le dossier {demandeur_id} n'est pas limité.")
    if not lever and row["limite_le"]:
        raise BinomeError(
            f"Le dossier {demandeur_id} est déjà limité depuis le "
            f"{_fr_value(row['limite_le'][:10])}."
        )
    with db.atomic():
        db.execute(
            "UPDATE demandeurs SET limite_le = ? WHERE id = ?",
            [None if lever else _now(), demandeur_id],
        )
        log_action(
            db,
            actor.id,
            "rgpd-levee-limitation" if lever else "rgpd-limitation",
            demandeur_id,
            canal=canal,
        )


def restricted_files(db: Database, actor: Profil | None) -> list[dict]:
    """The limited files, for an administrateur."""
    actor = require(actor, "rgpd")
    return list(
        db.query(
            "SELECT id, nom, prenom, limite_le FROM demandeurs WHERE limite_le IS NOT NULL "
            "ORDER BY nom, prenom"
        )
    )


# -- retention and purge -----------------------------------------------------------------------
RETENTION_MAX_YEARS = 10
RETENTION_SOURCE = f"{CONVENTION}, annexe 4 (fiche de liaison)"
RETENTION_QUOTE = "au plus tard dans un délai de 10 ans à compter de la fin de la convention"

_META_FIN = "rgpd.fin_convention"
_META_ANS = "rgpd.delai_ans"
_META_SORTIE = "rgpd.delai_apres_sortie_mois"


@dataclass(frozen=True)
class Retention:
    """How long files are kept: until ``delai_ans`` years after the end of the convention
    (at most 10), and, if the département sets one, ``delai_apres_sortie_mois`` months after a
    parcours ends."""

    fin_convention: date | None = None
    delai_ans: int = RETENTION_MAX_YEARS
    delai_apres_sortie_mois: int | None = None

    @property
    def overall_limit(self) -> date | None:
        if self.fin_convention is None:
            return None
        return parcours.add_months(self.fin_convention, 12 * self.delai_ans)

    def description(self) -> str:
        fin = _fr_value(self.fin_convention.isoformat()) if self.fin_convention else "non réglée"
        text = f"Fin de la convention : {fin} ; conservation {counted(self.delai_ans, 'an')} après"
        if self.overall_limit:
            text += f" (jusqu'au {_fr_value(self.overall_limit.isoformat())})"
        if self.delai_apres_sortie_mois:
            text += f" ; {self.delai_apres_sortie_mois} mois après la fin d'un parcours"
        return text + "."


def retention(db: Database) -> Retention:
    fin = get_meta(db, _META_FIN)
    sortie = get_meta(db, _META_SORTIE)
    return Retention(
        fin_convention=date.fromisoformat(fin) if fin else None,
        delai_ans=int(get_meta(db, _META_ANS) or RETENTION_MAX_YEARS),
        delai_apres_sortie_mois=int(sortie) if sortie else None,
    )


def set_retention(
    db: Database,
    actor: Profil | None,
    *,
    fin_convention: date | None = None,
    delai_ans: int | None = None,
    delai_apres_sortie_mois: int | None = None,
    canal: str = "application",
) -> Retention:
    """Set what is given (the rest stays); the delay after the convention is 10 years at most
    (annexe 4); a delay after the end of a parcours of 0 removes it."""
    actor = require(actor, "rgpd")
    if delai_ans is not None and not 1 <= delai_ans <= RETENTION_MAX_YEARS:
        raise BinomeError(
            f"Délai refusé : {counted(delai_ans, 'an')}. La convention fixe la conservation « "
            f"{RETENTION_QUOTE} » : entre 1 et {RETENTION_MAX_YEARS} ans."
        )
    if delai_apres_sortie_mois is not None and not 0 <= delai_apres_sortie_mois <= 12 * 10:
        raise BinomeError("Délai après la sortie refusé : entre 0 et 120 mois.")
    if fin_convention is not None:
        # The files were opened under the convention: it cannot have ended before the last
        # of them (« 1900-01-01 », « 2016 » for 2026, made every file due for purging).
        newest = db.execute("SELECT max(substr(cree_le, 1, 10)) FROM demandeurs").fetchone()[0]
        if newest and fin_convention.isoformat() < newest:
            raise BinomeError(
                f"Fin de convention refusée : {fin_convention:%d/%m/%Y} est avant le dernier "
                f"dossier ouvert sous la convention (le {date.fromisoformat(newest):%d/%m/%Y}). "
                "Rien n'a changé."
            )
    with db.atomic():
        if fin_convention is not None:
            set_meta(db, _META_FIN, fin_convention.isoformat())
        if delai_ans is not None:
            set_meta(db, _META_ANS, str(delai_ans))
        if delai_apres_sortie_mois is not None:
            set_meta(db, _META_SORTIE, str(delai_apres_sortie_mois or ""))
        log_action(db, actor.id, "rgpd-conservation", canal=canal)
    return retention(db)


def _due(db: Database, today: date) -> list[tuple[dict, str]]:

    regle = retention(db)
    general = regle.overall_limit
    found = []
    for row in db.query("SELECT * FROM demandeurs ORDER BY id"):
        if general is not None and today > general:
            found.append(
                (row, f"plus de {counted(regle.delai_ans, 'an')} après la fin de la convention")
            )
            continue
        months = regle.delai_apres_sortie_mois
        if months:
            p = parcours_from_json(row["parcours"])
            if p.sortie is not None and today > parcours.add_months(p.sortie, months):
                found.append((row, f"plus de {months} mois après la fin du parcours"))
    return found


def purge_due(db: Database, actor: Profil | None, today: date) -> int:
    """How many files are past their retention (for the reminder at start-up); 0 for anyone
    but an administrateur."""
    if actor is None or actor.role != "administrateur":
        return 0
    return len(_due(db, today))


def purge_preview(db: Database, actor: Profil | None, today: date) -> list[Preview]:
    """The files past their retention; changes nothing (but the journal)."""
    actor = require(actor, "rgpd")
    return [_preview(db, row, raison) for row, raison in _due(db, today)]


def purge(
    db: Database, actor: Profil | None, today: date, *, canal: str = "application"
) -> list[Preview]:
    """Erase every file past its retention (as :func:`effacer` does each one)."""
    actor = require(actor, "rgpd")
    due = _due(db, today)
    erased = [_preview(db, row, raison) for row, raison in due]
    _erase(db, actor, [row for row, _ in due], "rgpd-purge", canal, today)
    if not due:
        # Nothing due: still compact, so an erasure whose compaction failed can be finished.
        compact_file(db)
    return erased


def ids(values: Iterable[Preview]) -> list[int]:
    return [a.demandeur for a in values]
