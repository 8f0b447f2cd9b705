"""DOCX → PDF/A-2b with LibreOffice headless, set in TH Sarabun New or its metric-twin stand-in.

Conversions go through a LibreOffice this process keeps up (:mod:`generator.pdf.office`: a UNO
worker under the system Python, a time limit per document, a fresh start after a crash or a
hang, one office per core for :func:`convert_many`). Each document is loaded, its layout read,
continuation marks put at the foot of its continued pages (:mod:`generator.pdf.marks`), and
exported as PDF/A-2b ("SelectPdfVersion" 2). Where no Python with LibreOffice's ``uno`` module is
found, all files go through one ``soffice --headless --convert-to`` start instead, with its own
throw-away user profile and a time limit, and the PDF has no continuation marks.

Fonts (:mod:`generator.pdf.fonts`). Where TH Sarabun New (or TH SarabunPSK) is installed the PDF
uses it. Where it is not, LibreOffice runs with a private fontconfig file that maps the TH Sarabun
names to a copy of Laksaman rebuilt with TH Sarabun New's advance widths and vertical metrics, so
the DOCX is converted as it is, at its own sizes, and its lines and pages break where TH Sarabun
New breaks them; :attr:`Conversion.notice` says once that this happened. (An earlier design
converted through ODT to set Laksaman at 1/1.5 of each size; a font with the right metrics made
that rewriting unnecessary.)

LibreOffice 7.4 draws Word's Thai-digit list labels with Arabic digits, so the converted copy
carries its list labels as text (:func:`generator.docx.numbering.with_literal_numbers`). It
also draws Thai page numbers with Arabic digits: through UNO the loaded document's page styles
are set to native numbering (Thai digits in Thai text); the ``--convert-to`` way converts
DOCX → ODT → PDF, the page-number fields set to ODF's native numbering on the way
(:mod:`generator.pdf.odf`).

Justification. LibreOffice reads Word's Thai distributed justification (``thaiDistribute``) as
flush left, so the converted copy says ``both`` instead
(:func:`generator.docx.layout.with_block_justification`), and LibreOffice spreads each line but
a paragraph's last to the margins. Only from LibreOffice 25.2 on (:data:`JUSTIFIES_THAI`; Debian
bookworm-backports, which ``.ci/debian-packages`` installs): 7.4 (bookworm) draws a vowel or tone
mark after the space it adds to the mark's letter (measured: ``ภาคี`` with ``ี`` 6.6 pt right of
``ค``, on the page and in the text layer), so with 7.4 body paragraphs stay flush left.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..docx.layout import starts_pages, with_block_justification
from ..docx.numbering import page_number_formats, with_literal_numbers
from ..docx.package import Package
from .. import scratch
from ..errors import UserError
from . import office
from .marks import continuation_marks
from .odf import native_page_numbers
from .fonts import FAMILY, SARABUN, font_environment, font_installed, font_plan  # noqa: F401

#: The PDF export filter with PDF/A-2b selected ("SelectPdfVersion" 2 = PDF/A-2b).
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
DEFAULT_TIMEOUT = 180.0
#: The first LibreOffice known to justify Thai with every vowel and tone mark on its letter
#: (25.2.3, bookworm-backports; 7.4.7, bookworm, splits them).
JUSTIFIES_THAI = (25, 2)


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


@lru_cache(maxsize=None)
def libreoffice_version(program: str) -> tuple[int, ...]:
    """The version ``program --version`` states (``LibreOffice 25.2.3.2 …`` → (25, 2, 3, 2)),
    or () when it states none."""
    try:
        said = subprocess.run([program, "--version"], capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ()
    return version_stated(said)


def version_stated(said: str) -> tuple[int, ...]:
    """The version in LibreOffice's ``--version`` line.

    >>> version_stated("LibreOffice 7.4.7.2 40(Build:2)")
    (7, 4, 7, 2)
    >>> version_stated("no such program")
    ()
    """
    found = re.search(r"LibreOffice (\d+(?:\.\d+)*)", said)
    return tuple(int(part) for part in found.group(1).split(".")) if found else ()


def for_libreoffice(docx: bytes, program: str) -> bytes:
    """The copy of a DOCX LibreOffice converts: list labels as text
    (:func:`~generator.docx.numbering.with_literal_numbers`) and, where the LibreOffice
    justifies Thai whole (:data:`JUSTIFIES_THAI`), distributed paragraphs justified."""
    data = with_literal_numbers(docx)
    if libreoffice_version(program) >= JUSTIFIES_THAI:
        data = with_block_justification(data)
    return data


def names_sarabun(docx: bytes | Package) -> bool:
    """Whether a DOCX names a TH Sarabun font in any of its WordprocessingML parts."""
    package = Package.read(docx)
    return any(name.encode() in data
               for part, data in package.parts.items()
               if part.startswith("word/") and part.endswith(".xml") for name in SARABUN)


def convert(pairs: list[tuple[Path, Path]], *, timeout: float = DEFAULT_TIMEOUT,
            workers: int = 1) -> Conversion:
    """Convert each DOCX to the PDF/A-2b path beside it in ``pairs`` ((docx, pdf), ...).

    Through the LibreOffice this process keeps up (:mod:`generator.pdf.office`), on ``workers``
    offices at once; ``timeout`` is each document's limit. Where no Python with LibreOffice's
    ``uno`` module is found, all files go through one ``soffice --convert-to`` start instead
    (two when pages are numbered in Thai), without continuation marks. A PDF that already
    exists is overwritten: callers write into a folder of their own.
    """
    if not pairs:
        return Conversion([])
    program = soffice_command()
    if office.uno_python() is None:
        return _convert_by_subprocess(program, pairs, timeout)
    _runnable_or_error(program)
    with scratch.folder("pdf") as folder:
        work = Path(folder)
        jobs, used = [], False
        for index, (docx, target) in enumerate(pairs):
            if not Path(docx).is_file():
                raise UserError("no such file", file=str(docx))
            data = for_libreoffice(Path(docx).read_bytes(), program)
            package = Package.read(data, name=str(docx))
            used = used or names_sarabun(package)
            copy = work / f"{index}.docx"
            copy.write_bytes(data)
            jobs.append(_Job(Path(docx), copy, Path(target), work / f"{index}.pdf",
                             "thaiNumbers" in page_number_formats(package),
                             starts_pages(package)))
        env, notice = font_environment(office.OFFICES.folder_for(os.environ.get("FONTCONFIG_FILE")),
                                       used)
        office.run_jobs(jobs, lambda o, job: _convert_one(o, job, timeout), program, env, workers)
    return Conversion([Path(p) for _d, p in pairs], notice)


def convert_many(pairs: list[tuple[Path, Path]], *, workers: int | None = None,
                 timeout: float = DEFAULT_TIMEOUT) -> Conversion:
    """A batch: :func:`convert` on ``workers`` LibreOffices at once (default: one per core)."""
    return convert(pairs, timeout=timeout, workers=workers or office.default_workers())


def to_pdf(docx: Path, pdf: Path, *, timeout: float = DEFAULT_TIMEOUT) -> Conversion:
    """Convert one DOCX to PDF/A-2b at ``pdf``."""
    return convert([(docx, pdf)], timeout=timeout)


@dataclass(frozen=True)
class _Job:
    docx: Path          # as the caller named it (for messages)
    copy: Path          # the copy LibreOffice opens (list labels as text)
    target: Path
    made: Path
    thai_pages: bool
    starts_pages: bool  # whether any page may begin a part (else none is looked for)


def _convert_one(running: office.Office, job: _Job, timeout: float) -> None:
    """One document on one office: load, read the layout, mark the pages, export; a crashed
    LibreOffice is started afresh and the document tried once more."""
    for attempt in (1, 2):
        deadline = time.monotonic() + timeout
        try:
            answer = running.request({"op": "layout", "docx": str(job.copy),
                                      "thai_pages": job.thai_pages,
                                      "starts_pages": job.starts_pages}, deadline)
            if "error" not in answer:
                pages = [office.Page(p["start"], p["table"], p["fresh"]) for p in answer["pages"]]
                answer = running.request({"op": "export", "pdf": str(job.made),
                                          "marks": continuation_marks(pages)}, deadline)
        except TimeoutError:
            raise UserError(f"LibreOffice did not finish converting {job.docx} within "
                            f"{timeout:g} s") from None
        except office.OfficeGone as gone:
            if attempt == 2:
                raise UserError(f"LibreOffice could not convert {job.docx} to PDF: {gone}") from None
            continue
        if "error" in answer or not job.made.is_file() or job.made.stat().st_size == 0:
            raise UserError(f"LibreOffice could not convert {job.docx} to PDF"
                            f"{': ' + answer['error'] if 'error' in answer else ''}")
        job.target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(job.made, job.target)
        return


def _runnable_or_error(program: str) -> None:
    found = shutil.which(program)
    if found is None:
        raise UserError(f"cannot run LibreOffice ({program}): no such program",
                        hint="install libreoffice-writer-nogui or set GEN_LETTER_SOFFICE")


def _convert_by_subprocess(program: str, pairs: list[tuple[Path, Path]],
                           timeout: float) -> Conversion:
    """All files through one ``soffice --convert-to`` start (two when pages are numbered in
    Thai: DOCX → ODT, fields set to native numbering, → PDF)."""
    with scratch.folder("pdf") as folder:
        work = Path(folder)
        inputs = work / "in"
        inputs.mkdir()
        sources, used, thai_pages = [], False, False
        for index, (docx, _pdf) in enumerate(pairs):
            if not Path(docx).is_file():
                raise UserError("no such file", file=str(docx))
            copy = inputs / f"{index}.docx"  # distinct names: one output folder for all
            # LibreOffice draws Word's Thai-digit list labels with Arabic digits: convert a copy
            # whose labels are plain text, so the PDF shows what Word shows.
            data = for_libreoffice(Path(docx).read_bytes(), program)
            used = used or names_sarabun(data)
            thai_pages = thai_pages or "thaiNumbers" in page_number_formats(data)
            copy.write_bytes(data)
            sources.append(copy)
        env, notice = font_environment(work, used)
        if thai_pages:  # Thai page digits: through ODT, where native numbering can be said
            odts = _run(program, work, "odt", sources, timeout, pairs, env)
            for odt in odts:
                odt.write_bytes(native_page_numbers(odt.read_bytes()))
            sources = odts
        pdfs = _run(program, work, PDFA_FILTER, sources, timeout, pairs, env)
        for made, (_docx, target) in zip(pdfs, pairs):
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            shutil.move(made, target)
    return Conversion([Path(p) for _d, p in pairs], notice)


def _run(program: str, work: Path, target: str, sources: list[Path], timeout: float,
         pairs: list[tuple[Path, Path]], env: dict[str, str]) -> list[Path]:
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
                                   stdin=subprocess.DEVNULL, start_new_session=True, env=env)
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

_PDFAID = "http://www.aiim.org/pdfa/ns/id/"


def pdfa_identification(pdf: Path | bytes) -> tuple[str | None, str | None]:
    """The PDF/A part and conformance a PDF claims in its XMP metadata, e.g. ``("2", "B")``.

    The metadata is the document's own (the catalog's ``/Metadata`` stream, read with pyHanko,
    as PDF/A requires it there), parsed as XML without DTDs or entities. ``(None, None)`` when
    it claims none, or the file is no readable PDF.
    """
    import io

    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    from ..docx.package import parse_xml

    data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
    try:
        metadata = PdfFileReader(io.BytesIO(data), strict=False).root.get("/Metadata")
        packet = metadata.get_object().data if metadata is not None else None
    except (PdfError, ValueError, KeyError, TypeError, AttributeError):
        return None, None
    if not packet:
        return None, None
    try:
        root = parse_xml(packet, part="XMP metadata")
    except UserError:
        return None, None
    for description in root.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description"):
        part = description.get(f"{{{_PDFAID}}}part") or description.findtext(f"{{{_PDFAID}}}part")
        conformance = (description.get(f"{{{_PDFAID}}}conformance")
                       or description.findtext(f"{{{_PDFAID}}}conformance"))
        if part:
            return part.strip(), (conformance or "").strip() or None
    return None, None
