"""The small actions on an entry that the Ressources and À faire screens share: toujours
exact, archive, report, edit, history."""

from __future__ import annotations

from collections.abc import Callable

from ressources import edition
from ressources.errors import BinomeError
from tui import busy, keys
from tui.base import BinomeBase
from tui.screens.common import fr_date
from tui.screens.dialogs.confirm import ConfirmScreen
from tui.screens.edition.common import changed, now_of
from tui.screens.edition.form import ResourceFormScreen
from tui.screens.edition.history import HistoryScreen
from tui.screens.edition.report import ReportScreen


def confirm_entry(app: BinomeBase, service_id: str, done: Callable[[], None]) -> None:
    """« Toujours exact »: confirmed today, no question asked (nothing is lost)."""
    try:
        with busy.attempt(app):
            edition.confirm_review(app.db, app.actor(), service_id, now=now_of(app))
        changed(app)
        nom = edition.read_service(app.db, service_id)["nom"]
    except BinomeError as exc:
        if not busy.retry_later(app, exc, lambda: confirm_entry(app, service_id, done)):
            app.notify(str(exc), title="Confirmation refusée", severity="error")
        return
    due = edition.review_due(app.clock().isoformat(), app.clock())
    app.notify(
        f"« {nom} » : toujours exacte au {fr_date(app.clock())}. Prochaine revue avant "
        f"le {fr_date(due)}.",
        title="Fiche confirmée",
    )
    done()


def archive_entry(app: BinomeBase, service_id: str, done: Callable[[], None]) -> None:
    """Archive after a confirmation: the entry leaves the search, its history stays."""
    try:
        nom = edition.read_service(app.db, service_id)["nom"]
    except BinomeError as exc:
        app.notify(str(exc), severity="error")
        return

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            with busy.attempt(app):
                edition.archive_service(app.db, app.actor(), service_id, now=now_of(app))
        except BinomeError as exc:
            if not busy.retry_later(app, exc, lambda: answered(True)):
                app.notify(str(exc), title="Archivage refusé", severity="error")
            return
        changed(app)
        # The way back, said where the fiche leaves (no undo toast: she knows where it is).
        back = keys.keys_text(app, keys.find("ressources.archivees"))
        app.notify(
            f"« {nom} » est archivée : elle ne sort plus dans la recherche. Son "
            f"historique est gardé ; {back} : les fiches archivées, pour la désarchiver.",
            title="Fiche archivée",
        )
        done()

    app.push_screen(
        ConfirmScreen(
            "Archiver cette fiche ?",
            f"« {nom} » ne sortira plus dans la recherche ni dans la liste « à faire ».\n"
            "Rien n'est effacé : son historique est gardé.",
            yes="Archiver",
        ),
        answered,
    )


def report_entry(app: BinomeBase, service_id: str, done: Callable[[], None] | None = None) -> None:
    """« Signaler une information erronée »: a comment for the partner who keeps it."""
    try:
        record = edition.read_service(app.db, service_id)
    except BinomeError as exc:
        app.notify(str(exc), severity="error")
        return

    def sent(ok: bool | None) -> None:
        if ok and done is not None:
            done()

    app.push_screen(ReportScreen(record), sent)


def edit_entry(app: BinomeBase, service_id: str | None, done: Callable[[str], None]) -> None:
    """The form, for a new entry (``None``) or an existing one; *done* gets the saved id."""

    def closed(saved: str | None) -> None:
        if saved:
            changed(app)
            done(saved)

    try:
        app.push_screen(ResourceFormScreen(service_id), closed)
    except BinomeError as exc:
        app.notify(str(exc), severity="error")


def history_of(app: BinomeBase, service_id: str, done: Callable[[], None]) -> None:
    def closed(changed: bool | None) -> None:
        if changed:
            done()

    app.push_screen(HistoryScreen(service_id), closed)
