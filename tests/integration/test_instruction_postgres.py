"""Instruction, programming and the proposal on a real PostgreSQL server, as on SQLite."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from programmation.adapters.persistence import tables as t
from programmation.domain.channels import Channel
from programmation.services import instruction, programming, proposal, scoring

pytestmark = pytest.mark.postgres
D = Decimal
CODES = ("PERT", "COHE", "ENJE", "EFFI", "EFFN", "PART")


def test_scoring_programming_and_proposal_work_on_postgresql(pg_demo):
    people = {p.name: p.id for p in instruction.list_people(pg_demo)}
    with pg_demo.engine.connect() as connection:
        ids = dict(connection.execute(select(t.application.c.reference, t.application.c.id)
                                      .where(t.application.c.year == 2027)).all())
    recevable = ids["2027-AAP-009"]  # nobody has scored it yet
    scoring.save_marks(pg_demo, scoring.SaveMarks(recevable, people["Anne Dufour"],
                                                  dict.fromkeys(CODES, 4)))
    assert not scoring.scores_for(pg_demo, recevable, people["Mehdi Saïdi"]).revealed
    scoring.save_marks(pg_demo, scoring.SaveMarks(recevable, people["Mehdi Saïdi"],
                                                  dict.fromkeys(CODES, 2)))
    seen = scoring.scores_for(pg_demo, recevable, people["Mehdi Saïdi"])
    assert (seen.mean, seen.spread) == (D("75.0"), D("50.0"))

    line = next(item.line for item in scoring.lines_for_person(
        pg_demo, recevable, people["Mehdi Saïdi"]) if item.editable)
    scoring.propose_amount(pg_demo, scoring.ProposeAmount(line.line_id, D("5000"),
                                                          people["Mehdi Saïdi"]))
    view = programming.programming_view(pg_demo, 2027)
    aap = next(r for r in view.envelopes if r.funder_code == "ETAT-147"
               and r.channel is Channel.AAP)
    assert aap.left == D("27000.00")  # 32 000 − 5 000

    outcome = proposal.propose(pg_demo, proposal.ProposeOptions(2027))
    assert outcome.proposal.status == "optimal"
    written = proposal.apply_proposal(pg_demo, proposal.ApplyProposal(
        2027, outcome.proposal, "Coordination"))
    assert written > 0
