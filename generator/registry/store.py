"""The :class:`Registry`: a workspace's offices and its register database, behind one object.

Every database write happens in one transaction per call (or per ``with reg.allocate(...)``
block), so a failure leaves nothing half-written. Issuing uses the short steps instead —
:meth:`Registry.take_number`, :meth:`Registry.record_issue`, :meth:`Registry.finish_issue`,
:meth:`Registry.give_back` — so that no transaction is open while a letter converts (the
numbering rule is in :mod:`generator.registry.numbering`).
"""

from __future__ import annotations

import re

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import UserError
from ..thai.dates import be_year
from . import audit, database, deliveries, numbering, search
from . import references as citing
from .incoming import Received, TheirReference
from .incoming import receive as _receive
from .numbers import number_key
from .profiles import Office, load_offices
from .quick import DB_NAME, Operations, _numbering
from .recipients import Recipient
from .references import Reference
from .schema import ANNOUNCEMENT, ARCHIVING, ISSUED, ORDER, PENDING, UNFINISHED, letters
from .schema import attachments as attachments_table

if TYPE_CHECKING:
    from . import export


@dataclass
class Allocation:
    """A number taken inside an open transaction (see :meth:`Registry.allocate`)."""

    office: Office
    number_text: str
    running: int
    year: int
    date: date
    circular: bool
    unit: str | None
    letter_id: int
    _connection: Connection = field(repr=False)
    _registry: "Registry" = field(repr=False)
    recorded: bool = False

    def record(self, *, subject: str, recipients: Sequence[str] = (), speed: str | None = None,
               secrecy: str | None = None, signer: str | None = None, unit: str | None = None,
               spec: Mapping[str, Any] | None = None, files: Mapping[str, str] | None = None,
               sha256: Mapping[str, str] | None = None,
               references: Sequence[str | Mapping[str, Any]] = (),
               attachments: Sequence[Mapping[str, Any]] = (), draft_id: str | None = None,
               lint_allowed: Sequence[Mapping[str, Any]] = (), text: str | None = None,
               delivered_to: Sequence[Recipient] | None = None,
               recipient_list: str | None = None) -> None:
        """Store the issued letter under this number: its metadata, files and checksums,
        references (number texts, resolved now: :class:`UserError` if one is unknown),
        attachments, the id of the draft it was issued from (a draft is issued once), and
        ``text``, what the issued letter and its attachments say (searched; see
        :mod:`generator.registry.search`). ``lint_allowed``: the lint errors a person allowed,
        kept in the audit log's entry. ``delivered_to``: whom it goes to, one delivery
        record each (default: each of ``recipients``), from the recipient list
        ``recipient_list`` (see :mod:`generator.registry.deliveries`). Any error rolls the
        whole allocation back."""
        if self.recorded:
            raise RuntimeError("this allocation is already recorded")
        _store_letter(self._connection, self._registry, self, status=ISSUED, subject=subject,
                      recipients=recipients, speed=speed, secrecy=secrecy, signer=signer,
                      unit=unit, spec=spec, files=files, sha256=sha256, references=references,
                      attachments=attachments, draft_id=draft_id, lint_allowed=lint_allowed,
                      delivered_to=delivered_to, recipient_list=recipient_list)
        search.index_letter(self._connection, self.letter_id, text)
        self.recorded = True


@dataclass(frozen=True)
class Pending:
    """A number taken by an issue in progress (see :meth:`Registry.take_number`): committed as
    a pending row held by ``claim`` until the issue records, finishes or gives it back."""

    office: Office
    number_text: str
    running: int
    year: int
    date: date
    circular: bool
    unit: str | None
    letter_id: int
    claim: str
    status: str = PENDING
    files: Mapping[str, str] = field(default_factory=dict)
    sha256: Mapping[str, str] = field(default_factory=dict)


