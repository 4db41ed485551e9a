"""« Nouvelle correspondance… »: which field each column of a sheet holds, saved by name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...adapters.persistence.database import Database
from ...domain.dauphin import Field
from ...services.errors import ServiceError
from ...services.import_mappings import guess_fields, missing_fields, save_mapping
from ..widgets import ERROR_STYLE, MUTED_STYLE, text_label

NOT_IMPORTED = "(ne pas importer)"


class ColumnMappingDialog(QDialog):
    """Lists the file's columns with a field combo each; « Enregistrer » saves the mapping."""

    def __init__(self, database: Database, file_name: str, columns: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nouvelle_correspondance")
        self.setWindowTitle("Nouvelle correspondance de colonnes")
        self.resize(640, 560)
        self.database = database
        self.saved_name: str | None = None

        intro = text_label(
            f"Associez chaque colonne de « {file_name} » au champ qu'elle contient. Les "
            f"colonnes laissées sur « {NOT_IMPORTED} » sont ignorées. Les noms des exports "
            "Dauphin sont reconnus d'avance.", style=MUTED_STYLE)
        self.table = self._column_table(columns)
        self.missing_label = text_label("", style=ERROR_STYLE, name="champs_manquants")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("nom_correspondance")
        self.name_edit.textChanged.connect(self._update)
        form = QFormLayout()
        form.addRow("&Nom de la correspondance :", self.name_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Enregistrer")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.missing_label)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update()

    def _column_table(self, columns: list[str]) -> QTableWidget:
        table = QTableWidget(len(columns), 2)
        table.setObjectName("colonnes")
        table.setHorizontalHeaderLabels(["Colonne du fichier", "Champ"])
        table.verticalHeader().setVisible(False)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for section in (0, 1):
            table.horizontalHeader().setSectionResizeMode(section, QHeaderView.ResizeMode.Stretch)
        self.combos: dict[str, QComboBox] = {}
        for row, (column, guess) in enumerate(guess_fields(columns).items()):
            item = QTableWidgetItem(column)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, 0, item)
            combo = QComboBox()
            combo.addItem(NOT_IMPORTED, None)
            for target in Field:
                combo.addItem(target.label, target.value)
            if guess is not None:
                combo.setCurrentIndex(combo.findData(guess.value))
            combo.currentIndexChanged.connect(self._update)
            table.setCellWidget(row, 1, combo)
            self.combos[column] = combo
        return table

    def columns(self) -> dict[str, Field | None]:
        return {column: Field(combo.currentData()) if combo.currentData() else None
                for column, combo in self.combos.items()}

    def _update(self) -> None:
        missing = missing_fields(self.columns())
        self.missing_label.setText(
            "Champs obligatoires sans colonne : " + ", ".join(f.label for f in missing)
            if missing else "")
        self.save_button.setEnabled(not missing and bool(self.name_edit.text().strip()))

    def save(self) -> None:
        name = self.name_edit.text()
        try:
            self.saved_name = save_mapping(self.database, name, self.columns())
        except ServiceError as error:
            if "existe déjà" not in str(error):
                self.missing_label.setText(str(error))
                return
            answer = QMessageBox.question(
                self, self.windowTitle(), f"{error}. La remplacer ?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
            self.saved_name = save_mapping(self.database, name, self.columns(), replace=True)
        self.accept()
