"""`gen-letter new SPEC --for LIST.csv`: one draft per row, the row's values in its text; a bad
list is one line naming file, line and column, and nothing is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.docx import marks
from generator.docx.text import paragraphs
from generator.render import render
from generator.render.batch import render_batch
from generator.spec import spec_from_text

SPEC = """\
kind: external
office: ub-cdd
recipient: ${title}${district}
subject: เป้าหมายการพัฒนาตำบล${tambon} ประจำปีงบประมาณ พ.ศ. 2567
body:
  - >-
    โดยตำบล${tambon} อำเภอ${district} มีเป้าหมาย จำนวน ${households} ครัวเรือน
    คิดเป็นงบประมาณ ${households * 250} บาท & <ค่าใช้จ่าย>
  - รายงานผลภายในวันที่ ${date 2024-03-29} รวม ${2 + 3} ฉบับ
closing: จึงเรียนมาเพื่อโปรดทราบ
signer: pista
"""
ROWS = [("นายอำเภอ", "เมืองอุบลราชธานี", "ในเมือง", "1250"),
        ("นายอำเภอ", "วารินชำราบ", "บุ่งไหม", "2,310"),
        ("นายกรัฐมนตรี ผ่าน นายอำเภอ", "เดชอุดม", "กลาง", "7")]


def write(workspace: Path, spec: str = SPEC, rows=ROWS,
          header: str = "title,district,tambon,households") -> tuple[Path, Path]:
    spec_path = workspace / "letters" / "tambon.yaml"
    spec_path.write_text(spec, encoding="utf-8")
    table = workspace / "list.csv"
    table.write_text(header + "\n" + "".join(",".join(f'"{c}"' for c in row) + "\n"
                                             for row in rows), encoding="utf-8")
    return spec_path, table


def text_of(docx: bytes) -> list[str]:
    return [p for p in paragraphs(docx) if p.strip()]


def whole(workspace: Path, row) -> bytes:
    """The row's letter rendered as `gen-letter new` renders a spec of its own."""
    title, district, tambon, households = row
    text = (SPEC.replace("${title}", title).replace("${district}", district)
            .replace("${tambon}", tambon).replace("${households}", households)
            .replace("${households * 250}", f"{int(households.replace(',', '')) * 250:,}"))
    return render(spec_from_text(text, str(workspace / "letters" / "tambon.yaml")), workspace)


def test_one_draft_per_row_says_what_rendering_the_row_on_its_own_says(workspace: Path) -> None:
    spec, table = write(workspace)
    batch = render_batch(spec, table, workspace)
    assert batch.folder == workspace / "output" / "drafts" / "tambon"
    assert [p.name for p in batch.drafts] == ["tambon-001.docx", "tambon-002.docx",
                                              "tambon-003.docx"]
    assert batch.whole == 1  # the prime minister takes กราบเรียน: rendered whole
    ids = set()
    for path, row in zip(batch.drafts, ROWS):
        data = path.read_bytes()
        assert text_of(data) == text_of(whole(workspace, row))
        properties = marks.read_properties(data)
        stored = json.loads(properties[marks.SPEC_PROPERTY])
        assert stored["subject"] == f"เป้าหมายการพัฒนาตำบล{row[2]} ประจำปีงบประมาณ พ.ศ. 2567"
        assert stored["recipient"] == row[0] + row[1]
        assert not any(0xE000 <= ord(ch) < 0xF900 for ch in json.dumps(stored) + "".join(
            text_of(data)))
        ids.add(properties[marks.DRAFT_PROPERTY])
    assert len(ids) == 3
    second = text_of(batch.drafts[1].read_bytes())
    assert any("จำนวน ๒,๓๑๐ ครัวเรือน คิดเป็นงบประมาณ ๕๗๗,๕๐๐ บาท & <ค่าใช้จ่าย>" in p
               for p in second)
    assert any("๒๙ มีนาคม ๒๕๖๗ รวม ๕ ฉบับ" in p for p in second)
    assert any(p.startswith("กราบเรียน") for p in text_of(batch.drafts[2].read_bytes()))


def test_the_command_prints_the_folder_and_replaces_it_only_with_force(workspace: Path) -> None:
    spec, table = write(workspace)
    run = lambda *extra: CliRunner().invoke(  # noqa: E731
        main, ["--workspace", str(workspace), "new", str(spec), "--for", str(table), *extra])
    result = run()
    assert result.exit_code == 0, result.output
    folder = workspace / "output" / "drafts" / "tambon"
    assert result.stdout.strip() == str(folder)
    assert len(list(folder.glob("*.docx"))) == 3
    again = run()
    assert again.exit_code == 1 and "already there" in again.output and "--force" in again.output
    write(workspace, rows=ROWS[:1])
    assert run("--force").exit_code == 0
    assert [p.name for p in folder.iterdir()] == ["tambon-001.docx"]
    assert [p.name for p in folder.parent.iterdir()] == ["tambon"]  # no temporary left


