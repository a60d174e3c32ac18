"""Who is who: an identity nobody can fake, passwords, rights of each command, file modes.

Issue « One base for the whole département », Signing in: on a real base the terminal's
profile is the OS account's (its uid), ``--user``/``$BINOME_USER``/``$USER`` never make anyone
someone else, every command that changes the base checks the right to do it
(``caseload.acces.PERMISSIONS``), and the base is readable by its owner only.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from caseload import acces
from caseload.acces import (
    MAX_FAILURES,
    AccessDenied,
    authenticate,
    create_profil,
    get_profil,
    is_demo_base,
    os_account,
    set_password,
    terminal_profil,
)
from caseload.database import open_project_database
from ressources.errors import BinomeError
from tui.cli import main

PASSWORD = "corde-sel-7-lune"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    """What the base holds, table by table (a write anywhere changes it)."""
    db = open_project_database(path)
    try:
        tables = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
                "ORDER BY name"
            )
        ]
        h = hashlib.sha256()
        for table in tables:
            for row in db.execute(f"SELECT * FROM [{table}] ORDER BY 1"):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        db.close()


@pytest.fixture
def real_base(demo_db_path) -> Path:
    """The demo base made real: its administrateur Marie is not the OS account running the
    tests, whose own profile is the conseiller ``cons-poste``."""
    db = open_project_database(demo_db_path)
    create_profil(
        db,
        acces.get_profil(db, "admin"),
        id="marie",
        role="administrateur",
        prenom="Marie",
        nom="Réel",
        login="marie",
    )
    admin = get_profil(db, "marie")
    create_profil(
        db,
        admin,
        id="cons-poste",
        role="conseiller",
        prenom="Paul",
        nom="Poste",
        login=os_account(),
        agence="montauban-nord",
        partenaire="france-travail-82",
    )
    set_password(db, admin, "marie", PASSWORD)
    db.close()
    return demo_db_path


def cli(path: Path, *args: str, env: dict[str, str] | None = None, stdin: str = ""):
    """``binome`` as a real process, with extra environment variables."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", "--db", str(path), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
    )


# -- the terminal's identity ---------------------------------------------------------------
def test_the_demo_seed_makes_a_demo_base_and_the_first_real_row_ends_it(demo_db):
    assert is_demo_base(demo_db)
    assert terminal_profil(demo_db, "admin").id == "admin"
    with pytest.raises(BinomeError, match="le premier profil réel est un administrateur"):
        create_profil(
            demo_db,
            get_profil(demo_db, "admin"),
            id="vraie",
            role="conseiller",
            prenom="Vraie",
            nom="Personne",
            agence="montauban-nord",
        )
    assert is_demo_base(demo_db)
    create_profil(
        demo_db,
        get_profil(demo_db, "admin"),
        id="vraie",
        role="administrateur",
        prenom="Vraie",
        nom="Personne",
    )
    assert not is_demo_base(demo_db)


def test_on_a_real_base_user_option_cannot_make_anyone_someone_else(real_base, capsys):
    before = digest(real_base)
    for who in ("marie", "admin", "inconnu"):
        code, _, err = run(
            capsys,
            "--db",
            real_base,
            "--user",
            who,
            "profil-ajouter",
            "intrus",
            "--role",
            "administrateur",
            "--prenom",
            "I",
            "--nom",
            "Ntrus",
        )
        assert code == 1 and "compte du poste" in err, who
        assert "cons-poste" not in err and "marie" not in err  # nobody is listed
    assert digest(real_base) == before


def test_user_env_binome_user_and_logname_are_no_identity(real_base):
    before = digest(real_base)
    attempts = [
        {"USER": "marie", "LOGNAME": "marie"},
        {"USER": "admin", "LOGNAME": "admin"},
        {"BINOME_USER": "marie"},
    ]
    for env in attempts:
        done = cli(
            real_base,
            "profil-ajouter",
            "intrus",
            "--role",
            "administrateur",
            "--prenom",
            "I",
            "--nom",
            "Ntrus",
            env=env,
        )
        assert done.returncode == 1, env
        assert done.stderr.startswith("binome : ") and "Traceback" not in done.stderr
    assert digest(real_base) == before
    # The OS account's own profile is who runs the command, whatever $USER says.
    done = cli(real_base, "profils", env={"USER": "marie"})
    assert done.returncode == 0


def test_own_profile_named_by_user_option_is_accepted(real_base):
    db = open_project_database(real_base)
    assert terminal_profil(db).id == "cons-poste"
    assert terminal_profil(db, "cons-poste").id == "cons-poste"
    with pytest.raises(AccessDenied):
        terminal_profil(db, "marie")
    db.close()


