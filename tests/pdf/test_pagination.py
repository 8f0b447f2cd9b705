"""The issued PDF of every example, made with the stand-in font and with the real TH Sarabun New,
breaks its pages at the same lines; the seeds' own page breaks; the Thai text layer.

TH Sarabun New is test data here (../shared/fonts, see its README): it is given to LibreOffice
for one process through a private fontconfig file, never installed, and the comparison skips
with the reason when the folder is absent.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from generator.issuing import issue
from generator.pdf import fonts

from tests.conftest import REPO, SEED_SPECS, copy_examples
from tests.issuing.conftest import soffice_or_skip

SHARED_FONTS = REPO.parent / "shared" / "fonts"
SPECS = SEED_SPECS  # the other kinds: tests/issuing/test_kinds.py
#: A Thai vowel or tone mark drawn above or below its letter: never a word of its own.
MARK_AFTER_SPACE = re.compile(r"\s[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]")


def _pages(pdf: Path, *options: str) -> list[list[str]]:
    """Each page's lines, white space removed (spaces in extracted Thai are the extractor's)."""
    text = subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [[re.sub(r"\s+", "", line) for line in page.splitlines() if line.strip()]
            for page in text.split("\f")[:-1]]


def _issue_all(folder: Path, monkeypatch, fontconfig: Path | None) -> dict[str, Path]:
    with monkeypatch.context() as patch:
        if fontconfig is not None:
            patch.setenv("FONTCONFIG_FILE", str(fontconfig))
        fonts.font_plan.cache_clear()
        workspace = copy_examples(folder / "examples")
        issued = {spec.name[:3]: issue(workspace / "letters" / spec.name, workspace).pdf
                  for spec in SPECS}
    fonts.font_plan.cache_clear()
    return issued


@pytest.fixture(scope="module")
def fallback(tmp_path_factory) -> dict[str, Path]:
    soffice_or_skip()
    if fonts.font_installed("TH Sarabun New"):
        pytest.skip("TH Sarabun New is installed here: the PDF does not use the stand-in")
    with pytest.MonkeyPatch.context() as patch:
        return _issue_all(tmp_path_factory.mktemp("fallback"), patch, None)


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> dict[str, Path]:
    soffice_or_skip()
    if not (SHARED_FONTS / "THSarabunNew.ttf").is_file():
        pytest.skip(f"TH Sarabun New (test data) is not at {SHARED_FONTS}: nothing to compare with")
    folder = tmp_path_factory.mktemp("real")
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
        '<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{SHARED_FONTS}</dir><cachedir>{folder / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FONTCONFIG_FILE", str(config))
        fonts.font_plan.cache_clear()
        assert fonts.font_installed("TH Sarabun New")
        issued = _issue_all(folder, patch, config)
    return issued


@pytest.mark.libreoffice
@pytest.mark.parametrize("seed", [s.name[:3] for s in SPECS])
def test_the_stand_in_breaks_pages_where_sarabun_does(fallback, real, seed):
    ours, theirs = _pages(fallback[seed]), _pages(real[seed])
    assert len(ours) == len(theirs)
    assert [page[:2] for page in ours] == [page[:2] for page in theirs]  # number line, first line
    assert ours == theirs  # in fact every line: same widths, same line height
    assert "LaksamanLetter" in subprocess.run(["pdffonts", str(fallback[seed])],
                                              capture_output=True, text=True).stdout


@pytest.mark.libreoffice
@pytest.mark.parametrize("seed", [s.name[:3] for s in SPECS])
def test_no_thai_mark_is_split_from_its_letter(fallback, seed):
    text = subprocess.run(["pdftotext", str(fallback[seed]), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert MARK_AFTER_SPACE.findall(text) == []
    assert "ตั้ง" in text or "นี้" in text


def _content(pages: list[list[str]]) -> list[list[str]]:
    """Each page's own lines: without its page number and without a running header (a line that
    opens more than one page, as a booklet's short title does)."""
    openers = [page[0] for page in pages if page]
    running = {line for line in openers if openers.count(line) > 1}
    return [[line for line in page if not re.fullmatch(r"-.+-", line) and line not in running]
            for page in pages]


