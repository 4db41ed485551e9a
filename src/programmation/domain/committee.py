"""The comité de programmation, its members, and the decisions it records."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from .channels import CommitteeStatus, DecisionOutcome, Opinion


@dataclass(eq=False)
class CommitteeMember:
    name: str
    organisation: str
    voting: bool = True
    funder: object | None = None
    declared_interests: str = ""  # SIRET / RNA of carriers, one per line
    id: int | None = field(default=None, init=False)


@dataclass(eq=False)
class Committee:
    title: str
    meeting_date: date
    status: CommitteeStatus = CommitteeStatus.PLANNED
    contract: object | None = None
    members: list[CommitteeMember] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    id: int | None = field(default=None, init=False)

    @property
    def is_closed(self) -> bool:
        return self.status is CommitteeStatus.CLOSED


@dataclass(eq=False)
class Decision:
    """The committee's collective avis on one dossier; per-funder amounts sit on the lines."""

    application: object
    outcome: DecisionOutcome
    opinion: Opinion | None = None
    reason: str = ""
    decided_at: datetime | None = None
    amends: Decision | None = None
    id: int | None = field(default=None, init=False)
