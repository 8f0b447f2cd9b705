"""Issuing a letter: number it, date it, archive it — with no number lost, reused or skipped.

:func:`issue` takes a letter spec (rendered to a draft first) or a draft DOCX reviewed in Word,
first finishes or undoes any issue that was interrupted earlier (:mod:`.recovery`, one line
each through ``report``), and runs three steps, each its own function. Everything checked before
a number is taken is one function, :func:`ready`, which a batch calls for each of its drafts too
(so the two cannot check in different orders): :func:`prepare`, then the letter's date
(:func:`generator.registry.numbering.check_date`: 2500–2600 BE), then lint
(:func:`generator.lint.refuse_errors`: an error stops it there, unless its code is allowed; the
allowed ones go into the audit log's entry). The date comes
before lint, so a year out of range is named as such rather than as digits lint misreads (the
year 10542 of a letter dated 9999 read as a postal code):

1. :func:`prepare` — read the draft once (:mod:`.draft`), check it is the letter its
   ``GenLetterSpec`` property describes and take the register's facts from what the document
   prints (:mod:`.facts`), refuse the placeholder Garuda outside a test office (:mod:`.garuda`),
   confine and checksum its attachment files, render the attachment documents, refuse text no
   font can draw (:mod:`.glyphs`); all before a number is taken, so bad input consumes nothing;
2. :func:`stamp_and_check` — stamp number and date (:mod:`.stamping`), check the DOCX package
   (:mod:`generator.docx.package`), join the attachments, make the PDF/A-2b (:mod:`generator.pdf`);
3. :func:`archive` — the JSON metadata (:class:`.record.IssuedLetter`), the register's record
   (with a delivery record for each entry of the recipient list the letter names, read once in
   step 1, else for each recipient),
   the files renamed into ``output/issued/<Buddhist year>/`` (:mod:`.archive`), the letter
   marked issued.

No register transaction is open while LibreOffice converts (step 2): the number is taken in a
short transaction of its own as a *pending* row (:meth:`Registry.take_number`), step 3 records
the letter (status *archiving*), renames its staged files into place and marks it *issued*, each
a short transaction. The issue runs in a temporary folder ``output/.issuing-*`` that it holds
locked (:mod:`.claims`) and that the pending row names, so a later run can tell an interrupted
issue from a running one. A failure after the number was taken (SIGTERM included) takes back
whatever reached the archive and hands the number back: to the reservation, to the counter when
it is still the series' last, else it is recorded as *spoilt* with the reason
(:mod:`generator.registry.numbering`). A SIGKILL leaves the pending or archiving row; the next
``issue`` or ``verify`` finishes or undoes it. Issued files are never overwritten.

A batch uses the same steps: :func:`ready` every letter, take each number, call
:func:`stamp_and_check` with ``convert=False`` and give every ``Stamped.conversion`` pair to one
:func:`generator.pdf.convert` call (outside any transaction), then :func:`archive` each letter;
on a failure, :func:`give_back` the numbers not yet archived.

File names come from the number: Thai letters kept, digits Arabic, spaces dropped, ``/`` → ``-``,
so ``นค ๐๐๑๙.๓/ว ๑๕๕๕๗`` is archived as ``นค0019.3-ว15557.docx`` / ``.pdf`` / ``.json``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import threading
from dataclasses import dataclass
from datetime import date as Date, datetime, timezone
from pathlib import Path
from typing import Any, Callable

from ..docx.package import Package, check_package
from ..docx.text import document_text
from ..errors import UserError
from ..files import file_sha256, write_file
from ..thai.dates import bangkok_today, format_date
from .archive import (checkpoint, file_stem, place, refuse_existing, remove, staged,
                      targets_for)
from .claims import claimed
from .draft import Draft, attachment_spec, read_draft
from .garuda import refuse_placeholder
from .glyphs import refuse_uncovered
from .facts import LetterFacts, checked_facts, cited_numbers, letter_facts
from .record import IssuedLetter
from .recovery import Verified, recover, verify_archive
from .stamping import check_stamped, stamp

__all__ = ["issue", "ready", "Ready", "prepare", "stamp_and_check", "archive", "give_back",
           "IssuedLetter", "LetterFacts", "letter_facts", "stamp", "file_stem", "read_draft",
           "Draft", "recover", "verify_archive"]


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
class Ready:
    """A letter checked and ready to take its number: prepared, its date checked, linted."""

    prepared: Prepared
    date: Date                       # the letter's date: the one given, the spec's, or today
    lint_allowed: list               # the lint errors allowed by code (for the audit log)


@dataclass(frozen=True)
class Stamped:
    """The stamped letter's files, in the temporary folder."""

    made: dict[str, Path]
    date_text: str
    font_notice: str | None
    text: str  # what the letter and its attachments say: the register searches it
    conversion: tuple[Path, Path]  # the DOCX printed as the PDF, and the PDF


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


