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
      folded text in SQL (``instr`` / ``strpos``, exact).

    SQLite keeps the grams in two contentless FTS5 tables (``detail=none``: row ids only,
    the tokens written as hex so that the ``ascii`` tokenizer takes each gram whole).
    PostgreSQL keeps them in GIN indexes on the expression ``search_grams(key)`` (a SQL function
    of migration 0005, rewritten in PL/pgSQL by 0008: 0.3 ms instead of 14 ms for a
    1,600-character text), so no gram is stored twice.

The query plan: newest rows first, the index for the rest
    Results come newest first, a page (``--limit``, 100) at a time, and the commonest queries
    are the short ones. A one-character query matches nearly every letter: its posting list
    holds 100,000 ids at 100,000 letters, and a GIN index cannot return them in order, so
    PostgreSQL read and sorted them all (124 ms at 3,000 letters, growing with the register).
    Each tier is therefore answered in up to three steps, each stopping at the limit:

    1. the newest :data:`WINDOW` rows (500, or the limit if larger), read by the primary key
       newest first and tested one by one (``instr`` / ``strpos`` on the folded text): a
       common term fills the page here after reading ``limit / frequency`` rows;
    2. if the page is not full but the term was seen, the scan reads on while it expects to
       fill the page within :data:`EXTEND` windows more (from the frequency seen so far);
    3. the rows older than what was scanned, through the n-gram index (FTS5 ``MATCH`` with a
       ``rowid`` bound, ordered by ``rowid`` descending; GIN ``@>`` on PostgreSQL). Only terms
       rare in the newest rows get here, so their posting lists are short.

    Measured at 100,000 letters (``benchmarks/register.py``, 2-core machine, p95 of 30
    searches of 100 results): ``ง`` 5.3 / 12.6 ms (SQLite / PostgreSQL), ``งบ`` 13.9 / 17.7,
    ``ผู้นำ`` 6.3 / 14.7, a letter number 11.3 / 14.6, the body phrase ``โคก หนอง นา``
    11.8 / 13.7; a plain ``LIKE`` scan of the same rows took 0.6 s / 1.7 s for the number.
    Filters narrow the rows scanned (``ix_search_docs_year_id`` of migration 0008 keeps a
    one-year scan in order); a letter number is found through the number indexes first.

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

from . import driver, queries
from .audit import as_utc
from .numbers import LetterNumber, number_key

#: A connection: SQLAlchemy's inside the library's transactions, or a bare DB-API one (the
#: quick commands); the statements are in :mod:`generator.registry.queries`.
Connection = Any

KINDS = ("letter", "incoming")
GRAM = 3                 # longest gram in the index
WINDOW = 500             # newest rows a search reads first (at least as many as it wants)
EXTEND = 8               # it reads on while it expects to fill the limit within this many more
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


_TOKENS: dict[str, str] = {}


def gram_tokens(key: str) -> str:
    """The FTS5 document of a folded text: its grams as hex words (each gram's word is
    worked out once per process: the vocabulary of Thai grams is small).

    >>> gram_tokens("งบ")
    'g0e07 g0e070e1a g0e1a'
    """
    tokens = _TOKENS
    out = []
    for gram in sorted(grams(key)):
        token = tokens.get(gram)
        if token is None:
            token = tokens[gram] = gram_token(gram)
        out.append(token)
    return " ".join(out)


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


@dataclass(frozen=True)
class Doc:
    """The search row of one letter (``letter_id``) or incoming letter (``incoming_id``)."""

    office_id: str
    year: int
    day: date | None
    head: str
    body: str | None = None
    letter_id: int | None = None
    incoming_id: int | None = None


