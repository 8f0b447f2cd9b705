"""Issuing refuses, before a number is taken: a file an attachment spec names that has left the
workspace since the draft was made, the placeholder Garuda outside a test office, and text no
font the PDF can use has. Each is one line naming the file, field and line; the register and
the archive stay as they were."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import copy_examples

LETTER = "letters/001_5e28ea4e505824d1.yaml"        # Nong Khai, unit 3, with a booklet
PICTURE_LETTER = "letters/002_969013ac331ac01f.yaml"  # Chachoengsao; 002_process.yaml has a picture
TOPICS_LETTER = "letters/003_94abadab182a54d7.yaml"   # Chachoengsao; 003_topics.yaml
SPEC = """\
kind: circular
office: nk-cdd
unit: 3
recipient: นายอำเภอ ทุกอำเภอ
subject: การขับเคลื่อนตำบลเข้มแข็ง
closing: เพื่อโปรดทราบ
signer: pranee
body:
  - ด้วยจังหวัดหนองคาย ขอแจ้งว่า
  - ตามหลัก "บวร" "บรม" หรือ "क्रम"
"""


def run(ws: Path, *args):
    return CliRunner().invoke(main, ["--workspace", str(ws), *map(str, args)])


def refused(ws: Path, result, *words: str) -> str:
    """The one line of a refused issue, after checking nothing was numbered or archived."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    for word in words:
        assert word in lines[0], f"{word!r} not in {lines[0]!r}"
    issued = ws / "output" / "issued"
    assert not issued.exists() or not any(p.is_file() for p in issued.rglob("*"))
    log = run(ws, "log")
    assert log.exit_code == 0 and log.output.strip() == "", log.output  # no number taken
    return lines[0]


@pytest.fixture
def ws(tmp_path, monkeypatch) -> Path:
    workspace = copy_examples(tmp_path / "ws")
    monkeypatch.chdir(workspace)
    return workspace


def _outside_copy(ws: Path, name: str) -> Path:
    folder = ws.parent / "outside"
    folder.mkdir(exist_ok=True)
    target = folder / Path(name).name
    target.write_bytes((ws / name).read_bytes())
    return target


def test_a_picture_swapped_for_a_symlink_after_review_is_refused(ws, fake_pdf):
    """The attachment spec is unchanged (its SHA-256 matches the draft's), but the picture it
    names now leads out of the workspace."""
    assert run(ws, "new", PICTURE_LETTER).exit_code == 0
    picture = ws / "attachments" / "002_process.png"
    outside = _outside_copy(ws, "attachments/002_process.png")
    picture.unlink()
    os.symlink(outside, picture)
    result = run(ws, "issue", "output/drafts/002_969013ac331ac01f.docx")
    refused(ws, result, "002_process.yaml:9:", "content[0].image.file", "outside the workspace")
    assert not fake_pdf  # refused before the conversion


def test_a_picture_swapped_inside_the_workspace_after_review_is_refused(ws, fake_pdf):
    """The attachment spec is unchanged and the picture is still in the workspace, but it is
    not the picture the reviewed draft showed: its SHA-256 was recorded when the draft was
    made."""
    assert run(ws, "new", PICTURE_LETTER).exit_code == 0
    picture = ws / "attachments" / "002_process.png"
    picture.write_bytes((ws / "registry" / "garuda.png").read_bytes())  # another valid PNG
    result = run(ws, "issue", "output/drafts/002_969013ac331ac01f.docx")
    refused(ws, result, "002_process.yaml:9:", "content[0].image.file",
            "002_process.png is not the file the draft was made with")
    assert not fake_pdf


def test_the_same_picture_written_again_is_issued(ws, fake_pdf):
    """The check is on content, not on the file's time: the same bytes written again pass."""
    assert run(ws, "new", PICTURE_LETTER).exit_code == 0
    picture = ws / "attachments" / "002_process.png"
    picture.write_bytes(picture.read_bytes())
    result = run(ws, "issue", "output/drafts/002_969013ac331ac01f.docx")
    assert result.exit_code == 0, result.output


def test_a_file_an_attachment_list_entry_names_swapped_after_review_is_refused(ws, fake_pdf):
    (ws / "attachments" / "note.txt").write_text("ฉบับที่ตรวจแล้ว\n", encoding="utf-8")
    with open(ws / "attachments" / "000_list.yaml", "a", encoding="utf-8") as spec:
        spec.write("items:\n  - {title: บันทึก, file: note.txt}\n")
    made = run(ws, "new", "letters/000_1f4fc82266ea5587.yaml")
    assert made.exit_code == 0, made.output
    (ws / "attachments" / "note.txt").write_text("ฉบับอื่น\n", encoding="utf-8")
    result = run(ws, "issue", "output/drafts/000_1f4fc82266ea5587.docx")
    refused(ws, result, "000_list.yaml:", "file", "note.txt is not the file the draft was made with")