def refuse_read_only(workspace: Path, registry) -> None:
    """One line, before anything starts, when the register or the workspace's ``output/``
    (where the archive is written) cannot be written here."""
    from ..registry import database

    engine = getattr(registry, "engine", None)
    if engine is not None:
        database.refuse_read_only(engine)
    output = Path(workspace) / "output"
    folder = output if output.is_dir() else Path(workspace)
    if not os.access(folder, os.W_OK):
        raise UserError(f"the workspace is read-only here: {folder} cannot be written; issuing "
                        "writes the archive there, so nothing was done",
                        hint="run it where the workspace can be written")


def date_line(draft: Draft, given: bool) -> int | None:
    """Where the letter's date stands in the file ``draft`` is named after: the line of the
    spec's ``date:`` (a spec YAML, when the date is the spec's), else the paragraph of the
    draft's date placeholder (a DOCX, numbered as lint numbers lines). Read again, only to
    name the line of an error."""
    from ..docx import marks
    from ..docx.text import paragraphs

    if draft.source.suffix.lower() in (".yaml", ".yml"):
        if given:
            return None
        from ..spec.loader import load_yaml

        return load_yaml(draft.source).lines.get(("date",))
    control = marks.find_control(draft.package.xml("word/document.xml"), marks.DATE_TAG)
    shown = " ".join(marks.control_text(control).split()) if control is not None else ""
    if not shown:
        return None
    return next((n for n, text in enumerate(paragraphs(draft.package.data), 1)
                 if shown in " ".join(text.split())), None)


def ready(draft: Draft, workspace: Path, registry, *, date: Date | None = None,
          allow_date: bool = False, allow: tuple[str, ...] = (),
          shared: dict | None = None) -> Ready:
    """Everything checked before a letter takes its number, in one order for a single issue and
    a batch: :func:`prepare`, the date (``date``, else the spec's, else today in Bangkok) by
    :func:`generator.registry.numbering.check_date`, then lint (an error stops it unless its
    code is in ``allow``)."""
    from ..lint import refuse_errors
    from ..registry.numbering import check_date

    prepared = prepare(draft, workspace, registry, shared=shared)
    when = date or prepared.facts.date or bangkok_today()
    check_date(when, allow_date=allow_date, name=draft.name,
               line=lambda: date_line(draft, given=date is not None))
    allowed = refuse_errors(draft.package.data, draft.name, allow)
    return Ready(prepared, when, allowed)


def issue(source: Path, workspace: Path, *, date: Date | None = None, registry=None,
          number: str | None = None, allow_date: bool = False,
          allow: tuple[str, ...] = (), sign=None,
          report: Callable[[str], None] | None = None) -> IssuedLetter:
    """Issue a letter from a spec YAML or a reviewed draft DOCX; see the module docstring.

    ``date`` defaults to the spec's date, else today in Asia/Bangkok; ``registry`` defaults to
    the workspace's register; ``number`` is a reserved number to use instead of the next one;
    ``allow_date`` accepts a date outside 2500–2600 BE
    (:data:`generator.registry.numbering.SANE_YEARS`). The draft is prepared, its date
    checked and then linted (:func:`ready`): an error stops the issue before a number is
    taken, unless its code is in ``allow``; what was allowed is recorded in the audit log's
    entry.
    ``sign`` (a PDF path → None, e.g. :meth:`generator.exchange.signing.Signer.sign_pdf`) signs
    the PDF before its checksum is taken. ``report`` gets one line for each interrupted issue
    finished or undone first, and for a number spoilt by this one failing.
    """
    report = report or (lambda _line: None)
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
        refuse_read_only(workspace, registry)
        for line in recover(workspace, registry):
            report(line)
        claim = stack.enter_context(claimed(workspace))
        if draft is None:
            draft = _render_spec(source, workspace, registry)
        checked = ready(draft, workspace, registry, date=date, allow_date=allow_date,
                        allow=allow)
        prepared, when = checked.prepared, checked.date
        pending = registry.take_number(
            claim=claim.name, office_id=prepared.office.id, unit=prepared.facts.unit,
            circular=prepared.facts.circular, date=when, reserved=number,
            draft_id=draft.draft_id, before_commit=lambda: checkpoint("number:before-commit"),
            kind=_document_kind(prepared.facts).name)
        checkpoint("number:committed")
        placed: list[Path] = []
        targets: dict[str, Path] = {}
        try:
            targets = targets_for(workspace, pending.year, pending.number_text, prepared)
            refuse_existing(targets)
            stamped = stamp_and_check(prepared, pending.number_text, when, targets, claim.folder)
            if sign is not None:
                sign(stamped.made["pdf"])
            checkpoint("converted")
            letter = archive(prepared, pending, when, stamped, targets, workspace, registry,
                             lint_allowed=[f.as_dict() for f in checked.lint_allowed],
                             placed=placed)
        except BaseException as error:
            line = give_back(registry, pending, error, placed, targets.values())
            if line:
                report(line)
            raise
        checkpoint("done")
        return letter