def write_docs(connection: Connection, docs: Sequence[Doc]) -> list[int]:
    """Add the search rows of letters that have none yet: one multi-row insert into
    ``search_docs`` (and, on SQLite, one into each FTS5 table), whatever their number.
    Returns their ids, in the order given."""
    if not docs:
        return []
    rows = []
    for doc in docs:
        head = normalise(doc.head)
        body = normalise(doc.body) if doc.body and doc.body.strip() else None
        rows.append({"letter_id": doc.letter_id, "incoming_id": doc.incoming_id,
                     "office_id": doc.office_id, "year": doc.year, "day": doc.day,
                     "head": head, "body": body, "head_key": fold(head),
                     "body_key": fold(body) if body else None})
    ids = []
    for start in range(0, len(rows), _DOCS_AT_ONCE):
        chunk = rows[start:start + _DOCS_AT_ONCE]
        params = {f"{column}__{i}": row[column] for i, row in enumerate(chunk)
                  for column in queries.DOC_COLUMNS}
        made = {(new["letter_id"], new["incoming_id"]): new["id"] for new in driver.rows(
            connection, queries.write_docs(len(chunk)), **params)}
        ids += [made[(row["letter_id"], row["incoming_id"])] for row in chunk]
    if driver.dialect(connection) == "sqlite":
        for tier, column in ((HEAD, "head_key"), (BODY, "body_key")):
            driver.execute_many(connection, queries.FTS_INSERT[FTS_TABLES[tier]],
                                [{"id": doc_id, "grams": gram_tokens(row[column])}
                                 for doc_id, row in zip(ids, rows) if row[column]])
    return ids


_DOCS_AT_ONCE = 500  # rows per insert: 4,500 parameters, within both backends' limits


def _write_doc(connection: Connection, doc: Doc) -> int:
    """Replace the search row of a letter (or incoming letter) by a new one, newest entry."""
    column = "letter_id" if doc.letter_id is not None else "incoming_id"
    owner = doc.letter_id if doc.letter_id is not None else doc.incoming_id
    old = driver.first(connection, queries.OLD_DOC[column], owner=owner)
    if old is not None:
        if driver.dialect(connection) == "sqlite":
            for tier, key in ((HEAD, old["head_key"]), (BODY, old["body_key"])):
                if key:
                    driver.execute(connection, queries.FTS_DELETE[FTS_TABLES[tier]],
                                   id=old["id"], grams=gram_tokens(key))
        driver.execute(connection, queries.DELETE_DOC, id=old["id"])
    return write_docs(connection, [doc])[0]


def letter_head(row: Any, cited: Sequence[str] = ()) -> str:
    """The head of one of our letters: number, subject, recipients, sender, signer, cited."""
    return "\n".join(_pieces([row["number_text"], row["subject"], row["recipients"] or [],
                              row["agency"], row["office_name"], row["unit_name"],
                              row["signer"], list(cited)]))


def letter_doc(row: Any, letter_id: int, cited: Sequence[str] = (),
               text: str | None = None) -> Doc:
    """The search row of our letter from its ``letters`` row (a mapping) and the numbers it
    cites."""
    return Doc(row["office_id"], row["year"], row["date"], letter_head(row, cited), text,
               letter_id=letter_id)


def index_letter(connection: Connection, letter_id: int, text: str | None = None) -> None:
    """(Re)write the search row of our letter ``letter_id``; ``text`` is the readable text of
    the issued letter and its attachments (attachment titles are used when it is missing)."""
    row = driver.one(connection, queries.LETTER_HEAD, id=letter_id)
    cited = [number for number in driver.scalars(connection, queries.CITED_NUMBERS, id=letter_id)
             if number]
    body = text
    if not body:
        titles = driver.scalars(connection, queries.ATTACHMENT_TITLES, id=letter_id)
        body = "\n".join(titles) or None
    _write_doc(connection, letter_doc(row, letter_id, cited, body))


