"""AMI use cases: publish a need, gather answers, compare, amend, select, close.

Answers are dossiers of channel AMI attached to the call. Amending an answer
first stores its current state as a ``Revision`` (the original is the first
one), so both stay visible. Selecting walks the chosen answers to « Accordé »
and the others to « Refusé » through the lifecycle, every step recorded.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..adapters.persistence.database import Database
from ..domain.ami import (
    AmiAnswer,
    AmiError,
    AmiNeed,
    answer_flags,
    attach_error,
    close_error,
    grid_column,
    plan_selection,
)
from ..domain.call import Call
from ..domain.channels import Channel, DecisionOutcome, FundingLineStatus, Opinion
from ..domain.committee import Decision
from ..domain.contract import Contract
from ..domain.dossier import Application
from ..domain.funding import FundingLine
from ..domain.lifecycle import Status, steps_to
from ..domain.money import ZERO, money, total
from ..domain.review import Revision
from ..domain.scoring import Score
from .campaigns import Clock
from .errors import ServiceError
from .instruction import current_contract, get_application, move
from .scoring import contract_grid, mean_scores

BEFORE_AMENDMENT = "AMI — version avant amendement"


def _ami(session: Session, call_id: int) -> Call:
    call = session.get(Call, call_id)
    if call is None or call.channel is not Channel.AMI:
        raise ServiceError("appel à manifestation d'intérêt introuvable")
    return call


def _answers(session: Session, call: Call) -> list[Application]:
    return list(session.scalars(select(Application).where(
        Application.call_id == call.id).order_by(Application.reference)))  # type: ignore[attr-defined]


def _asked(application: Application, year: int) -> Decimal:
    return application.requested_total(year)


def _as_answer(application: Application, year: int) -> AmiAnswer:
    return AmiAnswer(application.id, application.reference, application.carrier.name,
                     _asked(application, year), application.status)


def _actor(actor: str, what: str) -> str:
    if not actor.strip():
        raise ServiceError(f"indiquez qui {what}")
    return actor.strip()


# --- the need -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AmiRow:
    id: int
    year: int
    title: str
    pillar: str
    ceiling: Decimal | None
    deadline: date | None
    answers: int
    closed: bool


def list_amis(database: Database) -> list[AmiRow]:
    with database.unit_of_work() as uow:
        calls = uow.session.scalars(select(Call).where(Call.channel == Channel.AMI)  # type: ignore[attr-defined]
                                    .order_by(Call.year.desc(), Call.id.desc())).all()  # type: ignore[attr-defined]
        return [AmiRow(c.id, c.year, c.title, ", ".join(p.name for p in c.pillars),
                       c.budget_ceiling, c.deadline, len(_answers(uow.session, c)), c.closed)
                for c in calls]


@dataclass(frozen=True)
class PublishNeed:
    need: AmiNeed
    actor: str


def publish_need(database: Database, command: PublishNeed) -> int:
    """Publish the need as an AMI of the current contract; returns the call id."""
    _actor(command.actor, "publie le besoin")
    need = command.need
    with database.unit_of_work() as uow:
        contract = current_contract(uow.session)
        errors = need.errors()
        if need.pillar_code and need.pillar_code not in {p.code for p in contract.pillars}:
            errors.append(f"pilier « {need.pillar_code} » inconnu du contrat")
        if need.year not in contract.years:
            errors.append(f"{need.year} est hors du contrat")
        if errors:
            raise ServiceError("\n".join(errors))
        call = Call(Channel.AMI, need.year, need.title.strip(), need.opening_date, need.deadline,
                    need.committee_date, need_description=need.description.strip(),
                    budget_ceiling=money(need.budget_ceiling),
                    selection_criteria=need.selection_criteria.strip(),
                    pillars=[contract.pillar(need.pillar_code)])
        contract.calls.append(call)
        uow.session.flush()
        uow.commit()
        return call.id


# --- answers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttachAnswer:
    call_id: int
    application_id: int
    actor: str


def attach_answer(database: Database, command: AttachAnswer) -> None:
    """Attach an existing dossier to the AMI as one of its answers (it becomes an AMI dossier)."""
    _actor(command.actor, "rattache la réponse")
    with database.unit_of_work() as uow:
        call = _ami(uow.session, command.call_id)
        application = get_application(uow.session, command.application_id)
        error = attach_error(call.closed, call.year, application.year, application.status,
                             application.call_id, call.id,  # type: ignore[attr-defined]
                             application.channel)
        if error:
            raise ServiceError(f"{application.reference} : {error}")
        application.call = call
        application.channel = Channel.AMI
        uow.commit()


def attachable_dossiers(database: Database, call_id: int) -> list[tuple[int, str]]:
    """Open AMI dossiers of the AMI's year not yet attached to a call: (id, label)."""
    with database.unit_of_work() as uow:
        call = _ami(uow.session, call_id)
        found = uow.session.scalars(select(Application).where(
            Application.channel == Channel.AMI, Application.year == call.year,  # type: ignore[attr-defined]
            Application.call_id.is_(None)).order_by(Application.reference)).all()  # type: ignore[attr-defined]
        return [(a.id, f"{a.reference} — {a.carrier.name} — {a.title}") for a in found
                if attach_error(False, call.year, a.year, a.status, None, call.id) is None]


