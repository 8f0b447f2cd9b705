"""Which issue is still running: each one holds a lock on its own temporary folder.

An issue works in ``output/.issuing-<random>/`` (on the archive's file system, so its files
reach ``output/issued/`` by renames) and holds an exclusive ``flock`` on the folder's ``.lock``
file for as long as it runs. The register records that folder as the number's ``claim``. The
operating system releases the lock when the process ends, however it ends (SIGKILL and a power
cut included), so a folder whose lock can be taken belongs to an issue that is over: the next
``issue`` or ``verify`` may finish or undo it (:mod:`.recovery`), and nobody else does it at the
same time, because the one recovering holds that lock meanwhile.

A folder is made and locked while holding a lock on ``output/`` itself, which recovery also
holds while it looks for folders to clean up: it never sees a new folder before that folder is
locked. Locks are advisory and local to the machine's file system (with a PostgreSQL register
shared by several machines, the workspace's ``output/`` must be one shared file system with
working ``flock``, as the archive has to be anyway).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

PREFIX = ".issuing-"
LOCK = ".lock"


@dataclass
class Claim:
    """The temporary folder of one issue, locked while the issue runs."""

    workspace: Path
    folder: Path
    _fd: int | None

    @property
    def name(self) -> str:
        """The folder relative to the workspace, as the register records it."""
        return self.folder.relative_to(self.workspace).as_posix()

    def release(self) -> None:
        """Remove the folder, then let the lock go."""
        shutil.rmtree(self.folder, ignore_errors=True)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


@contextlib.contextmanager
def workspace_lock(workspace: Path, *, wait: bool = True) -> Iterator[bool]:
    """Hold the lock of the ``output/`` folder; yields False when it cannot be had (a
    read-only workspace, or ``wait=False`` and another process holds it)."""
    output = Path(workspace) / "output"
    try:
        output.mkdir(parents=True, exist_ok=True)
        if not os.access(output, os.W_OK):
            raise PermissionError(output)
        fd = os.open(output, os.O_RDONLY)
    except OSError:
        yield False
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except OSError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


@contextlib.contextmanager
def claimed(workspace: Path) -> Iterator[Claim]:
    """A new locked folder ``output/.issuing-*``; removed (and unlocked) when the block ends,
    whatever ends it."""
    workspace = Path(workspace)
    with workspace_lock(workspace):
        folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=workspace / "output"))
        fd = None
        try:
            fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BaseException:
            if fd is not None:
                os.close(fd)
            shutil.rmtree(folder, ignore_errors=True)
            raise
    claim = Claim(workspace, folder, fd)
    try:
        yield claim
    finally:
        claim.release()


@contextlib.contextmanager
def abandoned(workspace: Path, name: str) -> Iterator[Claim | None]:
    """The claim ``name`` (as the register records it) when its issue is over — its lock taken
    now, for the block — else None (still running). A folder that is gone counts as over."""
    workspace = Path(workspace)
    folder = workspace / name
    if not folder.is_dir():
        yield Claim(workspace, folder, None)
        return
    try:
        fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield None  # cannot tell (read-only workspace): treat as running
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        yield None
        return
    claim = Claim(workspace, folder, fd)
    try:
        yield claim
    finally:
        if claim._fd is not None:
            os.close(claim._fd)


def folders(workspace: Path) -> list[Path]:
    """Every ``output/.issuing-*`` folder."""
    output = Path(workspace) / "output"
    return sorted(p for p in output.glob(PREFIX + "*") if p.is_dir()) if output.is_dir() else []


def running(workspace: Path, folder: Path) -> bool:
    """Is the issue that owns ``folder`` still running (its lock held by someone)?"""
    with abandoned(workspace, Path(folder).relative_to(workspace).as_posix()) as claim:
        return claim is None
