"""The editor from the main window: Ctrl+N, double-click, Entrée, renewal, budget comparison."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QPushButton, QTableWidget

from programmation.domain.budget import Side

_spec = importlib.util.spec_from_file_location(  # the typing helpers of the editor tests
    "editor_helpers", Path(__file__).with_name("test_editor.py"))
helpers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(helpers)
Editor, eur = helpers.Editor, helpers.eur


def opened_editor(window, qtbot, screen) -> Editor:
    dialog = window.controller.editing.editor
    assert dialog is not None and dialog.isVisible()
    qtbot.waitExposed(dialog)
    return Editor(qtbot, screen, dialog)


def row_of(window, screen, reference: str) -> int:
    return screen.column(window.table, "Référence").index(reference)


def test_ctrl_n_types_a_new_dossier_that_shows_selected_in_the_list(window, qtbot, screen):
    window.activateWindow()
    qtbot.keySequence(window, QKeySequence("Ctrl+N"))
    e = opened_editor(window, qtbot, screen)
    d = e.dialog
    assert d.windowTitle().startswith("Nouveau dossier — Appel à projets")
    e.tab("Porteur")
    e.type("porteur_name", "Compagnie du Petit Pont")
    e.type("porteur_rna", "W595004321")
    e.tab("Action")
    e.screen.choose(e.field("annee"), "2025")
    e.type("intitule", "Spectacle de rue des habitants")
    e.tab("Budget")
    e.budget(Side.CHARGE, "622", "9 000")
    e.budget(Side.PRODUCT, "74", "6 500", "État — crédits spécifiques politique de la ville "
                                          "(BOP 147)")
    e.budget(Side.PRODUCT, "70", "2 500")
    e.tab("Financements")
    e.click(d.findChild(QPushButton, "reprendre_budget"))
    e.click(d.save_button)
    assert d.banner.text().startswith("Dossier 2025-AAP-001 enregistré.")
    assert window.detail.heading.text() == "2025-AAP-001 — Spectacle de rue des habitants"
    row = window.table.currentIndex().row()
    assert screen.column(window.table, "Référence")[row] == "2025-AAP-001"
    assert screen.column(window.table, "Coût total")[row] == eur("9 000,00 €")
    assert screen.column(window.table, "Demandé")[row] == eur("6 500,00 €")
    assert screen.column(window.table, "Nouveau / reconduit")[row] == "Nouveau"
    assert window.totals_label.text().startswith("5 dossiers — ")


def test_double_click_opens_a_dossier_and_an_adjusted_budget_is_compared_side_by_side(
        window, qtbot, screen):
    row = row_of(window, screen, "2024-AAP-002")  # in instruction, budget not balanced
    rect = window.table.visualRect(window.table.model().index(row, 0))
    for click in (qtbot.mouseClick, qtbot.mouseDClick):  # press-release, then the double click
        click(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    e = opened_editor(window, qtbot, screen)
    d = e.dialog
    e.tab("Budget")
    assert "créera la version ajustée" in d.budget_page.version.text()
    assert e.alerts("budget")[0].startswith("budget déséquilibré")
    e.budget(Side.CHARGE, "604", "1 274 567,89")
    assert e.alerts("budget") == []
    e.click(d.save_button)
    assert "tel qu'ajusté après instruction" in d.budget_page.version.text()
    e.click(d.budget_page.compare_button)
    comparison = d.comparison
    qtbot.waitExposed(comparison)
    charges = comparison.findChild(QTableWidget, "comparaison_charge")
    cells = [[charges.item(r, c).text() for c in range(5)] for r in range(charges.rowCount())]
    assert cells[0] == ["604", "Prestations de services", eur("1 500 000,00 €"),
                        eur("1 274 567,89 €"), eur("-225 432,11 €")]
    assert screen.column(window.table, "Coût total")[row_of(window, screen, "2024-AAP-002")] \
        == eur("1 274 567,89 €")
    comparison.close()


def test_entree_on_the_list_opens_the_current_dossier(window, qtbot, screen):
    screen.click_row(window.table, row_of(window, screen, "2025-CPO-001"))
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    e = opened_editor(window, qtbot, screen)
    assert e.dialog.windowTitle().startswith("Dossier 2025-CPO-001 — Prévention santé")
    model = e.dialog.funding_page.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2, 5)] == [
        "Demandé 2025 (€)", "Demandé 2026 (€)", "Demandé 2027 (€)"]
    e.dialog.close()
    QApplication.processEvents()


def test_renewing_creates_next_years_draft_linked_to_the_original(window, qtbot, screen):
    launcher = window.controller.editing
    asked = []
    launcher._confirm = lambda parent, title, text: asked.append(text) or True
    screen.click_row(window.table, row_of(window, screen, "2024-AAP-001"))
    launcher.action_renew.trigger()
    assert asked == ["Créer un dossier 2025 en brouillon, reconduction de 2024-AAP-001 "
                     "« Soutien scolaire au Rivage » ?"]
    row = window.table.currentIndex().row()
    assert screen.column(window.table, "Référence")[row] == "2025-AAP-001"
    assert screen.column(window.table, "Statut")[row] == "Brouillon"
    assert screen.column(window.table, "Nouveau / reconduit")[row] == "Reconduit"
    assert screen.column(window.table, "Demandé")[row] == eur("20 000,00 €")
    assert screen.column(window.table, "Accordé")[row] == eur("0,00 €")
    assert "reconduction de 2024-AAP-001" in window.statusBar().currentMessage()
