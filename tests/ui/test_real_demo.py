"""The real Hazebrouck demo, loaded the way a user loads it, then browsed."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QMessageBox

from programmation.services.dossier_list import Column, DossierFilter, DossierListService
from programmation.ui.app import build_main_window
from programmation.ui.display import format_count, format_eur
from programmation.ui.dossiers.table_model import SORT_ROLE

demo = pytest.importorskip("programmation.demo", reason="programmation.demo absent")
if not hasattr(demo, "build_demo"):
    pytest.skip("programmation.demo.build_demo pas encore écrit", allow_module_level=True)

AMOUNT = r"-?\d{1,3}(?:\u202f\d{3})*,\d\d\u00a0€"


def test_user_loads_the_demo_from_an_empty_base_and_browses_it(
        qtbot, database, monkeypatch, screen, qtmodeltester):
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: QMessageBox.StandardButton.Yes)
    window, controller = build_main_window(database)
    qtbot.addWidget(window)
    window.resize(1400, 850)
    window.show()
    controller.after_show(offer_demo=True)
    qtbot.waitUntil(lambda: window.table.model().rowCount() > 0, timeout=60_000)
    qtbot.waitUntil(lambda: not any(job.is_running() for job in controller.jobs), timeout=30_000)

    totals = DossierListService(database).totals(DossierFilter())
    model = window.table.model()
    assert model.rowCount() == totals.count > 100
    assert window.totals_label.text() == (
        f"{format_count(totals.count, 'dossier', 'dossiers')} — total demandé "
        f"{format_eur(totals.requested)} — accordé {format_eur(totals.granted)}")
    assert re.fullmatch(rf"[\d\u202f]+ dossiers — total demandé {AMOUNT} — accordé {AMOUNT}",
                        window.totals_label.text())
    qtmodeltester.check(model, force_py=True)

    screen.choose(window.filter_bar.year, "2024")
    assert 0 < model.rowCount() < totals.count
    assert set(screen.column(window.table, "Année")) == {"2024"}
    screen.click_header(window.table, "Coût total")
    screen.click_header(window.table, "Coût total")  # the most expensive first
    costs = [model.index(r, Column.TOTAL_COST).data(SORT_ROLE) for r in range(model.rowCount())]
    assert costs == sorted(costs, reverse=True)
    assert all(re.fullmatch(AMOUNT, text) for text in screen.column(window.table, "Coût total"))

    screen.click_row(window.table, 0)
    reference = screen.column(window.table, "Référence")[0]
    assert window.detail.heading.text().startswith(f"{reference} — ")
    screen.click_tab(window.detail.tabs, "Financements")
    shown = screen.texts(window.detail)
    assert any(re.fullmatch(AMOUNT, text) for text in shown)
    screen.click_tab(window.detail.tabs, "Historique")
    assert screen.texts(window.detail)
