"""The checks of ``gen-letter lint``, one function each, and :data:`CHECKS`, the table that names
them (code, severity, what it checks). A new check is a function and a row, nothing else.

Each check reads a :class:`generator.reader.Letter` and yields ``(line, message)``; the message
says what is wrong and what is right. The knowledge comes from :mod:`generator.thai` (codes with
postal prefixes, dates, baht words, digits, phones) and :mod:`generator.render.salutations`
(rules §6); nothing of it is repeated here.

Decisions:

- The heading's province (``ศาลากลางจังหวัด…``) is the reference for the code, the postal code,
  the signer's principal and the area code: rules §7 make them one province. A heading naming
  no province (a department, a ministry) leaves those checks silent.
- The codes of ``อ้างถึง`` are checked for being codes at all (``code-unknown``), not for the
  province: a letter may cite another province's letter.
- Dates, amounts, links, markup and scripts are checked over the whole document, attachments
  included; the parts of the letter (code, address, signer, citations) only in the letter.
- ``digits-mixed`` applies only when the letter is written in Thai digits (more Thai than Arabic
  digits), and never inside links, e-mail addresses, file names or Latin identifiers
  (:func:`generator.thai.digits.protected_spans`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Iterator

from ..reader import Letter, Line, province_in
from ..render.salutations import choose
from ..thai.codes import MINISTRIES, PROVINCES, province
from ..thai.dates import MONTHS, WEEKDAYS, find_dates, fiscal_quarter, format_date
from ..thai.digits import THAI_DIGITS, links, protected_spans, to_arabic_digits, to_thai_digits
from ..thai.errors import ThaiValueError
from ..thai.figures import format_number
from ..thai.money import baht_figure, baht_text, parse_baht_text
from ..thai.phone import REGIONS, area_digit, format_phone, landline_area

Found = Iterator[tuple[int, str]]


@dataclass(frozen=True)
class Check:
    code: str
    severity: str       # "error" or "warning"
    what: str
    run: Callable[[Letter], Found]


_PROVINCE_CODES = {p.code: p for p in PROVINCES}
_CODE_RE = re.compile(r"(?:^|\s)ที่\s*([ก-ฮ]\.?\s?[ก-ฮ]\.?)\s*[๐-๙0-9]")
_ADDRESS_CODE_RE = re.compile(r"(?:^|\s)([ก-ฮ]{2})\s+([๐-๙0-9]{5})\s*$")
_POSTAL_RE = re.compile(r"(?<![๐-๙0-9])([๐-๙0-9]{5})\s*$")


def _th(value) -> str:
    return to_thai_digits(str(value))


def _letter_lines(letter: Letter) -> list[Line]:
    return [line for line in letter.lines if line.number <= letter.end]


def _heading(letter: Letter):
    name = letter.province
    return province(name) if name else None


def _code_of(text: str) -> str | None:
    match = _CODE_RE.search(text)
    return "".join(match.group(1).replace(".", "").split()) if match else None


def _known(code: str) -> bool:
    return code in MINISTRIES or code in _PROVINCE_CODES


def _right_code(letter: Letter) -> str:
    heading = _heading(letter)
    return f"; {'จังหวัด' + heading.name}'s is {heading.code}" if heading else ""


def code_unknown(letter: Letter) -> Found:
    """The ``ที่`` code (and the address's, and each cited letter's) is a code at all."""
    number = letter.part("number")
    if number and (code := _code_of(number.text)) and not _known(code):
        yield number.line, f"letter code {code} is no province or ministry code{_right_code(letter)}"
    for address in letter.all("address"):
        match = _ADDRESS_CODE_RE.search(address.text)
        if match and not _known(match.group(1)):
            yield address.line, (f"code {match.group(1)} in the address is no province code"
                                 f"{_right_code(letter)}")
    for reference in letter.all("reference"):
        code = _code_of(reference.text)
        if code and not _known(code):
            yield reference.line, f"the cited letter's code {code} is no province or ministry code"


def code_province(letter: Letter) -> Found:
    """A province code other than the heading's province."""
    heading = _heading(letter)
    if heading is None:
        return
    number = letter.part("number")
    places = [(number.line, _code_of(number.text), "letter code")] if number else []
    for address in letter.all("address"):
        match = _ADDRESS_CODE_RE.search(address.text)
        if match:
            places.append((address.line, match.group(1), "code in the address"))
    for line, code, what in places:
        if code in _PROVINCE_CODES and code != heading.code:
            yield line, (f"{what} {code} is จังหวัด{_PROVINCE_CODES[code].name}'s; the heading is "
                         f"จังหวัด{heading.name}, whose code is {heading.code}")


