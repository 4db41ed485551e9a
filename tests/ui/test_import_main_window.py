"""Importing from the main window: the « Fichier » menu and a file dropped onto the list."""

from decimal import Decimal

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from programmation.adapters.exporting.dauphin import write_dauphin_workbook
from programmation.domain.dauphin import Field
from programmation.ui.importing.import_dialog import ImportDialog

F = Field
WAIT_MS = 20_000


def dauphin_file(folder):
    path = folder / "dauphin.xlsx"
    write_dauphin_workbook(path, [{
        F.REFERENCE: "DA-2026-1", F.YEAR: 2026, F.TITLE: "Médiation numérique", F.PILLAR: "ADR",
        F.CARRIER: "Connect'Quartier", F.SIRET: "42424242424242", F.STATUS: "Transmise",
        F.FUNDER: "ETAT-147", F.REQUESTED: Decimal("4000"),
    }])
    return path


def file_menu_actions(window) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def references(window) -> list[str]:
    model = window.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_file_menu_imports_and_the_list_shows_the_new_dossier(qtbot, window, tmp_path):
    assert "&Importer des dossiers…" in file_menu_actions(window)

    window.action_import.trigger()
    dialog = window.findChild(ImportDialog)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.path_edit, str(dauphin_file(tmp_path)))
    qtbot.mouseClick(dialog.analyse_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=WAIT_MS)
    assert dialog.counts_label.text().startswith("1 ligne lue : 1 à créer")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "DA-2026-1" in references(window), timeout=WAIT_MS)

    assert len(references(window)) == 5
    assert "5 dossiers" in window.totals_label.text()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(ImportDialog) is None)  # closed and deleted


def _drag(kind, path, target):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    position = QPointF(target.rect().center())
    if kind is QDragEnterEvent:
        return mime, QDragEnterEvent(QPoint(position.toPoint()), Qt.DropAction.CopyAction, mime,
                                     Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    return mime, QDropEvent(position, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)


def test_a_file_dropped_on_the_list_opens_its_preview(qtbot, window, tmp_path):
    path = dauphin_file(tmp_path)
    viewport = window.table.viewport()

    _mime, enter = _drag(QDragEnterEvent, path, viewport)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    _mime, drop = _drag(QDropEvent, path, viewport)
    QApplication.sendEvent(viewport, drop)

    dialog = window.findChild(ImportDialog)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=WAIT_MS)
    assert dialog.path_edit.text() == str(path)
    assert dialog.counts_label.text().startswith("1 ligne lue : 1 à créer")
    window.grab().save(str(tmp_path / "fenetre.png"))
    dialog.reject()


def test_a_file_of_another_kind_is_not_taken(window, tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG")
    _mime, enter = _drag(QDragEnterEvent, path, window.table.viewport())
    enter.ignore()

    QApplication.sendEvent(window.table.viewport(), enter)

    assert not enter.isAccepted()
    assert window.findChild(ImportDialog) is None
