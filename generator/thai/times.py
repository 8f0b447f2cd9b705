"""Clock times the way letters write them: ``๐๘.๓๐ น.``."""

from __future__ import annotations

import re
from datetime import time

from .digits import digits as _digits
from .digits import to_arabic_digits
from .errors import ThaiValueError


def format_time(t: time, digit_style: str = "thai") -> str:
    """A clock time with ``น.`` (นาฬิกา).

    >>> format_time(time(8, 30)), format_time(time(13, 30), "arabic")
    ('๐๘.๓๐ น.', '13.30 น.')
    """
    return _digits(f"{t.hour:02d}.{t.minute:02d} น.", digit_style)


_TIME_RE = re.compile(r"^(\d{1,2})[.:](\d{2})(?:\s*น\.?)?$")


def parse_time(text: str) -> time:
    """Read ``๐๘.๓๐ น.``, ``8.30`` or ``08:30`` back into a time.

    >>> parse_time("๐๘.๓๐ น."), parse_time("13:30")
    (datetime.time(8, 30), datetime.time(13, 30))
    """
    match = _TIME_RE.match(" ".join(to_arabic_digits(text).split()))
    if not match:
        raise ThaiValueError(f"{text!r} is not a time such as ๐๘.๓๐ น. or 08:30")
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise ThaiValueError(f"{text!r} is not a real time of day")
    return time(hour, minute)
