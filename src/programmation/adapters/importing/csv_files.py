"""CSV files as French offices write them: « ; » or « , », UTF-8 (with or without BOM) or
Windows-1252 (Excel's « CSV (séparateur : point-virgule) » on Windows).

Rows are read one by one and the reading stops as soon as the limit is passed.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .table import MAX_ROWS, ImportFileError, Table, build_table, too_many_rows

_BOM = b"\xef\xbb\xbf"
_DELIMITERS = (";", ",", "\t")
_HEADER_SEARCH = 20


def detect_encoding(data: bytes) -> str:
    """``utf-8-sig`` with a BOM, ``utf-8`` when the bytes decode so, else ``cp1252``."""
    if data.startswith(_BOM):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def detect_delimiter(sample: str) -> str:
    """The separator found most often, outside quotes, on the first non-empty lines."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    in_quotes = False
    lines = 0
    for char in sample:
        if char == '"':
            in_quotes = not in_quotes
        elif not in_quotes:
            if char in counts:
                counts[char] += 1
            elif char == "\n":
                lines += 1
                if lines >= 5:
                    break
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ";"


def read_csv(path: Path, limit: int = MAX_ROWS) -> Table:
    name = path.name
    data = path.read_bytes()
    if not data.strip():
        raise ImportFileError(f"« {name} » est vide")
    if b"\x00" in data[:4096] or data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ImportFileError(f"« {name} » n'est pas un fichier texte CSV (classeur ou fichier "
                              "binaire renommé ?) : importez-le sous son extension d'origine")
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:  # bytes Windows-1252 leaves undefined
        text = data.decode("latin-1")
    delimiter = detect_delimiter(text[:65536])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines: list[list[str]] = []
    try:
        for line in reader:
            lines.append(line)
            if len(lines) > limit + _HEADER_SEARCH + 1:
                raise ImportFileError(too_many_rows(name, None, limit))
    except csv.Error as error:
        raise ImportFileError(f"« {name} », ligne {reader.line_num} : CSV illisible "
                              f"({error})") from None
    _refuse_single_column(name, lines)
    return build_table(name, lines, 1, frozenset(), limit)


def _refuse_single_column(name: str, lines: list[list[str]]) -> None:
    filled = [line for line in lines[:_HEADER_SEARCH] if any(cell.strip() for cell in line)]
    if filled and all(len(line) < 2 for line in filled):
        raise ImportFileError(f"« {name} » : une seule colonne lue — séparez les colonnes par "
                              "« ; » ou « , »")
