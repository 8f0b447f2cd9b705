"""Build the stock letter templates ``letter_templates/external.docx`` and ``memo.docx`` (and,
through :mod:`generator.render.stock_kinds`, those of the other document kinds).

Run ``python -m generator.render.stock [FOLDER]`` to rebuild them (default: the repository's
``letter_templates/``). The files are checked in; offices edit their copies in Word.

The templates are written as raw WordprocessingML rather than through python-docx because nearly
everything they need is outside python-docx's API: complex-script font properties in the document
defaults, Thai-digit list numbering (``w:numFmt w:val="thaiNumbers"``), content controls, a PAGE
field with Thai digits, a different first-page header, tab stops with leaders. The package holds no
theme part, so no theme font attribute can override TH Sarabun New (§9).

Layout (thai-correspondence.md §2, §3): A4; margins left 3, right 2, top 2.5 cm (1.5 cm on page 1, the Garuda), bottom 2 cm;
TH Sarabun New 16 pt; body paragraphs with a 2.5 cm first-line indent, 6 pt before, Thai
distributed justification; the date, the complimentary close and the signature block from the
page centre; page numbers ``- ๒ -`` top centre from page 2. The top margin from page 2, the
bottom margin and the 6 pt are the defaults of common practice ([C]): an office profile's
``page:`` changes them in the rendered letter (:mod:`generator.docx.page`).

Keeping lines together (thai-correspondence.md §3 "keep together"): widow and orphan control
is on for every paragraph; the closing sentence, the close and the signer's lines keep with the
next, and the renderer gives the body's last paragraph ``keepNext`` too
(:func:`generator.docx.layout.keep_body_with_close`), so the close stands under two body lines
at least. The owner unit's lines and the slogan's lines keep with the next, so the foot block
and the slogan move as one and no slogan line is left alone on a page; the styles do not keep
them with the signature (LibreOffice 7.4 did not move a chain that long whole, and left the
closing sentence behind the close when it was one): the renderer does, on the signature's last
line (:func:`generator.docx.layout.keep_foot_with_signature`). Latin text is marked English (``w:lang w:val``)
and Thai text Thai (``w:bidi``): marked Thai, a Latin word was cut anywhere (``(MO`` / ``U)``).
The quantity of an attachment (``จำนวน ๑ ชุด``) is joined by no-break spaces and stands at a
right tab at the margin; the renderer reserves its column with a right indent on the paragraph,
so a long title wraps and the quantity stands whole on the title's last line
(:func:`generator.docx.layout.reserve_quantity_column`).

Values come from Jinja tags in the docxtpl dialect (``{{ … }}``, ``{%p … %}`` for a tag that
stands for a whole paragraph, ``{%tr … %}`` for a table row); all wording is in the template.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

FONT = "TH Sarabun New"
CM = 567  # twips per centimetre (rounded as Word does)
TEXT_WIDTH = 9072  # 21 cm - 3 cm - 2 cm = 16 cm
PAGE_CENTRE = 4253  # the page's centre line, measured from the left margin: 10.5 cm - 3 cm
BODY_LIST_NUM_ID = 1  # the w:num the body's numbered items use; the renderer restarts lists from it

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


# --- small XML builders -------------------------------------------------------------------------

def t(text: str, style: str | None = None) -> str:
    """One run of text (Jinja tags allowed), optionally with a character style."""
    rpr = f'<w:rPr><w:rStyle w:val="{style}"/></w:rPr>' if style else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def tab(style: str | None = None) -> str:
    rpr = f'<w:rPr><w:rStyle w:val="{style}"/></w:rPr>' if style else ""
    return f"<w:r>{rpr}<w:tab/></w:r>"


def p(*runs: str, style: str | None = None, ppr: str = "") -> str:
    """A paragraph; ``ppr`` is extra paragraph properties after the style (in schema order)."""
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    props = f"<w:pPr>{pstyle}{ppr}</w:pPr>" if (pstyle or ppr) else ""
    return f"<w:p>{props}{''.join(runs)}</w:p>"


def tag(jinja: str) -> str:
    """A paragraph holding only a ``{%p … %}`` tag: it is replaced by the tag when rendering."""
    return p(t("{%p " + jinja + " %}"))


def control(tag_name: str, alias: str, runs: str) -> str:
    """An inline plain-text content control around runs (the draft's number and date)."""
    return (f'<w:sdt><w:sdtPr><w:alias w:val="{alias}"/><w:tag w:val="{tag_name}"/><w:text/>'
            f"</w:sdtPr><w:sdtContent>{runs}</w:sdtContent></w:sdt>")


def cell(width: int, *paragraphs: str, valign: str = "bottom", span: int = 1) -> str:
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}<w:vAlign w:val="{valign}"/>'
            f"</w:tcPr>{''.join(paragraphs)}</w:tc>")


