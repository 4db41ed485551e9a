"""Scoring: the contract's grid, blind marks, the avis, and the proposed amounts.

Blind scoring: an instructor sees the others' marks only once they have saved
their own; then every total, the mean, the spread and a flag when the totals
lie far apart (``domain.scoring.DISAGREEMENT_SPREAD`` points on 100).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..adapters.persistence.database import Database
from ..domain.channels import Opinion
from ..domain.contract import Contract
from ..domain.funding import FundingLine
from ..domain.lifecycle import Status
from ..domain.money import format_eur, money
from ..domain.review import Review
from ..domain.scoring import (
    Criterion,
    Score,
    consensus,
    default_grid,
    grid_errors,
    mark_errors,
    visible_totals,
    weighted_total,
)
from .errors import ServiceError
from .instruction import Clock, current_contract, get_application, get_person, move

SCORABLE = frozenset({Status.ADMISSIBLE, Status.UNDER_REVIEW, Status.REVIEWED,
                      Status.ON_AGENDA, Status.POSTPONED})


# --- the grid ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionView:
    code: str
    label: str
    weight: int
    scale_max: int
    guidance: str


def _view(criterion: Criterion) -> CriterionView:
    return CriterionView(criterion.code, criterion.label, criterion.weight, criterion.scale_max,
                         criterion.guidance)


def contract_grid(contract: Contract) -> list[Criterion]:
    """The contract's criteria; a contract without any gets the default grid (2015 criteria)."""
    if not contract.criteria:
        contract.criteria.extend(default_grid())
    return list(contract.criteria)


def load_grid(database: Database) -> tuple[CriterionView, ...]:
    with database.unit_of_work() as uow:
        contract = current_contract(uow.session)
        return tuple(_view(c) for c in (contract.criteria or default_grid()))


@dataclass(frozen=True)
class SaveGrid:
    criteria: tuple[CriterionView, ...]


def save_grid(database: Database, command: SaveGrid) -> tuple[CriterionView, ...]:
    """Edit the grid: criteria matched by code are updated, new ones added, absent ones
    removed — unless someone has already scored them."""
    wanted = [Criterion(c.code.strip(), c.label.strip(), c.weight, c.scale_max,
                        c.guidance.strip(), i) for i, c in enumerate(command.criteria)]
    errors = grid_errors(wanted)
    if errors:
        raise ServiceError("grille de notation invalide : " + " ; ".join(errors))
    with database.unit_of_work() as uow:
        contract = current_contract(uow.session)
        existing = {c.code: c for c in contract_grid(contract)}
        for criterion in wanted:
            kept = existing.pop(criterion.code, None)
            if kept is None:
                contract.criteria.append(criterion)
                continue
            kept.label, kept.weight, kept.scale_max = (criterion.label, criterion.weight,
                                                       criterion.scale_max)
            kept.guidance, kept.position = criterion.guidance, criterion.position
        for gone in existing.values():
            used = uow.session.scalars(select(Score.id).where(  # type: ignore[attr-defined]
                Score.criterion_id == gone.id).limit(1)).first()  # type: ignore[attr-defined]
            if used is not None:
                raise ServiceError(f"le critère « {gone.label} » a déjà des notes : "
                                   "il ne peut pas être retiré de la grille")
            contract.criteria.remove(gone)
        contract.criteria.sort(key=lambda c: c.position)
        uow.commit()
        return tuple(_view(c) for c in contract.criteria)


# --- marks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SaveMarks:
    application_id: int
    person_id: int
    marks: Mapping[str, int]
    comments: Mapping[str, str] = field(default_factory=dict)


def save_marks(database: Database, command: SaveMarks, now: Clock = datetime.now) -> Decimal:
    """Save one instructor's marks on a dossier (all criteria); returns the total on 100.

    The first marks on a « recevable » dossier start its instruction (recorded).
    """
    at = now()
    with database.unit_of_work() as uow:
        application = get_application(uow.session, command.application_id)
        person = get_person(uow.session, command.person_id)
        if application.status not in SCORABLE:
            raise ServiceError(f"{application.reference} est « {application.status.label} » : "
                               "seul un dossier recevable ou en instruction se note")
        grid = contract_grid(application.contract)
        errors = mark_errors(dict(command.marks), grid)
        if errors:
            raise ServiceError("notation incomplète : " + " ; ".join(errors))
        uow.session.flush()
        mine = {s.criterion.code: s for s in _scores(uow.session, [application.id])
                if s.person is person}
        for criterion in grid:
            value, comment = command.marks[criterion.code], command.comments.get(criterion.code, "")
            score = mine.get(criterion.code)
            if score is None:
                uow.session.add(Score(application, person, criterion, value, comment.strip(), at))
            else:
                score.value, score.comment, score.scored_at = value, comment.strip(), at
        if application.status is Status.ADMISSIBLE:
            move(application, Status.UNDER_REVIEW, person.label, "Début de l'instruction", at)
        uow.commit()
        return weighted_total(dict(command.marks), grid)


