"""Funders, their envelopes, and the funding line — one per funder and year of a dossier."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .channels import Channel, FunderKind, FundingLineStatus, FundingNature, Opinion
from .money import ZERO, money


@dataclass(eq=False)
class Funder:
    code: str
    name: str
    kind: FunderKind
    default_nature: FundingNature = FundingNature.COMMON_LAW
    voting_member: bool = False
    position: int = 0
    siret: str | None = None
    id: int | None = field(default=None, init=False)

    @property
    def is_public(self) -> bool:
        return self.kind.is_public


@dataclass(eq=False)
class Envelope:
    """Money a funder puts on a channel for a year, optionally on one pillar."""

    funder: Funder
    year: int
    channel: Channel
    amount: Decimal
    pillar: object | None = None  # a Pillar, when the envelope is earmarked
    id: int | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.amount = money(self.amount)
        if self.amount < 0:
            raise ValueError("une enveloppe ne peut pas être négative")


@dataclass(eq=False)
class FundingLine:
    """What one funder is asked for, proposes and grants for one year of a dossier."""

    funder: Funder
    year: int
    requested: Decimal
    nature: FundingNature = FundingNature.COMMON_LAW
    proposed: Decimal | None = None
    granted: Decimal | None = None
    status: FundingLineStatus = FundingLineStatus.TRANSMITTED
    opinion: Opinion | None = None
    opinion_reason: str = ""
    decision_date: date | None = None
    decision_reference: str = ""
    proposed_by: str = ""
    id: int | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.requested = money(self.requested)
        if self.requested < 0:
            raise ValueError(f"{self.funder.name} : montant demandé négatif")
        if self.proposed is not None:
            self.proposed = money(self.proposed)
        if self.granted is not None:
            self.granted = money(self.granted)

    @property
    def granted_or_zero(self) -> Decimal:
        return self.granted if self.granted is not None else ZERO

    def alerts(self) -> list[str]:
        """Rules a reader should see about this line, in words."""
        alerts = []
        if self.proposed is not None and self.proposed > self.requested:
            alerts.append(f"{self.funder.name} : montant proposé supérieur à la demande")
        if self.granted is not None and self.granted > self.requested:
            alerts.append(f"{self.funder.name} : montant accordé supérieur à la demande")
        return alerts


def public_share(lines: list[FundingLine], total_cost: Decimal) -> Decimal | None:
    """Share of the action's total cost asked from public funders."""
    if not total_cost:
        return None
    public = sum((line.requested for line in lines if line.funder.is_public), ZERO)
    return public / total_cost
