"""Attachment documents: Word-clean packages, computed values, tables that behave on paper, and
the combined DOCX of a letter with its attachments."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree

from generator.docx.package import package_problems
from generator.docx.text import units
from generator.render.attachments import render_attachment
from generator.spec.attachments import load_attachment

from tests.conftest import SEED_SPECS

from .conftest import EXAMPLES, render_bundle

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ATTACHMENTS = sorted((EXAMPLES / "attachments").glob("*.yaml"))
LETTERS = SEED_SPECS  # the other kinds send no attachments: tests/issuing/test_kinds.py


def _render(path: Path, **kw) -> bytes:
    return render_attachment(load_attachment(path), EXAMPLES, **kw)


def _xml(docx: bytes, part: str = "word/document.xml"):
    with zipfile.ZipFile(BytesIO(docx)) as package:
        return etree.fromstring(package.read(part))


@pytest.mark.parametrize("path", ATTACHMENTS, ids=lambda p: p.stem)
def test_every_example_attachment_is_a_clean_package(path: Path):
    assert package_problems(_render(path)) == []


@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.stem[:3])
def test_every_combined_bundle_is_a_clean_package(path: Path):
    letter, combined = render_bundle(path, EXAMPLES)
    assert package_problems(combined) == []
    # the letter comes first, unchanged in its text
    assert units(combined)[:len(units(letter))] == units(letter)


def test_bundle_sections_each_attachment_from_a_new_page_with_its_own_headers():
    letter, combined = render_bundle(EXAMPLES / "letters" / "002_969013ac331ac01f.yaml", EXAMPLES)
    root = _xml(combined)
    sections = list(root.iter(f"{W}sectPr"))
    assert len(sections) == 4                      # the letter + three attachment documents
    header_ids = [tuple(h.get("{http://schemas.openxmlformats.org/officeDocument/2006/"
                              "relationships}id") for h in s.findall(f"{W}headerReference"))
                  for s in sections]
    assert len(set(header_ids)) == 4               # every section has headers of its own
    for sect in sections[1:]:                      # attachments count their pages from 1
        assert sect.find(f"{W}pgNumType").get(f"{W}start") == "1"
        assert sect.find(f"{W}type") is None or sect.find(f"{W}type").get(f"{W}val") == "nextPage"
    with zipfile.ZipFile(BytesIO(combined)) as package:
        names = package.namelist()
        headers = [n for n in names if re.fullmatch(r"word/header\d+\.xml", n)]
        assert len(headers) == 8                   # two (first page, others) per section
        booklet_headers = [package.read(n).decode() for n in headers]
        assert sum("แนวทางการดำเนินงานโครงการพัฒนาศักยภาพ" in h for h in booklet_headers) == 1
        assert "word/media/attachment1.png" in names and len(names) == len(set(names))
        ids = [e.get("id") for e in root.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
        assert len(ids) == len(set(ids)) >= 4     # Garuda + diagram + two QR codes


def test_long_tables_repeat_their_header_and_rows_do_not_split():
    root = _xml(_render(EXAMPLES / "attachments" / "003_topics.yaml"))
    table = root.find(f".//{W}tbl")
    rows = table.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)


def test_booklet_pages_carry_a_running_header_and_page_numbers():
    docx = _render(EXAMPLES / "attachments" / "002_guideline.yaml")
    header = _xml(docx, "word/header1.xml")
    text = "".join(header.itertext())
    assert "แนวทางการดำเนินงานโครงการพัฒนาศักยภาพกลุ่ม องค์กร และเครือข่ายฯ" in text
    assert any("PAGE" in (i.text or "") for i in header.iter(f"{W}instrText"))
    first = "".join(_xml(docx, "word/header2.xml").itertext())
    assert "PAGE" not in first and "แนวทาง" not in first  # the title page has no running header


def test_issued_attachments_lose_the_draft_mark():
    path = EXAMPLES / "attachments" / "003_visits.yaml"
    assert "ร่าง" in "".join(_xml(_render(path), "word/header1.xml").itertext())
    assert "ร่าง" not in "".join(_xml(_render(path, draft=False), "word/header1.xml").itertext())


def test_a_word_file_attachment_joins_the_bundle_with_headers_of_its_own(workspace: Path):
    """A .docx sent as a file (here one made by python-docx: its own styles, theme, numbering,
    no headers) is joined after the letter; the result is a clean package, its list numbering
    does not run on from the letter's, and it does not inherit the letter's headers."""
    import docx as python_docx

    annex = python_docx.Document()
    annex.add_paragraph("Annex A")
    annex.add_paragraph("first", style="List Number")
    annex.add_table(rows=2, cols=2).cell(0, 0).text = "cell"
    annex.save(workspace / "attachments" / "annex.docx")
    spec = workspace / "letters" / "003_94abadab182a54d7.yaml"
    text = spec.read_text(encoding="utf-8").replace(
        "    id: topics\n    document: ../attachments/003_topics.yaml\n",
        "    id: topics\n    file: ../attachments/annex.docx\n")
    spec.write_text(text, encoding="utf-8")
    letter, combined = render_bundle(spec, workspace)
    assert package_problems(combined) == []
    assert units(combined)[-3:] == ["Annex A", "first", "cell"]
    root = _xml(combined)
    last = root.find(f"{W}body/{W}sectPr")
    refs = {(r.tag.rsplit('}')[1], r.get(f"{W}type")) for r in last}
    assert ("headerReference", "default") in refs and ("footerReference", "default") in refs
    with zipfile.ZipFile(BytesIO(combined)) as package:
        numbering = etree.fromstring(package.read("word/numbering.xml"))
    nums = [n.get(f"{W}numId") for n in numbering.iter(f"{W}num")]
    assert len(nums) == len(set(nums))
