"""The marks a draft carries: content controls for number, date and the draft stamp, and the spec.

A draft made by ``gen-letter new`` is an ordinary Word document. What makes it a gen-letter draft:

- the running number in a content control tagged :data:`NUMBER_TAG` (alias ``เลขที่หนังสือ``),
  holding one run with a placeholder such as ``นค ๐๐๑๙.๓/ว ......``;
- the date in a content control tagged :data:`DATE_TAG` (alias ``วันที่``);
- the draft stamp: a block content control tagged :data:`DRAFT_TAG` in each page header (the
  first-page header and the default one, so every page shows it) holding a red bold paragraph
  ``ร่าง – ยังไม่ได้ออกเลขที่``; issuing deletes every such control (:func:`find_controls` on
  each ``word/header*.xml``, then :func:`remove_control`);
- the custom document properties ``GenLetterSpec`` (the validated spec as JSON) and
  ``GenLetterVersion``.

python-docx has no API for content controls or custom properties, so these few helpers work on the
WordprocessingML with lxml directly; everything else stays with python-docx/docxtpl.

>>> from lxml import etree
>>> body = etree.fromstring(
...     f'<w:body xmlns:w="{W_NS}"><w:p>'
...     + control_xml(NUMBER_TAG, "เลขที่หนังสือ", '<w:r><w:rPr><w:b/></w:rPr><w:t>นค ๐๐๑๙/ว ......</w:t></w:r>')
...     + '</w:p></w:body>')
>>> sdt = find_control(body, NUMBER_TAG)
>>> control_text(sdt)
'นค ๐๐๑๙/ว ......'
>>> set_control_text(sdt, "นค ๐๐๑๙/ว ๕๓๑")
>>> control_text(sdt), sdt.find(f"{W}sdtPr/{W}showingPlcHdr")
('นค ๐๐๑๙/ว ๕๓๑', None)
>>> unwrap_control(sdt)
>>> find_control(body, NUMBER_TAG) is None, "".join(body.itertext())
(True, 'นค ๐๐๑๙/ว ๕๓๑')
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from lxml import etree

from ..errors import UserError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_PART = "docProps/custom.xml"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
#: The format id Word gives every user-defined custom property.
USER_DEFINED_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"

NUMBER_TAG = "gen-letter:number"
DATE_TAG = "gen-letter:date"
DRAFT_TAG = "gen-letter:draft-mark"
NUMBER_ALIAS = "เลขที่หนังสือ"
DATE_ALIAS = "วันที่"
DRAFT_ALIAS = "ร่าง"
DRAFT_TEXT = "ร่าง – ยังไม่ได้ออกเลขที่"
SPEC_PROPERTY = "GenLetterSpec"
VERSION_PROPERTY = "GenLetterVersion"
DRAFT_PROPERTY = "GenLetterDraft"     # a new id for every rendered draft

_BLOCK_CONTAINERS = {f"{W}hdr", f"{W}ftr", f"{W}tc", f"{W}body", f"{W}txbxContent",
                     f"{W}footnote", f"{W}endnote", f"{W}comment"}
_BLOCK_ELEMENTS = {f"{W}p", f"{W}tbl", f"{W}sdt"}


# --- content controls ---------------------------------------------------------------------------

def control_xml(tag: str, alias: str, content_xml: str, *, placeholder: bool = True) -> str:
    """The XML of a content control (``w:sdt``) around ready-made content XML (runs or paragraphs).

    The caller gives runs for an inline control and paragraphs for a block control.
    ``placeholder=True`` marks the content as Word's placeholder text, so a reviewer who clicks in
    the control replaces it at once.

    >>> control_xml("t", "a", "<w:r><w:t>x</w:t></w:r>", placeholder=False)  # doctest: +ELLIPSIS
    '<w:sdt><w:sdtPr><w:alias w:val="a"/><w:tag w:val="t"/>...<w:sdtContent><w:r><w:t>x</w:t></w:r></w:sdtContent></w:sdt>'
    """
    flag = "<w:showingPlcHdr/>" if placeholder else ""
    # A control around runs holds plain text only (w:text); a block control holds paragraphs.
    kind = "" if "<w:p" in content_xml else "<w:text/>"
    return (f'<w:sdt><w:sdtPr><w:alias w:val="{_attr(alias)}"/><w:tag w:val="{_attr(tag)}"/>'
            f"{flag}{kind}</w:sdtPr><w:sdtContent>{content_xml}</w:sdtContent></w:sdt>")


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def find_control(root: etree._Element, tag: str) -> etree._Element | None:
    """The first content control (``w:sdt``) under ``root`` whose ``w:tag`` is ``tag``, or None.

    ``root`` is any parsed part: ``document.xml``, a header, a footer.
    """
    for sdt in root.iter(f"{W}sdt"):
        tag_el = sdt.find(f"{W}sdtPr/{W}tag")
        if tag_el is not None and tag_el.get(f"{W}val") == tag:
            return sdt
    return None


def find_controls(root: etree._Element, tag: str) -> list[etree._Element]:
    """Every content control under ``root`` tagged ``tag``, in document order."""
    return [sdt for sdt in root.iter(f"{W}sdt")
            if (t := sdt.find(f"{W}sdtPr/{W}tag")) is not None and t.get(f"{W}val") == tag]


def control_text(sdt: etree._Element) -> str:
    """The plain text shown inside a content control."""
    content = sdt.find(f"{W}sdtContent")
    if content is None:
        return ""
    return "".join(t.text or "" for t in content.iter(f"{W}t"))


def set_control_text(sdt: etree._Element, text: str) -> None:
    """Replace what a content control shows with ``text``.

    The first run keeps its formatting (``w:rPr``) and gets the text; every other run inside the
    control is dropped. The placeholder flag is cleared: the content is now real text.
    """
    content = sdt.find(f"{W}sdtContent")
    if content is None:
        content = etree.SubElement(sdt, f"{W}sdtContent")
    runs = list(content.iter(f"{W}r"))
    if runs:
        first = runs[0]
        for other in runs[1:]:
            other.getparent().remove(other)
        for child in list(first):
            if child.tag != f"{W}rPr":
                first.remove(child)
    else:
        paragraph = content.find(f"{W}p")
        first = etree.SubElement(paragraph if paragraph is not None else content, f"{W}r")
    t = etree.SubElement(first, f"{W}t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    sdt_pr = sdt.find(f"{W}sdtPr")
    if sdt_pr is not None:
        for flag in sdt_pr.findall(f"{W}showingPlcHdr"):
            sdt_pr.remove(flag)


def remove_control(sdt: etree._Element) -> None:
    """Delete a content control and everything in it.

    A header, footer or table cell must keep at least one paragraph (the schema requires one), so
    an empty paragraph is left when the control was the only block there.
    """
    parent = sdt.getparent()
    if parent is None:
        return
    parent.remove(sdt)
    if parent.tag in _BLOCK_CONTAINERS and parent.tag != f"{W}body":
        if not any(child.tag in _BLOCK_ELEMENTS for child in parent):
            etree.SubElement(parent, f"{W}p")


def unwrap_control(sdt: etree._Element) -> None:
    """Keep a content control's content in place and remove the control around it."""
    parent = sdt.getparent()
    if parent is None:
        return
    index = parent.index(sdt)
    content = sdt.find(f"{W}sdtContent")
    children = list(content) if content is not None else []
    parent.remove(sdt)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)


