"""Alembic environment and versioned revisions of the register's schema.

Applied programmatically by :func:`generator.registry.database.upgrade` on first use; there is
no ``alembic.ini``. Add a revision with ``alembic revision`` against a config whose
``script_location`` is this folder, or by copying the newest file in ``versions/``.
"""
