"""Reading what people type in French — amounts, numbers, percentages, dates — and back.

``1 234,50 €``, ``1234.5``, ``1.234,50``, ``85 %``, ``12/03/2025``: each parser
returns the value, None for an empty field, or raises :class:`InputError`
with a French sentence. Display goes through the same French conventions
(U+202F between thousands, a comma for decimals).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from ...domain.money import format_eur, money
from ..display import format_date, format_int, format_quantity

_SPACES = re.compile(r"[\s\u00a0\u202f']")


class InputError(ValueError):
    """Text that is not what the field expects; the message is French."""


def _number(text: str, what: str) -> Decimal | None:
    raw = _SPACES.sub("", text or "").replace("€", "").replace("%", "")
    if not raw:
        return None
    if "," in raw:  # French: dots (if any) separate thousands, the comma the decimals
        raw = raw.replace(".", "").replace(",", ".", 1)
    elif raw.count(".") > 1 or re.fullmatch(r"-?\d{1,3}(\.\d{3})+", raw):
        raw = raw.replace(".", "")  # 1.234.567 or 1.234: thousands
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise InputError(f"« {text.strip()} » n'est pas {what}") from None
    if not value.is_finite():
        raise InputError(f"« {text.strip()} » n'est pas {what}")
    return value


def parse_amount(text: str) -> Decimal | None:
    """An amount in euros, to the cent (negative amounts are refused)."""
    value = _number(text, "un montant")
    if value is None:
        return None
    if value < 0:
        raise InputError(f"« {text.strip()} » : montant négatif")
    return money(value)


def parse_count(text: str) -> int | None:
    """A whole number of people (no decimals, not negative)."""
    value = _number(text, "un nombre")
    if value is None:
        return None
    if value != value.to_integral_value() or value < 0:
        raise InputError(f"« {text.strip()} » : nombre entier positif attendu")
    return int(value)


def parse_quantity(text: str) -> Decimal | None:
    """A target of an indicator: a number, possibly with decimals."""
    return _number(text, "un nombre")


def parse_percent(text: str) -> Decimal | None:
    """``85`` or ``85 %`` → ``0.85``; between 0 and 100."""
    value = _number(text, "un pourcentage")
    if value is None:
        return None
    if not 0 <= value <= 100:
        raise InputError(f"« {text.strip()} » : pourcentage entre 0 et 100 attendu")
    return (value / 100).quantize(Decimal("0.0001"))


def parse_date(text: str) -> date | None:
    """``12/03/2025``, ``12/03/25``, ``12.03.2025`` or ``2025-03-12``."""
    raw = (text or "").strip()
    if not raw:
        return None
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw)
    french = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})", raw)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if french:
            year = int(french[3]) + (2000 if len(french[3]) == 2 else 0)
            return date(year, int(french[2]), int(french[1]))
    except ValueError:
        raise InputError(f"« {raw} » : cette date n'existe pas") from None
    raise InputError(f"« {raw} » : date attendue au format jj/mm/aaaa")


def amount_text(value: Decimal | None) -> str:
    """``1 234,50`` (no € sign: the field's label says it)."""
    return "" if value is None else format_eur(value, with_symbol=False)


def count_text(value: int | None) -> str:
    return format_int(value)


def quantity_text(value: Decimal | None) -> str:
    return "" if value is None else format_quantity(value)


def percent_text(ratio: Decimal | None) -> str:
    if ratio is None:
        return ""
    return quantity_text((ratio * 100).normalize())


def date_text(day: date | None) -> str:
    return format_date(day)
