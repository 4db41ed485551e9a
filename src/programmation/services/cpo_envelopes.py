"""What CPOs take from the envelopes, year by year, and the floor the contract sets for them.

Per funder and year: the whole envelope and its CPO part, what decided CPOs
have committed and what undecided ones ask; and the CPO floor (money or number
of conventions, as the contract says) for the State's specific credits, the
EPCI and the town.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..adapters.persistence.database import Database
from ..domain.ami import OPEN_STATUSES
from ..domain.channels import Channel, CpoRuleBasis, FunderKind
from ..domain.cpo import FloorCheck, floor_check
from ..domain.dossier import Application
from ..domain.funding import Envelope, FundingLine
from ..domain.lifecycle import Status
from ..domain.money import ZERO, money
from .instruction import current_contract


@dataclass(frozen=True)
class EnvelopeYear:
    funder: str
    year: int
    envelope: Decimal  # every channel
    cpo_envelope: Decimal
    committed: Decimal  # granted on decided CPOs
    pending: Decimal  # asked by CPOs not yet decided

    @property
    def cpo_left(self) -> Decimal:
        return self.cpo_envelope - self.committed - self.pending


@dataclass(frozen=True)
class FloorView:
    funder: str
    year: int
    required: bool  # the State's specific credits; the EPCI's and town's are wished for
    check: FloorCheck


@dataclass(frozen=True)
class MultiYearEnvelopes:
    basis: str
    floor: Decimal
    rows: tuple[EnvelopeYear, ...]
    floors: tuple[FloorView, ...]


_FLOOR_KINDS = {FunderKind.STATE_SPECIFIC: True, FunderKind.EPCI: False, FunderKind.TOWN: False}


def _cpo_sums(session: Session, contract) -> tuple[dict, dict, dict]:
    """(funder, year) → committed money, pending money, number of decided conventions."""
    committed: dict = {}
    pending: dict = {}
    conventions: dict = {}
    for application in session.scalars(select(Application).where(
            Application.contract_id == contract.id,  # type: ignore[attr-defined]
            Application.channel == Channel.CPO).options(  # type: ignore[attr-defined]
            selectinload(Application.history),  # type: ignore[arg-type]
            selectinload(Application.funding_lines))):  # type: ignore[arg-type]
        decided = any(h.to_status is Status.GRANTED for h in application.history)
        open_ = application.status in OPEN_STATUSES
        for line in application.funding_lines:
            key = (line.funder, line.year)
            if decided and line.granted:
                committed[key] = committed.get(key, ZERO) + line.granted
                conventions[key] = conventions.get(key, 0) + 1
            elif open_ and not decided:
                pending[key] = pending.get(key, ZERO) + line.requested
    return committed, pending, conventions


def _funded_dossiers(session: Session, contract, funder, year: int) -> int:
    return len(set(session.scalars(select(FundingLine.application_id).join(Application).where(  # type: ignore[attr-defined]
        Application.contract_id == contract.id, FundingLine.funder_id == funder.id,  # type: ignore[attr-defined]
        FundingLine.year == year, FundingLine.granted > 0))))  # type: ignore[attr-defined,operator]


def multi_year_envelopes(database: Database) -> MultiYearEnvelopes:
    """Per funder and year: the envelopes, what CPOs already take, and the CPO floor."""
    with database.unit_of_work() as uow:
        session = uow.session
        contract = current_contract(session)
        envelopes = session.scalars(select(Envelope).where(Envelope.funder_id.in_(  # type: ignore[attr-defined]
            [f.id for f in contract.funders]))).all()
        whole: dict = {}
        cpo: dict = {}
        for e in envelopes:
            whole[(e.funder, e.year)] = whole.get((e.funder, e.year), ZERO) + e.amount
            if e.channel is Channel.CPO:
                cpo[(e.funder, e.year)] = cpo.get((e.funder, e.year), ZERO) + e.amount
        committed, pending, conventions = _cpo_sums(session, contract)
        keys = sorted(set(whole) | set(committed) | set(pending),
                      key=lambda k: (k[0].position, k[1]))
        rows = tuple(EnvelopeYear(f.name, y, whole.get((f, y), ZERO), cpo.get((f, y), ZERO),
                                  money(committed.get((f, y), ZERO)),
                                  money(pending.get((f, y), ZERO))) for f, y in keys)
        floors = []
        for funder, year in keys:
            if funder.kind not in _FLOOR_KINDS or (funder, year) not in whole:
                continue
            if contract.cpo_rule_basis is CpoRuleBasis.MONEY:
                parts = committed.get((funder, year), ZERO), whole[(funder, year)]
            else:
                parts = (Decimal(conventions.get((funder, year), 0)),
                         Decimal(_funded_dossiers(session, contract, funder, year)))
            floors.append(FloorView(funder.name, year, _FLOOR_KINDS[funder.kind],
                                    floor_check(contract.cpo_rule_basis, contract.cpo_floor,
                                                *parts)))
        return MultiYearEnvelopes(contract.cpo_rule_basis.label, contract.cpo_floor, rows,
                                  tuple(floors))
