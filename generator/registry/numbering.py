"""Handing out letter numbers: allocate, reserve, issue a reserved number, cancel.

There is one running series per (office code, series, Buddhist calendar year); its last number
lives in one ``counters`` row. Taking a number is one statement inside the caller's write
transaction (the first number of a year inserts the row)::

    INSERT INTO counters (office_code, series, year, last) VALUES (…, 1)
    ON CONFLICT (office_code, series, year) DO UPDATE SET last = counters.last + 1
    RETURNING last

(the statement is :data:`generator.registry.queries.NEXT_RUNNING`; every statement here runs
through :mod:`generator.registry.driver`, inside the library's transactions or, for
``gen-letter reserve``, on a bare driver connection in a transaction of the same kind.)
On PostgreSQL the statement takes the row lock (or the unique-index entry, for the first
number), so a second process waits until the first commits or rolls back and then increments
the committed value; on SQLite the write transaction began with ``BEGIN IMMEDIATE`` and holds
the database's write lock. Either way a number belongs to
exactly one transaction: committed with its letter row, or gone with the rollback, leaving no
gap and no duplicate, whatever the number of processes and however one of them dies.

Issuing does not hold that lock while LibreOffice converts the letter (other offices, other
series and ``reserve`` would wait for it). It takes the number in a short transaction of its
own, as a **pending** letter row naming the issue's claim (:func:`take_pending`), converts with
no transaction open, records the letter (status **archiving**) and finally marks it **issued**,
each a short transaction. An issue that fails after its number was taken hands it back
(:func:`give_back`), so numbering stays gapless and no number is used twice:

- a number that had been reserved goes back to being reserved;
- a number that is still the last of its series is given back: the counter steps back and the
  row is deleted, so the next letter takes the same number (nobody saw it on a letter);
- otherwise (a later number of the series is already taken) the number is **spoilt**: it stays
  in the register, with the reason, and is never used again.

Every change of a pending or archiving row is conditional on its ``claim`` (compare and set),
so an issue and the recovery of it (:mod:`generator.issuing.recovery`) never both act on it.

Which series a number comes from is the document kind's numbering rule
(:data:`generator.kinds.KINDS`): ``letter`` and ``circular`` take the office's letter series
(:meth:`Office.series`), ``order`` the office's series of orders (``ORDER``), whose numbers are
``๑๒/๒๕๖๗`` (:class:`~generator.registry.numbers.OrderNumber`). A reserved number is used only
by a document of its own series: an order's number is no letter's.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Callable

from ..errors import UserError
from ..thai.dates import bangkok_date, bangkok_today, be_year
from . import audit, driver, queries
from .numbers import OrderNumber, number_key
from .profiles import Office
from .search import index_letter, search_text
from .states import ANNOUNCEMENT, CANCELLED, DRAFT, ISSUED, ORDER, PENDING, RESERVED, SPOILT, UNFINISHED

#: A connection: SQLAlchemy's inside the library's transactions, or a bare DB-API one (the
#: quick commands); see :mod:`generator.registry.driver`.
Connection = Any

#: The series numbered ``๑๒/๒๕๖๗`` (running number / year, no code), with the word their
#: number is written with in the register (and their key starts with, but an order's).
YEAR_SERIES = {ORDER: "คำสั่ง", ANNOUNCEMENT: "ประกาศ"}


def letter_date(value: date | datetime | str | None) -> date:
    """The calendar date of a letter in Asia/Bangkok: a date as it is, an aware datetime
    converted (a naive one is UTC), ``None`` for today in Bangkok.

    >>> from datetime import timezone
    >>> letter_date(datetime(2024, 12, 31, 23, 30, tzinfo=timezone.utc))
    datetime.date(2025, 1, 1)
    >>> letter_date("2024-12-31")
    datetime.date(2024, 12, 31)
    """
    if value is None:
        return bangkok_today()
    if isinstance(value, datetime):
        return bangkok_date(value)
    if isinstance(value, date):
        return value
    from ..thai.dates import parse_date

    return parse_date(str(value))


#: Letter dates accepted without ``allow_date`` (Buddhist-era years): a date in 0001 or 9999 is
#: a typing mistake, and would start a series of its own (544, 10542). Issuing a letter and
#: reserving numbers both check it.
SANE_YEARS = (2500, 2600)


def check_date(when: date, *, allow_date: bool = False, name: str | None = None,
               line: Callable[[], int | None] | None = None) -> None:
    """Refuse a letter date outside :data:`SANE_YEARS` unless ``allow_date``; ``line`` (called
    only then) says where the date stands in ``name``.

    >>> check_date(date(1800, 1, 1))
    Traceback (most recent call last):
    generator.errors.UserError: date: 1800-01-01 is in the year 2343 BE, outside 2500–2600 (give --allow-date if it is meant)
    >>> check_date(date(9999, 12, 31), name="a.docx", line=lambda: 8)
    Traceback (most recent call last):
    generator.errors.UserError: a.docx:8: date: 9999-12-31 is in the year 10542 BE, outside 2500–2600 (give --allow-date if it is meant)
    >>> check_date(date(9999, 12, 31), allow_date=True)
    """
    year = be_year(when)
    if not allow_date and not SANE_YEARS[0] <= year <= SANE_YEARS[1]:
        raise UserError(f"{when.isoformat()} is in the year {year} BE, outside "
                        f"{SANE_YEARS[0]}–{SANE_YEARS[1]}", file=name, field="date",
                        line=line() if line else None, hint="give --allow-date if it is meant")


def next_running(connection: Connection, office_code: str, series: str, year: int) -> int:
    """Take the next running number of a series inside the caller's transaction."""
    return driver.scalar(connection, queries.NEXT_RUNNING, office_code=office_code,
                         series=series, year=year)


