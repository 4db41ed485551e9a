"""What people type in the editor's fields, read the French way."""

from datetime import date
from decimal import Decimal

import pytest

from programmation.ui.editor.inputs import (
    InputError,
    amount_text,
    parse_amount,
    parse_count,
    parse_date,
    parse_percent,
    percent_text,
    quantity_text,
)

D = Decimal


@pytest.mark.parametrize(("typed", "amount"), [
    ("1 234,50 €", D("1234.50")), ("1\u202f234,5", D("1234.50")), ("1234.5", D("1234.50")),
    ("1.234,50", D("1234.50")), ("1.234.567", D("1234567.00")), ("12 000", D("12000.00")),
    ("1.234", D("1234.00")), ("1.5", D("1.50")), ("", None), ("   ", None),
])
def test_amounts_are_read_as_people_type_them(typed, amount):
    assert parse_amount(typed) == amount


@pytest.mark.parametrize(("typed", "message"), [
    ("douze", "« douze » n'est pas un montant"), ("12,3,4", "« 12,3,4 » n'est pas un montant"),
    ("-50", "« -50 » : montant négatif"), ("NaN", "« NaN » n'est pas un montant"),
    ("0,005", "« 0,005 » : plus de deux décimales"),  # refused, no longer rounded to 0,01
])
def test_unreadable_amounts_say_why_in_french(typed, message):
    with pytest.raises(InputError, match=message):
        parse_amount(typed)


def test_counts_percentages_and_dates():
    assert parse_count("1 200") == 1200
    with pytest.raises(InputError, match="nombre entier positif"):
        parse_count("12,5")
    assert parse_percent("85 %") == D("0.85") and parse_percent("85,5") == D("0.855")
    with pytest.raises(InputError, match="entre 0 et 100"):
        parse_percent("140")
    assert parse_date("12/03/2025") == parse_date("12/03/25") == parse_date("2025-03-12") \
        == date(2025, 3, 12)
    with pytest.raises(InputError, match="n'existe pas"):
        parse_date("31/02/2025")
    with pytest.raises(InputError, match="jj/mm/aaaa"):
        parse_date("mars 2025")


def test_values_are_shown_back_in_french():
    assert amount_text(D("1234567.8")) == "1\u202f234\u202f567,80"
    assert percent_text(D("0.8550")) == "85,5" and percent_text(D("0.85")) == "85"
    assert quantity_text(D("12.00")) == "12" and quantity_text(None) == ""
