"""``gen-letter import``: a letter read by :mod:`generator.reader` written back as a letter spec,
so that ``gen-letter new`` makes the same letter again.

What it maps: kind (``/ว`` → circular), office (the profile whose signer has the name in
brackets; else the one of the heading's province), unit (the number's sub-code), date, speed,
secrecy, recipient and salutation, subject, references (a registered number where the register
has it, else given inline: agency, speed, number, date), attachments (title, quantity, unit),
body paragraphs and numbered items (``๑.`` items, ``๓.๑`` sub-items, paragraphs after an item
kept under it), closing, signer (matched by name; acting phrase or principal set when they differ
from the profile), owner unit and phone, the slogan. Thai digits are typed back Arabic, as specs
are written (the letter prints them in the office's style; links keep theirs).

A heading (agency and address lines) or phone line that is not what the office profile prints
is written as printed (``heading:``, ``phone:``), with a comment at the top of the spec saying
so; a signer or office that matches no profile is listed as missing. ``fix`` corrects the safe
defects lint finds (digits in links, phone form, era form); otherwise the text stays as the
letter has it. The heading stays as printed even with ``fix``: which province is right is not a
safe fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from ..errors import UserError
from ..render.context import phone_lines
from ..render.salutations import choose
from ..thai.digits import to_arabic_digits, to_arabic_outside_links
from ..thai.errors import ThaiValueError
from ..thai.phone import format_phone
from . import Letter, find_dates

_REFERENCE_RE = re.compile(
    r"^(?:อ้างถึง\s+)?(?:[๐-๙0-9]+\.\s*)?หนังสือ(?P<agency>\S+)\s+(?:(?P<speed>ด่วนที่สุด|ด่วนมาก|ด่วน)\s+)?"
    r"ที่\s+(?P<number>.+?)\s+ลงวันที่\s+(?P<date>.+?)\s*$")
_ATTACHMENT_RE = re.compile(
    r"^(?:สิ่งที่ส่งมาด้วย\s+)?(?:[๐-๙0-9]+\.\s*)?(?P<title>.+?)\s+จำนวน\s*(?P<quantity>[๐-๙0-9]+)\s*(?P<unit>\S+)\s*$")
_ITEM_RE = re.compile(r"^([๐-๙0-9]+)\.\s+(.*)$")
_SUBITEM_RE = re.compile(r"^([๐-๙0-9]+)\.([๐-๙0-9]+)\s+(.*)$")
_ERA_RE = re.compile(r"พ\.ศ(?:\.(?=[0-9])|(?!\.))\s*([0-9]{4})")


def _attachment_lines(parts):
    """The attachments' lines with a wrapped title joined to its next line: a line with no
    quantity followed by one that starts with no label (Thai wraps between words without a
    space, so the lines join as they are)."""
    joined = []
    for part in parts:
        text = part.text.strip()
        if (joined and not _ATTACHMENT_RE.match(joined[-1].text)
                and not _ITEM_RE.match(text) and not text.startswith(("สิ่งที่ส่งมาด้วย", "จำนวน"))):
            joined[-1] = replace(joined[-1], text=joined[-1].text.rstrip() + text)
        else:
            joined.append(part)
    return joined


@dataclass(frozen=True)
class Imported:
    spec: dict
    notes: tuple[str, ...]      # what had to be guessed or could not be carried over

    def yaml_text(self, source: str) -> str:
        head = [f"# Imported from {source} by gen-letter import."]
        head += [f"# {note}" for note in self.notes]
        body = yaml.safe_dump(self.spec, allow_unicode=True, sort_keys=False, width=100)
        return "\n".join(head) + "\n" + body


def _text(text: str, fix: bool) -> str:
    """Digits typed back Arabic; a link keeps its Thai digits unless fixed."""
    if not fix:
        return to_arabic_outside_links(text)
    return _ERA_RE.sub(lambda m: f"พ.ศ. {m.group(1)}", to_arabic_digits(text))


def _join(lines: list[str]) -> str:
    """Lines of one paragraph: no space where a Thai line wrapped inside a phrase."""
    out = ""
    for line in lines:
        if out and not (re.search(r"[\u0e00-\u0e7f]$", out) and re.match(r"[\u0e00-\u0e7f]", line)):
            out += " "
        out += line
    return out


def _paragraphs(letter: Letter, kinds: tuple[str, ...], wrapped: bool) -> list[str]:
    """The parts of these kinds as paragraphs: in text, consecutive lines are one paragraph."""
    groups: list[list] = []
    for part in letter.parts:
        if part.kind not in kinds:
            continue
        if wrapped and groups and groups[-1][-1].line == part.line - 1:
            groups[-1].append(part)
        else:
            groups.append([part])
    return [_join([p.text for p in group]) for group in groups]


def _body(paragraphs: list[str], fix: bool) -> list:
    body: list = []
    items: list | None = None
    for paragraph in paragraphs:
        text = _text(paragraph, fix)
        sub, item = _SUBITEM_RE.match(text), _ITEM_RE.match(text)
        if sub and items:
            entry = items[-1]
            if isinstance(entry, str):
                entry = items[-1] = {"text": entry}
            entry.setdefault("items", []).append(sub.group(3))
        elif item:
            if items is None:
                items = []
                body.append({"items": items})
            items.append(item.group(2))
        elif items:
            entry = items[-1]
            if isinstance(entry, str):
                entry = items[-1] = {"text": entry}
            entry.setdefault("paragraphs", []).append(text)
        else:
            body.append(text)
    return body


def _office(letter: Letter, offices: dict, notes: list[str]):
    name = letter.part("signer-name")
    signer_name = name.text.strip("()") if name else None
    for office in offices.values():
        for signer in office.signers.values():
            if signer.name == signer_name:
                return office, signer
    province = letter.province
    for office in offices.values():
        if province and office.province == province:
            notes.append(f"signer {signer_name} is in no office profile: add them to "
                         f"{office.id}'s signers and set signer:")
            return office, None
    if len(offices) == 1:
        office = next(iter(offices.values()))
        notes.append(f"no profile matched the signer or province; assumed office {office.id}")
        return office, None
    raise UserError("no office profile has this letter's signer or province", file=letter.source,
                    field="office", hint="add the office to registry/ first")


def _grouped(number: str | None) -> str | None:
    if not number:
        return None
    try:
        return format_phone(str(number), "arabic")
    except ThaiValueError:
        return to_arabic_digits(str(number))


def _phone_line(spec: dict, office, phone, fix: bool, notes: list[str]) -> None:
    """``phone:`` when the letter's phone line is not what the foot would print; ``fix`` writes
    the number grouped (the label stays as printed)."""
    if phone is None:
        return
    if "owner" in spec:
        foot = spec["owner"]
    elif "unit" in spec:
        unit = office.units[spec["unit"]]
        foot = {"phone": unit.phone, "fax": unit.fax}
    else:
        foot = {"phone": office.phone, "fax": office.fax}
    printed = phone_lines(_grouped(foot.get("phone")), _grouped(foot.get("fax")))
    line = to_arabic_digits(phone.text)
    if fix:
        label, number = re.match(r"(\D*)(.*)$", line).groups()
        line = label + (_grouped(number) or "")
    if [line] != printed:
        spec["phone"] = line
        notes.append(f"phone: the letter's line ({line}) differs from the profile's "
                     f"({' / '.join(printed) or 'none'}); kept as printed"
                     + ("" if fix else "; --fix writes the number grouped"))


def import_letter(letter: Letter, offices: dict, registry=None, *, fix: bool = False) -> Imported:
    """A letter spec (as a dict) that renders back to ``letter``; see the module docstring."""
    notes: list[str] = []
    number = letter.part("number")
    if number is None:
        raise UserError("no ที่ line (ที่ + code + number) found: not an official letter",
                        file=letter.source, field="number")
    office, signer = _office(letter, offices, notes)
    spec: dict = {"kind": "circular" if re.search(r"/\s*ว", number.text) else "external",
                  "office": office.id}
    unit = re.search(r"[๐-๙0-9]+\.([๐-๙0-9]+)\s*/", number.text)
    if unit and to_arabic_digits(unit.group(1)) in office.units:
        spec["unit"] = to_arabic_digits(unit.group(1))
    heading = [p.text for p in letter.all("agency") + letter.all("address")]
    printed = [office.address[0], f"{office.address[1]} {office.province_code} {office.postal_code}"] \
        if len(office.address) > 1 else list(office.address)
    if [to_arabic_digits(h) for h in heading] != [to_arabic_digits(p) for p in printed]:
        spec["heading"] = [to_arabic_digits(h) for h in heading]
        notes.append(f"heading: the letter's ({' / '.join(heading)}) differs from the profile's "
                     f"({' / '.join(printed)}); kept as printed, even with --fix: which province "
                     f"is right is not a safe fix")
    date_part = letter.part("date")
    found = find_dates(date_part.text) if date_part else []
    if found and found[0].date:
        spec["date"] = found[0].date.isoformat()
    for kind in ("speed", "secrecy"):
        if letter.part(kind):
            spec[kind] = letter.part(kind).text
    salutation = letter.part("salutation")
    if salutation:
        word, _, recipient = salutation.text.partition(" ")
        spec["recipient"] = _text(recipient.strip(), fix)
        if choose(recipient)[0] != word:
            spec["salutation"] = word
    spec["subject"] = _text("".join(p.text for p in letter.all("subject")).removeprefix("เรื่อง").strip(), fix)
    references = []
    for part in letter.all("reference"):
        match = _REFERENCE_RE.match(part.text)
        if not match:
            notes.append(f"line {part.line}: reference not understood, left out: {part.text}")
            continue
        number_text = to_arabic_digits(match["number"])
        if registry is not None:
            try:
                registry.resolve_reference(number_text)
                references.append(number_text)
                continue
            except UserError:
                pass
        ref = {"agency": match["agency"]}
        if match["speed"]:
            ref["speed"] = match["speed"]
        ref["number"] = number_text
        dates = find_dates(match["date"])
        ref["date"] = dates[0].date.isoformat() if dates and dates[0].date else _text(match["date"], fix)
        references.append(ref)
    if references:
        spec["references"] = references
    attachments = []
    for part in _attachment_lines(letter.all("attachment")):
        match = _ATTACHMENT_RE.match(part.text)
        if match:
            attachments.append({"title": _text(match["title"], fix),
                                "quantity": int(to_arabic_digits(match["quantity"])),
                                "unit": match["unit"]})
        else:
            notes.append(f"line {part.line}: attachment without a quantity: {part.text}")
            attachments.append({"title": _text(part.text.removeprefix("สิ่งที่ส่งมาด้วย").strip(), fix)})
    if attachments:
        spec["attachments"] = attachments
    wrapped = not letter.source.lower().endswith(".docx")
    spec["body"] = _body(_paragraphs(letter, ("body",), wrapped), fix)
    closing = letter.part("closing")
    spec["closing"] = re.sub(r"^จึง(?:กราบ)?(?:เรียน|นมัสการ)มา", "", closing.text) if closing else ""
    if signer is not None:
        spec["signer"] = signer.id
        position = letter.part("signer-position")
        principal = letter.part("signer-principal")
        if principal and principal.text != signer.principal:
            spec["principal"] = principal.text
        if position and signer.acting and signer.acting not in position.text:
            notes.append(f"line {position.line}: the position differs from the profile's: {position.text}")
    else:
        spec["signer"] = "MISSING"
    units = [p.text for p in letter.all("unit")]
    phone = letter.part("phone")
    matched = next((code for code, u in office.units.items() if units and u.name == units[-1]), None)
    if matched and "unit" not in spec:
        spec["unit"] = matched
    if not matched and units:
        owner = {"parent": units[0], "name": units[-1]} if len(units) > 1 else {"name": units[0]}
        if phone:
            digits = re.sub(r"^โทร\S*\s*", "", phone.text)
            shown = to_arabic_digits(digits)
            if fix:
                try:
                    shown = format_phone(shown, "arabic")
                except ThaiValueError:
                    pass
            owner["phone"] = shown
            if "โทรสาร" in phone.text:
                owner["fax"] = shown
        spec["owner"] = owner
    _phone_line(spec, office, phone, fix, notes)
    if office.slogan and not letter.part("slogan"):
        after = [line.text.strip() for line in letter.lines if line.number > letter.end and line.text.strip()]
        if not after or after[0] != office.slogan.splitlines()[0]:
            spec["slogan"] = False
    return Imported(spec, tuple(notes))


def write_spec(imported: Imported, target: Path, source: str, *, overwrite: bool = False) -> Path:
    """Write the spec atomically; an existing file is kept unless ``overwrite``."""
    from ..files import write_atomically

    if target.exists() and not overwrite:
        raise UserError("exists already; choose another name or replace it", file=str(target))
    write_atomically(target, imported.yaml_text(source).encode("utf-8"))
    return target