def test_demo_profiles_are_inert_on_a_real_base(real_base, monkeypatch):
    monkeypatch.setattr(acces, "os_account", lambda: "admin")  # an OS account named admin
    db = open_project_database(real_base)
    assert terminal_profil(db) is None
    with pytest.raises(AccessDenied):
        authenticate(db, "admin", "admin", now=NOW)
    db.close()


@pytest.mark.parametrize(
    "args",
    [
        ("import", "FICHIER"),
        ("sync", "http://127.0.0.1:9/api"),
        ("init", "--sans-demo"),
        ("partenaire-ajouter", "ccas-x", "--nom", "CCAS X"),
        ("profil-desactiver", "marie"),
        ("profil-reactiver", "marie"),
        ("sauvegarde", "COPIE"),
        ("restaurer", "FICHIER"),
        ("rgpd", "purge", "--confirmer"),
    ],
)
def test_commands_that_change_the_base_refuse_a_conseiller(real_base, tmp_path, capsys, args):
    exported = tmp_path / "in.json"
    exported.write_text(json.dumps({"structures": [], "services": []}), encoding="utf-8")
    copy = tmp_path / "copie.db"
    args = tuple({"FICHIER": str(exported), "COPIE": str(copy)}.get(a, a) for a in args)
    before = digest(real_base)
    code, _, err = run(capsys, "--db", real_base, *args)
    assert code == 1 and err.startswith("binome : Seul un administrateur"), err
    assert digest(real_base) == before
    assert not copy.exists()


def test_import_with_no_profile_at_all_is_refused(reference_db_path, tmp_path, capsys):
    payload = tmp_path / "in.json"
    payload.write_text(json.dumps({"structures": [], "services": []}), encoding="utf-8")
    before = digest(reference_db_path)
    code, _, err = run(capsys, "--db", reference_db_path, "import", payload)
    assert code == 1 and "Seul un administrateur importe" in err
    code, _, err = run(capsys, "--db", reference_db_path, "sync", "http://127.0.0.1:9/api")
    assert code == 1 and "Seul un administrateur synchronise" in err
    assert digest(reference_db_path) == before


def test_a_new_real_base_gets_its_first_administrateur_then_no_other(tmp_path, capsys, monkeypatch):
    path = tmp_path / "vraie.db"
    code, _, err = run(capsys, "--db", path, "init", "--sans-demo")
    assert code == 0, err
    code, out, err = run(
        capsys,
        "--db",
        path,
        "profil-ajouter",
        "marie",
        "--role",
        "administrateur",
        "--prenom",
        "Marie",
        "--nom",
        "Réel",
    )
    assert code == 0, err
    assert f"reconnu sur le compte « {os_account()} »" in out
    # Someone else at the same machine is not that administrateur…
    monkeypatch.setattr(acces, "os_account", lambda: "voisin")
    code, _, err = run(
        capsys,
        "--db",
        path,
        "profil-ajouter",
        "intrus",
        "--role",
        "administrateur",
        "--prenom",
        "I",
        "--nom",
        "N",
    )
    assert code == 1 and "Aucun profil n'est associé à votre compte" in err
    # …and cannot become anyone with --user either.
    code, _, err = run(
        capsys,
        "--db",
        path,
        "--user",
        "marie",
        "profil-ajouter",
        "intrus",
        "--role",
        "administrateur",
        "--prenom",
        "I",
        "--nom",
        "N",
    )
    assert code == 1 and "compte du poste" in err
    db = open_project_database(path)
    assert [r[0] for r in db.execute("SELECT id FROM profils")] == ["marie"]
    db.close()


def test_the_base_and_its_folder_are_readable_by_their_owner_only(tmp_path, capsys):
    path = tmp_path / "dossier" / "sous-dossier" / "binome.db"
    code, _, err = run(capsys, "--db", path, "init")
    assert code == 0, err
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    wal = path.with_name("binome.db-wal")
    if wal.exists():
        assert stat.S_IMODE(wal.stat().st_mode) & 0o077 == 0


# -- passwords -----------------------------------------------------------------------------
def test_an_unknown_account_is_checked_against_a_hash_as_costly_as_a_real_one(real_base):
    """The dummy hash (written out in acces.py) has the parameters a password stored today
    gets: refusing an unknown identifiant takes the time of a real check."""
    db = open_project_database(real_base)
    stored = db.execute("SELECT mot_de_passe FROM profils WHERE id = 'marie'").fetchone()[0]
    db.close()
    params = acces._DUMMY_HASH.split("$")[:4]
    assert params == stored.split("$")[:4] and params[1] == "argon2id"
    assert not acces._HASHER.check_needs_rehash(acces._DUMMY_HASH)
    assert acces._HASHER.verify(acces._DUMMY_HASH, "binome-dummy-password")


