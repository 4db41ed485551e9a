"""The evaluation indicators with their targets: an editable list (label, target, unit)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ...services.dossier_editing import IndicatorForm
from ..table_models import TEXT_ROLES, EditableTableModel, Index
from .inputs import InputError, parse_quantity, quantity_text
from .table_base import cell_key
from .undo import CallbackEdit

HEADERS = ("Indicateur", "Cible", "Unité")
_FIELDS = ("label", "target", "unit")


class IndicatorModel(EditableTableModel):
    titles = HEADERS

    @property
    def rows(self) -> list[IndicatorForm]:
        return self.form.indicators

    # --- commands --------------------------------------------------------------------------

    def _set_rows(self, rows: list[IndicatorForm]) -> None:
        self.beginResetModel()
        self.form.indicators = list(rows)
        self.endResetModel()
        self.binder.notify()

    def add_row(self) -> int:
        self.binder.stack.push(CallbackEdit("Ajouter un indicateur", self._set_rows,
                                            list(self.rows), [*self.rows, IndicatorForm("")]))
        return len(self.rows) - 1

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            kept = [r for i, r in enumerate(self.rows) if i != row]
            self.binder.stack.push(CallbackEdit("Retirer un indicateur", self._set_rows,
                                                list(self.rows), kept))

    def _set_cell(self, change: tuple[IndicatorForm, str, object]) -> None:
        indicator, name, value = change
        setattr(indicator, name, value)
        if indicator in self.rows:
            row = self.rows.index(indicator)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        self.binder.notify()

    # --- Qt model --------------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self.rows)

    def is_right(self, column: int) -> bool:
        return column == 1  # the target

    def is_editable(self, index: Index) -> bool:
        return True

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        indicator, column = self.rows[index.row()], index.column()
        if role in TEXT_ROLES:
            return (indicator.label, quantity_text(indicator.target), indicator.unit)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(column)
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self.accepts(index, role):
            return False
        indicator, name = self.rows[index.row()], _FIELDS[index.column()]
        new: object = str(value)
        if name == "target":
            try:
                new = parse_quantity(str(value))
            except InputError as error:
                return self.refuse(f"Indicateur « {indicator.label} » : {error}")
        self.refused_message = ""
        old = getattr(indicator, name)
        if new != old:
            self.binder.stack.push(CallbackEdit(
                f"Indicateur : {HEADERS[index.column()].lower()}", self._set_cell,
                (indicator, name, old), (indicator, name, new),
                merge_key=cell_key(self.binder, "indicator", id(indicator), name)))
        return True

    def same_value(self, index: Index, text: str) -> bool:
        if index.column() != 1:
            return False
        try:
            return parse_quantity(text) == self.rows[index.row()].target
        except InputError:
            return True
