"""The pillars a proposal's share rules may name: the contract of the year's, priority marked."""

from __future__ import annotations

from programmation.services.proposal import proposal_pillars


def test_the_2027_pillars_are_the_running_contracts_priority_ones_first(demo_database):
    pillars = proposal_pillars(demo_database, 2027)
    assert [p.code for p in pillars if p.priority] == ["EDU", "EMP", "SAN", "ECO", "SEC"]
    assert [p.code for p in pillars if not p.priority] == ["LSC", "ADR", "CSP", "MOB"]
    assert pillars[0].name == "Éducation (0-25 ans, réussite éducative, parentalité)"
