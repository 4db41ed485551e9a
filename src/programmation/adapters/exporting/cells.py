"""Cells every exported workbook shares: text never read as a formula, French number formats.

Text typed by carriers is always written as text: never read as a formula by
Excel or LibreOffice, even when it starts with « = », « + », « - » or « @ »;
amounts are numbers in euros with a French-looking format, dates are dates.
"""

from __future__ import annotations

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

EURO_FORMAT = '#,##0.00\\ "€"'
DATE_FORMAT = "DD/MM/YYYY"
FORMULA_START = ("=", "+", "-", "@")


def text_cell(sheet, value: object, *, font: Font | None = None,
              quote_formulas: bool = False) -> WriteOnlyCell:
    """A cell that holds ``value`` as text, whatever its first character.

    ``quote_formulas``: a text that looks like a formula also stays text when
    edited in the spreadsheet (the cell is « quote-prefixed »).
    """
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    if quote_formulas:
        cell.quotePrefix = str(value).startswith(FORMULA_START)
    if font is not None:
        cell.font = font
    return cell


def number_cell(sheet, value: object, number_format: str) -> WriteOnlyCell:
    """``value`` (a number, a date, or None for an empty cell) shown with ``number_format``."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def value_cell(sheet, value: object, number_format: str | None = None) -> WriteOnlyCell:
    """A number, a date or a text cell for ``value`` (None: an empty cell)."""
    if value is None:
        return WriteOnlyCell(sheet, value=None)
    if isinstance(value, str):
        return text_cell(sheet, value)
    if number_format:
        return number_cell(sheet, value, number_format)
    return WriteOnlyCell(sheet, value=value)
