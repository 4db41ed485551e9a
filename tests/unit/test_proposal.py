"""La proposition de programmation: exact, within the envelopes, explained in French."""

from __future__ import annotations

import subprocess
import sys
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from programmation.domain.proposal import (
    Candidate,
    CpoFloor,
    Envelope,
    ProposalSettings,
    _format_eur,
    compare,
    greedy_proposal,
    optimal_proposal,
)

D = Decimal
ZERO = D(0)
CENT = D("0.01")
FUNDERS = ("ETAT", "VILLE", "CAF", "REGION")
PILLARS = ("EDU", "EMPLOI", "SANTE")
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ------------------------------------------------------------------ strategies


def _amount(draw, low_cents: int, high_cents: int) -> Decimal:
    return D(draw(st.integers(low_cents, high_cents))) / 100


@st.composite
def instances(draw, partial: bool = False, rules: bool = False):
    funders = FUNDERS[: draw(st.integers(1, 4))]
    candidates = []
    for k in range(draw(st.integers(1, 10))):
        asked = draw(st.lists(st.sampled_from(funders), min_size=1, max_size=3, unique=True))
        min_share = D(1)
        if partial:
            min_share = draw(st.sampled_from([D(1), D(1), D("0.8"), D("0.5"), D("0.25")]))
        candidates.append(Candidate(
            dossier_id=k + 1,
            label=f"D{k + 1}",
            pillar=draw(st.sampled_from(PILLARS)),
            score=D(draw(st.integers(0, 1000))) / 10,
            requested={code: _amount(draw, 100, 500_000) for code in asked},
            is_cpo=draw(st.booleans()),
            min_share=min_share,
        ))
    envelopes = []
    for code in funders:
        if draw(st.integers(0, 9)) == 0:
            continue  # now and then a funder has no envelope at all
        demand = sum((c.requested.get(code, D(0)) for c in candidates), D(0))
        ratio = draw(st.sampled_from([D("0.2"), D("0.35"), D("0.5"), D("0.65"), D("0.8"), D(1)]))
        envelopes.append(Envelope(code, (demand * ratio).quantize(CENT), code))
    demand = sum((c.total_requested for c in candidates), D(0))
    return candidates, envelopes, draw(_settings(rules, funders, demand))


@st.composite
def floors(draw, funders: tuple[str, ...], demand: Decimal):
    """A CPO floor on one or two funders, now and then with amounts already committed
    outside the proposal (running CPOs, grants of the year) on either side of the floor."""
    codes = tuple(draw(st.lists(st.sampled_from(funders), min_size=1, max_size=2, unique=True)))
    share = draw(st.sampled_from([D("0.25"), D("0.5")]))
    basis = draw(st.sampled_from(["money", "conventions"]))
    committed = draw(st.sampled_from([None, None, D(0), D("0.25"), D("0.5"), D(1)]))
    if committed is None:
        return CpoFloor(codes, share, basis)
    part = draw(st.sampled_from([D(0), D("0.2"), D("0.5"), D("0.8"), D(1)]))
    if basis == "money":
        whole = (demand * draw(st.sampled_from([D("0.1"), D("0.3"), D("0.6")]))).quantize(CENT)
        return CpoFloor(codes, share, basis, (whole * part).quantize(CENT), whole)
    whole = D(draw(st.integers(0, 4)))
    return CpoFloor(codes, share, basis, (whole * part).quantize(D(1), ROUND_DOWN), whole)


def _settings(rules: bool, funders: tuple[str, ...], demand: Decimal = ZERO):
    shares = st.sampled_from([D("0.3"), D("0.45"), D("0.6")])
    if not rules:
        weights = st.dictionaries(st.sampled_from(PILLARS), st.sampled_from([D(1), D("1.5"), D(2)]))
        return st.builds(ProposalSettings, pillar_weights=weights)
    floor = floors(funders, demand)
    return st.builds(
        ProposalSettings,
        pillar_weights=st.dictionaries(st.sampled_from(PILLARS), st.sampled_from([D(1), D(2)])),
        pillar_max_share=st.dictionaries(st.sampled_from(PILLARS), shares, max_size=2),
        pillar_min_share=st.dictionaries(
            st.sampled_from(PILLARS), st.sampled_from([D("0.1"), D("0.2")]), max_size=1),
        cpo_floor=st.none() | floor,
    )


