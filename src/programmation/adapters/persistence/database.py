"""The opened database: engine, sessions, schema at head, integrity checks."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from . import migrate
from .backup import backup_database, sqlite_path
from .engine import DatabaseError, create_database_engine
from .unit_of_work import UnitOfWork, session_factory


@dataclass
class Database:
    engine: Engine
    sessions: sessionmaker = field(repr=False)
    backup_dir: Path | None = None

    @classmethod
    def open(cls, target: str | os.PathLike, *, create: bool = True,
             backup_dir: Path | None = None) -> Database:
        """Open (and create or upgrade to the current schema) a database.

        Raises DatabaseError with a French message when the target cannot be used
        (unreachable server, refused login, a file that is not a database).
        """
        try:
            engine = create_database_engine(target, create=create)
            path = sqlite_path(engine)
            if backup_dir is None and path is not None:
                backup_dir = path.parent / "sauvegardes"
            migrate.upgrade(engine, backup_dir=backup_dir)
        except SQLAlchemyError as error:
            raise DatabaseError(_unusable(target, error)) from error
        return cls(engine, session_factory(engine), backup_dir)

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self.sessions)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def label(self) -> str:
        path = sqlite_path(self.engine)
        return str(path) if path else self.engine.url.render_as_string(hide_password=True)

    def backup(self, reason: str = "manuelle") -> Path | None:
        if self.backup_dir is None:
            return None
        return backup_database(self.engine, self.backup_dir, reason=reason)

    def integrity_problems(self) -> list[str]:
        """What ``PRAGMA integrity_check`` and ``foreign_key_check`` report, in French."""
        if not self.is_sqlite:
            return []
        problems = []
        with self.engine.connect() as connection:
            integrity = connection.execute(text("PRAGMA integrity_check")).scalars().all()
            if integrity != ["ok"]:
                problems += [f"intégrité : {line}" for line in integrity]
            for row in connection.execute(text("PRAGMA foreign_key_check")).fetchall():
                problems.append(f"référence cassée : table {row[0]}, ligne {row[1]} → {row[2]}")
        return problems

    def dispose(self) -> None:
        self.engine.dispose()


def _unusable(target: str | os.PathLike, error: SQLAlchemyError) -> str:
    """Why a database cannot be opened, in French, without the password."""
    text_target = str(target)
    if "://" in text_target:
        shown = make_url(text_target).render_as_string(hide_password=True)
        if isinstance(error, OperationalError):
            return (f"impossible d'ouvrir la base « {shown} » : serveur injoignable ou "
                    "connexion refusée (vérifiez l'adresse, le port, l'utilisateur et le "
                    "mot de passe)")
        return f"la base « {shown} » est inutilisable ({error.orig or error})"
    return (f"« {text_target} » n'est pas une base Programmation lisible (fichier SQLite "
            "absent, abîmé ou d'un autre logiciel)")
