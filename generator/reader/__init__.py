"""The letter reader: any Thai official letter taken apart into its parts.

A letter arrives as plain text (one line a line, as the seed letters are), as a DOCX (one
paragraph a line, list labels Word draws included — any DOCX, not only gen-letter's), or as a
PDF's text layer. :func:`read_file` turns each into the same :class:`Letter`: every line of the
document, numbered from 1 (the text line, or the DOCX paragraph in body order), and the letter's
parts in order (thai-correspondence.md §2), each with the line it stands on, so that a finding
can point at it.

The parts are found by the labels and forms the rules fix, not by gen-letter's template: speed
and secrecy above ``ที่``; ``ที่`` + code; the owner agency and its address lines up to the date;
``เรื่อง`` (and its wrapped lines), ``เรียน``/``กราบเรียน``/``นมัสการ``, ``อ้างถึง`` and
``สิ่งที่ส่งมาด้วย`` (with their numbered items); body paragraphs up to the closing sentence
(``จึงเรียนมา…``); the complimentary close; the signer's name in brackets, position and
principal; owner unit, phone and e-mail; a slogan in quotes. What follows the foot of the letter
(attachments printed after it) stays in :attr:`Letter.lines` for the checks that read the whole
document, but is no part. A memo (บันทึกข้อความ) header is not taken apart.

What a PDF's text layer cannot give back: paragraph boundaries (each printed line is a line,
so a wrapped sentence is two lines), list labels drawn by the layout engine but not in the text,
and the words of pictures (the Garuda, QR codes, scanned pages).

Hand-written because no library reads Thai letters; python-docx is not used for DOCX because it
skips content controls and list labels (:mod:`generator.docx.text` reads both).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..docx.package import Package
from ..errors import UserError
from ..thai.codes import PROVINCES
from ..thai.dates import find_dates

SPEEDS = ("ด่วนที่สุด", "ด่วนมาก", "ด่วน")
SECRECY = ("ลับที่สุด", "ลับมาก", "ลับ")
SALUTATIONS = ("กราบเรียน", "นมัสการ", "เรียน")
DELEGATIONS = ("ปฏิบัติราชการแทน", "รักษาราชการแทน", "รักษาการในตำแหน่ง")
UNIT_WORDS = ("สำนัก", "กลุ่ม", "กอง", "ฝ่าย", "งาน", "ส่วน", "ศูนย์", "ที่ทำการ", "กรม")

_NUMBER_RE = re.compile(r"^ที่\s*(?P<code>[ก-ฮ]\.?\s?[ก-ฮ]\.?)\s*(?P<unit>[๐-๙0-9.]+)\s*/\s*"
                        r"(?P<circular>ว\s*)?(?P<running>[๐-๙0-9]+|\.+|…+)?\s*(?P<rest>\S.*)?$")
_ITEM_RE = re.compile(r"^(?:-\s+)?[๐-๙0-9]+[.)]\s")
#: A line that ends with an attachment's quantity at the right (``… จำนวน ๑ ชุด``).
_QUANTITY_END = re.compile(r"\sจำนวน\s*[๐-๙0-9]+\s*\S*$")
_PROVINCE_RE = re.compile("(?:จังหวัด|ศาลากลางจังหวัด)(" + "|".join(
    sorted((re.escape(p.name) for p in PROVINCES), key=len, reverse=True)) + ")")
_BANGKOK_RE = re.compile("กรุงเทพมหานคร")


@dataclass(frozen=True)
class Line:
    number: int     # 1-based: the text line, or the DOCX paragraph in body order
    text: str


@dataclass(frozen=True)
class Part:
    kind: str       # number, agency, address, date, subject, salutation, reference, attachment,
                    # body, continuation, closing, close, signer-name, signer-position,
                    # signer-principal, unit, phone, email, slogan, speed, secrecy, other
    text: str       # the line's text, list markup of the extraction (a leading "- ") removed
    line: int


@dataclass(frozen=True)
class Letter:
    source: str
    lines: tuple[Line, ...]
    parts: tuple[Part, ...]
    end: int        # the last line of the covering letter (its foot); later lines are attachments

    def part(self, kind: str) -> Part | None:
        return next((p for p in self.parts if p.kind == kind), None)

    def all(self, kind: str) -> list[Part]:
        return [p for p in self.parts if p.kind == kind]

    @property
    def province(self) -> str | None:
        """The heading's province (the owner agency ``ศาลากลางจังหวัด…``), if it names one."""
        agency = self.part("agency")
        return province_in(agency.text) if agency else None