# ------------------------------------------------------------------ oracles


def _money_on(chosen, code):
    return sum((c.requested.get(code, D(0)) for c in chosen), D(0))


def _feasible(chosen, envelopes, rules: ProposalSettings) -> bool:
    """Every rule, checked exactly in Decimal, for dossiers funded in full."""
    budget = {e.funder_code: e.amount for e in envelopes}
    if any(code not in budget for c in chosen for code in c.requested):
        return False
    if any(_money_on(chosen, code) > amount for code, amount in budget.items()):
        return False
    total = sum((c.total_requested for c in chosen), D(0))
    for pillar, high in rules.pillar_max_share.items():
        if sum((c.total_requested for c in chosen if c.pillar == pillar), D(0)) > high * total:
            return False
    for pillar, low in rules.pillar_min_share.items():
        if sum((c.total_requested for c in chosen if c.pillar == pillar), D(0)) < low * total:
            return False
    return _floor_holds([(c.is_cpo, c.requested) for c in chosen], rules.cpo_floor)


def _on_floor(amounts, floor) -> Decimal:
    """A dossier's money from the floor's funders."""
    return sum((amounts.get(code, D(0)) for code in floor.funder_codes), D(0))


def _floor_values(dossiers, floor) -> tuple[Decimal, Decimal]:
    """(CPO, whole) of the year: committed outside, plus ``dossiers`` (is_cpo, amounts)."""
    cpo, whole = floor.committed_cpo, floor.committed_total
    for is_cpo, amounts in dossiers:
        money = _on_floor(amounts, floor)
        value = money if floor.basis == "money" else D(1 if money > 0 else 0)
        whole += value
        cpo += value if is_cpo else D(0)
    return cpo, whole


def _floor_holds(dossiers, floor, slack=ZERO) -> bool:
    """CPO value >= share x whole value for the year, the committed amounts included."""
    if floor is None:
        return True
    cpo, whole = _floor_values(dossiers, floor)
    return cpo >= floor.share * whole - (slack if floor.basis == "money" else D(0))


def _feasible_subsets(candidates, envelopes, rules):
    for mask in range(1 << len(candidates)):
        chosen = [c for k, c in enumerate(candidates) if mask >> k & 1]
        if _feasible(chosen, envelopes, rules):
            yield chosen


def _objective(chosen, rules: ProposalSettings) -> Decimal:
    return sum((rules.weight(c.pillar) * c.score for c in chosen), D(0))


def _rounding_slack(candidates, proposal) -> Decimal:
    """What rounding fractions to 4 places and amounts to the cent may move."""
    slack = D(0)
    for c in candidates:
        fraction = proposal.line(c.dossier_id).fraction
        if 0 < fraction < 1:
            slack += c.total_requested * D("0.0002") + CENT * len(c.requested)
    return slack


