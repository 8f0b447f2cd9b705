"""Delivery records: one row per recipient of an issued letter — who, how it was sent (e-CMS,
e-mail, paper), when, and when the recipient acknowledged it.

Decisions:

- The rows are written when the letter is issued, in the issuing transaction: the recipient
  list the letter names, as it stood then (a later edit of the list changes no issued letter),
  or else the letter's own recipients (position only). Nothing is sent yet: ``method`` and
  ``sent_at`` stay empty until an export says how.
- Sending (``export ecms``) fills ``method``, ``sent_at`` and ``message_id`` of the matching
  row: by the e-GIF organization id when both sides have one, else by the position addressed.
  A receiver that is not among the rows (the letter sent on to someone added later) gets a row
  of its own, after the others.
- An acknowledgement (an ``AcceptLetterNotifier`` received) is matched by the message it
  answers (``message_id``, unique) and fills ``acknowledged_at`` and ``their_receipt``; it is
  refused when no delivery sent that message, or when that delivery is acknowledged already.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import UserError
from .numbers import number_key
from .schema import DELIVERY_METHODS, deliveries, letters


@dataclass(frozen=True)
class Addressee:
    """Whom a delivery goes to (an entry of a recipient list, or a position alone)."""

    position: str
    agency: str = ""
    name: str = ""
    ministry_id: str = ""
    organization_id: str = ""
    email: str = ""


@dataclass(frozen=True)
class Delivery:
    position: int
    recipient: str
    agency: str | None
    name: str | None
    ministry_id: str | None
    organization_id: str | None
    email: str | None
    list_name: str | None
    method: str | None
    sent_at: datetime | None
    message_id: str | None
    acknowledged_at: datetime | None
    their_receipt: str | None

    @property
    def addressee(self) -> Addressee:
        return Addressee(self.recipient, self.agency or "", self.name or "",
                         self.ministry_id or "", self.organization_id or "", self.email or "")

    def as_json(self) -> dict:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        from .audit import as_utc

        for key in ("sent_at", "acknowledged_at"):
            data[key] = as_utc(data[key]).isoformat(timespec="seconds") if data[key] else None
        return data


@dataclass(frozen=True)
class Sent:
    """One receiver of an export: whom, how, when, and the message's id."""

    addressee: Addressee
    method: str
    at: datetime
    message_id: str | None = None


def _clean(text: str | None) -> str | None:
    text = " ".join(str(text or "").split())
    return text or None


def _insert(connection: Connection, letter_id: int, position: int, who: Addressee,
            list_name: str | None) -> None:
    connection.execute(deliveries.insert().values(
        letter_id=letter_id, position=position, recipient=_clean(who.position),
        agency=_clean(who.agency), name=_clean(who.name), ministry_id=_clean(who.ministry_id),
        organization_id=_clean(who.organization_id), email=_clean(who.email),
        list_name=list_name))


def record_issue(connection: Connection, letter_id: int, addressees: Sequence[Addressee],
                 list_name: str | None = None) -> None:
    """The delivery rows of a letter being issued (see the module docstring)."""
    for position, who in enumerate(addressees, 1):
        if not _clean(who.position):
            raise UserError("a recipient needs a position", field=f"recipients[{position - 1}]")
        _insert(connection, letter_id, position, who, list_name)


def for_letter(connection: Connection, letter_id: int) -> list[Delivery]:
    rows = connection.execute(sa.select(deliveries).where(deliveries.c.letter_id == letter_id)
                              .order_by(deliveries.c.position)).mappings()
    return [Delivery(**{k: row[k] for k in Delivery.__dataclass_fields__}) for row in rows]


def _match(rows: list[Delivery], who: Addressee, taken: set[int]) -> Delivery | None:
    """The row a receiver is, by organization id, else by position addressed.

    >>> row = Delivery(1, "นายอำเภอเพ็ญ", None, None, None, "15007", None, None, None, None,
    ...                None, None, None)
    >>> _match([row], Addressee("นายอำเภอ เพ็ญ", organization_id="15007"), set()).position
    1
    >>> _match([row], Addressee("นายอำเภอเพ็ญ"), {1}) is None
    True
    """
    free = [r for r in rows if r.position not in taken]
    if who.organization_id:
        for row in free:
            if row.organization_id == who.organization_id:
                return row
    position = _clean(who.position)
    for row in free:
        if row.recipient == position and not (row.organization_id and who.organization_id):
            return row
    return None


def mark_sent(connection: Connection, letter_id: int, sent: Sequence[Sent]) -> list[int]:
    """Record an export: each receiver's row gets how, when and the message id; a receiver
    with no row gets a new one. Returns the rows' positions, in the order of ``sent``."""
    rows = for_letter(connection, letter_id)
    taken: set[int] = set()
    last = max((r.position for r in rows), default=0)
    positions = []
    for item in sent:
        if item.method not in DELIVERY_METHODS:
            raise UserError(f"{item.method!r} is not a way of sending "
                            f"({', '.join(DELIVERY_METHODS)})", field="method")
        row = _match(rows, item.addressee, taken)
        values = {"method": item.method, "sent_at": item.at, "message_id": item.message_id}
        if row is None:
            last += 1
            _insert(connection, letter_id, last, item.addressee, None)
            position = last
        else:
            position = row.position
        taken.add(position)
        connection.execute(deliveries.update().where(
            deliveries.c.letter_id == letter_id, deliveries.c.position == position
        ).values(**values))
        positions.append(position)
    return positions


@dataclass(frozen=True)
class Acknowledged:
    number_text: str
    recipient: str
    their_receipt: str | None


def acknowledge(connection: Connection, message_id: str, at: datetime,
                their_receipt: str | None, *, number: str | None = None,
                file: str | None = None) -> Acknowledged:
    """Record that the recipient of message ``message_id`` accepted the letter (``number``:
    the letter's number as the acknowledgement gives it, checked against the message's)."""
    row = connection.execute(
        sa.select(deliveries.c.id, deliveries.c.recipient, deliveries.c.acknowledged_at,
                  deliveries.c.their_receipt, letters.c.number_text)
        .join(letters, letters.c.id == deliveries.c.letter_id)
        .where(deliveries.c.message_id == message_id)).first()
    if row is None:
        raise UserError(f"answers message {message_id}, which no letter of this register was "
                        f"sent in", file=file, field="RelatesTo")
    if number is not None and number_key(number) != number_key(row.number_text):
        raise UserError(f"acknowledges {number!r}, but message {message_id} carried "
                        f"{row.number_text}", file=file, field="LetterID")
    if row.acknowledged_at is not None:
        raise UserError(f"{row.number_text} to {row.recipient} was acknowledged already "
                        f"({row.their_receipt or 'no receipt number'})", file=file,
                        field="RelatesTo")
    connection.execute(deliveries.update().where(deliveries.c.id == row.id).values(
        acknowledged_at=at, their_receipt=_clean(their_receipt)))
    return Acknowledged(row.number_text, row.recipient, _clean(their_receipt))
