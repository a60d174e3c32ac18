"""The territory of the Accompagnement Global: MDS, sites de proximité, ASS sectors.

"Who is the right ASS for this commune?" — from whatever a person types, the MDS, the site,
the ASS covering it and each one's current load; when the demandeur is not known to the
MDS, the responsable picks the ASS: the lightest load in the sector is proposed.

Convention, annexe 1, axe 2, §2: « Si le demandeur d’emploi n’est pas connu des services
sociaux du département, le responsable de la maison départementale des solidarités du lieu
d’habitation du demandeur d'emploi recherchera le travailleur social approprié. »
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlite_utils import Database

from caseload.acces import Profil, may
from ressources.db import retrying
from ressources.errors import AccessDenied, BinomeError, InvalidFields
from ressources.gazetteer import Commune, Gazetteer

MONTAUBAN = "82121"
# Demandeurs whose parcours is still open count in an ASS's load.
OPEN_STATES = ("prescrit", "diagnostic-valide", "en-accompagnement", "periode-essai")


@dataclass(frozen=True)
class Site:
    id: str
    mds: str
    nom: str
    code_insee: str


@dataclass(frozen=True)
class Mds:
    slug: str
    nom: str


def site_label(mds: Mds, site: Site) -> str:
    """A site named in full, as the convention's table of the MDS gives it (MDS, then
    site de proximité): « MDS de Montauban — site Labat – Centre ». Alone, the site of
    the MDS's own building is just « MDS », which says neither which nor where. Every
    screen, document and command names a site so (never « MDS de X, site Y »)."""
    return f"{mds.nom} — site {site.nom}"


@dataclass
class Ass:
    id: str
    prenom: str
    nom: str
    site_id: str
    # Open dossiers she holds; None where the viewer may not see it (``Territory.secteur_for``).
    charge: int | None = 0

    @property
    def nom_complet(self) -> str:
        return f"{self.prenom} {self.nom}"


@dataclass
class Sector:
    """Where a commune (or a quartier of Montauban) belongs, and who covers it."""

    commune: Commune
    mds: Mds
    site: Site
    ass: list[Ass] = field(default_factory=list)
    quartier: str | None = None
    indicatif: bool = True
    # Montauban without its quartier: ``ass`` lists every ASS of the town, none of whom is
    # the person's until the quartier says which sector they live in.
    town_wide: bool = False

    @property
    def site_label(self) -> str:
        """The sector's site named in full (``site_label``)."""
        return site_label(self.mds, self.site)

    @property
    def proposed_ass(self) -> Ass | None:
        """The ASS with the lightest load in the sector (ties: alphabetical); none while
        the sector is not known (Montauban without its quartier)."""
        if not self.ass or self.town_wide or not self.charges_shown:
            return None
        return min(self.ass, key=lambda a: (a.charge or 0, a.nom, a.prenom))

    @property
    def charges_shown(self) -> bool:
        """Whether the ASS's loads (and so the one proposed) are part of this sector as
        shown: not to a viewer without ``charge-ass`` (``Territory.secteur_for``)."""
        return all(a.charge is not None for a in self.ass)


def may_attach_commune(profil: Profil | None, mds: str | None) -> bool:
    """Who moves a commune to another site: an administrateur, or the responsable of the MDS
    the commune belongs to now."""
    if profil is None:
        return False
    return profil.role == "administrateur" or (
        profil.role == "responsable" and mds is not None and profil.mds == mds
    )


