"""Editable tables of the editor: a configured view and a delegate that commits as you type.

The delegate's line editor hands each keystroke to the model (so totals and
alerts follow the typing); the model turns it into an undo command, and the
keystrokes of one cell merge into one command until the cell editor closes.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ..table_models import LEFT, RIGHT, ROOT, Index
from ..widgets import compact_rows
from .undo import Binder

__all__ = ["CHOICES_ROLE", "LEFT", "RIGHT", "ROOT", "Index", "LiveDelegate", "cell_key",
           "editable_view"]

CHOICES_ROLE = Qt.ItemDataRole.UserRole + 10  # [(value, label)] for a cell edited by a combo


class LiveDelegate(QStyledItemDelegate):
    """Text cells commit at every keystroke; cells offering choices are edited by a combo."""

    def __init__(self, binder: Binder, parent=None) -> None:
        super().__init__(parent)
        self._binder = binder
        self.closeEditor.connect(lambda *_: binder.next_session())

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index
                     ) -> QWidget:
        choices = index.data(CHOICES_ROLE)
        if choices:
            combo = QComboBox(parent)
            for value, label in choices:
                combo.addItem(label, value)
            combo.activated.connect(lambda _i: self.commitData.emit(combo))
            self._binder.route_undo_keys(combo)
            return combo
        editor = QLineEdit(parent)
        alignment = index.data(Qt.ItemDataRole.TextAlignmentRole)
        editor.setAlignment(Qt.AlignmentFlag(alignment) if alignment else LEFT)
        editor.textEdited.connect(lambda _text: self.commitData.emit(editor))
        self._binder.route_undo_keys(editor)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))
            return
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        model = index.model()
        same = getattr(model, "same_value", None)
        if isinstance(editor, QLineEdit) and editor.text() != text and not (
                same is not None and same(index, editor.text())):
            editor.setText(text)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


def editable_view(model: QAbstractItemModel, binder: Binder, name: str, *,
                  stretch: int = 1) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setItemDelegate(LiveDelegate(binder, view))
    view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                         | QAbstractItemView.EditTrigger.EditKeyPressed
                         | QAbstractItemView.EditTrigger.AnyKeyPressed
                         | QAbstractItemView.EditTrigger.SelectedClicked)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    compact_rows(view)
    view.setTabKeyNavigation(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setHighlightSections(False)
    binder.route_undo_keys(view)
    return view


def cell_key(binder: Binder, *parts: object) -> tuple:
    """Keystrokes merge per cell and per editing session."""
    return (*parts, binder.session)

