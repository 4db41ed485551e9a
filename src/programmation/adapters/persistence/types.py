"""Column types: money as integer cents, ratios as integer basis points, enums as text.

SQLite has no decimal type (``Numeric`` goes through float there), so every
amount is stored as an exact integer number of cents, the same way on every
backend. This is the one place that converts.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

from sqlalchemy import BigInteger, Integer, String
from sqlalchemy.types import TypeDecorator

from ...domain.money import from_cents, to_cents

_RATIO_SCALE = Decimal(10000)


class Cents(TypeDecorator):
    """A Decimal amount stored as integer cents."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else to_cents(value)

    def process_result_value(self, value, dialect):
        return None if value is None else from_cents(value)

    def process_literal_param(self, value, dialect):
        return str(to_cents(value))


class Ratio(TypeDecorator):
    """A Decimal ratio (0.8 for 80 %) stored as integer basis points (1/10,000)."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else int((Decimal(value) * _RATIO_SCALE).to_integral_value())

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return (Decimal(value) / _RATIO_SCALE).quantize(Decimal("0.0001"))


class EnumText(TypeDecorator):
    """A StrEnum stored as its value (plain VARCHAR, no native or CHECK enum)."""

    impl = String
    cache_ok = True

    def __init__(self, enum_class: type[Enum], length: int = 20):
        super().__init__(length)
        self.enum_class = enum_class

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return self.enum_class(value).value

    def process_result_value(self, value, dialect):
        return None if value is None else self.enum_class(value)

    def __repr__(self) -> str:  # keeps alembic autogenerate output readable
        return f"EnumText({self.enum_class.__name__}, length={self.impl.length})"
