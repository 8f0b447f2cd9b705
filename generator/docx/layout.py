"""Page-layout properties set on a rendered letter: which paragraphs keep with which.

The templates' styles (:mod:`tools.templates.pieces`) chain the end of a letter together: the
closing sentence, the complimentary close, the signer's name and position lines, the owner unit's
lines, the ``สำเนาส่ง`` list and the slogan each keep with the next paragraph, so none of them is
left alone at the top of a page. A style cannot say "the last paragraph of the body", so
:func:`keep_body_with_close` sets ``w:keepNext`` on the paragraph before the closing sentence
once the letter is rendered: with widow control (the templates' default) that paragraph's last
two lines, at least, stand on the page of the close, as agency manuals ask, and Word and
LibreOffice move them (or the whole paragraph, when it has fewer than four lines) there.
"""

from __future__ import annotations

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
