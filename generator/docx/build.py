"""Build WordprocessingML elements with lxml, never as strings.

:func:`el` makes one element from a prefixed name (any prefix :data:`generator.docx.NAMESPACES`
knows), its attributes and its children; :func:`xml_bytes` serialises a part's root the way Word
writes one (the XML declaration with ``standalone="yes"``, UTF-8). Everything that writes a part
or a fragment of one — the stock templates, the attachment tables, the Garuda's drawing — goes
through these, so a value with ``&`` or ``<`` in it is escaped by lxml and no builder can write a
malformed part. The package's own parts have builders of their own (:func:`content_types`,
:func:`relationships`, :func:`core_properties`, :func:`app_properties`), and :func:`write_docx`
writes built parts as a package, reproducibly.

Attributes: a keyword is a ``w:`` attribute (``val="Title"`` → ``w:val``), since nearly every
WordprocessingML attribute is; a name with a prefix or with no namespace goes in ``attrs``
(``{"xml:space": "preserve"}``, ``{"Id": "rId1"}``). ``None`` among the children or as an
attribute value is left out, so optional parts read as one expression.

>>> from lxml import etree
>>> p = el("w:p", el("w:pPr", el("w:pStyle", val="Body")), el("w:r", el("w:t", "A & B")))
>>> etree.tostring(p).decode().split(">", 1)[1]
'<w:pPr><w:pStyle w:val="Body"/></w:pPr><w:r><w:t>A &amp; B</w:t></w:r></w:p>'
>>> xml_bytes(el("w:document", nsmap=("w",)))[:55]
b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
"""

from __future__ import annotations

import io
import zipfile
from typing import Iterable, Union

from lxml import etree

from . import NAMESPACES, qn

Child = Union[etree._Element, str, None, Iterable["Child"]]

#: Written before a part's root, as Word writes it.
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _name(name: str) -> str:
    """An attribute or element name: ``w:val`` / ``xml:space`` as Clark notation, ``Id`` as is.

    >>> _name("xml:space")
    '{http://www.w3.org/XML/1998/namespace}space'
    >>> _name("Id")
    'Id'
    """
    return qn(name) if ":" in name else name


def el(name: str, *children: Child, attrs: dict[str, str | int | None] | None = None,
       nsmap: Iterable[str] | None = None, **w_attrs: str | int | None) -> etree._Element:
    """One element: ``name`` prefixed (``w:p``), children elements or text, attributes.

    The element declares its own prefixes (its name's and its attributes'); lxml drops a
    declaration its parent already makes when the element is appended, so a part declares each
    prefix once. ``nsmap`` names more prefixes to declare here (a part's root, for the
    ``r:`` attributes of its descendants).

    >>> etree.tostring(el("w:sz", val=32)).decode().endswith('w:val="32"/>')
    True
    >>> fragment(el("w:t", "ก", attrs={"xml:space": "preserve"}))[-28:]
    'xml:space="preserve">ก</w:t>'
    >>> len(el("w:p", None, [el("w:r"), None], el("w:r")))
    2
    >>> list(el("w:document", nsmap=("pic", "r", "w")).nsmap)
    ['w', 'r', 'pic']
    """
    prefixes = {name.split(":")[0], *(key.split(":")[0] for key in (attrs or {}) if ":" in key),
                *(nsmap or ())}
    if w_attrs:
        prefixes.add("w")
    # declared in NAMESPACES' order, not the set's (which changes from one run to the next), so
    # that a part's bytes are the same every time it is built
    element = etree.Element(qn(name), nsmap={prefix: uri for prefix, uri in NAMESPACES.items()
                                             if prefix in prefixes and prefix != "xml"})
    for key, value in (attrs or {}).items():
        if value is not None:
            element.set(_name(key), str(value))
    for key, value in w_attrs.items():
        if value is not None:
            element.set(qn(f"w:{key}"), str(value))
    append(element, *children)
    return element


def append(element: etree._Element, *children: Child) -> etree._Element:
    """Add children (elements, text, nested lists; ``None`` skipped) to ``element``, in order.

    >>> etree.tostring(append(el("w:t"), "a", "b")).decode().split(">")[1]
    'ab</w:t'
    """
    for child in children:
        if child is None:
            continue
        if isinstance(child, str):
            if len(element):
                last = element[-1]
                last.tail = (last.tail or "") + child
            else:
                element.text = (element.text or "") + child
        elif isinstance(child, etree._Element):
            element.append(child)
        else:
            append(element, *child)
    return element


def xml_bytes(root: etree._Element) -> bytes:
    """A part's bytes: Word's XML declaration, then the root serialised as UTF-8."""
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8")