class Territory:
    """The sectorisation of one database."""

    def __init__(self, db: Database, gazetteer: Gazetteer | None = None) -> None:
        self.db = db
        self.gazetteer = gazetteer or Gazetteer.from_db(db)
        self.mds = {r["slug"]: Mds(r["slug"], r["nom"]) for r in db.query("SELECT * FROM mds")}
        self.sites = {
            r["id"]: Site(r["id"], r["mds"], r["nom"], r["code_insee"])
            for r in db.query("SELECT * FROM sites ORDER BY mds, nom")
        }
        self.quartiers = {
            r["slug"]: (r["nom"], r["site_id"])
            for r in db.query("SELECT * FROM quartiers ORDER BY nom")
        }

    def site_label(self, site: Site) -> str:
        """*site* named in full, with its MDS (the module's ``site_label``)."""
        return site_label(self.mds[site.mds], site)

    def charges(self) -> dict[str, int]:
        marks = ",".join("?" for _ in OPEN_STATES)
        return {
            r[0]: r[1]
            for r in self.db.execute(
                f"SELECT ass_id, count(*) FROM demandeurs WHERE etat IN ({marks}) "
                "AND ass_id IS NOT NULL GROUP BY ass_id",
                OPEN_STATES,
            )
        }

    def secteur_for(
        self, viewer: Profil | None, commune: Commune | str, quartier: str | None = None
    ) -> Sector:
        """The sector as *viewer* may see it: without the ASS's loads, nor the one they make
        proposed, unless ``acces.may(viewer, "charge-ass")`` (acces.PERMISSIONS)."""
        secteur = self.secteur(commune, quartier)
        if may(viewer, "charge-ass"):
            return secteur
        return replace(secteur, ass=[replace(a, charge=None) for a in secteur.ass])

    def check_quartier(self, code_insee: str, quartier: str | None) -> None:
        """A quartier given with a commune (a fiche, a command line): one of Montauban's, and
        only with Montauban; else :class:`InvalidFields` on ``quartier``, in French. Before,
        « moissac --quartier sapiac » answered Montauban's site, and a slug nobody knew the
        whole town's ASS, as if the quartier had been left out."""
        if not quartier:
            return
        if code_insee != MONTAUBAN:
            commune = self.gazetteer.get(code_insee)
            raise InvalidFields(
                {
                    "quartier": f"Seule Montauban est découpée en quartiers : « {quartier} » "
                    f"ne s'applique pas à {commune.nom if commune else code_insee}."
                }
            )
        if quartier not in self.quartiers:
            raise InvalidFields(
                {
                    "quartier": f"Quartier de Montauban inconnu : « {quartier} ». Quartiers : "
                    + ", ".join(sorted(self.quartiers))
                    + "."
                }
            )

    def secteur(self, commune: Commune | str, quartier: str | None = None) -> Sector:
        """The MDS, site and ASS of a commune (inside Montauban, of a quartier if given; a
        quartier elsewhere is no part of the address that sectorises: ``check_quartier``
        refuses it where it is typed)."""
        if isinstance(commune, str):
            commune = self.gazetteer.resolve(commune)
        if commune.code_insee != MONTAUBAN:
            quartier = None
        row = self.db.execute(
            "SELECT site_id, indicatif FROM commune_secteurs WHERE code_insee = ?",
            [commune.code_insee],
        ).fetchone()
        if row is None:
            raise BinomeError(
                f"{commune.nom} n'est rattachée à aucune MDS : la sectorisation est à compléter."
            )
        site = self.sites[row[0]]
        if quartier and quartier in self.quartiers:
            site = self.sites[self.quartiers[quartier][1]]
            ass_rows = self.db.execute(
                "SELECT p.id, p.prenom, p.nom, p.site_id FROM ass_secteurs s "
                "JOIN profils p ON p.id = s.ass_id WHERE s.kind = 'quartier' AND s.code = ? "
                "AND p.actif = 1 ORDER BY p.nom, p.prenom",
                [quartier],
            )
        else:
            ass_rows = self.db.execute(
                "SELECT p.id, p.prenom, p.nom, p.site_id FROM ass_secteurs s "
                "JOIN profils p ON p.id = s.ass_id WHERE s.kind = 'commune' AND s.code = ? "
                "AND p.actif = 1 ORDER BY p.nom, p.prenom",
                [commune.code_insee],
            )
        charges = self.charges()

        def listed(rows: Iterable[tuple]) -> list[Ass]:
            return [Ass(r[0], r[1], r[2], r[3], charges.get(r[0], 0)) for r in rows]

        # The ASS of a commune work at its site: a commune moved to another site (perhaps
        # another MDS) is no longer covered by its old site's ASS, but, until its new
        # responsable gives it to some of hers, by every ASS of the new site (the lightest
        # load proposed). Before, the ASS of the MDS it had left were still proposed.
        ass = listed(r for r in ass_rows if quartier or r[3] == site.id)
        if not ass and not quartier and commune.code_insee != MONTAUBAN:
            ass = listed(
                self.db.execute(
                    "SELECT id, prenom, nom, site_id FROM profils WHERE role = 'ass' "
                    "AND actif = 1 AND site_id = ? ORDER BY nom, prenom",
                    [site.id],
                )
            )
        town_wide = not ass and commune.code_insee == MONTAUBAN and not quartier
        if town_wide:
            # Montauban is split by quartier: without one, every ASS of the town's sites.
            ass = listed(
                self.db.execute(
                    "SELECT DISTINCT p.id, p.prenom, p.nom, p.site_id FROM ass_secteurs s "
                    "JOIN profils p ON p.id = s.ass_id WHERE s.kind = 'quartier' "
                    "AND p.actif = 1 ORDER BY p.nom, p.prenom"
                )
            )
        return Sector(
            commune=commune,
            mds=self.mds[site.mds],
            site=site,
            ass=ass,
            quartier=quartier,
            indicatif=bool(row[1]),
            town_wide=town_wide,
        )

    def attach_commune(
        self, code_insee: str, site_id: str, *, actor: Profil | None, now: datetime
    ) -> None:
        """A responsable MDS moves a commune of her MDS to another site (and so, maybe,
        another MDS): which responsable sees its demandeurs follows (see may_attach_commune)."""
        if site_id not in self.sites:
            raise BinomeError(f"Site inconnu : {site_id}")
        if self.gazetteer.get(code_insee) is None:
            raise BinomeError(f"Commune inconnue : {code_insee}")
        current = self.db.execute(
            "SELECT s.mds FROM commune_secteurs cs JOIN sites s ON s.id = cs.site_id "
            "WHERE cs.code_insee = ?",
            [code_insee],
        ).fetchone()
        if actor is None or not may_attach_commune(actor, current[0] if current else None):
            raise AccessDenied(
                "Seul le responsable de la MDS de cette commune (ou un administrateur) la "
                "rattache à un autre site."
            )
        by = actor.id
        retrying(
            self.db,
            lambda: self.db.execute(
                "UPDATE commune_secteurs SET site_id = ?, indicatif = 0, modifie_par = ?, "
                "modifie_le = ? WHERE code_insee = ?",
                [site_id, by, now.isoformat(timespec="seconds"), code_insee],
            ),
        )

    def set_ass_commune(self, ass_id: str, code_insee: str, *, present: bool = True) -> None:
        """Add (or remove) a commune from an ASS's sector."""
        if present:
            sql = "INSERT OR IGNORE INTO ass_secteurs(ass_id, kind, code) VALUES (?, 'commune', ?)"
        else:
            sql = "DELETE FROM ass_secteurs WHERE ass_id = ? AND kind = 'commune' AND code = ?"
        retrying(self.db, lambda: self.db.execute(sql, [ass_id, code_insee]))

    def communes_of_site(self, site_id: str) -> list[Commune]:
        codes = [
            r[0]
            for r in self.db.execute(
                "SELECT code_insee FROM commune_secteurs WHERE site_id = ?", [site_id]
            )
        ]
        return sorted(
            (c for c in (self.gazetteer.get(code) for code in codes) if c), key=lambda c: c.nom
        )