def test_sign_in_with_the_right_password_only(real_base):
    db = open_project_database(real_base)
    assert authenticate(db, "marie", PASSWORD, now=NOW).id == "marie"
    for identifiant, password in (
        ("marie", "mauvais-mot-de-passe"),
        ("marie", ""),
        ("personne", PASSWORD),
        ("", ""),
    ):
        with pytest.raises(AccessDenied) as exc:
            authenticate(db, identifiant, password, now=NOW)
        assert str(exc.value) == acces.WRONG_CREDENTIALS
        assert str(exc.value).startswith("Identifiant ou mot de passe incorrect.")
    stored = db.execute("SELECT mot_de_passe FROM profils WHERE id = 'marie'").fetchone()[0]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    db.close()
    assert PASSWORD.encode() not in real_base.read_bytes()


def test_five_failures_lock_the_account_for_a_while(real_base):
    db = open_project_database(real_base)
    for _ in range(MAX_FAILURES):
        with pytest.raises(AccessDenied, match="incorrect"):
            authenticate(db, "marie", "pas-le-bon-mot", now=NOW)
    # Locked: even the right password is refused, in the very words of a wrong one.
    with pytest.raises(AccessDenied) as locked:
        authenticate(db, "marie", PASSWORD, now=NOW + timedelta(minutes=1))
    assert str(locked.value) == acces.WRONG_CREDENTIALS
    later = NOW + timedelta(minutes=acces.LOCK_MINUTES + 1)
    assert authenticate(db, "marie", PASSWORD, now=later).id == "marie"
    # A success resets the count: four failures then a success never lock.
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(AccessDenied):
            authenticate(db, "marie", "pas-le-bon-mot", now=later)
    assert authenticate(db, "marie", PASSWORD, now=later).id == "marie"
    with pytest.raises(AccessDenied, match="incorrect"):
        authenticate(db, "marie", "pas-le-bon-mot", now=later)
    db.close()


def test_a_locked_account_cannot_be_told_from_an_unknown_one(real_base):
    """Guessing identifiants: six tries on an existing account and on a made-up one give the
    same answers, so the lock does not reveal who has an account."""
    db = open_project_database(real_base)
    existing = []
    unknown = []
    for _ in range(MAX_FAILURES + 2):
        for ident, answers in (("marie", existing), ("marie-qui-n-existe-pas", unknown)):
            with pytest.raises(AccessDenied) as exc:
                authenticate(db, ident, "pas-le-bon-mot", now=NOW)
            answers.append(str(exc.value))
    assert existing == unknown == [acces.WRONG_CREDENTIALS] * (MAX_FAILURES + 2)
    db.close()


def test_demo_profiles_sign_in_with_their_identifiant_on_the_demo_base(demo_db):
    assert authenticate(demo_db, "ass-mtb-04", "ass-mtb-04", now=NOW).id == "ass-mtb-04"
    with pytest.raises(AccessDenied):
        authenticate(demo_db, "ass-mtb-04", "admin", now=NOW)


def test_password_command_reads_standard_input_and_checks_who(real_base):
    # The OS account's conseiller sets their own password from a script.
    done = cli(real_base, "profil-mot-de-passe", "cons-poste", stdin="une-phrase-longue\n")
    assert done.returncode == 0, done.stderr
    assert "une-phrase-longue" not in done.stdout + done.stderr
    db = open_project_database(real_base)
    assert authenticate(db, "cons-poste", "une-phrase-longue", now=NOW).id == "cons-poste"
    db.close()
    # …but not the administrateur's.
    done = cli(real_base, "profil-mot-de-passe", "marie", stdin="prise-de-pouvoir-1\n")
    assert done.returncode == 1 and "votre propre mot de passe" in done.stderr
    # Too short, or the identifiant itself: refused in French.
    done = cli(real_base, "profil-mot-de-passe", "cons-poste", stdin="court\n")
    assert done.returncode == 1 and "au moins 10 caractères" in done.stderr
    done = cli(real_base, "profil-mot-de-passe", "cons-poste", stdin="")
    assert done.returncode == 2 and "aucun mot de passe" in done.stderr


