"""Join Word documents into one: the letter first, then each attachment in its own section.

python-docx and docxtpl cannot append one package to another (docxtpl's sub-documents copy the
body only: no headers, footers or section rules), and docxcompose is not a dependency; so the
join is done here on the package's XML, as :mod:`generator.docx` keeps all raw XML work.

For each appended document:

- its body (all but the final section properties) follows the previous document; the previous
  document's last section is closed by a paragraph carrying its section properties, so each
  attachment starts on a new page (section break "next page") with its own headers, footers,
  margins and page numbering (restarted at 1);
- the parts its body and section use (headers, footers, images, and the parts those refer to)
  are copied under new names, with new relationship ids, and the references in the copied XML
  (``r:id``, ``r:embed``, ``r:link``) are rewritten; content types come along;
- styles the first document lacks are added (a style id both have keeps the first document's
  definition: the stock templates share theirs);
- numbering definitions are added with new ids (``w:abstractNumId``, ``w:numId``) and the
  paragraphs' ``w:numId`` rewritten, so lists do not run on from the letter;
- drawing ids (``wp:docPr/@id``) are renumbered to stay unique.

The result passes :func:`generator.docx.package.check_package` (the bundle tests check it).
"""

from __future__ import annotations

import posixpath
import re

from lxml import etree

from . import NAMESPACES, qn

from .build import el, xml_bytes
from .package import Package, parse_xml, write_package


#: Document-level parts that exist once per package: merged (styles, numbering) or kept from the
#: first document (settings, fonts, theme…), never copied.
_SINGLETONS = {"styles", "stylesWithEffects", "settings", "webSettings", "fontTable", "theme",
               "numbering", "customXml", "glossaryDocument", "people", "commentsExtended",
               "commentsIds", "footnotes", "endnotes", "comments"}
_DOCUMENT = "word/document.xml"


def _xml(tree) -> bytes:
    return xml_bytes(tree)


def _parse(parts: dict[str, bytes], part: str):
    return parse_xml(parts[part], part=part)


def _rels_name(part: str) -> str:
    folder, _, file = part.rpartition("/")
    return f"{folder}/_rels/{file}.rels" if folder else f"_rels/{file}.rels"


def _content_type(parts: dict[str, bytes], part: str) -> str | None:
    types = _parse(parts, "[Content_Types].xml")
    for override in types.iter(qn("ct:Override")):
        if override.get("PartName").lower() == "/" + part.lower():
            return override.get("ContentType")
    ext = part.rpartition(".")[2].lower()
    for default in types.iter(qn("ct:Default")):
        if default.get("Extension").lower() == ext:
            return default.get("ContentType")
    return None


class _Merged:
    """The package being built: parts, content types and the document's relationships, parsed
    once from the first document's :class:`~generator.docx.package.Package`."""

    def __init__(self, docx: bytes | Package):
        self.parts = dict(Package.read(docx).parts)
        self.types = _parse(self.parts, "[Content_Types].xml")
        self.doc = _parse(self.parts, _DOCUMENT)
        self.body = self.doc.find(qn("w:body"))
        self.rels = _parse(self.parts, _rels_name(_DOCUMENT))
        self.styles = _parse(self.parts, "word/styles.xml") \
            if "word/styles.xml" in self.parts else None
        self.numbering = _parse(self.parts, "word/numbering.xml") \
            if "word/numbering.xml" in self.parts else None
        self.names = {n.lower() for n in self.parts}
        self.doc_pr = max([int(e.get("id", "0")) for e in self.doc.iter(qn("wp:docPr"))
                           if e.get("id", "0").isdigit()] + [0])
        self.serial = 0

    def free_name(self, part: str) -> str:
        folder, _, file = part.rpartition("/")
        stem, dot, ext = file.rpartition(".")
        stem = re.sub(r"\d+$", "", stem) or "part"
        n = 1
        while True:
            candidate = f"{folder}/{stem}{n}{dot}{ext}" if folder else f"{stem}{n}{dot}{ext}"
            if candidate.lower() not in self.names:
                self.names.add(candidate.lower())
                return candidate
            n += 1

    def add_part(self, name: str, blob: bytes, content_type: str | None) -> None:
        self.parts[name] = blob
        ext = name.rpartition(".")[2].lower()
        defaults = {d.get("Extension").lower(): d.get("ContentType")
                    for d in self.types.iter(qn("ct:Default"))}
        if content_type and defaults.get(ext) != content_type:
            etree.SubElement(self.types, qn("ct:Override"), PartName="/" + name,
                             ContentType=content_type)

    def new_rel_id(self) -> str:
        self.serial += 1
        return f"rIdMerged{self.serial}"


