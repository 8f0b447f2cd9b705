"""Schema revisions: applied on first use, stepwise from an older revision, and a database
newer than the code is refused without being touched (both backends)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command

from generator.errors import UserError
from generator.registry import Registry, database
from generator.registry.schema import metadata
from generator.registry.workspace import EXAMPLE_PROFILE

from .conftest import assert_one_line_error, cli


HEAD = "0008"  # the newest revision in generator/registry/migrations/versions


def _version(engine) -> str | None:
    with engine.connect() as connection:
        return database.current_revision(connection)


def test_first_use_creates_the_schema_at_head(reg):
    assert _version(reg.engine) == database.head_revision() == HEAD
    tables = set(sa.inspect(reg.engine).get_table_names())
    assert set(metadata.tables) <= tables


def test_the_schema_matches_the_table_definitions(reg):
    inspector = sa.inspect(reg.engine)
    for name, table in metadata.tables.items():
        columns = {column["name"] for column in inspector.get_columns(name)}
        assert columns == set(table.columns.keys()), name


def test_an_older_database_is_upgraded_keeping_its_data(tmp_path, db_url):
    workspace = tmp_path / "old"
    (workspace / "registry").mkdir(parents=True)
    (workspace / "registry" / "office.yaml").write_text(EXAMPLE_PROFILE, encoding="utf-8")
    url = db_url or database.sqlite_url(workspace / "registry" / "register.sqlite")
    engine = database.make_engine(url)
    with engine.begin() as connection:
        command.upgrade(database._alembic_config(connection), "0001")
        connection.exec_driver_sql("INSERT INTO counters (office_code, series, year, last) "
                                   "VALUES ('นค0019', '', 2567, 41)")
    assert _version(engine) == "0001"
    engine.dispose()
    with Registry.open(workspace, db_url) as reg:
        assert _version(reg.engine) == HEAD
        assert reg.reserve(1, date="2024-06-01") == ["นค ๐๐๑๙/ ๔๒"]
        assert [hit.number for hit in reg.search("นค0019/42")] == ["นค ๐๐๑๙/ ๔๒"]


def test_a_newer_schema_is_a_clear_error_and_is_left_alone(workspace, db_url):
    with Registry.open(workspace, db_url) as reg:
        with reg.engine.begin() as connection:
            connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0099'")
        engine = reg.engine
        with pytest.raises(UserError) as caught:
            Registry.open(workspace, db_url)
        message = str(caught.value)
        assert f"schema revision '0099', newer than this gen-letter knows (up to '{HEAD}')" in message
        assert "upgrade gen-letter" in message and "\n" not in message
        assert _version(engine) == "0099"
    result = cli(workspace, db_url, "reserve")
    assert_one_line_error(result, "newer than this gen-letter knows")


def test_reopening_does_not_migrate_again(workspace, db_url):
    for _ in range(3):
        with Registry.open(workspace, db_url) as reg:
            assert _version(reg.engine) == HEAD


def test_postgresql_urls_use_psycopg_3():
    engine = database.make_engine("postgresql://u:p@127.0.0.1:5432/db")
    assert engine.url.drivername == "postgresql+psycopg"
    assert engine.dialect.driver == "psycopg"
    with pytest.raises(UserError, match="the register's database URL names 'mysql'"):
        database.make_engine("mysql://u:p@h/db")
    with pytest.raises(UserError, match="database URL .* is not a URL"):
        database.make_engine("no url at all")


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    (tmp_path / "registry").mkdir()
    with Registry.open(tmp_path) as reg:
        with reg.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 60000
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert (tmp_path / "registry" / "register.sqlite").exists()


def test_unreachable_postgresql_is_a_one_line_user_error(tmp_path):
    (tmp_path / "registry").mkdir()
    with pytest.raises(UserError) as caught:
        Registry.open(tmp_path, "postgresql://genletter:pw@127.0.0.1:1/nothing")
    message = str(caught.value)
    assert message.startswith("cannot open the register database "
                              "postgresql+psycopg://genletter:***@127.0.0.1:1/nothing: ")
    assert "\n" not in message and "pw@" not in message
    assert list((tmp_path / "registry").iterdir()) == []


def test_the_quick_start_up_check_names_alembics_head():
    # Registry.open skips Alembic when the database already says database.HEAD.
    assert database.HEAD == database.head_revision() == HEAD