def _assert_rules_hold(candidates, envelopes, rules, proposal) -> None:
    lines = {c.dossier_id: proposal.line(c.dossier_id) for c in candidates}
    budget = {e.funder_code: e.amount for e in envelopes}
    for c in candidates:
        line = lines[c.dossier_id]
        assert line.fraction == 0 or c.min_share <= line.fraction <= 1
        assert line.fraction == line.fraction.quantize(D("0.0001"))
        assert line.selected == (line.fraction > 0)
        # Half-up to the cent, or one cent less where an envelope needed it back.
        assert set(line.amounts) == (set(c.requested) if line.fraction else set())
        for code, amount in line.amounts.items():
            exact = c.requested[code] * line.fraction
            assert exact.quantize(CENT, ROUND_DOWN) <= amount <= exact.quantize(CENT, ROUND_HALF_UP)
        assert all(isinstance(a, Decimal) and a == a.quantize(CENT) for a in line.amounts.values())
    for code, amount in budget.items():
        used = sum((line.amounts.get(code, D(0)) for line in lines.values()), D(0))
        assert used <= amount
        use = next(u for u in proposal.envelopes if u.funder_code == code)
        assert (use.used, use.remaining) == (used, amount - used)
    assert all(code in budget for line in lines.values() for code in line.amounts)
    objective = sum((rules.weight(c.pillar) * c.score * lines[c.dossier_id].fraction
                     for c in candidates), D(0))
    assert proposal.objective == objective
    slack = _rounding_slack(candidates, proposal)
    total = sum((line.total for line in lines.values()), D(0))
    for pillar, high in rules.pillar_max_share.items():
        assert sum((lines[c.dossier_id].total for c in candidates if c.pillar == pillar),
                   D(0)) <= high * total + slack
    for pillar, low in rules.pillar_min_share.items():
        assert sum((lines[c.dossier_id].total for c in candidates if c.pillar == pillar),
                   D(0)) >= low * total - slack
    floor = rules.cpo_floor
    if floor is not None:
        funded = [(c.is_cpo, lines[c.dossier_id].amounts) for c in candidates]
        use = proposal.cpo_floor
        assert (use.cpo_value, use.total_value) == _floor_values(funded, floor)
        assert (use.committed_cpo, use.committed_total) == (floor.committed_cpo,
                                                            floor.committed_total)
        if proposal.status != "infeasible":  # nothing funded may leave committed amounts short
            assert use.met and _floor_holds(funded, floor, slack)
    assert "Attention" not in proposal.message


# ------------------------------------------------------------------ properties


@FAST
@given(instances())
def test_optimal_proposal_equals_brute_force_over_all_subsets(case):
    candidates, envelopes, rules = case
    proposal = optimal_proposal(candidates, envelopes, rules)
    best = max(_objective(s, rules) for s in _feasible_subsets(candidates, envelopes, rules))
    assert proposal.status == "optimal"
    assert proposal.objective == best
    _assert_rules_hold(candidates, envelopes, rules, proposal)


@FAST
@given(instances(rules=True))
def test_optimal_proposal_equals_brute_force_with_pillar_shares_and_cpo_floor(case):
    candidates, envelopes, rules = case
    proposal = optimal_proposal(candidates, envelopes, rules)
    feasible = list(_feasible_subsets(candidates, envelopes, rules))
    if proposal.status == "infeasible":
        # Nothing keeps the rules, or only an empty programme, or one leaving the floor's
        # funders unused (the committed amounts leave the floor no room).
        floor = rules.cpo_floor
        for chosen in feasible:
            assert not chosen or ("plancher CPO" in proposal.message and not any(
                _on_floor(c.requested, floor) for c in chosen))
        assert proposal.message.startswith("Proposition impossible : ")
        return
    assert proposal.status == "optimal"
    assert proposal.objective == max(_objective(s, rules) for s in feasible)
    _assert_rules_hold(candidates, envelopes, rules, proposal)


@FAST
@given(instances(partial=True, rules=True))
def test_every_rule_holds_on_random_cases_with_partial_funding(case):
    candidates, envelopes, rules = case
    proposal = optimal_proposal(candidates, envelopes, rules)
    assert proposal.status in ("optimal", "infeasible")
    _assert_rules_hold(candidates, envelopes, rules, proposal)
    assert all(line.reason.startswith(("Retenu", "Écarté")) for line in proposal.lines)
    greedy = greedy_proposal(candidates, envelopes, rules)
    if proposal.status == "optimal" and "Attention" not in greedy.message:
        # The greedy programme keeps every rule here, so the optimum is at least as good
        # (less what rounding partial fractions to 4 places may cost).
        rounding = sum((line.weighted_score * D("0.0001") for line in proposal.lines
                        if 0 < line.fraction < 1), D(0))
        assert proposal.objective >= greedy.objective - rounding


