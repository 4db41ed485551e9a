"""The greedy baseline: by descending weighted score, each dossier in full if it fits."""

from __future__ import annotations

import time
from collections.abc import Iterable
from decimal import Decimal

from .assembly import assemble
from .inputs import ONE, ZERO, Candidate, Envelope, ProposalSettings
from .problem import Problem, build_problem
from .results import Proposal


def greedy_fractions(problem: Problem) -> list[Decimal]:
    order = sorted(problem.eligible, key=lambda i: (
        -problem.weighted[i], problem.candidates[i].total_requested, i))
    remaining = {code: envelope.amount for code, envelope in problem.envelopes.items()}
    fractions = [ZERO] * len(problem.candidates)
    for i in order:
        requested = problem.candidates[i].requested
        if all(remaining[code] >= amount for code, amount in requested.items()):
            fractions[i] = ONE
            for code, amount in requested.items():
                remaining[code] -= amount
    return fractions


def greedy_proposal(candidates: Iterable[Candidate], envelopes: Iterable[Envelope],
                    settings: ProposalSettings | None = None) -> Proposal:
    """Baseline: by descending weighted score, take a dossier in full if it fits
    all its envelopes. Pillar shares and the CPO floor are not sought, only
    checked: any breach is named in the message."""
    started = time.perf_counter()
    problem = build_problem(candidates, envelopes, settings or ProposalSettings())
    return assemble(problem, greedy_fractions(problem), "heuristic", "greedy", started)
