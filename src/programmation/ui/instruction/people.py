"""« Qui travaille ? »: the dialog that chooses the current instructor.

Who is working is kept by ``ui.current_user.CurrentUser`` (remembered per
database in QSettings); ``CurrentPerson`` is its former name.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...adapters.persistence.database import Database
from ...services.errors import ServiceError
from ...services.instruction import (
    CreatePerson,
    PersonView,
    create_person,
    list_funders,
    list_people,
)
from ..current_user import CurrentUser
from ..widgets import ERROR_STYLE, text_label

CurrentPerson = CurrentUser  # the name the instruction screens knew it by
NO_FUNDER = "— aucun : coordination, propose tous les montants —"


class WhoIsWorkingDialog(QDialog):
    """Pick yourself among the contract's instructors, or add yourself."""

    def __init__(self, database: Database, current: PersonView | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Qui travaille ?")
        self.setObjectName("qui_travaille")
        self._database = database
        self.chosen: PersonView | None = None
        self._people = list_people(database)

        self.pick = QRadioButton("Je suis :")
        self.people = QComboBox()
        self.people.setObjectName("instructeurs")
        for person in self._people:
            self.people.addItem(person.label, person.id)
        if current is not None and current.id in [p.id for p in self._people]:
            self.people.setCurrentIndex([p.id for p in self._people].index(current.id))
        self.new = QRadioButton("Je ne suis pas dans la liste : m'ajouter")
        new_box = self._new_person_box(database)
        self.error = text_label("", style=ERROR_STYLE, name="erreur")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

        layout = QVBoxLayout(self)
        layout.addWidget(text_label("Tout ce que vous faites dans l'application (changements "
                                    "de statut, dossiers enregistrés, imports, décisions des "
                                    "modalités, recevabilité, notes, avis, montants proposés) "
                                    "est enregistré à votre nom."))
        layout.addWidget(self.pick)
        layout.addWidget(self.people)
        layout.addWidget(self.new)
        layout.addWidget(new_box)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.pick.toggled.connect(self._update)
        self.new.toggled.connect(self._update)
        (self.pick if self._people else self.new).setChecked(True)
        self.pick.setEnabled(bool(self._people))
        self._update()

    def _new_person_box(self, database: Database) -> QGroupBox:
        self.name, self.organisation = QLineEdit(), QLineEdit()
        self.name.setObjectName("nom")
        self.organisation.setObjectName("organisation")
        self.funder = QComboBox()
        self.funder.setObjectName("financeur")
        self.funder.addItem(NO_FUNDER, None)
        for funder in list_funders(database):
            self.funder.addItem(funder.name, funder.id)
        box = QGroupBox()
        form = QFormLayout(box)
        form.addRow("Nom :", self.name)
        form.addRow("Organisation :", self.organisation)
        form.addRow("Instruit pour :", self.funder)
        return box

    def _update(self) -> None:
        self.people.setEnabled(self.pick.isChecked())
        for widget in (self.name, self.organisation, self.funder):
            widget.setEnabled(self.new.isChecked())

    def accept(self) -> None:
        if self.pick.isChecked():
            self.chosen = self._people[self.people.currentIndex()]
            super().accept()
            return
        try:
            self.chosen = create_person(self._database, CreatePerson(
                self.name.text(), self.organisation.text(), self.funder.currentData()))
        except ServiceError as error:
            self.error.setText(f"⚠ {error}")
            self.error.show()
            return
        super().accept()
