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

    reg.reserve(count=3, circular=True)            # numbers ahead, status reserved
    with reg.allocate(reserved="นค ๐๐๑๙/ว ๑๒") as alloc: …   # issue a reserved number
    reg.cancel("นค ๐๐๑๙/ว ๑๓", reason="…")         # stays in the register, never reused
    reg.receive(their_number=…, their_date=…, sender=…, subject=…)   # our receipt number
    ref = reg.resolve_reference("นข ๐๐๑๙/ว ๖๓๒")
    reg.reference_line(ref)
    # → "หนังสือจังหวัดเชียงใหม่ ด่วนที่สุด ที่ นข ๐๐๑๙/ว ๖๓๒ ลงวันที่ ๓๑ มกราคม ๒๕๖๖"
    reg.show("นค0019.3/ว15557", thread=True); reg.search("ตำบลเข้มแข็ง")
    reg.export_register(2567, "xlsx", path); reg.audit_log()

Every user error is a :class:`generator.errors.UserError`.
"""

from .audit import AuditEntry
from .incoming import Received
from .numbers import Code, LetterNumber, format_number, number_key, parse_number
from .profiles import Office, Signer, Unit, load_office, load_offices
from .references import Reference
from .search import Hit
from .store import Allocation, Registry
from .workspace import init_workspace

__all__ = [
    "Allocation", "AuditEntry", "Code", "Hit", "LetterNumber", "Office", "Received",
    "Reference", "Registry", "Signer", "Unit", "format_number", "init_workspace",
    "load_office", "load_offices", "number_key", "parse_number",
]
