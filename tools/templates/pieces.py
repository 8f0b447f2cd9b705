"""The pieces every stock template is built from: runs, paragraphs, tables, styles, the shared
parts (styles, numbering, settings, fonts, headers and footers), the letter's shared blocks and
the package.

Each builder returns lxml elements (or a list of them, for a block of paragraphs), made with
:func:`generator.docx.build.el`; a part's root is serialised with
:func:`generator.docx.build.xml_bytes` and the package written with
:func:`generator.docx.build.write_docx`. An element has one parent, so the properties used in
many places (:func:`bold`, :func:`keep` …) are functions that make them afresh.

The templates are written as WordprocessingML rather than through python-docx because nearly
everything they need is outside python-docx's API: complex-script font properties in the document
defaults, Thai-digit list numbering (``w:numFmt w:val="thaiNumbers"``), content controls, a PAGE
field with Thai digits, a different first-page header, tab stops with leaders. The package holds
no theme part, so no theme font attribute can override TH Sarabun New (§9).

Layout (thai-correspondence.md §2, §3; the measures in :mod:`generator.docx.geometry`): A4;
margins left 3, right 2, top 2.5 cm (1.5 cm on page 1, the Garuda), bottom 2 cm; TH Sarabun New
16 pt; body paragraphs with a 2.5 cm first-line indent, 6 pt before, Thai distributed
justification; the date, the complimentary close and the signature block from the page centre;
page numbers ``- ๒ -`` top centre from page 2.

Keeping lines together (thai-correspondence.md §3 "keep together"): widow and orphan control
is on for every paragraph; the closing sentence, the close and the signer's lines keep with the
next, and the renderer gives the body's last paragraph ``keepNext`` too
(:func:`generator.docx.layout.keep_body_with_close`), so the close stands under two body lines
at least. The owner unit's lines and the slogan's lines keep with the next, so the foot block
and the slogan move as one and no slogan line is left alone on a page; they do not keep with
the signature (LibreOffice 7.4 does not move a chain that long whole, and left the closing
sentence behind the close when it was one). Latin text is marked English (``w:lang w:val``)
and Thai text Thai (``w:bidi``): marked Thai, a Latin word was cut anywhere (``(MO`` / ``U)``).
The quantity of an attachment (``จำนวน ๑ ชุด``) is joined by no-break spaces and stands at a
right tab; when it does not fit after the title, the title ends with a line break and the
quantity stands at the tab on the next line (:func:`generator.render.context.attachment_title`).

Values come from Jinja tags in the docxtpl dialect (``{{ … }}``, ``{%p … %}`` for a tag that
stands for a whole paragraph, ``{%tr … %}`` for a table row), text of ``w:t`` elements like any
other; all wording is in the template.
"""

from __future__ import annotations

from typing import Sequence

from lxml import etree

from generator.docx.build import (Child, app_properties, content_types, core_properties, el,
                                  relationships, write_docx, xml_bytes)
from generator.docx.geometry import (ATTACHMENT_TAB, BODY_LIST_NUM_ID, CM, FONT, HEADER_DISTANCE,
                                     NUMBER_WIDTH, PAGE_CENTRE, PAGE_NUMBER_AFTER, REFERENCE_TAB,
                                     SIGN_INDENT, SUBJECT_TAB, TEXT_WIDTH, TOP_MARGIN)
from generator.docx.marks import (DATE_ALIAS, DATE_TAG, DRAFT_ALIAS, DRAFT_TAG, DRAFT_TEXT,
                                  NUMBER_ALIAS, NUMBER_TAG)

#: The prefixes a document, header or footer part declares on its root.
BODY_PREFIXES = ("w", "r", "wp", "a", "pic")

Props = Sequence[Child]


# --- runs, paragraphs, tables -------------------------------------------------------------------

