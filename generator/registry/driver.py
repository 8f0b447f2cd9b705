"""The register's statements run through the DB-API driver: one runner for both ways in.

Every statement of the register's own modules (:mod:`generator.registry.queries`: numbering,
search, references, deliveries, incoming letters, the audit log) is SQL text with named
parameters (``:name``). They run through the functions here (:func:`rows`, :func:`first`,
:func:`scalar`, :func:`execute`, …) on either

- a SQLAlchemy ``Connection`` inside the library's own transactions (``database.read`` /
  ``database.write``): the text goes to ``Connection.exec_driver_sql``, so it runs on the
  DB-API connection underneath, in the same transaction, with SQLAlchemy's wrapping of driver
  errors (``sa.exc.OperationalError``, ``IntegrityError``) that the callers already handle; or
- a bare DB-API connection (stdlib ``sqlite3``, or psycopg for PostgreSQL) opened by
  :func:`connect` for the quick commands (``search``, ``show``, ``reserve``), which must start
  without SQLAlchemy (its import alone takes 220–350 ms on the 2-core machine; see
  :mod:`generator.cli`).

So a query exists once, and a number reserved by ``gen-letter reserve`` is taken by the very
statement an issue takes it with.

The differences between the drivers are handled here, once:

- paramstyle: sqlite3 takes ``:name``; psycopg takes ``%(name)s`` (the text is rewritten once
  per statement and kept);
- types: the few columns that are not plain text or numbers (dates, timestamps, JSON,
  booleans, :data:`generator.registry.queries.TYPES`, checked against ``schema.py`` by a test)
  are converted as SQLAlchemy's column types convert them, so a row reads the same whichever
  way it was read and is stored the same whichever way it was written: on SQLite a date is
  ``YYYY-MM-DD``, a timestamp ``YYYY-MM-DD HH:MM:SS.ffffff`` (UTC, no offset), JSON is
  ``json.dumps`` text (``None`` in a JSON column is JSON ``null``, as SQLAlchemy writes it), a
  boolean 0 or 1; psycopg reads and writes dates, timestamps and booleans itself, and JSON
  parameters are passed as ``psycopg.types.json.Json``.

Connection settings exist once too: :func:`connect_sqlite` (busy timeout, WAL, synchronous,
foreign keys, no implicit BEGIN; the read-only ``mode=ro`` / ``immutable=1`` opening) and
:func:`connect_postgresql` (the URL's user, password, host, port, database and query parameters
such as ``options=-csearch_path=…``, the connect timeout) are what the SQLAlchemy engine of
:mod:`generator.registry.database` connects with as well (as its ``creator``).
"""

from __future__ import annotations

import json
import os
import re
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence
from urllib.parse import parse_qsl, quote, unquote

BUSY_TIMEOUT_MS = 60_000
PG_CONNECT_TIMEOUT_S = 10
HEAD = "0008"  # the newest revision in migrations/versions (a test checks it against Alembic's)

DATE, DATETIME, JSON, BOOL = "date", "datetime", "json", "bool"


class Statement:
    """SQL text with ``:name`` parameters, the same on both backends or one text each; ``table``
    names the column types (:data:`generator.registry.queries.TYPES`) its parameters and result
    columns have."""

    __slots__ = ("sqlite", "postgresql", "table", "_pyformat")

    def __init__(self, sqlite: str, postgresql: str | None = None, table: str | None = None):
        self.sqlite = sqlite
        self.postgresql = postgresql if postgresql is not None else sqlite
        self.table = table
        self._pyformat: str | None = None

    def text(self, dialect: str) -> str:
        if dialect == "sqlite":
            return self.sqlite
        if self._pyformat is None:
            self._pyformat = pyformat(self.postgresql)
        return self._pyformat

    def __repr__(self) -> str:
        return f"Statement({self.sqlite!r})"


_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


def pyformat(text: str) -> str:
    """``:name`` parameters written for psycopg (``%(name)s``; a literal ``%`` doubled).

    >>> pyformat("SELECT id FROM letters WHERE number_key = :key AND note LIKE '5%'")
    "SELECT id FROM letters WHERE number_key = %(key)s AND note LIKE '5%%'"
    """
    return _NAMED.sub(r"%(\1)s", text.replace("%", "%%"))


# -- which connection -------------------------------------------------------------------------

