"""Compile a DOCX letter template once, render many letters from it.

docxtpl re-reads the Word file, re-cleans its XML and recompiles the Jinja template for every
letter. Here a template is read once (:class:`~generator.docx.package.Package`, within the
package limits): every part is kept as bytes, the XML parts that hold Jinja tags (document,
headers, footers) are cleaned with docxtpl's own tag clean-up
(:meth:`docxtpl.DocxTemplate.patch_xml`, so the docxtpl dialect — ``{%p %}``, ``{%tr %}`` — and
tags that Word split across runs work as in docxtpl) and compiled once into Jinja templates.

Before the clean-up each paragraph is put on a line of its own — a line feed in the text before
every ``w:p``, set with lxml — so that Jinja's line numbers count paragraphs and an error names
the text of the paragraph it is in. WordprocessingML ignores that whitespace between block
elements; it is taken out again once a part is rendered.

A letter is then one Jinja render per part; each rendered part is parsed once and finished with
lxml: the rich text and pictures printed inside a ``w:t`` are moved to their places
(:func:`generator.docx.fragments.place_inline`), the body's numbered lists get their own
``w:num`` each (restarting at ๑), the Garuda image gets its relationship and content type, and
the body's last paragraph keeps with the close (:func:`generator.docx.layout.keep_with_close`).

Jinja runs with autoescape on (``&`` and ``<`` in a spec come out literally), undefined names as
errors, and in a sandbox: templates are files an office edits, not code.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import posixpath
import re
import sys
import threading
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup

from ..errors import UserError
from . import NAMESPACES, qn
from .build import XML_DECLARATION, el, fragment, xml_bytes
from .fragments import picture_run, place_inline
from .geometry import BODY_LIST_NUM_ID
from .package import Package, parse_xml, write_package

_JINJA_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
IMAGE_REL = NAMESPACES["r"] + "/image"
#: Where a restarted list's ``w:num`` ids begin (the template's own are below).
FIRST_RESTART_ID = 100
_IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg"}


def _environment() -> SandboxedEnvironment:
    # finalize: a value the spec left out (None) prints as nothing, never as "None".
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined,
                                keep_trailing_newline=True,
                                finalize=lambda value: "" if value is None else value)


def _lined(blob: bytes, name: str, file: str) -> tuple[str, list[str]]:
    """A part's XML text with a line feed before every paragraph, and the visible text of each
    line (the declaration's and the root's first lines empty; then one paragraph a line). A tag
    left open across paragraphs joins their lines when docxtpl cleans it: the error it causes
    is still named at its own paragraph."""
    try:
        root = parse_xml(blob, part=name, name=file)
    except UserError as error:
        raise UserError(f"cannot read the letter template: {error.message}", file=file) from None
    prefix = XML_DECLARATION.decode()
    texts = [""] * (prefix.count("\n") + 1)  # the declaration's lines, then the root's start
    for paragraph in root.iter(qn("w:p")):
        previous = paragraph.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + "\n"
        elif paragraph.getparent() is not None:
            parent = paragraph.getparent()
            parent.text = (parent.text or "") + "\n"
        texts.append("".join(t.text or "" for t in paragraph.iter(qn("w:t"))))
    return prefix + etree.tostring(root, encoding="unicode"), texts


def _unlined(root: etree._Element) -> None:
    """Take out the line feed :func:`_lined` put before each paragraph."""
    for paragraph in root.iter(qn("w:p")):
        previous = paragraph.getprevious()
        if previous is not None:
            if previous.tail and previous.tail.endswith("\n"):
                previous.tail = previous.tail[:-1] or None
        else:
            parent = paragraph.getparent()
            if parent is not None and parent.text and parent.text.endswith("\n"):
                parent.text = parent.text[:-1] or None


def _near(texts: list[str], lineno: int | None) -> str:
    """The visible text around a line of the template part, for error messages."""
    if not lineno:
        return ""
    text = " ".join(texts[max(lineno - 1, 0):lineno + 1]).strip()
    return f" near “{text[:80]}”" if text else ""


def _cache_dir() -> Path | None:
    """Where compiled templates are kept between runs (``GEN_LETTER_CACHE``, else the user's
    cache folder); None when caching is off (``GEN_LETTER_CACHE=off``)."""
    setting = os.environ.get("GEN_LETTER_CACHE")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "gen-letter" / "templates"


def _cache_file(name: str, blob: bytes) -> Path | None:
    """The cache file of one template part: keyed by its bytes and every version involved.

    Cleaning a part (docxtpl's tag clean-up) and compiling it with Jinja costs about a tenth of
    a second per template, which ``gen-letter new`` would otherwise pay on every run. Jinja's own
    bytecode cache works only with template loaders, so the compiled code is kept here with
    :mod:`marshal`, as Jinja's cache does.
    """
    folder = _cache_dir()
    if folder is None:
        return None
    from importlib.metadata import version

    import jinja2
    import lxml

    from .. import __version__

    key = hashlib.sha256(b"\0".join([
        name.encode(), blob, sys.version.encode(), jinja2.__version__.encode(),
        version("docxtpl").encode(), lxml.__version__.encode(), __version__.encode(),
        Path(__file__).read_bytes()])).hexdigest()
    return folder / f"{key}.bin"


def _write_cache(path: Path, data: bytes) -> None:
    """Store a cache entry; a cache that cannot be written is simply not used."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass


class Garuda:
    """The ``garuda(height_cm)`` function a template calls where the Garuda goes.

    It returns the picture's run ``height_cm`` high (width from the image's proportions), to be
    placed where the template prints it (:func:`generator.docx.fragments.place_inline`), and
    remembers which parts used it, so that only those get the relationship.
    """

    REL_ID = "rIdGenLetterGaruda"

    def __init__(self, image: bytes | None, extension: str, description: str = "ตราครุฑ"):
        self.image = image
        self.extension = extension
        self.description = description
        self.used_in: set[str] = set()
        self.current_part = ""
        self._count = 0
        if image:
            from docx.image.image import Image

            info = Image.from_blob(image)
            self.ratio = info.px_width / info.px_height
        else:
            self.ratio = 1.0

    def __call__(self, height_cm: float = 3.0) -> Markup:
        if not self.image:
            return Markup("")
        self.used_in.add(self.current_part)
        self._count += 1
        cy = int(float(height_cm) * 360000)
        cx = int(cy * self.ratio)
        run = picture_run(self.REL_ID, cx, cy, 9000 + self._count, f"Garuda {self._count}",
                          f"garuda.{self.extension}", self.description)
        return Markup(fragment(run))

    @property
    def media(self) -> str:
        return f"media/garuda.{self.extension}"


class CompiledTemplate:
    """A letter template loaded and compiled once; :meth:`render` makes one letter's parts."""

    def __init__(self, path: Path):
        self.path = Path(path)
        from . import marks

        package = Package.read(self.path, what="a Word document")
        # Wire docProps/custom.xml in once; each letter then only writes its own properties.
        self.custom_properties = marks.custom_properties_of(package.parts)
        self.parts = marks.with_custom_part(package.parts, {})
        env = _environment()
        self.sources: dict[str, list[str]] = {}
        self.templates = {}
        for name, blob in self.parts.items():
            if not _JINJA_PARTS.match(name):
                continue
            self.sources[name], self.templates[name] = self._compile(env, name, blob)
        self.list_abstract = None
        if "word/numbering.xml" in self.parts:
            numbering = parse_xml(self.parts["word/numbering.xml"], part="word/numbering.xml",
                                  name=str(self.path))
            for num in numbering.iter(qn("w:num")):
                abstract = num.find(qn("w:abstractNumId"))
                if num.get(qn("w:numId")) == str(BODY_LIST_NUM_ID) and abstract is not None:
                    self.list_abstract = abstract.get(qn("w:val"))
                    break

    def _compile(self, env: SandboxedEnvironment, name: str, blob: bytes):
        """Clean and compile one part, through the compiled-code cache when there is one."""
        cache = _cache_file(name, blob)
        if cache is not None:
            try:
                texts, code = marshal.loads(cache.read_bytes())
                return texts, env.template_class.from_code(env, code, env.make_globals(None))
            except (OSError, EOFError, ValueError, TypeError):
                pass
        from docxtpl import DocxTemplate

        lined, texts = _lined(blob, name, str(self.path))
        source = DocxTemplate.patch_xml(None, lined)  # uses no instance state
        try:
            code = env.compile(source)
        except TemplateSyntaxError as error:
            raise UserError(f"template error in {name}: {error.message}"
                            f"{_near(texts, error.lineno)}", file=str(self.path),
                            hint="fix the {{ }} / {% %} tag in Word") from None
        if cache is not None:
            _write_cache(cache, marshal.dumps((texts, code)))
        return texts, env.template_class.from_code(env, code, env.make_globals(None))

    def render(self, context: dict[str, Any], *, list_starts: list[int] | None = None,
               garuda: Garuda | None = None, keep_with_close: bool = False) -> dict[str, bytes]:
        """The parts of one letter (name → bytes), everything but the rendered parts shared.

        ``list_starts`` is the list index of each numbered body paragraph (see
        :meth:`_restart_lists`); ``keep_with_close`` keeps the body's last paragraph with the
        close (:func:`generator.docx.layout.keep_with_close`)."""
        parts = dict(self.parts)
        for name, template in self.templates.items():
            if garuda is not None:
                garuda.current_part = name
            try:
                xml = template.render(context)
            except TemplateError as error:
                lineno = getattr(error, "lineno", None)
                raise UserError(f"template error in {name}: {error.message or error}"
                                f"{_near(self.sources[name], lineno)}", file=str(self.path)) from None
            root = parse_xml(xml.encode("utf-8"), part=name, name=str(self.path))
            _unlined(root)
            place_inline(root)
            if name == "word/document.xml":
                if list_starts:
                    numbering = self._restart_lists(root, list_starts)
                    if numbering is not None:
                        parts["word/numbering.xml"] = xml_bytes(numbering)
                if keep_with_close:
                    from .layout import keep_with_close as keep

                    keep(root)
            parts[name] = xml_bytes(root)
        if garuda is not None and garuda.used_in:
            add_images(parts, {part: [(Garuda.REL_ID, garuda.media)] for part in garuda.used_in},
                       {garuda.media: garuda.image})
        return parts

    def _restart_lists(self, root: etree._Element,
                       list_starts: list[int]) -> etree._Element | None:
        """Give each numbered list of the body its own numbering (a new ``w:num`` restarting at 1),
        so the second list counts from ๑ again. ``list_starts`` is the list index of each numbered
        paragraph in document order; nothing changes when the template's list paragraphs do not
        line up with it (an office changed the template's lists). Returns the new numbering part's
        root, or None when nothing changed."""
        if self.list_abstract is None or max(list_starts) == 0:
            return None
        listed = [num_id for num_id in root.iter(qn("w:numId"))
                  if num_id.get(qn("w:val")) == str(BODY_LIST_NUM_ID)]
        if len(listed) != len(list_starts):
            return None
        for num_id, index in zip(listed, list_starts):
            if index:
                num_id.set(qn("w:val"), str(FIRST_RESTART_ID + index))
        numbering = parse_xml(self.parts["word/numbering.xml"], part="word/numbering.xml")
        for index in range(1, max(list_starts) + 1):
            numbering.append(el("w:num", el("w:abstractNumId", val=self.list_abstract),
                                [el("w:lvlOverride", el("w:startOverride", val=1), ilvl=level)
                                 for level in range(9)],
                                numId=FIRST_RESTART_ID + index))
        return numbering


def add_images(parts: dict[str, bytes], links: dict[str, list[tuple[str, str]]],
               media: dict[str, bytes]) -> None:
    """Add image parts and the relationships to them (changing ``parts`` in place).

    ``media`` maps each image's name under ``word/`` (``media/garuda.png``) to its bytes;
    ``links`` maps each part that shows images to its (relationship id, image name) pairs. A part
    without a relationships part gets one; each image's extension gets a content type Default
    when ``[Content_Types].xml`` has none.

    >>> parts = {"[Content_Types].xml": xml_bytes(el("ct:Types", nsmap=("ct",)))}
    >>> add_images(parts, {"word/document.xml": [("rId9", "media/a.png")]}, {"media/a.png": b"PNG"})
    >>> sorted(parts), b'Extension="png"' in parts["[Content_Types].xml"]
    (['[Content_Types].xml', 'word/_rels/document.xml.rels', 'word/media/a.png'], True)
    """
    for name, blob in media.items():
        parts[posixpath.join("word", name)] = blob
    for part, rels in links.items():
        folder, _, file = part.rpartition("/")
        rels_name = f"{folder}/_rels/{file}.rels"
        root = (parse_xml(parts[rels_name], part=rels_name) if rels_name in parts
                else etree.Element(qn("rel:Relationships"), nsmap={None: NAMESPACES["rel"]}))
        for rel_id, target in rels:
            etree.SubElement(root, qn("rel:Relationship"),
                             {"Id": rel_id, "Type": IMAGE_REL, "Target": target})
        parts[rels_name] = xml_bytes(root)
    types = parse_xml(parts["[Content_Types].xml"], part="[Content_Types].xml")
    known = {default.get("Extension", "").lower() for default in types.iter(qn("ct:Default"))}
    added = False
    for name in media:
        extension = name.rpartition(".")[2].lower()
        if extension not in known:
            etree.SubElement(types, qn("ct:Default"), {
                "Extension": extension,
                "ContentType": _IMAGE_TYPES.get(extension, "application/octet-stream")})
            known.add(extension)
            added = True
    if added:
        parts["[Content_Types].xml"] = xml_bytes(types)


_CACHE: dict[tuple, CompiledTemplate] = {}
_LOCK = threading.Lock()


def compiled(path: Path) -> CompiledTemplate:
    """The compiled template of ``path``, compiled once per file version (path, size, mtime)."""
    path = Path(path)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise UserError("letter template not found", file=str(path)) from None
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    with _LOCK:
        template = _CACHE.get(key)
        if template is None:
            template = CompiledTemplate(path)
            _CACHE[key] = template
    return template


def letter_package(parts: dict[str, bytes]) -> bytes:
    """A rendered letter's DOCX bytes: zlib's fastest level, since a letter is small and the
    fastest level keeps batches quick (:func:`~generator.docx.package.write_package`)."""
    return write_package(parts, compresslevel=1)
