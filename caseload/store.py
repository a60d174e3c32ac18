"""Demandeurs, their fiche de liaison and their parcours, stored — with access checks.

Every read and write goes through a :class:`Caseload` bound to the current profile, so
the visibility rules of :mod:`caseload.acces` hold whatever screen or command asks.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime

from sqlite_utils import Database

from caseload import parcours, rgpd
from caseload.acces import Profil, can_act, visibility_clause
from caseload.fiche import DECISIONS, Fiche, validate
from caseload.rows import (
    FICHE_COLUMNS,
    fiche_values,
    parcours_from_json,
    parcours_to_json,
    row_to_fiche,
)
from caseload.territoire import Sector, Territory
from ressources.db import retrying
from ressources.errors import AccessDenied, BinomeError, EditConflict
from ressources.gazetteer import Gazetteer


# -- records ---------------------------------------------------------------------------------
@dataclass
class Demandeur:
    id: int
    conseiller_id: str
    ass_id: str | None
    fiche: Fiche
    parcours: parcours.Parcours
    demo: bool = False
    # Bumped by every save of the fiche or the parcours: a form compares the version it
    # opened with the stored one (compare-and-set, see Caseload.update_fiche).
    version: int = 1

    @property
    def nom_complet(self) -> str:
        return f"{self.fiche.nom} {self.fiche.prenom}"


@dataclass
class PortefeuilleRow:
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
    alerts: list[parcours.Alert] = field(default_factory=list)


@dataclass
class Event:
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


@dataclass
class CommuneChange:
    """The address moved to a commune of another MDS: the new MDS and the proposed ASS."""

    old: Sector
    new: Sector

    @property
    def message(self) -> str:
        proposee = self.new.proposed_ass
        qui = f" ; ASS proposée : {proposee.nom_complet}" if proposee else ""
        return (
            f"{self.new.commune.nom} relève de la {self.new.site_label}, "
            f"et non plus de la {self.old.mds.nom}{qui}."
        )


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
        self.territoire = Territory(db, self.gazetteer)

    # -- reading -----------------------------------------------------------------------------
    def portefeuille(self, *, open_only: bool = False) -> list[PortefeuilleRow]:
        clause, params = visibility_clause(self.profil)
        extra = (
            " AND d.etat IN ('prescrit', 'diagnostic-valide', 'en-accompagnement', 'periode-essai')"
            if open_only
            else ""
        )
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
            p = parcours_from_json(r["parcours"])
            lignes.append(
                PortefeuilleRow(
                    id=r["id"],
                    nom=r["nom"],
                    prenom=r["prenom"],
                    commune=r["commune"],
                    code_insee=r["code_insee"],
                    etat=r["etat"],
                    axe=r["axe"],
                    prochaine_echeance=r["prochaine_echeance"],
                    conseiller=r["conseiller"],
                    ass=r["ass"],
                    mds=r["mds"],
                    alerts=parcours.alerts(p, today, sans_ass=r["ass"] is None),
                )
            )
        return lignes

    def get(self, demandeur_id: int) -> Demandeur:
        """Open one demandeur's file; the reading is written in the journal."""
        found = self._read(demandeur_id)
        retrying(self.db, lambda: self._journal("consultation", demandeur_id))
        return found

    def _read(self, demandeur_id: int) -> Demandeur:
        clause, params = visibility_clause(self.profil)
        rows = list(
            self.db.query(
                f"SELECT d.* FROM demandeurs d WHERE d.id = ? AND {clause}",
                [demandeur_id, *params],
            )
        )
        if not rows:
            raise AccessDenied("Ce demandeur n'existe pas ou ne fait pas partie de vos dossiers.")
        row = rows[0]
        if row["limite_le"]:
            raise rgpd.RestrictedFile()
        return Demandeur(
            id=row["id"],
            conseiller_id=row["conseiller_id"],
            ass_id=row["ass_id"],
            fiche=row_to_fiche(row),
            parcours=parcours_from_json(row["parcours"]),
            demo=bool(row["demo"]),
            version=int(row.get("version") or 1),
        )

    def timeline(self, demandeur_id: int) -> list[Event]:
        self._read(demandeur_id)
        return [
            Event(r["date"], r["action"], _as_fact(r["action"], r["libelle"]), r["auteur"])
            for r in self.db.query(
                "SELECT e.date, e.action, e.libelle, p.prenom || ' ' || p.nom AS auteur "
                "FROM evenements e LEFT JOIN profils p ON p.id = e.auteur_id "
                "WHERE e.demandeur_id = ? ORDER BY e.date, e.id",
                [demandeur_id],
            )
        ]

    def notes(self, demandeur_id: int) -> list[Note]:
        """This side's working notes only."""
        self._read(demandeur_id)
        return [
            Note(r["id"], r["date"], r["auteur"], r["texte"])
            for r in self.db.query(
                "SELECT n.id, n.date, n.texte, p.prenom || ' ' || p.nom AS auteur FROM notes n "
                "LEFT JOIN profils p ON p.id = n.auteur_id "
                "WHERE n.demandeur_id = ? AND n.cote = ? ORDER BY n.date, n.id",
                [demandeur_id, self.profil.side],
            )
        ]

    def secteur(self, demandeur: Demandeur) -> Sector:
        return self.territoire.secteur(demandeur.fiche.code_insee, demandeur.fiche.quartier)

    # -- writing -----------------------------------------------------------------------------
    def create(
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
            raise AccessDenied("Seuls un conseiller, un(e) ASS ou un responsable MDS prescrivent.")
        fiche = validate(data, gazetteer=self.gazetteer, today=self.clock())
        self.territoire.check_quartier(fiche.code_insee, fiche.quartier)
        rgpd.check_free_texts({k: getattr(fiche, k) for k in rgpd.FICHE_FREE_TEXT})
        conseiller_id = conseiller_id or (
            self.profil.id if self.profil.role == "conseiller" else None
        )
        if conseiller_id is None:
            raise BinomeError("Indiquez le conseiller France Travail du demandeur.")
        if prescription > self.clock():
            raise BinomeError("La date de prescription ne peut pas être dans le futur.")
        p = parcours.Parcours(
            prescription=prescription, origine=parcours.Origin(fiche.initiateur), brsa=fiche.brsa
        )
        now = datetime.now().isoformat(timespec="seconds")

        def write() -> int:
            cursor = self.db.execute(
                f"INSERT INTO demandeurs (id, conseiller_id, ass_id, {', '.join(FICHE_COLUMNS)}, "
                "parcours, etat, axe, prochaine_echeance, cree_le, modifie_le, demo) VALUES "
                f"({rgpd.NEXT_DEMANDEUR_ID}, ?, ?, {', '.join('?' for _ in FICHE_COLUMNS)}, "
                "?, ?, ?, ?, ?, ?, ?)",
                [
                    conseiller_id,
                    ass_id,
                    *fiche_values(fiche).values(),
                    *self._parcours_columns(p),
                    now,
                    now,
                    int(demo),
                ],
            )
            new_id = cursor.lastrowid
            assert new_id is not None  # set by the INSERT
            self._event(new_id, prescription, "prescription", "Prescription", {})
            self._journal("creation", new_id)
            return int(new_id)

        return retrying(self.db, write)

    def update_fiche(
        self, demandeur_id: int, changes: dict, *, opened: Demandeur | None = None
    ) -> CommuneChange | None:
        """Update the fiche; if the commune moves to another MDS, say so and propose the new
        MDS and ASS (the ASS is not changed without the responsable).

        *ouverte*: the demandeur as the form read it. The check and the write are one write
        transaction: if someone saved the fiche since, the fields changed here are applied
        onto theirs, and a field both changed (to different values) raises EditConflict."""
        if self.profil.role == "administrateur":
            raise AccessDenied("Un administrateur ne modifie pas les fiches de liaison.")
        return retrying(self.db, lambda: self._update_fiche(demandeur_id, changes, opened))

    def _update_fiche(
        self, demandeur_id: int, changes: dict, opened: Demandeur | None
    ) -> CommuneChange | None:
        current = self._read(demandeur_id)
        if opened is None or opened.version == current.version:
            data = {**asdict(current.fiche), **changes}
        else:
            base = asdict(opened.fiche)
            mine = asdict(
                validate({**base, **changes}, gazetteer=self.gazetteer, today=self.clock())
            )
            theirs = asdict(current.fiche)
            changed = {k for k in mine if mine[k] != base[k]}
            clash = sorted(k for k in changed if theirs[k] != base[k] and theirs[k] != mine[k])
            if clash:
                raise EditConflict(
                    "Cette fiche de liaison a été modifiée par quelqu'un d'autre depuis son "
                    f"ouverture ({', '.join(clash)}) : rien n'a été écrasé. Fermez-la et "
                    "rouvrez-la pour voir ses changements ; votre saisie reste dans le "
                    "formulaire.",
                    clash,
                )
            data = {**theirs, **{k: mine[k] for k in changed}}
        fiche = validate(data, gazetteer=self.gazetteer, today=self.clock())
        values = fiche_values(fiche)
        old = fiche_values(current.fiche)
        changed_fields = sorted(k for k in values if values[k] != old[k])
        rgpd.check_free_texts({k: values[k] for k in rgpd.FICHE_FREE_TEXT if k in changed_fields})
        self.territoire.check_quartier(fiche.code_insee, fiche.quartier)
        before = self.territoire.secteur(current.fiche.code_insee, current.fiche.quartier)
        after = self.territoire.secteur(fiche.code_insee, fiche.quartier)
        self.db.execute(
            f"UPDATE demandeurs SET {', '.join(f'{k} = ?' for k in values)}, "
            "modifie_le = ?, version = version + 1 WHERE id = ?",
            [*values.values(), datetime.now().isoformat(timespec="seconds"), demandeur_id],
        )
        # The BRSA box and the initiating party are the parcours' too (its proposals, the
        # indicators' sides): a change of the fiche flows to it.
        p = current.parcours
        flowed = replace(p, brsa=fiche.brsa, origine=parcours.Origin(fiche.initiateur))
        if flowed != p:
            self.db.execute(
                "UPDATE demandeurs SET parcours = ?, etat = ?, axe = ?, prochaine_echeance = ? "
                "WHERE id = ?",
                [*self._parcours_columns(flowed), demandeur_id],
            )
            if flowed.brsa != p.brsa:
                self._event(
                    demandeur_id,
                    self.clock(),
                    "brsa",
                    "Bénéficiaire du RSA" if fiche.brsa else "N'est plus bénéficiaire du RSA",
                    {},
                )
            if flowed.origine != p.origine:
                self._event(
                    demandeur_id,
                    self.clock(),
                    "initiateur",
                    f"Partie initiant la demande : {flowed.origine.label}",
                    {},
                )
        if fiche.code_insee != current.fiche.code_insee:
            self._event(
                demandeur_id, self.clock(), "adresse", f"Nouvelle adresse : {after.commune.nom}", {}
            )
        # The names of the fields changed, never their values.
        self._journal("modification-fiche", demandeur_id, ", ".join(changed_fields))
        if after.mds.slug != before.mds.slug:
            return CommuneChange(before, after)
        return None

    def assign_ass(self, demandeur_id: int, ass_id: str, *, raison: str = "") -> None:
        """The responsable MDS (or the binôme) names the ASS: one of the MDS of the person's
        home (parcours.ASS_OF_THE_MDS); another MDS's ASS only with a reason, which is recorded."""
        retrying(self.db, lambda: self._assign_ass(demandeur_id, ass_id, raison))

    def _assign_ass(self, demandeur_id: int, ass_id: str, raison: str) -> None:
        current = self._read(demandeur_id)
        if self.profil.role not in ("responsable", "conseiller", "ass"):
            raise AccessDenied("Seul un responsable MDS ou le binôme désigne l'ASS.")
        row = self.db.execute(
            "SELECT prenom || ' ' || nom FROM profils WHERE id = ? AND role = 'ass' AND actif = 1",
            [ass_id],
        ).fetchone()
        if row is None:
            raise BinomeError(f"ASS inconnue : {ass_id}")
        raison = raison.strip()
        details: dict = {}
        secteur = self.secteur(current)
        ass_mds = self.mds_of_ass(ass_id)
        if ass_mds != secteur.mds.slug:
            if not raison:
                autre = self.territoire.mds.get(ass_mds or "")
                raise parcours.RuleViolation(
                    "ASS_OF_THE_MDS",
                    f"Désignation refusée : {row[0]} est ASS "
                    f"{'de la ' + autre.nom if autre else 'd’une autre MDS'}, et le demandeur "
                    "habite "
                    f"{secteur.commune.nom} ({secteur.mds.nom}). Donnez la raison d'une ASS "
                    "d'une autre MDS pour la désigner.",
                )
            rgpd.check_free_texts({"raison": raison})
            details["raison_hors_mds"] = raison
        self.db.execute(
            "UPDATE demandeurs SET ass_id = ?, version = version + 1 WHERE id = ?",
            [ass_id, current.id],
        )
        libelle = f"ASS désignée : {row[0]}"
        if raison and details:
            libelle += f" (hors MDS du domicile : {raison})"
        self._event(current.id, self.clock(), "ass", libelle, details)
        self._journal("designation-ass", current.id)

    def set_rendez_vous(self, demandeur_id: int, rdv: parcours.RendezVous) -> None:
        """parcours.RDV_COURRIER: the responsable of the MDS (or the binôme) sets the rendez-vous
        with the named ASS; the courrier to the demandeur is then produced (caseload.documents)."""
        retrying(self.db, lambda: self._set_rendez_vous(demandeur_id, rdv))

    def check_rendez_vous(self, demandeur_id: int) -> None:
        """Whether this profile may set this person's rendez-vous now, whatever its day:
        raises what `set_rendez_vous` would (AccessDenied, RuleViolation), so that the
        screen says it before the form is filled."""
        self._may_set_rendez_vous(self._read(demandeur_id))

    def _may_set_rendez_vous(self, current: Demandeur) -> None:
        secteur = self.secteur(current)
        binome = can_act(self.profil, current.conseiller_id, current.ass_id)
        responsable = self.profil.role == "responsable" and self.profil.mds == secteur.mds.slug
        if not (binome or responsable):
            raise AccessDenied("Seuls le binôme et le responsable de la MDS fixent le rendez-vous.")
        if current.ass_id is None:
            raise parcours.RuleViolation(
                "RDV_COURRIER", "Rendez-vous refusé : désignez d'abord l'ASS (nom du courrier)."
            )
        parcours.check_rendez_vous_state(current.parcours)

    def _set_rendez_vous(self, demandeur_id: int, rdv: parcours.RendezVous) -> None:
        current = self._read(demandeur_id)
        self._may_set_rendez_vous(current)
        site = self.territoire.sites.get(rdv.site_id)
        if site is None:
            raise BinomeError(f"Site inconnu : {rdv.site_id}.")
        p = parcours.set_rendez_vous(current.parcours, self.clock(), rdv)
        self.db.execute(
            "UPDATE demandeurs SET parcours = ?, etat = ?, axe = ?, prochaine_echeance = ?, "
            "version = version + 1 WHERE id = ?",
            [*self._parcours_columns(p), demandeur_id],
        )
        self._event(
            demandeur_id,
            self.clock(),
            "rendez-vous",
            f"Rendez-vous avec l'ASS le {rdv.jour:%d/%m/%Y} à {rdv.heure} "
            f"({self.territoire.site_label(site)})",
            {},
        )
        self._journal("rendez-vous", demandeur_id)

    def mds_of_ass(self, ass_id: str) -> str | None:
        """The MDS an ASS works in (her site's, else her profile's)."""
        row = self.db.execute("SELECT site_id, mds FROM profils WHERE id = ?", [ass_id]).fetchone()
        if row is None:
            return None
        site = self.territoire.sites.get(row[0] or "")
        return site.mds if site else row[1]

    def _require_ass_of_secteur(self, current: Demandeur, what: str) -> None:
        """ASS_IN_THE_DIAGNOSTIC and ASS_OF_THE_MDS: the binôme has an ASS, of the MDS of the
        person's home (or one named with a recorded reason)."""
        if current.ass_id is None:
            raise parcours.RuleViolation(
                "ASS_IN_THE_DIAGNOSTIC",
                f"{what} est refusée : aucune ASS n'est désignée (le responsable de la MDS "
                "du domicile la désigne).",
            )
        secteur = self.secteur(current)
        if self.mds_of_ass(current.ass_id) == secteur.mds.slug:
            return
        row = self.db.execute(
            "SELECT details FROM evenements WHERE demandeur_id = ? AND action = 'ass' "
            "ORDER BY id DESC LIMIT 1",
            [current.id],
        ).fetchone()
        if row and json.loads(row[0] or "{}").get("raison_hors_mds"):
            return
        raise parcours.RuleViolation(
            "ASS_OF_THE_MDS",
            f"{what} est refusée : l'ASS désignée n'est pas de la {secteur.mds.nom}, MDS du "
            f"domicile ({secteur.commune.nom}).",
        )

    def apply(
        self, demandeur_id: int, action: parcours.Action, on: date, **options
    ) -> parcours.Outcome:
        """Record a step of the parcours; the rules of :mod:`caseload.parcours` decide, on
        the parcours as stored when the step is written (read in the write transaction: two
        steps recorded at once are both applied, in turn, or the second is refused)."""
        return retrying(self.db, lambda: self._apply_step(demandeur_id, action, on, options))

    def _apply_step(
        self, demandeur_id: int, action: parcours.Action, on: date, options
    ) -> parcours.Outcome:
        current = self._read(demandeur_id)
        if not can_act(self.profil, current.conseiller_id, current.ass_id):
            raise AccessDenied("Seuls le conseiller et l'ASS du binôme font avancer le parcours.")
        if on > self.clock():
            raise BinomeError("Une étape du parcours ne peut pas être datée dans le futur.")
        if not parcours.step_allowed_for(action, self.profil.role):
            qui = "l'ASS" if parcours.STEP_ROLES[action][0] == "ass" else "le conseiller"
            raise AccessDenied(f"« {action.label} » : c'est {qui} du binôme qui l'enregistre.")
        rgpd.require_consent(current.fiche, action)
        # Free text typed with a step (why it ends without entry…) is no place for money.
        rgpd.check_free_texts({k: v for k, v in options.items() if isinstance(v, str)})
        p = current.parcours
        concertation = options.get("concertation")
        parcours.check_concertation(action, on, concertation)
        if action is parcours.Action.VALIDATE_DIAGNOSTIC:
            decision = options.get("decision")
            decisions = self._decisions(current, options.get("decisions"))
            if decision is not None:
                self._require_ass_of_secteur(current, "La validation du diagnostic partagé")
                parcours.check_decisions(decision, *decisions.values())
                parcours.check_modalite(options.get("modalite"))
            outcome = parcours.validate_diagnostic(p, on, decision, options.get("modalite"))
            if options.get("decisions"):
                self.db.execute(
                    "UPDATE demandeurs SET decision_demandeur = ?, decision_conseiller = ?, "
                    "decision_ass = ? WHERE id = ?",
                    [*decisions.values(), demandeur_id],
                )
        elif action is parcours.Action.ENTER:
            self._require_ass_of_secteur(current, "L'entrée en accompagnement")
            if p.decision is not None:
                parcours.check_decisions(p.decision, *self._decisions(current, None).values())
            outcome = parcours.enter(p, on)
        elif action is parcours.Action.RECORD_RELANCE:
            outcome = parcours.record_relance(p, on)
        elif action is parcours.Action.BILAN_CONTINUE:
            outcome = parcours.record_bilan(p, on, parcours.BilanDecision.CONTINUE)
        elif action is parcours.Action.BILAN_REORIENTATION:
            outcome = parcours.record_bilan(p, on, parcours.BilanDecision.REORIENTATION)
        elif action is parcours.Action.BILAN_SORTIE:
            outcome = parcours.record_bilan(
                p,
                on,
                parcours.BilanDecision.SORTIE,
                options.get("motif"),
                options.get("fin_periode_essai"),
            )
        elif action is parcours.Action.EXIT:
            outcome = parcours.exit_with(
                p, on, options.get("motif"), options.get("fin_periode_essai")
            )
        elif action is parcours.Action.REORIENT:
            outcome = parcours.reorient(p, on, options.get("vers"))
        elif action is parcours.Action.ENTRETIEN_ASS:
            outcome = parcours.record_entretien_ass(p, on)
        elif action is parcours.Action.ABSENCE_RDV:
            outcome = parcours.record_absence(p, on)
        elif action is parcours.Action.VALIDATE_PERIODE_ESSAI:
            outcome = parcours.validate_periode_essai(p, on)
        elif action is parcours.Action.BREAK_PERIODE_ESSAI:
            outcome = parcours.break_periode_essai(p, on)
        elif action is parcours.Action.CLOSE_WITHOUT_ENTRY:
            outcome = parcours.close_without_entry(p, on, options.get("raison") or "")
        else:  # pragma: no cover - every Action is handled above
            raise BinomeError(f"Action inconnue : {action}")
        if concertation is not None:
            outcome = replace(
                outcome,
                parcours=parcours.with_concertation(
                    outcome.parcours, replace(concertation, objet=action.value)
                ),
            )
        label = action.fact
        motif = options.get("motif")
        if action is parcours.Action.REORIENT:
            vers = options.get("vers")
            label = "Réorientation vers " + (vers.label if vers else "le droit commun")
        if motif is not None:
            label += f" — {motif.label}"
        trial = outcome.parcours
        if trial.etat is parcours.State.PERIODE_ESSAI and action in (
            parcours.Action.EXIT,
            parcours.Action.BILAN_SORTIE,
        ):
            assert trial.fin_periode_essai is not None
            label += f" (période d'essai jusqu'au {trial.fin_periode_essai:%d/%m/%Y}"
            estimee = trial.fin_periode_essai_estimee
            label += ", au plus tard : fin non précisée)" if estimee else ")"
        modalite = options.get("modalite")
        if action is parcours.Action.VALIDATE_DIAGNOSTIC and modalite is not None:
            label += f" — {modalite.label}"
        if concertation is not None:
            label += (
                f" — accord des trois le {concertation.on:%d/%m/%Y} "
                f"({concertation.moyen.label.lower()})"
            )
        self.db.execute(
            "UPDATE demandeurs SET parcours = ?, etat = ?, axe = ?, prochaine_echeance = ?, "
            "modifie_le = ?, version = version + 1 WHERE id = ?",
            [
                *self._parcours_columns(outcome.parcours),
                datetime.now().isoformat(timespec="seconds"),
                demandeur_id,
            ],
        )
        details: dict[str, object] = {
            "proposals": [x.value for x in outcome.proposals],
            "warnings": list(outcome.warnings),
        }
        if motif is not None:
            details["motif"] = motif.value
        if concertation is not None:
            details["concertation"] = {
                "date": concertation.on.isoformat(),
                "moyen": concertation.moyen.value,
            }
        self._event(demandeur_id, on, action.value, label, details)
        self._journal("etape", demandeur_id, action.value)
        return outcome

    @staticmethod
    def _decisions(current: Demandeur, given: dict | None) -> dict[str, str | None]:
        """The three decisions (demandeur, conseiller, ASS): those given with the step, else
        the fiche's. Values as on the fiche: axe2, axe3, non."""
        f = current.fiche
        values = {
            "demandeur": f.decision_demandeur,
            "conseiller": f.decision_conseiller,
            "ass": f.decision_ass,
        }
        for who, value in (given or {}).items():
            if who not in values:
                raise BinomeError(f"Décision inconnue : {who}.")
            if value not in (None, "", *DECISIONS):
                raise BinomeError("Décision : axe2, axe3 ou non.")
            values[who] = value or None
        return values

    def add_note(self, demandeur_id: int, texte: str) -> None:
        """Add a working note; one that looks financial is refused (rgpd.FinancialContent,
        with the convention's sentence) so the person rephrases it."""
        self._read(demandeur_id)
        if not texte.strip():
            raise BinomeError("Une note vide n'est pas enregistrée.")
        rgpd.check_free_texts({"texte": texte})

        def write() -> None:
            self.db.execute(
                "INSERT INTO notes(demandeur_id, cote, auteur_id, date, texte) "
                "VALUES (?, ?, ?, ?, ?)",
                [
                    demandeur_id,
                    self.profil.side,
                    self.profil.id,
                    self.clock().isoformat(),
                    texte.strip(),
                ],
            )
            self._journal("note", demandeur_id)

        retrying(self.db, write)

    # -- internals -----------------------------------------------------------------------------
    def _journal(self, action: str, demandeur_id: int, details: str = "") -> None:
        rgpd.log_action(
            self.db, self.profil.id, action, demandeur_id, canal=self.canal, details=details
        )

    def _parcours_columns(self, p: parcours.Parcours) -> list:
        deadline = parcours.next_deadline(p)
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
            [
                demandeur_id,
                on.isoformat(),
                action,
                libelle,
                json.dumps(details, ensure_ascii=False),
                self.profil.id,
                datetime.now().isoformat(timespec="seconds"),
            ],
        )


def _as_fact(action: str, libelle: str) -> str:
    """A step recorded before the timeline said facts kept its offered label (« Enregistrer
    l'entrée… »): read it as the fact it is (« Entrée en accompagnement… »)."""
    try:
        step = parcours.Action(action)
    except ValueError:
        return libelle
    if libelle.startswith(step.label):
        return step.fact + libelle[len(step.label) :]
    return libelle
