"""One full AMI and one RESERVE decision, clicked and typed through as a user would."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from programmation.adapters.persistence.backup import backup_database
from programmation.adapters.persistence.database import Database
from programmation.domain.call import Call
from programmation.domain.dossier import Application
from programmation.domain.lifecycle import Status
from programmation.domain.review import ReserveAgreement

NNBSP, NBSP = "\u202f", "\u00a0"
SHOTS = os.environ.get("PROGRAMMATION_SCREENSHOTS")  # a folder: keep a screenshot per step


def eur(text: str) -> str:
    return text.replace(" €", f"{NBSP}€").replace(" ", NNBSP)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    from programmation.demo import build_demo

    db = Database.open(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    build_demo(db)
    yield db
    db.dispose()


@pytest.fixture
def window(qtbot, demo_file, tmp_path):
    from programmation.ui.channels.window import ChannelsWindow

    db = Database.open(backup_database(demo_file.engine, tmp_path, reason="copie"))
    shown = ChannelsWindow(db)
    qtbot.addWidget(shown)
    shown.resize(1400, 900)
    shown.show()
    qtbot.waitExposed(shown)
    qtbot.keyClicks(shown.actor_box.lineEdit(), "Claire Vanhove")
    shown.db = db
    yield shown
    db.dispose()


def _shot(widget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        widget.grab().save(f"{SHOTS}/{name}.png")


def _click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _type_in_cell(qtbot, table, row: int, column: int, text: str) -> None:
    """Click a cell, F2 to edit it, replace its text, Enter — as a user edits a grid."""
    rect = table.visualItemRect(table.item(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()

    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, column).text() == text, timeout=2000)


def _retype(qtbot, edit, text: str) -> None:
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def _dialog(qtbot, tab):
    """The dialog the last click opened, on screen and active (the window manager's part)."""
    qtbot.waitExposed(tab.dialog)
    tab.dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab.dialog, timeout=2000)
    return tab.dialog


def _grid_row(grid, caption: str) -> list[str]:
    row = next(r for r in range(grid.rowCount())
               if grid.verticalHeaderItem(r).text() == caption)
    return [grid.item(row, c).text() for c in range(grid.columnCount())]


# --- AMI ------------------------------------------------------------------------------------


def test_a_user_compares_amends_selects_and_closes_the_health_mediation_ami(
        qtbot, window, screen):
    screen.click_tab(window.tabs, "AMI")
    tab = window.ami
    grid = tab.grid
    assert grid.columnCount() == 3
    assert _grid_row(grid, "Référence") == ["2027-AMI-001", "2027-AMI-002", "2027-AMI-003"]
    alerts = _grid_row(grid, "Alerte")
    assert alerts[0].startswith("au-dessus du plafond de l'AMI") and alerts[1] == "—"
    assert "Clôture impossible" in tab.close_reason.text()
    _shot(window, "ami_1_comparaison")

    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton,
                     pos=grid.visualItemRect(grid.item(0, 0)).center())
    assert tab.selected_answer().reference == "2027-AMI-001"
    _click(qtbot, tab.amend)
    dialog = _dialog(qtbot, tab)
    state = dialog.amounts.row_of("ETAT-147")
    asked = dialog.amounts.item(state, 1).text()
    _type_in_cell(qtbot, dialog.amounts, state, 1, "5000")
    qtbot.keyClicks(dialog.note, "Presence reduite a deux jours")
    _shot(dialog, "ami_2_amender")
    _click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    assert "la version d'origine est conservée" in tab.message.text()
    versions = tab.versions_box.findChild(type(grid), "versions")
    state_row = [versions.item(r, 0).text() for r in range(versions.rowCount())].index(
        "État — crédits spécifiques politique de la ville (BOP 147)")
    assert [versions.item(state_row, c).text() for c in (1, 2)] == [
        f"{asked}{NBSP}€", eur("5 000,00 €")]
    assert _grid_row(grid, "Amendée")[0] == "oui"
    assert _grid_row(grid, "Alerte")[0] == "—"
    _shot(window, "ami_3_amendee")

    _click(qtbot, tab.select)
    dialog = _dialog(qtbot, tab)
    dialog.answers.setFocus()
    dialog.answers.setCurrentRow(0)
    qtbot.keyClick(dialog.answers, Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.reason, "Ancrage dans le quartier moins etabli")
    _shot(dialog, "ami_4_retenir")
    _click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    assert tab.message.text() == ("Retenue(s) : 2027-AMI-001 — refusée(s) : 2027-AMI-002, "
                                  "2027-AMI-003")
    assert _grid_row(grid, "Statut") == ["Accordé", "Refusé", "Refusé"]

    _click(qtbot, tab.close_button)
    assert tab.ami_choice.currentText().endswith("— clos")
    assert not tab.amend.isEnabled() and not tab.select.isEnabled()
    _shot(window, "ami_5_clos")
    with window.db.unit_of_work() as uow:
        call = uow.session.scalars(select(Call).where(Call.title.like("AMI — Médiation%"))).one()
        assert call.closed
        statuses = {a.reference: a.status for a in uow.session.scalars(
            select(Application).where(Application.call_id == call.id))}
        assert statuses == {"2027-AMI-001": Status.GRANTED, "2027-AMI-002": Status.REFUSED,
                            "2027-AMI-003": Status.REFUSED}
        granted = uow.session.scalars(select(Application).where(
            Application.reference == "2027-AMI-001")).one()
        state = next(line for line in granted.funding_lines if line.funder.code == "ETAT-147")
        assert str(state.granted) == "5000.00"
        assert granted.history[-1].actor == "Claire Vanhove"