def table(widths: list[int], *rows: str) -> str:
    """A borderless, fixed-layout table as wide as the text (the Garuda line)."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    none = "".join(f'<w:{side} w:val="nil"/>' for side in
                   ("top", "left", "bottom", "right", "insideH", "insideV"))
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            f"<w:tblBorders>{none}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
            '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
            '</w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")


def row(*cells: str) -> str:
    return f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>"


# --- styles -------------------------------------------------------------------------------------

def _rfonts() -> str:
    return f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'


def _size(points: float) -> str:
    half = int(points * 2)
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


#: Thai text is complex script, so its language is ``w:bidi``; Latin text is English
#: (``w:val``): marked Thai, LibreOffice cuts a Latin word anywhere (``(MO`` / ``U)``).
LANG = '<w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="th-TH"/>'
#: Every script Thai: the page-number header (see styles_xml).
LANG_TH = '<w:lang w:val="th-TH" w:eastAsia="en-US" w:bidi="th-TH"/>'
RED = '<w:color w:val="FF0000"/>'
BOLD = "<w:b/><w:bCs/>"


def _pstyle(style_id: str, name: str, ppr: str = "", rpr: str = "", based_on: str = "Normal",
            next_style: str | None = None) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    nxt = f'<w:next w:val="{next_style}"/>' if next_style else ""
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/>{based}{nxt}<w:qFormat/>'
            f"{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}</w:style>")


def _cstyle(style_id: str, name: str, rpr: str) -> str:
    return (f'<w:style w:type="character" w:customStyle="1" w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>'
            f"<w:rPr>{rpr}</w:rPr></w:style>")


def _tabs(*stops: tuple[str, int] | tuple[str, int, str]) -> str:
    out = []
    for stop in stops:
        leader = f' w:leader="{stop[2]}"' if len(stop) > 2 else ""
        out.append(f'<w:tab w:val="{stop[0]}"{leader} w:pos="{stop[1]}"/>')
    return f"<w:tabs>{''.join(out)}</w:tabs>"


SUBJECT_TAB = int(1.25 * CM)
REFERENCE_TAB = int(1.5 * CM)
ATTACHMENT_TAB = int(3.0 * CM)
NUMBER_WIDTH = int(0.6 * CM)
BEFORE_6PT = '<w:spacing w:before="120" w:after="0"/>'
KEEP = "<w:keepNext/><w:keepLines/>"
#: Widow and orphan control (Word's default for new documents, written out so LibreOffice does
#: the same): a paragraph leaves at least two lines on each page it spans.
WIDOWS = "<w:widowControl/>"
SIGN_INDENT = int(2.5 * CM)  # signature lines centred under the close (which starts at the centre)


def styles_xml(extra: tuple[str, ...] = ()) -> str:
    """``styles.xml``: TH Sarabun New 16 pt set for Latin and complex script, and the letter
    styles; ``extra``: the styles of one kind's template (:mod:`generator.render.stock_kinds`)."""
    base_rpr = f"{_rfonts()}{_size(16)}{LANG}"
    hanging = lambda left: f'<w:ind w:left="{left}" w:hanging="{left}"/>'  # noqa: E731
    styles = [
        # Normal and the defaults Word expects.
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        f'<w:qFormat/><w:pPr>{WIDOWS}<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f"<w:rPr>{base_rpr}</w:rPr></w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" '
        'w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        "</w:style>",
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        # The header's text, the page number too, is Thai also for Latin characters and
        # digits: LibreOffice draws a page number in its field's (Latin) language's digits.
        _pstyle("Header", "header", '<w:jc w:val="center"/>', LANG_TH),
        _pstyle("Footer", "footer", '<w:jc w:val="center"/>'),
        # Character styles: Word turns Thai text bold only with w:bCs, which a style carries.
        _cstyle("LetterBold", "ตัวหนา (ไทย)", BOLD),
        _cstyle("LetterSpeed", "ชั้นความเร็ว", f"{BOLD}{RED}{_size(32)}"),
        _cstyle("LetterSecrecy", "ชั้นความลับ", f"{BOLD}{RED}{_size(20)}"),
        _cstyle("LetterDraftMark", "เครื่องหมายร่าง", f"{BOLD}{RED}{_size(16)}"),
        _cstyle("MemoTitle", "บันทึกข้อความ", f"{BOLD}{_size(29)}"),
        _cstyle("MemoLabel", "หัวข้อบันทึก", f"{BOLD}{_size(20)}"),
        # Paragraph styles of the letter, top to bottom.
        _pstyle("LetterGaruda", "ตราครุฑ", '<w:jc w:val="center"/>'),
        _pstyle("LetterNumber", "ที่", ""),
        _pstyle("LetterAddress", "ที่ตั้งส่วนราชการ", ""),
        _pstyle("LetterDate", "วัน เดือน ปี", f'<w:spacing w:before="120" w:after="0"/>'
                f'<w:ind w:left="{PAGE_CENTRE}"/>'),
        _pstyle("LetterSubject", "เรื่อง", _tabs(("left", SUBJECT_TAB)) + BEFORE_6PT
                + hanging(SUBJECT_TAB)),
        _pstyle("LetterSalutation", "คำขึ้นต้น", BEFORE_6PT),
        _pstyle("LetterReference", "อ้างถึง", _tabs(("left", REFERENCE_TAB)) + BEFORE_6PT
                + hanging(REFERENCE_TAB)),
        _pstyle("LetterReferenceList", "อ้างถึง (หลายรายการ)",
                _tabs(("left", REFERENCE_TAB), ("left", REFERENCE_TAB + NUMBER_WIDTH))
                + '<w:spacing w:before="0" w:after="0"/>' + hanging(REFERENCE_TAB + NUMBER_WIDTH)),
        _pstyle("LetterAttachment", "สิ่งที่ส่งมาด้วย",
                _tabs(("left", ATTACHMENT_TAB), ("right", TEXT_WIDTH)) + BEFORE_6PT
                + hanging(ATTACHMENT_TAB)),
        _pstyle("LetterAttachmentList", "สิ่งที่ส่งมาด้วย (หลายรายการ)",
                _tabs(("left", ATTACHMENT_TAB), ("left", ATTACHMENT_TAB + NUMBER_WIDTH),
                      ("right", TEXT_WIDTH))
                + '<w:spacing w:before="0" w:after="0"/>'
                + hanging(ATTACHMENT_TAB + NUMBER_WIDTH)),
        _pstyle("LetterBody", "เนื้อความ", BEFORE_6PT + f'<w:ind w:firstLine="{int(2.5 * CM)}"/>'
                '<w:jc w:val="thaiDistribute"/>'),
        _pstyle("LetterItem", "ข้อ", BEFORE_6PT + '<w:jc w:val="thaiDistribute"/>'),
        _pstyle("LetterItemText", "ข้อความใต้ข้อ", BEFORE_6PT
                + f'<w:ind w:firstLine="{int(3.25 * CM)}"/><w:jc w:val="thaiDistribute"/>'),
        _pstyle("LetterClosing", "ข้อความลงท้าย", '<w:keepNext/><w:keepLines/>' + BEFORE_6PT
                + f'<w:ind w:firstLine="{int(2.5 * CM)}"/>'),
        _pstyle("LetterClose", "คำลงท้าย", KEEP + '<w:spacing w:before="240" w:after="0"/>'
                f'<w:ind w:left="{PAGE_CENTRE}"/>'),
        _pstyle("LetterSignName", "ชื่อผู้ลงนาม", KEEP + '<w:spacing w:before="1200" w:after="0"/>'
                f'<w:ind w:left="{SIGN_INDENT}"/><w:jc w:val="center"/>'),
        _pstyle("LetterSignPosition", "ตำแหน่งผู้ลงนาม", KEEP
                + f'<w:ind w:left="{SIGN_INDENT}"/><w:jc w:val="center"/>'),
        _pstyle("LetterSignLast", "ตำแหน่งผู้ลงนาม (บรรทัดสุดท้าย)", "<w:keepLines/>"
                + f'<w:ind w:left="{SIGN_INDENT}"/><w:jc w:val="center"/>'),
        _pstyle("LetterCopyTo", "สำเนาส่ง", '<w:spacing w:before="240" w:after="0"/>'),
        _pstyle("LetterOwner", "ส่วนราชการเจ้าของเรื่อง", '<w:keepNext/>'
                '<w:spacing w:before="480" w:after="0"/>'),
        _pstyle("LetterOwnerLine", "ส่วนราชการเจ้าของเรื่อง (ต่อ)", "<w:keepNext/>"),
        _pstyle("LetterSlogan", "คำขวัญ", '<w:keepNext/><w:spacing w:before="240" w:after="0"/>'
                '<w:jc w:val="center"/>'),
        _pstyle("LetterSloganNext", "คำขวัญ (บรรทัดต่อไป)", '<w:keepNext/><w:jc w:val="center"/>'),
        _pstyle("MemoHeading", "หัวบันทึก", _tabs(("left", PAGE_CENTRE - 2 * CM, "dot"),
                                                   ("left", PAGE_CENTRE - 2 * CM + 60),
                                                   ("right", TEXT_WIDTH, "dot"))),
    ]
    defaults = (f"<w:docDefaults><w:rPrDefault><w:rPr>{base_rpr}</w:rPr></w:rPrDefault>"
                f'<w:pPrDefault><w:pPr>{WIDOWS}<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
                "</w:pPr></w:pPrDefault></w:docDefaults>")
    return (f'{XML_HEAD}<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"{defaults}{''.join(styles)}{''.join(extra)}</w:styles>")


def numbering_xml() -> str:
    """``numbering.xml``: the body's numbered items ``๑.``, ``๑.๑``, ``๑.๑.๑`` in Thai digits.

    Items sit where a body paragraph starts (2.5 cm), a space after the number, and wrapped lines
    go back to the margin, as the seed letters have them.
    """
    levels = []
    texts = ["%1.", "%1.%2", "%1.%2.%3", "(%4)", "%5)", "(%6)", "%7)", "(%8)", "%9)"]
    for ilvl, text in enumerate(texts):
        first = int((2.5 + 0.75 * min(ilvl, 2)) * CM)
        levels.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="thaiNumbers"/>'
            f'<w:suff w:val="space"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="{first}"/></w:pPr>'
            f"<w:rPr>{_rfonts()}</w:rPr></w:lvl>")
    return (f'{XML_HEAD}<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:abstractNum w:abstractNumId="0"><w:nsid w:val="5A1E7001"/>'
            '<w:multiLevelType w:val="multilevel"/><w:tmpl w:val="0C0E0001"/>'
            f"{''.join(levels)}</w:abstractNum>"
            f'<w:num w:numId="{BODY_LIST_NUM_ID}"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def settings_xml() -> str:
    return (f'{XML_HEAD}<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" '
            'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
            '<w:themeFontLang w:val="en-US" w:bidi="th-TH"/></w:settings>')


def font_table_xml() -> str:
    return (f'{XML_HEAD}<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f'<w:font w:name="{FONT}"><w:charset w:val="DE"/><w:family w:val="swiss"/>'
            '<w:pitch w:val="variable"/></w:font></w:fonts>')


# --- headers and footers ------------------------------------------------------------------------

SPACER = p(ppr='<w:spacing w:before="0" w:after="0" w:line="40" w:lineRule="exact"/>'
               '<w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr>')


def draft_mark() -> str:
    """The draft stamp: a block content control holding a red bold paragraph; issuing deletes the whole control."""
    from ..docx.marks import DRAFT_ALIAS, DRAFT_TAG, DRAFT_TEXT

    para = p(t(DRAFT_TEXT, "LetterDraftMark"), style="Header")
    return (f'<w:sdt><w:sdtPr><w:alias w:val="{DRAFT_ALIAS}"/><w:tag w:val="{DRAFT_TAG}"/></w:sdtPr>'
            f"<w:sdtContent>{para}</w:sdtContent></w:sdt>")


def secrecy_line() -> str:
    return tag("if secrecy") + p(t("{{ secrecy }}", "LetterSecrecy"), style="Header") + tag("endif")


def page_number() -> str:
    """``- ๒ -``: a PAGE field with Thai digits (``\\* ThaiArabic``) between dashes."""
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
             '<w:r><w:t>๒</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return p(t("- "), field, t(" -"), style="Header",
             ppr=f'<w:spacing w:before="0" w:after="{PAGE_NUMBER_AFTER}"/>')


