"""The stock attachment templates: ``attachment_list.docx``, ``booklet.docx``, ``schedule.docx``.

They share the letter templates' styles, fonts and page (:mod:`tools.templates.pieces`: TH
Sarabun New 16 pt set for complex script, A4, the same margins), so a bundle of letter and
attachments reads as one set of papers, and add the attachment styles below (their first-line
indents are :data:`generator.render.attachments.ITEM_INDENT`). An office restyles them in Word
like the letter templates.

Each template holds the title block (``{% for line in title %}``), one ``{{p body }}`` paragraph
that the renderer replaces by the document's content (sections, tables, QR codes: built in
:mod:`generator.render.attachments`), and the page rules of its kind:

- ``booklet``: a running header (the booklet's short title, right-aligned) and the page number
  ``- ๒ -`` on every page but the first;
- ``schedule`` and ``attachment_list``: the page number from page 2.

Every header also carries the draft mark, which issuing removes with the letter's.
"""

from __future__ import annotations

from lxml import etree

from generator.docx.build import el
from generator.docx.geometry import CM

from .pieces import (BODY_PREFIXES, before_6pt, bold, build_package, document_part, draft_mark,
                     ind, jc, keep, p, page_number, pstyle, section, spacer, spacing, t, tag)

KINDS = ("attachment_list", "booklet", "schedule")
TITLES = {"attachment_list": "รายละเอียดสิ่งที่ส่งมาด้วย", "booklet": "แนวทางการดำเนินงาน",
          "schedule": "แผนการลงพื้นที่"}


def _indented(first_line: float) -> list[etree._Element]:
    """6 pt before, a first-line indent of ``first_line`` cm, Thai distributed."""
    return [before_6pt(), ind(firstLine=int(first_line * CM)), jc("thaiDistribute")]


def attachment_styles() -> list[etree._Element]:
    """The attachment paragraph styles (added to the letter's styles)."""
    return [
        pstyle("AttTitle", "ชื่อเอกสารแนบ", [el("w:keepNext"), jc("center")], bold()),
        pstyle("AttHeading", "หัวข้อเอกสารแนบ", [*keep(), before_6pt()], bold()),
        pstyle("AttBody", "เนื้อความเอกสารแนบ", _indented(2.5)),
        pstyle("AttItem1", "ข้อ ระดับ ๑", _indented(1.25)),
        pstyle("AttItem2", "ข้อ ระดับ ๒", _indented(2.5)),
        pstyle("AttItem3", "ข้อ ระดับ ๓", _indented(3.25)),
        pstyle("AttCenter", "กึ่งกลาง", [before_6pt(), jc("center")]),
        pstyle("AttPicture", "รูปภาพ", [el("w:keepNext"), before_6pt(), jc("center")]),
        pstyle("AttCaption", "คำอธิบายภาพ", [jc("center")]),
        pstyle("AttLink", "ลิงก์", [jc("center")]),
        pstyle("AttTableText", "ข้อความในตาราง", [spacing(0)]),
        pstyle("AttTableCentre", "ข้อความในตาราง (กึ่งกลาง)", [spacing(0), jc("center")]),
        pstyle("AttTableHead", "หัวตาราง", [el("w:keepNext"), spacing(0), jc("center")], bold()),
        pstyle("AttHeaderText", "หัวกระดาษเอกสารแนบ", [jc("right")],
               [el("w:sz", val=28), el("w:szCs", val=28)]),
    ]


def header_part(kind: str, first_page: bool) -> etree._Element:
    """The draft mark and, from page 2, the page number (a booklet's running title above it)."""
    running = [tag("if header"), p(t("{{ header }}"), style="AttHeaderText"), tag("endif")]
    return el("w:hdr", draft_mark(),
              None if first_page else [running if kind == "booklet" else None, page_number()],
              spacer(), nsmap=BODY_PREFIXES)


def footer_part() -> etree._Element:
    """An empty footer (an attachment carries no secrecy line of its own)."""
    return el("w:ftr", spacer(), nsmap=BODY_PREFIXES)


def attachment_document() -> etree._Element:
    """The title's lines, the ``{{p body }}`` paragraph and the letter's section."""
    return document_part(
        tag("for line in title"),
        p(t("{{ line }}"), style="AttTitle"),
        tag("endfor"),
        p(t("{{p body }}")),
        section(),
    )


def attachment_package(kind: str) -> bytes:
    """The DOCX package of one attachment template."""
    return build_package(attachment_document(), TITLES[kind], attachment_styles(),
                         headers=(header_part(kind, False), header_part(kind, True)),
                         footers=(footer_part(), footer_part()))


def packages() -> dict[str, bytes]:
    """The templates of this module: file name → DOCX bytes."""
    return {f"{kind}.docx": attachment_package(kind) for kind in KINDS}
