"""The context of the letters sent to someone: external letters, circulars, memos.

Their own parts (rules §2 items 7–12): the salutation and recipient (rules §6 choose the words),
the references (``อ้างถึง``, looked up in the register when given by number only), the
attachments (``สิ่งที่ส่งมาด้วย``), the closing sentence and the complimentary close.
"""

from __future__ import annotations

from ..errors import UserError


def context(spec, printer) -> dict:
    """The template values of a letter's own parts."""
    from ..thai.dates import be_year

    tx = printer.tx
    salutation, close = printer.salutation(spec.recipient, spec.salutation)
    closing = spec.closing
    for lead in (f"จึง{salutation}มา", "จึงเรียนมา", "จึงกราบเรียนมา", "จึงนมัสการมา"):
        if closing.startswith(lead):
            closing = closing[len(lead):]
            break

    references = []
    for i, ref in enumerate(spec.references):
        if ref.agency is None:
            # Running numbers restart every year: a date given with the number picks the year.
            lookup = printer.lookup
            found = lookup(ref.number, be_year(ref.date) if ref.date else None) if lookup else None
            if found is None:
                raise UserError(f"the letter {ref.number} is not in the register",
                                file=spec.source, field=f"references[{i}]",
                                line=spec.line("references", i),
                                hint="give it inline: agency, number, date")
            ref = found
        references.append({
            "label": printer.label(i + 1),
            "kind": ref.kind or "หนังสือ",
            "agency": tx(ref.agency),
            "speed": ref.speed,
            "number": printer.number(ref.number),
            "date": printer.date(ref.date) if ref.date else None,
        })

    attachments = [{
        "label": printer.label(i + 1),
        "title": printer.rich(tx(a.title)),
        "quantity": tx(a.quantity),
        "unit": a.unit,
    } for i, a in enumerate(spec.attachments)]
    return {
        "salutation": salutation,
        "recipient": printer.rich(tx(spec.recipient)),
        "references": references,
        "attachments": attachments,
        "closing": tx(closing),
        "close": close,
    }


def memo_context(spec, printer) -> dict:
    """A memo's: a letter's parts (its template prints no complimentary close)."""
    return context(spec, printer)
