"""One full AMI and one RESERVE decision, clicked and typed through as a user would."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from programmation.adapters.persistence import tables as t
from programmation.domain.call import Call
from programmation.domain.dossier import Application
from programmation.domain.lifecycle import Status
from programmation.domain.money import format_eur
from programmation.domain.review import ReserveAgreement
from programmation.services.instruction import list_people

NNBSP, NBSP = "\u202f", "\u00a0"


def eur(text: str) -> str:
    return text.replace(" €", f"{NBSP}€").replace(" ", NNBSP)


@pytest.fixture
def window(channels_window):
    """Claire Vanhove at work (« Qui travaille ? »): the acts are recorded in her name."""
    db = channels_window.db
    channels_window.current_user.choose(db, next(p for p in list_people(db)
                                                 if p.name == "Claire Vanhove"))
    return channels_window


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
    screen.shot(window, "ami_1_comparaison")

    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton,
                     pos=grid.visualItemRect(grid.item(0, 0)).center())
    assert tab.selected_answer().reference == "2027-AMI-001"
    screen.click(tab.amend)
    dialog = screen.dialog(tab)
    state = dialog.amounts.row_of("ETAT-147")
    asked = dialog.amounts.item(state, 1).text()
    _type_in_cell(qtbot, dialog.amounts, state, 1, "5000")
    qtbot.keyClicks(dialog.note, "Presence reduite a deux jours")
    screen.shot(dialog, "ami_2_amender")
    screen.click(dialog.ok_button)
    assert not dialog.isVisible()
    assert "la version d'origine est conservée" in tab.message.text()
    versions = tab.versions_box.findChild(type(grid), "versions")
    state_row = [versions.item(r, 0).text() for r in range(versions.rowCount())].index(
        "État — crédits spécifiques politique de la ville (BOP 147)")
    assert [versions.item(state_row, c).text() for c in (1, 2)] == [
        f"{asked}{NBSP}€", eur("5 000,00 €")]
    assert _grid_row(grid, "Amendée")[0] == "oui"
    assert _grid_row(grid, "Alerte")[0] == "—"
    screen.shot(window, "ami_3_amendee")

    screen.click(tab.select)
    dialog = screen.dialog(tab)
    dialog.answers.setFocus()
    dialog.answers.setCurrentRow(0)
    qtbot.keyClick(dialog.answers, Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.reason, "Ancrage dans le quartier moins etabli")
    screen.shot(dialog, "ami_4_retenir")
    screen.click(dialog.ok_button)
    assert not dialog.isVisible()
    assert tab.message.text() == ("Retenue(s) : 2027-AMI-001 — refusée(s) : 2027-AMI-002, "
                                  "2027-AMI-003")
    assert _grid_row(grid, "Statut") == ["Accordé", "Refusé", "Refusé"]

    screen.click(tab.close_button)
    assert tab.ami_choice.currentText().endswith("— clos")
    assert not tab.amend.isEnabled() and not tab.select.isEnabled()
    screen.shot(window, "ami_5_clos")
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
        assert granted.history[-1].actor == (
            "Claire Vanhove (Cœur de Flandre agglo — politique de la ville)")


# --- RESERVE --------------------------------------------------------------------------------


def _reserve_row(tab, reference: str) -> int:
    return next(r for r, row in enumerate(tab.model.rows) if row.reference == reference)


def _state_reserve_left(db) -> Decimal:
    """The State's RESERVE envelope of 2026 less what its 2026 RESERVE lines were granted."""
    a, line, e, f = t.application, t.funding_line, t.envelope, t.funder
    with db.engine.connect() as connection:
        envelope = connection.execute(select(e.c.amount).join(f).where(
            e.c.year == 2026, e.c.channel == "RESERVE", f.c.code == "ETAT-147")).scalar_one()
        granted = connection.execute(select(func.sum(line.c.granted)).join(a).join(f).where(
            a.c.year == 2026, a.c.channel == "RESERVE", line.c.year == 2026,
            f.c.code == "ETAT-147")).scalar_one()
    return envelope - (granted or 0)


def _agreements(db) -> int:
    with db.unit_of_work() as uow:
        return uow.session.scalar(select(func.count()).select_from(ReserveAgreement))


