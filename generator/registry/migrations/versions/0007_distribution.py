"""Distribution and exchange: delivery records of issued letters, the references of incoming
letters, and a unique index that refuses the same incoming letter twice.

- ``deliveries``: one row per recipient of an issued letter (see
  :mod:`generator.registry.deliveries`); letters issued before this revision have none.
- ``incoming_references``: the letters an incoming letter cites.
- ``incoming.duplicate_key`` (:func:`generator.registry.incoming.duplicate_key`) under the unique
  index ``ix_incoming_duplicate`` with the office code. Existing incoming letters get their key
  in the order they were received; one that repeats an earlier letter (before this revision an
  undated letter could be received twice) keeps no key, so the index can be made, and stays in
  the register as it was.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from generator.registry.incoming import duplicate_key

    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("letter_id", sa.Integer, sa.ForeignKey("letters.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("recipient", sa.Text, nullable=False),
        sa.Column("agency", sa.Text),
        sa.Column("name", sa.Text),
        sa.Column("ministry_id", sa.String(40)),
        sa.Column("organization_id", sa.String(40)),
        sa.Column("email", sa.String(200)),
        sa.Column("list_name", sa.String(80)),
        sa.Column("method", sa.String(10)),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.Column("message_id", sa.String(120)),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True)),
        sa.Column("their_receipt", sa.String(80)),
        sa.UniqueConstraint("letter_id", "position", name="uq_deliveries_position"),
    )
    op.create_index("ix_deliveries_message_id", "deliveries", ["message_id"], unique=True)
    op.create_table(
        "incoming_references",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("incoming_id", sa.Integer, sa.ForeignKey("incoming.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("number", sa.String(80), nullable=False),
        sa.Column("number_key", sa.String(80), nullable=False),
        sa.Column("date", sa.Date),
        sa.Column("subject", sa.Text),
        sa.UniqueConstraint("incoming_id", "position", name="uq_incoming_references_position"),
    )
    op.add_column("incoming", sa.Column("duplicate_key", sa.String(64)))
    bind = op.get_bind()
    seen = set()
    rows = bind.execute(sa.text(
        "SELECT id, office_code, their_number_key, their_date, sender FROM incoming "
        "ORDER BY received_at, id")).fetchall()
    for row_id, office_code, key, their_date, sender in rows:
        if isinstance(their_date, str):  # SQLite hands dates back as text here
            from datetime import date

            their_date = date.fromisoformat(their_date)
        same = duplicate_key(key, their_date, sender)
        if same is None or (office_code, same) in seen:
            continue
        seen.add((office_code, same))
        bind.execute(sa.text("UPDATE incoming SET duplicate_key = :key WHERE id = :id"),
                     {"key": same, "id": row_id})
    op.create_index("ix_incoming_duplicate", "incoming", ["office_code", "duplicate_key"],
                    unique=True)


def downgrade() -> None:
    op.drop_index("ix_incoming_duplicate", table_name="incoming")
    with op.batch_alter_table("incoming") as table:
        table.drop_column("duplicate_key")
    op.drop_table("incoming_references")
    op.drop_index("ix_deliveries_message_id", table_name="deliveries")
    op.drop_table("deliveries")
