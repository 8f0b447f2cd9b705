"""``gen-letter new`` and ``gen-letter issue`` of letters with attachments, and bad input."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import pdf
from generator.cli import main
from generator.docx.package import package_problems
from generator.docx.text import units

LETTER_002 = "letters/002_969013ac331ac01f.yaml"


def _run(workspace: Path, *args: str):
    return CliRunner().invoke(main, ["--workspace", str(workspace), *args])


def _written(workspace: Path) -> list[Path]:
    output = workspace / "output"
    return [p for p in output.rglob("*") if p.is_file()] if output.exists() else []


@pytest.fixture
def stand_in_pdf(monkeypatch):
    """LibreOffice is exercised by test_pdf_qr.py; here a stand-in records what it was given."""
    calls = []

    def convert(pairs, **_kw):
        for docx_path, pdf_path in pairs:
            calls.append(Path(docx_path).read_bytes())
            Path(pdf_path).write_bytes(b"%PDF-1.7\n% stand-in\n%%EOF\n")
        return pdf.Conversion([Path(p) for _d, p in pairs], None)

    monkeypatch.setattr(pdf, "convert", convert)
    return calls


def test_new_writes_the_letter_draft_and_the_combined_draft(workspace: Path):
    result = _run(workspace, "new", str(workspace / LETTER_002))
    assert result.exit_code == 0, result.output
    letter, combined = (Path(line) for line in result.output.split())
    assert letter.name == "002_969013ac331ac01f.docx"
    assert combined.name == "002_969013ac331ac01f.bundle.docx"
    assert package_problems(combined) == []
    text = units(combined.read_bytes())
    assert text[:len(units(letter.read_bytes()))] == units(letter.read_bytes())
    assert "กิจกรรมที่ ๓ สนับสนุนการขับเคลื่อนกิจกรรมตามแผนพัฒนาตำบล" in text
    with zipfile.ZipFile(combined) as package:
        headers = [package.read(n).decode() for n in package.namelist()
                   if n.startswith("word/header")]
    assert sum("gen-letter:draft-mark" in h for h in headers) == 8   # every section's headers


def test_new_renders_an_attachment_spec_on_its_own(workspace: Path):
    result = _run(workspace, "new", str(workspace / "attachments" / "003_visits.yaml"))
    assert result.exit_code == 0, result.output
    made = Path(result.output.strip())
    assert made.name == "003_visits.docx" and package_problems(made) == []
    assert "พุธ ๑๗ เม.ย. ๖๗" in units(made.read_bytes())


def test_a_letter_without_documents_gets_no_combined_draft(workspace: Path):
    spec = workspace / "letters" / "plain.yaml"
    spec.write_text("kind: circular\noffice: cc-cdd\nrecipient: นายอำเภอ\nsubject: ทดสอบ\n"
                    "attachments: [{title: แบบ, quantity: 1, url: 'https://example.org/a1'}]\n"
                    "body: ['ตามสิ่งที่ส่งมาด้วย [[a]]']\nclosing: เพื่อโปรดทราบ\nsigner: chatpraorn\n"
                    .replace("quantity: 1,", "quantity: 1, id: a,"), encoding="utf-8")
    result = _run(workspace, "new", str(spec))
    assert result.exit_code == 0, result.output
    assert len(result.output.split()) == 1   # the letter only: a link is not a document
    assert "ตามสิ่งที่ส่งมาด้วย ๑" in units(Path(result.output.strip()).read_bytes())


def test_issue_writes_letter_bundle_pdf_and_checksums(workspace: Path, stand_in_pdf):
    result = _run(workspace, "issue", str(workspace / LETTER_002), "--date", "2024-11-27", "--json")
    assert result.exit_code == 0, result.output
    meta = json.loads(result.output[result.output.index("{"):])
    folder = workspace / "output" / "issued" / "2567"
    stem = "ฉช0019-ว1"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{stem}.docx", f"{stem}.bundle.docx", f"{stem}.pdf", f"{stem}.json",
         f"{stem}.att1.docx", f"{stem}.att2.docx", f"{stem}.att3.docx"])
    bundle = folder / f"{stem}.bundle.docx"
    assert package_problems(bundle) == []
    # the PDF is made from the combined DOCX, letter first, number stamped, no draft marks
    assert stand_in_pdf == [bundle.read_bytes()]
    text = units(bundle.read_bytes())
    assert "ที่ ฉช ๐๐๑๙/ว ๑" in text and "๒๗ พฤศจิกายน ๒๕๖๗" in text
    with zipfile.ZipFile(bundle) as package:
        assert not any(b"gen-letter:draft-mark" in package.read(n) for n in package.namelist()
                       if n.startswith("word/header"))
    for kind in ("docx", "bundle", "pdf"):
        assert meta["sha256"][kind] == hashlib.sha256(
            (folder / meta["files"][kind].rsplit("/", 1)[-1]).read_bytes()).hexdigest()
    attachments = meta["attachments"]
    assert [a["number"] for a in attachments] == [1, 2, 3]
    for record in attachments:
        source = workspace / record["document"]
        assert record["source_sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
        # each attachment is archived as it was sent, with the checksum of that copy
        archived = workspace / record["archived"]
        assert archived.parent == folder and archived.name == f"{stem}.att{record['number']}.docx"
        assert record["sha256"] == hashlib.sha256(archived.read_bytes()).hexdigest()
        assert package_problems(archived) == []
    # the archived attachments are the documents printed after the letter in the bundle
    assert "ช่องทางการรายงาน" in units((folder / f"{stem}.att3.docx").read_bytes())
    # the register keeps each attachment (title, quantity, unit, the spec it was made from,
    # the archived copy and its checksum)
    from generator.registry import Registry

    with Registry.open(workspace) as registry:
        kept = registry.show(meta["number"])["attachments"]
    assert [(a["title"], a["quantity"], a["unit"]) for a in kept] == \
        [(a["title"], 1, "ชุด") for a in attachments]
    assert [a["file"] for a in kept] == [f"attachments/002_{name}.yaml"
                                         for name in ("process", "guideline", "reporting")]
    assert [(a["archived"], a["sha256"]) for a in kept] == \
        [(a["archived"], a["sha256"]) for a in attachments]


def test_issue_from_the_reviewed_letter_draft_finds_its_attachments(workspace: Path, stand_in_pdf):
    made = _run(workspace, "new", str(workspace / LETTER_002))
    letter_draft = Path(made.output.split()[0])
    result = _run(workspace, "issue", str(letter_draft), "--date", "2024-11-27")
    assert result.exit_code == 0, result.output
    bundle = workspace / "output" / "issued" / "2567" / "ฉช0019-ว1.bundle.docx"
    assert "ช่องทางการรายงาน" in units(bundle.read_bytes())


def test_issuing_the_combined_draft_is_refused(workspace: Path, stand_in_pdf):
    made = _run(workspace, "new", str(workspace / LETTER_002))
    combined = Path(made.output.split()[1])
    result = _run(workspace, "issue", str(combined), "--date", "2024-11-27")
    assert result.exit_code == 1
    assert "is the combined document (letter with attachments)" in result.output
    assert not (workspace / "output" / "issued").exists() or \
        not any((workspace / "output" / "issued").rglob("*.*"))


# --- bad input: a clear one-line error naming file, line and field; nothing written -----------

ATTACHMENT_002 = "attachments/002_guideline.yaml"


def _bad(workspace: Path, relative: str, old: str, new: str, spec: str = LETTER_002):
    path = workspace / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = _run(workspace, "new", str(workspace / spec))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    assert _written(workspace) == []
    return result.output.strip()


def test_a_budget_that_is_not_a_number(workspace: Path):
    message = _bad(workspace, ATTACHMENT_002, "budget: 2956600", "budget: สองล้าน")
    assert message.startswith(f"gen-letter: {workspace / ATTACHMENT_002}:")
    assert "content[0].activity.budget: must be a number, not text" in message


def test_a_table_row_with_a_missing_cell(workspace: Path):
    path = "attachments/003_topics.yaml"
    message = _bad(workspace, path, "          - ''\n          - ''\n  - numbering",
                   "          - ''\n  - numbering", spec="letters/003_94abadab182a54d7.yaml")
    assert f"{workspace / path}:" in message and "content[2].table.rows[10]:" in message
    assert "this row has 2 cells; the table has 3" in message


def test_an_attachment_file_that_does_not_exist(workspace: Path):
    message = _bad(workspace, LETTER_002, "document: ../attachments/002_process.yaml",
                   "file: ../attachments/แบบรายงาน.pdf")
    assert "attachments[0].file: the file '../attachments/แบบรายงาน.pdf' does not exist" in message
    assert message.startswith(f"gen-letter: {workspace / LETTER_002}:")


def test_an_attachment_document_that_does_not_exist(workspace: Path):
    message = _bad(workspace, LETTER_002, "002_reporting.yaml", "002_report.yaml")
    assert "attachments[2].document: the file '../attachments/002_report.yaml' does not exist" in message


def test_a_picture_that_does_not_exist(workspace: Path):
    message = _bad(workspace, "attachments/002_process.yaml", "file: 002_process.png",
                   "file: 002_diagram.png")
    assert "content[0].image.file: the file '002_diagram.png' does not exist" in message


def test_a_url_with_spaces_in_a_letter(workspace: Path):
    message = _bad(workspace, "letters/000_1f4fc82266ea5587.yaml",
                   "url: https://chachoengsao.cdd.go.th/example/plan-form-2566",
                   "url: https://chachoengsao.cdd.go.th/example/plan form 2566",
                   spec="letters/000_1f4fc82266ea5587.yaml")
    assert ":38: attachments[1].url: the link 'https://chachoengsao.cdd.go.th/example/plan form " \
           "2566' contains a space" in message


def test_a_url_with_spaces_in_an_attachment(workspace: Path):
    message = _bad(workspace, "attachments/002_reporting.yaml", "https://forms.gle/ppGUYQsXQTE1wNS3A",
                   "https://forms.gle/ppGUYQ sXQTE1wNS3A")
    assert "content[2].qr.url: the link 'https://forms.gle/ppGUYQ sXQTE1wNS3A' contains a space" \
        in message


def test_a_body_citing_an_attachment_the_letter_does_not_have(workspace: Path):
    message = _bad(workspace, LETTER_002, "[[reporting]]", "[[reports]]")
    assert "body[2].items[2].text: cites the attachment 'reports', which the letter does not have" \
        in message and "attachment ids: process, guideline, reporting" in message


def test_a_citation_number_beyond_the_attachments(workspace: Path):
    message = _bad(workspace, LETTER_002, "(สิ่งที่ส่งมาด้วย [[process]])", "(สิ่งที่ส่งมาด้วย 4)")
    assert "body[2].items[0]: cites สิ่งที่ส่งมาด้วย 4, but the letter has 3 attachments" in message


def test_a_calculation_naming_an_unknown_value(workspace: Path):
    message = _bad(workspace, ATTACHMENT_002, "${tambons * per_tambon}", "${tambons * per_tambn}")
    assert "names the value 'per_tambn', which 'values:' does not have" in message
