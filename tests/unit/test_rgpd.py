"""Personal data (avenant n°1 article 6; fiche de liaison, annexe 4): consent, journal,
access, erasure, limitation, retention, no financial content — domain and `binome rgpd`."""

from __future__ import annotations

import gc
import json
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest
from conftest import CASELOAD_TODAY

from caseload import parcours, rgpd
from caseload.acces import get_profil
from caseload.database import open_project_database
from caseload.indicateurs import Period, compute
from caseload.store import Caseload
from ressources.errors import AccessDenied
from tui.cli import main

TODAY = CASELOAD_TODAY
# A person no other row of the base could name by chance.
ZYGO = {
    "nom": "ZYGOMALESCU",
    "prenom": "Anatolie",
    "date_naissance": "1979-04-03",
    "code_insee": "82121",
    "adresse": "7 impasse des Quetzalcoatl",
    "telephone": "06 71 82 93 04",
    "identifiant_ft": "7654321Q",
    "identifiant_caf": "86420135",
    "consentement": True,
    "consentement_date": "2026-09-01",
    # parcours.THREE_DECISIONS (issue 11): the three « oui » to the Accompagnement Global.
    "decision_demandeur": "axe2",
    "decision_conseiller": "axe2",
    "decision_ass": "axe2",
}
# parcours.CONCERTATION_REQUIRED (issue 11): the three agreed to the exit.
ACCORD = parcours.Concertation(date(2026, 11, 20), parcours.Means.TELEPHONE)
ZYGO_NOTE = "Rendez-vous avec le docteur Xylophagos reporté."
TRACES = [
    "ZYGOMALESCU",
    "Anatolie",
    "Quetzalcoatl",
    "06 71 82 93 04",
    "7654321Q",
    "86420135",
    "Xylophagos",
]


def as_(db, profil_id: str) -> Caseload:
    return Caseload(db, get_profil(db, profil_id), clock=lambda: TODAY)


def opened_long_ago(db) -> None:
    """The files opened in 2014, under a convention that ended since (a convention cannot
    end before the files opened under it: `rgpd.set_retention`)."""
    db.execute("UPDATE demandeurs SET cree_le = '2014-06-02T09:00:00'")
    db.conn.commit()


def admin(db):
    return get_profil(db, "admin")


@pytest.fixture
def db(caseload_db_path):
    db = open_project_database(caseload_db_path)
    yield db
    db.close()


def ids_by_name(db) -> dict[str, int]:
    return {r["nom"]: r["id"] for r in db.query("SELECT id, nom FROM demandeurs")}


def run(capsys, *args):
    """``binome …``; a leading ``--user X`` also makes X the OS account running it (on a real
    base, --user is accepted only when it names the OS account's own profile)."""
    argv = [str(a) for a in args]
    with pytest.MonkeyPatch.context() as patch:
        if argv[:1] == ["--user"]:
            patch.setattr("caseload.acces.os_account", lambda: argv[1])
        code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def make_zygo(db) -> int:
    conseiller = as_(db, "cons-albasud-01")
    new = conseiller.create(ZYGO, prescription=date(2026, 9, 1), ass_id="ass-mtb-04")
    conseiller.apply(
        new,
        parcours.Action.VALIDATE_DIAGNOSTIC,
        date(2026, 9, 8),
        decision=parcours.Axe.AXE2,
        modalite=parcours.Modality.TRIPARTITE,
    )
    conseiller.apply(new, parcours.Action.ENTER, date(2026, 9, 15))
    conseiller.add_note(new, ZYGO_NOTE)
    as_(db, "ass-mtb-04").add_note(new, "Côté Département : visite à domicile Xylophagos.")
    return new


