"""A full AMI on the demo: compared on the grid, amended, one answer selected, closed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from programmation.domain.call import Call
from programmation.domain.channels import Channel, FundingLineStatus
from programmation.domain.committee import Decision
from programmation.domain.dossier import Application
from programmation.domain.lifecycle import Status
from programmation.domain.review import Revision
from programmation.services import ami
from programmation.services.errors import ServiceError
from programmation.services.lifecycle import ChangeStatus, change_status
from programmation.services.scoring import SaveMarks, save_marks

D = Decimal
NOW = datetime(2026, 11, 21, 10, 0)
TITLE = "AMI — Médiation santé dans le quartier Pasteur-Foch"


@dataclass(frozen=True)
class Answer:
    id: int
    status: Status


def _answers(db) -> dict[str, Answer]:
    with db.unit_of_work() as uow:
        call = uow.session.scalars(select(Call).where(Call.title == TITLE)).one()
        found = uow.session.scalars(select(Application).where(
            Application.call_id == call.id)).all()
        return {a.reference: Answer(a.id, a.status) for a in found}


def _ami_id(db) -> int:
    return next(row.id for row in ami.list_amis(db) if row.title == TITLE)


def _people(db) -> dict[str, int]:
    from programmation.services.instruction import list_people

    return {p.name: p.id for p in list_people(db)}


def _score(db, reference: str, person: str, value: int) -> None:
    marks = dict.fromkeys(("PERT", "COHE", "ENJE", "EFFI", "EFFN", "PART"), value)
    save_marks(db, SaveMarks(_answers(db)[reference].id, _people(db)[person], marks),
               now=lambda: NOW)


def test_the_demo_ami_compares_its_three_answers_and_flags_those_above_the_ceiling(
        demo_database):
    comparison = ami.compare_answers(demo_database, _ami_id(demo_database))
    assert comparison.ceiling == D("18000.00")
    assert [a.reference for a in comparison.answers] == [
        "2027-AMI-001", "2027-AMI-002", "2027-AMI-003"]
    flagged = [a.reference for a in comparison.answers if a.flags]
    assert flagged == [a.reference for a in comparison.answers if a.amount > D("18000")]
    assert flagged, "the demo has answers above the ceiling to amend"
    assert comparison.close_blocker.startswith("réponse(s) non décidée(s)")


def test_the_grid_shows_each_answers_mean_marks_and_total(demo_copy):
    _score(demo_copy, "2027-AMI-001", "Claire Vanhove", 4)
    _score(demo_copy, "2027-AMI-001", "Mehdi Saïdi", 3)
    # the demo has 2027-AMI-002 scored by Claire Vanhove and Mehdi Saïdi: their marks are
    # replaced, then a third instructor scores it
    _score(demo_copy, "2027-AMI-002", "Claire Vanhove", 3)
    _score(demo_copy, "2027-AMI-002", "Mehdi Saïdi", 1)
    _score(demo_copy, "2027-AMI-002", "Anne Dufour", 2)
    comparison = ami.compare_answers(demo_copy, _ami_id(demo_copy))
    first, second, third = comparison.answers
    assert first.means == (D("3.5"),) * 6 and first.total == D("87.5")
    assert first.scorers == 2
    assert second.means == (D("2.0"),) * 6
    assert second.total == D("50.0") and second.scorers == 3
    assert third.total is None and third.means == (None,) * 6


def test_a_full_ami_amended_selected_refused_and_closed(demo_copy):
    call_id = _ami_id(demo_copy)
    chosen = _answers(demo_copy)["2027-AMI-001"]
    before = ami.answer_versions(demo_copy, chosen.id).current
    amounts = tuple((code, amount) for code, amount in _codes(demo_copy, chosen.id))
    lowered = tuple((code, amount - D("1500") if code == "ETAT-147" else amount)
                    for code, amount in amounts)
    ami.amend_answer(demo_copy, ami.AmendAnswer(
        chosen.id, "Présence deux jours par semaine à la maison de quartier",
        before.total_cost, lowered, "Présence réduite, cofinancement maintenu",
        "Claire Vanhove"), now=lambda: NOW)
    versions = ami.answer_versions(demo_copy, chosen.id)
    assert versions.original == before
    assert versions.current.requested == before.requested - D("1500")
    assert versions.current.summary.startswith("Présence deux jours")
    assert versions.notes == ("Présence réduite, cofinancement maintenu",)
    assert versions.current.requested <= D("18000")

    result = ami.select_answers(demo_copy, ami.SelectAnswers(
        call_id, (chosen.id,), "Ancrage dans le quartier moins établi", "Comité de programmation"),
        now=lambda: NOW)
    assert result.granted == ("2027-AMI-001",)
    assert result.refused == ("2027-AMI-002", "2027-AMI-003")
    answers = _answers(demo_copy)
    assert answers["2027-AMI-001"].status is Status.GRANTED
    assert {answers[r].status for r in result.refused} == {Status.REFUSED}
    ami.close_ami(demo_copy, call_id)
    assert next(r for r in ami.list_amis(demo_copy) if r.id == call_id).closed
    _assert_recorded(demo_copy, chosen.id)


def _codes(db, application_id: int) -> list[tuple[str, Decimal]]:
    with db.unit_of_work() as uow:
        application = uow.session.get(Application, application_id)
        return [(line.funder.code, line.requested) for line in application.funding_lines]


def _assert_recorded(db, chosen_id: int) -> None:
    with db.unit_of_work() as uow:
        chosen = uow.session.get(Application, chosen_id)
        assert [h.to_status for h in chosen.history][-2:] == [Status.ON_AGENDA, Status.GRANTED]
        assert chosen.history[-1].actor == "Comité de programmation"
        assert all(line.granted == line.requested and line.status is FundingLineStatus.VOTED
                   for line in chosen.funding_lines)
        refused = uow.session.scalars(select(Application).where(
            Application.reference == "2027-AMI-003")).one()
        assert refused.history[-1].reason == "Ancrage dans le quartier moins établi"
        assert all(line.granted == 0 and line.opinion_reason == refused.history[-1].reason
                   for line in refused.funding_lines)
        decisions = uow.session.scalars(select(Decision)).all()
        mine = [d for d in decisions if d.application.call is chosen.call]
        assert sorted(d.outcome.value for d in mine) == ["granted", "refused", "refused"]
        revision = uow.session.scalars(select(Revision).where(
            Revision.application_id == chosen_id, Revision.note.like("AMI%"))).one()
        assert json.loads(revision.snapshot)["summary"] != chosen.summary


def test_selecting_an_answer_above_the_ceiling_is_refused_and_nothing_is_written(demo_copy):
    answers = _answers(demo_copy)
    above = next(a for a in ami.compare_answers(demo_copy, _ami_id(demo_copy)).answers
                 if a.flags)
    with pytest.raises(ServiceError, match="amendez la réponse"):
        ami.select_answers(demo_copy, ami.SelectAnswers(
            _ami_id(demo_copy), (above.id,), "Autres moins adaptées", "Comité"))
    assert {r: a.status for r, a in _answers(demo_copy).items()} == {
        r: a.status for r, a in answers.items()}


def test_a_closed_ami_receives_and_amends_nothing(demo_copy):
    call_id = _ami_id(demo_copy)
    second = _answers(demo_copy)["2027-AMI-002"]
    ami.select_answers(demo_copy, ami.SelectAnswers(call_id, (second.id,), "Moins adaptée",
                                                    "Comité"))
    ami.close_ami(demo_copy, call_id)
    with pytest.raises(ServiceError, match="il ne s'amende plus"):
        ami.amend_answer(demo_copy, ami.AmendAnswer(second.id, "x", D("1"), (), "note", "Claire"))
    with pytest.raises(ServiceError, match="clos"):
        ami.close_ami(demo_copy, call_id)


def test_a_new_need_receives_a_drafted_answer_and_an_attached_dossier(demo_copy):
    from programmation.domain.ami import AmiNeed

    need = AmiNeed(2027, "AMI — Jardin nourricier", "Un jardin cultivé avec les habitants",
                   "ECO", D("12000"), "Participation des habitants",
                   datetime(2027, 1, 5).date(), datetime(2027, 3, 1).date(),
                   datetime(2027, 4, 2).date())
    call_id = ami.publish_need(demo_copy, ami.PublishNeed(need, "Claire Vanhove"))
    drafted = ami.draft_answer(demo_copy, ami.DraftAnswer(
        call_id, "Les Jardiniers de Flandre", "Jardin nourricier Pasteur", "Parcelles partagées",
        (("ETAT-147", D("4000")), ("VILLE", D("2000"))), "Claire Vanhove"))
    with demo_copy.unit_of_work() as uow:
        draft = uow.session.get(Application, drafted)
        assert (draft.channel, draft.status, draft.call_id) == (Channel.AMI, Status.DRAFT,
                                                               call_id)
        assert draft.requested_total() == D("6000.00")
        assert draft.pillar.code == "ECO"
        loose = Application("2027-AMI-099", 2027, Channel.AMI, "Potager", draft.carrier,
                            draft.pillar, contract=draft.contract)
        uow.session.add(loose)
        uow.commit()
        loose_id = loose.id
    assert [i for i, _ in ami.attachable_dossiers(demo_copy, call_id)] == [loose_id]
    ami.attach_answer(demo_copy, ami.AttachAnswer(call_id, loose_id, "Claire Vanhove"))
    references = [a.reference for a in ami.compare_answers(demo_copy, call_id).answers]
    assert references == [draft.reference, "2027-AMI-099"]
    with pytest.raises(ServiceError, match="répond déjà"):
        ami.attach_answer(demo_copy, ami.AttachAnswer(call_id, loose_id, "Claire Vanhove"))


def test_a_need_without_ceiling_is_refused_with_its_field_named(demo_copy):
    from programmation.domain.ami import AmiNeed

    need = AmiNeed(2027, "AMI", "Un besoin", "SAN", None, "critères", None, None, None)
    with pytest.raises(ServiceError, match="plafond budgétaire du besoin manquant"):
        ami.publish_need(demo_copy, ami.PublishNeed(need, "Claire"))
    assert len(ami.list_amis(demo_copy)) == 1


def test_an_answer_still_deposited_can_be_declared_admissible_then_scored(demo_copy):
    third = _answers(demo_copy)["2027-AMI-003"]
    change_status(demo_copy, ChangeStatus([third.id], Status.ADMISSIBLE, "Claire Vanhove"))
    _score(demo_copy, "2027-AMI-003", "Claire Vanhove", 1)
    column = ami.compare_answers(demo_copy, _ami_id(demo_copy)).answers[2]
    assert column.total == D("25.0")
