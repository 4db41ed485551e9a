"""Co-instruction of a RESERVE dossier: each funder's answer, amount and who, then the decision.

The decision is recorded under the current user; each funder's answer names the
person of that funder who gave it (« Par », editable: the answer is often relayed
for someone else). The current user's own funder is prefilled with their name.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...adapters.persistence.database import Database
from ...domain.money import ZERO
from ...services import reserve as service
from ...services.errors import ServiceError
from ..current_user import ActingAs, CurrentUser
from ..display import format_eur
from ..editor.inputs import InputError, amount_text, parse_amount
from ..widgets import MUTED_STYLE, text_label
from .common import ActionDialog

WAITING, AGREED, DECLINED = "— en attente —", "Accord", "Refus"
COLUMNS = ("Financeur", "Demandé", "Solde de l'enveloppe", "Réponse", "Montant (€)", "Par",
           "Commentaire")
ANSWER, AMOUNT, BY, COMMENT = 3, 4, 5, 6


class CoInstructionDialog(ActionDialog):
    def __init__(self, database: Database, application_id: int, actor: Callable[[], str],
                 parent: QWidget | None = None) -> None:
        form = service.coinstruction_form(database, application_id)
        super().__init__(f"Co-instruction — {form.reference}", parent, "Enregistrer la décision")
        self.database, self.form_data, self._actor = database, form, actor
        self.form.addRow("Action :", text_label(f"{form.title} — {form.carrier}"))
        self.form.addRow("Plafond par projet :", text_label(format_eur(form.ceiling)))
        self.form.addRow("Décision enregistrée par :", ActingAs(actor) if isinstance(
            actor, CurrentUser) else text_label(actor()))
        if form.outside:
            self.form.addRow("Hors réserve :", text_label(
                "; ".join(form.outside) + " (décidés par chaque financeur, hors co-instruction)",
                style=MUTED_STYLE))
        self.answers = self._answers_table()
        self.body.addWidget(self.answers)
        self.body.addWidget(text_label(
            "Chaque financeur donne sa réponse ; le dossier est accordé dès que tous ont répondu "
            "et qu'au moins un a donné son accord. Les réponses déjà enregistrées restent "
            "valables tant qu'elles ne sont pas remplacées.", style=MUTED_STYLE))
        if form.blocker:
            self.message.error(form.blocker)
            self.ok_button.setEnabled(False)
        self.resize(980, 420)

    def _answers_table(self) -> QTableWidget:
        participants = self.form_data.participants
        table = QTableWidget(len(participants), len(COLUMNS))
        table.setObjectName("reponses_financeurs")
        table.setHorizontalHeaderLabels(COLUMNS)
        table.verticalHeader().setVisible(False)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for row, p in enumerate(participants):
            for column, text in enumerate((p.funder, format_eur(p.requested),
                                           format_eur(p.balance))):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(p.answer or text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
            choice = QComboBox()
            choice.addItems([WAITING, AGREED, DECLINED])
            choice.setToolTip(f"Déjà enregistré : {p.answer}" if p.answer else "")
            table.setCellWidget(row, ANSWER, choice)
            suggested = amount_text(min(p.requested, p.balance))
            amount = QLineEdit(suggested)
            amount.setAlignment(Qt.AlignmentFlag.AlignRight)
            amount.setEnabled(False)
            choice.currentTextChanged.connect(
                lambda text, edit=amount, value=suggested: _follow(text, edit, value))
            table.setCellWidget(row, AMOUNT, amount)
            table.setCellWidget(row, BY, QLineEdit(self._who_answers(p)))
            table.setCellWidget(row, COMMENT, QLineEdit())
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        table.setFixedHeight(header.sizeHint().height() + 2 * table.frameWidth() + sum(
            table.rowHeight(r) for r in range(table.rowCount())))
        return table

    def _who_answers(self, participant: service.ParticipantView) -> str:
        """The current user for their own funder; the funder's known instructor otherwise."""
        person = self._actor.person if isinstance(self._actor, CurrentUser) else None
        if person is not None and person.funder_code == participant.funder_code:
            return person.name
        return participant.suggested_person

    def widget(self, funder_code: str, column: int):
        row = next(i for i, p in enumerate(self.form_data.participants)
                   if p.funder_code == funder_code)
        return self.answers.cellWidget(row, column)

    def _inputs(self) -> tuple[service.AnswerInput, ...]:
        answers = []
        for row, p in enumerate(self.form_data.participants):
            choice = self.answers.cellWidget(row, ANSWER).currentText()
            if choice == WAITING:
                continue
            agreed = choice == AGREED
            try:
                amount = parse_amount(self.answers.cellWidget(row, AMOUNT).text())
            except InputError as exc:
                raise InputError(f"{p.funder} : {exc}") from None
            if agreed and amount is None:
                raise InputError(f"{p.funder} : indiquez le montant accordé")
            answers.append(service.AnswerInput(
                p.funder_code, agreed, amount if agreed else ZERO,
                self.answers.cellWidget(row, BY).text(),
                self.answers.cellWidget(row, COMMENT).text()))
        if not answers:
            raise ServiceError("aucune réponse choisie : indiquez l'accord ou le refus d'au "
                               "moins un financeur")
        return tuple(answers)

    def submit(self) -> str:
        result = service.record_coinstruction(self.database, service.RecordCoInstruction(
            self.form_data.application_id, self._inputs(), self._actor()))
        if result.granted is None:
            return (f"{result.reference} : réponses enregistrées ; en attente de "
                    f"{', '.join(result.waiting_for)}")
        if result.granted:
            return f"{result.reference} accordé en co-instruction : {format_eur(result.total)}"
        return f"{result.reference} refusé en co-instruction"


def _follow(answer: str, amount: QLineEdit, suggested: str) -> None:
    """The amount is typed for an agreement only: a refusal is worth nothing."""
    amount.setEnabled(answer == AGREED)
    if answer == DECLINED:
        amount.clear()
    elif not amount.text():
        amount.setText(suggested)