def test_an_administrateur_sets_anyones_password_and_unlocks(real_base):
    db = open_project_database(real_base)
    for _ in range(MAX_FAILURES):
        with pytest.raises(AccessDenied):
            authenticate(db, "cons-poste", "rien-du-tout", now=NOW)
    set_password(db, get_profil(db, "marie"), "cons-poste", "nouvelle-phrase-9")
    assert authenticate(db, "cons-poste", "nouvelle-phrase-9", now=NOW).id == "cons-poste"
    with pytest.raises(AccessDenied):
        set_password(db, get_profil(db, "cons-poste"), "marie", "nouvelle-phrase-9")
    db.close()


# -- partners keep their own entries ---------------------------------------------------------
FT_ENTRY = "binome-demo--ft-accompagnement-montauban"
CAF_ENTRY = "binome-demo--caf-rendez-vous-droits"


def test_every_demo_partner_has_someone_to_keep_its_entries(demo_db):
    from ressources.edition import EDITOR_ROLES, partenaires

    for partner in partenaires(demo_db):
        keepers = demo_db.execute(
            f"SELECT count(*) FROM profils WHERE partenaire = ? AND role IN "
            f"({','.join('?' * len(EDITOR_ROLES))})",
            [partner.slug, *EDITOR_ROLES],
        ).fetchone()[0]
        assert keepers >= 1, partner.slug


def test_partners_staff_and_conseillers_edit_their_own_partner_entries_only(demo_db):
    from ressources import edition
    from ressources.errors import AccessDenied

    def rename(profil_id: str, entry: str) -> int:
        current = edition.read_service(demo_db, entry)
        return edition.update_service(
            demo_db,
            get_profil(demo_db, profil_id),
            entry,
            {"nom": current["nom"] + " (mis à jour)"},
            version=current["version"],
            now=NOW.replace(tzinfo=None),
        )

    assert rename("caf-82-01", CAF_ENTRY) == 2
    assert rename("cons-albasud-01", FT_ENTRY) == 2
    with pytest.raises(AccessDenied, match="tenue par CAF"):
        rename("cons-albasud-01", CAF_ENTRY)
    with pytest.raises(AccessDenied, match="tenue par France Travail"):
        rename("caf-82-01", FT_ENTRY)
    with pytest.raises(AccessDenied):
        rename("cpam-82-01", CAF_ENTRY)
    # An edited demo entry is still a demo entry: the base stays a demo base.
    assert is_demo_base(demo_db)


def test_partners_staff_see_no_demandeur(demo_db):
    from caseload.store import Caseload

    staff = Caseload(demo_db, get_profil(demo_db, "caf-82-01"))
    assert staff.portefeuille() == []


# -- the first administrateur, once (security review of 2026-12-01) ---------------------------
def test_the_first_administrateur_path_closes_for_good(tmp_path, capsys, monkeypatch):
    path = tmp_path / "vraie.db"
    run(capsys, "--db", path, "init", "--sans-demo")
    code, _, err = run(
        capsys,
        "--db",
        path,
        "profil-ajouter",
        "marie",
        "--role",
        "administrateur",
        "--prenom",
        "Marie",
        "--nom",
        "Réel",
    )
    assert code == 0, err
    # The last administrateur cannot be deactivated (the path would reopen).
    code, _, err = run(capsys, "--db", path, "profil-desactiver", "marie")
    assert code == 1 and "dernier administrateur" in err
    db = open_project_database(path)
    with pytest.raises(AccessDenied):
        create_profil(db, None, id="mallory", role="administrateur", prenom="M", nom="L")
    db.close()
    # Nor be given another role by profil-ajouter on the same identifiant, which left a
    # base with no administrateur (fault-injection run of 2026-12-08).
    demoted = ["profil-ajouter", "marie", "--role", "conseiller", "--prenom", "Marie"]
    demoted += ["--nom", "Réel", "--agence", "montauban-nord"]
    code, _, err = run(capsys, "--db", path, *demoted)
    assert code == 1 and "dernier administrateur" in err
    db = open_project_database(path)
    assert get_profil(db, "marie").role == "administrateur"
    db.close()
    # Updated the same way, a profile keeps the account it is recognised on.
    code, out, err = run(capsys, "--db", path, *demoted[:3], "administrateur", *demoted[4:8])
    assert code == 0 and "Profil mis à jour" in out, err
    db = open_project_database(path)
    assert get_profil(db, "marie").nom == "Réel"
    assert get_profil(db, "marie").login == os_account()
    db.close()


