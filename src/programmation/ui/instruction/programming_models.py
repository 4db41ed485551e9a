"""Table models of the programming window: dossiers ranked per pillar, envelopes."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...services.programming import EnvelopeRow, PillarRanking, RankedDossier
from ..display import format_eur, format_quantity
from ..dossiers.table_model import CHANNEL_SHORT, OBJECT_ROLE, SORT_ROLE
from .amounts import parse_amount

_ALL = QModelIndex()
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
RED = QColor("#b3261e")

RANK, DOSSIER, CARRIER, CHANNEL, STATUS, SCORE, REQUESTED, PROPOSED, GRANTED, FUNDER, COST = \
    range(11)
RANKING_HEADERS = ("Rang", "Dossier", "Porteur", "Modalité", "Statut", "Score / 100",
                   "Demandé", "Proposé", "Accordé", "Proposé ({})", "Coût / bénéficiaire")
_MONEY = frozenset({REQUESTED, PROPOSED, GRANTED, FUNDER, COST})

# (dossier, line id, amount) → None if saved, else the French reason it was not
Proposer = Callable[[RankedDossier, int, Decimal | None], str | None]


def _ranking_rows(pillars: tuple[PillarRanking, ...]) -> list[PillarRanking | RankedDossier]:
    rows: list[PillarRanking | RankedDossier] = []
    for pillar in pillars:
        rows.append(pillar)
        rows.extend(pillar.dossiers)
    return rows


class RankingModel(QAbstractTableModel):
    """Per pillar, a heading row then its dossiers by decreasing score.

    The « Proposé (financeur) » column is editable: it is the amount proposed on
    the chosen funder's line of the dossier.
    """

    def __init__(self, proposer: Proposer, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[PillarRanking | RankedDossier] = []
        self._funder_code, self._funder_name = "", ""
        self._proposer = proposer
        self.last_error = ""

    def set_pillars(self, pillars: tuple[PillarRanking, ...]) -> None:
        rows = _ranking_rows(pillars)
        if [_identity(r) for r in rows] == [_identity(r) for r in self._rows] and rows:
            self._rows = rows  # same rows: only their figures changed
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, COST))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def set_funder(self, code: str, name: str) -> None:
        self._funder_code, self._funder_name = code, name
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, FUNDER, FUNDER)
        if self._rows:
            self.dataChanged.emit(self.index(0, FUNDER), self.index(len(self._rows) - 1, FUNDER))

    def is_heading(self, row: int) -> bool:
        return isinstance(self._rows[row], PillarRanking)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ALL) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ALL) -> int:
        return 0 if parent.isValid() else len(RANKING_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(RANKING_HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return RANKING_HEADERS[section].format(self._funder_code or "financeur")
        if role == Qt.ItemDataRole.ToolTipRole and section == FUNDER:
            return f"Montant proposé par {self._funder_name or 'le financeur choisi'}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in _MONEY or section == SCORE else _LEFT
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if isinstance(row, PillarRanking):
            return _heading_data(row, column, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column, role)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in _MONEY or column in (SCORE, RANK) else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole and column in (DOSSIER, CARRIER, SCORE):
            return _tooltip(row, column)
        if role == SORT_ROLE:
            return self._raw(row, column)
        if role == OBJECT_ROLE:
            return row
        return None

    def _raw(self, row: RankedDossier, column: int):
        line = row.line_for(self._funder_code)
        return (row.rank, row.reference, row.carrier, row.channel, row.status, row.score,
                row.requested, row.proposed, row.granted, line.proposed if line else None,
                row.cost_per_beneficiary)[column]

    def _text(self, row: RankedDossier, column: int, role: int) -> str:
        if column == FUNDER:
            line = row.line_for(self._funder_code)
            if line is None:
                return "" if role == Qt.ItemDataRole.EditRole else "—"
            return format_eur(line.proposed, with_symbol=role == Qt.ItemDataRole.DisplayRole)
        value = self._raw(row, column)
        if column == DOSSIER:
            return f"{row.reference} — {row.title}"
        if column == CHANNEL:
            return CHANNEL_SHORT.get(value, value.label)
        if column == STATUS:
            return value.label
        if column == SCORE:
            return format_quantity(value)
        if column in _MONEY:
            return format_eur(value) if value is not None else "—"
        return str(value)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
        row = self._rows[index.row()]
        if isinstance(row, RankedDossier):
            flags |= Qt.ItemFlag.ItemIsSelectable
            if index.column() == FUNDER and row.line_for(self._funder_code) is not None:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex | QPersistentModelIndex, value,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index)
                                                    & Qt.ItemFlag.ItemIsEditable):
            return False
        row = self._rows[index.row()]
        line = row.line_for(self._funder_code)
        try:
            amount = parse_amount(str(value))
        except ValueError as error:
            self.last_error = str(error)
            return False
        self.last_error = self._proposer(row, line.line_id, amount) or ""
        return not self.last_error


def _tooltip(row: RankedDossier, column: int) -> str:
    if column == SCORE:
        count = row.scorers
        return (f"Moyenne des totaux de {count} instructeur{'s' if count > 1 else ''}" if count
                else "Pas encore noté")
    return f"{row.reference} — {row.title}" if column == DOSSIER else row.carrier


def _identity(row) -> tuple:
    return ("p", row.code) if isinstance(row, PillarRanking) else ("d", row.id)


def _heading_data(pillar: PillarRanking, column: int, role: int):
    if role == Qt.ItemDataRole.DisplayRole and column == 0:
        count = len(pillar.dossiers)
        return (f"{pillar.name} — {count} dossier{'s' if count > 1 else ''} — proposé ou "
                f"accordé : {format_eur(pillar.proposed)}")
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.BackgroundRole:
        return QBrush(QColor("#e8eef7"))
    if role == OBJECT_ROLE:
        return pillar
    return None


ENVELOPE_HEADERS = ("Financeur", "Modalité", "Enveloppe", "Proposé", "Accordé", "Reste")


class EnvelopeModel(QAbstractTableModel):
    """One row per funder × channel (× pillar when earmarked); a negative rest is red."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[EnvelopeRow] = []

    def set_rows(self, rows: tuple[EnvelopeRow, ...]) -> None:
        if [(r.funder_code, r.channel, r.pillar) for r in rows] == \
                [(r.funder_code, r.channel, r.pillar) for r in self._rows] and rows:
            self._rows = list(rows)
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 5))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ALL) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ALL) -> int:
        return 0 if parent.isValid() else len(ENVELOPE_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 6:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return ENVELOPE_HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section >= 2 else _LEFT
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        raw = (row.funder_name, row.channel, row.amount, row.proposed, row.granted, row.left)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 1:
                return CHANNEL_SHORT.get(row.channel, row.channel.label) + (
                    f" — {row.pillar}" if row.pillar else "")
            return raw[0] if column == 0 else format_eur(raw[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column >= 2 else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and row.left < 0:
            return QBrush(RED)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return row.funder_name
        if role == SORT_ROLE:
            return raw[column]
        if role == OBJECT_ROLE:
            return row
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)