def _copy_related(target: _Merged, source: dict[str, bytes], part: str, new_part: str,
                  blob: bytes) -> bytes:
    """Copy the parts that ``part`` (copied as ``new_part``) refers to; returns its XML with the
    relationship ids unchanged (its own rels file is rewritten to the new targets)."""
    rels_name = _rels_name(part)
    if rels_name not in source:
        return blob
    rels = _parse(source, rels_name)
    folder = posixpath.dirname(part)
    for rel in rels:
        if rel.get("TargetMode") == "External":
            continue
        old = posixpath.normpath(posixpath.join(folder, rel.get("Target")))
        if old not in source:
            continue
        new = target.free_name(old)
        target.add_part(new, _copy_related(target, source, old, new, source[old]),
                        _content_type(source, old))
        rel.set("Target", posixpath.relpath(new, posixpath.dirname(new_part)))
    target.parts[_rels_name(new_part)] = _xml(rels)
    return blob


def _merge_styles(target: _Merged, source: dict[str, bytes]) -> None:
    if target.styles is None or "word/styles.xml" not in source:
        return
    have = {s.get(qn("w:styleId")) for s in target.styles.iter(qn("w:style"))}
    for style in _parse(source, "word/styles.xml").iter(qn("w:style")):
        if style.get(qn("w:styleId")) not in have:
            target.styles.append(style)


def _merge_numbering(target: _Merged, source: dict[str, bytes]) -> dict[str, str]:
    """Add the source's numbering with fresh ids; returns old numId → new numId."""
    if "word/numbering.xml" not in source:
        return {}
    numbering = _parse(source, "word/numbering.xml")
    if target.numbering is None:
        target.numbering = etree.Element(qn("w:numbering"), nsmap={"w": NAMESPACES["w"]})
        target.add_part("word/numbering.xml", b"", "application/vnd.openxmlformats-"
                        "officedocument.wordprocessingml.numbering+xml")
        rel = etree.SubElement(target.rels, qn("rel:Relationship"))
        rel.set("Id", target.new_rel_id())
        rel.set("Type", NAMESPACES["r"] + "/numbering")
        rel.set("Target", "numbering.xml")
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in target.numbering.iter(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in target.numbering.iter(qn("w:num"))]
    next_abstract = max(abstract_ids + [-1]) + 1
    next_num = max(num_ids + [0]) + 1
    abstract_map = {}
    abstracts = list(numbering.iter(qn("w:abstractNum")))
    nums = list(numbering.iter(qn("w:num")))
    for abstract in abstracts:
        abstract_map[abstract.get(qn("w:abstractNumId"))] = str(next_abstract)
        abstract.set(qn("w:abstractNumId"), str(next_abstract))
        nsid = abstract.find(qn("w:nsid"))
        if nsid is not None:  # Word joins lists with the same nsid: make it unique
            nsid.set(qn("w:val"), f"{(int(nsid.get(qn('w:val')), 16) + next_abstract) & 0xFFFFFFFF:08X}")
        next_abstract += 1
    num_map = {}
    for num in nums:
        num_map[num.get(qn("w:numId"))] = str(next_num)
        num.set(qn("w:numId"), str(next_num))
        ref = num.find(qn("w:abstractNumId"))
        ref.set(qn("w:val"), abstract_map.get(ref.get(qn("w:val")), ref.get(qn("w:val"))))
        next_num += 1
    # Schema order: every abstractNum before the first num.
    first_num = target.numbering.find(qn("w:num"))
    for abstract in abstracts:
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            target.numbering.append(abstract)
    for num in nums:
        target.numbering.append(num)
    return num_map


def _rewrite_references(element, rel_map: dict[str, str], num_map: dict[str, str],
                        target: _Merged) -> None:
    for node in element.iter():
        for attr in (qn("r:id"), qn("r:embed"), qn("r:link")):
            value = node.get(attr)
            if value is not None and value in rel_map:
                node.set(attr, rel_map[value])
        if node.tag == qn("w:numId") and node.get(qn("w:val")) in num_map:
            node.set(qn("w:val"), num_map[node.get(qn("w:val"))])
        if node.tag == qn("wp:docPr"):
            target.doc_pr += 1
            node.set("id", str(target.doc_pr))
        elif node.tag == qn("pic:cNvPr"):  # the picture's own id follows its drawing's
            node.set("id", str(target.doc_pr))


def _close_section(body) -> None:
    """Turn the body's final section properties into a section break at the end of the body."""
    sect = body.find(qn("w:sectPr"))
    if sect is None:
        return
    body.remove(sect)
    paragraph = etree.SubElement(body, qn("w:p"))
    ppr = etree.SubElement(paragraph, qn("w:pPr"))
    ppr.append(sect)


