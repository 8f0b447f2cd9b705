"""The registry: offices, letter numbers, references, attachments, incoming letters, search,
the outgoing register and the audit log. The only code that touches the database.

::

    from generator.registry import Registry

    reg = Registry.open(workspace)                 # or Registry.open(workspace, "postgresql://…")
    reg.offices                                    # dict[str, Office] from registry/*.yaml
    office = reg.office()                          # the only office (or reg.office("nk-cdd"))

    with reg.allocate(unit="3", circular=True, date=date(2024, 10, 25)) as alloc:
        alloc.number_text                          # "นค ๐๐๑๙.๓/ว ๑๕๕๕๗"
        ...                                        # write the files
        alloc.record(subject=…, recipients=[…], signer="pranee", files={…}, sha256={…},
                     references=["นข ๐๐๑๙/ว ๖๓๒"], attachments=[{"title": …, "quantity": 1,
                     "unit": "ชุด"}])
    # committed here; an exception inside the block rolls everything back (no number used)

    # issuing, with no transaction open while the letter converts (see registry.numbering):
    pending = reg.take_number(claim="output/.issuing-x", unit="3", circular=True, date=…)
    pending = reg.record_issue(pending, subject=…, files={…}, sha256={…}, …)   # archiving
    reg.finish_issue(pending, text)                # issued; or on failure:
    reg.give_back(pending, reason)                 # "reserved", "given back" or "spoilt"
    reg.unfinished()                               # numbers of issues not yet finished

    reg.reserve(count=3, circular=True)            # numbers ahead, status reserved
    with reg.allocate(reserved="นค ๐๐๑๙/ว ๑๒") as alloc: …   # issue a reserved number
    reg.cancel("นค ๐๐๑๙/ว ๑๓", reason="…")         # stays in the register, never reused
    reg.receive(their_number=…, their_date=…, sender=…, subject=…)   # our receipt number
    reg.deliveries("นค ๐๐๑๙.๓/ว ๑")               # one record per recipient, written at issue
    reg.mark_sent(number, [Sent(…)]); reg.acknowledge(message_id, at, their_receipt)
    ref = reg.resolve_reference("นข ๐๐๑๙/ว ๖๓๒")
    reg.reference_line(ref)
    # → "หนังสือจังหวัดเชียงใหม่ ด่วนที่สุด ที่ นข ๐๐๑๙/ว ๖๓๒ ลงวันที่ ๓๑ มกราคม ๒๕๖๖"
    reg.show("นค0019.3/ว15557", thread=True); reg.search("ตำบลเข้มแข็ง")
    reg.export_register(2567, "xlsx", path); reg.audit_log()

Every user error is a :class:`generator.errors.UserError`.
"""

# The names are loaded on first use: the database side pulls in SQLAlchemy and Alembic (about
# half a second), which `gen-letter new` — reading office profiles only — does not need.
_EXPORTS = {
    "AuditEntry": ".audit", "Received": ".incoming",
    "Code": ".numbers", "LetterNumber": ".numbers", "format_number": ".numbers",
    "number_key": ".numbers", "parse_number": ".numbers",
    "Office": ".profiles", "Signer": ".profiles", "Unit": ".profiles",
    "load_office": ".profiles", "load_offices": ".profiles",
    "Reference": ".references", "Hit": ".search",
    "Allocation": ".store", "Registry": ".store", "init_workspace": ".workspace",
}

__all__ = sorted(_EXPORTS)


from ..lazy import lazy_exports  # noqa: E402

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
