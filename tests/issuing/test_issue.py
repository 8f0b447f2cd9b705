"""Issuing against the register contract (a stand-in register; LibreOffice replaced by a stand-in
PDF writer here — the real conversion has its own tests in test_pdf.py and test_examples.py)."""

from __future__ import annotations

import json
import hashlib
import importlib
import zipfile
from datetime import date

import docx
import pytest
from click.testing import CliRunner

from generator import issuing
from generator.docx import marks
from generator.errors import UserError
from generator.issuing import issue, letter_facts, stamp
from generator.thai.dates import bangkok_today

from .conftest import (BODY_TEXT, DATE_PLACEHOLDER, NUMBER_PLACEHOLDER, FakeRegistry, make_draft,
                       stand_in_soffice)

DAY = date(2024, 10, 25)


def _review(path, tmp_path):
    """What a reviewer does in Word: reword a paragraph and add one."""
    document = docx.Document(path)
    body = next(p for p in document.paragraphs if p.text == BODY_TEXT)
    for run in body.runs[1:]:
        run._r.getparent().remove(run._r)
    body.runs[0].text = "ตามหนังสือที่อ้างถึง จังหวัดหนองคายได้แจ้งแนวทางการดำเนินงานแล้ว นั้น (แก้ไข)"
    body.insert_paragraph_before("ย่อหน้าที่ผู้ตรวจเพิ่ม: ขอให้รายงานภายในวันที่ ๑๕ ของทุกเดือน")
    reviewed = tmp_path / "reviewed.docx"
    document.save(reviewed)
    return reviewed


def _all_text(path) -> str:
    document = docx.Document(path)
    parts = [p.text for p in document.paragraphs]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def _issued_files(workspace):
    issued = workspace / "output" / "issued"
    return sorted(p for p in issued.rglob("*") if p.is_file()) if issued.exists() else []


def test_a_reviewed_draft_keeps_its_edits_and_gets_number_and_date(tmp_path, fake_registry, fake_pdf):
    reviewed = _review(make_draft(tmp_path / "draft.docx"), tmp_path)
    letter = issue(reviewed, tmp_path, date=DAY, registry=fake_registry)

    assert letter.number == "นค ๐๐๑๙.๓/ว ๑"
    assert letter.docx == tmp_path / "output/issued/2567/นค0019.3-ว1.docx"
    text = _all_text(letter.docx)
    assert "ที่ นค ๐๐๑๙.๓/ว ๑" in text
    assert "๒๕ ตุลาคม ๒๕๖๗" in text
    assert "แนวทางการดำเนินงานแล้ว นั้น (แก้ไข)" in text
    assert "ย่อหน้าที่ผู้ตรวจเพิ่ม: ขอให้รายงานภายในวันที่ ๑๕ ของทุกเดือน" in text
    assert BODY_TEXT not in text
    assert marks.DRAFT_TEXT not in text and NUMBER_PLACEHOLDER not in text and DATE_PLACEHOLDER not in text
    with zipfile.ZipFile(letter.docx) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                assert b"gen-letter:" not in z.read(name), name  # no control left, draft mark gone
                assert b"PlaceholderText" not in z.read(name) or name == "word/styles.xml"


def test_only_the_parts_holding_the_marks_change(tmp_path, fake_registry, fake_pdf):
    reviewed = _review(make_draft(tmp_path / "draft.docx"), tmp_path)
    letter = issue(reviewed, tmp_path, date=DAY, registry=fake_registry)
    with zipfile.ZipFile(reviewed) as before, zipfile.ZipFile(letter.docx) as after:
        assert before.namelist() == after.namelist()
        changed = {n for n in before.namelist() if before.read(n) != after.read(n)}
    assert changed == {"word/document.xml", "word/header1.xml"}


def test_metadata_and_register_record(tmp_path, fake_registry, fake_pdf):
    letter = issue(make_draft(tmp_path / "draft.docx"), tmp_path, date=DAY, registry=fake_registry)
    meta = json.loads(letter.metadata.read_text(encoding="utf-8"))
    assert meta["number"] == "นค ๐๐๑๙.๓/ว ๑" and meta["date"] == "2024-10-25"
    assert meta["date_text"] == "๒๕ ตุลาคม ๒๕๖๗"
    assert meta["subject"].startswith("การขับเคลื่อนตำบลเข้มแข็ง")
    assert meta["office"]["id"] == "nk-cdd" and meta["unit"] == "3"
    # a registered number becomes an edge; an inline letter the register does not know does not
    assert [(r["number"], r["registered"]) for r in meta["references"]] == [
        ("นค 0019.3/ว 632", True), ("นข 0019/ว 1151", False)]
    assert meta["attachments"][0]["title"] == "เกณฑ์การประเมินผล"
    assert meta["spec"]["kind"] == "circular"
    for kind in ("docx", "pdf"):
        path = tmp_path / meta["files"][kind]
        assert meta["sha256"][kind] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert meta["issued"] and meta["created"]
    [record] = fake_registry.letters
    # the register also keeps the metadata's own checksum
    assert record["number"] == letter.number and record["sha256"] == dict(
        meta["sha256"], json=hashlib.sha256(letter.metadata.read_bytes()).hexdigest())
    assert record["files"]["docx"] == "output/issued/2567/นค0019.3-ว1.docx"
    assert record["references"] == [{"number": "นค 0019.3/ว 632", "year": None}]
    assert len(fake_pdf) == 1
    # no temporary folder left behind
    assert [p.name for p in (tmp_path / "output").iterdir()] == ["issued"]


