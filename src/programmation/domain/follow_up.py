"""After the decision: convention, payments, bilans."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .channels import PaymentKind
from .money import money


@dataclass(eq=False)
class Agreement:
    """A convention (CPO: convention pluriannuelle d'objectifs)."""

    application: object
    reference: str
    signed_on: date | None = None
    first_year: int = 0
    last_year: int = 0
    social_impact_measure: str = ""
    id: int | None = field(default=None, init=False)


@dataclass(eq=False)
class Payment:
    """A versement on one funding line."""

    funding_line: object
    kind: PaymentKind
    amount: Decimal
    paid_on: date
    id: int | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.amount = money(self.amount)
        if self.amount <= 0:
            raise ValueError("un versement doit être positif")


@dataclass(eq=False)
class Report:
    """A bilan / compte-rendu financier (CERFA 15059) for one year of a dossier."""

    application: object
    year: int
    received_on: date | None = None
    action_took_place: bool = True
    actual_cost: Decimal | None = None
    beneficiaries: int | None = None
    comment: str = ""
    id: int | None = field(default=None, init=False)