def header_xml(first_page: bool) -> str:
    parts = [secrecy_line(), draft_mark()]
    if not first_page:
        parts.append(page_number())
    parts.append(SPACER)
    return f"{XML_HEAD}<w:hdr {NS}>{''.join(parts)}</w:hdr>"


def footer_xml() -> str:
    return f"{XML_HEAD}<w:ftr {NS}>{SPACER}{secrecy_line()}</w:ftr>"


# --- the letter's shared blocks -----------------------------------------------------------------

def number_control() -> str:
    from ..docx.marks import NUMBER_ALIAS, NUMBER_TAG

    return control(NUMBER_TAG, NUMBER_ALIAS, t("{{ number }}"))


def date_control(style: str | None = None) -> str:
    from ..docx.marks import DATE_ALIAS, DATE_TAG

    text = "{% if date %}{{ date }}{% else %}..... (วันที่ออกหนังสือ){% endif %}"
    return control(DATE_TAG, DATE_ALIAS, t(text, style))


REFERENCE = ("{{ ref.kind }}{{ ref.agency }}{% if ref.speed %} {{ ref.speed }}{% endif %} "
             "ที่ {{ ref.number }}{% if ref.date %} ลงวันที่ {{ ref.date }}{% endif %}")


def references_block() -> str:
    """อ้างถึง: one reference on the label's line, or a numbered list aligned under ``๑.``."""
    return "".join([
        tag("if references|length == 1"),
        tag("set ref = references[0]"),
        p(t("อ้างถึง"), tab(), t(REFERENCE), style="LetterReference"),
        tag("elif references"),
        tag("for ref in references"),
        p(t("{% if loop.first %}อ้างถึง{% endif %}"), tab(), t("{{ ref.label }}"), tab(),
          t(REFERENCE), style="LetterReferenceList"),
        tag("endfor"),
        tag("endif"),
    ])


