"""Stamping a draft: number and date into their content controls, the draft mark removed.

Only the parts holding gen-letter content controls (``word/document.xml`` and the header with
the draft mark, normally) are rewritten; every other part keeps its exact bytes. The stamped
document is then read back (:func:`generator.docx.letter.read_letter`) and must print the number
just stamped: what the register records is what the letter says.
"""

from __future__ import annotations

from ..docx import marks
from ..docx.text import paragraphs
from ..docx.package import Package
from ..errors import UserError


def stamp(docx: bytes | Package, number_text: str, date_text: str, *, name: str = "<draft>") -> bytes:
    """The draft with its number and date filled in and its draft mark removed.

    Raises a UserError when the draft has lost its number or date control (e.g. deleted in Word,
    or the file was issued already).
    """
    package = Package.read(docx, name=name)
    changed, counts = marks.stamp_parts(package, number_text, date_text)
    for tag, what in ((marks.NUMBER_TAG, "number"), (marks.DATE_TAG, "date")):
        if not counts[tag]:
            raise UserError(f"the draft has no {what} placeholder (content control tagged {tag}): "
                            "it was deleted in Word, or the letter was issued already", file=name,
                            hint="make the draft again with gen-letter new")
    return package.replaced(changed)


def check_stamped(stamped: bytes | Package, number_text: str, *, name: str) -> None:
    """The stamped letter must print ``ที่ <number>`` as allocated."""
    if not any(number_text in line for line in paragraphs(stamped)):
        raise UserError(f"the stamped letter does not print its number {number_text}", file=name)