@pytest.mark.libreoffice
@pytest.mark.parametrize("seed, begins", [("000", "๓.ประเมินผล"), ("001", "๓.พื้นที่"),
                                          ("002", "๔.ส่งเสริม")])
def test_the_seeds_page_breaks(fallback, seed, begins):
    """Where the seeds show their page breaks, the PDF breaks there too: with the geometry their
    offices' profiles give (``page:``, bottom margin 1.5 cm and no space before a paragraph:
    the figures are in examples/registry/chachoengsao.yaml and nongkhai.yaml)."""
    firsts = [page[0] if page else "" for page in _content(_pages(fallback[seed], "-layout"))]
    if seed == "001":  # the booklet: some page begins there
        assert any(first.startswith(begins) for first in firsts[2:]), firsts
    else:
        assert firsts[1].startswith(begins), firsts


PAGE_NUMBER_LINE = re.compile(r"-[๐-๙0-9]+-")


@pytest.mark.libreoffice
@pytest.mark.parametrize("seed", [s.name[:3] for s in SPECS])
def test_the_pdfs_text_is_the_documents_text(fallback, seed):
    """``pdftotext`` of the issued PDF, in the order LibreOffice drew it (``-raw``), is the text
    of the document it was made from (the letter and its attachments, the ``.bundle.docx`` when
    there is one), white space aside: nothing lost, doubled or garbled. What the PDF adds is
    left out first: the page numbers, the continuation marks, the running headers (the
    header parts' lines, printed on every page) and the heading rows a table repeats on each
    page it runs onto (``w:tblHeader``)."""
    from generator.docx import qn
    from generator.docx.package import Package
    from generator.docx.text import document_text, paragraphs

    pdf = fallback[seed]
    bundle = pdf.with_name(pdf.stem + ".bundle.docx")
    package = Package.read(bundle if bundle.is_file() else pdf.with_suffix(".docx"))
    headers = {re.sub(r"\s+", "", line) for part in package.parts
               if re.fullmatch(r"word/header\d*\.xml", part)
               for line in paragraphs(package, part)}
    headers.discard("")
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    lines = [re.sub(r"\s+", "", line) for line in raw.splitlines()]
    printed = "".join(line for line in lines if line and line not in headers
                      and not PAGE_NUMBER_LINE.fullmatch(line) and not MARK.fullmatch(line))
    expected = re.sub(r"\s+", "", document_text(package))
    for row in package.xml("word/document.xml").iter(qn("w:tr")):
        if row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None:
            continue
        heading = re.sub(r"\s+", "", "".join(t.text or "" for t in row.iter(qn("w:t"))))
        if not heading:
            continue
        kept = expected.count(heading)
        pieces = printed.split(heading)
        printed = heading.join(pieces[:kept + 1]) + "".join(pieces[kept + 1:])
    assert printed == expected


@pytest.mark.libreoffice
@pytest.mark.parametrize("seed", [s.name[:3] for s in SPECS])
def test_page_numbers_are_thai_digits_from_page_2(fallback, seed):
    """Rule §3: ``- ๒ -`` top centre from page 2 of the letter (and of each booklet)."""
    pages = _pages(fallback[seed], "-layout")  # the number on a line of its own
    assert pages[1][0] == "-๒-"
    numbers = [line for page in pages for line in page[:2] if re.fullmatch(r"-[0-9๐-๙]+-", line)]
    assert numbers and all(re.fullmatch(r"-[๐-๙]+-", n) for n in numbers), numbers
    assert not pages[0] or not re.fullmatch(r"-.+-", pages[0][0])  # none on page 1


MARK = re.compile(r"/(.+)\.\.\.")
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


