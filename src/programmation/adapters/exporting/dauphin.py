"""The Dauphin layout as an xlsx workbook: one row per funding line, Dauphin's column names.

Text is always written as text and amounts in French euros (see :mod:`.cells`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ...domain.dauphin import AMOUNT_FIELDS, DATE_FIELDS, DAUPHIN_COLUMNS, YEAR_FIELDS, Field
from .cells import DATE_FORMAT, EURO_FORMAT, text_cell, value_cell

SHEET_TITLE = "Export Dauphin"
_WIDE = {Field.TITLE: 45, Field.CARRIER: 35, Field.SUMMARY: 50, Field.FUNDER: 35,
         Field.CALL: 35, Field.PILLAR: 30}


def _cell(sheet, wanted: Field, value: object) -> WriteOnlyCell:
    if value is None or value == "":
        return WriteOnlyCell(sheet, value=None)
    if wanted in AMOUNT_FIELDS and isinstance(value, Decimal):
        return value_cell(sheet, value, EURO_FORMAT)
    if wanted in DATE_FIELDS and isinstance(value, date):
        return value_cell(sheet, value, DATE_FORMAT)
    if wanted in YEAR_FIELDS and isinstance(value, int):
        return value_cell(sheet, value)
    return text_cell(sheet, getattr(value, "label", value))


def write_dauphin_workbook(path: Path, rows: Iterable[Mapping[Field, object]]) -> int:
    """Write the rows (field → value) under Dauphin's headers; returns the number of rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    sheet.freeze_panes = "A2"
    for index, (_, wanted, _) in enumerate(DAUPHIN_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDE.get(wanted, 16)
    bold = Font(bold=True)
    sheet.append([text_cell(sheet, title, font=bold) for title, _, _ in DAUPHIN_COLUMNS])
    count = 0
    for row in rows:
        sheet.append([_cell(sheet, wanted, row.get(wanted)) for _, wanted, _ in DAUPHIN_COLUMNS])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(DAUPHIN_COLUMNS))}{count + 1}"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return count
