"""The CPO dialogs: a new 3-year convention, the convention itself, bilan, payment, avenant."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from ...adapters.persistence.database import Database
from ...domain.channels import PaymentKind
from ...domain.cpo import cpo_years
from ...services import cpo as service
from ...services.campaigns import CampaignChoices
from ...services.errors import ServiceError
from ..display import format_eur
from ..editor.inputs import InputError, date_text, parse_amount, parse_count, parse_date
from .common import ActionDialog, AmountsTable

Actor = Callable[[], str]


def _parsed(caption: str, parse, text: str):
    try:
        return parse(text)
    except InputError as exc:
        raise InputError(f"{caption} : {exc}") from None


def _required_date(caption: str, text: str) -> date:
    value = _parsed(caption, parse_date, text)
    if value is None:
        raise InputError(f"{caption} : date à renseigner (jj/mm/aaaa)")
    return value


def _text_box() -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setMaximumHeight(80)
    return box


class NewCpoDialog(ActionDialog):
    """Three years, the same amount each year for every funder; the social-impact measure."""

    def __init__(self, database: Database, choices: CampaignChoices,
                 carriers: list[tuple[int, str]], first_year: int, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__("Nouvelle convention pluriannuelle d'objectifs", parent, "Créer la CPO")
        self.database, self._actor = database, actor
        self.carrier = QComboBox()
        self.carrier.setEditable(True)
        for carrier_id, name in carriers:
            self.carrier.addItem(name, carrier_id)
        self.carrier.setCurrentIndex(-1)
        self.title_edit = QLineEdit()
        self.pillar = QComboBox()
        for choice in choices.pillars:
            self.pillar.addItem(choice.name, choice.code)
        self.first_year = QSpinBox()
        self.first_year.setRange(min(choices.years), max(choices.years) - 2)
        self.first_year.setValue(min(max(first_year, self.first_year.minimum()),
                                     self.first_year.maximum()))
        funders = [(f.code, f.name) for f in choices.funders]
        self.amounts = AmountsTable(funders, [str(y) for y in cpo_years(self.first_year.value())])
        self.impact = _text_box()
        self.impact.setPlaceholderText("Ex. : part des jeunes en emploi ou formation à 6 mois")
        for caption, widget in (("Porteur", self.carrier), ("Intitulé", self.title_edit),
                                ("Pilier", self.pillar), ("Première année", self.first_year),
                                ("Montants par an", self.amounts),
                                ("Mesure d'impact social", self.impact)):
            self.form.addRow(f"{caption} :", widget)
        self.first_year.valueChanged.connect(self._years_changed)
        self.resize(860, 720)

    def _years_changed(self, first: int) -> None:
        self.amounts.columns = [str(y) for y in cpo_years(first)]
        self.amounts.setHorizontalHeaderLabels(["Financeur", *self.amounts.columns])

    def submit(self) -> str:
        carrier_id = self.carrier.currentData()
        if carrier_id is None or self.carrier.currentText() != self.carrier.itemText(
                self.carrier.currentIndex()):
            raise ServiceError("Porteur : choisissez un porteur du répertoire")
        first = self.first_year.value()
        amounts = tuple((code, first + column, amount)
                        for code, column, amount in self.amounts.amounts())
        self.created_id = service.create_cpo(self.database, service.CreateCpo(
            carrier_id, self.title_edit.text(), self.pillar.currentData() or "", first, amounts,
            self.impact.toPlainText(), self._actor()))
        return f"CPO {first}–{first + 2} créée pour « {self.carrier.currentText()} »"


class ConventionDialog(ActionDialog):
    def __init__(self, database: Database, timeline: service.CpoTimeline,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Convention de la CPO {timeline.reference}", parent)
        self.database, self.application_id = database, timeline.id
        reference = timeline.convention.split(" — ")[0] if timeline.has_convention else ""
        self.reference = QLineEdit(reference or f"CPO {timeline.reference}")
        self.signed_on = QLineEdit()
        self.signed_on.setPlaceholderText("jj/mm/aaaa")
        self.impact = _text_box()
        self.impact.setPlainText(timeline.social_impact_measure)
        for caption, widget in (("Référence", self.reference), ("Signée le", self.signed_on),
                                ("Mesure d'impact social", self.impact)):
            self.form.addRow(f"{caption} :", widget)

    def submit(self) -> str:
        service.record_convention(self.database, service.RecordConvention(
            self.application_id, self.reference.text(),
            _parsed("Signée le", parse_date, self.signed_on.text()), self.impact.toPlainText()))
        return "Convention enregistrée"


def _confirmed_years(timeline: service.CpoTimeline) -> list[int]:
    return [y.year for y in timeline.years if y.confirmed]


class BilanDialog(ActionDialog):
    def __init__(self, database: Database, timeline: service.CpoTimeline, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Bilan annuel de la CPO {timeline.reference}", parent)
        self.database, self.application_id, self._actor = database, timeline.id, actor
        self.year = QComboBox()
        years = _confirmed_years(timeline)
        missing = [y.year for y in timeline.years if y.confirmed and y.bilan is None]
        for year in years:
            self.year.addItem(str(year), year)
        if missing:
            self.year.setCurrentIndex(years.index(missing[0]))
        self.received_on = QLineEdit(date_text(date.today()))
        self.took_place = QCheckBox("L'action a eu lieu")
        self.took_place.setChecked(True)
        self.actual_cost, self.beneficiaries, self.comment = QLineEdit(), QLineEdit(), _text_box()
        for caption, widget in (("Année", self.year), ("Reçu le", self.received_on),
                                ("", self.took_place), ("Coût réalisé (€)", self.actual_cost),
                                ("Bénéficiaires", self.beneficiaries),
                                ("Commentaire", self.comment)):
            self.form.addRow(f"{caption} :" if caption else "", widget)
        if not years:
            self.message.error("aucune année confirmée : il n'y a pas encore de bilan à recevoir")

    def submit(self) -> str:
        year = self.year.currentData()
        if year is None:
            raise ServiceError("aucune année confirmée")
        service.record_bilan(self.database, service.RecordBilan(
            self.application_id, year, _required_date("Reçu le", self.received_on.text()),
            self.took_place.isChecked(),
            _parsed("Coût réalisé", parse_amount, self.actual_cost.text()),
            _parsed("Bénéficiaires", parse_count, self.beneficiaries.text()),
            self.comment.toPlainText(), self._actor()))
        return f"Bilan {year} enregistré"


class PaymentDialog(ActionDialog):
    def __init__(self, database: Database, timeline: service.CpoTimeline, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Versement — CPO {timeline.reference}", parent)
        self.database, self.application_id, self._actor = database, timeline.id, actor
        self.year = QComboBox()
        for year in _confirmed_years(timeline):
            self.year.addItem(str(year), year)
        self.funder = QComboBox()
        for code, name in timeline.payable_funders:
            self.funder.addItem(name, code)
        self.kind = QComboBox()
        for kind in PaymentKind:
            self.kind.addItem(kind.label, kind)
        self.amount = QLineEdit()
        self.paid_on = QLineEdit(date_text(date.today()))
        for caption, widget in (("Année", self.year), ("Financeur", self.funder),
                                ("Nature", self.kind), ("Montant (€)", self.amount),
                                ("Versé le", self.paid_on)):
            self.form.addRow(f"{caption} :", widget)

    def submit(self) -> str:
        amount = _parsed("Montant", parse_amount, self.amount.text())
        if amount is None:
            raise InputError("Montant : à renseigner")
        service.record_payment(self.database, service.RecordPayment(
            self.application_id, self.year.currentData(), self.funder.currentData(),
            self.kind.currentData(), amount, _required_date("Versé le", self.paid_on.text()),
            self._actor()))
        return (f"{self.kind.currentText()} de {format_eur(amount)} enregistré(e) pour "
                f"{self.year.currentText()}")


class AmendmentDialog(ActionDialog):
    def __init__(self, database: Database, timeline: service.CpoTimeline,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Avenant à la convention {timeline.reference}", parent)
        self.database, self.application_id = database, timeline.id
        self.signed_on = QLineEdit(date_text(date.today()))
        self.description = _text_box()
        self.form.addRow("Signé le :", self.signed_on)
        self.form.addRow("Objet :", self.description)

    def submit(self) -> str:
        service.add_amendment(self.database, self.application_id,
                              _required_date("Signé le", self.signed_on.text()),
                              self.description.toPlainText())
        return "Avenant enregistré"
