"""Issuing a letter: number it, date it, archive it — all or nothing.

:func:`issue` takes a letter spec (rendered to a draft first) or a draft DOCX reviewed in Word and,
inside one register transaction:

1. allocates the next number of the letter's series (or the reserved number given);
2. stamps the number and the date into the DOCX — the two content controls are filled and
   unwrapped, the draft mark in the header is deleted — editing only the XML parts that hold those
   controls, so every other part of the reviewer's document stays byte for byte as it was;
3. checks the DOCX package (:mod:`generator.docx.package`), makes the PDF/A-2b
   (:mod:`generator.pdf`) and the JSON metadata, all in a temporary folder;
4. records the letter, its attachments and its references in the register;
5. moves the three files into ``output/issued/<Buddhist year>/``.

Any failure on the way rolls the transaction back (the number is not consumed), removes the
temporary files and whatever had already reached ``output/issued``. Issued files are never
overwritten.

File names come from the number: Thai letters kept, digits Arabic, spaces dropped, ``/`` → ``-``,
so ``นค ๐๐๑๙.๓/ว ๑๕๕๕๗`` is archived as ``นค0019.3-ว15557.docx`` / ``.pdf`` / ``.json``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date as Date, datetime, timezone
from pathlib import Path
from typing import Any

from lxml import etree

from .docx import marks
from .docx.package import check_package, read_package, replace_parts
from .errors import UserError
from .thai.dates import bangkok_today, be_year, format_date
from .thai.digits import digits, to_arabic_digits

W = marks.W
_STORY_PREFIXES = ("word/document", "word/header", "word/footer")
_TAGS = (marks.NUMBER_TAG, marks.DATE_TAG, marks.DRAFT_TAG)


@dataclass(frozen=True)
class IssuedLetter:
    """What :func:`issue` made: the number, the date and the archived files."""

    number: str
    running: int
    year: int
    date: Date
    docx: Path
    pdf: Path
    metadata: Path
    sha256: dict[str, str]
    notices: tuple[str, ...] = field(default=())
    bundle: Path | None = None          # letter + attachments in one DOCX (the PDF shows it)

    def as_json(self) -> dict[str, Any]:
        """The metadata written beside the letter (read back from its JSON file)."""
        return json.loads(self.metadata.read_text(encoding="utf-8"))


def file_stem(number_text: str) -> str:
    """The archive file name (without extension) for a full letter number.

    >>> file_stem("นค ๐๐๑๙.๓/ว ๑๕๕๕๗")
    'นค0019.3-ว15557'
    >>> file_stem("นข 0019/1607")
    'นข0019-1607'
    """
    text = "".join(to_arabic_digits(number_text).split())
    return text.replace("/", "-").replace("\\", "-")


# --- stamping ----------------------------------------------------------------------------------

def stamp(docx: bytes, number_text: str, date_text: str, *, name: str = "<draft>") -> bytes:
    """The draft ``docx`` with its number and date filled in and its draft mark removed.

    Only the parts holding gen-letter content controls (``word/document.xml`` and the header with
    the draft mark, normally) are rewritten; every other part keeps its exact bytes.
    Raises a UserError when the draft has lost its number or date control (e.g. deleted in Word,
    or the file was issued already).
    """
    changed: dict[str, bytes] = {}
    counts = dict.fromkeys(_TAGS, 0)
    with read_package(docx) as package:
        names = [n for n in package.namelist()
                 if n.startswith(_STORY_PREFIXES) and n.endswith(".xml")]
        for part in names:
            data = package.read(part)
            if b"gen-letter:" not in data:
                continue
            tree = etree.fromstring(data).getroottree()
            root = tree.getroot()
            for sdt in marks.find_controls(root, marks.NUMBER_TAG):
                _fill(sdt, number_text)
                counts[marks.NUMBER_TAG] += 1
            for sdt in marks.find_controls(root, marks.DATE_TAG):
                _fill(sdt, date_text)
                counts[marks.DATE_TAG] += 1
            for sdt in marks.find_controls(root, marks.DRAFT_TAG):
                marks.remove_control(sdt)
                counts[marks.DRAFT_TAG] += 1
            changed[part] = etree.tostring(tree, xml_declaration=True, encoding="UTF-8",
                                           standalone=tree.docinfo.standalone)
    for tag, what in ((marks.NUMBER_TAG, "number"), (marks.DATE_TAG, "date")):
        if not counts[tag]:
            raise UserError(f"the draft has no {what} placeholder (content control tagged {tag}): "
                            "it was deleted in Word, or the letter was issued already", file=name,
                            hint="make the draft again with gen-letter new")
    return replace_parts(docx, changed)


def _fill(sdt: etree._Element, text: str) -> None:
    """Put the final text in a control, drop Word's placeholder styling, and unwrap it."""
    marks.set_control_text(sdt, text)
    for rstyle in sdt.iter(f"{W}rStyle"):
        if rstyle.get(f"{W}val") == "PlaceholderText":
            rstyle.getparent().remove(rstyle)
    marks.unwrap_control(sdt)