def _store_letter(connection: Connection, registry: "Registry", taken, *, status: str,
                  subject: str, recipients: Sequence[str] = (), speed: str | None = None,
                  secrecy: str | None = None, signer: str | None = None, unit: str | None = None,
                  spec: Mapping[str, Any] | None = None, files: Mapping[str, str] | None = None,
                  sha256: Mapping[str, str] | None = None,
                  references: Sequence[str | Mapping[str, Any]] = (),
                  attachments: Sequence[Mapping[str, Any]] = (), draft_id: str | None = None,
                  lint_allowed: Sequence[Mapping[str, Any]] = (),
                  delivered_to: Sequence[Recipient] | None = None,
                  recipient_list: str | None = None, claim: str | None = None) -> None:
    """Check and write what an issued letter records (``taken``: an :class:`Allocation` or a
    :class:`Pending`), its citations, attachments and delivery records (``delivered_to``,
    default each of ``recipients``), and the audit log's ``issue`` entry;
    the row's status becomes ``status``. With ``claim``, only while that claim holds it."""
    subject = " ".join(str(subject or "").split())
    if not subject:
        raise UserError("a letter needs a subject", field="subject")
    if isinstance(recipients, str):
        recipients = [recipients]
    recipients = [" ".join(str(r).split()) for r in recipients if str(r).strip()]
    office = taken.office
    if signer is not None:
        office.signer(signer)
    if unit is not None and office.unit(unit).code != taken.unit:
        owner = f"unit {taken.unit!r}" if taken.unit else "no unit"
        raise UserError(f"the number {taken.number_text} was taken for {owner}, not unit "
                        f"{unit!r}", field="unit", hint="pass the same unit to allocate()")
    speed = citing.check_speed(speed)
    secrecy = citing.check_secrecy(secrecy)
    # A reference is a number text, or {"number", "year"} when its year is known (running
    # numbers restart every year, so the same text may name letters of several years).
    cited = [(str(item["number"]), item.get("year")) if isinstance(item, Mapping)
             else (str(item), None) for item in references]
    own_key = number_key(taken.number_text)
    for i, (text, year) in enumerate(cited):
        if number_key(text) == own_key and year in (None, taken.year):
            raise UserError(f"a letter cannot cite itself ({taken.number_text})",
                            field=f"references[{i}]")
    refs = [registry._resolve(connection, text, year=year, field=f"references[{i}]",
                              office_code=office.code_key)
            for i, (text, year) in enumerate(cited)]
    items = [_attachment(item, i) for i, item in enumerate(attachments)]
    if draft_id is not None:
        issued_as = connection.execute(
            sa.select(letters.c.number_text).where(letters.c.draft_id == draft_id,
                                                   letters.c.id != taken.letter_id)).scalar()
        if issued_as is not None:
            raise UserError(f"this draft was issued already, as {issued_as}; a draft is "
                            f"issued once", field="draft",
                            hint="for another letter make a new draft with gen-letter new")
    values = {"draft_id": draft_id,
              "subject": subject, "recipients": recipients, "speed": speed, "secrecy": secrecy,
              "signer": signer, "spec": _jsonable(dict(spec or {})), "files": dict(files or {}),
              "sha256": dict(sha256 or {}),
              "search_text": search.search_text(subject, recipients, number=taken.number_text)}
    if claim is None:
        numbering.mark_issued(connection, taken.letter_id, values)
    elif not numbering.mark(connection, taken.letter_id, claim, status, values):
        raise _lost(taken)
    citing.add_citations(connection, taken.letter_id, refs)
    for position, item in enumerate(items, 1):
        connection.execute(attachments_table.insert().values(
            letter_id=taken.letter_id, position=position, **item))
    if delivered_to is None:
        delivered_to = [Recipient(r) for r in recipients]
    deliveries.record_issue(connection, taken.letter_id, delivered_to, recipient_list)
    audit.log(connection, "issue", office_code=office.code_key,
              number_text=taken.number_text, year=taken.year,
              detail={"subject": subject, "date": taken.date.isoformat(),
                      "signer": signer, "files": dict(files or {}),
                      "sha256": dict(sha256 or {}),
                      "references": [ref.number for ref in refs],
                      **({"lint_allowed": [dict(f) for f in lint_allowed]}
                         if lint_allowed else {})})


