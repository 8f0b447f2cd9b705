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

>>> run = el("w:r", el("w:rPr", el("w:b")), el("w:t", "นค ๐๐๑๙/ว ......"))
>>> body = el("w:body", el("w:p", control(NUMBER_TAG, "เลขที่หนังสือ", run)))
>>> sdt = find_control(body, NUMBER_TAG)
>>> control_text(sdt)
'นค ๐๐๑๙/ว ......'
>>> set_control_text(sdt, "นค ๐๐๑๙/ว ๕๓๑")
>>> control_text(sdt), sdt.find("w:sdtPr/w:showingPlcHdr", NAMESPACES)
('นค ๐๐๑๙/ว ๕๓๑', None)
>>> unwrap_control(sdt)
>>> find_control(body, NUMBER_TAG) is None, "".join(body.itertext())
(True, 'นค ๐๐๑๙/ว ๕๓๑')
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import UserError
from . import NAMESPACES, qn
from .build import el, xml_bytes
from .package import parse_xml

CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_PART = "docProps/custom.xml"
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

_BLOCK_CONTAINERS = {qn("w:hdr"), qn("w:ftr"), qn("w:tc"), qn("w:body"), qn("w:txbxContent"),
                     qn("w:footnote"), qn("w:endnote"), qn("w:comment")}
_BLOCK_ELEMENTS = {qn("w:p"), qn("w:tbl"), qn("w:sdt")}


# --- content controls ---------------------------------------------------------------------------

def control(tag: str, alias: str, *content: etree._Element,
            placeholder: bool = True) -> etree._Element:
    """A content control (``w:sdt``) around content elements: runs for an inline control (which
    then holds plain text only, ``w:text``), paragraphs for a block one; built with lxml.
    ``placeholder=True`` marks the content as Word's placeholder text.

    >>> from .build import fragment
    >>> fragment(control("t", "a", el("w:r", el("w:t", "x")), placeholder=False)).count("w:text")
    1
    """
    block = any(child.tag == qn("w:p") for child in content)
    return el("w:sdt",
              el("w:sdtPr", el("w:alias", val=alias), el("w:tag", val=tag),
                 el("w:showingPlcHdr") if placeholder else None,
                 None if block else el("w:text")),
              el("w:sdtContent", *content))


def find_control(root: etree._Element, tag: str) -> etree._Element | None:
    """The first content control (``w:sdt``) under ``root`` whose ``w:tag`` is ``tag``, or None.

    ``root`` is any parsed part: ``document.xml``, a header, a footer.
    """
    for sdt in root.iter(qn("w:sdt")):
        tag_el = sdt.find("w:sdtPr/w:tag", NAMESPACES)
        if tag_el is not None and tag_el.get(qn("w:val")) == tag:
            return sdt
    return None


def find_controls(root: etree._Element, tag: str) -> list[etree._Element]:
    """Every content control under ``root`` tagged ``tag``, in document order."""
    return [sdt for sdt in root.iter(qn("w:sdt"))
            if (t := sdt.find("w:sdtPr/w:tag", NAMESPACES)) is not None and t.get(qn("w:val")) == tag]


def control_text(sdt: etree._Element) -> str:
    """The plain text shown inside a content control."""
    content = sdt.find(qn("w:sdtContent"))
    if content is None:
        return ""
    return "".join(t.text or "" for t in content.iter(qn("w:t")))


