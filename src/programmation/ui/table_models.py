"""What the app's Qt table models share: roles, alignment, column specs and their bases.

- :class:`TableModel` — the plumbing every flat table repeats: counts (no cell has
  children), titled headers right-aligned over amounts, flags naming the editable
  cells, the guard of ``setData``.
- :class:`ColumnTableModel` — a read-only table whose columns are :class:`ColumnSpec`:
  the French text (display and tooltip), right-aligned amounts, the raw value to
  sort on (:data:`SORT_ROLE`: Decimal, date, int…) and the row itself
  (:data:`OBJECT_ROLE`); subclasses say where the rows come from.
- :class:`RowsModel` — a :class:`ColumnTableModel` over a plain list of rows.
- :class:`EditableTableModel` — a table of the dossier form the user types in,
  through the editor's undo ``binder``; a refused entry leaves its French reason
  in ``refused_message``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from .display import format_date, format_eur

if TYPE_CHECKING:
    from ..services.dossier_editing import DossierForm
    from .editor.undo import Binder

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value: Decimal, date, int, str, enum
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2  # the row behind the cell
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ROOT = QModelIndex()  # the parent of every cell of a flat table
Index = QModelIndex | QPersistentModelIndex
TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole)
_ROLE = Qt.ItemDataRole
_FLAG = Qt.ItemFlag
_READ_ONLY = _FLAG.ItemIsEnabled | _FLAG.ItemIsSelectable | _FLAG.ItemNeverHasChildren


def alignment(right: bool) -> int:
    """A cell's alignment as ``data`` hands it to Qt: amounts right, text left."""
    return int(RIGHT if right else LEFT)


def bold_font() -> QFont:
    """The font of headings and total rows."""
    font = QFont()
    font.setBold(True)
    return font


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a :class:`ColumnTableModel`: what the user reads and what sorts."""

    title: str
    text: Callable[[Any], str]
    raw: Callable[[Any], object] | None = None  # the SORT_ROLE value; None: the text
    right: bool = False
    tip: Callable[[Any], str | None] | None = None  # a longer text than the cell's; None: it


def no_tip(_row: object) -> None:
    """The ``tip`` of a column whose cells need none (codes, amounts)."""
    return None


def text_column(title: str, attribute: str) -> ColumnSpec:
    """A text shown as it is, its tooltip the whole text."""
    return ColumnSpec(title, attrgetter(attribute))


def money_column(title: str, attribute: str, *, empty: str = "",
                 tip: Callable[[Any], str | None] | None = None) -> ColumnSpec:
    """A right-aligned amount read in French (``1 234,50 €``) that sorts as a Decimal."""
    value = attrgetter(attribute)

    def text(row: object) -> str:
        amount = value(row)
        return empty if amount is None else format_eur(amount)
    return ColumnSpec(title, text, value, right=True, tip=tip)


def date_column(title: str, attribute: str) -> ColumnSpec:
    """A date read ``31/12/2025`` that sorts as a date."""
    value = attrgetter(attribute)
    return ColumnSpec(title, lambda row: format_date(value(row)), value)


class TableModel(QAbstractTableModel):
    """The plumbing of a flat table; subclasses give ``row_count`` and the column titles.

    ``titles`` serves tables whose columns never change; others override
    ``column_count`` and ``title``. ``is_right`` names the amount columns,
    ``is_editable`` the cells a user may type in.
    """

    titles: Sequence[str] = ()
    left_headers = True  # False: titles over text keep Qt's centring, amounts' go right

    def row_count(self) -> int:
        raise NotImplementedError

    def column_count(self) -> int:
        return len(self.titles)

    def title(self, section: int) -> str:
        return self.titles[section]

    def is_right(self, column: int) -> bool:
        return False

    def is_editable(self, index: Index) -> bool:
        return False

    def alignment(self, column: int) -> int:
        return alignment(self.is_right(column))

    def accepts(self, index: Index, role: int) -> bool:
        """Whether ``setData`` may write: the edit role, on an editable cell."""
        return role == _ROLE.EditRole and bool(self.flags(index) & _FLAG.ItemIsEditable)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else self.column_count()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = _ROLE.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.column_count():
            return None
        if role == _ROLE.DisplayRole:
            return self.title(section)
        if role == _ROLE.TextAlignmentRole and (self.left_headers or self.is_right(section)):
            return self.alignment(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return _FLAG.NoItemFlags
        if self.is_editable(index):
            return _READ_ONLY | _FLAG.ItemIsEditable
        return _READ_ONLY


class ColumnTableModel(TableModel):
    """A read-only table shown through column specs; subclasses hold the rows."""

    def __init__(self, columns: Sequence[ColumnSpec], parent=None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self.titles = tuple(column.title for column in self._columns)

    def row_at(self, row: int) -> Any | None:
        raise NotImplementedError

    def is_right(self, column: int) -> bool:
        return self._columns[column].right

    def data(self, index: Index, role: int = _ROLE.DisplayRole):
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or not 0 <= index.column() < len(self._columns):
            return None
        column = self._columns[index.column()]
        if role == _ROLE.DisplayRole:
            return column.text(row)
        if role == _ROLE.ToolTipRole:
            return column.tip(row) if column.tip else column.text(row)
        if role == _ROLE.TextAlignmentRole:
            return alignment(column.right)
        if role == SORT_ROLE:
            return column.raw(row) if column.raw else column.text(row)
        if role == OBJECT_ROLE:
            return row
        return None


class RowsModel(ColumnTableModel):
    """A read-only list of plain rows (frozen dataclasses) shown through column specs.

    With an ``identity``, rows that come back the same (same keys, same order)
    only refresh their cells: the selection and the scroll stay where they were.
    """

    def __init__(self, columns: Sequence[ColumnSpec], parent=None, *,
                 identity: Callable[[Any], Hashable] | None = None) -> None:
        super().__init__(columns, parent)
        self._rows: list[Any] = []
        self._identity = identity

    def set_rows(self, rows: Sequence[Any]) -> None:
        rows = list(rows)
        if rows and self._same_rows(rows):
            self._rows = rows  # only their figures changed
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(rows) - 1, self.column_count() - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def _same_rows(self, rows: list[Any]) -> bool:
        key = self._identity
        return key is not None and [key(r) for r in rows] == [key(r) for r in self._rows]

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_count(self) -> int:
        return len(self._rows)


class EditableTableModel(TableModel):
    """A table of the dossier ``form`` being edited; each edit is an undo command of ``binder``."""

    def __init__(self, form: DossierForm, binder: Binder, parent=None) -> None:
        super().__init__(parent)
        self.binder = binder
        self.refused_message = ""
        self.load(form)

    def load(self, form: DossierForm) -> None:
        """Show ``form`` (another dossier, or the same one reloaded after saving)."""
        self.beginResetModel()
        self.form = form
        self.endResetModel()

    def refuse(self, reason: str) -> bool:
        """Keep the French ``reason`` for the page to show; the edit is not taken."""
        self.refused_message = reason
        self.binder.notify()
        return False
