"""Wires the main window to the services: filters, selection, totals, menus, start-up."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..adapters.persistence.database import Database
from ..services import attachments
from ..services.dossier_detail import DossierDetail, load_detail
from ..services.dossier_list import DossierFilter, DossierListService
from ..services.errors import ServiceError
from . import background, startup
from .background import BackgroundJob
from .batch.actions import BatchActions
from .carriers.controller import RegisterLauncher
from .channels.launcher import ChannelsLauncher
from .current_user import CurrentUser
from .display import format_count, format_eur
from .dossiers.table_model import DossierTableModel
from .editor.launcher import EditorLauncher
from .importing.entry import ImportEntry
from .main_window import MainWindow

DetailLoader = Callable[[Database, int], DossierDetail | None]


def _open_existing(path: str) -> Database:
    return Database.open(path, create=False)  # « Ouvrir » never creates an empty file


class MainController(QObject):
    """Holds the database and the services; the window only shows what it is given."""

    dossier_shown = Signal(object)  # the dossier id shown in the detail, or None

    def __init__(self, window: MainWindow, database: Database, *,
                 detail_loader: DetailLoader = load_detail,
                 open_database: Callable[[str], Database] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.database = database
        self._load_detail = detail_loader
        self._open_database = open_database or _open_existing
        self.jobs: list[BackgroundJob] = []
        self.list_service = DossierListService(database)
        self.model = DossierTableModel(self.list_service, window)
        self._selected_id: int | None = None

        window.table.setModel(self.model)
        window.apply_saved_widths()
        window.set_database_label(database.label)
        window.filter_bar.filter_changed.connect(self.apply_filter)
        window.table.selectionModel().currentRowChanged.connect(self._current_changed)
        window.table.horizontalHeader().sortIndicatorChanged.connect(self._keep_current_visible)
        window.action_open.triggered.connect(self.choose_database)
        window.action_backup.triggered.connect(self.backup_now)
        window.detail.attachment_requested.connect(self.open_attachment)
        self.current_user = CurrentUser(self)  # who acts: every screen signs with it
        user = self.current_user
        self.batch = BatchActions(window, self, window.actions_menu, current_user=user)
        self.editing = EditorLauncher(window, self, window.dossiers_menu, current_user=user)
        self.carriers = RegisterLauncher(window, self, window.carriers_menu, current_user=user)
        self.channels = ChannelsLauncher(window, self, window.channels_menu, current_user=user)
        self.importing = ImportEntry(window, lambda: self.database, self.load, user)
        window.action_import.triggered.connect(lambda: self.importing.open())
        self.importing.accept_drops(window.table)  # a file dropped on the list is imported

    # --- start-up ----------------------------------------------------------------------------

    def load(self) -> None:
        """First load (and after a database change): options, rows, totals."""
        self.window.filter_bar.set_options(self.list_service.options())
        self.model.set_filter(self.window.filter_bar.current_filter())
        self.window.table.setSortingEnabled(True)  # sorts by the saved header indicator
        self.window.fit_columns_once()
        self._after_reload()

    def after_show(self, *, offer_demo: bool = False) -> None:
        """Once the window is on screen: the daily backup, then the demo offer on an empty base."""
        self._track(startup.backup_if_due(self.database, self._report))
        if offer_demo and self.list_service.totals(DossierFilter()).count == 0:
            self._track(startup.offer_demo(self.window, self.database, self._reload_after_demo))

    # Background results may arrive after the window is gone (closed during a backup).

    def _report(self, text: str) -> None:
        if shiboken6.isValid(self.window):
            self.window.show_message(text)

    def _reload_after_demo(self) -> None:
        if shiboken6.isValid(self.window):
            self.load()

    def _track(self, job: BackgroundJob | None) -> None:
        if job is not None:
            self.jobs = [j for j in self.jobs if j.is_running()] + [job]

    # --- the list ----------------------------------------------------------------------------

    def apply_filter(self, wanted: DossierFilter) -> None:
        self.model.set_filter(wanted)
        self._after_reload()

    def _after_reload(self) -> None:
        totals = self.list_service.totals(self.model.current_filter)
        self.window.show_totals(
            f"{format_count(totals.count, 'dossier', 'dossiers')} — total demandé "
            f"{format_eur(totals.requested)} — accordé {format_eur(totals.granted)}"
        )
        row = self.model.row_of(self._selected_id) if self._selected_id is not None else None
        if row is None:
            self._show(None)
        else:
            self.window.table.selectionModel().setCurrentIndex(  # shows its detail
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self._keep_current_visible()

    def select_dossier(self, dossier_id: int) -> None:
        """After a dossier was saved elsewhere: reload the list and select it (filters that
        would hide it are cleared)."""
        self._selected_id = dossier_id
        self.load()
        if self.model.row_of(dossier_id) is None:
            self._selected_id = dossier_id
            self.window.filter_bar.clear(emit=False)
            self.load()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.model.id_at(current.row()) if current.isValid() else None)

    def _show(self, dossier_id: int | None) -> None:
        self._selected_id = dossier_id
        detail = self._load_detail(self.database, dossier_id) if dossier_id is not None else None
        self.window.detail.show_detail(detail)
        self.dossier_shown.emit(dossier_id)

    def _keep_current_visible(self, *_args) -> None:
        current = self.window.table.currentIndex()
        if current.isValid():
            QTimer.singleShot(0, lambda: self.window.table.scrollTo(current))

    def open_attachment(self, attachment_id: int) -> None:
        """« Ouvrir » beside a piece of the detail: a temporary copy, in the system's viewer."""
        try:
            path = attachments.export_to_temp(self.database, attachment_id)
        except ServiceError as error:
            self.window.show_message(f"Ouvrir la pièce : {error}")
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.window.show_message(f"Aucune application n'ouvre « {path.name} » ; "
                                     f"une copie est dans {path.parent}")

    # --- menus -------------------------------------------------------------------------------

    def backup_now(self) -> None:
        self.window.show_message("Sauvegarde en cours…")
        self._track(startup.start_backup(self.database, "manuelle", self._report))

    def choose_database(self) -> None:
        folder = str(self.database.backup_dir.parent) if self.database.backup_dir else ""
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Ouvrir une base", folder,
            "Bases Programmation (*.sqlite *.sqlite3 *.db);;Tous les fichiers (*)",
        )
        if path:
            self.switch_to(path)

    def switch_to(self, path: str) -> None:
        try:
            database = self._open_database(path)
        except Exception as exc:  # the user reads why, the current base stays open
            QMessageBox.critical(self.window, "Ouvrir une base",
                                 f"Impossible d'ouvrir « {path} » :\n{exc}")
            return
        background.wait_all()  # a backup of the previous base finishes first
        previous, self.database = self.database, database
        self.list_service = DossierListService(database)
        self._selected_id = None
        self.window.filter_bar.clear(emit=False)
        self.model.set_service(self.list_service, DossierFilter())
        self.window.set_database_label(database.label)
        self.load()
        self.window.show_message(f"Base ouverte : {database.label}")
        previous.dispose()
