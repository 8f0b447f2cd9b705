"""The DOCX package check: each rule catches the fault it is for, and a clean draft passes."""

from __future__ import annotations

import io
import zipfile

import pytest

from generator.docx.package import check_package, package_problems
from generator.errors import UserError


def _parts(path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def _zip(parts: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in parts:
            z.writestr(name, data)
    return buffer.getvalue()


def _edit(parts, name, old: bytes, new: bytes):
    out = []
    for n, data in parts:
        if n == name:
            assert old in data, f"{old!r} not in {name}"
            data = data.replace(old, new, 1)
        out.append((n, data))
    return out


def test_a_clean_draft_passes_every_check_including_the_schema(draft):
    assert package_problems(draft) == []
    check_package(draft)  # no exception


def test_duplicate_zip_entries_and_case_variants_are_duplicate_parts(draft):
    parts = _parts(draft)
    styles = dict(parts)["word/styles.xml"]
    with pytest.warns(UserWarning):  # zipfile warns about the duplicate name it is asked to write
        doubled = _zip(parts + [("word/styles.xml", styles)])
    assert any("word/styles.xml: duplicate part" in p for p in package_problems(doubled, schema=False))
    cased = _zip(parts + [("word/Styles.xml", styles)])
    assert any("duplicate part" in p for p in package_problems(cased, schema=False))


def test_a_part_missing_from_content_types_is_reported(draft):
    parts = _parts(draft) + [("word/extra.bin", b"\0\1")]
    problems = package_problems(_zip(parts), schema=False)
    assert "word/extra.bin: not listed in [Content_Types].xml" in problems


def test_malformed_xml_is_reported_by_part(draft):
    parts = _edit(_parts(draft), "word/document.xml", b"</w:body>", b"</w:bodyy>")
    problems = package_problems(_zip(parts))
    assert any(p.startswith("word/document.xml: not well-formed XML") for p in problems)


def test_an_element_the_schema_does_not_allow_is_reported(draft):
    parts = _edit(_parts(draft), "word/document.xml", b"<w:t>", b"<w:bogus/><w:t>")
    problems = package_problems(_zip(parts))
    assert any(p.startswith("word/document.xml:") and "bogus" in p for p in problems), problems
    with pytest.raises(UserError, match="not valid.*bogus"):
        check_package(_zip(parts), name="letter.docx")


def test_a_relationship_to_a_missing_part_is_reported(draft):
    parts = [(n, d) for n, d in _parts(draft) if n != "word/styles.xml"]
    problems = package_problems(_zip(parts), schema=False)
    assert any("points at a missing part word/styles.xml" in p for p in problems)


def test_thai_runs_need_a_complex_script_font_and_size_from_somewhere(draft):
    # Without the cs font in docDefaults, Thai runs have none ...
    parts = _edit(_parts(draft), "word/styles.xml", b' w:cs="TH Sarabun New"', b"")
    problems = package_problems(_zip(parts), schema=False)
    assert any("Thai run" in p and "w:rFonts/@w:cs" in p for p in problems)
    # ... and without szCs they have no complex-script size; Latin-only runs are not checked.
    parts = _edit(_parts(draft), "word/styles.xml", b'<w:szCs w:val="32"/>', b"")
    problems = package_problems(_zip(parts), schema=False)
    assert problems and all("w:szCs" in p for p in problems)


def test_runs_without_thai_text_are_not_checked_for_complex_script_properties(draft):
    parts = _edit(_parts(draft), "word/styles.xml", b' w:cs="TH Sarabun New"', b"")
    thai = "จึงเรียนมาเพื่อโปรดพิจารณา".encode()
    assert any("'จึงเรียน" in p for p in package_problems(_zip(parts), schema=False))
    parts = _edit(parts, "word/document.xml", thai, b"MOU 2024")
    assert not any("MOU" in p for p in package_problems(_zip(parts), schema=False))


def test_a_thai_run_may_get_its_cs_font_from_its_own_properties(draft):
    parts = _edit(_parts(draft), "word/styles.xml", b' w:cs="TH Sarabun New"', b"")
    parts = _edit(parts, "word/document.xml", b"<w:r><w:t>\xe0\xb8\x95\xe0\xb8\xb2\xe0\xb8\xa1",
                  b'<w:r><w:rPr><w:rFonts w:cs="TH Sarabun New"/></w:rPr><w:t>\xe0\xb8\x95\xe0\xb8\xb2\xe0\xb8\xa1')
    problems = package_problems(_zip(parts), schema=False)
    assert not any("'ตาม" in p for p in problems)
    assert any("'ที่ '" in p for p in problems)  # the others still lack it


def test_not_a_zip_is_a_user_error(tmp_path):
    path = tmp_path / "letter.docx"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(UserError, match="not a DOCX"):
        package_problems(path)
