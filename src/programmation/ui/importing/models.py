"""Read-only table models of the import preview: rows to create / update / keep, rejections."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...services.import_plan import Rejection
from ...services.importing import PreviewRow
from ..display import format_eur

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2  # the record behind the row
_ALL = QModelIndex()


@dataclass(frozen=True)
class ColumnSpec:
    header: str
    text: Callable[[object], str]
    right: bool = False


ROW_COLUMNS = (
    ColumnSpec("Ligne", lambda r: str(r.row), right=True),
    ColumnSpec("Référence", lambda r: r.reference),
    ColumnSpec("Porteur", lambda r: r.carrier),
    ColumnSpec("Intitulé de l'action", lambda r: r.title),
    ColumnSpec("Exercice", lambda r: str(r.year), right=True),
    ColumnSpec("Financeur", lambda r: r.funder),
    ColumnSpec("Demandé", lambda r: format_eur(r.requested), right=True),
)
# Rows to update: what changes, last, takes the room left.
UPDATE_COLUMNS = (*ROW_COLUMNS[:3], ROW_COLUMNS[5], ColumnSpec("Changements", lambda r: r.detail))
REJECTION_COLUMNS = (
    ColumnSpec("Ligne", lambda r: str(r.row), right=True),
    ColumnSpec("Colonne", lambda r: r.column),
    ColumnSpec("Motif", lambda r: r.reason),
)


class RecordTableModel(QAbstractTableModel):
    """Records (frozen dataclasses) shown through column specs; nothing is editable."""

    def __init__(self, columns: Sequence[ColumnSpec], parent=None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._records: list[PreviewRow | Rejection] = []

    def set_records(self, records: Sequence[PreviewRow | Rejection]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int) -> PreviewRow | Rejection | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ALL) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ALL) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record, spec = self._records[index.row()], self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return spec.text(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if spec.right else _LEFT)
        if role == OBJECT_ROLE:
            return record
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if self._columns[section].right else _LEFT)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
