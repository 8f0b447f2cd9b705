"""Each check planted in a correct letter (seed 001's covering letter, which has no defect of
these kinds, plus a few lines of the forms the checks read) is found at the planted line, with
the words its message must contain; and every draft made from examples/ lints with no error."""

from __future__ import annotations

import pytest

from generator.lint import CODES, lint_letter
from generator.reader import read_docx, read_text
from tests.conftest import EXAMPLES, SEED_SPECS, seed_path

EXTRA = [
    "งบประมาณ ๒,๙๕๖,๖๐๐ บาท (สองล้านเก้าแสนห้าหมื่นหกพันหกร้อยบาทถ้วน)",
    "แบบรายงาน https://forms.gle/ppGUYQsXQTE1wNS3A หรือ subdistrictplan@gmail.com",
    "จำนวน ๗,๐๓๖ ตำบล ๆ ละ ๒๐ คน รวมทั้งสิ้น ๑๔๐,๗๒๐ คน",
    "ไตรมาสที่ ๓ (มิถุนายน ๒๕๖๘)",
    "๑) ข้อแรก",
    "๒) ข้อสอง",
    "ปีงบประมาณ พ.ศ. ๒๕๖๘ จำนวน ๓ คน",
]


def base_lines() -> list[str]:
    return seed_path("001").read_text(encoding="utf-8").splitlines()[:45] + EXTRA


# (code, seed text, planted text, words the message must contain)
PLANTED = [
    ("code-unknown", "ที่ นค ๐๐๑๙.๓/ ๑๕๕๕๗", "ที่ นข ๐๐๑๙.๓/ ๑๕๕๕๗", ["นข", "นค"]),
    ("code-province", "ที่ นค ๐๐๑๙.๓/ ๑๕๕๕๗", "ที่ ชม ๐๐๑๙.๓/ ๑๕๕๕๗", ["เชียงใหม่", "นค"]),
    ("postal-province", "ถนนมิตรภาพ นค ๔๓๐๐๐", "ถนนมิตรภาพ นค ๔๒๐๐๐", ["Loei", "43xxx"]),
    ("signer-province", "ผู้ว่าราชการจังหวัดหนองคาย", "ผู้ว่าราชการจังหวัดอุดรธานี", ["อุดรธานี", "หนองคาย"]),
    ("baht-words", "หกพันหกร้อยบาทถ้วน", "หกพันบาทถ้วน", ["๒,๙๕๖,๐๐๐", "๒,๙๕๖,๖๐๐"]),
    ("link-digits", "QTE1wNS3A", "QTE๑wNS๓A", ["ppGUYQsXQTE1wNS3A"]),
    ("link-digits", "subdistrictplan@", "subdistrictplan๒@", ["subdistrictplan2@"]),
    ("weekday", "ภายในวันพุธที่ ๓๐ ตุลาคม ๒๕๖๗", "ภายในวันจันทร์ที่ ๓๐ ตุลาคม ๒๕๖๗", ["จันทร์", "พุธ"]),
    ("date-invalid", "ภายในวันพุธที่ ๓๐ ตุลาคม ๒๕๖๗", "ภายในวันที่ ๓๑ พฤศจิกายน ๒๕๖๗", ["พฤศจิกายน", "๓๑"]),
    ("deadline-past", "ภายในวันพุธที่ ๓๐ ตุลาคม ๒๕๖๗", "ภายในวันพุธที่ ๑๖ ตุลาคม ๒๕๖๗",
     ["๑๖ ตุลาคม ๒๕๖๗", "๒๕ ตุลาคม ๒๕๖๗"]),
    ("citation", "รายละเอียดตามสิ่งที่ส่งมาด้วย", "รายละเอียดตามสิ่งที่ส่งมาด้วย ๒", ["๒", "๑"]),
    ("salutation-close", "ขอแสดงความนับถือ", "ขอแสดงความนับถืออย่างยิ่ง", ["ขอแสดงความนับถือ"]),
    ("digits-mixed", "ทุกวันที่ ๒๐ ของทุกเดือน", "ทุกวันที่ 20 ของทุกเดือน", ["20", "๒๐"]),
    ("era-form", "ปีงบประมาณ พ.ศ. ๒๕๖๘ จำนวน", "ปีงบประมาณ พ.ศ.๒๕๖๘ จำนวน", ["พ.ศ. ๒๕๖๘"]),
    ("era-form", "ปีงบประมาณ พ.ศ. ๒๕๖๘ จำนวน", "ปีงบประมาณ พ.ศ ๒๕๖๘ จำนวน", ["พ.ศ. ๒๕๖๘"]),
    ("phone-form", "๐ ๔๒๔๑ ๑๑๘๒", "๐๔๒-๔๑๑๑๘๒", ["๐ ๔๒๔๑ ๑๑๘๒"]),
    ("area-code", "๐ ๔๒๔๑ ๑๑๘๒", "๐ ๓๘๕๑ ๑๒๓๙", ["หนองคาย", "๐๔"]),
    ("list-marker", "๒) ข้อสอง", "๒. ข้อสอง", ["๒)"]),
    ("foreign-script", "ข้อแรก", "ข้อแรก Привет", ["Cyrillic"]),
    ("markup", "ข้อแรก", "<b>ข้อแรก</b>", ["<b>"]),
    ("arithmetic", "รวมทั้งสิ้น ๑๔๐,๗๒๐ คน", "รวมทั้งสิ้น ๑๔๐,๗๓๐ คน", ["๑๔๐,๗๒๐"]),
    ("quarter", "ไตรมาสที่ ๓ (มิถุนายน", "ไตรมาสที่ ๒ (มิถุนายน", ["ไตรมาสที่ ๓"]),
]