def postal_province(letter: Letter) -> Found:
    """The address's postal code belongs to the heading's province."""
    heading = _heading(letter)
    if heading is None:
        return
    for address in letter.all("address"):
        match = _POSTAL_RE.search(address.text)
        if not match:
            continue
        postal = to_arabic_digits(match.group(1))
        if postal[:2] == heading.postal:
            continue
        owners = [p for p in PROVINCES if p.postal == postal[:2]]
        whose = " or ".join(p.name_en for p in owners) + "'s" if owners else "no province's"
        yield address.line, (f"postal code {match.group(1)} is {whose}; จังหวัด{heading.name}'s "
                             f"are {heading.postal}xxx")


def signer_province(letter: Letter) -> Found:
    """The signer's principal (or position) names the heading's province."""
    heading = _heading(letter)
    if heading is None:
        return
    for kind in ("signer-principal", "signer-position"):
        for part in letter.all(kind):
            named = province_in(part.text)
            if named and named != heading.name:
                yield part.line, (f"the signer's {'principal' if kind == 'signer-principal' else 'position'} "
                                  f"is of จังหวัด{named}; the heading is จังหวัด{heading.name}")


_BAHT_RE = re.compile(r"(?<![๐-๙0-9,.])([๐-๙0-9]{1,3}(?:,[๐-๙0-9]{3})+|[๐-๙0-9]+)(\.[๐-๙0-9]{2})?"
                      r"\s*บาท\s*\(([^)]*)\)")


def baht_words(letter: Letter) -> Found:
    """The words in brackets say the figure's amount."""
    for line in letter.lines:
        for match in _BAHT_RE.finditer(line.text):
            figure = Decimal(to_arabic_digits(match.group(1) + (match.group(2) or "")).replace(",", ""))
            try:
                words = parse_baht_text(match.group(3))
            except ThaiValueError:
                continue
            if words != figure:
                yield line.number, (f"the words ({match.group(3)}) say {baht_figure(words)}, the figure "
                                    f"is {baht_figure(figure)} ({baht_text(figure)}); one of them is wrong")


def link_digits(letter: Letter) -> Found:
    """No Thai digit inside a URL or an e-mail address (rules §5)."""
    for line in letter.lines:
        for match in links(line.text):
            link = match.group()
            if any(ch in THAI_DIGITS for ch in link):
                yield line.number, (f"Thai digits in the link {link} break it; write "
                                    f"{to_arabic_digits(link)}")


def _dates(letter: Letter):
    for line in letter.lines:
        for mention in find_dates(line.text):
            yield line, mention


def weekday(letter: Letter) -> Found:
    """A stated weekday matches its date."""
    for line, mention in _dates(letter):
        if mention.date and mention.weekday is not None and mention.weekday != mention.date.weekday():
            yield line.number, (f"{mention.text.removeprefix('ภายใน')} says {WEEKDAYS[mention.weekday]}, but "
                                f"{format_date(mention.date)} is a {WEEKDAYS[mention.date.weekday()]}")


def date_invalid(letter: Letter) -> Found:
    """Every date is a real day."""
    for line, mention in _dates(letter):
        if mention.date is None:
            yield line.number, (f"{mention.text.removeprefix('ภายใน')} is no date: {MONTHS[mention.month - 1]} "
                                f"{_th(mention.be_year)} has no day {_th(mention.day)}")


def _letter_date(letter: Letter):
    part = letter.part("date")
    found = find_dates(part.text) if part else []
    return found[0].date if found else None


def deadline_past(letter: Letter) -> Found:
    """A ``ภายใน…`` deadline is not before the letter's own date."""
    own = _letter_date(letter)
    if own is None:
        return
    for line, mention in _dates(letter):
        if mention.deadline and mention.date and mention.date < own:
            yield line.number, (f"the deadline {format_date(mention.date)} is before the letter's date "
                                f"{format_date(own)}")


_CITE_RE = re.compile(r"สิ่งที่ส่งมาด้วย\s*([๐-๙0-9]+)(?:\s*[-–]\s*([๐-๙0-9]+))?")


def citation(letter: Letter) -> Found:
    """``สิ่งที่ส่งมาด้วย N`` cites an attachment the letter lists."""
    listed = letter.all("attachment")
    count = sum(1 for p in listed if re.match(r"^(?:สิ่งที่ส่งมาด้วย\s+)?[๐-๙0-9]+\.\s", p.text)) or len(listed)
    listing = {p.line for p in listed}
    for line in _letter_lines(letter):
        if line.number in listing:
            continue
        for match in _CITE_RE.finditer(line.text):
            last = int(to_arabic_digits(match.group(2) or match.group(1)))
            if last > count:
                yield line.number, (f"{match.group()} cites attachment {_th(last)}, but the letter lists "
                                    f"{_th(count)} (สิ่งที่ส่งมาด้วย)")


