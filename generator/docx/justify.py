"""Word's Thai distributed justification, said the way LibreOffice understands it.

Body paragraphs are ``w:jc w:val="thaiDistribute"`` in Word (thai-correspondence.md §3): every
line but a paragraph's last reaches both margins, with the extra space spread between the Thai
characters. LibreOffice 7.4 does not read ``thaiDistribute`` (it sets such paragraphs flush
left), but its ordinary justification (``both``) of Thai-language text spreads the space across
the characters the same way. :func:`with_distribution_as_justify` gives the copy that is
converted to PDF ``both`` wherever the document says ``thaiDistribute`` or ``distribute``; the
DOCX itself keeps what Word reads.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from .package import replace_parts

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
DISTRIBUTED = ("thaiDistribute", "distribute")


def with_distribution_as_justify(docx: bytes) -> bytes:
    """The package with every distributed alignment of a WordprocessingML part made ``both``.

    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as z:
    ...     z.writestr("word/styles.xml", f'<w:styles xmlns:w="{W_NS}"><w:style><w:pPr>'
    ...                '<w:jc w:val="thaiDistribute"/></w:pPr></w:style></w:styles>')
    >>> out = zipfile.ZipFile(io.BytesIO(with_distribution_as_justify(buffer.getvalue())))
    >>> b'w:val="both"' in out.read("word/styles.xml")
    True
    """
    changed = {}
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        for part in package.namelist():
            if not (part.startswith("word/") and part.endswith(".xml")):
                continue
            data = package.read(part)
            if not any(value.encode() in data for value in DISTRIBUTED):
                continue
            root = etree.fromstring(data)
            found = [jc for jc in root.iter(f"{W}jc") if jc.get(f"{W}val") in DISTRIBUTED]
            for jc in found:
                jc.set(f"{W}val", "both")
            if found:
                changed[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                               standalone=True)
    return replace_parts(docx, changed) if changed else docx
