"""The TH Sarabun New stand-in: Laksaman rebuilt with TH Sarabun New's metrics, and the private
fontconfig that gives it to LibreOffice.

Letters are set in TH Sarabun New (Cabinet resolution of 2553), which no package registry
carries. Laksaman (Debian ``fonts-tlwg-laksaman``, GPL-2+ with the font exception) is the same
design drawn 1.503 times larger: over the 453 characters both fonts have, Laksaman's advance
widths are TH Sarabun New's × 1.503 (median 1.5028 regular, 1.5033 bold). Set at the document's
own sizes it would break lines at other places, and its vertical metrics carry the OS/2
USE_TYPO_METRICS bit, so LibreOffice would take its typo line height (1.715 em) instead of the
hhea one TH Sarabun New has (1.331 em): lines about 14 % tighter than Word's.

:func:`build_face` makes a modified copy of each Laksaman face under a name of its own
(:data:`FAMILY`; the GPL allows a modified copy, and the name says it is not the original):

* ``head.unitsPerEm`` becomes :data:`UNITS_PER_EM` (1503) instead of 1000. Every outline and
  advance stays as drawn, so the face is Laksaman scaled by 1/1.503 exactly, with no rounding
  of any coordinate, and at 16 pt it takes the room TH Sarabun New takes at 16 pt.
* The vertical metrics are TH Sarabun New 1.35's (constants below, measured from its four faces,
  which agree), in the new units: LibreOffice's line height comes from them, so the lines and
  the pages break where Word breaks them.
* USE_TYPO_METRICS is cleared, as in TH Sarabun New, so every program takes the hhea/win values.
* The TrueType hinting programs are dropped: they were written for 1000 units per em, a PDF is
  drawn unhinted, and LibreOffice lays text out with unhinted advances.

The faces are built at first use from the installed Laksaman files into the user's cache
(``$GEN_LETTER_FONT_CACHE``, else ``$XDG_CACHE_HOME/gen-letter/fonts``), keyed by the source
file's SHA-256 and :data:`BUILD`, and written atomically; nothing built is committed, so the
repository holds no font binaries and the copy is always made from the Laksaman Debian ships.
:func:`fontconfig_file` writes a fontconfig file that includes the user's own configuration,
adds that folder and, only when no TH Sarabun font is installed, maps the TH Sarabun names to
:data:`FAMILY`; LibreOffice runs with ``FONTCONFIG_FILE`` pointing at it, so the DOCX is
converted as it is, at its own sizes, and a machine with the real font uses the real font.

>>> vertical_metrics()["hhea"]
(1269, -687, 45)
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

#: Font names of the official letter face; TH SarabunPSK is the same design.
SARABUN = ("TH Sarabun New", "TH SarabunPSK", "TH Sarabun PSK")
#: The family name of the built stand-in.
FAMILY = "Laksaman Letter"
#: Laksaman's advances are TH Sarabun New's × 1.503 (1000 units per em in both): in 1503 units
#: per em Laksaman's own numbers give TH Sarabun New's widths.
UNITS_PER_EM = 1503
#: Raised whenever the built faces change, so caches are rebuilt.
BUILD = 3

# TH Sarabun New 1.35's vertical metrics in its 1000 units per em (the same in all four faces).
#: hhea ascender/descender/lineGap: LibreOffice's line height is their sum, 1.331 em
#: (21.30 pt at 16 pt), because USE_TYPO_METRICS is off.
SARABUN_HHEA = (844, -457, 30)
#: OS/2 usWinAscent/usWinDescent: Word's line height on Windows; the same extent as hhea.
SARABUN_WIN = (844, 457)
#: OS/2 sTypoAscender/Descender/LineGap: kept for programs that read them (they do not decide
#: any line here, since USE_TYPO_METRICS is off).
SARABUN_TYPO = (850, -250, 60)
#: OS/2 sxHeight and sCapHeight are left as Laksaman has them (shapes, not line spacing).

_USE_TYPO_METRICS = 1 << 7

#: Advance widths set by hand, in Laksaman's units, by face. Every other advance of Laksaman is
#: TH Sarabun New's × 1.503 to the unit (the rest of the difference is each font's own
#: rounding), but Laksaman Regular's ช and ซ are 3 units (0.5 %) narrower: TH Sarabun New's are
#: 380 and 384, × 1.503 = 571 and 577. ช is in ชุมชน and จังหวัด, in nearly every letter, and
#: 0.5 % of it moved a line break in a narrow table cell; the 3 units go to the right side
#: bearing, which no eye sees at 16 pt.
ADVANCES = {"Regular": {"uni0E0A": 571, "uni0E0B": 577}}

#: The faces built, by style: (Laksaman file name, fontconfig style, bold, italic).
FACES = {
    "Regular": ("Laksaman.ttf", False, False),
    "Bold": ("Laksaman-Bold.ttf", True, False),
    "Italic": ("Laksaman-Italic.ttf", False, True),
    "Bold Italic": ("Laksaman-BoldItalic.ttf", True, True),
}
_SOURCE_DIRS = ("/usr/share/fonts/truetype/tlwg", "/usr/share/fonts/opentype/tlwg",
                "/usr/local/share/fonts")


def _units(value: int) -> int:
    """A TH Sarabun New metric (1000 units per em) in the stand-in's units.

    >>> _units(844), _units(-457), _units(30)
    (1269, -687, 45)
    """
    return round(value * UNITS_PER_EM / 1000)


def vertical_metrics() -> dict[str, tuple[int, ...]]:
    """TH Sarabun New's vertical metrics in :data:`UNITS_PER_EM`."""
    return {"hhea": tuple(map(_units, SARABUN_HHEA)), "win": tuple(map(_units, SARABUN_WIN)),
            "typo": tuple(map(_units, SARABUN_TYPO))}


