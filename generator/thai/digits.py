"""Thai and Arabic digits in running text.

Official letters write every number in Thai digits (``๐๑๒๓๔๕๖๗๘๙``), but never inside a web
link, an e-mail address, a file name or path, or a Latin identifier: a link whose digits were
turned Thai no longer works. pythainlp converts every digit it sees, so the protection of
those spans is done here. The ten-digit mapping is kept here too, equal to pythainlp's
(checked below): importing pythainlp takes a tenth of a second, which every command that
prints a number would pay at start-up.

>>> from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit
>>> arabic_digit_to_thai_digit(ARABIC_DIGITS) == to_thai_digits(ARABIC_DIGITS) == THAI_DIGITS
True
>>> thai_digit_to_arabic_digit(THAI_DIGITS) == to_arabic_digits(THAI_DIGITS) == ARABIC_DIGITS
True
"""

from __future__ import annotations

import re

from .patterns import Pattern

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"
_TO_THAI = str.maketrans(ARABIC_DIGITS, THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)

# Spans whose digits must stay Arabic, tried in this order at each position:
#   a URL with a scheme or starting with www.; an e-mail address; a run of ASCII characters
#   with no space, bracket, quote, comma or semicolon that holds both a Latin letter and a digit (identifiers such as
#   ppGUYQsXQTE1wNS3A, file names such as form2.pdf, paths such as output/issued/2567/x.docx,
#   codes such as PDF/A-2b).
#   Each of them holds a Latin letter or an ``@``, so a text with neither (a letter number, a
#   date) is converted at once; the pattern, whose character classes over the whole of Unicode
#   take about 20 ms to compile, is compiled on first need, not at import.
_PROTECTED = Pattern(
    r"""
      (?:https?|ftp|file)://[^\s<>"'()\[\]]*[^\s<>"'()\[\].,;:!?]   # URL with a scheme
    | www\.[^\s<>"'()\[\]]*[^\s<>"'()\[\].,;:!?]                     # URL without one
    | [A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+         # e-mail address
    | [^\s()\[\]{}<>"',;\x80-\U0010ffff]*[A-Za-z][^\s()\[\]{}<>"',;\x80-\U0010ffff]*  # Latin token
    """,
    re.VERBOSE,
)
_LATIN_OR_AT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz@")


