"""« Instruction › Grille de notation… »: the contract's criteria edited and saved whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from programmation.adapters.persistence import tables as t
from programmation.ui.app import build_main_window
from programmation.ui.instruction.grid_window import GUIDANCE, LABEL, WEIGHT, GridModel


@pytest.fixture
def instruction(qtbot, demo_copy):
    window, controller = build_main_window(demo_copy)
    qtbot.addWidget(window)
    return controller.instruction


def open_grid(qtbot, instruction):
    instruction.action_grid.trigger()  # menu Instruction › Grille de notation…
    dialog = next(w for w in instruction.window.children()
                  if w.objectName() == "grille_notation" and w.isVisible())
    qtbot.waitExposed(dialog)
    return dialog


def type_in(qtbot, dialog, row: int, column: int, text: str) -> None:
    """Double-click a cell of the grid, type over it, press Enter."""
    table = dialog.table
    rect = table.visualRect(dialog.model.index(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = table.focusWidget()
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:  # QTest types ASCII keys only: accented text goes in as a paste would
        editor.insert(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState, timeout=2000)


def stored_grid(database) -> list[tuple]:
    c = t.scoring_criterion.c
    with database.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(
            select(c.code, c.label, c.weight, c.scale_max, c.guidance)
            .order_by(c.contract_id, c.position))]


def cell(dialog, row: int, column: int) -> str:
    return dialog.model.index(row, column).data()


def test_the_grid_model_is_sound(qtmodeltester, demo_database):
    from programmation.services.scoring import load_grid

    model = GridModel()
    model.load(load_grid(demo_database))
    qtmodeltester.check(model, force_py=True)


def test_a_changed_weight_and_guidance_are_saved_and_seen_again(qtbot, instruction,
                                                               demo_copy):
    dialog = open_grid(qtbot, instruction)
    assert cell(dialog, 0, LABEL) == "Pertinence"
    type_in(qtbot, dialog, 0, WEIGHT, "3")
    type_in(qtbot, dialog, 0, GUIDANCE, "Répond-il à un besoin du quartier ?")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Grille enregistrée : 6 critères."
    first = stored_grid(demo_copy)[-6]
    assert first[2] == 3 and first[4] == "Répond-il à un besoin du quartier ?"
    dialog.close()
    again = open_grid(qtbot, instruction)
    assert (cell(again, 0, WEIGHT), cell(again, 0, GUIDANCE)) == (
        "3", "Répond-il à un besoin du quartier ?")


def test_a_negative_weight_is_refused_in_words_and_nothing_is_written(qtbot, instruction,
                                                                     demo_copy):
    before = stored_grid(demo_copy)
    dialog = open_grid(qtbot, instruction)
    type_in(qtbot, dialog, 1, WEIGHT, "-2")
    type_in(qtbot, dialog, 0, GUIDANCE, "Une aide qui ne sera pas gardée")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == ("⚠ Rien n'a été enregistré : grille de notation "
                                     "invalide : Cohérence : le poids ne peut pas être "
                                     "négatif.")
    assert stored_grid(demo_copy) == before


def test_a_weight_that_is_not_a_number_is_not_taken(qtbot, instruction):
    dialog = open_grid(qtbot, instruction)
    type_in(qtbot, dialog, 0, WEIGHT, "beaucoup")
    assert dialog.message.text() == "⚠ Poids : « beaucoup » n'est pas un nombre entier"
    assert cell(dialog, 0, WEIGHT) == "1"


def test_a_new_criterion_needs_a_label_then_is_added_where_it_was_moved(qtbot, instruction,
                                                                        demo_copy):
    dialog = open_grid(qtbot, instruction)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.table.focusWidget(), Qt.Key.Key_Escape)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text().endswith("critère n° 7 : libellé manquant.")
    type_in(qtbot, dialog, 6, LABEL, "Partenariat")
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Grille enregistrée : 7 critères."
    assert [cell(dialog, row, LABEL) for row in range(4, 7)] == [
        "Efficience", "Partenariat", "Participation des habitants"]
    c = t.scoring_criterion.c
    with demo_copy.engine.connect() as connection:
        contract = connection.execute(select(c.contract_id).where(c.code == "CRIT1")).scalar_one()
        labels = connection.execute(select(c.label).where(c.contract_id == contract)
                                    .order_by(c.position)).scalars().all()
    assert labels[4:] == ["Efficience", "Partenariat", "Participation des habitants"]

def test_a_criterion_already_scored_cannot_be_removed(qtbot, instruction, demo_copy):
    before = stored_grid(demo_copy)
    dialog = open_grid(qtbot, instruction)
    dialog.table.setCurrentIndex(dialog.model.index(0, LABEL))
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 5
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == ("⚠ Rien n'a été enregistré : le critère « Pertinence » a "
                                     "déjà des notes : il ne peut pas être retiré de la "
                                     "grille.")
    assert stored_grid(demo_copy) == before
