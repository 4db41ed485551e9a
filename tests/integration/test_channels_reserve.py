"""The RESERVE envelope on the demo: light instruction, co-instruction, balance, committee list."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from programmation.domain.channels import FundingLineStatus
from programmation.domain.committee import Decision
from programmation.domain.dossier import Application
from programmation.domain.funding import FundingLine
from programmation.domain.lifecycle import Status
from programmation.domain.money import format_eur
from programmation.domain.review import ReserveAgreement
from programmation.services import reserve
from programmation.services.errors import ServiceError

D = Decimal
NOW = datetime(2026, 11, 21, 15, 30)
A = reserve.AnswerInput


def _balances(db) -> dict[str, Decimal]:
    return {b.funder_code: b.balance for b in reserve.reserve_overview(db, 2026).balances}


def _id(db, reference: str) -> int:
    return next(r.id for r in reserve.reserve_overview(db, 2026).dossiers
                if r.reference == reference)


def _record(db, reference: str, *answers: reserve.AnswerInput):
    return reserve.record_coinstruction(db, reserve.RecordCoInstruction(
        _id(db, reference), answers, "Claire Vanhove"), now=lambda: NOW)


def _ask(db, reference: str, code: str, amount: Decimal) -> None:
    """On this copy, the dossier asks ``amount`` of the funder ``code`` (a line is added if the
    demo's dossier has none: its RESERVE dossiers ask no funder outside the reserve)."""
    dossier_id = _id(db, reference)
    with db.unit_of_work() as uow:
        dossier = uow.session.get(Application, dossier_id)
        line = next((x for x in dossier.funding_lines if x.funder.code == code), None)
        if line is None:
            funder = next(f for f in dossier.contract.funders if f.code == code)
            dossier.funding_lines.append(FundingLine(funder, dossier.year, amount))
        else:
            line.requested = amount
        uow.commit()


def test_the_balance_of_each_funder_is_its_envelope_minus_what_was_granted(demo_database):
    overview = reserve.reserve_overview(demo_database, 2026)
    assert overview.ceiling == D("5000.00")
    for balance in overview.balances:
        assert balance.balance == balance.envelope - balance.granted
        assert balance.balance >= 0
    assert sum(b.granted for b in overview.balances) == sum(r.granted for r in overview.dossiers)
    assert overview.last_committee.isoformat() == "2026-03-12"


def test_a_reserve_decision_with_two_funders_agreeing_lowers_their_balance(demo_copy):
    _ask(demo_copy, "2026-RESERVE-003", "CAF", D("1500"))
    before = _balances(demo_copy)
    waiting = _record(demo_copy, "2026-RESERVE-003", A("ETAT-147", True, D("800"),
                                                       "Mehdi Saïdi"))
    assert waiting.granted is None
    assert waiting.waiting_for == ("Cœur de Flandre agglo", "Ville d'Hazebrouck")
    assert _balances(demo_copy) == before
    done = _record(demo_copy, "2026-RESERVE-003",
                   A("EPCI", True, D("1000"), "Claire Vanhove"),
                   A("VILLE", False, D("0"), "Anne Dufour", "Enveloppe gardée pour l'été"))
    assert (done.granted, done.total) == (True, D("1800.00"))
    after = _balances(demo_copy)
    assert after == {"ETAT-147": before["ETAT-147"] - 800, "EPCI": before["EPCI"] - 1000,
                     "VILLE": before["VILLE"]}
    with demo_copy.unit_of_work() as uow:
        dossier = uow.session.get(Application, _id(demo_copy, "2026-RESERVE-003"))
        assert dossier.status is Status.GRANTED
        last = dossier.history[-1]
        assert (last.from_status, last.actor, last.at) == (Status.REVIEWED, "Claire Vanhove", NOW)
        assert "Mehdi Saïdi" in last.reason and "Anne Dufour" in last.reason
        lines = {line.funder.code: line for line in dossier.funding_lines}
        assert (lines["ETAT-147"].granted, lines["ETAT-147"].status) == (
            D("800.00"), FundingLineStatus.VOTED)
        assert (lines["VILLE"].granted, lines["VILLE"].status) == (D("0.00"),
                                                                   FundingLineStatus.REFUSED)
        assert lines["CAF"].granted is None  # outside the reserve: decided by the CAF itself
        agreements = uow.session.scalars(select(ReserveAgreement).where(
            ReserveAgreement.application_id == dossier.id)).all()
        assert sorted((a.funder.code, a.agreed, a.agreed_by) for a in agreements) == [
            ("EPCI", True, "Claire Vanhove"), ("ETAT-147", True, "Mehdi Saïdi"),
            ("VILLE", False, "Anne Dufour")]
        assert uow.session.scalars(select(Decision).where(
            Decision.application_id == dossier.id)).one().committee_id is None
    informed = reserve.decided_since_last_committee(demo_copy)
    assert "2026-RESERVE-003" in [row.reference for row in informed]
    row = next(r for r in informed if r.reference == "2026-RESERVE-003")
    assert row.granted == D("1800.00") and "Mehdi Saïdi" in row.answers


def test_an_agreement_above_the_balance_is_refused_and_nothing_is_written(demo_copy):
    before = _balances(demo_copy)
    with demo_copy.unit_of_work() as uow:  # the demo's granted dossiers carry theirs
        agreements = uow.session.scalar(select(func.count()).select_from(ReserveAgreement))
    with pytest.raises(ServiceError, match="dépasse le solde de l'enveloppe de réserve"):
        _record(demo_copy, "2026-RESERVE-003",
                A("ETAT-147", True, before["ETAT-147"] + D("0.01"), "Mehdi Saïdi"),
                A("EPCI", True, D("100"), "Claire Vanhove"))
    assert _balances(demo_copy) == before
    with demo_copy.unit_of_work() as uow:
        assert uow.session.scalar(select(func.count()).select_from(ReserveAgreement)) == \
            agreements
        dossier = uow.session.get(Application, _id(demo_copy, "2026-RESERVE-003"))
        assert dossier.status is Status.REVIEWED
        assert all(line.granted is None for line in dossier.funding_lines)


def test_light_instruction_records_each_step_and_warns_about_the_ceiling(demo_copy):
    dossier_id = _id(demo_copy, "2026-RESERVE-004")
    # the demo's dossier asks less than the ceiling: the State alone now asks it all
    _ask(demo_copy, "2026-RESERVE-004", "ETAT-147",
         reserve.reserve_overview(demo_copy, 2026).ceiling)
    warnings = reserve.instruct_lightly(demo_copy, dossier_id, "Anne Dufour",
                                        now=lambda: NOW)
    assert warnings and "au-dessus du plafond par projet" in warnings[0]
    with demo_copy.unit_of_work() as uow:
        dossier = uow.session.get(Application, dossier_id)
        assert [h.to_status for h in dossier.history][-3:] == [
            Status.ADMISSIBLE, Status.UNDER_REVIEW, Status.REVIEWED]
        assert all(h.actor == "Anne Dufour" for h in dossier.history[-3:])
    with pytest.raises(ServiceError, match="l'instruction allégée porte sur un dossier déposé"):
        reserve.instruct_lightly(demo_copy, dossier_id, "Anne Dufour")


def test_a_dossier_not_yet_instructed_cannot_be_decided(demo_copy):
    form = reserve.coinstruction_form(demo_copy, _id(demo_copy, "2026-RESERVE-004"))
    assert form.blocker == "faites d'abord l'instruction allégée du dossier"
    with pytest.raises(ServiceError, match="instruction allégée"):
        _record(demo_copy, "2026-RESERVE-004", A("ETAT-147", True, D("10"), "Mehdi Saïdi"))


def test_the_coinstruction_form_proposes_each_funders_instructor(demo_copy):
    form = reserve.coinstruction_form(demo_copy, _id(demo_copy, "2026-RESERVE-003"))
    assert form.outside == ()  # the demo's RESERVE dossiers ask only the reserve's funders
    _ask(demo_copy, "2026-RESERVE-003", "CAF", D("1500"))
    form = reserve.coinstruction_form(demo_copy, _id(demo_copy, "2026-RESERVE-003"))
    assert [(p.funder_code, p.suggested_person) for p in form.participants] == [
        ("ETAT-147", "Mehdi Saïdi"), ("EPCI", "Claire Vanhove"), ("VILLE", "Anne Dufour")]
    assert form.outside == (f"CAF du Nord : {format_eur(D('1500'))}",)
    assert form.blocker is None
