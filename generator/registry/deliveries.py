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
- E-mail and paper are recorded by hand (``gen-letter deliver``, :func:`record_delivery`): the
  rows named by their position addressed (or their number in the list), or every row; how
  (``email``/``paper``, :data:`BY_HAND`; e-CMS only by writing the message), and/or that the
  recipient acknowledged it (with their receipt number when given). All or nothing, in one
  transaction: a row already recorded as sent is not sent again, an acknowledgement needs the
  row sent (before or in the same command) and is recorded once, a position not among the rows
  is refused (a typing slip must not become a recipient).
- An acknowledgement (an ``AcceptLetterNotifier`` received) is matched by the message it
  answers (``message_id``, unique) and fills ``acknowledged_at`` and ``their_receipt``; it is
  refused when no delivery sent that message, or when that delivery is acknowledged already.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Sequence

from typing import Any

from ..errors import UserError
from . import driver, queries
from .numbers import number_key
from .recipients import Recipient  # whom a delivery goes to: a list's entry, or a position alone
from .states import DELIVERY_METHODS

#: A connection: SQLAlchemy's or a bare DB-API one (:mod:`generator.registry.driver`).
Connection = Any


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
    def addressee(self) -> Recipient:
        return Recipient(self.recipient, self.agency or "", self.name or "",
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

    addressee: Recipient
    method: str
    at: datetime
    message_id: str | None = None


def _clean(text: str | None) -> str | None:
    text = " ".join(str(text or "").split())
    return text or None


def _insert(connection: Connection, letter_id: int, position: int, who: Recipient,
            list_name: str | None) -> None:
    driver.execute(connection, queries.insert("deliveries", queries.DELIVERY_COLUMNS),
                   letter_id=letter_id, position=position, recipient=_clean(who.position),
                   agency=_clean(who.agency), name=_clean(who.name),
                   ministry_id=_clean(who.ministry_id),
                   organization_id=_clean(who.organization_id), email=_clean(who.email),
                   list_name=list_name)


def _update(connection: Connection, letter_id: int, position: int, values: dict) -> None:
    """Set ``values`` on the delivery row at ``position`` of letter ``letter_id``."""
    driver.execute(connection, queries.update("deliveries", tuple(values), queries.DELIVERY_AT),
                   where_letter_id=letter_id, where_position=position, **values)


def record_issue(connection: Connection, letter_id: int, addressees: Sequence[Recipient],
                 list_name: str | None = None) -> None:
    """The delivery rows of a letter being issued (see the module docstring)."""
    for position, who in enumerate(addressees, 1):
        if not _clean(who.position):
            raise UserError("a recipient needs a position", field=f"recipients[{position - 1}]")
        _insert(connection, letter_id, position, who, list_name)


def for_letter(connection: Connection, letter_id: int) -> list[Delivery]:
    rows = driver.rows(connection, queries.DELIVERIES, letter_id=letter_id)
    return [Delivery(**{k: row[k] for k in Delivery.__dataclass_fields__}) for row in rows]


def _match(rows: list[Delivery], who: Recipient, taken: set[int]) -> Delivery | None:
    """The row a receiver is, by organization id, else by position addressed.

    >>> row = Delivery(1, "นายอำเภอเพ็ญ", None, None, None, "15007", None, None, None, None,
    ...                None, None, None)
    >>> _match([row], Recipient("นายอำเภอ เพ็ญ", organization_id="15007"), set()).position
    1
    >>> _match([row], Recipient("นายอำเภอเพ็ญ"), {1}) is None
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
        _update(connection, letter_id, position, values)
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
    row = driver.first(connection, queries.DELIVERY_BY_MESSAGE, message_id=message_id)
    if row is None:
        raise UserError(f"answers message {message_id}, which no letter of this register was "
                        f"sent in", file=file, field="RelatesTo")
    if number is not None and number_key(number) != number_key(row["number_text"]):
        raise UserError(f"acknowledges {number!r}, but message {message_id} carried "
                        f"{row['number_text']}", file=file, field="LetterID")
    if row["acknowledged_at"] is not None:
        raise UserError(f"{row['number_text']} to {row['recipient']} was acknowledged already "
                        f"({row['their_receipt'] or 'no receipt number'})", file=file,
                        field="RelatesTo")
    driver.execute(connection, queries.update("deliveries", ("acknowledged_at", "their_receipt"),
                                              queries.BY_ID),
                   where_id=row["id"], acknowledged_at=at, their_receipt=_clean(their_receipt))
    return Acknowledged(row["number_text"], row["recipient"], _clean(their_receipt))


#: The ways of sending recorded by hand; e-CMS deliveries are recorded by writing the message.
BY_HAND = ("email", "paper")


def _chosen(rows: list[Delivery], to: Sequence[str] | None) -> list[Delivery]:
    """The rows ``to`` names (positions addressed, or row numbers), every row when None.

    >>> rows = [Delivery(n, p, *[None] * 11) for n, p in ((1, "นายอำเภอเพ็ญ"), (2, "นายอำเภอกุมภวาปี"))]
    >>> [r.position for r in _chosen(rows, ["นายอำเภอ กุมภวาปี", "1"])]
    [2, 1]
    >>> _chosen(rows, ["นายอำเภอบ้านดุง"])
    Traceback (most recent call last):
    generator.errors.UserError: recipient: 'นายอำเภอบ้านดุง' is not among the letter's delivery records (นายอำเภอเพ็ญ, นายอำเภอกุมภวาปี)
    """
    if to is None:
        return rows
    chosen: list[Delivery] = []
    for given in to:
        text = _clean(given) or ""
        compact = text.replace(" ", "")
        row = next((r for r in rows if str(r.position) == text or r.recipient == text
                    or r.recipient.replace(" ", "") == compact), None)
        if row is None:
            known = ", ".join(r.recipient for r in rows[:5]) + (", …" if len(rows) > 5 else "")
            raise UserError(f"{given!r} is not among the letter's delivery records ({known})",
                            field="recipient")
        if row not in chosen:
            chosen.append(row)
    return chosen


def record_delivery(connection: Connection, letter_id: int, *, to: Sequence[str] | None,
                    method: str | None, acknowledged: bool, at: datetime,
                    their_receipt: str | None = None) -> list[Delivery]:
    """Record that the letter was sent by ``method`` (e-mail or paper) to the rows ``to`` names
    (every row when None), and/or that they acknowledged it; see the module docstring. Returns
    the rows as recorded now."""
    rows = for_letter(connection, letter_id)
    if not rows:
        raise UserError("the letter has no delivery records", field="deliveries")
    if method is None and not acknowledged:
        raise UserError("say how the letter was sent, or that it was acknowledged",
                        field="method")
    if method is not None and method not in BY_HAND:
        raise UserError(f"{method!r} is not recorded by hand ({', '.join(BY_HAND)}); an e-CMS "
                        "delivery is recorded when its message is written", field="method",
                        hint="gen-letter export ecms NUMBER")
    if their_receipt and not acknowledged:
        raise UserError("a receipt number comes with an acknowledgement", field="their_receipt")
    chosen = _chosen(rows, to)
    for row in chosen:
        if method is not None and row.sent_at is not None:
            raise UserError(f"{row.recipient}: was recorded as sent already ({row.method}, "
                            f"{row.sent_at:%Y-%m-%d %H:%M})", field="sent_at")
        if acknowledged and row.acknowledged_at is not None:
            raise UserError(f"{row.recipient}: was recorded as acknowledged already "
                            f"({row.their_receipt or 'no receipt number'})",
                            field="acknowledged_at")
        if acknowledged and method is None and row.sent_at is None:
            raise UserError(f"{row.recipient}: is not recorded as sent; say how it was sent",
                            field="sent_at")
    values: dict = {}
    if method is not None:
        values.update(method=method, sent_at=at, message_id=None)
    if acknowledged:
        values.update(acknowledged_at=at, their_receipt=_clean(their_receipt))
    for row in chosen:
        _update(connection, letter_id, row.position, values)
    now = {r.position: r for r in for_letter(connection, letter_id)}
    return [now[row.position] for row in chosen]
