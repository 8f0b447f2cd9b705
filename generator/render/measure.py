"""How wide a word is in TH Sarabun New, from the font's advance widths (fontTools).

Table columns must be at least as wide as the longest word of their header, or the word breaks
inside itself (``ลำดั`` / ``บ``). TH Sarabun New is rarely installed where letters are made, but
Debian's Laksaman is the same design drawn 1.503 times larger (its advance widths are TH Sarabun
New's × 1.503, see :mod:`generator.pdf.fonts`), so the widths are read from TH Sarabun New when
fontconfig finds it, else from Laksaman divided by 1.503. With neither, a word is taken as
:data:`FALLBACK_EM` em per character that advances (marks above and below take no room), a
generous figure: a column is then wider than it needs, never narrower.
"""

from __future__ import annotations

import subprocess
import unicodedata
from functools import lru_cache

#: Laksaman's advances over TH Sarabun New's (both 1000 units per em).
LAKSAMAN_SCALE = 1.503
#: Em per advancing character when no font can be read.
FALLBACK_EM = 0.55
_FACES = {  # (family, style) looked up in order: (fontconfig pattern, scale)
    False: (("TH Sarabun New:style=Regular", 1.0), ("Laksaman:style=Regular", LAKSAMAN_SCALE)),
    True: (("TH Sarabun New:style=Bold", 1.0), ("Laksaman:style=Bold", LAKSAMAN_SCALE)),
}


def _fc_match(pattern: str) -> tuple[str, str] | None:
    try:
        done = subprocess.run(["fc-match", "-f", "%{family}\t%{file}", pattern],
                              capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    family, _, path = done.stdout.partition("\t")
    return (family, path) if done.returncode == 0 and path else None


@lru_cache(maxsize=4)
def _advances(bold: bool) -> tuple[dict[int, float], float] | None:
    """Code point → advance in em for the face, or None when no face is found."""
    from fontTools.ttLib import TTFont

    for pattern, scale in _FACES[bold]:
        found = _fc_match(pattern)
        if found is None or not found[0].split(",")[0].startswith(pattern.split(":")[0]):
            continue
        try:
            font = TTFont(found[1], lazy=True)
        except Exception:  # an unreadable font file: try the next face
            continue
        units = font["head"].unitsPerEm * scale
        hmtx = font["hmtx"]
        return {code: hmtx[name][0] / units for code, name in font.getBestCmap().items()}, scale
    return None


def _advances_of(text: str, bold: bool) -> float:
    table = _advances(bold)
    total = 0.0
    for char in text:
        if table is not None and ord(char) in table[0]:
            total += table[0][ord(char)]
        elif unicodedata.category(char) not in ("Mn", "Me", "Cf"):
            total += FALLBACK_EM
    return total


def text_width(text: str, size_pt: float = 16, bold: bool = False) -> float:
    """The width of ``text`` set on one line, in points.

    >>> 20 < text_width("ลำดับ", bold=True) < 32
    True
    >>> text_width("") == 0
    True
    """
    return _advances_of(text, bold) * size_pt


def longest_word(text: str, size_pt: float = 16, bold: bool = False) -> str:
    """The widest word of a header (Thai split into words with pythainlp's tokenizer).

    >>> longest_word("กรอบระยะเวลา\\nดำเนินการ") in ("ดำเนินการ", "ระยะเวลา")
    True
    >>> longest_word("ลำดับ")
    'ลำดับ'
    """
    from pythainlp.tokenize import word_tokenize

    words = [w for chunk in text.split() for w in word_tokenize(chunk, keep_whitespace=False)]
    return max(words, key=lambda word: text_width(word, size_pt, bold), default="")
