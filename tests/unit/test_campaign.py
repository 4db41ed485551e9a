from datetime import date
from decimal import Decimal

import pytest

from programmation.domain.campaign import (
    TEMPLATES,
    CampaignPlan,
    CurrentAction,
    Lateness,
    PastAction,
    date_errors,
    late_acceptance_error,
    late_admission_error,
    lateness,
    not_renewed,
    shift_one_year,
    template,
)

D = Decimal


def _plan(**changes) -> CampaignPlan:
    values = dict(year=2027, title="Appel à projets politique de la ville 2027",
                  pluriannual=False, opening_date=date(2026, 10, 15),
                  deadline=date(2026, 12, 15), committee_date=date(2027, 3, 12),
                  envelopes=(("ETAT-147", D("32000")), ("EPCI", D("15000"))),
                  pillar_codes=("EDU", "SAN"))
    values.update(changes)
    return CampaignPlan(**values)


def test_a_campaign_with_dates_in_order_has_no_error():
    assert _plan().errors() == []


def test_a_deadline_before_the_opening_is_refused():
    errors = date_errors(date(2026, 10, 15), date(2026, 10, 1), date(2027, 3, 12))
    assert errors == ["la date limite de dépôt (01/10/2026) précède l'ouverture (15/10/2026)"]


def test_a_committee_before_the_deadline_is_refused():
    assert _plan(committee_date=date(2026, 12, 1)).errors() == [
        "la date du comité (01/12/2026) précède la date limite de dépôt (15/12/2026)"]


def test_every_date_and_the_title_are_required():
    errors = _plan(title=" ", opening_date=None, committee_date=None).errors()
    assert errors == ["intitulé de la campagne manquant", "date d'ouverture manquante",
                      "date du comité manquante"]


def test_a_negative_envelope_is_refused():
    assert _plan(envelopes=(("CAF", D("-1")),)).errors() == [
        "enveloppe CAF négative (-1,00\u00a0€)"]


def test_next_years_campaign_shifts_dates_by_a_year_and_copies_envelopes():
    plan = _plan().next_year()
    assert (plan.year, plan.title) == (2028, "Appel à projets politique de la ville 2028")
    assert (plan.opening_date, plan.deadline, plan.committee_date) == (
        date(2027, 10, 15), date(2027, 12, 15), date(2028, 3, 12))
    assert plan.envelopes == (("ETAT-147", D("32000")), ("EPCI", D("15000")))
    assert plan.pillar_codes == ("EDU", "SAN")


def test_a_pluriannual_title_moves_both_years():
    plan = _plan(title="AAP pluriannuel 2027-2029", pluriannual=True).next_year()
    assert plan.title == "AAP pluriannuel 2028-2030"


def test_the_twenty_ninth_of_february_becomes_the_twenty_eighth():
    assert shift_one_year(date(2028, 2, 29)) == date(2029, 2, 28)


def test_a_template_gives_the_usual_dates_of_the_year():
    plan = template("AAP annuel").plan(2028, [("VILLE", D("12000"))], ["EDU"])
    assert plan.title == "Appel à projets politique de la ville 2028"
    assert (plan.opening_date, plan.deadline, plan.committee_date) == (
        date(2027, 10, 15), date(2027, 12, 15), date(2028, 3, 12))
    assert plan.errors() == []
    assert all(t.plan(2030).errors() == [] for t in TEMPLATES)


def test_an_unknown_template_is_named_in_the_error():
    with pytest.raises(KeyError, match="Biennal"):
        template("Biennal")


def test_a_dossier_deposited_after_the_deadline_is_flagged_late():
    assert lateness(date(2026, 12, 15), date(2026, 12, 16), "") is Lateness.LATE_PENDING
    assert lateness(date(2026, 12, 15), date(2026, 12, 15), "") is Lateness.ON_TIME


def test_a_late_dossier_is_accepted_only_with_a_recorded_reason():
    error = late_admission_error(date(2026, 12, 15), date(2026, 12, 18), "")
    assert error == ("dossier déposé le 18/12/2026, après la date limite du 15/12/2026 : "
                     "le motif d'acceptation doit être enregistré")
    assert late_admission_error(date(2026, 12, 15), date(2026, 12, 18),
                                "Panne du portail") is None
    assert lateness(date(2026, 12, 15), date(2026, 12, 18), "Panne") is Lateness.LATE_ACCEPTED


def test_no_reason_is_recorded_for_a_dossier_on_time_or_with_a_blank_reason():
    assert "dans les délais" in late_acceptance_error(date(2026, 12, 15), date(2026, 12, 1), "x")
    assert "motif" in late_acceptance_error(date(2026, 12, 15), date(2026, 12, 20), "  ")


def test_last_years_actions_linked_or_with_the_same_carrier_and_title_count_as_renewed():
    funded = [PastAction(1, 10, "Soutien scolaire"), PastAction(2, 11, "Football pour toutes"),
              PastAction(3, 12, "Jardins partagés")]
    this_year = [CurrentAction(1, 10, "Soutien scolaire renforcé"),
                 CurrentAction(None, 11, "FOOTBALL pour  toutes")]
    assert not_renewed(funded, this_year) == [PastAction(3, 12, "Jardins partagés")]
