"""The import dialog: file, mapping, preview tabs, mode, progress, result. Layout only —
``ImportController`` reads the file and imports in the background."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...services.import_plan import Outcome
from ...services.importing import ImportPreview, ImportReport, Mode
from ..current_user import ActingAs, CurrentUser
from ..display import format_count
from ..widgets import MUTED_STYLE, compact_rows, show_status, text_label
from .models import REJECTION_COLUMNS, ROW_COLUMNS, UPDATE_COLUMNS, RecordTableModel

TAB_TITLES = {Outcome.CREATE: "À créer", Outcome.UPDATE: "À mettre à jour",
              Outcome.UNCHANGED: "Inchangées"}
REJECTED_TITLE = "Rejetées"
MAX_COLUMN_WIDTH = 240  # a long title must not push the other columns out of sight


def _table(model: RecordTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    compact_rows(view)
    horizontal = view.horizontalHeader()
    horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    horizontal.setStretchLastSection(True)
    horizontal.setResizeContentsPrecision(50)
    return view


class ImportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_dossiers")
        self.setWindowTitle("Importer des dossiers")
        self.resize(1100, 700)
        self.busy = False
        self.progress = QProgressBar()
        self.progress.setObjectName("progression")
        self.progress.setVisible(False)
        self.status_label = text_label("Choisissez un fichier à importer.", style=MUTED_STYLE,
                                       name="etat")
        self.counts_label = text_label("", name="comptes")
        self.result_label = text_label("", name="resultat")
        layout = QVBoxLayout(self)
        layout.addLayout(self._choices())
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.counts_label)
        layout.addWidget(self._preview_tabs(), 1)
        layout.addWidget(self._mode_box())
        layout.addWidget(self.result_label)
        layout.addLayout(self._buttons())

    def _choices(self) -> QFormLayout:
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("chemin")
        self.path_edit.setPlaceholderText("Export Dauphin, classeur (.xlsx, .xls, .ods) ou .csv")
        self.browse_button = QPushButton("&Parcourir…")
        self.mapping_combo = QComboBox()
        self.mapping_combo.setObjectName("correspondance")
        self.mapping_combo.setMinimumContentsLength(28)
        self.analyse_button = QPushButton("&Analyser le fichier")
        self.actor_row = QHBoxLayout()  # who the rows are recorded under: see show_actor
        self.acting: ActingAs | None = None
        form = QFormLayout()
        form.addRow("&Fichier :", self._row(self.path_edit, self.browse_button))
        form.addRow("&Correspondance :", self._row(self.mapping_combo, self.analyse_button))
        form.addRow("Importé par :", self.actor_row)
        return form

    def show_actor(self, current_user: CurrentUser) -> None:
        """« Importé par » : the current user, followed as it changes."""
        self.acting = ActingAs(current_user)
        self.acting.setObjectName("importe_par")
        self.actor_row.addWidget(self.acting)

    def _preview_tabs(self) -> QTabWidget:
        self.models = {o: RecordTableModel(UPDATE_COLUMNS if o is Outcome.UPDATE
                                           else ROW_COLUMNS, self) for o in TAB_TITLES}
        self.rejections_model = RecordTableModel(REJECTION_COLUMNS, self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("apercu")
        for outcome, title in TAB_TITLES.items():
            self.tabs.addTab(_table(self.models[outcome], f"lignes_{outcome.value}"), title)
        self.tabs.addTab(_table(self.rejections_model, "lignes_rejetees"), REJECTED_TITLE)
        return self.tabs

    def _mode_box(self) -> QGroupBox:
        self.mode_buttons = QButtonGroup(self)
        box = QGroupBox("Mode d'import")
        layout = QHBoxLayout(box)
        for mode in Mode:
            button = QRadioButton(f"« {mode.label} »")
            button.setObjectName(f"mode_{mode.value}")
            button.setChecked(mode is Mode.VALID_ONLY)
            button.setProperty("mode", mode.value)
            self.mode_buttons.addButton(button)
            layout.addWidget(button)
        layout.addStretch(1)
        return box

    def _buttons(self) -> QHBoxLayout:
        self.report_button = QPushButton("Enregistrer le &rapport…")
        self.report_button.setEnabled(False)
        self.import_button = QPushButton("&Importer")
        self.import_button.setObjectName("importer")
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        self.close_button = QPushButton("Fermer")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        return buttons

    @staticmethod
    def _row(*widgets: QWidget) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widgets[0], 1)
        for widget in widgets[1:]:
            layout.addWidget(widget)
        return row

    # --- what the controller calls ---------------------------------------------------------

    def mode(self) -> Mode:
        return Mode(self.mode_buttons.checkedButton().property("mode"))

    def set_mappings(self, names: list[str], current: str | None = None) -> None:
        self.mapping_combo.blockSignals(True)
        self.mapping_combo.clear()
        self.mapping_combo.addItems(names)
        if current in names:
            self.mapping_combo.setCurrentText(current)
        self.mapping_combo.blockSignals(False)

    def set_busy(self, text: str) -> None:
        self.busy = True
        self.status_label.setStyleSheet(MUTED_STYLE)
        self.status_label.setText(text)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        for widget in (self.analyse_button, self.import_button, self.browse_button,
                       self.mapping_combo, self.report_button):
            widget.setEnabled(False)

    def show_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def set_idle(self, text: str = "", *, error: bool = False) -> None:
        self.busy = False
        self.progress.setVisible(False)
        show_status(self.status_label, text, error=error, calm=MUTED_STYLE)
        for widget in (self.analyse_button, self.browse_button, self.mapping_combo):
            widget.setEnabled(True)

    def clear_preview(self) -> None:
        for model in (*self.models.values(), self.rejections_model):
            model.set_records([])
        self.counts_label.setText("")
        self.result_label.setText("")
        self._retitle({o: 0 for o in TAB_TITLES}, 0)
        self.import_button.setEnabled(False)
        self.report_button.setEnabled(False)

    def show_preview(self, preview: ImportPreview) -> None:
        counts = {o: preview.count(o) for o in TAB_TITLES}
        for outcome, model in self.models.items():
            model.set_records([row for row in preview.rows if row.outcome is outcome])
        self.rejections_model.set_records(preview.rejections)
        self._retitle(counts, preview.rejected)
        self.counts_label.setText(
            f"{format_count(preview.row_count, 'ligne lue', 'lignes lues')} : "
            f"{counts[Outcome.CREATE]} à créer, {counts[Outcome.UPDATE]} à mettre à jour, "
            f"{counts[Outcome.UNCHANGED]} inchangée(s), {preview.rejected} rejetée(s)"
            + (f", {preview.empty_rows} vide(s)" if preview.empty_rows else ""))
        for view in self.tabs.findChildren(QTableView):
            view.resizeColumnsToContents()
            for column in range(view.model().columnCount()):
                view.setColumnWidth(column, min(view.columnWidth(column), MAX_COLUMN_WIDTH))
        first = next((i for i, o in enumerate(TAB_TITLES) if counts[o]), None)
        self.tabs.setCurrentIndex(first if first is not None else len(TAB_TITLES))
        self.import_button.setEnabled(True)
        self.report_button.setEnabled(True)

    def _retitle(self, counts: dict[Outcome, int], rejected: int) -> None:
        for index, (outcome, title) in enumerate(TAB_TITLES.items()):
            self.tabs.setTabText(index, f"{title} ({counts[outcome]})")
        self.tabs.setTabText(len(TAB_TITLES), f"{REJECTED_TITLE} ({rejected})")

    def show_report(self, report: ImportReport) -> None:
        show_status(self.result_label, report.summary(), error=not report.applied)
        self.import_button.setEnabled(False)
        self.report_button.setEnabled(True)

    def closeEvent(self, event) -> None:
        if self.busy:  # the file is being read or written: let it finish
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        if not self.busy:
            super().reject()
