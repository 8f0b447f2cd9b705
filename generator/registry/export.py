"""The outgoing register (ทะเบียนหนังสือส่ง) and the incoming register (ทะเบียนหนังสือรับ) of a
year, as CSV or as an XLSX laid out for print.

Outgoing: one row per number of the year, in order (per office code, ordinary series before the
circular series, by running number), reserved, cancelled and spoilt numbers included, with the columns
of the register form: registration date, running number, ``ที่``, date of the letter, from, to,
subject, action taken, remarks. An order's number names no office, so its ``ที่`` is written
with the kind: ``คำสั่ง ๑๒/๒๕๖๗``, an announcement's ``ประกาศ ๓/๒๕๖๗``.

Incoming: one row per letter received in the year, by receipt number (per office code): receipt
number, date and time received, their ``ที่``, date of the letter, from, to, subject, action (our
letters that cite it) and remarks (speed, secrecy and the remarks given on receipt). It reads
the columns every incoming row has, so columns added later change nothing here.

Linear at any size: the rows are read from the database as a stream (``yield_per``: a
server-side cursor on PostgreSQL), formatted one at a time and written as they come, so time
grows with the rows and memory does not. XLSX is written by XlsxWriter in its constant-memory
mode (each row goes to disk when the next begins); openpyxl's write-only mode, measured on the
same styled rows, took twice as long (a styled cell costs it an object and an exception), and its
normal mode rewrote the growing sheet at every row (an hour for 100,000 rows). A progress
callback hears ``(rows written, rows in all)`` every :data:`STEP` rows.
"""

from __future__ import annotations

import csv
from dataclasses import astuple, dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import UserError
from ..files import replacing
from ..thai.dates import BANGKOK, bangkok_date, format_date
from ..thai.digits import digits as _digits
from . import audit
from .profiles import Office
from .numbering import YEAR_SERIES
from .schema import CANCELLED, ISSUED, RESERVED, SPOILT, citations, incoming, letters

FORMATS = ("csv", "xlsx")
OUTGOING, INCOMING = "outgoing", "incoming"
FONT = "TH Sarabun New"
STATUS_LABELS = {ISSUED: "ส่งแล้ว", RESERVED: "จองเลข", CANCELLED: "ยกเลิก", SPOILT: "เลขเสีย"}
STEP = 1000               # rows between two progress calls; rows fetched at a time
Progress = Callable[[int, int], None]


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


@dataclass(frozen=True)
class IncomingRow:
    receipt: str        # เลขทะเบียนรับ
    received: str       # วันที่รับ
    time: str           # เวลา
    number: str         # ที่
    date: str           # ลงวันที่
    sender: str         # จาก
    recipient: str      # ถึง
    subject: str        # เรื่อง
    action: str         # การปฏิบัติ
    remarks: str        # หมายเหตุ


HEADERS = {
    "registered": "วันที่ลงทะเบียน", "running": "เลขทะเบียน", "number": "ที่",
    "date": "ลงวันที่", "sender": "จาก", "recipients": "ถึง", "subject": "เรื่อง",
    "action": "การปฏิบัติ", "remarks": "หมายเหตุ",
}
INCOMING_HEADERS = {
    "receipt": "เลขทะเบียนรับ", "received": "วันที่รับ", "time": "เวลา", "number": "ที่",
    "date": "ลงวันที่", "sender": "จาก", "recipient": "ถึง", "subject": "เรื่อง",
    "action": "การปฏิบัติ", "remarks": "หมายเหตุ",
}


@dataclass(frozen=True)
class Layout:
    """What one register's file looks like: its title, columns and their widths (characters,
    for a landscape A4 page)."""

    title: str
    row: type
    headers: dict[str, str]
    widths: dict[str, int]

    def header_row(self) -> list[str]:
        return [self.headers[f.name] for f in fields(self.row)]


LAYOUTS = {
    OUTGOING: Layout("ทะเบียนหนังสือส่ง", RegisterRow, HEADERS, {
        "registered": 13, "running": 9, "number": 20, "date": 16, "sender": 26,
        "recipients": 26, "subject": 50, "action": 10, "remarks": 24}),
    INCOMING: Layout("ทะเบียนหนังสือรับ", IncomingRow, INCOMING_HEADERS, {
        "receipt": 9, "received": 11, "time": 8, "number": 20, "date": 16, "sender": 24,
        "recipient": 22, "subject": 48, "action": 18, "remarks": 16}),
}
WIDTHS = LAYOUTS[OUTGOING].widths


