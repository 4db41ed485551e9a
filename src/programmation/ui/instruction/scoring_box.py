"""The scoring grid of one instructor, then — once saved — everyone's totals, mean and spread."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.scoring import DISAGREEMENT_SPREAD, Criterion, weighted_total
from ...services.scoring import CriterionView, ScoresView
from ..display import format_quantity
from ..widgets import ERROR_STYLE, MUTED_STYLE, OK_STYLE, section_title, table, text_label
from .layouts import clear_layout

BLIND_TEXT = ("Notation à l'aveugle : les notes des autres instructeurs s'affichent une fois "
              "les vôtres enregistrées.")


def points(value) -> str:
    return format_quantity(value) if value is not None else "—"


class ScoringBox(QGroupBox):
    """Spin boxes 0–max per criterion with a comment; ``saved(marks, comments)`` on save."""

    saved = Signal(object, object)  # marks, comments by criterion code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Notation", parent)
        self.setObjectName("notation")
        self.grid: tuple[CriterionView, ...] = ()
        self.spins: dict[str, QSpinBox] = {}
        self.comments: dict[str, QLineEdit] = {}
        self.rows = QGridLayout()
        self.rows.setColumnStretch(2, 1)
        self.total = text_label("", name="total_pondere")
        font = self.total.font()
        font.setBold(True)
        self.total.setFont(font)
        self.save = QPushButton("Enregistrer mes notes")
        self.save.setObjectName("enregistrer_notes")
        self.blind = text_label(BLIND_TEXT, style=MUTED_STYLE, name="notation_aveugle")
        self.consensus = QVBoxLayout()
        self.consensus_box = QWidget()
        self.consensus_box.setLayout(self.consensus)
        self.consensus.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addLayout(self.rows)
        layout.addWidget(self.total)
        layout.addWidget(self.save)
        layout.addWidget(self.blind)
        layout.addWidget(self.consensus_box)
        self.save.clicked.connect(self._save)

    def show_scores(self, view: ScoresView, can_score: bool, closed: str = "") -> None:
        if view.grid != self.grid:
            self._build(view.grid)
        own = {m.code: m for m in view.own.marks} if view.own else {}
        for criterion in view.grid:
            spin, comment = self.spins[criterion.code], self.comments[criterion.code]
            spin.setValue(own[criterion.code].value if criterion.code in own else 0)
            comment.setText(own[criterion.code].comment if criterion.code in own else "")
            spin.setEnabled(can_score)
            comment.setEnabled(can_score)
        self.save.setEnabled(can_score)
        self.save.setText("Modifier mes notes" if view.own else "Enregistrer mes notes")
        self._update_total()
        self._show_consensus(view)
        if not can_score and not view.revealed:
            self.blind.setText(closed or "Notation fermée pour ce dossier.")

    def _build(self, grid: tuple[CriterionView, ...]) -> None:
        clear_layout(self.rows)
        self.grid, self.spins, self.comments = grid, {}, {}
        for row, criterion in enumerate(grid):
            title = criterion.label + (f" (poids {criterion.weight})"
                                       if criterion.weight != 1 else "")
            self.rows.addWidget(text_label(title, wrap=False), 2 * row, 0)
            spin = QSpinBox()
            spin.setRange(0, criterion.scale_max)
            spin.setSuffix(f" / {criterion.scale_max}")
            spin.setObjectName(f"note_{criterion.code}")
            spin.setToolTip(criterion.guidance)
            spin.valueChanged.connect(self._update_total)
            comment = QLineEdit()
            comment.setObjectName(f"commentaire_{criterion.code}")
            comment.setPlaceholderText("Commentaire")
            comment.setMinimumWidth(60)  # shrinks with a narrow dock
            self.rows.addWidget(spin, 2 * row, 1)
            self.rows.addWidget(comment, 2 * row, 2)
            self.rows.addWidget(text_label(criterion.guidance, style=MUTED_STYLE), 2 * row + 1,
                                0, 1, 3)
            self.spins[criterion.code], self.comments[criterion.code] = spin, comment

    def marks(self) -> dict[str, int]:
        return {code: spin.value() for code, spin in self.spins.items()}

    def _update_total(self) -> None:
        grid = [Criterion(c.code, c.label, c.weight, c.scale_max) for c in self.grid]
        if grid:
            self.total.setText(f"Total pondéré : {points(weighted_total(self.marks(), grid))} "
                               "/ 100")

    def _save(self) -> None:
        self.saved.emit(self.marks(), {c: e.text() for c, e in self.comments.items()})

    def _show_consensus(self, view: ScoresView) -> None:
        clear_layout(self.consensus)
        self.blind.setVisible(not view.revealed)
        if not view.revealed:
            if view.scored_by_others:
                others = view.scored_by_others
                self.blind.setText(f"{BLIND_TEXT} {others} autre{'s' if others > 1 else ''} "
                                   f"instructeur{'s' if others > 1 else ''} "
                                   f"{'ont' if others > 1 else 'a'} déjà noté ce dossier.")
            else:
                self.blind.setText(BLIND_TEXT)
            return
        self.consensus.addWidget(section_title("Notes des instructeurs"))
        codes = [c.code for c in view.grid]
        rows = [[s.person, points(s.total), " · ".join(
            str(next(m.value for m in s.marks if m.code == code)) for code in codes)]
            for s in view.scores]
        self.consensus.addWidget(table(["Instructeur", "Total / 100", "Notes par critère"],
                                       rows, right=[1], name="notes_instructeurs"))
        self.consensus.addWidget(text_label(
            f"Moyenne : {points(view.mean)} / 100 — écart : {points(view.spread)} points",
            name="moyenne_ecart"))
        if view.disagreement:
            self.consensus.addWidget(text_label(
                f"⚠ Désaccord important entre instructeurs (écart d'au moins "
                f"{points(DISAGREEMENT_SPREAD)} points) : à discuter avant le comité.",
                style=ERROR_STYLE, name="desaccord"))
        elif len(view.scores) > 1:
            self.consensus.addWidget(text_label("Les instructeurs sont d'accord.",
                                                style=OK_STYLE, name="desaccord"))
