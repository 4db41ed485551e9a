"""One « who is acting » for the whole app: chosen in « Qui travaille ? », signed on every act.

The instructor is chosen through the status bar's « Qui travaille ? » like a user
would; then a batch status change, an editor save and a RESERVE light instruction
are done through their screens, and the rows they write carry that instructor's label.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import select

from programmation.adapters.persistence import tables as t
from programmation.ui.current_user import FALLBACK_NOTE, CurrentUser, login_name

MEHDI = "Mehdi Saïdi (Préfecture du Nord — délégué du préfet)"
REASON = "Dossier incomplet"  # typed: QTest types ASCII only
SHOTS = os.environ.get("PROGRAMMATION_SCREENSHOTS")  # a folder: keep a screenshot per step


@pytest.fixture
def main(qtbot, demo_copy):
    """The main window on a private copy of the demo (four instructors)."""
    from programmation.ui import background
    from programmation.ui.app import build_main_window

    window, controller = build_main_window(demo_copy)
    qtbot.addWidget(window)
    window.resize(1400, 850)
    window.show()
    qtbot.waitExposed(window)
    window.controller = controller
    yield window
    background.wait_all()


def _click(qtbot, widget) -> None:
    assert widget.isEnabled(), widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _tick(qtbot, radio) -> None:
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(12, radio.height() // 2))
    assert radio.isChecked()


def _pick(qtbot, combo, text: str) -> None:
    """Choose an entry of a combo with the arrow keys (QTest cannot type accents)."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def answer_who_is_working(qtbot, opener, *, existing: str = "", new: tuple = ()) -> None:
    """Click ``opener``, then answer « Qui travaille ? »: an instructor of the list, or
    ``new`` = (name, organisation, funder) to add oneself."""
    answered = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert dialog.windowTitle() == "Qui travaille ?"
            if existing:
                _tick(qtbot, dialog.pick)
                _pick(qtbot, dialog.people, existing)
            else:
                _tick(qtbot, dialog.new)
                qtbot.keyClicks(dialog.name, new[0])
                qtbot.keyClicks(dialog.organisation, new[1])
                _pick(qtbot, dialog.funder, new[2])
            _click(qtbot, dialog.ok_button)
            answered.append(True)
        finally:
            if dialog.isVisible():  # a failed step must not leave the test waiting
                dialog.reject()

    QTimer.singleShot(0, answer)
    _click(qtbot, opener)
    assert answered == [True]


def choose_mehdi(qtbot, main) -> None:
    answer_who_is_working(qtbot, main.controller.instruction.person_button, existing=MEHDI)
    assert main.controller.instruction.person_button.text() == f"Instructeur : {MEHDI}"
    assert main.controller.current_user.label == MEHDI


def _select_rows(main, qtbot, screen, first: int, count: int) -> None:
    screen.click_row(main.table, first)
    for _ in range(count - 1):
        qtbot.keyClick(main.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)


def _select_submitted(main, qtbot, screen, count: int) -> None:
    """Ctrl+click ``count`` dossiers « Déposé » of the list."""
    rows = [r for r, status in enumerate(screen.column(main.table, "Statut"))
            if status == "Déposé"][:count]
    for n, row in enumerate(rows):
        index = main.table.model().index(row, 0)
        main.table.scrollTo(index)
        modifier = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(main.table.viewport(), Qt.MouseButton.LeftButton, modifier,
                         main.table.visualRect(index).center())
    assert len(main.table.selectionModel().selectedRows()) == count


def _ok(qtbot, dialog, text: str) -> None:
    button = next(b for b in dialog.findChild(QDialogButtonBox).buttons() if b.text() == text)
    _click(qtbot, button)


def _change_status_of_selection(main, qtbot):
    """« Changer le statut » to the first status offered, with a reason; the dialog."""
    main.controller.batch.action_status.trigger()
    dialog = main.controller.batch.dialog
    assert dialog is not None, main.statusBar().currentMessage()
    qtbot.waitExposed(dialog)
    first = dialog.targets.item(0)
    qtbot.mouseClick(dialog.targets.viewport(), Qt.MouseButton.LeftButton,
                     pos=dialog.targets.visualItemRect(first).center())
    qtbot.keyClicks(dialog.reason, REASON)
    return dialog


def _actors_of_changes(database, reason: str) -> list[str]:
    with database.engine.connect() as connection:
        return list(connection.execute(select(t.status_change.c.actor).where(
            t.status_change.c.reason == reason)).scalars())


def test_a_batch_status_change_is_recorded_under_the_instructor_chosen(main, qtbot, screen):
    choose_mehdi(qtbot, main)
    _select_submitted(main, qtbot, screen, 3)
    dialog = _change_status_of_selection(main, qtbot)
    assert dialog.acting.name.text() == MEHDI
    assert not dialog.acting.note.isVisible()
    if SHOTS:
        dialog.grab().save(f"{SHOTS}/batch_effectue_par.png")
    _ok(qtbot, dialog, "Changer le &statut")

    actors = _actors_of_changes(main.controller.database, REASON)
    assert actors and set(actors) == {MEHDI}
    screen.click_tab(main.detail.tabs, "Historique")
    assert MEHDI in screen.texts(main.detail.tabs.currentWidget())