# --- custom document properties -----------------------------------------------------------------

def _open_package(docx: str | Path | bytes) -> zipfile.ZipFile:
    """Open a DOCX (path or bytes) as a zip within the package limits, or raise UserError when
    it is not one."""
    from .package import read_package

    name = "<bytes>" if isinstance(docx, (bytes, bytearray)) else str(docx)
    package = read_package(docx, name=name)
    if "[Content_Types].xml" not in package.namelist() or "word/document.xml" not in package.namelist():
        package.close()
        raise UserError("is not a DOCX file (no word/document.xml)", file=name)
    return package


def read_properties(docx: str | Path | bytes) -> dict[str, str]:
    """All custom document properties of a DOCX (path or bytes) as text, ``{}`` when it has none.

    Raises :class:`~generator.errors.UserError` when the file is not a DOCX package.
    """
    from .package import read_part

    name = "<bytes>" if isinstance(docx, (bytes, bytearray)) else str(docx)
    with _open_package(docx) as package:
        if CUSTOM_PART not in package.namelist():
            return {}
        data = read_part(package, CUSTOM_PART, name)
    return properties_of_xml(data, name)


def properties_of_xml(data: bytes, name: str = "<bytes>") -> dict[str, str]:
    """The custom properties in ``docProps/custom.xml`` bytes; a DTD or malformed XML there is a
    UserError naming the file (a draft's properties decide what is issued)."""
    from .package import parse_xml

    root = parse_xml(data, part=CUSTOM_PART, name=name)
    props = {}
    for prop in root.findall(f"{{{CUSTOM_NS}}}property"):
        value = prop[0].text if len(prop) else ""
        props[prop.get("name", "")] = value or ""
    return props


