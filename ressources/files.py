"""Writing a file the person named (an export, a backup) safely.

Only a regular file is ever written: a symbolic link, a FIFO, a device or a folder at the
path is refused (an export must not write through a link to another file, nor block on a
pipe, nor fill a disk device). The content goes to a temporary file in the same folder,
which replaces the target only once complete and on disk; on any failure (full disk,
interruption) the temporary file is removed and the target is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ressources.errors import BinomeError, describe_os_error


def check_readable(path: Path) -> None:
    """Raise a French BinomeError unless *path* is a regular file (or a link to one) that
    can be opened: a FIFO would block the reader forever, a device never end."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise BinomeError(f"Fichier introuvable : {path}") from None
    except OSError as exc:
        raise BinomeError(f"Impossible de lire {path} : {describe_os_error(exc)}.") from None
    if stat.S_ISDIR(info.st_mode):
        raise BinomeError(f"{path} est un dossier, pas un fichier.")
    if not stat.S_ISREG(info.st_mode):
        raise BinomeError(f"{path} n'est pas un fichier ordinaire (tube, périphérique…).")


def check_target(path: Path) -> None:
    """Raise a French BinomeError unless *path* is absent or a regular file."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise BinomeError(f"Impossible d'écrire {path} : {describe_os_error(exc)}.") from None
    if info is not None:
        mode = info.st_mode
        if stat.S_ISLNK(mode):
            kind = "un lien symbolique"
        elif stat.S_ISDIR(mode):
            kind = "un dossier"
        elif stat.S_ISFIFO(mode):
            kind = "un tube (FIFO)"
        elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            kind = "un périphérique"
        elif stat.S_ISSOCK(mode):
            kind = "une socket"
        else:
            kind = ""
        if kind:
            raise BinomeError(
                f"{path} est {kind}, pas un fichier ordinaire : rien n'a été écrit. "
                "Indiquez un autre chemin."
            )
    parent = path.parent
    if not parent.is_dir():
        raise BinomeError(f"Impossible d'écrire {path} : le dossier {parent} n'existe pas.")


# The files SQLite keeps beside a base: writing over one of them loses the base as surely.
BASE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def check_not_the_base(path: Path, base: str | Path | None) -> None:
    """Raise a French BinomeError when *path* is the open base *base* or one of the files
    SQLite keeps beside it: an export or a document named like the base would replace it
    (« binome export ~/.local/share/binome/binome.db »)."""
    if not base:
        return
    target = Path(path).expanduser().resolve()
    for suffix in BASE_COMPANIONS:
        companion = Path(f"{base}{suffix}").resolve()
        same = target == companion
        if not same and target.exists() and companion.exists():
            with contextlib.suppress(OSError):
                same = os.path.samefile(target, companion)
        if same:
            raise BinomeError(
                f"{path} est le fichier de la base Binôme elle-même : rien n'a été écrit. "
                "Indiquez un autre chemin."
            )


@contextlib.contextmanager
def replacing(
    path: Path, *, private: bool = False, base: str | Path | None = None
) -> Iterator[Path]:
    """A temporary file next to *path* (a regular file or nothing, checked first) for the
    caller to fill; it becomes *path* when the block ends without error, and is removed
    otherwise. *private*: readable by its owner only (0600), for copies of personal data
    (backups, RGPD exports); otherwise the usual mode (umask). *base*: the open base's
    file, which *path* must not be (:func:`check_not_the_base`)."""
    path = Path(path)
    check_not_the_base(path, base)
    check_target(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise BinomeError(f"Impossible d'écrire {path} : {describe_os_error(exc)}.") from None
    tmp = Path(tmp_name)
    try:
        yield tmp
        with tmp.open("rb+") as stream:
            os.fsync(stream.fileno())
        os.chmod(tmp, 0o600 if private else 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        _remove_temporary(tmp)
        raise BinomeError(f"Impossible d'écrire {path} : {describe_os_error(exc)}.") from None
    except BaseException:
        _remove_temporary(tmp)
        raise


def _remove_temporary(tmp: Path) -> None:
    """*tmp* and what SQLite may have left beside it when it was a base (its journal, on a
    full disk): the temporary name is ours alone."""
    for leftover in (tmp, *(tmp.with_name(tmp.name + end) for end in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


@contextlib.contextmanager
def regular_file(
    path: Path,
    *,
    mode: str = "w",
    encoding: str | None = "utf-8",
    newline: str | None = None,
    private: bool = False,
    base: str | Path | None = None,
) -> Iterator[IO]:
    """A stream whose content becomes the regular file *path* when the block ends
    without error; nothing is left behind otherwise (*private*: see :func:`replacing`)."""
    with replacing(path, private=private, base=base) as tmp:
        binary = "b" in mode
        with tmp.open(
            mode, encoding=None if binary else encoding, newline=None if binary else newline
        ) as stream:
            yield stream


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
