"""Where the user's data and settings live (platformdirs; overridable for tests)."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Programmation"
APP_AUTHOR = "Programmation"


def data_dir() -> Path:
    override = os.environ.get("PROGRAMMATION_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, APP_AUTHOR)


def config_dir() -> Path:
    override = os.environ.get("PROGRAMMATION_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, APP_AUTHOR)


def default_database() -> Path:
    return data_dir() / "programmation.sqlite"


def resources_dir() -> Path:
    return Path(__file__).with_name("resources")
