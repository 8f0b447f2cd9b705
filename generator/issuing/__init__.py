"""Issuing a letter: number it, date it, archive it — all or nothing.

:func:`issue` takes a letter spec (rendered to a draft first) or a draft DOCX reviewed in Word,
lints it (:func:`generator.lint.refuse_errors`: an error stops it here, before any number is taken,
unless its code is allowed; the allowed ones go into the audit log's entry) and runs three
steps, each its own function:

1. :func:`prepare` — read the draft once (:mod:`.draft`), check it is the letter its
   ``GenLetterSpec`` property describes and take the register's facts from what the document
   prints (:mod:`.facts`), confine and checksum its attachment files, render the attachment
   documents; all before a number is taken, so bad input consumes nothing;
2. :func:`stamp_and_check` — stamp number and date (:mod:`.stamping`), check the DOCX package
   (:mod:`generator.docx.package`), join the attachments, make the PDF/A-2b (:mod:`generator.pdf`);
3. :func:`archive` — write the files and the JSON metadata (:class:`.record.IssuedLetter`),
   record the letter, its attachments and references, and its delivery records (each entry of
   the recipient list it names, read once in step 1, else each recipient), move the files into
   ``output/issued/<Buddhist year>/`` (:mod:`.archive`).

Steps 2 and 3 run inside one register transaction (:meth:`Registry.allocate`): any failure
rolls it back (the number is not consumed), removes the temporary files and whatever had already
reached ``output/issued``; SIGTERM is such a failure too. Issued files are never overwritten.
(Still open: the conversion runs inside that transaction, so the register's write lock is held
through LibreOffice, and a SIGKILL between the moves and the commit can leave files without a
number; see the README.)

File names come from the number: Thai letters kept, digits Arabic, spaces dropped, ``/`` → ``-``,
so ``นค ๐๐๑๙.๓/ว ๑๕๕๕๗`` is archived as ``นค0019.3-ว15557.docx`` / ``.pdf`` / ``.json``.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import signal
import tempfile
import threading
from dataclasses import dataclass
from datetime import date as Date, datetime, timezone
from pathlib import Path
from typing import Any

from ..docx.package import check_package
from ..docx.text import document_text
from ..errors import UserError
from ..thai.dates import bangkok_today, format_date
from .archive import file_stem, move_new, refuse_existing, targets_for
from .draft import Draft, attachment_spec, read_draft
from .facts import LetterFacts, checked_facts, cited_numbers, letter_facts
from .record import IssuedLetter
from .stamping import check_stamped, stamp

__all__ = ["issue", "prepare", "stamp_and_check", "archive", "IssuedLetter", "LetterFacts",
           "letter_facts", "stamp", "file_stem", "read_draft", "Draft"]


@dataclass(frozen=True)
class Prepared:
    """A letter ready to be numbered: the draft, its checked facts and what it sends."""

    draft: Draft
    facts: LetterFacts
    office: Any
    parts: list                      # attachment documents printed after the letter
    records: list[dict] | None       # the archive's attachment records (None: sends no files)
    sent: dict[int, tuple[bytes, str]]
    cited: list[dict[str, Any]]
    distribution: Any = None         # the recipient list the letter names, read once


@dataclass(frozen=True)
class Stamped:
    """The stamped letter's files, in the temporary folder."""

    made: dict[str, Path]
    date_text: str
    font_notice: str | None
    text: str  # what the letter and its attachments say: the register searches it


def trusted_roots(workspace: Path, registry) -> list[Path]:
    """The workspace and the extra folders the office profiles trust (``trusted_folders``)."""
    roots = [Path(workspace)]
    for office in (getattr(registry, "offices", None) or {}).values():
        roots += [Path(p) for p in getattr(office, "trusted_folders", ()) or ()]
    return roots