def set_control_text(sdt: etree._Element, text: str) -> None:
    """Replace what a content control shows with ``text``.

    The first run keeps its formatting (``w:rPr``) and gets the text; every other run inside the
    control is dropped. The placeholder flag is cleared: the content is now real text.
    """
    content = sdt.find(qn("w:sdtContent"))
    if content is None:
        content = etree.SubElement(sdt, qn("w:sdtContent"))
    runs = list(content.iter(qn("w:r")))
    if runs:
        first = runs[0]
        for other in runs[1:]:
            other.getparent().remove(other)
        for child in list(first):
            if child.tag != qn("w:rPr"):
                first.remove(child)
    else:
        paragraph = content.find(qn("w:p"))
        first = etree.SubElement(paragraph if paragraph is not None else content, qn("w:r"))
    t = etree.SubElement(first, qn("w:t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    sdt_pr = sdt.find(qn("w:sdtPr"))
    if sdt_pr is not None:
        for flag in sdt_pr.findall(qn("w:showingPlcHdr")):
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
    if parent.tag in _BLOCK_CONTAINERS and parent.tag != qn("w:body"):
        if not any(child.tag in _BLOCK_ELEMENTS for child in parent):
            etree.SubElement(parent, qn("w:p"))


def unwrap_control(sdt: etree._Element) -> None:
    """Keep a content control's content in place and remove the control around it."""
    parent = sdt.getparent()
    if parent is None:
        return
    index = parent.index(sdt)
    content = sdt.find(qn("w:sdtContent"))
    children = list(content) if content is not None else []
    parent.remove(sdt)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)


_STORY_PREFIXES = ("word/document", "word/header", "word/footer")


def stamp_parts(package, number_text: str, date_text: str) -> tuple[dict[str, bytes], dict[str, int]]:
    """The story parts of a :class:`~generator.docx.package.Package` with the number and date
    controls filled in (their text put in, Word's placeholder styling dropped, the control
    unwrapped) and the draft stamps removed; with how many controls of each tag were found.

    Only the parts holding gen-letter controls are returned (every other part keeps its bytes).
    """
    changed: dict[str, bytes] = {}
    counts = dict.fromkeys((NUMBER_TAG, DATE_TAG, DRAFT_TAG), 0)
    for part, data in package.parts.items():
        if not (part.startswith(_STORY_PREFIXES) and part.endswith(".xml")):
            continue
        if b"gen-letter:" not in data:
            continue
        root = package.xml(part)
        tree = root.getroottree()
        for tag, text in ((NUMBER_TAG, number_text), (DATE_TAG, date_text)):
            for sdt in find_controls(root, tag):
                _fill(sdt, text)
                counts[tag] += 1
        for sdt in find_controls(root, DRAFT_TAG):
            remove_control(sdt)
            counts[DRAFT_TAG] += 1
        changed[part] = etree.tostring(tree, xml_declaration=True, encoding="UTF-8",
                                       standalone=tree.docinfo.standalone)
    return changed, counts


def _fill(sdt: etree._Element, text: str) -> None:
    """Put the final text in a control, drop Word's placeholder styling, and unwrap it."""
    set_control_text(sdt, text)
    for rstyle in sdt.iter(qn("w:rStyle")):
        if rstyle.get(qn("w:val")) == "PlaceholderText":
            rstyle.getparent().remove(rstyle)
    unwrap_control(sdt)


# --- custom document properties -----------------------------------------------------------------

def read_properties(docx: str | Path | bytes) -> dict[str, str]:
    """All custom document properties of a DOCX (path, bytes or a read
    :class:`~generator.docx.package.Package`) as text, ``{}`` when it has none.

    Raises :class:`~generator.errors.UserError` when the file is not a DOCX package.
    """
    from .package import Package

    package = Package.read(docx)
    if CUSTOM_PART not in package.parts:
        return {}
    return properties_of_xml(package.parts[CUSTOM_PART], package.name)


def properties_of_xml(data: bytes, name: str = "<bytes>") -> dict[str, str]:
    """The custom properties in ``docProps/custom.xml`` bytes; a DTD or malformed XML there is a
    UserError naming the file (a draft's properties decide what is issued)."""
    from .package import parse_xml

    root = parse_xml(data, part=CUSTOM_PART, name=name)
    props = {}
    for prop in root.findall(qn("cup:property")):
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
    root = etree.Element(qn("cup:Properties"), nsmap={None: NAMESPACES["cup"], "vt": NAMESPACES["vt"]})
    for pid, (name, value) in enumerate(properties.items(), start=2):
        prop = etree.SubElement(root, qn("cup:property"),
                                fmtid=USER_DEFINED_FMTID, pid=str(pid), name=name)
        etree.SubElement(prop, qn("vt:lpwstr")).text = value
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
    merged = custom_properties_of(parts)
    merged.update(properties)
    parts[CUSTOM_PART] = custom_properties_xml(merged)

    types = parse_xml(parts["[Content_Types].xml"], part="[Content_Types].xml")
    if not any(o.get("PartName") == "/" + CUSTOM_PART for o in types.findall(qn("ct:Override"))):
        etree.SubElement(types, qn("ct:Override"), PartName="/" + CUSTOM_PART, ContentType=CUSTOM_CT)
        parts["[Content_Types].xml"] = xml_bytes(types)
    rels = parse_xml(parts["_rels/.rels"], part="_rels/.rels")
    if not any(r.get("Type") == CUSTOM_REL for r in rels.findall(qn("rel:Relationship"))):
        ids = {r.get("Id") for r in rels}
        n = 1
        while f"rId{n}" in ids:
            n += 1
        etree.SubElement(rels, qn("rel:Relationship"), Id=f"rId{n}", Type=CUSTOM_REL,
                         Target=CUSTOM_PART)
        parts["_rels/.rels"] = xml_bytes(rels)
    return parts


def custom_properties_of(parts: dict[str, bytes]) -> dict[str, str]:
    """The custom properties held by package parts (``{}`` when none, or when the part is not
    well-formed)."""
    if CUSTOM_PART not in parts:
        return {}
    try:
        root = parse_xml(parts[CUSTOM_PART], part=CUSTOM_PART)
    except UserError:
        return {}
    return {prop.get("name", ""): ((prop[0].text if len(prop) else "") or "")
            for prop in root.findall(qn("cup:property"))}


def remove_draft_marks(parts: dict[str, bytes]) -> int:
    """Delete the draft stamp from every header of a package's parts (name → bytes, changed in
    place); returns how many stamps were removed.

    >>> stamp = control(DRAFT_TAG, DRAFT_ALIAS, el("w:p", el("w:r", el("w:t", DRAFT_TEXT))))
    >>> parts = {"word/header1.xml": xml_bytes(el("w:hdr", stamp))}
    >>> remove_draft_marks(parts), DRAFT_TEXT in parts["word/header1.xml"].decode()
    (1, False)
    """
    removed = 0
    for name in [n for n in parts if n.startswith("word/header") and n.endswith(".xml")]:
        root = parse_xml(parts[name], part=name)
        controls = find_controls(root, DRAFT_TAG)
        for sdt in controls:
            remove_control(sdt)
        if controls:
            removed += len(controls)
            parts[name] = xml_bytes(root)
    return removed


def write_spec_property(docx: bytes | Any, spec: dict) -> bytes | None:
    """Store ``spec`` (and the generator version) as custom properties of a DOCX.

    ``docx`` is either the package as bytes — the new package bytes are returned — or a
    python-docx ``Document``, which is changed in place (returns None; save it afterwards).
    Existing custom properties with other names are kept.
    """
    properties = spec_properties(spec)
    if isinstance(docx, (bytes, bytearray)):
        from .package import Package, write_package

        return write_package(with_custom_part(Package.read(bytes(docx)).parts, properties))
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
            merged.update(properties_of_xml(existing.blob))
        except UserError:
            pass
    merged.update(properties)
    blob = custom_properties_xml(merged)
    if existing is not None:
        existing._blob = blob
    else:
        part = Part(PackURI("/" + CUSTOM_PART), CUSTOM_CT, blob, package)
        package.relate_to(part, RT.CUSTOM_PROPERTIES)
    return None
