"""The outgoing register of a year: every number in order, as CSV and as a printable XLSX."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from openpyxl import load_workbook

from generator.errors import UserError
from generator.registry.export import FONT, HEADERS

from .test_numbering import issue

COLUMNS = ["วันที่ลงทะเบียน", "เลขทะเบียน", "ที่", "ลงวันที่", "จาก", "ถึง", "เรื่อง", "การปฏิบัติ",
           "หมายเหตุ"]


@pytest.fixture
def year_2567(reg):
    issue(reg, unit="3", subject="การขับเคลื่อนตำบลเข้มแข็ง ปี 2568", date=date(2024, 10, 25),
          recipients=["นายอำเภอ ทุกอำเภอ"])
    kept, spoilt = reg.reserve(2, date=date(2024, 10, 28))
    reg.cancel(spoilt, reason="พิมพ์ผิด")
    issue(reg, circular=True, subject="แผนพัฒนาตำบล", date=date(2024, 11, 1),
          recipients=["นายอำเภอ", "ท้องถิ่นจังหวัด"])
    issue(reg, subject="ปีถัดไป", date=date(2025, 1, 2))           # 2568: not in this register
    issue(reg, subject="วันสุดท้ายของปี", date=date(2024, 12, 31))  # 2567, number 4
    return reg


def test_register_rows_are_every_number_of_the_year_in_order(year_2567):
    rows = year_2567.register_rows(2567)
    assert [(r.number, r.action) for r in rows] == [
        ("นค ๐๐๑๙.๓/ ๑", "ส่งแล้ว"), ("นค ๐๐๑๙/ ๒", "จองเลข"), ("นค ๐๐๑๙/ ๓", "ยกเลิก"),
        ("นค ๐๐๑๙/ ๔", "ส่งแล้ว"), ("นค ๐๐๑๙/ว ๑", "ส่งแล้ว")]
    first = rows[0]
    assert first.running == "๑" and first.date == "๒๕ ตุลาคม ๒๕๖๗"
    assert first.sender == "สำนักงานพัฒนาชุมชนจังหวัดหนองคาย กลุ่มงานส่งเสริมการพัฒนาชุมชน"
    assert first.recipients == "นายอำเภอ ทุกอำเภอ"
    assert first.subject == "การขับเคลื่อนตำบลเข้มแข็ง ปี ๒๕๖๘"
    assert rows[2].remarks == "ยกเลิก: พิมพ์ผิด" and rows[1].remarks.startswith("จองโดย ")
    assert rows[4].recipients == "นายอำเภอ; ท้องถิ่นจังหวัด"
    assert [r.number for r in year_2567.register_rows(2568)] == ["นค ๐๐๑๙/ ๑"]
    assert year_2567.register_rows(2566) == []


def test_csv_has_the_register_columns(year_2567, tmp_path):
    path = year_2567.export_register(2567, "csv", tmp_path / "out" / "register.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheet programs read the Thai right
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == COLUMNS == list(HEADERS.values())
    assert [row[2] for row in rows[1:]] == ["นค ๐๐๑๙.๓/ ๑", "นค ๐๐๑๙/ ๒", "นค ๐๐๑๙/ ๓",
                                            "นค ๐๐๑๙/ ๔", "นค ๐๐๑๙/ว ๑"]
    assert rows[3][7:] == ["ยกเลิก", "ยกเลิก: พิมพ์ผิด"]


def test_xlsx_is_laid_out_for_printing(year_2567, tmp_path):
    path = year_2567.export_register(2567, "xlsx", tmp_path / "register.xlsx")
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == COLUMNS
    assert sheet.max_row == 6
    assert sheet["C2"].value == "นค ๐๐๑๙.๓/ ๑" and sheet["H4"].value == "ยกเลิก"
    for cell in (sheet["A1"], sheet["G2"], sheet["I4"]):
        assert cell.font.name == FONT
    assert sheet["A1"].font.b and not sheet["G2"].font.b
    assert sheet["G2"].alignment.wrap_text
    widths = {col: sheet.column_dimensions[col].width for col in "ABCDEFGHI"}
    assert widths["G"] == max(widths.values()) and all(w >= 9 for w in widths.values())
    assert sheet.print_title_rows == "$1:$1"          # header repeated on every page
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4 in the OOXML paper-size table
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.freeze_panes == "A2"
    title = "ทะเบียนหนังสือส่ง ปี ๒๕๖๗ สำนักงานพัฒนาชุมชนจังหวัดหนองคาย"
    assert title in sheet.oddHeader.center.text


def test_a_bad_format_or_unwritable_path_writes_nothing(year_2567, tmp_path):
    with pytest.raises(UserError, match="unknown register format"):
        year_2567.export_register(2567, "pdf", tmp_path / "r.pdf")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserError, match="cannot write"):
        year_2567.export_register(2567, "csv", blocker / "r.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "ws"]


@pytest.mark.parametrize("year", [0, 2024, 99999])
def test_a_year_that_is_not_buddhist_era_is_refused(reg, year):
    with pytest.raises(UserError, match="not a Buddhist-era year"):
        reg.register_rows(year)
