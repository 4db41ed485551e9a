"""The import preview's tables: French text, amounts right-aligned, sorted on raw values."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from programmation.services.import_plan import Rejection
from programmation.services.importing import Outcome, PreviewRow
from programmation.ui.importing.models import (
    REJECTION_COLUMNS,
    ROW_COLUMNS,
    UPDATE_COLUMNS,
    RecordTableModel,
)
from programmation.ui.table_models import OBJECT_ROLE, SORT_ROLE, RowsModel

NNBSP, NBSP = "\u202f", "\u00a0"
ROWS = [PreviewRow(row, Outcome.CREATE, f"2025-AAP-{row:03d}", "Maison de quartier Élan",
                   "Ateliers", 2025, "ETAT-147", Decimal(amount), "")
        for row, amount in ((9, "12000"), (10, "900.50"), (11, "1234567.89"))]


def _column(model, title: str) -> int:
    return next(c for c in range(model.columnCount())
                if model.headerData(c, Qt.Orientation.Horizontal) == title)


def test_the_preview_rows_read_in_french_and_pass_the_model_tester(qtmodeltester):
    model = RecordTableModel(ROW_COLUMNS)
    model.set_records(ROWS)
    qtmodeltester.check(model, force_py=True)
    assert isinstance(model, RowsModel)
    asked = _column(model, "Demandé")
    assert model.index(2, asked).data() == f"1{NNBSP}234{NNBSP}567,89{NBSP}€"
    assert model.index(2, asked).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(1, 0).data(OBJECT_ROLE) is ROWS[1]
    assert model.index(0, _column(model, "Porteur")).data(Qt.ItemDataRole.ToolTipRole) == (
        "Maison de quartier Élan")


def test_amounts_years_and_line_numbers_give_their_raw_values_to_sort_on():
    model = RecordTableModel(ROW_COLUMNS)
    model.set_records(ROWS)
    asked, year = _column(model, "Demandé"), _column(model, "Exercice")
    assert [model.index(r, asked).data(SORT_ROLE) for r in range(3)] == [
        Decimal("12000"), Decimal("900.50"), Decimal("1234567.89")]  # not « 1 234 567,89 € »
    assert [model.index(r, 0).data(SORT_ROLE) for r in range(3)] == [9, 10, 11]
    assert model.index(0, year).data(SORT_ROLE) == 2025
    assert model.index(0, _column(model, "Porteur")).data(SORT_ROLE) == "Maison de quartier Élan"


def test_updates_and_rejections_show_their_own_columns(qtmodeltester):
    updates = RecordTableModel(UPDATE_COLUMNS)
    assert [updates.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Ligne", "Référence", "Porteur", "Financeur", "Changements"]
    rejections = RecordTableModel(REJECTION_COLUMNS)
    rejections.set_records([Rejection(4, "Montant demandé", "« mille » n'est pas un montant")])
    qtmodeltester.check(rejections, force_py=True)
    assert [rejections.index(0, c).data() for c in range(3)] == [
        "4", "Montant demandé", "« mille » n'est pas un montant"]
    rejections.set_records([])
    assert rejections.rowCount() == 0