def numbering_of(circular: bool, numbering: str | None) -> str:
    """The numbering rule: the one given, else that of a letter or a circular.

    >>> numbering_of(True, None), numbering_of(False, "order")
    ('circular', 'order')
    """
    return numbering or ("circular" if circular else "letter")


def series_of(office: Office, numbering: str) -> str:
    """The ``counters`` series a numbering rule takes its numbers from."""
    named = {"order": ORDER, "announcement": ANNOUNCEMENT}
    return named.get(numbering) or office.series(numbering == "circular")


def _series_name(series: str) -> str:
    return {ORDER: "an order's number (คำสั่ง)", ANNOUNCEMENT: "an announcement's number (ประกาศ)",
            "ว": "a circular's number"}.get(series, "a letter's number")


def new_number(connection: Connection, office: Office, *, unit: str | None, circular: bool,
               year: int, status: str, when: date | None = None,
               numbering: str | None = None, **extra: Any) -> dict[str, Any]:
    """Take the next number of the office's series (of ``numbering``: ``letter``, ``circular``,
    ``order``; default by ``circular``) and insert its letter row."""
    unit_code = office.unit(unit).code if unit is not None else None
    numbering = numbering_of(circular, numbering)
    circular = numbering == "circular"
    series = series_of(office, numbering)
    running = next_running(connection, office.code_key, series, year)
    key = None
    if series in YEAR_SERIES:
        text = OrderNumber(running, year).text(office.digit_style)
        key = OrderNumber(running, year).key
        if series != ORDER:
            key = f"{YEAR_SERIES[series]}{key}"
    else:
        text = office.number_text(running, unit=unit_code, circular=circular)
    row = {
        "office_id": office.id, "office_code": office.code_key, "agency": office.agency,
        "office_name": office.name, "unit": unit_code,
        "unit_name": office.units[unit_code].name if unit_code else None,
        "series": series, "year": year, "running": running, "circular": circular,
        "number_text": text, "number_key": key or number_key(text), "status": status,
        "date": when, "search_text": search_text(number=text),
        "created_at": audit.now_utc(), "created_by": audit.current_user(), **extra,
    }
    row["id"] = driver.scalar(connection, queries.insert("letters", tuple(row), "id"), **row)
    return row


def find_letters(connection: Connection, number_text: str, *, year: int | None = None,
                 for_update: bool = False, series: str | None = None,
                 office_code: str | None = None) -> list[dict[str, Any]]:
    """Our letters whose number is ``number_text`` (typed any way), newest year first; of one
    series or office when given."""
    key = number_key(number_text)
    if not looks_like_any_number(number_text):
        raise UserError(f"{number_text!r} is not a letter number like 'นค ๐๐๑๙.๓/ว ๑๕๕๕๗' or "
                        f"an order number like '๑๒/๒๕๖๗'")
    statement = queries.find_letters(year=year is not None, series=series is not None,
                                     office_code=office_code is not None, for_update=for_update)
    return driver.rows(connection, statement, key=key, year=year, series=series,
                       office_code=office_code)


def looks_like_any_number(text: str) -> bool:
    """A letter's number or an order's."""
    from .numbers import is_order_number, looks_like_number

    return looks_like_number(text) or is_order_number(text)