def build_face(source: Path, target: Path, style: str) -> None:
    """Write the stand-in face ``style`` built from the Laksaman file ``source`` to ``target``."""
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    font["head"].unitsPerEm = UNITS_PER_EM
    metrics = vertical_metrics()
    hhea, os2 = font["hhea"], font["OS/2"]
    hhea.ascent, hhea.descent, hhea.lineGap = metrics["hhea"]
    os2.usWinAscent, os2.usWinDescent = metrics["win"]
    os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = metrics["typo"]
    os2.fsSelection &= ~_USE_TYPO_METRICS
    for glyph, advance in ADVANCES.get(style, {}).items():
        font["hmtx"][glyph] = (advance, font["hmtx"][glyph][1])
    _without_mark_positioning(font)
    for table in ("fpgm", "prep", "cvt ", "hdmx", "VDMX", "LTSH", "FFTM"):
        if table in font:
            del font[table]
    for name in font.getGlyphOrder():
        glyph = font["glyf"][name]
        if hasattr(glyph, "program"):
            glyph.program.fromBytecode(b"")
    _rename(font, style)
    _write_atomically(target, font)


def _without_mark_positioning(font) -> None:
    """Drop the GPOS ``mark``/``mkmk`` features, keeping ``kern``.

    Laksaman places Thai marks twice: its GSUB picks the low, left or high form of each mark
    (as TH Sarabun New's does, which has no mark positioning at all), and its GPOS then moves
    marks by anchor offsets. LibreOffice writes a GPOS-moved mark into the PDF at a baseline of
    its own, which text extraction reads as a separate word (``นี ้``, ``เป้ าหมาย``); with the
    GSUB forms alone each mark sits on its letter's baseline, where TH Sarabun New puts it.
    """
    if "GPOS" not in font:
        return
    table = font["GPOS"].table
    features = table.FeatureList.FeatureRecord
    keep = [i for i, record in enumerate(features) if record.FeatureTag not in ("mark", "mkmk")]
    for script in table.ScriptList.ScriptRecord:
        systems = [script.Script.DefaultLangSys] + [r.LangSys for r in script.Script.LangSysRecord]
        for system in systems:
            if system is not None:
                system.FeatureIndex = [i for i in system.FeatureIndex if i in keep]
                system.FeatureCount = len(system.FeatureIndex)


def _rename(font, style: str) -> None:
    postscript = FAMILY.replace(" ", "") + "-" + style.replace(" ", "")
    version = font["name"].getDebugName(5) or ""
    names = {
        1: FAMILY if style in ("Regular", "Bold", "Italic", "Bold Italic") else FAMILY, 2: style,
        3: f"{postscript};build {BUILD}", 4: f"{FAMILY} {style}".replace(" Regular", ""),
        5: f"{version}; gen-letter build {BUILD}", 6: postscript, 16: FAMILY, 17: style,
        10: ("Laksaman (TLWG) modified: scaled to 1503 units per em and given TH Sarabun New's "
             "vertical metrics, so that text takes the room TH Sarabun New takes"),
    }
    table = font["name"]
    for record in list(table.names):
        if record.nameID in names or record.nameID in (18, 21, 22):
            table.removeNames(nameID=record.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)


def _write_atomically(target: Path, font) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            font.save(out)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def cache_dir() -> Path:
    chosen = os.environ.get("GEN_LETTER_FONT_CACHE")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "gen-letter" / "fonts"


