"""A letter with its attachments: the attachment documents and the combined DOCX.

:func:`attachment_parts` renders what a letter sends along, in the order it is printed: a
circular's distribution list (บัญชีรายชื่อผู้รับ, from the recipient list its spec names), the
``attachment_list`` (QR codes of the attachments' links and files), then each attachment that is
a document (an attachment spec) or a Word file, numbered as the letter lists them.

The distribution list is a page of its own after the letter, not a ``สำเนาส่ง`` block after the
signature: ``สำเนาส่ง`` (thai-correspondence.md §2 item 15) names those who get a *copy* besides
the addressee, while a circular's addressees are the salutation's ``นายอำเภอ ทุกอำเภอ``, and the
list says who they are; twenty lines at the foot would push the owner unit and the slogan onto
a second page. The page names the letter it goes with (``แนบท้ายหนังสือ ที่ … ลงวันที่ …``), its
number and date stamped at issue like the letter's (``Part.stamped``). It is not an item of
สิ่งที่ส่งมาด้วย either (nothing is sent with it): like the
attachment list it has no number (``Part.number`` None), and it is printed in the same PDF under
the letter's one number. :func:`combine` joins the letter and those documents into one DOCX
(:func:`generator.docx.merge.merge`: each from a new page, with its own headers and page
numbers).

:func:`attachment_records` is what the archive keeps of each attachment: title, quantity, unit,
its document/file/link, and the SHA-256 of its source (the attachment spec or the file); issuing
adds the archived copy and its SHA-256.
:func:`attachment_files` is what issuing archives beside the letter: each attachment as it was
sent (the rendered document, or the file itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UserError
from ..files import file_sha256
from ..spec.model import LetterSpec

if TYPE_CHECKING:
    from ..docx.package import Package

SOURCE_PROPERTY = "GenLetterSource"   # the letter spec's absolute path, in a draft's properties
BUNDLE_PROPERTY = "GenLetterBundle"   # "1" in a combined DOCX (letter + attachments)
SOURCES_PROPERTY = "GenLetterSources"  # SHA-256 of each attachment source when the draft was made


@dataclass(frozen=True)
class Part:
    """One document printed after the letter; ``number`` is its place in the letter's
    สิ่งที่ส่งมาด้วย list (None for the attachment list, which is not itself an attachment)."""

    title: str
    docx: bytes
    number: int | None = None
    stamped: bool = False  # prints the letter's number and date, stamped at issue


def _digit_style(spec: LetterSpec, offices: dict) -> str:
    from ..spec.validate import choose_office

    office = choose_office(spec, offices)
    return getattr(office, "digit_style", "thai") or "thai"


DISTRIBUTION_TITLE = "บัญชีรายชื่อผู้รับหนังสือ"


def distribution_list(spec: LetterSpec, workspace: Path, *,
                      draft_properties: dict[str, str] | None = None, name: str = ""):
    """The recipient list the spec names (:class:`~generator.registry.recipients.RecipientList`),
    or None. With ``draft_properties`` (issuing draft ``name``) the list must be the one the
    draft was made with (its SHA-256 in ``GenLetterSources``)."""
    if spec.recipients is None:
        return None
    from ..registry.recipients import check_unchanged, load_list

    listed = load_list(workspace, spec.recipients, file=spec.source,
                       line=spec.line("recipients"))
    if draft_properties is not None:
        check_unchanged(listed, _recorded(draft_properties).get("recipients"), name=name)
    return listed


def _recorded(properties: dict[str, str]) -> dict:
    """The checksums a draft keeps (``GenLetterSources``), or an empty dict."""
    import json

    try:
        recorded = json.loads(properties.get(SOURCES_PROPERTY) or "null")
    except json.JSONDecodeError:
        return {}
    return recorded if isinstance(recorded, dict) else {}


def distribution_document(recipients):
    """The distribution list page: a title and a numbered table of positions (and agencies,
    when the list gives them)."""
    from ..spec.attachments import AttachmentDoc, Table

    entries = recipients.recipients
    with_agency = any(r.agency for r in entries)
    columns = ("ที่", "ผู้รับ", "หน่วยงาน") if with_agency else ("ที่", "ผู้รับ")
    rows = tuple(((r.position,), (r.agency,)) if with_agency else ((r.position,),)
                 for r in entries)
    title = (DISTRIBUTION_TITLE,) + ((recipients.title,) if recipients.title else ())
    return AttachmentDoc(kind="schedule", title=title,
                         blocks=(Table(columns, rows, (0.7, 4, 4) if with_agency else (0.7, 8),
                                       number_rows=True),),
                         source=recipients.source)


def attachment_parts(spec: LetterSpec, workspace: Path, offices: dict, *,
                     draft: bool = True, distribution=None) -> list[Part]:
    """The documents printed after the letter (empty when it sends none). ``distribution``:
    the spec's recipient list when the caller has read it already."""
    from ..spec.attachments import load_attachment
    from ..spec.confine import roots_of
    from ..docx.page import PageGeometry, apply_to_package
    from ..spec.validate import choose_office
    from .attachments import entries_from_letter
    from .attachments import render_attachment as render_document

    style = _digit_style(spec, offices)
    # The office's page geometry (profile ``page:``) holds for the documents it renders too.
    geometry = PageGeometry.of(getattr(choose_office(spec, offices), "page", None))

    def render_attachment(doc, workspace, **options):
        return apply_to_package(render_document(doc, workspace, **options), geometry)

    roots = roots_of(workspace, offices)  # the files attachment specs name: confined on loading
    parts: list[Part] = []
    if distribution is None:
        distribution = distribution_list(spec, workspace)
    if distribution is not None:
        parts.append(Part(DISTRIBUTION_TITLE, render_attachment(
            distribution_document(distribution), workspace, digit_style=style, draft=draft,
            letter_line=True), stamped=True))
    if spec.attachment_list is not None:
        doc = load_attachment(spec.attachment_list, roots)
        parts.append(Part("รายละเอียดสิ่งที่ส่งมาด้วย", render_attachment(
            doc, workspace, digit_style=style, draft=draft,
            entries=entries_from_letter(spec.attachments))))
    for i, attachment in enumerate(spec.attachments):
        if attachment.document is not None:
            doc = load_attachment(attachment.document, roots)
            parts.append(Part(attachment.title, render_attachment(doc, workspace,
                                                                  digit_style=style, draft=draft),
                              i + 1))
        elif attachment.file is not None and attachment.file.suffix.lower() == ".docx":
            blob = attachment.file.read_bytes()
            from ..docx.package import package_problems

            problems = package_problems(blob, schema=False)
            if problems:
                raise UserError(f"the Word file cannot be joined to the letter: {problems[0]}",
                                file=str(attachment.file), field=f"attachments[{i}].file")
            parts.append(Part(attachment.title, blob, i + 1))
    return parts


