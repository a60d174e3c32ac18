"""Keys written once (tui/keys.py): bindings, palette and help from one registry, a keymap
file a person can change, letters that type instead of acting, refusals that say why
(issues 13 and 14)."""

from __future__ import annotations

import os
from datetime import date, datetime

import pytest
from pilot import fill, notifications, settle, shown, type_text
from textual.command import CommandInput
from textual.widgets import DataTable, Input, Markdown

from ressources import edition
from tui import keys
from tui.app import make_app
from tui.screens.dialogs.confirm import ConfirmScreen
from tui.screens.help import HelpScreen, help_text
from tui.widgets.result_list import ResultList

SIZE = (120, 36)
ASS = "ass-cm-01"
ENTRY = "binome-demo--mds-accompagnement-global-castelsarrasin"
QUERY = "accompagnement global castelsarrasin"


def clock() -> date:
    return date(2026, 11, 23)


NOW = datetime(2026, 11, 23, 9, 30)


def write_keymap(text: str) -> None:
    path = keys.keymap_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


async def on_entry(pilot) -> None:
    await fill(pilot, {"#query": QUERY})
    table = pilot.app.screen.query_one("#results", ResultList)
    table.focus()
    table.move_cursor(row=table.get_row_index(ENTRY))
    await settle(pilot)


# -- the registry ------------------------------------------------------------------------------
def test_every_binding_of_every_screen_has_an_id_from_the_registry():
    import importlib
    import inspect
    import pkgutil

    import tui.screens
    from tui.app import BinomeApp

    known = {k.id for area in keys.AREAS.values() for k in area.keys}
    classes = [BinomeApp]
    for info in pkgutil.walk_packages(tui.screens.__path__, "tui.screens."):
        module = importlib.import_module(info.name)
        classes += [
            c
            for _, c in inspect.getmembers(module, inspect.isclass)
            if c.__module__ == info.name and "BINDINGS" in vars(c)
        ]
    assert len(classes) > 20
    for cls in classes:
        ids = [b.id for b in vars(cls)["BINDINGS"]]
        assert ids and all(i in known for i in ids), cls.__name__


def test_on_list_screens_no_action_is_on_a_letter():
    for area in keys.AREAS.values():
        if area.letters_type:
            for key in area.keys:
                assert all(len(k) > 1 for k in key.keys.split(",")), key.id


def test_no_default_key_is_one_tmux_or_the_terminal_keeps():
    # ctrl+b (« voir dans Ressources ») never reached the app inside tmux: its prefix;
    # ctrl+a (alerts, actions, year, partner) never reached it inside GNU screen.
    assert {"ctrl+a", "ctrl+b"} <= set(keys.TERMINAL_KEYS)
    taken = [
        (key.id, k)
        for area in keys.AREAS.values()
        for key in area.keys
        for k in key.keys.split(",")
        if k in keys.TERMINAL_KEYS
    ]
    assert taken == []
    assert keys.find("afaire.voir").keys == "ctrl+r"
    assert keys.find("demandeur.actions").keys == "ctrl+l"


async def test_no_action_on_gnu_screens_prefix_and_the_screens_show_the_key_used(
    caseload_db_path,
):
    # ctrl+a is GNU screen's prefix: inside screen, it never reaches the app. The dossier's
    # actions, the Portefeuille's alerts, the Indicateurs' year… are on ctrl+l, as shown.
    from test_tui_caseload import open_demandeur
    from textual.widgets import Label, OptionList
    from textual.widgets._footer import FooterKey

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        footer = {k.description: k.key_display for k in app.screen.query(FooterKey)}
        assert footer["Alertes"] == "^l"
        await open_demandeur(pilot, "MARTIN")
        titles = [str(label.render()) for label in app.screen.query(Label)]
        assert "Actions possibles aujourd'hui (ctrl+l)" in titles
        await pilot.press("ctrl+n")  # the note, then back to the actions
        await settle(pilot)
        assert not app.screen.query_one("#actions", OptionList).has_focus
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.screen.query_one("#actions", OptionList).has_focus
        await pilot.press("f5")
        await settle(pilot)
        footer = {k.description: k.key_display for k in app.screen.query(FooterKey)}
        assert footer["Année"] == "^l"
    assert "ctrl+a" not in {
        k for area in keys.AREAS.values() for key in area.keys for k in key.keys.split(",")
    }


