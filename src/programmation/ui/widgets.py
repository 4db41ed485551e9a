"""Small read-only building blocks shared by the screens: labels, forms, tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from .table_models import RIGHT

ERROR_STYLE = "color: #b3261e; font-weight: bold;"
OK_STYLE = "color: #1b5e20;"
MUTED_STYLE = "color: #5f6368;"
ROW_HEIGHT = 24  # every table's rows, in pixels


def text_label(text: str, *, wrap: bool = True, style: str = "", name: str = "") -> QLabel:
    """A plain-text, selectable label (data never goes through the rich-text parser)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    if name:
        label.setObjectName(name)
    return label


def show_status(label: QLabel, text: str, *, error: bool = False, calm: str = OK_STYLE) -> None:
    """Say on ``label`` what just happened: in red when it went wrong, else in ``calm``."""
    label.setStyleSheet(ERROR_STYLE if error else calm)
    label.setText(text)


def compact_rows(view: QTableView) -> None:
    """Alternating rows of one fixed height, unwrapped, without row numbers.

    A fixed vertical header also keeps long tables fast: Qt need not measure every row.
    """
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    vertical = view.verticalHeader()
    vertical.setVisible(False)
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(ROW_HEIGHT)


def form(rows: Iterable[tuple[str, str]], title: str = "") -> QWidget:
    """A two-column form « Libellé : valeur »; empty values read « — »."""
    box = QGroupBox(title) if title else QWidget()
    layout = QFormLayout(box)
    layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
    layout.setHorizontalSpacing(14)
    for caption, value in rows:
        layout.addRow(QLabel(f"{caption} :"), text_label(value or "—"))
    return box


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *,
          right: Iterable[int] = (), bold_last: bool = False, stretch: int = 0,
          name: str = "") -> QTableWidget:
    """A read-only table sized to its rows, so the page scrolls rather than the table."""
    widget = QTableWidget(len(rows), len(headers))
    if name:
        widget.setObjectName(name)
    widget.setHorizontalHeaderLabels(list(headers))
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    compact_rows(widget)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    right = set(right)
    bold = QFont(widget.font())
    bold.setBold(True)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            if value:
                item.setToolTip(value)
            if c in right:
                item.setTextAlignment(RIGHT)
            if bold_last and r == len(rows) - 1:
                item.setFont(bold)
            widget.setItem(r, c, item)
    header = widget.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column in right:
        widget.horizontalHeaderItem(column).setTextAlignment(RIGHT)
    height = header.sizeHint().height() + ROW_HEIGHT * len(rows) + 2 * widget.frameWidth()
    widget.setFixedHeight(height)
    return widget


def section_title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
