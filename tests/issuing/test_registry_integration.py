"""Issuing against the real register, on SQLite and on PostgreSQL (the register tests' throw-away
schemas; skipped with the reason when no server answers), in a workspace made by
``init_workspace``.

LibreOffice is replaced by a stand-in PDF writer here; test_pdf.py and test_examples.py run it.
"""

from __future__ import annotations

import copy
from datetime import date

import pytest
from click.testing import CliRunner

from generator.errors import UserError
from generator.issuing import issue
from generator.registry import Registry, init_workspace

from .conftest import SPEC, make_draft, stand_in_soffice

DAY = date(2024, 10, 25)


@pytest.fixture(params=[pytest.param("sqlite", id="sqlite"),
                        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres)])
def workspace(request, tmp_path, monkeypatch):
    if request.param == "sqlite":
        yield init_workspace(tmp_path / "ws").root
        return
    from tests.registry.conftest import fresh_pg_schema

    with fresh_pg_schema() as pg_url:
        root = init_workspace(tmp_path / "ws", url=pg_url).root
        real_open = Registry.open.__func__
        # Every Registry.open of this workspace (ours and the command line's) uses the server.
        monkeypatch.setattr(Registry, "open", classmethod(
            lambda cls, ws, url=None: real_open(cls, ws, url or pg_url)))
        yield root


def _spec(**changes):
    spec = copy.deepcopy(SPEC)
    spec["references"] = []
    spec.update(changes)
    return spec


def _issue(workspace, spec=None, **kwargs):
    draft = make_draft(workspace / "output" / "drafts" / "d.docx", spec or _spec())
    with Registry.open(workspace) as registry:
        return issue(draft, workspace, date=DAY, registry=registry, **kwargs)


def test_issue_records_the_letter_its_files_and_its_references(workspace, fake_pdf):
    first = _issue(workspace)
    assert first.number == "นค ๐๐๑๙.๓/ว ๑"
    second = _issue(workspace, _spec(subject="ติดตามผล", references=[{"number": "นค 0019.3/ว 1"}]))
    assert second.number == "นค ๐๐๑๙.๓/ว ๒"
    with Registry.open(workspace) as registry:
        shown = registry.show(second.number)
        cited_by = registry.show(first.number)["cited_by"]
    assert [c["number"] for c in shown["cites"]] == [first.number]
    assert [c["number"] for c in cited_by] == [second.number]
    assert shown["subject"] == "ติดตามผล"
    assert "output/issued/2567/นค0019.3-ว2.docx" in str(shown)
    assert second.sha256["docx"] in str(shown)


def test_a_failure_part_way_consumes_no_number(workspace, monkeypatch):
    stand_in_soffice(monkeypatch, workspace, "exit 1")
    with pytest.raises(UserError, match="LibreOffice could not convert"):
        _issue(workspace)
    assert not any((workspace / "output" / "issued").rglob("*.*"))
    from generator import pdf

    def stand_in(pairs, **_kw):
        for _docx_path, pdf_path in pairs:
            pdf_path.write_bytes(b"%PDF-1.7\n%%EOF\n")
        return pdf.Conversion([p for _d, p in pairs])

    monkeypatch.setattr(pdf, "convert", stand_in)
    assert _issue(workspace).number == "นค ๐๐๑๙.๓/ว ๑"  # the number was not consumed


def test_the_number_after_a_failure_is_the_same(workspace, fake_pdf, monkeypatch):
    from generator import issuing

    def broken(*_a, **_k):
        raise UserError("the DOCX package is not valid: test")

    monkeypatch.setattr(issuing, "check_package", broken)
    with pytest.raises(UserError, match="not valid"):
        _issue(workspace)
    monkeypatch.setattr(issuing, "check_package", lambda *a, **k: None)
    assert _issue(workspace).number == "นค ๐๐๑๙.๓/ว ๑"
    assert sorted(p.name for p in (workspace / "output/issued/2567").iterdir()) == [
        "นค0019.3-ว1.docx", "นค0019.3-ว1.json", "นค0019.3-ว1.pdf"]


