"""Compile a DOCX letter template once, render many letters from it.

docxtpl re-reads the Word file, re-cleans its XML and recompiles the Jinja template for every
letter. Here a template is loaded once: every part is kept as bytes, the XML parts that hold
Jinja tags (document, headers, footers) are cleaned with docxtpl's own tag clean-up
(:meth:`docxtpl.DocxTemplate.patch_xml`, so the docxtpl dialect — ``{%p %}``, ``{%tr %}`` — and
tags that Word split across runs work as in docxtpl) and compiled once into Jinja templates. A
letter is then one Jinja render per part and one zip write.

Jinja runs with autoescape on (``&`` and ``<`` in a spec come out literally), undefined names as
errors, and in a sandbox: templates are files an office edits, not code.
"""

from __future__ import annotations

import hashlib
import io
import marshal
import os
import re
import sys
import threading
import zipfile
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..errors import UserError

_JINJA_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_NUM_ID = re.compile(r'<w:numId w:val="(\d+)"/>')
_TAGS = re.compile(r"<[^>]+>")


def _environment() -> SandboxedEnvironment:
    # finalize: a value the spec left out (None) prints as nothing, never as "None".
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined,
                                keep_trailing_newline=True,
                                finalize=lambda value: "" if value is None else value)


def _clean(xml: str) -> str:
    """docxtpl's tag clean-up, then one paragraph per source line (for error positions)."""
    from docxtpl import DocxTemplate

    xml = DocxTemplate.patch_xml(None, xml)  # uses no instance state
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def _near(source: str, lineno: int | None) -> str:
    """The visible text around a line of cleaned template XML, for error messages."""
    if not lineno:
        return ""
    lines = source.splitlines()
    text = _TAGS.sub("", " ".join(lines[max(lineno - 1, 0):lineno + 1])).strip()
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

    from .. import __version__

    key = hashlib.sha256(b"\0".join([
        name.encode(), blob, sys.version.encode(), jinja2.__version__.encode(),
        version("docxtpl").encode(), __version__.encode(), Path(__file__).read_bytes()])).hexdigest()
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

    It returns the drawing XML of an inline picture ``height_cm`` high (width from the image's
    proportions) and remembers which parts used it, so that only those get the relationship.
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
        pic_id = 9000 + self._count
        name = f"garuda.{self.extension}"
        drawing = (
            '</w:t></w:r><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{pic_id}" name="Garuda {self._count}" descr="{self.description}"/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/>'
            '</wp:cNvGraphicFramePr><a:graphic '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData '
            'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic '
            'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr>'
            f'<pic:cNvPr id="{pic_id}" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
            f'<a:blip r:embed="{self.REL_ID}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>'
            '</a:graphic></wp:inline></w:drawing></w:r><w:r><w:t xml:space="preserve">')
        return Markup(drawing)