@dataclass(frozen=True)
class DraftAnswer:
    call_id: int
    carrier_name: str
    title: str
    summary: str
    amounts: tuple[tuple[str, Decimal], ...]  # (funder code, amount requested)
    actor: str


def draft_answer(database: Database, command: DraftAnswer) -> int:
    """A new draft dossier answering the AMI, typed through the dossier editor's rules."""
    from . import dossier_editing as editing  # the editor (attachments, alerts) only when drafting

    with database.unit_of_work() as uow:
        call = _ami(uow.session, command.call_id)
        if call.closed:
            raise ServiceError("cet AMI est clos : il ne reçoit plus de réponse")
        contract_id, year = call.contract_id, call.year  # type: ignore[attr-defined]
        pillar = call.pillars[0].code if call.pillars else ""
    form = editing.new_form(database, contract_id, Channel.AMI, year)
    form.call_id, form.pillar_code = command.call_id, pillar
    form.carrier = editing.CarrierForm(name=command.carrier_name.strip())
    form.title, form.summary = command.title.strip(), command.summary.strip()
    form.funding = [editing.FundingRequestForm(code, year, money(amount))
                    for code, amount in command.amounts if money(amount)]
    return editing.save_form(database, form, command.actor).application_id


# --- comparison on the grid -----------------------------------------------------------------


@dataclass(frozen=True)
class AnswerColumn:
    id: int
    reference: str
    carrier: str
    title: str
    status: str
    is_open: bool
    amount: Decimal
    flags: tuple[str, ...]
    means: tuple[Decimal | None, ...]  # one per criterion of the grid, in order
    total: Decimal | None  # mean of the instructors' totals on 100
    scorers: int
    amended: bool


@dataclass(frozen=True)
class AmiComparison:
    id: int
    year: int
    title: str
    pillar: str
    description: str
    selection_criteria: str
    ceiling: Decimal | None
    opening_date: date | None
    deadline: date | None
    committee_date: date | None
    closed: bool
    criteria: tuple[str, ...]
    answers: tuple[AnswerColumn, ...]
    close_blocker: str | None


def _amended_ids(session: Session, ids: Sequence[int]) -> set[int]:
    return set(session.scalars(select(Revision.application_id).where(  # type: ignore[attr-defined]
        Revision.application_id.in_(ids), Revision.note.like(f"{BEFORE_AMENDMENT}%"))))  # type: ignore[attr-defined]