def _has_digit(text: str) -> bool:
    return any(ch in ARABIC_DIGITS for ch in text)


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds links, e-mail addresses, file names or Latin identifiers
    whose digits must stay Arabic, as ``(start, end)`` pairs.

    >>> text = "ดูที่ https://forms.gle/ppGUYQsXQTE1wNS3A ภายใน 31 มีนาคม"
    >>> [text[a:b] for a, b in protected_spans(text)]
    ['https://forms.gle/ppGUYQsXQTE1wNS3A']
    """
    if _LATIN_OR_AT.isdisjoint(text):
        return []
    spans = []
    for match in _PROTECTED.finditer(text):
        if _has_digit(match.group()):
            spans.append(match.span())
    return spans


def to_thai_digits(text: str) -> str:
    """Arabic digits to Thai in running text; links, e-mail addresses, file names, paths and
    tokens that mix Latin letters with digits keep their Arabic digits.

    >>> to_thai_digits("ภายใน 31 มีนาคม 2568 เวลา 08.30 น.")
    'ภายใน ๓๑ มีนาคม ๒๕๖๘ เวลา ๐๘.๓๐ น.'
    >>> to_thai_digits("รายงานที่ https://forms.gle/ppGUYQsXQTE1wNS3A ภายใน 31 มีนาคม 2568")
    'รายงานที่ https://forms.gle/ppGUYQsXQTE1wNS3A ภายใน ๓๑ มีนาคม ๒๕๖๘'
    >>> to_thai_digits("ส่ง e-mail plan2567@example.go.th ไฟล์ แบบรายงาน3.pdf ขนาด A4 จำนวน 2 ชุด")
    'ส่ง e-mail plan2567@example.go.th ไฟล์ แบบรายงาน3.pdf ขนาด A4 จำนวน ๒ ชุด'
    >>> to_thai_digits("ภารกิจ 10+1 ร้อยละ 85 ราคา 2,956,600 บาท (ปี 2567)")
    'ภารกิจ ๑๐+๑ ร้อยละ ๘๕ ราคา ๒,๙๕๖,๖๐๐ บาท (ปี ๒๕๖๗)'
    """
    out = []
    last = 0
    for start, end in protected_spans(text):
        out.append(text[last:start].translate(_TO_THAI) if start > last else "")
        out.append(text[start:end])
        last = end
    out.append(text[last:].translate(_TO_THAI) if last < len(text) else "")
    return "".join(out)


def to_arabic_digits(text: str) -> str:
    """Thai digits to Arabic, everywhere (this also repairs links whose digits were turned Thai).

    >>> to_arabic_digits("ที่ นค ๐๐๑๙.๓/ว ๑๕๕๕๗")
    'ที่ นค 0019.3/ว 15557'
    >>> to_arabic_digits("https://docs.google.com/spreadsheets/d/๑๙AtVJtp๒๑nnS")
    'https://docs.google.com/spreadsheets/d/19AtVJtp21nnS'
    """
    return text.translate(_TO_ARABIC) if text else text


def repair_links(text: str) -> str:
    """Turn Thai digits that sit inside links, e-mail addresses and Latin identifiers back to
    Arabic, leaving running text alone — the fix for a letter whose links were broken by a
    blind digit conversion.

    >>> repair_links("ดูที่ <https://forms.gle/ppGUYQsXQTE๑wNS๓A> ภายใน ๓๑ มีนาคม")
    'ดูที่ <https://forms.gle/ppGUYQsXQTE1wNS3A> ภายใน ๓๑ มีนาคม'
    """
    return to_thai_digits(to_arabic_digits(text))


def digits(text: str, style: str = "thai") -> str:
    """Write the digits of running text in an office's digit style: ``"thai"`` or ``"arabic"``.

    >>> digits("เลขที่ 15557", "thai"), digits("เลขที่ ๑๕๕๕๗", "arabic")
    ('เลขที่ ๑๕๕๕๗', 'เลขที่ 15557')
    """
    if style == "thai":
        return to_thai_digits(text)
    if style == "arabic":
        return to_arabic_digits(text)
    from .errors import ThaiValueError

    raise ThaiValueError(f"unknown digit style {style!r}: use 'thai' or 'arabic'")


# Links and e-mail addresses as typed, whatever their digits (Thai digits included: a link a blind
# conversion broke is still found).
_LINK = Pattern(r"""(?:https?|ftp)://[^\s<>"'()\[\]]*[^\s<>"'()\[\].,;:!?]|www\.[^\s<>"'()\[\]]*[^\s<>"'()\[\].,;:!?]"""
                   r"|[A-Za-z0-9๐-๙._%+\-]+@[A-Za-z0-9๐-๙\-]+(?:\.[A-Za-z0-9๐-๙\-]+)+")


def links(text: str) -> list[re.Match]:
    """The links and e-mail addresses in ``text``, broken ones (Thai digits) included.

    >>> [m.group() for m in links("ดู https://forms.gle/ppGUYQsXQTE๑wNS๓A หรือ a๑@x.org.")]
    ['https://forms.gle/ppGUYQsXQTE๑wNS๓A', 'a๑@x.org']
    """
    return list(_LINK.finditer(text))


def to_arabic_outside_links(text: str) -> str:
    """Thai digits to Arabic except inside links and e-mail addresses (which keep what they have).

    >>> to_arabic_outside_links("ภายใน ๓๑ มีนาคม https://x.org/๑")
    'ภายใน 31 มีนาคม https://x.org/๑'
    """
    out, last = [], 0
    for match in links(text):
        out += [to_arabic_digits(text[last:match.start()]), match.group()]
        last = match.end()
    return "".join(out) + to_arabic_digits(text[last:])
