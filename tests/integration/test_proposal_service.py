"""The programme proposal of the demo year 2027: candidates, envelopes, apply, CLI."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from programmation.adapters.persistence import tables as t
from programmation.adapters.persistence.database import Database
from programmation.cli.main import main
from programmation.domain.channels import Channel, CpoRuleBasis, FundingLineStatus, FundingNature
from programmation.domain.contract import Contract
from programmation.domain.dossier import Application
from programmation.domain.funding import FundingLine
from programmation.services.errors import ServiceError
from programmation.services.instruction import list_people
from programmation.services.programming import programming_view
from programmation.services.proposal import (
    ApplyProposal,
    ProposeOptions,
    apply_proposal,
    propose,
)
from programmation.services.scoring import (
    ProposeAmount,
    SaveMarks,
    lines_for_person,
    propose_amount,
    save_marks,
)

D = Decimal
CODES = ("PERT", "COHE", "ENJE", "EFFI", "EFFN", "PART")
# Dossiers of 2027 that may be scored (recevable or in instruction), with one mark each.
SCORED = {"2027-AAP-008": 2, "2027-AAP-009": 3, "2027-AAP-010": 1, "2027-AAP-011": 4,
          "2027-AAP-012": 3, "2027-AAP-013": 2, "2027-AAP-014": 4, "2027-AAP-016": 1,
          "2027-AMI-001": 3, "2027-AMI-002": 2, "2027-CPO-003": 4}
# The year's AAP + AMI + CPO envelopes of each funder (demo.current.ENVELOPES).
POOLED = {"ETAT-147": D("78000.00"), "EPCI": D("30000.00"), "VILLE": D("24000.00"),
          "CAF": D("10000.00"), "DEPT": D("8000.00"), "REGION": D("6000.00")}


def ids(db: Database) -> dict[str, int]:
    with db.engine.connect() as connection:
        return dict(connection.execute(select(t.application.c.reference, t.application.c.id)
                                       .where(t.application.c.year == 2027)).all())


def people(db: Database) -> dict[str, int]:
    return {p.name: p.id for p in list_people(db)}


def score(db: Database, skip: tuple[str, ...] = ()) -> None:
    anne = people(db)["Anne Dufour"]
    for reference, mark in SCORED.items():
        if reference not in skip:
            save_marks(db, SaveMarks(ids(db)[reference], anne, dict.fromkeys(CODES, mark)))


def demo_scored(db: Database) -> set[str]:
    """The 2027 dossiers the demo's instructors already scored."""
    with db.engine.connect() as connection:
        return set(connection.execute(select(t.application.c.reference).distinct().join(
            t.score).where(t.application.c.year == 2027)).scalars())


def unscore(db: Database, *references: str) -> None:
    """On this copy, take back the demo's marks of these dossiers."""
    with db.engine.begin() as connection:
        connection.execute(t.score.delete().where(t.score.c.application_id.in_(
            [ids(db)[reference] for reference in references])))


def proposed_lines(db: Database) -> dict[tuple[str, str], Decimal | None]:
    with db.engine.connect() as connection:
        return {(ref, code): proposed for ref, code, proposed in connection.execute(
            select(t.application.c.reference, t.funder.c.code, t.funding_line.c.proposed)
            .join(t.funding_line, t.funding_line.c.application_id == t.application.c.id)
            .join(t.funder).where(t.application.c.year == 2027,
                                  t.funding_line.c.year == 2027))}


def test_only_scored_dossiers_in_instruction_compete(demo_copy):
    already = demo_scored(demo_copy)
    assert "2027-AAP-008" not in already  # recevable, nobody has scored it yet
    score(demo_copy, skip=("2027-AAP-008",))
    outcome = propose(demo_copy, ProposeOptions(2027))
    labels = {label.reference for label in outcome.dossiers.values()}
    assert labels == (set(SCORED) | already) - {"2027-AAP-008"}
    skipped = dict(outcome.skipped)
    assert skipped["2027-AAP-008"] == "pas encore noté par un instructeur"
    assert skipped["2027-AAP-001"] == "« Déposé » : pas en instruction"
    assert skipped["2027-AAP-017"] == "« Compléments demandés » : pas en instruction"
    assert skipped["2027-AAP-018"] == "« Brouillon » : pas en instruction"
    assert outcome.proposal.status == "optimal"


def test_the_proposal_fits_every_funder_s_envelope_of_the_year(demo_copy):
    score(demo_copy)
    best = propose(demo_copy, ProposeOptions(2027, cpo_floor=False)).proposal
    assert {use.funder_code: use.total for use in best.envelopes} == POOLED
    for use in best.envelopes:
        spent = sum((line.amounts.get(use.funder_code, D(0)) for line in best.lines), D(0))
        assert spent == use.used <= use.total


