"""The dossier editor's form (CERFA 12156): plain editable data, and the rules as you type.

:class:`DossierForm` is what the editor fills; :mod:`.dossier_loading` fills it
from the base, :mod:`.dossier_validation` checks it, :mod:`.dossier_editing`
saves it. The alerts and the checklist follow what is typed, never blocking.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..domain.alerts import Alert, ContractRules, DossierFacts, Request, alerts
from ..domain.budget import Budget, BudgetLine
from ..domain.channels import Channel, FundingNature
from ..domain.checklist import Checklist, checklist
from ..domain.lifecycle import Status
from .attachments import AttachmentInfo, CheckedFile

REQUESTED, ADJUSTED = "requested", "adjusted"
BUDGET_KIND_LABELS = {REQUESTED: "tel que demandé", ADJUSTED: "tel qu'ajusté après instruction"}

# --- the form ------------------------------------------------------------------------------


@dataclass
class CarrierForm:
    id: int | None = None  # a carrier of the register, or None to create one
    name: str = ""
    legal_form: str = "Association loi 1901"
    siret: str = ""
    rna: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    representative: str = ""
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    qpv_only: bool = False


@dataclass
class BudgetLineForm:
    account: str
    amount: Decimal
    funder_code: str | None = None  # on 74 lines
    label: str = ""


@dataclass
class FundingRequestForm:
    funder_code: str
    year: int
    requested: Decimal
    nature: FundingNature | None = None  # None: the funder's usual nature


@dataclass
class IndicatorForm:
    label: str
    target: Decimal | None = None
    unit: str = ""
    id: int | None = None  # keeps the achieved value of a stored indicator


@dataclass(frozen=True)
class PendingAttachment:
    """A checked file to attach when the form is saved."""

    kind: str
    file: CheckedFile


@dataclass(frozen=True)
class FunderChoice:
    code: str
    name: str
    public: bool
    nature: FundingNature
    subsidy: bool  # has a 74 line in the CERFA budget (not the carrier's own money)


@dataclass(frozen=True)
class CallChoice:
    id: int
    title: str
    channel: Channel
    year: int


@dataclass(frozen=True)
class Choices:
    """What the editor offers in its lists, and the contract's rules."""

    contract_id: int
    contract_name: str
    years: tuple[int, ...]
    pillars: tuple[tuple[str, str], ...]  # (code, name)
    flags: tuple[tuple[str, str], ...]
    funders: tuple[FunderChoice, ...]
    calls: tuple[CallChoice, ...]
    rules: ContractRules

    def funder(self, code: str) -> FunderChoice | None:
        return next((f for f in self.funders if f.code == code), None)


@dataclass
class DossierForm:
    choices: Choices
    year: int
    channel: Channel
    id: int | None = None
    reference: str = ""
    status: Status = Status.DRAFT
    duration_years: int = 1
    carrier: CarrierForm = field(default_factory=CarrierForm)
    title: str = ""
    summary: str = ""
    objectives: str = ""
    content: str = ""
    expected_results: str = ""
    pillar_code: str = ""
    flag_codes: list[str] = field(default_factory=list)
    call_id: int | None = None
    is_renewal: bool = False
    previous_reference: str = ""
    places: str = ""
    start_date: date | None = None
    end_date: date | None = None
    submitted_on: date | None = None
    target_public: str = ""
    beneficiaries: int | None = None
    qpv_share: Decimal | None = None  # a ratio: 0.85 for 85 %
    women: int | None = None
    men: int | None = None
    is_flagship: bool = False
    indicators: list[IndicatorForm] = field(default_factory=list)
    budget: list[BudgetLineForm] = field(default_factory=list)
    funding: list[FundingRequestForm] = field(default_factory=list)
    attachments: list[AttachmentInfo] = field(default_factory=list)  # stored
    new_attachments: list[PendingAttachment] = field(default_factory=list)
    removed_attachment_ids: list[int] = field(default_factory=list)
    budget_kind: str = REQUESTED  # the version the budget grid shows

    @property
    def years(self) -> range:
        return range(self.year, self.year + self.duration_years)

    @property
    def kept_attachments(self) -> list[AttachmentInfo]:
        return [a for a in self.attachments if a.id not in self.removed_attachment_ids]


@dataclass(frozen=True)
class SaveResult:
    application_id: int
    reference: str
    created: bool
    budget_kind: str
    notes: tuple[str, ...] = ()


# --- rules as you type -----------------------------------------------------------------------


def form_budget(form: DossierForm) -> Budget:
    """The budget typed so far; lines that cannot exist are left to the save-time checks."""
    lines = []
    for line in form.budget:
        try:
            lines.append(BudgetLine(line.account, line.amount, line.funder_code, line.label))
        except (ValueError, TypeError):
            continue
    return Budget.of(lines)


def _facts(form: DossierForm) -> DossierFacts:
    budget = form_budget(form)
    requests = tuple(
        Request(r.funder_code, f.name, f.public, r.year, r.requested)
        for r in form.funding if (f := form.choices.funder(r.funder_code)) and r.requested >= 0
    )
    pieces = [(a.kind, a.filename) for a in form.kept_attachments]
    pieces += [(p.kind, p.file.filename) for p in form.new_attachments]
    return DossierFacts(
        form.channel, form.year, form.duration_years, budget.total_charges, budget, requests,
        form.carrier.siret or None, form.carrier.rna or None, form.start_date, form.end_date,
        form.beneficiaries, form.qpv_share, form.women, form.men, tuple(pieces),
        {f.code: f.name for f in form.choices.funders},
    )


def form_alerts(form: DossierForm) -> list[Alert]:
    """The rules the dossier breaks as typed so far (never blocking)."""
    return alerts(_facts(form), form.choices.rules)


def form_checklist(form: DossierForm) -> Checklist:
    return checklist(form.channel, _facts(form).attachments)
