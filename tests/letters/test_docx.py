"""The Word documents themselves: layout rules, Thai font properties, draft marks, text safety."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.docx import marks
from generator.docx.package import check_package
from generator.docx.text import paragraphs
from generator.render import render
from generator.docx.template import compiled
from generator.spec import spec_from_text

from .conftest import EXAMPLES, REPO

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
THAI = re.compile("[\u0e00-\u0e7f]")
from tests.conftest import SEED_SPECS as EXAMPLE_SPECS  # noqa: E402  (other kinds: test_kinds.py)

BASE = """\
kind: {kind}
office: nk-cdd
unit: 3
recipient: {recipient}
subject: {subject}
body: {body}
closing: เพื่อโปรดทราบ
signer: pranee
"""


def letter(workspace: Path = EXAMPLES, *, kind="circular", recipient="นายอำเภอ ทุกอำเภอ",
           subject="ทดสอบ", body='["ด้วย"]', extra="", draft=True) -> bytes:
    text = BASE.format(kind=kind, recipient=recipient, subject=subject, body=body) + extra
    return render(spec_from_text(text, "case.yaml"), workspace, draft=draft)


def part(docx: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return etree.fromstring(package.read(name))


def parts_named(docx: bytes, pattern: str) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return {n: etree.fromstring(package.read(n)) for n in package.namelist()
                if re.fullmatch(pattern, n)}


def val(element, path):
    found = element.find(path)
    return None if found is None else found.get(f"{W}val")


# --- complex-script fonts (§9) ------------------------------------------------------------------

class Styles:
    """Resolves a run's font/size through run, character style, paragraph style, defaults."""

    def __init__(self, styles: etree._Element):
        self.by_id = {s.get(f"{W}styleId"): s for s in styles.findall(f"{W}style")}
        self.defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")

    def chain(self, style_id):
        while style_id and style_id in self.by_id:
            style = self.by_id[style_id]
            yield style.find(f"{W}rPr")
            style_id = val(style, f"{W}basedOn")

    def resolve(self, run, paragraph) -> dict:
        layers = [run.find(f"{W}rPr")]
        rpr = run.find(f"{W}rPr")
        if rpr is not None:
            layers += list(self.chain(val(rpr, f"{W}rStyle")))
        layers += list(self.chain(val(paragraph, f"{W}pPr/{W}pStyle") or "Normal"))
        layers.append(self.defaults)
        found = {}
        for layer in layers:
            if layer is None:
                continue
            fonts = layer.find(f"{W}rFonts")
            if fonts is not None and "cs" not in found and fonts.get(f"{W}cs"):
                found["cs"] = fonts.get(f"{W}cs")
            size = layer.find(f"{W}szCs")
            if size is not None and "szCs" not in found:
                found["szCs"] = int(size.get(f"{W}val"))
            for flag in ("b", "bCs"):
                if layer.find(f"{W}{flag}") is not None and flag not in found:
                    found[flag] = True
        return found


@pytest.mark.parametrize("spec", EXAMPLE_SPECS, ids=lambda p: p.stem[:3])
def test_every_thai_run_has_complex_script_font_and_size(spec: Path) -> None:
    docx = render(spec, EXAMPLES)
    styles = Styles(part(docx, "word/styles.xml"))
    checked = 0
    for name, root in parts_named(docx, r"word/(document|header\d|footer\d)\.xml").items():
        for paragraph in root.iter(f"{W}p"):
            for run in paragraph.iter(f"{W}r"):
                text = "".join(t.text or "" for t in run.findall(f"{W}t"))
                if not THAI.search(text):
                    continue
                props = styles.resolve(run, paragraph)
                assert props.get("cs") == "TH Sarabun New", (name, text)
                assert props.get("szCs", 0) >= 32, (name, text)
                checked += 1
    assert checked > 20


