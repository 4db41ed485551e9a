"""AAP campaigns: create one (from scratch, a template or last year's), follow it, late dossiers.

A campaign is a ``Call`` of channel AAP; its envelope per funder is the
funder's AAP ``Envelope`` of the campaign's year.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..adapters.persistence.database import Database
from ..domain.call import Call
from ..domain.campaign import (
    CampaignPlan,
    CurrentAction,
    Lateness,
    PastAction,
    late_acceptance_error,
    lateness,
    not_renewed,
    template,
)
from ..domain.channels import Channel
from ..domain.contract import Contract
from ..domain.dossier import Application
from ..domain.funding import Envelope, Funder
from ..domain.lifecycle import Status
from ..domain.money import ZERO, total
from ..domain.review import Revision
from ..domain.scoring import Score
from .errors import ServiceError
from .instruction import current_contract, get_application

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Choice:
    code: str
    name: str


@dataclass(frozen=True)
class CampaignChoices:
    funders: tuple[Choice, ...]
    pillars: tuple[Choice, ...]
    years: tuple[int, ...]


def campaign_choices(database: Database) -> CampaignChoices:
    with database.unit_of_work() as uow:
        contract = current_contract(uow.session)
        return CampaignChoices(
            tuple(Choice(f.code, f.name) for f in contract.funders),
            tuple(Choice(p.code, p.name) for p in contract.pillars if not p.archived),
            tuple(contract.years))


# --- envelopes ------------------------------------------------------------------------------


def channel_envelopes(session: Session, contract: Contract, year: int,
                      channel: Channel) -> dict[Funder, Envelope]:
    """The contract's unearmarked envelopes of ``channel`` for ``year``, by funder."""
    found = session.scalars(select(Envelope).where(
        Envelope.year == year, Envelope.channel == channel,  # type: ignore[attr-defined]
        Envelope.pillar_id.is_(None),  # type: ignore[attr-defined]
        Envelope.funder_id.in_([f.id for f in contract.funders])))  # type: ignore[attr-defined]
    return {e.funder: e for e in found}


def _envelope_plan(session: Session, contract: Contract, year: int
                   ) -> tuple[tuple[str, Decimal], ...]:
    by_funder = channel_envelopes(session, contract, year, Channel.AAP)
    return tuple((f.code, by_funder[f].amount) for f in contract.funders if f in by_funder)


# --- plans ----------------------------------------------------------------------------------


def plan_from_template(database: Database, template_name: str, year: int) -> CampaignPlan:
    """The template's usual dates for ``year``, with the envelopes already set for that year."""
    try:
        chosen = template(template_name)
    except KeyError as exc:
        raise ServiceError(str(exc.args[0])) from None
    with database.unit_of_work() as uow:
        contract = current_contract(uow.session)
        return chosen.plan(year, _envelope_plan(uow.session, contract, year))


def _plan_of(session: Session, call: Call) -> CampaignPlan:
    contract = session.get(Contract, call.contract_id)  # type: ignore[attr-defined]
    return CampaignPlan(call.year, call.title, call.pluriannual, call.opening_date,
                        call.deadline, call.committee_date,
                        _envelope_plan(session, contract, call.year),
                        tuple(p.code for p in call.pillars))


def plan_from_last_year(database: Database, call_id: int | None = None) -> CampaignPlan:
    """Last year's campaign (or ``call_id``'s) a year later: dates shifted, envelopes copied."""
    with database.unit_of_work() as uow:
        if call_id is not None:
            call = uow.session.get(Call, call_id)
        else:
            call = uow.session.scalars(select(Call).where(
                Call.channel == Channel.AAP, Call.pluriannual.is_(False))  # type: ignore[attr-defined]
                .order_by(Call.year.desc(), Call.id.desc())).first()  # type: ignore[attr-defined]
        if call is None or call.channel is not Channel.AAP:
            raise ServiceError("aucune campagne d'appel à projets à reprendre")
        return _plan_of(uow.session, call).next_year()


# --- creating -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CreateCampaign:
    plan: CampaignPlan
    actor: str