# --- RESERVE --------------------------------------------------------------------------------


def _reserve_row(tab, reference: str) -> int:
    return next(r for r, row in enumerate(tab.model.rows) if row.reference == reference)


def test_a_user_decides_a_reserve_project_in_co_instruction_and_sees_the_balance_fall(
        qtbot, window, screen):
    screen.click_tab(window.tabs, "Enveloppe de réserve")
    tab = window.reserve
    state_balance = tab.balance_box.findChild(type(tab.ceiling), "solde_ETAT-147")
    assert state_balance.text() == eur("865,00 €")
    screen.click_row(tab.dossiers, _reserve_row(tab, "2026-RESERVE-003"))
    assert tab.coinstruct.isEnabled() and not tab.instruct.isEnabled()
    _click(qtbot, tab.coinstruct)
    dialog = _dialog(qtbot, tab)
    from programmation.ui.channels.coinstruction_dialog import AMOUNT, ANSWER

    screen.choose(dialog.widget("ETAT-147", ANSWER), "Accord")
    _retype(qtbot, dialog.widget("ETAT-147", AMOUNT), "2000")
    screen.choose(dialog.widget("EPCI", ANSWER), "Accord")
    _retype(qtbot, dialog.widget("EPCI", AMOUNT), "1000")
    screen.choose(dialog.widget("VILLE", ANSWER), "Refus")
    _click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert "dépasse le solde de l'enveloppe de réserve" in dialog.message.text()
    _shot(dialog, "reserve_1_refus_solde")
    with window.db.unit_of_work() as uow:
        assert uow.session.scalar(select(func.count()).select_from(ReserveAgreement)) == 0

    _retype(qtbot, dialog.widget("ETAT-147", AMOUNT), "800")
    _click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    assert tab.message.text() == f"2026-RESERVE-003 accordé en co-instruction : {eur('1 800,00 €')}"
    state_balance = tab.balance_box.findChild(type(tab.ceiling), "solde_ETAT-147")
    assert state_balance.text() == eur("65,00 €")
    assert screen.column(tab.dossiers, "Statut")[_reserve_row(tab, "2026-RESERVE-003")] == \
        "Accordé"
    informed = screen.column(tab.committee, "Référence")
    assert "2026-RESERVE-003" in informed
    who = screen.column(tab.committee, "Qui a donné son accord, quand")[
        informed.index("2026-RESERVE-003")]
    assert "Mehdi Saïdi" in who and "Anne Dufour" in who
    _shot(window, "reserve_2_accorde")
    with window.db.unit_of_work() as uow:
        dossier = uow.session.scalars(select(Application).where(
            Application.reference == "2026-RESERVE-003")).one()
        assert dossier.status is Status.GRANTED
        assert uow.session.scalar(select(func.count()).select_from(ReserveAgreement)) == 3


def test_a_user_instructs_a_small_project_lightly(qtbot, window, screen):
    screen.click_tab(window.tabs, "Enveloppe de réserve")
    tab = window.reserve
    screen.click_row(tab.dossiers, _reserve_row(tab, "2026-RESERVE-004"))
    _click(qtbot, tab.instruct)
    assert tab.message.text().startswith("2026-RESERVE-004 instruit — le projet demande")
    row = _reserve_row(tab, "2026-RESERVE-004")
    assert screen.column(tab.dossiers, "Statut")[row] == "Instruit"
    assert tab.coinstruct.isEnabled()


def test_a_user_publishes_a_need_and_drafts_its_first_answer(qtbot, window, screen):
    screen.click_tab(window.tabs, "AMI")
    tab = window.ami
    _click(qtbot, tab.publish)
    dialog = _dialog(qtbot, tab)
    qtbot.keyClicks(dialog.title_edit, "AMI - Jardin nourricier")
    screen.choose(dialog.pillar, dialog.pillar.itemText(3))
    for field, text in ((dialog.description, "Un jardin cultive avec les habitants"),
                        (dialog.ceiling, "12 000"), (dialog.criteria, "Participation"),
                        (dialog.opening, "05/01/2027"), (dialog.deadline, "01/03/2027"),
                        (dialog.committee, "02/04/2027")):
        qtbot.keyClicks(field, text)
    _shot(dialog, "ami_0_besoin")
    _click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    assert tab.ami_choice.currentText() == "AMI - Jardin nourricier (2027)"
    assert tab.grid.columnCount() == 0
    assert eur("12 000,00 €") in screen.texts(tab.need_box)
    _click(qtbot, tab.draft)
    dialog = _dialog(qtbot, tab)
    qtbot.keyClicks(dialog.carrier, "Les Jardiniers de Flandre")
    qtbot.keyClicks(dialog.title_edit, "Jardin Pasteur")
    _type_in_cell(qtbot, dialog.amounts, dialog.amounts.row_of("ETAT-147"), 1, "4000")
    _click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    assert tab.message.text() == "Réponse de « Les Jardiniers de Flandre » créée en brouillon"
    assert _grid_row(tab.grid, "Statut") == ["Brouillon"]
    assert _grid_row(tab.grid, "Montant demandé") == [eur("4 000,00 €")]
    with window.db.unit_of_work() as uow:
        call = uow.session.scalars(select(Call).where(
            Call.title == "AMI - Jardin nourricier")).one()
        assert (call.budget_ceiling, call.pillars[0].code) == (12000, "ECO")
