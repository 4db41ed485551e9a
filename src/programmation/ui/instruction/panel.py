"""The instruction panel of the selected dossier: recevabilité, notation, avis, montants.

A layout class: it shows the plain data it is given and emits what the user
asks for; ``InstructionController`` calls the services.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...services.instruction import AdmissibilityView, PersonView
from ...services.scoring import OpinionView, ProposableLine, ScoresView
from ..widgets import MUTED_STYLE, show_status, text_label
from .admissibility_box import AdmissibilityBox
from .opinion_box import OpinionBox
from .scoring_box import ScoringBox

NO_DOSSIER = "Sélectionnez un dossier dans la liste pour l'instruire."
NO_PERSON = ("Indiquez qui travaille : les actes d'instruction sont enregistrés au nom de "
             "l'instructeur.")


@dataclass(frozen=True)
class PanelData:
    heading: str
    person: PersonView
    assignees: tuple[str, ...]
    admissibility: AdmissibilityView
    scores: ScoresView
    can_score: bool
    opinions: tuple[OpinionView, ...]
    lines: tuple[ProposableLine, ...]


class InstructionPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panneau_instruction")
        self.heading = text_label("", name="titre_instruction")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.who = text_label("", style=MUTED_STYLE, name="instructeur_courant")
        self.message = text_label("", name="message_instruction")
        self.message.hide()
        self.admissibility = AdmissibilityBox()
        self.scoring = ScoringBox()
        self.opinion = OpinionBox()

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 6, 0)
        for widget in (self.heading, self.who, self.message, self.admissibility, self.scoring,
                       self.opinion):
            layout.addWidget(widget)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # The panel follows the dock's width: texts wrap instead of scrolling sideways.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        self.placeholder = text_label(NO_DOSSIER, style=MUTED_STYLE, name="instruction_vide")
        self.choose_person = QPushButton("Qui travaille ?…")
        self.choose_person.setObjectName("choisir_instructeur")
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addWidget(self.placeholder)
        empty_layout.addWidget(self.choose_person)
        empty_layout.addStretch(1)
        self._stack = QStackedWidget()
        self._stack.addWidget(empty)
        self._stack.addWidget(scroll)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 0)
        outer.addWidget(self._stack)

    @property
    def showing_dossier(self) -> bool:
        return self._stack.currentIndex() == 1

    def show_empty(self, *, needs_person: bool) -> None:
        self.placeholder.setText(NO_PERSON if needs_person else NO_DOSSIER)
        self.choose_person.setVisible(needs_person)
        self._stack.setCurrentIndex(0)

    def show_data(self, data: PanelData) -> None:
        self.heading.setText(data.heading)
        assigned = ", ".join(data.assignees) if data.assignees else "personne"
        self.who.setText(f"Vous instruisez en tant que {data.person.label}. "
                         f"Instructeurs affectés : {assigned}.")
        self.admissibility.show_view(data.admissibility)
        self.scoring.show_scores(
            data.scores, data.can_score,
            f"Notation fermée : le dossier est « {data.admissibility.status.label} » ; il se note "
            "une fois déclaré recevable, jusqu'à la décision.")
        self.opinion.show_opinions(data.opinions, data.person.id, data.can_score)
        self.opinion.show_lines(data.lines)
        self._stack.setCurrentIndex(1)

    def say(self, text: str, *, error: bool = False) -> None:
        show_status(self.message, ("⚠ " if error else "✓ ") + text, error=error)
        self.message.show()

    def clear_message(self) -> None:
        self.message.hide()
