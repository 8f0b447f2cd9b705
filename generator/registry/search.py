"""Thai substring search over letters and incoming letters.

Thai is written without spaces between words, so word tokenizers find nothing useful; the
search is by substring. Each row keeps a ``search_text``: subject, recipients, sender and
number, with Arabic digits, plus the number's key (Arabic digits, no spaces) so that
``นค0019.3/ว15557`` and ``นค ๐๐๑๙.๓/ว ๑๕๕๕๗`` find the same letter.

- SQLite: an FTS5 table with the trigram tokenizer (migration 0002) answers queries of three
  characters or more; shorter queries, and SQLite builds without trigram, use LIKE.
- PostgreSQL: ILIKE, served by pg_trgm GIN indexes when the extension is installed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..thai.dates import bangkok_date
from ..thai.digits import digits as _digits
from ..thai.digits import to_arabic_digits
from .audit import as_utc
from .numbers import LetterNumber, number_key
from .schema import incoming, letters

TRIGRAM = 3


@dataclass(frozen=True)
class Hit:
    kind: str                 # "letter" or "incoming"
    number: str | None        # our number, or their number for an incoming letter
    date: date | None
    subject: str | None
    status: str               # letter status, or "received"
    party: str | None         # recipients of our letter, sender of an incoming one
    receipt: str | None = None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        return data


def search_text(*parts: str | Iterable[str] | None, number: str | None = None) -> str:
    """The text a row is found by.

    >>> search_text("การขับเคลื่อนตำบลเข้มแข็ง", ["นายอำเภอ"], number="นค ๐๐๑๙.๓/ ๑๕๕๕๗")
    'การขับเคลื่อนตำบลเข้มแข็ง\\nนายอำเภอ\\nนค 0019.3/ 15557\\nนค0019.3/15557'
    """
    pieces: list[str] = []
    for part in parts:
        if part is None:
            continue
        if isinstance(part, str):
            pieces.append(part)
        else:
            pieces.extend(str(item) for item in part if item)
    if number:
        pieces.append(number)
        pieces.append(number_key(number))
    return to_arabic_digits("\n".join(p.strip() for p in pieces if p and p.strip()))


def query_terms(text: str) -> list[str]:
    """The substrings a query stands for: the text with Arabic digits, and for a query that
    holds digits, also without its spaces (so loosely typed numbers match the number key).

    >>> query_terms("นค ๐๐๑๙.๓/ว ๑๕๕๕๗")
    ['นค0019.3/ว15557']
    >>> query_terms("ตำบล เข้มแข็ง")
    ['ตำบล เข้มแข็ง']
    >>> query_terms("ที่ 0019/ ว 63")
    ['ที่ 0019/ ว 63', '0019/ว63']
    """
    text = " ".join(to_arabic_digits(text).split())
    try:
        return [LetterNumber.parse(text).key]
    except Exception:  # noqa: BLE001 - not a full number: search the text as typed
        pass
    terms = [text]
    if any(ch.isdigit() for ch in text):
        compact = "".join(text.split()).removeprefix("ที่")
        if compact and compact not in terms:
            terms.append(compact)
    return terms


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_available(connection: Connection) -> bool:
    if connection.dialect.name != "sqlite":
        return False
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_fts'").first()
    return found is not None


def _matching_ids(connection: Connection, table: sa.Table, terms: list[str],
                  use_fts: bool, sign: int) -> set[int]:
    ids: set[int] = set()
    for term in terms:
        if use_fts and len(term) >= TRIGRAM:
            phrase = '"' + term.replace('"', '""') + '"'
            rows = connection.execute(
                sa.text("SELECT rowid FROM search_fts WHERE search_fts MATCH :q"), {"q": phrase})
            ids.update(sign * rowid for (rowid,) in rows if rowid * sign > 0)
        else:
            pattern = f"%{_escape_like(term)}%"
            column = table.c.search_text
            condition = (column.ilike(pattern, escape="\\")
                         if connection.dialect.name == "postgresql"
                         else column.like(pattern, escape="\\"))
            ids.update(connection.execute(sa.select(table.c.id).where(condition)).scalars())
    return ids


def search(connection: Connection, text: str, limit: int = 100,
           digit_style: str = "thai") -> list[Hit]:
    """Letters and incoming letters whose subject, recipients, sender or number contain
    ``text``; newest first."""
    text = text.strip()
    if not text:
        return []
    terms = query_terms(text)
    use_fts = _fts_available(connection)
    hits: list[tuple[tuple, Hit]] = []
    letter_ids = _matching_ids(connection, letters, terms, use_fts, +1)
    if letter_ids:
        rows = connection.execute(sa.select(letters).where(letters.c.id.in_(letter_ids)))
        for row in rows.mappings():
            hit = Hit("letter", row["number_text"], row["date"], row["subject"], row["status"],
                      "; ".join(row["recipients"] or []) or None)
            when = row["date"] or bangkok_date(as_utc(row["created_at"]))
            hits.append(((when, 1, row["id"]), hit))
    incoming_ids = _matching_ids(connection, incoming, terms, use_fts, -1)
    if incoming_ids:
        rows = connection.execute(sa.select(incoming).where(incoming.c.id.in_(incoming_ids)))
        for row in rows.mappings():
            hit = Hit("incoming", row["their_number"], row["their_date"], row["subject"],
                      "received", row["sender"],
                      receipt=_digits(f"{row['receipt_no']}/{row['receipt_year']}", digit_style))
            when = row["their_date"] or bangkok_date(as_utc(row["received_at"]))
            hits.append(((when, 0, row["id"]), hit))
    hits.sort(key=lambda pair: pair[0], reverse=True)
    return [hit for _, hit in hits[:limit]]
