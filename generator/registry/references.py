"""References between letters (``อ้างถึง``), what a letter cites and what cites it.

A reference is an edge in ``citations`` from one of our letters to another of our letters or to
an incoming letter, found by the number text a person typed. ``thread`` follows the edges both
ways, transitively, to show a whole exchange.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import UserError
from ..thai.dates import format_date
from ..thai.digits import digits as _digits
from . import driver, queries
from .numbers import LetterNumber, number_key
from .states import CANCELLED, ISSUED, RESERVED

#: A connection: SQLAlchemy's or a bare DB-API one (:mod:`generator.registry.driver`).
Connection = Any

from ..thai.vocabulary import SECRECY, SPEED_WITHIN, SPEEDS, is_speed


@dataclass(frozen=True)
class Reference:
    """A letter that can be cited: one of ours (``kind="letter"``) or one we received
    (``kind="incoming"``)."""

    kind: str
    id: int
    number: str            # as written on the letter
    agency: str            # "จังหวัดเชียงใหม่": the agency the letter is from
    date: date | None
    subject: str | None
    speed: str | None = None
    series: str | None = None   # of our letters: "order" for an order, "announce" …

    @property
    def key(self) -> str:
        return number_key(self.number)


def check_speed(value: str | None, field: str = "speed") -> str | None:
    """A speed class as written on letters, or ``None``.

    >>> check_speed("ด่วนภายใน ๓๑ มีนาคม ๒๕๖๘"), check_speed(None)
    ('ด่วนภายใน ๓๑ มีนาคม ๒๕๖๘', None)
    """
    if value is None or not str(value).strip():
        return None
    value = " ".join(str(value).split())
    if is_speed(value):
        return value
    raise UserError(f"{value!r} is not a speed class ({', '.join(SPEEDS)}, {SPEED_WITHIN} …)",
                    field=field)


def check_secrecy(value: str | None, field: str = "secrecy") -> str | None:
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    if value in SECRECY:
        return value
    raise UserError(f"{value!r} is not a secrecy class ({', '.join(SECRECY)})", field=field)


def resolve(connection: Connection, number_text: str, *, year: int | None = None,
            agencies: dict[str, str] | None = None, field: str = "references",
            office_code: str | None = None) -> Reference:
    """The registered letter or incoming letter with this number (typed any way).

    ``agencies`` maps our office ids to their agency names. Cancelled and merely reserved
    numbers cannot be cited. :class:`UserError` when nothing or more than one letter matches.
    An order's or an announcement's number (``๑/๒๕๖๗``) names no office, so in a register
    shared by several offices it can match one document of each: ``office_code`` (the citing
    document's office) then picks that office's own.
    """
    key = number_key(number_text)
    found: list[Reference] = []
    unusable = []
    offices: list[str | None] = []     # the office of each of ``found`` (None: received)
    for row in driver.rows(connection, queries.letters_numbered(year is not None), key=key,
                           year=year):
        if row["status"] != ISSUED:
            unusable.append(row)
            continue
        found.append(letter_reference(row, agencies or {}))
        offices.append(row["office_code"])
    for row in driver.rows(connection, queries.INCOMING_NUMBERED, key=key):
        if year is not None and row["their_date"] and _ce_to_be(row["their_date"]) != year:
            continue
        found.append(incoming_reference(row))
        offices.append(None)
    if len(found) > 1 and office_code is not None:
        own = [ref for ref, code in zip(found, offices) if code == office_code]
        if len(own) == 1:
            return own[0]
    if not found:
        if unusable:
            row = unusable[0]
            state = {CANCELLED: "cancelled", RESERVED: "reserved but not issued"}.get(
                row["status"], "not issued yet")
            raise UserError(f"{number_text!r} is {state}; only issued or received letters can "
                            f"be cited", field=field)
        raise UserError(f"{number_text!r} is not a registered letter", field=field,
                        hint="register a letter we received with 'gen-letter receive'")
    if len(found) > 1:
        dates = ", ".join(ref.date.isoformat() if ref.date else "undated" for ref in found)
        raise UserError(f"{number_text!r} matches {len(found)} registered letters ({dates})",
                        field=field, hint="give the year")
    return found[0]


def _ce_to_be(d: date) -> int:
    return d.year + 543


def letter_reference(row: dict[str, Any], agencies: dict[str, str]) -> Reference:
    agency = row.get("agency") or agencies.get(row["office_id"], "")
    return Reference("letter", row["id"], row["number_text"], agency, row["date"],
                     row["subject"], row["speed"], row.get("series"))


def incoming_reference(row: dict[str, Any]) -> Reference:
    return Reference("incoming", row["id"], row["their_number"] or "", row["sender"],
                     row["their_date"], row["subject"], row["speed"])


def reference_line(ref: Reference, digit_style: str = "thai") -> str:
    """The ``อ้างถึง`` line for a reference.

    >>> ref = Reference("incoming", 1, "นข 0019/ว 632", "จังหวัดเชียงใหม่", date(2023, 1, 31),
    ...                 "การขับเคลื่อนตำบลเข้มแข็ง", "ด่วนที่สุด")
    >>> reference_line(ref)
    'หนังสือจังหวัดเชียงใหม่ ด่วนที่สุด ที่ นข ๐๐๑๙/ว ๖๓๒ ลงวันที่ ๓๑ มกราคม ๒๕๖๖'
    >>> reference_line(Reference("letter", 2, "๑๒/๒๕๖๗", "จังหวัดหนองคาย", date(2024, 10, 25),
    ...                          None, series="order"))
    'คำสั่งจังหวัดหนองคาย ที่ ๑๒/๒๕๖๗ ลงวันที่ ๒๕ ตุลาคม พ.ศ. ๒๕๖๗'
    """
    from .numbering import YEAR_SERIES

    word = YEAR_SERIES.get(ref.series or "", "หนังสือ") if ref.kind == "letter" else "หนังสือ"
    order = word != "หนังสือ"  # one of our orders or announcements
    try:
        number = LetterNumber.parse(ref.number).text(digit_style)
    except UserError:
        number = _digits(ref.number, digit_style)
    parts = [f"{word}{ref.agency}".strip()]
    if ref.speed:
        parts.append(ref.speed)
    parts.append(f"ที่ {number}")
    if ref.date:
        parts.append(f"ลงวันที่ {format_date(ref.date, 'era' if order else 'full', digit_style)}")
    return " ".join(parts)


def add_citations(connection: Connection, letter_id: int, refs: list[Reference]) -> None:
    for position, ref in enumerate(refs, 1):
        target = {"to_letter_id": ref.id} if ref.kind == "letter" else {"to_incoming_id": ref.id}
        values = {"from_letter_id": letter_id, "position": position, **target}
        driver.execute(connection, queries.insert("citations", tuple(values)), **values)


Node = tuple[str, int]  # ("letter", id) or ("incoming", id)


def _edges_from(connection: Connection, node: Node) -> list[Node]:
    """What a node cites (only our letters cite)."""
    if node[0] != "letter":
        return []
    rows = driver.rows(connection, queries.CITES, id=node[1])
    return [("letter", row["to_letter_id"]) if row["to_letter_id"] is not None
            else ("incoming", row["to_incoming_id"]) for row in rows]


def _edges_to(connection: Connection, node: Node) -> list[Node]:
    """What cites a node."""
    return [("letter", from_letter)
            for from_letter in driver.scalars(connection, queries.CITED_BY[node[0]], id=node[1])]


def cites(connection: Connection, node: Node) -> list[Node]:
    return _edges_from(connection, node)


def cited_by(connection: Connection, node: Node) -> list[Node]:
    return _edges_to(connection, node)


def thread(connection: Connection, start: Node) -> list[Node]:
    """Every letter reachable from ``start`` by following references either way."""
    seen = {start}
    queue = [start]
    while queue:
        node = queue.pop()
        for other in _edges_from(connection, node) + _edges_to(connection, node):
            if other not in seen:
                seen.add(other)
                queue.append(other)
    return sorted(seen)
