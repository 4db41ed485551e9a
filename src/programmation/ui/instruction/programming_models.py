"""Table models of the programming window: dossiers ranked per pillar, envelopes."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from operator import attrgetter

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from ...services.programming import EnvelopeRow, PillarRanking, RankedDossier
from ..display import format_eur, format_quantity
from ..dossiers.table_model import channel_short
from ..table_models import (
    LEFT,
    OBJECT_ROLE,
    ColumnSpec,
    Index,
    RowsModel,
    bold_font,
    money_column,
    no_tip,
    text_column,
)
from .amounts import parse_amount

RED = QColor("#b3261e")
_ROLE = Qt.ItemDataRole

RANK, DOSSIER, CARRIER, CHANNEL, STATUS, SCORE, REQUESTED, PROPOSED, GRANTED, FUNDER, COST = \
    range(11)

# (dossier, line id, amount) → None if saved, else the French reason it was not
Proposer = Callable[[RankedDossier, int, Decimal | None], str | None]


def _score_tip(row: RankedDossier) -> str:
    count = row.scorers
    return (f"Moyenne des totaux de {count} instructeur{'s' if count > 1 else ''}" if count
            else "Pas encore noté")


def _amount(title: str, attribute: str) -> ColumnSpec:
    return money_column(title, attribute, empty="—", tip=no_tip)


RANKING_COLUMNS = (  # FUNDER, whose amount depends on the funder chosen, is the model's
    ColumnSpec("Rang", lambda r: str(r.rank), attrgetter("rank"), right=True, tip=no_tip),
    ColumnSpec("Dossier", lambda r: f"{r.reference} — {r.title}", attrgetter("reference")),
    text_column("Porteur", "carrier"),
    ColumnSpec("Modalité", lambda r: channel_short(r.channel), attrgetter("channel"), tip=no_tip),
    ColumnSpec("Statut", lambda r: r.status.label, attrgetter("status"), tip=no_tip),
    ColumnSpec("Score / 100", lambda r: format_quantity(r.score), attrgetter("score"),
               right=True, tip=_score_tip),
    _amount("Demandé", "requested"),
    _amount("Proposé", "proposed"),
    _amount("Accordé", "granted"),
    _amount("Coût / bénéficiaire", "cost_per_beneficiary"),
)


def _ranking_rows(pillars: tuple[PillarRanking, ...]) -> list[PillarRanking | RankedDossier]:
    rows: list[PillarRanking | RankedDossier] = []
    for pillar in pillars:
        rows.append(pillar)
        rows.extend(pillar.dossiers)
    return rows


def _identity(row) -> tuple:
    return ("p", row.code) if isinstance(row, PillarRanking) else ("d", row.id)


class RankingModel(RowsModel):
    """Per pillar, a heading row then its dossiers by decreasing score.

    The « Proposé (financeur) » column is editable: it is the amount proposed on
    the chosen funder's line of the dossier.
    """

    def __init__(self, proposer: Proposer, parent=None) -> None:
        funder = ColumnSpec("Proposé ({})", self._funder_text, self._funder_amount, right=True,
                            tip=no_tip)
        columns = (*RANKING_COLUMNS[:FUNDER], funder, *RANKING_COLUMNS[FUNDER:])
        super().__init__(columns, parent, identity=_identity)
        self._funder_code, self._funder_name = "", ""
        self._proposer = proposer
        self.last_error = ""

    def set_pillars(self, pillars: tuple[PillarRanking, ...]) -> None:
        self.set_rows(_ranking_rows(pillars))

    def set_funder(self, code: str, name: str) -> None:
        self._funder_code, self._funder_name = code, name
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, FUNDER, FUNDER)
        if self._rows:
            self.dataChanged.emit(self.index(0, FUNDER), self.index(len(self._rows) - 1, FUNDER))

    def is_heading(self, row: int) -> bool:
        return isinstance(self._rows[row], PillarRanking)

    def title(self, section: int) -> str:
        return super().title(section).format(self._funder_code or "financeur")

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = _ROLE.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == _ROLE.ToolTipRole and section == FUNDER:
                return f"Montant proposé par {self._funder_name or 'le financeur choisi'}"
            if role == _ROLE.TextAlignmentRole and section == RANK:
                return int(LEFT)  # over right-aligned ranks, as the dossiers' title is
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = _ROLE.DisplayRole):
        row = self.row_at(index.row()) if index.isValid() else None
        if isinstance(row, PillarRanking):
            return _heading_data(row, index.column(), role)
        if role == _ROLE.EditRole and row is not None:
            if index.column() == FUNDER:
                line = row.line_for(self._funder_code)
                return "" if line is None else format_eur(line.proposed, with_symbol=False)
            return super().data(index, _ROLE.DisplayRole)
        return super().data(index, role)

    def _funder_text(self, row: RankedDossier) -> str:
        line = row.line_for(self._funder_code)
        return "—" if line is None else format_eur(line.proposed)

    def _funder_amount(self, row: RankedDossier) -> Decimal | None:
        line = row.line_for(self._funder_code)
        return line.proposed if line else None

    def is_editable(self, index: Index) -> bool:
        row = self._rows[index.row()]
        return (index.column() == FUNDER and isinstance(row, RankedDossier)
                and row.line_for(self._funder_code) is not None)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.isValid() and self.is_heading(index.row()):
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
        return super().flags(index)

    def setData(self, index: Index, value, role: int = _ROLE.EditRole) -> bool:
        if not self.accepts(index, role):
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


def _heading_data(pillar: PillarRanking, column: int, role: int):
    if role == _ROLE.DisplayRole and column == 0:
        count = len(pillar.dossiers)
        return (f"{pillar.name} — {count} dossier{'s' if count > 1 else ''} — proposé ou "
                f"accordé : {format_eur(pillar.proposed)}")
    if role == _ROLE.FontRole:
        return bold_font()
    if role == _ROLE.BackgroundRole:
        return QBrush(QColor("#e8eef7"))
    if role == OBJECT_ROLE:
        return pillar
    return None


ENVELOPE_COLUMNS = (
    text_column("Financeur", "funder_name"),
    ColumnSpec("Modalité", lambda r: channel_short(r.channel) + (
        f" — {r.pillar}" if r.pillar else ""), attrgetter("channel"), tip=no_tip),
    money_column("Enveloppe", "amount", tip=no_tip),
    money_column("Proposé", "proposed", tip=no_tip),
    money_column("Accordé", "granted", tip=no_tip),
    money_column("Reste", "left", tip=no_tip),
)
REST = 5


class EnvelopeModel(RowsModel):
    """One row per funder × channel (× pillar when earmarked); a negative rest is red."""

    def __init__(self, parent=None) -> None:
        super().__init__(ENVELOPE_COLUMNS, parent,
                         identity=lambda r: (r.funder_code, r.channel, r.pillar))

    def data(self, index: Index, role: int = _ROLE.DisplayRole):
        if role == _ROLE.ForegroundRole:
            row: EnvelopeRow | None = self.row_at(index.row()) if index.isValid() else None
            return QBrush(RED) if index.column() == REST and row and row.left < 0 else None
        return super().data(index, role)
