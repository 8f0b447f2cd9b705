"""The combined letters-with-attachments convert to PDF with LibreOffice, and the QR codes in the
PDF's pictures read back as the exact links (decoded with zxing-cpp from the pages rendered by
pdftoppm: this proves the picture in the document, not only the data we fed segno)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator import pdf

from .conftest import EXAMPLES, render_bundle

zxingcpp = pytest.importorskip("zxingcpp")
Image = pytest.importorskip("PIL.Image")

STEMS = ["000_1f4fc82266ea5587", "001_5e28ea4e505824d1", "002_969013ac331ac01f",
         "003_94abadab182a54d7", "004_12dba536dbc2fd19"]
EXPECTED = {
    "000": {"https://chachoengsao.cdd.go.th/example/criteria-2566",
            "https://chachoengsao.cdd.go.th/example/plan-form-2566",
            "https://chachoengsao.cdd.go.th/example/report-system-2566"},
    "001": {f"https://nongkhai.cdd.go.th/example/{name}" for name in (
        "line-group", "targets-2566-2567", "target-form-2568", "guideline-2568", "forms-2568")},
    "002": {"https://forms.gle/ppGUYQsXQTE1wNS3A",
            "https://docs.google.com/spreadsheets/d/19AtVJtp21nnS9cjALrecsd5Sv_3LxsWdNGRIRyTuClc"
            "/edit?usp=sharing"},
    "003": set(),
    "004": {"https://ubonratchathani.cdd.go.th/example/practice-2566",
            "https://ubonratchathani.cdd.go.th/example/guideline-2566",
            "https://ubonratchathani.cdd.go.th/example/report-form-2566"},
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    """Every example letter with its attachments, converted in ONE LibreOffice batch."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("bundles")
    pairs = []
    for stem in STEMS:
        _, combined = render_bundle(EXAMPLES / "letters" / f"{stem}.yaml", EXAMPLES, draft=False)
        source = folder / f"{stem}.docx"
        source.write_bytes(combined)
        pairs.append((source, folder / f"{stem}.pdf"))
    pdf.convert(pairs)
    return {stem[:3]: target for stem, (_, target) in zip(STEMS, pairs)}


def _pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def _decoded(path: Path, into: Path) -> set[str]:
    subprocess.run(["pdftoppm", "-r", "150", "-gray", "-png", str(path), str(into / "page")],
                   check=True, timeout=120)
    found = set()
    for page in sorted(into.glob("page*.png")):
        with Image.open(page) as picture:
            found |= {barcode.text for barcode in zxingcpp.read_barcodes(picture)}
    return found


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_bundle_converts_to_pdf_a_with_the_attachments_after_the_letter(pdfs, key):
    made = pdfs[key]
    assert made.read_bytes().startswith(b"%PDF")
    assert pdf.pdfa_identification(made) == ("2", "B")
    assert _pages(made) >= 2          # the attachments start on a page after the letter


@pytest.mark.parametrize("key", ["000", "001", "002", "004"])
def test_qr_codes_read_back_from_the_pdf_as_the_exact_links(pdfs, key, tmp_path):
    assert _decoded(pdfs[key], tmp_path) == EXPECTED[key]
