"""AMI — appel à manifestation d'intérêt: a published need, answers, selection, closing.

The team publishes a *need* (description, pillar, budget ceiling, selection
criteria, deadline) with no pre-identified carrier; carriers answer; the
answers are compared on the scoring grid; the chosen one may be amended
(co-construction) before the decision; selecting one or several answers
refuses the others with a reason; once every answer is decided the AMI closes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .campaign import date_errors
from .channels import Channel
from .lifecycle import Status
from .money import format_eur, money, total
from .scoring import Criterion


class AmiError(ValueError):
    """An AMI step the rules refuse; the message is French."""


@dataclass(frozen=True)
class AmiNeed:
    """The need as published: what is looked for, how much at most, how answers are chosen."""

    year: int
    title: str
    description: str
    pillar_code: str
    budget_ceiling: Decimal | None
    selection_criteria: str
    opening_date: date | None
    deadline: date | None
    committee_date: date | None

    def errors(self) -> list[str]:
        errors = [message for value, message in (
            (self.title, "intitulé de l'AMI manquant"),
            (self.description, "description du besoin manquante"),
            (self.pillar_code, "pilier du besoin manquant"),
            (self.selection_criteria, "critères de sélection manquants"),
        ) if not value.strip()]
        if self.budget_ceiling is None or money(self.budget_ceiling) <= 0:
            errors.append("plafond budgétaire du besoin manquant")
        return errors + date_errors(self.opening_date, self.deadline, self.committee_date)


# Answers still open to a decision; the others are already decided, withdrawn or closed.
OPEN_STATUSES = frozenset({Status.DRAFT, Status.SUBMITTED, Status.AWAITING_INFO,
                           Status.ADMISSIBLE, Status.UNDER_REVIEW, Status.REVIEWED,
                           Status.ON_AGENDA, Status.POSTPONED})


@dataclass(frozen=True)
class AmiAnswer:
    id: int
    reference: str
    carrier: str
    amount: Decimal  # what the answer asks for, every funder together
    status: Status

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


def above_ceiling(amount: Decimal, ceiling: Decimal | None) -> bool:
    return ceiling is not None and money(amount) > money(ceiling)


def answer_flags(answer: AmiAnswer, ceiling: Decimal | None) -> list[str]:
    """What the comparison must point out about an answer, in words."""
    if above_ceiling(answer.amount, ceiling):
        return [f"au-dessus du plafond de l'AMI ({format_eur(answer.amount)} > "
                f"{format_eur(ceiling)})"]
    return []


@dataclass(frozen=True)
class SelectionPlan:
    chosen: tuple[AmiAnswer, ...]
    refused: tuple[AmiAnswer, ...]
    reason: str


def plan_selection(answers: Sequence[AmiAnswer], chosen_ids: Iterable[int], reason: str,
                   ceiling: Decimal | None, closed: bool) -> SelectionPlan:
    """Chosen answers are granted, the other open answers refused with ``reason``."""
    if closed:
        raise AmiError("cet AMI est clos : sa décision ne peut plus changer")
    by_id = {answer.id: answer for answer in answers}
    wanted = list(dict.fromkeys(chosen_ids))
    if not wanted:
        raise AmiError("retenez au moins une réponse")
    unknown = [i for i in wanted if i not in by_id]
    if unknown:
        raise AmiError("une réponse retenue n'appartient pas à cet AMI")
    decided = [by_id[i].reference for i in wanted if not by_id[i].is_open]
    if decided:
        raise AmiError(f"réponse déjà décidée : {', '.join(decided)}")
    chosen = tuple(by_id[i] for i in wanted)
    refused = tuple(a for a in answers if a.is_open and a.id not in wanted)
    if refused and not reason.strip():
        raise AmiError("indiquez le motif du refus des autres réponses")
    amount = total(a.amount for a in chosen)
    if above_ceiling(amount, ceiling):
        raise AmiError(f"les réponses retenues demandent {format_eur(amount)}, au-dessus du "
                       f"plafond de l'AMI ({format_eur(ceiling)}) : amendez la réponse avant "
                       "de la retenir")
    return SelectionPlan(chosen, refused, reason.strip())


def close_error(answers: Sequence[AmiAnswer], closed: bool) -> str | None:
    """An AMI closes once decided: every answer granted, refused or withdrawn."""
    if closed:
        return "cet AMI est déjà clos"
    if not answers:
        return "aucune réponse n'est rattachée à cet AMI"
    waiting = [a.reference for a in answers if a.is_open]
    if waiting:
        return f"réponse(s) non décidée(s) : {', '.join(waiting)} — retenez ou refusez d'abord"
    return None


def attach_error(closed: bool, ami_year: int, answer_year: int, answer_status: Status,
                 answer_call_id: int | None, ami_id: int,
                 answer_channel: Channel = Channel.AMI) -> str | None:
    """Why a dossier cannot be attached to the AMI as an answer, or None.

    An AMI dossier, or a draft of another channel (it then becomes an AMI dossier).
    """
    if closed:
        return "cet AMI est clos : il ne reçoit plus de réponse"
    if answer_call_id == ami_id:
        return "ce dossier répond déjà à cet AMI"
    if answer_call_id is not None:
        return "ce dossier est déjà rattaché à un autre appel"
    if answer_year != ami_year:
        return f"le dossier porte sur {answer_year}, l'AMI sur {ami_year}"
    if answer_status not in OPEN_STATUSES:
        return f"un dossier « {answer_status.label} » ne peut plus répondre à un AMI"
    if answer_channel is not Channel.AMI and answer_status is not Status.DRAFT:
        return (f"ce dossier est déposé en « {answer_channel.label} » : seul un brouillon "
                "change de modalité")
    return None


# --- comparison on the scoring grid -------------------------------------------------------

_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class GridColumn:
    """One answer on the grid: the mean mark of each criterion over its instructors."""

    means: dict[str, Decimal | None]  # criterion code → mean mark, None when unmarked
    scorers: int


def grid_column(criteria: Sequence[Criterion], marks: Iterable[tuple[int, str, int]]
                ) -> GridColumn:
    """``marks`` are (person id, criterion code, value) of one answer."""
    values: dict[str, list[int]] = {c.code: [] for c in criteria}
    people = set()
    for person, code, value in marks:
        if code in values:
            values[code].append(value)
            people.add(person)
    means = {code: (Decimal(sum(v)) / len(v)).quantize(_TENTH, rounding=ROUND_HALF_UP)
             if v else None for code, v in values.items()}
    return GridColumn(means, len(people))
