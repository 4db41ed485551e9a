"""RESERVE use cases: balances, light instruction, co-instruction decision, committee list.

The reserve of a year is each funder's ``Envelope`` of channel RESERVE; the
participants of a dossier are the funders of its lines that hold such an
envelope. A co-instruction decision records each participant's answer
(``ReserveAgreement``: agreement, amount, who, when) and, once all have
answered, moves the dossier « Instruit » → « Accordé » or « Refusé » without
a committee, the granted amounts written on the funding lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..adapters.persistence.database import Database
from ..domain.channels import (
    Channel,
    CommitteeStatus,
    DecisionOutcome,
    FundingLineStatus,
    Opinion,
)
from ..domain.committee import Committee, Decision
from ..domain.contract import Contract
from ..domain.dossier import Application
from ..domain.lifecycle import Status, steps_to
from ..domain.money import ZERO, format_eur, money, total
from ..domain.reserve import (
    FunderAnswer,
    FunderBalance,
    Participant,
    ReserveRefused,
    decide,
    informs_committee,
    request_warnings,
)
from ..domain.review import ReserveAgreement
from .campaigns import Clock, channel_envelopes
from .errors import ServiceError
from .instruction import current_contract, get_application, move

BEFORE_REVIEW = frozenset({Status.SUBMITTED, Status.AWAITING_INFO, Status.ADMISSIBLE,
                           Status.UNDER_REVIEW})


def _balances(session: Session, contract: Contract, year: int) -> dict[str, FunderBalance]:
    envelopes = channel_envelopes(session, contract, year, Channel.RESERVE)
    granted: dict[str, Decimal] = {}
    for application in _dossiers(session, contract, year):
        for line in application.lines_for(year):
            code = line.funder.code
            granted[code] = granted.get(code, ZERO) + line.granted_or_zero
    return {f.code: FunderBalance(f.code, f.name, e.amount, money(granted.get(f.code, ZERO)))
            for f, e in sorted(envelopes.items(), key=lambda item: item[0].position)}


def _dossiers(session: Session, contract: Contract, year: int) -> list[Application]:
    return list(session.scalars(select(Application).where(
        Application.contract_id == contract.id, Application.year == year,  # type: ignore[attr-defined]
        Application.channel == Channel.RESERVE).order_by(Application.reference).options(  # type: ignore[attr-defined]
        selectinload(Application.funding_lines))))  # type: ignore[arg-type]


def _participants(application: Application, balances: dict[str, FunderBalance]
                  ) -> list[Participant]:
    return [Participant(line.funder.code, line.funder.name, line.requested)
            for line in application.lines_for(application.year) if line.funder.code in balances]


def _latest_answers(session: Session, application: Application) -> list[ReserveAgreement]:
    rows = session.scalars(select(ReserveAgreement).where(
        ReserveAgreement.application_id == application.id)  # type: ignore[attr-defined]
        .order_by(ReserveAgreement.agreed_at, ReserveAgreement.id)).all()  # type: ignore[attr-defined]
    return list({row.funder.code: row for row in rows}.values())


def _answers_text(rows: list[ReserveAgreement]) -> str:
    return " ; ".join(
        f"{row.funder.name} : {'accord ' + format_eur(row.amount) if row.agreed else 'refus'} "
        f"({row.agreed_by}, {row.agreed_at:%d/%m/%Y})" for row in rows)


# --- the overview ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReserveRow:
    id: int
    reference: str
    carrier: str
    title: str
    status: Status
    requested: Decimal  # asked from the reserve's funders
    granted: Decimal
    answers: str
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class CommitteeInfo:
    id: int
    reference: str
    carrier: str
    title: str
    decided_on: date
    outcome: str
    granted: Decimal
    answers: str


@dataclass(frozen=True)
class ReserveOverview:
    year: int
    years: tuple[int, ...]
    ceiling: Decimal
    balances: tuple[FunderBalance, ...]
    dossiers: tuple[ReserveRow, ...]
    last_committee: date | None
    since_last_committee: tuple[CommitteeInfo, ...]


def reserve_years(session: Session, contract: Contract) -> list[int]:
    return [year for year in contract.years
            if channel_envelopes(session, contract, year, Channel.RESERVE)
            or _dossiers(session, contract, year)]


def _row(session: Session, application: Application, balances: dict[str, FunderBalance],
         ceiling: Decimal) -> ReserveRow:
    participants = _participants(application, balances)
    lines = [line for line in application.lines_for(application.year)
             if line.funder.code in balances]
    return ReserveRow(
        application.id, application.reference, application.carrier.name, application.title,
        application.status, total(p.requested for p in participants),
        total(line.granted_or_zero for line in lines),
        _answers_text(_latest_answers(session, application)),
        tuple(request_warnings(participants, ceiling)))


def reserve_overview(database: Database, year: int | None = None) -> ReserveOverview:
    """The year's balances (always shown), its dossiers, and what the next committee hears."""
    with database.unit_of_work() as uow:
        session = uow.session
        contract = current_contract(session)
        years = tuple(reserve_years(session, contract))
        if year is None:
            today = date.today().year
            year = today if today in years else (years[-1] if years else today)
        balances = _balances(session, contract, year)
        last, informed = _since_last_committee(session, contract)
        return ReserveOverview(
            year, years, contract.reserve_project_ceiling, tuple(balances.values()),
            tuple(_row(session, a, balances, contract.reserve_project_ceiling)
                  for a in _dossiers(session, contract, year)), last, informed)


