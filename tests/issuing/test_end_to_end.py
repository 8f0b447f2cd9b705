"""``gen-letter issue`` from the command line with the real register and real LibreOffice."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest
from click.testing import CliRunner

from generator import pdf
from generator.cli import main
from generator.docx.package import package_problems
from generator.registry import Registry, init_workspace

from .conftest import SPEC, make_draft, soffice_or_skip


@pytest.mark.libreoffice
def test_issue_a_reviewed_draft_end_to_end(tmp_path):
    soffice_or_skip()
    workspace = init_workspace(tmp_path / "ws").root
    spec = dict(SPEC, references=[])
    draft = make_draft(workspace / "output" / "drafts" / "letter.docx", spec)
    result = CliRunner().invoke(main, ["--workspace", str(workspace), "issue", str(draft),
                                       "--date", "2024-10-25"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "นค ๐๐๑๙.๓/ว ๑\n"
    notices = result.stderr.strip().splitlines()
    if pdf.font_installed("TH Sarabun New"):
        assert notices == []
    else:  # said once, on one line
        assert len(notices) == 1 and notices[0].startswith("gen-letter: note: TH Sarabun New")

    folder = workspace / "output" / "issued" / "2567"
    docx_path, json_path, pdf_path = (folder / f"นค0019.3-ว1.{x}" for x in ("docx", "json", "pdf"))
    assert sorted(folder.iterdir()) == [docx_path, json_path, pdf_path]
    assert package_problems(docx_path) == []
    assert pdf.pdfa_identification(pdf_path) == ("2", "B")
    meta = json.loads(json_path.read_text(encoding="utf-8"))
    for kind, path in (("docx", docx_path), ("pdf", pdf_path)):
        assert meta["sha256"][kind] == hashlib.sha256(path.read_bytes()).hexdigest()
    with Registry.open(workspace) as registry:
        shown = registry.show("นค 0019.3/ว 1")
    assert shown["date"] == date(2024, 10, 25).isoformat()
    assert meta["sha256"]["pdf"] in json.dumps(shown, ensure_ascii=False, default=str)
