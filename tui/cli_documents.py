"""``binome fiche-liaison`` and ``binome courrier``: the documents of a demandeur as PDF
(:mod:`caseload.documents`), for the binôme or the responsable of the MDS."""

from __future__ import annotations

import argparse
from pathlib import Path

from ressources.errors import BinomeError

COMMANDS = ("fiche-liaison", "courrier")
CANAL = "cli"


def _demandeur_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"numéro de demandeur attendu (un nombre), pas « {text} »"
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError("le numéro de demandeur est au moins 1")
    return value


def register(sub, common: argparse.ArgumentParser) -> None:
    f = sub.add_parser(
        "fiche-liaison", parents=[common], help="la fiche de liaison (annexe 4) en PDF",
        description="La fiche de liaison du demandeur (annexe 4), remplie, en PDF à imprimer "
        "ou à envoyer par Fil'R. Pour le binôme ou le responsable de la MDS.",
    )  # fmt: skip
    f.add_argument("demandeur", type=_demandeur_id, metavar="DEMANDEUR")
    f.add_argument("--pdf", type=Path, metavar="FICHIER", required=True, help="fichier PDF")
    c = sub.add_parser(
        "courrier", parents=[common], help="le courrier au demandeur (ASS et rendez-vous) en PDF",
        description="Le courrier au demandeur avec le nom de l'ASS et le rendez-vous "
        "(annexe 1, axe 2, §2), en PDF.",
    )  # fmt: skip
    c.add_argument("demandeur", type=_demandeur_id, metavar="DEMANDEUR")
    c.add_argument("--pdf", type=Path, metavar="FICHIER", required=True, help="fichier PDF")


def run(args: argparse.Namespace) -> int:
    from caseload import documents
    from caseload.store import Caseload
    from tui.cli import _open, acting_profile

    db = _open(args)
    acteur = acting_profile(db, args)
    if acteur is None:
        raise BinomeError("Indiquez votre profil : binome --user IDENTIFIANT " + args.command)
    caseload = Caseload(db, acteur, canal=CANAL)
    if args.command == "fiche-liaison":
        data = documents.fiche_liaison_pdf(caseload, args.demandeur)
        what = "Fiche de liaison"
    else:
        data = documents.courrier_pdf(caseload, args.demandeur)
        what = "Courrier"
    try:
        args.pdf.write_bytes(data)
    except OSError as exc:
        raise BinomeError(f"Impossible d'écrire {args.pdf} : {exc.strerror}.") from exc
    print(f"{what} du demandeur {args.demandeur} écrit(e) dans {args.pdf}")
    return 0
