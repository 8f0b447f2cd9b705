"""e-CMS export and import: a registered letter → one ``GovernmentDocument`` message per
receiver, and a message → an incoming letter in the register.

Decisions:

- Export reads the letter from the register (number, date, subject, classes, signer, recipients,
  references with their dates and subjects, archived files) and refuses a letter whose archived
  PDF no longer matches the SHA-256 recorded at issue: the message carries the issued PDF/A byte
  for byte. Messages are written atomically into ``output/exports/ecms/``, named as the
  archive names the letter and after the receiver's delivery record (``นค0019.3-ว1.14.xml``:
  record 14; an order's ``นค0019-คำสั่ง1-2567.1.xml``), so a later export to one receiver
  replaces that receiver's message only.
- Without receivers given, one message goes to each of the letter's delivery records (the
  recipient list it named when it was issued), or, for a letter issued without them, to each of
  its own recipients (one receiver per message, as the service requires). ``--to`` names a
  recipient list of the registry (``registry/recipients/<name>.yaml``) or positions written
  out. Each receiver's delivery record says sent, by e-CMS, when, in which message
  (:mod:`generator.registry.deliveries`); the files are written inside that register
  transaction, and a failure leaves neither the records nor the files of this export.
- Import reads and checks the whole message (schema, base64, dates, codes) before anything is
  written; then the PDF is stored under ``output/received/`` by its SHA-256, the letter is
  registered (our receipt number) with the letters it cites (``incoming_references``), and a
  JSON record beside the PDF keeps the message id and the checksum. A failure while
  registering removes the PDF it had just stored.
- With ``accept``, import also writes the ``AcceptLetterNotifier`` with our receipt number into
  ``output/exports/ecms/`` (built and validated before the letter is registered; only the
  receipt number is filled in after).
- An ``AcceptLetterNotifier`` received (ours answered) marks the delivery of the message it
  names acknowledged, with the receiver's receipt number; nothing else is registered.
- A signed message is verified before it is registered when the office profile names the
  certificates it trusts (``signing.trust``); a signature that fails refuses the message.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from ..errors import UserError
from ..files import write_atomically
from ..thai.dates import bangkok_today
from ..thai.digits import to_arabic_digits
from . import codes
from .message import (DOCUMENT, DS, NOTIFIER, Binary, Cited, Message, Notifier, Party, build,
                      build_notifier, kind_of, parse, read_document, read_notifier, serialize)

EXPORTS = Path("output") / "exports" / "ecms"
RECEIVED = Path("output") / "received"


@dataclass(frozen=True)
class Receiver:
    """Who a message goes to: a position (``นายอำเภอเมืองหนองคาย``) and, when known, the
    e-GIF ids of its ministry and department, the agency's name, the holder's name."""

    job_title: str
    ministry_id: str = ""
    department_id: str = ""
    organization: str = ""
    name: str = ""
    email: str = ""

    @classmethod
    def of(cls, entry) -> "Receiver":
        """A receiver from a recipient list entry or a delivery record's addressee."""
        return cls(entry.position, entry.ministry_id, entry.organization_id, entry.agency,
                   entry.name, entry.email)

    @property
    def addressee(self):
        from ..registry.recipients import Recipient

        return Recipient(self.job_title, self.organization, self.name, self.ministry_id,
                         self.department_id, self.email)


@dataclass(frozen=True)
class Imported:
    receipt: str
    message: Message
    pdf: Path
    record: Path
    notice: Path | None = None


@dataclass(frozen=True)
class Acknowledgement:
    """An ``AcceptLetterNotifier`` received: our letter ``number`` was registered by
    ``recipient`` under ``their_receipt``."""

    number: str
    recipient: str
    their_receipt: str | None