def test_an_editor_save_is_recorded_under_the_instructor_chosen(main, qtbot, screen):
    choose_mehdi(qtbot, main)
    row = screen.column(main.table, "Statut").index("Déposé")
    main.table.scrollTo(main.table.model().index(row, 0))
    rect = main.table.visualRect(main.table.model().index(row, 0))
    for click in (qtbot.mouseClick, qtbot.mouseDClick):
        click(main.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = main.controller.editing.editor
    qtbot.waitExposed(editor)
    assert editor.acting.name.text() == MEHDI
    screen.click_tab(editor.tabs, "Action")
    title = editor.fields.widgets["intitule"]
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, " (version revue)")
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    _click(qtbot, editor.save_button)
    assert " enregistré." in editor.banner.text(), editor.banner.text()

    with main.controller.database.engine.connect() as connection:
        latest = connection.execute(select(t.revision.c.actor, t.revision.c.note)
                                    .order_by(t.revision.c.id.desc()).limit(1)).one()
    assert latest.actor == MEHDI
    editor.close()


@pytest.mark.qt_log_ignore(r"^This plugin does not support (raise|propagateSizeHints)\(\)$")
def test_a_reserve_light_instruction_is_recorded_under_the_instructor_chosen(
        main, qtbot, screen):
    choose_mehdi(qtbot, main)
    main.channels_menu.actions()[2].trigger()  # « Enveloppe de réserve… »
    view = main.controller.channels.view
    qtbot.waitExposed(view)
    assert view.acting.name.text() == MEHDI
    tab = view.reserve
    row = [r.reference for r in tab.model.rows].index("2026-RESERVE-004")
    screen.click_row(tab.dossiers, row)
    _click(qtbot, tab.instruct)
    assert tab.message.text().startswith("2026-RESERVE-004 instruit")

    with main.controller.database.engine.connect() as connection:
        actors = connection.execute(
            select(t.status_change.c.actor).join(t.application)
            .where(t.application.c.reference == "2026-RESERVE-004",
                   t.status_change.c.reason.like("Instruction allégée%"))).scalars().all()
    assert actors and set(actors) == {MEHDI}
    view.close()


@pytest.mark.qt_log_ignore(r"^This plugin does not support (raise|propagateSizeHints)\(\)$")
def test_co_instruction_names_the_current_user_for_their_own_funder(main, qtbot, screen):
    state = "État — crédits spécifiques politique de la ville (BOP 147)"
    answer_who_is_working(qtbot, main.controller.instruction.person_button,
                          new=("Zoe Lambert", "DDETS", state))
    main.channels_menu.actions()[2].trigger()
    view = main.controller.channels.view
    qtbot.waitExposed(view)
    tab = view.reserve
    row = [r.reference for r in tab.model.rows].index("2026-RESERVE-003")  # « Instruit »
    screen.click_row(tab.dossiers, row)
    _click(qtbot, tab.coinstruct)
    qtbot.waitExposed(tab.dialog)
    from programmation.ui.channels.coinstruction_dialog import BY

    assert tab.dialog.widget("ETAT-147", BY).text() == "Zoe Lambert"  # herself, for the State
    assert tab.dialog.widget("VILLE", BY).text() == "Anne Dufour"  # the town's own instructor
    tab.dialog.reject()
    view.close()


def test_with_nobody_chosen_the_login_name_is_used_and_the_dialog_says_so(window, qtbot,
                                                                          screen):
    assert not window.controller.current_user.is_chosen
    _select_rows(window, qtbot, screen, 1, 2)
    dialog = _change_status_of_selection(window, qtbot)
    assert dialog.acting.name.text() == login_name()
    assert dialog.acting.note.isVisible()
    assert dialog.acting.note.text() == f"({FALLBACK_NOTE})"
    _ok(qtbot, dialog, "Changer le &statut")
    assert set(_actors_of_changes(window.controller.database, REASON)) == {login_name()}


def test_changer_in_a_batch_dialog_chooses_who_works_and_the_act_follows(window, qtbot,
                                                                           screen):
    _select_rows(window, qtbot, screen, 1, 2)
    dialog = _change_status_of_selection(window, qtbot)
    assert dialog.acting.change.isVisible()
    answer_who_is_working(qtbot, dialog.acting.change,
                          new=("Claire Martin", "Ville", "Ville d'Hazebrouck"))
    assert dialog.acting.name.text() == "Claire Martin (Ville)"
    assert not dialog.acting.note.isVisible()
    assert window.controller.instruction.person_button.text() == (
        "Instructeur : Claire Martin (Ville)")
    _ok(qtbot, dialog, "Changer le &statut")
    assert set(_actors_of_changes(window.controller.database, REASON)) == {
        "Claire Martin (Ville)"}


def test_the_choice_is_remembered_for_the_database_and_a_name_can_stand_alone(demo_copy):
    from programmation.services.instruction import list_people
    from programmation.ui.instruction.people import CurrentPerson

    assert CurrentPerson is CurrentUser  # the instruction screens' former name
    first = CurrentUser()
    assert first.restore(demo_copy) is None
    assert (first.label, first(), first.note) == (login_name(), login_name(), FALLBACK_NOTE)
    first.choose(demo_copy, next(p for p in list_people(demo_copy) if p.label == MEHDI))
    later = CurrentUser()  # the next start of the app
    assert later.restore(demo_copy).label == MEHDI and later() == MEHDI
    named = CurrentUser(named="Léa Martin")  # scripts and tests sign with a plain name
    assert (named.label, named.is_chosen, named.note) == ("Léa Martin", True, "")
