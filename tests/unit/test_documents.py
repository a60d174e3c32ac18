"""The documents (caseload/documents.py): the fiche de liaison of annexe 4 and the courrier
with the ASS and the rendez-vous (parcours.RDV_COURRIER), as PDF, read back with pypdf. Only the
binôme or the responsable of the MDS produce them; the reading is journaled."""

from datetime import date

import pypdf
import pytest
from conftest import CASELOAD_TODAY

from caseload import documents, parcours
from caseload.acces import get_profil
from caseload.database import open_project_database
from caseload.store import Caseload
from ressources.errors import AccessDenied
from tui.cli import main

TODAY = CASELOAD_TODAY


@pytest.fixture
def db(caseload_db_path):
    db = open_project_database(caseload_db_path)
    yield db
    db.close()


def as_(db, profil_id):
    return Caseload(db, get_profil(db, profil_id), clock=lambda: TODAY)


def ids(db):
    return {r["nom"]: r["id"] for r in db.query("SELECT id, nom FROM demandeurs")}


def text_of(data: bytes, tmp_path) -> str:
    path = tmp_path / "lu.pdf"
    path.write_bytes(data)
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def run(capsys, *args):
    argv = [str(a) for a in args]
    with pytest.MonkeyPatch.context() as patch:
        if argv[:1] == ["--user"]:
            patch.setattr("caseload.acces.os_account", lambda: argv[1])
        code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_the_fiche_de_liaison_is_the_annexe_4_form(db, tmp_path):
    martin = ids(db)["MARTIN"]
    c = as_(db, "cons-albasud-01")
    c.apply(
        martin,
        parcours.Action.VALIDATE_DIAGNOSTIC,
        date(2026, 11, 20),
        decision=parcours.Axe.AXE2,
        decisions={"demandeur": "axe2", "conseiller": "axe2", "ass": "axe2"},
        modalite=parcours.Modality.TRIPARTITE,
    )
    text = text_of(documents.fiche_liaison_pdf(c, martin), tmp_path)
    for expected in (
        "ACCOMPAGNEMENT GLOBAL / SOCIAL EXCLUSIF",
        "( * rayer la mention inutile) — rayée : SOCIAL EXCLUSIF",
        "PARTIE INITIANT LA DEMANDE",
        "☒ France Travail",
        "☐ CD82",
        "IDENTIFICATION DU DEMANDEUR D’EMPLOI",
        "NOM : MARTIN",
        "PRÉNOM : Léa",  # accents render (Unicode font)
        "DATE DE NAISSANCE : 14/03/1985",
        "PRINCIPAUX ATOUTS IDENTIFIÉS",
        "☒ Mobilité",
        "FREINS DIRECTS À L’EMPLOI",
        "☒ Faire face à des difficultés de logement",
        "☒ Accéder à un moyen de transport",
        "Aucune information d’ordre économique et financière ne doit être communiquée",
        "DÉCISION SUITE AU DIAGNOSTIC PARTAGÉ",
        "Décision entrée ACCO Glo : ☒ OUI   ☐ NON",
        "Date validation diagnostic partagé : 20/11/2026",
        "BILAN DE L’ACCOMPAGNEMENT ET DÉCISION",
        "réorientation vers droit commun",
        "Information de conformité RGPD",
        "au plus tard dans un délai de 10 ans",
        "Le conseiller France Travail",
        "Assistant de service social Département 82",
        "Modalité : Tripartite",
        "MDS : MDS de Montauban — site ",  # caseload.territoire.site_label, never « , site »
        "bonne utilisation du FSE",  # the notice's paragraph on the exchange of data
    ):
        assert expected in text.replace("  ", " ") or expected in text, expected
    # Each block of decisions stays on the page of its three signature frames.
    path = tmp_path / "fiche.pdf"
    path.write_bytes(documents.fiche_liaison_pdf(c, martin))
    pages = [page.extract_text() for page in pypdf.PdfReader(path).pages]
    for heading in ("DÉCISION SUITE AU DIAGNOSTIC PARTAGÉ", "BILAN DE L’ACCOMPAGNEMENT"):
        (page,) = [t for t in pages if heading in t]
        after = page[page.index(heading) :]
        assert after.count("Signature") >= 3, heading
        assert "Le demandeur" in after and get_profil(db, "cons-albasud-01").nom_complet in after
    # Nothing financial: no amount, no income field.
    for word in ("revenu", "€", "salaire", "montant"):
        assert word not in text.lower()


def test_the_courrier_names_the_ass_and_the_rendez_vous(db, tmp_path):
    martin = ids(db)["MARTIN"]
    c = as_(db, "cons-albasud-01")
    with pytest.raises(parcours.RuleViolation) as refused:
        documents.courrier_pdf(c, martin)
    assert "aucun rendez-vous avec l'ASS n'est fixé" in str(refused.value)
    site = db.execute("SELECT site_id FROM profils WHERE id = 'ass-mtb-04'").fetchone()[0]
    c.set_rendez_vous(martin, parcours.RendezVous(date(2026, 11, 30), "14:30", site))
    text = text_of(documents.courrier_pdf(c, martin), tmp_path)
    ass = get_profil(db, "ass-mtb-04")
    assert "Léa MARTIN" in text
    assert f"avec {ass.nom_complet}, assistant(e) de service social" in text
    assert "le lundi 30 novembre 2026 à 14 h 30" in text
    assert "le lundi 23 novembre 2026" in text  # the letter's date
    assert "assistant(e) de service social" in text
    # Signed by the responsable of the MDS, by name.
    assert "Camille Lapeyre\nResponsable de la MDS de Montauban" in text
    # Once the day has passed, the letter would be wrong: refused.
    later = Caseload(db, get_profil(db, "cons-albasud-01"), clock=lambda: date(2026, 12, 1))
    with pytest.raises(parcours.RuleViolation) as refused:
        documents.courrier_pdf(later, martin)
    assert "le rendez-vous du 30/11/2026 est passé" in str(refused.value)


