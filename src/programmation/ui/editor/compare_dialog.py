"""« Comparer les budgets »: the budget as requested and as adjusted, side by side."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QScrollArea, QVBoxLayout, QWidget

from ...domain.budget import ACCOUNTS_BY_CODE, Side
from ...domain.money import total
from ...services.dossier_editing import BudgetComparisonRow
from ..display import format_eur
from ..widgets import MUTED_STYLE, section_title, table, text_label

HEADERS = ("Compte", "Intitulé", "Demandé", "Ajusté", "Écart")
_PARTS = ((Side.CHARGE, "Charges"), (Side.PRODUCT, "Produits"),
          (Side.IN_KIND_USE, "Emplois en nature (86)"),
          (Side.IN_KIND_RESOURCE, "Contributions en nature (87)"))


def _difference(value) -> str:
    if value is None:
        return "—"
    return "" if not value else ("+" if value > 0 else "") + format_eur(value)


def comparison_rows(rows: list[BudgetComparisonRow], side: Side) -> list[list[str]]:
    mine = [r for r in rows if ACCOUNTS_BY_CODE[r.account].side is side]
    if not mine:
        return []
    lines = [[r.account, r.label, format_eur(r.requested),
              format_eur(r.adjusted) if r.adjusted is not None else "—",
              _difference(r.difference)] for r in mine]
    adjusted = None if mine[0].adjusted is None else total(r.adjusted for r in mine)
    requested = total(r.requested for r in mine)
    lines.append(["", "Total", format_eur(requested),
                  format_eur(adjusted) if adjusted is not None else "—",
                  _difference(None if adjusted is None else adjusted - requested)])
    return lines


class BudgetComparisonDialog(QDialog):
    def __init__(self, reference: str, rows: list[BudgetComparisonRow], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Comparer les budgets — {reference}")
        self.setObjectName("comparaison_budgets")
        content = QWidget()
        layout = QVBoxLayout(content)
        adjusted = any(r.adjusted is not None for r in rows)
        layout.addWidget(text_label(
            "Budget tel que demandé et tel qu'ajusté après instruction (versions enregistrées)."
            if adjusted else "Pas encore de budget ajusté : seul le budget demandé existe.",
            style=MUTED_STYLE, name="explication_comparaison"))
        for side, title in _PARTS:
            lines = comparison_rows(rows, side)
            if lines:
                layout.addWidget(section_title(title))
                layout.addWidget(table(HEADERS, lines, right=(2, 3, 4), bold_last=True,
                                       stretch=1, name=f"comparaison_{side.value}"))
        layout.addStretch(1)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(content)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(area, 1)
        outer.addWidget(buttons)
        self.resize(900, 700)
