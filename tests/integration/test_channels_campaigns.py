"""AAP campaigns on the demo: next year's from this year's, the dashboard, late dossiers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from programmation.domain.campaign import Lateness
from programmation.domain.dossier import Application
from programmation.domain.review import Revision
from programmation.services import campaigns
from programmation.services.errors import ServiceError

D = Decimal
NOW = datetime(2026, 12, 20, 11, 0)


def _campaign(db, year: int):
    return next(r for r in campaigns.list_campaigns(db) if r.year == year)


def test_a_campaign_from_last_years_shifts_the_dates_and_copies_the_envelopes(demo_copy):
    plan = campaigns.plan_from_last_year(demo_copy)
    assert (plan.year, plan.title) == (2028, "Appel à projets politique de la ville 2028")
    assert (plan.opening_date, plan.deadline, plan.committee_date) == (
        date(2027, 10, 15), date(2027, 12, 15), date(2028, 3, 12))
    last_year = campaigns.campaign_dashboard(demo_copy, _campaign(demo_copy, 2027).id)
    assert [e.envelope for e in last_year.envelopes if e.envelope] == [a for _, a in
                                                                       plan.envelopes]
    new_id = campaigns.create_campaign(demo_copy, campaigns.CreateCampaign(
        plan, "Claire Vanhove"))
    dashboard = campaigns.campaign_dashboard(demo_copy, new_id)
    assert dashboard.deadline == date(2027, 12, 15)
    assert {e.funder: e.envelope for e in dashboard.envelopes} == {
        e.funder: e.envelope for e in last_year.envelopes if e.envelope}
    assert _campaign(demo_copy, 2028).id == new_id
    with pytest.raises(ServiceError, match="existe déjà pour 2028"):
        campaigns.create_campaign(demo_copy, campaigns.CreateCampaign(plan, "Claire Vanhove"))


def test_a_campaign_with_its_dates_out_of_order_writes_nothing(demo_copy):
    plan = campaigns.plan_from_template(demo_copy, "AAP pluriannuel (3 ans)", 2028)
    bad = replace(plan, committee_date=date(2027, 1, 1), pillar_codes=("EDU", "XXX"))
    with pytest.raises(ServiceError) as refused:
        campaigns.create_campaign(demo_copy, campaigns.CreateCampaign(bad, "Claire Vanhove"))
    assert "la date du comité (01/01/2027) précède la date limite de dépôt" in str(refused.value)
    assert "pilier « XXX » inconnu du contrat" in str(refused.value)
    assert all(r.year != 2028 for r in campaigns.list_campaigns(demo_copy))


def test_the_dashboard_counts_the_campaign_under_way(demo_database):
    dashboard = campaigns.campaign_dashboard(demo_database, _campaign(demo_database, 2027).id)
    counts = dashboard.counts
    assert (counts.submitted, counts.admissible, counts.decided) == (17, 9, 0)
    decided = campaigns.campaign_dashboard(demo_database, _campaign(demo_database, 2026).id)
    assert decided.counts.decided == decided.counts.proposed > 0
    assert sum(e.granted for e in decided.envelopes) > 0


def test_last_years_funded_actions_not_renewed_are_listed_until_renewed(demo_copy):
    from programmation.services.dossier_editing import renew

    call_id = _campaign(demo_copy, 2027).id
    missing = campaigns.campaign_dashboard(demo_copy, call_id).not_renewed
    assert missing and all(row.reference.startswith("2026-AAP-") and row.granted > 0
                           for row in missing)
    renew(demo_copy, missing[0].id, 2027, "Claire Vanhove")
    still = campaigns.campaign_dashboard(demo_copy, call_id).not_renewed
    assert [r.reference for r in still] == [r.reference for r in missing[1:]]


def test_a_late_dossier_is_flagged_and_accepted_only_with_a_reason(demo_copy):
    call_id = _campaign(demo_copy, 2027).id
    with demo_copy.unit_of_work() as uow:
        late = uow.session.scalars(select(Application).where(
            Application.call_id == call_id).order_by(Application.reference)).first()
        late.submitted_on = date(2026, 12, 18)  # three days after the deadline
        uow.commit()
        late_id, reference = late.id, late.reference
    flagged = campaigns.campaign_dashboard(demo_copy, call_id).late
    assert [(r.reference, r.lateness) for r in flagged] == [(reference, Lateness.LATE_PENDING)]
    with pytest.raises(ServiceError, match="indiquez le motif"):
        campaigns.accept_late_dossier(demo_copy, campaigns.AcceptLateDossier(
            late_id, "  ", "Claire Vanhove"))
    campaigns.accept_late_dossier(demo_copy, campaigns.AcceptLateDossier(
        late_id, "Portail indisponible le 15 décembre", "Claire Vanhove"), now=lambda: NOW)
    row = campaigns.campaign_dashboard(demo_copy, call_id).late[0]
    assert row.lateness is Lateness.LATE_ACCEPTED
    assert row.late_reason == ("Portail indisponible le 15 décembre — accepté par "
                               "Claire Vanhove le 20/12/2026")
    with demo_copy.unit_of_work() as uow:
        note = uow.session.scalars(select(Revision.note).where(
            Revision.application_id == late_id)).all()[-1]
        assert note == "Dépôt hors délai accepté : Portail indisponible le 15 décembre"
