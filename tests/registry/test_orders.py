"""Orders (คำสั่ง) in the register: their own series per office and calendar year, ``๑๒/๒๕๖๗``,
reserved and cancelled like letter numbers, in the export and ``verify``; on both backends."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from generator.errors import UserError
from generator.registry import Registry
from generator.registry.schema import ORDER, counters, letters

from . import workers
from .racing import race

DAY = date(2024, 10, 25)


def _issue(reg: Registry, **kw) -> str:
    with reg.allocate(date=kw.pop("date", DAY), **kw) as alloc:
        alloc.record(subject="แต่งตั้งคณะกรรมการ")
    return alloc.number_text


def test_orders_run_1_to_n_per_year_beside_the_letters(reg):
    orders = [_issue(reg, kind="order") for _ in range(3)]
    letter = _issue(reg, unit="3")
    circular = _issue(reg, unit="3", kind="circular")
    assert orders == ["๑/๒๕๖๗", "๒/๒๕๖๗", "๓/๒๕๖๗"]
    assert letter == "นค ๐๐๑๙.๓/ ๑" and circular == "นค ๐๐๑๙.๓/ว ๑"
    assert _issue(reg, kind="order", date=date(2025, 1, 2)) == "๑/๒๕๖๘"  # a new calendar year
    assert _issue(reg, kind="order", date=date(2024, 12, 31)) == "๔/๒๕๖๗"
    with reg.engine.connect() as connection:
        rows = connection.execute(sa.select(letters.c.running, letters.c.year, letters.c.number_key)
                                  .where(letters.c.series == ORDER)
                                  .order_by(letters.c.year, letters.c.running)).all()
    assert [tuple(r) for r in rows] == [(1, 2567, "1/2567"), (2, 2567, "2/2567"),
                                        (3, 2567, "3/2567"), (4, 2567, "4/2567"),
                                        (1, 2568, "1/2568")]
    assert reg.verify() == []
    register = reg.register_rows(2567)
    assert [r.number for r in register if r.number.startswith("คำสั่ง")] == [
        "คำสั่ง ๑/๒๕๖๗", "คำสั่ง ๒/๒๕๖๗", "คำสั่ง ๓/๒๕๖๗", "คำสั่ง ๔/๒๕๖๗"]
    assert reg.show("๒/๒๕๖๗")["series"] == ORDER


def test_an_order_number_is_reserved_cancelled_and_never_given_to_a_letter(reg):
    [reserved] = reg.reserve(kind="order", date=DAY)
    [letter_number] = reg.reserve(unit="3", date=DAY)
    assert reserved == "๑/๒๕๖๗"
    with pytest.raises(UserError, match="an order's number .*takes a letter's number"):
        _issue(reg, unit="3", reserved=reserved)
    with pytest.raises(UserError, match="a letter's number.*takes an order's number"):
        _issue(reg, kind="order", reserved=letter_number)
    assert _issue(reg, kind="order", reserved="1/2567") == "๑/๒๕๖๗"
    [spoilt] = reg.reserve(kind="order", date=DAY)
    assert reg.cancel(spoilt, "พิมพ์ผิด", kind="order") == "๒/๒๕๖๗"
    with pytest.raises(UserError, match="cancelled"):
        _issue(reg, kind="order", reserved=spoilt)
    assert _issue(reg, kind="order") == "๓/๒๕๖๗"        # a cancelled number is never reused
    assert reg.verify() == []
    actions = [r.action for r in reg.register_rows(2567) if r.number.startswith("คำสั่ง")]
    assert actions == ["ส่งแล้ว", "ยกเลิก", "ส่งแล้ว"]


def test_verify_finds_a_missing_order(reg):
    _issue(reg, kind="order")
    _issue(reg, kind="order")
    with reg.engine.begin() as connection:  # number 3 handed out, and no row for it
        connection.execute(sa.update(counters).where(counters.c.series == ORDER)
                           .values(last=counters.c.last + 1))
    [finding] = reg.verify()
    assert finding.problem == "gap" and "series order: number 3 of 1..3" in finding.detail


def test_several_offices_each_number_their_orders_from_one(tmp_path, db_url):
    from tests.conftest import copy_examples

    workspace = copy_examples(tmp_path / "examples")
    with Registry.open(workspace, db_url) as reg:
        numbers = [_issue(reg, kind="order", office_id=office)
                   for office in ("nk-cdd", "cc-cdd", "nk-cdd")]
        assert numbers == ["๑/๒๕๖๗", "๑/๒๕๖๗", "๒/๒๕๖๗"]
        with pytest.raises(UserError, match="several offices"):
            reg.cancel("1/2567", "ซ้ำ", kind="order")
        assert reg.cancel("1/2567", "ซ้ำ", kind="order", office_id="cc-cdd") == "๑/๒๕๖๗"


def test_a_bare_order_number_of_two_offices_is_shown_and_cited_by_office(tmp_path, db_url):
    """``๑/๒๕๖๗`` names no office: ``show`` and a reference are refused as ambiguous without
    one, the office given (or the citing document's) picks its own."""
    from tests.conftest import copy_examples

    workspace = copy_examples(tmp_path / "examples")
    with Registry.open(workspace, db_url) as reg:
        for office in ("nk-cdd", "cc-cdd"):
            with reg.allocate(date=DAY, kind="order", office_id=office) as alloc:
                alloc.record(subject=f"คำสั่งของ {office}")
        with pytest.raises(UserError) as refused:
            reg.show("1/2567")
        assert "several offices" in str(refused.value) and "give the office" in str(refused.value)
        with pytest.raises(UserError, match="matches 2 registered letters"):
            reg.resolve_reference("1/2567")
        for office in ("nk-cdd", "cc-cdd"):
            assert reg.show("๑/๒๕๖๗", office_id=office)["subject"] == f"คำสั่งของ {office}"
            assert reg.resolve_reference("1/2567", office_id=office).subject == \
                f"คำสั่งของ {office}"
        # an order of one office cites "1/2567": its own order becomes the register's edge
        with reg.allocate(date=DAY, kind="order", office_id="cc-cdd") as alloc:
            alloc.record(subject="แก้ไขคำสั่ง", references=["1/2567"])
        shown = reg.show("2/2567", office_id="cc-cdd")
        assert [c["subject"] for c in shown["cites"]] == ["คำสั่งของ cc-cdd"]
    from click.testing import CliRunner

    from generator.cli import main

    command = ["--workspace", str(workspace), *(["--registry", db_url] if db_url else []),
               "show", "1/2567"]
    shown = CliRunner().invoke(main, command + ["--office", "nk-cdd"])
    assert shown.exit_code == 0 and "คำสั่งของ nk-cdd" in shown.stdout, shown.output
    refused = CliRunner().invoke(main, command)
    assert refused.exit_code == 1 and "give the office" in refused.stderr


@pytest.mark.slow
def test_concurrent_orders_take_exactly_one_to_n(workspace, db_url, reg):
    processes_count, each = 4, 25
    taken = race(workers.allocate_orders, (str(workspace), db_url, each), processes_count)
    total = processes_count * each
    assert sorted(n for chunk in taken for n in chunk) == list(range(1, total + 1))
    with reg.engine.connect() as connection:
        assert connection.execute(sa.select(counters.c.last)
                                  .where(counters.c.series == ORDER)).scalar() == total
    assert reg.verify() == []


def test_announcements_have_a_series_of_their_own(reg):
    assert _issue(reg, kind="order") == "๑/๒๕๖๗"
    assert _issue(reg, kind="announcement") == "๑/๒๕๖๗"
    [reserved] = reg.reserve(kind="announcement", date=DAY)
    assert reserved == "๒/๒๕๖๗"
    with pytest.raises(UserError, match="an announcement's number .*takes an order's number"):
        _issue(reg, kind="order", reserved="ประกาศ 2/2567")
    assert reg.show("ประกาศ ๑/๒๕๖๗")["series"] == "announce"
    assert reg.show("๑/๒๕๖๗")["series"] == ORDER
    assert reg.cancel("ประกาศ ๒/๒๕๖๗", "ไม่ใช้", kind="announcement") == "๒/๒๕๖๗"
    assert reg.verify() == []