def _since_last_committee(session: Session, contract: Contract
                          ) -> tuple[date | None, tuple[CommitteeInfo, ...]]:
    last = session.scalars(select(Committee.meeting_date).where(  # type: ignore[attr-defined]
        Committee.contract_id == contract.id,  # type: ignore[attr-defined]
        Committee.status == CommitteeStatus.CLOSED)  # type: ignore[attr-defined]
        .order_by(Committee.meeting_date.desc())).first()  # type: ignore[attr-defined]
    rows = []
    reserve_funders: dict[int, set[str]] = {}
    for application in session.scalars(select(Application).where(
            Application.contract_id == contract.id,  # type: ignore[attr-defined]
            Application.channel == Channel.RESERVE).options(  # type: ignore[attr-defined]
            selectinload(Application.history),  # type: ignore[arg-type]
            selectinload(Application.funding_lines))):  # type: ignore[arg-type]
        decision = next((h for h in reversed(application.history)
                         if h.to_status in (Status.GRANTED, Status.REFUSED)), None)
        if decision is None or not informs_committee(decision.at.date(), last):
            continue
        year = application.year
        if year not in reserve_funders:
            reserve_funders[year] = {f.code for f in channel_envelopes(
                session, contract, year, Channel.RESERVE)}
        rows.append(CommitteeInfo(
            application.id, application.reference, application.carrier.name, application.title,
            decision.at.date(), decision.to_status.label,
            total(line.granted_or_zero for line in application.lines_for(year)
                  if line.funder.code in reserve_funders[year]),
            _answers_text(_latest_answers(session, application)) or decision.reason))
    return last, tuple(sorted(rows, key=lambda r: (r.decided_on, r.reference)))


def decided_since_last_committee(database: Database) -> tuple[CommitteeInfo, ...]:
    """The reserve decisions taken since the last closed committee, for the next one's minutes."""
    with database.unit_of_work() as uow:
        return _since_last_committee(uow.session, current_contract(uow.session))[1]


# --- light instruction ----------------------------------------------------------------------


def _reserve_dossier(session: Session, application_id: int) -> Application:
    application = get_application(session, application_id)
    if application.channel is not Channel.RESERVE:
        raise ServiceError(f"{application.reference} n'est pas un dossier de l'enveloppe de "
                           "réserve")
    return application


def instruct_lightly(database: Database, application_id: int, actor: str, note: str = "",
                     now: Clock = datetime.now) -> tuple[str, ...]:
    """Admissibility and review in one act, recorded step by step; returns the warnings."""
    at = now()
    with database.unit_of_work() as uow:
        application = _reserve_dossier(uow.session, application_id)
        if application.status not in BEFORE_REVIEW:
            raise ServiceError(f"{application.reference} est « {application.status.label} » : "
                               "l'instruction allégée porte sur un dossier déposé")
        reason = "Instruction allégée (enveloppe de réserve)" + (f" : {note.strip()}"
                                                                 if note.strip() else "")
        for step in steps_to(application.status, Status.REVIEWED, application.channel):
            move(application, step, actor, reason, at)
        contract = application.contract
        warnings = request_warnings(
            _participants(application, _balances(uow.session, contract, application.year)),
            contract.reserve_project_ceiling)
        uow.commit()
        return tuple(warnings)


# --- the co-instruction decision ------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantView:
    funder_code: str
    funder: str
    requested: Decimal
    balance: Decimal
    suggested_person: str
    answer: str  # the answer already recorded, in words, or ""


@dataclass(frozen=True)
class CoInstructionForm:
    application_id: int
    reference: str
    title: str
    carrier: str
    status: str
    ceiling: Decimal
    participants: tuple[ParticipantView, ...]
    outside: tuple[str, ...]  # lines of funders without a reserve envelope
    blocker: str | None


