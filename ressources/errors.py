"""Errors that reach a person: each carries one clear French sentence."""

from __future__ import annotations

import errno


class BinomeError(Exception):
    """An error whose message is written for the person using Binôme, in French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class AccessDenied(BinomeError):
    """The profile acting may not see or do this (the message says why, or who may)."""


class InvalidFields(BinomeError):
    """Some fields are wrong; ``errors`` maps each field to its French message."""

    def __init__(self, errors: dict[str, str], message: str | None = None) -> None:
        super().__init__(message or " ; ".join(errors.values()))
        self.errors = errors


class EditConflict(BinomeError):
    """Someone saved the same record since it was opened: ``fields`` changed on both sides
    (to different values); ``theirs`` and ``mine``, when given, are the two versions to
    choose from."""

    def __init__(
        self,
        message: str,
        fields: list[str],
        *,
        theirs: dict | None = None,
        mine: dict | None = None,
    ) -> None:
        super().__init__(message)
        self.fields = fields
        self.theirs = theirs or {}
        self.mine = mine or {}


class InvalidValue(ValueError):
    """One value typed in a form (a date, opening hours) cannot be read; the French message
    says how to write it. A ``ValueError``: parsing code raises it where a value is read,
    the form catches it and shows it under the field."""


class DatabaseError(BinomeError):
    """The database file cannot be opened, read or written."""


class DatabaseBusy(DatabaseError):
    """The base stayed busy (locked by another writer) for longer than the retry budget."""


class SyncError(BinomeError):
    """A sync with data·inclusion stopped before writing anything."""


class UnknownCommune(BinomeError):
    """No commune of the département matches what was typed."""


class AmbiguousCommune(BinomeError):
    """Several communes match what was typed; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list) -> None:
        super().__init__(message)
        self.candidates = candidates


class UnknownThematique(BinomeError):
    """A thématique slug or label that is not among the 22."""


_OS_ERRORS = {
    errno.ENAMETOOLONG: "chemin trop long",
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise",
    errno.ENOENT: "fichier ou dossier absent",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier",
    errno.ENOSPC: "disque plein",
    errno.EDQUOT: "quota de disque dépassé",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.EEXIST: "le fichier existe déjà",
    errno.ELOOP: "trop de liens symboliques",
    errno.EIO: "erreur d'entrée-sortie du disque",
    errno.EBUSY: "ressource occupée",
    errno.EXDEV: "déplacement entre deux disques impossible",
}


def describe_os_error(exc: OSError) -> str:
    """A short French phrase for a system error (the system's own text is English)."""
    return _OS_ERRORS.get(exc.errno or 0, "erreur du système")
