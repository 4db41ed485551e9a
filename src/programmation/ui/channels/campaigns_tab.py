"""« Appels à projets » : the campaigns, a campaign's dashboard, late and unrenewed dossiers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...adapters.persistence.database import Database
from ...domain.campaign import Lateness
from ...services import campaigns as service
from ...services.errors import ServiceError
from ..display import format_date, format_eur, format_int
from ..table_models import ColumnSpec, RowsModel, date_column, text_column
from ..widgets import MUTED_STYLE, form, section_title, table, text_label
from .campaign_dialog import CampaignDialog
from .common import (
    CARRIER_COLUMN,
    REFERENCE_COLUMN,
    MessageLine,
    fit_columns,
    list_view,
    run_action,
)

CAMPAIGN_COLUMNS = (
    ColumnSpec("Année", lambda r: str(r.year), lambda r: r.year, right=True),
    text_column("Intitulé", "title"),
    ColumnSpec("Type", lambda r: "Pluriannuelle" if r.pluriannual else "Annuelle"),
    date_column("Dépôt jusqu'au", "deadline"),
    date_column("Comité", "committee_date"),
    ColumnSpec("Dossiers", lambda r: format_int(r.dossiers), lambda r: r.dossiers, right=True),
)
LATE_COLUMNS = (
    REFERENCE_COLUMN,
    CARRIER_COLUMN,
    date_column("Déposé le", "submitted_on"),
    ColumnSpec("Retard", lambda r: r.lateness.label),
    text_column("Motif", "late_reason"),
)


class CampaignsTab(QWidget):
    def __init__(self, database: Database, actor: Callable[[], str]) -> None:
        super().__init__()
        self.database, self.actor = database, actor
        self.dialog: CampaignDialog | None = None
        self.new_from_last_year = QPushButton("Nouvelle campagne (depuis l'an dernier)")
        self.new_campaign = QPushButton("Nouvelle campagne…")
        self.model = RowsModel(CAMPAIGN_COLUMNS, self)
        self.campaigns = list_view(self.model, "campagnes")
        self.dashboard = QWidget()
        self.late_model = RowsModel(LATE_COLUMNS, self)
        self.late = list_view(self.late_model, "hors_delai")
        self.late_reason = QLineEdit()
        self.late_reason.setPlaceholderText("Motif d'acceptation du dépôt hors délai")
        self.accept_late = QPushButton("Accepter le dépôt hors délai")
        self.message = MessageLine()
        self._layout()
        self.new_from_last_year.clicked.connect(self.open_from_last_year)
        self.new_campaign.clicked.connect(self.open_from_template)
        self.campaigns.selectionModel().currentRowChanged.connect(lambda *_: self.show_current())
        self.accept_late.clicked.connect(self.accept_selected_late)
        self.reload()

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_from_last_year)
        buttons.addWidget(self.new_campaign)
        buttons.addStretch(1)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(buttons)
        column.addWidget(self.campaigns, 1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.dashboard)
        late_box = QWidget()
        late_layout = QVBoxLayout(late_box)
        late_layout.setContentsMargins(0, 0, 0, 0)
        late_layout.addWidget(section_title("Dossiers déposés hors délai"))
        late_layout.addWidget(self.late)
        accept = QHBoxLayout()
        accept.addWidget(self.late_reason, 1)
        accept.addWidget(self.accept_late)
        late_layout.addLayout(accept)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.scroll)
        right.addWidget(late_box)
        right.setSizes([600, 140])
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([520, 760])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

    # --- the list and the dashboard -------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        current = self._current()
        wanted = select_id if select_id is not None else (current.id if current else None)
        rows = service.list_campaigns(self.database)
        self.model.set_rows(rows)
        fit_columns(self.campaigns)
        row = next((i for i, r in enumerate(rows) if r.id == wanted), 0 if rows else None)
        if row is not None:
            self.campaigns.selectRow(row)
        self.show_current()

    def _current(self):
        index = self.campaigns.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def show_current(self) -> None:
        row = self._current()
        dashboard = service.campaign_dashboard(self.database, row.id) if row else None
        self.dashboard = _dashboard_widget(dashboard)
        self.scroll.setWidget(self.dashboard)
        self.late_model.set_rows(dashboard.late if dashboard else [])
        fit_columns(self.late)

    # --- actions ------------------------------------------------------------------------------

    def _open(self, plan_of: Callable[[], object], source: str) -> None:
        def opened() -> str:
            plan = plan_of()
            self.dialog = CampaignDialog(self.database, service.campaign_choices(self.database),
                                         plan, source, self.actor, self)
            self.dialog.accepted.connect(self._created)
            self.dialog.open()
            return ""
        run_action(self.message, opened)

    def open_from_last_year(self) -> None:
        self._open(lambda: service.plan_from_last_year(self.database),
                   "Campagne de l'an dernier, un an plus tard")

    def open_from_template(self) -> None:
        choices = service.campaign_choices(self.database)
        latest = max((r.year for r in self.model.rows), default=min(choices.years)) + 1
        year = min(max(latest, min(choices.years)), max(choices.years))
        self._open(lambda: service.plan_from_template(self.database, "AAP annuel", year),
                   "AAP annuel")

    def _created(self) -> None:
        self.reload(getattr(self.dialog, "created_id", None))
        self.message.ok(self.dialog.result_text)

    def accept_selected_late(self) -> None:
        index = self.late.currentIndex()
        row = self.late_model.row_at(index.row()) if index.isValid() else None

        def accept() -> str:
            if row is None:
                raise ServiceError("choisissez le dossier hors délai à accepter")
            service.accept_late_dossier(self.database, service.AcceptLateDossier(
                row.id, self.late_reason.text(), self.actor()))
            self.late_reason.clear()
            return f"{row.reference} : dépôt hors délai accepté"
        run_action(self.message, accept, self.show_current)


def _dashboard_widget(d: service.CampaignDashboard | None) -> QWidget:
    widget = QWidget()
    layout = QVBoxLayout(widget)
    if d is None:
        layout.addWidget(text_label("Aucune campagne : créez la première.", style=MUTED_STYLE))
        layout.addStretch(1)
        return widget
    layout.addWidget(section_title(d.title))
    layout.addWidget(form([
        ("Type", "Pluriannuelle" if d.pluriannual else "Annuelle"),
        ("Ouverture", format_date(d.opening_date)),
        ("Date limite de dépôt", format_date(d.deadline)),
        ("Comité", format_date(d.committee_date)),
        ("Piliers ciblés", ", ".join(d.pillars) or "tous"),
    ]))
    c = d.counts
    layout.addWidget(section_title("Avancement"))
    layout.addWidget(table(["Déposés", "Recevables", "Notés", "Proposés", "Décidés"],
                           [[format_int(v) for v in (c.submitted, c.admissible, c.scored,
                                                     c.proposed, c.decided)]],
                           right=range(5), name="avancement"))
    layout.addWidget(section_title("Enveloppes AAP par financeur"))
    layout.addWidget(table(
        ["Financeur", "Enveloppe", "Demandé", "Proposé", "Accordé"],
        [[e.funder, format_eur(e.envelope), format_eur(e.requested), format_eur(e.proposed),
          format_eur(e.granted)] for e in d.envelopes], right=(1, 2, 3, 4), name="enveloppes"))
    pending = sum(r.lateness is Lateness.LATE_PENDING for r in d.late)
    if pending:
        layout.addWidget(text_label(f"{pending} dossier(s) hors délai sans motif enregistré : "
                                    "ils ne peuvent pas être déclarés recevables.",
                                    style="color: #b3261e;"))
    layout.addWidget(section_title(f"Actions financées en {d.year - 1} non reconduites en "
                                   f"{d.year}"))
    if d.not_renewed:
        layout.addWidget(table(["Référence", "Porteur", "Action", f"Accordé {d.year - 1}"],
                               [[r.reference, r.carrier, r.title, format_eur(r.granted)]
                                for r in d.not_renewed], right=(3,), stretch=2,
                               name="non_reconduites"))
    else:
        layout.addWidget(text_label("Aucune : toutes sont reconduites (ou rien n'était financé).",
                                    style=MUTED_STYLE))
    layout.addStretch(1)
    return widget
