"""The document kinds beyond letters (examples/letters/ without a seed number): each example
rendered as a clean package, issued through the real register and LibreOffice to PDF/A, with its
register rows, JSON metadata and ``verify``; the printed form of each kind line by line; and the
bad input each kind refuses before anything is written."""

from __future__ import annotations

import io
import json
import zipfile
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import pdf
from generator.cli import main
from generator.docx.package import package_problems
from generator.docx.text import paragraphs
from generator.issuing import issue
from generator.lint import lint_document
from generator.registry import Registry
from generator.render import render

from tests.conftest import EXAMPLES, KIND_SPECS, REPO, copy_examples

from .conftest import soffice_or_skip

ORDER = EXAMPLES / "letters" / "order_committee.yaml"
AMENDMENT = EXAMPLES / "letters" / "order_amendment.yaml"


def _workspace(tmp_path: Path) -> Path:
    return copy_examples(tmp_path / "examples")


def _spec(workspace: Path, example: Path) -> Path:
    return workspace / "letters" / example.name


def test_the_kind_examples_are_there():
    names = {p.name for p in KIND_SPECS}
    assert {"order_committee.yaml", "order_amendment.yaml", "stamped_reminder.yaml",
            "announcement_tambon.yaml"} <= names


def test_a_kind_is_one_row_of_the_table():
    """Every kind of rules §1 is a row of ``generator.kinds.KINDS``: the spec schema's kinds,
    its own fields and the fields it requires are the table's, and its stock template is
    there."""
    from generator.kinds import KINDS
    from generator.spec.schema import SCHEMA

    assert set(KINDS) == {"external", "circular", "memo", "stamped", "order", "announcement"}
    assert SCHEMA["properties"]["kind"]["enum"] == list(KINDS)
    required = {rule["if"]["properties"]["kind"]["const"]: rule["then"]["required"]
                for rule in SCHEMA["allOf"]}
    for name, row in KINDS.items():
        assert (REPO / "letter_templates" / row.template).is_file(), name
        assert required.get(name, []) == list(row.required), name
        for field in row.schema:
            assert SCHEMA["properties"][field] == row.schema[field], (name, field)


def test_the_committee_order_prints_the_form_of_an_order(tmp_path):
    workspace = _workspace(tmp_path)
    docx = render(_spec(workspace, ORDER), workspace, draft=False)
    assert package_problems(docx) == []
    lines = [line for line in paragraphs(docx) if line.strip()]
    start = lines.index("คำสั่งจังหวัดหนองคาย")
    assert lines[start + 1] == "ที่ ......"
    assert lines[start + 2] == ("เรื่อง แต่งตั้งคณะกรรมการขับเคลื่อนตำบลเข้มแข็ง "
                                "ตามหลักปรัชญาของเศรษฐกิจพอเพียง ประจำปีงบประมาณ พ.ศ. ๒๕๖๘")
    members = [line for line in lines if re.match(r"^[๐-๙]+\.\t", line)]
    assert len(members) == 12
    assert members[0] == "๑.\tผู้ว่าราชการจังหวัดหนองคาย\t\tประธานกรรมการ"
    assert members[1] == "๒.\tนางสาวปราณี วงศ์บุตร\tรองผู้ว่าราชการจังหวัด\tรองประธาน"
    assert members[11] == "๑๒.\tนายธนากร จันทร์เพ็ญ\tนักวิชาการพัฒนาชุมชน\tผู้ช่วยเลขานุการ"
    assert "ให้คณะกรรมการมีอำนาจหน้าที่ ดังนี้" in lines
    assert "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป" in lines
    assert "สั่ง ณ วันที่ ..... (วันที่ออกหนังสือ)" in lines
    assert lines[-3:] == ["(นางสาวปราณี วงศ์บุตร)", "รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน",
                          "ผู้ว่าราชการจังหวัดหนองคาย"]
    assert not any(line.startswith(("เรียน", "ขอแสดงความนับถือ")) for line in lines)


def test_an_order_with_an_effective_date_and_a_date_prints_them_with_the_era(tmp_path):
    workspace = _workspace(tmp_path)
    spec = workspace / "letters" / "dated.yaml"
    spec.write_text(ORDER.read_text(encoding="utf-8")
                    + "date: 2024-10-25\neffective: 2024-11-01\n", encoding="utf-8")
    lines = paragraphs(render(spec, workspace, draft=False))
    assert "ทั้งนี้ ตั้งแต่วันที่ ๑ พฤศจิกายน พ.ศ. ๒๕๖๗ เป็นต้นไป" in lines
    assert "สั่ง ณ วันที่ ๒๕ ตุลาคม พ.ศ. ๒๕๖๗" in lines