def _draft_taken(number_text: str) -> UserError:
    return UserError(f"this draft was issued already, or is being issued now, as {number_text}; "
                     f"a draft is issued once", field="draft",
                     hint="for another letter make a new draft with gen-letter new")


def _lost(taken) -> UserError:
    return UserError(f"the number {taken.number_text} is no longer held by this issue (the "
                     f"register shows it finished or given back by another run)",
                     hint="gen-letter verify shows the register's state")
def _attachment(item: Mapping[str, Any], index: int) -> dict[str, Any]:
    where = f"attachments[{index}]"
    if not isinstance(item, Mapping):
        raise UserError("an attachment is a mapping with a title", field=where)
    unknown = set(item) - {"title", "quantity", "unit", "file", "url", "archived", "sha256"}
    if unknown:
        raise UserError(f"unknown keys {', '.join(sorted(unknown))}", field=where)
    title = " ".join(str(item.get("title") or "").split())
    if not title:
        raise UserError("an attachment needs a title", field=f"{where}.title")
    quantity = item.get("quantity")
    if quantity is not None:
        try:
            quantity = int(str(quantity).strip())
        except ValueError:
            raise UserError(f"{quantity!r} is not a whole number",
                            field=f"{where}.quantity") from None
        if quantity < 0:
            raise UserError("must not be negative", field=f"{where}.quantity")
    digest = item.get("sha256")
    if digest is not None and not re.fullmatch(r"[0-9a-f]{64}", str(digest)):
        raise UserError(f"{digest!r} is not a SHA-256 digest (64 hex digits)",
                        field=f"{where}.sha256")
    return {"title": title, "quantity": quantity,
            "unit": (str(item["unit"]).strip() or None) if item.get("unit") else None,
            "file": str(item["file"]) if item.get("file") else None,
            "url": str(item["url"]) if item.get("url") else None,
            "archived": str(item["archived"]) if item.get("archived") else None,
            "sha256": digest}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    return value