def test_numbers_follow_on_and_the_date_defaults_to_today_in_bangkok(tmp_path, fake_registry, fake_pdf):
    first = issue(make_draft(tmp_path / "a.docx"), tmp_path, registry=fake_registry)
    second = issue(make_draft(tmp_path / "b.docx"), tmp_path, registry=fake_registry)
    assert (first.running, second.running) == (1, 2)
    assert first.date == bangkok_today()


def test_arabic_digit_offices_get_arabic_number_and_date(tmp_path, fake_pdf):
    registry = FakeRegistry(digit_style="arabic")
    letter = issue(make_draft(tmp_path / "d.docx"), tmp_path, date=DAY, registry=registry)
    text = _all_text(letter.docx)
    assert "ที่ นค 0019.3/ว 1" in text and "25 ตุลาคม 2567" in text


# --- failure part-way: nothing consumed, nothing left ------------------------------------------

def _assert_nothing_left(workspace):
    assert _issued_files(workspace) == []
    output = workspace / "output"
    assert not output.exists() or not [p for p in output.iterdir() if p.name.startswith(".issuing-")]


def test_pdf_failure_consumes_no_number_and_leaves_nothing(tmp_path, fake_registry, monkeypatch):
    stand_in_soffice(monkeypatch, tmp_path, "echo 'conversion failed' >&2\nexit 3")
    with pytest.raises(UserError, match="LibreOffice could not convert"):
        issue(make_draft(tmp_path / "d.docx"), tmp_path, date=DAY, registry=fake_registry)
    _assert_nothing_left(tmp_path)
    assert fake_registry.letters == [] and fake_registry.running == {}


def test_recording_failure_consumes_no_number_and_leaves_nothing(tmp_path, fake_pdf):
    registry = FakeRegistry(fail_on_record=True)
    with pytest.raises(RuntimeError):
        issue(make_draft(tmp_path / "d.docx"), tmp_path, date=DAY, registry=registry)
    _assert_nothing_left(tmp_path)
    registry.fail_on_record = False
    letter = issue(make_draft(tmp_path / "d.docx"), tmp_path, date=DAY, registry=registry)
    assert letter.running == 1  # the same number, not skipped


def test_failure_while_archiving_removes_what_was_moved(tmp_path, fake_registry, fake_pdf, monkeypatch):
    archive = importlib.import_module("generator.issuing.archive")
    real_rename = archive.rename_new
    seen = []

    def rename_then_fail(target):
        if target.suffix == ".json":
            raise OSError(28, "No space left on device")
        real_rename(target)
        seen.append(target)

    monkeypatch.setattr(archive, "rename_new", rename_then_fail)
    with pytest.raises(OSError):
        issue(make_draft(tmp_path / "d.docx"), tmp_path, date=DAY, registry=fake_registry)
    assert len(seen) == 2  # DOCX and PDF had reached the archive ...
    _assert_nothing_left(tmp_path)  # ... and were taken back out
    assert fake_registry.letters == [] and fake_registry.running == {}  # the number given back


# --- bad input -----------------------------------------------------------------------------------

def test_a_cancelled_number_is_refused(tmp_path, fake_registry, fake_pdf):
    fake_registry.cancelled.add("นค0019.3/ว15")
    with pytest.raises(UserError, match="cancelled"):
        issue(make_draft(tmp_path / "d.docx"), tmp_path, date=DAY, registry=fake_registry,
              number="นค 0019.3/ว 15")
    _assert_nothing_left(tmp_path)


def test_a_reserved_number_is_used(tmp_path, fake_registry, fake_pdf):
    fake_registry.reserved.add("นค0019.3/ว15")
    letter = issue(make_draft(tmp_path / "d.docx"), tmp_path, date=DAY, registry=fake_registry,
                   number="นค 0019.3/ว 15")
    assert letter.number == "นค ๐๐๑๙.๓/ว ๑๕" and "ที่ นค ๐๐๑๙.๓/ว ๑๕" in _all_text(letter.docx)


