"""Schema upgrades through Alembic, with a backup taken before any upgrade.

Alembic is imported only when the stored revision differs from ``HEAD`` (it
costs about a quarter of a second at start-up); a test checks ``HEAD`` against
the migration scripts.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

from .backup import backup_database

HEAD = "0002"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _has_user_tables(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(set(inspect(connection).get_table_names()) - {"alembic_version"})


def upgrade(engine: Engine, *, backup_dir: Path | None = None) -> Path | None:
    """Bring the database to ``HEAD``; returns the backup taken, if any.

    A database that already holds data is backed up first. On SQLite, foreign
    keys are off during the batch migrations and checked afterwards.
    """
    if current_revision(engine) == HEAD:
        return None
    backup = None
    if backup_dir is not None and _has_user_tables(engine):
        backup = backup_database(engine, backup_dir, reason="avant-migration")
    from alembic import command

    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        # Pragmas go straight to the DBAPI connection, outside any transaction:
        # inside one, foreign_keys is a silent no-op.
        raw = connection.connection.driver_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            command.upgrade(alembic_config(connection), "head")
            connection.commit()
            if raw is not None:
                problems = raw.execute("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise RuntimeError(f"migration : références cassées {problems[:5]}")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")
    return backup
