"""Incoming letters (หนังสือรับ): registered with our own receipt number per year so that
later letters can cite them.

Duplicates: a letter is the same letter when its sender, number and date are (an undated one:
sender and number). :func:`duplicate_key` is the SHA-256 of those three, kept in
``incoming.duplicate_key`` under a unique index (migration 0007): the check before the insert
names the earlier receipt, and the index catches two processes receiving the same letter at
once on PostgreSQL (the second insert fails, its transaction rolls back, no receipt number is
used). A letter without a number has no key: nothing tells two of them apart.

References: the letters an incoming letter cites (an e-CMS message's ReferenceCorrespondence)
are kept in ``incoming_references``, in their order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Sequence

from ..errors import UserError
from ..thai.dates import bangkok_date, be_year
from ..thai.digits import digits as _digits
from ..thai.digits import to_arabic_digits
from . import audit, driver, queries
from .numbering import letter_date, next_running
from .numbers import LetterNumber, number_key
from .profiles import Office
from .references import check_secrecy, check_speed
from .search import index_incoming, search_text
from .states import RECEIPT

#: A connection: SQLAlchemy's or a bare DB-API one (:mod:`generator.registry.driver`).
Connection = Any


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


@dataclass(frozen=True)
class TheirReference:
    """A letter an incoming letter cites: number, date and subject as its sender gave them."""

    number: str
    date: date | None = None
    subject: str | None = None


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


def duplicate_key(key: str | None, when: date | None, sender: str) -> str | None:
    """What makes two incoming letters one: their number's key, date and sender (spacing and
    digits folded); None without a number.

    >>> a = duplicate_key("นข0019/ว632", None, "จังหวัด  เชียงใหม่")
    >>> a == duplicate_key("นข0019/ว632", None, "จังหวัดเชียงใหม่"), len(a)
    (True, 64)
    >>> a == duplicate_key("นข0019/ว632", date(2023, 1, 31), "จังหวัดเชียงใหม่")
    False
    >>> duplicate_key(None, None, "จังหวัดเชียงใหม่") is None
    True
    """
    if not key:
        return None
    folded = "".join(to_arabic_digits(sender).split())
    day = when.isoformat() if when else "-"
    import hashlib  # imported on first use: the quick commands never receive a letter

    return hashlib.sha256(f"{key}\n{day}\n{folded}".encode("utf-8")).hexdigest()


def _required(value: Any, field: str) -> str:
    value = " ".join(str(value or "").split())
    if not value:
        raise UserError("is required for an incoming letter", field=field)
    return value


def _already(their_number: str | None, when: date | None, row) -> UserError:
    dated = "of that date" if when else "(undated)"
    return UserError(f"{their_number!r} {dated} from this sender was already received as "
                     f"{row['receipt_no']}/{row['receipt_year']}", field="their_number")


def _earlier(connection: Connection, office: Office, same: str):
    return driver.first(connection, queries.EARLIER, same=same, office_code=office.code_key)


def receive(connection: Connection, office: Office, *, their_number: str | None,
            their_date: date | str | None, sender: str, subject: str,
            recipient: str | None = None, speed: str | None = None,
            secrecy: str | None = None, received_at: datetime | None = None,
            remarks: str | None = None, text: str | None = None,
            references: Sequence[TheirReference] = ()) -> Received:
    """Register an incoming letter; returns our receipt number. ``text`` is what the letter
    says, where it is readable (a scan's recognised text, an e-mailed document's text): it is
    searched beside the subject, sender and number. ``references``: the letters it cites."""
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
    cited = []
    for i, ref in enumerate(references):
        ref_number, ref_key = clean_their_number(ref.number)
        if ref_number is None:
            raise UserError("a cited letter needs its number", field=f"references[{i}].number")
        cited.append({"position": i + 1, "number": ref_number, "number_key": ref_key,
                      "date": letter_date(ref.date) if ref.date else None,
                      "subject": " ".join(ref.subject.split()) if ref.subject else None})
    same = duplicate_key(key, when, sender)
    if same is not None:
        earlier = _earlier(connection, office, same)
        if earlier:
            raise _already(their_number, when, earlier)
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
        "created_by": audit.current_user(), "duplicate_key": same,
    }
    import sqlalchemy as sa  # receiving runs in the library's own transactions only

    try:
        new_id = driver.scalar(connection, queries.insert("incoming", tuple(row), "id"), **row)
    except sa.exc.IntegrityError as error:
        # The same letter, received by another process since the check above: the unique
        # index refused the second one. The caller's transaction rolls back.
        reason = str(error.orig)
        if "ix_incoming_duplicate" not in reason and "duplicate_key" not in reason:
            raise
        dated = "of that date" if when else "(undated)"
        raise UserError(f"{their_number!r} {dated} from this sender was being received by "
                        f"another process at the same moment; nothing was registered here",
                        field="their_number") from None
    for item in cited:
        values = {"incoming_id": new_id, **item}
        driver.execute(connection, queries.insert("incoming_references", tuple(values)),
                       **values)
    index_incoming(connection, new_id, text)
    audit.log(connection, "receive", office_code=office.code_key,
              number_text=receipt_text(receipt_no, year, "arabic"), year=year,
              detail={"their_number": number, "their_date": when.isoformat() if when else None,
                      "sender": sender, "subject": subject,
                      **({"references": [c["number"] for c in cited]} if cited else {})})
    return Received(new_id, receipt_no, year, number, office.digit_style)


def their_references(connection: Connection, incoming_id: int) -> list[TheirReference]:
    """The letters incoming letter ``incoming_id`` cites, in its order."""
    rows = driver.rows(connection, queries.THEIR_REFERENCES, id=incoming_id)
    return [TheirReference(row["number"], row["date"], row["subject"]) for row in rows]
