"""Where an import starts: the menu action, or a file dropped onto the dossier table."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QWidget

from ...adapters.importing import SUFFIXES
from ...adapters.persistence.database import Database
from ..current_user import CurrentUser
from .import_controller import ImportController
from .import_dialog import ImportDialog


def dropped_file(event: QDropEvent | QDragEnterEvent) -> str | None:
    """The one local file of a supported type carried by a drag, if any."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return None
    files = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    if len(files) != 1 or Path(files[0]).suffix.lower() not in SUFFIXES:
        return None
    return files[0]


class FileDropFilter(QObject):
    """Accepts a dossier file dragged onto a view and says which one was dropped."""

    dropped = Signal(str)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if dropped_file(event) is not None:  # type: ignore[arg-type]
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
            return False
        if kind == QEvent.Type.Drop:
            path = dropped_file(event)  # type: ignore[arg-type]
            if path is not None:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                self.dropped.emit(path)
                return True
        return False


class ImportEntry(QObject):
    """Opens the import dialog on the current database; ``on_imported`` reloads the list;
    the imported rows are recorded under ``current_user``."""

    def __init__(self, parent: QWidget, database: Callable[[], Database],
                 on_imported: Callable[[], None], current_user: CurrentUser) -> None:
        super().__init__(parent)
        self._parent, self._database, self._on_imported = parent, database, on_imported
        self.current_user = current_user
        self.dialog: ImportDialog | None = None
        self.controller: ImportController | None = None
        self.drop_filter = FileDropFilter(self)
        self.drop_filter.dropped.connect(self.open)

    def open(self, path: str = "") -> ImportDialog:
        dialog = ImportDialog(self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        controller = ImportController(dialog, self._database(), self.current_user)
        controller.imported.connect(self._on_imported)
        self.dialog, self.controller = dialog, controller
        dialog.open()
        if path:
            controller.set_path(path)
        return dialog

    def accept_drops(self, view: QAbstractItemView) -> None:
        view.viewport().setAcceptDrops(True)
        view.viewport().installEventFilter(self.drop_filter)
