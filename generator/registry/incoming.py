"""Incoming letters (หนังสือรับ): registered with our own receipt number per year so that
later letters can cite them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import UserError
from ..thai.dates import bangkok_date, be_year
from ..thai.digits import digits as _digits
from ..thai.digits import to_arabic_digits
from . import audit
from .numbering import letter_date, next_running
from .numbers import LetterNumber, number_key
from .profiles import Office
from .references import check_secrecy, check_speed
from .schema import RECEIPT, incoming
from .search import index_incoming, search_text


@dataclass(frozen=True)
class Received:
    id: int
    receipt_no: int
    receipt_year: int
    their_number: str | None
    digit_style: str = "thai"

    @property
    def receipt_text(self) -> str:
        """Our receipt number as written on the letter's stamp: ``๑๒/๒๕๖๗``."""
        return receipt_text(self.receipt_no, self.receipt_year, self.digit_style)


def receipt_text(receipt_no: int, year: int, digit_style: str = "thai") -> str:
    """Our receipt number: running number / Buddhist year.

    >>> receipt_text(12, 2567)
    '๑๒/๒๕๖๗'
    """
    return _digits(f"{receipt_no}/{year}", digit_style)


def clean_their_number(text: str | None) -> tuple[str | None, str | None]:
    """Their number as stored (a letter number in canonical form when it is one) and its key.

    >>> clean_their_number("นข๐๐๑๙/ว๖๓๒")
    ('นข 0019/ว 632', 'นข0019/ว632')
    >>> clean_their_number("  ")
    (None, None)
    """
    if text is None or not str(text).strip():
        return None, None
    text = " ".join(str(text).split()).removeprefix("ที่ ").strip()
    try:
        number = LetterNumber.parse(text)
    except UserError:
        return to_arabic_digits(text), number_key(text)
    return number.text("arabic"), number.key


def _required(value: Any, field: str) -> str:
    value = " ".join(str(value or "").split())
    if not value:
        raise UserError("is required for an incoming letter", field=field)
    return value


def receive(connection: Connection, office: Office, *, their_number: str | None,
            their_date: date | str | None, sender: str, subject: str,
            recipient: str | None = None, speed: str | None = None,
            secrecy: str | None = None, received_at: datetime | None = None,
            remarks: str | None = None, text: str | None = None) -> Received:
    """Register an incoming letter; returns our receipt number. ``text`` is what the letter
    says, where it is readable (a scan's recognised text, an e-mailed document's text): it is
    searched beside the subject, sender and number."""
    sender = _required(sender, "sender")
    subject = _required(subject, "subject")
    number, key = clean_their_number(their_number)
    if number is not None:
        number = _digits(number, office.digit_style)
    when = letter_date(their_date) if their_date not in (None, "") else None
    speed = check_speed(speed)
    secrecy = check_secrecy(secrecy)
    received_at = received_at or audit.now_utc()
    if received_at.tzinfo is None:
        raise UserError("the time received needs a time zone (e.g. +07:00)", field="received_at")
    if key is not None:
        duplicate = connection.execute(
            sa.select(incoming.c.receipt_no, incoming.c.receipt_year)
            .where(incoming.c.their_number_key == key, incoming.c.their_date == when,
                   incoming.c.office_code == office.code_key)).first()
        if duplicate:
            raise UserError(f"{their_number!r} of that date was already received as "
                            f"{duplicate[0]}/{duplicate[1]}", field="their_number")
    year = be_year(bangkok_date(received_at))
    receipt_no = next_running(connection, office.code_key, RECEIPT, year)
    row = {
        "office_id": office.id, "office_code": office.code_key, "receipt_year": year,
        # stored in UTC: SQLite keeps no offset, and a timestamp read back there is taken as UTC
        "receipt_no": receipt_no, "received_at": received_at.astimezone(timezone.utc),
        "their_number": number,
        "their_number_key": key, "their_date": when, "sender": sender,
        "recipient": " ".join(recipient.split()) if recipient else None, "subject": subject,
        "speed": speed, "secrecy": secrecy, "remarks": remarks or None,
        "search_text": search_text(subject, sender, recipient, number=number),
        "created_by": audit.current_user(),
    }
    new_id = connection.execute(incoming.insert().values(**row)).inserted_primary_key[0]
    index_incoming(connection, new_id, text)
    audit.log(connection, "receive", office_code=office.code_key,
              number_text=receipt_text(receipt_no, year, "arabic"), year=year,
              detail={"their_number": number, "their_date": when.isoformat() if when else None,
                      "sender": sender, "subject": subject})
    return Received(new_id, receipt_no, year, number, office.digit_style)
