"""An issued letter in a fresh workspace, for the exchange tests: the first letter, then a
second one citing it (LibreOffice replaced by a stand-in writing a small real PDF)."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest

from generator.issuing import issue
from generator.registry import Registry, init_workspace
from tests.issuing.conftest import SPEC, make_draft

DAY = date(2024, 10, 25)


def small_pdf(path: Path) -> None:
    """A one-page PDF written with pyHanko's writer (any valid PDF will do here)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.writer import PdfFileWriter

    writer = PdfFileWriter()
    page = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Page"),
        generic.NameObject("/MediaBox"): generic.ArrayObject(
            [generic.NumberObject(n) for n in (0, 0, 595, 842)]),
    })
    writer.insert_page(page)
    with open(path, "wb") as out:
        writer.write(out)


@pytest.fixture
def stand_in_pdf(monkeypatch):
    from generator import pdf

    def convert(pairs, **_kw):
        for _docx, pdf_path in pairs:
            small_pdf(Path(pdf_path))
        return pdf.Conversion([Path(p) for _d, p in pairs], None)

    monkeypatch.setattr(pdf, "convert", convert)


def issue_letter(workspace: Path, name: str, **changes):
    spec = copy.deepcopy(SPEC)
    spec["references"] = []
    spec.update(changes)
    draft = make_draft(workspace / "output" / "drafts" / f"{name}.docx", spec)
    with Registry.open(workspace) as registry:
        return issue(draft, workspace, date=DAY, registry=registry)


@pytest.fixture
def workspace(tmp_path, stand_in_pdf) -> Path:
    root = init_workspace(tmp_path / "ws").root
    profile = next((root / "registry").glob("*.yaml"))
    profile.write_text(profile.read_text(encoding="utf-8") +
                       "ecms:\n  ministry_id: \"1500\"\n  department_id: \"1507\"\n",
                       encoding="utf-8")
    return root


@pytest.fixture
def letters(workspace):
    first = issue_letter(workspace, "first", subject="แนวทางการดำเนินงาน ปี ๒๕๖๘")
    second = issue_letter(workspace, "second", speed="ด่วนที่สุด",
                          references=[{"number": first.number}])
    return first, second
