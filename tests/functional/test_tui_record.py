"""The form reads the record's table too: every field it edits comes back as the base holds
it, and the local rules an imported entry breaks are warnings there, not a locked form."""

from datetime import date

from pilot import fill, notifications, settle, shown
from records import STRUCTURE, as_file, full_record
from steps import highlight, search

from caseload.database import open_project_database
from ressources import edition
from ressources.exchange import import_records
from ressources.record import FIELDS, LOCAL_RECORD, comparable
from tui.app import make_app
from tui.screens.edition.form import FORM_FIELDS, ResourceFormScreen

SIZE = (150, 45)


def _app(path):
    return make_app(db_path=path, user="admin", clock=lambda: date(2026, 11, 23))


def _import(path, service: dict) -> None:
    db = open_project_database(path)
    report = import_records(db, [STRUCTURE], [service])
    assert report.ok, report.rejections
    db.close()


async def test_the_form_gives_back_every_field_of_the_table_it_edits(demo_db_path):
    record = full_record()
    _import(demo_db_path, as_file(record))
    # Binôme's own fields are all in the form; the others it edits are fields of the table.
    assert {f.name for f in LOCAL_RECORD} <= set(FORM_FIELDS) <= set(FIELDS)
    app = _app(demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ResourceFormScreen("test--sv1"))
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ResourceFormScreen)
        values, errors = form.values()
        assert not errors
        for name in FORM_FIELDS:
            assert comparable(name, values[name]) == comparable(name, record[name]), name
        assert form.changes() == {}  # opened and untouched: nothing to save


async def test_an_imported_entry_breaking_local_rules_is_saved_with_warnings(demo_db_path):
    service = as_file(full_record())
    service["telephone"] = "39 39"  # valid for data·inclusion, not a number of the 82
    _import(demo_db_path, service)
    app = _app(demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        # The entry says it to whoever keeps it.
        await search(pilot, "permanence budget dettes")
        await highlight(pilot, "test--sv1")
        assert "À vérifier : Téléphone, numéro invalide « 39 39 »" in shown(app, "#detail")
        app.push_screen(ResourceFormScreen("test--sv1"))
        await settle(pilot)
        form = app.screen
        # Said at once, as something to check, in its own colour.
        assert "À vérifier : Numéro invalide « 39 39 »" in shown(app, "#err-telephone")
        assert form.query_one("#err-telephone").has_class("ed-warning")
        # Another field is changed and saved all the same.
        await fill(pilot, {"#f-nom": "Permanence budget du jeudi"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ResourceFormScreen)
        assert any("Fiche enregistrée" in n.title for n in notifications(app))
        assert edition.read_service(app.db, "test--sv1")["nom"] == "Permanence budget du jeudi"
        # The phone itself, once touched, must follow the rule.
        app.push_screen(ResourceFormScreen("test--sv1"))
        await settle(pilot)
        form = app.screen
        await fill(pilot, {"#f-telephone": "12"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert not form.query_one("#err-telephone").has_class("ed-warning")
        assert "Numéro invalide « 12 »" in shown(app, "#err-telephone")
        assert edition.read_service(app.db, "test--sv1")["telephone"] == "39 39"


async def test_a_field_added_to_the_table_gets_its_box_in_the_form(demo_db_path, monkeypatch):
    """A field of the table the form does not lay out by hand (as one added to the table
    would be) gets a box of its kind: shown, read back, saved. Here the national
    ``lien_source`` stands for it."""
    import tui.screens.edition.form

    monkeypatch.setattr(
        tui.screens.edition.form, "EXTRA_FIELDS", ("lien_source", "volume_horaire_hebdomadaire")
    )
    record = full_record()
    _import(demo_db_path, as_file(record))
    app = _app(demo_db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ResourceFormScreen("test--sv1"))
        await settle(pilot)
        form = app.screen
        assert form.query_one("#f-lien_source").value == record["lien_source"]
        assert form.query_one("#f-volume_horaire_hebdomadaire").value == "2.5"
        assert form.changes() == {}
        await fill(
            pilot,
            {"#f-lien_source": "https://exemple.fr/autre", "#f-volume_horaire_hebdomadaire": "3,5"},
        )
        assert form.changes() == {
            "lien_source": "https://exemple.fr/autre",
            "volume_horaire_hebdomadaire": 3.5,
        }
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = edition.read_service(app.db, "test--sv1")
        assert saved["lien_source"] == "https://exemple.fr/autre"
        assert saved["volume_horaire_hebdomadaire"] == 3.5
