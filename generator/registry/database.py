"""Connecting to the register database and bringing its schema up to date.

One code path for both backends, through SQLAlchemy:

- SQLite (the default, ``registry/register.sqlite``): WAL journal, a long busy timeout, foreign
  keys on, and every write transaction opened with ``BEGIN IMMEDIATE`` so that two processes
  never both read a counter before either writes it (pysqlite's own transaction handling is
  switched off so that the BEGIN is ours; read-only work uses a deferred BEGIN).
- PostgreSQL: ``postgresql://`` URLs are driven by psycopg 3 (``postgresql+psycopg://``);
  allocation is serialised by the row lock of ``UPDATE counters``.

Schema revisions are Alembic's (``migrations/``), applied on first use inside one transaction
that also holds a lock (SQLite's write lock, a PostgreSQL advisory lock), so processes that
open a fresh database at the same moment upgrade it once.

A register the process cannot write (a read-only mount, a file or folder without write
permission) is opened read-only: ``file:…?mode=ro``, or ``immutable=1`` when SQLite cannot make
the WAL's shared-memory file beside it, so ``log``, ``register``, ``show``, ``verify`` and
``search`` still work; a command that must write is refused by :func:`write` in one line
before anything starts.

A URL's password (``user:password@`` or ``?password=``) never appears in a message: every
message shows :func:`safe_url`, and the driver's own text is scrubbed of it
(:func:`_first_line`). A URL that does not parse (a port that is no number, a broken IPv6
address) is one line naming it, its password hidden.

Start-up stays quick: a register already at :data:`HEAD` is recognised by one ``SELECT`` of
``alembic_version``; Alembic (about 0.3 s to import and to read its revision scripts) is loaded
only when there is something to upgrade or the revision is unknown. :data:`HEAD` must name the
newest revision script (a test checks it against Alembic's own head).
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, make_url

from ..errors import UserError

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 60_000
PG_CONNECT_TIMEOUT_S = 10
_MIGRATION_LOCK = 7_256_2567  # any constant: pg_advisory_xact_lock key for schema upgrades
HEAD = "0008"  # the newest revision in migrations/versions


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


_PASSWORD_IN_QUERY = re.compile(r"(?i)([?&](?:password|pass|pwd)=)[^&#]*")
_PASSWORD_IN_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://[^:/?#@]*:).*(@[^@]*)$", re.S)


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
    text = _PASSWORD_IN_USERINFO.sub(lambda m: m.group(1) + "***" + m.group(2), str(url))
    return _PASSWORD_IN_QUERY.sub(lambda m: m.group(1) + "***", text)


def _passwords(url) -> list[str]:
    """The password(s) a URL carries, to scrub them from a driver's messages."""
    found = []
    try:
        parsed = make_url(str(url)) if not isinstance(url, sa.engine.URL) else url
        if parsed.password:
            found.append(str(parsed.password))
        for key in ("password", "pass", "pwd"):
            value = parsed.query.get(key)
            found += [value] if isinstance(value, str) else list(value or ())
    except (sa.exc.ArgumentError, ValueError, TypeError):
        pass
    return [p for p in found if p]


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve()}"


def make_engine(url: str) -> Engine:
    """An engine for the register at ``url`` (not yet connected); a SQLite file this process
    cannot write gets a read-only engine (see the module docstring)."""
    try:
        parsed = make_url(normalise_url(url))
        parsed.port  # noqa: B018 -- a port that is no number fails here, not in the driver
    except (sa.exc.ArgumentError, ValueError):
        raise UserError(f"the register's database URL {safe_url(url)!r} is not a URL",
                        hint="e.g. postgresql://user:password@host/dbname") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = parsed.database
        if path and path != ":memory:" and not _writable(Path(path)):
            return _read_only_sqlite(Path(path), parsed)
        engine = sa.create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        sa.event.listen(engine, "connect", _sqlite_connect)
        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    if backend == "postgresql":
        if parsed.get_driver_name() != "psycopg":
            parsed = parsed.set(drivername="postgresql+psycopg")
        args = {"connect_timeout": PG_CONNECT_TIMEOUT_S}
        if "connect_timeout" in parsed.query:
            args = {}
        try:  # the query's hosts and ports (``?port=abc``) are read here
            return sa.create_engine(parsed, connect_args=args, pool_pre_ping=True)
        except (sa.exc.ArgumentError, ValueError):
            raise UserError(f"the register's database URL {safe_url(url)!r} is not a URL",
                            hint="e.g. postgresql://user:password@host/dbname") from None
    raise UserError(f"the register's database URL names {backend!r}, which is not supported: "
                    "use SQLite or PostgreSQL")


def _writable(path: Path) -> bool:
    """Can this process write the SQLite file (and make its journal files beside it)?
    ``os.access`` also says no on a read-only mount, for root too."""
    if path.exists():
        return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return True  # not there yet: opening says why it cannot be made