def _scores(session: Session, application_ids: Iterable[int]) -> list[Score]:
    return list(session.scalars(
        select(Score).where(Score.application_id.in_(list(application_ids)))  # type: ignore[attr-defined]
        .order_by(Score.id)  # type: ignore[attr-defined]
    ))


def person_totals(scores: Iterable[Score], grid: list[Criterion]) -> dict[object, Decimal]:
    """Each instructor's total on 100 (instructors who have not marked every criterion
    of the current grid are left out)."""
    marks: dict[object, dict[str, int]] = defaultdict(dict)
    for score in scores:
        marks[score.person][score.criterion.code] = score.value
    return {person: weighted_total(given, grid) for person, given in marks.items()
            if not mark_errors({c: v for c, v in given.items()
                                if c in {g.code for g in grid}}, grid)}


def mean_scores(session: Session, application_ids: Iterable[int],
                grid: list[Criterion]) -> dict[int, tuple[Decimal, int]]:
    """Per dossier: the mean of its instructors' totals on 100 and how many scored it."""
    by_dossier: dict[int, list[Score]] = defaultdict(list)
    for score in _scores(session, application_ids):
        by_dossier[score.application_id].append(score)  # type: ignore[attr-defined]
    result = {}
    for dossier_id, scores in by_dossier.items():
        totals = person_totals(scores, grid)
        if totals:
            result[dossier_id] = (consensus({str(id(p)): t for p, t in totals.items()}).mean,
                                  len(totals))
    return result


@dataclass(frozen=True)
class MarkView:
    code: str
    label: str
    value: int
    comment: str


@dataclass(frozen=True)
class InstructorScore:
    person_id: int
    person: str
    total: Decimal
    marks: tuple[MarkView, ...]
    scored_at: datetime | None


@dataclass(frozen=True)
class ScoresView:
    """What one viewer may see of a dossier's scores."""

    grid: tuple[CriterionView, ...]
    own: InstructorScore | None
    revealed: bool  # the viewer has scored: the others' scores are shown
    scored_by_others: int  # how many others have scored (their marks stay hidden if blind)
    scores: tuple[InstructorScore, ...]
    mean: Decimal | None
    spread: Decimal | None
    disagreement: bool


def _instructor_score(person, total: Decimal, scores: list[Score],
                      grid: list[Criterion]) -> InstructorScore:
    mine = {s.criterion.code: s for s in scores if s.person is person}
    return InstructorScore(
        person.id, person.label, total,
        tuple(MarkView(c.code, c.label, mine[c.code].value, mine[c.code].comment) for c in grid),
        max((s.scored_at for s in mine.values() if s.scored_at), default=None),
    )


def scores_for(database: Database, application_id: int, viewer_person_id: int) -> ScoresView:
    with database.unit_of_work() as uow:
        application = get_application(uow.session, application_id)
        viewer = get_person(uow.session, viewer_person_id)
        grid = list(application.contract.criteria) or default_grid()
        scores = _scores(uow.session, [application.id])
        totals = person_totals(scores, grid)
        visible = visible_totals(totals, viewer)
        shown = sorted(visible.items(), key=lambda item: item[0].name)
        agreed = consensus({p.label: t for p, t in shown})
        return ScoresView(
            tuple(_view(c) for c in grid),
            _instructor_score(viewer, totals[viewer], scores, grid) if viewer in totals else None,
            bool(visible), len([p for p in totals if p is not viewer]),
            tuple(_instructor_score(p, t, scores, grid) for p, t in shown),
            agreed.mean, agreed.spread, agreed.disagreement,
        )


# --- the avis ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GiveOpinion:
    application_id: int
    person_id: int
    opinion: Opinion
    reason: str = ""


@dataclass(frozen=True)
class OpinionView:
    person_id: int
    person: str
    opinion: Opinion
    reason: str
    at: datetime | None


