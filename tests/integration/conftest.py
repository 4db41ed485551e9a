"""Integration fixtures: the demo database (built once per run) and PostgreSQL."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory):
    """The demonstration database, built once and shared read-only by the tests."""
    from programmation.adapters.persistence.database import Database
    from programmation.demo import build_demo

    db = Database.open(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    build_demo(db)
    yield db
    db.dispose()


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
