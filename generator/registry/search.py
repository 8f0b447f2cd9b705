"""Search over everything a letter says: number, subject, parties, signer, references, and the
text of the issued letter and its attachments (and of incoming letters, where readable).

What is matched
    A query matches a letter when its *folded* form is a substring of the letter's folded text.
    Folding (:func:`fold`) turns Thai digits into Arabic ones, lowers Latin case, writes the
    two-character sara am (``ํ`` + ``า``) as ``ำ``, and drops every space, line break and
    zero-width character. Thai puts no spaces between words and clerks break lines by hand
    anywhere, so a phrase typed with or without its spaces, or split over two lines in the
    document, is found either way, and ``๒๕๖๘`` finds ``2568``.

How Thai is indexed: n-grams of one to three characters, not words
    Measured on seed 002 (14,762 characters): pythainlp's ``newmm`` segmentation takes 37 ms,
    2.5 ms per 1,000 characters (over four minutes of CPU for 100,000 letters of ~1,000
    characters), and it yields ``ปีงบประมาณ`` as one word, so a word index cannot find
    ``ประมาณ`` or ``งบประมาณ`` in it, nor any 1–2
    character query (``งบ``). Substring search needs character n-grams. SQLite's own trigram
    tokenizer answers three characters or more but neither shorter queries nor prefix queries,
    and PostgreSQL's pg_trgm extracts no trigram from a 1–2 character ``LIKE`` pattern (a full
    index scan: 1.2 s for ``งบ`` at 100,000 letters) and decides what a word is by the server's
    locale, so the index here, the same on both backends, is the set of
    distinct substrings of length 1, 2 and 3 of each folded text:

    - a query of one to three characters is one gram: its posting list *is* the answer, no
      recheck;
    - a longer query needs every one of its trigrams; the candidates are rechecked against the
      folded text in Python (exact), newest first, in batches, until the limit is filled.

    SQLite keeps the grams in two contentless FTS5 tables (``detail=none``: row ids only,
    the tokens written as hex so that the ``ascii`` tokenizer takes each gram whole).
    PostgreSQL keeps them in GIN indexes on the expression ``search_grams(key)`` (a SQL function
    of migration 0005), so no gram is stored twice. Both answer ``ORDER BY id DESC LIMIT n``
    for the commonest one-character query without reading every match.

Ranking
    A query that is a letter number puts the letters with exactly that number first (found in
    ``number``). Then two tiers: matches in the *head* (number, subject, recipients, sender, signer, the numbers
    cited) before matches only in the *body* (the letter's and its attachments' text); within
    a tier, newest entry in the register first (a reserved number that is later issued moves
    to the time of issue). Filters: year (Buddhist), office, kind (``letter``, ``incoming``),
    date range (the letter's date; for an incoming letter, the day it was received).

Each letter and each incoming letter has one row in ``search_docs`` (its readable head and
body text and their folded keys), written by :func:`index_letter` / :func:`index_incoming`
whenever the letter is reserved, issued or received.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .audit import as_utc
from .numbers import LetterNumber, number_key
from .schema import attachments as attachments_table
from .schema import citations, incoming, letters, search_docs

KINDS = ("letter", "incoming")
GRAM = 3                 # longest gram in the index
BATCH = 200              # candidates read at a time when a long query is rechecked
CONTEXT = 30             # characters of context on each side of the matched phrase
NUMBER, HEAD, BODY = "number", "head", "body"
FTS_TABLES = {HEAD: "search_head", BODY: "search_body"}

_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_DROPPED = "\u200b\u200c\u200d\u2060\ufeff\u00ad"   # zero-width characters and soft hyphen
_DIGITS = str.maketrans(_THAI_DIGITS, "0123456789")


def _fold_char(ch: str) -> str:
    if ch.isspace() or ch in _DROPPED:
        return ""
    return ch.translate(_DIGITS).casefold()


def normalise(text: str) -> str:
    """The text as kept for reading: sara am written as one character, NFC.

    >>> normalise("ประจําปี") == "ประจำปี"
    True
    """
    return unicodedata.normalize("NFC", text.replace("\u0e4d\u0e32", "\u0e33"))


def fold(text: str) -> str:
    """The form that queries and texts are compared in.

    >>> fold("ประจำปีงบประมาณ พ.ศ. ๒๕๖๘")
    'ประจำปีงบประมาณพ.ศ.2568'
    >>> fold("โคก หนอง\\nนา") == fold("โคกหนองนา")
    True
    >>> fold("QR Code\\u200b")
    'qrcode'
    """
    return "".join(_fold_char(ch) for ch in normalise(text))


def folded_with_positions(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, where it came from in ``text``
    (which must already be :func:`normalise`\\ d).

    >>> folded_with_positions("ปี ๒๕")
    ('ปี25', [0, 1, 3, 4])
    """
    out: list[str] = []
    where: list[int] = []
    for index, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        where.extend([index] * len(folded))
    return "".join(out), where


