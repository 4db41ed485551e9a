"""A carrier merge is signed by whoever works, chosen in « Qui travaille ? », like every act."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import select

from programmation.adapters.persistence import tables as t
from programmation.domain.dossier import Carrier
from programmation.services import carriers

CLAIRE = "Claire Vanhove (Cœur de Flandre agglo — politique de la ville)"
ORIGINAL, PLANTED = "Mission Locale", "MISSION LOCALE"
SHOTS = os.environ.get("PROGRAMMATION_SCREENSHOTS")


def _click(qtbot, widget) -> None:
    assert widget.isEnabled(), widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _choose_who_works(qtbot, main, label: str) -> None:
    """Click the status bar's « Qui travaille ? » and pick ``label`` with the arrow keys."""
    answered = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert dialog.windowTitle() == "Qui travaille ?"
            qtbot.mouseClick(dialog.pick, Qt.MouseButton.LeftButton,
                             pos=QPoint(12, dialog.pick.height() // 2))
            dialog.people.setFocus()
            qtbot.keyClick(dialog.people, Qt.Key.Key_Home)
            while dialog.people.currentText() != label:
                index = dialog.people.currentIndex()
                qtbot.keyClick(dialog.people, Qt.Key.Key_Down)
                assert dialog.people.currentIndex() != index, f"{label} is not offered"
            _click(qtbot, dialog.ok_button)
            answered.append(True)
        finally:
            if dialog.isVisible():  # a failed step must not leave the test waiting
                dialog.reject()

    QTimer.singleShot(0, answer)
    _click(qtbot, main.controller.instruction.person_button)
    assert answered == [True]
    assert main.controller.current_user.label == label


@pytest.fixture
def main(demo_copy, main_window_on):
    """The main window on a private copy of the demo, with a duplicate of the Mission Locale
    planted as another import would leave it."""
    with demo_copy.unit_of_work() as uow:
        uow.session.add(Carrier(PLANTED, city="Hazebrouck"))
        uow.commit()
    return main_window_on(demo_copy)


@pytest.mark.qt_log_ignore(r"^This plugin does not support (raise|propagateSizeHints)\(\)$")
def test_the_merged_dossiers_history_names_the_instructor_chosen(main, qtbot, screen):
    _choose_who_works(qtbot, main, CLAIRE)
    database = main.controller.database
    moving = carriers.carrier_dossiers(
        database, next(r.id for r in carriers.list_carriers(database) if r.name == ORIGINAL))
    assert moving
    main.carriers_menu.actions()[0].trigger()  # « Registre des porteurs… »
    register = main.controller.carriers.view
    qtbot.waitExposed(register)
    screen.click_tab(register.tabs, "&Doublons")
    table = register.duplicates.table
    row = next(r for r in range(table.rowCount())
               if {table.item(r, 0).text(), table.item(r, 2).text()} == {ORIGINAL, PLANTED})
    screen.click_row(table, row)
    _click(qtbot, register.duplicates.merge_button)
    dialog = main.controller.carriers.controller.dialog
    qtbot.waitExposed(dialog)
    assert dialog.acting.name.text() == CLAIRE and not dialog.acting.note.isVisible()
    keep_planted = next(b for b in (dialog.keep_first, dialog.keep_second)
                        if b.text() == PLANTED)
    qtbot.mouseClick(keep_planted, Qt.MouseButton.LeftButton,
                     pos=QPoint(12, keep_planted.height() // 2))
    assert keep_planted.isChecked()
    if SHOTS:
        dialog.grab().save(f"{SHOTS}/fusion_effectuee_par.png")
    ok = next(b for b in dialog.findChild(QDialogButtonBox).buttons()
              if b.text() == "&Fusionner")
    _click(qtbot, ok)

    with database.engine.connect() as connection:
        signed = connection.execute(
            select(t.application.c.reference, t.revision.c.actor, t.revision.c.note)
            .join(t.application).where(t.revision.c.note.like("Porteur « Mission Locale »%"))
        ).all()
    assert sorted(reference for reference, _, _ in signed) == sorted(
        d.reference for d in moving)
    assert {actor for _, actor, _ in signed} == {CLAIRE}
    assert signed[0].note == (f"Porteur « {ORIGINAL} » fusionné dans « {PLANTED} » : dossier "
                              "rattaché au porteur conservé")
