"""French numbers and dates as people type them, and what is refused."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from programmation.adapters.importing.values import (
    ValueProblem,
    parse_amount,
    parse_date,
    parse_text,
    parse_year,
)

D = Decimal


@pytest.mark.parametrize(("typed", "amount"), [
    ("1 234,50 €", D("1234.50")),
    ("1\u202f234,50\u00a0€", D("1234.50")),
    ("1\u00a0234", D("1234.00")),
    ("1234.5", D("1234.50")),
    ("1 234", D("1234.00")),
    ("1.234,50", D("1234.50")),
    ("1,234.50", D("1234.50")),
    ("1.234.567", D("1234567.00")),
    ("1.234", D("1234.00")),
    ("(1 234,50)", D("-1234.50")),
    ("12,5", D("12.50")),
    ("-12,5", D("-12.50")),
    ("0", D("0.00")),
    ("1 000 EUR", D("1000.00")),
    (1234.5, D("1234.50")),
    (0.1 + 0.2, D("0.30")),
    (1500, D("1500.00")),
])
def test_amounts_typed_the_french_way_are_read_to_the_cent(typed, amount):
    assert parse_amount(typed) == amount


@pytest.mark.parametrize("empty", [None, "", "   ", "\u00a0"])
def test_an_empty_cell_is_no_amount(empty):
    assert parse_amount(empty) is None


@pytest.mark.parametrize(("typed", "message"), [
    ("mille euros", "« mille euros » n'est pas un montant"),
    ("12 %", "« 12 % » n'est pas un montant"),
    ("1,234", "« 1,234 » : plus de deux décimales"),  # « 1.234 » is 1 234 (french_input)
    ("1,2345", "plus de deux décimales"),
    (date(2025, 3, 12), "« 12/03/2025 » n'est pas un montant"),
])
def test_what_is_not_an_amount_is_refused_in_french(typed, message):
    with pytest.raises(ValueProblem, match=message):
        parse_amount(typed)


@pytest.mark.parametrize(("typed", "day"), [
    ("12/03/2025", date(2025, 3, 12)),
    ("2025-03-12", date(2025, 3, 12)),
    ("12-03-2025", date(2025, 3, 12)),
    ("12.03.2025", date(2025, 3, 12)),
    ("12/03/25", date(2025, 3, 12)),
    ("12/03/2025 10:30", date(2025, 3, 12)),
    ("2025-03-12T10:30:00", date(2025, 3, 12)),
    (45728, date(2025, 3, 12)),  # Excel serial number
    (45728.4166, date(2025, 3, 12)),
    ("45728", date(2025, 3, 12)),
    (datetime(2025, 3, 12, 10, 0), date(2025, 3, 12)),
    (date(2025, 3, 12), date(2025, 3, 12)),
])
def test_dates_are_read_from_text_serial_numbers_and_date_cells(typed, day):
    assert parse_date(typed) == day


@pytest.mark.parametrize(("typed", "message"), [
    ("31/02/2025", "« 31/02/2025 » : cette date n'existe pas"),
    ("2025/13/01", "« 2025/13/01 » : cette date n'existe pas"),
    ("mars 2025", "n'est pas une date"), (-3, "n'est pas une date"),
    (99999999, "n'est pas une date")])
def test_impossible_dates_are_refused(typed, message):
    with pytest.raises(ValueProblem, match=message):
        parse_date(typed)


def test_years_accept_numeric_cells_and_refuse_the_rest():
    assert parse_year(2025.0) == 2025 and parse_year("2025") == 2025
    assert parse_year(date(2025, 1, 1)) == 2025
    with pytest.raises(ValueProblem, match="quatre chiffres"):
        parse_year("25")
    with pytest.raises(ValueProblem, match="hors de la période"):
        parse_year(1999)


def test_text_cells_lose_their_spaces_and_numbers_their_decimal_zero():
    assert parse_text("  Élan  ") == "Élan"
    assert parse_text(42424242424242.0) == "42424242424242"
    assert parse_text(date(2025, 3, 12)) == "12/03/2025"
    assert parse_text("  ") is None
