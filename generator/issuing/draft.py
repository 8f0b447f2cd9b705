"""The reviewed draft, read once into one typed value.

:func:`read_draft` opens the DOCX once (:class:`generator.docx.package.Package`, within the
package limits, XML parsed without DTDs or entities) and keeps everything issuing needs: the
parts, the custom properties, the spec the draft was made from (``GenLetterSpec``), its draft id,
and what the document prints (:class:`generator.docx.letter.LetterText`).

:func:`attachment_spec` is the only way issuing reaches files on disk for a draft. The
property's paths are never trusted: every attachment file and attachment spec must resolve,
symlinks followed, inside the workspace (or a folder an office profile trusts), and its SHA-256
must be the one recorded in the draft when ``gen-letter new`` made it (``GenLetterSources``), so
what is archived is what was reviewed. The same holds for every file an attachment spec names (a
picture, a QR code's file, an entry of the attachment list): swapped for another file after
review, even inside the workspace, it is refused in one line naming the attachment spec, its
field and line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..docx import marks
from ..docx.letter import LetterText, read_letter
from ..docx.package import Package
from ..errors import UserError
from ..files import file_sha256
from ..paths import confined


@dataclass(frozen=True)
class Draft:
    """A gen-letter draft as read from its file."""

    source: Path
    package: Package
    properties: dict[str, str]
    spec: dict
    draft_id: str | None
    text: LetterText
    created: str | None

    @property
    def name(self) -> str:
        return str(self.source)


def read_draft(source: Path, data: bytes | None = None) -> Draft:
    """The draft at ``source`` (or ``data``, named ``source``); UserError when it is not a
    gen-letter DOCX."""
    name = str(source)
    if data is None:
        try:
            with open(source, "rb") as handle:
                head = handle.read(2)
        except OSError as error:
            raise UserError(f"cannot read the file: {error.strerror}", file=name) from None
    else:
        head = data[:2]
    if head != b"PK":
        raise UserError("is not a DOCX file (give a letter spec .yaml or a draft .docx)", file=name)
    package = Package.read(data if data is not None else source, name=name)
    properties = (marks.properties_of_xml(package.parts[marks.CUSTOM_PART], name)
                  if marks.CUSTOM_PART in package.parts else {})
    try:
        spec = json.loads(properties.get(marks.SPEC_PROPERTY) or "null")
    except json.JSONDecodeError:
        spec = None
    if not isinstance(spec, dict):
        raise UserError("was not made by gen-letter (it has no GenLetterSpec property)",
                        file=name, hint="make a draft with gen-letter new SPEC.yaml")
    text = read_letter(package.parts["word/document.xml"], name=name)
    return Draft(Path(source), package, properties, spec,
                 properties.get(marks.DRAFT_PROPERTY) or None, text, _created(package))


def _created(package: Package) -> str | None:
    """The draft's creation time from docProps/core.xml, when it has one."""
    if "docProps/core.xml" not in package.parts:
        return None
    value = package.xml("docProps/core.xml").findtext("{http://purl.org/dc/terms/}created")
    return value.strip() if value else None


def attachment_spec(draft: Draft, roots: list[Path]):
    """The draft's :class:`~generator.spec.LetterSpec` with its attachment paths, confined and
    checked (see the module docstring); None when it sends no documents or files."""
    from ..render.bundle import SOURCES_PROPERTY, named_file_key, source_files, spec_of_draft
    from ..spec.attachments import load_attachment

    spec = spec_of_draft(draft.spec, draft.properties, draft.name)
    if spec is None:
        return None
    try:
        recorded = json.loads(draft.properties.get(SOURCES_PROPERTY) or "null")
    except json.JSONDecodeError:
        recorded = None
    if not isinstance(recorded, dict):
        raise UserError("the draft has no checksums of its attachment files (GenLetterSources), "
                        "so what it sends cannot be checked", file=draft.name,
                        field="attachments", hint="make the draft again with gen-letter new")
    for key, field, path in source_files(spec):
        found = confined(path, roots, file=draft.name, field=field)
        _same(found, recorded.get(key), file=draft.name, field=field)
        if key == "list" or field.endswith(".document"):
            for named, line, file in load_attachment(found, roots).files:
                _same(file, recorded.get(named_file_key(key, named)), file=str(found),
                      field=named, line=line)
    return spec


def _same(found: Path, recorded: str | None, **where) -> None:
    """Refuse ``found`` unless its SHA-256 is the one the draft recorded."""
    if recorded != file_sha256(found):
        raise UserError(f"{found} is not the file the draft was made with (its SHA-256 "
                        "differs from the one recorded in the draft)", **where,
                        hint="make the draft again with gen-letter new")
