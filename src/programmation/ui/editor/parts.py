"""Small pieces the editor's pages share: the alert box and page layouts."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ..widgets import MUTED_STYLE, OK_STYLE, text_label

WARNING_STYLE = "color: #8a4b00;"
_BOX_STYLE = ("QFrame#{name} {{ background: #fff8e6; border: 1px solid #f0c36d; "
              "border-radius: 4px; }}")
_OK_BOX_STYLE = ("QFrame#{name} {{ background: #f1f8f1; border: 1px solid #a5d6a7; "
                 "border-radius: 4px; }}")


class AlertBox(QFrame):
    """The rules a part of the dossier breaks, in words, shown beside its fields."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._title = text_label("", name=f"{name}_titre")
        font = self._title.font()
        font.setBold(True)
        self._title.setFont(font)
        self._lines = QVBoxLayout()
        self._lines.setSpacing(4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self._title)
        layout.addLayout(self._lines)
        self.messages: list[str] = []
        self.show_messages([])

    def show_messages(self, messages: Sequence[str]) -> None:
        if list(messages) == self.messages and self._lines.count():
            return
        self.messages = list(messages)
        while self._lines.count():
            item = self._lines.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        name = self.objectName()
        if not messages:
            self._title.setText("✓ Rien à signaler")
            self._title.setStyleSheet(OK_STYLE)
            self.setStyleSheet(_OK_BOX_STYLE.format(name=name))
            return
        self._title.setText("⚠ À vérifier")
        self._title.setStyleSheet(WARNING_STYLE)
        self.setStyleSheet(_BOX_STYLE.format(name=name))
        for message in messages:
            self._lines.addWidget(text_label(f"• {message[:1].upper()}{message[1:]}",
                                             style=WARNING_STYLE))

    def texts(self) -> list[str]:
        return list(self.messages)


def form_box(title: str, rows: Sequence[tuple[str, QWidget]]) -> QGroupBox:
    box = QGroupBox(title)
    layout = QFormLayout(box)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    for caption, widget in rows:
        if not caption:
            layout.addRow(widget)
            continue
        label = QLabel(f"{caption} :")
        label.setBuddy(widget)
        layout.addRow(label, widget)
    return box


def two_columns(left: Sequence[QWidget], right: Sequence[QWidget], *,
                stretch: tuple[int, int] = (3, 2)) -> QWidget:
    page = QWidget()
    outer = QHBoxLayout(page)
    outer.setContentsMargins(10, 10, 10, 10)
    outer.setSpacing(14)
    for widgets, factor in ((left, stretch[0]), (right, stretch[1])):
        column = QVBoxLayout()
        column.setSpacing(10)
        for widget in widgets:
            column.addWidget(widget)
        column.addStretch(1)
        outer.addLayout(column, factor)
    return page


def hint(text: str) -> QLabel:
    return text_label(text, style=MUTED_STYLE)
