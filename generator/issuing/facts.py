"""The register's facts of a letter: from its spec, then checked against what the document says.

:func:`letter_facts` reads a validated spec (a draft's ``GenLetterSpec`` property). The property
is anyone's to edit, so :func:`checked_facts` takes subject and recipient from the document
itself (a subject corrected in Word is the one recorded and searched), and refuses a draft whose
printed number placeholder (office code, unit, series) or title (บันทึกข้อความ, คำสั่ง…, or none)
is not that of the office, unit and kind the property names: the number is taken for what the
property says, and stamped on what the document shows, so the two must agree. A kind that
prints no subject (a stamped letter) is recorded with its spec's. What a kind
cites of itself (the order an amendment amends) joins the references
(:data:`generator.kinds.KINDS`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date as Date
from typing import Any

from ..docx.letter import LetterText
from ..errors import UserError
from ..kinds import KINDS
from ..thai.dates import be_year
from ..thai.digits import digits, to_arabic_digits


@dataclass(frozen=True)
class LetterFacts:
    """What the register needs to know about a letter, read from its spec."""

    office: str | None
    kind: str | None
    unit: str | None
    circular: bool
    subject: str
    recipients: list[str]
    speed: str | None
    secrecy: str | None
    signer: str | None
    references: list[dict[str, Any]]    # number, and agency/date for a letter given inline
    attachments: list[dict[str, Any]]
    date: Date | None


def letter_facts(spec: dict) -> LetterFacts:
    """The register facts of a validated letter spec (``LetterSpec.data``, as a draft's
    ``GenLetterSpec`` property holds it).

    >>> f = letter_facts({"kind": "circular", "unit": 3, "subject": "ทดสอบ", "recipient": "นายอำเภอ",
    ...                   "references": [{"number": "นข 0019/ว 632"}], "date": "2024-10-25",
    ...                   "attachments": [{"title": "แบบรายงาน", "quantity": 1, "unit": "ชุด"}]})
    >>> f.circular, f.unit, f.recipients, f.references[0]["number"], f.date
    (True, '3', ['นายอำเภอ'], 'นข 0019/ว 632', datetime.date(2024, 10, 25))
    >>> f.attachments[0]["title"], f.attachments[0]["file"]
    ('แบบรายงาน', None)
    """
    def first(*keys: str, default: Any = None) -> Any:
        for key in keys:
            if spec.get(key) not in (None, ""):
                return spec[key]
        return default

    # ``recipients: <name>`` names a recipient list (the distribution list), not the addressee.
    listed = isinstance(spec.get("recipients"), str)
    recipients = first(*(() if listed else ("recipients",)), "recipient", "to", default=[])
    if not isinstance(recipients, list):
        recipients = [recipients]
    recipients = [str(r.get("name") or r.get("title") or r) if isinstance(r, dict) else str(r)
                  for r in recipients]
    references = []
    for ref in first("references", default=[]) or []:
        if isinstance(ref, dict) and ref.get("number"):
            references.append({"number": str(ref["number"]), "agency": ref.get("agency"),
                               "date": ref.get("date")})
        elif isinstance(ref, str) and ref.strip():
            references.append({"number": ref, "agency": None, "date": None})
    kind = KINDS.get(first("kind")) or KINDS["external"]  # the property may say anything
    if kind.cites:
        references += kind.cites(spec)
    attachments = []
    for item in first("attachments", default=[]) or []:
        if isinstance(item, str):
            item = {"title": item}
        attachments.append({"title": str(item.get("title") or ""),
                            "quantity": item.get("quantity"), "unit": item.get("unit"),
                            "file": item.get("file"), "url": item.get("url")})
    unit = first("unit")
    when = first("date")
    if isinstance(when, str):
        try:
            when = Date.fromisoformat(when)
        except ValueError:
            when = None
    return LetterFacts(
        office=first("office"), kind=first("kind"), unit=None if unit is None else str(unit),
        circular=kind.circular, subject=str(first("subject", default="")),
        recipients=recipients, speed=first("speed"), secrecy=first("secrecy"),
        signer=first("signer"), references=references, attachments=attachments,
        date=when if isinstance(when, Date) else None)


def cited_numbers(references: list[dict[str, Any]], registry) -> list[dict[str, Any]]:
    """The references that become edges in the register, as ``{"number", "year"}``.

    A reference given by number only must be in the register (the register refuses it
    otherwise). A letter given inline (agency and date) may be one the register has never seen,
    such as another agency's letter not received through it: it is cited on paper and kept in
    the metadata, and becomes an edge only when the register knows the number. Running numbers
    restart every year, so a reference's date, when given, names the year of the letter.
    """
    cited = []
    for ref in references:
        when = ref.get("date")
        year = be_year(Date.fromisoformat(str(when))) if when else None
        if ref.get("agency"):
            try:
                registry.resolve_reference(ref["number"], year)
            except UserError:
                continue
        cited.append({"number": ref["number"], "year": year})
    return cited



def series_key(number_text: str) -> str:
    """A number or a number placeholder without its running number, for comparing series.

    >>> series_key("นค ๐๐๑๙.๓/ว ......"), series_key("นค 0019.3/ว 1"), series_key("ฉช ๐๐๑๙/ ๑")
    ('นค0019.3/ว', 'นค0019.3/ว', 'ฉช0019/')
    """
    key = "".join(to_arabic_digits(number_text).split())
    return key.rstrip(".0123456789…")


def checked_facts(facts: LetterFacts, text: LetterText, office, *, name: str) -> LetterFacts:
    """The facts with the document's subject and recipient (office digit style), after checking
    that the document is the letter the property describes (see the module docstring)."""
    if text.number is None:
        raise UserError("the draft has no number placeholder (content control tagged "
                        "gen-letter:number): it was deleted in Word, or the letter was issued "
                        "already", file=name, hint="make the draft again with gen-letter new")
    kind = KINDS.get(facts.kind) or KINDS["external"]
    expected = kind.first_number(office, facts.unit)
    shown = text.number
    if series_key(shown) != series_key(expected):
        what = f"office {office.id}" + (f", unit {facts.unit}" if facts.unit else "") + \
            (f", {kind.name}" if kind.name != "external" else "")
        raise UserError(f"the document prints the number as '{shown}', but its GenLetterSpec "
                        f"property says {what} ('{series_key(expected)} …'); the property was "
                        "edited or belongs to another letter", file=name, field="office",
                        hint="make the draft again with gen-letter new")
    if text.title != kind.title:
        printed = f"headed {text.title}" if text.title else "headed with no kind's title"
        raise UserError(f"the document is {printed}, but its GenLetterSpec property says kind "
                        f"{facts.kind!r}", file=name, field="kind",
                        hint="make the draft again with gen-letter new")
    if not kind.prints_subject:  # a stamped letter: the register keeps the spec's subject
        text = replace(text, subject=facts.subject)
    if not text.subject:
        raise UserError("the document has no subject line (เรื่อง …)", file=name, field="subject")
    if len(text.attachments) != len(facts.attachments):
        raise UserError(f"the document lists {len(text.attachments)} attachment(s) under "
                        f"สิ่งที่ส่งมาด้วย, but its GenLetterSpec property has "
                        f"{len(facts.attachments)}", file=name, field="attachments",
                        hint="make the draft again with gen-letter new")
    from ..thai.hygiene import normalise, strip_invisible

    style = office.digit_style
    recipients = facts.recipients
    if text.recipient and len(recipients) <= 1:
        recipients = [text.recipient]
    # What a reviewer typed in Word: invisible controls removed, Thai marks in canonical order.
    clean = lambda value: normalise(strip_invisible(value))  # noqa: E731
    recipients = [clean(r) for r in recipients]
    text = replace(text, subject=clean(text.subject),
                   attachments=tuple(clean(t) for t in text.attachments))
    attachments = [dict(a, title=title) for a, title in zip(facts.attachments, text.attachments)]
    return replace(facts, subject=digits(text.subject, style),
                   recipients=[digits(r, style) for r in recipients], attachments=attachments)
