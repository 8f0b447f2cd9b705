"""Edits of the ODF copy LibreOffice converts to PDF: page numbers in Thai digits.

LibreOffice 7.4 reads a DOCX page number formatted ``thaiNumbers`` (``w:pgNumType``) as
Arabic digits and ``PAGE \\* ThaiArabic`` as Thai *letters* (ก ข ค); Word draws ๑ ๒ ๓. ODF's
``style:num-format="Native Numbering"`` on a page-number field draws the digits of the text's
language, Thai here (the letters are Thai-language text throughout). So a letter whose sections
number their pages in Thai digits goes DOCX → ODT → (fields set to native numbering) → PDF/A:
the DOCX itself, which Word paginates and numbers on its own, is never changed.

>>> odt = _package({"styles.xml": _STYLES_EXAMPLE, "content.xml": _CONTENT_EXAMPLE})
>>> with zipfile.ZipFile(io.BytesIO(native_page_numbers(odt))) as z:
...     b"Native Numbering" in z.read("styles.xml"), z.namelist()[0]
(True, 'mimetype')
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from ..docx.package import replace_parts

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
NATIVE = "Native Numbering"
_PARTS = ("styles.xml", "content.xml")


def native_page_numbers(odt: bytes) -> bytes:
    """The ODT with every page-number field drawn in the digits of its text's language."""
    changed = {}
    with zipfile.ZipFile(io.BytesIO(odt)) as package:
        for part in _PARTS:
            if part not in package.namelist():
                continue
            root = etree.fromstring(package.read(part))
            fields = list(root.iter(f"{TEXT}page-number"))
            for field in fields:
                field.set(f"{STYLE}num-format", NATIVE)
            if fields:
                changed[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return replace_parts(odt, changed) if changed else odt


_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
_STYLES_EXAMPLE = (f'<office:document-styles {_NS}><office:master-styles><style:master-page '
                   'style:name="Standard"><style:header><text:p>- <text:page-number '
                   'text:select-page="current">2</text:page-number> -</text:p></style:header>'
                   '</style:master-page></office:master-styles></office:document-styles>')
_CONTENT_EXAMPLE = f'<office:document-content {_NS}/>'


def _package(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        for name, text in parts.items():
            z.writestr(name, text)
    return buffer.getvalue()
