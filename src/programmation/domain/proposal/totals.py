"""Totals of a programme per funder, pillar and CPO floor, and the rules it breaks.

With partial funding the share rules hold up to rounding: fractions kept to 4
decimals and amounts to the cent may move them by a few cents per partial line.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..money import CENT
from .amounts import Amounts
from .formatting import format_pct
from .inputs import FRACTION_STEP, ONE, ZERO
from .problem import Problem


@dataclass
class Totals:
    amounts: Amounts
    used: dict[str, Decimal]
    pillar: dict[str, Decimal]
    total: Decimal
    cpo_value: Decimal  # the proposal's own CPO value on the floor (committed not included)
    floor_value: Decimal  # the proposal's own whole value on the floor


def totals(problem: Problem, amounts: Amounts) -> Totals:
    result = Totals(amounts, {code: ZERO for code in problem.envelopes}, {}, ZERO, ZERO, ZERO)
    floor = problem.settings.cpo_floor
    for c, lines in zip(problem.candidates, amounts, strict=True):
        if not lines:
            continue
        line_total = sum(lines.values(), ZERO)
        for code, amount in lines.items():
            result.used[code] = result.used.get(code, ZERO) + amount
        result.pillar[c.pillar] = result.pillar.get(c.pillar, ZERO) + line_total
        result.total += line_total
        if floor is not None:
            value = floor.value(lines)
            result.floor_value += value
            result.cpo_value += value if c.is_cpo else ZERO
    return result


def rounding_tolerance(problem: Problem, fractions: list[Decimal]) -> Decimal:
    """How far rounding partial fractions to 4 decimals and amounts to the
    cent may move a share rule (zero when every line is funded in full)."""
    return sum(
        (c.total_requested * 2 * FRACTION_STEP + CENT * len(c.requested)
         for c, f in zip(problem.candidates, fractions, strict=True) if ZERO < f < ONE),
        ZERO,
    )


def cpo_floor_met(problem: Problem, totals: Totals, tolerance: Decimal) -> bool:
    """The CPO floor holds for the year, committed amounts included (by money, up to the
    rounding ``tolerance``)."""
    floor = problem.settings.cpo_floor
    if floor is None:
        return True
    return floor.met(totals.cpo_value, totals.floor_value,
                     tolerance if floor.basis == "money" else ZERO)


def rule_breaches(problem: Problem, totals: Totals, tolerance: Decimal) -> list[str]:
    """Pillar shares and CPO floor not met by an allocation, in French."""
    settings, breaches = problem.settings, []
    for pillar, high in sorted(settings.pillar_max_share.items()):
        if totals.pillar.get(pillar, ZERO) > high * totals.total + tolerance:
            breaches.append(f"le pilier {settings.pillar_name(pillar)} dépasse son plafond "
                            f"de {format_pct(high)} du total proposé")
    for pillar, low in sorted(settings.pillar_min_share.items()):
        if totals.pillar.get(pillar, ZERO) < low * totals.total - tolerance:
            breaches.append(f"le pilier {settings.pillar_name(pillar)} reste sous sa part "
                            f"minimale de {format_pct(low)} du total proposé")
    floor = settings.cpo_floor
    if floor is not None and not cpo_floor_met(problem, totals, tolerance):
        breaches.append(f"le plancher CPO ({problem.floor_scope()}) n'est pas respecté")
    return breaches
