"""The `binome` command, through its entry point, on real SQLite files."""

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from acteurs import make_os_account_administrateur

from caseload.acces import os_account
from ressources import db as dbmod
from tui.cli import main

REQUIRED_KEYS = {
    "id",
    "nom",
    "structure",
    "commune",
    "code_insee",
    "thematiques",
    "score",
    "distance_km",
}


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_ranks_the_named_commune_first(capsys, demo_db_path):
    code, out, err = run(
        capsys, "--db", demo_db_path, "search", "epicerie", "solidaire", "moissac", "--json"
    )
    assert code == 0, err
    results = json.loads(out)
    assert results and set(results[0]) >= REQUIRED_KEYS
    assert results[0]["commune"] == "Moissac" and results[0]["code_insee"] == "82112"
    distances = [r["distance_km"] for r in results]
    assert all(d is not None for d in distances)


def test_search_text_output_with_filters(capsys, demo_db_path):
    code, out, _ = run(
        capsys,
        "search",
        "logement",
        "--db",
        demo_db_path,
        "--commune",
        "st antonin",
        "--rayon",
        "25",
        "--limit",
        "5",
    )
    assert code == 0
    assert "Autour de Saint-Antonin-Noble-Val (82140)" in out
    assert " 1. " in out and " km" in out


def test_search_says_which_services_cannot_take_the_person(capsys, demo_db_path):
    """ressources.eligibility through `binome search`: for « un homme de 50 ans », the
    services for women alone or for the 16-25 come last, each with whom it is for."""
    query = ("un", "homme", "de", "50", "ans", "qui", "a", "perdu", "confiance", "au", "chomage")
    code, out, err = run(capsys, "--db", demo_db_path, "search", *query, "--json")
    assert code == 0, err
    results = json.loads(out)
    later = [i for i, r in enumerate(results) if r["hors_public"]]
    assert later and later == list(range(later[0], len(results)))
    assert {results[i]["hors_public"] for i in later} <= {"femmes", "16-25 ans"}
    code, out, _ = run(capsys, "--db", demo_db_path, "search", *query, "--limit", "50")
    assert code == 0
    assert f"réservé aux {results[later[0]]['hors_public']}, listé après les services" in out


def test_search_by_thematique_label_without_accents(capsys, demo_db_path):
    code, out, _ = run(
        capsys,
        "--db",
        demo_db_path,
        "search",
        "aide",
        "--thematique",
        "hebergement d'urgence",
        "--json",
    )
    assert code == 0
    assert all("hebergement-urgence" in r["thematiques"] for r in json.loads(out))


def test_unknown_or_ambiguous_commune_exits_non_zero_with_a_french_line(capsys, demo_db_path):
    code, out, err = run(
        capsys, "--db", demo_db_path, "search", "logement", "--commune", "Montauban-de-Bretagne"
    )
    assert code != 0 and out == ""
    assert err.startswith("binome : Aucune commune du Tarn-et-Garonne")
    code, _, err = run(capsys, "--db", demo_db_path, "search", "logement", "--commune", "castel")
    assert code != 0 and "Castelsarrasin" in err and "Castelmayran" in err
    assert "Traceback" not in err


def test_unknown_thematique_and_bad_arguments(capsys, demo_db_path):
    code, _, err = run(capsys, "--db", demo_db_path, "search", "x", "--thematique", "astronomie")
    assert code == 1 and "Thématique inconnue" in err
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(demo_db_path), "search", "x", "--limit", "0"])
    assert exc.value.code == 2
    assert "le nombre doit être au moins 1" in capsys.readouterr().err