def one_letter(connection: Connection, number_text: str, *, year: int | None = None,
               for_update: bool = False, field: str | None = None,
               series: str | None = None, office_code: str | None = None) -> dict[str, Any]:
    """The one letter with this number; :class:`UserError` if none or if several years (or
    offices) have it."""
    rows = find_letters(connection, number_text, year=year, for_update=for_update, series=series,
                        office_code=office_code)
    if not rows:
        in_year = f" in {year}" if year else ""
        raise UserError(f"{number_text!r} is not a number in the register{in_year}", field=field)
    offices = sorted({row["office_code"] for row in rows})
    if len(offices) > 1:
        raise UserError(f"{number_text!r} is a number of several offices ({', '.join(offices)})",
                        field=field, hint="give the office")
    if len(rows) > 1:
        years = ", ".join(str(row["year"]) for row in rows)
        raise UserError(f"{number_text!r} is in the register for several years ({years})",
                        field=field, hint="give the year")
    return rows[0]


def reserve(connection: Connection, office: Office, *, count: int, unit: str | None,
            circular: bool, when: date, numbering: str | None = None,
            allow_date: bool = False) -> list[dict[str, Any]]:
    """Reserve ``count`` numbers of the series (of ``numbering``) of ``when``'s year (a date
    outside :data:`SANE_YEARS` only with ``allow_date``)."""
    if count < 1:
        raise UserError("the count of numbers to reserve must be at least 1", field="--count")
    check_date(when, allow_date=allow_date)
    year = be_year(when)
    rows = []
    for _ in range(count):
        row = new_number(connection, office, unit=unit, circular=circular, year=year,
                         status=RESERVED, numbering=numbering)
        audit.log(connection, "reserve", office_code=office.code_key,
                  number_text=row["number_text"], year=year,
                  detail={"office": office.id, "unit": row["unit"],
                          "circular": bool(row["circular"]), "series": row["series"]})
        rows.append(row)
    return rows


def take_reserved(connection: Connection, office: Office, number_text: str, *,
                  unit: str | None, circular: bool, when: date, status: str = DRAFT,
                  numbering: str | None = None, **extra: Any) -> dict[str, Any]:
    """The reserved letter row for ``number_text``, checked to be usable for this letter (of
    its series: an order's number is no letter's, nor a letter's an order's)."""
    numbering = numbering_of(circular, numbering)
    circular = numbering == "circular"
    year = be_year(when)
    rows = find_letters(connection, number_text, for_update=True)
    rows = [row for row in rows if row["office_code"] == office.code_key] or rows
    if not rows:
        raise UserError(f"{number_text!r} is not a number in the register", field="reserved")
    same_year = [row for row in rows if row["year"] == year]
    if not same_year:
        years = ", ".join(str(row["year"]) for row in rows)
        raise UserError(f"{number_text!r} is a number of {years}, but the letter is dated in "
                        f"{year}", field="reserved",
                        hint="numbers run per calendar year; reserve one for this year")
    row = same_year[0]
    if row["office_code"] != office.code_key:
        raise UserError(f"{number_text!r} belongs to another office's series", field="reserved")
    if row["status"] == CANCELLED:
        raise UserError(f"{row['number_text']} was cancelled ({row['reason']}); a cancelled "
                        f"number is never used again", field="reserved")
    if row["status"] != RESERVED:
        raise UserError(f"{row['number_text']} is already {row['status']}", field="reserved")
    wanted = series_of(office, numbering)
    family = lambda series: series if series in YEAR_SERIES else "letter"  # noqa: E731
    if family(row["series"]) != family(wanted):
        raise UserError(f"{row['number_text']} is {_series_name(row['series'])}; this document "
                        f"takes {_series_name(wanted)}", field="reserved",
                        hint="reserve a number of its own kind: gen-letter reserve --kind …")
    if bool(row["circular"]) != bool(circular):
        kind = "a circular" if row["circular"] else "not a circular"
        raise UserError(f"{row['number_text']} is {kind} number", field="reserved")
    if unit is not None and office.unit(unit).code != row["unit"]:
        raise UserError(f"{row['number_text']} was reserved for unit {row['unit']!r}, "
                        f"not {unit!r}", field="reserved")
    _update(connection, row["id"], status=status, date=when, **extra)
    row.update(status=status, date=when, **extra)
    return row