def _check_plan(contract: Contract, plan: CampaignPlan) -> list[str]:
    errors = plan.errors()
    funders = {f.code for f in contract.funders}
    pillars = {p.code for p in contract.pillars}
    errors += [f"financeur « {code} » inconnu du contrat" for code, _ in plan.envelopes
               if code not in funders]
    errors += [f"pilier « {code} » inconnu du contrat" for code in plan.pillar_codes
               if code not in pillars]
    if plan.year not in contract.years:
        errors.append(f"{plan.year} est hors du contrat "
                      f"({contract.start_year}–{contract.end_year})")
    twin = next((c for c in contract.calls if c.channel is Channel.AAP and c.year == plan.year
                 and c.pluriannual == plan.pluriannual), None)
    if twin is not None:
        errors.append(f"la campagne « {twin.title} » existe déjà pour {plan.year}")
    return errors


def create_campaign(database: Database, command: CreateCampaign) -> int:
    """Write the campaign, its targeted pillars and its AAP envelopes; returns the call id."""
    if not command.actor.strip():
        raise ServiceError("indiquez qui crée la campagne")
    plan = command.plan
    with database.unit_of_work() as uow:
        contract = current_contract(uow.session)
        errors = _check_plan(contract, plan)
        if errors:
            raise ServiceError("\n".join(errors))
        call = Call(Channel.AAP, plan.year, plan.title.strip(), plan.opening_date, plan.deadline,
                    plan.committee_date, plan.pluriannual,
                    pillars=[contract.pillar(code) for code in plan.pillar_codes])
        contract.calls.append(call)
        existing = channel_envelopes(uow.session, contract, plan.year, Channel.AAP)
        for code, amount in plan.envelopes:
            funder = contract.funder(code)
            if funder in existing:
                existing[funder].amount = amount
            elif amount:
                uow.session.add(Envelope(funder, plan.year, Channel.AAP, amount))
        uow.session.flush()
        uow.commit()
        return call.id


# --- following a campaign -------------------------------------------------------------------


@dataclass(frozen=True)
class CampaignRow:
    id: int
    year: int
    title: str
    pluriannual: bool
    opening_date: date | None
    deadline: date | None
    committee_date: date | None
    dossiers: int


def list_campaigns(database: Database) -> list[CampaignRow]:
    """Every AAP campaign, the most recent first."""
    with database.unit_of_work() as uow:
        calls = uow.session.scalars(select(Call).where(Call.channel == Channel.AAP)  # type: ignore[attr-defined]
                                    .order_by(Call.year.desc(), Call.id.desc())).all()  # type: ignore[attr-defined]
        counts: dict[int, int] = {}
        for call_id in uow.session.scalars(select(Application.call_id).where(  # type: ignore[attr-defined]
                Application.call_id.in_([c.id for c in calls]))):  # type: ignore[attr-defined]
            counts[call_id] = counts.get(call_id, 0) + 1
        return [CampaignRow(c.id, c.year, c.title, c.pluriannual, c.opening_date, c.deadline,
                            c.committee_date, counts.get(c.id, 0)) for c in calls]


@dataclass(frozen=True)
class Counts:
    submitted: int
    admissible: int
    scored: int
    proposed: int
    decided: int


@dataclass(frozen=True)
class EnvelopeUse:
    funder: str
    envelope: Decimal
    requested: Decimal
    proposed: Decimal
    granted: Decimal


@dataclass(frozen=True)
class LateDossier:
    id: int
    reference: str
    carrier: str
    submitted_on: date
    lateness: Lateness
    late_reason: str


@dataclass(frozen=True)
class UnrenewedAction:
    id: int
    reference: str
    carrier: str
    title: str
    granted: Decimal


@dataclass(frozen=True)
class CampaignDashboard:
    id: int
    title: str
    year: int
    pluriannual: bool
    opening_date: date | None
    deadline: date | None
    committee_date: date | None
    pillars: tuple[str, ...]
    counts: Counts
    envelopes: tuple[EnvelopeUse, ...]
    late: tuple[LateDossier, ...]
    not_renewed: tuple[UnrenewedAction, ...]


def _reached(application: Application, statuses: frozenset[Status]) -> bool:
    return any(change.to_status in statuses for change in application.history)


def _counts(session: Session, dossiers: Sequence[Application]) -> Counts:
    ids = [a.id for a in dossiers]
    scored = set(session.scalars(select(Score.application_id).where(  # type: ignore[attr-defined]
        Score.application_id.in_(ids))))  # type: ignore[attr-defined]
    return Counts(
        submitted=sum(a.status is not Status.DRAFT for a in dossiers),
        admissible=sum(_reached(a, frozenset({Status.ADMISSIBLE})) for a in dossiers),
        scored=len(scored),
        proposed=sum(any(line.proposed is not None for line in a.funding_lines)
                     for a in dossiers),
        decided=sum(_reached(a, frozenset({Status.GRANTED, Status.REFUSED})) for a in dossiers),
    )


