"""« Enveloppe de réserve » : balances always on top, the year's small projects, co-instruction."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...adapters.persistence.database import Database
from ...domain.lifecycle import Status
from ...services import reserve as service
from ...services.errors import ServiceError
from ..display import format_date, format_eur
from ..table_models import ColumnSpec, RowsModel, date_column, money_column, text_column
from ..widgets import ERROR_STYLE, MUTED_STYLE, section_title, text_label
from .coinstruction_dialog import CoInstructionDialog
from .common import (
    CARRIER_COLUMN,
    REFERENCE_COLUMN,
    MessageLine,
    fit_columns,
    list_view,
    run_action,
)

DOSSIER_COLUMNS = (
    REFERENCE_COLUMN,
    CARRIER_COLUMN,
    text_column("Action", "title"),
    ColumnSpec("Statut", lambda r: r.status.label, lambda r: list(type(r.status)).index(r.status)),
    money_column("Demandé à la réserve", "requested"),
    money_column("Accordé", "granted"),
    ColumnSpec("Réponses des financeurs", lambda r: r.answers or "—"),
    ColumnSpec("Alerte", lambda r: "demande au-dessus du plafond" if r.warnings else "",
               tip=lambda r: "; ".join(r.warnings)),
)
COMMITTEE_COLUMNS = (
    date_column("Décidé le", "decided_on"),
    REFERENCE_COLUMN,
    CARRIER_COLUMN,
    text_column("Décision", "outcome"),
    money_column("Accordé (réserve)", "granted"),
    text_column("Qui a donné son accord, quand", "answers"),
)


class ReserveTab(QWidget):
    def __init__(self, database: Database, actor: Callable[[], str]) -> None:
        super().__init__()
        self.database, self.actor = database, actor
        self.dialog: CoInstructionDialog | None = None
        self.overview: service.ReserveOverview | None = None
        self.year = QComboBox()
        self.year.setObjectName("annee")
        self.balance_box = QGroupBox("Solde de l'enveloppe de réserve")
        self.balance_box.setObjectName("soldes")
        self.balance_grid = QGridLayout(self.balance_box)
        self.ceiling = QLabel()
        self.model = RowsModel(DOSSIER_COLUMNS, self)
        self.dossiers = list_view(self.model, "dossiers_reserve")
        self.instruct = QPushButton("Instruction allégée")
        self.coinstruct = QPushButton("Co-instruction…")
        self.committee_title = section_title("")
        self.committee_model = RowsModel(COMMITTEE_COLUMNS, self)
        self.committee = list_view(self.committee_model, "pour_le_comite")
        self.message = MessageLine()
        self._layout()
        self.year.currentIndexChanged.connect(lambda *_: self.reload(keep_year=True))
        self.instruct.clicked.connect(self.instruct_selected)
        self.coinstruct.clicked.connect(self.open_coinstruction)
        self.dossiers.selectionModel().currentRowChanged.connect(lambda *_: self._buttons())
        self.reload()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Année :"))
        top.addWidget(self.year)
        top.addSpacing(24)
        top.addWidget(self.ceiling)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.instruct)
        buttons.addWidget(self.coinstruct)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.balance_box)
        layout.addWidget(section_title("Projets présentés à l'enveloppe de réserve"))
        layout.addWidget(self.dossiers, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.committee_title)
        layout.addWidget(self.committee, 1)
        layout.addWidget(self.message)

    def reload(self, keep_year: bool = True) -> None:
        wanted = self.year.currentData() if keep_year else None
        current = self.selected()
        self.overview = service.reserve_overview(self.database, wanted)
        o = self.overview
        self.year.blockSignals(True)
        self.year.clear()
        for year in o.years:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(self.year.findData(o.year))
        self.year.blockSignals(False)
        self.ceiling.setText(f"Plafond par projet : {format_eur(o.ceiling)}")
        self._show_balances()
        self.model.set_rows(o.dossiers)
        fit_columns(self.dossiers)
        if current is not None:
            ids = [r.id for r in o.dossiers]
            if current.id in ids:
                self.dossiers.selectRow(ids.index(current.id))
        last = format_date(o.last_committee) if o.last_committee else "—"
        self.committee_title.setText(f"Décisions prises depuis le dernier comité ({last}) — "
                                     "à présenter au prochain comité")
        self.committee_model.set_rows(o.since_last_committee)
        fit_columns(self.committee)
        self._buttons()

    def _show_balances(self) -> None:
        while self.balance_grid.count():
            old = self.balance_grid.takeAt(0).widget()
            old.setParent(None)  # gone at once, not at the next event loop turn
            old.deleteLater()
        o = self.overview
        self.balance_box.setTitle(f"Solde de l'enveloppe de réserve {o.year}")
        if not o.balances:
            self.balance_grid.addWidget(text_label("Aucune enveloppe de réserve cette année.",
                                                   style=MUTED_STYLE), 0, 0)
        for row, b in enumerate(o.balances):
            balance = text_label(format_eur(b.balance), name=f"solde_{b.funder_code}",
                                 style=ERROR_STYLE if not b.balance else "font-weight: bold;")
            self.balance_grid.addWidget(QLabel(b.funder_name), row, 0)
            self.balance_grid.addWidget(balance, row, 1)
            self.balance_grid.addWidget(text_label(
                f"restant sur {format_eur(b.envelope)} (accordé {format_eur(b.granted)})",
                style=MUTED_STYLE), row, 2)
        self.balance_grid.setColumnStretch(2, 1)

    def selected(self) -> service.ReserveRow | None:
        index = self.dossiers.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _buttons(self) -> None:
        row = self.selected()
        self.instruct.setEnabled(row is not None and row.status in service.BEFORE_REVIEW)
        self.coinstruct.setEnabled(row is not None and row.status is Status.REVIEWED)

    def instruct_selected(self) -> None:
        row = self.selected()

        def instruct() -> str:
            if row is None:
                raise ServiceError("choisissez un dossier")
            warnings = service.instruct_lightly(self.database, row.id, self.actor())
            return f"{row.reference} instruit" + (f" — {'; '.join(warnings)}" if warnings
                                                   else "")
        run_action(self.message, instruct, self.reload)

    def open_coinstruction(self) -> None:
        row = self.selected()
        if row is None:
            self.message.error("choisissez le dossier à décider")
            return
        self.dialog = CoInstructionDialog(self.database, row.id, self.actor, self)
        self.dialog.accepted.connect(self._decided)
        self.dialog.open()

    def _decided(self) -> None:
        self.reload()
        self.message.ok(self.dialog.result_text)
