"""Alembic environment of the records database (obligation: record-keeping).

Run programmatically by :func:`monitoring.records.db.upgrade`, which passes an open connection (already holding the
migration lock) in ``config.attributes["connection"]``. Without one, it connects to ``sqlalchemy.url`` from the Alembic
config. Importing this module outside Alembic (e.g. doctest collection) does nothing.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from monitoring.records.db import VERSION_TABLE
from monitoring.records.tables import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        version_table=VERSION_TABLE,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations on the given connection, or on a new one to ``sqlalchemy.url``."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(context.config.get_main_option("sqlalchemy.url", ""))
    try:
        with engine.begin() as new_connection:
            _run(new_connection)
    finally:
        engine.dispose()


if hasattr(context, "config"):  # Alembic installs ``context.config`` only while it runs this script
    run_migrations_online()
