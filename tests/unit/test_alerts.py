"""The rules shown beside a dossier's fields while it is typed, in words."""

from datetime import date
from decimal import Decimal

from programmation.domain.alerts import AlertField, ContractRules, DossierFacts, Request, alerts
from programmation.domain.budget import Budget, BudgetLine
from programmation.domain.channels import Channel
from programmation.domain.checklist import EXPECTED

D = Decimal
RULES = ContractRules(public_funding_ceiling=D("0.80"), reserve_project_ceiling=D("5000"),
                      qpv_share_minimum=D("0.50"))
STATE = ("ETAT-147", "État BOP 147", True)
TOWN = ("VILLE", "Ville d'Hazebrouck", True)
PRIVATE = ("PRIVE", "Fondation", False)


def ask(funder, amount, year=2025) -> Request:
    return Request(*funder, year, D(amount))


def balanced(cost="10000", state="6000", own="4000") -> Budget:
    return Budget.of([BudgetLine("604", D(cost)), BudgetLine("74", D(state), "ETAT-147"),
                      BudgetLine("RP", D(own))])


def facts(channel=Channel.AAP, **changes) -> DossierFacts:
    """A complete, sound dossier; each test breaks one rule."""
    budget = changes.pop("budget", balanced())
    values = dict(
        channel=channel, year=2025, duration_years=3 if channel is Channel.CPO else 1,
        total_cost=budget.total_charges, budget=budget, requests=(ask(STATE, "6000"),),
        siret="44238179300011", start_date=date(2025, 1, 6), end_date=date(2025, 12, 19),
        beneficiaries=120, qpv_share=D("0.85"), women=60, men=60,
        attachments=tuple((kind.value, f"{kind.value}.pdf") for kind in EXPECTED[channel]),
    )
    values.update(changes)
    return DossierFacts(**values)


def said(found, field: AlertField) -> list[str]:
    return [a.message for a in found if a.field is field]


def test_a_complete_sound_dossier_raises_no_alert():
    assert alerts(facts(), RULES) == []


def test_an_unbalanced_budget_says_both_totals_and_the_gap():
    found = alerts(facts(budget=balanced(own="3000")), RULES)
    assert said(found, AlertField.BUDGET) == [
        "budget déséquilibré : charges 10\u202f000,00\u00a0€ ≠ produits 9\u202f000,00\u00a0€ "
        "(écart 1\u202f000,00\u00a0€)"]


def test_a_request_above_the_total_cost_is_flagged():
    found = alerts(facts(requests=(ask(STATE, "6000"), ask(PRIVATE, "5000"))), RULES)
    assert "montant demandé (11\u202f000,00\u00a0€) supérieur au coût total de l'action " \
           "(10\u202f000,00\u00a0€)" in said(found, AlertField.FUNDING)


def test_a_request_without_any_budget_asks_for_the_budget():
    found = alerts(facts(budget=Budget(), total_cost=D(0)), RULES)
    assert said(found, AlertField.FUNDING) == [
        "montant demandé de 6\u202f000,00\u00a0€ sans coût total de l'action (budget à remplir)"]


def test_public_funding_over_the_contracts_ceiling_is_flagged_but_private_money_is_not():
    over = alerts(facts(budget=balanced(state="8500", own="1500"),
                        requests=(ask(STATE, "8500"),)), RULES)
    assert said(over, AlertField.FUNDING) == [
        "financements publics (85,0\u00a0% du coût) au-dessus du plafond du contrat (80\u00a0%)"]
    private = Budget.of([BudgetLine("604", D("10000")), BudgetLine("74", D("8500"), "PRIVE"),
                         BudgetLine("RP", D("1500"))])
    assert alerts(facts(budget=private, requests=(ask(PRIVATE, "8500"),)), RULES) == []


def test_a_reserve_project_above_the_per_project_ceiling_is_flagged():
    found = alerts(facts(Channel.RESERVE), RULES)
    assert said(found, AlertField.FUNDING) == [
        "projet de réserve : 6\u202f000,00\u00a0€ demandés, au-dessus du plafond par projet "
        "(5\u202f000,00\u00a0€)"]


