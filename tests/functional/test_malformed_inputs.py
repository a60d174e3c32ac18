"""A fixture set of malformed inputs — files (JSON and CSV), sync pages, command-line
arguments — each giving a French message, no traceback, and a base left exactly as it was.

Cases are rows of tables: (id, input, words expected in the message)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import httpx
import pytest
from acteurs import make_os_account_administrateur
from digest import table_digest
from records import service, structure

from ressources.errors import BinomeError
from ressources.sync import Limits, sync
from tui.cli import main

# -- helpers ---------------------------------------------------------------------------------


def _cli(capsys, argv: list[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out
    return code, out, err


def _json(payload) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def _bad_service(**fields) -> bytes:
    """A file with one service whose fields are *fields* (its structure is not in the
    base: even a valid service would be rejected, so the base cannot change)."""
    return _json({"structures": [], "services": [service(1, **fields)]})


def _bad_structure(**fields) -> bytes:
    return _json({"structures": [structure(1, **fields)], "services": []})


def _raw_service(text: str) -> bytes:
    """One service whose JSON text ends with *text* (for what json.dumps cannot write)."""
    body = json.dumps(service(1), ensure_ascii=False)[:-1] + ", " + text + "}"
    return ('{"structures": [], "services": [' + body + "]}").encode("utf-8")


def _deep(depth: int) -> dict:
    value: dict = {"fin": 1}
    for _ in range(depth):
        value = {"x": value}
    return value


def _without(name: str) -> bytes:
    record = {k: v for k, v in service(1).items() if k != name}
    return _json({"structures": [], "services": [record]})


# -- JSON files ---------------------------------------------------------------------------------

# The whole file is refused (it cannot be read as data·inclusion JSON).
JSON_FILES = [
    ("vide", b"", "est vide"),
    ("espaces", b"  \n\t ", "est vide"),
    ("accolade-seule", b"{", "pas du JSON valide"),
    ("crochet-seul", b"[", "pas du JSON valide"),
    ("coupe-dans-liste", b'{"structures": [', "fin du fichier inattendue"),
    ("coupe-dans-texte", b'{"services": [{"id": "abc', "pas du JSON valide"),
    ("contenu-apres", b"[] x", "contenu après la fin du document"),
    ("deux-documents", b"[] []", "contenu après la fin du document"),
    ("virgule-finale", b"[1,]", "pas du JSON valide"),
    ("guillemets-simples", b"{'structures': []}", "pas du JSON valide"),
    ("cle-sans-guillemets", b"{structures: []}", "pas du JSON valide"),
    ("commentaire", b"// export\n[]", "pas du JSON valide"),
    ("deux-points-manquant", b'{"structures" []}', "pas du JSON valide"),
    ("nan-comme-nom-de-champ", b'{"services": [{NaN: 1}]}', "Infinity et NaN"),
    ("infinity-comme-nom-de-champ", b"{Infinity: []}", "Infinity et NaN"),
    ("infinity-colle", b'{"services": [{"longitude": Infinityx}]}', "pas du JSON valide"),
    ("nan-tronque", b'{"services": [{"longitude": Na}]}', "pas du JSON valide"),
    ("texte-seul", b'"juste un texte"', "n'est pas un fichier data·inclusion"),
    ("nombre-seul", b"42", "n'est pas un fichier data·inclusion"),
    ("null-seul", b"null", "n'est pas un fichier data·inclusion"),
    ("booleen-seul", b"true", "n'est pas un fichier data·inclusion"),
    ("structures-nombre", b'{"structures": 5}', "« structures » doit être une liste"),
    ("services-texte", b'{"services": "aucun"}', "« services » doit être une liste"),
    ("structures-objet", b'{"structures": {"item": {}}}', "doit être une liste"),
    ("latin1", '{"structures": [{"nom": "é"}]}'.encode("latin-1"), "UTF-8"),
    ("utf16", '{"structures": []}'.encode("utf-16"), "encodé autrement qu'en UTF-8"),
    ("octets-nuls", b"\x00" * 64, "pas du JSON valide"),
    ("binaire", bytes(range(256)) * 4, "pas du JSON valide"),
    ("bom-puis-rien", b"\xef\xbb\xbf", "est vide"),
    ("caractere-controle", b'{"services": [{"id": "a\x01b"}]}', "caractère de contrôle"),
    ("echappement-invalide", b'{"services": [{"id": "a\\qb"}]}', "pas du JSON valide"),
    ("unicode-tronque", b'{"services": [{"id": "\\u12"}]}', "pas du JSON valide"),
    ("html", b"<html><body>Erreur 500</body></html>", "pas du JSON valide"),
    ("nombre-invalide", b'{"services": [{"longitude": 1.2.3}]}', "pas du JSON valide"),
    ("moins-seul", b'{"services": [{"longitude": -}]}', "pas du JSON valide"),
]

# The file is read; each record is rejected with its reason (the base stays unchanged).
JSON_RECORDS = [
    ("longitude-infinie", _raw_service('"longitude": 1e400'), "nombre non fini"),
    # Python's json.dump writes these bare tokens: one record is wrong, not the file.
    ("infinity-nu", b'{"services": [Infinity]}', "n'est pas un objet"),
    ("nan-dans-service", _raw_service('"longitude": NaN'), "nombre non fini"),
    ("moins-infinity-dans-service", _raw_service('"latitude": -Infinity'), "nombre non fini"),
    ("nan-comme-nom", _raw_service('"nom": NaN'), "texte attendu"),
    ("longitude-hors-bornes", _bad_service(longitude=500.0), "hors limites"),
    ("latitude-hors-bornes", _bad_service(latitude=-91.5), "hors limites"),
    ("semaines-10-puissance-30", _bad_service(nombre_semaines=10**30), "hors limites"),
    ("semaines-enorme-negatif", _bad_service(nombre_semaines=-(10**25)), "valeur trop petite"),
    ("semaines-zero", _bad_service(nombre_semaines=0), "valeur trop petite"),
    ("semaines-mille", _bad_service(nombre_semaines=1000), "hors limites"),
    ("semaines-texte", _bad_service(nombre_semaines="dix"), "nombre entier attendu"),
    ("volume-horaire-enorme", _bad_service(volume_horaire_hebdomadaire=1e6), "hors limites"),
    ("volume-horaire-negatif", _bad_service(volume_horaire_hebdomadaire=-1), "trop petite"),
    ("longitude-texte", _bad_service(longitude="est"), "nombre attendu"),
    ("sans-source", _without("source"), "champ obligatoire manquant"),
    ("sans-nom", _without("nom"), "champ obligatoire manquant"),
    ("sans-description", _without("description"), "champ obligatoire manquant"),
    ("sans-date", _without("date_maj"), "champ obligatoire manquant"),
    ("sans-structure", _without("structure_id"), "champ obligatoire manquant"),
    ("nom-vide", _bad_service(nom=""), "texte trop court"),
    ("nom-immense", _bad_service(nom="x" * 100_000), "texte trop long"),
    ("description-immense", _bad_service(description="y" * 100_000), "texte trop long"),
    ("date-impossible", _bad_service(date_maj="2025-13-45"), "date invalide"),
    ("date-en-lettres", _bad_service(date_maj="hier"), "date invalide"),
    ("frais-inconnu", _bad_service(frais="peut-etre"), "valeur inconnue"),
    ("thematiques-texte", _bad_service(thematiques="logement"), "liste attendue"),
    ("thematique-inconnue", _bad_service(thematiques=["n-existe-pas"]), "valeur inconnue"),
    ("publics-nombres", _bad_service(publics=[1, 2]), "valeur inconnue"),
    ("zone-vide", _bad_service(zone_eligibilite=[]), "liste vide"),
    ("code-postal-court", _bad_service(code_postal="8220"), "code postal de 5 chiffres"),
    ("code-insee-faux", _bad_service(code_insee="ab"), "texte trop court"),
    ("courriel-faux", _bad_service(courriel="pas-un-courriel"), "courriel"),
    ("courriel-nombre", _bad_service(courriel=12), "courriel"),
    ("lien-javascript", _bad_service(lien_mobilisation="javascript:alert(1)"), "adresse web"),
    ("nom-objet", _bad_service(nom={"fr": "Aide"}), "texte attendu"),
    ("nom-liste", _bad_service(nom=["Aide"]), "texte attendu"),
    ("structure-id-nombre", _bad_service(structure_id=12), "texte attendu"),
    ("binome-pas-objet", _bad_service(binome="oui"), "objet attendu"),
    (
        "binome-thematique-inconnue",
        _bad_service(binome={"thematiques": ["zzz"]}),
        "thématique inconnue",
    ),
    (
        "binome-thematiques-pas-json",
        _bad_service(binome={"thematiques": "{pas du json"}),
        "liste attendue",
    ),
    (
        "binome-thematique-objet",
        _bad_service(binome={"thematiques": [{"a": 1}]}),
        "thématique inconnue",
    ),
    ("binome-mots-cles-texte", _bad_service(binome={"mots_cles": "budget"}), "liste attendue"),
    ("binome-mots-cles-nombres", _bad_service(binome={"mots_cles": [1, 2]}), "liste de mots"),
    ("binome-date-revue", _bad_service(binome={"date_revue": "bientôt"}), "date invalide"),
    ("binome-partenaire-nombre", _bad_service(binome={"partenaire": 5}), "texte attendu"),
    ("imbrication-profonde", _bad_service(extra=_deep(100)), "trop imbriquées"),
    (
        "imbrication-tres-profonde",
        _raw_service('"extra": ' + '{"x": ' * 200_000 + "1" + "}" * 200_000),
        "trop imbriquées",
    ),
    ("service-liste", _json({"services": [[1, 2]]}), "n'est pas un objet"),
    ("service-texte", _json({"services": ["service"]}), "n'est pas un objet"),
    ("service-null", _json({"services": [None]}), "n'est pas un objet"),
    ("service-nombre", _json({"services": [7]}), "n'est pas un objet"),
    ("structure-siret-court", _bad_structure(siret="123"), "texte trop court"),
    (
        "structure-sans-nom",
        _json({"structures": [{"id": "x--1", "source": "x"}]}),
        "champ obligatoire manquant",
    ),
    (
        "structure-longitude-infinie",
        b'{"structures": [{"id": "x--1", "source": "x", "nom": "Structure", '
        b'"date_maj": "2025-01-01", "longitude": -1e999}]}',
        "nombre non fini",
    ),
    ("structure-latitude-hors-bornes", _bad_structure(latitude=123.0), "hors limites"),
    (
        "doublon-structure",
        _json({"structures": [structure(1), structure(1)]}),
        "identifiant en double",
    ),
    ("service-structure-inconnue", _json({"services": [service(1)]}), "structure inconnue"),
    ("liste-nue-de-nombres", b"[1, 2, 3]", "n'est pas un objet"),
    ("liste-nue-tres-imbriquee", b"[" + b"[" * 200_000 + b"]" * 200_000 + b"]", "trop imbriquées"),
]


@pytest.fixture
def base(reference_db_path):
    """A real base whose administrateur runs the commands (the OS account of the tests), so
    that each input reaches the code that reads it."""
    make_os_account_administrateur(reference_db_path)
    return reference_db_path


def _import(capsys, base: Path, path: Path) -> tuple[int, str]:
    before = table_digest(base)
    code, _out, err = _cli(capsys, ["import", str(path), "--db", str(base)])
    assert table_digest(base) == before
    return code, err


@pytest.mark.parametrize(
    ("content", "words"), [c[1:] for c in JSON_FILES], ids=[c[0] for c in JSON_FILES]
)
def test_a_malformed_json_file_is_refused_in_french(base, tmp_path, capsys, content, words):
    path = tmp_path / "fichier.json"
    path.write_bytes(content)
    code, err = _import(capsys, base, path)
    assert code == 1 and err.startswith("binome : ")
    assert words in err, err


@pytest.mark.parametrize(
    ("content", "words"), [c[1:] for c in JSON_RECORDS], ids=[c[0] for c in JSON_RECORDS]
)
def test_a_malformed_record_is_rejected_in_french(base, tmp_path, capsys, content, words):
    path = tmp_path / "fichier.json"
    path.write_bytes(content)
    code, err = _import(capsys, base, path)
    assert code == 1 and "rejeté : " in err
    assert words in err, err


def test_malformed_records_read_by_the_reader_process_give_the_same_reasons(reference_db, tmp_path):
    """The large-file path (a second process reads and checks) rejects the same way."""
    from ressources.exchange import import_files

    services = [
        service(i, nombre_semaines=10**30 if i == 1 else 3, extra=_deep(50 * (i == 2)))
        for i in range(1, 4)
    ]
    path = tmp_path / "grand.json"
    path.write_bytes(_json({"structures": [], "services": services}))
    here = import_files(reference_db, [path], reader_process=False)
    there = import_files(reference_db, [path], reader_process=True)
    assert [str(r) for r in there.rejections] == [str(r) for r in here.rejections]
    reasons = {r.id: r.reason for r in here.rejections}
    assert "hors limites" in reasons["test--sv1"] and "trop imbriquées" in reasons["test--sv2"]
    assert "structure inconnue" in reasons["test--sv3"]


def test_bare_infinity_and_nan_reject_their_record_and_the_others_land(base, tmp_path, capsys):
    """What Python's json.dump writes for a float('inf') or float('nan'): those records are
    rejected by name, the rest of the file is imported — text that merely says NaN too."""
    from ressources.db import Database

    services = [
        json.dumps(
            service(1, description="Valeurs : NaN, Infinity et -Infinity, « NaN »."),
            ensure_ascii=False,
        ),
        json.dumps(service(2))[:-1] + ', "longitude": NaN}',
        json.dumps(service(3))[:-1] + ', "latitude": -Infinity, "longitude": Infinity}',
        json.dumps(service(4, nom='Aide \\"NaN\\" au logement')),
    ]
    text = (
        '{"structures": ['
        + json.dumps(structure(1))
        + '], "services": ['
        + ", ".join(services)
        + "]}"
    )
    path = tmp_path / "export-python.json"
    path.write_text(text, encoding="utf-8")
    code, _out, err = _cli(capsys, ["import", str(path), "--db", str(base)])
    assert code == 1  # records were rejected
    assert "test--sv2" in err and "test--sv3" in err and "nombre non fini" in err, err
    assert "test--sv1" not in err and "test--sv4" not in err, err
    db = Database(base)
    rows = dict(
        db.execute("SELECT id, description FROM services WHERE id LIKE 'test--%'").fetchall()
    )
    db.close()
    assert set(rows) == {"test--sv1", "test--sv4"}
    assert rows["test--sv1"] == "Valeurs : NaN, Infinity et -Infinity, « NaN »."


def test_bare_constants_cut_by_any_read_boundary_are_found(tmp_path, monkeypatch):
    """The reader hands the parser chunks: a token, a string or an escape cut between two
    reads is rebuilt — whatever the chunk size, the records equal Python's own reading."""
    import math
    import random

    from ressources import jsonstream

    def same(a, b) -> bool:
        if isinstance(a, float) and math.isnan(a):
            return isinstance(b, float) and math.isnan(b)
        if isinstance(a, dict):
            return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
        if isinstance(a, list):
            return isinstance(b, list) and len(a) == len(b) and all(map(same, a, b))
        return a == b

    words = ["Infinity", "NaN", "-Infinity", 'a"b', "x\\y", '\\"NaN', "é", "\\", "ok"]
    numbers = [1.5, float("inf"), float("-inf"), float("nan"), None, "NaN"]
    rnd = random.Random(9)
    path = tmp_path / "f.json"
    for _ in range(40):
        records = [
            {
                "id": f"s{i}",
                "nom": rnd.choice(words) + rnd.choice(words),
                "x": rnd.choice(numbers),
                "l": [rnd.choice(words), rnd.choice(numbers)],
            }
            for i in range(rnd.randint(1, 4))
        ]
        path.write_text(json.dumps({"services": records}, ensure_ascii=rnd.random() < 0.5))
        for chunk in (1, 2, 3, 5, 8, 13, 4096):
            monkeypatch.setattr(jsonstream, "_CHUNK", chunk)
            read = [record for _key, record in jsonstream.iter_lists(path, {"services"})]
            assert same(read, records), (chunk, path.read_text())


