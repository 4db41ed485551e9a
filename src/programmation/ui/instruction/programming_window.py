"""« Programmation par pilier »: the year's ranking, envelopes, CPO share, RESERVE, alerts.

Editing a proposed amount in the ranking saves it (as the current instructor)
and refreshes every figure of the window.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...adapters.persistence.database import Database
from ...services.errors import ServiceError
from ...services.programming import ProgrammingView, programming_view, programming_years
from ...services.scoring import ProposeAmount, propose_amount
from ..display import format_eur, format_percent
from ..widgets import ERROR_STYLE, MUTED_STYLE, compact_rows, section_title, show_status, text_label
from .people import CurrentPerson
from .programming_models import CARRIER, DOSSIER, RANK, EnvelopeModel, RankingModel

GAUGE_STYLE = "QProgressBar::chunk {{ background-color: {}; }}"


def _table(name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    compact_rows(view)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


class ProgrammingWindow(QWidget):
    def __init__(self, database: Callable[[], Database], person: CurrentPerson,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("programmation_par_pilier")
        self.setWindowTitle("Programmation par pilier")
        self._database, self._person = database, person
        self.view: ProgrammingView | None = None
        self.year = QComboBox()
        self.year.setObjectName("annee")
        self.funder = QComboBox()
        self.funder.setObjectName("financeur_propose")
        self.propose_button = QPushButton("Proposer une programmation…")
        self.propose_button.setObjectName("proposer")
        self.message = text_label("", name="message_programmation")
        self.message.hide()
        self.ranking_model = RankingModel(self._save_amount, self)
        self.ranking = _table("classement")
        self.ranking.setModel(self.ranking_model)
        self.ranking.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                     | QAbstractItemView.EditTrigger.EditKeyPressed
                                     | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.envelope_model = EnvelopeModel(self)
        self.envelopes = _table("enveloppes")
        self.envelopes.setModel(self.envelope_model)
        self.envelopes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cpo_gauge = QProgressBar()
        self.cpo_gauge.setObjectName("jauge_cpo")
        self.cpo_gauge.setRange(0, 1000)
        self.cpo_text = text_label("", name="part_cpo")
        self.reserve = text_label("", name="solde_reserve")
        self.alerts = QListWidget()
        self.alerts.setObjectName("alertes")
        self.alerts.setWordWrap(True)
        self._build_layout()
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        self.funder.currentIndexChanged.connect(self._funder_changed)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Année :"))
        top.addWidget(self.year)
        top.addSpacing(16)
        top.addWidget(QLabel("Montants proposés pour :"))
        top.addWidget(self.funder, 1)
        top.addWidget(self.propose_button)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(section_title("Enveloppes par financeur et modalité"))
        side.addWidget(self.envelopes, 3)
        side.addWidget(section_title("Part des CPO dans les crédits spécifiques de l'État"))
        side.addWidget(self.cpo_gauge)
        side.addWidget(self.cpo_text)
        side.addWidget(section_title("Enveloppe de réserve"))
        side.addWidget(self.reserve)
        side.addWidget(section_title("Alertes"))
        side.addWidget(self.alerts, 2)
        left = QWidget()
        main = QVBoxLayout(left)
        main.setContentsMargins(0, 0, 0, 0)
        main.addWidget(section_title("Dossiers classés par score dans chaque pilier "
                                     "(double-cliquez sur un montant proposé pour le modifier)"))
        main.addWidget(self.ranking)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([820, 680])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        self.resize(1500, 850)

    # --- loading -----------------------------------------------------------------------------

    def open_year(self, year: int | None = None) -> None:
        years = programming_years(self._database())
        self.year.blockSignals(True)
        self.year.clear()
        for value in years:
            self.year.addItem(str(value), value)
        if year in years:
            self.year.setCurrentIndex(years.index(year))
        self.year.blockSignals(False)
        self.reload()

    @property
    def current_year(self) -> int | None:
        return self.year.currentData()

    def reload(self) -> None:
        if self.current_year is None:
            return
        self.view = programming_view(self._database(), self.current_year)
        self._fill_funders()
        self.ranking_model.set_pillars(self.view.pillars)
        self.envelope_model.set_rows(self.view.envelopes)
        self._show_cpo()
        reserve = self.view.reserve
        self.reserve.setText(
            f"{self.view.year} : enveloppe {format_eur(reserve.envelope)} — accordé "
            f"{format_eur(reserve.granted)} — en cours {format_eur(reserve.proposed)} — "
            f"solde {format_eur(reserve.left)}")
        self.reserve.setStyleSheet(ERROR_STYLE if reserve.left < 0 else "")
        self.alerts.clear()
        self.alerts.addItems(list(self.view.alerts) or ["Aucune alerte."])
        if not self.ranking.property("fitted"):
            self.ranking.resizeColumnsToContents()
            self.ranking.setColumnWidth(RANK, 48)  # the pillar headings span the row
            self.ranking.setColumnWidth(DOSSIER, min(self.ranking.columnWidth(DOSSIER), 340))
            self.ranking.setColumnWidth(CARRIER, min(self.ranking.columnWidth(CARRIER), 180))
            self.envelopes.resizeColumnsToContents()
            self.envelopes.setColumnWidth(0, min(self.envelopes.columnWidth(0), 230))
            self.ranking.setProperty("fitted", True)
        self.ranking.clearSpans()
        for row in range(self.ranking_model.rowCount()):
            if self.ranking_model.is_heading(row):
                self.ranking.setSpan(row, 0, 1, self.ranking_model.columnCount())

    def _fill_funders(self) -> None:
        wanted = self.funder.currentData()
        person = self._person.person
        if wanted is None and person is not None:
            wanted = person.funder_code
        self.funder.blockSignals(True)
        self.funder.clear()
        for code, name in self.view.funders:
            self.funder.addItem(name, code)
        codes = [code for code, _ in self.view.funders]
        self.funder.setCurrentIndex(codes.index(wanted) if wanted in codes else 0)
        self.funder.blockSignals(False)
        self._funder_changed()

    def _funder_changed(self, *_args) -> None:
        self.ranking_model.set_funder(self.funder.currentData() or "", self.funder.currentText())

    def _show_cpo(self) -> None:
        cpo = self.view.cpo
        self.cpo_gauge.setVisible(cpo is not None)
        if cpo is None:
            self.cpo_text.setText("Pas de crédits spécifiques de l'État dans ce contrat.")
            return
        ratio = cpo.share or Decimal(0)
        self.cpo_gauge.setValue(int(min(ratio, Decimal(1)) * 1000))
        self.cpo_gauge.setFormat(f"{format_percent(cpo.share)} — plancher "
                                 f"{format_percent(cpo.floor, 0)}")
        self.cpo_gauge.setStyleSheet(GAUGE_STYLE.format("#2e7d32" if cpo.met else "#b3261e"))
        show_status(self.cpo_text, cpo.text, error=not cpo.met)

    # --- editing -----------------------------------------------------------------------------

    def _save_amount(self, _dossier, line_id: int, amount: Decimal | None) -> str | None:
        person = self._person.person
        if person is None:
            return self._say("indiquez d'abord qui travaille (menu Instruction)", error=True)
        try:
            propose_amount(self._database(), ProposeAmount(line_id, amount, person.id))
        except ServiceError as error:
            return self._say(str(error), error=True)
        self._say(f"Montant proposé enregistré au nom de {person.name}.")
        self.reload()
        return None

    def _say(self, text: str, *, error: bool = False) -> str:
        show_status(self.message, ("⚠ " if error else "") + text, error=error, calm=MUTED_STYLE)
        self.message.show()
        return text