def incoming_doc(row: Any, incoming_id: int, text: str | None = None) -> Doc:
    """The search row of an incoming letter from its ``incoming`` row (a mapping)."""
    from ..thai.dates import bangkok_date

    head = "\n".join(_pieces([row["their_number"], row["subject"], row["sender"],
                              row["recipient"]]))
    return Doc(row["office_id"], row["receipt_year"], bangkok_date(as_utc(row["received_at"])),
               head, text, incoming_id=incoming_id)


def index_incoming(connection: Connection, incoming_id: int, text: str | None = None) -> None:
    """(Re)write the search row of incoming letter ``incoming_id``; ``text`` is its readable
    text, where there is one."""
    row = driver.one(connection, queries.INCOMING_HEAD, id=incoming_id)
    _write_doc(connection, incoming_doc(row, incoming_id, text))


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


def _numbered(connection: Connection, key: str, where: "_Where", want: int) -> list[int]:
    """Doc ids of the letters and incoming letters numbered exactly ``key``, newest first
    (two look-ups by the number indexes: an ``OR`` of the two would read every row)."""
    found: list[int] = []
    for owner in ("letter_id", "incoming_id"):
        found += driver.scalars(connection, queries.doc_ids([queries.NUMBERED[owner],
                                                             *where.conditions]),
                                key=key, count=want, **where.params)
    return sorted(found, reverse=True)[:want]


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


@dataclass
class _Where:
    """SQL conditions on ``search_docs`` and their parameters."""

    conditions: list[str]
    params: dict[str, Any]

    def plus(self, conditions: Sequence[str], **params: Any) -> "_Where":
        return _Where(self.conditions + list(conditions), {**self.params, **params})


def _filters(query: Query) -> _Where:
    wanted = {"year": query.year is not None, "office": query.office is not None,
              "letter": query.kind == "letter", "incoming": query.kind == "incoming",
              "since": query.since is not None, "until": query.until is not None}
    return _Where([queries.FILTERS[name] for name, on in wanted.items() if on],
                  {name: getattr(query, name) for name in ("year", "office", "since", "until")
                   if getattr(query, name) is not None})


def _boundary(connection: Connection, where: _Where, rows: int) -> int | None:
    """The id of the ``rows``-th newest row that passes the filters; ``None`` when fewer rows
    pass them."""
    return driver.scalar(connection, queries.boundary(where.conditions), offset=rows - 1,
                         **where.params)


def _holds(connection: Connection, column: str, name: str) -> str:
    """SQL: the folded ``column`` holds the parameter ``name`` (character positions, so exact
    for any script)."""
    return queries.HOLDS[driver.dialect(connection)].format(column=column, name=name)


def _matching(connection: Connection, tier: str, term: str, terms: list[str],
              where: _Where) -> _Where:
    """``where`` and: the ``tier`` of the row holds ``term`` (and, for the body, the head
    holds none of ``terms``: such a row ranks in the head tier)."""
    conditions = [_holds(connection, f"{tier}_key", "term")]
    params = {"term": term}
    if tier == BODY:
        for i, other in enumerate(terms):
            conditions.append(f"NOT ({_holds(connection, 'head_key', f'other{i}')})")
            params[f"other{i}"] = other
    return where.plus(conditions, **params)


def _indexed(connection: Connection, tier: str, term: str, where: _Where, count: int
             ) -> list[int]:
    """Up to ``count`` ids, newest first, among the rows whose ``tier`` has every gram of
    ``term`` in the n-gram index and that pass ``where``."""
    needed = query_grams(term)
    backend = driver.dialect(connection)
    grams: Any = " ".join(gram_token(g) for g in needed) if backend == "sqlite" else needed
    return driver.scalars(connection, queries.indexed(backend, tier, where.conditions),
                          grams=grams, count=count, **where.params)


def _scan(connection: Connection, where: _Where, low: int | None, high: int | None,
          count: int) -> list[int]:
    """Up to ``count`` ids, newest first, of the rows ``low <= id < high`` that pass ``where``,
    read newest first (the primary key) and tested one by one."""
    bounds = (["search_docs.id >= :low"] if low is not None else []) + \
        (["search_docs.id < :high"] if high is not None else [])
    return driver.scalars(connection, queries.doc_ids(where.conditions + bounds),
                          count=count, **where.params,
                          **({"low": low} if low is not None else {}),
                          **({"high": high} if high is not None else {}))


