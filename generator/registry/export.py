"""The outgoing register (ทะเบียนหนังสือส่ง) of a year, as CSV or as an XLSX laid out for print.

One row per number of the year, in order (per office code, ordinary series before the circular
series, by running number), reserved and cancelled numbers included, with the columns of the
register form: registration date, running number, ``ที่``, date of the letter, from, to,
subject, action taken, remarks. An order's number names no office, so its ``ที่`` is written
with the kind: ``คำสั่ง ๑๒/๒๕๖๗``, an announcement's ``ประกาศ ๓/๒๕๖๗``.
"""

from __future__ import annotations

import csv
from dataclasses import astuple, dataclass, fields
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import UserError
from ..files import replacing
from ..thai.dates import bangkok_date, format_date
from ..thai.digits import digits as _digits
from . import audit
from .profiles import Office
from .numbering import YEAR_SERIES
from .schema import CANCELLED, ISSUED, RESERVED, letters

FORMATS = ("csv", "xlsx")
FONT = "TH Sarabun New"
STATUS_LABELS = {ISSUED: "ส่งแล้ว", RESERVED: "จองเลข", CANCELLED: "ยกเลิก"}


@dataclass(frozen=True)
class RegisterRow:
    registered: str     # วันที่ลงทะเบียน
    running: str        # เลขทะเบียน
    number: str         # ที่
    date: str           # ลงวันที่
    sender: str         # จาก
    recipients: str     # ถึง
    subject: str        # เรื่อง
    action: str         # การปฏิบัติ
    remarks: str        # หมายเหตุ


HEADERS = {
    "registered": "วันที่ลงทะเบียน", "running": "เลขทะเบียน", "number": "ที่",
    "date": "ลงวันที่", "sender": "จาก", "recipients": "ถึง", "subject": "เรื่อง",
    "action": "การปฏิบัติ", "remarks": "หมายเหตุ",
}
# Column widths in characters of the XLSX, for a landscape A4 page.
WIDTHS = {"registered": 13, "running": 9, "number": 20, "date": 16, "sender": 26,
          "recipients": 26, "subject": 50, "action": 10, "remarks": 24}


def register_rows(connection: Connection, year: int, offices: dict[str, Office],
                  office: Office | None = None) -> list[RegisterRow]:
    query = sa.select(letters).where(letters.c.year == year,
                                     letters.c.status.in_((ISSUED, RESERVED, CANCELLED)))
    if office is not None:
        query = query.where(letters.c.office_code == office.code_key)
    query = query.order_by(letters.c.office_code, letters.c.series, letters.c.running)
    rows = []
    for row in connection.execute(query).mappings():
        owner = offices.get(row["office_id"])
        style = owner.digit_style if owner else "thai"
        sender = " ".join(part for part in (row["office_name"], row["unit_name"]) if part)
        registered = bangkok_date(audit.as_utc(row["created_at"]))
        remarks = ""
        if row["status"] == CANCELLED:
            remarks = f"ยกเลิก: {row['reason']}"
        elif row["status"] == RESERVED:
            remarks = f"จองโดย {row['created_by']}"
        rows.append(RegisterRow(
            registered=format_date(registered, "abbr", style),
            running=_digits(str(row["running"]), style),
            number=(f"{YEAR_SERIES[row['series']]} {row['number_text']}"
                    if row["series"] in YEAR_SERIES else row["number_text"]),
            date=format_date(row["date"], "full", style) if row["date"] else "",
            sender=sender,
            recipients=_digits("; ".join(row["recipients"] or []), style),
            subject=_digits(row["subject"] or "", style),
            action=STATUS_LABELS.get(row["status"], row["status"]),
            remarks=remarks,
        ))
    return rows


def write(rows: list[RegisterRow], fmt: str, path: Path, *, year: int,
          office: Office | None = None) -> Path:
    """Write the register to ``path`` through a temporary file, so a failure leaves no
    half-written file."""
    if fmt not in FORMATS:
        raise UserError(f"unknown register format {fmt!r}: use csv or xlsx", field="--format")
    path = Path(path)
    try:
        with replacing(path) as temp:
            if fmt == "csv":
                write_csv(rows, temp)
            else:
                write_xlsx(rows, temp, year=year, office=office)
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror}", field="-o") from None
    return path


def write_csv(rows: list[RegisterRow], path: Path) -> None:
    """UTF-8 with a byte-order mark, so spreadsheet programs read the Thai correctly."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([HEADERS[f.name] for f in fields(RegisterRow)])
        for row in rows:
            writer.writerow(astuple(row))


def write_xlsx(rows: list[RegisterRow], path: Path, *, year: int,
               office: Office | None = None) -> None:
    """A sheet laid out for printing: TH Sarabun New, fixed column widths, wrapped text,
    landscape A4 fitted to the page width, the header row repeated on every page."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    style = office.digit_style if office else "thai"
    book = Workbook()
    sheet = book.active
    sheet.title = _digits(f"ทะเบียนหนังสือส่ง {year}", "arabic")
    names = [f.name for f in fields(RegisterRow)]
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_font = Font(name=FONT, size=14, bold=True)
    body_font = Font(name=FONT, size=14)
    sheet.append([HEADERS[name] for name in names])
    for cell in sheet[1]:
        cell.font = header_font
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        sheet.append(list(astuple(row)))
        for cell in sheet[sheet.max_row]:
            cell.font = body_font
            cell.border = border
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for index, name in enumerate(names, 1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS[name]
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    title = f"ทะเบียนหนังสือส่ง ปี {year}"
    if office is not None:
        title = f"{title} {office.name}"
    sheet.oddHeader.center.text = _digits(title, style)
    sheet.oddHeader.center.font = f"{FONT},Bold"
    sheet.oddHeader.center.size = 16
    sheet.oddFooter.center.text = "&P / &N"
    sheet.oddFooter.center.font = FONT
    book.save(path)