def t(text: str, style: str | None = None) -> etree._Element:
    """One run of text (Jinja tags allowed), optionally with a character style.

    >>> from generator.docx.build import fragment
    >>> fragment(t("R&D {{ x }}")).endswith('>R&amp;D {{ x }}</w:t></w:r>')
    True
    """
    return el("w:r", el("w:rPr", el("w:rStyle", val=style)) if style else None,
              el("w:t", text, attrs={"xml:space": "preserve"}))


def tab(style: str | None = None) -> etree._Element:
    """A run holding a tab."""
    return el("w:r", el("w:rPr", el("w:rStyle", val=style)) if style else None, el("w:tab"))


def p(*runs: Child, style: str | None = None, ppr: Props = ()) -> etree._Element:
    """A paragraph; ``ppr`` is extra paragraph properties after the style (in schema order)."""
    pstyle = el("w:pStyle", val=style) if style else None
    props = el("w:pPr", pstyle, *ppr) if (style or ppr) else None
    return el("w:p", props, *runs)


def tag(jinja: str) -> etree._Element:
    """A paragraph holding only a ``{%p … %}`` tag: it is replaced by the tag when rendering."""
    return p(t("{%p " + jinja + " %}"))


def control(tag_name: str, alias: str, *runs: Child) -> etree._Element:
    """An inline plain-text content control around runs (the draft's number and date)."""
    return el("w:sdt", el("w:sdtPr", el("w:alias", val=alias), el("w:tag", val=tag_name),
                          el("w:text")),
              el("w:sdtContent", *runs))


def cell(width: int, *paragraphs: Child, valign: str = "bottom", span: int = 1) -> etree._Element:
    """A table cell ``width`` twips wide, its content aligned to ``valign``."""
    return el("w:tc", el("w:tcPr", el("w:tcW", w=width, type="dxa"),
                         el("w:gridSpan", val=span) if span > 1 else None,
                         el("w:vAlign", val=valign)),
              *paragraphs)


def table(widths: list[int], *rows: Child) -> etree._Element:
    """A borderless, fixed-layout table as wide as the text (the Garuda line)."""
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    return el("w:tbl",
              el("w:tblPr",
                 el("w:tblW", w=sum(widths), type="dxa"),
                 el("w:tblBorders", [el(f"w:{side}", val="nil") for side in sides]),
                 el("w:tblLayout", type="fixed"),
                 el("w:tblCellMar", el("w:left", w=0, type="dxa"), el("w:right", w=0, type="dxa")),
                 el("w:tblLook", val="0000", firstRow=0, lastRow=0, firstColumn=0, lastColumn=0,
                    noHBand=1, noVBand=1)),
              el("w:tblGrid", [el("w:gridCol", w=width) for width in widths]),
              *rows)


def row(*cells: Child) -> etree._Element:
    """A table row that is never split across pages."""
    return el("w:tr", el("w:trPr", el("w:cantSplit")), *cells)


# --- properties ---------------------------------------------------------------------------------

def rfonts() -> etree._Element:
    """TH Sarabun New for every script."""
    return el("w:rFonts", ascii=FONT, hAnsi=FONT, eastAsia=FONT, cs=FONT)


def size(points: float) -> list[etree._Element]:
    """The font size for Latin and complex script."""
    half = int(points * 2)
    return [el("w:sz", val=half), el("w:szCs", val=half)]


def lang() -> etree._Element:
    """Thai text is complex script, so its language is ``w:bidi``; Latin text is English
    (``w:val``): marked Thai, LibreOffice cuts a Latin word anywhere (``(MO`` / ``U)``)."""
    return el("w:lang", val="en-US", eastAsia="en-US", bidi="th-TH")


def lang_th() -> etree._Element:
    """Every script Thai: the page-number header (see :func:`styles_part`)."""
    return el("w:lang", val="th-TH", eastAsia="en-US", bidi="th-TH")


def red() -> etree._Element:
    return el("w:color", val="FF0000")


