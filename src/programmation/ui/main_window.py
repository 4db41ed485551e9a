"""The main window: menus, the filter bar over the dossier table, the detail below.

A layout class only: the controller wires it to the services. It saves its own
geometry, splitter and column widths in QSettings.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..services.dossier_list import Column
from .dossiers.detail_panel import DetailPanel
from .dossiers.filter_bar import FilterBar
from .window_settings import MAIN_WINDOW, WindowSettings

ROW_HEIGHT = 26
MAX_FITTED_WIDTH = 200  # a long title must not push the amounts out of sight
DEFAULT_SIZE = (1400, 850)


class MainWindow(QMainWindow):
    closing = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Programmation")
        self.settings = WindowSettings(MAIN_WINDOW)
        self._columns_fitted = False

        self.filter_bar = FilterBar()
        self.table = QTableView()
        self.table.setObjectName("dossiers")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # batches
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        vertical.setVisible(False)
        horizontal = self.table.horizontalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        horizontal.setHighlightSections(False)
        horizontal.setSortIndicatorShown(True)
        # The current year's dossiers first: that is where the work is.
        horizontal.setSortIndicator(int(Column.YEAR), Qt.SortOrder.DescendingOrder)
        horizontal.setStretchLastSection(False)
        horizontal.setResizeContentsPrecision(50)

        self.detail = DetailPanel()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("separateur")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.totals_label = QLabel()
        self.totals_label.setObjectName("totaux")
        self.statusBar().addPermanentWidget(self.totals_label)
        self._build_menus()
        self.resize(*DEFAULT_SIZE)
        self.splitter.setSizes([420, 360])
        self.restore_state()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Fichier")
        self.action_open = QAction("&Ouvrir une base…", self)
        self.action_open.setShortcut(QKeySequence.StandardKey.Open)
        self.action_import = QAction("&Importer des dossiers…", self)  # wired by importing/
        self.action_backup = QAction("&Sauvegarder une copie maintenant", self)
        self.action_quit = QAction("&Quitter", self)
        self.action_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.action_quit.triggered.connect(self.close)
        file_menu.addAction(self.action_open)
        file_menu.addAction(self.action_import)
        file_menu.addAction(self.action_backup)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        self.dossiers_menu = self.menuBar().addMenu("&Dossiers")  # filled by editor/
        self.carriers_menu = self.menuBar().addMenu("&Porteurs")  # filled by carriers/
        self.actions_menu = self.menuBar().addMenu("A&ctions")  # filled by batch/
        self.channels_menu = self.menuBar().addMenu("&Modalités")  # filled by channels/
        help_menu = self.menuBar().addMenu("&Aide")
        self.action_about = QAction("À &propos de Programmation", self)
        self.action_about.triggered.connect(self.show_about)
        help_menu.addAction(self.action_about)

    # --- what the controller calls ---------------------------------------------------------

    def set_database_label(self, label: str) -> None:
        self.setWindowTitle(f"Programmation — {label}")

    def show_totals(self, text: str) -> None:
        self.totals_label.setText(text)

    def show_message(self, text: str, milliseconds: int = 15_000) -> None:
        self.statusBar().showMessage(text, milliseconds)

    def fit_columns_once(self) -> None:
        """After the first load: fit the columns to their contents, unless the user sized them."""
        if self._columns_fitted:
            return
        self._columns_fitted = True
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(header.count()):
            if header.sectionSize(column) > MAX_FITTED_WIDTH:
                header.resizeSection(column, MAX_FITTED_WIDTH)

    def show_about(self) -> None:
        QMessageBox.about(
            self, "À propos de Programmation",
            f"<b>Programmation</b> — version {__version__}<br><br>"
            "La programmation financière des contrats de ville : dossiers, instruction, "
            "comité de pilotage, annexe financière.",
        )

    # --- window state ----------------------------------------------------------------------

    def restore_state(self) -> None:
        geometry = self.settings.bytes("geometrie")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = self.settings.bytes("separateur")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        self._saved_widths = self.settings.integers("largeurs_colonnes")
        sort = self.settings.integers("tri")  # [column, order]
        if len(sort) == 2 and sort[1] in (0, 1):
            self.table.horizontalHeader().setSortIndicator(sort[0], Qt.SortOrder(sort[1]))

    def apply_saved_widths(self) -> None:
        """Column widths the user left last time (called once the model is set)."""
        header = self.table.horizontalHeader()
        if not self._saved_widths or len(self._saved_widths) != header.count():
            return
        for column, width in enumerate(self._saved_widths):
            header.resizeSection(column, max(width, 30))
        self._columns_fitted = True

    def save_state(self) -> None:
        header = self.table.horizontalHeader()
        self.settings.write({
            "geometrie": QByteArray(self.saveGeometry()),
            "separateur": QByteArray(self.splitter.saveState()),
            "largeurs_colonnes": [header.sectionSize(c) for c in range(header.count())],
            "tri": [header.sortIndicatorSection(), header.sortIndicatorOrder().value],
        })

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.closing.emit()
        super().closeEvent(event)
