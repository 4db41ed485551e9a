"""The avis of each instructor, and the amounts proposed on the funding lines."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.channels import Opinion
from ...services.scoring import OpinionView, ProposableLine
from ..display import format_eur
from ..widgets import ERROR_STYLE, MUTED_STYLE, section_title, show_status, table, text_label
from .amounts import parse_amount
from .layouts import clear_layout


class OpinionBox(QGroupBox):
    """``opinion_given(Opinion, reason)`` and ``amounts_proposed({line_id: Decimal | None})``."""

    opinion_given = Signal(object, str)
    amounts_proposed = Signal(object)  # {line id: amount}; a dict signal would keep str keys only

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Avis et montants proposés", parent)
        self.setObjectName("avis")
        self.opinion = QComboBox()
        self.opinion.setObjectName("choix_avis")
        for opinion in Opinion:
            self.opinion.addItem(opinion.label, opinion)
        self.reason = QLineEdit()
        self.reason.setObjectName("motifs_avis")
        self.reason.setPlaceholderText("Motifs (obligatoires sauf avis favorable)")
        self.give = QPushButton("Enregistrer mon avis")
        self.give.setObjectName("enregistrer_avis")
        self.others = QVBoxLayout()
        self.lines = QGridLayout()
        self.lines.setColumnStretch(0, 1)
        self.edits: dict[int, QLineEdit] = {}
        self.propose = QPushButton("Enregistrer les montants proposés")
        self.propose.setObjectName("enregistrer_montants")
        self.error = text_label("", style=ERROR_STYLE, name="erreur_montants")
        self.error.hide()
        row = QHBoxLayout()  # the avis and its button, the reasons below: fits a narrow dock
        row.addWidget(self.opinion, 1)
        row.addWidget(self.give)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.reason)
        layout.addLayout(self.others)
        layout.addWidget(section_title("Montants proposés"))
        layout.addLayout(self.lines)
        layout.addWidget(self.error)
        layout.addWidget(self.propose)
        self.give.clicked.connect(lambda: self.opinion_given.emit(self.opinion.currentData(),
                                               self.reason.text()))
        self.propose.clicked.connect(self._propose)

    def show_opinions(self, opinions: tuple[OpinionView, ...], viewer_id: int | None,
                      can_give: bool) -> None:
        clear_layout(self.others)
        mine = next((o for o in opinions if o.person_id == viewer_id), None)
        self.opinion.setCurrentIndex(list(Opinion).index(mine.opinion) if mine else 0)
        self.reason.setText(mine.reason if mine else "")
        for widget in (self.opinion, self.reason, self.give):
            widget.setEnabled(can_give)
        if opinions:
            self.others.addWidget(table(["Instructeur", "Avis", "Motifs"],
                                        [[o.person, o.opinion.label, o.reason] for o in opinions],
                                        stretch=2, name="avis_instructeurs"))

    def show_lines(self, lines: tuple[ProposableLine, ...]) -> None:
        clear_layout(self.lines)
        self.edits = {}
        self.error.hide()
        headers = ("Financeur", "Demandé", "Proposé")
        for column, header in enumerate(headers):
            self.lines.addWidget(text_label(header, style=MUTED_STYLE, wrap=False), 0, column)
        for row, item in enumerate(lines, 1):
            line = item.line
            self.lines.addWidget(text_label(line.funder_name), row, 0)
            requested = text_label(format_eur(line.requested), wrap=False)
            requested.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.lines.addWidget(requested, row, 1)
            edit = QLineEdit(format_eur(line.proposed, with_symbol=False)
                             if line.proposed is not None else "")
            edit.setObjectName(f"propose_{line.funder_code}")
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setEnabled(item.editable)
            edit.setToolTip(item.why_not or (f"Proposé par {line.proposed_by}"
                                             if line.proposed_by else ""))
            self.lines.addWidget(edit, row, 2)
            if item.editable:
                self.edits[line.line_id] = edit
        self.propose.setEnabled(bool(self.edits))
        if lines and not self.edits:
            self.error.setStyleSheet(MUTED_STYLE)
            self.error.setText(lines[0].why_not)
            self.error.show()

    def _propose(self) -> None:
        amounts = {}
        for line_id, edit in self.edits.items():
            try:
                amounts[line_id] = parse_amount(edit.text())
            except ValueError as error:
                self.show_error(str(error))
                return
        self.amounts_proposed.emit(amounts)

    def show_error(self, text: str) -> None:
        show_status(self.error, f"⚠ {text}", error=True)
        self.error.show()

