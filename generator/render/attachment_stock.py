"""Build the stock attachment templates: ``attachment_list.docx``, ``booklet.docx``, ``schedule.docx``.

Run ``python -m generator.render.attachment_stock [FOLDER]`` to rebuild them (default: the
repository's ``letter_templates/``). They share the letter templates' styles, fonts and page
(:mod:`generator.render.stock`: TH Sarabun New 16 pt set for complex script, A4, the same
margins), so a bundle of letter and attachments reads as one set of papers, and add the
attachment styles below. An office restyles them in Word like the letter templates.

Each template holds the title block (``{% for line in title %}``), one ``{{p body }}`` paragraph
that the renderer replaces by the document's content (sections, tables, QR codes: built in
:mod:`generator.render.attachments`), and the page rules of its kind:

- ``booklet``: a running header (the booklet's short title, right-aligned) and the page number
  ``- ๒ -`` on every page but the first;
- ``schedule`` and ``attachment_list``: the page number from page 2.

Every header also carries the draft mark, which issuing removes with the letter's.
"""

from __future__ import annotations

from pathlib import Path

from . import stock
from .stock import BOLD, CM, KEEP, SPACER, XML_HEAD, NS, draft_mark, p, page_number, t, tag

KINDS = ("attachment_list", "booklet", "schedule")
TITLES = {"attachment_list": "รายละเอียดสิ่งที่ส่งมาด้วย", "booklet": "แนวทางการดำเนินงาน",
          "schedule": "แผนการลงพื้นที่"}

_BEFORE = '<w:spacing w:before="120" w:after="0"/>'


def extra_styles() -> str:
    """The attachment paragraph styles (added to the letter's styles)."""
    s = stock._pstyle
    return "".join([
        s("AttTitle", "ชื่อเอกสารแนบ", '<w:keepNext/><w:jc w:val="center"/>', BOLD),
        s("AttHeading", "หัวข้อเอกสารแนบ", KEEP + _BEFORE, BOLD),
        s("AttBody", "เนื้อความเอกสารแนบ", _BEFORE + f'<w:ind w:firstLine="{int(2.5 * CM)}"/>'
          '<w:jc w:val="thaiDistribute"/>'),
        s("AttItem1", "ข้อ ระดับ ๑", _BEFORE + f'<w:ind w:firstLine="{int(1.25 * CM)}"/>'
          '<w:jc w:val="thaiDistribute"/>'),
        s("AttItem2", "ข้อ ระดับ ๒", _BEFORE + f'<w:ind w:firstLine="{int(2.5 * CM)}"/>'
          '<w:jc w:val="thaiDistribute"/>'),
        s("AttItem3", "ข้อ ระดับ ๓", _BEFORE + f'<w:ind w:firstLine="{int(3.25 * CM)}"/>'
          '<w:jc w:val="thaiDistribute"/>'),
        s("AttCenter", "กึ่งกลาง", _BEFORE + '<w:jc w:val="center"/>'),
        s("AttPicture", "รูปภาพ", '<w:keepNext/>' + _BEFORE + '<w:jc w:val="center"/>'),
        s("AttCaption", "คำอธิบายภาพ", '<w:jc w:val="center"/>'),
        s("AttLink", "ลิงก์", '<w:jc w:val="center"/>'),
        s("AttTableText", "ข้อความในตาราง", '<w:spacing w:before="0" w:after="0"/>'),
        s("AttTableCentre", "ข้อความในตาราง (กึ่งกลาง)", '<w:spacing w:before="0" w:after="0"/>'
          '<w:jc w:val="center"/>'),
        s("AttTableHead", "หัวตาราง", '<w:keepNext/><w:spacing w:before="0" w:after="0"/>'
          '<w:jc w:val="center"/>', BOLD),
        s("AttHeaderText", "หัวกระดาษเอกสารแนบ", '<w:jc w:val="right"/>',
          '<w:sz w:val="28"/><w:szCs w:val="28"/>'),
    ])


def styles_xml() -> str:
    return stock.styles_xml().replace("</w:styles>", extra_styles() + "</w:styles>")


def header_xml(kind: str, first_page: bool) -> str:
    parts = [draft_mark()]
    if not first_page:
        if kind == "booklet":
            parts += [tag("if header"), p(t("{{ header }}"), style="AttHeaderText"),
                      tag("endif")]
        parts.append(page_number())
    parts.append(SPACER)
    return f"{XML_HEAD}<w:hdr {NS}>{''.join(parts)}</w:hdr>"


def document_xml() -> str:
    body = "".join([
        tag("for line in title"),
        p(t("{{ line }}"), style="AttTitle"),
        tag("endfor"),
        p(t("{{p body }}")),
        stock.section(),
    ])
    return f"{XML_HEAD}<w:document {NS}><w:body>{body}</w:body></w:document>"


def build_package(kind: str) -> bytes:
    from ..docx.package import replace_parts

    package = stock.build_package(document_xml(), TITLES[kind])
    return replace_parts(package, {
        "word/styles.xml": styles_xml().encode("utf-8"),
        "word/header1.xml": header_xml(kind, first_page=False).encode("utf-8"),
        "word/header2.xml": header_xml(kind, first_page=True).encode("utf-8"),
        "word/footer1.xml": f"{XML_HEAD}<w:ftr {NS}>{SPACER}</w:ftr>".encode("utf-8"),
        "word/footer2.xml": f"{XML_HEAD}<w:ftr {NS}>{SPACER}</w:ftr>".encode("utf-8"),
    })


def build(folder: Path) -> list[Path]:
    """Write the three attachment templates into ``folder``; returns the paths written."""
    from .stock import write_templates

    return write_templates(folder, {f"{kind}.docx": build_package(kind) for kind in KINDS})


if __name__ == "__main__":  # pragma: no cover
    from .stock import run_builder

    run_builder(build)
