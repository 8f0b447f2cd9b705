"""The rendered examples (examples/letters/*.yaml) against the package check and LibreOffice, and
a reviewed draft made by the real renderer issued through the real register."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from generator import pdf
from generator.cli import main
from generator.docx import marks
from generator.docx.package import package_problems
from generator.issuing import issue
from generator.render import render, render_draft

from .conftest import soffice_or_skip

from tests.conftest import EXAMPLES, SEED_SPECS, copy_examples
SPECS = SEED_SPECS  # the other kinds' examples: test_kinds.py


def _workspace(into: Path) -> Path:
    """A copy of the examples workspace (issuing writes a register and output/ into it)."""
    return copy_examples(into / "examples")


def _text(path: Path) -> str:
    document = docx.Document(path)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        for story in (section.header, section.first_page_header, section.even_page_header):
            parts += [p.text for p in story.paragraphs]
    return "\n".join(parts)


def test_the_examples_are_there():
    assert SPECS, f"no letter specs in {EXAMPLES / 'letters'}"


@pytest.mark.libreoffice
def test_every_rendered_example_is_a_clean_package_and_converts_to_pdf_a(tmp_path):
    soffice_or_skip()
    workspace = _workspace(tmp_path)
    pairs = []
    for spec in SPECS:
        path = tmp_path / f"{spec.stem}.docx"
        path.write_bytes(render(workspace / "letters" / spec.name, workspace))
        assert package_problems(path) == [], spec.name
        pairs.append((path, tmp_path / "pdf" / f"{spec.stem}.pdf"))
    result = pdf.convert(pairs)  # one LibreOffice start for all of them
    for (docx_path, _), made in zip(pairs, result.pdfs):
        data = made.read_bytes()
        assert data.startswith(b"%PDF-"), made
        assert pdf.pdfa_identification(data) == ("2", "B"), made
        assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 1


def test_a_reviewed_draft_from_the_renderer_issues_with_its_edits(tmp_path, fake_pdf):
    workspace = _workspace(tmp_path)
    spec = workspace / "letters" / SPECS[0].name  # the workspace's own spec: its files are inside
    draft = render_draft(spec, workspace)
    document = docx.Document(draft)
    body = max(document.paragraphs, key=lambda p: len(p.text))  # a body paragraph
    original = body.text
    body.text = "ข้อความที่ผู้ตรวจแก้ไขใหม่ทั้งย่อหน้า & <ตรวจแล้ว>"
    body.insert_paragraph_before("ย่อหน้าที่ผู้ตรวจเพิ่มเข้ามา")
    document.save(draft)

    letter = issue(draft, workspace, date=date(2024, 10, 25))
    text = _text(letter.docx)
    assert "ข้อความที่ผู้ตรวจแก้ไขใหม่ทั้งย่อหน้า & <ตรวจแล้ว>" in text
    assert "ย่อหน้าที่ผู้ตรวจเพิ่มเข้ามา" in text
    assert original not in text
    assert f"ที่ {letter.number}" in text and "๒๕ ตุลาคม ๒๕๖๗" in text
    assert "......" not in text and marks.DRAFT_TEXT not in text
    with zipfile.ZipFile(letter.docx) as z:
        assert not any(b"gen-letter:" in z.read(n) for n in z.namelist() if n.startswith("word/"))
    assert package_problems(letter.docx) == []


@pytest.mark.libreoffice
def test_issue_a_spec_from_the_command_line(tmp_path):
    soffice_or_skip()
    workspace = _workspace(tmp_path)
    spec = workspace / "letters" / SPECS[0].name
    result = CliRunner().invoke(main, ["--workspace", str(workspace), "issue", str(spec), "--json"])
    assert result.exit_code == 0, result.output
    meta = json.loads(result.stdout)
    notices = result.stderr.strip().splitlines()
    assert len(notices) == (0 if pdf.font_installed("TH Sarabun New") else 1)
    files = {kind: workspace / path for kind, path in meta["files"].items()}
    assert all(path.is_file() for path in files.values())
    assert files["docx"].parent.name == str(meta["year"])
    assert meta["number"] in _text(files["docx"]) and meta["date_text"] in _text(files["docx"])
    assert pdf.pdfa_identification(files["pdf"]) == ("2", "B")
    for kind in ("docx", "pdf"):
        assert meta["sha256"][kind] == hashlib.sha256(files[kind].read_bytes()).hexdigest()
    assert not list((workspace / "output").glob(".issuing-*"))


def test_a_spec_with_an_error_consumes_nothing_and_writes_nothing(tmp_path):
    workspace = _workspace(tmp_path)
    bad = workspace / "letters" / "bad.yaml"
    bad.write_text(SPECS[0].read_text(encoding="utf-8").replace("\nsubject:", "\nsubjekt:"),
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["--workspace", str(workspace), "issue", str(bad)])
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("gen-letter: ") and "bad.yaml" in line and "Traceback" not in result.output
    output = workspace / "output"
    assert not output.exists() or not [p for p in output.rglob("*") if p.is_file() or
                                       p.name.startswith(".issuing-")]
    from generator.registry import Registry

    with Registry.open(workspace) as registry:
        assert registry.audit_log() == []  # no number was even allocated