def _special(kind: str, tmp_path: Path) -> Path:
    if kind == "dossier":
        folder = tmp_path / "dossier.json"
        folder.mkdir()
        return folder
    if kind.startswith("absent"):
        return tmp_path / ("absent.csv" if kind.endswith("csv") else "absent.json")
    if kind.startswith("fifo"):
        path = tmp_path / ("tube.csv" if kind.endswith("csv") else "tube.json")
        os.mkfifo(path)  # opening it to read would wait for a writer forever
        return path
    return Path("/dev/zero")  # endless: reading it would never finish


NOT_FILES = [
    ("dossier", "est un dossier"),
    ("absent-json", "Fichier introuvable"),
    ("absent-csv", "Fichier introuvable"),
    ("fifo-json", "pas un fichier ordinaire"),
    ("fifo-csv", "pas un fichier ordinaire"),
    ("peripherique", "pas un fichier ordinaire"),
]


@pytest.mark.parametrize(("kind", "words"), NOT_FILES, ids=[c[0] for c in NOT_FILES])
def test_what_is_not_a_regular_file_is_refused(base, tmp_path, capsys, kind, words):
    code, err = _import(capsys, base, _special(kind, tmp_path))
    assert code == 1 and words in err, err


# -- CSV files ----------------------------------------------------------------------------------

