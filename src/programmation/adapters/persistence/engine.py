"""Opening a database: SQLite file (default) or PostgreSQL URL, through the same code.

SQLite connections get foreign keys, WAL, FULL synchronous writes and a busy
timeout on every connection, and real transactions (Python's sqlite3 does not
emit BEGIN by itself). Start-up asserts the pragmas took effect.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url


class DatabaseError(RuntimeError):
    """The database cannot be opened as asked; the message is French."""


def database_url(target: str | os.PathLike) -> str:
    """A SQLAlchemy URL for a file path or an URL given as is."""
    text_target = str(target)
    if "://" in text_target:
        return text_target
    return f"sqlite:///{Path(text_target).expanduser().resolve()}"


def is_network_path(path: Path) -> bool:
    """True for a UNC path or a mapped network drive (WAL does not work there)."""
    text_path = str(path)
    if text_path.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        drive = os.path.splitdrive(str(path.resolve()))[0]
        if drive:
            drive_remote = 4
            return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote
    return False


def _install_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN")


def create_database_engine(target: str | os.PathLike, *, create: bool = True) -> Engine:
    url = make_url(database_url(target))
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    path = Path(url.database or "")
    if is_network_path(Path(target)) or is_network_path(path):
        raise DatabaseError(
            f"« {path} » est sur un partage réseau : SQLite n'y est pas fiable. "
            "Pour travailler à plusieurs, utilisez une base PostgreSQL partagée."
        )
    if not create and not path.exists():
        raise DatabaseError(f"la base « {path} » n'existe pas")
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    _install_sqlite_pragmas(engine)
    _assert_sqlite_pragmas(engine)
    return engine


def _assert_sqlite_pragmas(engine: Engine) -> None:
    with engine.connect() as connection:
        foreign_keys = connection.execute(text("PRAGMA foreign_keys")).scalar()
        journal = connection.execute(text("PRAGMA journal_mode")).scalar()
    if foreign_keys != 1 or str(journal).lower() != "wal":
        raise DatabaseError(
            f"réglages SQLite non appliqués (foreign_keys={foreign_keys}, journal={journal})"
        )
