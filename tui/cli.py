"""The ``binome`` command: opens the app, or runs one scriptable sub-command.

Messages are in French; errors print one line on stderr and exit non-zero, never a
traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import sqlite3
import sys
from pathlib import Path

from caseload.acces import PERMISSIONS, ROLES
from ressources.db import default_db_path, describe_sqlite_error
from ressources.errors import AmbiguousCommune, BinomeError
from ressources.text import counted, distance_text, grouped
from tui import cli_serve
from tui.cli_common import (
    EXIT_ERROR,
    EXIT_USAGE,
    LARGEST_NUMBER,
    UsageError,
    acting_profile,
    db_path,
    open_base,
)

_FRENCH = {
    "usage: ": "usage : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "affiche cette aide et quitte",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "choix invalide : %(value)r (possibles : %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "expected one argument": "une valeur est attendue",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "ambiguous option: %(option)s could match %(matches)s": (
        "option ambiguë : %(option)s (%(matches)s)"
    ),
    "one of the arguments %s is required": "l'un de ces arguments est obligatoire : %s",
    "ignored explicit argument %r": "cette option ne prend pas de valeur : %r",
    "expected at least one argument": "au moins une valeur est attendue",
    "expected at most one argument": "une valeur au plus est attendue",
    "unexpected option string: %s": "option inattendue : %s",
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
}
argparse._ = lambda text: _FRENCH.get(text, text)  # type: ignore[attr-defined]


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"nombre entier attendu, pas « {text} »") from None
    if value < 1:
        raise argparse.ArgumentTypeError("le nombre doit être au moins 1")
    if value > LARGEST_NUMBER:
        raise argparse.ArgumentTypeError(f"nombre trop grand : « {text} »")
    return value


def _positive_number(what: str, must: str):
    """An argparse type: a positive number (a French decimal comma accepted)."""

    def parse(text: str) -> float:
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} attendu, pas « {text} »") from None
        if not math.isfinite(value):  # nan, inf: float() takes them, nothing else would
            raise argparse.ArgumentTypeError(f"{what} fini attendu, pas « {text} »")
        if value <= 0:
            raise argparse.ArgumentTypeError(must)
        return value

    return parse


_distance = _positive_number("nombre", "la distance doit être positive")
_seconds = _positive_number("nombre de secondes", "le délai doit être positif")
_etp = _positive_number("nombre", "l'ETP doit être positif")


def build_parser() -> argparse.ArgumentParser:
    db_help = f"fichier de la base (défaut : variable BINOME_DB, sinon {default_db_path()})"
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="CHEMIN", help=db_help, default=argparse.SUPPRESS)

    parser = argparse.ArgumentParser(
        prog="binome",
        description=(
            "Binôme : base de ressources partenariale et suivi de l'Accompagnement Global "
            "(Tarn-et-Garonne). Sans commande, ouvre l'application."
        ),
        epilog=f"Base de données : {default_db_path()} (créée et remplie au premier lancement).",
        parents=[common],
    )
    parser.add_argument(
        "--user",
        metavar="IDENTIFIANT",
        help="profil à utiliser dans l'application (défaut : BINOME_USER, sinon le login)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", title="commandes")

    p_init = sub.add_parser(
        "init",
        parents=[common],
        help="crée et met à jour la base",
        description="Crée la base, applique les migrations et charge les données de référence.",
    )
    p_init.add_argument(
        "--sans-demo",
        action="store_true",
        help="sans les ressources de démonstration (référentiels seuls : ce dont part un "
        "département qui démarre) ; retire la démo d'une base existante",
    )

    p_search = sub.add_parser(
        "search",
        aliases=["chercher"],
        parents=[common],
        help="cherche dans la base de ressources",
        description="Cherche des ressources : fautes de frappe, accents et sigles pardonnés.",
    )
    p_search.add_argument(
        "query", nargs="*", metavar="RECHERCHE", help="mots cherchés (facultatif avec un filtre)"
    )
    p_search.add_argument("--commune", metavar="C", help="commune de la personne (nom ou code)")
    p_search.add_argument(
        "--rayon", type=_distance, metavar="KM", help="rayon autour de la commune"
    )
    p_search.add_argument("--thematique", metavar="SLUG", help="une des 22 thématiques")
    p_search.add_argument("--public", metavar="PUBLIC", help="public visé (ex. jeunes, femmes)")
    frais = p_search.add_mutually_exclusive_group()
    frais.add_argument("--gratuit", action="store_true", help="seulement les services gratuits")
    frais.add_argument("--payant", action="store_true", help="seulement les services payants")
    p_search.add_argument(
        "--limit",
        type=_positive_int,
        default=10,
        metavar="N",
        help="nombre de résultats (défaut 10)",
    )
    p_search.add_argument("--json", action="store_true", help="sortie JSON")

    p_import = sub.add_parser(
        "import",
        parents=[common],
        help="importe un fichier data·inclusion v1 (JSON ou CSV)",
        description="Importe des structures et services au format data·inclusion v1 : JSON, "
        "ou CSV (extension .csv, une ligne par service, comme l'écrit « binome export »).",
    )
    p_import.add_argument("files", nargs="+", metavar="FICHIER", type=Path)

    p_export = sub.add_parser(
        "export",
        parents=[common],
        help="exporte la base au format data·inclusion v1",
        description="Exporte la base au format data·inclusion v1 : JSON, ou CSV pour un "
        "tableur si le fichier se termine par .csv (séparateur « ; », UTF-8).",
    )
    p_export.add_argument("file", metavar="FICHIER", type=Path)

    p_sync = sub.add_parser(
        "sync",
        parents=[common],
        help="synchronise avec une API data·inclusion",
        description="Récupère les structures et services du Tarn-et-Garonne depuis une API "
        "compatible data·inclusion (URL : l'adresse qui précède /structures et /services) "
        "et les fusionne dans la base : ajouts et mises à jour, jamais de suppression ; une fiche "
        "modifiée ici depuis la dernière synchronisation est gardée (conflit signalé). "
        "Jeton d'accès : variable d'environnement DATA_INCLUSION_TOKEN.",
    )
    p_sync.add_argument(
        "url",
        metavar="URL",
        nargs="?",
        help="adresse de base de l'API (défaut : l'API nationale, "
        "https://api.data.inclusion.gouv.fr/api/v1)",
    )
    p_sync.add_argument(
        "--delai",
        type=_seconds,
        default=10.0,
        metavar="SECONDES",
        help="délai d'attente d'une réponse (défaut 10 s)",
    )
    p_sync.add_argument(
        "--essais",
        type=_positive_int,
        default=4,
        metavar="N",
        help="essais par page avant d'abandonner (défaut 4)",
    )
    p_sync.add_argument(
        "--taille",
        type=_positive_int,
        default=500,
        metavar="N",
        help="enregistrements par page (défaut 500)",
    )
    # Bounds of one sync (defaults: ressources.sync.Limits, not imported here: httpx is slow
    # to import and every command parses its arguments).
    for flag, kind, metavar, what in (
        ("--pages-max", _positive_int, "N", "pages au plus (défaut 10000)"),
        ("--octets-page-max", _positive_int, "N", "octets par page au plus (défaut 50 Mo)"),
        ("--octets-max", _positive_int, "N", "octets reçus au plus (défaut 500 Mo)"),
        ("--duree-max", _seconds, "SECONDES", "durée au plus (défaut 1800 s)"),
    ):
        p_sync.add_argument(flag, type=kind, metavar=metavar, help=what)

    sub.add_parser("thematiques", parents=[common], help="liste les 22 thématiques")
    sub.add_parser(
        "touches", parents=[common], help="les actions, leurs touches, le fichier qui les change"
    )

    p_secteur = sub.add_parser(
        "secteur",
        parents=[common],
        help="MDS, site et ASS d'une commune",
        description="Qui est l'ASS de cette commune ? (nom, sans accent, abrégé, code postal)",
    )
    p_secteur.add_argument("commune", nargs="+", metavar="COMMUNE")
    p_secteur.add_argument("--quartier", metavar="SLUG", help="quartier de Montauban")
    p_secteur.add_argument("--json", action="store_true", help="sortie JSON")

    p_review = sub.add_parser(
        "a-actualiser",
        parents=[common],
        help="fiches à revoir (revue annuelle) et signalements",
        description="Fiches non confirmées depuis 12 mois, à revoir dans les 30 jours, et "
        "signalements ouverts : pour un rappel hebdomadaire (cron).",
    )
    p_review.add_argument("--partenaire", metavar="SLUG", help="un seul partenaire")
    p_review.add_argument("--json", action="store_true", help="sortie JSON")

    p_profils = sub.add_parser("profils", parents=[common], help="liste les profils")
    p_profils.add_argument("--json", action="store_true", help="sortie JSON")
    p_pa = sub.add_parser(
        "profil-ajouter",
        parents=[common],
        help="ajoute ou met à jour un profil (administrateur)",
    )
    p_pa.add_argument("id", metavar="IDENTIFIANT")
    p_pa.add_argument("--role", required=True, choices=list(ROLES))
    p_pa.add_argument("--prenom", required=True)
    p_pa.add_argument("--nom", required=True)
    p_pa.add_argument(
        "--login",
        help="compte du poste par lequel Binôme reconnaît la personne en terminal (défaut : "
        "l'identifiant ; pour le premier administrateur, le compte qui lance la commande)",
    )
    p_pa.add_argument("--mds", help="MDS (ASS, responsable)")
    p_pa.add_argument("--site", help="site de proximité, ex. castelsarrasin-moissac:moissac")
    p_pa.add_argument("--agence", help="agence France Travail (conseiller)")
    p_pa.add_argument("--partenaire", help="partenaire dont la personne tient les fiches")
    p_pa.add_argument("--etp", type=_etp, default=1.0)
    p_pw = sub.add_parser(
        "profil-mot-de-passe",
        parents=[common],
        help="définit le mot de passe d'un profil (le sien, ou tout profil pour un administrateur)",
        description="Définit le mot de passe de connexion (au moins 10 caractères). Il est lu "
        "au clavier (deux fois), ou sur l'entrée standard quand elle n'est pas un terminal.",
    )
    p_pw.add_argument("id", metavar="IDENTIFIANT")
    p_pd = sub.add_parser(
        "profil-desactiver", parents=[common], help="désactive un profil (administrateur)"
    )
    p_pd.add_argument("id", metavar="IDENTIFIANT")
    p_pr = sub.add_parser(
        "profil-reactiver",
        parents=[common],
        help="réactive un profil désactivé, avec son mot de passe d'avant (administrateur)",
    )
    p_pr.add_argument("id", metavar="IDENTIFIANT")
    p_parts = sub.add_parser("partenaires", parents=[common], help="liste les partenaires")
    p_parts.add_argument("--json", action="store_true", help="sortie JSON")
    p_pta = sub.add_parser(
        "partenaire-ajouter",
        parents=[common],
        help="ajoute ou met à jour un partenaire (administrateur)",
    )
    p_pta.add_argument("slug", metavar="IDENTIFIANT")
    p_pta.add_argument("--nom", required=True)
    p_pta.add_argument(
        "--type",
        default="association",
        choices=["association", "mds", "france-travail", "organisme", "ccas"],
    )
    p_pta.add_argument(
        "--thematiques", default="", metavar="SLUG,SLUG", help="thématiques dont il a la charge"
    )

    p_ind = sub.add_parser(
        "indicateurs",
        parents=[common],
        help="indicateurs de pilotage (annexe 3)",
        description="Indicateurs de la convention pour une année ou un trimestre.",
    )
    p_ind.add_argument("--annee", type=int, required=True, metavar="AAAA")
    p_ind.add_argument("--trimestre", type=int, choices=[1, 2, 3, 4], metavar="N")
    fmt = p_ind.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="sortie JSON")
    fmt.add_argument("--csv", action="store_true", help="sortie CSV (;)")
    cli_serve.register(sub, common)
    from tui import cli_backup

    cli_backup.register(sub, common)
    from tui import cli_rgpd

    cli_rgpd.register(sub, common)
    from tui import cli_documents

    cli_documents.register(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from tui.safe_output import safe_output

    with safe_output(enabled=args.command is not None):  # data never writes escape codes
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        return _dispatch(args)
    except (AmbiguousCommune, UsageError) as exc:
        print(f"binome : {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BinomeError as exc:
        print(f"binome : {exc}", file=sys.stderr)
        return EXIT_ERROR
    except sqlite3.Error as exc:
        path = getattr(args, "db", None) or default_db_path()
        print(f"binome : {describe_sqlite_error(path, exc)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("binome : interrompu.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) closed the pipe: stop quietly, as Unix tools do.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _touches() -> int:
    """Every action's name, default key and key now: what touches.toml may change."""
    from tui import keys

    keymap, problems = keys.load_keymap()

    class _Keymap:  # current_keys reads the keymap off an app
        _keymap = keymap

    print(f"Fichier de touches : {keys.keymap_path()}")
    for problem in problems:
        print(f"  ! {problem}")
    print(f"{'action':32} {'par défaut':16} {'maintenant':16} ce qu'elle fait")
    for name, default, _, what in keys.describe():
        now = ",".join(keys.current_keys(_Keymap(), keys.find(name)))  # type: ignore[arg-type]
        print(f"{name:32} {default:16} {now:16} {what}")
    return 0


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command
    if command is None:
        return _run_app(args)
    if command in ("serve", "connexion"):
        return cli_serve.run(args)
    if command == "init":
        return _init(args)
    if command in ("search", "chercher"):
        return _search(args)
    if command == "import":
        return _import(args)
    if command == "export":
        return _export(args)
    if command == "sync":
        return _sync(args)
    if command == "thematiques":
        return _thematiques(args)
    if command == "touches":
        return _touches()
    if command == "secteur":
        return _secteur(args)
    if command == "indicateurs":
        return _indicateurs(args)
    if command == "a-actualiser":
        return _a_actualiser(args)
    if command in (
        "profils",
        "profil-ajouter",
        "profil-desactiver",
        "profil-reactiver",
        "profil-mot-de-passe",
        "partenaires",
        "partenaire-ajouter",
    ):
        return _administration(args)
    from tui import cli_backup

    if command in cli_backup.COMMANDS:
        return cli_backup.run(args)
    from tui import cli_documents

    if command in cli_documents.COMMANDS:
        return cli_documents.run(args)
    if command == "rgpd":
        from tui import cli_rgpd

        return cli_rgpd.run(args)
    raise BinomeError(f"Commande inconnue : {command}")


