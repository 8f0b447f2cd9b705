"""Buddhist-era dates, fiscal years and their Thai written forms, both ways.

Forms used in official letters (thai-correspondence.md §5)::

    full          ๑๐ มีนาคม ๒๕๖๖                 letter date, reference date
    era           ๒๕ ตุลาคม พ.ศ. ๒๕๖๗             orders and announcements (สั่ง ณ วันที่ …)
    day           วันที่ ๓๑ มีนาคม ๒๕๖๘            deadlines
    weekday       วันพุธที่ ๓๐ ตุลาคม ๒๕๖๗          deadlines with the weekday
    abbr          ๑๗ เม.ย. ๖๗                     table cells
    abbr-weekday  พุธ ๑๗ เม.ย. ๖๗                 schedule tables
    month         ตุลาคม ๒๕๖๗                     time frames
    fiscal        ปีงบประมาณ พ.ศ. ๒๕๖๘
    quarter       ไตรมาสที่ ๑

The Buddhist year is the Christian year + 543 for every date (the modern convention, in force
since 1941). Month and weekday names are pythainlp's, kept here as tables so that a command
formatting a date does not import pythainlp (a tenth of a second at start-up):

>>> from pythainlp.util.date import thai_abbr_months, thai_full_months, thai_full_weekdays
>>> (MONTHS, MONTHS_ABBR) == (tuple(thai_full_months), tuple(thai_abbr_months))
True
>>> WEEKDAYS == tuple(w.removeprefix("วัน") for w in thai_full_weekdays)
True

pythainlp's ``thai_strftime`` and
``thai_strptime`` cover part of this, but not the official forms above (no ``วันพุธที่`` form,
no two-digit abbreviated year, no weekday check, no fiscal year), so the forms are written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from .digits import digits as _digits
from .digits import to_arabic_digits
from .errors import ThaiValueError
from .patterns import Pattern

BANGKOK = ZoneInfo("Asia/Bangkok")
BE_OFFSET = 543

MONTHS: tuple[str, ...] = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
                           "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
MONTHS_ABBR: tuple[str, ...] = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.",
                                "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
WEEKDAYS: tuple[str, ...] = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์",
                             "อาทิตย์")  # Monday first

STYLES = ("full", "era", "day", "weekday", "abbr", "abbr-weekday", "month", "fiscal", "quarter")


def be_year(d: date) -> int:
    """The Buddhist-era year of a date.

    >>> be_year(date(2024, 10, 30))
    2567
    """
    return d.year + BE_OFFSET


def ce_year(be: int) -> int:
    """The Christian year of a Buddhist-era year.

    >>> ce_year(2568)
    2025
    """
    return be - BE_OFFSET


def fiscal_year(d: date) -> int:
    """The Thai government fiscal year (Buddhist era) that a date falls in: 1 October to
    30 September, named by the later year.

    >>> fiscal_year(date(2024, 9, 30)), fiscal_year(date(2024, 10, 1))
    (2567, 2568)
    """
    return be_year(d) + (1 if d.month >= 10 else 0)


def fiscal_quarter(d: date) -> int:
    """The quarter of the fiscal year: 1 = October–December … 4 = July–September.

    >>> [fiscal_quarter(date(2025, m, 1)) for m in (10, 12, 1, 4, 7, 9)]
    [1, 1, 2, 3, 4, 4]
    """
    return (d.month - 10) % 12 // 3 + 1


def fiscal_year_bounds(fiscal_be: int) -> tuple[date, date]:
    """First and last day of a fiscal year given in the Buddhist era.

    >>> fiscal_year_bounds(2568)
    (datetime.date(2024, 10, 1), datetime.date(2025, 9, 30))
    """
    year = ce_year(fiscal_be)
    return date(year - 1, 10, 1), date(year, 9, 30)


def bangkok_date(moment: datetime) -> date:
    """The calendar date in Asia/Bangkok of a moment; a naive datetime is taken as UTC.

    >>> bangkok_date(datetime(2024, 12, 31, 23, 30, tzinfo=timezone.utc))
    datetime.date(2025, 1, 1)
    >>> bangkok_date(datetime(2024, 12, 31, 16, 59))
    datetime.date(2024, 12, 31)
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(BANGKOK).date()


def bangkok_today(now: datetime | None = None) -> date:
    """Today's date in Asia/Bangkok (``now`` for a fixed clock)."""
    return bangkok_date(now or datetime.now(timezone.utc))