#: ``จำนวน ๑ ชุด`` with no-break spaces (U+00A0): it never wraps.
QUANTITY = "จำนวน\u00a0{{ a.quantity }}{% if a.unit %}\u00a0{{ a.unit }}{% endif %}{% endif %}"


def attachments_block() -> str:
    """สิ่งที่ส่งมาด้วย: title, then the quantity at a right tab stop (``จำนวน ๑ ชุด``)."""
    quantity = "{% if a.quantity %}"
    return "".join([
        tag("if attachments|length == 1"),
        tag("set a = attachments[0]"),
        p(t("สิ่งที่ส่งมาด้วย"), tab(), t("{{ a.title }}"), t(quantity), tab(),
          t(QUANTITY), style="LetterAttachment"),
        tag("elif attachments"),
        tag("for a in attachments"),
        p(t("{% if loop.first %}สิ่งที่ส่งมาด้วย{% endif %}"), tab(), t("{{ a.label }}"), tab(),
          t("{{ a.title }}"), t(quantity), tab(),
          t(QUANTITY),
          style="LetterAttachmentList"),
        tag("endfor"),
        tag("endif"),
    ])


def _item(level: int) -> str:
    num = (f'<w:numPr><w:ilvl w:val="{level - 1}"/><w:numId w:val="{BODY_LIST_NUM_ID}"/></w:numPr>')
    return p(t("{{ block.text }}"), style="LetterItem", ppr=num)


