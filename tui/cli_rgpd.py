"""``binome rgpd …``: the journal of access, the person's rights (access, erasure, limitation),
retention and purge — for an administrateur (``caseload.acces.require(acteur, "rgpd")``)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from ressources.errors import BinomeError
from ressources.text import counted
from tui.cli_common import demandeur_id, iso_day

CANAL = "cli"


def _count(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"nombre entier attendu, pas « {text} »") from None


def register(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "rgpd",
        parents=[common],
        help="données personnelles : journal, droits, purge (admin.)",
        description="Données personnelles (RGPD, avenant article 6, fiche de liaison annexe 4) : "
        "journal des accès, droit d'accès, effacement, limitation, conservation et purge. "
        "Réservé à un administrateur (binome --user IDENTIFIANT rgpd …).",
    )
    rsub = p.add_subparsers(dest="rgpd_command", metavar="ACTION", title="actions")
    rsub.required = True
    j = rsub.add_parser("journal", parents=[common], help="qui a consulté ou modifié quoi")
    j.add_argument("demandeur", nargs="?", type=demandeur_id, metavar="DEMANDEUR")
    j.add_argument("--json", action="store_true", help="sortie JSON")
    a = rsub.add_parser(
        "acces", parents=[common], help="tout ce que la base détient sur une personne"
    )
    a.add_argument("demandeur", type=demandeur_id, metavar="DEMANDEUR")
    a.add_argument("--json", action="store_true", help="sortie JSON (sinon document lisible)")
    a.add_argument("--sortie", type=Path, metavar="FICHIER", help="écrire dans ce fichier")
    e = rsub.add_parser(
        "effacer", parents=[common], help="efface une personne (sans --confirmer : aperçu)"
    )
    e.add_argument("demandeur", type=demandeur_id, metavar="DEMANDEUR")
    e.add_argument("--confirmer", action="store_true", help="effacer pour de bon")
    lim = rsub.add_parser(
        "limiter", parents=[common], help="gèle et masque un dossier (--lever pour l'enlever)"
    )
    lim.add_argument("demandeur", type=demandeur_id, metavar="DEMANDEUR")
    lim.add_argument("--lever", action="store_true", help="lever la limitation")
    ls = rsub.add_parser("limites", parents=[common], help="les dossiers limités")
    ls.add_argument("--json", action="store_true", help="sortie JSON")
    pg = rsub.add_parser("purge", parents=[common], help="dossiers dont la conservation est échue")
    mode = pg.add_mutually_exclusive_group(required=True)
    mode.add_argument("--apercu", action="store_true", help="liste sans rien effacer")
    mode.add_argument("--confirmer", action="store_true", help="efface ces dossiers")
    c = rsub.add_parser("conservation", parents=[common], help="durée de conservation")
    c.add_argument("--fin-convention", type=iso_day, metavar="AAAA-MM-JJ")
    c.add_argument("--delai-ans", type=_count, metavar="N", help="après la fin (10 au plus)")
    c.add_argument(
        "--delai-apres-sortie-mois",
        type=_count,
        metavar="N",
        help="délai plus court après la fin d'un parcours (0 : aucun)",
    )


def run(args: argparse.Namespace) -> int:
    from caseload import rgpd
    from tui.cli_common import acting_profile, open_base

    db = open_base(args)
    actor = acting_profile(db, args)
    if actor is None:
        raise BinomeError(
            "Indiquez votre profil d'administrateur : binome --user IDENTIFIANT rgpd …"
        )
    command = args.rgpd_command
    today = date.today()
    if command == "journal":
        rows = rgpd.journal(db, actor, args.demandeur, canal=CANAL)
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=1))
        elif not rows:
            print("Journal vide.")
        for r in [] if args.json else rows:
            who = f"{r['acteur'] or '—'}"
            dem = f"demandeur {r['demandeur']}" if r["demandeur"] else "—"
            details = rgpd.details_label(r["action"], r["details"])
            extra = f" ({details})" if details else ""
            print(
                f"{r['quand'].replace('T', ' ')}  {who:<20} {dem:<16} {r['libelle']}{extra} "
                f"[{r['canal']}]"
            )
        return 0
    if command == "acces":
        data = rgpd.right_of_access(db, actor, args.demandeur, canal=CANAL)
        text = (
            json.dumps(data, ensure_ascii=False, indent=1)
            if args.json
            else rgpd.access_document(data)
        )
        if args.sortie:
            from ressources.db import database_path
            from ressources.files import regular_file

            # Everything held on a person: a regular file, readable by its owner only.
            with regular_file(Path(args.sortie), private=True, base=database_path(db)) as stream:
                stream.write(text + "\n")
            print(f"Droit d'accès du demandeur {args.demandeur} écrit dans {args.sortie}")
        else:
            print(text)
        return 0
    if command == "effacer":
        if not args.confirmer:
            a = rgpd.erasure_preview(db, actor, args.demandeur)
            print(
                f"Seraient effacés : le dossier {a.demandeur} ({a.nom}, {a.etat}), sa fiche "
                f"de liaison, son parcours, {counted(a.evenements, 'événement')} et "
                f"{counted(a.notes, 'note')}."
            )
            print("Le journal garde le numéro seul ; les indicateurs gardent des comptes anonymes.")
            print("Rien n'a été effacé : ajoutez --confirmer pour effacer.")
            return 0
        a = rgpd.erase(db, actor, args.demandeur, today=today, canal=CANAL)
        print(
            f"Dossier {a.demandeur} effacé ({counted(a.evenements, 'événement')}, "
            f"{counted(a.notes, 'note')})."
        )
        return 0
    if command == "limiter":
        rgpd.restrict_file(db, actor, args.demandeur, lever=args.lever, canal=CANAL)
        if args.lever:
            print(f"Limitation levée : le dossier {args.demandeur} est de nouveau traité.")
        else:
            print(
                f"Dossier {args.demandeur} limité : gelé, masqué des listes, visible d'un "
                "administrateur seulement (rgpd limiter --lever pour lever)."
            )
        return 0
    if command == "limites":
        rows = rgpd.restricted_files(db, actor)
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=1))
            return 0
        if not rows:
            print("Aucun dossier limité.")
        for r in rows:
            since = r["limite_le"][:10]
            print(f"  {r['id']:>6}  {r['nom']} {r['prenom']:<24} limité depuis le {since}")
        return 0
    if command == "purge":
        if args.apercu:
            due = rgpd.purge_preview(db, actor, today)
            print(rgpd.retention(db).description())
            if not due:
                print("Aucun dossier n'a dépassé sa durée de conservation.")
            for a in due:
                print(f"  {a.demandeur:>6}  {a.nom:<30} {a.etat:<20} {a.raison}")
            if due:
                print(f"{counted(len(due), 'dossier')} à purger : binome rgpd purge --confirmer")
            return 0
        erased = rgpd.purge(db, actor, today, canal=CANAL)
        print(f"{counted(len(erased), 'dossier purgé', 'dossiers purgés')}.")
        return 0
    # conservation
    if (
        args.fin_convention is None
        and args.delai_ans is None
        and (args.delai_apres_sortie_mois is None)
    ):
        from caseload.acces import require

        require(actor, "rgpd")
        print(rgpd.retention(db).description())
        return 0
    regle = rgpd.set_retention(
        db,
        actor,
        fin_convention=args.fin_convention,
        delai_ans=args.delai_ans,
        delai_apres_sortie_mois=args.delai_apres_sortie_mois,
        canal=CANAL,
    )
    print("Conservation réglée. " + regle.description())
    return 0