@contextlib.contextmanager
def _terminate_as_exit():
    """SIGTERM (a stopped service, ``kill``) ends the issue like an error: the transaction rolls
    back and the temporary folders are removed, instead of the process vanishing mid-way."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, _frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def _temporary(workspace: Path):
    output = workspace / "output"
    output.mkdir(parents=True, exist_ok=True)
    # Same file system as the archive, so the final moves are renames; removed in any case.
    temp = Path(tempfile.mkdtemp(prefix=".issuing-", dir=output))
    try:
        yield temp
    finally:
        shutil.rmtree(temp, ignore_errors=True)


#: Letter dates accepted without ``allow_date`` (Buddhist-era years): a date in 0001 or 9999 is
#: a typing mistake, and would start a series of its own.
SANE_YEARS = (2500, 2600)


def check_date(when: Date, *, allow_date: bool = False, name: str | None = None) -> None:
    """Refuse a letter date outside :data:`SANE_YEARS` unless ``allow_date``.

    >>> check_date(Date(1800, 1, 1))
    Traceback (most recent call last):
    generator.errors.UserError: date: 1800-01-01 is in the year 2343 BE, outside 2500–2600 (give --allow-date if it is meant)
    """
    year = when.year + 543
    if not allow_date and not SANE_YEARS[0] <= year <= SANE_YEARS[1]:
        raise UserError(f"{when.isoformat()} is in the year {year} BE, outside "
                        f"{SANE_YEARS[0]}–{SANE_YEARS[1]}", file=name, field="date",
                        hint="give --allow-date if it is meant")


def issue(source: Path, workspace: Path, *, date: Date | None = None, registry=None,
          number: str | None = None, allow_date: bool = False,
          allow: tuple[str, ...] = (), sign=None) -> IssuedLetter:
    """Issue a letter from a spec YAML or a reviewed draft DOCX; see the module docstring.

    ``date`` defaults to the spec's date, else today in Asia/Bangkok; ``registry`` defaults to
    the workspace's register; ``number`` is a reserved number to use instead of the next one;
    ``allow_date`` accepts a date outside :data:`SANE_YEARS`. The draft is linted first
    (:func:`generator.lint.refuse_errors`): an error stops the issue before a number is taken,
    unless its code is in ``allow``; what was allowed is recorded in the audit log's entry.
    ``sign`` (a PDF path → None, e.g. :meth:`generator.exchange.signing.Signer.sign_pdf`) signs
    the PDF before its checksum is taken.
    """
    source, workspace = Path(source), Path(workspace)
    if not source.is_file():
        raise UserError("no such file", file=str(source))
    from_spec = source.suffix.lower() in (".yaml", ".yml")
    draft = None if from_spec else read_draft(source)  # bad input refused before opening anything
    with contextlib.ExitStack() as stack:
        stack.enter_context(_terminate_as_exit())
        if registry is None:
            from ..registry import Registry

            registry = stack.enter_context(contextlib.closing(Registry.open(workspace)))
        temp = stack.enter_context(_temporary(workspace))
        if draft is None:
            draft = _render_spec(source, workspace, registry)
        from ..lint import refuse_errors  # lint first: an error stops it before any number

        allowed = refuse_errors(draft.package.data, draft.name, allow)
        prepared = prepare(draft, workspace, registry)
        when = date or prepared.facts.date or bangkok_today()
        check_date(when, allow_date=allow_date, name=draft.name)
        with registry.allocate(office_id=prepared.office.id, unit=prepared.facts.unit,
                               circular=prepared.facts.circular, date=when,
                               reserved=number) as alloc:
            targets = targets_for(workspace, alloc.year, alloc.number_text, prepared)
            refuse_existing(targets)
            stamped = stamp_and_check(prepared, alloc.number_text, when, targets, temp)
            if sign is not None:
                sign(stamped.made["pdf"])
            return archive(prepared, alloc, when, stamped, targets, workspace,
                           lint_allowed=[f.as_dict() for f in allowed])


def _render_spec(path: Path, workspace: Path, registry) -> Draft:
    """Render a spec YAML to a draft (references given by number only are looked up in the
    register, as ``gen-letter new`` does)."""
    from ..render import registry_lookup, render
    from ..spec import load_spec

    spec = load_spec(path)
    data = render(spec, workspace, draft=True, offices=registry.offices,
                  lookup=registry_lookup(spec, registry.resolve_reference))
    return read_draft(path, data)


def prepare(draft: Draft, workspace: Path, registry) -> Prepared:
    """Step 1: everything that can be checked before a number is taken."""
    from ..render import bundle

    name = draft.name
    if draft.properties.get(bundle.BUNDLE_PROPERTY):
        bundle.spec_of_draft(draft.spec, draft.properties, name)  # refuses the combined DOCX
    if draft.draft_id:
        issued_as = registry.issued_from_draft(draft.draft_id)
        if issued_as is not None:
            raise UserError(f"was issued already, as {issued_as}; a draft is issued once",
                            file=name, hint="for another letter make a new draft with gen-letter new")
    facts = letter_facts(draft.spec)
    office = registry.office(facts.office)
    facts = checked_facts(facts, draft.text, office, name=name)
    letter_spec = attachment_spec(draft, trusted_roots(workspace, registry))
    distribution = (bundle.distribution_list(letter_spec, workspace)
                    if letter_spec is not None else None)
    parts = (bundle.attachment_parts(letter_spec, workspace, registry.offices, draft=False,
                                     distribution=distribution)
             if letter_spec is not None and bundle.needs_bundle(letter_spec) else [])
    records = None
    sent: dict[int, tuple[bytes, str]] = {}
    if letter_spec is not None:
        records = bundle.attachment_records(letter_spec, workspace)
        for record, title in zip(records, [a["title"] for a in facts.attachments]):
            record["title"] = title     # as the letter prints it
        sent = bundle.attachment_files(letter_spec, parts)
    cited = cited_numbers(facts.references, registry)  # read before the write transaction opens
    return Prepared(draft, facts, office, parts, records, sent, cited, distribution)


def stamp_and_check(prepared: Prepared, number_text: str, when: Date,
                    targets: dict[str, Path], temp: Path) -> Stamped:
    """Step 2: the stamped letter, its combined DOCX, attachments and PDF in ``temp``."""
    from .. import pdf
    from ..render import bundle

    name = prepared.draft.name
    date_text = format_date(when, "full", digit_style=prepared.office.digit_style)
    stamped = stamp(prepared.draft.package, number_text, date_text, name=name)
    check_stamped(stamped, number_text, name=name)
    check_package(stamped, name=name)
    made = {kind: temp / target.name for kind, target in targets.items()}
    made["docx"].write_bytes(stamped)
    printed = stamped
    if prepared.parts:  # letter first, then each attachment from a new page: one DOCX, one PDF
        combined = bundle.combine(stamped, prepared.parts)
        check_package(combined, name=f"{name} (letter with attachments)")
        made["bundle"].write_bytes(combined)
        printed = combined
    for n, (blob, _suffix) in prepared.sent.items():
        made[f"att{n}"].write_bytes(blob)
    conversion = pdf.convert([(made["bundle" if prepared.parts else "docx"], made["pdf"])])
    return Stamped(made, date_text, conversion.notice, document_text(printed))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def archive(prepared: Prepared, alloc, when: Date, stamped: Stamped, targets: dict[str, Path],
            workspace: Path, lint_allowed: list[dict] | None = None) -> IssuedLetter:
    """Step 3: metadata, the register's record, and the files moved into the archive."""
    facts, office, made = prepared.facts, prepared.office, stamped.made
    sha = {kind: _sha256(made[kind]) for kind in targets if kind != "json"}
    files = {kind: path.relative_to(workspace).as_posix() for kind, path in targets.items()}
    records = prepared.records
    for record in records or ():
        record["archived"] = files.get(f"att{record['number']}")
        record["sha256"] = sha.get(f"att{record['number']}")
    issued_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    registered = {c["number"] for c in prepared.cited}
    letter = IssuedLetter(
        number=alloc.number_text, running=alloc.running, year=alloc.year, date=when,
        docx=targets["docx"], pdf=targets["pdf"], metadata=targets["json"], sha256=sha,
        notices=(stamped.font_notice,) if stamped.font_notice else (),
        bundle=targets.get("bundle"), date_text=stamped.date_text, subject=facts.subject,
        recipients=tuple(facts.recipients),
        office={"id": office.id, "code": office.code, "name": office.name},
        unit=facts.unit, circular=facts.circular, speed=facts.speed, secrecy=facts.secrecy,
        signer=facts.signer,
        references=tuple(dict(ref, registered=ref["number"] in registered)
                         for ref in facts.references),
        attachments=tuple(records if records is not None else facts.attachments),
        spec=prepared.draft.spec, files=files, created=prepared.draft.created or issued_at,
        issued=issued_at, font_notice=stamped.font_notice)
    made["json"].write_bytes(letter.to_json_bytes())
    alloc.record(subject=facts.subject, recipients=facts.recipients, speed=facts.speed,
                 secrecy=facts.secrecy, signer=facts.signer, unit=facts.unit,
                 spec=prepared.draft.spec, files=files, sha256=sha, references=prepared.cited,
                 attachments=_register_attachments(records, facts),
                 draft_id=prepared.draft.draft_id, lint_allowed=lint_allowed or (),
                 text=stamped.text, **_deliveries(prepared))
    moved: list[Path] = []
    try:
        targets["docx"].parent.mkdir(parents=True, exist_ok=True)
        for kind, target in targets.items():
            move_new(made[kind], target, moved)
    except BaseException:
        for path in moved:  # the transaction rolls back: nothing may stay archived
            path.unlink(missing_ok=True)
        raise
    return letter


def _register_attachments(records, facts: LetterFacts) -> list[dict]:
    """The attachments as the register takes them: title, quantity, unit, the document or file
    they came from, link, and the archived copy with its SHA-256."""
    if records is None:
        return facts.attachments
    return [{"title": record["title"], "quantity": record["quantity"], "unit": record["unit"],
             "file": record["document"] or record["file"], "url": record["url"],
             "archived": record["archived"], "sha256": record["sha256"]}
            for record in records]


def _deliveries(prepared: Prepared) -> dict:
    """Whom the letter is delivered to, when it names a recipient list: each entry, and the
    list's name (else the register makes one delivery record per recipient)."""
    from ..registry.deliveries import Addressee

    listed = prepared.distribution
    if listed is None:
        return {}
    return {"delivered_to": [Addressee(r.position, r.agency, r.name, r.ministry_id,
                                       r.organization_id, r.email) for r in listed.recipients],
            "recipient_list": listed.name}
