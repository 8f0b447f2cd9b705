"""Attachments keep the archived copy sent with the letter and its SHA-256.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("attachments", sa.Column("archived", sa.Text))
    op.add_column("attachments", sa.Column("sha256", sa.String(64)))


def downgrade() -> None:
    with op.batch_alter_table("attachments") as table:
        table.drop_column("sha256")
        table.drop_column("archived")
