"""Page geometry set on a rendered document from its office profile: the bottom margin, the
text's top margin from page 2, and the space before body paragraphs.

thai-correspondence.md §3 gives the left (3 cm) and right (2 cm) margins as the regulation's,
and marks the top margin (2.5 cm), the bottom margin (2 cm) and "6 pt before" a paragraph
**[C]**: common practice, no authoritative text; a setting, with those values as defaults. The
stock templates (:mod:`generator.render.stock`) are built with the defaults; an office whose
letters are set otherwise says so in its profile (``page:``, :mod:`generator.registry.profiles`)
and :func:`apply_geometry` edits the rendered parts, with lxml, before the package is written:

- **bottom margin**: ``w:pgMar/@w:bottom`` of every section;
- **top margin from page 2**: page 1's top margin is fixed by the Garuda (1.5 cm from the top
  edge, §2.2, [R]) and ``ที่`` stands level with its foot, so the text's top margin from page 2
  is made by the header: the page number ``- ๒ -`` stands at the header distance (1.25 cm) and
  its paragraph's space after pushes the text down to 2.5 cm (:data:`generator.render.stock.
  PAGE_NUMBER_AFTER`). A different top margin changes that space after by the difference; when
  the space would go below 0 the header distance (``w:pgMar/@w:header``) takes the rest, so the
  number moves up with the text. A template without a page number keeps its top;
- **space before**: ``w:spacing/@w:before`` of the paragraph styles that carry the rule's 6 pt
  (:data:`SPACED_STYLES`: the date, subject, salutation, references, attachments, the body's
  paragraphs and items, the closing sentence, and the attachment documents' headings, body,
  items, centred lines and pictures); the close, the signature's blank space, the owner block
  and the slogan keep their own spacing, which is not this rule.

The same edits hold in Word and in LibreOffice: they are the document's own section and style
properties. With the default geometry nothing is edited (the parts stay byte for byte).

Why the example offices set a bottom margin of 1.5 cm and no space before a paragraph
(``examples/registry/chachoengsao.yaml``, ``nongkhai.yaml``): the seed letters break their
pages where the defaults cannot. At TH Sarabun New's single line (hhea 844/−457/30, 21.30 pt at
16 pt; a 21.35 pt pitch in LibreOffice), page 1 has 678.6 pt from the ``ที่`` line (level with
the Garuda's foot, 1.5 + 3 cm, [R]) to a 2 cm bottom margin. Seed 002's page 1 ends after
``๓.๕`` (page 2 begins ``๔. ส่งเสริม``): its 32 lines need 682.7 pt with no space before any
paragraph, and 78 pt more at 6 pt before each of its 13 paragraphs; seed 000 (page 2 begins
``๓. ประเมินผล``) is 3.9 pt short at 6 pt; seed 001's booklet (a page begins ``๓. พื้นที่``)
needs 746.7 pt where its first page has 742.3 pt, with no space before, 42 pt more with it.
No space before a paragraph (Word's own default) and a bottom margin under 1.84 cm reproduce
all three; 1.5 cm, the common agency value, leaves 9.8–10.1 pt spare, less than a line, so no
later line moves up. 000 and 002 are one office's letters, so they share the values
(``tests/pdf/test_pagination.py::test_the_seeds_page_breaks``).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from . import qn
from .build import xml_bytes
from .package import parse_xml

TWIPS_PER_CM = 567  # as the stock templates round it (generator.render.stock.CM)

#: The paragraph styles whose space before is the rule's "6 pt before" (§3).
SPACED_STYLES = frozenset({
    "LetterDate", "LetterSubject", "LetterSalutation", "LetterReference", "LetterAttachment",
    "LetterBody", "LetterItem", "LetterItemText", "LetterClosing",
    "AttHeading", "AttBody", "AttItem1", "AttItem2", "AttItem3", "AttCenter", "AttPicture",
})


@dataclass(frozen=True)
class PageGeometry:
    """The [C] page geometry of §3, in twips (margins) and twentieths of a point (spacing).

    >>> PageGeometry.from_units(bottom_cm=1.5, space_before_pt=0)
    PageGeometry(top=1417, bottom=850, space_before=0)
    >>> PageGeometry().is_default
    True
    """

    top: int = int(2.5 * TWIPS_PER_CM)     # the text's top margin from page 2: 2.5 cm
    bottom: int = 2 * TWIPS_PER_CM         # 2 cm
    space_before: int = 120                # 6 pt

    @classmethod
    def from_units(cls, *, top_cm: float = 2.5, bottom_cm: float = 2.0,
                   space_before_pt: float = 6.0) -> "PageGeometry":
        # Truncated to whole twips, as the stock templates write their centimetres.
        return cls(top=int(top_cm * TWIPS_PER_CM), bottom=int(bottom_cm * TWIPS_PER_CM),
                   space_before=int(space_before_pt * 20))

    @classmethod
    def of(cls, settings) -> "PageGeometry":
        """The geometry of an office's page settings (``top_margin_cm``, ``bottom_margin_cm``,
        ``space_before_pt``: :class:`generator.registry.profiles.PageSettings`); the default
        for None.

        >>> from types import SimpleNamespace as S
        >>> PageGeometry.of(S(top_margin_cm=2.5, bottom_margin_cm=1.5, space_before_pt=0))
        PageGeometry(top=1417, bottom=850, space_before=0)
        >>> PageGeometry.of(None).is_default
        True
        """
        if settings is None:
            return cls()
        return cls.from_units(top_cm=settings.top_margin_cm, bottom_cm=settings.bottom_margin_cm,
                              space_before_pt=settings.space_before_pt)

    @property
    def is_default(self) -> bool:
        return self == DEFAULT


DEFAULT = PageGeometry()


def apply_geometry(parts: dict[str, bytes], geometry: PageGeometry) -> dict[str, bytes]:
    """``parts`` (name → bytes of one rendered document) with ``geometry`` applied: the parts
    that change are replaced in the dict, which is returned. Nothing changes for the default.

    >>> from .build import el
    >>> doc = xml_bytes(el("w:document", el("w:body", el("w:sectPr", el("w:pgMar", top=851,
    ...     bottom=1134, header=709)))))
    >>> out = apply_geometry({"word/document.xml": doc}, PageGeometry(bottom=851))
    >>> b'w:bottom="851"' in out["word/document.xml"]
    True
    """
    if geometry.is_default:
        return parts
    name = "word/document.xml"
    document = parse_xml(parts[name], part=name)
    sections = list(document.iter(qn("w:sectPr")))
    margins = [s.find(qn("w:pgMar")) for s in sections]
    margins = [m for m in margins if m is not None]
    for margin in margins:
        margin.set(qn("w:bottom"), str(geometry.bottom))
    header_shift = 0
    shift = geometry.top - DEFAULT.top
    if shift:
        for part in sorted(p for p in parts if p.startswith("word/header") and p.endswith(".xml")):
            header = parse_xml(parts[part], part=part)
            numbers = [p for p in header.iter(qn("w:p")) if _has_page_field(p)]
            for paragraph in numbers:
                header_shift = min(header_shift, _shift_space_after(paragraph, shift))
            if numbers:
                parts[part] = xml_bytes(header)
    if header_shift:
        for margin in margins:
            distance = int(margin.get(qn("w:header"), "709"))
            margin.set(qn("w:header"), str(max(0, distance + header_shift)))
    parts[name] = xml_bytes(document)
    styles_name = "word/styles.xml"
    if geometry.space_before != DEFAULT.space_before and styles_name in parts:
        styles = parse_xml(parts[styles_name], part=styles_name)
        for style in styles.iter(qn("w:style")):
            if style.get(qn("w:styleId")) in SPACED_STYLES:
                spacing = style.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
                if spacing is not None and spacing.get(qn("w:before")) is not None:
                    spacing.set(qn("w:before"), str(geometry.space_before))
        parts[styles_name] = xml_bytes(styles)
    return parts


def _has_page_field(paragraph: etree._Element) -> bool:
    """Does a ``w:p`` hold a ``PAGE`` field (the page number ``- ๒ -``)?"""
    return any((text.text or "").split()[:1] == ["PAGE"]
               for text in paragraph.iter(qn("w:instrText")))


def _shift_space_after(paragraph: etree._Element, shift: int) -> int:
    """Add ``shift`` twips to a paragraph's space after; what could not be taken from it (a
    negative remainder, the space being 0) is returned for the header distance."""
    ppr = paragraph.find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing")) if ppr is not None else None
    if spacing is None:
        return min(0, shift)
    after = int(spacing.get(qn("w:after"), "0")) + shift
    spacing.set(qn("w:after"), str(max(0, after)))
    return min(0, after)


def apply_to_package(docx: bytes, geometry: PageGeometry) -> bytes:
    """A DOCX (an attachment document) with ``geometry`` applied; the same bytes for the
    default."""
    if geometry.is_default:
        return docx
    from .package import Package, write_package

    return write_package(apply_geometry(dict(Package.read(docx).parts), geometry))
