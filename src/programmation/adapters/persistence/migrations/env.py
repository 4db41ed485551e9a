"""Alembic environment: runs on the connection handed by ``migrate.upgrade``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.types import TypeDecorator

from programmation.adapters.persistence.tables import metadata

config = context.config


def _render_item(type_, obj, autogen_context):
    """Migrations are frozen history: write the storage type, not the app's decorator."""
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl!r}"
    return False


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # developer use: `alembic -x url=sqlite:///file.sqlite revision --autogenerate`
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    with create_engine(url).connect() as conn:
        _run(conn)
