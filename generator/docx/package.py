"""The one package type, :class:`Package`, and the DOCX package check.

Every zip package gen-letter reads or writes goes through :class:`Package`: read once (from a
path or bytes) into its parts' bytes, in package order, within the limits below; its parts
replaced (:meth:`Package.replaced`, every other entry copied as it was) or written anew
(:func:`write_package`, ``[Content_Types].xml`` first, as Word writes it). Nothing outside
:mod:`generator.docx` opens a zip.

The check: is this a Word-clean package whose Thai text is set for complex script?
:func:`package_problems` lists what is wrong with a DOCX, one line per problem, and
:func:`check_package` raises a :class:`~generator.errors.UserError` naming them. ``issue`` runs it
on every stamped letter before archiving it; the tests run it on every rendered example.

What is checked:

- the zip opens and has no duplicate entries or parts (OPC part names compare without case);
- every part has a content type in ``[Content_Types].xml`` (an Override or a Default for its
  extension), and no part has two Overrides; the package has at most one core-properties part;
- every XML part (``*.xml``, ``*.rels``) is well-formed, and every internal relationship points at
  a part that exists;
- every XML part is valid against the Office Open XML schemas (ECMA-376 / ISO 29500 transitional,
  with the Office extension namespaces Word writes);
- every run whose text contains Thai gets a complex-script font (``w:rFonts/@w:cs``) and a
  complex-script size (``w:szCs``) through its own properties, its character style, its paragraph
  style or the document defaults (``thai-correspondence.md`` §9).

Schema validation: ``xmlschema`` or lxml would need the ECMA-376 XSD set, and the packages that
handle DOCX here ship none (no .xsd among python-docx's or docxtpl's files). The validator used
is ``openxml-audit`` (PyPI, MIT, pinned in pyproject): a pure-Python port of the Open XML SDK's
validator, shipping the SDK's schema constraints as data (the ISO 29500 transitional schemas plus
the Office extension namespaces Word writes, read through markup compatibility as Word reads
them). It finds, for instance, an element WordprocessingML does not allow where it stands. Only
its schema and markup-compatibility findings are used: its "semantic" checks also flag quirks of
python-docx's stock template (``stylesWithEffects.xml`` out of step with ``styles.xml``), which
are not schema matters, and the package and relationship rules are checked here directly.

Reading is bounded and safe, for every DOCX gen-letter opens (drafts from anyone, attachment Word
files): :meth:`Package.read` refuses a file larger than :data:`MAX_FILE`, more than
:data:`MAX_PARTS` parts, a part inflating beyond :data:`MAX_PART` or all of them beyond
:data:`MAX_INFLATED`, and a part over a megabyte that inflates more than :data:`MAX_RATIO` times
(a zip bomb) — from the sizes the zip directory states, before anything is inflated; a part whose
stored size lies is cut at the stated size by :mod:`zipfile` and fails its CRC check. Every XML part
is parsed by :func:`parse_xml`: no DTD (a ``<!DOCTYPE`` is refused — WordprocessingML has none, and
it is where entity bombs and external entities live), no entity expansion, no network, and
libxml2's default depth and size limits (``huge_tree`` off). Each refusal is one
:class:`~generator.errors.UserError` naming the file and the part.
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .. import scratch
from ..errors import UserError

from . import NAMESPACES, qn

CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

THAI = re.compile("[\u0e00-\u0e7f]")
#: Story parts whose runs are checked for complex-script font properties.
_STORY = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")
#: Limits on any DOCX read (see the module docstring).
MAX_FILE = 64 * 2**20
MAX_PARTS = 2000
MAX_PART = 64 * 2**20
MAX_INFLATED = 256 * 2**20
MAX_RATIO = 100

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          dtd_validation=False, huge_tree=False)


def parse_xml(data: bytes, *, part: str = "<xml>", name: str | None = None) -> etree._Element:
    """Parse one XML part safely: a DTD is refused, entities are never expanded, nothing is
    fetched; a malformed part is a UserError naming the file and the part.

    >>> parse_xml(b"<a><b/></a>").tag
    'a'
    >>> parse_xml(b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', part="word/document.xml")
    Traceback (most recent call last):
    generator.errors.UserError: word/document.xml: has a DTD (<!DOCTYPE>), which a Word document never has
    """
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise UserError(f"{part}: not well-formed XML ({error})", file=name) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise UserError(f"{part}: has a DTD (<!DOCTYPE>), which a Word document never has",
                        file=name)
    return root


def check_limits(infos: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse a package whose zip directory announces too many or too large parts.

    >>> info = zipfile.ZipInfo("word/document.xml"); info.file_size = 2**30; info.compress_size = 2**20
    >>> check_limits([info], "d.docx")
    Traceback (most recent call last):
    generator.errors.UserError: d.docx: word/document.xml inflates to 1024 MB, more than the 64 MB a part may have
    """
    if len(infos) > MAX_PARTS:
        raise UserError(f"has {len(infos)} parts, more than the {MAX_PARTS} a package may have",
                        file=name)
    total = 0
    for info in infos:
        size = info.file_size
        if size > MAX_PART:
            raise UserError(f"{info.filename} inflates to {size // 2**20} MB, more than the "
                            f"{MAX_PART // 2**20} MB a part may have", file=name)
        if size > 2**20 and size > MAX_RATIO * max(info.compress_size, 1):
            raise UserError(f"{info.filename} inflates {size // max(info.compress_size, 1)} "
                            f"times (a zip bomb?); at most {MAX_RATIO} times is accepted",
                            file=name)
        total += size
    if total > MAX_INFLATED:
        raise UserError(f"inflates to {total // 2**20} MB, more than the "
                        f"{MAX_INFLATED // 2**20} MB a package may have", file=name)


def _open_zip(source: str | Path | bytes, name: str, what: str) -> tuple[bytes, zipfile.ZipFile]:
    """The file's bytes and the zip over them, within the limits; a UserError naming the file
    when it cannot be read, is too large, is not a zip or announces too much."""
    try:
        if not isinstance(source, (bytes, bytearray)) and Path(source).stat().st_size > MAX_FILE:
            raise UserError(f"is larger than the {MAX_FILE // 2**20} MB a DOCX may be", file=name)
        data = bytes(source) if isinstance(source, (bytes, bytearray)) else Path(source).read_bytes()
    except OSError as error:
        raise UserError(f"cannot read the file: {error.strerror}", file=name) from None
    if len(data) > MAX_FILE:
        raise UserError(f"is larger than the {MAX_FILE // 2**20} MB a DOCX may be", file=name)
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise UserError(f"is not {what} (not a zip package)", file=name) from None
    try:
        check_limits(package.infolist(), name)
    except UserError:
        package.close()
        raise
    return data, package


def _read_entry(package: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """One entry's bytes; a damaged entry is a UserError naming the file and the part."""
    try:
        return package.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as error:
        raise UserError(f"{info.filename}: the zip entry is damaged ({error})", file=name) from None


#: The parts without which a file is not a DOCX.
DOCX_PARTS = ("[Content_Types].xml", "word/document.xml")


@dataclass(frozen=True)
class Package:
    """A zip package read once, or built from parts: every part's bytes, in package order.

    This is the one package type: every DOCX gen-letter reads or writes goes through it (the
    template engine, issuing, the bundle, the text reader, the PDF copies), and so does the ODT
    copy LibreOffice makes for the PDF (:mod:`generator.pdf.odf`), a zip package too.
    ``data`` and ``infos`` are the bytes and zip entries it was read from (``None`` and ``()``
    for a package built from parts).

    >>> package = Package("letter.docx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<d/>"})
    >>> again = Package.read(package.to_bytes(), name="letter.docx")
    >>> list(again.parts), again.xml("word/document.xml").tag
    (['[Content_Types].xml', 'word/document.xml'], 'd')
    >>> Package.read(b"PK not a zip", name="x.docx")
    Traceback (most recent call last):
    generator.errors.UserError: x.docx: is not a DOCX file (not a zip package)
    """

    name: str
    parts: dict[str, bytes]
    data: bytes | None = None
    infos: tuple[zipfile.ZipInfo, ...] = ()

    @classmethod
    def read(cls, source: str | Path | bytes | Package, *, name: str | None = None,
             require: tuple[str, ...] = DOCX_PARTS, what: str = "a DOCX file") -> "Package":
        """Read a package (path or bytes) within the limits; a UserError naming the file when it
        is not a zip package, is beyond the limits or lacks one of the ``require``d parts.
        A :class:`Package` given is returned as it is (read once per operation)."""
        if isinstance(source, Package):
            return source
        name = name or ("<bytes>" if isinstance(source, (bytes, bytearray)) else str(source))
        data, package = _open_zip(source, name, what)
        with package:
            infos = tuple(package.infolist())
            parts = {info.filename: _read_entry(package, info, name)
                     for info in infos if not info.filename.endswith("/")}
        missing = next((part for part in require if part not in parts), None)
        if missing is not None:
            shown = "word/document.xml" if require == DOCX_PARTS else missing
            raise UserError(f"is not {what} (no {shown})", file=name)
        return cls(name, parts, data, infos)

    def xml(self, part: str) -> etree._Element:
        """A part parsed with :func:`parse_xml`."""
        return parse_xml(self.parts[part], part=part, name=self.name)

    def replaced(self, changed: dict[str, bytes]) -> bytes:
        """The package's bytes with the named parts replaced by new bytes, every other entry
        copied with its own zip metadata (name, date, compression, order), so only the parts in
        ``changed`` differ. python-docx offers no way to write one part without re-serialising
        the others, hence this small zip copy. A package built from parts is written whole.

        >>> package = Package("p", {"a.xml": b"<a/>", "b.xml": b"<b/>"})
        >>> out = Package.read(Package.read(package.to_bytes(), require=()).replaced({"b.xml": b"<c/>"}),
        ...                    require=())
        >>> out.parts
        {'a.xml': b'<a/>', 'b.xml': b'<c/>'}
        """
        missing = set(changed) - set(self.parts)
        if missing:
            raise ValueError(f"no such parts: {sorted(missing)}")
        if self.data is None:
            return write_package({**self.parts, **changed})
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for info in self.infos:
                data = changed.get(info.filename)
                target.writestr(info, self.parts.get(info.filename, b"") if data is None else data)
        return buffer.getvalue()

    def to_bytes(self, *, compresslevel: int | None = None) -> bytes:
        """The package's parts written as a new zip (see :func:`write_package`)."""
        return write_package(self.parts, compresslevel=compresslevel)


def write_package(parts: dict[str, bytes], *, compresslevel: int | None = None,
                  stored: tuple[str, ...] = ()) -> bytes:
    """A package's bytes from its parts (name → bytes): ``[Content_Types].xml`` first, as Word
    writes it, then the others in order. ``compresslevel`` is zlib's (1 is fastest); the parts
    named in ``stored`` are not compressed (an ODF package's ``mimetype``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as package:
        order = (["[Content_Types].xml"] if "[Content_Types].xml" in parts else []) + [
            name for name in parts if name != "[Content_Types].xml"]
        for name in order:
            package.writestr(name, parts[name],
                             compress_type=zipfile.ZIP_STORED if name in stored else None)
    return buffer.getvalue()


def replace_parts(docx: bytes, changed: dict[str, bytes]) -> bytes:
    """The package ``docx`` with the named parts replaced by new bytes; every other part unchanged
    (:meth:`Package.replaced`).

    >>> docx = write_package({"a.xml": b"<a/>", "b.xml": b"<b/>"})
    >>> Package.read(replace_parts(docx, {"b.xml": b"<c/>"}), require=()).parts
    {'a.xml': b'<a/>', 'b.xml': b'<c/>'}
    """
    return Package.read(docx, require=()).replaced(changed)


# --- the check ---------------------------------------------------------------------------------

def package_problems(docx: str | Path | bytes | Package, *, schema: bool = True) -> list[str]:
    """Every problem found in a DOCX package (a path, bytes or a :class:`Package` read already),
    one line each; ``[]`` when it is clean.

    ``schema=False`` skips the schema validation (the slowest step, about half a second).
    A file that is not a zip at all raises :class:`~generator.errors.UserError`.
    """
    package = Package.read(docx, require=())
    problems: list[str] = []
    seen: dict[str, str] = {}
    for info in package.infos:
        key = info.filename.lower()
        if key in seen:
            problems.append(f"{info.filename}: duplicate part (also {seen[key]})")
        else:
            seen[key] = info.filename
    parts = package.parts

    trees: dict[str, etree._Element] = {}
    for name, data in parts.items():
        if name.endswith((".xml", ".rels")):
            try:
                trees[name] = parse_xml(data, part=name)
            except UserError as error:
                problems.append(error.message)
    # The schema validator reads the package itself: only worth running on sound XML.
    sound = not problems

    problems += _content_type_problems(parts, trees)
    problems += _relationship_problems(parts, trees)
    problems += _thai_font_problems(trees)
    if schema and sound:
        problems += _schema_problems(docx if not isinstance(docx, Package)
                                     else docx.data if docx.data is not None else docx.to_bytes())
    return problems


def check_package(docx: str | Path | bytes | Package, *, schema: bool = True,
                  name: str | None = None) -> None:
    """Raise a UserError naming the file and its first problems when the package is not clean."""
    problems = package_problems(docx, schema=schema)
    if problems:
        shown = "; ".join(problems[:3]) + (f"; and {len(problems) - 3} more" if len(problems) > 3 else "")
        label = name or (docx.name if isinstance(docx, Package) else
                         "<bytes>" if isinstance(docx, (bytes, bytearray)) else str(docx))
        raise UserError(f"the DOCX package is not valid: {shown}", file=label)


def _content_type_problems(parts: dict[str, bytes], trees: dict[str, etree._Element]) -> list[str]:
    types = trees.get("[Content_Types].xml")
    if types is None:
        return [] if "[Content_Types].xml" in parts else ["[Content_Types].xml: missing"]
    defaults = {d.get("Extension", "").lower() for d in types.iter(qn("ct:Default"))}
    overrides: dict[str, int] = {}
    for override in types.iter(qn("ct:Override")):
        key = override.get("PartName", "").lower()
        overrides[key] = overrides.get(key, 0) + 1
    problems = [f"[Content_Types].xml: {key} has {count} Overrides"
                for key, count in overrides.items() if count > 1]
    for name in parts:
        if name == "[Content_Types].xml":
            continue
        extension = name.rsplit(".", 1)[-1].lower() if "." in posixpath.basename(name) else ""
        if "/" + name.lower() not in overrides and extension not in defaults:
            problems.append(f"{name}: not listed in [Content_Types].xml")
    for key in overrides:
        if key.lstrip("/") not in {n.lower() for n in parts}:
            problems.append(f"[Content_Types].xml: Override for a missing part {key}")
    return problems


def _relationship_problems(parts: dict[str, bytes], trees: dict[str, etree._Element]) -> list[str]:
    problems = []
    lower = {n.lower() for n in parts}
    for name, root in trees.items():
        if not name.endswith(".rels"):
            continue
        folder = posixpath.dirname(posixpath.dirname(name))  # word/_rels/x.xml.rels → word
        cores = 0
        for rel in root.iter(qn("rel:Relationship")):
            if rel.get("Type") == CORE_REL:
                cores += 1
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            if path.lower() not in lower:
                problems.append(f"{name}: relationship {rel.get('Id')} points at a missing part {path}")
        if cores > 1:
            problems.append(f"{name}: {cores} core-properties relationships (Word refuses the file)")
    return problems


# --- complex-script properties on Thai runs ----------------------------------------------------

class _Styles:
    """What a run inherits: document defaults, paragraph and character styles (with basedOn)."""

    def __init__(self, root: etree._Element | None):
        self.styles: dict[str, etree._Element] = {}
        self.default_paragraph: str | None = None
        self.defaults: etree._Element | None = None
        if root is None:
            return
        self.defaults = root.find("w:docDefaults/w:rPrDefault/w:rPr", NAMESPACES)
        for style in root.iter(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if style_id:
                self.styles[style_id] = style
                if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true", "on"):
                    self.default_paragraph = style_id

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """The rPr of a style and of every style it is based on, nearest first."""
        found, seen = [], set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            rpr = style.find(qn("w:rPr"))
            if rpr is not None:
                found.append(rpr)
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return found


def _thai_font_problems(trees: dict[str, etree._Element]) -> list[str]:
    styles = _Styles(trees.get("word/styles.xml"))
    problems = []
    for name, root in trees.items():
        if not _STORY.match(name):
            continue
        for run in root.iter(qn("w:r")):
            text = "".join(t.text or "" for t in run.iter(qn("w:t")))
            if not THAI.search(text):
                continue
            missing = _missing_cs(run, styles)
            if missing:
                problems.append(f"{name}: Thai run {text[:30]!r} has no {' or '.join(missing)}")
    return problems


def _missing_cs(run: etree._Element, styles: _Styles) -> list[str]:
    """Which of the complex-script font and size a run does not get from anywhere."""
    layers: list[etree._Element] = []
    rpr = run.find(qn("w:rPr"))
    if rpr is not None:
        layers.append(rpr)
        rstyle = rpr.find(qn("w:rStyle"))
        if rstyle is not None:
            layers += styles.chain(rstyle.get(qn("w:val")))
    paragraph = next((a for a in run.iterancestors(qn("w:p"))), None)
    pstyle_id = styles.default_paragraph
    if paragraph is not None:
        pstyle = paragraph.find("w:pPr/w:pStyle", NAMESPACES)
        if pstyle is not None:
            pstyle_id = pstyle.get(qn("w:val"))
    layers += styles.chain(pstyle_id)
    if styles.defaults is not None:
        layers.append(styles.defaults)
    has_font = any((f := layer.find(qn("w:rFonts"))) is not None and f.get(qn("w:cs")) for layer in layers)
    has_size = any(layer.find(qn("w:szCs")) is not None for layer in layers)
    return [what for what, ok in (("complex-script font (w:rFonts/@w:cs)", has_font),
                                  ("complex-script size (w:szCs)", has_size)) if not ok]


# --- schema validation -------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _validator():
    from openxml_audit import OpenXmlValidator

    # Semantic checks off: see the module docstring.
    return OpenXmlValidator(semantic_validation=False, max_errors=50)


def _schema_problems(docx: str | Path | bytes) -> list[str]:
    from openxml_audit import ValidationErrorType, ValidationSeverity

    wanted = {ValidationErrorType.SCHEMA, ValidationErrorType.MARKUP_COMPATIBILITY}
    if isinstance(docx, (bytes, bytearray)):
        with scratch.folder("check") as folder:
            path = Path(folder) / "letter.docx"
            path.write_bytes(bytes(docx))
            result = _validator().validate(path)
    else:
        result = _validator().validate(Path(docx))
    return [f"{e.part_uri.lstrip('/')}: {e.description}" + (f" at {e.path}" if e.path else "")
            for e in result.errors
            if e.error_type in wanted and e.severity == ValidationSeverity.ERROR]
