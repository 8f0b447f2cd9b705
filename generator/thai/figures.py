"""Plain figures in Thai text: grouped numbers and percentages.

>>> format_number(140720), percent(85)
('๑๔๐,๗๒๐', 'ร้อยละ ๘๕')
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .digits import digits as _digits
from .digits import to_arabic_digits
from .errors import ThaiValueError


def format_number(value: int | Decimal | str, grouping: bool = True, places: int | None = None,
                  digit_style: str = "thai") -> str:
    """A number with thousands separators (optionally a fixed number of decimal places).

    >>> format_number(7036), format_number(2956600, grouping=False)
    ('๗,๐๓๖', '๒๙๕๖๖๐๐')
    >>> format_number("1234.5", places=2, digit_style="arabic")
    '1,234.50'
    """
    number = parse_number(value) if isinstance(value, str) else Decimal(value)
    spec = ("," if grouping else "") + (f".{places}f" if places is not None else "f")
    if places is None and number == number.to_integral_value():
        number = number.to_integral_value()
    return _digits(format(number, spec), digit_style)


def percent(value: int | Decimal | str, digit_style: str = "thai") -> str:
    """A percentage the way letters write it.

    >>> percent(100), percent("12.5")
    ('ร้อยละ ๑๐๐', 'ร้อยละ ๑๒.๕')
    """
    return f"ร้อยละ {format_number(value, grouping=False, digit_style=digit_style)}"


_NUMBER_RE = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def parse_number(text: str | int | Decimal) -> Decimal:
    """Read a figure typed with Thai or Arabic digits and optional thousands separators.

    >>> parse_number("๒,๙๕๖,๖๐๐"), parse_number("-1234.50")
    (Decimal('2956600'), Decimal('-1234.50'))
    """
    if isinstance(text, (int, Decimal)):
        return Decimal(text)
    cleaned = to_arabic_digits(str(text)).strip().replace(" ", "")
    if not _NUMBER_RE.match(cleaned):
        raise ThaiValueError(f"{text!r} is not a number (write it like 2956600 or 2,956,600.50)")
    try:
        return Decimal(cleaned.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern above already rules this out
        raise ThaiValueError(f"{text!r} is not a number") from None


def number_range(first: int, last: int, dash: str = "-", digit_style: str = "thai") -> str:
    """A span of item numbers, as letters cite attachments: ``(สิ่งที่ส่งมาด้วย ๑ - ๒)``.

    >>> number_range(1, 2), number_range(3, 3)
    ('๑ - ๒', '๓')
    """
    if last < first:
        raise ThaiValueError(f"range ends ({last}) before it starts ({first})")
    text = str(first) if first == last else f"{first} {dash} {last}"
    return _digits(text, digit_style)
