"""The dossier list as a Qt table model that holds only ids and fetches rows by page.

Filtering and sorting happen in SQL (``DossierListService.ids``); the model keeps
the ordered ids and asks the service for the rows it must show, a page at a
time, in a bounded cache. 50,000 dossiers list and sort without building
50,000 Python rows.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain.channels import Channel
from ...services.dossier_list import (
    HEADERS,
    MONEY_COLUMNS,
    Column,
    DossierFilter,
    DossierListService,
    DossierRow,
)
from ..display import format_eur

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value: Decimal, int, str, enum
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2  # the DossierRow

PAGE_SIZE = 200
CACHE_ROWS = 4000

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_LONG_TEXT = frozenset({Column.CARRIER, Column.TITLE, Column.PILLAR, Column.CHANNEL})
_ALL = QModelIndex()


# The acronyms programming teams use every day; the full label is in the tooltip.
CHANNEL_SHORT = {Channel.AAP: "AAP", Channel.AMI: "AMI", Channel.RESERVE: "Réserve",
                 Channel.CPO: "CPO"}


def display_texts(row: DossierRow) -> tuple[str, ...]:
    """The texts a user reads in each column, in French."""
    return (
        row.reference, str(row.year), CHANNEL_SHORT.get(row.channel, row.channel.label),
        row.carrier, row.title, row.pillar,
        row.status.label, format_eur(row.total_cost), format_eur(row.requested),
        format_eur(row.proposed), format_eur(row.granted),
        "Reconduit" if row.is_renewal else "Nouveau",
    )


class DossierTableModel(QAbstractTableModel):
    def __init__(self, service: DossierListService, parent=None) -> None:
        super().__init__(parent)
        self._service = service
        self._filter = DossierFilter()
        self._sort = Column.REFERENCE
        self._descending = False
        self._ids: list[int] = []
        self._cache: OrderedDict[int, tuple[DossierRow, tuple[str, ...]] | None] = OrderedDict()

    # --- what the controller calls -------------------------------------------------------

    @property
    def current_filter(self) -> DossierFilter:
        return self._filter

    def set_service(self, service: DossierListService, wanted: DossierFilter) -> None:
        """Point the model at another database (after « Ouvrir une base… »)."""
        self._service = service
        self.set_filter(wanted)

    def set_filter(self, wanted: DossierFilter) -> None:
        self._filter = wanted
        self.reload()

    def reload(self) -> None:
        """Query the ids again (the data may have changed) and forget the cached rows."""
        self.beginResetModel()
        self._ids = self._service.ids(self._filter, self._sort, self._descending)
        self._cache.clear()
        self.endResetModel()

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, dossier_id: int) -> int | None:
        try:
            return self._ids.index(dossier_id)
        except ValueError:
            return None

    # --- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ALL) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ALL) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole and Column(section) in MONEY_COLUMNS:
            return int(_RIGHT)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cached = self._entry(index.row())
        if cached is None:
            return None
        row, texts = cached
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return texts[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if column in MONEY_COLUMNS else _LEFT)
        if role == Qt.ItemDataRole.ToolTipRole and column in _LONG_TEXT:
            return row.channel.label if column == Column.CHANNEL else texts[column]
        if role == SORT_ROLE:
            return row.value(Column(column))
        if role == OBJECT_ROLE:
            return row
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flag = Qt.ItemFlag
        return flag.ItemIsEnabled | flag.ItemIsSelectable | flag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL; selections follow their dossier to its new row."""
        key = Column(column) if 0 <= column < len(Column) else Column.REFERENCE
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort, self._descending) and self._ids:
            return
        self._sort, self._descending = key, descending
        self.layoutAboutToBeChanged.emit()
        old_indexes = self.persistentIndexList()
        old_ids = [self._ids[i.row()] for i in old_indexes]
        self._ids = self._service.ids(self._filter, key, descending)
        position = {dossier_id: row for row, dossier_id in enumerate(self._ids)}
        new_indexes = []
        for old, dossier_id in zip(old_indexes, old_ids, strict=True):
            row = position.get(dossier_id)
            new_indexes.append(QModelIndex() if row is None else self.index(row, old.column()))
        self.changePersistentIndexList(old_indexes, new_indexes)
        self.layoutChanged.emit()

    # --- the page cache -------------------------------------------------------------------

    def _entry(self, row: int) -> tuple[DossierRow, tuple[str, ...]] | None:
        if not 0 <= row < len(self._ids):
            return None
        dossier_id = self._ids[row]
        if dossier_id not in self._cache:
            start = row - row % PAGE_SIZE
            self._fetch(self._ids[start:start + PAGE_SIZE])
        return self._cache.get(dossier_id)

    def _fetch(self, ids: Sequence[int]) -> None:
        rows = self._service.rows(ids)
        for dossier_id in ids:
            row = rows.get(dossier_id)  # None: deleted since the ids were read
            self._cache[dossier_id] = None if row is None else (row, display_texts(row))
            self._cache.move_to_end(dossier_id)
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)
