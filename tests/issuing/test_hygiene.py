"""Confined paths, text hygiene, the body's ${…} and sane dates: a table of bad specs through the
real command line (one line naming file, line and field; exit 1; nothing written), and the
good cases read back from the documents made."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import copy_examples

HEAD = """\
kind: circular
office: nk-cdd
unit: 3
recipient: นายอำเภอ ทุกอำเภอ
subject: {subject}
closing: เพื่อโปรดทราบ
signer: pranee
body:
  - {body}
"""


def _spec(subject="การขับเคลื่อนตำบลเข้มแข็ง", body="ด้วยจังหวัดหนองคาย", tail="") -> str:
    return HEAD.format(subject=subject, body=body) + tail


@pytest.fixture
def workspace(tmp_path) -> Path:
    return copy_examples(tmp_path / "ws")


def _run(workspace, *args):
    return CliRunner().invoke(main, ["--workspace", str(workspace), *map(str, args)])


def _drafts(workspace):
    folder = workspace / "output" / "drafts"
    return sorted(folder.iterdir()) if folder.exists() else []


ATTACH = "attachments:\n  - {{title: แผนภาพ, quantity: 1, unit: แผ่น, file: '{path}'}}\n"


@pytest.mark.parametrize("text, words", [
    (_spec(tail=ATTACH.format(path="/etc/passwd")),
     [":11: attachments[0].file: /etc/passwd is outside the workspace"]),
    (_spec(tail=ATTACH.format(path="../" * 20 + "etc/hostname")),
     [":11: attachments[0].file: /etc/hostname is outside the workspace"]),
    (_spec(tail=ATTACH.format(path="../attachments/link.png")),
     [":11: attachments[0].file:", "is outside the workspace"]),
    (_spec(subject="การขับเคลื่อน\u202eตำบล"), [":5: subject: contains a bidirectional control (U+202E)"]),
    (_spec(body="ด้วยจังหวัด\u200bหนองคาย"), [":9: body[0]: contains a zero-width character (U+200B)"]),
    (_spec(body="ภายใน${foo}"), [":9: body[0]:", "'${foo}' names the value 'foo'"]),
    (_spec(body="ภายใน${1/0}"), [":9: body[0]:", "'${1/0}' is not a calculation"]),
    (_spec(body="ภายใน${weekday 2024-02-30}"), [":9: body[0]:", "'2024-02-30' is not a real date"]),
], ids=["absolute", "dotdot", "symlink", "bidi", "zero-width", "unknown-name", "division",
        "bad-date"])
def test_bad_specs_are_one_line_and_write_nothing(workspace, text, words):
    os.symlink("/etc/hostname", workspace / "attachments" / "link.png")
    spec = workspace / "letters" / "h.yaml"
    spec.write_text(text, encoding="utf-8")
    result = _run(workspace, "new", spec)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert lines[0].startswith(f"gen-letter: {spec}:"), lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    assert _drafts(workspace) == []


def test_a_folder_the_office_trusts_may_hold_attachments(workspace, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "form.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    spec = workspace / "letters" / "h.yaml"
    spec.write_text(_spec(tail=ATTACH.format(path=shared / "form.pdf")), encoding="utf-8")
    assert _run(workspace, "new", spec).exit_code == 1
    profile = workspace / "registry" / "nongkhai.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + f"trusted_folders: ['{shared}']\n",
                       encoding="utf-8")
    result = _run(workspace, "new", spec)
    assert result.exit_code == 0, result.output


def _body_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(path).paragraphs)


def test_the_body_placeholders_work_as_the_readme_says(workspace, fake_pdf):
    spec = workspace / "letters" / "h.yaml"
    spec.write_text(_spec(body="แจ้งรายชื่อตำบลเป้าหมาย ภายใน${weekday 2024-10-30}"), encoding="utf-8")
    result = _run(workspace, "issue", spec, "--date", "2024-10-25")
    assert result.exit_code == 0, result.output
    issued = next((workspace / "output" / "issued" / "2567").glob("*.docx"))
    text = _body_text(issued)
    assert "ภายในวันพุธที่ ๓๐ ตุลาคม ๒๕๖๗" in text and "${" not in text


def test_thai_marks_typed_out_of_order_are_put_in_canonical_order(workspace, fake_pdf):
    spec = workspace / "letters" / "h.yaml"
    spec.write_text(_spec(subject="การจัดทำแผนพัฒนาตํ้าบล เเละหมู่บ้าน"), encoding="utf-8")
    result = _run(workspace, "issue", spec, "--date", "2024-10-25")
    assert result.exit_code == 0, result.output
    found = _run(workspace, "search", "แผนพัฒนาต้ำบล และหมู่บ้าน")
    assert "นค ๐๐๑๙.๓/ว ๑" in found.stdout, found.output


@pytest.mark.parametrize("day", ["0001-01-01", "1800-06-01", "9999-12-31", "2100-01-01"])
def test_a_date_outside_2500_2600_needs_allow_date(workspace, fake_pdf, day):
    spec = workspace / "letters" / "h.yaml"
    spec.write_text(_spec(), encoding="utf-8")
    result = _run(workspace, "issue", spec, "--date", day)
    assert result.exit_code == 1, result.output
    line = result.stderr.strip()
    assert "\n" not in line and "date:" in line and "outside 2500–2600" in line
    assert "--allow-date" in line
    assert not list((workspace / "output" / "issued").rglob("*.*"))
    if day == "2100-01-01":
        allowed = _run(workspace, "issue", spec, "--date", day, "--allow-date")
        assert allowed.exit_code == 0, allowed.output
        assert allowed.stdout.strip() == "นค ๐๐๑๙.๓/ว ๑"


def test_the_speed_vocabulary_is_one_for_spec_and_register(workspace, fake_pdf):
    """ด่วนภายใน + its date is a speed class for the spec schema and for the register alike."""
    spec = workspace / "letters" / "h.yaml"
    spec.write_text(_spec() + "speed: ด่วนภายใน ๓๑ ตุลาคม ๒๕๖๗\n", encoding="utf-8")
    result = _run(workspace, "issue", spec, "--date", "2024-10-25", "--json")
    assert result.exit_code == 0, result.output
    assert '"speed": "ด่วนภายใน ๓๑ ตุลาคม ๒๕๖๗"' in result.stdout
    spec.write_text(_spec() + "speed: เร็ว\n", encoding="utf-8")
    refused = _run(workspace, "new", spec)
    assert refused.exit_code == 1 and "speed" in refused.stderr and ":10:" in refused.stderr
