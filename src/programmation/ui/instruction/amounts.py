"""Proposed amounts as people type them in French: « 1 234,50 € », « 1234.5 », « 1.234 ».

The instruction screens read them by the domain's one rule
(:func:`programmation.domain.french_input.parse_amount`): the amount, None when
the field is empty, or an ``InputError`` (a ``ValueError``) in French — a
negative amount included.
"""

from __future__ import annotations

from ...domain.french_input import InputError, parse_amount

__all__ = ["InputError", "parse_amount"]