def test_a_user_decides_a_reserve_project_in_co_instruction_and_sees_the_balance_fall(
        qtbot, window, screen):
    screen.click_tab(window.tabs, "Enveloppe de réserve")
    tab = window.reserve
    left, agreed = _state_reserve_left(window.db), _agreements(window.db)
    assert Decimal(800) <= left < Decimal(2000)  # 2 000 € is refused, 800 € fits
    state_balance = tab.balance_box.findChild(type(tab.ceiling), "solde_ETAT-147")
    assert state_balance.text() == format_eur(left)
    screen.click_row(tab.dossiers, _reserve_row(tab, "2026-RESERVE-003"))
    assert tab.coinstruct.isEnabled() and not tab.instruct.isEnabled()
    screen.click(tab.coinstruct)
    dialog = screen.dialog(tab)
    from programmation.ui.channels.coinstruction_dialog import AMOUNT, ANSWER

    screen.choose(dialog.widget("ETAT-147", ANSWER), "Accord")
    _retype(qtbot, dialog.widget("ETAT-147", AMOUNT), "2000")
    screen.choose(dialog.widget("EPCI", ANSWER), "Accord")
    _retype(qtbot, dialog.widget("EPCI", AMOUNT), "1000")
    screen.choose(dialog.widget("VILLE", ANSWER), "Refus")
    screen.click(dialog.ok_button)
    assert dialog.isVisible()
    assert "dépasse le solde de l'enveloppe de réserve" in dialog.message.text()
    screen.shot(dialog, "reserve_1_refus_solde")
    assert _agreements(window.db) == agreed

    _retype(qtbot, dialog.widget("ETAT-147", AMOUNT), "800")
    screen.click(dialog.ok_button)
    assert not dialog.isVisible()
    assert tab.message.text() == f"2026-RESERVE-003 accordé en co-instruction : {eur('1 800,00 €')}"
    state_balance = tab.balance_box.findChild(type(tab.ceiling), "solde_ETAT-147")
    assert state_balance.text() == format_eur(left - 800)
    assert screen.column(tab.dossiers, "Statut")[_reserve_row(tab, "2026-RESERVE-003")] == \
        "Accordé"
    informed = screen.column(tab.committee, "Référence")
    assert "2026-RESERVE-003" in informed
    who = screen.column(tab.committee, "Qui a donné son accord, quand")[
        informed.index("2026-RESERVE-003")]
    assert "Mehdi Saïdi" in who and "Anne Dufour" in who
    screen.shot(window, "reserve_2_accorde")
    with window.db.unit_of_work() as uow:
        dossier = uow.session.scalars(select(Application).where(
            Application.reference == "2026-RESERVE-003")).one()
        assert dossier.status is Status.GRANTED
    assert _agreements(window.db) == agreed + 3


def test_a_user_instructs_a_small_project_lightly(qtbot, window, screen):
    # the demo's project asks less than the ceiling: on this copy the State alone asks it all
    with window.db.unit_of_work() as uow:
        dossier = uow.session.scalars(select(Application).where(
            Application.reference == "2026-RESERVE-004")).one()
        state = next(line for line in dossier.funding_lines if line.funder.code == "ETAT-147")
        state.requested = dossier.contract.reserve_project_ceiling
        uow.commit()
    screen.click_tab(window.tabs, "Enveloppe de réserve")
    tab = window.reserve
    screen.click_row(tab.dossiers, _reserve_row(tab, "2026-RESERVE-004"))
    screen.click(tab.instruct)
    assert tab.message.text().startswith("2026-RESERVE-004 instruit — le projet demande")
    row = _reserve_row(tab, "2026-RESERVE-004")
    assert screen.column(tab.dossiers, "Statut")[row] == "Instruit"
    assert tab.coinstruct.isEnabled()


def test_a_user_publishes_a_need_and_drafts_its_first_answer(qtbot, window, screen):
    screen.click_tab(window.tabs, "AMI")
    tab = window.ami
    screen.click(tab.publish)
    dialog = screen.dialog(tab)
    qtbot.keyClicks(dialog.title_edit, "AMI - Jardin nourricier")
    screen.choose(dialog.pillar, dialog.pillar.itemText(3))
    for field, text in ((dialog.description, "Un jardin cultive avec les habitants"),
                        (dialog.ceiling, "12 000"), (dialog.criteria, "Participation"),
                        (dialog.opening, "05/01/2027"), (dialog.deadline, "01/03/2027"),
                        (dialog.committee, "02/04/2027")):
        qtbot.keyClicks(field, text)
    screen.shot(dialog, "ami_0_besoin")
    screen.click(dialog.ok_button)
    assert not dialog.isVisible()
    assert tab.ami_choice.currentText() == "AMI - Jardin nourricier (2027)"
    assert tab.grid.columnCount() == 0
    assert eur("12 000,00 €") in screen.texts(tab.need_box)
    screen.click(tab.draft)
    dialog = screen.dialog(tab)
    qtbot.keyClicks(dialog.carrier, "Les Jardiniers de Flandre")
    qtbot.keyClicks(dialog.title_edit, "Jardin Pasteur")
    _type_in_cell(qtbot, dialog.amounts, dialog.amounts.row_of("ETAT-147"), 1, "4000")
    screen.click(dialog.ok_button)
    assert not dialog.isVisible()
    assert tab.message.text() == "Réponse de « Les Jardiniers de Flandre » créée en brouillon"
    assert _grid_row(tab.grid, "Statut") == ["Brouillon"]
    assert _grid_row(tab.grid, "Montant demandé") == [eur("4 000,00 €")]
    with window.db.unit_of_work() as uow:
        call = uow.session.scalars(select(Call).where(
            Call.title == "AMI - Jardin nourricier")).one()
        assert (call.budget_ceiling, call.pillars[0].code) == (12000, "ECO")