BAD = [
    # (what is wrong, spec, header, rows, words the message must hold)
    ("a row misses a column", SPEC, "title,district,tambon,households",
     [ROWS[0], ROWS[1][:3]], ["list.csv:3:", "households", "3 cells"]),
    ("a placeholder names no column", SPEC.replace("${households}", "${homes}"),
     "title,district,tambon,households", ROWS, ["list.csv:1:", "homes", "body[0]", "no column"]),
    ("an empty cell the spec uses", SPEC, "title,district,tambon,households",
     [ROWS[0], ("นายอำเภอ", "", "x", "1")], ["list.csv:3:", "district", "empty"]),
    ("a calculation over a word", SPEC, "title,district,tambon,households",
     [ROWS[0], ("นายอำเภอ", "เขมราฐ", "x", "สิบ")], ["list.csv:3:", "households", "not a number"]),
    ("a column name that is not a name", SPEC, "title,district,tambon,households,ตำบล",
     [r + ("x",) for r in ROWS], ["list.csv:1:", "ตำบล", "not a name"]),
    ("a placeholder where row values may not go", SPEC.replace("signer: pista", "signer: ${title}"),
     "title,district,tambon,households", ROWS, ["tambon.yaml:", "signer", "only in"]),
    ("an invisible character in a cell", SPEC, "title,district,tambon,households",
     [ROWS[0], ("นายอำเภอ", "เขม\u200bราฐ", "x", "1")], ["list.csv:3:", "district", "zero-width"]),
    ("a list with no rows", SPEC, "title,district,tambon,households", [], ["list.csv", "no rows"]),
]


@pytest.mark.parametrize("what, spec_text, header, rows, words", BAD, ids=[b[0] for b in BAD])
def test_a_bad_list_is_one_line_and_nothing_is_written(workspace: Path, what, spec_text, header,
                                                       rows, words) -> None:
    spec, table = write(workspace, spec_text, rows, header)
    result = CliRunner().invoke(main, ["--workspace", str(workspace), "new", str(spec),
                                       "--for", str(table)])
    assert result.exit_code == 1, result.output
    line = result.output.strip()
    assert "\n" not in line and "Traceback" not in line
    for word in words:
        assert word in line, (word, line)
    assert not (workspace / "output" / "drafts").exists() or \
        not any((workspace / "output" / "drafts").iterdir())


def test_a_list_not_in_utf8_names_line_and_column(workspace: Path) -> None:
    spec, table = write(workspace)
    table.write_bytes("title,district,tambon,households\nนายอำเภอ,เมือง,".encode()
                      + "บ้านใหม่".encode("tis-620") + b",1\n")
    result = CliRunner().invoke(main, ["--workspace", str(workspace), "new", str(spec),
                                       "--for", str(table)])
    assert result.exit_code == 1
    assert "list.csv:2: tambon: is not UTF-8 text" in result.output
    assert "CSV UTF-8" in result.output
    assert not (workspace / "output" / "drafts" / "tambon").exists()


def test_a_byte_order_mark_and_quoted_commas_are_read(workspace: Path) -> None:
    spec, table = write(workspace, rows=[("นายอำเภอ", "เมือง, ใต้", "ก", "1")])
    table.write_bytes(b"\xef\xbb\xbf" + table.read_bytes())
    batch = render_batch(spec, table, workspace)
    assert any("อำเภอเมือง, ใต้" in p for p in text_of(batch.drafts[0].read_bytes()))


def test_shared_attachment_documents_are_rendered_once(workspace: Path, monkeypatch) -> None:
    from generator.render import attachments

    calls = []
    real = attachments.render_attachment
    monkeypatch.setattr(attachments, "render_attachment",
                        lambda *a, **k: calls.append(1) or real(*a, **k))
    spec_text = SPEC.replace("closing:", "attachments:\n  - title: แนวทาง\n    quantity: 1\n"
                             "    url: https://ubonratchathani.cdd.go.th/example/a\n"
                             "attachment_list: ../attachments/004_list.yaml\nclosing:")
    spec, table = write(workspace, spec_text, rows=ROWS[:2] * 3)
    batch = render_batch(spec, table, workspace)
    assert len(calls) == 1  # the attachment list, once for six letters
    bundles = sorted(batch.folder.glob("*.bundle.docx"))
    assert len(bundles) == 6
    assert any("ตำบลบุ่งไหม" in p for p in text_of(bundles[1].read_bytes()))
