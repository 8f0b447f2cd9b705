"""The e-CMS ``GovernmentDocument`` message (TH e-GIF): a SOAP 1.1 envelope with WS-Addressing
``MessageID``/``To`` carrying one ``ram:CorrespondenceLetter`` for one receiver, then
``ram:GovernmentSignature``; and the ``AcceptLetterNotifier`` a receiver sends back (the same
envelope with ``RelatesTo``: the message it answers, and the receipt number it registered the
letter under; grammar ``acceptletternotifier.rng``, which includes the letter's).

Decisions:

- Built and read with lxml element trees, never as text. No schema of the service is published,
  so the project keeps its own, ``governmentdocument.rng`` (RELAX NG, beside this module);
  :func:`write` validates every message before returning its bytes and :func:`read` validates
  every message before taking anything from it.
- Messages from outside are parsed with entity resolution, DTD loading and network access off;
  a DOCTYPE is refused outright. Every problem is one :class:`UserError` naming the file and the
  field (the element's local name).
- Dates are Gregorian ``yyyy-MM-dd``. The agency a letter is from travels as
  ``DepartmentOrganization/Name`` beside the e-GIF id (the incoming register keeps the agency
  by name); the signer's name and position go in ``GivenName``/``FamilyName``/``JobTitle``.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..errors import UserError

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
WSA = "http://www.w3.org/2005/08/addressing"
RSM = "urn:th:gov:egif:data:standard:GovernmentDocument:1.0"
RAM = "urn:th:gov:egif:data:standard:ReusableAggregateBusinessInformationEntity:1"
DS = "http://www.w3.org/2000/09/xmldsig#"
NSMAP = {"soap": SOAP, "wsa": WSA, "rsm": RSM, "ram": RAM}
SCHEMA = Path(__file__).with_name("governmentdocument.rng")
NOTIFIER_SCHEMA = Path(__file__).with_name("acceptletternotifier.rng")
DOCUMENT = "GovernmentDocument"
NOTIFIER = "AcceptLetterNotifier"
KINDS = {DOCUMENT: SCHEMA, NOTIFIER: NOTIFIER_SCHEMA}
LETTER_ID = "letter"          # the Id the XML signature refers to


@dataclass(frozen=True)
class Party:
    given_name: str = ""
    family_name: str = ""
    job_title: str = ""
    ministry_id: str = ""
    department_id: str = ""
    organization: str = ""       # the agency's name (DepartmentOrganization/Name)


@dataclass(frozen=True)
class Cited:
    """A ``ReferenceCorrespondence``: a letter the message's letter cites."""

    number: str
    date: date | None = None
    subject: str | None = None


@dataclass(frozen=True)
class Binary:
    data: bytes
    mime: str = "application/pdf"
    file_name: str | None = None


@dataclass(frozen=True)
class Message:
    message_id: str
    to: str
    number: str
    date: date
    subject: str
    secret_code: str
    speed_code: str
    sender: Party
    receiver: Party
    letter: Binary
    send_date: date
    references: tuple[Cited, ...] = ()
    attachment: str = ""         # the สิ่งที่ส่งมาด้วย line
    description: str = ""
    attachments: tuple[Binary, ...] = field(default=())


@dataclass(frozen=True)
class Notifier:
    """An ``AcceptLetterNotifier``: the receiver of message ``relates_to`` registered the letter
    (``number``, ``date``, ``subject``) under receipt number ``accept_id`` on ``accept_date``."""

    message_id: str
    to: str
    relates_to: str
    number: str
    date: date
    subject: str
    accept_id: str
    accept_date: date
    sender: Party        # the receiver that accepts
    receiver: Party      # the letter's sender


@lru_cache(maxsize=2)
def schema(kind: str = DOCUMENT) -> etree.RelaxNG:
    """The RELAX NG grammar of a message kind (``GovernmentDocument`` or
    ``AcceptLetterNotifier``)."""
    return etree.RelaxNG(etree.parse(str(KINDS[kind])))


def kind_of(envelope: etree._Element) -> str:
    """Which message an envelope holds: the local name of the body's first element (a kind
    this project does not know is checked as a GovernmentDocument, whose schema then names
    what is wrong)."""
    body = envelope.find(f"{{{SOAP}}}Body")
    first = body[0] if body is not None and len(body) else None
    if first is not None and etree.QName(first).namespace == RSM and \
            etree.QName(first).localname in KINDS:
        return etree.QName(first).localname
    return DOCUMENT


def _sub(parent: etree._Element, name: str, text: str | None = None, ns: str = RAM):
    element = etree.SubElement(parent, f"{{{ns}}}{name}")
    if text is not None:
        element.text = text
    return element


