"""« Proposer une programmation » 2027: pillar shares, minimum funding and the CPO floor."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt

from programmation.services.instruction import list_people
from programmation.services.proposal import proposal_pillars
from programmation.ui import background
from programmation.ui.app import build_main_window
from programmation.ui.instruction.proposal_options import MAXIMUM, PillarSharesModel

EDUCATION = "Éducation (0-25 ans, réussite éducative, parentalité)"
NBSP = "\u00a0"


@pytest.fixture
def dialog(qtbot, demo_copy):
    """The main window, Mehdi Saïdi at work, the proposal dialog open on 2027."""
    window, controller = build_main_window(demo_copy)
    qtbot.addWidget(window)
    instruction = controller.instruction
    instruction.current.choose(demo_copy, next(p for p in list_people(demo_copy)
                                               if p.name == "Mehdi Saïdi"))
    instruction.action_programming.trigger()
    instruction.programming.open_year(2027)
    qtbot.addWidget(instruction.programming)
    instruction.action_propose.trigger()  # menu Instruction › Proposer une programmation…
    shown = next(w for w in instruction.programming.children()
                 if w.objectName() == "proposition")
    qtbot.waitExposed(shown)
    yield shown
    background.wait_all()


def type_share(qtbot, dialog, pillar: str, column: int, text: str) -> None:
    table, model = dialog.shares, dialog.shares_model
    row = next(r for r, p in enumerate(model.pillars) if p.name == pillar)
    rect = table.visualRect(model.index(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = table.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState, timeout=2000)


def run(qtbot, dialog) -> None:
    dialog.outcome = None
    qtbot.mouseClick(dialog.compute, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None and not dialog.progress.isVisible(),
                    timeout=20_000)


def pillar_result(dialog, pillar: str) -> list[str]:
    table = dialog.pillars
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == pillar)
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_the_pillar_shares_model_is_sound(qtmodeltester, demo_database):
    model = PillarSharesModel(proposal_pillars(demo_database, 2027))
    qtmodeltester.check(model, force_py=True)


def test_a_pillar_maximum_share_is_respected_by_the_proposal(qtbot, dialog):
    run(qtbot, dialog)
    assert pillar_result(dialog, EDUCATION)[2] == f"57,1{NBSP}%"  # uncapped
    type_share(qtbot, dialog, EDUCATION, MAXIMUM, "30")
    assert dialog.options().pillar_max_share == {"EDU": Decimal("0.3")}
    run(qtbot, dialog)
    share, _low, high = pillar_result(dialog, EDUCATION)[2:5]
    assert high == f"30,0{NBSP}%"
    assert float(share.replace(",", ".").rstrip(f"{NBSP}%")) <= 30
    capped = next(p for p in dialog.outcome.proposal.pillars if p.pillar == "EDU")
    assert capped.share <= capped.max_share


def test_a_share_above_100_percent_is_refused_in_words(qtbot, dialog):
    type_share(qtbot, dialog, EDUCATION, MAXIMUM, "150")
    assert dialog.message.text() == (f"⚠ {EDUCATION} : « 150 » : pourcentage entre 0 et 100 "
                                     "attendu")
    assert dialog.options().pillar_max_share == {}


def test_setting_the_cpo_floor_aside_changes_the_proposal_message(qtbot, dialog):
    run(qtbot, dialog)
    with_floor = dialog.summary.text()
    assert "Plancher CPO (État — crédits spécifiques politique de la ville (BOP 147)) : " \
           f"54,8{NBSP}% du montant en CPO pour au moins 50,0{NBSP}% — respecté." in with_floor
    box = dialog.cpo_floor  # stretched across the form: click on its box, not its middle
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert not dialog.options().cpo_floor
    run(qtbot, dialog)
    assert dialog.summary.text() != with_floor
    assert "Plancher CPO non appliqué à cette proposition." in dialog.summary.text()


def test_partial_funding_and_the_priority_weight_reach_the_solver(qtbot, dialog):
    dialog.min_share.clear()
    qtbot.keyClicks(dialog.min_share, "60")
    dialog.priority.clear()
    qtbot.keyClicks(dialog.priority, "200")
    options = dialog.options()
    assert (options.min_share, options.priority_weight) == (Decimal("0.6"), 2)
    run(qtbot, dialog)
    assert dialog.summary.text().startswith("Proposition optimale : ")
