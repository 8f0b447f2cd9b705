"""`gen-letter new` and bad input: one clear line, exit status 1, nothing written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import UserError
from generator.spec import load_spec

GOOD = """\
kind: circular
office: nk-cdd
unit: ๓
recipient: นายอำเภอ ทุกอำเภอ
subject: ทดสอบ
body:
  - ด้วยจังหวัดหนองคาย ขอแจ้งว่า
closing: เพื่อโปรดทราบ
signer: pranee
"""


def run_new(workspace: Path, spec_text: str, *extra: str):
    spec = workspace / "letters" / "case.yaml"
    spec.write_text(spec_text, encoding="utf-8")
    result = CliRunner().invoke(main, ["--workspace", str(workspace), "new", str(spec), *extra])
    return result, spec


def drafts(workspace: Path) -> list[Path]:
    folder = workspace / "output" / "drafts"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_new_writes_a_draft_and_prints_its_path(workspace: Path) -> None:
    result, spec = run_new(workspace, GOOD)
    assert result.exit_code == 0, result.output
    written = workspace / "output" / "drafts" / "case.docx"
    assert result.output.strip() == str(written)
    assert zipfile.is_zipfile(written)
    assert drafts(workspace) == [written]  # no temporary file left beside it


def test_new_with_output_option(workspace: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "my.docx"
    result, _ = run_new(workspace, GOOD, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(target) and zipfile.is_zipfile(target)
    assert drafts(workspace) == []


BAD = [
    # (spec text, words the one-line message must contain)
    ("kind: circular\nsubject: [unclosed\n", ["case.yaml:3:", "YAML syntax error", "flow sequence started on line 2"]),
    (GOOD.replace("subject: ทดสอบ\n", ""), ["case.yaml:1:", "missing field 'subject'"]),
    (GOOD + "date: 2024-02-30\n", ["case.yaml:10:", "date:", "'2024-02-30' is not a real date"]),
    (GOOD + "date: 30/02/2024\n", ["case.yaml:10:", "date:", "YYYY-MM-DD"]),
    (GOOD.replace("signer: pranee", "signer: pranie"),
     ["case.yaml:9:", "signer:", "unknown signer 'pranie'", "did you mean 'pranee'",
      "known signers: pranee (นางสาวปราณี วงศ์บุตร)"]),
    (GOOD.replace("subject:", "subjct:"),
     ["case.yaml:5:", "unknown field 'subjct'", "did you mean 'subject'?"]),
    (GOOD.replace("kind: circular", "kind: letter"), ["case.yaml:1:", "kind:", "one of: external"]),
    (GOOD.replace("ขอแจ้งว่า", 'ขอแจ้ง\\a"').replace("  - ด้วย", '  - "ด้วย'),
     ["case.yaml:7:", "body[0]:", "control character U+0007"]),
    (GOOD.replace("unit: ๓", "unit: 9"), ["case.yaml:3:", "unknown unit '9'", "known units: 3"]),
    (GOOD.replace("office: nk-cdd", "office: nk"), ["case.yaml:2:", "unknown office 'nk'"]),
    (GOOD + "references:\n  - นค 0019/ว 99\n",
     ["case.yaml:11:", "references[0]", "the whole letter inline"]),
    ("- just\n- a list\n", ["case.yaml:1:", "must be a mapping"]),
]


@pytest.mark.parametrize("text,words", BAD, ids=[
    "yaml-syntax", "missing-field", "impossible-date", "non-iso-date", "unknown-signer",
    "unknown-field", "bad-kind", "control-char", "unknown-unit", "unknown-office",
    "unregistered-reference", "not-a-mapping"])
def test_bad_spec_is_one_line_exit_1_nothing_written(workspace: Path, text: str,
                                                     words: list[str]) -> None:
    result, _ = run_new(workspace, text)
    assert result.exit_code == 1, result.output
    message = result.output.strip()
    assert message.startswith("gen-letter: ") and "\n" not in message, message
    assert "Traceback" not in result.output
    for word in words:
        assert word in message, (word, message)
    assert drafts(workspace) == []


def test_raw_control_character_in_the_file(workspace: Path) -> None:
    result, _ = run_new(workspace, GOOD.replace("ขอแจ้งว่า", "ขอแจ้ง\x07ว่า"))
    assert result.exit_code == 1
    assert "case.yaml:7:" in result.output and drafts(workspace) == []


def test_missing_spec_file(workspace: Path) -> None:
    result = CliRunner().invoke(main, ["--workspace", str(workspace), "new",
                                       str(workspace / "nope.yaml")])
    assert result.exit_code == 1 and "no such file" in result.output


def _edit_template(workspace: Path, old: str, new: str) -> None:
    """Put an edited copy of the stock external template into the workspace."""
    from generator.paths import stock_templates_dir

    source = stock_templates_dir() / "external.docx"
    target = workspace / "letter_templates" / "external.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, new, 1).encode("utf-8")
            zout.writestr(info, data)


@pytest.mark.parametrize("old,new,words", [
    ("{{ subject }}", "{{ subject ", ["external.docx", "template error", "เรื่อง"]),
    ("{{ subject }}", "{{ subjekt }}", ["external.docx", "'subjekt' is undefined"]),
    ("{{ subject }}", "{{ subject.__class__.__mro__ }}", ["external.docx", "unsafe"]),
], ids=["syntax", "undefined-name", "sandbox"])
def test_template_with_a_jinja_error(workspace: Path, old: str, new: str, words: list[str]) -> None:
    _edit_template(workspace, old, new)
    result, _ = run_new(workspace, GOOD)
    assert result.exit_code == 1, result.output
    for word in words:
        assert word in result.output, (word, result.output)
    assert "Traceback" not in result.output and drafts(workspace) == []


def test_office_edited_template_wording_is_used(workspace: Path) -> None:
    """Wording lives in the template: an office edit shows up without touching code."""
    _edit_template(workspace, ">เรื่อง<", ">เรื่อง:<")
    result, _ = run_new(workspace, GOOD)
    assert result.exit_code == 0, result.output
    from generator.docx.text import paragraphs

    text = paragraphs((workspace / "output" / "drafts" / "case.docx").read_bytes())
    assert any(p.startswith("เรื่อง:\tทดสอบ") for p in text), text


def test_library_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("kind: memo\nrecipient: a\nsubject: b\nbody: []\nclosing: c\nsigner: d\n",
                    encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_spec(path)
    assert str(caught.value) == f"{path}:4: body: needs at least one entry"


def test_an_existing_draft_is_kept_unless_forced(workspace: Path) -> None:
    result, _ = run_new(workspace, GOOD)
    assert result.exit_code == 0
    draft = workspace / "output" / "drafts" / "case.docx"
    draft.write_bytes(b"reviewer's edits")
    result, _ = run_new(workspace, GOOD)
    assert result.exit_code == 1 and "already there" in result.output and "--force" in result.output
    assert draft.read_bytes() == b"reviewer's edits"
    result, _ = run_new(workspace, GOOD, "--force")
    assert result.exit_code == 0 and zipfile.is_zipfile(draft)


def test_office_with_arabic_digit_style(workspace: Path) -> None:
    profile = workspace / "registry" / "nongkhai.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("digit_style: thai",
                                                                   "digit_style: arabic"),
                       encoding="utf-8")
    result, _ = run_new(workspace, GOOD + "date: 2024-10-25\n"
                        "attachments:\n  - title: แผน ๒๕๖๘\n    quantity: 2\n")
    assert result.exit_code == 0, result.output
    from generator.docx.text import paragraphs

    text = paragraphs((workspace / "output" / "drafts" / "case.docx").read_bytes())
    assert "ที่ นค 0019.3/ว ......" in text
    assert "25 ตุลาคม 2567" in text and "ถนนมิตรภาพ นค 43000" in text
    assert "สิ่งที่ส่งมาด้วย\tแผน 2568\tจำนวน 2 ชุด" in text
    assert "โทร./โทรสาร 0 4241 1182" in text


def test_reference_given_by_number_comes_from_the_register(workspace: Path) -> None:
    from datetime import date

    from generator.registry import Registry

    registry = Registry.open(workspace)
    registry.receive(their_number="นข 0019/ว 632", their_date=date(2023, 1, 31),
                     sender="จังหวัดเชียงใหม่", subject="ตำบลเข้มแข็ง", speed="ด่วนที่สุด",
                     office_id="nk-cdd")
    result, _ = run_new(workspace, GOOD + "references:\n  - นข 0019/ว 632\n")
    assert result.exit_code == 0, result.output
    from generator.docx.text import paragraphs

    text = paragraphs((workspace / "output" / "drafts" / "case.docx").read_bytes())
    assert ("อ้างถึง\tหนังสือจังหวัดเชียงใหม่ ด่วนที่สุด ที่ นข ๐๐๑๙/ว ๖๓๒ "
            "ลงวันที่ ๓๑ มกราคม ๒๕๖๖") in text


def test_reference_given_by_number_comes_from_the_register_named_by_registry_option(
        workspace: Path, tmp_path: Path) -> None:
    """An office-wide register (--registry) is the one `new` looks numbers up in, not a
    workspace SQLite file that happens to be empty."""
    from datetime import date

    from generator.registry import Registry

    url = f"sqlite:///{tmp_path / 'office-wide.sqlite'}"
    with Registry.open(workspace, url) as registry:
        registry.receive(their_number="นข 0019/ว 632", their_date=date(2023, 1, 31),
                         sender="จังหวัดเชียงใหม่", subject="ตำบลเข้มแข็ง", speed="ด่วนที่สุด",
                         office_id="nk-cdd")
    spec = workspace / "letters" / "case.yaml"
    spec.write_text(GOOD + "references:\n  - นข 0019/ว 632\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--workspace", str(workspace), "--registry", url,
                                       "new", str(spec)])
    assert result.exit_code == 0, result.output
    from generator.docx.text import paragraphs

    text = paragraphs((workspace / "output" / "drafts" / "case.docx").read_bytes())
    assert ("อ้างถึง\tหนังสือจังหวัดเชียงใหม่ ด่วนที่สุด ที่ นข ๐๐๑๙/ว ๖๓๒ "
            "ลงวันที่ ๓๑ มกราคม ๒๕๖๖") in text


def test_tag_split_across_runs_by_word_still_works(workspace: Path) -> None:
    """Word splits text into runs as people edit (proofing, formatting); tags still work."""
    split = ('{{ sub</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:i/></w:rPr>'
             '<w:t xml:space="preserve">ject }}')
    _edit_template(workspace, "{{ subject }}", split)
    result, _ = run_new(workspace, GOOD)
    assert result.exit_code == 0, result.output
    from generator.docx.text import paragraphs

    assert "เรื่อง\tทดสอบ" in paragraphs((workspace / "output" / "drafts" / "case.docx").read_bytes())


def test_a_draft_gets_the_permissions_of_any_new_file(workspace: Path) -> None:
    """Colleagues reviewing on a shared folder can open drafts (the umask decides, as for
    any file the user makes)."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        result, _ = run_new(workspace, GOOD)
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    draft = workspace / "output" / "drafts" / "case.docx"
    assert stat.S_IMODE(draft.stat().st_mode) == 0o644
