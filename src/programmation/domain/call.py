"""An appel (AAP or AMI): a campaign with dates, envelope and targeted pillars."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .channels import Channel
from .contract import Pillar


@dataclass(eq=False)
class Call:
    channel: Channel
    year: int
    title: str
    opening_date: date | None = None
    deadline: date | None = None
    committee_date: date | None = None
    pluriannual: bool = False
    need_description: str = ""  # AMI: the need published
    budget_ceiling: Decimal | None = None  # AMI: ceiling of the need
    selection_criteria: str = ""
    closed: bool = False
    pillars: list[Pillar] = field(default_factory=list)
    id: int | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.channel not in (Channel.AAP, Channel.AMI):
            raise ValueError("un appel est un AAP ou un AMI")
        if self.opening_date and self.deadline and self.deadline < self.opening_date:
            raise ValueError("la date limite de dépôt précède l'ouverture de l'appel")

    def is_late(self, submitted_on: date) -> bool:
        return self.deadline is not None and submitted_on > self.deadline