def test_only_the_binome_or_the_mds_responsable_and_the_reading_is_journaled(db, tmp_path):
    martin = ids(db)["MARTIN"]
    before = db.execute("SELECT count(*) FROM journal WHERE action = 'document'").fetchone()[0]
    for who in ("cons-albasud-01", "ass-mtb-04", "resp-montauban"):
        assert documents.fiche_liaison_pdf(as_(db, who), martin).startswith(b"%PDF")
    for who in ("cons-nord-01", "resp-castelsarrasin-moissac", "admin"):
        with pytest.raises(AccessDenied):
            documents.fiche_liaison_pdf(as_(db, who), martin)
    rows = db.execute(
        "SELECT acteur_id, action, details FROM journal WHERE demandeur_id = ? "
        "AND action IN ('consultation', 'document') ORDER BY id",
        [martin],
    ).fetchall()
    made = [r for r in rows if r[1] == "document"]
    assert len(made) == before + 3
    assert {r[0] for r in made} == {"cons-albasud-01", "ass-mtb-04", "resp-montauban"}
    assert any(r[1] == "consultation" and r[0] == "resp-montauban" for r in rows)


def test_the_cli_writes_both_documents(caseload_db_path, db, tmp_path, capsys):
    martin = ids(db)["MARTIN"]
    out_pdf = tmp_path / "fiche.pdf"
    code, out, _ = run(
        capsys,
        "--user",
        "cons-albasud-01",
        "fiche-liaison",
        martin,
        "--pdf",
        out_pdf,
        "--db",
        caseload_db_path,
    )
    assert code == 0 and f"Fiche de liaison du demandeur {martin} écrite dans" in out
    assert "NOM : MARTIN" in text_of(out_pdf.read_bytes(), tmp_path)
    code, _, err = run(
        capsys,
        "--user",
        "cons-albasud-01",
        "courrier",
        martin,
        "--pdf",
        tmp_path / "c.pdf",
        "--db",
        caseload_db_path,
    )
    assert code == 1 and "aucun rendez-vous" in err
    code, _, err = run(
        capsys,
        "--user",
        "cons-nord-01",
        "fiche-liaison",
        martin,
        "--pdf",
        tmp_path / "x.pdf",
        "--db",
        caseload_db_path,
    )
    assert code == 1 and "binome :" in err
    assert not (tmp_path / "x.pdf").exists()
    with pytest.raises(SystemExit) as usage:
        run(
            capsys,
            "--user",
            "cons-albasud-01",
            "fiche-liaison",
            "abc",
            "--pdf",
            tmp_path / "x.pdf",
            "--db",
            caseload_db_path,
        )
    assert usage.value.code == 2


def test_without_a_unicode_font_the_message_says_what_to_install(db, monkeypatch, tmp_path):
    monkeypatch.setattr(documents, "FONT_DIRS", (str(tmp_path),))
    monkeypatch.delenv("BINOME_POLICE_TTF", raising=False)
    with pytest.raises(documents.FontNotFound) as refused:
        documents.fiche_liaison_pdf(as_(db, "cons-albasud-01"), ids(db)["MARTIN"])
    assert "fonts-dejavu-core" in str(refused.value)


def test_the_cli_sets_the_rendez_vous_then_writes_the_courrier(
    caseload_db_path, db, tmp_path, capsys
):
    martin = ids(db)["MARTIN"]
    # The command reads the real clock, and a rendez-vous already past is refused: a week
    # ahead, never on a 1st (written « 1er »).
    day = date.fromordinal(date.today().toordinal() + 7)
    if day.day == 1:
        day = date.fromordinal(day.toordinal() + 1)
    code, out, _ = run(
        capsys,
        "--user",
        "ass-mtb-04",
        "rendez-vous",
        martin,
        "--jour",
        day.isoformat(),
        "--heure",
        "09:15",
        "--db",
        caseload_db_path,
    )
    assert code == 0 and f"le {day:%d/%m/%Y} à 09:15" in out
    assert "(MDS de " in out and " — site " in out  # the site named with its MDS
    out_pdf = tmp_path / "c.pdf"
    code, _, _ = run(
        capsys,
        "--user",
        "ass-mtb-04",
        "courrier",
        martin,
        "--pdf",
        out_pdf,
        "--db",
        caseload_db_path,
    )
    assert code == 0
    weekday = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
    month = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
    said = f"le {weekday[day.weekday()]} {day.day} {month.split()[day.month - 1]} {day.year}"
    assert f"{said} à 09 h 15" in text_of(out_pdf.read_bytes(), tmp_path)
    code, _, err = run(
        capsys,
        "--user",
        "ass-mtb-04",
        "rendez-vous",
        martin,
        "--jour",
        day.isoformat(),
        "--heure",
        "9h",
        "--db",
        caseload_db_path,
    )
    assert code == 1 and "HH:MM" in err