def receivers_for(registry, values) -> list[Receiver] | None:
    """The receivers ``--to`` names: one recipient list (by name) or positions written out;
    None for none (the letter's own)."""
    from ..registry.recipients import is_list_name, list_path, load_list

    values = [" ".join(str(v).split()) for v in values or () if str(v).strip()]
    if not values:
        return None
    workspace = Path(registry.workspace)
    lists = [v for v in values if is_list_name(v) and list_path(workspace, v) is not None]
    if lists:
        if len(values) > 1:
            raise UserError("give one recipient list, or positions, not both", field="to")
        return [Receiver.of(r) for r in load_list(workspace, lists[0], field="to").recipients]
    unknown = [v for v in values if is_list_name(v)]
    if unknown:
        load_list(workspace, unknown[0], field="to")   # the error names the lists there are
    return [Receiver(v) for v in values]


def _split_name(name: str) -> tuple[str, str]:
    """Given name (with its title) and family name.

    >>> _split_name("นางสาวปราณี วงศ์บุตร")
    ('นางสาวปราณี', 'วงศ์บุตร')
    """
    given, _, family = " ".join(name.split()).partition(" ")
    return given, family


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def letter_messages(registry, number: str, receivers: list[Receiver] | None = None, *,
                    year: int | None = None, send_date: date | None = None) -> list[Message]:
    """The messages that send registered letter ``number``, one per receiver."""
    data = _issued(registry, number, year)
    return _messages(registry, data, _receivers(registry, data, receivers), send_date)


def _issued(registry, number: str, year: int | None) -> dict:
    data = registry.show(number, year=year)
    if data.get("kind") != "letter" or data.get("status") != "issued":
        raise UserError(f"{number!r} is not an issued letter of ours", field="NUMBER")
    return data


def _receivers(registry, data: dict, receivers: list[Receiver] | None) -> list[Receiver]:
    """The receivers given, else the letter's delivery records, else its recipients."""
    if receivers is None:
        receivers = [Receiver.of(a) for a in _addressees(data)] or \
            [Receiver(r) for r in data.get("recipients") or []]
    if not receivers:
        raise UserError(f"{data['number']} has no recipient to send it to", field="recipients")
    return receivers


def _addressees(data: dict) -> list:
    """The addressees of the letter's delivery records (as :meth:`Registry.show` gives them)."""
    from ..registry.recipients import Recipient

    return [Recipient(d["recipient"], d["agency"] or "", d["name"] or "",
                      d["ministry_id"] or "", d["organization_id"] or "", d["email"] or "")
            for d in data.get("deliveries") or []]


def _messages(registry, data: dict, receivers: list[Receiver],
              send_date: date | None = None) -> list[Message]:
    office = registry.office(data["office"])
    workspace = Path(registry.workspace)
    pdf_path = workspace / (data.get("files") or {}).get("pdf", "")
    if not (data.get("files") or {}).get("pdf") or not pdf_path.is_file():
        raise UserError(f"the issued PDF of {data['number']} is missing", file=str(pdf_path),
                        field="files.pdf")
    pdf = pdf_path.read_bytes()
    expected = (data.get("sha256") or {}).get("pdf")
    if expected and hashlib.sha256(pdf).hexdigest() != expected:
        raise UserError("the archived PDF does not match the SHA-256 recorded at issue",
                        file=str(pdf_path), field="sha256.pdf")
    ecms = office.ecms or {}
    signer = office.signers.get(data.get("signer") or "")
    given, family = _split_name(signer.name) if signer else ("", "")
    sender = Party(given, family, " ".join(signer.position_lines) if signer else "",
                   str(ecms.get("ministry_id", "")), str(ecms.get("department_id", "")),
                   data.get("from") or office.agency)
    attachments = []
    for item in data.get("attachments") or []:
        if item.get("archived"):
            path = workspace / item["archived"]
            mime = "application/pdf" if path.suffix.lower() == ".pdf" else \
                "application/octet-stream"
            attachments.append(Binary(path.read_bytes(), mime, path.name))
    attachment_line = "; ".join(item["title"] for item in data.get("attachments") or [])
    references = tuple(Cited(to_arabic_digits(c["number"] or ""), _day(c.get("date")),
                             c.get("subject")) for c in data.get("cites") or [] if c.get("number"))
    return [Message(
        message_id=f"urn:uuid:{uuid.uuid4()}",
        to=receiver.department_id or receiver.job_title,
        number=to_arabic_digits(data["number"]), date=_day(data["date"]),
        subject=data["subject"], secret_code=codes.code("secrecy", data.get("secrecy"), ecms),
        speed_code=codes.code("speed", data.get("speed"), ecms), sender=sender,
        receiver=Party(*_split_name(receiver.name), job_title=receiver.job_title,
                       ministry_id=receiver.ministry_id, department_id=receiver.department_id,
                       organization=receiver.organization),
        letter=Binary(pdf, "application/pdf", pdf_path.name), send_date=send_date or bangkok_today(),
        references=references, attachment=attachment_line, description="",
        attachments=tuple(attachments)) for receiver in receivers]