def format_date(d: date, style: str = "full", digit_style: str = "thai") -> str:
    """A date in one of the official written forms (see the module docstring).

    >>> d = date(2024, 10, 30)
    >>> [format_date(d, s) for s in STYLES]  # doctest: +NORMALIZE_WHITESPACE
    ['๓๐ ตุลาคม ๒๕๖๗', '๓๐ ตุลาคม พ.ศ. ๒๕๖๗', 'วันที่ ๓๐ ตุลาคม ๒๕๖๗', 'วันพุธที่ ๓๐ ตุลาคม ๒๕๖๗', '๓๐ ต.ค. ๖๗',
     'พุธ ๓๐ ต.ค. ๖๗', 'ตุลาคม ๒๕๖๗', 'ปีงบประมาณ พ.ศ. ๒๕๖๘', 'ไตรมาสที่ ๑']
    >>> format_date(date(2023, 3, 10), digit_style="arabic")
    '10 มีนาคม 2566'
    """
    day, month, year = d.day, MONTHS[d.month - 1], be_year(d)
    if style == "full":
        text = f"{day} {month} {year}"
    elif style == "era":
        text = f"{day} {month} พ.ศ. {year}"
    elif style == "day":
        text = f"วันที่ {day} {month} {year}"
    elif style == "weekday":
        text = f"วัน{WEEKDAYS[d.weekday()]}ที่ {day} {month} {year}"
    elif style == "abbr":
        text = f"{day} {MONTHS_ABBR[d.month - 1]} {year % 100:02d}"
    elif style == "abbr-weekday":
        text = f"{WEEKDAYS[d.weekday()]} {day} {MONTHS_ABBR[d.month - 1]} {year % 100:02d}"
    elif style == "month":
        text = f"{month} {year}"
    elif style == "fiscal":
        text = f"ปีงบประมาณ พ.ศ. {fiscal_year(d)}"
    elif style == "quarter":
        text = f"ไตรมาสที่ {fiscal_quarter(d)}"
    else:
        raise ThaiValueError(f"unknown date style {style!r}: use one of {', '.join(STYLES)}")
    return _digits(text, digit_style)


def month_range(start: date, end: date, dash: str = "–", digit_style: str = "thai") -> str:
    """A span of months: the year once when both ends share it.

    >>> month_range(date(2025, 1, 1), date(2025, 6, 30))
    'มกราคม – มิถุนายน ๒๕๖๘'
    >>> month_range(date(2024, 10, 1), date(2025, 9, 30))
    'ตุลาคม ๒๕๖๗ – กันยายน ๒๕๖๘'
    >>> month_range(date(2025, 6, 1), date(2025, 7, 31), dash="-")
    'มิถุนายน - กรกฎาคม ๒๕๖๘'
    """
    if (end.year, end.month) < (start.year, start.month):
        raise ThaiValueError(f"month range ends ({end:%Y-%m}) before it starts ({start:%Y-%m})")
    if (end.year, end.month) == (start.year, start.month):
        return format_date(start, "month", digit_style)
    if start.year == end.year:
        text = f"{MONTHS[start.month - 1]} {dash} {MONTHS[end.month - 1]} {be_year(end)}"
        return _digits(text, digit_style)
    return (f"{format_date(start, 'month', digit_style)} {dash} "
            f"{format_date(end, 'month', digit_style)}")


def year_range(start_be: int, end_be: int, dash: str = "–", prefix: str = "พ.ศ. ",
               digit_style: str = "thai") -> str:
    """A span of Buddhist-era years.

    >>> year_range(2561, 2580, dash="-")
    'พ.ศ. ๒๕๖๑ - ๒๕๘๐'
    >>> year_range(2566, 2567, prefix="ปีงบประมาณ พ.ศ. ")
    'ปีงบประมาณ พ.ศ. ๒๕๖๖ – ๒๕๖๗'
    """
    if end_be < start_be:
        raise ThaiValueError(f"year range ends ({end_be}) before it starts ({start_be})")
    return _digits(f"{prefix}{start_be} {dash} {end_be}", digit_style)


def every_month(day: int, every: bool = True, digit_style: str = "thai") -> str:
    """A recurring monthly deadline.

    >>> every_month(20)
    'ทุกวันที่ ๒๐ ของทุกเดือน'
    >>> every_month(15, every=False)
    'ทุกวันที่ ๑๕ ของเดือน'
    """
    if not 1 <= day <= 31:
        raise ThaiValueError(f"day of the month must be 1 to 31, not {day}")
    return _digits(f"ทุกวันที่ {day} ของ{'ทุก' if every else ''}เดือน", digit_style)


