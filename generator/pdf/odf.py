"""Edits of the ODF copy LibreOffice converts to PDF: page numbers in Thai digits.

LibreOffice 7.4 reads a DOCX page number formatted ``thaiNumbers`` (``w:pgNumType``) as
Arabic digits and ``PAGE \\* ThaiArabic`` as Thai *letters* (ก ข ค); Word draws ๑ ๒ ๓. ODF's
``style:num-format="Native Numbering"`` on a page-number field draws the digits of the text's
language, Thai here (the letters are Thai-language text throughout). So a letter whose sections
number their pages in Thai digits goes DOCX → ODT → (fields set to native numbering) → PDF/A:
the DOCX itself, which Word paginates and numbers on its own, is never changed.

An ODT is a zip package too: it is read and rewritten through the one package type,
:class:`generator.docx.package.Package`, whose :meth:`~generator.docx.package.Package.replaced`
keeps every other entry as it was — the ``mimetype`` entry first and stored, as ODF requires.

>>> odt = _package({"styles.xml": _STYLES_EXAMPLE, "content.xml": _CONTENT_EXAMPLE})
>>> out = Package.read(native_page_numbers(odt), require=("content.xml",), what="an ODF file")
>>> b"Native Numbering" in out.parts["styles.xml"], list(out.parts)[0], out.infos[0].compress_type
(True, 'mimetype', 0)
"""

from __future__ import annotations

from lxml import etree

from ..docx.package import Package, parse_xml, write_package

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
NATIVE = "Native Numbering"
_PARTS = ("styles.xml", "content.xml")


def native_page_numbers(odt: bytes) -> bytes:
    """The ODT with every page-number field drawn in the digits of its text's language."""
    package = Package.read(odt, require=("content.xml",), what="an ODF file")
    changed = {}
    for part in _PARTS:
        if part not in package.parts:
            continue
        root = parse_xml(package.parts[part], part=part, name=package.name)
        fields = list(root.iter(f"{TEXT}page-number"))
        for field in fields:
            field.set(f"{STYLE}num-format", NATIVE)
        if fields:
            changed[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return package.replaced(changed) if changed else odt


_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
_STYLES_EXAMPLE = (f'<office:document-styles {_NS}><office:master-styles><style:master-page '
                   'style:name="Standard"><style:header><text:p>- <text:page-number '
                   'text:select-page="current">2</text:page-number> -</text:p></style:header>'
                   '</style:master-page></office:master-styles></office:document-styles>')
_CONTENT_EXAMPLE = f'<office:document-content {_NS}/>'


def _package(parts: dict[str, str]) -> bytes:
    """An ODT of ``parts`` for the example: the ``mimetype`` entry first and stored."""
    return write_package({"mimetype": b"application/vnd.oasis.opendocument.text",
                          **{name: text.encode() for name, text in parts.items()}},
                         stored=("mimetype",))