def fragment(element: etree._Element) -> str:
    """An element as XML text (no declaration; the prefixes it uses declared on it), for a
    fragment a template places inside a part.

    >>> fragment(el("w:br", type="page"))[-15:]
    'w:type="page"/>'
    """
    return etree.tostring(element, encoding="unicode")


# --- the package's own parts, and the package -------------------------------------------------

#: The document-properties parts' namespaces (``docProps/core.xml``, ``docProps/app.xml``).
CORE_NAMESPACES = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
EXTENDED_PROPERTIES_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def _default_ns(namespace: str, name: str) -> etree._Element:
    """A package part's root in its namespace as the default one (no prefix), as Word writes
    ``[Content_Types].xml``, ``*.rels`` and ``docProps/app.xml``."""
    return etree.Element(f"{{{namespace}}}{name}", nsmap={None: namespace})


def content_types(defaults: dict[str, str], overrides: dict[str, str]) -> etree._Element:
    """``[Content_Types].xml``: a ``Default`` per file extension, then an ``Override`` per part
    (named as in the package: ``word/document.xml``), in the order given.

    >>> fragment(content_types({"xml": "application/xml"}, {"word/a.xml": "text/x"})).split(">", 1)[1]
    '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/a.xml" ContentType="text/x"/></Types>'
    """
    root = _default_ns(NAMESPACES["ct"], "Types")
    for extension, content_type in defaults.items():
        etree.SubElement(root, qn("ct:Default"), Extension=extension, ContentType=content_type)
    for part, content_type in overrides.items():
        etree.SubElement(root, qn("ct:Override"), PartName="/" + part, ContentType=content_type)
    return root


def relationships(*rels: tuple[str, str, str]) -> etree._Element:
    """A relationships part (``_rels/.rels``, ``word/_rels/document.xml.rels``): one
    ``Relationship`` per ``(Id, Type, Target)``.

    >>> fragment(relationships(("rId1", "http://t/styles", "styles.xml"))).split(">", 1)[1]
    '<Relationship Id="rId1" Type="http://t/styles" Target="styles.xml"/></Relationships>'
    """
    root = _default_ns(NAMESPACES["rel"], "Relationships")
    for rel_id, rel_type, target in rels:
        etree.SubElement(root, qn("rel:Relationship"), Id=rel_id, Type=rel_type, Target=target)
    return root


def core_properties(title: str, creator: str, created: str) -> etree._Element:
    """``docProps/core.xml``: the title, the creator and the creation time (W3CDTF, UTC).

    >>> root = core_properties("R&D", "gen-letter", "2026-01-01T00:00:00Z")
    >>> fragment(root).split("><", 1)[1]
    'dc:title>R&amp;D</dc:title><dc:creator>gen-letter</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created></cp:coreProperties>'
    """
    def name(prefixed: str) -> str:
        prefix, local = prefixed.split(":")
        return f"{{{CORE_NAMESPACES[prefix]}}}{local}"

    root = etree.Element(name("cp:coreProperties"), nsmap=CORE_NAMESPACES)
    etree.SubElement(root, name("dc:title")).text = title
    etree.SubElement(root, name("dc:creator")).text = creator
    created_el = etree.SubElement(root, name("dcterms:created"),
                                  {name("xsi:type"): "dcterms:W3CDTF"})
    created_el.text = created
    return root


def app_properties(application: str) -> etree._Element:
    """``docProps/app.xml``: the application that wrote the package.

    >>> fragment(app_properties("gen-letter"))
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>gen-letter</Application></Properties>'
    """
    root = _default_ns(EXTENDED_PROPERTIES_NS, "Properties")
    etree.SubElement(root, f"{{{EXTENDED_PROPERTIES_NS}}}Application").text = application
    return root


#: The date of every entry of a package written by :func:`write_docx`: building the same parts
#: twice gives the same bytes.
PACKAGE_DATE = (2026, 1, 1, 0, 0, 0)


def write_docx(parts: dict[str, bytes]) -> bytes:
    """The package writer for built parts: a DOCX of ``parts`` (name → bytes, e.g. from
    :func:`xml_bytes`), ``[Content_Types].xml`` first and the others in the order given, each
    entry deflated and dated :data:`PACKAGE_DATE`.

    >>> blob = write_docx({"word/document.xml": b"<d/>", "[Content_Types].xml": b"<t/>"})
    >>> package = zipfile.ZipFile(io.BytesIO(blob))
    >>> package.namelist(), package.getinfo("word/document.xml").date_time
    (['[Content_Types].xml', 'word/document.xml'], (2026, 1, 1, 0, 0, 0))
    >>> write_docx({"[Content_Types].xml": b"<t/>"}) == write_docx({"[Content_Types].xml": b"<t/>"})
    True
    """
    order = ["[Content_Types].xml"] + [name for name in parts if name != "[Content_Types].xml"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=PACKAGE_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, parts[name])
    return buffer.getvalue()
