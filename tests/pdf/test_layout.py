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
from tests.pdf.test_pagination import SPECS, _issue_all

SEEDS = [s.name[:3] for s in SPECS]
PAGE_NUMBER = re.compile(r"^-\s*[0-9๐-๙]+\s*-$")
#: The fewest lines a page may hold: seed 003 had pages of 3 slogan lines and of 6 note lines.
FEWEST_LINES = 7


def _layout_pages(pdf: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [[line.rstrip() for line in page.splitlines() if line.strip()]
            for page in text.split("\f")[:-1]]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, list[list[str]]]:
    soffice_or_skip()
    with pytest.MonkeyPatch.context() as patch:
        fonts.font_plan.cache_clear()
        issued = _issue_all(tmp_path_factory.mktemp("layout"), patch, None)
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


@pytest.mark.libreoffice
@pytest.mark.parametrize("seed", SEEDS)
def test_no_page_holds_only_a_remnant(pages, seed):
    counts = [len(_content(page)) for page in pages[seed]]
    # a page without text is a picture of its own (seed 002's process chart), not a remnant
    assert min(c for c in counts if c) >= FEWEST_LINES, counts


@pytest.mark.libreoffice
@pytest.mark.parametrize("seed", SEEDS)
def test_quantities_stand_whole_apart_from_the_title(pages, seed):
    first = pages[seed][0]
    quantities = [line for line in first if re.search(r"จำนวน\s*[0-9๐-๙]+\s*\S*$", line)]
    listed = [line for line in quantities if re.search(r"จำนวน\s+[0-9๐-๙]+\s+\S+$", line)]
    assert quantities and listed == quantities, quantities  # the unit on the quantity's line
    for line in quantities:
        before = line[:line.index("จำนวน")]
        assert before == "" or before.strip() == "" or before.endswith("   "), line  # at the tab


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