HEADER = (
    "id;structure_id;source;nom;description;date_maj;thematiques;publics;frais;"
    "zone_eligibilite;longitude;latitude;nombre_semaines;volume_horaire_hebdomadaire"
)
GOOD_CELLS = [
    "test--sv1",
    "test--st1",
    "test",
    "Service d'aide",
    "Un service pour accompagner les personnes dans leurs démarches.",
    "2025-03-01",
    "logement-hebergement--louer-un-logement",
    "tous-publics",
    "gratuit",
    "82",
    "",
    "",
    "",
    "",
]
COLUMN = {name: i for i, name in enumerate(HEADER.split(";"))}


def _csv_row(**cells) -> bytes:
    row = list(GOOD_CELLS)
    for name, value in cells.items():
        row[COLUMN[name]] = value
    return (HEADER + "\n" + ";".join(row) + "\n").encode("utf-8")


CSV_FILES = [
    ("csv-vide", b"", "est vide"),
    ("csv-sans-id", b"nom;description\nA;B\n", "la colonne « id » manque"),
    ("csv-colonnes-en-double", b"id;nom;nom\n1;a;b\n", "colonnes en double"),
    ("csv-latin1", (HEADER + "\néé;x\n").encode("latin-1"), "UTF-8"),
    (
        "csv-cellules-en-trop",
        (HEADER + "\n" + ";".join(GOOD_CELLS) + ";en trop\n").encode(),
        "cellules au lieu de",
    ),
    ("csv-longitude-inf", _csv_row(longitude="inf"), "nombre non fini"),
    ("csv-longitude-nan", _csv_row(longitude="nan"), "nombre non fini"),
    ("csv-longitude-1e400", _csv_row(longitude="1e400"), "nombre non fini"),
    ("csv-latitude-999", _csv_row(latitude="999"), "hors limites"),
    ("csv-semaines-immense", _csv_row(nombre_semaines="1" + "0" * 30), "hors limites"),
    ("csv-semaines-texte", _csv_row(nombre_semaines="dix"), "nombre"),
    ("csv-volume-horaire", _csv_row(volume_horaire_hebdomadaire="500"), "hors limites"),
    ("csv-date", _csv_row(date_maj="32/13/2025"), "date invalide"),
    ("csv-frais", _csv_row(frais="cher"), "valeur inconnue"),
    ("csv-nom-vide", _csv_row(nom=""), "champ obligatoire manquant"),
    ("csv-octet-nul", _csv_row(nom="Aide\x00nulle"), "structure inconnue"),
    ("csv-structure-inconnue", _csv_row(), "structure inconnue"),
    # What Python's csv module says of a line, said in French (it was passed through).
    (
        "csv-cellule-geante",
        (HEADER + "\ntest--sv1;" + "a" * (17 * 1024 * 1024) + "\n").encode(),
        "une cellule dépasse 16 Mo",
    ),
]


