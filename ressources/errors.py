"""Errors that reach a person: each carries one clear French sentence."""

from __future__ import annotations


class BinomeError(Exception):
    """An error whose message is written for the person using Binôme, in French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DatabaseError(BinomeError):
    """The database file cannot be opened, read or written."""


class UnknownCommune(BinomeError):
    """No commune of the département matches what was typed."""


class AmbiguousCommune(BinomeError):
    """Several communes match what was typed; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list) -> None:
        super().__init__(message)
        self.candidates = candidates


class UnknownThematique(BinomeError):
    """A thématique slug or label that is not among the 22."""