def test_the_exact_proposal_never_scores_below_the_greedy_one_under_the_same_rules(demo_copy):
    score(demo_copy)
    outcome = propose(demo_copy, ProposeOptions(2027, cpo_floor=False))
    assert outcome.proposal.objective >= outcome.greedy.objective
    assert outcome.comparison.gain == outcome.proposal.objective - outcome.greedy.objective


def test_the_cpo_floor_holds_on_the_state_money_proposed(demo_copy):
    score(demo_copy)
    best = propose(demo_copy, ProposeOptions(2027)).proposal
    floor = best.cpo_floor
    assert floor.funder_code == "ETAT-147" and floor.met
    state = sum((line.amounts.get("ETAT-147", D(0)) for line in best.lines), D(0))
    # the year's State money: what is committed outside the candidates, plus the proposal's
    assert floor.total_value == floor.committed_total + state
    assert floor.cpo_value >= floor.total_value / 2


def test_without_a_cpo_candidate_the_floor_is_set_aside_and_said(demo_copy):
    cpos = sorted(reference for reference in ids(demo_copy) if "-CPO-" in reference)
    unscore(demo_copy, *cpos)  # the demo's instructors scored the CPOs of 2027
    score(demo_copy, skip=tuple(cpos))
    outcome = propose(demo_copy, ProposeOptions(2027))
    assert not any(label.channel is Channel.CPO for label in outcome.dossiers.values())
    assert outcome.proposal.cpo_floor is None
    assert outcome.notes == ("aucun dossier CPO candidat ne sollicite les crédits spécifiques "
                             "de l'État : le plancher CPO n'est pas appliqué",)


def test_amounts_proposed_outside_the_candidates_are_set_aside_first(demo_copy):
    score(demo_copy)
    coordinator = people(demo_copy)["Anne Dufour"]  # instructs for the town
    town_lines = lines_for_person(demo_copy, ids(demo_copy)["2027-AAP-001"], coordinator)
    line = next(item.line for item in town_lines if item.line.funder_code == "VILLE")
    propose_amount(demo_copy, ProposeAmount(line.line_id, D("5000"), coordinator))
    best = propose(demo_copy, ProposeOptions(2027)).proposal
    assert {u.funder_code: u.total for u in best.envelopes}["VILLE"] == D("19000.00")


def test_applying_writes_exactly_the_solver_s_amounts_in_one_go(demo_copy):
    score(demo_copy)
    best = propose(demo_copy, ProposeOptions(2027)).proposal
    written = apply_proposal(demo_copy, ApplyProposal(2027, best, "Sophie Deswarte"))
    after = proposed_lines(demo_copy)
    expected = {(line.label, code): line.amounts.get(code, D("0.00"))
                for line in best.lines for code in POOLED
                if (line.label, code) in after}
    assert written == len(expected)
    assert {key: after[key] for key in expected} == expected
    untouched = {key: value for key, value in after.items() if key[1] not in POOLED}
    assert set(untouched.values()) == {None}  # ARS, droit commun… are not programmed here


def test_a_funder_s_instructor_applies_only_that_funder_s_amounts(demo_copy):
    score(demo_copy)
    best = propose(demo_copy, ProposeOptions(2027)).proposal
    written = apply_proposal(demo_copy, ApplyProposal(2027, best, "Laurent Caron",
                                                      people(demo_copy)["Laurent Caron"]))
    after = proposed_lines(demo_copy)
    caf = {key: value for key, value in after.items() if value is not None}
    assert {code for _, code in caf} == {"CAF"} and written == len(caf)


def test_a_proposal_is_not_applied_over_a_decision_taken_since(demo_copy):
    score(demo_copy)
    best = propose(demo_copy, ProposeOptions(2027)).proposal
    with demo_copy.engine.begin() as connection:
        connection.execute(t.funding_line.update().where(
            t.funding_line.c.application_id == ids(demo_copy)["2027-AAP-012"]
        ).values(granted=D(1000)))
    with pytest.raises(ServiceError, match="2027-AAP-012 a été décidé depuis le calcul"):
        apply_proposal(demo_copy, ApplyProposal(2027, best, "Sophie Deswarte"))
    assert set(proposed_lines(demo_copy).values()) == {None}  # nothing half-written


