"""A draft is an ordinary .docx: anyone holding it can edit its GenLetterSpec property. Issuing
takes the register's facts from what the document prints and never trusts the property for paths
(the findings of the adversarial review, each reproduced here with a real draft, a real register
and the real command line; LibreOffice replaced by a stand-in)."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.docx import marks
from generator.docx.package import Package, write_package
from generator.errors import UserError
from generator.issuing import issue
from generator.registry import Registry
from generator.render import render_draft
from tests.conftest import copy_examples

DAY = date(2024, 10, 25)
SPEC = """\
kind: circular
office: nk-cdd
unit: 3
recipient: นายอำเภอ ทุกอำเภอ
subject: การขับเคลื่อนตำบลเข้มแข็ง
attachments:
  - {title: แผนภาพกระบวนการ, quantity: 1, unit: แผ่น, file: ../attachments/002_process.png}
body:
  - ด้วยจังหวัดหนองคายขอส่งแผนภาพกระบวนการ รายละเอียดตามสิ่งที่ส่งมาด้วย
closing: เพื่อโปรดทราบ
signer: pranee
"""


@pytest.fixture
def workspace(tmp_path) -> Path:
    root = copy_examples(tmp_path / "ws")
    (root / "letters" / "tamper.yaml").write_text(SPEC, encoding="utf-8")
    return root


def _draft(workspace: Path) -> Path:
    return render_draft(workspace / "letters" / "tamper.yaml", workspace, overwrite=True)


def _edit_property(draft: Path, **changes) -> dict:
    """What a hostile colleague does: rewrite the GenLetterSpec property, nothing else."""
    spec = marks.read_spec_property(draft)
    for key, value in changes.items():
        if value is None:
            spec.pop(key, None)
        else:
            spec[key] = value
    draft.write_bytes(marks.write_spec_property(draft.read_bytes(), spec))
    return spec


def _issue_cli(workspace: Path, draft: Path):
    return CliRunner().invoke(main, ["--workspace", str(workspace), "issue", str(draft),
                                     "--date", DAY.isoformat()])


def _archived(workspace: Path) -> list[str]:
    folder = workspace / "output" / "issued"
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def _next_number_is_the_first(workspace: Path) -> None:
    """Nothing was consumed: the next honest issue gets number 1."""
    with Registry.open(workspace) as registry:
        letter = issue(_draft(workspace), workspace, date=DAY, registry=registry)
    assert letter.number == "นค ๐๐๑๙.๓/ว ๑"


def _tampered_file(workspace, draft):
    spec = marks.read_spec_property(draft)
    spec["attachments"][0]["file"] = "/etc/passwd"
    _edit_property(draft, attachments=spec["attachments"])


def _extra_attachment(workspace, draft):
    spec = marks.read_spec_property(draft)
    spec["attachments"].append({"title": "ไฟล์", "file": "../letters/tamper.yaml"})
    _edit_property(draft, attachments=spec["attachments"])


def _escaping_path(workspace, draft):
    spec = marks.read_spec_property(draft)
    spec["attachments"][0]["file"] = "../" * 20 + "etc/hostname"
    _edit_property(draft, attachments=spec["attachments"])


def _symlinked_file(workspace, draft):
    target = workspace / "attachments" / "002_process.png"
    target.unlink()
    os.symlink("/etc/hostname", target)


def _changed_file(workspace, draft):
    target = workspace / "attachments" / "002_process.png"
    target.write_bytes(target.read_bytes() + b"changed after review")


def _other_office(workspace, draft):
    _edit_property(draft, office="cc-cdd", unit=None, signer="somchai")


def _other_kind(workspace, draft):
    _edit_property(draft, kind="external")


def _no_unit(workspace, draft):
    _edit_property(draft, unit=None)


@pytest.mark.parametrize("tamper, words", [
    (_tampered_file, ["/etc/passwd", "outside the workspace", "attachments[0].file"]),
    (_escaping_path, ["outside the workspace", "attachments[0].file"]),
    (_symlinked_file, ["/etc/hostname", "outside the workspace"]),
    (_extra_attachment, ["lists 1 attachment", "property has 2", "attachments"]),
    (_changed_file, ["002_process.png", "not the file the draft was made with"]),
    (_other_office, ["นค ๐๐๑๙.๓/ว ......", "office cc-cdd", "ฉช0019"]),
    (_other_kind, ["นค ๐๐๑๙.๓/ว ......", "office nk-cdd, unit 3 ("]),
    (_no_unit, ["นค ๐๐๑๙.๓/ว ......", "office nk-cdd, circular", "'นค0019/ว …'"]),
], ids=lambda v: v.__name__.strip("_") if callable(v) else None)
def test_a_tampered_draft_is_refused_in_one_line_consuming_nothing(workspace, fake_pdf, tamper,
                                                                   words):
    draft = _draft(workspace)
    tamper(workspace, draft)
    result = _issue_cli(workspace, draft)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert str(draft) in lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    assert _archived(workspace) == [] and fake_pdf == []
    if tamper not in (_symlinked_file, _changed_file):
        _next_number_is_the_first(workspace)


def test_the_register_takes_subject_and_recipient_from_the_document_not_the_property(
        workspace, fake_pdf):
    draft = _draft(workspace)
    _edit_property(draft, subject="เรื่องที่หนังสือไม่ได้เขียน", recipient="ผู้ว่าราชการจังหวัด")
    with Registry.open(workspace) as registry:
        letter = issue(draft, workspace, date=DAY, registry=registry)
        shown = registry.show(letter.number)
        assert registry.search("ที่หนังสือไม่ได้เขียน") == []
    assert shown["subject"] == "การขับเคลื่อนตำบลเข้มแข็ง"
    meta = json.loads(letter.metadata.read_text(encoding="utf-8"))
    assert meta["subject"] == "การขับเคลื่อนตำบลเข้มแข็ง"
    assert meta["recipients"] == ["นายอำเภอ ทุกอำเภอ"]


def test_a_subject_corrected_in_word_reaches_the_register_and_search(workspace, fake_pdf):
    draft = _draft(workspace)
    document = docx.Document(draft)
    subject = next(p for p in document.paragraphs if p.text.startswith("เรื่อง"))
    subject.runs[-1].text = subject.runs[-1].text.replace("ตำบลเข้มแข็ง", "หมู่บ้านเศรษฐกิจพอเพียง")
    document.save(draft)
    assert "หมู่บ้านเศรษฐกิจพอเพียง" in next(
        p.text for p in docx.Document(draft).paragraphs if p.text.startswith("เรื่อง"))
    result = _issue_cli(workspace, draft)
    assert result.exit_code == 0, result.output
    found = CliRunner().invoke(main, ["--workspace", str(workspace), "search",
                                      "หมู่บ้านเศรษฐกิจพอเพียง", "--json"])
    assert found.exit_code == 0, found.output
    hits = json.loads(found.stdout)
    assert [h["number"] for h in hits] == ["นค ๐๐๑๙.๓/ว ๑"]
    assert hits[0]["subject"] == "การขับเคลื่อนหมู่บ้านเศรษฐกิจพอเพียง"


def test_the_archived_attachment_is_the_file_the_draft_was_made_with(workspace, fake_pdf):
    draft = _draft(workspace)
    with Registry.open(workspace) as registry:
        letter = issue(draft, workspace, date=DAY, registry=registry)
    meta = letter.to_json()
    [attachment] = meta["attachments"]
    archived = workspace / attachment["archived"]
    assert archived.read_bytes() == (workspace / "attachments" / "002_process.png").read_bytes()
    assert attachment["title"] == "แผนภาพกระบวนการ"


def test_a_draft_without_the_checksums_of_its_files_is_refused(workspace, fake_pdf):
    draft = _draft(workspace)
    parts = dict(Package.read(draft.read_bytes()).parts)
    properties = marks.custom_properties_of(parts)
    del properties["GenLetterSources"]
    parts[marks.CUSTOM_PART] = marks.custom_properties_xml(properties)
    draft.write_bytes(write_package(parts))
    with Registry.open(workspace) as registry, pytest.raises(UserError, match="GenLetterSources"):
        issue(draft, workspace, date=DAY, registry=registry)
