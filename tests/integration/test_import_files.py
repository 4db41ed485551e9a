"""Files as they arrive: CSV in every French flavour, ODS, and the bad ones — each bad file
gives a French message, never a traceback, and leaves the database as it was."""

import struct
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from programmation.adapters.persistence import tables as t
from programmation.domain.dossier import Application
from programmation.services import importing
from programmation.services.contract_setup import set_up_demo_contract
from programmation.services.errors import ServiceError
from programmation.services.import_plan import Outcome

HEADER = ["N° dossier", "Exercice", "Intitulé de l'action", "Porteur / Structure", "SIRET",
          "Thématique", "Statut", "Financeur", "Montant demandé", "Montant accordé"]
ROW = ["D-1", "2025", "Soutien scolaire", "Maison de quartier Élan", "42424242424242", "EDU",
       "Votée", "Ville d'Hazebrouck", "1 234,50 €", "1 000"]


@pytest.fixture
def contract_db(database):
    set_up_demo_contract(database)
    return database


def dossier_count(database) -> int:
    with database.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(t.application)).scalar_one()


def refused(database, path) -> str:
    """The message importing ``path`` gives; the base must hold no dossier afterwards."""
    with pytest.raises(ServiceError) as error:
        importing.apply(database, path, actor="Léa")
    assert dossier_count(database) == 0
    return str(error.value)


def xlsx(path, rows, build=None):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    if build:
        build(workbook.active)
    workbook.save(path)
    return path


# --- CSV and ODS as people save them ---------------------------------------------------------

@pytest.mark.parametrize(("encoding", "separator"), [
    ("cp1252", ";"), ("utf-8-sig", ";"), ("utf-8", ","), ("utf-8-sig", "\t")])
def test_csv_files_import_whatever_their_encoding_and_separator(contract_db, tmp_path,
                                                                 encoding, separator):
    def quoted(cells):
        return separator.join(f'"{c}"' for c in cells)
    text = "\r\n".join([quoted(HEADER), quoted(ROW), ""])
    path = tmp_path / "dossiers.csv"
    path.write_bytes(text.replace(" €", "\u00a0€").encode(encoding))

    report = importing.apply(contract_db, path, actor="Léa")

    assert (report.created, report.rejected) == (1, 0)
    with contract_db.unit_of_work() as uow:
        dossier = uow.session.scalars(select(Application)).one()
        assert dossier.carrier.name == "Maison de quartier Élan"
        line = dossier.funding_lines[0]
        assert (line.requested, line.granted) == (Decimal("1234.50"), Decimal("1000.00"))


MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
    '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type='
    '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
    'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')


def _ods(path, rows):
    def cell(value):
        if isinstance(value, (int, float)):
            return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>")
        return (f'<table:table-cell office:value-type="string"><text:p>{value}</text:p>'
                "</table:table-cell>")
    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>"
                   for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Dossiers">'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", MANIFEST)
    return path


def test_a_libreoffice_sheet_imports_like_an_excel_one(contract_db, tmp_path):
    row = [*ROW[:8], 1234.5, 1000]
    report = importing.apply(contract_db, _ods(tmp_path / "dossiers.ods", [HEADER, row]),
                             actor="Léa")

    assert (report.created, report.rejected) == (1, 0)


def test_a_title_line_above_the_header_and_empty_lines_are_tolerated(contract_db, tmp_path):
    path = xlsx(tmp_path / "titre.xlsx", [["Export Dauphin du 12/03/2025"], HEADER, ROW, [],
                                          ["D-2", *ROW[1:]]])

    result = importing.preview(contract_db, path)

    assert (result.count(Outcome.CREATE), result.empty_rows, result.row_count) == (2, 1, 3)
    assert [row.row for row in result.rows] == [3, 5]  # the lines as the sheet numbers them


# --- bad files -------------------------------------------------------------------------------

def test_an_empty_file_is_refused(contract_db, tmp_path):
    (tmp_path / "vide.xlsx").write_bytes(b"")
    (tmp_path / "vide.csv").write_text("\n\n", "utf-8")

    assert "est vide" in refused(contract_db, tmp_path / "vide.xlsx")
    assert "est vide" in refused(contract_db, tmp_path / "vide.csv")
    assert "est vide" in refused(contract_db, xlsx(tmp_path / "sans_rien.xlsx", []))
    assert "aucune ligne de données" in refused(contract_db,
                                               xlsx(tmp_path / "entete.xlsx", [HEADER]))


