"""The proposal as a mixed-integer linear programme (columns and rows, in floats).

Per eligible dossier a binary x_i; a continuous fraction f_i when it may be
partly funded (otherwise f_i is x_i itself). Rows: each envelope, the partial
bounds min_share_i * x_i <= f_i <= x_i, each pillar share and the CPO floor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from .inputs import FRACTION_STEP, ONE, ZERO
from .problem import Problem

Row = tuple[list[int], list[float], float, float]  # columns, coefficients, lower, upper

_FLOAT_NOISE = Decimal("1e-9")


@dataclass
class Model:
    cost: list[float]
    upper: list[float]
    integer: list[bool]
    frac_col: dict[int, int]
    bin_col: dict[int, int]
    rows: list[Row]

    def value(self, values: list[float]) -> float:
        return sum(cost * value for cost, value in zip(self.cost, values, strict=True))


def build_model(problem: Problem) -> Model:
    model = Model([], [], [], {}, {}, [])
    for i in problem.eligible:
        model.frac_col[i] = _add_column(model, float(problem.weighted[i]),
                                        integer=problem.min_fraction[i] == ONE)
        if problem.min_fraction[i] == ONE:
            model.bin_col[i] = model.frac_col[i]
            continue
        model.bin_col[i] = _add_column(model, 0.0, integer=True)
        f, x = model.frac_col[i], model.bin_col[i]
        model.rows.append(([f, x], [1.0, -1.0], -math.inf, 0.0))
        model.rows.append(([f, x], [1.0, -float(problem.min_fraction[i])], 0.0, math.inf))
    _add_envelope_rows(problem, model)
    _add_pillar_rows(problem, model)
    _add_cpo_row(problem, model)
    return model


def _add_column(model: Model, cost: float, integer: bool) -> int:
    model.cost.append(cost)
    model.upper.append(1.0)
    model.integer.append(integer)
    return len(model.cost) - 1


def _add_envelope_rows(problem: Problem, model: Model) -> None:
    for code, envelope in sorted(problem.envelopes.items()):
        users = [i for i in problem.eligible if code in problem.candidates[i].requested]
        if users:
            model.rows.append((
                [model.frac_col[i] for i in users],
                [float(problem.candidates[i].requested[code]) for i in users],
                -math.inf,
                float(envelope.amount),
            ))


def _add_pillar_rows(problem: Problem, model: Model) -> None:
    settings = problem.settings
    bounds = [(p, s, 0.0, math.inf) for p, s in sorted(settings.pillar_min_share.items()) if s > 0]
    bounds += [(p, s, -math.inf, 0.0) for p, s in sorted(settings.pillar_max_share.items())]
    for pillar, share, low, high in bounds:
        cols, values = [], []
        for i in problem.eligible:
            c = problem.candidates[i]
            coefficient = ((ONE if c.pillar == pillar else ZERO) - share) * c.total_requested
            if coefficient:
                cols.append(model.frac_col[i])
                values.append(float(coefficient))
        if cols:
            model.rows.append((cols, values, low, high))


def _add_cpo_row(problem: Problem, model: Model) -> None:
    """sum_i (is_cpo_i - share) * v_i >= share * T0 - C0: the floor with what is committed."""
    floor = problem.settings.cpo_floor
    if floor is None or floor.share == 0:
        return
    cols, values = [], []
    for i in problem.eligible:
        c = problem.candidates[i]
        if not floor.draws_on(c.requested):
            continue
        side = (ONE if c.is_cpo else ZERO) - floor.share
        if floor.basis == "money":
            cols.append(model.frac_col[i])
            values.append(float(side * floor.value(c.requested)))
        else:
            cols.append(model.bin_col[i])
            values.append(float(side))
    if cols:
        model.rows.append((cols, values, float(-floor.slack()), math.inf))


def fractions_from(problem: Problem, model: Model, values: list[float]) -> list[Decimal]:
    """Exact fractions (4 decimals) from the solver's floats."""
    fractions = [ZERO] * len(problem.candidates)
    for i in problem.eligible:
        if values[model.bin_col[i]] < 0.5:
            continue
        if model.bin_col[i] == model.frac_col[i]:
            fractions[i] = ONE
            continue
        # Strip the float noise (0.69999999997 is 0.7), then round down so the
        # money never exceeds what the solver fitted in the envelopes.
        raw = Decimal(values[model.frac_col[i]]).quantize(_FLOAT_NOISE, rounding=ROUND_HALF_UP)
        raw = raw.quantize(FRACTION_STEP, rounding=ROUND_DOWN)
        fractions[i] = min(ONE, max(problem.min_fraction[i], raw))
    return fractions


def start_from(problem: Problem, model: Model, fractions: list[Decimal]) -> list[float]:
    """Column values of a programme funding its dossiers in full (a warm start)."""
    start = [0.0] * len(model.cost)
    for i in problem.eligible:
        if fractions[i]:
            start[model.frac_col[i]] = start[model.bin_col[i]] = 1.0
    return start