def _party(parent: etree._Element, name: str, party: Party) -> None:
    element = _sub(parent, name)
    _sub(element, "GivenName", party.given_name)
    _sub(element, "FamilyName", party.family_name)
    _sub(element, "JobTitle", party.job_title)
    _sub(_sub(element, "MinistryOrganization"), "ID", party.ministry_id)
    department = _sub(element, "DepartmentOrganization")
    _sub(department, "ID", party.department_id)
    if party.organization:
        _sub(department, "Name", party.organization)


def _binary(parent: etree._Element, name: str, binary: Binary) -> None:
    element = _sub(parent, name, base64.b64encode(binary.data).decode("ascii"))
    element.set("mimeCode", binary.mime)
    if binary.file_name:
        element.set("fileName", binary.file_name)


def build(message: Message) -> etree._Element:
    """The envelope of ``message`` as an element tree, with an empty ``GovernmentSignature``."""
    envelope = etree.Element(f"{{{SOAP}}}Envelope", nsmap=NSMAP)
    header = _sub(envelope, "Header", ns=SOAP)
    _sub(header, "MessageID", message.message_id, ns=WSA)
    _sub(header, "To", message.to, ns=WSA)
    document = _sub(_sub(envelope, "Body", ns=SOAP), "GovernmentDocument", ns=RSM)
    letter = _sub(document, "CorrespondenceLetter")
    letter.set("Id", LETTER_ID)
    _sub(letter, "ID", message.number)
    _sub(letter, "CorrespondenceDate", message.date.isoformat())
    _sub(letter, "Subject", message.subject)
    _sub(letter, "SecretCode", message.secret_code)
    _sub(letter, "SpeedCode", message.speed_code)
    _party(letter, "SenderParty", message.sender)
    _party(letter, "ReceiverParty", message.receiver)
    for cited in message.references:
        element = _sub(letter, "ReferenceCorrespondence")
        _sub(element, "ID", cited.number)
        if cited.date is not None:
            _sub(element, "CorrespondenceDate", cited.date.isoformat())
        if cited.subject:
            _sub(element, "Subject", cited.subject)
    _sub(letter, "Attachment", message.attachment)
    _sub(letter, "SendDate", message.send_date.isoformat())
    _sub(letter, "Description", message.description)
    _binary(letter, "MainLetterBinaryObject", message.letter)
    for binary in message.attachments:
        _binary(letter, "AttachmentBinaryObject", binary)
    _sub(document, "GovernmentSignature")
    return envelope


def serialize(envelope: etree._Element, name: str = "<message>") -> bytes:
    """The bytes of a message, after checking it against the schema."""
    check(envelope, name)
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")


def write(message: Message) -> bytes:
    """The bytes of ``message`` (unsigned), validated against the schema."""
    return serialize(build(message))


def check(envelope: etree._Element, name: str, kind: str | None = None) -> None:
    """:class:`UserError` unless the envelope is a valid message of ``kind`` (default: the
    kind it says it is)."""
    kind = kind or kind_of(envelope)
    validator = schema(kind)
    if not validator.validate(envelope):
        error = validator.error_log.last_error
        raise UserError(f"not a valid {kind} message: {error.message}", file=name,
                        field=_field(error.path), line=error.line or None)


def _field(path: str | None) -> str | None:
    """The local name of the element an XPath points at.

    >>> _field("/soap:Envelope/soap:Body/rsm:GovernmentDocument/ram:CorrespondenceLetter/ram:ID")
    'ID'
    >>> _field(None) is None
    True
    """
    if not path:
        return None
    return path.rsplit("/", 1)[-1].split(":")[-1].split("[")[0] or None


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          dtd_validation=False, huge_tree=True, remove_blank_text=False)


def parse(data: bytes, name: str) -> etree._Element:
    """A message from outside as a validated element tree (no DTD, no entities, no network)."""
    try:
        tree = etree.fromstring(data, _PARSER).getroottree()
    except etree.XMLSyntaxError as error:
        raise UserError(f"not well-formed XML: {error.msg}", file=name,
                        line=error.lineno or None) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise UserError("a message must not carry a DOCTYPE", file=name, field="DOCTYPE")
    envelope = tree.getroot()
    check(envelope, name)
    return envelope


_NS = {"soap": SOAP, "wsa": WSA, "rsm": RSM, "ram": RAM}


def _text(element: etree._Element, path: str) -> str:
    found = element.find(path, _NS)
    return " ".join((found.text or "").split()) if found is not None else ""


def _day(element: etree._Element, path: str, name: str) -> date | None:
    value = _text(element, path)
    if not value:
        return None
    try:
        when = date.fromisoformat(value)
    except ValueError:
        raise UserError(f"{value!r} is not a real date", file=name,
                        field=path.split(":")[-1]) from None
    if when.year >= 2400:
        raise UserError(f"{value!r} has a Buddhist-era year; e-CMS dates are Gregorian",
                        file=name, field=path.split(":")[-1])
    return when


