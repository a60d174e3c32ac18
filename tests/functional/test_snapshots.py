"""Snapshot tests: every screen and dialog as a person sees it, at 80x24 and at 120x36.

Each test drives the app with its keys, as a person would, and takes a picture of the screen
at the size the session is in, then resizes it to the other size and takes another (80x24
then 120x36, the next screen 120x36 then 80x24: one resize a picture): a screen that breaks
when the terminal is resized, either way, breaks here too, and one app start serves both
sizes (the suite's time budget). The pictures are SVG files in
``tests/functional/__snapshots__/test_snapshots/``; a change is accepted with
``--snapshot-update`` only once its pictures were looked at (README, *Snapshot tests*).
Everything on screen is fixed: the clock (23/11/2026), the demo base built for that day, the
times written in it, the cursor's blink.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import shutil
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from pilot import fill, settle
from pytest_textual_snapshot import PseudoApp, PseudoConsole, SVGImageExtension, node_to_report_path
from rich.console import Console
from textual.widgets import Button, Input, TextArea

from caseload.acces import get_profil
from caseload.database import open_project_database
from caseload.store import Caseload
from ressources import edition
from seed.demandeurs import load_demo_demandeurs
from seed.loader import load_demo, load_demo_profils, open_seeded_database
from tui.app import make_app

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 30)
SIZES = ((80, 24), (120, 36))

# The demandeur whose file is shown: in axe 2, his bilan overdue (the ⚠ block), second in
# cons-albasud-01's portefeuille.
DOSSIER = ("Albouy", "Laurent")
REPORTED = "binome-demo--adil-permanence-castelsarrasin"  # found first for « adil castelsarrasin »
MDS_ENTRY = "binome-demo--mds-accueil-social-castelsarrasin"  # kept by ass-cm-01's MDS


def _build(path: Path) -> None:
    """The demo base as a fresh install made on TODAY, with fixed times everywhere."""
    db = open_seeded_database(path, demo=False)
    with db.atomic():
        load_demo(db)
    load_demo_profils(db)
    load_demo_demandeurs(db, today=TODAY)
    conseiller = get_profil(db, "cons-albasud-01")
    edition.report_error(
        db,
        conseiller,
        REPORTED,
        "Le numéro ne répond plus depuis septembre : la "
        "permanence a lieu maintenant le mardi matin, à la mairie.",
        now=NOW,
    )
    edition.report_error(
        db,
        get_profil(db, "cons-castel-01"),
        MDS_ENTRY,
        "L'accueil a déménagé au 12 "
        "avenue de Toulouse ; la permanence du jeudi après-midi n'existe plus et le "
        "numéro indiqué sonne dans le vide.",
        now=NOW,
    )
    (dossier,) = db.execute(
        "SELECT id FROM demandeurs WHERE nom = ? AND prenom = ?", DOSSIER
    ).fetchone()
    Caseload(db, conseiller, clock=lambda: TODAY).add_note(
        dossier, "Appel du 20/11 : bilan à fixer avec l'ASS avant la fin du mois."
    )
    # What the seed and the app stamp with the real time, set to a fixed one.
    stamp = NOW.isoformat(timespec="seconds")
    for table, column in (("historique", "date"), ("journal", "quand"), ("evenements", "cree_le")):
        db.execute(f"UPDATE {table} SET {column} = ?", [stamp])
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


@pytest.fixture(scope="session")
def _snapshot_template(tmp_path_factory) -> Path:
    """Built once for the whole run: the xdist workers share it (a lock, then a ready file)."""
    # Under xdist each worker's base folder is inside the run's own: share that one.
    root = tmp_path_factory.getbasetemp()
    shared = (root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root) / "snapshot-base"
    shared.mkdir(exist_ok=True)
    path, ready = shared / "snapshots.db", shared / "ready"
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not ready.exists():
            _build(path)
            ready.touch()
    return path


@pytest.fixture
def base(tmp_path, _snapshot_template, monkeypatch) -> Path:
    from caseload import rgpd

    # Journal lines written while the test runs (a file opened) carry the fixed time too.
    monkeypatch.setattr(rgpd, "_now", lambda: NOW.isoformat(timespec="seconds"))
    # The test's own home (conftest): its Documents folder reads « ~/Documents/Binome ».
    monkeypatch.setenv("HOME", str(Path(os.environ["XDG_DOCUMENTS_DIR"]).parent))
    return Path(shutil.copy(_snapshot_template, tmp_path / "binome.db"))


async def _steady_picture(pilot) -> str:
    """The screen once it no longer changes."""
    await pilot.pause()
    svg = pilot.app.export_screenshot(title="Binôme")
    for _ in range(50):
        await pilot.pause(0.02)
        again = pilot.app.export_screenshot(title="Binôme")
        if again == svg:
            break
        svg = again
    return svg


def _steady_cursors(app) -> None:
    """The text cursor stops blinking (shown where the focus is): the same picture each run,
    on the screens under a dialog too (their search box shows through)."""
    for screen in app.screen_stack:
        for widget in screen.query(Input):
            widget.cursor_blink = False
            widget._pause_blink(visible=widget.has_focus)
        for area in screen.query(TextArea):
            area.cursor_blink = False


class Shots:
    """Pictures taken during one test, compared with the accepted ones at the end."""

    def __init__(self, snapshot, request) -> None:
        self.snapshot = snapshot.use_extension(SVGImageExtension)
        self.request = request
        self.taken: list[tuple[str, str]] = []

    async def take(self, pilot, name: str) -> None:
        """The screen at each size, the session resized in between: at the size it is in
        first, then at the other (one resize a picture, not two: the next picture starts at
        the size this one ended at)."""
        sizes = SIZES if pilot.app.size == SIZES[0] else SIZES[::-1]
        for width, height in sizes:
            if pilot.app.size != (width, height):
                await pilot.resize_terminal(width, height)
            await settle(pilot)
            await pilot.wait_for_scheduled_animations()
            _steady_cursors(pilot.app)
            await pilot.pause()
            svg = await _steady_picture(pilot)
            self.taken.append((f"{name}-{width}x{height}", svg))

    async def resize(self, pilot, size: tuple[int, int]) -> None:
        """The session at *size* before the next steps (what follows is laid out there)."""
        if pilot.app.size != size:
            await pilot.resize_terminal(*size)
            await settle(pilot)

    def check(self) -> None:
        """Every picture against its accepted one; the HTML report gets the ones that differ."""
        node = self.request.node
        console = Console(legacy_windows=False, force_terminal=True)
        fake_app = PseudoApp(PseudoConsole(console.legacy_windows, console.size))
        failed = []
        for name, svg in self.taken:
            matches = self.snapshot(name=name) == svg
            full_path, line_number, test_name = node.reportinfo()
            data = (
                matches,
                str(self.snapshot(name=name)) if matches else "",
                svg,
                fake_app,
                full_path,
                line_number,
                f"{test_name}[{name}]",
                node.function.__doc__ or "",
                "",
                True,
            )
            report = node_to_report_path(node)
            report.with_name(f"{report.name}_{name}").write_bytes(pickle.dumps(data))
            if not matches:
                failed.append(name)
        assert not failed, f"pictures changed: {', '.join(failed)} (see the snapshot report)"


@pytest.fixture
def shots(snapshot, request):
    return Shots(snapshot, request)


Steps = Callable[..., Awaitable[None]]


async def run(base: Path, user: str | None, steps: Steps, shots: Shots, **app_options) -> None:
    app = make_app(db_path=base, user=user, clock=lambda: TODAY, **app_options)
    async with app.run_test(size=SIZES[0]) as pilot:
        await settle(pilot)
        await steps(pilot)
    shots.check()


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def search(pilot, text: str) -> None:
    query = pilot.app.screen.query_one("#query", Input)
    query.focus()
    query.value = text
    await settle(pilot)


# -- Ressources -------------------------------------------------------------------------------
async def test_ressources(base, shots):
    """The start screen, then results around a commune with an error reported on the first
    (its comment in the detail), the fiche orientation, the report and history dialogs."""

    async def steps(pilot):
        await shots.take(pilot, "accueil")
        await search(pilot, "adil castelsarrasin")
        await press(pilot, "enter")  # to the results
        await shots.take(pilot, "resultats")
        await press(pilot, "enter")
        await shots.take(pilot, "fiche-orientation")
        await press(pilot, "escape", "ctrl+g")
        await shots.take(pilot, "signalement")
        await press(pilot, "escape", "ctrl+o")
        await shots.take(pilot, "historique")

    await run(base, "cons-albasud-01", steps, shots)


async def test_ressources_form(base, shots):
    """An ASS edits her MDS's entry that a conseiller reported (the comment in sight)."""

    async def steps(pilot):
        await search(pilot, "accueil social assistante sociale castelsarrasin")
        await press(pilot, "enter")
        await shots.take(pilot, "resultats-ass")
        await press(pilot, "ctrl+e")
        await shots.take(pilot, "formulaire")

    await run(base, "ass-cm-01", steps, shots)


