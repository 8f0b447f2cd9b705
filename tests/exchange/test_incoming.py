"""Duplicate incoming letters: caught dated or not, by the check and, when two processes race,
by the unique index (SQLite and PostgreSQL); the migration keys existing letters."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
import sqlalchemy as sa
from alembic import command

from generator.errors import UserError
from generator.registry import Registry, database, incoming, init_workspace
from generator.registry.schema import incoming as incoming_table
from generator.registry.workspace import EXAMPLE_PROFILE
from tests.registry.conftest import BACKENDS, fresh_pg_schema

AT = datetime(2024, 10, 28, 2, 0, tzinfo=timezone.utc)


@pytest.fixture(params=BACKENDS)
def db_url(request):
    if request.param == "sqlite":
        yield None
        return
    with fresh_pg_schema() as url:
        yield url


@pytest.fixture
def reg(tmp_path, db_url):
    root = init_workspace(tmp_path / "ws", db_url).root
    with Registry.open(root, db_url) as registry:
        yield registry


def receive(reg, number="นข 0019/ว 632", when="2023-01-31", sender="จังหวัดเชียงใหม่",
            subject="แนวทาง"):
    return reg.receive(their_number=number, their_date=when, sender=sender, subject=subject,
                       received_at=AT)


CASES = [
    ("dated", {}, {"subject": "ส่งซ้ำ"}, True),
    ("undated", {"when": None}, {"when": None, "number": "นข๐๐๑๙/ว๖๓๒"}, True),
    ("sender spaced", {}, {"sender": "จังหวัด เชียงใหม่"}, True),
    ("another date", {}, {"when": "2023-02-01"}, False),
    ("another sender", {}, {"sender": "จังหวัดหนองคาย"}, False),
    ("no number", {"number": None}, {"number": None}, False),
]


@pytest.mark.parametrize("first, second, duplicate", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_the_same_letter_is_received_once(reg, first, second, duplicate):
    receive(reg, **first)
    if not duplicate:
        assert receive(reg, **second).receipt_no == 2
        return
    with pytest.raises(UserError, match="already received as 1/2567"):
        receive(reg, **second)
    assert [e.action for e in reg.audit_log()] == ["receive"]
    assert receive(reg, number="นข 0019/ว 7").receipt_no == 2     # no receipt number used


def test_the_unique_index_refuses_a_racing_duplicate(reg, monkeypatch):
    receive(reg, when=None)
    # As if another process registered it between this one's check and its insert.
    monkeypatch.setattr(incoming, "_earlier", lambda *args: None)
    with pytest.raises(UserError, match="another process at the same moment; nothing was"):
        receive(reg, when=None)
    monkeypatch.undo()
    assert [e.action for e in reg.audit_log()] == ["receive"]
    assert receive(reg, number="นข 0019/ว 7").receipt_no == 2


def test_the_migration_keys_existing_letters_and_keeps_old_duplicates(tmp_path, db_url):
    root = tmp_path / "old"
    (root / "registry").mkdir(parents=True)
    (root / "registry" / "office.yaml").write_text(EXAMPLE_PROFILE, encoding="utf-8")
    url = db_url or database.sqlite_url(root / "registry" / "register.sqlite")
    engine = database.make_engine(url)
    row = {"office_id": "nk-cdd", "office_code": "นค0019", "receipt_year": 2567,
           "received_at": AT, "their_number": "นข 0019/ว 632", "their_number_key": "นข0019/ว632",
           "their_date": None, "sender": "จังหวัดเชียงใหม่", "subject": "แนวทาง",
           "search_text": "x", "created_by": "t"}
    with engine.begin() as connection:
        command.upgrade(database._alembic_config(connection), "0005")
        columns = [c for c in incoming_table.c if c.name != "duplicate_key"]
        old = sa.Table("incoming", sa.MetaData(), *[sa.Column(c.name, c.type) for c in columns])
        for n in (1, 2):   # an undated letter received twice before the index existed
            connection.execute(old.insert().values(receipt_no=n, **row))
    engine.dispose()
    with Registry.open(root, db_url) as reg:
        with reg.engine.connect() as connection:
            keys = connection.execute(sa.select(incoming_table.c.receipt_no,
                                                incoming_table.c.duplicate_key)
                                      .order_by(incoming_table.c.receipt_no)).all()
        assert keys[0][1] is not None and keys[1][1] is None
        with pytest.raises(UserError, match="already received as 1/2567"):
            receive(reg, when=None)