def give_back(registry, pending, error: BaseException, placed=(), targets=()) -> str | None:
    """After a failed issue: take the ``placed`` files and the staged copies of ``targets``
    back out of the archive, hand the number back (:meth:`Registry.give_back`); a line to
    report when it had to be spoilt."""
    remove(placed)
    for target in targets:
        staged(target).unlink(missing_ok=True)
    reason = _reason(error)
    try:
        outcome = registry.give_back(pending, reason)
    except UserError:
        return None  # the register is out of reach: the next run undoes it
    if outcome == "spoilt":
        return f"{pending.number_text} is recorded as spoilt: {reason}"
    return None


def _reason(error: BaseException) -> str:
    """One line saying why an issue failed, for the register.

    >>> _reason(SystemExit(143)), _reason(OSError(28, "No space left on device"))
    ('the issue was stopped (signal)', 'No space left on device')
    """
    if isinstance(error, (SystemExit, KeyboardInterrupt)):
        return "the issue was stopped (signal)"
    if isinstance(error, OSError) and error.strerror:
        return " ".join(f"{error.strerror} {error.filename or ''}".split())
    text = " ".join(str(error).split())
    return text or type(error).__name__


def _document_kind(facts: LetterFacts):
    """The row of :data:`generator.kinds.KINDS` of the letter (an external letter when the
    property names none)."""
    from ..kinds import KINDS

    return KINDS.get(facts.kind) or KINDS["external"]


def _render_spec(path: Path, workspace: Path, registry) -> Draft:
    """Render a spec YAML to a draft (references given by number only are looked up in the
    register, as ``gen-letter new`` does)."""
    from ..render import registry_lookup, render
    from ..spec import load_spec

    spec = load_spec(path)
    data = render(spec, workspace, draft=True, offices=registry.offices,
                  lookup=registry_lookup(spec, registry.resolve_reference))
    return read_draft(path, data)


def prepare(draft: Draft, workspace: Path, registry, *, shared: dict | None = None) -> Prepared:
    """Step 1: everything that can be checked before a number is taken. ``shared`` (a batch's
    one dictionary) keeps the attachment documents rendered, so letters that send the same ones
    render them once (:func:`generator.render.bundle.parts_key`)."""
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
    refuse_placeholder(draft, office)
    letter_spec = attachment_spec(draft, trusted_roots(workspace, registry))
    distribution = (bundle.distribution_list(letter_spec, workspace,
                                             draft_properties=draft.properties, name=name)
                    if letter_spec is not None else None)
    parts = []
    if letter_spec is not None and bundle.needs_bundle(letter_spec):
        parts = bundle.shared_parts(
            shared, draft.spec, draft.properties,
            lambda: bundle.attachment_parts(letter_spec, workspace, registry.offices,
                                            draft=False, distribution=distribution))
    records = None
    sent: dict[int, tuple[bytes, str]] = {}
    if letter_spec is not None:
        records = bundle.attachment_records(letter_spec, workspace)
        for record, title in zip(records, [a["title"] for a in facts.attachments]):
            record["title"] = title     # as the letter prints it
        sent = bundle.attachment_files(letter_spec, parts)
    refuse_uncovered(draft, office, letter_spec)  # no glyph without a font in the PDF
    cited = cited_numbers(facts.references, registry)  # read before the write transaction opens
    return Prepared(draft, facts, office, parts, records, sent, cited, distribution)