def dialect(connection: Any) -> str:
    """``sqlite`` or ``postgresql``, for a SQLAlchemy connection or a bare DB-API one."""
    named = getattr(getattr(connection, "dialect", None), "name", None)
    if named:
        return named
    return "sqlite" if type(connection).__module__ == "sqlite3" else "postgresql"


def _types(table: str | None) -> Mapping[str, str]:
    if table is None:
        return {}
    from .queries import TYPES

    return TYPES[table]


_STORAGE = "%04d-%02d-%02d %02d:%02d:%02d.%06d"


def _param(value: Any, kind: str | None, backend: str) -> Any:
    if kind == JSON:
        if backend == "sqlite":
            return json.dumps(value)
        from psycopg.types.json import Json

        return Json(value)
    if backend == "sqlite":
        if isinstance(value, datetime):  # as SQLAlchemy's SQLite DateTime stores it
            return _STORAGE % (value.year, value.month, value.day, value.hour, value.minute,
                               value.second, value.microsecond)
        if isinstance(value, date):
            return value.isoformat()
    return value


def _params(params: Mapping[str, Any], types: Mapping[str, str], backend: str) -> dict:
    return {name: _param(value, types.get(name.split("__", 1)[0]), backend)
            for name, value in params.items()}


def _value(value: Any, kind: str | None) -> Any:
    """A SQLite value as its column type reads it."""
    if value is None or kind is None:
        return value
    if kind == JSON:
        return json.loads(value)
    if kind == BOOL:
        return bool(value)
    if kind == DATE:
        return date.fromisoformat(value) if isinstance(value, str) else value
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def _result(connection: Any, statement: Statement, params: Mapping[str, Any] | Sequence,
            many: bool = False):
    """The executed statement: SQLAlchemy's result on a SQLAlchemy connection, else the
    driver's cursor (both have ``fetchall`` and ``rowcount``)."""
    backend = dialect(connection)
    types = _types(statement.table)
    if many:
        bound: Any = [_params(p, types, backend) for p in params]
    else:
        bound = _params(params, types, backend)
    text = statement.text(backend)
    if hasattr(connection, "exec_driver_sql"):
        return connection.exec_driver_sql(text, bound)
    cursor = connection.cursor()
    if many:
        cursor.executemany(text, bound)
    else:
        cursor.execute(text, bound)
    return cursor


def _read(connection: Any, statement: Statement, params: Mapping[str, Any]
          ) -> tuple[list[str], list[tuple]]:
    result = _result(connection, statement, params)
    if hasattr(result, "keys"):
        names = list(result.keys())
    else:
        names = [column[0] for column in result.description]
    found = [tuple(row) for row in result.fetchall()]
    if dialect(connection) == "sqlite":
        types = _types(statement.table)
        kinds = [types.get(name) for name in names]
        if any(kinds):
            found = [tuple(_value(v, k) for v, k in zip(row, kinds)) for row in found]
    return names, found


def rows(connection: Any, statement: Statement, **params: Any) -> list[dict[str, Any]]:
    """Every row, as a dict by column name."""
    names, found = _read(connection, statement, params)
    return [dict(zip(names, row)) for row in found]


def first(connection: Any, statement: Statement, **params: Any) -> dict[str, Any] | None:
    found = rows(connection, statement, **params)
    return found[0] if found else None


def one(connection: Any, statement: Statement, **params: Any) -> dict[str, Any]:
    found = rows(connection, statement, **params)
    if len(found) != 1:
        raise LookupError(f"{len(found)} rows where one was expected: {statement!r}")
    return found[0]


def scalars(connection: Any, statement: Statement, **params: Any) -> list[Any]:
    """The first column of every row."""
    _names, found = _read(connection, statement, params)
    return [row[0] for row in found]


def scalar(connection: Any, statement: Statement, **params: Any) -> Any:
    """The first column of the first row, or None."""
    found = scalars(connection, statement, **params)
    return found[0] if found else None


def execute(connection: Any, statement: Statement, **params: Any) -> int:
    """Run a statement that returns no rows; the number of rows it changed."""
    return _result(connection, statement, params).rowcount


def execute_many(connection: Any, statement: Statement, params: Sequence[Mapping[str, Any]]
                 ) -> None:
    """Run a statement once per parameter set (the driver's ``executemany``)."""
    if params:
        _result(connection, statement, list(params), many=True)


# -- opening the register without SQLAlchemy ------------------------------------------------------

