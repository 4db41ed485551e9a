"""The dossier lifecycle as an explicit state machine.

``brouillon → déposé → (irrecevable | recevable) → en instruction → instruit →
inscrit en comité → (accordé | refusé | ajourné) → conventionné / notifié → en
paiement → à justifier → justifié → soldé → clos``, plus ``retiré`` before any
payment and ``compléments demandés`` which pauses the instruction until the
carrier answers (back to ``déposé``). RESERVE dossiers skip the committee: the
co-instruction decides straight from ``instruit``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .channels import Channel, Labelled


class Status(Labelled):
    DRAFT = "draft", "Brouillon"
    SUBMITTED = "submitted", "Déposé"
    AWAITING_INFO = "awaiting_info", "Compléments demandés"
    INADMISSIBLE = "inadmissible", "Irrecevable"
    ADMISSIBLE = "admissible", "Recevable"
    UNDER_REVIEW = "under_review", "En instruction"
    REVIEWED = "reviewed", "Instruit"
    ON_AGENDA = "on_agenda", "Inscrit en comité"
    GRANTED = "granted", "Accordé"
    REFUSED = "refused", "Refusé"
    POSTPONED = "postponed", "Ajourné"
    NOTIFIED = "notified", "Conventionné / notifié"
    IN_PAYMENT = "in_payment", "En paiement"
    TO_JUSTIFY = "to_justify", "À justifier"
    JUSTIFIED = "justified", "Justifié"
    SETTLED = "settled", "Soldé"
    CLOSED = "closed", "Clos"
    WITHDRAWN = "withdrawn", "Retiré"


S = Status

_BEFORE_PAYMENT = {
    S.DRAFT, S.SUBMITTED, S.AWAITING_INFO, S.ADMISSIBLE, S.UNDER_REVIEW,
    S.REVIEWED, S.ON_AGENDA, S.POSTPONED, S.GRANTED, S.NOTIFIED,
}

_TRANSITIONS: dict[Status, frozenset[Status]] = {
    S.DRAFT: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.ADMISSIBLE, S.INADMISSIBLE, S.AWAITING_INFO}),
    S.AWAITING_INFO: frozenset({S.SUBMITTED}),
    S.INADMISSIBLE: frozenset({S.CLOSED}),
    S.ADMISSIBLE: frozenset({S.UNDER_REVIEW, S.AWAITING_INFO}),
    S.UNDER_REVIEW: frozenset({S.REVIEWED, S.AWAITING_INFO}),
    S.REVIEWED: frozenset({S.ON_AGENDA, S.UNDER_REVIEW, S.GRANTED, S.REFUSED}),
    S.ON_AGENDA: frozenset({S.GRANTED, S.REFUSED, S.POSTPONED}),
    S.POSTPONED: frozenset({S.UNDER_REVIEW, S.ON_AGENDA}),
    S.GRANTED: frozenset({S.NOTIFIED}),
    S.REFUSED: frozenset({S.CLOSED}),
    S.NOTIFIED: frozenset({S.IN_PAYMENT}),
    S.IN_PAYMENT: frozenset({S.TO_JUSTIFY}),
    S.TO_JUSTIFY: frozenset({S.JUSTIFIED}),
    S.JUSTIFIED: frozenset({S.SETTLED, S.TO_JUSTIFY}),
    S.SETTLED: frozenset({S.CLOSED}),
    S.WITHDRAWN: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}

# Decided by the co-instruction for RESERVE, by the committee for the others.
_COMMITTEE_DECISIONS = frozenset({S.GRANTED, S.REFUSED})

TERMINAL = frozenset({S.CLOSED})
DECIDED = frozenset({S.GRANTED, S.NOTIFIED, S.IN_PAYMENT, S.TO_JUSTIFY, S.JUSTIFIED, S.SETTLED})


class TransitionRefused(ValueError):
    """A status change the lifecycle does not allow; the message is French."""


def allowed_targets(current: Status, channel: Channel) -> frozenset[Status]:
    """The statuses a dossier of ``channel`` in ``current`` may move to."""
    targets = set(_TRANSITIONS[current])
    if current is S.REVIEWED:
        if channel is Channel.RESERVE:
            targets.discard(S.ON_AGENDA)
        else:
            targets -= _COMMITTEE_DECISIONS
    if current in _BEFORE_PAYMENT:
        targets.add(S.WITHDRAWN)
    return frozenset(targets)


def transition_error(current: Status, target: Status, channel: Channel) -> str | None:
    """None if allowed, else a French sentence saying why not."""
    if target in allowed_targets(current, channel):
        return None
    if target is S.WITHDRAWN:
        return (f"un dossier « {current.label} » ne peut plus être retiré : "
                "des versements ont eu lieu")
    if current is S.REVIEWED and channel is Channel.RESERVE and target is S.ON_AGENDA:
        return "un dossier de l'enveloppe de réserve est décidé en co-instruction, sans comité"
    if current is S.REVIEWED and target in _COMMITTEE_DECISIONS:
        return "la décision revient au comité : inscrivez d'abord le dossier en comité"
    return f"passage de « {current.label} » à « {target.label} » non autorisé"


def check_transition(current: Status, target: Status, channel: Channel) -> None:
    error = transition_error(current, target, channel)
    if error:
        raise TransitionRefused(error)


@dataclass(eq=False)
class StatusChange:
    """One recorded transition: who moved the dossier, when, and why."""

    from_status: Status | None
    to_status: Status
    at: datetime
    actor: str
    reason: str = ""


def _shortest(start: Status, target: Status, channel: Channel,
              avoid: frozenset[Status] = frozenset()) -> list[Status] | None:
    """Breadth-first: the shortest allowed path ``start … target`` (lifecycle order breaks ties)."""
    frontier: list[list[Status]] = [[start]]
    seen = {start}
    while frontier:
        path = frontier.pop(0)
        if path[-1] is target:
            return path
        for step in sorted(allowed_targets(path[-1], channel), key=list(Status).index):
            if step not in seen and step not in avoid:
                seen.add(step)
                frontier.append([*path, step])
    return None


def path_to(target: Status, channel: Channel) -> list[Status]:
    """The shortest lifecycle path from brouillon to ``target`` (demo data, imports)."""
    path = _shortest(S.DRAFT, target, channel)
    if path is None:
        raise TransitionRefused(f"« {target.label} » est inaccessible pour ce canal")
    return path


def steps_to(current: Status, target: Status, channel: Channel) -> list[Status]:
    """The shortest lifecycle path from ``current`` to ``target`` (excluded: ``current``).

    It never goes through « retiré »: a dossier is walked forward, not withdrawn.
    """
    path = _shortest(current, target, channel, avoid=frozenset({S.WITHDRAWN}))
    if path is None:
        raise TransitionRefused(f"« {target.label} » est inaccessible depuis « {current.label} »")
    return path[1:]
