"""Stamping a draft: number and date into their content controls, the draft mark removed.

Only the parts holding gen-letter content controls (``word/document.xml`` and the header with
the draft mark, normally) are rewritten; every other part keeps its exact bytes. The stamped
document is then read back (:func:`generator.docx.letter.read_letter`) and must print the number
just stamped: what the register records is what the letter says.
"""

from __future__ import annotations

from lxml import etree

from ..docx import marks
from ..docx.text import paragraphs
from ..docx.package import Package
from ..errors import UserError

W = marks.W
_STORY_PREFIXES = ("word/document", "word/header", "word/footer")
_TAGS = (marks.NUMBER_TAG, marks.DATE_TAG, marks.DRAFT_TAG)


def stamp(docx: bytes | Package, number_text: str, date_text: str, *, name: str = "<draft>") -> bytes:
    """The draft with its number and date filled in and its draft mark removed.

    Raises a UserError when the draft has lost its number or date control (e.g. deleted in Word,
    or the file was issued already).
    """
    package = docx if isinstance(docx, Package) else Package.read(docx, name=name)
    changed: dict[str, bytes] = {}
    counts = dict.fromkeys(_TAGS, 0)
    for part, data in package.parts.items():
        if not (part.startswith(_STORY_PREFIXES) and part.endswith(".xml")):
            continue
        if b"gen-letter:" not in data:
            continue
        root = package.xml(part)
        tree = root.getroottree()
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
    return package.replaced(changed)


def check_stamped(stamped: bytes, number_text: str, *, name: str) -> None:
    """The stamped letter must print ``ที่ <number>`` as allocated."""
    if not any(number_text in line for line in paragraphs(stamped)):
        raise UserError(f"the stamped letter does not print its number {number_text}", file=name)


def _fill(sdt: etree._Element, text: str) -> None:
    """Put the final text in a control, drop Word's placeholder styling, and unwrap it."""
    marks.set_control_text(sdt, text)
    for rstyle in sdt.iter(f"{W}rStyle"):
        if rstyle.get(f"{W}val") == "PlaceholderText":
            rstyle.getparent().remove(rstyle)
    marks.unwrap_control(sdt)
