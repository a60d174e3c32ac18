"""« Base : synchroniser avec data·inclusion »: the sync of ``binome sync``, from the app.

The sync runs in a thread worker on its own connection (SQLite connections are not shared
across threads here), reports its progress to a ProgressBar, and its summary as a
notification; the base is untouched when it stops on an error. Échap while it reads the
pages cancels it (the base untouched too); the merge at the end is one short transaction.
"""

from __future__ import annotations

import os
import sqlite3
import threading

import httpx
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, ProgressBar, Static

from caseload.database import open_project_database
from ressources.errors import BinomeError
from ressources.sync import API_URL, TOKEN_ENV, SyncReport, sync
from ressources.text import counted, grouped
from tui import keys, settings
from tui.base import BinomeModal

URL_SETTING = "sync_url"


def summary(report: SyncReport) -> str:
    """One sentence a person reads in a notification."""
    if not report.changed and not report.conflicts and not report.rejections:
        return "Rien à mettre à jour : la base était déjà à jour."
    parts = [
        counted(len(report.added), "service ajouté", "services ajoutés"),
        f"{grouped(len(report.updated))} mis à jour",
        counted(len(report.unchanged), "inchangé"),
    ]
    if report.structures_added or report.structures_updated:
        parts.append(
            f"{counted(len(report.structures_added), 'structure ajoutée', 'structures ajoutées')}"
            f", {counted(len(report.structures_updated), 'mise à jour', 'mises à jour')}"
        )
    if report.elsewhere:
        n = len(report.elsewhere)
        parts.append(
            f"{counted(n, 'lu')} hors du département, qui le {'couvrent' if n > 1 else 'couvre'}"
        )
    if report.duplicates:
        parts.append(
            counted(
                len(report.duplicates),
                "doublon signalé par data·inclusion écarté",
                "doublons signalés par data·inclusion écartés",
            )
        )
    if report.conflicts:
        parts.append(f"{counted(len(report.conflicts), 'conflit')} : version locale gardée")
    if report.rejections:
        parts.append(counted(len(report.rejections), "rejeté"))
    return " · ".join(parts) + "."