def _style(offices: dict[str, Office], office_id: str) -> str:
    owner = offices.get(office_id)
    return owner.digit_style if owner else "thai"


def _outgoing_query(year: int, office: Office | None) -> sa.Select:
    query = sa.select(letters).where(letters.c.year == year,
                                     letters.c.status.in_((ISSUED, RESERVED, CANCELLED, SPOILT)))
    if office is not None:
        query = query.where(letters.c.office_code == office.code_key)
    return query.order_by(letters.c.office_code, letters.c.series, letters.c.running)


def _incoming_query(year: int, office: Office | None) -> sa.Select:
    query = sa.select(incoming.c.id, incoming.c.office_id, incoming.c.receipt_no,
                      incoming.c.received_at, incoming.c.their_number, incoming.c.their_date,
                      incoming.c.sender, incoming.c.recipient, incoming.c.subject,
                      incoming.c.speed, incoming.c.secrecy, incoming.c.remarks
                      ).where(incoming.c.receipt_year == year)
    if office is not None:
        query = query.where(incoming.c.office_code == office.code_key)
    return query.order_by(incoming.c.office_code, incoming.c.receipt_no)


def count_rows(connection: Connection, kind: str, year: int, office: Office | None = None) -> int:
    """How many rows the register of ``year`` has."""
    query = _outgoing_query(year, office) if kind == OUTGOING else _incoming_query(year, office)
    return connection.execute(sa.select(sa.func.count()).select_from(
        query.order_by(None).subquery())).scalar_one()


def _stream(connection: Connection, query: sa.Select) -> Iterator[Any]:
    return iter(connection.execute(query.execution_options(yield_per=STEP)).mappings())


def register_rows(connection: Connection, year: int, offices: dict[str, Office],
                  office: Office | None = None) -> Iterator[RegisterRow]:
    """The outgoing register of ``year``, row by row, as read from the database."""
    for row in _stream(connection, _outgoing_query(year, office)):
        style = _style(offices, row["office_id"])
        sender = " ".join(part for part in (row["office_name"], row["unit_name"]) if part)
        registered = bangkok_date(audit.as_utc(row["created_at"]))
        remarks = ""
        if row["status"] == CANCELLED:
            remarks = f"ยกเลิก: {row['reason']}"
        elif row["status"] == SPOILT:  # its issue failed after a later number was taken
            remarks = f"เลขเสีย: {row['reason']}"
        elif row["status"] == RESERVED:
            remarks = f"จองโดย {row['created_by']}"
        yield RegisterRow(
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
        )


def _citing(connection: Connection, year: int) -> dict[int, list[str]]:
    """Our issued letters citing each incoming letter received in ``year``, oldest first."""
    query = (sa.select(citations.c.to_incoming_id, letters.c.number_text)
             .join(letters, letters.c.id == citations.c.from_letter_id)
             .join(incoming, incoming.c.id == citations.c.to_incoming_id)
             .where(incoming.c.receipt_year == year, letters.c.status == ISSUED)
             .order_by(letters.c.id))
    found: dict[int, list[str]] = {}
    for incoming_id, number in connection.execute(query):
        found.setdefault(incoming_id, []).append(number)
    return found


def received_time(moment: datetime, style: str = "thai") -> tuple[str, str]:
    """The date and the time (Bangkok) a letter was received, as the register writes them.

    >>> from datetime import timezone
    >>> received_time(datetime(2024, 10, 25, 2, 5, tzinfo=timezone.utc))
    ('๒๕ ต.ค. ๖๗', '๐๙.๐๕ น.')
    """
    local = audit.as_utc(moment).astimezone(BANGKOK)
    return (format_date(local.date(), "abbr", style),
            _digits(f"{local.hour:02d}.{local.minute:02d} น.", style))