def province_in(text: str) -> str | None:
    """The first province a text names after ``จังหวัด`` (or Bangkok).

    >>> province_in("ศาลากลางจังหวัดหนองคาย"), province_in("ผู้ว่าราชการจังหวัดหนองบัวลำภู")
    ('หนองคาย', 'หนองบัวลำภู')
    >>> province_in("กรมการพัฒนาชุมชน") is None
    True
    """
    match = _PROVINCE_RE.search(text)
    if match:
        return match.group(1)
    return "กรุงเทพมหานคร" if _BANGKOK_RE.search(text) else None


def _clean(text: str) -> str:
    text = " ".join(text.split())
    return text[2:] if text.startswith("- ") else text


def _label(text: str, label: str) -> bool:
    return text == label or text.startswith(label + " ") or text.startswith(label + "\t")


def parse(lines: list[str], source: str = "<text>") -> Letter:
    """Take a letter apart from its lines (or paragraphs).

    >>> letter = parse(["ที่ นค ๐๐๑๙.๓/ ๑๕๕๕๗", "ศาลากลางจังหวัดหนองคาย", "ถนนมิตรภาพ นค ๔๓๐๐๐",
    ...                 "๒๕ ตุลาคม ๒๕๖๗", "เรื่อง ทดสอบ", "เรียน นายอำเภอ", "ด้วย …",
    ...                 "จึงเรียนมาเพื่อโปรดทราบ", "ขอแสดงความนับถือ", "(นางสาวปราณี วงศ์บุตร)",
    ...                 "รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน", "ผู้ว่าราชการจังหวัดหนองคาย",
    ...                 "สำนักงานพัฒนาชุมชนจังหวัด", "โทร./โทรสาร ๐ ๔๒๔๑ ๑๑๘๒", "ภาคผนวก"])
    >>> [(p.kind, p.line) for p in letter.parts][:6]
    [('number', 1), ('agency', 2), ('address', 3), ('date', 4), ('subject', 5), ('salutation', 6)]
    >>> letter.province, letter.part("signer-principal").line, letter.end
    ('หนองคาย', 12, 14)
    """
    numbered = [Line(i, text) for i, text in enumerate(lines, start=1)]
    items = [(line.number, _clean(line.text)) for line in numbered]
    items = [(n, t) for n, t in items if t]
    # A PDF's text layer may put the heading on the number's line: ที่ นค ๐๐๑๙.๓/ ๑ ศาลากลาง…
    for k, (n, t) in enumerate(items):
        match = _NUMBER_RE.match(t)
        if match and match["rest"]:
            items[k:k + 1] = [(n, t[:match.start("rest")].rstrip()), (n, match["rest"])]
            break
    parts: list[Part] = []
    i = 0

    def add(kind: str, k: int) -> None:
        parts.append(Part(kind, items[k][1], items[k][0]))

    start = next((k for k, (_, t) in enumerate(items) if _NUMBER_RE.match(t)), None)
    if start is None:
        return Letter(source, tuple(numbered), (), len(lines))
    for k in range(start):
        text = items[k][1]
        if text in SPEEDS or text.startswith("ด่วนภายใน"):
            add("speed", k)
        elif text in SECRECY:
            add("secrecy", k)
    add("number", start)
    i = start + 1
    # owner agency and address, up to the date (or its placeholder)
    heading = []
    while i < len(items):
        text = items[i][1]
        dates = find_dates(text)
        if (dates and dates[0].start == 0 and dates[0].end == len(text)) or re.fullmatch(r"[.…\s]+", text) \
                or any(_label(text, label) for label in ("เรื่อง",) + SALUTATIONS):
            break
        heading.append(i)
        i += 1
    for n, k in enumerate(heading):
        add("agency" if n == 0 else "address", k)
    if i < len(items) and not _label(items[i][1], "เรื่อง"):
        add("date", i)
        i += 1
    # subject, salutation, references, enclosures: in any order, until the body starts
    current = None
    while i < len(items):
        text = items[i][1]
        if _label(text, "เรื่อง"):
            current = "subject"
        elif any(_label(text, s) for s in SALUTATIONS):
            current = "salutation"
        elif _label(text, "อ้างถึง"):
            current = "reference"
        elif _label(text, "สิ่งที่ส่งมาด้วย"):
            current = "attachment"
        elif current == "subject" and not parts[-1].kind == "salutation" and parts[-1].kind == "subject":
            pass  # the subject's wrapped line
        elif current in ("reference", "attachment") and _ITEM_RE.match(text):
            pass
        elif current == "attachment" and (text.startswith("จำนวน") or _QUANTITY_END.search(text)):
            pass  # a quantity under its title, or a wrapped title's last line with its quantity
        else:
            break
        add(current, i)
        i += 1
    # body, up to the closing sentence
    while i < len(items):
        text = items[i][1]
        if re.match(r"^จึง(?:กราบ)?(?:เรียน|นมัสการ)มา", text):
            add("closing", i)
            i += 1
            break
        add("continuation" if re.fullmatch(r"/\S.*\.\.\.?", text) else "body", i)
        i += 1
    if i < len(items) and (text := items[i][1]).startswith(("ขอแสดงความนับถือ", "ขอนมัสการ")):
        add("close", i)
        i += 1
    if i < len(items) and re.fullmatch(r"\(.+\)", items[i][1]):
        add("signer-name", i)
        i += 1
        if i < len(items):
            add("signer-position", i)
            i += 1
            if any(d in parts[-1].text for d in DELEGATIONS) and i < len(items):
                add("signer-principal", i)
                i += 1
    end_index = i - 1
    # the foot: owner unit, phone, e-mail (other lines may stand among them: a QR caption)
    k = i
    while k < len(items) and k < i + 8:
        text = items[k][1]
        if text.startswith("โทร"):
            add("phone", k)
            end_index = k
        elif "@" in text and ("อีเมล" in text or "ไปรษณีย์อิเล็กทรอนิกส์" in text or "e-mail" in text.lower()):
            add("email", k)
            end_index = k
        elif text.startswith(UNIT_WORDS):
            add("unit", k)
            end_index = max(end_index, k)
        elif any(p.kind == "phone" for p in parts):
            break
        else:
            add("other", k)
        k += 1
    if end_index + 1 < len(items) and "“" in items[end_index + 1][1] and any(p.kind == "phone" for p in parts):
        add("slogan", end_index + 1)
        end_index += 1
    parts = [p for p in parts if p.kind != "other" or p.line <= items[end_index][0]]
    return Letter(source, tuple(numbered), tuple(parts), items[end_index][0])


