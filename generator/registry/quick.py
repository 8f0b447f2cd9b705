"""What ``gen-letter search``, ``show`` and ``reserve`` do, written once for both ways in.

:class:`Operations` holds a workspace's offices and the register operations that the quick
commands run: :meth:`~Operations.search`, :meth:`~Operations.show`, :meth:`~Operations.reserve`
(and the office rules they share: which office, whose digits). It runs them on whatever
connection its ``_reading()`` / ``_writing()`` give, through :mod:`generator.registry.driver`:

- :class:`generator.registry.store.Registry` (every command, and the library) gives
  SQLAlchemy connections inside ``database.read`` / ``database.write``;
- :class:`QuickRegistry` (the three quick commands, :func:`open_quick`) gives a bare
  ``sqlite3`` or psycopg connection, opened with the same settings, in transactions of the
  same kind (SQLite: ``BEGIN IMMEDIATE`` to write, a deferred ``BEGIN`` to read; PostgreSQL:
  the driver's transaction, committed or rolled back), so that neither SQLAlchemy nor Alembic
  is imported.

Decisions:

- The quick way is taken only for a register that is ready: at the head revision (one
  ``SELECT version_num FROM alembic_version``), and, to reserve, writable. Anything else — a
  register to upgrade or make, a revision newer than this code, a database that cannot be
  opened, a read-only register asked to reserve — goes the full way
  (:meth:`Registry.open <generator.registry.store.Registry.open>`), which upgrades or says why
  in one line exactly as before. The cost is one connection attempt more in those cases.
- A failure of the register under a quick command (kept busy past the busy timeout, lost, …)
  is the same one-line message as in the full way (:func:`generator.registry.driver.operational`).
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterator, Mapping

from ..errors import UserError
from . import audit, deliveries, driver, numbering, queries, search
from . import references as citing
from .incoming import receipt_text, their_references
from .numbers import number_key
from .profiles import Office, load_offices
from .references import Reference
from .states import ISSUED

DB_NAME = "register.sqlite"

#: A connection: SQLAlchemy's or a bare DB-API one (:mod:`generator.registry.driver`).
Connection = Any


def _numbering(kind: str | None, circular: bool) -> str:
    """The numbering rule of a document kind (``circular`` when no kind is named)."""
    if kind is None:
        return numbering.numbering_of(circular, None)
    from ..kinds import kind as document_kind

    return document_kind(kind).numbering


class Operations:
    """A workspace's offices and the quick operations on its register (see the module
    docstring); subclasses give the connections."""

    workspace: Path
    offices: dict[str, Office]

    def _reading(self):  # pragma: no cover - given by the subclasses
        raise NotImplementedError

    def _writing(self):  # pragma: no cover - given by the subclasses
        raise NotImplementedError

    def close(self) -> None:  # pragma: no cover - given by the subclasses
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def office(self, office_id: str | None = None) -> Office:
        """An office by id; with ``None``, the workspace's only office."""
        if office_id is not None:
            if office_id not in self.offices:
                known = ", ".join(sorted(self.offices)) or "none"
                raise UserError(f"unknown office {office_id!r}", field="office",
                                hint=f"offices in registry/: {known}")
            return self.offices[office_id]
        if not self.offices:
            raise UserError(f"no office profile in {self.workspace / 'registry'}",
                            hint="add one, or make a workspace with 'gen-letter init'")
        if len(self.offices) > 1:
            raise UserError(f"several offices share this register "
                            f"({', '.join(sorted(self.offices))})", field="office",
                            hint="name one")
        return next(iter(self.offices.values()))

    def _agencies(self) -> dict[str, str]:
        return {office_id: office.agency for office_id, office in self.offices.items()}

    def _digit_style(self) -> str:
        styles = {office.digit_style for office in self.offices.values()}
        return styles.pop() if len(styles) == 1 else "thai"

    def reference_line(self, ref: Reference, digit_style: str | None = None) -> str:
        """``หนังสือจังหวัดเชียงใหม่ ด่วนที่สุด ที่ นข ๐๐๑๙/ว ๖๓๒ ลงวันที่ ๓๑ มกราคม ๒๕๖๖``"""
        return citing.reference_line(ref, digit_style or self._digit_style())

    def reserve(self, count: int = 1, *, office_id: str | None = None, unit: str | None = None,
                circular: bool = False, date: date | datetime | str | None = None,
                kind: str | None = None, allow_date: bool = False) -> list[str]:
        """Reserve ``count`` numbers ahead (of the series of ``kind``, when given: an order's
        are ``๑๒/๒๕๖๗``); returns their texts. A date outside
        :data:`~generator.registry.numbering.SANE_YEARS` needs ``allow_date``."""
        office = self.office(office_id)
        when = numbering.letter_date(date)
        rule = _numbering(kind, circular)
        with self._writing() as connection:
            rows = numbering.reserve(connection, office, count=count, unit=unit,
                                     circular=circular, when=when, numbering=rule,
                                     allow_date=allow_date)
            for row in rows:
                search.index_letter(connection, row["id"])
        return [row["number_text"] for row in rows]

    def show(self, number_text: str, *, year: int | None = None,
             thread: bool = False, office_id: str | None = None) -> dict[str, Any]:
        """One letter (ours, or one we received): metadata, files, attachments, what it
        cites and what cites it; with ``thread``, every letter linked to it either way.
        ``office_id``: only that office's letters (an order's number ``๑/๒๕๖๗`` names no
        office, so several offices of one register can each have one)."""
        code = self.office(office_id).code_key if office_id is not None else None
        with self._reading() as connection:
            node = self._find_node(connection, number_text, year, code)
            result = self._describe(connection, node, full=True)
            result["cites"] = [self._describe(connection, other)
                               for other in citing.cites(connection, node)]
            result["cited_by"] = [self._describe(connection, other)
                                  for other in citing.cited_by(connection, node)]
            if thread:
                nodes = citing.thread(connection, node)
                described = []
                for other in nodes:
                    entry = self._describe(connection, other)
                    entry["cites"] = [self._describe(connection, n)["number"]
                                      for n in citing.cites(connection, other)]
                    described.append(entry)
                described.sort(key=lambda e: (e["date"] or "", e["number"] or ""))
                result["thread"] = described
            return result

    def _find_node(self, connection: Connection, number_text: str,
                   year: int | None, office_code: str | None = None) -> citing.Node:
        key = number_key(number_text)
        found = driver.rows(connection, queries.node_letters(year is not None,
                                                             office_code is not None),
                            key=key, year=year, office_code=office_code)
        nodes: list[tuple[citing.Node, int | None]] = [
            (("letter", row["id"]), row["year"]) for row in found]
        for row in driver.rows(connection, queries.node_incoming(office_code is not None),
                               key=key, office_code=office_code):
            their_year = row["their_date"].year + 543 if row["their_date"] else None
            if year is None or their_year == year:
                nodes.append((("incoming", row["id"]), their_year))
        if not nodes:
            in_year = f" in {year}" if year else ""
            raise UserError(f"{number_text!r} is not in the register{in_year}", field="NUMBER")
        if len(nodes) > 1:
            years = sorted({str(y) for _, y in nodes})
            offices = sorted({row["office_code"] for row in found})
            if len(years) == 1 and len(offices) > 1:
                raise UserError(f"{number_text!r} is a number of several offices "
                                f"({', '.join(offices)})", field="NUMBER", hint="give the office")
            raise UserError(f"{number_text!r} matches {len(nodes)} letters ({', '.join(years)})",
                            field="NUMBER", hint="give the year")
        return nodes[0][0]

    def _describe(self, connection: Connection, node: citing.Node,
                  full: bool = False) -> dict[str, Any]:
        kind, node_id = node
        if kind == "letter":
            row = driver.one(connection, queries.LETTER, id=node_id)
            data: dict[str, Any] = {
                "kind": "letter", "number": row["number_text"], "status": row["status"],
                "date": row["date"].isoformat() if row["date"] else None,
                "subject": row["subject"], "from": row["agency"],
                "office": row["office_id"], "recipients": row["recipients"] or [],
            }
            if full:
                data.update({
                    "year": row["year"], "running": row["running"], "series": row["series"],
                    "circular": bool(row["circular"]), "unit": row["unit"],
                    "speed": row["speed"], "secrecy": row["secrecy"], "signer": row["signer"],
                    "files": row["files"] or {}, "sha256": row["sha256"] or {},
                    "file_state": _file_state(self.workspace, row["files"] or {},
                                              row["sha256"] or {}),
                    "reason": row["reason"], "spec": row["spec"],
                    "created_at": _iso(row["created_at"]), "created_by": row["created_by"],
                    "issued_at": _iso(row["issued_at"]),
                    "cancelled_at": _iso(row["cancelled_at"]),
                    "attachments": [
                        {k: a[k] for k in ("title", "quantity", "unit", "file", "url",
                                           "archived", "sha256")}
                        for a in driver.rows(connection, queries.ATTACHMENTS, id=node_id)],
                })
                if row["status"] == ISSUED and row["date"] is not None:
                    ref = citing.letter_reference(dict(row), self._agencies())
                    data["reference_line"] = self.reference_line(ref)
                data["deliveries"] = [d.as_json()
                                      for d in deliveries.for_letter(connection, node_id)]
            return data
        row = driver.one(connection, queries.INCOMING, id=node_id)
        office = self.offices.get(row["office_id"])
        style = office.digit_style if office else "thai"
        data = {
            "kind": "incoming", "number": row["their_number"], "status": "received",
            "date": row["their_date"].isoformat() if row["their_date"] else None,
            "subject": row["subject"], "from": row["sender"], "office": row["office_id"],
            "recipients": [row["recipient"]] if row["recipient"] else [],
            "receipt": receipt_text(row["receipt_no"], row["receipt_year"], style),
        }
        if full:
            data.update({"received_at": _iso(row["received_at"]), "speed": row["speed"],
                         "secrecy": row["secrecy"], "remarks": row["remarks"],
                         "created_by": row["created_by"],
                         "reference_line": self.reference_line(
                             citing.incoming_reference(dict(row))),
                         "their_references": [
                             {"number": r.number, "date": r.date.isoformat() if r.date else None,
                              "subject": r.subject}
                             for r in their_references(connection, node_id)]})
        return data

    def search(self, text: str | search.Query, limit: int = 100, **filters: Any
               ) -> list[search.Hit]:
        """Letters and incoming letters whose text holds ``text`` (a string, with ``limit``
        and the filters of :class:`search.Query`, or a Query): number and head matches first,
        then the body, newest first; numbers match whichever digits they were typed in."""
        query = text if isinstance(text, search.Query) else search.Query(
            text, limit=limit, **filters)
        if query.office is not None:
            self.office(query.office)
        with self._reading() as connection:
            return search.search(connection, query, digit_style=self._digit_style())


