"""The read-only detail: every page a user can open, in French, with empty states."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QTableWidget

from programmation.services.dossier_detail import load_detail
from programmation.services.dossier_list import DossierFilter, DossierListService
from programmation.ui.dossiers.detail_panel import DetailPanel

NNBSP, NBSP = "\u202f", "\u00a0"


def eur(text: str) -> str:
    return text.replace(" €", f"{NBSP}€").replace(" ", NNBSP)


@pytest.fixture
def show(qtbot, demo_db):
    panel = DetailPanel()
    qtbot.addWidget(panel)
    panel.resize(1200, 500)
    panel.show()
    service = DossierListService(demo_db)
    by_reference = {row.reference: row.id
                    for row in service.rows(service.ids(DossierFilter())).values()}

    def show_dossier(reference: str) -> DetailPanel:
        panel.show_detail(load_detail(demo_db, by_reference[reference]))
        return panel

    return show_dossier


def test_nothing_selected_invites_to_pick_a_dossier(qtbot):
    panel = DetailPanel()
    qtbot.addWidget(panel)
    panel.show()
    assert panel.placeholder.isVisible()
    assert panel.placeholder.text() == (
        "Sélectionnez un dossier dans la liste pour afficher son détail.")


def test_carrier_page_shows_identity_and_contact(show, screen):
    panel = show("2024-AAP-001")
    screen.click_tab(panel.tabs, "Porteur")
    shown = screen.texts(panel)
    for expected in ("Maison de quartier Élan", "Association loi 1901", "35600000000048",
                     "Mme Dupont", "Léa Martin", "contact@elan.example", "Non"):
        assert expected in shown


def test_budget_page_puts_charges_and_products_side_by_side_with_totals(show, screen):
    panel = show("2024-AAP-001")
    screen.click_tab(panel.tabs, "Budget")
    shown = screen.texts(panel)
    assert "Total charges" in shown and "Total produits" in shown
    assert shown.count(eur("25 000,00 €")) == 2  # the two totals
    charges = panel.findChild(QTableWidget, "charges")
    products = panel.findChild(QTableWidget, "produits")
    left, right = charges.mapTo(panel, QPoint()), products.mapTo(panel, QPoint())
    assert left.x() < right.x() and left.y() == right.y()
    assert f"✓ Budget équilibré : charges = produits = {eur('25 000,00 €')}" in shown
    assert "Bénévolat" in shown and "Personnel bénévole" in shown  # contributions en nature


def test_indicators_and_attachments_page(show, screen):
    panel = show("2024-AAP-001")
    screen.click_tab(panel.tabs, "Indicateurs")
    shown = screen.texts(panel)
    assert shown[shown.index("Élèves suivis"):][:4] == ["Élèves suivis", "100", "112", "élèves"]
    assert "• Budget prévisionnel de l'association — budget_elan.pdf" in shown


def test_history_says_who_moved_the_dossier_when_and_why_latest_first(show, screen):
    panel = show("2024-AAP-001")
    screen.click_tab(panel.tabs, "Historique")
    shown = screen.texts(panel)
    first_row = shown[shown.index("01/03/2024 à 09:30"):][:5]
    assert first_row == ["01/03/2024 à 09:30", "Inscrit en comité", "Accordé",
                         "Comité de pilotage", "Action prioritaire du quartier"]


def test_a_dossier_without_budget_or_history_says_so(show, screen):
    panel = show("2025-RESERVE-001")
    screen.click_tab(panel.tabs, "Budget")
    assert "Pas de budget saisi." in screen.texts(panel)
    screen.click_tab(panel.tabs, "Historique")
    assert "Aucun changement de statut enregistré." in screen.texts(panel)
    screen.click_tab(panel.tabs, "Indicateurs")
    assert {"Aucun indicateur.", "Aucune pièce jointe."} <= set(screen.texts(panel))


def test_the_open_page_stays_open_when_another_dossier_is_shown(show, screen):
    panel = show("2024-AAP-001")
    screen.click_tab(panel.tabs, "Financements")
    show("2025-CPO-001")
    assert panel.tabs.tabText(panel.tabs.currentIndex()) == "Financements (3)"
    shown = screen.texts(panel)
    assert shown.count(eur("30 000,00 €")) == 3 and eur("90 000,00 €") in shown
    assert panel.heading.text() == "2025-CPO-001 — Prévention santé des jeunes"
    assert "2025–2027" in panel.subheading.text()  # a CPO spans three years
