from decimal import Decimal

from programmation.domain.channels import CpoRuleBasis
from programmation.domain.cpo import (
    CpoYears,
    amount_errors,
    commitments,
    floor_check,
    is_renewal_reference,
    payment_error,
    renewal_reference,
    social_impact_error,
)

D = Decimal


def test_the_same_amount_each_year_is_accepted():
    amounts = {"État": {2027: D("8000"), 2028: D("8000"), 2029: D("8000")}}
    assert amount_errors(amounts, 2027) == []


def test_cpo_refuses_a_lower_third_year():
    amounts = {"État": {2027: D("8000"), 2028: D("8000"), 2029: D("6000")}}
    assert amount_errors(amounts, 2027) == [
        "État : 6\u202f000,00\u00a0€ en 2029, moins que les 8\u202f000,00\u00a0€ de 2027 — "
        "une CPO est sans dégressivité, le même montant chaque année"]


def test_a_higher_later_year_is_refused_too():
    errors = amount_errors({"Ville": {2027: D("1000"), 2028: D("1200"), 2029: D("1000")}}, 2027)
    assert errors == ["Ville : 1\u202f200,00\u00a0€ en 2028 pour 1\u202f000,00\u00a0€ en 2027 — "
                      "une CPO verse le même montant chaque année"]


def test_a_missing_year_or_a_fourth_year_is_refused():
    errors = amount_errors({"État": {2027: D("1"), 2028: D("1"), 2030: D("1")}}, 2027)
    assert errors == ["État : montant 2029 manquant", "État : une CPO couvre 2027-2029, pas 2030"]


def test_a_cpo_asking_nothing_from_anyone_is_refused():
    assert amount_errors({"État": {2027: D("0"), 2028: D("0"), 2029: D("0")}}, 2027) == [
        "aucun financeur n'est sollicité"]


def test_the_social_impact_measure_is_required():
    assert social_impact_error("  ") == "la mesure d'impact social est obligatoire pour une CPO"
    assert social_impact_error("Retour à l'emploi à 6 mois") is None


def test_renewal_of_the_next_year_is_blocked_until_the_bilan_is_in():
    years = CpoYears(2024, decided=True, renewed=frozenset(), bilans=frozenset())
    assert years.renewal_blocker(2025) == (
        "le bilan 2024 n'est pas encore reçu : la reconduction 2025 l'attend")
    assert years.renewal_blocker(2026) == "reconduisez d'abord 2025"
    with_bilan = CpoYears(2024, True, frozenset(), frozenset({2024}))
    assert with_bilan.renewal_blocker(2025) is None
    assert with_bilan.next_renewal() == 2025


def test_an_undecided_cpo_and_its_first_year_are_not_renewed():
    assert CpoYears(2027, False, frozenset(), frozenset({2027})).renewal_blocker(2028) == (
        "la CPO n'est pas encore accordée par le comité")
    decided = CpoYears(2027, True, frozenset({2028}), frozenset())
    assert decided.renewal_blocker(2027) == "2027 est engagée par la décision du comité"
    assert decided.renewal_blocker(2028) == "2028 est déjà reconduite"
    assert decided.renewal_blocker(2030).startswith("2030 n'est pas une année")


def test_a_year_is_paid_only_once_confirmed():
    years = CpoYears(2024, True, frozenset(), frozenset({2024}))
    assert years.payment_blocker(2024) is None
    assert "2025 n'est pas encore confirmée" in years.payment_blocker(2025)


def test_a_payment_cannot_exceed_what_is_left_on_the_line():
    assert payment_error(D("500"), D("8000"), D("7600")) == (
        "le versement (500,00\u00a0€) dépasse ce qui reste à verser sur cette ligne "
        "(400,00\u00a0€)")
    assert payment_error(D("400"), D("8000"), D("7600")) is None
    assert payment_error(D("0"), D("8000"), D("0")) == "un versement doit être positif"


def test_the_renewal_is_written_as_the_reference_of_the_years_decision():
    assert renewal_reference(2025) == "Reconduction 2025"
    assert is_renewal_reference("Reconduction 2025", 2025)
    assert not is_renewal_reference("CP-2024", 2025)


def test_the_floor_in_money_compares_cpo_amounts_with_the_envelope():
    check = floor_check(CpoRuleBasis.MONEY, D("0.50"), D("17050"), D("82000"))
    assert not check.met
    assert check.missing == D("23950.00")
    assert check.describe() == (
        "20,8\u00a0% < 50\u00a0% : il manque 23\u202f950,00\u00a0€")
    assert floor_check(CpoRuleBasis.MONEY, D("0.5"), D("41000"), D("82000")).met


def test_the_floor_in_conventions_counts_conventions():
    check = floor_check(CpoRuleBasis.CONVENTIONS, D("0.50"), D("2"), D("7"))
    assert not check.met and check.missing == D("2")
    assert check.describe().endswith("il manque 2 convention(s)")
    assert floor_check(CpoRuleBasis.CONVENTIONS, D("0.5"), D("0"), D("0")).describe() == (
        "rien à comparer")


def test_cpo_lines_add_up_per_year():
    assert commitments([(2027, D("100")), (2028, D("100")), (2027, D("50.5"))]) == {
        2027: D("150.50"), 2028: D("100.00")}