class Registry(Operations):
    """A workspace's offices and register (``search``, ``show``, ``reserve`` and the office
    rules are those of :class:`~generator.registry.quick.Operations`, shared with the quick
    commands).

    >>> import tempfile
    >>> from generator.registry import init_workspace
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     root = init_workspace(Path(folder) / "ws").root
    ...     with Registry.open(root) as reg:
    ...         print(reg.reserve(2, date="2024-10-25"), len(reg.audit_log()))
    ['นค ๐๐๑๙/ ๑', 'นค ๐๐๑๙/ ๒'] 2
    """

    def __init__(self, workspace: Path, engine: sa.Engine, offices: dict[str, Office]):
        self.workspace = workspace
        self.engine = engine
        self.offices = offices

    @classmethod
    def open(cls, workspace: Path, url: str | None = None) -> "Registry":
        """Open the register of ``workspace``: the SQLite file ``registry/register.sqlite``
        unless ``url`` names another database. Office profiles are validated first and the
        schema brought up to date; nothing is written if either fails."""
        workspace = Path(workspace)
        offices = load_offices(workspace)
        if not url:
            folder = workspace / "registry"
            if not folder.is_dir():
                raise UserError(f"{workspace} is not a gen-letter workspace (no registry/ folder)",
                                hint="make one with 'gen-letter init'")
            url = database.sqlite_url(folder / DB_NAME)
        engine = database.make_engine(url)
        try:
            database.check_connection(engine)
            database.upgrade(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(workspace, engine, offices)

    def close(self) -> None:
        self.engine.dispose()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def _reading(self):
        return database.read(self.engine)

    def _writing(self):
        return database.write(self.engine)

    # -- numbering -----------------------------------------------------------------------

    @contextmanager
    def allocate(self, office_id: str | None = None, unit: str | None = None,
                 circular: bool = False, date: date | datetime | str | None = None,
                 reserved: str | None = None, kind: str | None = None) -> Iterator[Allocation]:
        """Take the next number (or a reserved one) in one transaction; the body must call
        :meth:`Allocation.record`. Committed on normal exit, rolled back on an exception, so
        a failed issue consumes no number and records nothing. ``kind`` (a document kind of
        :data:`generator.kinds.KINDS`) chooses the series; without it ``circular`` does."""
        office = self.office(office_id)
        when = numbering.letter_date(date)
        year = be_year(when)
        rule = _numbering(kind, circular)
        with database.write(self.engine) as connection:
            if reserved:
                row = numbering.take_reserved(connection, office, reserved, unit=unit,
                                              circular=circular, when=when, numbering=rule)
            else:
                row = numbering.new_number(connection, office, unit=unit, circular=circular,
                                           year=year, status="draft", when=when,
                                           numbering=rule)
                audit.log(connection, "allocate", office_code=office.code_key,
                          number_text=row["number_text"], year=year,
                          detail={"office": office.id, "unit": row["unit"],
                                  "circular": bool(row["circular"]), "series": row["series"],
                                  "date": when.isoformat()})
            allocation = Allocation(office, row["number_text"], row["running"], row["year"], when,
                                    bool(row["circular"]), row["unit"], row["id"], connection,
                                    self)
            yield allocation
            if not allocation.recorded:
                raise RuntimeError("allocate() block ended without record(); the number was "
                                   "not used")

    # -- issuing in short transactions (see numbering's docstring) ------------------------

    def take_number(self, *, claim: str, office_id: str | None = None, unit: str | None = None,
                    circular: bool = False, date: date | datetime | str | None = None,
                    reserved: str | None = None, draft_id: str | None = None,
                    before_commit: Callable[[], None] | None = None,
                    kind: str | None = None) -> Pending:
        """Take the next number (or a reserved one) for an issue, committed at once as a
        pending row held by ``claim``; the issue then calls :meth:`record_issue`,
        :meth:`finish_issue`, or :meth:`give_back` when it fails. ``draft_id`` is kept from
        now on, so the same draft cannot be issued twice at the same time. ``kind`` (a
        document kind of :data:`generator.kinds.KINDS`) chooses the series; without it
        ``circular`` does."""
        office = self.office(office_id)
        when = numbering.letter_date(date)
        try:
            with database.write(self.engine) as connection:
                if draft_id is not None:
                    issued_as = self._issued_from_draft(connection, draft_id)
                    if issued_as is not None:
                        raise _draft_taken(issued_as)
                row = numbering.take_pending(connection, office, unit=unit, circular=circular,
                                             when=when, reserved=reserved, claim=claim,
                                             numbering=_numbering(kind, circular))
                if draft_id is not None:
                    connection.execute(letters.update().where(letters.c.id == row["id"])
                                       .values(draft_id=draft_id))
                if before_commit is not None:
                    before_commit()
        except sa.exc.IntegrityError:  # the same draft, taken at this moment by another issue
            raise _draft_taken(self.issued_from_draft(draft_id) or "another number") from None
        return Pending(office, row["number_text"], row["running"], row["year"], when,
                       bool(row["circular"]), row["unit"], row["id"], claim)

    def take_numbers(self, count: int, *, claim: str, office_id: str | None = None,
                     unit: str | None = None, circular: bool = False,
                     date: date | datetime | str | None = None,
                     draft_ids: Sequence[str | None] = (),
                     kind: str | None = None) -> list[Pending]:
        """Take ``count`` consecutive numbers of one series for a batch, in one short
        transaction, each a pending row held by ``claim`` (as :meth:`take_number`); a batch
        that fails hands them back last first (:meth:`give_back`), so each is the series' last
        when it goes back."""
        office = self.office(office_id)
        when = numbering.letter_date(date)
        ids = list(draft_ids) or [None] * count
        try:
            with database.write(self.engine) as connection:
                rows = []
                for draft_id in ids:
                    if draft_id is not None:
                        issued_as = self._issued_from_draft(connection, draft_id)
                        if issued_as is not None:
                            raise _draft_taken(issued_as)
                    row = numbering.take_pending(connection, office, unit=unit,
                                                 circular=circular, when=when, reserved=None,
                                                 claim=claim,
                                                 numbering=_numbering(kind, circular))
                    if draft_id is not None:
                        connection.execute(letters.update().where(letters.c.id == row["id"])
                                           .values(draft_id=draft_id))
                    rows.append(row)
        except sa.exc.IntegrityError:  # one of the drafts, taken at this moment by another issue
            raise _draft_taken("another number") from None
        return [Pending(office, row["number_text"], row["running"], row["year"], when,
                        bool(row["circular"]), row["unit"], row["id"], claim) for row in rows]

    def record_issue(self, pending: Pending, *, before_commit: Callable[[], None] | None = None,
                     **fields: Any) -> Pending:
        """Record the issued letter (the fields of :meth:`Allocation.record`, but not ``text``)
        under its pending number, status archiving: its files are about to be renamed into
        place. One short transaction; :class:`UserError` when a field is refused."""
        with database.write(self.engine) as connection:
            _store_letter(connection, self, pending, status=ARCHIVING, claim=pending.claim,
                          **fields)
            if before_commit is not None:
                before_commit()
        return Pending(**{**pending.__dict__, "status": ARCHIVING,
                          "files": dict(fields.get("files") or {}),
                          "sha256": dict(fields.get("sha256") or {})})

    def finish_issue(self, pending: Pending, text: str | None = None, *,
                     before_commit: Callable[[], None] | None = None) -> None:
        """The archived letter is issued: status issued, claim let go, ``text`` (what the
        letter and its attachments say) indexed for search."""
        with database.write(self.engine) as connection:
            if not numbering.mark(connection, pending.letter_id, pending.claim, ISSUED,
                                  {"claim": None, "taken_from": None,
                                   "issued_at": audit.now_utc()}):
                raise _lost(pending)
            search.index_letter(connection, pending.letter_id, text)
            if before_commit is not None:
                before_commit()

    def give_back(self, pending: Pending, reason: str) -> str | None:
        """Hand back the number of a failed issue: ``"reserved"`` (it was reserved),
        ``"given back"`` (it was the series' last: the next letter takes it) or ``"spoilt"``
        (kept in the register with ``reason``); None when the claim no longer holds it."""
        with database.write(self.engine) as connection:
            return numbering.give_back(connection, pending.letter_id, pending.claim, reason)

    def unfinished(self) -> list[Pending]:
        """Every number taken by an issue that has not finished (running, or interrupted)."""
        with database.read(self.engine) as connection:
            rows = connection.execute(sa.select(letters).where(letters.c.claim.is_not(None),
                                                               letters.c.status.in_(UNFINISHED))
                                      .order_by(letters.c.id)).mappings().all()
        pending = []
        for row in rows:
            office = self.offices.get(row["office_id"])
            if office is None:
                continue  # its office profile is gone: verify reports the row
            pending.append(Pending(office, row["number_text"], row["running"], row["year"],
                                   row["date"], bool(row["circular"]), row["unit"], row["id"],
                                   row["claim"], row["status"], row["files"] or {},
                                   row["sha256"] or {}))
        return pending

    def cancel(self, number_text: str, reason: str, *, year: int | None = None,
               kind: str | None = None, office_id: str | None = None) -> str:
        """Cancel a reserved or issued number with a reason (of ``kind``'s series and
        ``office_id``'s, when given); returns its text."""
        code = self.office(office_id).code_key if office_id is not None else None
        # Only an order's or an announcement's number can be another office's too (it names no
        # office), or another kind's: the kind picks the series.
        series = None
        if kind is not None and _numbering(kind, False) in ("order", "announcement"):
            series = ORDER if _numbering(kind, False) == "order" else ANNOUNCEMENT
        with database.write(self.engine) as connection:
            return numbering.cancel(connection, number_text, reason, year=year, series=series,
                                    office_code=code)["number_text"]

    # -- incoming letters and references -------------------------------------------------

    def receive(self, *, their_number: str | None, their_date: date | str | None, sender: str,
                subject: str, recipient: str | None = None, speed: str | None = None,
                secrecy: str | None = None, received_at: datetime | None = None,
                remarks: str | None = None, office_id: str | None = None,
                text: str | None = None, references: Sequence[TheirReference] = ()
                ) -> Received:
        """Register an incoming letter (``text``: what it says, where it is readable, for
        search; ``references``: the letters it cites); returns our receipt number."""
        office = self.office(office_id)
        with database.write(self.engine) as connection:
            return _receive(connection, office, their_number=their_number,
                            their_date=their_date, sender=sender, subject=subject,
                            recipient=recipient, speed=speed, secrecy=secrecy,
                            received_at=received_at, remarks=remarks, text=text,
                            references=references)

    # -- deliveries ----------------------------------------------------------------------

    def _issued_id(self, connection: Connection, number_text: str, year: int | None) -> int:
        kind, node_id = self._find_node(connection, number_text, year)
        status = connection.execute(sa.select(letters.c.status)
                                    .where(letters.c.id == node_id)).scalar() \
            if kind == "letter" else None
        if status != ISSUED:
            raise UserError(f"{number_text!r} is not an issued letter of ours", field="NUMBER")
        return node_id

    def deliveries(self, number_text: str, *, year: int | None = None
                   ) -> list[deliveries.Delivery]:
        """The delivery records of issued letter ``number_text``."""
        with database.read(self.engine) as connection:
            return deliveries.for_letter(connection,
                                         self._issued_id(connection, number_text, year))

    def mark_sent(self, number_text: str, sent: Sequence[deliveries.Sent], *,
                  year: int | None = None, then=None) -> list[int]:
        """Record that the letter went to each receiver of ``sent`` (one transaction); returns
        their delivery records' positions. ``then`` (positions → None) runs inside the
        transaction, after the records: its failure records nothing."""
        with database.write(self.engine) as connection:
            letter_id = self._issued_id(connection, number_text, year)
            positions = deliveries.mark_sent(connection, letter_id, sent)
            number, letter_year, code = connection.execute(
                sa.select(letters.c.number_text, letters.c.year, letters.c.office_code)
                .where(letters.c.id == letter_id)).one()
            audit.log(connection, "send", office_code=code, number_text=number, year=letter_year,
                      detail={"to": [item.addressee.position for item in sent],
                              "method": sorted({item.method for item in sent})})
            if then is not None:
                then(positions)
            return positions

    def deliver(self, number_text: str, *, to: Sequence[str] | None, method: str | None,
                acknowledged: bool = False, their_receipt: str | None = None,
                year: int | None = None, at: datetime | None = None
                ) -> list[deliveries.Delivery]:
        """Record an e-mail or paper delivery of issued letter ``number_text`` and/or its
        acknowledgement (:func:`generator.registry.deliveries.record_delivery`), one transaction
        with its audit entries; returns the rows recorded."""
        at = at or datetime.now(timezone.utc)
        with database.write(self.engine) as connection:
            letter_id = self._issued_id(connection, number_text, year)
            done = deliveries.record_delivery(connection, letter_id, to=to, method=method,
                                              acknowledged=acknowledged, at=at,
                                              their_receipt=their_receipt)
            number, letter_year, code = connection.execute(
                sa.select(letters.c.number_text, letters.c.year, letters.c.office_code)
                .where(letters.c.id == letter_id)).one()
            where = {"office_code": code, "number_text": number, "year": letter_year}
            if method is not None:
                audit.log(connection, "send", **where,
                          detail={"to": [d.recipient for d in done], "method": [method]})
            if acknowledged:
                audit.log(connection, "acknowledge", **where,
                          detail={"recipients": [d.recipient for d in done],
                                  "their_receipt": done[0].their_receipt if done else None})
            return done

    def acknowledge(self, message_id: str, at: datetime, their_receipt: str | None, *,
                    number: str | None = None, file: str | None = None
                    ) -> deliveries.Acknowledged:
        """Record the recipient's acceptance of the letter sent in message ``message_id``."""
        with database.write(self.engine) as connection:
            done = deliveries.acknowledge(connection, message_id, at, their_receipt,
                                          number=number, file=file)
            audit.log(connection, "acknowledge", number_text=done.number_text,
                      detail={"recipient": done.recipient, "their_receipt": done.their_receipt,
                              "message_id": message_id})
            return done

    def _resolve(self, connection: Connection, number_text: str, *, year: int | None = None,
                 field: str = "references", office_code: str | None = None) -> Reference:
        return citing.resolve(connection, number_text, year=year, agencies=self._agencies(),
                              field=field, office_code=office_code)

    def _issued_from_draft(self, connection: Connection, draft_id: str) -> str | None:
        return connection.execute(
            sa.select(letters.c.number_text).where(letters.c.draft_id == draft_id)).scalar()

    def issued_from_draft(self, draft_id: str) -> str | None:
        """The number a draft (its ``GenLetterDraft`` id) was issued under, or None."""
        with database.read(self.engine) as connection:
            return self._issued_from_draft(connection, draft_id)

    def resolve_reference(self, number_text: str, year: int | None = None,
                          office_id: str | None = None) -> Reference:
        """The registered letter or incoming letter with this number; :class:`UserError` if
        there is none. ``office_id``: the citing office, whose own order or announcement a
        bare number (``๑/๒๕๖๗``) means when several offices have one."""
        code = self.office(office_id).code_key if office_id is not None else None
        with database.read(self.engine) as connection:
            return self._resolve(connection, number_text, year=year, office_code=code)

    # -- queries -------------------------------------------------------------------------

    def register_rows(self, year: int, office_id: str | None = None, *,
                      incoming: bool = False) -> list[Any]:
        """The outgoing register (ทะเบียนหนังสือส่ง) of a Buddhist calendar year, or with
        ``incoming`` the incoming register (ทะเบียนหนังสือรับ)."""
        from . import export  # the register writers: not loaded by the quick commands

        office = self._register_office(year, office_id)
        rows = export.incoming_rows if incoming else export.register_rows
        with database.read(self.engine) as connection:
            return list(rows(connection, year, self.offices, office))

    def _register_office(self, year: int, office_id: str | None) -> Office | None:
        _refuse_odd_year(year)
        return self.office(office_id) if office_id else None

    def export_register(self, year: int, fmt: str, path: Path, office_id: str | None = None,
                        *, incoming: bool = False,
                        progress: export.Progress | None = None) -> Path:
        """Write the register of ``year`` (outgoing, or with ``incoming`` the incoming one) as
        CSV or XLSX to ``path`` (atomically), streaming its rows from the database;
        ``progress(done, total)`` hears how far it is."""
        from ..paths import refuse_archive
        from . import export

        refuse_archive(path, self.workspace, field="output")
        selected = self._register_office(year, office_id)
        office = selected or (self.office() if len(self.offices) == 1 else None)
        kind = export.INCOMING if incoming else export.OUTGOING
        rows = export.incoming_rows if incoming else export.register_rows
        with database.read(self.engine) as connection:
            total = export.count_rows(connection, kind, year, selected) if progress else None
            return export.write(rows(connection, year, self.offices, selected), fmt,
                                Path(path), year=year, office=office, kind=kind, total=total,
                                progress=progress)

    def verify(self, year: int | None = None) -> list:
        """The disagreements between the archive and the register (:mod:`.verify`)."""
        from .verify import verify

        if year is not None:
            _refuse_odd_year(year)
        with database.read(self.engine) as connection:
            return verify(connection, self.workspace, year)

    def audit_log(self, limit: int | None = None) -> list[audit.AuditEntry]:
        with database.read(self.engine) as connection:
            return audit.entries(connection, limit)


def _refuse_odd_year(year: int) -> None:
    """A year asked for (a register, ``verify``) must be a Buddhist-era year of letters.

    >>> _refuse_odd_year(99999999999999999999)
    Traceback (most recent call last):
    generator.errors.UserError: --year: 99999999999999999999 is not a Buddhist-era year; write it like 2567 (the Christian year + 543)
    """
    if not 2400 <= int(year) <= 3000:
        raise UserError(f"{year} is not a Buddhist-era year; write it like 2567 "
                        f"(the Christian year + 543)", field="--year")
