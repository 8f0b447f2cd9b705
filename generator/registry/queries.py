"""The register's statements, as SQL text: numbering, search, references, deliveries, incoming
letters, the audit log, ``show``'s look-ups and ``verify``'s.

Each statement is written once here, with named parameters (``:name``), and run through
:mod:`generator.registry.driver`, which takes both a SQLAlchemy connection (the library's own
transactions) and a bare DB-API connection (the quick commands, which start without
SQLAlchemy). Where the backends differ (``instr`` / ``strpos``, FTS5 / GIN, ``FOR UPDATE``
only on PostgreSQL) a statement has one text per backend. Statements whose shape depends on
the call (the columns an insert or update sets, the filters of a search) are made by the small
builders below and kept, one per shape.

The tables themselves are described once, by ``schema.py`` (SQLAlchemy Core, for the
migrations and the other commands); :data:`TYPES` repeats only which of their columns are
dates, timestamps, JSON or booleans, for the driver's conversions, and a test checks it
against ``schema.py``.
"""

from __future__ import annotations

import functools
from typing import Any, Iterable, Sequence

from .driver import BOOL, DATE, DATETIME, JSON, Statement

#: The columns the driver converts (every other column is text or a number on both backends).
TYPES: dict[str, dict[str, str]] = {
    "letters": {"circular": BOOL, "date": DATE, "recipients": JSON, "spec": JSON,
                "files": JSON, "sha256": JSON, "created_at": DATETIME, "issued_at": DATETIME,
                "cancelled_at": DATETIME},
    "incoming": {"received_at": DATETIME, "their_date": DATE},
    "audit": {"at": DATETIME, "detail": JSON},
    "search_docs": {"day": DATE},
    "deliveries": {"sent_at": DATETIME, "acknowledged_at": DATETIME},
    "incoming_references": {"date": DATE},
    "attachments": {}, "citations": {}, "counters": {},
}


# -- builders ---------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def insert(table: str, columns: tuple[str, ...], returning: str | None = None) -> Statement:
    """``INSERT INTO table (columns) VALUES (:column, …)``, with ``RETURNING`` when asked."""
    text = (f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join(':' + c for c in columns)})")
    return Statement(text + (f" RETURNING {returning}" if returning else ""), table=table)


@functools.lru_cache(maxsize=None)
def update(table: str, columns: tuple[str, ...], where: str) -> Statement:
    """``UPDATE table SET column = :column, … WHERE where`` (``where``'s own parameters are
    named ``where_…`` so that they never meet a column's)."""
    sets = ", ".join(f"{c} = :{c}" for c in columns)
    return Statement(f"UPDATE {table} SET {sets} WHERE {where}", table=table)


def in_list(name: str, values: Sequence[Any]) -> tuple[str, dict[str, Any]]:
    """An ``IN (…)`` of bound parameters ``name__0``, ``name__1``, … (both drivers take
    scalars only).

    >>> in_list("id", [4, 7])
    ('(:id__0, :id__1)', {'id__0': 4, 'id__1': 7})
    """
    names = [f"{name}__{i}" for i in range(len(values))]
    return "(" + ", ".join(":" + n for n in names) + ")", dict(zip(names, values))


@functools.lru_cache(maxsize=None)
def _where_statement(head: str, conditions: tuple[str, ...], tail: str, table: str | None,
                     postgresql_tail: str | None = None) -> Statement:
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    return Statement(f"{head}{where}{tail}",
                     f"{head}{where}{postgresql_tail if postgresql_tail is not None else tail}",
                     table=table)


def select(head: str, conditions: Iterable[str], tail: str = "", table: str | None = None,
           postgresql_tail: str | None = None) -> Statement:
    """``head WHERE c1 AND c2 … tail`` (one kept statement per combination of conditions)."""
    return _where_statement(head, tuple(conditions), tail, table, postgresql_tail)


# -- numbering (numbering.py) ---------------------------------------------------------------

NEXT_RUNNING = Statement(
    "INSERT INTO counters (office_code, series, year, last) VALUES (:office_code, :series, "
    ":year, 1) ON CONFLICT (office_code, series, year) DO UPDATE SET last = counters.last + 1 "
    "RETURNING last", table="counters")


def find_letters(*, year: bool, series: bool, office_code: bool, for_update: bool) -> Statement:
    """Our letters with number key ``:key`` (and ``:year``, ``:series``, ``:office_code`` when
    asked), newest year first; locked on PostgreSQL ``for_update``."""
    conditions = ["number_key = :key"] + [c for c, wanted in (
        ("year = :year", year), ("series = :series", series),
        ("office_code = :office_code", office_code)) if wanted]
    return select("SELECT * FROM letters", conditions, " ORDER BY year DESC", "letters",
                  " ORDER BY year DESC FOR UPDATE" if for_update else None)