@pytest.mark.libreoffice
def test_an_order_and_its_amendment_issue_in_the_series_of_orders(tmp_path):
    soffice_or_skip()
    workspace = _workspace(tmp_path)
    order = issue(_spec(workspace, ORDER), workspace, date=date(2024, 10, 25))
    amendment = issue(_spec(workspace, AMENDMENT), workspace, date=date(2024, 11, 1))
    assert (order.number, amendment.number) == ("๑/๒๕๖๗", "๒/๒๕๖๗")
    assert order.date_text == "๒๕ ตุลาคม พ.ศ. ๒๕๖๗"
    for letter in (order, amendment):
        assert package_problems(letter.docx) == []
        assert pdf.pdfa_identification(letter.pdf) == ("2", "B")
        assert letter.docx.name.startswith("นค0019-คำสั่ง")   # two offices' orders never collide
        meta = json.loads(letter.metadata.read_text(encoding="utf-8"))
        assert meta["kind"] == "order" and meta["number"] == letter.number
        errors = [f for path in (letter.docx, letter.pdf) for f in lint_document(path)
                  if f.severity == "error"]
        assert errors == []
    lines = paragraphs(amendment.docx.read_bytes())
    assert "ที่ ๒/๒๕๖๗" in lines and "สั่ง ณ วันที่ ๑ พฤศจิกายน พ.ศ. ๒๕๖๗" in lines
    assert any(line.startswith("ตามคำสั่งจังหวัดหนองคาย ที่ ๑/๒๕๖๗ ลงวันที่ ๒๕ ตุลาคม พ.ศ. ๒๕๖๗ "
                               "เรื่อง แต่งตั้งคณะกรรมการ") for line in lines)
    text = pdf_text(order.pdf)
    assert "คำสั่งจังหวัดหนองคาย" in text and "ที่ ๑/๒๕๖๗" in text
    with Registry.open(workspace) as reg:
        shown = reg.show("๒/๒๕๖๗")
        assert [c["number"] for c in shown["cites"]] == ["๑/๒๕๖๗"]
        assert shown["reference_line"].startswith("คำสั่งจังหวัดหนองคาย ที่ ๒/๒๕๖๗ ลงวันที่ ๑")
        rows = [r for r in reg.register_rows(2567) if r.number.startswith("คำสั่ง")]
        assert [(r.number, r.action) for r in rows] == [("คำสั่ง ๑/๒๕๖๗", "ส่งแล้ว"),
                                                        ("คำสั่ง ๒/๒๕๖๗", "ส่งแล้ว")]
        assert reg.verify() == []
    # The body's first lines keep their first-line indent on every page: on page 2 (duty ๔
    # and ทั้งนี้ …) as on page 1 (ให้คณะกรรมการ …).
    pages = line_starts(order.pdf)
    assert len(pages) == 2
    indent = dict((text, x) for x, text in pages[0])["ให้คณะกรรมการมีอำนาจหน้าที่"]
    margin = min(x for x, _ in pages[0])
    assert indent - margin > 60                          # 2.5 cm is 71 pt
    top = [(x, text) for x, text in pages[1] if text not in ("-", "๒", "-๒-")][:2]
    assert [text for _, text in top] == ["๔.", "ทั้งนี้"]
    assert all(abs(x - indent) < 1 for x, _ in top), (top, indent)
    # e-CMS: an order goes to the receivers named (it has no recipient of its own)
    runner = CliRunner()
    refused = runner.invoke(main, ["--workspace", str(workspace), "export", "ecms", "๑/๒๕๖๗"])
    assert refused.exit_code == 1 and "has no recipient to send it to" in refused.stderr
    sent = runner.invoke(main, ["--workspace", str(workspace), "export", "ecms", "๑/๒๕๖๗",
                                "--to", "นายอำเภอเมืองหนองคาย"])
    assert sent.exit_code == 0, sent.output
    [message] = [Path(line) for line in sent.stdout.split()]
    assert message.name == "นค0019-คำสั่ง1-2567.1.xml"     # an announcement's ๑/๒๕๖๗ is another
    xml = message.read_text(encoding="utf-8")
    assert "<ram:ID>1/2567</ram:ID>" in xml and "แต่งตั้งคณะกรรมการขับเคลื่อน" in xml


