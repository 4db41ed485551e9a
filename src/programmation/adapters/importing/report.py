"""The import report workbook: a summary sheet, then every rejected row with its reason."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from ..exporting.cells import text_cell, value_cell


def write_report(path: Path, summary: Sequence[tuple[str, object]],
                 rejections: Iterable) -> Path:
    """``summary``: (caption, value) lines; ``rejections``: objects with row, column, reason."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    sheet = workbook.create_sheet("Synthèse")
    sheet.column_dimensions["A"].width = 38
    sheet.column_dimensions["B"].width = 90
    title = text_cell(sheet, "Rapport d'import")
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    sheet.append([])
    for caption, value in summary:
        label = text_cell(sheet, caption)
        label.font = bold
        sheet.append([label, value_cell(sheet, value)])
    rejected = workbook.create_sheet("Lignes rejetées")
    rejected.freeze_panes = "A2"
    for letter, width in (("A", 10), ("B", 32), ("C", 100)):
        rejected.column_dimensions[letter].width = width
    header = [text_cell(rejected, text) for text in ("Ligne", "Colonne", "Motif")]
    for cell in header:
        cell.font = bold
    rejected.append(header)
    count = 0
    for rejection in rejections:
        rejected.append([value_cell(rejected, rejection.row), text_cell(rejected, rejection.column),
                         text_cell(rejected, rejection.reason)])
        count += 1
    rejected.auto_filter.ref = f"A1:C{count + 1}"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
