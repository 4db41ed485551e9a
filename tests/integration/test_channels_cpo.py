"""CPOs on the demo: renewal blocked until the bilan, payments, a new CPO, the envelopes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import delete, select

from programmation.adapters.persistence import tables as t
from programmation.domain.channels import Channel, PaymentKind
from programmation.domain.dossier import Application, Carrier
from programmation.domain.follow_up import Agreement
from programmation.domain.lifecycle import Status
from programmation.services import cpo
from programmation.services.errors import ServiceError

D = Decimal
NOW = datetime(2026, 11, 21, 9, 0)


def _id(db, reference: str) -> int:
    return next(r.id for r in cpo.list_cpos(db) if r.reference == reference)


def _bilan(db, application_id: int, year: int) -> None:
    cpo.record_bilan(db, cpo.RecordBilan(application_id, year, date(year + 1, 5, 30), True,
                                         D("30000"), 48, "Objectifs atteints", "Mehdi Saïdi"))


def _undo_renewals(db, application_id: int, from_year: int) -> None:
    """On this copy, take back the demo's renewals from ``from_year`` on: those years are
    back at the committee's decision, unpaid, and the bilans they rested on are gone."""
    with db.unit_of_work() as uow:
        application = uow.session.get(Application, application_id)
        first = {line.funder.code: line for line in application.lines_for(application.year)}
        undone = [line for line in application.funding_lines if line.year >= from_year]
        for line in undone:
            line.decision_reference = first[line.funder.code].decision_reference
            line.decision_date = first[line.funder.code].decision_date
        uow.session.execute(delete(t.payment).where(
            t.payment.c.funding_line_id.in_([line.id for line in undone])))
        uow.session.execute(delete(t.report).where(
            t.report.c.application_id == application_id, t.report.c.year >= from_year - 1))
        uow.commit()


def test_renewal_is_blocked_until_the_bilan_then_allowed(demo_copy):
    mission = _id(demo_copy, "2024-CPO-001")
    assert cpo.cpo_timeline(demo_copy, mission).renewal_blocker == (
        "toutes les années sont confirmées")  # the demo renewed it: take that back
    _undo_renewals(demo_copy, mission, 2025)
    timeline = cpo.cpo_timeline(demo_copy, mission)
    assert timeline.next_renewal == 2025
    assert timeline.renewal_blocker == ("le bilan 2024 n'est pas encore reçu : la reconduction "
                                        "2025 l'attend")
    with pytest.raises(ServiceError, match="bilan 2024"):
        cpo.renew_year(demo_copy, mission, 2025, "Mehdi Saïdi")
    assert not cpo.cpo_timeline(demo_copy, mission).years[1].confirmed
    _bilan(demo_copy, mission, 2024)
    assert cpo.cpo_timeline(demo_copy, mission).renewal_blocker is None
    cpo.renew_year(demo_copy, mission, 2025, "Mehdi Saïdi", now=lambda: NOW)
    timeline = cpo.cpo_timeline(demo_copy, mission)
    year_2025 = timeline.years[1]
    assert year_2025.confirmed and year_2025.confirmation == "Reconduite le 21/11/2026"
    assert year_2025.granted == timeline.years[0].granted  # the same amount: no degressivity
    assert timeline.next_renewal == 2026
    assert timeline.renewal_blocker.startswith("le bilan 2025 n'est pas encore reçu")
    with demo_copy.unit_of_work() as uow:
        lines = uow.session.get(Application, mission).lines_for(2025)
        assert {line.decision_reference for line in lines} == {"Reconduction 2025"}
        assert all("Mehdi Saïdi" in line.opinion_reason for line in lines)


def test_a_year_is_paid_only_once_confirmed_and_never_beyond_what_is_granted(demo_copy):
    mission = _id(demo_copy, "2024-CPO-001")
    _undo_renewals(demo_copy, mission, 2026)
    with pytest.raises(ServiceError, match="2026 n'est pas encore confirmée"):
        cpo.record_payment(demo_copy, cpo.RecordPayment(
            mission, 2026, "ETAT-147", PaymentKind.ADVANCE, D("100"), date(2026, 7, 1), "Finance"))
    _bilan(demo_copy, mission, 2025)
    cpo.renew_year(demo_copy, mission, 2026, "Mehdi Saïdi", now=lambda: NOW)
    last = cpo.cpo_timeline(demo_copy, mission).years[2]
    state = next(line for line in last.lines if line.funder.startswith("État — crédits"))
    assert state.paid == 0 and state.granted > 0
    left = state.granted - state.paid
    with pytest.raises(ServiceError, match="dépasse ce qui reste à verser"):
        cpo.record_payment(demo_copy, cpo.RecordPayment(
            mission, 2026, "ETAT-147", PaymentKind.BALANCE, left + D("0.01"), date(2026, 12, 1),
            "Finance"))
    cpo.record_payment(demo_copy, cpo.RecordPayment(
        mission, 2026, "ETAT-147", PaymentKind.BALANCE, left, date(2026, 12, 1), "Finance"))
    paid = next(line for line in cpo.cpo_timeline(demo_copy, mission).years[2].lines
                if line.funder == state.funder)
    assert paid.paid == paid.granted


