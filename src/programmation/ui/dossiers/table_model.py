"""The dossier list as a Qt table model that holds only ids and fetches rows by page.

Filtering and sorting happen in SQL (``DossierListService.ids``); the model keeps
the ordered ids and asks the service for the rows it must show, a page at a
time, in a bounded cache. 50,000 dossiers list and sort without building
50,000 Python rows.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt

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
from ..table_models import OBJECT_ROLE, SORT_ROLE, ColumnSpec, ColumnTableModel, no_tip

__all__ = ["CACHE_ROWS", "CHANNEL_SHORT", "OBJECT_ROLE", "PAGE_SIZE", "SORT_ROLE",
           "DossierTableModel", "channel_short"]

PAGE_SIZE = 200
CACHE_ROWS = 4000

# The acronyms programming teams use every day; the full label is in the tooltip.
CHANNEL_SHORT = {Channel.AAP: "AAP", Channel.AMI: "AMI", Channel.RESERVE: "Réserve",
                 Channel.CPO: "CPO"}


def channel_short(channel: Channel) -> str:
    return CHANNEL_SHORT.get(channel, channel.label)


_TEXTS = {  # what a user reads in each column, in French
    Column.REFERENCE: lambda r: r.reference,
    Column.YEAR: lambda r: str(r.year),
    Column.CHANNEL: lambda r: channel_short(r.channel),
    Column.CARRIER: lambda r: r.carrier,
    Column.TITLE: lambda r: r.title,
    Column.PILLAR: lambda r: r.pillar,
    Column.STATUS: lambda r: r.status.label,
    Column.TOTAL_COST: lambda r: format_eur(r.total_cost),
    Column.REQUESTED: lambda r: format_eur(r.requested),
    Column.PROPOSED: lambda r: format_eur(r.proposed),
    Column.GRANTED: lambda r: format_eur(r.granted),
    Column.RENEWAL: lambda r: "Reconduit" if r.is_renewal else "Nouveau",
}
_TIPS = {Column.CARRIER: None, Column.TITLE: None, Column.PILLAR: None,  # None: the long text
         Column.CHANNEL: lambda r: r.channel.label}


def _spec(column: Column) -> ColumnSpec:
    return ColumnSpec(HEADERS[column], _TEXTS[column], lambda row: row.value(column),
                      right=column in MONEY_COLUMNS, tip=_TIPS.get(column, no_tip))


COLUMNS = tuple(_spec(column) for column in Column)


class DossierTableModel(ColumnTableModel):
    left_headers = False  # amounts' titles go right, the others keep Qt's centring

    def __init__(self, service: DossierListService, parent=None) -> None:
        super().__init__(COLUMNS, parent)
        self._service = service
        self._filter = DossierFilter()
        self._sort = Column.REFERENCE
        self._descending = False
        self._ids: list[int] = []
        self._cache: OrderedDict[int, DossierRow | None] = OrderedDict()

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

    def row_count(self) -> int:
        return len(self._ids)

    def row_at(self, row: int) -> DossierRow | None:
        """The dossier shown at ``row``, fetched with its page if not cached."""
        if not 0 <= row < len(self._ids):
            return None
        dossier_id = self._ids[row]
        if dossier_id not in self._cache:
            start = row - row % PAGE_SIZE
            self._fetch(self._ids[start:start + PAGE_SIZE])
        return self._cache.get(dossier_id)

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

    def _fetch(self, ids: Sequence[int]) -> None:
        rows = self._service.rows(ids)
        for dossier_id in ids:
            self._cache[dossier_id] = rows.get(dossier_id)  # None: deleted since the ids were read
            self._cache.move_to_end(dossier_id)
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)
