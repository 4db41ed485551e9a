"""A small contract with a handful of dossiers, built through the domain classes."""

from __future__ import annotations

import hashlib
import os
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from programmation.domain.channels import Channel, FundingNature, Opinion
from programmation.domain.contract import Contract
from programmation.domain.dossier import (
    Application,
    Attachment,
    BudgetEntry,
    BudgetVersion,
    Carrier,
    Indicator,
)
from programmation.domain.funding import FundingLine
from programmation.domain.lifecycle import Status, path_to
from programmation.domain.presets import QUARTIERS_2030, default_funders, pillar_preset

D = Decimal
AT = datetime(2024, 3, 1, 9, 30)
HERE = Path(__file__).parent
SHOTS = os.environ.get("PROGRAMMATION_SCREENSHOTS")  # a folder: keep a screenshot per step


def pytest_collection_modifyitems(config, items):
    """The offscreen platform says this at every show(); any other Qt warning still fails."""
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(r"^This plugin does not support "
                                                      r"propagateSizeHints\(\)$"))


def _walk_to(application: Application, target: Status, actor: str, reason: str) -> None:
    for step in path_to(target, application.channel)[1:]:
        application.change_status(step, actor, reason if step is target else "", AT)


def _budget(*lines: tuple) -> BudgetVersion:
    """Budget lines as (account, amount) or (account, amount, funder) for the 74 lines."""
    return BudgetVersion("requested", AT, [BudgetEntry(line[0], D(line[1]), *line[2:])
                                           for line in lines])


def build_fixture(database, size=None, progress=None) -> None:
    """The fixture contract (same signature as ``build_demo``; size is ignored)."""
    contract = Contract("Contrat de ville d'Hazebrouck", "Cœur de Flandre", "Hazebrouck",
                        2024, 2030, pillar_preset=QUARTIERS_2030)
    contract.pillars = pillar_preset(QUARTIERS_2030)
    contract.funders = default_funders()
    pillar = contract.pillar
    etat, ville, caf = (contract.funder(c) for c in ("ETAT-147", "VILLE", "CAF"))

    elan = Carrier("Maison de quartier Élan", siret="35600000000048", city="Hazebrouck",
                   representative="Mme Dupont", contact_name="Léa Martin",
                   email="contact@elan.example", phone="03 28 00 00 00")
    sport = Carrier("Club sportif du Rivage", rna="W595000001", city="Hazebrouck")
    sante = Carrier("Association Santé Flandre", city="Bailleul")

    soutien = Application(
        "2024-AAP-001", 2024, Channel.AAP, "Soutien scolaire au Rivage", elan, pillar("EDU"),
        contract=contract, summary="Accompagnement aux devoirs pour les collégiens.",
        target_public="Collégiens du quartier", beneficiaries=120, qpv_share=D("0.85"),
        women=65, men=55, total_cost=D("25000"), places="Salle Jean Moulin",
        start_date=date(2024, 9, 1), end_date=date(2025, 6, 30),
    )
    soutien.funding_lines = [
        FundingLine(etat, 2024, D("12500"), FundingNature.SPECIFIC, D("12000"), D("12000"),
                    opinion=Opinion.FAVOURABLE),
        FundingLine(ville, 2024, D("7500"), FundingNature.SPECIFIC, D("7500"), D("7500")),
    ]
    soutien.budget_versions = [_budget(
        ("604", "15000"), ("641", "10000"),
        ("74", "12500", etat), ("74", "7500", ville), ("RP", "5000"),
        ("864", "3000"), ("870", "3000"),
    )]
    soutien.indicators = [Indicator("Élèves suivis", D("100"), D("112"), "élèves")]
    content = b"%PDF-1.4 demo"
    soutien.attachments = [Attachment("Budget prévisionnel", "budget_elan.pdf", "application/pdf",
                                      content, hashlib.sha256(content).hexdigest(), AT)]
    _walk_to(soutien, Status.GRANTED, "Comité de pilotage", "Action prioritaire du quartier")

    sport_app = Application(
        "2024-AAP-002", 2024, Channel.AAP, "Football pour toutes", sport, pillar("CSP"),
        contract=contract, total_cost=D("1500000"), is_renewal=True,
    )
    sport_app.funding_lines = [
        FundingLine(etat, 2024, D("1234567.89"), FundingNature.SPECIFIC),
        FundingLine(caf, 2024, D("40000"), FundingNature.COMMON_LAW),
    ]
    sport_app.budget_versions = [_budget(  # charges 1 500 000 ≠ produits 1 274 567,89
        ("604", "1500000"), ("74", "1234567.89", etat), ("74", "40000", caf),
    )]
    _walk_to(sport_app, Status.UNDER_REVIEW, "Instructrice DDETS", "")

    prevention = Application(
        "2025-CPO-001", 2025, Channel.CPO, "Prévention santé des jeunes", sante, pillar("SAN"),
        contract=contract, total_cost=D("90000"),
    )
    prevention.funding_lines = [
        FundingLine(etat, year, D("30000"), FundingNature.SPECIFIC) for year in (2025, 2026, 2027)
    ]
    _walk_to(prevention, Status.SUBMITTED, "Porteur", "Dépôt en ligne")

    ateliers = Application(
        "2025-RESERVE-001", 2025, Channel.RESERVE, "Ateliers numériques", elan, pillar("ADR"),
        contract=contract, total_cost=D("3000"),
    )
    ateliers.funding_lines = [FundingLine(ville, 2025, D("2000"), FundingNature.SPECIFIC)]

    with database.unit_of_work() as uow:
        uow.session.add(contract)
        uow.session.add_all([soutien, sport_app, prevention, ateliers])
        uow.commit()
    if progress is not None:
        progress(4, 4)