def _tier(connection: Connection, tier: str, terms: list[str], conditions: _Where,
          want: int, windows: dict[int, int | None]) -> list[int]:
    """Up to ``want`` doc ids matching one of ``terms`` in ``tier`` (and, for the body, not
    in the head), newest first (see the module docstring for the plan)."""
    def boundary(rows: int) -> int | None:
        if rows not in windows:
            windows[rows] = _boundary(connection, conditions, rows)
        return windows[rows]

    found: set[int] = set()
    for term in terms:
        where = _matching(connection, tier, term, terms, conditions)
        first = max(WINDOW, want)
        start = boundary(first)
        ids = _scan(connection, where, start, None, want)
        if len(ids) < want and start is not None:
            needed = want - len(ids)
            further = needed * first // len(ids) if ids else None  # rows expected to fill it
            if further is not None and further <= EXTEND * first:
                end = boundary(first + further * 2)
                ids += _scan(connection, where, end, start, needed)
                start = end
            if len(ids) < want and start is not None:
                ids += _indexed(connection, tier, term,
                                where.plus(["search_docs.id < :below"], below=start),
                                want - len(ids))
        found.update(ids)
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
    windows: dict[int, int | None] = {}
    if len(ranked) < query.limit:
        numbered = {i for i, _ in ranked}
        head = _tier(connection, HEAD, terms, conditions, query.limit, windows)
        ranked += [(i, HEAD) for i in head if i not in numbered]
    if len(ranked) < query.limit:
        body = _tier(connection, BODY, terms, conditions, query.limit - len(ranked), windows)
        ranked += [(i, BODY) for i in body]
    return _hits(connection, ranked[:query.limit], terms, digit_style)


def _hits(connection: Connection, ranked: list[tuple[int, str]], terms: list[str],
          digit_style: str) -> list[Hit]:
    from ..thai.digits import digits as _digits

    if not ranked:
        return []
    ids = [doc_id for doc_id, _ in ranked]
    listed, params = queries.in_list("id", ids)
    docs = {row["id"]: row for row in driver.rows(connection, queries.docs_by_id(listed),
                                                  **params)}
    letter_ids = [d["letter_id"] for d in docs.values() if d["letter_id"] is not None]
    incoming_ids = [d["incoming_id"] for d in docs.values() if d["incoming_id"] is not None]
    ours, theirs = {}, {}
    if letter_ids:
        listed, params = queries.in_list("id", letter_ids)
        ours = {row["id"]: row for row in driver.rows(connection, queries.hit_letters(listed),
                                                      **params)}
    if incoming_ids:
        listed, params = queries.in_list("id", incoming_ids)
        theirs = {row["id"]: row for row in driver.rows(connection, queries.hit_incoming(listed),
                                                        **params)}
    hits = []
    for doc_id, tier in ranked:
        doc = docs[doc_id]
        shown, span = context(doc["body"] if tier == BODY else doc["head"], terms)
        if doc["letter_id"] is not None:
            row = ours[doc["letter_id"]]
            hits.append(Hit("letter", row["number_text"], row["date"], row["subject"],
                            row["status"], "; ".join(row["recipients"] or []) or None,
                            found_in=tier, context=shown, match=span, office=row["office_id"]))
        else:
            row = theirs[doc["incoming_id"]]
            hits.append(Hit("incoming", row["their_number"], row["their_date"], row["subject"],
                            "received", row["sender"],
                            receipt=_digits(f"{row['receipt_no']}/{row['receipt_year']}",
                                            digit_style),
                            found_in=tier, context=shown, match=span, office=row["office_id"]))
    return hits
