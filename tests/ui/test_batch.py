"""Batch actions in the main window: select several rows, change status, assign, export."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox, QFileDialog

from programmation.domain.contract import Contract
from programmation.domain.dossier import Application
from programmation.domain.people import Person
from programmation.ui.batch.dialogs import AssignDialog, ChangeStatusDialog, RefusedDialog

REFERENCES = ["2024-AAP-001", "2024-AAP-002", "2025-CPO-001", "2025-RESERVE-001"]


def _sort_by_reference(window, qtbot):
    """Click the « Référence » header until the list is in ascending order, as a user would."""
    header = window.table.horizontalHeader()
    spot = QPoint(header.sectionViewportPosition(0) + 5, header.height() // 2)
    for _ in range(2):
        if header.sortIndicatorSection() == 0 and \
                header.sortIndicatorOrder() is Qt.SortOrder.AscendingOrder:
            return
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    raise AssertionError("la liste ne se trie pas par référence")


def _select_first_three_with_the_keyboard(window, qtbot, screen):
    _sort_by_reference(window, qtbot)
    screen.click_row(window.table, 0)
    qtbot.keyClick(window.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)


def _selected(window, screen) -> list[str]:
    references = screen.column(window.table, "Référence")
    rows = sorted({i.row() for i in window.table.selectionModel().selectedRows()})
    return [references[row] for row in rows]


def _click_item(qtbot, widget, text_start: str) -> None:
    item = next(widget.item(i) for i in range(widget.count())
                if widget.item(i).text().startswith(text_start))
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton,
                     pos=widget.visualItemRect(item).center())


def _ok(qtbot, dialog, text: str) -> None:
    button = next(b for b in dialog.findChild(QDialogButtonBox).buttons() if b.text() == text)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_list_takes_several_rows_and_the_detail_follows_the_current_one(window, qtbot,
                                                                             screen):
    mode = window.table.selectionMode()
    assert mode == QAbstractItemView.SelectionMode.ExtendedSelection
    assert not window.controller.batch.action_status.isEnabled()
    _select_first_three_with_the_keyboard(window, qtbot, screen)
    assert _selected(window, screen) == REFERENCES[:3]
    assert window.detail.heading.text().startswith("2025-CPO-001")
    row = REFERENCES.index("2025-RESERVE-001")
    rect = window.table.visualRect(window.table.model().index(row, 0))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, rect.center())
    assert _selected(window, screen) == REFERENCES
    assert window.detail.heading.text().startswith("2025-RESERVE-001")
    assert all(action.isEnabled() for action in window.controller.batch.actions)
    assert [a.text() for a in window.actions_menu.actions()] == [
        "Changer le &statut…", "&Affecter des instructeurs…", "E&xporter la sélection…"]
    assert window.table.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu


def test_changing_the_status_of_three_dossiers_lists_the_one_refused(window, qtbot, screen):
    _select_first_three_with_the_keyboard(window, qtbot, screen)
    window.controller.batch.action_status.trigger()
    dialog = window.controller.batch.dialog
    assert isinstance(dialog, ChangeStatusDialog) and dialog.isVisible()
    offered = [dialog.targets.item(i).text() for i in range(dialog.targets.count())]
    assert offered == ["Compléments demandés — 2 dossier(s) sur 3",
                       "Irrecevable — 1 dossier(s) sur 3", "Recevable — 1 dossier(s) sur 3",
                       "Instruit — 1 dossier(s) sur 3",
                       "Conventionné / notifié — 1 dossier(s) sur 3", "Retiré — les 3 dossiers"]
    assert not dialog.ok_button.isEnabled()  # no status chosen yet
    _click_item(qtbot, dialog.targets, "Compléments demandés")
    qtbot.keyClicks(dialog.reason, "Budget incomplet")
    assert dialog.acting.name.text() == window.controller.current_user.label  # nobody chosen
    _ok(qtbot, dialog, "Changer le &statut")

    statuses = dict(zip(screen.column(window.table, "Référence"),
                        screen.column(window.table, "Statut"), strict=True))
    assert statuses == {"2024-AAP-001": "Accordé", "2024-AAP-002": "Compléments demandés",
                        "2025-CPO-001": "Compléments demandés", "2025-RESERVE-001": "Brouillon"}
    assert _selected(window, screen) == REFERENCES[:3]  # the selection stays for the next act
    assert window.detail.heading.text().startswith("2025-CPO-001")
    result = window.controller.batch.dialog
    assert isinstance(result, RefusedDialog) and result.isVisible()
    assert result.rows() == [("2024-AAP-001",
                              "passage de « Accordé » à « Compléments demandés » non autorisé")]
    assert window.statusBar().currentMessage() == (
        "2 dossier(s) passé(s) au nouveau statut, 1 refusé(s)")
    with window.controller.database.unit_of_work() as uow:
        cpo = uow.session.get(Application, window.controller.model.id_at(2))
        last = cpo.history[-1]
        assert (last.actor, last.reason) == (window.controller.current_user.label,
                                             "Budget incomplet")


def test_instructors_are_checked_in_a_list_and_assigned_to_the_selection(window, qtbot, screen):
    database = window.controller.database
    with database.unit_of_work() as uow:
        contract = uow.session.query(Contract).one()
        contract.people = [Person("Claire Vanhove", "Cœur de Flandre agglo"),
                           Person("Mehdi Saïdi", "Préfecture du Nord")]
        uow.commit()
    screen.click_row(window.table, 1)
    qtbot.keyClick(window.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    window.controller.batch.action_assign.trigger()
    dialog = window.controller.batch.dialog
    assert isinstance(dialog, AssignDialog)
    assert [dialog.people.item(i).text() for i in range(dialog.people.count())] == [
        "Claire Vanhove (Cœur de Flandre agglo)", "Mehdi Saïdi (Préfecture du Nord)"]
    assert not dialog.ok_button.isEnabled()
    item = dialog.people.item(1)
    rect = dialog.people.visualItemRect(item)
    check = rect.topLeft() + type(rect.topLeft())(10, rect.height() // 2)  # the check box
    qtbot.mouseClick(dialog.people.viewport(), Qt.MouseButton.LeftButton, pos=check)
    assert item.checkState() == Qt.CheckState.Checked
    _ok(qtbot, dialog, "&Affecter")
    assert window.statusBar().currentMessage() == "2 dossier(s) modifié(s)"
    with database.unit_of_work() as uow:
        for row in (1, 2):
            dossier = uow.session.get(Application, window.controller.model.id_at(row))
            assert [p.name for p in dossier.assignees] == ["Mehdi Saïdi"]


def test_the_selection_is_exported_in_the_background(window, qtbot, screen, tmp_path,
                                                     monkeypatch):
    from openpyxl import load_workbook

    target = tmp_path / "comite.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), "Classeur Excel (*.xlsx)"))
    _select_first_three_with_the_keyboard(window, qtbot, screen)
    window.controller.batch.action_export.trigger()
    (job,) = window.controller.batch.jobs
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert window.statusBar().currentMessage() == (
        f"Sélection exportée : 3 dossiers dans « {target} »")
    sheet = load_workbook(target).active
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == REFERENCES[:3]
    assert sheet["K2"].value == 20000 and sheet["K2"].number_format == '#,##0.00\\ "€"'