def test_the_help_is_made_from_the_registry_with_nothing_left_unfilled():
    text = help_text()
    assert "<!-- touches" not in text and "{{" not in text
    assert "| `ctrl+k` | **toujours exact**" in text
    assert "| `ctrl+t` | signalement traité" in text


# -- the keymap file ---------------------------------------------------------------------------
def test_a_keymap_file_is_read_and_every_mistake_is_said_in_french():
    keymap, problems = keys.parse_keymap(
        '[ressources]\nhistorique = "f7"\ninconnue = "f9"\nsignaler = "ctrl+nimporte"\n'
        'copier = "c"\n[afaire]\nmodifier = "ctrl+k"\n[fiche]\ncopier = 3\n'
    )
    assert keymap == {"ressources.historique": "f7"}
    assert problems == [
        "« ressources.inconnue » n'est pas une action de Binôme (la liste : binome touches) : "
        "ignorée.",
        "« ressources.signaler » : « ctrl+nimporte » n'est pas une touche connue (ex. ctrl+e, "
        "f7, escape) : ignorée.",
        "« ressources.copier » : une lettre seule est tapée dans la recherche de cet écran ; "
        "choisissez une touche ctrl+… ou F… : ignorée.",
        '« fiche.copier » : la touche s\'écrit entre guillemets, par exemple "ctrl+e" : ignorée.',
        "« afaire.modifier » : ctrl+k est déjà la touche de « afaire.toujours_exact » : ignorée.",
    ]


def test_an_unreadable_keymap_file_keeps_every_default():
    keymap, problems = keys.parse_keymap('[ressources\nhistorique = "f7"\n')
    assert keymap == {}
    assert problems == [
        "touches.toml, ligne 1 : ce n'est pas du TOML lisible (une ligne par action : nom = "
        '"touche") ; les touches par défaut restent.'
    ]


async def test_a_keymap_file_moves_a_key_in_the_footer_the_palette_and_the_help(demo_db_path):
    from tui.screens.edition.history import HistoryScreen

    write_keymap('[ressources]\nhistorique = "f7"\n')
    app = make_app(db_path=demo_db_path, user=ASS, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await on_entry(pilot)
        assert "f7" in app.screen.active_bindings and "ctrl+o" not in app.screen.active_bindings
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert commands["Ressources : historique de la fiche"].endswith("(F7)")
        assert "| `F7` | historique de la fiche" in help_text(app)
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)


async def test_a_broken_keymap_file_is_a_french_notice_not_a_crash(demo_db_path):
    write_keymap("\x00\x01 pas du tout = [")
    app = make_app(db_path=demo_db_path, user=ASS, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await on_entry(pilot)
        assert app.is_running
        notice = next(n for n in notifications(app) if "touches" in n.title)
        assert notice.title == "Fichier de touches : défauts gardés"
        assert "les touches par défaut restent" in notice.message
        assert "ctrl+o" in app.screen.active_bindings


# -- F1 at the screen's section ------------------------------------------------------------------
def test_every_screens_help_section_is_found_by_its_title():
    import re

    from textual._slug import TrackedSlugs

    # F1 on the archived entries opened the help at its top: the heading carried its key.
    slugs = TrackedSlugs()
    headings = {
        slugs.slug(line.lstrip("#").strip())
        for line in help_text().splitlines()
        if re.match(r"#{1,3} ", line)
    }
    missing = [
        name
        for name in keys.AREAS
        if name not in ("confirmation", "aide") and keys.help_anchor(name) not in headings
    ]
    assert missing == []


@pytest.mark.parametrize(("area", "heading"), [("f3", "Portefeuille (F3)"), ("f6", "À faire (F6)")])
async def test_f1_opens_the_help_at_the_section_of_the_screen(caseload_db_path, area, heading):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(area)
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body")
        markdown = app.screen.query_one("#help-text", Markdown)
        title = next(
            b
            for b in markdown.children
            if b.__class__.__name__ == "MarkdownH2" and heading in str(b._content)
        )
        assert body.scroll_y > 0
        assert abs(title.virtual_region.y - body.scroll_y) <= 2  # the section on top


# -- letters type, refused keys say why -----------------------------------------------------------
async def test_letters_typed_in_the_portefeuille_filter_it_and_open_nothing(caseload_db_path):
    from tui.screens.portefeuille import PortefeuilleScreen

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.focused, ResultList)  # the list of demandeurs
        await pilot.press("p", "o", "n", "s", "a")  # o opened a file, n a prescription
        await settle(pilot)
        assert isinstance(app.screen, PortefeuilleScreen)
        assert app.screen.query_one("#pf-filter", Input).value == "ponsa"