def _run_app(args: argparse.Namespace) -> int:
    db = open_base(args)
    try:
        profil = acting_profile(db, args)
    finally:
        db.close()
    from tui.app import make_app

    app = make_app(db_path=db_path(args), user=profil.id if profil else None)
    app.run()
    return app.return_code or 0


def _init(args: argparse.Namespace) -> int:
    from caseload.acces import require
    from ressources.store import count_resources
    from seed.loader import remove_demo

    path = db_path(args)
    existed = path.exists()
    db = open_base(args, demo=not args.sans_demo)
    if args.sans_demo and existed:
        require(acting_profile(db, args), "retirer-demo")
    removed = remove_demo(db) if args.sans_demo else 0
    counts = count_resources(db)
    state = "mise à jour" if existed else "créée"
    print(f"Base {state} : {path}")
    print(f"{counts['services']} ressources, dont {counts['demo']} de démonstration.")
    if removed:
        print(f"{removed} ressources de démonstration retirées.")
    return 0


def _search(args: argparse.Namespace) -> int:
    from ressources.search import SearchEngine, SearchFilters

    db = open_base(args)
    engine = SearchEngine(db)
    filters = SearchFilters(
        frais="gratuit" if args.gratuit else "payant" if args.payant else None,
        rayon_km=args.rayon,
        public=args.public,
    )
    if args.commune:
        filters.commune = engine.gazetteer.resolve(args.commune).code_insee
    elif args.rayon:
        raise BinomeError("--rayon s'utilise avec --commune.")
    if args.thematique:
        filters.thematique = engine.thematiques.resolve(args.thematique).slug
    query = " ".join(args.query)
    if not query.strip() and not (
        filters.commune or filters.thematique or filters.public or filters.frais
    ):
        raise UsageError("indiquez des mots à chercher, ou au moins un filtre (--commune…).")
    result = engine.search(query, filters, limit=args.limit)
    if args.json:
        print(json.dumps([_hit_json(h, engine) for h in result.hits], ensure_ascii=False, indent=1))
        return 0
    _print_result(result, engine)
    return 0


