"""The register's statements through the DB-API driver: the quick commands' way in agrees with
the library's (SQLAlchemy) way, on both backends."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from generator.registry import Registry
from generator.registry import driver, queries
from generator.registry.quick import QuickRegistry, open_quick
from generator.registry.schema import metadata

from .conftest import cli


def _kind(column: sa.Column) -> str | None:
    kinds = ((sa.DateTime, driver.DATETIME), (sa.Date, driver.DATE), (sa.JSON, driver.JSON),
             (sa.Boolean, driver.BOOL))
    return next((kind for cls, kind in kinds if isinstance(column.type, cls)), None)


def test_types_are_the_schemas():
    """The driver converts exactly the columns schema.py declares as dates, timestamps, JSON
    and booleans."""
    declared = {table.name: {c.name: _kind(c) for c in table.columns if _kind(c)}
                for table in metadata.sorted_tables}
    assert queries.TYPES == declared


def _letters(reg: Registry) -> tuple[str, str]:
    with reg.allocate(unit="3", circular=True, date=date(2024, 10, 25)) as alloc:
        alloc.record(subject="งบประมาณ โคก หนอง นา", recipients=["นายอำเภอเพ็ญ", "นายอำเภอโพนพิสัย"],
                     signer="pranee", text="ตามที่ จังหวัดได้แจ้ง\nโคก หนอง\nนา ๒๕๖๘",
                     attachments=[{"title": "สำเนาหนังสือ", "quantity": 1, "unit": "ชุด"}])
    first = alloc.number_text
    reg.receive(their_number="นข 0019/ว 632", their_date=date(2024, 10, 1),
                sender="จังหวัดเชียงใหม่", subject="เรื่องงบ")
    with reg.allocate(date=date(2024, 10, 26)) as alloc:
        alloc.record(subject="ตอบ งบประมาณ", recipients=["ผู้ว่าราชการจังหวัด"],
                     references=[first, "นข 0019/ว 632"], signer="pranee")
    return first, alloc.number_text


def test_quick_register_answers_as_the_library(workspace, db_url):
    with Registry.open(workspace, db_url) as reg:
        first, second = _letters(reg)
        with open_quick(workspace, db_url) as quick:
            assert isinstance(quick, QuickRegistry)
            for number in (first, second, "นข 0019/ว 632"):
                assert quick.show(number, thread=True) == reg.show(number, thread=True)
            for text in ("งบ", "โคกหนองนา", "๒๕๖๘", first, "ง"):
                assert quick.search(text) == reg.search(text)
                assert quick.search(text, limit=1, kind="letter") == \
                    reg.search(text, limit=1, kind="letter")
        with open_quick(workspace, db_url, write=True) as quick:
            assert quick.reserve(2, date="2024-10-27") == ["นค ๐๐๑๙/ ๒", "นค ๐๐๑๙/ ๓"]
        assert reg.reserve(1, date="2024-10-27") == ["นค ๐๐๑๙/ ๔"]
        entries = reg.audit_log()
        assert [(e.action, e.number_text, e.detail) for e in entries[-3:]] == [
            ("reserve", f"นค ๐๐๑๙/ {n}", {"office": "nk-cdd", "unit": None, "circular": False,
                                         "series": ""}) for n in "๒๓๔"]
        assert [hit.number for hit in reg.search("นค 0019/ 3")][:1] == ["นค ๐๐๑๙/ ๓"]


def test_a_register_not_at_the_head_goes_the_full_way(workspace, db_url):
    """A revision this code does not know: the quick commands say so in the full way's one
    line, and nothing is written."""
    with Registry.open(workspace, db_url) as reg:
        with reg.engine.begin() as connection:
            connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
        url = str(reg.engine.url.render_as_string(hide_password=False))
    for args in (["search", "งบ"], ["show", "นค 0019/ 1"], ["reserve"]):
        result = cli(workspace, db_url, *args)
        assert result.exit_code == 1, result.output
        assert "newer than this gen-letter knows" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM letters").scalar() == 0
    engine.dispose()
