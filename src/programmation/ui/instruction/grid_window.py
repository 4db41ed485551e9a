"""« Grille de notation »: the contract's criteria, edited in a table, saved at once.

The grid is checked and written by ``services.scoring.save_grid`` in one transaction:
its French reasons (a negative weight, a code used twice, a label missing, a scored
criterion removed) are shown and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...adapters.persistence.database import Database
from ...services.errors import ServiceError
from ...services.scoring import CriterionView, SaveGrid, load_grid, save_grid
from ..table_models import Index, TableModel
from ..widgets import MUTED_STYLE, compact_rows, show_status, text_label

CODE, LABEL, WEIGHT, SCALE, GUIDANCE = range(5)
FIELDS = ("code", "label", "weight", "scale_max", "guidance")
NUMBERS = {WEIGHT: "Poids", SCALE: "Note maximale"}


@dataclass(frozen=True)
class GridRow:
    criterion: CriterionView
    saved: bool  # already in the base: its code is what its scores refer to


class GridModel(TableModel):
    """The criteria being edited; a new criterion's code is editable, a saved one's is not."""

    titles = ("Code", "Libellé", "Poids", "Note maximale", "Aide à la notation")
    refused = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[GridRow] = []

    def load(self, criteria: tuple[CriterionView, ...]) -> None:
        self.beginResetModel()
        self.rows = [GridRow(c, True) for c in criteria]
        self.endResetModel()

    def criteria(self) -> tuple[CriterionView, ...]:
        return tuple(row.criterion for row in self.rows)

    def row_count(self) -> int:
        return len(self.rows)

    def is_right(self, column: int) -> bool:
        return column in NUMBERS

    def is_editable(self, index: Index) -> bool:
        return index.column() != CODE or not self.rows[index.row()].saved

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        value = getattr(self.rows[index.row()].criterion, FIELDS[index.column()])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                    Qt.ItemDataRole.ToolTipRole):
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(index.column())
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self.accepts(index, role):
            return False
        text = str(value or "").strip()
        if index.column() in NUMBERS:
            value = _whole(text)
            if value is None:
                self.refused.emit(f"{NUMBERS[index.column()]} : « {text} » n'est pas un "
                                  "nombre entier")
                return False
        else:
            value = text
        row = self.rows[index.row()]
        criterion = replace(row.criterion, **{FIELDS[index.column()]: value})
        self.rows[index.row()] = replace(row, criterion=criterion)
        self.dataChanged.emit(index, index)
        return True

    def add(self) -> int:
        codes = {row.criterion.code for row in self.rows}
        number = next(n for n in range(1, len(codes) + 2) if f"CRIT{n}" not in codes)
        at = len(self.rows)
        self.beginInsertRows(QModelIndex(), at, at)
        self.rows.append(GridRow(CriterionView(f"CRIT{number}", "", 1, 4, ""), False))
        self.endInsertRows()
        return at

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rows[row]
        self.endRemoveRows()

    def move(self, row: int, step: int) -> int:
        """Swap ``row`` with its neighbour ``step`` away; returns where it is now."""
        other = row + step
        if not (0 <= row < len(self.rows) and 0 <= other < len(self.rows)):
            return row
        self.beginMoveRows(QModelIndex(), max(row, other), max(row, other), QModelIndex(),
                           min(row, other))
        self.rows[row], self.rows[other] = self.rows[other], self.rows[row]
        self.endMoveRows()
        return other


def _whole(text: str) -> int | None:
    """A whole number, signed: a negative weight is refused by the service, in words."""
    digits = "".join(text.split()).replace("\u202f", "")
    body = digits[1:] if digits.startswith("-") else digits
    return int(digits) if body.isdigit() else None


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    return button


class ScoringGridWindow(QDialog):
    """Edit the current contract's scoring grid; « Enregistrer » saves it whole."""

    saved = Signal()

    def __init__(self, database: Callable[[], Database], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("grille_notation")
        self.setWindowTitle("Grille de notation")
        self._database = database
        self.model = GridModel(self)
        self.table = QTableView()
        self.table.setObjectName("criteres")
        self.table.setModel(self.model)
        compact_rows(self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(GUIDANCE, QHeaderView.ResizeMode.Stretch)
        self.add_button = _button("Ajouter un critère", "ajouter_critere")
        self.remove_button = _button("Retirer", "retirer_critere")
        self.up_button = _button("Monter", "monter_critere")
        self.down_button = _button("Descendre", "descendre_critere")
        self.save_button = _button("Enregistrer la grille", "enregistrer_grille")
        self.reload_button = _button("Annuler les modifications", "recharger_grille")
        self.message = text_label("", name="message_grille")
        self._layout()
        self._connect()
        self.reload()

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(text_label(
            "Chaque critère est noté de 0 à sa note maximale ; le total sur 100 pondère les "
            "critères par leur poids. Un critère déjà noté ne peut pas être retiré.",
            style=MUTED_STYLE))
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.resize(1000, 420)

    def _connect(self) -> None:
        self.model.refused.connect(lambda why: self._say(why, error=True))
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.save_button.clicked.connect(self.save)
        self.reload_button.clicked.connect(self.reload)

    def reload(self) -> None:
        try:
            self.model.load(load_grid(self._database()))
        except ServiceError as error:
            self._say(str(error), error=True)
            return
        self.table.resizeColumnsToContents()
        self.message.setText("")

    def _current_row(self) -> int | None:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def _select(self, row: int, column: int = LABEL) -> None:
        self.table.setCurrentIndex(self.model.index(row, column))

    def _add(self) -> None:
        row = self.model.add()
        self._select(row)
        self.table.edit(self.model.index(row, LABEL))

    def _remove(self) -> None:
        row = self._current_row()
        if row is not None:
            self.model.remove(row)
            if self.model.rowCount():
                self._select(min(row, self.model.rowCount() - 1))

    def _move(self, step: int) -> None:
        row = self._current_row()
        if row is not None:
            self._select(self.model.move(row, step), self.table.currentIndex().column())

    def save(self) -> bool:
        try:
            criteria = save_grid(self._database(), SaveGrid(self.model.criteria()))
        except ServiceError as error:
            self._say(f"Rien n'a été enregistré : {error}.", error=True)
            return False
        self.model.load(criteria)
        self._say(f"Grille enregistrée : {len(criteria)} critère"
                  f"{'s' if len(criteria) > 1 else ''}.")
        self.saved.emit()
        return True

    def _say(self, text: str, *, error: bool = False) -> None:
        show_status(self.message, ("⚠ " if error else "") + text, error=error)
