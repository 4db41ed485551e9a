"""Amounts as people type them in French: « 1 234,50 € », « 1234.5 », « 1.234,50 »."""

from __future__ import annotations

from decimal import Decimal

from ...domain.money import MoneyError, money


def parse_amount(text: str) -> Decimal | None:
    """The amount typed (None when the field is empty), or a ValueError in French."""
    cleaned = "".join(text.replace("€", "").split())  # every kind of space, U+202F included
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        amount = money(cleaned)
    except MoneyError:
        raise ValueError(f"« {text.strip()} » n'est pas un montant") from None
    if amount < 0:
        raise ValueError(f"« {text.strip()} » : un montant proposé ne peut pas être négatif")
    return amount
