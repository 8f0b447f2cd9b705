"""The stock letter templates: ``external.docx`` (หนังสือภายนอก, and circulars) and ``memo.docx``
(บันทึกข้อความ), from the pieces of :mod:`tools.templates.pieces`.
"""

from __future__ import annotations

from lxml import etree

from generator.docx.geometry import CM, PAGE_CENTRE, TEXT_WIDTH

from .pieces import (attachments_block, body_block, build_package, cell, closing_block,
                     copy_to_block, date_control, document_part, ind, number_control, owner_block,
                     p, pstyle, references_block, row, section, signature_block, slogan_block,
                     spacing, t, tab, table, tabs, tag)


def external_document() -> etree._Element:
    """หนังสือภายนอก (and circulars): Garuda 3 cm centred, ที่ and the address on its line."""
    col = [int(6.5 * CM), TEXT_WIDTH - 2 * int(6.5 * CM), int(6.5 * CM)]
    # The Garuda's row is as high as the Garuda: ที่ and the address's first line stand at its
    # foot (cells aligned to the bottom), the speed class above ที่; the rest of the address
    # follows in a second row.
    heading = table(
        col,
        row(cell(col[0], p(t("{{ speed }}", "LetterSpeed"), style="LetterNumber"),
                 p(t("ที่ "), number_control(), style="LetterNumber")),
            cell(col[1], p(t("{{ garuda(3.0) }}"), style="LetterGaruda"), valign="top"),
            cell(col[2], p(t("{{ address[0] }}"), style="LetterAddress"))),
        row(cell(col[0], p(style="LetterNumber"), valign="top"),
            cell(col[1], p(style="LetterAddress"), valign="top"),
            cell(col[2], tag("for line in address[1:]"), p(t("{{ line }}"), style="LetterAddress"),
                 tag("endfor"), valign="top")),
    )
    return document_part(
        heading,
        p(date_control(), style="LetterDate"),
        p(t("เรื่อง"), tab(), t("{{ subject }}"), style="LetterSubject"),
        p(t("{{ salutation }} {{ recipient }}"), style="LetterSalutation"),
        references_block(),
        attachments_block(),
        body_block(),
        closing_block(),
        signature_block(with_close=True),
        owner_block(),
        copy_to_block(),
        slogan_block(),
        section(),
    )


#: The memo's header lines (rules §2, the memo's header block): each label bold 20 pt, its value
#: at a stop of its own, a wrapped line hanging under the value's first letter, and a dotted
#: leader from the value's end to the right margin. ``ที่`` and ``วันที่`` share one line:
#: the number's dots run to the date's label, the date's to the margin.
MEMO_DEPARTMENT_TAB = int(2.75 * CM)   # after ส่วนราชการ (2.4 cm in TH Sarabun New bold 20 pt)
MEMO_NUMBER_TAB = int(0.75 * CM)       # after ที่
MEMO_DATE_LABEL = PAGE_CENTRE - 2 * CM  # วันที่ stands 2 cm left of the page centre
MEMO_DATE_TAB = MEMO_DATE_LABEL + int(1.25 * CM)   # after วันที่
MEMO_SUBJECT_TAB = int(1.25 * CM)      # after เรื่อง


def _memo_line(style_id: str, name: str, *stops: tuple[str, int] | tuple[str, int, str],
               hang: int) -> etree._Element:
    return pstyle(style_id, name, [tabs(*stops, ("right", TEXT_WIDTH, "dot")), spacing(0),
                                   ind(left=hang, hanging=hang)])


def memo_styles() -> list[etree._Element]:
    """The memo's own styles (its template's only; the letters' are in every template)."""
    return [
        _memo_line("MemoDepartment", "ส่วนราชการ", ("left", MEMO_DEPARTMENT_TAB),
                   hang=MEMO_DEPARTMENT_TAB),
        _memo_line("MemoNumberDate", "ที่และวันที่", ("left", MEMO_NUMBER_TAB),
                   ("left", MEMO_DATE_LABEL, "dot"), ("left", MEMO_DATE_TAB),
                   hang=MEMO_NUMBER_TAB),
        _memo_line("MemoSubject", "เรื่อง (บันทึก)", ("left", MEMO_SUBJECT_TAB),
                   hang=MEMO_SUBJECT_TAB),
    ]


def memo_document() -> etree._Element:
    """บันทึกข้อความ: Garuda 1.5 cm top left, the title (bold 29 pt) centred beside it, then the
    header lines (:func:`memo_styles`), ``เรียน``, the body and the signature without a close.

    ``ส่วนราชการ`` is the office and the owner unit with its phone (``โทร.`` and the number
    joined by no-break spaces, so they never split: :func:`generator.kinds.letters.memo_context`);
    ``ที่`` the number of the letter series with the owner unit's code (:mod:`generator.kinds`)."""
    col = [int(3 * CM), TEXT_WIDTH - 2 * int(3 * CM), int(3 * CM)]
    heading = table(
        col,
        row(cell(col[0], p(t("{{ garuda(1.5) }}"), style="LetterNumber"), valign="bottom"),
            cell(col[1], p(t("บันทึกข้อความ", "MemoTitle"), style="LetterGaruda"), valign="bottom"),
            cell(col[2], p(t("{{ speed }}", "LetterSpeed"), style="LetterAddress"),
                 valign="bottom")),
    )
    return document_part(
        heading,
        p(t("ส่วนราชการ", "MemoLabel"), tab(),
          t("{{ office_name }} {{ unit.name }}{% if unit.phone %} โทร.\u00a0{{ unit.phone }}"
            "{% endif %}"),
          tab(), style="MemoDepartment"),
        p(t("ที่", "MemoLabel"), tab(), number_control(), tab(), t("วันที่", "MemoLabel"), tab(),
          date_control(), tab(), style="MemoNumberDate"),
        p(t("เรื่อง", "MemoLabel"), tab(), t("{{ subject }}"), tab(), style="MemoSubject"),
        p(t("{{ salutation }} {{ recipient }}"), style="LetterSalutation"),
        references_block(),
        attachments_block(),
        body_block(),
        closing_block(),
        signature_block(with_close=False),
        copy_to_block(),
        section(),
    )


def packages() -> dict[str, bytes]:
    """The templates of this module: file name → DOCX bytes."""
    return {"external.docx": build_package(external_document(), "หนังสือภายนอก"),
            "memo.docx": build_package(memo_document(), "บันทึกข้อความ", memo_styles())}