# -- consent -----------------------------------------------------------------------------------
def test_no_diagnostic_nor_entry_without_the_consentement_eclaire(db):
    """parcours.CONSENT_REQUIRED, avenant article 6: « Principe de respect du consentement éclairé
    de toute personne à être accompagnée »."""
    conseiller = as_(db, "cons-albasud-01")
    data = {k: v for k, v in ZYGO.items() if not k.startswith("consentement")}
    # Issue 11: axe 3 needs an ASS of the MDS and the three « oui » to the social exclusif.
    data.update(decision_demandeur="axe3", decision_conseiller="axe3", decision_ass="axe3")
    new = conseiller.create(data, prescription=date(2026, 11, 2), ass_id="ass-mtb-04")
    with pytest.raises(parcours.RuleViolation) as refused:
        conseiller.apply(
            new,
            parcours.Action.VALIDATE_DIAGNOSTIC,
            date(2026, 11, 9),
            decision=parcours.Axe.AXE2,
            modalite=parcours.Modality.TRIPARTITE,
        )
    assert refused.value.rule == "CONSENT_REQUIRED"
    assert refused.value.source.startswith(rgpd.AVENANT) and "article 6" in refused.value.source
    assert "consentement éclairé" in str(refused.value)
    assert "« Principe de respect du consentement éclairé" in str(refused.value)
    assert conseiller.get(new).parcours.etat is parcours.State.PRESCRIT

    conseiller.update_fiche(new, {"consentement": True, "consentement_date": "2026-11-09"})
    conseiller.apply(
        new,
        parcours.Action.VALIDATE_DIAGNOSTIC,
        date(2026, 11, 9),
        decision=parcours.Axe.AXE3,
        modalite=parcours.Modality.TRIPARTITE,
    )
    # Consent withdrawn before the entry: the entry into axe 3 is refused too.
    conseiller.update_fiche(new, {"consentement": False, "consentement_date": None})
    with pytest.raises(parcours.RuleViolation) as refused:
        conseiller.apply(new, parcours.Action.ENTER, date(2026, 11, 10))
    assert refused.value.rule == "CONSENT_REQUIRED"
    # Closing without entry needs no consent.
    conseiller.apply(new, parcours.Action.CLOSE_WITHOUT_ENTRY, date(2026, 11, 10), raison="refus")


def test_the_demo_seed_gives_consent_to_everyone_it_accompanies(demo_db):
    rows = demo_db.execute(
        "SELECT count(*) FROM demandeurs WHERE etat != 'prescrit' AND "
        "(consentement = 0 OR consentement_date IS NULL)"
    ).fetchone()
    assert rows[0] == 0


# -- journal -----------------------------------------------------------------------------------
def test_every_read_and_change_is_journaled_by_id_never_by_name(db):
    martin = ids_by_name(db)["MARTIN"]
    before = db.execute("SELECT count(*) FROM journal").fetchone()[0]
    conseiller = as_(db, "cons-albasud-01")
    conseiller.get(martin)
    conseiller.add_note(martin, "Rappeler jeudi.")
    conseiller.update_fiche(martin, {"telephone": "06 11 22 33 44"})
    rows = list(db.query("SELECT * FROM journal ORDER BY id"))[before:]
    assert [(r["acteur_id"], r["action"], r["demandeur_id"]) for r in rows] == [
        ("cons-albasud-01", "consultation", martin),
        ("cons-albasud-01", "note", martin),
        ("cons-albasud-01", "modification-fiche", martin),
    ]
    assert rows[2]["details"] == "telephone"  # the field, never its value
    dump = json.dumps(list(db.query("SELECT * FROM journal")), ensure_ascii=False)
    for name in ("MARTIN", "Léa", "06 11 22 33 44", "Rappeler"):
        assert name not in dump
    # A refused read is not a read.
    with pytest.raises(AccessDenied):
        as_(db, "cons-castel-01").get(martin)
    assert db.execute("SELECT count(*) FROM journal").fetchone()[0] == before + 3


def test_journal_for_an_administrateur_and_its_own_consultation_journaled(db, capsys):
    martin = ids_by_name(db)["MARTIN"]
    as_(db, "cons-albasud-01").get(martin)
    rows = rgpd.journal(db, admin(db), martin)
    assert rows[-1]["action"] == "consultation" and rows[-1]["acteur"] == "cons-albasud-01"
    assert rgpd.journal(db, admin(db), martin)[-1]["action"] == "rgpd-journal"


