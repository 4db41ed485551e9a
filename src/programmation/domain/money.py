"""Money is Decimal, to the cent, end to end.

One constructor, :func:`money`, turns user or stored values into a Decimal
quantized to the cent with ROUND_HALF_UP (the rounding taught in French
accounting: 0,005 € goes up). Floats are refused: a float amount has already
lost its cents.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
NARROW_NBSP = "\u202f"  # thousands separator in French
NBSP = "\u00a0"  # before the euro sign


class MoneyError(ValueError):
    """A value that cannot be an amount; the message is French, for the user."""


def money(value: Decimal | int | str) -> Decimal:
    """Return ``value`` as a Decimal rounded half-up to the cent.

    Accepts Decimal, int and plain decimal strings ("1234.5"). Refuses float
    (TypeError) and anything that is not a finite number (MoneyError).
    """
    if isinstance(value, bool | float):
        raise TypeError("un montant ne peut pas être un float : utilisez Decimal ou str")
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, str):
        try:
            amount = Decimal(value.strip())
        except InvalidOperation:
            raise MoneyError(f"« {value} » n'est pas un montant") from None
    else:
        raise TypeError(f"type de montant non géré : {type(value).__name__}")
    if not amount.is_finite():
        raise MoneyError(f"« {value} » n'est pas un montant")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def to_cents(amount: Decimal) -> int:
    """Exact integer cents of an amount (rounded to the cent first)."""
    return int(money(amount) * 100)


def from_cents(cents: int) -> Decimal:
    """The amount for a number of integer cents."""
    return (Decimal(cents) / 100).quantize(CENT)


def total(amounts: Iterable[Decimal]) -> Decimal:
    """Sum of amounts, exact, as money (0,00 € for none)."""
    return money(sum((money(a) for a in amounts), ZERO))


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part / whole`` as a ratio with 4 decimals, or None if whole is zero."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def allocate(amount: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Split ``amount`` in proportion to ``weights`` so the parts add up exactly.

    Largest-remainder method: each part is rounded down to the cent, then the
    missing cents go to the largest remainders (first ones on a tie).
    """
    amount = money(amount)
    weight_sum = sum(weights, Decimal(0))
    if not weights or not weight_sum:
        return [ZERO for _ in weights]
    cents = to_cents(amount)
    raw = [Decimal(cents) * w / weight_sum for w in weights]
    floors = [int(r) for r in raw]
    missing = cents - sum(floors)
    order = sorted(range(len(raw)), key=lambda i: raw[i] - floors[i], reverse=True)
    for i in order[:missing]:
        floors[i] += 1
    return [from_cents(c) for c in floors]


def format_eur(amount: Decimal | None, *, with_symbol: bool = True) -> str:
    """French display of an amount: ``1 234 567,89 €`` (U+202F, U+00A0).

    For display only; computing always stays on the Decimal.
    """
    if amount is None:
        return ""
    amount = money(amount)
    sign = "-" if amount < 0 else ""
    units, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while len(units) > 3:
        groups.insert(0, units[-3:])
        units = units[:-3]
    groups.insert(0, units)
    text = f"{sign}{NARROW_NBSP.join(groups)},{cents}"
    return f"{text}{NBSP}€" if with_symbol else text


def format_percent(ratio: Decimal | None, decimals: int = 1) -> str:
    """French display of a ratio: ``0.725`` → ``72,5 %``."""
    if ratio is None:
        return "—"
    value = (Decimal(ratio) * 100).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{value}".replace(".", ",") + f"{NBSP}%"