@pytest.mark.parametrize(
    ("content", "words"), [c[1:] for c in CSV_FILES], ids=[c[0] for c in CSV_FILES]
)
def test_a_malformed_csv_file_is_refused_in_french(base, tmp_path, capsys, content, words):
    path = tmp_path / "fichier.csv"
    path.write_bytes(content)
    code, err = _import(capsys, base, path)
    assert code == 1 and err.startswith(("binome : ", "rejeté : ", "colonne ignorée"))
    assert words in err, err


# -- sync pages -------------------------------------------------------------------------------

BASE_URL = "http://api.test/api/v1"


def _page(items, **extra) -> dict:
    return {"items": items, "total": len(items), "page": 1, "pages": 1, **extra}


def _serve(services_body: bytes | dict, status: int = 200, headers: dict | None = None):
    def handler(request: httpx.Request) -> httpx.Response:
        kind = request.url.path.rsplit("/", 1)[-1]
        if kind == "structures":
            return httpx.Response(200, json=_page([]))
        body = services_body
        if isinstance(body, dict):
            body = json.dumps(body).encode()
        return httpx.Response(status, content=body, headers=headers or {})

    return handler


def _records_page(text: str) -> bytes:
    return ('{"items": [' + text + '], "page": 1, "pages": 1}').encode()


