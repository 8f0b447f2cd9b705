"""Each seed letter linted, as text and as a DOCX made from its text: every real defect of the
error kinds is found with its code and line, and nothing correct in the seeds is an error.

The expectations come from reading the seeds against the rules (thai-correspondence.md), not
from the lint's output: each quotes the seed line it is about, and the test checks the quote is
on that line, so a table entry cannot drift from the seed.
"""

from __future__ import annotations

import io

import pytest

from generator.lint import lint_document, lint_letter
from generator.reader import read_docx, read_text
from tests.conftest import seed_path

# (seed, line, code, the seed text on that line, words the message must contain)
ERRORS = [
    # 000: a Chachoengsao letter whose heading was copied from Chiang Mai's, with the code นข
    ("000", 5, "code-unknown", "ที่ นข ๐๐๑๙/ว ๑๖๐๗", ["นข", "ชม"]),
    ("000", 8, "code-unknown", "ถนนเรืองวุฒิ นข ๒๕๐๐๐", ["นข"]),
    ("000", 8, "postal-province", "ถนนเรืองวุฒิ นข ๒๕๐๐๐", ["Prachin Buri", "50xxx"]),
    ("000", 16, "code-unknown", "ที่ นข ๐๐๑๙/ว ๖๓๒", ["นข"]),
    ("000", 17, "code-unknown", "ที่ นข ๐๐๑๙/ว ๑๑๕๑", ["นข"]),
    ("000", 43, "signer-province", "ผู้ว่าราชการจังหวัดฉะเชิงเทรา", ["ฉะเชิงเทรา", "เชียงใหม่"]),
    # 002: the code นช for ฉช, Prachin Buri's postal code, the budget words, the links
    ("002", 5, "code-unknown", "ที่ นช ๐๐๑๙/ว ๖๓๐๐", ["นช", "ฉช"]),
    ("002", 8, "code-unknown", "ถนนเรืองวุฒิ นช ๒๕๐๐๐", ["นช"]),
    ("002", 8, "postal-province", "ถนนเรืองวุฒิ นช ๒๕๐๐๐", ["Prachin Buri", "24xxx"]),
    ("002", 387, "baht-words", "๒๗,๔๕๐,๕๐๐ บาท (ยี่สิบเจ็ดล้านสี่แสนสี่หมื่นสี่ร้อยบาทถ้วน)",
     ["๒๗,๔๔๐,๔๐๐", "๒๗,๔๕๐,๕๐๐"]),
    ("002", 470, "link-digits", "https://forms.gle/ppGUYQsXQTE๑wNS๓A", ["ppGUYQsXQTE1wNS3A"]),
    ("002", 480, "link-digits", "https://docs.google.com/spreadsheets/d/๑๙AtVJtp",
     ["19AtVJtp21nnS9cjALrecsd5Sv_3LxsWdNGRIRyTuClc"]),
    # 003: the code ฌข and Prachin Buri's postal code under a Chiang Mai heading
    ("003", 5, "code-unknown", "ที่ ฌข ๐๐๑๘/ว ๑๘๕๐", ["ฌข", "ชม"]),
    ("003", 8, "code-unknown", "ถนนเรืองวุฒิ ฌข ๒๕๐๐๐", ["ฌข"]),
    ("003", 8, "postal-province", "ถนนเรืองวุฒิ ฌข ๒๕๐๐๐", ["Prachin Buri", "50xxx"]),
    # 004: Yasothon's postal code in Ubon Ratchathani's address
    ("004", 8, "postal-province", "ถนนแจ้งสนิท อบ ๓๕๐๐๐", ["Yasothon", "34xxx"]),
]

WARNINGS = [
    ("000", 51, "phone-form", "โทร./โทรสาร ๐-๓๘๕๑-๑๒๓๙", ["๐ ๓๘๕๑ ๑๒๓๙"]),
    ("000", 51, "area-code", "โทร./โทรสาร ๐-๓๘๕๑-๑๒๓๙", ["๐๕"]),
    ("001", 75, "era-form", "พ.ศ.๒๕๖๖", ["พ.ศ. ๒๕๖๖"]),
    ("002", 147, "digits-mixed", "กชช.2ค.", ["๒"]),
    ("002", 155, "markup", "**อำเภอ ประเมินแผนพัฒนาหมู่บ้าน", ["**"]),
    ("002", 470, "markup", "<https://forms.gle/", ["<https://"]),
    ("003", 35, "area-code", "โทร./โทรสาร ๐ ๓๘๕๑ ๑๒๓๔", ["เชียงใหม่", "๐๕"]),
    ("003", 85, "list-marker", "๑๑. การดำเนินงานหน่วยงานคุณธรรม", ["๑๑)"]),
    ("003", 94, "markup", "<p>การพัฒนาศักยภาพศูนย์เรียนรู้", ["<p>"]),
    ("003", 95, "foreign-script", '"क्रम"', ["Devanagari", "क्रम"]),
    ("004", 12, "era-form", "ประจำปีงบประมาณ พ.ศ.๒๕๖๖", ["พ.ศ. ๒๕๖๖"]),
    ("004", 36, "era-form", "ประจำปีงบประมาณพ.ศ ๒๕๖๖", ["พ.ศ. ๒๕๖๖"]),
    ("004", 54, "phone-form", "โทร/โทรสาร ๐๔๕-๓๔๕๖๒๘", ["๐ ๔๕๓๔ ๕๖๒๘"]),
]

