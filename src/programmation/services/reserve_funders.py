"""Which funders hold a RESERVE envelope, per year: the basis of the per-project ceiling."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..adapters.persistence import tables as t
from ..domain.channels import Channel
from ..domain.contract import Contract


def reserve_funders(session: Session, contract: Contract) -> frozenset[tuple[int, str]]:
    """(year, funder code) of every RESERVE envelope of the contract."""
    rows = session.execute(
        select(t.envelope.c.year, t.funder.c.code)
        .join(t.funder, t.funder.c.id == t.envelope.c.funder_id)
        .where(t.envelope.c.channel == Channel.RESERVE, t.funder.c.contract_id == contract.id)
    )
    return frozenset((year, code) for year, code in rows)


def reserve_funders_in(session: Session, contract: Contract, year: int) -> frozenset[str]:
    return frozenset(code for y, code in reserve_funders(session, contract) if y == year)
