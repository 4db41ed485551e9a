"""The carrier list as a Qt table model, growing by pages as the view scrolls.

The service returns the matching carriers (searched in SQL); the model hands
them to the view 500 at a time (``canFetchMore``/``fetchMore``), so a register
of thousands of carriers opens at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from ...services.carriers import CarrierRow
from ..display import format_int
from ..table_models import ROOT, ColumnSpec, ColumnTableModel, Index, text_column

PAGE_SIZE = 500


class Column(IntEnum):
    NAME = 0
    LEGAL_FORM = 1
    SIRET = 2
    RNA = 3
    CITY = 4
    DOSSIERS = 5
    YEARS = 6


def format_siret(siret: str) -> str:
    """``90000003000313`` → ``900 000 030 00313`` (SIREN by threes, then the NIC)."""
    if len(siret) != 14:
        return siret
    return f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"


def years_text(row: CarrierRow) -> str:
    if row.first_year is None:
        return "—"
    if row.first_year == row.last_year:
        return str(row.first_year)
    return f"{row.first_year}–{row.last_year}"


COLUMNS = (  # in the order of Column
    text_column("Nom", "name"),
    text_column("Forme juridique", "legal_form"),
    ColumnSpec("SIRET", lambda r: format_siret(r.siret)),
    text_column("RNA", "rna"),
    text_column("Commune", "city"),
    ColumnSpec("Dossiers", lambda r: format_int(r.dossiers), lambda r: r.dossiers, right=True),
    ColumnSpec("Années", years_text),
)


class CarrierTableModel(ColumnTableModel):
    left_headers = False  # only « Dossiers », over numbers, leaves Qt's centred title

    def __init__(self, parent=None) -> None:
        super().__init__(COLUMNS, parent)
        self._rows: list[CarrierRow] = []
        self._shown = 0  # rows handed to the view so far

    def set_rows(self, rows: Sequence[CarrierRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = min(PAGE_SIZE, len(self._rows))
        self.endResetModel()

    @property
    def total(self) -> int:
        """All matching carriers, including those not fetched by the view yet."""
        return len(self._rows)

    def row_at(self, row: int) -> CarrierRow | None:
        return self._rows[row] if 0 <= row < self._shown else None

    def row_of(self, carrier_id: int) -> int | None:
        """The row of a carrier, fetching pages up to it if needed."""
        for position, row in enumerate(self._rows):
            if row.id == carrier_id:
                while self._shown <= position:
                    self.fetchMore(ROOT)
                return position
        return None

    # --- Qt model: the pages ---------------------------------------------------------------

    def row_count(self) -> int:
        return self._shown

    def canFetchMore(self, parent: Index = ROOT) -> bool:
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: Index = ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        last = min(self._shown + PAGE_SIZE, len(self._rows))
        self.beginInsertRows(ROOT, self._shown, last - 1)
        self._shown = last
        self.endInsertRows()
