"""La programmation d'une année, par pilier et par enveloppe — and the proposed amounts.

What each figure means:

- a dossier's **score** is the mean of its instructors' totals on 100;
- a funding line **consumes** its envelope as ``programming_money.consumption``
  says (granted once decided, else proposed while in the pipeline);
- a line draws on the envelope of its funder, its dossier's channel and the
  line's year — the envelope earmarked for the dossier's pillar if there is one;
  a funder with no envelope at all that year is outside the programming;
- the **CPO share** of the State's specific credits is ``programming_money``'s.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from ..adapters.persistence import tables as t
from ..adapters.persistence.database import Database
from ..domain.channels import Channel
from ..domain.contract import Contract
from ..domain.dossier import Application
from ..domain.funding import Envelope
from ..domain.lifecycle import Status
from ..domain.money import ZERO, format_eur, format_percent, money, total
from .instruction import current_contract
from .programming_money import CpoShare, consumption, cpo_share, state_specific_codes
from .scoring import ProgrammingLine, line_views, mean_scores

OUT_OF_RUNNING = frozenset({Status.DRAFT, Status.INADMISSIBLE, Status.WITHDRAWN,
                            Status.REFUSED})


@dataclass(frozen=True)
class RankedDossier:
    id: int
    reference: str
    title: str
    carrier: str
    channel: Channel
    status: Status
    rank: int
    score: Decimal | None
    scorers: int
    requested: Decimal
    proposed: Decimal
    granted: Decimal
    total_cost: Decimal
    beneficiaries: int | None
    cost_per_beneficiary: Decimal | None
    lines: tuple[ProgrammingLine, ...]

    def line_for(self, funder_code: str) -> ProgrammingLine | None:
        return next((line for line in self.lines if line.funder_code == funder_code), None)


@dataclass(frozen=True)
class PillarRanking:
    code: str
    name: str
    dossiers: tuple[RankedDossier, ...]

    @property
    def proposed(self) -> Decimal:
        return total(d.proposed + d.granted for d in self.dossiers)


@dataclass(frozen=True)
class EnvelopeRow:
    funder_code: str
    funder_name: str
    channel: Channel
    pillar: str  # "" unless the envelope is earmarked
    amount: Decimal
    proposed: Decimal
    granted: Decimal

    @property
    def left(self) -> Decimal:
        return self.amount - self.proposed - self.granted


@dataclass(frozen=True)
class ReserveBalance:
    envelope: Decimal
    granted: Decimal
    proposed: Decimal

    @property
    def left(self) -> Decimal:
        return self.envelope - self.granted - self.proposed


@dataclass(frozen=True)
class ProgrammingView:
    year: int
    pillars: tuple[PillarRanking, ...]
    envelopes: tuple[EnvelopeRow, ...]
    cpo: CpoShare | None
    reserve: ReserveBalance
    alerts: tuple[str, ...]
    funders: tuple[tuple[str, str], ...]  # (code, name) of the funders with an envelope


def contract_for_year(session: Session, year: int) -> Contract:
    contracts = session.scalars(select(Contract).order_by(Contract.start_year.desc())).all()  # type: ignore[attr-defined]
    return next((c for c in contracts if c.start_year <= year <= c.end_year), None) \
        or current_contract(session)


def year_applications(session: Session, year: int) -> list[Application]:
    with_lines = select(t.funding_line.c.application_id).where(t.funding_line.c.year == year)
    return list(session.scalars(
        select(Application).where(or_(Application.year == year,  # type: ignore[attr-defined]
                                      Application.id.in_(with_lines)))  # type: ignore[attr-defined]
        .options(selectinload(Application.funding_lines),  # type: ignore[arg-type]
                 selectinload(Application.carrier), selectinload(Application.pillar))  # type: ignore[arg-type]
        .order_by(Application.reference)  # type: ignore[attr-defined]
    ))


def _in_running(application: Application) -> bool:
    if application.status is Status.CLOSED:
        return application.granted_total(application.year) > 0
    return application.status not in OUT_OF_RUNNING


def _ranked(session: Session, contract: Contract, year: int,
            applications: list[Application]) -> tuple[PillarRanking, ...]:
    running = [a for a in applications if a.year == year and _in_running(a)]
    scores = mean_scores(session, [a.id for a in running], list(contract.criteria))
    by_pillar: dict[object, list[RankedDossier]] = defaultdict(list)
    ordered = sorted(running, key=lambda a: (-(scores.get(a.id, (Decimal(-1), 0))[0]),
                                             a.reference))
    for application in ordered:
        lines = line_views(application, year)
        score, count = scores.get(application.id, (None, 0))
        rows = by_pillar[application.pillar]
        rows.append(RankedDossier(
            application.id, application.reference, application.title,
            application.carrier.name, application.channel, application.status, len(rows) + 1,
            score, count, total(li.requested for li in lines),
            total(li.proposed or ZERO for li in lines if li.granted is None),
            total(li.granted or ZERO for li in lines), application.total_cost,
            application.beneficiaries,
            cost_per_beneficiary(application.total_cost, application.beneficiaries),
            lines,
        ))
    pillars = [p for p in contract.pillars if not p.archived]
    pillars += [p for p in by_pillar if p not in pillars]
    return tuple(PillarRanking(p.code, p.name, tuple(by_pillar.get(p, ()))) for p in pillars)


def cost_per_beneficiary(total_cost: Decimal, beneficiaries: int | None) -> Decimal | None:
    if not beneficiaries or beneficiaries <= 0:
        return None
    return money(total_cost / beneficiaries)


def _envelope_rows(session: Session, year: int,
                   applications: list[Application]) -> tuple[EnvelopeRow, ...]:
    envelopes = session.scalars(select(Envelope).where(Envelope.year == year)).all()  # type: ignore[attr-defined]
    amounts: dict[tuple, Decimal] = {}
    funders = {}
    for envelope in envelopes:
        key = (envelope.funder.code, envelope.channel, envelope.pillar.name
               if envelope.pillar else "")
        amounts[key] = envelope.amount
        funders[envelope.funder.code] = envelope.funder
    used: dict[tuple, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for application in applications:
        for line in application.lines_for(year):
            if line.funder.code not in funders:
                continue  # outside the programming: no envelope this year
            key = (line.funder.code, application.channel, application.pillar.name)
            if key not in amounts:
                key = (line.funder.code, application.channel, "")
            proposed, granted = consumption(application, line)
            used[key][0] += proposed
            used[key][1] += granted
    keys = sorted(set(amounts) | set(used), key=lambda k: (
        funders[k[0]].position, list(Channel).index(k[1]), k[2]))
    return tuple(EnvelopeRow(code, funders[code].name, channel, pillar,
                             amounts.get((code, channel, pillar), ZERO),
                             used[(code, channel, pillar)][0], used[(code, channel, pillar)][1])
                 for code, channel, pillar in keys)


def _reserve(envelopes: tuple[EnvelopeRow, ...]) -> ReserveBalance:
    """The RESERVE pot: the funders that put money in it, what they granted and propose."""
    rows = [row for row in envelopes if row.channel is Channel.RESERVE and row.amount > 0]
    return ReserveBalance(total(r.amount for r in rows), total(r.granted for r in rows),
                          total(r.proposed for r in rows))


def _alerts(year: int, pillars: tuple[PillarRanking, ...], envelopes: tuple[EnvelopeRow, ...],
            cpo: CpoShare | None) -> tuple[str, ...]:
    alerts = [f"Enveloppe {row.funder_name} — {row.channel.label} {year}"
              + (f" ({row.pillar})" if row.pillar else "")
              + f" dépassée de {format_eur(-row.left)}" for row in envelopes if row.left < 0]
    for pillar in pillars:
        if pillar.proposed == 0:
            count = len(pillar.dossiers)
            alerts.append(f"Pilier « {pillar.name} » : aucun montant proposé"
                          + (f" ({count} dossier{'s' if count > 1 else ''} en lice)" if count
                             else " (aucun dossier en lice)"))
        for dossier in pillar.dossiers:
            alerts += [f"{dossier.reference} : {line.funder_name} propose "
                       f"{format_eur(line.proposed)}, au-dessus des {format_eur(line.requested)} "
                       "demandés" for line in dossier.lines
                       if line.proposed is not None and line.proposed > line.requested]
    if cpo is not None and cpo.total_value and not cpo.met:
        alerts.append(f"Part des CPO sous le plancher de {format_percent(cpo.floor, 0)} : "
                      f"{format_percent(cpo.share)}")
    return tuple(alerts)


def programming_view(database: Database, year: int) -> ProgrammingView:
    with database.unit_of_work() as uow:
        contract = contract_for_year(uow.session, year)
        applications = year_applications(uow.session, year)
        pillars = _ranked(uow.session, contract, year, applications)
        envelopes = _envelope_rows(uow.session, year, applications)
        codes = state_specific_codes(contract)
        cpo = cpo_share(contract, year, applications,
                        total(row.amount for row in envelopes if row.funder_code in codes))
        funders = tuple(dict.fromkeys((row.funder_code, row.funder_name) for row in envelopes))
        return ProgrammingView(year, pillars, envelopes, cpo, _reserve(envelopes),
                               _alerts(year, pillars, envelopes, cpo), funders)


def programming_years(database: Database) -> list[int]:
    """Years with envelopes or dossiers, most recent first."""
    with database.engine.connect() as connection:
        years = set(connection.execute(select(t.envelope.c.year).distinct()).scalars())
        years |= set(connection.execute(select(t.application.c.year).distinct()).scalars())
    return sorted(years, reverse=True)
