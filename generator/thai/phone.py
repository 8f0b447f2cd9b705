"""Thai telephone numbers in the grouped official form ``๐ ๔๒๔๑ ๑๑๘๒``.

Input may be typed any common way: ``042411182``, ``0-4241-1182``, ``045-345628``,
``+66 42 411 182``, Thai digits, with an extension (``ต่อ 12``) or a run of lines
(``042411182-3``: the lines ending 2 and 3). Landlines (9 digits) are grouped 1-4-4 as the seed
letters write them; mobiles (10 digits, 06/08/09) 2-4-4; short hotlines (4 or 5 digits, e.g.
1111) are left whole.
"""

from __future__ import annotations

import re

from .digits import digits as _digits
from .digits import to_arabic_digits
from .errors import ThaiValueError

_EXTENSION_RE = re.compile(r"\s*(?:ต่อ|ext\.?|x|#)\s*(\d{1,6})\s*$", re.IGNORECASE)
_LINES_RE = re.compile(r"^(?P<first>.*\d)\s*[-–]\s*(?P<last>\d{1,2})$")


def normalise_phone(text: str) -> tuple[str, str | None]:
    """The national digits of a phone number and its extension, if any.

    >>> normalise_phone("+66 42 411 182 ต่อ 12")
    ('042411182', '12')
    """
    raw = to_arabic_digits(text).strip()
    extension = None
    match = _EXTENSION_RE.search(raw)
    if match:
        extension, raw = match[1], raw[: match.start()]
    if re.search(r"[^\d\s\-+().]", raw):
        raise ThaiValueError(f"{text!r} is not a phone number")
    number = re.sub(r"\D", "", raw)
    if raw.lstrip().startswith("+"):
        if not number.startswith("66"):
            raise ThaiValueError(f"{text!r} is not a Thai phone number (+66)")
        number = "0" + number[2:]
    elif number.startswith("66") and len(number) in (10, 11):  # 66 typed without the +
        number = "0" + number[2:]
    if len(number) in (4, 5) and not number.startswith("0"):
        return number, extension
    if (not number.startswith("0") or len(number) not in (9, 10)
            or (len(number) == 10 and number[1] not in "689")):
        raise ThaiValueError(
            f"{text!r} is not a Thai phone number: expected 9 digits for a landline "
            f"(0 4241 1182) or 10 for a mobile (08 1234 5678)")
    return number, extension


def format_phone(text: str, digit_style: str = "thai") -> str:
    """A phone number in the grouped official form.

    >>> format_phone("042411182"), format_phone("0-3851-1239"), format_phone("๐๔๕-๓๔๕๖๒๘")
    ('๐ ๔๒๔๑ ๑๑๘๒', '๐ ๓๘๕๑ ๑๒๓๙', '๐ ๔๕๓๔ ๕๖๒๘')
    >>> format_phone("081-234-5678"), format_phone("02 123 4567 ต่อ 12", "arabic")
    ('๐๘ ๑๒๓๔ ๕๖๗๘', '0 2123 4567 ต่อ 12')
    >>> format_phone("042411182-3")
    '๐ ๔๒๔๑ ๑๑๘๒-๓'

    """
    lines = _LINES_RE.match(to_arabic_digits(text).strip())
    if lines and not _EXTENSION_RE.search(text):
        try:
            first = format_phone(lines["first"], digit_style)
        except ThaiValueError:
            first = None
        if first is not None:
            return first + "-" + _digits(lines["last"], digit_style)
    number, extension = normalise_phone(text)
    if len(number) == 9:
        grouped = f"{number[0]} {number[1:5]} {number[5:]}"
    elif len(number) == 10:
        grouped = f"{number[:2]} {number[2:6]} {number[6:]}"
    else:
        grouped = number
    if extension:
        grouped += f" ต่อ {extension}"
    return _digits(grouped, digit_style)


# The landline area codes of a region share their second digit (0 2…, 0 3…, 0 4…, 0 5…, 0 7…).
# The region of a province follows from the first two digits of its postal codes, Chai Nat (17,
# among the Central provinces by post) being in the North's 056 area.
REGIONS = {"2": "Bangkok", "3": "the Central, East and West", "4": "the North-East",
           "5": "the North", "7": "the South"}
_REGION_BY_POSTAL = [(10, 12, "2"), (13, 27, "3"), (30, 49, "4"), (50, 67, "5"), (70, 77, "3"),
                     (80, 96, "7")]


def area_digit(postal_prefix: str) -> str:
    """The region digit of landlines in a province, from its postal-code prefix.

    >>> area_digit("43"), area_digit("24"), area_digit("50"), area_digit("17"), area_digit("10")
    ('4', '3', '5', '5', '2')
    """
    prefix = int(to_arabic_digits(postal_prefix)[:2])
    if prefix == 17:
        return "5"
    for low, high, digit in _REGION_BY_POSTAL:
        if low <= prefix <= high:
            return digit
    raise ThaiValueError(f"{postal_prefix!r} is not the prefix of a Thai postal code")


def landline_area(text: str) -> str | None:
    """The region digit of a landline number (``None`` for a mobile or a hotline).

    >>> landline_area("๐ ๓๘๕๑ ๑๒๓๔"), landline_area("081 234 5678"), landline_area("1111")
    ('3', None, None)
    """
    number, _ = normalise_phone(text)
    return number[1] if len(number) == 9 and number[1] in REGIONS else None
