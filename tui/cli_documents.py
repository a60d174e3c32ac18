"""``binome fiche-liaison`` and ``binome courrier``: the documents of a demandeur as PDF
(:mod:`caseload.documents`), for the binôme or the responsable of the MDS."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlite_utils import Database

from ressources.errors import BinomeError
from tui.cli_common import demandeur_id, iso_day

COMMANDS = ("fiche-liaison", "courrier", "bilan-annuel", "rendez-vous")
CANAL = "cli"


def register(sub, common: argparse.ArgumentParser) -> None:
    f = sub.add_parser(
        "fiche-liaison",
        parents=[common],
        help="la fiche de liaison (annexe 4) en PDF",
        description="La fiche de liaison du demandeur (annexe 4), remplie, en PDF à imprimer "
        "ou à envoyer par Fil'R. Pour le binôme ou le responsable de la MDS.",
    )
    f.add_argument("demandeur", type=demandeur_id, metavar="DEMANDEUR")
    f.add_argument("--pdf", type=Path, metavar="FICHIER", required=True, help="fichier PDF")
    c = sub.add_parser(
        "courrier",
        parents=[common],
        help="le courrier au demandeur (ASS et rendez-vous) en PDF",
        description="Le courrier au demandeur avec le nom de l'ASS et le rendez-vous "
        "(annexe 1, axe 2, §2), en PDF.",
    )
    c.add_argument("demandeur", type=demandeur_id, metavar="DEMANDEUR")
    c.add_argument("--pdf", type=Path, metavar="FICHIER", required=True, help="fichier PDF")
    b = sub.add_parser(
        "bilan-annuel",
        parents=[common],
        help="le bilan annuel du COPIL en PDF",
        description="Le bilan annuel de l'approche globale (avenant, article 3 : au plus tard "
        "le 30 avril de l'année suivante) : les indicateurs de l'annexe 3 et les cibles, "
        "l'année mois par mois, la carte des personnes accompagnées, le bilan qualitatif à "
        "rédiger. Pour un conseiller, un responsable MDS ou un administrateur.",
    )
    b.add_argument("--annee", type=int, required=True, metavar="AAAA")
    r = sub.add_parser(
        "rendez-vous",
        parents=[common],
        help="fixe le rendez-vous avec l'ASS (pour le courrier)",
        description="Fixe le rendez-vous du demandeur avec son ASS (annexe 1, axe 2, §2), "
        "au site de la MDS du domicile sauf --site. Pour le binôme ou le responsable de la MDS.",
    )
    r.add_argument("demandeur", type=demandeur_id, metavar="DEMANDEUR")
    r.add_argument("--jour", type=iso_day, required=True, metavar="AAAA-MM-JJ")
    r.add_argument("--heure", required=True, metavar="HH:MM")
    r.add_argument(
        "--site", metavar="SITE", help="identifiant du site (par défaut : celui du domicile)"
    )
    b.add_argument("--pdf", type=Path, metavar="FICHIER", required=True, help="fichier PDF")


def run(args: argparse.Namespace) -> int:
    from caseload import documents
    from caseload.store import Caseload
    from tui.cli_common import acting_profile, open_base

    db = open_base(args)
    actor = acting_profile(db, args)
    if actor is None:
        raise BinomeError("Indiquez votre profil : binome --user IDENTIFIANT " + args.command)
    if args.command == "bilan-annuel":
        from datetime import date

        from caseload.bilan_annuel import bilan_annuel_pdf
        from caseload.indicateurs import Period

        Period.of(args.annee)  # a French message for an impossible year
        content = bilan_annuel_pdf(db, args.annee, actor=actor, today=date.today())
        _write(args.pdf, content, db)
        print(f"Bilan annuel {args.annee} écrit dans {args.pdf}")
        return 0
    caseload = Caseload(db, actor, canal=CANAL)
    if args.command == "rendez-vous":
        from caseload import parcours

        d = caseload.get(args.demandeur)
        site = args.site or caseload.secteur(d).site.id
        caseload.set_rendez_vous(d.id, parcours.RendezVous(args.jour, args.heure, site))
        where = caseload.territoire.site_label(caseload.territoire.sites[site])
        print(
            f"Rendez-vous du demandeur {d.id} avec l'ASS le {args.jour:%d/%m/%Y} à "
            f"{args.heure} ({where})"
        )
        print(f"Le courrier : binome courrier {d.id} --pdf FICHIER")
        return 0
    if args.command == "fiche-liaison":
        data = documents.fiche_liaison_pdf(caseload, args.demandeur)
        what = "Fiche de liaison du demandeur {} écrite"
    else:
        data = documents.courrier_pdf(caseload, args.demandeur)
        what = "Courrier au demandeur {} écrit"
    _write(args.pdf, data, db)
    print(f"{what.format(args.demandeur)} dans {args.pdf}")
    return 0


def _write(path: Path, data: bytes, db: Database) -> None:
    """A demandeur's document is personal data: owner-only (0600), as every copy Binôme
    writes, and only a regular file is written (never through a symbolic link, never over
    the base)."""
    from ressources.db import database_path
    from ressources.files import regular_file

    with regular_file(path, mode="wb", private=True, base=database_path(db)) as stream:
        stream.write(data)
