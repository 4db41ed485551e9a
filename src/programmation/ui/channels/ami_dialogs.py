"""The AMI dialogs: publish a need, attach or draft an answer, amend it, select answers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ...adapters.persistence.database import Database
from ...domain.ami import AmiNeed
from ...domain.money import ZERO
from ...services import ami as service
from ...services.campaigns import CampaignChoices
from ...services.errors import ServiceError
from ..display import format_eur
from ..editor.inputs import InputError, amount_text, parse_amount, parse_date
from .common import ActionDialog, AmountsTable

Actor = Callable[[], str]


def _parsed(caption: str, parse, text: str):
    try:
        return parse(text)
    except InputError as exc:
        raise InputError(f"{caption} : {exc}") from None


def _text_box(height: int = 90) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setMaximumHeight(height)
    return box


class NeedDialog(ActionDialog):
    """« Publier un besoin » : what is looked for, the ceiling, the criteria, the dates."""

    def __init__(self, database: Database, choices: CampaignChoices, year: int, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__("Publier un besoin (AMI)", parent, "Publier")
        self.database, self._actor = database, actor
        self.title_edit = QLineEdit()
        self.year = QSpinBox()
        self.year.setRange(min(choices.years), max(choices.years))
        self.year.setValue(min(max(year, min(choices.years)), max(choices.years)))
        self.pillar = QComboBox()
        for choice in choices.pillars:
            self.pillar.addItem(choice.name, choice.code)
        self.description, self.criteria = _text_box(), _text_box()
        self.ceiling = QLineEdit()
        self.opening, self.deadline, self.committee = QLineEdit(), QLineEdit(), QLineEdit()
        for caption, widget in (
                ("Intitulé", self.title_edit), ("Année", self.year), ("Pilier", self.pillar),
                ("Besoin", self.description), ("Plafond (€)", self.ceiling),
                ("Critères de sélection", self.criteria), ("Ouverture", self.opening),
                ("Date limite des réponses", self.deadline), ("Comité", self.committee)):
            self.form.addRow(f"{caption} :", widget)
        for edit in (self.opening, self.deadline, self.committee):
            edit.setPlaceholderText("jj/mm/aaaa")
        self.resize(640, 560)

    def submit(self) -> str:
        need = AmiNeed(
            self.year.value(), self.title_edit.text(), self.description.toPlainText(),
            self.pillar.currentData() or "", _parsed("Plafond", parse_amount, self.ceiling.text()),
            self.criteria.toPlainText(), _parsed("Ouverture", parse_date, self.opening.text()),
            _parsed("Date limite", parse_date, self.deadline.text()),
            _parsed("Comité", parse_date, self.committee.text()))
        self.created_id = service.publish_need(self.database, service.PublishNeed(
            need, self._actor()))
        return f"Besoin publié : « {need.title.strip()} »"


class AttachDialog(ActionDialog):
    """« Rattacher un dossier » : an AMI dossier of the year becomes an answer."""

    def __init__(self, database: Database, call_id: int, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__("Rattacher un dossier à l'AMI", parent, "Rattacher")
        self.database, self.call_id, self._actor = database, call_id, actor
        self.dossier = QComboBox()
        for dossier_id, label in service.attachable_dossiers(database, call_id):
            self.dossier.addItem(label, dossier_id)
        self.form.addRow("Dossier :", self.dossier)
        if not self.dossier.count():
            self.message.error("aucun dossier AMI de l'année n'attend d'être rattaché : "
                               "créez plutôt une nouvelle réponse")

    def submit(self) -> str:
        if self.dossier.currentData() is None:
            raise ServiceError("aucun dossier à rattacher")
        service.attach_answer(self.database, service.AttachAnswer(
            self.call_id, self.dossier.currentData(), self._actor()))
        return f"{self.dossier.currentText().split(' — ')[0]} rattaché à l'AMI"


class DraftAnswerDialog(ActionDialog):
    """« Nouvelle réponse » : a draft AMI dossier for a carrier, with what it asks for."""

    def __init__(self, database: Database, call_id: int, funders: list[tuple[str, str]],
                 actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__("Nouvelle réponse à l'AMI", parent, "Créer la réponse")
        self.database, self.call_id, self._actor = database, call_id, actor
        self.carrier, self.title_edit, self.summary = QLineEdit(), QLineEdit(), _text_box()
        self.amounts = AmountsTable(funders, ["Demandé (€)"])
        for caption, widget in (("Porteur", self.carrier), ("Intitulé", self.title_edit),
                                ("Proposition", self.summary), ("Financements", self.amounts)):
            self.form.addRow(f"{caption} :", widget)
        self.resize(640, 620)

    def submit(self) -> str:
        amounts = tuple((code, amount) for code, _, amount in self.amounts.amounts())
        self.created_id = service.draft_answer(self.database, service.DraftAnswer(
            self.call_id, self.carrier.text(), self.title_edit.text(),
            self.summary.toPlainText(), amounts, self._actor()))
        return f"Réponse de « {self.carrier.text().strip()} » créée en brouillon"


class AmendDialog(ActionDialog):
    """« Amender » : co-construction of the chosen answer; the replaced version is kept."""

    def __init__(self, database: Database, application_id: int, actor: Actor,
                 parent: QWidget | None = None) -> None:
        versions = service.answer_versions(database, application_id)
        super().__init__(f"Amender la réponse {versions.reference}", parent, "Amender")
        self.database, self.application_id, self._actor = database, application_id, actor
        current = versions.current
        self.summary = _text_box(120)
        self.summary.setPlainText(current.summary)
        self.total_cost = QLineEdit(amount_text(current.total_cost))
        self.amounts = AmountsTable(list(versions.funders), ["Demandé (€)"])
        names = {name: code for code, name in versions.funders}
        for name, amount in current.amounts:
            self.amounts.set_amount(names[name], amount)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Ex. : présence réduite à deux jours, cofinancement ARS")
        for caption, widget in (("Porteur", QLineEdit(versions.carrier, readOnly=True)),
                                ("Proposition", self.summary), ("Coût total (€)", self.total_cost),
                                ("Financements", self.amounts), ("Objet de l'amendement",
                                                                 self.note)):
            self.form.addRow(f"{caption} :", widget)
        self.requested_before = current.requested
        self.resize(680, 680)

    def submit(self) -> str:
        cost = _parsed("Coût total", parse_amount, self.total_cost.text())
        amounts = self.amounts.amounts()
        codes = {code for code, _, _ in amounts}
        cleared = tuple((self.amounts.code_at(r), ZERO)
                        for r in range(self.amounts.rowCount())
                        if self.amounts.code_at(r) not in codes)
        service.amend_answer(self.database, service.AmendAnswer(
            self.application_id, self.summary.toPlainText(), cost if cost is not None else
            ZERO, tuple((c, a) for c, _, a in amounts) + cleared,
            self.note.text(), self._actor()))
        asked = sum((a for _, _, a in amounts), ZERO)
        return (f"Réponse amendée : {format_eur(self.requested_before)} → {format_eur(asked)} ; "
                "la version d'origine est conservée")


class SelectDialog(ActionDialog):
    """« Retenir » : tick the answer(s) kept; the other open answers are refused with a reason."""

    def __init__(self, database: Database, comparison: service.AmiComparison, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__("Retenir une ou plusieurs réponses", parent, "Retenir et refuser les "
                         "autres")
        self.database, self.call_id, self._actor = database, comparison.id, actor
        self.answers = QListWidget()
        self.answers.setObjectName("reponses")
        for answer in comparison.answers:
            if not answer.is_open:
                continue
            item = QListWidgetItem(f"{answer.reference} — {answer.carrier} — "
                                   f"{format_eur(answer.amount)}")
            item.setData(Qt.ItemDataRole.UserRole, answer.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.answers.addItem(item)
        self.reason = _text_box()
        self.form.addRow("Réponses retenues :", self.answers)
        self.form.addRow("Motif du refus des autres :", self.reason)
        self.resize(780, 420)

    def check(self, reference: str) -> None:
        for row in range(self.answers.count()):
            item = self.answers.item(row)
            if item.text().startswith(reference):
                item.setCheckState(Qt.CheckState.Checked)

    def submit(self) -> str:
        chosen = tuple(self.answers.item(r).data(Qt.ItemDataRole.UserRole)
                       for r in range(self.answers.count())
                       if self.answers.item(r).checkState() == Qt.CheckState.Checked)
        result = service.select_answers(self.database, service.SelectAnswers(
            self.call_id, chosen, self.reason.toPlainText(), self._actor()))
        text = f"Retenue(s) : {', '.join(result.granted)}"
        return text + (f" — refusée(s) : {', '.join(result.refused)}" if result.refused else "")
