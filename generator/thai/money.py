"""Baht amounts in figures and in words, exactly (``Decimal``, never ``float``).

The words for the whole numbers come from pythainlp (``num_to_thaiword``, ``thaiword_to_num``,
correct with เอ็ด from 5.4 on). pythainlp's own ``bahttext`` is not used: it rounds through
floats and loses the sign of amounts between −1 and 0, so the baht/satang arithmetic, the
rounding (half up to the satang) and the sign are done here.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from .digits import digits as _digits
from .errors import ThaiValueError
from .figures import parse_number

SATANG = Decimal("0.01")


def to_amount(value: int | str | Decimal | float) -> Decimal:
    """An amount as a ``Decimal`` rounded half up to the satang. Text may use Thai digits and
    thousands separators; a float is read through its shortest decimal form.

    >>> to_amount("2,956,600"), to_amount(Decimal("0.005")), to_amount(-0.125)
    (Decimal('2956600.00'), Decimal('0.01'), Decimal('-0.13'))
    """
    if isinstance(value, bool):
        raise ThaiValueError(f"{value!r} is not an amount of money")
    if isinstance(value, float):
        value = Decimal(repr(value))
    number = parse_number(value) if isinstance(value, (str, int)) else value
    if not isinstance(number, Decimal) or not number.is_finite():
        raise ThaiValueError(f"{value!r} is not an amount of money")
    return number.quantize(SATANG, rounding=ROUND_HALF_UP)


def baht_text(amount: int | str | Decimal | float) -> str:
    """An amount in words, as written after the figure in a letter.

    >>> baht_text(2956600)
    'สองล้านเก้าแสนห้าหมื่นหกพันหกร้อยบาทถ้วน'
    >>> baht_text("101.50"), baht_text("0.50"), baht_text(0)
    ('หนึ่งร้อยเอ็ดบาทห้าสิบสตางค์', 'ห้าสิบสตางค์', 'ศูนย์บาทถ้วน')
    >>> baht_text("-0.21"), baht_text(101000000)
    ('ลบยี่สิบเอ็ดสตางค์', 'หนึ่งร้อยเอ็ดล้านบาทถ้วน')
    """
    value = to_amount(value=amount)
    if value == 0:
        return "ศูนย์บาทถ้วน"
    sign = "ลบ" if value < 0 else ""
    value = abs(value)
    baht = int(value)
    satang = int((value - baht) * 100)
    from pythainlp.util import num_to_thaiword

    words = f"{num_to_thaiword(baht)}บาท" if baht else ""
    words += f"{num_to_thaiword(satang)}สตางค์" if satang else "ถ้วน"
    return sign + words


def baht_figure(amount: int | str | Decimal | float, digit_style: str = "thai") -> str:
    """An amount in figures with ``บาท``; satang shown only when there are some.

    >>> baht_figure(2956600), baht_figure("1234.5"), baht_figure(-1000)
    ('๒,๙๕๖,๖๐๐ บาท', '๑,๒๓๔.๕๐ บาท', '-๑,๐๐๐ บาท')
    """
    value = to_amount(amount)
    figure = f"{value:,.2f}" if value != value.to_integral_value() else f"{int(value):,}"
    return _digits(f"{figure} บาท", digit_style)


def baht_with_text(amount: int | str | Decimal | float, digit_style: str = "thai") -> str:
    """The combined form used for budgets.

    >>> baht_with_text(2956600)
    '๒,๙๕๖,๖๐๐ บาท (สองล้านเก้าแสนห้าหมื่นหกพันหกร้อยบาทถ้วน)'
    """
    return f"{baht_figure(amount, digit_style)} ({baht_text(amount)})"


_TEXT_RE = re.compile(r"^(?P<sign>ลบ)?(?:(?P<baht>[ก-๙]+?)บาท)?(?:(?P<satang>[ก-๙]+?)สตางค์|(?P<whole>ถ้วน))?$")


def _words_to_int(words: str, original: str) -> int:
    from pythainlp.util import thaiword_to_num

    try:
        return int(thaiword_to_num(words))
    except (ValueError, TypeError):
        raise ThaiValueError(f"{original!r}: {words!r} is not a number written in Thai words") from None


def parse_baht_text(text: str) -> Decimal:
    """Read an amount written in words back into a ``Decimal``.

    >>> parse_baht_text("สองล้านเก้าแสนห้าหมื่นหกพันหกร้อยบาทถ้วน")
    Decimal('2956600.00')
    >>> parse_baht_text("ลบหนึ่งร้อยเอ็ดบาทห้าสิบสตางค์"), parse_baht_text("ศูนย์บาทถ้วน")
    (Decimal('-101.50'), Decimal('0.00'))
    """
    compact = "".join(text.split())
    match = _TEXT_RE.match(compact)
    if not compact or not match or not (match["baht"] or match["satang"]):
        raise ThaiValueError(f"{text!r} is not an amount in words such as สองร้อยบาทถ้วน")
    baht = _words_to_int(match["baht"], text) if match["baht"] else 0
    satang = _words_to_int(match["satang"], text) if match["satang"] else 0
    if satang >= 100:
        raise ThaiValueError(f"{text!r}: {satang} สตางค์ is a baht or more; satang run 1 to 99")
    value = (Decimal(baht) + Decimal(satang) / 100).quantize(SATANG)
    return -value if match["sign"] and value else value