def planted(old: str, new: str) -> tuple[list[str], int]:
    lines = base_lines()
    where = [i for i, line in enumerate(lines) if old in line]
    assert where, old
    lines[where[0]] = lines[where[0]].replace(old, new, 1)
    return lines, where[0] + 1


def test_the_base_letter_is_clean() -> None:
    assert lint_letter(read_text("\n".join(base_lines()))) == []


def test_every_code_is_planted() -> None:
    assert {code for code, *_ in PLANTED} == set(CODES)


@pytest.mark.parametrize("code, old, new, words", PLANTED, ids=[f"{p[0]}-{i}" for i, p in enumerate(PLANTED)])
def test_planted_defect_is_found(code: str, old: str, new: str, words: list[str]) -> None:
    lines, line = planted(old, new)
    found = lint_letter(read_text("\n".join(lines), "planted.txt"))
    mine = [f for f in found if f.code == code]
    assert [f.line for f in mine] == [line], found
    assert all(w in mine[0].message for w in words), mine[0].message
    assert not [f for f in found if f.code != code and f.severity == "error"], found


@pytest.mark.parametrize("spec", SEED_SPECS, ids=lambda p: p.stem[:3])
def test_example_drafts_lint_without_error(spec) -> None:
    """The letter draft and the combined draft with its attachments, as ``gen-letter new`` writes
    them; Word's list labels are read (the body's items are Word-numbered)."""
    from generator.render import load_offices_for, render
    from generator.render.bundle import attachment_parts, combine
    from generator.spec import load_spec

    loaded = load_spec(spec)
    offices = load_offices_for(EXAMPLES)
    letter = render(loaded, EXAMPLES, draft=True, offices=offices)
    combined = combine(letter, attachment_parts(loaded, EXAMPLES, offices, draft=True))
    for docx in (letter, combined):
        read = read_docx(docx, spec.name)
        assert read.part("signer-name") and read.part("phone") and read.province
        errors = [f for f in lint_letter(read) if f.severity == "error"]
        assert errors == []


def test_word_numbering_labels_are_read() -> None:
    """Seed 000's items are Word list paragraphs in the draft: the reader gives their labels."""
    from generator.render import render

    docx = render(EXAMPLES / "letters" / "000_1f4fc82266ea5587.yaml", EXAMPLES, draft=True)
    body = [p.text for p in read_docx(docx).all("body")]
    assert any(t.startswith("๑. ทบทวนการจัดทำแผน") for t in body), body
    assert any(t.startswith("๓. ประเมินผลการพัฒนา") for t in body), body
