"""Text hygiene: invisible controls refused, Thai marks in their canonical order.

Bidi controls (U+202A–U+202E, U+2066–U+2069, LRM/RLM/ALM) can make a letter display something
other than what it stores, and zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM) make
its words unsearchable; neither belongs in Thai official text. :func:`problem_character` finds
them (a spec naming one is refused with its field and line); :func:`strip_invisible` removes
them from what a reviewer typed into the document. Thai vowels and tone marks typed out of order
(``กํ้า`` for ``ก้ำ``, ``เเ`` for ``แ``) look alike but compare and search differently;
:func:`normalise` puts them in canonical order with pythainlp's ``reorder_vowels``.

>>> problem_character("ตำบล\\u200bเข้มแข็ง")
('U+200B', 'a zero-width character')
>>> problem_character("ตำบลเข้มแข็ง") is None
True
>>> normalise("กํ้าเเพง") == "ก้ำแพง"
True
>>> strip_invisible("ตำบล\\u200bเข้ม\\u202eแข็ง")
'ตำบลเข้มแข็ง'
"""

from __future__ import annotations

import re

BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = re.compile(f"[{BIDI}{ZERO_WIDTH}]")
_THAI = re.compile("[\u0e00-\u0e7f]")


def problem_character(text: str) -> tuple[str, str] | None:
    """The first invisible control in ``text`` as (code point, what it is), or None."""
    found = _INVISIBLE.search(text)
    if found is None:
        return None
    char = found.group()
    return f"U+{ord(char):04X}", ("a bidirectional control" if char in BIDI
                                  else "a zero-width character")


def strip_invisible(text: str) -> str:
    """``text`` without bidi controls and zero-width characters."""
    return _INVISIBLE.sub("", text)


def normalise(text: str) -> str:
    """Thai vowels and tone marks in canonical order (text without Thai is returned as it is)."""
    if not _THAI.search(text):
        return text
    from pythainlp.util import reorder_vowels

    return reorder_vowels(text)