def line_starts(path: Path) -> list[list[tuple[float, str]]]:
    """Each page's lines as (x of the first word, the first word), from ``pdftotext -bbox``."""
    import subprocess

    from lxml import etree

    out = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True,
                         check=True).stdout
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    tree = etree.fromstring(out, etree.XMLParser(recover=True))
    pages = []
    for page in tree.iterfind(".//h:page", ns):
        words = [line.find("h:word", ns) for line in page.iterfind(".//h:line", ns)]
        pages.append([(float(w.get("xMin")), w.text) for w in words if w is not None])
    return pages


def pdf_text(path: Path) -> str:
    from generator.reader import pdf_text as read

    return " ".join(read(path).split())


# --- bad input: one line, nothing written, no number taken ---------------------------------------

def _without(text: str, line: str) -> str:
    assert line in text
    return text.replace(line, "")


BAD = [
    ("committee without chair",
     lambda t: _without(t, "  - {position: ผู้ว่าราชการจังหวัดหนองคาย, role: ประธานกรรมการ}\n"),
     ["committee", "no chair", "ประธานกรรมการ"]),
    ("member without role",
     lambda t: t.replace("{name: นายวีระ ทองคำ, position: คลังจังหวัดหนองคาย, role: กรรมการ}",
                         "{name: นายวีระ ทองคำ, position: คลังจังหวัดหนองคาย}"),
     ["committee[7]", "missing field 'role'"]),
    ("unknown role",
     lambda t: t.replace("role: รองประธาน}", "role: รองประธานาธิบดี}"),
     ["committee[1].role", "not allowed", "รองประธาน"]),
    ("member without name or position",
     lambda t: t.replace("{name: นายวีระ ทองคำ, position: คลังจังหวัดหนองคาย, role: กรรมการ}",
                         "{role: กรรมการ}"),
     ["committee[7]", "a name or a position"]),
    ("a letter's field in an order",
     lambda t: t + "recipient: นายอำเภอ ทุกอำเภอ\n",
     ["recipient", "kind 'order'", "has no field"]),
    ("an order's field in a letter",
     lambda t: t.replace("kind: order", "kind: external") + "recipient: นายอำเภอ\nclosing: x\n",
     ["committee", "kind 'external'", "has no field"]),
]


@pytest.mark.parametrize("name, change, words", BAD, ids=[b[0] for b in BAD])
def test_bad_order_input_is_one_line_and_writes_nothing(tmp_path, name, change, words):
    workspace = _workspace(tmp_path)
    spec = workspace / "letters" / "bad.yaml"
    spec.write_text(change(ORDER.read_text(encoding="utf-8")), encoding="utf-8")
    for command in (["new", str(spec)], ["issue", str(spec)]):
        _refused(workspace, command, ["bad.yaml"] + words)


def test_an_amendment_of_an_order_the_register_does_not_have_is_refused(tmp_path):
    workspace = _workspace(tmp_path)
    spec = _spec(workspace, AMENDMENT)
    for command in (["new", str(spec)], ["issue", str(spec)]):
        _refused(workspace, command, ["order_amendment.yaml", "amends", "1/2567",
                                      "not a registered letter"])


def test_an_amendment_of_a_letter_is_refused(tmp_path, fake_pdf):
    workspace = _workspace(tmp_path)
    with Registry.open(workspace) as reg:
        with reg.allocate(office_id="nk-cdd", date=date(2024, 10, 25)) as alloc:
            alloc.record(subject="หนังสือ")
    spec = workspace / "letters" / "bad.yaml"
    spec.write_text(AMENDMENT.read_text(encoding="utf-8").replace(
        "amends: 1/2567", "amends: นค 0019/ 1"), encoding="utf-8")
    _refused(workspace, ["new", str(spec)], ["bad.yaml", "amends", "not an order number"],
             registered=1)


def test_an_order_number_given_to_a_letter_is_refused(tmp_path, fake_pdf):
    workspace = _workspace(tmp_path)
    runner = CliRunner()
    reserved = runner.invoke(main, ["--workspace", str(workspace), "reserve", "--kind", "order",
                                    "--office", "nk-cdd", "--date", "2024-10-25"])
    assert reserved.exit_code == 0, reserved.output
    assert reserved.stdout.strip() == "๑/๒๕๖๗"
    letter = workspace / "letters" / "001_5e28ea4e505824d1.yaml"
    _refused(workspace, ["issue", str(letter), "--number", "๑/๒๕๖๗", "--date", "2024-10-25"],
             ["reserved", "๑/๒๕๖๗", "an order's number", "takes a letter's number"],
             registered=1)


