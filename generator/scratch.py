"""Temporary folders that a killed process does not leave behind for good.

gen-letter's own temporary folders in the system's temporary directory (``gen-letter-<kind>-*``:
LibreOffice's throw-away profiles and the conversion's work files, the package check's copy) are
made by :func:`make` or :func:`folder`. Each is removed when its block ends, whatever ends it —
an error, or SIGTERM, which issuing turns into an exit. A SIGKILL ends a process with no chance
to remove anything, so each folder is also held locked (an exclusive ``flock`` on the folder
itself) for as long as its process uses it; the kernel drops the lock when the process ends,
however it ends. :func:`sweep` — run before a process makes its first folder, and by every
``issue`` and ``verify`` when it finishes or undoes interrupted issues — removes every such
folder of this user that nobody holds. Folders are made and locked, and swept, under one lock
(``.gen-letter-scratch.lock`` in the temporary directory), so a sweep never sees a live folder
before its process has locked it. Folders of other programs, of other users, and older folders
that were never locked by this rule (no ``.gen-letter-scratch`` mark) are left alone.

The LibreOffice a conversion keeps up ends with its process too
(:mod:`generator.pdf.uno_worker` watches its parent), so a swept profile is not in use.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PREFIX = "gen-letter-"
LOCK = ".gen-letter-scratch.lock"
MARK = ".gen-letter-scratch"  # in each folder made here: the rule applies to it
_swept = False


@dataclass
class Scratch:
    """A temporary folder, held locked until :meth:`release` removes it."""

    path: Path
    fd: int | None

    def release(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


@contextlib.contextmanager
def _guard() -> Iterator[None]:
    """Hold the temporary directory's gen-letter lock (none when it cannot be had)."""
    try:
        fd = os.open(Path(tempfile.gettempdir()) / LOCK, os.O_RDONLY | os.O_CREAT, 0o644)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def make(kind: str) -> Scratch:
    """A new folder ``gen-letter-<kind>-*`` in the temporary directory, locked by this process.

    >>> made = make("example")
    >>> made.path.name.startswith("gen-letter-example-"), (made.path / MARK).is_file()
    (True, True)
    >>> made.release(); made.path.exists()
    False
    """
    global _swept
    with _guard():
        if not _swept:
            _swept = True
            _sweep_unguarded()
        path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{kind}-"))
        fd = None
        try:
            fd = os.open(path, os.O_RDONLY)
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            (path / MARK).touch()
        except BaseException:
            if fd is not None:
                os.close(fd)
            shutil.rmtree(path, ignore_errors=True)
            raise
    return Scratch(path, fd)


@contextlib.contextmanager
def folder(kind: str) -> Iterator[Path]:
    """:func:`make`, removed when the block ends."""
    made = make(kind)
    try:
        yield made.path
    finally:
        made.release()


def sweep() -> list[Path]:
    """Remove the folders of ended processes (see the module docstring); the folders removed."""
    with _guard():
        return _sweep_unguarded()


def _sweep_unguarded() -> list[Path]:
    removed = []
    try:
        candidates = list(Path(tempfile.gettempdir()).glob(f"{PREFIX}*"))
    except OSError:
        return removed
    for path in candidates:
        try:
            if (path.is_symlink() or not path.is_dir() or path.stat().st_uid != os.getuid()
                    or not (path / MARK).is_file()):
                continue
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # its process is still running
        finally:
            os.close(fd)
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed
