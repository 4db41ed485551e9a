"""One rule for what people type in French: amounts, numbers, percentages, dates.

The editor, the instruction screens and the importer read text through
``domain.french_input``; these tests pin the rule, its ambiguous cases and its
French messages, and check that what the app writes reads back to the same value.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from programmation.adapters.importing import values
from programmation.domain.french_input import (
    InputError,
    parse_amount,
    parse_count,
    parse_date,
    parse_number,
    parse_percent,
)
from programmation.domain.money import format_eur, format_percent
from programmation.ui.display import format_date, format_quantity
from programmation.ui.editor import inputs as editor
from programmation.ui.instruction import amounts as instruction

D = Decimal
CENTS = st.decimals(min_value=D("-99999999999.99"), max_value=D("99999999999.99"), places=2,
                    allow_nan=False, allow_infinity=False)


@given(CENTS)
def test_any_amount_written_by_format_eur_reads_back_to_the_same_cent(amount):
    assert parse_amount(format_eur(amount), negative=True) == amount
    assert parse_amount(format_eur(amount, with_symbol=False), negative=True) == amount
    if amount >= 0:
        assert parse_amount(format_eur(amount)) == amount


@given(st.decimals(min_value=0, max_value=D("999999999"), places=3, allow_nan=False))
def test_any_quantity_shown_reads_back_to_the_same_number(quantity):
    assert parse_number(format_quantity(quantity)) == quantity


@given(st.decimals(min_value=0, max_value=1, places=4, allow_nan=False))
def test_any_percentage_shown_reads_back_to_the_same_ratio(ratio):
    assert parse_percent(format_percent(ratio, 2)) == ratio


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_any_date_shown_reads_back_to_the_same_day(day):
    assert parse_date(format_date(day)) == day


@pytest.mark.parametrize(("typed", "amount"), [
    ("1.234", D("1234.00")),  # a dot before exactly three digits groups thousands
    ("12.500", D("12500.00")),
    ("1.5", D("1.50")),  # any other single dot separates the decimals
    ("1.50", D("1.50")),
    ("1234.5", D("1234.50")),
    ("1.234,5", D("1234.50")),  # with a comma, the comma is the decimal one
    ("1,234.5", D("1234.50")),  # the last separator written separates the decimals
    ("1,234,567", D("1234567.00")),
    ("12,5", D("12.50")),
    (",50", D("0.50")),
    ("1'234,50", D("1234.50")),
    ("€ 12", D("12.00")),
    ("12 euros", D("12.00")),
    ("+12", D("12.00")),
])
def test_ambiguous_amounts_follow_the_documented_rule(typed, amount):
    assert parse_amount(typed) == amount


@pytest.mark.parametrize(("typed", "message"), [
    ("1,234", "« 1,234 » : plus de deux décimales"),  # French 1,234 or English 1 234? asked
    ("0.125", "« 0.125 » : plus de deux décimales"),  # a leading 0 never groups thousands
    ("1234.567", "« 1234.567 » : plus de deux décimales"),
    ("0,005", "« 0,005 » : plus de deux décimales"),  # refused, never silently rounded
    ("1.23.456", "« 1.23.456 » n'est pas un montant"),  # a group holds three digits
    ("12,3,4", "« 12,3,4 » n'est pas un montant"),
    ("1.234,5,6", "« 1.234,5,6 » n'est pas un montant"),
    ("12,", "« 12, » n'est pas un montant"),
    ("12 %", "« 12 % » n'est pas un montant"),
    ("Infinity", "« Infinity » n'est pas un montant"),
    ("-5", "« -5 » : montant négatif"),
])
def test_what_cannot_be_read_safely_is_refused_in_french(typed, message):
    with pytest.raises(InputError, match=re.escape(message)):
        parse_amount(typed)


def test_a_negative_amount_is_read_where_the_caller_allows_it():
    assert parse_amount("-1 234,50 €", negative=True) == D("-1234.50")
    assert str(parse_amount("-0", negative=True)) == "0.00"


def test_counts_numbers_percentages_and_dates_share_the_rule():
    assert parse_count("1.500") == 1500 and parse_number("2,5") == D("2.5")
    assert parse_number("-1,5") == D("-1.5")
    with pytest.raises(InputError, match="« 2,5 » : nombre entier positif attendu"):
        parse_count("2,5")
    assert parse_percent("85,5 %") == D("0.855")
    with pytest.raises(InputError, match=re.escape("« 1.500 » : pourcentage entre 0 et 100")):
        parse_percent("1.500")
    assert parse_date("1.2.25") == parse_date("2025/02/01") == date(2025, 2, 1)
    with pytest.raises(InputError, match=r"« 12/03-2025 » n'est pas une date \(jj/mm/aaaa"):
        parse_date("12/03-2025")
    with pytest.raises(InputError, match="« 29/02/2025 » : cette date n'existe pas"):
        parse_date("29/02/2025")


TYPED = ["1 234,50 €", "1234.5", "1.234", "1.5", "1,234.50", "1\u202f234,5", "0,005", "douze",
         "12,3,4", "1.234.567", "€ 12", "-3", "12 %", "1,234"]


def _outcome(parse, text):
    try:
        return parse(text)
    except ValueError as error:
        return str(error)


@pytest.mark.parametrize("typed", TYPED)
def test_the_editor_the_instruction_screens_and_the_importer_read_text_alike(typed):
    expected = _outcome(parse_amount, typed)
    assert _outcome(editor.parse_amount, typed) == expected
    assert _outcome(instruction.parse_amount, typed) == expected
    if not typed.startswith("-"):  # a sheet may hold negatives; the importer's rows refuse them
        assert _outcome(values.parse_amount, typed) == expected