def _refused(workspace: Path, command: list[str], words: list[str], registered: int = 0) -> None:
    result = CliRunner().invoke(main, ["--workspace", str(workspace), *command])
    assert result.exit_code == 1, result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("gen-letter: ") and "Traceback" not in result.output
    for word in words:
        assert word in line, (word, line)
    output = workspace / "output"
    written = [p for p in output.rglob("*") if p.is_file()] if output.is_dir() else []
    assert written == []
    if (workspace / "registry" / "register.sqlite").exists():
        with Registry.open(workspace) as reg:
            rows = [r for year in (2567, 2568, 2569) for r in reg.register_rows(year)]
            assert len(rows) == registered


# --- stamped letters and memos --------------------------------------------------------------------

STAMPED = EXAMPLES / "letters" / "stamped_reminder.yaml"


def test_the_stamped_letter_prints_the_form_of_a_stamped_letter(tmp_path):
    workspace = _workspace(tmp_path)
    docx = render(_spec(workspace, STAMPED), workspace, draft=False)
    assert package_problems(docx) == []
    lines = [line for line in paragraphs(docx) if line.strip()]
    assert "ที่ นค ๐๐๑๙.๓/ ......" in lines
    assert lines[lines.index("ที่ นค ๐๐๑๙.๓/ ......") + 1] == "ถึง\tนายอำเภอ ทุกอำเภอ"
    tail = lines[lines.index("จังหวัดหนองคาย"):]
    assert tail == ["จังหวัดหนองคาย", "(ป.ว.)", "..... (วันที่ออกหนังสือ)",
                    "สำนักงานพัฒนาชุมชนจังหวัด", "กลุ่มงานส่งเสริมการพัฒนาชุมชน",
                    "โทร./โทรสาร ๐ ๔๒๔๑ ๑๑๘๒"]
    assert not any(line.startswith(("เรื่อง", "เรียน", "ขอแสดงความนับถือ", "(นางสาวปราณี"))
                   for line in lines)


@pytest.mark.libreoffice
def test_a_stamped_letter_issues_in_the_letter_series_with_its_subject_registered(tmp_path):
    soffice_or_skip()
    workspace = _workspace(tmp_path)
    letter = issue(_spec(workspace, STAMPED), workspace, date=date(2025, 1, 20))
    assert letter.number == "นค ๐๐๑๙.๓/ ๑" and letter.date_text == "๒๐ มกราคม ๒๕๖๘"
    assert package_problems(letter.docx) == []
    assert pdf.pdfa_identification(letter.pdf) == ("2", "B")
    meta = json.loads(letter.metadata.read_text(encoding="utf-8"))
    assert meta["kind"] == "stamped" and meta["recipients"] == ["นายอำเภอ ทุกอำเภอ"]
    assert meta["subject"].startswith("ขอให้ส่งแบบรายงานผลการขับเคลื่อนตำบลเข้มแข็ง")
    lines = paragraphs(letter.docx.read_bytes())
    assert lines[lines.index("(ป.ว.)") + 1] == "๒๐ มกราคม ๒๕๖๘"
    assert [f for path in (letter.docx, letter.pdf) for f in lint_document(path)
            if f.severity == "error"] == []
    with Registry.open(workspace) as reg:
        [row] = reg.register_rows(2568)
        assert (row.number, row.subject[:10]) == ("นค ๐๐๑๙.๓/ ๑", meta["subject"][:10])
        assert reg.verify() == []


def test_a_stamped_letter_needs_the_officers_initials(tmp_path):
    workspace = _workspace(tmp_path)
    spec = workspace / "letters" / "bad.yaml"
    spec.write_text(_without(STAMPED.read_text(encoding="utf-8"), "initials: ป.ว.\n"),
                    encoding="utf-8")
    _refused(workspace, ["new", str(spec)], ["bad.yaml", "missing field 'initials'"])