def _hit_json(hit, engine) -> dict:
    r = hit.resource
    return {
        "id": r.id,
        "nom": r.nom,
        "structure": r.structure_nom,
        "commune": r.commune,
        "code_insee": r.code_insee,
        "thematiques": r.thematiques_locales,
        "score": round(hit.score, 3),
        "distance_km": hit.distance_km,
        "adresse": r.address_line,
        "telephone": r.telephone,
        "courriel": r.courriel,
        "pourquoi": hit.why(),
        "hors_public": hit.ineligible,
        "demo": r.demo,
    }


def _print_result(result, engine) -> None:
    if result.commune is not None:
        print(f"Autour de {result.commune.label()}")
    if result.ignored:
        print(f"Mots absents de la base, ignorés : {', '.join(result.ignored)}")
    if result.relaxed:
        print("Aucune ressource ne contient tous les mots : résultats les plus proches.")
    if not result.hits:
        print("Aucune ressource trouvée.")
        return
    for index, hit in enumerate(result.hits, 1):
        r = hit.resource
        demo = " [démo]" if r.demo else ""
        print(f"{index:>2}. {r.nom} — {r.structure_nom}{demo}")
        where = r.commune or "?"
        if hit.distance_km is not None and not hit.remote_only:
            where += f" · {distance_text(hit.distance_km)}"
        themes = ", ".join(engine.thematiques.label(t) for t in r.thematiques_locales)
        print(f"    {where} · {themes}")
        if r.telephone:
            print(f"    Tél. {r.telephone}")
        if hit.matches:
            print(f"    trouvé : {', '.join(hit.why())}")
        if hit.ineligible:
            print(f"    {hit.ineligible_note}")
    shown = len(result.hits)
    if result.total > shown:
        print(f"… {result.total - shown} autres résultats (--limit pour en voir plus).")


