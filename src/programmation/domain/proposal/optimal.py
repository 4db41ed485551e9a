"""The exact proposal: the programme of maximal weighted score, by MILP."""

from __future__ import annotations

import math
import time
from collections.abc import Iterable
from decimal import Decimal

from .amounts import fit_envelopes, objective, plain_amounts
from .assembly import assemble, infeasible
from .greedy import greedy_fractions
from .inputs import ZERO, Candidate, Envelope, ProposalSettings
from .milp import solve
from .model import Model, build_model, fractions_from, start_from
from .problem import Problem, build_problem, impossible_rules
from .results import Proposal
from .totals import rule_breaches, totals

_NO_COMBINATION = ("aucune combinaison de dossiers ne respecte à la fois "
                   "les enveloppes, les parts des piliers et le plancher CPO")


def optimal_proposal(candidates: Iterable[Candidate], envelopes: Iterable[Envelope],
                     settings: ProposalSettings | None = None) -> Proposal:
    """The programme of maximal weighted score that fits every envelope and rule,
    solved exactly as a MILP with HiGHS (status "time_limit" with the best
    programme found if the time limit stops the search first)."""
    started = time.perf_counter()
    problem = build_problem(candidates, envelopes, settings or ProposalSettings())
    nothing = [ZERO] * len(problem.candidates)
    impossible = impossible_rules(problem)
    if impossible:
        return infeasible(problem, impossible, started)
    if not problem.eligible:
        return assemble(problem, nothing, "optimal", "milp", started, gap=0.0)
    model = build_model(problem)
    solved = solve(model, problem.settings.time_limit, _start_from_greedy(problem, model))
    if solved.status == "infeasible":
        return infeasible(problem, [_NO_COMBINATION], started)
    if solved.values is None:
        return assemble(problem, nothing, "time_limit", "milp", started,
                        notes=["aucune proposition trouvée dans le temps imparti"])
    fractions = fractions_from(problem, model, solved.values)
    amounts, notes = fit_envelopes(problem, fractions)
    gap = 0.0 if solved.status == "optimal" else _proven_gap(problem, fractions, solved.bound)
    return assemble(problem, fractions, solved.status, "milp", started, gap, notes, amounts)


def _start_from_greedy(problem: Problem, model: Model) -> list[float] | None:
    """The greedy programme as a first incumbent for HiGHS, if it keeps every rule."""
    fractions = greedy_fractions(problem)
    if rule_breaches(problem, totals(problem, plain_amounts(problem, fractions)), ZERO):
        return None
    return start_from(problem, model, fractions)


def _proven_gap(problem: Problem, fractions: list[Decimal], bound: float | None) -> float | None:
    """How far, at most, the exact (recomputed) objective is from the optimum,
    relative to it: from the solver's proven bound, not from its incumbent."""
    value = objective(problem, fractions)
    if bound is None or not math.isfinite(bound) or value <= 0:
        return None
    return float(max(ZERO, Decimal(repr(bound)) - value) / value)
