"""Writing a file whole or not at all.

A draft or an export is written to a temporary file beside its target and renamed over it, so a
failure part-way leaves nothing half-written. The temporary file gets the permissions any new
file of the user gets (``mkstemp`` makes it readable by its owner only, which would hide drafts
from colleagues reviewing them on a shared folder).

An operating-system error while writing (a full disk) names the file meant, not the temporary
one: ``write()`` itself says no file name, and the command line prints the error as one line
(:func:`generator.errors.os_error_line`).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``; when the block ends normally it replaces ``path``,
    otherwise it is removed.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with replacing(folder / "a.txt") as tmp:
    ...     _ = tmp.write_text("whole")
    >>> (folder / "a.txt").read_text(), sorted(p.name for p in folder.iterdir())
    ('whole', ['a.txt'])
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as error:
        raise named(error, path, temp) from error
    finally:
        temp.unlink(missing_ok=True)


def named(error: OSError, path: Path | str, *temporary: Path | str) -> OSError:
    """``error``, naming ``path`` when it names no file or only a temporary one.

    >>> named(OSError(28, "No space left on device"), "output/issued/a.pdf").filename
    'output/issued/a.pdf'
    """
    if error.filename is not None and str(error.filename) not in map(str, temporary):
        return error
    return type(error)(error.errno, error.strerror, str(path))


def write_file(path: Path, data: bytes, shown: Path | str | None = None) -> None:
    """Write ``data`` to ``path``; an error names ``shown`` (the file it stands for), else
    ``path``."""
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise named(error, shown if shown is not None else path, path) from error


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all."""
    with replacing(path) as temp:
        temp.write_bytes(data)


def file_sha256(path: Path | str) -> str:
    """The SHA-256 of a file, hex, read a megabyte at a time (issued files may be large).

    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a").write_bytes(b"abc")
    >>> file_sha256(folder / "a")[:16]
    'ba7816bf8f01cfea'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(2**20), b""):
            digest.update(chunk)
    return digest.hexdigest()
