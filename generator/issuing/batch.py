"""Issuing a batch of drafts (``gen-letter issue FOLDER`` or several drafts): N consecutive
numbers, all or nothing.

Built on the steps of :func:`generator.issuing.issue`, with its short transactions:

1. every draft is read and checked by :func:`~generator.issuing.ready` — the very function a
   single issue uses, so the checks run in one order: prepared, its date checked (2500–2600
   BE unless ``allow_date``), then linted — before a number is taken; the drafts must share
   one series (office, unit, circular or not) and one date, and no draft may appear twice, so
   the numbers can be consecutive;
2. :meth:`Registry.take_numbers` takes the N numbers of the series in **one** short
   transaction, each a pending row held by the batch's claim (its locked folder
   ``output/.issuing-*``): nobody can take a number between them, so they are consecutive
   (``…/ว 1`` … ``…/ว N`` when the series is new), and nothing is held while LibreOffice runs;
3. each letter is stamped (:func:`~generator.issuing.stamp_and_check` with ``convert=False``),
   then all the PDFs are made by one :func:`generator.pdf.convert` call on ``workers``
   LibreOffices at once (the offices the process keeps up, :mod:`generator.pdf.office`), with
   no transaction open;
4. every letter is :func:`~generator.issuing.archive`\\ d with ``finish=False`` (recorded as
   archiving, its files renamed into ``output/issued/<year>/``), and only when all are in place
   is each marked issued.

The attachment documents the letters share (the same ``attachments``, ``attachment_list`` and
recipient list, from the same files by their checksums, as every letter of ``gen-letter new
--for`` has) are rendered once for the batch, not once per letter: :func:`prepare` is given one
``shared`` dictionary for the whole batch (:func:`generator.render.bundle.parts_key`).

Any failure before step 4 ends — a draft refused in step 1, LibreOffice failing on letter 57 of
100, a file already in the archive, the disk full while archiving, SIGTERM — takes every file
of the batch back out of the archive and hands the numbers back, the last first, so each is the
series' last when it goes back and the next letter takes it (:func:`generator.issuing.give_back`;
a number some other issue overtook meanwhile is recorded as spoilt, as for one letter). A
SIGKILL leaves pending or archiving rows that the next ``issue`` or ``verify`` undoes or
finishes, as for one letter.
"""

from __future__ import annotations

import contextlib
import dataclasses
from datetime import date as Date
from pathlib import Path
from typing import Callable, Sequence

from ..errors import UserError
from . import (_document_kind, _terminate_as_exit, archive, give_back, ready, refuse_read_only,
               stamp_and_check)
from .archive import refuse_existing, targets_for
from .claims import claimed
from .draft import read_draft
from .record import IssuedLetter

DEFAULT_WORKERS = 2


def batch_sources(sources: Sequence[Path]) -> list[Path]:
    """The drafts to issue: each file given, and each folder's ``*.docx`` in name order (the
    combined ``*.bundle.docx`` beside a draft is not a draft of its own)."""
    found: list[Path] = []
    for source in map(Path, sources):
        if source.is_dir():
            drafts = sorted(p for p in source.glob("*.docx")
                            if not p.name.endswith(".bundle.docx") and not p.name.startswith("."))
            if not drafts:
                raise UserError("the folder holds no drafts (*.docx)", file=str(source))
            found += drafts
        elif source.is_file():
            found.append(source)
        else:
            raise UserError("no such file", file=str(source))
    return found


def issue_batch(sources: Sequence[Path], workspace: Path, *, date: Date | None = None,
                registry=None, allow_date: bool = False, allow: tuple[str, ...] = (),
                workers: int = DEFAULT_WORKERS, sign: Callable[[Path], None] | None = None,
                progress: Callable[[int], None] | None = None) -> list[IssuedLetter]:
    """Issue the drafts of ``sources`` (folders or files) under consecutive numbers, in their
    order; see the module docstring. ``progress`` is called with 1 as each letter is archived."""
    from .. import pdf

    workspace = Path(workspace)
    paths = batch_sources(sources)
    drafts = [read_draft(path) for path in paths]
    with contextlib.ExitStack() as stack:
        stack.enter_context(_terminate_as_exit())
        if registry is None:
            from ..registry import Registry

            registry = stack.enter_context(contextlib.closing(Registry.open(workspace)))
        refuse_read_only(workspace, registry)
        claim = stack.enter_context(claimed(workspace))
        shared: dict = {}
        checked = [ready(draft, workspace, registry, date=date, allow_date=allow_date,
                         allow=allow, shared=shared) for draft in drafts]
        prepared = [item.prepared for item in checked]
        allowed = [item.lint_allowed for item in checked]
        first, when = prepared[0], checked[0].date
        seen: dict[str, str] = {}
        for item in prepared:
            name = item.draft.name
            series = (item.office.id, item.facts.unit, item.facts.circular,
                      _document_kind(item.facts).numbering)
            if series != (first.office.id, first.facts.unit, first.facts.circular,
                          _document_kind(first.facts).numbering):
                raise UserError(f"is not of the batch's series ({_series(first)}) but of "
                                f"{_series(item)}; a batch takes consecutive numbers of one "
                                "series", file=name, field="office")
            if date is None and (item.facts.date or when) != when:
                raise UserError(f"is dated {item.facts.date}, the batch {when}; a batch has "
                                "one date", file=name, field="date", hint="give --date")
            if item.draft.draft_id and item.draft.draft_id in seen:
                raise UserError(f"is the same draft as {seen[item.draft.draft_id]}", file=name)
            seen[item.draft.draft_id or name] = name
        pendings = registry.take_numbers(
            len(prepared), claim=claim.name, office_id=first.office.id, unit=first.facts.unit,
            circular=first.facts.circular, date=when,
            draft_ids=[p.draft.draft_id for p in prepared],
            kind=_document_kind(first.facts).name)
        placed: list[list[Path]] = [[] for _ in prepared]
        targets: list[dict[str, Path]] = []
        try:
            for n, pending in enumerate(pendings):
                targets.append(targets_for(workspace, pending.year, pending.number_text,
                                           prepared[n]))
                refuse_existing(targets[-1])
            stamped = [stamp_and_check(p, n.number_text, when, t, claim.folder, convert=False)
                       for p, n, t in zip(prepared, pendings, targets)]
            stamped = _convert(stamped, workers, pdf)
            if sign is not None:
                for item in stamped:
                    sign(item.made["pdf"])
            issued = [archive(p, n, when, s, t, workspace, registry,
                              lint_allowed=[f.as_dict() for f in lint], placed=done,
                              finish=False)
                      for p, n, s, t, lint, done in zip(prepared, pendings, stamped, targets,
                                                        allowed, placed)]
        except BaseException as error:
            for n in reversed(range(len(pendings))):
                give_back(registry, pendings[n], error, placed[n],
                          targets[n].values() if n < len(targets) else ())
            raise
        for pending, item in zip(pendings, stamped):
            registry.finish_issue(pending, item.text)
            if progress is not None:
                progress(1)
        return issued


def _convert(stamped: list, workers: int, pdf) -> list:
    """The PDFs of the stamped letters, in one conversion on ``workers`` LibreOffices at once;
    the font notice (the same for every letter) kept on each."""
    conversion = pdf.convert([item.conversion for item in stamped], workers=max(1, workers))
    return [dataclasses.replace(item, font_notice=conversion.notice) for item in stamped]


def _series(item) -> str:
    return (f"office {item.office.id}" + (f", unit {item.facts.unit}" if item.facts.unit else "")
            + (", circular" if item.facts.circular else ""))