def _archive_some(path: Path) -> None:
    """Entries archived by their partner's staff and by the administration (long names, a
    long « Par »), at fixed times."""
    db = open_project_database(path)
    try:
        for who, partenaire, count in (
            ("caf-82-01", "caf-82", 3),
            ("admin", "cd82-mds-castelsarrasin-moissac", 2),
        ):
            actor = get_profil(db, who)
            rows = db.execute(
                "SELECT id FROM services WHERE partenaire = ? AND archive = 0 ORDER BY length(nom) "
                "DESC, id LIMIT ?",
                [partenaire, count],
            )
            for n, (service_id,) in enumerate(list(rows)):
                edition.archive_service(db, actor, service_id, now=datetime(2026, 11, 2 + n, 9))
    finally:
        db.close()


async def test_archives_as_admin(base, shots):
    """« Fiches archivées » for the administration: every partner's, who archived each."""
    _archive_some(base)

    async def steps(pilot):
        await press(pilot, "ctrl+y")
        await shots.take(pilot, "archives-admin")

    await run(base, "admin", steps, shots)


async def test_archives_as_partner(base, shots):
    """« Fiches archivées » for a partner's staff: their partner's first."""
    _archive_some(base)

    async def steps(pilot):
        await press(pilot, "ctrl+y")
        await shots.take(pilot, "archives-partenaire")

    await run(base, "caf-82-01", steps, shots)