def export(registry, number: str, receivers: list[Receiver] | None = None, *,
           year: int | None = None, sign: Callable | None = None) -> list[Path]:
    """Write the messages of :func:`letter_messages` into ``output/exports/ecms/``; returns
    their paths. ``sign`` (an element tree → None) fills ``GovernmentSignature``. Every
    message is built and validated before the first file is written."""
    from ..registry.deliveries import Sent
    from ..registry.audit import now_utc

    data = _issued(registry, number, year)
    receivers = _receivers(registry, data, receivers)
    messages = _messages(registry, data, receivers)
    folder = Path(registry.workspace) / EXPORTS
    # named as the archive names the letter: an order's ๑/๒๕๖๗ and an announcement's, or two
    # offices' orders, never share a file
    stem = Path(data["files"]["pdf"]).stem
    blobs = []
    for message in messages:
        envelope = build(message)
        if sign is not None:
            sign(envelope)
        blobs.append(serialize(envelope, f"{stem}.xml"))
    written: list[Path] = []

    def write(positions: list[int]) -> None:
        # Named by the receiver's delivery record: a later export to one receiver replaces
        # that receiver's message only.
        for position, blob in zip(positions, blobs):
            path = folder / f"{stem}.{position}.xml"
            write_atomically(path, blob)
            written.append(path)

    at = now_utc()
    try:
        registry.mark_sent(data["number"], [
            Sent(receiver.addressee, "ecms", at, message.message_id)
            for receiver, message in zip(receivers, messages)], year=data.get("year"),
            then=write)
    except BaseException:
        for path in written:   # the register does not say sent: no message may stay either
            path.unlink(missing_ok=True)
        raise
    return written


