"""The LibreOffice that stays up: reused, started afresh after a crash, a batch on two offices,
and the ``soffice --convert-to`` way where no Python has LibreOffice's ``uno`` module."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from generator import pdf
from generator.pdf import office
from generator.pdf.marks import continuation_marks, mark_text

from tests.issuing.conftest import make_draft, soffice_or_skip


def _uno_or_skip() -> None:
    soffice_or_skip()
    if office.uno_python() is None:
        pytest.skip("no Python with LibreOffice's uno module (Debian: python3-uno)")


def _text(made: Path) -> str:
    return subprocess.run(["pdftotext", str(made), "-"], capture_output=True, text=True,
                          check=True).stdout


def _group_members(leader: int) -> list[int]:
    """The processes of a process group but its leader (LibreOffice under its UNO worker)."""
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != leader:
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == leader:
                members.append(int(entry.name))
    return members


@pytest.mark.libreoffice
def test_one_office_is_reused_and_started_afresh_after_a_crash(tmp_path):
    _uno_or_skip()
    draft = make_draft(tmp_path / "a.docx", body=["ย่อหน้าที่หนึ่ง " * 30])
    pdf.to_pdf(draft, tmp_path / "a.pdf")
    [running] = office.OFFICES.get(pdf.soffice_command(), _env_of_last(), 1)
    worker = running.process.pid
    pdf.to_pdf(draft, tmp_path / "b.pdf")
    assert running.process.pid == worker  # the same LibreOffice converted both
    soffice = _group_members(worker)
    assert soffice
    for pid in soffice:  # LibreOffice crashes; its worker stays
        os.kill(pid, signal.SIGKILL)
    pdf.to_pdf(draft, tmp_path / "c.pdf")  # tried again on a fresh LibreOffice
    assert running.process.pid != worker
    assert "ย่อหน้าที่หนึ่ง" in _text(tmp_path / "c.pdf")
    assert pdf.pdfa_identification(tmp_path / "c.pdf") == ("2", "B")


def _env_of_last() -> dict[str, str]:
    """The environment the offices of this process run under (one set at a time)."""
    [(_program, fontconfig)] = office.OFFICES._offices.keys()
    return {"FONTCONFIG_FILE": fontconfig} if fontconfig else {}


@pytest.mark.libreoffice
def test_a_batch_on_two_offices_keeps_the_order(tmp_path):
    _uno_or_skip()
    words = ["ขอนแก่น", "เชียงใหม่", "สงขลา"]
    drafts = [make_draft(tmp_path / f"{n}.docx", body=[f"จังหวัด{w} " * 20])
              for n, w in enumerate(words)]
    result = pdf.convert_many([(d, tmp_path / "out" / f"{d.stem}.pdf") for d in drafts], workers=2)
    assert [p.name for p in result.pdfs] == ["0.pdf", "1.pdf", "2.pdf"]
    for made, word in zip(result.pdfs, words):
        assert word in _text(made)
        assert pdf.pdfa_identification(made) == ("2", "B")
    assert len(office.OFFICES._offices[next(iter(office.OFFICES._offices))]) >= 2


@pytest.mark.libreoffice
def test_without_uno_the_pdf_is_made_by_soffice_convert_to(tmp_path, monkeypatch):
    soffice_or_skip()
    monkeypatch.setattr(office, "uno_python", lambda: None)
    draft = make_draft(tmp_path / "a.docx", body=["ย่อหน้าที่หนึ่ง " * 30])
    made = pdf.to_pdf(draft, tmp_path / "a.pdf").pdfs[0]
    assert pdf.pdfa_identification(made) == ("2", "B")
    assert "ย่อหน้าที่หนึ่ง" in _text(made)


@pytest.mark.parametrize("start, mark", [
    ("๓. ประเมินผลการพัฒนาตำบลเป้าหมาย", "/๓. ประเมินผล..."),  # as seed 000 has it
    ("๓.๔ ประกาศรับรองการคัดเลือก", "/๓.๔ ประกาศ..."),
    ("(๑) การดำเนินงาน", "/(๑) การ..."),
    ("๗) click ชุมชน", "/๗) click..."),
    ("เศรษฐกิจพอเพียง และประกาศวาระ", "/เศรษฐกิจพอเพียง..."),
    ("และกำหนดพื้นที่", "/และกำหนด..."),
    ("๒๕๖๘", "/๒๕๖๘..."),
])
def test_a_mark_is_the_label_and_whole_words(start, mark):
    assert mark_text(start) == mark


def test_no_mark_before_a_part_of_its_own_or_a_table_row():
    pages = [office.Page("ที่ นค"), office.Page("ข้อความต่อ"), office.Page("บันทึก", fresh=True),
             office.Page("ลำดับ", table=True), office.Page("")]
    assert continuation_marks(pages) == [(1, "/ข้อความ...")]


def _seed_000_draft(tmp_path: Path) -> Path:
    """The rendered draft of seed 000's example: two pages, a continuation mark between them."""
    from generator.render import render

    examples = Path(__file__).resolve().parents[2] / "examples"
    [spec] = (examples / "letters").glob("000_*.yaml")
    draft = tmp_path / "000.docx"
    draft.write_bytes(render(spec, examples))
    return draft


def _script_provider_installed() -> bool:
    program = Path(os.path.realpath(shutil.which(pdf.soffice_command()) or ""))
    return (program.parent / "pythonscript.py").is_file()


@pytest.fixture
def fresh_offices():
    """No office of this process left over from another test, before and after."""
    office.OFFICES.close()
    yield
    office.OFFICES.close()


@pytest.mark.libreoffice
def test_the_worker_runs_inside_soffice_where_the_script_provider_is(tmp_path, fresh_offices):
    _uno_or_skip()
    if not _script_provider_installed():
        pytest.skip("no LibreOffice Python script provider "
                    "(Debian: libreoffice-script-provider-python)")
    made = pdf.to_pdf(_seed_000_draft(tmp_path), tmp_path / "a.pdf").pdfs[0]
    [running] = office.OFFICES.get(pdf.soffice_command(), _env_of_last(), 1)
    assert running.in_office
    assert "/๓. ประเมินผล..." in _text(made)


@pytest.mark.libreoffice
def test_without_the_script_provider_the_same_worker_drives_soffice_over_the_pipe(
        tmp_path, monkeypatch, fresh_offices):
    _uno_or_skip()
    draft = _seed_000_draft(tmp_path)
    inside = _text(pdf.to_pdf(draft, tmp_path / "inside.pdf").pdfs[0])
    office.OFFICES.close()
    # A copy of the worker whose script LibreOffice cannot find: as with no script provider.
    copy = tmp_path / "uno_worker.py"
    source = office.WORKER.read_text()
    url = 'SCRIPT_URL = "vnd.sun.star.script:%s$handle'
    assert url in source
    copy.write_text(source.replace(url, url.replace(":%s", ":missing-%s")))
    monkeypatch.setattr(office, "WORKER", copy)
    made = pdf.to_pdf(draft, tmp_path / "outside.pdf").pdfs[0]
    [running] = office.OFFICES.get(pdf.soffice_command(), _env_of_last(), 1)
    assert not running.in_office
    assert _text(made) == inside
    assert "/๓. ประเมินผล..." in inside
    assert pdf.pdfa_identification(made) == ("2", "B")
