"""The programme proposal of the demo year 2027: candidates, envelopes, apply, CLI."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from decimal import Decimal

import pytest
from sqlalchemy import select

from programmation.adapters.persistence import tables as t
from programmation.adapters.persistence.database import Database
from programmation.cli.main import main
from programmation.services.errors import ServiceError
from programmation.services.instruction import list_people
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


@pytest.fixture
def db(demo_database, tmp_path):
    """A private copy of the session's demo database, to write in."""
    target = tmp_path / "demo.sqlite"
    with closing(sqlite3.connect(demo_database.label)) as source, \
            closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    database = Database.open(target)
    yield database
    database.dispose()


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


def proposed_lines(db: Database) -> dict[tuple[str, str], Decimal | None]:
    with db.engine.connect() as connection:
        return {(ref, code): proposed for ref, code, proposed in connection.execute(
            select(t.application.c.reference, t.funder.c.code, t.funding_line.c.proposed)
            .join(t.funding_line, t.funding_line.c.application_id == t.application.c.id)
            .join(t.funder).where(t.application.c.year == 2027,
                                  t.funding_line.c.year == 2027))}


def test_only_scored_dossiers_in_instruction_compete(db):
    score(db, skip=("2027-AAP-014",))
    outcome = propose(db, ProposeOptions(2027))
    labels = {label.reference for label in outcome.dossiers.values()}
    assert labels == set(SCORED) - {"2027-AAP-014"}
    skipped = dict(outcome.skipped)
    assert skipped["2027-AAP-014"] == "pas encore noté par un instructeur"
    assert skipped["2027-AAP-001"] == "« Déposé » : pas en instruction"
    assert skipped["2027-AAP-017"] == "« Compléments demandés » : pas en instruction"
    assert skipped["2027-AAP-018"] == "« Brouillon » : pas en instruction"
    assert outcome.proposal.status == "optimal"


def test_the_proposal_fits_every_funder_s_envelope_of_the_year(db):
    score(db)
    best = propose(db, ProposeOptions(2027, cpo_floor=False)).proposal
    assert {use.funder_code: use.total for use in best.envelopes} == POOLED
    for use in best.envelopes:
        spent = sum((line.amounts.get(use.funder_code, D(0)) for line in best.lines), D(0))
        assert spent == use.used <= use.total


def test_the_exact_proposal_never_scores_below_the_greedy_one_under_the_same_rules(db):
    score(db)
    outcome = propose(db, ProposeOptions(2027, cpo_floor=False))
    assert outcome.proposal.objective >= outcome.greedy.objective
    assert outcome.comparison.gain == outcome.proposal.objective - outcome.greedy.objective


def test_the_cpo_floor_holds_on_the_state_money_proposed(db):
    score(db)
    best = propose(db, ProposeOptions(2027)).proposal
    floor = best.cpo_floor
    assert floor.funder_code == "ETAT-147" and floor.met
    state = sum((line.amounts.get("ETAT-147", D(0)) for line in best.lines), D(0))
    assert floor.cpo_value >= state / 2 and floor.total_value == state


def test_without_a_cpo_candidate_the_floor_is_set_aside_and_said(db):
    score(db, skip=("2027-CPO-003",))
    outcome = propose(db, ProposeOptions(2027))
    assert outcome.proposal.cpo_floor is None
    assert outcome.notes == ("aucun dossier CPO candidat ne sollicite les crédits spécifiques "
                             "de l'État : le plancher CPO n'est pas appliqué",)


def test_amounts_proposed_outside_the_candidates_are_set_aside_first(db):
    score(db)
    coordinator = people(db)["Anne Dufour"]  # instructs for the town
    line = next(item.line for item in lines_for_person(db, ids(db)["2027-AAP-001"], coordinator)
                if item.line.funder_code == "VILLE")
    propose_amount(db, ProposeAmount(line.line_id, D("5000"), coordinator))
    best = propose(db, ProposeOptions(2027)).proposal
    assert {u.funder_code: u.total for u in best.envelopes}["VILLE"] == D("19000.00")


def test_applying_writes_exactly_the_solver_s_amounts_in_one_go(db):
    score(db)
    best = propose(db, ProposeOptions(2027)).proposal
    written = apply_proposal(db, ApplyProposal(2027, best, "Sophie Deswarte"))
    after = proposed_lines(db)
    expected = {(line.label, code): line.amounts.get(code, D("0.00"))
                for line in best.lines for code in POOLED
                if (line.label, code) in after}
    assert written == len(expected)
    assert {key: after[key] for key in expected} == expected
    untouched = {key: value for key, value in after.items() if key[1] not in POOLED}
    assert set(untouched.values()) == {None}  # ARS, droit commun… are not programmed here


def test_a_funder_s_instructor_applies_only_that_funder_s_amounts(db):
    score(db)
    best = propose(db, ProposeOptions(2027)).proposal
    written = apply_proposal(db, ApplyProposal(2027, best, "Laurent Caron",
                                               people(db)["Laurent Caron"]))
    after = proposed_lines(db)
    caf = {key: value for key, value in after.items() if value is not None}
    assert {code for _, code in caf} == {"CAF"} and written == len(caf)


def test_a_proposal_is_not_applied_over_a_decision_taken_since(db):
    score(db)
    best = propose(db, ProposeOptions(2027)).proposal
    with db.engine.begin() as connection:
        connection.execute(t.funding_line.update().where(
            t.funding_line.c.application_id == ids(db)["2027-AAP-012"]).values(granted=D(1000)))
    with pytest.raises(ServiceError, match="2027-AAP-012 a été décidé depuis le calcul"):
        apply_proposal(db, ApplyProposal(2027, best, "Sophie Deswarte"))
    assert set(proposed_lines(db).values()) == {None}  # nothing half-written


def test_the_cli_prints_a_json_proposal_that_parses(db, capsys):
    score(db)
    assert main(["propose", "--db", db.label, "--year", "2027", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["year"] == 2027 and printed["status"] == "optimal"
    assert {d["reference"] for d in printed["dossiers"]} == set(SCORED)
    chosen = [d for d in printed["dossiers"] if d["selected"]]
    assert chosen and all(d["reason"].startswith("Retenu") for d in chosen)
    assert {e["funder"]: e["envelope"] for e in printed["envelopes"]} == {
        code: str(amount) for code, amount in POOLED.items()}
    assert printed["cpo_floor"]["met"] is True
    assert D(printed["objective"]) >= 0 and "gain" in printed["comparison"]


def test_the_cli_prints_the_proposal_in_words(db, capsys):
    score(db)
    assert main(["propose", "--db", db.label, "--year", "2027", "--sans-plancher-cpo"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Proposition de programmation 2027\nProposition optimale : ")
    assert "[RETENU] 2027-" in out and "Enveloppes (AAP + AMI + CPO de l'année) :" in out
    assert main(["propose", "--db", db.label, "--year", "2027", "--part-minimale", "abc"]) == 2
    assert "--part-minimale : « abc » n'est pas un nombre" in capsys.readouterr().err


def test_a_pillar_cap_is_kept_and_an_unknown_pillar_is_refused(db):
    score(db)
    capped = propose(db, ProposeOptions(2027, cpo_floor=False,
                                        pillar_max_share={"EDU": D("0.2")})).proposal
    education = sum((line.total for line in capped.lines if line.pillar == "EDU"), D(0))
    assert 0 < education <= capped.total * D("0.2")
    with pytest.raises(ServiceError, match="pilier inconnu du contrat : XXX"):
        propose(db, ProposeOptions(2027, pillar_min_share={"XXX": D("0.1")}))
