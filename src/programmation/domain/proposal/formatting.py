"""French display of the numbers the reasons and summaries quote.

Amounts use :func:`programmation.domain.money.format_eur` (``1 234,50 €``);
numbers and percentages here drop useless trailing zeros (``3 120,5``,
``12,5 %``), with the same U+202F thousands and U+00A0 before the unit.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..money import NARROW_NBSP, NBSP
from ..money import format_eur as format_eur

HUNDRED = Decimal(100)


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return NARROW_NBSP.join(parts)


def format_decimal(value: Decimal) -> str:
    """A Decimal written exactly, the French way, without useless trailing zeros:
    ``10,001``, ``-1 234,5`` (what a validation message quotes back)."""
    if not value.is_finite():
        return str(value)
    sign = "-" if value < 0 else ""
    units, _, decimals = f"{abs(value):f}".partition(".")
    decimals = decimals.rstrip("0")
    return f"{sign}{_group(units)}" + (f",{decimals}" if decimals else "")


def format_number(value: Decimal, places: str = "0.01") -> str:
    """French number rounded to ``places``, without useless trailing zeros: ``3 120,5``."""
    return format_decimal(value.quantize(Decimal(places), rounding=ROUND_HALF_UP))


def format_pct(ratio: Decimal) -> str:
    return f"{format_number(ratio * HUNDRED)}{NBSP}%"


def format_gap(gap: float) -> str:
    """A solver's relative gap as a French percentage with two significant digits."""
    percent = Decimal(repr(gap)) * HUNDRED
    if percent < Decimal("0.0001"):
        return f"moins de 0,0001{NBSP}%"
    places = Decimal(1).scaleb(min(-2, percent.adjusted() - 1))
    return f"{format_number(percent, str(places))}{NBSP}%"


def format_seconds(seconds: float) -> str:
    return f"{format_number(Decimal(str(seconds)))}{NBSP}s"


def format_score(score: Decimal) -> str:
    return f"{format_number(score)}/100"


def plural(count: int, one: str, many: str) -> str:
    """``1 dossier``, ``2 dossiers`` (French: 0 and 1 take the singular)."""
    return f"{count} {one if count < 2 else many}"