def laksaman_source(file_name: str) -> Path | None:
    """The installed Laksaman file of that name, or None."""
    for folder in _SOURCE_DIRS:
        path = Path(folder) / file_name
        if path.is_file():
            return path
    found = _fc_file(f"Laksaman:file={file_name}") or None
    return Path(found) if found and Path(found).name == file_name else None


def _fc_file(pattern: str) -> str:
    try:
        result = subprocess.run(["fc-list", pattern, "file"], capture_output=True, text=True,
                                timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip().split(":", 1)[0] if result.returncode == 0 else ""


def built_faces() -> Path | None:
    """The folder holding the built stand-in faces (built now when missing), or None when
    Laksaman is not installed."""
    folder = cache_dir() / f"build-{BUILD}"
    built = 0
    for style, (file_name, _bold, _italic) in FACES.items():
        source = laksaman_source(file_name)
        if source is None:
            continue
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
        target = folder / f"{FAMILY.replace(' ', '')}-{style.replace(' ', '')}-{digest}.ttf"
        if not target.is_file():
            build_face(source, target, style)
        built += 1
    return folder if built else None


def font_installed(family: str, env: dict[str, str] | None = None) -> bool:
    """Whether fontconfig knows a font family (False when fontconfig itself is missing)."""
    try:
        result = subprocess.run(["fc-list", f":family={family}", "family"], capture_output=True,
                                text=True, timeout=30, check=False, env=env)
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0 and bool(result.stdout.strip())


def fontconfig_xml(base: str | None, faces: Path | None, mapping: dict[str, str],
                   cache: Path) -> str:
    """A fontconfig file: the user's configuration, the stand-in's folder, and each family
    name in ``mapping`` replaced by the one it maps to.

    >>> xml = fontconfig_xml(None, Path("/c/f"), {"TH Sarabun New": FAMILY}, Path("/c"))
    >>> "<dir>/c/f</dir>" in xml and "<string>Laksaman Letter</string>" in xml
    True
    """
    lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
             "<fontconfig>", f"  <include ignore_missing=\"yes\">{escape(base or '/etc/fonts/fonts.conf')}</include>"]
    if faces is not None:
        lines.append(f"  <dir>{escape(str(faces))}</dir>")
    lines.append(f"  <cachedir>{escape(str(cache / 'fontconfig'))}</cachedir>")
    for name, family in mapping.items():
        lines += ['  <match target="pattern">',
                  f'    <test qual="any" name="family"><string>{escape(name)}</string></test>',
                  f'    <edit name="family" mode="assign" binding="strong"><string>{escape(family)}</string></edit>',
                  "  </match>"]
    lines.append("</fontconfig>")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class FontPlan:
    """How the TH Sarabun names are drawn under one fontconfig configuration."""

    mapping: dict[str, str]        # family name in a document -> the family drawn instead
    faces: Path | None             # the stand-in's folder, when it is used
    notice: str | None             # said once to the user when the real font is missing


@lru_cache(maxsize=8)
def font_plan(base: str | None = None) -> FontPlan:
    """The plan under the fontconfig file ``base`` (cached: each fc-list takes 50 ms)."""
    installed = [n for n in SARABUN if font_installed(n)]
    if installed:  # the same design under another name: the real font for all its names
        return FontPlan({n: installed[0] for n in SARABUN if n not in installed}, None, None)
    faces = built_faces()
    if faces is None:
        return FontPlan({}, None, (
            f"neither {SARABUN[0]} nor Laksaman is installed: the PDF uses another font and its "
            f"lines and pages break differently from Word's (install fonts-tlwg-laksaman)"))
    return FontPlan({n: FAMILY for n in SARABUN}, faces, notice_for(SARABUN[0]))


def font_environment(folder: Path, used: bool = True) -> tuple[dict[str, str], str | None]:
    """The environment for a LibreOffice run under :func:`font_plan`, its fontconfig file
    written into ``folder``; and the plan's notice when the documents name TH Sarabun (``used``)."""
    base = os.environ.get("FONTCONFIG_FILE")
    plan = font_plan(base)
    env = dict(os.environ)
    if plan.mapping:
        config = Path(folder).resolve() / "fonts.conf"  # fontconfig reads relative names from /etc/fonts
        config.write_text(fontconfig_xml(base, plan.faces, plan.mapping, cache_dir()),
                          encoding="utf-8")
        env["FONTCONFIG_FILE"] = str(config)
    return env, plan.notice if used else None


def notice_for(name: str) -> str:
    return (f"{name} is not installed: the PDF uses {FAMILY} (Laksaman with {name}'s widths "
            f"and line height), which keeps {name}'s line and page breaks")
