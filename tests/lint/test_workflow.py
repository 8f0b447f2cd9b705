"""Lint in the workflow: ``issue`` lints the reviewed draft and an error stops it before any
number is taken; ``--allow CODE`` accepts one knowingly and the audit log records it; ``new``
warns about what lint finds in the draft it wrote."""

from __future__ import annotations

import docx
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.registry import Registry
from tests.conftest import copy_examples
from tests.issuing.conftest import fake_pdf  # noqa: F401  (fixture: LibreOffice stand-in)

SPEC = "letters/001_5e28ea4e505824d1.yaml"


@pytest.fixture()
def workspace(tmp_path):
    return copy_examples(tmp_path / "ws")


def run(workspace, *args):
    return CliRunner().invoke(main, ["--workspace", str(workspace), *args])


def reviewed_with_wrong_postal_code(workspace):
    """The draft of example 001, edited in Word: the address's postal code mistyped."""
    made = run(workspace, "new", str(workspace / SPEC))
    assert made.exit_code == 0, made.output
    path = workspace / "output" / "drafts" / "001_5e28ea4e505824d1.docx"
    document = docx.Document(path)
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    everywhere = (Paragraph(p, document) for p in document.element.body.iter(qn("w:p")))
    address = next(p for p in everywhere if p.text == "ถนนมิตรภาพ นค ๔๓๐๐๐")
    for run_ in address.runs:
        run_.text = run_.text.replace("๔๓", "๔๒")
    assert address.text == "ถนนมิตรภาพ นค ๔๒๐๐๐"
    document.save(path)
    return path


def test_an_error_stops_the_issue_before_a_number(workspace, fake_pdf) -> None:
    draft = reviewed_with_wrong_postal_code(workspace)
    result = run(workspace, "issue", str(draft), "--date", "2024-10-25")
    assert result.exit_code == 1
    assert "error postal-province postal code ๔๒๐๐๐ is Loei's; จังหวัดหนองคาย's are 43xxx" in result.output
    assert "Traceback" not in result.output
    with Registry.open(workspace) as registry:
        assert [e.action for e in registry.audit_log()] == []      # no number allocated
    assert not (workspace / "output" / "issued").exists() or not any((workspace / "output" / "issued").rglob("*.docx"))
    assert fake_pdf == []


def test_allow_issues_it_and_the_audit_log_says_so(workspace, fake_pdf) -> None:
    draft = reviewed_with_wrong_postal_code(workspace)
    result = run(workspace, "issue", str(draft), "--date", "2024-10-25", "--allow", "postal-province")
    assert result.exit_code == 0, result.output
    with Registry.open(workspace) as registry:
        entry = [e for e in registry.audit_log() if e.action == "issue"][-1]
    allowed = entry.detail["lint_allowed"]
    assert [(f["code"], f["severity"]) for f in allowed] == [("postal-province", "error")]
    assert "๔๒๐๐๐" in allowed[0]["message"]


def test_allow_of_an_unknown_code_is_refused(workspace, fake_pdf) -> None:
    draft = reviewed_with_wrong_postal_code(workspace)
    result = run(workspace, "issue", str(draft), "--allow", "postal")
    assert result.exit_code == 1 and "'postal' is no lint code" in result.output


def test_a_clean_draft_issues_without_allow(workspace, fake_pdf) -> None:
    made = run(workspace, "new", str(workspace / SPEC))
    result = run(workspace, "issue", str(workspace / "output" / "drafts" / "001_5e28ea4e505824d1.docx"),
                 "--date", "2024-10-25")
    assert made.exit_code == 0 and result.exit_code == 0, result.output
    with Registry.open(workspace) as registry:
        entry = [e for e in registry.audit_log() if e.action == "issue"][-1]
    assert "lint_allowed" not in entry.detail


def test_new_warns_about_what_lint_finds(workspace) -> None:
    spec = workspace / SPEC
    text = spec.read_text(encoding="utf-8")
    assert "ประจำปีงบประมาณ พ.ศ. 2568" in text
    spec.write_text(text.replace("ประจำปีงบประมาณ พ.ศ. 2568", "ประจำปีงบประมาณ พ.ศ.2568"),
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["--workspace", str(workspace), "new", str(spec)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith(".docx")
    assert "gen-letter: lint: " in result.stderr and "warning era-form พ.ศ.๒๕๖๘ is written พ.ศ. ๒๕๖๘" in result.stderr
