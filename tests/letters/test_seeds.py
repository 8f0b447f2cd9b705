"""Each example spec renders to its seed letter's text: the letter paragraph for paragraph, and
the whole seed (letter and attachments, paragraphs and table cells) in order."""

from __future__ import annotations

import pytest
from lxml import etree

from generator.docx import marks
from generator.docx.build import xml_bytes
from generator.docx.package import Package
from generator.docx.text import paragraphs
from generator.render import render

from .conftest import EXAMPLES
from .seedtext import (LETTERS, SeedLetter, WRAP, attachment_lines, match_units, matches,
                       seed_paragraphs, whole_seed_lines)


def stamp_number(docx: bytes, number: str) -> bytes:
    """Put the register's number into the number control, as issuing does."""
    package = Package.read(docx)
    root = package.xml("word/document.xml")
    sdt = marks.find_control(root, marks.NUMBER_TAG)
    assert sdt is not None, "the draft has no number control"
    marks.set_control_text(sdt, number)
    return package.replaced({"word/document.xml": xml_bytes(root)})


def rendered_paragraphs(seed: SeedLetter) -> list[str]:
    docx = render(EXAMPLES / "letters" / f"{seed.stem}.yaml", EXAMPLES, draft=True)
    docx = stamp_number(docx, seed.number)
    return [p for p in paragraphs(docx) if p.strip()]


@pytest.mark.parametrize("key", sorted(LETTERS))
def test_example_renders_the_seed_letter(key: str) -> None:
    seed = LETTERS[key]
    expected = seed_paragraphs(seed)
    got = rendered_paragraphs(seed)
    for i, (want, have) in enumerate(zip(expected, got)):
        assert matches(want, have), (
            f"seed {key}, paragraph {i + 1}:\n  seed:     {want.replace(WRAP, '⏎')}\n"
            f"  rendered: {have}")
    assert len(got) == len(expected), (
        f"seed {key}: {len(expected)} paragraphs in the seed, {len(got)} rendered; "
        f"extra: {(got[len(expected):] or expected[len(got):])[:3]}")


def test_comparison_catches_a_changed_word() -> None:
    """The comparison is strict: one changed word in a paragraph is a mismatch."""
    seed = LETTERS["001"]
    expected = seed_paragraphs(seed)
    got = rendered_paragraphs(seed)
    assert matches(expected[-1], got[-1])
    assert not matches(expected[-1], got[-1].replace("หนองคาย", "หนองบัว", 1))
    assert not matches("ตามระเบียบ" + WRAP + "กระทรวง", "ตามระเบียบ  x กระทรวง")
    assert matches("ตามระเบียบ" + WRAP + "กระทรวง", "ตามระเบียบกระทรวง")
    assert matches("พ.ศ. ๒๕๖๒" + WRAP + "(ฉบับ", "พ.ศ. ๒๕๖๒ (ฉบับ")


def test_seed_corrections_are_all_used() -> None:
    """Every listed correction applies to its seed (seed_paragraphs asserts it) and changes it."""
    for key, seed in LETTERS.items():
        text = seed.path.read_text(encoding="utf-8")
        for old, new, why in seed.corrections:
            assert old in text and old != new, (key, why)


# --- the whole seed: the letter and its attachments --------------------------------------------

def rendered_bundle_units(seed: SeedLetter) -> list[str]:
    """The combined DOCX of an example (letter, then its attachment documents, as
    ``gen-letter new`` writes it) as paragraphs and table cells in order."""
    from generator.docx.text import units
    from generator.render import load_offices_for
    from generator.render.bundle import attachment_parts, combine
    from generator.spec import load_spec

    spec = load_spec(EXAMPLES / "letters" / f"{seed.stem}.yaml")
    offices = load_offices_for(EXAMPLES)
    letter = render(spec, EXAMPLES, draft=True, offices=offices)
    combined = combine(letter, attachment_parts(spec, EXAMPLES, offices, draft=True))
    return units(stamp_number(combined, seed.number))


@pytest.mark.parametrize("key", sorted(LETTERS))
def test_example_renders_the_whole_seed(key: str) -> None:
    """Every paragraph and table cell of the seed, letter then attachments, in order."""
    seed = LETTERS[key]
    problems = match_units(whole_seed_lines(seed), rendered_bundle_units(seed), seed.rendered_only)
    assert not problems, f"seed {key}: " + "\n".join(problems)


@pytest.mark.parametrize("key", ["001", "002", "003"])
def test_the_attachment_part_is_compared(key: str) -> None:
    """Seeds 001–003 carry most of their text in attachments: the comparison above covers it
    (guards against an end line that silently cuts the seed short)."""
    assert len(attachment_lines(LETTERS[key])) > 40


@pytest.mark.parametrize("key", ["000", "004"])
def test_the_qr_lines_are_compared(key: str) -> None:
    """Seeds 000 and 004: the QR caption under the signature belongs to the attachment list."""
    assert attachment_lines(LETTERS[key]) == [LETTERS[key].moved[0][0]]


def test_whole_seed_matcher_is_strict() -> None:
    lines = ["หัวข้อ", "ลำดับ", "พุธ ๑๗ เม.ย. ๖๗", "เมือง"]
    assert match_units(lines, ["หัวข้อ", "ลำดับ", "พุธ ๑๗ เม.ย. ๖๗", "เมือง"]) == []
    assert match_units(lines, ["หัวข้อ", "ลำดับ", "พุธ ๑๘ เม.ย. ๖๗", "เมือง"])   # a changed cell
    assert match_units(lines, ["หัวข้อ", "ลำดับ", "พุธ ๑๗ เม.ย. ๖๗"])             # a missing one
    assert match_units(lines, ["หัวข้อ", "ลำดับ", "เมือง", "พุธ ๑๗ เม.ย. ๖๗"])   # out of order
    assert match_units(["ข้อความ", "ต่อ"], ["ข้อความต่อ"]) == []                  # a wrapped line
    assert match_units(["ข้อความ", "ต่อ"], ["ข้อความ ต่อ"]) == []
    # a text the seed lost is skipped only where the seed does not have it next
    assert match_units(["ก"], ["https://x.org/1", "ก"], ((r"^https://", "lost"),)) == []
    assert match_units(["ก"], ["https://x.org/1", "ข"], ((r"^https://", "lost"),))