# --- the source: spec or draft -----------------------------------------------------------------

def load_draft(path: Path) -> tuple[bytes, dict]:
    """A reviewed draft's bytes and the spec it carries; UserError when it is not a gen-letter DOCX."""
    data = path.read_bytes()
    if not data.startswith(b"PK"):
        raise UserError("is not a DOCX file (give a letter spec .yaml or a draft .docx)", file=str(path))
    with read_package(path) as package:  # a UserError naming the file when it is no zip
        if "word/document.xml" not in package.namelist():
            raise UserError("is not a DOCX file (no word/document.xml)", file=str(path))
    spec = marks.read_spec_property(data)
    if spec is None:
        raise UserError("was not made by gen-letter (it has no GenLetterSpec property)",
                        file=str(path), hint="make a draft with gen-letter new SPEC.yaml")
    return data, spec


def _render_spec(path: Path, workspace: Path, registry, into: Path):
    """Render a spec YAML to a draft DOCX in ``into`` (a temporary folder of the caller).

    References given by number only are looked up in the register, as ``gen-letter new`` does.
    """
    from .render import registry_lookup, render  # the only code that touches templates
    from .spec import load_spec

    spec = load_spec(path)
    draft = into / "draft.docx"
    draft.write_bytes(render(spec, workspace, draft=True, offices=registry.offices,
                             lookup=registry_lookup(spec, registry.resolve_reference)))
    return draft, spec


# --- facts from the spec -----------------------------------------------------------------------

@dataclass(frozen=True)
class LetterFacts:
    """What the register needs to know about a letter, read from its spec."""

    office: str | None
    unit: str | None
    circular: bool
    subject: str
    recipients: list[str]
    speed: str | None
    secrecy: str | None
    signer: str | None
    references: list[dict[str, Any]]    # number, and agency/date for a letter given inline
    attachments: list[dict[str, Any]]
    date: Date | None


def letter_facts(spec: dict) -> LetterFacts:
    """The register facts of a validated letter spec (``LetterSpec.data``, as a draft's
    ``GenLetterSpec`` property holds it).

    >>> f = letter_facts({"kind": "circular", "unit": 3, "subject": "ทดสอบ", "recipient": "นายอำเภอ",
    ...                   "references": [{"number": "นข 0019/ว 632"}], "date": "2024-10-25",
    ...                   "attachments": [{"title": "แบบรายงาน", "quantity": 1, "unit": "ชุด"}]})
    >>> f.circular, f.unit, f.recipients, f.references[0]["number"], f.date
    (True, '3', ['นายอำเภอ'], 'นข 0019/ว 632', datetime.date(2024, 10, 25))
    >>> f.attachments[0]["title"], f.attachments[0]["file"]
    ('แบบรายงาน', None)
    """
    def first(*keys: str, default: Any = None) -> Any:
        for key in keys:
            if spec.get(key) not in (None, ""):
                return spec[key]
        return default

    recipients = first("recipients", "recipient", "to", default=[])
    if not isinstance(recipients, list):
        recipients = [recipients]
    recipients = [str(r.get("name") or r.get("title") or r) if isinstance(r, dict) else str(r)
                  for r in recipients]
    references = []
    for ref in first("references", default=[]) or []:
        if isinstance(ref, dict) and ref.get("number"):
            references.append({"number": str(ref["number"]), "agency": ref.get("agency"),
                               "date": ref.get("date")})
        elif isinstance(ref, str) and ref.strip():
            references.append({"number": ref, "agency": None, "date": None})
    attachments = []
    for item in first("attachments", default=[]) or []:
        if isinstance(item, str):
            item = {"title": item}
        attachments.append({"title": str(item.get("title") or ""),
                            "quantity": item.get("quantity"), "unit": item.get("unit"),
                            "file": item.get("file"), "url": item.get("url")})
    unit = first("unit")
    when = first("date")
    if isinstance(when, str):
        try:
            when = Date.fromisoformat(when)
        except ValueError:
            when = None
    return LetterFacts(
        office=first("office"), unit=None if unit is None else str(unit),
        circular=first("kind") == "circular", subject=str(first("subject", default="")),
        recipients=recipients, speed=first("speed"), secrecy=first("secrecy"),
        signer=first("signer"), references=references, attachments=attachments,
        date=when if isinstance(when, Date) else None)


