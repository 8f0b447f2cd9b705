"""Revision 0006 (pending, archiving and spoilt numbers): a register at 0005 with letters,
attachments and citations is upgraded keeping every row and every foreign key; the status check
takes the new statuses and still refuses others. On SQLite (where ``letters`` is rebuilt) and
PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command

from generator.registry import Registry, database
from generator.registry.workspace import EXAMPLE_PROFILE
from tests.registry.conftest import backend, db_url  # noqa: F401  (the two-backend fixtures)

LETTER = ("INSERT INTO letters (office_id, office_code, agency, office_name, series, year, "
          "running, circular, number_text, number_key, status, subject, search_text, created_at, "
          "created_by, draft_id) VALUES ('nk-cdd', 'นค0019', 'จังหวัดหนองคาย', 'สำนักงาน', '', "
          "2567, {id}, false, 'นค ๐๐๑๙/ {thai}', 'นค0019/{id}', 'issued', 'เรื่อง {id}', 'x', "
          "'2024-10-25 00:00:00', 'somchai', 'draft-{id}')")


def test_a_0005_register_keeps_its_rows_and_keys(tmp_path, db_url):  # noqa: F811
    workspace = tmp_path / "ws"
    (workspace / "registry").mkdir(parents=True)
    (workspace / "registry" / "office.yaml").write_text(EXAMPLE_PROFILE, encoding="utf-8")
    url = db_url or database.sqlite_url(workspace / "registry" / "register.sqlite")
    engine = database.make_engine(url)
    with engine.begin() as connection:
        command.upgrade(database._alembic_config(connection), "0005")
        for n in (1, 2):
            connection.exec_driver_sql(LETTER.format(id=n, thai="๐๑๒"[n]))
        connection.exec_driver_sql("INSERT INTO counters (office_code, series, year, last) "
                                   "VALUES ('นค0019', '', 2567, 2)")
        connection.exec_driver_sql("INSERT INTO attachments (letter_id, position, title) "
                                   "SELECT id, 1, 'แบบรายงาน' FROM letters WHERE running = 2")
        connection.exec_driver_sql("INSERT INTO citations (from_letter_id, to_letter_id, position) "
                                   "SELECT b.id, a.id, 1 FROM letters a, letters b "
                                   "WHERE a.running = 1 AND b.running = 2")
    engine.dispose()
    with Registry.open(workspace, db_url) as reg:
        with reg.engine.connect() as connection:
            assert database.current_revision(connection) == database.HEAD
        assert reg.show("นค 0019/ 2")["cites"][0]["number"] == "นค ๐๐๑๙/ ๑"
        assert reg.show("นค 0019/ 2")["attachments"][0]["title"] == "แบบรายงาน"
        assert reg.reserve(1, date="2024-10-25") == ["นค ๐๐๑๙/ ๓"]
        with pytest.raises(sa.exc.IntegrityError):  # foreign keys still hold
            with reg.engine.begin() as connection:
                connection.exec_driver_sql("INSERT INTO attachments (letter_id, position, title) "
                                           "VALUES (99, 1, 'x')")
        with reg.engine.begin() as connection:
            connection.exec_driver_sql("UPDATE letters SET status = 'spoilt' WHERE running = 1")
        with pytest.raises(sa.exc.IntegrityError):  # and the status check
            with reg.engine.begin() as connection:
                connection.exec_driver_sql("UPDATE letters SET status = 'lost' WHERE running = 1")
        with pytest.raises(sa.exc.IntegrityError):  # and a draft's id, once
            with reg.engine.begin() as connection:
                connection.exec_driver_sql("UPDATE letters SET draft_id = 'draft-1' WHERE running = 2")