def give_opinion(database: Database, command: GiveOpinion, now: Clock = datetime.now) -> None:
    """One avis per instructor and dossier (a new one replaces theirs); reasons are required
    unless the avis is plainly favourable."""
    reason = command.reason.strip()
    if command.opinion is not Opinion.FAVOURABLE and not reason:
        raise ServiceError(f"avis « {command.opinion.label} » : indiquez vos motifs")
    with database.unit_of_work() as uow:
        application = get_application(uow.session, command.application_id)
        person = get_person(uow.session, command.person_id)
        if application.status not in SCORABLE:
            raise ServiceError(f"{application.reference} est « {application.status.label} » : "
                               "l'avis se donne pendant l'instruction")
        mine = [r for r in _reviews(uow.session, application.id) if r.person is person]
        if mine:
            mine[-1].opinion, mine[-1].reason, mine[-1].at = command.opinion, reason, now()
        else:
            uow.session.add(Review(application, person, command.opinion, reason, now()))
        uow.commit()


def _reviews(session: Session, application_id: int) -> list[Review]:
    return list(session.scalars(select(Review).where(
        Review.application_id == application_id).order_by(Review.id)))  # type: ignore[attr-defined]


def opinions(database: Database, application_id: int) -> tuple[OpinionView, ...]:
    with database.unit_of_work() as uow:
        return tuple(OpinionView(r.person.id, r.person.label, r.opinion, r.reason, r.at)
                     for r in _reviews(uow.session, application_id))


# --- proposed amounts --------------------------------------------------------------------------

PIPELINE = frozenset({Status.SUBMITTED, Status.AWAITING_INFO, *SCORABLE})


@dataclass(frozen=True)
class ProgrammingLine:
    """One funding line of a dossier for one year, as plain data."""

    line_id: int
    funder_id: int
    funder_code: str
    funder_name: str
    year: int
    requested: Decimal
    proposed: Decimal | None
    granted: Decimal | None
    proposed_by: str


def line_views(application, year: int) -> tuple[ProgrammingLine, ...]:
    lines = sorted(application.lines_for(year), key=lambda line: line.funder.position)
    return tuple(ProgrammingLine(line.id, line.funder.id, line.funder.code, line.funder.name,
                                 line.year, line.requested, line.proposed, line.granted,
                                 line.proposed_by) for line in lines)


def refusal(person, line, application) -> str | None:
    """Why ``person`` may not propose an amount on ``line`` (None if they may)."""
    if application.status not in PIPELINE:
        return f"{application.reference} est « {application.status.label} » : plus de proposition"
    if line.granted is not None:
        return f"{line.funder.name} : montant déjà voté ({format_eur(line.granted)})"
    if person.funder is not None and person.funder is not line.funder:
        return (f"{person.name} instruit pour {person.funder.name} : seul le montant de ce "
                f"financeur lui revient, pas celui de {line.funder.name}")
    return None


@dataclass(frozen=True)
class ProposableLine:
    line: ProgrammingLine
    editable: bool
    why_not: str


def lines_for_person(database: Database, application_id: int,
                     person_id: int) -> tuple[ProposableLine, ...]:
    """The dossier's lines for its first year, each saying whether ``person`` may propose it."""
    with database.unit_of_work() as uow:
        application = get_application(uow.session, application_id)
        person = get_person(uow.session, person_id)
        by_id = {line.id: line for line in application.funding_lines}
        result = []
        for view in line_views(application, application.year):
            why = refusal(person, by_id[view.line_id], application)
            result.append(ProposableLine(view, why is None, why or ""))
        return tuple(result)


@dataclass(frozen=True)
class ProposeAmount:
    line_id: int
    amount: Decimal | None  # None withdraws the proposal
    person_id: int


def propose_amount(database: Database, command: ProposeAmount) -> ProgrammingLine:
    """An instructor proposes the amount of one funding line — only their own funder's."""
    amount = None if command.amount is None else money(command.amount)
    if amount is not None and amount < 0:
        raise ServiceError("le montant proposé ne peut pas être négatif")
    with database.unit_of_work() as uow:
        line = uow.session.get(FundingLine, command.line_id)
        if line is None:
            raise ServiceError(f"ligne de financement n° {command.line_id} introuvable")
        application = get_application(uow.session, line.application_id)  # type: ignore[attr-defined]
        person = get_person(uow.session, command.person_id)
        why = refusal(person, line, application)
        if why:
            raise ServiceError(why)
        line.proposed, line.proposed_by = amount, person.label
        uow.commit()
        return next(v for v in line_views(application, line.year) if v.line_id == line.id)