def compare_answers(database: Database, call_id: int) -> AmiComparison:
    """The need and its answers side by side: amount, flags, mean mark per criterion, total."""
    with database.unit_of_work() as uow:
        session = uow.session
        call = _ami(session, call_id)
        answers = _answers(session, call)
        ids = [a.id for a in answers]
        grid = contract_grid(session.get(Contract, call.contract_id))  # type: ignore[attr-defined]
        totals = mean_scores(session, ids, grid)
        marks: dict[int, list[tuple[int, str, int]]] = {i: [] for i in ids}
        for score in session.scalars(select(Score).where(Score.application_id.in_(ids))):  # type: ignore[attr-defined]
            marks[score.application_id].append(  # type: ignore[attr-defined]
                (score.person_id, score.criterion.code, score.value))  # type: ignore[attr-defined]
        amended = _amended_ids(session, ids)
        columns = []
        for a in answers:
            answer = _as_answer(a, call.year)
            column = grid_column(grid, marks[a.id])
            mean, _count = totals.get(a.id, (None, 0))
            columns.append(AnswerColumn(
                a.id, a.reference, a.carrier.name, a.title, a.status.label, answer.is_open,
                answer.amount, tuple(answer_flags(answer, call.budget_ceiling)),
                tuple(column.means[c.code] for c in grid), mean, column.scorers,
                a.id in amended))
        return AmiComparison(
            call.id, call.year, call.title, ", ".join(p.name for p in call.pillars),
            call.need_description, call.selection_criteria, call.budget_ceiling,
            call.opening_date, call.deadline, call.committee_date, call.closed,
            tuple(c.label for c in grid), tuple(columns),
            close_error([_as_answer(a, call.year) for a in answers], call.closed))


# --- amending the chosen answer (co-construction) -------------------------------------------


@dataclass(frozen=True)
class AnswerVersion:
    summary: str
    total_cost: Decimal
    amounts: tuple[tuple[str, Decimal], ...]  # (funder name, amount requested)

    @property
    def requested(self) -> Decimal:
        return total(amount for _, amount in self.amounts)


@dataclass(frozen=True)
class AnswerVersions:
    reference: str
    carrier: str
    funders: tuple[tuple[str, str], ...]  # (code, name) the amendment may ask
    original: AnswerVersion | None  # None until the answer is amended
    current: AnswerVersion
    notes: tuple[str, ...]  # the amendments, oldest first


def _snapshot(application: Application, year: int) -> dict:
    return {"summary": application.summary, "total_cost": str(application.total_cost),
            "amounts": [[line.funder.name, str(line.requested)]
                        for line in application.lines_for(year)]}


def _version(data: dict) -> AnswerVersion:
    return AnswerVersion(data["summary"], money(data["total_cost"]),
                         tuple((name, money(amount)) for name, amount in data["amounts"]))


def answer_versions(database: Database, application_id: int) -> AnswerVersions:
    with database.unit_of_work() as uow:
        application = get_application(uow.session, application_id)
        revisions = uow.session.scalars(select(Revision).where(
            Revision.application_id == application.id,  # type: ignore[attr-defined]
            Revision.note.like(f"{BEFORE_AMENDMENT}%")).order_by(Revision.id)).all()  # type: ignore[attr-defined]
        return AnswerVersions(
            application.reference, application.carrier.name,
            tuple((f.code, f.name) for f in application.contract.funders),
            _version(json.loads(revisions[0].snapshot)) if revisions else None,
            _version(_snapshot(application, application.year)),
            tuple(r.note.removeprefix(BEFORE_AMENDMENT).lstrip(" :") for r in revisions))


@dataclass(frozen=True)
class AmendAnswer:
    application_id: int
    summary: str
    total_cost: Decimal
    amounts: tuple[tuple[str, Decimal], ...]  # (funder code, amount requested)
    note: str
    actor: str


def _set_amounts(application: Application, amounts: Sequence[tuple[str, Decimal]]) -> None:
    lines = {line.funder.code: line for line in application.lines_for(application.year)}
    for code, amount in amounts:
        if money(amount) < 0:
            raise ServiceError(f"{code} : montant négatif")
        if code in lines:
            lines[code].requested = money(amount)
        elif money(amount):
            funder = application.contract.funder(code)
            application.funding_lines.append(FundingLine(
                funder, application.year, money(amount), funder.default_nature))


