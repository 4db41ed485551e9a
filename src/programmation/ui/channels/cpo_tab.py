"""« CPO » : the conventions, each one's timeline and yearly cycle, the multi-year envelopes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...adapters.persistence.database import Database
from ...services import cpo as service
from ...services.campaigns import campaign_choices
from ...services.carriers import list_carriers
from ...services.errors import ServiceError
from ..table_models import RowsModel, money_column, text_column
from ..widgets import MUTED_STYLE
from .common import (
    CARRIER_COLUMN,
    REFERENCE_COLUMN,
    ActionDialog,
    MessageLine,
    fit_columns,
    list_view,
    run_action,
)
from .cpo_dialogs import (
    AmendmentDialog,
    BilanDialog,
    ConventionDialog,
    NewCpoDialog,
    PaymentDialog,
)
from .cpo_views import envelopes_widget, timeline_widget

CPO_COLUMNS = (
    REFERENCE_COLUMN,
    CARRIER_COLUMN,
    text_column("Années", "years"),
    text_column("Statut", "status"),
    money_column("Par an", "yearly"),
    text_column("Prochaine étape", "next_step"),
)


class CpoTab(QWidget):
    def __init__(self, database: Database, actor: Callable[[], str]) -> None:
        super().__init__()
        self.database, self.actor = database, actor
        self.dialog: ActionDialog | None = None
        self.timeline: service.CpoTimeline | None = None
        self.model = RowsModel(CPO_COLUMNS, self)
        self.cpos = list_view(self.model, "cpo")
        self.new_cpo = QPushButton("Nouvelle CPO…")
        self.convention = QPushButton("Convention…")
        self.bilan = QPushButton("Enregistrer le bilan…")
        self.renew = QPushButton("Reconduire")
        self.renew.setObjectName("reconduire")
        self.renewal_reason = QLabel()
        self.renewal_reason.setStyleSheet(MUTED_STYLE)
        self.renewal_reason.setWordWrap(True)
        self.payment = QPushButton("Enregistrer un versement…")
        self.amendment = QPushButton("Ajouter un avenant…")
        self.timeline_box = QWidget()
        self.timeline_scroll = QScrollArea()
        self.timeline_scroll.setWidgetResizable(True)
        self.envelopes_scroll = QScrollArea()
        self.envelopes_scroll.setWidgetResizable(True)
        self.message = MessageLine()
        self.inner = QTabWidget()
        self._layout()
        self.cpos.selectionModel().currentRowChanged.connect(lambda *_: self.show_current())
        self.new_cpo.clicked.connect(self.open_new)
        self.convention.clicked.connect(lambda: self._open(
            lambda t: ConventionDialog(self.database, t, self)))
        self.bilan.clicked.connect(lambda: self._open(
            lambda t: BilanDialog(self.database, t, self.actor, self)))
        self.payment.clicked.connect(lambda: self._open(
            lambda t: PaymentDialog(self.database, t, self.actor, self)))
        self.amendment.clicked.connect(lambda: self._open(
            lambda t: AmendmentDialog(self.database, t, self)))
        self.renew.clicked.connect(self.renew_next_year)
        self.reload()

    def _layout(self) -> None:
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.new_cpo)
        column.addWidget(self.cpos, 1)
        actions = QHBoxLayout()
        for button in (self.convention, self.bilan, self.renew, self.payment, self.amendment):
            actions.addWidget(button)
        actions.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.timeline_scroll, 1)
        right_layout.addLayout(actions)
        right_layout.addWidget(self.renewal_reason)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 780])
        self.inner.addTab(splitter, "Conventions")
        self.inner.addTab(self.envelopes_scroll, "Enveloppes pluriannuelles et plancher")
        layout = QVBoxLayout(self)
        layout.addWidget(self.inner, 1)
        layout.addWidget(self.message)

    def reload(self, select_id: int | None = None) -> None:
        current = self.timeline.id if self.timeline else None
        wanted = select_id if select_id is not None else current
        rows = service.list_cpos(self.database)
        self.model.set_rows(rows)
        fit_columns(self.cpos)
        row = next((i for i, r in enumerate(rows) if r.id == wanted), 0 if rows else None)
        if row is not None:
            self.cpos.selectRow(row)
        self.show_current()
        self.envelopes_scroll.setWidget(envelopes_widget(
            service.multi_year_envelopes(self.database)))

    def select_reference(self, reference: str) -> None:
        rows = self.model.rows
        self.cpos.selectRow(next(i for i, r in enumerate(rows) if r.reference == reference))

    def show_current(self) -> None:
        index = self.cpos.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        self.timeline = service.cpo_timeline(self.database, row.id) if row else None
        self.timeline_scroll.setWidget(timeline_widget(self.timeline))
        t = self.timeline
        for button in (self.convention, self.bilan, self.payment):
            button.setEnabled(t is not None)
        self.amendment.setEnabled(t is not None and t.has_convention)
        self.amendment.setToolTip("" if t is None or t.has_convention
                                  else "Enregistrez d'abord la convention")
        year, blocker = (t.next_renewal, t.renewal_blocker) if t else (None, "aucune CPO")
        self.renew.setText(f"Reconduire {year}" if year else "Reconduire")
        self.renew.setEnabled(year is not None and blocker is None)
        why = (f"Reconduction {year} impossible : {blocker}" if year else blocker.capitalize()) \
            if blocker else f"La reconduction {year} est possible : le bilan {year - 1} est reçu."
        self.renew.setToolTip(why)
        self.renewal_reason.setText(why)

    def _open(self, make: Callable[[service.CpoTimeline], ActionDialog]) -> None:
        if self.timeline is None:
            self.message.error("choisissez une CPO")
            return
        self.dialog = make(self.timeline)
        self.dialog.accepted.connect(self._done)
        self.dialog.open()

    def _done(self) -> None:
        self.reload(getattr(self.dialog, "created_id", None))
        self.message.ok(self.dialog.result_text)

    def open_new(self) -> None:
        choices = campaign_choices(self.database)
        carriers = [(c.id, c.name) for c in list_carriers(self.database)]
        first = date.today().year + 1
        self.dialog = NewCpoDialog(self.database, choices, carriers, first, self.actor, self)
        self.dialog.accepted.connect(self._done)
        self.dialog.open()

    def renew_next_year(self) -> None:
        t = self.timeline

        def renew() -> str:
            if t is None or t.next_renewal is None:
                raise ServiceError("aucune année à reconduire")
            service.renew_year(self.database, t.id, t.next_renewal, self.actor())
            return f"{t.reference} : année {t.next_renewal} reconduite"
        run_action(self.message, renew, lambda: self.reload(t.id))