def test_a_text_file_renamed_xlsx_is_refused(contract_db, tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("Liste des dossiers à reprendre\n", "utf-8")

    message = refused(contract_db, path)

    assert "n'est pas un classeur .xlsx" in message


def test_a_web_page_saved_as_xls_is_explained(contract_db, tmp_path):
    path = tmp_path / "export.xls"
    path.write_text("<html><body><table><tr><td>N° dossier</td></tr></table></body></html>")

    assert "page web (HTML)" in refused(contract_db, path)


END, FREE, FAT_SECTOR = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


def _ole(path, streams: dict[str, bytes]):
    """A version-3 OLE compound file (the container of .xls files and of password-protected
    Office files) holding ``streams`` of 4 KiB or more, in 512-byte sectors."""
    datas = [data + bytes(-len(data) % 512) for data in streams.values()]
    fat, starts = [FAT_SECTOR, END], []
    for data in datas:
        first = len(fat)
        starts.append(first)
        fat += [*range(first + 1, first + len(data) // 512), END]
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                         bytes(16), 0x3E, 3, 0xFFFE, 9, 6, bytes(6), 0, 1, 1, 0, 4096, END, 0,
                         END, 0)
    header += struct.pack("<I", 0) + struct.pack("<108I", *[FREE] * 108)
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat) + struct.pack("<I", FREE) * (128 - len(fat))

    def entry(name, kind, right, child, start, size):
        encoded = (name + "\0").encode("utf-16-le")
        return struct.pack("<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, FREE, right,
                           child, bytes(16), 0, 0, 0, start, size)
    directory = entry("Root Entry", 5, FREE, 1, END, 0)
    for i, name in enumerate(streams):
        right = i + 2 if i + 1 < len(streams) else FREE
        directory += entry(name, 2, right, FREE, starts[i], len(datas[i]))
    directory += bytes(-len(directory) % 512)
    path.write_bytes(header + fat_bytes + directory + b"".join(datas))
    return path


def _record(kind, data=b""):
    return struct.pack("<HH", kind, len(data)) + data


def _xls(path, rows):
    """An Excel 97-2003 workbook (BIFF8): one sheet of text (LABEL) and number cells."""
    def cell(r, c, value):
        if isinstance(value, (int, float)):
            return _record(0x0203, struct.pack("<HHHd", r, c, 0, value))
        return _record(0x0204, struct.pack("<HHHHB", r, c, 0, len(value), 1)
                       + value.encode("utf-16-le"))

    def bof(kind):
        return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))
    sheet = (bof(0x10) + _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, len(rows[0]), 0))
             + b"".join(cell(r, c, v) for r, row in enumerate(rows) for c, v in enumerate(row))
             + _record(0x000A))

    def workbook_globals(sheet_offset):
        return (bof(0x05) + _record(0x0042, struct.pack("<H", 1200))
                + _record(0x0085, struct.pack("<IBBBB", sheet_offset, 0, 0, 8, 0) + b"Dossiers")
                + _record(0x000A))
    head = workbook_globals(len(workbook_globals(0)))
    stream = head + sheet
    return _ole(path, {"Workbook": stream + bytes(max(0, 4096 - len(stream)))})


def test_an_excel_97_workbook_imports_like_a_recent_one(contract_db, tmp_path):
    row = [*ROW[:8], 1234.5, 1000]
    report = importing.apply(contract_db, _xls(tmp_path / "ancien.xls", [HEADER, row]),
                             actor="Léa")

    assert (report.created, report.rejected) == (1, 0)


def test_a_password_protected_workbook_is_refused(contract_db, tmp_path):
    path = _ole(tmp_path / "protégé.xlsx", {"EncryptionInfo": bytes(range(256)) * 16,
                                            "EncryptedPackage": bytes(range(256)) * 16})

    message = refused(contract_db, path)

    assert "protégé par un mot de passe" in message


def test_a_sheet_of_more_than_100000_rows_is_refused_before_being_read(contract_db, tmp_path):
    path = tmp_path / "enorme.csv"
    line = ";".join(ROW) + "\n"
    path.write_text(";".join(HEADER) + "\n" + line * 100_001, "utf-8")

    message = refused(contract_db, path)

    assert "100\u202f001 lignes" in message and "au-delà de 100\u202f000 lignes" in message


def test_merged_header_cells_are_refused(contract_db, tmp_path):
    def merge(sheet):
        sheet.merge_cells("I1:J1")
    path = xlsx(tmp_path / "fusion.xlsx", [HEADER, ROW], merge)

    message = refused(contract_db, path)

    assert "cellules fusionnées (I1:J1)" in message


def test_formulas_saved_without_their_value_reject_their_row(contract_db, tmp_path):
    path = xlsx(tmp_path / "formules.xlsx", [HEADER, [*ROW[:8], "=500*2", "1000"]])

    result = importing.preview(contract_db, path)
    report = importing.apply(contract_db, path, importing.Mode.ALL_OR_NOTHING, "Léa")

    assert result.rejected == 1
    assert result.rejections[0].column == "Montant demandé"
    assert "formule enregistrée sans sa valeur" in result.rejections[0].reason
    assert not report.applied and dossier_count(contract_db) == 0


def test_text_where_a_number_belongs_rejects_the_row_naming_the_column(contract_db, tmp_path):
    path = xlsx(tmp_path / "texte.xlsx", [HEADER, [*ROW[:8], "mille euros", "1 000"],
                                          ["D-2", "deux mille vingt-cinq", *ROW[2:]]])

    result = importing.preview(contract_db, path)

    reasons = {(r.row, r.column): r.reason for r in result.rejections}
    assert reasons == {
        (2, "Montant demandé"): "« mille euros » n'est pas un montant",
        (3, "Exercice"): "« deux mille vingt-cinq » n'est pas une année (quatre chiffres "
                         "attendus)",
    }


def test_a_sheet_missing_a_required_column_is_refused_naming_it(contract_db, tmp_path):
    path = xlsx(tmp_path / "incomplet.xlsx", [HEADER[:7], ROW[:7]])

    message = refused(contract_db, path)

    assert "« Financeur »" in message and "« Montant demandé »" in message


def test_an_unknown_file_type_is_refused(contract_db, tmp_path):
    path = tmp_path / "dossiers.pdf"
    path.write_bytes(b"%PDF-1.4")

    assert "format non pris en charge" in refused(contract_db, path)
