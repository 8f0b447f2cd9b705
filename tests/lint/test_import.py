"""``gen-letter import`` of each seed's covering letter, then ``gen-letter new`` of the spec it
wrote: the letter comes back as the seed has it (white space aside), heading and phone line
included, defects included unless ``--fix`` corrects the safe ones; the spec's comments say where
the letter differs from the office profile."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.lint import lint_document, lint_letter
from generator.reader import read_docx, read_file
from tests.conftest import copy_examples, seed_path
from tests.letters.test_seeds import stamp_number

# Parts the spec carries besides the heading, the phone line and the slogan
CARRIED = ("date", "subject", "salutation", "reference", "attachment", "body", "closing", "close",
           "signer-name", "signer-position", "signer-principal", "unit")

# Seed lines of the covering letter that a rendered draft does not have, and why:
# - number: a draft's ที่ line has a placeholder for the running number (compared separately);
# - continuation: the printed letter's page-continuation line (``/๔. ส่งเสริม...``); Word
#   paginates the draft itself;
# - other: lines under the signature that head the attachment list (000's
#   ``รายละเอียดสิ่งที่ส่งมาด้วย``, 004's QR caption), which import does not write.
# The reader also drops a leading "- ", the text extraction's mark of a Word list paragraph.
NOT_IN_A_DRAFT = ("number", "continuation", "other")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture()
def workspace(tmp_path):
    return copy_examples(tmp_path / "ws")


def import_and_render(workspace, key: str, *extra: str):
    from generator.render import render

    target = workspace / "letters" / f"imported_{key}.yaml"
    result = CliRunner().invoke(main, ["--workspace", str(workspace), "import", str(seed_path(key)),
                                       "-o", str(target), *extra])
    assert result.exit_code == 0, result.output
    seed = read_file(seed_path(key))
    docx = stamp_number(render(target, workspace, draft=True), seed.part("number").text.removeprefix("ที่ "))
    return seed, read_docx(docx, "rendered.docx"), target, result


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_new_makes_the_seed_letter_again(workspace, key) -> None:
    seed, rendered, target, _ = import_and_render(workspace, key)
    for kind in CARRIED:
        want = squash("".join(p.text for p in seed.all(kind)))
        have = squash("".join(p.text for p in rendered.all(kind)))
        assert have == want, (kind, want[:200], have[:200])
    assert squash(rendered.part("number").text) == squash(seed.part("number").text)


def seed_letter(seed, office, spec: dict) -> list[str]:
    """The covering letter's lines as the seed has them (less NOT_IN_A_DRAFT), with the office
    slogan's lines where the seed prints them after the foot."""
    lines = [squash(p.text) for p in seed.parts if p.kind not in NOT_IN_A_DRAFT]
    if seed.part("slogan") is None and spec.get("slogan", True):
        wanted = len([line for line in (office.slogan or "").splitlines() if line.strip()])
        after = [line.text for line in seed.lines if line.number > seed.end and line.text.strip()]
        lines += [squash(text) for text in after[:wanted]]
    return lines


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_new_makes_the_whole_seed_letter_again(workspace, key) -> None:
    """Every paragraph of the covering letter comes back, the heading and phone line as the
    seed prints them (000/002/003's copied codes and postal code, 004's 35000 and its
    ``โทร/โทรสาร ๐๔๕-๓๔๕๖๒๘``) and the defects lint flags as they are."""
    from generator.render import load_offices_for
    from generator.spec.loader import load_yaml

    seed, rendered, target, _ = import_and_render(workspace, key)
    spec = load_yaml(target).data
    office = load_offices_for(workspace)[spec["office"]]
    covered = {p.line for p in seed.parts}
    assert [line.number for line in seed.lines if line.number <= seed.end and line.text.strip()
            and line.number not in covered] == []          # every line of the letter is a part
    have = [squash(line.text) for line in rendered.lines
            if line.text.strip() and line.number != rendered.part("number").line]
    assert "".join(have) == "".join(seed_letter(seed, office, spec))
    for kind in ("agency", "address", "phone"):
        assert [squash(p.text) for p in rendered.all(kind)] == [squash(p.text) for p in seed.all(kind)]


@pytest.mark.parametrize("key, printed, fixed", [
    ("000", "โทร./โทรสาร ๐-๓๘๕๑-๑๒๓๙", "โทร./โทรสาร ๐ ๓๘๕๑ ๑๒๓๙"),
    ("004", "โทร/โทรสาร ๐๔๕-๓๔๕๖๒๘", "โทร/โทรสาร ๐ ๔๕๓๔ ๕๖๒๘"),
])
def test_the_phone_form_stays_unless_fixed(workspace, key, printed, fixed) -> None:
    """Without ``--fix`` the phone line is the seed's, character for character; with it the
    number is grouped (rules: ``๐ XXXX XXXX``; the label stays); the heading stays as printed
    either way."""
    seed, rendered, _, result = import_and_render(workspace, key)
    assert rendered.part("phone").text == printed == seed.part("phone").text
    assert "phone: the letter's line" in result.output
    _, repaired, target, _ = import_and_render(workspace, key, "--fix", "--force")
    assert repaired.part("phone").text == fixed
    assert [f for f in lint_letter(repaired) if f.code == "phone-form"] == []
    assert [p.text for p in repaired.all("address")] == [p.text for p in seed.all("address")]


def test_seed_001_comes_back_whole(workspace) -> None:
    """Seed 001's heading agrees with its office profile: every line of the letter comes back."""
    seed, rendered, _, _ = import_and_render(workspace, "001")
    lines = [squash(line.text) for line in seed.lines if line.number <= seed.end and line.text.strip()]
    assert squash("".join(line.text for line in rendered.lines)) == "".join(lines)


