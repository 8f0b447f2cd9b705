"""A letter remembers the draft it was issued from, so that a draft is issued only once.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("letters", sa.Column("draft_id", sa.String(64)))
    op.create_index("ix_letters_draft_id", "letters", ["draft_id"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_letters_draft_id", table_name="letters")
    with op.batch_alter_table("letters") as table:
        table.drop_column("draft_id")
