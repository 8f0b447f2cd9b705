"""Fixtures for the issuing tests: hand-made drafts carrying the draft contract's marks, and a
register stand-in that honours the registry contract (one transaction per allocation)."""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import docx
import pytest
from lxml import etree

from generator.docx import NAMESPACES, marks, qn
from generator.docx.build import el
from generator.errors import UserError
from generator.thai.dates import be_year
from generator.thai.digits import to_arabic_digits, to_thai_digits

W_NS = NAMESPACES["w"]

SPEC = {
    "kind": "circular",
    "office": "nk-cdd",
    "unit": "3",
    "recipient": "นายอำเภอ ทุกอำเภอ",
    "subject": "การขับเคลื่อนตำบลเข้มแข็ง ตามหลักปรัชญาของเศรษฐกิจพอเพียง",
    "references": [{"number": "นค 0019.3/ว 632"},
                   {"number": "นข 0019/ว 1151", "agency": "จังหวัดเชียงใหม่", "date": "2023-02-20"}],
    "attachments": [{"title": "เกณฑ์การประเมินผล", "quantity": 1, "unit": "ชุด"}],
    "body": ["ตามหนังสือที่อ้างถึง จังหวัดหนองคายได้แจ้งแนวทางการดำเนินงาน นั้น"],
    "signer": "pranee",
}
BODY_TEXT = "ตามหนังสือที่อ้างถึง จังหวัดหนองคายได้แจ้งแนวทางการดำเนินงาน นั้น"
NUMBER_PLACEHOLDER = "นค ๐๐๑๙.๓/ว ......"
DATE_PLACEHOLDER = "..... (วันที่ออกหนังสือ)"


def _element(xml: str) -> etree._Element:
    return etree.fromstring(f'<w:x xmlns:w="{W_NS}">{xml}</w:x>')[0]


def _thai_defaults(document) -> None:
    """TH Sarabun New 16 pt for every script in docDefaults, as the letter templates set it."""
    rpr = document.styles.element.find("w:docDefaults/w:rPrDefault/w:rPr", NAMESPACES)
    for child in list(rpr):
        rpr.remove(child)
    for xml in ('<w:rFonts w:ascii="TH Sarabun New" w:hAnsi="TH Sarabun New" '
                'w:eastAsia="TH Sarabun New" w:cs="TH Sarabun New"/>',
                '<w:sz w:val="32"/>', '<w:szCs w:val="32"/>',
                '<w:lang w:val="th-TH" w:eastAsia="en-US" w:bidi="th-TH"/>'):
        rpr.append(_element(xml))


_KEPT_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Header", "HeaderChar",
                "Footer", "FooterChar"}


def _slim(document) -> None:
    """Drop what python-docx's stock template carries and a letter does not use (its 430 KB style
    gallery, twice): the schema check then takes milliseconds instead of half a second."""
    styles = document.styles.element
    for child in list(styles):
        if child.tag == qn("w:latentStyles") or (
                child.tag == qn("w:style") and child.get(qn("w:styleId")) not in _KEPT_STYLES):
            styles.remove(child)
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel_id)


def placeholder(spec: dict) -> str:
    """The number placeholder the renderer prints for a spec of the Nong Khai office."""
    unit = f".{to_thai_digits(str(spec['unit']))}" if spec.get("unit") else ""
    return f"นค ๐๐๑๙{unit}/{'ว ' if spec.get('kind') == 'circular' else ' '}......"


def make_draft(path: Path, spec: dict | None = None, *, with_spec: bool = True,
               body: list[str] | None = None, subject: str | None = None,
               attachments: list[str] | None = None) -> Path:
    """A draft as ``gen-letter new`` makes it: number and date controls, draft mark, spec; the
    document prints the spec's subject, recipient and attachment titles unless others are given."""
    document = docx.Document()
    _slim(document)
    _thai_defaults(document)
    header = document.sections[0].header
    mark = marks.control(
        marks.DRAFT_TAG, marks.DRAFT_ALIAS,
        el("w:p", el("w:pPr", el("w:jc", val="center")),
           el("w:r", el("w:rPr", el("w:b"), el("w:bCs"), el("w:color", val="FF0000")),
              el("w:t", marks.DRAFT_TEXT))),
        placeholder=False)
    header._element.insert(0, mark)

    spec = spec or SPEC
    number_p = document.add_paragraph("ที่ ")
    number_p._p.append(marks.control(
        marks.NUMBER_TAG, marks.NUMBER_ALIAS,
        el("w:r", el("w:rPr", el("w:rStyle", val="PlaceholderText")), el("w:t", placeholder(spec)))))
    date_p = document.add_paragraph()
    date_p._p.append(marks.control(
        marks.DATE_TAG, marks.DATE_ALIAS, el("w:r", el("w:t", DATE_PLACEHOLDER))))
    document.add_paragraph("เรื่อง\t" + (subject if subject is not None else spec["subject"]))
    document.add_paragraph("เรียน " + spec.get("recipient", ""))
    for i, item in enumerate(attachments if attachments is not None else
                             [a["title"] for a in spec.get("attachments", [])]):
        document.add_paragraph(("สิ่งที่ส่งมาด้วย" if i == 0 else "") + f"\t{item}\tจำนวน ๑ ชุด")
    for text in body or [BODY_TEXT, "จึงเรียนมาเพื่อโปรดพิจารณา"]:
        document.add_paragraph(text)
    if with_spec:
        marks.write_spec_property(document, spec)
    document.save(path)
    return path