class QuickRegistry(Operations):
    """The register on a bare DB-API connection (see the module docstring)."""

    def __init__(self, workspace: Path, connection: Any, offices: dict[str, Office], url: str):
        self.workspace = workspace
        self.offices = offices
        self.connection = connection
        self.url = url

    def close(self) -> None:
        self.connection.close()

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[Any]:
        failed = _operational_error(self.connection)
        try:
            with driver.transaction(self.connection, write) as connection:
                yield connection
        except failed as error:
            raise driver.operational(driver.first_line(error, self.url),
                                     driver.safe_url(driver.normalise_url(self.url))) from None

    def _reading(self):
        return self._transaction(write=False)

    def _writing(self):
        return self._transaction(write=True)


def _operational_error(connection: Any) -> type:
    if driver.dialect(connection) == "sqlite":
        import sqlite3

        return sqlite3.OperationalError
    import psycopg

    return psycopg.OperationalError


def open_quick(workspace: Path, url: str | None = None, *, write: bool = False):
    """The register of ``workspace`` for a quick command: a :class:`QuickRegistry` when the
    register is ready for one (see the module docstring), else the full
    :class:`~generator.registry.store.Registry` (``Registry.open``, which upgrades the schema
    or says in one line why it cannot open the register). ``write``: the command writes."""
    workspace = Path(workspace)
    offices = load_offices(workspace)
    quick = _quick(workspace, url, offices, write)
    if quick is not None:
        return quick
    from .store import Registry

    return Registry.open(workspace, url)


