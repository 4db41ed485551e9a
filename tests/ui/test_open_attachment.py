"""« Ouvrir » beside a piece of the read-only detail: the stored bytes, in the system's viewer."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QPushButton

from programmation.services import attachments
from programmation.services.dossier_detail import AttachmentView, load_detail

STORED = b"%PDF-1.4 demo"  # the piece the fixture attached to 2024-AAP-001
SHOTS = os.environ.get("PROGRAMMATION_SCREENSHOTS")  # a folder: keep a screenshot


def _show_pieces_of(window, screen, reference: str):
    screen.click_row(window.table, screen.column(window.table, "Référence").index(reference))
    screen.click_tab(window.detail.tabs, "Indicateurs et pièces")
    return window.detail.tabs.currentWidget()


def _opened_urls(monkeypatch) -> list:
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    return opened


def test_the_detail_lists_each_piece_with_its_id_kind_name_and_size(demo_db, window, screen):
    references = screen.column(window.table, "Référence")
    dossier_id = window.controller.model.id_at(references.index("2024-AAP-001"))
    detail = load_detail(demo_db, dossier_id)
    (piece,) = detail.attachments
    assert isinstance(piece, AttachmentView)
    assert (piece.kind, piece.filename, piece.size) == (
        "Budget prévisionnel de l'association", "budget_elan.pdf", len(STORED))
    assert [a.id for a in attachments.list_attachments(demo_db, dossier_id)] == [piece.id]


def test_ouvrir_opens_a_temporary_copy_with_the_stored_bytes(window, screen, qtbot,
                                                               monkeypatch):
    opened = _opened_urls(monkeypatch)
    page = _show_pieces_of(window, screen, "2024-AAP-001")
    assert "• Budget prévisionnel de l'association — budget_elan.pdf" in screen.texts(page)
    assert "13 o" in screen.texts(page)
    (button,) = [b for b in page.findChildren(QPushButton) if b.text() == "Ouvrir"]
    if SHOTS:
        window.detail.grab().save(f"{SHOTS}/detail_pieces.png")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    (url,) = opened
    assert url.isLocalFile()
    copy = Path(url.toLocalFile())
    assert copy.name == "budget_elan.pdf"
    assert copy.read_bytes() == STORED


def test_a_piece_removed_meanwhile_is_a_message_not_a_crash(window, screen, qtbot,
                                                            monkeypatch):
    opened = _opened_urls(monkeypatch)
    page = _show_pieces_of(window, screen, "2024-AAP-001")
    (button,) = [b for b in page.findChildren(QPushButton) if b.text() == "Ouvrir"]
    attachments.remove_attachment(window.controller.database,
                                  window.detail.detail.attachments[0].id)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not opened
    assert window.statusBar().currentMessage() == "Ouvrir la pièce : pièce jointe introuvable"


def test_a_dossier_without_pieces_offers_nothing_to_open(window, screen):
    page = _show_pieces_of(window, screen, "2025-RESERVE-001")
    assert "Aucune pièce jointe." in screen.texts(page)
    assert not [b for b in page.findChildren(QPushButton) if b.text() == "Ouvrir"]
