"""Test set-up shared by every layer.

Qt runs offscreen and the user's settings and data folders are never touched.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory, monkeypatch):
    """Settings and the default database go to a temporary home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PROGRAMMATION_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("PROGRAMMATION_CONFIG_DIR", str(home / "config"))


@pytest.fixture
def database(tmp_path):
    """A fresh, empty SQLite database at the current schema."""
    from programmation.adapters.persistence.database import Database

    db = Database.open(tmp_path / "programmation.sqlite")
    yield db
    db.dispose()


def _copy_sqlite(source, target: Path) -> Path:
    """Copy the SQLite database ``source`` to ``target`` with SQLite's backup API."""
    with closing(sqlite3.connect(source.label)) as origin, \
            closing(sqlite3.connect(target)) as copy:
        origin.backup(copy)
    return target


@pytest.fixture(scope="session")
def copy_sqlite():
    """``copy_sqlite(database, path) -> path``: a file copy of a SQLite database, fast."""
    return _copy_sqlite


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
def demo_file(demo_database, tmp_path) -> Path:
    """A private copy of the demo database file, not opened (for the command line)."""
    return _copy_sqlite(demo_database, tmp_path / "demo.sqlite")


@pytest.fixture
def demo_copy(demo_file):
    """A private copy of the demo database, opened, for the tests that write."""
    from programmation.adapters.persistence.database import Database

    db = Database.open(demo_file)
    yield db
    db.dispose()
