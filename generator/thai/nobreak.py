"""Where a line must not break: no-break spaces in the text of a letter.

A line break between ``จำนวน ๑`` and ``ชุด``, inside a phone number (``๐ ๔๒๔๑`` / ``๑๑๘๒``) or
between a number and its unit reads as a slip, and neither Word nor LibreOffice knows these are
one unit, nor that an opening bracket belongs to the word after it. :func:`keep_together` puts a no-break space (U+00A0) in the spaces of such a group, so
both keep it on one line and wrap the words around it instead. Readers see an ordinary space:
Python's ``str.split`` and ``\\s`` treat U+00A0 as white space, and
:func:`generator.docx.text.paragraphs` reads it as a space.

A Latin word such as ``(MOU)`` is not cut here: it is cut by LibreOffice only when the run's
Latin language is Thai, and the templates set the Latin language to English
(:mod:`tools.templates.pieces`), so its own rules keep a word and its brackets whole.

The rules are pure functions of the text and are applied where letters and attachments are
rendered (body paragraphs, attachment titles and quantities, the owner's phone line, attachment
documents), not to the subject and other parts issuing reads back into the register.
"""

from __future__ import annotations

import re

from .vocabulary import NUMBER_LEADS, UNITS

NBSP = "\u00a0"

_NUMBER = r"\d[\d,.]*"  # Thai or Arabic digits (``\d`` is Unicode), grouping and decimals
#: A Thai phone number in groups: ``๐ ๔๒๔๑ ๑๑๘๒``, ``๐๘ ๑๒๓๔ ๕๖๗๘``, ``๐ ๒๒๘๑ ๑๒๓๔-๕``.
_PHONE = re.compile(r"(?<![\d,.])[0๐]\d{0,2}(?: \d{3,4}){2}(?:[-–]\d{1,2})?(?!\d)")
_UNIT = re.compile(r"(?<![\d,.])(" + _NUMBER + r") (" + "|".join(
    re.escape(u) for u in sorted(UNITS, key=len, reverse=True)) + r")(?![\u0e01-\u0e4e])")
_LEAD = re.compile(r"(?<![\u0e01-\u0e4e])(" + "|".join(
    re.escape(w) for w in sorted(NUMBER_LEADS, key=len, reverse=True)) + r") (?=\d)")


def glue_phone_numbers(text: str) -> str:
    """No-break spaces between the groups of a phone number.

    >>> glue_phone_numbers("โทร./โทรสาร ๐ ๔๒๔๑ ๑๑๘๒") == "โทร./โทรสาร ๐\\u00a0๔๒๔๑\\u00a0๑๑๘๒"
    True
    >>> glue_phone_numbers("มือถือ 08 1234 5678").split(" ")
    ['มือถือ', '08\\xa01234\\xa05678']
    >>> glue_phone_numbers("ปี ๒๕๖๗ ๑๒๓๔ คน")  # not a phone number: no leading zero
    'ปี ๒๕๖๗ ๑๒๓๔ คน'
    """
    return _PHONE.sub(lambda m: m.group().replace(" ", NBSP), text)


def glue_units(text: str) -> str:
    """No-break spaces between a number and its unit, and after a word that leads a number.

    >>> glue_units("จำนวน ๑ ชุด").split(" ")
    ['จำนวน\\xa0๑\\xa0ชุด']
    >>> glue_units("เวลา ๐๘.๓๐ น. ณ ห้องประชุม").split(" ")
    ['เวลา', '๐๘.๓๐\\xa0น.', 'ณ', 'ห้องประชุม']
    >>> glue_units("ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ จำนวน ๒,๙๕๖,๖๐๐ บาท").split(" ")
    ['ประจำปีงบประมาณ', 'พ.ศ.\\xa0๒๕๖๘', 'จำนวน\\xa0๒,๙๕๖,๖๐๐\\xa0บาท']
    >>> glue_units("๓ มิติ ได้แก่ ๑๐ คนไทย")  # คนไทย is not the unit คน
    '๓\\xa0มิติ ได้แก่ ๑๐ คนไทย'
    """
    text = _UNIT.sub(lambda m: f"{m.group(1)}{NBSP}{m.group(2)}", text)
    return _LEAD.sub(lambda m: f"{m.group(1)}{NBSP}", text)


def glue_brackets(text: str) -> str:
    """A no-break space before an opening bracket, so that the bracket never ends a line.

    LibreOffice's Thai line breaking takes the place after ``(`` before a Thai word for a
    word boundary (``พ.ศ.๒๕๖๒ (`` / ``ฉบับปรับปรุง…``); with the space before the bracket
    unbreakable it breaks before the word that precedes the bracket instead.

    >>> glue_brackets("ตำบลพ.ศ.๒๕๖๒ (ฉบับปรับปรุง)").split(" ")
    ['ตำบลพ.ศ.๒๕๖๒\xa0(ฉบับปรับปรุง)']
    >>> glue_brackets("(ก) และ (ข)").split(" ")
    ['(ก)', 'และ\xa0(ข)']
    """
    return text.replace(" (", NBSP + "(")


def keep_together(text: str) -> str:
    """Every no-break rule of this module; ``None`` and empty text are returned as they are,
    and applying it twice changes nothing.

    >>> keep_together("โทร. ๐ ๔๒๔๑ ๑๑๘๒ จำนวน ๑ ชุด").count("\\u00a0")
    4
    >>> keep_together(keep_together("จำนวน ๑ ชุด")) == keep_together("จำนวน ๑ ชุด")
    True
    >>> keep_together(None) is None, keep_together("ไม่มีตัวเลข")
    (True, 'ไม่มีตัวเลข')
    """
    if not text:
        return text
    if "(" in text:
        text = glue_brackets(text)
    if not re.search(r"\d", text):
        return text
    return glue_units(glue_phone_numbers(text))
