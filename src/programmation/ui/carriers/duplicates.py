"""« Doublons »: the probable duplicate carriers with the reason, and the merge confirmation."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.carriers import CarrierRow, DuplicatePair
from ..current_user import ActingAs, CurrentUser
from ..display import format_count
from ..table_models import RIGHT
from ..widgets import MUTED_STYLE, section_title, text_label
from .table_model import format_siret, years_text

HEADERS = ("Porteur à conserver", "Dossiers", "Doublon probable", "Dossiers", "Motif")


def describe(row: CarrierRow) -> str:
    """« Nom — SIRET … · RNA … · 3 dossiers (2019–2024) », for tooltips and the merge dialog."""
    parts = [f"SIRET {format_siret(row.siret)}" if row.siret else "sans SIRET",
             f"RNA {row.rna}" if row.rna else "sans RNA",
             f"{format_count(row.dossiers, 'dossier', 'dossiers')} ({years_text(row)})"
             if row.dossiers else "aucun dossier"]
    return f"{row.name} — {' · '.join(parts)}"


class DuplicatesView(QWidget):
    """Emits ``merge_requested(DuplicatePair)`` and ``refresh_requested()``."""

    merge_requested = Signal(object)
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pairs: list[DuplicatePair] = []
        self.summary = text_label("", name="resume_doublons")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("doublons")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in (0, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in (1, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.merge_button = QPushButton("&Fusionner…")
        self.merge_button.setObjectName("fusionner")
        self.refresh_button = QPushButton("&Actualiser")
        buttons = QHBoxLayout()
        buttons.addWidget(text_label(
            "Même SIRET, même RNA ou noms presque identiques (accents, casse, ponctuation et "
            "sigle entre parenthèses ignorés). Vérifiez avant de fusionner.", style=MUTED_STYLE),
            1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.merge_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._update_button)
        self.table.itemDoubleClicked.connect(lambda _item: self.merge_button.click())
        self.merge_button.clicked.connect(self._merge)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.show_pairs([])

    def show_pairs(self, pairs: Sequence[DuplicatePair]) -> None:
        self.pairs = list(pairs)
        self.summary.setText(
            f"{format_count(len(pairs), 'doublon probable', 'doublons probables')}"
            if pairs else "Aucun doublon probable dans le registre.")
        self.table.setRowCount(len(pairs))
        for row, pair in enumerate(pairs):
            cells = (pair.kept.name, str(pair.kept.dossiers), pair.other.name,
                     str(pair.other.dossiers), pair.reason)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (1, 3):
                    item.setTextAlignment(RIGHT)
                item.setToolTip(describe(pair.kept if column < 2 else pair.other)
                                if column < 4 else text)
                self.table.setItem(row, column, item)
        if pairs:
            self.table.selectRow(0)
        self._update_button()

    def current_pair(self) -> DuplicatePair | None:
        row = self.table.currentRow()
        selected = self.table.selectionModel().hasSelection()
        return self.pairs[row] if selected and 0 <= row < len(self.pairs) else None

    def _update_button(self) -> None:
        self.merge_button.setEnabled(self.current_pair() is not None)

    def _merge(self) -> None:
        pair = self.current_pair()
        if pair is not None:
            self.merge_requested.emit(pair)


class MergeDialog(QDialog):
    """Confirm a merge and choose which carrier stays (the suggested one is checked); the
    merge is recorded in the name of ``who``, the current user shown in « Effectué par »."""

    def __init__(self, pair: DuplicatePair, who: CurrentUser,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pair = pair
        self.setWindowTitle("Fusionner deux porteurs")
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        layout.addWidget(section_title(f"Doublon probable : {pair.reason}"))
        layout.addWidget(text_label("Porteur à conserver :"))
        self.keep_first = QRadioButton(pair.kept.name)
        self.keep_second = QRadioButton(pair.other.name)
        self.keep_first.setChecked(True)
        group = QButtonGroup(self)
        for button, row in ((self.keep_first, pair.kept), (self.keep_second, pair.other)):
            group.addButton(button)
            layout.addWidget(button)
            details = text_label(describe(row).removeprefix(f"{row.name} — "), style=MUTED_STYLE)
            details.setContentsMargins(24, 0, 0, 4)
            layout.addWidget(details)
        layout.addWidget(text_label(
            "Les dossiers de l'autre porteur seront rattachés au porteur conservé (la fusion "
            "est inscrite dans leur historique), ses champs vides complétés par ceux de "
            "l'autre, puis l'autre porteur sera supprimé du registre."))
        self.acting = ActingAs(who)
        form = QFormLayout()
        form.addRow("Effectué par :", self.acting)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton("&Fusionner", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(self.minimumWidth(), self.heightForWidth(self.minimumWidth()))

    def actor(self) -> str:
        """The name the merge is recorded under: the one shown in « Effectué par »."""
        return self.acting.current.label

    def kept_and_absorbed(self) -> tuple[CarrierRow, CarrierRow]:
        if self.keep_first.isChecked():
            return self.pair.kept, self.pair.other
        return self.pair.other, self.pair.kept
