"""Letter numbers (``ที่``): the full text, its parts, and the search key.

A letter number is the owner's code (two or three Thai letters, then the department digits and
any dotted sub-unit), a slash, ``ว`` for a circular, and the running number:
``นค ๐๐๑๙.๓/ว ๑๕๕๕๗`` or, for an ordinary letter, ``นค ๐๐๑๙.๓/ ๑๕๕๕๗`` as the seed letters
write it. People type numbers with Thai or Arabic digits and with or without the spaces, so
parsing is loose and every number also has a key (Arabic digits, no spaces) that the register
stores and searches on. No library parses this format; the grammar is a single regular
expression below.

An order (คำสั่ง) is numbered ``ที่ ๑๒/๒๕๖๗``: its running number in the office's series of
orders and the Buddhist year, no code (:class:`OrderNumber`); its key is ``12/2567``. An
announcement (ประกาศ) is numbered the same way in a series of its own; its key carries the word,
``ประกาศ3/2567``, and so is typed ``ประกาศ ๓/๒๕๖๗``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import UserError
from ..thai.digits import digits as _digits
from ..thai.digits import to_arabic_digits

CIRCULAR_MARK = "ว"

# A code: Thai consonants (ก to ฮ), optional spaces or full stops between them as people
# sometimes type (น.ค.), then the department digits and dotted sub-unit digits.
_CODE = r"(?P<letters>[ก-ฮ](?:\s*\.?\s*[ก-ฮ]){1,3})\.?\s*(?P<digits>\d+(?:\s*\.\s*\d+)*)"
_CODE_RE = re.compile(rf"^\s*{_CODE}\s*$")
_NUMBER_RE = re.compile(
    rf"^\s*(?:ที่\s*)?{_CODE}\s*/\s*(?P<circular>{CIRCULAR_MARK})?\s*\.?\s*(?P<running>\d+)\s*$")


@dataclass(frozen=True, order=True)
class Code:
    """An owner's letter code, e.g. ``นค 0019`` or with a unit ``นค 0019.3`` (Arabic digits).

    >>> Code.parse("นค ๐๐๑๙").text("thai"), Code.parse("น.ค.0019 . 3").text("arabic")
    ('นค ๐๐๑๙', 'นค 0019.3')
    """

    letters: str
    digits: str  # "0019" or "0019.3": Arabic digits, dots between levels

    @classmethod
    def parse(cls, text: str) -> "Code":
        match = _CODE_RE.match(to_arabic_digits(str(text)))
        if not match:
            raise UserError(f"{text!r} is not a letter code like 'นค 0019' or 'นค 0019.3'")
        return cls(_clean_letters(match["letters"]), _clean_digits(match["digits"]))

    def with_unit(self, unit: str | None) -> "Code":
        """This code with a unit's sub-code appended: ``นค 0019`` + ``3`` → ``นค 0019.3``."""
        if not unit:
            return self
        return Code(self.letters, f"{self.digits}.{_clean_digits(to_arabic_digits(unit))}")

    def text(self, digit_style: str = "thai") -> str:
        return _digits(f"{self.letters} {self.digits}", digit_style)

    @property
    def key(self) -> str:
        """``นค0019.3``: Arabic digits, no spaces."""
        return f"{self.letters}{self.digits}"

    def __str__(self) -> str:
        return self.text("arabic")


@dataclass(frozen=True)
class LetterNumber:
    """A full letter number.

    >>> n = LetterNumber.parse("ที่ นค0019.3/ว15557")
    >>> n.text("thai"), n.key, n.running, n.circular
    ('นค ๐๐๑๙.๓/ว ๑๕๕๕๗', 'นค0019.3/ว15557', 15557, True)
    >>> LetterNumber.parse(" นค ๐๐๑๙.๓ / ๑๕๕๕๗ ").text("thai")
    'นค ๐๐๑๙.๓/ ๑๕๕๕๗'
    >>> LetterNumber.parse("นข ๐๐๑๙/ว ๖๓๒") == LetterNumber.parse("นข 0019 / ว 632")
    True
    """

    code: Code
    circular: bool
    running: int

    @classmethod
    def parse(cls, text: str) -> "LetterNumber":
        match = _NUMBER_RE.match(to_arabic_digits(str(text)))
        if not match:
            raise UserError(f"{text!r} is not a letter number like 'นค ๐๐๑๙.๓/ว ๑๕๕๕๗'")
        running = int(match["running"])
        if running < 1:
            raise UserError(f"{text!r}: the running number starts at 1")
        code = Code(_clean_letters(match["letters"]), _clean_digits(match["digits"]))
        return cls(code, bool(match["circular"]), running)

    def text(self, digit_style: str = "thai") -> str:
        mark = CIRCULAR_MARK if self.circular else ""
        return _digits(f"{self.code.letters} {self.code.digits}/{mark} {self.running}", digit_style)

    @property
    def key(self) -> str:
        mark = CIRCULAR_MARK if self.circular else ""
        return f"{self.code.key}/{mark}{self.running}"

    def __str__(self) -> str:
        return self.text("arabic")