class CompiledTemplate:
    """A letter template loaded and compiled once; :meth:`render` makes one letter's parts."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            with zipfile.ZipFile(self.path) as package:
                self.parts: dict[str, bytes] = {i.filename: package.read(i) for i in package.infolist()}
        except (OSError, zipfile.BadZipFile) as error:
            raise UserError(f"cannot read the letter template: {error}", file=str(self.path)) from None
        if "word/document.xml" not in self.parts:
            raise UserError("is not a Word document (no word/document.xml)", file=str(self.path))
        from ..docx import marks

        # Wire docProps/custom.xml in once; each letter then only writes its own properties.
        self.custom_properties = marks.custom_properties_of(self.parts)
        self.parts = marks.with_custom_part(self.parts, {})
        env = _environment()
        self.sources: dict[str, str] = {}
        self.templates = {}
        for name, blob in self.parts.items():
            if not _JINJA_PARTS.match(name):
                continue
            self.sources[name], self.templates[name] = self._compile(env, name, blob)
        numbering = self.parts.get("word/numbering.xml", b"").decode("utf-8")
        self.numbering = numbering
        match = re.search(r'<w:num w:numId="1"[^>]*>\s*<w:abstractNumId w:val="(\d+)"/>', numbering)
        self.list_abstract = match.group(1) if match else None

    def _compile(self, env: SandboxedEnvironment, name: str, blob: bytes):
        """Clean and compile one part, through the compiled-code cache when there is one."""
        cache = _cache_file(name, blob)
        if cache is not None:
            try:
                source, code = marshal.loads(cache.read_bytes())
                return source, env.template_class.from_code(env, code, env.make_globals(None))
            except (OSError, EOFError, ValueError, TypeError):
                pass
        source = _clean(blob.decode("utf-8"))
        try:
            code = env.compile(source)
        except TemplateSyntaxError as error:
            raise UserError(f"template error in {name}: {error.message}"
                            f"{_near(source, error.lineno)}", file=str(self.path),
                            hint="fix the {{ }} / {% %} tag in Word") from None
        if cache is not None:
            _write_cache(cache, marshal.dumps((source, code)))
        return source, env.template_class.from_code(env, code, env.make_globals(None))

    def render(self, context: dict[str, Any], *, list_starts: list[int] | None = None,
               garuda: Garuda | None = None) -> dict[str, bytes]:
        """The parts of one letter (name → bytes), everything but the rendered parts shared."""
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
            xml = xml.replace("\n<w:p", "<w:p")
            if name == "word/document.xml" and list_starts:
                xml, numbering = self._restart_lists(xml, list_starts)
                if numbering:
                    parts["word/numbering.xml"] = numbering.encode("utf-8")
            parts[name] = xml.encode("utf-8")
        if garuda is not None and garuda.used_in:
            _add_image(parts, garuda)
        return parts

    def _restart_lists(self, xml: str, list_starts: list[int]) -> tuple[str, str | None]:
        """Give each numbered list of the body its own numbering (a new ``w:num`` restarting at 1),
        so the second list counts from ๑ again. ``list_starts`` is the list index of each numbered
        paragraph in document order; nothing changes when the template's list paragraphs do not
        line up with it (an office changed the template's lists)."""
        if self.list_abstract is None or max(list_starts) == 0:
            return xml, None
        matches = [m for m in _NUM_ID.finditer(xml) if m.group(1) == "1"]
        if len(matches) != len(list_starts):
            return xml, None
        out, last = [], 0
        for match, index in zip(matches, list_starts):
            out.append(xml[last:match.start()])
            out.append(f'<w:numId w:val="{1 if index == 0 else 100 + index}"/>')
            last = match.end()
        out.append(xml[last:])
        overrides = "".join(f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="1"/></w:lvlOverride>'
                            for lvl in range(9))
        nums = "".join(f'<w:num w:numId="{100 + i}"><w:abstractNumId w:val="{self.list_abstract}"/>'
                       f"{overrides}</w:num>" for i in range(1, max(list_starts) + 1))
        numbering = self.numbering.replace("</w:numbering>", nums + "</w:numbering>")
        return "".join(out), numbering


def _add_image(parts: dict[str, bytes], garuda: Garuda) -> None:
    """Add the Garuda image part and a relationship to it from each part that shows it."""
    media = f"word/media/garuda.{garuda.extension}"
    parts[media] = garuda.image
    for part in garuda.used_in:
        folder, _, file = part.rpartition("/")
        rels_name = f"{folder}/_rels/{file}.rels"
        rels = parts.get(rels_name, (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                     f'<Relationships xmlns="{_REL_NS}"></Relationships>').encode())
        rel = (f'<Relationship Id="{Garuda.REL_ID}" Type="{_IMAGE_REL}" '
               f'Target="media/garuda.{garuda.extension}"/>')
        parts[rels_name] = rels.decode("utf-8").replace("</Relationships>", rel + "</Relationships>").encode()
    types = parts["[Content_Types].xml"].decode("utf-8")
    ext = garuda.extension
    if f'Extension="{ext}"' not in types:
        content_type = "image/png" if ext == "png" else "image/jpeg"
        types = types.replace("</Types>", f'<Default Extension="{ext}" ContentType="{content_type}"/></Types>')
        parts["[Content_Types].xml"] = types.encode("utf-8")


def write_package(parts: dict[str, bytes]) -> bytes:
    """The DOCX bytes of a package's parts; ``[Content_Types].xml`` first, as Word writes it."""
    buffer = io.BytesIO()
    # Level 1: a letter is small, and the fastest level keeps batches quick.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", parts["[Content_Types].xml"])
        for name, blob in parts.items():
            if name != "[Content_Types].xml":
                package.writestr(name, blob)
    return buffer.getvalue()


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


