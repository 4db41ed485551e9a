"""The batch actions on the selected dossiers: menu « Actions » and the table's context menu.

Change the status (only where the lifecycle allows; the refused are listed),
assign instructors, export the selection to .xlsx in the background. The
controller of the main window gives the database, the model and the refresh;
``current_user`` is who the acts are recorded under.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog

from ...services import batch
from ...services.errors import ServiceError
from ..background import BackgroundJob
from ..current_user import CurrentUser
from ..display import format_count
from .dialogs import AssignDialog, ChangeStatusDialog, RefusedDialog

EXPORT_FILTER = "Classeur Excel (*.xlsx)"


class BatchActions(QObject):
    """Wires the batch actions to ``window.table``; ``controller`` is the MainController."""

    def __init__(self, window, controller, menu: QMenu, *, current_user: CurrentUser) -> None:
        super().__init__(window)
        self.window, self.controller, self.current_user = window, controller, current_user
        self.dialog = None  # the dialog open now, for tests and to keep it alive
        self.jobs: list[BackgroundJob] = []
        self.action_status = QAction("Changer le &statut…", window)
        self.action_assign = QAction("&Affecter des instructeurs…", window)
        self.action_export = QAction("E&xporter la sélection…", window)
        self.action_status.triggered.connect(self.change_status)
        self.action_assign.triggered.connect(self.assign_instructors)
        self.action_export.triggered.connect(self.export)
        self.actions = [self.action_status, self.action_assign, self.action_export]
        menu.addActions(self.actions)
        table = window.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        table.selectionModel().selectionChanged.connect(self._update_enabled)
        table.model().modelReset.connect(self._update_enabled)
        self._update_enabled()

    # --- the selection -----------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """The selected dossiers, in the order of the list."""
        model = self.controller.model
        rows = sorted({index.row() for index in
                       self.window.table.selectionModel().selectedRows()})
        return [dossier_id for row in rows if (dossier_id := model.id_at(row)) is not None]

    def _update_enabled(self, *_args) -> None:
        has_selection = self.window.table.selectionModel().hasSelection()
        for action in self.actions:
            action.setEnabled(has_selection)

    def _context_menu(self, position) -> None:
        menu = QMenu(self.window.table)
        menu.addActions(self.actions)
        menu.popup(self.window.table.viewport().mapToGlobal(position))

    def _refresh(self, ids: list[int]) -> None:
        """Reload the list (statuses, totals, detail), then select the same dossiers again."""
        self.controller.apply_filter(self.controller.model.current_filter)
        model, table = self.controller.model, self.window.table
        position = {model.id_at(row): row for row in range(model.rowCount())}
        rows = sorted(position[i] for i in ids if i in position)
        selection, last = QItemSelection(), model.columnCount() - 1
        start = previous = None
        for row in [*rows, None]:
            if start is not None and (row is None or row != previous + 1):
                selection.select(model.index(start, 0), model.index(previous, last))
                start = None
            if row is not None and start is None:
                start = row
            previous = row
        table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.Select)

    def _open(self, dialog, accepted) -> None:
        self.dialog = dialog
        dialog.accepted.connect(accepted)
        dialog.open()

    def _refused(self, title: str, summary: str, refused) -> None:
        self.window.show_message(summary)
        if refused:
            self._open(RefusedDialog(title, f"{summary}.", refused, self.window), lambda: None)

    # --- status ------------------------------------------------------------------------------

    def change_status(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        choices = batch.status_targets(self.controller.database, ids)
        if not choices:
            self.window.show_message("Aucun changement de statut possible pour ces dossiers.")
            return
        dialog = ChangeStatusDialog(choices, len(ids), self.current_user, self.window)
        self._open(dialog, lambda: self._apply_status(dialog, ids))

    def _apply_status(self, dialog: ChangeStatusDialog, ids: list[int]) -> None:
        command = batch.ChangeStatus(ids, dialog.target(), dialog.actor(),
                                     dialog.reason.toPlainText().strip())
        try:
            result = batch.change_status(self.controller.database, command)
        except ServiceError as exc:
            QMessageBox.warning(self.window, "Changer le statut", str(exc))
            return
        self._refresh(ids)
        self._refused("Changer le statut", result.summary, result.refused)

    # --- instructors -------------------------------------------------------------------------

    def assign_instructors(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        choices = batch.instructor_choices(self.controller.database, ids)
        dialog = AssignDialog(choices, len(ids), self.current_user, self.window)
        self._open(dialog, lambda: self._apply_assignment(dialog, ids))

    def _apply_assignment(self, dialog: AssignDialog, ids: list[int]) -> None:
        command = batch.AssignInstructors(ids, dialog.person_ids(), dialog.replace(),
                                          dialog.actor())
        try:
            result = batch.assign_instructors(self.controller.database, command)
        except ServiceError as exc:
            QMessageBox.warning(self.window, "Affecter des instructeurs", str(exc))
            return
        self._refresh(ids)
        self._refused("Affecter des instructeurs", result.summary, result.refused)

    # --- export ------------------------------------------------------------------------------

    def export(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Exporter la sélection", str(Path(folder) / "selection_dossiers.xlsx"),
            EXPORT_FILTER)
        if path:
            self.start_export(ids, path)

    def start_export(self, ids: list[int], path: str) -> BackgroundJob:
        """Write the file off the UI thread, with a progress dialog; the window stays usable."""
        count = format_count(len(ids), "dossier", "dossiers")
        progress = QProgressDialog(f"Export de {count}…", "", 0, len(ids), self.window)
        progress.setWindowTitle("Exporter la sélection")
        progress.setCancelButton(None)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        database = self.controller.database
        job = BackgroundJob(lambda report: batch.export_selection(database, ids, path, report),
                            name="export de la sélection", reports_progress=True)
        job.progressed.connect(lambda done, _total: progress.setValue(done))

        def succeeded(written: Path) -> None:
            progress.close()
            self.window.show_message(f"Sélection exportée : {count} dans « {written} »")

        def failed(message: str) -> None:
            progress.close()
            QMessageBox.critical(self.window, "Exporter la sélection",
                                 f"L'export a échoué :\n{message}")

        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        job.finished.connect(progress.deleteLater)
        self.jobs = [j for j in self.jobs if j.is_running()] + [job]
        job.start()
        return job
