"""Window state in QSettings (IniFormat, next to the user's configuration), never business data."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from ..paths import config_dir

SETTINGS_FILE = "programmation.ini"
MAIN_WINDOW = "fenetre_principale"


def open_settings() -> QSettings:
    return QSettings(str(config_dir() / SETTINGS_FILE), QSettings.Format.IniFormat)


class WindowSettings:
    """The saved state of one window, in its named group, with typed defaults."""

    def __init__(self, group: str) -> None:
        self.group = group

    def _read(self, key: str, default):
        settings = open_settings()
        settings.beginGroup(self.group)
        try:
            return settings.value(key, default)
        finally:
            settings.endGroup()

    def bytes(self, key: str) -> QByteArray | None:
        value = self._read(key, None)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def integers(self, key: str) -> list[int]:
        text = self._read(key, "")
        if isinstance(text, list):  # IniFormat reads « a,b,c » back as a list
            text = ",".join(str(part) for part in text)
        try:
            return [int(part) for part in str(text).split(",") if part.strip()]
        except ValueError:
            return []

    def write(self, values: dict[str, object]) -> None:
        settings = open_settings()
        settings.beginGroup(self.group)
        for key, value in values.items():
            if isinstance(value, list):
                value = ",".join(str(v) for v in value)
            settings.setValue(key, value)
        settings.endGroup()
        settings.sync()
