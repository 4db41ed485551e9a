"""Workbooks (.xlsx, .xls, .ods) read by python-calamine, after a look at what the file is.

The content decides, not the extension: a ZIP is an xlsx or an ods, an OLE
container an xls — or an encrypted Office file (password), an HTML page a web
export saved as « .xls ». Formulas saved without their computed value (files
written by scripts, never opened in Excel) are located so that the rows using
them can be refused by name.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath

from python_calamine import (
    CalamineError,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from .table import MAX_ROWS, ImportFileError, Table, build_table, column_letter, too_many_rows

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
_UNCOMPUTED = re.compile(  # a formula followed by no value, or an empty one
    rb'<c r="([A-Z]{1,3})(\d+)"[^>]*>\s*<f\b[^>]*(?:/>|>[^<]*</f>)'
    rb"\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>")
_SHEET = re.compile(rb'<sheet\b[^>]*?\br:id="([^"]+)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]+)"[^>]*?\bTarget="([^"]+)"'
                  rb'|<Relationship\b[^>]*?\bTarget="([^"]+)"[^>]*?\bId="([^"]+)"')


def protected_message(name: str) -> str:
    return (f"« {name} » est protégé par un mot de passe : ouvrez-le, retirez la protection "
            "(Fichier › Informations › Protéger le classeur) et enregistrez-le avant de "
            "l'importer")


def read_spreadsheet(path: Path, limit: int = MAX_ROWS) -> Table:
    name = path.name
    with path.open("rb") as handle:
        head = handle.read(2048)
    _check_content(path, head)
    try:
        with path.open("rb") as handle, CalamineWorkbook.from_filelike(handle) as workbook:
            index = _first_worksheet(workbook)
            sheet = workbook.get_sheet_by_index(index)
            # Before turning the cells into Python values (up to 20 title lines allowed).
            if sheet.height - 21 > limit:
                raise ImportFileError(too_many_rows(name, sheet.height - 1, limit))
            merged = sheet.merged_cell_ranges or []
            lines = sheet.to_python(skip_empty_area=False)
    except PasswordError:
        raise ImportFileError(protected_message(name)) from None
    except (CalamineError, OSError, ValueError) as error:
        raise ImportFileError(f"« {name} » est illisible ou endommagé ({error})") from None
    uncomputed = _uncomputed_formulas(path, index) if head.startswith(ZIP_MAGIC) else frozenset()
    table = build_table(name, lines, 1, uncomputed, limit)
    _refuse_merged_header(name, merged, table.header_line)
    return table


def _check_content(path: Path, head: bytes) -> None:
    name = path.name
    if not head:
        raise ImportFileError(f"« {name} » est vide")
    if head.startswith(OLE_MAGIC):
        if _is_encrypted_office(path):
            raise ImportFileError(protected_message(name))
        return
    if head.startswith(ZIP_MAGIC):
        if _is_encrypted_ods(path):
            raise ImportFileError(protected_message(name))
        return
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<table")):
        raise ImportFileError(f"« {name} » est une page web (HTML) enregistrée sous "
                              f"l'extension {path.suffix} : ouvrez-la dans Excel ou LibreOffice "
                              "et enregistrez-la au format .xlsx")
    raise ImportFileError(f"« {name} » n'est pas un classeur {path.suffix} : son contenu n'est "
                          "pas celui d'un fichier Excel ou LibreOffice (fichier texte renommé ?)")


def _is_encrypted_office(path: Path) -> bool:
    """An encrypted xlsx is an OLE container holding EncryptionInfo and EncryptedPackage."""
    with path.open("rb") as handle:
        data = handle.read(1 << 20)
    return all(stream in data for stream in _ENCRYPTED_STREAMS)


def _is_encrypted_ods(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            if "META-INF/manifest.xml" not in archive.namelist():
                return False
            return b"encryption-data" in archive.read("META-INF/manifest.xml")
    except (zipfile.BadZipFile, OSError):
        return False


def _first_worksheet(workbook: CalamineWorkbook) -> int:
    for index, meta in enumerate(workbook.sheets_metadata):
        if meta.typ == SheetTypeEnum.WorkSheet and meta.visible == SheetVisibleEnum.Visible:
            return index
    raise ImportFileError("le classeur ne contient aucune feuille visible")


def _refuse_merged_header(name: str, merged: list, header_line: int) -> None:
    row = header_line - 1
    for (top, left), (bottom, right) in merged:
        if top <= row <= bottom:
            cells = f"{column_letter(left)}{top + 1}:{column_letter(right)}{bottom + 1}"
            raise ImportFileError(
                f"« {name} », ligne {header_line} : l'en-tête contient des cellules fusionnées "
                f"({cells}) — défusionnez-les et donnez un nom à chaque colonne")


def _uncomputed_formulas(path: Path, sheet_index: int) -> frozenset[tuple[int, int]]:
    """(line, column index) of the formulas of the sheet saved without a value (xlsx only)."""
    try:
        with zipfile.ZipFile(path) as archive:
            member = _sheet_member(archive, sheet_index)
            if member is None:
                return frozenset()
            data = archive.read(member)
    except (zipfile.BadZipFile, OSError, KeyError):
        return frozenset()
    if b"<f" not in data:
        return frozenset()
    return frozenset((int(line), _column_index(letters))
                     for letters, line in _UNCOMPUTED.findall(data))


def _sheet_member(archive: zipfile.ZipFile, sheet_index: int) -> str | None:
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return None
    sheet_ids = _SHEET.findall(archive.read("xl/workbook.xml"))
    if sheet_index >= len(sheet_ids):
        return None
    targets = {}
    for match in _REL.finditer(archive.read("xl/_rels/workbook.xml.rels")):
        rel_id, target = (match.group(1), match.group(2)) if match.group(1) \
            else (match.group(4), match.group(3))
        targets[rel_id] = target.decode()
    target = targets.get(sheet_ids[sheet_index])
    if target is None:
        return None
    member = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    return member if member in names else None


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters.decode():
        index = index * 26 + ord(char) - 64
    return index - 1
