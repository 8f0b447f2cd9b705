"""DOCX → PDF/A-2b with LibreOffice, and the plan for TH Sarabun New or its stand-in."""

from __future__ import annotations

import zipfile

import pytest

from generator import pdf
from generator.errors import UserError
from generator.pdf import fonts

from .conftest import make_draft, soffice_or_skip, stand_in_soffice

def test_missing_libreoffice_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("GEN_LETTER_SOFFICE", str(tmp_path / "no-such-soffice"))
    with pytest.raises(UserError, match="cannot run LibreOffice"):
        pdf.to_pdf(make_draft(tmp_path / "d.docx"), tmp_path / "d.pdf")
    monkeypatch.delenv("GEN_LETTER_SOFFICE")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UserError, match="LibreOffice is not installed"):
        pdf.soffice_command()


def test_a_hanging_libreoffice_is_stopped(tmp_path, monkeypatch):
    stand_in_soffice(monkeypatch, tmp_path, "sleep 30")
    with pytest.raises(UserError, match="did not finish .* within 1 s"):
        pdf.to_pdf(make_draft(tmp_path / "d.docx"), tmp_path / "d.pdf", timeout=1)
    assert not (tmp_path / "d.pdf").exists()


@pytest.mark.libreoffice
def test_pdf_a_2b_in_one_batch_with_the_font_notice(tmp_path):
    soffice_or_skip()
    drafts = [make_draft(tmp_path / f"{n}.docx", body=[f"ย่อหน้าที่ {n} " * 40]) for n in "ab"]
    result = pdf.convert([(d, tmp_path / "out" / f"{d.stem}.pdf") for d in drafts])
    assert [p.name for p in result.pdfs] == ["a.pdf", "b.pdf"]
    for made in result.pdfs:
        data = made.read_bytes()
        assert data.startswith(b"%PDF-")
        assert pdf.pdfa_identification(data) == ("2", "B")
    if pdf.font_installed("TH Sarabun New"):
        assert result.notice is None
    else:
        assert result.notice and "TH Sarabun New" in result.notice and "Laksaman" in result.notice
        assert b"+LaksamanLetter-Regular" in result.pdfs[0].read_bytes()  # the stand-in, embedded


def test_pdfa_identification_reads_the_xmp_packet():
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
           b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
           b'xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>2</pdfaid:part>'
           b'<pdfaid:conformance>B</pdfaid:conformance></rdf:Description></rdf:RDF></x:xmpmeta>')
    assert pdf.pdfa_identification(_pdf(xmp)) == ("2", "B")
    assert pdf.pdfa_identification(_pdf(None)) == (None, None)
    assert pdf.pdfa_identification(b"%PDF-1.6\n" + xmp) == (None, None)  # not in the catalog
    assert pdf.pdfa_identification(_pdf(b'<!DOCTYPE x [<!ENTITY a "b">]>' + xmp)) == (None, None)


def _pdf(metadata: bytes | None) -> bytes:
    """A one-page PDF whose catalog has ``metadata`` as its /Metadata stream (or none)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R" + (b" /Metadata 4 0 R" if metadata else b"")
               + b" >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    if metadata:
        objects.append(b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(metadata)
                       + metadata + b"\nendstream")
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.parametrize("installed, faces, mapping, notice", [
    (set(), True, {n: "Laksaman Letter" for n in fonts.SARABUN},
     "TH Sarabun New is not installed: the PDF uses Laksaman Letter"),
    (set(), False, {}, "neither TH Sarabun New nor Laksaman is installed"),
    ({"TH Sarabun New"}, True, {"TH SarabunPSK": "TH Sarabun New", "TH Sarabun PSK": "TH Sarabun New"},
     None),
    (set(fonts.SARABUN), True, {}, None),
])
def test_font_plan(tmp_path, monkeypatch, installed, faces, mapping, notice):
    monkeypatch.setattr(fonts, "font_installed", lambda family, env=None: family in installed)
    monkeypatch.setattr(fonts, "built_faces", lambda: tmp_path if faces else None)
    fonts.font_plan.cache_clear()
    try:
        plan = fonts.font_plan(str(tmp_path / "fonts.conf"))
        assert plan.mapping == mapping
        assert (plan.notice is None) if notice is None else plan.notice.startswith(notice)
        env, said = fonts.font_environment(tmp_path)
        assert said == plan.notice
        if mapping:  # LibreOffice reads the mapping from a private fontconfig file
            config = (tmp_path / "fonts.conf").read_text()
            assert env["FONTCONFIG_FILE"] == str(tmp_path / "fonts.conf")
            assert all(f"<string>{name}</string>" in config for name in mapping)
        assert fonts.font_environment(tmp_path, used=False)[1] is None
    finally:
        fonts.font_plan.cache_clear()


def test_a_document_without_sarabun_gives_no_notice(tmp_path):
    draft = make_draft(tmp_path / "d.docx")
    data = {}
    with zipfile.ZipFile(draft) as z:
        for name in z.namelist():
            data[name] = z.read(name).replace(b"TH Sarabun New", b"Garuda")
    plain = tmp_path / "plain.docx"
    with zipfile.ZipFile(plain, "w") as z:
        for name, blob in data.items():
            z.writestr(name, blob)
    assert pdf.names_sarabun(draft.read_bytes())
    assert not pdf.names_sarabun(plain.read_bytes())