def salutation_close(letter: Letter) -> Found:
    """The complimentary close goes with the salutation (rules §6)."""
    salutation, close = letter.part("salutation"), letter.part("close")
    if not salutation or not close:
        return
    word, _, recipient = salutation.text.partition(" ")
    _, expected = choose(recipient, word)
    if close.text.strip() != expected:
        yield close.line, f"{close.text} does not go with {word} {recipient}; the close is {expected}"


def digits_mixed(letter: Letter) -> Found:
    """Arabic digits in running text of a letter written in Thai digits."""
    text = "\n".join(line.text for line in letter.lines)
    thai = sum(text.count(d) for d in THAI_DIGITS)
    arabic = sum(ch.isascii() and ch.isdigit() for ch in text)
    if thai <= arabic:
        return
    for line in letter.lines:
        if not any(ch.isascii() and ch.isdigit() for ch in line.text):
            continue
        spans = protected_spans(line.text)
        bare = [m for m in re.finditer(r"[0-9]+(?:[.,][0-9]+)*", line.text)
                if not any(a <= m.start() < b for a, b in spans)]
        if bare:
            shown = ", ".join(m.group() for m in bare[:3])
            yield line.number, (f"Arabic digits {shown} in a letter written in Thai digits; write "
                                f"{', '.join(to_thai_digits(m.group()) for m in bare[:3])}")


_ERA_RE = re.compile(r"พ\.ศ(?:\.(?=[๐-๙0-9])|(?!\.))\s*([๐-๙0-9]{4})")


def era_form(letter: Letter) -> Found:
    """``พ.ศ. ๒๕๖๖``: full stops and a space (not ``พ.ศ ๒๕๖๖``, ``พ.ศ.๒๕๖๖``)."""
    for line in letter.lines:
        for match in _ERA_RE.finditer(line.text):
            yield line.number, f"{match.group()} is written พ.ศ. {match.group(1)}"


_PHONE_RE = re.compile(r"โทร(?:ศัพท์)?\.?(?:\s*/\s*โทรสาร)?\s*:?\s*([๐-๙0-9][๐-๙0-9\s\-–]{3,}[๐-๙0-9])")


def _phones(letter: Letter):
    for line in letter.lines:
        for match in _PHONE_RE.finditer(line.text):
            yield line, match.group(1).strip()


def phone_form(letter: Letter) -> Found:
    """Phone numbers in the grouped form ``๐ ๔๒๔๑ ๑๑๘๒``."""
    for line, number in _phones(letter):
        try:
            grouped = format_phone(number)
        except ThaiValueError:
            continue
        if number != grouped:
            yield line.number, f"phone {number} is written {grouped}"


def area_code(letter: Letter) -> Found:
    """A landline's area code is of the heading's province's region."""
    heading = _heading(letter)
    if heading is None:
        return
    wanted = area_digit(heading.postal)
    for line, number in _phones(letter):
        try:
            area = landline_area(number)
        except ThaiValueError:
            continue
        if area and area != wanted:
            yield line.number, (f"phone {number} has an area code of {REGIONS[area]} (๐{_th(area)}…); "
                                f"จังหวัด{heading.name}'s landlines start ๐{_th(wanted)}")


_MARKER_RE = re.compile(r"^(?:-\s+)?([๐-๙0-9]+)([.)])\s")


def list_marker(letter: Letter) -> Found:
    """The marker style stays the same inside one list (``๑)`` … ``๑๐)`` then not ``๑๑.``)."""
    last: dict[str, int] = {}
    for line in letter.lines:
        match = _MARKER_RE.match(line.text.strip())
        if not match:
            continue
        number, style = int(to_arabic_digits(match.group(1))), match.group(2)
        other = ")" if style == "." else "."
        if number > 1 and last.get(style) != number - 1 and last.get(other) == number - 1:
            yield line.number, (f"item {match.group(1)}{style} continues the list "
                                f"{_th(number - 1)}{other}; write {match.group(1)}{other}")
        last[style] = number


_ALLOWED = ((0x0000, 0x024F), (0x0E00, 0x0E7F), (0x1E00, 0x1EFF), (0x2000, 0x2BFF),
            (0x3000, 0x303F), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFFD, 0xFFFD))
