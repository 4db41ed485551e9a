"""Reading the files dossiers arrive in: workbooks (xlsx, xls, ods) and CSV."""

from __future__ import annotations

from pathlib import Path

from .table import MAX_ROWS, ImportFileError, SourceRow, Table

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".txt")
SUFFIXES = SPREADSHEET_SUFFIXES + TEXT_SUFFIXES

__all__ = ["MAX_ROWS", "SUFFIXES", "ImportFileError", "SourceRow", "Table", "read_table"]


def read_table(path: str | Path, limit: int = MAX_ROWS) -> Table:
    """The header and rows of the file's first sheet, or ImportFileError in French."""
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(f"fichier « {path} » introuvable")
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        from .spreadsheets import read_spreadsheet

        return read_spreadsheet(path, limit)
    if suffix in TEXT_SUFFIXES:
        from .csv_files import read_csv

        return read_csv(path, limit)
    raise ImportFileError(f"« {path.name} » : format non pris en charge (classeurs .xlsx, .xls, "
                          ".ods ou fichiers .csv)")