async def test_edit_conflict(base, shots):
    """An ASS saves her MDS's entry over a colleague's save: both versions side by side."""

    async def steps(pilot):
        await search(pilot, "accueil social assistante sociale castelsarrasin")
        await press(pilot, "enter", "ctrl+e")
        await fill(pilot, {"#f-telephone": "05 63 22 22 22"})
        # The form under the dialog at its top: scrolled down to the telephone, a resize
        # clamps its scroll to the new size at a moment of its own, and the picture with it.
        pilot.app.screen.query_one("#ed-body").scroll_home(animate=False)
        other = open_project_database(base)
        try:
            edition.update_service(
                other,
                get_profil(other, "ass-cm-02"),
                MDS_ENTRY,
                {"telephone": "05 63 11 11 11", "adresse": "1 place de la Liberté"},
                version=edition.read_service(other, MDS_ENTRY)["version"],
                now=NOW,
            )
        finally:
            other.close()
        await press(pilot, "ctrl+s")
        # At 80x24 its three buttons are whole inside the dialog (« Revenir (éch » was cut).
        dialog = pilot.app.screen.query_one("#conflict-dialog").content_region
        for button in pilot.app.screen.query(Button):
            assert dialog.contains_region(button.region), button.label
        await shots.take(pilot, "conflit")

    await run(base, "ass-cm-01", steps, shots)


# -- caseload ---------------------------------------------------------------------------------
async def test_portefeuille_and_dossier(base, shots):
    """A conseiller's portefeuille (the alerts column), a file opened on its overdue bilan,
    and the dialogs of the file: a step, the freins' resources, the documents."""

    async def steps(pilot):
        await press(pilot, "f3")
        await shots.take(pilot, "portefeuille")
        await press(pilot, "down", "enter")
        await shots.take(pilot, "dossier")
        await press(pilot, "enter")  # the first step offered
        await shots.take(pilot, "etape")
        await press(pilot, "escape", "ctrl+r")
        await shots.take(pilot, "freins")
        await press(pilot, "escape", "ctrl+o")
        await shots.take(pilot, "documents")

    await run(base, "cons-albasud-01", steps, shots)


async def test_fiche_de_liaison(base, shots):
    """A new prescription: the fiche de liaison form."""

    async def steps(pilot):
        await press(pilot, "f3", "ctrl+n")
        await shots.take(pilot, "fiche-de-liaison")

    await run(base, "cons-albasud-01", steps, shots)


async def test_dossier_as_ass(base, shots):
    """The ASS's side of a file: her portefeuille, naming the ASS, a rendez-vous."""

    async def steps(pilot):
        await press(pilot, "f3")
        await shots.take(pilot, "portefeuille-ass")
        await press(pilot, "enter")
        await press(pilot, "ctrl+d")
        await shots.take(pilot, "designer-ass")
        await press(pilot, "escape", "ctrl+v")
        await shots.take(pilot, "rendez-vous")
        await press(pilot, "escape", "ctrl+g")
        await shots.take(pilot, "etapes-non-proposees")
        await press(pilot, "escape", "ctrl+d", "end", "enter")  # « une ASS d'une autre MDS »
        await shots.take(pilot, "autre-ass")

    await run(base, "ass-mv-05", steps, shots)


