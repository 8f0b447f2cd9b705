"""The values a letter template sees: the spec and the office profile, formatted for print.

Body paragraphs, attachment titles and the phone line get no-break spaces where a line must
not break (:func:`generator.thai.nobreak.keep_together`: ``จำนวน ๑ ชุด``, phone numbers, a number
and its unit); the subject and the other parts issuing reads back keep their plain spaces.
Everything here is text in the office's digit style (Thai by default: authors may type Arabic
digits and ISO dates); wording (labels, ``จำนวน``, ``ลงวันที่``…) stays in the templates, but for
the owner's phone line (:func:`phone_lines`), which a spec may give as printed (``phone:``), as it
may the heading (``heading:``); without them the office profile's are printed.
Paragraph text is pre-escaped :class:`~markupsafe.Markup` because it may carry ``**bold**``
(set in the template's ``LetterBold`` character style: docxtpl's ``RichText(bold=True)`` writes
``w:b`` only, which Word ignores for Thai), line breaks and tabs, built by
:func:`generator.docx.fragments.inline` and put in place when the template is rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from markupsafe import Markup

from ..docx.fragments import inline
from ..errors import UserError
from ..spec.model import Item, LetterSpec, Reference
from ..spec.validate import choose_office, choose_signer, choose_unit
from ..thai.nobreak import keep_together
from .salutations import choose as choose_salutation

BOLD_STYLE = "LetterBold"
_DIGIT = re.compile("[0-9๐-๙]")


def rich(text: str) -> Markup:
    """Paragraph text for a template: escaped, ``**bold**`` in the bold character style, line
    breaks and tabs as Word's (:func:`generator.docx.fragments.inline`).

    >>> str(rich("A & B <c>")), "LetterBold" in rich("A **ตัวหนา**")
    ('A &amp; B &lt;c&gt;', True)
    """
    return inline(text, BOLD_STYLE)


@dataclass
class Prepared:
    """A letter ready for a template: its context, list restarts, Garuda and the parts used."""

    context: dict[str, Any]
    list_starts: list[int]
    office: Any
    template_name: str


def _phone(value: str | None, style: str) -> str | None:
    if not value:
        return None
    from ..thai.phone import format_phone

    try:
        return format_phone(str(value), digit_style=style)
    except Exception:  # a phone text the formatter does not know: keep it, in the digit style
        from ..thai.digits import digits, repair_links

        return digits(str(value), style)


def phone_lines(phone: str | None, fax: str | None) -> list[str]:
    """The owner's phone and fax lines at the foot (§2 item 14), from formatted numbers.

    >>> phone_lines("๐ ๔๒๔๑ ๑๑๘๒", "๐ ๔๒๔๑ ๑๑๘๒"), phone_lines("๐ ๔๒๔๑ ๑๑๘๒", None)
    (['โทร./โทรสาร ๐ ๔๒๔๑ ๑๑๘๒'], ['โทร. ๐ ๔๒๔๑ ๑๑๘๒'])
    >>> phone_lines("๐ ๔๒๔๑ ๑๑๘๒", "๐ ๔๒๔๑ ๑๑๘๓"), phone_lines(None, None)
    (['โทร. ๐ ๔๒๔๑ ๑๑๘๒', 'โทรสาร ๐ ๔๒๔๑ ๑๑๘๓'], [])
    """
    if phone and phone == fax:
        return [f"โทร./โทรสาร {phone}"]
    return ([f"โทร. {phone}"] if phone else []) + ([f"โทรสาร {fax}"] if fax else [])


def _number_text(number: str, style: str) -> str:
    from ..registry.numbers import LetterNumber
    from ..thai.digits import digits, repair_links

    try:
        return LetterNumber.parse(number).text(style)
    except UserError:
        return digits(number, style)


def _flatten(items: tuple[Item, ...], level: int, list_index: int, tx, out: list, starts: list) -> None:
    for item in items:
        out.append({"kind": "item", "level": min(level, 3), "text": rich(keep_together(tx(item.text)))})
        starts.append(list_index)
        _flatten(item.items, level + 1, list_index, tx, out, starts)
        for paragraph in item.paragraphs:
            out.append({"kind": "text", "level": level, "text": rich(keep_together(tx(paragraph)))})


def in_style(value: str, style: str) -> str:
    """Running text in the office's digit style: with ``thai``, Thai digits but in links and
    Latin identifiers, which keep (or get back) Arabic ones.

    >>> in_style("ตำบล 12 https://x.go.th/12", "thai"), in_style("๑๒", "arabic")
    ('ตำบล ๑๒ https://x.go.th/12', '12')
    """
    from ..thai.digits import digits, repair_links

    if not _DIGIT.search(value):
        return value
    return repair_links(value) if style == "thai" else digits(value, style)


class _Printer:
    """The renderer's side of :class:`generator.kinds.Printer`: how a kind's context function
    prints text, dates, labels and numbered items for this office."""

    def __init__(self, office, style: str, lookup, tx, body: list, starts: list, lists: list):
        self.office, self.style, self.lookup, self.tx = office, style, lookup, tx
        self._starts, self._lists = starts, lists

    def rich(self, value: str) -> Markup:
        return rich(value)

    def date(self, value, form: str = "full") -> str:
        from ..thai.dates import format_date

        return format_date(value, form, self.style)

    def label(self, *path: int) -> str:
        from ..thai.numbering import item_label

        return item_label(path, "dot", self.style)

    def number(self, text: str) -> str:
        return _number_text(text, self.style)

    def items(self, items) -> list[dict]:
        out: list[dict] = []
        if items:
            _flatten(tuple(items), 1, self._lists[0], self.tx, out, self._starts)
            self._lists[0] += 1
        return out

    def salutation(self, recipient: str, given: str | None) -> tuple[str, str]:
        return choose_salutation(recipient, given)


def build_context(spec: LetterSpec, offices: dict, *, draft: bool = True,
                  lookup: Callable[[str, int | None], Reference | None] | None = None) -> Prepared:
    """The template context of a letter: the parts every kind prints, then the kind's own from
    its context function (:data:`generator.kinds.KINDS`). ``lookup`` finds a registered letter
    by its number (for references given only as a number, and the order an amendment cites);
    without it such a reference is an error."""
    from ..thai.dates import format_date
    from ..thai.digits import digits, repair_links

    kind = spec.document_kind
    office = choose_office(spec, offices)
    style = getattr(office, "digit_style", "thai") or "thai"

    def tx(value: str | None) -> str | None:
        return None if value is None else in_style(str(value), style)

    signer, acting, principal = choose_signer(spec, office)
    unit, unit_key = choose_unit(spec, office)
    owner = spec.data.get("owner")
    if owner:
        foot = {"name": tx(owner["name"]), "parent": tx(owner.get("parent")),
                "phone": _phone(owner.get("phone"), style), "fax": _phone(owner.get("fax"), style),
                "email": owner.get("email")}
    elif unit is not None:
        foot = {"name": tx(unit.name), "parent": tx(unit.parent), "phone": _phone(unit.phone, style),
                "fax": _phone(unit.fax, style), "email": getattr(unit, "email", None)}
    else:
        foot = {"name": tx(office.name), "parent": None, "phone": _phone(office.phone, style),
                "fax": _phone(office.fax, style), "email": None}

    # The sub-code goes into the number only when the spec names the unit (as issuing does).
    number = kind.placeholder(office, unit_key if spec.unit is not None else None, style)

    from ..thai.codes import province_code

    if spec.data.get("heading"):
        address = [tx(line) for line in spec.data["heading"]]
    else:
        address = [tx(line) for line in office.address]
        address[-1] = f"{address[-1]} {province_code(office.province)} {tx(office.postal_code)}"

    body: list[dict] = []
    list_starts: list[int] = []
    lists = [0]
    printer = _Printer(office, style, lookup, tx, body, list_starts, lists)
    printer.unit = foot
    for block in spec.body:
        if block.kind == "paragraph":
            body.append({"kind": "paragraph", "level": 0, "text": rich(keep_together(tx(block.text)))})
        else:
            body.extend(printer.items(block.items))

    slogan = (getattr(office, "slogan", None) or "") if spec.data.get("slogan", True) else ""
    garuda_path = getattr(office, "garuda", None)
    context = {
        "draft": draft,
        "kind": spec.kind,
        "number": number,
        "date": format_date(spec.date, kind.date_form, style) if spec.date else None,
        "speed": spec.speed or "",
        "secrecy": spec.secrecy or "",
        "office_name": tx(office.name),
        "agency": tx(office.agency),
        "address": address,
        "subject": rich(tx(spec.subject)),
        "body": body,
        "signer": {"name": tx(signer.name), "position": tx(signer.position), "acting": acting,
                   "principal": tx(principal) if acting else None},
        "unit": foot,
        "email": foot.get("email"),
        "phone_lines": [keep_together(line) for line in (
            [tx(spec.data["phone"])] if spec.data.get("phone")
            else phone_lines(foot["phone"], foot["fax"]))],
        "copy_to": [rich(tx(line)) for line in spec.copy_to],
        "slogan_lines": [tx(line.strip()) for line in slogan.splitlines() if line.strip()],
        "garuda_file": str(garuda_path) if garuda_path else None,
    }
    context.update(kind.context(spec, printer))
    return Prepared(context, list_starts, office, kind.template)
