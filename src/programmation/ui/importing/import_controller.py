"""Wires the import dialog to the import services; the file is read, analysed and imported
off the UI thread, with a progress bar, and ``imported`` tells the window to reload."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from ...adapters.importing import SUFFIXES
from ...adapters.persistence.database import Database
from ...services import importing
from ...services.import_mappings import NEW_MAPPING, mapping_names
from ..background import BackgroundJob
from ..current_user import CurrentUser
from .import_dialog import ImportDialog
from .mapping_dialog import ColumnMappingDialog

FILE_FILTER = (f"Fichiers de dossiers ({' '.join('*' + s for s in SUFFIXES)});;"
               "Tous les fichiers (*)")


class ImportController(QObject):
    imported = Signal()

    def __init__(self, dialog: ImportDialog, database: Database,
                 current_user: CurrentUser | None = None) -> None:
        super().__init__(dialog)
        self.dialog, self.database = dialog, database
        self.current_user = current_user if current_user is not None else CurrentUser(self)
        self.job: BackgroundJob | None = None
        self.preview: importing.ImportPreview | None = None
        self.result: importing.ImportReport | importing.ImportPreview | None = None
        self.mapping_dialog: ColumnMappingDialog | None = None
        self._mapping = mapping_names(database)[0]
        dialog.show_actor(self.current_user)
        self.reload_mappings()
        dialog.clear_preview()
        dialog.browse_button.clicked.connect(self.browse)
        dialog.path_edit.returnPressed.connect(self.analyse)
        dialog.analyse_button.clicked.connect(self.analyse)
        dialog.mapping_combo.activated.connect(self._mapping_chosen)
        dialog.import_button.clicked.connect(self.run_import)
        dialog.report_button.clicked.connect(self.save_report)

    # --- choosing -----------------------------------------------------------------------------

    def reload_mappings(self, current: str | None = None) -> None:
        self._mapping = current or self._mapping
        self.dialog.set_mappings([*mapping_names(self.database), NEW_MAPPING], self._mapping)

    def set_path(self, path: str) -> None:
        self.dialog.path_edit.setText(path)
        self.analyse()

    def browse(self) -> None:
        start = str(Path(self.dialog.path_edit.text()).parent) \
            if self.dialog.path_edit.text() else ""
        path, _ = QFileDialog.getOpenFileName(self.dialog, "Fichier à importer", start,
                                              FILE_FILTER)
        if path:
            self.set_path(path)

    def _mapping_chosen(self, _index: int) -> None:
        chosen = self.dialog.mapping_combo.currentText()
        if chosen == NEW_MAPPING:  # shown while the mapping is made, back if it is not
            self.new_mapping()
            return
        self._mapping = chosen
        if self.dialog.path_edit.text().strip():
            self.analyse()

    def _path(self) -> str | None:
        path = self.dialog.path_edit.text().strip().strip('"')
        if not path:
            self.dialog.set_idle("Choisissez d'abord un fichier.", error=True)
            return None
        return path

    # --- background work ----------------------------------------------------------------------

    def _start(self, text: str, work: Callable, done: Callable[[object], None]) -> None:
        self.dialog.set_busy(text)
        job = BackgroundJob(work, name="import", reports_progress=True)
        job.progressed.connect(self._progressed)
        job.succeeded.connect(lambda result: self._alive() and done(result))
        job.failed.connect(lambda message: self._alive() and self.dialog.set_idle(
            message[:1].upper() + message[1:], error=True))
        self.job = job
        job.start()

    def _alive(self) -> bool:
        return shiboken6.isValid(self.dialog)

    def _progressed(self, done: int, total: int) -> None:
        if self._alive():
            self.dialog.show_progress(done, total)

    def analyse(self) -> None:
        path = self._path()
        if path is None or self.dialog.busy:
            return
        self.preview = self.result = None
        self.dialog.clear_preview()
        database, mapping = self.database, self._mapping
        self._start(f"Lecture et analyse de « {Path(path).name} »…",
                    lambda report: importing.preview(database, path, mapping, progress=report),
                    self._previewed)

    def _previewed(self, preview: importing.ImportPreview) -> None:
        self.preview = self.result = preview
        self.dialog.set_idle("Aperçu prêt : rien n'est encore écrit dans la base. Vérifiez "
                             "les onglets, choisissez le mode, puis « Importer ».")
        self.dialog.show_preview(preview)

    def run_import(self) -> None:
        if self.preview is None or self.dialog.busy:
            return
        database, preview = self.database, self.preview
        mode, actor = self.dialog.mode(), self.current_user.label
        self._start("Import en cours…",
                    lambda report: importing.apply(database, preview, mode, actor,
                                                   progress=report),
                    self._imported)

    def _imported(self, report: importing.ImportReport) -> None:
        self.result = report
        self.dialog.show_report(report)
        if report.applied:
            self.preview = None
            self.dialog.set_idle("Import terminé.")
            self.imported.emit()
        else:  # all or nothing refused: the user may still import the valid rows only
            self.dialog.set_idle("Import annulé : la base est inchangée.", error=True)
            self.dialog.import_button.setEnabled(True)

    def save_report(self) -> None:
        if self.result is None or self.dialog.busy:
            return
        name = Path(self.result.file_name).stem
        path, _ = QFileDialog.getSaveFileName(self.dialog, "Enregistrer le rapport d'import",
                                              f"rapport-import-{name}.xlsx",
                                              "Classeur Excel (*.xlsx)")
        if not path:
            return
        result, keep_import = self.result, self.dialog.import_button.isEnabled()

        def saved(written: Path) -> None:
            self.dialog.set_idle(f"Rapport enregistré : {written}")
            self.dialog.report_button.setEnabled(True)
            self.dialog.import_button.setEnabled(keep_import)
        self._start("Écriture du rapport…", lambda _report: importing.save_report(result, path),
                    saved)

    # --- a new mapping ------------------------------------------------------------------------

    def new_mapping(self) -> None:
        path = self._path()
        if path is None or self.dialog.busy:
            self.reload_mappings()
            return
        self._start(f"Lecture des colonnes de « {Path(path).name} »…",
                    lambda _report: importing.source_columns(path), self._open_mapping)
        self.job.failed.connect(lambda _message: self._alive() and self.reload_mappings())

    def _open_mapping(self, found: tuple[str, list[str]]) -> None:
        self.dialog.set_idle("Associez les colonnes du fichier aux champs, puis enregistrez.")
        file_name, columns = found
        dialog = ColumnMappingDialog(self.database, file_name, columns, self.dialog)
        dialog.accepted.connect(lambda: self._mapping_saved(dialog.saved_name))
        dialog.rejected.connect(lambda: self._alive() and self.reload_mappings())
        self.mapping_dialog = dialog
        dialog.open()

    def _mapping_saved(self, name: str | None) -> None:
        if name:
            self.reload_mappings(name)
            self.analyse()
