"""The archive's file names and the moves into ``output/issued/<year>/`` (never overwriting)."""

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


def refuse_existing(targets: dict[str, Path]) -> None:
    for path in targets.values():
        if path.exists():
            raise UserError("an issued file with this number exists already, but the register "
                            "has not recorded this number as issued; issued files are never "
                            "overwritten", file=str(path),
                            hint="was an earlier issue of it interrupted, or the database "
                                 "replaced? move the file away after checking it")


def move_new(source: Path, target: Path, moved: list[Path]) -> None:
    """Move a file to a path that must not exist yet (never overwrites, even in a race).

    ``target`` is added to ``moved`` as soon as it exists, so a caller can take it back out.
    """
    try:
        os.link(source, target)  # refuses an existing target
    except FileExistsError:
        raise UserError("an issued file with this number exists already; issued files are never "
                        "overwritten", file=str(target)) from None
    except OSError:  # no hard links here: exclusive create, then copy
        try:
            out = open(target, "xb")
        except FileExistsError:
            raise UserError("an issued file with this number exists already; issued files are "
                            "never overwritten", file=str(target)) from None
        moved.append(target)
        with out, open(source, "rb") as data:
            shutil.copyfileobj(data, out)
    else:
        moved.append(target)
    source.unlink(missing_ok=True)
