"""The COPIL's bilan annuel (avenant, article 3) as PDF, read back with pypdf; rights in
caseload.acces.PERMISSIONS["bilan-annuel"]. Frozen clock."""

from datetime import date

import pypdf
import pytest

from caseload import parcours
from caseload.acces import get_profil
from caseload.bilan_annuel import SECRET_MINIMUM, bilan_annuel_pdf
from caseload.database import open_project_database
from caseload.store import Caseload
from ressources.errors import AccessDenied, BinomeError
from tui.cli import main

TODAY = date(2026, 11, 23)


def text_of(data: bytes, tmp_path) -> str:
    path = tmp_path / "bilan.pdf"
    path.write_bytes(data)
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    return " ".join(text.split())  # lines wrap where the page width says


@pytest.fixture
def db(caseload_db_path):
    db = open_project_database(caseload_db_path)
    yield db
    db.close()


def test_every_indicator_the_targets_the_months_the_map_and_blank_sections(db, tmp_path):
    responsable = get_profil(db, "resp-montauban")
    text = text_of(bilan_annuel_pdf(db, 2026, actor=responsable, today=TODAY), tmp_path)
    for expected in (
        "Bilan annuel 2026 de l'approche globale",
        "soit au plus tard le 30 avril 2027",
        "Année en cours : chiffres arrêtés au 23/11/2026",
        "Entretiens diagnostic réalisés (département)",
        "Personnes intégrées en accompagnement global axe 2",
        "cible 300 (100 par ETP)",
        "cible 3 semaines",
        "cible 50 ASS pour 3 ETP",
        "Sorties avec solution d'activité ou de formation",
        "L'année mois par mois",
        "janv.",
        "nov.",  # months as French abbreviations, not cut mid-word
        "Villes de plus de 5000 habitants nommées",  # landmarks on the map
        "Cartographie des personnes accompagnées par agence",
        "France Travail Montauban Albasud : 1",  # PETIT, accompanied since May
        f"au moins {SECRET_MINIMUM} personnes accompagnées",
        "Bilan qualitatif",
        "Orientations pour l'année à venir",
    ):
        assert expected in text, expected
    assert "déc" not in text.split("L'année mois par mois")[1].split("Cartographie")[0]
    # Names never appear: aggregates only.
    for name in ("MARTIN", "PETIT", "DURAND", "BERNARD"):
        assert name not in text


def test_a_future_year_is_refused(db):
    with pytest.raises(BinomeError) as refused:
        bilan_annuel_pdf(db, 2027, actor=get_profil(db, "admin"), today=TODAY)
    assert "n'a pas commencé" in str(refused.value)


@pytest.mark.parametrize("who", ["ass-mtb-01", "caf-82-01", None])
def test_the_domain_refuses_the_bilan_to_whom_it_is_not_for(db, who):
    # acces.PERMISSIONS["bilan-annuel"], checked by bilan_annuel_pdf itself: no screen or
    # command can call it for someone else.
    with pytest.raises(AccessDenied):
        bilan_annuel_pdf(db, 2026, actor=get_profil(db, who) if who else None, today=TODAY)


def run(capsys, *args):
    argv = [str(a) for a in args]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("caseload.acces.os_account", lambda: argv[1])
        code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_the_cli_for_those_who_pilot(caseload_db_path, tmp_path, capsys):
    out_pdf = tmp_path / "b.pdf"
    code, out, _ = run(
        capsys,
        "--user",
        "resp-montauban",
        "bilan-annuel",
        "--annee",
        "2025",
        "--pdf",
        out_pdf,
        "--db",
        caseload_db_path,
    )
    assert code == 0 and "Bilan annuel 2025 écrit" in out
    assert "Bilan annuel 2025" in text_of(out_pdf.read_bytes(), tmp_path)
    code, _, err = run(
        capsys,
        "--user",
        "ass-mtb-04",
        "bilan-annuel",
        "--annee",
        "2025",
        "--pdf",
        tmp_path / "x.pdf",
        "--db",
        caseload_db_path,
    )
    assert code == 1 and "conseiller, un responsable MDS ou un administrateur" in err
    assert not (tmp_path / "x.pdf").exists()


def test_small_cells_are_not_told_apart_on_the_map(db):
    from caseload.bilan_annuel import _accompanied_by_commune
    from caseload.indicateurs import Period

    counts = _accompanied_by_commune(db, Period.of(2026))
    assert sum(counts.values()) == 1 and max(counts.values()) < SECRET_MINIMUM
    # Three more people in one commune: drawn.
    c = Caseload(db, get_profil(db, "cons-albasud-01"), clock=lambda: TODAY)
    oui = {"demandeur": "axe2", "conseiller": "axe2", "ass": "axe2"}
    for nom in ("UN", "DEUX", "TROIS"):
        new = c.create(
            {
                "nom": nom,
                "prenom": "T",
                "date_naissance": "1980-01-01",
                "code_insee": "82121",
                "consentement": True,
                "consentement_date": "2026-01-02",
            },
            prescription=date(2026, 10, 1),
            ass_id="ass-mtb-04",
        )
        c.apply(
            new,
            parcours.Action.VALIDATE_DIAGNOSTIC,
            date(2026, 10, 5),
            decision=parcours.Axe.AXE2,
            modalite=parcours.Modality.TRIPARTITE,
            decisions=oui,
        )
        c.apply(new, parcours.Action.ENTER, date(2026, 10, 12))
    assert _accompanied_by_commune(db, Period.of(2026))["82121"] == 3