def bold() -> list[etree._Element]:
    """Bold for Latin and Thai: Word turns Thai text bold only with ``w:bCs``."""
    return [el("w:b"), el("w:bCs")]


def spacing(before: int, after: int = 0) -> etree._Element:
    """Space before and after a paragraph, in twips."""
    return el("w:spacing", before=before, after=after)


def before_6pt() -> etree._Element:
    return spacing(120)


def keep() -> list[etree._Element]:
    """Keep with the next paragraph, and the paragraph's lines together."""
    return [el("w:keepNext"), el("w:keepLines")]


def widows() -> etree._Element:
    """Widow and orphan control (Word's default for new documents, written out so LibreOffice
    does the same): a paragraph leaves at least two lines on each page it spans."""
    return el("w:widowControl")


def jc(value: str) -> etree._Element:
    """The paragraph's alignment (``center``, ``right``, ``thaiDistribute``)."""
    return el("w:jc", val=value)


def ind(**values: int) -> etree._Element:
    """Indents in twips: ``left``, ``right``, ``hanging``, ``firstLine``."""
    return el("w:ind", **values)


def hanging(left: int) -> etree._Element:
    """Wrapped lines hang at ``left``, the first line at the margin."""
    return ind(left=left, hanging=left)


def tabs(*stops: tuple[str, int] | tuple[str, int, str]) -> etree._Element:
    """Tab stops: (alignment, position) or (alignment, position, leader)."""
    return el("w:tabs", [el("w:tab", val=stop[0], leader=stop[2] if len(stop) > 2 else None,
                            pos=stop[1]) for stop in stops])


# --- styles -------------------------------------------------------------------------------------

def pstyle(style_id: str, name: str, ppr: Props = (), rpr: Props = (), based_on: str = "Normal",
           next_style: str | None = None) -> etree._Element:
    """A custom paragraph style, in the style gallery."""
    return el("w:style",
              el("w:name", val=name),
              el("w:basedOn", val=based_on) if based_on else None,
              el("w:next", val=next_style) if next_style else None,
              el("w:qFormat"),
              el("w:pPr", *ppr) if ppr else None,
              el("w:rPr", *rpr) if rpr else None,
              type="paragraph", customStyle="1", styleId=style_id)


def cstyle(style_id: str, name: str, rpr: Props) -> etree._Element:
    """A custom character style, in the style gallery."""
    return el("w:style", el("w:name", val=name), el("w:basedOn", val="DefaultParagraphFont"),
              el("w:qFormat"), el("w:rPr", *rpr),
              type="character", customStyle="1", styleId=style_id)


def _builtin(kind: str, style_id: str, name: str, *children: Child,
             priority: int | None = None) -> etree._Element:
    """One of the default styles Word expects (hidden from the gallery)."""
    hidden = [el("w:uiPriority", val=priority), el("w:semiHidden"), el("w:unhideWhenUsed")]
    return el("w:style", el("w:name", val=name), hidden if priority else None, *children,
              type=kind, default="1", styleId=style_id)


def _line_spacing() -> etree._Element:
    return el("w:spacing", after=0, line=240, lineRule="auto")


def _base_rpr() -> list[etree._Element]:
    return [rfonts(), *size(16), lang()]