def _read_only_sqlite(path: Path, parsed) -> Engine:
    """An engine that only reads the register at ``path``."""
    import sqlite3

    def connect():
        last = None
        for query in ("mode=ro", "immutable=1"):
            try:
                connection = sqlite3.connect(f"file:{quote(str(path.resolve()))}?{query}",
                                             uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
                connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return connection
            except sqlite3.OperationalError as error:
                last = error
        raise last

    engine = sa.create_engine(parsed, creator=connect)
    engine.read_only_reason = f"{path} cannot be written (a read-only folder or file)"
    sa.event.listen(engine, "connect", _sqlite_read_only_connect)
    sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_read_only_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None
    dbapi_connection.execute("PRAGMA foreign_keys = ON")


def _sqlite_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # no implicit BEGIN by pysqlite; see _sqlite_begin
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # Switching to WAL needs the write lock even when the file is in WAL mode already, so ask
    # first: a process opening the register must not wait for one that is issuing a letter.
    if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
    connection.exec_driver_sql(f"BEGIN {mode}")


def check_connection(engine: Engine) -> None:
    """Connect once; an unreachable server or unopenable file is a one-line :class:`UserError`."""
    try:
        with engine.connect() as connection:
            connection.execution_options(sqlite_begin="DEFERRED")
            connection.exec_driver_sql("SELECT 1")
    except sa.exc.DBAPIError as error:
        raise UserError(f"cannot open the register database {safe_url(str(engine.url))}: "
                        f"{_first_line(error, engine.url)}") from None


def refuse_read_only(engine: Engine) -> None:
    """A :class:`UserError` when the register was opened read-only (a command that writes calls
    this before it starts anything)."""
    reason = getattr(engine, "read_only_reason", None)
    if reason:
        raise UserError(f"the register is read-only here: {reason}; this command writes to it, "
                        "so nothing was done", hint="run it where the workspace can be written")


@contextmanager
def write(engine: Engine) -> Iterator[Connection]:
    """A write transaction: committed on normal exit, rolled back on any exception.

    A register kept busy past the busy timeout, or a server lost on the way, is a
    :class:`UserError` (after the rollback), not a traceback; so is a register opened
    read-only, before anything starts.
    """
    refuse_read_only(engine)
    try:
        with engine.connect() as connection:
            with connection.begin():
                yield connection
    except sa.exc.OperationalError as error:
        raise _operational(error, engine) from None


@contextmanager
def read(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction (SQLite: a deferred BEGIN, so readers never wait for writers)."""
    try:
        with engine.connect() as connection:
            connection.execution_options(sqlite_begin="DEFERRED")
            with connection.begin() as transaction:
                yield connection
                transaction.rollback()
    except sa.exc.OperationalError as error:
        raise _operational(error, engine) from None


def _operational(error: sa.exc.OperationalError, engine: Engine) -> UserError:
    reason = _first_line(error, engine.url)
    if "readonly" in reason or "read-only" in reason:
        return UserError(f"the register {safe_url(str(engine.url))} cannot be written: {reason}; "
                         "nothing was written")
    if "disk is full" in reason or "disk i/o" in reason.lower():
        return UserError(f"the register {safe_url(str(engine.url))} could not be written: "
                         f"{reason}; nothing was written", hint="free some space and try again")
    if "locked" in reason or "busy" in reason:
        return UserError(f"the register {safe_url(str(engine.url))} stayed busy for "
                         f"{BUSY_TIMEOUT_MS // 1000} s (another letter is being issued); "
                         f"nothing was written", hint="try again")
    return UserError(f"lost the register database {safe_url(str(engine.url))}: {reason}; "
                     f"nothing was written")


def _alembic_config(connection: Connection | None = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> str:
    """Apply every revision the database lacks; return the head revision.

    A database whose revision this code does not know (written by a newer gen-letter) is a
    :class:`UserError` and is left untouched.
    """
    if _stored_revision(engine) == HEAD:
        return HEAD
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    head = script.get_current_head()
    known = {revision.revision for revision in script.walk_revisions()}
    try:
        with read(engine) as connection:
            current = current_revision(connection)
        _check_known(current, known, head, engine)
        if current == head:
            return head
        with write(engine) as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"),
                                   {"key": _MIGRATION_LOCK})
            current = current_revision(connection)
            _check_known(current, known, head, engine)
            if current != head:
                command.upgrade(_alembic_config(connection), "head")
    except sa.exc.DBAPIError as error:
        raise UserError(f"cannot open the register database {safe_url(str(engine.url))}: "
                        f"{_first_line(error, engine.url)}") from None
    return head


def _stored_revision(engine: Engine) -> str | None:
    """The revision recorded in the database, read without Alembic; ``None`` when there is
    none yet (or it cannot be read: the full path below says why)."""
    try:
        with read(engine) as connection:
            return connection.exec_driver_sql(
                "SELECT version_num FROM alembic_version").scalar()
    except (sa.exc.DBAPIError, UserError):
        return None


def _check_known(current: str | None, known: set[str], head: str, engine: Engine) -> None:
    if current is not None and current not in known:
        raise UserError(f"the register database {safe_url(str(engine.url))} has schema revision "
                        f"{current!r}, newer than this gen-letter knows (up to {head!r})",
                        hint="upgrade gen-letter before using this register")


def _first_line(error: BaseException, url=None) -> str:
    """The first line of a driver's message, with the URL's password (if any) scrubbed.

    >>> _first_line(ValueError("bad password 'hunter2'\\nmore"), "postgresql://u:hunter2@h/db")
    "bad password '***'"
    """
    original = getattr(error, "orig", None) or error
    text = str(original).strip().splitlines()
    line = text[0] if text else type(original).__name__
    for password in _passwords(url) if url is not None else ():
        line = line.replace(password, "***")
    return line
