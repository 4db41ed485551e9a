"""What CPOs take from the envelopes, year by year, and the floor the contract sets for them.

Per funder and year: the whole envelope and its CPO part, what decided CPOs
have committed and what undecided ones ask; and the CPO floor (money or number
of conventions, as the contract says) for the State's specific credits (all
their codes together, required), the EPCI and the town (each, wished for).

The floor is the programming view's one rule (``programming_money.cpo_share``,
``domain.proposal.CpoFloor.tally``): what CPO dossiers take from those funders
in the year — granted, or proposed while in the pipeline — against what every
dossier takes (or, in conventions, the dossiers funded), never against the
envelope, which is shown beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..adapters.persistence.database import Database
from ..domain.ami import OPEN_STATUSES
from ..domain.channels import Channel, FunderKind
from ..domain.cpo import FloorCheck, floor_check
from ..domain.dossier import Application
from ..domain.funding import Envelope
from ..domain.lifecycle import Status
from ..domain.money import ZERO, money, total
from ..domain.proposal import CpoFloor
from .instruction import current_contract
from .programming import year_applications
from .programming_money import funded_money, state_specific_codes


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
    funder: str  # « État — crédits spécifiques + … » when the State has several codes
    year: int
    required: bool  # the State's specific credits; the EPCI's and town's are wished for
    check: FloorCheck  # CPO value against the whole value of the year (money or dossiers)
    envelope: Decimal = ZERO  # those funders' envelopes of the year, shown beside


@dataclass(frozen=True)
class MultiYearEnvelopes:
    basis: str
    floor: Decimal
    rows: tuple[EnvelopeYear, ...]
    floors: tuple[FloorView, ...]


_WISHED_KINDS = (FunderKind.EPCI, FunderKind.TOWN)


def _cpo_sums(session: Session, contract) -> tuple[dict, dict]:
    """(funder, year) → committed money (decided CPOs), pending money (undecided ones)."""
    committed: dict = {}
    pending: dict = {}
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
            elif open_ and not decided:
                pending[key] = pending.get(key, ZERO) + line.requested
    return committed, pending


def _floor_funders(contract) -> list[tuple[tuple, bool]]:
    """(funders, required) on which the floor is kept: the State's specific credits together,
    then the EPCI and the town each on its own."""
    state = tuple(f for f in contract.funders if f.code in state_specific_codes(contract))
    groups = [(state, True)] if state else []
    return groups + [((f,), False) for f in contract.funders if f.kind in _WISHED_KINDS]


def floor_of_year(contract, year: int, applications: list[Application],
                  codes: tuple[str, ...]) -> FloorCheck:
    """The programming view's CPO floor on ``codes`` for ``year`` (see the module's doc)."""
    rule = CpoFloor(codes, contract.cpo_floor, contract.cpo_rule_basis.value)
    cpo, whole = rule.tally(funded_money(applications, year, codes))
    return floor_check(contract.cpo_rule_basis, contract.cpo_floor, cpo, whole)


def _floors(session: Session, contract, whole: dict) -> tuple[FloorView, ...]:
    """The floor of each group of funders, each year one of them has an envelope."""
    groups = [(funders, required, {f.code for f in funders})
              for funders, required in _floor_funders(contract)]
    years = sorted({year for funder, year in whole
                    if any(funder.code in codes for _, _, codes in groups)})
    applications = {year: year_applications(session, year) for year in years}
    return tuple(
        FloorView(" + ".join(f.name for f in funders), year, required,
                  floor_of_year(contract, year, applications[year],
                                tuple(f.code for f in funders)),
                  total(whole.get((f, year), ZERO) for f in funders))
        for funders, required, _ in groups for year in years
        if any((f, year) in whole for f in funders))


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
        committed, pending = _cpo_sums(session, contract)
        keys = sorted(set(whole) | set(committed) | set(pending),
                      key=lambda k: (k[0].position, k[1]))
        rows = tuple(EnvelopeYear(f.name, y, whole.get((f, y), ZERO), cpo.get((f, y), ZERO),
                                  money(committed.get((f, y), ZERO)),
                                  money(pending.get((f, y), ZERO))) for f, y in keys)
        return MultiYearEnvelopes(contract.cpo_rule_basis.label, contract.cpo_floor, rows,
                                  _floors(session, contract, whole))