def test_a_cli_read_is_journaled_and_shown_by_the_cli(caseload_db_path, capsys, db):
    martin = ids_by_name(db)["MARTIN"]
    code, out, _ = run(capsys, "--user", "admin", "rgpd", "acces", martin, "--db", caseload_db_path)
    assert code == 0 and "MARTIN" in out
    code, out, _ = run(
        capsys, "--user", "admin", "rgpd", "journal", martin, "--json", "--db", caseload_db_path
    )
    assert code == 0
    rows = json.loads(out)
    last = {k: rows[-1][k] for k in ("action", "acteur", "canal", "demandeur")}
    assert last == {"action": "rgpd-acces", "acteur": "admin", "canal": "cli", "demandeur": martin}
    acces = [r for r in rows if r["action"] == "rgpd-acces"]
    assert acces and acces[-1]["canal"] == "cli" and acces[-1]["acteur"] == "admin"
    code, out, _ = run(capsys, "--user", "admin", "rgpd", "journal", "--db", caseload_db_path)
    assert code == 0 and "RGPD : export du droit d'accès" in out and "[cli]" in out


# -- access ------------------------------------------------------------------------------------
def test_access_export_holds_every_field_both_sides_notes_and_the_journal(db):
    new = make_zygo(db)
    data = rgpd.right_of_access(db, admin(db), new)
    fiche_fields = {f.name for f in fields(rgpd.Fiche)}
    assert set(data["fiche"]) == fiche_fields
    # Every column held on the person is in the export, under its name or its meaning.
    elsewhere = {
        "id": "demandeur",
        "conseiller_id": "binome",
        "ass_id": "binome",
        "limite_le": "limitation",
        "cree_le": "cree_le",
        "modifie_le": "modifie_le",
        "demo": "demo",
        "version": "version",
    }
    for column in (r["name"] for r in db.query("PRAGMA table_info(demandeurs)")):
        if column == "parcours":
            continue
        assert (
            column in data["fiche"] or column in data["parcours"] or elsewhere.get(column) in data
        ), column
    assert data["parcours"]["prochaine_echeance"]
    assert data["fiche"]["identifiant_caf"] == "86420135"
    assert data["binome"]["conseiller"]["id"] == "cons-albasud-01"
    assert data["binome"]["ass"]["id"] == "ass-mtb-04"
    assert (
        data["parcours"]["entree"] == "2026-09-15"
        and data["parcours"]["etat"] == "en-accompagnement"
    )
    assert [e["action"] for e in data["evenements"]][:3] == [
        "prescription",
        "valider-diagnostic",
        "entrer",
    ]
    assert [n["texte"] for n in data["notes"]["france-travail"]] == [ZYGO_NOTE]
    assert "Xylophagos" in data["notes"]["cd82"][0]["texte"]
    actions = [j["action"] for j in data["journal"]]
    assert actions[0] == "creation" and actions[-1] == "rgpd-acces"
    assert "note" in actions and "etape" in actions
    text = rgpd.access_document(data)
    for expected in (
        "ZYGOMALESCU",
        "Anatolie",
        "86420135",
        ZYGO_NOTE,
        "Notes de travail — France",
        "Notes de travail — Département",
        "Journal des accès",
        "dpo@ledepartement82.fr",
        "Axe 2 — accompagnement global",
        "Étape du parcours : Diagnostic partagé validé",  # the step, not « valider-diagnostic »
    ):
        assert expected in text
    assert "valider-diagnostic" not in text


def test_a_journal_lines_step_is_named_in_french_an_unknown_one_as_written():
    assert rgpd.details_label("etape", "valider-diagnostic") == "Diagnostic partagé validé"
    assert rgpd.details_label("etape", "sans-suite") == "Classé sans suite"
    assert rgpd.details_label("etape", "pas-une-etape") == "pas-une-etape"


