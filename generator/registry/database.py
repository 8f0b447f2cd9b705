"""Connecting to the register database and bringing its schema up to date.

One code path for both backends, through SQLAlchemy (the register's own statements are SQL
text, :mod:`generator.registry.queries`, run on the engine's connections by
:mod:`generator.registry.driver`; the quick commands run the same statements on a bare driver
connection, :mod:`generator.registry.quick`). The engine connects through the driver module's
:func:`~generator.registry.driver.connect_sqlite` / :func:`~generator.registry.driver.connect_postgresql`
(its ``creator``), so both ways in open the register with the same settings:

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
only when there is something to upgrade or the revision is unknown. :data:`HEAD` (kept in the
driver module, which the quick commands read it from) must name the newest revision script (a
test checks it against Alembic's own head). The URL rules (:func:`normalise_url`,
:func:`safe_url`) and the messages for a register that fails under a command are the driver
module's too, shared by both ways in.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, make_url

from ..errors import UserError
from . import driver
# The URL rules, the connection settings and the messages are the driver module's (shared
# with the quick commands, which open the register without SQLAlchemy).
from .driver import (BUSY_TIMEOUT_MS, HEAD, PG_CONNECT_TIMEOUT_S,  # noqa: F401
                     normalise_url, safe_url, sqlite_url)

MIGRATIONS = Path(__file__).with_name("migrations")
_MIGRATION_LOCK = 7_256_2567  # any constant: pg_advisory_xact_lock key for schema upgrades


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
        if not path or path == ":memory:":
            engine = sa.create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            sa.event.listen(engine, "connect", lambda connection, _record:
                            driver.prepare_sqlite(connection))
        elif not driver.writable(Path(path)):
            engine = sa.create_engine(parsed, creator=lambda: driver.connect_sqlite(
                path, read_only=True))
            engine.read_only_reason = f"{path} cannot be written (a read-only folder or file)"
        else:
            engine = sa.create_engine(parsed, creator=lambda: driver.connect_sqlite(path))
        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    if backend == "postgresql":
        if parsed.get_driver_name() != "psycopg":
            parsed = parsed.set(drivername="postgresql+psycopg")
        shown = parsed.render_as_string(hide_password=False)
        try:  # the query's hosts and ports (``?port=abc``) are read here
            return sa.create_engine(parsed, creator=lambda: driver.connect_postgresql(shown),
                                    pool_pre_ping=True)
        except (sa.exc.ArgumentError, ValueError):
            raise UserError(f"the register's database URL {safe_url(url)!r} is not a URL",
                            hint="e.g. postgresql://user:password@host/dbname") from None
    raise UserError(f"the register's database URL names {backend!r}, which is not supported: "
                    "use SQLite or PostgreSQL")


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
    return driver.operational(_first_line(error, engine.url), safe_url(str(engine.url)))


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
    """The first line of a driver's message, the URL's password (if any) scrubbed
    (:func:`generator.registry.driver.first_line`)."""
    if isinstance(url, sa.engine.URL):
        url = url.render_as_string(hide_password=False)
    return driver.first_line(error, url)