_FOREIGN_RE = re.compile("[^" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in _ALLOWED) + "]+")


def foreign_script(letter: Letter) -> Found:
    """No letters of scripts other than Thai and Latin."""
    for line in letter.lines:
        for match in _FOREIGN_RE.finditer(line.text):
            script = unicodedata.name(match.group()[0], "UNKNOWN").split()[0].title()
            yield line.number, (f"{script} text {match.group()!r} has no business in a Thai letter "
                                f"(a conversion or typing slip); write it in Thai")


_MARKUP_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|<(?:https?|ftp)://[^>\s]+>|\*\*+|&(?:nbsp|amp|lt|gt);")


def markup(letter: Letter) -> Found:
    """No HTML or Markdown left in the text."""
    for line in letter.lines:
        found = _MARKUP_RE.findall(line.text)
        if found:
            shown = ", ".join(dict.fromkeys(f[:30] for f in found))
            yield line.number, f"markup {shown} left in the text; the letter shows plain text"


_NUM = r"([๐-๙0-9]{1,3}(?:,[๐-๙0-9]{3})+|[๐-๙0-9]+)"
_EACH_RE = re.compile(_NUM + r"\s*(\S+?)\s*ๆ\s*ละ\s*(?:ไม่น้อยกว่า|ไม่เกิน|ประมาณ)?\s*" + _NUM
                      + r"\s*(\S+?)\s*รวม(?:ทั้งสิ้น|ทั้งหมด)?\s*(?:จำนวน)?\s*" + _NUM)


def arithmetic(letter: Letter) -> Found:
    """``N ตำบล ๆ ละ M คน รวม T คน``: T is N × M."""
    for line in letter.lines:
        for match in _EACH_RE.finditer(line.text):
            n, m, total = (int(to_arabic_digits(match.group(i)).replace(",", "")) for i in (1, 3, 5))
            if n * m != total:
                yield line.number, (f"{match.group(1)} × {match.group(3)} is "
                                    f"{format_number(n * m)}, not {match.group(5)}")


_QUARTER_RE = re.compile(r"ไตรมาสที่\s*([๐-๙0-9])\s*\(\s*(?:เดือน)?(" + "|".join(MONTHS) + r")\s*([๐-๙0-9]{4})")


def quarter(letter: Letter) -> Found:
    """``ไตรมาสที่ Q (month year)``: the month is in that fiscal quarter."""
    from datetime import date

    for line in letter.lines:
        for match in _QUARTER_RE.finditer(line.text):
            stated = int(to_arabic_digits(match.group(1)))
            month = MONTHS.index(match.group(2)) + 1
            actual = fiscal_quarter(date(int(to_arabic_digits(match.group(3))) - 543, month, 1))
            if stated != actual:
                yield line.number, (f"{match.group(2)} is in ไตรมาสที่ {_th(actual)} of the fiscal "
                                    f"year, not ไตรมาสที่ {match.group(1)}")


CHECKS: tuple[Check, ...] = (
    Check("code-unknown", "error", "the ที่ code is no province or ministry code", code_unknown),
    Check("code-province", "error", "a province code other than the heading's province", code_province),
    Check("postal-province", "error", "the address's postal code is another province's", postal_province),
    Check("signer-province", "error", "the signer's principal is of another province", signer_province),
    Check("baht-words", "error", "the amount in words differs from the figure", baht_words),
    Check("link-digits", "error", "Thai digits inside a URL or e-mail address", link_digits),
    Check("weekday", "error", "a weekday that does not match its date", weekday),
    Check("date-invalid", "error", "an impossible date", date_invalid),
    Check("deadline-past", "error", "a ภายใน… date before the letter's own date", deadline_past),
    Check("citation", "error", "สิ่งที่ส่งมาด้วย N beyond the attachments listed", citation),
    Check("salutation-close", "error", "a close that does not go with the salutation", salutation_close),
    Check("digits-mixed", "warning", "Arabic digits in a letter written in Thai digits", digits_mixed),
    Check("era-form", "warning", "พ.ศ. written without its full stops or space", era_form),
    Check("phone-form", "warning", "a phone number not in the grouped form", phone_form),
    Check("area-code", "warning", "a landline area code of another region", area_code),
    Check("list-marker", "warning", "the marker style changes inside one list", list_marker),
    Check("foreign-script", "warning", "letters of a script foreign to a Thai letter", foreign_script),
    Check("markup", "warning", "HTML or Markdown left in the text", markup),
    Check("arithmetic", "warning", "a stated total that does not add up", arithmetic),
    Check("quarter", "warning", "a fiscal quarter that does not hold its month", quarter),
)