def grams(key: str) -> set[str]:
    """Every substring of one to three characters of a folded text: what the index holds.

    >>> sorted(grams("งบป"))
    ['ง', 'งบ', 'งบป', 'บ', 'บป', 'ป']
    """
    return {key[i:i + n] for n in range(1, GRAM + 1) for i in range(len(key) - n + 1)}


def query_grams(term: str) -> list[str]:
    """The grams a folded query needs: itself up to three characters, otherwise its
    trigrams (each once).

    >>> query_grams("งบ"), query_grams("ประมาณ")
    (['งบ'], ['ประ', 'ระม', 'ะมา', 'มาณ'])
    """
    if len(term) <= GRAM:
        return [term]
    return list(dict.fromkeys(term[i:i + GRAM] for i in range(len(term) - GRAM + 1)))


def gram_token(gram: str) -> str:
    """A gram as an ASCII word for FTS5's ``ascii`` tokenizer: four hex digits a character
    (``u`` and six beyond the Basic Multilingual Plane).

    >>> gram_token("งบ"), gram_token("a")
    ('g0e070e1a', 'g0061')
    """
    return "g" + "".join(f"{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"u{ord(ch):06x}"
                         for ch in gram)


def gram_tokens(key: str) -> str:
    return " ".join(gram_token(g) for g in sorted(grams(key)))


# -- what a row is found by ----------------------------------------------------------------

def search_text(*parts: str | Iterable[str] | None, number: str | None = None) -> str:
    """The short text kept in ``letters.search_text`` / ``incoming.search_text``: subject,
    parties and number (with its key), Arabic digits. :func:`index_letter` builds the head
    it is searched by from the row itself.

    >>> search_text("การขับเคลื่อนตำบลเข้มแข็ง", ["นายอำเภอ"], number="นค ๐๐๑๙.๓/ ๑๕๕๕๗")
    'การขับเคลื่อนตำบลเข้มแข็ง\\nนายอำเภอ\\nนค 0019.3/ 15557\\nนค0019.3/15557'
    """
    pieces = _pieces(parts)
    if number:
        pieces.append(number)
        pieces.append(number_key(number))
    return "\n".join(pieces).translate(_DIGITS)


def _pieces(parts: Iterable[str | Iterable[str] | None]) -> list[str]:
    pieces: list[str] = []
    for part in parts:
        if part is None:
            continue
        if isinstance(part, str):
            pieces.append(part)
        else:
            pieces.extend(str(item) for item in part if item)
    return [p.strip() for p in pieces if p and p.strip()]