def styles_part(extra: Sequence[etree._Element] = ()) -> etree._Element:
    """``styles.xml``: TH Sarabun New 16 pt set for Latin and complex script, and the letter
    styles; ``extra``: the styles of one kind's template."""
    styles = [
        # Normal and the defaults Word expects.
        el("w:style", el("w:name", val="Normal"), el("w:qFormat"),
           el("w:pPr", widows(), _line_spacing()), el("w:rPr", _base_rpr()),
           type="paragraph", default="1", styleId="Normal"),
        _builtin("character", "DefaultParagraphFont", "Default Paragraph Font", priority=1),
        _builtin("table", "TableNormal", "Normal Table",
                 el("w:tblPr", el("w:tblInd", w=0, type="dxa"),
                    el("w:tblCellMar", el("w:top", w=0, type="dxa"),
                       el("w:left", w=108, type="dxa"), el("w:bottom", w=0, type="dxa"),
                       el("w:right", w=108, type="dxa"))),
                 priority=99),
        _builtin("numbering", "NoList", "No List", priority=99),
        # The header's text, the page number too, is Thai also for Latin characters and
        # digits: LibreOffice draws a page number in its field's (Latin) language's digits.
        pstyle("Header", "header", [jc("center")], [lang_th()]),
        pstyle("Footer", "footer", [jc("center")]),
        # Character styles: Word turns Thai text bold only with w:bCs, which a style carries.
        cstyle("LetterBold", "ตัวหนา (ไทย)", bold()),
        cstyle("LetterSpeed", "ชั้นความเร็ว", [*bold(), red(), *size(32)]),
        cstyle("LetterSecrecy", "ชั้นความลับ", [*bold(), red(), *size(20)]),
        cstyle("LetterDraftMark", "เครื่องหมายร่าง", [*bold(), red(), *size(16)]),
        cstyle("MemoTitle", "บันทึกข้อความ", [*bold(), *size(29)]),
        cstyle("MemoLabel", "หัวข้อบันทึก", [*bold(), *size(20)]),
        # Paragraph styles of the letter, top to bottom.
        pstyle("LetterGaruda", "ตราครุฑ", [jc("center")]),
        pstyle("LetterNumber", "ที่"),
        pstyle("LetterAddress", "ที่ตั้งส่วนราชการ"),
        pstyle("LetterDate", "วัน เดือน ปี", [before_6pt(), ind(left=PAGE_CENTRE)]),
        pstyle("LetterSubject", "เรื่อง", [tabs(("left", SUBJECT_TAB)), before_6pt(),
                                           hanging(SUBJECT_TAB)]),
        pstyle("LetterSalutation", "คำขึ้นต้น", [before_6pt()]),
        pstyle("LetterReference", "อ้างถึง", [tabs(("left", REFERENCE_TAB)), before_6pt(),
                                              hanging(REFERENCE_TAB)]),
        pstyle("LetterReferenceList", "อ้างถึง (หลายรายการ)",
               [tabs(("left", REFERENCE_TAB), ("left", REFERENCE_TAB + NUMBER_WIDTH)),
                spacing(0), hanging(REFERENCE_TAB + NUMBER_WIDTH)]),
        pstyle("LetterAttachment", "สิ่งที่ส่งมาด้วย",
               [tabs(("left", ATTACHMENT_TAB), ("right", TEXT_WIDTH)), before_6pt(),
                hanging(ATTACHMENT_TAB)]),
        pstyle("LetterAttachmentList", "สิ่งที่ส่งมาด้วย (หลายรายการ)",
               [tabs(("left", ATTACHMENT_TAB), ("left", ATTACHMENT_TAB + NUMBER_WIDTH),
                     ("right", TEXT_WIDTH)),
                spacing(0), hanging(ATTACHMENT_TAB + NUMBER_WIDTH)]),
        pstyle("LetterBody", "เนื้อความ", [before_6pt(), ind(firstLine=int(2.5 * CM)),
                                            jc("thaiDistribute")]),
        pstyle("LetterItem", "ข้อ", [before_6pt(), jc("thaiDistribute")]),
        pstyle("LetterItemText", "ข้อความใต้ข้อ", [before_6pt(), ind(firstLine=int(3.25 * CM)),
                                                    jc("thaiDistribute")]),
        pstyle("LetterClosing", "ข้อความลงท้าย", [*keep(), before_6pt(),
                                                  ind(firstLine=int(2.5 * CM))]),
        pstyle("LetterClose", "คำลงท้าย", [*keep(), spacing(240), ind(left=PAGE_CENTRE)]),
        pstyle("LetterSignName", "ชื่อผู้ลงนาม", [*keep(), spacing(1200), ind(left=SIGN_INDENT),
                                                  jc("center")]),
        pstyle("LetterSignPosition", "ตำแหน่งผู้ลงนาม", [*keep(), ind(left=SIGN_INDENT),
                                                          jc("center")]),
        pstyle("LetterSignLast", "ตำแหน่งผู้ลงนาม (บรรทัดสุดท้าย)",
               [el("w:keepLines"), ind(left=SIGN_INDENT), jc("center")]),
        pstyle("LetterCopyTo", "สำเนาส่ง", [spacing(240)]),
        pstyle("LetterOwner", "ส่วนราชการเจ้าของเรื่อง", [el("w:keepNext"), spacing(480)]),
        pstyle("LetterOwnerLine", "ส่วนราชการเจ้าของเรื่อง (ต่อ)", [el("w:keepNext")]),
        pstyle("LetterSlogan", "คำขวัญ", [el("w:keepNext"), spacing(240), jc("center")]),
        pstyle("LetterSloganNext", "คำขวัญ (บรรทัดต่อไป)", [el("w:keepNext"), jc("center")]),
        pstyle("MemoHeading", "หัวบันทึก", [tabs(("left", PAGE_CENTRE - 2 * CM, "dot"),
                                                  ("left", PAGE_CENTRE - 2 * CM + 60),
                                                  ("right", TEXT_WIDTH, "dot"))]),
    ]
    defaults = el("w:docDefaults",
                  el("w:rPrDefault", el("w:rPr", _base_rpr())),
                  el("w:pPrDefault", el("w:pPr", widows(), _line_spacing())))
    return el("w:styles", defaults, styles, list(extra))


