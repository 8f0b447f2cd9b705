"""Search over everything a letter says: one ``search_docs`` row per letter and incoming letter
(readable head and body text, and their folded keys), indexed by n-grams of one to three
characters (see :mod:`generator.registry.search` for why).

SQLite: two contentless FTS5 tables (``detail=none``) holding each row's grams as hex words,
written by :func:`generator.registry.search.index_letter` (no trigger: the grams are computed
in Python). PostgreSQL: the SQL function ``search_grams(text)`` and GIN indexes on
``search_grams(head_key)`` and ``search_grams(body_key)``.

The substring indexes of revision 0002 on ``search_text`` are dropped (nothing reads them any
more); existing letters and incoming letters get their search rows here.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS letters_search_insert",
    "DROP TRIGGER IF EXISTS letters_search_update",
    "DROP TRIGGER IF EXISTS incoming_search_insert",
    "DROP TRIGGER IF EXISTS incoming_search_update",
    "DROP TABLE IF EXISTS search_fts",
]
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE search_head USING fts5(grams, content='', detail=none, "
    "tokenize='ascii')",
    "CREATE VIRTUAL TABLE search_body USING fts5(grams, content='', detail=none, "
    "tokenize='ascii')",
]
# Every distinct substring of one to three characters (search.grams does the same in Python).
# COST: the planner must not think evaluating it row by row is cheap; the index holds it.
POSTGRES_GRAMS = """
CREATE FUNCTION search_grams(key text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 100000 AS $$
  SELECT coalesce(array_agg(DISTINCT substr(key, i, n)), '{}')
  FROM generate_series(1, 3) AS n, generate_series(1, length(key) - n + 1) AS i
$$"""


def upgrade() -> None:
    from generator.registry import search

    op.create_table(
        "search_docs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("letter_id", sa.Integer, sa.ForeignKey("letters.id"), unique=True),
        sa.Column("incoming_id", sa.Integer, sa.ForeignKey("incoming.id"), unique=True),
        sa.Column("office_id", sa.String(80), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("day", sa.Date),
        sa.Column("head", sa.Text, nullable=False),
        sa.Column("body", sa.Text),
        sa.Column("head_key", sa.Text, nullable=False),
        sa.Column("body_key", sa.Text),
        sa.CheckConstraint("(letter_id IS NULL) <> (incoming_id IS NULL)",
                           name="ck_search_docs_one"),
    )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_DROP + SQLITE_FTS:
            bind.exec_driver_sql(statement)
    elif bind.dialect.name == "postgresql":
        for table in ("letters", "incoming"):
            bind.exec_driver_sql(f"DROP INDEX IF EXISTS ix_{table}_search")
        bind.exec_driver_sql(POSTGRES_GRAMS)
        for column in ("head_key", "body_key"):
            bind.exec_driver_sql(f"CREATE INDEX ix_search_docs_{column} ON search_docs "
                                 f"USING gin (search_grams({column}))")
    # Letters and incoming letters already registered, in the order they were entered.
    entries = [(row[0], "letter", row[1]) for row in bind.execute(
        sa.text("SELECT created_at, id FROM letters WHERE status <> 'draft'"))]
    entries += [(row[0], "incoming", row[1]) for row in bind.execute(
        sa.text("SELECT received_at, id FROM incoming"))]
    for _at, kind, row_id in sorted(entries, key=lambda e: (str(e[0]), e[1], e[2])):
        if kind == "letter":
            search.index_letter(bind, row_id)
        else:
            search.index_incoming(bind, row_id)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        bind.exec_driver_sql("DROP TABLE IF EXISTS search_head")
        bind.exec_driver_sql("DROP TABLE IF EXISTS search_body")
    op.drop_table("search_docs")
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS search_grams(text)")
