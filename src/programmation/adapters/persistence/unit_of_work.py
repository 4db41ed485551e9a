"""A unit of work per use case: it rolls back unless the use case commits."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from .mapping import start_mappers


class UnitOfWork:
    """``with uow: ...; uow.commit()`` — leaving the block without commit rolls back.

    Objects stay readable after commit (``expire_on_commit=False``) so services
    can hand detached data to the UI, which never holds a live session.
    """

    def __init__(self, session_factory: sessionmaker) -> None:
        self._session_factory = session_factory
        self.session: Session | None = None

    def __enter__(self) -> UnitOfWork:
        self.session = self._session_factory()
        return self

    def __exit__(self, *exc_info) -> None:
        assert self.session is not None
        self.session.rollback()
        self.session.close()
        self.session = None

    def commit(self) -> None:
        assert self.session is not None
        self.session.commit()

    def rollback(self) -> None:
        assert self.session is not None
        self.session.rollback()


def session_factory(engine: Engine) -> sessionmaker:
    start_mappers()
    return sessionmaker(bind=engine, expire_on_commit=False)
