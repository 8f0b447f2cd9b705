"""The context of the letters sent to someone: external letters, circulars, memos, stamped letters.

Their own parts (rules §2 items 7–12): the salutation and recipient (rules §6 choose the words),
the references (``อ้างถึง``, looked up in the register when given by number only), the
attachments (``สิ่งที่ส่งมาด้วย``), the closing sentence and the complimentary close.

A memo prints the owner unit's phone in its ``ส่วนราชการ`` line: its spaces are no-break spaces,
so that ``โทร. ๐ ๔๒๔๑ ๑๑๘๒`` never splits across lines. A stamped letter (หนังสือประทับตรา) has
``ถึง`` and the recipient instead of a salutation, and no closing or close: the agency's name
under the body (where the red stamp goes), the initials of the responsible officer
(``initials``) and the date below them.
"""

from __future__ import annotations

from ..errors import UserError


def context(spec, printer) -> dict:
    """The template values of a letter's own parts."""
    tx = printer.tx
    salutation, close = printer.salutation(spec.recipient, spec.salutation)
    closing = spec.closing
    for lead in (f"จึง{salutation}มา", "จึงเรียนมา", "จึงกราบเรียนมา", "จึงนมัสการมา"):
        if closing.startswith(lead):
            closing = closing[len(lead):]
            break
    return {
        "salutation": salutation,
        "recipient": printer.rich(tx(spec.recipient)),
        **_sent(spec, printer),
        "closing": tx(closing),
        "close": close,
    }


def _sent(spec, printer) -> dict:
    """References and attachments."""
    from ..thai.dates import be_year
    from ..thai.nobreak import keep_together

    tx = printer.tx
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
        # The quantity's column: generator.docx.layout.reserve_quantity_column.
        "title": printer.rich(keep_together(tx(a.title))),
        "quantity": tx(a.quantity),
        "unit": a.unit,
    } for i, a in enumerate(spec.attachments)]
    return {"references": references, "attachments": attachments}


NO_BREAK = "\u00a0"


def memo_context(spec, printer) -> dict:
    """A memo's: a letter's parts (its template prints no complimentary close), and the owner
    unit's phone with no-break spaces."""
    unit = printer.unit
    phone = unit.get("phone")
    return dict(context(spec, printer),
                unit=dict(unit, phone=phone.replace(" ", NO_BREAK) if phone else phone))


def stamped_context(spec, printer) -> dict:
    """A stamped letter's: recipient, references, attachments and the officer's initials."""
    return {"recipient": printer.rich(printer.tx(spec.recipient)), **_sent(spec, printer),
            "initials": printer.tx(spec.data["initials"].strip())}
