"""Page-layout properties set on a rendered letter: which paragraphs keep with which.

The templates' styles (:mod:`tools.templates.pieces`) chain the end of a letter together: the
closing sentence, the complimentary close, the signer's name and position lines, the owner unit's
lines, the ``สำเนาส่ง`` list and the slogan each keep with the next paragraph, so none of them is
left alone at the top of a page. A style cannot say "the last paragraph of the body", so
:func:`keep_body_with_close` sets ``w:keepNext`` on the paragraph before the closing sentence
once the letter is rendered: with widow control (the templates' default) that paragraph's last
two lines, at least, stand on the page of the close, as agency manuals ask, and Word and
LibreOffice move them (or the whole paragraph, when it has fewer than four lines) there.

No page holds only the foot (build item 6, "no page that holds only a remnant"):
:func:`keep_foot_with_signature` sets ``w:keepNext`` on the signature's last line when the owner
unit's block follows, so the whole end — the body's last lines, the closing sentence, the close,
the signature, the owner unit, ``สำเนาส่ง`` and the slogan — is one chain that moves to the next
page together rather than leaving the owner block and slogan alone there (seed 003's page 2 did).
The foot is moved, not fitted: it is 7 to 10 lines, which no margin or spacing a clerk would use
wins back. LibreOffice 25.2 moves the chain whole (7.4 did not, which is why the templates' styles
stop the chain at the signature: :mod:`generator.render.stock`); Word does too. The chain is
about 15 lines (two body lines, the closing, the close, the signature with its blank space, three
owner lines, the slogan), under half a page; a long ``สำเนาส่ง`` list lengthens it, and a chain
longer than a page is broken where the page ends, as Word and LibreOffice break any keep chain.
"""

from __future__ import annotations

import math
from typing import Callable

from lxml import etree

from . import NAMESPACES, qn
from .build import xml_bytes
from .package import Package, parse_xml

#: The styles that may open the end of a letter, first found wins: the closing sentence
#: (``จึงเรียนมาเพื่อ…``), else the close, else the signer's name.
CLOSE_STYLES = ("LetterClosing", "LetterClose", "LetterSignName")
#: Paragraph properties that come before ``w:keepNext`` in ``w:pPr`` (ECMA-376 §17.3.1.26).
_BEFORE_KEEP_NEXT = (qn("w:pStyle"),)


def style_of(paragraph: etree._Element) -> str | None:
    """The paragraph style id of a ``w:p``, or None."""
    found = paragraph.find("w:pPr/w:pStyle", NAMESPACES)
    return found.get(qn("w:val")) if found is not None else None


def set_keep_next(paragraph: etree._Element) -> None:
    """Give a ``w:p`` the ``w:keepNext`` property, in schema order; nothing when it has it."""
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.Element(qn("w:pPr"))
        paragraph.insert(0, ppr)
    if ppr.find(qn("w:keepNext")) is not None:
        return
    index = sum(1 for child in ppr if child.tag in _BEFORE_KEEP_NEXT)
    ppr.insert(index, etree.Element(qn("w:keepNext")))


def keep_with_close(root: etree._Element) -> bool:
    """Set ``w:keepNext`` on the body paragraph before the letter's end (:data:`CLOSE_STYLES`)
    of a parsed ``word/document.xml``; False when the document has no such paragraph."""
    body = root.find(qn("w:body"))
    if body is None:
        return False
    paragraphs = list(body.iter(qn("w:p")))
    for style in CLOSE_STYLES:
        index = next((i for i, p in enumerate(paragraphs) if style_of(p) == style), None)
        if index is not None:
            break
    else:
        return False
    if index == 0:
        return False
    set_keep_next(paragraphs[index - 1])
    return True


def keep_body_with_close(document_xml: bytes) -> bytes:
    """``word/document.xml`` with ``w:keepNext`` on the body paragraph before the letter's end
    (:func:`keep_with_close`); unchanged when the document has no such paragraph.

    >>> from .build import el
    >>> def para(style): return el("w:p", el("w:pPr", el("w:pStyle", val=style)))
    >>> xml = xml_bytes(el("w:document", el("w:body", para("LetterBody"), para("LetterClosing"))))
    >>> b'<w:pStyle w:val="LetterBody"/><w:keepNext/>' in keep_body_with_close(xml)
    True
    """
    root = parse_xml(document_xml, part="word/document.xml")
    return xml_bytes(root) if keep_with_close(root) else document_xml