@settings(max_examples=40, deadline=None)
@given(instances(partial=True))
def test_greedy_proposal_funds_in_full_and_stays_within_envelopes(case):
    candidates, envelopes, rules = case
    greedy = greedy_proposal(candidates, envelopes, rules)
    assert greedy.status == "heuristic"
    assert {line.fraction for line in greedy.lines} <= {D(0), D(1)}
    _assert_rules_hold(candidates, envelopes, rules, greedy)


# ------------------------------------------------------------------ hand cases


def _dossier(dossier_id, score, requested, pillar="EDU", **extra):
    return Candidate(dossier_id, f"2025-{dossier_id:03d} Action {dossier_id}", pillar, D(score),
                     {code: D(amount) for code, amount in requested.items()}, **extra)


LABELS = ProposalSettings(pillar_labels={"EDU": "Éducation", "SANTE": "Santé"})


def test_milp_beats_greedy_when_the_best_dossier_blocks_two_good_ones():
    candidates = [
        _dossier(1, 90, {"VILLE": "10000"}),
        _dossier(2, 80, {"VILLE": "5000"}),
        _dossier(3, 80, {"VILLE": "5000"}),
    ]
    envelopes = [Envelope("VILLE", D("10000"), "Ville d'Hazebrouck")]
    optimal = optimal_proposal(candidates, envelopes, LABELS)
    greedy = greedy_proposal(candidates, envelopes, LABELS)
    assert optimal.selected_ids == (2, 3) and optimal.objective == 160
    assert greedy.selected_ids == (1,) and greedy.objective == 90
    gain = compare(optimal, greedy)
    assert (gain.gain, gain.gain_percent) == (D(70), D("77.78"))
    assert (gain.only_optimal, gain.only_greedy) == ((2, 3), (1,))
    assert gain.message.startswith("La proposition optimale gagne 70 points de score pondéré")
    assert optimal.line(1).reason.startswith(
        "Écarté : l'enveloppe Ville d'Hazebrouck est épuisée (reste 0,00\u00a0€ pour "
        "10\u202f000,00\u00a0€ demandés) ; des dossiers moins bien notés")


def test_impossible_cpo_floor_gives_a_french_message_not_a_traceback():
    candidates = [
        _dossier(1, 90, {"ETAT": "8000"}),
        _dossier(2, 70, {"ETAT": "4000", "VILLE": "1000"}, is_cpo=True),
    ]
    envelopes = [Envelope("ETAT", D("20000"), "État — BOP 147"), Envelope("VILLE", D("500"))]
    rules = ProposalSettings(cpo_floor=CpoFloor("ETAT", D("0.5")))
    proposal = optimal_proposal(candidates, envelopes, rules)
    assert proposal.status == "infeasible"
    assert proposal.message == (
        "Proposition impossible : le plancher CPO (50\u00a0% des crédits État — BOP 147 de "
        "l'année) ne peut pas être atteint : aucun dossier CPO recevable ne sollicite ce "
        "financeur.")
    assert proposal.selected_ids == () and proposal.objective == 0
    assert proposal.line(1).reason.startswith("Écarté : aucune proposition possible, le plancher")
    assert "dépasse l'enveloppe entière (500,00\u00a0€)" in proposal.line(2).reason


