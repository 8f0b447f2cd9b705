"""Numbers taken by an issue before its letter is converted: the statuses ``pending``,
``archiving`` and ``spoilt``, and the columns ``claim`` (the ``output/.issuing-*`` folder of the
process issuing the letter) and ``taken_from`` (``reserved`` when the number was reserved).

PostgreSQL: the check constraint is replaced and the columns added in place. SQLite cannot
change a CHECK constraint, so ``letters`` is rebuilt: its rows copied aside, the table dropped
and made again, the rows put back. Other tables refer to ``letters`` and foreign keys are on
(they cannot be switched off inside the upgrade's transaction), so the checks are deferred to
the commit: the rows put back satisfy them again (an ALTER TABLE … RENAME would not count).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

OLD_STATUSES = "status IN ('reserved', 'draft', 'issued', 'cancelled')"
NEW_STATUSES = ("status IN ('reserved', 'draft', 'pending', 'archiving', 'issued', "
                "'cancelled', 'spoilt')")

# The letters table as of 0005 (0001, with draft_id of 0004).
COLUMNS = [
    ("id", lambda: sa.Column("id", sa.Integer, primary_key=True, autoincrement=True)),
    ("office_id", lambda: sa.Column("office_id", sa.String(80), nullable=False)),
    ("office_code", lambda: sa.Column("office_code", sa.String(40), nullable=False)),
    ("agency", lambda: sa.Column("agency", sa.Text, nullable=False)),
    ("office_name", lambda: sa.Column("office_name", sa.Text, nullable=False)),
    ("unit", lambda: sa.Column("unit", sa.String(20))),
    ("unit_name", lambda: sa.Column("unit_name", sa.Text)),
    ("series", lambda: sa.Column("series", sa.String(8), nullable=False)),
    ("year", lambda: sa.Column("year", sa.Integer, nullable=False)),
    ("running", lambda: sa.Column("running", sa.Integer, nullable=False)),
    ("circular", lambda: sa.Column("circular", sa.Boolean, nullable=False)),
    ("number_text", lambda: sa.Column("number_text", sa.String(80), nullable=False)),
    ("number_key", lambda: sa.Column("number_key", sa.String(80), nullable=False)),
    ("status", lambda: sa.Column("status", sa.String(12), nullable=False)),
    ("date", lambda: sa.Column("date", sa.Date)),
    ("subject", lambda: sa.Column("subject", sa.Text)),
    ("recipients", lambda: sa.Column("recipients", sa.JSON)),
    ("speed", lambda: sa.Column("speed", sa.String(40))),
    ("secrecy", lambda: sa.Column("secrecy", sa.String(20))),
    ("signer", lambda: sa.Column("signer", sa.String(80))),
    ("spec", lambda: sa.Column("spec", sa.JSON)),
    ("files", lambda: sa.Column("files", sa.JSON)),
    ("sha256", lambda: sa.Column("sha256", sa.JSON)),
    ("reason", lambda: sa.Column("reason", sa.Text)),
    ("search_text", lambda: sa.Column("search_text", sa.Text, nullable=False)),
    ("created_at", lambda: sa.Column("created_at", sa.DateTime(timezone=True), nullable=False)),
    ("created_by", lambda: sa.Column("created_by", sa.String(80), nullable=False)),
    ("issued_at", lambda: sa.Column("issued_at", sa.DateTime(timezone=True))),
    ("cancelled_at", lambda: sa.Column("cancelled_at", sa.DateTime(timezone=True))),
    ("draft_id", lambda: sa.Column("draft_id", sa.String(64))),
]
NEW_COLUMNS = [
    ("claim", lambda: sa.Column("claim", sa.String(255))),
    ("taken_from", lambda: sa.Column("taken_from", sa.String(12))),
]


def _rebuild_sqlite(columns, check: str) -> None:
    """Make ``letters`` again with ``columns`` and ``check``, keeping its rows (see above)."""
    bind = op.get_bind()
    kept = ", ".join(name for name, _ in COLUMNS)
    bind.exec_driver_sql("PRAGMA defer_foreign_keys = ON")   # until this transaction commits
    bind.exec_driver_sql(f"CREATE TEMP TABLE letters_0006 AS SELECT {kept} FROM letters")
    bind.exec_driver_sql("DROP TABLE letters")
    op.create_table(
        "letters", *[make() for _name, make in columns],
        sa.UniqueConstraint("office_code", "series", "year", "running", name="uq_letters_number"),
        sa.CheckConstraint(check, name="ck_letters_status"),
    )
    bind.exec_driver_sql(f"INSERT INTO letters ({kept}) SELECT {kept} FROM letters_0006")
    bind.exec_driver_sql("DROP TABLE letters_0006")
    op.create_index("ix_letters_number_key", "letters", ["number_key"])
    op.create_index("ix_letters_draft_id", "letters", ["draft_id"], unique=True)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite(COLUMNS + NEW_COLUMNS, NEW_STATUSES)
    else:
        op.drop_constraint("ck_letters_status", "letters", type_="check")
        op.create_check_constraint("ck_letters_status", "letters", NEW_STATUSES)
        for _name, make in NEW_COLUMNS:
            op.add_column("letters", make())
    op.create_index("ix_letters_claim", "letters", ["claim"])


def downgrade() -> None:
    bind = op.get_bind()
    left = bind.execute(sa.text("SELECT count(*) FROM letters WHERE status IN "
                                "('pending', 'archiving', 'spoilt')")).scalar()
    if left:
        raise RuntimeError(f"{left} letters are pending, archiving or spoilt: revision 0005 "
                           f"has no such status")
    op.drop_index("ix_letters_claim", table_name="letters")
    if bind.dialect.name == "sqlite":
        _rebuild_sqlite(COLUMNS, OLD_STATUSES)
    else:
        op.drop_constraint("ck_letters_status", "letters", type_="check")
        op.create_check_constraint("ck_letters_status", "letters", OLD_STATUSES)
        for name, _make in NEW_COLUMNS:
            op.drop_column("letters", name)