def _write_doc(connection: Connection, *, letter_id: int | None = None,
               incoming_id: int | None = None, office_id: str, year: int, day: date | None,
               head: str, body: str | None) -> int:
    """Replace the search row of a letter (or incoming letter) by a new one, newest entry."""
    column = search_docs.c.letter_id if letter_id is not None else search_docs.c.incoming_id
    owner = letter_id if letter_id is not None else incoming_id
    old = connection.execute(sa.select(search_docs.c.id, search_docs.c.head_key,
                                       search_docs.c.body_key)
                             .where(column == owner)).first()
    sqlite = connection.dialect.name == "sqlite"
    if old is not None:
        if sqlite:
            for tier, key in ((HEAD, old.head_key), (BODY, old.body_key)):
                if key:
                    connection.exec_driver_sql(
                        f"INSERT INTO {FTS_TABLES[tier]} ({FTS_TABLES[tier]}, rowid, grams) "
                        f"VALUES ('delete', ?, ?)", (old.id, gram_tokens(key)))
        connection.execute(search_docs.delete().where(search_docs.c.id == old.id))
    head = normalise(head)
    body = normalise(body) if body and body.strip() else None
    head_key, body_key = fold(head), fold(body) if body else None
    doc_id = connection.execute(search_docs.insert().values(
        letter_id=letter_id, incoming_id=incoming_id, office_id=office_id, year=year, day=day,
        head=head, body=body, head_key=head_key, body_key=body_key)).inserted_primary_key[0]
    if sqlite:
        for tier, key in ((HEAD, head_key), (BODY, body_key)):
            if key:
                connection.exec_driver_sql(
                    f"INSERT INTO {FTS_TABLES[tier]} (rowid, grams) VALUES (?, ?)",
                    (doc_id, gram_tokens(key)))
    return doc_id


def letter_head(row: Any, cited: Sequence[str] = ()) -> str:
    """The head of one of our letters: number, subject, recipients, sender, signer, cited."""
    return "\n".join(_pieces([row["number_text"], row["subject"], row["recipients"] or [],
                              row["agency"], row["office_name"], row["unit_name"],
                              row["signer"], list(cited)]))


def index_letter(connection: Connection, letter_id: int, text: str | None = None) -> None:
    """(Re)write the search row of our letter ``letter_id``; ``text`` is the readable text of
    the issued letter and its attachments (attachment titles are used when it is missing)."""
    row = connection.execute(
        sa.select(letters.c.office_id, letters.c.year, letters.c.date, letters.c.number_text,
                  letters.c.subject, letters.c.recipients, letters.c.agency,
                  letters.c.office_name, letters.c.unit_name, letters.c.signer)
        .where(letters.c.id == letter_id)).mappings().one()
    cited = [number for (number,) in connection.execute(
        sa.select(sa.func.coalesce(letters.c.number_text, incoming.c.their_number))
        .select_from(citations.outerjoin(letters, letters.c.id == citations.c.to_letter_id)
                     .outerjoin(incoming, incoming.c.id == citations.c.to_incoming_id))
        .where(citations.c.from_letter_id == letter_id)
        .order_by(citations.c.position)) if number]
    body = text
    if not body:
        titles = connection.execute(sa.select(attachments_table.c.title)
                                    .where(attachments_table.c.letter_id == letter_id)
                                    .order_by(attachments_table.c.position)).scalars().all()
        body = "\n".join(titles) or None
    _write_doc(connection, letter_id=letter_id, office_id=row["office_id"], year=row["year"],
               day=row["date"], head=letter_head(row, cited), body=body)


def index_incoming(connection: Connection, incoming_id: int, text: str | None = None) -> None:
    """(Re)write the search row of incoming letter ``incoming_id``; ``text`` is its readable
    text, where there is one."""
    from ..thai.dates import bangkok_date

    row = connection.execute(
        sa.select(incoming.c.office_id, incoming.c.receipt_year, incoming.c.received_at,
                  incoming.c.their_number, incoming.c.subject, incoming.c.sender,
                  incoming.c.recipient)
        .where(incoming.c.id == incoming_id)).mappings().one()
    head = "\n".join(_pieces([row["their_number"], row["subject"], row["sender"],
                              row["recipient"]]))
    _write_doc(connection, incoming_id=incoming_id, office_id=row["office_id"],
               year=row["receipt_year"], day=bangkok_date(as_utc(row["received_at"])),
               head=head, body=text)


