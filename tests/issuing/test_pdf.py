"""DOCX → PDF/A-2b with LibreOffice, and the TH Sarabun New → Laksaman stand-in."""

from __future__ import annotations

import io
import zipfile

import pytest

from generator import pdf
from generator.errors import UserError

from .conftest import make_draft, soffice_or_skip, stand_in_soffice

_ODT_CONTENT = (
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0">'
    '<office:font-face-decls>'
    '<style:font-face style:name="TH Sarabun New" svg:font-family="&apos;TH Sarabun New&apos;"/>'
    '<style:font-face style:name="Arial" svg:font-family="Arial"/>'
    '</office:font-face-decls><office:automatic-styles>'
    '<style:style style:name="T1" style:family="text"><style:text-properties '
    'style:font-name="TH Sarabun New" fo:font-size="16pt" style:font-size-complex="16pt" '
    'style:font-size-asian="16pt"/></style:style>'
    '<style:style style:name="T2" style:family="text"><style:text-properties '
    'fo:font-size="58%" style:font-size-complex="58%"/></style:style>'
    '</office:automatic-styles></office:document-content>')


def _odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", _ODT_CONTENT)
        z.writestr("styles.xml", _ODT_CONTENT.replace("document-content", "document-styles"))
    return buffer.getvalue()


def test_the_odt_copy_names_laksaman_at_the_size_that_matches_sarabun():
    out = zipfile.ZipFile(io.BytesIO(pdf.substitute_fonts_in_odt(_odt(), ["TH Sarabun New"])))
    assert out.namelist()[0] == "mimetype" and out.infolist()[0].compress_type == zipfile.ZIP_STORED
    for part in ("content.xml", "styles.xml"):
        xml = out.read(part).decode()
        assert 'svg:font-family="Laksaman"' in xml and "'TH Sarabun New'" not in xml
        assert 'svg:font-family="Arial"' in xml  # other fonts untouched
        # 16 pt / 1.5042 = 10.637 pt: fractional, unlike DOCX half points (10.5 or 11 pt)
        assert xml.count('"10.64pt"') == 3 and "16pt" not in xml
        assert 'fo:font-size="58%"' in xml  # relative sizes stay relative


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
        assert b"+Laksaman" in result.pdfs[0].read_bytes()  # the stand-in font is embedded


def test_pdfa_identification_reads_the_xmp_packet():
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
           b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
           b'xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>2</pdfaid:part>'
           b'<pdfaid:conformance>B</pdfaid:conformance></rdf:Description></rdf:RDF></x:xmpmeta>')
    assert pdf.pdfa_identification(b"%PDF-1.6\n" + xmp) == ("2", "B")
    assert pdf.pdfa_identification(b"%PDF-1.6\nno metadata") == (None, None)


@pytest.mark.parametrize("installed, names, notice", [
    ({"Laksaman"}, ["TH Sarabun New"], "TH Sarabun New is not installed: the PDF uses Laksaman"),
    (set(), [], "neither TH Sarabun New nor Laksaman is installed"),
    ({"TH Sarabun New", "Laksaman"}, [], None),
])
def test_font_plan(tmp_path, monkeypatch, installed, names, notice):
    monkeypatch.setattr(pdf, "font_installed", lambda family: family in installed)
    draft = make_draft(tmp_path / "d.docx")
    planned, said = pdf.font_plan([draft])
    assert planned == names
    assert (said is None) if notice is None else said.startswith(notice)


def test_a_document_without_sarabun_is_converted_as_it_is(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "font_installed", lambda family: family == "Laksaman")
    draft = make_draft(tmp_path / "d.docx")
    data = {}
    with zipfile.ZipFile(draft) as z:
        for name in z.namelist():
            data[name] = z.read(name).replace(b"TH Sarabun New", b"Garuda")
    plain = tmp_path / "plain.docx"
    with zipfile.ZipFile(plain, "w") as z:
        for name, blob in data.items():
            z.writestr(name, blob)
    assert pdf.font_plan([plain]) == ([], None)