def test_defaults_and_normal_set_thai_for_complex_script() -> None:
    docx = letter()
    styles = part(docx, "word/styles.xml")
    for rpr in (styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"),
                styles.find(f"{W}style[@{W}styleId='Normal']/{W}rPr")):
        fonts = rpr.find(f"{W}rFonts")
        assert {fonts.get(f"{W}{a}") for a in ("ascii", "hAnsi", "cs")} == {"TH Sarabun New"}
        assert val(rpr, f"{W}sz") == val(rpr, f"{W}szCs") == "32"
        lang = rpr.find(f"{W}lang")
        # Thai text is complex script (w:bidi); Latin text is English, so that LibreOffice keeps
        # a Latin word whole instead of cutting it as Thai ((MO / U)).
        assert lang.get(f"{W}val") == "en-US" and lang.get(f"{W}bidi") == "th-TH"
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                xml = package.read(name).decode("utf-8")
                assert "w:rtl" not in xml, name
                assert not re.search(r"w:(ascii|hAnsi|cs|eastAsia)Theme=|w:cstheme", xml), name
        assert not any("theme" in n for n in package.namelist())


def test_bold_thai_uses_a_character_style_with_bcs() -> None:
    docx = letter(body='["ข้อความ **ตัวหนาไทย** ต่อ"]')
    document = part(docx, "word/document.xml")
    bold_runs = [r for r in document.iter(f"{W}r")
                 if "".join(t.text or "" for t in r.iter(f"{W}t")) == "ตัวหนาไทย"]
    assert len(bold_runs) == 1
    assert val(bold_runs[0], f"{W}rPr/{W}rStyle") == "LetterBold"
    props = Styles(part(docx, "word/styles.xml")).resolve(bold_runs[0], bold_runs[0].getparent())
    assert props.get("b") and props.get("bCs")
    assert "ข้อความ ตัวหนาไทย ต่อ" in paragraphs(docx)


# --- page layout (§2, §3) -----------------------------------------------------------------------

def _with_page(workspace: Path, page: str | None) -> Path:
    """The workspace with the Nong Khai office's ``page:`` setting replaced (None: left out)."""
    profile = workspace / "registry" / "nongkhai.yaml"
    text = re.sub(r"^page:\n(  .*\n)+", "", profile.read_text(encoding="utf-8"), flags=re.M)
    profile.write_text(text + (f"page: {page}\n" if page else ""), encoding="utf-8")
    return workspace


def _header_end_cm(docx: bytes) -> float:
    """Where the default header (the page number and the space after it) ends, in cm."""
    margins = part(docx, "word/document.xml").find(f"{W}body/{W}sectPr/{W}pgMar")
    default = part(docx, "word/header1.xml")
    number_p = next(p for p in default.iter(f"{W}p") if "PAGE" in "".join(p.itertext()))
    after = int(number_p.find(f"{W}pPr/{W}spacing").get(f"{W}after"))
    spacers = sum(int(s.get(f"{W}line")) for s in default.iter(f"{W}spacing")
                  if s.get(f"{W}lineRule") == "exact")
    return (int(margins.get(f"{W}header")) + 21.3 * 20 + after + spacers) / 567