def cited_numbers(references: list[dict[str, Any]], registry) -> list[dict[str, Any]]:
    """The references that become edges in the register, as ``{"number", "year"}``.

    A reference given by number only must be in the register (the register refuses it
    otherwise). A letter given inline (agency and date) may be one the register has never seen,
    such as another agency's letter not received through it: it is cited on paper and kept in
    the metadata, and becomes an edge only when the register knows the number. Running numbers
    restart every year, so a reference's date, when given, names the year of the letter.
    """
    cited = []
    for ref in references:
        when = ref.get("date")
        year = be_year(Date.fromisoformat(str(when))) if when else None
        if ref.get("agency"):
            try:
                registry.resolve_reference(ref["number"], year)
            except UserError:
                continue
        cited.append({"number": ref["number"], "year": year})
    return cited


# --- issue -------------------------------------------------------------------------------------

def issue(source: Path, workspace: Path, *, date: Date | None = None, registry=None,
          number: str | None = None, sign=None) -> IssuedLetter:
    """Issue a letter from a spec YAML or a reviewed draft DOCX; see the module docstring.

    ``date`` defaults to the spec's date, else today in Asia/Bangkok; ``registry`` defaults to
    the workspace's register; ``number`` is a reserved number to use instead of the next one;
    ``sign`` (a PDF path → None, e.g. :meth:`generator.exchange.signing.Signer.sign_pdf`) signs
    the PDF before its checksum is taken.
    """
    source, workspace = Path(source), Path(workspace)
    if not source.is_file():
        raise UserError("no such file", file=str(source))
    from_spec = source.suffix.lower() in (".yaml", ".yml")
    if not from_spec:
        draft, spec = load_draft(source)  # bad input is refused before anything is opened
        from .render.bundle import spec_of_draft

        letter_spec = spec_of_draft(spec, marks.read_properties(draft), str(source))
    own_registry = registry is None
    if own_registry:
        from .registry import Registry

        registry = Registry.open(workspace)
    try:
        output = workspace / "output"
        output.mkdir(parents=True, exist_ok=True)
        # Same file system as the archive, so the final moves are renames; removed in any case.
        temp = Path(tempfile.mkdtemp(prefix=".issuing-", dir=output))
        try:
            if from_spec:
                rendered, letter_spec = _render_spec(source, workspace, registry, temp)
                draft, spec = load_draft(rendered)
            when = date or letter_facts(spec).date or bangkok_today()
            return _issue(draft, spec, source, workspace, temp, registry, when, number,
                          letter_spec, sign)
        finally:
            shutil.rmtree(temp, ignore_errors=True)
    finally:
        if own_registry:
            registry.close()


