from decimal import Decimal

import pytest

from programmation.domain.budget import Budget, BudgetError, BudgetLine


def _balanced() -> Budget:
    return Budget.of([
        BudgetLine("604", Decimal("3000")), BudgetLine("641", Decimal("7000.50")),
        BudgetLine("74", Decimal("6000"), "ETAT-147"), BudgetLine("74", Decimal("2000"), "VILLE"),
        BudgetLine("RP", Decimal("2000.50")),
        BudgetLine("864", Decimal("800")), BudgetLine("870", Decimal("800")),
    ])


def test_a_balanced_budget_has_no_error():
    budget = _balanced()
    assert budget.total_charges == Decimal("10000.50") == budget.total_products
    assert budget.balance_errors() == []


def test_charges_must_equal_products_and_the_gap_is_named():
    budget = Budget.of([*_balanced().lines, BudgetLine("618", Decimal("100"))])
    [error] = budget.balance_errors()
    assert "déséquilibré" in error and "100,00\u00a0€" in error


def test_in_kind_uses_86_must_equal_resources_87():
    budget = Budget.of([*_balanced().lines, BudgetLine("860", Decimal("50"))])
    [error] = budget.balance_errors()
    assert "(86)" in error and "(87)" in error


def test_in_kind_contributions_stay_out_of_the_cash_budget():
    assert _balanced().total_charges == Decimal("10000.50")


def test_subsidies_are_read_per_funder_from_the_74_lines():
    assert _balanced().subsidies() == {"ETAT-147": Decimal("6000.00"),
                                       "VILLE": Decimal("2000.00")}


def test_a_74_line_without_funder_is_refused():
    with pytest.raises(BudgetError, match="financeur"):
        BudgetLine("74", Decimal("10"))


def test_unknown_accounts_and_negative_amounts_are_refused():
    with pytest.raises(BudgetError, match="inconnu"):
        BudgetLine("999", Decimal("1"))
    with pytest.raises(BudgetError, match="négatif"):
        BudgetLine("604", Decimal("-1"))


def test_versions_are_compared_line_by_line():
    adjusted = Budget.of([line if line.funder_code != "ETAT-147"
                          else BudgetLine("74", Decimal("5000"), "ETAT-147")
                          for line in _balanced().lines])
    assert _balanced().differences(adjusted) == {
        ("74", "ETAT-147"): (Decimal("6000.00"), Decimal("5000.00"))}