async def test_letters_typed_in_a_faire_filter_it_and_certify_nothing(demo_db_path):
    from tui.screens.afaire import AfaireScreen

    app = make_app(db_path=demo_db_path, user=ASS, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        retard = app.screen.query_one("#af-retard", ResultList)
        before = retard.row_count
        retard.focus()
        await settle(pilot)
        await pilot.press("v", "t", "x")  # v certified the entry, t closed a report
        await settle(pilot)
        assert isinstance(app.screen, AfaireScreen)
        assert app.screen.query_one("#af-filter", Input).value == "vtx"
        app.screen.query_one("#af-filter", Input).value = ""
        await settle(pilot)
        assert app.screen.query_one("#af-retard", ResultList).row_count == before
        app.screen.query_one("#af-filter", Input).value = "accompagnement global"
        await settle(pilot)
        assert 0 < app.screen.query_one("#af-retard", ResultList).row_count < before


async def test_a_faire_certifies_only_after_a_yes(demo_db_path):
    app = make_app(db_path=demo_db_path, user=ASS, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        app.screen.query_one("#af-retard", ResultList).focus()
        await settle(pilot)
        service_id = app.screen.current()[1]
        before = edition.read_service(app.db, service_id)["date_revue"]
        await pilot.press("ctrl+k")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # no
        await settle(pilot)
        assert edition.read_service(app.db, service_id)["date_revue"] == before
        await pilot.press("ctrl+t")  # a review row: not a report
        await settle(pilot)
        assert "s'applique à la liste des informations erronées" in notifications(app)[-1].message


async def test_a_conseiller_is_told_why_she_may_not_move_a_commune(caseload_db_path):
    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await fill(pilot, {"#sect-commune": "st antonin"})
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        notice = notifications(app)[-1]
        assert notice.message.startswith("Seul le responsable de la MDS de Caussade")
        assert notice.severity == "warning"
        assert isinstance(app.focused, DataTable)  # the list of ASS
        await pilot.press("m")  # it moved the commune, once: now a letter types
        await settle(pilot)
        assert app.screen.query_one("#sect-commune", Input).value == "st antoninm"


async def test_ctrl_e_from_the_search_box_edits_or_says_whose_entry_it_is(demo_db_path):
    from tui.screens.edition.form import ResourceFormScreen

    # A conseiller types, the first result is shown: ctrl+e, the cursor still in the box.
    app = make_app(db_path=demo_db_path, user="cons-nord-01", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await fill(pilot, {"#query": QUERY})
        assert app.focused is app.screen.query_one("#query", Input)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert not isinstance(app.screen, ResourceFormScreen)
        notice = notifications(app)[-1]
        assert notice.title == "Modifier : non"
        assert notice.message.startswith("Cette fiche appartient à")
        assert "seul ce partenaire peut la modifier" in notice.message
        # ctrl+k stays the box's (delete to the end): no question a letter would answer.
        box = app.screen.query_one("#query", Input)
        box.cursor_position = 5
        await pilot.press("ctrl+k")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert box.value == QUERY[:5]
    # The ASS who keeps it: the same key, from the same box, opens its form.
    app = make_app(db_path=demo_db_path, user=ASS, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await fill(pilot, {"#query": QUERY})
        assert app.screen.current.resource.id == ENTRY
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, ResourceFormScreen)


# -- French everywhere ----------------------------------------------------------------------
async def test_ctrl_c_and_the_theme_picker_speak_french(demo_db_path):
    app = make_app(db_path=demo_db_path, user=ASS, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        app.screen.set_focus(None)
        await pilot.press("ctrl+c")
        await settle(pilot)
        assert notifications(app)[-1].message == "Pour quitter Binôme : ctrl+q."
        app.action_change_theme()
        await settle(pilot)
        assert app.screen.query_one(CommandInput).placeholder == "Chercher un thème…"


async def palette_offers(pilot, typed: str, title: str):
    """The palette's entry *title* once *typed* is typed in it (the palette searches in the
    background: waited for, a second at most); None if it is not offered."""
    from textual.widgets import OptionList

    await pilot.press("ctrl+p")
    await type_text(pilot, typed)
    for _ in range(20):
        for option in pilot.app.screen.query_one(OptionList).options:
            if str(option.prompt).split("\n")[0] == title:
                return option.prompt
        await pilot.pause(0.05)
    return None


@pytest.mark.parametrize(
    ("typed", "title", "highlighted"),
    [
        ("changer de theme", "Affichage : changer de thème", "changerdethème"),
        ("a faire", "Aller : À faire", "Àfaire"),
        ("AFFICHAGE THEME", "Affichage : changer de thème", "Affichagethème"),
    ],
)
async def test_the_palette_finds_a_command_typed_without_its_accents(
    demo_db_path, typed, title, highlighted
):
    # « theme » found nothing but « thème » did: people type without accents, as they
    # search the base (ressources.text.fold).
    app = make_app(db_path=demo_db_path, user=ASS, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prompt = await palette_offers(pilot, typed, title)
        assert prompt is not None, f"« {typed} » does not offer « {title} »"
        # The letters matched are highlighted in the command as written, accents and all.
        marked = "".join(
            prompt.plain[span.start : span.end] for span in prompt.spans if span.end <= len(title)
        )
        assert marked == highlighted


def test_the_keymap_file_lives_beside_the_preferences():
    assert keys.keymap_path().parent == keys.settings.config_path().parent
    assert keys.keymap_path().name == "touches.toml"
    assert os.environ["BINOME_CONFIG"]  # the tests' own folder, never the person's


def test_binome_touches_lists_every_action_and_the_file(tmp_path):
    import subprocess
    import sys

    write_keymap('[ressources]\nhistorique = "f7"\n')
    out = subprocess.run(
        [sys.executable, "-m", "tui.cli", "touches"],
        capture_output=True,
        text=True,
        env=os.environ,
        check=True,
    ).stdout
    assert str(keys.keymap_path()) in out
    line = next(x for x in out.splitlines() if x.startswith("ressources.historique"))
    assert "f7" in line and "ctrl+o" in line
    assert "afaire.traite" in out


async def test_letters_typed_in_a_file_go_to_the_note_and_steps_say_why_they_are_not_offered(
    caseload_db_path,
):
    from steps import open_demandeur

    from caseload import parcours
    from tui.screens.demandeur import DemandeurScreen
    from tui.screens.dialogs.info import InfoScreen

    app = make_app(db_path=caseload_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_demandeur(pilot, "MARTIN")
        assert not isinstance(app.focused, Input)
        await pilot.press("r", "a", "p", "v")  # r left for Ressources, p opened the PDFs
        await settle(pilot)
        assert isinstance(app.screen, DemandeurScreen)
        note = app.screen.query_one("#note-input", Input)
        assert note.value == "rapv" and app.focused is note
        note.value = ""
        await pilot.press("escape")  # back to the steps
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, InfoScreen)
        text = str(app.screen.query_one("#info-text").render())
        # Before the diagnostic, entering is refused, and the rule says why.
        assert parcours.Action.ENTER.label in text
        reason = parcours.refused_steps(
            app.screen_stack[-2].demandeur.parcours, clock(), "conseiller"
        )[parcours.Action.ENTER]
        assert reason.splitlines()[0] in text
        assert parcours.Action.VALIDATE_DIAGNOSTIC.label not in text  # offered: not listed
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DemandeurScreen)


def test_a_step_of_the_other_member_of_the_binome_says_whose_it_is():
    from caseload import parcours

    p = parcours.Parcours(prescription=date(2026, 11, 2), origine=next(iter(parcours.Origin)))
    refused = parcours.refused_steps(p, date(2026, 11, 23), "conseiller")
    assert (
        refused[parcours.Action.ENTRETIEN_ASS] == "Cette étape est enregistrée par l'ASS du binôme."
    )
    assert parcours.Action.VALIDATE_DIAGNOSTIC not in refused
    assert refused[parcours.Action.ENTER]  # a reason, from the rule itself


async def test_a_file_that_cannot_be_written_is_said_in_french(demo_db_path, monkeypatch, tmp_path):
    from tui.files import fiches_dir
    from tui.screens.fiche import FicheScreen

    blocker = tmp_path / "Documents"
    blocker.write_text("un fichier, pas un dossier")
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(blocker))
    assert fiches_dir().parent == blocker
    app = make_app(db_path=demo_db_path, user=ASS, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await on_entry(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FicheScreen)
        await pilot.press("s")
        await settle(pilot)
        notice = notifications(app)[-1]
        assert notice.message.startswith("Impossible d'enregistrer la fiche : ")
        assert "Errno" not in notice.message and "directory" not in notice.message


async def test_ctrl_q_asks_before_losing_a_report_being_written(demo_db_path):
    from tui.screens.edition.report import ReportScreen

    app = make_app(db_path=demo_db_path, user="cons-albasud-01", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await on_entry(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        app.screen.query_one("#report-comment", Input).value = "Le numéro ne répond plus."
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        assert app.screen.query_one("#report-comment", Input).value == "Le numéro ne répond plus."
        # Escape asks too (it dropped the comment at once), and « non » keeps it.
        report = app.screen
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Votre commentaire ne sera pas envoyé." in shown(app, "#confirm-question")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is report
        assert report.query_one("#report-comment", Input).value == "Le numéro ne répond plus."
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+o")  # yes: leave without sending
        await settle(pilot)
        assert not isinstance(app.screen, (ReportScreen, ConfirmScreen))
        # Nothing typed: escape closes at once.
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, (ReportScreen, ConfirmScreen))


async def test_a_partner_is_not_offered_a_portefeuille_and_f3_says_why(demo_db_path):
    # caseload.acces.DEMANDEUR_ROLES: only conseillers, ASS and responsables follow demandeurs.
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    from caseload.acces import get_profil

    app = make_app(db_path=demo_db_path, user="caf-82-01", clock=clock)
    async with app.run_test(size=(160, 36)) as pilot:
        await settle(pilot)
        offered = {k.description for k in app.screen.query_one(Footer).query(FooterKey)}
        assert "Portefeuille" not in offered and "À faire" in offered
        await pilot.press("f3")
        await settle(pilot)
        assert app.current_mode == "ressources"
        notice = notifications(app)[-1]
        assert notice.title == "Portefeuille : non"
        assert "ne suit pas de demandeurs" in notice.message
        # A conseiller's F3, open when the partner takes the seat, gives way to the
        # Ressources, and says why.
        app.set_profil(get_profil(app.db, "cons-albasud-01"))
        await pilot.press("f3")
        await settle(pilot)
        assert app.current_mode == "portefeuille"
        app.set_profil(get_profil(app.db, "caf-82-01"))
        await settle(pilot)
        assert app.current_mode == "ressources"
        assert "ne suit pas de demandeurs" in notifications(app)[-1].message


async def test_a_partner_is_not_offered_the_indicators_and_f5_says_why(demo_db_path):
    # caseload.acces.PERMISSIONS["indicateurs"]: the convention's teams, not a partner's.
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    from caseload.acces import get_profil

    app = make_app(db_path=demo_db_path, user="caf-82-01", clock=clock)
    async with app.run_test(size=(160, 36)) as pilot:
        await settle(pilot)
        offered = {k.description for k in app.screen.query_one(Footer).query(FooterKey)}
        assert "Indicateurs" not in offered and "Sectorisation" in offered
        await pilot.press("f5")
        await settle(pilot)
        assert app.current_mode == "ressources"
        notice = notifications(app)[-1]
        assert notice.title == "Indicateurs : non"
        assert "réservés aux équipes de France Travail et du Département" in notice.message
        # Nor by the palette, nor by the action itself (a keymap file could name it).
        titles = " ".join(c.title for c in app.get_system_commands(app.screen))
        assert "Sectorisation" in titles
        assert "Indicateurs" not in titles and "Portefeuille" not in titles
        await app.run_action("area('indicateurs')")
        await settle(pilot)
        assert app.current_mode == "ressources"
        # The figures a responsable has on screen are not left to the partner taking the seat.
        app.set_profil(get_profil(app.db, "resp-montauban"))
        await pilot.press("f5")
        await settle(pilot)
        assert app.current_mode == "indicateurs"
        app.set_profil(get_profil(app.db, "caf-82-01"))
        await settle(pilot)
        assert app.current_mode == "ressources"
        assert notifications(app)[-1].title == "Indicateurs : non"


async def test_an_area_key_over_a_dialog_says_to_close_it_first(demo_db_path):
    from tui.screens.fiche import FicheScreen

    app = make_app(db_path=demo_db_path, user=ASS, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await on_entry(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FicheScreen)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, FicheScreen) and app.current_mode == "ressources"
        notice = notifications(app)[-1]
        assert notice.title == "Changer d'espace : non"
        assert "échap" in notice.message
        await pilot.press("escape", "f3")  # closed: F3 goes there
        await settle(pilot)
        assert app.current_mode == "portefeuille"


async def test_a_footer_short_of_room_leaves_keys_out_whole_and_brings_them_back(demo_db_path):
    # At 80 columns a key cut off its name (« ^l ▏ ») said nothing: the keys that do not fit
    # are left out whole, the least needed first (their rank, tui/actions.toml): À faire
    # kept « Quitter » and « Filtrer » and lost the keys that act on the row (issue 13).
    from textual.widgets._footer import FooterKey

    app = make_app(db_path=demo_db_path, user="admin", clock=lambda: date(2026, 11, 23))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        narrow, _ = footer_keys(app, FooterKey)
        assert {"Aide", "Toujours exact", "Modifier"} <= set(narrow)
        assert "Quitter" not in narrow and "Voir dans Ressources" not in narrow
        await pilot.resize_terminal(200, 40)
        await settle(pilot)
        wide, _ = footer_keys(app, FooterKey)
        assert set(narrow) < set(wide) and {"Quitter", "Voir dans Ressources"} <= set(wide)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert footer_keys(app, FooterKey)[0] == narrow


def footer_keys(app, key_type) -> tuple[list[str], int]:
    """The words of the footer's keys on view (none cut), and where the palette's key is."""
    keys = [k for k in app.screen.query(key_type) if k.display]
    palette = next(k for k in keys if k.has_class("-command-palette"))
    shown = [k for k in keys if k is not palette and not k.has_class("-grouped")]
    assert all(k.region.right <= palette.region.x for k in shown)
    assert all(k.region.width == k.outer_size.width for k in shown)  # none cut
    return [k.description for k in shown], palette.region.x


def report_on_entry(db_path, comment: str) -> None:
    """A conseiller's report of an error on ENTRY, an entry the ASS's MDS keeps."""
    from caseload.acces import get_profil
    from caseload.database import open_project_database

    db = open_project_database(db_path)
    try:
        edition.report_error(db, get_profil(db, "cons-albasud-01"), ENTRY, comment, now=NOW)
    finally:
        db.close()


async def reports_in_a_faire(pilot) -> ResultList:
    """À faire (F6) opened, its list of reported errors."""
    await settle(pilot)
    await pilot.press("f6")
    await settle(pilot)
    return pilot.app.screen.query_one("#af-signalements", ResultList)


async def test_at_80_columns_a_reported_error_keeps_its_three_keys_in_the_footer(demo_db_path):
    # On a report in À faire, the keeper certifies the entry, corrects it and closes the
    # report: ctrl+k, ctrl+e and ctrl+t all stay at 80 columns, « Signalement traité » in
    # its shorter word; wider, the keys left out come back.
    from textual.widgets._footer import FooterKey

    report_on_entry(demo_db_path, "Le numéro a changé.")
    app = make_app(db_path=demo_db_path, user=ASS, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        reports = await reports_in_a_faire(pilot)
        reports.focus()
        await settle(pilot)
        narrow, _ = footer_keys(app, FooterKey)
        assert {"Toujours exact", "Modifier", "Traité"} <= set(narrow)
        await pilot.resize_terminal(200, 40)
        await settle(pilot)
        wide, _ = footer_keys(app, FooterKey)
        assert {"Ouvrir", "Toujours exact", "Modifier", "Historique"} <= set(wide)


async def test_at_120_columns_a_long_report_comment_leaves_the_fiche_its_width(demo_db_path):
    # The comment wraps and the name of the fiche is cut: the comment gives up its width
    # first. At 120 columns the Fiche column kept its least (24) beside a comment of 64.
    report_on_entry(demo_db_path, "Le numéro ne répond plus. " * 8)
    app = make_app(db_path=demo_db_path, user=ASS, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        reports = await reports_in_a_faire(pilot)
        widths = {str(c.key.value): c.width for c in reports.ordered_columns}
        assert widths["nom"] == 40 and widths["commentaire"] >= 30, widths
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        widths = {str(c.key.value): c.width for c in reports.ordered_columns}
        assert widths["commentaire"] >= 30 and widths["nom"] >= 24, widths


async def test_the_indicators_footer_keeps_the_bilan_at_80_columns(demo_db_path):
    """At 80x24 the footer left out « b Bilan (PDF) » and kept « Exporter en CSV » whole:
    the three keys of the screen are offered, in their short words where need be."""
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    app = make_app(db_path=demo_db_path, user="resp-montauban", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        offered = {
            k.key: k.description for k in app.screen.query_one(Footer).query(FooterKey) if k.display
        }
        assert {"ctrl+s", "g", "b"} <= set(offered), offered
        assert offered["b"].startswith("Bilan")


async def test_at_80x24_a_long_report_comment_is_read_whole_in_a_faire(demo_db_path):
    # Issue 13's decisive facts: a report's full comment. Its list had a fair share of the
    # lines, fewer than the comment's, and cut it with no « … » nor a way to scroll to the
    # rest; the list now holds its tallest row, and the body scrolls if need be.
    comment = (
        "Le numéro 05 63 00 00 00 ne répond plus depuis octobre ; la permanence du mardi a été "
        "déplacée au jeudi 14h à la mairie de Montauban, salle 3, et il faut désormais prendre "
        "rendez-vous en ligne avant de venir, sur le site de la structure. Fin du commentaire."
    )
    report_on_entry(demo_db_path, comment)
    app = make_app(db_path=demo_db_path, user=ASS, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        reports = await reports_in_a_faire(pilot)
        reports.focus()
        await settle(pilot)
        assert reports.tallest_row_lines >= 5
        drawn = " ".join(reports.render_line(y).text.strip() for y in range(reports.size.height))
        assert "Fin du commentaire." in " ".join(drawn.split())