def test_the_first_administrateur_never_takes_an_existing_identifiant(demo_db):
    # A demo base made real by a real entry: its demo profiles are inert, none is real.
    demo_db.execute("UPDATE services SET demo = 0 WHERE rowid = (SELECT min(rowid) FROM services)")
    assert not is_demo_base(demo_db)
    with pytest.raises(AccessDenied, match="existe déjà"):
        create_profil(demo_db, None, id="admin", role="administrateur", prenom="M", nom="L")
    assert get_profil(demo_db, "admin").prenom == "Administration"  # untouched


def test_a_demo_identifiant_is_never_given_to_a_real_person(demo_db):
    with pytest.raises(BinomeError, match="profil de démonstration"):
        create_profil(
            demo_db,
            get_profil(demo_db, "admin"),
            id="admin",
            role="administrateur",
            prenom="Marie",
            nom="Durand",
            login="marie",
        )


def test_one_name_is_one_person(real_base):
    db = open_project_database(real_base)
    marie = get_profil(db, "marie")
    with pytest.raises(BinomeError, match="déjà celui d'un autre profil"):
        create_profil(
            db,
            marie,
            id="jd",
            role="conseiller",
            prenom="J",
            nom="D",
            login="cons-poste",
            agence="montauban-nord",
        )
    with pytest.raises(BinomeError, match="déjà le login d'un autre profil"):
        create_profil(
            db,
            marie,
            id=os_account(),
            role="conseiller",
            prenom="J",
            nom="D",
            login="autre",
            agence="montauban-nord",
        )
    # The « Nouveau profil » form asks for someone new: an identifiant taken is refused,
    # not that person's role and attachment overwritten.
    before = get_profil(db, "cons-poste")
    with pytest.raises(BinomeError, match="déjà celui d'un profil"):
        create_profil(
            db,
            marie,
            id="cons-poste",
            role="partenaire",
            prenom="J",
            nom="D",
            partenaire="caf-82",
            new=True,
        )
    assert get_profil(db, "cons-poste") == before
    db.close()


def _guess(path: str, password: str) -> tuple[str, int]:
    """One sign-in attempt in its own process: the answer, and how many real password hashes
    it checked (the dummy hash that evens out timings aside)."""
    checked = []
    real_verify = acces._verify

    def counting(hashed: str, typed: str) -> bool:
        if hashed != acces._DUMMY_HASH:
            checked.append(hashed)
        return real_verify(hashed, typed)

    acces._verify = counting
    db = open_project_database(path)
    try:
        authenticate(db, "marie", password, now=NOW)
        return "ok", len(checked)
    except AccessDenied as exc:
        return str(exc), len(checked)
    finally:
        db.close()


def test_simultaneous_guesses_check_at_most_five_passwords(real_base):
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(8) as pool:
        answers = pool.starmap(_guess, [(str(real_base), f"essai-{n}") for n in range(16)])
    assert [text for text, _ in answers] == [acces.WRONG_CREDENTIALS] * 16, answers
    assert 1 <= sum(checks for _, checks in answers) <= MAX_FAILURES, answers
    db = open_project_database(real_base)
    with pytest.raises(AccessDenied):
        authenticate(db, "marie", PASSWORD, now=NOW)
    db.close()


def test_a_password_that_is_not_text_is_refused_in_french(real_base):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui.cli",
            "--db",
            str(real_base),
            "profil-mot-de-passe",
            "cons-poste",
        ],
        input=b"abc\xff\xfe-long-enough\n",
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert "UTF-8" in done.stderr.decode()


# -- copies of personal data are private (security review) -------------------------------------
def test_backups_access_exports_and_documents_are_readable_by_their_owner_only(
    real_base, tmp_path, monkeypatch
):
    old = os.umask(0o022)  # a usual umask: files would be 0644
    try:
        monkeypatch.setattr(acces, "os_account", lambda: "marie")  # the administrateur
        copy = tmp_path / "copie.db"
        assert main(["--db", str(real_base), "sauvegarde", str(copy)]) == 0
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert main(["--db", str(real_base), "restaurer", str(copy)]) == 0
        kept = real_base.with_name(real_base.name + ".avant-restauration")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
        sortie = tmp_path / "acces.txt"
        assert main(["--db", str(real_base), "rgpd", "acces", "1", "--sortie", str(sortie)]) == 0
        assert stat.S_IMODE(sortie.stat().st_mode) == 0o600
        from tui.files import fiches_dir, save_document

        class Terminal:
            is_web = False

        save_document(Terminal(), "fiche-1.pdf", b"%PDF", "application/pdf")  # type: ignore[arg-type]
        assert stat.S_IMODE(fiches_dir().stat().st_mode) == 0o700
        assert stat.S_IMODE((fiches_dir() / "fiche-1.pdf").stat().st_mode) == 0o600
    finally:
        os.umask(old)
