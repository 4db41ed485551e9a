"""The Dauphin layout as an xlsx workbook: one row per funding line, Dauphin's column names.

Text typed by carriers is always written as text (never read as a formula by
Excel or LibreOffice, even when it starts with « = », « + », « - » or « @ »);
amounts are numbers in euros with a French-looking format, dates are dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ...domain.dauphin import AMOUNT_FIELDS, DATE_FIELDS, DAUPHIN_COLUMNS, YEAR_FIELDS, Field

EURO_FORMAT = '#,##0.00\\ "€"'
DATE_FORMAT = "DD/MM/YYYY"
SHEET_TITLE = "Export Dauphin"
_WIDE = {Field.TITLE: 45, Field.CARRIER: 35, Field.SUMMARY: 50, Field.FUNDER: 35,
         Field.CALL: 35, Field.PILLAR: 30}


def text_cell(sheet, value: object) -> WriteOnlyCell:
    """A cell that holds ``value`` as text, whatever its first character."""
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell


def value_cell(sheet, value: object, number_format: str | None = None) -> WriteOnlyCell:
    """A number, a date or a text cell for ``value`` (None: an empty cell)."""
    if value is None:
        return WriteOnlyCell(sheet, value=None)
    if isinstance(value, str):
        return text_cell(sheet, value)
    cell = WriteOnlyCell(sheet, value=value)
    if number_format:
        cell.number_format = number_format
    return cell


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
    header = []
    for title, _, _ in DAUPHIN_COLUMNS:
        cell = text_cell(sheet, title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append([_cell(sheet, wanted, row.get(wanted)) for _, wanted, _ in DAUPHIN_COLUMNS])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(DAUPHIN_COLUMNS))}{count + 1}"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return count