def test_a_trusted_folder_lets_the_picture_be_issued(ws, fake_pdf):
    outside = _outside_copy(ws, "attachments/002_process.png")
    (ws / "attachments" / "002_process.png").unlink()
    os.symlink(outside, ws / "attachments" / "002_process.png")
    with open(ws / "registry" / "chachoengsao.yaml", "a", encoding="utf-8") as profile:
        profile.write(f"trusted_folders: [{outside.parent}]\n")
    result = run(ws, "issue", PICTURE_LETTER)
    assert result.exit_code == 0, result.output


def _not_a_test_office(ws: Path, name: str = "nongkhai.yaml") -> None:
    profile = ws / "registry" / name
    text = profile.read_text(encoding="utf-8")
    assert "test_office: true" in text
    profile.write_text(text.replace("test_office: true", "test_office: false"), encoding="utf-8")


def test_the_placeholder_garuda_is_refused_outside_a_test_office(ws, fake_pdf):
    _not_a_test_office(ws)
    result = run(ws, "issue", LETTER)
    refused(ws, result, "nongkhai.yaml", "garuda", "placeholder Garuda (ตราครุฑ)", "test_office")


def test_a_draft_made_with_the_placeholder_is_refused_once_the_office_is_real(ws, fake_pdf):
    assert run(ws, "new", LETTER).exit_code == 0
    _not_a_test_office(ws)  # and the office still names no image of its own
    result = run(ws, "issue", "output/drafts/001_5e28ea4e505824d1.docx")
    refused(ws, result, "nongkhai.yaml", "garuda", "placeholder Garuda")


def test_an_office_without_an_image_draws_and_refuses_the_placeholder(ws, fake_pdf):
    _not_a_test_office(ws)
    profile = ws / "registry" / "nongkhai.yaml"
    profile.write_text("\n".join(line for line in profile.read_text(encoding="utf-8").splitlines()
                                 if not line.startswith("garuda:")) + "\n", encoding="utf-8")
    refused(ws, run(ws, "issue", LETTER), "placeholder Garuda")


def test_the_earlier_grey_cross_is_a_placeholder_too(ws, fake_pdf):
    from tests.conftest import placeholder_garuda_png

    _not_a_test_office(ws)
    (ws / "registry" / "garuda.png").write_bytes(placeholder_garuda_png())
    refused(ws, run(ws, "issue", LETTER), "placeholder Garuda")


def test_an_office_with_its_own_image_issues(ws, fake_pdf):
    from tests.conftest import placeholder_garuda_png

    _not_a_test_office(ws)
    (ws / "registry" / "garuda.png").write_bytes(placeholder_garuda_png(180, 200))  # "its own"
    result = run(ws, "issue", LETTER)
    assert result.exit_code == 0, result.output


def test_devanagari_in_a_spec_is_refused_naming_its_line(ws, fake_pdf):
    (ws / "letters" / "case.yaml").write_text(SPEC, encoding="utf-8")
    result = run(ws, "issue", "letters/case.yaml")
    line = refused(ws, result, "case.yaml:10:", "body[1]", "Devanagari", "'क्रम'", "no glyph")
    assert "U+0915" in line
    assert not fake_pdf


def test_devanagari_in_an_attachment_spec_is_refused_naming_its_line(ws, fake_pdf):
    topics = ws / "attachments" / "003_topics.yaml"
    text = topics.read_text(encoding="utf-8")
    assert '"บวร" "บรม" หรือ "ลำดับ"' in text  # the example says ลำดับ (the seed: क्रम)
    topics.write_text(text.replace('หรือ "ลำดับ"', 'หรือ "क्रम"'), encoding="utf-8")
    result = run(ws, "issue", TOPICS_LETTER)
    refused(ws, result, "003_topics.yaml:32:", "content", "Devanagari", "no glyph")


def test_devanagari_typed_into_the_draft_in_word_is_refused_naming_its_paragraph(ws, fake_pdf):
    assert run(ws, "new", LETTER).exit_code == 0
    draft = ws / "output" / "drafts" / "001_5e28ea4e505824d1.docx"
    document = docx.Document(str(draft))
    numbered = [i for i, p in enumerate(document.paragraphs, 1) if p.text.startswith("ด้วย")]
    document.paragraphs[numbered[0] - 1].runs[-1].text += " क्रम"
    document.save(str(draft))
    result = run(ws, "issue", draft)
    refused(ws, result, "001_5e28ea4e505824d1.docx:", "paragraph", "Devanagari")


def test_chinese_in_the_office_slogan_is_refused_naming_the_profile(ws, fake_pdf):
    profile = ws / "registry" / "nongkhai.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("slogan: หนองคาย", "slogan: 中文 หนองคาย"), encoding="utf-8")
    result = run(ws, "issue", LETTER)
    refused(ws, result, "nongkhai.yaml:12:", "slogan", "Cjk", "no glyph")