def receive(registry, path: Path, *, office_id: str | None = None, received_at=None,
            verify: Callable | None = None, accept: bool = False) -> Imported | Acknowledgement:
    """Register the letter a message carries, or the acknowledgement an
    ``AcceptLetterNotifier`` brings; see the module docstring. ``verify`` (an element tree,
    file name → None) checks the message's signature when given; ``accept`` writes our
    ``AcceptLetterNotifier``."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError(f"cannot read the message: {error.strerror}", file=str(path)) from None
    envelope = parse(data, str(path))
    if kind_of(envelope) == NOTIFIER:
        return _acknowledge(registry, envelope, str(path), received_at)
    message = read_document(envelope, str(path))
    office = registry.office(office_id)
    if verify is None and (office.signing or {}).get("trust") and \
            envelope.find(f".//{{{DS}}}Signature") is not None:
        from . import signing

        trust = signing.trust_file(office)
        verify = lambda tree, name: signing.verify_message(tree, name, trust)  # noqa: E731
    if verify is not None:
        verify(envelope, str(path))
    speed = codes.value("speed", message.speed_code, office.ecms, file=str(path))
    secrecy = codes.value("secrecy", message.secret_code, office.ecms, file=str(path))
    if message.letter.mime != "application/pdf" or not message.letter.data.startswith(b"%PDF"):
        raise UserError("the main letter is not a PDF", file=str(path),
                        field="MainLetterBinaryObject")
    sender = message.sender.organization or message.sender.job_title
    if not sender:
        raise UserError("names neither the agency nor a position", file=str(path),
                        field="SenderParty")
    from ..registry.audit import now_utc
    from ..registry.incoming import TheirReference

    received_at = received_at or now_utc()
    notice = _notice(office, message, received_at) if accept else None
    if notice is not None:
        serialize(build_notifier(notice), "AcceptLetterNotifier")   # checked before registering
    digest = hashlib.sha256(message.letter.data).hexdigest()
    workspace = Path(registry.workspace)
    pdf = workspace / RECEIVED / f"{digest}.pdf"
    new_file = not pdf.exists()
    if new_file:
        write_atomically(pdf, message.letter.data)
    try:
        received = registry.receive(
            their_number=message.number, their_date=message.date, sender=sender,
            subject=message.subject, recipient=message.receiver.job_title or None, speed=speed,
            secrecy=secrecy, received_at=received_at, office_id=office_id,
            remarks=f"e-CMS {message.message_id}; {pdf.relative_to(workspace).as_posix()}",
            references=[TheirReference(c.number, c.date, c.subject)
                        for c in message.references])
    except BaseException:
        if new_file:
            pdf.unlink(missing_ok=True)
        raise
    record = pdf.with_name(f"{digest}.json")
    write_atomically(record, (json.dumps({
        "receipt": received.receipt_text, "message_id": message.message_id,
        "number": message.number, "date": message.date.isoformat(), "sender": sender,
        "subject": message.subject, "speed": speed, "secrecy": secrecy,
        "references": [{"number": c.number, "date": c.date.isoformat() if c.date else None,
                        "subject": c.subject} for c in message.references],
        "file": pdf.relative_to(workspace).as_posix(), "sha256": digest,
    }, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    written = None
    if notice is not None:
        from dataclasses import replace

        from ..issuing import file_stem
        from ..registry.incoming import receipt_text

        ours = receipt_text(received.receipt_no, received.receipt_year, "arabic")
        notice = replace(notice, accept_id=ours)
        written = workspace / EXPORTS / \
            f"{file_stem(message.number)}.accept.{received.receipt_no}-{received.receipt_year}.xml"
        write_atomically(written, serialize(build_notifier(notice), str(written)))
    return Imported(received.receipt_text, message, pdf, record, written)


def _notice(office, message: Message, received_at) -> Notifier:
    """Our ``AcceptLetterNotifier`` of ``message`` (its receipt number filled in once the
    letter is registered)."""
    from ..thai.dates import bangkok_date

    ecms = office.ecms or {}
    ours = Party(job_title=message.receiver.job_title or office.name,
                 ministry_id=str(ecms.get("ministry_id", "")),
                 department_id=str(ecms.get("department_id", "")), organization=office.agency)
    return Notifier(
        message_id=f"urn:uuid:{uuid.uuid4()}",
        to=message.sender.department_id or message.sender.job_title or
        message.sender.organization, relates_to=message.message_id, number=message.number,
        date=message.date, subject=message.subject, accept_id="-",
        accept_date=bangkok_date(received_at), sender=ours, receiver=message.sender)


def _acknowledge(registry, envelope, name: str, received_at) -> Acknowledgement:
    """An ``AcceptLetterNotifier`` for a letter of ours: its delivery acknowledged."""
    from ..registry.audit import now_utc

    notice = read_notifier(envelope, name)
    done = registry.acknowledge(notice.relates_to, received_at or now_utc(), notice.accept_id,
                                number=notice.number, file=name)
    return Acknowledgement(done.number_text, done.recipient, done.their_receipt)