def incoming_rows(connection: Connection, year: int, offices: dict[str, Office],
                  office: Office | None = None) -> Iterator[IncomingRow]:
    """The incoming register of ``year`` (by receipt year), row by row."""
    cited = _citing(connection, year)
    for row in _stream(connection, _incoming_query(year, office)):
        style = _style(offices, row["office_id"])
        day, at = received_time(row["received_at"], style)
        replies = cited.get(row["id"])
        remarks = [row["speed"], row["secrecy"], row["remarks"]]
        yield IncomingRow(
            receipt=_digits(str(row["receipt_no"]), style),
            received=day, time=at,
            number=row["their_number"] or "",
            date=format_date(row["their_date"], "full", style) if row["their_date"] else "",
            sender=row["sender"],
            recipient=row["recipient"] or "",
            subject=_digits(row["subject"] or "", style),
            action="อ้างถึงใน " + ", ".join(replies) if replies else "",
            remarks=_digits("; ".join(part for part in remarks if part), style),
        )


def write(rows: Iterable[Any], fmt: str, path: Path, *, year: int, office: Office | None = None,
          kind: str = OUTGOING, total: int | None = None, progress: Progress | None = None
          ) -> Path:
    """Write the register to ``path`` through a temporary file, so a failure leaves no
    half-written file."""
    if fmt not in FORMATS:
        raise UserError(f"unknown register format {fmt!r}: use csv or xlsx", field="--format")
    layout = LAYOUTS[kind]
    path = Path(path)
    rows = _counted(rows, total, progress) if progress else rows
    try:
        with replacing(path) as temp:
            if fmt == "csv":
                write_csv(rows, temp, layout)
            else:
                write_xlsx(rows, temp, year=year, office=office, layout=layout)
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror}", field="-o") from None
    return path


def _counted(rows: Iterable[Any], total: int | None, progress: Progress) -> Iterator[Any]:
    done = 0
    for row in rows:
        yield row
        done += 1
        if done % STEP == 0:
            progress(done, total or done)
    progress(done, total or done)


def write_csv(rows: Iterable[Any], path: Path, layout: Layout = LAYOUTS[OUTGOING]) -> None:
    """UTF-8 with a byte-order mark, so spreadsheet programs read the Thai correctly."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(layout.header_row())
        writer.writerows(astuple(row) for row in rows)


def write_xlsx(rows: Iterable[Any], path: Path, *, year: int, office: Office | None = None,
               layout: Layout = LAYOUTS[OUTGOING]) -> None:
    """A sheet laid out for printing: TH Sarabun New, fixed column widths, wrapped text, thin
    borders, landscape A4 fitted to the page width, the header row repeated on every page and
    frozen on screen, the register's title in the page header and page numbers in the footer."""
    import xlsxwriter

    style = office.digit_style if office else "thai"
    book = xlsxwriter.Workbook(str(path), {
        "constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
        "strings_to_urls": False})
    try:
        sheet = book.add_worksheet(_digits(f"{layout.title} {year}", "arabic"))
        header = book.add_format({"font_name": FONT, "font_size": 14, "bold": True,
                                  "border": 1, "align": "center", "valign": "vcenter",
                                  "text_wrap": True})
        body = book.add_format({"font_name": FONT, "font_size": 14, "border": 1,
                                "valign": "top", "text_wrap": True})
        names = [f.name for f in fields(layout.row)]
        for column, name in enumerate(names):
            sheet.set_column(column, column, layout.widths[name])
        sheet.freeze_panes(1, 0)
        sheet.repeat_rows(0)
        sheet.set_landscape()
        sheet.set_paper(9)                     # A4
        sheet.fit_to_pages(1, 0)               # one page wide, as many pages long as it takes
        sheet.center_horizontally()
        sheet.set_margins(left=0.4, right=0.4)
        title = f"{layout.title} ปี {year}" + (f" {office.name}" if office is not None else "")
        text = _digits(title, style).replace("&", "&&")
        sheet.set_header(f'&C&"{FONT},Bold"&16{text}')
        sheet.set_footer(f'&C&"{FONT},Regular"&P / &N')
        cell = sheet.write_string
        for column, label in enumerate(layout.header_row()):
            cell(0, column, label, header)
        for number, row in enumerate(rows, 1):
            for column, value in enumerate(astuple(row)):
                cell(number, column, value, body)
    finally:
        book.close()
