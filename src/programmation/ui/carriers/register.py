"""« Porteurs de projet »: the register window (layout only; see controller.py).

Left, the searchable list of carriers; right, the selected carrier's form and
its dossiers over the years; a second tab lists the probable duplicates.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.money import total
from ...services.carriers import CarrierDossier
from ..display import format_count, format_eur
from ..widgets import MUTED_STYLE, section_title, table, text_label
from ..window_settings import WindowSettings
from .duplicates import DuplicatesView
from .form import CarrierForm

DOSSIER_HEADERS = ("Année", "Référence", "Intitulé de l'action", "Statut", "Demandé", "Accordé")
SETTINGS_GROUP = "porteurs"
ROW_HEIGHT = 26


class CarrierRegister(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Porteurs de projet")
        self.settings = WindowSettings(SETTINGS_GROUP)
        self.search = QLineEdit()
        self.search.setObjectName("recherche_porteur")
        self.search.setPlaceholderText("Rechercher : nom, SIRET, RNA, commune…")
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton("&Nouveau porteur")
        self.count_label = text_label("", style=MUTED_STYLE, name="nombre_porteurs")
        self.table = self._table()
        self.form = CarrierForm()
        self.dossiers_title = section_title("Dossiers du porteur")
        self.dossiers_box = QVBoxLayout()
        self.dossiers_box.setContentsMargins(0, 0, 0, 0)
        self.duplicates = DuplicatesView()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self._list_pane())
        self.splitter.addWidget(self._carrier_pane())
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.splitter, "&Registre")
        self.tabs.addTab(self.duplicates, "&Doublons")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.tabs)
        self.resize(1300, 800)
        self.splitter.setSizes([720, 580])
        self._dossiers_table: QWidget | None = None
        self.show_dossiers(None)
        geometry = self.settings.bytes("geometrie")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def _list_pane(self) -> QWidget:
        pane = QWidget()
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.new_button)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        return pane

    def _carrier_pane(self) -> QWidget:
        """The form, then the carrier's dossiers; the whole pane scrolls."""
        pane = QWidget()
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        layout.addWidget(self.dossiers_title)
        layout.addLayout(self.dossiers_box)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(pane)
        return scroll

    def _table(self) -> QTableView:
        view = QTableView()
        view.setObjectName("porteurs")
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        vertical = view.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        vertical.setVisible(False)
        horizontal = view.horizontalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        horizontal.setHighlightSections(False)
        horizontal.setStretchLastSection(True)
        return view

    # --- what the controller calls -----------------------------------------------------------

    def fit_columns(self) -> None:
        self.table.horizontalHeader().setResizeContentsPrecision(50)
        self.table.resizeColumnsToContents()
        if self.table.columnWidth(0) > 280:  # long names must not push SIRET and RNA away
            self.table.setColumnWidth(0, 280)

    def show_count(self, shown: int, searching: bool) -> None:
        text = format_count(shown, "porteur", "porteurs")
        self.count_label.setText(f"{text} {'trouvé' if shown < 2 else 'trouvés'}"
                                 if searching else text)

    def show_duplicate_count(self, count: int) -> None:
        self.tabs.setTabText(1, f"&Doublons ({count})" if count else "&Doublons")

    def show_dossiers(self, dossiers: Sequence[CarrierDossier] | None) -> None:
        """The carrier's dossiers over the years, with the totals; None: no carrier chosen."""
        old = self._dossiers_table
        if old is not None:
            old.hide()
            self.dossiers_box.removeWidget(old)
            old.deleteLater()
        if dossiers is None or not dossiers:
            text = ("Aucun dossier pour ce porteur." if dossiers is not None
                    else "Choisissez un porteur dans la liste.")
            self._dossiers_table = text_label(text, style=MUTED_STYLE, name="aucun_dossier")
        else:
            rows = [(str(d.year), d.reference, d.title, d.status, format_eur(d.requested),
                     format_eur(d.granted)) for d in dossiers]
            rows.append(("", "Total", format_count(len(dossiers), "dossier", "dossiers"), "",
                         format_eur(total(d.requested for d in dossiers)),
                         format_eur(total(d.granted for d in dossiers))))
            self._dossiers_table = table(DOSSIER_HEADERS, rows, right=(4, 5), bold_last=True,
                                         stretch=2, name="dossiers_porteur")
        self.dossiers_box.addWidget(self._dossiers_table)
        self._dossiers_table.setVisible(True)  # now, not at the next event loop turn

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.write({"geometrie": QByteArray(self.saveGeometry())})
        super().closeEvent(event)