@pytest.mark.libreoffice
@pytest.mark.parametrize("seed", [s.name[:3] for s in SPECS])
def test_every_page_of_the_letter_but_its_last_ends_with_a_continuation_mark(fallback, seed):
    """``/๓. ประเมิน...`` at the foot: the words that begin the next page; none on the letter's
    last page (the letter's pages are numbered ๒, ๓ … from page 2; an attachment starts anew)."""
    pages = _pages(fallback[seed], "-layout")  # the page number on a line of its own
    last = 0
    while last + 1 < len(pages) and pages[last + 1][:1] == [f"-{last + 2}-".translate(THAI_DIGITS)]:
        last += 1
    for number, page in enumerate(pages[:last]):
        mark = MARK.fullmatch(page[-1])
        assert mark, (number + 1, page[-1])
        following = [line for line in pages[number + 1] if not re.fullmatch(r"-.+-", line)]
        assert following[0].startswith(mark.group(1)), (number + 1, mark.group(1), following[0])
    assert not MARK.fullmatch(pages[last][-1])
    assert last >= 1 or seed not in ("000", "001", "002")  # these letters run over a page


XHTML = "{http://www.w3.org/1999/xhtml}"


def _body_line_ends(pdf: Path) -> list[tuple[float, bool]]:
    """Page 1's body lines (those beginning at the left margin or the 2.5 cm first-line indent,
    in a block of more than one line) as (distance of the line's end from the right margin in pt,
    whether it is a paragraph's last line: its block's last, or followed by a line at the
    first-line indent, where the next paragraph or item begins — with no space before a
    paragraph, ``pdftotext -bbox-layout`` puts several paragraphs in one block)."""
    from lxml import etree

    xml = subprocess.run(["pdftotext", "-bbox-layout", "-f", "1", "-l", "1", str(pdf), "-"],
                         capture_output=True, check=True).stdout
    page = etree.fromstring(xml).find(f".//{XHTML}page")
    point = 72 / 2.54
    left, indent, right = 3 * point, 5.5 * point, float(page.get("width")) - 2 * point
    ends = []
    for block in page.iter(f"{XHTML}block"):
        lines = block.findall(f".//{XHTML}line")
        if len(lines) < 2:
            continue
        starts = [float(line.get("xMin")) for line in lines]
        for number, line in enumerate(lines):
            if min(abs(starts[number] - x) for x in (left, indent)) < 1.5:
                last = number == len(lines) - 1 or abs(starts[number + 1] - indent) < 1.5
                ends.append((right - float(line.get("xMax")), last))
    return ends


@pytest.mark.libreoffice
def test_body_lines_reach_the_right_margin(fallback):
    """Thai distributed justification: on seed 001's first page at least 85 % of the body lines
    that are not a paragraph's last reach the right margin within 3 pt (and, in the no-split
    test above, every mark stays on its letter)."""
    from generator import pdf

    version = pdf.libreoffice_version(pdf.soffice_command())
    if version < pdf.JUSTIFIES_THAI:
        pytest.skip(f"LibreOffice {'.'.join(map(str, version))} keeps body text flush left "
                    "(its Thai justification moves marks off their letters); 25.2 justifies")
    inner = [gap for gap, last in _body_line_ends(fallback["001"]) if not last]
    assert len(inner) >= 10, inner
    assert sum(abs(gap) <= 3 for gap in inner) >= 0.85 * len(inner), inner



@pytest.mark.libreoffice
def test_a_page_that_begins_with_a_picture_is_announced_by_its_caption(fallback):
    """Seed 001's booklet: its last page begins with QR codes (a picture has no words), so the
    page before it ends with the first words of the caption under the first one."""
    pages = _content(_pages(fallback["001"], "-layout"))
    mark = MARK.fullmatch(pages[-2][-1])
    assert mark and mark.group(1) == "QRCode", pages[-2][-1]
    assert pages[-1][0].startswith(mark.group(1))
    listing = subprocess.run(["pdfimages", "-list", str(fallback["001"])], capture_output=True,
                             text=True, check=True).stdout.splitlines()[2:]
    assert len(pages) in {int(row.split()[0]) for row in listing}  # the QR codes' page
