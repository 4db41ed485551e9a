"""The dossier list: filtering and sorting in SQL, rows built on demand.

The UI keeps only the ordered ids of the matching dossiers and asks for the
rows it shows, a page at a time, so 50,000 dossiers list and sort instantly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum

from sqlalchemy import Select, exists, func, select

from ..adapters.persistence import tables as t
from ..adapters.persistence.database import Database
from ..domain.channels import Channel
from ..domain.lifecycle import Status
from ..domain.money import ZERO
from ..domain.text import search_key


class Column(IntEnum):
    REFERENCE = 0
    YEAR = 1
    CHANNEL = 2
    CARRIER = 3
    TITLE = 4
    PILLAR = 5
    STATUS = 6
    TOTAL_COST = 7
    REQUESTED = 8
    PROPOSED = 9
    GRANTED = 10
    RENEWAL = 11


HEADERS = {
    Column.REFERENCE: "Référence", Column.YEAR: "Année", Column.CHANNEL: "Modalité",
    Column.CARRIER: "Porteur", Column.TITLE: "Intitulé de l'action", Column.PILLAR: "Pilier",
    Column.STATUS: "Statut", Column.TOTAL_COST: "Coût total", Column.REQUESTED: "Demandé",
    Column.PROPOSED: "Proposé", Column.GRANTED: "Accordé", Column.RENEWAL: "Nouveau / reconduit",
}
MONEY_COLUMNS = frozenset({Column.TOTAL_COST, Column.REQUESTED, Column.PROPOSED, Column.GRANTED})


@dataclass(frozen=True)
class DossierFilter:
    year: int | None = None
    channel: Channel | None = None
    pillar_id: int | None = None
    status: Status | None = None
    funder_id: int | None = None
    text: str = ""


@dataclass(frozen=True)
class DossierRow:
    id: int
    reference: str
    year: int
    channel: Channel
    carrier: str
    title: str
    pillar: str
    status: Status
    total_cost: Decimal
    requested: Decimal
    proposed: Decimal
    granted: Decimal
    is_renewal: bool

    def value(self, column: Column):
        """The raw value of a column (Decimal, int, enum…), for sorting and display."""
        return {
            Column.REFERENCE: self.reference, Column.YEAR: self.year,
            Column.CHANNEL: self.channel, Column.CARRIER: self.carrier, Column.TITLE: self.title,
            Column.PILLAR: self.pillar, Column.STATUS: self.status,
            Column.TOTAL_COST: self.total_cost, Column.REQUESTED: self.requested,
            Column.PROPOSED: self.proposed, Column.GRANTED: self.granted,
            Column.RENEWAL: self.is_renewal,
        }[column]


@dataclass(frozen=True)
class ListTotals:
    """What the status bar says about the filtered list."""

    count: int
    requested: Decimal
    granted: Decimal


@dataclass(frozen=True)
class Choice:
    value: object
    label: str


@dataclass(frozen=True)
class FilterOptions:
    years: list[int]
    channels: list[Choice]
    pillars: list[Choice]
    statuses: list[Choice]
    funders: list[Choice]


def _amounts():
    fl = t.funding_line
    return (
        select(
            fl.c.application_id.label("application_id"),
            func.coalesce(func.sum(fl.c.requested), 0).label("requested"),
            func.coalesce(func.sum(fl.c.proposed), 0).label("proposed"),
            func.coalesce(func.sum(fl.c.granted), 0).label("granted"),
        )
        .group_by(fl.c.application_id)
        .subquery("amounts")
    )


def _apply_filter(query: Select, wanted: DossierFilter) -> Select:
    a = t.application
    if wanted.year is not None:
        query = query.where(a.c.year == wanted.year)
    if wanted.channel is not None:
        query = query.where(a.c.channel == wanted.channel)
    if wanted.pillar_id is not None:
        query = query.where(a.c.pillar_id == wanted.pillar_id)
    if wanted.status is not None:
        query = query.where(a.c.status == wanted.status)
    if wanted.funder_id is not None:
        fl = t.funding_line
        query = query.where(
            exists().where(fl.c.application_id == a.c.id, fl.c.funder_id == wanted.funder_id)
        )
    for word in search_key(wanted.text).split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(a.c.search_text.like(f"%{escaped}%", escape="\\"))
    return query


class DossierListService:
    """Queries behind the dossier list; each call opens and closes its own session."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def ids(self, wanted: DossierFilter, sort: Column = Column.REFERENCE,
            descending: bool = False) -> list[int]:
        a, c, p = t.application, t.carrier, t.pillar
        query = select(a.c.id)
        sort_key = {
            Column.REFERENCE: a.c.reference, Column.YEAR: a.c.year, Column.CHANNEL: a.c.channel,
            Column.TITLE: a.c.title, Column.STATUS: a.c.status, Column.TOTAL_COST: a.c.total_cost,
            Column.RENEWAL: a.c.is_renewal,
        }.get(sort)
        if sort is Column.CARRIER:
            query = query.join(c, c.c.id == a.c.carrier_id)
            sort_key = c.c.search_text
        elif sort is Column.PILLAR:
            query = query.join(p, p.c.id == a.c.pillar_id)
            sort_key = p.c.position
        elif sort in (Column.REQUESTED, Column.PROPOSED, Column.GRANTED):
            amounts = _amounts()
            query = query.outerjoin(amounts, amounts.c.application_id == a.c.id)
            sort_key = func.coalesce(amounts.c[sort.name.lower()], 0)
        query = _apply_filter(query, wanted)
        order = sort_key.desc() if descending else sort_key.asc()
        tie = a.c.id.desc() if descending else a.c.id.asc()
        with self._db.engine.connect() as connection:
            return list(connection.execute(query.order_by(order, tie)).scalars())

    def rows(self, ids: Sequence[int]) -> dict[int, DossierRow]:
        """The rows of the given dossiers, keyed by id (at most a page at a time)."""
        if not ids:
            return {}
        a, c, p, fl = t.application, t.carrier, t.pillar, t.funding_line
        amounts = (
            select(
                fl.c.application_id,
                func.sum(fl.c.requested), func.sum(fl.c.proposed), func.sum(fl.c.granted),
            )
            .where(fl.c.application_id.in_(ids))
            .group_by(fl.c.application_id)
        )
        query = (
            select(a.c.id, a.c.reference, a.c.year, a.c.channel, c.c.name, a.c.title, p.c.name,
                   a.c.status, a.c.total_cost, a.c.is_renewal)
            .join(c, c.c.id == a.c.carrier_id)
            .join(p, p.c.id == a.c.pillar_id)
            .where(a.c.id.in_(ids))
        )
        with self._db.engine.connect() as connection:
            # func.sum over a Cents column keeps its type: the sums come back as Decimal euros.
            sums = {
                row[0]: tuple(v if v is not None else ZERO for v in row[1:])
                for row in connection.execute(amounts)
            }
            result = {}
            for row in connection.execute(query):
                requested, proposed, granted = sums.get(row[0], (ZERO, ZERO, ZERO))
                result[row[0]] = DossierRow(
                    row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8],
                    requested, proposed, granted, row[9],
                )
        return result

    def totals(self, wanted: DossierFilter) -> ListTotals:
        """Number of matching dossiers and the sums of their requested and granted amounts."""
        a, fl = t.application, t.funding_line
        matching = _apply_filter(select(a.c.id), wanted)
        count = select(func.count()).select_from(matching.subquery())
        sums = select(
            func.coalesce(func.sum(fl.c.requested), 0), func.coalesce(func.sum(fl.c.granted), 0)
        ).where(fl.c.application_id.in_(matching))
        with self._db.engine.connect() as connection:  # SUM keeps the Cents type: Decimal back
            number = connection.execute(count).scalar_one()
            requested, granted = connection.execute(sums).one()
        return ListTotals(number, requested, granted)

    def options(self) -> FilterOptions:
        a, p, f = t.application, t.pillar, t.funder
        with self._db.engine.connect() as connection:
            years = list(connection.execute(select(a.c.year).distinct().order_by(a.c.year.desc()))
                         .scalars())
            pillars = [Choice(row.id, row.name) for row in connection.execute(
                select(p.c.id, p.c.name).where(
                    exists().where(a.c.pillar_id == p.c.id)).order_by(p.c.position, p.c.id))]
            funders = [Choice(row.id, row.name) for row in connection.execute(
                select(f.c.id, f.c.name).order_by(f.c.position, f.c.id))]
        return FilterOptions(
            years=years,
            channels=[Choice(ch, ch.label) for ch in Channel],
            pillars=pillars,
            statuses=[Choice(s, s.label) for s in Status],
            funders=funders,
        )
