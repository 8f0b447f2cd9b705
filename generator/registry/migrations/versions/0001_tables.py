"""The register's tables: counters, letters, attachments, incoming, citations, audit.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "counters",
        sa.Column("office_code", sa.String(40), primary_key=True),
        sa.Column("series", sa.String(8), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("last", sa.Integer, nullable=False),
    )
    op.create_table(
        "letters",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("office_id", sa.String(80), nullable=False),
        sa.Column("office_code", sa.String(40), nullable=False),
        sa.Column("agency", sa.Text, nullable=False),
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
        sa.UniqueConstraint("office_code", "series", "year", "running", name="uq_letters_number"),
        sa.CheckConstraint("status IN ('reserved', 'draft', 'issued', 'cancelled')",
                           name="ck_letters_status"),
    )
    op.create_index("ix_letters_number_key", "letters", ["number_key"])
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("letter_id", sa.Integer, sa.ForeignKey("letters.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("quantity", sa.Integer),
        sa.Column("unit", sa.String(40)),
        sa.Column("file", sa.Text),
        sa.Column("url", sa.Text),
    )
    op.create_index("ix_attachments_letter", "attachments", ["letter_id"])
    op.create_table(
        "incoming",
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
        sa.UniqueConstraint("office_code", "receipt_year", "receipt_no",
                            name="uq_incoming_receipt"),
    )
    op.create_index("ix_incoming_their_number_key", "incoming", ["their_number_key"])
    op.create_table(
        "citations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("from_letter_id", sa.Integer, sa.ForeignKey("letters.id"), nullable=False),
        sa.Column("to_letter_id", sa.Integer, sa.ForeignKey("letters.id")),
        sa.Column("to_incoming_id", sa.Integer, sa.ForeignKey("incoming.id")),
        sa.Column("position", sa.Integer, nullable=False),
        sa.CheckConstraint("(to_letter_id IS NULL) <> (to_incoming_id IS NULL)",
                           name="ck_citations_one_target"),
    )
    op.create_index("ix_citations_from", "citations", ["from_letter_id"])
    op.create_index("ix_citations_to_letter", "citations", ["to_letter_id"])
    op.create_index("ix_citations_to_incoming", "citations", ["to_incoming_id"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.String(80), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("office_code", sa.String(40)),
        sa.Column("number_text", sa.String(80)),
        sa.Column("year", sa.Integer),
        sa.Column("detail", sa.JSON),
    )


def downgrade() -> None:
    for table in ("audit", "citations", "incoming", "attachments", "letters", "counters"):
        op.drop_table(table)
