"""Shared pieces of the « Modalités » screens: list views, a message line, action dialogs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.errors import ServiceError
from ..editor.inputs import InputError, amount_text, parse_amount
from ..table_models import OBJECT_ROLE, RIGHT, RowsModel, text_column
from ..widgets import compact_rows, show_status

REFUSED = (ServiceError, InputError)  # what a user action may be refused with, in French
# The columns most lists of the channel screens begin with.
REFERENCE_COLUMN = text_column("Référence", "reference")
CARRIER_COLUMN = text_column("Porteur", "carrier")


def list_view(model: RowsModel, name: str) -> QTableView:
    """A table of whole-row single selection over ``model``, columns fitted once filled."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    compact_rows(view)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def fit_columns(view: QTableView, widest: int = 320) -> None:
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count()):
        header.resizeSection(column, min(header.sectionSize(column), widest))


def selected_row(view: QTableView) -> object | None:
    index = view.currentIndex()
    return view.model().data(index, OBJECT_ROLE) if index.isValid() else None


class MessageLine(QLabel):
    """One line saying what just happened, or why it was refused."""

    def __init__(self, name: str = "message") -> None:
        super().__init__()
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)

    def error(self, text: str) -> None:
        show_status(self, text, error=True)

    def ok(self, text: str) -> None:
        show_status(self, text)


class ActionDialog(QDialog):
    """A form whose « Enregistrer » calls ``submit``; a refusal stays on screen, in French."""

    def __init__(self, title: str, parent: QWidget | None, ok_text: str = "Enregistrer") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.body = QVBoxLayout()
        self.body.addLayout(self.form)
        self.message = MessageLine("erreur")
        self.ok_button = QPushButton(ok_text)
        self.ok_button.setObjectName("valider")
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton("Annuler")
        self.ok_button.clicked.connect(self._ok)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.result_text = ""

    def submit(self) -> str:
        """Do the action; return what to tell the user, or raise a REFUSED error."""
        raise NotImplementedError

    def _ok(self) -> None:
        try:
            self.result_text = self.submit()
        except REFUSED as refused:
            self.message.error(str(refused))
            return
        self.accept()


def run_action(message: MessageLine, action: Callable[[], str],
               after: Callable[[], None] | None = None) -> bool:
    """Run a service call from a button: say what was done, or why it was refused."""
    try:
        text = action()
    except REFUSED as refused:
        message.error(str(refused))
        return False
    if after is not None:
        after()
    message.ok(text)
    return True


class AmountsTable(QTableWidget):
    """Amounts typed per funder, in one or several columns (a year each, for a CPO)."""

    def __init__(self, funders: Sequence[tuple[str, str]], columns: Sequence[str],
                 name: str = "montants") -> None:
        super().__init__(len(funders), 1 + len(columns))
        self.setObjectName(name)
        self.columns = list(columns)
        self.setHorizontalHeaderLabels(["Financeur", *columns])
        self.verticalHeader().setVisible(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for row, (code, funder) in enumerate(funders):
            item = QTableWidgetItem(funder)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.setItem(row, 0, item)
            for column in range(1, 1 + len(columns)):
                amount = QTableWidgetItem("")
                amount.setTextAlignment(RIGHT)
                self.setItem(row, column, amount)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 1 + len(columns)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(column, 120)

    def code_at(self, row: int) -> str:
        return self.item(row, 0).data(Qt.ItemDataRole.UserRole)

    def row_of(self, code: str) -> int:
        return next(r for r in range(self.rowCount()) if self.code_at(r) == code)

    def set_amount(self, code: str, amount: Decimal | None, column: int = 0) -> None:
        self.item(self.row_of(code), column + 1).setText(amount_text(amount))

    def amounts(self) -> list[tuple[str, int, Decimal]]:
        """(funder code, column, amount) of every filled cell; a bad cell names its funder."""
        found = []
        for row in range(self.rowCount()):
            for column in range(len(self.columns)):
                text = self.item(row, column + 1).text()
                try:
                    amount = parse_amount(text)
                except InputError as exc:
                    where = self.item(row, 0).text()
                    if len(self.columns) > 1:
                        where += f" ({self.columns[column]})"
                    raise InputError(f"{where} : {exc}") from None
                if amount is not None:
                    found.append((self.code_at(row), column, amount))
        return found
