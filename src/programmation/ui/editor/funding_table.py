"""The funding requests: one row per funder, one amount column per year (three for a CPO).

Amounts are kept by year offset (N, N+1, N+2), so changing the dossier's year
or channel moves or hides columns without losing what was typed; the form's
``funding`` lists the requests of the dossier's years only.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from ...domain.channels import FundingNature
from ...domain.money import total
from ...services.dossier_editing import DossierForm, FunderChoice, FundingRequestForm
from ..table_models import TEXT_ROLES, EditableTableModel, Index, bold_font
from .inputs import InputError, amount_text, parse_amount
from .table_base import CHOICES_ROLE, cell_key
from .undo import CallbackEdit

NATURES = [(n, n.label) for n in FundingNature if n is not FundingNature.OWN]
FIRST_AMOUNT = 2  # columns: Financeur, Nature, then the years


class FundingModel(EditableTableModel):
    # --- state -----------------------------------------------------------------------------

    def load(self, form: DossierForm) -> None:
        self.beginResetModel()
        self.form = form
        self.funders: list[FunderChoice] = [f for f in form.choices.funders if f.subsidy]
        self.amounts: dict[tuple[str, int], Decimal] = {}
        self.natures: dict[str, FundingNature] = {}
        for line in form.funding:
            self.amounts[(line.funder_code, line.year - form.year)] = line.requested
            if line.nature is not None:
                self.natures[line.funder_code] = line.nature
        self.endResetModel()

    def years_changed(self) -> None:
        """The dossier's year or channel changed: new columns, same amounts per offset."""
        self.beginResetModel()
        self._write_back()
        self.endResetModel()

    def _write_back(self) -> None:
        form = self.form
        self.form.funding = [
            FundingRequestForm(code, form.year + offset, amount, self.natures.get(code))
            for (code, offset), amount in sorted(self.amounts.items(),
                                                 key=lambda i: (self._position(i[0][0]), i[0][1]))
            if offset < form.duration_years
        ]

    def _position(self, code: str) -> int:
        return next((i for i, f in enumerate(self.funders) if f.code == code), len(self.funders))

    def apply(self, change: tuple[str, object, object]) -> None:
        kind, key, value = change
        store = self.amounts if kind == "amount" else self.natures
        if value is None:
            store.pop(key, None)
        else:
            store[key] = value
        self._write_back()
        self.dataChanged.emit(self.index(0, 0),
             self.index(self.rowCount() - 1, self.columnCount() - 1))
        self.binder.notify()

    def apply_all(self, amounts: dict[tuple[str, int], Decimal]) -> None:
        self.amounts = dict(amounts)
        self.apply(("amount", None, None))

    def take_from_budget(self, subsidies: dict[str, Decimal]) -> None:
        """Ask each funder, every year, for its 74 line of the budget (one undo step)."""
        new = {(code, offset): amount for code, amount in subsidies.items() if amount
               for offset in range(self.form.duration_years)}
        if new != self.amounts:
            self.binder.stack.push(CallbackEdit(
                "Reprendre les lignes 74 du budget", self.apply_all, dict(self.amounts), new))

    def total(self, offset: int) -> Decimal:
        return total(a for (_, o), a in self.amounts.items() if o == offset)

    # --- Qt model --------------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self.funders) + 1  # + the total row

    def column_count(self) -> int:
        return FIRST_AMOUNT + self.form.duration_years

    def title(self, section: int) -> str:
        if section < FIRST_AMOUNT:
            return ("Financeur", "Nature")[section]
        return f"Demandé {self.form.year + section - FIRST_AMOUNT} (€)"

    def is_right(self, column: int) -> bool:
        return column >= FIRST_AMOUNT

    def is_editable(self, index: Index) -> bool:
        return index.row() < len(self.funders) and index.column() >= 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if row == len(self.funders):
            return self._total_data(column, role)
        funder = self.funders[row]
        offset = column - FIRST_AMOUNT
        if role in TEXT_ROLES:
            if column == 0:
                return funder.name
            if column == 1:
                nature = self.natures.get(funder.code, funder.nature)
                return nature if role == Qt.ItemDataRole.EditRole else nature.label
            return amount_text(self.amounts.get((funder.code, offset)))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(column)
        if role == CHOICES_ROLE and column == 1:
            return NATURES
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return funder.name
        return None

    def _total_data(self, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return "Total demandé"
            return "" if column < FIRST_AMOUNT else amount_text(self.total(column - FIRST_AMOUNT))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(column)
        if role == Qt.ItemDataRole.FontRole:
            return bold_font()
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self.accepts(index, role):
            return False
        funder = self.funders[index.row()]
        if index.column() == 1:
            old = self.natures.get(funder.code)
            if value == (old or funder.nature):
                return True
            self.binder.stack.push(CallbackEdit(
                f"Nature : {funder.name}", self.apply, ("nature", funder.code, old),
                ("nature", funder.code, FundingNature(value))))
            return True
        key = (funder.code, index.column() - FIRST_AMOUNT)
        try:
            amount = parse_amount(str(value))
        except InputError as error:
            return self.refuse(f"{funder.name} : {error}")
        amount = amount or None  # an empty or zero amount: no request
        old = self.amounts.get(key)
        if amount != old:
            self.binder.stack.push(CallbackEdit(
                f"Demande : {funder.name}", self.apply, ("amount", key, old),
                ("amount", key, amount), merge_key=cell_key(self.binder, "funding", key)))
        self.refused_message = ""
        return True

    def same_value(self, index: Index, text: str) -> bool:
        if index.column() < FIRST_AMOUNT or index.row() >= len(self.funders):
            return False
        try:
            amount = parse_amount(text) or None
        except InputError:
            return True
        key = (self.funders[index.row()].code, index.column() - FIRST_AMOUNT)
        return amount == self.amounts.get(key)

    def row_of(self, funder_code: str) -> int:
        return next(i for i, f in enumerate(self.funders) if f.code == funder_code)