def stamp_and_check(prepared: Prepared, number_text: str, when: Date,
                    targets: dict[str, Path], temp: Path, *, convert: bool = True) -> Stamped:
    """Step 2: the stamped letter, its combined DOCX, attachments and PDF in ``temp`` (with
    ``convert=False`` the PDF is left to the caller: ``Stamped.conversion`` says what to
    convert to where). Runs with no register transaction open."""
    from .. import pdf
    from ..render import bundle

    name = prepared.draft.name
    date_text = format_date(when, _document_kind(prepared.facts).date_form,
                            digit_style=prepared.office.digit_style)
    stamped = stamp(prepared.draft.package, number_text, date_text, name=name)
    package = Package.read(stamped, name=name)  # read once for the checks, the bundle and the text
    check_stamped(package, number_text, name=name)
    check_package(package, name=name)
    made = {kind: temp / target.name for kind, target in targets.items()}
    write_file(made["docx"], stamped, targets["docx"])
    printed: bytes | Package = package
    if prepared.parts:  # letter first, then each attachment from a new page: one DOCX, one PDF
        parts = [dataclasses.replace(part, docx=stamp(part.docx, number_text, date_text,
                                                      name=f"{name} ({part.title})"))
                 if part.stamped else part for part in prepared.parts]
        combined = bundle.combine(package, parts)
        check_package(combined, name=f"{name} (letter with attachments)")
        write_file(made["bundle"], combined, targets["bundle"])
        printed = combined
    for n, (blob, _suffix) in prepared.sent.items():
        write_file(made[f"att{n}"], blob, targets[f"att{n}"])
    pair = (made["bundle" if prepared.parts else "docx"], made["pdf"])
    notice = pdf.convert([pair]).notice if convert else None
    return Stamped(made, date_text, notice, document_text(printed), pair)


def archive(prepared: Prepared, pending, when: Date, stamped: Stamped, targets: dict[str, Path],
            workspace: Path, registry, lint_allowed: list[dict] | None = None,
            placed: list[Path] | None = None, finish: bool = True) -> IssuedLetter:
    """Step 3: the metadata, the register's record (status archiving), the files renamed into
    the archive, the letter marked issued. ``placed`` collects the files that reached their
    final names (a caller that fails afterwards takes them back out: :func:`give_back`).
    ``finish=False`` leaves the letter archiving: the caller marks it issued
    (:meth:`Registry.finish_issue` with ``Stamped.text``) once every letter of a batch is in
    place."""
    facts, office, made = prepared.facts, prepared.office, stamped.made
    sha = {kind: file_sha256(made[kind]) for kind in targets if kind != "json"}
    files = {kind: path.relative_to(workspace).as_posix() for kind, path in targets.items()}
    records = prepared.records
    for record in records or ():
        record["archived"] = files.get(f"att{record['number']}")
        record["sha256"] = sha.get(f"att{record['number']}")
    issued_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    registered = {c["number"] for c in prepared.cited}
    letter = IssuedLetter(
        number=pending.number_text, running=pending.running, year=pending.year, date=when,
        docx=targets["docx"], pdf=targets["pdf"], metadata=targets["json"], sha256=sha,
        notices=(stamped.font_notice,) if stamped.font_notice else (),
        bundle=targets.get("bundle"), date_text=stamped.date_text, subject=facts.subject,
        recipients=tuple(facts.recipients),
        office={"id": office.id, "code": office.code, "name": office.name},
        unit=facts.unit, circular=facts.circular, kind=_document_kind(facts).name,
        speed=facts.speed, secrecy=facts.secrecy,
        signer=facts.signer,
        references=tuple(dict(ref, registered=ref["number"] in registered)
                         for ref in facts.references),
        attachments=tuple(records if records is not None else facts.attachments),
        spec=prepared.draft.spec, files=files, created=prepared.draft.created or issued_at,
        issued=issued_at, font_notice=stamped.font_notice)
    write_file(made["json"], letter.to_json_bytes(), targets["json"])
    # The register also keeps the metadata's own checksum (the metadata cannot hold it).
    recorded = dict(sha, json=file_sha256(made["json"]))
    pending = registry.record_issue(
        pending, subject=facts.subject, recipients=facts.recipients, speed=facts.speed,
        secrecy=facts.secrecy, signer=facts.signer, unit=facts.unit, spec=prepared.draft.spec,
        files=files, sha256=recorded, references=prepared.cited,
        attachments=_register_attachments(records, facts), draft_id=prepared.draft.draft_id,
        lint_allowed=lint_allowed or (), before_commit=lambda: checkpoint("record:before-commit"),
        **_deliveries(prepared))
    checkpoint("record:committed")
    place(made, targets, placed if placed is not None else [])
    if not finish:
        return letter
    registry.finish_issue(pending, stamped.text,
                          before_commit=lambda: checkpoint("finish:before-commit"))
    checkpoint("finish:committed")
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
    listed = prepared.distribution
    if listed is None:
        return {}
    return {"delivered_to": list(listed.recipients), "recipient_list": listed.name}
