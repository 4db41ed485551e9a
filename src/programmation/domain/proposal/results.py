"""What the proposal returns: lines, envelope, pillar and CPO summaries, comparison."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .inputs import ZERO, Basis

Status = Literal["optimal", "time_limit", "infeasible", "heuristic"]
Method = Literal["milp", "greedy"]


class ProposalError(RuntimeError):
    """The solver failed for a reason other than infeasibility (French message)."""


@dataclass(frozen=True)
class ProposalLine:
    """One dossier in the proposal, with the reason it is in or out."""

    dossier_id: int
    label: str
    pillar: str
    score: Decimal
    weighted_score: Decimal
    selected: bool
    fraction: Decimal
    amounts: Mapping[str, Decimal]
    reason: str

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), ZERO)


@dataclass(frozen=True)
class EnvelopeUse:
    """An envelope against what the proposal consumes. ``requested`` is what all
    candidates ask of this funder; ``binding`` says the envelope kept out (or
    cut down) at least one dossier."""

    funder_code: str
    label: str
    total: Decimal
    requested: Decimal
    used: Decimal
    remaining: Decimal
    binding: bool


@dataclass(frozen=True)
class PillarUse:
    """Money going to one pillar, its share of the total proposed, its bounds;
    ``cap_binding`` says the pillar's cap kept out (or cut down) a dossier."""

    pillar: str
    label: str
    amount: Decimal
    share: Decimal | None
    min_share: Decimal | None
    max_share: Decimal | None
    selected: int
    candidates: int
    cap_binding: bool


@dataclass(frozen=True)
class CpoFloorUse:
    """The CPO share of the year on the floor's funders: money, or number of dossiers,
    what is committed outside the proposal included — the figure the programming view
    shows once the proposal is applied (``met`` allows the cents of rounding partial
    fractions, as the solver does). ``funder_code`` joins the codes with ", "."""

    funder_code: str
    label: str
    basis: Basis
    required: Decimal
    cpo_value: Decimal  # the year's: committed + proposed
    total_value: Decimal  # the year's: committed + proposed
    achieved: Decimal | None
    met: bool
    committed_cpo: Decimal = ZERO
    committed_total: Decimal = ZERO
    funder_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Proposal:
    """A programme, line by line in the candidates' order.

    ``status``: "optimal" (proven, with fractions to 4 decimals), "time_limit"
    (best programme found when the time limit stopped the search; ``gap`` then
    bounds, relative to ``objective``, how far it can be from the optimum),
    "infeasible" (nothing selected; ``message`` says which rule cannot be met)
    or "heuristic" (the greedy baseline). ``objective`` is recomputed exactly:
    sum of weight x score x fraction. ``message`` is the French summary.
    """

    status: Status
    method: Method
    objective: Decimal
    lines: tuple[ProposalLine, ...]
    envelopes: tuple[EnvelopeUse, ...]
    pillars: tuple[PillarUse, ...]
    cpo_floor: CpoFloorUse | None
    message: str
    seconds: float
    gap: float | None = None

    def line(self, dossier_id: int) -> ProposalLine:
        for line in self.lines:
            if line.dossier_id == dossier_id:
                return line
        raise KeyError(dossier_id)

    @property
    def selected_ids(self) -> tuple[int, ...]:
        return tuple(line.dossier_id for line in self.lines if line.selected)

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), ZERO)


@dataclass(frozen=True)
class Comparison:
    """What the exact proposal gains over the greedy one (``gain_percent`` of
    the greedy objective), and which dossiers each retains that the other does not."""

    optimal_objective: Decimal
    greedy_objective: Decimal
    gain: Decimal
    gain_percent: Decimal | None
    only_optimal: tuple[int, ...]
    only_greedy: tuple[int, ...]
    message: str