def test_too_few_beneficiaries_living_in_the_qpv_is_flagged():
    assert said(alerts(facts(qpv_share=D("0.40")), RULES), AlertField.PUBLIC) == [
        "part des bénéficiaires habitant le QPV (40\u00a0%) sous le minimum du contrat "
        "(50\u00a0%)"]
    assert said(alerts(facts(qpv_share=None), RULES), AlertField.PUBLIC) == [
        "part des bénéficiaires habitant le QPV non renseignée"]


def test_more_women_and_men_than_beneficiaries_is_flagged():
    assert said(alerts(facts(women=70, men=60), RULES), AlertField.PUBLIC) == [
        "femmes et hommes (130) plus nombreux que les bénéficiaires (120)"]


def test_a_carrier_without_valid_siret_or_rna_is_not_identified():
    assert said(alerts(facts(siret=None), RULES), AlertField.CARRIER) == [
        "porteur non identifié : SIRET ou RNA requis"]
    assert said(alerts(facts(siret="44238179300012"), RULES), AlertField.CARRIER) == [
        "SIRET « 44238179300012 » : clé de contrôle invalide"]
    assert alerts(facts(siret=None, rna="W595000001"), RULES) == []


def test_an_end_before_the_start_or_a_period_outside_the_year_is_flagged():
    backwards = alerts(facts(start_date=date(2025, 6, 1), end_date=date(2025, 3, 1)), RULES)
    assert said(backwards, AlertField.ACTION) == [
        "la date de fin (01/03/2025) précède la date de début (01/06/2025)"]
    elsewhere = alerts(facts(start_date=date(2023, 1, 1), end_date=date(2023, 12, 31)), RULES)
    assert said(elsewhere, AlertField.ACTION) == [
        "la période de l'action (01/01/2023 – 31/12/2023) ne recouvre pas l'année du dossier "
        "(2025)"]
    school_year = facts(start_date=date(2025, 9, 1), end_date=date(2026, 6, 30))
    assert alerts(school_year, RULES) == []


def test_a_cpo_asking_less_in_its_last_year_is_flagged_as_degressive():
    cpo = facts(Channel.CPO, requests=(ask(STATE, "6000", 2025), ask(STATE, "6000", 2026),
                                       ask(STATE, "5000", 2027)))
    assert said(alerts(cpo, RULES), AlertField.FUNDING) == [
        "État BOP 147 : montants différents selon les années (2025 : 6\u202f000,00\u00a0€, "
        "2026 : 6\u202f000,00\u00a0€, 2027 : 5\u202f000,00\u00a0€) — une CPO demande le même "
        "montant chaque année"]
    steady = facts(Channel.CPO, requests=tuple(ask(STATE, "6000", y) for y in (2025, 2026, 2027)))
    assert alerts(steady, RULES) == []


def test_requests_that_differ_from_the_budgets_74_lines_are_flagged_funder_by_funder():
    found = alerts(facts(requests=(ask(STATE, "5000"), ask(TOWN, "1000")),
                         funder_names={"ETAT-147": "État BOP 147"}), RULES)
    assert said(found, AlertField.FUNDING) == [
        "État BOP 147 : 5\u202f000,00\u00a0€ demandés pour 2025, 6\u202f000,00\u00a0€ en ligne "
        "74 du budget",
        "Ville d'Hazebrouck : 1\u202f000,00\u00a0€ demandés pour 2025, 0,00\u00a0€ en ligne 74 "
        "du budget"]


def test_missing_pieces_are_listed_by_name():
    found = alerts(facts(attachments=(("statuts", "statuts.pdf"),)), RULES)
    assert said(found, AlertField.ATTACHMENTS) == [
        "pièces manquantes : RIB, Budget prévisionnel de l'association, Dernier bilan / "
        "compte-rendu financier, Liste des dirigeants, Rapport d'activité"]


def test_alerts_come_in_the_order_of_the_editors_tabs():
    found = alerts(DossierFacts(Channel.AAP, 2025), RULES)
    assert [a.field for a in found] == [AlertField.CARRIER, AlertField.ACTION,
                                        AlertField.PUBLIC, AlertField.PUBLIC,
                                        AlertField.ATTACHMENTS]


def test_the_rules_are_read_from_the_contract():
    class Settings:
        public_funding_ceiling, reserve_project_ceiling, qpv_share_minimum = (
            D("0.7"), D("3000"), D("0.6"))

    assert ContractRules.of(Settings()) == ContractRules(D("0.7"), D("3000"), D("0.6"))