def item_branches(opening: str) -> list[str]:
    """The branches of a list loop that print numbered items of levels 1–3 and paragraphs under
    an item, the first opened with ``opening`` (``if``, or ``elif`` after a branch of its own)."""
    return [
        tag(f"{opening} block.kind == 'item' and block.level == 1"),
        _item(1),
        tag("elif block.kind == 'item' and block.level == 2"),
        _item(2),
        tag("elif block.kind == 'item'"),
        _item(3),
        tag("else"),
        p(t("{{ block.text }}"), style="LetterItemText"),
        tag("endif"),
    ]


def body_block() -> str:
    """The body: paragraphs, numbered items (real Word numbering) and paragraphs under an item."""
    return "".join([
        tag("for block in body"),
        tag("if block.kind == 'paragraph'"),
        p(t("{{ block.text }}"), style="LetterBody"),
        *item_branches("elif"),
        tag("endfor"),
    ])


def closing_block() -> str:
    return p(t("จึง{{ salutation }}มา{{ closing }}"), style="LetterClosing")


def signature_block(with_close: bool) -> str:
    parts = []
    if with_close:
        parts.append(p(t("{{ close }}"), style="LetterClose"))
    parts += [
        p(t("({{ signer.name }})"), style="LetterSignName"),
        tag("if signer.principal"),
        p(t("{{ signer.position }}{% if signer.acting %} {{ signer.acting }}{% endif %}"),
          style="LetterSignPosition"),
        p(t("{{ signer.principal }}"), style="LetterSignLast"),
        tag("else"),
        p(t("{{ signer.position }}{% if signer.acting %} {{ signer.acting }}{% endif %}"),
          style="LetterSignLast"),
        tag("endif"),
    ]
    return "".join(parts)


