"""The dossier table model: ids only, rows fetched by page, French display, SQL sorting."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPersistentModelIndex, Qt

from programmation.domain.channels import Channel
from programmation.domain.lifecycle import Status
from programmation.services.dossier_list import (
    Column,
    DossierFilter,
    DossierListService,
    DossierRow,
)
from programmation.ui.dossiers.table_model import (
    CACHE_ROWS,
    OBJECT_ROLE,
    PAGE_SIZE,
    SORT_ROLE,
    DossierTableModel,
)

NNBSP, NBSP = "\u202f", "\u00a0"


def _model(db) -> DossierTableModel:
    model = DossierTableModel(DossierListService(db))
    model.reload()
    return model


def _row_of(model, reference):
    return next(r for r in range(model.rowCount())
                if model.index(r, Column.REFERENCE).data() == reference)


def test_model_passes_qt_model_tester(qtmodeltester, demo_db):
    qtmodeltester.check(_model(demo_db), force_py=True)


def test_sorting_and_filtering_keep_the_model_consistent_for_qt(qtmodeltester, demo_db):
    model = _model(demo_db)
    model.sort(Column.TOTAL_COST, Qt.SortOrder.DescendingOrder)
    model.set_filter(DossierFilter(year=2025))
    qtmodeltester.check(model, force_py=True)


def test_amounts_read_in_french_and_are_right_aligned(demo_db):
    model = _model(demo_db)
    row = _row_of(model, "2024-AAP-002")
    cost = model.index(row, Column.TOTAL_COST)
    assert cost.data() == f"1{NNBSP}500{NNBSP}000,00{NBSP}€"
    assert cost.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    title = model.index(row, Column.TITLE)
    assert not title.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_labels_are_french_words_not_codes(demo_db):
    model = _model(demo_db)
    row = _row_of(model, "2024-AAP-002")
    assert model.index(row, Column.STATUS).data() == "En instruction"
    assert model.index(row, Column.RENEWAL).data() == "Reconduit"
    assert model.index(_row_of(model, "2025-CPO-001"), Column.RENEWAL).data() == "Nouveau"
    channel = model.index(_row_of(model, "2025-RESERVE-001"), Column.CHANNEL)
    assert channel.data() == "Réserve"
    assert channel.data(Qt.ItemDataRole.ToolTipRole) == "Enveloppe de réserve"


def test_sort_role_gives_raw_values_and_object_role_the_row(demo_db):
    model = _model(demo_db)
    row = _row_of(model, "2024-AAP-002")
    assert model.index(row, Column.TOTAL_COST).data(SORT_ROLE) == Decimal("1500000.00")
    assert model.index(row, Column.YEAR).data(SORT_ROLE) == 2024
    assert model.index(row, Column.STATUS).data(SORT_ROLE) == Status.UNDER_REVIEW  # its code
    dossier = model.index(row, Column.TITLE).data(OBJECT_ROLE)
    assert isinstance(dossier, DossierRow)
    assert dossier.title == "Football pour toutes"


def test_sorting_by_cost_orders_amounts_as_numbers_not_as_text(demo_db):
    model = _model(demo_db)
    model.sort(Column.TOTAL_COST, Qt.SortOrder.AscendingOrder)
    costs = [model.index(r, Column.TOTAL_COST).data(SORT_ROLE) for r in range(model.rowCount())]
    assert costs == sorted(costs)
    assert costs[0] == Decimal("3000.00")  # « 3 000,00 » before « 25 000,00 »
    model.sort(Column.TOTAL_COST, Qt.SortOrder.DescendingOrder)
    assert model.index(0, Column.REFERENCE).data() == "2024-AAP-002"


def test_a_selected_dossier_follows_its_row_when_sorted(demo_db):
    model = _model(demo_db)
    held = QPersistentModelIndex(model.index(_row_of(model, "2025-CPO-001"), Column.TITLE))
    model.sort(Column.TOTAL_COST, Qt.SortOrder.DescendingOrder)
    assert held.isValid()
    assert model.index(held.row(), Column.REFERENCE).data() == "2025-CPO-001"
    assert held.column() == Column.TITLE


def test_filter_reloads_only_the_matching_dossiers(demo_db):
    model = _model(demo_db)
    model.set_filter(DossierFilter(channel=Channel.AAP))
    assert model.rowCount() == 2
    model.set_filter(DossierFilter(text="ELAN"))  # accents and case do not matter
    assert sorted(model.index(r, Column.REFERENCE).data() for r in range(2)) == [
        "2024-AAP-001", "2025-RESERVE-001"]


class CountingService:
    """A list service over many fake dossiers that counts the rows it builds."""

    def __init__(self, count: int) -> None:
        self._ids = list(range(1, count + 1))
        self.fetched: list[int] = []

    def ids(self, wanted, sort=Column.REFERENCE, descending=False):
        return list(reversed(self._ids)) if descending else list(self._ids)

    def rows(self, ids):
        self.fetched.append(len(ids))
        return {i: DossierRow(i, f"REF-{i:05d}", 2024, Channel.AAP, "Porteur", "Action",
                              "Pilier", Status.DRAFT, Decimal(i), Decimal(0), Decimal(0),
                              Decimal(0), False) for i in ids}


def test_rows_are_fetched_a_page_at_a_time_on_demand():
    service = CountingService(50_000)
    model = DossierTableModel(service)
    model.reload()
    assert model.rowCount() == 50_000
    assert service.fetched == []  # nothing built before it is shown
    assert model.index(0, Column.REFERENCE).data() == "REF-00001"
    assert model.index(PAGE_SIZE - 1, Column.REFERENCE).data() == f"REF-{PAGE_SIZE:05d}"
    assert service.fetched == [PAGE_SIZE]
    assert model.index(30_000, Column.REFERENCE).data() == "REF-30001"
    assert service.fetched == [PAGE_SIZE, PAGE_SIZE]


def test_the_row_cache_stays_bounded_while_scrolling_everything():
    service = CountingService(20_000)
    model = DossierTableModel(service)
    model.reload()
    for row in range(0, 20_000, PAGE_SIZE):
        model.index(row, Column.REFERENCE).data()
    assert len(model._cache) <= CACHE_ROWS
    assert model.index(0, Column.REFERENCE).data() == "REF-00001"  # fetched again, correct