def numbering_part() -> etree._Element:
    """``numbering.xml``: the body's numbered items ``๑.``, ``๑.๑``, ``๑.๑.๑`` in Thai digits.

    Items sit where a body paragraph starts (2.5 cm), a space after the number, and wrapped lines
    go back to the margin, as the seed letters have them.
    """
    texts = ["%1.", "%1.%2", "%1.%2.%3", "(%4)", "%5)", "(%6)", "%7)", "(%8)", "%9)"]
    levels = [el("w:lvl", el("w:start", val=1), el("w:numFmt", val="thaiNumbers"),
                 el("w:suff", val="space"), el("w:lvlText", val=text), el("w:lvlJc", val="left"),
                 el("w:pPr", ind(left=0, firstLine=int((2.5 + 0.75 * min(ilvl, 2)) * CM))),
                 el("w:rPr", rfonts()),
                 ilvl=ilvl)
              for ilvl, text in enumerate(texts)]
    return el("w:numbering",
              el("w:abstractNum", el("w:nsid", val="5A1E7001"),
                 el("w:multiLevelType", val="multilevel"), el("w:tmpl", val="0C0E0001"),
                 levels, abstractNumId=0),
              el("w:num", el("w:abstractNumId", val=0), numId=BODY_LIST_NUM_ID))


def settings_part() -> etree._Element:
    """``settings.xml``: Word 2013 compatibility, Thai as the complex-script theme language."""
    return el("w:settings",
              el("w:defaultTabStop", val=720),
              el("w:characterSpacingControl", val="doNotCompress"),
              el("w:compat", el("w:compatSetting",  # attrs: "name" is el()'s own argument
                                attrs={"w:name": "compatibilityMode",
                                       "w:uri": "http://schemas.microsoft.com/office/word",
                                       "w:val": 15})),
              el("w:themeFontLang", val="en-US", bidi="th-TH"))


def font_table_part() -> etree._Element:
    """``fontTable.xml``: TH Sarabun New, a Thai (``DE``) proportional sans font."""
    return el("w:fonts", el("w:font", el("w:charset", val="DE"), el("w:family", val="swiss"),
                            el("w:pitch", val="variable"), attrs={"w:name": FONT}))


