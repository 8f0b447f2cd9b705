"""Thai substring search indexes and the append-only audit log.

SQLite: an FTS5 table with the trigram tokenizer (SQLite 3.34 or newer), kept in step with
``letters`` and ``incoming`` by triggers; its rowid is the letter id, or minus the incoming id.
Without trigram support, search falls back to LIKE and no index is made.
PostgreSQL: pg_trgm GIN indexes on ``search_text`` (when the extension can be had; ILIKE works
without them, only slower).
Both: triggers that refuse UPDATE and DELETE on ``audit``.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(body, tokenize = 'trigram case_sensitive 0')",
    """CREATE TRIGGER letters_search_insert AFTER INSERT ON letters BEGIN
         INSERT INTO search_fts (rowid, body) VALUES (new.id, new.search_text); END""",
    """CREATE TRIGGER letters_search_update AFTER UPDATE OF search_text ON letters BEGIN
         DELETE FROM search_fts WHERE rowid = old.id;
         INSERT INTO search_fts (rowid, body) VALUES (new.id, new.search_text); END""",
    """CREATE TRIGGER incoming_search_insert AFTER INSERT ON incoming BEGIN
         INSERT INTO search_fts (rowid, body) VALUES (-new.id, new.search_text); END""",
    """CREATE TRIGGER incoming_search_update AFTER UPDATE OF search_text ON incoming BEGIN
         DELETE FROM search_fts WHERE rowid = -old.id;
         INSERT INTO search_fts (rowid, body) VALUES (-new.id, new.search_text); END""",
]

SQLITE_AUDIT = [
    """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
         SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
         SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
]

POSTGRES_AUDIT = [
    """CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$""",
    """CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
       FOR EACH ROW EXECUTE FUNCTION audit_append_only()""",
]


def _sqlite_has_trigram(bind) -> bool:
    try:
        with bind.begin_nested():
            bind.exec_driver_sql(
                "CREATE VIRTUAL TABLE temp.trigram_probe USING fts5(x, tokenize = 'trigram')")
            bind.exec_driver_sql("DROP TABLE temp.trigram_probe")
        return True
    except sa.exc.OperationalError:
        return False


def _postgres_trgm_schema(bind) -> str | None:
    """The schema holding pg_trgm, creating the extension if it is missing and allowed."""
    find = sa.text("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
                   "ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'")
    schema = bind.execute(find).scalar()
    if schema is None:
        try:
            with bind.begin_nested():
                bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except sa.exc.DBAPIError:
            return None
        schema = bind.execute(find).scalar()
    return schema


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        if _sqlite_has_trigram(bind):
            for statement in SQLITE_FTS:
                bind.exec_driver_sql(statement)
        for statement in SQLITE_AUDIT:
            bind.exec_driver_sql(statement)
    elif bind.dialect.name == "postgresql":
        schema = _postgres_trgm_schema(bind)
        if schema is not None:
            opclass = f'"{schema}".gin_trgm_ops'
            for table in ("letters", "incoming"):
                bind.exec_driver_sql(f"CREATE INDEX ix_{table}_search ON {table} "
                                     f"USING gin (search_text {opclass})")
        for statement in POSTGRES_AUDIT:
            bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("audit_no_update", "audit_no_delete", "letters_search_insert",
                     "letters_search_update", "incoming_search_insert", "incoming_search_update"):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        bind.exec_driver_sql("DROP TABLE IF EXISTS search_fts")
    elif bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP TRIGGER IF EXISTS audit_append_only ON audit")
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS audit_append_only()")
        for table in ("letters", "incoming"):
            bind.exec_driver_sql(f"DROP INDEX IF EXISTS ix_{table}_search")