def _issue(draft: bytes, spec: dict, source: Path, workspace: Path, temp: Path, registry,
           letter_date: Date, number: str | None, letter_spec=None, sign=None) -> IssuedLetter:
    from . import pdf as pdf_module
    from .render import bundle

    facts = letter_facts(spec)
    draft_id = marks.read_properties(draft).get(marks.DRAFT_PROPERTY)
    issued_as = registry.issued_from_draft(draft_id) if draft_id else None
    if issued_as is not None:
        raise UserError(f"was issued already, as {issued_as}; a draft is issued once",
                        file=str(source), hint="for another letter make a new draft with gen-letter new")
    office = registry.office(facts.office)
    # The register keeps subject and recipients as the letter prints them (office digit style).
    facts = replace(facts, subject=digits(facts.subject, office.digit_style),
                    recipients=[digits(r, office.digit_style) for r in facts.recipients])
    # The documents printed after the letter, rendered before a number is taken.
    parts = bundle.attachment_parts(letter_spec, workspace, registry.offices, draft=False) \
        if letter_spec is not None and bundle.needs_bundle(letter_spec) else []
    records = bundle.attachment_records(letter_spec, workspace) if letter_spec is not None else None
    sent = bundle.attachment_files(letter_spec, parts) if letter_spec is not None else {}
    cited = cited_numbers(facts.references, registry)  # read before the write transaction opens
    moved: list[Path] = []
    try:
        with registry.allocate(office_id=office.id, unit=facts.unit, circular=facts.circular,
                               date=letter_date, reserved=number) as alloc:
            stem = file_stem(alloc.number_text)
            folder = workspace / "output" / "issued" / str(alloc.year)
            kinds = ("docx", "bundle", "pdf", "json") if parts else ("docx", "pdf", "json")
            targets = {kind: folder / (f"{stem}.bundle.docx" if kind == "bundle"
                                       else f"{stem}.{kind}") for kind in kinds}
            # Each attachment that is a document or a file is archived as it was sent.
            for n, (_blob, suffix) in sent.items():
                targets[f"att{n}"] = folder / f"{stem}.att{n}{suffix}"
            kinds = tuple(targets)
            _refuse_existing(targets)

            date_text = format_date(letter_date, "full", digit_style=office.digit_style)
            stamped = stamp(draft, alloc.number_text, date_text, name=str(source))
            check_package(stamped, name=str(source))
            made = {kind: temp / targets[kind].name for kind in targets}
            made["docx"].write_bytes(stamped)
            if parts:  # letter first, then each attachment from a new page: one DOCX, one PDF
                combined = bundle.combine(stamped, parts)
                check_package(combined, name=f"{source} (letter with attachments)")
                made["bundle"].write_bytes(combined)
            for n, (blob, _suffix) in sent.items():
                made[f"att{n}"].write_bytes(blob)
            conversion = pdf_module.to_pdf(made["bundle" if parts else "docx"], made["pdf"])
            if sign is not None:
                sign(made["pdf"])
            sha = {kind: _sha256(made[kind]) for kind in kinds if kind != "json"}
            files = {kind: path.relative_to(workspace).as_posix() for kind, path in targets.items()}
            for record in records or ():
                record["archived"] = files.get(f"att{record['number']}")
                record["sha256"] = sha.get(f"att{record['number']}")
            issued_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
            metadata = {
                "number": alloc.number_text, "running": alloc.running, "year": alloc.year,
                "date": letter_date.isoformat(), "date_text": date_text,
                "subject": facts.subject, "recipients": facts.recipients,
                "office": {"id": office.id, "code": office.code, "name": office.name},
                "unit": facts.unit, "circular": facts.circular, "speed": facts.speed,
                "secrecy": facts.secrecy, "signer": facts.signer,
                "references": [dict(ref, registered=ref["number"] in
                                    {c["number"] for c in cited}) for ref in facts.references],
                "attachments": records if records is not None else facts.attachments,
                "spec": spec, "files": files, "sha256": sha,
                "created": _created(draft) or issued_at, "issued": issued_at,
                "pdf": {"standard": "PDF/A-2b", "font_notice": conversion.notice},
            }
            made["json"].write_text(json.dumps(metadata, ensure_ascii=False, indent=2, default=str)
                                    + "\n", encoding="utf-8")
            alloc.record(subject=facts.subject, recipients=facts.recipients, speed=facts.speed,
                         secrecy=facts.secrecy, signer=facts.signer, unit=facts.unit, spec=spec,
                         files=files, sha256=sha, references=cited,
                         attachments=_register_attachments(records, facts), draft_id=draft_id)
            folder.mkdir(parents=True, exist_ok=True)
            for kind in kinds:
                _move_new(made[kind], targets[kind], moved)
    except BaseException:
        for path in moved:  # the transaction rolled back: nothing may stay archived
            path.unlink(missing_ok=True)
        raise
    return IssuedLetter(number=alloc.number_text, running=alloc.running, year=alloc.year,
                        date=letter_date, docx=targets["docx"], pdf=targets["pdf"],
                        metadata=targets["json"], sha256=sha,
                        notices=(conversion.notice,) if conversion.notice else (),
                        bundle=targets.get("bundle"))


def _register_attachments(records, facts: LetterFacts) -> list[dict]:
    """The attachments as the register takes them: title, quantity, unit, the document or file
    they came from, link, and the archived copy with its SHA-256."""
    if records is None:
        return facts.attachments
    return [{"title": record["title"], "quantity": record["quantity"], "unit": record["unit"],
             "file": record["document"] or record["file"], "url": record["url"],
             "archived": record["archived"], "sha256": record["sha256"]}
            for record in records]


def _refuse_existing(targets: dict[str, Path]) -> None:
    for path in targets.values():
        if path.exists():
            raise UserError("an issued file with this number exists already, but the register "
                            "has not recorded this number as issued; issued files are never "
                            "overwritten", file=str(path),
                            hint="was an earlier issue of it interrupted, or the database "
                                 "replaced? move the file away after checking it")


def _move_new(source: Path, target: Path, moved: list[Path]) -> None:
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


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _created(docx: bytes) -> str | None:
    """The draft's creation time from docProps/core.xml, when it has one."""
    with read_package(docx) as package:
        if "docProps/core.xml" not in package.namelist():
            return None
        root = etree.fromstring(package.read("docProps/core.xml"))
    value = root.findtext("{http://purl.org/dc/terms/}created")
    return value.strip() if value else None
