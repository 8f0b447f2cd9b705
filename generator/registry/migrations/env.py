"""Alembic environment: runs on the connection that :func:`generator.registry.database.upgrade`
passes in ``config.attributes["connection"]``, inside the transaction it has already begun (so
concurrent first uses of a fresh database wait for each other)."""

from alembic import context


def run_migrations() -> None:
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()


# Alembic runs this file with its context installed; importing it otherwise (test collection,
# documentation tools) does nothing.
if getattr(context, "config", None) is not None:
    run_migrations()
