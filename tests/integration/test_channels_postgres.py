"""The four channels' use cases on a real PostgreSQL server, as on SQLite."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from programmation.adapters.persistence import tables as t
from programmation.services import ami, campaigns, cpo, reserve

pytestmark = pytest.mark.postgres
D = Decimal


def test_every_channel_works_on_postgresql(pg_demo):
    plan = campaigns.plan_from_last_year(pg_demo)
    campaigns.create_campaign(pg_demo, campaigns.CreateCampaign(plan, "Claire Vanhove"))
    assert campaigns.list_campaigns(pg_demo)[0].year == 2028

    call = ami.list_amis(pg_demo)[0]
    answers = ami.compare_answers(pg_demo, call.id).answers
    chosen = next(a for a in answers if not a.flags)
    result = ami.select_answers(pg_demo, ami.SelectAnswers(call.id, (chosen.id,), "Moins adaptée",
                                                           "Comité"))
    assert len(result.refused) == 2
    ami.close_ami(pg_demo, call.id)

    overview = reserve.reserve_overview(pg_demo, 2026)
    dossier = next(r for r in overview.dossiers if r.reference == "2026-RESERVE-003")
    before = {b.funder_code: b.balance for b in overview.balances}
    reserve.record_coinstruction(pg_demo, reserve.RecordCoInstruction(dossier.id, (
        reserve.AnswerInput("ETAT-147", True, D("800"), "Mehdi Saïdi"),
        reserve.AnswerInput("EPCI", False, D("0"), "Claire Vanhove"),
        reserve.AnswerInput("VILLE", True, D("500"), "Anne Dufour")), "Claire Vanhove"))
    after = {b.funder_code: b.balance for b in reserve.reserve_overview(pg_demo, 2026).balances}
    assert after["ETAT-147"] == before["ETAT-147"] - 800
    assert after["VILLE"] == before["VILLE"] - 500

    mission = next(r.id for r in cpo.list_cpos(pg_demo) if r.reference == "2024-CPO-001")
    with pg_demo.engine.begin() as connection:  # take back the demo's renewal of 2026
        connection.execute(t.funding_line.update().where(
            t.funding_line.c.application_id == mission, t.funding_line.c.year == 2026)
            .values(decision_reference=""))
    assert not cpo.cpo_timeline(pg_demo, mission).years[2].confirmed
    cpo.record_bilan(pg_demo, cpo.RecordBilan(mission, 2025, date(2026, 5, 30), True, None, None,
                                              "", "Mehdi Saïdi"))
    cpo.renew_year(pg_demo, mission, 2026, "Mehdi Saïdi")
    assert cpo.cpo_timeline(pg_demo, mission).years[2].confirmed
    assert cpo.multi_year_envelopes(pg_demo).floors
