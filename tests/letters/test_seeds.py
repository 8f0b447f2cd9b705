"""Each example spec renders to its seed letter's text, paragraph for paragraph."""

from __future__ import annotations

import pytest
from lxml import etree

from generator.docx import marks
from generator.docx.text import paragraphs
from generator.render import render

from .conftest import EXAMPLES
from .seedtext import LETTERS, SeedLetter, WRAP, matches, seed_paragraphs


def stamp_number(docx: bytes, number: str) -> bytes:
    """Put the register's number into the number control, as issuing does."""
    parts = marks.read_parts(docx)
    root = etree.fromstring(parts["word/document.xml"])
    sdt = marks.find_control(root, marks.NUMBER_TAG)
    assert sdt is not None, "the draft has no number control"
    marks.set_control_text(sdt, number)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                standalone=True)
    return marks.write_parts(parts)


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
