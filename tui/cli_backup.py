"""``binome sauvegarde FICHIER`` and ``binome restaurer FICHIER`` (administrateurs)."""

from __future__ import annotations

import argparse
from pathlib import Path

COMMANDS = ("sauvegarde", "restaurer")


def register(sub, common: argparse.ArgumentParser) -> None:
    p_save = sub.add_parser(
        "sauvegarde",
        parents=[common],
        help="copie cohérente de la base (administrateur)",
        description="Copie la base dans FICHIER, de façon cohérente même pendant que d'autres "
        "personnes l'utilisent (API de sauvegarde de SQLite). Un « cp » de la base en service "
        "peut manquer des enregistrements : utilisez cette commande (cron chaque nuit).",
    )
    p_save.add_argument("fichier", metavar="FICHIER", type=Path)
    p_restore = sub.add_parser(
        "restaurer",
        parents=[common],
        help="remet une sauvegarde en place (administrateur)",
        description="Vérifie FICHIER (base Binôme, version connue, intégrité) puis le remet "
        "en place ; la base actuelle est gardée à côté (suffixe .avant-restauration).",
    )
    p_restore.add_argument("fichier", metavar="FICHIER", type=Path)


def run(args: argparse.Namespace) -> int:
    from caseload import rgpd
    from caseload.acces import refuse_demo_over_real, require
    from caseload.database import MIGRATION_SETS
    from ressources.backup import make_backup, restore_backup
    from ressources.text import counted
    from seed.loader import open_seeded_database
    from tui.cli_common import acting_profile, db_path

    db = open_seeded_database(db_path(args))
    try:
        actor = acting_profile(db, args)
        require(actor, args.command)
        if args.command == "sauvegarde":
            done = make_backup(db, args.fichier)
            print(
                f"Sauvegarde écrite : {done.path} ({done.services} services, "
                f"{done.octets // 1024} Kio)."
            )
            return 0
        refuse_demo_over_real(db, args.fichier)
        erased = rgpd.erased_demandeurs(db)
        services, kept = restore_backup(db, args.fichier, MIGRATION_SETS)
    finally:
        db.close()
    # The restored base may come from an earlier version: migrated now, not at next start.
    db = open_seeded_database(db_path(args))
    try:
        again = rgpd.erase_again_after_restore(db, actor, erased, canal="cli")
    finally:
        db.close()
    print(f"Base restaurée depuis {args.fichier} ({services} services).")
    if again:
        print(
            f"{counted(again, 'personne effacée', 'personnes effacées')} depuis cette "
            f"sauvegarde : {'effacées' if again > 1 else 'effacée'} à nouveau."
        )
    print(
        f"L'ancienne base est gardée dans {kept} (lisible par vous seul ; supprimez-la "
        "quand la restauration est vérifiée)."
    )
    return 0
