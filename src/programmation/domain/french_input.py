"""What people type in French — amounts, numbers, percentages, dates — read by one rule.

Every parser takes the text of a field (or of a spreadsheet cell) and returns
the value, None for an empty field, or raises :class:`InputError` whose
message is a French sentence quoting what was typed. The editor, the
instruction screens and the importer all read numbers this way.

**Numbers** (amounts, quantities, counts, percentages):

1. Spaces of every kind group thousands and are dropped — the plain space,
   U+00A0, U+202F (what :func:`~.money.format_eur` writes), U+2009, U+2007 —
   and so is the Swiss apostrophe: « 1 234 », « 1'234 ».
2. An amount may carry the euro before or after it (« € », « EUR », « euros »);
   a percentage its « % » after it. A leading « - » or « + » gives the sign.
3. The separators:

   - a comma and a dot together: the last one written separates the decimals,
     the other groups thousands — « 1.234,50 » and « 1,234.50 » are 1 234,50;
   - commas only: one comma separates the decimals (« 12,5 »), several group
     thousands (« 1,234,567 »);
   - dots only: several group thousands (« 1.234.567 »); **a single dot
     followed by exactly three digits, after one to three digits not starting
     with 0, groups thousands too** — « 1.234 » is 1 234, as « 1.500 € » is
     written on French invoices; any other single dot separates the decimals
     (« 1.5 » is 1,50, « 1234.567 » and « 0.125 » have three decimals);
   - a thousands group holds exactly three digits: « 12,3,4 » or « 1.23.456 »
     are refused, never guessed.

4. An amount has at most two decimals: « 1,234 » or « 0,005 » are refused
   rather than rounded (« 1,234 » may be an English 1 234 or a French 1,234).

**Dates**: ``jj/mm/aaaa``, ``jj/mm/aa`` (20aa), with « / », « . » or « - »
between the parts, or ``aaaa-mm-jj`` (also ``aaaa/mm/jj``).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from .money import money

SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007'\u2019]+")
EURO_MARKS = ("euros", "euro", "eur", "€")  # longest first
_GROUPED_ONCE = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")  # « 1.234 »: thousands
_DIGITS = re.compile(r"[0-9]*")
_ISO_DATE = re.compile(r"([0-9]{4})([-/])([0-9]{1,2})\2([0-9]{1,2})")
_FRENCH_DATE = re.compile(r"([0-9]{1,2})([/.\-])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})")
MAX_CENTS_DIGITS = 2
DATE_FORMAT = "jj/mm/aaaa"


class InputError(ValueError):
    """Text that is not what the field expects; the message is French and quotes it."""


def not_a(text: str, what: str, why: str = "") -> InputError:
    """« « douze » n'est pas un montant », with ``why`` after it when given."""
    return InputError(f"« {text.strip()} » n'est pas {what}{why}")


def not_a_date(text: str) -> InputError:
    return not_a(text, "une date", f" ({DATE_FORMAT} attendu)")


def _without_marks(raw: str, before: tuple[str, ...], after: tuple[str, ...]) -> str:
    lowered = raw.lower()
    for mark in after:
        if lowered.endswith(mark):
            raw, lowered = raw[:-len(mark)], lowered[:-len(mark)]
            break
    for mark in before:
        if lowered.startswith(mark):
            return raw[len(mark):]
    return raw


def _separators(body: str) -> tuple[str | None, str | None]:
    """(decimal separator, thousands separator) of digits, commas and dots — or ValueError."""
    commas, dots = body.count(","), body.count(".")
    if commas and dots:
        decimal = "," if body.rfind(",") > body.rfind(".") else "."
        if body.count(decimal) > 1:
            raise ValueError
        return decimal, "." if decimal == "," else ","
    if commas:
        return (",", None) if commas == 1 else (None, ",")
    if dots == 1 and not _GROUPED_ONCE.fullmatch(body):
        return ".", None
    return None, "." if dots else None


