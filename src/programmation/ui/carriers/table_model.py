"""The carrier list as a Qt table model, growing by pages as the view scrolls.

The service returns the matching carriers (searched in SQL); the model hands
them to the view 500 at a time (``canFetchMore``/``fetchMore``), so a register
of thousands of carriers opens at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...services.carriers import CarrierRow
from ..display import format_int

OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2  # the CarrierRow
PAGE_SIZE = 500

_ALL = QModelIndex()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class Column(IntEnum):
    NAME = 0
    LEGAL_FORM = 1
    SIRET = 2
    RNA = 3
    CITY = 4
    DOSSIERS = 5
    YEARS = 6


HEADERS = ("Nom", "Forme juridique", "SIRET", "RNA", "Commune", "Dossiers", "Années")


def format_siret(siret: str) -> str:
    """``90000003000313`` → ``900 000 030 00313`` (SIREN by threes, then the NIC)."""
    if len(siret) != 14:
        return siret
    return f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"


def years_text(row: CarrierRow) -> str:
    if row.first_year is None:
        return "—"
    if row.first_year == row.last_year:
        return str(row.first_year)
    return f"{row.first_year}–{row.last_year}"


def display_texts(row: CarrierRow) -> tuple[str, ...]:
    return (row.name, row.legal_form, format_siret(row.siret), row.rna, row.city,
            format_int(row.dossiers), years_text(row))


class CarrierTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[CarrierRow] = []
        self._shown = 0  # rows handed to the view so far

    def set_rows(self, rows: Sequence[CarrierRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = min(PAGE_SIZE, len(self._rows))
        self.endResetModel()

    @property
    def total(self) -> int:
        """All matching carriers, including those not fetched by the view yet."""
        return len(self._rows)

    def row_at(self, row: int) -> CarrierRow | None:
        return self._rows[row] if 0 <= row < self._shown else None

    def row_of(self, carrier_id: int) -> int | None:
        """The row of a carrier, fetching pages up to it if needed."""
        for position, row in enumerate(self._rows):
            if row.id == carrier_id:
                while self._shown <= position:
                    self.fetchMore(_ALL)
                return position
        return None

    # --- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ALL) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ALL) -> int:
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ALL) -> bool:
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ALL) -> None:
        if not self.canFetchMore(parent):
            return
        last = min(self._shown + PAGE_SIZE, len(self._rows))
        self.beginInsertRows(_ALL, self._shown, last - 1)
        self._shown = last
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == Column.DOSSIERS:
            return int(_RIGHT)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return display_texts(row)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if column == Column.DOSSIERS else _LEFT)
        if role == OBJECT_ROLE:
            return row
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flag = Qt.ItemFlag
        return flag.ItemIsEnabled | flag.ItemIsSelectable | flag.ItemNeverHasChildren
