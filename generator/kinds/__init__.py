"""Document kinds (rules §1): one table, :data:`KINDS`, and one small module per kind.

A kind is data: the row of :data:`KINDS` names its stock template, the fields of a letter spec it
uses and the JSON Schema of its own fields, how its number is taken (``numbering``), the form of
the date it prints, the title it prints (checked again when a reviewed draft is issued) and its
context function, which turns the spec's own fields into template values. Every package asks this
table and nothing else: the spec schema (:mod:`generator.spec.schema`) is assembled from it, the
renderer takes the template and the context function from it, the register takes the series,
issuing takes the date form, the title and the orders an amendment cites.

Numbering rules (the register's series, :mod:`generator.registry.numbering`):

- ``letter``: the office's ordinary series (``นค ๐๐๑๙.๓/ ๑๕๕๕๗``). A memo (หนังสือภายใน) takes
  it too: the regulation numbers an internal letter as an external one, the owner's code (the
  unit's, ``นค ๐๐๑๙.๓``: inside the ministry the unit is the owner) over the number of the
  outgoing register (ทะเบียนหนังสือส่ง), so a memo and the office's letters share one series;
- ``circular``: ``ว`` and, as the office profile says, a series of its own or the ordinary one;
- ``order``: the office's series of orders, ``ที่ ๑๒/๒๕๖๗``, one per office and calendar year;
- ``announcement``: the office's series of announcements, numbered as orders; printed only when
  the office profile says so (``numbering: announcements: numbered``).

Every kind takes a number: a register row is what makes a document findable, cancellable and
checked by ``verify``.

How to add a kind
-----------------

1. Its template: a builder function in ``tools/templates/kinds.py`` (and a line in that
   module's ``packages()``) that ``python -m tools.templates`` writes as
   ``letter_templates/<kind>.docx``; the file is checked in. It prints the number and the date
   through the number and date content controls (``number_control()``, ``date_control()`` of
   ``tools/templates/pieces.py``), so that issuing can stamp them.
2. A module ``generator/kinds/<kind>.py`` with its context function ``context(spec, printer) ->
   dict`` (the template values of the kind's own parts; ``printer`` is a :class:`Printer`) and,
   when the kind has fields of its own, ``read(data, reader) -> dict`` (typed values, with the
   checks a schema cannot make, each a :class:`~generator.errors.UserError` naming the field).
3. A row in :data:`KINDS` below. A new field in the spec goes into the row's ``schema``; a common
   field the kind prints goes into its ``uses``. The README's spec table and
   ``examples/README.md`` get a line.

Nothing else changes: no ``if kind == …`` outside this package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from ..thai import vocabulary

#: Fields every kind has (``kind``, the subject, the body, who signs it, where and when).
ALWAYS = ("kind", "office", "unit", "subject", "body", "signer", "acting", "principal", "date",
          "speed", "secrecy", "heading", "slogan")
#: The parts of a letter sent to someone: recipient, salutation, references, attachments,
#: closing, owner unit, copies.
LETTER_FIELDS = ("recipient", "salutation", "references", "attachments", "attachment_list",
                 "closing", "owner", "phone", "copy_to")

_text = {"type": "string", "minLength": 1}


class Printer(Protocol):
    """What a context function gets from the renderer (:mod:`generator.render.context`)."""

    office: Any
    style: str                                   # the office's digit style
    lookup: Callable | None                      # a registered letter by number and year
    unit: dict                                   # the owner unit: name, parent, phone, fax, email

    def tx(self, value: str | None) -> str | None:
        """Running text in the office's digit style (links keep their digits)."""

    def rich(self, value: str) -> Any:
        """Paragraph text as run XML (``**bold**``, line breaks, tabs)."""

    def date(self, value, form: str = "full") -> str:
        """A date in one of :func:`generator.thai.dates.format_date`'s forms."""

    def label(self, *path: int) -> str:
        """``๑.``, ``๓.๑``: the label of a numbered item."""

    def number(self, text: str) -> str:
        """A number as the office prints it."""

    def items(self, items) -> list[dict]:
        """Numbered items (Word numbering, a new list from ๑) as body entries."""

    def salutation(self, recipient: str, given: str | None) -> tuple[str, str]:
        """The salutation and complimentary close for a recipient (rules §6)."""