def _import(args: argparse.Namespace) -> int:
    from ressources.csvexchange import import_csv, is_csv
    from ressources.exchange import ImportReport, import_files

    csv_files = [p for p in args.files if is_csv(p)]
    if csv_files and len(csv_files) != len(args.files):
        raise UsageError("importez les fichiers CSV et les fichiers JSON séparément.")
    from caseload.acces import require

    db = open_base(args)
    require(acting_profile(db, args), "import")
    from tui.cli_progress import progress_bar

    report: ImportReport
    if csv_files:
        with progress_bar("Import", "lignes") as progress:
            report = import_csv(db, csv_files, progress=progress)
    else:
        with progress_bar("Import", "octets") as progress:
            report = import_files(db, args.files, progress=progress)
    for column in getattr(report, "ignored_columns", []):
        print(f"colonne ignorée (inconnue) : {column}", file=sys.stderr)
    for rejection in report.rejections:
        print(f"rejeté : {rejection}", file=sys.stderr)
    for conflict in report.conflicts:
        print(f"conflit : {conflict}")
    print(
        f"Importé : {counted(report.structures, 'structure')}, "
        f"{counted(report.services, 'service')} ; {counted(len(report.rejections), 'erreur')}."
    )
    return 0 if report.ok else EXIT_ERROR