def test_a_changed_fiches_fields_are_named_by_the_fiches_labels(db, caseload_db_path, capsys):
    from caseload.fiche import FIELD_LABELS, Fiche

    assert set(FIELD_LABELS) == {f.name for f in fields(Fiche)}  # every field, one label
    new = make_zygo(db)
    as_(db, "cons-albasud-01").update_fiche(
        new, {"telephone": "06 71 82 93 05", "date_naissance": "1979-04-04"}
    )
    rows = rgpd.journal(db, admin(db), new)
    details = [r["details"] for r in rows if r["action"] == "modification-fiche"][-1]
    assert rgpd.details_label("modification-fiche", details) == "Date de naissance, Téléphone"
    text = rgpd.access_document(rgpd.right_of_access(db, admin(db), new))
    assert "Modification de la fiche de liaison : Date de naissance, Téléphone" in text
    code, out, _ = run(capsys, "--user", "admin", "rgpd", "journal", new, "--db", caseload_db_path)
    assert code == 0
    assert "Modification de la fiche de liaison (Date de naissance, Téléphone)" in out
    assert "telephone" not in out and "date_naissance" not in out


def test_access_through_the_cli_as_json_and_as_a_file(db, caseload_db_path, capsys, tmp_path):
    new = make_zygo(db)
    code, out, _ = run(
        capsys, "--user", "admin", "rgpd", "acces", new, "--json", "--db", caseload_db_path
    )
    assert code == 0
    data = json.loads(out)
    assert data["fiche"]["nom"] == "ZYGOMALESCU" and data["journal"][-1]["action"] == "rgpd-acces"
    target = tmp_path / "acces.txt"
    code, out, _ = run(
        capsys,
        "--user",
        "admin",
        "rgpd",
        "acces",
        new,
        "--sortie",
        target,
        "--db",
        caseload_db_path,
    )
    assert code == 0 and str(target) in out
    assert "DROIT D'ACCÈS" in target.read_text(encoding="utf-8")
    code, _, err = run(capsys, "--user", "admin", "rgpd", "acces", 9999, "--db", caseload_db_path)
    assert code == 1 and err.startswith("binome : Demandeur inconnu : 9999")