MEMO = """\
kind: memo
office: nk-cdd
unit: 3
recipient: ผู้ว่าราชการจังหวัดหนองคาย
subject: ขออนุมัติเดินทางไปราชการ
body: [ด้วยสำนักงานพัฒนาชุมชนจังหวัดหนองคาย มีความประสงค์จะเดินทางไปราชการ]
closing: เพื่อโปรดพิจารณาอนุมัติ
signer: pranee
date: 2024-10-25
"""


def test_the_memo_prints_its_header_lines_and_no_close(tmp_path):
    workspace = _workspace(tmp_path)
    spec = workspace / "letters" / "memo.yaml"
    spec.write_text(MEMO, encoding="utf-8")
    docx = render(spec, workspace, draft=False)
    assert package_problems(docx) == []
    lines = [line for line in paragraphs(docx) if line.strip()]
    start = lines.index("บันทึกข้อความ")
    assert lines[start + 1] == ("ส่วนราชการ\tสำนักงานพัฒนาชุมชนจังหวัดหนองคาย กลุ่มงานส่งเสริมการพัฒนาชุมชน "
                                "โทร. ๐ ๔๒๔๑ ๑๑๘๒\t")
    with zipfile.ZipFile(io.BytesIO(docx)) as package:   # the phone never splits
        assert "โทร.\u00a0๐\u00a0๔๒๔๑\u00a0๑๑๘๒" in package.read("word/document.xml").decode("utf-8")
    assert lines[start + 2] == "ที่\tนค ๐๐๑๙.๓/ ......\tวันที่\t๒๕ ตุลาคม ๒๕๖๗\t"
    assert lines[start + 3] == "เรื่อง\tขออนุมัติเดินทางไปราชการ\t"
    assert lines[start + 4] == "เรียน ผู้ว่าราชการจังหวัดหนองคาย"
    assert "จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติ" in lines
    assert not any(line.startswith("ขอแสดงความนับถือ") for line in lines)


@pytest.mark.libreoffice
def test_a_memo_issues_in_the_letter_series_with_its_units_code(tmp_path):
    """A memo's ที่ is the owner unit's code over the office's letter series (the regulation's
    หนังสือภายใน is numbered as an external letter): the next external letter takes the next
    number of the same series."""
    soffice_or_skip()
    workspace = _workspace(tmp_path)
    spec = workspace / "letters" / "memo.yaml"
    spec.write_text(MEMO, encoding="utf-8")
    memo = issue(spec, workspace, date=date(2024, 10, 25))
    assert memo.number == "นค ๐๐๑๙.๓/ ๑"
    assert package_problems(memo.docx) == []
    assert pdf.pdfa_identification(memo.pdf) == ("2", "B")
    meta = json.loads(memo.metadata.read_text(encoding="utf-8"))
    assert meta["kind"] == "memo" and meta["number"] == memo.number
    assert [f for path in (memo.docx, memo.pdf) for f in lint_document(path)
            if f.severity == "error"] == []
    lines = [line for line in paragraphs(memo.docx.read_bytes()) if line.strip()]
    assert "ที่\tนค ๐๐๑๙.๓/ ๑\tวันที่\t๒๕ ตุลาคม ๒๕๖๗\t" in lines
    import subprocess

    printed = subprocess.run(["pdftotext", str(memo.pdf), "-"], capture_output=True, text=True,
                             check=True).stdout.replace("\u00a0", " ").splitlines()
    assert any("โทร. ๐ ๔๒๔๑ ๑๑๘๒" in line for line in printed)    # one line: never split
    with Registry.open(workspace) as reg:
        assert reg.reserve(office_id="nk-cdd", unit="3", date=date(2024, 10, 26)) == \
            ["นค ๐๐๑๙.๓/ ๒"]
        assert [r.number for r in reg.register_rows(2567)] == ["นค ๐๐๑๙.๓/ ๑", "นค ๐๐๑๙.๓/ ๒"]
        assert reg.verify() == []


