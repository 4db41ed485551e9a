"""Closing the dossier editor with unsaved edits: asked once, then gone without an error."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from programmation.domain.channels import Channel
from programmation.services import dossier_editing
from programmation.ui.editor.dialog import DossierEditor
from programmation.ui.editor.gateway import EditorGateway


def _type_title(qtbot, editor, text: str) -> None:
    title = editor.fields.widgets["intitule"]
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, text)
    qtbot.keyClick(title, Qt.Key.Key_Tab)


def _answer(monkeypatch, answers: list) -> list[str]:
    """« Des modifications ne sont pas enregistrées… » answered from ``answers``; the
    questions asked are returned."""
    asked = []

    def question(_parent, title, text, *_args):
        asked.append(f"{title} : {text}")
        return answers.pop(0)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def _delete_later_now() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_an_editor_closed_without_saving_is_destroyed_without_an_error(
        window, qtbot, screen, monkeypatch):
    screen.click_row(window.table, 0)
    window.controller.editing.action_edit.trigger()
    editor = window.controller.editing.editor
    qtbot.waitExposed(editor)
    _type_title(qtbot, editor, " (revu)")
    assert editor.isWindowModified()
    asked = _answer(monkeypatch, [QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.Yes])

    editor.close()  # « Non »: the edits stay, still unsaved
    assert editor.isVisible() and editor.isWindowModified()
    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert not editor.isWindowModified()  # back to the saved dossier: the « [*] » goes
    _type_title(qtbot, editor, " (revu)")
    stack = editor.stack
    editor.close()  # « Oui »: the edits are abandoned, the window goes
    _delete_later_now()
    assert asked == ["Fermer le dossier : Des modifications ne sont pas enregistrées. Les "
                     "abandonner ?"] * 2
    assert not shiboken6.isValid(editor) and not shiboken6.isValid(stack)
    screen.click_row(window.table, 1)  # the main window goes on
    assert window.detail.isVisible()


def test_an_editor_destroyed_with_unsaved_edits_raises_nothing(qtbot, demo_db):
    """Its parent window destroyed first (the app quitting): the undo stack empties itself
    as it goes, and nobody is left to show « [*] »."""
    gateway = EditorGateway(demo_db, "Léa Martin")
    owner = QWidget()
    contract_id = dossier_editing.current_contract_id(demo_db)
    editor = DossierEditor(gateway, gateway.new(contract_id, Channel.AAP, 2025), owner)
    editor.show()
    qtbot.waitExposed(editor)
    _type_title(qtbot, editor, "Jardins du Rivage")
    assert not editor.stack.isClean()
    owner.deleteLater()
    _delete_later_now()
    assert not shiboken6.isValid(editor)
