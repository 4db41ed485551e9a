"""Recevabilité: the automatic checks in words, the manual checklist, the decision buttons."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.admissibility import Severity
from ...services.instruction import AdmissibilityView
from ..display import format_datetime
from ..widgets import ERROR_STYLE, MUTED_STYLE, OK_STYLE, section_title, text_label
from .layouts import clear_layout

WARNING_STYLE = "color: #8a5300; font-weight: bold;"
_MARKS = {Severity.OK: ("✓", OK_STYLE), Severity.WARNING: ("⚠", WARNING_STYLE),
          Severity.ERROR: ("✗", ERROR_STYLE)}


class AdmissibilityBox(QGroupBox):
    """Shows an ``AdmissibilityView``; the decisions leave as signals."""

    decided = Signal(bool, str, tuple)  # admissible, reason, ticked manual items
    info_requested = Signal(tuple)  # the items asked of the carrier
    info_answered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Recevabilité", parent)
        self.setObjectName("recevabilite")
        self.checks = QGridLayout()
        self.checks.setColumnStretch(1, 1)
        self.checks.setVerticalSpacing(2)
        self.manual_box = QWidget()
        self.manual = QVBoxLayout(self.manual_box)
        self.manual.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        self.reason = QLineEdit()
        self.reason.setObjectName("motif_recevabilite")
        self.reason.setPlaceholderText("Motif (obligatoire pour un dossier irrecevable)")
        self.admissible = QPushButton("Recevable")
        self.admissible.setObjectName("recevable")
        self.inadmissible = QPushButton("Irrecevable")
        self.inadmissible.setObjectName("irrecevable")
        self.ask = QPushButton("Demander des compléments…")
        self.ask.setObjectName("demander_complements")
        self.answered = QPushButton("Compléments reçus")
        self.answered.setObjectName("complements_recus")
        self.state = text_label("", style=MUTED_STYLE, name="etat_recevabilite")
        self.requests = text_label("", name="complements")
        buttons = QHBoxLayout()
        for button in (self.admissible, self.inadmissible, self.ask, self.answered):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.checks)
        self.manual_title = section_title("À vérifier par l'instructeur")
        layout.addWidget(self.manual_title)
        layout.addWidget(self.manual_box)
        layout.addWidget(self.reason)
        layout.addLayout(buttons)
        layout.addWidget(self.state)
        layout.addWidget(self.requests)
        self.admissible.clicked.connect(lambda: self._decide(True))
        self.inadmissible.clicked.connect(lambda: self._decide(False))
        self.ask.clicked.connect(self._ask)
        self.answered.clicked.connect(lambda: self.info_answered.emit())

    def show_view(self, view: AdmissibilityView) -> None:
        clear_layout(self.checks)
        for row, check in enumerate(view.checks):  # the check's name, its finding below
            mark, style = _MARKS[check.severity]
            sign = QLabel(mark)
            sign.setStyleSheet(style)
            self.checks.addWidget(sign, 2 * row, 0)
            self.checks.addWidget(section_title(check.label), 2 * row, 1)
            self.checks.addWidget(text_label(check.message, style=style if check.severity
                                             is not Severity.OK else MUTED_STYLE,
                                             name=f"controle_{check.code}"), 2 * row + 1, 1)
        if not self.boxes:
            for item in view.manual:
                box = QCheckBox(item.label)
                box.setObjectName(f"manuel_{item.code}")
                self.boxes[item.code] = box
                self.manual.addWidget(box)
        for box in self.boxes.values():
            box.setChecked(False)
            box.setEnabled(view.can_decide)
        self.manual_box.setVisible(view.can_decide)
        self.manual_title.setVisible(view.can_decide)
        self.reason.clear()
        self.reason.setVisible(view.can_decide)
        self.admissible.setVisible(view.can_decide)
        self.inadmissible.setVisible(view.can_decide)
        self.admissible.setEnabled(view.passed)
        self.admissible.setToolTip("" if view.passed else
                                   "Des vérifications automatiques ne sont pas conformes.")
        self.ask.setVisible(view.can_request_info)
        waiting = bool(view.requests) and view.requests[-1].answered_at is None
        self.answered.setVisible(waiting)
        self.state.setText(f"Statut du dossier : {view.status.label}")
        self.requests.setText("\n".join(
            f"Compléments demandés le {format_datetime(r.requested_at)} par {r.requested_by} : "
            + " ; ".join(r.items)
            + (f" — reçus le {format_datetime(r.answered_at)}" if r.answered_at else
               " — en attente") for r in view.requests))
        self.requests.setVisible(bool(view.requests))

    def ticked(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.boxes.items() if box.isChecked())

    def _decide(self, admissible: bool) -> None:
        self.decided.emit(admissible, self.reason.text(), self.ticked())

    def _ask(self) -> None:
        dialog = InfoRequestDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.info_requested.emit(dialog.items())


class InfoRequestDialog(QDialog):
    """What the carrier must send: one item per line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Demande de compléments")
        self.setObjectName("demande_complements")
        self.text = QPlainTextEdit()
        self.text.setObjectName("elements_demandes")
        self.text.setPlaceholderText("RIB à jour\nBudget prévisionnel signé")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Envoyer la demande")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text_label("Éléments demandés au porteur, un par ligne. L'instruction "
                                    "est suspendue jusqu'à leur réception."))
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def items(self) -> tuple[str, ...]:
        return tuple(line for line in self.text.toPlainText().splitlines() if line.strip())