def test_cpo_floor_keeps_non_cpo_dossiers_out_once_reached():
    candidates = [
        _dossier(1, 60, {"ETAT": "6000"}, is_cpo=True),
        _dossier(2, 90, {"ETAT": "5000"}),
        _dossier(3, 85, {"ETAT": "2000"}),
    ]
    envelopes = [Envelope("ETAT", D("20000"), "État")]
    rules = ProposalSettings(cpo_floor=CpoFloor("ETAT", D("0.5")))
    proposal = optimal_proposal(candidates, envelopes, rules)
    assert proposal.selected_ids == (1, 2)
    assert proposal.cpo_floor.achieved == D("0.5455") and proposal.cpo_floor.met
    assert "le plancher CPO ne serait plus respecté" in proposal.line(3).reason
    by_count = ProposalSettings(cpo_floor=CpoFloor("ETAT", D("0.5"), "conventions"))
    by_count = optimal_proposal(candidates, envelopes, by_count)
    assert len(by_count.selected_ids) == 2 and 1 in by_count.selected_ids


CPO_THEN_TWO = [
    _dossier(1, 60, {"ETAT": "6000"}, is_cpo=True),
    _dossier(2, 90, {"ETAT": "5000"}),
    _dossier(3, 85, {"ETAT": "2000"}),
]


def test_cpo_money_already_committed_lets_more_non_cpo_dossiers_in():
    # A CPO of an earlier year already takes 4 000 € of this year's credits: with it the
    # year stands at 10 000 € of CPO on 17 000 €, so the third dossier fits under the floor.
    rules = ProposalSettings(cpo_floor=CpoFloor("ETAT", D("0.5"), "money", D("4000"), D("4000")))
    proposal = optimal_proposal(CPO_THEN_TWO, [Envelope("ETAT", D("20000"), "État")], rules)
    assert proposal.selected_ids == (1, 2, 3)
    use = proposal.cpo_floor
    assert (use.cpo_value, use.total_value, use.achieved, use.met) == (
        D("10000.00"), D("17000.00"), D("0.5882"), True)
    assert (use.committed_cpo, use.committed_total) == (D("4000.00"), D("4000.00"))


def test_money_already_committed_outside_cpos_asks_more_of_the_proposal():
    envelopes = [Envelope("ETAT", D("20000"), "État")]
    # 4 000 € already granted to non-CPO dossiers: only the small dossier still fits.
    rules = ProposalSettings(cpo_floor=CpoFloor("ETAT", D("0.5"), "money", D(0), D("4000")))
    proposal = optimal_proposal(CPO_THEN_TWO, envelopes, rules)
    assert proposal.selected_ids == (1, 3) and proposal.cpo_floor.achieved == D("0.5")
    assert "le plancher CPO ne serait plus respecté (au moins 50\u00a0% des crédits État de " \
           "l'année en CPO)" in proposal.line(2).reason
    # 10 000 € already granted: even the CPO in full cannot bring the year back to the floor.
    rules = ProposalSettings(cpo_floor=CpoFloor("ETAT", D("0.5"), "money", D(0), D("10000")))
    proposal = optimal_proposal(CPO_THEN_TWO, envelopes, rules)
    assert proposal.status == "infeasible" and proposal.selected_ids == ()
    assert proposal.message == (
        "Proposition impossible : le plancher CPO (50\u00a0% des crédits État de l'année) ne "
        "peut pas être atteint : déjà engagés hors proposition, 0,00\u00a0€ en CPO sur "
        "10\u202f000,00\u00a0€ ; les dossiers CPO recevables n'apportent que 6\u202f000,00\u00a0€.")


