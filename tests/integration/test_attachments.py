"""Attachments: checked on the way in, stored in the database, opened from a safe temp copy."""

from __future__ import annotations

import hashlib
import io
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest

from programmation.adapters.persistence.database import Database
from programmation.domain.channels import Channel
from programmation.domain.contract import Contract
from programmation.domain.dossier import Application, Carrier
from programmation.domain.presets import QUARTIERS_2030, pillar_preset
from programmation.services import attachments as pieces
from programmation.services.errors import ServiceError

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def office_zip(first_entry: str = "[Content_Types].xml") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(first_entry, "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def dossier_id(database) -> int:
    contract = Contract("Contrat de ville", "Cœur de Flandre", "Hazebrouck", 2024, 2030)
    contract.pillars = pillar_preset(QUARTIERS_2030)
    application = Application("2025-AAP-001", 2025, Channel.AAP, "Soutien scolaire",
                               Carrier("Maison de quartier Élan"), contract.pillars[0],
                               contract=contract)
    with database.unit_of_work() as uow:
        uow.session.add(application)
        uow.commit()
        return application.id


def test_a_file_over_twenty_megabytes_is_refused_before_being_stored(database, dossier_id,
                                                                     tmp_path):
    big = tmp_path / "rapport.pdf"
    big.write_bytes(PDF + b"0" * (20 * 1024 * 1024))
    with pytest.raises(ServiceError, match="limite de 20 Mo"):
        pieces.read_file(big)
    with pytest.raises(ServiceError, match="la limite est de 20 Mo"):
        pieces.check_file("rapport.pdf", big.read_bytes())


def test_a_program_renamed_pdf_is_recognised_by_its_content_and_refused():
    with pytest.raises(ServiceError, match="est un programme"):
        pieces.check_file("statuts.pdf", EXE)
    with pytest.raises(ServiceError, match="programmes et scripts"):
        pieces.check_file("statuts.exe", PDF)
    with pytest.raises(ServiceError, match="programmes et scripts"):
        pieces.check_file("lancer.bat", b"@echo off\r\nformat c:\r\n")


def test_the_type_comes_from_the_content_and_the_name_takes_the_real_extension():
    assert pieces.check_file("scan.pdf", PNG).filename == "scan.png"
    checked = pieces.check_file("rib", PDF)
    assert (checked.filename, checked.media_type) == ("rib.pdf", "application/pdf")
    assert checked.sha256 == hashlib.sha256(PDF).hexdigest()


def test_office_documents_are_accepted_by_zip_signature_and_extension_only():
    docx = pieces.check_file("budget.docx", office_zip())
    assert docx.media_type.endswith("wordprocessingml.document")
    assert pieces.check_file("budget.ods", office_zip("mimetype")).filename == "budget.ods"
    for name, content in (("archive.zip", office_zip()), ("budget.docx", office_zip("x.txt")),
                          ("budget.xlsm", office_zip())):
        with pytest.raises(ServiceError):
            pieces.check_file(name, content)


def test_plain_text_and_csv_are_accepted_but_binary_junk_is_not():
    assert pieces.check_file("liste.csv", "nom;rôle\nDupont;présidente\n".encode()).media_type \
        == "text/csv"
    with pytest.raises(ServiceError, match="type de fichier non accepté"):
        pieces.check_file("notes.txt", b"\x00\x01\x02binary")
    with pytest.raises(ServiceError, match="est vide"):
        pieces.check_file("vide.pdf", b"")


@pytest.mark.parametrize(("typed", "kept"), [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("C:\\Users\\lea\\..\\statuts.pdf", "statuts.pdf"),
    ("rib\x00\n\u202e.pdf", "rib.pdf"),
    ("CON.pdf", "_CON.pdf"),
    ("..", "piece-jointe"),
    ("a..b.pdf", "a_b.pdf"),
    ("bilan:2024?.pdf", "bilan_2024_.pdf"),
])
def test_path_tricks_in_file_names_are_neutralised(typed, kept):
    assert pieces.sanitize_filename(typed) == kept


def test_a_very_long_name_is_shortened_but_keeps_its_extension():
    name = pieces.sanitize_filename("é" * 300 + ".pdf")
    assert len(name) == pieces.MAX_NAME and name.endswith(".pdf")


def test_a_stored_file_comes_back_byte_for_byte_in_a_private_temp_copy(database, dossier_id):
    added = pieces.add_attachment(database, dossier_id, "statuts",
                                  pieces.check_file("../statuts association.pdf", PDF))
    listed = pieces.list_attachments(database, dossier_id)
    assert [(a.kind_label, a.filename, a.size) for a in listed] == [
        ("Statuts", "statuts association.pdf", len(PDF))]
    path = pieces.export_to_temp(database, added.id)
    assert path.read_bytes() == PDF and path.name == "statuts association.pdf"
    assert Path(tempfile.gettempdir()) in path.parents
    pieces.remove_attachment(database, added.id)
    assert pieces.list_attachments(database, dossier_id) == []


def test_the_same_file_twice_on_a_dossier_is_refused(database, dossier_id):
    pieces.add_attachment(database, dossier_id, "rib", pieces.check_file("rib.pdf", PDF))
    with pytest.raises(ServiceError, match=r"déjà joint au dossier .*rib\.pdf"):
        pieces.add_attachment(database, dossier_id, "rib", pieces.check_file("RIB 2.pdf", PDF))
    assert len(pieces.list_attachments(database, dossier_id)) == 1


def test_an_attachment_travels_with_a_copy_of_the_sqlite_file(database, dossier_id, tmp_path):
    added = pieces.add_attachment(database, dossier_id, "rib", pieces.check_file("rib.png", PNG))
    source = Path(database.engine.url.database)
    database.dispose()
    laptop = tmp_path / "autre-portable"
    laptop.mkdir()
    shutil.copy(source, laptop / "programmation.sqlite")
    source.rename(source.with_suffix(".old"))  # the original is gone
    copy = Database.open(laptop / "programmation.sqlite", create=False)
    try:
        assert pieces.export_to_temp(copy, added.id).read_bytes() == PNG
    finally:
        copy.dispose()
