"""The WordprocessingML pieces the renderer places, and how the template engine places them."""

from __future__ import annotations

import pytest
from lxml import etree

from generator.docx import NAMESPACES, qn
from generator.docx.build import el, fragment, xml_bytes
from generator.docx.fragments import inline, place_inline, rich_runs
from generator.docx.package import Package, parse_xml, write_package
from generator.docx.template import add_images


def _shape(root) -> list[tuple[str, str | None]]:
    """Each run's own style (or None) and its content, in order: ``t:text``, ``br``, ``tab``."""
    out = []
    for run in root.iter(qn("w:r")):
        style = run.find("w:rPr/w:rStyle", NAMESPACES)
        bold = run.find("w:rPr/w:b", NAMESPACES)
        content = []
        for child in run:
            name = etree.QName(child).localname
            if name == "t":
                content.append(f"t:{child.text or ''}")
            elif name != "rPr":
                content.append(name)
        out.append((style.get(qn("w:val")) if style is not None else
                    "b" if bold is not None else None, " ".join(content)))
    return out


def _placed(template_run_props, text: str):
    """A template's ``<w:p><w:r>[rPr]<w:t>{{ value }}</w:t></w:r></w:p>`` rendered with rich
    text, parsed and finished as the engine does."""
    rpr = "<w:rPr><w:b/></w:rPr>" if template_run_props else ""
    xml = (f'<w:p xmlns:w="{NAMESPACES["w"]}"><w:r>{rpr}<w:t xml:space="preserve">'
           f"{inline(text, 'LetterBold')}</w:t></w:r></w:p>")
    root = parse_xml(xml.encode())
    place_inline(root)
    return root


@pytest.mark.parametrize("text, shape", [
    ("plain", [("b", "t:plain")]),
    ("ก\nข\tค", [("b", "t:ก br t:ข tab t:ค")]),
    ("A **ตัวหนา** B", [("b", "t:A "), ("LetterBold", "t:ตัวหนา"), (None, "t: B")]),
    ("**x\ny**", [("b", "t:"), ("LetterBold", "t:x br t:y"), (None, "t:")]),
    ("a **b** c **d**\ne", [("b", "t:a "), ("LetterBold", "t:b"), (None, "t: c "),
                            ("LetterBold", "t:d"), (None, "t: br t:e")]),
], ids=["plain", "breaks-and-tabs", "bold", "bold-with-break", "two-bolds"])
def test_rich_text_placed_in_a_template_run(text, shape):
    """The text before the first bold run keeps the template run's properties; after a bold run
    the text goes on in a run of its own without them (as the markup always did)."""
    root = _placed(True, text)
    assert _shape(root) == shape
    assert not [t for t in root.iter(qn("w:t")) if len(t)]          # nothing left inside a w:t


def test_rich_runs_match_the_placed_shape():
    runs = rich_runs("A **ตัวหนา** B\nC", "LetterBold")
    assert _shape(el("w:p", *runs)) == [(None, "t:A "), ("LetterBold", "t:ตัวหนา"),
                                        (None, "t: B br t:C")]


def test_rich_text_is_escaped_and_reserved_characters_dropped():
    assert str(inline("a < b & c")) == "a &lt; b &amp; c"
    assert str(inline("a\ufdd0b")) == "ab"
    root = _placed(False, "<w:p/> **&** \ufdd1")
    assert "".join(root.itertext()) == "<w:p/> & "


def test_a_picture_printed_in_a_run_becomes_a_run_of_its_own():
    picture = el("w:r", el("w:drawing"))
    xml = (f'<w:p xmlns:w="{NAMESPACES["w"]}"><w:r><w:t xml:space="preserve">'
           f"{fragment(picture)}</w:t></w:r></w:p>")
    root = parse_xml(xml.encode())
    place_inline(root)
    assert _shape(root) == [(None, "t:"), (None, "drawing"), (None, "t:")]


def test_images_get_relationships_and_one_content_type_each():
    types = el("ct:Types", el("ct:Default", attrs={"Extension": "xml", "ContentType": "application/xml"}),
               nsmap=("ct",))
    parts = {"[Content_Types].xml": xml_bytes(types)}
    add_images(parts, {"word/document.xml": [("rId1", "media/a.png"), ("rId2", "media/b.png")],
                       "word/header1.xml": [("rId1", "media/a.png")]},
               {"media/a.png": b"A", "media/b.png": b"B"})
    rels = parse_xml(parts["word/_rels/document.xml.rels"])
    assert [(r.get("Id"), r.get("Target")) for r in rels] == [("rId1", "media/a.png"),
                                                             ("rId2", "media/b.png")]
    assert "word/_rels/header1.xml.rels" in parts and parts["word/media/b.png"] == b"B"
    defaults = parse_xml(parts["[Content_Types].xml"]).findall("ct:Default", NAMESPACES)
    assert [d.get("Extension") for d in defaults] == ["xml", "png"]


def test_a_package_is_written_with_its_content_types_first_and_replaced_entry_by_entry():
    data = write_package({"word/document.xml": b"<d/>", "[Content_Types].xml": b"<Types/>",
                          "word/media/x.png": b"PNG"})
    package = Package.read(data, name="x.docx")
    assert list(package.parts) == ["[Content_Types].xml", "word/document.xml", "word/media/x.png"]
    again = Package.read(package.replaced({"word/document.xml": b"<e/>"}), name="x.docx")
    assert again.parts["word/document.xml"] == b"<e/>"
    assert [i.date_time for i in again.infos] == [i.date_time for i in package.infos]
    with pytest.raises(ValueError, match="no such parts"):
        package.replaced({"word/missing.xml": b""})
