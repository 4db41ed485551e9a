from decimal import Decimal

import pytest

from programmation.domain.money import (
    MoneyError,
    allocate,
    format_eur,
    format_percent,
    from_cents,
    money,
    to_cents,
    total,
)


def test_money_refuses_floats_because_they_have_already_lost_cents():
    with pytest.raises(TypeError):
        money(0.1)


def test_money_rounds_half_up_to_the_cent():
    assert money("2.345") == Decimal("2.35")
    assert money("2.344") == Decimal("2.34")
    assert money("-2.345") == Decimal("-2.35")
    assert money(12) == Decimal("12.00")


@pytest.mark.parametrize("bad", ["abc", "", "NaN", "Infinity"])
def test_money_rejects_text_that_is_not_an_amount_in_french(bad):
    with pytest.raises(MoneyError, match="montant"):
        money(bad)


def test_cents_round_trip_keeps_the_largest_amounts_exact():
    amount = Decimal("99999999999999.99")
    assert to_cents(amount) == 9999999999999999
    assert from_cents(to_cents(amount)) == amount


def test_total_of_many_cents_is_exact():
    assert total([Decimal("0.10")] * 10) == Decimal("1.00")
    assert total([]) == Decimal("0.00")


def test_allocate_splits_without_losing_a_cent():
    parts = allocate(Decimal("100.00"), [Decimal(1), Decimal(1), Decimal(1)])
    assert parts == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert sum(parts) == Decimal("100.00")


def test_french_format_uses_narrow_spaces_and_comma():
    assert format_eur(Decimal("1234567.89")) == "1\u202f234\u202f567,89\u00a0€"
    assert format_eur(Decimal("-5")) == "-5,00\u00a0€"
    assert format_eur(Decimal("999.5"), with_symbol=False) == "999,50"
    assert format_percent(Decimal("0.725")) == "72,5\u00a0%"