def copy_to_block() -> str:
    return "".join([
        tag("if copy_to"),
        p(t("สำเนาส่ง"), style="LetterCopyTo"),
        tag("for line in copy_to"),
        p(t("{{ line }}"), style="LetterOwnerLine"),
        tag("endfor"),
        tag("endif"),
    ])


def owner_block() -> str:
    """The owner unit at the foot: parent line, unit, phone/fax, e-mail (§2 item 14)."""
    return "".join([
        tag("if unit.parent"),
        p(t("{{ unit.parent }}"), style="LetterOwner"),
        p(t("{{ unit.name }}"), style="LetterOwnerLine"),
        tag("else"),
        p(t("{{ unit.name }}"), style="LetterOwner"),
        tag("endif"),
        tag("for line in phone_lines"),
        p(t("{{ line }}"), style="LetterOwnerLine"),
        tag("endfor"),
        tag("if email"),
        p(t("ไปรษณีย์อิเล็กทรอนิกส์ {{ email }}"), style="LetterOwnerLine"),
        tag("endif"),
    ])


def slogan_block() -> str:
    """The office's slogan, one paragraph per line, centred."""
    return "".join([
        tag("for line in slogan_lines"),
        tag("if loop.first"),
        p(t("{{ line }}"), style="LetterSlogan"),
        tag("else"),
        p(t("{{ line }}"), style="LetterSloganNext"),
        tag("endif"),
        tag("endfor"),
    ])


#: The page's top margin is 1.5 cm, so that the Garuda's top stands 1.5 cm from the top edge
#: (§2.2); from page 2 the page number in the header pushes the text down to 2.5 cm
#: (:data:`PAGE_NUMBER_AFTER`), the text's top margin of §3.
TOP_MARGIN = int(1.5 * CM)
HEADER_DISTANCE = 709  # 1.25 cm: where the page number stands
#: Space after the page number: 1.25 cm + one 16 pt line (21.3 pt, 426 twips)
#: + the 2 pt spacer + this = 2.5 cm.
PAGE_NUMBER_AFTER = int(2.5 * CM) - HEADER_DISTANCE - 426 - 40