# (id, handler, words): the sync stops (SyncError) or rejects the records; nothing written.
SYNC_PAGES = [
    ("pas-du-json", _serve(b"<html>maintenance</html>"), "pas du JSON valide"),
    ("json-coupe", _serve(b'{"items": [{"id": '), "pas du JSON valide"),
    ("items-absent", _serve({"results": []}), "n'a pas la forme attendue"),
    ("items-objet", _serve({"items": {"a": 1}}), "n'a pas la forme attendue"),
    ("liste-nue", _serve(b"[1, 2]"), "n'a pas la forme attendue"),
    ("pages-texte", _serve({"items": [], "pages": "deux"}), "n'a pas la forme attendue"),
    ("total-booleen", _serve({"items": [], "total": True}), "n'a pas la forme attendue"),
    ("imbrication-page", _serve(b"[" * 50_000 + b"]" * 50_000), "pas du JSON valide"),
    ("http-404", _serve(b"{}", 404), "HTTP 404"),
    ("http-500", _serve(b"{}", 500), "HTTP 500"),
    ("http-401", _serve(b"{}", 401), "vérifiez le jeton"),
    (
        "redirection-ailleurs",
        _serve(b"", 302, {"Location": "http://ailleurs.test/x"}),
        "autre hôte",
    ),
    (
        "gzip-invalide",
        _serve(b"pas du gzip", 200, {"Content-Encoding": "gzip"}),
        "connexion impossible",
    ),
    (
        "record-infinity",
        _serve(_records_page(json.dumps(service(1))[:-1] + ', "longitude": Infinity}')),
        "nombre non fini",
    ),
    (
        "record-nan",
        _serve(_records_page(json.dumps(service(1))[:-1] + ', "latitude": NaN}')),
        "nombre non fini",
    ),
    (
        "record-moins-infinity",
        _serve(_records_page(json.dumps(service(1))[:-1] + ', "longitude": -Infinity}')),
        "nombre non fini",
    ),
    (
        "record-semaines-enorme",
        _serve(_page([service(1, nombre_semaines=10**30)])),
        "hors limites",
    ),
    ("record-imbrique", _serve(_page([service(1, extra=_deep(200))])), "trop imbriquées"),
    ("record-texte", _serve(_page(["un service"])), "n'est pas un objet"),
    ("record-null", _serve(_page([None])), "n'est pas un objet"),
    (
        "record-sans-nom",
        _serve(_page([{k: v for k, v in service(1).items() if k != "nom"}])),
        "champ obligatoire manquant",
    ),
    ("record-structure-inconnue", _serve(_page([service(1)])), "structure inconnue"),
]


