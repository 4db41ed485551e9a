"""Integration fixtures: PostgreSQL databases (the demo ones are copies of one built per run).

The SQLite demo fixtures (``demo_database``, ``demo_copy``, ``demo_file``) are in tests/conftest.py.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from uuid import uuid4

import pytest


@pytest.fixture
def postgres_url():
    """A PostgreSQL server URL; missing, the test fails under CI and skips elsewhere."""
    url = os.environ.get("PROGRAMMATION_PG_URL")
    if not url:
        message = "PostgreSQL absent : définir PROGRAMMATION_PG_URL (lancé par .ci/run)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return url


class PgServer:
    """Creates and drops the tests' databases on one server; builds the demo once, as a template."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine

        self.url = url
        self.admin = create_engine(url, isolation_level="AUTOCOMMIT")
        self.template: str | None = None

    def _execute(self, statement: str) -> None:
        from sqlalchemy import text

        with self.admin.connect() as connection:
            connection.execute(text(statement))

    def create(self, template: str | None = None) -> str:
        name = f"programmation_test_{uuid4().hex[:10]}"
        copied = f' TEMPLATE "{template}"' if template else ""
        self._execute(f'CREATE DATABASE "{name}"{copied}')
        return name

    def drop(self, name: str) -> None:
        self._execute(f'DROP DATABASE "{name}" WITH (FORCE)')

    def open(self, name: str):
        from programmation.adapters.persistence.database import Database

        return Database.open(self.url.rsplit("/", 1)[0] + f"/{name}")

    @contextmanager
    def fresh(self, template: str | None = None):
        """A new database (empty, or a copy of ``template``), dropped on leaving."""
        name = self.create(template)
        try:
            database = self.open(name)
            try:
                yield database
            finally:
                database.dispose()
        finally:
            self.drop(name)

    def demo_template(self) -> str:
        """The database holding the demo, built on first use (copies need it closed)."""
        from programmation.demo import build_demo

        if self.template is None:
            name = self.create()
            try:
                database = self.open(name)
                build_demo(database)
                database.dispose()
            except BaseException:
                self.drop(name)
                raise
            self.template = name
        return self.template

    def close(self) -> None:
        if self.template is not None:
            self.drop(self.template)
        self.admin.dispose()


@pytest.fixture(scope="session")
def _pg_servers():
    servers: dict[str, PgServer] = {}
    yield servers
    for server in servers.values():
        server.close()


@pytest.fixture
def pg_server(postgres_url, _pg_servers) -> PgServer:
    """The server of PROGRAMMATION_PG_URL (fails under CI, skips elsewhere, when absent)."""
    if postgres_url not in _pg_servers:
        _pg_servers[postgres_url] = PgServer(postgres_url)
    return _pg_servers[postgres_url]


@pytest.fixture
def pg_database(pg_server):
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    with pg_server.fresh() as database:
        yield database


@pytest.fixture
def pg_demo(pg_server):
    """The demo in a fresh PostgreSQL database (a copy of the run's template), dropped after."""
    with pg_server.fresh(pg_server.demo_template()) as database:
        yield database
