"""The « Dossiers » menu of the main window: new dossier, edit the current one, renew it.

Double-click or Entrée on a row opens the editor; after each save the list is
reloaded and the saved dossier selected (``main.select_dossier``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from ...domain.channels import Channel
from ...services import dossier_editing
from ...services.errors import ServiceError
from ..current_user import CurrentUser
from .dialog import DossierEditor
from .gateway import EditorGateway

Confirm = Callable[[QWidget, str, str], bool]


def ask(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class EditorLauncher(QObject):
    def __init__(self, window, main_controller, menu: QMenu, *, current_user: CurrentUser,
                 confirm: Confirm = ask) -> None:
        super().__init__(window)
        self.window, self.main, self._confirm = window, main_controller, confirm
        self.current_user = current_user  # saves and renewals are recorded under its label
        self.editor: DossierEditor | None = None
        self.action_new = QAction("&Nouveau dossier…", window)
        self.action_new.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.action_edit = QAction("&Modifier le dossier", window)
        self.action_edit.setShortcut(QKeySequence(Qt.Key.Key_Return))
        self.action_edit.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        window.table.addAction(self.action_edit)  # Entrée on the list
        self.action_renew = QAction("&Reconduire l'année suivante…", window)
        self.action_new.triggered.connect(lambda: self.new_dossier())
        self.action_edit.triggered.connect(lambda: self.edit(self.current_id()))
        self.action_renew.triggered.connect(lambda: self.renew(self.current_id()))
        window.table.doubleClicked.connect(lambda index: self.edit(self.main.model.id_at(
            index.row())))
        menu.addActions([self.action_new, self.action_edit, self.action_renew])

    def current_id(self) -> int | None:
        index = self.window.table.currentIndex()
        return self.main.model.id_at(index.row()) if index.isValid() else None

    def _report(self, text: str) -> None:
        if shiboken6.isValid(self.window):
            self.window.show_message(text)

    def _saved(self, dossier_id: int) -> None:
        if shiboken6.isValid(self.window):
            self.main.select_dossier(dossier_id)

    def _open(self, gateway: EditorGateway, form) -> DossierEditor:
        editor = DossierEditor(gateway, form, self.window)
        editor.setWindowFlag(Qt.WindowType.Window)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self._saved)
        self.editor = editor
        editor.show()
        editor.activateWindow()
        return editor

    def new_dossier(self) -> DossierEditor | None:
        """An empty dossier in the current contract, of the channel and year filtered on."""
        gateway = EditorGateway(self.main.database, self.current_user)
        contract_id = dossier_editing.current_contract_id(gateway.database)
        if contract_id is None:
            self._report("Aucun contrat de ville dans cette base : chargez la démonstration "
                         "ou créez le contrat d'abord.")
            return None
        wanted = self.main.model.current_filter
        channel = wanted.channel or Channel.AAP
        form = gateway.new(contract_id, channel, wanted.year or date.today().year)
        years = form.choices.years
        if form.year not in years:
            form = gateway.new(contract_id, channel, min(max(form.year, years[0]), years[-1]))
        return self._open(gateway, form)

    def edit(self, dossier_id: int | None) -> DossierEditor | None:
        if dossier_id is None:
            self._report("Sélectionnez d'abord un dossier dans la liste.")
            return None
        editor = self.editor
        if editor is not None and shiboken6.isValid(editor) and editor.isVisible() \
                and editor.form.id == dossier_id:  # already open: bring it forward
            editor.activateWindow()
            return editor
        gateway = EditorGateway(self.main.database, self.current_user)
        try:
            form = gateway.load(dossier_id)
        except ServiceError as error:
            self._report(str(error))
            return None
        return self._open(gateway, form)

    def renew(self, dossier_id: int | None) -> int | None:
        """« Reconduire » : a new draft of the following year, linked to the dossier."""
        if dossier_id is None:
            self._report("Sélectionnez d'abord le dossier à reconduire.")
            return None
        gateway = EditorGateway(self.main.database, self.current_user)
        form = gateway.load(dossier_id)
        year = form.year + form.duration_years
        if not self._confirm(self.window, "Reconduire le dossier",
                             f"Créer un dossier {year} en brouillon, reconduction de "
                             f"{form.reference} « {form.title} » ?"):
            return None
        try:
            result = dossier_editing.renew(gateway.database, dossier_id, year, gateway.actor)
        except ServiceError as error:
            self._report(str(error))
            return None
        self._saved(result.application_id)
        self._report(result.notes[0][:1].upper() + result.notes[0][1:])
        return result.application_id