LETTER = Statement("SELECT * FROM letters WHERE id = :id", table="letters")
LETTER_FOR_UPDATE = Statement("SELECT * FROM letters WHERE id = :id",
                              "SELECT * FROM letters WHERE id = :id FOR UPDATE", table="letters")
BY_ID = "id = :where_id"
CLAIMED = "id = :where_id AND claim = :where_claim AND status IN ('pending', 'archiving')"
DELETE_LETTER = Statement("DELETE FROM letters WHERE id = :id")
DELETE_OWNED = {
    "attachments": Statement("DELETE FROM attachments WHERE letter_id = :id"),
    "citations": Statement("DELETE FROM citations WHERE from_letter_id = :id"),
    "deliveries": Statement("DELETE FROM deliveries WHERE letter_id = :id"),
}
STEP_BACK = Statement(
    "UPDATE counters SET last = last - 1 WHERE office_code = :office_code AND series = :series "
    "AND year = :year AND last = :running")

# -- the audit log (audit.py) ---------------------------------------------------------------

AUDIT_COLUMNS = ("at", "who", "action", "office_code", "number_text", "year", "detail")
AUDIT_ENTRIES = Statement("SELECT * FROM audit ORDER BY id DESC", table="audit")
AUDIT_NEWEST = Statement("SELECT * FROM audit ORDER BY id DESC LIMIT :limit", table="audit")

# -- search (search.py) -----------------------------------------------------------------------

DOC_COLUMNS = ("letter_id", "incoming_id", "office_id", "year", "day", "head", "body",
               "head_key", "body_key")
FTS_INSERT = {tier: Statement(f"INSERT INTO {tier} (rowid, grams) VALUES (:id, :grams)")
              for tier in ("search_head", "search_body")}
FTS_DELETE = {tier: Statement(f"INSERT INTO {tier} ({tier}, rowid, grams) "
                              f"VALUES ('delete', :id, :grams)")
              for tier in ("search_head", "search_body")}
OLD_DOC = {owner: Statement(f"SELECT id, head_key, body_key FROM search_docs "
                            f"WHERE {owner} = :owner")
           for owner in ("letter_id", "incoming_id")}
DELETE_DOC = Statement("DELETE FROM search_docs WHERE id = :id")
LETTER_HEAD = Statement(
    "SELECT office_id, year, date, number_text, subject, recipients, agency, office_name, "
    "unit_name, signer FROM letters WHERE id = :id", table="letters")
CITED_NUMBERS = Statement(
    "SELECT coalesce(letters.number_text, incoming.their_number) FROM citations "
    "LEFT OUTER JOIN letters ON letters.id = citations.to_letter_id "
    "LEFT OUTER JOIN incoming ON incoming.id = citations.to_incoming_id "
    "WHERE citations.from_letter_id = :id ORDER BY citations.position")
ATTACHMENT_TITLES = Statement(
    "SELECT title FROM attachments WHERE letter_id = :id ORDER BY position")
INCOMING_HEAD = Statement(
    "SELECT office_id, receipt_year, received_at, their_number, subject, sender, recipient "
    "FROM incoming WHERE id = :id", table="incoming")


@functools.lru_cache(maxsize=None)
def write_docs(count: int) -> Statement:
    """One multi-row insert of ``count`` search rows (parameters ``column__i``), returning
    each new id with its owner (so that the order the database returns them in is no matter).
    """
    values = ", ".join("(" + ", ".join(f":{c}__{i}" for c in DOC_COLUMNS) + ")"
                       for i in range(count))
    return Statement(f"INSERT INTO search_docs ({', '.join(DOC_COLUMNS)}) VALUES {values} "
                     f"RETURNING id, letter_id, incoming_id", table="search_docs")


#: SQL: the folded column holds the term (character positions, so exact for any script).
HOLDS = {"sqlite": "instr(search_docs.{column}, :{name}) > 0",
         "postgresql": "strpos(search_docs.{column}, :{name}) > 0"}
FILTERS = {"year": "search_docs.year = :year", "office": "search_docs.office_id = :office",
           "letter": "search_docs.letter_id IS NOT NULL",
           "incoming": "search_docs.incoming_id IS NOT NULL",
           "since": "search_docs.day >= :since", "until": "search_docs.day <= :until"}
NUMBERED = {
    "letter_id": "search_docs.letter_id IN (SELECT id FROM letters WHERE number_key = :key)",
    "incoming_id": "search_docs.incoming_id IN "
                   "(SELECT id FROM incoming WHERE their_number_key = :key)",
}
NEWEST = " ORDER BY search_docs.id DESC LIMIT :count"


def doc_ids(conditions: Sequence[str]) -> Statement:
    """Up to ``:count`` search row ids passing ``conditions``, newest first."""
    return select("SELECT search_docs.id FROM search_docs", conditions, NEWEST)


def boundary(conditions: Sequence[str]) -> Statement:
    """The id of the ``:offset + 1``-th newest search row passing ``conditions``."""
    return select("SELECT search_docs.id FROM search_docs", conditions,
                  " ORDER BY search_docs.id DESC LIMIT 1 OFFSET :offset")


