"""The « Indicateurs », « Budget » and « Financements » tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.budget import Side
from ...services.dossier_editing import BUDGET_KIND_LABELS, DossierForm
from ..display import format_eur
from ..widgets import ERROR_STYLE, MUTED_STYLE, OK_STYLE, section_title, text_label
from .budget_grid import BudgetGridModel, BudgetState
from .funding_table import FundingModel
from .indicators_table import IndicatorModel
from .parts import AlertBox, hint
from .table_base import editable_view
from .undo import Binder

SIDES = ((Side.CHARGE, "Charges", "charges"), (Side.PRODUCT, "Produits", "produits"),
         (Side.IN_KIND_USE, "Emplois des contributions volontaires en nature (86)",
          "emplois_nature"),
         (Side.IN_KIND_RESOURCE, "Contributions volontaires en nature (87)", "ressources_nature"))


class IndicatorsPage(QWidget):
    def __init__(self, form: DossierForm, binder: Binder, parent=None) -> None:
        super().__init__(parent)
        self.model = IndicatorModel(form, binder, self)
        self.view = editable_view(self.model, binder, "indicateurs", stretch=0)
        add = QPushButton("Ajouter un indicateur")
        add.setObjectName("ajouter_indicateur")
        remove = QPushButton("Retirer l'indicateur")
        add.clicked.connect(self.add)
        remove.clicked.connect(lambda: self.model.remove_row(self.view.currentIndex().row()))
        self.message = text_label("", style=ERROR_STYLE, name="message_indicateurs")
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(hint("Les résultats attendus et les indicateurs d'évaluation, avec "
                              "leur cible (double-cliquez une cellule pour la modifier)."))
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        binder.changed.connect(lambda: self.message.setText(self.model.refused_message))

    def add(self) -> None:
        row = self.model.add_row()
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.edit(index)


class BudgetPage(QWidget):
    """Charges on the left, produits on the right, contributions en nature below."""

    def __init__(self, form: DossierForm, binder: Binder, alerts: AlertBox, parent=None) -> None:
        super().__init__(parent)
        self.state = BudgetState(form, binder, self)
        funders = [(f.code, f.name) for f in form.choices.funders if f.subsidy]
        self.models = {side: BudgetGridModel(self.state, side, funders, self)
                       for side, _, _ in SIDES}
        self.views = {side: editable_view(self.models[side], binder, f"budget_{name}")
                      for side, _, name in SIDES}
        self.version = text_label("", style=MUTED_STYLE, name="version_budget")
        self.balance = text_label("", name="equilibre_budget")
        self.message = text_label("", style=ERROR_STYLE, name="message_budget")
        self.compare_button = QPushButton("Comparer les budgets…")
        self.compare_button.setObjectName("comparer_budgets")
        grid = QGridLayout()
        for column, (side, title, _) in enumerate(SIDES[:2]):
            grid.addWidget(section_title(title), 0, column)
            grid.addWidget(self.views[side], 1, column)
        for column, (side, title, _) in enumerate(SIDES[2:]):
            grid.addWidget(section_title(title), 2, column)
            view = self.views[side]
            view.setFixedHeight(view.horizontalHeader().sizeHint().height()
                                + 24 * self.models[side].rowCount() + 4)
            grid.addWidget(view, 3, column, Qt.AlignmentFlag.AlignTop)
        grid.setRowStretch(1, 1)
        top = QHBoxLayout()
        top.addWidget(self.version, 1)
        top.addWidget(self.compare_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.balance, 1)
        bottom.addWidget(alerts, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(top)
        layout.addLayout(grid, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.state.changed.connect(self.show_totals)
        self.state.refused.connect(self.message.setText)
        self.show_version(form)
        self.show_totals()

    def load(self, form: DossierForm) -> None:
        self.state.load(form)
        self.show_version(form)

    def show_version(self, form: DossierForm) -> None:
        kind = BUDGET_KIND_LABELS.get(form.budget_kind, form.budget_kind)
        text = f"Budget prévisionnel de l'action, {kind}. Montants en euros (1 234,50)."
        if form.status.value not in ("draft", "submitted", "awaiting_info", "admissible",
                                     "inadmissible") and form.budget_kind == "requested":
            text += (" Le dossier est en instruction : l'enregistrement créera la version "
                     "ajustée, la version demandée est conservée.")
        self.version.setText(text)
        self.compare_button.setEnabled(form.id is not None)

    def show_totals(self) -> None:
        charges = self.state.side_total(Side.CHARGE)
        products = self.state.side_total(Side.PRODUCT)
        text = f"Total des charges {format_eur(charges)} · total des produits " \
               f"{format_eur(products)}"
        balanced = charges == products and self.state.side_total(Side.IN_KIND_USE) == \
            self.state.side_total(Side.IN_KIND_RESOURCE)
        if not self.state.amounts:
            self.balance.setText(f"{text} — budget à remplir")
            self.balance.setStyleSheet(MUTED_STYLE)
        else:
            self.balance.setText(f"{text} — "
                                 f"{'budget équilibré ✓' if balanced else 'déséquilibré'}")
            self.balance.setStyleSheet(OK_STYLE if balanced else ERROR_STYLE)
        self.message.setText("")


class FundingPage(QWidget):
    """The amount asked from each funder (per year for a CPO)."""

    def __init__(self, form: DossierForm, binder: Binder, alerts: AlertBox,
                 budget: BudgetState, parent=None) -> None:
        super().__init__(parent)
        self.budget = budget
        self.model = FundingModel(form, binder, self)
        self.view = editable_view(self.model, binder, "financements", stretch=0)
        take = QPushButton("Reprendre les lignes 74 du budget")
        take.setObjectName("reprendre_budget")
        take.clicked.connect(self.take_from_budget)
        self.message = text_label("", style=ERROR_STYLE, name="message_financements")
        left = QVBoxLayout()
        left.addWidget(hint("Une ligne par financeur : le montant demandé, et sa nature (crédits "
                            "spécifiques ou droit commun). Une CPO demande le même montant "
                            "chacune de ses trois années."))
        row = QHBoxLayout()
        row.addWidget(take)
        row.addStretch(1)
        left.addLayout(row)
        left.addWidget(self.view, 1)
        left.addWidget(self.message)
        right = QVBoxLayout()
        right.addWidget(alerts)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(left, 7)
        layout.addLayout(right, 3)
        binder.changed.connect(lambda: self.message.setText(self.model.refused_message))

    def take_from_budget(self) -> None:
        self.model.take_from_budget({code: amount for (account, code), amount
                                     in self.budget.amounts.items()
                                     if account == "74" and code})