def test_a_file_that_is_not_a_docx(tmp_path, fake_registry, fake_pdf):
    path = tmp_path / "letter.docx"
    path.write_text("not a word file", encoding="utf-8")
    with pytest.raises(UserError, match="letter.docx: is not a DOCX"):
        issue(path, tmp_path, registry=fake_registry)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(UserError, match="broken.docx.*not a DOCX"):
        issue(broken, tmp_path, registry=fake_registry)
    _assert_nothing_left(tmp_path)


def test_a_docx_not_made_by_gen_letter(tmp_path, fake_registry, fake_pdf):
    plain = make_draft(tmp_path / "plain.docx", with_spec=False)
    with pytest.raises(UserError, match="plain.docx: was not made by gen-letter"):
        issue(plain, tmp_path, registry=fake_registry)
    _assert_nothing_left(tmp_path)


def test_a_draft_whose_number_control_was_deleted(tmp_path, fake_registry, fake_pdf):
    data = make_draft(tmp_path / "d.docx").read_bytes()
    once = stamp(data, "นค ๐๐๑๙.๓/ว ๑", "๑ ตุลาคม ๒๕๖๗")
    issued_again = tmp_path / "again.docx"
    issued_again.write_bytes(once)
    with pytest.raises(UserError, match="no number placeholder"):
        issue(issued_again, tmp_path, date=DAY, registry=fake_registry)
    assert fake_registry.running == {}


def test_an_existing_issued_file_is_never_overwritten(tmp_path, fake_registry, fake_pdf):
    target = tmp_path / "output/issued/2567/นค0019.3-ว1.pdf"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"the letter issued before")
    with pytest.raises(UserError, match="never overwritten"):
        issue(make_draft(tmp_path / "d.docx"), tmp_path, date=DAY, registry=fake_registry)
    assert target.read_bytes() == b"the letter issued before"
    assert _issued_files(tmp_path) == [target]
    assert fake_registry.running == {}


# --- the command line ----------------------------------------------------------------------------

@pytest.fixture
def cli(monkeypatch, fake_registry):
    """``gen-letter`` with the stand-in register behind ``Registry.open``."""
    from generator.cli import issuing as issuing_cli
    from generator.cli import main

    if "issue" not in main.commands:
        issuing_cli.register(main)
    import generator.registry as registry_package

    monkeypatch.setattr(registry_package.Registry, "open", classmethod(lambda cls, *a, **k: fake_registry),
                        raising=True)
    return lambda *args: CliRunner().invoke(main, list(map(str, args)))


def test_cli_prints_the_full_number(tmp_path, cli, fake_pdf):
    draft = make_draft(tmp_path / "d.docx")
    result = cli("--workspace", tmp_path, "issue", draft, "--date", "2024-10-25")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "นค ๐๐๑๙.๓/ว ๑"


def test_cli_json(tmp_path, cli, fake_pdf):
    draft = make_draft(tmp_path / "d.docx")
    result = cli("--workspace", tmp_path, "issue", draft, "--date", "2024-10-25", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["number"] == "นค ๐๐๑๙.๓/ว ๑"


@pytest.mark.parametrize("setup, expected", [
    (lambda p: p.write_text("plain text"), "is not a DOCX"),
    (lambda p: make_draft(p, with_spec=False), "was not made by gen-letter"),
])
def test_cli_bad_drafts_exit_1_with_one_line(tmp_path, cli, fake_pdf, setup, expected):
    path = tmp_path / "letter.docx"
    setup(path)
    result = cli("--workspace", tmp_path, "issue", path)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gen-letter: ") and expected in lines[0]
    assert "Traceback" not in result.output
    _assert_nothing_left(tmp_path)


def test_cli_impossible_date(tmp_path, cli, fake_pdf, fake_registry):
    result = cli("--workspace", tmp_path, "issue", make_draft(tmp_path / "d.docx"), "--date", "2024-02-30")
    assert result.exit_code == 1 and "--date" in result.stderr and "2024-02-30" in result.stderr
    assert fake_registry.running == {}


def test_cli_cancelled_number(tmp_path, cli, fake_pdf, fake_registry):
    fake_registry.cancelled.add("นค0019.3/ว15")
    result = cli("--workspace", tmp_path, "issue", make_draft(tmp_path / "d.docx"),
                 "--number", "นค 0019.3/ว 15")
    assert result.exit_code == 1 and "cancelled" in result.stderr
    assert _issued_files(tmp_path) == []


def test_letter_facts_of_an_ordinary_letter():
    facts = letter_facts({"kind": "letter", "subject": "ขอเชิญประชุม", "recipients": ["นายอำเภอเมือง"]})
    assert (facts.circular, facts.unit, facts.references, facts.attachments) == (False, None, [], [])