def test_locked_database_is_reported_in_french(capsys, demo_db_path, tmp_path, monkeypatch):
    exported = tmp_path / "base.json"
    run(capsys, "--db", demo_db_path, "export", exported)
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 100)
    # The import waits for the busy base the whole retry budget ($BINOME_ATTENTE_MAX, 15 s by
    # default) before it gives up: half a second is enough to see it wait, then give up.
    monkeypatch.setenv("BINOME_ATTENTE_MAX", "0.5")
    other = sqlite3.connect(demo_db_path)
    other.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        # Reading still works (WAL), writing waits then gives up with a clear message.
        code, out, _ = run(capsys, "--db", demo_db_path, "search", "logement", "--json")
        assert code == 0 and json.loads(out)
        code, _, err = run(capsys, "--db", demo_db_path, "--user", "admin", "import", exported)
    finally:
        other.rollback()
        other.close()
    assert code == 1 and "verrouillée" in err and "Traceback" not in err


def test_broken_database_file_is_reported_and_kept(capsys, tmp_path):
    path = tmp_path / "binome.db"
    path.write_bytes(b"\x00garbage" * 64)
    code, _, err = run(capsys, "--db", path, "search", "logement")
    assert code == 1 and "n'est pas une base Binôme lisible" in err
    assert path.read_bytes() == b"\x00garbage" * 64


def test_init_sans_demo_keeps_only_reference_data(capsys, tmp_path):
    path = tmp_path / "live.db"
    code, out, _ = run(capsys, "--db", path, "init", "--sans-demo")
    assert code == 0 and "0 ressources, dont 0 de démonstration" in out
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM communes").fetchone()[0] == 195
    assert con.execute("SELECT count(*) FROM thematiques").fetchone()[0] == 22
    assert con.execute("SELECT count(*) FROM synonymes").fetchone()[0] > 20


def test_init_sans_demo_removes_demo_from_an_existing_base(capsys, demo_db_path):
    code, out, _ = run(capsys, "--db", demo_db_path, "--user", "admin", "init", "--sans-demo")
    assert code == 0 and "ressources de démonstration retirées" in out
    code, out, _ = run(capsys, "--db", demo_db_path, "search", "logement", "--json")
    assert json.loads(out) == []


