"""Demandeurs, their fiche de liaison and their parcours, stored — with access checks.

Every read and write goes through a :class:`Caseload` bound to the current profile, so
the visibility rules of :mod:`caseload.acces` hold whatever screen or command asks.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from sqlite_utils import Database

from caseload import parcours as P
from caseload import rgpd
from caseload.acces import AccesRefuse, Profil, can_act, visibility_clause
from caseload.fiche import Fiche, validate
from caseload.territoire import Secteur, Territoire
from ressources.db import retrying
from ressources.errors import BinomeError
from ressources.gazetteer import Gazetteer


# -- parcours <-> JSON ---------------------------------------------------------------------
def parcours_to_json(p: P.Parcours) -> str:
    data = asdict(p)
    data["relances"] = [d.isoformat() for d in p.relances]
    data["bilans"] = [
        {"on": b.on.isoformat(), "axe": b.axe.value, "kind": b.kind.value,
         "decision": b.decision.value, "late": b.late}
        for b in p.bilans
    ]  # fmt: skip
    for key in ("prescription", "diagnostic", "entree", "debut_axe", "sortie"):
        value = getattr(p, key)
        data[key] = value.isoformat() if value else None
    for key in ("origine", "decision", "axe", "motif"):
        value = getattr(p, key)
        data[key] = value.value if value is not None else None
    return json.dumps(data, ensure_ascii=False)


def parcours_from_json(text: str) -> P.Parcours:
    data = json.loads(text)

    def day(value):
        return date.fromisoformat(value) if value else None

    return P.Parcours(
        prescription=date.fromisoformat(data["prescription"]),
        origine=P.Origine(data["origine"]),
        brsa=bool(data.get("brsa")),
        diagnostic=day(data.get("diagnostic")),
        decision=P.Axe(data["decision"]) if data.get("decision") else None,
        entree=day(data.get("entree")),
        axe=P.Axe(data["axe"]) if data.get("axe") else None,
        debut_axe=day(data.get("debut_axe")),
        renouvellements=int(data.get("renouvellements") or 0),
        relances=tuple(date.fromisoformat(d) for d in data.get("relances") or []),
        bilans=tuple(
            P.Bilan(
                date.fromisoformat(b["on"]),
                P.Axe(b["axe"]),
                P.BilanKind(b["kind"]),
                P.BilanDecision(b["decision"]),
                bool(b.get("late")),
            )
            for b in data.get("bilans") or []
        ),
        sortie=day(data.get("sortie")),
        motif=P.MotifSortie(data["motif"]) if data.get("motif") else None,
        raison_sans_suite=data.get("raison_sans_suite"),
    )


# -- records ---------------------------------------------------------------------------------
@dataclass
class Demandeur:
    id: int
    conseiller_id: str
    ass_id: str | None
    fiche: Fiche
    parcours: P.Parcours
    demo: bool = False
    # Bumped by every save of the fiche or the parcours: a form compares the version it
    # opened with the stored one (compare-and-set, see Caseload.modifier_fiche).
    version: int = 1

    @property
    def nom_complet(self) -> str:
        return f"{self.fiche.nom} {self.fiche.prenom}"


@dataclass
class Ligne:
    """One row of a portefeuille list."""

    id: int
    nom: str
    prenom: str
    commune: str
    code_insee: str
    etat: str
    axe: str | None
    prochaine_echeance: str | None
    conseiller: str
    ass: str | None
    mds: str | None
    alerts: list[P.Alert] = field(default_factory=list)


@dataclass
class Evenement:
    date: str
    action: str
    libelle: str
    auteur: str | None


@dataclass
class Note:
    id: int
    date: str
    auteur: str | None
    texte: str


class FicheModifiee(BinomeError):
    """Someone else changed the same fields of this fiche de liaison since it was opened."""

    def __init__(self, fields: list[str]) -> None:
        super().__init__(
            "Cette fiche de liaison a été modifiée par quelqu'un d'autre depuis son ouverture ("
            + ", ".join(fields)
            + ") : rien n'a été écrasé. Fermez-la et rouvrez-la pour voir ses changements ; "
            "votre saisie reste dans le formulaire."
        )
        self.fields = fields


@dataclass
class ChangementCommune:
    """The address moved to a commune of another MDS: the new MDS and the proposed ASS."""

    ancien: Secteur
    nouveau: Secteur

    @property
    def message(self) -> str:
        proposee = self.nouveau.ass_proposee
        qui = f" ; ASS proposée : {proposee.nom_complet}" if proposee else ""
        return (
            f"{self.nouveau.commune.nom} relève de la {self.nouveau.mds.nom} "
            f"(site {self.nouveau.site.nom}), et non plus de la {self.ancien.mds.nom}{qui}."
        )


_FICHE_COLUMNS = [
    "nom", "prenom", "date_naissance", "adresse", "code_insee", "quartier", "telephone",
    "courriel", "echanges_dematerialises", "identifiant_ft", "identifiant_caf",
    "situation_familiale", "enfants_a_charge", "initiateur", "initiateur_nom",
    "initiateur_fonction", "atouts", "freins_directs", "freins_peripheriques", "brsa",
    "decision_demandeur", "decision_conseiller", "decision_ass", "consentement",
    "consentement_date",
]  # fmt: skip


def _fiche_values(fiche: Fiche) -> dict:
    values = {}
    for name in _FICHE_COLUMNS:
        value = getattr(fiche, name)
        if isinstance(value, list):
            value = json.dumps(value)
        elif isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, bool):
            value = int(value)
        values[name] = value
    return values


def _row_to_fiche(row: dict) -> Fiche:
    values = {name: row[name] for name in _FICHE_COLUMNS}
    for name in ("atouts", "freins_directs", "freins_peripheriques"):
        values[name] = json.loads(values[name] or "[]")
    for name in ("echanges_dematerialises", "brsa", "consentement"):
        values[name] = bool(values[name])
    values["date_naissance"] = date.fromisoformat(values["date_naissance"])
    if values["consentement_date"]:
        values["consentement_date"] = date.fromisoformat(values["consentement_date"])
    return Fiche(**values)


class Caseload:
    """The caseload as one profile may see and change it."""

    def __init__(
        self,
        db: Database,
        profil: Profil,
        *,
        clock: Callable[[], date] = date.today,
        gazetteer: Gazetteer | None = None,
        canal: str = "application",
    ) -> None:
        self.db = db
        self.profil = profil
        self.clock = clock
        # Where reads and changes come from, for the journal (application, cli…).
        self.canal = canal
        self.gazetteer = gazetteer or Gazetteer.from_db(db)
        self.territoire = Territoire(db, self.gazetteer)

    # -- reading -----------------------------------------------------------------------------
    def portefeuille(self, *, ouverts_seulement: bool = False) -> list[Ligne]:
        clause, params = visibility_clause(self.profil)
        extra = " AND d.etat IN ('prescrit', 'diagnostic-valide', 'en-accompagnement')" if (
            ouverts_seulement
        ) else ""  # fmt: skip
        rows = self.db.query(
            "SELECT d.id, d.nom, d.prenom, d.code_insee, d.etat, d.axe, d.prochaine_echeance, "
            "d.parcours, c.nom AS commune, pc.prenom || ' ' || pc.nom AS conseiller, "
            "pa.prenom || ' ' || pa.nom AS ass, m.nom AS mds "
            "FROM demandeurs d JOIN communes c ON c.code_insee = d.code_insee "
            "JOIN profils pc ON pc.id = d.conseiller_id "
            "LEFT JOIN profils pa ON pa.id = d.ass_id "
            "LEFT JOIN commune_secteurs cs ON cs.code_insee = d.code_insee "
            "LEFT JOIN sites s ON s.id = cs.site_id LEFT JOIN mds m ON m.slug = s.mds "
            # A limited file (RGPD) is hidden from every list.
            f"WHERE {clause} AND d.limite_le IS NULL{extra} ORDER BY d.nom, d.prenom",
            params,
        )
        today = self.clock()
        lignes = []
        for r in rows:
            parcours = parcours_from_json(r["parcours"])
            lignes.append(
                Ligne(
                    id=r["id"], nom=r["nom"], prenom=r["prenom"], commune=r["commune"],
                    code_insee=r["code_insee"], etat=r["etat"], axe=r["axe"],
                    prochaine_echeance=r["prochaine_echeance"], conseiller=r["conseiller"],
                    ass=r["ass"], mds=r["mds"], alerts=P.alerts(parcours, today),
                )
            )  # fmt: skip
        return lignes

    def get(self, demandeur_id: int) -> Demandeur:
        """Open one demandeur's file; the reading is written in the journal."""
        found = self._lire(demandeur_id)
        retrying(self.db, lambda: self._journal("consultation", demandeur_id))
        return found

    def _lire(self, demandeur_id: int) -> Demandeur:
        clause, params = visibility_clause(self.profil)
        rows = list(
            self.db.query(
                f"SELECT d.* FROM demandeurs d WHERE d.id = ? AND {clause}",
                [demandeur_id, *params],
            )
        )
        if not rows:
            raise AccesRefuse("Ce demandeur n'existe pas ou ne fait pas partie de vos dossiers.")
        row = rows[0]
        if row["limite_le"]:
            raise rgpd.DossierLimite()
        return Demandeur(
            id=row["id"],
            conseiller_id=row["conseiller_id"],
            ass_id=row["ass_id"],
            fiche=_row_to_fiche(row),
            parcours=parcours_from_json(row["parcours"]),
            demo=bool(row["demo"]),
            version=int(row.get("version") or 1),
        )

    def chronologie(self, demandeur_id: int) -> list[Evenement]:
        self._lire(demandeur_id)
        return [
            Evenement(r["date"], r["action"], r["libelle"], r["auteur"])
            for r in self.db.query(
                "SELECT e.date, e.action, e.libelle, p.prenom || ' ' || p.nom AS auteur "
                "FROM evenements e LEFT JOIN profils p ON p.id = e.auteur_id "
                "WHERE e.demandeur_id = ? ORDER BY e.date, e.id",
                [demandeur_id],
            )
        ]

    def notes(self, demandeur_id: int) -> list[Note]:
        """This side's working notes only."""
        self._lire(demandeur_id)
        return [
            Note(r["id"], r["date"], r["auteur"], r["texte"])
            for r in self.db.query(
                "SELECT n.id, n.date, n.texte, p.prenom || ' ' || p.nom AS auteur FROM notes n "
                "LEFT JOIN profils p ON p.id = n.auteur_id "
                "WHERE n.demandeur_id = ? AND n.cote = ? ORDER BY n.date, n.id",
                [demandeur_id, self.profil.cote],
            )
        ]

    def secteur(self, demandeur: Demandeur) -> Secteur:
        return self.territoire.secteur(demandeur.fiche.code_insee, demandeur.fiche.quartier)

    # -- writing -----------------------------------------------------------------------------
    def creer(
        self,
        data: dict,
        *,
        prescription: date,
        conseiller_id: str | None = None,
        ass_id: str | None = None,
        demo: bool = False,
    ) -> int:
        """A new demandeur from a fiche de liaison and the prescription date."""
        if self.profil.role not in ("conseiller", "ass", "responsable"):
            raise AccesRefuse("Seuls un conseiller, un(e) ASS ou un responsable MDS prescrivent.")
        fiche = validate(data, gazetteer=self.gazetteer, today=self.clock())
        rgpd.verifier_textes({k: getattr(fiche, k) for k in rgpd.FICHE_FREE_TEXT})
        conseiller_id = conseiller_id or (
            self.profil.id if self.profil.role == "conseiller" else None
        )
        if conseiller_id is None:
            raise BinomeError("Indiquez le conseiller France Travail du demandeur.")
        if prescription > self.clock():
            raise BinomeError("La date de prescription ne peut pas être dans le futur.")
        parcours = P.Parcours(
            prescription=prescription, origine=P.Origine(fiche.initiateur), brsa=fiche.brsa
        )
        now = datetime.now().isoformat(timespec="seconds")

        def write() -> int:
            cursor = self.db.execute(
                f"INSERT INTO demandeurs (id, conseiller_id, ass_id, {', '.join(_FICHE_COLUMNS)}, "
                "parcours, etat, axe, prochaine_echeance, cree_le, modifie_le, demo) VALUES "
                f"({rgpd.NEXT_DEMANDEUR_ID}, ?, ?, {', '.join('?' for _ in _FICHE_COLUMNS)}, "
                "?, ?, ?, ?, ?, ?, ?)",
                [conseiller_id, ass_id, *_fiche_values(fiche).values(),
                 *self._parcours_columns(parcours), now, now, int(demo)],
            )  # fmt: skip
            new_id = cursor.lastrowid
            self._event(new_id, prescription, "prescription", "Prescription", {})
            self._journal("creation", new_id)
            return int(new_id)

        return retrying(self.db, write)

    def modifier_fiche(
        self, demandeur_id: int, changes: dict, *, ouverte: Demandeur | None = None
    ) -> ChangementCommune | None:
        """Update the fiche; if the commune moves to another MDS, say so and propose the new
        MDS and ASS (the ASS is not changed without the responsable).

        *ouverte*: the demandeur as the form read it. The check and the write are one write
        transaction: if someone saved the fiche since, the fields changed here are applied
        onto theirs, and a field both changed (to different values) raises FicheModifiee."""
        if self.profil.role == "administrateur":
            raise AccesRefuse("Un administrateur ne modifie pas les fiches de liaison.")
        return retrying(self.db, lambda: self._modifier_fiche(demandeur_id, changes, ouverte))

    def _modifier_fiche(
        self, demandeur_id: int, changes: dict, ouverte: Demandeur | None
    ) -> ChangementCommune | None:
        current = self._lire(demandeur_id)
        if ouverte is None or ouverte.version == current.version:
            data = {**asdict(current.fiche), **changes}
        else:
            base = asdict(ouverte.fiche)
            mine = asdict(validate({**base, **changes}, gazetteer=self.gazetteer,
                                   today=self.clock()))  # fmt: skip
            theirs = asdict(current.fiche)
            changed = {k for k in mine if mine[k] != base[k]}
            clash = sorted(k for k in changed if theirs[k] != base[k] and theirs[k] != mine[k])
            if clash:
                raise FicheModifiee(clash)
            data = {**theirs, **{k: mine[k] for k in changed}}
        fiche = validate(data, gazetteer=self.gazetteer, today=self.clock())
        values = _fiche_values(fiche)
        old = _fiche_values(current.fiche)
        changed_fields = sorted(k for k in values if values[k] != old[k])
        rgpd.verifier_textes({k: values[k] for k in rgpd.FICHE_FREE_TEXT if k in changed_fields})
        before = self.territoire.secteur(current.fiche.code_insee, current.fiche.quartier)
        after = self.territoire.secteur(fiche.code_insee, fiche.quartier)
        self.db.execute(
            f"UPDATE demandeurs SET {', '.join(f'{k} = ?' for k in values)}, "
            "modifie_le = ?, version = version + 1 WHERE id = ?",
            [*values.values(), datetime.now().isoformat(timespec="seconds"), demandeur_id],
        )
        if fiche.code_insee != current.fiche.code_insee:
            self._event(demandeur_id, self.clock(), "adresse",
                        f"Nouvelle adresse : {after.commune.nom}", {})  # fmt: skip
        # The names of the fields changed, never their values.
        self._journal("modification-fiche", demandeur_id, ", ".join(changed_fields))
        if after.mds.slug != before.mds.slug:
            return ChangementCommune(before, after)
        return None

    def attribuer_ass(self, demandeur_id: int, ass_id: str) -> None:
        """The responsable MDS (or the binôme) names the ASS."""
        retrying(self.db, lambda: self._attribuer_ass(demandeur_id, ass_id))

    def _attribuer_ass(self, demandeur_id: int, ass_id: str) -> None:
        current = self._lire(demandeur_id)
        if self.profil.role not in ("responsable", "conseiller", "ass"):
            raise AccesRefuse("Seul un responsable MDS ou le binôme désigne l'ASS.")
        row = self.db.execute(
            "SELECT prenom || ' ' || nom FROM profils WHERE id = ? AND role = 'ass' AND actif = 1",
            [ass_id],
        ).fetchone()
        if row is None:
            raise BinomeError(f"ASS inconnue : {ass_id}")
        self.db.execute(
            "UPDATE demandeurs SET ass_id = ?, version = version + 1 WHERE id = ?",
            [ass_id, current.id],
        )
        self._event(current.id, self.clock(), "ass", f"ASS désignée : {row[0]}", {})
        self._journal("designation-ass", current.id)

    def appliquer(self, demandeur_id: int, action: P.Action, on: date, **options) -> P.Outcome:
        """Record a step of the parcours; the rules of :mod:`caseload.parcours` decide, on
        the parcours as stored when the step is written (read in the write transaction: two
        steps recorded at once are both applied, in turn, or the second is refused)."""
        return retrying(self.db, lambda: self._appliquer(demandeur_id, action, on, options))

    def _appliquer(self, demandeur_id: int, action: P.Action, on: date, options) -> P.Outcome:
        current = self._lire(demandeur_id)
        if not can_act(self.profil, current.conseiller_id, current.ass_id):
            raise AccesRefuse("Seuls le conseiller et l'ASS du binôme font avancer le parcours.")
        if on > self.clock():
            raise BinomeError("Une étape du parcours ne peut pas être datée dans le futur.")
        rgpd.exiger_consentement(current.fiche, action)
        p = current.parcours
        if action is P.Action.VALIDATE_DIAGNOSTIC:
            outcome = P.validate_diagnostic(p, on, options.get("decision"))
        elif action is P.Action.ENTER:
            outcome = P.enter(p, on)
        elif action is P.Action.RECORD_RELANCE:
            outcome = P.record_relance(p, on)
        elif action is P.Action.BILAN_CONTINUE:
            outcome = P.record_bilan(p, on, P.BilanDecision.CONTINUE)
        elif action is P.Action.BILAN_REORIENTATION:
            outcome = P.record_bilan(p, on, P.BilanDecision.REORIENTATION)
        elif action is P.Action.BILAN_SORTIE:
            outcome = P.record_bilan(p, on, P.BilanDecision.SORTIE, options.get("motif"))
        elif action is P.Action.EXIT:
            outcome = P.exit_with(p, on, options.get("motif"))
        elif action is P.Action.CLOSE_WITHOUT_ENTRY:
            outcome = P.close_without_entry(p, on, options.get("raison") or "")
        else:  # pragma: no cover - every Action is handled above
            raise BinomeError(f"Action inconnue : {action}")
        label = action.label
        motif = options.get("motif")
        if motif is not None:
            label += f" — {motif.label}"
        self.db.execute(
            "UPDATE demandeurs SET parcours = ?, etat = ?, axe = ?, prochaine_echeance = ?, "
            "modifie_le = ?, version = version + 1 WHERE id = ?",
            [*self._parcours_columns(outcome.parcours),
             datetime.now().isoformat(timespec="seconds"), demandeur_id],
        )  # fmt: skip
        details = {"proposals": [x.value for x in outcome.proposals],
                   "warnings": list(outcome.warnings)}  # fmt: skip
        if motif is not None:
            details["motif"] = motif.value
        self._event(demandeur_id, on, action.value, label, details)
        self._journal("etape", demandeur_id, action.value)
        return outcome

    def ajouter_note(self, demandeur_id: int, texte: str) -> None:
        """Add a working note; one that looks financial is refused (rgpd.ContenuFinancier,
        with the convention's sentence) so the person rephrases it."""
        self._lire(demandeur_id)
        if not texte.strip():
            raise BinomeError("Une note vide n'est pas enregistrée.")
        rgpd.verifier_textes({"texte": texte})

        def write() -> None:
            self.db.execute(
                "INSERT INTO notes(demandeur_id, cote, auteur_id, date, texte) "
                "VALUES (?, ?, ?, ?, ?)",
                [demandeur_id, self.profil.cote, self.profil.id, self.clock().isoformat(),
                 texte.strip()],
            )  # fmt: skip
            self._journal("note", demandeur_id)

        retrying(self.db, write)

    # -- internals -----------------------------------------------------------------------------
    def _journal(self, action: str, demandeur_id: int, details: str = "") -> None:
        rgpd.journaliser(self.db, self.profil.id, action, demandeur_id, canal=self.canal,
                         details=details)  # fmt: skip

    def _parcours_columns(self, p: P.Parcours) -> list:
        deadline = P.next_deadline(p)
        return [
            parcours_to_json(p),
            p.etat.value,
            p.axe.value if p.axe else None,
            deadline.due.isoformat() if deadline else None,
        ]

    def _event(self, demandeur_id: int, on: date, action: str, libelle: str, details: dict):
        self.db.execute(
            "INSERT INTO evenements(demandeur_id, date, action, libelle, details, auteur_id, "
            "cree_le) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [demandeur_id, on.isoformat(), action, libelle, json.dumps(details, ensure_ascii=False),
             self.profil.id, datetime.now().isoformat(timespec="seconds")],
        )  # fmt: skip