# --- headers and footers ------------------------------------------------------------------------

def spacer() -> etree._Element:
    """A 2 pt empty paragraph: a header or footer ends with one so it takes almost no room."""
    return p(ppr=[el("w:spacing", before=0, after=0, line=40, lineRule="exact"),
                  el("w:rPr", el("w:sz", val=4), el("w:szCs", val=4))])


def draft_mark() -> etree._Element:
    """The draft stamp: a block content control holding a red bold paragraph; issuing deletes
    the whole control."""
    para = p(t(DRAFT_TEXT, "LetterDraftMark"), style="Header")
    return el("w:sdt", el("w:sdtPr", el("w:alias", val=DRAFT_ALIAS), el("w:tag", val=DRAFT_TAG)),
              el("w:sdtContent", para))


def secrecy_line() -> list[etree._Element]:
    """The secrecy class, red, in the header and the footer of every page."""
    return [tag("if secrecy"), p(t("{{ secrecy }}", "LetterSecrecy"), style="Header"),
            tag("endif")]


def page_number() -> etree._Element:
    """``- ๒ -``: a PAGE field with Thai digits (the page numbers' format) between dashes."""
    field = [el("w:r", el("w:fldChar", fldCharType="begin")),
             el("w:r", el("w:instrText", " PAGE ", attrs={"xml:space": "preserve"})),
             el("w:r", el("w:fldChar", fldCharType="separate")),
             el("w:r", el("w:t", "๒")),
             el("w:r", el("w:fldChar", fldCharType="end"))]
    return p(t("- "), field, t(" -"), style="Header",
             ppr=[el("w:spacing", before=0, after=PAGE_NUMBER_AFTER)])


def header_part(first_page: bool) -> etree._Element:
    """A letter's header: the secrecy class, the draft mark and, from page 2, the page number."""
    return el("w:hdr", secrecy_line(), draft_mark(), None if first_page else page_number(),
              spacer(), nsmap=BODY_PREFIXES)


def footer_part() -> etree._Element:
    """A letter's footer: the secrecy class."""
    return el("w:ftr", spacer(), secrecy_line(), nsmap=BODY_PREFIXES)


def document_part(*body: Child) -> etree._Element:
    """``document.xml`` holding ``body`` (paragraphs, tables, the section last)."""
    return el("w:document", el("w:body", *body), nsmap=BODY_PREFIXES)


# --- the letter's shared blocks -----------------------------------------------------------------

def number_control() -> etree._Element:
    """The letter's number, in the content control issuing stamps."""
    return control(NUMBER_TAG, NUMBER_ALIAS, t("{{ number }}"))


def date_control(style: str | None = None) -> etree._Element:
    """The letter's date, in the content control issuing stamps."""
    text = "{% if date %}{{ date }}{% else %}..... (วันที่ออกหนังสือ){% endif %}"
    return control(DATE_TAG, DATE_ALIAS, t(text, style))


REFERENCE = ("{{ ref.kind }}{{ ref.agency }}{% if ref.speed %} {{ ref.speed }}{% endif %} "
             "ที่ {{ ref.number }}{% if ref.date %} ลงวันที่ {{ ref.date }}{% endif %}")


def references_block() -> list[etree._Element]:
    """อ้างถึง: one reference on the label's line, or a numbered list aligned under ``๑.``."""
    return [
        tag("if references|length == 1"),
        tag("set ref = references[0]"),
        p(t("อ้างถึง"), tab(), t(REFERENCE), style="LetterReference"),
        tag("elif references"),
        tag("for ref in references"),
        p(t("{% if loop.first %}อ้างถึง{% endif %}"), tab(), t("{{ ref.label }}"), tab(),
          t(REFERENCE), style="LetterReferenceList"),
        tag("endfor"),
        tag("endif"),
    ]