#: The last line of the signature: the owner unit's block (:data:`FOOT_STYLES`) keeps with it.
SIGNATURE_LAST = "LetterSignLast"
#: The first paragraph of the foot after the signature: the owner unit, else a copy list.
FOOT_STYLES = ("LetterOwner", "LetterCopyTo")


def keep_foot_with_signature(document_xml: bytes) -> bytes:
    """``word/document.xml`` with ``w:keepNext`` on the signature's last line when the owner
    unit's block follows it, so the foot (owner unit, ``สำเนาส่ง``, slogan: each of its lines
    keeps with the next in the templates) moves with the signature and is never a page of its
    own; unchanged when the letter has no foot.

    >>> xml = (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    ...        b'<w:body><w:p><w:pPr><w:pStyle w:val="LetterSignLast"/></w:pPr></w:p>'
    ...        b'<w:p><w:pPr><w:pStyle w:val="LetterOwner"/></w:pPr></w:p></w:body></w:document>')
    >>> b'<w:pStyle w:val="LetterSignLast"/><w:keepNext/>' in keep_foot_with_signature(xml)
    True
    """
    root = parse_xml(document_xml, part="word/document.xml")
    body = root.find(qn("w:body"))
    if body is None:
        return document_xml
    paragraphs = list(body.iter(qn("w:p")))
    styles = [style_of(p) for p in paragraphs]
    changed = False
    for index, style in enumerate(styles[:-1]):
        following = next((s for s in styles[index + 1:] if s is not None), None)
        if style == SIGNATURE_LAST and following in FOOT_STYLES:
            set_keep_next(paragraphs[index])
            changed = True
    if not changed:
        return document_xml
    return xml_bytes(root)


#: The paragraph styles of ``สิ่งที่ส่งมาด้วย``: the quantity stands at their right tab.
ATTACHMENT_STYLES = ("LetterAttachment", "LetterAttachmentList")
#: The word a quantity begins with (``จำนวน ๑ ชุด``).
QUANTITY_WORD = "จำนวน"
#: ``w:pPr`` children that come after ``w:ind`` (ECMA-376 §17.3.1.26).
_AFTER_IND = tuple(qn(f"w:{name}") for name in (
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr",
    "pPrChange"))


def _text_after_last_tab(paragraph: etree._Element) -> str | None:
    """The text of a ``w:p`` after its last ``w:tab`` (None without a tab)."""
    text = None
    for node in paragraph.iter(qn("w:tab"), qn("w:t")):
        if node.tag == qn("w:tab"):
            text = ""
        elif text is not None:
            text += node.text or ""
    return text


def set_right_indent(paragraph: etree._Element, twips: int) -> None:
    """Give a ``w:p`` a right indent (``w:ind/@w:right``), in schema order; its other indents
    still come from its style (each attribute of ``w:ind`` is inherited on its own)."""
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.Element(qn("w:pPr"))
        paragraph.insert(0, ppr)
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = etree.Element(qn("w:ind"))
        after = next((i for i, child in enumerate(ppr) if child.tag in _AFTER_IND), len(ppr))
        ppr.insert(after, ind)
    ind.set(qn("w:right"), str(twips))


