"""DOCX → PDF/A-2b with LibreOffice headless, keeping TH Sarabun New's line and page breaks.

Every conversion runs ``soffice --headless`` with its own throw-away user profile
(``-env:UserInstallation``), so parallel runs never share or lock a profile, and with a time limit.
Several files convert in one ``soffice`` start (start-up costs seconds).

Font substitution. Letters are set in TH Sarabun New, which no package registry reachable here
carries. When fontconfig does not know it, LibreOffice would fall back to some other Thai font at
the same point size; the free fonts are drawn about 150% larger, so the PDF would paginate
differently from Word. Laksaman (Debian fonts-tlwg-laksaman) is TH Sarabun New's design drawn at
150.42%: set at size / 1.5042 it takes the same room, so lines and pages break where Word breaks
them. LibreOffice ignores fontconfig's scaling, so the sizes must change in the document itself,
and a DOCX can only say sizes in half points: LibreOffice truncates ``w:sz="10.64pt"`` to 10.5 pt
(1.3% small, enough to move a line break on every few lines), and 11 pt would be 3.4% large.
ODF keeps fractional sizes, so the substituted copy goes DOCX → ODT (LibreOffice) → names and
sizes rewritten in the ODT's styles → PDF/A; LibreOffice then holds 16 pt as 10.65 pt (it keeps
sizes in twentieths of a point), 0.1% from exact. The user's DOCX is never touched; :attr:`Conversion.notice` says once that this happened.

>>> scaled_size("16pt"), scaled_size("14pt"), scaled_size("58%")
('10.64pt', '9.31pt', '58%')
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .docx.numbering import with_literal_numbers
from .docx.package import replace_parts
from .errors import UserError

#: The PDF export filter with PDF/A-2b selected ("SelectPdfVersion" 2 = PDF/A-2b).
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
#: Font names of the official letter face; TH SarabunPSK is the same design.
SARABUN = ("TH Sarabun New", "TH SarabunPSK", "TH Sarabun PSK")
SUBSTITUTE = "Laksaman"
#: Laksaman is TH Sarabun New drawn at 150.42%.
SCALE = 1.5042
DEFAULT_TIMEOUT = 180.0

_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_SVG = "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}"
_SIZE_ATTRS = (f"{_FO}font-size", f"{_STYLE}font-size-asian", f"{_STYLE}font-size-complex")
_FAMILY_ATTRS = (f"{_SVG}font-family", f"{_FO}font-family", f"{_STYLE}font-family-asian",
                 f"{_STYLE}font-family-complex")


@dataclass(frozen=True)
class Conversion:
    """What a conversion made: the PDFs, in input order, and a notice when fonts were replaced."""

    pdfs: list[Path]
    notice: str | None = None


def soffice_command() -> str:
    """The LibreOffice program: ``GEN_LETTER_SOFFICE``, else ``soffice`` or ``libreoffice`` on PATH."""
    chosen = os.environ.get("GEN_LETTER_SOFFICE")
    if chosen:
        return chosen
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise UserError("LibreOffice is not installed (no soffice on PATH): it makes the PDF",
                    hint="install the Debian package libreoffice-writer-nogui")


def font_installed(family: str) -> bool:
    """Whether fontconfig knows a font family (False when fontconfig itself is missing)."""
    try:
        result = subprocess.run(["fc-list", f":family={family}", "family"], capture_output=True,
                                text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0 and bool(result.stdout.strip())


def font_plan(docx_files: list[Path]) -> tuple[list[str], str | None]:
    """The TH Sarabun names to replace by Laksaman in these documents, and the notice to give.

    Nothing to replace when the documents name no TH Sarabun font or it is installed. When
    neither it nor Laksaman is installed, LibreOffice falls back to some other font, and the
    notice says the PDF will paginate differently.
    """
    used = set()
    for path in docx_files:
        with zipfile.ZipFile(path) as package:
            for name in package.namelist():
                if name.startswith("word/") and name.endswith(".xml"):
                    data = package.read(name)
                    used.update(n for n in SARABUN if n.encode() in data)
    missing = [n for n in SARABUN if n in used and not font_installed(n)]
    if not missing:
        return [], None
    if not font_installed(SUBSTITUTE):
        return [], (f"neither {missing[0]} nor {SUBSTITUTE} is installed: the PDF uses another "
                    f"font and its lines and pages break differently from Word's "
                    f"(install fonts-tlwg-laksaman)")
    return missing, notice_for(missing)


def scaled_size(value: str) -> str:
    """A font size in points divided by :data:`SCALE`; relative sizes stay as they are."""
    match = re.fullmatch(r"([0-9]*\.?[0-9]+)pt", value.strip())
    if not match:
        return value
    return f"{float(match.group(1)) / SCALE:.2f}pt"


def substitute_fonts_in_odt(odt: bytes, names: list[str]) -> bytes:
    """An ODT with the fonts ``names`` replaced by Laksaman and every point size scaled to match.

    Every absolute size is scaled, not only those of runs in the replaced fonts: a letter is set in
    TH Sarabun New throughout (thai-correspondence.md §3), and ODF styles inherit sizes and fonts
    separately, so a per-run choice would need a full style resolution for text that should not
    exist in a letter.
    """
    quoted = {n for name in names for n in (name, f"'{name}'", f'"{name}"')}
    changed = {}
    with zipfile.ZipFile(io.BytesIO(odt)) as package:
        for part in ("content.xml", "styles.xml"):
            root = etree.fromstring(package.read(part))
            for element in root.iter():
                for attr in _FAMILY_ATTRS:
                    value = element.get(attr)
                    if value is not None and value.strip() in quoted:
                        element.set(attr, SUBSTITUTE)
                for attr in _SIZE_ATTRS:
                    value = element.get(attr)
                    if value is not None:
                        element.set(attr, scaled_size(value))
            changed[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return replace_parts(odt, changed)


def notice_for(names: list[str]) -> str:
    return (f"{names[0]} is not installed: the PDF uses {SUBSTITUTE} at 1/{SCALE} of each size, "
            f"which keeps {names[0]}'s line and page breaks")


def convert(pairs: list[tuple[Path, Path]], *, timeout: float = DEFAULT_TIMEOUT) -> Conversion:
    """Convert each DOCX to the PDF/A-2b path beside it in ``pairs`` ((docx, pdf), ...).

    All files go through one LibreOffice start (two when fonts are replaced). A PDF that already
    exists is overwritten: callers write into a folder of their own.
    """
    if not pairs:
        return Conversion([])
    program = soffice_command()
    with tempfile.TemporaryDirectory(prefix="gen-letter-pdf-") as folder:
        work = Path(folder)
        inputs = work / "in"
        inputs.mkdir()
        sources = []
        for index, (docx, _pdf) in enumerate(pairs):
            if not Path(docx).is_file():
                raise UserError("no such file", file=str(docx))
            copy = inputs / f"{index}.docx"  # distinct names: one output folder for all
            # LibreOffice draws Word's Thai-digit list labels with Arabic digits: convert a copy
            # whose labels are plain text, so the PDF shows what Word shows.
            copy.write_bytes(with_literal_numbers(Path(docx).read_bytes()))
            sources.append(copy)
        names, notice = font_plan(sources)
        if names:
            odts = _run(program, work, "odt", sources, timeout, pairs)
            for odt in odts:
                odt.write_bytes(substitute_fonts_in_odt(odt.read_bytes(), names))
            sources = odts
        pdfs = _run(program, work, PDFA_FILTER, sources, timeout, pairs)
        for made, (_docx, target) in zip(pdfs, pairs):
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            shutil.move(made, target)
    return Conversion([Path(p) for _d, p in pairs], notice)


def to_pdf(docx: Path, pdf: Path, *, timeout: float = DEFAULT_TIMEOUT) -> Conversion:
    """Convert one DOCX to PDF/A-2b at ``pdf``."""
    return convert([(docx, pdf)], timeout=timeout)


def _run(program: str, work: Path, target: str, sources: list[Path], timeout: float,
         pairs: list[tuple[Path, Path]]) -> list[Path]:
    """One soffice run converting ``sources`` to ``target`` (a --convert-to argument)."""
    extension = target.split(":", 1)[0]
    outdir = work / f"out-{extension}-{len(list(work.iterdir()))}"
    outdir.mkdir()
    profile = work / "profile"
    command = [program, "--headless", "--norestore", "--nolockcheck", "--nodefault",
               f"-env:UserInstallation={profile.as_uri()}", "--convert-to", target,
               "--outdir", str(outdir), *map(str, sources)]
    what = ", ".join(str(d) for d, _p in pairs)
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    except OSError as error:
        raise UserError(f"cannot run LibreOffice ({program}): {error.strerror}",
                        hint="install libreoffice-writer-nogui or set GEN_LETTER_SOFFICE") from None
    try:
        _out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # soffice runs as a wrapper and a child: end both
        process.communicate()
        raise UserError(f"LibreOffice did not finish converting {what} within {timeout:g} s") from None
    made = [outdir / f"{s.stem}.{extension}" for s in sources]
    lost = [s for s, m in zip(sources, made) if not m.is_file() or m.stat().st_size == 0]
    if process.returncode != 0 or lost:
        detail = " ".join(line for line in err.decode(errors="replace").splitlines()
                          if line.strip() and "javaldx" not in line)[-300:]
        raise UserError(f"LibreOffice could not convert {what} to {extension.upper()} "
                        f"(exit status {process.returncode}){': ' + detail if detail else ''}")
    return made


# --- checking the result -----------------------------------------------------------------------

_XMP = re.compile(rb"<x:xmpmeta.*?</x:xmpmeta>", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_PDFAID = "http://www.aiim.org/pdfa/ns/id/"


def pdfa_identification(pdf: Path | bytes) -> tuple[str | None, str | None]:
    """The PDF/A part and conformance a PDF claims in its XMP metadata, e.g. ``("2", "B")``.

    ``(None, None)`` when it claims none.
    """
    data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
    packets = _XMP.findall(data)
    if not packets:  # a compressed metadata stream
        for stream in _STREAM.findall(data):
            try:
                text = zlib.decompress(stream)
            except zlib.error:
                continue
            packets += _XMP.findall(text)
    for packet in packets:
        try:
            root = etree.fromstring(packet)
        except etree.XMLSyntaxError:
            continue
        for description in root.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description"):
            part = description.get(f"{{{_PDFAID}}}part") or description.findtext(f"{{{_PDFAID}}}part")
            conformance = (description.get(f"{{{_PDFAID}}}conformance")
                           or description.findtext(f"{{{_PDFAID}}}conformance"))
            if part:
                return part.strip(), (conformance or "").strip() or None
    return None, None