# -- the other areas --------------------------------------------------------------------------
async def test_sectorisation(base, shots):
    """A commune's MDS, site and ASS (the load, the one proposed named), as its responsable,
    then the dialog that moves it to another site."""

    async def steps(pilot):
        await press(pilot, "f4")
        field = pilot.app.screen.query_one("#sect-commune", Input)
        field.value = "moissac"
        await settle(pilot)
        await shots.take(pilot, "sectorisation")
        await press(pilot, "tab", "tab", "ctrl+e")
        await shots.take(pilot, "rattacher")

    await run(base, "resp-castelsarrasin-moissac", steps, shots)


async def test_indicateurs(base, shots):
    async def steps(pilot):
        await press(pilot, "f5")
        await shots.take(pilot, "indicateurs")

    await run(base, "resp-montauban", steps, shots)


async def test_afaire(base, shots):
    """An ASS's to-do list: entries to review and a colleague's report in full."""

    async def steps(pilot):
        await press(pilot, "f6")
        await shots.take(pilot, "a-faire")

    await run(base, "ass-cm-01", steps, shots)


async def palette_listed(pilot) -> None:
    """The command palette fills its list in the background: wait until it stops growing
    (a loaded machine took the picture half-filled)."""
    from textual.widgets import OptionList

    counts: list[int] = []
    for _ in range(100):
        await pilot.pause(0.05)
        lists = pilot.app.screen.query(OptionList)
        counts.append(lists.first().option_count if lists else -1)
        if len(counts) >= 6 and counts[-1] > 0 and len(set(counts[-6:])) == 1:
            return


# -- the app's own dialogs --------------------------------------------------------------------
async def test_app_dialogs(base, shots):
    """Help, the command palette, the demo profile picker, quitting over unsaved work."""

    async def steps(pilot):
        await press(pilot, "f1")
        await shots.take(pilot, "aide")
        await press(pilot, "escape", "ctrl+p")
        await palette_listed(pilot)
        await shots.take(pilot, "palette")
        await press(pilot, "escape")
        pilot.app.action_change_profil()
        await settle(pilot)
        await shots.take(pilot, "profil")
        # The file opened at 80x24: opened at 120x36 then shrunk, its focused note box
        # scrolls out of view (another picture, another question).
        await shots.resize(pilot, SIZES[0])
        await press(pilot, "escape", "f3", "down", "enter", "ctrl+n")
        pilot.app.screen.query_one("#note-input", Input).value = "Rappeler mardi"
        await press(pilot, "ctrl+q")
        await shots.take(pilot, "quitter")

    await run(base, "cons-albasud-01", steps, shots)


async def test_administration(base, shots):
    """The administrateur's screens: RGPD, the synchronisation dialog, À faire for every
    partner."""

    async def steps(pilot):
        pilot.app.action_rgpd()
        await settle(pilot)
        await shots.take(pilot, "rgpd")
        await press(pilot, "escape")
        pilot.app.action_sync()
        await settle(pilot)
        await shots.take(pilot, "synchroniser")
        await press(pilot, "escape", "f6")
        await shots.take(pilot, "a-faire-admin")

    await run(base, "admin", steps, shots)


async def test_profils(base, shots):
    """The administrateur's « Profils »: the list, a new profile, a password."""

    async def steps(pilot):
        pilot.app.action_profils()
        await settle(pilot)
        await shots.take(pilot, "profils")
        await press(pilot, "ctrl+n")
        await shots.take(pilot, "profil-nouveau")
        await press(pilot, "escape", "down", "ctrl+r")
        await shots.take(pilot, "profil-mot-de-passe")

    await run(base, "admin", steps, shots)


async def test_served_sign_in_and_lock(base, shots):
    """Served: the sign-in screen, then the idle lock over the work."""

    async def steps(pilot):
        await shots.take(pilot, "connexion")
        pilot.app.screen.query_one("#identifiant", Input).value = "cons-albasud-01"
        pilot.app.screen.query_one("#mot-de-passe", Input).value = "cons-albasud-01"
        await press(pilot, "enter", "enter")  # to the password, then sign in
        pilot.app.action_lock(idle=True)
        await settle(pilot)
        await shots.take(pilot, "verrou")

    await run(base, None, steps, shots, signin_required=True)