def test_an_unknown_reference_is_an_error_and_consumes_nothing(workspace, fake_pdf):
    with pytest.raises(UserError, match="references"):
        _issue(workspace, _spec(references=[{"number": "นข 0019/ว 632"}]))
    assert not any((workspace / "output" / "issued").rglob("*.*"))
    assert _issue(workspace).running == 1


def test_reserved_and_cancelled_numbers(workspace, fake_pdf):
    with Registry.open(workspace) as registry:
        kept, spoilt = registry.reserve(2, unit="3", circular=True, date=DAY)
        registry.cancel(spoilt, reason="พิมพ์ผิด")
    with pytest.raises(UserError, match="cancelled"):
        _issue(workspace, number=spoilt)
    assert _issue(workspace, number=kept).number == kept


def _cli(workspace, *args):
    from generator.cli import issuing as issuing_cli
    from generator.cli import main

    if "issue" not in main.commands:
        issuing_cli.register(main)
    return CliRunner().invoke(main, ["--workspace", str(workspace), "issue", *map(str, args)])


def test_cli_with_the_real_register(workspace, fake_pdf):
    draft = make_draft(workspace / "d.docx", _spec())
    result = _cli(workspace, draft, "--date", "2024-10-25")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "นค ๐๐๑๙.๓/ว ๑"
    with Registry.open(workspace) as registry:
        kept, spoilt = registry.reserve(2, unit="3", circular=True, date=DAY)
        registry.cancel(spoilt, reason="พิมพ์ผิด")
    result = _cli(workspace, draft, "--date", "2024-10-25", "--number", spoilt)
    assert result.exit_code == 1
    assert result.stderr.startswith("gen-letter: ") and "cancelled" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert len(list((workspace / "output/issued/2567").iterdir())) == 3


def test_an_inline_letter_unknown_to_the_register_is_cited_without_an_edge(workspace, fake_pdf):
    inline = {"number": "นข 0019/ว 1151", "agency": "จังหวัดเชียงใหม่", "date": "2023-02-20"}
    letter = _issue(workspace, _spec(references=[inline]))
    meta = letter.as_json()
    assert meta["references"] == [dict(inline, registered=False)]
    with Registry.open(workspace) as registry:
        assert registry.show(letter.number)["cites"] == []


def test_the_spec_date_is_the_default(workspace, fake_pdf):
    draft = make_draft(workspace / "d.docx", _spec(date="2024-12-30"))
    with Registry.open(workspace) as registry:
        letter = issue(draft, workspace, registry=registry)
    assert letter.date == date(2024, 12, 30) and letter.year == 2567
    assert letter.as_json()["date_text"] == "๓๐ ธันวาคม ๒๕๖๗"


def test_the_register_keeps_subject_and_recipients_as_the_letter_prints_them(workspace, fake_pdf):
    """Authors type Arabic digits; the letter and the register show the office's Thai digits,
    and a search typed either way finds the letter."""
    letter = _issue(workspace, _spec(subject="แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. 2568",
                                     recipient="นายอำเภอ 7 อำเภอ"))
    with Registry.open(workspace) as registry:
        shown = registry.show(letter.number)
        found_arabic = [hit.number for hit in registry.search("พ.ศ. 2568")]
        found_thai = [hit.number for hit in registry.search("พ.ศ. ๒๕๖๘")]
    assert shown["subject"] == "แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
    assert shown["recipients"] == ["นายอำเภอ ๗ อำเภอ"]
    assert found_arabic == found_thai == [letter.number]


BAD_SPECS = {
    "unknown signer": ("signer: nobody\n", ["signer", "unknown signer 'nobody'"]),
    "unregistered reference": ("signer: pranee\nreferences:\n  - นข 0019/ว 632\n",
                               ["references[0]", "is not a registered letter"]),
}


@pytest.mark.parametrize("case", sorted(BAD_SPECS))
def test_issue_of_a_bad_spec_is_one_line_and_consumes_nothing(workspace, fake_pdf, case):
    tail, words = BAD_SPECS[case]
    spec = workspace / "bad.yaml"
    spec.write_text("kind: circular\nunit: 3\nrecipient: นายอำเภอ\nsubject: ทดสอบ\n"
                    "body: [ข้อความ]\nclosing: เพื่อโปรดทราบ\n" + tail, encoding="utf-8")
    result = _cli(workspace, spec, "--date", "2024-10-25")
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"gen-letter: {spec}:")
    assert all(word in lines[0] for word in words), lines[0]
    assert "Traceback" not in result.output
    assert not (workspace / "output" / "issued").exists() or \
        not any((workspace / "output" / "issued").rglob("*"))
    with Registry.open(workspace) as registry:
        assert registry.audit_log() == []
    assert _issue(workspace).number == "นค ๐๐๑๙.๓/ว ๑"


