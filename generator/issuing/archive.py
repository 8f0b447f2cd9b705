"""The archive's file names and how files reach ``output/issued/<year>/``: never half-written,
never overwriting.

Each file is first copied (or hard-linked) from the issue's temporary folder to a staged name
beside its final one, ``.<name>.part``, and flushed to disk; only when every file of the letter
is staged are they renamed into place one by one, each rename refusing an existing file (a hard
link, then the staged name removed), and the folder flushed. A file under its final name is
therefore always whole. Whoever finishes or undoes an interrupted issue (:mod:`.recovery`) finds
each file under its final name, its staged name or still in the temporary folder.

:func:`checkpoint` names each step (:data:`STEPS`); it does nothing, and is the one place a
crash test stops a real issue at an exact point.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..errors import UserError
from ..thai.digits import to_arabic_digits


def file_stem(number_text: str, office_code: str | None = None, word: str = "คำสั่ง") -> str:
    """The archive file name (without extension) for a full letter number; a number that names
    no office (an order's ``๑๒/๒๕๖๗``) is prefixed with the office's code and the kind's word
    (``คำสั่ง``, ``ประกาศ``), so that two offices' orders sharing a register, or an order and an
    announcement, never share a file name.

    >>> file_stem("นค ๐๐๑๙.๓/ว ๑๕๕๕๗")
    'นค0019.3-ว15557'
    >>> file_stem("นข 0019/1607")
    'นข0019-1607'
    >>> file_stem("๑๒/๒๕๖๗", "นค0019")
    'นค0019-คำสั่ง12-2567'
    """
    from ..registry.numbers import is_order_number

    text = "".join(to_arabic_digits(number_text).split())
    if office_code and is_order_number(number_text):
        text = f"{office_code}-{word}{text}"
    return text.replace("/", "-").replace("\\", "-")


def targets_for(workspace: Path, year: int, number_text: str, prepared) -> dict[str, Path]:
    """Every file an issued letter is archived as: kind → path."""
    from ..kinds import KINDS

    kind = KINDS.get(getattr(prepared.facts, "kind", None)) or KINDS["external"]
    stem = file_stem(number_text, getattr(prepared.office, "code_key", None), kind.thai)
    folder = Path(workspace) / "output" / "issued" / str(year)
    kinds = ("docx", "bundle", "pdf", "json") if prepared.parts else ("docx", "pdf", "json")
    targets = {kind: folder / (f"{stem}.bundle.docx" if kind == "bundle" else f"{stem}.{kind}")
               for kind in kinds}
    # Each attachment that is a document or a file is archived as it was sent.
    for n, (_blob, suffix) in prepared.sent.items():
        targets[f"att{n}"] = folder / f"{stem}.att{n}{suffix}"
    return targets


STAGED_SUFFIX = ".part"

#: The named points of an issue, in order (``{kind}``: each archived file in turn).
STEPS = ("number:before-commit", "number:committed", "converted", "record:before-commit",
         "record:committed", "stage:{kind}:before", "stage:{kind}:after", "rename:{kind}:before",
         "rename:{kind}:after", "finish:before-commit", "finish:committed", "done")

#: Called with each step's name (see :data:`STEPS`); empty unless a test installs an observer.
OBSERVERS: list = []


def checkpoint(step: str) -> None:
    """An issue reached ``step``."""
    for observer in OBSERVERS:
        observer(step)


def staged(target: Path) -> Path:
    """Where a file waits, whole, before it is renamed to ``target``.

    >>> staged(Path("output/issued/2567/นค0019-1.pdf")).as_posix()
    'output/issued/2567/.นค0019-1.pdf.part'
    """
    return target.with_name(f".{target.name}{STAGED_SUFFIX}")


def stage(source: Path, target: Path) -> None:
    """Put ``source``'s bytes, flushed to disk, at the staged name of ``target`` (replacing an
    earlier staged copy: only this issue's number writes that name)."""
    part = staged(target)
    part.unlink(missing_ok=True)
    try:
        os.link(source, part)
    except OSError:
        with open(source, "rb") as data, open(part, "xb") as out:
            shutil.copyfileobj(data, out)
            out.flush()
            os.fsync(out.fileno())
        return
    with open(part, "rb") as handle:
        os.fsync(handle.fileno())


def rename_new(target: Path) -> None:
    """Rename ``target``'s staged file to ``target``, which must not exist yet."""
    part = staged(target)
    try:
        os.link(part, target)  # refuses an existing target, unlike a rename
    except FileExistsError:
        raise UserError("an issued file with this number exists already; issued files are never "
                        "overwritten", file=str(target)) from None
    except OSError:  # no hard links on this file system: check, then rename
        if target.exists():
            raise UserError("an issued file with this number exists already; issued files are "
                            "never overwritten", file=str(target)) from None
        os.rename(part, target)
        return
    part.unlink()


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the renames) to disk."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def place(made: dict[str, Path], targets: dict[str, Path], placed: list[Path]) -> None:
    """Stage every file, then rename each into place (see the module docstring); each file
    that reaches its final name is added to ``placed``."""
    folder = next(iter(targets.values())).parent
    folder.mkdir(parents=True, exist_ok=True)
    for kind, target in targets.items():
        checkpoint(f"stage:{kind}:before")
        stage(made[kind], target)
        checkpoint(f"stage:{kind}:after")
    sync_folder(folder)
    for kind, target in targets.items():
        checkpoint(f"rename:{kind}:before")
        rename_new(target)
        placed.append(target)
        checkpoint(f"rename:{kind}:after")
    sync_folder(folder)


def remove(targets) -> None:
    """Take files this issue placed (and their staged copies) back out of the archive."""
    for target in targets:
        staged(target).unlink(missing_ok=True)
        target.unlink(missing_ok=True)


def refuse_existing(targets: dict[str, Path]) -> None:
    for path in targets.values():
        if path.exists():
            raise UserError("an issued file with this number exists already, but the register "
                            "has not recorded this number as issued; issued files are never "
                            "overwritten", file=str(path),
                            hint="was an earlier issue of it interrupted, or the database "
                                 "replaced? move the file away after checking it")
