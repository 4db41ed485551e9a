"""Rotating backups of a SQLite database, taken with SQLite's online backup API.

Never a copy of the open file: ``Connection.backup`` is consistent even while
another process writes. PostgreSQL databases are backed up by their server's
administrators (pg_dump), not by the desktop app.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

KEEP = 10


def sqlite_path(engine: Engine) -> Path | None:
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return None
    return Path(engine.url.database)


def backup_database(engine: Engine, backup_dir: Path, *, reason: str = "auto",
                    keep: int = KEEP) -> Path | None:
    """Write a dated copy into ``backup_dir`` and keep only the ``keep`` newest."""
    source_path = sqlite_path(engine)
    if source_path is None:
        return None
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"{source_path.stem}-{stamp}-{reason}.sqlite"
    source = sqlite3.connect(source_path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination, pages=-1)
        finally:
            destination.close()
    finally:
        source.close()
    rotate(backup_dir, source_path.stem, keep)
    return target


def list_backups(backup_dir: Path, stem: str) -> list[Path]:
    """Backups of the database ``stem``, oldest first."""
    if not backup_dir.exists():
        return []
    return sorted(backup_dir.glob(f"{stem}-*.sqlite"), key=lambda p: p.name)


def rotate(backup_dir: Path, stem: str, keep: int) -> None:
    for old in list_backups(backup_dir, stem)[:-keep]:
        old.unlink(missing_ok=True)


def latest_backup_age_hours(backup_dir: Path, stem: str) -> float | None:
    backups = list_backups(backup_dir, stem)
    if not backups:
        return None
    age = datetime.now().timestamp() - backups[-1].stat().st_mtime
    return age / 3600
