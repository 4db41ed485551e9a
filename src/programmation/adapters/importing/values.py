"""Cell values as people type them in French sheets: amounts, dates, years, text.

Each parser takes what the reader gave (str, int, float, date, datetime…) and
returns a typed value, None for an empty cell, or raises :class:`ValueProblem`
with a French sentence that names the value — the caller adds the column.
Text is read by the domain's one rule (:mod:`programmation.domain.french_input`);
what is the spreadsheets' own stays here: numeric and date cells, Excel serial
dates, a time after the day, accounting negatives « (12,50) ».
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache

from ...domain import french_input
from ...domain.french_input import InputError, not_a, not_a_date
from ...domain.money import money
from ...domain.text import search_key

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1 January 1900 (with Excel's 1900 leap bug)
_FIRST_SERIAL, _LAST_SERIAL = 1, 73050  # 1900-01-01 … 2099-12-31
_TIME = re.compile(r"[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?$")  # « 12/03/2025 10:30 »


# The normalised form of a text, cached: an import repeats the same carriers, funders and
# pillars on thousands of rows.
text_key = lru_cache(maxsize=1 << 16)(search_key)

# A cell that cannot be read as the field needs; the message is French. The same error as
# the domain's parsers raise, so a cell typed by hand reads as a field typed in the editor.
ValueProblem = InputError


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_text(value: object) -> str | None:
    """Text with outer spaces removed; a whole number typed in a numeric cell keeps no « .0 »."""
    if is_empty(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() else value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def parse_amount(value: object) -> Decimal | None:
    """``1 234,50 €``, ``1234.5``, ``1 234``, ``1.234,50``, numeric cells → Decimal euros."""
    if is_empty(value):
        return None
    if isinstance(value, (bool, date, timedelta)):
        raise not_a(parse_text(value) or "", "un montant")
    if isinstance(value, int):
        return money(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueProblem("montant illisible")
        return money(Decimal(repr(value)))  # a computed cell may carry more than 2 decimals
    return _amount_from_text(str(value))


def _amount_from_text(text: str) -> Decimal:
    """The domain's rule; « (12,50) », the accountants' negative, is -12,50."""
    inner = text.strip()
    if inner.startswith("(") and inner.endswith(")"):
        inner = f"-{inner[1:-1]}"
    amount = french_input.parse_amount(inner, negative=True)
    if amount is None:  # nothing but separators: « ' »
        raise not_a(text, "un montant")
    return amount


def parse_date(value: object) -> date | None:
    """``12/03/2025``, ``2025-03-12``, date cells and Excel serial numbers → date."""
    if is_empty(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise not_a(str(value), "une date")
    if isinstance(value, (int, float)):
        return _from_serial(value)
    text = str(value).strip()
    if re.fullmatch(r"[0-9]+([.,][0-9]+)?", text):
        return _from_serial(float(text.replace(",", ".")))
    return french_input.parse_date(_TIME.sub("", text))


def _from_serial(serial: float) -> date:
    if not _FIRST_SERIAL <= serial <= _LAST_SERIAL:
        raise not_a_date(parse_text(serial) or "")
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def parse_year(value: object) -> int | None:
    """A year between 2000 and 2100, typed ``2025``, ``2025.0`` or in a date cell."""
    if is_empty(value):
        return None
    if isinstance(value, date):
        return value.year
    text = parse_text(value) or ""
    if not re.fullmatch(r"\d{4}", text):
        raise ValueProblem(f"« {text} » n'est pas une année (quatre chiffres attendus)")
    year = int(text)
    if not 2000 <= year <= 2100:
        raise ValueProblem(f"année {year} hors de la période 2000-2100")
    return year