#: ``จำนวน ๑ ชุด`` with no-break spaces (U+00A0): it never wraps.
QUANTITY = "จำนวน\u00a0{{ a.quantity }}{% if a.unit %}\u00a0{{ a.unit }}{% endif %}{% endif %}"


def attachments_block() -> list[etree._Element]:
    """สิ่งที่ส่งมาด้วย: title, then the quantity at a right tab stop (``จำนวน ๑ ชุด``)."""
    quantity = "{% if a.quantity %}"
    return [
        tag("if attachments|length == 1"),
        tag("set a = attachments[0]"),
        p(t("สิ่งที่ส่งมาด้วย"), tab(), t("{{ a.title }}"), t(quantity), tab(),
          t(QUANTITY), style="LetterAttachment"),
        tag("elif attachments"),
        tag("for a in attachments"),
        p(t("{% if loop.first %}สิ่งที่ส่งมาด้วย{% endif %}"), tab(), t("{{ a.label }}"), tab(),
          t("{{ a.title }}"), t(quantity), tab(), t(QUANTITY), style="LetterAttachmentList"),
        tag("endfor"),
        tag("endif"),
    ]


def _item(level: int) -> etree._Element:
    num = el("w:numPr", el("w:ilvl", val=level - 1), el("w:numId", val=BODY_LIST_NUM_ID))
    return p(t("{{ block.text }}"), style="LetterItem", ppr=[num])


def item_branches(opening: str) -> list[etree._Element]:
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


def body_block() -> list[etree._Element]:
    """The body: paragraphs, numbered items (real Word numbering) and paragraphs under an item."""
    return [
        tag("for block in body"),
        tag("if block.kind == 'paragraph'"),
        p(t("{{ block.text }}"), style="LetterBody"),
        *item_branches("elif"),
        tag("endfor"),
    ]


def closing_block() -> etree._Element:
    """จึงเรียนมาเพื่อโปรดทราบ: the closing sentence."""
    return p(t("จึง{{ salutation }}มา{{ closing }}"), style="LetterClosing")


def signature_block(with_close: bool) -> list[etree._Element]:
    """The close (``with_close``), the signer's name in brackets, position and principal."""
    position = "{{ signer.position }}{% if signer.acting %} {{ signer.acting }}{% endif %}"
    return [
        p(t("{{ close }}"), style="LetterClose") if with_close else None,
        p(t("({{ signer.name }})"), style="LetterSignName"),
        tag("if signer.principal"),
        p(t(position), style="LetterSignPosition"),
        p(t("{{ signer.principal }}"), style="LetterSignLast"),
        tag("else"),
        p(t(position), style="LetterSignLast"),
        tag("endif"),
    ]


def copy_to_block() -> list[etree._Element]:
    """สำเนาส่ง and its lines."""
    return [
        tag("if copy_to"),
        p(t("สำเนาส่ง"), style="LetterCopyTo"),
        tag("for line in copy_to"),
        p(t("{{ line }}"), style="LetterOwnerLine"),
        tag("endfor"),
        tag("endif"),
    ]


def owner_block() -> list[etree._Element]:
    """The owner unit at the foot: parent line, unit, phone/fax, e-mail (§2 item 14)."""
    return [
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
    ]


def slogan_block() -> list[etree._Element]:
    """The office's slogan, one paragraph per line, centred."""
    return [
        tag("for line in slogan_lines"),
        tag("if loop.first"),
        p(t("{{ line }}"), style="LetterSlogan"),
        tag("else"),
        p(t("{{ line }}"), style="LetterSloganNext"),
        tag("endif"),
        tag("endfor"),
    ]


