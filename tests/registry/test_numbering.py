"""Numbering on both backends: series, years, reservations, cancellations, failed issues."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from generator.errors import UserError
from generator.registry import Registry
from generator.registry.schema import counters, letters

DAY = date(2024, 10, 25)


def issue(reg: Registry, **kwargs) -> str:
    record = {"subject": kwargs.pop("subject", "เรื่องทดสอบ"),
              "recipients": kwargs.pop("recipients", ["นายอำเภอ ทุกอำเภอ"])}
    for key in ("signer", "references", "attachments", "files", "sha256", "speed", "draft_id"):
        if key in kwargs:
            record[key] = kwargs.pop(key)
    kwargs.setdefault("date", DAY)
    with reg.allocate(**kwargs) as alloc:
        alloc.record(**record)
    return alloc.number_text


def statuses(reg: Registry) -> list[tuple]:
    with reg.engine.connect() as connection:
        rows = connection.execute(sa.select(letters.c.series, letters.c.year, letters.c.running,
                                            letters.c.status)
                                  .order_by(letters.c.series, letters.c.year, letters.c.running))
        return [tuple(row) for row in rows]


def test_numbers_run_from_one_in_each_series(reg):
    assert issue(reg, unit="3", circular=True) == "นค ๐๐๑๙.๓/ว ๑"
    assert issue(reg, unit="3", circular=True) == "นค ๐๐๑๙.๓/ว ๒"
    assert issue(reg, unit="3") == "นค ๐๐๑๙.๓/ ๑"
    assert issue(reg) == "นค ๐๐๑๙/ ๒"  # units share the office's series
    with reg.allocate(circular=True, date=DAY) as alloc:
        assert (alloc.running, alloc.year, alloc.circular) == (3, 2567, True)
        alloc.record(subject="ก")
    assert statuses(reg) == [("", 2567, 1, "issued"), ("", 2567, 2, "issued"),
                             ("ว", 2567, 1, "issued"), ("ว", 2567, 2, "issued"),
                             ("ว", 2567, 3, "issued")]


def test_shared_circular_series_setting(workspace, db_url):
    profile = workspace / "registry" / "office.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "circulars: separate", "circulars: shared"), encoding="utf-8")
    with Registry.open(workspace, db_url) as reg:
        assert issue(reg) == "นค ๐๐๑๙/ ๑"
        assert issue(reg, circular=True) == "นค ๐๐๑๙/ว ๒"
        assert issue(reg) == "นค ๐๐๑๙/ ๓"


def test_arabic_digit_style_office(workspace, db_url):
    profile = workspace / "registry" / "office.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "digit_style: thai", "digit_style: arabic"), encoding="utf-8")
    with Registry.open(workspace, db_url) as reg:
        assert issue(reg, unit="3", circular=True) == "นค 0019.3/ว 1"


def test_year_rollover_and_bangkok_time(reg):
    assert issue(reg, date=date(2024, 12, 31)) == "นค ๐๐๑๙/ ๑"
    assert issue(reg, date=date(2024, 12, 31)) == "นค ๐๐๑๙/ ๒"
    with reg.allocate(date=date(2025, 1, 1)) as alloc:
        assert (alloc.running, alloc.year) == (1, 2568)
        alloc.record(subject="ปีใหม่")
    # 23:30 UTC on 31 December is 06:30 on 1 January in Bangkok: the 2568 series.
    late = datetime(2024, 12, 31, 23, 30, tzinfo=timezone.utc)
    with reg.allocate(date=late) as alloc:
        assert (alloc.running, alloc.year, alloc.date) == (2, 2568, date(2025, 1, 1))
        alloc.record(subject="ข้ามปี")
    # 16:59 UTC on 31 December is still 23:59 on 31 December in Bangkok.
    with reg.allocate(date=datetime(2024, 12, 31, 16, 59, tzinfo=timezone.utc)) as alloc:
        assert (alloc.running, alloc.year) == (3, 2567)
        alloc.record(subject="ก่อนเที่ยงคืน")
    with reg.engine.connect() as connection:
        rows = connection.execute(sa.select(counters.c.year, counters.c.last)
                                  .order_by(counters.c.year)).all()
    assert [tuple(r) for r in rows] == [(2567, 3), (2568, 2)]


def test_a_failed_issue_consumes_no_number_and_records_nothing(reg):
    assert issue(reg) == "นค ๐๐๑๙/ ๑"
    with pytest.raises(RuntimeError, match="disk full"):
        with reg.allocate(date=DAY) as alloc:
            assert alloc.running == 2
            raise RuntimeError("disk full")
    with pytest.raises(RuntimeError, match="without record"):
        with reg.allocate(date=DAY):
            pass
    assert issue(reg) == "นค ๐๐๑๙/ ๒"
    assert [e.action for e in reg.audit_log()] == ["allocate", "issue"] * 2


def test_unknown_signer_is_a_user_error_and_nothing_is_written(reg):
    with pytest.raises(UserError) as caught:
        issue(reg, signer="somsak")
    assert "unknown signer 'somsak'" in str(caught.value) and caught.value.field == "signer"
    assert "\n" not in str(caught.value)
    assert statuses(reg) == [] and reg.audit_log() == []
    assert issue(reg, signer="pranee") == "นค ๐๐๑๙/ ๑"


def test_reference_to_an_unregistered_number_is_a_user_error_and_nothing_is_written(reg):
    with pytest.raises(UserError) as caught:
        issue(reg, references=["นข ๐๐๑๙/ว ๖๓๒"])
    assert "not a registered letter" in str(caught.value)
    assert caught.value.field == "references[0]" and "\n" not in str(caught.value)
    assert statuses(reg) == [] and reg.audit_log() == []
    assert issue(reg) == "นค ๐๐๑๙/ ๑"


def test_bad_attachment_or_speed_rolls_back(reg):
    with pytest.raises(UserError, match="quantity"):
        issue(reg, attachments=[{"title": "แบบ", "quantity": "หนึ่ง"}])
    with pytest.raises(UserError, match="not a SHA-256 digest"):
        issue(reg, attachments=[{"title": "แบบ", "sha256": "abc"}])
    with pytest.raises(UserError, match="speed class"):
        issue(reg, speed="เร็ว")
    assert statuses(reg) == []


def test_reserve_issue_later_and_cancel(reg):
    numbers = reg.reserve(3, unit="3", circular=True, date=DAY)
    assert numbers == ["นค ๐๐๑๙.๓/ว ๑", "นค ๐๐๑๙.๓/ว ๒", "นค ๐๐๑๙.๓/ว ๓"]
    assert issue(reg, unit="3", circular=True) == "นค ๐๐๑๙.๓/ว ๔"
    # A reserved number typed with Arabic digits and no spaces is issued as itself.
    assert issue(reg, circular=True, reserved="นค0019.3/ว2",
                 date=DAY + timedelta(days=3)) == "นค ๐๐๑๙.๓/ว ๒"
    assert reg.cancel("นค 0019.3/ว 3", reason="พิมพ์ผิด") == "นค ๐๐๑๙.๓/ว ๓"
    assert statuses(reg) == [("ว", 2567, 1, "reserved"), ("ว", 2567, 2, "issued"),
                             ("ว", 2567, 3, "cancelled"), ("ว", 2567, 4, "issued")]
    assert [e.action for e in reg.audit_log()] == [
        "reserve", "reserve", "reserve", "allocate", "issue", "issue", "cancel"]


def test_a_cancelled_number_given_to_issue_is_refused_and_nothing_changes(reg):
    first, second = reg.reserve(2, date=DAY)
    reg.cancel(second, reason="เลขเสีย")
    before = (statuses(reg), len(reg.audit_log()))
    with pytest.raises(UserError) as caught:
        issue(reg, reserved=second)
    assert "cancelled (เลขเสีย)" in str(caught.value) and "never used again" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert (statuses(reg), len(reg.audit_log())) == before
    # Cancelled numbers are never handed out again either.
    assert issue(reg) == "นค ๐๐๑๙/ ๓"
    with pytest.raises(UserError, match="already cancelled"):
        reg.cancel(second, reason="อีกครั้ง")


def test_reserved_number_rules(reg):
    (number,) = reg.reserve(1, date=DAY)
    with pytest.raises(UserError, match="is a number of 2567, but the letter is dated in 2568"):
        issue(reg, reserved=number, date=date(2025, 1, 2))
    with pytest.raises(UserError, match="not a circular"):
        issue(reg, reserved=number, circular=True)
    with pytest.raises(UserError, match="not a number in the register"):
        issue(reg, reserved="นค 0019/ 99")
    assert issue(reg, reserved=number) == number
    with pytest.raises(UserError, match="already issued"):
        issue(reg, reserved=number)
    with pytest.raises(UserError, match="needs a reason"):
        reg.cancel(number, reason="  ")
    with pytest.raises(UserError, match="not a number in the register"):
        reg.cancel("นค 0019/ 2", reason="ไม่มี")


def test_same_number_in_two_years_needs_the_year(reg):
    issue(reg, date=date(2024, 6, 1))
    issue(reg, date=date(2025, 6, 1))
    with pytest.raises(UserError, match=r"several years \(2568, 2567\)"):
        reg.cancel("นค 0019/ 1", reason="x")
    assert reg.cancel("นค 0019/ 1", reason="x", year=2567) == "นค ๐๐๑๙/ ๑"
    assert reg.show("นค 0019/ 1", year=2567)["status"] == "cancelled"
    assert reg.show("นค 0019/ 1", year=2568)["status"] == "issued"


def test_unit_must_exist(reg):
    with pytest.raises(UserError, match="unknown unit '9'"):
        issue(reg, unit="9")
    assert statuses(reg) == []


def test_audit_log_is_append_only_in_the_database(reg):
    issue(reg)
    for statement in ("UPDATE audit SET who = 'x'", "DELETE FROM audit"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            with reg.engine.begin() as connection:
                connection.exec_driver_sql(statement)
    assert [e.who for e in reg.audit_log()] != ["x", "x"] and len(reg.audit_log()) == 2


def test_audit_records_who_and_what(reg, monkeypatch):
    monkeypatch.setenv("GEN_LETTER_USER", "somchai")
    issue(reg, signer="pranee", files={"docx": "output/issued/2567/a.docx"},
          sha256={"docx": "ab" * 32})
    allocate, issued = reg.audit_log()
    assert (allocate.action, allocate.who, allocate.number_text) == ("allocate", "somchai",
                                                                     "นค ๐๐๑๙/ ๑")
    assert issued.detail["files"] == {"docx": "output/issued/2567/a.docx"}
    assert issued.detail["sha256"] == {"docx": "ab" * 32} and issued.detail["signer"] == "pranee"
    assert issued.at.tzinfo is not None
    assert abs((datetime.now(timezone.utc) - issued.at).total_seconds()) < 60


def test_readers_do_not_wait_for_an_open_issuing_transaction(reg, workspace, db_url):
    import time

    issue(reg, subject="ฉบับแรก")
    with Registry.open(workspace, db_url) as other:
        with reg.allocate(date=DAY) as alloc:
            began = time.monotonic()
            assert [hit.number for hit in other.search("ฉบับแรก")] == ["นค ๐๐๑๙/ ๑"]
            assert other.show("นค 0019/ 1")["status"] == "issued"
            assert len(other.audit_log()) == 2          # the open transaction is not visible
            assert [r.number for r in other.register_rows(2567)] == ["นค ๐๐๑๙/ ๑"]
            with Registry.open(workspace, db_url) as fresh:   # opening does not wait either
                assert fresh.show("นค0019/1")["subject"] == "ฉบับแรก"
            assert time.monotonic() - began < 5
            alloc.record(subject="ฉบับที่สอง")
        assert len(other.audit_log()) == 4


def test_record_unit_must_match_the_number(reg):
    with pytest.raises(UserError, match="taken for no unit, not unit '3'"):
        with reg.allocate(date=DAY) as alloc:
            alloc.record(subject="ก", unit="3")
    with reg.allocate(unit="3", date=DAY) as alloc:
        alloc.record(subject="ก", unit="๓")
    assert alloc.number_text == "นค ๐๐๑๙.๓/ ๑"


def test_a_register_busy_past_the_timeout_is_a_user_error(tmp_path, monkeypatch):
    import sqlite3

    from generator.registry import database, init_workspace

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)
    root = init_workspace(tmp_path / "ws").root
    holder = sqlite3.connect(root / "registry" / "register.sqlite", isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another process issuing a letter, say
        with Registry.open(root) as reg:
            with pytest.raises(UserError, match="stayed busy .* nothing was written"):
                issue(reg)
            assert reg.audit_log() == []       # reading still works meanwhile
        holder.execute("ROLLBACK")
        with Registry.open(root) as reg:
            assert issue(reg) == "นค ๐๐๑๙/ ๑"
    finally:
        holder.close()


def test_a_draft_is_issued_once_and_a_second_try_takes_no_number(reg):
    first = issue(reg, draft_id="a" * 32)
    assert reg.issued_from_draft("a" * 32) == first
    with pytest.raises(UserError, match=f"issued already, as {first}"):
        issue(reg, draft_id="a" * 32)
    assert issue(reg, draft_id="b" * 32) == "นค ๐๐๑๙/ ๒"
    assert [row[2:] for row in statuses(reg)] == [(1, "issued"), (2, "issued")]
    assert reg.issued_from_draft("c" * 32) is None