def test_the_floor_may_cover_several_funder_codes():
    candidates = [
        _dossier(1, 60, {"ETAT-ANRU": "3000"}, is_cpo=True),
        _dossier(2, 90, {"ETAT": "2000"}),
        _dossier(3, 85, {"ETAT": "1500"}),
    ]
    envelopes = [Envelope("ETAT", D("10000"), "État BOP 147"),
                 Envelope("ETAT-ANRU", D("10000"), "État ANRU")]
    rules = ProposalSettings(cpo_floor=CpoFloor(("ETAT", "ETAT-ANRU"), D("0.5")))
    proposal = optimal_proposal(candidates, envelopes, rules)
    assert proposal.selected_ids == (1, 2)  # 3 000 € of CPO on 5 000 €; adding 3 breaks it
    use = proposal.cpo_floor
    assert (use.funder_code, use.funder_codes, use.label) == (
        "ETAT, ETAT-ANRU", ("ETAT", "ETAT-ANRU"), "État BOP 147 + État ANRU")
    assert (use.cpo_value, use.total_value) == (D("3000.00"), D("5000.00"))
    alone = optimal_proposal(candidates, envelopes, ProposalSettings(cpo_floor=CpoFloor("ETAT")))
    assert alone.status == "infeasible"  # no CPO asks BOP 147 alone: it would stay empty


def test_by_conventions_the_dossiers_already_funded_count():
    # Two CPO conventions and one other dossier already funded this year: one more non-CPO
    # dossier keeps CPOs at 2 out of 4 = 50 %, a second would not.
    candidates = [_dossier(k, 90 - k, {"ETAT": "1000"}) for k in range(1, 4)]
    rules = ProposalSettings(cpo_floor=CpoFloor("ETAT", D("0.5"), "conventions", 2, 3))
    proposal = optimal_proposal(candidates, [Envelope("ETAT", D("20000"), "État")], rules)
    assert proposal.selected_ids == (1,)
    use = proposal.cpo_floor
    assert (use.cpo_value, use.total_value, use.met) == (D(2), D(4), True)
    assert "au moins 50\u00a0% des dossiers financés par État dans l'année en CPO" in (
        proposal.line(2).reason)


def test_greedy_proposal_names_the_floor_the_committed_amounts_make_it_break():
    rules = ProposalSettings(cpo_floor=CpoFloor("ETAT", D("0.5"), "money", D(0), D("4000")))
    greedy = greedy_proposal(CPO_THEN_TWO, [Envelope("ETAT", D("20000"), "État")], rules)
    assert greedy.selected_ids == (1, 2, 3)  # by score, everything fits the envelope
    assert greedy.message.endswith(
        "Attention : le plancher CPO (50\u00a0% des crédits État de l'année) n'est pas "
        "respecté.")
    assert not greedy.cpo_floor.met and greedy.cpo_floor.total_value == D("17000.00")


@FAST
@given(instances(rules=True))
def test_greedy_proposal_reports_a_broken_rule_exactly_when_one_is_broken(case):
    candidates, envelopes, rules = case
    greedy = greedy_proposal(candidates, envelopes, rules)
    chosen = [c for c in candidates if greedy.line(c.dossier_id).selected]
    assert ("Attention" in greedy.message) == (not _feasible(chosen, envelopes, rules))
    floor_kept = _floor_holds([(c.is_cpo, c.requested) for c in chosen], rules.cpo_floor)
    assert ("plancher CPO" in greedy.message) == (not floor_kept)
    if rules.cpo_floor is not None:
        assert greedy.cpo_floor.met == floor_kept


def test_reasons_name_the_binding_envelope_with_what_is_left_and_what_is_asked():
    candidates = [
        _dossier(1, 82, {"VILLE": "3800"}),
        _dossier(2, 41, {"VILLE": "5000", "CAF": "1000"}),
        _dossier(3, 60, {"CAF": "2000"}, pillar="SANTE"),
    ]
    envelopes = [Envelope("VILLE", D("5000"), "Ville d'Hazebrouck"), Envelope("CAF", D("9000"))]
    proposal = optimal_proposal(candidates, envelopes, LABELS)
    assert proposal.line(1).reason == "Retenu : score 82/100, rang 1 sur 2 du pilier Éducation."
    assert proposal.line(2).reason == (
        "Écarté : l'enveloppe Ville d'Hazebrouck est épuisée (reste 1\u202f200,00\u00a0€ pour "
        "5\u202f000,00\u00a0€ demandés) ; score 41/100 plus faible que les dossiers retenus "
        "du même pilier.")
    ville, caf = (next(u for u in proposal.envelopes if u.funder_code == code)
                  for code in ("VILLE", "CAF"))
    assert (ville.total, ville.used, ville.remaining, ville.binding) == (
        D("5000.00"), D("3800.00"), D("1200.00"), True)
    assert (caf.used, caf.remaining, caf.binding) == (D("2000.00"), D("7000.00"), False)
    assert proposal.message == (
        "Proposition optimale : 2 dossiers retenus sur 3, 5\u202f800,00\u00a0€ proposés, "
        "score pondéré 142.")


