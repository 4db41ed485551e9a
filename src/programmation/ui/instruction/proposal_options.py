"""The proposal's pillar rules: a small table of minimum / maximum shares, and the result
per pillar beside them.

A share is typed in percent (« 30 », « 30 % », « 12,5 »); an empty cell means no rule.
A share the French parser refuses is not taken: its reason waits in ``refused_message``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ...domain.french_input import InputError, parse_percent
from ...domain.proposal.results import CpoFloorUse, PillarUse
from ...services.proposal import PillarOption
from ..display import format_eur, format_percent
from ..table_models import Index, TableModel
from ..widgets import compact_rows

PILLAR, MINIMUM, MAXIMUM = range(3)


def percent(ratio: Decimal | None) -> str:
    """0.305 → « 30,5 % »; None (no rule) → empty."""
    return "" if ratio is None else format_percent(ratio)


class PillarSharesModel(TableModel):
    """One row per pillar of the year's contract; its minimum and maximum share editable."""

    titles = ("Pilier (parts facultatives)", "Part minimale", "Part maximale")
    refused = Signal(str)

    def __init__(self, pillars: Sequence[PillarOption], parent=None) -> None:
        super().__init__(parent)
        self.pillars = tuple(pillars)
        self.bounds: list[list[Decimal | None]] = [[None, None] for _ in self.pillars]
        self.refused_message = ""

    def row_count(self) -> int:
        return len(self.pillars)

    def is_right(self, column: int) -> bool:
        return column != PILLAR

    def is_editable(self, index: Index) -> bool:
        return index.column() in (MINIMUM, MAXIMUM)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.pillars):
            return None
        pillar = self.pillars[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == PILLAR:
                return pillar.name + (" (prioritaire)" if pillar.priority else "")
            return percent(self.bounds[index.row()][index.column() - 1])
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == PILLAR:
            return pillar.name
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(index.column())
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self.accepts(index, role):
            return False
        try:
            share = parse_percent(str(value or ""))
        except InputError as error:
            self.refused_message = f"{self.pillars[index.row()].name} : {error}"
            self.refused.emit(self.refused_message)
            return False
        self.refused_message = ""
        self.bounds[index.row()][index.column() - 1] = share
        self.dataChanged.emit(index, index)
        return True

    def shares(self, column: int) -> dict[str, Decimal]:
        """Pillar code → ratio, for the pillars with a rule in ``column``."""
        return {p.code: bound[column - 1] for p, bound in zip(self.pillars, self.bounds,
                                                              strict=True)
                if bound[column - 1] is not None}


def shares_table(model: PillarSharesModel) -> QTableView:
    view = QTableView()
    view.setObjectName("parts_piliers")
    view.setModel(model)
    compact_rows(view)
    view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                         | QAbstractItemView.EditTrigger.EditKeyPressed
                         | QAbstractItemView.EditTrigger.AnyKeyPressed)
    header = view.horizontalHeader()
    header.setSectionResizeMode(PILLAR, QHeaderView.ResizeMode.Stretch)
    for column in (MINIMUM, MAXIMUM):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    view.setMaximumHeight(24 * 4 + 30)  # beside the options; the other pillars scroll
    view.setToolTip("Parts par pilier, facultatives : en % du montant total proposé. "
                    "Laissez vide pour ne rien imposer.")
    return view


PILLAR_RESULT_HEADERS = ("Pilier", "Montant proposé", "Part", "Minimum", "Maximum",
                         "Dossiers retenus", "")


def pillar_rows(pillars: Sequence[PillarUse]) -> list[list[str]]:
    """The proposal's money per pillar, its share and bounds, as the dialog's table rows."""
    return [[use.label, format_eur(use.amount), percent(use.share), percent(use.min_share),
             percent(use.max_share), f"{use.selected} sur {use.candidates}",
             "plafond atteint" if use.cap_binding else ""] for use in pillars]


def floor_text(use: CpoFloorUse | None) -> str:
    """The CPO floor as the proposal leaves it, in one sentence."""
    if use is None:
        return "Plancher CPO non appliqué à cette proposition."
    basis = "du montant" if use.basis == "money" else "des dossiers"
    return (f"Plancher CPO ({use.label}) : {format_percent(use.achieved)} {basis} en CPO pour "
            f"au moins {format_percent(use.required)} — "
            f"{'respecté' if use.met else 'non respecté'}.")
