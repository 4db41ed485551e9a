"""Read-only table models of the import preview: rows to create / update / keep, rejections.

Plain :class:`~programmation.ui.table_models.RowsModel` lists: the French text,
amounts right-aligned, the raw value to sort on (row number, year, Decimal
amount) and the record itself (``OBJECT_ROLE``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ...services.import_plan import Rejection
from ...services.importing import PreviewRow
from ..table_models import ColumnSpec, RowsModel, money_column, text_column

FILE_ROW = ColumnSpec("Ligne", lambda r: str(r.row), lambda r: r.row, right=True)
ROW_COLUMNS = (
    FILE_ROW,
    text_column("Référence", "reference"),
    text_column("Porteur", "carrier"),
    text_column("Intitulé de l'action", "title"),
    ColumnSpec("Exercice", lambda r: str(r.year), lambda r: r.year, right=True),
    text_column("Financeur", "funder"),
    money_column("Demandé", "requested"),
)
# Rows to update: what changes, last, takes the room left.
UPDATE_COLUMNS = (*ROW_COLUMNS[:3], ROW_COLUMNS[5], text_column("Changements", "detail"))
REJECTION_COLUMNS = (FILE_ROW, text_column("Colonne", "column"), text_column("Motif", "reason"))


class RecordTableModel(RowsModel):
    """Records of the preview (frozen dataclasses) shown through column specs; read-only."""

    def set_records(self, records: Sequence[PreviewRow | Rejection]) -> None:
        self.set_rows(records)
