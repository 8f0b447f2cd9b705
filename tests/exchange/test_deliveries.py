"""Deliveries recorded by hand (e-mail, paper, acknowledgements: ``gen-letter deliver``), the
recipient list checked between the draft and the issue, and the distribution page stamped with
the letter's number (real SQLite; stand-in PDFs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.docx.text import paragraphs
from generator.registry import Registry
from tests.exchange.test_distribution import DAY, listed, run, with_list, write_spec  # noqa: F401

LIST_FILE = Path("registry") / "recipients" / "udon-districts.yaml"


def deliver(ws: Path, *args):
    return run("--workspace", ws, "deliver", *args)


def records(ws: Path, number: str):
    with Registry.open(ws) as registry:
        return registry.deliveries(number)


def actions(ws: Path) -> list[str]:
    with Registry.open(ws) as registry:
        return [e.action for e in registry.audit_log()]


def test_paper_then_acknowledged_is_recorded_and_shown(workspace, listed):
    result = deliver(workspace, listed.number, "--to", "นายอำเภอเพ็ญ", "--to", "2",
                     "--by", "paper")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 2 and lines[0].split("\t")[1:3] == ["นายอำเภอเพ็ญ", "paper"]
    second = records(workspace, listed.number)[1]
    assert lines[1].startswith("2.\t" + second.recipient + "\tpaper\t")
    result = deliver(workspace, listed.number, "--to", "นายอำเภอ เพ็ญ", "--acknowledged",
                     "--receipt", "1234/2567")
    assert result.exit_code == 0, result.output
    rows = {d.recipient: d for d in records(workspace, listed.number)}
    pen = rows["นายอำเภอเพ็ญ"]
    assert (pen.method, pen.their_receipt) == ("paper", "1234/2567")
    assert pen.sent_at is not None and pen.acknowledged_at is not None
    assert sum(1 for d in rows.values() if d.sent_at) == 2
    assert actions(workspace)[-2:] == ["send", "acknowledge"]
    shown = run("--workspace", workspace, "show", listed.number).output
    assert "deliveries: 20 (2 sent, 1 acknowledged)" in shown
    line = next(x for x in shown.splitlines() if "\tนายอำเภอเพ็ญ\t" in x)
    assert line.split("\t")[2] == "paper" and line.endswith("\t1234/2567")


def test_all_by_email_acknowledged_at_once(workspace, listed):
    result = deliver(workspace, listed.number, "--all", "--by", "email", "--acknowledged")
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 20
    rows = records(workspace, listed.number)
    assert all(d.method == "email" and d.sent_at and d.acknowledged_at for d in rows)
    shown = run("--workspace", workspace, "show", listed.number).output
    assert "deliveries: 20 (20 sent, 20 acknowledged)" in shown


REFUSED = [
    (["--to", "นายอำเภอเมืองหนองคาย", "--by", "paper"], ["recipient", "นายอำเภอเมืองหนองคาย",
                                                   "not among"]),
    (["--to", "นายอำเภอเพ็ญ", "--acknowledged"], ["นายอำเภอเพ็ญ", "not recorded as sent"]),
    (["--to", "นายอำเภอเพ็ญ"], ["method", "how"]),
    (["--to", "นายอำเภอเพ็ญ", "--by", "paper", "--receipt", "12"], ["their_receipt"]),
    (["--to", "นายอำเภอเพ็ญ", "--to", "นายอำเภอเมืองหนองคาย", "--by", "email"], ["นายอำเภอเมืองหนองคาย"]),
]


@pytest.mark.parametrize("args, words", REFUSED)
def test_a_refused_delivery_is_one_line_and_records_nothing(workspace, listed, args, words):
    before = actions(workspace)
    result = deliver(workspace, listed.number, *args)
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    for word in words:
        assert word in lines[0]
    assert all(d.sent_at is None and d.acknowledged_at is None
               for d in records(workspace, listed.number))
    assert actions(workspace) == before


def test_sent_or_acknowledged_once_only(workspace, listed):
    assert run("--workspace", workspace, "export", "ecms", listed.number,
               "--to", "นายอำเภอเพ็ญ").exit_code == 0
    again = deliver(workspace, listed.number, "--to", "นายอำเภอเพ็ญ", "--by", "paper")
    assert again.exit_code == 1 and "sent already (ecms" in again.output
    assert deliver(workspace, listed.number, "--to", "นายอำเภอเพ็ญ", "--acknowledged"
                   ).exit_code == 0
    twice = deliver(workspace, listed.number, "--to", "นายอำเภอเพ็ญ", "--acknowledged")
    assert twice.exit_code == 1 and "acknowledged already" in twice.output
    pen = next(d for d in records(workspace, listed.number) if d.recipient == "นายอำเภอเพ็ญ")
    assert pen.method == "ecms" and pen.message_id  # the e-CMS record is kept as it was


def test_to_and_all_are_a_usage_error_and_an_unknown_number_one_line(workspace, listed):
    both = deliver(workspace, listed.number, "--to", "นายอำเภอเพ็ญ", "--all", "--by", "paper")
    neither = deliver(workspace, listed.number, "--by", "paper")
    assert both.exit_code == neither.exit_code == 2
    unknown = deliver(workspace, "นค ๐๐๑๙.๓/ว ๙๙", "--all", "--by", "paper")
    assert unknown.exit_code == 1 and len(unknown.output.strip().splitlines()) == 1
    assert "email" in run("--workspace", workspace, "deliver", "--help").output


def make_draft(ws: Path, *, again: bool = False) -> Path:
    if not again:
        with_list(ws)
    spec = write_spec(ws)
    made = run("--workspace", ws, "new", spec, *(["--force"] if again else []))
    assert made.exit_code == 0, made.output
    return Path(made.output.splitlines()[0])


def test_a_list_changed_between_new_and_issue_is_refused_naming_the_list(workspace):
    draft = make_draft(workspace)
    listed = workspace / LIST_FILE
    listed.write_text(listed.read_text(encoding="utf-8").replace(
        "นายอำเภอเพ็ญ", "นายอำเภอเพ็ญ (รักษาการ)", 1), encoding="utf-8")
    result = run("--workspace", workspace, "issue", draft, "--date", DAY.isoformat())
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"gen-letter: {listed}: "), result.output
    assert "changed since the draft" in lines[0] and draft.name in lines[0]
    assert actions(workspace) == []          # no number taken
    assert not (workspace / "output" / "issued").exists() or \
        not any((workspace / "output" / "issued").rglob("*.pdf"))
    again = make_draft(workspace, again=True)           # made anew from the list as it is now: issued
    result = run("--workspace", workspace, "issue", again, "--date", DAY.isoformat())
    assert result.exit_code == 0, result.output
    number = result.output.splitlines()[0].strip()
    assert any("(รักษาการ)" in d.recipient for d in records(workspace, number))


def test_a_draft_issued_with_its_list_unchanged(workspace):
    draft = make_draft(workspace)
    result = run("--workspace", workspace, "issue", draft, "--date", DAY.isoformat())
    assert result.exit_code == 0, result.output


def test_the_distribution_page_prints_the_letters_number_and_date(workspace, listed):
    text = [p for p in paragraphs(listed.bundle.read_bytes()) if p.strip()]
    line = f"แนบท้ายหนังสือ ที่ {listed.number} ลงวันที่ {listed.date_text}"
    title = text.index("บัญชีรายชื่อผู้รับหนังสือ")
    assert line in text[title:title + 3], text[title:title + 4]
    assert "........" not in "".join(text)


def test_the_draft_distribution_page_holds_the_placeholders(workspace):
    draft = make_draft(workspace)
    bundle = draft.with_name(draft.stem + ".bundle.docx")
    text = paragraphs(bundle.read_bytes())
    assert "แนบท้ายหนังสือ ที่ ........ ลงวันที่ ........" in text