def test_page_a4_margins_first_page_and_page_numbers(workspace) -> None:
    docx = letter(_with_page(workspace, None))  # the rules' geometry: no page: in the profile
    sect = part(docx, "word/document.xml").find(f"{W}body/{W}sectPr")
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")  # A4
    cm = {k: round(int(margins.get(f"{W}{k}")) / 567, 2) for k in ("left", "right", "top", "bottom")}
    # §2.2: the Garuda's top 1.5 cm from the top edge, so the page's top margin is 1.5 cm ...
    assert cm == {"left": 3, "right": 2, "top": 1.5, "bottom": 2}
    assert sect.find(f"{W}titlePg") is not None                      # different first page
    assert val(sect, f"{W}pgNumType") is None and sect.find(f"{W}pgNumType").get(f"{W}fmt") == "thaiNumbers"
    rels = part(docx, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    refs = {h.get(f"{W}type"): targets[h.get(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")]
        for h in sect.findall(f"{W}headerReference")}
    default = part(docx, f"word/{refs['default']}")
    first = part(docx, f"word/{refs['first']}")
    assert " PAGE " in "".join(default.itertext())
    number_paragraph = next(p for p in paragraphs(docx, f"word/{refs['default']}") if "-" in p)
    assert number_paragraph.startswith("- ") and number_paragraph.endswith(" -")
    assert val(next(p for p in default.iter(f"{W}p") if "PAGE" in "".join(p.itertext())),
               f"{W}pPr/{W}pStyle") == "Header"
    assert "PAGE" not in "".join(first.itertext())                   # no number on page 1
    # ... and from page 2 the header (the page number line, 21.3 pt of TH Sarabun New 16 pt, and
    # the space after it) ends where the text's 2.5 cm top margin of §3 ends.
    assert refs["default"] == "header1.xml"
    assert abs(_header_end_cm(docx) - 2.5) < 0.02
    styles = {s.get(f"{W}styleId"): s for s in part(docx, "word/styles.xml").findall(f"{W}style")}
    assert styles["LetterBody"].find(f"{W}pPr/{W}spacing").get(f"{W}before") == "120"  # 6 pt


@pytest.mark.parametrize("page, top, bottom, before, header", [
    ("{bottom_margin_cm: 1.5, space_before_pt: 0}", 2.5, 1.5, "0", 1.25),  # the example office
    ("{top_margin_cm: 3, space_before_pt: 12}", 3.0, 2.0, "240", 1.25),
    ("{top_margin_cm: 2}", 2.0, 2.0, "120", 1.18),  # the page number moves up with the text
])
def test_the_office_profile_sets_the_page_geometry(workspace, page, top, bottom, before, header):
    """thai-correspondence.md §3 marks the top and bottom margins and "6 pt before" [C]: the
    office profile's ``page:`` sets them (generator.docx.page); page 1's top stays the Garuda's
    1.5 cm, the left and right margins the regulation's."""
    docx = letter(_with_page(workspace, page))
    margins = part(docx, "word/document.xml").find(f"{W}body/{W}sectPr/{W}pgMar")
    cm = {k: round(int(margins.get(f"{W}{k}")) / 567, 2)
          for k in ("left", "right", "top", "bottom", "header")}
    assert cm == {"left": 3, "right": 2, "top": 1.5, "bottom": bottom, "header": header}
    assert abs(_header_end_cm(docx) - top) < 0.02
    styles = {s.get(f"{W}styleId"): s for s in part(docx, "word/styles.xml").findall(f"{W}style")}
    for name in ("LetterBody", "LetterItem", "LetterDate", "LetterClosing"):
        assert styles[name].find(f"{W}pPr/{W}spacing").get(f"{W}before") == before, name
    assert styles["LetterClose"].find(f"{W}pPr/{W}spacing").get(f"{W}before") == "240"  # its own
    check_package(docx)


def test_body_paragraphs_items_and_signature_follow_the_rules() -> None:
    docx = letter(body='["ย่อหน้าแรก", {items: ["ข้อหนึ่ง", {text: "ข้อสอง", items: ["ย่อย"]}]}]')
    styles = {s.get(f"{W}styleId"): s for s in part(docx, "word/styles.xml").findall(f"{W}style")}
    body = styles["LetterBody"]
    assert val(body, f"{W}pPr/{W}jc") == "thaiDistribute"
    assert abs(int(body.find(f"{W}pPr/{W}ind").get(f"{W}firstLine")) - 2.5 * 566.93) < 1  # 2.5 cm
    for name in ("LetterClose", "LetterSignName", "LetterSignPosition"):
        ppr = styles[name].find(f"{W}pPr")
        assert ppr.find(f"{W}keepNext") is not None and ppr.find(f"{W}keepLines") is not None
    assert styles["LetterClose"].find(f"{W}pPr/{W}ind").get(f"{W}left") == "4253"  # page centre
    assert styles["LetterDate"].find(f"{W}pPr/{W}ind").get(f"{W}left") == "4253"
    for name in ("LetterSubject", "LetterReference", "LetterAttachment"):
        ind = styles[name].find(f"{W}pPr/{W}ind")
        assert ind.get(f"{W}left") == ind.get(f"{W}hanging") != None  # noqa: E711 - hanging indent
    assert styles["LetterAttachmentList"].find(f"{W}pPr/{W}tabs/{W}tab[@{W}val='right']") is not None
    numbering = part(docx, "word/numbering.xml")
    formats = {val(l, f"{W}numFmt") for l in numbering.iter(f"{W}lvl")}
    assert formats == {"thaiNumbers"}
    text = [p for p in paragraphs(docx) if p.strip()]
    assert "๑. ข้อหนึ่ง" in text and "๒. ข้อสอง" in text and "๒.๑ ย่อย" in text


def test_each_list_restarts_at_one() -> None:
    docx = letter(body='[{items: ["ก", "ข"]}, "คั่น", {items: ["ค"]}]')
    text = [p for p in paragraphs(docx) if p.strip()]
    assert text[text.index("คั่น") - 2:text.index("คั่น") + 2] == ["๑. ก", "๒. ข", "คั่น", "๑. ค"]


def test_speed_and_secrecy_are_red_bold_and_secrecy_on_every_page() -> None:
    docx = letter(extra="speed: ด่วนที่สุด\nsecrecy: ลับ\n")
    styles = {s.get(f"{W}styleId"): s for s in part(docx, "word/styles.xml").findall(f"{W}style")}
    speed_run = next(r for r in part(docx, "word/document.xml").iter(f"{W}r")
                     if "".join(r.itertext()) == "ด่วนที่สุด")
    style = styles[val(speed_run, f"{W}rPr/{W}rStyle")]
    rpr = style.find(f"{W}rPr")
    assert val(rpr, f"{W}color") == "FF0000" and rpr.find(f"{W}bCs") is not None
    assert int(val(rpr, f"{W}szCs")) >= 64                          # at least 32 pt
    for name, root in parts_named(docx, r"word/(header|footer)\d\.xml").items():
        assert "ลับ" in "".join(root.itertext()), name               # top and bottom, every page
    text = [p for p in paragraphs(docx) if p.strip()]
    assert text[:2] == ["ด่วนที่สุด", "ที่ นค ๐๐๑๙.๓/ว ......"]         # above ที่, top left


def test_garuda_three_cm_centred_on_letters_and_one_and_a_half_on_memos() -> None:
    for kind, height, style in (("circular", 1080000, "LetterGaruda"), ("memo", 540000, None)):
        docx = letter(kind=kind)
        document = part(docx, "word/document.xml")
        extents = list(document.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"))
        assert len(extents) == 1 and int(extents[0].get("cy")) == height
        if style:
            paragraph = next(p for p in document.iter(f"{W}p") if p.find(f".//{W}drawing") is not None)
            assert val(paragraph, f"{W}pPr/{W}pStyle") == style
            styles = {s.get(f"{W}styleId"): s for s in part(docx, "word/styles.xml").findall(f"{W}style")}
            assert val(styles[style], f"{W}pPr/{W}jc") == "center"
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            assert package.read("word/media/garuda.png") == (EXAMPLES / "registry" / "garuda.png").read_bytes()


def test_memo_layout() -> None:
    docx = letter(kind="memo", recipient="พัฒนาการจังหวัดหนองคาย")
    text = [p for p in paragraphs(docx) if p.strip()]
    assert "บันทึกข้อความ" in text
    assert text[text.index("บันทึกข้อความ") + 1].startswith("ส่วนราชการ\tสำนักงานพัฒนาชุมชนจังหวัดหนองคาย")
    assert any(p.startswith("ที่\tนค ๐๐๑๙.๓/ ......\tวันที่\t") for p in text)
    assert "ขอแสดงความนับถือ" not in text and "(นางสาวปราณี วงศ์บุตร)" in text


def test_salutation_and_close_follow_the_recipient() -> None:
    text = paragraphs(letter(recipient="นายกรัฐมนตรี"))
    assert "กราบเรียน นายกรัฐมนตรี" in text and "ขอแสดงความนับถืออย่างยิ่ง" in text
    assert "จึงกราบเรียนมาเพื่อโปรดทราบ" in text


# --- draft marks (generator/docx/marks.py) -------------------------------------------------------

def test_draft_marks_and_spec_property() -> None:
    docx = letter(extra="acting: รักษาราชการแทน\n")
    document = part(docx, "word/document.xml")
    number = marks.find_control(document, marks.NUMBER_TAG)
    date = marks.find_control(document, marks.DATE_TAG)
    assert marks.control_text(number) == "นค ๐๐๑๙.๓/ว ......"
    assert number.find(f"{W}sdtPr/{W}alias").get(f"{W}val") == "เลขที่หนังสือ"
    assert marks.control_text(date) == "..... (วันที่ออกหนังสือ)"
    number_paragraph = number.getparent()
    assert "".join(number_paragraph.itertext()) == "ที่ นค ๐๐๑๙.๓/ว ......"
    headers = parts_named(docx, r"word/header\d\.xml")
    assert len(headers) == 2
    for root in headers.values():
        mark = marks.find_control(root, marks.DRAFT_TAG)
        assert marks.control_text(mark) == "ร่าง – ยังไม่ได้ออกเลขที่"
    spec = marks.read_spec_property(docx)
    assert spec["signer"] == "pranee" and spec["acting"] == "รักษาราชการแทน"
    assert marks.read_properties(docx)["GenLetterVersion"]
    assert "รองผู้ว่าราชการจังหวัด รักษาราชการแทน" in paragraphs(docx)


def test_issued_rendering_has_no_draft_mark_but_keeps_the_controls() -> None:
    docx = letter(draft=False, extra="date: 2024-10-25\n")
    for root in parts_named(docx, r"word/header\d\.xml").values():
        assert marks.find_control(root, marks.DRAFT_TAG) is None
    document = part(docx, "word/document.xml")
    assert marks.control_text(marks.find_control(document, marks.DATE_TAG)) == "๒๕ ตุลาคม ๒๕๖๗"
    assert marks.find_control(document, marks.NUMBER_TAG) is not None


def test_reference_and_digits_from_arabic_input() -> None:
    docx = letter(extra=("date: 2024-10-25\nreferences:\n  - agency: จังหวัดหนองคาย\n"
                         "    number: นค 0019/ว 12\n    date: 2024-01-31\n    speed: ด่วน\n"
                         "attachments:\n  - title: แผน 2568\n    quantity: 2\n"),
                  body='["ภายใน 30 ตุลาคม 2567 ดู https://example.org/a1/2024", '
                       '"แบบฟอร์ม https://forms.gle/ppGUYQsXQTE๑wNS๓A ภายใน ๓๑ มีนาคม"]')
    text = paragraphs(docx)
    assert "อ้างถึง\tหนังสือจังหวัดหนองคาย ด่วน ที่ นค ๐๐๑๙/ว ๑๒ ลงวันที่ ๓๑ มกราคม ๒๕๖๗" in text
    assert "สิ่งที่ส่งมาด้วย\tแผน ๒๕๖๘\tจำนวน ๒ ชุด" in text
    assert "ภายใน ๓๐ ตุลาคม ๒๕๖๗ ดู https://example.org/a1/2024" in text   # link keeps its digits
    assert "แบบฟอร์ม https://forms.gle/ppGUYQsXQTE1wNS3A ภายใน ๓๑ มีนาคม" in text  # link repaired


# --- text that must come out literally ----------------------------------------------------------

def test_markup_characters_quotes_and_emoji_come_out_literally() -> None:
    nasty = "R&D <b>ตัว</b> \"quoted\" 'single' {{ x }} {% if %} 🙂🇹🇭"
    docx = letter(subject=json.dumps(nasty, ensure_ascii=False),
                  body=json.dumps([nasty + " & more"], ensure_ascii=False))
    text = paragraphs(docx)
    assert f"เรื่อง\t{nasty}" in text
    assert nasty + " & more" in text
    etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))  # well-formed


# --- templates ----------------------------------------------------------------------------------

def test_checked_in_templates_are_what_the_build_tool_makes(tmp_path: Path) -> None:
    """Every stock template, the letter kinds' and the attachments', is what
    ``python -m tools.templates`` writes, byte for byte, and the folder holds no other."""
    from tools.templates import build

    written = build(tmp_path)
    checked_in = sorted(p.name for p in (REPO / "letter_templates").glob("*.docx"))
    assert sorted(path.name for path in written) == checked_in
    assert len(checked_in) == 8
    for path in written:
        assert path.read_bytes() == (REPO / "letter_templates" / path.name).read_bytes(), \
            f"{path.name} is stale: python -m tools.templates"


def test_the_build_tool_is_reproducible() -> None:
    """Two builds give the same bytes (fixed dates, namespaces declared in one order)."""
    import os
    import subprocess
    import sys

    digests = [subprocess.run(
        [sys.executable, "-c", "import hashlib, tools.templates as t; "
         "print(hashlib.sha256(b''.join(t.packages().values())).hexdigest())"],
        cwd=REPO, env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True,
        check=True).stdout for seed in ("1", "2")]
    assert digests[0] == digests[1]


def test_template_is_compiled_once_and_recompiled_after_an_edit(workspace: Path) -> None:
    import os
    import shutil

    own = workspace / "letter_templates" / "external.docx"
    own.parent.mkdir(exist_ok=True)
    shutil.copy(REPO / "letter_templates" / "external.docx", own)
    first = compiled(own)
    assert compiled(own) is first
    letter(workspace)
    assert compiled(own) is first
    stat = own.stat()
    os.utime(own, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert compiled(own) is not first


def test_rendered_examples_are_clean_packages() -> None:
    from generator.docx.package import package_problems

    for spec in EXAMPLE_SPECS:
        assert package_problems(render(spec, EXAMPLES)) == [], spec.name
    for name in ("external.docx", "memo.docx"):
        assert package_problems((REPO / "letter_templates" / name).read_bytes()) == [], name


@pytest.mark.libreoffice
@pytest.mark.slow
def test_examples_convert_to_pdf_with_libreoffice(tmp_path: Path) -> None:
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is needed for this test"
    files = []
    for spec in EXAMPLE_SPECS:
        target = tmp_path / f"{spec.stem}.docx"
        target.write_bytes(render(spec, EXAMPLES))
        files.append(str(target))
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *files],
                   check=True, capture_output=True, timeout=300)
    for spec in EXAMPLE_SPECS:
        pdf = tmp_path / f"{spec.stem}.pdf"
        assert pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-", spec.name


def test_literal_numbers_copy_for_the_pdf() -> None:
    """LibreOffice draws thaiNumbers labels with Arabic digits; the PDF copy carries them as text."""
    from generator.docx.numbering import with_literal_numbers
    from generator.docx.package import package_problems

    docx = render(EXAMPLES / "letters" / "002_969013ac331ac01f.yaml", EXAMPLES)
    literal = with_literal_numbers(docx)
    assert paragraphs(literal) == paragraphs(docx)
    assert "๓.๑ คำสั่งแต่งตั้งคณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.)" in paragraphs(literal)
    document = part(literal, "word/document.xml")
    assert document.find(f".//{W}numPr") is None
    item = next(p for p in document.iter(f"{W}p") if "".join(p.itertext()).startswith("๑. "))
    assert item.find(f"{W}pPr/{W}ind").get(f"{W}firstLine") == "1417"
    assert package_problems(literal) == []


def test_office_replaces_the_garuda_image(workspace: Path) -> None:
    """The image comes from the profile: a new file changes the letter, no code involved."""
    from tests.conftest import placeholder_garuda_png

    tall = placeholder_garuda_png(100, 300)
    (workspace / "registry" / "garuda.png").write_bytes(tall)
    docx = letter(workspace)
    extent = next(part(docx, "word/document.xml").iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"))
    assert int(extent.get("cy")) == 1080000 and int(extent.get("cx")) == 360000
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        assert package.read("word/media/garuda.png") == tall


def test_office_without_garuda_image(workspace: Path) -> None:
    """An office that names no image gets the placeholder that says ตราครุฑ, where the Garuda goes."""
    from generator.render import placeholder_garuda

    profile = workspace / "registry" / "nongkhai.yaml"
    profile.write_text("\n".join(line for line in profile.read_text(encoding="utf-8").splitlines()
                                 if not line.startswith("garuda:")), encoding="utf-8")
    docx = letter(workspace)
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        assert package.read("word/media/garuda.png") == placeholder_garuda()
        assert b"rIdGenLetterGaruda" in package.read("word/_rels/document.xml.rels")
    assert part(docx, "word/document.xml").find(f".//{W}drawing") is not None


def test_compiled_code_cache_between_runs(tmp_path: Path, monkeypatch) -> None:
    """A second process reuses the compiled template; a damaged cache entry is recompiled."""
    from generator.docx.template import CompiledTemplate

    cache = tmp_path / "cache"
    monkeypatch.setenv("GEN_LETTER_CACHE", str(cache))
    source = REPO / "letter_templates" / "external.docx"
    first = CompiledTemplate(source)
    entries = sorted(cache.iterdir())
    assert len(entries) == len(first.templates) >= 3
    second = CompiledTemplate(source)      # as a new process would: from the cache
    assert second.sources == first.sources
    entries[0].write_bytes(b"garbage")
    third = CompiledTemplate(source)
    assert third.sources == first.sources
    monkeypatch.setenv("GEN_LETTER_CACHE", "off")
    CompiledTemplate(source)
    assert sorted(cache.iterdir()) == entries


def test_copy_to_acting_override_and_quantity_text() -> None:
    docx = letter(extra=("copy_to:\n  - นายอำเภอเมืองหนองคาย\n  - ผู้อำนวยการกองคลัง\n"
                         "acting: none\nattachments:\n  - title: แผนที่\n    quantity: 2 แผ่น\n"))
    text = [p for p in paragraphs(docx) if p.strip()]
    assert text[text.index("สำเนาส่ง") + 1:text.index("สำเนาส่ง") + 3] == [
        "นายอำเภอเมืองหนองคาย", "ผู้อำนวยการกองคลัง"]
    name = text.index("(นางสาวปราณี วงศ์บุตร)")
    assert text[name + 1] == "รองผู้ว่าราชการจังหวัด"                 # no acting phrase, no principal
    assert "ผู้ว่าราชการจังหวัดหนองคาย" not in text
    assert "สิ่งที่ส่งมาด้วย\tแผนที่\tจำนวน ๒ แผ่น" in paragraphs(docx)


def test_the_quantities_keep_a_column_of_their_own_and_the_title_wraps() -> None:
    """Build item 6: a long title wraps before the quantity's column (a right indent as wide as
    the widest quantity and 8 pt), no line break in it; the quantity at the style's right tab,
    at the right margin (the PDF test in tests/pdf/test_layout.py looks at the printed lines).
    Word 2013+ and LibreOffice (TabOverSpacing) set a tab beyond the right indent at the stop."""
    import math

    from generator.render.measure import text_width

    long = "แนวทางการขับเคลื่อนตำบลเข้มแข็งตามหลักปรัชญาของเศรษฐกิจพอเพียง ประจำปี ๒๕๖๘"
    docx = letter(extra=f"attachments:\n  - {{title: {long}, quantity: 1, unit: ชุด}}\n"
                        "  - {title: แผนที่, quantity: 12, unit: แผ่น}\n  - {title: ภาพ}\n")
    document = part(docx, "word/document.xml")
    listed = [p for p in document.iter(f"{W}p")
              if val(p, f"{W}pPr/{W}pStyle") == "LetterAttachmentList"]
    assert len(listed) == 3
    widest = max(text_width("จำนวน\u00a0๑\u00a0ชุด"), text_width("จำนวน\u00a0๑๒\u00a0แผ่น"))
    rights = [p.find(f"{W}pPr/{W}ind") for p in listed]
    assert [r.get(f"{W}right") if r is not None else None for r in rights] == [
        str(math.ceil((widest + 8) * 20))] * 2 + [None]  # the one without a quantity: none
    assert all(p.find(f".//{W}br") is None for p in listed)  # the title wraps on its own
    styles = {s.get(f"{W}styleId"): s for s in part(docx, "word/styles.xml").findall(f"{W}style")}
    stops = styles["LetterAttachmentList"].findall(f"{W}pPr/{W}tabs/{W}tab")
    assert [(t.get(f"{W}val"), t.get(f"{W}pos")) for t in stops][-1] == ("right", "9072")
    assert "สิ่งที่ส่งมาด้วย\t๑.\t" + long + "\tจำนวน ๑ ชุด" in paragraphs(docx)
    check_package(docx)
