"""The administrateur's « Profils » screen: a person added, given a password, who can then sign
in; a password typed differently the second time refused in French; a deactivation and a
reactivation asked first; nobody else offered the screen, and the domain refusing its calls to
anyone else."""

from __future__ import annotations

import pytest
from pilot import fill, notifications, settle, table_rows, type_text
from steps import SIZE, clock
from textual.widgets import Input, Static

from caseload import acces
from caseload.acces import authenticate, get_profil
from caseload.database import open_project_database
from ressources.errors import AccessDenied
from tui.app import make_app
from tui.screens.dialogs.confirm import ConfirmScreen
from tui.screens.profils import NewProfilScreen, PasswordScreen, ProfilsScreen

PASSWORD = "velo-rouge-2026"


def palette_prompts(app) -> list[str]:
    return [str(o.prompt) for o in app.screen.query("OptionList").first().options]


async def open_profils(pilot) -> ProfilsScreen:
    await settle(pilot)
    await pilot.press("ctrl+p")
    await type_text(pilot, "profils")
    await pilot.pause(0.3)
    assert any("Profils : gérer" in p for p in palette_prompts(pilot.app))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ProfilsScreen)
    return pilot.app.screen


def ids(app) -> list[str]:
    return [row[0] for row in table_rows(app, "#pr-table")]


async def select_row(pilot, ident: str) -> None:
    await fill(pilot, {"#pr-filtre": ident})
    await pilot.press("enter")  # to the list
    await settle(pilot)
    assert ids(pilot.app) == [ident]


def footer_labels(app) -> set[str]:
    return {b.binding.description for b in app.screen.active_bindings.values()}


def error_text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_the_administrateur_adds_a_person_who_then_signs_in(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="admin", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_profils(pilot)
        assert {"admin", "cons-albasud-01", "ass-mtb-04"} <= set(ids(app))
        # A letter typed in the list goes to the filter.
        await type_text(pilot, "albasud")
        assert app.screen.query_one("#pr-filtre", Input).value == "albasud"
        assert ids(app) and all("albasud" in i for i in ids(app))
        await pilot.press("escape")  # the filter emptied
        await settle(pilot)

        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, NewProfilScreen)
        await fill(
            pilot,
            {
                "#profil-id": "ass-neuve",
                "#profil-role": "ass",
                "#profil-prenom": "Inès",
                "#profil-nom": "Neuve",
            },
        )
        # An ASS without her MDS: the domain's refusal, in the dialog, the fields kept.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NewProfilScreen)
        assert "une ASS ou un responsable est rattaché(e) à une MDS" in error_text(
            app, "#profil-new-error"
        )
        site = next(
            value
            for _label, value in app.screen.query_one("#profil-rattachement")._options
            if str(value).startswith("site:")
        )
        await fill(pilot, {"#profil-rattachement": site})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ProfilsScreen)
        assert "Profil enregistré" in notifications(app)[-1].message

        # Its password, typed twice.
        await select_row(pilot, "ass-neuve")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, PasswordScreen)
        # Too short: the domain's own reason, under the field.
        await fill(pilot, {"#profil-password": "court", "#profil-password-again": "court"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "au moins 10 caractères" in error_text(app, "#profil-password-error")
        await fill(pilot, {"#profil-password": PASSWORD, "#profil-password-again": PASSWORD})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ProfilsScreen)

    db = open_project_database(caseload_db_path)
    try:
        person = authenticate(db, "ass-neuve", PASSWORD)
        assert (person.role, person.nom_complet) == ("ass", "Inès Neuve")
        assert person.mds is not None and person.site_id == site.removeprefix("site:")
    finally:
        db.close()


async def test_a_password_typed_differently_the_second_time_is_refused(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="admin", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_profils(pilot)
        await select_row(pilot, "cons-albasud-01")
        await pilot.press("ctrl+r")
        await settle(pilot)
        await fill(pilot, {"#profil-password": PASSWORD, "#profil-password-again": PASSWORD + "x"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PasswordScreen)
        assert "Les deux mots de passe tapés diffèrent" in error_text(app, "#profil-again-error")
        await pilot.press("escape")
        await settle(pilot)
    db = open_project_database(caseload_db_path)
    try:
        with pytest.raises(AccessDenied):
            authenticate(db, "cons-albasud-01", PASSWORD)
    finally:
        db.close()


async def test_deactivating_and_reactivating_ask_first(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="admin", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_profils(pilot)
        await select_row(pilot, "cons-nord-01")
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the focus is on « Annuler »
        await settle(pilot)
        assert get_profil(app.db, "cons-nord-01") is not None
        await pilot.press("f8")
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, ProfilsScreen)
        assert get_profil(app.db, "cons-nord-01") is None
        assert table_rows(app, "#pr-table")[0][-1] == "non"
        # Deactivated: the password key says why it does nothing; f8 now reactivates.
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "est désactivé" in notifications(app)[-1].message
        assert footer_labels(app) >= {"Réactiver"} and "Désactiver" not in footer_labels(app)
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "pourra de nouveau utiliser Binôme" in app.screen.question
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, ProfilsScreen)
        assert get_profil(app.db, "cons-nord-01") is not None
        assert table_rows(app, "#pr-table")[0][-1] == "oui"
        assert "Profil réactivé" in notifications(app)[-1].message
        assert "Désactiver" in footer_labels(app) and "Réactiver" not in footer_labels(app)


async def test_a_conseiller_is_not_offered_the_screen_and_the_domain_refuses(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "profils")
        await pilot.pause(0.3)
        assert not any("Profils : gérer" in p for p in palette_prompts(app))
        await pilot.press("escape")
        await settle(pilot)
        # Forced (the action run by hand): nothing opens.
        app.action_profils()
        await settle(pilot)
        assert not isinstance(app.screen, ProfilsScreen)
        # The screen itself pushed: the domain's refusal, in French, and nobody listed.
        app.push_screen(ProfilsScreen())
        await settle(pilot)
        assert ids(app) == []
        assert any(
            n.message == "Seul un administrateur gère les profils." for n in notifications(app)
        )
        conseiller = app.profil
    db = open_project_database(caseload_db_path)
    try:
        for call in (
            lambda: acces.profils_to_manage(db, conseiller),
            lambda: acces.create_profil(
                db, conseiller, id="x", role="administrateur", prenom="X", nom="Y"
            ),
            lambda: acces.set_password(db, conseiller, "cons-nord-01", PASSWORD),
            lambda: acces.deactivate_profil(db, conseiller, "cons-nord-01"),
            lambda: acces.reactivate_profil(db, conseiller, "cons-nord-01"),
        ):
            with pytest.raises(AccessDenied):
                call()
    finally:
        db.close()