class SyncScreen(BinomeModal[bool]):
    """Ask the address, run the sync, show where it is and what it did."""

    KEYS = "synchronisation"
    BINDINGS = keys.bindings("synchronisation")

    def __init__(self) -> None:
        super().__init__()
        self.running = False
        self.changed = False
        self.cancel = threading.Event()

    def compose(self) -> ComposeResult:
        url = settings.load().get(URL_SETTING) or API_URL
        token = (
            f"Jeton d'accès : variable {TOKEN_ENV} définie."
            if os.environ.get(TOKEN_ENV)
            else f"Jeton d'accès : variable {TOKEN_ENV} non définie (l'API peut le demander)."
        )
        with Vertical(classes="dialog", id="sync-dialog"):
            yield Label("Synchroniser avec data·inclusion", classes="dialog-title")
            yield Static(
                "Les structures et services du Tarn-et-Garonne sont lus page par page, puis "
                "fusionnés en une fois : ajouts et mises à jour, jamais de suppression. Une fiche "
                "modifiée ici depuis la dernière synchronisation est gardée (conflit signalé) ; "
                "thématiques, mots-clés, partenaire et revue ne sont jamais écrasés.",
                classes="dialog-body",
                markup=False,
            )
            yield Label(
                "Adresse de l'API (ce qui précède /structures et /services)", classes="field-label"
            )
            yield Input(url, id="sync-url", placeholder="https://…/api/v1")
            yield Static(token, classes="dialog-hint", markup=False)
            yield ProgressBar(id="sync-progress", show_eta=False)
            yield Static("", id="sync-status", classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Synchroniser (entrée)", id="sync-start", variant="primary")
                yield Button("Fermer (échap)", id="sync-close")

    def on_mount(self) -> None:
        self.query_one("#sync-progress", ProgressBar).display = False
        self.query_one("#sync-url", Input).focus()

    def on_unmount(self) -> None:
        self.cancel.set()  # the app is closing: the thread stops reading pages

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "sync-start":
            self.start()
        else:
            self.action_close()

    @on(Input.Submitted, "#sync-url")
    def submitted(self) -> None:
        self.start()

    def start(self) -> None:
        if self.running:
            return
        url = self.query_one("#sync-url", Input).value.strip()
        if not url:
            self.query_one("#sync-status", Static).update("Indiquez l'adresse de l'API.")
            return
        settings.save({URL_SETTING: url})
        self.running = True
        self.cancel.clear()
        self.query_one("#sync-close", Button).label = "Annuler (échap)"
        bar = self.query_one("#sync-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.query_one("#sync-start", Button).disabled = True
        self.query_one("#sync-status", Static).update("Lecture des pages…")
        self.run_sync(url)

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def run_sync(self, url: str) -> None:
        app = self.app

        def progress(done: int, total: int) -> None:
            app.call_from_thread(self._progress, done, total)

        try:
            db = open_project_database(app.db_path)
        except (BinomeError, sqlite3.Error) as exc:
            app.call_from_thread(self._failed, f"Base inaccessible : {exc}")
            return
        try:
            report = sync(db, url, progress=progress, cancel=self.cancel)
        except BinomeError as exc:
            app.call_from_thread(self._failed, str(exc))
        except httpx.HTTPError as exc:
            app.call_from_thread(self._failed, f"Échec de la connexion à l'API : {exc}")
        except (sqlite3.Error, OSError) as exc:
            app.call_from_thread(self._failed, f"La synchronisation n'a pas pu écrire : {exc}")
        except Exception as exc:  # never a traceback for the person; the dialog must not hang
            app.call_from_thread(
                self._failed,
                f"Erreur inattendue pendant la synchronisation : {type(exc).__name__} : {exc}",
            )
        else:
            app.call_from_thread(self._done, report)
        finally:
            db.close()

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#sync-progress", ProgressBar).update(total=max(total, 1), progress=done)
        if not self.cancel.is_set():
            self.query_one("#sync-status", Static).update(f"Pages lues : {done} sur {total}")

    def _finish(self) -> None:
        self.running = False
        self.query_one("#sync-close", Button).label = "Fermer (échap)"
        self.query_one("#sync-start", Button).disabled = False
        self.query_one("#sync-close", Button).focus()

    def _failed(self, message: str) -> None:
        self._finish()
        self.query_one("#sync-progress", ProgressBar).display = False
        unchanged = "La base n'a pas été modifiée."
        if unchanged not in message:
            message = f"{message} {unchanged}"
        self.query_one("#sync-status", Static).update(message)
        if self.cancel.is_set():
            self.app.notify(message, title="Synchronisation annulée", timeout=10)
        else:
            self.app.notify(
                message, title="Synchronisation impossible", severity="error", timeout=10
            )

    def _done(self, report: SyncReport) -> None:
        self._finish()
        self.changed = report.changed
        bar = self.query_one("#sync-progress", ProgressBar)
        bar.update(total=bar.total or 1, progress=bar.total or 1)
        lines = [summary(report), *report.notes]
        lines += [f"• {c}" for c in report.conflicts[:5]]
        if len(report.conflicts) > 5:
            lines.append(
                f"… et {counted(len(report.conflicts) - 5, 'autre conflit', 'autres conflits')}."
            )
        lines += [f"• rejeté : {r}" for r in report.rejections[:5]]
        if len(report.rejections) > 5:
            lines.append(
                f"… et {counted(len(report.rejections) - 5, 'autre rejet', 'autres rejets')}."
            )
        self.query_one("#sync-status", Static).update("\n".join(lines))
        self.app.notify(
            summary(report),
            title="Synchronisation terminée",
            severity="warning" if report.conflicts or report.rejections else "information",
            timeout=10,
        )

    def action_close(self) -> None:
        """Close; while the sync runs, cancel it first (the dialog stays to say so)."""
        if self.running:
            if not self.cancel.is_set():
                self.cancel.set()
                self.query_one("#sync-status", Static).update(
                    "Annulation… (la base n'est pas modifiée)"
                )
            return
        self.dismiss(self.changed)