# -- erasure -----------------------------------------------------------------------------------
def _raw(path: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-journal"):
        candidate = Path(str(path) + suffix)
        if candidate.exists():
            with open(candidate, "rb") as f:
                data += f.read()
    return data


def test_erasure_leaves_no_trace_in_the_file_nor_its_wal(db, caseload_db_path):
    new = make_zygo(db)
    raw = _raw(caseload_db_path)
    assert all(t.encode() in raw for t in TRACES[:2])  # it was there
    apercu = rgpd.erase(db, admin(db), new, today=TODAY)
    assert apercu.notes == 2
    raw = _raw(caseload_db_path)
    for trace in TRACES:
        assert trace.encode("utf-8") not in raw, trace
    with pytest.raises(AccessDenied):
        as_(db, "cons-albasud-01").get(new)
    assert db.execute("SELECT count(*) FROM notes WHERE demandeur_id = ?", [new]).fetchone()[0] == 0
    # The journal keeps the id and the erasure itself.
    last = next(iter(db.query("SELECT * FROM journal ORDER BY id DESC LIMIT 1")))
    assert (last["action"], last["demandeur_id"], last["acteur_id"]) == (
        "rgpd-effacement",
        new,
        "admin",
    )


def test_erasure_through_the_cli_asks_for_confirmation(db, caseload_db_path, capsys):
    new = make_zygo(db)
    db.close()
    code, out, _ = run(capsys, "--user", "admin", "rgpd", "effacer", new, "--db", caseload_db_path)
    assert code == 0 and "Rien n'a été effacé" in out and "ZYGOMALESCU" in out and "2 notes" in out
    check = open_project_database(caseload_db_path)
    assert check.execute("SELECT count(*) FROM demandeurs WHERE id = ?", [new]).fetchone()[0] == 1
    check.close()
    code, out, _ = run(
        capsys, "--user", "admin", "rgpd", "effacer", new, "--confirmer", "--db", caseload_db_path
    )
    assert code == 0 and f"Dossier {new} effacé" in out
    gc.collect()  # the command's connection closes
    raw = _raw(caseload_db_path)
    for trace in TRACES:
        assert trace.encode("utf-8") not in raw, trace
    code, _, err = run(capsys, "--user", "admin", "rgpd", "effacer", new, "--db", caseload_db_path)
    assert code == 1 and "inconnu" in err


# -- indicators --------------------------------------------------------------------------------
PERIODS = [Period.of(y) for y in (2024, 2025, 2026)] + [
    Period.of(y, q) for y in (2025, 2026) for q in (1, 2, 3, 4)
]


def test_indicators_of_past_periods_identical_after_a_purge(demo_db):
    before = [compute(demo_db, p).as_dict() for p in PERIODS]
    today = date.today()
    rgpd.set_retention(demo_db, admin(demo_db), delai_apres_sortie_mois=1)
    due = rgpd.purge_preview(demo_db, admin(demo_db), today)
    assert len(due) >= 10
    assert [compute(demo_db, p).as_dict() for p in PERIODS] == before  # preview changed nothing
    erased = rgpd.purge(demo_db, admin(demo_db), today)
    assert rgpd.ids(erased) == rgpd.ids(due)
    still = [
        i
        for i in rgpd.ids(erased)
        if demo_db.execute("SELECT 1 FROM demandeurs WHERE id = ?", [i]).fetchone()
    ]
    assert still == []
    assert [compute(demo_db, p).as_dict() for p in PERIODS] == before
    assert rgpd.purge_preview(demo_db, admin(demo_db), today) == []


def test_indicators_identical_after_erasing_people_still_accompanied(demo_db):
    today = date.today()
    before = [compute(demo_db, p).as_dict() for p in PERIODS]
    open_ids = [
        r[0]
        for r in demo_db.execute(
            "SELECT id FROM demandeurs WHERE etat = 'en-accompagnement' LIMIT 5"
        )
    ]
    for demandeur_id in open_ids:
        rgpd.erase(demo_db, admin(demo_db), demandeur_id, today=today)
    assert [compute(demo_db, p).as_dict() for p in PERIODS] == before


def test_kept_facts_name_nobody(db):
    new = make_zygo(db)
    rgpd.erase(db, admin(db), new, today=TODAY)
    facts = json.dumps(list(db.query("SELECT * FROM faits_indicateurs")), ensure_ascii=False)
    assert facts != "[]"
    for trace in TRACES:
        assert trace not in facts
    assert str(new) not in json.loads(facts)[0].values()


# -- limitation --------------------------------------------------------------------------------
def test_a_limited_file_is_frozen_hidden_and_seen_by_an_administrateur(
    db, caseload_db_path, capsys
):
    martin = ids_by_name(db)["MARTIN"]
    conseiller = as_(db, "cons-albasud-01")
    code, out, _ = run(
        capsys, "--user", "admin", "rgpd", "limiter", martin, "--db", caseload_db_path
    )
    assert code == 0 and "limité" in out
    assert martin not in [r.id for r in conseiller.portefeuille()]
    assert martin not in [r.id for r in as_(db, "ass-mtb-04").portefeuille()]
    for step in (
        lambda: conseiller.get(martin),
        lambda: conseiller.add_note(martin, "Une note"),
        lambda: conseiller.update_fiche(martin, {"telephone": "06 11 22 33 44"}),
        lambda: conseiller.assign_ass(martin, "ass-mtb-01"),
        lambda: conseiller.apply(
            martin,
            parcours.Action.VALIDATE_DIAGNOSTIC,
            TODAY,
            decision=parcours.Axe.AXE2,
            modalite=parcours.Modality.TRIPARTITE,
        ),
    ):
        with pytest.raises(rgpd.RestrictedFile) as refused:
            step()
        assert "limitation du traitement" in str(refused.value)
    data = rgpd.right_of_access(db, admin(db), martin)
    assert data["limitation"] and data["fiche"]["nom"] == "MARTIN"
    assert [r["id"] for r in rgpd.restricted_files(db, admin(db))] == [martin]
    code, _, err = run(
        capsys, "--user", "admin", "rgpd", "limiter", martin, "--db", caseload_db_path
    )
    assert code == 1 and "déjà limité" in err
    code, out, _ = run(
        capsys, "--user", "admin", "rgpd", "limiter", martin, "--lever", "--db", caseload_db_path
    )
    assert code == 0 and "levée" in out
    assert martin in [r.id for r in conseiller.portefeuille()]
    conseiller.add_note(martin, "De nouveau suivi.")
    actions = [r["action"] for r in rgpd.journal(db, admin(db), martin)]
    assert "rgpd-limitation" in actions and "rgpd-levee-limitation" in actions


# -- retention ---------------------------------------------------------------------------------
def test_retention_at_most_ten_years_after_the_convention(db, caseload_db_path, capsys):
    """Annexe 4: « au plus tard dans un délai de 10 ans à compter de la fin de la convention »."""
    with pytest.raises(rgpd.BinomeError) as refused:
        rgpd.set_retention(db, admin(db), delai_ans=11)
    assert rgpd.RETENTION_QUOTE in str(refused.value)
    # A convention ended before the files opened under it: refused (« 1900-01-01 », or
    # « 2016 » typed for 2026, made every open file due for purging).
    with pytest.raises(rgpd.BinomeError, match="Fin de convention refusée"):
        rgpd.set_retention(db, admin(db), fin_convention=date(2016, 12, 31))
    assert rgpd.purge_preview(db, admin(db), date(2027, 1, 1)) == []
    opened_long_ago(db)
    regle = rgpd.set_retention(db, admin(db), fin_convention=date(2016, 12, 31))
    assert regle.delai_ans == 10 and regle.overall_limit == date(2026, 12, 31)
    assert rgpd.purge_preview(db, admin(db), date(2026, 12, 31)) == []
    assert len(rgpd.purge_preview(db, admin(db), date(2027, 1, 1))) == 4
    assert rgpd.purge_due(db, admin(db), date(2027, 1, 1)) == 4
    assert rgpd.purge_due(db, get_profil(db, "cons-albasud-01"), date(2027, 1, 1)) == 0

    code, out, _ = run(
        capsys,
        "--user",
        "admin",
        "rgpd",
        "conservation",
        "--fin-convention",
        "2025-12-31",
        "--delai-ans",
        "5",
        "--db",
        caseload_db_path,
    )
    assert code == 0 and "31/12/2030" in out
    code, _, err = run(
        capsys,
        "--user",
        "admin",
        "rgpd",
        "conservation",
        "--delai-ans",
        "12",
        "--db",
        caseload_db_path,
    )
    assert code == 1 and "10 ans" in err
    code, out, _ = run(
        capsys, "--user", "admin", "rgpd", "purge", "--apercu", "--db", caseload_db_path
    )
    assert code == 0 and "Aucun dossier" in out


def test_purge_after_a_shorter_delay_once_the_parcours_ends(db, caseload_db_path, capsys):
    petit = ids_by_name(db)["PETIT"]
    as_(db, "cons-albasud-01").apply(
        petit,
        parcours.Action.EXIT,
        date(2026, 11, 20),
        motif=parcours.MotifSortie.CDI,
        concertation=ACCORD,
    )
    as_(db, "cons-albasud-01").apply(
        petit, parcours.Action.VALIDATE_PERIODE_ESSAI, date(2026, 11, 20)
    )
    db.close()
    code, _, _ = run(
        capsys,
        "--user",
        "admin",
        "rgpd",
        "conservation",
        "--delai-apres-sortie-mois",
        "1",
        "--db",
        caseload_db_path,
    )
    assert code == 0
    # The exit was on 20/11/2026: one month after it, from 21/12/2026, the file is due.
    check = open_project_database(caseload_db_path)
    assert rgpd.ids(rgpd.purge_preview(check, admin(check), date(2026, 12, 20))) == []
    assert rgpd.ids(rgpd.purge_preview(check, admin(check), date(2026, 12, 21))) == [petit]
    check.close()


def test_purge_through_the_cli_preview_then_confirm(caseload_db_path, capsys):
    db = open_project_database(caseload_db_path)
    opened_long_ago(db)
    db.close()
    code, _, _ = run(
        capsys,
        "--user",
        "admin",
        "rgpd",
        "conservation",
        "--fin-convention",
        "2015-01-01",
        "--db",
        caseload_db_path,
    )
    assert code == 0
    code, out, _ = run(
        capsys, "--user", "admin", "rgpd", "purge", "--apercu", "--db", caseload_db_path
    )
    assert code == 0 and "MARTIN" in out and "4 dossiers à purger" in out
    code, out, _ = run(
        capsys, "--user", "admin", "rgpd", "purge", "--confirmer", "--db", caseload_db_path
    )
    assert code == 0 and "4 dossiers purgés" in out
    gc.collect()
    assert b"MARTIN" not in _raw(caseload_db_path)


# -- rights ------------------------------------------------------------------------------------
COMMANDS = [
    ["journal"],
    ["journal", "1"],
    ["acces", "1"],
    ["effacer", "1"],
    ["effacer", "1", "--confirmer"],
    ["limiter", "1"],
    ["limiter", "1", "--lever"],
    ["purge", "--apercu"],
    ["purge", "--confirmer"],
    ["conservation"],
    ["conservation", "--delai-ans", "5"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("who", ["cons-albasud-01", "ass-mtb-04", "resp-montauban"])
def test_only_an_administrateur_exercises_the_rights(caseload_db_path, capsys, command, who):
    code, out, err = run(capsys, "--user", who, "rgpd", *command, "--db", caseload_db_path)
    assert code == 1 and out == ""
    assert (
        err == "binome : Seul un administrateur exerce les droits RGPD (journal, accès, "
        "effacement, purge).\n"
    )
    check = open_project_database(caseload_db_path)
    assert check.execute("SELECT count(*) FROM demandeurs").fetchone()[0] == 4
    check.close()


@pytest.mark.parametrize("command", COMMANDS[:4], ids=" ".join)
def test_an_unknown_profile_is_refused(caseload_db_path, capsys, command):
    code, out, err = run(capsys, "--user", "inconnu", "rgpd", *command, "--db", caseload_db_path)
    # On a real base a name that is not the OS account's own profile is refused, listing nobody.
    assert code == 1 and out == "" and "compte du poste" in err and "admin" not in err


def test_every_domain_action_refuses_a_non_administrateur(db):
    martin = ids_by_name(db)["MARTIN"]
    for who in ("cons-albasud-01", "ass-mtb-04", "resp-montauban", None):
        actor = get_profil(db, who) if who else None
        for action in (
            lambda a: rgpd.journal(db, a),
            lambda a: rgpd.right_of_access(db, a, martin),
            lambda a: rgpd.erasure_preview(db, a, martin),
            lambda a: rgpd.erase(db, a, martin),
            lambda a: rgpd.restrict_file(db, a, martin),
            lambda a: rgpd.restricted_files(db, a),
            lambda a: rgpd.set_retention(db, a, delai_ans=5),
            lambda a: rgpd.purge_preview(db, a, TODAY),
            lambda a: rgpd.purge(db, a, TODAY),
        ):
            with pytest.raises(AccessDenied):
                action(actor)
    assert db.execute("SELECT count(*) FROM demandeurs").fetchone()[0] == 4


# -- financial content -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "texte",
    [
        "RSA 607 €/mois, dette de loyer 3 200 €",
        "dette de loyer 3 200 €",
        "loyer impayé de 450 €",
        "Son salaire ne suffit pas",
        "revenus du foyer en baisse",
        "1.200 euros d'arriérés",
        "Surendettement en cours",
        "Dossier de surendettement déposé",
        "AAH 971",
    ],
)
def test_financial_content_is_flagged_with_the_conventions_sentence(texte):
    message = rgpd.financial_warning(texte)
    assert message is not None
    assert "Aucune information d’ordre économique et financière ne doit être communiquée" in message


@pytest.mark.parametrize(
    "texte",
    [
        "Cherche un logement, loyer trop élevé pour un T2",
        "loyer",
        "Frein : difficultés financières",
        "Bénéficiaire du revenu de solidarité active",
        "RDV le 12/12 à 14 h avec l'ASS",
        "3 enfants à charge, permis B",
        "Rendez-vous 2 rue du Moulin",
    ],
)
def test_ordinary_notes_are_not_flagged(texte):
    assert rgpd.financial_warning(texte) is None


def test_a_financial_note_or_fiche_field_is_refused_until_rephrased(db):
    martin = ids_by_name(db)["MARTIN"]
    conseiller = as_(db, "cons-albasud-01")
    count = db.execute("SELECT count(*) FROM notes").fetchone()[0]
    with pytest.raises(rgpd.FinancialContent) as refused:
        conseiller.add_note(martin, "RSA 607 €/mois, dette de loyer 3 200 €")
    assert rgpd.FINANCIAL_SENTENCE in str(refused.value)
    assert "« 3 200 € »" in str(refused.value)
    assert db.execute("SELECT count(*) FROM notes").fetchone()[0] == count
    conseiller.add_note(martin, "Difficultés de logement : orientation vers l'ADIL.")
    with pytest.raises(rgpd.FinancialContent) as refused:
        conseiller.update_fiche(martin, {"adresse": "chez sa sœur, loyer impayé de 300 €"})
    assert set(refused.value.errors) == {"adresse"}
    with pytest.raises(rgpd.FinancialContent):
        conseiller.create(
            {**ZYGO, "initiateur_fonction": "salaire 1 400 €"}, prescription=date(2026, 11, 20)
        )


def test_an_erased_persons_number_is_never_given_again(db):
    new = make_zygo(db)  # the highest number
    rgpd.erase(db, admin(db), new, today=TODAY)
    again = as_(db, "cons-albasud-01").create(ZYGO, prescription=date(2026, 11, 20))
    assert again == new + 1
    actions = [r["action"] for r in rgpd.right_of_access(db, admin(db), again)["journal"]]
    assert actions == ["creation", "rgpd-acces"]  # nothing of the erased person


# -- the financial check, after the security review -------------------------------------------
@pytest.mark.parametrize(
    "texte",
    [
        "il touche 600 par mois",
        "ARE de 1100",
        "doit 3 000 à la CAF",
        "loyer de 450",
        "gagne 1500 net",
        "prestations 900",
        "600 balles",
        "six cents euros",
        "découvert de la banque",
        "un huissier est passé",
        "interdit bancaire",
        "facture EDF non payée",
    ],
)
def test_more_ways_of_saying_money_are_flagged(texte):
    assert rgpd.financial_warning(texte), texte


@pytest.mark.parametrize(
    "texte",
    [
        "4 € le repas à l'épicerie solidaire",
        "travaille au SMIC depuis mars",
        "loyer",
        "rendez-vous le 12 à 14 h",
        "2 enfants de 3 et 5 ans",
        "l'ASS de Moissac l'a reçue",
    ],
)
def test_what_is_not_the_persons_money_is_not_flagged(texte):
    assert rgpd.financial_warning(texte) is None, texte


def test_the_reason_given_with_a_step_is_checked_too(db):
    new = make_zygo(db)
    conseiller = as_(db, "cons-albasud-01")
    with pytest.raises(rgpd.FinancialContent):
        conseiller.apply(
            new,
            parcours.Action.CLOSE_WITHOUT_ENTRY,
            TODAY,
            raison="dette de loyer de 3 200 € et RSA de 607 euros",
        )


def test_putting_a_backup_back_never_brings_an_erased_person_back(
    db, caseload_db_path, capsys, tmp_path
):
    new = make_zygo(db)
    db.close()
    copy = tmp_path / "avant.db"
    assert run(capsys, "--user", "admin", "sauvegarde", copy, "--db", caseload_db_path)[0] == 0
    code, _, err = run(
        capsys, "--user", "admin", "rgpd", "effacer", new, "--confirmer", "--db", caseload_db_path
    )
    assert code == 0, err
    code, out, err = run(capsys, "--user", "admin", "restaurer", copy, "--db", caseload_db_path)
    assert code == 0, err
    assert "1 personne effacée depuis cette sauvegarde : effacée à nouveau." in out
    code, _, err = run(capsys, "--user", "admin", "rgpd", "acces", new, "--db", caseload_db_path)
    assert code == 1
    raw = _raw(caseload_db_path)
    assert not [t for t in TRACES if t.encode() in raw]
