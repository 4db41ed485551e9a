"""The carrier's form: every field of the CERFA's « identification », checked as you type.

A wrong SIRET key, an RNA that is not « W » + 9 digits, an e-mail without
domain… are said in red words under the field at each keystroke, and
« Enregistrer » stays disabled until the form is right. Layout and live
checks only: saving goes through the ``save_requested`` signal.
"""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.carriers import FIELD_LABELS, CarrierFields, field_errors, identity_warning
from ..widgets import ERROR_STYLE, show_status, text_label

LEGAL_FORMS = ("Association loi 1901", "Collectivité territoriale", "Établissement public",
               "Établissement scolaire", "Bailleur social", "Entreprise", "Autre organisme")
_PLACEHOLDERS = {"siret": "14 chiffres, ex. 123 456 789 00012", "rna": "W suivi de 9 chiffres",
                 "postcode": "59190", "email": "contact@association.fr"}
WARNING_STYLE = "color: #8a5300;"


class CarrierForm(QGroupBox):
    """Emits ``save_requested(carrier_id or None, CarrierFields)``."""

    save_requested = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Fiche du porteur", parent)
        self.carrier_id: int | None = None
        self._loaded: CarrierFields | None = None
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.legal_form = QComboBox()
        self.legal_form.setEditable(True)
        self.legal_form.addItems(LEGAL_FORMS)
        self.legal_form.setObjectName("legal_form")
        self.qpv_only = QCheckBox(FIELD_LABELS["qpv_only"])
        self.qpv_only.setObjectName("qpv_only")
        self.warning = text_label("", style=WARNING_STYLE, name="avertissement_identite")
        self.message = text_label("", name="message_fiche")
        self.save_button = QPushButton("&Enregistrer")
        self.save_button.setObjectName("enregistrer")
        self.revert_button = QPushButton("Annuler les modifications")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in [f.name for f in fields(CarrierFields)]:
            if name == "qpv_only":
                form.addRow("", self.qpv_only)
            elif name == "legal_form":
                form.addRow(f"{FIELD_LABELS[name]} :", self.legal_form)
            else:
                form.addRow(f"{FIELD_LABELS[name]}{' *' if name == 'name' else ''} :",
                            self._field(name))
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addLayout(buttons)

        for edit in self.edits.values():
            edit.textChanged.connect(self.check)
        self.legal_form.currentTextChanged.connect(self.check)
        self.qpv_only.toggled.connect(self.check)
        self.save_button.clicked.connect(self._save)
        self.revert_button.clicked.connect(self._revert)
        self.show_carrier(None, None)

    def _field(self, name: str) -> QWidget:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(_PLACEHOLDERS.get(name, ""))
        error = text_label("", style=ERROR_STYLE, name=f"erreur_{name}")
        error.hide()
        self.edits[name], self.errors[name] = edit, error
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(edit)
        column.addWidget(error)
        return box

    # --- what the controller calls -------------------------------------------------------

    def show_carrier(self, carrier_id: int | None, values: CarrierFields | None) -> None:
        """Show a carrier to edit; ``values`` None with no id: an empty form for a new one."""
        self.carrier_id = carrier_id
        self._loaded = values
        self.setTitle("Nouveau porteur" if carrier_id is None else "Fiche du porteur")
        self._fill(values or CarrierFields(name=""))
        self.message.setText("")
        self.check()

    def show_message(self, text: str, *, error: bool = False) -> None:
        show_status(self.message, text, error=error)

    def values(self) -> CarrierFields:
        texts = {name: edit.text() for name, edit in self.edits.items()}
        return CarrierFields(legal_form=self.legal_form.currentText(),
                             qpv_only=self.qpv_only.isChecked(), **texts)

    def is_modified(self) -> bool:
        return self.values() != (self._loaded or CarrierFields(name=""))

    # --- inside ------------------------------------------------------------------------------

    def _fill(self, values: CarrierFields) -> None:
        for name, edit in self.edits.items():
            edit.setText(getattr(values, name))
        self.legal_form.setCurrentText(values.legal_form)
        self.qpv_only.setChecked(values.qpv_only)

    def check(self, *_args) -> None:
        """Show each field's error under it; enable saving when all is right and changed."""
        values, modified = self.values(), self.is_modified()
        errors = field_errors(values)
        shown = errors if modified or self.carrier_id is not None else {}  # not on a blank form
        for name, label in self.errors.items():
            label.setText(shown.get(name, ""))
            label.setVisible(name in shown)
        warning = identity_warning(values)
        self.warning.setText(f"⚠ {warning}" if warning else "")
        self.warning.setVisible(bool(warning))
        self.save_button.setEnabled(not errors and modified)
        self.revert_button.setEnabled(modified)
        if self.message.text() and modified:
            self.message.setText("")

    def _save(self) -> None:
        self.save_requested.emit(self.carrier_id, self.values())

    def _revert(self) -> None:
        self.show_carrier(self.carrier_id, self._loaded)