def _export(args: argparse.Namespace) -> int:
    from ressources.csvexchange import export_csv, is_csv
    from ressources.exchange import export_file
    from tui.cli_progress import progress_bar

    db = open_base(args)
    csv = is_csv(args.file)
    write = export_csv if csv else export_file
    with progress_bar("Export", "services" if csv else "fiches") as progress:
        structures, services = write(db, args.file, progress=progress)
    print(f"Exporté : {structures} structures, {services} services dans {args.file}")
    return 0


def _progress_bar(stream):
    """A progress callback drawing one line on *stream* (a terminal; nothing otherwise)."""
    if not stream.isatty():
        return None, lambda: None
    drawn = []

    def draw(done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        percent = 100 * done // total if total else 100
        bar = "#" * filled + "-" * (width - filled)
        stream.write(f"\rSynchronisation [{bar}] {percent:>3} % ({done}/{total})")
        stream.flush()
        drawn.append(True)

    def end() -> None:
        if drawn:
            stream.write("\n")
            stream.flush()

    return draw, end


def _sync(args: argparse.Namespace) -> int:
    from caseload.acces import require
    from ressources.sync import API_URL, Limits, sync

    db = open_base(args)
    require(acting_profile(db, args), "sync")
    progress, end = _progress_bar(sys.stderr)
    given = {
        "pages": args.pages_max,
        "page_bytes": args.octets_page_max,
        "total_bytes": args.octets_max,
        "seconds": args.duree_max,
    }
    limits = Limits(**{k: v for k, v in given.items() if v is not None})
    try:
        report = sync(
            db,
            args.url or API_URL,
            progress=progress,
            timeout=args.delai,
            tries=args.essais,
            page_size=args.taille,
            limits=limits,
        )
    finally:
        end()
    for rejection in report.rejections:
        print(f"rejeté : {rejection}", file=sys.stderr)
    print(
        f"Structures : {counted(len(report.structures_added), 'ajoutée')}, "
        f"{counted(len(report.structures_updated), 'mise à jour', 'mises à jour')}."
    )
    print(
        f"Services : {counted(len(report.added), 'ajouté')}, "
        f"{grouped(len(report.updated))} mis à jour, "
        f"{counted(len(report.unchanged), 'inchangé')}, "
        f"{counted(len(report.conflicts), 'conflit')}, "
        f"{counted(len(report.rejections), 'rejeté')}."
    )
    if report.elsewhere:
        print(
            f"Hors du département : {counted(len(report.elsewhere), 'service lu', 'services lus')}"
            " qui le couvrent (zone d'éligibilité, ou à distance)."
        )
    if report.duplicates:
        print(
            f"{counted(len(report.duplicates), 'service écarté', 'services écartés')} : "
            "doublons signalés par data·inclusion."
        )
    for note in report.notes:
        print(note)
    for conflict in report.conflicts:
        print(f"conflit : {conflict}")
    if not report.changed:
        print("Rien à mettre à jour : la base était déjà à jour.")
    return EXIT_ERROR if report.rejections else 0


def _thematiques(args: argparse.Namespace) -> int:
    from ressources.thematiques import Thematiques

    db = open_base(args)
    for t in Thematiques.from_db(db).items:
        print(f"{t.slug:<45} {t.label}")
    return 0


def _secteur(args: argparse.Namespace) -> int:
    from caseload.territoire import Territory

    db = open_base(args)
    territoire = Territory(db)
    # The loads only for whom acces.PERMISSIONS["charge-ass"] shows them (who runs the command).
    viewer = acting_profile(db, args)
    commune = territoire.gazetteer.resolve(" ".join(args.commune))
    territoire.check_quartier(commune.code_insee, args.quartier)
    secteur = territoire.secteur_for(viewer, commune, args.quartier)
    if args.json:
        data = {
            "commune": {"code_insee": secteur.commune.code_insee, "nom": secteur.commune.nom},
            "mds": {"nom": secteur.mds.nom},
            "site": {"nom": secteur.site.nom},
            "ass": [
                {"nom": a.nom_complet, **({"charge": a.charge} if a.charge is not None else {})}
                for a in secteur.ass
            ],
            "ass_proposee": secteur.proposed_ass.nom_complet if secteur.proposed_ass else None,
            "indicatif": secteur.indicatif,
        }
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    print(f"{secteur.commune.label()} → {secteur.site_label}")
    if not secteur.ass:
        print("Aucune ASS n'est rattachée à ce secteur.")
    for ass in secteur.ass:
        if ass.charge is None:
            print(f"  {ass.nom_complet}")
            continue
        mark = "  ← proposée (charge la plus légère)" if ass is secteur.proposed_ass else ""
        load = counted(ass.charge, "dossier en cours", "dossiers en cours")
        print(f"  {ass.nom_complet:<30} {load:<20}{mark}")
    if secteur.ass and not secteur.charges_shown:
        print(PERMISSIONS["charge-ass"][1])
    if secteur.town_wide:
        print("Montauban est découpée par quartier : précisez-le pour savoir quelle ASS")
        print("est proposée (--quartier SLUG) :")
        for slug, (name, _site) in territoire.quartiers.items():
            print(f"  {slug:<24} {name}")
    if secteur.indicatif:
        print("Sectorisation indicative (la sectorisation officielle n'est pas publique).")
    return 0


def _indicateurs(args: argparse.Namespace) -> int:
    import csv

    from caseload.indicateurs import Period, indicateurs_for

    db = open_base(args)
    periode = Period.of(args.annee, args.trimestre)  # an impossible one said first
    result = indicateurs_for(db, acting_profile(db, args), periode)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=1))
    elif args.csv:
        writer = csv.writer(sys.stdout, delimiter=";", lineterminator="\n")
        writer.writerow(["indicateur", "valeur"])
        writer.writerows(result.lignes())
    else:
        print(f"Indicateurs {result.periode.libelle}")
        lignes = result.lignes()
        # The figures in one column, however long the longest label (« Autres résultats : … »).
        width = max([62, *(len(label) for label, _ in lignes)])
        for label, value in lignes:
            print(f"  {label:<{width}} {value:>8}")
    return 0


