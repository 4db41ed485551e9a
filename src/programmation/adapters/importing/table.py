"""What a reader returns: the header and the data rows of the first sheet, as plain values."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_ROWS = 100_000


class ImportFileError(Exception):
    """The file cannot be read as a table; the message is French and names the file."""


@dataclass(frozen=True)
class SourceRow:
    """A data row: its line number in the sheet (1 = first line) and its cell values."""

    number: int
    values: tuple


@dataclass(frozen=True)
class Table:
    name: str  # the file name, for messages and the report
    columns: tuple[str, ...]
    rows: tuple[SourceRow, ...]
    header_line: int = 1
    # (line, column index) of formulas saved without their computed value (xlsx only)
    uncomputed: frozenset[tuple[int, int]] = field(default_factory=frozenset)

    def cell(self, row: SourceRow, column: int) -> object:
        return row.values[column] if column < len(row.values) else None


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how a spreadsheet names a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def build_table(name: str, lines: list[list], first_line: int = 1,
                uncomputed: frozenset[tuple[int, int]] = frozenset(),
                limit: int = MAX_ROWS) -> Table:
    """Find the header (the first line with two filled cells), check it, keep the rows after.

    ``lines`` are the sheet's lines from line ``first_line`` on. Trailing empty
    lines are dropped; empty lines in between stay (reported as empty).
    """
    index = next((i for i, line in enumerate(lines[:20])
                  if sum(1 for v in line if not _blank(v)) >= 2), None)
    if index is None:
        if not any(not _blank(v) for line in lines for v in line):
            raise ImportFileError(f"« {name} » est vide")
        raise ImportFileError(f"« {name} » : ligne d'en-tête introuvable (au moins deux "
                              "colonnes nommées attendues sur l'une des 20 premières lignes)")
    header_line = first_line + index
    columns = _check_header(name, lines[index], header_line)
    body = lines[index + 1:]
    while body and all(_blank(v) for v in body[-1]):
        body.pop()
    if not body:
        raise ImportFileError(f"« {name} » : aucune ligne de données sous l'en-tête")
    if len(body) > limit:
        raise ImportFileError(too_many_rows(name, len(body), limit))
    rows = tuple(SourceRow(header_line + 1 + i, tuple(line)) for i, line in enumerate(body))
    return Table(name, columns, rows, header_line, uncomputed)


def too_many_rows(name: str, count: int | None, limit: int) -> str:
    counted = _thousands(count) if count else f"plus de {_thousands(limit)}"
    return (f"« {name} » compte {counted} lignes de données : au-delà de "
            f"{_thousands(limit)} lignes, découpez le fichier en plusieurs parties")


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


def _check_header(name: str, line: list, number: int) -> tuple[str, ...]:
    cells = [str(v).strip() if not _blank(v) else "" for v in line]
    while cells and not cells[-1]:
        cells.pop()
    gaps = [column_letter(i) for i, text in enumerate(cells) if not text]
    if gaps:
        raise ImportFileError(
            f"« {name} », ligne {number} : en-tête sans nom en colonne(s) {', '.join(gaps)} "
            "(cellules fusionnées ou vides) — nommez chaque colonne")
    seen: dict[str, str] = {}
    for i, text in enumerate(cells):
        key = text.casefold()
        if key in seen:
            raise ImportFileError(f"« {name} », ligne {number} : la colonne « {text} » "
                                  f"apparaît deux fois ({seen[key]} et {column_letter(i)})")
        seen[key] = column_letter(i)
    return tuple(cells)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