def _quick(workspace: Path, url: str | None, offices: dict[str, Office], write: bool
           ) -> QuickRegistry | None:
    if not url:
        folder = workspace / "registry"
        if not folder.is_dir():
            return None
        url = driver.sqlite_url(folder / DB_NAME)
    connection = _connect(driver.normalise_url(url), write)
    if connection is None:
        return None
    try:
        with driver.transaction(connection, write=False):
            revision = driver.scalar(connection, queries.REVISION)
    except Exception:  # no alembic_version yet, or unreadable: the full way says
        revision = None
    if revision != driver.HEAD:
        connection.close()
        return None
    return QuickRegistry(workspace, connection, offices, url)


def _connect(url: str, write: bool) -> Any:
    """A bare connection to the register at ``url``, or None when the full way must open it
    (another backend, a SQLite file that is not there yet, a read-only one to write to, a
    database that does not answer)."""
    try:
        if url.startswith("postgresql+psycopg://"):
            return driver.connect_postgresql(url)
        path = driver.sqlite_path(url)
        if path is None or not Path(path).is_file():
            return None
        if driver.writable(Path(path)):
            return driver.connect_sqlite(path)
        return None if write else driver.connect_sqlite(path, read_only=True)
    except Exception:  # the full way opens it again and says why it cannot, in one line
        return None


def _file_state(workspace: Path, files: Mapping[str, str], sums: Mapping[str, str]) -> dict:
    """Each archived file checked now: ``ok``, ``changed`` (SHA-256 no longer the recorded
    one) or ``missing``."""
    from .verify import matches

    states = {True: "ok", False: "changed", None: "missing"}
    return {kind: states[matches(workspace, path, sums.get(kind))] for kind, path in files.items()}


def _iso(moment: datetime | None) -> str | None:
    moment = audit.as_utc(moment)
    return moment.isoformat() if moment else None