def _a_actualiser(args: argparse.Namespace) -> int:
    from datetime import date

    from ressources.edition import partenaire, partenaires, todo_list

    db = open_base(args)
    if args.partenaire and partenaire(db, args.partenaire) is None:
        known = ", ".join(p.slug for p in partenaires(db))
        raise UsageError(f"partenaire inconnu « {args.partenaire} ». Partenaires : {known}.")
    todo = todo_list(db, date.today(), args.partenaire)
    if args.json:
        print(
            json.dumps(
                {
                    "a_actualiser": todo.overdue_reviews,
                    "bientot": todo.reviews_due_soon,
                    "signalements": todo.error_reports,
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        return 0
    print(f"À actualiser (non confirmées depuis 12 mois) : {len(todo.overdue_reviews)}")
    for item in todo.overdue_reviews:
        print(f"  {item['echeance'] or '—':<10}  {item['nom']}  [{item['partenaire']}]")
    print(f"À revoir dans les 30 jours : {len(todo.reviews_due_soon)}")
    for item in todo.reviews_due_soon:
        print(f"  {item['echeance']:<10}  {item['nom']}  [{item['partenaire']}]")
    print(f"Signalements ouverts : {len(todo.error_reports)}")
    for item in todo.error_reports:
        print(f"  {item['date'][:10]}  {item['nom']} : {item['commentaire']}")
    return 0


def _read_new_password() -> str:
    """The new password: typed twice at a terminal, else the first line of standard input
    (for scripts). Never echoed, never logged."""
    import getpass

    if sys.stdin is None:
        raise UsageError("aucun mot de passe fourni (entrée standard fermée).")
    if sys.stdin.isatty():
        first = getpass.getpass("Nouveau mot de passe : ")
        if getpass.getpass("Confirmez-le : ") != first:
            raise BinomeError("Les deux saisies diffèrent : mot de passe inchangé.")
        return first
    try:
        line = sys.stdin.readline()
        line.encode("utf-8")
    except UnicodeError:
        raise BinomeError(
            "Le mot de passe n'est pas du texte UTF-8 : mot de passe inchangé."
        ) from None
    if not line:
        raise UsageError("aucun mot de passe sur l'entrée standard.")
    return line.rstrip("\r\n")


def print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Columns as wide as their longest cell: a long identifiant no longer pushes its row out."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    for row in (header, *rows):
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip())


def _administration(args: argparse.Namespace) -> int:
    from caseload.acces import (
        ROLES,
        create_profil,
        deactivate_profil,
        get_profil,
        list_profils,
        may_bootstrap,
        os_account,
        reactivate_profil,
        set_password,
    )
    from ressources.edition import partenaires, save_partenaire

    db = open_base(args)
    if args.command == "profils":
        people = list_profils(db)
        if args.json:
            print(
                json.dumps(
                    [
                        {
                            "id": p.id,
                            "role": p.role,
                            "prenom": p.prenom,
                            "nom": p.nom,
                            "login": p.login,
                            "mds": p.mds,
                            "agence": p.agence,
                            "partenaire": p.partenaire,
                        }
                        for p in people
                    ],
                    ensure_ascii=False,
                    indent=1,
                )
            )
        else:
            print_table(
                ("Identifiant", "Rôle", "Nom", "Rattachement"),
                [
                    (p.id, ROLES[p.role], p.nom_complet, p.mds or p.agence or p.partenaire or "")
                    for p in people
                ],
            )
        return 0
    if args.command == "partenaires":
        found = partenaires(db)
        if args.json:
            print(json.dumps([vars(p) for p in found], ensure_ascii=False, indent=1))
        else:
            print_table(
                ("Partenaire", "Nom", "Thématiques"),
                [(p.slug, p.nom, str(len(p.thematiques))) for p in found],
            )
        return 0
    actor = acting_profile(db, args)
    if args.command == "profil-mot-de-passe":
        set_password(db, actor, args.id, _read_new_password())
        print(f"Mot de passe enregistré pour {args.id}.")
        return 0
    bootstrap = (
        actor is None
        and args.command == "profil-ajouter"
        and args.role == "administrateur"
        and may_bootstrap(db)
    )
    if actor is None and not bootstrap:
        raise BinomeError(
            "Aucun profil n'est associé à votre compte du poste : seul un administrateur gère "
            "les profils et les partenaires."
        )
    if args.command == "profil-ajouter":
        login = args.login or (os_account() if bootstrap else None)
        if bootstrap and not login:
            raise UsageError(
                "le compte du poste est introuvable : indiquez --login COMPTE pour le premier "
                "administrateur."
            )
        existed = get_profil(db, args.id.strip()) is not None
        profil = create_profil(
            db,
            actor,
            id=args.id,
            role=args.role,
            prenom=args.prenom,
            nom=args.nom,
            login=login,
            mds=args.mds,
            site_id=args.site,
            agence=args.agence,
            partenaire=args.partenaire,
            etp=args.etp,
        )
        done = "mis à jour" if existed else "enregistré"
        print(f"Profil {done} : {profil.libelle}, reconnu sur le compte « {profil.login} ».")
    elif args.command == "profil-desactiver":
        deactivate_profil(db, actor, args.id)
        print(f"Profil désactivé : {args.id}")
    elif args.command == "profil-reactiver":
        profil = reactivate_profil(db, actor, args.id)
        print(f"Profil réactivé : {profil.libelle}.")
    else:
        assert actor is not None  # only the first administrateur is made without one
        thematiques = [t.strip() for t in args.thematiques.split(",") if t.strip()]
        created = save_partenaire(
            db, actor, slug=args.slug, nom=args.nom, type=args.type, thematiques=thematiques
        )
        print(f"Partenaire enregistré : {created.nom} ({len(created.thematiques)} thématiques)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
