"""What an import needs to know of the database, read in a few queries as plain records.

Nothing here loads ORM objects: an import of 50,000 rows compares against
light tuples and loads full dossiers only for those it really changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import Connection, select

from ...domain.channels import Channel, FundingLineStatus, FundingNature, Opinion
from ...domain.lifecycle import Status
from ..persistence import tables as t
from .values import text_key

_CHUNK = 500


@dataclass(frozen=True)
class FunderInfo:
    id: int
    code: str
    name: str
    default_nature: FundingNature


@dataclass(frozen=True)
class CallInfo:
    id: int
    channel: Channel
    year: int
    title: str


@dataclass
class ContractInfo:
    id: int
    name: str
    start_year: int
    end_year: int
    pillars: dict[str, tuple[int, str]] = field(default_factory=dict)  # key → (id, name)
    pillar_names: dict[int, str] = field(default_factory=dict)
    funders: dict[str, FunderInfo] = field(default_factory=dict)  # key → funder
    calls: list[CallInfo] = field(default_factory=list)

    def pillar(self, text: str) -> tuple[int, str] | None:
        return self.pillars.get(text.strip().casefold()) or self.pillars.get(text_key(text))

    def funder(self, text: str) -> FunderInfo | None:
        return self.funders.get(text.strip().casefold()) or self.funders.get(text_key(text))


@dataclass(frozen=True)
class CarrierInfo:
    id: int
    name: str
    siret: str | None
    rna: str | None


@dataclass(frozen=True)
class DossierInfo:
    id: int
    reference: str
    contract_id: int
    year: int
    channel: Channel
    status: Status
    title: str
    carrier_id: int
    pillar_id: int
    call_id: int | None
    total_cost: Decimal
    submitted_on: date | None
    start_date: date | None
    end_date: date | None
    summary: str


@dataclass(frozen=True)
class LineInfo:
    id: int
    funder_id: int
    year: int
    requested: Decimal
    proposed: Decimal | None
    granted: Decimal | None
    status: FundingLineStatus
    nature: FundingNature
    opinion: Opinion | None
    decision_date: date | None
    decision_reference: str


def _chunks(values: list, size: int = _CHUNK) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def contracts(connection: Connection) -> list[ContractInfo]:
    found = {row.id: ContractInfo(row.id, row.name, row.start_year, row.end_year)
             for row in connection.execute(select(t.contract))}
    for row in connection.execute(select(t.pillar).order_by(t.pillar.c.position.desc())):
        pillars = found[row.contract_id].pillars
        pillars[row.code.casefold()] = pillars[text_key(row.name)] = (row.id, row.name)
        found[row.contract_id].pillar_names[row.id] = row.name
    for row in connection.execute(select(t.funder).order_by(t.funder.c.position.desc())):
        info = FunderInfo(row.id, row.code, row.name, row.default_nature)
        funders = found[row.contract_id].funders
        funders[row.code.casefold()] = funders[text_key(row.name)] = info
    for row in connection.execute(select(t.call).order_by(t.call.c.id)):
        found[row.contract_id].calls.append(CallInfo(row.id, row.channel, row.year, row.title))
    return sorted(found.values(), key=lambda c: (c.start_year, c.id))


def carriers(connection: Connection) -> list[CarrierInfo]:
    c = t.carrier
    return [CarrierInfo(*row) for row in connection.execute(
        select(c.c.id, c.c.name, c.c.siret, c.c.rna).order_by(c.c.id))]


_DOSSIER_COLUMNS = (
    t.application.c.id, t.application.c.reference, t.application.c.contract_id,
    t.application.c.year, t.application.c.channel, t.application.c.status,
    t.application.c.title, t.application.c.carrier_id, t.application.c.pillar_id,
    t.application.c.call_id, t.application.c.total_cost, t.application.c.submitted_on,
    t.application.c.start_date, t.application.c.end_date, t.application.c.summary,
)


def dossiers_by_reference(connection: Connection, references: Iterable[str]
                          ) -> dict[str, DossierInfo]:
    found = {}
    for chunk in _chunks(sorted(set(references))):
        query = select(*_DOSSIER_COLUMNS).where(t.application.c.reference.in_(chunk))
        for row in connection.execute(query):
            found[row.reference] = DossierInfo(*row)
    return found


def dossiers_by_id(connection: Connection, ids: Iterable[int]) -> dict[int, DossierInfo]:
    found = {}
    for chunk in _chunks(sorted(set(ids))):
        for row in connection.execute(select(*_DOSSIER_COLUMNS)
                                      .where(t.application.c.id.in_(chunk))):
            found[row.id] = DossierInfo(*row)
    return found


def dossier_keys(connection: Connection, years: Iterable[int]
                 ) -> dict[tuple[int, str, int], int]:
    """(carrier id, normalised title, year) → dossier id, for the dossiers of those years."""
    a = t.application
    query = select(a.c.id, a.c.carrier_id, a.c.title, a.c.year).where(
        a.c.year.in_(sorted(set(years)))).order_by(a.c.id.desc())
    return {(row.carrier_id, text_key(row.title), row.year): row.id
            for row in connection.execute(query)}


def funding_lines(connection: Connection, application_ids: Iterable[int]
                  ) -> dict[int, list[LineInfo]]:
    fl = t.funding_line
    found: dict[int, list[LineInfo]] = {}
    for chunk in _chunks(sorted(set(application_ids))):
        query = select(fl.c.application_id, fl.c.id, fl.c.funder_id, fl.c.year, fl.c.requested,
                       fl.c.proposed, fl.c.granted, fl.c.status, fl.c.nature, fl.c.opinion,
                       fl.c.decision_date, fl.c.decision_reference
                       ).where(fl.c.application_id.in_(chunk)).order_by(fl.c.id)
        for row in connection.execute(query):
            found.setdefault(row[0], []).append(LineInfo(*row[1:]))
    return found


def references_starting(connection: Connection, prefix: str) -> set[str]:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    query = select(t.application.c.reference).where(
        t.application.c.reference.like(f"{escaped}%", escape="\\"))
    return set(connection.execute(query).scalars())
