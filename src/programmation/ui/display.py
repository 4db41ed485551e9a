"""French display of numbers, dates and counts, for widgets (never for computing)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ..domain.money import NARROW_NBSP, format_eur, format_percent

__all__ = ["format_count", "format_date", "format_datetime", "format_eur", "format_int",
           "format_percent", "format_quantity"]


def format_int(number: int | None) -> str:
    """``12345`` → ``12 345`` (U+202F between thousands); empty for None."""
    if number is None:
        return ""
    return f"{number:,}".replace(",", NARROW_NBSP)


def format_quantity(value: Decimal | None) -> str:
    """A quantity without needless decimals: ``112.00`` → ``112``, ``2.5`` → ``2,5``."""
    if value is None:
        return "—"
    if value == value.to_integral_value():
        return format_int(int(value))
    whole, _, decimals = f"{value.normalize():f}".partition(".")
    return f"{format_int(int(whole))},{decimals}"


def format_count(number: int, singular: str, plural: str) -> str:
    """``0 dossier``, ``1 dossier``, ``2 dossiers`` (French: zero and one are singular)."""
    return f"{format_int(number)} {singular if number < 2 else plural}"


def format_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def format_datetime(moment: datetime | None) -> str:
    return moment.strftime("%d/%m/%Y à %H:%M") if moment else ""
