"""The carrier (porteur), the dossier (demande de subvention) and what hangs on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from .budget import Budget, BudgetLine
from .channels import Channel
from .contract import CrossCuttingFlag, Pillar
from .funding import FundingLine
from .identifiers import carrier_identity_error, normalize_rna, normalize_siret
from .lifecycle import Status, StatusChange, check_transition
from .money import ZERO, money, total
from .text import search_key


@dataclass(eq=False)
class Carrier:
    name: str
    legal_form: str = "Association loi 1901"
    siret: str | None = None
    rna: str | None = None
    address: str = ""
    postcode: str = ""
    city: str = ""
    representative: str = ""
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    qpv_only: bool = False
    search_text: str = ""
    id: int | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.siret = normalize_siret(self.siret) or None if self.siret else None
        self.rna = normalize_rna(self.rna) or None if self.rna else None
        self.search_text = search_key(self.name, self.siret or "", self.rna or "", self.city)

    def identity_error(self) -> str | None:
        return carrier_identity_error(self.siret, self.rna)


@dataclass(eq=False)
class Indicator:
    label: str
    target: Decimal | None = None
    achieved: Decimal | None = None
    unit: str = ""
    id: int | None = field(default=None, init=False)


@dataclass(eq=False)
class Attachment:
    kind: str
    filename: str
    media_type: str
    content: bytes
    sha256: str
    added_at: datetime
    id: int | None = field(default=None, init=False)

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass(eq=False)
class BudgetEntry:
    """A stored budget line; ``funder`` is set on 74 lines."""

    account: str
    amount: Decimal
    funder: object | None = None
    label: str = ""
    id: int | None = field(default=None, init=False)


@dataclass(eq=False)
class BudgetVersion:
    """A version of the action's budget: as requested, as adjusted after instruction."""

    kind: str  # "requested" | "adjusted"
    created_at: datetime
    entries: list[BudgetEntry] = field(default_factory=list)
    note: str = ""
    id: int | None = field(default=None, init=False)

    def budget(self) -> Budget:
        return Budget.of(
            BudgetLine(e.account, e.amount, getattr(e.funder, "code", None), e.label)
            for e in self.entries
        )


@dataclass(eq=False)
class Application:
    """A dossier: one action for one year (three for a CPO)."""

    reference: str
    year: int
    channel: Channel
    title: str
    carrier: Carrier
    pillar: Pillar
    status: Status = Status.DRAFT
    summary: str = ""
    objectives: str = ""
    content: str = ""
    is_renewal: bool = False
    places: str = ""
    start_date: date | None = None
    end_date: date | None = None
    target_public: str = ""
    beneficiaries: int | None = None
    qpv_share: Decimal | None = None
    women: int | None = None
    men: int | None = None
    expected_results: str = ""
    submitted_on: date | None = None
    duration_years: int = 1
    is_flagship: bool = False
    total_cost: Decimal = ZERO
    late_reason: str = ""
    search_text: str = ""
    previous: Application | None = None
    call: object | None = None
    contract: object | None = None
    flags: list[CrossCuttingFlag] = field(default_factory=list)
    funding_lines: list[FundingLine] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    budget_versions: list[BudgetVersion] = field(default_factory=list)
    history: list[StatusChange] = field(default_factory=list)
    assignees: list = field(default_factory=list)  # list[people.Person]
    id: int | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.total_cost = money(self.total_cost)
        if self.channel is Channel.CPO and self.duration_years == 1:
            self.duration_years = 3
        self.refresh_search_text()

    def refresh_search_text(self) -> None:
        self.search_text = search_key(self.reference, self.title, self.carrier.name)

    @property
    def years(self) -> range:
        return range(self.year, self.year + self.duration_years)

    def change_status(self, target: Status, actor: str, reason: str, at: datetime) -> StatusChange:
        """Move along the lifecycle, or raise TransitionRefused; the change is recorded."""
        check_transition(self.status, target, self.channel)
        change = StatusChange(self.status, target, at, actor, reason)
        self.history.append(change)
        self.status = target
        return change

    def lines_for(self, year: int) -> list[FundingLine]:
        return [line for line in self.funding_lines if line.year == year]

    def requested_total(self, year: int | None = None) -> Decimal:
        return total(
            line.requested for line in self.funding_lines if year is None or line.year == year
        )

    def granted_total(self, year: int | None = None) -> Decimal:
        return total(
            line.granted_or_zero for line in self.funding_lines if year is None or line.year == year
        )

    def current_budget(self) -> BudgetVersion | None:
        return self.budget_versions[-1] if self.budget_versions else None

