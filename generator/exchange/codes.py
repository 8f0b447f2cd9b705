"""Speed (ชั้นความเร็ว) and secrecy (ชั้นความลับ) codes of e-CMS messages.

The defaults number the classes from the ordinary letter up; an office whose exchange partner
uses other codes overrides them in its profile (``ecms.speed_codes`` / ``ecms.secret_codes``,
class → code). A ``ด่วนภายใน …`` deadline travels as the code of ``ด่วน``.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import UserError

NORMAL = "ปกติ"
SPEED_CODES = {NORMAL: "0", "ด่วน": "1", "ด่วนมาก": "2", "ด่วนที่สุด": "3"}
SECRET_CODES = {NORMAL: "0", "ลับ": "1", "ลับมาก": "2", "ลับที่สุด": "3"}
TABLES = {"speed": ("speed_codes", SPEED_CODES), "secrecy": ("secret_codes", SECRET_CODES)}


def table(kind: str, ecms: Mapping | None = None) -> dict[str, str]:
    """The class → code table of ``kind`` with the office's overrides.

    >>> table("speed", {"speed_codes": {"ด่วนที่สุด": "9"}})["ด่วนที่สุด"]
    '9'
    """
    key, defaults = TABLES[kind]
    overrides = dict((ecms or {}).get(key) or {})
    unknown = set(overrides) - set(defaults)
    if unknown:
        raise UserError(f"unknown class {sorted(unknown)[0]!r} (known: {', '.join(defaults)})",
                        field=f"ecms.{key}")
    return {**defaults, **overrides}


def code(kind: str, value: str | None, ecms: Mapping | None = None) -> str:
    """The code of a class as written on a letter (``None``: ordinary).

    >>> code("speed", "ด่วนภายใน ๓๑ มีนาคม ๒๕๖๘"), code("secrecy", None)
    ('1', '0')
    """
    value = value or NORMAL
    if kind == "speed" and value.startswith("ด่วนภายใน"):
        value = "ด่วน"
    return table(kind, ecms)[value]


def value(kind: str, text: str, ecms: Mapping | None = None, *, file: str | None = None) -> str | None:
    """The class a code stands for (``None``: ordinary).

    >>> value("speed", "3"), value("secrecy", "0")
    ('ด่วนที่สุด', None)
    """
    found = {c: v for v, c in table(kind, ecms).items()}
    if text not in found:
        field = {"speed": "SpeedCode", "secrecy": "SecretCode"}[kind]
        raise UserError(f"{text!r} is not a known code ({', '.join(sorted(found))})", file=file,
                        field=field)
    return None if found[text] == NORMAL else found[text]