#: The fields of a letter spec its attachment documents are rendered from (``office``: the
#: digits they print in).
PARTS_FIELDS = ("office", "attachments", "attachment_list", "recipients")


def parts_key(spec_data: dict, properties: dict[str, str]) -> str:
    """What a letter's attachment documents are made of: the spec fields they come from, the
    folder their paths are relative to and the checksums of their files. Two drafts with the
    same key send the same documents.

    >>> a = parts_key({"subject": "ก", "attachments": [{"title": "x"}]}, {})
    >>> a == parts_key({"subject": "ข", "attachments": [{"title": "x"}]}, {})
    True
    >>> a == parts_key({"subject": "ก", "attachments": [{"title": "y"}]}, {})
    False
    """
    import json

    fields = {k: spec_data.get(k) for k in PARTS_FIELDS}
    where = {k: properties.get(k) for k in (SOURCE_PROPERTY, SOURCES_PROPERTY)}
    return json.dumps([fields, where], sort_keys=True, ensure_ascii=False)


def shared_parts(shared: dict | None, spec_data: dict, properties: dict[str, str],
                 render) -> list[Part]:
    """``render()``'s parts, or those ``shared`` keeps for the same :func:`parts_key` (a batch
    renders the documents its letters share once); ``shared`` None renders every time."""
    if shared is None:
        return render()
    key = parts_key(spec_data, properties)
    if key not in shared:
        shared[key] = render()
    return shared[key]


def attachment_files(spec: LetterSpec, parts: list[Part]) -> dict[int, tuple[bytes, str]]:
    """The attachments that are documents or files, as sent: number → (bytes, file suffix)."""
    rendered = {part.number: part.docx for part in parts if part.number is not None}
    files: dict[int, tuple[bytes, str]] = {}
    for i, attachment in enumerate(spec.attachments, 1):
        if i in rendered:
            files[i] = (rendered[i], ".docx")
        elif attachment.file is not None:
            files[i] = (attachment.file.read_bytes(), attachment.file.suffix.lower() or ".bin")
    return files


def needs_bundle(spec: LetterSpec) -> bool:
    """Does the letter carry documents to print after it (and so get a combined DOCX)?"""
    return spec.attachment_list is not None or spec.recipients is not None or any(
        a.document is not None or (a.file is not None and a.file.suffix.lower() == ".docx")
        for a in spec.attachments)


