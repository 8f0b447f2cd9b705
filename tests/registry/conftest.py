"""Registry test fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL: ``GEN_LETTER_TEST_PG`` when set, otherwise the loopback server that ``.ci/run``
starts. Each test gets its own schema (a fresh ``search_path``), dropped afterwards, so tests
can run in parallel under pytest-xdist. When no server answers at the default address, the
PostgreSQL variants are skipped with the reason; when ``GEN_LETTER_TEST_PG`` names a server
(as CI does) and it does not answer, they fail.
"""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

from generator.registry import Registry, init_workspace

DEFAULT_PG = "postgresql://genletter:genletter@127.0.0.1:5432/genletter_test"


def pg_admin_url() -> str:
    return os.environ.get("GEN_LETTER_TEST_PG") or DEFAULT_PG


def _psycopg_conninfo(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


_PG_STATE: dict[str, object] = {}


def pg_unavailable_reason() -> str | None:
    """``None`` when the test server answers, otherwise why not (checked once)."""
    if "reason" not in _PG_STATE:
        import psycopg

        url = pg_admin_url()
        try:
            with psycopg.connect(_psycopg_conninfo(url), connect_timeout=3,
                                 autocommit=True) as connection:
                try:
                    connection.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
                except psycopg.errors.UniqueViolation:
                    pass  # made at the same moment by another test worker
            _PG_STATE["reason"] = None
        except psycopg.Error as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
            _PG_STATE["reason"] = (f"PostgreSQL tests skipped: no server at "
                                   f"{url.split('@')[-1]} ({first}); set GEN_LETTER_TEST_PG")
    return _PG_STATE["reason"]  # type: ignore[return-value]


def _require_pg() -> None:
    reason = pg_unavailable_reason()
    if reason and os.environ.get("GEN_LETTER_TEST_PG"):
        pytest.fail(reason.replace("tests skipped", "server named by GEN_LETTER_TEST_PG is "
                                   "unreachable"))
    if reason:
        pytest.skip(reason)


class PgSchema:
    """A throw-away schema on the test server and a register URL that uses it."""

    def __init__(self) -> None:
        import psycopg

        self.name = f"gl_{uuid.uuid4().hex[:16]}"
        with psycopg.connect(_psycopg_conninfo(pg_admin_url()), autocommit=True) as connection:
            connection.execute(f'CREATE SCHEMA "{self.name}"')
        separator = "&" if "?" in pg_admin_url() else "?"
        self.url = (f"{pg_admin_url()}{separator}options="
                    f"{quote(f'-csearch_path={self.name}', safe='')}")

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(_psycopg_conninfo(pg_admin_url()), autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA IF EXISTS "{self.name}" CASCADE')


BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@contextmanager
def fresh_pg_schema():
    """A PostgreSQL URL with a schema of its own, dropped afterwards."""
    _require_pg()
    schema = PgSchema()
    try:
        yield schema.url
    finally:
        schema.drop()


@pytest.fixture
def db_url(backend):
    """``None`` for the workspace's SQLite file, or a PostgreSQL URL with a fresh schema."""
    if backend == "sqlite":
        yield None
        return
    with fresh_pg_schema() as url:
        yield url


@pytest.fixture
def pg_url():
    """A PostgreSQL URL with a fresh schema, for tests that only make sense there."""
    with fresh_pg_schema() as url:
        yield url


@pytest.fixture
def workspace(tmp_path, db_url) -> Path:
    """A workspace made by ``init_workspace`` (the Nong Khai example office)."""
    return init_workspace(tmp_path / "ws", db_url).root


@pytest.fixture
def reg(workspace, db_url):
    registry = Registry.open(workspace, db_url)
    try:
        yield registry
    finally:
        registry.close()


def cli(workspace: Path, db_url: str | None, *args: str):
    """Run ``gen-letter`` in-process; returns click's result (stdout and stderr apart)."""
    from click.testing import CliRunner

    from generator.cli import main

    options = ["--workspace", str(workspace)]
    if db_url:
        options += ["--registry", db_url]
    return CliRunner().invoke(main, [*options, *map(str, args)])


def assert_one_line_error(result, *fragments: str) -> None:
    """Exit status 1, one line on stderr starting ``gen-letter:``, no traceback."""
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("gen-letter: "), lines[0]
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
