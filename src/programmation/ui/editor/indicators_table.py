"""The evaluation indicators with their targets: an editable list (label, target, unit)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, Qt

from ...services.dossier_editing import DossierForm, IndicatorForm
from .inputs import InputError, parse_quantity, quantity_text
from .table_base import LEFT, RIGHT, ROOT, Index, cell_key
from .undo import Binder, CallbackEdit

HEADERS = ("Indicateur", "Cible", "Unité")
_FIELDS = ("label", "target", "unit")


class IndicatorModel(QAbstractTableModel):
    def __init__(self, form: DossierForm, binder: Binder, parent=None) -> None:
        super().__init__(parent)
        self.binder = binder
        self.refused_message = ""
        self.load(form)

    def load(self, form: DossierForm) -> None:
        self.beginResetModel()
        self.form = form
        self.endResetModel()

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
            self.dataChanged.emit(self.index(row, 0), self.index(row, 2))
        self.binder.notify()

    # --- Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 3:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if section == 1 else LEFT)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        indicator, column = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (indicator.label, quantity_text(indicator.target), indicator.unit)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if column == 1 else LEFT)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemNeverHasChildren)

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        indicator, name = self.rows[index.row()], _FIELDS[index.column()]
        new: object = str(value)
        if name == "target":
            try:
                new = parse_quantity(str(value))
            except InputError as error:
                self.refused_message = f"Indicateur « {indicator.label} » : {error}"
                self.binder.notify()
                return False
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