def combine(letter: bytes | Package, parts: list[Part]) -> bytes:
    """The letter and its attachment documents as one DOCX, the letter first."""
    from ..docx import marks
    from ..docx.merge import merge
    from ..docx.package import Package, write_package

    combined = Package.read(merge(letter, *(part.docx for part in parts))).parts
    properties = dict(marks.custom_properties_of(combined), **{BUNDLE_PROPERTY: "1"})
    return write_package(marks.with_custom_part(combined, properties))


def _shown(path: Path | None, workspace: Path | None) -> str | None:
    """A path as the archive keeps it: relative to the workspace when inside it."""
    if path is None:
        return None
    if workspace is not None:
        try:
            return Path(path).resolve().relative_to(Path(workspace).resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


def attachment_records(spec: LetterSpec, workspace: Path | None = None) -> list[dict]:
    """What the archive and the register keep of each attachment, in the letter's order."""
    from ..thai.numbering import item_label

    records = []
    for i, a in enumerate(spec.attachments, 1):
        source = a.document or a.file
        records.append({
            "number": i, "label": item_label((i,), "dot", "arabic"), "id": a.id,
            "title": a.title,
            "quantity": None if a.quantity is None else (int(a.quantity) if a.quantity.isdigit()
                                                         else a.quantity),
            "unit": a.unit,
            "document": _shown(a.document, workspace),
            "file": _shown(a.file, workspace),
            "url": a.url,
            "source_sha256": file_sha256(source) if source is not None else None,
        })
    return records


def source_files(spec: LetterSpec) -> list[tuple[str, str, Path]]:
    """(key, field, file) of every file a letter's attachments come from: ``"list"`` (the
    attachment list spec) and the attachment's number (``"1"``, ``"2"`` …) for the letter's own
    files, in the letter's field names."""
    found = [("list", "attachment_list", spec.attachment_list)] + [
        (str(i), f"attachments[{i - 1}].{'document' if a.document else 'file'}",
         a.document or a.file) for i, a in enumerate(spec.attachments, 1)]
    return [(key, field, path) for key, field, path in found if path is not None]


def named_file_key(key: str, field: str) -> str:
    """The key of a file an attachment spec names (a picture, a QR code's file, an entry of the
    attachment list): the attachment spec's key and the field in it.

    >>> named_file_key("2", "content[0].image.file")
    '2:content[0].image.file'
    """
    return f"{key}:{field}"


def source_checksums(spec: LetterSpec, workspace: Path | None = None) -> dict[str, str]:
    """The SHA-256 of every file a letter's attachments come from (:func:`source_files`), of
    every file their attachment specs name (:func:`named_file_key`) and, keyed
    ``"recipients"``, of the recipient list the letter names (found in ``workspace``); kept in
    the draft so that issuing archives and delivers exactly what was reviewed."""
    from ..spec.attachments import load_attachment

    sums = {}
    if spec.recipients is not None and workspace is not None:
        from ..registry.recipients import list_path

        path = list_path(workspace, spec.recipients)
        if path is not None:  # an unknown list is refused where the list is read
            sums["recipients"] = file_sha256(path)
    for key, field, path in source_files(spec):
        sums[key] = file_sha256(path)
        if key == "list" or field.endswith(".document"):
            for named, _line, found in load_attachment(path).files:
                sums[named_file_key(key, named)] = file_sha256(found)
    return sums


def spec_of_draft(spec_data: dict, properties: dict[str, str], source: str) -> LetterSpec | None:
    """The letter spec of a draft, its attachment paths resolved against the spec it was made
    from; None when the letter sends no documents or files (nothing to print after it)."""
    from ..spec.validate import spec_from_data

    if properties.get(BUNDLE_PROPERTY):
        raise UserError("is the combined document (letter with attachments); issue the letter "
                        "draft or the spec, and the attachments are joined to it again",
                        file=source, hint="gen-letter issue output/drafts/<name>.docx")
    attachments = spec_data.get("attachments") or []
    sends = "attachment_list" in spec_data or "recipients" in spec_data or any(
        k in a for a in attachments if isinstance(a, dict) for k in ("document", "file"))
    if not sends:
        return None
    origin = properties.get(SOURCE_PROPERTY)
    base = Path(origin).parent if origin else None
    if base is None:
        raise UserError("the draft does not say where its letter spec is, so its attachment "
                        "documents cannot be found", file=source,
                        hint="issue the letter spec .yaml instead")
    return spec_from_data(spec_data, source, base)
