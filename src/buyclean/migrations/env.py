"""Alembic environment: run on the connection buyclean hands over (store.db.upgrade), or on sqlalchemy.url."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from buyclean.store.tables import SQLModel

target_metadata = SQLModel.metadata


def _run(connection: Connection) -> None:
    # batch mode lets later revisions alter SQLite tables (SQLite has no ALTER COLUMN)
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_engine(context.config.get_main_option("sqlalchemy.url") or "sqlite:///instance/buyclean.sqlite3")
    with engine.begin() as conn:
        _run(conn)