def _blocker(application: Application) -> str | None:
    if application.status in BEFORE_REVIEW:
        return "faites d'abord l'instruction allégée du dossier"
    if application.status is not Status.REVIEWED:
        return f"le dossier est « {application.status.label} » : la co-instruction est faite"
    return None


def coinstruction_form(database: Database, application_id: int) -> CoInstructionForm:
    with database.unit_of_work() as uow:
        application = _reserve_dossier(uow.session, application_id)
        contract = application.contract
        balances = _balances(uow.session, contract, application.year)
        people = {p.funder.code: p.name for p in reversed(contract.people)
                  if p.funder is not None and p.active}
        answered = {row.funder.code: _answers_text([row])
                    for row in _latest_answers(uow.session, application)}
        return CoInstructionForm(
            application.id, application.reference, application.title, application.carrier.name,
            application.status.label, contract.reserve_project_ceiling,
            tuple(ParticipantView(p.funder_code, p.funder_name, p.requested,
                                  balances[p.funder_code].balance,
                                  people.get(p.funder_code, ""), answered.get(p.funder_code, ""))
                  for p in _participants(application, balances)),
            tuple(f"{line.funder.name} : {format_eur(line.requested)}"
                  for line in application.lines_for(application.year)
                  if line.funder.code not in balances),
            _blocker(application))


@dataclass(frozen=True)
class AnswerInput:
    funder_code: str
    agreed: bool
    amount: Decimal
    agreed_by: str
    comment: str = ""


@dataclass(frozen=True)
class RecordCoInstruction:
    application_id: int
    answers: tuple[AnswerInput, ...]
    actor: str


@dataclass(frozen=True)
class CoInstructionResult:
    reference: str
    granted: bool | None  # None: still waiting for some funders
    waiting_for: tuple[str, ...]
    total: Decimal


def _write_decision(application: Application, amounts: dict[str, Decimal], granted: bool,
                    participants: list[Participant], reason: str, actor: str,
                    at: datetime) -> Decision:
    codes = {p.funder_code for p in participants}
    for line in application.lines_for(application.year):
        if line.funder.code not in codes:
            continue
        amount = amounts.get(line.funder.code, ZERO)
        line.proposed = amount if line.proposed is None else line.proposed
        line.granted = amount
        line.status = FundingLineStatus.VOTED if amount else FundingLineStatus.REFUSED
        line.opinion = Opinion.FAVOURABLE if amount else Opinion.UNFAVOURABLE
        line.decision_date = at.date()
        line.decision_reference = f"Co-instruction réserve du {at:%d/%m/%Y}"
    move(application, Status.GRANTED if granted else Status.REFUSED, actor, reason, at)
    return Decision(application, DecisionOutcome.GRANTED if granted else DecisionOutcome.REFUSED,
                    Opinion.FAVOURABLE if granted else Opinion.UNFAVOURABLE, reason, at)


def record_coinstruction(database: Database, command: RecordCoInstruction,
                         now: Clock = datetime.now) -> CoInstructionResult:
    """Record the funders' answers; decide once all are in. All or nothing is written."""
    if not command.actor.strip():
        raise ServiceError("indiquez qui enregistre la co-instruction")
    if not command.answers:
        raise ServiceError("aucune réponse de financeur à enregistrer")
    at = now()
    with database.unit_of_work() as uow:
        application = _reserve_dossier(uow.session, command.application_id)
        blocker = _blocker(application)
        if blocker:
            raise ServiceError(f"{application.reference} : {blocker}")
        contract = application.contract
        balances = _balances(uow.session, contract, application.year)
        participants = _participants(application, balances)
        earlier = [FunderAnswer(r.funder.code, r.agreed, r.amount, r.agreed_by, r.agreed_at)
                   for r in _latest_answers(uow.session, application)]
        new = [FunderAnswer(a.funder_code, a.agreed, money(a.amount), a.agreed_by.strip(), at,
                            a.comment.strip()) for a in command.answers]
        try:
            outcome = decide(participants, [*earlier, *new], balances,
                             contract.reserve_project_ceiling)
        except ReserveRefused as refused:
            raise ServiceError(f"{application.reference} : {refused}") from None
        for answer in new:
            uow.session.add(ReserveAgreement(application, contract.funder(answer.funder_code),
                                             answer.agreed, answer.amount, answer.agreed_by,
                                             at, answer.comment))
        if outcome.granted is not None:
            uow.session.flush()
            reason = "Co-instruction — " + _answers_text(_latest_answers(uow.session,
                                                                         application))
            uow.session.add(_write_decision(application, outcome.amounts, outcome.granted,
                                            participants, reason, command.actor.strip(), at))
        uow.commit()
        return CoInstructionResult(application.reference, outcome.granted, outcome.waiting_for,
                                   outcome.total)
