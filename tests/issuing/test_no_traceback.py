"""Every bad input of the issuing review through the real command line, in one table: exit 1,
one line on stderr naming the file (and field, and line where the input has lines), no
traceback, nothing archived, no number taken. The inputs are built by the tests of each finding
(tampered drafts, DTDs, lying zip sizes, hygiene, dates, deep nesting, database URLs, writes
into the archive), a batch folder's (its dates, a DTD in one draft), and ``reserve``'s and
``verify``'s; the bombs that need a memory limit run under one in ``test_limits.py``."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import copy_examples

from . import test_hygiene as hygiene
from . import test_limits as limits
from . import test_tampering as tampering
from .conftest import W_NS, make_draft

DAY = "2024-10-25"


def _tampered(edit):
    def build(ws: Path) -> list:
        draft = tampering._draft(ws)
        edit(ws, draft)
        return ["issue", draft, "--date", DAY]
    build.__name__ = edit.__name__.lstrip("_")
    return build


def _doctype(case: str, part: str):
    def build(ws: Path) -> list:
        doctype, reference = limits.DTD_CASES[case]
        if part == "docProps/custom.xml":
            doctype, reference = doctype.replace("w:document", "Properties"), ""
        draft = limits._with_doctype(make_draft(ws.parent / "d.docx"), ws.parent / "dtd.docx",
                                     part, doctype, reference)
        return ["issue", draft, "--date", DAY]
    build.__name__ = f"dtd {case} in {part}"
    return build


def lying_zip_size(ws: Path) -> list:
    draft = make_draft(ws.parent / "d.docx")
    bomb = limits._with_part(draft, ws.parent / "bomb.docx", "word/media/x.bin", 20 * 2**20,
                             replace=False)
    data = bytearray(bomb.read_bytes())
    stated = (20 * 2**20).to_bytes(8, "little")
    with zipfile.ZipFile(bomb) as z:
        assert data.rfind(stated) > z.getinfo("word/media/x.bin").header_offset
    at = data.rfind(stated)
    data[at:at + 8] = (1024).to_bytes(8, "little")
    bomb.write_bytes(bytes(data))
    return ["issue", bomb, "--date", DAY]


def _spec(name: str, text: str, *extra: str):
    def build(ws: Path) -> list:
        spec = ws / "letters" / f"{name}.yaml"
        spec.write_text(text, encoding="utf-8")
        return ["issue", spec, *extra]
    build.__name__ = name
    return build


def _deep(depth: int) -> str:
    return hygiene._spec() + "copy_to: " + "[" * depth + "ก" + "]" * depth + "\n"


def malformed_url(ws: Path) -> list:
    return ["--registry", "postgresql://u:secret@host:port/db", "issue",
            ws / "letters" / "tamper.yaml", "--date", DAY]


def draft_over_the_archive(ws: Path) -> list:
    return ["new", ws / "letters" / "tamper.yaml", "-o", ws / "output" / "issued" / "2567" /
            "X.docx", "--force"]


def register_over_the_archive(ws: Path) -> list:
    return ["register", "--year", "2567", "-o", ws / "output" / "issued" / "2567" / "X.pdf"]


def password_in_the_query(ws: Path) -> list:
    return ["--registry", "postgresql://genletter@127.0.0.1:1/db?password=secret", "issue",
            ws / "letters" / "tamper.yaml", "--date", DAY]


def port_in_the_query(ws: Path) -> list:
    return ["--registry", "postgresql:///db?password=secret&port=abc", "issue",
            ws / "letters" / "tamper.yaml", "--date", DAY]


def _batch(ws: Path, day: str | None = None) -> Path:
    """A batch folder of two drafts (``new --for``), dated ``day`` by their spec."""
    from generator.render.batch import render_batch

    from .test_batch import SPEC as BATCH_SPEC

    spec = ws / "letters" / "tambon.yaml"
    spec.write_text(BATCH_SPEC + (f"date: {day}\n" if day else ""), encoding="utf-8")
    table = ws / "list.csv"
    table.write_text("tambon,district,households\nก,ข,1\nค,ง,2\n", encoding="utf-8")
    return render_batch(spec, table, ws).folder


def _batch_dated(day: str, given: bool = False):
    def build(ws: Path) -> list:
        if given:
            return ["issue", _batch(ws), "--date", day]
        return ["issue", _batch(ws, day)]
    build.__name__ = f"batch {'given' if given else 'dated'} {day}"
    return build


def batch_with_a_dtd(ws: Path) -> list:
    folder = _batch(ws)
    draft = folder / "tambon-002.docx"
    doctype, _reference = limits.DTD_CASES["external entity"]
    limits._with_doctype(draft, ws / "dtd.docx", "docProps/custom.xml",
                         doctype.replace("w:document", "Properties"), "")
    (ws / "dtd.docx").replace(draft)
    return ["issue", folder, "--date", DAY]


def xml_nested_300_deep(ws: Path) -> list:
    draft = make_draft(ws.parent / "d.docx")
    nested = "<w:p><w:r><w:t>ก</w:t></w:r></w:p>"
    for _ in range(100):  # three elements a level: 300 deep
        nested = f"<w:tbl><w:tr><w:tc>{nested}</w:tc></w:tr></w:tbl>"
    deep = ws.parent / "deep.docx"
    with zipfile.ZipFile(draft) as source, zipfile.ZipFile(deep, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                from lxml import etree

                root = etree.fromstring(data)
                body = root.find(f"{{{W_NS}}}body")
                body.insert(0, etree.fromstring(f'<w:x xmlns:w="{W_NS}">{nested}</w:x>',
                                                etree.XMLParser(huge_tree=True))[0])
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            out.writestr(info, data)
    return ["issue", deep, "--date", DAY]


def reserve_in_9999(ws: Path) -> list:
    return ["reserve", "--office", "nk-cdd", "--date", "9999-12-31"]


def verify_a_year_too_large(ws: Path) -> list:
    return ["verify", "--year", "99999999999999999999"]


def not_a_docx(ws: Path) -> list:
    (ws / "output").mkdir(exist_ok=True)
    (ws / "output" / "x.docx").write_bytes(b"PK\3\4 not really a zip")
    return ["issue", ws / "output" / "x.docx", "--date", DAY]


BAD = [
    (_tampered(tampering._tampered_file), ["/etc/passwd", "attachments[0].file"]),
    (_tampered(tampering._escaping_path), ["outside the workspace", "attachments[0].file"]),
    (_tampered(tampering._symlinked_file), ["/etc/hostname", "outside the workspace"]),
    (_tampered(tampering._extra_attachment), ["tamper.docx", "attachments"]),
    (_tampered(tampering._changed_file), ["002_process.png", "not the file the draft was made"]),
    (_tampered(tampering._other_office), ["tamper.docx", "office cc-cdd"]),
    (_tampered(tampering._other_kind), ["tamper.docx", "office nk-cdd, unit 3 ("]),
    (_tampered(tampering._no_unit), ["tamper.docx", "office nk-cdd, circular"]),
    *[(_doctype(case, part), ["dtd.docx", part, "DTD"])
      for case in sorted(limits.DTD_CASES) for part in ("word/document.xml", "docProps/custom.xml")],
    (lying_zip_size, ["bomb.docx"]),
    (not_a_docx, ["x.docx"]),
    (_spec("bidi", hygiene._spec(subject="การขับเคลื่อน\u202eตำบล")),
     ["bidi.yaml:5:", "subject", "U+202E"]),
    (_spec("zero_width", hygiene._spec(body="ด้วยจังหวัด\u200bหนองคาย")),
     ["zero_width.yaml:9:", "body[0]", "U+200B"]),
    (_spec("unknown_value", hygiene._spec(body="ภายใน${foo}")),
     ["unknown_value.yaml:9:", "body[0]", "'${foo}'"]),
    (_spec("division", hygiene._spec(body="ภายใน${1/0}")), ["division.yaml:9:", "body[0]"]),
    (_spec("year_1800", hygiene._spec(), "--date", "1800-06-01"), ["year_1800.yaml", "date", "2343 BE"]),
    (_spec("year_9999", hygiene._spec() + "date: 9999-12-31\n"),
     ["year_9999.yaml:10:", "date", "outside 2500–2600"]),
    (_spec("year_0001", hygiene._spec(), "--date", "0001-01-01"), ["year_0001.yaml", "date", "544 BE"]),
    *[(_batch_dated(day, given), ["tambon-001.docx:", ": date: ", f"{int(day[:4]) + 543} BE",
                                  "outside 2500–2600"])
      for day in ("0001-01-01", "1800-06-01", "9999-12-31") for given in (False, True)],
    (batch_with_a_dtd, ["tambon-002.docx", "docProps/custom.xml", "DTD"]),
    (xml_nested_300_deep, ["deep.docx", "word/document.xml", "depth"]),
    (password_in_the_query, ["cannot open the register database", "password=***"]),
    (port_in_the_query, ["the register's database URL", "is not a URL", "password=***"]),
    (reserve_in_9999, ["date", "10542 BE", "outside 2500–2600", "--allow-date"]),
    (verify_a_year_too_large, ["99999999999999999999 is not a Buddhist-era year"]),
    (_spec("nested_300", _deep(300)), ["nested_300.yaml:", "copy_to", "nested more than"]),
    (malformed_url, ["the register's database URL", "is not a URL"]),
    (draft_over_the_archive, ["archive of issued letters"]),
    (register_over_the_archive, ["archive of issued letters"]),
]


def _archived(ws: Path) -> list[Path]:
    folder = ws / "output" / "issued"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


@pytest.mark.parametrize("build, words", BAD, ids=[b.__name__ for b, _ in BAD])
def test_every_bad_input_is_one_line_without_a_traceback(tmp_path, fake_pdf, build, words):
    ws = copy_examples(tmp_path / "ws")
    (ws / "letters" / "tamper.yaml").write_text(tampering.SPEC, encoding="utf-8")
    argv = build(ws)
    result = CliRunner().invoke(main, ["--workspace", str(ws), *map(str, argv)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert "secret" not in result.output
    for word in words:
        assert word in lines[0], f"{word!r} not in {lines[0]!r}"
    assert _archived(ws) == [] and fake_pdf == []
    log = CliRunner().invoke(main, ["--workspace", str(ws), "log"])
    assert log.exit_code == 0 and log.output.strip() == "", log.output  # no number taken