def test_first_run_creates_and_seeds_the_default_database(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("BINOME_DB", str(tmp_path / "fresh" / "binome.db"))
    code, out, _ = run(capsys, "search", "mission", "locale", "--json")
    assert code == 0 and json.loads(out)
    assert (tmp_path / "fresh" / "binome.db").exists()


def test_export_then_import_round_trip(capsys, demo_db_path, tmp_path):
    exported = tmp_path / "base.json"
    code, out, _ = run(capsys, "--db", demo_db_path, "export", exported)
    assert code == 0 and "Exporté" in out
    target = tmp_path / "other.db"
    run(capsys, "--db", target, "init", "--sans-demo")
    make_os_account_administrateur(target)
    code, out, err = run(capsys, "--db", target, "import", exported)
    assert code == 0 and "0 erreur." in out, err
    again = tmp_path / "again.json"
    run(capsys, "--db", target, "export", again)
    assert json.loads(again.read_text("utf-8")) == json.loads(exported.read_text("utf-8"))


def test_import_reports_each_rejected_record(capsys, reference_db_path, tmp_path):
    payload = {
        "structures": [
            {"source": "t", "id": "t--1", "nom": "Structure test", "date_maj": "2025-01-01"}
        ],
        "services": [
            {
                "source": "t",
                "id": "t--ok",
                "structure_id": "t--1",
                "nom": "Service valide",
                "description": "Une description suffisante.",
                "date_maj": "2025-01-01",
            },
            {
                "source": "t",
                "id": "t--ko",
                "structure_id": "t--1",
                "nom": "Service invalide",
                "date_maj": "2025-01-01",
            },
        ],
    }
    path = tmp_path / "in.json"
    make_os_account_administrateur(reference_db_path)
    path.write_text(json.dumps(payload), encoding="utf-8")
    code, out, err = run(capsys, "--db", reference_db_path, "import", path)
    assert code == 1
    assert "rejeté : Service t--ko, champ « description » : champ obligatoire manquant" in err
    assert "1 service ;" in out


def test_the_console_script_runs(demo_db_path):
    binome = shutil.which("binome", path=str(Path(sys.executable).parent))
    assert binome, "the binome console script is installed"
    done = subprocess.run(
        [binome, "--db", str(demo_db_path), "search", "CAF", "--json", "--limit", "3"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 3


def test_search_with_filters_only_and_with_nothing(capsys, demo_db_path):
    code, out, _ = run(
        capsys,
        "--db",
        demo_db_path,
        "search",
        "--commune",
        "caussade",
        "--thematique",
        "mobilite",
        "--json",
    )
    results = json.loads(out)
    assert code == 0 and results
    assert all("mobilite" in r["thematiques"] for r in results)
    # In (or serving) Caussade first, then the others by whole kilometres.
    away = [r for r in results if r["commune"] != "Caussade"]
    rounded = [round(r["distance_km"]) for r in away]
    assert results[0]["commune"] == "Caussade" and rounded[-3:] == sorted(rounded[-3:])
    code, _, err = run(capsys, "--db", demo_db_path, "search")
    assert code == 2 and "au moins un filtre" in err


def test_a_actualiser_for_a_weekly_reminder(capsys, demo_db_path):
    code, out, _ = run(
        capsys, "--db", demo_db_path, "a-actualiser", "--partenaire", "caf-82", "--json"
    )
    data = json.loads(out)
    assert code == 0 and set(data) == {"a_actualiser", "bientot", "signalements"}
    assert all(item["partenaire"] == "caf-82" for item in data["a_actualiser"] + data["bientot"])
    code, _, err = run(capsys, "--db", demo_db_path, "a-actualiser", "--partenaire", "inconnu")
    assert code == 2 and "partenaire inconnu" in err


def test_csv_export_then_import_round_trip(capsys, demo_db_path, tmp_path):
    exported = tmp_path / "base.csv"
    code, out, _ = run(capsys, "--db", demo_db_path, "export", exported)
    assert code == 0 and "Exporté" in out
    assert exported.read_bytes().startswith("\ufeffsource;structure_id;id;".encode())
    target = tmp_path / "other.db"
    run(capsys, "--db", target, "init", "--sans-demo")
    make_os_account_administrateur(target)
    code, out, err = run(capsys, "--db", target, "import", exported)
    assert code == 0 and "0 erreur." in out, err
    again = tmp_path / "AGAIN.CSV"
    run(capsys, "--db", target, "export", again)
    assert again.read_bytes() == exported.read_bytes()


def test_csv_import_reports_lines_and_ignored_columns(capsys, reference_db_path, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(
        "id;structure_id;source;nom;description;date_maj;structure_nom;structure_source;"
        "structure_date_maj;notes\n"
        "t--ok;t--1;t;Service valide;Une description suffisante.;2025-01-01;Structure;t;"
        "2025-01-01;à voir\n"
        "t--ko;t--1;t;Service invalide;;2025-01-01;;;;\n",
        encoding="utf-8",
    )
    make_os_account_administrateur(reference_db_path)
    code, out, err = run(capsys, "--db", reference_db_path, "import", path)
    assert code == 1 and "1 service ;" in out
    assert "colonne ignorée (inconnue) : notes" in err
    assert "rejeté : Service t--ko (ligne 3), champ « description » : champ obligatoire" in err
    code, _, err = run(capsys, "--db", reference_db_path, "import", path, tmp_path / "b.json")
    assert code == 2 and "séparément" in err


def test_an_administrateur_manages_profiles_and_partners(capsys, demo_db_path):
    code, _, err = run(
        capsys,
        "--db",
        demo_db_path,
        "--user",
        "cons-albasud-01",
        "profil-ajouter",
        "x",
        "--role",
        "ass",
        "--prenom",
        "A",
        "--nom",
        "B",
        "--mds",
        "montauban",
    )
    assert code == 1 and "Seul un administrateur" in err
    code, _, err = run(
        capsys,
        "--db",
        demo_db_path,
        "--user",
        "admin",
        "profil-ajouter",
        "y",
        "--role",
        "ass",
        "--prenom",
        "A",
        "--nom",
        "B",
        "--mds",
        "nulle-part",
    )
    assert code == 1 and "mds inconnu(e)" in err
    code, out, err = run(
        capsys,
        "--db",
        demo_db_path,
        "--user",
        "admin",
        "partenaire-ajouter",
        "ccas-moissac",
        "--nom",
        "CCAS de Moissac",
        "--type",
        "ccas",
        "--thematiques",
        "difficultes-financieres,logement-hebergement",
    )
    assert code == 0, err
    code, out, _ = run(capsys, "--db", demo_db_path, "partenaires", "--json")
    added = next(p for p in json.loads(out) if p["slug"] == "ccas-moissac")
    assert added["thematiques"] == ["difficultes-financieres", "logement-hebergement"]
    # The demo's administrateur makes the base real by naming its real administrateur (the
    # OS account running these tests), who then manages the people.
    code, out, err = run(
        capsys,
        "--db",
        demo_db_path,
        "--user",
        "admin",
        "profil-ajouter",
        "ass-nouvelle",
        "--role",
        "ass",
        "--prenom",
        "Zoé",
        "--nom",
        "Rivière",
        "--mds",
        "montauban",
    )
    assert code == 1 and "le premier profil réel est un administrateur" in err
    code, _, err = run(
        capsys,
        "--db",
        demo_db_path,
        "--user",
        "admin",
        "profil-ajouter",
        "marie",
        "--role",
        "administrateur",
        "--prenom",
        "Marie",
        "--nom",
        "Réel",
        "--login",
        os_account(),
    )
    assert code == 0, err
    code, out, err = run(
        capsys,
        "--db",
        demo_db_path,
        "profil-ajouter",
        "ass-nouvelle",
        "--role",
        "ass",
        "--prenom",
        "Zoé",
        "--nom",
        "Rivière",
        "--mds",
        "montauban",
        "--partenaire",
        "cd82-mds-montauban",
    )
    assert code == 0, err
    code, out, _ = run(capsys, "--db", demo_db_path, "profils", "--json")
    assert any(p["id"] == "ass-nouvelle" and p["mds"] == "montauban" for p in json.loads(out))
    # A real person makes the base a real one: the demo administrateur is gone.
    code, _, err = run(
        capsys, "--db", demo_db_path, "--user", "admin", "profil-desactiver", "ass-nouvelle"
    )
    assert code == 1 and "compte du poste" in err
    code, _, err = run(capsys, "--db", demo_db_path, "profil-desactiver", "ass-nouvelle")
    assert code == 0, err
    code, out, _ = run(capsys, "--db", demo_db_path, "profils", "--json")
    assert code == 0 and not any(p["id"] == "ass-nouvelle" for p in json.loads(out))
    # She comes back: the same profile, as it was.
    code, out, err = run(capsys, "--db", demo_db_path, "profil-reactiver", "ass-nouvelle")
    assert code == 0 and "Profil réactivé" in out, err
    code, out, _ = run(capsys, "--db", demo_db_path, "profils", "--json")
    assert any(p["id"] == "ass-nouvelle" and p["mds"] == "montauban" for p in json.loads(out))
    code, _, err = run(capsys, "--db", demo_db_path, "profil-reactiver", "ass-nouvelle")
    assert code == 1 and "déjà actif" in err


def test_profils_lists_one_aligned_column_each_whatever_the_identifiant(capsys, demo_db_path):
    # « resp-castelsarrasin-moissac » used to push its role, name and MDS out of their columns.
    code, out, _ = run(capsys, "--db", demo_db_path, "profils")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split() == ["Identifiant", "Rôle", "Nom", "Rattachement"]
    role_at = header.index("Rôle")
    long_id = next(r for r in rows if r.startswith("resp-castelsarrasin-moissac "))
    assert long_id[role_at:].startswith("Responsable MDS")
    assert all(row[role_at - 2 : role_at] == "  " and row[role_at] != " " for row in rows)
    # A partner's staff shows the partner it belongs to.
    assert next(r for r in rows if r.startswith("caf-82-01 ")).endswith("caf-82")