@pytest.mark.parametrize(
    ("handler", "words"), [c[1:] for c in SYNC_PAGES], ids=[c[0] for c in SYNC_PAGES]
)
def test_a_malformed_sync_page_leaves_the_base_unchanged(base, handler, words):
    from seed.loader import open_seeded_database

    db = open_seeded_database(base)
    before = table_digest(base)
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        try:
            report = sync(
                db,
                BASE_URL,
                client=client,
                tries=1,
                sleep=lambda s: None,
                limits=Limits(seconds=30),
            )
        except BinomeError as exc:
            message = str(exc)
            assert message.endswith("La base n'a pas été modifiée."), message
        else:
            assert report.rejections and not report.changed
            message = " ; ".join(str(r) for r in report.rejections)
    db.close()
    assert words in message, message
    assert table_digest(base) == before


# -- command-line arguments ---------------------------------------------------------------------

URL = "http://127.0.0.1:9/api"
ARGUMENTS = [
    (["sync", URL, "--delai", "nan"], 2, "nombre de secondes fini attendu"),
    (["sync", URL, "--delai", "inf"], 2, "fini attendu"),
    (["sync", URL, "--delai", "-1"], 2, "le délai doit être positif"),
    (["sync", URL, "--delai", "dix"], 2, "nombre de secondes attendu"),
    (["sync", URL, "--essais", "0"], 2, "au moins 1"),
    (["sync", URL, "--taille", "zéro"], 2, "nombre entier attendu"),
    (["sync", URL, "--taille", "1000000"], 1, "taille de page"),
    (["sync", URL, "--pages-max", "0"], 2, "au moins 1"),
    (["sync", URL, "--octets-max", "-5"], 2, "au moins 1"),
    (["sync", URL, "--duree-max", "nan"], 2, "fini attendu"),
    (["sync", "ftp://exemple.org/api"], 1, "Adresse invalide"),
    (["sync", "pas une adresse"], 1, "Adresse invalide"),
    (["sync", "http://"], 1, "Adresse invalide"),
    (["sync", "http://a.test", "http://b.test"], 2, "arguments inconnus"),
    (["search", "aide", "--limit", "0"], 2, "au moins 1"),
    (["search", "aide", "--limit", "beaucoup"], 2, "nombre entier attendu"),
    (["search", "aide", "--commune", "moissac", "--rayon", "nan"], 2, "fini attendu"),
    (["search", "aide", "--commune", "moissac", "--rayon", "-3"], 2, "positive"),
    (["search", "aide", "--rayon", "5"], 1, "--rayon s'utilise avec --commune"),
    (["search"], 2, "indiquez des mots à chercher"),
    (["search", "aide", "--commune", "zzzzzzzz"], 1, "commune"),
    (["search", "aide", "--thematique", "n-existe-pas"], 1, "hématique"),
    (["search", "aide", "--gratuit", "--payant"], 2, "incompatible"),
    (["search", "aide", "--json=oui"], 2, "ne prend pas de valeur"),
    (["--user", "admin", "rgpd", "purge"], 2, "l'un de ces arguments est obligatoire"),
    (["indicateurs", "--annee", "deux-mille"], 2, "valeur invalide"),
    (["indicateurs", "--annee", "99999"], 1, "Année invalide"),
    (["indicateurs", "--annee", "2026", "--trimestre", "5"], 2, "choix invalide"),
    (["indicateurs"], 2, "arguments obligatoires manquants"),
    (["import"], 2, "arguments obligatoires manquants"),
    (["import", "a.csv", "b.json"], 2, "séparément"),
    (["export"], 2, "arguments obligatoires manquants"),
    (["commande-inconnue"], 2, "choix invalide"),
    (["secteur", "zzzzzzzz"], 1, "ommune"),
    (["a-actualiser", "--partenaire", "inconnu"], 2, "partenaire inconnu"),
    (
        [
            "--user",
            "personne",
            "profil-ajouter",
            "x",
            "--role",
            "ass",
            "--prenom",
            "A",
            "--nom",
            "B",
        ],
        1,
        "compte du poste",
    ),
    (
        ["profil-ajouter", "x", "--role", "pilote", "--prenom", "A", "--nom", "B"],
        2,
        "choix invalide",
    ),
    (
        [
            "--user",
            "admin",
            "profil-ajouter",
            "x",
            "--role",
            "ass",
            "--prenom",
            "A",
            "--nom",
            "B",
            "--etp",
            "nan",
        ],
        2,
        "fini attendu",
    ),
    (["restaurer", "absent.db"], 1, "Fichier introuvable : absent.db"),
    (["sauvegarde"], 2, "arguments obligatoires manquants"),
]


@pytest.mark.parametrize(
    ("argv", "code", "words"), ARGUMENTS, ids=[" ".join(a[0])[:60] for a in ARGUMENTS]
)
def test_a_bad_command_line_is_a_french_usage_error(
    base, capsys, argv, code, words, monkeypatch, tmp_path
):
    monkeypatch.chdir(tmp_path)
    before = table_digest(base)
    got, _, err = _cli(capsys, [*argv, "--db", str(base)])
    assert got == code, err
    assert words in err, err
    assert table_digest(base) == before


def test_there_are_at_least_a_hundred_malformed_inputs():
    total = len(JSON_FILES) + len(JSON_RECORDS) + len(CSV_FILES) + len(SYNC_PAGES)
    total += len(ARGUMENTS) + len(NOT_FILES)
    assert total >= 100, total
