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
    return candidates, envelopes, draw(_settings(rules, funders))


def _settings(rules: bool, funders: tuple[str, ...]):
    shares = st.sampled_from([D("0.3"), D("0.45"), D("0.6")])
    if not rules:
        weights = st.dictionaries(st.sampled_from(PILLARS), st.sampled_from([D(1), D("1.5"), D(2)]))
        return st.builds(ProposalSettings, pillar_weights=weights)
    floor = st.builds(
        CpoFloor,
        funder_code=st.sampled_from(funders),
        share=st.sampled_from([D("0.25"), D("0.5")]),
        basis=st.sampled_from(["money", "conventions"]),
    )
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
    floor = rules.cpo_floor
    if floor is None:
        return True
    drawing = [c for c in chosen if floor.funder_code in c.requested]
    if floor.basis == "money":
        cpo = _money_on([c for c in drawing if c.is_cpo], floor.funder_code)
        return cpo >= floor.share * _money_on(drawing, floor.funder_code)
    return sum(1 for c in drawing if c.is_cpo) >= floor.share * len(drawing)


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
        drawing = [c for c in candidates if floor.funder_code in lines[c.dossier_id].amounts]
        if floor.basis == "money":
            cpo = sum((lines[c.dossier_id].amounts[floor.funder_code]
                       for c in drawing if c.is_cpo), D(0))
            whole = sum((lines[c.dossier_id].amounts[floor.funder_code] for c in drawing), D(0))
            assert cpo >= floor.share * whole - slack
        else:
            assert sum(1 for c in drawing if c.is_cpo) >= floor.share * len(drawing)
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
        # Only an empty programme, or one leaving the floor's funder unused, keeps the rules.
        floor = rules.cpo_floor
        for chosen in feasible:
            assert not chosen or ("plancher CPO" in proposal.message
                                  and not _money_on(chosen, floor.funder_code))
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
        "Proposition impossible : le plancher CPO (50\u00a0% de l'enveloppe État — BOP 147) "
        "ne peut pas être atteint : aucun dossier CPO recevable ne sollicite ce financeur.")
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
