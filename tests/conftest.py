"""Test set-up shared by every layer.

Qt runs offscreen and the user's settings and data folders are never touched.
"""

from __future__ import annotations

import os

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
