"""The outgoing register of a year: every number in order, as CSV and as a printable XLSX."""

from __future__ import annotations

import csv
from dataclasses import astuple
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from generator.errors import UserError
from generator.registry import export
from generator.registry.export import FONT, HEADERS, INCOMING_HEADERS
from generator.thai.dates import BANGKOK

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
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1) and int(sheet.page_setup.fitToHeight) == 0  # 1 is the default
    assert sheet["C2"].border.left.style == "thin" and sheet["A1"].alignment.horizontal == "center"
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


INCOMING_COLUMNS = ["เลขทะเบียนรับ", "วันที่รับ", "เวลา", "ที่", "ลงวันที่", "จาก", "ถึง", "เรื่อง",
                    "การปฏิบัติ", "หมายเหตุ"]


@pytest.fixture
def received_2567(reg):
    reg.receive(their_number="นข ๐๐๑๙/ว ๖๓๒", their_date=date(2024, 1, 31),
                sender="จังหวัดเชียงใหม่", subject="การประชุม ๒๕๖๗", recipient="นายอำเภอ",
                speed="ด่วนที่สุด", remarks="ต้นฉบับ",
                received_at=datetime(2024, 2, 2, 9, 5, tzinfo=BANGKOK))
    reg.receive(their_number=None, their_date=None, sender="กรมการพัฒนาชุมชน",
                subject="แจ้งเวียน", received_at=datetime(2024, 2, 3, 13, 30, tzinfo=BANGKOK))
    reg.receive(their_number="นข 1/2", their_date=date(2024, 12, 30), sender="อำเภอ",
                subject="ปีถัดไป", received_at=datetime(2025, 1, 2, 8, 0, tzinfo=BANGKOK))
    issue(reg, subject="ตอบ", date=date(2024, 2, 5), references=["นข ๐๐๑๙/ว ๖๓๒"])
    return reg


def test_incoming_register_is_every_letter_received_in_the_year(received_2567, tmp_path):
    rows = received_2567.register_rows(2567, incoming=True)
    assert [astuple(r) for r in rows] == [
        ("๑", "๒ ก.พ. ๖๗", "๐๙.๐๕ น.", "นข ๐๐๑๙/ว ๖๓๒", "๓๑ มกราคม ๒๕๖๗", "จังหวัดเชียงใหม่",
         "นายอำเภอ", "การประชุม ๒๕๖๗", "อ้างถึงใน นค ๐๐๑๙/ ๑", "ด่วนที่สุด; ต้นฉบับ"),
        ("๒", "๓ ก.พ. ๖๗", "๑๓.๓๐ น.", "", "", "กรมการพัฒนาชุมชน", "", "แจ้งเวียน", "", ""),
    ]
    assert [r.subject for r in received_2567.register_rows(2568, incoming=True)] == ["ปีถัดไป"]
    path = received_2567.export_register(2567, "csv", tmp_path / "in.csv", incoming=True)
    table = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert table[0] == INCOMING_COLUMNS == list(INCOMING_HEADERS.values())
    assert table[1:] == [list(astuple(r)) for r in rows]
    sheet = load_workbook(received_2567.export_register(
        2567, "xlsx", tmp_path / "in.xlsx", incoming=True)).active
    assert [c.value for c in sheet[1]] == INCOMING_COLUMNS
    assert sheet["H2"].value == "การประชุม ๒๕๖๗" and sheet["H2"].font.name == FONT
    assert "ทะเบียนหนังสือรับ ปี ๒๕๖๗" in sheet.oddHeader.center.text
    assert sheet.print_title_rows == "$1:$1" and sheet.page_setup.orientation == "landscape"


def test_register_cli_writes_the_incoming_register(received_2567, workspace, db_url):
    from .conftest import cli

    result = cli(workspace, db_url, "register", "--incoming", "--year", "2567")
    assert result.exit_code == 0, result.output
    written = workspace / "output" / "exports" / "register-incoming-2567.csv"
    assert result.stdout.strip() == str(written)
    assert written.read_text(encoding="utf-8-sig").splitlines()[1].startswith("๑,")
    shown = cli(workspace, db_url, "register", "--incoming", "--year", "2567", "-o", "-")
    assert shown.stdout.splitlines()[0].split(",") == INCOMING_COLUMNS


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_long_register_keeps_every_row_in_order(reg, tmp_path, fmt, monkeypatch):
    """Many rows, streamed from the database in several fetches and reported as they go: the
    file opens and holds the expected first, middle and last rows."""
    monkeypatch.setattr(export, "STEP", 50)
    count = 301
    with reg.engine.begin() as connection:  # a bulk insert: the numbering is not under test
        office = reg.office()
        made = datetime(2024, 1, 1, 9, tzinfo=BANGKOK)
        connection.execute(export.letters.insert(), [{
            "office_id": office.id, "office_code": office.code_key, "agency": office.agency,
            "office_name": office.name, "series": "", "year": 2567, "running": n,
            "circular": False, "number_text": office.number_text(n),
            "number_key": f"k{n}", "status": "issued", "date": date(2024, 1, 1),
            "subject": f"เรื่องที่ {n}", "recipients": ["นายอำเภอ"], "search_text": "",
            "created_at": made + timedelta(minutes=n), "created_by": "test"}
            for n in range(1, count + 1)])
    heard = []
    path = reg.export_register(2567, fmt, tmp_path / f"long.{fmt}",
                               progress=lambda done, total: heard.append((done, total)))
    assert heard == [(n, count) for n in range(50, count, 50)] + [(count, count)]
    if fmt == "xlsx":
        found = [tuple(v or "" for v in row) for row in
                 load_workbook(path, read_only=True).active.iter_rows(min_row=2,
                                                                      values_only=True)]
    else:
        found = [tuple(row) for row in
                 csv.reader(path.read_text(encoding="utf-8-sig").splitlines()[1:])]
    assert len(found) == count
    for index, n in ((0, "๑"), (count // 2, "๑๕๑"), (count - 1, "๓๐๑")):
        assert found[index][1] == n and found[index][2] == office.number_text(int(
            n.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))))
        assert found[index][6] == f"เรื่องที่ {n}"
