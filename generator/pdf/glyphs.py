"""Which characters the PDF can draw: no glyph without a font.

PDF/A forbids drawing a character with a font that has no glyph for it, and LibreOffice would
draw an empty box (Devanagari ``क्रम`` in a Thai letter, kept from a conversion). A character
can be drawn when the letter's face has it — TH Sarabun New when installed, else the faces of
:data:`generator.pdf.fonts.FAMILY`, read with fontTools — or, failing that, when some font
fontconfig knows has it (LibreOffice falls back to any installed font for a missing glyph;
asked with ``fc-list :charset=…``, once per character and process). Spaces, line breaks and
format characters need no glyph.

:func:`uncovered` is what the issuing package asks before a number is taken
(:mod:`generator.issuing.glyphs`).
"""

from __future__ import annotations

import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def letter_face_characters() -> frozenset[int]:
    """The code points the letter's face has (every style of it), as fontTools reads them."""
    from fontTools.ttLib import TTFont

    from .fonts import SARABUN, built_faces, font_installed

    files: list[Path] = []
    installed = next((name for name in SARABUN if font_installed(name)), None)
    if installed is not None:
        files = [Path(f) for f in _fc(f":family={installed}", "file") if f]
    else:
        folder = built_faces()
        if folder is not None:
            files = sorted(folder.glob("*.ttf"))
    found: set[int] = set()
    for file in files:
        try:
            with TTFont(file, lazy=True) as font:
                found.update(font.getBestCmap() or {})
        except Exception:  # an unreadable font covers nothing; fontconfig is asked instead
            continue
    return frozenset(found)


def _fc(pattern: str, element: str) -> list[str]:
    try:
        result = subprocess.run(["fc-list", pattern, element], capture_output=True, text=True,
                                timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    if result.returncode != 0:
        return []
    return [line.split(":", 1)[0].strip() for line in result.stdout.splitlines() if line.strip()]


@lru_cache(maxsize=4096)
def some_font_has(code: int) -> bool:
    """Does any font fontconfig knows have this code point?"""
    return bool(_fc(f":charset={code:x}", "family"))


def needs_glyph(char: str) -> bool:
    """Spaces, controls and format characters (ZWJ, soft hyphen) are not drawn.

    >>> needs_glyph("ก"), needs_glyph(" "), needs_glyph("\\u200d")
    (True, False, False)
    """
    return not (char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp"))


def uncovered(text: str) -> str:
    """The characters of ``text`` no font the PDF can use has, each once, in order."""
    face = letter_face_characters()
    missing: dict[str, None] = {}
    for char in text:
        if char in missing or ord(char) in face or not needs_glyph(char):
            continue
        if not some_font_has(ord(char)):
            missing[char] = None
    return "".join(missing)


def script_of(char: str) -> str:
    """The script a character belongs to, as Unicode names it.

    >>> script_of("क"), script_of("ก")
    ('Devanagari', 'Thai')
    """
    return unicodedata.name(char, "UNKNOWN").split()[0].title()
