"""The CERFA budget as an editable grid: charges, produits (one 74 line per funder), 86/87.

One :class:`BudgetState` holds the amounts typed per (account, funder) and
writes them back to the form; four :class:`BudgetGridModel` views show its
sides. Parent accounts with sub-accounts (60, 61, 62, 64, 74, 75, 86, 87) are
subtotal rows; a last row gives the side's total. Every cell edit is an undo
command.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ...domain.budget import ACCOUNTS, ACCOUNTS_BY_CODE, SUBSIDY_ACCOUNT, Side
from ...domain.money import ZERO, total
from ...services.dossier_editing import BudgetLineForm, DossierForm
from ..table_models import TEXT_ROLES, Index, TableModel, bold_font
from .inputs import InputError, amount_text, parse_amount
from .table_base import cell_key
from .undo import Binder, CallbackEdit

Key = tuple[str, str | None]  # (account, funder code on 74 lines)
_HEADER_BRUSH = QBrush(QColor("#eef2f7"))
SIDE_TOTALS = {Side.CHARGE: "Total des charges", Side.PRODUCT: "Total des produits",
               Side.IN_KIND_USE: "Total des emplois (86)",
               Side.IN_KIND_RESOURCE: "Total des ressources (87)"}


@dataclass(frozen=True)
class GridRow:
    code: str
    label: str
    kind: str  # "line" (typed), "header" (subtotal of ``keys``), "total"
    keys: tuple[Key, ...]
    nested: bool = False  # a sub-account, shown indented under its header


def grid_rows(side: Side, subsidy_funders: list[tuple[str, str]],
              extra: set[Key]) -> list[GridRow]:
    """The rows of one side; ``extra`` are stored keys on parent accounts (« non ventilé »)."""
    rows: list[GridRow] = []
    tops = [a for a in ACCOUNTS if a.side is side and a.parent is None]
    for top in tops:
        children = [a for a in ACCOUNTS if a.parent == top.code]
        if top.code == SUBSIDY_ACCOUNT:
            lines = [GridRow("74", name, "line", ((top.code, code),), True)
                     for code, name in subsidy_funders]
        else:
            lines = [GridRow(c.code, c.label, "line", ((c.code, None),), True)
                     for c in children]
        if not lines:
            rows.append(GridRow(top.code, top.label, "line", ((top.code, None),)))
            continue
        if (top.code, None) in extra:
            lines.append(GridRow(top.code, "non ventilé", "line", ((top.code, None),), True))
        rows.append(GridRow(top.code, top.label, "header",
                            tuple(k for line in lines for k in line.keys)))
        rows += lines
    rows.append(GridRow("", SIDE_TOTALS[side], "total", ()))
    return rows


class BudgetState(QObject):
    """The amounts of the budget being typed; the form's ``budget`` follows every change."""

    changed = Signal()
    refused = Signal(str)

    def __init__(self, form: DossierForm, binder: Binder, parent=None) -> None:
        super().__init__(parent)
        self.binder = binder
        self.load(form)

    def load(self, form: DossierForm) -> None:
        self.form = form
        self.amounts: dict[Key, Decimal] = {}
        self.labels: dict[Key, str] = {}
        for line in form.budget:
            key = (line.account, line.funder_code)
            self.amounts[key] = self.amounts.get(key, ZERO) + line.amount
            self.labels.setdefault(key, line.label)
        self.changed.emit()

    def amount(self, key: Key) -> Decimal | None:
        return self.amounts.get(key)

    def total(self, keys: tuple[Key, ...]) -> Decimal:
        return total(self.amounts.get(k, ZERO) for k in keys)

    def side_total(self, side: Side) -> Decimal:
        return total(v for (account, _), v in self.amounts.items()
                     if ACCOUNTS_BY_CODE[account].side is side)

    def apply(self, change: tuple[Key, Decimal | None]) -> None:
        key, value = change
        if value is None:
            self.amounts.pop(key, None)
        else:
            self.amounts[key] = value
        self.form.budget = [BudgetLineForm(a, v, f, self.labels.get((a, f), ""))
                            for (a, f), v in self.amounts.items()]
        self.changed.emit()
        self.binder.notify()

    def set_amount(self, key: Key, text: str, caption: str) -> bool:
        try:
            value = parse_amount(text)
        except InputError as error:
            kept = amount_text(self.amounts.get(key)) or "aucun"
            self.refused.emit(f"{caption} : {error} (montant retenu : {kept})")
            return False
        old = self.amounts.get(key)
        if value == old:
            return True
        self.binder.stack.push(CallbackEdit(
            f"Budget : {caption}", lambda change: self.apply(change), (key, old), (key, value),
            merge_key=cell_key(self.binder, "budget", key)))
        return True


class BudgetGridModel(TableModel):
    titles = ("Compte", "Intitulé", "Montant (€)")
    left_headers = False  # « Compte » and « Intitulé » keep Qt's centred titles

    def __init__(self, state: BudgetState, side: Side, subsidy_funders: list[tuple[str, str]],
                 parent=None) -> None:
        super().__init__(parent)
        self.state, self.side = state, side
        extra = {k for k in state.amounts if k[1] is None and k[0] in _PARENTS}
        listed = {code for code, _ in subsidy_funders}
        subsidy_funders = subsidy_funders + [  # a 74 line of a funder the grid does not list
            (code, code) for account, code in state.amounts
            if account == SUBSIDY_ACCOUNT and code and code not in listed]
        self.rows = grid_rows(side, subsidy_funders, extra)
        state.changed.connect(self._refresh)

    def _refresh(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self.rows) - 1, 2))

    def row_count(self) -> int:
        return len(self.rows)

    def is_right(self, column: int) -> bool:
        return column == 2  # the amount

    def is_editable(self, index: Index) -> bool:
        return index.column() == 2 and self.rows[index.row()].kind == "line"

    def value(self, row: GridRow) -> Decimal | None:
        if row.kind == "line":
            return self.state.amount(row.keys[0])
        if row.kind == "total":
            return self.state.side_total(self.side)
        return self.state.total(row.keys)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role in TEXT_ROLES:
            label = f"    {row.label}" if row.nested else row.label
            value = self.value(row)
            shown = "" if row.kind == "header" and not value else amount_text(value)
            return (row.code, label, shown)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(column)
        if role == Qt.ItemDataRole.FontRole and row.kind != "line":
            return bold_font()
        if role == Qt.ItemDataRole.BackgroundRole and row.kind != "line":
            return _HEADER_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return row.label
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self.accepts(index, role):
            return False
        row = self.rows[index.row()]
        return self.state.set_amount(row.keys[0], str(value), f"{row.code} {row.label}")

    def same_value(self, index: Index, text: str) -> bool:
        """Whether ``text`` (being typed) already stands for the cell's amount."""
        try:
            return parse_amount(text) == self.value(self.rows[index.row()])
        except InputError:
            return True  # leave the typing alone

    def row_of(self, code: str, label: str | None = None) -> int:
        return next(i for i, r in enumerate(self.rows)
                    if r.code == code and r.kind == "line" and (label is None or r.label == label))


_PARENTS = {a.code for a in ACCOUNTS if a.parent is None}