def section(first_header: str = "rIdHeaderFirst") -> etree._Element:
    """A4, margins left 3, right 2, bottom 2 cm, top 1.5 cm on page 1 (the Garuda's top) and
    2.5 cm from page 2 (below the page number); a different first page (no number)."""
    def reference(kind: str, which: str, rel_id: str) -> etree._Element:
        return el(f"w:{kind}Reference", attrs={"w:type": which, "r:id": rel_id})

    return el("w:sectPr",
              reference("header", "default", "rIdHeaderDefault"),
              reference("header", "first", first_header),
              reference("footer", "default", "rIdFooterDefault"),
              reference("footer", "first", "rIdFooterFirst"),
              el("w:pgSz", w=11906, h=16838),
              el("w:pgMar", top=TOP_MARGIN, right=2 * CM, bottom=2 * CM, left=3 * CM,
                 header=HEADER_DISTANCE, footer=567, gutter=0),
              el("w:pgNumType", fmt="thaiNumbers"),
              el("w:titlePg"),
              el("w:docGrid", linePitch=435))


# --- the package --------------------------------------------------------------------------------

_WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

DEFAULT_TYPES = {
    "rels": "application/vnd.openxmlformats-package.relationships+xml",
    "xml": "application/xml",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
}
PART_TYPES = {
    "word/document.xml": _WORD + "document.main+xml",
    "word/styles.xml": _WORD + "styles+xml",
    "word/settings.xml": _WORD + "settings+xml",
    "word/numbering.xml": _WORD + "numbering+xml",
    "word/fontTable.xml": _WORD + "fontTable+xml",
    "word/header1.xml": _WORD + "header+xml",
    "word/header2.xml": _WORD + "header+xml",
    "word/footer1.xml": _WORD + "footer+xml",
    "word/footer2.xml": _WORD + "footer+xml",
    "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}
PACKAGE_RELS = (
    ("rId1", _REL + "officeDocument", "word/document.xml"),
    ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
             "core-properties", "docProps/core.xml"),
    ("rId3", _REL + "extended-properties", "docProps/app.xml"),
)
DOCUMENT_RELS = (
    ("rIdStyles", _REL + "styles", "styles.xml"),
    ("rIdSettings", _REL + "settings", "settings.xml"),
    ("rIdNumbering", _REL + "numbering", "numbering.xml"),
    ("rIdFontTable", _REL + "fontTable", "fontTable.xml"),
    ("rIdHeaderDefault", _REL + "header", "header1.xml"),
    ("rIdHeaderFirst", _REL + "header", "header2.xml"),
    ("rIdFooterDefault", _REL + "footer", "footer1.xml"),
    ("rIdFooterFirst", _REL + "footer", "footer2.xml"),
)


def build_package(document: etree._Element, title: str,
                  extra_styles: Sequence[etree._Element] = (), *,
                  headers: tuple[etree._Element, etree._Element] | None = None,
                  footers: tuple[etree._Element, etree._Element] | None = None) -> bytes:
    """The DOCX package of one template, with fixed timestamps so rebuilding is reproducible.

    ``headers`` and ``footers``: those of pages 2… and of page 1, when not the letter's."""
    header_default, header_first = headers or (header_part(False), header_part(True))
    footer_default, footer_first = footers or (footer_part(), footer_part())
    parts = {
        "[Content_Types].xml": content_types(DEFAULT_TYPES, PART_TYPES),
        "_rels/.rels": relationships(*PACKAGE_RELS),
        "docProps/core.xml": core_properties(title, "gen-letter", "2026-01-01T00:00:00Z"),
        "docProps/app.xml": app_properties("gen-letter"),
        "word/document.xml": document,
        "word/_rels/document.xml.rels": relationships(*DOCUMENT_RELS),
        "word/styles.xml": styles_part(extra_styles),
        "word/settings.xml": settings_part(),
        "word/numbering.xml": numbering_part(),
        "word/fontTable.xml": font_table_part(),
        "word/header1.xml": header_default,
        "word/header2.xml": header_first,
        "word/footer1.xml": footer_default,
        "word/footer2.xml": footer_first,
    }
    return write_docx({name: xml_bytes(root) for name, root in parts.items()})