def _restart_pages(sect) -> None:
    number = sect.find(qn("w:pgNumType"))
    if number is None:
        number = etree.Element(qn("w:pgNumType"))
        # Schema order: pgNumType follows pgSz/pgMar/paperSrc/pgBorders/lnNumType.
        anchor = None
        for name in ("lnNumType", "pgBorders", "paperSrc", "pgMar", "pgSz"):
            anchor = sect.find(qn(f"w:{name}"))
            if anchor is not None:
                break
        if anchor is not None:
            anchor.addnext(number)
        else:
            sect.insert(0, number)
    number.set(qn("w:start"), "1")


#: An empty header or footer: its root element and its content type.
_EMPTY_STORY = {
    "header": ("w:hdr", "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"),
    "footer": ("w:ftr", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"),
}


def _own_headers(target: _Merged, body) -> None:
    """Give the first section of an appended document empty headers and footers where it has
    none: Word would otherwise carry the letter's (its draft mark, its page numbers) over."""
    sect = next(body.iter(qn("w:sectPr")), None)
    if sect is None:
        return
    types = ["default"] + (["first"] if sect.find(qn("w:titlePg")) is not None else [])
    for kind in ("footer", "header"):  # inserted at the front: headers end up first
        for which in types:
            if any(ref.get(qn("w:type"), "default") == which
                   for ref in sect.findall(qn(f"w:{kind}Reference"))):
                continue
            root, content_type = _EMPTY_STORY[kind]
            name = target.free_name(f"word/{kind}1.xml")
            target.add_part(name, xml_bytes(el(root, el("w:p"))), content_type)
            rel_id = target.new_rel_id()
            rel = etree.SubElement(target.rels, qn("rel:Relationship"))
            rel.set("Id", rel_id)
            rel.set("Type", f"{NAMESPACES['r']}/{kind}")
            rel.set("Target", posixpath.relpath(name, "word"))
            ref = etree.Element(qn(f"w:{kind}Reference"))
            ref.set(qn("w:type"), which)
            ref.set(qn("r:id"), rel_id)
            sect.insert(0, ref)


def merge(first: bytes | Package, *others: bytes | Package) -> bytes:
    """One DOCX: ``first`` (the letter, whose package settings and properties are kept), then
    each of ``others`` from a new page in its own section with its own headers and footers."""
    target = _Merged(first)
    for other in others:
        source = Package.read(other).parts
        doc = _parse(source, _DOCUMENT)
        body = doc.find(qn("w:body"))
        rels = _parse(source, _rels_name(_DOCUMENT))
        rel_map: dict[str, str] = {}
        for rel in rels:
            kind = rel.get("Type").rsplit("/", 1)[-1]
            if kind in _SINGLETONS:
                continue
            new_id = target.new_rel_id()
            rel_map[rel.get("Id")] = new_id
            copy = etree.SubElement(target.rels, qn("rel:Relationship"))
            copy.set("Id", new_id)
            copy.set("Type", rel.get("Type"))
            if rel.get("TargetMode") == "External":
                copy.set("Target", rel.get("Target"))
                copy.set("TargetMode", "External")
                continue
            old = posixpath.normpath(posixpath.join("word", rel.get("Target")))
            new = target.free_name(old)
            blob = _copy_related(target, source, old, new, source[old])
            if kind in ("header", "footer"):
                tree = parse_xml(blob, part=old)
                _rewrite_references(tree, {}, {}, target)
                blob = _xml(tree)
            target.add_part(new, blob, _content_type(source, old))
            copy.set("Target", posixpath.relpath(new, "word"))
        _merge_styles(target, source)
        num_map = _merge_numbering(target, source)
        if num_map:  # headers and footers copied above may use numbering too
            for name, blob in list(target.parts.items()):
                if name in {posixpath.normpath(posixpath.join("word", r.get("Target")))
                            for r in target.rels if r.get("Id") in rel_map.values()} \
                        and name.endswith(".xml"):
                    tree = parse_xml(blob, part=name)
                    _rewrite_references(tree, {}, num_map, target)
                    target.parts[name] = _xml(tree)
        _own_headers(target, body)
        _close_section(target.body)
        for child in list(body):
            _rewrite_references(child, rel_map, num_map, target)
            target.body.append(child)
        sect = target.body.find(qn("w:sectPr"))
        if sect is not None:
            _restart_pages(sect)
    target.parts[_DOCUMENT] = _xml(target.doc)
    target.parts[_rels_name(_DOCUMENT)] = _xml(target.rels)
    target.parts["[Content_Types].xml"] = _xml(target.types)
    if target.styles is not None:
        target.parts["word/styles.xml"] = _xml(target.styles)
    if target.numbering is not None:
        target.parts["word/numbering.xml"] = _xml(target.numbering)
    return write_package(target.parts)
