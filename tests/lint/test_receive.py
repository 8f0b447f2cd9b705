"""``gen-letter receive --from FILE``: the number, date, sender and subject read from a letter
(text, DOCX, and the PDF gen-letter issues for it) and registered; options given win."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.reader import incoming, read_file
from generator.registry import Registry
from tests.conftest import copy_examples, seed_path

# (seed, ที่, date, sender, subject) as the seed's heading prints them
SEEDS = [
    ("000", "นข ๐๐๑๙/ว ๑๖๐๗", date(2023, 3, 10), "จังหวัดเชียงใหม่",
     "การขับเคลื่อนตำบลเข้มแข็ง ตามหลักปรัชญาของเศรษฐกิจพอเพียง"),
    ("001", "นค ๐๐๑๙.๓/ ๑๕๕๕๗", date(2024, 10, 25), "จังหวัดหนองคาย",
     "การขับเคลื่อนตำบลเข้มแข็งตามหลักปรัชญาของเศรษฐกิจพอเพียง ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"),
    ("002", "นช ๐๐๑๙/ว ๖๓๐๐", date(2024, 11, 27), "จังหวัดฉะเชิงเทรา",
     "แนวทางการดำเนินงานโครงการพัฒนาศักยภาพกลุ่ม องค์กร และเครือข่าย "
     "ขับเคลื่อนการพัฒนาตำบลเข้มแข็งตามหลักปรัชญาของเศรษฐกิจพอเพียง ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"),
    ("003", "ฌข ๐๐๑๘/ว ๑๘๕๐", date(2024, 4, 3), "จังหวัดเชียงใหม่",
     "แผนการลงพื้นที่ติดตามผลการดำเนินงานในระดับอำเภอ"),
    ("004", "อบ ๐๐๑๙/ว ๕๓๑", date(2023, 2, 14), "จังหวัดอุบลราชธานี",
     "แนวทางการขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล ประจำปีงบประมาณ พ.ศ.๒๕๖๖"),
]


@pytest.fixture()
def workspace(tmp_path):
    return copy_examples(tmp_path / "ws")


@pytest.mark.parametrize("key, number, when, sender, subject", SEEDS, ids=[s[0] for s in SEEDS])
def test_read_from_the_seed_text(key, number, when, sender, subject) -> None:
    text = seed_path(key).read_text(encoding="utf-8").splitlines()
    assert f"ที่ {number}" in text and f"เรื่อง {subject.split()[0]}" in " ".join(text)
    got = incoming(read_file(seed_path(key)))
    assert (got.their_number, got.their_date, got.sender, got.subject) == (number, when, sender, subject)


def test_receive_from_registers_what_it_read(workspace) -> None:
    result = CliRunner().invoke(main, ["--workspace", str(workspace), "receive", "--office", "nk-cdd",
                                       "--from", str(seed_path("000"))])
    assert result.exit_code == 0, result.output
    assert "gen-letter: read: ที่: นข ๐๐๑๙/ว ๑๖๐๗" in result.output
    with Registry.open(workspace) as registry:
        ref = registry.resolve_reference("นข 0019/ว 1607")
    assert (ref.kind, ref.agency, ref.date, ref.subject) == (
        "incoming", "จังหวัดเชียงใหม่", date(2023, 3, 10), SEEDS[0][4])


def test_options_given_win(workspace) -> None:
    result = CliRunner().invoke(main, ["--workspace", str(workspace), "receive", "--office", "nk-cdd",
                                       "--from", str(seed_path("004")), "--subject", "เรื่องที่แก้",
                                       "--date", "2023-02-15"])
    assert result.exit_code == 0, result.output
    with Registry.open(workspace) as registry:
        ref = registry.resolve_reference("อบ 0019/ว 531")
    assert (ref.subject, ref.date, ref.agency) == ("เรื่องที่แก้", date(2023, 2, 15), "จังหวัดอุบลราชธานี")


def test_a_file_without_a_letter_names_the_field(workspace, tmp_path) -> None:
    (tmp_path / "note.txt").write_text("บันทึกสั้น ๆ\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--workspace", str(workspace), "receive", "--office", "nk-cdd",
                                       "--from", str(tmp_path / "note.txt")])
    assert result.exit_code == 1
    assert "note.txt: sender: is needed (not found in the letter)" in result.output


ISSUED_SENDER = {"000": "จังหวัดฉะเชิงเทรา", "001": "จังหวัดหนองคาย", "002": "จังหวัดฉะเชิงเทรา",
                 "003": "จังหวัดฉะเชิงเทรา", "004": "จังหวัดอุบลราชธานี"}


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    """Each example issued as gen-letter issues it (real LibreOffice), with its metadata."""
    import json

    from tests.issuing.conftest import soffice_or_skip

    soffice_or_skip()
    workspace = copy_examples(tmp_path_factory.mktemp("issued") / "ws")
    out = {}
    for key in sorted(ISSUED_SENDER):
        spec = next((workspace / "letters").glob(f"{key}_*.yaml"))
        result = CliRunner().invoke(main, ["--workspace", str(workspace), "issue", str(spec), "--json"])
        assert result.exit_code == 0, result.output
        meta = json.loads(result.output[result.output.index("{"):])
        out[key] = (workspace / meta["files"]["pdf"], meta)
    return out


@pytest.mark.parametrize("key", sorted(ISSUED_SENDER))
def test_read_from_the_issued_pdf(issued, key) -> None:
    from generator.lint import errors, lint_document

    pdf, meta = issued[key]
    got = incoming(read_file(pdf))
    assert got.their_number == meta["number"]
    assert got.their_date == date.fromisoformat(meta["date"])
    assert got.sender == ISSUED_SENDER[key]
    assert got.subject == meta["subject"]
    assert errors(lint_document(pdf)) == []
