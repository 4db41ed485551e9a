"""The dossier editor: a French CERFA 12156 form in tabs, undoable, saved in one transaction.

Rules the dossier breaks show in words beside the fields of each tab while it
is typed (they never block saving); what cannot be saved (an unreadable
amount, a missing title…) is listed by field when « Enregistrer » is pressed.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.alerts import AlertField
from ...services.dossier_editing import DossierForm
from ...services.errors import ServiceError
from ..current_user import ActingAs
from ..widgets import ERROR_STYLE, MUTED_STYLE, OK_STYLE, text_label
from .action_pages import ActionPage, PublicPage
from .attachments_page import AttachmentsPage
from .carrier_page import CarrierPage
from .compare_dialog import BudgetComparisonDialog
from .fields import FormFields
from .gateway import EditorGateway
from .money_pages import BudgetPage, FundingPage, IndicatorsPage
from .parts import AlertBox
from .undo import Binder

TABS = ("Porteur", "Action", "Public", "Indicateurs", "Budget", "Financements",
        "Pièces jointes")
TAB_OF_FIELD = {AlertField.CARRIER: 0, AlertField.ACTION: 1, AlertField.PUBLIC: 2,
                AlertField.BUDGET: 4, AlertField.FUNDING: 5, AlertField.ATTACHMENTS: 6}
DEFAULT_SIZE = (1400, 900)


def _scrolling(page: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area


class DossierEditor(QDialog):
    saved = Signal(int)  # the dossier's id, after each successful save

    def __init__(self, gateway: EditorGateway, form: DossierForm,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editeur_dossier")
        self.gateway, self.form = gateway, form
        self.stack = QUndoStack(self)
        self.binder = Binder(self.stack, self)
        self.fields = FormFields(self.binder, lambda: self.form)
        self.boxes = {field: AlertBox(f"alertes_{field.value}") for field in AlertField}
        self._build_pages()
        self._build_layout()
        self._build_actions()
        self.binder.changed.connect(self.refresh)
        self.stack.cleanChanged.connect(self._clean_changed)
        self.resize(*DEFAULT_SIZE)
        self._show_title()
        self._last_checklist = None
        self.refresh()

    # --- building ---------------------------------------------------------------------------

    def _build_pages(self) -> None:
        b, boxes = self.binder, self.boxes
        self.carrier_page = CarrierPage(self.fields, self.gateway, boxes[AlertField.CARRIER])
        self.action_page = ActionPage(self.fields, boxes[AlertField.ACTION], self._years_changed)
        self.public_page = PublicPage(self.fields, boxes[AlertField.PUBLIC])
        self.indicators_page = IndicatorsPage(self.form, b)
        self.budget_page = BudgetPage(self.form, b, boxes[AlertField.BUDGET])
        self.funding_page = FundingPage(self.form, b, boxes[AlertField.FUNDING],
                                        self.budget_page.state)
        self.attachments_page = AttachmentsPage(self.form, b, self.gateway,
                                                boxes[AlertField.ATTACHMENTS])
        self.budget_page.compare_button.clicked.connect(self.compare_budgets)

    def _build_layout(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("onglets_dossier")
        pages = (_scrolling(self.carrier_page), _scrolling(self.action_page),
                 _scrolling(self.public_page), self.indicators_page, self.budget_page,
                 self.funding_page, self.attachments_page)
        for title, page in zip(TABS, pages, strict=True):
            self.tabs.addTab(page, title)
        self.undo_button, self.redo_button = QToolButton(), QToolButton()
        self.heading = text_label("", name="titre_editeur")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.undo_button)
        top.addWidget(self.redo_button)
        self.summary = text_label("", style=MUTED_STYLE, name="resume_alertes")
        self.banner = text_label("", name="bandeau")
        self.save_button = QPushButton("Enregistrer")
        self.save_button.setObjectName("enregistrer")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.close_button = QPushButton("Fermer")
        self.close_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.close)
        self.acting = ActingAs(self.gateway.who)  # saves are recorded under this name
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(text_label("Enregistré au nom de :", wrap=False, style=MUTED_STYLE))
        bottom.addWidget(self.acting)
        bottom.addSpacing(12)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.banner)
        layout.addLayout(bottom)

    def _build_actions(self) -> None:
        self.undo_action = self.stack.createUndoAction(self, "Annuler")
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = self.stack.createRedoAction(self, "Rétablir")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"),
                                       QKeySequence(QKeySequence.StandardKey.Redo)])
        self.undo_button.setDefaultAction(self.undo_action)
        self.redo_button.setDefaultAction(self.redo_action)
        for button in (self.undo_button, self.redo_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.save_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)

    # --- showing ----------------------------------------------------------------------------

    def _show_title(self) -> None:
        f = self.form
        what = f"Dossier {f.reference} — {f.title}" if f.reference else \
            f"Nouveau dossier — {f.channel.label} {f.year}"
        self.setWindowTitle(f"{what}[*]")
        self.heading.setText(f"{what} · {f.choices.contract_name}")

    def _clean_changed(self, clean: bool) -> None:
        """« [*] » in the title while edits are unsaved. The stack empties itself when the
        editor is destroyed (its window closed, or its parent's): by then there is no title."""
        if shiboken6.isValid(self):
            self.setWindowModified(not clean)

    def _years_changed(self) -> None:
        self.funding_page.model.years_changed()

    def refresh(self) -> None:
        """Alerts beside the fields and on the tabs, the checklist, the summary."""
        found = self.gateway.alerts(self.form)
        for field, box in self.boxes.items():
            box.show_messages([a.message for a in found if a.field is field])
        flagged = {TAB_OF_FIELD[a.field] for a in found}
        for index, title in enumerate(TABS):
            self.tabs.setTabText(index, f"{title} ⚠" if index in flagged else title)
        checklist = self.gateway.checklist(self.form)
        if checklist != self._last_checklist:
            self._last_checklist = checklist
            self.attachments_page.show_checklist(checklist)
        count = len(found)
        self.summary.setText(
            "Aucune alerte." if not count else
            f"{count} alerte{'s' if count > 1 else ''} à vérifier (onglets marqués ⚠) — "
            "elles n'empêchent pas d'enregistrer.")

    def _banner(self, text: str, ok: bool) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)

    # --- saving -----------------------------------------------------------------------------

    def save(self) -> bool:
        problems = self.binder.errors()
        if not problems:
            try:
                result = self.gateway.save(self.form)
            except ServiceError as error:
                problems = str(error).splitlines()
        if problems:
            self._banner("À corriger avant d'enregistrer :\n"
                         + "\n".join(f"• {p}" for p in problems), ok=False)
            tab = next((i for i, title in enumerate(TABS) if problems[0].startswith(title)),
                       None)
            if tab is not None:
                self.tabs.setCurrentIndex(tab)
            return False
        self.load(self.gateway.load(result.application_id))
        notes = "".join(f"\n{note[:1].upper()}{note[1:]}." for note in result.notes)
        self._banner(f"Dossier {result.reference} enregistré.{notes}", ok=True)
        self.saved.emit(result.application_id)
        return True

    def load(self, form: DossierForm) -> None:
        """Show another state of the dossier (after saving): the undo history starts again."""
        self.form = form
        self.fields.load(form)
        for page in (self.indicators_page.model, self.budget_page, self.funding_page.model,
                     self.attachments_page):
            page.load(form)
        self.action_page.show_state(form)
        self.carrier_page.show_origin()
        self.stack.clear()
        self._show_title()
        self.refresh()

    def compare_budgets(self) -> None:
        if self.form.id is None:
            return
        try:
            rows = self.gateway.compare_budgets(self.form.id)
        except ServiceError as error:
            self._banner(str(error), ok=False)
            return
        dialog = BudgetComparisonDialog(self.form.reference, rows, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.comparison = dialog
        dialog.show()

    # --- closing ----------------------------------------------------------------------------

    def ask_discard(self) -> bool:
        answer = QMessageBox.question(
            self, "Fermer le dossier",
            "Des modifications ne sont pas enregistrées. Les abandonner ?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def reject(self) -> None:
        """Esc, « Fermer » and the window's close button: unsaved edits are confirmed first."""
        if self.stack.isClean() or self.ask_discard():
            self.stack.setClean()
            super().reject()