def test_the_cli_prints_a_json_proposal_that_parses(demo_copy, capsys):
    score(demo_copy)
    assert main(["propose", "--db", demo_copy.label, "--year", "2027", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["year"] == 2027 and printed["status"] == "optimal"
    assert {d["reference"] for d in printed["dossiers"]} == set(SCORED) | demo_scored(demo_copy)
    chosen = [d for d in printed["dossiers"] if d["selected"]]
    assert chosen and all(d["reason"].startswith("Retenu") for d in chosen)
    assert {e["funder"]: e["envelope"] for e in printed["envelopes"]} == {
        code: str(amount) for code, amount in POOLED.items()}
    assert printed["cpo_floor"]["met"] is True
    assert D(printed["objective"]) >= 0 and "gain" in printed["comparison"]


def test_the_cli_prints_the_proposal_in_words(demo_copy, capsys):
    score(demo_copy)
    assert main(["propose", "--db", demo_copy.label, "--year", "2027", "--sans-plancher-cpo"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Proposition de programmation 2027\nProposition optimale : ")
    assert "[RETENU] 2027-" in out and "Enveloppes (AAP + AMI + CPO de l'année) :" in out
    assert main(["propose", "--db", demo_copy.label, "--year", "2027",
                 "--part-minimale", "abc"]) == 2
    assert "--part-minimale : « abc » n'est pas un nombre" in capsys.readouterr().err


def test_a_pillar_cap_is_kept_and_an_unknown_pillar_is_refused(demo_copy):
    score(demo_copy)
    capped = propose(demo_copy, ProposeOptions(2027, cpo_floor=False,
                                               pillar_max_share={"EDU": D("0.2")})).proposal
    education = sum((line.total for line in capped.lines if line.pillar == "EDU"), D(0))
    assert 0 < education <= capped.total * D("0.2")
    with pytest.raises(ServiceError, match="pilier inconnu du contrat : XXX"):
        propose(demo_copy, ProposeOptions(2027, pillar_min_share={"XXX": D("0.1")}))


# --- the CPO floor means the same here and in the programming view ---------------------------


def _agree(db: Database, best) -> None:
    """Once the proposal is applied, the programming view shows the share it announced."""
    apply_proposal(db, ApplyProposal(2027, best, "Sophie Deswarte"))
    shown, announced = programming_view(db, 2027).cpo, best.cpo_floor
    assert (shown.cpo_value, shown.total_value) == (announced.cpo_value, announced.total_value)
    assert (shown.share, shown.met) == (announced.achieved, announced.met)


def test_once_applied_the_view_shows_the_cpo_share_the_proposal_announced(demo_copy):
    score(demo_copy)
    best = propose(demo_copy, ProposeOptions(2027)).proposal
    assert best.cpo_floor.met and best.cpo_floor.total_value > 0
    _agree(demo_copy, best)


def test_state_money_already_taken_outside_the_candidates_counts_in_the_floor(demo_copy):
    score(demo_copy)
    before = propose(demo_copy, ProposeOptions(2027)).proposal.cpo_floor
    with demo_copy.unit_of_work() as uow:
        dossiers = {a.reference: a for a in uow.session.scalars(select(Application).where(
            Application.reference.in_(["2024-CPO-001", "2027-AAP-001"])))}  # type: ignore[attr-defined]
        running, deposited = dossiers["2024-CPO-001"], dossiers["2027-AAP-001"]
        state = running.contract.funder("ETAT-147")
        # a CPO decided in an earlier year also holds 9 000 € of 2027's credits…
        running.funding_lines.append(FundingLine(
            state, 2027, D("9000"), FundingNature.SPECIFIC, proposed=D("9000"),
            granted=D("9000"), status=FundingLineStatus.VOTED))
        # …and a dossier just deposited, not a candidate, has 6 000 € proposed by the State
        next(line for line in deposited.lines_for(2027) if line.funder is state).proposed = \
            D("6000")
        uow.commit()
    outcome = propose(demo_copy, ProposeOptions(2027))
    floor = outcome.proposal.cpo_floor
    assert (floor.committed_cpo, floor.committed_total) == (
        before.committed_cpo + 9000, before.committed_total + 15000)
    assert floor.met and any(note.startswith("plancher CPO : déjà engagés en 2027 hors "
                                             "proposition") for note in outcome.notes)
    _agree(demo_copy, outcome.proposal)


def test_by_conventions_the_view_and_the_proposal_count_the_same_dossiers(demo_copy):
    score(demo_copy)
    with demo_copy.unit_of_work() as uow:
        contract = uow.session.scalars(select(Contract).where(Contract.start_year == 2024)).one()
        contract.cpo_rule_basis = CpoRuleBasis.CONVENTIONS
        uow.commit()
    best = propose(demo_copy, ProposeOptions(2027)).proposal
    assert best.cpo_floor.basis == "conventions" and best.cpo_floor.met
    _agree(demo_copy, best)
