"""Everything gen-letter does with WordprocessingML and zip packages, and nothing else does.

Outside this package no code opens a zip, holds a ``<w:…>`` literal or edits XML as text
(``tests/docx/test_layering.py`` walks the code to keep it so). Here:

- :data:`NAMESPACES` and :func:`qn` are the one namespace table and helper (``qn("w:p")``, as
  python-docx has), for every prefix used: WordprocessingML, DrawingML, the package's parts;
- :class:`~generator.docx.package.Package` is the one package type: every DOCX (and the ODT copy
  the PDF is made from) is read through it once per operation, within limits, its XML parsed
  without DTDs, and written with ``[Content_Types].xml`` first; the package check lives there too;
- :mod:`~generator.docx.build` builds new elements with lxml (``el("w:p", …)``), never strings;
- :mod:`~generator.docx.template` compiles and renders the docxtpl-dialect letter templates and
  finishes each rendered part with lxml; :mod:`~generator.docx.fragments` makes the pieces the
  renderer places in them (rich text, attachment tables, pictures);
- content controls and custom properties (:mod:`~generator.docx.marks`), merging documents
  (:mod:`~generator.docx.merge`), list numbering (:mod:`~generator.docx.numbering`), page-layout
  properties (:mod:`~generator.docx.layout`), reading a document's text
  (:mod:`~generator.docx.text`, :mod:`~generator.docx.letter`), the page's measures
  (:mod:`~generator.docx.geometry`).

python-docx and docxtpl are used where they offer what is needed; these modules do what they do
not."""

import functools

#: The namespaces of the prefixes :func:`qn` knows.
NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "xml": "http://www.w3.org/XML/1998/namespace",
    # the package's own parts: [Content_Types].xml, *.rels, docProps/custom.xml
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "cup": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
}


@functools.lru_cache(maxsize=None)
def qn(name: str) -> str:
    """A prefixed name (``w:keepNext``) as lxml's Clark notation.

    >>> qn("w:p")
    '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p'
    """
    prefix, local = name.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"
