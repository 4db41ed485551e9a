"""Cell values as people type them in French sheets: amounts, dates, years, text.

Each parser takes what the reader gave (str, int, float, date, datetime…) and
returns a typed value, None for an empty cell, or raises :class:`ValueProblem`
with a French sentence that names the value — the caller adds the column.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ...domain.money import money
from ...domain.text import search_key

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']+")
_CURRENCY = re.compile(r"(€|eur(os?)?)$", re.IGNORECASE)
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1 January 1900 (with Excel's 1900 leap bug)
_FIRST_SERIAL, _LAST_SERIAL = 1, 73050  # 1900-01-01 … 2099-12-31
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%Y/%m/%d")


# The normalised form of a text, cached: an import repeats the same carriers, funders and
# pillars on thousands of rows.
text_key = lru_cache(maxsize=1 << 16)(search_key)


class ValueProblem(ValueError):
    """A cell that cannot be read as the field needs; the message is French."""


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
        raise ValueProblem(f"« {parse_text(value)} » n'est pas un montant")
    if isinstance(value, int):
        return money(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueProblem("montant illisible")
        return money(Decimal(repr(value)))  # a computed cell may carry more than 2 decimals
    return _amount_from_text(str(value))


def _amount_from_text(text: str) -> Decimal:
    cleaned = _SPACES.sub("", text.strip())
    cleaned = _CURRENCY.sub("", cleaned)
    negative = cleaned.startswith("-") or (cleaned.startswith("(") and cleaned.endswith(")"))
    cleaned = cleaned.strip("-()+")
    if "," in cleaned and "." in cleaned:  # the last one separates the cents
        thousands = "." if cleaned.rfind(",") > cleaned.rfind(".") else ","
        cleaned = cleaned.replace(thousands, "")
    elif cleaned.count(".") > 1 or cleaned.count(",") > 1:  # 1.234.567 or 1,234,567
        cleaned = cleaned.replace(".", "").replace(",", "")
    cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d+)?", cleaned):
        raise ValueProblem(f"« {text.strip()} » n'est pas un montant")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValueProblem(f"« {text.strip()} » n'est pas un montant") from None
    if amount.as_tuple().exponent < -2:
        raise ValueProblem(f"« {text.strip()} » : plus de deux décimales (écrivez par exemple "
                           "1234,50 ou 1 234)")
    return money(-amount if negative else amount)


def parse_date(value: object) -> date | None:
    """``12/03/2025``, ``2025-03-12``, date cells and Excel serial numbers → date."""
    if is_empty(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValueProblem(f"« {value} » n'est pas une date")
    if isinstance(value, (int, float)):
        return _from_serial(value)
    text = str(value).strip()
    if re.fullmatch(r"\d+([.,]\d+)?", text):
        return _from_serial(float(text.replace(",", ".")))
    day_part = text.split()[0].split("T")[0]
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(day_part, pattern).date()
        except ValueError:
            continue
    raise ValueProblem(f"« {text} » n'est pas une date (JJ/MM/AAAA attendu)")


def _from_serial(serial: float) -> date:
    if not _FIRST_SERIAL <= serial <= _LAST_SERIAL:
        raise ValueProblem(f"« {parse_text(serial)} » n'est pas une date (JJ/MM/AAAA attendu)")
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