def normalise_url(url: str) -> str:
    """Database URLs as SQLAlchemy needs them: ``postgresql://`` → psycopg 3.

    >>> normalise_url("postgresql://u:p@127.0.0.1/db")
    'postgresql+psycopg://u:p@127.0.0.1/db'
    >>> normalise_url("postgres://h/db"), normalise_url("sqlite:///x.sqlite")
    ('postgresql+psycopg://h/db', 'sqlite:///x.sqlite')
    """
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme):]
    return url


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve()}"


def sqlite_path(url: str) -> str | None:
    """The file of a ``sqlite:///…`` URL (None for another backend, or an in-memory database).

    >>> sqlite_path("sqlite:////tmp/r.sqlite"), sqlite_path("sqlite://"), sqlite_path("postgresql://h/d")
    ('/tmp/r.sqlite', None, None)
    """
    if not url.startswith("sqlite:///"):
        return None
    path = url[len("sqlite:///"):].split("?", 1)[0]
    return unquote(path) if path and path != ":memory:" else None


def writable(path: Path) -> bool:
    """Can this process write the SQLite file (and make its journal files beside it)?
    ``os.access`` also says no on a read-only mount, for root too."""
    if path.exists():
        return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return True  # not there yet: opening says why it cannot be made


def connect_sqlite(path: str | Path, read_only: bool = False):
    """A ``sqlite3`` connection to the register file with the register's settings: pysqlite's
    own transaction handling off (every transaction is begun by :func:`begin`), a
    :data:`BUSY_TIMEOUT_MS` busy timeout, WAL, ``synchronous = FULL`` and foreign keys; or,
    ``read_only``, opened ``mode=ro`` (``immutable=1`` when SQLite cannot make the WAL's
    shared-memory file beside it)."""
    import sqlite3

    if not read_only:
        connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000,
                                     check_same_thread=False)
        prepare_sqlite(connection)
        return connection
    last = None
    for query in ("mode=ro", "immutable=1"):
        try:
            connection = sqlite3.connect(f"file:{quote(str(Path(path).resolve()))}?{query}",
                                         uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                                         check_same_thread=False)
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as error:
            last = error
            continue
        connection.isolation_level = None
        connection.execute("PRAGMA foreign_keys = ON")
        return connection
    raise last


def prepare_sqlite(connection) -> None:
    """The settings of a writable register connection (see :func:`connect_sqlite`)."""
    connection.isolation_level = None  # no implicit BEGIN by pysqlite; see begin()
    cursor = connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # Switching to WAL needs the write lock even when the file is in WAL mode already, so ask
    # first: a process opening the register must not wait for one that is issuing a letter.
    if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


_AUTHORITY = re.compile(r"^(?:(?P<user>[^:@]*)(?::(?P<password>.*))?@)?"
                        r"(?:\[(?P<ipv6>[^\]]+)\]|(?P<host>[^:]*))(?::(?P<port>[^:]*))?$", re.S)


def postgresql_args(url: str) -> dict[str, Any]:
    """psycopg's connection arguments for a ``postgresql://`` URL: user, password, host,
    port, database, every query parameter (``options=-csearch_path=…``, ``sslmode``, …) and
    the connect timeout unless the URL sets one.

    >>> postgresql_args("postgresql+psycopg://u:p%40ss@127.0.0.1:5432/db?options=-csearch_path%3Dx")
    {'user': 'u', 'password': 'p@ss', 'host': '127.0.0.1', 'port': 5432, 'dbname': 'db', 'options': '-csearch_path=x', 'connect_timeout': 10}
    """
    rest = url.split("://", 1)[1]
    rest, _, query = rest.partition("?")
    authority, _, database = rest.partition("/")
    user_part, at, host_part = authority.rpartition("@")
    found = _AUTHORITY.match(f"{user_part}{at}{host_part}")
    if found is None:
        raise ValueError(f"not a URL: {url}")
    args: dict[str, Any] = {}
    if found["user"]:
        args["user"] = unquote(found["user"])
    if found["password"] is not None:
        args["password"] = unquote(found["password"])
    host = found["ipv6"] or found["host"]
    if host:
        args["host"] = unquote(host)
    if found["port"]:
        args["port"] = int(found["port"])
    if database:
        args["dbname"] = unquote(database)
    args.update(parse_qsl(query, keep_blank_values=True))
    args.setdefault("connect_timeout", PG_CONNECT_TIMEOUT_S)
    return args


def connect_postgresql(url: str):
    """A psycopg connection to the register at ``url`` (see :func:`postgresql_args`)."""
    import psycopg

    return psycopg.connect(**postgresql_args(url))