def _grouped(whole: str, thousands: str | None) -> str:
    """The digits of ``whole``, whose thousands groups (if any) must hold three digits."""
    if thousands is None or thousands not in whole:
        if not _DIGITS.fullmatch(whole):
            raise ValueError
        return whole
    head, *groups = whole.split(thousands)
    if not (re.fullmatch(r"[1-9][0-9]{0,2}", head)
            and all(re.fullmatch(r"[0-9]{3}", g) for g in groups)):
        raise ValueError
    return head + "".join(groups)


def _read(text: str, what: str, *, before: tuple[str, ...] = (),
          after: tuple[str, ...] = ()) -> tuple[Decimal, int] | None:
    """(value, number of decimals typed), None for an empty field; the rule of the module."""
    raw = SPACES.sub("", text or "")
    if not raw:
        return None
    raw = _without_marks(raw, before, after)
    sign = raw[0] if raw[:1] in ("+", "-") else ""
    body = raw[len(sign):]
    try:
        if not body or not re.fullmatch(r"[0-9.,]+", body):
            raise ValueError
        decimal, thousands = _separators(body)
        whole, _, fraction = body.partition(decimal) if decimal else (body, "", "")
        digits = _grouped(whole, thousands)
        if decimal and not re.fullmatch(r"[0-9]+", fraction):
            raise ValueError
    except ValueError:
        raise not_a(text, what) from None
    value = Decimal(f"{digits or '0'}.{fraction}" if fraction else digits)
    value = -value if sign == "-" else value
    return (value if value else abs(value)), len(fraction)  # never « -0 »


def parse_number(text: str) -> Decimal | None:
    """A number, possibly with decimals and a sign (an indicator's target, a quantity)."""
    read = _read(text, "un nombre")
    return None if read is None else read[0]


def parse_amount(text: str, *, negative: bool = False) -> Decimal | None:
    """An amount in euros, to the cent; refused when negative unless ``negative``."""
    read = _read(text, "un montant", before=EURO_MARKS, after=EURO_MARKS)
    if read is None:
        return None
    value, decimals = read
    if decimals > MAX_CENTS_DIGITS:
        raise InputError(f"« {text.strip()} » : plus de deux décimales (écrivez par exemple "
                         "1 234,50)")
    if value < 0 and not negative:
        raise InputError(f"« {text.strip()} » : montant négatif")
    return money(value)


def parse_count(text: str) -> int | None:
    """A whole number of people or things (no decimals, not negative)."""
    read = _read(text, "un nombre")
    if read is None:
        return None
    value = read[0]
    if value != value.to_integral_value() or value < 0:
        raise InputError(f"« {text.strip()} » : nombre entier positif attendu")
    return int(value)


def parse_percent(text: str) -> Decimal | None:
    """« 85 » or « 85,5 % » → the ratio 0.85 or 0.855 (4 decimals); between 0 and 100."""
    read = _read(text, "un pourcentage", after=("%",))
    if read is None:
        return None
    value = read[0]
    if not 0 <= value <= 100:
        raise InputError(f"« {text.strip()} » : pourcentage entre 0 et 100 attendu")
    return (value / 100).quantize(Decimal("0.0001"))


def parse_date(text: str) -> date | None:
    """``12/03/2025``, ``12.03.25``, ``12-03-2025`` or ``2025-03-12`` → the date."""
    raw = (text or "").strip()
    if not raw:
        return None
    iso, french = _ISO_DATE.fullmatch(raw), _FRENCH_DATE.fullmatch(raw)
    if iso:
        year, month, day = int(iso[1]), int(iso[3]), int(iso[4])
    elif french:
        year = int(french[4]) + (2000 if len(french[4]) == 2 else 0)
        month, day = int(french[3]), int(french[1])
    else:
        raise not_a_date(raw)
    try:
        return date(year, month, day)
    except ValueError:
        raise InputError(f"« {raw} » : cette date n'existe pas") from None