def _read_party(element: etree._Element) -> Party:
    return Party(_text(element, "ram:GivenName"), _text(element, "ram:FamilyName"),
                 _text(element, "ram:JobTitle"), _text(element, "ram:MinistryOrganization/ram:ID"),
                 _text(element, "ram:DepartmentOrganization/ram:ID"),
                 _text(element, "ram:DepartmentOrganization/ram:Name"))


def build_notifier(notifier: Notifier) -> etree._Element:
    """The envelope of an ``AcceptLetterNotifier``."""
    envelope = etree.Element(f"{{{SOAP}}}Envelope", nsmap=NSMAP)
    header = _sub(envelope, "Header", ns=SOAP)
    _sub(header, "MessageID", notifier.message_id, ns=WSA)
    _sub(header, "To", notifier.to, ns=WSA)
    _sub(header, "RelatesTo", notifier.relates_to, ns=WSA)
    body = _sub(_sub(envelope, "Body", ns=SOAP), NOTIFIER, ns=RSM)
    _sub(body, "LetterID", notifier.number)
    _sub(body, "CorrespondenceDate", notifier.date.isoformat())
    _sub(body, "Subject", notifier.subject)
    _sub(body, "AcceptID", notifier.accept_id)
    _sub(body, "AcceptDate", notifier.accept_date.isoformat())
    _party(body, "SenderParty", notifier.sender)
    _party(body, "ReceiverParty", notifier.receiver)
    return envelope


def read_notifier(envelope: etree._Element, name: str) -> Notifier:
    """The :class:`Notifier` of a parsed (and so validated) ``AcceptLetterNotifier``."""
    body = envelope.find(f"soap:Body/rsm:{NOTIFIER}", _NS)
    if body is None:
        raise UserError(f"is not an {NOTIFIER} message", file=name, field=NOTIFIER)
    return Notifier(
        message_id=_text(envelope, "soap:Header/wsa:MessageID"),
        to=_text(envelope, "soap:Header/wsa:To"),
        relates_to=_text(envelope, "soap:Header/wsa:RelatesTo"),
        number=_text(body, "ram:LetterID"), date=_day(body, "ram:CorrespondenceDate", name),
        subject=_text(body, "ram:Subject"), accept_id=_text(body, "ram:AcceptID"),
        accept_date=_day(body, "ram:AcceptDate", name),
        sender=_read_party(body.find("ram:SenderParty", _NS)),
        receiver=_read_party(body.find("ram:ReceiverParty", _NS)))


def read(data: bytes, name: str) -> Message:
    """The :class:`Message` in ``data`` (checked against the schema first)."""
    envelope = parse(data, name)
    if kind_of(envelope) != DOCUMENT:
        raise UserError(f"is an {kind_of(envelope)}, not a letter (GovernmentDocument)",
                        file=name, field=kind_of(envelope))
    return read_document(envelope, name)


def read_document(envelope: etree._Element, name: str) -> Message:
    """The :class:`Message` of a parsed (and so validated) ``GovernmentDocument``."""
    ns = _NS
    letter = envelope.find("soap:Body/rsm:GovernmentDocument/ram:CorrespondenceLetter", ns)
    text = _text

    def day(element: etree._Element, path: str) -> date | None:
        return _day(element, path, name)

    def party(path: str) -> Party:
        return _read_party(letter.find(path, ns))

    def binary(element: etree._Element) -> Binary:
        try:
            data = base64.b64decode("".join((element.text or "").split()), validate=True)
        except (binascii.Error, ValueError):
            raise UserError("is not base64", file=name,
                            field=etree.QName(element).localname) from None
        return Binary(data, element.get("mimeCode"), element.get("fileName"))

    return Message(
        message_id=text(envelope, "soap:Header/wsa:MessageID"),
        to=text(envelope, "soap:Header/wsa:To"),
        number=text(letter, "ram:ID"), date=day(letter, "ram:CorrespondenceDate"),
        subject=text(letter, "ram:Subject"), secret_code=text(letter, "ram:SecretCode"),
        speed_code=text(letter, "ram:SpeedCode"), sender=party("ram:SenderParty"),
        receiver=party("ram:ReceiverParty"),
        letter=binary(letter.find("ram:MainLetterBinaryObject", ns)),
        send_date=day(letter, "ram:SendDate"),
        references=tuple(Cited(text(e, "ram:ID"), day(e, "ram:CorrespondenceDate"),
                               text(e, "ram:Subject") or None)
                         for e in letter.findall("ram:ReferenceCorrespondence", ns)),
        attachment=text(letter, "ram:Attachment"), description=text(letter, "ram:Description"),
        attachments=tuple(binary(e) for e in letter.findall("ram:AttachmentBinaryObject", ns)))