# -- transactions on a bare connection ------------------------------------------------------

def begin(connection, mode: str = "IMMEDIATE") -> None:
    """SQLite: ``BEGIN IMMEDIATE`` for a write (the write lock, before a counter is read) or
    ``BEGIN DEFERRED`` for a read; psycopg begins a transaction by itself."""
    if dialect(connection) == "sqlite":
        connection.execute(f"BEGIN {mode}")


@contextmanager
def transaction(connection, write: bool) -> Iterator[Any]:
    """A transaction on a bare connection, as ``database.write`` / ``database.read`` open one
    on an engine's: a write committed on normal exit, a read rolled back; rolled back on any
    exception."""
    begin(connection, "IMMEDIATE" if write else "DEFERRED")
    try:
        yield connection
    except BaseException:
        _end(connection, commit=False)
        raise
    _end(connection, commit=write)


def _end(connection, commit: bool) -> None:
    if dialect(connection) != "sqlite":
        connection.commit() if commit else connection.rollback()
    elif connection.in_transaction:
        connection.execute("COMMIT" if commit else "ROLLBACK")


# -- what a driver's error says ------------------------------------------------------------------

_PASSWORD_IN_QUERY = re.compile(r"(?i)([?&](?:password|pass|pwd)=)([^&#]*)")
_PASSWORD_IN_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://[^:/?#@]*:)(.*)(@[^@]*)$", re.S)


def safe_url(url: str) -> str:
    """The URL without its password (in the user part or the query), for messages; also for
    URLs that do not parse.

    >>> safe_url("postgresql+psycopg://genletter:secret@127.0.0.1:5432/db")
    'postgresql+psycopg://genletter:***@127.0.0.1:5432/db'
    >>> safe_url("postgresql://u@h/db?sslmode=require&password=secret")
    'postgresql://u@h/db?sslmode=require&password=***'
    >>> safe_url("postgresql://u:sec@ret@h:notaport/db")
    'postgresql://u:***@h:notaport/db'
    """
    text = _PASSWORD_IN_USERINFO.sub(lambda m: m.group(1) + "***" + m.group(3), str(url))
    return _PASSWORD_IN_QUERY.sub(lambda m: m.group(1) + "***", text)


def passwords(url: str) -> list[str]:
    """The password(s) a URL carries (as typed and decoded), to scrub them from a driver's
    messages.

    >>> passwords("postgresql://u:p%40ss@h/db?password=two")
    ['p@ss', 'p%40ss', 'two']
    """
    found: list[str] = []
    text = str(url)
    userinfo = _PASSWORD_IN_USERINFO.match(text)
    if userinfo and userinfo.group(2) != "***":
        found += [unquote(userinfo.group(2)), userinfo.group(2)]
    for match in _PASSWORD_IN_QUERY.finditer(text):
        found += [unquote(match.group(2)), match.group(2)]
    return list(dict.fromkeys(p for p in found if p and p != "***"))


def first_line(error: BaseException, url: str | None = None) -> str:
    """The first line of a driver's message, with the URL's password (if any) scrubbed.

    >>> first_line(ValueError("bad password 'hunter2'\\nmore"), "postgresql://u:hunter2@h/db")
    "bad password '***'"
    """
    original = getattr(error, "orig", None) or error
    text = str(original).strip().splitlines()
    line = text[0] if text else type(original).__name__
    for password in passwords(url) if url is not None else ():
        line = line.replace(password, "***")
    return line


def operational(reason: str, shown_url: str):
    """The :class:`~generator.errors.UserError` for a register that failed under a command:
    read-only, full, kept busy past the busy timeout, or lost (``reason``: the driver's first
    line; ``shown_url``: the URL, its password hidden)."""
    from ..errors import UserError

    if "readonly" in reason or "read-only" in reason:
        return UserError(f"the register {shown_url} cannot be written: {reason}; "
                         "nothing was written")
    if "disk is full" in reason or "disk i/o" in reason.lower():
        return UserError(f"the register {shown_url} could not be written: "
                         f"{reason}; nothing was written", hint="free some space and try again")
    if "locked" in reason or "busy" in reason:
        return UserError(f"the register {shown_url} stayed busy for "
                         f"{BUSY_TIMEOUT_MS // 1000} s (another letter is being issued); "
                         f"nothing was written", hint="try again")
    return UserError(f"lost the register database {shown_url}: {reason}; "
                     f"nothing was written")
