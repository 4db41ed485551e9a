"""The selected dossiers as an xlsx workbook: one row per dossier, in the order given.

Text is always written as text, and stays text when edited (``=HYPERLINK(…)``
stays a name); amounts are numbers in French euros (see :mod:`.cells`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .cells import EURO_FORMAT, number_cell, text_cell

TEXT, YEAR, EUROS = "text", "year", "euros"
SHEET_TITLE = "Sélection"
EXPORT_COLUMNS = (  # (header, width, kind)
    ("Référence", 17, TEXT), ("Année", 8, YEAR), ("Modalité", 24, TEXT), ("Porteur", 36, TEXT),
    ("SIRET", 16, TEXT), ("Intitulé de l'action", 48, TEXT), ("Pilier", 30, TEXT),
    ("Statut", 20, TEXT), ("Instructeurs", 30, TEXT), ("Coût total", 15, EUROS),
    ("Demandé", 15, EUROS), ("Proposé", 15, EUROS), ("Accordé", 15, EUROS),
    ("Nouveau / reconduit", 12, TEXT),
)
_FORMATS = {YEAR: "0", EUROS: EURO_FORMAT}


def _text(sheet, value: object, bold: bool = False):
    return text_cell(sheet, value, font=Font(bold=bold), quote_formulas=True)


def _row(sheet, values: Sequence[object]) -> list:
    return [_text(sheet, value) if kind == TEXT else number_cell(sheet, value, _FORMATS[kind])
            for (_, _, kind), value in zip(EXPORT_COLUMNS, values, strict=True)]


def write_selection_workbook(path: Path, rows: Iterable[Sequence[object]]) -> int:
    """Write ``rows`` (one value per column of :data:`EXPORT_COLUMNS`); returns their number.

    ``rows`` may be a generator: it is read as the sheet is written.
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_TITLE)
    sheet.freeze_panes = "A2"
    for column, (_, width, _) in enumerate(EXPORT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    try:
        sheet.append([_text(sheet, header, bold=True) for header, _, _ in EXPORT_COLUMNS])
        written = 0
        for values in rows:
            sheet.append(_row(sheet, values))
            written += 1
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(EXPORT_COLUMNS))}{written + 1}"
        book.save(path)
    finally:
        if not sheet.closed:  # a failed save leaves the sheet's row writer open: finish it
            sheet.close()
    return written