_ORDER_RE = re.compile(r"^\s*(?:(?:คำสั่ง|ประกาศ)\S*\s*)?(?:ที่\s*)?(?P<running>\d+)\s*/\s*(?P<year>\d{4})\s*$")


@dataclass(frozen=True)
class OrderNumber:
    """An order's number: running number and Buddhist year.

    >>> n = OrderNumber.parse("ที่ ๑๒ / ๒๕๖๗")
    >>> n.text("thai"), n.key, n.running, n.year
    ('๑๒/๒๕๖๗', '12/2567', 12, 2567)
    >>> OrderNumber.parse("นค 0019/ 12")
    Traceback (most recent call last):
    generator.errors.UserError: 'นค 0019/ 12' is not an order number like '๑๒/๒๕๖๗'
    """

    running: int
    year: int

    @classmethod
    def parse(cls, text: str) -> "OrderNumber":
        match = _ORDER_RE.match(to_arabic_digits(str(text)))
        if not match or int(match["running"]) < 1:
            raise UserError(f"{text!r} is not an order number like '๑๒/๒๕๖๗'")
        return cls(int(match["running"]), int(match["year"]))

    def text(self, digit_style: str = "thai") -> str:
        return _digits(f"{self.running}/{self.year}", digit_style)

    @property
    def key(self) -> str:
        return f"{self.running}/{self.year}"


def is_order_number(text: str) -> bool:
    """Whether ``text`` is an order's (or an announcement's) number, ``๑๒/๒๕๖๗``, rather than
    a letter's.

    >>> is_order_number("๑๒/๒๕๖๗"), is_order_number("นค ๐๐๑๙/ ๑๒")
    (True, False)
    """
    try:
        OrderNumber.parse(text)
    except UserError:
        return False
    return True


def format_number(code: str | Code, running: int, *, unit: str | None = None,
                  circular: bool = False, digit_style: str = "thai") -> str:
    """The full number text of an office's letter.

    >>> format_number("นค 0019", 15557, unit="3", circular=True)
    'นค ๐๐๑๙.๓/ว ๑๕๕๕๗'
    >>> format_number("นค 0019", 12, digit_style="arabic")
    'นค 0019/ 12'
    """
    code = code if isinstance(code, Code) else Code.parse(code)
    return LetterNumber(code.with_unit(unit), circular, running).text(digit_style)


def parse_number(text: str) -> LetterNumber:
    """Read a full number typed with Thai or Arabic digits and any spacing (``UserError`` if not).

    >>> parse_number("นค๐๐๑๙.๓/ว๑๕๕๕๗").key
    'นค0019.3/ว15557'
    """
    return LetterNumber.parse(text)


def number_key(text: str) -> str:
    """The search key of a number: parsed when it is a letter number, otherwise the text with
    Arabic digits and no spaces or leading ``ที่`` (numbers of other kinds, e.g. ``12/2567``).

    >>> number_key("ที่ นค ๐๐๑๙.๓/ ๑๕๕๕๗"), number_key("ที่ ๑๒ / ๒๕๖๗")
    ('นค0019.3/15557', '12/2567')
    """
    try:
        return LetterNumber.parse(text).key
    except UserError:
        loose = "".join(to_arabic_digits(str(text)).split())
        return loose.removeprefix("ที่")


def looks_like_number(text: str) -> bool:
    """Whether ``text`` parses as a full letter number.

    >>> looks_like_number("นค0019/ว 5"), looks_like_number("ตำบลเข้มแข็ง")
    (True, False)
    """
    try:
        LetterNumber.parse(text)
    except UserError:
        return False
    return True


def _clean_letters(letters: str) -> str:
    return "".join(ch for ch in letters if "ก" <= ch <= "ฮ")


def _clean_digits(digits: str) -> str:
    return ".".join(part.strip() for part in "".join(digits.split()).split("."))