def amend_answer(database: Database, command: AmendAnswer, now: Clock = datetime.now) -> None:
    """Amend an answer before the decision, keeping the version it replaces."""
    actor = _actor(command.actor, "amende la réponse")
    if not command.note.strip():
        raise ServiceError("indiquez l'objet de l'amendement")
    at = now()
    with database.unit_of_work() as uow:
        application = get_application(uow.session, command.application_id)
        call = application.call
        if call is None or call.channel is not Channel.AMI:
            raise ServiceError(f"{application.reference} ne répond à aucun AMI")
        if call.closed or not _as_answer(application, call.year).is_open:
            raise ServiceError(f"{application.reference} est décidé : il ne s'amende plus")
        if money(command.total_cost) < 0:
            raise ServiceError("coût total négatif")
        before = json.dumps(_snapshot(application, call.year))
        uow.session.add(Revision(application, at, actor,
                                 f"{BEFORE_AMENDMENT} : {command.note.strip()}", before))
        application.summary = command.summary.strip()
        application.total_cost = money(command.total_cost)
        try:
            _set_amounts(application, command.amounts)
        except KeyError as exc:
            raise ServiceError(str(exc.args[0])) from None
        uow.commit()


# --- selection and closing ------------------------------------------------------------------


@dataclass(frozen=True)
class SelectAnswers:
    call_id: int
    chosen_ids: tuple[int, ...]
    refusal_reason: str
    actor: str


@dataclass(frozen=True)
class SelectionResult:
    granted: tuple[str, ...]
    refused: tuple[str, ...]


def _decide(application: Application, granted: bool, reason: str, actor: str,
            at: datetime, reference: str) -> Decision:
    target = Status.GRANTED if granted else Status.REFUSED
    for step in steps_to(application.status, target, application.channel):
        move(application, step, actor,
             reason if step is target else "Étape enregistrée lors de la décision de l'AMI", at)
    for line in application.lines_for(application.year):
        amount = (line.proposed if line.proposed is not None else line.requested) \
            if granted else ZERO
        line.proposed = line.proposed if line.proposed is not None else amount
        line.granted = amount
        line.status = FundingLineStatus.VOTED if amount else FundingLineStatus.REFUSED
        line.opinion = Opinion.FAVOURABLE if amount else Opinion.UNFAVOURABLE
        line.opinion_reason = "" if granted else reason
        line.decision_date, line.decision_reference = at.date(), reference
    return Decision(application, DecisionOutcome.GRANTED if granted else DecisionOutcome.REFUSED,
                    Opinion.FAVOURABLE if granted else Opinion.UNFAVOURABLE, reason, at)


def select_answers(database: Database, command: SelectAnswers,
                   now: Clock = datetime.now) -> SelectionResult:
    """Grant the chosen answers, refuse the other open ones with the reason, in one go."""
    actor = _actor(command.actor, "enregistre la sélection")
    at = now()
    with database.unit_of_work() as uow:
        call = _ami(uow.session, command.call_id)
        answers = _answers(uow.session, call)
        try:
            plan = plan_selection([_as_answer(a, call.year) for a in answers],
                                  command.chosen_ids, command.refusal_reason,
                                  call.budget_ceiling, call.closed)
        except AmiError as exc:
            raise ServiceError(str(exc)) from None
        by_id = {a.id: a for a in answers}
        reference = f"AMI {call.year} — sélection du {at:%d/%m/%Y}"
        for answer in plan.chosen:
            uow.session.add(_decide(by_id[answer.id], True, f"Réponse retenue à « {call.title} »",
                                    actor, at, reference))
        for answer in plan.refused:
            uow.session.add(_decide(by_id[answer.id], False, plan.reason, actor, at, reference))
        uow.commit()
        return SelectionResult(tuple(a.reference for a in plan.chosen),
                               tuple(a.reference for a in plan.refused))


def close_ami(database: Database, call_id: int) -> None:
    """Close the AMI once every answer is decided: it receives nothing more."""
    with database.unit_of_work() as uow:
        call = _ami(uow.session, call_id)
        error = close_error([_as_answer(a, call.year) for a in _answers(uow.session, call)],
                            call.closed)
        if error:
            raise ServiceError(error)
        call.closed = True
        uow.commit()