@dataclass(frozen=True)
class Kind:
    """One document kind; see the module docstring."""

    name: str
    thai: str                       # หนังสือภายนอก, คำสั่ง …
    template: str                   # the stock template's file name
    numbering: str                  # "letter", "circular", "order" or "announcement"
    context: Callable[[Any, Printer], dict]
    uses: tuple[str, ...] = LETTER_FIELDS          # common fields besides ALWAYS
    required: tuple[str, ...] = ("recipient", "closing")
    schema: dict[str, dict] = field(default_factory=dict)   # its own fields
    read: Callable[[dict, Any], dict] | None = None
    date_form: str = "full"         # the printed date: ๒๕ ตุลาคม ๒๕๖๗ ("era": … พ.ศ. ๒๕๖๗)
    title: str | None = None        # the title the document prints (vocabulary.DOCUMENT_TITLES)
    cites: Callable[[dict], list[dict]] | None = None    # register entries it cites of itself
    prints_subject: bool = True     # a stamped letter prints no เรื่อง (the register keeps it)

    @property
    def fields(self) -> tuple[str, ...]:
        """Every spec field this kind accepts."""
        return ALWAYS + self.uses + tuple(self.schema)

    @property
    def circular(self) -> bool:
        return self.numbering == "circular"

    def placeholder(self, office, unit: str | None, style: str | None = None) -> str:
        """The number a draft prints until it is issued: ``นค ๐๐๑๙.๓/ว ......``, or an order's
        ``......`` (its number is ``ที่ ๑๒/๒๕๖๗``: running number and year, no code)."""
        if self.numbering in ("order", "announcement"):
            return "......"
        code = office.letter_code(unit, style)
        return f"{code}/{'ว ' if self.circular else ' '}......"

    def first_number(self, office, unit: str | None) -> str:
        """The first number of the kind's series as the office prints it, or the placeholder
        when the number names no office (an order's): issuing compares its series with the
        draft's placeholder."""
        if self.numbering in ("order", "announcement"):
            return self.placeholder(office, unit)
        return office.number_text(1, unit=unit, circular=self.circular)


def _later(module: str, name: str) -> Callable:
    """The function ``name`` of the kind's module ``generator.kinds.<module>``, imported when it
    is first called: the table is read by every command, the kinds' modules only by those that
    render or issue."""
    def call(*args):
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{module}"), name)(*args)

    call.__name__ = f"{module}.{name}"
    return call


def _order_schema() -> dict[str, dict]:
    member = {"type": "object", "additionalProperties": False, "required": ["role"],
              "properties": {"name": _text, "position": _text,
                             "role": {"enum": list(vocabulary.COMMITTEE_ROLES)}}}
    return {
        "committee": {"type": "array", "minItems": 1, "items": member},
        "duties": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/item"}},
        "effective": _text,
        "amends": {"anyOf": [_text, {"type": "object", "additionalProperties": False,
                                     "required": ["number"], "properties": {"number": _text}}]},
    }


KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind("external", "หนังสือภายนอก", "external.docx", "letter", _later("letters", "context")),
    Kind("circular", "หนังสือเวียน", "external.docx", "circular",
         _later("letters", "context"),
         uses=LETTER_FIELDS + ("recipients",)),   # one text to the offices of a recipient list
    Kind("memo", "บันทึกข้อความ", "memo.docx", "letter", _later("letters", "memo_context"),
         title=vocabulary.DOCUMENT_TITLES["memo"]),
    Kind("stamped", "หนังสือประทับตรา", "stamped.docx", "letter",
         _later("letters", "stamped_context"),
         uses=("recipient", "references", "attachments", "owner", "phone"),
         required=("recipient", "initials"), schema={"initials": _text},
         prints_subject=False),
    Kind("order", "คำสั่ง", "order.docx", "order", _later("order", "context"),
         uses=(), required=(), schema=_order_schema(), read=_later("order", "read"), date_form="era",
         title=vocabulary.DOCUMENT_TITLES["order"], cites=_later("order", "cites")),
    Kind("announcement", "ประกาศ", "announcement.docx", "announcement",
         _later("announcement", "context"), uses=(), required=(), date_form="era",
         title=vocabulary.DOCUMENT_TITLES["announcement"]),
)}

NAMES = tuple(KINDS)


def kind(name: str | None) -> Kind:
    """The kind called ``name`` (``None``: an external letter, as a spec without one was).

    >>> kind("order").numbering, kind("circular").template, kind(None).name
    ('order', 'external.docx', 'external')
    """
    if name is None:
        return KINDS["external"]
    if name not in KINDS:
        from ..errors import UserError

        raise UserError(f"unknown kind {name!r}", field="kind", hint="one of: " + ", ".join(NAMES))
    return KINDS[name]


def of_series(numbering: str) -> list[Kind]:
    """The kinds whose numbers a numbering rule hands out.

    >>> [k.name for k in of_series("order")]
    ['order']
    """
    return [k for k in KINDS.values() if k.numbering == numbering]