def read_spec_property(docx_path: str | Path | bytes) -> dict | None:
    """The letter spec stored in a draft (``GenLetterSpec``), or None when the DOCX has none.

    None means the document "was not made by gen-letter". A file that is not a DOCX at all raises
    :class:`~generator.errors.UserError`.
    """
    value = read_properties(docx_path).get(SPEC_PROPERTY)
    if not value:
        return None
    try:
        spec = json.loads(value)
    except json.JSONDecodeError:
        return None
    return spec if isinstance(spec, dict) else None


def custom_properties_xml(properties: dict[str, str]) -> bytes:
    """``docProps/custom.xml`` holding ``properties`` as text (``vt:lpwstr``) values.

    >>> b'name="GenLetterSpec"' in custom_properties_xml({"GenLetterSpec": "{}"})
    True
    """
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    for pid, (name, value) in enumerate(properties.items(), start=2):
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property",
                                fmtid=USER_DEFINED_FMTID, pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def spec_properties(spec: dict) -> dict[str, str]:
    """The two custom properties gen-letter writes: the spec as JSON and the generator version."""
    from .. import __version__

    return {SPEC_PROPERTY: json.dumps(spec, ensure_ascii=False, sort_keys=True, default=str),
            VERSION_PROPERTY: __version__}


def with_custom_part(parts: dict[str, bytes], properties: dict[str, str]) -> dict[str, bytes]:
    """Package parts (name → bytes) with ``docProps/custom.xml`` added or merged, wired in
    (content type override and package relationship)."""
    parts = dict(parts)
    merged: dict[str, str] = {}
    if CUSTOM_PART in parts:
        try:
            old = etree.fromstring(parts[CUSTOM_PART])
            for prop in old.findall(f"{{{CUSTOM_NS}}}property"):
                merged[prop.get("name", "")] = (prop[0].text if len(prop) else "") or ""
        except etree.XMLSyntaxError:
            pass
    merged.update(properties)
    parts[CUSTOM_PART] = custom_properties_xml(merged)

    types = etree.fromstring(parts["[Content_Types].xml"])
    if not any(o.get("PartName") == "/" + CUSTOM_PART for o in types.findall(f"{{{CT_NS}}}Override")):
        etree.SubElement(types, f"{{{CT_NS}}}Override", PartName="/" + CUSTOM_PART, ContentType=CUSTOM_CT)
        parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8",
                                                      standalone=True)
    rels = etree.fromstring(parts["_rels/.rels"])
    if not any(r.get("Type") == CUSTOM_REL for r in rels.findall(f"{{{REL_NS}}}Relationship")):
        ids = {r.get("Id") for r in rels}
        n = 1
        while f"rId{n}" in ids:
            n += 1
        etree.SubElement(rels, f"{{{REL_NS}}}Relationship", Id=f"rId{n}", Type=CUSTOM_REL,
                         Target=CUSTOM_PART)
        parts["_rels/.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8",
                                              standalone=True)
    return parts