def test_an_avenant_needs_the_convention_and_then_appears_on_the_timeline(demo_copy):
    sante = _id(demo_copy, "2024-CPO-002")
    with demo_copy.engine.begin() as connection:  # the demo recorded it: take it back
        connection.execute(delete(t.agreement).where(t.agreement.c.application_id == sante))
    assert cpo.cpo_timeline(demo_copy, sante).convention == "Convention non enregistrée"
    with pytest.raises(ServiceError, match="enregistrez d'abord la convention"):
        cpo.add_amendment(demo_copy, sante, date(2025, 9, 1), "Permanence le samedi")
    with pytest.raises(ServiceError, match="mesure d'impact social est obligatoire"):
        cpo.record_convention(demo_copy, cpo.RecordConvention(sante, "CPO-2024-02",
                                                              date(2024, 4, 2), " "))
    cpo.record_convention(demo_copy, cpo.RecordConvention(
        sante, "CPO-2024-02", date(2024, 4, 2), "Part des habitants suivis ayant un médecin"))
    cpo.add_amendment(demo_copy, sante, date(2025, 9, 1), "Permanence le samedi")
    timeline = cpo.cpo_timeline(demo_copy, sante)
    assert timeline.convention == "CPO-2024-02 — signée le 02/04/2024"
    assert timeline.amendments == ((date(2025, 9, 1), "Permanence le samedi"),)


def _carrier_id(db) -> int:
    with db.unit_of_work() as uow:
        return uow.session.scalars(select(Carrier.id).where(Carrier.name == "Mission Locale")).one()


def test_a_degressive_cpo_is_refused_with_a_message_and_an_even_one_is_created(demo_copy):
    def command(third: str, impact: str = "Sorties positives à 6 mois") -> cpo.CreateCpo:
        amounts = (("ETAT-147", 2027, D("9000")), ("ETAT-147", 2028, D("9000")),
                   ("ETAT-147", 2029, D(third)), ("VILLE", 2027, D("2000")),
                   ("VILLE", 2028, D("2000")), ("VILLE", 2029, D("2000")))
        return cpo.CreateCpo(_carrier_id(demo_copy), "Parcours vers l'emploi", "EMP", 2027,
                             amounts, impact, "Claire Vanhove")

    count = len(cpo.list_cpos(demo_copy))
    with pytest.raises(ServiceError, match="moins que les 9\u202f000,00\u00a0€ de 2027 — "
                                           "une CPO est sans dégressivité"):
        cpo.create_cpo(demo_copy, command("7000"))
    with pytest.raises(ServiceError, match="mesure d'impact social"):
        cpo.create_cpo(demo_copy, command("9000", impact=""))
    assert len(cpo.list_cpos(demo_copy)) == count
    new_id = cpo.create_cpo(demo_copy, command("9000"), now=lambda: NOW)
    with demo_copy.unit_of_work() as uow:
        application = uow.session.get(Application, new_id)
        assert (application.channel, application.status, application.duration_years) == (
            Channel.CPO, Status.DRAFT, 3)
        assert [application.requested_total(y) for y in (2027, 2028, 2029)] == [D("11000.00")] * 3
        agreement = uow.session.scalars(select(Agreement).where(
            Agreement.application_id == new_id)).one()
        assert (agreement.first_year, agreement.last_year) == (2027, 2029)
        assert agreement.social_impact_measure == "Sorties positives à 6 mois"
    envelopes = cpo.multi_year_envelopes(demo_copy)
    state_2029 = next(r for r in envelopes.rows if r.year == 2029 and r.funder.startswith("État "
                                                                                         "— cr"))
    assert state_2029.pending >= D("9000")


def test_the_multi_year_view_shows_cpo_commitments_and_the_state_floor(demo_database):
    envelopes = cpo.multi_year_envelopes(demo_database)
    assert envelopes.basis == "Montants"
    state = {r.year: r for r in envelopes.rows if r.funder.startswith("État — crédits")}
    assert state[2026].committed > 0 and state[2027].committed == 0
    assert state[2027].pending > 0 and state[2028].pending == state[2027].pending
    floors = {f.year: f for f in envelopes.floors if f.required}
    check = floors[2026].check  # the programming view's rule: test_cpo_floor_one_rule.py
    assert check.cpo_value == state[2026].committed
    assert floors[2026].envelope == state[2026].envelope  # shown beside the share
    assert check.met is (check.cpo_value >= check.whole_value / 2)