# -- queries -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Query:
    """What to look for, and in which part of the register."""

    text: str
    limit: int = 100
    year: int | None = None
    office: str | None = None
    kind: str | None = None           # "letter" or "incoming"
    since: date | None = None         # --from
    until: date | None = None         # --to

    def __post_init__(self) -> None:
        from ..errors import UserError

        if self.kind is not None and self.kind not in KINDS:
            raise UserError(f"unknown kind {self.kind!r}: use {' or '.join(KINDS)}", field="kind")
        if self.limit < 1:
            raise UserError("must be at least 1", field="limit")
        if self.since and self.until and self.since > self.until:
            raise UserError(f"the range ends ({self.until}) before it starts ({self.since})",
                            field="from")


@dataclass(frozen=True)
class Hit:
    kind: str                 # "letter" or "incoming"
    number: str | None        # our number, or their number for an incoming letter
    date: date | None
    subject: str | None
    status: str               # letter status, or "received"
    party: str | None         # recipients of our letter, sender of an incoming one
    receipt: str | None = None
    found_in: str = HEAD      # "number" (exactly), "head" (subject, parties, …) or "body"
    context: str = ""         # the matched phrase with the words around it
    match: tuple[int, int] = field(default=(0, 0))   # where the phrase is in ``context``
    office: str | None = None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        data["match"] = list(self.match)
        return data


def number_query(text: str) -> str | None:
    """The key of a query that is a whole letter number, else None.

    >>> number_query("ที่ นค ๐๐๑๙.๓/ ๑"), number_query("งบประมาณ")
    ('นค0019.3/1', None)
    """
    from ..errors import UserError

    try:
        return LetterNumber.parse(" ".join(text.split()).translate(_DIGITS)).key
    except UserError:
        return None


def _numbered(connection: Connection, key: str, conditions: list[Any], want: int) -> list[int]:
    """Doc ids of the letters and incoming letters numbered exactly ``key``, newest first."""
    ours = sa.select(letters.c.id).where(letters.c.number_key == key)
    theirs = sa.select(incoming.c.id).where(incoming.c.their_number_key == key)
    statement = (sa.select(search_docs.c.id)
                 .where(sa.or_(search_docs.c.letter_id.in_(ours),
                               search_docs.c.incoming_id.in_(theirs)), *conditions)
                 .order_by(search_docs.c.id.desc()).limit(want))
    return list(connection.execute(statement).scalars())


def query_terms(text: str) -> list[str]:
    """The folded substrings a query stands for: a letter number by its key (``ที่`` and
    spacing ignored), anything else folded as typed.

    >>> query_terms("ที่ นค ๐๐๑๙.๓/ว ๑๕๕๕๗")
    ['นค0019.3/ว15557']
    >>> query_terms("ตำบล เข้มแข็ง"), query_terms("ที่ 0019/ ว 63")
    (['ตำบลเข้มแข็ง'], ['ที่0019/ว63', '0019/ว63'])
    """
    from ..errors import UserError

    typed = " ".join(text.split())
    try:
        return [LetterNumber.parse(typed.translate(_DIGITS)).key]
    except UserError:
        pass
    folded = fold(typed)
    terms = [folded] if folded else []
    if any(ch.isdigit() for ch in folded) and folded.startswith("ที่") and len(folded) > 3:
        terms.append(folded.removeprefix("ที่"))
    return terms


