"""« Qui travaille ? »: the current instructor, chosen at start and remembered.

The choice is a per-computer preference kept in QSettings (IniFormat, group
« instruction »), one entry per database, like the window's state: the people
themselves live in the database.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QObject, Signal
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
from ..widgets import ERROR_STYLE, text_label
from ..window_settings import WindowSettings

SETTINGS_GROUP = "instruction"
NO_FUNDER = "— aucun : coordination, propose tous les montants —"


def _key(database: Database) -> str:
    return "instructeur_" + hashlib.sha1(database.label.encode("utf-8")).hexdigest()[:12]


class CurrentPerson(QObject):
    """Who is working now; ``changed(PersonView | None)`` when someone else takes the seat."""

    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.person: PersonView | None = None
        self._settings = WindowSettings(SETTINGS_GROUP)

    def restore(self, database: Database) -> PersonView | None:
        """The person remembered for this database, if they are still an active instructor."""
        remembered = self._settings.integers(_key(database))
        found = next((p for p in list_people(database) if remembered and p.id == remembered[0]),
                     None)
        self._set(found)
        return found

    def choose(self, database: Database, person: PersonView) -> None:
        self._settings.write({_key(database): [person.id]})
        self._set(person)

    def _set(self, person: PersonView | None) -> None:
        self.person = person
        self.changed.emit(person)


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
        layout.addWidget(text_label("Les actes d'instruction (recevabilité, notes, avis, "
                                    "montants proposés) sont enregistrés à votre nom."))
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
