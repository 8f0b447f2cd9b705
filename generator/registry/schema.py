"""The register's tables, as SQLAlchemy Core tables (the export, the store's remaining
look-ups, the tests and the benchmarks use these; the statements of numbering, search,
references, deliveries, incoming letters and the audit log are SQL text in
:mod:`generator.registry.queries`, whose column types a test checks against these tables).

The database itself is created and upgraded by the Alembic revisions in ``migrations/``;
this module must describe the schema at the head revision.

- ``counters``: one row per (office code, series, Buddhist year) holding the last running
  number handed out; allocation increments it inside the issuing transaction.
- ``letters``: one row per number ever handed out: reserved, pending (taken by an issue that is
  converting its letter), archiving (recorded, its files being renamed into the archive),
  issued, cancelled or spoilt (an issue that failed after its number was no longer the series'
  last; the reason says why). ``claim`` names the ``output/.issuing-*`` folder of the process
  issuing a pending or archiving letter (NULL otherwise); ``taken_from`` is ``reserved`` when
  that number had been reserved (a failed issue returns it to the reservation).
- ``attachments``, ``citations`` (references: letter → letter or incoming letter).
- ``incoming``: letters received, with our own receipt number per year.
- ``audit``: append-only log (database triggers refuse UPDATE and DELETE).
- ``search_docs``: one row per letter or incoming letter, the text it is found by (readable
  and folded); indexed by n-grams (see :mod:`generator.registry.search`, migration 0005).
- ``deliveries``, ``incoming_references`` and ``incoming.duplicate_key``: distribution and
  exchange (migration 0007; see the comment above their definitions, at the end).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# The series names and letter statuses live in ``states.py`` (no SQLAlchemy there, for the quick
# commands); imported here so that ``schema.ORDER`` and the like keep working.
from .states import (ANNOUNCEMENT, ARCHIVING, CANCELLED, CIRCULAR, DELIVERY_METHODS,  # noqa: F401
                     DRAFT, ISSUED, ORDER, ORDINARY, PENDING, RECEIPT, RESERVED, SPOILT,
                     STATUSES, UNFINISHED)

counters = sa.Table(
    "counters", metadata,
    sa.Column("office_code", sa.String(40), primary_key=True),
    sa.Column("series", sa.String(8), primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("last", sa.Integer, nullable=False),
)

letters = sa.Table(
    "letters", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("office_id", sa.String(80), nullable=False),
    sa.Column("office_code", sa.String(40), nullable=False),
    sa.Column("agency", sa.Text, nullable=False),        # as it stood when the number was taken
    sa.Column("office_name", sa.Text, nullable=False),
    sa.Column("unit", sa.String(20)),
    sa.Column("unit_name", sa.Text),
    sa.Column("series", sa.String(8), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("running", sa.Integer, nullable=False),
    sa.Column("circular", sa.Boolean, nullable=False),
    sa.Column("number_text", sa.String(80), nullable=False),
    sa.Column("number_key", sa.String(80), nullable=False),
    sa.Column("status", sa.String(12), nullable=False),
    sa.Column("date", sa.Date),
    sa.Column("subject", sa.Text),
    sa.Column("recipients", sa.JSON),
    sa.Column("speed", sa.String(40)),
    sa.Column("secrecy", sa.String(20)),
    sa.Column("signer", sa.String(80)),
    sa.Column("spec", sa.JSON),
    sa.Column("files", sa.JSON),
    sa.Column("sha256", sa.JSON),
    sa.Column("reason", sa.Text),
    sa.Column("search_text", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", sa.String(80), nullable=False),
    sa.Column("issued_at", sa.DateTime(timezone=True)),
    sa.Column("cancelled_at", sa.DateTime(timezone=True)),
    sa.Column("draft_id", sa.String(64)),     # the reviewed draft it was issued from (issued once)
    sa.Column("claim", sa.String(255)),       # output/.issuing-* of the issue in progress
    sa.Column("taken_from", sa.String(12)),   # "reserved": give back to the reservation
    sa.UniqueConstraint("office_code", "series", "year", "running", name="uq_letters_number"),
    sa.CheckConstraint("status IN ('reserved', 'draft', 'pending', 'archiving', 'issued', "
                       "'cancelled', 'spoilt')", name="ck_letters_status"),
    sa.Index("ix_letters_draft_id", "draft_id", unique=True),
    sa.Index("ix_letters_claim", "claim"),
)

attachments = sa.Table(
    "attachments", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("letter_id", sa.Integer, sa.ForeignKey("letters.id"), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("quantity", sa.Integer),
    sa.Column("unit", sa.String(40)),
    sa.Column("file", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("archived", sa.Text),          # the copy kept beside the issued letter
    sa.Column("sha256", sa.String(64)),      # of the archived copy
)

incoming = sa.Table(
    "incoming", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("office_id", sa.String(80), nullable=False),
    sa.Column("office_code", sa.String(40), nullable=False),
    sa.Column("receipt_year", sa.Integer, nullable=False),
    sa.Column("receipt_no", sa.Integer, nullable=False),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("their_number", sa.String(80)),
    sa.Column("their_number_key", sa.String(80)),
    sa.Column("their_date", sa.Date),
    sa.Column("sender", sa.Text, nullable=False),
    sa.Column("recipient", sa.Text),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("speed", sa.String(40)),
    sa.Column("secrecy", sa.String(20)),
    sa.Column("remarks", sa.Text),
    sa.Column("search_text", sa.Text, nullable=False),
    sa.Column("created_by", sa.String(80), nullable=False),
    sa.UniqueConstraint("office_code", "receipt_year", "receipt_no", name="uq_incoming_receipt"),
)

citations = sa.Table(
    "citations", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("from_letter_id", sa.Integer, sa.ForeignKey("letters.id"), nullable=False),
    sa.Column("to_letter_id", sa.Integer, sa.ForeignKey("letters.id")),
    sa.Column("to_incoming_id", sa.Integer, sa.ForeignKey("incoming.id")),
    sa.Column("position", sa.Integer, nullable=False),
    sa.CheckConstraint("(to_letter_id IS NULL) <> (to_incoming_id IS NULL)",
                       name="ck_citations_one_target"),
)

audit = sa.Table(
    "audit", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("who", sa.String(80), nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("office_code", sa.String(40)),
    sa.Column("number_text", sa.String(80)),
    sa.Column("year", sa.Integer),
    sa.Column("detail", sa.JSON),
)

search_docs = sa.Table(
    "search_docs", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),   # newest entry: highest
    sa.Column("letter_id", sa.Integer, sa.ForeignKey("letters.id"), unique=True),
    sa.Column("incoming_id", sa.Integer, sa.ForeignKey("incoming.id"), unique=True),
    sa.Column("office_id", sa.String(80), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("day", sa.Date),
    sa.Column("head", sa.Text, nullable=False),      # number, subject, parties, signer, cited
    sa.Column("body", sa.Text),                      # text of the letter and its attachments
    sa.Column("head_key", sa.Text, nullable=False),  # the same, folded (search.fold)
    sa.Column("body_key", sa.Text),
    sa.CheckConstraint("(letter_id IS NULL) <> (incoming_id IS NULL)", name="ck_search_docs_one"),
    sa.Index("ix_search_docs_year_id", "year", "id"),   # newest-first scans of a year (0008)
)

# -- distribution and exchange (migration 0007) -------------------------------------------------
#
# - ``deliveries``: one row per recipient of an issued letter (the recipient list as it stood
#   when the letter was issued, or the letter's own recipients), with how and when it was sent
#   and when the recipient acknowledged it (:mod:`generator.registry.deliveries`);
# - ``incoming_references``: the letters an incoming letter cites (its อ้างถึง, from an e-CMS
#   message's ReferenceCorrespondence);
# - ``incoming.duplicate_key``: SHA-256 of (their number, their date, sender) under a unique
#   index, so that the same letter is not received twice, dated or not, on either backend.

deliveries = sa.Table(
    "deliveries", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("letter_id", sa.Integer, sa.ForeignKey("letters.id"), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("recipient", sa.Text, nullable=False),      # the position addressed
    sa.Column("agency", sa.Text),
    sa.Column("name", sa.Text),
    sa.Column("ministry_id", sa.String(40)),
    sa.Column("organization_id", sa.String(40)),
    sa.Column("email", sa.String(200)),
    sa.Column("list_name", sa.String(80)),                # the recipient list it came from
    sa.Column("method", sa.String(10)),                   # ecms | email | paper, once sent
    sa.Column("sent_at", sa.DateTime(timezone=True)),
    sa.Column("message_id", sa.String(120)),              # the e-CMS message that carried it
    sa.Column("acknowledged_at", sa.DateTime(timezone=True)),
    sa.Column("their_receipt", sa.String(80)),            # the recipient's receipt number
    sa.UniqueConstraint("letter_id", "position", name="uq_deliveries_position"),
    sa.Index("ix_deliveries_message_id", "message_id", unique=True),
)

incoming_references = sa.Table(
    "incoming_references", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incoming_id", sa.Integer, sa.ForeignKey("incoming.id"), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("number", sa.String(80), nullable=False),
    sa.Column("number_key", sa.String(80), nullable=False),
    sa.Column("date", sa.Date),
    sa.Column("subject", sa.Text),
    sa.UniqueConstraint("incoming_id", "position", name="uq_incoming_references_position"),
)

incoming.append_column(sa.Column("duplicate_key", sa.String(64)))
incoming.append_constraint(sa.Index("ix_incoming_duplicate", "office_code", "duplicate_key",
                                    unique=True))