def _envelope_uses(session: Session, call: Call, dossiers: Sequence[Application]
                   ) -> tuple[EnvelopeUse, ...]:
    contract = session.get(Contract, call.contract_id)  # type: ignore[attr-defined]
    envelopes = channel_envelopes(session, contract, call.year, Channel.AAP)
    lines = [line for a in dossiers for line in a.funding_lines if line.year == call.year]
    result = []
    for funder in contract.funders:
        mine = [line for line in lines if line.funder is funder]
        if funder not in envelopes and not mine:
            continue
        result.append(EnvelopeUse(
            funder.name, envelopes[funder].amount if funder in envelopes else ZERO,
            total(line.requested for line in mine),
            total(line.proposed or ZERO for line in mine),
            total(line.granted_or_zero for line in mine)))
    return tuple(result)


def _late(call: Call, dossiers: Sequence[Application]) -> tuple[LateDossier, ...]:
    rows = []
    for a in dossiers:
        state = lateness(call.deadline, a.submitted_on, a.late_reason)
        if state is not Lateness.ON_TIME:
            rows.append(LateDossier(a.id, a.reference, a.carrier.name, a.submitted_on, state,
                                    a.late_reason))
    return tuple(sorted(rows, key=lambda r: r.reference))


def _not_renewed(session: Session, call: Call) -> tuple[UnrenewedAction, ...]:
    last_year = session.scalars(select(Application).join(Call).where(  # type: ignore[arg-type]
        Call.channel == Channel.AAP, Call.year == call.year - 1,  # type: ignore[attr-defined]
        Call.pluriannual == call.pluriannual)).all()  # type: ignore[attr-defined]
    funded = {a.id: a for a in last_year if a.granted_total() > 0}
    this_year = session.scalars(select(Application).where(
        Application.year == call.year)).all()  # type: ignore[attr-defined]
    missing = not_renewed(
        [PastAction(a.id, a.carrier_id, a.title) for a in funded.values()],  # type: ignore[attr-defined]
        [CurrentAction(a.previous_id, a.carrier_id, a.title) for a in this_year])  # type: ignore[attr-defined]
    rows = [UnrenewedAction(p.id, funded[p.id].reference, funded[p.id].carrier.name, p.title,
                            funded[p.id].granted_total()) for p in missing]
    return tuple(sorted(rows, key=lambda r: r.reference))


def campaign_dashboard(database: Database, call_id: int) -> CampaignDashboard:
    with database.unit_of_work() as uow:
        call = uow.session.get(Call, call_id)
        if call is None or call.channel is not Channel.AAP:
            raise ServiceError("campagne d'appel à projets introuvable")
        dossiers = uow.session.scalars(select(Application).where(
            Application.call_id == call.id).options(  # type: ignore[attr-defined]
            selectinload(Application.history),  # type: ignore[arg-type]
            selectinload(Application.funding_lines))).all()  # type: ignore[arg-type]
        return CampaignDashboard(
            call.id, call.title, call.year, call.pluriannual, call.opening_date, call.deadline,
            call.committee_date, tuple(p.name for p in call.pillars),
            _counts(uow.session, dossiers), _envelope_uses(uow.session, call, dossiers),
            _late(call, dossiers), _not_renewed(uow.session, call))


# --- late dossiers --------------------------------------------------------------------------


@dataclass(frozen=True)
class AcceptLateDossier:
    application_id: int
    reason: str
    actor: str


def accept_late_dossier(database: Database, command: AcceptLateDossier,
                        now: Clock = datetime.now) -> None:
    """Record why a dossier deposited after the deadline is accepted (who, when, why)."""
    if not command.actor.strip():
        raise ServiceError("indiquez qui accepte le dossier hors délai")
    at = now()
    with database.unit_of_work() as uow:
        application = get_application(uow.session, command.application_id)
        deadline = application.call.deadline if application.call is not None else None
        error = late_acceptance_error(deadline, application.submitted_on, command.reason)
        if error:
            raise ServiceError(f"{application.reference} : {error}")
        application.late_reason = (f"{command.reason.strip()} — accepté par "
                                   f"{command.actor.strip()} le {at:%d/%m/%Y}")
        uow.session.add(Revision(application, at, command.actor.strip(),
                                 f"Dépôt hors délai accepté : {command.reason.strip()}",
                                 json.dumps({"late_reason": application.late_reason})))
        uow.commit()