def test_a_reviewed_draft_is_issued_once(workspace, fake_pdf):
    """Running issue twice on the same draft is refused and takes no second number; a new
    draft of the same spec is a new letter."""
    spec = workspace / "circular.yaml"
    spec.write_text("kind: circular\nunit: 3\nrecipient: นายอำเภอ\nsubject: ทดสอบ\n"
                    "body: [ข้อความ]\nclosing: เพื่อโปรดทราบ\nsigner: pranee\n", encoding="utf-8")
    from generator.render import render_draft

    draft = render_draft(spec, workspace)
    assert _cli(workspace, draft, "--date", "2024-10-25").stdout.strip() == "นค ๐๐๑๙.๓/ว ๑"
    again = _cli(workspace, draft, "--date", "2024-10-25")
    assert again.exit_code == 1
    lines = again.stderr.strip().splitlines()
    assert len(lines) == 1 and "was issued already, as นค ๐๐๑๙.๓/ว ๑" in lines[0]
    archived = sorted(p.name for p in (workspace / "output" / "issued" / "2567").iterdir())
    assert archived == ["นค0019.3-ว1.docx", "นค0019.3-ว1.json", "นค0019.3-ว1.pdf"]
    issued = workspace / "output" / "issued" / "2567" / "นค0019.3-ว1.docx"
    assert _cli(workspace, issued, "--date", "2024-10-25").exit_code == 1  # nor its issued copy
    fresh = render_draft(spec, workspace, overwrite=True)
    assert _cli(workspace, fresh, "--date", "2024-10-25").stdout.strip() == "นค ๐๐๑๙.๓/ว ๒"


def test_a_number_used_in_two_years_is_cited_by_its_date(workspace, fake_pdf):
    """Running numbers restart every year: citing a number that two years used needs the date,
    which picks the letter; without it the error says so, and nothing is taken."""
    def issue_on(when):
        draft = make_draft(workspace / "output" / "drafts" / f"{when}.docx", _spec())
        with Registry.open(workspace) as registry:
            return issue(draft, workspace, date=when, registry=registry)

    older, newer = issue_on(date(2024, 10, 25)), issue_on(date(2025, 1, 10))
    assert older.number == newer.number == "นค ๐๐๑๙.๓/ว ๑"
    spec = workspace / "cite.yaml"
    head = ("kind: circular\nunit: 3\nrecipient: นายอำเภอ\nsubject: ติดตามผล\n"
            "body: [ตามหนังสือที่อ้างถึง]\nclosing: เพื่อโปรดทราบ\nsigner: pranee\n")
    spec.write_text(head + "references:\n  - นค 0019.3/ว 1\n", encoding="utf-8")
    result = _cli(workspace, spec, "--date", "2025-02-03")
    assert result.exit_code == 1
    assert "matches 2 registered letters" in result.stderr and "date" in result.stderr
    spec.write_text(head + "references:\n  - {number: นค 0019.3/ว 1, date: 2024-10-25}\n",
                    encoding="utf-8")
    result = _cli(workspace, spec, "--date", "2025-02-03")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "นค ๐๐๑๙.๓/ว ๒"
    with Registry.open(workspace) as registry:
        cites = registry.show("นค 0019.3/ว 2", year=2568)["cites"]
        cited_by_older = registry.show(older.number, year=2567)["cited_by"]
        cited_by_newer = registry.show(newer.number, year=2568)["cited_by"]
    assert [(c["number"], c["date"]) for c in cites] == [("นค ๐๐๑๙.๓/ว ๑", "2024-10-25")]
    assert [c["number"] for c in cited_by_older] == ["นค ๐๐๑๙.๓/ว ๒"]
    assert cited_by_newer == []
