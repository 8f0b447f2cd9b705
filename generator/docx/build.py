"""Build WordprocessingML elements with lxml, never as strings.

:func:`el` makes one element from a prefixed name (any prefix :data:`generator.docx.NAMESPACES`
knows), its attributes and its children; :func:`xml_bytes` serialises a part's root the way Word
writes one (the XML declaration with ``standalone="yes"``, UTF-8). Everything that writes a part
or a fragment of one — the stock templates, the attachment tables, the Garuda's drawing — goes
through these, so a value with ``&`` or ``<`` in it is escaped by lxml and no builder can write a
malformed part.

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
    """
    prefixes = {name.split(":")[0], *(key.split(":")[0] for key in (attrs or {}) if ":" in key),
                *(nsmap or ())}
    if w_attrs:
        prefixes.add("w")
    element = etree.Element(qn(name), nsmap={prefix: NAMESPACES[prefix] for prefix in prefixes
                                             if prefix != "xml"})
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