def test_the_memo_template_sets_the_header_as_rules_section_2_says():
    """บันทึกข้อความ bold about 29 pt; each label bold about 20 pt; every header line ends with a
    dotted leader at the right margin, and its wrapped lines hang under the value."""
    from lxml import etree

    from generator.docx.geometry import TEXT_WIDTH

    with zipfile.ZipFile(REPO / "letter_templates" / "memo.docx") as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    by_id = {s.get(f"{w}styleId"): s for s in styles.iter(f"{w}style")}

    def rpr(style_id: str, tag: str) -> str | None:
        found = by_id[style_id].find(f"{w}rPr/{w}{tag}")
        return None if found is None else found.get(f"{w}val", "on")

    assert (rpr("MemoTitle", "szCs"), rpr("MemoTitle", "bCs")) == ("58", "on")
    assert (rpr("MemoLabel", "szCs"), rpr("MemoLabel", "bCs")) == ("40", "on")
    for style_id in ("MemoDepartment", "MemoNumberDate", "MemoSubject"):
        ppr = by_id[style_id].find(f"{w}pPr")
        stops = [(t.get(f"{w}val"), t.get(f"{w}leader"), int(t.get(f"{w}pos")))
                 for t in ppr.iterfind(f"{w}tabs/{w}tab")]
        assert stops[-1] == ("right", "dot", TEXT_WIDTH), style_id
        value = stops[0][2]                       # the value's stop, after the label
        ind = ppr.find(f"{w}ind")
        assert int(ind.get(f"{w}left")) == int(ind.get(f"{w}hanging")) == value, style_id
    assert ("left", "dot") in [(t.get(f"{w}val"), t.get(f"{w}leader")) for t in
                               by_id["MemoNumberDate"].iterfind(f"{w}pPr/{w}tabs/{w}tab")]


# --- announcements ------------------------------------------------------------------------------

ANNOUNCEMENT = EXAMPLES / "letters" / "announcement_tambon.yaml"


def test_the_announcement_prints_the_form_of_an_announcement(tmp_path):
    workspace = _workspace(tmp_path)
    docx = render(_spec(workspace, ANNOUNCEMENT), workspace, draft=False)
    assert package_problems(docx) == []
    lines = [line for line in paragraphs(docx) if line.strip()]
    start = lines.index("ประกาศจังหวัดหนองคาย")
    assert lines[start + 1] == "ที่ ......"     # hidden text: the office does not number them
    assert lines[start + 2] == ("เรื่อง ผลการคัดเลือกตำบลต้นแบบการขับเคลื่อนตำบลเข้มแข็ง "
                                "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘")
    assert "ประกาศ ณ วันที่ ..... (วันที่ออกหนังสือ)" in lines
    assert lines[-3] == "(นางสาวปราณี วงศ์บุตร)"
    assert b"AnnouncementNumberHidden" in _document_xml(docx)


def _document_xml(docx: bytes) -> bytes:
    import io
    import zipfile

    return zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")


@pytest.mark.libreoffice
@pytest.mark.parametrize("numbered", [False, True], ids=["unnumbered", "numbered"])
def test_an_announcement_issues_in_its_own_series(tmp_path, numbered):
    soffice_or_skip()
    workspace = _workspace(tmp_path)
    if numbered:
        profile = workspace / "registry" / "nongkhai.yaml"
        profile.write_text(profile.read_text(encoding="utf-8").replace(
            "  circulars: separate\n", "  circulars: separate\n  announcements: numbered\n"),
            encoding="utf-8")
    with Registry.open(workspace) as reg:   # an order of the same year: a series of its own
        with reg.allocate(office_id="nk-cdd", kind="order", date=date(2024, 10, 1)) as alloc:
            alloc.record(subject="คำสั่ง")
    letter = issue(_spec(workspace, ANNOUNCEMENT), workspace, date=date(2024, 10, 28))
    assert letter.number == "๑/๒๕๖๗" and letter.date_text == "๒๘ ตุลาคม พ.ศ. ๒๕๖๗"
    assert letter.docx.name == "นค0019-ประกาศ1-2567.docx"
    assert package_problems(letter.docx) == []
    assert pdf.pdfa_identification(letter.pdf) == ("2", "B")
    assert json.loads(letter.metadata.read_text(encoding="utf-8"))["kind"] == "announcement"
    text = pdf_text(letter.pdf)
    assert "ประกาศจังหวัดหนองคาย" in text and "ประกาศ ณ วันที่ ๒๘ ตุลาคม พ.ศ. ๒๕๖๗" in text
    assert ("ที่ ๑/๒๕๖๗" in text) == numbered
    assert [f for path in (letter.docx, letter.pdf) for f in lint_document(path)
            if f.severity == "error"] == []
    with Registry.open(workspace) as reg:
        assert reg.show("ประกาศ ๑/๒๕๖๗")["series"] == "announce"
        numbers = [r.number for r in reg.register_rows(2567)]
        assert numbers == ["ประกาศ ๑/๒๕๖๗", "คำสั่ง ๑/๒๕๖๗"]
        assert reg.verify() == []