def custom_properties_of(parts: dict[str, bytes]) -> dict[str, str]:
    """The custom properties held by package parts (``{}`` when none)."""
    if CUSTOM_PART not in parts:
        return {}
    try:
        root = etree.fromstring(parts[CUSTOM_PART])
    except etree.XMLSyntaxError:
        return {}
    return {prop.get("name", ""): ((prop[0].text if len(prop) else "") or "")
            for prop in root.findall(f"{{{CUSTOM_NS}}}property")}


def remove_draft_marks(parts: dict[str, bytes]) -> int:
    """Delete the draft stamp from every header of a package's parts (name → bytes, changed in
    place); returns how many stamps were removed.

    >>> from generator.paths import stock_templates_dir
    >>> stock = read_parts((stock_templates_dir() / "external.docx").read_bytes())
    >>> parts = {"word/header1.xml": stock["word/header1.xml"]}
    >>> remove_draft_marks(parts), DRAFT_TEXT in parts["word/header1.xml"].decode()
    (1, False)
    """
    removed = 0
    for name in [n for n in parts if n.startswith("word/header") and n.endswith(".xml")]:
        root = etree.fromstring(parts[name])
        controls = find_controls(root, DRAFT_TAG)
        for sdt in controls:
            remove_control(sdt)
        if controls:
            removed += len(controls)
            parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                         standalone=True)
    return removed


def read_parts(docx_bytes: bytes) -> dict[str, bytes]:
    """Every part of a DOCX package, name → bytes, in package order (within the limits of
    :func:`generator.docx.package.read_package`)."""
    from .package import read_package, read_part

    with read_package(docx_bytes) as package:
        return {info.filename: read_part(package, info.filename, "<bytes>")
                for info in package.infolist()}


def write_parts(parts: dict[str, bytes]) -> bytes:
    """A DOCX package from parts (name → bytes); ``[Content_Types].xml`` goes first."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        order = ["[Content_Types].xml"] + [n for n in parts if n != "[Content_Types].xml"]
        for name in order:
            package.writestr(name, parts[name])
    return buffer.getvalue()


def write_spec_property(docx: bytes | Any, spec: dict) -> bytes | None:
    """Store ``spec`` (and the generator version) as custom properties of a DOCX.

    ``docx`` is either the package as bytes — the new package bytes are returned — or a
    python-docx ``Document``, which is changed in place (returns None; save it afterwards).
    Existing custom properties with other names are kept.
    """
    properties = spec_properties(spec)
    if isinstance(docx, (bytes, bytearray)):
        return write_parts(with_custom_part(read_parts(bytes(docx)), properties))
    # A python-docx Document: add or replace the part in its package.
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = docx.part.package
    merged: dict[str, str] = {}
    existing = None
    for rel in package.rels.values():
        if rel.reltype == RT.CUSTOM_PROPERTIES and not rel.is_external:
            existing = rel.target_part
    if existing is not None:
        try:
            old = etree.fromstring(existing.blob)
            for prop in old.findall(f"{{{CUSTOM_NS}}}property"):
                merged[prop.get("name", "")] = (prop[0].text if len(prop) else "") or ""
        except etree.XMLSyntaxError:
            pass
    merged.update(properties)
    blob = custom_properties_xml(merged)
    if existing is not None:
        existing._blob = blob
    else:
        part = Part(PackURI("/" + CUSTOM_PART), CUSTOM_CT, blob, package)
        package.relate_to(part, RT.CUSTOM_PROPERTIES)
    return None
