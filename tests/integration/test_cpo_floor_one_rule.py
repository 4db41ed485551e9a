"""The multi-year envelopes and the programming view keep the CPO floor by the same rule."""

from __future__ import annotations

from programmation.domain.money import ZERO
from programmation.services import cpo
from programmation.services.programming import programming_view


def test_the_multi_year_state_share_of_each_year_is_the_programming_view_s(demo_database):
    state = [f for f in cpo.multi_year_envelopes(demo_database).floors if f.required]
    assert [f.year for f in state] == [2024, 2025, 2026, 2027]
    for floor in state:
        share = programming_view(demo_database, floor.year).cpo
        check = floor.check
        assert (floor.funder, check.cpo_value, check.whole_value, check.met) == (
            share.funder_name, share.cpo_value, share.total_value, share.met)
        assert (check.share or ZERO) == share.share  # 2027: nothing funded yet, 0 %
        assert check.describe() in share.text  # « 17,9 % < 50 % : il manque 32 807,50 € »
        assert floor.envelope == share.envelope  # shown beside, never the denominator
        assert check.whole_value != floor.envelope


def test_the_epci_and_the_town_floors_count_what_their_dossiers_take_in_the_year(
        demo_database):
    wished = [f for f in cpo.multi_year_envelopes(demo_database).floors if not f.required]
    assert {f.funder for f in wished} >= {"Cœur de Flandre agglo", "Ville d'Hazebrouck"}
    for floor in wished:
        assert 0 <= floor.check.cpo_value <= floor.check.whole_value
        assert floor.check.basis.value == "money"