def section(first_header: str = "rIdHeaderFirst") -> str:
    """A4, margins left 3, right 2, bottom 2 cm, top 1.5 cm on page 1 (the Garuda's top) and
    2.5 cm from page 2 (below the page number); a different first page (no number)."""
    return ('<w:sectPr>'
            f'<w:headerReference w:type="default" r:id="rIdHeaderDefault"/>'
            f'<w:headerReference w:type="first" r:id="{first_header}"/>'
            '<w:footerReference w:type="default" r:id="rIdFooterDefault"/>'
            '<w:footerReference w:type="first" r:id="rIdFooterFirst"/>'
            '<w:pgSz w:w="11906" w:h="16838"/>'
            f'<w:pgMar w:top="{TOP_MARGIN}" w:right="{2 * CM}" w:bottom="{2 * CM}" '
            f'w:left="{3 * CM}" w:header="{HEADER_DISTANCE}" w:footer="567" w:gutter="0"/>'
            '<w:pgNumType w:fmt="thaiNumbers"/><w:titlePg/>'
            '<w:docGrid w:linePitch="435"/></w:sectPr>')


# --- the two documents --------------------------------------------------------------------------

def external_document() -> str:
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
    body = "".join([
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
    ])
    return f"{XML_HEAD}<w:document {NS}><w:body>{body}</w:body></w:document>"


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
               hang: int) -> str:
    return _pstyle(style_id, name, _tabs(*stops, ("right", TEXT_WIDTH, "dot"))
                   + f'<w:spacing w:before="0" w:after="0"/><w:ind w:left="{hang}" '
                   f'w:hanging="{hang}"/>')


#: The memo's own styles (its template's only; ``styles_xml`` keeps the letters').
MEMO_STYLES = (
    _memo_line("MemoDepartment", "ส่วนราชการ", ("left", MEMO_DEPARTMENT_TAB),
               hang=MEMO_DEPARTMENT_TAB),
    _memo_line("MemoNumberDate", "ที่และวันที่", ("left", MEMO_NUMBER_TAB),
               ("left", MEMO_DATE_LABEL, "dot"), ("left", MEMO_DATE_TAB),
               hang=MEMO_NUMBER_TAB),
    _memo_line("MemoSubject", "เรื่อง (บันทึก)", ("left", MEMO_SUBJECT_TAB), hang=MEMO_SUBJECT_TAB),
)


