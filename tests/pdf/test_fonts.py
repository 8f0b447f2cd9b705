"""The TH Sarabun New stand-in built from Laksaman: its metrics against the rules and, where the
real font is at hand (../shared/fonts, test data only), against TH Sarabun New itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from generator.pdf import fonts

from tests.conftest import REPO

SHARED_FONTS = REPO.parent / "shared" / "fonts"
REAL = {"Regular": "THSarabunNew.ttf", "Bold": "THSarabunNew Bold.ttf",
        "Italic": "THSarabunNew Italic.ttf", "Bold Italic": "THSarabunNew BoldItalic.ttf"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, TTFont]:
    faces = {}
    folder = tmp_path_factory.mktemp("faces")
    for style, (file_name, _bold, _italic) in fonts.FACES.items():
        source = fonts.laksaman_source(file_name)
        if source is None:
            pytest.skip(f"Laksaman is not installed ({file_name}): install fonts-tlwg-laksaman")
        target = folder / f"{style}.ttf"
        fonts.build_face(source, target, style)
        faces[style] = TTFont(target)
    return faces


def _real(style: str) -> TTFont:
    path = SHARED_FONTS / REAL[style]
    if not path.is_file():
        pytest.skip(f"TH Sarabun New (test data) is not at {SHARED_FONTS}: nothing to compare with")
    return TTFont(path)


@pytest.mark.parametrize("style", list(fonts.FACES))
def test_the_face_has_a_name_of_its_own_and_says_it_is_modified(built, style):
    name = built[style]["name"]
    assert name.getDebugName(1) == "Laksaman Letter" and name.getDebugName(2) == style
    assert "modified" in name.getDebugName(10)
    assert "General Public License" in name.getDebugName(13)  # Laksaman's licence travels with it


@pytest.mark.parametrize("style", list(fonts.FACES))
def test_line_height_is_sarabuns_1_331_em(built, style):
    """LibreOffice takes hhea ascender + descender + line gap when USE_TYPO_METRICS is off:
    TH Sarabun New's 844 + 457 + 30 = 1331 thousandths of an em (21.30 pt at 16 pt)."""
    face = built[style]
    upm = face["head"].unitsPerEm
    hhea = face["hhea"]
    assert not face["OS/2"].fsSelection & (1 << 7)
    assert (hhea.ascent - hhea.descent + hhea.lineGap) / upm == pytest.approx(1.331, abs=0.001)
    assert (face["OS/2"].usWinAscent + face["OS/2"].usWinDescent) / upm == pytest.approx(1.301, abs=0.001)


@pytest.mark.parametrize("style", list(fonts.FACES))
def test_marks_are_placed_by_substitution_only(built, style):
    """No GPOS mark positioning: a mark moved off its letter's baseline is extracted as a word
    of its own (นี ้)."""
    table = built[style]["GPOS"].table
    for script in table.ScriptList.ScriptRecord:
        tags = {table.FeatureList.FeatureRecord[i].FeatureTag
                for i in script.Script.DefaultLangSys.FeatureIndex}
        assert not tags & {"mark", "mkmk"}, script.ScriptTag


@pytest.mark.parametrize("style", list(fonts.FACES))
def test_every_advance_is_sarabuns_to_a_thousandth_of_an_em(built, style):
    real = _real(style)
    face = built[style]
    upm = face["head"].unitsPerEm
    ours, theirs = face.getBestCmap(), real.getBestCmap()
    shared = [cp for cp in set(ours) & set(theirs) if cp < 0xF700]  # PUA forms aside
    assert len(shared) > 400
    for cp in shared:
        mine = face["hmtx"][ours[cp]][0] / upm * 1000
        assert mine == pytest.approx(real["hmtx"][theirs[cp]][0], abs=1.0), hex(cp)


@pytest.mark.parametrize("style", list(fonts.FACES))
def test_vertical_metrics_are_sarabuns(built, style):
    real = _real(style)
    face = built[style]
    scale = face["head"].unitsPerEm / real["head"].unitsPerEm
    for table, fields in (("hhea", ("ascent", "descent", "lineGap")),
                          ("OS/2", ("usWinAscent", "usWinDescent", "sTypoAscender",
                                    "sTypoDescender", "sTypoLineGap"))):
        for field in fields:
            assert getattr(face[table], field) == pytest.approx(
                getattr(real[table], field) * scale, abs=0.5), (table, field)


def test_faces_are_built_once_into_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GEN_LETTER_FONT_CACHE", str(tmp_path))
    if fonts.laksaman_source("Laksaman.ttf") is None:
        pytest.skip("Laksaman is not installed: install fonts-tlwg-laksaman")
    folder = fonts.built_faces()
    made = {p: p.stat().st_mtime_ns for p in folder.glob("*.ttf")}
    assert len(made) == 4 and folder.parent == tmp_path
    assert fonts.built_faces() == folder
    assert {p: p.stat().st_mtime_ns for p in folder.glob("*.ttf")} == made
    assert not list(folder.glob(".*"))  # no temporary file left behind