def _filters(query: Query) -> list[Any]:
    conditions = []
    if query.year is not None:
        conditions.append(search_docs.c.year == query.year)
    if query.office is not None:
        conditions.append(search_docs.c.office_id == query.office)
    if query.kind == "letter":
        conditions.append(search_docs.c.letter_id.is_not(None))
    elif query.kind == "incoming":
        conditions.append(search_docs.c.incoming_id.is_not(None))
    if query.since is not None:
        conditions.append(search_docs.c.day >= query.since)
    if query.until is not None:
        conditions.append(search_docs.c.day <= query.until)
    return conditions


def _candidates(connection: Connection, tier: str, term: str, conditions: list[Any],
                before: int | None, count: int, with_key: bool) -> list[Any]:
    """Rows (id, head_key[, body_key]) whose ``tier`` holds every gram of ``term``, newest
    first, below ``before``."""
    columns = [search_docs.c.id, search_docs.c.head_key]
    if with_key:
        columns.append(search_docs.c.body_key if tier == BODY else search_docs.c.head_key)
    needed = query_grams(term)
    where = list(conditions)
    if before is not None:
        where.append(search_docs.c.id < before)
    if connection.dialect.name == "sqlite":
        fts = sa.table(FTS_TABLES[tier], sa.column("rowid"))
        match = sa.text(f"{FTS_TABLES[tier]} MATCH :grams").bindparams(
            grams=" ".join(gram_token(g) for g in needed))
        statement = (sa.select(*columns).select_from(
            fts.join(search_docs, search_docs.c.id == fts.c.rowid))
            .where(match, *where).order_by(fts.c.rowid.desc()).limit(count))
    else:
        key = search_docs.c.head_key if tier == HEAD else search_docs.c.body_key
        from sqlalchemy.dialects.postgresql import ARRAY

        contains = sa.func.search_grams(key, type_=ARRAY(sa.Text)).contains(
            sa.cast(sa.literal(needed, ARRAY(sa.Text)), ARRAY(sa.Text)))
        statement = (sa.select(*columns).where(contains, *where)
                     .order_by(search_docs.c.id.desc()).limit(count))
    return list(connection.execute(statement))


def _tier(connection: Connection, tier: str, terms: list[str], conditions: list[Any],
          want: int) -> list[int]:
    """Up to ``want`` doc ids matching one of ``terms`` in ``tier`` (and, for the body, not
    in the head), newest first."""
    found: set[int] = set()
    for term in terms:
        exact = len(term) <= GRAM
        before = None
        mine = 0
        while mine < want:
            batch = want if exact and tier == HEAD else max(BATCH, want)
            rows = _candidates(connection, tier, term, conditions, before, batch,
                               with_key=not exact)
            for row in rows:
                if tier == BODY and any(t in row.head_key for t in terms):
                    continue  # a head match: ranked in the first tier
                if not exact and term not in row[2]:
                    continue
                if row.id not in found:
                    found.add(row.id)
                    mine += 1
                    if mine >= want:
                        break
            if len(rows) < batch:
                break
            before = rows[-1].id
    return sorted(found, reverse=True)[:want]


_IGNORED = r"[\s" + _DROPPED + r"]*"


@functools.lru_cache(maxsize=64)
def _pattern(term: str) -> "re.Pattern[str]":
    """A regular expression finding a folded ``term`` in readable text: spaces, line breaks and
    zero-width characters allowed between its characters, either digit form, any case."""
    parts = []
    for ch in term:
        if ch.isdigit() and ch in "0123456789":
            parts.append(f"[{ch}{_THAI_DIGITS[int(ch)]}]")
        else:
            parts.append(re.escape(ch))
    return re.compile(_IGNORED.join(parts), re.IGNORECASE)