# ---------------------------------------------------------------------------------------------
# Reading dates back


def _month_key(name: str) -> str:
    return name.replace(".", "").replace(" ", "")


_MONTH_NUMBER: dict[str, int] = {}
for _i, (_full, _abbr) in enumerate(zip(MONTHS, MONTHS_ABBR), start=1):
    _MONTH_NUMBER[_full] = _i
    _MONTH_NUMBER[_month_key(_abbr)] = _i

_WEEKDAY_NUMBER = {name: i for i, name in enumerate(WEEKDAYS)}
_WEEKDAY_NUMBER["พฤหัส"] = 3

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_ABBR_ALT = "|".join(
    sorted((r"\.?\s*".join(re.escape(p) for p in a.rstrip(".").split(".")) + r"\.?"
            for a in MONTHS_ABBR), key=len, reverse=True))
_WEEKDAY_ALT = "|".join(sorted(_WEEKDAY_NUMBER, key=len, reverse=True))

_DATE_RE = Pattern(
    rf"""^(?:ภายใน|ลง)?\s*(?:วัน)?\s*(?P<weekday>{_WEEKDAY_ALT})?\s*(?:ที่)?\s*
        (?P<day>\d{{1,2}})\s*(?P<month>{_MONTH_ALT}|{_ABBR_ALT})\s*
        (?P<era>พ\.\s*ศ\.|ค\.\s*ศ\.)?\s*(?P<year>\d{{2}}|\d{{4}})$""",
    re.VERBOSE,
)
_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _build_date(year: int, month: int, day: int, original: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        be = year + BE_OFFSET
        raise ThaiValueError(
            f"{original!r} is not a real date: {MONTHS[month - 1] if 1 <= month <= 12 else month} "
            f"{be} has no day {day}" if 1 <= month <= 12 else
            f"{original!r} is not a real date: there is no month {month}") from None


def parse_date(text: str) -> date:
    """Read a date written in any of the forms :func:`format_date` makes (Thai or Arabic
    digits, full or abbreviated month, optional ``พ.ศ.``), or in ISO form ``2024-10-30``.
    A weekday, when given, must match the date. Two-digit years are Buddhist years 2500–2599.

    >>> parse_date("วันพุธที่ ๓๐ ตุลาคม ๒๕๖๗")
    datetime.date(2024, 10, 30)
    >>> parse_date("พุธ 17 เม.ย. 67"), parse_date("๑๐ มีนาคม พ.ศ. ๒๕๖๖")
    (datetime.date(2024, 4, 17), datetime.date(2023, 3, 10))
    >>> parse_date("๓๑ กุมภาพันธ์ ๒๕๖๗")
    Traceback (most recent call last):
    ...
    generator.thai.errors.ThaiValueError: '๓๑ กุมภาพันธ์ ๒๕๖๗' is not a real date: กุมภาพันธ์ 2567 has no day 31
    >>> parse_date("วันจันทร์ที่ ๓๐ ตุลาคม ๒๕๖๗")
    Traceback (most recent call last):
    ...
    generator.thai.errors.ThaiValueError: 'วันจันทร์ที่ ๓๐ ตุลาคม ๒๕๖๗' says จันทร์, but 30 ตุลาคม 2567 is a พุธ
    """
    original = text
    text = " ".join(to_arabic_digits(text).split())
    iso = _ISO_RE.match(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
        if not 1 <= month <= 12:
            raise ThaiValueError(f"{original!r} is not a real date: there is no month {month}")
        return _build_date(year, month, day, original)
    match = _DATE_RE.match(text)
    if not match:
        raise ThaiValueError(
            f"{original!r} is not a date: write it like 2024-10-30, ๓๐ ตุลาคม ๒๕๖๗ or ๓๐ ต.ค. ๖๗")
    month = _MONTH_NUMBER[_month_key(match["month"])]
    year_text, era = match["year"], (match["era"] or "").replace(" ", "")
    year = int(year_text)
    if len(year_text) == 2:
        if era == "ค.ศ.":
            raise ThaiValueError(f"{original!r}: write the Christian year with four digits")
        year += 2500
    if era == "ค.ศ.":
        ce = year
    elif year < 2400:
        raise ThaiValueError(
            f"{original!r}: {year} is not a Buddhist-era year; write {year + BE_OFFSET}, "
            f"or mark it ค.ศ., or use the ISO form {year}-{month:02d}-{int(match['day']):02d}")
    else:
        ce = ce_year(year)
    result = _build_date(ce, month, int(match["day"]), original)
    if match["weekday"] is not None:
        stated = _WEEKDAY_NUMBER[match["weekday"]]
        if stated != result.weekday():
            raise ThaiValueError(
                f"{original!r} says {match['weekday']}, but {result.day} {MONTHS[month - 1]} "
                f"{be_year(result)} is a {WEEKDAYS[result.weekday()]}")
    return result


_MONTH_YEAR_RE = Pattern(rf"^(?P<month>{_MONTH_ALT}|{_ABBR_ALT})\s*(?:พ\.\s*ศ\.)?\s*(?P<year>\d{{4}})$")


def parse_month(text: str) -> tuple[int, int]:
    """Read ``ตุลาคม ๒๕๖๗`` (or ``ต.ค. 2567``) as ``(Christian year, month)``.

    >>> parse_month("ตุลาคม ๒๕๖๗")
    (2024, 10)
    """
    match = _MONTH_YEAR_RE.match(" ".join(to_arabic_digits(text).split()))
    if not match or int(match["year"]) < 2400:
        raise ThaiValueError(f"{text!r} is not a month and Buddhist year such as ตุลาคม ๒๕๖๗")
    return ce_year(int(match["year"])), _MONTH_NUMBER[_month_key(match["month"])]


# ---------------------------------------------------------------------------------------------
# Dates inside running text

@dataclass(frozen=True)
class DateMention:
    """A date written in running text, as read: where it is, what it says, and the date it names
    (``None`` when there is no such day). ``weekday`` is the stated weekday (0 = Monday), if any;
    ``deadline`` says the date follows ``ภายใน``."""
    start: int
    end: int
    text: str
    day: int
    month: int
    be_year: int
    weekday: int | None
    deadline: bool
    date: date | None


_THAI_NUM = "0-9\u0e50-\u0e59"
_MENTION_RE = Pattern(
    rf"""(?P<deadline>ภายใน\s*)?
        (?:(?:วัน)?(?P<weekday>{_WEEKDAY_ALT})(?:ที่)?\s*|(?:วันที่|ที่)\s*)?
        (?<![{_THAI_NUM}.,])(?P<day>[{_THAI_NUM}]{{1,2}})\s*
        (?:(?P<month>{_MONTH_ALT})\s*(?:พ\.?\s*ศ\.?\s*)?(?P<year>[{_THAI_NUM}]{{4}})
          |(?P<abbr>{_ABBR_ALT})\s*(?:พ\.?\s*ศ\.?\s*)?(?P<short>[{_THAI_NUM}]{{4}}|[{_THAI_NUM}]{{2}}))
        (?![{_THAI_NUM}])""",
    re.VERBOSE,
)


def find_dates(text: str) -> list[DateMention]:
    """Every date written in ``text`` (day, month, Buddhist year; the weekday and ``ภายใน``
    before it, when given). A two-digit year is read only after an abbreviated month.

    >>> [(m.text, m.date, m.weekday) for m in find_dates("ภายในวันพุธที่ ๓๐ ตุลาคม ๒๕๖๗ และ ๓๑ ก.พ. ๖๗")]
    [('ภายในวันพุธที่ ๓๐ ตุลาคม ๒๕๖๗', datetime.date(2024, 10, 30), 2), ('๓๑ ก.พ. ๖๗', None, None)]
    >>> [m.deadline for m in find_dates("ลงวันที่ ๓๑ มกราคม ๒๕๖๖ ภายในวันที่ ๒๕ ธันวาคม ๒๕๖๗")]
    [False, True]
    """
    found = []
    for match in _MENTION_RE.finditer(text):
        day = int(to_arabic_digits(match["day"]))
        if match["month"]:
            month, year = _MONTH_NUMBER[match["month"]], int(to_arabic_digits(match["year"]))
        else:
            month = _MONTH_NUMBER[_month_key(match["abbr"])]
            year = int(to_arabic_digits(match["short"]))
            year += 2500 if year < 100 else 0
        if year < 2400:
            continue
        try:
            named: date | None = date(year - BE_OFFSET, month, day)
        except ValueError:
            named = None
        weekday = _WEEKDAY_NUMBER[match["weekday"]] if match["weekday"] else None
        found.append(DateMention(match.start(), match.end(), match.group(), day, month, year,
                                 weekday, bool(match["deadline"]), named))
    return found