# (seed, line, the correct seed text, codes that must not fire on it)
CORRECT = [
    ("001", 5, "ที่ นค ๐๐๑๙.๓/ ๑๕๕๕๗", ["code-unknown", "code-province"]),
    ("001", 8, "ถนนมิตรภาพ นค ๔๓๐๐๐", ["code-unknown", "code-province", "postal-province"]),
    ("001", 39, "ผู้ว่าราชการจังหวัดหนองคาย", ["signer-province"]),
    ("001", 43, "โทร./โทรสาร ๐ ๔๒๔๑ ๑๑๘๒", ["phone-form", "area-code"]),
    ("001", 24, "ภายในวันพุธที่ ๓๐ ตุลาคม ๒๕๖๗", ["weekday", "date-invalid", "deadline-past"]),
    ("001", 30, "ภายในวันจันทร์ที่ ๒๓ ธันวาคม ๒๕๖๗", ["weekday", "deadline-past"]),
    ("001", 83, "ภายในวันที่ ๓๑ ตุลาคม ๒๕๖๗", ["date-invalid", "deadline-past"]),
    ("002", 76, "ผู้ว่าราชการจังหวัดฉะเชิงเทรา", ["signer-province"]),
    ("002", 80, "โทร./โทรสาร ๐ ๓๘๕๑ ๑๒๓๙", ["phone-form", "area-code"]),
    ("002", 331, "๒,๙๕๖,๖๐๐ บาท (สองล้านเก้าแสนห้าหมื่นหกพันหกร้อยบาทถ้วน)", ["baht-words"]),
    ("002", 441, "๘,๗๘๐,๐๐๐ บาท (แปดล้านเจ็ดแสนแปดหมื่นบาทถ้วน)", ["baht-words"]),
    ("002", 383, "จำนวน ๗,๐๓๖ ตำบล ๆ ละไม่น้อยกว่า ๒๐ คน รวมทั้งสิ้น ๑๔๐,๗๒๐ คน", ["arithmetic"]),
    ("002", 313, "subdistrictplan@gmail.com ภายในวันที่ ๒๗ ธันวาคม ๒๕๖๗", ["link-digits", "deadline-past"]),
    ("002", 341, "ไตรมาสที่ ๑ จำนวน ๑ วัน", ["quarter"]),
    ("002", 453, "ไตรมาสที่ ๓ (มิถุนายน ๒๕๖๘)", ["quarter"]),
    ("002", 33, "(สิ่งที่ส่งมาด้วย ๑)", ["citation"]),
    ("002", 40, "๒๕ ธันวาคม ๒๕๖๗ (สิ่งที่ส่งมาด้วย ๓) ดังนี้", ["citation", "deadline-past"]),
    ("000", 27, "(สิ่งที่ส่งมาด้วย ๑ - ๒)", ["citation"]),
    ("000", 37, "ขอแสดงความนับถือ", ["salutation-close"]),
    ("003", 31, "ผู้ว่าราชการจังหวัดเชียงใหม่", ["signer-province"]),
    ("003", 51, "พุธ ๑๗ เม.ย. ๖๗", ["weekday", "date-invalid"]),
    ("003", 61, "อังคาร ๓๐ เม.ย. ๖๗", ["weekday", "date-invalid"]),
    ("004", 5, "ที่ อบ ๐๐๑๙/ว ๕๓๑", ["code-unknown", "code-province"]),
    ("004", 36, "ภายในวันจันทร์ที่ ๑๕ พฤษภาคม ๒๕๖๖", ["weekday", "deadline-past"]),
    ("004", 46, "ผู้ว่าราชการจังหวัดอุบลราชธานี", ["signer-province"]),
    ("004", 54, "โทร/โทรสาร ๐๔๕-๓๔๕๖๒๘", ["area-code"]),
]


def seed_lines(key: str) -> list[str]:
    return seed_path(key).read_text(encoding="utf-8").splitlines()


def docx_of(lines: list[str]) -> bytes:
    """A plain Word document with one paragraph for each line of the text."""
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def findings_of(key: str, form: str):
    lines = seed_lines(key)
    if form == "text":
        return lint_letter(read_text("\n".join(lines), key))
    return lint_letter(read_docx(docx_of(lines), key))


@pytest.mark.parametrize("table", [ERRORS, WARNINGS, CORRECT])
def test_the_tables_quote_the_seeds(table) -> None:
    for key, line, *rest in table:
        quoted = rest[1] if len(rest) > 2 else rest[0]
        assert quoted in seed_lines(key)[line - 1], (key, line, quoted)


@pytest.mark.parametrize("form", ["text", "docx"])
@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_every_error_and_only_those(key: str, form: str) -> None:
    found = findings_of(key, form)
    errors = {(f.line, f.code) for f in found if f.severity == "error"}
    expected = {(line, code) for k, line, code, _, _ in ERRORS if k == key}
    assert errors == expected
    for k, line, code, _, words in ERRORS:
        if k == key:
            message = next(f.message for f in found if (f.line, f.code) == (line, code))
            assert all(w in message for w in words), (code, message)


@pytest.mark.parametrize("form", ["text", "docx"])
@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_the_warnings(key: str, form: str) -> None:
    found = findings_of(key, form)
    for k, line, code, _, words in WARNINGS:
        if k == key:
            messages = [f.message for f in found if (f.line, f.code) == (line, code)]
            assert messages, (key, line, code)
            assert all(w in messages[0] for w in words), (code, messages[0])
            assert all(f.severity == "warning" for f in found if f.code == code)


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_nothing_on_what_is_correct(key: str) -> None:
    found = findings_of(key, "text")
    for k, line, text, codes in CORRECT:
        if k == key:
            wrong = [f for f in found if f.line == line and f.code in codes]
            assert not wrong, (line, text, wrong)


def test_findings_are_sorted_by_line() -> None:
    found = lint_document(seed_path("002"))
    assert [f.line for f in found] == sorted(f.line for f in found)
    assert len(found) > 10
