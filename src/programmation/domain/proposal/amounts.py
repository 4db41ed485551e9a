"""Exact money of a programme, in Decimal, from the inputs and the fractions.

Each amount is requested x fraction rounded half-up to the cent; where those
roundings add up past an envelope, the lines rounded up give a cent back.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from ..money import CENT
from .inputs import FRACTION_STEP, ZERO, Candidate

if TYPE_CHECKING:
    from .problem import Problem

Amounts = list[dict[str, Decimal]]


def line_amount(requested: Decimal, fraction: Decimal) -> Decimal:
    return (requested * fraction).quantize(CENT, rounding=ROUND_HALF_UP)


def amounts(c: Candidate, fraction: Decimal) -> dict[str, Decimal]:
    if not fraction:
        return {}
    return {code: line_amount(r, fraction) for code, r in sorted(c.requested.items())}


def plain_amounts(problem: Problem, fractions: list[Decimal]) -> Amounts:
    return [amounts(c, f) for c, f in zip(problem.candidates, fractions, strict=True)]


def objective(problem: Problem, fractions: list[Decimal]) -> Decimal:
    """Sum of weight x score x fraction, exact."""
    return sum((w * f for w, f in zip(problem.weighted, fractions, strict=True)), ZERO)


def fit_envelopes(problem: Problem, fractions: list[Decimal]) -> tuple[Amounts, list[str]]:
    """Amounts per line that keep every envelope to the cent.

    Each amount is requested x fraction rounded half-up; where those roundings
    add up past an envelope, the lines that were rounded up give a cent back
    (so every amount stays within a cent of requested x fraction). Should that
    not suffice (solver tolerance), a partial fraction is lowered or, as a last
    resort, a line dropped, with a French note."""
    notes: list[str] = []
    while True:
        lines = plain_amounts(problem, fractions)
        still_over = [code for code in sorted(problem.envelopes)
                      if not _give_back_cents(problem, fractions, lines, code)]
        if not still_over:
            return lines, notes
        _trim_or_drop(problem, fractions, lines, still_over[0], notes)


def _overdraft(problem: Problem, lines: Amounts, code: str) -> Decimal:
    used = sum((line.get(code, ZERO) for line in lines), ZERO)
    return used - problem.envelopes[code].amount


def _give_back_cents(problem: Problem, fractions: list[Decimal],
                     lines: Amounts, code: str) -> bool:
    """Take rounding cents back on one funder until it fits; False if it cannot."""
    over = _overdraft(problem, lines, code)
    if over <= 0:
        return True
    rounded_up = []
    for i, line in enumerate(lines):
        if code in line:
            exact = problem.candidates[i].requested[code] * fractions[i]
            if line[code] > exact:
                rounded_up.append((-(line[code] - exact), problem.weighted[i], -i, i))
    if len(rounded_up) * CENT < over:
        return False
    for *_, i in sorted(rounded_up)[: int(over / CENT)]:
        lines[i][code] -= CENT
    return True


def _trim_or_drop(problem: Problem, fractions: list[Decimal], lines: Amounts,
                  code: str, notes: list[str]) -> None:
    over = _overdraft(problem, lines, code)
    users = [i for i, f in enumerate(fractions) if f and code in problem.candidates[i].requested]
    trimmable = [i for i in users if fractions[i] > problem.min_fraction[i]]
    if trimmable:
        i = max(trimmable, key=lambda k: (problem.candidates[k].requested[code], -k))
        steps = max(1, math.ceil(over / (problem.candidates[i].requested[code] * FRACTION_STEP)))
        fractions[i] = max(problem.min_fraction[i], fractions[i] - FRACTION_STEP * steps)
        return
    i = min(users, key=lambda k: (problem.weighted[k], -k))
    fractions[i] = ZERO
    notes.append(f"{problem.candidates[i].label} retiré pour tenir l'enveloppe "
                 f"{problem.envelopes[code].name} au centime près")