@pytest.fixture
def demo_db(database):
    """Four dossiers over 2024–2025, one granted, one with an unbalanced budget."""
    build_fixture(database)
    return database


def _on_screen(qtbot, widget, width: int, height: int):
    """``widget`` shown at that size, as the app shows it, once exposed; closed by qtbot."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def main_window_on(qtbot):
    """``main_window_on(db)``: the main window on ``db`` (1400×850), with its ``.controller``;
    the background jobs are waited for at the end of the test."""
    from programmation.ui import background
    from programmation.ui.app import build_main_window

    def open_on(database):
        main, controller = build_main_window(database)
        main.controller = controller
        return _on_screen(qtbot, main, 1400, 850)

    yield open_on
    background.wait_all()


@pytest.fixture
def window(demo_db, main_window_on):
    """The main window on the fixture, as the app shows it (1400×850), with its controller."""
    return main_window_on(demo_db)


class Screen:
    """What a user does and reads: typing, clicking rows, headers, tabs; visible texts."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self._typed_at = 0.0
        self._typed_in = None

    def _pause_between_searches(self, combo) -> None:
        """Keys typed in the same combo within the keyboard-search interval extend the previous
        search (each combo's list keeps its own search, so another combo needs no pause)."""
        if combo is not self._typed_in:
            return
        from PySide6.QtWidgets import QApplication

        interval = QApplication.keyboardInputInterval() / 1000 + 0.05
        remaining = self._typed_at + interval - time.monotonic()
        if remaining > 0:
            self.qtbot.wait(int(remaining * 1000))

    def choose(self, combo, text: str) -> None:
        """Pick an entry of a combo with the keyboard, as a user typing its first word.

        (A space would open the popup, as it does for a user; QTest types ASCII only,
        so the word is typed up to its first accent.)
        """
        from PySide6.QtCore import Qt

        word = text.split()[0]
        prefix = word[:next((i for i, ch in enumerate(word) if not ch.isascii()), len(word))]
        combo.setFocus()
        self.qtbot.keyClick(combo, Qt.Key.Key_Home)
        if text != combo.currentText():
            self._pause_between_searches(combo)
            self.qtbot.keyClicks(combo, prefix)
            self._typed_at, self._typed_in = time.monotonic(), combo
        assert combo.currentText() == text

    def click(self, button) -> None:
        """Click a button, which must be enabled (a disabled one names itself in the failure)."""
        from PySide6.QtCore import Qt

        assert button.isEnabled(), button.text()
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def dialog(self, tab):
        """The dialog the last click on ``tab`` opened, on screen and active."""
        from PySide6.QtWidgets import QApplication

        self.qtbot.waitExposed(tab.dialog)
        tab.dialog.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is tab.dialog, timeout=2000)
        return tab.dialog

    @staticmethod
    def shot(widget, name: str) -> None:
        """Save a screenshot of ``widget`` when PROGRAMMATION_SCREENSHOTS names a folder."""
        from PySide6.QtWidgets import QApplication

        if SHOTS:
            QApplication.processEvents()
            widget.grab().save(f"{SHOTS}/{name}.png")

    def click_row(self, table, row: int) -> None:
        from PySide6.QtCore import Qt

        rect = table.visualRect(table.model().index(row, 0))
        self.qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    def click_header(self, table, title: str) -> None:
        from PySide6.QtCore import QPoint, Qt

        model, header = table.model(), table.horizontalHeader()
        column = next(c for c in range(model.columnCount())
                      if model.headerData(c, Qt.Orientation.Horizontal) == title)
        table.scrollTo(model.index(0, column))
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        self.qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                              pos=QPoint(x, header.height() // 2))

    def click_tab(self, tabs, title_start: str) -> None:
        from PySide6.QtCore import Qt

        bar = tabs.tabBar()
        index = next(i for i in range(bar.count()) if bar.tabText(i).startswith(title_start))
        self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        assert tabs.currentIndex() == index

    @staticmethod
    def column(table, title: str) -> list[str]:
        from PySide6.QtCore import Qt

        model = table.model()
        column = next(c for c in range(model.columnCount())
                      if model.headerData(c, Qt.Orientation.Horizontal) == title)
        return [model.index(r, column).data() for r in range(model.rowCount())]

    @staticmethod
    def texts(widget) -> list[str]:
        """Label texts and table cells of ``widget`` that are on screen."""
        from PySide6.QtWidgets import QLabel, QTableWidget

        found = [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]
        for table in widget.findChildren(QTableWidget):
            if table.isVisible():
                found += [table.item(r, c).text() for r in range(table.rowCount())
                          for c in range(table.columnCount()) if table.item(r, c)]
        return found


@pytest.fixture
def channels_window(qtbot, demo_copy):
    """The « Modalités de programmation » window (1400×900) on a copy of the demo, its ``.db``."""
    from programmation.ui.channels.window import ChannelsWindow

    shown = _on_screen(qtbot, ChannelsWindow(demo_copy), 1400, 900)
    shown.db = demo_copy
    return shown


@pytest.fixture
def screen(qtbot):
    return Screen(qtbot)


@pytest.fixture
def fixture_builder():
    """``build_fixture`` as a demo builder (what « charger la démonstration » runs)."""
    return build_fixture
