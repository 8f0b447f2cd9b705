"""The issued PDFs of the five examples, page by page: the close keeps with the body, no page
holds only a remnant, quantities stand whole at the right, table headers keep their words, and
no line breaks inside a phone number, a quantity or a number and its unit, and no opening
bracket ends a line (``(MO`` / ``U)``, seed 004's ``พ.ศ.๒๕๖๒ (`` / ``ฉบับปรับปรุง…``).

Read from ``pdftotext -layout`` (one printed line per text line, columns kept apart by spaces).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from generator.pdf import fonts
from generator.thai.vocabulary import UNITS

from tests.issuing.conftest import soffice_or_skip
from tests.conftest import EXAMPLES
from tests.pdf.test_pagination import MARK, SPECS, _issue_all, _pages
from tests.pdf.test_pagination import _content as _own_lines

SEEDS = [s.name[:3] for s in SPECS]
PAGE_NUMBER = re.compile(r"^-\s*[0-9๐-๙]+\s*-$")


def _layout_pages(pdf: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [[line.rstrip() for line in page.splitlines() if line.strip()]
            for page in text.split("\f")[:-1]]


@pytest.fixture(scope="module")
def issued(tmp_path_factory) -> dict[str, Path]:
    soffice_or_skip()
    with pytest.MonkeyPatch.context() as patch:
        fonts.font_plan.cache_clear()
        return _issue_all(tmp_path_factory.mktemp("layout"), patch, None)


@pytest.fixture(scope="module")
def pages(issued) -> dict[str, list[list[str]]]:
    return {seed: _layout_pages(pdf) for seed, pdf in issued.items()}


def _content(page: list[str]) -> list[str]:
    return [line.strip() for line in page if not PAGE_NUMBER.match(line.strip())]


@pytest.mark.libreoffice
@pytest.mark.parametrize("seed", SEEDS)
def test_the_close_stands_under_two_body_lines_at_least(pages, seed):
    letter = pages[seed]
    index = next(i for i, page in enumerate(letter)
                 if any(re.fullmatch(r"\(.+\)", line) for line in _content(page)))
    lines = _content(letter[index])
    name = next(k for k, line in enumerate(lines) if re.fullmatch(r"\(.+\)", line))
    body = [line for line in lines[:name]
            if not line.startswith("จึง") and line not in ("ขอแสดงความนับถือ",)]
    assert len(body) >= 2, (index + 1, lines[:name])


def _foot_lines(seed: str) -> set[str]:
    """The lines of a letter's foot, white space removed: the owner unit's block, its copy list
    and the office's slogan, as the letter's context prints them."""
    from generator.registry.profiles import load_offices
    from generator.render.context import build_context
    from generator.spec import load_spec

    spec = load_spec(next(s for s in SPECS if s.name.startswith(seed)))
    context = build_context(spec, load_offices(EXAMPLES)).context
    unit = context["unit"]
    lines = [unit.get("parent"), unit.get("name"), *context["phone_lines"],
             *context["slogan_lines"], *(str(line) for line in context["copy_to"])]
    if context.get("email"):
        lines.append(f"ไปรษณีย์อิเล็กทรอนิกส์ {context['email']}")
    return {re.sub(r"\s+", "", str(line)) for line in lines if line}


def _images_per_page(pdf: Path) -> dict[int, int]:
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    counts: dict[int, int] = {}
    for row in listing:
        page = int(row.split()[0])
        counts[page] = counts.get(page, 0) + 1
    return counts


@pytest.mark.libreoffice
@pytest.mark.parametrize("seed", [s.name[:3] for s in SPECS])
def test_no_page_holds_only_a_remnant(issued, seed):
    """Build item 6: no page that holds only a remnant. A page that continues its document (it
    carries a page number: the letter and each attachment start anew without one) holds more
    than the foot (owner unit, copy list, slogan: the foot keeps with the signature, which
    keeps with the closing and the body's last lines, generator.docx.layout), at least three
    lines of its own (page number, running header, a table's repeated heading row and the
    continuation mark aside: two table rows or a QR code's caption and link are fewer) and,
    when it holds one picture (a QR code), more than that picture's caption and link."""
    pdf = issued[seed]
    pages = _pages(pdf, "-layout")
    images = _images_per_page(pdf)
    foot = _foot_lines(seed)
    content = _own_lines(pages)
    for number, (page, own) in enumerate(zip(pages, content), start=1):
        if not any(re.fullmatch(r"-[๐-๙0-9]+-", line) for line in page[:3]):
            continue  # the first page of the letter or of an attachment
        previous = content[number - 2]
        own = [line for line in own if not MARK.fullmatch(line)]
        while own and previous and own[0] == previous[0]:  # a table's repeated heading row
            own, previous = own[1:], previous[1:]
        where = f"{seed} page {number}: {own}"
        assert not set(own) <= foot, where
        assert len(own) >= 3, where
        assert images.get(number, 0) != 1 or len(own) > 2, where


XHTML = "{http://www.w3.org/1999/xhtml}"
POINT = 72 / 2.54


def _page_lines(pdf: Path, page: int = 1) -> list[tuple[float, float, float, str]]:
    """One page's lines from ``pdftotext -bbox-layout``: (top, left, right, text without
    white space); a quantity at its tab is a line of its own there, level with its title's."""
    from lxml import etree

    xml = subprocess.run(["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page),
                          str(pdf), "-"], capture_output=True, check=True).stdout
    return [(float(line.get("yMin")), float(line.get("xMin")), float(line.get("xMax")),
             "".join(word.text or "" for word in line.iter(f"{XHTML}word")))
            for line in etree.fromstring(xml).iter(f"{XHTML}line")]


@pytest.mark.libreoffice
@pytest.mark.parametrize("seed", SEEDS)
def test_quantities_stand_whole_at_the_right_margin_on_the_titles_last_line(issued, pages,
                                                                            seed):
    """Build item 6: ``จำนวน ๑ ชุด`` whole (the unit on its line), at the right tab, never
    alone on a line: the title wraps before the quantity's column
    (generator.docx.layout.reserve_quantity_column)."""
    first = pages[seed][0]
    quantities = [line for line in first if re.search(r"จำนวน\s*[0-9๐-๙]+\s*\S*$", line)]
    listed = [line for line in quantities if re.search(r"จำนวน\s+[0-9๐-๙]+\s+\S+$", line)]
    assert quantities and listed == quantities, quantities  # the unit on the quantity's line
    for line in quantities:
        assert line[:line.index("จำนวน")].endswith("   "), line  # at the tab, after the title
    lines = _page_lines(issued[seed])
    right = 21 * POINT - 2 * POINT
    found = [(top, left, end) for top, left, end, text in lines
             if re.fullmatch(r"จำนวน[0-9๐-๙]+\S+", text)]
    assert len(found) == len(quantities)
    for top, left, end in found:
        assert abs(end - right) < 3, (top, end, right)  # at the right margin
        level = [e for t, _, e, _ in lines if abs(t - top) < 1 and e < left]
        assert level, top  # on a title's line, not on a line of its own
        assert left - max(level) >= 8, (top, max(level), left)  # clear of the title


@pytest.mark.libreoffice
def test_table_headers_keep_their_words(pages):
    text = "\n".join(line for page in pages["003"] for line in page)
    assert "ลำดับ" in text
    assert re.search("ลำดั(?!บ)", text) is None


#: Units that do not begin a line of their own in a table column (อำเภอ, ตำบล do: a cell's
#: date ends the line of the column beside it).
_COUNTED = [u for u in UNITS if u not in ("อำเภอ", "ตำบล", "จังหวัด", "หมู่บ้าน", "ภาค", "ปี",
                                          "เดือน", "วัน", "งาน", "กลุ่ม", "กิจกรรม")]
_UNIT_START = re.compile(r"^(?:" + "|".join(re.escape(u) for u in _COUNTED) + r")(?:\s|$)")


def _bad_breaks(lines: list[str]) -> list[tuple[str, str]]:
    bad = []
    for a, b in zip(lines, lines[1:]):
        a, b = a.strip(), b.strip()
        if (re.search(r"(?:^|\s)[0๐][0-9๐-๙]{0,2}(?: [0-9๐-๙]{3,4})?$", a)
                and re.match(r"[0-9๐-๙]{3,4}(?:\s|$)", b)):
            bad.append((a, b))  # a phone number cut
        elif re.search(r"จำนวน(?:\s+[0-9๐-๙]+)?$", a):
            bad.append((a, b))  # จำนวน ๑ / ชุด
        elif re.search(r"[0-9๐-๙]$", a) and _UNIT_START.match(b):
            bad.append((a, b))  # a number and its unit
        elif re.search(r"\([A-Za-z]*$", a):
            bad.append((a, b))  # an opening bracket at the line's end: (MO / U), (
    return bad


@pytest.mark.libreoffice
@pytest.mark.parametrize("seed", SEEDS)
def test_no_line_breaks_inside_a_number_group_or_a_bracket(pages, seed):
    bad = [pair for page in pages[seed] for pair in _bad_breaks(_content(page))]
    assert bad == []


def test_the_break_rules_catch_the_breaks_seen():
    assert _bad_breaks(["โทร./โทรสาร ๐ ๔๒๔๑", "๑๑๘๒"])
    assert _bad_breaks(["เศรษฐกิจพอเพียงฯ จำนวน ๑", "ชุด"])
    assert _bad_breaks(["ความร่วมมือ (MO", "U) บูรณาการ"])
    assert _bad_breaks(["และตำบลพ.ศ.๒๕๖๒ (", "ฉบับปรับปรุง"])
    assert _bad_breaks(["กลไก ๗", "ชุด ต่อไป"])
    assert not _bad_breaks(["ความร่วมมือ", "(MOU) บูรณาการ"])
    assert not _bad_breaks(["สำนักงานพัฒนาชุมชน       ธันวาคม ๒๕๖๗", "อำเภอ ศูนย์ประสานงาน"])