def indexed(backend: str, tier: str, conditions: Sequence[str]) -> Statement:
    """Up to ``:count`` ids, newest first, of the rows whose ``tier`` (``head`` or ``body``)
    has every gram of ``:grams`` in the n-gram index and that pass ``conditions``: an FTS5
    ``MATCH`` on SQLite (``:grams``: the hex words), GIN ``@>`` on PostgreSQL (a text array)."""
    if backend == "sqlite":
        fts = f"search_{tier}"
        return select(f"SELECT search_docs.id FROM {fts} JOIN search_docs "
                      f"ON search_docs.id = {fts}.rowid",
                      [f"{fts} MATCH :grams", *conditions],
                      f" ORDER BY {fts}.rowid DESC LIMIT :count")
    return select("SELECT search_docs.id FROM search_docs",
                  [f"search_grams(search_docs.{tier}_key) @> CAST(:grams AS TEXT[])",
                   *conditions], NEWEST)


def docs_by_id(ids: str) -> Statement:
    return select("SELECT id, letter_id, incoming_id, head, body FROM search_docs",
                  [f"id IN {ids}"], table="search_docs")


def hit_letters(ids: str) -> Statement:
    return select("SELECT id, number_text, date, subject, status, recipients, office_id "
                  "FROM letters", [f"id IN {ids}"], table="letters")


def hit_incoming(ids: str) -> Statement:
    return select("SELECT id, their_number, their_date, subject, sender, receipt_no, "
                  "receipt_year, office_id FROM incoming", [f"id IN {ids}"], table="incoming")


# -- references (references.py) --------------------------------------------------------------

def letters_numbered(year: bool) -> Statement:
    return select("SELECT * FROM letters", ["number_key = :key"] + (
        ["year = :year"] if year else []), table="letters")


INCOMING_NUMBERED = Statement("SELECT * FROM incoming WHERE their_number_key = :key",
                              table="incoming")
CITES = Statement("SELECT to_letter_id, to_incoming_id FROM citations "
                  "WHERE from_letter_id = :id ORDER BY position")
CITED_BY = {"letter": Statement("SELECT from_letter_id FROM citations "
                                "WHERE to_letter_id = :id ORDER BY from_letter_id"),
            "incoming": Statement("SELECT from_letter_id FROM citations "
                                  "WHERE to_incoming_id = :id ORDER BY from_letter_id")}

# -- show (store.py's look-ups of one letter) -------------------------------------------------------


def node_letters(year: bool, office_code: bool) -> Statement:
    return select("SELECT id, year, office_code FROM letters", ["number_key = :key"] + [
        c for c, wanted in (("year = :year", year), ("office_code = :office_code", office_code))
        if wanted])


def node_incoming(office_code: bool) -> Statement:
    return select("SELECT id, their_date FROM incoming", ["their_number_key = :key"] + (
        ["office_code = :office_code"] if office_code else []), table="incoming")


INCOMING = Statement("SELECT * FROM incoming WHERE id = :id", table="incoming")
ATTACHMENTS = Statement("SELECT * FROM attachments WHERE letter_id = :id ORDER BY position",
                        table="attachments")

# -- deliveries (deliveries.py) -----------------------------------------------------------------

DELIVERY_COLUMNS = ("letter_id", "position", "recipient", "agency", "name", "ministry_id",
                    "organization_id", "email", "list_name")
DELIVERIES = Statement("SELECT * FROM deliveries WHERE letter_id = :letter_id ORDER BY position",
                       table="deliveries")
DELIVERY_BY_MESSAGE = Statement(
    "SELECT deliveries.id, deliveries.recipient, deliveries.acknowledged_at, "
    "deliveries.their_receipt, letters.number_text FROM deliveries "
    "JOIN letters ON letters.id = deliveries.letter_id WHERE deliveries.message_id = :message_id",
    table="deliveries")
DELIVERY_AT = "letter_id = :where_letter_id AND position = :where_position"

# -- incoming letters (incoming.py) ----------------------------------------------------------------

EARLIER = Statement("SELECT receipt_no, receipt_year FROM incoming "
                    "WHERE duplicate_key = :same AND office_code = :office_code")
THEIR_REFERENCES = Statement(
    "SELECT * FROM incoming_references WHERE incoming_id = :id ORDER BY position",
    table="incoming_references")

# -- verify (verify.py) ------------------------------------------------------------------------------


def all_letters(year: bool) -> Statement:
    return select("SELECT * FROM letters", ["year = :year"] if year else [], table="letters")


def counters(year: bool) -> Statement:
    return select("SELECT * FROM counters", ["series != :receipt"] + (
        ["year = :year"] if year else []))

# -- the schema's revision (quick.py; the full way asks Alembic) -----------------------------------

REVISION = Statement("SELECT version_num FROM alembic_version")
