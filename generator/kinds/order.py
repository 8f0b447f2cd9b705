"""Orders (คำสั่ง, rules §1): appointments of committees and working groups, and their amendments.

An order prints ``คำสั่ง<agency>`` / ``ที่ ๑๒/๒๕๖๗`` / ``เรื่อง …`` / a rule / the body / the
committee / its duties / ``ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป`` (or the effective date) /
``สั่ง ณ วันที่ ๒๕ ตุลาคม พ.ศ. ๒๕๖๗`` / the signature. Its own spec fields:

- ``committee``: the members, each ``{name, position, role}``; ``role`` is one of
  :data:`generator.thai.vocabulary.COMMITTEE_ROLES`, a member needs a name or a position, and a
  committee has exactly one chair (ประธานกรรมการ). Printed as the aligned list offices use
  (number, name, position, role at tab stops), numbered in Thai. An amendment lists only the
  members it changes and needs no chair;
- ``duties``: อำนาจหน้าที่, numbered items (Word numbering, nested like the body's);
- ``effective``: the date it takes effect (``YYYY-MM-DD``); without it, from now on;
- ``amends``: the number of the order it amends (``12/2567``); that order must be an issued
  order of the register, and its agency, date and subject are printed from the register
  (``ตามคำสั่งจังหวัดหนองคาย ที่ ๑๒/๒๕๖๗ ลงวันที่ …``). The register records the citation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..thai import vocabulary


@dataclass(frozen=True)
class Member:
    """One member of a committee."""

    role: str
    name: str | None = None
    position: str | None = None


def read(data: dict, reader) -> dict:
    """The typed values of an order's own fields, after the checks a schema cannot make."""
    members = []
    for i, value in enumerate(data.get("committee", [])):
        name, position = value.get("name"), value.get("position")
        if not name and not position:
            raise reader.fail("a committee member needs a name or a position",
                              ("committee", i), hint="add name: or position:")
        members.append(Member(value["role"], name and name.strip(), position and position.strip()))
    if members and "amends" not in data:  # an amendment lists the members it changes
        chairs = [i for i, m in enumerate(members) if m.role == vocabulary.CHAIR]
        if not chairs:
            raise reader.fail(f"the committee has no chair ({vocabulary.CHAIR})", ("committee",),
                              hint=f"give one member role: {vocabulary.CHAIR}")
        if len(chairs) > 1:
            raise reader.fail(f"the committee has {len(chairs)} chairs ({vocabulary.CHAIR})",
                              ("committee", chairs[1], "role"), hint="an order appoints one chair")
    duties = tuple(reader.item(value, ("duties", i))
                   for i, value in enumerate(data.get("duties", [])))
    if duties and not members:
        raise reader.fail("duties without a committee", ("duties",),
                          hint="list the members under committee:")
    effective = reader.date(data["effective"], ("effective",)) if "effective" in data else None
    amends = None
    if "amends" in data:
        value = data["amends"]
        text = value["number"] if isinstance(value, dict) else value
        path = ("amends", "number") if isinstance(value, dict) else ("amends",)
        from ..errors import UserError
        from ..registry.numbers import OrderNumber

        try:
            amends = OrderNumber.parse(str(text))
        except UserError as error:
            raise reader.fail(error.message, path, hint="an order number: running number / "
                                                        "Buddhist year, e.g. 12/2567") from None
    return {"committee": tuple(members), "duties": duties, "effective": effective,
            "amends": amends}


def cites(data: dict) -> list[dict]:
    """The register entries an order cites of itself: the order it amends."""
    value = data.get("amends")
    if value is None:
        return []
    text = value["number"] if isinstance(value, dict) else value
    return [{"number": str(text), "agency": None, "date": None}]


def context(spec, printer) -> dict:
    """The template values of an order's own parts."""
    from ..errors import UserError

    tx = printer.tx
    own = spec.extra
    # A member listed by position alone has it in the name's column.
    committee = [{"label": printer.label(i + 1), "name": tx(m.name or m.position),
                  "position": tx(m.position) if m.name else "", "role": m.role}
                 for i, m in enumerate(own.get("committee", ()))]
    amends = None
    number = own.get("amends")
    if number is not None:
        found = printer.lookup(number.text("arabic"), number.year) if printer.lookup else None
        if found is None or found.kind != "คำสั่ง":
            what = "is not in the register" if found is None else "is not an order"
            raise UserError(f"the order {number.text('arabic')} {what}", file=spec.source,
                            field="amends", line=spec.line("amends"),
                            hint="an amendment cites an issued order of the register")
        amends = {"agency": tx(found.agency), "number": number.text(printer.style),
                  "date": printer.date(found.date, "era") if found.date else None,
                  "subject": printer.rich(tx(found.subject or ""))}
    effective: date | None = own.get("effective")
    return {
        "committee": committee,
        "duties": printer.items(own.get("duties", ())),
        "effective": printer.date(effective, "era") if effective else None,
        "amends": amends,
    }
