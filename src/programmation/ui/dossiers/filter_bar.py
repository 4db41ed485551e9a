"""The filters above the dossier list: five combos and a debounced search field."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from ...services.dossier_list import Choice, DossierFilter, FilterOptions

ALL = "Tous"
SEARCH_DELAY_MS = 250


class FilterBar(QWidget):
    """Emits ``filter_changed(DossierFilter)`` when a combo changes or typing pauses."""

    filter_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: dict[QComboBox, list[object]] = {}  # Python values, not QVariants
        self.year = self._combo("annee", 4)
        self.channel = self._combo("modalite", 6)
        self.pillar = self._combo("pilier", 7)
        self.status = self._combo("statut", 7)
        self.funder = self._combo("financeur", 7)
        self.search = QLineEdit(self)
        self.search.setObjectName("recherche")
        self.search.setPlaceholderText("Rechercher : référence, action, porteur…")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(100)
        self.reset_button = QPushButton("Effacer", self)
        self.reset_button.setToolTip("Revenir à « Tous » partout et vider la recherche")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, widget in (("&Année", self.year), ("&Modalité", self.channel),
                             ("&Pilier", self.pillar), ("S&tatut", self.status),
                             ("&Financeur", self.funder)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget, 2 if widget in (self.pillar, self.funder) else 1)
            layout.addSpacing(4)
        layout.addWidget(self.search, 3)
        layout.addWidget(self.reset_button)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._emit)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self._emit_now)
        for combo in self._combos():
            combo.currentIndexChanged.connect(self._emit_now)
        self.reset_button.clicked.connect(lambda: self.clear())

    def _combo(self, name: str, width_in_chars: int) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(width_in_chars)  # grows with the window
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        combo.view().setMinimumWidth(320)  # the open list shows whole labels
        combo.addItem(ALL)
        self._values[combo] = [None]
        return combo

    def _combos(self) -> tuple[QComboBox, ...]:
        return self.year, self.channel, self.pillar, self.status, self.funder

    def set_options(self, options: FilterOptions) -> None:
        """Fill the combos (keeping the current choices that still exist) without emitting."""
        choices = (
            [Choice(year, str(year)) for year in options.years], options.channels,
            options.pillars, options.statuses, options.funders,
        )
        for combo, items in zip(self._combos(), choices, strict=True):
            kept = self._value(combo)
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(ALL)
            for choice in items:
                combo.addItem(choice.label)
                combo.setItemData(combo.count() - 1, choice.label, Qt.ItemDataRole.ToolTipRole)
            self._values[combo] = [None, *(choice.value for choice in items)]
            values = self._values[combo]
            combo.setCurrentIndex(values.index(kept) if kept in values else 0)
            combo.blockSignals(False)

    def _value(self, combo: QComboBox) -> object:
        index = combo.currentIndex()
        values = self._values[combo]
        return values[index] if 0 <= index < len(values) else None

    def current_filter(self) -> DossierFilter:
        return DossierFilter(
            year=self._value(self.year), channel=self._value(self.channel),
            pillar_id=self._value(self.pillar), status=self._value(self.status),
            funder_id=self._value(self.funder), text=self.search.text().strip(),
        )

    def clear(self, *, emit: bool = True) -> None:
        """Back to « Tous » everywhere and an empty search, then one emission if ``emit``."""
        for widget in (*self._combos(), self.search):
            widget.blockSignals(True)
        for combo in self._combos():
            combo.setCurrentIndex(0)
        self.search.clear()
        for widget in (*self._combos(), self.search):
            widget.blockSignals(False)
        self._timer.stop()
        if emit:
            self._emit()

    def _emit_now(self) -> None:
        self._timer.stop()
        self._emit()

    def _emit(self) -> None:
        self.filter_changed.emit(self.current_filter())
