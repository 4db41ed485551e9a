"""Instruction acts: an instructor's avis, a request for more documents, AMI/CPO extras."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from .channels import Opinion
from .money import money


@dataclass(eq=False)
class Review:
    """An instructor's avis on a dossier, with reasons."""

    application: object
    person: object
    opinion: Opinion
    reason: str = ""
    at: datetime | None = None
    id: int | None = field(default=None, init=False)


@dataclass(eq=False)
class InfoRequest:
    """A demande de compléments: the instruction pauses until the carrier answers."""

    application: object
    items: str
    requested_by: str
    requested_at: datetime
    answered_at: datetime | None = None
    id: int | None = field(default=None, init=False)


@dataclass(eq=False)
class Revision:
    """A snapshot of a dossier's content (JSON), e.g. the original AMI answer before amendment."""

    application: object
    created_at: datetime
    actor: str
    note: str
    snapshot: str
    id: int | None = field(default=None, init=False)


@dataclass(eq=False)
class ReserveAgreement:
    """One funder's agreement in a RESERVE co-instruction (who, when, how much)."""

    application: object
    funder: object
    agreed: bool
    amount: Decimal
    agreed_by: str
    agreed_at: datetime
    comment: str = ""
    id: int | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.amount = money(self.amount)


@dataclass(eq=False)
class AgreementAmendment:
    """An avenant to a convention."""

    agreement: object
    signed_on: date
    description: str
    id: int | None = field(default=None, init=False)


@dataclass(eq=False)
class ImportMapping:
    """A saved column mapping for spreadsheet imports (JSON: source column → field)."""

    name: str
    columns: str
    created_at: datetime
    id: int | None = field(default=None, init=False)
