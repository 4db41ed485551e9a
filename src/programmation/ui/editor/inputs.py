"""The editor's fields read and shown the French way.

Reading is the domain's one rule (:mod:`programmation.domain.french_input`:
``1 234,50 €``, ``1.234,50``, ``85 %``, ``12/03/2025``…): each parser returns
the value, None for an empty field, or raises :class:`InputError` with a
French sentence. Display goes through the same French conventions (U+202F
between thousands, a comma for decimals), and reads back to the same value.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ...domain.french_input import (
    InputError,
    parse_amount,
    parse_count,
    parse_date,
    parse_percent,
)
from ...domain.french_input import parse_number as parse_quantity
from ...domain.money import format_eur
from ..display import format_date, format_int, format_quantity

__all__ = ["InputError", "amount_text", "count_text", "date_text", "parse_amount",
           "parse_count", "parse_date", "parse_percent", "parse_quantity", "percent_text",
           "quantity_text"]


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