def test_partial_funding_amounts_are_decimals_that_fit_the_envelope_to_the_cent():
    candidates = [
        _dossier(1, 70, {"CAF": "1500.00", "VILLE": "300.00"}, min_share=D("0.5")),
        _dossier(2, 50, {"VILLE": "100.00"}),
    ]
    envelopes = [Envelope("CAF", D("1000.00"), "CAF du Nord"), Envelope("VILLE", D("10000"))]
    proposal = optimal_proposal(candidates, envelopes, LABELS)
    _assert_rules_hold(candidates, envelopes, LABELS, proposal)
    first = proposal.line(1)
    # 2/3 is rounded down to 0.6666 (0.6667 would ask 1 000,05 EUR of a 1 000,00 EUR envelope).
    assert first.fraction == D("0.6666")
    assert first.amounts == {"CAF": D("999.90"), "VILLE": D("199.98")}
    assert all(type(amount) is Decimal for amount in first.amounts.values())
    caf = next(u for u in proposal.envelopes if u.funder_code == "CAF")
    assert (caf.used, caf.remaining) == (D("999.90"), D("0.10"))
    assert first.reason == (
        "Retenu partiellement à 66,66\u00a0% : score 70/100, rang 1 sur 2 du pilier Éducation ; "
        "l'enveloppe CAF du Nord est épuisée (reste 0,10\u00a0€, il faudrait 500,10\u00a0€ "
        "de plus pour financer la totalité).")


def test_rounding_cents_are_given_back_so_the_envelope_holds_exactly():
    candidates = [
        _dossier(1, 60, {"REGION": "2690.01", "VILLE": "1000"}, min_share=D("0.5")),
        _dossier(2, 50, {"REGION": "1009.99", "CAF": "1000"}, min_share=D("0.5")),
    ]
    envelopes = [Envelope("REGION", D("1850.00")), Envelope("VILLE", D("500")),
                 Envelope("CAF", D("500"))]
    proposal = optimal_proposal(candidates, envelopes)
    first, second = proposal.line(1), proposal.line(2)
    assert (first.fraction, second.fraction) == (D("0.5"), D("0.5"))
    # 1 345,005 + 504,995 = 1 850,00 exactly; half-up would ask 1 850,01: one cent goes back,
    # from the dossier of lower score.
    assert (first.amounts["REGION"], second.amounts["REGION"]) == (D("1345.01"), D("504.99"))
    region = next(u for u in proposal.envelopes if u.funder_code == "REGION")
    assert (region.used, region.remaining) == (D("1850.00"), D("0.00"))
    assert "Attention" not in proposal.message


def test_pillar_cap_is_given_as_the_reason():
    candidates = [
        _dossier(1, 90, {"VILLE": "5500"}),
        _dossier(2, 80, {"VILLE": "4500"}, pillar="SANTE"),
        _dossier(3, 70, {"VILLE": "3000"}, pillar="SANTE"),
    ]
    rules = ProposalSettings(pillar_max_share={"SANTE": D("0.45")},
                             pillar_labels={"EDU": "Éducation", "SANTE": "Santé"})
    proposal = optimal_proposal(candidates, [Envelope("VILLE", D("100000"))], rules)
    assert proposal.selected_ids == (1, 2)
    assert proposal.line(3).reason == (
        "Écarté : plafond du pilier Santé atteint (45\u00a0% du total proposé) ; "
        "score 70/100 plus faible que les dossiers retenus du même pilier.")
    sante = next(p for p in proposal.pillars if p.pillar == "SANTE")
    assert sante.cap_binding and sante.share == D("0.4500")