def test_defects_stay_unless_fixed(workspace) -> None:
    seed, rendered, target, result = import_and_render(workspace, "004")
    assert rendered.part("subject").text.endswith("พ.ศ.๒๕๖๖")            # as the seed has it
    assert "heading" in target.read_text(encoding="utf-8").split("kind:")[0]   # said in a comment
    assert "heading: the letter's (ศาลากลางจังหวัดอุบลราชธานี / ถนนแจ้งสนิท อบ ๓๕๐๐๐) differs" in result.output
    _, fixed, _, _ = import_and_render(workspace, "004", "--fix", "--force")
    assert fixed.part("subject").text.endswith("พ.ศ. ๒๕๖๖")
    assert "พ.ศ ๒๕๖๖" not in " ".join(p.text for p in fixed.all("body"))
    assert [f for f in lint_document(target) if f.code == "era-form"] == []


def test_import_refuses_a_text_that_is_no_letter(workspace, tmp_path) -> None:
    (tmp_path / "note.txt").write_text("บันทึก\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--workspace", str(workspace), "import", str(tmp_path / "note.txt")])
    assert result.exit_code == 1 and "note.txt: number: no ที่ line" in result.output


def test_a_broken_link_stays_unless_fixed() -> None:
    from generator.reader import read_text
    from generator.reader.importing import import_letter
    from generator.render import load_offices_for
    from tests.conftest import EXAMPLES

    lines = seed_path("001").read_text(encoding="utf-8").splitlines()[:45]
    lines[19] = "แบบรายงาน https://forms.gle/ppGUYQsXQTE๑wNS๓A ภายใน ๓๑ ตุลาคม ๒๕๖๗"
    letter = read_text("\n".join(lines), "a.txt")
    offices = load_offices_for(EXAMPLES)
    kept = import_letter(letter, offices).spec["body"][1]
    fixed = import_letter(letter, offices, fix=True).spec["body"][1]
    assert kept == "แบบรายงาน https://forms.gle/ppGUYQsXQTE๑wNS๓A ภายใน 31 ตุลาคม 2567"
    assert fixed == "แบบรายงาน https://forms.gle/ppGUYQsXQTE1wNS3A ภายใน 31 ตุลาคม 2567"


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_a_word_draft_comes_back_whole(workspace, key) -> None:
    """Last month's Word file: the draft of an example (Word-numbered items, heading in a table)
    imported and rendered again gives every paragraph of the draft, in order."""
    from generator.docx.text import paragraphs
    from generator.reader.importing import import_letter, write_spec
    from generator.render import load_offices_for, render

    spec = next((workspace / "letters").glob(f"{key}_*.yaml"))
    draft = render(spec, workspace, draft=True)
    imported = import_letter(read_docx(draft, f"{key}.docx"), load_offices_for(workspace))
    assert imported.notes == ()
    target = write_spec(imported, workspace / "letters" / f"again_{key}.yaml", f"{key}.docx")
    again = render(target, workspace, draft=True)
    assert [squash(p) for p in paragraphs(again) if p.strip()] == \
        [squash(p) for p in paragraphs(draft) if p.strip()]
    assert len([p for p in paragraphs(draft) if p.strip()]) > 15


def test_a_cited_letter_in_the_register_becomes_its_number(workspace) -> None:
    received = CliRunner().invoke(main, [
        "--workspace", str(workspace), "receive", "--office", "cc-cdd", "--number", "นข 0019/ว 632",
        "--date", "2023-01-31", "--sender", "จังหวัดเชียงใหม่", "--subject", "แนวทางการดำเนินงาน",
        "--speed", "ด่วนที่สุด"])
    assert received.exit_code == 0, received.output
    seed, rendered, target, _ = import_and_render(workspace, "000")
    from generator.spec.loader import load_yaml

    references = load_yaml(target).data["references"]
    assert references[0] == "นข 0019/ว 632"                 # registered: cited by its number
    assert references[1]["number"] == "นข 0019/ว 1151"      # not registered: given inline
    assert [squash(p.text) for p in rendered.all("reference")] == \
        [squash(p.text) for p in seed.all("reference")]


def test_a_wrapped_attachment_title_comes_back_with_its_quantity() -> None:
    """The issued PDF wraps a long title before the quantity's column (``… พอ`` /
    ``เพียงฯ   จำนวน ๑ ชุด``): the reader keeps both lines with the attachments and the importer
    joins them into one title with its quantity."""
    from generator.reader import read_text
    from generator.reader.importing import import_letter
    from generator.render import load_offices_for
    from tests.conftest import EXAMPLES

    lines = seed_path("001").read_text(encoding="utf-8").splitlines()[:45]
    at = next(i for i, line in enumerate(lines) if line.startswith("สิ่งที่ส่งมาด้วย"))
    lines[at:at + 1] = ["สิ่งที่ส่งมาด้วย แนวทางการขับเคลื่อนตำบลเข้มแข็งตามหลักปรัชญาของเศรษฐกิจพอ",
                        "เพียงฯ                       จำนวน ๑ ชุด"]
    letter = read_text("\n".join(lines), "a.txt")
    assert [p.kind for p in letter.parts if p.text.startswith("เพียงฯ")] == ["attachment"]
    spec = import_letter(letter, load_offices_for(EXAMPLES)).spec
    assert spec["attachments"] == [{
        "title": "แนวทางการขับเคลื่อนตำบลเข้มแข็งตามหลักปรัชญาของเศรษฐกิจพอเพียงฯ",
        "quantity": 1, "unit": "ชุด"}]