def context(text: str, terms: list[str], width: int = CONTEXT) -> tuple[str, tuple[int, int]]:
    """The first place ``text`` holds one of the folded ``terms``, with ``width`` characters
    either side (spaces and line breaks shown as one space), and where the phrase is in it.

    >>> context("เรียน นายอำเภอ\\nตามที่ โคก หนอง\\nนา ได้", ["หนองนา"], width=11)
    ('…ตามที่ โคก หนอง นา ได้', (12, 19))
    """
    best = None
    for term in terms:
        found = _pattern(term).search(text)
        if found and (best is None or found.start() < best[0]):
            best = found.span()
    if best is None:
        return "", (0, 0)
    start, end = best
    left, right = max(0, start - width), min(len(text), end + width)
    spaced = lambda s: re.sub(r"\s+", " ", s)  # noqa: E731
    before = ("…" if left > 0 else "") + spaced(text[left:start]).lstrip()
    phrase = spaced(text[start:end])
    after = spaced(text[end:right]).rstrip() + ("…" if right < len(text) else "")
    return before + phrase + after, (len(before), len(before) + len(phrase))


def search(connection: Connection, query: Query | str, limit: int = 100,
           digit_style: str = "thai") -> list[Hit]:
    """The letters and incoming letters whose text holds the query, best first (see the
    module docstring for what is matched and how results are ranked)."""
    if isinstance(query, str):
        query = Query(query, limit=limit)
    terms = query_terms(query.text.strip())
    if not terms:
        return []
    conditions = _filters(query)
    key = number_query(query.text)
    ranked = [(i, NUMBER) for i in _numbered(connection, key, conditions, query.limit)] \
        if key else []
    if len(ranked) < query.limit:
        head = _tier(connection, HEAD, terms, conditions, query.limit)
        ranked += [(i, HEAD) for i in head if (i, NUMBER) not in ranked]
    if len(ranked) < query.limit:
        body = _tier(connection, BODY, terms, conditions, query.limit - len(ranked))
        ranked += [(i, BODY) for i in body]
    return _hits(connection, ranked[:query.limit], terms, digit_style)


def _hits(connection: Connection, ranked: list[tuple[int, str]], terms: list[str],
          digit_style: str) -> list[Hit]:
    from ..thai.digits import digits as _digits

    if not ranked:
        return []
    ids = [doc_id for doc_id, _ in ranked]
    docs = {row.id: row for row in connection.execute(
        sa.select(search_docs.c.id, search_docs.c.letter_id, search_docs.c.incoming_id,
                  search_docs.c.head, search_docs.c.body).where(search_docs.c.id.in_(ids)))}
    letter_ids = [d.letter_id for d in docs.values() if d.letter_id is not None]
    incoming_ids = [d.incoming_id for d in docs.values() if d.incoming_id is not None]
    ours = {row["id"]: row for row in connection.execute(
        sa.select(letters.c.id, letters.c.number_text, letters.c.date, letters.c.subject,
                  letters.c.status, letters.c.recipients, letters.c.office_id)
        .where(letters.c.id.in_(letter_ids))).mappings()} if letter_ids else {}
    theirs = {row["id"]: row for row in connection.execute(
        sa.select(incoming.c.id, incoming.c.their_number, incoming.c.their_date,
                  incoming.c.subject, incoming.c.sender, incoming.c.receipt_no,
                  incoming.c.receipt_year, incoming.c.office_id)
        .where(incoming.c.id.in_(incoming_ids))).mappings()} if incoming_ids else {}
    hits = []
    for doc_id, tier in ranked:
        doc = docs[doc_id]
        shown, span = context(doc.body if tier == BODY else doc.head, terms)
        if doc.letter_id is not None:
            row = ours[doc.letter_id]
            hits.append(Hit("letter", row["number_text"], row["date"], row["subject"],
                            row["status"], "; ".join(row["recipients"] or []) or None,
                            found_in=tier, context=shown, match=span, office=row["office_id"]))
        else:
            row = theirs[doc.incoming_id]
            hits.append(Hit("incoming", row["their_number"], row["their_date"], row["subject"],
                            "received", row["sender"],
                            receipt=_digits(f"{row['receipt_no']}/{row['receipt_year']}",
                                            digit_style),
                            found_in=tier, context=shown, match=span, office=row["office_id"]))
    return hits