def cancel(connection: Connection, number_text: str, reason: str, *,
           year: int | None = None, series: str | None = None,
           office_code: str | None = None) -> dict[str, Any]:
    """Cancel a reserved or issued number (of one series, when given); it stays in the
    register with the reason."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise UserError("a cancellation needs a reason", field="--reason")
    row = one_letter(connection, number_text, year=year, for_update=True, field="NUMBER",
                     series=series, office_code=office_code)
    if row["status"] == CANCELLED:
        raise UserError(f"{row['number_text']} is already cancelled ({row['reason']})",
                        field="NUMBER")
    if row["status"] in UNFINISHED + (SPOILT,):
        raise UserError(f"{row['number_text']} is {row['status']}"
                        + (f" ({row['reason']})" if row["reason"] else "")
                        + "; only a reserved or issued number can be cancelled", field="NUMBER")
    _update(connection, row["id"], status=CANCELLED, reason=reason,
            cancelled_at=audit.now_utc())
    audit.log(connection, "cancel", office_code=row["office_code"],
              number_text=row["number_text"], year=row["year"],
              detail={"reason": reason, "was": row["status"]})
    row.update(status=CANCELLED, reason=reason)
    return row


def _update(connection: Connection, letter_id: int, **values: Any) -> int:
    """Set ``values`` on letter row ``letter_id``; the number of rows changed."""
    return driver.execute(connection, queries.update("letters", tuple(values), queries.BY_ID),
                          where_id=letter_id, **values)


def mark_issued(connection: Connection, letter_id: int, values: dict[str, Any]) -> None:
    _update(connection, letter_id, status=ISSUED, issued_at=audit.now_utc(), **values)


def take_pending(connection: Connection, office: Office, *, unit: str | None, circular: bool,
                 when: date, reserved: str | None, claim: str,
                 numbering: str | None = None) -> dict[str, Any]:
    """Take the next number (or the reserved one) for an issue, as a pending row of ``claim``
    (of the series of ``numbering``, the document kind's numbering rule)."""
    if reserved:
        return take_reserved(connection, office, reserved, unit=unit, circular=circular,
                             when=when, status=PENDING, numbering=numbering, claim=claim,
                             taken_from=RESERVED)
    row = new_number(connection, office, unit=unit, circular=circular, year=be_year(when),
                     status=PENDING, when=when, numbering=numbering, claim=claim)
    audit.log(connection, "allocate", office_code=office.code_key,
              number_text=row["number_text"], year=row["year"],
              detail={"office": office.id, "unit": row["unit"], "circular": circular,
                      "date": when.isoformat()})
    return row


def held(connection: Connection, letter_id: int, claim: str,
         statuses: tuple[str, ...] = UNFINISHED) -> dict[str, Any] | None:
    """The letter row when ``claim`` still holds it in one of ``statuses`` (locked for the rest
    of the transaction on PostgreSQL), else None."""
    row = driver.first(connection, queries.LETTER_FOR_UPDATE, id=letter_id)
    if row is None or row["claim"] != claim or row["status"] not in statuses:
        return None
    return row


def mark(connection: Connection, letter_id: int, claim: str, status: str,
         values: dict[str, Any] | None = None) -> bool:
    """Move a claimed row to ``status`` (with ``values``); False when the claim lost it."""
    values = {"status": status, **(values or {})}
    changed = driver.execute(connection, queries.update("letters", tuple(values), queries.CLAIMED),
                             where_id=letter_id, where_claim=claim, **values)
    return changed == 1


def give_back(connection: Connection, letter_id: int, claim: str, reason: str) -> str | None:
    """Hand back the number of a failed issue (see the module docstring): ``"reserved"``,
    ``"given back"`` or ``"spoilt"``; None when ``claim`` no longer holds it."""
    row = held(connection, letter_id, claim)
    if row is None:
        return None
    reason = " ".join(str(reason).split()) or "the issue failed"
    for statement in queries.DELETE_OWNED.values():
        driver.execute(connection, statement, id=letter_id)
    blank = {name: None for name in ("subject", "recipients", "speed", "secrecy", "signer",
                                     "spec", "files", "sha256", "draft_id", "claim",
                                     "taken_from", "issued_at")}
    where = {"office_code": row["office_code"], "number_text": row["number_text"],
             "year": row["year"]}
    if row["taken_from"] == RESERVED:
        _update(connection, letter_id, status=RESERVED, date=None,
                search_text=search_text(number=row["number_text"]), **blank)
        audit.log(connection, "give back", **where, detail={"reason": reason, "to": RESERVED})
        return "reserved"
    stepped = driver.execute(connection, queries.STEP_BACK, office_code=row["office_code"],
                             series=row["series"], year=row["year"], running=row["running"])
    if stepped == 1:
        driver.execute(connection, queries.DELETE_LETTER, id=letter_id)
        audit.log(connection, "give back", **where, detail={"reason": reason})
        return "given back"
    blank.update(subject=row["subject"], recipients=row["recipients"], signer=row["signer"])
    _update(connection, letter_id, status=SPOILT, reason=reason, cancelled_at=audit.now_utc(),
            **blank)
    index_letter(connection, letter_id)  # found by its number, like a cancelled one
    audit.log(connection, "spoil", **where, detail={"reason": reason, "was": row["status"]})
    return "spoilt"