def read_text(text: str, source: str = "<text>") -> Letter:
    return parse(text.splitlines(), source)


def read_docx(docx: bytes | Package, source: str = "<docx>") -> Letter:
    """A DOCX's body paragraphs in order (table cells included), list labels as Word draws them;
    a paragraph is one line, its line breaks joined by a space."""
    from ..docx.text import paragraphs

    return parse([" ".join(p.split("\n")) for p in paragraphs(docx)], source)


def pdf_text(path: Path) -> str:
    """The text layer of a PDF in content order (poppler's ``pdftotext -raw``: the layout mode
    and the default one split Thai words at sara am and put spaces where the font's glyph
    positions leave gaps)."""
    try:
        done = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                              check=True, timeout=120)
    except FileNotFoundError:
        raise UserError("pdftotext (poppler-utils) is not installed", file=str(path)) from None
    except subprocess.CalledProcessError as error:
        raise UserError(f"not a readable PDF: {error.stderr.decode(errors='replace').strip()}",
                        file=str(path)) from None
    return done.stdout.decode("utf-8").replace("\f", "\n")


def read_file(path: Path | str) -> Letter:
    """A letter from a .txt, .docx or .pdf file (by its first bytes, not its name)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError(f"cannot read the file: {error.strerror}", file=str(path)) from None
    if data.startswith(b"PK"):
        return read_docx(Package.read(data, name=str(path)), str(path))
    if data.startswith(b"%PDF"):
        return read_text(pdf_text(path), str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError("not UTF-8 text, a DOCX or a PDF", file=str(path)) from None
    return read_text(text, str(path))


@dataclass(frozen=True)
class Incoming:
    """What the incoming register needs from a letter, as read from it."""
    their_number: str | None
    their_date: date | None
    sender: str | None
    subject: str | None
    recipient: str | None
    speed: str | None
    secrecy: str | None

    def shown(self) -> list[str]:
        """One line per field read, for a person to check."""
        labels = (("ที่", self.their_number), ("date", self.their_date and self.their_date.isoformat()),
                  ("sender", self.sender), ("subject", self.subject), ("to", self.recipient),
                  ("speed", self.speed), ("secrecy", self.secrecy))
        return [f"{label}: {value}" for label, value in labels if value]


def incoming(letter: Letter) -> Incoming:
    """The number, date, sender, subject, recipient, speed and secrecy of a letter.

    The sender is the owner agency of the heading, ``ศาลากลาง`` dropped (the province's hall
    stands for the province: ``จังหวัดหนองคาย``). A subject wrapped over lines is joined without
    a space: Thai lines break between words that no space separates (a break after a space
    leaves the space at the line's end, where a PDF's text layer drops it).

    >>> got = incoming(parse(["ด่วนที่สุด", "ที่ นค ๐๐๑๙.๓/ ๑๕๕๕๗", "ศาลากลางจังหวัดหนองคาย",
    ...                       "ถนนมิตรภาพ นค ๔๓๐๐๐", "๒๕ ตุลาคม ๒๕๖๗", "เรื่อง การขับเคลื่อน",
    ...                       "ตำบลเข้มแข็ง", "เรียน นายอำเภอ ทุกอำเภอ", "ด้วย …"]))
    >>> got.their_number, got.their_date, got.sender, got.subject, got.speed
    ('นค ๐๐๑๙.๓/ ๑๕๕๕๗', datetime.date(2024, 10, 25), 'จังหวัดหนองคาย', 'การขับเคลื่อนตำบลเข้มแข็ง', 'ด่วนที่สุด')
    """
    number = letter.part("number")
    date_part = letter.part("date")
    found = find_dates(date_part.text) if date_part else []
    agency = letter.part("agency")
    subject = "".join(p.text for p in letter.all("subject")).removeprefix("เรื่อง").strip()
    salutation = letter.part("salutation")
    recipient = salutation.text.split(" ", 1)[1].strip() if salutation and " " in salutation.text else None
    speed, secrecy = letter.part("speed"), letter.part("secrecy")
    return Incoming(
        their_number=number.text.removeprefix("ที่").strip() if number else None,
        their_date=found[0].date if found else None,
        sender=agency.text.removeprefix("ศาลากลาง").strip() if agency else None,
        subject=subject or None, recipient=recipient,
        speed=speed.text if speed else None, secrecy=secrecy.text if secrecy else None)
