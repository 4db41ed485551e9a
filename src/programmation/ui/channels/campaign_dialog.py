"""« Nouvelle campagne » : dates, targeted pillars and envelope per funder of an AAP campaign."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from ...adapters.persistence.database import Database
from ...domain.campaign import TEMPLATES, CampaignPlan
from ...services.campaigns import (
    CampaignChoices,
    CreateCampaign,
    create_campaign,
    plan_from_template,
)
from ..editor.inputs import InputError, date_text, parse_date
from .common import ActionDialog, AmountsTable

BLANK = "Vierge"


def _field(caption: str, parse, text: str):
    try:
        return parse(text)
    except InputError as exc:
        raise InputError(f"{caption} : {exc}") from None


class CampaignDialog(ActionDialog):
    """Filled from a plan (last year's or a template's); « Créer » writes the campaign."""

    def __init__(self, database: Database, choices: CampaignChoices, plan: CampaignPlan,
                 source: str, actor: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__("Nouvelle campagne d'appel à projets", parent, "Créer la campagne")
        self.database, self.choices, self._actor = database, choices, actor
        self.model_choice = QComboBox()
        self.model_choice.addItems(list(dict.fromkeys([source, *(t.name for t in TEMPLATES),
                                                       BLANK])))
        self.year = QSpinBox()
        self.year.setRange(min(choices.years), max(choices.years))
        self.title_edit = QLineEdit()
        self.pluriannual = QCheckBox("Campagne pluriannuelle")
        self.opening, self.deadline, self.committee = QLineEdit(), QLineEdit(), QLineEdit()
        for edit in (self.opening, self.deadline, self.committee):
            edit.setPlaceholderText("jj/mm/aaaa")
        self.pillars = QListWidget()
        self.pillars.setObjectName("piliers")
        for choice in choices.pillars:
            item = QListWidgetItem(choice.name)
            item.setData(Qt.ItemDataRole.UserRole, choice.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.pillars.addItem(item)
        self.pillars.setMaximumHeight(150)
        self.envelopes = AmountsTable([(f.code, f.name) for f in choices.funders],
                                      ["Enveloppe (€)"], "enveloppes")
        for caption, widget in (("Modèle", self.model_choice), ("Année programmée", self.year),
                                ("Intitulé", self.title_edit), ("", self.pluriannual),
                                ("Ouverture", self.opening),
                                ("Date limite de dépôt", self.deadline),
                                ("Comité de programmation", self.committee),
                                ("Piliers ciblés", self.pillars),
                                ("Enveloppes AAP", self.envelopes)):
            self.form.addRow(f"{caption} :" if caption else "", widget)
        self.fill(plan)
        self.model_choice.currentTextChanged.connect(self._apply_template)
        self.resize(720, 760)

    def fill(self, plan: CampaignPlan) -> None:
        self.year.setValue(plan.year)
        self.title_edit.setText(plan.title)
        self.pluriannual.setChecked(plan.pluriannual)
        self.opening.setText(date_text(plan.opening_date))
        self.deadline.setText(date_text(plan.deadline))
        self.committee.setText(date_text(plan.committee_date))
        for row in range(self.pillars.count()):
            item = self.pillars.item(row)
            wanted = item.data(Qt.ItemDataRole.UserRole) in plan.pillar_codes
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
        amounts = dict(plan.envelopes)
        for row in range(self.envelopes.rowCount()):
            code = self.envelopes.code_at(row)
            self.envelopes.set_amount(code, amounts.get(code))

    def _apply_template(self, name: str) -> None:
        """A template refills the dates; « Vierge » starts from nothing."""
        year = self.year.value()
        if name == BLANK:
            self.fill(CampaignPlan(year, "", False, None, None, None))
        elif name in {t.name for t in TEMPLATES}:
            self.fill(plan_from_template(self.database, name, year))

    def plan(self) -> CampaignPlan:
        envelopes = [(code, amount) for code, _, amount in self.envelopes.amounts()]
        pillars = tuple(self.pillars.item(r).data(Qt.ItemDataRole.UserRole)
                        for r in range(self.pillars.count())
                        if self.pillars.item(r).checkState() == Qt.CheckState.Checked)
        return CampaignPlan(
            self.year.value(), self.title_edit.text(), self.pluriannual.isChecked(),
            _field("Ouverture", parse_date, self.opening.text()),
            _field("Date limite de dépôt", parse_date, self.deadline.text()),
            _field("Comité", parse_date, self.committee.text()), tuple(envelopes), pillars)

    def submit(self) -> str:
        plan = self.plan()
        self.created_id = create_campaign(self.database, CreateCampaign(plan, self._actor()))
        return f"Campagne « {plan.title.strip()} » créée"