def test_a_dossier_asking_a_funder_without_envelope_is_out_with_the_reason():
    candidates = [_dossier(1, 95, {"VILLE": "100", "ARS": "2500"})]
    proposal = optimal_proposal(candidates, [Envelope("VILLE", D("1000"))])
    assert proposal.status == "optimal" and proposal.selected_ids == ()
    assert proposal.line(1).reason == (
        "Écarté : aucune enveloppe ARS n'est ouverte pour les 2\u202f500,00\u00a0€ demandés.")


def test_greedy_proposal_names_the_rules_it_breaks():
    candidates = [_dossier(1, 90, {"VILLE": "4000"}, pillar="SANTE"),
                  _dossier(2, 10, {"VILLE": "10"})]
    rules = ProposalSettings(pillar_max_share={"SANTE": D("0.5")})
    greedy = greedy_proposal(candidates, [Envelope("VILLE", D("5000"))], rules)
    assert "Attention : le pilier SANTE dépasse son plafond de 50\u00a0% du total proposé." in (
        greedy.message)


def test_money_must_be_decimal_to_the_cent():
    with pytest.raises(TypeError):
        Candidate(1, "A", "EDU", 82.0, {"VILLE": D(1)})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Envelope("VILLE", 1000.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Envelope("VILLE", D("10.001"))
    with pytest.raises(ValueError):
        Candidate(1, "A", "EDU", D(50), {"VILLE": D(0)})


def _refusal(make) -> str:
    with pytest.raises(ValueError) as refused:
        make()
    return str(refused.value)


def test_validation_messages_quote_the_value_the_french_way():
    assert _refusal(lambda: Envelope("VILLE", D("10.001"))) == (
        "l'enveloppe VILLE doit être au centime près (reçu 10,001\u00a0€)")
    assert _refusal(lambda: Candidate(1, "A", "EDU", D(50), {"VILLE": D(1)},
                                      min_share=D("1.2"))) == (
        "la part minimale de financement doit être comprise entre 0 et 100\u00a0% "
        "(reçu 120\u00a0%)")
    assert _refusal(lambda: CpoFloor("ETAT", D("1.5"))) == (
        "la part plancher des CPO doit être comprise entre 0 et 100\u00a0% (reçu 150\u00a0%)")
    assert _refusal(lambda: Candidate(1, "A", "EDU", D(50), {"CAF": D("1234.567")})) == (
        "le montant demandé à CAF doit être au centime près (reçu 1\u202f234,567\u00a0€)")
    assert _refusal(lambda: CpoFloor("ETAT", D("0.5"), "conventions", D("1.5"), D(3))) == (
        "le nombre de dossiers CPO déjà financés (plancher CPO) doit être un entier positif "
        "(reçu 1,5)")
    assert _refusal(lambda: CpoFloor("ETAT", D("0.5"), "money", D("100"), D("50"))) == (
        "plancher CPO : le déjà engagé en CPO dépasse le déjà engagé total")


def test_euros_are_formatted_the_french_way():
    assert _format_eur(D("1234.5")) == "1\u202f234,50\u00a0€"
    assert _format_eur(D("1234567.895")) == "1\u202f234\u202f567,90\u00a0€"
    assert _format_eur(D("0")) == "0,00\u00a0€"
    assert _format_eur(D("-950")) == "-950,00\u00a0€"


def test_importing_the_module_loads_neither_the_solver_nor_qt_nor_the_database():
    code = (
        "import sys, programmation.domain.proposal\n"
        "bad = {'highspy', 'numpy', 'PySide6', 'sqlalchemy'} & set(sys.modules)\n"
        "print(sorted(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
