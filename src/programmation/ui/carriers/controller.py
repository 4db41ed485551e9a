"""Wires the carrier register to the carrier services; opened from the menu « Porteurs »."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from ...adapters.persistence.database import Database
from ...services import carriers
from ...services.errors import ServiceError
from ..current_user import CurrentUser
from .duplicates import MergeDialog
from .register import CarrierRegister
from .table_model import CarrierTableModel

SEARCH_DELAY_MS = 200


class CarrierRegisterController(QObject):
    """Emits ``changed()`` after a save or a merge (the dossier list shows carrier names).
    Merges are recorded in the name of ``current_user`` (a stand-in without one)."""

    changed = Signal()

    def __init__(self, view: CarrierRegister, database: Database,
                 current_user: CurrentUser | None = None) -> None:
        super().__init__(view)
        self.view, self.database = view, database
        self.current_user = current_user if current_user is not None else CurrentUser(self)
        self.model = CarrierTableModel(view)
        self.dialog: MergeDialog | None = None
        view.table.setModel(self.model)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        view.search.textChanged.connect(self._timer.start)
        view.table.selectionModel().currentRowChanged.connect(self._current_changed)
        view.new_button.clicked.connect(self.new_carrier)
        view.form.save_requested.connect(self.save)
        view.duplicates.merge_requested.connect(self.ask_merge)
        view.duplicates.refresh_requested.connect(self.refresh_duplicates)

    def load(self) -> None:
        self.reload()
        self.view.fit_columns()
        self.refresh_duplicates()

    # --- the list and the form ---------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Search again; keep (or move to) ``select_id``, else the carrier shown in the form."""
        keep = select_id if select_id is not None else self.view.form.carrier_id
        text = self.view.search.text()
        self.model.set_rows(carriers.list_carriers(self.database, text))
        self.view.show_count(self.model.total, bool(text.strip()))
        row = self.model.row_of(keep) if keep is not None else None
        if row is None:
            self._show(None)
            return
        index = self.model.index(row, 0)
        self.view.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.view.table.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        self._show(row.id if row is not None else None)

    def _show(self, carrier_id: int | None) -> None:
        values = carriers.carrier_fields(self.database, carrier_id) if carrier_id else None
        if values is None:
            self.view.form.show_carrier(None, None)
            self.view.show_dossiers(None)
            return
        self.view.form.show_carrier(carrier_id, values)
        self.view.show_dossiers(carriers.carrier_dossiers(self.database, carrier_id))

    def new_carrier(self) -> None:
        self.view.table.selectionModel().clear()
        self._show(None)
        self.view.form.edits["name"].setFocus()

    def save(self, carrier_id: int | None, values: carriers.CarrierFields) -> None:
        try:
            saved = carriers.save_carrier(self.database,
                                          carriers.SaveCarrier(values, carrier_id))
        except ServiceError as exc:
            self.view.form.show_message(str(exc), error=True)
            return
        if self.model.row_of(saved) is None:
            self.view.search.blockSignals(True)  # a new carrier the search would hide
            self.view.search.clear()
            self.view.search.blockSignals(False)
        self.reload(select_id=saved)
        self.view.form.show_message("Porteur enregistré." if carrier_id else "Porteur créé.")
        self.refresh_duplicates()
        self.changed.emit()

    # --- duplicates --------------------------------------------------------------------------

    def refresh_duplicates(self) -> None:
        pairs = carriers.find_duplicate_carriers(self.database)
        self.view.duplicates.show_pairs(pairs)
        self.view.show_duplicate_count(len(pairs))

    def ask_merge(self, pair: carriers.DuplicatePair) -> None:
        self.dialog = MergeDialog(pair, self.current_user, self.view)
        self.dialog.accepted.connect(self._merge)
        self.dialog.open()

    def _merge(self) -> None:
        dialog = self.dialog
        assert dialog is not None
        kept, absorbed = dialog.kept_and_absorbed()
        command = carriers.MergeCarriers(kept.id, absorbed.id, dialog.actor())
        try:
            result = carriers.merge_carriers(self.database, command)
        except ServiceError as exc:
            QMessageBox.warning(self.view, "Fusionner deux porteurs", str(exc))
            return
        self.refresh_duplicates()
        self.reload(select_id=kept.id)
        text = (f"« {result.absorbed_name} » fusionné dans « {result.kept_name} » : "
                f"{len(result.moved)} dossier(s) rattaché(s)")
        if result.filled:
            text += f" ; champs complétés : {', '.join(result.filled)}"
        self.view.duplicates.summary.setText(f"{text}. {self.view.duplicates.summary.text()}")
        self.changed.emit()


class RegisterLauncher(QObject):
    """Menu « Porteurs » → one register window at a time, on the main window's database;
    merges are recorded in the name of ``current_user``."""

    def __init__(self, window, main_controller, menu: QMenu, *,
                 current_user: CurrentUser) -> None:
        super().__init__(window)
        self.window, self.main, self.current_user = window, main_controller, current_user
        self.view: CarrierRegister | None = None
        self.controller: CarrierRegisterController | None = None
        self.action = QAction("&Registre des porteurs…", window)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.action.triggered.connect(self.open)
        menu.addAction(self.action)

    def open(self) -> CarrierRegister:
        view = self.view if self.view is not None and shiboken6.isValid(self.view) else None
        if view is not None and self.controller.database is not self.main.database:
            view.close()  # the main window opened another base meanwhile
            view.deleteLater()
            view = None
        if view is None:
            view = CarrierRegister(self.window)
            self.controller = CarrierRegisterController(view, self.main.database,
                                                        self.current_user)
            self.controller.changed.connect(self._dossiers_changed)
            self.controller.load()
            self.view = view
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def _dossiers_changed(self) -> None:
        """Carrier names show in the dossier list and its search: refresh it."""
        if shiboken6.isValid(self.window):
            self.main.apply_filter(self.main.model.current_filter)