def memo_document() -> str:
    """บันทึกข้อความ: Garuda 1.5 cm top left, the title (bold 29 pt) centred beside it, then the
    header lines (:data:`MEMO_STYLES`), ``เรียน``, the body and the signature without a close.

    ``ส่วนราชการ`` is the office and the owner unit with its phone (``โทร.`` and the number
    joined by no-break spaces, so they never split: :func:`generator.kinds.letters.memo_context`); ``ที่`` the number of
    the letter series with the owner unit's code (:mod:`generator.kinds`)."""
    col = [int(3 * CM), TEXT_WIDTH - 2 * int(3 * CM), int(3 * CM)]
    heading = table(
        col,
        row(cell(col[0], p(t("{{ garuda(1.5) }}"), style="LetterNumber"), valign="bottom"),
            cell(col[1], p(t("บันทึกข้อความ", "MemoTitle"), style="LetterGaruda"), valign="bottom"),
            cell(col[2], p(t("{{ speed }}", "LetterSpeed"), style="LetterAddress"), valign="bottom")),
    )
    body = "".join([
        heading,
        p(t("ส่วนราชการ", "MemoLabel"), tab(),
          t("{{ office_name }} {{ unit.name }}{% if unit.phone %} โทร.\u00a0{{ unit.phone }}{% endif %}"),
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
    ])
    return f"{XML_HEAD}<w:document {NS}><w:body>{body}</w:body></w:document>"


# --- the package --------------------------------------------------------------------------------

CONTENT_TYPES = (
    f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    '<Default Extension="jpeg" ContentType="image/jpeg"/>'
    '<Default Extension="jpg" ContentType="image/jpeg"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.fontTable+xml"/>'
    + "".join(f'<Override PartName="/word/{name}.xml" ContentType="application/vnd.openxmlformats-'
              f'officedocument.wordprocessingml.{kind}+xml"/>'
              for name, kind in (("header1", "header"), ("header2", "header"),
                                 ("footer1", "footer"), ("footer2", "footer")))
    + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
    'package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.extended-properties+xml"/></Types>')

PACKAGE_RELS = (
    f'{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
    'metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/extended-properties" Target="docProps/app.xml"/></Relationships>')

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DOCUMENT_RELS = (
    f'{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rIdStyles" Type="{_REL}styles" Target="styles.xml"/>'
    f'<Relationship Id="rIdSettings" Type="{_REL}settings" Target="settings.xml"/>'
    f'<Relationship Id="rIdNumbering" Type="{_REL}numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rIdFontTable" Type="{_REL}fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rIdHeaderDefault" Type="{_REL}header" Target="header1.xml"/>'
    f'<Relationship Id="rIdHeaderFirst" Type="{_REL}header" Target="header2.xml"/>'
    f'<Relationship Id="rIdFooterDefault" Type="{_REL}footer" Target="footer1.xml"/>'
    f'<Relationship Id="rIdFooterFirst" Type="{_REL}footer" Target="footer2.xml"/>'
    "</Relationships>")


def core_xml(title: str) -> str:
    return (f'{XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/'
            f'XMLSchema-instance"><dc:title>{escape(title)}</dc:title><dc:creator>gen-letter</dc:creator>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>'
            "</cp:coreProperties>")


APP_XML = (f'{XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           'extended-properties"><Application>gen-letter</Application></Properties>')


def build_package(document: str, title: str, extra_styles: tuple[str, ...] = ()) -> bytes:
    """The DOCX package of one template, with fixed timestamps so rebuilding is reproducible."""
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "docProps/core.xml": core_xml(title),
        "docProps/app.xml": APP_XML,
        "word/document.xml": document,
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": styles_xml(extra_styles),
        "word/settings.xml": settings_xml(),
        "word/numbering.xml": numbering_xml(),
        "word/fontTable.xml": font_table_xml(),
        "word/header1.xml": header_xml(first_page=False),
        "word/header2.xml": header_xml(first_page=True),
        "word/footer1.xml": footer_xml(),
        "word/footer2.xml": footer_xml(),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def write_templates(folder: Path, packages: dict[str, bytes]) -> list[Path]:
    """Write template packages (file name → DOCX bytes) into ``folder``; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, blob in packages.items():
        (folder / name).write_bytes(blob)
        written.append(folder / name)
    return written


def run_builder(build) -> None:
    """``python -m …``: build into the folder given, else the stock templates folder."""
    from ..paths import stock_templates_dir

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else stock_templates_dir()
    for written_path in build(target):
        print(written_path)


def build(folder: Path) -> list[Path]:
    """Write ``external.docx``, ``memo.docx`` and the templates of the other kinds
    (:mod:`generator.render.stock_kinds`) into ``folder``; returns the paths written."""
    from .stock_kinds import packages

    return write_templates(folder, {
        "external.docx": build_package(external_document(), "หนังสือภายนอก"),
        "memo.docx": build_package(memo_document(), "บันทึกข้อความ", MEMO_STYLES), **packages()})


if __name__ == "__main__":  # pragma: no cover
    run_builder(build)


def placeholder_garuda_png(width: int = 200, height: int = 220) -> bytes:
    """A plain PNG that stands where the Garuda goes until an office puts its own image.

    A grey frame with a cross through it: clearly not the emblem. Written with zlib because no
    imaging library is a dependency of the project.

    >>> placeholder_garuda_png()[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    """
    import struct
    import zlib

    rows = []
    for y in range(height):
        row = bytearray([0])  # filter type 0
        for x in range(width):
            edge = x < 6 or y < 6 or x >= width - 6 or y >= height - 6
            diagonal = abs(x * height - y * width) < 3 * width or \
                abs((width - 1 - x) * height - y * width) < 3 * width
            row += bytes((120, 120, 120)) if edge or diagonal else bytes((236, 236, 236))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))
