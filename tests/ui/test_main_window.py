"""The main window driven like a user: filters, search, header sort, selection, detail."""

from __future__ import annotations

from PySide6.QtCore import Qt

from programmation.ui.controller import MainController
from programmation.ui.main_window import MainWindow
from programmation.ui.window_settings import MAIN_WINDOW, open_settings

NNBSP, NBSP = "\u202f", "\u00a0"


def eur(text: str) -> str:
    """« 1 234,50 € » written with plain spaces in the test, as Qt shows it."""
    return text.replace(" €", f"{NBSP}€").replace(" ", NNBSP)


def test_status_bar_counts_the_dossiers_and_sums_their_amounts(window):
    assert window.totals_label.text() == (
        f"4 dossiers — total demandé {eur('1 386 567,89 €')} — accordé {eur('19 500,00 €')}")
    assert window.table.model().rowCount() == 4


def test_choosing_a_year_narrows_the_list_and_the_totals(window, screen):
    screen.choose(window.filter_bar.year, "2025")
    assert sorted(screen.column(window.table, "Référence")) == ["2025-CPO-001",
                                                                "2025-RESERVE-001"]
    assert window.totals_label.text() == (
        f"2 dossiers — total demandé {eur('92 000,00 €')} — accordé {eur('0,00 €')}")


def test_combining_status_and_funder_filters(window, screen):
    screen.choose(window.filter_bar.funder, "CAF du Nord")
    assert screen.column(window.table, "Référence") == ["2024-AAP-002"]
    screen.choose(window.filter_bar.status, "Accordé")
    assert screen.column(window.table, "Référence") == []
    assert window.totals_label.text().startswith("0 dossier — ")


def test_searching_without_accents_finds_the_carrier_with_accents(window, qtbot, screen):
    qtbot.keyClicks(window.filter_bar.search, "elan")
    qtbot.waitUntil(lambda: window.table.model().rowCount() == 2, timeout=2000)
    assert set(screen.column(window.table, "Porteur")) == {"Maison de quartier Élan"}
    assert window.totals_label.text().startswith("2 dossiers — ")


def test_clicking_the_cost_header_sorts_by_amount_then_reverses(window, screen):
    screen.click_header(window.table, "Coût total")
    assert screen.column(window.table, "Coût total") == [
        eur("3 000,00 €"), eur("25 000,00 €"), eur("90 000,00 €"), eur("1 500 000,00 €")]
    screen.click_header(window.table, "Coût total")
    assert screen.column(window.table, "Référence")[0] == "2024-AAP-002"
    header = window.table.horizontalHeader()
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_selecting_a_row_shows_its_detail(window, screen):
    assert "Sélectionnez un dossier" in window.detail.placeholder.text()
    row = screen.column(window.table, "Référence").index("2024-AAP-001")
    screen.click_row(window.table, row)
    assert window.detail.heading.text() == "2024-AAP-001 — Soutien scolaire au Rivage"
    shown = screen.texts(window.detail)
    assert "Accordé · Appel à projets · 2024 · Maison de quartier Élan" in shown
    assert eur("25 000,00 €") in shown  # coût total
    assert "120" in shown and "85 %".replace(" ", NBSP) in shown  # public
    screen.click_tab(window.detail.tabs, "Financements")
    shown = screen.texts(window.detail)
    assert "Ville d'Hazebrouck" in shown
    assert [eur("12 500,00 €"), eur("12 000,00 €"), eur("12 000,00 €")] == [
        t for t in shown if t in (eur("12 500,00 €"), eur("12 000,00 €"))]
    assert eur("20 000,00 €") in shown and eur("19 500,00 €") in shown  # totals


def test_an_unbalanced_budget_is_said_in_red_words(window, screen):
    screen.click_row(window.table, screen.column(window.table, "Référence").index("2024-AAP-002"))
    screen.click_tab(window.detail.tabs, "Budget")
    assert window.detail.tabs.tabText(window.detail.tabs.currentIndex()) == "Budget ⚠"
    error = window.detail.findChild(type(window.detail.heading), "erreur_budget")
    assert error.isVisible()
    assert error.text() == (f"⚠ budget déséquilibré : charges {eur('1 500 000,00 €')} ≠ produits "
                            f"{eur('1 274 567,89 €')} (écart {eur('225 432,11 €')})")
    assert "#b3261e" in error.styleSheet()


def test_the_selection_survives_a_sort_and_a_filter_that_keeps_it(window, screen):
    screen.click_row(window.table, screen.column(window.table, "Référence").index("2025-CPO-001"))
    screen.click_header(window.table, "Coût total")
    assert window.detail.heading.text().startswith("2025-CPO-001")
    current = window.table.currentIndex()
    assert screen.column(window.table, "Référence")[current.row()] == "2025-CPO-001"
    screen.choose(window.filter_bar.year, "2025")
    assert window.detail.heading.text().startswith("2025-CPO-001")
    screen.choose(window.filter_bar.year, "2024")
    assert window.detail.placeholder.isVisible()  # the dossier left the list


def test_list_amounts_match_the_funding_lines(window, screen):
    row = screen.column(window.table, "Référence").index("2024-AAP-001")
    assert screen.column(window.table, "Demandé")[row] == eur("20 000,00 €")
    assert screen.column(window.table, "Accordé")[row] == eur("19 500,00 €")


def test_window_state_is_saved_and_restored(window, qtbot):
    window.table.horizontalHeader().resizeSection(4, 333)
    window.splitter.setSizes([300, 400])
    sizes = window.splitter.sizes()
    window.resize(window.width(), 700)
    window.close()
    settings = open_settings()
    assert settings.fileName().endswith("programmation.ini")
    assert settings.childGroups() == [MAIN_WINDOW]
    assert set(settings.allKeys()) >= {f"{MAIN_WINDOW}/geometrie", f"{MAIN_WINDOW}/separateur",
                                       f"{MAIN_WINDOW}/largeurs_colonnes"}
    again = MainWindow()
    qtbot.addWidget(again)
    MainController(again, window.controller.database).load()
    again.show()
    assert again.table.horizontalHeader().sectionSize(4) == 333  # not fitted again
    assert again.height() == 700  # (the offscreen screen is 800 px wide: no width check)
    table, detail = again.splitter.sizes()  # the share of each pane is kept
    assert abs(table / detail - sizes[0] / sizes[1]) < 0.02


def test_the_sort_chosen_last_time_is_restored(window, qtbot, screen):
    screen.click_header(window.table, "Coût total")
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    MainController(again, window.controller.database).load()
    assert screen.column(again.table, "Référence")[0] == "2025-RESERVE-001"


def test_columns_are_fitted_to_their_contents_on_first_load(window):
    header = window.table.horizontalHeader()
    assert header.sectionResizeMode(0) == header.ResizeMode.Interactive
    assert window.table.verticalHeader().sectionResizeMode(0) == header.ResizeMode.Fixed
    assert 60 < header.sectionSize(0) <= 200
    assert header.sectionSize(4) <= 200  # a long title never pushes the amounts away
