"""Incoming letters, references, reference lines, show and threads (both backends)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from generator.errors import UserError
from tests.conftest import seed_path

from .test_numbering import DAY, issue

BANGKOK = timezone(timedelta(hours=7))


def receive_seed_references(reg):
    """The two letters seed 000 cites, as received from Chiang Mai."""
    first = reg.receive(their_number="นข ๐๐๑๙/ว ๖๓๒", their_date=date(2023, 1, 31),
                        sender="จังหวัดเชียงใหม่", subject="การขับเคลื่อนตำบลเข้มแข็ง",
                        speed="ด่วนที่สุด", recipient="นายอำเภอ",
                        received_at=datetime(2023, 2, 1, 9, 0, tzinfo=BANGKOK))
    second = reg.receive(their_number="นข 0019/ว 1151", their_date="2023-02-20",
                         sender="จังหวัดเชียงใหม่", subject="แนวทางการคัดสรรกิจกรรมดีเด่น",
                         received_at=datetime(2023, 2, 21, 9, 0, tzinfo=BANGKOK))
    return first, second


def test_receive_gives_our_receipt_numbers_per_year(reg):
    first, second = receive_seed_references(reg)
    assert (first.receipt_no, first.receipt_year, first.receipt_text) == (1, 2566, "๑/๒๕๖๖")
    assert second.receipt_text == "๒/๒๕๖๖"
    # 31 Dec 2566, 23:30 in Bangkok is still 2566; 17:30 UTC that day is 00:30 on 1 Jan 2567.
    late = reg.receive(their_number=None, their_date=None, sender="นายสมศักดิ์",
                       subject="ร้องเรียน",
                       received_at=datetime(2023, 12, 31, 23, 30, tzinfo=BANGKOK))
    new_year = reg.receive(their_number="", their_date=None, sender="นายสมศักดิ์",
                           subject="ร้องเรียนอีกครั้ง",
                           received_at=datetime(2023, 12, 31, 17, 30, tzinfo=timezone.utc))
    assert (late.receipt_no, late.receipt_year) == (3, 2566)
    assert (new_year.receipt_no, new_year.receipt_year) == (1, 2567)
    assert [e.action for e in reg.audit_log()] == ["receive"] * 4


def test_receive_checks_its_input_and_writes_nothing_on_error(reg):
    receive_seed_references(reg)
    with pytest.raises(UserError, match="already received as 1/2566"):
        reg.receive(their_number="นข0019/ว632", their_date="2023-01-31", sender="จังหวัดเชียงใหม่",
                    subject="ซ้ำ")
    with pytest.raises(UserError, match="sender: is required"):
        reg.receive(their_number="นข 0019/ว 7", their_date=None, sender=" ", subject="ก")
    with pytest.raises(UserError, match="speed class"):
        reg.receive(their_number="นข 0019/ว 7", their_date=None, sender="ก", subject="ก",
                    speed="ด่วนจี๋")
    assert len(reg.audit_log()) == 2


def test_reference_line_reproduces_seed_000(reg):
    receive_seed_references(reg)
    seed = seed_path("000").read_text(encoding="utf-8")
    for typed in ("นข 0019/ว 632", "นข0019/ว1151"):
        line = reg.reference_line(reg.resolve_reference(typed))
        assert line in seed, line
    assert (reg.reference_line(reg.resolve_reference("นข ๐๐๑๙/ว ๖๓๒"))
            == "หนังสือจังหวัดเชียงใหม่ ด่วนที่สุด ที่ นข ๐๐๑๙/ว ๖๓๒ ลงวันที่ ๓๑ มกราคม ๒๕๖๖")
    assert (reg.reference_line(reg.resolve_reference("นข 0019/ว 632"), digit_style="arabic")
            == "หนังสือจังหวัดเชียงใหม่ ด่วนที่สุด ที่ นข 0019/ว 632 ลงวันที่ 31 มกราคม 2566")


def test_our_own_letters_can_be_cited(reg):
    first = issue(reg, unit="3", circular=True, subject="การขับเคลื่อนตำบลเข้มแข็ง", speed="ด่วน")
    ref = reg.resolve_reference("นค0019.3/ว1")
    assert (ref.kind, ref.number, ref.agency, ref.date) == ("letter", first, "จังหวัดหนองคาย", DAY)
    assert (reg.reference_line(ref)
            == "หนังสือจังหวัดหนองคาย ด่วน ที่ นค ๐๐๑๙.๓/ว ๑ ลงวันที่ ๒๕ ตุลาคม ๒๕๖๗")


def test_reserved_and_cancelled_numbers_cannot_be_cited(reg):
    kept, spoilt = reg.reserve(2, date=DAY)
    reg.cancel(spoilt, reason="เสีย")
    with pytest.raises(UserError, match="reserved but not issued"):
        reg.resolve_reference(kept)
    with pytest.raises(UserError, match="is cancelled"):
        reg.resolve_reference(spoilt)
    with pytest.raises(UserError, match="not a registered letter"):
        reg.resolve_reference("นข 0019/ว 1")


def test_show_lists_files_attachments_citations_both_ways(reg):
    receive_seed_references(reg)
    first = issue(reg, unit="3", circular=True, subject="การขับเคลื่อนตำบลเข้มแข็ง",
                  references=["นข ๐๐๑๙/ว ๖๓๒", "นข 0019/ว 1151"], signer="pranee",
                  files={"docx": "output/issued/2567/a.docx", "pdf": "output/issued/2567/a.pdf"},
                  sha256={"docx": "0" * 64},
                  attachments=[{"title": "เกณฑ์การประเมินผล", "quantity": 1, "unit": "ชุด",
                                "file": "attachments/criteria.yaml",
                                "archived": "output/issued/2567/a.att1.docx", "sha256": "a" * 64},
                               {"title": "แบบรายงาน", "url": "https://forms.gle/abc123"}])
    second = issue(reg, unit="3", subject="ติดตามผล", references=[first])
    shown = reg.show("นค 0019.3/ว 1")
    assert shown["number"] == first and shown["status"] == "issued"
    assert shown["signer"] == "pranee" and shown["date"] == "2024-10-25"
    assert shown["files"]["pdf"] == "output/issued/2567/a.pdf"
    assert shown["sha256"] == {"docx": "0" * 64}
    assert shown["attachments"] == [
        {"title": "เกณฑ์การประเมินผล", "quantity": 1, "unit": "ชุด",
         "file": "attachments/criteria.yaml", "url": None,
         "archived": "output/issued/2567/a.att1.docx", "sha256": "a" * 64},
        {"title": "แบบรายงาน", "quantity": None, "unit": None, "file": None,
         "url": "https://forms.gle/abc123", "archived": None, "sha256": None}]
    assert [c["number"] for c in shown["cites"]] == ["นข ๐๐๑๙/ว ๖๓๒", "นข ๐๐๑๙/ว ๑๑๕๑"]
    assert [c["number"] for c in shown["cited_by"]] == [second]
    incoming = reg.show("นข 0019/ว 632")
    assert incoming["kind"] == "incoming" and incoming["receipt"] == "๑/๒๕๖๖"
    assert [c["number"] for c in incoming["cited_by"]] == [first]
    with pytest.raises(UserError, match="not in the register"):
        reg.show("นค 0019/ 77")


def test_thread_follows_references_transitively_both_ways(reg):
    receive_seed_references(reg)
    a = issue(reg, subject="หนึ่ง", references=["นข 0019/ว 632"], date=date(2024, 1, 10))
    b = issue(reg, subject="สอง", references=[a], date=date(2024, 2, 10))
    c = issue(reg, subject="สาม", references=[b, "นข 0019/ว 1151"], date=date(2024, 3, 10))
    unrelated = issue(reg, subject="อื่น", date=date(2024, 4, 10))
    for start in ("นข 0019/ว 632", a, c, "นข 0019/ว 1151"):
        thread = reg.show(start, thread=True)["thread"]
        assert [item["number"] for item in thread] == [
            "นข ๐๐๑๙/ว ๖๓๒", "นข ๐๐๑๙/ว ๑๑๕๑", a, b, c], start
    assert [item["number"] for item in reg.show(unrelated, thread=True)["thread"]] == [unrelated]
    by_number = {item["number"]: item for item in reg.show(a, thread=True)["thread"]}
    assert by_number[c]["cites"] == [b, "นข ๐๐๑๙/ว ๑๑๕๑"]
    assert "thread" not in reg.show(a)


def test_a_letter_cannot_cite_itself_or_an_ambiguous_number(reg):
    with pytest.raises(UserError, match="cannot cite itself"):
        issue(reg, references=["นค0019/1"])
    issue(reg, date=date(2024, 5, 1))
    issue(reg, date=date(2025, 5, 1))
    with pytest.raises(UserError, match="matches 2 registered letters"):
        reg.resolve_reference("นค 0019/ 1")
    assert reg.resolve_reference("นค 0019/ 1", year=2568).date == date(2025, 5, 1)


def test_offices_sharing_one_register_cite_each_other(tmp_path, workspace, db_url):
    """Another office's workspace on the same database (a province's shared server): its
    letters keep their agency even though this workspace has no profile for that office."""
    from generator.registry import Registry, database
    from generator.registry.workspace import EXAMPLE_PROFILE

    url = db_url or database.sqlite_url(workspace / "registry" / "register.sqlite")
    other = tmp_path / "chiang-mai"
    (other / "registry").mkdir(parents=True)
    (other / "registry" / "office.yaml").write_text(
        EXAMPLE_PROFILE.replace("id: nk-cdd", "id: cm-cdd")
        .replace("code: นค 0019", "code: ชม 0019")
        .replace("agency: จังหวัดหนองคาย", "agency: จังหวัดเชียงใหม่"), encoding="utf-8")
    with Registry.open(other, url) as theirs:
        cited = issue(theirs, circular=True, subject="ตำบลเข้มแข็ง", speed="ด่วนที่สุด",
                      date=date(2023, 1, 31))
    assert cited == "ชม ๐๐๑๙/ว ๑"
    with Registry.open(workspace, db_url) as ours:
        assert list(ours.offices) == ["nk-cdd"]
        ours_number = issue(ours, circular=True, references=["ชม0019/ว1"])
        assert ours_number == "นค ๐๐๑๙/ว ๑"     # each office code has its own series
        line = ours.reference_line(ours.resolve_reference("ชม 0019/ว 1"))
        assert line == "หนังสือจังหวัดเชียงใหม่ ด่วนที่สุด ที่ ชม ๐๐๑๙/ว ๑ ลงวันที่ ๓๑ มกราคม ๒๕๖๖"
        assert ours.show(cited)["from"] == "จังหวัดเชียงใหม่"