def reserve_quantity_column(document_xml: bytes, width_pt: Callable[[str], float],
                            gap_pt: float = 8.0) -> bytes:
    """``word/document.xml`` with the quantities of ``สิ่งที่ส่งมาด้วย`` in a column of their
    own: each attachment paragraph whose text after its last tab is a quantity
    (``จำนวน ๑ ชุด``, no-break spaces: it never wraps) gets a right indent as wide as the widest
    quantity (``width_pt``: its width in points) and ``gap_pt``. The title wraps at that indent
    and the quantity stands whole at the template's right tab at the right margin, beyond the
    indent, on the title's last line: the way a table of contents keeps its page numbers clear
    of long entries. The tab stands at the right margin, inside the text area but beyond the
    paragraph's right indent: Word 2013 and later (the templates' ``compatibilityMode`` 15) set
    the text after such a tab at the stop, into the indent, and LibreOffice does the same for
    every Word document it reads (its compatibility setting ``TabOverSpacing``, which its DOCX
    import turns on: "a tab beyond the paragraph margin", tdf#142404; ``TabOverMargin``, for a tab
    beyond the text area, is off for compatibilityMode 15). Measured in LibreOffice 25.2's PDF:
    the title wraps at the indent, the quantity ends at the margin on its last line. Unchanged
    when no attachment carries a quantity.

    >>> xml = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    ...        '<w:body><w:p><w:pPr><w:pStyle w:val="LetterAttachment"/></w:pPr><w:r><w:t>แบบ'
    ...        '</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>จำนวน ๑ ชุด</w:t></w:r></w:p></w:body>'
    ...        '</w:document>').encode()
    >>> b'<w:ind w:right="760"/>' in reserve_quantity_column(xml, lambda text: 30.0)
    True
    """
    root = parse_xml(document_xml, part="word/document.xml")
    found = []
    for paragraph in root.iter(qn("w:p")):
        if style_of(paragraph) in ATTACHMENT_STYLES:
            tail = (_text_after_last_tab(paragraph) or "").strip()
            if tail.startswith(QUANTITY_WORD):
                found.append((paragraph, tail))
    if not found:
        return document_xml
    reserve = math.ceil((max(width_pt(tail) for _, tail in found) + gap_pt) * 20)
    for paragraph, _ in found:
        set_right_indent(paragraph, reserve)
    return xml_bytes(root)


#: Word's Thai distributed justification (``w:jc w:val="thaiDistribute"``), which LibreOffice
#: reads as flush left; ``both`` is the justification it draws.
_DISTRIBUTED = ("thaiDistribute", "distribute")


def with_block_justification(docx: bytes | Package) -> bytes:
    """A copy of a DOCX whose distributed paragraphs (``thaiDistribute``) are justified
    (``both``), in the styles and in the paragraphs; every other part byte for byte.

    LibreOffice drops ``thaiDistribute`` on import and sets those paragraphs flush left; with
    ``both`` it spreads each line to the margins. The copy is for the PDF only: the DOCX keeps
    Word's own value.

    >>> from .build import el
    >>> document = el("w:document", el("w:p", el("w:pPr", el("w:jc", val="thaiDistribute"))))
    >>> out = with_block_justification(Package("d", {"word/document.xml": xml_bytes(document)}))
    >>> b'w:val="both"' in Package.read(out, require=()).parts["word/document.xml"]
    True
    """
    package = Package.read(docx, require=())
    changed = {}
    for name, data in package.parts.items():
        if not (name.startswith("word/") and name.endswith(".xml")):
            continue
        if b"istribute" not in data:
            continue
        root = parse_xml(data, part=name)
        found = [jc for jc in root.iter(qn("w:jc")) if jc.get(qn("w:val")) in _DISTRIBUTED]
        for jc in found:
            jc.set(qn("w:val"), "both")
        if found:
            changed[name] = xml_bytes(root)
    if not changed:
        return docx if isinstance(docx, bytes) else package.to_bytes()
    return package.replaced(changed)


def starts_pages(package: Package) -> bool:
    """Whether anything in a DOCX starts a page of its own: a paragraph or style with
    ``w:pageBreakBefore``, a page break (``w:br w:type="page"``) or a section break inside the
    body. Without any, no page of it can begin a part, and the PDF step need not look for one.

    >>> from .build import el
    >>> def docx(*body):
    ...     return Package("d", {"word/document.xml": xml_bytes(el("w:document", el("w:body", *body)))})
    >>> starts_pages(docx(el("w:p"), el("w:sectPr")))
    False
    >>> starts_pages(docx(el("w:p", el("w:r", el("w:br", type="page")))))
    True
    >>> starts_pages(docx(el("w:p", el("w:pPr", el("w:sectPr"))), el("w:sectPr")))
    True
    """
    for part in ("word/document.xml", "word/styles.xml"):
        if part not in package.parts:
            continue
        root = package.xml(part)
        for found in root.iter(qn("w:pageBreakBefore")):
            if found.get(qn("w:val"), "true") not in ("false", "0", "off"):
                return True
        if part == "word/document.xml":
            if any(br.get(qn("w:type")) == "page" for br in root.iter(qn("w:br"))):
                return True
            if any(ppr.find(qn("w:sectPr")) is not None for ppr in root.iter(qn("w:pPr"))):
                return True
    return False
