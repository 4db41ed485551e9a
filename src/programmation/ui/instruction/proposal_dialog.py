"""« Proposer une programmation »: the exact proposal beside the greedy one, then apply it.

The solver runs in the background (``BackgroundJob``); the dialog stays usable.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...adapters.persistence.database import Database
from ...services.errors import ServiceError
from ...services.proposal import (
    ApplyProposal,
    ProposalOutcome,
    ProposeOptions,
    apply_proposal,
    proposal_pillars,
    propose,
)
from ..background import BackgroundJob
from ..display import format_eur, format_quantity
from ..table_models import RIGHT
from ..widgets import MUTED_STYLE, OK_STYLE, section_title, show_status, text_label
from .people import CurrentPerson
from .proposal_options import (
    MAXIMUM,
    MINIMUM,
    PILLAR_RESULT_HEADERS,
    PillarSharesModel,
    floor_text,
    pillar_rows,
    shares_table,
)

LINE_HEADERS = ("Dossier", "Pilier", "Score", "Optimisation", "Méthode gloutonne", "Motif")


def _read_only_table(headers: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], right: set[int]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            if c in right:
                item.setTextAlignment(RIGHT)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for column in range(table.columnCount() - 1):
        table.setColumnWidth(column, min(table.columnWidth(column), 300))


class ProposalDialog(QDialog):
    def __init__(self, database: Callable[[], Database], year: int, person: CurrentPerson,
                 applied: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("proposition")
        self.setWindowTitle(f"Proposer une programmation {year}")
        self._database, self._year, self._person, self._applied = database, year, person, applied
        self.outcome: ProposalOutcome | None = None
        self.job: BackgroundJob | None = None
        self.priority = QSpinBox()
        self.priority.setObjectName("poids_priorites")
        self.priority.setRange(0, 500)
        self.priority.setValue(100)
        self.priority.setSuffix(" %")
        self.min_share = QSpinBox()
        self.min_share.setObjectName("part_minimale")
        self.min_share.setRange(1, 100)
        self.min_share.setValue(100)
        self.min_share.setSuffix(" % de la demande")
        self.min_share.setToolTip("100 % : tout ou rien")
        for spin in (self.priority, self.min_share):
            spin.setMaximumWidth(220)
        self.cpo_floor = QCheckBox("Respecter le plancher CPO (crédits spécifiques de l'État)")
        self.cpo_floor.setObjectName("plancher_cpo")
        self.cpo_floor.setChecked(True)
        self.compute = QPushButton("Calculer la proposition")
        self.compute.setObjectName("calculer")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setFormat("Calcul en cours…")
        self.progress.hide()
        self.summary = text_label("", name="resume_proposition")
        self.comparison = text_label("", name="comparaison")
        self.lines = _read_only_table(LINE_HEADERS, "lignes_proposition")
        self.envelopes = _read_only_table(("Financeur", "Disponible", "Proposé", "Reste", ""),
                                          "enveloppes_proposition")
        self.notes = text_label("", style=MUTED_STYLE, name="notes_proposition")
        self.apply = QPushButton("Appliquer les montants proposés")
        self.apply.setObjectName("appliquer")
        self.apply.setEnabled(False)
        self.message = text_label("", name="message_proposition")
        self.shares_model = PillarSharesModel(proposal_pillars(database(), year), self)
        self.shares_model.refused.connect(lambda why: self._say(why, error=True))
        self.shares = shares_table(self.shares_model)
        self.pillars = _read_only_table(PILLAR_RESULT_HEADERS, "piliers_proposition")
        self._layout()
        self.compute.clicked.connect(self.start)
        self.apply.clicked.connect(self._apply)

    def _layout(self) -> None:
        options = QFormLayout()
        options.addRow("Pondération des priorités :", self.priority)
        options.addRow("Financer au moins (100 % = tout ou rien) :", self.min_share)
        options.addRow("", self.cpo_floor)
        options.addRow("Parts par pilier :", self.shares)
        run = QHBoxLayout()
        run.addWidget(self.compute)
        run.addWidget(self.progress, 1)
        run.addStretch(0)
        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addLayout(run)
        layout.addWidget(self.summary)
        layout.addWidget(self.comparison)
        layout.addWidget(section_title("Dossiers : proposition optimale et méthode gloutonne"))
        layout.addWidget(self.lines, 3)
        layout.addWidget(section_title("Enveloppes de l'année (AAP + AMI + CPO)"))
        layout.addWidget(self.envelopes, 1)
        layout.addWidget(section_title("Piliers : parts de la proposition optimale"))
        layout.addWidget(self.pillars, 1)
        layout.addWidget(self.notes)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.apply)
        layout.addLayout(bottom)
        self.resize(1250, 800)

    def options(self) -> ProposeOptions:
        return ProposeOptions(self._year, Decimal(self.priority.value()) / 100,
                              Decimal(self.min_share.value()) / 100, self.cpo_floor.isChecked(),
                              pillar_min_share=self.shares_model.shares(MINIMUM),
                              pillar_max_share=self.shares_model.shares(MAXIMUM))

    def start(self) -> None:
        """Run the solver off the UI thread; the result arrives by signal."""
        database, options = self._database(), self.options()
        self.compute.setEnabled(False)
        self.apply.setEnabled(False)
        self.progress.show()
        self.message.setText("")
        self.job = BackgroundJob(lambda: propose(database, options), name="proposition")
        self.job.succeeded.connect(self._show)
        self.job.failed.connect(self._failed)
        self.job.finished.connect(self._finished)
        self.job.start()

    def _finished(self) -> None:
        self.progress.hide()
        self.compute.setEnabled(True)

    def _failed(self, message: str) -> None:
        self._say(f"Le calcul a échoué : {message}", error=True)

    def _show(self, outcome: ProposalOutcome) -> None:
        self.outcome = outcome
        best, greedy = outcome.proposal, outcome.greedy
        self.summary.setText(f"{best.message}\n{floor_text(best.cpo_floor)}\n{greedy.message}")
        self.comparison.setText(outcome.comparison.message)
        self.comparison.setStyleSheet(OK_STYLE if outcome.comparison.gain > 0 else "")
        chosen = set(greedy.selected_ids)
        rows = []
        for line in sorted(best.lines, key=lambda li: (not li.selected, -li.score)):
            label = outcome.dossiers[line.dossier_id]
            rows.append([f"{label.reference} — {label.title}", label.pillar,
                         format_quantity(line.score),
                         f"Retenu : {format_eur(line.total)}" if line.selected else "Écarté",
                         "Retenu" if line.dossier_id in chosen else "Écarté", line.reason])
        _fill(self.lines, rows, {2})
        self.lines.setWordWrap(True)  # each reason is read in full
        self.lines.setColumnWidth(0, 260)
        self.lines.setColumnWidth(1, 200)
        self.lines.resizeRowsToContents()
        _fill(self.envelopes, [[u.label, format_eur(u.total), format_eur(u.used),
                                format_eur(u.remaining), "saturée" if u.binding else ""]
                               for u in best.envelopes], {1, 2, 3})
        _fill(self.pillars, pillar_rows(best.pillars), {1, 2, 3, 4, 5})
        notes = [f"{ref} : {why}" for ref, why in outcome.skipped] + list(outcome.notes)
        self.notes.setText("Hors proposition — " + " ; ".join(notes) if notes else "")
        self.apply.setEnabled(best.status != "infeasible")
        person = self._person.person
        if person is not None and person.funder_code:
            self._say(f"Vous instruisez pour {person.funder_name} : seuls ses montants seront "
                      "écrits.")

    def _apply(self) -> None:
        person = self._person.person
        if self.outcome is None or person is None:
            self._say("Indiquez d'abord qui travaille (menu Instruction).", error=True)
            return
        try:
            written = apply_proposal(self._database(), ApplyProposal(
                self._year, self.outcome.proposal, person.label, person.id))
        except ServiceError as error:
            self._say(str(error), error=True)
            return
        self._say(f"{written} montant{'s' if written > 1 else ''} proposé"
                  f"{'s' if written > 1 else ''} écrit{'s' if written > 1 else ''} sur les "
                  "lignes de financement. Vous pouvez maintenant les modifier librement.")
        self.apply.setEnabled(False)
        self._applied()

    def _say(self, text: str, *, error: bool = False) -> None:
        show_status(self.message, ("⚠ " if error else "") + text, error=error)
