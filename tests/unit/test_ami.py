from datetime import date
from decimal import Decimal

import pytest

from programmation.domain.ami import (
    AmiAnswer,
    AmiError,
    AmiNeed,
    answer_flags,
    attach_error,
    close_error,
    grid_column,
    plan_selection,
)
from programmation.domain.channels import Channel
from programmation.domain.lifecycle import Status, steps_to
from programmation.domain.scoring import default_grid

D = Decimal
S = Status
CEILING = D("18000")


def _answers(*statuses: Status) -> list[AmiAnswer]:
    amounts = [D("18999"), D("17100"), D("20600")]
    return [AmiAnswer(i, f"2027-AMI-00{i}", f"Porteur {i}", amounts[i - 1], status)
            for i, status in enumerate(statuses, 1)]


def _need(**changes) -> AmiNeed:
    values = dict(year=2027, title="AMI — Médiation santé", description="Un médiateur santé",
                  pillar_code="SAN", budget_ceiling=CEILING, selection_criteria="Présence",
                  opening_date=date(2026, 9, 1), deadline=date(2026, 11, 30),
                  committee_date=date(2027, 2, 15))
    values.update(changes)
    return AmiNeed(**values)


def test_a_complete_need_has_no_error():
    assert _need().errors() == []


def test_a_need_without_description_ceiling_or_criteria_is_refused():
    errors = _need(description="", budget_ceiling=None, selection_criteria=" ").errors()
    assert errors == ["description du besoin manquante", "critères de sélection manquants",
                      "plafond budgétaire du besoin manquant"]


def test_a_need_whose_deadline_precedes_its_opening_is_refused():
    assert "précède l'ouverture" in _need(deadline=date(2026, 8, 1)).errors()[0]


def test_an_answer_above_the_ceiling_is_flagged():
    above, below, _ = _answers(S.SUBMITTED, S.SUBMITTED, S.SUBMITTED)
    assert answer_flags(above, CEILING) == [
        "au-dessus du plafond de l'AMI (18\u202f999,00\u00a0€ > 18\u202f000,00\u00a0€)"]
    assert answer_flags(below, CEILING) == []


def test_selecting_one_answer_refuses_the_other_open_answers_with_the_reason():
    answers = _answers(S.UNDER_REVIEW, S.ADMISSIBLE, S.SUBMITTED)
    plan = plan_selection(answers, [2], "Moins ancré dans le quartier", CEILING, closed=False)
    assert [a.id for a in plan.chosen] == [2]
    assert [a.id for a in plan.refused] == [1, 3]
    assert plan.reason == "Moins ancré dans le quartier"


def test_several_answers_may_be_selected_within_the_ceiling():
    answers = [AmiAnswer(1, "A", "a", D("9000"), S.REVIEWED),
               AmiAnswer(2, "B", "b", D("9000"), S.REVIEWED),
               AmiAnswer(3, "C", "c", D("5000"), S.WITHDRAWN)]
    plan = plan_selection(answers, [1, 2], "", CEILING, closed=False)
    assert [a.id for a in plan.chosen] == [1, 2] and plan.refused == ()


def test_refusing_the_others_needs_a_reason():
    with pytest.raises(AmiError, match="motif du refus"):
        plan_selection(_answers(S.SUBMITTED, S.SUBMITTED), [2], " ", CEILING, closed=False)


def test_selected_answers_above_the_ceiling_must_be_amended_first():
    with pytest.raises(AmiError, match="amendez la réponse"):
        plan_selection(_answers(S.SUBMITTED, S.SUBMITTED), [1], "x", CEILING, closed=False)


def test_nothing_is_selected_in_a_closed_ami_nor_an_already_decided_answer():
    with pytest.raises(AmiError, match="clos"):
        plan_selection(_answers(S.SUBMITTED, S.SUBMITTED), [2], "x", CEILING, closed=True)
    with pytest.raises(AmiError, match="déjà décidée : 2027-AMI-002"):
        plan_selection(_answers(S.SUBMITTED, S.GRANTED), [2], "x", CEILING, closed=False)
    with pytest.raises(AmiError, match="au moins une"):
        plan_selection(_answers(S.SUBMITTED), [], "x", CEILING, closed=False)


def test_the_ami_closes_only_once_every_answer_is_decided():
    assert "2027-AMI-003" in close_error(_answers(S.GRANTED, S.REFUSED, S.SUBMITTED), False)
    assert close_error(_answers(S.GRANTED, S.REFUSED, S.WITHDRAWN), False) is None
    assert close_error(_answers(S.GRANTED), True) == "cet AMI est déjà clos"
    assert close_error([], False) == "aucune réponse n'est rattachée à cet AMI"


def test_a_dossier_of_another_year_or_call_cannot_answer():
    assert attach_error(False, 2027, 2026, S.DRAFT, None, 14) == (
        "le dossier porte sur 2026, l'AMI sur 2027")
    assert attach_error(False, 2027, 2027, S.DRAFT, 13, 14) == (
        "ce dossier est déjà rattaché à un autre appel")
    assert attach_error(True, 2027, 2027, S.DRAFT, None, 14).startswith("cet AMI est clos")
    assert attach_error(False, 2027, 2027, S.SUBMITTED, None, 14) is None


def test_only_a_draft_of_another_channel_may_become_an_answer():
    assert attach_error(False, 2027, 2027, S.DRAFT, None, 14, Channel.AAP) is None
    assert attach_error(False, 2027, 2027, S.SUBMITTED, None, 14, Channel.RESERVE) == (
        "ce dossier est déposé en « Enveloppe de réserve » : seul un brouillon change de "
        "modalité")


def test_a_submitted_answer_reaches_its_decision_through_every_lifecycle_step():
    assert steps_to(S.SUBMITTED, S.GRANTED, Channel.AMI) == [
        S.ADMISSIBLE, S.UNDER_REVIEW, S.REVIEWED, S.ON_AGENDA, S.GRANTED]
    assert steps_to(S.REVIEWED, S.REFUSED, Channel.AMI) == [S.ON_AGENDA, S.REFUSED]


def test_the_grid_shows_the_mean_of_each_criterion_over_the_instructors():
    grid = default_grid()
    marks = [(1, c.code, 4) for c in grid] + [(2, c.code, 3) for c in grid] + [(3, "PERT", 2)]
    column = grid_column(grid, marks)
    assert column.means["PERT"] == D("3.0")
    assert column.means["PART"] == D("3.5")
    assert column.scorers == 3


def test_a_criterion_nobody_marked_has_no_mean():
    column = grid_column(default_grid(), [(1, "PERT", 2)])
    assert column.means["PERT"] == D("2.0") and column.means["PART"] is None
