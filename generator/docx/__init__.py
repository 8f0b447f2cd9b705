"""Raw WordprocessingML helpers that python-docx and docxtpl do not offer (content controls,
custom document properties, package parts, page-layout properties). Everything else uses
python-docx. :func:`qn` is the one namespace helper."""

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