@pytest.fixture
def draft(tmp_path) -> Path:
    return make_draft(tmp_path / "draft.docx")


# --- a register stand-in -----------------------------------------------------------------------

@dataclass
class FakeRegistry:
    """Honours the registry contract of issuing: take_number() commits a pending number at
    once, record_issue() records the letter, finish_issue() marks it issued, give_back() hands
    the number back (reserved again, the counter stepped back when it is the series' last, else
    spoilt); reserved numbers must be reserved, cancelled ones are refused."""

    digit_style: str = "thai"
    fail_on_record: bool = False
    running: dict = field(default_factory=dict)        # (series, year) -> last number taken
    letters: list = field(default_factory=list)        # recorded letters
    issued: list = field(default_factory=list)         # numbers finished
    spoilt: list = field(default_factory=list)         # (number, reason)
    reserved: set = field(default_factory=set)
    cancelled: set = field(default_factory=set)
    known: set = field(default_factory=lambda: {"นค0019.3/ว632"})  # letters resolve_reference finds

    @property
    def offices(self):
        return {"nk-cdd": self.office()}

    def office(self, office_id=None):
        if office_id not in (None, "nk-cdd"):
            raise UserError(f"no office {office_id!r}")
        return SimpleNamespace(id="nk-cdd", code="นค 0019", name="สำนักงานพัฒนาชุมชนจังหวัดหนองคาย",
                               digit_style=self.digit_style, number_text=self._number_text)

    def _number_text(self, running, *, unit=None, circular=False):
        return self.text("นค 0019" + (f".{unit}" if unit else "") + ("/ว " if circular else "/ ")
                         + str(running))

    def text(self, value: str) -> str:
        return to_thai_digits(value) if self.digit_style == "thai" else to_arabic_digits(value)

    def take_number(self, *, claim, office_id=None, unit=None, circular=False, date=None,
                    reserved=None, draft_id=None, before_commit=None,
                    kind=None):
        series = "ว" if circular else ""
        year = be_year(date)
        code = "นค 0019" + (f".{unit}" if unit else "")
        key = None
        if reserved:
            key = "".join(to_arabic_digits(reserved).split())
            if key in self.cancelled:
                raise UserError(f"{reserved} was cancelled and cannot be issued")
            if key not in self.reserved:
                raise UserError(f"{reserved} is not a reserved number")
            number = self.text(reserved)
            running = int(key.rsplit("ว", 1)[-1].rsplit("/", 1)[-1])
            self.reserved.discard(key)
        else:
            running = self.running.get((series, year), 0) + 1
            number = self.text(f"{code}/{series} {running}")   # นค ๐๐๑๙/ ๑, นค ๐๐๑๙/ว ๑
            self.running[(series, year)] = running
        return SimpleNamespace(number_text=number, running=running, year=year, claim=claim,
                               series=series, reserved_key=key, recorded=None)

    def record_issue(self, pending, *, before_commit=None, **fields):
        if self.fail_on_record:
            raise RuntimeError("the database went away")
        pending.recorded = {"number": pending.number_text, **fields}
        return pending

    def finish_issue(self, pending, text=None, *, before_commit=None):
        self.letters.append(pending.recorded)
        self.issued.append(pending.number_text)

    def give_back(self, pending, reason):
        if pending.reserved_key:
            self.reserved.add(pending.reserved_key)
            return "reserved"
        key = (pending.series, pending.year)
        if self.running.get(key) == pending.running:
            self.running[key] -= 1
            if not self.running[key]:
                del self.running[key]
            return "given back"
        self.spoilt.append((pending.number_text, reason))
        return "spoilt"

    def unfinished(self):
        return []

    def issued_from_draft(self, draft_id):
        return next((r["number"] for r in self.letters if r.get("draft_id") == draft_id), None)

    def resolve_reference(self, number_text, year=None, office_id=None):
        key = "".join(to_arabic_digits(number_text).split())
        if key not in self.known:
            raise UserError(f"{number_text!r} is not in the register")
        return SimpleNamespace(number=number_text, agency="จังหวัดหนองคาย", date=None, speed=None)

    def close(self):
        pass


@pytest.fixture
def fake_registry() -> FakeRegistry:
    return FakeRegistry()


@pytest.fixture
def fake_pdf(monkeypatch):
    """Replace LibreOffice by a stand-in that writes a tiny PDF (LibreOffice has its own tests)."""
    from generator import pdf

    calls = []

    def convert(pairs, **_kw):
        for docx_path, pdf_path in pairs:
            calls.append(Path(docx_path))
            Path(pdf_path).write_bytes(b"%PDF-1.7\n% stand-in\n%%EOF\n")
        return pdf.Conversion([Path(p) for _d, p in pairs], None)

    monkeypatch.setattr(pdf, "convert", convert)
    return calls


def stand_in_soffice(monkeypatch, folder: Path, script: str) -> Path:
    """Make gen-letter run ``script`` (a shell body) as LibreOffice."""
    program = folder / "soffice"
    program.write_text("#!/bin/sh\n" + script + "\n")
    program.chmod(0o755)
    monkeypatch.setenv("GEN_LETTER_SOFFICE", str(program))
    return program


def soffice_or_skip() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF tests need it")
    return found
